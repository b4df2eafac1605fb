"""Plateau derivations ([FALA26] Prop. 3.4, Corollary 3.8) and the law of total variance (Theorem 3.6):
certificates hold, derived formulas agree with independent Fraction computations, planted variants fail."""

import doctest
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, note, settings
from hypothesis import strategies as st

from pluralnash.theory import Verdict
from pluralnash.theory import _plateau
from pluralnash.theory import certify_plateau_endpoint, certify_variance_bound, derive_plateau_limit, derive_plateau_recursion, derive_total_variance, plateau_limit_value

unit_fractions = st.builds(Fraction, st.integers(1, 40), st.just(41))


def _kkt(q, k1, k2, a):
    """W(S_1), W(S_2) at basin mass a on the scaled plateau, in Fractions (no sympy)."""
    Z1 = a + (1 - a) * k1
    Z2 = a * k2 + (1 - a)
    terms1 = [q / Z1 if q else Fraction(0), (1 - q) * k2 / Z2 if q < 1 else Fraction(0)]
    terms2 = [q * k1 / Z1 if q else Fraction(0), (1 - q) / Z2 if q < 1 else Fraction(0)]
    return sum(terms1), sum(terms2)


# --- certificates ------------------------------------------------------------------------------


@pytest.mark.parametrize("derive", [derive_plateau_recursion, derive_plateau_limit, derive_total_variance])
def test_certificates_hold_step_by_step(derive):
    result = derive().certify()
    assert result.verdict is Verdict.HOLDS, result.reason
    assert result.certified and result.method == "symbolic"
    steps = result.evidence["checked"]
    assert steps and all(s["verdict"] == "HOLDS" for s in steps)
    assert result.evidence["cited"], "every derivation names what it cites"


def test_limit_derivation_exposes_the_exact_formulas():
    d = derive_plateau_limit()
    q, k1, k2 = (d.symbols[n] for n in ("q", "k_1", "k_2"))
    assert sympy.simplify(d.expressions["a*"] - (q + q * k2 / (1 - k2) - (1 - q) * k1 / (1 - k1))) == 0
    assert d.expressions["hard-separation limit"] == q
    assert sympy.simplify(d.expressions["u_1"] - (1 - k2) / (1 - k1 * k2)) == 0


# --- cross-checks against independent computations --------------------------------------------


@settings(max_examples=60, deadline=None)
@given(q=st.one_of(st.just(Fraction(0)), st.just(Fraction(1)), unit_fractions), k1=unit_fractions,
       k2=unit_fractions)
def test_plateau_limit_value_satisfies_kkt_in_fractions(q, k1, k2):
    a = Fraction(plateau_limit_value(q, k1, k2))
    note(f"q={q} k1={k1} k2={k2} a={a}")
    W1, W2 = _kkt(q, k1, k2, a)
    assert 0 <= a <= 1
    if 0 < a < 1:
        assert W1 == 1 and W2 == 1
    elif a == 0:
        assert W2 == 1 and W1 <= 1
    else:
        assert W1 == 1 and W2 <= 1


@settings(max_examples=25, deadline=None)
@given(q=unit_fractions, k1=unit_fractions, k2=unit_fractions, a0=unit_fractions)
def test_basin_mass_map_converges_monotonically_to_the_formula(q, k1, k2, a0):
    target = Fraction(plateau_limit_value(q, k1, k2))
    a, gaps = a0, []
    for _ in range(12):
        W1, _ = _kkt(q, k1, k2, a)
        new = a * W1
        assert (new - a) * (target - a) >= 0  # moves toward the limit, never past it
        assert (new - target) * (a - target) >= 0
        gaps.append(abs(new - target))
        a = Fraction(float(new)).limit_denominator(10**12)  # keep sizes small; the map is monotone
    assert gaps[-1] <= gaps[0]


def test_total_variance_matches_a_direct_computation():
    d = derive_total_variance()
    values = [Fraction(-3), Fraction(1, 2), Fraction(-7, 3), Fraction(2)]
    weights = [Fraction(1, 5), Fraction(1, 10), Fraction(3, 10), Fraction(2, 5)]
    a = weights[0] + weights[1]
    mean = sum(w * v for w, v in zip(weights, values))
    direct = sum(w * (v - mean) ** 2 for w, v in zip(weights, values))
    mus = [(weights[0] * values[0] + weights[1] * values[1]) / a,
           (weights[2] * values[2] + weights[3] * values[3]) / (1 - a)]
    Vs = [(weights[0] * (values[0] - mus[0]) ** 2 + weights[1] * (values[1] - mus[0]) ** 2) / a,
          (weights[2] * (values[2] - mus[1]) ** 2 + weights[3] * (values[3] - mus[1]) ** 2) / (1 - a)]
    sym = d.symbols
    point = {sym["a"]: sympy.Rational(a), sym["mu_1"]: sympy.Rational(mus[0]), sym["mu_2"]: sympy.Rational(mus[1]),
             sym["V_1"]: sympy.Rational(Vs[0]), sym["V_2"]: sympy.Rational(Vs[1])}
    assert Fraction(str(d.expressions["decomposition"].subs(point))) == direct
    assert Fraction(str(d.expressions["Var_p[r]"].subs(point))) == direct


