"""Proof replays: every step certified or named, planted broken variants rejected at their step."""

import functools
from dataclasses import replace

import pytest
import sympy

from pluralnash import premise_match, proof_for, proof_ids
from pluralnash._proofs import refute_a21_implies_b4
from pluralnash import get_claim
from pluralnash.theory import InvalidArgument
from pluralnash.theory._proof import STANDARD_THEOREMS, Proof, Step, StepStatus
from pluralnash.theory._proof_premises import PREMISE_MAPS, PremiseMap, match_premises
from pluralnash.theory._proofs_fala import PROOFS
from pluralnash.theory._proofs_planted import planted_variants

COMPLETE = ["theorem-3.7", "lemma-3.3-appendix", "plateau-exact", "lemma-3.2",
            "ferbach-lemma-2.2", "lemma-3.1", "ferbach-lemma-2.1", "collapse-criterion",
            "prop-3.4", "nash-limit", "theorem-3.6", "corollary-3.8", "lemma-3.4", "lemma-3.5",
            "continuous-closed-form", "ferbach-2.1-supported", "mixing-fixed-point"]


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
        elif step.proved_by:  # rests on another claim's complete replay
            assert out.how.startswith("lemma")
        else:  # a citation step names only standard theorems
            assert out.cites and all(c in STANDARD_THEOREMS for c in out.cites)


def test_basis_counts_steps_and_cites():
    basis = proof_for("theorem-3.7").check().basis
    assert basis["steps"] == basis["certified_steps"] == 19 and basis["first_uncertified"] is None
    assert "strict concavity" in basis["cites"]
    open_basis = proof_for("mixing-several-rewards").check().basis
    assert open_basis["first_uncertified"]["number"] == 14 and open_basis["certified_steps"] == 15


def test_leakage_interval_passes_the_one_step_bound_to_the_limit_and_excludes_a_zero_limit():
    proof = proof_for("lemma-3.4")
    res = proof.check()
    assert res.complete is True and res.covers is None
    # the limit is nash-limit's, the bound holds at its fixed point, a_inf = 0 contradicts the first-order condition
    assert proof.steps[10].proved_by == ("nash-limit",)
    assert "fixed points of continuous maps" in proof.steps[16].cites
    assert "first-order necessary condition on a convex set" in proof.steps[14].cites
    assert "a_∞ = 0" in proof.steps[13].text and "a_∞ > L" in proof.steps[18].text
    # negative control: with q = kappa_1 allowed the first-order bound W_inf(x) > 1 is no longer certified
    case = proof.premises[11]
    assert str(case) == "q > kappa_1"
    loose = proof.planted(14, given=((sympy.Ge(*case.args, evaluate=False), case.lhs), *proof.steps[13].given[1:]))
    loose = replace(loose, premises=(*proof.premises, sympy.Ge(*case.args, evaluate=False)))
    assert loose.check().steps[13].status is not StepStatus.CERTIFIED


def test_leakage_limit_block_needs_the_strict_second_reward_term():
    proof = proof_for("lemma-3.4")
    second = proof.premises[7]
    assert str(second.rhs).count("T_2^+") == 1
    # with p_t^(2)(S_1) allowed to be 0 the strict bound a_{t+1} > q a_t/(...) is no longer certified
    t2 = next(s for s in second.rhs.free_symbols if str(s) == "T_2^+")
    weak = sympy.Eq(second.lhs, second.rhs.xreplace({t2: sympy.Symbol("T_2^+", nonnegative=True)}), evaluate=False)
    planted = replace(proof, premises=(*proof.premises[:7], weak, *proof.premises[8:]))
    planted = planted.planted(10, given=((weak, second.lhs), proof.steps[9].given[1]))
    assert planted.check().steps[9].status is not StepStatus.CERTIFIED


