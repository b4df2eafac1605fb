r"""The planted (false) forms of the mixing claims' conclusions: the controls their checks must reject."""

from __future__ import annotations

from fractions import Fraction

from pluralnash.claims.mixing.checks import solve_mixing_fixed_point
from pluralnash.numeric.engines.mixing import Box, MixingFixedPoint, MixingFixedPointSeveral
from pluralnash.numeric.model.landscape import Landscape

__all__ = ["fixed_point_reference", "fixed_point_tilt", "rate_bound_lam_squared", "fixed_point_weighted_average",
           "rate_bound_lam"]


def fixed_point_reference(landscape: Landscape, fp: MixingFixedPoint) -> Box:
    """Planted: p* = p_ref (the reference is a fixed point)."""
    return [(r, r) for r in landscape.reference]


def fixed_point_tilt(landscape: Landscape, fp: MixingFixedPoint) -> Box:
    """Planted: p* = p_ref e^r / E_{p_ref}[e^r] (one tilt of the reference)."""
    w = landscape.exp_rewards[0]
    Z = sum((r * v for r, v in zip(landscape.reference, w)), Fraction(0))
    return [(r * v / Z,) * 2 for r, v in zip(landscape.reference, w)]


def rate_bound_lam_squared(fp: MixingFixedPoint) -> tuple[Fraction, Fraction]:
    r"""Planted: local rate at most λ², i.e. μ_2 <= λ² Z* (enclosed through the bracket of Z*)."""
    return fp.lam ** 2 * fp.Z[0], fp.lam ** 2 * fp.Z[1]


def fixed_point_weighted_average(landscape: Landscape, fp: MixingFixedPointSeveral) -> Box:
    r"""Planted: the m = 1 fixed point for the weighted-average reward w̄ = Σ_i q_i e^{r_i}."""
    wbar = [sum((q * row[x] for q, row in zip(landscape.weights, landscape.exact_w())), Fraction(0))
            for x in range(landscape.n)]
    return solve_mixing_fixed_point(landscape.replace(exp_rewards=[wbar], weights=None), bits=fp.prec).p


def rate_bound_lam(landscape: Landscape, fp: MixingFixedPointSeveral) -> tuple[Fraction, Fraction]:
    """Planted: the local rate is at most λ (the curated share alone)."""
    return fp.lam, fp.lam
