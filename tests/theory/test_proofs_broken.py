"""Replays of the falsified readings: each broken at its first failing step, whose counterexample is
re-checked here with exact Fractions; planted variants; premise maps."""

from dataclasses import replace
from fractions import Fraction
from math import isqrt

import pytest
import sympy

from pluralnash import get_claim, premise_match, proof_for
from pluralnash._proofs import proof_certificate, replay_label
from pluralnash._routes import proof_route
from pluralnash.theory import InvalidArgument
from pluralnash.theory._proof import StepStatus
from pluralnash.theory._proof_premises import PREMISE_MAPS, PremiseMap
from pluralnash.theory._proofs_broken import (
    COMPROMISE_SETUP,
    KAPPA_ABOVE_ONE_SETUP,
    MISSED_ARGMAX_SETUP,
    refute_argmax_charged,
    refute_lower_push,
    refute_outside_mass_vanishes,
)
from pluralnash.theory._proofs_planted import planted_variants

#: claim id -> the step where its replay breaks
BREAKS = {"ferbach-2.1-sup-over-atoms": 5, "lemma-3.4-as-stated": 8, "prop-3.4-b6": 4, "corollary-3.8-b6": 4}


def F(rows):
    return [[Fraction(v) for v in row] for row in rows]


@pytest.mark.parametrize("claim_id", sorted(BREAKS))
def test_replay_is_broken_at_its_step_and_certifies_every_step_before(claim_id):
    res = proof_for(claim_id).check()
    k = BREAKS[claim_id]
    assert replay_label(res) == "BROKEN"
    first = res.first_uncertified
    assert (first.number, first.status) == (k, StepStatus.FAILS)
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps[:k - 1])
    assert first.counterexample["setup"] and first.how.startswith("exact setup")


@pytest.mark.parametrize("claim_id", sorted(BREAKS))
def test_the_proof_route_names_the_breaking_step_beside_the_verdict(claim_id):
    cert = proof_certificate(claim_id)
    assert cert.verdict.value == "UNDECIDED"
    assert cert.reason.startswith(f"step {BREAKS[claim_id]} FAILS")
    route = proof_route(get_claim(claim_id), use_cache=False)
    assert f"step {BREAKS[claim_id]} FAILS" in route.summary


def _premise_map_is_consistent_and_a_dropped_premise_is_caught(claim_id, foreign):
    match = premise_match(claim_id)
    assert match.consistent is True, match.problems
    assert set(match.mapping) == {p.name for p in get_claim(claim_id).premises}
    # negative control: the map without one claim premise does not match
    pmap = PREMISE_MAPS[claim_id]
    dropped = dict(pmap.claim)
    dropped.popitem()
    bad = premise_match(claim_id, premise_map=replace(pmap, claim=dropped))
    assert bad.consistent is False
    # and a map naming a premise that is not this claim's (e.g. the one the repaired reading adds) does not match
    extra = PremiseMap({**pmap.claim, foreign: ("step 1",)}, pmap.by_step, pmap.definitions)
    assert premise_match(claim_id, premise_map=extra).consistent is False


@pytest.mark.parametrize("claim_id", sorted(BREAKS))
def test_premise_map_is_consistent_and_a_dropped_premise_is_caught(claim_id):
    _premise_map_is_consistent_and_a_dropped_premise_is_caught(claim_id, "kappa_i < 1")


# -- the counterexamples, re-checked independently -------------------------------------------

def _basins(w, e):
    return [{x for x in range(len(w[i])) if w[i][x] >= e * max(w[i])} for i in range(len(w))]


def _large_k_step(p, w, q):
    Z = [sum(p[x] * w[i][x] for x in range(len(p))) for i in range(len(w))]
    return [p[x] * sum(q[i] * w[i][x] / Z[i] for i in range(len(w))) for x in range(len(p))]


def _finite_k_step(p, w, K):
    """One reward, K = 2 by enumeration of the rival: p'(x) = p(x) Σ_y p(y) K w(x)/(w(x) + w(y))."""
    assert K == 2
    n = range(len(p))
    return [p[x] * sum(p[y] * K * w[x] / (w[x] + w[y]) for y in n) for x in n]


