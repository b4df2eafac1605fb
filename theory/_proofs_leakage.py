r"""The limit block of the [FALA26] Lemma 3.4 replay: the one-step bound passed to the limit p_∞.

Definitions
-----------
Symbols of :mod:`pluralnash.theory._proofs_fala` (q, κ_1 = ``k1``, ε, Δ = Δ_1, a = a_t, b = b_t, m = m_t,
A, B, M the S_1, S_2 and outside parts of Z_1(p_t) = E_{p_t}[e^{r_1}] with r_1* = 0, T_1 = p_t^(1)(S_1),
a_{t+1}), and for the limit p_∞ of p_t: a_∞ = p_∞(S_1), b_∞ = p_∞(S_2), m_∞ = p_∞(X \ S_ε);
w_1(x) at an atom x ∈ S_1 ∩ supp p_0 and Z_1(p_∞) in the case a_∞ = 0.  L = (q − κ_1)/(1 − κ_1), g(a) = q a/(a + κ_1(1 − a)).

The argument: steps 1-4 of the replay bound a_{t+1} ≥ q a_t/(a_t + κ_1 b_t + C_ε m_t) for every distribution
p_t; p_t → p_∞ (the replayed ``nash-limit``), a fixed point of the continuous update, so the bound holds at
p_∞ with a_{t+1} = a_t = a_∞, and with m_∞ = 0 it reads a_∞ ≥ g(a_∞).  When q > κ_1, a_∞ = 0 would put
p_∞ on S_2 where w_1 ≤ e^{−Δ_1+ε} = κ_1 e^{−ε}, so W_∞(x) ≥ q w_1(x)/Z_∞ > 1 at an atom of S_1 ∩ supp p_0,
against the first-order condition W_∞ ≤ 1 on supp p_0 at the maximiser p_∞: so a_∞ > 0, and a_∞ ≥ g(a_∞)
gives a_∞ ≥ L.  The bound is strict: a_{t+1} − q T_1 = (1 − q) p_t^(2)(S_1) > 0 when a_t > 0, so a_∞ > L, which
[FALA26] Lemma 3.5 needs for its c_ε m_t form.

Builder: :func:`leakage_limit_steps`.
"""

from __future__ import annotations

import sympy

from pluralnash.theory._proof import Step

__all__ = ["leakage_limit_steps"]


def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


Eq, Ge, Gt, Le = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt, sympy.Le))

_S = sympy.Symbol
a_inf = _S("a_∞", positive=True)           # a_∞ > 0 once a_∞ = 0 is excluded (the block's step 8)
b_inf, m_inf = _S("b_∞", nonnegative=True), _S("m_∞", nonnegative=True)
w1x, Z_inf = _S("w_1(x)", positive=True), _S("Z_1(p_∞)|a_∞=0", positive=True)  # the case a_∞ = 0 only
T2 = _S("T_2^+", positive=True)             # p_t^(2)(S_1) > 0 when a_t > 0 (w_2 > 0)


