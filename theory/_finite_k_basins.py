r"""[FALA26] Lemmas 3.3 and 3.4 read at finite K: the decay factor and the basin bound map of the
finite-K map p_{t+1} = p_t Σ_i q_i H^{K,r_i}_{p_t} ([FALA26] Lemma 3.1).

Definitions
-----------
ŵ = w / max w (so r* = 0), Ẑ = E_p[ŵ], E = e^{-ε}, basin masses a (own basin), b (other basins),
m (outside); c = e^{-Δ} bounds ŵ on the other basins (c = κ E² with κ = e^{-(Δ - 2ε)}); K >= 2.

* Decay (Lemma 3.3 at finite K): m_{t+1} = Σ_{x ∉ S_ε} p_t(x) W^K_t(x) <= ρ^K_t m_t with
  ρ^K_t = sup_{x ∉ S_ε} Σ_i q_i H̄^K_i(x), H̄ Lemma 3.2's upper bound on H^K (certified in
  ``derive_lemma_3_2_bounds``).  The large-K weight does *not* bound it: below the mean the Jensen
  weight K ŵ/(ŵ + (K-1)Ẑ) exceeds ŵ/Ẑ by ŵ(Ẑ - ŵ)/(Ẑ(ŵ + (K-1)Ẑ)) > 0, so finite K lets the
  outside decay more slowly than [FALA26] Eq. 5 predicts.
* Basin step (Lemma 3.4 at finite K): a' >= q_1 Σ_{S_1} p H^K_1 >= q_1 Σ_{S_1} p K ŵ/(ŵ + (K-1)Ẑ_1)
  (Jensen) >= q_1 K E a/(E + (K-1)Ẑ_1) (increasing in ŵ, ŵ >= E on S_1) >= φ^K(a, m) with
  φ^K(a, m) = q K E a/(E + (K-1)(a + c b + E m)) (decreasing in Ẑ_1, Ẑ_1 <= a + c b + E m).
  With m = 0 its nonzero fixed point is L_K = (q K E - E - (K-1)c)/((K-1)(1 - c)), and
  a - φ^K(a) = a (K-1)(1 - c)(a - L_K)/(E + (K-1)(a + c(1 - a))), so a_t is driven up to L_K:
  liminf a_t >= max{0, L_K} when m_t → 0.  As K → ∞, L_K → (qE - c)/(1 - c).

Python spellings: ``E`` for e^{-ε}, ``Z`` for Ẑ, ``k`` with K = k + 2 (so K >= 2 is a sympy assumption).
"""

from __future__ import annotations

import sympy

from pluralnash.theory._certify import Identity
from pluralnash.theory._derivation import Derivation

__all__ = ["derive_finite_k_basin_bounds", "derive_two_atom_collapse"]

k = sympy.Symbol("k", integer=True, nonnegative=True)
K = k + 2
K_SHOWN = sympy.Symbol("K", integer=True, positive=True)  # the expressions are shown in K, the identities use k
q, E, c, a, m, b, w, Z = sympy.symbols("q E c a m b w Z", positive=True)
L_K = (q * K * E - E - (K - 1) * c) / ((K - 1) * (1 - c))


def _phi(aa=a, mm=m):
    return q * K * E * aa / (E + (K - 1) * (aa + c * (1 - aa - mm) + E * mm))


def _monotone_identities() -> tuple[Identity, ...]:
    jensen = K * w / (w + (K - 1) * Z)
    return (
        Identity("K w/(w + (K-1) Z) is increasing in w", sympy.StrictGreaterThan(sympy.diff(jensen, w), 0,
                                                                                  evaluate=False)),
        Identity("K w/(w + (K-1) Z) is decreasing in Z", sympy.StrictLessThan(sympy.diff(jensen, Z), 0, evaluate=False)),
        Identity("K w/(w + (K-1) Z) - w/Z = w (Z - w)/(Z (w + (K-1) Z)): above the large-K weight below the mean",
                 jensen - w / Z - w * (Z - w) / (Z * (w + (K - 1) * Z))),
    )


