r"""Planted (false) forms of the plateau statements: each replaces one part of [FALA26] Prop. 3.4,
Theorem 3.6 or Corollary 3.8 by a plausible wrong one, for the checks to report FALSIFIED."""

from __future__ import annotations

from fractions import Fraction

from pluralnash.claims.plateau.checks import separation_term
from pluralnash.numeric.arith.intervals import iv_frac


def _half(q: Fraction) -> Fraction:
    """Prop. 3.4 with the hard-separation limit at the even mixture p_(1/2)."""
    return Fraction(1, 2)


def _bound_coefficient_one(a, Delta, eps):
    """Theorem 3.6's bound without the factor a_∞(1 - a_∞): max{Δ - 2ε, 0}²."""
    return separation_term(Delta, eps)


def _bound_no_eps(a, Delta, eps):
    """Theorem 3.6's bound without the 2ε correction: a_∞(1 - a_∞) max{Δ, 0}²."""
    return iv_frac(a * (1 - a)) * separation_term(Delta, Fraction(0))


def _one_minus_q(q: Fraction) -> Fraction:
    """Corollary 3.8 with the weights swapped: α* = 1 - q."""
    return 1 - q
