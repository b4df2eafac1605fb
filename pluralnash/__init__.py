r"""pluralnash: symbolic-numeric proof checking for retraining under pluralistic curation.

Layers: :mod:`pluralnash.theory` (sympy derivations, verdict types), :mod:`pluralnash.numeric`
(mpmath engines, limit solver, instance checks), :mod:`pluralnash.properties` (Hypothesis
strategies and counterexample search); this package ties them together with the claim
registry and the command line.
"""

from pluralnash._registry import (
    PROFILES,
    Claim,
    ClaimReport,
    Premise,
    RouteOutcome,
    Variant,
    all_claims,
    check_claim,
    get_claim,
    register,
    run_claim,
    run_claims,
)
from pluralnash._figures import finite_k_data, phase_data
from pluralnash._report import write_report
from pluralnash._sweep import map_tasks
from pluralnash.theory import CheckResult, ClaimVerdict, InvalidArgument, SolverError, Verdict

__version__ = "0.1.0"

__all__ = [
    "PROFILES",
    "CheckResult",
    "Claim",
    "ClaimReport",
    "ClaimVerdict",
    "InvalidArgument",
    "Premise",
    "RouteOutcome",
    "Variant",
    "SolverError",
    "Verdict",
    "all_claims",
    "check_claim",
    "finite_k_data",
    "get_claim",
    "map_tasks",
    "phase_data",
    "register",
    "run_claim",
    "run_claims",
    "write_report",
]
