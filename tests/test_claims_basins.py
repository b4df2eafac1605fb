"""The registered basin-mass claims: verdicts, planted variants, re-checked counterexamples, command line,
and every bad argument of the basin-mass API in one table."""

from __future__ import annotations

import json

import pytest

from pluralnash import cli
from pluralnash import check_claim, get_claim, run_claim
from pluralnash.numeric import Landscape, save_setup
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.premises.basin_premises import check_assumption_2_1_i, check_assumption_2_1_iii, check_assumption_b5
from pluralnash.claims.basins.checks import check_lemma_3_3, check_lemma_3_5
from pluralnash.properties import non_collapse_landscapes, overlapping_basin_landscapes
from pluralnash.theory import ClaimVerdict, InvalidArgument, Verdict
from pluralnash.theory import certify_lemma_3_3, derive_decay_induction, derive_leakage_interval
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.numeric.premises.run_premises import check_assumption_b4, scan_outside

IDS = ("lemma-3.3", "lemma-3.3-appendix", "lemma-3.4", "lemma-3.5")
COMPROMISE = Landscape(exp_rewards=[["1", "1/2", "8/9"], ["1/2", "1", "8/9"]], exp_eps="9/10")


@pytest.fixture(scope="module")
def reports():
    return {cid: run_claim(cid, profile="default", seed=0) for cid in IDS}


def test_registered_with_readings_and_controls():
    for cid in IDS:
        claim = get_claim(cid)
        assert len(claim.controls) >= 2 and claim.reading and claim.symbolic is not None
        assert all(c.planted and c.id.startswith(cid + "~") for c in claim.controls)
    assert "one delta" in get_claim("lemma-3.3").reading
    assert "kappa_i < 1" in get_claim("lemma-3.4").reading
    assert "support" in get_claim("lemma-3.4").reading


@pytest.mark.parametrize("cid, expected", [
    ("lemma-3.3", ClaimVerdict.FALSIFIED),
    ("lemma-3.3-appendix", ClaimVerdict.PROVED),
    ("lemma-3.4", ClaimVerdict.PROVED),
    ("lemma-3.5", ClaimVerdict.PROVED),
])
def test_verdicts(reports, cid, expected):
    rep = reports[cid]
    assert rep.verdict is expected, rep.reason
    prop = [r for r in rep.routes if r.route == "property"][0]
    if expected is ClaimVerdict.VERIFIED:
        assert prop.evidence["undecided"] == 0 and prop.evidence["certified_setups"] >= rep.basis["required"] > 0
    if expected is ClaimVerdict.PROVED:
        assert rep.basis["kind"] == "symbolic" and rep.basis["steps"] > 0 and rep.basis["cites"]


@pytest.mark.parametrize("cid", IDS)
def test_every_planted_variant_is_falsified(reports, cid):
    rep = reports[cid]
    hit, total = rep.power
    assert total >= 2 and hit == total, [(c.claim.id, c.verdict, c.reason) for c in rep.controls]


def _assert_rechecks(claim_id, setup):
    out = check_claim(claim_id, setup)
    for premise in out.premises:
        assert premise.verdict is Verdict.HOLDS and premise.certified, premise
    assert out.conclusion.verdict is Verdict.FAILS and out.conclusion.certified, out.conclusion


@pytest.mark.parametrize("cid", IDS)
def test_every_counterexample_rechecks_as_certified(reports, cid):
    rep = reports[cid]
    for r in (rep, *rep.controls):
        if r.verdict is ClaimVerdict.FALSIFIED:
            assert r.counterexample is not None
            _assert_rechecks(r.claim.id, r.counterexample)


def test_the_main_text_lemma_fails_even_under_all_of_assumption_2_1():
    _assert_rechecks("lemma-3.3", COMPROMISE)
    out = check_claim("lemma-3.3", COMPROMISE).conclusion.evidence
    assert out["Assumption 2.1(ii) also"] == "HOLDS" and out["limit_outside_mass"] == "1"
    # the appendix form rejects it at its premise: B.4 fails at t = 0
    appendix = check_claim("lemma-3.3-appendix", COMPROMISE)
    assert appendix.premise("Assumption B.4").verdict is Verdict.FAILS


def test_symbolic_routes(reports):
    def sym(cid):
        return [r for r in reports[cid].routes if r.route == "symbolic"][0]
    assert sym("lemma-3.3").verdict.value == "UNDECIDED"
    for cid in ("lemma-3.4", "lemma-3.5"):
        assert sym(cid).verdict.value == "HOLDS" and not get_claim(cid).symbolic_covers
    # under the appendix's standing B.3 the certificate covers the whole conclusion
    assert sym("lemma-3.3-appendix").verdict.value == "HOLDS" and get_claim("lemma-3.3-appendix").symbolic_covers


