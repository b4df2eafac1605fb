"""The staged falsifier: every stage reports itself; the seed-independent stages find the planted
controls, the false statements of [FALA26] and [FERB24] as recalled, and the user statements of
``examples/false_statements.py``; their true twins are never falsified.

No test here depends on a random search succeeding: the stages under test are the small scope
(a fixed enumeration) and the refinement that starts from it, with no time limit.
"""

import importlib.util
import math
import pathlib
from fractions import Fraction

import pytest
from hypothesis import strategies as st

from pluralnash import Claim, ClaimVerdict, Variant, run_claim
from pluralnash import all_claims, get_claim
from pluralnash.numeric import Landscape
from pluralnash.properties import landscapes, search_counterexample
from pluralnash.properties._search import StageBudget, budget_for
from pluralnash.properties._small_scope import Shape, enumerate_landscapes, indices_by_size, simplex_choices
from pluralnash.theory import CheckResult, Verdict

ROOT = pathlib.Path(__file__).resolve().parents[2]
QUICK = budget_for(8)
# the seed-independent stages, without the clock: what they examine is fixed
NO_CLOCK = StageBudget(small_scope=QUICK.small_scope, targeted=0, refine=QUICK.refine, shrink_seconds=0,
                       seconds=math.inf)
FIXED = ("small-scope", "refine")


