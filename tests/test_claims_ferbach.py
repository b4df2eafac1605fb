"""The single-reward statements of [FERB24]: checks, planted variants and verdicts."""

from fractions import Fraction as F

import pytest
from hypothesis import given, note, settings

from pluralnash import ClaimVerdict
from pluralnash.numeric import Landscape, evaluate_curated_update
from pluralnash.claims.ferbach import (
    bound_coefficient_one,
    bound_mean_denominator,
    check_charges_argmax,
    check_ferbach_theorem,
    ferbach_bound,
    limit_uniform_on_argmax,
)
from pluralnash.properties import ferbach_landscapes
from pluralnash.theory import Verdict
from pluralnash.theory import derive_ferbach_variance_bound


def _mean(p, w):
    return sum(a * b for a, b in zip(p, w))


@pytest.mark.parametrize("K", [2, 3, 5, None])
def test_variance_bound_by_hand_on_two_atoms(K):
    L = Landscape(exp_rewards=[["1", "1/2"]], p0=["1/2", "1/2"], K=K)
    w, p = L.exp_rewards[0], L.p0
    mu, var = _mean(p, w), _mean(p, [(x - _mean(p, w)) ** 2 for x in w])
    nxt = evaluate_curated_update(L, method="enumerate") if K else evaluate_curated_update(L)
    gain = _mean(nxt, w) - mu
    assert gain >= ferbach_bound(mu, var, F(1), K)
    if K == 2:  # pi(1-pi)(a-b)^2/(a+b) from the derivation
        assert gain == F(1, 4) * F(1, 4) / F(3, 2)


def test_literal_theorem_fails_when_p0_misses_the_argmax():
    L = Landscape(exp_rewards=[["1", "1/2", "1/4"]], p0=["0", "1/2", "1/2"], K=3)
    res = check_ferbach_theorem(L)
    assert res.verdict is Verdict.FAILS and res.certified and "part 2" in res.reason
    assert check_charges_argmax(L).verdict is Verdict.FAILS


def test_supported_theorem_holds_with_its_limit():
    L = Landscape(exp_rewards=[["1", "1", "1/2"]], p0=["1/6", "1/3", "1/2"], K=2)
    res = check_ferbach_theorem(L)
    assert res.verdict is Verdict.HOLDS
    assert res.evidence["limit"] == ["1/3", "2/3", "0"]
    assert F(res.evidence["ratio_bound_c"]) < 1


@pytest.mark.parametrize("kwargs, L", [
    (dict(bound=bound_coefficient_one), Landscape(exp_rewards=[["1", "1", "1/2"]], p0=["1/3"] * 3, K=2)),
    (dict(bound=bound_mean_denominator), Landscape(exp_rewards=[["1", "1/10"]], p0=["1/10", "9/10"], K=2)),
    (dict(limit=limit_uniform_on_argmax), Landscape(exp_rewards=[["1", "1"]], p0=["1/3", "2/3"])),
])
def test_planted_variants_fail_exactly(kwargs, L):
    res = check_ferbach_theorem(L, **kwargs)
    assert res.verdict is Verdict.FAILS and res.certified, res.reason


@settings(max_examples=30)
@given(ferbach_landscapes())
def test_increment_bound_never_fails(L):
    note(repr(L))
    res = check_ferbach_theorem(L)
    assert res.verdict is not Verdict.UNDECIDED
    assert "part 1" not in (res.reason or "")


def test_variance_bound_derivation_certifies():
    res = derive_ferbach_variance_bound().certify()
    assert res.verdict is Verdict.HOLDS, res.reason


@pytest.mark.parametrize("claim, verdict", [
    ("ferbach-lemma-2.1", ClaimVerdict.PROVED),
    ("ferbach-lemma-2.2", ClaimVerdict.PROVED),
    ("ferbach-theorem-2.1", ClaimVerdict.VERIFIED),
    ("ferbach-2.1-sup-over-atoms", ClaimVerdict.FALSIFIED),
    ("ferbach-2.1-supported", ClaimVerdict.PROVED),
])
def test_verdicts_and_controls(claim, verdict, claim_verdict_with_controls):
    claim_verdict_with_controls(claim, verdict)
