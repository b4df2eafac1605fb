"""The continuous collapse criterion: its sympy derivation, the interval decision of sup W, the claim's
verdict with both planted thresholds rejected, and agreement with the discretised setting's certified limit."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from pluralnash import run_claim
from pluralnash.numeric import QuadraticLandscape
from pluralnash.numeric.engines.continuous import Gaussian, Uniform
from pluralnash.claims.continuous_geometry import (
    check_continuous_collapse,
    half_weight_threshold,
    second_order_threshold,
)
from pluralnash.numeric.engines.continuous_cover import sup_w_at_midpoint
from pluralnash.audit.tables import SETTINGS
from pluralnash.audit.tables_limit import evaluate_grid_limit
from pluralnash.theory import ClaimVerdict, InvalidArgument, Verdict
from pluralnash.theory import certify_continuous_collapse, derive_collapse_threshold
from pluralnash.theory._continuous_collapse import q


def setup(beta, D, qv, mu=None):
    D, qv = Fraction(D), Fraction(qv)
    return QuadraticLandscape(mu=mu or [-D / 2, D / 2], beta=beta, weights=[qv, 1 - qv],
                              init=Uniform(-D / 2 - 3, D / 2 + 3), eps="1/10")


def test_derivation_certifies_and_the_threshold_is_continuous_at_one_half():
    res = certify_continuous_collapse()
    assert res.verdict is Verdict.HOLDS, res.reason
    beta, D = sp.symbols("beta D", real=True)
    assert sp.simplify(sp.limit(derive_collapse_threshold(), q, sp.Rational(1, 2)) - beta * D ** 2 / 2) == 0


@pytest.mark.parametrize("beta, D, qv, collapse", [
    (1, 2, "1/10", False),      # T = 4 * 0.8 / log 9 = 1.46
    (1, "3/2", "1/10", True),   # T = 0.82 although beta D^2 = 2.25 > 2
    (1, 1, "1/2", True),        # T = 1/2
    (1, 2, "1/2", False),       # T = 2
    ("1/2", 2, "1/10", True),   # setting C at D = 2: T = 0.73
])
def test_sup_w_decided_and_matches_the_threshold(beta, D, qv, collapse):
    truth, ev = sup_w_at_midpoint(Fraction(beta), Fraction(qv), Fraction(D))
    assert truth is collapse, ev
    res = check_continuous_collapse(setup(beta, D, qv))
    assert res.verdict is Verdict.HOLDS and res.certified, res.reason


def test_planted_thresholds_fail_where_they_differ_from_the_sharp_one():
    wrong = check_continuous_collapse(setup(1, 2, "1/10"), criterion=second_order_threshold)
    assert wrong.verdict is Verdict.FAILS and wrong.certified and "does not collapse" in wrong.reason
    wrong = check_continuous_collapse(setup(1, "3/2", "1/10"), criterion=half_weight_threshold)
    assert wrong.verdict is Verdict.FAILS and wrong.certified and "collapses onto x_0" in wrong.reason


def test_the_tie_is_left_undecided():
    # q = 1/2, beta D^2 = 2: T = 1 exactly (and W'' vanishes at x_0)
    res = check_continuous_collapse(setup("1/2", 2, "1/2"))
    assert res.verdict is Verdict.UNDECIDED and "too close to 1" in res.reason


def test_the_discretised_limit_collapses_onto_x0_when_the_criterion_says_so():
    # setting C (beta = 1/2), D = 2, q = 1/10: x_0 = 1/10 * (-1) + 9/10 * 1 = 4/5, on the grid
    g = evaluate_grid_limit(SETTINGS["C"], Fraction(1, 10), 2, 10)
    assert g.certified and g.support == (Fraction(4, 5),)
    # setting A (beta = 1), D = 2: no collapse, one point per mode
    g = evaluate_grid_limit(SETTINGS["A"], Fraction(1, 10), 2, 10)
    assert g.certified and len(g.support) == 2


def test_claim_verdict_and_controls():
    rep = run_claim("continuous-collapse", profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.power == (2, 2), [(c.claim.id, c.reason) for c in rep.controls]


@pytest.mark.parametrize("L, words", [
    (QuadraticLandscape(mu=[-1, 0, 1], init=Uniform(-3, 3), eps="1/10"), ["m = 3", "two numbers"]),
    (QuadraticLandscape(mu=[[0, 0], [1, 1]], init=Gaussian([0, 0], 1), eps="1/10"), ["d = 2"]),
])
def test_bad_arguments(L, words):
    with pytest.raises(InvalidArgument) as err:
        check_continuous_collapse(L)
    assert all(w in str(err.value) for w in words), str(err.value)


@pytest.mark.parametrize("beta, qv, D", [("1", "1/10", "2"), ("1/2", "2/3", "3/2"), ("2", "1/3", "5/4")])
def test_derived_curvature_agrees_with_the_interval_evaluation(beta, qv, D):
    from mpmath import iv

    from pluralnash.numeric.engines.continuous_cover import _w_and_curvature
    from pluralnash.numeric.arith.intervals import iv_frac, iv_workprec

    beta, qv, D = Fraction(beta), Fraction(qv), Fraction(D)
    derived = -2 * beta + 4 * beta ** 2 * qv * (1 - qv) * D ** 2  # certify_continuous_collapse's W''(x_0)
    with iv_workprec(96):
        W, W2 = _w_and_curvature(beta, qv, D, iv.mpf(0))
        assert W.a <= 1 <= W.b
        assert (W2 - iv_frac(derived)).a <= 0 <= (W2 - iv_frac(derived)).b
