"""Instance checks for [FALA26] Lemmas 3.3 (both forms), 3.4 and 3.5 on hand-built setups.

Expected values are derived here by hand from the definitions (each derivation in a comment) or
from an independent plain-mpmath run; planted formulas run through the same checks and must FAIL.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from pluralnash.numeric import Landscape
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.premises.run_premises import limit_basin_masses
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.claims.basins.checks import (
    check_lemma_3_3,
    check_lemma_3_4,
    check_lemma_3_5,
    leakage_interval,
)
from pluralnash.properties import two_basin_landscapes
from pluralnash.properties import non_collapse_landscapes
from pluralnash.theory import Verdict

F = Fraction
HOLDS, FAILS, UNDECIDED = Verdict.HOLDS, Verdict.FAILS, Verdict.UNDECIDED

DECAY = Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2")
COMPROMISE = Landscape(exp_rewards=[["1", "1/2", "8/9"], ["1/2", "1", "8/9"]], exp_eps="9/10")
# p_0 sits on a low-r_1 atom of S_2, so Z_1(0) = 1/4 is small and the outside atoms look good to reward 1
TRANSIENT = Landscape(exp_rewards=[["1", "1/3", "1/6", "1/3", "1/3"], ["1/3", "1", "1", "1/3", "1/3"]],
                      weights=["2/3", "1/3"], p0=["1/16", "1/16", "3/4", "1/16", "1/16"], exp_eps="1/2")
OVERLAP = Landscape(exp_rewards=[["1", "1/3", "9/10"], ["1/3", "1", "9/10"]], exp_eps="4/5")
SYMMETRIC = Landscape(exp_rewards=[["1", "1/5"], ["1/5", "1"]], exp_eps="1/2")


# -- Lemma 3.3 -------------------------------------------------------------------------------------------


def test_lemma_3_3_holds_with_a_certified_rate_on_a_decaying_setup():
    res = check_lemma_3_3(DECAY)
    assert res.verdict is HOLDS and res.certified
    assert float(res.evidence["rho"]) < 1 and res.evidence["limit_outside_mass"] == "0"


def test_lemma_3_3_fails_at_the_first_step_on_the_compromise_setup():
    res = check_lemma_3_3(COMPROMISE)
    assert res.verdict is FAILS and res.method == "exact"
    # m_0 = 1/3; W_0(2) = (8/9)/((1 + 1/2 + 8/9)/3) = 48/43, so m_1 = 16/43 > 1/3
    assert (res.evidence["m_t"], res.evidence["m_t+1"]) == ("1/3", "16/43")
    assert res.evidence["limit_outside_mass"] == "1"  # and m_t -> 1, not 0
    assert res.evidence["Assumption 2.1(ii) also"] == "HOLDS"


def test_lemma_3_3_transient_growth_although_the_mass_eventually_vanishes():
    res = check_lemma_3_3(TRANSIENT)
    # Z_1 = 1/4, Z_2 = 7/8, W_0(out) = (2/3)(1/3)/(1/4) + (1/3)(1/3)/(7/8) = 64/63; m_1 = (1/8)(64/63)
    assert res.verdict is FAILS and res.evidence["m_t+1"] == str(F(1, 8) * F(64, 63))
    assert res.evidence["limit_outside_mass"] == "0"


def test_lemma_3_3_reads_a_plus_b_literally_on_overlapping_basins():
    res = check_lemma_3_3(OVERLAP)
    assert res.verdict is FAILS and "not 1" in res.reason
    assert res.evidence["limit_a_plus_b"] == "2"  # the limit is the shared atom, counted in both basins


def test_lemma_3_3_planted_variants_fail():
    assert check_lemma_3_3(DECAY, reverse=True).verdict is FAILS
    assert check_lemma_3_3(DECAY, outside_limit=1).verdict is FAILS

    def half(L):
        return Real(F(1, 2))
    res = check_lemma_3_3(DECAY, rate=half)  # m_1/m_0 = W_0(2) = 30/43 > 1/2
    assert res.verdict is FAILS and res.method == "exact"
    never = check_lemma_3_3(DECAY, rate=lambda L: None)
    assert never.verdict is UNDECIDED


def test_lemma_3_3_with_a_true_specific_rate_holds():
    def ninety_nine_percent(L):
        return Real(F(99, 100))
    assert check_lemma_3_3(DECAY, rate=ninety_nine_percent).verdict is HOLDS


def test_lemma_3_3_in_log_form_decides_by_intervals():
    L = Landscape(rewards=[["0", "-3", "-2"], ["-3", "0", "-2"]], eps="1/2", weights=["1/3", "2/3"])
    res = check_lemma_3_3(L)
    assert res.verdict is HOLDS and res.method == "interval"


# -- Lemma 3.4 --------------------------------------------------------------------------------------------


def test_leakage_interval_formula():
    lo, hi = leakage_interval(Real(F(1, 2)), Real(F(1, 5)), Real(F(1, 5)))
    assert (lo.exact, hi.exact) == (F(3, 8), F(5, 8))
    lo, hi = leakage_interval(Real(F(1, 10)), Real(F(1, 5)), Real(F(1, 5)))  # q < kappa_1
    assert lo.exact == 0


def test_lemma_3_4_exact_on_a_symmetric_setup():
    res = check_lemma_3_4(SYMMETRIC)
    # q = 1/2 by symmetry gives a* = 1/2; kappa = (1/5)/(1/4) = 4/5: interval [max(0, -3/2), min(1, 5/2)]
    assert res.verdict is HOLDS and res.method == "exact"
    assert (res.evidence["a_limit"], res.evidence["lower"], res.evidence["upper"]) == ("1/2", "0", "1")


def test_lemma_3_4_planted_interval_fails():
    L = SYMMETRIC.replace(weights=["1/3", "2/3"])
    # solve W = 1 on both atoms: a* = 1/4 != q = 1/3
    res = check_lemma_3_4(L, interval=lambda q, k1, k2: (q, q))
    assert res.verdict is FAILS and res.evidence["a_limit"] == "1/4"


def test_lemma_3_4_kappa_at_least_one():
    L = Landscape(exp_rewards=[["1", "1/3"], ["1/3", "1"]], exp_eps="1/2")  # kappa = 4/3
    assert check_lemma_3_4(L).verdict is UNDECIDED  # premise kappa < 1 not met
    res = check_lemma_3_4(L, kappa_below_one=False)
    # literal lower end (1/2 - 4/3)/(1 - 4/3) = 5/2 > 1 >= a* = 1/2
    assert res.verdict is FAILS and res.evidence["lower"] == "5/2"
    pole = Landscape(exp_rewards=[["1", "1/4"], ["1/4", "1"]], exp_eps="1/2")  # kappa = 1
    assert "pole" in check_lemma_3_4(pole, kappa_below_one=False).reason


def test_lemma_3_4_needs_the_outside_mass_to_vanish():
    res = check_lemma_3_4(COMPROMISE)
    assert res.verdict is UNDECIDED and "m_t does not tend to 0" in res.reason


def _mp_limit_a(L, steps=4000):
    with mpmath.workdps(30):
        if L.exp_rewards is not None:
            w = [[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in L.exp_rewards]
        else:
            w = [[mpmath.exp(mpmath.mpf(v.numerator) / v.denominator) for v in row] for row in L.rewards]
        q = [mpmath.mpf(v.numerator) / v.denominator for v in L.weights]
        p = [mpmath.mpf(v.numerator) / v.denominator for v in L.p0]
        for _ in range(steps):
            Z = [mpmath.fsum(a * b for a, b in zip(p, row)) for row in w]
            p = [p[x] * mpmath.fsum(q[i] * w[i][x] / Z[i] for i in range(2)) for x in range(L.n)]
        return mpmath.fsum(p[x] for x in measure_basin_constants(L).basins[0])


@settings(max_examples=8, deadline=None)
@given(st.booleans().flatmap(lambda exact: two_basin_landscapes(min_gap=2, max_outside_atoms=1,
                                                                max_basin_atoms=2, exact=exact)))
def test_lemma_3_4_evidence_agrees_with_an_independent_run(L):
    res = check_lemma_3_4(L)
    note(repr(res))
    if res.verdict is not HOLDS:
        return
    a_run = _mp_limit_a(L)
    lo, hi = limit_basin_masses(L).a.bounds()
    assert lo - mpmath.mpf("1e-3") <= a_run <= hi + mpmath.mpf("1e-3")


# -- Lemma 3.5 --------------------------------------------------------------------------------------------


def test_lemma_3_5_holds_with_a_margin():
    L = SYMMETRIC.replace(exp_rewards=[["1", "1/10"], ["1/10", "1"]])  # kappa = 2/5, q = 1/2 in (2/5, 3/5)
    res = check_lemma_3_5(L)
    assert res.verdict is HOLDS and res.method == "exact"
    assert res.evidence["eta"] == "1/4"  # a* = 1/2


def test_lemma_3_5_planted_variants_fail():
    L = SYMMETRIC.replace(exp_rewards=[["1", "1/10"], ["1/10", "1"]], p0=["9/10", "1/10"])
    res = check_lemma_3_5(L, from_start=True)  # a_0 = 9/10 > upper = (1/2)/(3/5) = 5/6
    assert res.verdict is FAILS and res.evidence["t"] == 0
    collapse = L.replace(weights=["1/20", "19/20"])  # q outside (kappa_1, 1 - kappa_2) = (2/5, 3/5)
    assert check_lemma_3_5(collapse).verdict is UNDECIDED
    assert "premise not met" in check_lemma_3_5(collapse).reason


def test_lemma_3_5_collapse_without_the_q_range():
    L = Landscape(exp_rewards=[["1", "1/10"], ["1/10", "1"]], exp_eps="1/2", weights=["1/20", "19/20"])
    # at the vertex of S_2: W(S_1 atom) = (1/20)/(1/10) + (19/20)(1/10) = 1/2 + 19/200 < 1, so a* = 0
    res = check_lemma_3_5(L, q_range=False)
    assert res.verdict is FAILS and res.certified and "collapses" in res.reason


@settings(max_examples=10, deadline=None)
@given(st.booleans().flatmap(lambda exact: non_collapse_landscapes(exact=exact)))
def test_lemma_3_5_never_fails_on_its_premises(L):
    res = check_lemma_3_5(L)
    note(repr(res))
    assert res.verdict is not FAILS


@pytest.mark.parametrize("check", [check_lemma_3_3, check_lemma_3_4, check_lemma_3_5])
def test_checks_are_undecided_without_two_rewards(check):
    L = Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"], ["1", "1"]], exp_eps="1/2")
    assert check(L).verdict is UNDECIDED


def test_lemma_3_4_point_mass_limit_in_log_form_is_decided_exactly():
    # q = 11/15 > 1 - kappa_2: the limit collapses onto atom 1 of S_1, so a* = 1 = the upper end exactly
    L = Landscape(rewards=[["-1/8", "-1/16", "0", "-7/2"], ["-3", "-1/4", "-1", "1/2"]],
                  weights=["11/15", "4/15"], p0=["1/6", "1/5", "4/15", "11/30"], eps="1/4")
    res = check_lemma_3_4(L)
    assert res.verdict is HOLDS and (res.evidence["a_limit"], res.evidence["upper"]) == ("1", "1")
