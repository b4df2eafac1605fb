"""The m-basin claims (the leakage interval of every basin, non-collapse with m rewards): verdicts,
planted variants, the premises as predicates, agreement with lemma-3.4 at m = 2, and bad arguments."""

from __future__ import annotations

import doctest
import importlib
from fractions import Fraction

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from pluralnash import cli, get_claim, run_claim
from pluralnash.claims.basins.checks import check_lemma_3_4, leakage_interval
from pluralnash.claims.basins_general.checks import (
    check_m_basin_interval,
    check_m_basin_non_collapse,
    m_basin_interval,
)
from pluralnash.claims.basins_general.finite_k import (
    check_finite_k_basin_step,
    check_finite_k_decay,
    check_finite_k_non_collapse,
    check_paper_interval_at_finite_k,
    check_paper_non_collapse_at_finite_k,
)
from pluralnash.claims.basins_general.planted import index_shifted, jensen_factor, large_k_factor, large_k_step, no_leakage
from pluralnash.numeric import Landscape, evaluate_curated_update, save_setup
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.numeric.engines.finite_k_basins import (
    closeness_rows,
    divide_by_one_minus_a,
    finite_k_run,
    sign_on_unit_interval,
    two_atom_weight_poly,
)
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.premises.basins_general import (
    check_disjoint_basins,
    check_finite_k_exact,
    check_finite_k_range,
    check_kappas_below_one,
    check_limit_in_basins,
    check_outside_charged,
    check_weights_above_kappas,
    limit_masses,
    measure_general_constants,
)
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.properties import (
    finite_k_basin_landscapes,
    finite_k_small_scope,
    m_basin_landscapes,
    m_basin_small_scope,
)
from pluralnash.theory import ClaimVerdict, InvalidArgument, Verdict

IDS = ("m-basin-interval", "m-basin-non-collapse")
# reward 1 leaks strongly onto the other basins (kappa_1 = 4/5), rewards 2 and 3 barely (kappa = 1/25)
THREE = Landscape(exp_rewards=[["1", "1/5", "1/5", "1/1000"], ["1/1000", "1", "1/100", "1/1000"],
                               ["1/1000", "1/100", "1", "1/1000"]],
                  weights=["1/2", "1/4", "1/4"], p0=["1/4"] * 4, exp_eps="1/2")
# basin 1's weight 1/30 is below its leakage e^{-Delta_1} = 1/5: basin 1 loses all its mass
LOST = THREE.replace(weights=["1/30", "29/60", "29/60"])
COMPROMISE = Landscape(exp_rewards=[["1", "1/2", "8/9"], ["1/2", "1", "8/9"]], exp_eps="9/10")


@pytest.fixture(scope="module")
def reports():
    return {cid: run_claim(cid, profile="default", seed=0) for cid in IDS}


@pytest.mark.parametrize("name", ["pluralnash.claims.basins_general.checks", "pluralnash.numeric.premises.basins_general",
                                  "pluralnash.properties._strategies_basins_general",
                                  "pluralnash.numeric.engines.finite_k_basins"])
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_registered_with_readings_and_controls():
    for cid in IDS:
        claim = get_claim(cid)
        assert claim.reading and claim.symbolic is not None and claim.small_scope is not None
        assert len(claim.controls) == 2 and all(c.id.startswith(cid + "~") and c.planted for c in claim.controls)
    assert "lemma-3.4 exactly" in get_claim("m-basin-interval").reading


@pytest.mark.parametrize("cid", IDS)
def test_verified_with_every_control_falsified(reports, cid):
    rep = reports[cid]
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    prop = [r for r in rep.routes if r.route == "property"][0]
    assert prop.evidence["undecided"] == 0 and prop.evidence["certified_setups"] >= rep.basis["required"] > 0
    hit, total = rep.power
    assert (hit, total) == (2, 2)
    for control in rep.controls:
        assert control.verdict is ClaimVerdict.FALSIFIED, (control.claim.id, control.reason)
        assert control.counterexample is not None


def test_three_basins_decided_exactly_and_the_planted_intervals_fail():
    res = check_m_basin_interval(THREE)
    assert res.verdict is Verdict.HOLDS and res.certified and res.method == "exact"
    assert res.evidence["a_limit"][0] == "379/1008" and res.evidence["kappa"] == ["4/5", "1/25", "1/25"]
    shifted = check_m_basin_interval(THREE, interval=index_shifted)
    assert shifted.verdict is Verdict.FAILS and shifted.certified and shifted.evidence["basin"] == 1
    assert check_m_basin_interval(THREE, interval=no_leakage).verdict is Verdict.FAILS
    assert check_m_basin_non_collapse(THREE).verdict is Verdict.HOLDS


