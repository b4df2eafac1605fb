r"""Claims of [FALA26] §3 about basin masses (listed in ``TABLE`` for the registry).

``lemma-3.3`` (main text, premises Assumption 2.1(i, iii)), ``lemma-3.3-appendix`` (premise B.4),
``lemma-3.4`` (leakage interval) and ``lemma-3.5`` (uniform non-collapse), each with planted false
variants (controls) that the same routes must report FALSIFIED.  Premises are the predicates of
:mod:`pluralnash.numeric.premises`, conclusions the checks of
:mod:`pluralnash.claims.basins.checks`, planted formulas those of :mod:`pluralnash.claims.basins.planted`,
certificates those of :mod:`pluralnash.theory._basins`.
"""

from __future__ import annotations

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import STRATEGIES_BASINS, Family, certified, drawn, either, exact_and_not, plant
from pluralnash.numeric.premises.basin_premises import (
    check_assumption_2_1_i,
    check_assumption_2_1_ii,
    check_assumption_2_1_iii,
    check_assumption_b2,
    check_assumption_b3,
    check_kappa_below_one,
    check_q_in_leakage_range,
)
from pluralnash.numeric.premises.run_premises import check_assumption_b4, check_outside_mass_vanishes
from pluralnash.claims.basins.checks import check_lemma_3_3, check_lemma_3_4, check_lemma_3_5
from pluralnash.claims.basins.planted import nash_point, reversed_lower, rho_squared
from pluralnash.claims.basins.screen import decay_screen, leakage_screen
from pluralnash.theory import CheckResult, Verdict

# ----------------------------------------------------------------------------------------------
# premises

def _large_k(landscape) -> CheckResult:
    """The statements are about the large-K map; the toolkit always evaluates that map."""
    ev = {"map": "p_{t+1} = p_t W_t (Eq. 5)"}
    if getattr(landscape, "K", None) is not None:
        ev["K_in_setup"] = landscape.K
        ev["note"] = "the setup's K is ignored: these statements are about the large-K regime"
    return CheckResult("large-K regime", Verdict.HOLDS, "exact", ev)


LARGE_K = Premise("large-K regime", "p_{t+1} = p_t W_t ([FALA26] Eq. 5); a setup with K or reference data is refused",
                  _large_k)
A21_I = Premise("Assumption 2.1(i)", "bounded rewards r_i(x) in [L_i, U_i] (the sharpest L_i, U_i are reported)",
                check_assumption_2_1_i)
A21_II = Premise("Assumption 2.1(ii)", "S_1 ∩ S_2 = ∅, p_0(S_1) > 0, p_0(S_2) > 0", check_assumption_2_1_ii)
A21_III = Premise("Assumption 2.1(iii)",
                  "leakage gaps: delta, Delta_1, Delta_2 > 0 (delta_{i,eps}/delta_{c,eps} read as one delta); "
                  "the sharpest constants are measured", check_assumption_2_1_iii)
B2 = Premise("Assumption B.2", "p_0(S_1) > 0 and p_0(S_2) > 0 (a standing assumption of the appendix)",
             check_assumption_b2)
B3 = Premise("Assumption B.3", "S_1 ∩ S_2 = ∅ (a standing assumption of the appendix)", check_assumption_b3)
B4 = Premise("Assumption B.4",
             "sup_{x outside S_eps} W_t(x) <= rho_eps < 1 for every t >= 0 (decided over a certified run and a "
             "certified tail bound for all later t)", check_assumption_b4)
M_TO_0 = Premise("m_t -> 0", "the outside mass vanishes (decided from the certified large-K limit's support)",
                 check_outside_mass_vanishes)
KAPPA = Premise("kappa_i < 1", "the sharpest leakage factors kappa_i = e^{-(Delta_i - 2 eps)} are below 1 "
                "(the toolkit's reading: the interval's formulas are defined only there)", check_kappa_below_one)
THEORY_BASINS = "pluralnash.theory._basins"
# large K; the derivations of theory._basins, each computed once per process
BASINS = Family(("large-k",), THEORY_BASINS, cache=True)
# the premises of [FALA26] Lemmas 3.4 and 3.5 in the main text: Assumption 2.1 and m_t -> 0
ASSUMPTION_2_1_M_TO_0 = (LARGE_K, A21_I, A21_II, A21_III, M_TO_0)
Q_RANGE = Premise("q in (kappa_1, 1 - kappa_2)", "with the sharpest kappa_i (the widest range)",
                  check_q_in_leakage_range)


