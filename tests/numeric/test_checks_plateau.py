"""Premises and instance checks for [FALA26] Prop. 3.4, Theorem 3.6 and Corollary 3.8 on hand-built and
random setups, with a negative control for every premise."""

from fractions import Fraction

import pytest
from hypothesis import example, given, note, settings, target

from pluralnash.numeric import Landscape, evaluate_curated_update, solve_limit
from pluralnash.claims.plateau.checks import (
    check_basin_conditionals,
    check_corollary_3_8,
    check_hard_separation_limit,
    check_prop_3_4,
    check_theorem_3_6,
    separation_term,
)
from pluralnash.numeric.premises import (
    check_b5,
    check_limit_keeps_both_basins,
    check_limit_no_outside_mass,
    check_outside_domination_hard_limit,
    check_plateau,
    check_two_basins,
    measure_b5,
)
from pluralnash.numeric.premises.basin_premises import check_assumption_2_1_ii, check_assumption_b5
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.numeric.arith.intervals import iv_frac, iv_workprec
from pluralnash.properties import plateau_hard_separation_landscapes, variance_landscapes
from pluralnash.theory import Verdict

F = Fraction
# plateau: S_1 = {0, 1} with (1, 1/3), S_2 = {2} with (1/5, 1); q = 2/5
PLATEAU = Landscape(exp_rewards=[["1", "1", "1/5"], ["1/3", "1/3", "1"]], weights=["2/5", "3/5"],
                    p0=["1/8", "1/8", "3/4"], exp_eps="1/2")
# plateau plus an outside atom dominated in the limit (rho_1 + rho_2 = 2/5 + 1/4 < 1)
DOMINATED = Landscape(exp_rewards=[["1", "1/5", "2/5"], ["1/3", "1", "1/4"]], weights=["2/5", "3/5"],
                      p0=["1/3", "1/3", "1/3"], exp_eps="1/2")
# a compromise atom (4/5, 4/5) that wins once the basins are far apart
COMPROMISE = Landscape(exp_rewards=[["1", "1/10", "4/5"], ["1/10", "1", "4/5"]], weights=["1/2", "1/2"],
                       exp_eps="9/10")
# two-basin, not plateau: S_1 = {0, 1} with different reward vectors
NON_PLATEAU = Landscape(exp_rewards=[["1", "9/10", "1/5", "1/4"], ["1/3", "1/5", "1", "9/10"]],
                        weights=["1/3", "2/3"], exp_eps="4/5")
# a compromise atom sharing the limit with S_1 (m_t does not tend to 0, a_inf in (0, 1))
SHARED = Landscape(exp_rewards=[["1", "1/10", "3/5"], ["1/10", "1", "4/5"]], weights=["3/4", "1/4"],
                   exp_eps="9/10")
TIE = Landscape(exp_rewards=[["1", "1/5", "1/2"], ["1/5", "1", "1/2"]], weights=["1/2", "1/2"], exp_eps="4/5")


def holds(result):
    assert result.verdict is Verdict.HOLDS, (result.name, result.reason)
    assert result.certified
    return result.evidence


def fails(result):
    assert result.verdict is Verdict.FAILS, (result.name, result.reason)
    assert result.certified and result.reason
    return result.evidence


# --- premises, each with a negative control ----------------------------------------------------


def test_two_basins_premise():
    holds(check_two_basins(PLATEAU))
    no_mass = PLATEAU.replace(p0=["1/2", "1/2", "0"])
    assert "p0(S_2) = 0" in check_two_basins(no_mass).reason
    fails(check_two_basins(no_mass))
    fails(check_two_basins(PLATEAU.replace(exp_eps=None, eps=None)))
    overlap = Landscape(exp_rewards=[["1", "9/10"], ["9/10", "1"]], exp_eps="1/2")
    res = check_two_basins(overlap)
    fails(res)
    assert "intersect" in res.reason


# the same premise as Assumption 2.1(ii); a setup breaking B.2 is the negative control
@pytest.mark.parametrize("L", [PLATEAU, DOMINATED, NON_PLATEAU, PLATEAU.replace(p0=["0", "0", "1"]),
                               DOMINATED.replace(p0=["1/2", "0", "1/2"])])
