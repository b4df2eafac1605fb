"""Reference-data mixing ([FERB24] stability results), one family: the floor the reference guarantees,
and the unique fixed point and the convergence of the mixed dynamics, with one reward
(``mixing-fixed-point``) and with several (``mixing-several-rewards``); the registry registers them from ``TABLE``.

The conclusion checks are in :mod:`pluralnash.claims.mixing.checks`, their planted (false) forms in
:mod:`pluralnash.claims.mixing.planted`, the solvers in :mod:`pluralnash.numeric.engines.mixing`.
"""

from __future__ import annotations

from fractions import Fraction

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import STRATEGIES_MIXING, Family, drawn, plant
from pluralnash.claims.core.checks import check_exact_rewards
from pluralnash.claims.mixing.checks import (
    check_mixing,
    check_mixing_fixed_point,
    check_mixing_floor,
    check_mixing_several_rewards,
    check_support_in_reference,
    solve_mixing_fixed_point,
)
from pluralnash.claims.mixing.fixed_point_screen import ascent_kl_screen, contraction_screen
from pluralnash.claims.mixing.planted import (
    fixed_point_reference,
    fixed_point_tilt,
    fixed_point_weighted_average,
    rate_bound_lam,
    rate_bound_lam_squared,
)
from pluralnash.claims.mixing.screen import floor_screen
from pluralnash.numeric.engines.mixing import check_lam_below_one, check_several_rewards, check_single_reward_mixing

__all__ = [
    "check_mixing_floor", "check_mixing_fixed_point", "check_mixing_several_rewards", "check_support_in_reference",
    "solve_mixing_fixed_point", "fixed_point_reference", "fixed_point_tilt", "fixed_point_weighted_average",
    "rate_bound_lam", "rate_bound_lam_squared", "MIXING_FLOOR", "FIXED_POINT", "SEVERAL_REWARDS",
]


THEORY_MIXING = "pluralnash.theory._mixing"
# large K mixed with reference data; each derivation of theory._mixing is partial evidence
MIXING = Family(("mixing",), THEORY_MIXING)


def _strategy():
    import hypothesis.strategies as st

    from pluralnash.numeric import Landscape
    from pluralnash.properties import landscapes, simplex_points

    lams = st.sampled_from([Fraction(0), Fraction(1, 4), Fraction(1, 2), Fraction(9, 10), Fraction(1)])

    @st.composite
    def build(draw):
        L = draw(landscapes(max_atoms=4, max_rewards=2, min_value=-6))
        ref = draw(simplex_points(min_size=L.n, max_size=L.n, full_support=False))
        return Landscape(**{**L.to_json(), "reference": [str(v) for v in ref], "lam": str(draw(lams))})

    return build()


def _symbolic():
    r"""p_{t+1}(x) = (1-λ) p_ref(x) + λ p_t(x) W_t(x), W_t(x) = Σ_i q_i H_i(x) with H_i = H^{K,r_i}_{p_t} >= 0
    (w_i/Z_i at large K): the floor, and p_t >= 0 for every t by induction (λ̄ = 1 - λ)."""
    import sympy

    from pluralnash.theory import Identity
    from pluralnash.theory._certify import combine_results

    lam, lbar, r, p = sympy.symbols("lam lambar r p", nonnegative=True)
    i, m = sympy.symbols("i m", integer=True, positive=True)
    q, H = sympy.IndexedBase("q", nonnegative=True), sympy.IndexedBase("H", nonnegative=True)
    W = sympy.Sum(q[i] * H[i], (i, 1, m))
    step = (1 - lam) * r + lam * p * W
    steps = [
        Identity("W_t(x) = sum_i q_i H_i(x) >= 0 (q_i >= 0, H_i >= 0)", sympy.GreaterThan(W, 0, evaluate=False)),
        Identity("p_{t+1}(x) - (1 - lam) p_ref(x) = lam p_t(x) W_t(x)", (step - (1 - lam) * r) - lam * p * W),
        Identity("floor: lam p_t(x) W_t(x) >= 0 for lam >= 0, p_t(x) >= 0",
                 sympy.GreaterThan(lam * p * W, 0, evaluate=False)),
        Identity("induction step: p_t >= 0 gives p_{t+1} = lambar p_ref + lam p_t W_t >= 0 (lambar = 1 - lam >= 0)",
                 sympy.GreaterThan(step.subs(1 - lam, lbar), 0, evaluate=False)),
        Identity("lambar = 1 - lam rewrites the update exactly", step.subs(1 - lam, lbar).subs(lbar, 1 - lam) - step),
    ]
    return combine_results("p_{t+1}(x) - (1 - lam) p_ref(x) = lam * curated(x) >= 0", [s.check() for s in steps],
                           evidence={"cited": ["p_0 >= 0 and the induction step give p_t >= 0 for every t "
                                               "(mathematical induction)",
                                               "H^{K,r}_p(x) = E[K e^{r(x)} / (e^{r(x)} + sum_j e^{r(y_j)})] >= 0 "
                                               "(monotonicity of expectation)"]})


