r"""Certified mode of the continuous engine: interval enclosures of Z_i(t), a_t, b_t, m_t.

The closed form of :mod:`pluralnash.numeric._continuous` is evaluated again in ``mpmath.iv``:
every input is an exact rational (centres, β, ε, the start's parameters, q_i), the moments M(n)
and basin integrals use exp, sqrt and π of ``mpmath.iv`` and the rigorous erf/erfc of
:mod:`pluralnash.numeric._interval_erf`, and the coefficients follow the recursion

    c_n(t+1) = Σ_{i : n_i >= 1} c_{n - e_i}(t) · q_i / Z_i(t),   Z_i(t) = Σ_n c_n(t) M(n + e_i),

without renormalising (Σ_n c_n(t+1) M(n) = Σ_i q_i = 1 exactly).  By inclusion isotonicity each
interval contains the exact value.  Widths: one round roughly doubles the relative width of the
c_n (they enter Z_i, and Z_i divides them), so the work carries ``steps`` extra bits besides the
target ``dps`` digits and a guard.

Piece boundaries are decided exactly: every cut is lo, hi or μ_i ± ρ with ρ² = ε/β rational, so
the order of two cuts and the side of the peak μ̄_n a cut lies on are signs of A + Bρ with A
rational and B an integer, decided on squares.  In one dimension everything is certified; for
d > 1 the ball masses (a noncentral chi-square probability) have no rigorous evaluation here, so
only Z_i(t) is enclosed and the run says ``certified=False`` with that reason.

Python spellings as in :mod:`pluralnash.numeric._continuous`; ``prec`` = bits of the intervals.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import libmp

from pluralnash.numeric._continuous import Uniform, _dist2, erfc_difference
from pluralnash.numeric._interval_erf import erfc_enclosure, erfc_sqrt_enclosure
from pluralnash.numeric._intervals import iv, iv_frac, iv_workprec

__all__ = ["certified_records", "work_bits"]

GUARD_BITS = 40
D_GT_1_REASON = ("d > 1: the ball masses are noncentral chi-square probabilities, for which this "
                 "toolkit has no rigorous enclosure; only Z_i(t) is enclosed")


def work_bits(dps: int, steps: int) -> int:
    """Working bits: the target digits, one bit per round of width doubling, and a guard.

    >>> work_bits(20, 100)
    207
    """
    return math.ceil(dps * math.log2(10)) + steps + GUARD_BITS


def _sign_a_plus_b_rho(A: Fraction, B: int, R: Fraction) -> int:
    """The sign of A + B sqrt(R) (R >= 0), exactly.

    Examples
    --------
    >>> [_sign_a_plus_b_rho(Fraction(1), -3, Fraction(1, 9)), _sign_a_plus_b_rho(Fraction(3, 10), -1, Fraction(1, 10))]
    [0, -1]
    """
    sa = (A > 0) - (A < 0)
    sb = (B > 0) - (B < 0)
    if sb == 0 or R == 0:
        return sa
    if sa == 0 or sa == sb:
        return sb
    # opposite signs: compare A² with B² R
    diff = A * A - B * B * R
    return sa if diff > 0 else (sb if diff < 0 else 0)


class _Cut:
    """A piece boundary r + s ρ (s in {-1, 0, 1}) or ±inf, ordered exactly."""

    __slots__ = ("r", "s", "inf", "R")

    def __init__(self, r: Fraction | None, s: int, R: Fraction, inf: int = 0):
        self.r, self.s, self.R, self.inf = r, s, R, inf

    def minus(self, c: Fraction) -> int:
        """The sign of (this cut) - c for a rational c."""
        if self.inf:
            return self.inf
        return _sign_a_plus_b_rho(self.r - c, self.s, self.R)

    def cmp(self, other: "_Cut") -> int:
        if self.inf or other.inf:
            return (self.inf > other.inf) - (self.inf < other.inf)
        return _sign_a_plus_b_rho(self.r - other.r, self.s - other.s, self.R)

    def __lt__(self, other: "_Cut") -> bool:
        return self.cmp(other) < 0

    def offset(self, c: Fraction, rho):
        """(cut - c) as an interval (±inf for infinite cuts)."""
        if self.inf:
            return iv.mpf("inf") if self.inf > 0 else iv.mpf("-inf")
        return iv_frac(self.r - c) + self.s * rho


class _IvMoments:
    """M(n) and the basin / outside integrals of the term n in intervals (one dimension)."""

    def __init__(self, landscape, prec: int):
        self.L = landscape
        self.prec = prec
        self.uniform = isinstance(landscape.init, Uniform)
        self._M: dict = {}
        self._basin: dict = {}
        self.R = landscape.radius_squared if landscape.eps is not None else Fraction(0)
        with iv_workprec(prec):
            self.rho = iv.sqrt(iv_frac(self.R))
            self.half_sqrt_pi = iv.sqrt(iv.pi) / 2
        if self.uniform:
            self.lo = _Cut(landscape.init.low, 0, self.R)
            self.hi = _Cut(landscape.init.high, 0, self.R)
        else:
            self.lo, self.hi = _Cut(None, 0, self.R, -1), _Cut(None, 0, self.R, 1)
        if landscape.eps is not None:
            self.balls = [(_Cut(c[0], -1, self.R), _Cut(c[0], 1, self.R)) for c in landscape.mu]
            cuts = [self.lo, self.hi] + [self._clip(e) for ball in self.balls for e in ball]
            ordered: list[_Cut] = []
            for cut in sorted(cuts):
                if not ordered or ordered[-1].cmp(cut) != 0:
                    ordered.append(cut)
            self.cuts = ordered
            # which ball each piece [cuts[j], cuts[j+1]] lies in (None: outside every ball)
            self.owner = []
            for a, b in zip(ordered, ordered[1:]):
                inside = [i for i, (ba, bb) in enumerate(self.balls) if a.cmp(ba) >= 0 and b.cmp(bb) <= 0]
                self.owner.append(inside[0] if inside else None)

    def _clip(self, e: _Cut) -> _Cut:
        if e.cmp(self.lo) < 0:
            return self.lo
        if e.cmp(self.hi) > 0:
            return self.hi
        return e

    def _shape(self, n):
        k = sum(n)
        if k == 0:
            return 0, Fraction(0), Fraction(0)
        mubar = sum((ni * c[0] for ni, c in zip(n, self.L.mu)), Fraction(0)) / k
        V = sum((ni * _dist2(c, (mubar,)) for ni, c in zip(n, self.L.mu) if ni), Fraction(0))
        return k, mubar, V

    def component(self, n):
        """(M(n), scale, s, c): the term is scale · e^{-s (x - c)²} on the start's support."""
        if n in self._M:
            return self._M[n]
        L = self.L
        k, mubar, V = self._shape(n)
        with iv_workprec(self.prec):
            if self.uniform:
                a, b = L.init.low, L.init.high
                scale = iv.exp(-iv_frac(L.beta * V)) / iv_frac(b - a)
                s, c = L.beta * k, mubar
            else:
                s2, m0 = L.init.var, L.init.mean[0]
                den = 1 + 2 * L.beta * k * s2
                M0 = iv.exp(-iv_frac(L.beta * V + L.beta * k * (m0 - mubar) ** 2 / den)) / iv.sqrt(iv_frac(den))
                var = 1 / (1 / s2 + 2 * L.beta * k)
                c = (m0 / s2 + 2 * L.beta * k * mubar) * var
                s = 1 / (2 * var)
                scale = M0 / iv.sqrt(2 * iv.pi * iv_frac(var))
            if not self.uniform:
                M = M0
            elif s == 0:
                M = scale * iv_frac(L.init.high - L.init.low)
            else:
                M = scale * self._integral(s, c, [self.lo, self.hi])[0]
        self._M[n] = (M, scale, s, c)
        return self._M[n]

    def M(self, n):
        return self.component(n)[0]

    def _integral(self, s: Fraction, c: Fraction, cuts: list[_Cut]) -> list:
        r"""∫ e^{-s (x - c)²} over [cuts[j], cuts[j+1]] for each j (s > 0), as intervals.

        One erfc per cut at |u|, u = sqrt(s) (cut - c); the side of the peak is decided exactly,
        so each piece is a difference of erfc values of the same sign, or 2 - erfc - erfc
        across the peak, with no cancellation in a far tail.
        """
        r = iv.sqrt(iv_frac(s))
        sides = [cut.minus(c) for cut in cuts]
        tails = [self._tail(cut, s, c, r) for cut in cuts]
        half = self.half_sqrt_pi / r
        return [half * erfc_difference(s1, e1, s2, e2)
                for s1, e1, s2, e2 in zip(sides, tails, sides[1:], tails[1:])]

    def _tail(self, cut: _Cut, s: Fraction, c: Fraction, r):
        """erfc(|u|), u = sqrt(s) (cut - c): exact u² for a rational cut, an interval u otherwise."""
        if cut.inf:
            return iv.mpf(0)
        if cut.s == 0:
            return erfc_sqrt_enclosure(s * (cut.r - c) ** 2, prec=self.prec)
        return erfc_enclosure(abs(r * cut.offset(c, self.rho)), prec=self.prec)

    def basin(self, n):
        """(interval masses of S_{1,ε}..S_{m,ε}, interval outside mass) of the term n."""
        if n in self._basin:
            return self._basin[n]
        M, scale, s, c = self.component(n)
        with iv_workprec(self.prec):
            masses = [iv.mpf(0) for _ in self.L.mu]
            outside = iv.mpf(0)
            if s == 0:
                pieces = [scale * (_width(a, b, self.rho)) for a, b in zip(self.cuts, self.cuts[1:])]
            else:
                pieces = [scale * v for v in self._integral(s, c, self.cuts)]
            for owner, v in zip(self.owner, pieces):
                if owner is None:
                    outside += v
                else:
                    masses[owner] += v
        self._basin[n] = (masses, outside)
        return self._basin[n]


