r"""Quadrature of the step-by-step continuous dynamics, and interval enclosures of its Z_i(t).

Definitions
-----------
A setup is a :class:`~pluralnash.numeric.engines.continuous.QuadraticLandscape` with a basin width ε:
rewards r_i(x) = -β ‖x - μ_i‖², weights q_i, start p_0 = N(m_0, s² I) (or uniform on [a, b] in
d = 1).  This module never uses the closed-form mixture of
:func:`~pluralnash.numeric.engines.continuous.run_continuous`: it builds p_t = p_0 Π_{s<t} W_s step by
step, W_s = Σ_i q_i e^{r_i} / Z_i(s), with every Z_i(s) and basin mass a Gauss–Legendre quadrature
at ``dps + 10`` digits (rule pairs of 12 and 24 nodes on chunks a few component widths wide; the
error estimate is the difference of the pair, plus a proven bound on the truncated Gaussian tails).

- d = 1: quadrature along the real line, pieces cut at the centres, the start's mean and the
  ball ends.
- d > 1 (Gaussian start): only when m_0 and every μ_i lie on one line (decided exactly).  With y
  the coordinate along the line and z ∈ R^{d-1} across it, r_i = -β (y - y_i)² - β ‖z‖², so
  p_t(y, z) = f_t(y) N(z; 0, s² I) e^{-tβ‖z‖²}: f_t is built by 1-D quadrature, the z-factor is
  G(k)^{d-1} with G(k) = ∫ N(z; 0, s²) e^{-kβz²} dz by quadrature, and the z-mass of a disc is a
  central χ²_{d-1} probability (the z-law is N(0, σ_t² I), 1/σ_t² = 1/s² + 2tβ).  The ball
  integral uses y = y_i + ρ sin θ, which makes the integrand smooth.  Other geometries in d > 1
  have no quadrature route here (None).

:func:`enclose_Z` encloses the exact Z_i(t) (d = 1) by cell sums of interval evaluations
(``mpmath.iv``), rigorous where the quadrature is only an estimate.

Python spellings: ``beta`` = β, ``eps`` = ε, ``rho`` = ρ = sqrt(ε/β), ``steps`` = T.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any

import mpmath
from mpmath.calculus.quadrature import GaussLegendre

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.arith.rational import frac_mpf as _mpf
from pluralnash.numeric.engines.continuous import _check_steps
from pluralnash.numeric.engines.continuous_model import Gaussian, QuadraticLandscape, Uniform, _check_dps
from pluralnash.theory import InvalidArgument

__all__ = ["quadrature_values", "enclose_Z"]

_RULES = (3, 4)        # mpmath Gauss-Legendre degrees: 12 and 24 nodes per chunk along the line
_BALL_RULES = (3, 4)   # 12 and 24 nodes across a ball (d > 1)
_EXTRA = 10            # quadrature digits beyond the compared dps
_TAIL = 10             # Gaussian start truncated at m_0 ± _TAIL s (tail bounded, < 1e-22)
_WIDTH = 6             # chunk width, in widths σ of the narrowest component
_CELLS = 150           # interval cells for the certification of a mismatch


def _check_landscape(landscape: Any) -> QuadraticLandscape:
    if not isinstance(landscape, QuadraticLandscape):
        raise InvalidArgument(f"landscape={landscape!r} must be a QuadraticLandscape; build one with mu=, init=, eps=")
    if landscape.eps is None:
        raise InvalidArgument("landscape has no eps; give eps= so that the basins S_{i,eps} are defined")
    return landscape


def _line_geometry(L: QuadraticLandscape):
    """(y_i, orthogonal dimension) with the start's mean at y = 0 (Gaussian) or y = x (uniform); None if not collinear."""
    if isinstance(L.init, Uniform):
        return [_mpf(c[0]) for c in L.mu], 0
    m0 = L.init.mean
    diffs = [tuple(a - b for a, b in zip(c, m0)) for c in L.mu]
    w = next((v for v in diffs if any(v)), None)
    if w is None:
        return [mpmath.mpf(0)] * L.m, L.d - 1
    j = next(i for i, v in enumerate(w) if v)
    lams = []
    for v in diffs:
        lam = v[j] / w[j]
        if any(a != lam * b for a, b in zip(v, w)):
            return None
        lams.append(lam)
    norm = mpmath.sqrt(_mpf(sum((a * a for a in w), Fraction(0))))
    return [_mpf(lam) * norm for lam in lams], L.d - 1


@functools.lru_cache(maxsize=16)
def _standard_nodes(degree: int, prec: int):
    with mpmath.workprec(prec):
        return tuple(GaussLegendre(mpmath.mp).calc_nodes(degree, prec))