def test_non_collapse_rests_on_the_leakage_interval_and_says_so(monkeypatch):
    from pluralnash.theory import _proof as proof_mod

    proof = proof_for("lemma-3.5")
    res = proof.check()
    assert res.complete is True and proof.steps[2].proved_by == ("lemma-3.4",)
    assert "order limit theorem" in res.steps[3].cites
    # negative control: the same step over the main-text reading of Lemma 3.4 (broken at step 8) is not certified
    monkeypatch.setitem(PROOFS, "lemma-3.4", PROOFS["lemma-3.4-as-stated"])
    proof_mod._replayed.cache_clear()
    try:
        first = proof.check().first_uncertified
    finally:
        proof_mod._replayed.cache_clear()
    assert first.number == 3 and first.status is StepStatus.NOT_CERTIFIED
    assert "lemma-3.4" in first.reason and "step 8" in first.reason


def test_mixing_fixed_point_places_the_tangent_eigenvalues_by_symmetrising_the_jacobian():
    proof = proof_for("mixing-fixed-point")
    res = proof.check()
    assert res.complete is True and len(res.steps) == 15
    assert {"spectral theorem", "Weyl's interlacing for rank-one updates"} <= set(res.cites)
    assert "symmetric" in proof.steps[11].text and "J p* = 0" in proof.steps[10].text


def test_mixing_jacobian_eigenvalues_by_exact_characteristic_polynomial():
    # independent of the replay: J = (lam/Z)(diag(w) - (p* w) w^T/Z) on three atoms, in exact rationals
    lam_, t = sympy.Rational(1, 2), sympy.Symbol("t")
    w = [sympy.Integer(1), sympy.Integer(2), sympy.Integer(5)]
    p = [sympy.Rational(1, 2), sympy.Rational(1, 3), sympy.Rational(1, 6)]
    Z = sum(a * b for a, b in zip(p, w))
    J = sympy.Matrix(3, 3, lambda i, j: lam_ / Z * ((w[i] if i == j else 0) - p[i] * w[i] * w[j] / Z))
    char = sympy.factor(J.charpoly(t).as_expr())
    quad = sympy.Poly(sympy.cancel(char / t), t)  # 0 is the eigenvalue of p*, the rest are tangent
    assert sympy.cancel(char / t).is_polynomial(t) and quad.degree() == 2
    lo, hi = lam_ * min(w) / Z, lam_ * max(w) / Z
    c2, c1, c0 = quad.all_coeffs()
    assert c1**2 - 4 * c2 * c0 >= 0  # real roots
    assert quad.eval(lo) * c2 > 0 and quad.eval(hi) * c2 > 0 and lo < -c1 / (2 * c2) < hi  # both in (lo, hi)
    # negative control: the interval scaled by 1/2 does not hold them
    assert not (quad.eval(lo / 2) * c2 > 0 and quad.eval(hi / 2) * c2 > 0 and lo / 2 < -c1 / (2 * c2) < hi / 2)


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
    res = proof.check()
    assert res.complete is False, label
    assert res.steps[number - 1].status.value == status, label
    # every earlier step keeps the status it has in the unplanted proof: the planted step is the first change
    base = _base_check(claim_id)
    assert [s.status for s in res.steps[:number - 1]] == [s.status for s in base.steps[:number - 1]], label


@functools.lru_cache(maxsize=None)
def _base_check(claim_id):
    """The unplanted replay's result, computed once per claim (the general replays take seconds each)."""
    return PROOFS[claim_id]().check()


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


