r"""Proof replays of the general statements: any number of atoms, rewards with zero weights, outside mass.

Definitions
-----------
The large-K dynamics are p_{t+1}(x) = p_t(x) W_t(x), W_t(x) = Σ_i q_i w_i(x)/Z_i(p_t),
Z_i(p) = Σ_x p(x) w_i(x), w_i = e^{r_i} > 0, and F(p) = Σ_i q_i log Z_i(p) ([FALA26] Eq. 5).  In the
convergence block (:func:`convergence_steps`) rewards are indexed i = 1..m (the positive weights,
once the zero weights are shown to drop out), p* is a maximiser of F on the simplex over supp p_0,
its support indexed x = 1..s, Z*_i = Z_i(p*), W*(x) = Σ_i q_i w_i(x)/Z*_i, and
D(p*‖p) = Σ_x p*(x) log(p*(x)/p(x)) the Kullback-Leibler divergence.  Python spellings: ``P`` = p*,
``Zs`` = Z*, ``Ws`` = W*, ``lam`` = λ_i(x) = q_i w_i(x)/(Z*_i W*(x)).

The block proves that p_t converges to a maximiser of F:
D(p*‖p_t) − D(p*‖p_{t+1}) = Σ_x p*(x) log W_t(x) ≥ F(p*) − F(p_t) ≥ 0 (the log-sum inequality, by
the tangent bounds of log, and the first-order conditions W* = 1 on supp p*), so F(p_t) → F(p*) and,
at a limit point p̄ of p_t, D(p̄‖p_t) decreases to 0.

Builders: :func:`proof_nash_limit`, :func:`proof_theorem_3_6`, :func:`proof_prop_3_4`.
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from pluralnash.theory._proof import Proof, Step

__all__ = ["convergence_steps", "proof_nash_limit", "proof_prop_3_4", "proof_theorem_3_6"]


def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


Eq, Ge, Gt, Le, Lt = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt))

_S = sympy.Symbol
_INT = {"integer": True, "positive": True}
x, i, y = _S("x", **_INT), _S("i", **_INT), _S("y", **_INT)
m, n, s = _S("m", **_INT), _S("n", **_INT), _S("s", **_INT)
_POS = lambda name: sympy.IndexedBase(name, positive=True)  # noqa: E731
qq, w, P, p, W, Ws, Z, Zs = (_POS(v) for v in ("q", "w", "P", "p", "W", "W^*", "Z", "Z^*"))
q_zero = _S("q_{m+1}", nonnegative=True)


def _convergence_relations() -> dict:
    """The definitions and premises the convergence block states its steps with."""
    lam = qq[i] * w[i, x] / (Zs[i] * Ws[x])
    r = {
        "lam": lam,
        "def_W": Eq(W[x], sympy.Sum(qq[i] * w[i, x] / Z[i], (i, 1, m))),
        "def_Ws": Eq(Ws[x], sympy.Sum(qq[i] * w[i, x] / Zs[i], (i, 1, m))),
        "def_Zs": Eq(Zs[i], sympy.Sum(P[x] * w[i, x], (x, 1, s))),
        "weights": Eq(sympy.Sum(qq[i], (i, 1, m)), 1),
        "p_star": Eq(sympy.Sum(P[x], (x, 1, s)), 1),
        "kkt": Eq(Ws[x], 1),
        "norm": Eq(sympy.Sum(lam, (i, 1, m)), 1),
    }
    r["J"] = sympy.Sum(P[x] * sympy.Sum(lam * sympy.log(W[x] * Z[i] / (Zs[i] * Ws[x])), (i, 1, m)), (x, 1, s))
    r["T1"] = sympy.Sum(P[x] * sympy.Sum(lam, (i, 1, m)) * sympy.log(W[x]), (x, 1, s))
    r["R"] = (r["T1"] - sympy.Sum(P[x] * sympy.Sum(lam, (i, 1, m)) * sympy.log(Ws[x]), (x, 1, s))
              - sympy.Sum(P[x] * sympy.Sum(lam * sympy.log(Zs[i] / Z[i]), (i, 1, m)), (x, 1, s)))
    r["K"] = sympy.Sum(P[x] * sympy.log(W[x]), (x, 1, s))
    r["Phi"] = sympy.Sum(qq[i] * sympy.log(Zs[i] / Z[i]), (i, 1, m))
    return r


#: The premises of the convergence block: five definitions, then the first-order condition W* = 1
#: on supp p*, which step ``first + 5`` introduces.
CONVERGENCE = _convergence_relations()
CONVERGENCE_PREMISES = tuple(CONVERGENCE[k] for k in ("def_W", "def_Ws", "def_Zs", "weights", "p_star", "kkt"))


def _zero_weight_steps() -> tuple:
    """A reward of weight zero drops out of the update's weight W and of F."""
    zero = Eq(q_zero, 0)
    W_pos = sympy.Sum(qq[i] * w[i, y] / Z[i], (i, 1, m))
    F_pos = sympy.Sum(qq[i] * sympy.log(Z[i]), (i, 1, m))
    return (
        Step("a reward with q_{m+1} = 0 adds nothing to W_t(y) = Σ_i q_i w_i(y)/Z_i(p_t): the dynamics are those of "
             "the setup without it (its Z_{m+1}(p_t) is carried along but never enters)",
             Eq(W_pos + q_zero * w[m + 1, y] / Z[m + 1], W_pos), given=((zero, q_zero),)),
        Step("nor to F = Σ_i q_i log Z_i: F and its maximisers are those of the positive weights, which the steps "
             "below index i = 1..m", Eq(F_pos + q_zero * sympy.log(Z[m + 1]), F_pos), given=((zero, q_zero),)),
    )


