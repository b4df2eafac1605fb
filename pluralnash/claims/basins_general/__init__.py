r"""The toolkit's m-basin statements: [FALA26] Lemmas 3.4 and 3.5 generalised to m >= 2 rewards,
and Lemmas 3.3-3.4 read at finite K (listed in ``TABLE`` for the registry).

``m-basin-interval`` (every basin's limit mass in its leakage interval),
``m-basin-non-collapse`` (no basin is lost, none takes everything), ``lemma-3.3-finite-k`` (the
finite-K decay factor) and ``lemma-3.4-finite-k`` (the finite-K basin bound map) and ``lemma-3.5-finite-k`` (non-collapse
at finite K), and ``lemma-3.4-at-k-2``, ``lemma-3.5-at-k-2`` (Lemmas 3.4 and 3.5 as stated, for the finite-K map:
FALSIFIED), each with planted
false variants that the same routes must report FALSIFIED.  Premises are the predicates of
:mod:`pluralnash.numeric.premises.basins_general`, conclusions the checks of
:mod:`pluralnash.claims.basins_general.checks`, planted intervals those of
:mod:`pluralnash.claims.basins_general.planted`, the certificates
:func:`pluralnash.theory._basins_general.derive_m_basin_interval` and
:func:`pluralnash.theory._finite_k_basins.derive_finite_k_basin_bounds`; the finite-K checks live in
:mod:`pluralnash.claims.basins_general.finite_k`.
"""

from __future__ import annotations

import importlib
from functools import partial

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import Family, drawn, either, plant
from pluralnash.claims.basins import A21_I, A21_II, A21_III, KAPPA, LARGE_K, Q_RANGE
from pluralnash.claims.basins_general.checks import check_m_basin_interval, check_m_basin_non_collapse
from pluralnash.claims.basins_general.finite_k import (
    check_finite_k_basin_step,
    check_finite_k_decay,
    check_finite_k_non_collapse,
    check_paper_interval_at_finite_k,
    check_paper_non_collapse_at_finite_k,
)
from pluralnash.claims.basins_general.planted import (
    index_shifted,
    jensen_factor,
    large_k_factor,
    large_k_step,
    no_leakage,
)
from pluralnash.claims.basins_general.finite_k_screen import finite_k_decay_screen, finite_k_step_screen
from pluralnash.claims.basins_general.screen import m_basin_screen
from pluralnash.numeric.premises.basins_general import (
    check_disjoint_basins,
    check_finite_k_exact,
    check_finite_k_range,
    check_kappas_below_one,
    check_limit_in_basins,
    check_no_outside_atom,
    check_outside_charged,
    check_weights_above_kappas,
)

STRATEGIES = "pluralnash.properties._strategies_basins_general"
THEORY = "pluralnash.theory._basins_general"
THEORY_FINITE_K = "pluralnash.theory._finite_k_basins"
# each derivation is partial evidence: of theory._basins_general for the large-K statements, of
# theory._finite_k_basins for the finite-K ones
M_BASINS = Family(("large-k",), THEORY, cache=True)
AT_FINITE_K = Family(("finite-k",), THEORY_FINITE_K, cache=True)

DISJOINT = Premise("disjoint basins", "S_1..S_m pairwise disjoint with p_0(S_i) > 0 (Assumption 2.1(ii) for m basins)",
                   check_disjoint_basins)
KAPPAS = Premise("kappa_i < 1", "every sharpest leakage factor kappa_i = e^{-(Delta_i - 2 eps)} is below 1, Delta_i the "
                 "main-text gap of r_i over the other basins", check_kappas_below_one)
M_TO_0 = Premise("m_t -> 0", "the outside mass vanishes (decided from the certified large-K limit's support)",
                 check_limit_in_basins)
Q_ABOVE = Premise("q_i > kappa_i", "every weight exceeds its leakage factor (for m = 2: q in (kappa_1, 1 - kappa_2))",
                  check_weights_above_kappas)
PREMISES = (LARGE_K, DISJOINT, KAPPAS, M_TO_0)


def _small_scope(name: str, **kwargs):
    """The small scope ``name`` of the strategies module, imported on call (declaring a claim loads no Hypothesis)."""
    def scope(bound: int):
        return getattr(importlib.import_module(STRATEGIES), name)(bound, **kwargs)
    return scope


def _strategy(**kwargs):
    return either(drawn("m_basin_landscapes", exact=True, module=STRATEGIES, **kwargs),
                  drawn("m_basin_landscapes", exact=False, module=STRATEGIES, **kwargs))


