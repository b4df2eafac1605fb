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
from pluralnash.theory._nash import certify_nash_maximiser, derive_nash_foc, derive_nash_product

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
]
