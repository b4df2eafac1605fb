r"""The core family: [FALA26] Lemmas 3.1, 3.2, Theorem 3.7 and the toolkit's nash-limit (listed in ``TABLE`` for the registry).

Each claim carries planted false variants (controls) that the same routes must report FALSIFIED.
Conclusion checks are those of :mod:`pluralnash.claims.core.checks`, planted formulas those of
:mod:`pluralnash.claims.core.planted`; use :func:`pluralnash.all_claims` to list the claims.
"""

from __future__ import annotations

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import Family, certified, drawn, either, integers, plant
from pluralnash.claims.core.checks import (
    check_exact_rewards,
    check_full_support,
    check_lemma_3_1,
    check_lemma_3_2,
    check_nash_limit,
    check_theorem_3_7,
    check_two_basin_utilities,
)
from pluralnash.claims.core.planted import (
    limit_best,
    _limit_uniform_mean,
    _one_minus_q,
    _predict_each_best,
    _predict_scalarised,
    _q_squared,
    _update_averaged_reward,
    _update_extra_rival,
)
from pluralnash.claims.core.kept_screen import kept_law_screen, sandwich_screen
from pluralnash.claims.core.nash_screen import bargaining_screen
from pluralnash.claims.core.screen import ascent_screen
from pluralnash.numeric import Landscape
from pluralnash.theory import CheckResult, Verdict

# ----------------------------------------------------------------------------------------------
# shared premises


def _finite_k(landscape: Landscape) -> CheckResult:
    name = "finite K >= 2 given"
    if landscape.K is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup has no K; add \"K\": 3 (say) to it")
    return CheckResult(name, Verdict.HOLDS, "exact", {"K": landscape.K})


EXACT = Premise("exact rewards", "w_i = e^{r_i} given as rationals (exp_rewards), so the route is exact",
                check_exact_rewards)
FULL_SUPPORT = Premise("full support", "p_0(x) > 0 for every atom", check_full_support)
FINITE_K = Premise("finite K", "K >= 2 candidates per round", _finite_k)
SIMPLEX = Premise("model", "q on the simplex, p_t a distribution, w_i > 0 (validated when the setup is read)")

# the dynamics of these statements: large K unless a claim says otherwise
CORE = Family(("large-k",))
# the squeeze of H^K between two bounds: [FALA26] Lemma 3.2, and [FERB24] Lemma 2.2 as its m = 1 case
LEMMA_3_2_BOUNDS = certified("derive_lemma_3_2_bounds")
LEMMA_3_2_CITES = ("Jensen's inequality", "linearity and monotonicity of expectation",
                   "Bienaymé's identity (variance of a sum of independent draws)", "squeeze theorem")
# the conclusion of [FALA26] Lemma 3.1, and of [FERB24] Lemma 2.1 as its m = 1 case
KEPT_CANDIDATE_LAW = "p_{t+1} equals the law of the kept candidate, atom by atom"


# ----------------------------------------------------------------------------------------------
# Lemma 3.1


LEMMA_3_1 = CORE.claim(
    id="lemma-3.1",
    models=("finite-k",),
    source="[FALA26] Lemma 3.1 (Definition 2.1); [FERB24] Lemma 2.1 for m = 1",
    statement="With K candidates drawn i.i.d. from p_t, reward r_i drawn with probability q_i and a "
              "Bradley-Terry (Luce) pick, the kept candidate has law "
              "p_{t+1}(x) = p_t(x) Σ_i q_i H^{K,r_i}_{p_t}(x), "
              "H^{K,r}_p(x) = E[K e^{r(x)} / (e^{r(x)} + Σ_{j<K} e^{r(y_j)})].",
    premises=(SIMPLEX, FINITE_K, EXACT),
    conclusion=KEPT_CANDIDATE_LAW,
    reading="The exact wording is not available; the toolkit reads the lemma as the identity between the "
            "formula and the sampling process, checked exactly against brute-force enumeration of ordered "
            "K-tuples, reward draws and Luce picks (which never uses H).",
    instance=check_lemma_3_1,
    strategy=drawn("landscapes", max_atoms=3, max_rewards=2, K=integers(2, 3)),
    screen=kept_law_screen(),
).with_controls(
    plant("extra-rival", "K i.i.d. rivals in the denominator instead of K - 1", update=_update_extra_rival),
    plant("averaged-reward", "select with the q-average of e^{r_i} as one reward", update=_update_averaged_reward),
)


# ----------------------------------------------------------------------------------------------
# Lemma 3.2


LEMMA_3_2 = CORE.claim(
    id="lemma-3.2",
    source="[FALA26] Lemma 3.2; [FERB24] Lemma 2.2 for m = 1",
    statement="For bounded rewards, H^{K,r}_p(x) -> e^{r(x)} / E_p[e^r] as K -> infinity.",
    premises=(SIMPLEX, Premise("bounded rewards", "r bounded (automatic on finitely many atoms)"), EXACT),
    conclusion="lim_{K->inf} H^{K,r}_p(x) = w(x) / E_p[w] for every atom x",
    reading="Symbolic: H^K is squeezed between the Jensen bound K w/(w+(K-1)mu) and a second-order "
            "upper bound, both tending to w/mu (sympy limits). Instance: the bounds are checked against "
            "exactly enumerated H^K, and the claimed limit is compared exactly with w/E_p[w].",
    symbolic=LEMMA_3_2_BOUNDS,
    cites=LEMMA_3_2_CITES,
    instance=check_lemma_3_2,
    strategy=drawn("landscapes", max_atoms=4, max_rewards=2),
    screen=sandwich_screen(),
).with_controls(
    plant("limit-best", "limit w(x) / max_y w(y) (collapse onto the best atom)", limit=limit_best),
    plant("limit-uniform-mean", "limit w(x) / mean_y w(y), the mean taken uniformly instead of under p",
          limit=_limit_uniform_mean),
)


