"""`pluralnash limit` on a landscape whose maximisers of F form a segment."""

import json

import pytest

from pluralnash.cli import main

TIE = {"exp_rewards": [["1", "1/100", "101/200"], ["1/100", "1", "101/200"]], "weights": ["1/2", "1/2"]}


@pytest.mark.parametrize("p0, limit", [(["1/3", "1/3", "1/3"], "p0 itself"),
                                       (["1/2", "1/4", "1/4"], "do not single out")])
def test_limit_prints_the_maximiser_set_not_a_member(capsys, tmp_path, p0, limit):
    path = tmp_path / "tie.json"
    path.write_text(json.dumps({**TIE, "p0": p0}))
    code = main(["limit", "--setup", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "the maximisers of F are not unique" in out and "2 vertices" in out
    assert "vertex: p[0] = 1/2, p[1] = 1/2" in out and "vertex: p[2] = 1" in out
    assert limit in out
    # the vertex (0, 0, 1) is never printed as the limit
    assert "p*[2] = 1\n" not in out
    code = main(["limit", "--setup", str(path), "--json", "-"])
    data = json.loads(capsys.readouterr()[0])
    assert data["unique"] is False and len(data["maximisers"]["vertices"]) == 2
    assert data["p"] == (["1/3", "1/3", "1/3"] if p0[0] == "1/3" else None)