def leakage_limit_steps(first: int, sym: dict, earlier: dict) -> tuple[tuple, tuple, dict]:
    r"""The steps from ``first`` on, the premises they introduce, and symbols for the limit's interval.

    ``sym`` holds the replay's symbols (``q``, ``k1``, ``eps``, ``Delta``, ``a``, ``b``, ``m``, ``A``, ``B``,
    ``M``, ``T1``, ``a_next``, ``update``) and ``earlier`` the statements of steps 1-4 (keys 1..4).
    """
    q, k1, eps, Delta = (sym[k] for k in ("q", "k1", "eps", "Delta"))
    a, b, m, A, B, M, T1, a_next = (sym[k] for k in ("a", "b", "m", "A", "B", "M", "T1", "a_next"))
    k = lambda j: first + j  # noqa: E731  (the block's step j, 0-based)
    C, E = sympy.exp(eps), sympy.exp(-eps)
    ell = a / (a + k1 * b + C * m)
    L = (q - k1) / (1 - k1)
    g = lambda x: q * x / (x + k1 * (1 - x))  # noqa: E731
    P = {
        "def_T1": Eq(T1, A / (A + B + M)),
        "def_kappa": Eq(k1, sympy.exp(-(Delta - 2 * eps))),
        "second": Eq(a_next, q * T1 + (1 - q) * T2),
        "fixed": Gt(a_inf, q * a_inf / (a_inf + k1 * b_inf + C * m_inf)),
        "partition": Eq(a_inf + b_inf + m_inf, 1),
        "m_zero": Eq(m_inf, 0),
        "case": Gt(q, k1),
        "on_s1": Ge(w1x, E),
        "on_s2": Le(Z_inf, k1 * E),
        "low_case": Le(q, k1),
    }
    chain = Ge(T1, ell)
    strict = Gt(a_next, q * ell)
    above = Gt(a_inf, g(a_inf))
    steps = (
        Step("p_t^(1)(S_1) = A/(A + B + M) ≥ a_t/(a_t + κ_1 b_t + C_ε m_t), κ_1 = e^{−(Δ_1 − 2ε)}: steps 1-3 chained",
             chain, uses=(1, 2, 3),
             given=((P["def_kappa"], k1), (P["def_T1"], T1), (earlier[1], A / (A + B + M)),
                    (earlier[2], a * E / (a * E + B + M)))),
        Step("a_{t+1} = q T_1 + (1 − q) p_t^(2)(S_1) with p_t^(2)(S_1) > 0 when a_t > 0 (w_2 > 0), so "
             "a_{t+1} > q a_t/(a_t + κ_1 b_t + C_ε m_t) for every distribution p_t with a_t > 0",
             strict, uses=(k(0),), given=((P["second"], a_next), (chain, T1))),
        Step("p_t → p_∞, a maximiser of F on the simplex over supp p_0 (nash-limit on the setup restricted to "
             "supp p_0), and W_∞ ≤ 1 on supp p_0 there (its first-order condition)", None,
             proved_by=("nash-limit",)),
        Step("a_t, b_t, m_t are sums of p_t over fixed sets, so a_t → a_∞, b_t → b_∞, m_t → m_∞ with "
             "a_∞ + b_∞ + m_∞ = 1 (disjoint basins), and liminf a_t = limsup a_t = a_∞; the premise m_t → 0 gives "
             "m_∞ = 0", None, uses=(k(2),), cites=("continuity of polynomials",)),
        Step("if q ≤ κ_1: L ≤ 0, so max{0, L} = 0 ≤ a_∞", Le(L, 0), given=((P["low_case"], q),)),
        Step("if q > κ_1 and a_∞ = 0: p_∞ lives on S_2 (m_∞ = 0), where w_1 ≤ e^{−Δ_1+ε} = κ_1 e^{−ε}, so "
             "Z_1(p_∞) ≤ κ_1 e^{−ε}; an atom x ∈ S_1 ∩ supp p_0 (Assumption 2.1(ii)) has w_1(x) ≥ e^{−ε}, and "
             "W_∞(x) ≥ q w_1(x)/Z_1(p_∞) > 1", Gt(q * w1x / Z_inf, 1), uses=(k(3),),
             given=((P["case"], q), (P["on_s2"], k1), (P["on_s1"], w1x))),
        Step("that contradicts W_∞ ≤ 1 on supp p_0 (step " + str(k(2)) + "): a_∞ > 0 when q > κ_1", None,
             uses=(k(2), k(5)), cites=("first-order necessary condition on a convex set",)),
        Step("a_∞ = 1 is above L: 1 − L = (1 − q)/(1 − κ_1) > 0", Gt(1, L)),
        Step("for a_∞ ∈ (0, 1) (steps " + f"{k(6)}-{k(7)}" + "): p_∞ is a fixed point of the update p ↦ p W(p), "
             "continuous on the simplex over supp p_0 (Z_i > 0), so step " + str(k(1)) + " holds at p_t = p_∞ with "
             "a_{t+1} = a_∞", None, uses=(k(1), k(2), k(6)), cites=("fixed points of continuous maps",)),
        Step("with b_∞ = 1 − a_∞ − m_∞ and m_∞ = 0 that reads a_∞ > g(a_∞) = q a_∞/(a_∞ + κ_1(1 − a_∞))",
             above, uses=(k(3), k(8)), given=((P["fixed"], q), (P["partition"], b_inf), (P["m_zero"], m_inf))),
        Step("g(a) − a has the sign of L − a (step 7), so a_∞ > L: with steps " + f"{k(4)} and {k(7)}" +
             ", liminf a_t = a_∞ ≥ max{0, L}, and a_∞ > L when q > κ_1", Gt(a_inf, L), uses=(7, k(9)),
             given=((above, q),)),
    )
    premises = tuple(P[k_] for k_ in ("def_T1", "def_kappa", "second", "fixed", "partition", "m_zero", "case",
                                       "on_s1", "on_s2", "low_case"))
    return steps, premises, {a_inf: (0, 1)}
