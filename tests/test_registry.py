"""The claim registry's control builder: Claim.with_controls and Variant."""

import doctest
import os
import subprocess
import sys

import pytest

from pluralnash import _registry
from pluralnash import Claim, Premise, Variant, all_claims
from pluralnash.theory import CheckResult, Verdict

P = Premise("p", "a premise")


def _proof():
    return CheckResult("proof", Verdict.HOLDS, "symbolic", {})


def _other_proof():
    return CheckResult("other proof", Verdict.FAILS, "symbolic", {}, "planted")


PARENT = Claim("demo", "[SRC] 1", "a statement", (P,), "a conclusion", symbolic=_proof, instance=len,
               cites=("squeeze theorem",))


def test_with_controls_builds_each_variant_from_the_parent():
    claim = PARENT.with_controls(
        Variant("wrong-instance", "a planted instance", instance=abs),
        Variant("own-proof", "a planted statement with its own certificate", symbolic=_other_proof),
        Variant("dropped", "premise dropped", premises=()),
    )
    assert [c.id for c in claim.controls] == ["demo~wrong-instance", "demo~own-proof", "demo~dropped"]
    a, b, c = claim.controls
    assert (a.planted, a.instance, a.premises, a.statement) == ("a planted instance", abs, (P,), "a statement")
    # the parent's proof is of the parent's statement: a variant drops it unless it names its own
    assert a.symbolic is None and c.symbolic is None and b.symbolic is _other_proof
    assert a.cites == b.cites == c.cites == ()
    assert c.premises == () and c.instance is len
    assert all(k.controls == () for k in claim.controls)
    # the parent itself is unchanged but for its controls
    assert (claim.id, claim.symbolic, claim.planted, PARENT.controls) == ("demo", _proof, None, ())


def test_with_controls_is_what_control_builds():
    # negative control for the helper: the same variant built by hand with Claim.control is equal
    made = PARENT.with_controls(Variant("v", "planted", instance=abs)).controls[0]
    assert made == PARENT.control("v", "planted", symbolic=None, cites=(), instance=abs)
    assert made != PARENT.control("v", "planted", instance=abs)  # that one keeps the parent's proof


def test_no_registered_control_carries_its_parents_certificate():
    for claim in all_claims():
        for ctl in claim.controls:
            assert ctl.planted and ctl.id.startswith(claim.id + "~")
            assert ctl.symbolic is None or ctl.symbolic is not claim.symbolic, ctl.id


def test_registry_doctests():
    result = doctest.testmod(_registry, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# ----------------------------------------------------------------------------------------------
# the verdict table's order and the entry-point group


def test_the_table_follows_the_families_places():
    import importlib

    from pluralnash.claims import FAMILIES

    listed = sorted((place, claim.id) for family in FAMILIES
                    for place, claim in importlib.import_module(f"pluralnash.claims.{family}").TABLE)
    assert [cid for _, cid in listed] == [c.id for c in all_claims()][:len(listed)]
    assert [cid for _, cid in listed][:5] == ["lemma-3.1", "lemma-3.2", "lemma-3.3", "lemma-3.3-appendix",
                                             "lemma-3.3-repaired"]


class _EntryPoint:
    def __init__(self, name, value, target):
        self.name, self.value, self._target = name, value, target

    def load(self):
        if isinstance(self._target, Exception):
            raise self._target
        return self._target


@pytest.fixture
def fresh_registry(monkeypatch):
    """The registry as loaded, restored afterwards, with no plugin error standing."""
    all_claims()
    monkeypatch.setattr(_registry, "_REGISTRY", dict(_registry._REGISTRY))
    monkeypatch.setattr(_registry, "_PLUGIN_ERROR", [])


def test_an_entry_point_registers_its_claims_after_the_builtins(fresh_registry):
    def plugin():
        _registry.register(Claim("plugin-claim", "[PLUGIN] 1", "s", (), "c"))

    def entry_points(group):
        assert group == "pluralnash.claims"
        return [_EntryPoint("demo", "demo_claims:register_all", plugin)]

    _registry._load_plugins(entry_points)
    ids = [c.id for c in all_claims()]
    assert ids[-1] == "plugin-claim" and ids[0] == "lemma-3.1"
    assert _registry.get_claim("plugin-claim").source == "[PLUGIN] 1"


def test_a_failing_entry_point_is_one_line_naming_it(fresh_registry):
    def entry_points(group):
        return [_EntryPoint("broken", "broken_claims", ImportError("No module named 'sympy2'\nmore"))]

    with pytest.raises(_registry.PluginError) as info:
        _registry._load_plugins(entry_points)
    msg = str(info.value)
    assert "\n" not in msg and "'broken' (broken_claims)" in msg and "ImportError: No module named 'sympy2'" in msg
    assert isinstance(info.value, ValueError)
    with pytest.raises(_registry.PluginError, match="broken"):  # the error stands for later lookups
        all_claims()


def test_a_failing_entry_point_in_verify_is_one_line_and_exit_2(tmp_path):
    """End to end: a distribution whose entry point raises makes `verify` fail in one line."""
    dist = tmp_path / "broken_claims-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-claims\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pluralnash.claims]\nbroken = broken_claims_module\n")
    (tmp_path / "broken_claims_module.py").write_text("raise RuntimeError('plugin defect')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "pluralnash", "verify", "--list"], capture_output=True,
                         text=True, env=env)
    assert out.returncode == 2, out.stderr
    assert out.stderr.strip().count("\n") == 0 and "'broken'" in out.stderr and "plugin defect" in out.stderr