def convergence_steps(first: int) -> tuple:
    r"""The steps proving p_t → p̄, a maximiser of F on supp p_0, numbered from ``first``.

    They use :data:`CONVERGENCE_PREMISES` (the proof must list them, in that order, among its
    premises) and the zero-weight reduction (:func:`_zero_weight_steps`, the first two steps).
    """
    c = CONVERGENCE
    k = lambda j: first + j  # noqa: E731  (the block's step j, 0-based)
    J, R, K, Phi = c["J"], c["R"], c["K"], c["Phi"]
    e1, e2 = Eq(J, R), Eq(R, K - Phi)
    lower = Ge(J, 0)
    steps = _zero_weight_steps() + (
        Step("F is continuous on the compact simplex over supp p_0, so it has a maximiser p*; index supp p* = {1..s}",
             None, uses=(k(1),), cites=("extreme value theorem",)),
        Step("first-order condition at p*: the one-sided derivative of F towards δ_x is W*(x) − Σ_y p*(y) W*(y) ≤ 0 "
             "for every x ∈ supp p_0, W*(x) = Σ_i q_i w_i(x)/Z*_i", None, uses=(k(2),),
             cites=("first-order necessary condition on a convex set",)),
        Step("Σ_x p*(x) W*(x) = Σ_i q_i Σ_x p*(x) w_i(x)/Z*_i = Σ_i q_i",
             Eq(sympy.Sum(P[x] * Ws[x], (x, 1, s)), sympy.Sum(qq[i], (i, 1, m))),
             given=((c["def_Ws"], Ws[x]), (c["def_Zs"], Zs[i]))),
        Step("so Σ_x p*(x)(1 − W*(x)) = 1 − 1 = 0, a sum of terms ≥ 0 (step " + str(k(3)) + "): W*(x) = 1 on supp p*",
             Eq(sympy.Sum(P[x], (x, 1, s)) - sympy.Sum(P[x] * Ws[x], (x, 1, s)), 0), uses=(k(3), k(4)),
             given=((c["p_star"], sympy.Sum(P[x], (x, 1, s))),
                    (Eq(sympy.Sum(P[x] * Ws[x], (x, 1, s)), sympy.Sum(qq[i], (i, 1, m))),
                     sympy.Sum(P[x] * Ws[x], (x, 1, s))),
                    (c["weights"], sympy.Sum(qq[i], (i, 1, m))))),
        Step("D(p*‖p_t) − D(p*‖p_{t+1}) = Σ_x p*(x) log W_t(x), since p_{t+1}(x) = p_t(x) W_t(x)",
             Eq(sympy.Sum(P[x] * sympy.log(P[x] / p[x]), (x, 1, s))
                - sympy.Sum(P[x] * sympy.log(P[x] / (p[x] * W[x])), (x, 1, s)), K)),
        Step("log-sum inequality: Σ_x p*(x) Σ_i λ_i(x) log(W_t(x) Z_i/(Z*_i W*(x))) ≥ 0, λ_i(x) = q_i w_i(x)/(Z*_i W*(x)) "
             "(each log u ≥ 1 − 1/u, and Σ_i λ_i(x) Z*_i W*(x)/(Z_i W_t(x)) = 1)", lower,
             given=((c["def_W"], W[x]), (c["def_Ws"], Ws[x]))),
        Step("Σ_i λ_i(x) = 1", c["norm"], given=((c["def_Ws"], Ws[x]),)),
        Step("the logarithm of the product split into its factors", e1),
        Step("with Σ_i λ_i(x) = 1, W*(x) = 1 on supp p* and Z*_i = Σ_x p*(x) w_i(x), that is "
             "Σ_x p*(x) log W_t(x) − Σ_i q_i log(Z*_i/Z_i) = Σ_x p*(x) log W_t(x) − (F(p*) − F(p_t))", e2,
             uses=(k(5), k(8)), given=((c["norm"], sympy.Sum(c["lam"], (i, 1, m))), (c["kkt"], Ws[x]),
                                        (c["def_Zs"], Zs[i]))),
        Step("D(p*‖p_t) − D(p*‖p_{t+1}) ≥ F(p*) − F(p_t)", Ge(K - Phi, 0), uses=(k(7), k(9), k(10)),
             given=((e2, K), (e1, c["T1"]), (lower, J))),
        Step("F(p*) ≥ F(p_t), so D(p*‖p_t) is non-increasing, and Σ_t (F(p*) − F(p_t)) ≤ D(p*‖p_0) < ∞ (p_0 > 0 on "
             "supp p_0 ⊇ supp p*): F(p_t) → F(p*)", None, uses=(k(2), k(11)),
             cites=("monotone convergence of sequences",)),
        Step("p_t has a limit point p̄ in the simplex; F(p̄) = F(p*) by continuity, so p̄ is a maximiser and steps "
             f"{k(2)}-{k(12)} hold with p* = p̄: D(p̄‖p_t) is non-increasing and tends to 0 along the subsequence "
             "(D(p̄‖·) is continuous at p̄), so D(p̄‖p_t) → 0 and p_t → p̄", None, uses=(k(12),),
             cites=("Bolzano-Weierstrass theorem", "continuity of polynomials", "Pinsker's inequality")),
    )
    return steps