# the planted variants that the readings of Lemmas 3.4 and 3.5 share, each given to the reading's own check
NASH_POINT = plant("nash-point", "wrong endpoints: the interval collapses to the Nash point {q}", interval=nash_point)
REVERSED_LOWER = plant("reversed-lower", "reversed inequality: limsup a_t <= max{0, (q - kappa_1)/(1 - kappa_1)}",
                       interval=reversed_lower)
FROM_START = plant("from-start", "wrong constants: c_eps = 0 and t_0 = 0 (the interval holds from the start)",
                   from_start=True)


def _two_basin(**kwargs):
    """Two-basin landscapes with these bounds, exact (rational) and not, built on call."""
    return either(*exact_and_not("two_basin_landscapes", **kwargs))


_NON_COLLAPSE_STRATEGY = either(*exact_and_not("non_collapse_landscapes", module=STRATEGIES_BASINS))


# ----------------------------------------------------------------------------------------------
# Lemma 3.3, main text


_DECAY_STRATEGY = _two_basin(min_outside_atoms=1, max_outside_atoms=2)


_DECIDED_HOW = (
    "Clauses decided in order: (1) the decay over a certified run of the large-K dynamics (exact rational "
    "steps while short, then mpmath.iv intervals), extended to every later t by a certified tail bound on "
    "W_t off S_eps (F ascends; F* - F(p_T) <= max W_T - 1; strong concavity of F in Z); (2) m_t -> 0 and "
    "(3) a_t + b_t -> 1 from the certified large-K limit p* = lim p_t (the maximiser of F, the nash-limit "
    "claim), m_t -> p*(X minus S_eps). 'a_t + b_t -> 1' is read literally: a_t + b_t = 1 - m_t + p_t(S_1 ∩ S_2), "
    "so an atom in both basins counts twice. A setup with K or reference data is refused (large-K regime)."
)

LEMMA_3_3 = BASINS.claim(
    id="lemma-3.3",
    source="[FALA26] Lemma 3.3, main text (decay outside epsilon-optimal basins)",
    statement="Fix eps > 0, large-K regime. Under Assumption 2.1(i, iii) there is rho_eps in (0, 1) with "
              "m_{t+1} <= rho_eps m_t for all t; hence m_t <= rho_eps^t m_0 -> 0 and a_t + b_t -> 1.",
    premises=(LARGE_K, A21_I, A21_III),
    conclusion="exists rho < 1 for all t: m_{t+1} <= rho m_t; m_t -> 0; a_t + b_t -> 1",
    reading="Quantifiers read literally: for every landscape satisfying 2.1(i, iii) and every p_0 there is "
            "rho_eps < 1 with m_{t+1} <= rho_eps m_t for EVERY t >= 0, so one certified step with "
            "m_{t+1} >= m_t > 0 falsifies it. Constants: delta_{i,eps}/delta_{c,eps} read as one delta; the "
            "premises are checked with the sharpest delta, Delta_i (any valid constants must make the conclusion "
            "true). 2.1(ii) is not a premise of this form; the conclusion's evidence also reports it, and the "
            "search draws setups satisfying it, so a counterexample holds under the whole of Assumption 2.1. "
            + _DECIDED_HOW + " Symbolic: the B.4 induction is certified, but '2.1(i, iii) => B.4' is not derived "
            "(2.1(iii) bounds w_i off S_eps, not Z_i(t) from below), so the verdict rests on the instance route.",
    symbolic=certified("certify_lemma_3_3", "main", module=THEORY_BASINS, cache=True), symbolic_covers=False,
    instance=check_lemma_3_3,
    strategy=_DECAY_STRATEGY,
    screen=decay_screen(),
).with_controls(
    plant("never-decays", "reversed inequality: m_{t+1} >= m_t for every t", reverse=True),
    plant("outside-collapse", "wrong endpoint: m_t -> 1 instead of 0", outside_limit=1),
)


# ----------------------------------------------------------------------------------------------
# Lemma B.4 (appendix form of Lemma 3.3)