@pytest.mark.parametrize("family", ["readings", "plateau", "mixing", "core.checks", "basins.checks"])
def test_the_table_order_does_not_depend_on_which_family_is_imported_first(family):
    code = (f"import pluralnash.claims.{family}\n"
            "from pluralnash._registry import all_claims\n"
            "print(' '.join(c.id for c in all_claims()))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [c.id for c in all_claims()]


def test_a_builtin_registered_again_is_kept_once_and_a_new_claim_with_its_id_is_refused(fresh_registry):
    builtin = _registry.get_claim("lemma-3.1")
    assert _registry.register(builtin) is builtin
    assert [c.id for c in all_claims()].count("lemma-3.1") == 1
    with pytest.raises(ValueError, match="'lemma-3.1' is registered twice"):
        _registry.register(Claim("lemma-3.1", "[TEST]", "s", (), "c"))


# ----------------------------------------------------------------------------------------------
# declaring a claim: planted formulas given to the claim's own check, and a family's shared fields


def _bounded(setup, *, bound=max):
    """A conclusion check taking its formula as a keyword: HOLDS when ``bound(setup)`` is the maximum."""
    ok = bound(setup) == max(setup)
    return CheckResult("bound", Verdict.HOLDS if ok else Verdict.FAILS, "exact", {"bound": bound(setup)})


def test_a_planted_formula_is_given_to_the_parents_own_check():
    from pluralnash.claims._declare import plant

    claim = Claim("demo", "[SRC] 1", "s", (P,), "c", symbolic=_proof, instance=_bounded,
                  cites=("squeeze theorem",), screen=abs).with_controls(plant("least", "the least element", bound=min))
    (control,) = claim.controls
    assert claim.instance([3, 1, 2]).verdict is Verdict.HOLDS
    # the same check with the planted formula: the negative control is rejected on the same setup
    assert control.instance([3, 1, 2]).verdict is Verdict.FAILS
    assert control.instance([3, 1, 2]).evidence == {"bound": 1}
    # as for an instance= variant: no parent proof, no parent screen
    assert (control.id, control.symbolic, control.cites, control.screen) == ("demo~least", None, (), None)


def test_check_keywords_beside_other_changes():
    claim = Claim("demo", "[SRC] 1", "s", (P,), "c", instance=_bounded).with_controls(
        Variant("dropped", "premise dropped, least element", premises=(), check_keywords={"bound": min}))
    (control,) = claim.controls
    assert control.premises == () and control.instance([5, 7]).verdict is Verdict.FAILS


def test_a_planted_formula_needs_a_check_and_a_formula():
    from pluralnash.claims._declare import plant

    with pytest.raises(ValueError, match="'demo', which has none; give the variant its own instance=") as info:
        Claim("demo", "[SRC] 1", "s", (), "c").with_controls(plant("least", "the least element", bound=min))
    assert "\n" not in str(info.value)
    with pytest.raises(ValueError, match=r"plants \['limit'\] into the conclusion check of 'demo', which does not"):
        Claim("demo", "[SRC] 1", "s", (), "c", instance=_bounded).with_controls(plant("other", "other", limit=min))
    with pytest.raises(ValueError, match=r"plant\('empty', \.\.\.\) gives the check no planted formula"):
        plant("empty", "nothing planted")


def test_a_family_supplies_models_and_a_partial_derivation():
    from pluralnash.claims._declare import Family

    family = Family(("finite-k",), "pluralnash.theory._basins_general", cache=True)
    made = family.claim(id="demo", source="[SRC] 1", statement="s", premises=(), conclusion="c",
                        derivation="derive_m_basin_interval")
    assert made.models == ("finite-k",) and made.symbolic_covers is False
    assert made.symbolic.__qualname__ == "certified('derive_m_basin_interval')"
    # a claim's own fields win over the family's, and without a derivation there is no symbolic route
    own = family.claim(id="own", source="[SRC] 1", statement="s", premises=(), conclusion="c", models=("large-k",),
                       derivation="derive_m_basin_interval", symbolic_covers=True)
    bare = family.claim(id="bare", source="[SRC] 1", statement="s", premises=(), conclusion="c")
    assert (own.models, own.symbolic_covers) == (("large-k",), True)
    assert (bare.symbolic, bare.symbolic_covers) == (None, True)


def _changes_something(claim, ctl) -> bool:
    return not (ctl.instance is claim.instance and ctl.premises == claim.premises and ctl.strategy is claim.strategy
                and ctl.symbolic in (None, claim.symbolic) and ctl.small_scope is claim.small_scope)


def test_every_registered_control_changes_something_of_its_parent():
    # a control equal to its parent in every route it runs could never be rejected
    for claim in all_claims():
        for ctl in claim.controls:
            assert _changes_something(claim, ctl), ctl.id
    # negative control: a variant that changes nothing is caught
    noop = PARENT.with_controls(Variant("noop", "nothing planted"))
    assert not _changes_something(noop, noop.controls[0])