@pytest.mark.parametrize("name", ["pluralnash.theory._proof", "pluralnash._proofs", "pluralnash.numeric.engines.domain"])
def test_doctests_of_the_proof_modules(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# -- coverage: a complete replay of a special case is not a proof of the claim -----------------------------

@pytest.mark.parametrize("claim_id", COMPLETE)
def test_complete_replays_of_the_claim_as_encoded_are_certified_holds(claim_id):
    from pluralnash._proofs import proof_certificate
    from pluralnash.theory import Verdict

    res = proof_for(claim_id).check()
    assert res.covers is None and res.proves_claim is True
    cert = proof_certificate(claim_id)
    assert cert.verdict is Verdict.HOLDS and cert.evidence["covers"] is None


def test_complete_replay_of_a_special_case_is_undecided_with_the_gap(monkeypatch):
    from pluralnash._proofs import proof_certificate
    from pluralnash.theory import Verdict

    claim_id = "demo-special"
    monkeypatch.setitem(PROOFS, claim_id, lambda: _demo_special_proof("the steps set m = 0"))
    res = proof_for(claim_id).check()
    assert res.complete is True and res.proves_claim is False and res.covers
    cert = proof_certificate(claim_id)
    assert cert.verdict is Verdict.UNDECIDED
    assert cert.reason == f"complete replay of a special case: {res.covers}"
    assert res.to_json()["covers"] == res.covers == res.basis["covers"]


def test_prop_3_4_takes_the_limits_in_order_and_carries_the_outside_atoms():
    proof = proof_for("prop-3.4")
    res = proof.check()
    assert res.covers is None and res.complete is True
    # the t-limit at each finite gap comes first (nash-limit), then the outside atoms are shown empty there
    assert proof.steps[3].proved_by == ("nash-limit",) and "m_∞ = 0" in proof.steps[9].text
    assert proof.premises[2] in [g for g, _ in proof.steps[8].given]  # rho_1 + rho_2 < 1 enters at step 9
    assert "lim_{Δ→∞} lim_{t→∞}" in proof.steps[14].text


def test_corollary_3_8_rests_on_complete_replays_of_theorem_3_7_and_prop_3_4():
    proof = proof_for("corollary-3.8")
    assert proof.check().complete is True
    assert {c for s in proof.steps for c in s.proved_by} == {"theorem-3.7", "prop-3.4"}


def _demo_special_proof(covers):
    a_ = sympy.Symbol("a", positive=True)
    m_ = sympy.Symbol("m", nonnegative=True)
    # the planted over-claim: the general statement is a + m > 0, the steps prove only the m = 0 case
    step = Step("with m = 0: a > 0", sympy.Gt(a_, 0))
    return Proof("demo-special", "demo", "demo", steps=(step,), premises=(sympy.Ge(m_, 0),), covers=covers)


def test_planted_over_claiming_proof_is_proved_only_when_it_does_not_declare_its_gap(monkeypatch):
    from pluralnash._proofs import proof_certificate
    from pluralnash.theory import Verdict

    gap = "the steps set m = 0; the premises allow m > 0"
    monkeypatch.setitem(PROOFS, "demo-special", lambda: _demo_special_proof(gap))
    cert = proof_certificate("demo-special")
    assert cert.verdict is Verdict.UNDECIDED and cert.reason.endswith(gap)
    monkeypatch.setitem(PROOFS, "demo-special", lambda: _demo_special_proof(None))
    assert proof_certificate("demo-special").verdict is Verdict.HOLDS


def test_a_special_case_hidden_as_an_assumption_breaks_the_chain():
    # writing the special case as a `given` that is not a premise is caught by the chain check
    a_ = sympy.Symbol("a", positive=True)
    m_ = sympy.Symbol("m", nonnegative=True)
    step = Step("a + m = a", sympy.Eq(a_ + m_, a_), given=((sympy.Eq(m_, 0), m_),))
    res = Proof("demo", "demo", "demo", steps=(step,), premises=(sympy.Ge(m_, 0),)).check()
    assert res.steps[0].status is StepStatus.NOT_CERTIFIED and "neither a premise" in res.steps[0].reason


def test_a_step_resting_on_a_special_case_is_not_certified(monkeypatch):
    from pluralnash.theory import _proof as proof_mod

    monkeypatch.setitem(PROOFS, "demo-special-lemma", lambda: _demo_special_proof("m = 0 only"))
    proof_mod._replayed.cache_clear()
    try:
        step = Step("by the lemma", None, proved_by=("demo-special-lemma",))
        res = Proof("demo", "demo", "demo", steps=(step,)).check()
    finally:
        proof_mod._replayed.cache_clear()
    assert res.steps[0].status is StepStatus.NOT_CERTIFIED and "m = 0 only" in res.steps[0].reason


def test_proof_list_labels_a_special_case(capsys):
    from pluralnash.cli.prove import _label

    assert _label(_demo_special_proof("m = 0 only").check()) == "SPECIAL"
    assert _label(proof_for("theorem-3.7").check()) == "PROVED"


def test_plateau_window_containment_is_two_inequalities_and_its_excess_is_an_identity():
    proof = proof_for("plateau-exact")
    res = proof.check()
    assert res.complete is True and len(res.steps) == 21
    # a product of the two differences being >= 0 would not give each one; they are separate steps now
    for step in proof.steps[10:12]:
        assert isinstance(step.statement, sympy.Ge) and not isinstance(step.statement.lhs, sympy.Mul), step.text
    wrong = proof.planted(15, statement=sympy.Eq(proof.steps[14].statement.lhs, 0, evaluate=False))
    assert wrong.check().steps[14].status is StepStatus.FAILS


def test_collapse_necessity_cites_the_one_sided_condition_not_fermat():
    cites = proof_for("collapse-criterion").check().cites
    assert "first-order necessary condition on a convex set" in cites and "Fermat's theorem" not in cites


def test_nash_replay_covers_the_endpoint_weights_the_setups_allow():
    proof = proof_for("theorem-3.7")
    res = proof.check()
    assert res.complete is True and "mean value theorem" in res.cites
    assert "q = 1" in proof.steps[14].text and "q = 0" in proof.steps[16].text
    lhs = proof.steps[14].statement.lhs
    alpha_ = next(v for v in lhs.free_symbols if v.name == "alpha")
    wrong = proof.planted(15, statement=sympy.Eq(lhs, (1 - alpha_) * lhs / alpha_, evaluate=False))
    assert wrong.check().steps[14].status is StepStatus.FAILS


def test_nash_limit_zero_weight_leaves_z2_free_so_the_replay_proves_convergence_of_p_t():
    # q = (1, 0), atoms 1 and 2 share w_1 = 2 but not w_2 (1 and 3): Z_2* is not unique
    from fractions import Fraction as Fr

    w1, w2 = [Fr(2), Fr(2), Fr(1)], [Fr(1), Fr(3), Fr(1)]
    F = [sum(p * w for p, w in zip(mix, w1)) for mix in ([1, 0, 0], [0, 1, 0], [Fr(1, 2), Fr(1, 2), 0])]
    Z2 = [sum(p * w for p, w in zip(mix, w2)) for mix in ([1, 0, 0], [0, 1, 0])]
    assert len(set(F)) == 1 and Z2[0] != Z2[1]  # same F = log Z_1 (q_1 = 1), different Z_2
    # so the replay drops the zero weights from W and F, then shows p_t -> p̄ and Z(p_t) -> Z(p̄) for every reward
    proof = proof_for("nash-limit")
    res = proof.check()
    assert res.complete is True and res.covers is None
    assert "q_{m+1} = 0" in proof.steps[5].text and "p_t → p̄" in proof.steps[18].text
    assert "Z(p_t) → Z(p̄) for every reward" in proof.steps[19].text


def test_collapse_zero_weight_reduction_needs_the_weight_to_be_zero():
    proof = proof_for("collapse-criterion")
    assert proof.check().complete is True
    zero = proof.premises[1]
    nonzero = proof.planted(9, given=((sympy.Eq(zero.lhs, sympy.Rational(1, 2), evaluate=False), zero.lhs),))
    assert nonzero.check().steps[8].status is not StepStatus.CERTIFIED


def test_variance_replay_proves_the_existence_of_the_limit_it_uses():
    proof = proof_for("theorem-3.6")
    res = proof.check()
    assert res.complete is True and res.covers is None
    last = proof.steps[-1]
    assert "p_t → p_∞" in last.text and last.uses == (len(proof.steps) - 1,)
    assert "Bolzano-Weierstrass theorem" in res.cites


# -- premises of each replay against its registered claim -------------------------------------

@pytest.mark.parametrize("claim_id", proof_ids())
def test_every_replay_encodes_its_claims_premises(claim_id):
    match = premise_match(claim_id)
    assert match.consistent is True, match.problems
    claim_names = {p.name for p in get_claim(claim_id).premises}
    assert set(match.mapping) == claim_names
    if match.special:  # a strengthened premise: the replay must record the special case
        assert proof_for(claim_id).covers is not None


def test_a_planted_extra_premise_is_a_mismatch():
    proof = proof_for("theorem-3.7")
    q = next(s for s in proof.intervals if str(s) == "q")
    extra = replace(proof, premises=(*proof.premises, sympy.Gt(q, sympy.Rational(1, 2))))
    match = premise_match("theorem-3.7", proof=extra)
    assert match.consistent is False
    assert any("special case" in p and "q > 1/2" in p for p in match.problems), match.problems
    # the same extra premise recorded in covers is an honest special case
    recorded = premise_match("theorem-3.7", proof=replace(extra, covers="q > 1/2 only"))
    assert recorded.consistent is True and recorded.special == ("premise 3: q > 1/2",)


def test_an_unmapped_claim_premise_or_a_dangling_reference_is_a_mismatch():
    pmap = PREMISE_MAPS["lemma-3.5"]
    dropped = PremiseMap({k: v for k, v in pmap.claim.items() if k != "m_t -> 0"})
    match = premise_match("lemma-3.5", premise_map=dropped)
    assert match.consistent is False and any("'m_t -> 0' is not encoded" in p for p in match.problems)
    dangling = PremiseMap({**pmap.claim, "m_t -> 0": ("step 99",)})
    assert any("step 99" in p for p in premise_match("lemma-3.5", premise_map=dangling).problems)
    foreign = PremiseMap({**pmap.claim, "Assumption 9.9": ("premise 1",)})
    assert any("not a premise of the claim" in p for p in premise_match("lemma-3.5", premise_map=foreign).problems)


def test_a_replay_without_a_map_is_a_mismatch():
    match = match_premises(proof_for("theorem-3.7"), ["two basins"], None)
    assert match.consistent is False and match.problems == ("the replay declares no premise map",)
    with pytest.raises(TypeError):
        bool(match)
    with pytest.raises(InvalidArgument, match="no proof replay"):
        premise_match("lemma-9.9")


# -- ferbach-2.1-supported and finite-k-limit ([FERB24] Theorem 2.1; the finite-K limit, cf. [FALA26] Lemma 3.1) --

def test_finite_k_increment_and_ratio_bound_are_replayed_for_every_k():
    proof = proof_for("ferbach-2.1-supported")
    res = proof.check()
    assert res.complete is True
    cites = set(res.cites)
    assert {"Lagrange's identity", "expectation of independent products"} <= cites
    assert "(1) for finite K" in proof.steps[12].text and "c_y" in proof.steps[17].text
    # negative control: with one candidate (K = 1, R_0 = 0) c_y = 1, and c_y < 1 is not certified
    R0 = next(s for s in proof.steps[17].statement.free_symbols if str(s) == "R_0")
    single = proof.planted(18, statement=proof.steps[17].statement.xreplace({R0: 0}))
    assert single.check().steps[17].status is not StepStatus.CERTIFIED


@pytest.mark.parametrize("K", [2, 3])
def test_finite_k_increment_bound_by_exact_enumeration(K):
    # independent of the replay: mu_{t+1} = E[Q/S] over ordered K-tuples, and the bound ((K-1)/K) V/w*
    from fractions import Fraction as Fr
    from itertools import product

    w, p = [Fr(1), Fr(2), Fr(5)], [Fr(1, 2), Fr(1, 3), Fr(1, 6)]
    mu = sum(pi * wi for pi, wi in zip(p, w))
    V = sum(pi * wi * wi for pi, wi in zip(p, w)) - mu * mu
    nxt = Fr(0)
    for tup in product(range(3), repeat=K):
        prob = Fr(1)
        for x in tup:
            prob *= p[x]
        nxt += prob * sum(w[x] ** 2 for x in tup) / sum(w[x] for x in tup)
    assert nxt - mu >= Fr(K - 1, K) * V / max(w) > 0
    if K == 2:  # the planted bound without the factor (K - 1)/K fails here
        assert nxt - mu < V / max(w)


@pytest.mark.parametrize("claim_id,first_open", [("finite-k-limit", 1)])
def test_supported_and_finite_k_replays_are_open_at_their_first_uncertified_step(claim_id, first_open):
    res = proof_for(claim_id).check()
    assert "delta method" in res.steps[0].reason and "implicit function theorem" in res.steps[4].reason
    assert res.complete is False and res.proves_claim is False
    first = res.first_uncertified
    assert first.number == first_open and first.status is StepStatus.NOT_CERTIFIED and first.how == "open"
    assert first.reason
    # every step that is not open is certified: no step is left failing
    assert all(s.status is StepStatus.CERTIFIED or s.how == "open" for s in res.steps)


@pytest.mark.parametrize("claim_id,wrong_sign_step", [("ferbach-2.1-supported", 4), ("finite-k-limit", 3)])
def test_supported_and_finite_k_planted_variants_are_rejected_at_their_step(claim_id, wrong_sign_step):
    variants = planted_variants(claim_id)
    assert any("off by one" in label for label, *_ in variants)
    for label, proof, number, status in variants:
        res = proof.check()
        assert res.steps[number - 1].status.value == status, label
    wrong = next(p for label, p, n, _ in variants if n == wrong_sign_step)
    assert wrong.check().steps[wrong_sign_step - 1].status is StepStatus.FAILS


@pytest.mark.parametrize("claim_id", ["ferbach-2.1-supported", "finite-k-limit"])
def test_supported_and_finite_k_premise_maps_match(claim_id):
    match = premise_match(claim_id)
    assert match.consistent is True, match.problems
    assert set(match.mapping) == {p.name for p in get_claim(claim_id).premises}


# -- mixing-several-rewards and continuous-closed-form ([FERB24] mixing, [FALA26] Eq. 5, App. C.4) --

def test_mixing_several_rewards_names_the_jacobian_step_as_open_and_replays_the_mm_inequality():
    proof = proof_for("mixing-several-rewards")
    res = proof.check()
    first = res.first_uncertified
    assert (first.number, first.status) == (14, StepStatus.NOT_CERTIFIED) and "Jacobian" in first.reason
    assert "Courant-Fischer" in first.reason and "rank-m" in first.reason
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps if s.number != 14)
    assert set(res.steps[14].cites) == {"Jensen's inequality", "Gibbs' inequality"} and "MM" in proof.steps[14].text
    # negative control: the Jensen weights without the factor p(y) do not sum to T(p)(y)
    st = proof.steps[14].statement
    p_y = next(e for e in st.rhs.atoms(sympy.Indexed) if str(e.base) == "p")
    wrong = proof.planted(15, statement=sympy.Eq(st.lhs.xreplace({p_y: 1}), st.rhs, evaluate=False))
    assert wrong.check().steps[14].status is StepStatus.FAILS