# ----------------------------------------------------------------------------------------------
# Theorem 3.7


def _nash_control_symbolic(expr_text):
    def run():
        import sympy

        from pluralnash.theory import certify_nash_maximiser

        return certify_nash_maximiser(sympy.sympify(expr_text, locals={"q": sympy.Symbol("q", positive=True)}))
    return run


THEOREM_3_7 = CORE.claim(
    id="theorem-3.7",
    source="[FALA26] Theorem 3.7 / B.7 (weighted Nash bargaining)",
    statement="P_1, P_2 fixed on S_{1,eps}, S_{2,eps}; p_alpha = alpha P_1 + (1-alpha) P_2; u_i(p) = E_p[r_i]; "
              "d_1 = u_1(P_2), d_2 = u_2(P_1). If u_1(P_1) > u_1(P_2) and u_2(P_2) > u_2(P_1), then "
              "(u_1(p_alpha) - d_1)^q (u_2(p_alpha) - d_2)^(1-q) is uniquely maximised over [0, 1] at alpha* = q.",
    premises=(Premise("two basins", "m = 2, disjoint basins with p_0 mass, u_1(P_1) > u_1(P_2), u_2(P_2) > u_2(P_1)",
                      check_two_basin_utilities),),
    conclusion="argmax_{alpha in [0,1]} N(alpha) = {q}",
    reading="On a setup, P_i is p_0 conditioned on S_{i,eps} and q = weights[0]. log N is a sum of logs of "
            "affine functions of alpha, hence concave; (log N)' at the claimed maximiser is decided exactly "
            "(rational rewards) or by intervals, and a nonzero derivative yields a certified better alpha.",
    symbolic=certified("derive_nash_product"),
    cites=("first-order sufficiency: a stationary point of a strictly concave function is its unique maximiser",
           "strict monotonicity of the logarithm"),
    instance=check_theorem_3_7,
    strategy=either(drawn("two_basin_landscapes", exact=False), drawn("two_basin_landscapes", exact=True)),
    screen=bargaining_screen(),
).with_controls(
    Variant("alpha-q-squared", "maximiser alpha* = q^2", symbolic=_nash_control_symbolic("q**2"),
            check_keywords={"maximiser": _q_squared}),
    Variant("alpha-one-minus-q", "maximiser alpha* = 1 - q (weights swapped)", symbolic=_nash_control_symbolic("1 - q"),
            check_keywords={"maximiser": _one_minus_q}),
)


# ----------------------------------------------------------------------------------------------
# nash-limit (the toolkit's own statement)


def _nash_limit_symbolic():
    from pluralnash.theory import derive_ascent_inequality, derive_gradient_identity
    from pluralnash.theory._certify import combine_results

    return combine_results("F ascends along the large-K map; dF/dp(x) = W(x)",
                           [derive_gradient_identity().certify(), derive_ascent_inequality().certify()])


NASH_LIMIT = CORE.claim(
    id="nash-limit",
    source="pluralnash (this toolkit); cf. [FALA26] Theorem 3.7, Corollary 3.8",
    statement="For every finite landscape with full-support p_0, the large-K dynamics p_{t+1} = p_t W_t has "
              "F(p_t) = Σ_i q_i log E_{p_t}[e^{r_i}] non-decreasing, and p_t converges to the set of maximisers of "
              "F on the simplex, with Z_i(p_t) -> the unique optimal Z_i*: the weighted Nash bargaining solution "
              "with utilities E_p[e^{r_i}] and disagreement point 0.",
    premises=(FULL_SUPPORT, EXACT),
    conclusion="F(p_{t+1}) >= F(p_t) for all t, and Z(p_t) -> Z* = argmax F",
    reading="Symbolic: the identity dF/dp(x) = W(x) and the algebra of the ascent inequality are checked by sympy; "
            "its two Jensen steps are cited. Instance: monotonicity is certified over a horizon of exact steps, "
            "the limit solver's KKT certificate identifies Z*, and F(p_T) <= F* is checked; convergence itself is a "
            "statement about all t and is decided over the horizon only.",
    symbolic=_nash_limit_symbolic, symbolic_covers=False,
    instance=check_nash_limit,
    strategy=drawn("landscapes", max_atoms=5, max_rewards=3, min_value=-8),
    screen=ascent_screen(),
).with_controls(
    plant("utilitarian-ascent", "the utilitarian potential Σ_i q_i E_p[e^{r_i}] is non-decreasing",
          potential="utilitarian"),
    plant("each-reward-optimal", "every reward reaches its optimum: Z_i* = max_x e^{r_i(x)}",
          predicted=_predict_each_best),
    plant("scalarised-collapse", "the limit collapses onto argmax_x Σ_i q_i r_i(x)", predicted=_predict_scalarised),
)


# (place in the verdict table, claim): the registry registers these (see pluralnash.claims.FAMILIES)
TABLE = ((10, LEMMA_3_1), (20, LEMMA_3_2), (140, THEOREM_3_7), (220, NASH_LIMIT))
