r"""Step-by-step proofs of [FALA26]'s statements, replayed by :class:`pluralnash.theory._proof.Proof`.

Definitions
-----------
Symbols keep the paper's names: q ∈ (0, 1) the weight of reward 1, α ∈ (0, 1) the mixing weight of
Theorem 3.7, a = a_t the mass of S_{1,ε}, κ_i ∈ (0, 1) the leakage factors, ε > 0, Δ_i > 0, ρ = ρ_ε.
Atoms outside S_ε are indexed x = 1..n with n a symbol (any number of atoms); ``p[x]`` is p_t(x),
``W[x]`` is W_t(x).  Rewards are normalised to r_i* = 0 (W_t is unchanged by r_i -> r_i + c,
[FALA26] Eq. 5).  Python spellings: ``k1``, ``k2`` = κ_i; ``eps`` = ε; ``Delta`` = Δ.

Each builder returns a :class:`Proof`; :data:`PROOFS` maps claim ids to builders (the general
replays of nash-limit, theorem-3.6 and prop-3.4 are in :mod:`pluralnash.theory._proofs_general`).  The planted broken
variants of each proof are in :mod:`pluralnash.theory._proofs_planted`.
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from pluralnash.theory import _proofs_broken as _broken
from pluralnash.theory import _proofs_broken_more as _broken_more
from pluralnash.theory import _proofs_mixing_continuous as _mc
from pluralnash.theory._proof import Proof, Step
from pluralnash.theory._proofs_general import proof_nash_limit, proof_prop_3_4, proof_theorem_3_6
from pluralnash.theory._proofs_leakage import leakage_limit_steps
from pluralnash.theory._proofs_repaired import proof_lemma_3_3_repaired, proof_lemma_3_3_sharp
from pluralnash.theory._proofs_supported_finite_k import proof_ferbach_2_1_supported, proof_finite_k_limit

__all__ = ["PROOFS"]


def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


# relations are kept as written (unevaluated), so every step shows its statement as the paper does
Eq, Ge, Gt, Le, Lt = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt))

_S = sympy.Symbol
q = _S("q", positive=True)
alpha = _S("alpha", positive=True)
a = _S("a", positive=True)
k1, k2 = sympy.symbols("kappa_1 kappa_2", positive=True)
eps = _S("epsilon", positive=True)
Delta = _S("Delta", positive=True)
rho = _S("rho", positive=True)
UNIT = {q: (0, 1), alpha: (0, 1), a: (0, 1), k1: (0, 1), k2: (0, 1), rho: (0, 1)}


# ---------------------------------------------------------------------------------------------
# Theorem 3.7 (weighted Nash bargaining)

@lru_cache(maxsize=1)
def proof_theorem_3_7() -> Proof:
    u11, u12, u21, u22 = sympy.symbols("u_11 u_12 u_21 u_22", real=True)
    G1, G2 = sympy.symbols("G_1 G_2", positive=True)
    gap1, gap2 = Gt(u11, u12), Gt(u22, u21)
    logN = q * sympy.log(alpha * G1) + (1 - q) * sympy.log((1 - alpha) * G2)
    dlogN = (q - alpha) / (alpha * (1 - alpha))
    N = lambda x: (x * G1) ** q * ((1 - x) * G2) ** (1 - q)  # noqa: E731
    steps = (
        Step("u_i(p_α) = α u_i(P_1) + (1 − α) u_i(P_2): utilities are affine in α", None,
             cites=("law of total expectation",)),
        Step("u_1(p_α) − d_1 = α (u_1(P_1) − u_1(P_2)) = α G_1 with d_1 = u_1(P_2)",
             Eq(alpha * u11 + (1 - alpha) * u12 - u12, alpha * (u11 - u12)), uses=(1,)),
        Step("u_2(p_α) − d_2 = (1 − α) G_2 with d_2 = u_2(P_1)",
             Eq(alpha * u21 + (1 - alpha) * u22 - u21, (1 - alpha) * (u22 - u21)), uses=(1,)),
        Step("G_1 = u_1(P_1) − u_1(P_2) > 0", Gt(u11 - u12, 0), given=((gap1, u11),)),
        Step("G_2 = u_2(P_2) − u_2(P_1) > 0", Gt(u22 - u21, 0), given=((gap2, u22),)),
        Step("d/dα log N(α) = (q − α)/(α(1 − α)) on (0, 1), log N = q log(α G_1) + (1 − q) log((1 − α) G_2)",
             Eq(sympy.diff(logN, alpha), dlogN), uses=(2, 3, 4, 5)),
        Step("d²/dα² log N(α) = −q/α² − (1 − q)/(1 − α)²",
             Eq(sympy.diff(logN, alpha, 2), -q / alpha**2 - (1 - q) / (1 - alpha) ** 2), uses=(6,)),
        Step("−q/α² − (1 − q)/(1 − α)² < 0 for q, α ∈ (0, 1): log N is strictly concave",
             Lt(-q / alpha**2 - (1 - q) / (1 - alpha) ** 2, 0), uses=(7,)),
        Step("d/dα log N vanishes at α = q", Eq(dlogN.subs(alpha, q), 0), uses=(6,)),
        Step("α = q is the unique maximiser of log N, hence of N, on (0, 1)", None, uses=(8, 9),
             cites=("strict concavity",)),
        Step("N(0) = 0", Eq(N(sympy.Integer(0)), 0), uses=(2, 3)),
        Step("N(1) = 0", Eq(N(sympy.Integer(1)), 0), uses=(2, 3)),
        Step("N(q) = (q G_1)^q ((1 − q) G_2)^(1−q) > 0", Gt(N(q), 0), uses=(4, 5)),
        Step("for q ∈ (0, 1), α* = q uniquely maximises N over [0, 1]", None, uses=(10, 11, 12, 13),
             cites=("extreme value theorem",)),
        # the setups allow weights (1, 0) and (0, 1): the endpoints q = 1 and q = 0, with 0^0 = 1
        Step("q = 1: N(α) = α G_1 (reading 0^0 = 1)", Eq(N(alpha).subs(q, 1), alpha * G1), uses=(2, 3)),
        Step("d/dα (α G_1) = G_1 > 0", Gt(sympy.diff(alpha * G1, alpha), 0), uses=(4, 15)),
        Step("q = 0: N(α) = (1 − α) G_2", Eq(N(alpha).subs(q, 0), (1 - alpha) * G2), uses=(2, 3)),
        Step("d/dα ((1 − α) G_2) = −G_2 < 0", Lt(sympy.diff((1 - alpha) * G2, alpha), 0), uses=(5, 17)),
        Step("for q ∈ {0, 1}, N is strictly monotone on [0, 1], so its unique maximiser is the endpoint α* = q",
             None, uses=(16, 18), cites=("mean value theorem",)),
    )
    return Proof("theorem-3.7", "Weighted Nash bargaining: α* = q", "[FALA26] Theorem 3.7 / B.7",
                 steps=steps, premises=(gap1, gap2), intervals=UNIT)


# ---------------------------------------------------------------------------------------------
# Lemma B.4 (decay under B.4), any number of outside atoms

@lru_cache(maxsize=1)
def proof_lemma_3_3_appendix() -> Proof:
    x = _S("x", integer=True, positive=True)
    n = _S("n", integer=True, positive=True)
    t = _S("t", integer=True, nonnegative=True)
    p = sympy.IndexedBase("p", nonnegative=True)
    W = sympy.IndexedBase("W", nonnegative=True)
    m_t, m_next, m_0, a_t, b_t = sympy.symbols("m_t m_{t+1} m_0 a_t b_t", nonnegative=True)
    S_decay = sympy.Sum(p[x] * (rho - W[x]), (x, 1, n))
    def_m = Eq(m_t, sympy.Sum(p[x], (x, 1, n)))
    update = Eq(m_next, sympy.Sum(p[x] * W[x], (x, 1, n)))
    b4 = Le(W[x], rho)
    hypothesis = Le(m_t, rho**t * m_0)
    partition = Eq(a_t + b_t + m_t, 1)
    steps = (
        Step("ρ m_t − m_{t+1} = Σ_{x∉S_ε} p_t(x)(ρ − W_t(x)), m_{t+1} = Σ_{x∉S_ε} p_t(x) W_t(x) by Eq. 5",
             Eq(rho * m_t - m_next, S_decay), given=((def_m, m_t), (update, m_next))),
        Step("Σ_{x∉S_ε} p_t(x)(ρ − W_t(x)) ≥ 0, since W_t(x) ≤ ρ_ε off S_ε (B.4)", Ge(S_decay, 0),
             given=((b4, W[x]),)),
        Step("m_{t+1} ≤ ρ_ε m_t", Le(m_next, rho * m_t), uses=(1, 2),
             given=((Eq(rho * m_t - m_next, S_decay), m_next), (Ge(S_decay, 0), S_decay))),
        Step("base case: m_0 ≤ ρ_ε^0 m_0", Le(m_0, rho**0 * m_0)),
        Step("induction step: m_t ≤ ρ_ε^t m_0 and m_{t+1} ≤ ρ_ε m_t give m_{t+1} ≤ ρ_ε^{t+1} m_0",
             Le(m_next, rho ** (t + 1) * m_0), uses=(3,),
             given=((Le(m_next, rho * m_t), m_next), (hypothesis, m_t))),
        Step("m_t ≤ ρ_ε^t m_0 for every t ≥ 0", None, uses=(4, 5), cites=("induction",)),
        Step("ρ_ε^t m_0 → 0 as t → ∞ (0 < ρ_ε < 1), so m_t → 0", None, uses=(6,),
             cites=("geometric sequence",)),
        Step("a_t + b_t = 1 − m_t, the basins being disjoint (B.3)", Eq(a_t + b_t, 1 - m_t),
             given=((partition, a_t),)),
        Step("a_t + b_t → 1", None, uses=(7, 8), cites=("continuity of polynomials",)),
    )
    return Proof("lemma-3.3-appendix", "Decay outside the basins under B.4, any number of atoms",
                 "[FALA26] Lemma B.4", steps=steps, intervals=UNIT,
                 premises=(def_m, update, b4, hypothesis, partition))


# ---------------------------------------------------------------------------------------------
# Lemma 3.4 (leakage interval)

def _g(x):
    return q * x / (x + k1 * (1 - x))


@lru_cache(maxsize=1)
def proof_lemma_3_4() -> Proof:
    A, B, M, b, m, T1, T2 = sympy.symbols("A B M b m T_1 T_2", nonnegative=True)
    a_next = _S("a_{t+1}", nonnegative=True)
    L = (q - k1) / (1 - k1)
    e_eps, e_gap = sympy.exp(-eps), sympy.exp(-Delta + eps)
    on_s1, b5, outside = Ge(A, a * e_eps), Le(B, b * e_gap), Le(M, m)
    update = Eq(a_next, q * T1 + (1 - q) * T2)
    below = Gt(L, a)
    steps = (
        Step("p^(1)(S_1) = A/(A + B + M) ≥ a e^{−ε}/(a e^{−ε} + B + M), A = E_p[e^{r_1}; S_1] ≥ a e^{−ε}",
             Ge(A / (A + B + M), a * e_eps / (a * e_eps + B + M)), given=((on_s1, A),)),
        Step("… ≥ a e^{−ε}/(a e^{−ε} + b e^{−Δ_1+ε} + m): B ≤ b e^{−Δ_1+ε} (B.5), M ≤ m (r_1 ≤ r_1* = 0)",
             Ge(a * e_eps / (a * e_eps + B + M), a * e_eps / (a * e_eps + b * e_gap + m)),
             given=((b5, b), (outside, m))),
        Step("… = a/(a + κ_1 b + C_ε m) with κ_1 = e^{−(Δ_1 − 2ε)}, C_ε = e^{ε}",
             Eq(a * e_eps / (a * e_eps + b * e_gap + m),
                a / (a + sympy.exp(-(Delta - 2 * eps)) * b + sympy.exp(eps) * m))),
        Step("a_{t+1} = q p_t^(1)(S_1) + (1 − q) p_t^(2)(S_1) ≥ q p_t^(1)(S_1)", Ge(a_next, q * T1),
             given=((update, a_next),)),
        Step("with m = 0, b = 1 − a: g(a) = q a/(a + κ_1(1 − a)) is increasing", Gt(sympy.diff(_g(a), a), 0)),
        Step("L = (q − κ_1)/(1 − κ_1) is a fixed point: g(L) = L", Eq(_g(L), L)),
        Step("g(a) − a = a(1 − κ_1)(L − a)/(a + κ_1(1 − a))",
             Eq(_g(a) - a, a * (1 - k1) * (L - a) / (a + k1 * (1 - a))), uses=(6,)),
        Step("g(a) > a for 0 < a < L: the lower iteration is pushed up towards L", Gt(_g(a) - a, 0),
             uses=(7,), given=((below, q),)),
    )
    sym = {"q": q, "k1": k1, "eps": eps, "Delta": Delta, "a": a, "b": b, "m": m, "A": A, "B": B, "M": M, "T1": T1,
           "a_next": a_next}
    block, introduced, ranges = leakage_limit_steps(len(steps) + 1, sym, {j + 1: steps[j].statement for j in range(4)})
    steps += block + (
        Step("the symmetric argument for b_t (the rewards swapped) gives b_∞ ≥ max{0, ((1 − q) − κ_2)/(1 − κ_2)}, "
             "strictly above the second when 1 − q > κ_2, so limsup a_t = 1 − b_∞ ≤ 1 − ((1 − q) − κ_2)/(1 − κ_2) "
             "= q/(1 − κ_2)",
             Eq(1 - ((1 - q) - k2) / (1 - k2), q / (1 - k2)), uses=(len(steps) + len(block),)),
    )
    return Proof("lemma-3.4", "Leakage interval: max{0, L} ≤ liminf a_t ≤ limsup a_t ≤ min{1, q/(1 − κ_2)}",
                 "[FALA26] Lemma 3.4 / B.5", steps=steps, intervals={**UNIT, **ranges},
                 premises=(on_s1, b5, outside, update, below, *introduced))


# ---------------------------------------------------------------------------------------------
# Lemma 3.2 / [FERB24] Lemma 2.2 (large-K limit of H)

def _proof_large_k(claim_id: str, source: str, *, update: bool) -> Proof:
    K = _S("K", integer=True, positive=True)
    e, Y, mu, ell = sympy.symbols("e Ybar mu ell", positive=True)
    integrand = e / (e / K + (K - 1) * Y / K)
    lower_e, lower_y = Ge(e, ell), Ge(Y, ell)
    steps = (
        Step("K e^{r(x)}/(e^{r(x)} + Σ_{j<K} e^{r(y_j)}) = e^{r(x)}/(e^{r(x)}/K + ((K−1)/K) Ȳ_K), "
             "Ȳ_K the mean of the K − 1 values e^{r(y_j)}",
             Eq(K * e / (e + (K - 1) * Y), integrand)),
        Step("Ȳ_K → μ = E_p[e^r] almost surely, the K − 1 draws taken as the first K − 1 of one i.i.d. "
             "sequence (H^K depends only on their law)", None, cites=("strong law of large numbers",)),
        Step("the integrand is at most e^{r(x)}/ℓ, ℓ = e^{L} > 0 a lower bound of e^r (bounded rewards)",
             Le(integrand, e / ell), uses=(1,), given=((lower_e, e), (lower_y, Y))),
        Step("pointwise: e^{r(x)}/(e^{r(x)}/K + ((K−1)/K) μ) → e^{r(x)}/μ as K → ∞",
             Eq(sympy.Limit(e / (e / K + (K - 1) * mu / K), K, sympy.oo), e / mu), uses=(1,)),
        Step("the integrand is a rational function of (1/K, Ȳ_K), continuous at (0, μ) as μ ≥ ℓ > 0, so with "
             "step 2 it tends to e^{r(x)}/μ almost surely; bounded by step 3, H^K_p(x) → e^{r(x)}/E_p[e^r]", None,
             uses=(2, 3, 4), cites=("continuity of polynomials", "dominated convergence theorem")),
    )
    premises = (lower_e, lower_y)
    if update:
        steps += (Step("p_{t+1}(x) = p_t(x) H^K_{p_t}(x) → p_t(x) e^{r(x)}/E_{p_t}[e^r]", None, uses=(5,),
                       cites=("continuity of polynomials",)),)
    return Proof(claim_id, "Large-K limit of the curated update", source, steps=steps, premises=premises,
                 intervals={K: (1, sympy.oo)})


@lru_cache(maxsize=1)
def proof_lemma_3_2() -> Proof:
    return _proof_large_k("lemma-3.2", "[FALA26] Lemma 3.2", update=False)


@lru_cache(maxsize=1)
def proof_ferbach_lemma_2_2() -> Proof:
    return _proof_large_k("ferbach-lemma-2.2", "[FERB24] Lemma 2.2", update=True)


# ---------------------------------------------------------------------------------------------
# plateau-exact (this toolkit's exact plateau limit and window)

_A_STAR = q + q * k2 / (1 - k2) - (1 - q) * k1 / (1 - k1)


def _plateau_map() -> sympy.Expr:
    """f(a) = a (q/Z_1 + (1 − q) k_2/Z_2), the plateau basin-mass map."""
    return a * (q / (a + (1 - a) * k1) + (1 - q) * k2 / (a * k2 + (1 - a)))


@lru_cache(maxsize=1)
def proof_plateau_exact() -> Proof:
    Z1, Z2 = a + (1 - a) * k1, a * k2 + (1 - a)
    dF = q * (1 - k1) / Z1 - (1 - q) * (1 - k2) / Z2
    f = _plateau_map()
    a_star = _A_STAR
    q_lo, q_hi = k1 * (1 - k2) / (1 - k1 * k2), (1 - k2) / (1 - k1 * k2)
    # g = e^{2ε}: g ≥ 1 because ε ≥ 0 and exp is increasing (a definition, kept as the proof's premise)
    g = _S("g", positive=True)
    g_ge_1 = Ge(g, 1)
    wider = k1 * k2 * (2 - k1 - k2) / (1 - k1 * k2) + (g - 1) * (k1 + k2)
    steps = (
        Step("the basin-mass map is f(a) = a W(S_1) = a (q/Z_1 + (1 − q) κ_2/Z_2), Z_1 = a + (1 − a)k_1, "
             "Z_2 = a k_2 + 1 − a (Prop 3.4's map, scaled rewards k_i = e^{−Δ_i})", None,
             cites=("law of total expectation",)),
        Step("F'(a) Z_1 Z_2 = (1 − k_1)(1 − k_2)(a* − a), F = q log Z_1 + (1 − q) log Z_2",
             Eq(sympy.diff(q * sympy.log(Z1) + (1 - q) * sympy.log(Z2), a) * Z1 * Z2,
                (1 - k1) * (1 - k2) * (a_star - a))),
        Step("f(a) − a = a(1 − a) F'(a)", Eq(f - a, a * (1 - a) * dF), uses=(1,)),
        Step("(f(a) − a)(a* − a) ≥ 0 on (0, 1): a_t moves towards a*", Ge((f - a) * (a_star - a), 0), uses=(2, 3)),
        Step("f is increasing on (0, 1), so a_t is monotone", Gt(sympy.diff(f, a), 0), uses=(1,)),
        Step("a_t → clamp(a*, 0, 1): a bounded monotone orbit converges to a fixed point of f", None,
             uses=(4, 5), cites=("monotone convergence of sequences", "fixed points of continuous maps")),
        Step("a*(q_lo) = 0", Eq(a_star.subs(q, q_lo), 0)),
        Step("a*(q_hi) = 1", Eq(a_star.subs(q, q_hi), 1)),
        Step("∂a*/∂q > 0, so a* ∈ (0, 1) iff q ∈ (q_lo, q_hi)", Gt(sympy.diff(a_star, q), 0), uses=(7, 8)),
        Step("q_hi − q_lo = (1 − k_1)(1 − k_2)/(1 − k_1 k_2) > 0: the window is never empty",
             Gt(q_hi - q_lo, 0)),
        Step("k_1 − q_lo ≥ 0", Ge(k1 - q_lo, 0)),
        Step("k_2 − (1 − q_hi) ≥ 0", Ge(k2 - (1 - q_hi), 0)),
        Step("with g = e^{2ε} ≥ 1, the paper's κ_1 = e^{−(Δ_1 − 2ε)} = k_1 g ≥ q_lo", Ge(k1 * g - q_lo, 0),
             uses=(11,), given=((g_ge_1, g),)),
        Step("1 − κ_2 = 1 − k_2 g ≤ q_hi: the window contains (κ_1, 1 − κ_2)", Ge(q_hi - (1 - k2 * g), 0),
             uses=(12,), given=((g_ge_1, g),)),
        Step("(q_hi − q_lo) − (1 − κ_1 − κ_2) = k_1 k_2 (2 − k_1 − k_2)/(1 − k_1 k_2) + (e^{2ε} − 1)(k_1 + k_2)",
             Eq((q_hi - q_lo) - (1 - k1 * g - k2 * g), wider)),
        Step("that excess is ≥ 0", Ge(wider, 0), uses=(15,), given=((g_ge_1, g),)),
        # the setups allow weights (1, 0) and (0, 1): steps 4 and 5 at the endpoints q = 1 and q = 0
        Step("q = 1: (f(a) − a)(a* − a) ≥ 0 on (0, 1)", Ge(((f - a) * (a_star - a)).subs(q, 1), 0), uses=(2, 3)),
        Step("q = 1: f is increasing on (0, 1)", Gt(sympy.diff(f, a).subs(q, 1), 0), uses=(1,)),
        Step("q = 0: (f(a) − a)(a* − a) ≥ 0 on (0, 1)", Ge(((f - a) * (a_star - a)).subs(q, 0), 0), uses=(2, 3)),
        Step("q = 0: f is increasing on (0, 1)", Gt(sympy.diff(f, a).subs(q, 0), 0), uses=(1,)),
        Step("so a_t → clamp(a*, 0, 1) for q ∈ {0, 1} too (a* = 1/(1 − k_2) > 1 or a* < 0 there)", None,
             uses=(17, 18, 19, 20), cites=("monotone convergence of sequences", "fixed points of continuous maps")),
    )
    return Proof("plateau-exact", "Exact plateau limit clamp(a*, 0, 1) and its window (q_lo, q_hi)",
                 "pluralnash: the exact plateau limit of [FALA26] B.6", steps=steps, intervals=UNIT,
                 premises=(g_ge_1,))


# ---------------------------------------------------------------------------------------------
# Lemma 3.1 / [FERB24] Lemma 2.1 (finite-K curated update)

def _proof_finite_k(claim_id: str, source: str, *, several: bool) -> Proof:
    K = _S("K", integer=True, positive=True)
    i = _S("i", integer=True, positive=True)
    m = _S("m", integer=True, positive=True)
    px, E1 = sympy.symbols("p_x E_1", positive=True)
    Hq = sympy.IndexedBase("H", positive=True)
    w = sympy.IndexedBase("q", positive=True)
    P_sel, H = sympy.symbols("P_sel H", positive=True)
    first = Eq(P_sel, K * px * E1)
    define_h = Eq(H, K * E1)
    steps = (
        Step("P(x̂ = x | r) = Σ_{k=1}^{K} P(x_k = x and candidate k is selected | r)", None,
             cites=("law of total expectation",)),
        Step("the K candidates are exchangeable, so each k contributes the same: P(x̂ = x | r) = "
             "K P(x_1 = x, 1 selected | r)", None, uses=(1,), cites=("symmetry of i.i.d. sampling",)),
        Step("P(x_1 = x, 1 selected | r) = p(x) E_1 with E_1 = E_{y ~ p^(K−1)}[e^{r(x)}/(e^{r(x)} + Σ_j e^{r(y_j)})]"
             " (condition on x_1 = x; the others are independent of it)", None, uses=(2,),
             cites=("law of total expectation",)),
        Step("P(x̂ = x | r) = p(x) H^{K,r}_p(x), H^{K,r}_p(x) = K E_1", Eq(P_sel, px * H), uses=(2, 3),
             given=((first, P_sel), (define_h, H))),
    )
    if several:
        steps += (
            Step("the reward r_i is drawn with probability q_i independently of the candidates: "
                 "p_{t+1}(x) = Σ_i q_i p_t(x) H^{K,r_i}_{p_t}(x) = p_t(x) Σ_i q_i H^{K,r_i}_{p_t}(x)",
                 Eq(sympy.Sum(w[i] * px * Hq[i], (i, 1, m)), px * sympy.Sum(w[i] * Hq[i], (i, 1, m))),
                 uses=(4,), cites=("law of total expectation",)),
        )
    steps += (Step("Σ_x p(x) H^{K,r}_p(x) = Σ_x P(x̂ = x | r) = 1: exactly one candidate is selected", None,
                   uses=(4,), cites=("law of total expectation",)),)
    return Proof(claim_id, "Finite-K curated update p_{t+1} = p_t Σ_i q_i H^{K,r_i}_{p_t}", source, steps=steps,
                 premises=(first, define_h))


@lru_cache(maxsize=1)
def proof_lemma_3_1() -> Proof:
    return _proof_finite_k("lemma-3.1", "[FALA26] Lemma 3.1", several=True)


@lru_cache(maxsize=1)
def proof_ferbach_lemma_2_1() -> Proof:
    return _proof_finite_k("ferbach-lemma-2.1", "[FERB24] Lemma 2.1", several=False)


# ---------------------------------------------------------------------------------------------
# Corollary 3.8 (the plateau limit is the Nash point) and Lemma 3.5 (uniform non-collapse)

@lru_cache(maxsize=1)
def proof_corollary_3_8() -> Proof:
    U1, U2 = sympy.symbols("U_1 U_2", real=True)
    D1, D2 = sympy.symbols("Delta_1 Delta_2", positive=True)
    a_lim, a_nash = sympy.symbols("a_lim alpha^*", positive=True)
    nash, limit = Eq(a_nash, q), Eq(a_lim, q)
    steps = (
        Step("on plateaus (B.6) u_1(P_1) − u_1(P_2) = U_1 − (U_1 − Δ_1) = Δ_1 > 0", Gt(U1 - (U1 - D1), 0)),
        Step("u_2(P_2) − u_2(P_1) = U_2 − (U_2 − Δ_2) = Δ_2 > 0", Gt(U2 - (U2 - D2), 0)),
        Step("so Theorem 3.7's premises hold and α* = q", nash, uses=(1, 2), proved_by=("theorem-3.7",),
             given=((nash, a_nash),)),
        Step("in the hard-separation limit the dynamics reach p_q = q P_1 + (1 − q) P_2 (Proposition 3.4)", limit,
             proved_by=("prop-3.4",), given=((limit, a_lim),)),
        Step("the limit is the Nash point: its weight a_lim equals α*", Eq(a_lim, a_nash), uses=(3, 4),
             given=((limit, a_lim), (nash, a_nash))),
    )
    return Proof("corollary-3.8", "The plateau hard-separation limit is the weighted Nash point",
                 "[FALA26] Corollary 3.8 / B.8", steps=steps, premises=(nash, limit), intervals=UNIT)


@lru_cache(maxsize=1)
def proof_lemma_3_5() -> Proof:
    lower, upper = Gt(q, k1), Lt(q, 1 - k2)
    steps = (
        Step("q > κ_1 gives L = (q − κ_1)/(1 − κ_1) > 0", Gt((q - k1) / (1 - k1), 0), given=((lower, q),)),
        Step("q < 1 − κ_2 gives U = q/(1 − κ_2) < 1", Lt(q / (1 - k2), 1), given=((upper, q),)),
        Step("a_t → a_∞ with L < a_∞ < U: Lemma 3.4's replay, whose bounds are strict when q > κ_1 and "
             "1 − q > κ_2 (κ_i < 1 follows: κ_1 < q < 1, κ_2 < 1 − q < 1)", None, proved_by=("lemma-3.4",)),
        Step("a_∞ lies in the open interval (L, U), so L < a_t < U for t ≥ t_0, and a_t ≥ L − c_ε m_t, "
             "a_t ≤ U + c_ε m_t there for every c_ε > 0 (m_t ≥ 0)", None, uses=(3,), cites=("order limit theorem",)),
        Step("with m_t → 0, η = min{L, 1 − U}/2 > 0 gives η ≤ a_t ≤ 1 − η for t ≥ t_0", None, uses=(1, 2, 4),
             cites=("continuity of polynomials",)),
    )
    return Proof("lemma-3.5", "Uniform non-collapse under bounded leakage", "[FALA26] Lemma 3.5 / B.6",
                 steps=steps, premises=(lower, upper), intervals=UNIT)


# ---------------------------------------------------------------------------------------------
# collapse-criterion (this toolkit): the first-order test at a point mass, any n atoms and m rewards

@lru_cache(maxsize=1)
def proof_collapse_criterion() -> Proof:
    i, y, g, z = (_S(v, integer=True, positive=True) for v in ("i", "y", "g", "z"))
    m, n = _S("m", integer=True, positive=True), _S("n", integer=True, positive=True)
    s = _S("s", nonnegative=True)
    w = sympy.IndexedBase("w", positive=True)
    qq = sympy.IndexedBase("q", positive=True)
    p = sympy.IndexedBase("p", nonnegative=True)
    d = sympy.IndexedBase("d", real=True)
    simplex = Eq(sympy.Sum(qq[i], (i, 1, m)), 1)
    q_zero = _S("q_{m+1}", nonnegative=True)
    zero_weight = Eq(q_zero, 0)
    W = sympy.Sum(qq[i] * w[i, z] / w[i, g], (i, 1, m))
    seg = sympy.Sum(qq[i] * sympy.log((1 - s) * w[i, g] + s * w[i, z]), (i, 1, m))
    line = sympy.Sum(qq[i] * sympy.log(sympy.Sum((p[y] + s * d[y]) * w[i, y], (y, 1, n))), (i, 1, m))
    curv = -sympy.Sum(qq[i] * sympy.Sum(d[y] * w[i, y], (y, 1, n)) ** 2 / sympy.Sum(p[y] * w[i, y], (y, 1, n)) ** 2,
                      (i, 1, m))
    slope = sympy.diff(seg, s).subs(s, 0)
    steps = (
        Step("along the segment from δ_g to δ_z, d/ds F = Σ_i q_i (w_i(z) − w_i(g))/w_i(g) at s = 0",
             Eq(slope, W - sympy.Sum(qq[i], (i, 1, m)))),
        Step("= W_δg(z) − 1, since Σ_i q_i = 1", Eq(slope, W - 1), uses=(1,),
             given=((Eq(slope, W - sympy.Sum(qq[i], (i, 1, m))), slope), (simplex, sympy.Sum(qq[i], (i, 1, m))))),
        Step("necessity: if W_δg(z) > 1 for some z ∈ supp(p_0), F increases from δ_g towards δ_z, so δ_g is not "
             "the maximiser (δ_g is a vertex of the simplex, so the one-sided condition applies, not Fermat's)",
             None, uses=(2,), cites=("first-order necessary condition on a convex set",)),
        Step("d²/ds² F(p + s d) = −Σ_i q_i (Σ_y d_y w_i(y))² / Z_i(p)²", Eq(sympy.diff(line, s, 2).subs(s, 0), curv)),
        Step("which is ≤ 0: F is concave on the simplex", Le(curv, 0), uses=(4,)),
        Step("sufficiency: with W_δg ≤ 1 on supp(p_0), δ_g meets the KKT conditions of the concave F, so it "
             "maximises F", None, uses=(2, 5), cites=("KKT sufficiency for concave maximisation",)),
        Step("log is strictly concave, so every maximiser p has mean reward vector Z(p) = Z(δ_g) = w(g), and by "
             "the KKT conditions it charges only the ties {W_δg = 1}: δ_g is the unique maximiser iff no "
             "distribution on the ties has mean reward vector w(g)", None, uses=(5, 6),
             cites=("strict concavity", "KKT sufficiency for concave maximisation")),
        Step("the large-K dynamics converge to the maximiser of F on supp(p_0), so p_t → p_0(· | g) exactly "
             "when the test names g", None, uses=(3, 6, 7), cites=("Cover's theorem (1984)",)),
        # the setups accept zero weights; steps 1-8 take every q_i > 0
        Step("a reward with q_{m+1} = 0 adds nothing to W (nor to F, the update or the test), so a setup with zero "
             "weights is the setup without those rewards, its groups sharing the positive-weight rewards' vector: "
             "steps 1-8 apply with m the number of positive weights",
             Eq(W + q_zero * w[m + 1, z] / w[m + 1, g], W), uses=(1,), given=((zero_weight, q_zero),)),
    )
    return Proof("collapse-criterion", "First-order test for a collapsed large-K limit, any n atoms and m rewards",
                 "pluralnash: the collapse criterion ([FALA26] Eq. 5)", steps=steps, premises=(simplex, zero_weight))


# ---------------------------------------------------------------------------------------------
# mixing-fixed-point (this toolkit, one reward): the fixed point of the mixed map

@lru_cache(maxsize=1)
def proof_mixing_fixed_point() -> Proof:
    x = _S("x", integer=True, positive=True)
    n = _S("n", integer=True, positive=True)
    lam = _S("lambda", positive=True)
    Z, r0, w0, M = sympy.symbols("Z r w M", positive=True)
    ref = sympy.IndexedBase("p_ref", positive=True)
    w = sympy.IndexedBase("w", positive=True)
    star = lambda r, ww: (1 - lam) * r / (1 - lam * ww / Z)  # noqa: E731
    phi = sympy.Sum((1 - lam) * ref[x] * w[x] / (Z - lam * w[x]), (x, 1, n))
    total = sympy.Sum(star(ref[x], w[x]), (x, 1, n))
    ref_sum = sympy.Sum(ref[x], (x, 1, n))
    root, normal, top = Eq(phi, 1), Eq(ref_sum, 1), Le(w[x], M)
    split = Eq(total, (1 - lam) * ref_sum + lam * phi)
    steps = (
        Step("T(p*)(x) = (1 − λ) p_ref(x) + λ p*(x) w(x)/Z* = p*(x) for p*(x) = (1 − λ) p_ref(x)/(1 − λ w(x)/Z*), "
             "Z* = E_{p*}[w]", Eq((1 - lam) * r0 + lam * star(r0, w0) * w0 / Z, star(r0, w0))),
        Step("Σ_x p*(x) = (1 − λ) Σ_x p_ref(x) + λ φ(Z*), φ(Z) = Σ_x (1 − λ) p_ref(x) w(x)/(Z − λ w(x))", split),
        Step("so p* is a distribution exactly when φ(Z*) = 1 (Σ_x p_ref(x) = 1)", Eq(total, 1), uses=(2,),
             given=((split, total), (normal, ref_sum), (root, phi))),
        Step("φ'(Z) = −Σ_x (1 − λ) p_ref(x) w(x)/(Z − λ w(x))² < 0: φ is strictly decreasing on (λ max_S w, ∞)",
             Lt(sympy.diff(phi, Z), 0)),
        Step("φ(M) ≤ Σ_x p_ref(x) at M = max_S w, since w(x) ≤ M", Le(phi.subs(Z, M), ref_sum), given=((top, w[x]),)),
        Step("one term of φ is (1 − λ) p_ref(x*) M/(Z − λ M) at the maximiser x*; its reciprocal → 0 as Z → λ M, "
             "so φ → ∞ as Z ↓ λ M (the other terms are positive)",
             Eq(sympy.Limit((Z - lam * M) / ((1 - lam) * r0 * M), Z, lam * M, "+"), 0)),
        Step("φ is continuous and strictly decreasing on (λ M, M] from +∞ to φ(M) ≤ 1: φ(Z*) = 1 has exactly one "
             "root Z* there", None, uses=(4, 5, 6), cites=("intermediate value theorem",)),
        Step("T contracts Hilbert's projective metric by τ = (√R − 1)/(√R + 1), so p_t → p* from every p_0 on S",
             None, uses=(3, 7), cites=("Birkhoff-Hopf theorem",)),
    )
    jac, def_Z = _mc.jacobian_steps(len(steps) + 1, lam, w, x, n)
    return Proof("mixing-fixed-point", "The unique fixed point of the mixed map (one reward)",
                 "pluralnash: real-data mixing ([FERB24] stability results)", steps=steps + jac,
                 intervals={lam: (0, 1)}, premises=(root, normal, top, *def_Z))


PROOFS = {
    "theorem-3.7": proof_theorem_3_7,
    "lemma-3.3-appendix": proof_lemma_3_3_appendix,
    "theorem-3.6": proof_theorem_3_6,
    "lemma-3.4": proof_lemma_3_4,
    "prop-3.4": proof_prop_3_4,
    "plateau-exact": proof_plateau_exact,
    "lemma-3.2": proof_lemma_3_2,
    "ferbach-lemma-2.2": proof_ferbach_lemma_2_2,
    "lemma-3.1": proof_lemma_3_1,
    "ferbach-lemma-2.1": proof_ferbach_lemma_2_1,
    "corollary-3.8": proof_corollary_3_8,
    "lemma-3.5": proof_lemma_3_5,
    "collapse-criterion": proof_collapse_criterion,
    "nash-limit": proof_nash_limit,
    "mixing-fixed-point": proof_mixing_fixed_point,
    "ferbach-2.1-supported": proof_ferbach_2_1_supported,
    "finite-k-limit": proof_finite_k_limit,
    "mixing-several-rewards": _mc.proof_mixing_several_rewards,
    "continuous-closed-form": _mc.proof_continuous_closed_form,
    "ferbach-2.1-sup-over-atoms": _broken.proof_ferbach_2_1_sup_over_atoms,
    "lemma-3.4-as-stated": _broken.proof_lemma_3_4_as_stated,
    "prop-3.4-b6": _broken.proof_prop_3_4_b6,
    "corollary-3.8-b6": _broken.proof_corollary_3_8_b6,
    "lemma-3.4-at-k-2": _broken_more.proof_lemma_3_4_at_k_2,
    "lemma-3.5-at-k-2": _broken_more.proof_lemma_3_5_at_k_2,
    "lemma-3.3-continuous": _broken_more.proof_lemma_3_3_continuous,
    "lemma-3.3-repaired": proof_lemma_3_3_repaired,
    "lemma-3.3-sharp": proof_lemma_3_3_sharp,
}