def test_a_lost_basin_fails_non_collapse_and_its_premise():
    assert check_weights_above_kappas(LOST).verdict is Verdict.FAILS
    res = check_m_basin_non_collapse(LOST)
    assert res.verdict is Verdict.FAILS and res.certified and "collapses" in res.reason
    assert check_m_basin_interval(LOST).verdict is Verdict.HOLDS  # the interval's lower end is 0 there


def test_premises_as_predicates():
    assert check_disjoint_basins(THREE).verdict is Verdict.HOLDS
    overlap = Landscape(exp_rewards=[["1", "9/10", "1/100"], ["1/100", "9/10", "1"]], exp_eps="1/2")
    assert check_disjoint_basins(overlap).verdict is Verdict.FAILS
    leaky = THREE.replace(exp_rewards=[["1", "1/2", "1/5", "1/1000"], ["1/1000", "1", "1/100", "1/1000"],
                                       ["1/1000", "1/100", "1", "1/1000"]], exp_eps="3/5")
    assert check_kappas_below_one(leaky).verdict is Verdict.FAILS
    assert check_limit_in_basins(THREE).verdict is Verdict.HOLDS
    assert check_limit_in_basins(COMPROMISE).verdict is Verdict.FAILS
    assert check_m_basin_interval(COMPROMISE).verdict is Verdict.UNDECIDED


@settings(max_examples=20)
@given(st.one_of(m_basin_landscapes(max_rewards=2), m_basin_landscapes(max_rewards=2, exact=False)))
def test_two_basins_give_lemma_3_4_interval_and_verdict(L):
    note(repr(L))
    c2, cm = measure_basin_constants(L), measure_general_constants(L)
    ends = m_basin_interval([Real(v) for v in cm.q], list(cm.kappa))
    lo, hi = leakage_interval(Real(c2.q), c2.kappa[0], c2.kappa[1])
    for mine, theirs in ((ends[0][0], lo), (ends[0][1], hi)):
        assert abs(mine.to_float() - theirs.to_float()) <= 1e-12
        if mine.is_exact and theirs.is_exact:
            assert mine.exact == theirs.exact
    mine, theirs = check_m_basin_interval(L), check_lemma_3_4(L)
    if mine.certified and theirs.certified:
        assert mine.verdict is theirs.verdict


def test_limit_masses_sum_to_one_off_the_outside():
    masses, method, why = limit_masses(THREE)
    assert why is None and method == "exact" and sum(m.exact for m in masses) == 1


def test_small_scope_holds_witnesses_of_both_controls():
    scope = list(m_basin_small_scope(100))
    assert any(check_m_basin_interval(L, interval=index_shifted).verdict is Verdict.FAILS for L in scope[:12])
    assert all(check_weights_above_kappas(L).verdict is Verdict.HOLDS
               for L in m_basin_small_scope(100, q_above_kappa=True))


def test_check_command_on_a_setup_file(tmp_path):
    path = tmp_path / "three.json"
    save_setup(THREE, path)
    assert cli.main(["check", "m-basin-interval", "--setup", str(path)]) == 0
    save_setup(LOST, path, overwrite=True)
    assert cli.main(["check", "m-basin-non-collapse", "--setup", str(path)]) == 1  # a premise or the conclusion fails