def _nodes(degree: int, a, b):
    half, mid = (b - a) / 2, (b + a) / 2
    return [(mid + half * x, half * w) for x, w in _standard_nodes(degree, mpmath.mp.prec)]


def _chunks(cuts, width):
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if not a < b:
            continue
        parts = max(1, int(mpmath.ceil((b - a) / width)))
        out.extend((a + (b - a) * j / parts, a + (b - a) * (j + 1) / parts) for j in range(parts))
    return out


@functools.lru_cache(maxsize=64)
def _cross_factors(var: Fraction, beta: Fraction, steps: int, ks: tuple, degree: int, prec: int) -> list:
    """G(k) = ∫ N(z; 0, s²) e^{-kβ z²} dz for k in ks, by the chunked rule (memoised: few distinct s², β)."""
    with mpmath.workprec(prec):
        s2, b = _mpf(var), _mpf(beta)
        s = mpmath.sqrt(s2)
        sigma = 1 / mpmath.sqrt(1 / s2 + 2 * b * (steps + 1))
        # the integrand is even: twice the half line
        nodes = [nd for lo, hi in _chunks([mpmath.mpf(0), _TAIL * s], _WIDTH * sigma) for nd in _nodes(degree, lo, hi)]
        weights = [2 * w * mpmath.exp(-z * z / (2 * s2)) / mpmath.sqrt(2 * mpmath.pi * s2) for z, w in nodes]
        decay = [mpmath.exp(-b * z * z) for z, _ in nodes]
        out, powers = [], [mpmath.mpf(1)] * len(nodes)
        for k in range(max(ks) + 1):
            if k in ks:
                out.append(mpmath.fdot(weights, powers))
            powers = [p * e for p, e in zip(powers, decay)]
        return out


def _chi2_cdf(half, y):
    """P(χ²_{2 half} <= 2y): erf for one degree of freedom, 1 - e^{-y} for two, else the gamma function."""
    if half == 0.5:
        return mpmath.erf(mpmath.sqrt(y))
    if half == 1:
        return -mpmath.expm1(-y)
    return mpmath.gammainc(half, 0, y, regularized=True)


