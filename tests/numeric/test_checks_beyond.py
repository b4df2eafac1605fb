"""Instance checks beyond the paper: collapse test, certified runs, finite-K rate, plateau window."""

from fractions import Fraction as F

import pytest
from hypothesis import given, note, settings

from pluralnash.numeric import Landscape, evaluate_curated_update, solve_limit
from pluralnash.claims import evaluate_collapse_dynamics, solve_collapse
from pluralnash.numeric.engines.collapse import _hull_contains_ones, collapse_groups
from pluralnash.claims.beyond.checks import check_collapse_criterion, check_nondegenerate_collapse
from pluralnash.claims.beyond.planted import (
    predict_collapse_never_plural,
    predict_collapse_scalarised,
    predict_collapse_unqualified,
)
from pluralnash.properties import collapse_landscapes
from pluralnash.properties import degenerate_collapse_landscapes
from pluralnash.theory import SolverError, Verdict

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


# -- finite-k-limit ------------------------------------------------------------------------------

import mpmath  # noqa: E402

from pluralnash.numeric import run_dynamics  # noqa: E402
from pluralnash.claims import evaluate_finite_k_limit, solve_finite_k_rate  # noqa: E402
from pluralnash.claims.beyond.checks import check_exact_interior_limit, check_finite_k_limit, rate_derived  # noqa: E402
from pluralnash.claims.beyond.planted import rate_inverse_sqrt, rate_inverse_square, rate_jensen  # noqa: E402

TWO = Landscape(exp_rewards=[["1", "1/4"], ["1/3", "1"]])
THREE = Landscape(exp_rewards=[["1", "1/4", "1/10"], ["1/3", "1", "1/5"]], weights=["2/5", "3/5"])


def test_rate_is_exact_and_consistent():
    r = solve_finite_k_rate(TWO)
    assert r.p_star == [F(7, 12), F(5, 12)] and r.v == [F(1, 6), F(-1, 6)] and r.C == F(1, 6)
    # b is orthogonal to p* (mass identity) and J v = -b, recomputed here from the definitions
    assert sum(p * b for p, b in zip(r.p_star, r.b)) == 0
    J = [[-sum(r.q[k] * r.w[k][x] * r.w[k][y] / r.Z[k] ** 2 for k in range(2)) for y in range(2)] for x in range(2)]
    assert [sum(J[x][y] * r.v[y] for y in range(2)) for x in range(2)] == [-b for b in r.b]
    assert sum(r.v) == 0 and sum(r.v_jensen) == 0


def test_off_support_atom_and_premise():
    r = solve_finite_k_rate(THREE)
    assert r.off_support == ((2,),) and r.min_slack > 0
    assert check_exact_interior_limit(THREE).verdict is Verdict.HOLDS
    assert check_exact_interior_limit(COMPROMISE).verdict is Verdict.FAILS  # a point mass: no 1/K correction


def test_interior_limit_premise_is_undecided_when_the_solver_gives_up():
    # dependent reward vectors on the active set: solve_limit raises SolverError, which decides nothing
    L = Landscape(exp_rewards=[["3", "17/7", "25/7"], ["3", "3", "3"], ["1/3", "5/9", "1/9"]],
                  weights=["7/11", "2/11", "2/11"])
    with pytest.raises(SolverError):
        solve_limit(L)
    res = check_exact_interior_limit(L)
    assert res.verdict is Verdict.UNDECIDED and not res.certified and "singular Jacobian" in res.reason


def test_measured_distance_scales_like_one_over_K():
    meas = evaluate_finite_k_limit(TWO, (16, 32, 64))
    u = [K * t for K, t in zip(meas.Ks, meas.tv)]
    assert all(abs(x - mpmath.mpf(1) / 6) < y for x, y in zip(u[1:], [mpmath.mpf("0.02"), mpmath.mpf("0.01")]))
    assert abs(2 * u[2] - u[1] - mpmath.mpf(1) / 6) < mpmath.mpf("0.001")  # Richardson


def test_quadrature_engine_agrees_with_enumeration():
    a = evaluate_finite_k_limit(TWO, (8,), dps=15, method="quadrature")
    b = evaluate_finite_k_limit(TWO, (8,), dps=15)
    assert abs(a.p_K[0][0] - b.p_K[0][0]) < mpmath.mpf(10) ** -13


def test_finite_k_dynamics_converge_to_the_measured_fixed_point():
    tr = run_dynamics(TWO, 150, K=8, dps=20, method="enumerate")
    meas = evaluate_finite_k_limit(TWO, (8,))
    assert abs(tr.p_T[0] - meas.p_K[0][0]) < mpmath.mpf(10) ** -12


