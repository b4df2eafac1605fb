"""Instance checks beyond the paper: collapse test, certified runs, finite-K rate, plateau window."""

from fractions import Fraction as F

import pytest
from hypothesis import given, note, settings

from pluralnash.numeric import Landscape, evaluate_curated_update, solve_limit
from pluralnash.numeric._checks_beyond import (
    _hull_contains_ones,
    check_collapse_criterion,
    check_nondegenerate_collapse,
    collapse_groups,
    evaluate_collapse_dynamics,
    predict_collapse_never_plural,
    predict_collapse_scalarised,
    predict_collapse_unqualified,
    solve_collapse,
)
from pluralnash.properties._strategies_beyond import collapse_landscapes, degenerate_collapse_landscapes
from pluralnash.theory import Verdict

COMPROMISE = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
SPREAD = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]])
TIE = Landscape(exp_rewards=[["1", "3/2", "1/2"], ["1", "1/2", "3/2"]], p0=["1/2", "1/4", "1/4"])


# -- the exact test ------------------------------------------------------------------------------


def test_compromise_atom_collapse_is_exact():
    res = solve_collapse(COMPROMISE)
    assert (res.outcome, res.group) == ("collapse", (2,))
    assert res.certificate.verdict is Verdict.HOLDS and res.certificate.method == "exact"
    # W_{delta_2}(0) = (1/2)(1/(4/5)) + (1/2)((1/100)/(4/5)), recomputed by hand
    assert res.certificate.evidence["W_at_point_mass"]["[0]"] == str(F(1, 2) * F(5, 4) + F(1, 2) * F(1, 80))


def test_no_point_mass_passes_when_spread():
    res = solve_collapse(SPREAD)
    assert res.outcome == "spread" and res.group is None


def test_single_reward_collapses_onto_its_argmax_group():
    L = Landscape(exp_rewards=[["1/2", "1", "1", "1/3"]], p0=["1/4", "1/4", "1/2", "0"])
    res = solve_collapse(L)
    assert res.outcome == "collapse" and res.group == (1, 2)
    assert collapse_groups(L) == ((0,), (1, 2))


def test_tie_with_mixture_is_degenerate():
    res = solve_collapse(TIE)
    assert res.outcome == "degenerate" and res.group == (0,)
    assert res.certificate.verdict is Verdict.UNDECIDED
    assert check_nondegenerate_collapse(TIE).verdict is Verdict.FAILS


def test_log_form_rewards_are_decided_by_intervals():
    L = Landscape(rewards=[["0", "-5", "-1/4"], ["-5", "0", "-1/4"]])
    res = solve_collapse(L)
    assert res.outcome == "collapse" and res.group == (2,) and res.certificate.method == "interval"


@pytest.mark.parametrize("vectors, inside", [
    ([[F(3, 2), F(1, 2)], [F(1, 2), F(3, 2)]], True),
    ([[F(3, 2), F(1, 2)]], False),
    ([[F(1), F(1)]], True),
    ([[F(3, 2), F(1, 2)], [F(5, 4), F(3, 4)]], False),
])
def test_hull_membership(vectors, inside):
    lam = _hull_contains_ones(vectors)
    assert (lam is not None) is inside
    if lam is not None:
        assert sum(lam) == 1 and all(v >= 0 for v in lam)
        assert all(sum(l * v[i] for l, v in zip(lam, vectors)) == 1 for i in range(2))


# -- certified runs ------------------------------------------------------------------------------


def test_run_traps_the_compromise():
    d = evaluate_collapse_dynamics(COMPROMISE)
    assert d.outcome == "collapse" and d.group == (2,)
    assert float(d.evidence["c"]) < 1


def test_run_excludes_every_point_mass_when_spread():
    d = evaluate_collapse_dynamics(SPREAD)
    assert d.outcome == "spread" and len(d.excluded) == 3


def test_exact_fixed_point_is_its_own_limit():
    assert evaluate_curated_update(TIE) == list(TIE.p0)
    d = evaluate_collapse_dynamics(TIE)
    assert d.outcome == "spread" and "fixed_point" in d.evidence


# -- the check and its planted predictions --------------------------------------------------------


@pytest.mark.parametrize("L", [COMPROMISE, SPREAD])
def test_statement_holds_certified(L):
    res = check_collapse_criterion(L)
    assert res.verdict is Verdict.HOLDS and res.certified


@pytest.mark.parametrize("predict, L", [
    (predict_collapse_scalarised, SPREAD),
    (predict_collapse_never_plural, COMPROMISE),
    (predict_collapse_unqualified, TIE),
])
def test_planted_predictions_fail_certified(predict, L):
    res = check_collapse_criterion(L, predict=predict)
    assert res.verdict is Verdict.FAILS and res.certified and res.reason


@settings(max_examples=25)
@given(collapse_landscapes())
def test_criterion_agrees_with_solver_and_runs(L):
    note(repr(L))
    if check_nondegenerate_collapse(L).verdict is not Verdict.HOLDS:
        return
    res = solve_collapse(L)
    limit = solve_limit(L)
    groups = {x: k for k, atoms in enumerate(collapse_groups(L)) for x in atoms}
    charged = {groups[x] for x in limit.support}
    # the independent limit solver puts all its mass on one reward vector iff the test says collapse
    assert (len(charged) == 1) == (res.outcome == "collapse")
    assert check_collapse_criterion(L).verdict is not Verdict.FAILS


@settings(max_examples=10)
@given(degenerate_collapse_landscapes())
def test_degenerate_setups_are_fixed_points(L):
    assert evaluate_curated_update(L) == list(L.p0)
    assert solve_collapse(L).outcome == "degenerate"
