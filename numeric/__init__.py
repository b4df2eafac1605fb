"""Numeric layer of pluralnash (mpmath): landscapes, engines, limit solver, instance checks.

Names are imported from their modules on first use (PEP 562): importing this package, or one
engine, does not load the others or the optional python-flint.
"""

from pluralnash.theory._lazy import lazy_exports

_MODULES = {
    "pluralnash.numeric._landscape": ["Landscape", "load_setup", "parse_setup", "save_setup", "to_fraction"],
    "pluralnash.numeric._dynamics": [
        "DEFAULT_DPS", "Trajectory", "evaluate_curated_update", "evaluate_large_k_weights",
        "evaluate_objective", "evaluate_Z", "run_dynamics",
    ],
    "pluralnash.numeric._limit": ["LimitResult", "solve_limit"],
    "pluralnash.numeric._limit_set": ["MaximiserSet"],
    "pluralnash.numeric._arb_step": ["ArbLargeK"],
    "pluralnash.numeric._checks": [
        "check_exact_rewards", "check_full_support", "check_lemma_3_1", "check_lemma_3_2",
        "check_nash_limit", "check_theorem_3_7", "check_two_basin_utilities",
    ],
    "pluralnash.numeric._checks_plateau": [
        "check_b5", "check_basin_conditionals", "check_corollary_3_8", "check_hard_separation_limit",
        "check_plateau", "check_prop_3_4", "check_theorem_3_6", "check_two_basins",
    ],
    "pluralnash.numeric._continuous": [
        "Gaussian", "QuadraticLandscape", "Uniform", "discretise_quadratic", "noncentral_chi2_cdf",
        "run_continuous",
    ],
    "pluralnash.numeric._finite_k": ["evaluate_finite_k_weights", "evaluate_selection_law"],
    "pluralnash.numeric._assumptions": [
        "check_assumption_2_1_i", "check_assumption_2_1_ii", "check_assumption_2_1_iii",
        "check_assumption_b1", "check_assumption_b2", "check_assumption_b3", "check_assumption_b4",
        "check_assumption_b5", "check_kappa_below_one", "check_outside_mass_vanishes",
        "check_q_in_leakage_range", "measure_basin_constants",
    ],
    "pluralnash.numeric._checks_basins": [
        "check_lemma_3_3", "check_lemma_3_4", "check_lemma_3_5", "leakage_interval",
    ],
    "pluralnash.numeric._checks_beyond": [
        "check_collapse_criterion", "check_finite_k_limit", "check_plateau_exact",
        "evaluate_collapse_dynamics", "evaluate_finite_k_limit", "solve_collapse", "solve_finite_k_rate",
    ],
    "pluralnash.numeric._checks_ferbach": ["check_ferbach_theorem"],
    "pluralnash.numeric._checks_mixing": [
        "check_mixing_floor", "MixingFixedPoint", "MixingFixedPointSeveral",
        "check_mixing_several_rewards", "mixing_potential", "solve_mixing_fixed_point_several",
        "check_lam_below_one", "check_mixing_fixed_point", "check_single_reward",
        "check_support_in_reference", "solve_mixing_fixed_point",
    ],
    "pluralnash.numeric._checks_continuous": [
        "check_continuous_closed_form", "check_continuous_setup", "closed_form_values", "enclose_Z",
        "quadrature_values",
    ],
    "pluralnash.numeric._continuous_certified": ["chi2_cdf_enclosure"],
    "pluralnash.numeric._interval_erf": [
        "erf_backend", "erf_enclosure", "erfc_enclosure", "erfc_sqrt_enclosure", "erfc_surd_enclosure",
    ],
}

_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [name for names in _MODULES.values() for name in names]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
