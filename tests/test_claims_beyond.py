"""The beyond-the-paper claims: verdicts, evidence and planted controls."""

import pytest

from pluralnash import ClaimVerdict, Verdict, check_claim, run_claim
from pluralnash.numeric import Landscape


def test_collapse_criterion_proved_by_its_replay_with_a_partial_certificate_beside_it(quick_report):
    collapse_report = quick_report("collapse-criterion")
    assert collapse_report.verdict is ClaimVerdict.PROVED, collapse_report.reason
    routes = {r.route: r for r in collapse_report.routes}
    assert routes["proof"].verdict.value == "HOLDS" and routes["proof"].certified
    assert collapse_report.basis["proof"] == "replay"
    assert routes["symbolic"].verdict.value == "HOLDS" and routes["property"].verdict.value == "HOLDS"


def test_collapse_controls_all_rejected(quick_report):
    collapse_report = quick_report("collapse-criterion")
    assert collapse_report.power == (3, 3)
    for c in collapse_report.controls:
        assert c.verdict is ClaimVerdict.FALSIFIED, (c.claim.id, c.reason)
        if c.counterexample is not None:
            again = check_claim(c.claim, c.counterexample)
            assert again.conclusion.verdict is Verdict.FAILS and again.conclusion.certified


def test_check_claim_on_the_compromise_setup():
    L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
    out = check_claim("collapse-criterion", L)
    assert out.conclusion.verdict is Verdict.HOLDS
    assert out.conclusion.evidence["predicted_group"] == [2]


def test_finite_k_limit_rests_on_mp_point_evidence_so_is_inconclusive_and_controls_rejected():
    # its instance check decides by mp-point agreement, which is evidence, never a certificate
    rep = run_claim("finite-k-limit", profile="quick")
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE, rep.reason
    assert "mp-point" in rep.reason and rep.basis["certified_setups"] == 0
    assert rep.power == (3, 3), [(c.claim.id, c.reason) for c in rep.controls]


def test_plateau_exact_proved_and_controls_rejected():
    rep = run_claim("plateau-exact", profile="quick")
    assert rep.verdict is ClaimVerdict.PROVED and rep.basis["proof"] == "replay", rep.reason
    assert rep.power == (3, 3), [(c.claim.id, c.reason) for c in rep.controls]


# -- bad arguments, in one table -------------------------------------------------------------------

from pluralnash.claims import solve_finite_k_rate  # noqa: E402
from pluralnash.claims.beyond.checks import plateau_constants  # noqa: E402
from pluralnash import properties as sb  # noqa: E402
from pluralnash.theory import InvalidArgument  # noqa: E402

_NOT_EXACT = Landscape(rewards=[["0", "-1"], ["-1", "0"]])
_POINT_MASS = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
_OUTSIDE = Landscape(exp_rewards=[["1", "1/2", "1/10"], ["1/2", "1", "1/10"]], exp_eps="3/4")


@pytest.mark.parametrize("call, match", [
    (lambda: solve_finite_k_rate(_NOT_EXACT), "exp_rewards"),
    (lambda: solve_finite_k_rate(_POINT_MASS), "charges 1 group"),
    (lambda: plateau_constants(_NOT_EXACT), "exp_rewards and exp_eps"),
    (lambda: plateau_constants(_OUTSIDE), "outside atoms"),
    (lambda: plateau_constants(_POINT_MASS.replace(exp_eps="9/10")), "plateau|basin"),
    (lambda: sb.compromise_landscapes(min_rewards=3, max_rewards=2), "max_rewards"),
    (lambda: sb.degenerate_collapse_landscapes(min_rewards=1), "min_rewards"),
    (lambda: sb.interior_limit_landscapes(max_extra_atoms=-1), "max_extra_atoms"),
    (lambda: sb.plateau_window_landscapes(max_basin_atoms=0), "max_basin_atoms"),
    (lambda: sb.ferbach_landscapes(max_atoms=1), "max_atoms"),
    (lambda: sb.single_reward_landscapes(max_atoms=0), "max_atoms"),
])
def test_bad_arguments(call, match):
    with pytest.raises(InvalidArgument, match=match):
        out = call()
        if hasattr(out, "validate"):  # a strategy checks its arguments at first use, as Hypothesis's do
            out.validate()