def test_mixing_several_rewards_planted_variants_and_premise_match():
    found = {(n, st) for _, _, n, st in planted_variants("mixing-several-rewards")}
    assert found == {(3, "FAILS"), (8, "NOT_CERTIFIED"), (9, "NOT_CERTIFIED")}
    match = premise_match("mixing-several-rewards")
    assert match.consistent is True and match.special == ()


def test_continuous_closed_form_reindexes_the_general_recursion_and_integrates_the_erf_form():
    proof = proof_for("continuous-closed-form")
    res = proof.check()
    assert res.complete is True and res.covers is None
    assert res.steps[9].cites == ("reindexing of finite sums",) and "bijection" in proof.steps[9].text
    assert res.steps[14].cites == ("fundamental theorem of calculus",)
    # the general step rests on the small-case identities, which are certified with exact cross-checks
    assert proof.steps[9].uses == (7, 8) and all(res.steps[k].cross_checked >= 1 for k in (6, 7))
    # negative control: an off-by-one coefficient c_n(t) q_i/Z_{i+1} breaks the m = 2 identity at an exact point
    E1, E2, q1, q2, Z1, Z2 = sympy.symbols("E_1 E_2 q_1 q_2 Z_1 Z_2", positive=True)
    c = sympy.Symbol("c_00^(0)", positive=True)
    wrong = c * (q1 * E1 / Z1 + q2 * E2 / Z2) - (c * q1 / Z2 * E1 + c * q2 / Z1 * E2)
    bad = Proof("demo", "demo", "demo", steps=(Step("m = 2, t = 0 with Z swapped", sympy.Eq(wrong, 0)),)).check()
    assert bad.steps[0].status is StepStatus.FAILS


