"""The claim registry's control builder: Claim.with_controls and Variant."""

import doctest

from pluralnash import _registry
from pluralnash._registry import Claim, Premise, Variant, all_claims
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
