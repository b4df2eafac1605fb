r"""The paper's continuous geometry, exactly: quadratic rewards and Gaussian mixtures.

Definitions ([FALA26] Appendix C.4, generalised to m rewards and d dimensions)
------------------------------------------------------------------------------
- X = R^d.  Rewards r_i(x) = -β ‖x - μ_i‖², i = 1..m, so r_i^* = 0 and the basins
  S_{i,ε} = {x : r_i(x) >= -ε} are the closed balls of radius ρ = sqrt(ε/β) about μ_i.
- Initial model p_0: an isotropic Gaussian N(m_0, s² I) in any dimension (:class:`Gaussian`),
  or, in one dimension, the uniform law on [a, b] (:class:`Uniform`).
- Large-K dynamics ([FALA26] Eq. 5): p_{t+1}(x) = p_t(x) Σ_i q_i e^{r_i(x)} / Z_i(t),
  Z_i(t) = E_{p_t}[e^{r_i}].

Closed form
-----------
Expanding the product of t sums, p_t = p_0 · Σ_{|n| = t} c_n(t) Π_i e^{n_i r_i} over multi-indices
n ∈ N^m, with c_0(0) = 1 and

    c_n(t+1) = Σ_{i : n_i >= 1} c_{n - e_i}(t) · q_i / Z_i(t),   Z_i(t) = Σ_n c_n(t) M(n + e_i),

where M(n) = E_{p_0}[Π_i e^{n_i r_i}].  With k = |n|, μ̄_n = Σ_i n_i μ_i / k and
V_n = Σ_i n_i ‖μ_i - μ̄_n‖² (both exact rationals), Σ_i n_i r_i(x) = -β k ‖x - μ̄_n‖² - β V_n, so
each term is an explicit Gaussian (truncated to [a, b] for the uniform start):

- Gaussian start: M(n) = (1 + 2βk s²)^{-d/2} exp(-β V_n - β k ‖m_0 - μ̄_n‖² / (1 + 2βk s²)); the
  component is N(m_n, v_n I), 1/v_n = 1/s² + 2βk, m_n = v_n (m_0/s² + 2βk μ̄_n).
- Uniform start: M(n) = e^{-β V_n} / (b - a) · ∫_a^b e^{-βk (x - μ̄_n)²} dx (erf; erfc in the tails).

There are C(t + m - 1, m - 1) components at round t.  Every c_n, M(n) and basin integral is a
positive number, so the sums that give Z_i(t), a_t, b_t, m_t have no cancellation; the outside
mass m_t is integrated directly over X minus the basins (not as 1 - a_t - b_t), so log m_t stays
accurate when m_t is 1e-100.  Each p_t(S_{i,ε}) is the mass of the whole ball S_{i,ε}, also when
balls overlap; m_t is the mass outside every ball, so then a_t + b_t + m_t = 1 + p_t(S_1 ∩ S_2).

Basin masses: in one dimension every integral is a difference of erf or erfc values.  For d > 1
the mass of N(m, vI) in a ball of radius ρ about μ is the noncentral chi-square probability
P(χ'²_d(λ) <= ρ²/v), λ = ‖m - μ‖²/v, computed as the Poisson mixture
Σ_j Pois(j; λ/2) P(χ²_{d+2j} <= ρ²/v) with a proven tail bound (absolute error below 10^{-dps-5}
per component), or by mpmath quadrature (error estimate recorded) when λ/2 exceeds
``_SERIES_LIMIT``; for d > 1 the outside mass is 1 - Σ_i p_t(S_{i,ε}) (absolute accuracy only).

Python spellings: ``mu`` = μ_i, ``beta`` = β, ``weights`` = q_i, ``eps`` = ε, ``dps`` = decimal
digits.  Exact inputs (Fractions, strings like "1/10") stay exact until the exponentials.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import mpmath

from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.arith.precision import CONTINUOUS_MAX_DPS, CONTINUOUS_MIN_DPS, check_dps
from pluralnash.numeric.model.landscape import Landscape, _check_simplex, _show, to_fraction
from pluralnash.theory import InvalidArgument, SolverError

__all__ = [
    "Gaussian",
    "Uniform",
    "QuadraticLandscape",
    "ContinuousTrajectory",
    "run_continuous",
    "discretise_quadratic",
    "noncentral_chi2_cdf",
]

GUARD = 15
_SERIES_LIMIT = 5000  # Poisson mean λ/2 beyond which the ball mass uses quadrature


def _check_dps(dps: Any) -> int:
    """``dps`` within the continuous engine's range (CONTINUOUS_MIN_DPS to CONTINUOUS_MAX_DPS)."""
    return check_dps(dps, low=CONTINUOUS_MIN_DPS, high=CONTINUOUS_MAX_DPS)