def test_continuous_closed_form_planted_variants_and_premise_match():
    found = {(n, st) for _, _, n, st in planted_variants("continuous-closed-form")}
    assert found == {(4, "FAILS"), (9, "NOT_CERTIFIED"), (10, "NOT_CERTIFIED"), (13, "NOT_CERTIFIED")}
    match = premise_match("continuous-closed-form")
    assert match.consistent is True and match.special == ()


# -- the general replays: zero weights, convergence of p_t, outside mass (any n atoms, m rewards) --

def _log_sum_step(rhs=0):
    i_, m_ = sympy.Symbol("i", integer=True, positive=True), sympy.Symbol("m", integer=True, positive=True)
    A, B = sympy.IndexedBase("A", positive=True), sympy.IndexedBase("B", positive=True)
    SA, SB = sympy.Sum(A[i_], (i_, 1, m_)), sympy.Sum(B[i_], (i_, 1, m_))
    lhs = sympy.Sum(B[i_] * sympy.log(B[i_] * SA / (A[i_] * SB)), (i_, 1, m_))
    return Step("log-sum inequality", sympy.Ge(lhs, rhs, evaluate=False))


def test_tangent_bounds_of_log_certify_the_log_sum_inequality_and_reject_a_false_one():
    res = Proof("demo", "demo", "demo", steps=(_log_sum_step(),)).check().steps[0]
    assert res.status is StepStatus.CERTIFIED and res.how.startswith("tangent bounds of log") and res.cross_checked
    # negative control: the same sum is 0 when A = B, so a positive lower bound is false
    bad = Proof("demo", "demo", "demo", steps=(_log_sum_step(sympy.Rational(1, 10)),)).check().steps[0]
    assert bad.status is StepStatus.FAILS
    # and e^x >= 1 + x has no log for the rule to bound: still undecided, never guessed
    from pluralnash.theory._proof_sign import log_tangent_bound

    u = sympy.Symbol("u", real=True)
    assert log_tangent_bound(sympy.log(u), lower=True) is None  # u has no known sign


