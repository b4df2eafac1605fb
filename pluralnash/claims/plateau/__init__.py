r"""Claims of [FALA26] §3 about plateau basins, variance and the Nash limit (the registry registers them from ``TABLE``):
``prop-3.4``, ``theorem-3.6``, ``corollary-3.8``, each with planted false variants.

The family: the premises' checks in :mod:`~pluralnash.numeric.premises.plateau_premises`, the conclusion checks in
:mod:`~pluralnash.claims.plateau.checks`, the planted forms in :mod:`~pluralnash.claims.plateau.planted`.
"""

from __future__ import annotations

from functools import lru_cache

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import STRATEGIES_PLATEAU, Family, drawn
from pluralnash.claims.beyond.plateau_screen import hard_separation_screen
from pluralnash.claims.core.checks import check_exact_rewards, check_two_basin_utilities
from pluralnash.claims.plateau.checks import check_corollary_3_8, check_prop_3_4, check_theorem_3_6
from pluralnash.claims.plateau.planted import _bound_coefficient_one, _bound_no_eps, _half, _one_minus_q
from pluralnash.claims.plateau.screen import variance_screen
from pluralnash.numeric.premises import (
    check_b5, check_limit_keeps_both_basins, check_limit_no_outside_mass, check_outside_domination_hard_limit,
    check_plateau, check_two_basins,
)
from pluralnash.theory import CheckResult

# ----------------------------------------------------------------------------------------------
# premises

# the dynamics of these statements: large K (each symbolic route combines certificates: _symbolic below)
PLATEAU_FAMILY = Family(("large-k",))

EXACT = Premise("exact rewards", "w_i = e^{r_i} given as rationals (exp_rewards), so the routes are exact",
                check_exact_rewards)
TWO_BASINS = Premise("B.2, B.3", "m = 2 rewards, S_{1,eps} and S_{2,eps} disjoint, p_0(S_{i,eps}) > 0",
                     check_two_basins)
PLATEAU = Premise("B.6", "plateau basins: r_1 = U_1, r_2 = U_2 - Delta_2 on S_{1,eps}; r_1 = U_1 - Delta_1, "
                         "r_2 = U_2 on S_{2,eps}", check_plateau)
HARD_DOMINATION = Premise(
    "m_t -> 0 along the hard-separation family",
    "every outside atom of supp p_0 has rho_1 + rho_2 < 1 (rho_i = e^{r_i - r_i*}): B.4 at t -> inf, Delta_i -> inf",
    check_outside_domination_hard_limit)
# plateau basins (B.6, with the standing B.2, B.3) on rational rewards
B6_EXACT = (TWO_BASINS, PLATEAU, EXACT)
M_TO_ZERO = Premise("m_t -> 0", "the outside mass vanishes (Theorem 3.6's 'Theorem 3.3', read as Lemma 3.3 / B.4): "
                                "decided from the certified support of the large-K limit", check_limit_no_outside_mass)
INTERIOR = Premise("a_inf in (0, 1)", "the limit keeps mass on both basins", check_limit_keeps_both_basins)
B5 = Premise("B.5", "cross-basin separation, with the sharpest Delta_i measured", check_b5)
NASH_PREMISES = Premise("Theorem 3.7 premises", "u_1(P_1) > u_1(P_2) and u_2(P_2) > u_2(P_1)",
                        check_two_basin_utilities)

# the hard-separation plateau setups, without and with compromise atoms outside the basins
HARD_SEPARATION = drawn("plateau_hard_separation_landscapes", module=STRATEGIES_PLATEAU)
HARD_SEPARATION_COMPROMISE = drawn("plateau_hard_separation_landscapes", compromise=True, module=STRATEGIES_PLATEAU)


def _without_outside_domination(premises: tuple) -> Variant:
    """The control dropping 'm_t -> 0 along the hard-separation family', searched where compromise atoms keep mass."""
    return Variant("no-outside-domination", "premise 'm_t -> 0 along the hard-separation family' dropped",
                   premises=premises, strategy=HARD_SEPARATION_COMPROMISE)


@lru_cache(maxsize=None)
def _combined(name: str, parts: tuple[str, ...]) -> CheckResult:
    """AND of named symbolic certificates (cached: sympy is slow and the results never change)."""
    from pluralnash.theory._certify import combine_results
    from pluralnash.theory._nash import certify_nash_maximiser, derive_nash_product
    from pluralnash.theory import (
        certify_plateau_endpoint,
        certify_plateau_limit,
        certify_variance_bound,
        derive_plateau_recursion,
        derive_total_variance,
    )

    makers = {
        "recursion": lambda: derive_plateau_recursion().certify(),
        "limit": certify_plateau_limit,
        "nash": lambda: derive_nash_product().certify(),
        "variance": lambda: derive_total_variance().certify(),
    }
    results = []
    for part in parts:
        kind, _, arg = part.partition(":")
        if kind in makers:
            results.append(makers[kind]())
        elif kind == "endpoint":
            results.append(certify_plateau_endpoint(arg))
        elif kind == "finite-endpoint":
            results.append(certify_plateau_endpoint(arg, finite_gap=True))
        elif kind == "nash-max":
            results.append(certify_nash_maximiser(arg))
        elif kind == "variance-bound":
            results.append(certify_variance_bound(arg))
        else:
            raise ValueError(f"unknown certificate part {part!r}")
    return combine_results(name, results)


