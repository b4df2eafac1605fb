r"""Planted false variants of the m-basin statements and of Lemmas 3.3-3.4 read at finite K.

- the m-basin interval without its leakage term, and each basin read with its neighbour's κ
  (replacing :func:`~pluralnash.claims.basins_general.checks.m_basin_interval`);
- at finite K: B.4's large-K weight or Lemma 3.2's Jensen lower bound as the decay factor
  (replacing :func:`~pluralnash.claims.basins_general.finite_k.decay_factor_bound`), and the
  large-K basin bound map of [FALA26] Lemma 3.4 (replacing
  :func:`~pluralnash.numeric.engines.finite_k_basins.basin_step_bound`).

Each is passed to the same check as the derived formula, so the controls run through exactly the
claims' machinery and must come out FALSIFIED.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from pluralnash.claims.basins_general.checks import m_basin_interval
from pluralnash.claims.basins_general.finite_k import _mix
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.engines.finite_k_basins import large_k_weights, weight_bounds

__all__ = ["no_leakage", "index_shifted", "large_k_factor", "jensen_factor", "large_k_step"]


def no_leakage(q: Sequence[Real], kappa: Sequence[Real]) -> list[tuple[Real, Real]]:
    """Planted: the leakage term dropped (every κ_i = 0), so each interval collapses to {q_i}."""
    return m_basin_interval(q, [Real(0)] * len(q))


def index_shifted(q: Sequence[Real], kappa: Sequence[Real]) -> list[tuple[Real, Real]]:
    """Planted: basin i read with κ_{i+1} (indices mod m) in place of κ_i."""
    return m_basin_interval(q, [kappa[(i + 1) % len(kappa)] for i in range(len(kappa))])


def large_k_factor(p: Any, rows: list, K: int, q: tuple) -> list[Fraction]:
    r"""Planted: B.4's large-K weight Σ_i q_i ŵ_i(x)/Ẑ_i ([FALA26] Eq. 5) as the finite-K decay factor."""
    return _mix(q, large_k_weights(p, rows))


def jensen_factor(p: Any, rows: list, K: int, q: tuple) -> list[Fraction]:
    r"""Planted: Lemma 3.2's lower bound Σ_i q_i K ŵ_i/(ŵ_i + (K-1)Ẑ_i) read as an upper bound on W^K."""
    return _mix(q, weight_bounds(p, rows, K)[0])


def large_k_step(q_i: Fraction, K: int, E: Fraction, c_i: Fraction, a: Fraction, m: Fraction) -> Fraction:
    r"""Planted: [FALA26] Lemma 3.4's large-K bound q a/(a + κ b + C_ε m) (κ = c/E², C_ε = e^ε) at finite K."""
    kappa = c_i / E ** 2
    return q_i * a / (a + kappa * (1 - a - m) + m / E)