def test_log_combinations_are_decided_exactly_over_the_primes():
    from pluralnash.theory._proof_sign import _log_combination_is_zero

    L, R = sympy.log, sympy.Rational
    assert _log_combination_is_zero(L(R(6, 5)) - L(2) - L(3) + L(5)) is True
    assert _log_combination_is_zero(L(R(9, 4)) - 2 * L(R(3, 2))) is True
    assert _log_combination_is_zero(L(R(6, 5)) - L(2)) is False
    assert _log_combination_is_zero(L(2) - 1) is False  # log 2 is not rational
    assert _log_combination_is_zero(L(sympy.pi)) is None  # not a rational combination: left undecided


def test_exchanging_finite_sums_certifies_the_swap_and_rejects_a_wrong_factor():
    i_, x_ = sympy.Symbol("i", integer=True, positive=True), sympy.Symbol("x", integer=True, positive=True)
    m_, s_ = sympy.Symbol("m", integer=True, positive=True), sympy.Symbol("s", integer=True, positive=True)
    c, f = sympy.IndexedBase("c", real=True), sympy.IndexedBase("f", real=True)
    double = sympy.Sum(c[x_] * sympy.Sum(f[i_, x_], (i_, 1, m_)), (x_, 1, s_))
    swapped = sympy.Sum(sympy.Sum(c[x_] * f[i_, x_], (x_, 1, s_)), (i_, 1, m_))
    ok = Proof("demo", "demo", "demo", steps=(Step("swap", sympy.Eq(double, swapped, evaluate=False)),)).check()
    assert ok.complete is True
    wrong = sympy.Sum(sympy.Sum(c[i_] * f[i_, x_], (x_, 1, s_)), (i_, 1, m_))  # c indexed by the wrong index
    bad = Proof("demo", "demo", "demo", steps=(Step("swap", sympy.Eq(double, wrong, evaluate=False)),)).check()
    assert bad.steps[0].status is StepStatus.FAILS


