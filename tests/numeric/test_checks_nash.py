"""check_nash_limit decides F(p_T) <= F* from the solver's certified enclosure of Z*, not a float slack."""

import dataclasses
import json
import pathlib
from fractions import Fraction

import mpmath
import pytest

import pluralnash.claims.core.checks as checks
from pluralnash.numeric import Landscape, solve_limit
from pluralnash.theory import Verdict

SETUP = dict(exp_rewards=[["1", "1/2", "1/5"], ["1/5", "1/2", "1"]], weights=["1/2", "1/2"], p0=["1/3", "1/3", "1/3"])
THREE = dict(exp_rewards=[["1", "1/3", "1/7", "1/2"], ["1/7", "1", "1/3", "1/2"], ["1/3", "1/7", "1", "1/2"]],
             weights=["1/2", "1/3", "1/6"], p0=["1/4", "1/4", "1/4", "1/4"])


@pytest.mark.parametrize("setup", [SETUP, THREE])
def test_true_limit_holds(setup):
    res = checks.check_nash_limit(Landscape(**setup), steps=6)
    assert res.verdict is Verdict.HOLDS and res.certified


def _shifted(scale, radius=None):
    real = solve_limit

    def fake(landscape, **kw):
        lim = real(landscape, **kw)
        Z = [Fraction(z) * scale if isinstance(z, Fraction) else z * scale for z in lim.Z]
        return dataclasses.replace(lim, Z=Z, exact=lim.exact, Z_radius=radius or lim.Z_radius)
    return fake


def test_planted_low_optimum_fails(monkeypatch):
    # negative control: a claimed optimum below what the dynamics already reach is certified false
    monkeypatch.setattr(checks, "solve_limit", _shifted(Fraction(1, 2)))
    res = checks.check_nash_limit(Landscape(**SETUP), steps=6)
    assert res.verdict is Verdict.FAILS and res.certified


def test_overlapping_enclosure_is_undecided(monkeypatch):
    # an enclosure of Z* so wide that F(p_T) <= F* cannot be signed: no verdict either way
    monkeypatch.setattr(checks, "solve_limit", _shifted(Fraction(1), radius=[mpmath.mpf("0.5")] * 2))
    res = checks.check_nash_limit(Landscape(**SETUP), steps=6)
    assert res.verdict is Verdict.UNDECIDED


# A true instance whose gap F* - F(p_5) is about +1.7e-47 (checked independently at 100 digits):
# rounding Z* to mpmath's global 53 bits before adding the enclosure radius certified a false FAILS.
NEAR_OPTIMUM = json.loads((pathlib.Path(__file__).parents[1] / "setups" / "near_optimum.json").read_text())


@pytest.fixture
def global_dps():
    saved = mpmath.mp.prec
    yield lambda d: setattr(mpmath.mp, "dps", d)
    mpmath.mp.prec = saved


def test_near_optimum_is_never_certified_false_whatever_the_global_precision(global_dps):
    verdicts = set()
    for dps in (15, 50, 60):
        global_dps(dps)
        res = checks.check_nash_limit(Landscape(**NEAR_OPTIMUM), steps=5)
        assert res.verdict is not Verdict.FAILS, (dps, res.reason)
        verdicts.add(res.verdict)
    assert len(verdicts) == 1


def test_z_star_box_keeps_every_bit_of_the_centre(global_dps):
    # the centre of the Z* box is the solver's mpf bit for bit, at any global precision
    global_dps(15)
    with mpmath.workdps(40):
        z = mpmath.mpf(1) / 3
    lim = type("Lim", (), {"Z": [z], "Z_radius": [mpmath.mpf(2) ** -200]})()
    with checks.iv_workprec(256):
        (box,) = checks.enclose_z_star(lim)
        assert box.a < z < box.b
        assert box.b - box.a <= mpmath.mpf(2) ** -198