NO_LEAKAGE = plant("no-leakage", "the interval without its leakage term (kappa_i = 0): a_i* = q_i for every basin",
                   interval=no_leakage)


_DERIVED = ("Decided from the certified large-K limit p* = lim p_t (the nash-limit claim): a_{i,t} -> a_i* = p*(S_i), "
            "compared with both ends exactly (exp form) or by intervals of growing precision. kappa_i uses the sharpest "
            "main-text Delta_i (the narrowest interval; any valid Delta_i must work). Symbolic (partial): the basin step, "
            "the tilted mass bound, the fixed point and sign of the bound map, a_i* > 0 for q_i > kappa_i, the m = 2 "
            "upper end and the three-basin interval's non-emptiness; the first-order conditions of p* are cited.")

M_BASIN_INTERVAL = M_BASINS.claim(
    id="m-basin-interval",
    source="pluralnash (this toolkit); generalises [FALA26] Lemma 3.4 / B.5 to m rewards",
    statement="With m >= 2 rewards, disjoint basins S_1..S_m, kappa_i = e^{-(Delta_i - 2 eps)} < 1 and m_t -> 0: for "
              "every i, l_i <= liminf a_{i,t} <= limsup a_{i,t} <= 1 - sum_{j != i} l_j with "
              "l_i = max{0, (q_i - kappa_i)/(1 - kappa_i)}.",
    premises=(*PREMISES,),
    conclusion="a_i* in [l_i, 1 - sum_{j != i} l_j] for every basin i",
    reading="Delta_i is the main-text gap of r_i over every other basin (for m = 2 the gap of Assumption 2.1(iii)), so "
            "with m = 2 the statement is lemma-3.4 exactly. The upper end is the lower ends of the other basins "
            "subtracted from 1 (the basins are disjoint and m* = 0). " + _DERIVED,
    derivation="derive_m_basin_interval",
    instance=check_m_basin_interval,
    strategy=_strategy(),
    screen=m_basin_screen(),
    small_scope=_small_scope("m_basin_small_scope", q_above_kappa=False),
).with_controls(
    NO_LEAKAGE,
    plant("index-shifted", "basin i read with its neighbour's leakage factor kappa_{i+1} (indices mod m)",
          interval=index_shifted),
)

M_BASIN_NON_COLLAPSE = M_BASINS.claim(
    id="m-basin-non-collapse",
    source="pluralnash (this toolkit); generalises [FALA26] Lemma 3.5 / B.6 to m rewards",
    statement="With m >= 2 rewards, disjoint basins, m_t -> 0 and q_i > kappa_i for every i: there are c > 0, t_0 and "
              "eta > 0 with l_i - c m_t <= a_{i,t} <= 1 - sum_{j != i} l_j + c m_t and eta <= a_{i,t} <= 1 - eta for "
              "every i and t >= t_0.",
    premises=(*PREMISES, Q_ABOVE),
    conclusion="every basin keeps a share bounded away from 0 and 1, within its interval up to c m_t",
    reading="For m = 2, q_i > kappa_i for both i is lemma-3.5's q in (kappa_1, 1 - kappa_2). With a_{i,t} -> a_i* and "
            "m_t -> 0, c and t_0 exist when every a_i* lies strictly inside its interval and eta exists exactly when "
            "every 0 < a_i* < 1 (eta = min_i min(a_i*, 1 - a_i*)/2); a mass exactly on an end is left undecided. "
            + _DERIVED,
    derivation="derive_m_basin_interval",
    instance=check_m_basin_non_collapse,
    strategy=_strategy(q_above_kappa=True),
    screen=m_basin_screen(non_collapse=True),
    small_scope=_small_scope("m_basin_small_scope", q_above_kappa=True),
).with_controls(
    NO_LEAKAGE,
    Variant("dropped-q-above-kappa", "dropped premise q_i > kappa_i (a weight may fall below its leakage factor)",
            premises=PREMISES, strategy=_strategy(), small_scope=_small_scope("m_basin_small_scope", q_above_kappa=False)),
)


# ----------------------------------------------------------------------------------------------
# Lemmas 3.3 and 3.4 at finite K

FINITE_K_EXACT = Premise("finite K", "the setup's K candidates (2..5 drawn), rational exp_rewards and exp_eps, so the "
                         "finite-K run p_{t+1} = p_t sum_i q_i H^{K,r_i}_{p_t} is followed exactly", check_finite_k_exact)
