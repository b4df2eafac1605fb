"""The verdict ladder on small synthetic claims: PROVED, VERIFIED, FALSIFIED, INCONCLUSIVE and their basis.

Every synthetic instance check is deterministic in the setup (it never depends on a random search
finding something): a control that must be rejected fails on every setup.
"""

import json
import subprocess
import sys

import hypothesis.strategies as st
import pytest

from pluralnash import _registry
from pluralnash._ladder import certificate_cited, certificate_steps
from pluralnash import PROFILES, Claim, Variant, run_claim, run_claims
from pluralnash.theory import CheckResult, ClaimVerdict, Verdict

QUICK = PROFILES["quick"]


def _setups():
    return st.integers(0, 10**9)


def holds(method="exact"):
    return lambda n: CheckResult("n is fine", Verdict.HOLDS, method, {"margin": "1"})


def fails(method="exact"):
    return lambda n: CheckResult("n is fine", Verdict.FAILS, method, {"n": n}, f"{n} is not fine")


def undecided(n):
    return CheckResult("n is fine", Verdict.UNDECIDED, "interval", {}, "interval too wide")


def proof(steps=3, cited=("a standard step",), verdict=Verdict.HOLDS):
    def run():
        checked = [{"name": f"step {k}", "verdict": verdict.value, "evidence": {}} for k in range(steps)]
        return CheckResult("proof", verdict, "symbolic", {"cited": list(cited), "checked": checked})
    return run


def claim(cid, *, instance=holds(), controls=("fails",), **fields):
    variants = [Variant(k, f"planted {k}", instance={"fails": fails(), "holds": holds()}[k]) for k in controls]
    return Claim(cid, "[TEST] synthetic", "n is fine", (), "n is fine", instance=instance, strategy=_setups,
                 **fields).with_controls(*variants)


@pytest.fixture
def registered():
    """Register synthetic claims for the test and remove them afterwards."""
    added = []

    def add(c):
        _registry.register(c)
        added.extend([c.id, *(k.id for k in c.controls)])
        return c
    yield add
    for cid in added:
        _registry._REGISTRY.pop(cid, None)


