"""check_nash_limit decides F(p_T) <= F* from the solver's certified enclosure of Z*, not a float slack."""

import dataclasses
from fractions import Fraction

import mpmath
import pytest

import pluralnash.numeric._checks as checks
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
