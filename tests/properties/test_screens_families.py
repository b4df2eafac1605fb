"""The float64 screens of the finite-K statements ([FALA26] Lemmas 3.1, 3.2; [FERB24] Lemmas 2.1, 2.2), the
collapse criterion, the plateau statements (plateau-exact, plateau-sensitivity, [FALA26] Prop. 3.4, Corollary 3.8),
the mixed fixed point (one reward and several), the sharp Lemma 3.3, the linear rates at a limit
the m-basin intervals and the finite-K decay of the outside mass and basin step.

On a planted false variant the screen stage alone finds a counterexample that the claim's own exact
check certifies (fixed seed); on the true claim it certifies its candidates and finds none; and the
float margin agrees with the exact one.  A float margin only chooses which setups are certified: every
verdict asserted here is a certified one.
"""

import math
from fractions import Fraction
from functools import partial

import pytest

from pluralnash import get_claim
from pluralnash.claims.basins_general.checks import check_m_basin_interval, check_m_basin_non_collapse
from pluralnash.claims.basins_general.finite_k import check_finite_k_basin_step, check_finite_k_decay
from pluralnash.claims.basins_general.planted import jensen_factor, no_leakage
from pluralnash.claims.beyond.checks import check_collapse_criterion, check_plateau_exact
from pluralnash.claims.beyond.planted import plateau_limit_hard, predict_collapse_never_plural
from pluralnash.claims.core.checks import check_lemma_3_1, check_lemma_3_2
from pluralnash.claims.core.planted import _update_extra_rival, limit_best
from pluralnash.claims.lemma_3_3_sharp import check_lemma_3_3_sharp
from pluralnash.claims.mixing.checks import check_mixing_fixed_point, check_mixing_several_rewards
from pluralnash.claims.mixing.planted import fixed_point_reference, fixed_point_weighted_average
from pluralnash.claims.plateau.checks import check_corollary_3_8, check_prop_3_4
from pluralnash.claims.plateau.planted import _one_minus_q
from pluralnash.claims.rates.checks import check_plateau_sensitivity, check_rate_linear, check_rate_outside
from pluralnash.claims.rates.planted import lipschitz_plateau_half, rate_outside_squared, rate_squared
from pluralnash.numeric.engines.collapse import solve_collapse
from pluralnash.claims.ferbach import limit_tempered, update_k_rivals
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.numeric.engines.finite_k_bounds import finite_k_sandwich
from pluralnash.properties import search_counterexample
from pluralnash.properties._screen import rng_for
from pluralnash.properties._search import StageBudget
from pluralnash.theory import Verdict

np = pytest.importorskip("numpy")

SCREENED = StageBudget(small_scope=0, targeted=0, refine=0, shrink_seconds=0, seconds=math.inf,
                       screen=600, screen_keep=2)

# each statement with a planted false variant: the same check with one formula changed
PLANTED = dict([
    ("lemma-3.1", partial(check_lemma_3_1, update=_update_extra_rival)),
    ("ferbach-lemma-2.1", partial(check_lemma_3_1, update=update_k_rivals)),
    ("lemma-3.2", partial(check_lemma_3_2, limit=limit_best)),
    ("ferbach-lemma-2.2", partial(check_lemma_3_2, limit=limit_tempered)),
    ("collapse-criterion", partial(check_collapse_criterion, predict=predict_collapse_never_plural)),
    ("plateau-exact", partial(check_plateau_exact, limit=plateau_limit_hard)),
    ("prop-3.4", partial(check_prop_3_4, gap="finite")),
    ("corollary-3.8", partial(check_corollary_3_8, nash_point=_one_minus_q)),
    ("mixing-fixed-point", partial(check_mixing_fixed_point, fixed_point=fixed_point_reference)),
    ("mixing-several-rewards", partial(check_mixing_several_rewards, fixed_point=fixed_point_weighted_average)),
    ("lemma-3.3-sharp", partial(check_lemma_3_3_sharp, pareto=True)),
    ("plateau-sensitivity", partial(check_plateau_sensitivity, lipschitz=lipschitz_plateau_half)),
    ("rate-linear", partial(check_rate_linear, rate=rate_squared)),
    ("rate-outside-mass", partial(check_rate_outside, rate=rate_outside_squared)),
    ("m-basin-interval", partial(check_m_basin_interval, interval=no_leakage)),
    ("m-basin-non-collapse", partial(check_m_basin_non_collapse, interval=no_leakage)),
    ("lemma-3.3-finite-k", partial(check_finite_k_decay, factor=jensen_factor)),
    ("lemma-3.4-finite-k", partial(check_finite_k_basin_step, reverse=True)),
])


def _screen_search(claim, instance=None, seed=0):
    return search_counterexample(claim.strategy(), instance or claim.instance,
                                 premises=[p.check for p in claim.premises if p.check is not None],
                                 max_examples=8, seed=seed, budget=SCREENED, stages=("screen",), control=True,
                                 screen=claim.screen)