M_0 = Premise("m_0 > 0", "p_0 charges an atom outside every basin", check_outside_charged)
_FINITE_K_RUN = ("Decided exactly at every step of the finite-K run from p_0 (t = 0..T, T = 4, fewer when the "
                 "rationals pass 20000 bits: they grow about K-fold per step); the one-step bound holds for every p, "
                 "so each step is a certified instance and a step that breaks it is a certified counterexample. ")

LEMMA_3_3_FINITE_K = AT_FINITE_K.claim(
    id="lemma-3.3-finite-k",
    source="pluralnash (this toolkit); [FALA26] Lemma 3.3 / B.4 read at finite K with the bounds of Lemma 3.2",
    statement="At finite K, m_{t+1} <= rho^K_t m_t for every t with rho^K_t = sup_{x outside S_eps} sum_i q_i "
              "Hbar^K_{i,p_t}(x), Hbar Lemma 3.2's upper bound on H^K; so B.4 read with this weight "
              "(rho^K_t <= rho < 1 for all t) gives m_t <= rho^t m_0 -> 0.",
    premises=(FINITE_K_EXACT, DISJOINT, M_0),
    conclusion="m_{t+1} <= rho^K_t m_t at every step",
    reading="What changes with K: the decay factor is the finite-K weight W^K_t = sum_i q_i H^{K,r_i}_{p_t}, bounded by "
            "Lemma 3.2's upper bound (variance term included). B.4's large-K constant (sup of W_t = sum_i q_i w_i/Z_i "
            "outside S_eps) does not bound the finite-K step: below the mean the finite-K weight exceeds the large-K "
            "one by w(Z - w)/(Z(w + (K-1)Z)) > 0, so the outside decays more slowly at finite K; the control "
            "~large-k-weight is the step of Lemma B.4's proof read at finite K (m_{t+1} <= sup_{x outside} W_t(x) m_t "
            "at each t), and it is FALSIFIED by a certified step. Not decided here: the lemma with one constant "
            "rho >= sup_t sup_x W_t(x) for all t, which needs that sup over every later t. "
            + _FINITE_K_RUN + "Symbolic (partial): the Jensen weight's monotonicity and its excess over the large-K "
            "weight, the decay step; Lemma 3.2's bounds are cited (derive_lemma_3_2_bounds).",
    derivation="derive_finite_k_basin_bounds",
    instance=check_finite_k_decay,
    strategy=drawn("finite_k_basin_landscapes", min_outside_atoms=1, module=STRATEGIES),
    screen=finite_k_decay_screen(),
    small_scope=_small_scope("finite_k_small_scope"),
).with_controls(
    plant("large-k-weight", "[FALA26] B.4's large-K weight as the finite-K decay factor: "
                            "m_{t+1} <= sup_{x outside} W_t(x) m_t", factor=large_k_factor),
    plant("jensen-weight", "Lemma 3.2's Jensen lower bound read as an upper bound on the finite-K weight",
          factor=jensen_factor),
)

LEMMA_3_4_FINITE_K = AT_FINITE_K.claim(
    id="lemma-3.4-finite-k",
    source="pluralnash (this toolkit); [FALA26] Lemma 3.4 / B.5 read at finite K with the bounds of Lemma 3.2",
    statement="At finite K, with disjoint basins: a_{i,t+1} >= phi^K_i(a_{i,t}, m_t) = q_i K E a/(E + (K-1)(a + c_i "
              "(1 - a - m) + E m)) for every basin i and t (E = e^{-eps}, c_i = e^{-Delta_i}); with m_t -> 0, "
              "liminf a_{i,t} >= max{0, L_K}, L_K = (q_i K E - E - (K-1) c_i)/((K-1)(1 - c_i)) -> (q_i E - c_i)/(1 - c_i) "
              "as K -> oo.",
    premises=(FINITE_K_EXACT, DISJOINT),
    conclusion="a_{i,t+1} >= phi^K_i(a_{i,t}, m_t) at every step, for every basin",
    reading="What changes with K: Lemma 3.4's bound map q a/(a + kappa b + C m) rests on the large-K tilt p w/Z, whose "
            "normaliser cancels; at finite K the weight is H^K, bounded below by Lemma 3.2's Jensen bound "
            "K w/(w + (K-1)Z), which gives phi^K instead, and its fixed point L_K replaces (q - kappa)/(1 - kappa). "
            "The control ~large-k-step is Lemma 3.4's large-K one-step bound read at finite K, and it is FALSIFIED "
            "(a certified step at small K where a basin holds little mass: selection among K candidates cannot "
            "raise a basin's mass more than K-fold in a step). " + _FINITE_K_RUN + "Symbolic (partial): "
            "monotonicity, the bound on Z_i, the fixed point L_K and the sign of a - phi^K(a), its limit as K -> oo; "
            "Lemma 3.2's bounds and the passage to liminf are cited.",
    derivation="derive_finite_k_basin_bounds",
    instance=check_finite_k_basin_step,
    strategy=drawn("finite_k_basin_landscapes", module=STRATEGIES),
    screen=finite_k_step_screen(),
    small_scope=_small_scope("finite_k_small_scope"),
).with_controls(
    plant("large-k-step", "[FALA26] Lemma 3.4's large-K bound map a_{t+1} >= q a_t/(a_t + kappa b_t + e^eps m_t) "
                          "at finite K", bound=large_k_step),
    plant("reversed", "reversed inequality: a_{i,t+1} <= phi^K_i(a_{i,t}, m_t)", reverse=True),
)

