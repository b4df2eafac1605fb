r"""Step-by-step replays of ``ferbach-2.1-supported`` ([FERB24] Theorem 2.1 when p_0 charges the argmax)
and ``finite-k-limit`` (the 1/K expansion of the finite-K limit, cf. [FALA26] Lemmas 3.1 and 3.2).

Definitions
-----------
One reward (``ferbach-2.1-supported``): w = e^r > 0 on the atoms x = 1..n, w* = e^{r*} its maximum,
A = {w = w*}, μ = μ_t = E_{p_t}[w], V = V_t = Var_{p_t}[w]; ``p_y``, ``p_x`` are p_t at y ∉ A and
x* ∈ A, ``p_x0`` is p_0(x*).  Several rewards (``finite-k-limit``): q_i the weights, w_i = e^{r_i},
Z_i* = E_{p*}[w_i] at the large-K limit p*, v the 1/K coefficient of p^K − p*, h = 1/K.

Both builders return a :class:`~pluralnash.theory._proof.Proof`; they are registered in
:data:`pluralnash.theory._proofs_fala.PROOFS`, their planted variants in
:mod:`pluralnash.theory._proofs_planted`.
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from pluralnash.theory._proof import Proof, Step

__all__ = ["proof_ferbach_2_1_supported", "proof_finite_k_limit"]



def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


# relations are kept as written (unevaluated), so every step shows its statement as the paper does
Eq, Ge, Gt, Le, Lt = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt))

_S = sympy.Symbol


# ---------------------------------------------------------------------------------------------
# ferbach-2.1-supported ([FERB24] Theorem 2.1 with p_0(r = r*) > 0)

@lru_cache(maxsize=1)
def proof_ferbach_2_1_supported() -> Proof:
    x, n = _S("x", integer=True, positive=True), _S("n", integer=True, positive=True)
    mu, wstar, wy = sympy.symbols("mu w^* w_y", positive=True)
    V = _S("V", nonnegative=True)
    py, px, px2 = sympy.symbols("p_y p_x p_x'", positive=True)
    px0 = _S("p_x0", nonnegative=True)
    p = sympy.IndexedBase("p", nonnegative=True)
    w = sympy.IndexedBase("w", positive=True)
    gap = sympy.Sum(p[x] * (wstar - w[x]), (x, 1, n))
    top = Le(w[x], wstar)                 # r* is the maximum of r over the atoms
    def_gap = Eq(wstar - mu, gap)         # μ = Σ p w with Σ p = 1
    off = Lt(wy, wstar)                   # y ∉ A
    charges = Gt(px0, 0)                  # p_0(A) > 0: some x* ∈ A with p_0(x*) > 0
    mu_top = Le(mu, wstar)
    increment, inc_premises = _finite_k_increment_steps(5, mu, wstar, V)
    ratio, ratio_premises = _finite_k_ratio_steps(16, wstar, wy, off)
    steps = (
        Step("large K: μ_{t+1} = E_{p_t}[w²]/μ_t = (V_t + μ_t²)/μ_t, so μ_{t+1} − μ_t = V_t/μ_t",
             Eq((V + mu**2) / mu - mu, V / mu)),
        Step("w* − μ_t = Σ_x p_t(x)(w* − w(x)) ≥ 0, since w ≤ w* on every atom", Ge(gap, 0), given=((top, w[x]),)),
        Step("μ_t ≤ w*", mu_top, uses=(2,), given=((def_gap, mu), (Ge(gap, 0), gap))),
        Step("(1) for large K: μ_{t+1} − μ_t = V_t/μ_t ≥ V_t/w*", Ge(V / mu, V / wstar), uses=(1, 3),
             given=((mu_top, wstar),)),
        *increment,
        Step("large K, x* ∈ A: p_{t+1}(y)/p_{t+1}(x*) = (p_t(y)/p_t(x*)) · w(y)/w*",
             Eq((py * wy / mu) / (px * wstar / mu), (py / px) * (wy / wstar))),
        Step("c_y = w(y)/w* < 1 for y ∉ A", Lt(wy / wstar, 1), given=((off, wy),)),
        *ratio,
        Step("p_1(x*) = p_0(x*) w*/μ_0 > 0 for an x* ∈ A charged by p_0 (and by induction p_t(x*) > 0), so the "
             "ratios to x* are defined", Gt(px0 * wstar / mu, 0), given=((charges, px0),)),
        Step("p_t(y)/p_t(x*) ≤ c_y^t p_0(y)/p_0(x*) → 0 for every y ∉ A (large K; finite K with step 19)", None,
             uses=(14, 15, 19, 20),
             cites=("induction", "geometric sequence")),
        Step("atoms of A keep their ratios: p_{t+1}(x)/p_{t+1}(x') = p_t(x)/p_t(x') for x, x' ∈ A (equal w, so "
             "equal H^K by Lemma 2.1's formula)", Eq((px * wstar / mu) / (px2 * wstar / mu), px / px2),
             proved_by=("ferbach-lemma-2.1",)),
        Step("p_t(A^c) ≤ Σ_{y∉A} p_t(y)/p_t(x*) → 0 (finitely many atoms): p_t(A) → 1, p_t → p_0(· | A) (4), "
             "μ_t → w* (2) and p_t(r ≥ r* − ε) ≥ p_t(A) → 1 (3)", None, uses=(21, 22),
             cites=("continuity of polynomials",)),
    )
    return Proof("ferbach-2.1-supported", "[FERB24] Theorem 2.1 when p_0 charges the argmax",
                 "[FERB24] Theorem 2.1 (with the premise p_0(r = r*) > 0)", steps=steps,
                 premises=(top, def_gap, off, charges, *inc_premises, *ratio_premises))


def _finite_k_increment_steps(first: int, mu, wstar, V) -> tuple[tuple, tuple]:
    r"""[FERB24] Theorem 2.1 (1) at finite K: μ_{t+1} − μ_t ≥ ((K − 1)/K) V_t/w*, numbered from ``first``.

    x_1..x_K are the K candidates (i.i.d. p_t), S = Σ_k w(x_k), Q = Σ_k w(x_k)², D = K Q − S².
    """
    j, k = _S("j", integer=True, positive=True), _S("k", integer=True, positive=True)
    K = _S("K", integer=True, positive=True)
    S, Q, m2 = (_S(c, positive=True) for c in ("S", "Q", "E[w^2]"))
    D, ED, pair = (_S(c, real=True) for c in ("D", "E[D]", "E[(w_j - w_k)^2]"))
    mu_next = _S("mu_{t+1}", positive=True)
    v = sympy.IndexedBase("w(x)", positive=True)
    st = lambda n: first + n  # noqa: E731  (the block's step n, 0-based)
    P = {"def_D": Eq(D, K * Q - S**2),
         "lagrange": Eq(D, sympy.Rational(1, 2) * sympy.Sum(sympy.Sum((v[j] - v[k]) ** 2, (k, 1, K)), (j, 1, K))),
         "def_S": Eq(S, sympy.Sum(v[k], (k, 1, K))), "cand_top": Le(v[k], wstar),
         "def_pair": Eq(pair, 2 * m2 - 2 * mu**2), "def_m2": Eq(m2, V + mu**2),
         "def_ED": Eq(ED, K * (K - 1) * pair / 2), "expect": Ge(mu_next - mu, ED / (K**2 * wstar))}
    nonneg, bounded, pair_v, mean_d = Ge(D, 0), Le(S, K * wstar), Eq(pair, 2 * V), Eq(ED, K * (K - 1) * V)
    steps = (
        Step("finite K: μ_{t+1} = Σ_x p_t(x) H^K_{p_t}(x) w(x) = K E[w(x_1)²/S] = E[Q/S] (Lemma 2.1; the K candidates "
             "x_1..x_K are exchangeable), S = Σ_k w(x_k), Q = Σ_k w(x_k)²", None,
             proved_by=("ferbach-lemma-2.1",), cites=("symmetry of i.i.d. sampling",)),
        Step("Q/S − S/K = D/(K S), D = K Q − S²", Eq(Q / S - S / K, D / (K * S)), given=((P["def_D"], D),)),
        Step("D = ½ Σ_j Σ_k (w(x_j) − w(x_k))²", None, cites=("Lagrange's identity",)),
        Step("D ≥ 0", nonneg, uses=(st(2),), given=((P["lagrange"], D),)),
        Step("S ≤ K w*: every candidate has w(x_k) ≤ w*", bounded, given=((P["def_S"], S), (P["cand_top"], v[k]))),
        Step("D/(K S) ≥ D/(K² w*)", Ge(D / (K * S), D / (K**2 * wstar)), uses=(st(3), st(4)),
             given=((bounded, wstar), (nonneg, D))),
        Step("E[(w(x_j) − w(x_k))²] = 2 E[w²] − 2 μ_t² = 2 V_t for j ≠ k (independent candidates)", pair_v,
             given=((P["def_pair"], pair), (P["def_m2"], m2)), cites=("expectation of independent products",)),
        Step("E[D] = ½ Σ_{j≠k} E[(w(x_j) − w(x_k))²] = K(K − 1) V_t (the diagonal terms vanish)", mean_d,
             uses=(st(2), st(6)), given=((P["def_ED"], ED), (pair_v, pair)),
             cites=("linearity and monotonicity of expectation",)),
        Step("(1) for finite K: μ_{t+1} − μ_t = E[Q/S − S/K] (E[S/K] = μ_t) ≥ E[D]/(K² w*) (step " + str(st(5)) +
             " in expectation) = ((K − 1)/K) V_t/w*", Ge(mu_next - mu, (K - 1) * V / (K * wstar)),
             uses=(st(0), st(1), st(5), st(7)), given=((P["expect"], mu_next), (mean_d, ED)),
             cites=("linearity and monotonicity of expectation",)),
    )
    return steps, tuple(P.values())


def _finite_k_ratio_steps(first: int, wstar, wy, off) -> tuple[tuple, tuple]:
    r"""[FERB24] Theorem 2.1 (4) at finite K: H^K_p(y)/H^K_p(x*) ≤ c_y < 1 for y ∉ A, numbered from ``first``.

    R = Σ_{j<K} w(y_j) is the rivals' total, R_0 = (K − 1) w_min > 0 (K ≥ 2) its least value,
    f_w(R) = w/(w + R) and H^K_p(x) = K E[f_{w(x)}(R)].
    """
    R, R0 = _S("R", positive=True), _S("R_0", positive=True)
    f = lambda w, r: w / (w + r)  # noqa: E731
    rho = lambda r: wy * (wstar + r) / (wstar * (wy + r))  # noqa: E731
    least = Ge(R, R0)
    st = lambda n: first + n  # noqa: E731
    steps = (
        Step("finite K: H^K(x) = K E[f_{w(x)}(R)], f_w(R) = w/(w + R), R = Σ_{j<K} w(y_j) ≥ R_0 = (K − 1) w_min > 0 "
             "(K ≥ 2); f_{w(y)}(R) = f_{w*}(R) ρ(R) with ρ(R) = w(y)(w* + R)/(w*(w(y) + R))",
             Eq(f(wy, R), f(wstar, R) * rho(R))),
        Step("ρ(R) ≤ ρ(R_0) = c_y for R ≥ R_0: ρ decreases in R since w(y) < w*", sympy.Le(rho(R), rho(R0)),
             given=((least, R), (off, wstar))),
        Step("c_y = w(y)(w* + (K − 1) w_min)/(w*(w(y) + (K − 1) w_min)) < 1", Lt(rho(R0), 1), given=((off, wstar),)),
        Step("H^K(y) = K E[f_{w*}(R) ρ(R)] ≤ c_y K E[f_{w*}(R)] = c_y H^K(x*), c_y < 1", None,
             uses=(st(0), st(1), st(2)), cites=("linearity and monotonicity of expectation",)),
    )
    return steps, (least,)


# ---------------------------------------------------------------------------------------------
# finite-k-limit: p^K = p* + v/K + o(1/K)

@lru_cache(maxsize=1)
def proof_finite_k_limit() -> Proof:
    i, x, y = (_S(v, integer=True, positive=True) for v in ("i", "x", "y"))
    m, n = _S("m", integer=True, positive=True), _S("n", integer=True, positive=True)
    K = _S("K", positive=True)
    s, h = _S("s", nonnegative=True), _S("h", nonnegative=True)
    px, Jv, bx, vx = _S("p_x", positive=True), _S("Jv", real=True), _S("b_x", real=True), _S("v_x", real=True)
    qq = sympy.IndexedBase("q", positive=True)
    w = sympy.IndexedBase("w", positive=True)
    p = sympy.IndexedBase("p", positive=True)
    v = sympy.IndexedBase("v", real=True)
    W_star = sympy.Sum(qq[i] * w[i, x] / sympy.Sum(p[y] * w[i, y], (y, 1, n)), (i, 1, m))
    W_line = sympy.Sum(qq[i] * w[i, x] / sympy.Sum((p[y] + s * v[y]) * w[i, y], (y, 1, n)), (i, 1, m))
    Jv_sum = -sympy.Sum(qq[i] * w[i, x] * sympy.Sum(w[i, y] * v[y], (y, 1, n))
                        / sympy.Sum(p[y] * w[i, y], (y, 1, n)) ** 2, (i, 1, m))
    fixed = Eq(W_star, 1)  # p* is the large-K limit, interior: W* = 1 on its support
    order_one = Eq((px + h * vx) * (1 + h * (Jv + bx)) - (px + h * vx), h * px * (Jv + bx) + h**2 * vx * (Jv + bx))
    steps = (
        Step("H^{K,r_i}_p(x) = (w_i(x)/Z_i)(1 + c_i(x)/K) + O(K^{−3/2}), c_i(x) = 1 − w_i(x)/Z_i + Var_p[w_i]/Z_i²",
             None,
             open_reason="the expansion is a second-order expansion of E[1/(w(x)/K + ((K - 1)/K) Ybar)] around "
                         "Ybar = Z_i with a remainder O(K^{-3/2}) uniform in p: it needs the delta method with an "
                         "explicit moment bound on Ybar - Z_i (Bienaymé's identity and a fourth-moment bound for the "
                         "mean of K - 1 bounded draws), an expectation of a non-polynomial function that sympy's sign "
                         "rules cannot bound; the toolkit derives it (theory._beyond.derive_finite_k_expansion, "
                         "cross-checked by a Laplace expansion) but the remainder bound is not replayed"),
        Step("at p*, the large-K map fixes p*: p*(x) Σ_i q_i w_i(x)/Z_i* = p*(x) on the support",
             Eq(p[x] * W_star, p[x]), given=((fixed, W_star),)),
        Step("d/ds Σ_i q_i w_i(x)/Z_i(p* + s v) at s = 0 is (Jv)(x) = −Σ_i q_i w_i(x) (Σ_y w_i(y) v(y))/Z_i*²",
             Eq(sympy.diff(W_line, s).subs(s, 0), Jv_sum)),
        Step("at p = p* + h v (h = 1/K), Σ_i q_i H^{K,r_i}_p = 1 + h((Jv)(x) + b(x)) + o(h) with "
             "b(x) = Σ_i q_i (w_i(x)/Z_i*) c_i(x), so Φ_K(p)(x) − p(x) = h p*(x)((Jv)(x) + b(x)) + O(h²): its order-h "
             "term is p*(x)((Jv)(x) + b(x))", order_one, uses=(1, 2, 3)),
        Step("p* > 0 on its support, so J v = −b there; J is invertible on the support's tangent space and the "
             "implicit function theorem continues p* to p^K = p* + v/K + o(1/K), v = −J^{−1} b", None, uses=(4,),
             open_reason="the continuation p^K = p* + v/K + o(1/K) is the implicit function theorem for "
                         "Phi_K(p) = p in (p, 1/K) at (p*, 0), which needs J nonsingular on the tangent space of the "
                         "support; that nonsingularity (from a unique interior limit with strict slack) is an "
                         "eigenvalue statement over n atoms the step checker cannot state, and the implicit function "
                         "theorem is not among the standard theorems"),
        Step("K TV(p^K, p*) = K · ½ Σ_x |v(x)|/K + o(1) → ½ ||v||_1 = C",
             Eq(K * sympy.Rational(1, 2) * sympy.Sum(sympy.Abs(v[x] / K), (x, 1, n)),
                sympy.Rational(1, 2) * sympy.Sum(sympy.Abs(v[x]), (x, 1, n))), uses=(5,)),
    )
    return Proof("finite-k-limit", "The finite-K limit is p* + v/K + o(1/K): K TV(p^K, p*) → ||v||_1/2",
                 "pluralnash: the finite-K limit (cf. [FALA26] Lemma 3.1, Lemma 3.2)", steps=steps,
                 premises=(fixed,))
