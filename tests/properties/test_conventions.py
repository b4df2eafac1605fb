"""pluralnash's strategies follow Hypothesis's conventions: call-shaped reprs, argument errors that are
Hypothesis's InvalidArgument (and pluralnash's) raised at first use, and st.from_type(Landscape)
registered through Hypothesis's entry point."""

import importlib.metadata
import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import errors, find
from hypothesis import strategies as st

import pluralnash.properties as props
from pluralnash.numeric import Landscape
from pluralnash.properties import StrategyArgumentError
from pluralnash.theory import InvalidArgument

STRATEGIES = sorted(name for name in props.__all__ if name.endswith(("_landscapes", "_setups", "_points"))
                    or name == "landscapes")


def test_every_public_strategy_is_listed():
    assert {"landscapes", "two_basin_setups", "simplex_points", "quadratic_landscapes",
            "several_mixing_landscapes", "plateau_hard_separation_landscapes"} <= set(STRATEGIES)


@pytest.mark.parametrize("name", STRATEGIES)
def test_repr_is_the_call(name):
    s = getattr(props, name)()
    assert repr(s) == f"{name}()" and "build" not in repr(s)


def test_repr_shows_the_arguments():
    assert repr(props.landscapes(max_atoms=4)) == "landscapes(max_atoms=4)"
    assert repr(props.two_basin_setups(min_outside_atoms=1, exact=False)) == \
        "two_basin_setups(min_outside_atoms=1, exact=False)"


@pytest.mark.parametrize("name, kwargs", [
    ("landscapes", {"max_atoms": 0}), ("simplex_points", {"min_size": 0}), ("two_basin_setups", {"K": 1}),
    ("quadratic_landscapes", {"min_dim": 0}), ("ferbach_landscapes", {"max_atoms": 1}),
    ("several_mixing_landscapes", {"min_rewards": 0}),
])
def test_argument_errors_are_both_invalid_arguments_and_lazy(name, kwargs):
    s = getattr(props, name)(**kwargs)  # building does not raise
    with pytest.raises(errors.InvalidArgument) as info:
        find(s, lambda _: True)
    assert isinstance(info.value, StrategyArgumentError) and isinstance(info.value, InvalidArgument)
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)
    assert f"{next(iter(kwargs))}=" in str(info.value)


def test_a_valid_strategy_validates_and_draws():  # negative control of the error tests
    s = props.landscapes(max_atoms=2)
    s.validate()
    assert isinstance(find(s, lambda _: True), Landscape)


def test_the_entry_point_is_declared():
    hooks = [e for e in importlib.metadata.entry_points(group="hypothesis") if e.name == "pluralnash"]
    assert [e.value for e in hooks] == ["pluralnash._hypothesis_hook:_hypothesis_setup_hook"], \
        "reinstall the package (pip install -e .) so that its entry points are registered"


FRESH = textwrap.dedent("""
    import sys
    from hypothesis import find, strategies as st
    from pluralnash.numeric import Landscape
    L = find(st.from_type(Landscape), lambda L: True)
    print(type(L).__name__, L.n)
""")


def _fresh(env_extra):
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True, env=env, timeout=300)


def test_from_type_works_without_importing_pluralnash_properties():
    out = _fresh({})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["Landscape", "1"]  # the simplest landscape: one atom


def test_without_the_entry_point_from_type_cannot_build_a_landscape():  # negative control
    out = _fresh({"HYPOTHESIS_NO_PLUGINS": "1"})
    assert out.returncode != 0 and "InvalidArgument" in out.stderr


def test_importing_pluralnash_properties_still_registers_it():
    assert isinstance(find(st.from_type(Landscape), lambda L: L.n >= 1), Landscape)


def test_doctests():
    import doctest

    from pluralnash.properties import _conventions

    result = doctest.testmod(_conventions, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