@pytest.mark.parametrize("claim_id", sorted(PLANTED))
def test_the_screen_alone_finds_a_certified_counterexample_of_a_planted_variant(claim_id):
    claim = get_claim(claim_id)
    out = _screen_search(claim, PLANTED[claim_id])
    assert out.found_by == "screen", out.stages_json()
    for p in claim.premises:
        if p.check is not None:
            r = p.check(out.counterexample)
            assert r.verdict is Verdict.HOLDS and r.certified, (claim_id, p.name)
    again = PLANTED[claim_id](out.counterexample)
    assert again.verdict is Verdict.FAILS and again.certified
    # the same setup meets the statement itself: the planted change is what fails
    assert claim.instance(out.counterexample).verdict is not Verdict.FAILS


@pytest.mark.parametrize("claim_id", sorted(PLANTED))
def test_the_screen_of_the_true_statement_certifies_its_candidates_and_finds_none(claim_id):
    out = _screen_search(get_claim(claim_id), seed=1)
    assert out.counterexample is None and out.error is None
    stage = out.stages_json()["screen"]
    assert stage["screened"] == SCREENED.screen and stage["decided"] >= 1


@pytest.mark.parametrize("claim_id", ["lemma-3.1", "ferbach-lemma-2.1"])
def test_the_kept_law_margin_is_the_exact_identity_up_to_rounding(claim_id):
    claim = get_claim(claim_id)
    out = claim.screen(rng_for(2), 300)
    assert np.isfinite(out.margins).all() and float(out.margins.min()) > -1e-12
    for i in range(0, 300, 37):
        L = out.build(i)
        res = claim.instance(L)
        assert res.verdict is Verdict.HOLDS and res.evidence["margin"] == 0.0


def _exact_room(L):
    """min over rewards, K, atoms of min(H - lo, hi - H) / (hi - lo), exactly (None: no width anywhere)."""
    rooms = []
    for w in L.exp_rewards:
        for K in (2, 3, 5, 8):
            H = evaluate_finite_k_weights(L.p0, w, K, method="enumerate")
            lo, hi = finite_k_sandwich(L.p0, w, K)
            rooms += [min(h - a, b - h) / (b - a) for h, a, b in zip(H, lo, hi) if b > a]
    return min(rooms) if rooms else None


@pytest.mark.parametrize("claim_id", ["lemma-3.2", "ferbach-lemma-2.2"])
def test_the_sandwich_margin_agrees_with_the_exact_room(claim_id):
    out = get_claim(claim_id).screen(rng_for(3), 120)
    compared = 0
    for i in range(0, 120, 7):
        if not math.isfinite(out.margins[i]):
            continue
        exact = _exact_room(out.build(i))
        assert exact is not None and exact >= 0
        # the setup is rationalised to 4 digits: the two rooms agree to that accuracy
        assert abs(float(exact) - float(out.margins[i])) < 1e-2 * max(1.0, float(exact)) + 1e-3
        compared += 1
    assert compared >= 10


@pytest.mark.parametrize("K", [2, 3, 5, 8])
def test_the_batch_weights_match_the_exact_enumeration(K):
    from pluralnash.numeric.engines.step_batch import finite_k_batch_weights

    rows = [[Fraction(1), Fraction(1, 3), Fraction(2, 7)]]
    p = [Fraction(1, 2), Fraction(1, 5), Fraction(3, 10)]
    H = finite_k_batch_weights(np.array([[float(v) for v in r] for r in rows[:1]] * 2),
                               np.array([[float(v) for v in p], [0.25, 0.75, 0.0]]), K)
    exact = [evaluate_finite_k_weights(p, rows[0], K, method="enumerate"),
             evaluate_finite_k_weights([Fraction(1, 4), Fraction(3, 4), Fraction(0)], rows[0], K, method="enumerate")]
    assert np.allclose(H, np.array([[float(v) for v in e] for e in exact]), rtol=1e-13, atol=0)
    # negative control: one rival too many (K instead of K - 1) is told apart
    assert not np.allclose(finite_k_batch_weights(np.array([[float(v) for v in rows[0]]]),
                                                  np.array([[float(v) for v in p]]), K + 1)[0] * K / (K + 1),
                           np.array([float(v) for v in exact[0]]), rtol=1e-6)


