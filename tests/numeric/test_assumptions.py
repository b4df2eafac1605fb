"""Premise predicates of [FALA26] (Assumption 2.1, B.1-B.5, "m_t -> 0"): each with a negative control.

Constants are recomputed here from the definitions ([FALA26] §2.1-§2.2) or taken from the strategies'
own construction, never from the code under test; all-t statements are cross-checked against
independent high-precision runs of the dynamics.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from pluralnash.numeric import Landscape
from pluralnash.numeric.arith.real import Real, compare
from pluralnash.numeric.engines.certified_limit import _solved_limit
from pluralnash.numeric.premises.run_premises import b4_rho, limit_basin_masses, scan_outside
from pluralnash.numeric.premises.basin_premises import check_assumption_2_1_i, check_assumption_2_1_ii, check_assumption_2_1_iii, check_assumption_b1, check_assumption_b2, check_assumption_b3, check_assumption_b5, check_kappa_below_one, check_q_in_leakage_range
from pluralnash.numeric.premises import (
    check_limit_keeps_both_basins as check_interior_limit,
    check_limit_no_outside_mass,
)
from pluralnash.properties import two_basin_setups
from pluralnash.properties import non_collapse_landscapes, overlapping_basin_landscapes
from pluralnash.theory import CheckResult, Verdict
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.numeric.premises.run_premises import check_assumption_b4, check_outside_mass_vanishes

F = Fraction
HOLDS, FAILS, UNDECIDED = Verdict.HOLDS, Verdict.FAILS, Verdict.UNDECIDED

# A decaying two-basin landscape: S_1 = {0}, S_2 = {1}, outside {2}; kappa_i = (1/10)/(1/2)^2 = 2/5.
DECAY = Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2")
# A compromise atom outside both basins (w = 8/9 < e^-eps = 9/10) wins the Nash bargain: m_t -> 1.
COMPROMISE = Landscape(exp_rewards=[["1", "1/2", "8/9"], ["1/2", "1", "8/9"]], exp_eps="9/10")
# Overlapping basins: atom 2 is within eps of both maxima.
OVERLAP = Landscape(exp_rewards=[["1", "1/3", "9/10"], ["1/3", "1", "9/10"]], exp_eps="4/5")
# Atom 0 lies in S_1 (w_1 = 9/10 >= 1/2) and attains max r_2: Delta_2 = 0 (while Delta_1 > 0).
TOP_SHARED = Landscape(exp_rewards=[["9/10", "1", "1/10"], ["1", "1/10", "1/10"]], exp_eps="1/2")
LOG_FORM = Landscape(rewards=[["0", "-3", "-2"], ["-3", "0", "-2"]], eps="1/2", weights=["1/3", "2/3"])
THREE_REWARDS = Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"], ["1", "1"]], exp_eps="1/2")
NO_EPS = Landscape(exp_rewards=[["1", "1/3"], ["1/3", "1"]])


@pytest.mark.parametrize("name", ["pluralnash.numeric.arith.real", "pluralnash.numeric.premises.constants",
                                  "pluralnash.claims.basins.checks", "pluralnash.properties._strategies_basins"])
def test_doctests(name, run_doctests):
    run_doctests(name)


def _verdict(res):
    note(repr(res))
    return res.verdict


# -- exact-or-interval reals ----------------------------------------------------------------------


def test_real_exact_arithmetic_stays_exact():
    x = (Real(F(1, 3)) + 1) * 3 / 2 - F(1, 2)
    assert x.exact == F(3, 2)
    assert Real.exp(0).exact == 1 and Real.log(1).exact == 0
    assert Real.max(0, Real.exp(F(-1))).is_exact is False
    assert Real.max(0, Real(F(-1)) / 3).exact == 0  # an exact end stays exact


def test_compare_decides_strict_order_and_never_claims_irrational_equality():
    assert compare(Real.exp(F(1, 10)), F(11, 10)) == (1, "interval")
    assert compare(F(1, 3), F(1, 3)) == (0, "exact")
    two = Real.log(F(2))
    assert compare(two, two)[0] is None  # equal irrationals: undecided, never "equal"


def test_real_refuses_truthiness():
    with pytest.raises(TypeError):
        bool(Real(F(1)))


# -- Assumption 2.1 (i) / B.1 --------------------------------------------------------------------


def test_2_1_i_reports_sharpest_bounds_and_rejects_wrong_ones():
    res = check_assumption_2_1_i(LOG_FORM)
    assert res.verdict is HOLDS and res.certified
    assert (res.evidence["L_1"], res.evidence["U_1"]) == ("-3", "0")
    assert check_assumption_2_1_i(LOG_FORM, bounds=[[-3, 0], [-3, 0]]).verdict is HOLDS
    bad = check_assumption_2_1_i(LOG_FORM, bounds=[[-2, 0], [-3, 0]])  # negative control
    assert bad.verdict is FAILS and bad.certified and "outside the given" in bad.reason
    assert check_assumption_b1(DECAY, bounds=[[-1, 0], [-3, 0]]).verdict is FAILS  # log(1/10) < -1


@pytest.mark.parametrize("check", [check_assumption_2_1_i, check_assumption_2_1_ii, check_assumption_2_1_iii,
                                   check_assumption_b2, check_assumption_b3, check_assumption_b4,
                                   check_assumption_b5, check_kappa_below_one, check_q_in_leakage_range,
                                   check_outside_mass_vanishes])
@pytest.mark.parametrize("setup, words", [(THREE_REWARDS, "two rewards"), (NO_EPS, "basin width")])
def test_every_premise_rejects_setups_it_does_not_speak_about(check, setup, words):
    res = check(setup)
    assert res.verdict is FAILS and words in res.reason


# -- Assumption 2.1 (ii), B.2, B.3 --------------------------------------------------------------------


def test_2_1_ii_b2_b3_hold_on_disjoint_basins():
    for check in (check_assumption_2_1_ii, check_assumption_b2, check_assumption_b3):
        assert check(DECAY).verdict is HOLDS


def test_overlap_is_rejected_by_2_1_ii_and_b3_but_not_b2():
    assert check_assumption_2_1_ii(OVERLAP).verdict is FAILS
    assert check_assumption_b3(OVERLAP).evidence["overlap"] == [2]
    assert check_assumption_b3(OVERLAP).verdict is FAILS
    assert check_assumption_b2(OVERLAP).verdict is HOLDS


def test_empty_basin_mass_is_rejected():
    L = DECAY.replace(p0=["0", "1/2", "1/2"])
    assert check_assumption_b2(L).verdict is FAILS
    assert check_assumption_2_1_ii(L).reason == "p0(S_1) = 0"


# -- Assumption 2.1 (iii), B.5, kappa, q range -------------------------------------------------------


def test_2_1_iii_sharpest_constants_exact_in_exp_form():
    c = measure_basin_constants(DECAY)
    assert (c.exp_gaps[0].exact, c.exp_gaps[1].exact, c.exp_delta.exact) == (F(1, 10),) * 2 + (F(1, 3),)
    assert c.kappa[0].exact == F(1, 10) / F(1, 2) ** 2
    res = check_assumption_2_1_iii(DECAY)
    assert res.verdict is HOLDS and res.certified


def test_2_1_iii_exact_in_log_form():
    c = measure_basin_constants(LOG_FORM)
    assert (c.gaps[0].exact, c.delta.exact, c.eps.exact) == (3, 2, F(1, 2))
    assert check_assumption_2_1_iii(LOG_FORM, delta=2, gaps=[3, 3]).verdict is HOLDS
    too_big = check_assumption_2_1_iii(LOG_FORM, delta=F(21, 10))  # negative control: not a valid delta
    assert too_big.verdict is FAILS and "exceeds the sharpest" in too_big.reason
    assert check_assumption_2_1_iii(LOG_FORM, gaps=[3, 0]).verdict is FAILS


def test_2_1_iii_rejects_a_basin_atom_at_the_other_maximum():
    res = check_assumption_2_1_iii(TOP_SHARED)
    assert res.verdict is FAILS and res.certified and "Delta_2 <= 0" in res.reason


def test_2_1_iii_without_outside_atoms_accepts_every_delta():
    L = Landscape(exp_rewards=[["1", "1/3"], ["1/3", "1"]], exp_eps="1/2")
    res = check_assumption_2_1_iii(L, delta=100)
    assert res.verdict is HOLDS and res.evidence["delta"] is None


def test_b5_adds_eps_to_the_gaps():
    res = check_assumption_b5(LOG_FORM)
    assert res.verdict is HOLDS and res.evidence["Delta_1_B5"] == "7/2"
    assert check_assumption_b5(LOG_FORM, gaps=[F(7, 2), 1]).verdict is HOLDS
    assert check_assumption_b5(LOG_FORM, gaps=[F(15, 4), 1]).verdict is FAILS  # negative control


def test_kappa_below_one_and_its_boundary():
    assert check_kappa_below_one(DECAY).verdict is HOLDS
    # Delta_i between eps and 2 eps: kappa = (1/3)/(1/4) = 4/3
    big = Landscape(exp_rewards=[["1", "1/3"], ["1/3", "1"]], exp_eps="1/2")
    assert check_kappa_below_one(big).verdict is FAILS
    # Delta_i = 2 eps exactly: kappa = 1
    edge = Landscape(exp_rewards=[["1", "1/4"], ["1/4", "1"]], exp_eps="1/2")
    res = check_kappa_below_one(edge)
    assert res.verdict is FAILS and res.certified and res.evidence["kappa_1"] == "1"
    # the log form decides by intervals (kappa = e^{-1})
    assert check_kappa_below_one(LOG_FORM).method == "interval"


def test_q_range_premise():
    assert check_q_in_leakage_range(DECAY).verdict is HOLDS  # 2/5 < 1/2 < 3/5
    low = DECAY.replace(weights=["2/5", "3/5"])  # q = kappa_1 exactly: the range is open
    res = check_q_in_leakage_range(low)
    assert res.verdict is FAILS and res.certified
    assert check_q_in_leakage_range(DECAY.replace(weights=["7/10", "3/10"])).verdict is FAILS


# -- B.4 and the certified tail ----------------------------------------------------------------------


def test_b4_holds_for_all_t_with_a_certified_rho():
    res = check_assumption_b4(DECAY)
    assert res.verdict is HOLDS and res.certified and res.evidence["scope"] == "all t"
    rho = b4_rho(DECAY)
    assert rho.is_exact and rho.exact < 1
    # W_0 at the outside atom is (1/3)/Z with Z = (1 + 1/10 + 1/3)/3: the sup is at least that
    assert rho.exact >= F(1, 3) / ((1 + F(1, 10) + F(1, 3)) / 3)


def test_b4_fails_at_the_first_step_on_a_compromise_atom():
    res = check_assumption_b4(COMPROMISE)
    assert res.verdict is FAILS and res.certified and res.evidence["t"] == 0
    assert res.evidence["W_t(x)"] == "48/43"  # (8/9) / ((1 + 1/2 + 8/9)/3)


def test_b4_fails_later_at_an_outside_atom_without_mass():
    # the outside atom 2 has p_0 = 0; once the mass settles in S_2, W_t(2) -> (1-q)(1/2)/1 + q(1/2)/(1/10) > 1
    L = Landscape(exp_rewards=[["1", "1/10", "1/2"], ["1/100", "1", "1/2"]], exp_eps="9/10",
                  weights=["1/2", "1/2"], p0=["1/100", "99/100", "0"])
    res = check_assumption_b4(L)
    assert res.verdict is FAILS and res.certified


def test_b4_vacuous_without_outside_atoms():
    res = check_assumption_b4(OVERLAP)
    assert res.verdict is HOLDS and res.evidence["outside"] == []


def _mp_run(L, steps, dps=40):
    """Independent high-precision run of Eq. 5 (plain mpmath, no intervals): W_t at every atom."""
    with mpmath.workdps(dps):
        w = [[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in L.exp_rewards]
        q = [mpmath.mpf(v.numerator) / v.denominator for v in L.weights]
        p = [mpmath.mpf(v.numerator) / v.denominator for v in L.p0]
        out = []
        for _ in range(steps + 1):
            Z = [mpmath.fsum(a * b for a, b in zip(p, row)) for row in w]
            W = [mpmath.fsum(q[i] * w[i][x] / Z[i] for i in range(len(q))) for x in range(L.n)]
            out.append((list(p), W))
            p = [a * b for a, b in zip(p, W)]
        return out


@settings(max_examples=15, deadline=None)
@given(two_basin_setups(min_outside_atoms=1, max_outside_atoms=2, max_basin_atoms=2).map(lambda s: s.landscape))
@example(DECAY)
def test_tail_enclosures_contain_an_independent_run(L):
    scan = scan_outside(L)
    note(repr((scan.steps, scan.tail_from, scan.tail)))
    if scan.tail_from is None:
        return
    run = _mp_run(L, max(scan.tail_from + 60, scan.steps))
    slack = mpmath.mpf(10) ** -30
    for t in range(scan.tail_from, len(run)):
        for x in scan.outside:
            lo, hi = scan.tail[x]
            assert lo - slack <= run[t][1][x] <= hi + slack, (t, x)
    with mpmath.workdps(40):
        for t, row in enumerate(scan.W_out):  # the examined steps enclose the run too
            for x, v in zip(scan.outside, row):
                if isinstance(v, Fraction):
                    lo = hi = mpmath.mpf(v.numerator) / v.denominator
                else:
                    lo, hi = Real.of(v).bounds()
                assert lo - slack <= run[t][1][x] <= hi + slack, (t, x)


# -- m_t -> 0 from the limit --------------------------------------------------------------------------


def test_outside_mass_vanishes_decided_from_the_limit():
    assert check_outside_mass_vanishes(DECAY).verdict is HOLDS
    res = check_outside_mass_vanishes(COMPROMISE)  # negative control
    assert res.verdict is FAILS and res.certified and res.evidence["limit_outside_mass"] == "1"


# Log form: the compromise atom 2 (r = -1/2 for both rewards) lies outside S_eps and wins the bargain.
LOG_COMPROMISE = Landscape(rewards=[["0", "-5", "-1/2"], ["-5", "0", "-1/2"]], eps="1/4")


@pytest.mark.parametrize("L, verdict, method", [(DECAY, HOLDS, "exact"), (COMPROMISE, FAILS, "exact"),
                                                (LOG_FORM, HOLDS, "interval"), (LOG_COMPROMISE, FAILS, "interval")])
def test_one_rule_decides_m_t_to_0(L, verdict, method):
    ours, plateau = check_outside_mass_vanishes(L), check_limit_no_outside_mass(L)
    assert (ours.verdict, ours.certified, ours.method) == (verdict, True, method)
    # the plateau premise delegates: same decision and evidence under its own name
    assert (plateau.verdict, plateau.method, plateau.evidence) == (ours.verdict, ours.method, ours.evidence)
    assert plateau.name != ours.name
    # an independent run of the dynamics: m_t heads for 0 exactly when the premise holds
    from pluralnash.numeric import run_dynamics

    outside = [x for x in range(L.n) if x not in set(L.basins()[0]) | set(L.basins()[1])]
    m_T = sum(run_dynamics(L, 400, dps=20, record_every=400).p_T[x] for x in outside)
    assert (m_T < 0.05) if verdict is HOLDS else (m_T > 0.95), m_T
    if verdict is FAILS:
        assert ours.evidence["outside_atoms_in_limit"] == outside and "outside atoms" in ours.reason


def _limit_with(L, **changes):
    import dataclasses

    return dataclasses.replace(_solved_limit(L), **changes)


@pytest.mark.parametrize("L, why, changes", [
    (DECAY, "KKT certificate is UNDECIDED",
     {"certificate": CheckResult("KKT", UNDECIDED, "exact", {}, "planted near-tie")}),
    (DECAY, "unique maximiser", {"unique": False}),
    (LOG_COMPROMISE, "support is not certified",
     {"certificate": CheckResult("KKT", HOLDS, "interval", {"support_certified": False})}),
])
def test_m_t_to_0_is_certified_only_on_a_certified_support(monkeypatch, L, why, changes):
    # negative control: the same solve with one part of its certificate withdrawn must not be decided
    from pluralnash.numeric.engines import certified_limit

    L = L.replace(weights=["5/11", "6/11"])  # a setup no cache has seen
    planted = _limit_with(L, **changes)
    monkeypatch.setattr(certified_limit, "_solved_limit", lambda _: planted)
    for res in (check_outside_mass_vanishes(L), check_limit_no_outside_mass(L), check_interior_limit(L)):
        assert res.verdict is UNDECIDED and why in res.reason, (res.name, res.reason)
    assert limit_basin_masses(L).reason is not None and why in limit_basin_masses(L).reason
    limit_basin_masses.cache_clear()


def test_plateau_premise_keeps_its_two_basin_gate():
    # overlapping basins cover every atom, so m_t = 0: "m_t -> 0" holds, while the plateau premise
    # (stated on two disjoint basins) fails on B.3
    assert check_outside_mass_vanishes(OVERLAP).verdict is HOLDS
    res = check_limit_no_outside_mass(OVERLAP)
    assert res.verdict is FAILS and "intersect" in res.reason


def test_premise_and_conclusion_checks_share_one_limit_solve():
    L = DECAY.replace(weights=["3/7", "4/7"])
    _solved_limit.cache_clear()
    limit_basin_masses.cache_clear()
    results = [check_outside_mass_vanishes(L), check_limit_no_outside_mass(L), check_interior_limit(L)]
    assert [r.verdict for r in results] == [HOLDS, HOLDS, HOLDS]
    assert _solved_limit.cache_info().misses == 1


def test_premises_accept_setups_with_coordinate_list_atom_labels():
    L = DECAY.replace(atoms=[[0.0], [1.0], [2.0]])
    assert L.atoms == ((0.0,), (1.0,), (2.0,))
    assert hash(L) == hash(DECAY.replace(atoms=[[0.0], [1.0], [2.0]]))  # the per-setup caches can hold it
    assert check_assumption_2_1_ii(L).verdict is HOLDS
    assert check_outside_mass_vanishes(L).verdict is HOLDS
    assert check_assumption_b4(L).verdict is HOLDS
    assert check_assumption_2_1_ii(OVERLAP.replace(atoms=[[0], [1], [2]])).verdict is FAILS  # negative control


@settings(max_examples=10, deadline=None)
@given(st.one_of(two_basin_setups(max_outside_atoms=1, max_basin_atoms=2).map(lambda s: s.landscape),
                 non_collapse_landscapes(exact=False)))
def test_limit_masses_match_a_long_independent_run(L):
    lm = limit_basin_masses(L)
    note(repr(lm))
    if lm.reason is not None:
        return
    exact_form = L.exp_rewards is not None
    if not exact_form:
        return
    # an independent run (the engine's own trajectory, not the solver) approaches the certified a*;
    # near ties it does so only like 1/t, so the test asks for the approach, not for a fixed tolerance
    from pluralnash.numeric import run_dynamics

    S1 = measure_basin_constants(L).basins[0]
    lo, hi = lm.a.bounds()
    errs = []
    for T in (150, 1200):
        p = run_dynamics(L, T, dps=20, record_every=T).p_T
        a_run = mpmath.fsum(p[x] for x in S1)
        errs.append(max(lo - a_run, a_run - hi, 0))
    note(f"distance to the enclosure of a* at t = 150, 1200: {errs}")
    assert errs[1] <= errs[0] + mpmath.mpf(10) ** -15
    assert errs[1] < mpmath.mpf("1e-3") or errs[1] < errs[0] / 2


# -- what the strategies guarantee, checked by the predicates ---------------------------------------------


@settings(max_examples=20, deadline=None)
@given(two_basin_setups(min_outside_atoms=0, max_outside_atoms=2))
def test_sharpest_constants_match_the_strategys_construction(setup):
    L = setup.landscape
    c = measure_basin_constants(L)
    assert c.basins == setup.basins and c.outside == setup.outside
    if setup.exp_gaps is not None:
        assert (c.exp_gaps[0].exact, c.exp_gaps[1].exact) == setup.exp_gaps
        assert (c.exp_delta.exact if c.exp_delta is not None else None) == setup.exp_delta
    else:
        assert (c.gaps[0].exact, c.gaps[1].exact) == setup.gaps
        assert (c.delta.exact if c.delta is not None else None) == setup.delta
    for check in (check_assumption_2_1_i, check_assumption_2_1_ii, check_assumption_2_1_iii):
        assert _verdict(check(L)) is HOLDS


@settings(max_examples=20, deadline=None)
@given(st.booleans().flatmap(lambda exact: overlapping_basin_landscapes(exact=exact)))
def test_overlapping_basin_landscapes_break_only_disjointness(L):
    assert check_assumption_b3(L).verdict is FAILS
    assert check_assumption_2_1_ii(L).verdict is FAILS
    for check in (check_assumption_2_1_i, check_assumption_2_1_iii, check_assumption_b2):
        assert _verdict(check(L)) is HOLDS


@settings(max_examples=20, deadline=None)
@given(st.booleans().flatmap(lambda exact: non_collapse_landscapes(exact=exact)))
def test_non_collapse_landscapes_meet_lemma_3_5s_range(L):
    assert _verdict(check_q_in_leakage_range(L)) is HOLDS
    assert _verdict(check_kappa_below_one(L)) is HOLDS


@settings(max_examples=20, deadline=None)
@given(st.booleans().flatmap(lambda exact: non_collapse_landscapes(exact=exact, q_in_range=False)))
def test_non_collapse_landscapes_outside_the_range(L):
    assert _verdict(check_q_in_leakage_range(L)) is FAILS


def test_decide_in_order_stops_at_the_first_failing_or_undecided_comparison():
    from pluralnash.numeric.premises import decide_in_order

    seen = []

    def comparisons(items):
        for a, b in items:
            seen.append((a, b))
            yield a, b, (0, 1), f"cannot decide {a} < {b}", f"{a} >= {b}"

    assert decide_in_order(comparisons([(F(1, 3), 1), (F(2), 1), (F(1, 5), 1)])) == (FAILS, "exact", "2 >= 1")
    assert seen == [(F(1, 3), 1), (F(2), 1)]  # the third comparison is never evaluated
    assert decide_in_order(comparisons([(F(1, 3), 1), (F(1, 5), 1)])) == (HOLDS, "exact", None)
    # an irrational side is decided by intervals: the method weakens and stays weak
    e_inv = Real.exp(Real(F(-1)))
    assert decide_in_order(comparisons([(e_inv, 1), (F(1, 2), 1)])) == (HOLDS, "interval", None)
    # a comparison of two equal irrationals cannot be decided at any precision: UNDECIDED, never a guess
    verdict, method, reason = decide_in_order(comparisons([(e_inv, Real.exp(Real(F(-1))))]))
    assert (verdict, method) == (UNDECIDED, "interval") and reason.startswith("cannot decide")