def test_two_basins_is_assumption_2_1_ii_computed_once(L):
    ours, theirs = check_two_basins(L), check_assumption_2_1_ii(L)
    assert (ours.verdict, ours.evidence) == (theirs.verdict, theirs.evidence)
    assert ours.certified and theirs.certified
    if theirs.verdict is Verdict.FAILS:
        assert ours.reason == f"{theirs.reason} (B.2 fails)"


def test_prop_3_4_without_mass_on_a_basin_is_undecided_not_an_error():
    res = check_prop_3_4(PLATEAU.replace(p0=["1/2", "1/2", "0"]))
    assert res.verdict is Verdict.UNDECIDED and "p0(S_2) = 0 (B.2 fails)" in res.reason


def test_plateau_premise_measures_k_and_names_the_breaking_atom():
    ev = holds(check_plateau(PLATEAU))
    assert ev["k = e^-Delta"] == ["1/5", "1/3"]
    res = check_plateau(NON_PLATEAU)
    fails(res)
    assert "atom 1" in res.reason and "S_1" in res.reason
    log_form = Landscape(rewards=[[0, 0, -3], [-2, -2, 0]], eps=1)
    assert holds(check_plateau(log_form))["Delta"] == ["3", "2"]
    fails(check_plateau(Landscape(rewards=[[0, 0, -3], [-2, -5 / 2, 0]], eps=1)))


def test_b5_measures_the_sharpest_constants():
    L = Landscape(rewards=[[0, "-1/2", -3, -4], [-2, "-5/2", 0, "-1/4"]], eps=1)
    m = measure_b5(L)
    # Delta_1 = eps + min over S_2 of r_1* - r_1; Delta_2 = eps + min over S_1 of r_2* - r_2
    assert m["Delta"] == [1 + 3, 1 + 2]
    assert m["Delta-2eps"] == [2, 1]
    holds(check_b5(L))
    with iv_workprec(128):
        assert float(separation_term(m["Delta"][0], m["eps"]).mid) == 4.0
    fails(check_b5(Landscape(exp_rewards=[["1"], ["1"]], exp_eps="1/2")))


# every combination of reward form (w or r) and basin-width form (eps or e^-eps); log form with
# e^-eps used to raise NotImplementedError (mpmath.iv cannot add a Fraction)
FORMS = [Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2"),
         Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], eps="1/2"),
         Landscape(rewards=[["0", "-3", "-2"], ["-3", "0", "-2"]], eps="1/2"),
         Landscape(rewards=[["0", "-3", "-2"], ["-3", "0", "-2"]], exp_eps="1/2")]


@pytest.mark.parametrize("L", FORMS)
def test_b5_constants_are_those_of_assumption_b5(L):
    m = measure_b5(L, prec=128)
    c = measure_basin_constants(L)
    with iv_workprec(128):
        for i in range(2):
            for key, value in (("Delta", c.gaps[i] + c.eps), ("Delta-2eps", c.gaps[i] - c.eps)):
                got = m[key][i]
                if value.is_exact:
                    assert got == value.exact
                else:
                    want = value.iv()
                    assert (got.a, got.b) == (want.a, want.b)
    ev = holds(check_b5(L))
    b5 = holds(check_assumption_b5(L))
    for i in range(2):  # the two reports print the same constants (to the digits they show)
        shown = [float(Fraction(text.lstrip("~"))) for text in (ev["Delta"][i], b5[f"Delta_{i + 1}_B5"])]
        assert shown[0] == pytest.approx(shown[1], rel=1e-10)
    # negative control: overlapping basins (the same setup with a wide basin width) fail
    fails(check_b5(L.replace(eps=None, exp_eps="1/20")))


def test_outside_domination_premise():
    holds(check_outside_domination_hard_limit(PLATEAU))  # no outside atom
    ev = holds(check_outside_domination_hard_limit(DOMINATED))
    assert float(ev["margin"]) == pytest.approx(1 - 2 / 5 - 1 / 4)
    res = check_outside_domination_hard_limit(COMPROMISE)
    fails(res)
    assert "atom 2" in res.reason
    # an outside atom without p0 mass never gets any
    holds(check_outside_domination_hard_limit(COMPROMISE.replace(p0=["1/2", "1/2", "0"])))
    # log form: rho = e^{-1/2} each, sum > 1, decided by intervals
    log_form = Landscape(rewards=[[0, -5, "-1/2"], [-5, 0, "-1/2"]], eps="1/4")
    res = check_outside_domination_hard_limit(log_form)
    assert res.verdict is Verdict.FAILS and res.method == "interval"


