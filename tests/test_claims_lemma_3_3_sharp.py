"""The repaired Lemma 3.3 (outside atoms Pareto-dominated), proved; the sharp condition for m_t -> 0."""

from fractions import Fraction as F

import pytest

from pluralnash import ClaimVerdict, premise_match, proof_for, run_claim
from pluralnash.claims.lemma_3_3_sharp import check_lemma_3_3_sharp, maximiser_vertices
from pluralnash.numeric import Landscape
from pluralnash._proofs import proof_certificate
from pluralnash.theory import Verdict
from pluralnash.theory._proof import STANDARD_THEOREMS, StepStatus
from pluralnash.theory._proofs_planted import planted_variants


def test_repaired_replay_is_complete_and_covers_the_claim_as_registered():
    proof = proof_for("lemma-3.3-repaired")
    res = proof.check()
    assert res.complete is True and res.covers is None
    for step, out in zip(proof.steps, res.steps):
        assert out.status is StepStatus.CERTIFIED, (out.number, out.reason)
        if step.statement is not None:
            assert out.cross_checked >= 1, out.number
        elif step.proved_by:
            assert step.proved_by == ("nash-limit",) and out.how.startswith("lemma")
        else:
            assert out.cites and all(c in STANDARD_THEOREMS for c in out.cites)
    assert proof_certificate("lemma-3.3-repaired").verdict is Verdict.HOLDS


def test_repaired_replay_premises_match_the_registered_claim():
    match = premise_match("lemma-3.3-repaired")
    assert match.consistent is True, match.problems
    assert match.special == () and match.covers is None
    assert set(match.mapping) == {"large-K regime", "outside atoms dominated"}


PLANTED = [v for cid in ("lemma-3.3-repaired", "lemma-3.3-sharp") for v in planted_variants(cid)]


@pytest.mark.parametrize("variant", PLANTED, ids=lambda v: v[0])
def test_planted_variants_are_rejected_at_their_step(variant):
    label, proof, number, status = variant
    first = proof.check().first_uncertified
    assert first is not None, label
    assert (first.number, first.status.value) == (number, status), (label, first.reason)


def test_ties_in_every_reward_leave_the_strictness_step_open():
    label, proof, number, _ = planted_variants("lemma-3.3-repaired")[0]
    assert "ties" in label
    first = proof.check().first_uncertified
    assert first.number == number and "cannot decide the sign" in first.reason


# -- the sharp condition ------------------------------------------------------------------------------

def _three(b, p0=(F(1, 3),) * 3, q=F(1, 2)):
    """Basin atoms a = (1, 1/10), c = (1/10, 1) and an outside atom b between them (e^{-eps} = 9/10)."""
    return Landscape(exp_rewards=[[F(1), b[0], F(1, 10)], [F(1, 10), b[1], F(1)]], weights=[q, 1 - q],
                     p0=list(p0), exp_eps=F(9, 10))


FACE = _three((F(11, 20), F(11, 20)), p0=(F(1, 2), F(1, 4), F(1, 4)))   # b = (a + c)/2: a face of maximisers
COMPROMISE = _three((F(1, 3), F(1, 3)))                                    # undominated, W* < 1: m_t -> 0
KEPT = _three((F(7, 10), F(7, 10)))                                        # above the face: the limit keeps b


@pytest.mark.parametrize("L, vanishes", [(COMPROMISE, True), (KEPT, False), (FACE, False)],
                         ids=["compromise-emptied", "compromise-kept", "face"])
def test_sharp_condition_decides_both_directions(L, vanishes):
    res = check_lemma_3_3_sharp(L)
    assert res.verdict is Verdict.HOLDS, res.reason
    assert res.evidence["m_t -> 0"] is vanishes and res.evidence["condition"] is vanishes
    if not vanishes:  # a certified bound below the exact run, positive for every t
        lo = float(res.evidence["m_t_lower_bound"].strip("[]").split(",")[0])
        assert lo > 0


def test_the_face_has_maximisers_with_and_without_outside_mass():
    vertices, why = maximiser_vertices(FACE)
    assert why is None
    assert {v[1] > 0 for v in vertices} == {True, False}


def test_some_maximiser_control_is_refuted_on_the_face_only():
    assert check_lemma_3_3_sharp(FACE, every=False).verdict is Verdict.FAILS
    # where the maximiser is unique, "some" and "every" agree
    for L in (COMPROMISE, KEPT):
        assert check_lemma_3_3_sharp(L, every=False).verdict is Verdict.HOLDS


def test_pareto_condition_is_not_necessary():
    res = check_lemma_3_3_sharp(COMPROMISE, pareto=True)
    assert res.verdict is Verdict.FAILS and "dominated by no basin atom" in res.reason
    assert check_lemma_3_3_sharp(KEPT, pareto=True).verdict is Verdict.HOLDS  # m_t stays: vacuous


def test_sharp_replay_is_complete_and_its_premises_match_the_claim():
    res = proof_for("lemma-3.3-sharp").check()
    assert res.complete is True and res.covers is None
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps)
    match = premise_match("lemma-3.3-sharp")
    assert match.consistent is True and match.special == (), match.problems


def test_sharp_claim_proved_with_both_controls_falsified():
    rep = run_claim("lemma-3.3-sharp", profile="quick")
    assert rep.verdict is ClaimVerdict.PROVED, rep.reason
    assert rep.power == (2, 2), [(c.claim.id, c.reason) for c in rep.controls]
    assert all(c.verdict is ClaimVerdict.FALSIFIED for c in rep.controls)


def test_sharp_claim_sits_beside_the_repaired_lemma():
    from pluralnash import all_claims

    ids = [c.id for c in all_claims()]
    assert ids.index("lemma-3.3-sharp") == ids.index("lemma-3.3-repaired") + 1


def test_sharp_check_needs_exact_rewards_and_a_basin_width():
    res = check_lemma_3_3_sharp(COMPROMISE.replace(exp_eps=None))
    assert res.verdict is Verdict.UNDECIDED and "eps" in res.reason
