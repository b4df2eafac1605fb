r"""Decide sup_x W(x) <= 1 for two quadratic rewards in one dimension, by an interval cover.

With r_i(x) = -β (x - μ_i)², weights (q, 1 - q), D = |μ_2 - μ_1|, x_0 = q μ_1 + (1 - q) μ_2 and
W(x) = Σ_i q_i e^{r_i(x) - r_i(x_0)} (so W(x_0) = 1 and W'(x_0) = 0), in y = x - x_0:

- |y| >= 2D + 1: W <= e^{-β y² + 2β D |y|} < 1;
- on [-2D - 1, 2D + 1]: a scan of points for W > 1, then branch and bound with mpmath.iv, each cell
  certified W < 1, or (a cell containing y = 0) W'' < 0 on it, which with W(x_0) = 1 and
  W'(x_0) = 0 gives W <= 1 there; a point with W > 1 certified refutes it.

Python spellings: ``beta`` = β, ``q`` = the weight of μ_1.
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction
from typing import Any

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

__all__ = ["sup_w_at_midpoint"]

_PREC = 96
_MAX_CELLS = 40000
_SCAN = 400  # points per half-width of the cover, scanned before the branch and bound


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
