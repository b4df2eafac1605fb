r"""The integrals of the continuous geometry's closed form: Gaussian integrals on an interval, Gaussian
masses of balls (noncentral χ²), and the moments M(n) and basin masses of each Gaussian component.

Definitions and conventions are those of :mod:`pluralnash.numeric.engines.continuous` ([FALA26]
Appendix C.4): every value is a positive mpf at the caller's precision (plus ``GUARD`` digits inside).
"""

from __future__ import annotations

import functools
from fractions import Fraction

import mpmath

from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.engines.continuous_model import QuadraticLandscape, Uniform, _dist2

__all__ = ["gauss_integral", "erfc_difference", "noncentral_chi2_cdf"]

GUARD = 15
_SERIES_LIMIT = 5000  # Poisson mean λ/2 beyond which the ball mass uses quadrature


# ----------------------------------------------------------------------------------------------
# one-dimensional Gaussian integrals


def gauss_integral(c, s, lo, hi):
    r"""∫_lo^hi e^{-s (x - c)²} dx for s >= 0 (lo, hi may be ±inf), at the current mp precision.

    Uses erfc on the side of the peak that the interval does not contain, so that a far tail
    keeps full relative accuracy (erf(v) - erf(u) would cancel to zero there).
    """
    if not lo < hi:
        return mpmath.mpf(0)
    if s == 0:
        return hi - lo
    r = mpmath.sqrt(s)
    u, v = r * (lo - c), r * (hi - c)
    if u >= 0:
        diff = mpmath.erfc(u) - mpmath.erfc(v)
    elif v <= 0:
        diff = mpmath.erfc(-v) - mpmath.erfc(-u)
    else:
        diff = mpmath.erf(v) - mpmath.erf(u)
    return mpmath.sqrt(mpmath.pi) / (2 * r) * diff


def _pieces(c, s, lo, hi, balls):
    r"""∫ e^{-s (x - c)²} over the pieces of [lo, hi] cut at the ball endpoints.

    One erfc per breakpoint, shared by the two pieces that meet there; each piece's integral is
    a difference of erfc values of the same sign (or 2 - erfc - erfc across the peak), so no
    piece loses relative accuracy in a far tail.
    """
    cuts = sorted({lo, hi} | {min(max(e, lo), hi) for ball in balls for e in ball})
    if s == 0:
        return [((a, b), b - a) for a, b in zip(cuts, cuts[1:]) if a < b]
    r = mpmath.sqrt(s)
    half = mpmath.sqrt(mpmath.pi) / (2 * r)
    vals = []
    for e in cuts:
        u = r * (e - c)
        vals.append((u, mpmath.erfc(abs(u))))
    out = []
    for (a, b), ((u1, e1), (u2, e2)) in zip(zip(cuts, cuts[1:]), zip(vals, vals[1:])):
        if not a < b:
            continue
        out.append(((a, b), half * erfc_difference(u1, e1, u2, e2)))
    return out


def erfc_difference(u1, e1, u2, e2):
    r"""erf(u2) - erf(u1) from e_j = erfc(|u_j|), u1 <= u2, without cancellation in a far tail.

    Only the signs of u1 and u2 are used (numbers or exact signs -1, 0, 1): a difference of
    erfc values on one side of the peak, 2 - e1 - e2 across it.
    """
    if u1 >= 0:
        return e1 - e2
    if u2 <= 0:
        return e2 - e1
    return 2 - e1 - e2


# ----------------------------------------------------------------------------------------------
# balls in d dimensions


