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