class _Line:
    """Quadrature of the step-by-step dynamics along the line (both rules of the pair)."""

    def __init__(self, L: QuadraticLandscape, steps: int, ys, orth: int):
        self.L, self.steps, self.ys, self.orth = L, steps, ys, orth
        self.beta = _mpf(L.beta)
        self.q = [_mpf(v) for v in L.weights]
        self.rho = mpmath.sqrt(_mpf(L.radius_squared))
        gauss = isinstance(L.init, Gaussian)
        self.s2 = _mpf(L.init.var) if gauss else None
        if gauss:
            s = mpmath.sqrt(self.s2)
            lo, hi = -_TAIL * s, _TAIL * s
            self.sigma = 1 / mpmath.sqrt(1 / self.s2 + 2 * self.beta * (steps + 1))
        else:
            lo, hi = _mpf(L.init.low), _mpf(L.init.high)
            self.sigma = min(hi - lo, 1 / mpmath.sqrt(2 * self.beta * (steps + 1)))
        self.lo, self.hi, self.gauss = lo, hi, gauss
        self.norm = 1 / mpmath.sqrt(2 * mpmath.pi * self.s2) if gauss else None
        # constants of p0 and e, computed once (the same values the expressions below would recompute)
        self.two_s2 = 2 * self.s2 if gauss else None
        self.uniform_density = None if gauss else 1 / (hi - lo)
        self.neg_beta = -self.beta
        cuts = {lo, hi} | {min(max(v, lo), hi) for y in ys for v in (y, y - self.rho, y + self.rho)}
        if gauss:
            cuts.add(mpmath.mpf(0))
        self.chunks = _chunks(sorted(cuts), _WIDTH * self.sigma)

    def p0(self, y):
        if self.gauss:
            return self.norm * mpmath.exp(-y * y / self.two_s2)
        return self.uniform_density

    def e(self, y):
        return [mpmath.exp(self.neg_beta * (y - yi) ** 2) for yi in self.ys]

    def G(self, ks, degree):
        """[∫ N(z; 0, s²) e^{-kβ z²} dz for k in ks] by the same rule (1 without an orthogonal part)."""
        if not self.orth:
            return [mpmath.mpf(1) for _ in ks]
        return _cross_factors(self.L.init.var, self.L.beta, self.steps, tuple(ks), degree, mpmath.mp.prec)

    def run(self, degree):
        """Z_i(t) and (d = 1) the basin masses for t = 0..T, with this rule."""
        nodes = [nd for a, b in self.chunks for nd in _nodes(degree, a, b)]
        ws = [w for _, w in nodes]
        f = [self.p0(y) for y, _ in nodes]
        ev = [self.e(y) for y, _ in nodes]
        cols = list(zip(*ev))
        balls = [(yi - self.rho, yi + self.rho) for yi in self.ys]
        inside = [[k for k, (y, _) in enumerate(nodes) if lo <= y <= hi] for lo, hi in balls]
        Gs = [g ** self.orth for g in self.G(range(self.steps + 2), degree)]
        Zs, masses = [], []
        for t in range(self.steps + 1):
            wf = [w * ft for w, ft in zip(ws, f)]
            Z = [Gs[t + 1] * mpmath.fdot(wf, col) for col in cols]
            Zs.append(Z)
            if not self.orth:
                masses.append([mpmath.fsum(wf[k] for k in ks) for ks in inside])
            coef = [qi / zi for qi, zi in zip(self.q, Z)]
            if t < self.steps:  # p_{T+1} is not needed
                f = [ft * mpmath.fdot(coef, e) for e, ft in zip(ev, f)]
        if self.orth:
            masses = self._ball_masses(Zs, Gs, _BALL_RULES[_RULES.index(degree)])
        return Zs, masses

    def _ball_masses(self, Zs, Gs, degree):
        """p_t(S_i) for every t and i, d > 1: y = y_i + ρ sin θ, the disc across the line has radius² ρ² cos² θ."""
        half = mpmath.mpf(self.orth) / 2
        width = min(mpmath.pi, _WIDTH * self.sigma / self.rho)
        nodes = [nd for a, b in _chunks([-mpmath.pi / 2, mpmath.pi / 2], width) for nd in _nodes(degree, a, b)]
        coefs = [[qi / zi for qi, zi in zip(self.q, Z)] for Z in Zs]
        discs = []   # per node: the central chi^2_{d-1} mass of the disc at each t (same for every ball)
        precisions = [1 / self.s2 + 2 * t * self.beta for t in range(self.steps + 1)]
        trig = [(mpmath.cos(th), self.rho * mpmath.sin(th)) for th, _ in nodes]
        for cos_th, _ in trig:
            r2 = (self.rho * cos_th) ** 2
            discs.append([_chi2_cdf(half, r2 * p / 2) for p in precisions])
        out = [[mpmath.mpf(0)] * len(self.ys) for _ in range(self.steps + 1)]
        for i, yi in enumerate(self.ys):
            for (_, w), (cos_th, rho_sin), disc in zip(nodes, trig, discs):
                y = yi + rho_sin
                ev, f = self.e(y), self.p0(y) * w * self.rho * cos_th
                for t in range(self.steps + 1):
                    out[t][i] += Gs[t] * f * disc[t]
                    if t < self.steps:  # p_{T+1} is not needed
                        f *= mpmath.fdot(coefs[t], ev)
        return out

    def tail_bound(self, Zs):
        """Upper bound on each neglected integral beyond ±_TAIL s (0 for a uniform start)."""
        if not self.gauss:
            return mpmath.mpf(0)
        bound = 2 * mpmath.npdf(_TAIL, 0, 1) / _TAIL   # P(|N(0,1)| > T) <= 2 φ(T)/T
        worst = mpmath.mpf(1)
        for Z in Zs:
            worst *= mpmath.fsum(qi / zi for qi, zi in zip(self.q, Z))
        return bound * worst


def quadrature_values(landscape: QuadraticLandscape, steps: int = 3, *, dps: int = 20) -> dict | None:
    r"""Z_i(t) and p_t(S_{i,ε}) by quadrature of p_0 Π_{s<t} W_s, with error estimates.

    Returns
    -------
    dict or None
        ``"Z"``, ``"masses"`` (lists over t of lists over i), ``"Z_error"``, ``"mass_error"``
        (estimates, same shape), ``"route"``; None when d > 1 and the geometry is not collinear.
    """
    L = _check_landscape(landscape)
    steps, dps = _check_steps(steps), _check_dps(dps)
    with mpmath.workdps(dps + _EXTRA):
        geo = _line_geometry(L)
        if geo is None:
            return None
        line = _Line(L, steps, *geo)
        (Zlo, Mlo), (Zhi, Mhi) = line.run(_RULES[0]), line.run(_RULES[1])
        tail = line.tail_bound(Zhi)
        est = lambda hi, lo: [[abs(a - b) + tail for a, b in zip(r1, r2)] for r1, r2 in zip(hi, lo)]  # noqa: E731
        route = "1-D Gauss-Legendre" if not geo[1] else f"line x R^{geo[1]} (collinear), Gauss-Legendre"
        return {"Z": Zhi, "masses": Mhi, "Z_error": est(Zhi, Zlo), "mass_error": est(Mhi, Mlo), "route": route,
                "tail_bound": tail}