def _symbolic(name: str, *parts: str):
    def run() -> CheckResult:
        return _combined(name, parts)
    return run


def _planted(suffix: str, text: str, certificate: tuple[str, ...], **formula) -> Variant:
    """A control with its own symbolic route (``_symbolic(*certificate)``, the planted statement's certificate,
    which must fail) and the planted ``formula`` given to the claim's own conclusion check."""
    return Variant(suffix, text, symbolic=_symbolic(*certificate), check_keywords=formula)


# ----------------------------------------------------------------------------------------------
# Proposition 3.4


PROP_3_4 = PLATEAU_FAMILY.claim(
    id="prop-3.4",
    source="[FALA26] Proposition 3.4 / B.3 (plateau idealisation, Assumption B.6), with m_t -> 0 along the "
           "family added",
    statement="Under plateau basins (B.6), the basin conditionals p_t(.|S_{i,eps}) stay equal to "
              "P_i = p_0(.|S_{i,eps}) for every t, and in the hard-separation limit the large-K dynamics reach "
              "p_q = q P_1 + (1-q) P_2.",
    premises=(*B6_EXACT, HARD_DOMINATION),
    conclusion="p_t(.|S_i) = P_i for all t, and lim_{Delta->inf} lim_{t->inf} p_t = p_q",
    reading="The toolkit's reading with an added premise; prop-3.4-b6 reads it under B.6 alone, as stated. "
            "Exact wording not available. Large-K regime (a setup with K or reference data is refused). 'Hard-separation limit' is "
            "Delta_1, Delta_2 -> inf with q, P_1, P_2, eps and the outside atoms fixed (plateau cross values "
            "k_i = e^{-Delta_i} -> 0), taken after t -> inf. Finite gaps: the limit is a_inf = clamp(a*, 0, 1), "
            "a* = q + q k_2/(1-k_2) - (1-q) k_1/(1-k_1), interior iff q in (k_1(1-k_2)/(1-k_1k_2), "
            "(1-k_2)/(1-k_1k_2)); so p_inf = p_q only in the limit (or in symmetric cases). Outside atoms: the "
            "statement needs m_t -> 0 along the family, read as rho_1 + rho_2 < 1 on outside atoms (implied by B.4 "
            "holding uniformly along the family); without it a compromise atom keeps mass (see the "
            "~no-outside-domination control). Symbolic: the plateau recursion, the exact limit, its window, the "
            "monotone convergence of the basin-mass map with no outside atoms, and lim a* = q; with outside atoms "
            "the convergence to argmax F is cited (nash-limit), so the certificate is partial. Instance: "
            "conditionals exactly over 4 steps; the limit through the exact KKT conditions of the k = 0 problem "
            "(with a cited continuity argument), cross-checked against the solver along k_i/10^j.",
    symbolic=_symbolic("plateau recursion, exact plateau limit and its hard-separation limit q",
                       "recursion", "limit", "endpoint:q"), symbolic_covers=False,
    instance=check_prop_3_4,
    strategy=HARD_SEPARATION,
    screen=hard_separation_screen(),
).with_controls(
    _planted("finite-gap", "p_inf = p_q already at the setup's finite gaps (no hard-separation limit)",
             ("finite-gap plateau limit equals q", "finite-endpoint:q"), gap="finite"),
    _planted("endpoint-half", "the hard-separation limit is the even mixture p_(1/2)",
             ("hard-separation plateau limit equals 1/2", "endpoint:1/2"), endpoint=_half),
    Variant("no-plateau", "premise B.6 dropped: conditionals stay fixed on any two-basin landscape",
            premises=(TWO_BASINS, EXACT, HARD_DOMINATION),
            strategy=drawn("nonplateau_landscapes", module=STRATEGIES_PLATEAU)),
    _without_outside_domination(B6_EXACT),
)


# ----------------------------------------------------------------------------------------------
# Theorem 3.6


