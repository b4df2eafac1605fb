"""[FALA26] Lemmas 3.3-3.5 and Theorem 3.6 in the continuous geometry: their premises, their conclusions at
the certified limit on the tables' settings, their verdicts, and every planted control rejected."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pluralnash import run_claim
from pluralnash.audit.settings import SETTINGS
from pluralnash.claims.continuous_lemmas import (
    _assumption_2_1,
    _m_to_zero,
    _q_range,
    check_continuous_decay,
    check_continuous_leakage,
    check_continuous_non_collapse,
    check_continuous_variance,
    modes_gap_bound,
    nash_point,
    unweighted_bound,
)
from pluralnash.numeric.engines.continuous import Gaussian, QuadraticLandscape, Uniform
from pluralnash.theory import ClaimVerdict, InvalidArgument, Verdict

A, C = SETTINGS["A"], SETTINGS["C"]
MIXTURE = A.landscape(Fraction(1, 5), 2)          # a_inf = 0.18669, both atoms inside the basins
BETWEEN = C.landscape(Fraction(2, 5), 2)          # beta D^2 / 2 = 1: one atom x_0 = 1/5 between the basins


def test_lemma_3_3_fails_where_the_limit_sits_between_the_basins():
    assert _assumption_2_1(BETWEEN).verdict is Verdict.HOLDS        # the premises hold ...
    res = check_continuous_decay(BETWEEN)                           # ... and m_t -> 1, certified
    assert res.verdict is Verdict.FAILS and res.certified and "between the modes" in res.reason
    ok = check_continuous_decay(MIXTURE)
    assert ok.verdict is Verdict.HOLDS and ok.certified
    lo, hi = (Fraction(v) for v in ok.evidence["slope"])
    assert -A.eps < lo <= hi < 0                                    # m_t decays, more slowly than e^{-eps t}


def test_lemma_3_3_controls_fail_on_the_mixture():
    assert check_continuous_decay(MIXTURE, outside_limit=1).verdict is Verdict.FAILS
    assert check_continuous_decay(MIXTURE, rate_eps=True).verdict is Verdict.FAILS
    assert check_continuous_decay(BETWEEN, outside_limit=1).verdict is Verdict.HOLDS


def test_lemma_3_4_holds_at_the_limit_and_the_nash_point_does_not():
    res = check_continuous_leakage(MIXTURE)
    assert res.verdict is Verdict.HOLDS and res.certified
    lo, _ = (Fraction(v) for v in res.evidence["lower"])
    assert lo > 0
    wrong = check_continuous_leakage(MIXTURE, interval=nash_point)
    assert wrong.verdict is Verdict.FAILS and wrong.certified


def test_lemma_3_5_needs_its_q_range():
    assert check_continuous_non_collapse(MIXTURE).verdict is Verdict.HOLDS
    # close modes, q = 1/10 < kappa: m_t -> 0 still (x_0 lies in S_2), but the limit collapses: a_inf = 0
    close = A.landscape(Fraction(1, 10), 1)
    assert _m_to_zero(close).verdict is Verdict.HOLDS and _q_range(close).verdict is Verdict.FAILS
    res = check_continuous_non_collapse(close)
    assert res.verdict is Verdict.FAILS and res.certified


def test_theorem_3_6_holds_and_its_planted_bounds_fail():
    res = check_continuous_variance(MIXTURE)
    assert res.verdict is Verdict.HOLDS and res.certified
    for bound in (modes_gap_bound, unweighted_bound):
        wrong = check_continuous_variance(MIXTURE, bound=bound)
        assert wrong.verdict is Verdict.FAILS and wrong.certified, bound.__name__


@pytest.mark.parametrize("setup, words", [
    (QuadraticLandscape(mu=[-1, 1], init=Gaussian(0, 1), eps="1/10"), "uniform start"),
    (QuadraticLandscape(mu=["-1/4", "1/4"], init=Uniform(-3, 3), eps="1/10"), "overlap"),
    (QuadraticLandscape(mu=[-1, 1], init=Uniform(-3, "-3/2"), eps="1/10"), "p_0(S_i) = 0"),
])
def test_assumption_2_1_rejects_setups_outside_it(setup, words):
    res = _assumption_2_1(setup)
    assert res.verdict is Verdict.FAILS and words in res.reason


def test_a_limit_outside_the_support_is_undecided_not_guessed():
    L = QuadraticLandscape(mu=[-1, 1], weights=["1/5", "4/5"], init=Uniform("-9/10", 3), eps="1/10")  # x_1 = -0.9575
    assert check_continuous_decay(L).verdict is Verdict.UNDECIDED


def test_bad_setup_is_one_line():
    with pytest.raises(InvalidArgument) as err:
        check_continuous_decay("setup")
    assert "QuadraticLandscape" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("cid, verdict", [
    ("lemma-3.3-continuous", ClaimVerdict.FALSIFIED),
    ("lemma-3.4-continuous", ClaimVerdict.VERIFIED),
    ("lemma-3.5-continuous", ClaimVerdict.VERIFIED),
    ("theorem-3.6-continuous", ClaimVerdict.VERIFIED),
])
def test_verdicts_and_controls(cid, verdict):
    rep = run_claim(cid, profile="quick")
    assert rep.verdict is verdict, rep.reason
    assert rep.controls and all(c.verdict is ClaimVerdict.FALSIFIED for c in rep.controls)