def test_finite_k_statement_holds_and_planted_rates_fail():
    assert check_finite_k_limit(THREE, rate=rate_derived).verdict is Verdict.HOLDS
    for rate in (rate_inverse_square, rate_inverse_sqrt, rate_jensen):
        res = check_finite_k_limit(THREE, rate=rate)
        assert res.verdict is Verdict.FAILS and res.certified, (rate.__name__, res.reason)
        assert res.evidence["residual_check"]["enclosed"] is True


def test_symmetric_setup_has_no_first_order_correction():
    L = Landscape(exp_rewards=[["1", "1/4"], ["1/4", "1"]])
    r = solve_finite_k_rate(L)
    assert r.v == [0, 0] and r.C == 0
    assert check_finite_k_limit(L).verdict is Verdict.HOLDS


# -- plateau-exact --------------------------------------------------------------------------------

from pluralnash.claims.beyond.checks import (  # noqa: E402
    check_plateau_exact,
    check_plateau_no_outside,
    plateau_constants,
    plateau_limit_exact,
    plateau_window_exact,
)
from pluralnash.claims.beyond.planted import plateau_limit_hard, plateau_limit_lemma_lower, plateau_window_paper  # noqa: E402
from pluralnash.properties import plateau_window_landscapes

# k_1 = k_2 = 1/2, e^-eps = 3/4: kappa_i = 8/9, the paper's window is empty; the exact one is (1/3, 2/3)
HALF = Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"]], weights=["1/2", "1/2"], exp_eps="3/4")


def test_plateau_constants_and_windows():
    c = plateau_constants(HALF)
    assert (c.k1, c.k2, c.kappa1) == (F(1, 2), F(1, 2), F(8, 9))
    assert plateau_window_exact(c) and not plateau_window_paper(c)
    assert plateau_limit_exact(c) == F(1, 2)
    for q, expected in ((F(1, 3), False), (F(2, 3), False), (F(2, 5), True), (F(1, 4), False)):
        assert plateau_window_exact(plateau_constants(HALF.replace(weights=[q, 1 - q]))) is expected


def test_plateau_limit_formula_by_hand():
    # a* = q/(1-k_2) - (1-q) k_1/(1-k_1) with q = 2/5, k_1 = 1/5, k_2 = 1/3
    L = Landscape(exp_rewards=[["1", "1/5"], ["1/3", "1"]], weights=["2/5", "3/5"], exp_eps="9/10")
    c = plateau_constants(L)
    assert plateau_limit_exact(c) == F(2, 5) / F(2, 3) - F(3, 5) * F(1, 5) / F(4, 5) == F(9, 20)
    res = check_plateau_exact(L)
    assert res.verdict is Verdict.HOLDS and res.certified and res.evidence["a_inf"] == "9/20"


def test_plateau_tie_is_decided_by_monotonicity():
    L = HALF.replace(weights=["1/3", "2/3"])  # q = q_lo
    res = check_plateau_exact(L)
    assert res.verdict is Verdict.HOLDS and res.evidence["a_inf"] == "0" and "monotone" in res.evidence


@pytest.mark.parametrize("kwargs", [dict(limit=plateau_limit_hard), dict(limit=plateau_limit_lemma_lower),
                                    dict(window=plateau_window_paper)])
def test_plateau_planted_variants_fail(kwargs):
    L = Landscape(exp_rewards=[["1", "1/5"], ["1/3", "1"]], weights=["2/5", "3/5"], exp_eps="9/10")
    res = check_plateau_exact(HALF if "window" in kwargs else L, **kwargs)
    assert res.verdict is Verdict.FAILS and res.certified, res.reason


def test_outside_mass_is_not_a_plateau_exact_setup():
    L = Landscape(exp_rewards=[["1", "1/2", "1/10"], ["1/2", "1", "1/10"]], exp_eps="3/4")
    assert check_plateau_no_outside(L).verdict is Verdict.FAILS


@settings(max_examples=20)
@given(plateau_window_landscapes())
def test_plateau_formula_matches_long_runs(L):
    note(repr(L))
    a_inf = plateau_limit_exact(plateau_constants(L))
    with mpmath.workdps(30):
        target = mpmath.mpf(a_inf.numerator) / a_inf.denominator
    tr = run_dynamics(L, 400, dps=20, record_every=200)
    a0, a200, a400 = (r.a for r in tr.records)
    # the recorded basin masses are rounded to double precision (~1e-16) when summed, so allow 1e-12
    tol = mpmath.mpf(10) ** -12
    # monotone approach from the side of a_0 (f is increasing), closer at 400 rounds than at 200, and close
    assert (a0 - target) * (a400 - target) >= 0 or abs(a400 - target) < tol
    assert abs(a400 - target) <= abs(a200 - target) + tol and abs(a400 - target) < mpmath.mpf("0.02")
    assert check_plateau_exact(L).verdict is Verdict.HOLDS