def test_command_line_check_confirms_a_counterexample(tmp_path, capsys):
    path = tmp_path / "compromise.json"
    save_setup(COMPROMISE, path)
    assert cli.main(["check", "lemma-3.3", "--setup", str(path)]) == 1  # the conclusion FAILS
    text = capsys.readouterr().out
    assert "conclusion FAILS" in text and "Assumption 2.1(iii) (exact, certified)" in text
    summary = text.split("\nconclusion ")[-1]  # the summary line, wrapped at the terminal's width
    assert "certified counterexample to lemma-3.3" in " ".join(summary.split())
    assert cli.main(["check", "lemma-3.3", "--setup", str(path), "--json", "-"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["conclusion"]["verdict"] == "FAILS" and data["conclusion"]["certified"]


L2 = Landscape(exp_rewards=[["1", "1/3", "1/10"], ["1/3", "1", "1/10"]], exp_eps="1/2")

BAD = [
    (check_assumption_2_1_i, (L2,), {"bounds": [[0, 1]]}, r"bounds=.* must be two pairs"),
    (check_assumption_2_1_i, (L2,), {"bounds": [[1, 0], [0, 1]]}, r"bounds\[0\]=.* has L > U"),
    (check_assumption_2_1_i, (L2,), {"bounds": [["x", 0], [0, 1]]}, r"bounds\[0\]\[0\]='x' is not a number"),
    (check_assumption_2_1_iii, (L2,), {"gaps": [1]}, r"gaps=\[1\] must be a list of 2 numbers"),
    (check_assumption_2_1_iii, (L2,), {"delta": True}, r"delta=True is a bool"),
    (check_assumption_b5, (L2,), {"gaps": "12"}, r"gaps='12' must be a list of 2 numbers"),
    (check_assumption_b4, ("not a landscape",), {}, r"landscape='not a landscape' must be a Landscape"),
    (measure_basin_constants, (Landscape(exp_rewards=[["1", "1/2"]], exp_eps="1/2"),), {},
     r"stated for two rewards; this setup has m = 1"),
    (scan_outside, (L2,), {"horizon": 0}, r"horizon=0 must be a whole number >= 1"),
    (scan_outside, (L2,), {"prec": 16}, r"prec=16 must be a whole number of bits >= 53"),
    (check_lemma_3_3, (L2,), {"horizon": 2.5}, r"horizon=2\.5 must be a whole number"),
    (check_lemma_3_5, (L2,), {"horizon": -1}, r"horizon=-1 must be a whole number"),
    (Real, (), {}, r"Real\(\) needs exact= or thunk="),
    (Real.of, ("1/2",), {}, r"value='1/2' of type str is not a number Real can hold"),
    (derive_decay_induction, (), {"k": 0}, r"k=0 must be an int >= 1"),
    (certify_lemma_3_3, ("both",), {}, r"form='both' must be 'appendix'"),
    (derive_leakage_interval, (), {"lower": 0.5}, r"lower=0\.5 is a float"),
    (derive_leakage_interval, (), {"lower": "q +"}, r"does not parse"),
    (derive_leakage_interval, (), {"upper": "q*z"}, r"also uses z"),
    (non_collapse_landscapes, (), {"min_gap": 1}, r"min_gap=1 must be >= 2"),
    (non_collapse_landscapes, (), {"q_in_range": "yes"}, r"q_in_range='yes' must be True or False"),
    (non_collapse_landscapes, (), {"exact": True, "eps": "1/2"}, r"eps='1/2' needs exact=False"),
    (overlapping_basin_landscapes, (), {"min_overlap_atoms": 0}, r"min_overlap_atoms=0 must be >= 1"),
    (overlapping_basin_landscapes, (), {"max_outside_atoms": -1}, r"max_outside_atoms=-1 must be >= 0"),
    (overlapping_basin_landscapes, (), {"min_overlap_atoms": 3, "max_overlap_atoms": 2},
     r"max_overlap_atoms=2 is below min_overlap_atoms=3"),
]


@pytest.mark.parametrize("func, args, kwargs, message", BAD)
def test_bad_arguments(func, args, kwargs, message):
    with pytest.raises(InvalidArgument, match=message):
        out = func(*args, **kwargs)
        if hasattr(out, "validate"):  # a strategy checks its arguments at first use, as Hypothesis's do
            out.validate()


def test_command_line_check_rejects_an_unknown_claim(capsys):
    assert cli.main(["check", "lemma-3.33", "--setup", "x.json"]) == 2
    assert "did you mean" in capsys.readouterr().err

