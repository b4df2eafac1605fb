"""`pluralnash continuous`: the exact engine from the command line, its JSON, and every bad argument."""

import json

import mpmath
import pytest

from pluralnash.numeric.engines.continuous import QuadraticLandscape, Uniform, run_continuous

BASE = ["continuous", "--mu=-1", "--mu=1", "--weights", "1/3,2/3", "--start", "uniform:-3,3", "--eps", "1/10"]




def test_table_is_the_engine_within_80_columns(run_cli, capsys):
    code, out, err = run_cli(*BASE, "--steps", "4", "--dps", "20")
    assert code == 0 and not err
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    head = next(k for k, line in enumerate(lines) if line.split()[:1] == ["t"])  # after the wrapped description
    assert lines[head].split() == ["t", "a_t", "b_t", "m_t"]
    assert "..." not in " ".join(lines[:head])  # the description wraps, it is not cut
    L = QuadraticLandscape(mu=[-1, 1], weights=["1/3", "2/3"], init=Uniform(-3, 3), eps="1/10")
    rec = run_continuous(L, 4, dps=20).records[-1]
    t, a, b, m = lines[-1].split()
    assert int(t) == 4
    for shown, exact in zip((a, b, m), (rec["a"], rec["b"], rec["m"])):
        assert abs(mpmath.mpf(shown) - exact) < 1e-11


def test_three_rewards_in_two_dimensions(run_cli, capsys):
    code, out, _ = run_cli("continuous", "--mu=-1,0", "--mu=1,0", "--mu=0,2", "--start", "gaussian:0:1,1",
                       "--steps", "2")
    assert code == 0
    assert "p_t(S_3)" in out and "by series" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_grid_cross_check_approaches_the_exact_masses(run_cli, capsys):
    diffs = []
    for cells in ("30", "120", "480"):
        code, out, _ = run_cli(*BASE, "--steps", "3", "--grid", cells, "--json", "-")
        assert code == 0
        data = json.loads(out)
        diffs.append(max(float(r["max_abs_difference"]) for r in data["grid"]["records"]))
    # the grid's basins are the cells whose midpoints lie in the balls: first-order edge error
    assert diffs[2] < diffs[1] < diffs[0] and diffs[2] < 0.01


def test_certify_encloses_every_printed_value(run_cli, capsys):
    code, out, err = run_cli(*BASE, "--steps", "3", "--certify", "--json", "-")
    assert code == 0 and not err
    data = json.loads(out)
    assert data["certified"] is True and data["certify_note"] == ""
    for rec in data["records"]:
        enc = rec["enclosure"]
        for value, (lo, hi) in zip(rec["masses"] + [rec["outside"]], enc["masses"] + [enc["outside"]]):
            assert mpmath.mpf(lo) <= mpmath.mpf(value) <= mpmath.mpf(hi)
    code, out, _ = run_cli(*BASE, "--steps", "3", "--certify")
    assert "certified: 12 of 12 printed values" in out and all(len(line) <= 80 for line in out.splitlines())


def test_certify_does_not_certify_digits_a_wide_enclosure_leaves_open(run_cli, capsys, monkeypatch):
    # planted: enclosures widened to +-1e-6 cannot certify 12 printed digits
    import pluralnash.numeric.engines.continuous as engine
    from mpmath import iv

    real = engine.run_continuous

    def widened(*args, **kw):
        tr = real(*args, **kw)
        for rec in tr.records:
            enc = rec["enclosure"]
            enc["masses"] = [iv.mpf([x.a - 1e-6, x.b + 1e-6]) for x in enc["masses"]]
        return tr

    monkeypatch.setattr(engine, "run_continuous", widened)
    code, out, _ = run_cli(*BASE, "--steps", "3", "--certify")
    assert code == 0 and "certified: 4 of 12 printed values" in out


def test_json_written_atomically_and_never_overwritten(run_cli, tmp_path, capsys):
    target = tmp_path / "run.json"
    assert run_cli(*BASE, "--steps", "2", "--json", str(target))[0] == 0
    data = json.loads(target.read_text())
    assert [r["t"] for r in data["records"]] == [0, 1, 2]
    assert data["landscape"]["weights"] == ["1/3", "2/3"]
    before = target.read_text()
    code, _, err = run_cli(*BASE, "--steps", "3", "--json", str(target))
    assert code == 2 and "exists" in err and "--force" in err
    assert target.read_text() == before
    assert run_cli(*BASE, "--steps", "3", "--json", str(target), "--force")[0] == 0
    assert len(json.loads(target.read_text())["records"]) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]


@pytest.mark.parametrize("argv, words", [
    (["continuous"], ["--mu"]),
    (["continuous", "--mu=a"], ["--mu='a'", "not a number"]),
    (["continuous", "--mu=1,", "--mu=2"], ["--mu='1,'", "empty entry"]),
    (["continuous", "--mu=1,2", "--mu=3"], ["--mu='3'", "1 coordinates", "R^2"]),
    (["continuous", "--mu=-1", "--mu=1", "--weights", "1/2"], ["--weights='1/2'", "one weight per centre"]),
    (["continuous", "--mu=-1", "--mu=1", "--weights", "1/2,3/4"], ["weights", "sum to 1"]),
    (["continuous", "--mu=1", "--beta", "0"], ["--beta=0", "> 0"]),
    (["continuous", "--mu=1", "--eps=-1/2"], ["--eps=-1/2", "> 0"]),
    (["continuous", "--mu=1", "--start", "normal:0,1"], ["--start='normal:0,1'", "gaussian:M0,S2"]),
    (["continuous", "--mu=1", "--start", "gaussian:0"], ["--start='gaussian:0'", "two values"]),
    (["continuous", "--mu=1", "--start", "uniform:3,-3"], ["low < high"]),
    (["continuous", "--mu=1", "--start", "gaussian:0,0"], ["var=0", "> 0"]),
    (["continuous", "--mu=1", "--start", "gaussian:0:0,1"], ["2 coordinates", "dimension 1"]),
    (["continuous", "--mu=1,0", "--start", "uniform:-1,1"], ["one-dimensional"]),
    (["continuous", "--mu=1", "--steps", "-1"], ["--steps"]),
    (["continuous", "--mu=1", "--dps", "5"], ["--dps=5", "10 to 2000"]),
    (["continuous", "--mu=1", "--every", "0"], ["--every=0"]),
    (["continuous", "--mu=1", "--grid", "1"], ["--grid=1"]),
    (["continuous", "--mu=1,0", "--grid", "10"], ["--grid=10", "d = 1"]),
    (["continuous", "--mu=1", "--mu=2", "--mu=3", "--steps", "5000"], ["Gaussian terms", "fewer steps"]),
    (["continuous", "--mu=1", "--json", "/no/such/folder/run.json"], ["does not exist"]),
])
def test_bad_arguments_one_line_exit_2(run_cli, capsys, argv, words):
    code, out, err = run_cli(*argv)
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("argv", [["continuous", "--mu", "0", "--certify"], ["reproduce", "table3", "--setting", "A"]])
def test_a_bad_erf_backend_setting_stops_before_any_work(run_cli, capsys, monkeypatch, argv):
    monkeypatch.setenv("PLURALNASH_ARB", "bogus")
    code, out, err = run_cli(*argv)
    assert code == 2 and not out and err.count("\n") == 1
    assert "PLURALNASH_ARB='bogus'" in err and "unset it" in err
