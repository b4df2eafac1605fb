"""The other readings of [FALA26] Lemmas 3.4, 3.5, Proposition 3.4, Corollary 3.8 and [FERB24] Theorem 2.1:
each reading registered with its verdict, its controls rejected, counterexamples re-checked, and the
readings' checks decided on hand-built setups."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pluralnash import all_claims, get_claim, run_claim
from pluralnash.numeric import Landscape
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.claims.basins.checks import check_lemma_3_4
from pluralnash.claims.ferbach import check_ferbach_theorem
from pluralnash.claims.readings import (
    b5_kappa,
    check_ferbach_ess_sup,
    check_lemma_3_4_b5,
    check_lemma_3_5_b5,
    check_q_in_b5_leakage_range,
    restrict_to_support,
)
from pluralnash.theory import ClaimVerdict, InvalidArgument, Verdict

# Delta_i in (eps, 2 eps]: e^{-Delta} = 1/3, e^{-eps} = 1/2, so the main-text kappa_i = 4/3 > 1
SHALLOW = Landscape(exp_rewards=[["1", "1/3"], ["1/3", "1"]], exp_eps="1/2", weights=["1/2", "1/2"])
# e^{-Delta} = 1/10: main-text kappa_i = 2/5, B.5 kappa_i = 1/5
WIDE = Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2", weights=["1/2", "1/2"])

READINGS = [
    ("lemma-3.4-as-stated", "lemma-3.4", ClaimVerdict.FALSIFIED),
    ("lemma-3.4-appendix", "lemma-3.4", ClaimVerdict.VERIFIED),
    ("lemma-3.5-appendix", "lemma-3.5", ClaimVerdict.VERIFIED),
    ("prop-3.4-b6", "prop-3.4", ClaimVerdict.FALSIFIED),
    ("corollary-3.8-b6", "corollary-3.8", ClaimVerdict.FALSIFIED),
    ("ferbach-theorem-2.1", "ferbach-2.1-sup-over-atoms", ClaimVerdict.VERIFIED),
    ("ferbach-2.1-sup-over-atoms", "ferbach-theorem-2.1", ClaimVerdict.FALSIFIED),

]


def test_every_reading_registered_beside_its_sibling():
    ids = [c.id for c in all_claims()]
    for cid, sibling, _ in READINGS:
        claim = get_claim(cid)
        assert sibling in ids
        assert sibling in claim.reading or cid in get_claim(sibling).reading, (cid, sibling)
        assert len(claim.controls) >= 2 and all(c.id.startswith(cid + "~") for c in claim.controls)
        assert abs(ids.index(cid) - ids.index(sibling)) <= 2, (cid, sibling)


@pytest.mark.parametrize("cid, sibling, verdict", READINGS)
def test_verdicts_and_controls(cid, sibling, verdict, claim_verdict_with_controls):
    again = claim_verdict_with_controls(cid, verdict)
    if again is not None:
        assert all(p.verdict is Verdict.HOLDS for p in again.premises if p.name != "model")


def test_b5_constants_are_the_main_text_ones_times_e_minus_eps():
    c = measure_basin_constants(SHALLOW)
    k1, k2 = b5_kappa(SHALLOW)
    assert (c.kappa[0].exact, k1.exact, k2.exact) == (Fraction(4, 3), Fraction(2, 3), Fraction(2, 3))


def test_shallow_gap_falsifies_the_main_text_interval_but_not_the_b5_one():
    # kappa_1 = 4/3: the lower end (1/2 - 4/3)/(1 - 4/3) = 5/2 exceeds 1
    main = check_lemma_3_4(SHALLOW, kappa_below_one=False)
    assert main.verdict is Verdict.FAILS and main.certified and "5/2" in main.reason
    # kappa_B5 = 2/3 > q = 1/2: the B.5 interval is [0, 1] here and a* = 1/2 lies in it
    b5 = check_lemma_3_4_b5(SHALLOW)
    assert b5.verdict is Verdict.HOLDS and b5.certified, b5.reason
    assert b5.evidence["kappa_1_B5"] == "2/3"


def test_b5_non_collapse_range_and_planted_variants():
    # kappa_B5 = e^{-Delta} / e^{-eps} = (1/10)/(1/2) = 1/5: q = 1/2 in (1/5, 4/5)
    assert check_q_in_b5_leakage_range(WIDE).verdict is Verdict.HOLDS
    assert check_q_in_b5_leakage_range(SHALLOW).verdict is Verdict.FAILS  # q = 1/2 <= kappa_B5 = 2/3
    held = check_lemma_3_5_b5(WIDE)
    assert held.verdict is Verdict.HOLDS and held.certified, held.reason
    off = check_lemma_3_5_b5(SHALLOW)
    assert off.verdict is Verdict.UNDECIDED and "premise not met" in off.reason
    asym = WIDE.replace(weights=["1/4", "3/4"])
    planted = check_lemma_3_5_b5(asym, interval=lambda q, k1, k2: (q, q))
    assert planted.verdict is Verdict.FAILS and planted.certified, planted.reason


def test_ess_sup_reading_restricts_to_the_support():
    L = Landscape(exp_rewards=[["1", "1/2", "1/4"]], p0=["0", "1/3", "2/3"])
    R = restrict_to_support(L)
    assert R.exp_rewards == ((Fraction(1, 2), Fraction(1, 4)),) and R.p0 == (Fraction(1, 3), Fraction(2, 3))
    literal = check_ferbach_theorem(L)
    assert literal.verdict is Verdict.FAILS and "part 2" in literal.reason
    ess = check_ferbach_ess_sup(L)
    assert ess.verdict is Verdict.HOLDS and ess.certified, ess.reason
    assert ess.evidence["atoms_off_support"] == [0] and ess.evidence["ess_sup_e^r"] == "1/2"


def test_ess_sup_planted_variant_fails_on_the_restriction():
    from pluralnash.claims.ferbach import limit_uniform_on_argmax

    L = Landscape(exp_rewards=[["1", "1/2", "1/2", "1/4"]], p0=["0", "1/6", "1/2", "1/3"])
    res = check_ferbach_ess_sup(L, limit=limit_uniform_on_argmax)
    assert res.verdict is Verdict.FAILS and res.certified, res.reason


@pytest.mark.parametrize("call, words", [
    (lambda: restrict_to_support("nope"), ["landscape='nope'", "Landscape(...)"]),
    (lambda: restrict_to_support(Landscape(exp_rewards=[["1", "1/2"]], reference=["1/2", "1/2"], lam="1/2")),
     ["reference", "drop reference and lam"]),
])
def test_bad_arguments(call, words):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert all(w in str(err.value) for w in words), str(err.value)


def test_repaired_lemma_3_3_premise_and_its_weakened_control():
    from pluralnash.numeric.premises.run_premises import check_outside_mass_vanishes
    from pluralnash.claims.readings import check_outside_dominated

    # a compromise atom (4/5, 4/5): beaten by atom 0 in reward 1 only, and the limit keeps all the mass there
    compromise = Landscape(exp_rewards=[["1", "1/10", "4/5"], ["1/10", "1", "4/5"]], weights=["1/2", "1/2"],
                           exp_eps="9/10")
    assert check_outside_dominated(compromise).verdict is Verdict.FAILS
    assert check_outside_dominated(compromise, pareto=False).verdict is Verdict.HOLDS
    assert check_outside_mass_vanishes(compromise).verdict is Verdict.FAILS
    # dominated by atom 0 in both rewards: the limit drops it
    dominated = compromise.replace(exp_rewards=[["1", "1/10", "4/5"], ["1/10", "1", "1/20"]])
    assert check_outside_dominated(dominated).verdict is Verdict.HOLDS
    assert check_outside_mass_vanishes(dominated).verdict is Verdict.HOLDS


def test_repaired_lemma_3_3_verdict_and_controls():
    rep = run_claim("lemma-3.3-repaired", profile="quick")
    assert rep.verdict is ClaimVerdict.PROVED, rep.reason
    assert rep.power == (2, 2), [(c.claim.id, c.reason) for c in rep.controls]


def test_readings_doctests():
    import doctest

    import pluralnash.claims.readings as readings

    result = doctest.testmod(readings, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