MIXING_FLOOR = MIXING.claim(
    id="mixing-floor",
    source="pluralnash (this toolkit); [FERB24] real-data mixing",
    statement="With p_{t+1} = (1 - lam) p_ref + lam (curated update of p_t), every round keeps at least the "
              "reference's share: p_t(x) >= (1 - lam) p_ref(x) for all t >= 1 and all x; so a full-support "
              "reference with lam < 1 rules out collapse onto any strict subset of atoms.",
    premises=(Premise("mixing", "reference p_ref and lam in [0, 1] given", check_mixing),
              Premise("exact rewards", "exp_rewards rational, so the route is exact", check_exact_rewards)),
    conclusion="p_t(x) >= (1 - lam) p_ref(x) for all t >= 1",
    reading="Symbolic (every K, every m): p_{t+1} - (1 - lam) p_ref = lam p_t W_t >= 0 with W_t = sum_i q_i "
            "H^{K,r_i}_{p_t} >= 0, and p_t >= 0 for every t by induction; together the floor for every t >= 1. "
            "Instance: exact rational rounds (large K) compared atom by atom.",
    symbolic=_symbolic,
    cites=("mathematical induction", "monotonicity of expectation"),
    instance=check_mixing_floor,
    strategy=_strategy,
    screen=floor_screen(),
).with_controls(
    plant("full-reference", "floor p_ref(x): the model never drops below the reference itself",
          floor=lambda L: list(L.reference)),
    plant("keeps-p0", "floor (1 - lam) p_ref(x) + lam p_0(x): curation never lowers a mass",
          floor=lambda L: [(1 - L.lam) * r + L.lam * p for r, p in zip(L.reference, L.p0)]),
)



# ----------------------------------------------------------------------------------------------
# mixing-fixed-point




def _without_support_premise(premises: tuple, strategy) -> Variant:
    """The control dropping the premise supp p_0 within supp p_ref, searched with ``strategy``."""
    return Variant("no-support-premise", "p_t -> p* from every p_0 (the premise supp p_0 within supp p_ref dropped)",
                   premises=premises, strategy=strategy)


SINGLE = Premise("single reward", "m = 1: the mixed map is power iteration of a positive matrix",
                 check_single_reward_mixing)
LAM = Premise("mixing, lam < 1", "reference p_ref given and lam in [0, 1)", check_lam_below_one)
SUPPORT = Premise("support", "supp p_0 within supp p_ref", check_support_in_reference)
EXACT = Premise("exact rewards", "exp_rewards rational, so brackets and trajectory are exact", check_exact_rewards)

FIXED_POINT = MIXING.claim(
    id="mixing-fixed-point",
    source="pluralnash (this toolkit); [FERB24] real-data mixing, one reward",
    statement="One reward (m = 1), lam in [0, 1), S = supp p_ref, supp p_0 within S, large K. The mixed map "
              "T(p) = (1 - lam) p_ref + lam p e^r / E_p[e^r] is p -> M p / 1^T M p with M = lam diag(w) + "
              "(1 - lam) p_ref w^T (w = e^r), positive on S. (i) T has exactly one fixed point p* on S: "
              "p*(x) = (1 - lam) p_ref(x) / (1 - lam w(x)/Z*), Z* = E_p*[w] the unique root in "
              "(lam max_S w, max_S w] of sum_x (1 - lam) p_ref(x) w(x)/(Z - lam w(x)) = 1. (ii) The Jacobian of T "
              "at p* has real tangent eigenvalues mu/Z* (mu the other eigenvalues of M), all in "
              "[lam min_S w/Z*, lam max_S w/Z*]: the local linear rate is at most rho = lam max_S w / Z* < 1. "
              "(iii) T contracts Hilbert's projective metric on S by tau = (sqrt(R) - 1)/(sqrt(R) + 1), "
              "R = (1 + c/rho_1)(1 + c/rho_2), c = lam/(1 - lam), rho_1 <= rho_2 the two smallest masses of p_ref on "
              "S, whatever the reward; so p_t -> p* from every such p_0.",
    premises=(SINGLE, LAM, SUPPORT, EXACT),
    conclusion="p_t -> p* (the formula), local rate mu_2/Z* <= lam max_S w / Z* < 1, and d_H(p_t+1, p*) <= "
               "tau d_H(p_t, p*)",
    reading="Symbolic (partial): the fixed-point identity, the monotone normalisation, the power-iteration form, "
            "the characteristic polynomial of M, the Jacobian and its symmetrisation, the cross ratios of N; "
            "Perron-Frobenius, Cauchy interlacing and Birkhoff-Hopf are cited. Instance (certified): Z* and the "
            "subdominant eigenvalue mu_2 bracketed by exact rational bisection, p* enclosed by monotonicity; an "
            "exact stated fixed point is mapped exactly; mu_2 compared with the stated bound; the exact trajectory "
            "(power iteration, cross-checked against the engine) contracts toward p* by tau at every step, in "
            "interval arithmetic. Not covered: m >= 2 (the claim mixing-several-rewards) and p_0 "
            "charging atoms y outside S: then p_t -> p* still when "
            "lam w(y) < Z* for every such y (Perron-Frobenius on the larger support; not checked), and fails "
            "when lam w(y) > Z* (the planted control without the support premise).",
    derivation="derive_mixing_fixed_point",
    instance=check_mixing_fixed_point,
    strategy=drawn("mixing_landscapes", module=STRATEGIES_MIXING),
    screen=contraction_screen(),
).with_controls(
    plant("reference", "p* = p_ref: the reference is the fixed point", fixed_point=fixed_point_reference),
    plant("tilt", "p* = p_ref e^r / E_p_ref[e^r]: one curated tilt of the reference", fixed_point=fixed_point_tilt),
    plant("rate-lam-squared", "local linear rate at most lam^2", rate=rate_bound_lam_squared),
    _without_support_premise((SINGLE, LAM, EXACT), drawn("outside_mixing_landscapes", module=STRATEGIES_MIXING)),
)