def test_certified_search_with_every_control_rejected_is_verified():
    rep = run_claim(claim("t-verified", controls=("fails", "fails")), profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.basis["kind"] == "property" and rep.basis["certified_setups"] >= QUICK
    assert rep.basis["undecided"] == 0 and rep.basis["controls_rejected"] == [2, 2]
    assert rep.basis_text == f"{rep.basis['certified_setups']} certified setups"


@pytest.mark.parametrize("method", ["mp-point"])
def test_mp_point_only_instance_check_is_never_verified(method):
    rep = run_claim(claim("t-mp-point", instance=holds(method)), profile="quick")
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE
    prop = next(r for r in rep.routes if r.route == "property")
    assert prop.verdict is Verdict.UNDECIDED and prop.evidence["certified_setups"] == 0
    assert prop.evidence["uncertified"] == prop.evidence["setups_tried"] > 0
    assert "mp-point" in rep.reason


def test_uncertified_fails_is_not_clean_and_not_a_counterexample():
    rep = run_claim(claim("t-mp-fails", instance=fails("mp-point")), profile="quick")
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE and rep.counterexample is None
    prop = next(r for r in rep.routes if r.route == "property")
    assert prop.evidence["uncertified_fails"] == prop.evidence["setups_tried"] > 0
    assert "uncertified FAILS" in prop.summary
    # the same check certified is a counterexample (negative control of the wrapper)
    certified = run_claim(claim("t-exact-fails", instance=fails("exact")), profile="quick")
    assert certified.verdict is ClaimVerdict.FALSIFIED and certified.basis["kind"] == "counterexample"


def test_an_undecided_setup_blocks_verified():
    rep = run_claim(claim("t-undecided", instance=undecided), profile="quick")
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE and "undecided" in rep.reason


def test_an_unrejected_control_makes_the_claim_inconclusive():
    rep = run_claim(claim("t-weak", controls=("fails", "holds", "fails")), profile="quick")
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE
    assert "search lacked power: 2/3 controls rejected" in rep.reason
    assert rep.basis["controls_rejected"] == [2, 3]
    # the unrejected control itself is never VERIFIED
    assert [c.verdict for c in rep.controls] == [ClaimVerdict.FALSIFIED, ClaimVerdict.INCONCLUSIVE,
                                                 ClaimVerdict.FALSIFIED]


def test_no_controls_or_controls_not_run_is_inconclusive():
    alone = run_claim(claim("t-alone", controls=()), profile="quick")
    assert alone.verdict is ClaimVerdict.INCONCLUSIVE and "no planted controls" in alone.reason
    skipped = run_claim(claim("t-skipped"), profile="quick", controls=False)
    assert skipped.verdict is ClaimVerdict.INCONCLUSIVE and "controls not run" in skipped.reason


def test_run_claims_combines_after_the_controls(registered):
    weak = registered(claim("t-sweep-weak", controls=("holds", "fails")))
    strong = registered(claim("t-sweep-strong", controls=("fails",)))
    reports = run_claims([weak, strong], profile="quick")
    assert [r.verdict for r in reports] == [ClaimVerdict.INCONCLUSIVE, ClaimVerdict.VERIFIED]
    assert "1/2 controls rejected" in reports[0].reason
    assert [r.to_json() for r in reports] == [run_claim(c, profile="quick").to_json() for c in (weak, strong)]


@pytest.mark.parametrize("fields, verdict", [
    (dict(symbolic=proof(), cites=("squeeze theorem",)), ClaimVerdict.PROVED),
    (dict(symbolic=proof(cited=()), cites=()), ClaimVerdict.PROVED),
    # a certificate covering only part of the statement
    (dict(symbolic=proof(), cites=("squeeze theorem",), symbolic_covers=False), ClaimVerdict.VERIFIED),
    # cited steps but no standard theorem named
    (dict(symbolic=proof(), cites=()), ClaimVerdict.VERIFIED),
    # no certified step
    (dict(symbolic=proof(steps=0), cites=("squeeze theorem",)), ClaimVerdict.VERIFIED),
    (dict(symbolic=proof(verdict=Verdict.UNDECIDED), cites=("squeeze theorem",)), ClaimVerdict.VERIFIED),
])
def test_proved_needs_a_complete_certified_symbolic_route(fields, verdict):
    rep = run_claim(claim("t-proof", **fields), profile="quick", use_cache=False)
    assert rep.verdict is verdict, rep.reason
    if verdict is ClaimVerdict.PROVED:
        assert rep.basis == {"kind": "symbolic", "steps": 3, "cites": list(fields["cites"]), "certificate": "proof"}
        assert rep.basis_text == "symbolic, 3 steps"
    else:
        assert rep.basis["kind"] == "property"


def test_a_certified_symbolic_refutation_is_falsified():
    rep = run_claim(claim("t-refuted", symbolic=proof(verdict=Verdict.FAILS)), profile="quick", use_cache=False)
    assert rep.verdict is ClaimVerdict.FALSIFIED and rep.basis == {"kind": "counterexample", "route": "symbolic",
                                                                  "method": "symbolic"}


def test_json_carries_the_basis():
    rep = run_claim(claim("t-json", controls=("fails",)), profile="quick")
    data = json.loads(json.dumps(rep.to_json()))
    assert data["verdict"] == "VERIFIED" and set(data["basis"]) >= {"kind", "certified_setups", "undecided"}
    assert data["controls"][0]["basis"]["kind"] == "counterexample"


def test_reports_and_verdicts_have_no_truth_value():
    rep = run_claim(claim("t-bool"), profile="quick", controls=False)
    for obj in (rep, rep.verdict, ClaimVerdict.PROVED):
        with pytest.raises(TypeError):
            bool(obj)


def test_certificate_steps_and_citations_are_counted_through_nesting():
    inner = {"cited": ["b"], "checked": [{"name": "x", "evidence": {}}, {"name": "y", "evidence": {}}]}
    outer = {"cited": ["a"], "checked": [{"name": "inner", "evidence": inner}, {"name": "z", "evidence": {}}]}
    assert certificate_steps(outer) == 3 and certificate_cited(outer) == ["a", "b"]
    assert certificate_steps({}) == 0


SHIPPED_PROVED = {"lemma-3.2", "lemma-3.3-appendix", "theorem-3.6", "theorem-3.7", "ferbach-lemma-2.2",
                  "mixing-floor"}


def test_the_shipped_complete_certificates_name_their_theorems():
    for c in _registry.all_claims():
        if c.id in SHIPPED_PROVED:
            assert c.symbolic_covers and c.cites, c.id
        else:
            assert not (c.symbolic is not None and c.symbolic_covers), c.id


# ----------------------------------------------------------------------------------------------
# the registry's loaded flag


def test_registering_before_any_lookup_keeps_the_builtin_claims():
    code = (
        "from pluralnash._registry import Claim, register, all_claims, _REGISTRY\n"
        "assert not _REGISTRY\n"
        "register(Claim('mine', '[TEST]', 's', (), 'c'))\n"
        "ids = [c.id for c in all_claims()]\n"
        "print(len(ids), 'lemma-3.1' in ids, 'mine' in ids)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    _registry.all_claims()
    builtins = len(_registry._PLACES)  # one table place per built-in claim
    assert out == [str(builtins + 1), "True", "True"]


def test_a_duplicate_id_is_refused_without_partial_registration(registered):
    registered(claim("t-dup"))
    with pytest.raises(ValueError, match="registered twice"):
        _registry.register(Claim("t-dup-new", "[TEST]", "s", (), "c").with_controls(
            Variant("x", "p"), Variant("x", "p")))
    assert "t-dup-new" not in _registry._REGISTRY


def test_the_staged_search_interface_is_consumed(monkeypatch):
    """A search that keeps its own certified count and stage reports (and takes the claim's small scope
    and whether it is a control) is read through them; the ladder's own wrapper still sees mp-point."""
    from pluralnash.properties import _search

    seen = {}

    class Outcome:
        tried, undecided, skipped, counterexample, min_margin, error = 30, 0, 0, None, 0.5, None
        certified_setups, boundary_undecided = 30, 0

        def stages_json(self, timings=True):
            return {"small-scope": {"examined": 20}, "targeted": {"examined": 10}}

    def staged(strategy, conclusion, *, premises=(), max_examples=50, seed=0, small_scope=None, control=False,
               screen=None):
        seen.update(small_scope=small_scope, control=control, max_examples=max_examples)
        conclusion(1)
        return Outcome()

    monkeypatch.setattr(_search, "search_counterexample", staged)
    scope = lambda bound: range(bound)  # noqa: E731
    rep = run_claim(claim("t-staged", small_scope=scope), profile="quick")
    assert seen == {"small_scope": scope, "control": True, "max_examples": QUICK}   # the last call: a control
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE      # its control was not rejected by the fake search
    assert rep.basis["certified_setups"] == 30 and rep.basis["stages"]["small-scope"] == {"examined": 20}
