"""The docstring examples of the derivation modules run and pass."""

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
def test_doctests(name, run_doctests):
    run_doctests(name)