def test_the_collapse_margin_agrees_with_the_exact_test_away_from_a_tie():
    """Where the float run agrees with the float test and |s| > 1/20, the exact test names the same outcome."""
    out = get_claim("collapse-criterion").screen(rng_for(4), 160)
    compared = 0
    for i in np.flatnonzero(out.margins > 0.05)[:12]:
        L = out.build(int(i))
        res = solve_collapse(L)
        assert res.outcome in ("collapse", "spread")
        # the float prediction: the atom g with W_g < 1 on supp p_0, if any
        W = [[sum(float(q) * float(w[y]) / float(w[g]) for q, w in zip(L.weights, L.exp_rewards))
              for y in range(L.n) if y != g and L.p0[y] > 0] for g in range(L.n)]
        named = [g for g in range(L.n) if L.p0[g] > 0 and max(W[g]) < 1]
        assert (res.outcome == "collapse") == bool(named)
        if named:
            assert res.group == (named[0],)
        compared += 1
    assert compared >= 6


@pytest.mark.parametrize("claim_id, settled_below", [("plateau-exact", 1e-6), ("prop-3.4", 1e-2)])
def test_the_plateau_margins_agree_with_the_exact_check(claim_id, settled_below):
    """The float margin is an identity's: about 0 where the exact check holds; the planted limit a_inf = q
    (or the finite-gap limit) is far from the exact one exactly where the check certifies its failure."""
    claim = get_claim(claim_id)
    out = claim.screen(rng_for(5), 60)
    assert float(np.nanmax(out.margins)) <= 0 and np.isfinite(out.margins).all()
    settled = 0
    for i in range(0, 60, 4):
        L, m = out.build(i), float(out.margins[i])
        verdict = claim.instance(L).verdict
        # away from the window's ends (a settled float run) the exact check holds; near them it may not decide
        assert verdict is Verdict.HOLDS if m > -settled_below else verdict is not Verdict.FAILS
        settled += m > -settled_below
        planted = PLANTED[claim_id](L)
        assert planted.verdict is not Verdict.HOLDS or planted.evidence.get("margin", 0.0) == 0.0
    assert settled >= 3


def _holds_where(claim_id, seed, count, chosen, at_least):
    """The claim's exact check certifies HOLDS on the screened setups ``chosen(margins)``: (screen, results)."""
    claim = get_claim(claim_id)
    out = claim.screen(rng_for(seed), count)
    results = []
    for i in chosen(out.margins):
        res = claim.instance(out.build(int(i)))
        assert res.verdict is Verdict.HOLDS and res.certified
        results.append((int(i), res))
    assert len(results) >= at_least
    return out, results


@pytest.mark.parametrize("claim_id", ["mixing-fixed-point", "mixing-several-rewards"])
def test_the_mixing_margins_have_room_where_the_exact_check_holds(claim_id):
    """The true statements hold with room in floats (a contraction below tau, an ascent above KL) and
    the exact check certifies the setups; the planted fixed point fails on the same setups."""
    out, results = _holds_where(claim_id, 6, 80, lambda m: np.flatnonzero(np.isfinite(m))[::8], 5)
    assert float(np.nanmin(out.margins)) > -1e-6
    for i, _ in results:
        planted = PLANTED[claim_id](out.build(i))
        assert planted.verdict is Verdict.FAILS and planted.certified


def test_away_from_a_tie_the_sharp_lemma_is_certified():
    """Where every outside atom the float run empties has W_T(y) well below 1, the exact check holds."""
    _holds_where("lemma-3.3-sharp", 7, 300, lambda m: np.flatnonzero(m > 0.05)[:8], 4)


def test_the_spectral_margin_agrees_with_the_exact_spectral_radius():
    """1 - rho in floats against 1 - rho(J*) of the exact Jacobian, on setups away from a tie."""
    out, results = _holds_where("rate-linear", 8, 120, lambda m: np.flatnonzero(m > 0.02)[:10], 6)
    for i, res in results:
        # the setup is rationalised to 4 digits and the float run read at a finite round
        assert abs(res.evidence["margin"] - float(out.margins[i])) < 0.01


@pytest.mark.parametrize("claim_id", ["m-basin-interval", "m-basin-non-collapse"])
def test_inside_its_interval_in_floats_every_basin_mass_is_certified_inside(claim_id):
    """Away from an end (float margin above 1/100), the certified limit puts every a_i* inside its interval."""
    _holds_where(claim_id, 9, 400, lambda m: np.flatnonzero(m > 0.01)[:6], 3)


def test_the_finite_k_decay_margin_agrees_with_the_exact_one():
    """min_t (rho_t m_t - m_(t+1)) / m_t in floats against the exact run's, on setups away from 0."""
    out, results = _holds_where("lemma-3.3-finite-k", 10, 200, lambda m: np.flatnonzero(m > 0.05)[:6], 4)
    for i, res in results:
        exact, screened = float(res.evidence["margin"]), float(out.margins[i])
        # the exact run stops early when its rationals grow too long: a minimum over fewer steps is larger;
        # over the same steps the margins agree up to the 4-digit rationalisation of the setup
        assert exact > screened - 0.01
        if res.evidence["steps_examined"] == 4:
            assert abs(exact - screened) < 0.01
