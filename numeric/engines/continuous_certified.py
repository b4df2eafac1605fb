r"""Certified mode of the continuous engine: interval enclosures of Z_i(t), a_t, b_t, m_t.

The closed form of :mod:`pluralnash.numeric.engines.continuous` is evaluated again in ``mpmath.iv``:
every input is an exact rational (centres, β, ε, the start's parameters, q_i), the moments M(n)
and basin integrals use exp, sqrt and π of ``mpmath.iv`` and the rigorous erf/erfc of
:mod:`pluralnash.numeric.arith.erf`, and the coefficients follow the recursion

    c_n(t+1) = Σ_{i : n_i >= 1} c_{n - e_i}(t) · q_i / Z_i(t),   Z_i(t) = Σ_n c_n(t) M(n + e_i),

without renormalising (Σ_n c_n(t+1) M(n) = Σ_i q_i = 1 exactly).  By inclusion isotonicity each
interval contains the exact value.  Widths: one round roughly doubles the relative width of the
c_n (they enter Z_i, and Z_i divides them), so the work carries ``steps`` extra bits besides the
target ``dps`` digits and a guard.

Each basin mass is the whole ball's mass, also where balls overlap; the outside mass m_t is the
mass outside every ball, so with overlapping balls a_t + b_t + m_t exceeds 1 by the overlap's mass
(as in the point engine).  Piece boundaries are decided exactly: every cut is lo, hi or μ_i ± ρ with ρ² = ε/β rational, so
the order of two cuts and the side of the peak μ̄_n a cut lies on are signs of A + Bρ with A
rational and B an integer, decided on squares.  For d > 1 (Gaussian start) a ball mass is a
noncentral chi-square probability with rational λ and x, enclosed by its Poisson series with
proven tails (:func:`chi2_cdf_enclosure`); the outside mass is M(n) minus the ball masses
(absolute accuracy, as in the point engine).  Where the point engine used quadrature (λ/2 above
the series limit) nothing rigorous is available: that run says ``certified=False`` and why.
The erf/erfc enclosures come from the backend :func:`erf_backend` selects (arb when python-flint
is installed, unless ``PLURALNASH_ARB=0``); either is rigorous, and the moments are cached per backend.

Python spellings as in :mod:`pluralnash.numeric.engines.continuous`; ``prec`` = bits of the intervals.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any

import mpmath

from pluralnash.numeric.engines.continuous_integrals import erfc_difference
from pluralnash.numeric.engines.continuous_model import Uniform, _dist2
from pluralnash.numeric.arith.erf import erf_backend, erfc_enclosure, erfc_sqrt_enclosure, erfc_surd_enclosure
from pluralnash.numeric.arith.format import outward_text
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

__all__ = ["certified_records", "chi2_cdf_enclosure", "work_bits"]

GUARD_BITS = 40
_SERIES_LIMIT = 5000  # as the point engine: beyond this Poisson mean it used quadrature


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

    def __init__(self, landscape, prec: int, backend: str = "python"):
        self.L = landscape
        self.prec = prec
        self.backend = backend
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
            # the balls each piece [cuts[j], cuts[j+1]] lies in (empty: outside every ball); every
            # ball end is a cut, so a piece is inside a ball or disjoint from it, and a piece in two
            # overlapping balls counts toward both masses (each p_t(S_{i,ε}) is a whole ball's mass)
            self.owners = []
            for a, b in zip(ordered, ordered[1:]):
                self.owners.append(tuple(i for i, (ba, bb) in enumerate(self.balls)
                                         if a.cmp(ba) >= 0 and b.cmp(bb) <= 0))

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
        """erfc(|u|), u = sqrt(s) (cut - c): exact u² for a rational cut; else u = sqrt(s) (a + b ρ),
        an arb ball, or an interval from the r = sqrt(s) and ρ this moment object already holds."""
        if cut.inf:
            return iv.mpf(0)
        if cut.s == 0:
            return erfc_sqrt_enclosure(s * (cut.r - c) ** 2, prec=self.prec, backend=self.backend)
        if self.backend == "arb":
            return erfc_surd_enclosure(s, cut.r - c, cut.s, self.R, prec=self.prec, backend="arb")
        return erfc_enclosure(abs(r * cut.offset(c, self.rho)), prec=self.prec, backend="python")

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
            for owners, v in zip(self.owners, pieces):
                if not owners:
                    outside += v
                for i in owners:
                    masses[i] += v
        self._basin[n] = (masses, outside)
        return self._basin[n]


@functools.lru_cache(maxsize=16)
def _iv_moments_for(key: tuple, prec: int, backend: str, landscape) -> _IvMoments:
    return _IvMoments(landscape, prec, backend)


def _iv_moments(landscape, prec: int) -> _IvMoments:
    # shared by every weight vector on the same geometry, like the point engine's moments
    return _iv_moments_for(landscape.geometry_key(), prec, erf_backend(), landscape.replace(weights=None))


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
    mom = _iv_moments(landscape, prec) if one_d else _IvGaussMoments(landscape, prec)
    M_of = mom.M
    units = [tuple(1 if j == i else 0 for j in range(m)) for i in range(m)]
    out: dict = {}
    with iv_workprec(prec):
        q = [iv_frac(v) for v in landscape.weights]
        c: dict = {tuple([0] * m): iv.mpf(1)}
        for t in range(steps + 1):
            Z = [_sum(cn * M_of(tuple(a + b for a, b in zip(n, e))) for n, cn in c.items()) for e in units]
            if t in recorded:
                enc: dict[str, Any] = {"Z": Z}
                if landscape.eps is not None:
                    masses = [iv.mpf(0)] * m
                    outside = iv.mpf(0)
                    for n, cn in c.items():
                        bm, o = mom.basin(n)
                        masses = [x + cn * y for x, y in zip(masses, bm)]
                        outside = None if o is None else outside + cn * o
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
    failed = "" if one_d else mom.failed
    return out, not failed, failed, prec


def _sum(terms):
    total = iv.mpf(0)
    for x in terms:
        total += x
    return total


class _IvGaussMoments:
    r"""M(n) and the ball masses of a Gaussian start in d > 1 dimensions, in intervals.

    The term n is M(n) N(m_n, v_n I); its mass in the ball of radius ρ about μ_i is
    M(n) P(χ'²_d(λ) <= x) with λ = ‖m_n - μ_i‖²/v_n and x = ρ²/v_n, both exact rationals, enclosed
    by :func:`chi2_cdf_enclosure`.  Past ``_SERIES_LIMIT`` for λ/2 the point engine integrates
    by quadrature; that term is then left unenclosed and ``failed`` says so.
    """

    def __init__(self, landscape, prec: int):
        self.L, self.prec = landscape, prec
        self._M: dict = {}
        self._basin: dict = {}
        self.failed = ""
        self.disjoint = landscape.eps is not None and landscape.disjoint_basins()

    def _shape(self, n):
        L = self.L
        k = sum(n)
        if k == 0:
            return k, None, Fraction(0), L.init.mean, L.init.var
        mubar = tuple(sum((ni * c[j] for ni, c in zip(n, L.mu)), Fraction(0)) / k for j in range(L.d))
        V = sum((ni * _dist2(c, mubar) for ni, c in zip(n, L.mu) if ni), Fraction(0))
        var = 1 / (1 / L.init.var + 2 * L.beta * k)
        mean = tuple((L.init.mean[j] / L.init.var + 2 * L.beta * k * mubar[j]) * var for j in range(L.d))
        return k, mubar, V, mean, var

    def M(self, n):
        if n not in self._M:
            L = self.L
            k, mubar, V, _, _ = self._shape(n)
            with iv_workprec(self.prec):
                if k == 0:
                    self._M[n] = iv.mpf(1)
                else:
                    den = 1 + 2 * L.beta * k * L.init.var
                    expo = L.beta * V + L.beta * k * _dist2(L.init.mean, mubar) / den
                    self._M[n] = iv.exp(-iv_frac(expo)) / iv.sqrt(iv_frac(den)) ** L.d
        return self._M[n]

    def basin(self, n):
        if n not in self._basin:
            _, _, _, mean, var = self._shape(n)
            M = self.M(n)
            masses = []
            for centre in self.L.mu:
                lam, x = _dist2(mean, centre) / var, self.L.radius_squared / var
                if lam / 2 > _SERIES_LIMIT:
                    self.failed = (f"lambda/2 = {float(lam / 2):.4g} exceeds the series limit {_SERIES_LIMIT}; the "
                                   "point engine used quadrature there, which has no rigorous bound")
                    p = iv.mpf([0, 1])
                else:
                    p = chi2_cdf_enclosure(self.L.d, lam, x, prec=self.prec)
                with iv_workprec(self.prec):
                    masses.append(M * p)
            with iv_workprec(self.prec):
                outside = M - _sum(masses) if self.disjoint else None
            self._basin[n] = (masses, outside)
        return self._basin[n]


def _gamma_enclosure(a: Fraction):
    """Γ(a) for a positive integer or half-integer a: an exact rational times 1 or √π."""
    if a.denominator == 1:
        return iv.mpf(math.factorial(int(a) - 1))
    m = int(a - Fraction(1, 2))      # Γ(m + 1/2) = (2m)! √π / (4^m m!)
    return iv_frac(Fraction(math.factorial(2 * m), 4 ** m * math.factorial(m))) * iv.sqrt(iv.pi)


def chi2_cdf_enclosure(d: int, lam: Fraction, x: Fraction, *, prec: int):
    r"""An interval containing P(χ'²_d(λ) <= x) for exact rationals λ >= 0, x >= 0.

    Σ_j Pois(j; h) P(d/2 + j, y), h = λ/2, y = x/2.  The regularised gamma P(a_J, y) at the top
    index comes from its positive series y^a e^{-y}/Γ(a+1) Σ_k y^k/((a+1)···(a+k)) with the
    geometric tail bound t_K r/(1 - r), r = y/(a+K+2); the lower indices from the recurrence
    P(a, y) = P(a+1, y) + y^a e^{-y}/Γ(a+1) (positive terms); the Poisson tail beyond J is at most
    Pois(J+1; h)/(1 - h/(J+2)) (the probabilities are <= 1).  All in ``mpmath.iv``.

    Examples
    --------
    >>> e = chi2_cdf_enclosure(2, Fraction(0), Fraction(2), prec=100)     # 1 - e^{-1}
    >>> with mpmath.workdps(40):
    ...     bool(mpmath.mpf(e.a) <= 1 - mpmath.exp(-1) <= mpmath.mpf(e.b))
    ...
    True
    """
    if x <= 0:
        return iv.mpf(0)
    h, y = lam / 2, x / 2
    target = prec + 10
    # the top index J: chosen in floating point (any J is sound: its tail is bounded below)
    J = 0
    if h > 0:
        J = int(h) + 1
        while True:
            logw = -float(h) + (J + 1) * math.log(float(h)) - math.lgamma(J + 2)
            r = float(h) / (J + 2)
            if r < 0.5 and logw - math.log1p(-r) < -target * math.log(2):
                break
            J += max(1, int(math.sqrt(float(h) + 1)))
    with iv_workprec(prec + 20):
        yi = iv_frac(y)
        a_top = Fraction(d, 2) + J
        term = yi ** J * iv.sqrt(yi) ** d * iv.exp(-yi) / _gamma_enclosure(a_top + 1)
        series, t, k = iv.mpf(1), iv.mpf(1), 0
        while True:
            t = t * yi / iv_frac(a_top + k + 1)
            series += t
            k += 1
            r = y / (a_top + k + 1)
            if r < Fraction(1, 2):
                tail = t * iv_frac(r / (1 - r))
                if tail.b < mpmath.mpf(2) ** -target:
                    break
        P = term * (series + iv.mpf([0, tail.b]))
        probs = [P]
        for j in range(J - 1, -1, -1):
            a = Fraction(d, 2) + j
            term = term * iv_frac((a + 1) / y)      # y^a e^{-y}/Γ(a+1) from the index above
            P = P + term
            probs.append(P)
        probs.reverse()
        hi_ = iv_frac(h)
        w = iv.exp(-hi_)
        total = iv.mpf(0)
        for j, Pj in enumerate(probs):
            total += w * Pj
            w = w * hi_ / (j + 1)
        if h > 0:
            # w is now Pois(J+1; h); later ratios are at most h/(J+2) < 1
            total += iv.mpf([0, (w / (1 - hi_ / (J + 2))).b])
    with iv_workprec(prec):
        return +total


def to_json(x, digits: int = 25) -> list[str]:
    """An interval as [lower, upper] decimal strings rounded outward to ``digits`` significant digits.

    >>> to_json(iv.mpf(1) / 3, digits=5)
    ['3.3333e-1', '3.3334e-1']
    """
    lo, hi = x._mpi_
    return [outward_text(lo, False, digits), outward_text(hi, True, digits)]
