"""The docstring examples of the numeric modules run and pass."""

import doctest
import importlib

import pytest

MODULES = [
    "pluralnash.numeric.model.landscape",
    "pluralnash.numeric.engines.dynamics",
    "pluralnash.numeric.engines.step",
    "pluralnash.numeric.engines.limit",
    "pluralnash.claims._mixing_checks",
    "pluralnash.claims._continuous_checks",
    "pluralnash.numeric.engines.continuous",
    "pluralnash.numeric.engines.continuous_certified",
    "pluralnash.numeric.arith.erf",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