# ----------------------------------------------------------------------------------------------
# interval enclosure of the exact Z_i(s) (d = 1), used to certify a mismatch


def enclose_Z(landscape: QuadraticLandscape, steps: int, *, cells: int = _CELLS, prec: int = 96) -> list:
    r"""Rigorous enclosures of Z_i(t), t = 0..T, for d = 1 (lists over t of lists over i of iv intervals).

    Cell sums of interval evaluations: ∫_cell f ∈ |cell| · f(cell) for the interval extension f(cell) of
    p_0 Π_{s<t} W_s e^{r_i}, where W_s uses the enclosures of Z(s); a Gaussian start's mass beyond
    m_0 ± _TAIL s adds [0, P(|N| > _TAIL) Π_s Σ_i q_i / Z_i(s)] (e^{r_i} <= 1), and so does the
    p_0 mass of the rounding slivers a uniform start's partition leaves out.
    """
    L = _check_landscape(landscape)
    if L.d != 1:
        raise InvalidArgument(f"enclose_Z needs d = 1 (the landscape has d = {L.d})")
    with iv_workprec(prec):
        beta = iv_frac(L.beta)
        q = [iv_frac(v) for v in L.weights]
        mus = [iv_frac(c[0]) for c in L.mu]
        if isinstance(L.init, Uniform):
            lo, hi = iv_frac(L.init.low), iv_frac(L.init.high)
            density = lambda X: 1 / (hi - lo)  # noqa: E731
            # the partition below runs over [lo.b, hi.a] inside [a, b]: p_0 mass of the slivers left out
            tail0 = (iv.mpf(lo.b) - iv.mpf(lo.a) + iv.mpf(hi.b) - iv.mpf(hi.a)) / (hi - lo)
        else:
            m0, s2 = iv_frac(L.init.mean[0]), iv_frac(L.init.var)
            s = iv.sqrt(s2)
            lo, hi = m0 - _TAIL * s, m0 + _TAIL * s
            norm = 1 / iv.sqrt(2 * iv.pi * s2)
            density = lambda X: norm * iv.exp(-((X - m0) ** 2) / (2 * s2))  # noqa: E731
            tail0 = 2 * iv.exp(-iv.mpf(_TAIL) ** 2 / 2) / (_TAIL * iv.sqrt(2 * iv.pi))
        # a partition at exact binary points, of [lo.b, hi.a] ⊆ [a, b] for a uniform start (the
        # slivers are in tail0) and of [lo.a, hi.b] ⊇ m_0 ± _TAIL s for a Gaussian one, with most
        # cells where its mass is (m_0 ± 4s), a tenth of them on each tail
        if isinstance(L.init, Uniform):
            knots = [(lo.b, 0), (hi.a, cells)]
        else:
            tail_cells = max(1, cells // 10)
            knots = [(lo.a, 0), ((m0 - 4 * s).mid, tail_cells), ((m0 + 4 * s).mid, cells - tail_cells),
                     (hi.b, cells)]
        points = []
        with mpmath.workprec(prec):
            for (a0, j0), (b0, j1) in zip(knots, knots[1:]):
                points.extend(a0 + (b0 - a0) * j / (j1 - j0) for j in range(j1 - j0))
            points.append(knots[-1][0])
        widths, f, E = [], [], []
        for a, b in zip(points, points[1:]):
            X = iv.mpf([a, b])
            widths.append(iv.mpf(b) - iv.mpf(a))
            f.append(density(X))
            E.append([iv.exp(-beta * (X - mu) ** 2) for mu in mus])
        Zs, grow = [], iv.mpf(1)
        for t in range(steps + 1):
            Z = [sum((w * fx * ex[i] for w, fx, ex in zip(widths, f, E)), iv.mpf(0)) + iv.mpf([0, (tail0 * grow).b])
                 for i in range(L.m)]
            Zs.append(Z)
            if t < steps:
                coef = [qi / zi for qi, zi in zip(q, Z)]
                f = [fx * sum((c * e for c, e in zip(coef, ex)), iv.mpf(0)) for fx, ex in zip(f, E)]
                grow = grow * sum(coef, iv.mpf(0))
        return Zs