def test_missed_argmax_counterexample_rechecked():
    ce = proof_for("ferbach-2.1-sup-over-atoms").check().steps[4].counterexample
    setup = ce["setup"]
    (w,), p = F(setup["exp_rewards"]), [Fraction(v) for v in setup["p0"]]
    top = max(w)
    argmax = [x for x in range(len(w)) if w[x] == top]
    assert sum(p[x] for x in argmax) == 0
    best = max(w[x] for x in range(len(w)) if p[x] > 0)
    assert best < top and str(best) == ce["max_w_on_support"]
    for step in (lambda r: _large_k_step(r, [w], [Fraction(1)]), lambda r: _finite_k_step(r, w, setup["K"])):
        r = p
        for _ in range(4):
            r = step(r)
            assert sum(r) == 1 and all(r[x] == 0 for x in argmax)
            assert sum(r[x] * w[x] for x in range(len(w))) <= best < top


def test_kappa_above_one_counterexample_rechecked():
    ce = proof_for("lemma-3.4-as-stated").check().steps[7].counterexample
    setup = ce["setup"]
    w, e = F(setup["exp_rewards"]), Fraction(setup["exp_eps"])
    q, p = [Fraction(v) for v in setup["weights"]], [Fraction(v) for v in setup["p0"]]
    s1, s2 = _basins(w, e)
    assert not s1 & s2 and s1 | s2 == set(range(len(p)))  # Assumption 2.1(ii), no outside atom: m_t = 0
    # e^{-Delta_1} = max_{S_2} w_1 / w_1*, kappa_1 = e^{2 eps} e^{-Delta_1}; Delta_1 > eps yet kappa_1 > 1
    e_delta = max(w[0][x] for x in s2) / max(w[0])
    assert e_delta < e and e_delta > e * e
    kappa = e_delta / (e * e)
    a = sum(p[x] for x in s1)
    L = (q[0] - kappa) / (1 - kappa)
    g = q[0] * a / (a + kappa * (1 - a))
    assert kappa > 1 and 0 < a < L and g < a
    assert (str(kappa), str(L), str(g)) == (ce["kappa_1"], ce["L"], ce["g(a_0)"])
    # the dynamics themselves never reach the lower end L > 1
    r = p
    for _ in range(6):
        r = _large_k_step(r, w, q)
        assert sum(r[x] for x in s1) < 1 < L


