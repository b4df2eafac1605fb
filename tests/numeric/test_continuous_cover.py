"""The float screen of the interval cover (numeric.engines.continuous_cover) changes no decision.

Two checks, each with planted wrong screens that they must catch:

- point level: at points where W is within 1e-12 of 1 (both sides, found by bisection at 60 digits),
  the screen never calls a point below 1 unless the intervals certify it below 1;
- setup level: ``sup_w_at_midpoint`` with the screen and with the screen off (the plain interval
  path) returns the same verdict and evidence, on setups on both sides of T = 1, some within 1e-12.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import mpmath
import pytest

from pluralnash.numeric.arith.intervals import iv, iv_workprec
from pluralnash.numeric.engines import continuous_cover as cc

F = Fraction
# (beta, q, D): no collapse (W'' > 0 at x_0); collapse; crossings of 1 away from x_0 at larger exponents
POINT_SETUPS = [(F(1), F(1, 2), F(2)), (F(1, 2), F(2, 3), F(3, 2)), (F(1), F(1, 10), F(2)),
                (F(2), F(1, 3), F(5, 4)), (F(1, 4), F(1, 10), F(5)), (F(2), F(1, 2), F(1) + F(1, 10 ** 6))]
# W - 1 at the points: within 1e-12 of the boundary on both sides, and a few far below it
TARGETS = ["1e-13", "1e-15", "3e-16", "1e-16", "3e-17", "1e-17", "-1e-17", "-1e-16", "-1e-13", "-1e-10", "-1e-3"]


def _w_mp(beta, q, D, y):
    """W(x_0 + y) at the caller's mpmath precision."""
    b = mpmath.mpf(beta.numerator) / beta.denominator
    total = mpmath.mpf(0)
    for w, a in ((q, (1 - q) * D), (1 - q, -q * D)):
        A = mpmath.mpf(a.numerator) / a.denominator
        total += mpmath.mpf(w.numerator) / w.denominator * mpmath.exp(-b * (y + A) ** 2 + b * A ** 2)
    return total


def _crossings(beta, q, D, target):
    """Floats y where W(y) - 1 crosses ``target``, each refined by bisection at 60 digits."""
    half = float(2 * D + 1)
    out = []
    with mpmath.workdps(60):
        t = mpmath.mpf(target)
        g = lambda y: _w_mp(beta, q, D, y) - 1 - t  # noqa: E731
        grid = [mpmath.mpf(-half + 2 * half * k / 600) + mpmath.mpf("1e-7") for k in range(601)]
        values = [g(y) for y in grid]
        for lo, hi, glo, ghi in zip(grid, grid[1:], values, values[1:]):
            if (glo > 0) == (ghi > 0):
                continue
            for _ in range(160):
                mid = (lo + hi) / 2
                if (g(mid) > 0) == (glo > 0):
                    lo = mid
                else:
                    hi = mid
            out.append(float(lo))
    return out


def _table():
    return [(s, y) for s in POINT_SETUPS for t in TARGETS for y in _crossings(*s, t)]


TABLE = _table()


def _screen_errors(screen_cls=cc._FloatScreen, **kw):
    """Points where ``screen_cls`` calls W below 1 but the intervals do not certify W < 1 there."""
    errors = []
    for (beta, q, D), y in TABLE:
        screen = screen_cls(beta, q, D, **kw)
        with iv_workprec(96):
            W = cc._Terms(beta, q, D).w(iv.mpf(y))  # a float is exact at 96 bits
        for off in (0.0, 4 * cc._U * abs(y)):
            # one point, and the same point among the scan's points (one bound for all of them)
            for says in (screen.below_one(y, off), screen.below_one_all([y, 0.0, -2.0], off)[0]):
                if says and not W.b < 1:
                    errors.append(((beta, q, D), y, off, iv.nstr(W, 20)))
    return errors


def test_the_table_is_near_the_boundary_on_both_sides():
    above = below = 0
    for (beta, q, D), y in TABLE:
        with iv_workprec(96):
            W = cc._Terms(beta, q, D).w(iv.mpf(y))
        above += W.a > 1
        below += W.b < 1
        with mpmath.workdps(40):
            assert abs(_w_mp(beta, q, D, mpmath.mpf(y)) - 1) < mpmath.mpf("1e-12") or W.b < 1 - mpmath.mpf(10) ** -12
    assert above >= 20 and below >= 20, (above, below)


def test_the_screen_never_drops_a_point_the_intervals_do_not_certify_below_one():
    assert _screen_errors() == []
    # and it does screen: points far below 1 are skipped
    skipped = sum(cc._FloatScreen(*s).below_one(y, 0.0) for s, y in TABLE)
    assert skipped >= 5


