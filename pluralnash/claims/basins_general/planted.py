r"""Planted false variants of the m-basin statements: the interval without its leakage term, and
each basin read with its neighbour's leakage factor.

Each replaces the interval formula of :func:`~pluralnash.claims.basins_general.checks.m_basin_interval`
(passed to the same check), so the controls run through exactly the claims' machinery and must come
out FALSIFIED.
"""

from __future__ import annotations

from typing import Sequence

from pluralnash.claims.basins_general.checks import m_basin_interval
from pluralnash.numeric.arith.real import Real

__all__ = ["no_leakage", "index_shifted"]


def no_leakage(q: Sequence[Real], kappa: Sequence[Real]) -> list[tuple[Real, Real]]:
    """Planted: the leakage term dropped (every κ_i = 0), so each interval collapses to {q_i}."""
    return m_basin_interval(q, [Real(0)] * len(q))


def index_shifted(q: Sequence[Real], kappa: Sequence[Real]) -> list[tuple[Real, Real]]:
    """Planted: basin i read with κ_{i+1} (indices mod m) in place of κ_i."""
    return m_basin_interval(q, [kappa[(i + 1) % len(kappa)] for i in range(len(kappa))])
