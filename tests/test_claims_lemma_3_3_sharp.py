"""The repaired Lemma 3.3 (outside atoms Pareto-dominated), proved; the sharp condition for m_t -> 0."""

import pytest

from pluralnash import premise_match, proof_for
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


@pytest.mark.parametrize("variant", planted_variants("lemma-3.3-repaired"), ids=lambda v: v[0])
def test_repaired_planted_variants_are_rejected_at_their_step(variant):
    label, proof, number, status = variant
    first = proof.check().first_uncertified
    assert first is not None, label
    assert (first.number, first.status.value) == (number, status), (label, first.reason)


def test_ties_in_every_reward_leave_the_strictness_step_open():
    label, proof, number, _ = planted_variants("lemma-3.3-repaired")[0]
    assert "ties" in label
    first = proof.check().first_uncertified
    assert first.number == number and "cannot decide the sign" in first.reason