def _lower_sqrt(v: Fraction, digits: int = 6) -> Fraction:
    """A rational at most sqrt(v), within 10^-digits."""
    scale = 10 ** digits
    return Fraction(isqrt(v.numerator * scale * scale // v.denominator), scale)


@pytest.mark.parametrize("claim_id", ["prop-3.4-b6", "corollary-3.8-b6"])
def test_compromise_atom_counterexample_rechecked(claim_id):
    ce = proof_for(claim_id).check().steps[3].counterexample
    setup = ce["setup"]
    w, e = F(setup["exp_rewards"]), Fraction(setup["exp_eps"])
    q, p = Fraction(setup["weights"][0]), [Fraction(v) for v in setup["p0"]]
    s1, s2 = _basins(w, e)
    assert not s1 & s2 and sum(p[x] for x in s1) > 0 and sum(p[x] for x in s2) > 0  # B.2, B.3
    assert all(len({w[i][x] for x in s}) == 1 for i in (0, 1) for s in (s1, s2))  # B.6
    o = ce["atom"] - 1
    assert o not in s1 | s2 and p[o] > 0
    rho = [w[i][o] / max(w[i]) for i in (0, 1)]
    assert rho[0] + rho[1] == Fraction(3, 2) == Fraction(ce["W_0 at p_q"])  # W_0 at p_q, k_i -> 0
    # W_0(o) at p_c is q rho_1/c + (1 - q) rho_2/(1 - c) >= (sqrt(q rho_1) + sqrt((1 - q) rho_2))^2: bound the
    # square roots from below by rationals and the minimum from below by their sum squared
    lo = _lower_sqrt(q * rho[0]) + _lower_sqrt((1 - q) * rho[1])
    assert lo > 1
    for c in (Fraction(j, 97) for j in range(1, 97)):
        assert q * rho[0] / c + (1 - q) * rho[1] / (1 - c) >= lo * lo > 1


# -- planted variants -------------------------------------------------------------------------

def test_with_the_charged_argmax_premise_the_step_certifies():
    proof = proof_for("ferbach-2.1-sup-over-atoms")
    px0 = next(s for s in proof.steps[4].statement.free_symbols if str(s) == "p_x0")
    charges = sympy.Gt(px0, 0, evaluate=False)
    repaired = replace(proof, premises=(*proof.premises, charges)).planted(
        5, external=None, open_reason=None, given=((charges, px0),))
    res = repaired.check()
    assert res.steps[4].status is StepStatus.CERTIFIED and res.steps[4].cross_checked >= 1
    assert replay_label(res) == "PROVED"  # the repaired reading is ferbach-2.1-supported, whose replay is complete


def test_with_kappa_below_one_the_lower_push_certifies():
    proof = proof_for("lemma-3.4-as-stated")
    k1 = next(s for s in proof.steps[4].statement.free_symbols if str(s) == "kappa_1")
    repaired = replace(proof, intervals={**proof.intervals, k1: (0, 1)}).planted(8, external=None, open_reason=None)
    res = repaired.check()
    assert res.steps[7].status is StepStatus.CERTIFIED
    assert replay_label(res) == "PROVED"  # the repaired reading is lemma-3.4, whose replay is complete
    # without the range kappa_1 < 1 the same step is not certified (L > a no longer fixes the sign of 1 - kappa_1)
    bare = proof.planted(8, external=None, open_reason=None).check()
    assert bare.steps[7].status is not StepStatus.CERTIFIED


@pytest.mark.parametrize("claim_id", sorted(BREAKS))
def test_planted_variants_are_rejected_at_their_step(claim_id):
    variants = planted_variants(claim_id)
    labels = " ".join(label for label, *_ in variants)
    assert "wrong counterexample" in labels and "off by one" in labels and "wrong sign" in labels
    base = proof_for(claim_id).check()
    for label, proof, number, status in variants:
        res = proof.check()
        assert res.steps[number - 1].status.value == status, label
        assert [s.status for s in res.steps[:number - 1]] == [s.status for s in base.steps[:number - 1]], label


def _with(setup, **changes):
    return {**setup, **changes}


# setups on which the refuting step must not fail: a premise is not met, or the inference holds there
NOT_REFUTED = [
    (refute_argmax_charged, _with(MISSED_ARGMAX_SETUP, p0=["1/2", "1/2"]), "charges the argmax"),
    (refute_argmax_charged, _with(MISSED_ARGMAX_SETUP, exp_rewards=[["3/10", "1"], ["1", "1"]], weights=["1/2", "1/2"]),
     "one reward"),
    (refute_argmax_charged, {"rewards": [["0", "-1"]], "weights": ["1"], "p0": ["1", "0"]}, "exact exp_rewards"),
    (refute_lower_push, _with(KAPPA_ABOVE_ONE_SETUP, exp_rewards=[["1", "1/10"], ["1/10", "1"]],
                              p0=["1/10", "9/10"]), "the step holds"),
    (refute_lower_push, _with(KAPPA_ABOVE_ONE_SETUP, K=3), "large-K"),
    (refute_lower_push, _with(KAPPA_ABOVE_ONE_SETUP, exp_rewards=[["1", "1/3", "1/5"], ["1/3", "1", "1/5"]],
                              p0=["1/3", "1/3", "1/3"]), "outside atoms"),
    (refute_lower_push, _with(KAPPA_ABOVE_ONE_SETUP, exp_rewards=[["1", "1/4"], ["1/4", "1"]]), "pole"),
    (refute_outside_mass_vanishes, _with(COMPROMISE_SETUP, exp_rewards=[["1", "1/2", "1/4"], ["1/2", "1", "1/4"]]),
     "<= 1"),
    (refute_outside_mass_vanishes, _with(COMPROMISE_SETUP, exp_rewards=[["1", "19/20", "1/2", "3/4"],
                                                                        ["1/2", "1/2", "1", "3/4"]],
                                         p0=["1/4", "1/8", "3/8", "1/4"]), "B.6 fails"),
    (refute_outside_mass_vanishes, _with(COMPROMISE_SETUP, exp_eps="1/4"), "B.3 fails"),
    (refute_outside_mass_vanishes, _with(COMPROMISE_SETUP, K=2), "large-K"),
]


@pytest.mark.parametrize("refute,setup,why", NOT_REFUTED, ids=[c[2] for c in NOT_REFUTED])
def test_a_wrong_counterexample_is_not_accepted(refute, setup, why):
    out = refute(setup)
    assert out["verdict"] == "UNDECIDED" and why in out["reason"], out


def test_the_refuters_fail_on_their_own_setups():
    for refute in (refute_argmax_charged, refute_lower_push, refute_outside_mass_vanishes):
        assert refute()["verdict"] == "FAILS"
    assert refute_outside_mass_vanishes(nash=True)["verdict"] == "FAILS"


BAD_SETUPS = [
    (_with(COMPROMISE_SETUP, p0=[0.375, 0.375, 0.25]), "p0=0.375 must be a rational given as a string"),
    (_with(COMPROMISE_SETUP, p0=["1/2", "1/2", "1/4"]), "must be distributions"),
    (_with(COMPROMISE_SETUP, exp_eps="3/2"), "exp_eps='3/2' must lie in (0, 1)"),
    (_with(COMPROMISE_SETUP, weights=["1"]), "one row per weight"),
    (_with(COMPROMISE_SETUP, p0=["a", "b", "c"]), "p0='a' is not a rational"),
    ({"exp_rewards": [["1"]], "p0": ["1"]}, "setup has no 'weights'"),
]


@pytest.mark.parametrize("setup,message", BAD_SETUPS, ids=[m for _, m in BAD_SETUPS])
def test_bad_setups_raise_one_line_errors(setup, message):
    with pytest.raises(InvalidArgument) as info:
        refute_outside_mass_vanishes(setup)
    assert message in str(info.value) and "\n" not in str(info.value)


# -- Lemmas 3.4 and 3.5 read at K = 2 ----------------------------------------------------------

from pluralnash.theory._proofs_broken_more import (  # noqa: E402
    COLLAPSE_AT_K_2_SETUP,
    refute_basin_bound_at_k_2,
    refute_interval_at_k_2,
)

#: claim id -> the step where its replay at K = 2 breaks
BREAKS_AT_K_2 = {"lemma-3.4-at-k-2": 2, "lemma-3.5-at-k-2": 4}


@pytest.mark.parametrize("claim_id", sorted(BREAKS_AT_K_2))
def test_at_k_2_replay_is_broken_at_its_step(claim_id):
    res = proof_for(claim_id).check()
    k = BREAKS_AT_K_2[claim_id]
    assert replay_label(res) == "BROKEN"
    assert (res.first_uncertified.number, res.first_uncertified.status) == (k, StepStatus.FAILS)
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps[:k - 1])
    assert res.first_uncertified.counterexample["setup"]["K"] == 2
    assert proof_certificate(claim_id).reason.startswith(f"step {k} FAILS")


@pytest.mark.parametrize("claim_id", sorted(BREAKS_AT_K_2))
def test_at_k_2_premise_map_is_consistent_and_a_dropped_premise_is_caught(claim_id):
    _premise_map_is_consistent_and_a_dropped_premise_is_caught(claim_id, "large-K regime")


def _k2_step(p, w, q):
    """The K = 2 map by enumeration of the rival draw: p'(x) = p(x) Σ_i q_i Σ_y p(y) 2 w_i(x)/(w_i(x) + w_i(y))."""
    n = range(len(p))
    return [p[x] * sum(q[i] * sum(p[y] * 2 * w[i][x] / (w[i][x] + w[i][y]) for y in n) for i in range(len(w)))
            for x in n]


def _k2_setup():
    s = COLLAPSE_AT_K_2_SETUP
    rationals = [[Fraction(v) for v in s[k]] for k in ("weights", "p0")]
    return F(s["exp_rewards"]), *rationals, Fraction(s["exp_eps"])


def test_basin_bound_counterexample_at_k_2_rechecked():
    ce = proof_for("lemma-3.4-at-k-2").check().steps[1].counterexample
    assert ce["setup"] == COLLAPSE_AT_K_2_SETUP
    w, q, p, e = _k2_setup()
    s1, s2 = _basins(w, e)
    assert (s1, s2) == ({0}, {1})  # disjoint basins, no outside atom: M = 0
    a = p[0]
    p1 = _k2_step(p, [w[0]], [Fraction(1)])[0]  # the per-reward update of reward 1 at K = 2
    bound = a * e / (a * e + (1 - a) * w[0][1] / w[0][0])
    assert p1 < bound and (str(p1), str(bound)) == (ce["p^(1)(S_1)"], ce["large-K bound"])
    # the large-K update does meet the bound (the step holds for W = w/Z)
    assert _large_k_step(p, [w[0]], [Fraction(1)])[0] >= bound


def test_interval_counterexample_at_k_2_rechecked():
    ce = proof_for("lemma-3.5-at-k-2").check().steps[3].counterexample
    w, q, p, e = _k2_setup()
    k1, k2 = w[0][1] / w[0][0] / e ** 2, w[1][0] / w[1][1] / e ** 2
    assert max(k1, k2) < 1 and k1 < q[0] < 1 - k2  # kappa_i < 1, q in (kappa_1, 1 - kappa_2)
    L = (q[0] - k1) / (1 - k1)
    assert str(L) == ce["L"]
    r = p
    for _ in range(8):
        nxt = _k2_step(r, w, q)
        assert sum(nxt) == 1 and nxt[0] <= r[0] < L  # a_t decreases from a_0 < L
        r = nxt
    assert str(_k2_step(p, w, q)[0]) == ce["a_1"]


def test_at_k_2_with_the_large_k_weight_the_basin_bound_certifies():
    proof = proof_for("lemma-3.4-at-k-2")
    res = proof.planted(2, external=None, open_reason=None).check()
    assert res.steps[1].status is StepStatus.CERTIFIED and res.steps[1].cross_checked >= 1


def test_at_k_2_with_the_large_k_weight_the_interval_certifies_by_lemma_3_4():
    proof = proof_for("lemma-3.5-at-k-2")
    repaired = proof.planted(4, external=None, open_reason=None, proved_by=("lemma-3.4",)).check()
    assert repaired.steps[3].status is StepStatus.CERTIFIED and repaired.steps[3].how.startswith("lemma")
    assert replay_label(repaired) == "PROVED"
    # negative controls: resting on the K = 2 reading of Lemma 3.4 (broken at step 2), or on nothing
    on_k2 = proof.planted(4, external=None, open_reason=None, proved_by=("lemma-3.4-at-k-2",)).check().steps[3]
    assert on_k2.status is StepStatus.NOT_CERTIFIED and "lemma-3.4-at-k-2" in on_k2.reason
    bare = proof.planted(4, external=None, open_reason=None).check().steps[3]
    assert bare.status is StepStatus.NOT_CERTIFIED


def test_used_facts_are_cited_as_standard_theorems_and_a_paper_citation_is_not():
    from pluralnash.theory._proof import STANDARD_THEOREMS

    for claim_id in ("prop-3.4-b6", "corollary-3.8-b6"):
        step = proof_for(claim_id).steps[3]
        assert "Berge's maximum theorem" in step.cites and "maximisers" in step.text
    first = proof_for("lemma-3.3-continuous").steps[0]
    assert {"Gaussian integral", "Archimedes' bound on pi", "tangent line bound of exp"} <= set(first.cites)
    assert all(c in STANDARD_THEOREMS for c in first.cites)
    # the refutation still decides the step; a citation of the paper's own argument is refused before it
    proof = proof_for("lemma-3.3-continuous")
    assert proof.check().steps[0].status is StepStatus.FAILS
    own = proof.planted(1, cites=(*first.cites, "[FALA26] Lemma 3.3")).check().steps[0]
    assert own.status is StepStatus.NOT_CERTIFIED and own.how == "citation"


@pytest.mark.parametrize("claim_id", sorted(BREAKS_AT_K_2))
def test_at_k_2_planted_variants_are_rejected_at_their_step(claim_id):
    variants = planted_variants(claim_id)
    assert len(variants) == 3
    base = proof_for(claim_id).check()
    for label, proof, number, status in variants:
        res = proof.check()
        assert res.steps[number - 1].status.value == status, label
        assert [s.status for s in res.steps[:number - 1]] == [s.status for s in base.steps[:number - 1]], label


NOT_REFUTED_AT_K_2 = [
    (refute_basin_bound_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, K=3), "K = 2 only"),
    (refute_basin_bound_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, K=None), "K = 2 only"),
    (refute_basin_bound_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, exp_eps="1/20"), "B.3 fails"),
    (refute_basin_bound_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, exp_eps="1/5", p0=["4/5", "1/5"]), "the bound holds"),
    (refute_interval_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, p0=["2/5", "3/5"]), "do not keep a_t outside"),
    (refute_interval_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, weights=["1/10", "9/10"]), "q in (kappa_1"),
    (refute_interval_at_k_2, _with(COLLAPSE_AT_K_2_SETUP, exp_rewards=[["1", "1/10", "1/20"], ["1/10", "1", "1/20"]],
                                   p0=["1/5", "3/5", "1/5"]), "two atoms"),
]