@pytest.mark.parametrize("call, fragment", [
    (lambda: check_m_basin_interval("not a setup"), "must be a Landscape"),
    (lambda: measure_general_constants(Landscape(exp_rewards=[["1", "1/2"]], exp_eps="1/2")), "m >= 2"),
    (lambda: measure_general_constants(Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"]])), "basin width"),
    (lambda: m_basin_landscapes(min_rewards=1).validate(), "min_rewards=1"),
    (lambda: m_basin_landscapes(min_rewards=3, max_rewards=2).validate(), "max_rewards=2"),
    (lambda: m_basin_landscapes(exact="yes").validate(), "exact"),
])
def test_bad_arguments(call, fragment):
    with pytest.raises(InvalidArgument, match=fragment):
        call()


def test_one_reward_is_not_a_m_basin_setup():
    one = Landscape(exp_rewards=[["1", "1/2"]], exp_eps="1/2")
    assert check_m_basin_interval(one).verdict is Verdict.UNDECIDED
    assert check_disjoint_basins(one).verdict is Verdict.FAILS


# ----------------------------------------------------------------------------------------------
# Lemmas 3.3 and 3.4 read at finite K

FINITE_IDS = ("lemma-3.3-finite-k", "lemma-3.4-finite-k", "lemma-3.5-finite-k")
# basin 2's reward barely leaks (kappa_2 = 1/25) and p_0 gives it 1/40: the large-K step is steep there
SMALL_START = THREE.replace(p0=["9/10", "1/40", "1/40", "1/20"], K=2)


@pytest.fixture(scope="module")
def finite_reports():
    return {cid: run_claim(cid, profile="default", seed=0) for cid in FINITE_IDS}


@pytest.mark.parametrize("cid", FINITE_IDS)
def test_finite_k_verified_with_every_control_falsified(finite_reports, cid):
    rep = finite_reports[cid]
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.power == (2, 2)
    assert all(c.verdict is ClaimVerdict.FALSIFIED and c.counterexample is not None for c in rep.controls)
    assert get_claim(cid).models == ("finite-k",) and "What changes with K" in get_claim(cid).reading


def test_large_k_step_fails_at_small_k_and_the_finite_k_map_holds():
    for K in (2, 3):
        L = SMALL_START.replace(K=K)
        res = check_finite_k_basin_step(L, bound=large_k_step)
        assert res.verdict is Verdict.FAILS and res.certified and res.evidence["basin"] == 2 and res.evidence["t"] == 0
        assert check_finite_k_basin_step(L).verdict is Verdict.HOLDS
        assert check_finite_k_basin_step(L, reverse=True).verdict is Verdict.FAILS


def test_decay_factor_against_the_exact_step():
    res = check_finite_k_decay(SMALL_START)
    assert res.verdict is Verdict.HOLDS and res.certified and res.evidence["steps_examined"] >= 2
    for planted in (large_k_factor, jensen_factor):
        bad = check_finite_k_decay(SMALL_START, factor=planted)
        assert bad.verdict is Verdict.FAILS and bad.certified and bad.evidence["t"] == 0


def test_finite_k_run_matches_the_curated_update_and_the_large_k_weight_stays_below():
    run = finite_k_run(SMALL_START, steps=2)
    assert run[1] == tuple(evaluate_curated_update(SMALL_START, list(run[0]), K=2))
    assert sum(run[2]) == 1
    rows = closeness_rows(SMALL_START)
    # the outside atom is below the mean of every reward: its finite-K weight exceeds the large-K one
    W_K = [run[1][x] / run[0][x] for x in range(4)]
    large = large_k_factor(run[0], rows, 2, tuple(SMALL_START.weights))
    assert W_K[3] > large[3]


@pytest.mark.parametrize("setup, fragment", [
    (THREE, "no K"),
    (Landscape(rewards=[["0", "-3"], ["-3", "0"]], eps="1/2", K=2), "exp form"),
])
def test_finite_k_checks_need_an_exact_finite_k_setup(setup, fragment):
    for res in (check_finite_k_decay(setup), check_finite_k_basin_step(setup)):
        assert res.verdict is Verdict.UNDECIDED and fragment in res.reason
    assert check_finite_k_exact(setup).verdict is Verdict.FAILS


def test_finite_k_small_scope_and_strategy_arguments():
    scope = list(finite_k_small_scope(40))
    assert len(scope) == 40 and {L.K for L in scope} <= {2, 3, 4, 5}
    assert all(check_outside_charged(L).verdict is Verdict.HOLDS for L in scope)
    with pytest.raises(InvalidArgument, match="max_K=1"):
        finite_k_basin_landscapes(max_K=1).validate()
    with pytest.raises(InvalidArgument, match="steps=0"):
        finite_k_run(SMALL_START, steps=0)


# basins cover every atom, equal weights, K = 4: L_K = 1/19 for basin 1 and p_0 gives basin 1 only 1/40
COVERED = Landscape(exp_rewards=[["1", "1/20", "1/20"], ["1/100", "1", "1/100"], ["1/100", "1/100", "1"]],
                    weights=["2/5", "3/10", "3/10"], p0=["1/40", "39/80", "39/80"], exp_eps="1/2", K=4)


def test_finite_k_non_collapse_from_the_invariant_interval():
    res = check_finite_k_non_collapse(COVERED)
    assert res.verdict is Verdict.HOLDS and res.certified
    assert res.evidence["L_K"][0] == "1/19" and res.evidence["lower"] == ["1/40", "7/297", "7/297"] and res.evidence["eta"] == "7/297"
    start = check_finite_k_non_collapse(COVERED, from_start=True)
    assert start.verdict is Verdict.FAILS and (start.evidence["t"], start.evidence["basin"]) == (0, 1)
    reverse = check_finite_k_non_collapse(COVERED, reverse=True)
    assert reverse.verdict is Verdict.FAILS and reverse.certified


def test_finite_k_range_is_empty_at_k_2_and_needs_covered_basins():
    assert check_finite_k_range(COVERED).verdict is Verdict.HOLDS
    at_two = check_finite_k_range(COVERED.replace(K=2))
    assert at_two.verdict is Verdict.FAILS and "<= 0" in at_two.reason
    assert check_finite_k_non_collapse(COVERED.replace(K=2)).verdict is Verdict.UNDECIDED
    assert check_finite_k_non_collapse(SMALL_START).verdict is Verdict.UNDECIDED  # an outside atom


# ----------------------------------------------------------------------------------------------
# Lemma 3.5 as stated, for the finite-K map: FALSIFIED at K = 2

TWO = Landscape(exp_rewards=[["1", "1/100"], ["1/100", "1"]], weights=["3/5", "2/5"], p0=["1/2", "1/2"],
                exp_eps="1/2", K=2)


@pytest.mark.parametrize("cid, check", [("lemma-3.5-at-k-2", check_paper_non_collapse_at_finite_k),
                                        ("lemma-3.4-at-k-2", check_paper_interval_at_finite_k)])
def test_paper_statements_at_k_2_are_falsified_with_a_certified_collapse(cid, check):
    rep = run_claim(cid, profile="default", seed=0)
    assert rep.verdict is ClaimVerdict.FALSIFIED and rep.counterexample is not None
    assert rep.power == (2, 2)
    again = check(rep.counterexample)
    assert again.verdict is Verdict.FAILS and again.certified and rep.counterexample.K == 2
    for p in get_claim(cid).premises:
        assert p.check(rep.counterexample).verdict is Verdict.HOLDS, p.name


@pytest.mark.parametrize("q, limit", [("3/5", 1), ("2/5", 0)])
def test_two_atoms_at_k_2_collapse_onto_the_majority(q, limit):
    L = TWO.replace(weights=[q, str(1 - Fraction(q))])
    res = check_paper_non_collapse_at_finite_k(L)
    assert res.verdict is Verdict.FAILS and res.evidence["limit_a"] == limit
    run = finite_k_run(L, steps=4)
    masses = [p[0] for p in run]
    assert all((b > a) if limit == 1 else (b < a) for a, b in zip(masses, masses[1:]))  # monotone, as derived


def test_two_atoms_at_k_2_without_dynamics_and_at_k_3():
    still = TWO.replace(weights=["1/2", "1/2"], p0=["1/3", "2/3"])
    assert finite_k_run(still, steps=2)[2] == still.p0  # W^2 = 1 everywhere: p_t = p_0
    res = check_paper_non_collapse_at_finite_k(still)
    assert res.verdict is Verdict.FAILS and "outside [23/48, 25/48]" in res.reason
    assert check_paper_non_collapse_at_finite_k(still.replace(p0=["1/2", "1/2"])).verdict is Verdict.HOLDS
    assert check_paper_non_collapse_at_finite_k(TWO.replace(K=3)).verdict is Verdict.UNDECIDED
    assert check_paper_non_collapse_at_finite_k(THREE.replace(K=2)).verdict is Verdict.UNDECIDED


def test_two_atom_polynomial_matches_the_exact_weights():
    q, wa, wb = Fraction(3, 5), (Fraction(1), Fraction(1, 10)), (Fraction(1, 20), Fraction(1))
    for K in (2, 3, 4):
        poly = two_atom_weight_poly(q, K, wa, wb)
        for a in (Fraction(2, 7), Fraction(5, 6)):
            H1 = evaluate_finite_k_weights([a, 1 - a], [wa[0], wb[0]], K, method="enumerate")
            H2 = evaluate_finite_k_weights([a, 1 - a], [wa[1], wb[1]], K, method="enumerate")
            assert q * H1[0] + (1 - q) * H2[0] - 1 == sum(c * a ** d for d, c in enumerate(poly))
        R = divide_by_one_minus_a(poly)
        assert all(sum(c * x ** d for d, c in enumerate(poly)) == (1 - x) * sum(r * x ** d for d, r in enumerate(R))
                   for x in (Fraction(1, 3), Fraction(3, 4)))
    assert divide_by_one_minus_a([Fraction(1), Fraction(1)]) is None
    assert sign_on_unit_interval([Fraction(-1), Fraction(-1, 3)]) == -1


def test_lemma_3_4_at_finite_k_holds_when_the_limit_is_an_end():
    # leakage so large that q/(1 - kappa_2) >= 1: a_t -> 1 is the interval's upper end
    wide = TWO.replace(exp_rewards=[["1", "1/100"], ["1/5", "1"]], weights=["3/5", "2/5"])
    res = check_paper_interval_at_finite_k(wide)
    assert res.verdict is Verdict.HOLDS and res.evidence["upper"] == "1" and res.evidence["limit_a"] == 1
    assert check_paper_interval_at_finite_k(TWO).verdict is Verdict.FAILS
    assert check_paper_interval_at_finite_k(TWO.replace(K=3)).verdict is Verdict.UNDECIDED
