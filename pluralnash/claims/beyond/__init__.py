r"""Claims beyond the paper's statements; the registry registers it from ``TABLE``.

- ``collapse-criterion``: an exact first-order test of whether the large-K limit is a point mass in
  reward space, verified against certified runs of the dynamics;
- ``finite-k-limit``: the distance between the finite-K and the large-K limits is v/K + o(1/K), with
  v derived exactly;
- ``plateau-exact``: the exact plateau limit a_∞(q, Δ_1, Δ_2) and the exact non-collapse window.

The family: the conclusion checks and the premises they need in :mod:`~pluralnash.claims.beyond.checks`,
the planted forms in :mod:`~pluralnash.claims.beyond.planted`; the machinery they run on in
:mod:`pluralnash.numeric.engines.collapse` and the engines :mod:`pluralnash.numeric.engines.point_mass` and
:mod:`pluralnash.numeric.engines.finite_k_expansion`.
"""

from __future__ import annotations

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import STRATEGIES_BEYOND, Family, certified, drawn, plant
from pluralnash.claims.beyond.checks import (
    check_collapse_criterion,
    check_exact_interior_limit,
    check_finite_k_limit,
    check_nondegenerate_collapse,
    check_plateau_exact,
    check_plateau_no_outside,
)
from pluralnash.claims.beyond.planted import (
    plateau_limit_hard,
    plateau_limit_lemma_lower,
    plateau_window_paper,
    predict_collapse_never_plural,
    predict_collapse_scalarised,
    predict_collapse_unqualified,
    rate_inverse_sqrt,
    rate_inverse_square,
    rate_jensen,
)
from pluralnash.claims.beyond.plateau_screen import plateau_limit_screen
from pluralnash.claims.beyond.screen import collapse_screen

SIMPLEX = Premise("model", "q on the simplex, p_0 a distribution, w_i > 0 (validated when the setup is read)")
THEORY_BEYOND = "pluralnash.theory._beyond"
# large K; each derivation of theory._beyond is partial evidence
BEYOND = Family(("large-k",), THEORY_BEYOND)


# ----------------------------------------------------------------------------------------------
# collapse-criterion


NONDEGENERATE = Premise(
    "non-degenerate", "no exact tie W_{delta_g}(y) = 1 at a point mass meeting the first-order conditions "
    "(with ties the maximiser may not be unique, and a run cannot certify the slow convergence)",
    check_nondegenerate_collapse)

COLLAPSE = BEYOND.claim(
    id="collapse-criterion",
    source="pluralnash (this toolkit); cf. [FALA26] Eq. 5, Theorem 3.7",
    statement="For a finite landscape and p_0, the large-K limit is a point mass in reward space, p_t -> "
              "p_0(. | g) for the atoms g sharing one reward vector, iff W_{delta_g}(y) = Σ_i q_i w_i(y)/w_i(g) <= 1 "
              "for every y in supp(p_0) and delta_g is the unique maximiser of F (no distribution on the ties "
              "{y : W_{delta_g}(y) = 1} has mean reward vector w(g)). The point mass may be a compromise atom that "
              "no single reward prefers.",
    premises=(SIMPLEX, NONDEGENERATE),
    conclusion="the limit collapses onto g exactly when the exact test names g, and does not collapse when it "
               "names no group",
    reading="The test is decided exactly (rational exp_rewards) or by intervals. Symbolic: the KKT conditions at a "
            "point mass, necessity (one-sided derivative W - 1), sufficiency (concavity), the tie construction "
            "showing that W <= 1 alone is not enough; convergence of the dynamics to argmax F is cited (Cover "
            "1984), so the certificate is partial. Instance: the prediction is compared with certified facts "
            "from an interval-arithmetic run of the dynamics that never uses the test: a trap region around a "
            "point mass, exclusions F(p_t) > F(delta_g), repelling neighbourhoods, or p_0 being an exact fixed "
            "point. Setups with exact ties are excluded by the premise (they converge sublinearly).",
    derivation="derive_collapse_criterion",
    instance=check_collapse_criterion,
    strategy=drawn("collapse_landscapes", module=STRATEGIES_BEYOND),
    screen=collapse_screen(),
).with_controls(
    plant("scalarised", "the limit collapses onto argmax_x Σ_i q_i r_i(x) (the single-reward theorem "
                        "applied to the averaged reward)", predict=predict_collapse_scalarised),
    plant("never-plural", "with m >= 2 rewards the limit never collapses", predict=predict_collapse_never_plural),
    Variant("no-uniqueness", "the limit is delta_g iff W_{delta_g} <= 1 on supp(p_0), without the "
                             "uniqueness condition (the unqualified form)",
            premises=(SIMPLEX,), symbolic=certified("certify_collapse_without_uniqueness", module=THEORY_BEYOND),
            check_keywords={"predict": predict_collapse_unqualified}),
)


# ----------------------------------------------------------------------------------------------
# finite-k-limit


INTERIOR = Premise("interior limit", "rational exp_rewards; the large-K limit p* is exact, unique, charges >= 2 reward "
                                     "vectors, and W* < 1 strictly off its support", check_exact_interior_limit)

