"""The data model: a setup read from a file is hashable (the per-setup caches key on it), and the
argument checks of the toolkit refuse bad values in one line."""

import json

import pytest

from pluralnash.cli import main
from pluralnash.numeric import Landscape, parse_setup
from pluralnash.numeric.model.validate import check_fraction_in, check_int
from pluralnash.theory import InvalidArgument

SETUP = {"exp_rewards": [["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], "exp_eps": "9/10",
         "atoms": [[0, 1], [1, 0], [0.5, 0.5]]}


def _check(tmp_path, capsys, setup):
    path = tmp_path / "setup.json"
    path.write_text(json.dumps(setup))
    code = main(["check", "collapse-criterion", "--setup", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_setup_with_coordinate_atoms_is_checked(tmp_path, capsys):
    code, out, err = _check(tmp_path, capsys, {**SETUP, "name": "two rewards"})
    assert code == 0 and "Traceback" not in err and "conclusion HOLDS" in out
    L = parse_setup(json.dumps(SETUP))
    assert hash(L) == hash(parse_setup(json.dumps(SETUP)))  # the caches can key on it


@pytest.mark.parametrize("name", [["a", "b"], {"x": 1}, 3])
def test_a_setup_name_that_is_not_a_string_is_one_line(tmp_path, capsys, name):
    code, out, err = _check(tmp_path, capsys, {**SETUP, "name": name})
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1, err
    assert "name=" in err and "not a string" in err
    with pytest.raises(InvalidArgument, match="not a string"):
        Landscape(exp_rewards=[[1, 2]], name=name)


BAD_INTS = [
    (dict(value=0, name="steps", low=1, example="steps=4"), "steps=0 must be a whole number >= 1; pass e.g. steps=4"),
    (dict(value=True, name="K", low=2), "K=True must be a whole number >= 2; pass e.g. K=2"),
    (dict(value=2.0, name="bits", low=8, high=4096, example="bits=160"),
     "bits=2.0 must be a whole number from 8 to 4096; pass e.g. bits=160"),
    (dict(value=11, name="steps", low=0, high=10, example="steps=5", above=", or split the run"),
     "steps=11 must be a whole number from 0 to 10; pass e.g. steps=5, or split the run"),
    (dict(value=1, name="K", low=2, rule=">= 2 (at least two candidates)", fix="pass K=2 or more"),
     "K=1 must be >= 2 (at least two candidates); pass K=2 or more"),
]


@pytest.mark.parametrize("kwargs, message", BAD_INTS)
def test_check_int_names_the_value_the_rule_and_the_fix(kwargs, message):
    with pytest.raises(InvalidArgument) as info:
        check_int(kwargs.pop("value"), kwargs.pop("name"), **kwargs)
    assert str(info.value) == message


def test_check_int_and_check_fraction_in_pass_good_values():
    assert check_int(10, "steps", low=0, high=10) == 10
    assert check_int(-3, "offset") == -3
    with pytest.raises(InvalidArgument, match=r"lam=2 must lie in \[0, 1\]; pass e.g. lam='1/2'"):
        check_fraction_in(2, "lam", low=0, high=1, rule="lie in [0, 1]", fix="pass e.g. lam='1/2'")
    assert check_fraction_in(1, "lam", low=0, high=1, rule="lie in [0, 1]", fix="-") == 1
    with pytest.raises(InvalidArgument, match="must lie in"):
        check_fraction_in(1, "x", low=0, high=1, open_high=True, rule="lie in [0, 1)", fix="-")


def test_per_setup_keys_on_the_setup_value_and_is_bounded():
    from pluralnash.numeric.model.cache import per_setup

    calls = []

    @per_setup(maxsize=2)
    def width(setup, dps):
        calls.append((setup, dps))
        return setup.n * dps

    a = Landscape(exp_rewards=[[1, 2]], atoms=[[0, 1], [1, 0]])
    assert width(a, 3) == width(Landscape(exp_rewards=[[1, 2]], atoms=[(0, 1), (1, 0)]), 3) == 6
    assert len(calls) == 1                        # an equal setup (atoms as lists or tuples) is a hit
    width(a, 4), width(a, 5), width(a, 3)
    assert len(calls) == 4 and width.cache_info().currsize == 2  # bounded: (a, 3) was dropped

    class Duck:                                   # a caller's unhashable setup is computed afresh
        n = 2
        __hash__ = None
    assert width(Duck(), 1) == width(Duck(), 1) == 2 and len(calls) == 6
    with pytest.raises(InvalidArgument, match="maxsize=None must be a whole number >= 1"):
        per_setup(None)


def test_the_large_k_stepper_is_shared_by_equal_setups():
    from pluralnash.numeric.engines.dynamics import _stepper

    _stepper.cache_clear()
    a = Landscape(exp_rewards=[["3", "1"], ["1", "3"]])
    assert _stepper(a, 30) is _stepper(Landscape(exp_rewards=[["3", "1"], ["1", "3"]]), 30)
    assert _stepper(a, 30) is not _stepper(a, 40) and _stepper.cache_info().currsize == 2


def test_replace_file_writes_text_or_bytes_atomically_with_the_umask(tmp_path):
    import os

    from pluralnash.numeric.model.fileio import replace_file

    target = tmp_path / "out.json"
    target.write_text("old")
    replace_file(str(target), "nouveau \u03bb\n")
    assert target.read_bytes() == "nouveau \u03bb\n".encode("utf-8")
    replace_file(str(target), b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left
    with pytest.raises(OSError):
        replace_file(str(tmp_path / "missing" / "x.json"), "x")


def test_json_default_writes_exact_and_high_precision_numbers():
    from fractions import Fraction

    import mpmath

    from pluralnash.numeric.model.fileio import json_default

    with mpmath.workdps(40):
        third = mpmath.mpf(1) / 3
    text = json.dumps({"q": Fraction(1, 3), "x": third, "L": Landscape(exp_rewards=[[1, 2]]), "o": object},
                      default=json_default)
    data = json.loads(text)
    assert data["q"] == "1/3" and data["x"] == "0.333333333333333333333333333333"
    assert data["L"]["exp_rewards"] == [["1", "2"]] and data["o"] == "<class 'object'>"


def test_load_setup_speaks_of_its_own_argument(tmp_path, capsys):
    from pluralnash.numeric import load_setup

    missing = str(tmp_path / "none.json")
    with pytest.raises(InvalidArgument, match=r"^path='.*none\.json' does not exist; pass the path of a setup"):
        load_setup(missing)
    with pytest.raises(InvalidArgument, match=r"^--setup='.*none\.json' does not exist"):
        load_setup(missing, name="--setup")      # how the command line shows it
    assert main(["check", "collapse-criterion", "--setup", missing]) == 2
    assert f"--setup={missing!r} does not exist" in capsys.readouterr().err
