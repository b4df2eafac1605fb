"""Numeric layer of pluralnash (mpmath): landscapes, engines, limit solver, instance checks."""

from pluralnash.numeric._landscape import Landscape, load_setup, parse_setup, save_setup, to_fraction

__all__ = ["Landscape", "load_setup", "parse_setup", "save_setup", "to_fraction"]
from pluralnash.numeric._dynamics import (
    DEFAULT_DPS,
    Trajectory,
    evaluate_curated_update,
    evaluate_large_k_weights,
    evaluate_objective,
    evaluate_Z,
    run_dynamics,
)
from pluralnash.numeric._limit import LimitResult, solve_limit

__all__ += [
    "DEFAULT_DPS",
    "Trajectory",
    "evaluate_curated_update",
    "evaluate_large_k_weights",
    "evaluate_objective",
    "evaluate_Z",
    "run_dynamics",
    "LimitResult",
    "solve_limit",
]
from pluralnash.numeric._checks import (
    check_exact_rewards,
    check_full_support,
    check_lemma_3_1,
    check_lemma_3_2,
    check_nash_limit,
    check_theorem_3_7,
    check_two_basin_utilities,
)
from pluralnash.numeric._checks_plateau import (
    check_b5,
    check_basin_conditionals,
    check_corollary_3_8,
    check_hard_separation_limit,
    check_plateau,
    check_prop_3_4,
    check_theorem_3_6,
    check_two_basins,
)
from pluralnash.numeric._continuous import (
    Gaussian,
    QuadraticLandscape,
    Uniform,
    discretise_quadratic,
    noncentral_chi2_cdf,
    run_continuous,
)
from pluralnash.numeric._finite_k import evaluate_finite_k_weights, evaluate_selection_law

__all__ += [
    "check_exact_rewards",
    "check_full_support",
    "check_lemma_3_1",
    "check_lemma_3_2",
    "check_nash_limit",
    "check_theorem_3_7",
    "check_two_basin_utilities",
    "check_b5",
    "check_basin_conditionals",
    "check_corollary_3_8",
    "check_hard_separation_limit",
    "check_plateau",
    "check_prop_3_4",
    "check_theorem_3_6",
    "check_two_basins",
    "Gaussian",
    "QuadraticLandscape",
    "Uniform",
    "discretise_quadratic",
    "noncentral_chi2_cdf",
    "run_continuous",
    "evaluate_finite_k_weights",
    "evaluate_selection_law",
]
from pluralnash.numeric._assumptions import (
    check_assumption_2_1_i,
    check_assumption_2_1_ii,
    check_assumption_2_1_iii,
    check_assumption_b1,
    check_assumption_b2,
    check_assumption_b3,
    check_assumption_b4,
    check_assumption_b5,
    check_kappa_below_one,
    check_outside_mass_vanishes,
    check_q_in_leakage_range,
    measure_basin_constants,
)
from pluralnash.numeric._checks_basins import check_lemma_3_3, check_lemma_3_4, check_lemma_3_5, leakage_interval

__all__ += [
    "check_assumption_2_1_i",
    "check_assumption_2_1_ii",
    "check_assumption_2_1_iii",
    "check_assumption_b1",
    "check_assumption_b2",
    "check_assumption_b3",
    "check_assumption_b4",
    "check_assumption_b5",
    "check_kappa_below_one",
    "check_outside_mass_vanishes",
    "check_q_in_leakage_range",
    "measure_basin_constants",
    "check_lemma_3_3",
    "check_lemma_3_4",
    "check_lemma_3_5",
    "leakage_interval",
]
from pluralnash.numeric._checks_beyond import (
    check_collapse_criterion,
    check_finite_k_limit,
    check_plateau_exact,
    evaluate_collapse_dynamics,
    evaluate_finite_k_limit,
    solve_collapse,
    solve_finite_k_rate,
)
from pluralnash.numeric._checks_ferbach import check_ferbach_theorem
from pluralnash.numeric._checks_mixing import (
    MixingFixedPoint,
    MixingFixedPointSeveral,
    check_lam_below_one,
    check_mixing_several_rewards,
    mixing_potential,
    solve_mixing_fixed_point_several,
    check_mixing_fixed_point,
    check_mixing_floor,
    check_single_reward,
    check_support_in_reference,
    solve_mixing_fixed_point,
)

__all__ += [
    "check_collapse_criterion",
    "check_finite_k_limit",
    "check_plateau_exact",
    "evaluate_collapse_dynamics",
    "evaluate_finite_k_limit",
    "solve_collapse",
    "solve_finite_k_rate",
    "check_ferbach_theorem",
    "check_mixing_floor",
    "MixingFixedPoint",
    "MixingFixedPointSeveral",
    "check_mixing_several_rewards",
    "mixing_potential",
    "solve_mixing_fixed_point_several",
    "check_lam_below_one",
    "check_mixing_fixed_point",
    "check_single_reward",
    "check_support_in_reference",
    "solve_mixing_fixed_point",
]
from pluralnash.numeric._checks_continuous import (
    check_continuous_closed_form,
    check_continuous_setup,
    closed_form_values,
    enclose_Z,
    quadrature_values,
)

__all__ += [
    "check_continuous_closed_form",
    "check_continuous_setup",
    "closed_form_values",
    "enclose_Z",
    "quadrature_values",
]
from pluralnash.numeric._continuous_certified import chi2_cdf_enclosure
from pluralnash.numeric._interval_erf import (
    erf_backend,
    erf_enclosure,
    erfc_enclosure,
    erfc_sqrt_enclosure,
    erfc_surd_enclosure,
)

__all__ += ["chi2_cdf_enclosure", "erf_backend", "erf_enclosure", "erfc_enclosure", "erfc_sqrt_enclosure",
            "erfc_surd_enclosure"]