# ---------------------------------------------------------------------------------------------
# nash-limit (this toolkit): the large-K dynamics maximise F = Σ_i q_i log Z_i, zero weights included

@lru_cache(maxsize=1)
def proof_nash_limit() -> Proof:
    s_ = _S("s", nonnegative=True)
    d = sympy.IndexedBase("d", real=True)
    Zp = sympy.Sum(p[y] * w[i, y], (y, 1, n))
    line = sympy.Sum(qq[i] * sympy.log(sympy.Sum((p[y] + s_ * d[y]) * w[i, y], (y, 1, n))), (i, 1, m))
    grad = sympy.Sum(qq[i] * sympy.Sum(d[y] * w[i, y], (y, 1, n)) / Zp, (i, 1, m))
    curv = -sympy.Sum(qq[i] * sympy.Sum(d[y] * w[i, y], (y, 1, n)) ** 2 / Zp**2, (i, 1, m))
    steps = (
        Step("d/ds F(p + s d) at s = 0 is Σ_i q_i (Σ_y d_y w_i(y))/Z_i(p); with d the unit vector at y this is "
             "∂F/∂p(y) = Σ_i q_i w_i(y)/Z_i = W(y), so p_{t+1} = p_t W_t is the multiplicative update of F",
             Eq(sympy.diff(line, s_).subs(s_, 0), grad)),
        Step("d²/ds² F(p + s d) = −Σ_i q_i (Σ_y d_y w_i(y))²/Z_i(p)² ≤ 0: F is concave",
             Eq(sympy.diff(line, s_, 2).subs(s_, 0), curv), uses=(1,)),
        Step("the curvature is ≤ 0", Le(curv, 0), uses=(2,)),
        Step("F(p_t) is non-decreasing and every limit point of p_t maximises F on supp(p_0), which is the "
             "simplex (full support)", None, uses=(1,), cites=("Cover's theorem (1984)",)),
        Step("log is strictly concave, so all maximisers share Z_i* for every reward with q_i > 0", None,
             uses=(3, 4), cites=("strict concavity",)),
    )
    steps += convergence_steps(len(steps) + 1)
    last = len(steps)
    steps += (
        Step("Z is continuous, so Z(p_t) → Z(p̄) for every reward, and Z_i(p̄) = Z_i* for every q_i > 0 (step 5): "
             "Z(p_t) → Z*, the weighted Nash bargaining solution (a zero weight leaves its Z_i out of F, steps 6-7)",
             None, uses=(5, last), cites=("continuity of polynomials",)),
    )
    zero = Eq(q_zero, 0)
    return Proof("nash-limit", "The large-K dynamics ascend F and converge to a maximiser (any n atoms, m rewards)",
                 "pluralnash: the large-K limit as a weighted Nash bargaining solution", steps=steps,
                 premises=(zero, *CONVERGENCE_PREMISES))