THEOREM_3_6 = PLATEAU_FAMILY.claim(
    id="theorem-3.6",
    source="[FALA26] Theorem 3.6 / B.6 (variance preservation)",
    statement="If a_inf in (0,1), then Var_{p_t}[r_i] -> Var_{p_inf}[r_i], Var_{p_inf}[r_i] contains the inter-basin "
              "term a_inf(1-a_inf)(mu_{i,1} - mu_{i,2})^2 with mu_{i,j} = E_{p_inf,j}[r_i], and under B.5 "
              "Var_{p_inf}[r_i] >= a_inf(1-a_inf) max{Delta_i - 2 eps, 0}^2.",
    premises=(TWO_BASINS, EXACT, M_TO_ZERO, INTERIOR, B5),
    conclusion="Var_{p_inf}[r_i] = a V_{i,1} + (1-a) V_{i,2} + a(1-a)(mu_{i,1}-mu_{i,2})^2 >= a(1-a) max{Delta_i-2eps,0}^2",
    reading="Large-K regime. p_inf is the limit of the dynamics (it exists and is solved exactly: the maximiser of F "
            "on supp p_0), a_inf = p_inf(S_1), p_{inf,j} its basin conditionals. The 'Theorem 3.3' the statement "
            "cites is read as Lemma 3.3 / B.4, i.e. its conclusion m_t -> 0 is a premise, decided from the certified "
            "support of p_inf (without it the bound fails: see ~no-outside-decay). 'Contains the inter-basin term' "
            "reads Var = within + inter with within >= 0. Delta_i are B.5's sharpest constants "
            "(Delta_2 = eps + min_{S_1}(r_2* - r_2)), which exceed 2 eps on disjoint basins. Var_{p_t} -> Var_{p_inf} "
            "follows from p_t -> p_inf because Var_p is a polynomial in p (cited). With two rewards the limit generically "
            "keeps one reward vector per basin, so the within-basin variances at p_inf vanish and Var_{p_inf} is the "
            "inter-basin term itself (the free V_j of the certificate cover the degenerate cases). Symbolic: the law of total "
            "variance with free within-basin variances and the bound for every two-basin mixture under B.5; "
            "instance: the same at p_inf on the setup, with intervals for the logarithms.",
    symbolic=_symbolic("law of total variance and the B.5 separation bound", "variance"),
    symbolic_covers=True,
    cites=("continuity of polynomial maps",),
    instance=check_theorem_3_6,
    strategy=drawn("variance_landscapes", module=STRATEGIES_PLATEAU),
    screen=variance_screen(),
).with_controls(
    _planted("coefficient-one", "bound max{Delta_i - 2 eps, 0}^2 without the factor a_inf(1 - a_inf)",
             ("bound without a(1-a)", "variance-bound:(Delta - 2*eps)**2"), bound=_bound_coefficient_one),
    _planted("no-eps-correction", "bound a_inf(1 - a_inf) Delta_i^2 (the 2 eps correction dropped)",
             ("bound a(1-a) Delta^2", "variance-bound:a*(1 - a)*Delta**2"), bound=_bound_no_eps),
    Variant("no-outside-decay", "premise m_t -> 0 dropped (a_inf in (0, 1) kept)",
            premises=(TWO_BASINS, EXACT, INTERIOR, B5),
            strategy=drawn("variance_landscapes", compromise=True, module=STRATEGIES_PLATEAU)),
)


# ----------------------------------------------------------------------------------------------
# Corollary 3.8


COROLLARY_3_8 = PLATEAU_FAMILY.claim(
    id="corollary-3.8",
    source="[FALA26] Corollary 3.8 / B.8, with m_t -> 0 along the family added",
    statement="In the plateau, hard-separation regime the limit of the retraining dynamics is the weighted Nash "
              "bargaining point p_{alpha*} of Theorem 3.7, alpha* = q.",
    premises=(*B6_EXACT, HARD_DOMINATION, NASH_PREMISES),
    conclusion="lim_{Delta->inf} lim_{t->inf} p_t = p_{alpha*}, alpha* = argmax_alpha N(alpha)",
    reading="The toolkit's reading with an added premise; corollary-3.8-b6 reads it under B.6 alone, as stated. "
            "Prop 3.4's hard-separation limit (same reading: Delta_i -> inf after t -> inf, with q, P_i, eps and "
            "outside atoms fixed; m_t -> 0 along the family as a premise) combined with Theorem 3.7. On a plateau "
            "u_1(P_1) - u_1(P_2) = Delta_1 and u_2(P_2) - u_2(P_1) = Delta_2, so the Nash point alpha* = q does not "
            "move along the family. At finite gaps the limit is a_inf != q in general (see ~finite-gap). Symbolic: "
            "the plateau limit's hard-separation value q and Theorem 3.7's maximiser q (partial, as for prop-3.4). "
            "Instance: Theorem 3.7's check decides alpha* on the setup, the k = 0 KKT check decides the limit.",
    symbolic=_symbolic("hard-separation plateau limit q equals the Nash maximiser q",
                       "limit", "endpoint:q", "nash"), symbolic_covers=False,
    instance=check_corollary_3_8,
    strategy=HARD_SEPARATION,
    screen=hard_separation_screen(),
).with_controls(
    _planted("finite-gap", "the limit is the Nash point already at the setup's finite gaps",
             ("finite-gap plateau limit equals the Nash point q", "finite-endpoint:q"), gap="finite"),
    _planted("weights-swapped", "the limit is the Nash point with the weights swapped, alpha* = 1 - q",
             ("limit and Nash point at 1 - q", "nash-max:1 - q", "endpoint:1 - q"), nash_point=_one_minus_q),
    _without_outside_domination((*B6_EXACT, NASH_PREMISES)),
)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((60, PROP_3_4), (130, THEOREM_3_6), (150, COROLLARY_3_8))
