r"""Decide the continuous collapse criterion on one quadratic setup, with interval arithmetic.

A setup is a :class:`~pluralnash.numeric.QuadraticLandscape` with two centres in one dimension
(r_i(x) = -β (x - μ_i)², weights (q, 1 - q), D = |μ_2 - μ_1|).  With x_0 = q μ_1 + (1 - q) μ_2 and
W(x) = Σ_i q_i e^{r_i(x) - r_i(x_0)}, the point mass δ_{x_0} is the large-K limit from any p_0
charging x_0 exactly when sup_x W(x) <= 1 (the KKT conditions of F, the toolkit's
collapse-criterion).  This module decides that supremum directly, independently of the threshold
derived in :mod:`pluralnash.theory._continuous_collapse`:

- |y| >= 2D + 1 (y = x - x_0): W <= e^{-β y² + 2β D |y|} < 1;
- on [-2D - 1, 2D + 1]: a scan of points for W > 1, then branch and bound with mpmath.iv, each cell certified W < 1, or (a cell
  containing y = 0) W'' < 0 on it, which with W(x_0) = 1 and W'(x_0) = 0 gives W <= 1 there; a
  point with W > 1 certified refutes it.

The claim compares that with the predicted criterion T(q, β, D) <= 1, T = β D² (1 - 2q)/log((1 - q)/q)
(β D²/2 at q = 1/2), enclosed by intervals.  ``criterion`` plants other thresholds.
Python spellings: ``beta`` = β, ``q`` = weights[0].
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction
from typing import Any, Callable

import mpmath

from pluralnash.numeric.engines.continuous import QuadraticLandscape
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = ["collapse_threshold", "second_order_threshold", "half_weight_threshold", "sup_w_at_midpoint",
           "check_continuous_collapse"]

_PREC = 96
_MAX_CELLS = 40000
_SCAN = 400  # points per half-width of the cover, scanned before the branch and bound


def _geometry(L: QuadraticLandscape) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(β, q, D, μ_1) of a two-centre one-dimensional setup, μ_1 < μ_2."""
    if not isinstance(L, QuadraticLandscape):
        raise InvalidArgument(f"landscape={L!r} must be a QuadraticLandscape; build one with "
                              f"QuadraticLandscape(mu=[-1, 1], ...)")
    if L.m != 2 or L.d != 1:
        raise InvalidArgument(f"the criterion is for two centres in one dimension; this setup has m = {L.m}, d = {L.d}: "
                              f"pass mu=[a, b] with two numbers")
    (m1,), (m2,) = L.mu
    q = L.weights[0]
    if m1 > m2:
        m1, m2, q = m2, m1, 1 - q
    return L.beta, q, m2 - m1, m1


def collapse_threshold(beta, q, D):
    r"""Enclosure of T = β D² (1 - 2q)/log((1 - q)/q) (β D²/2 at q = 1/2); collapse iff T <= 1."""
    if q == Fraction(1, 2):
        return iv_frac(beta * D ** 2 / 2)
    return iv_frac(beta * D ** 2 * (1 - 2 * q)) / iv.log(iv_frac((1 - q) / q))


def second_order_threshold(beta, q, D):
    """Planted: the necessary second-order condition read as the criterion, T = 2 β q (1 - q) D²."""
    return iv_frac(2 * beta * q * (1 - q) * D ** 2)


def half_weight_threshold(beta, q, D):
    """Planted: the q = 1/2 threshold β D²/2 at every q."""
    return iv_frac(beta * D ** 2 / 2)


def _w_and_curvature(beta, q, D, cell):
    """(W, W'') on an interval of y = x - x_0, each exponent evaluated in completed-square form."""
    b = iv_frac(beta)
    W = W2 = iv.mpf(0)
    for w, a in ((q, (1 - q) * D), (1 - q, -q * D)):
        shifted = cell + iv_frac(a)
        term = iv_frac(w) * iv.exp(-b * shifted ** 2 + b * iv_frac(a) ** 2)
        W += term
        W2 += term * (4 * b ** 2 * shifted ** 2 - 2 * b)
    return W, W2