@pytest.mark.parametrize("refute,setup,why", NOT_REFUTED_AT_K_2, ids=[c[2] for c in NOT_REFUTED_AT_K_2])
def test_at_k_2_a_wrong_counterexample_is_not_accepted(refute, setup, why):
    out = refute(setup)
    assert out["verdict"] == "UNDECIDED" and why in out["reason"], out


# -- Lemma 3.3 in the continuous geometry -------------------------------------------------------

from pluralnash.theory._proofs_broken_more import CONTINUOUS_SETUP, refute_continuous_b4  # noqa: E402


def test_continuous_replay_breaks_at_a21_implies_b4_like_the_main_text():
    res = proof_for("lemma-3.3-continuous").check()
    main = proof_for("lemma-3.3").check()
    assert replay_label(res) == "BROKEN"
    assert (res.first_uncertified.number, res.first_uncertified.status) == (1, StepStatus.FAILS)
    assert main.first_uncertified.number == 1
    assert "implies B.4" in main.steps[0].text and "implies B.4" in res.steps[0].text
    assert res.first_uncertified.counterexample["setup"] == CONTINUOUS_SETUP
    # the rest is the appendix argument under B.4, each step certified (the repaired premise B.4 closes it)
    assert all(s.status is StepStatus.CERTIFIED for s in res.steps[1:])
    assert proof_for("lemma-3.3-appendix").check().complete is True
    assert proof_certificate("lemma-3.3-continuous").reason.startswith("step 1 FAILS")
    _premise_map_is_consistent_and_a_dropped_premise_is_caught("lemma-3.3-continuous", "Assumption B.4")


