r"""The toolkit's m-basin statements: [FALA26] Lemmas 3.4 and 3.5 generalised to m >= 2 rewards
(listed in ``TABLE`` for the registry).

``m-basin-interval`` (every basin's limit mass in its leakage interval) and
``m-basin-non-collapse`` (no basin is lost, none takes everything), each with planted false
variants that the same routes must report FALSIFIED.  Premises are the predicates of
:mod:`pluralnash.numeric.premises.basins_general`, conclusions the checks of
:mod:`pluralnash.claims.basins_general.checks`, planted intervals those of
:mod:`pluralnash.claims.basins_general.planted`, the certificate
:func:`pluralnash.theory._basins_general.derive_m_basin_interval`.
"""

from __future__ import annotations

import importlib

from pluralnash._registry import Claim, Premise, Variant
from pluralnash.claims._declare import certified, drawn, either
from pluralnash.claims.basins import LARGE_K
from pluralnash.claims.basins_general.checks import check_m_basin_interval, check_m_basin_non_collapse
from pluralnash.claims.basins_general.planted import index_shifted, no_leakage
from pluralnash.numeric.premises.basins_general import (
    check_disjoint_basins,
    check_kappas_below_one,
    check_limit_in_basins,
    check_weights_above_kappas,
)

STRATEGIES = "pluralnash.properties._strategies_basins_general"
THEORY = "pluralnash.theory._basins_general"

DISJOINT = Premise("disjoint basins", "S_1..S_m pairwise disjoint with p_0(S_i) > 0 (Assumption 2.1(ii) for m basins)",
                   check_disjoint_basins)
KAPPAS = Premise("kappa_i < 1", "every sharpest leakage factor kappa_i = e^{-(Delta_i - 2 eps)} is below 1, Delta_i the "
                 "main-text gap of r_i over the other basins", check_kappas_below_one)
M_TO_0 = Premise("m_t -> 0", "the outside mass vanishes (decided from the certified large-K limit's support)",
                 check_limit_in_basins)
Q_ABOVE = Premise("q_i > kappa_i", "every weight exceeds its leakage factor (for m = 2: q in (kappa_1, 1 - kappa_2))",
                  check_weights_above_kappas)
PREMISES = (LARGE_K, DISJOINT, KAPPAS, M_TO_0)


def _small_scope(q_above_kappa: bool):
    """The family's small scope, imported on call (declaring a claim loads no Hypothesis)."""
    def scope(bound: int):
        return importlib.import_module(STRATEGIES).m_basin_small_scope(bound, q_above_kappa=q_above_kappa)
    return scope


def _strategy(**kwargs):
    return either(drawn("m_basin_landscapes", exact=True, module=STRATEGIES, **kwargs),
                  drawn("m_basin_landscapes", exact=False, module=STRATEGIES, **kwargs))


def _no_leakage_control(check) -> Variant:
    return Variant("no-leakage", "the interval without its leakage term (kappa_i = 0): a_i* = q_i for every basin",
                   instance=lambda L: check(L, interval=no_leakage))


_DERIVED = ("Decided from the certified large-K limit p* = lim p_t (the nash-limit claim): a_{i,t} -> a_i* = p*(S_i), "
            "compared with both ends exactly (exp form) or by intervals of growing precision. kappa_i uses the sharpest "
            "main-text Delta_i (the narrowest interval; any valid Delta_i must work). Symbolic (partial): the basin step, "
            "the tilted mass bound, the fixed point and sign of the bound map, a_i* > 0 for q_i > kappa_i, the m = 2 "
            "upper end and the three-basin interval's non-emptiness; the first-order conditions of p* are cited.")

M_BASIN_INTERVAL = Claim(
    id="m-basin-interval",
    models=("large-k",),
    source="pluralnash (this toolkit); generalises [FALA26] Lemma 3.4 / B.5 to m rewards",
    statement="With m >= 2 rewards, disjoint basins S_1..S_m, kappa_i = e^{-(Delta_i - 2 eps)} < 1 and m_t -> 0: for "
              "every i, l_i <= liminf a_{i,t} <= limsup a_{i,t} <= 1 - sum_{j != i} l_j with "
              "l_i = max{0, (q_i - kappa_i)/(1 - kappa_i)}.",
    premises=(*PREMISES,),
    conclusion="a_i* in [l_i, 1 - sum_{j != i} l_j] for every basin i",
    reading="Delta_i is the main-text gap of r_i over every other basin (for m = 2 the gap of Assumption 2.1(iii)), so "
            "with m = 2 the statement is lemma-3.4 exactly. The upper end is the lower ends of the other basins "
            "subtracted from 1 (the basins are disjoint and m* = 0). " + _DERIVED,
    symbolic=certified("derive_m_basin_interval", module=THEORY, cache=True),
    symbolic_covers=False,
    instance=lambda L: check_m_basin_interval(L),
    strategy=_strategy(),
    small_scope=_small_scope(False),
).with_controls(
    _no_leakage_control(check_m_basin_interval),
    Variant("index-shifted", "basin i read with its neighbour's leakage factor kappa_{i+1} (indices mod m)",
            instance=lambda L: check_m_basin_interval(L, interval=index_shifted)),
)

M_BASIN_NON_COLLAPSE = Claim(
    id="m-basin-non-collapse",
    models=("large-k",),
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
    symbolic=certified("derive_m_basin_interval", module=THEORY, cache=True),
    symbolic_covers=False,
    instance=lambda L: check_m_basin_non_collapse(L),
    strategy=_strategy(q_above_kappa=True),
    small_scope=_small_scope(True),
).with_controls(
    _no_leakage_control(check_m_basin_non_collapse),
    Variant("dropped-q-above-kappa", "dropped premise q_i > kappa_i (a weight may fall below its leakage factor)",
            premises=PREMISES, strategy=_strategy(), small_scope=_small_scope(False)),
)


# (place in the verdict table, claim): the registry registers these (see pluralnash.claims.FAMILIES)
TABLE = ((252, M_BASIN_INTERVAL), (254, M_BASIN_NON_COLLAPSE))
