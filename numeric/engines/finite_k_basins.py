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

- Two atoms A, B: W^K(A) - 1 is a polynomial in a = p(A) with the root a = 1, so W^K(A) - 1 = (1 - a) R(a);
  a sign of R on [0, 1] certified by its Bernstein coefficients makes a_t monotone, and the run collapses.

Everything is exact (``Fraction``): setups need rational ``exp_rewards`` and ``exp_eps``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.engines.finite_k_bounds import finite_k_sandwich
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.model.validate import check_int

__all__ = ["finite_k_run", "closeness_rows", "other_basin_closeness", "weight_bounds", "large_k_weights",
           "basin_step_bound", "finite_k_lower", "exact_problem", "two_atom_weight_poly", "divide_by_one_minus_a",
           "sign_on_unit_interval"]


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


def _times_binomial(poly: list[Fraction], j: int, n: int) -> list[Fraction]:
    """``poly`` times a^j (1 - a)^(n - j), coefficients in powers of a."""
    out = [Fraction(0)] * (len(poly) + n)
    for k in range(n - j + 1):
        term = Fraction(math.comb(n - j, k) * (-1) ** k)
        for d, v in enumerate(poly):
            out[d + j + k] += v * term
    return out


def two_atom_weight_poly(q: Fraction, K: int, w_a: tuple[Fraction, Fraction], w_b: tuple[Fraction, Fraction]) -> list[Fraction]:
    r"""W^K(A) - 1 as a polynomial in a = p(A) on two atoms A, B (coefficients of a^0, a^1, ...).

    W^K(A) = Σ_i q_i H^{K,r_i}(A) with H^{K,r}(A) = Σ_j C(K-1, j) a^j (1-a)^{K-1-j} K w(A)/((1+j) w(A) + (K-1-j) w(B)),
    the K-1 other draws holding j copies of A; ``w_a``, ``w_b`` are (w_1, w_2) at A and at B, q = q_1.

    Examples
    --------
    >>> two_atom_weight_poly(Fraction(3, 5), 2, (Fraction(1), Fraction(1, 10)), (Fraction(1, 10), Fraction(1)))
    [Fraction(9, 55), Fraction(-9, 55)]
    """
    n = K - 1
    total = [Fraction(0)] * K
    for qi, wa, wb in ((q, w_a[0], w_b[0]), (1 - q, w_a[1], w_b[1])):
        for j in range(K):
            coeff = qi * math.comb(n, j) * K * wa / ((1 + j) * wa + (n - j) * wb)
            for d, v in enumerate(_times_binomial([coeff], j, n)):
                total[d] += v
    total[0] -= 1
    return total


def divide_by_one_minus_a(poly: list[Fraction]) -> list[Fraction] | None:
    """R with poly = (1 - a) R exactly, or None when a = 1 is not a root."""
    if sum(poly) != 0:
        return None
    # poly = (1 - a) R: synthetic division by (a - 1), then a sign flip
    quotient, carry = [Fraction(0)] * (len(poly) - 1), Fraction(0)
    for d in range(len(poly) - 1, 0, -1):
        carry = poly[d] + carry
        quotient[d - 1] = carry
    return [-v for v in quotient]


def sign_on_unit_interval(poly: list[Fraction]) -> int | None:
    r"""+1 (or -1) when every Bernstein coefficient of ``poly`` on [0, 1] is > 0 (< 0), so the polynomial
    has that sign on all of [0, 1]; None when the coefficients do not settle it.

    Examples
    --------
    >>> sign_on_unit_interval([Fraction(1), Fraction(-1, 2)]), sign_on_unit_interval([Fraction(-1), Fraction(2)])
    (1, None)
    """
    n = len(poly) - 1
    bern = [sum((Fraction(math.comb(k, j), math.comb(n, j)) * poly[j] for j in range(k + 1)), Fraction(0))
            for k in range(n + 1)]
    if all(b > 0 for b in bern):
        return 1
    if all(b < 0 for b in bern):
        return -1
    return None
