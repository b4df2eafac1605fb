"""Symbolic layer of pluralnash (sympy only): derivations and the verdict types."""

from pluralnash.theory._base import (
    CERTIFYING_METHODS,
    METHODS,
    CheckResult,
    ClaimVerdict,
    InvalidArgument,
    SolverError,
    Verdict,
)
from pluralnash.theory._certify import Identity, certify_identity
from pluralnash.theory._derivation import Derivation
from pluralnash.theory._derive import (
    DERIVATIONS,
    derive,
    derive_ascent_inequality,
    derive_fixed_point_conditions,
    derive_gradient_identity,
    derive_kkt_conditions,
    derive_large_k_map,
)
from pluralnash.theory._finite_k import (
    certify_finite_k_bound,
    certify_lemma_3_2_limit,
    derive_finite_k_integral,
    derive_lemma_3_2_bounds,
)
from pluralnash.theory._basins import (
    certify_lemma_3_3,
    derive_decay_induction,
    derive_leakage_interval,
    derive_non_collapse_margin,
)
from pluralnash.theory._beyond import (
    certify_collapse_without_uniqueness,
    certify_plateau_window,
    derive_collapse_criterion,
    derive_finite_k_expansion,
    derive_plateau_window,
)
from pluralnash.theory._continuous import derive_continuous_closed_form
from pluralnash.theory._ferbach import derive_ferbach_variance_bound
from pluralnash.theory._mixing import derive_mixing_fixed_point, derive_mixing_several_rewards
from pluralnash.theory._nash import certify_nash_maximiser, derive_nash_foc, derive_nash_product
from pluralnash.theory._plateau import (
    certify_plateau_endpoint,
    certify_variance_bound,
    derive_plateau_limit,
    derive_plateau_recursion,
    derive_total_variance,
    plateau_limit_value,
)

DERIVATIONS.update({
    "plateau-recursion": derive_plateau_recursion,
    "plateau-limit": derive_plateau_limit,
    "total-variance": derive_total_variance,
    "ferbach-variance-bound": derive_ferbach_variance_bound,
    "decay-induction": derive_decay_induction,
    "leakage-interval": derive_leakage_interval,
    "non-collapse-margin": derive_non_collapse_margin,
    "collapse-criterion": derive_collapse_criterion,
    "finite-k-expansion": derive_finite_k_expansion,
    "plateau-window": derive_plateau_window,
    "mixing-fixed-point": derive_mixing_fixed_point,
    "mixing-several-rewards": derive_mixing_several_rewards,
    "continuous-closed-form": derive_continuous_closed_form,
})

__all__ = [
    "CERTIFYING_METHODS",
    "METHODS",
    "CheckResult",
    "ClaimVerdict",
    "InvalidArgument",
    "SolverError",
    "Verdict",
    # derivations and their certificates
    "DERIVATIONS",
    "Derivation",
    "Identity",
    "certify_finite_k_bound",
    "certify_identity",
    "certify_lemma_3_2_limit",
    "certify_nash_maximiser",
    "derive",
    "derive_ascent_inequality",
    "derive_finite_k_integral",
    "derive_fixed_point_conditions",
    "derive_gradient_identity",
    "derive_kkt_conditions",
    "derive_large_k_map",
    "derive_lemma_3_2_bounds",
    "derive_nash_foc",
    "derive_nash_product",
    "certify_collapse_without_uniqueness",
    "certify_plateau_window",
    "derive_collapse_criterion",
    "derive_finite_k_expansion",
    "derive_plateau_window",
    "certify_lemma_3_3",
    "derive_decay_induction",
    "derive_leakage_interval",
    "derive_non_collapse_margin",
    "certify_plateau_endpoint",
    "certify_variance_bound",
    "derive_continuous_closed_form",
    "derive_ferbach_variance_bound",
    "derive_mixing_fixed_point",
    "derive_mixing_several_rewards",
    "derive_plateau_limit",
    "derive_plateau_recursion",
    "derive_total_variance",
    "plateau_limit_value",
]
