r"""pluralnash: symbolic-numeric proof checking for retraining under pluralistic curation.

Layers: :mod:`pluralnash.theory` (sympy derivations, verdict types), :mod:`pluralnash.numeric`
(mpmath engines, limit solver, instance checks), :mod:`pluralnash.properties` (Hypothesis
strategies and counterexample search); this package ties them together with the claim
registry and the command line.
"""

from pluralnash.theory._lazy import lazy_exports as _lazy_exports

__version__ = "0.1.0"

# name -> module that defines it; imported on first attribute access (PEP 562), so that
# ``import pluralnash`` (and ``import pluralnash.theory``) loads neither the engines nor the report
_LAZY = {
    **dict.fromkeys(["PROFILES", "Claim", "ClaimReport", "Premise", "RouteOutcome", "Variant", "all_claims",
                     "check_claim", "get_claim", "register", "run_claim", "run_claims"], "pluralnash._registry"),
    **dict.fromkeys(["finite_k_data", "phase_data"], "pluralnash.report.figures"),
    "write_report": "pluralnash.report",
    "map_tasks": "pluralnash._sweep",
    **dict.fromkeys(["premise_match", "proof_for", "proof_ids", "replay_json"], "pluralnash._proofs"),
    **dict.fromkeys(["CheckEntry", "CheckReport"], "pluralnash._check_report"),
    **dict.fromkeys(["MODELS", "check_setup_model", "setup_models"], "pluralnash._models"),
    **dict.fromkeys(["CheckResult", "ClaimVerdict", "InvalidArgument", "SolverError", "Verdict"], "pluralnash.theory"),
}

__all__ = [
    "MODELS",
    "PROFILES",
    "CheckEntry",
    "CheckReport",
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
    "check_setup_model",
    "finite_k_data",
    "get_claim",
    "map_tasks",
    "phase_data",
    "premise_match",
    "proof_for",
    "proof_ids",
    "register",
    "replay_json",
    "run_claim",
    "run_claims",
    "setup_models",
    "write_report",
]


__getattr__, __dir__ = _lazy_exports(__name__, _LAZY, globals())