def _point(value: Any, name: str) -> tuple[Fraction, ...]:
    if isinstance(value, (list, tuple)):
        if not value:
            raise InvalidArgument(f"{name}=[] is empty; give a number (d = 1) or d coordinates")
        return tuple(to_fraction(v, f"{name}[{k}]") for k, v in enumerate(value))
    return (to_fraction(value, name),)


@dataclass(frozen=True)
class Gaussian:
    r"""Isotropic Gaussian initial model N(m_0, s² I).

    Parameters
    ----------
    mean : number or sequence of d numbers
        m_0 (a number means d = 1).
    var : number
        s² > 0, the variance of every coordinate.

    Examples
    --------
    >>> Gaussian(mean=[0, "1/2"], var=2).d
    2
    """

    mean: Any = 0
    var: Any = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", _point(self.mean, "Gaussian.mean"))
        v = to_fraction(self.var, "Gaussian.var")
        if v <= 0:
            raise InvalidArgument(f"Gaussian.var={v} must be > 0 (it is s^2); pass a positive variance")
        object.__setattr__(self, "var", v)

    @property
    def d(self) -> int:
        return len(self.mean)

    def describe(self) -> str:
        mean = str(self.mean[0]) if self.d == 1 else "(" + ", ".join(map(str, self.mean)) + ")"
        return f"N({mean}, {self.var}{' I' if self.d > 1 else ''})"

    def to_json(self) -> dict[str, Any]:
        return {"kind": "gaussian", "mean": [str(v) for v in self.mean], "var": str(self.var)}


@dataclass(frozen=True)
class Uniform:
    r"""Uniform initial model on the interval [low, high] (one dimension).

    Examples
    --------
    >>> Uniform(-3, "3").describe()
    'Uniform[-3, 3]'
    """

    low: Any = 0
    high: Any = 1

    def __post_init__(self) -> None:
        lo, hi = to_fraction(self.low, "Uniform.low"), to_fraction(self.high, "Uniform.high")
        if not lo < hi:
            raise InvalidArgument(f"Uniform(low={lo}, high={hi}) needs low < high; swap them or widen the interval")
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)

    d = 1

    def describe(self) -> str:
        return f"Uniform[{self.low}, {self.high}]"

    def to_json(self) -> dict[str, Any]:
        return {"kind": "uniform", "low": str(self.low), "high": str(self.high)}