def test_continuous_counterexample_rechecked_with_its_own_bounds():
    ce = refute_continuous_b4()["counterexample"]
    s = ce["setup"]
    beta, q, eps = (Fraction(s[k]) for k in ("beta", "q", "eps"))
    (m1, m2), (lo, hi) = ([Fraction(v) for v in s[k]] for k in ("mu", "uniform"))
    assert beta * (m1 - m2) ** 2 > 4 * eps and lo < min(m1, m2) and max(m1, m2) < hi  # Assumption 2.1
    x0 = Fraction(ce["x_0"])
    assert all(beta * (x0 - m) ** 2 > eps for m in (m1, m2))  # x_0 outside S_eps
    # W_0(x_0) > 1 from below, independently: a left Riemann sum of the truncated Gaussian bounds Z_i(0)
    # from above (pieces on each side of the centre taken at their maximum), and exp(-y) >= 1 - y
    n = 400
    h = (hi - lo) / n

    def z_upper(mu):
        tops = [min((lo + j * h - mu) ** 2, (lo + (j + 1) * h - mu) ** 2) if not (lo + j * h <= mu <= lo + (j + 1) * h)
                else Fraction(0) for j in range(n)]
        # exp(-beta u^2) <= 1/(1 + beta u^2)
        return sum(h / (1 + beta * u2) for u2 in tops) / (hi - lo)

    W0_lower = sum(qi * (1 - beta * (x0 - m) ** 2) / z_upper(m) for qi, m in ((q, m1), (1 - q, m2)))
    assert W0_lower > 1


