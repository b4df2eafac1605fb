"""Derivations of the rates and stability of the large-K limit (theory._rates)."""

from fractions import Fraction

import pytest
import sympy

from pluralnash.theory import Identity, Verdict
from pluralnash.theory import (
    PLATEAU_LIPSCHITZ,
    derive_limit_sensitivity,
    derive_outside_rate,
    derive_plateau_sensitivity,
    derive_rate_jacobian,
    derive_tie_rate,
)


@pytest.mark.parametrize("derive", [derive_rate_jacobian, derive_outside_rate, derive_plateau_sensitivity,
                                    derive_limit_sensitivity, derive_tie_rate])
def test_rate_derivations_certify(derive):
    res = derive().certify()
    assert res.verdict is Verdict.HOLDS, res.reason


def _numeric_jacobian_spectrum(point):
    """The Jacobian of the three-atom map at (a, 1 - a, 0), by exact differentiation of the map itself."""
    w = [[point["w11"], point["w12"], point["v1"]], [point["w21"], point["w22"], point["v2"]]]
    a = point["a"]
    Z = [a * w[i][0] + (1 - a) * w[i][1] for i in range(2)]
    # q from W(x_1) = 1: q w11/Z1 + (1 - q) w21/Z2 = 1
    q = (1 - w[1][0] / Z[1]) / (w[0][0] / Z[0] - w[1][0] / Z[1])
    qs = [q, 1 - q]
    p = [a, 1 - a, Fraction(0)]
    W = [sum(qs[i] * w[i][x] / Z[i] for i in range(2)) for x in range(3)]
    J = sympy.Matrix(3, 3, lambda x, y: (W[x] if x == y else 0)
                     - p[x] * sum(qs[i] * w[i][x] * w[i][y] / Z[i] ** 2 for i in range(2)))
    return J, W


def test_jacobian_spectrum_matches_the_derivation_at_an_exact_point():
    d = derive_rate_jacobian()
    point = {"a": Fraction(1, 3), "w11": Fraction(1), "w12": Fraction(1, 4), "w21": Fraction(1, 5),
             "w22": Fraction(1), "v1": Fraction(1, 2), "v2": Fraction(1, 3)}
    J, W = _numeric_jacobian_spectrum(point)
    subs = {d.symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}
    mu = d.expressions["mu"].xreplace(subs)
    assert W[0] == 1 and W[1] == 1
    assert sorted(J.eigenvals()) == sorted({0, mu, sympy.Rational(W[2].numerator, W[2].denominator)})
    assert 0 < mu < 1


def test_wrong_support_eigenvalue_is_rejected():
    d = derive_rate_jacobian()
    s = d.symbols
    lam, mu = s["lambda"], d.expressions["mu"]
    wrong = lam * (lam - mu ** 2) * (lam - d.expressions["W*(y)"])  # the rate squared
    point = {s["a"]: sympy.Rational(1, 3), s["w11"]: 1, s["w12"]: sympy.Rational(1, 4), s["w21"]: sympy.Rational(1, 5),
             s["w22"]: 1, s["v1"]: sympy.Rational(1, 2), s["v2"]: sympy.Rational(1, 3), s["q"]: sympy.Rational(1, 2)}
    gap = sympy.cancel((d.expressions["det(lambda I - J*)"] - wrong).xreplace(point))
    assert Identity("planted", gap).check().verdict is Verdict.FAILS


def test_plateau_slope_against_finite_differences():
    d = derive_plateau_sensitivity()
    s = d.symbols
    a_star = d.expressions["a*"]
    point = {s["k_1"]: sympy.Rational(1, 3), s["k_2"]: sympy.Rational(1, 4)}
    lo, hi = sympy.Rational(2, 5), sympy.Rational(1, 2)
    slope = (a_star.xreplace({**point, s["q"]: hi}) - a_star.xreplace({**point, s["q"]: lo})) / (hi - lo)
    assert slope == PLATEAU_LIPSCHITZ.xreplace(point) == sympy.Rational(11, 6)
    planted = Identity("planted: slope 1", sympy.diff(a_star, s["q"]) - 1)
    assert planted.check().verdict is Verdict.FAILS


def test_tie_constant_against_the_exact_map():
    # along p = (1 - e) delta_g + e delta_y, W_p(y) = 1 - V e + O(e^2): (1 - W_p(y))/e -> V
    d = derive_tie_rate()
    s = d.symbols
    q, r1 = Fraction(1, 2), Fraction(3, 2)
    r2 = (1 - q * r1) / (1 - q)
    V = d.expressions["V"].xreplace({s["q"]: sympy.Rational(1, 2), s["r_1"]: sympy.Rational(3, 2),
                                     s["r_2"]: sympy.Rational(r2.numerator, r2.denominator)})
    for e in (Fraction(1, 10 ** 4), Fraction(1, 10 ** 6)):
        W = q * r1 / (1 + e * (r1 - 1)) + (1 - q) * r2 / (1 + e * (r2 - 1))
        assert abs((1 - W) / e - Fraction(str(V))) < 2 * e
    assert Identity("planted: first power", d.expressions["V (tie)"] - s["q"] * (1 - s["q"]) * (s["r_1"] - 1)).check(
    ).verdict is Verdict.FAILS
