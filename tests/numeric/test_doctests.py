"""The docstring examples of the numeric modules run and pass."""

import pytest

MODULES = [
    "pluralnash.numeric.model.landscape",
    "pluralnash.numeric.model.validate",
    "pluralnash.numeric.model.cache",
    "pluralnash.numeric.engines.dynamics",
    "pluralnash.numeric.engines.step",
    "pluralnash.numeric.engines.limit",
    "pluralnash.claims.mixing.checks",
    "pluralnash.numeric.engines.mixing",
    "pluralnash.claims.continuous",
    "pluralnash.numeric.engines.continuous",
    "pluralnash.numeric.engines.continuous_model",
    "pluralnash.numeric.engines.continuous_integrals",
    "pluralnash.numeric.engines.continuous_certified",
    "pluralnash.numeric.arith.erf",
    "pluralnash.numeric.arith.real",
    "pluralnash.numeric.arith.linalg",
    "pluralnash.numeric.arith.precision",
    "pluralnash.numeric.arith.rational",
    "pluralnash.numeric.arith.format",
    "pluralnash.claims._declare",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name, run_doctests):
    run_doctests(name)
