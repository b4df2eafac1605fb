"""Every derive_* result against the numeric engines at random exact points (SymPy's
verify_numerically habit): the symbolic and numeric layers are written independently."""

from fractions import Fraction as Fr

import mpmath
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from pluralnash.numeric import Landscape, evaluate_curated_update, evaluate_large_k_weights, evaluate_objective
from pluralnash.numeric.engines.finite_k_bounds import finite_k_sandwich as _sandwich
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.properties import landscapes, simplex_points
from pluralnash.theory import (
    derive_finite_k_integral,
    derive_gradient_identity,
    derive_large_k_map,
    derive_lemma_3_2_bounds,
    derive_nash_product,
)

positive = st.fractions(min_value=Fr(1, 20), max_value=20, max_denominator=30)


def _subs(d, L):
    sym = d.symbols
    values = {}
    for x in range(L.n):
        values[sym[f"p_{x + 1}"]] = sympy.Rational(L.p0[x].numerator, L.p0[x].denominator)
        for i in range(L.m):
            w = L.exp_rewards[i][x]
            values[sym[f"w_{i + 1},{x + 1}"]] = sympy.Rational(w.numerator, w.denominator)
    for i in range(L.m):
        values[sym[f"q_{i + 1}"]] = sympy.Rational(L.weights[i].numerator, L.weights[i].denominator)
    return values


def _frac(expr):
    r = sympy.nsimplify(expr) if not expr.is_Rational else expr
    assert r.is_Rational, expr
    return Fr(int(r.p), int(r.q))


@settings(max_examples=15)
@given(landscapes(min_atoms=3, max_atoms=3, min_rewards=2, max_rewards=2))
def test_large_k_map_matches_the_engine(L):
    d = derive_large_k_map(3, 2)
    values = _subs(d, L)
    want = [_frac(d.expressions[f"p'(x_{x + 1})"].subs(values)) for x in range(3)]
    assert want == evaluate_curated_update(L)
    W = [_frac(d.expressions[f"W(x_{x + 1})"].subs(values)) for x in range(3)]
    assert W == evaluate_large_k_weights(L)


@settings(max_examples=10)
@given(landscapes(min_atoms=3, max_atoms=3, min_rewards=2, max_rewards=2))
def test_gradient_identity_matches_the_engine(L):
    d = derive_gradient_identity(3, 2)
    values = _subs(d, L)
    W = evaluate_large_k_weights(L)
    for x in range(3):
        assert _frac(d.expressions[f"dF/dp(x_{x + 1})"].subs(values)) == W[x]
    with mpmath.workdps(40):
        F = d.expressions["F(p)"].subs(values)
        assert abs(mpmath.mpf(sympy.N(F, 40)) - evaluate_objective(L, dps=35)) < mpmath.mpf(10) ** -30


@settings(max_examples=10)
@given(simplex_points(min_size=2, max_size=2), positive, positive)
def test_finite_k_integral_matches_enumeration_and_quadrature(p, w1, w2):
    d = derive_finite_k_integral()
    sym = d.symbols
    values = {sym["p_1"]: sympy.Rational(p[0].numerator, p[0].denominator),
              sym["p_2"]: sympy.Rational(p[1].numerator, p[1].denominator),
              sym["w_1"]: sympy.Rational(w1.numerator, w1.denominator),
              sym["w_2"]: sympy.Rational(w2.numerator, w2.denominator)}
    for K in (2, 3):
        H = evaluate_finite_k_weights(list(p), [w1, w2], K, method="enumerate")
        Hq = evaluate_finite_k_weights(list(p), [w1, w2], K, method="quadrature", dps=25)
        for x in (1, 2):
            sym_value = _frac(sympy.simplify(d.expressions[f"H^{K}(x_{x}) [n=2]"].subs(values)))
            assert sym_value == H[x - 1]
            with mpmath.workdps(30):
                assert abs(mpmath.mpf(sym_value.numerator) / sym_value.denominator - Hq[x - 1]) < mpmath.mpf(10) ** -22


@settings(max_examples=10)
@given(simplex_points(min_size=2, max_size=4), st.lists(positive, min_size=4, max_size=4), st.integers(2, 6))
def test_lemma_3_2_bounds_match_the_numeric_sandwich(p, ws, K):
    w = ws[: len(p)]
    d = derive_lemma_3_2_bounds()
    s = d.symbols
    mu = sum(a * b for a, b in zip(p, w))
    var = sum(a * (b - mu) ** 2 for a, b in zip(p, w))
    lo, hi = _sandwich(list(p), w, K)
    R = lambda f: sympy.Rational(f.numerator, f.denominator)  # noqa: E731
    for x in range(len(p)):
        values = {s["K"]: K, s["w"]: R(w[x]), s["mu"]: R(mu), s["sigma2"]: R(var), s["w_min"]: R(min(w))}
        assert _frac(d.expressions["lower"].subs(values)) == lo[x]
        assert _frac(d.expressions["upper"].subs(values)) == hi[x]


def test_nash_product_matches_a_direct_evaluation():
    d = derive_nash_product()
    s = d.symbols
    values = {s["u1P1"]: 3, s["u1P2"]: 1, s["u2P1"]: -2, s["u2P2"]: 5, s["q"]: sympy.Rational(1, 3)}
    for a in (sympy.Rational(1, 5), sympy.Rational(1, 2), sympy.Rational(9, 10)):
        direct = (a * 3 + (1 - a) * 1 - 1) ** sympy.Rational(1, 3) * (a * -2 + (1 - a) * 5 + 2) ** sympy.Rational(2, 3)
        got = d.expressions["N(alpha)"].subs(values).subs(s["alpha"], a)
        assert abs(sympy.N(got - direct, 30)) < 1e-25
