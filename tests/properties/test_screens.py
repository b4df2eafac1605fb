"""The float64 screens of the readings and families: on a planted false variant the screen stage alone
finds a counterexample that the claim's own checks certify (fixed seed), and on the true claim it
certifies its candidates and finds none.

A float margin only chooses which setups are certified: every assertion here is on certified results.
"""

import math

import pytest

from pluralnash import get_claim
from pluralnash.claims.basins.checks import leakage_interval
from pluralnash.claims.core.checks import check_theorem_3_7
from pluralnash.claims.mixing.checks import check_mixing_floor
from pluralnash.claims.plateau.checks import check_theorem_3_6
from pluralnash.claims.plateau.planted import _bound_coefficient_one
from pluralnash.claims.readings import check_lemma_3_4_b5, check_lemma_3_5_b5
from pluralnash.properties import search_counterexample
from pluralnash.properties._search import StageBudget
from pluralnash.theory import Verdict

pytest.importorskip("numpy")

SCREENED = StageBudget(small_scope=0, targeted=0, refine=0, shrink_seconds=0, seconds=math.inf,
                       screen=600, screen_keep=2)


def _screen_search(claim, instance=None, seed=0):
    return search_counterexample(claim.strategy(), instance or claim.instance,
                                 premises=[p.check for p in claim.premises if p.check is not None],
                                 max_examples=8, seed=seed, budget=SCREENED, stages=("screen",), control=True,
                                 screen=claim.screen)


def _squared_kappa(q, kappa_1, kappa_2):
    """Planted: the leakage interval at κ_i^2 < κ_i, narrower than the statement's."""
    return leakage_interval(q, kappa_1 * kappa_1, kappa_2 * kappa_2)


def _q_cubed(q):
    """Planted: the Nash maximiser at q^3."""
    return q ** 3


def _keeps_p0(L):
    """Planted: curation never lowers a mass, p_t(x) >= (1 - λ) p_ref(x) + λ p_0(x)."""
    return [(1 - L.lam) * r + L.lam * p for r, p in zip(L.reference, L.p0)]


PLANTED = {
    "theorem-3.6": lambda L: check_theorem_3_6(L, bound=_bound_coefficient_one),
    "mixing-floor": lambda L: check_mixing_floor(L, floor=_keeps_p0),
    "theorem-3.7": lambda L: check_theorem_3_7(L, maximiser=_q_cubed),
    "lemma-3.4-appendix": lambda L: check_lemma_3_4_b5(L, interval=_squared_kappa),
    "lemma-3.5-appendix": lambda L: check_lemma_3_5_b5(L, interval=_squared_kappa),
}


def _certified_counterexample(claim, out, instance):
    assert out.found_by == "screen", out.stages_json()
    for p in claim.premises:
        if p.check is not None:
            r = p.check(out.counterexample)
            assert r.verdict is Verdict.HOLDS and r.certified, (claim.id, p.name)
    again = instance(out.counterexample)
    assert again.verdict is Verdict.FAILS and again.certified


@pytest.mark.parametrize("claim_id", sorted(PLANTED))
def test_the_screen_alone_finds_a_certified_counterexample_of_a_planted_variant(claim_id):
    claim = get_claim(claim_id)
    out = _screen_search(claim, PLANTED[claim_id], seed=0)
    _certified_counterexample(claim, out, PLANTED[claim_id])
    # the same setup meets the statement itself: the planted change is what fails
    assert claim.instance(out.counterexample).verdict is not Verdict.FAILS


# planted variants declared with a screen of their own (a weakened premise)
PLANTED_CONTROLS = ["lemma-3.3-repaired~one-reward"]


@pytest.mark.parametrize("control_id", PLANTED_CONTROLS)
def test_the_screen_of_a_planted_control_finds_a_certified_counterexample(control_id):
    claim_id = control_id.partition("~")[0]
    control = next(c for c in get_claim(claim_id).controls if c.id == control_id)
    assert control.screen is not None and control.screen is not get_claim(claim_id).screen
    _certified_counterexample(control, _screen_search(control, seed=0), control.instance)


@pytest.mark.parametrize("claim_id", sorted(PLANTED) + [c.partition("~")[0] for c in PLANTED_CONTROLS])
def test_the_screen_of_the_true_reading_certifies_its_candidates_and_finds_none(claim_id):
    claim = get_claim(claim_id)
    out = _screen_search(claim, seed=0)
    assert out.counterexample is None and out.error is None
    stage = out.stages_json()["screen"]
    assert stage["screened"] == SCREENED.screen and stage["decided"] >= 1
