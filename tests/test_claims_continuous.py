"""continuous-closed-form: the engine against quadrature of the step-by-step dynamics, and its controls."""

import mpmath
import pytest
from hypothesis import given, settings

from pluralnash import ClaimVerdict, check_claim
from pluralnash.claims.continuous import check_continuous_closed_form, closed_form_values
from pluralnash.numeric.engines import Gaussian, QuadraticLandscape, Uniform, enclose_Z, quadrature_values
from pluralnash.properties import quadratic_landscapes
from pluralnash.theory import InvalidArgument, Verdict

UNIFORM = QuadraticLandscape(mu=[-1, 1], weights=["1/3", "2/3"], init=Uniform(-3, 3), eps="1/10")
GAUSS = QuadraticLandscape(mu=[-1, "1/2", 2], weights=["1/3", "1/6", "1/2"], beta=2, init=Gaussian("1/3", "1/2"),
                           eps="1/5")
LINE_3D = QuadraticLandscape(mu=[[-1, 0, 1], [1, 0, 2]], weights=["1/3", "2/3"], init=Gaussian([0, 0, "3/2"], 1),
                             eps="1/4")
OFF_LINE_2D = QuadraticLandscape(mu=[[-1, 0], [1, 0]], init=Gaussian([0, 1], 1), eps="1/4")


def test_claim_proved_by_its_replay_while_mp_point_evidence_stays_uncertified(quick_report):
    report = quick_report("continuous-closed-form")
    # the complete proof replay proves it; the instance check agrees by mp-point evidence only, never certified
    assert report.verdict is ClaimVerdict.PROVED, report.reason
    routes = {r.route: r for r in report.routes}
    assert routes["symbolic"].verdict is Verdict.HOLDS and routes["symbolic"].certified
    assert routes["property"].verdict is Verdict.UNDECIDED and not routes["property"].certified
    assert routes["property"].evidence["uncertified"] == routes["property"].evidence["setups_tried"] > 0


def test_controls_rejected_with_certified_counterexamples(quick_report):
    report = quick_report("continuous-closed-form")
    assert report.power == (3, 3), [(c.claim.id, c.reason) for c in report.controls]
    for c in report.controls:
        again = check_claim(c.claim, c.counterexample)
        assert again.conclusion.verdict is Verdict.FAILS and again.conclusion.certified
        assert again.conclusion.method == "interval"


@pytest.mark.parametrize("L", [UNIFORM, GAUSS, LINE_3D], ids=["uniform", "gauss-1d", "line-3d"])
def test_engine_agrees_with_quadrature_as_evidence(L):
    res = check_continuous_closed_form(L)
    assert res.verdict is Verdict.HOLDS and res.method == "mp-point" and not res.certified
    assert float(res.evidence["worst_diff_over_tol"]) < 1


@pytest.mark.parametrize("variant", ["precision-without-2", "no-V-factor", "unnormalised"])
def test_planted_variants_fail_certified_in_one_dimension(variant):
    res = check_continuous_closed_form(GAUSS, variant=variant)
    assert res.verdict is Verdict.FAILS and res.certified and res.method == "interval"
    lo, hi = (mpmath.mpf(v) for v in res.evidence["certificate"]["enclosure"])
    assert not lo <= mpmath.mpf(res.evidence["certificate"]["closed_form"]) <= hi


def test_planted_variant_in_higher_dimension_is_only_evidence():
    res = check_continuous_closed_form(LINE_3D, variant="no-V-factor")
    assert res.verdict is Verdict.UNDECIDED and "no interval route in d > 1" in res.reason


def test_uniform_start_has_no_precision_to_plant():
    # the planted 1/v = 1/s^2 + beta k only concerns a Gaussian start: identical values, HOLDS
    res = check_continuous_closed_form(UNIFORM, variant="precision-without-2")
    assert res.verdict is Verdict.HOLDS


def test_planted_recursion_without_a_change_is_the_engine():
    engine = closed_form_values(GAUSS)
    same = closed_form_values(GAUSS, reference=True)
    for key in ("Z", "masses"):
        for row_a, row_b in zip(engine[key], same[key]):
            assert all(abs(a - b) <= 1e-14 * max(abs(a), 1e-10) for a, b in zip(row_a, row_b))


@pytest.mark.parametrize("L", [UNIFORM, GAUSS], ids=["uniform", "gauss-1d"])
def test_enclosures_contain_the_quadrature(L):
    quad = quadrature_values(L, 3)
    for row_q, row_e in zip(quad["Z"], enclose_Z(L, 3)):
        assert all(box.a <= v <= box.b for v, box in zip(row_q, row_e))


def test_off_line_geometry_is_undecided():
    assert quadrature_values(OFF_LINE_2D, 2) is None
    res = check_continuous_closed_form(OFF_LINE_2D, steps=2)
    assert res.verdict is Verdict.UNDECIDED and "one line" in res.reason


@settings(max_examples=30, deadline=None)
@given(quadratic_landscapes())
def test_strategy_setups_meet_the_premise_and_lie_on_a_line(L):
    from pluralnash.claims.continuous import check_continuous_setup
    from pluralnash.numeric.engines.continuous_quadrature import _line_geometry

    assert check_continuous_setup(L).verdict is Verdict.HOLDS
    assert L.m <= 3 and L.d <= 3
    assert _line_geometry(L) is not None  # d > 1 setups have the independent route


@settings(max_examples=30, deadline=None)
@given(quadratic_landscapes(max_dim=1, min_rewards=2, distinct_centres=True))
def test_distinct_centres_are_separated(L):
    centres = sorted(c[0] for c in L.mu)
    assert all(1 <= b - a <= 2 for a, b in zip(centres, centres[1:]))


@pytest.mark.parametrize("call, match", [
    (lambda: check_continuous_closed_form("L"), "must be a QuadraticLandscape"),
    (lambda: check_continuous_closed_form(UNIFORM.replace(eps=None)), "no eps"),
    (lambda: check_continuous_closed_form(UNIFORM, variant="wrong"), "variant='wrong'"),
    (lambda: check_continuous_closed_form(UNIFORM, steps=-1), "steps=-1"),
    (lambda: check_continuous_closed_form(UNIFORM, dps=5), "dps=5"),
    (lambda: closed_form_values(UNIFORM, variant="missing-2"), "variant='missing-2'"),
    (lambda: enclose_Z(LINE_3D, 2), "d = 1"),
    (lambda: quadratic_landscapes(min_dim=0), "min_dim"),
    (lambda: quadratic_landscapes(min_dim=3, max_dim=2), "max_dim"),
    (lambda: quadratic_landscapes(max_rewards=0), "max_rewards"),
    (lambda: quadratic_landscapes(distinct_centres="yes"), "distinct_centres"),
])
def test_bad_arguments(call, match):
    with pytest.raises(InvalidArgument, match=match):
        out = call()
        if hasattr(out, "validate"):  # a strategy checks its arguments at first use, as Hypothesis's do
            out.validate()