def _mass_identities() -> tuple[Identity, ...]:
    s1, s2, s3, t1, t2 = sympy.symbols("s_1 s_2 s_3 t_1 t_2", positive=True)
    rho, p1, p2 = sympy.symbols("rho p_1 p_2", positive=True)
    Zhat = a / (1 + s1) + b * c / (1 + s2) + m * E / (1 + s3)  # ŵ <= 1 on S_1, <= c on S_2, <= E outside
    return (
        Identity("Z_1 <= a + c b + E m", sympy.GreaterThan(a + c * b + E * m - Zhat, 0, evaluate=False)),
        Identity("m' = sum_out p W^K <= rho m when every W^K(x) <= rho (two outside atoms)",
                 sympy.GreaterThan(rho * (p1 + p2) - (p1 * rho / (1 + t1) + p2 * rho / (1 + t2)), 0, evaluate=False)),
    )


def _fixed_point_identities() -> tuple[Identity, ...]:
    s_c, s_a = sympy.symbols("s_c s_a", positive=True)
    phi0 = _phi(a, 0)
    box = {q: (0, 1), E: (0, 1), c: (0, 1), a: (0, 1)}
    return (
        Identity("L_K is a fixed point: phi^K(L_K, 0) = L_K", sympy.cancel(_phi(L_K, 0) - L_K), box),
        Identity("a - phi^K(a, 0) = a (K-1)(1 - c)(a - L_K)/(E + (K-1)(a + c (1 - a)))",
                 a - phi0 - a * (K - 1) * (1 - c) * (a - L_K) / (E + (K - 1) * (a + c * (1 - a))), box),
        Identity("E + (K-1)(a + c (1 - a)) > 0 for a, c in (0, 1)",
                 sympy.StrictGreaterThan((E + (K - 1) * (a + c * (1 - a))).subs({a: 1 / (1 + s_a), c: 1 / (1 + s_c)}),
                                         0, evaluate=False)),
        Identity("phi^K(., 0) is increasing in a on (0, 1)",
                 sympy.StrictGreaterThan(sympy.factor(sympy.diff(phi0, a).subs({c: 1 / (1 + s_c)})), 0, evaluate=False)),
        Identity("as K -> oo, L_K -> (q E - c)/(1 - c)",
                 sympy.limit(L_K.subs(k, sympy.Symbol("n", positive=True)), sympy.Symbol("n", positive=True), sympy.oo)
                 - (q * E - c) / (1 - c), box),
    )


def derive_finite_k_basin_bounds() -> Derivation:
    r"""Derive the finite-K decay factor and basin bound map behind [FALA26] Lemmas 3.3-3.4 at finite K.

    Returns
    -------
    Derivation
        Certificate (sympy): the Jensen weight K ŵ/(ŵ + (K-1)Ẑ) increasing in ŵ, decreasing in Ẑ and
        above the large-K weight below the mean; Ẑ_1 <= a + c b + E m; the decay step under a
        bound ρ on W^K; L_K a fixed point of φ^K, the sign of a - φ^K(a), φ^K increasing; the limit
        of L_K as K → ∞.  Cited: Lemma 3.2's bounds on H^K (``derive_lemma_3_2_bounds``), the
        basin step a' >= q_1 Σ_{S_1} p H^K_1 (the other rewards' terms are >= 0), and the passage
        from the one-step bound to liminf a_t >= L_K when m_t → 0.

    Examples
    --------
    >>> derive_finite_k_basin_bounds().certify().verdict
    Verdict.HOLDS
    """
    return Derivation(
        name="finite-k-basin-bounds",
        title="Lemmas 3.3-3.4 at finite K: the decay factor and the basin bound map of the finite-K map",
        source="pluralnash (this toolkit); [FALA26] Lemmas 3.1-3.4 read at finite K",
        expressions={
            "phi^K(a, m)": _phi().subs(k, K_SHOWN - 2),
            "L_K": L_K.subs(k, K_SHOWN - 2),
            "a - phi^K(a, 0)": sympy.factor(a - _phi(a, 0).subs(k, K_SHOWN - 2)),
            "Jensen weight minus large-K weight": sympy.factor(K_SHOWN * w / (w + (K_SHOWN - 1) * Z) - w / Z),
        },
        symbols={str(x): x for x in (k, K_SHOWN, q, E, c, a, m, b, w, Z)},
        identities=(*_monotone_identities(), *_mass_identities(), *_fixed_point_identities()),
        cited=(
            "[FALA26] Lemma 3.2 bounds: K w/(w + (K-1) mu) <= H^K_p(x) <= that + the variance term "
            "(certified in derive_lemma_3_2_bounds)",
            "basin step: a' = sum_{S_1} p sum_j q_j H^K_j >= q_1 sum_{S_1} p H^K_1",
            "perturbed monotone iteration: a_{t+1} >= phi^K(a_t, m_t), m_t -> 0 give liminf a_t >= max{0, L_K}",
        ),
        notes="K = k + 2 with k >= 0 an integer. c = e^{-Delta} = kappa e^{-2 eps}; outside atoms have w < E.",
    )