def sup_w_at_midpoint(beta, q, D) -> tuple[bool | None, dict[str, Any]]:
    """(sup_y W(x_0 + y) <= 1 certified: True / False, or None), with the evidence."""
    Y = iv_frac(2 * D + 1)
    ev: dict[str, Any] = {"x_0 - mu_1": str((1 - q) * D), "cover": f"|y| <= {2 * D + 1}", "tail": "W < 1 for |y| > 2D"}
    with iv_workprec(_PREC):
        # a scan of points first: where W exceeds 1 somewhere, a point usually shows it at once
        for k in range(1, 2 * _SCAN):
            point = -Y + Y * iv_frac(Fraction(k, _SCAN))
            Wp, _ = _w_and_curvature(beta, q, D, iv.mpf([point.a, point.a]))
            if Wp.a > 1:
                ev.update({"cells": 0, "violation_at_y": str(point.a), "W": iv.nstr(Wp, 12)})
                return False, ev
        n0 = 64
        cells = deque([(-Y + 2 * Y * iv_frac(Fraction(k, n0)), -Y + 2 * Y * iv_frac(Fraction(k + 1, n0))) for k in range(n0)])
        done = stuck = 0
        while cells:
            lo, hi = cells.popleft()  # breadth first: coarse cells everywhere before fine ones
            done += 1
            if done > _MAX_CELLS:
                ev["cells"] = done
                return None, ev
            cell = iv.mpf([lo.a, hi.b])
            W, W2 = _w_and_curvature(beta, q, D, cell)
            if W.b < 1:
                continue
            if cell.a <= 0 <= cell.b and W2.b < 0:
                continue
            mid = (lo + hi) / 2
            Wm, _ = _w_and_curvature(beta, q, D, iv.mpf([mid.a, mid.a]))
            if Wm.a > 1:
                ev.update({"cells": done, "violation_at_y": str(mid.a), "W": iv.nstr(Wm, 12)})
                return False, ev
            if (hi.b - lo.a) < iv.mpf("1e-12"):
                stuck += 1  # left open; a violation elsewhere still decides the supremum
                continue
            cells += [(lo, mid), (mid, hi)]
    ev["cells"] = done
    if stuck:
        ev["open_cells"] = stuck
        return None, ev
    return True, ev


def check_continuous_collapse(L: QuadraticLandscape, *, criterion: Callable = collapse_threshold) -> CheckResult:
    r"""δ_{x_0} is the limit (sup W <= 1) iff ``criterion(β, q, D)`` <= 1: HOLDS when both sides are decided
    and agree, FAILS (certified) when they disagree, UNDECIDED otherwise."""
    name = f"collapse onto x_0 iff {criterion.__name__} <= 1"
    beta, q, D, m1 = _geometry(L)
    if D == 0:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, "the two centres coincide: D = 0")
    with iv_workprec(_PREC):
        T = criterion(beta, q, D)
    predicted = True if T.b < 1 else False if T.a > 1 else None
    if predicted is None:  # the verdict is UNDECIDED whatever sup W is: skip the cover
        return CheckResult(name, Verdict.UNDECIDED, "interval", {"T": iv.nstr(T, 10)}, "T is too close to 1 to decide")
    truth, ev = sup_w_at_midpoint(beta, q, D)
    ev.update({"beta": str(beta), "q": str(q), "D": str(D), "x_0": str(m1 + (1 - q) * D),
               "T": iv.nstr(T, 10)})
    if truth is None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "sup W <= 1 not decided by the cover")
    ev["collapse"] = truth
    if truth == predicted:
        # distance of T from the threshold 1, for the search's targeting (a float, as the search reads it)
        lo, hi = (float(mpmath.mpf(end)) for end in T._mpi_)
        ev["margin"] = min(abs(lo - 1), abs(hi - 1))
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    got = "collapses onto x_0 (sup W <= 1)" if truth else f"does not collapse: W > 1 at y = {ev['violation_at_y']}"
    return CheckResult(name, Verdict.FAILS, "interval", ev,
                       f"T in {iv.nstr(T, 10)} predicts {'collapse' if predicted else 'no collapse'}, but the setup {got}")