NO_OUTSIDE = Premise("m_t = 0", "every atom lies in a basin (the finite-K reading of m_t -> 0)", check_no_outside_atom)
# [FALA26] Assumption 2.1 on two-atom setups covering every atom, at the setup's K
AT_K_2 = (FINITE_K_EXACT, A21_I, A21_II, A21_III, NO_OUTSIDE)
FINITE_K_RANGE = Premise("L_(K,i) > 0", "q_i K E > E + (K-1) c_i for every basin (the finite-K range replacing "
                         "q_i > kappa_i)", check_finite_k_range)

LEMMA_3_5_FINITE_K = AT_FINITE_K.claim(
    id="lemma-3.5-finite-k",
    source="pluralnash (this toolkit); [FALA26] Lemma 3.5 / B.6 read at finite K with the bounds of Lemma 3.2",
    statement="At finite K, with disjoint basins covering every atom (m_t = 0) and L_(K,i) = (q_i K E - E - (K-1) c_i)/"
              "((K-1)(1 - c_i)) > 0 for every basin: with l_i = min(a_(i,0), L_(K,i)), every t has l_i <= a_(i,t) <= "
              "1 - sum_{j != i} l_j, so eta = min_i min(l_i, sum_{j != i} l_j) > 0 has eta <= a_(i,t) <= 1 - eta for "
              "every basin and every t; and liminf a_(i,t) >= L_(K,i).",
    premises=(FINITE_K_EXACT, DISJOINT, NO_OUTSIDE, FINITE_K_RANGE),
    conclusion="no basin collapses at finite K: every a_(i,t) stays in [l_i, 1 - sum_{j != i} l_j]",
    reading="What changes with K: the range q in (kappa_1, 1 - kappa_2) becomes L_(K,i) > 0, i.e. q_i > (E + (K-1) c_i)/"
            "(K E); it tends to q_i > kappa_i E as K -> oo and is empty at K = 2 for m >= 2 (it needs every q_i > 1/2), "
            "so at K = 2 these bounds certify no non-collapse. The eventual interval [L_K - c m_t, ...] of the large-K "
            "lemma is read as the invariant interval [l_i, 1 - sum_{j != i} l_j] from t = 0: phi^K_i(., 0) is increasing "
            "and phi^K_i(l) >= l for l <= L_(K,i) (certified), so a_(i,t) >= l_i carries to every later t; every step "
            "of the exact finite-K run (T = 4) is also checked against the ends. A setup covers every atom with a "
            "basin so that m_t = 0 exactly. Symbolic (partial): the fixed point, the sign of a - phi^K(a) and the "
            "monotonicity; Lemma 3.2's bounds and the liminf are cited.",
    derivation="derive_finite_k_basin_bounds",
    instance=check_finite_k_non_collapse,
    strategy=drawn("finite_k_non_collapse_landscapes", module=STRATEGIES),
    small_scope=_small_scope("finite_k_non_collapse_small_scope"),
).with_controls(
    plant("from-start", "the lower end L_(K,i) from t = 0: a_(i,t) >= L_(K,i) for every t", from_start=True),
    plant("reversed", "reversed inequality: a_(i,t) <= L_(K,i) for every t >= some t_0", reverse=True),
)

# Lemmas 3.4 and 3.5 as stated, at K = 2: one search and one planted Nash point for both
TWO_ATOMS = drawn("two_atom_finite_k_landscapes", module=STRATEGIES)
TWO_ATOM_SCOPE = _small_scope("two_atom_small_scope")
NASH_POINT_AT_K = Variant("nash-point", "the interval collapsed to the Nash point: a_t -> q",
                          instance=partial(check_paper_non_collapse_at_finite_k, claimed="nash-point"))