@dataclass(frozen=True)
class QuadraticLandscape:
    r"""Quadratic rewards r_i(x) = -β ‖x - μ_i‖² on R^d with a Gaussian or uniform start.

    Parameters
    ----------
    mu : sequence of m centres
        Each a number (d = 1) or d numbers.  m >= 1.
    beta : number, optional
        β > 0 (default 1); a temperature τ means β = 1/τ.
    weights : m numbers on the simplex, optional
        q_i (default uniform).
    init : Gaussian or Uniform
        p_0.  Uniform needs d = 1.
    eps : number, optional
        ε > 0; the basins are the balls of radius sqrt(ε/β) about μ_i.

    Examples
    --------
    >>> L = QuadraticLandscape(mu=[-1, 1], weights=["1/4", "3/4"], init=Uniform(-3, 3), eps="1/10")
    >>> (L.m, L.d, L.disjoint_basins())
    (2, 1, True)
    """

    mu: Any
    beta: Any = 1
    weights: Any = None
    init: Any = None
    eps: Any = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if isinstance(self.mu, (str, bytes)) or not isinstance(self.mu, (list, tuple)) or not self.mu:
            raise InvalidArgument(f"mu={_show(self.mu)} must be a non-empty list of centres; pass e.g. mu=[-1, 1]")
        mu = tuple(_point(c, f"mu[{i}]") for i, c in enumerate(self.mu))
        d = len(mu[0])
        for i, c in enumerate(mu):
            if len(c) != d:
                raise InvalidArgument(f"mu[{i}] has {len(c)} coordinates but mu[0] has {d}; give every centre in R^{d}")
        set_(self, "mu", mu)
        beta = to_fraction(self.beta, "beta")
        if beta <= 0:
            raise InvalidArgument(f"beta={beta} must be > 0 (rewards -beta |x - mu|^2); pass e.g. beta=1")
        set_(self, "beta", beta)
        m = len(mu)
        if self.weights is None:
            set_(self, "weights", tuple(Fraction(1, m) for _ in range(m)))
        else:
            if isinstance(self.weights, (str, bytes)) or not isinstance(self.weights, (list, tuple)):
                raise InvalidArgument(f"weights={_show(self.weights)} must be a list of {m} numbers on the simplex")
            w = tuple(to_fraction(v, f"weights[{i}]") for i, v in enumerate(self.weights))
            if len(w) != m:
                raise InvalidArgument(f"weights has {len(w)} entries but mu has {m} centres; give one weight per reward")
            _check_simplex(w, "weights")
            set_(self, "weights", w)
        if not isinstance(self.init, (Gaussian, Uniform)):
            raise InvalidArgument(
                f"init={_show(self.init)} must be Gaussian(mean, var) or Uniform(low, high); pass e.g. init=Uniform(-3, 3)"
            )
        if self.init.d != d:
            raise InvalidArgument(
                f"init={self.init.describe()} lives in dimension {self.init.d} but mu is in dimension {d}; "
                + ("Uniform is one-dimensional: use a Gaussian for d > 1" if isinstance(self.init, Uniform)
                   else "give a mean with one coordinate per dimension")
            )
        if self.eps is not None:
            e = to_fraction(self.eps, "eps")
            if e <= 0:
                raise InvalidArgument(f"eps={e} must be > 0; pass a positive basin width")
            set_(self, "eps", e)

    @property
    def m(self) -> int:
        return len(self.mu)

    @property
    def d(self) -> int:
        return len(self.mu[0])

    @property
    def radius_squared(self) -> Fraction:
        """ρ² = ε/β, exactly."""
        self._need_eps()
        return self.eps / self.beta

    def _need_eps(self) -> None:
        if self.eps is None:
            raise InvalidArgument("this landscape has no basin width; give eps= to define S_{i,eps}")

    def disjoint_basins(self) -> bool:
        """Whether the balls S_{i,ε} are pairwise disjoint: ‖μ_i - μ_j‖² > 4ε/β, decided exactly."""
        r2 = self.radius_squared
        return all(_dist2(a, b) > 4 * r2 for a, b in itertools.combinations(self.mu, 2))

    def replace(self, **changes: Any) -> "QuadraticLandscape":
        data = {"mu": self.mu, "beta": self.beta, "weights": self.weights, "init": self.init, "eps": self.eps}
        data.update(changes)
        return QuadraticLandscape(**data)

    def geometry_key(self) -> tuple:
        """Everything but the weights: what the moments M(n) and basin integrals depend on."""
        init = (type(self.init).__name__,) + tuple(
            (self.init.mean, self.init.var) if isinstance(self.init, Gaussian) else (self.init.low, self.init.high))
        return (self.mu, self.beta, init, self.eps)

    def describe(self) -> str:
        centres = ", ".join(str(c[0]) if self.d == 1 else "(" + ", ".join(map(str, c)) + ")" for c in self.mu)
        return (f"r_i = -{self.beta} |x - mu_i|^2, mu = [{centres}], q = [{', '.join(map(str, self.weights))}], "
                f"p0 = {self.init.describe()}" + (f", eps = {self.eps}" if self.eps is not None else ""))

    def to_json(self) -> dict[str, Any]:
        return {"mu": [[str(v) for v in c] for c in self.mu], "beta": str(self.beta),
                "weights": [str(v) for v in self.weights], "init": self.init.to_json(),
                "eps": None if self.eps is None else str(self.eps)}


