"""Numeric layer of pluralnash (mpmath): landscapes, number kernels, engines, limit solver, premise checks.

Names are imported from their modules on first use (PEP 562): importing this package, or one
engine, does not load the others or the optional python-flint.
"""

from pluralnash.theory._lazy import lazy_exports

_MODULES = {
    "pluralnash.numeric.model.landscape": ["Landscape", "to_fraction"],
    "pluralnash.numeric.model.setup_io": ["load_setup", "parse_setup", "save_setup"],
    "pluralnash.numeric.engines.dynamics": [
        "DEFAULT_DPS", "Trajectory", "evaluate_curated_update", "evaluate_large_k_weights",
        "evaluate_objective", "evaluate_Z", "run_dynamics",
    ],
    "pluralnash.numeric.engines.limit": ["LimitResult", "solve_limit"],
    "pluralnash.numeric.engines.limit_set": ["MaximiserSet"],
    "pluralnash.numeric.engines.arb_step": ["ArbLargeK"],
    "pluralnash.numeric.engines.continuous": [
        "Gaussian", "QuadraticLandscape", "Uniform", "discretise_quadratic", "noncentral_chi2_cdf",
        "run_continuous",
    ],
    "pluralnash.numeric.engines.finite_k": ["evaluate_finite_k_weights", "evaluate_selection_law"],
    "pluralnash.numeric.engines.mixing": ["MixingFixedPoint", "MixingFixedPointSeveral", "mixing_potential",
                                          "solve_mixing_fixed_point_several"],
    "pluralnash.numeric.premises.basin_premises": [
        "check_assumption_2_1_i", "check_assumption_2_1_ii", "check_assumption_2_1_iii",
        "check_assumption_b1", "check_assumption_b2", "check_assumption_b3", "check_assumption_b5",
        "check_kappa_below_one", "check_q_in_leakage_range",
    ],
    "pluralnash.numeric.premises.run_premises": ["check_assumption_b4", "check_outside_mass_vanishes"],
    "pluralnash.numeric.premises.constants": ["measure_basin_constants"],
    "pluralnash.numeric.engines.continuous_certified": ["chi2_cdf_enclosure"],
    "pluralnash.numeric.arith.erf": [
        "erf_backend", "erf_enclosure", "erfc_enclosure", "erfc_sqrt_enclosure", "erfc_surd_enclosure",
    ],
}

_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [name for names in _MODULES.values() for name in names]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