# ---------------------------------------------------------------------------------------------
# Theorem 3.6 (variance preservation), with the convergence of p_t replayed

@lru_cache(maxsize=1)
def proof_theorem_3_6() -> Proof:
    from pluralnash.theory._proofs_fala import UNIT, Delta, a, eps

    mu1, mu2, rstar = sympy.symbols("mu_1 mu_2 r^*", real=True)
    V1, V2 = sympy.symbols("V_1 V_2", nonnegative=True)
    mean = a * mu1 + (1 - a) * mu2
    second = a * (V1 + mu1**2) + (1 - a) * (V2 + mu2**2)
    var = a * V1 + (1 - a) * V2 + a * (1 - a) * (mu1 - mu2) ** 2
    support = Ge(mu1, rstar - eps)
    b5 = Le(mu2, rstar - Delta + eps)
    case = Ge(Delta, 2 * eps)
    steps = (
        Step("E_{p_∞}[r_i] = a μ_1 + (1 − a) μ_2 and E_{p_∞}[r_i²] = a(V_1 + μ_1²) + (1 − a)(V_2 + μ_2²) "
             "for p_∞ = a P_1 + (1 − a) P_2", None, cites=("law of total expectation",)),
        Step("Var_{p_∞}[r_i] = E[r_i²] − E[r_i]² = a V_1 + (1 − a) V_2 + a(1 − a)(μ_1 − μ_2)² "
             "(law of total variance)", Eq(second - mean**2, var), uses=(1,)),
        Step("Var_{p_∞}[r_i] ≥ a(1 − a)(μ_1 − μ_2)²: the within-basin part is ≥ 0",
             Ge(var, a * (1 - a) * (mu1 - mu2) ** 2), uses=(2,)),
        Step("μ_1 − μ_2 ≥ Δ_i − 2ε: P_1 lives on S_{i,ε} and B.5 bounds r_i on the other basin",
             Ge(mu1 - mu2, Delta - 2 * eps), given=((support, mu1), (b5, mu2))),
        Step("if Δ_i ≥ 2ε: Var_{p_∞}[r_i] ≥ a(1 − a)(Δ_i − 2ε)²",
             Ge(var, a * (1 - a) * (Delta - 2 * eps) ** 2), uses=(3, 4),
             given=((support, mu1), (b5, mu2), (case, Delta))),
        Step("if Δ_i < 2ε: Var_{p_∞}[r_i] ≥ 0 = a(1 − a) max{Δ_i − 2ε, 0}²", Ge(var, 0), uses=(2,)),
    )
    steps += convergence_steps(len(steps) + 1)
    last = len(steps)
    steps += (
        Step("Var_{p_t}[r_i] → Var_{p_∞}[r_i]: Var_p is a polynomial in p and p_t → p_∞ = p̄", None, uses=(last,),
             cites=("continuity of polynomials",)),
    )
    zero = Eq(q_zero, 0)
    return Proof("theorem-3.6", "Variance preservation: Var ≥ a(1 − a) max{Δ − 2ε, 0}²",
                 "[FALA26] Theorem 3.6 / B.6", steps=steps, intervals=UNIT,
                 premises=(support, b5, case, zero, *CONVERGENCE_PREMISES))


# ---------------------------------------------------------------------------------------------
# Proposition 3.4 / B.3 (plateau), outside atoms carried: the limit has no outside mass at any gap