def test_limit_premises_from_the_certified_limit():
    holds(check_limit_no_outside_mass(DOMINATED))
    holds(check_limit_keeps_both_basins(PLATEAU))
    fails(check_limit_no_outside_mass(COMPROMISE))
    fails(check_limit_no_outside_mass(SHARED))
    holds(check_limit_keeps_both_basins(SHARED))
    lopsided = PLATEAU.replace(weights=["1/50", "49/50"])  # q below the window: a_inf = 0
    assert "a_inf = 0" in check_limit_keeps_both_basins(lopsided).reason


def test_basin_conditionals_of_any_distribution():
    from pluralnash.numeric.engines.basin_utilities import basin_conditionals
    from pluralnash.theory import InvalidArgument

    # P_i = p(.|S_i) by hand: S_1 = {0, 1}, S_2 = {2, 3} on NON_PLATEAU
    assert NON_PLATEAU.basins()[:2] == ((0, 1), (2, 3))
    p = [F(1, 10), F(3, 10), F(1, 5), F(2, 5)]
    assert basin_conditionals(NON_PLATEAU, p) == ([F(1, 4), F(3, 4), 0, 0], [0, 0, F(1, 3), F(2, 3)])
    assert basin_conditionals(NON_PLATEAU) == ([F(1, 2), F(1, 2), 0, 0], [0, 0, F(1, 2), F(1, 2)])  # p_0
    with pytest.raises(InvalidArgument, match=r"basin \[2, 3\] has no mass.*B\.2"):  # negative control
        basin_conditionals(NON_PLATEAU, [F(1, 2), F(1, 2), 0, 0])


# --- Prop 3.4 ---------------------------------------------------------------------------------------


def test_conditionals_stay_fixed_on_a_plateau_and_drift_off_it():
    holds(check_basin_conditionals(PLATEAU, steps=5))
    holds(check_basin_conditionals(DOMINATED.replace(K=3)))  # K is ignored: a large-K statement
    ev = fails(check_basin_conditionals(NON_PLATEAU))
    assert ev["t"] == 1 and ev["basin"] in (1, 2)
    # the failure is real: recompute the first step by hand from the engine
    p1 = evaluate_curated_update(NON_PLATEAU)
    b = NON_PLATEAU.basins()[ev["basin"] - 1]
    mass0 = sum(NON_PLATEAU.p0[x] for x in b)
    mass1 = sum(p1[x] for x in b)
    assert p1[ev["atom"]] / mass1 != NON_PLATEAU.p0[ev["atom"]] / mass0


def test_hard_separation_limit_holds_and_the_family_approaches_q():
    ev = holds(check_hard_separation_limit(PLATEAU, family=3))
    gaps = [F(row["|a_inf - c|"]) for row in ev["family"]]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < gaps[0] / 100
    # the member at k/10^0 is the setup itself: its a_inf is the solver's
    res = solve_limit(PLATEAU)
    assert F(ev["family"][0]["a_inf"]) == res.p[0] + res.p[1]
    holds(check_hard_separation_limit(DOMINATED))


def test_planted_endpoints_fail_with_a_certified_better_point():
    ev = fails(check_hard_separation_limit(PLATEAU, endpoint=lambda q: F(1, 2)))
    assert F(ev["W_0(atom) at p_c"]) > 1 and float(ev["F_0(better) - F_0(p_c) >="]) > 0
    ev = fails(check_hard_separation_limit(PLATEAU, gap="finite"))
    res = solve_limit(PLATEAU)
    assert F(ev["a_inf"]) == res.p[0] + res.p[1] != PLATEAU.weights[0]
    for c in (F(0), F(1)):
        fails(check_hard_separation_limit(PLATEAU, endpoint=lambda q, c=c: c))
    assert "outside [0, 1]" in check_hard_separation_limit(PLATEAU, endpoint=lambda q: F(3, 2)).reason


def test_compromise_keeps_the_hard_separation_limit_away_from_p_q():
    ev = fails(check_hard_separation_limit(COMPROMISE))
    assert ev["atom"] == 2
    res = check_hard_separation_limit(TIE)
    assert res.verdict is Verdict.UNDECIDED and "several maximisers" in res.reason


