r"""Steps of the reference-data mixing dynamics used by the mixing claims (:mod:`pluralnash.claims.mixing`).

``_groups`` groups the atoms of S = supp p_ref by the value of w = e^r (one reward); ``_power_step`` is
one unnormalised step v -> M v of the single-reward mixed map (exact); ``_mixed_step_iv`` is one step
of the mixed map with several rewards in ``mpmath.iv``.  Python spellings as in
:mod:`pluralnash.numeric.engines.mixing`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from pluralnash.numeric.arith.intervals import iv, iv_frac
from pluralnash.numeric.engines.mixing import _several_data
from pluralnash.numeric.model.landscape import Landscape


def _groups(landscape: Landscape, support: Sequence[int]) -> list[tuple[Fraction, Fraction, int]]:
    """(ρ_g, g, count) for each distinct value g of w on S, in increasing g."""
    w = landscape.exp_rewards[0]
    out: dict[Fraction, list] = {}
    for x in support:
        entry = out.setdefault(w[x], [Fraction(0), 0])
        entry[0] += landscape.reference[x]
        entry[1] += 1
    return [(r, g, k) for g, (r, k) in sorted(out.items())]


def _power_step(landscape: Landscape, v: list[Fraction]) -> list[Fraction]:
    """v -> M v = (1 - λ) p_ref (w·v) + λ w ∘ v (unnormalised; the mixed map is v / Σ v)."""
    lam, w, ref = landscape.lam, landscape.exp_rewards[0], landscape.reference
    Z = sum((a * b for a, b in zip(v, w)), Fraction(0))
    return [(1 - lam) * r * Z + lam * b * a for r, a, b in zip(ref, v, w)]


def _mixed_step_iv(landscape: Landscape, P: list) -> list:
    """T(P) in interval arithmetic: (1 - λ) p_ref + λ P W(P)."""
    lam, q, V, rho, _ = _several_data(landscape)
    n, m = landscape.n, len(q)
    Z = [sum((P[x] * iv_frac(V[i][x]) for x in range(n)), iv.mpf(0)) for i in range(m)]
    return [iv_frac((1 - lam) * rho[x]) + iv_frac(lam) * P[x] * sum(
        (iv_frac(q[i] * V[i][x]) / Z[i] for i in range(m)), iv.mpf(0)) for x in range(n)]
