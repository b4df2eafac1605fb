"""Symbolic certificates behind Lemmas 3.3/B.4, 3.4 and 3.5, their planted variants, and cross-checks
of every derived formula against the numeric engines at random exact points (SymPy's
verify_numerically)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, note, settings
from hypothesis import strategies as st

import pluralnash.theory._basins as basins
from pluralnash.numeric import evaluate_curated_update
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.claims.basins.checks import leakage_interval
from pluralnash.properties import two_basin_landscapes
from pluralnash.theory import Verdict
from pluralnash.theory import certify_lemma_3_3, derive_decay_induction, derive_leakage_interval, derive_non_collapse_margin

F = Fraction


def test_doctests(run_doctests):
    run_doctests(basins.__name__)


def test_decay_induction_certificate_covers_b4_and_names_what_it_does_not():
    res = derive_decay_induction().certify()
    assert res.verdict is Verdict.HOLDS and res.certified
    assert all(piece["verdict"] == "HOLDS" for piece in res.evidence["checked"])
    assert res.evidence["cited"] == ["squeeze: 0 <= m_t <= rho^t m_0 -> 0 gives m_t -> 0"]
    assert "B.3" in derive_decay_induction().notes


def test_main_text_form_leaves_the_bridge_step_undecided():
    res = certify_lemma_3_3("main")
    assert res.verdict is Verdict.UNDECIDED
    assert "Assumption 2.1(i, iii) => B.4" in res.reason and "lower bound on Z_i(t)" in res.reason
    assert certify_lemma_3_3("appendix").verdict is Verdict.HOLDS


def test_leakage_interval_and_margin_certificates_hold():
    for derivation in (derive_leakage_interval(), derive_non_collapse_margin()):
        res = derivation.certify()
        assert res.verdict is Verdict.HOLDS and res.certified
        assert res.evidence["cited"]  # partial: the analytic steps are listed


@pytest.mark.parametrize("kwargs, failing", [
    ({"lower": "q"}, "lower is a fixed point"),
    ({"lower": "(q - kappa_1)/(1 - kappa_1)**2"}, "lower is a fixed point"),
    ({"upper": "q"}, "1 - upper is a fixed point"),
    ({"upper": "q/(1 - kappa_1)"}, "1 - upper is a fixed point"),
])
def test_planted_interval_ends_fail_the_fixed_point_identities(kwargs, failing):
    res = derive_leakage_interval(**kwargs).certify()
    assert res.verdict is Verdict.FAILS and failing in res.reason


@pytest.mark.parametrize("kwargs, failing", [
    ({"lower": "q - 1"}, "lower > 0"),
    ({"upper": "q/(1 - kappa_2)**2 + 1"}, "upper < 1"),
])
def test_planted_margins_fail(kwargs, failing):
    res = derive_non_collapse_margin(**kwargs).certify()
    assert res.verdict is Verdict.FAILS and failing in res.reason


# -- cross-checks against the numeric layer ------------------------------------------------------------

_small = st.fractions(min_value=F(1, 50), max_value=F(49, 50), max_denominator=50)
_LEAKAGE = derive_leakage_interval()


@settings(max_examples=30, deadline=None)
@given(_small, _small, _small)
def test_interval_ends_agree_between_sympy_and_the_numeric_formula(qv, k1, k2):
    d = _LEAKAGE
    sub = {basins.q: sympy.Rational(qv.numerator, qv.denominator),
           basins.kappa_1: sympy.Rational(k1.numerator, k1.denominator),
           basins.kappa_2: sympy.Rational(k2.numerator, k2.denominator)}
    lower, upper = leakage_interval(Real(qv), Real(k1), Real(k2))
    L = d.expressions["lower"].subs(sub)
    U = d.expressions["upper"].subs(sub)
    assert lower.exact == max(F(0), F(str(L)))
    assert upper.exact == min(F(1), F(str(U)))
    # the sympy bound map has the numeric lower end as its fixed point
    a = sympy.Symbol("a", positive=True)
    phi = d.expressions["phi(a)"].subs(sub)
    if qv > k1:
        assert sympy.cancel(phi.subs(a, L) - L) == 0
    # and the margin certificate's conclusion holds at this point when q is in range
    if k1 < qv < 1 - k2:
        assert 0 < lower.exact <= qv <= upper.exact < 1


@settings(max_examples=15, deadline=None)
@given(two_basin_landscapes(min_outside_atoms=1, max_outside_atoms=2, max_basin_atoms=2))
def test_update_and_tilted_bound_agree_with_the_engine(L):
    c = measure_basin_constants(L)
    S1, S2 = (set(S) for S in c.basins)
    out = set(c.outside)
    q = L.weights[0]
    w1, w2 = ([v / max(row) for v in row] for row in L.exact_w())
    p = list(L.p0)
    p1 = evaluate_curated_update(L, p)  # the engine's exact large-K step
    a, b, m = (sum((p[x] for x in S), F(0)) for S in (S1, S2, out))
    Z1 = sum((p[x] * w1[x] for x in range(L.n)), F(0))
    Z2 = sum((p[x] * w2[x] for x in range(L.n)), F(0))
    pi1_S1 = sum((p[x] * w1[x] for x in S1), F(0)) / Z1
    pi2_S1 = sum((p[x] * w2[x] for x in S1), F(0)) / Z2
    # identity: a_{t+1} = q pi_1(S_1) + (1 - q) pi_2(S_1)
    assert sum((p1[x] for x in S1), F(0)) == q * pi1_S1 + (1 - q) * pi2_S1
    # identity: m_{t+1} = sum over outside atoms of p W
    W = [q * w1[x] / Z1 + (1 - q) * w2[x] / Z2 for x in range(L.n)]
    assert sum((p1[x] for x in out), F(0)) == sum((p[x] * W[x] for x in out), F(0))
    # tilted mass bound with the paper's kappa_1 and C_eps = e^{-delta} / e^{-eps}
    kappa1 = c.kappa[0].exact
    C = c.exp_delta.exact / L.exp_eps
    note(repr((a, b, m, kappa1, C, pi1_S1)))
    assert pi1_S1 >= a / (a + kappa1 * b + C * m)