@pytest.mark.parametrize("slack", [0.0, -1.0])
def test_a_screen_without_its_error_bound_is_caught(slack):
    # slack 0: no error bound at all (float W <= 1 taken as W < 1); -1: the bound applied the wrong way
    assert _screen_errors(slack=slack) != []


def test_the_error_bound_guards_overflow_and_large_exponents():
    screen = cc._FloatScreen(F(10) ** 400, F(1, 2), F(1))
    assert screen.terms is None and screen.below_one(0.5, 0.0) is False
    assert cc._FloatScreen(F(1), F(1, 2), F(10) ** 200).below_one(3.0, 0.0) is False  # exponent overflow
    assert cc._FloatScreen(F(1), F(1, 2), F(10) ** 7).below_one(3.0, 0.0) is False  # delta > 1e-3
    assert cc._FloatScreen(F(1), F(1, 2), F(10) ** 200).below_one_all([3.0, 2e200], 0.0) == [False, False]
    assert cc._FloatScreen(F(1), F(1, 2), F(1)).below_one_all([3.0, float("inf")], 0.0) == [False, False]
    assert cc._FloatScreen(F(1), F(1, 2), F(1)).below_one_all([3.0, 0.0], 0.0) == [True, False]


# ----------------------------------------------------------------------------------------------
# setup level: the screened cover and the plain interval cover agree



def _near_threshold(beta, q, rel):
    """D (16 decimals) with T(q, beta, D) = 1 + rel, to about 1e-16."""
    with mpmath.workdps(50):
        D = mpmath.sqrt(mpmath.log((1 - q) / q) / (beta * (1 - 2 * q)) * (1 + mpmath.mpf(rel)))
        return F(int(D * 10 ** 16), 10 ** 16)


# T above 1 by 1e-12 (the violation is found deep in the branch and bound, by screened midpoints)
COVER_SETUPS = [(F(1), F(1, 10), F(2)), (F(1, 2), F(2, 3), F(3, 2)), (F(2), F(1, 3), F(5, 4)),
                (F(1, 4), F(1, 10), F(5)), (F(2), F(1, 2), F(1) + F(1, 10 ** 6)),
                (F(1), F(1, 10), _near_threshold(F(1), F(1, 10), "-1e-2")), (F(2), F(1, 2), F(101, 100)),
                (F(1), F(1, 4), F(3, 2)),
                (F(1), F(1, 10), _near_threshold(F(1), F(1, 10), "1e-12")),
                (F(2), F(1, 3), _near_threshold(F(2), F(1, 3), "1e-12"))]


def test_the_cover_table_reaches_within_1e_12_of_the_threshold():
    from pluralnash.claims.continuous_geometry import collapse_threshold

    with iv_workprec(96):
        gaps = [collapse_threshold(*s) - 1 for s in COVER_SETUPS]
    assert sum(0 < g.a and g.b < mpmath.mpf("2e-12") for g in gaps) == 2


class _PointByPoint(cc._FloatScreen):
    """The scan's points decided one by one by :meth:`below_one` (which the planted screens replace)."""

    def below_one_all(self, ys, off):
        return [self.below_one(y, off) for y in ys]


class _Plain(_PointByPoint):
    def below_one(self, y, off):
        return False


class _DropsOnePoint(_PointByPoint):
    """Planted: skips the first point it is asked about where float W exceeds 1 (a dropped point)."""

    def below_one(self, y, off):
        W = sum(w * math.exp(self.b * (a * a - (y + a) ** 2)) for w, a, _ in self.terms)
        if W > 1 and not getattr(self, "dropped", False):
            self.dropped = True
            return True
        return super().below_one(y, off)


@functools.lru_cache(maxsize=None)
def _screened(s):
    return cc.sup_w_at_midpoint(*s)


def _cover_differences(monkeypatch, screen_cls):
    """Setups where the cover with ``screen_cls`` differs (verdict or evidence) from the screened cover."""
    differences = []
    for s in COVER_SETUPS:
        with monkeypatch.context() as m:
            m.setattr(cc, "_FloatScreen", screen_cls)
            other = cc.sup_w_at_midpoint(*s)
        if other != _screened(s):
            differences.append((s, _screened(s), other))
    return differences


def test_the_screened_cover_equals_the_plain_interval_cover(monkeypatch):
    assert _cover_differences(monkeypatch, _Plain) == []


def test_a_screen_that_drops_points_changes_the_cover_and_is_caught(monkeypatch):
    assert _cover_differences(monkeypatch, _DropsOnePoint) != []