_EXACT_TWO_BASINS = drawn("two_basin_landscapes", min_outside_atoms=0, max_outside_atoms=2, exact=True)
_LOG_TWO_BASINS = drawn("two_basin_landscapes", min_outside_atoms=1, max_outside_atoms=2, exact=False)
_APPENDIX_STRATEGY = either(
    _EXACT_TWO_BASINS, *exact_and_not("overlapping_basin_landscapes", module=STRATEGIES_BASINS), _LOG_TWO_BASINS)
_DISJOINT_APPENDIX_STRATEGY = either(_EXACT_TWO_BASINS, _LOG_TWO_BASINS)


LEMMA_3_3_APPENDIX = BASINS.claim(
    id="lemma-3.3-appendix",
    source="[FALA26] Lemma B.4, appendix form of Lemma 3.3 (premise B.4)",
    statement="Fix eps > 0, large-K regime. Under Assumption B.4 (outside domination) there is rho_eps in (0, 1) "
              "with m_{t+1} <= rho_eps m_t for all t; hence m_t <= rho_eps^t m_0 -> 0 and a_t + b_t -> 1.",
    premises=(LARGE_K, B2, B3, B4),
    conclusion="exists rho < 1 for all t: m_{t+1} <= rho m_t; m_t -> 0; a_t + b_t -> 1",
    reading="'B.4 in place of 2.1(i, iii)', under the appendix's standing assumptions B.1-B.3 (B.1 holds on "
            "every finite landscape; B.2 and B.3 are premises). Read without B.3 the last clause fails on "
            "overlapping basins (a_t + b_t counts S_1 ∩ S_2 twice): that reading is the planted control "
            "~overlapping-basins, reported FALSIFIED. B.4 speaks about all t: it is decided over a certified run "
            "plus a certified tail bound, and reported UNDECIDED when the tail cannot be certified. Quantifiers "
            "as in lemma-3.3. " + _DECIDED_HOW + " Symbolic: B.4 => m_{t+1} <= rho m_t => m_t <= rho^t m_0 -> 0 "
            "(sympy induction) and a_t + b_t = 1 - m_t + p_t(S_1 ∩ S_2) = 1 - m_t under B.3; the final squeeze "
            "is cited.",
    symbolic=certified("certify_lemma_3_3", "appendix", module=THEORY_BASINS, cache=True),
    symbolic_covers=True,
    cites=("mathematical induction", "squeeze theorem"),
    instance=check_lemma_3_3,
    strategy=_DISJOINT_APPENDIX_STRATEGY,
    screen=decay_screen(b4=True),
).with_controls(
    Variant("overlapping-basins", "dropped premise B.3: basins may overlap",
            premises=(LARGE_K, B4), strategy=_APPENDIX_STRATEGY),
    Variant("main-text-premises", "dropped premise: Assumption 2.1(i, iii) in place of B.4",
            premises=(LARGE_K, A21_I, A21_II, A21_III), strategy=_DECAY_STRATEGY,
            screen=decay_screen()),
    Variant("rate-squared", "wrong constant: m_{t+1} <= rho_eps^2 m_t for a valid B.4 constant rho_eps",
            strategy=_DECAY_STRATEGY, check_keywords={"rate": rho_squared}),
)


# ----------------------------------------------------------------------------------------------
# Lemma 3.4: leakage interval


def _leakage_strategy(min_gap: int = 2):
    return _two_basin(min_gap=min_gap, max_outside_atoms=1)


