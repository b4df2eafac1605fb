"""The docstring examples of the numeric modules run and pass."""

import doctest
import importlib

import pytest

MODULES = [
    "pluralnash.numeric._landscape",
    "pluralnash.numeric._dynamics",
    "pluralnash.numeric._limit",
    "pluralnash.numeric._checks_mixing",
    "pluralnash.numeric._checks_continuous",
    "pluralnash.numeric._continuous",
    "pluralnash.numeric._continuous_certified",
    "pluralnash.numeric._interval_erf",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
