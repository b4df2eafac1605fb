"""Proof replays: every step certified or named, planted broken variants rejected at their step."""

import pytest
import sympy

from pluralnash._proofs import proof_for, proof_ids, refute_a21_implies_b4
from pluralnash.theory import InvalidArgument
from pluralnash.theory._proof import STANDARD_THEOREMS, Proof, Step, StepStatus
from pluralnash.theory._proofs_fala import PROOFS
from pluralnash.theory._proofs_planted import planted_variants

COMPLETE = ["theorem-3.7", "lemma-3.3-appendix", "theorem-3.6", "prop-3.4", "plateau-exact", "lemma-3.2",
            "ferbach-lemma-2.2", "lemma-3.1", "ferbach-lemma-2.1", "corollary-3.8", "collapse-criterion",
            "nash-limit"]


@pytest.mark.parametrize("claim_id", COMPLETE)
def test_complete_proofs_certify_every_step_and_cross_check_each_statement(claim_id):
    proof = proof_for(claim_id)
    res = proof.check()
    assert res.complete is True
    assert res.first_uncertified is None
    for step, out in zip(proof.steps, res.steps):
        assert out.status is StepStatus.CERTIFIED
        if step.statement is not None:  # decided by algebra: checked at exact points too
            assert out.cross_checked >= 1, (out.number, out.text)
        else:  # a citation step names only standard theorems
            assert out.cites and all(c in STANDARD_THEOREMS for c in out.cites)


def test_basis_counts_steps_and_cites():
    basis = proof_for("theorem-3.7").check().basis
    assert basis["steps"] == basis["certified_steps"] == 14 and basis["first_uncertified"] is None
    assert "strict concavity" in basis["cites"]
    open_basis = proof_for("lemma-3.4").check().basis
    assert open_basis["first_uncertified"]["number"] == 9 and open_basis["certified_steps"] == 9


def test_leakage_interval_names_its_first_uncertified_step_with_the_reason():
    res = proof_for("lemma-3.4").check()
    assert res.complete is False
    first = res.first_uncertified
    assert first.status is StepStatus.NOT_CERTIFIED
    assert first.number == 9 and "liminf" in first.reason
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps if s.number != 9)


def test_non_collapse_rests_on_the_leakage_interval_and_says_so():
    res = proof_for("lemma-3.5").check()
    first = res.first_uncertified
    assert first.number == 3 and first.status is StepStatus.NOT_CERTIFIED
    assert "lemma-3.4" in first.reason and "step 9" in first.reason


def test_mixing_fixed_point_names_the_jacobian_step_as_open():
    res = proof_for("mixing-fixed-point").check()
    first = res.first_uncertified
    assert (first.number, first.status) == (9, StepStatus.NOT_CERTIFIED)
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps[:8])


def test_main_text_lemma_3_3_breaks_at_assumption_2_1_implies_b4():
    res = proof_for("lemma-3.3").check()
    first = res.first_uncertified
    assert first.number == 1 and first.status is StepStatus.FAILS
    ce = first.counterexample
    assert (ce["W_0"], ce["m_0"], ce["m_1"]) == ("64/63", "1/8", "8/63")
    # the rest of the argument (B.4 => decay) is sound: every later step is certified
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps[1:])


def test_a21_refutation_is_undecided_on_a_setup_where_b4_holds_at_t0():
    setup = {"exp_rewards": [["1", "1/100", "1/100"], ["1/100", "1", "1/100"]], "weights": ["1/2", "1/2"],
             "p0": ["1/3", "1/3", "1/3"], "exp_eps": "1/2"}
    out = refute_a21_implies_b4(setup)
    assert out["verdict"] == "UNDECIDED"


CASES = [(cid, label, proof, n, status) for cid in PROOFS for label, proof, n, status in planted_variants(cid)]


@pytest.mark.parametrize("claim_id,label,proof,number,status", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_planted_broken_variant_is_rejected_at_its_step(claim_id, label, proof, number, status):
    first = proof.check().first_uncertified
    assert first is not None, label
    assert (first.number, first.status.value) == (number, status)


def test_every_proof_has_planted_variants_of_each_kind():
    for cid in PROOFS:
        labels = " ".join(label for label, *_ in planted_variants(cid))
        assert len(planted_variants(cid)) >= 2, cid
        assert "off by one" in labels, cid


def test_proof_ids_cover_the_registry_of_proofs():
    assert set(proof_ids()) == set(PROOFS) | {"lemma-3.3"}
    assert proof_for("no-such-claim") is None


x = sympy.Symbol("x", positive=True)
y = sympy.Symbol("y", real=True)


def test_given_is_used_only_when_it_is_a_premise_or_a_used_step():
    given = sympy.Ge(y, 1)
    step = Step("y + x > 0", sympy.Gt(y + x, 0), given=((given, y),))
    ok = Proof("demo", "demo", "demo", steps=(step,), premises=(given,)).check()
    assert ok.complete is True
    broken = Proof("demo", "demo", "demo", steps=(step,)).check()
    assert broken.steps[0].status is StepStatus.NOT_CERTIFIED


def test_a_step_sympy_cannot_decide_is_named_not_skipped():
    step = Step("e^x >= 1 + x", sympy.Ge(sympy.exp(x), 1 + x))
    res = Proof("demo", "demo", "demo", steps=(step,)).check()
    assert res.steps[0].status is StepStatus.NOT_CERTIFIED and "sign" in res.steps[0].reason


def test_a_domain_step_is_certified_by_the_attached_route_and_only_then():
    from pluralnash._proofs import _domain_prover

    step = Step("e^x > x on [0, 2]", sympy.Gt(sympy.exp(x), x), box={"x": (0, 2)})
    proof = Proof("demo", "demo", "demo", steps=(step,))
    assert proof.check().steps[0].status is StepStatus.NOT_CERTIFIED
    assert proof.with_domain_prover(_domain_prover).check().complete is True
    wrong = proof.planted(1, statement=sympy.Gt(x, sympy.exp(x)))
    out = wrong.with_domain_prover(_domain_prover).check().steps[0]
    assert out.status is StepStatus.FAILS and out.counterexample is not None


def test_sum_of_squares_certificate():
    a, b = sympy.symbols("a b", real=True)
    step = Step("a^2 + b^2 >= 2ab", sympy.Ge(a**2 + b**2, 2 * a * b), sos=((1, a - b),))
    assert Proof("demo", "demo", "demo", steps=(step,)).check().complete is True
    bad = Step("a^2 + b^2 >= 3ab", sympy.Ge(a**2 + b**2, 3 * a * b), sos=((1, a - b),))
    assert Proof("demo", "demo", "demo", steps=(bad,)).check().complete is False


def test_proof_result_has_no_truth_value():
    res = proof_for("theorem-3.7").check()
    with pytest.raises(TypeError):
        bool(res)
    with pytest.raises(TypeError):
        bool(StepStatus.CERTIFIED)


@pytest.mark.parametrize("kwargs", [
    {"text": "t", "statement": "x > 0"},
    {"text": "t", "statement": sympy.Gt(x, 0), "given": ((sympy.Gt(x, 0),),)},
])
def test_bad_step_arguments(kwargs):
    with pytest.raises(InvalidArgument):
        Step(**kwargs)


@pytest.mark.parametrize("name", ["pluralnash.theory._proof", "pluralnash._proofs", "pluralnash.numeric._domain"])
def test_doctests_of_the_proof_modules(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
