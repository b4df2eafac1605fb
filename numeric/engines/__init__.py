"""The engines: the large-K and finite-K dynamics, the limit solver, the continuous geometry and the
whole-domain interval prover."""

from pluralnash.numeric.arith import lazy_package

_MODULES = {
    "pluralnash.numeric.engines.step": [
        "EXACT", "FIELD", "MPF", "LargeKStep", "block_float_step", "large_k_step", "mixed_step", "without_zero_weights",
    ],
    "pluralnash.numeric.engines.grouping": ["group_by_reward_vector", "reward_groups"],
    "pluralnash.numeric.engines.dynamics": [
        "DEFAULT_DPS", "DynamicsRecord", "Trajectory", "evaluate_Z", "evaluate_curated_update",
        "evaluate_large_k_weights", "evaluate_objective", "run_dynamics",
    ],
    "pluralnash.numeric.engines.arb_step": ["ArbLargeK", "contains_exact", "midpoints"],
    "pluralnash.numeric.engines.finite_k": ["evaluate_finite_k_weights", "evaluate_selection_law"],
    "pluralnash.numeric.engines.finite_k_bounds": ["finite_k_sandwich"],
    "pluralnash.numeric.engines.finite_k_expansion": [
        "FiniteKMeasurement", "FiniteKRate", "default_ks", "expand_finite_k", "measure_finite_k_limit",
    ],
    "pluralnash.numeric.engines.limit": ["LimitResult", "solve_limit"],
    "pluralnash.numeric.engines.limit_set": ["MaximiserSet"],
    "pluralnash.numeric.engines.limit_np": ["dual_barrier", "group_atoms", "screen", "w_upper"],
    "pluralnash.numeric.engines.outside_scan": ["OutsideScan", "basin_mass_run", "raw_sign", "run_outside_scan"],
    "pluralnash.numeric.engines.basin_utilities": ["basin_conditionals", "utilities"],
    "pluralnash.numeric.engines.point_mass": [
        "CollapseDynamics", "CollapseResult", "W_at_point_mass", "is_exact_fixed_point", "repels", "trap_bound",
        "w_ratio",
    ],
    "pluralnash.numeric.engines.collapse": [
        "collapse_groups", "evaluate_collapse_dynamics", "evaluate_finite_k_limit", "solve_collapse",
        "solve_finite_k_rate",
    ],
    "pluralnash.numeric.engines.mixing": [
        "MixingFixedPoint", "MixingFixedPointSeveral", "check_lam_below_one", "check_several_rewards",
        "check_single_reward_mixing", "mixing_potential", "solve_mixing_fixed_point_several",
    ],
    "pluralnash.numeric.engines.nash_potential": ["arb_potentials", "enclose_potential", "enclose_z_star"],
    "pluralnash.numeric.engines.continuous_model": ["Gaussian", "QuadraticLandscape", "Uniform"],
    "pluralnash.numeric.engines.continuous": [
        "ContinuousTrajectory", "discretise_quadratic", "run_continuous",
    ],
    "pluralnash.numeric.engines.continuous_integrals": ["erfc_difference", "gauss_integral", "noncentral_chi2_cdf"],
    "pluralnash.numeric.engines.continuous_certified": ["certified_records", "chi2_cdf_enclosure", "work_bits"],
    "pluralnash.numeric.engines.continuous_quadrature": ["enclose_Z", "quadrature_values"],
    "pluralnash.numeric.engines.continuous_cover": ["sup_w_at_midpoint"],
    "pluralnash.numeric.engines.domain": ["Box", "DomainResult", "prove_on_box"],
    "pluralnash.numeric.engines.domain_plateau": ["DOMAIN_STATEMENTS", "PLANTED_DOMAIN", "DomainStatement"],
}
# public names for helpers that other packages use, which their modules keep under a private name
_RENAMED = {
    "arb_available": ("pluralnash.numeric.engines.arb_step", "available"),
    "numpy_available": ("pluralnash.numeric.engines.limit_np", "available"),
    "certified_large_k_limit": ("pluralnash.numeric.engines.certified_limit", "_certified_limit"),
    "limit_group_enclosure": ("pluralnash.numeric.engines.certified_limit", "_limit_group_enclosure"),
    "solved_limit": ("pluralnash.numeric.engines.certified_limit", "_solved_limit"),
    "as_interval": ("pluralnash.numeric.engines.outside_scan", "_as_iv"),
    "at_least_one": ("pluralnash.numeric.engines.outside_scan", "_at_least_one"),
    "scaled_weights_exact": ("pluralnash.numeric.engines.outside_scan", "_scaled_w_exact"),
    "scaled_weights_iv": ("pluralnash.numeric.engines.outside_scan", "_scaled_w_iv"),
    "collapse_evidence_text": ("pluralnash.numeric.engines.collapse", "_fmt"),
    "grouped_setup": ("pluralnash.numeric.engines.collapse", "_groups"),
    "run_grouped": ("pluralnash.numeric.engines.collapse", "_run"),
    "check_steps": ("pluralnash.numeric.engines.continuous", "_check_steps"),
    "round_at": ("pluralnash.numeric.engines.continuous", "_round"),
    "Moments": ("pluralnash.numeric.engines.continuous_integrals", "_Moments"),
    "check_continuous_dps": ("pluralnash.numeric.engines.continuous_model", "_check_dps"),
    "squared_distance": ("pluralnash.numeric.engines.continuous_model", "_dist2"),
    "QUADRATURE_CELLS": ("pluralnash.numeric.engines.continuous_quadrature", "_CELLS"),
    "QUADRATURE_EXTRA_DPS": ("pluralnash.numeric.engines.continuous_quadrature", "_EXTRA"),
    "check_quadratic_landscape": ("pluralnash.numeric.engines.continuous_quadrature", "_check_landscape"),
    "COVER_PREC": ("pluralnash.numeric.engines.continuous_cover", "_PREC"),
    "mixing_bisect": ("pluralnash.numeric.engines.mixing", "_bisect"),
    "interval_box": ("pluralnash.numeric.engines.mixing", "_ivbox"),
    "mixing_point": ("pluralnash.numeric.engines.mixing", "_p_star"),
    "require_mixing_setup": ("pluralnash.numeric.engines.mixing", "_require"),
    "secular_function": ("pluralnash.numeric.engines.mixing", "_secular"),
}

__all__, __getattr__, __dir__ = lazy_package(__name__, _MODULES, globals(), _RENAMED)
