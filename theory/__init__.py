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

__all__ = [
    "CERTIFYING_METHODS",
    "METHODS",
    "CheckResult",
    "ClaimVerdict",
    "InvalidArgument",
    "SolverError",
    "Verdict",
]
