r"""Decide sup_x W(x) <= 1 for two quadratic rewards in one dimension, by an interval cover.

With r_i(x) = -β (x - μ_i)², weights (q, 1 - q), D = |μ_2 - μ_1|, x_0 = q μ_1 + (1 - q) μ_2 and
W(x) = Σ_i q_i e^{r_i(x) - r_i(x_0)} (so W(x_0) = 1 and W'(x_0) = 0), in y = x - x_0:

- |y| >= 2D + 1: W <= e^{-β y² + 2β D |y|} < 1;
- on [-2D - 1, 2D + 1]: a scan of points for W > 1, then branch and bound with mpmath.iv, each cell
  certified W < 1, or (a cell containing y = 0) W'' < 0 on it, which with W(x_0) = 1 and
  W'(x_0) = 0 gives W <= 1 there; a point with W > 1 certified refutes it.

A point is refuted only when its interval value is certified above 1.  A float screen
(:class:`_FloatScreen`) skips the interval evaluation at a point where W is certified below 1 by a
written float error bound: there the interval value cannot be above 1, so the skip changes no
decision, no count and no reported point; every cell is still decided by the intervals alone.

Python spellings: ``beta`` = β, ``q`` = the weight of μ_1.
"""

from __future__ import annotations

import math
from collections import deque
from fractions import Fraction
from typing import Any

from mpmath.libmp import to_rational

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

__all__ = ["sup_w_at_midpoint"]

_PREC = 96
_MAX_CELLS = 40000
_SCAN = 400  # points per half-width of the cover, scanned before the branch and bound


class _Terms:
    """The interval constants of W and W'' at the working precision, converted once per setup.

    :meth:`w_and_curvature` performs the same interval operations in the same order as the
    expression ``Σ_i w_i e^{-β (y + a_i)² + β a_i²}`` written out per evaluation, so its enclosures
    are the same bit for bit.
    """

    def __init__(self, beta: Fraction, q: Fraction, D: Fraction):
        b = iv_frac(beta)
        self.neg_b, self.four_b2, self.two_b = -b, 4 * b ** 2, 2 * b
        self.zero = iv.mpf(0)
        self.terms = []
        for w, a in ((q, (1 - q) * D), (1 - q, -q * D)):
            A = iv_frac(a)
            self.terms.append((iv_frac(w), A, b * A ** 2))

    def w(self, cell):
        """W on an interval of y (each exponent in completed-square form)."""
        W = self.zero
        for w, A, bA2 in self.terms:
            W += w * iv.exp(self.neg_b * (cell + A) ** 2 + bA2)
        return W

    def w_and_curvature(self, cell):
        """(W, W'') on an interval of y."""
        W = W2 = self.zero
        for w, A, bA2 in self.terms:
            s2 = (cell + A) ** 2
            term = w * iv.exp(self.neg_b * s2 + bA2)
            W += term
            W2 += term * (self.four_b2 * s2 - self.two_b)
        return W, W2


def _w_and_curvature(beta, q, D, cell):
    """(W, W'') on an interval of y = x - x_0, at the caller's ``iv`` precision."""
    return _Terms(beta, q, D).w_and_curvature(cell)


_U = 2.0 ** -53  # the unit roundoff of a float


class _FloatScreen:
    r"""Certify W(y) < 1 at a point y from float arithmetic, or say nothing.

    For an exact point y* and a float y with |y - y*| <= ``off``, :meth:`below_one` returns True only
    when W(y*) < 1 holds.  Error bound (u = 2^-53, floats without overflow): with T_i = |y| + off + |a_i|,
    the float exponent E_i = fl(β (a_i² - (y + a_i)²)) differs from the exact exponent at y* by at most

        δ_i = 2 β T_i off + 32 u β (T_i² + a_i²)

    (the first term: |dE_i/dy| <= 2 β T_i over the offset; the second: the conversions of β, a_i and
    at most eight roundings, γ_10 < 11u, on terms of size β T_i² and β a_i², taken three times over).
    The float W_f = fl(fl(w_1 e^{E_1}) + fl(w_2 e^{E_2})), with exp within 1 ulp, then gives
    W(y*) <= e^{δ} (W_f + 10^{-299}) (1 + 7u) with δ = max δ_i (the 10^{-299} absorbs underflow).
    For δ <= 10^{-3}, e^{δ} <= 1 + 2δ, so W_f <= 1 - 4δ - 2^{-40} gives W(y*) < 1 (2^{-40} exceeds
    every rounding term, including that of the threshold itself).  When a conversion overflows, an
    exponent exceeds 700, or δ > 10^{-3}, the screen says nothing and the interval path decides.
    """

    def __init__(self, beta: Fraction, q: Fraction, D: Fraction, *, slack: float = 1.0):
        self.slack = slack  # 1 is the bound above; the tests plant smaller ones
        try:
            self.b = float(beta)
            self.terms = [(float(w), float(a), abs(float(a))) for w, a in ((q, (1 - q) * D), (1 - q, -q * D))]
        except OverflowError:
            self.terms = None

    def below_one(self, y: float, off: float) -> bool:
        """True only if W(y*) < 1 for every y* within ``off`` of the float ``y``."""
        return self._below_one([y], off)[0]

    def below_one_all(self, ys: list[float], off: float) -> list[bool]:
        """:meth:`below_one` at each point of ``ys``, with one δ for all: T_i = max |y| + off + |a_i|, so each
        point's δ_i is at most it and the bound above holds as it stands."""
        return self._below_one(ys, off)

    def _below_one(self, ys: list[float], off: float) -> list[bool]:
        if self.terms is None or not all(math.isfinite(y) for y in ys):
            return [False] * len(ys)
        b, top = self.b, max(map(abs, ys), default=0.0) + off
        # (products, not **: a float power raises OverflowError where a product gives inf and the guard says no)
        delta = max(self.slack * (2 * b * (top + abs_a) * off + 32 * _U * b * ((top + abs_a) * (top + abs_a) + a * a))
                    for _, a, abs_a in self.terms)
        if not delta <= 1e-3:
            return [False] * len(ys)
        threshold = 1 - self.slack * (4 * delta + 2.0 ** -40)
        (w1, a1, _), (w2, a2, _) = self.terms
        out = []
        for y in ys:
            s1, s2 = y + a1, y + a2
            E1, E2 = b * (a1 * a1 - s1 * s1), b * (a2 * a2 - s2 * s2)
            out.append(E1 <= 700 and E2 <= 700 and w1 * math.exp(E1) + w2 * math.exp(E2) <= threshold)
        return out


