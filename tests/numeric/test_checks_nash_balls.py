"""check_nash_limit with its steps in arb balls (python-flint), the path taken at scale.

Forced on small setups, the ball path must reach the exact path's verdict on the statement and on
its planted variants (a low optimum, an overlapping enclosure, the utilitarian potential, each
reward's best as the limit); at the default threshold it is taken and reports its progress.
"""

from fractions import Fraction

import mpmath
import pytest

pytest.importorskip("flint")

import pluralnash.claims.core.checks as checks  # noqa: E402
from pluralnash.numeric import Landscape  # noqa: E402
from pluralnash.theory import Verdict  # noqa: E402

from pluralnash.numeric import solve_limit  # noqa: E402

SETUP = dict(exp_rewards=[["1", "1/2", "1/5"], ["1/5", "1/2", "1"]], weights=["1/2", "1/2"], p0=["1/3", "1/3", "1/3"])
THREE = dict(exp_rewards=[["1", "1/3", "1/7", "1/2"], ["1/7", "1", "1/3", "1/2"], ["1/3", "1/7", "1", "1/2"]],
             weights=["1/2", "1/3", "1/6"], p0=["1/4", "1/4", "1/4", "1/4"])


def _shifted(scale, radius=None):
    """solve_limit with Z* scaled by ``scale`` (a planted optimum) and, optionally, a relative radius."""
    import dataclasses

    def fake(landscape, **kw):
        lim = solve_limit(landscape, **kw)
        Z = [Fraction(z) * scale if isinstance(z, Fraction) else z * scale for z in lim.Z]
        rad = [mpmath.mpf(radius) * (mpmath.mpf(z.numerator) / z.denominator if isinstance(z, Fraction) else z) for z in Z] if radius is not None else lim.Z_radius
        return dataclasses.replace(lim, Z=Z, exact=lim.exact, Z_radius=rad)
    return fake


def _each_best(L):
    return [max(w for w, p in zip(row, L.p0) if p > 0) for row in L.exp_rewards]


CASES = {
    "statement": (None, {}),
    "low optimum": (_shifted(Fraction(1, 2)), {}),
    "overlapping enclosure": (_shifted(Fraction(1), radius=mpmath.mpf("0.5")), {}),
    "utilitarian potential": (None, {"potential": "utilitarian"}),
    "each reward's best": (None, {"predicted": _each_best}),
}


def _both(monkeypatch, setup, case):
    fake, kw = CASES[case]
    if fake is not None:
        monkeypatch.setattr(checks, "solve_limit", fake)
    out = []
    for threshold in (10**12, 1):   # exact rationals, then arb balls
        monkeypatch.setattr(checks, "ARB_MIN_ATOMS", threshold)
        out.append(checks.check_nash_limit(Landscape(**setup), steps=6, **kw))
    return out


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("setup", [SETUP, THREE], ids=["two rewards", "three rewards"])
def test_the_ball_path_reaches_the_exact_verdict(monkeypatch, setup, case):
    exact, balls = _both(monkeypatch, setup, case)
    assert balls.evidence["method"].startswith("arb balls")
    assert balls.verdict is exact.verdict, (case, exact.reason, balls.reason)
    assert balls.certified == exact.certified


def test_controls_are_rejected_on_the_ball_path(monkeypatch):
    verdicts = {case: _both(monkeypatch, SETUP, case)[1].verdict for case in ("statement", "low optimum")}
    assert verdicts == {"statement": Verdict.HOLDS, "low optimum": Verdict.FAILS}


def test_at_scale_the_balls_are_used_and_report_progress():
    n = checks.ARB_MIN_ATOMS
    rows = [[Fraction(1 + (k * 7919 + i * 104729) % 997, 1000) for k in range(n)] for i in range(2)]
    L = Landscape(exp_rewards=rows, weights=[Fraction(1, 3), Fraction(2, 3)])
    seen = []
    res = checks.check_nash_limit(L, steps=5, progress=lambda done, total: seen.append((done, total)))
    assert res.verdict is Verdict.HOLDS and res.certified and res.evidence["method"].startswith("arb balls")
    assert seen == [(t, 5) for t in range(1, 6)]