# --- planted variants ----------------------------------------------------------------------------


def test_true_endpoint_holds():
    assert certify_plateau_endpoint("q").verdict is Verdict.HOLDS
    assert certify_plateau_endpoint(_plateau.q).verdict is Verdict.HOLDS


@pytest.mark.parametrize("candidate", ["1/2", "q**2", "1 - q", "q*(2 - q)"])
def test_wrong_hard_separation_endpoints_fail_at_an_exact_point(candidate):
    res = certify_plateau_endpoint(candidate)
    assert res.verdict is Verdict.FAILS and res.certified
    q0 = Fraction(res.evidence["counterexample"]["q"])
    value = sympy.sympify(candidate).subs(sympy.Symbol("q"), sympy.Rational(q0))
    assert 0 < q0 < 1 and Fraction(str(value)) != q0  # the limit is q0, the candidate is not


def test_finite_gap_reading_fails_with_a_point_inside_the_window():
    res = certify_plateau_endpoint("q", finite_gap=True)
    assert res.verdict is Verdict.FAILS and res.certified
    pt = {k: Fraction(v) for k, v in res.evidence["counterexample"].items()}
    q, k1, k2 = pt["q"], pt["k_1"], pt["k_2"]
    a = Fraction(plateau_limit_value(q, k1, k2))
    assert 0 < a < 1 and a != q
    assert _kkt(q, k1, k2, a) == (1, 1)  # a is the limit, verified without sympy


def test_true_variance_bound_holds():
    assert certify_variance_bound(_plateau.SEPARATION_BOUND).verdict is Verdict.HOLDS
    assert certify_variance_bound("a*(1 - a)*(Delta - 2*eps)**2").verdict is Verdict.HOLDS


@pytest.mark.parametrize("bound", ["(Delta - 2*eps)**2", "a*(1 - a)*Delta**2", "a*(1 - a)*(Delta - eps)**2"])
def test_wrong_variance_bounds_fail_at_a_realisable_point(bound):
    res = certify_variance_bound(bound)
    assert res.verdict is Verdict.FAILS and res.certified
    pt = {k: Fraction(v) for k, v in res.evidence["counterexample"].items()}
    a = 1 / (1 + pt["s_a"])
    eps, s, t, d = pt["epsilon"], pt["s"], pt["t"], pt["d"]
    assert 0 <= s <= eps and t >= 0 and d >= 0 and pt["V_1"] >= 0 and pt["V_2"] >= 0  # B.5 is met
    Delta = 2 * eps + d
    gap = (Delta - 2 * eps) + s + t  # mu_22 - mu_21 under B.5
    var = a * pt["V_1"] + (1 - a) * pt["V_2"] + a * (1 - a) * gap ** 2
    value = sympy.sympify(bound.replace("eps", "e")).subs({"a": a, "Delta": Delta, "e": eps})
    assert var < Fraction(str(value))


def test_doctests():
    result = doctest.testmod(_plateau, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_total_variance_certifies_the_b5_bound_for_each_reward_not_by_symmetry():
    # reward 1's own basin is S_1: its B.5 bound is a step of its own, not a citation of symmetry
    d = derive_total_variance()
    names = [i.name for i in d.identities]
    assert any(n.startswith("B.5 for reward 1") for n in names)
    assert not any("mirror" in c for c in d.cited)
    # negative control: the same reward-1 statement with the 2 eps correction dropped is refuted
    from pluralnash.theory import Identity

    wrong = _plateau.a * (1 - _plateau.a) * _plateau.Delta ** 2
    stmt = sympy.GreaterThan(_plateau._unit(_plateau._DECOMP.subs(_plateau._B5_REWARD_1).subs(_plateau._SEPARATED))
                             - _plateau._unit(wrong.subs(_plateau._SEPARATED)), 0, evaluate=False)
    assert Identity("reward 1, bound a(1-a) Delta^2", stmt).check().verdict is Verdict.FAILS
