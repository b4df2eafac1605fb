"""Importing a layer loads that layer only: no engines, no report, nothing optional until used.

Run in fresh interpreters.  SYMPY_GROUND_TYPES=python keeps sympy's own choice out of the count:
sympy >= 1.13 imports python-flint for its integers whenever it is installed ('auto' ground types).
"""

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, sys
{stmt}
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("pluralnash", "flint", "matplotlib", "sympy")))))
"""


def _loaded(stmt: str) -> list[str]:
    env = {**os.environ, "SYMPY_GROUND_TYPES": "python"}
    proc = subprocess.run([sys.executable, "-c", PROBE.format(stmt=stmt)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_theory_loads_neither_numeric_nor_the_report_nor_flint():
    mods = _loaded("import pluralnash.theory")
    assert not [m for m in mods if m.startswith(("pluralnash.numeric", "pluralnash.report", "flint"))], mods
    # negative control: asking for a derivation loads the derivation modules
    mods = _loaded("from pluralnash.theory import DERIVATIONS; assert len(DERIVATIONS) > 20")
    assert "pluralnash.theory._derive" in mods and "pluralnash.theory._plateau" in mods


def test_import_pluralnash_is_lazy_and_names_resolve_on_use():
    # only the package and the one lazy-export helper it shares with the other layers; not even sympy
    assert _loaded("import pluralnash") == ["pluralnash", "pluralnash.theory", "pluralnash.theory._lazy"]
    # negative control: using a name loads its module (so the probe does see imports)
    mods = _loaded("import pluralnash; pluralnash.Verdict")
    assert "pluralnash.theory._base" in mods and not [m for m in mods if m.startswith("pluralnash.numeric")]


def test_the_limit_solver_does_not_load_flint_or_other_engines():
    mods = _loaded("from pluralnash.numeric import solve_limit")
    assert "pluralnash.numeric.engines.limit" in mods
    assert not [m for m in mods if m.startswith(("flint", "pluralnash.claims.core", "pluralnash._registry"))], mods


def test_the_limit_solver_loads_without_sympy():
    """The verdict types live in pluralnash.theory._base, which needs no sympy."""
    out = subprocess.run([sys.executable, "-c", "import sys; from pluralnash.numeric import solve_limit; "
                          "from pluralnash.theory import Verdict; print('sympy' in sys.modules)"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("package", ["pluralnash", "pluralnash.numeric", "pluralnash.theory"])
def test_every_public_name_resolves(package):
    import importlib

    mod = importlib.import_module(package)
    for name in mod.__all__:
        assert getattr(mod, name) is not None, name
    assert set(mod.__all__) <= set(dir(mod))
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        getattr(mod, "not_a_name")