def _dist2(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum(((x - y) ** 2 for x, y in zip(a, b)), Fraction(0))


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


def noncentral_chi2_cdf(d: int, lam, x, *, dps: int = 30, upper: bool = False):
    r"""P(χ'²_d(λ) <= x) (or > x with ``upper``) to absolute error 10^{-dps}, and the method used.

    Poisson mixture Σ_j e^{-λ/2} (λ/2)^j / j! · P(χ²_{d+2j} <= x): the regularised gamma values
    come from one mpmath ``gammainc`` at the top index and the stable recurrence
    P(a, y) = P(a + 1, y) + y^a e^{-y} / Γ(a + 1) downward (all terms positive).  The series stops
    at J > λ/2 with Pois(J) r / (1 - r) < 10^{-dps-5}, r = (λ/2)/(J + 1), which bounds the tail.
    When λ/2 > ``_SERIES_LIMIT`` it integrates along the axis through the centre instead, with
    mpmath quadrature (the quadrature's own error estimate is returned).

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
        logpois = lambda j: -h + j * mpmath.log(h) - mpmath.loggamma(j + 1) if h > 0 else (0 if j == 0 else -mpmath.inf)
        while True:
            if h == 0:
                J = 0
                break
            r = h / (J + 1)
            if r < 1 and mpmath.exp(logpois(J)) * r / (1 - r) < tol:
                break
            J += max(1, int(mpmath.sqrt(h + 1)))
        a_top = mpmath.mpf(d) / 2 + J
        # P(a_top, y) (or Q) directly, then recur
        g = mpmath.gammainc(a_top, 0, y, regularized=True)
        terms_lower = [None] * (J + 1)
        terms_lower[J] = g
        for j in range(J - 1, -1, -1):
            a = mpmath.mpf(d) / 2 + j
            g = g + mpmath.exp(a * mpmath.log(y) - y - mpmath.loggamma(a + 1))
            terms_lower[j] = g
        total = mpmath.mpf(0)
        for j in range(J + 1):
            w = mpmath.exp(logpois(j)) if h > 0 else mpmath.mpf(1 if j == 0 else 0)
            gj = terms_lower[j]
            total += w * ((1 - gj) if upper else gj)
        # for the upper probability the tail beyond J adds at most the Poisson tail (≤ tol)
        return total, "series", tol


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


# ----------------------------------------------------------------------------------------------
# the dynamics


@dataclass(frozen=True)
class ContinuousTrajectory:
    r"""A run of the large-K dynamics on a :class:`QuadraticLandscape`, computed in closed form.

    Attributes
    ----------
    records : list of dict
        One per recorded round t: ``t``, ``Z`` (Z_i(t)), ``F`` (Σ q_i log Z_i), ``components``,
        ``mass_error`` (|Σ_n c_n M(n) - 1| before renormalising) and, with ε, ``masses``
        (p_t(S_{i,ε})), ``outside`` (m_t) and for m = 2 ``a``, ``b``, ``m``.
    coefficients : dict
        c_n(T) for the final round, keyed by multi-index.
    dps : int
        Decimal digits of the reported values (the work used ``dps + GUARD``).
    ball_method : str
        How the basin masses were computed: ``"erf"`` (d = 1), ``"series"`` or ``"quadrature"``.
    ball_error : mpf
        Bound (series) or estimate (quadrature) of the absolute error per ball probability.
    certified : bool or None
        ``None`` unless the run was asked to ``certify``; then whether every enclosure in the
        records (key ``enclosure``) is rigorous: False only where the point engine needed
        quadrature for a ball mass (d > 1, λ/2 above the series limit; ``certify_note`` says so).
    certify_note : str
        Why a certified run is not certified (empty otherwise).
    certify_prec : int or None
        Bits of the interval enclosures.
    """

    landscape: QuadraticLandscape
    records: list[dict[str, Any]]
    coefficients: dict
    dps: int
    steps: int
    ball_method: str
    ball_error: Any = field(default=0)
    certified: bool | None = None
    certify_note: str = ""
    certify_prec: int | None = None

    def final_components(self) -> list[tuple]:
        """p_T as (probability, description) per term; see ``_Moments.component`` for the form."""
        mom = _moments(self.landscape, self.dps)
        out = []
        with mpmath.workdps(self.dps + GUARD):
            for n, c in self.coefficients.items():
                M, desc = mom.component(n)
                out.append((n, c * M, desc))
        return out

    def density(self, x) -> Any:
        """p_T(x) at a point x (a number in 1-D, d numbers otherwise), at ``dps`` digits."""
        L = self.landscape
        with mpmath.workdps(self.dps + GUARD):
            xs = [mpmath.mpf(v) for v in (x if isinstance(x, (list, tuple)) else [x])]
            if isinstance(L.init, Uniform):
                if not frac_mpf(L.init.low) <= xs[0] <= frac_mpf(L.init.high):
                    return mpmath.mpf(0)
                p0 = 1 / frac_mpf(L.init.high - L.init.low)
            else:
                s2 = frac_mpf(L.init.var)
                r2 = mpmath.fsum((xi - frac_mpf(mi)) ** 2 for xi, mi in zip(xs, L.init.mean))
                p0 = mpmath.exp(-r2 / (2 * s2)) / (2 * mpmath.pi * s2) ** (mpmath.mpf(L.d) / 2)
            beta = frac_mpf(L.beta)
            r = [-beta * mpmath.fsum((xi - frac_mpf(ci)) ** 2 for xi, ci in zip(xs, c)) for c in L.mu]
            val = p0 * mpmath.fsum(c * mpmath.exp(mpmath.fsum(ni * ri for ni, ri in zip(n, r)))
                                   for n, c in self.coefficients.items())
        with mpmath.workdps(self.dps):
            return +val


def _check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise InvalidArgument(f"steps={steps!r} must be a whole number >= 0; pass e.g. steps=50")
    return steps


def _component_count(t: int, m: int) -> int:
    return math.comb(t + m - 1, m - 1)


MAX_COMPONENTS = 2_000_000


def run_continuous(landscape: QuadraticLandscape, steps: int, *, dps: int = 30,
                   record_every: int = 1, record_at: Sequence[int] | None = None,
                   certify: bool = False) -> ContinuousTrajectory:
    r"""Iterate the large-K map ([FALA26] Eq. 5) ``steps`` times in closed form.

    Parameters
    ----------
    landscape : QuadraticLandscape
    steps : int
        Rounds T >= 0.  The work grows like the number of multi-indices with |n| <= T + 1,
        C(T + m + 1, m), which is T²/2 for two rewards.
    dps : int
        Decimal digits; the computation carries ``GUARD`` more.
    record_every : int
        Record every k-th round (the last is always recorded).
    record_at : sequence of int, optional
        Record exactly these rounds (and the last) instead; basin masses cost most, so a
        table that needs a_T only records T.
    certify : bool
        Also enclose Z_i(t), the basin masses and m_t of every recorded round in rigorous
        intervals (``mpmath.iv`` with the proven erf/erfc of ``_interval_erf``), stored in
        each record under ``enclosure``; see :mod:`pluralnash.numeric.engines.continuous_certified`.
        The point values are unchanged.  For d > 1 the ball masses come from the noncentral
        chi-square series with proven tails; where the point engine needed quadrature the
        trajectory says ``certified=False`` with the reason.

    Returns
    -------
    ContinuousTrajectory

    Examples
    --------
    >>> L = QuadraticLandscape(mu=[-1, 1], weights=["1/2", "1/2"], init=Uniform(-3, 3), eps="1/10")
    >>> tr = run_continuous(L, 3, dps=20)
    >>> [r["components"] for r in tr.records]
    [1, 2, 3, 4]
    >>> abs(tr.records[-1]["a"] - tr.records[-1]["b"]) < 1e-18   # symmetric start and weights
    True
    >>> cert = run_continuous(L, 3, dps=20, certify=True)
    >>> enc = cert.records[-1]["enclosure"]["a"]
    >>> with mpmath.workdps(40):
    ...     lo, hi = mpmath.mpf(enc.a), mpmath.mpf(enc.b)
    ...     cert.certified, bool(hi - lo < 1e-25), bool(abs(lo - tr.records[-1]["a"]) < 1e-19)
    ...
    (True, True, True)
    """
    if not isinstance(landscape, QuadraticLandscape):
        raise InvalidArgument(f"landscape={_show(landscape)} must be a QuadraticLandscape")
    steps = _check_steps(steps)
    dps = _check_dps(dps)
    if isinstance(record_every, bool) or not isinstance(record_every, int) or record_every < 1:
        raise InvalidArgument(f"record_every={record_every!r} must be a whole number >= 1")
    if not isinstance(certify, bool):
        raise InvalidArgument(f"certify={_show(certify)} must be True or False")
    wanted = None
    if record_at is not None:
        try:
            wanted = {int(t) for t in record_at} | {steps}
        except (TypeError, ValueError):
            raise InvalidArgument(f"record_at={_show(record_at)} must be a list of whole numbers") from None
    m = landscape.m
    total = _component_count(steps + 1, m + 1)
    if total > MAX_COMPONENTS:
        raise InvalidArgument(
            f"steps={steps} with m={m} rewards needs {total} Gaussian terms (more than {MAX_COMPONENTS}); "
            f"use fewer steps or a grid Landscape"
        )
    mom = _moments(landscape, dps)
    work = dps + GUARD
    records: list[dict[str, Any]] = []
    units = [tuple(1 if j == i else 0 for j in range(m)) for i in range(m)]
    with mpmath.workdps(work):
        q = [frac_mpf(v) for v in landscape.weights]
        c: dict = {tuple([0] * m): mpmath.mpf(1)}
        mass_error = mpmath.mpf(0)
        Z = None

        def Z_of(c):
            return [mpmath.fsum(cn * mom.M(tuple(a + b for a, b in zip(n, e))) for n, cn in c.items())
                    for e in units]

        def record(t, c, Z):
            rec: dict[str, Any] = {"t": t, "Z": [_round(z, dps) for z in Z], "components": len(c),
                                   "mass_error": _round(mass_error, 5)}
            rec["F"] = _round(mpmath.fsum(qi * mpmath.log(z) for qi, z in zip(q, Z) if qi), dps)
            if landscape.eps is not None:
                masses = [mpmath.mpf(0)] * m
                outside = mpmath.mpf(0) if (landscape.d == 1 or mom.disjoint) else None
                for n, cn in c.items():
                    bm, out = mom.basin(n)
                    masses = [x + cn * y for x, y in zip(masses, bm)]
                    if outside is not None:
                        outside += cn * out
                rec["masses"] = [_round(x, dps) for x in masses]
                rec["outside"] = None if outside is None else _round(outside, dps)
                if m == 2:
                    rec["a"], rec["b"], rec["m"] = rec["masses"][0], rec["masses"][1], rec["outside"]
            records.append(rec)

        for t in range(steps + 1):
            Z = Z_of(c)
            if (t in wanted) if wanted is not None else (t % record_every == 0 or t == steps):
                record(t, c, Z)
            if t == steps:
                break
            if any(z <= 0 for z in Z):
                raise SolverError(f"Z_i({t}) underflowed to {Z}; raise dps")
            coef = [qi / z for qi, z in zip(q, Z)]
            new: dict = {}
            for n, cn in c.items():
                for i, e in enumerate(units):
                    if not coef[i]:
                        continue
                    key = tuple(a + b for a, b in zip(n, e))
                    new[key] = new.get(key, 0) + cn * coef[i]
            total_mass = mpmath.fsum(cn * mom.M(n) for n, cn in new.items())
            mass_error = max(mass_error, abs(total_mass - 1))
            c = {n: cn / total_mass for n, cn in new.items()}
    method = "erf" if landscape.d == 1 else ("+".join(sorted(mom.methods)) or "series")
    extra: dict[str, Any] = {}
    if certify:
        from pluralnash.numeric.engines.continuous_certified import certified_records

        encs, ok, note, prec = certified_records(landscape, steps, dps, {rec["t"] for rec in records})
        for rec in records:
            rec["enclosure"] = encs[rec["t"]]
        extra = {"certified": ok, "certify_note": note, "certify_prec": prec}
    return ContinuousTrajectory(landscape=landscape, records=records, coefficients=c, dps=dps, steps=steps,
                                ball_method=method, ball_error=mom.max_error, **extra)


def _round(x, dps):
    with mpmath.workdps(dps):
        return +x


# ----------------------------------------------------------------------------------------------
# the same model on a grid (finite-atom engine)


def discretise_quadratic(landscape: QuadraticLandscape, cells: int, *, low: Any = None, high: Any = None,
                         dps: int = 30) -> Landscape:
    r"""A one-dimensional grid :class:`Landscape` for the same model (midpoint rule).

    Atoms are the midpoints x_k of ``cells`` equal cells on [low, high] (default: the uniform
    start's interval, or m_0 ± 10 s for a Gaussian start); rewards r_i(x_k) = -β (x_k - μ_i)²
    exactly; p_0(x_k) is the start's exact mass of cell k (uniform) or its Gaussian cell mass at
    ``dps`` digits, renormalised over the window.  Choose the grid so that every μ_i is a
    midpoint: then r_i^* = 0 on the grid as in the continuum, and the grid basins are the atoms
    in the balls S_{i,ε}.

    Examples
    --------
    >>> L = QuadraticLandscape(mu=[-1, 1], init=Uniform(-3, 3), eps="1/10")
    >>> G = discretise_quadratic(L, 30)
    >>> (G.n, G.atoms[0], G.rewards[0][0])
    (30, Fraction(-29, 10), Fraction(-361, 100))
    """
    if landscape.d != 1:
        raise InvalidArgument(f"discretise_quadratic needs d = 1 (the landscape has d = {landscape.d})")
    if isinstance(cells, bool) or not isinstance(cells, int) or cells < 2:
        raise InvalidArgument(f"cells={cells!r} must be a whole number >= 2; pass e.g. cells=400")
    init = landscape.init
    if isinstance(init, Uniform):
        lo = init.low if low is None else to_fraction(low, "low")
        hi = init.high if high is None else to_fraction(high, "high")
    else:
        sd = Fraction(math.isqrt(int(init.var * 10**12)), 10**6)  # grid window only; rational
        lo = init.mean[0] - 10 * max(sd, Fraction(1, 10**3)) if low is None else to_fraction(low, "low")
        hi = init.mean[0] + 10 * max(sd, Fraction(1, 10**3)) if high is None else to_fraction(high, "high")
    if not lo < hi:
        raise InvalidArgument(f"low={lo}, high={hi}: need low < high")
    h = (hi - lo) / cells
    atoms = [lo + (k + Fraction(1, 2)) * h for k in range(cells)]
    if isinstance(init, Uniform):
        inside = [max(Fraction(0), min(hi, init.high, lo + (k + 1) * h) - max(lo, init.low, lo + k * h))
                  for k in range(cells)]
        tot = sum(inside, Fraction(0))
        p0 = [v / tot for v in inside]
    else:
        with mpmath.workdps(dps + GUARD):
            s2 = frac_mpf(init.var)
            c = frac_mpf(init.mean[0])
            raw = [gauss_integral(c, 1 / (2 * s2), frac_mpf(lo + k * h), frac_mpf(lo + (k + 1) * h)) for k in range(cells)]
            fr = [to_fraction(v, "cell mass") for v in raw]
        tot = sum(fr, Fraction(0))
        p0 = [v / tot for v in fr]
    rewards = [[-landscape.beta * (x - c[0]) ** 2 for x in atoms] for c in landscape.mu]
    return Landscape(rewards=rewards, weights=landscape.weights, p0=p0, eps=landscape.eps, atoms=atoms)
