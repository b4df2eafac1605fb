r"""The statements of the rates family as functions of the setup, true and planted.

Each is passed to its conclusion check in :mod:`~pluralnash.claims.rates.checks`, so a planted form
runs through exactly the machinery that decides the true one.  ``jac`` is the exact
:class:`~pluralnash.numeric.engines.jacobian.LimitJacobian` of the setup; ``k1``, ``k2`` = k_i = e^{-Δ_i}.
"""

from __future__ import annotations

from fractions import Fraction

from pluralnash.numeric.engines.jacobian import LimitJacobian

__all__ = ["rate_spectral", "rate_squared", "rate_outside", "rate_outside_squared", "lipschitz_plateau",
           "lipschitz_plateau_half", "lipschitz_one", "lipschitz_ift", "lipschitz_ift_half", "rate_outside_spectral",
           "tie_constant_half", "tie_constant_first_power", "lipschitz_gap_free"]


def rate_spectral(jac: LimitJacobian) -> Fraction:
    r"""The statement: the linear rate is ρ(J) = max(μ, max_{y ∉ S} W*(y))."""
    return jac.rho


def rate_squared(jac: LimitJacobian) -> Fraction:
    r"""Planted: the rate is ρ(J)² (twice as fast in log scale)."""
    return jac.rho ** 2


def rate_outside(jac: LimitJacobian) -> Fraction:
    r"""The statement: the outside mass decays at ρ_out = max_{y ∉ S} W*(y)."""
    return jac.rho_out


def rate_outside_squared(jac: LimitJacobian) -> Fraction:
    r"""Planted: the outside mass decays at ρ_out²."""
    return jac.rho_out ** 2


def rate_outside_spectral(jac: LimitJacobian) -> Fraction:
    r"""Planted: the outside mass decays at the Jacobian's spectral radius ρ(J) = max(μ, ρ_out)."""
    return jac.rho


def lipschitz_plateau(q: Fraction, k1: Fraction, k2: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    r"""The statement: L_q = ∂a*/∂q = 1/(1 - k_2) + k_1/(1 - k_1); L_{k_1} = (1 - q)/(1 - k_1)², L_{k_2} = q/(1 - k_2)²."""
    return 1 / (1 - k2) + k1 / (1 - k1), (1 - q) / (1 - k1) ** 2, q / (1 - k2) ** 2


def lipschitz_plateau_half(q: Fraction, k1: Fraction, k2: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    r"""Planted: half of every derived constant (a constant off by a factor 2)."""
    return tuple(v / 2 for v in lipschitz_plateau(q, k1, k2))


def lipschitz_one(q: Fraction, k1: Fraction, k2: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    r"""Planted: a_∞ moves one for one with q (the hard-separation slope)."""
    return (Fraction(1),) + lipschitz_plateau(q, k1, k2)[1:]


def lipschitz_gap_free(q: Fraction, k1: Fraction, k2: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    r"""Planted: a_∞ does not move with the gaps Δ_i (as the hard-separation limit q would suggest)."""
    return lipschitz_plateau(q, k1, k2)[0], Fraction(0), Fraction(0)


def lipschitz_ift(jac: LimitJacobian) -> Fraction:
    r"""The statement: L = ‖A_S^{-1} ∂G/∂q‖_1 (implicit function theorem at the limit)."""
    return jac.lipschitz


def lipschitz_ift_half(jac: LimitJacobian) -> Fraction:
    r"""Planted: half the implicit-function constant."""
    return jac.lipschitz / 2


def tie_constant_half(jac: LimitJacobian) -> Fraction:
    r"""Planted: half of V = Σ_i q_i r_i² - 1 (the tied mass would decay like 2/(V t))."""
    from pluralnash.claims.rates.checks import tie_constant

    return tie_constant(jac) / 2


def tie_constant_first_power(jac: LimitJacobian) -> Fraction:
    r"""Planted: V = q(1 - q)|r_1 - r_2| (the square dropped)."""
    from pluralnash.claims.rates.checks import tie_ratios

    y = next(g for g in jac.off if jac.W_star[g] == 1)
    r = tie_ratios(jac)
    return jac.q[0] * jac.q[1] * abs(r[0][y] - r[1][y])