LEMMA_3_4 = BASINS.claim(
    id="lemma-3.4",
    source="[FALA26] Lemma 3.4 / B.5 (leakage interval), main-text Delta_i with kappa_i < 1 added",
    statement="Under Assumption 2.1 with m_t -> 0: max{0, (q - kappa_1)/(1 - kappa_1)} <= liminf a_t <= "
              "limsup a_t <= min{1, q/(1 - kappa_2)}, kappa_i = e^{-(Delta_i - 2 eps)}.",
    premises=(*ASSUMPTION_2_1_M_TO_0, KAPPA),
    conclusion="a_inf in [max{0, (q-kappa_1)/(1-kappa_1)}, min{1, q/(1-kappa_2)}]",
    reading="The toolkit's repaired reading: lemma-3.4-as-stated drops the premise kappa_i < 1 and "
            "lemma-3.4-appendix uses the B.5 constants instead. The exact wording is not available. kappa_i use "
            "the main text's (2.1(iii)) sharpest Delta_i (the narrowest interval; any "
            "valid Delta_i must work). The interval is read for leakage factors kappa_i < 1: at kappa_i = 1 its "
            "ends have a pole and for kappa_i > 1 they leave [0, 1] (the lower end exceeds 1), so kappa_i < 1 "
            "is a stated premise here; the control ~kappa-unrestricted drops it and is FALSIFIED. m_t -> 0 is "
            "decided from the certified limit's support; then a_t -> a* = p*(S_1) and both ends are decided by "
            "comparing a* with the interval exactly or by intervals. Symbolic (partial): the tilted mass bound, the "
            "S_1 update, fixed points, sign and monotonicity of the bound maps; the passage from the one-step "
            "bound to liminf is cited.",
    derivation="derive_leakage_interval",
    instance=check_lemma_3_4,
    strategy=_leakage_strategy(2),
    screen=leakage_screen(),
).with_controls(
    NASH_POINT,
    REVERSED_LOWER,
    Variant("kappa-unrestricted", "dropped premise kappa_i < 1 (Delta_i <= 2 eps allowed)",
            premises=ASSUMPTION_2_1_M_TO_0, check_keywords={"kappa_below_one": False}, strategy=_leakage_strategy(1)),
)


# ----------------------------------------------------------------------------------------------
# Lemma 3.5: uniform non-collapse




LEMMA_3_5 = BASINS.claim(
    id="lemma-3.5",
    source="[FALA26] Lemma 3.5 / B.6 (uniform non-collapse under bounded leakage)",
    statement="Fix eps > 0, large K. Assume 2.1 and m_t -> 0, and q in (kappa_1, 1 - kappa_2). Then there are "
              "c_eps > 0 and t_0 with max{0,(q-kappa_1)/(1-kappa_1)} - c_eps m_t <= a_t <= "
              "min{1, q/(1-kappa_2)} + c_eps m_t for t >= t_0; in particular there is eta > 0 with "
              "eta <= a_t <= 1 - eta for all t >= t_0.",
    premises=(*ASSUMPTION_2_1_M_TO_0, Q_RANGE),
    conclusion="exists c, t_0, eta > 0: the interval holds up to c m_t and eta <= a_t <= 1 - eta for t >= t_0",
    reading="As stated in the main text: Delta_i of 2.1(iii) and only the paper's premises (q in (kappa_1, "
            "1 - kappa_2) already forces kappa_i < 1, so no premise is added); lemma-3.5-appendix reads it with "
            "the B.5 constants. kappa_i use the sharpest Delta_i (the widest premise range and the narrowest interval). With a_t -> a* "
            "and m_t -> 0 (both from the certified limit), c_eps and t_0 exist exactly when a* lies strictly inside "
            "the interval (any c_eps > 0 then works), and eta exists exactly when 0 < a* < 1 (eta = min(a*, 1-a*)/2); "
            "a* outside the interval, or at 0 or 1, falsifies it; a* exactly on an end is left undecided. The "
            "existence of t_0 uses the convergence p_t -> p* (nash-limit). Symbolic (partial): positivity of the "
            "margin for every q in (kappa_1, 1 - kappa_2); Lemma 3.4's interval itself is cited.",
    derivation="derive_non_collapse_margin",
    instance=check_lemma_3_5,
    strategy=_NON_COLLAPSE_STRATEGY,
    screen=leakage_screen(non_collapse=True),
).with_controls(
    FROM_START,
    Variant("dropped-q-range", "dropped premise q in (kappa_1, 1 - kappa_2)",
            premises=(*ASSUMPTION_2_1_M_TO_0, KAPPA), check_keywords={"q_range": False},
            strategy=either(*exact_and_not("non_collapse_landscapes", q_in_range=False, module=STRATEGIES_BASINS))),
)


# (place in the verdict table, claim): the registry registers these (see pluralnash.claims.FAMILIES)
TABLE = ((30, LEMMA_3_3), (40, LEMMA_3_3_APPENDIX), (80, LEMMA_3_4), (110, LEMMA_3_5))