def derive_two_atom_collapse() -> Derivation:
    r"""Derive the collapse of the finite-K map at K = 2 on two atoms, whatever the leakage.

    Two atoms A (top of r_1) and B (top of r_2), ŵ_1 = (1, c_1), ŵ_2 = (c_2, 1), a = p(A):
    H^{2,r_1}(A) = a + 2(1 - a)/(1 + c_1), H^{2,r_2}(A) = a + 2(1 - a) c_2/(1 + c_2), so
    W^2(A) - 1 = (1 - a) D with D = 2q/(1 + c_1) + 2(1 - q) c_2/(1 + c_2) - 1, whose sign does not
    depend on a: a_{t+1} = a_t (1 + (1 - a_t) D) is monotone and tends to 1 (D > 0) or 0 (D < 0).  With
    c_1 = c_2 = c, D = (2q - 1)(1 - c)/(1 + c): the majority reward takes everything, for every c < 1.

    Returns
    -------
    Derivation
        Certificate (sympy): the two H^2 values from their definition (expectation over the one other
        draw), W^2(A) - 1 = (1 - a) D, the symmetric form of D, and a_{t+1} - a_t = a (1 - a) D.  Cited:
        a bounded monotone sequence converges, and its limit is a fixed point (continuity of the map).

    Examples
    --------
    >>> derive_two_atom_collapse().certify().verdict
    Verdict.HOLDS
    """
    c1, c2 = sympy.symbols("c_1 c_2", positive=True)
    H1 = a * 2 / (1 + 1) + (1 - a) * 2 / (1 + c1)  # the other draw is A (prob. a) or B
    H2 = a * 2 * c2 / (c2 + c2) + (1 - a) * 2 * c2 / (c2 + 1)
    D = 2 * q / (1 + c1) + 2 * (1 - q) * c2 / (1 + c2) - 1
    W = q * H1 + (1 - q) * H2
    return Derivation(
        name="two-atom-collapse",
        title="At K = 2 on two atoms the finite-K map is monotone: one basin takes everything",
        source="pluralnash (this toolkit); [FALA26] Lemmas 3.1 and 3.5 read at K = 2",
        expressions={"H^{2,r_1}(A)": H1, "H^{2,r_2}(A)": sympy.simplify(H2), "D": D,
                     "D (c_1 = c_2 = c)": sympy.factor(D.subs({c1: c, c2: c}))},
        symbols={str(x): x for x in (q, a, c, c1, c2)},
        identities=(
            Identity("W^2(A) - 1 = (1 - a) D", W - 1 - (1 - a) * D),
            Identity("D = (2q - 1)(1 - c)/(1 + c) when c_1 = c_2 = c",
                     D.subs({c1: c, c2: c}) - (2 * q - 1) * (1 - c) / (1 + c)),
            Identity("a_{t+1} - a_t = a (1 - a) D", a * W - a - a * (1 - a) * D),
        ),
        cited=("a bounded monotone sequence converges, and its limit is a fixed point of the (continuous) map: "
               "a = 1 for D > 0, a = 0 for D < 0",),
    )