@functools.lru_cache(maxsize=4096)
def noncentral_chi2_cdf(d: int, lam, x, *, dps: int = 30, upper: bool = False):
    r"""P(χ'²_d(λ) <= x) (or > x with ``upper``) to absolute error 10^{-dps}, and the method used.

    Poisson mixture Σ_j e^{-λ/2} (λ/2)^j / j! · P(χ²_{d+2j} <= x): the regularised gamma values
    come from one mpmath ``gammainc`` at the top index and the stable recurrence
    P(a, y) = P(a + 1, y) + y^a e^{-y} / Γ(a + 1) downward (all terms positive).  The series stops
    at J > λ/2 with Pois(J) r / (1 - r) < 10^{-dps-5}, r = (λ/2)/(J + 1), which bounds the tail.
    When λ/2 > ``_SERIES_LIMIT`` it integrates along the axis through the centre instead, with
    mpmath quadrature (the quadrature's own error estimate is returned).  The value depends on the
    arguments' values alone (the precision is ``dps``), so it is computed once per arguments in a run:
    components of different setups share their balls' (λ, x) often.

    Returns
    -------
    (value, method, error_bound)

    Examples
    --------
    >>> v, method, err = noncentral_chi2_cdf(2, 0, 2, dps=30)   # χ²_2: 1 - e^{-1}
    >>> with mpmath.workdps(40):
    ...     bool(abs(v - (1 - mpmath.exp(-1))) < 1e-30), method
    ...
    (True, 'series')
    """
    with mpmath.workdps(dps + GUARD):
        lam, x = mpmath.mpf(lam), mpmath.mpf(x)
        tol = mpmath.mpf(10) ** (-(dps + 5))
        if x <= 0:
            return (mpmath.mpf(1) if upper else mpmath.mpf(0)), "exact", mpmath.mpf(0)
        h = lam / 2
        if h > _SERIES_LIMIT:
            return _ball_by_quadrature(d, lam, x, dps, upper)
        y = x / 2
        # top index J: past the Poisson mode, tail bound below tol
        J = int(mpmath.floor(h)) + 1
        log_h, prec = (mpmath.log(h) if h > 0 else None), mpmath.mp.prec
        logpois = lambda j: -h + j * log_h - _loggamma(j + 1, prec) if h > 0 else (0 if j == 0 else -mpmath.inf)
        while True:
            if h == 0:
                J = 0
                break
            r = h / (J + 1)
            if r < 1 and mpmath.exp(logpois(J)) * r / (1 - r) < tol:
                break
            J += max(1, int(mpmath.sqrt(h + 1)))
        half_d = mpmath.mpf(d) / 2
        a_top = half_d + J
        # P(a_top, y) (or Q) directly, then recur
        g = mpmath.gammainc(a_top, 0, y, regularized=True)
        terms_lower = [None] * (J + 1)
        terms_lower[J] = g
        log_y = mpmath.log(y)
        for j in range(J - 1, -1, -1):
            a = half_d + j
            g = g + mpmath.exp(a * log_y - y - _loggamma(a + 1, prec))
            terms_lower[j] = g
        total = mpmath.mpf(0)
        for j in range(J + 1):
            w = mpmath.exp(logpois(j)) if h > 0 else mpmath.mpf(1 if j == 0 else 0)
            gj = terms_lower[j]
            total += w * ((1 - gj) if upper else gj)
        # for the upper probability the tail beyond J adds at most the Poisson tail (≤ tol)
        return total, "series", tol


@functools.lru_cache(maxsize=4096)
def _loggamma(a, prec: int):
    """log Γ(a) at ``prec`` bits (the caller's working precision; ``a`` an integer or a half-integer mpf):
    the same value mpmath returns, computed once per run."""
    with mpmath.workprec(prec):
        return mpmath.loggamma(a)


def _ball_by_quadrature(d, lam, x, dps, upper):
    # Y = N(δ e_1, I) after scaling by sqrt(v); P(|Y|^2 <= x) = ∫ φ(y-δ) P(χ²_{d-1} <= x - y²) dy
    delta, R = mpmath.sqrt(lam), mpmath.sqrt(x)

    def f(y):
        rest = x - y * y
        if rest <= 0:
            return mpmath.mpf(0)
        inner = mpmath.gammainc(mpmath.mpf(d - 1) / 2, 0, rest / 2, regularized=True) if d > 1 else 1
        return mpmath.npdf(y, delta, 1) * inner

    pts = sorted({-R, R, max(-R, min(R, delta - 10)), max(-R, min(R, delta)), max(-R, min(R, delta + 10))})
    val, err = mpmath.quad(f, pts, error=True)
    if upper:
        val = 1 - val
    return val, "quadrature", err


# ----------------------------------------------------------------------------------------------
# moments and basin integrals (depend on the geometry, not on the weights)


