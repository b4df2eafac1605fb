"""The public surface of the packages: each package's ``__all__`` lists exactly its public names
(its sub-packages and modules aside), every one resolves, and the symbolic layer never loads the
numeric one."""

import importlib
import json
import os
import subprocess
import sys
import types

import pytest

PACKAGES = ["pluralnash", "pluralnash.theory", "pluralnash.properties", "pluralnash.audit"]


def _public(mod, names) -> set[str]:
    """The public names among ``names`` of ``mod``, its sub-packages and modules aside."""
    return {name for name in names
            if not name.startswith("_") and not isinstance(getattr(mod, name, None), types.ModuleType)}


@pytest.mark.parametrize("package", PACKAGES)
def test_all_lists_exactly_the_public_names(package):
    mod = importlib.import_module(package)
    assert len(mod.__all__) == len(set(mod.__all__)), "a name is listed twice"
    for name in mod.__all__:
        assert getattr(mod, name) is not None, name
    # after every name is resolved, the namespace holds no public name beyond __all__
    assert _public(mod, dir(mod)) == set(mod.__all__), _public(mod, dir(mod)) ^ set(mod.__all__)
    assert _public(mod, vars(mod)) - set(mod.__all__) == set()


def test_theory_all_is_its_lazy_map():
    import pluralnash.theory as theory

    assert set(theory.__all__) == set(theory._LAZY)
    for name, module in theory._LAZY.items():
        assert getattr(importlib.import_module(module), name) is getattr(theory, name), name
    # the derivations defined outside the registry's module are public too
    assert set(theory._EXTRA_DERIVATIONS.values()) <= set(theory.__all__)


def test_unknown_names_raise_attribute_error():
    import pluralnash.theory as theory

    with pytest.raises(AttributeError, match="no attribute 'derive_nothing'"):
        theory.derive_nothing  # noqa: B018


PROBE = """
import json, sys
import pluralnash.theory as theory
loaded = sorted(m for m in sys.modules if m.startswith("pluralnash.numeric"))
for name in theory.__all__:
    getattr(theory, name)
used = sorted(m for m in sys.modules if m.startswith("pluralnash.numeric"))
theory_modules = sorted(m for m in sys.modules if m.startswith("pluralnash.theory."))
print(json.dumps([loaded, used, theory_modules]))
"""


def test_theory_loads_no_numeric_module():
    """In a fresh interpreter: importing pluralnash.theory, and then using every public name
    (every derivation module included), loads no pluralnash.numeric module."""
    env = {**os.environ, "SYMPY_GROUND_TYPES": "python"}
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    loaded, used, theory_modules = json.loads(proc.stdout.strip().splitlines()[-1])
    assert loaded == [] and used == [], (loaded, used)
    # control: the probe did import the derivation modules, so it would see a numeric import
    assert {"pluralnash.theory._derive", "pluralnash.theory._plateau", "pluralnash.theory._mixing"} <= set(
        theory_modules)


def test_a_public_name_missing_from_all_is_caught(monkeypatch):
    """Control: a public helper planted in a package's namespace is seen as outside ``__all__``, and a
    sub-module is not."""
    import pluralnash.audit as audit

    monkeypatch.setattr(audit, "stray_helper", lambda: None, raising=False)
    assert _public(audit, vars(audit)) - set(audit.__all__) == {"stray_helper"}
    assert "tables" not in _public(audit, ["tables"])
