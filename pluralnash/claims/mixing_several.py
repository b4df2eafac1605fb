"""Reference-data mixing with several rewards (m >= 2): the fixed point is unique, locally stable, and
the limit from every p_0 on supp p_ref; decided with a potential (symbolic) and certified enclosures."""

from __future__ import annotations

from pluralnash._registry import Claim, Premise, Variant, register
from pluralnash.claims.core.checks import check_exact_rewards
from pluralnash.claims._mixing_checks import (
    check_lam_below_one,
    check_mixing_several_rewards,
    check_several_rewards,
    check_support_in_reference,
    fixed_point_weighted_average,
    rate_bound_lam,
)


def _symbolic():
    from pluralnash.theory._mixing import derive_mixing_several_rewards

    return derive_mixing_several_rewards().certify()


def _strategy():
    from pluralnash.properties._strategies_mixing import several_mixing_landscapes

    return several_mixing_landscapes()


def _outside_strategy():
    from pluralnash.properties._strategies_mixing import outside_mixing_landscapes

    return outside_mixing_landscapes(min_rewards=2, max_rewards=3)


SEVERAL = Premise("several rewards", "m >= 2 rewards with weights q on the simplex", check_several_rewards)
LAM = Premise("mixing, lam < 1", "reference p_ref given and lam in [0, 1)", check_lam_below_one)
SUPPORT = Premise("support", "supp p_0 within supp p_ref", check_support_in_reference)
EXACT = Premise("exact rewards", "exp_rewards rational, so every enclosure starts from exact data", check_exact_rewards)

SEVERAL_REWARDS = Claim(
    id="mixing-several-rewards",
    models=("mixing",),
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
    premises=(SEVERAL, LAM, SUPPORT, EXACT),
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
    symbolic=_symbolic,
    symbolic_covers=False,
    instance=lambda L: check_mixing_several_rewards(L),
    strategy=_strategy,
).with_controls(
    Variant("weighted-average", "p* is the m = 1 fixed point for the weighted-average reward sum_i q_i e^{r_i}",
            instance=lambda L: check_mixing_several_rewards(L, fixed_point=fixed_point_weighted_average)),
    Variant("rate-lam", "the local rate at p* is at most lam (the curated share alone)",
            instance=lambda L: check_mixing_several_rewards(L, rate=rate_bound_lam)),
    Variant("no-support-premise", "p_t -> p* from every p_0 (the premise supp p_0 within supp p_ref dropped)",
            premises=(SEVERAL, LAM, EXACT), strategy=_outside_strategy),
)

register(SEVERAL_REWARDS)

# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((280, SEVERAL_REWARDS),)
