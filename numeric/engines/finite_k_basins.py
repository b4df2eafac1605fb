r"""The exact finite-K trajectory and the basin quantities that [FALA26] Lemmas 3.3-3.4 read at finite K.

Definitions ([FALA26] Lemma 3.1, Lemma 3.2; m rewards, basin width ε)
-------------------------------------------------------------------------
- Finite-K map p_{t+1}(x) = p_t(x) W^K_t(x), W^K_t(x) = Σ_i q_i H^{K,r_i}_{p_t}(x), computed by exact
  enumeration of the K-1 other draws (:func:`~pluralnash.numeric.engines.dynamics.evaluate_curated_update`).
- Closeness ŵ_i(x) = w_i(x)/max w_i; Ẑ_i = E_p[ŵ_i]; E = e^{-ε}; basins S_i; a_i = p(S_i),
  m = p(X \ ∪ S_i); c_i = e^{-Δ_i} = max of ŵ_i over the other basins.
- Lemma 3.2's bounds on H^K (:func:`~pluralnash.numeric.engines.finite_k_bounds.finite_k_sandwich`):
  the Jensen lower bound K ŵ/(ŵ + (K-1) Ẑ) and an upper bound with the variance of ŵ under p.
- Finite-K basin bound map: φ^K_i(a, m) = q_i K E a / (E + (K-1)(a + c_i (1 - a - m) + E m)),
  so that a_{i,t+1} >= φ^K_i(a_{i,t}, m_t) (derived in :mod:`pluralnash.theory._finite_k_basins`);
  its nonzero fixed point at m = 0 is L_K = (q_i K E - E - (K-1) c_i)/((K-1)(1 - c_i)).

Everything is exact (``Fraction``): setups need rational ``exp_rewards`` and ``exp_eps``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.engines.finite_k_bounds import finite_k_sandwich
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.model.validate import check_int

__all__ = ["finite_k_run", "closeness_rows", "other_basin_closeness", "weight_bounds", "large_k_weights",
           "basin_step_bound", "finite_k_lower", "exact_problem"]


def exact_problem(landscape: Landscape) -> str | None:
    """Why the finite-K trajectory of this setup cannot be followed exactly, or None."""
    if landscape.K is None:
        return "the setup has no K: these statements are about the finite-K map; add \"K\" (2..5) to it"
    if landscape.exp_rewards is None or landscape.exp_eps is None:
        return "the finite-K run is exact only for rational exp_rewards and exp_eps; give the setup in exp form"
    return None


def closeness_rows(landscape: Landscape) -> list[list[Fraction]]:
    """ŵ_i(x) = w_i(x) / max w_i, exactly (rational ``exp_rewards``)."""
    return [[v / max(row) for v in row] for row in landscape.exp_rewards]


@per_setup(maxsize=128)
def finite_k_run(landscape: Landscape, *, steps: int = 4, max_bits: int = 20_000) -> tuple[tuple[Fraction, ...], ...]:
    r"""p_0, p_1, ... of the exact finite-K map with the setup's K: ``steps`` steps, fewer when a p_t
    needs more than ``max_bits`` bits (exact rationals grow about K-fold in size per step).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[[3, 1]], K=2)
    >>> finite_k_run(L, steps=1)
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(5, 8), Fraction(3, 8)))
    """
    check_int(steps, "steps", low=1, example="steps=4")
    check_int(max_bits, "max_bits", low=64, example="max_bits=20000")
    p = tuple(landscape.p0)
    out = [p]
    for _ in range(steps):
        if sum(v.numerator.bit_length() + v.denominator.bit_length() for v in p) > max_bits:
            break
        p = tuple(evaluate_curated_update(landscape, list(p), K=landscape.K, method="enumerate"))
        out.append(p)
    return tuple(out)


def weight_bounds(p: Any, rows: list[list[Fraction]], K: int) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """Lemma 3.2's lower and upper bounds on H^{K,r_i}_p(x), per reward i and atom x (exact)."""
    lows, highs = [], []
    for row in rows:
        lo, hi = finite_k_sandwich(p, row, K)
        lows.append(lo)
        highs.append(hi)
    return lows, highs


def large_k_weights(p: Any, rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """The large-K weights ŵ_i(x)/Ẑ_i of [FALA26] Eq. 5 at p, per reward and atom (exact)."""
    out = []
    for row in rows:
        Z = sum((a * b for a, b in zip(p, row)), Fraction(0))
        out.append([v / Z for v in row])
    return out


def basin_step_bound(q_i: Fraction, K: int, E: Fraction, c_i: Fraction, a: Fraction, m: Fraction) -> Fraction:
    r"""φ^K_i(a, m) = q_i K E a / (E + (K-1)(a + c_i (1 - a - m) + E m)), the finite-K basin bound map.

    Examples
    --------
    >>> basin_step_bound(Fraction(1, 2), 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 2), Fraction(0))
    Fraction(10, 41)
    """
    return q_i * K * E * a / (E + (K - 1) * (a + c_i * (1 - a - m) + E * m))


def other_basin_closeness(rows: list[list[Fraction]], basins: tuple[tuple[int, ...], ...]) -> list[Fraction]:
    """c_i = e^{-Δ_i}: the largest ŵ_i on the other basins, for every reward i."""
    return [max(rows[i][x] for j, S in enumerate(basins) if j != i for x in S) for i in range(len(rows))]


def finite_k_lower(q_i: Fraction, K: int, E: Fraction, c_i: Fraction) -> Fraction:
    r"""L_K = (q_i K E - E - (K-1) c_i)/((K-1)(1 - c_i)), the fixed point of φ^K_i(·, 0).

    Examples
    --------
    >>> L = finite_k_lower(Fraction(1, 2), 3, Fraction(1, 2), Fraction(1, 20))
    >>> L, basin_step_bound(Fraction(1, 2), 3, Fraction(1, 2), Fraction(1, 20), L, Fraction(0)) == L
    (Fraction(3, 38), True)
    """
    return (q_i * K * E - E - (K - 1) * c_i) / ((K - 1) * (1 - c_i))