FINITE_K = BEYOND.claim(
    id="finite-k-limit",
    source="pluralnash (this toolkit); cf. [FALA26] Lemma 3.1, Lemma 3.2",
    statement="Let p* be the large-K limit and p^K the fixed point of the finite-K map p -> p Σ_i q_i H^{K,r_i}_p "
              "continuing it. Then p^K = p* + v/K + o(1/K) with v = -J^{-1} b, J(x,y) = -Σ_i q_i w_i(x) w_i(y)/Z_i*^2 "
              "and b(x) = Σ_i q_i (w_i(x)/Z_i*)(1 - w_i(x)/Z_i* + Var_{p*}[w_i]/Z_i*^2) on the support; so "
              "TV(p^K, p*) ~ C/K with C = ||v||_1 / 2, exactly computable.",
    premises=(SIMPLEX, INTERIOR),
    conclusion="K TV(p^K, p*) -> C = ||v||_1 / 2: the finite-K limit approaches the large-K one at rate exactly 1/K",
    reading="Symbolic (partial): H^K_p(x) = (w/mu)(1 + c(x)/K) + O(K^(-3/2)) with an explicit remainder, the coefficient "
            "cross-checked by a Laplace expansion; the implicit-function step to the fixed point is cited. Instance: v "
            "and C exactly; the exact residual at K = 16 inside its certified remainder bound; then p^K measured at 30 "
            "digits for K = 8, 16, 32, 64 (H by exact-law enumeration in mpmath) and C estimated by Richardson "
            "extrapolation. The measurement is evidence (mp-point), so HOLDS is not certified; a planted rate that "
            "contradicts the exact derivation, with the measurement siding with the derivation, is a certified FAILS. "
            "For a collapsed limit (a point mass) b = 0 and the point mass is a fixed point for every K; the claim "
            "covers interior limits.",
    derivation="derive_finite_k_expansion",
    instance=check_finite_k_limit,
    strategy=drawn("interior_limit_landscapes", module=STRATEGIES_BEYOND),
).with_controls(
    plant("rate-1/K^2", "TV(p^K, p*) ~ C/K^2 (second order: the finite-K limit is O(1/K^2) close)",
          rate=rate_inverse_square),
    plant("rate-1/sqrt(K)", "TV(p^K, p*) ~ C/sqrt(K) (a CLT-like rate)", rate=rate_inverse_sqrt),
    plant("jensen-constant", "TV(p^K, p*) ~ C_J/K with C_J from the Jensen bound (no variance term in b)",
          rate=rate_jensen),
)


# ----------------------------------------------------------------------------------------------
# plateau-exact


PLATEAU_NO_OUTSIDE = Premise("B.6, no outside mass", "m = 2, disjoint plateau basins with p_0 mass on both and none "
                                                     "outside; exp_rewards and exp_eps (exact k_i, kappa_i)",
                             check_plateau_no_outside)

PLATEAU = BEYOND.claim(
    id="plateau-exact",
    source="pluralnash (this toolkit); cf. [FALA26] Prop. 3.4, Lemma 3.4, Lemma 3.5 (B.6)",
    statement="In the plateau model (B.6) with no outside mass, large K, from any p_0 charging both basins: "
              "a_t -> a_inf = clamp(a*, 0, 1), a* = q/(1 - e^{-Delta_2}) - (1 - q)/(e^{Delta_1} - 1); the limit is "
              "interior iff q in (q_lo, q_hi) = (k_1(1-k_2)/(1-k_1 k_2), (1-k_2)/(1-k_1 k_2)), k_i = e^{-Delta_i}. "
              "This window contains the paper's sufficient window (kappa_1, 1 - kappa_2), kappa_i = e^{-(Delta_i - 2 eps)}, "
              "is never empty, and is wider by k_1 k_2 (2 - k_1 - k_2)/(1 - k_1 k_2) + (e^{2 eps} - 1)(k_1 + k_2).",
    premises=(SIMPLEX, PLATEAU_NO_OUTSIDE),
    conclusion="a_inf = clamp(a*, 0, 1) exactly, and a_inf in (0, 1) iff q_lo < q < q_hi",
    reading="Symbolic (partial): the plateau limit derivation of theory._plateau (fixed-point system, a*, the window, "
            "F concave, f increasing) and this toolkit's window comparison; monotone convergence is cited. Instance: "
            "the formula's a_inf and window against the dynamics of the setup: a certified interval run (trap around "
            "a basin, or both basins' point masses excluded), an exact fixed point of the landscape's basin-mass map "
            "with an invariant rational interval the run enters, and at exact ties (q = q_lo or q_hi) strict "
            "monotonicity of a_t from the exact signs of F'(0), F'(1).",
    derivation="certify_plateau_window",
    instance=check_plateau_exact,
    strategy=drawn("plateau_window_landscapes", module=STRATEGIES_BEYOND),
    screen=plateau_limit_screen(),
).with_controls(
    plant("hard-separation-value", "a_inf = q at finite gaps (the hard-separation limit)", limit=plateau_limit_hard),
    plant("lemma-3.4-value", "a_inf = max{0, (q - kappa_1)/(1 - kappa_1)} (Lemma 3.4's lower end)",
          limit=plateau_limit_lemma_lower),
    plant("paper-window-exact", "the limit is interior iff q in (kappa_1, 1 - kappa_2)", window=plateau_window_paper),
)



# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((230, COLLAPSE), (240, PLATEAU), (250, FINITE_K))
