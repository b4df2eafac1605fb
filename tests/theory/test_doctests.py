"""The docstring examples of the derivation modules run and pass."""

import doctest
import importlib

import pytest

MODULES = [
    "pluralnash.theory._certify",
    "pluralnash.theory._derivation",
    "pluralnash.theory._derive",
    "pluralnash.theory._finite_k",
    "pluralnash.theory._nash",
    "pluralnash.theory._mixing",
    "pluralnash.theory._words",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
