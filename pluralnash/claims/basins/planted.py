r"""Planted false variants of the basin-mass statements: a wrong rate, wrong interval ends.

Each replaces one formula of a statement of :mod:`pluralnash.claims.basins` (passed to the same
check as the published formula), so the claim's controls run through exactly its machinery and
must come out FALSIFIED.
"""

from __future__ import annotations

from pluralnash.claims.basins.checks import leakage_interval
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.premises.run_premises import b4_rho

__all__ = ["rho_squared", "nash_point", "reversed_lower"]


# ----------------------------------------------------------------------------------------------
# Lemma B.4: a wrong rate


def rho_squared(L):
    """rho_eps^2 for a certified valid B.4 constant rho_eps (None when B.4 is not certified)."""
    rho = b4_rho(L)
    return None if rho is None else rho ** 2


# ----------------------------------------------------------------------------------------------
# Lemma 3.4 (and 3.5): wrong ends of the leakage interval


def nash_point(q, kappa_1, kappa_2):
    """Planted: the interval collapses to the Nash point {q}."""
    return q, q


def reversed_lower(q, kappa_1, kappa_2):
    """Planted: limsup a_t <= max{0, (q - kappa_1)/(1 - kappa_1)} (the lower end read as an upper bound)."""
    lower, _ = leakage_interval(q, kappa_1, kappa_2)
    return Real(0), lower