def _user_module():
    spec = importlib.util.spec_from_file_location("false_statements", ROOT / "examples" / "false_statements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


USER = _user_module()


def _search(claim, seed=0, budget=NO_CLOCK, stages=FIXED, control=True):
    return search_counterexample(claim.strategy(), claim.instance,
                                 premises=[p.check for p in claim.premises if p.check is not None],
                                 max_examples=8, seed=seed, small_scope=claim.small_scope, budget=budget,
                                 stages=stages, control=control, screen=claim.screen)


def _certified_counterexample(claim, out):
    assert out.counterexample is not None, f"{claim.id}: no counterexample; stages {out.stages}"
    for p in claim.premises:
        if p.check is not None:
            r = p.check(out.counterexample)
            assert r.verdict is Verdict.HOLDS and r.certified, (claim.id, p.name)
    again = claim.instance(out.counterexample)
    assert again.verdict is Verdict.FAILS and again.certified


@pytest.mark.parametrize("claim", USER.FALSE_STATEMENTS, ids=lambda c: c.id)
def test_user_false_statements_fall_to_the_fixed_stages(claim):
    out = _search(claim)
    _certified_counterexample(claim, out)
    assert out.found_by in FIXED and out.verdict is Verdict.FAILS


@pytest.mark.parametrize("claim", USER.TRUE_TWINS, ids=lambda c: c.id)
def test_true_twins_are_not_falsified(claim):
    out = _search(claim, stages=("small-scope", "targeted", "refine"),
                  budget=StageBudget(QUICK.small_scope, 8, QUICK.refine, 0, math.inf))
    assert out.counterexample is None and out.error is None
    assert out.certified_setups > 0 and out.verdict is Verdict.HOLDS


@pytest.mark.parametrize("claim", USER.FALSE_STATEMENTS[:2], ids=lambda c: c.id)
def test_user_statement_through_run_claim_is_falsified_on_any_seed(claim):
    for seed in (0, 7):
        report = run_claim(claim, profile="quick", seed=seed, controls=False)
        assert report.verdict is ClaimVerdict.FALSIFIED
        assert report.counterexample is not None


@pytest.mark.parametrize("claim_id", ["lemma-3.3", "ferbach-2.1-sup-over-atoms"])
def test_false_paper_statements_fall_to_the_small_scope(claim_id):
    claim = get_claim(claim_id)
    out = _search(claim, stages=("small-scope",))
    _certified_counterexample(claim, out)
    assert out.found_by == "small-scope"


def test_every_control_falls_to_the_small_scope():
    missed = []
    for claim in all_claims(controls=True):
        if claim.planted is None or claim.instance is None or claim.strategy is None:
            continue
        out = _search(claim, stages=("small-scope",))
        if out.counterexample is None:
            missed.append(claim.id)
    assert missed == []


def test_small_scope_does_not_depend_on_the_seed():
    claim = get_claim("lemma-3.3-appendix")
    a, b = (_search(claim, seed=s, stages=("small-scope",)) for s in (0, 5))
    assert (a.examined, a.tried, a.skipped, a.min_margin) == (b.examined, b.tried, b.skipped, b.min_margin)
    assert a.examined > QUICK.small_scope  # the strategy's fixed draws, then the grid


def test_outcome_reports_each_stage_and_counts_add_up():
    claim = USER.TRUE_TWINS[0]
    out = _search(claim, stages=("small-scope", "targeted", "refine"),
                  budget=StageBudget(QUICK.small_scope, 8, 20, 0, math.inf))
    assert [s.name for s in out.stages] == ["small-scope", "targeted", "refine"]
    assert out.examined == out.tried + out.skipped
    assert out.certified_setups + out.undecided + out.uncertified + out.boundary_undecided + out.backed_off == out.tried
    assert set(out.stages_json()) == {"small-scope", "targeted", "refine"}
    assert out.found_by is None and out.examined_to_first is None


def _uncertified(L):
    return CheckResult("float only", Verdict.FAILS, "mp-point", {"margin": -1.0})


def _always_fails(L):
    return CheckResult("planted", Verdict.FAILS, "exact", {"margin": -1.0})


def test_uncertified_results_are_never_evidence():
    out = search_counterexample(landscapes(max_atoms=2), _uncertified, max_examples=8, budget=NO_CLOCK,
                                stages=FIXED)
    assert out.counterexample is None and out.uncertified == out.tried > 0
    assert out.verdict is Verdict.UNDECIDED  # not HOLDS: no certified setup was behind it


def test_planted_always_failing_check_is_caught_first():
    out = search_counterexample(landscapes(max_atoms=2), _always_fails, max_examples=8, budget=NO_CLOCK)
    assert out.verdict is Verdict.FAILS and out.examined_to_first == 1 and out.found_by == "small-scope"


def test_claim_small_scope_is_used():
    setups = [Landscape(exp_rewards=[[1, Fraction(1, 2)]]), Landscape(exp_rewards=[[1, Fraction(1, 3)]])]
    seen = []

    def conclusion(L):
        seen.append(L)
        bad = L.exp_rewards[0][1] == Fraction(1, 3)
        return CheckResult("w(1) != 1/3", Verdict.FAILS if bad else Verdict.HOLDS, "exact", {"margin": 1.0})

    claim = Claim("demo", "test", "s", (), "c", instance=conclusion, strategy=lambda: st.just(setups[0]),
                  small_scope=lambda bound: iter(setups))
    out = _search(claim, stages=("small-scope",))
    assert out.counterexample == setups[1] and seen[:2] == setups


def test_shrinking_simplifies_and_keeps_a_certified_counterexample():
    claim = USER.FALSE_STATEMENTS[1]  # at most two atoms gain mass
    out = _search(claim, budget=_shrink_budget(), stages=("small-scope", "shrink"), control=False)
    raw = _search(claim, stages=("small-scope",))
    _certified_counterexample(claim, out)
    from pluralnash.properties._refine import complexity

    assert [s.name for s in out.stages] == ["small-scope", "shrink"] and out.stages[1].examined > 0
    assert complexity(out.counterexample) < complexity(raw.counterexample)
    # a control is not shrunk
    assert _search(claim, budget=_shrink_budget(), stages=("small-scope", "shrink")).counterexample == raw.counterexample


def _shrink_budget():
    return StageBudget(QUICK.small_scope, 0, 0, 5.0, math.inf)


def test_indices_by_size_covers_every_tuple_once_in_size_order():
    got = list(indices_by_size([3, 2, 4]))
    assert len(got) == len(set(got)) == 3 * 2 * 4
    assert [sum(t) for t in got] == sorted(sum(t) for t in got)


def test_simplex_choices_are_points_of_the_simplex():
    for n in (1, 2, 3, 5):
        points = simplex_choices(n)
        assert points[0] == tuple([Fraction(1, n)] * n)
        assert all(len(p) == n and sum(p) == 1 and min(p) >= 0 for p in points)


def test_enumeration_is_bounded_and_repeatable():
    shapes = [Shape(2, 3, "exp", "exp_eps", None, False), Shape(1, 2, "log", None, 2, True)]
    a = list(enumerate_landscapes(shapes, 50))
    assert a == list(enumerate_landscapes(list(reversed(shapes)), 50)) and len(a) == 50
    assert {L.m for L in a} == {1, 2}


# -- the float64 screen (stage "screen") ----------------------------------------------------------

SCREENED = StageBudget(small_scope=0, targeted=0, refine=0, shrink_seconds=0, seconds=math.inf,
                       screen=600, screen_keep=2)


def _screen_search(claim, seed=0, budget=SCREENED):
    return search_counterexample(claim.strategy(), claim.instance,
                                 premises=[p.check for p in claim.premises if p.check is not None],
                                 max_examples=8, seed=seed, budget=budget, stages=("screen",), control=True,
                                 screen=claim.screen)


def test_the_screen_finds_a_counterexample_certified_by_the_exact_check():
    claim = get_claim("lemma-3.3")
    out = _screen_search(claim, seed=3)
    _certified_counterexample(claim, out)
    stage = out.stages_json()["screen"]
    assert out.found_by == "screen" and stage["screened"] == 600 and stage["float_margin"] < 0
    assert stage["examined"] <= SCREENED.screen_keep and stage["certified"] >= 1


@pytest.mark.parametrize("claim_id", ["lemma-3.3-appendix~main-text-premises", "lemma-3.4-as-stated",
                                      "ferbach-2.1-sup-over-atoms"])
def test_the_screen_alone_falls_planted_and_paper_false_statements(claim_id):
    claim = get_claim(claim_id)
    out = _screen_search(claim, seed=0)
    _certified_counterexample(claim, out)
    assert out.found_by == "screen"


@pytest.mark.parametrize("claim_id", ["lemma-3.3-appendix", "lemma-3.4", "lemma-3.5", "ferbach-theorem-2.1",
                                      "nash-limit"])
def test_the_screen_of_a_true_statement_certifies_its_candidates_and_finds_nothing(claim_id):
    claim = get_claim(claim_id)  # lemma-3.3-appendix: the check of lemma-3.3 under B.4, where the decay holds
    out = _screen_search(claim, seed=3)
    assert out.counterexample is None and out.error is None
    assert out.stages_json()["screen"]["screened"] == 600


def _float_says_fails(rng, count):
    """A planted screen whose float margins are all negative, on setups where the claim holds."""
    import numpy as np

    from pluralnash.properties import Screened

    return Screened(np.full(count, -1.0), lambda i: Landscape(exp_rewards=[[1, Fraction(1, 2)]]))


def test_a_float_margin_alone_never_makes_a_verdict():
    def holds(L):
        return CheckResult("holds", Verdict.HOLDS, "exact", {"margin": 0.5})

    def undecided(L):
        return CheckResult("undecided", Verdict.UNDECIDED, "interval", {}, reason="too close")

    for conclusion in (holds, undecided):
        out = search_counterexample(landscapes(max_atoms=2), conclusion, max_examples=8, budget=SCREENED,
                                    stages=("screen",), screen=_float_says_fails)
        assert out.counterexample is None and out.stages_json()["screen"]["float_margin"] == -1.0
    # the undecided candidates, undecided a step away too, are boundary candidates: reported, counted neither way
    assert out.boundary_undecided == out.tried == SCREENED.screen_keep and out.undecided == 0
    assert out.stages_json()["screen"]["boundary_retries"] > 0 and out.backed_off == 0
    assert out.certified_setups == 0 and out.verdict is Verdict.UNDECIDED  # no certified setup behind it


def test_without_numpy_the_screen_is_skipped_and_says_so(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_numpy(name, *args, **kwargs):
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError("numpy hidden by the test")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_numpy)
    claim = get_claim("lemma-3.3")
    out = _screen_search(claim)
    stage = out.stages_json()["screen"]
    assert "numpy is not installed" in stage["skipped"] and stage["examined"] == 0
    assert out.counterexample is None and "screened" not in stage


def test_the_screen_stage_runs_after_small_scope_and_before_targeted():
    claim = get_claim("lemma-3.3-appendix")
    budget = StageBudget(QUICK.small_scope, 4, 8, 0, math.inf, screen=300, screen_keep=1)
    out = _search(claim, budget=budget, stages=("small-scope", "screen", "targeted", "refine"))
    assert [s.name for s in out.stages] == ["small-scope", "screen", "targeted", "refine"]
    # a claim without a screen has no screening stage
    plain = _search(USER.TRUE_TWINS[0], budget=budget, stages=("small-scope", "screen"))
    assert [s.name for s in plain.stages] == ["small-scope"]


def test_a_control_that_replaces_the_check_drops_the_parents_screen():
    claim = get_claim("lemma-3.3")
    by = {c.id.split("~")[1]: c for c in claim.controls}
    assert claim.screen is not None and by["never-decays"].screen is None
    shared = {c.id.split("~")[1]: c for c in get_claim("lemma-3.3-appendix").controls}
    assert shared["overlapping-basins"].screen is get_claim("lemma-3.3-appendix").screen


@pytest.mark.parametrize("name", ["pluralnash.properties._screen", "pluralnash.properties._search",
                                  "pluralnash.claims.basins.screen", "pluralnash.claims.ferbach_screen",
                                  "pluralnash.claims.core.screen",
                                  "pluralnash.numeric.engines.step_batch",
                                  "pluralnash.claims._screens"])
def test_screen_doctests(name, run_doctests):
    run_doctests(name)


# -- boundary candidates: undecided candidates of the screen and the refinement ----------------------

_EDGE = Landscape(exp_rewards=[[1, Fraction(1, 7)]])


def _edge_undecided(L):
    if L == _EDGE:
        return CheckResult("edge", Verdict.UNDECIDED, "interval", {}, reason="margin about 0")
    return CheckResult("edge", Verdict.HOLDS, "exact", {"margin": 1.0})


def _edge_band_undecided(L):
    """UNDECIDED within 1/500 of v = 1/7 (the screen's candidate and its 1% neighbours), HOLDS elsewhere."""
    if L.exp_rewards is not None and abs(Fraction(L.exp_rewards[0][1]) - Fraction(1, 7)) < Fraction(1, 500):
        return CheckResult("edge", Verdict.UNDECIDED, "interval", {}, reason="margin about 0")
    return CheckResult("edge", Verdict.HOLDS, "exact", {"margin": 1.0})


def _edge_screen(rng, count):
    import numpy as np

    from pluralnash.properties import Screened

    return Screened(np.zeros(count), lambda i: _EDGE)


def _edge_claim(claim_id, with_edge_in_scope, check=_edge_undecided):
    grid = [Landscape(exp_rewards=[[1, Fraction(k, 100)]]) for k in range(1, 60)]
    scope = ([_EDGE] if with_edge_in_scope else []) + grid
    return Claim(claim_id, "[TEST]", "s", (), "c", instance=check,
                 strategy=lambda: st.sampled_from(grid), small_scope=lambda bound: iter(scope[:bound]),
                 screen=_edge_screen).with_controls(Variant("always", "planted", instance=_always_fails))


def test_boundary_candidates_are_replaced_or_reported_and_not_counted_as_the_profiles_setups():
    # a screen candidate exactly on the boundary is rationalised again one step away, and decided there
    rep = run_claim(_edge_claim("t-edge-candidates", False), profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.basis["undecided"] == 0 and "boundary_undecided" not in rep.basis
    assert rep.basis["stages"]["screen"]["stopped_short"] == budget_for(8).screen_keep
    # what stays undecided a step away too is a boundary candidate: reported with the note, counted neither way
    rep = run_claim(_edge_claim("t-edge-band", False, check=_edge_band_undecided), profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.basis["undecided"] == 0 and rep.basis["boundary_undecided"] == budget_for(8).screen_keep
    assert "not among the profile's setups" in rep.basis["boundary_note"]
    assert "stopped_short" not in rep.basis["stages"]["screen"]
    # negative control: the same undecided setup drawn by the small scope is one of the profile's setups
    rep = run_claim(_edge_claim("t-edge-in-scope", True), profile="quick")
    assert rep.verdict is ClaimVerdict.INCONCLUSIVE and rep.basis["undecided"] == 1


# -- the refinement stops short of an exact boundary ---------------------------------------------------

def _at_least_a_tenth(L):
    v = Fraction(L.exp_rewards[0][1])
    return CheckResult("v >= 1/10", Verdict.HOLDS if v >= Fraction(1, 10) else Verdict.FAILS, "exact", {})


def _log_bound(L):
    """log v >= -log 10, decided in 100-bit intervals: certified off v = 1/10, UNDECIDED on it (the
    interval around log v + log 10 = 0 contains 0), as an interval check is on an exact boundary."""
    from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

    with iv_workprec(100):
        gap = iv.log(iv_frac(Fraction(L.exp_rewards[0][1]))) + iv.log(iv.mpf(10))
    if gap.a > 0:
        return CheckResult("log v >= -log 10", Verdict.HOLDS, "interval", {"margin": float(gap.a)})
    if gap.b < 0:
        return CheckResult("log v >= -log 10", Verdict.FAILS, "interval", {"margin": float(gap.b)})
    return CheckResult("log v >= -log 10", Verdict.UNDECIDED, "interval", {}, reason="log v + log 10 contains 0")


_ONE = Landscape(exp_rewards=[[1, 1]])


def _onto_the_boundary_claim(claim_id):
    """A true claim whose refinement, from v = 1, steps by a factor 10 onto v = 1/10 exactly."""
    from pluralnash import Premise

    return Claim(claim_id, "[TEST]", "v >= 1/10 implies log v >= -log 10", (Premise("v >= 1/10", "", _at_least_a_tenth),),
                 "log v >= -log 10", instance=_log_bound, strategy=lambda: st.just(_ONE),
                 small_scope=lambda bound: iter([_ONE])).with_controls(Variant("always", "planted", instance=_always_fails))


def test_the_refinement_stops_short_of_an_exact_boundary(monkeypatch):
    from pluralnash.properties._search import _Search

    claim = _onto_the_boundary_claim("t-onto-boundary")
    out = _search(claim, control=False)
    assert _log_bound(Landscape(exp_rewards=[[1, Fraction(1, 10)]])).verdict is Verdict.UNDECIDED  # the boundary
    refine = out.stages_json()["refine"]
    assert out.counterexample is None and out.boundary_undecided == 0 and out.undecided == 0
    assert refine["stopped_short"] >= 1 and out.backed_off == refine["stopped_short"]
    assert out.certified_setups + out.uncertified + out.boundary_undecided + out.backed_off == out.tried
    assert out.verdict is Verdict.HOLDS
    # negative control: without stepping back, the same refinement leaves the setup on the boundary undecided
    monkeypatch.setattr(_Search, "BACKOFFS", 0)
    bare = _search(claim, control=False)
    assert bare.boundary_undecided >= 1 and "stopped_short" not in bare.stages_json()["refine"]
    # the setup left on the boundary is counted apart, never among the certified setups
    assert bare.certified_setups + bare.uncertified + bare.boundary_undecided == bare.tried and bare.backed_off == 0


def test_a_verified_verdict_never_rests_on_an_undecided_setup(monkeypatch):
    from pluralnash.properties._search import _Search

    rep = run_claim(_onto_the_boundary_claim("t-onto-boundary-run"), profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert "boundary_undecided" not in rep.basis and rep.basis["undecided"] == 0
    assert rep.basis["stages"]["refine"]["stopped_short"] >= 1
    # what remains on the boundary is reported with the note and is never among the certified setups
    monkeypatch.setattr(_Search, "BACKOFFS", 0)
    bare = run_claim(_onto_the_boundary_claim("t-onto-boundary-bare"), profile="quick")
    assert bare.basis["boundary_undecided"] >= 1 and "boundary_note" in bare.basis and bare.basis["undecided"] == 0
