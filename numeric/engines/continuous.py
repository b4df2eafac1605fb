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

The landscapes and their starts live in :mod:`pluralnash.numeric.engines.continuous_model`, the
integrals (M(n), basin masses, noncentral χ²) in :mod:`pluralnash.numeric.engines.continuous_integrals`;
this module runs the dynamics and re-exports the public names of both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import mpmath

from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.engines.continuous_integrals import (
    GUARD, _moments, _Moments, gauss_integral, noncentral_chi2_cdf,
)
from pluralnash.numeric.engines.continuous_model import Gaussian, QuadraticLandscape, Uniform, _check_dps
from pluralnash.numeric.model.validate import check_int
from pluralnash.numeric.model import Landscape, show as _show, to_fraction
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
    return check_int(steps, "steps", low=0, example="steps=50")


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
    steps, dps, wanted = _run_arguments(landscape, steps, dps, record_every, record_at, certify)
    m = landscape.m
    mom = _moments(landscape, dps)
    records: list[dict[str, Any]] = []
    units = [tuple(1 if j == i else 0 for j in range(m)) for i in range(m)]
    with mpmath.workdps(dps + GUARD):
        q = [frac_mpf(v) for v in landscape.weights]
        c: dict = {tuple([0] * m): mpmath.mpf(1)}
        mass_error = mpmath.mpf(0)
        for t in range(steps + 1):
            Z = [mpmath.fsum(cn * mom.M(_shifted(n, e)) for n, cn in c.items()) for e in units]
            if (t in wanted) if wanted is not None else (t % record_every == 0 or t == steps):
                records.append(_record(landscape, mom, q, t, c, Z, mass_error, dps))
            if t == steps:
                break
            if any(z <= 0 for z in Z):
                raise SolverError(f"Z_i({t}) underflowed to {Z}; raise dps")
            c, total_mass = _step(c, [qi / z for qi, z in zip(q, Z)], units, mom)
            mass_error = max(mass_error, abs(total_mass - 1))
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


def _run_arguments(landscape, steps, dps, record_every, record_at, certify) -> tuple[int, int, set[int] | None]:
    """The checked (steps, dps, rounds to record) of :func:`run_continuous`, or a one-line InvalidArgument."""
    if not isinstance(landscape, QuadraticLandscape):
        raise InvalidArgument(f"landscape={_show(landscape)} must be a QuadraticLandscape")
    steps = _check_steps(steps)
    dps = _check_dps(dps)
    check_int(record_every, "record_every", low=1, example="record_every=1")
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
    return steps, dps, wanted


def _shifted(n: tuple, e: tuple) -> tuple:
    """The multi-index n + e."""
    return tuple(a + b for a, b in zip(n, e))


def _step(c: dict, coef: list, units: list, mom: _Moments) -> tuple[dict, Any]:
    """One round of the closed form: c_{n+e_i}(t+1) += c_n(t) q_i / Z_i(t), renormalised; (c(t+1), its mass)."""
    new: dict = {}
    for n, cn in c.items():
        for i, e in enumerate(units):
            if not coef[i]:
                continue
            key = _shifted(n, e)
            new[key] = new.get(key, 0) + cn * coef[i]
    total_mass = mpmath.fsum(cn * mom.M(n) for n, cn in new.items())
    return {n: cn / total_mass for n, cn in new.items()}, total_mass


def _record(landscape: QuadraticLandscape, mom: _Moments, q: list, t: int, c: dict, Z: list, mass_error,
            dps: int) -> dict[str, Any]:
    """The record of round t: Z_i(t), F, the component count, and the basin and outside masses."""
    m = landscape.m
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
    return rec


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
    check_int(cells, "cells", low=2, example="cells=400")
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
            raw = [gauss_integral(c, 1 / (2 * s2), frac_mpf(lo + k * h), frac_mpf(lo + (k + 1) * h))
                   for k in range(cells)]
            fr = [to_fraction(v, "cell mass") for v in raw]
        tot = sum(fr, Fraction(0))
        p0 = [v / tot for v in fr]
    rewards = [[-landscape.beta * (x - c[0]) ** 2 for x in atoms] for c in landscape.mu]
    return Landscape(rewards=rewards, weights=landscape.weights, p0=p0, eps=landscape.eps, atoms=atoms)