@functools.lru_cache(maxsize=16)
def _iv_moments_for(key: tuple, prec: int, landscape) -> _IvMoments:
    return _IvMoments(landscape, prec)


def _iv_moments(landscape, prec: int) -> _IvMoments:
    # shared by every weight vector on the same geometry, like the point engine's moments
    return _iv_moments_for(landscape.geometry_key(), prec, landscape.replace(weights=None))


def _width(a: _Cut, b: _Cut, rho):
    return iv_frac(b.r - a.r) + (b.s - a.s) * rho


def certified_records(landscape, steps: int, dps: int, recorded: set[int]) -> tuple[dict, bool, str, int]:
    r"""Interval enclosures at the recorded rounds: ({t: enclosure dict}, certified, note, prec).

    Each enclosure holds ``Z`` (Z_i(t)) and, with ε in one dimension, ``masses``, ``outside`` and
    for two rewards ``a``, ``b``, ``m``; every entry is an ``mpmath.iv`` interval.
    """
    prec = work_bits(dps, steps)
    m = landscape.m
    one_d = landscape.d == 1
    if one_d:
        mom = _iv_moments(landscape, prec)
        M_of = mom.M
    else:
        M_of = _gaussian_moment_function(landscape, prec)
    units = [tuple(1 if j == i else 0 for j in range(m)) for i in range(m)]
    out: dict = {}
    with iv_workprec(prec):
        q = [iv_frac(v) for v in landscape.weights]
        c: dict = {tuple([0] * m): iv.mpf(1)}
        for t in range(steps + 1):
            Z = [_sum(cn * M_of(tuple(a + b for a, b in zip(n, e))) for n, cn in c.items()) for e in units]
            if t in recorded:
                enc: dict[str, Any] = {"Z": Z}
                if landscape.eps is not None and one_d:
                    masses = [iv.mpf(0)] * m
                    outside = iv.mpf(0)
                    for n, cn in c.items():
                        bm, o = mom.basin(n)
                        masses = [x + cn * y for x, y in zip(masses, bm)]
                        outside += cn * o
                    enc["masses"], enc["outside"] = masses, outside
                    if m == 2:
                        enc["a"], enc["b"], enc["m"] = masses[0], masses[1], outside
                out[t] = enc
            if t == steps:
                break
            coef = [qi / z if landscape.weights[i] else None for i, (qi, z) in enumerate(zip(q, Z))]
            new: dict = {}
            for n, cn in c.items():
                for i, e in enumerate(units):
                    if coef[i] is None:
                        continue
                    key = tuple(a + b for a, b in zip(n, e))
                    new[key] = new[key] + cn * coef[i] if key in new else cn * coef[i]
            c = new
    if one_d or landscape.eps is None:
        return out, True, "", prec
    return out, False, D_GT_1_REASON, prec