def _exact(x) -> Fraction:
    """The exact value of an mpf endpoint (a raw mpmath tuple)."""
    p, r = to_rational(x)
    return Fraction(int(p), int(r))  # int(): the gmpy2 backend's mantissas are mpz


def _scan(terms: _Terms, screen: _FloatScreen, Y, D: Fraction) -> dict[str, Any] | None:
    """The points y_k = -Y + Y k/N (k = 1 .. 2N - 1): evidence of the first with W > 1 certified, else None.

    The interval path evaluates at point.a, the lower end of the enclosure of y_k built from ``Y`` (an
    enclosure of 2D + 1 at the caller's precision) at 96 bits; |point.a - y_k| <= 3 wid(Y) + 2^-88 Y
    and the float y_k = fl(fl(2D + 1) (k - N) / N) is within 4u |y_k| of y_k, so ``off`` below bounds the
    float's distance to point.a.
    """
    half = float(2 * D + 1)
    wid = float(_exact(Y._mpi_[1]) - _exact(Y._mpi_[0]))
    off = 4 * wid + 2.0 ** -49 * (half + 1)
    below = screen.below_one_all([half * (k - _SCAN) / _SCAN for k in range(1, 2 * _SCAN)], off)
    for k in range(1, 2 * _SCAN):
        if below[k - 1]:
            continue
        point = -Y + Y * iv_frac(Fraction(k, _SCAN))
        Wp = terms.w(iv.mpf([point.a, point.a]))
        if Wp.a > 1:
            return {"cells": 0, "violation_at_y": str(point.a), "W": iv.nstr(Wp, 12)}
    return None


def _refuted_at(terms: _Terms, screen: _FloatScreen, y):
    """W at the point ``y`` (a degenerate interval) when it is certified above 1, else None."""
    yf = float(y)  # mpmath rounds toward zero: within 2u |y| of y
    if screen.below_one(yf, 4 * _U * abs(yf) + 2.0 ** -1000):
        return None
    W = terms.w(iv.mpf([y, y]))
    return W if W.a > 1 else None


def sup_w_at_midpoint(beta, q, D) -> tuple[bool | None, dict[str, Any]]:
    """(sup_y W(x_0 + y) <= 1 certified: True / False, or None), with the evidence."""
    Y = iv_frac(2 * D + 1)
    ev: dict[str, Any] = {"x_0 - mu_1": str((1 - q) * D), "cover": f"|y| <= {2 * D + 1}", "tail": "W < 1 for |y| > 2D"}
    with iv_workprec(_PREC):
        terms, screen = _Terms(beta, q, D), _FloatScreen(beta, q, D)
        # a scan of points first: where W exceeds 1 somewhere, a point usually shows it at once
        found = _scan(terms, screen, Y, D)
        if found is not None:
            ev.update(found)
            return False, ev
        n0 = 64
        ends = [-Y + 2 * Y * iv_frac(Fraction(k, n0)) for k in range(n0 + 1)]
        cells = deque(zip(ends[:-1], ends[1:]))
        tiny = iv.mpf("1e-12")
        done = stuck = 0
        while cells:
            lo, hi = cells.popleft()  # breadth first: coarse cells everywhere before fine ones
            done += 1
            if done > _MAX_CELLS:
                ev["cells"] = done
                return None, ev
            cell = iv.mpf([lo.a, hi.b])
            W, W2 = terms.w_and_curvature(cell)
            if W.b < 1:
                continue
            if cell.a <= 0 <= cell.b and W2.b < 0:
                continue
            mid = (lo + hi) / 2
            Wm = _refuted_at(terms, screen, mid.a)
            if Wm is not None:
                ev.update({"cells": done, "violation_at_y": str(mid.a), "W": iv.nstr(Wm, 12)})
                return False, ev
            if (hi.b - lo.a) < tiny:
                stuck += 1  # left open; a violation elsewhere still decides the supremum
                continue
            cells += [(lo, mid), (mid, hi)]
    ev["cells"] = done
    if stuck:
        ev["open_cells"] = stuck
        return None, ev
    return True, ev
