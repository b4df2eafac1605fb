"""Certified falsehoods once printed by the command line, run as a user would (main() in-process)."""

import json
from fractions import Fraction

import mpmath
import pytest

from pluralnash.cli import main

# a true instance with F* - F(p_5) about +1.7e-47 (independently, at 100 digits)
NEAR_OPTIMUM = {
    "exp_rewards": [["29/30", "1/5", "1/50"], ["2/15", "2/5", "1/50"], ["8/15", "14/15", "1/50"]],
    "weights": ["1/3", "1/3", "1/3"],
    "p0": ["426150130325031582878653026076712642696434321/1000000000000000000000000000000000000000000000",
           "573849869674968417121346973923287357303465679/1000000000000000000000000000000000000000000000",
           "1/10000000000000000000000000000000000000000"],
}


def _json(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def global_dps():
    saved = mpmath.mp.prec
    yield
    mpmath.mp.prec = saved


@pytest.mark.parametrize("dps", [15, 50])
def test_check_nash_limit_near_the_optimum_is_not_certified_false(tmp_path, capsys, global_dps, dps):
    path = tmp_path / "near.json"
    path.write_text(json.dumps(NEAR_OPTIMUM))
    mpmath.mp.dps = dps
    out = _json(capsys, "check", "nash-limit", "--setup", str(path), "--json", "-")
    assert out["conclusion"]["verdict"] != "FAILS"


def test_continuous_certify_overlapping_balls_enclose_each_whole_ball(capsys):
    # S_1 = [-1/10, 1/10] and S_2 = [0, 1/5] overlap; b = P(0 <= X <= 1/5) for X ~ N(0, 1)
    out = _json(capsys, "continuous", "--mu=0", "--mu=1/10", "--start", "gaussian:0,1", "--eps", "1/100",
                "--steps", "1", "--certify", "--json", "-")
    (a_lo, a_hi), (b_lo, b_hi) = out["records"][0]["enclosure"]["masses"]
    with mpmath.workdps(50):
        r = 1 / mpmath.sqrt(2)
        a, b = mpmath.erf(r / 10), mpmath.erf(r / 5) / 2
        assert mpmath.mpf(a_lo) <= a <= mpmath.mpf(a_hi)
        assert mpmath.mpf(b_lo) <= b <= mpmath.mpf(b_hi)
    assert Fraction(b_lo) > Fraction("0.079")  # not the first-ball-only 0.0394...