# ----------------------------------------------------------------------------------------------
# mixing-several-rewards


SEVERAL = Premise("several rewards", "m >= 2 rewards with weights q on the simplex", check_several_rewards)
EXACT_SEVERAL = Premise("exact rewards", "exp_rewards rational, so every enclosure starts from exact data", check_exact_rewards)

SEVERAL_REWARDS = MIXING.claim(
    id="mixing-several-rewards",
    source="pluralnash (this toolkit); [FERB24] real-data mixing with m >= 2 rewards",
    statement="m >= 2 rewards v_i = e^{r_i} with weights q_i, lam in [0, 1), S = supp p_ref, supp p_0 within S, "
              "large K. The mixed map T(p) = (1 - lam) p_ref + lam p W(p), W(p) = sum_i q_i v_i / E_p[v_i], has "
              "(i) exactly one fixed point p* on S: p*(x) = (1 - lam) p_ref(x)/(1 - lam W*(x)), W*(x) = "
              "sum_i q_i v_i(x)/Z_i*, where Z* solves the m equations Z_i = sum_x p*(x) v_i(x); (ii) p* is "
              "locally stable: the Jacobian of T at p* has real tangent eigenvalues in [0, lam max_S W*], and "
              "lam max_S W* = 1 - (1 - lam) min_S p_ref/p* < 1; (iii) p_t -> p* from every such p_0. "
              "Reason: T is the MM (EM) iteration of the strictly concave potential G(p) = lam sum_i q_i log "
              "E_p[v_i] + (1 - lam) sum_S p_ref log p, whose stationary points are the fixed points, and "
              "G(T p) - G(p) >= KL(T p || p).",
    premises=(SEVERAL, LAM, SUPPORT, EXACT_SEVERAL),
    conclusion="one fixed point p* (the formula), local rate <= lam max_S W* < 1, and p_t -> p* with "
               "G(p_t+1) - G(p_t) >= KL(p_t+1 || p_t)",
    reading="The question asked was whether several rewards with mixing can have several fixed points, an "
            "unstable one, or cycles (far-apart peaks, lam near 1, reference between them); the answer is no, "
            "for every m. Symbolic (partial): the fixed-point formula and the m equations, the potential's "
            "gradient and Hessian (minus a positive sum of squares: strictly concave), fixed points = stationary "
            "points, the MM inequality up to Jensen, the Jacobian and its symmetrisation between 0 and lam "
            "diag(W) (sums of squares); Jensen, Gibbs, compactness and Krawczyk's theorem are cited. Instance "
            "(certified, interval): Z* enclosed by a Krawczyk test on the m equations (a unique zero in the "
            "box) and p* by monotonicity; the stated p* must meet that enclosure; the local rate enclosed "
            "between a Rayleigh quotient and lam max_S W* < 1; along the interval trajectory from p_0, "
            "G(p_t+1) - G(p_t) >= KL(p_t+1 || p_t) until the interval width stops resolving it, and the "
            "distance bound ||p_t - p*||^2 <= 2 (G(p*) - G(p_t))/((1 - lam) min_S p_ref). The strategy mixes "
            "random setups (m = 2, 3) with the targeted two-peak ones. Not covered: p_0 charging atoms y outside "
            "S: the limit is not p* when lam W*(y) > 1 (the control without the support premise) and is left "
            "undecided otherwise.",
    derivation="derive_mixing_several_rewards",
    instance=check_mixing_several_rewards,
    strategy=drawn("several_mixing_landscapes", module=STRATEGIES_MIXING),
    screen=ascent_kl_screen(),
).with_controls(
    plant("weighted-average", "p* is the m = 1 fixed point for the weighted-average reward sum_i q_i e^{r_i}",
          fixed_point=fixed_point_weighted_average),
    plant("rate-lam", "the local rate at p* is at most lam (the curated share alone)", rate=rate_bound_lam),
    _without_support_premise((SEVERAL, LAM, EXACT_SEVERAL),
                             drawn("outside_mixing_landscapes", min_rewards=2, max_rewards=3, module=STRATEGIES_MIXING)),
)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((260, MIXING_FLOOR), (270, FIXED_POINT), (280, SEVERAL_REWARDS))