LEMMA_3_5_AT_K_2 = AT_FINITE_K.claim(
    id="lemma-3.5-at-k-2",
    source="[FALA26] Lemma 3.5 / B.6 as stated (large-K constants), read for the finite-K map of Lemma 3.1",
    statement="Assume 2.1 and m_t -> 0, and q in (kappa_1, 1 - kappa_2). Then there are c_eps > 0, t_0 and eta > 0 with "
              "max{0,(q-kappa_1)/(1-kappa_1)} - c_eps m_t <= a_t <= min{1, q/(1-kappa_2)} + c_eps m_t and "
              "eta <= a_t <= 1 - eta for t >= t_0, for the dynamics p_{t+1} = p_t sum_i q_i H^{K,r_i}_{p_t} with the "
              "setup's K.",
    premises=(*AT_K_2, Q_RANGE),
    conclusion="the interval holds up to c m_t and eta <= a_t <= 1 - eta for t >= t_0",
    reading="The large-K statement read at finite K with its own constants. At K = 2 it fails: on two atoms (one per "
            "basin) W^2(A) - 1 = (1 - a) D with D = 2q/(1 + c_1) + 2(1 - q) c_2/(1 + c_2) - 1 independent of a "
            "(`pluralnash derive two-atom-collapse`), so a_t is monotone and one basin takes everything (for "
            "c_1 = c_2, the majority reward's, whatever the leakage); at D = 0 nothing moves and a_t = a_0 may lie "
            "outside the interval. Decided on two-atom setups: W^K(A) - 1 = (1 - a) R(a) exactly, and a sign of R on "
            "[0, 1] certified by its Bernstein coefficients makes a_t monotone to 0 or 1: a certified counterexample. "
            "Where R changes sign (K >= 3 on these setups) the check is UNDECIDED. lemma-3.5-finite-k is the finite-K "
            "reading that holds (its range L_(K,i) > 0 is empty at K = 2).",
    derivation="derive_two_atom_collapse",
    instance=check_paper_non_collapse_at_finite_k,
    strategy=TWO_ATOMS,
    small_scope=TWO_ATOM_SCOPE,
).with_controls(
    NASH_POINT_AT_K,
    Variant("dropped-q-range", "dropped premise q in (kappa_1, 1 - kappa_2)", premises=AT_K_2),
)

LEMMA_3_4_AT_K_2 = AT_FINITE_K.claim(
    id="lemma-3.4-at-k-2",
    source="[FALA26] Lemma 3.4 / B.5 as stated (large-K constants), read for the finite-K map of Lemma 3.1",
    statement="Under Assumption 2.1 with m_t -> 0: max{0, (q - kappa_1)/(1 - kappa_1)} <= liminf a_t <= limsup a_t <= "
              "min{1, q/(1 - kappa_2)}, kappa_i = e^{-(Delta_i - 2 eps)}, for the dynamics p_{t+1} = p_t sum_i q_i "
              "H^{K,r_i}_{p_t} with the setup's K.",
    premises=(*AT_K_2, KAPPA),
    conclusion="a_t's limit within the leakage interval",
    reading="lemma-3.4's reading (kappa_i < 1 added) applied to the finite-K map. At K = 2 it fails on two atoms: a_t is "
            "monotone (`pluralnash derive two-atom-collapse`) and tends to 0 or 1, outside the interval whenever its "
            "end is not 0 or 1; or nothing moves (D = 0) and a_t = a_0 lies outside it. Decided as lemma-3.5-at-k-2 "
            "(two-atom setups; UNDECIDED where R changes sign); lemma-3.4-finite-k is the finite-K reading that holds.",
    derivation="derive_two_atom_collapse",
    instance=check_paper_interval_at_finite_k,
    strategy=TWO_ATOMS,
    small_scope=TWO_ATOM_SCOPE,
).with_controls(
    NASH_POINT_AT_K,
    Variant("dropped-kappa", "dropped premise kappa_i < 1", premises=AT_K_2),
)


# (place in the verdict table, claim): the registry registers these (see pluralnash.claims.FAMILIES)
TABLE = ((253, M_BASIN_INTERVAL), (254, M_BASIN_NON_COLLAPSE), (255, LEMMA_3_3_FINITE_K),
         (256, LEMMA_3_4_FINITE_K), (257, LEMMA_3_5_FINITE_K), (258, LEMMA_3_4_AT_K_2), (259, LEMMA_3_5_AT_K_2))