NOT_REFUTED_CONTINUOUS = [
    (_with(CONTINUOUS_SETUP, uniform=["-1/2", "1/2"]), "is not >= 22/7"),
    (_with(CONTINUOUS_SETUP, eps="1/5"), "the basins meet"),
    (_with(CONTINUOUS_SETUP, uniform=["0", "5/4"]), "outside the support"),
    (COLLAPSE_AT_K_2_SETUP, "not a continuous two-centre one"),
]


@pytest.mark.parametrize("setup,why", NOT_REFUTED_CONTINUOUS, ids=[c[1] for c in NOT_REFUTED_CONTINUOUS])
def test_continuous_wrong_counterexample_is_not_accepted(setup, why):
    out = refute_continuous_b4(setup)
    assert out["verdict"] == "UNDECIDED" and why in out["reason"], out


def test_continuous_planted_variants_are_rejected_at_their_step():
    variants = planted_variants("lemma-3.3-continuous")
    base = proof_for("lemma-3.3-continuous").check()
    assert len(variants) == 3
    for label, proof, number, status in variants:
        res = proof.check()
        assert res.steps[number - 1].status.value == status, label
        assert [s.status for s in res.steps[:number - 1]] == [s.status for s in base.steps[:number - 1]], label


def test_continuous_bad_setup_raises_one_line_error():
    with pytest.raises(InvalidArgument) as info:
        refute_continuous_b4(_with(CONTINUOUS_SETUP, q="3/2"))
    assert "0 < q < 1" in str(info.value) and "\n" not in str(info.value)