def test_log_form_is_decided_by_intervals_or_left_undecided():
    log_form = Landscape(rewards=[[0, 0, -3, "-3/2"], [-2, -2, 0, "-3/2"]], eps=1, weights=["1/3", "2/3"])
    res = check_hard_separation_limit(log_form)
    assert res.verdict is Verdict.HOLDS and res.method == "interval"
    res = check_prop_3_4(log_form)
    assert res.verdict is Verdict.UNDECIDED and "exp_rewards" in res.reason


def test_prop_3_4_names_the_failing_part():
    assert check_prop_3_4(PLATEAU).verdict is Verdict.HOLDS
    assert fails(check_prop_3_4(PLATEAU, gap="finite"))
    assert check_prop_3_4(NON_PLATEAU).reason.startswith("(i) conditionals")
    assert check_prop_3_4(COMPROMISE).reason.startswith("(ii) limit")


# --- Corollary 3.8 --------------------------------------------------------------------------------


def test_corollary_3_8():
    holds(check_corollary_3_8(PLATEAU))
    res = check_corollary_3_8(PLATEAU, nash_point=lambda q: 1 - q)
    ev = fails(res)
    assert ev["nash_point"]["verdict"] == "FAILS"  # 1 - q is not the Nash point either
    fails(check_corollary_3_8(PLATEAU, gap="finite"))
    symmetric = PLATEAU.replace(exp_rewards=[["1", "1", "1/3"], ["1/3", "1/3", "1"]], weights=["1/2", "1/2"])
    holds(check_corollary_3_8(symmetric, gap="finite"))  # symmetric: a_inf = q already


# --- Theorem 3.6 ----------------------------------------------------------------------------------


def test_theorem_3_6_on_a_plateau_has_no_within_variance():
    ev = holds(check_theorem_3_6(PLATEAU))
    for row in ev["rewards"]:
        assert row["V"] == ["0", "0"] and row["Var - inter"] == "0"
    assert 0 < float(ev["margin"]) < 1


def test_theorem_3_6_off_the_plateau():
    # S_1 = {0, 1} with different reward vectors; with two rewards the limit generically keeps one
    # reward vector per basin, so the within-basin variances at p_inf vanish here too
    L = Landscape(exp_rewards=[["1", "4/5", "1/8"], ["1/6", "1/6", "1"]], weights=["1/2", "1/2"],
                  p0=["1/4", "1/4", "1/2"], exp_eps="1/2")
    fails(check_plateau(L))
    ev = holds(check_theorem_3_6(L))
    assert ev["m_inf"] == "0" and 1 not in ev["limit_support"]
    assert all(row["V"] == ["0", "0"] for row in ev["rewards"])


def test_theorem_3_6_planted_bounds_and_the_dropped_premise():
    ev = fails(check_theorem_3_6(PLATEAU, bound=lambda a, D, e: separation_term(D, e)))
    assert ev["failing_reward"] in (1, 2)
    fails(check_theorem_3_6(PLATEAU, bound=lambda a, D, e: separation_term(D, F(0)) * iv_frac(a * (1 - a))))
    ev = fails(check_theorem_3_6(SHARED))
    assert F(ev["m_inf"]) > 0


# --- random setups (the property route, by hand) --------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(plateau_hard_separation_landscapes())
@example(PLATEAU)
@example(DOMINATED)
def test_prop_3_4_and_corollary_hold_on_random_plateaus(L):
    note(repr(L.to_json()))
    for premise in (check_two_basins, check_plateau, check_outside_domination_hard_limit):
        holds(premise(L))
    ev = holds(check_prop_3_4(L))
    if "margin" in ev:
        target(-float(ev["margin"]), label="outside slack")
    holds(check_corollary_3_8(L))


@settings(max_examples=15, deadline=None)
@given(variance_landscapes())
@example(PLATEAU)
def test_theorem_3_6_holds_where_its_premises_do(L):
    note(repr(L.to_json()))
    premises = [check_two_basins(L), check_limit_no_outside_mass(L), check_limit_keeps_both_basins(L), check_b5(L)]
    if any(p.verdict is not Verdict.HOLDS for p in premises):
        return
    ev = holds(check_theorem_3_6(L))
    target(-float(ev["margin"]), label="relative slack")


@pytest.mark.parametrize("module", ["pluralnash.numeric.premises.plateau_premises", "pluralnash.claims.plateau.checks",
                                    "pluralnash.properties._strategies_plateau"])
def test_doctests(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
