"""The beyond-the-paper claims: verdicts, evidence and planted controls."""

import pytest

from pluralnash import ClaimVerdict, check_claim, run_claim
from pluralnash.numeric import Landscape


@pytest.fixture(scope="module")
def collapse_report():
    return run_claim("collapse-criterion", profile="quick")


def test_collapse_criterion_verified_with_partial_certificate(collapse_report):
    assert collapse_report.verdict is ClaimVerdict.VERIFIED, collapse_report.reason
    routes = {r.route: r for r in collapse_report.routes}
    assert routes["symbolic"].verdict.value == "HOLDS" and routes["property"].verdict.value == "HOLDS"


def test_collapse_controls_all_rejected(collapse_report):
    assert collapse_report.power == (3, 3)
    for c in collapse_report.controls:
        assert c.verdict is ClaimVerdict.FALSIFIED, (c.claim.id, c.reason)
        if c.counterexample is not None:
            again = check_claim(c.claim, c.counterexample)
            assert again["conclusion"]["verdict"] == "FAILS" and again["conclusion"]["certified"]


def test_check_claim_on_the_compromise_setup():
    L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
    out = check_claim("collapse-criterion", L)
    assert out["conclusion"]["verdict"] == "HOLDS"
    assert out["conclusion"]["evidence"]["predicted_group"] == [2]


def test_finite_k_limit_verified_and_controls_rejected():
    rep = run_claim("finite-k-limit", profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.power == (3, 3), [(c.claim.id, c.reason) for c in rep.controls]


def test_plateau_exact_verified_and_controls_rejected():
    rep = run_claim("plateau-exact", profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.power == (3, 3), [(c.claim.id, c.reason) for c in rep.controls]
