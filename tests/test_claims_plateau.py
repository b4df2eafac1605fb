"""The registered claims prop-3.4, theorem-3.6 and corollary-3.8: verdicts, planted variants rejected with
counterexamples that re-check as certified, and every bad argument of the plateau modules in one table."""

import json
from fractions import Fraction

import pytest
import sympy

from pluralnash import cli
from pluralnash import all_claims, check_claim, get_claim, run_claim
from pluralnash.numeric import Landscape
from pluralnash.claims.plateau import checks
from pluralnash.numeric import premises
from pluralnash import properties as strategies
from pluralnash.theory import ClaimVerdict, InvalidArgument, Verdict
from pluralnash import theory

CLAIMS = ("prop-3.4", "theorem-3.6", "corollary-3.8")
PLATEAU = Landscape(exp_rewards=[["1", "1", "1/5"], ["1/3", "1/3", "1"]], weights=["2/5", "3/5"],
                    p0=["1/8", "1/8", "3/4"], exp_eps="1/2")


@pytest.fixture(scope="module")
def reports():
    return {cid: run_claim(cid) for cid in CLAIMS}


def test_registered_in_order_with_at_least_two_controls():
    ids = [c.id for c in all_claims()]
    assert [i for i in ids if i in CLAIMS] == list(CLAIMS)
    for cid in CLAIMS:
        claim = get_claim(cid)
        assert len(claim.controls) >= 2 and claim.reading and claim.premises
        assert all(c.planted for c in claim.controls)


@pytest.mark.parametrize("cid", CLAIMS)
def test_claim_verdicts(reports, cid):
    report = reports[cid]
    # theorem-3.6's certificate covers its whole conclusion; prop-3.4 and corollary-3.8 rest on complete replays
    assert report.verdict is ClaimVerdict.PROVED, report.reason
    routes = {r.route: r for r in report.routes}
    assert routes["symbolic"].verdict is Verdict.HOLDS and routes["symbolic"].certified
    assert routes["property"].verdict is Verdict.HOLDS, routes["property"].summary
    assert routes["property"].evidence["setups_tried"] >= 15
    assert routes["property"].evidence["undecided"] == 0
    # only theorem-3.6's certificate covers its whole conclusion
    assert get_claim(cid).symbolic_covers is (cid == "theorem-3.6")


def _controls(reports):
    return [(cid, c) for cid in CLAIMS for c in reports[cid].controls]


@pytest.mark.parametrize("index", range(10))
def test_every_control_is_falsified_by_a_certified_counterexample(reports, index):
    pairs = _controls(reports)
    assert len(pairs) == 10
    parent_id, control = pairs[index]
    assert control.verdict is ClaimVerdict.FALSIFIED, (control.claim.id, control.reason)
    assert control.counterexample is not None, control.claim.id
    out = check_claim(control.claim.id, control.counterexample)
    for p in out.premises:
        assert p.verdict is Verdict.HOLDS and p.certified, (control.claim.id, p)
    assert out.conclusion.verdict is Verdict.FAILS and out.conclusion.certified
    sym = {r.route: r for r in control.routes}.get("symbolic")
    if control.claim.symbolic is not None:
        assert sym.verdict is Verdict.FAILS and sym.certified
    # the parent statement holds on it, or the counterexample breaks exactly a premise the control dropped
    parent = get_claim(parent_id)
    full = check_claim(parent, control.counterexample)
    kept = {p.name for p in control.claim.premises}
    dropped = [p for p in full.premises if p.name not in kept]
    if dropped:
        assert any(p.verdict is Verdict.FAILS and p.certified for p in dropped), dropped
    else:
        assert full.conclusion.verdict is Verdict.HOLDS, full.conclusion


def test_counterexample_rechecks_from_a_setup_file(reports, tmp_path, capsys):
    control = next(c for c in reports["prop-3.4"].controls if c.claim.id.endswith("no-outside-domination"))
    path = tmp_path / "compromise.json"
    path.write_text(json.dumps(control.counterexample.to_json()))
    assert cli.main(["check", control.claim.id, "--setup", str(path), "--json", "-"]) == 1  # conclusion FAILS
    out = json.loads(capsys.readouterr().out)
    assert out["conclusion"]["verdict"] == "FAILS" and out["conclusion"]["certified"]
    assert cli.main(["check", "prop-3.4", "--setup", str(path)]) == 1  # the conclusion FAILS, a premise too
    text = capsys.readouterr().out
    assert "premise    FAILS" in text and "hard-separation" in text
    assert "the claim does not apply to this setup" in " ".join(text.split("\nconclusion ")[-1].split())


# --- every bad argument of the plateau modules ------------------------------------------------------

BAD = [
    (lambda: theory.certify_plateau_endpoint(0.5), "float"),
    (lambda: theory.certify_plateau_endpoint("q + z"), "q only"),
    (lambda: theory.certify_plateau_endpoint("q", finite_gap="yes"), "True or False"),
    (lambda: theory.certify_variance_bound("a + x"), "a, Delta, eps only"),
    (lambda: theory.certify_variance_bound(sympy.Symbol("a") > 0), "expression"),
    (lambda: theory.plateau_limit_value(0.5, Fraction(1, 3), Fraction(1, 3)), "exact rational"),
    (lambda: theory.plateau_limit_value(Fraction(1, 2), Fraction(1), Fraction(1, 3)), "(0, 1)"),
    (lambda: theory.plateau_limit_value(Fraction(3, 2), Fraction(1, 3), Fraction(1, 3)), "[0, 1]"),
    (lambda: premises.check_plateau([[1, 2]]), "must be a Landscape"),
    (lambda: checks.check_basin_conditionals(PLATEAU, steps=0), "steps=0"),
    (lambda: checks.check_basin_conditionals(PLATEAU, steps=True), "steps=True"),
    (lambda: checks.check_hard_separation_limit(PLATEAU, gap="soft"), "'hard' or 'finite'"),
    (lambda: checks.check_hard_separation_limit(PLATEAU, family=-1), "family=-1"),
    (lambda: checks.check_hard_separation_limit(PLATEAU, family=True), "family=True"),
    (lambda: premises.measure_b5(Landscape(exp_rewards=[["1", "9/10"], ["9/10", "1"]], exp_eps="1/2")), "intersect"),
    (lambda: premises.measure_b5(Landscape(exp_rewards=[["1", "1/2"]], exp_eps="1/2")), "m = 2"),
    (lambda: strategies.plateau_hard_separation_landscapes(max_basin_atoms=0), "max_basin_atoms=0"),
    (lambda: strategies.plateau_hard_separation_landscapes(max_outside_atoms=-1), "max_outside_atoms=-1"),
    (lambda: strategies.plateau_hard_separation_landscapes(compromise="yes"), "compromise='yes'"),
    (lambda: strategies.plateau_hard_separation_landscapes(compromise=True, max_outside_atoms=0), "compromise=True"),
    (lambda: strategies.nonplateau_landscapes(max_basin_atoms=1), "max_basin_atoms=1"),
    (lambda: strategies.variance_landscapes(max_basin_atoms=2.5), "max_basin_atoms=2.5"),
    (lambda: strategies.variance_landscapes(compromise=1), "compromise=1"),
]


@pytest.mark.parametrize("call, message", BAD, ids=[m for _, m in BAD])
def test_bad_arguments(call, message):
    with pytest.raises(InvalidArgument) as info:
        out = call()
        if hasattr(out, "validate"):  # a strategy checks its arguments at first use, as Hypothesis's do
            out.validate()
    assert message in str(info.value)
