"""The docstring examples of the toolkit's modules run and pass (each module must have some)."""

import pytest

MODULES = [
    "pluralnash.theory._certify",
    "pluralnash.theory._derivation",
    "pluralnash.theory._derive",
    "pluralnash.theory._finite_k",
    "pluralnash.theory._nash",
    "pluralnash.theory._mixing",
    "pluralnash.theory._words",
    "pluralnash.theory._beyond",
    "pluralnash.numeric.engines.collapse",
    "pluralnash.properties._strategies_beyond",
    "pluralnash.theory._ferbach",
    "pluralnash.claims.ferbach",
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
    "pluralnash.numeric.engines.continuous_limit",
    "pluralnash.theory._continuous_limit",
    "pluralnash.numeric.arith.erf",
    "pluralnash.numeric.arith.real",
    "pluralnash.numeric.arith.linalg",
    "pluralnash.numeric.arith.precision",
    "pluralnash.numeric.arith.rational",
    "pluralnash.numeric.arith.format",
    "pluralnash.numeric.arith",
    "pluralnash.numeric.premises.basin_premises",
    "pluralnash.claims._declare",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name, run_doctests):
    run_doctests(name)
