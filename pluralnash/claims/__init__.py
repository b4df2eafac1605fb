"""The claim families: each module declares its statements, their conclusion checks and planted variants.

The instance checks are imported from their modules on first use (PEP 562), so importing this
package loads no engine.
"""

from pluralnash.theory._lazy import lazy_exports

# The built-in families, loaded by the registry in this order.  Each module lists its claims in
# ``TABLE`` as ``(place, claim)`` pairs, which the registry registers: the place is the claim's row
# in the verdict table, which follows the papers ([FALA26] §3 in order, then [FERB24], then the
# toolkit's own statements), so a reading of a statement (``readings``) sits beside the
# statement it reads although the two are declared in different families.
FAMILIES = ("core", "basins", "plateau", "readings", "ferbach", "beyond", "mixing",
            "continuous", "continuous_geometry", "continuous_lemmas", "basins_general", "rates", "lemma_3_3_sharp")

_MODULES = {
    "pluralnash.claims.core.checks": [
        "check_exact_rewards", "check_full_support", "check_lemma_3_1", "check_lemma_3_2",
        "check_nash_limit", "check_theorem_3_7", "check_two_basin_utilities",
    ],
    "pluralnash.numeric.premises.plateau_premises": ["check_b5", "check_plateau", "check_two_basins"],
    "pluralnash.claims.plateau.checks": [
        "check_basin_conditionals", "check_corollary_3_8", "check_hard_separation_limit", "check_prop_3_4",
        "check_theorem_3_6",
    ],
    "pluralnash.claims.basins.checks": [
        "check_lemma_3_3", "check_lemma_3_4", "check_lemma_3_5", "leakage_interval",
    ],
    "pluralnash.claims.beyond.checks": ["check_collapse_criterion", "check_finite_k_limit", "check_plateau_exact"],
    "pluralnash.numeric.engines.collapse": [
        "evaluate_collapse_dynamics", "evaluate_finite_k_limit", "solve_collapse", "solve_finite_k_rate",
    ],
    "pluralnash.claims.ferbach": ["check_ferbach_theorem"],
    "pluralnash.claims.mixing": [
        "check_mixing_floor", "check_mixing_several_rewards", "check_mixing_fixed_point",
        "check_support_in_reference", "solve_mixing_fixed_point",
    ],
    "pluralnash.numeric.engines.mixing": [
        "MixingFixedPoint", "MixingFixedPointSeveral", "mixing_potential", "solve_mixing_fixed_point_several",
        "check_lam_below_one", "check_single_reward_mixing",
    ],
    "pluralnash.claims.continuous": [
        "check_continuous_closed_form", "check_continuous_setup", "closed_form_values", "enclose_Z",
        "quadrature_values",
    ],
}

_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [name for names in _MODULES.values() for name in names]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