@pytest.mark.parametrize("claim_id,first", [("nash-limit", 6), ("theorem-3.6", 7)])
def test_convergence_block_is_certified_and_rests_on_the_first_order_conditions(claim_id, first):
    proof = proof_for(claim_id)
    res = proof.check()
    block = res.steps[first - 1:first + 13]
    assert all(s.status is StepStatus.CERTIFIED for s in block)
    assert block[7].how.startswith("tangent bounds of log")  # the log-sum inequality
    assert "first-order necessary condition on a convex set" in block[3].cites
    # W* = 1 on supp p* is a premise introduced by a step, never assumed: the map says which
    assert PREMISE_MAPS[claim_id].by_step[len(proof.premises)] == first + 5
    no_kkt = replace(proof, premises=proof.premises[:-1]).check()
    assert no_kkt.steps[first + 9].status is StepStatus.NOT_CERTIFIED


def test_a_reward_drops_out_only_when_its_weight_is_zero():
    proof = proof_for("nash-limit")
    zero = proof.premises[0]
    for n_step in (6, 7):  # W and F
        nonzero = proof.planted(n_step, given=((sympy.Eq(zero.lhs, sympy.Rational(1, 2), evaluate=False),
                                                zero.lhs),))
        assert nonzero.check().steps[n_step - 1].status is not StepStatus.CERTIFIED


def test_prop_3_4_outside_atoms_need_rho_1_plus_rho_2_below_one():
    proof = proof_for("prop-3.4")
    rho1, rho2 = sorted(proof.premises[2].lhs.free_symbols, key=str)
    # an outside atom with rho_1 = rho_2 = 1 (a copy of both optima) would keep W = 1: step 9 fails at u = 1
    wide = replace(proof, premises=(*proof.premises[:2], sympy.Lt(rho1 + rho2, 2, evaluate=False)))
    wide = wide.planted(9, given=(proof.steps[8].given[0], (wide.premises[2], rho1)))
    assert wide.check().steps[8].status is StepStatus.FAILS


@pytest.mark.parametrize("claim_id", ["nash-limit", "prop-3.4", "theorem-3.6", "corollary-3.8"])
def test_general_replays_make_a_certified_holds_certificate(claim_id):
    from pluralnash._proofs import proof_certificate
    from pluralnash.theory import Verdict

    cert = proof_certificate(claim_id)
    assert cert.verdict is Verdict.HOLDS and cert.evidence["covers"] is None
    assert premise_match(claim_id).special == ()
