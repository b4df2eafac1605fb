r"""Steps of the reference-data mixing dynamics used by the mixing claims (:mod:`pluralnash.claims.mixing`).

``_groups`` groups the atoms of S = supp p_ref by the value of w = e^r (one reward); ``_power_step`` is
one unnormalised step v -> M v of the single-reward mixed map (exact); ``_mixed_step_iv`` is one step
of the mixed map with several rewards in ``mpmath.iv``.  Python spellings as in
:mod:`pluralnash.numeric.engines.mixing`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from pluralnash.numeric.arith.intervals import iv_frac
from pluralnash.numeric.engines.grouping import group_by_reward_vector
from pluralnash.numeric.engines.mixing import _several_data
from pluralnash.numeric.engines.step import EXACT, FIELD, large_k_step, mixed_step
from pluralnash.numeric.model.landscape import Landscape


def _groups(landscape: Landscape, support: Sequence[int]) -> list[tuple[Fraction, Fraction, int]]:
    """(ρ_g, g, count) for each distinct value g of w on S, in increasing g."""
    groups = group_by_reward_vector(landscape.exp_rewards, [0], support)
    return [(sum((landscape.reference[x] for x in atoms), Fraction(0)), g, len(atoms))
            for (g,), atoms in sorted(groups.items())]


def _power_step(landscape: Landscape, v: list[Fraction]) -> list[Fraction]:
    """v -> M v = (1 - λ) p_ref (w·v) + λ w ∘ v (unnormalised; the mixed map is v / Σ v).

    M v = Z(v) · ((1 - λ) p_ref + λ v', v' the large-K step of v): Z(v) v' = w ∘ v exactly.
    """
    lam, w, ref = landscape.lam, landscape.exp_rewards[0], landscape.reference
    Z, _, v_next = large_k_step(EXACT, v, [w], [Fraction(1)])
    return [(1 - lam) * r * Z[0] + lam * Z[0] * u for r, u in zip(ref, v_next)]


def _mixed_step_iv(landscape: Landscape, P: list) -> list:
    """T(P) in interval arithmetic: (1 - λ) p_ref + λ P W(P)."""
    lam, q, V, rho, _ = _several_data(landscape)
    return mixed_step(FIELD, P, [[iv_frac(v) for v in row] for row in V], [iv_frac(v) for v in q], iv_frac(lam),
                      [iv_frac((1 - lam) * r) for r in rho])