@lru_cache(maxsize=1)
def proof_prop_3_4() -> Proof:
    from pluralnash.theory._proofs_fala import _A_STAR, UNIT, a, k1, k2, q

    pp = sympy.IndexedBase("p", positive=True)
    Z1, Z2 = a + (1 - a) * k1, a * k2 + (1 - a)
    W1 = q / Z1 + (1 - q) * k2 / Z2
    u1, u2 = sympy.symbols("u_1 u_2", nonnegative=True)  # u_2 = 0 at q = 1
    rho1, rho2 = sympy.symbols("rho_1 rho_2", positive=True)
    on_s1, on_s2 = Le(u1 + k2 * u2, 1), Le(k1 * u1 + u2, 1)
    outside = Lt(rho1 + rho2, 1)
    F = q * sympy.log(Z1) + (1 - q) * sympy.log(Z2)
    steps = (
        Step("on S_{1,ε}, W_t ≡ W_t(S_1) = q/Z_1 + (1 − q) κ_2/Z_2 (B.6: r_1 ≡ 0, r_2 ≡ −Δ_2), whatever the outside "
             "atoms: W_t(x) depends on x only through w(x)", None, cites=("law of total expectation",)),
        Step("p_{t+1}(y | S_1) = p_t(y) W_t(S_1) / Σ_x p_t(x) W_t(S_1) = p_t(y | S_1) for y ∈ S_1",
             Eq(pp[y] * W1 / sympy.Sum(pp[x] * W1, (x, 1, n)), pp[y] / sympy.Sum(pp[x], (x, 1, n))), uses=(1,)),
        Step("the basin conditionals stay at P_i for every t", None, uses=(2,), cites=("induction",)),
        Step("at every finite gap p_t → p_∞, a maximiser of F on supp p_0 (nash-limit: p_{t+1} = p_t W_t with "
             "W_t > 0 never leaves supp p_0, so the setup restricted to supp p_0 has full support)", None,
             proved_by=("nash-limit",)),
        Step("first-order condition at p_∞ (supp p_0 meets both basins, B.2): W_∞ ≤ 1 on supp p_0 and W_∞ = 1 on "
             "supp p_∞; with u_1 = q/Z_1, u_2 = (1 − q)/Z_2 at p_∞, W_∞(S_1) = u_1 + κ_2 u_2 ≤ 1, "
             "W_∞(S_2) = κ_1 u_1 + u_2 ≤ 1, and W_∞(x) = ρ_1(x) u_1 + ρ_2(x) u_2 at an outside atom "
             "(ρ_i = e^{r_i − r_i*})", None, uses=(4,), cites=("first-order necessary condition on a convex set",)),
        Step("u_1 ≤ 1", Le(u1, 1), uses=(5,), given=((on_s1, u1),)),
        Step("u_2 ≤ 1", Le(u2, 1), uses=(5,), given=((on_s2, u2),)),
        Step("ρ_1 u_1 + ρ_2 u_2 ≤ ρ_1 + ρ_2", Le(rho1 * u1 + rho2 * u2, rho1 + rho2), uses=(6, 7),
             given=((Le(u1, 1), u1), (Le(u2, 1), u2))),
        Step("ρ_1 u_1 + ρ_2 u_2 < 1: every outside atom of supp p_0 has ρ_1 + ρ_2 < 1 (the premise)",
             Lt(rho1 * u1 + rho2 * u2, 1), uses=(8,),
             given=((Le(rho1 * u1 + rho2 * u2, rho1 + rho2), u1), (outside, rho1))),
        Step("so W_∞ < 1 at every outside atom, which p_∞ therefore does not charge (step 5): m_∞ = 0 at every "
             "finite gap, and by step 3 p_∞ = a_∞ P_1 + (1 − a_∞) P_2", None, uses=(3, 5, 9),
             cites=("first-order necessary condition on a convex set",)),
        Step("p_∞ maximises F over the mixtures a P_1 + (1 − a) P_2 (in the simplex over supp p_0, B.2), where "
             "Z_1 = a + (1 − a)κ_1, Z_2 = aκ_2 + 1 − a and F'(a) Z_1 Z_2 = (1 − κ_1)(1 − κ_2)(a* − a)",
             Eq(sympy.diff(F, a) * Z1 * Z2, (1 - k1) * (1 - k2) * (_A_STAR - a)), uses=(10,)),
        Step("F''(a) < 0: F is strictly concave in a", Lt(sympy.diff(F, a, 2), 0), uses=(11,)),
        Step("so a_∞ = clamp(a*, 0, 1): the critical point a* when it lies in (0, 1), else the endpoint towards "
             "which F increases (step 11's sign)", None, uses=(11, 12),
             cites=("strict concavity", "mean value theorem")),
        Step("at κ_1 = κ_2 = 0, a* = q", Eq(sympy.Subs(_A_STAR, (k1, k2), (0, 0)), q), uses=(13,)),
        Step("a* is a rational function of κ continuous at κ = 0 (denominators 1 − κ_i) and clamp is continuous, "
             "so lim_{Δ→∞} lim_{t→∞} a_t = clamp(q, 0, 1) = q: with steps 3 and 10 the limit is "
             "p_q = q P_1 + (1 − q) P_2", None, uses=(3, 10, 14), cites=("continuity of polynomials",)),
    )
    return Proof("prop-3.4", "Plateau idealisation: conditionals frozen, no outside mass in the limit, "
                 "hard-separation limit q", "[FALA26] Proposition 3.4 / B.3", steps=steps,
                 intervals={**UNIT, rho1: (0, 1), rho2: (0, 1)},  # ρ_i ≤ 1 off the basins, < 1 by the premise
                 premises=(on_s1, on_s2, outside))