def _sum(terms):
    total = iv.mpf(0)
    for x in terms:
        total += x
    return total


def _gaussian_moment_function(landscape, prec: int):
    """M(n) for a Gaussian start in d dimensions, in intervals (exact rationals until the exp)."""
    L = landscape
    cache: dict = {}

    def M(n):
        if n not in cache:
            k = sum(n)
            with iv_workprec(prec):
                if k == 0:
                    cache[n] = iv.mpf(1)
                else:
                    mubar = tuple(sum((ni * c[j] for ni, c in zip(n, L.mu)), Fraction(0)) / k for j in range(L.d))
                    V = sum((ni * _dist2(c, mubar) for ni, c in zip(n, L.mu) if ni), Fraction(0))
                    den = 1 + 2 * L.beta * k * L.init.var
                    expo = L.beta * V + L.beta * k * _dist2(L.init.mean, mubar) / den
                    cache[n] = iv.exp(-iv_frac(expo)) / iv.sqrt(iv_frac(den)) ** L.d
        return cache[n]

    return M


def to_json(x, digits: int = 25) -> list[str]:
    """An interval as [lower, upper] decimal strings rounded outward to ``digits`` significant digits.

    >>> to_json(iv.mpf(1) / 3, digits=5)
    ['3.3333e-1', '3.3334e-1']
    """
    lo, hi = x._mpi_
    return [_outward(lo, False, digits), _outward(hi, True, digits)]


def _outward(raw, up: bool, digits: int = 17) -> str:
    """A raw mpf rounded outward (down, or ``up``) to ``digits`` significant decimals, decided exactly."""
    if raw in (libmp.finf, libmp.fninf, libmp.fnan):
        return str(mpmath.mpf(raw))
    sign, man, exp, _ = raw
    if man == 0:
        return "0"
    exact = Fraction(-man if sign else man) * Fraction(2) ** exp
    e = math.floor((exp + man.bit_length()) * math.log10(2)) - digits + 1
    scaled = exact / Fraction(10) ** e
    k = math.ceil(scaled) if up else math.floor(scaled)
    text = str(abs(k))
    return f"{'-' if k < 0 else ''}{text[0]}.{text[1:]}e{e + len(text) - 1}"