class _Moments:
    """M(n) and the basin / outside integrals of the term with multi-index n, memoised."""

    def __init__(self, landscape: QuadraticLandscape, dps: int):
        self.L = landscape
        self.dps = dps
        self.work = dps + GUARD
        self._M: dict = {}
        self._basin: dict = {}
        self.methods: set = set()
        self.max_error = mpmath.mpf(0)
        with mpmath.workdps(self.work):
            self.beta = frac_mpf(landscape.beta)
            if landscape.eps is not None:
                self.rho = mpmath.sqrt(frac_mpf(landscape.radius_squared))
                if landscape.d == 1:
                    self.balls = [(frac_mpf(c[0]) - self.rho, frac_mpf(c[0]) + self.rho) for c in landscape.mu]
                    self.disjoint = landscape.disjoint_basins()
                else:
                    self.disjoint = landscape.disjoint_basins()

    # shape of the term e^{Σ n_i r_i}: k, μ̄ (exact), V_n (exact)
    def _shape(self, n):
        k = sum(n)
        if k == 0:
            return 0, None, Fraction(0)
        d = self.L.d
        mubar = tuple(sum((ni * c[j] for ni, c in zip(n, self.L.mu)), Fraction(0)) / k for j in range(d))
        V = sum((ni * _dist2(c, mubar) for ni, c in zip(n, self.L.mu) if ni), Fraction(0))
        return k, mubar, V

    def component(self, n):
        r"""The term p_0 Π e^{n_i r_i} as (mass M(n), description) at working precision.

        Description: for 1-D, (scale, s, c, lo, hi) meaning scale · e^{-s (x - c)²} on [lo, hi];
        for d > 1, (mean m_n, variance v_n) of the Gaussian N(m_n, v_n I).
        """
        if n in self._M:
            return self._M[n]
        L, beta = self.L, self.beta
        k, mubar, V = self._shape(n)
        with mpmath.workdps(self.work):
            if isinstance(L.init, Uniform):
                a, b = L.init.low, L.init.high
                scale = mpmath.exp(-beta * frac_mpf(V)) / frac_mpf(b - a)
                s = beta * k
                c = frac_mpf(mubar[0]) if k else mpmath.mpf(0)
                desc = (scale, s, c, frac_mpf(a), frac_mpf(b))
                M = scale * gauss_integral(c, s, frac_mpf(a), frac_mpf(b))
            else:
                s2, m0, d = L.init.var, L.init.mean, L.d
                if k == 0:
                    M, mean, var = mpmath.mpf(1), m0, s2
                else:
                    den = 1 + 2 * L.beta * k * s2
                    expo = L.beta * V + L.beta * k * _dist2(m0, mubar) / den
                    M = mpmath.power(frac_mpf(den), -mpmath.mpf(d) / 2) * mpmath.exp(-frac_mpf(expo))
                    prec = 1 / s2 + 2 * L.beta * k
                    var = 1 / prec
                    mean = tuple((m0[j] / s2 + 2 * L.beta * k * mubar[j]) * var for j in range(d))
                if d == 1:
                    vv = frac_mpf(var)
                    desc = (M / mpmath.sqrt(2 * mpmath.pi * vv), 1 / (2 * vv), frac_mpf(mean[0]),
                            mpmath.mpf("-inf"), mpmath.mpf("inf"))
                else:
                    desc = (mean, var)
        self._M[n] = (M, desc)
        return self._M[n]

    def M(self, n):
        return self.component(n)[0]

    def basin(self, n):
        """(masses in S_{1,ε}..S_{m,ε}, outside mass) of the term n, unnormalised like M(n)."""
        if n in self._basin:
            return self._basin[n]
        M, desc = self.component(n)
        with mpmath.workdps(self.work):
            if self.L.d == 1:
                scale, s, c, lo, hi = desc
                pieces = _pieces(c, s, lo, hi, self.balls)
                masses = [scale * mpmath.fsum(v for (a, b), v in pieces if a >= ba and b <= bb)
                          for ba, bb in self.balls]
                outside = scale * mpmath.fsum(v for (a, b), v in pieces
                                              if not any(a >= ba and b <= bb for ba, bb in self.balls))
            else:
                mean, var = desc
                masses = []
                for centre in self.L.mu:
                    lam = _dist2(mean, centre) / var
                    x = self.L.radius_squared / var
                    p, method, err = noncentral_chi2_cdf(self.L.d, frac_mpf(lam), frac_mpf(x), dps=self.work)
                    self.methods.add(method)
                    self.max_error = max(self.max_error, err)
                    masses.append(M * p)
                outside = M - mpmath.fsum(masses) if self.disjoint else None
        self._basin[n] = (masses, outside)
        return self._basin[n]


@functools.lru_cache(maxsize=16)
def _moments_for(key: tuple, dps: int, landscape: QuadraticLandscape) -> _Moments:
    return _Moments(landscape, dps)


def _moments(landscape: QuadraticLandscape, dps: int) -> _Moments:
    # shared by every weight vector on the same geometry (the reproduce tables sweep q)
    return _moments_for(landscape.geometry_key(), dps, landscape.replace(weights=None))

