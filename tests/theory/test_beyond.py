"""Derivations beyond the paper: collapse criterion, finite-K expansion."""

import sympy

from pluralnash.theory import Identity, Verdict
from pluralnash.theory import certify_collapse_without_uniqueness, derive_collapse_criterion, derive_finite_k_expansion


def test_collapse_criterion_certifies():
    d = derive_collapse_criterion(n=3, m=2)
    res = d.certify()
    assert res.verdict is Verdict.HOLDS, res.reason
    assert len(res.evidence["cited"]) == 3


def test_point_mass_gradient_cross_check_at_a_random_point():
    d = derive_collapse_criterion(n=3, m=2)
    syms = d.symbols
    point = {syms["w_1,1"]: sympy.Rational(4, 5), syms["w_2,1"]: sympy.Rational(3, 5),
             syms["w_1,2"]: 1, syms["w_2,2"]: sympy.Rational(1, 10), syms["q_1"]: sympy.Rational(1, 3),
             syms["q_2"]: sympy.Rational(2, 3)}
    # W_delta(x_2) from its definition, numerically: q_1 w_12/w_11 + q_2 w_22/w_21
    value = d.expressions["W_delta(x_2)"].xreplace(point)
    assert value == sympy.Rational(1, 3) * sympy.Rational(5, 4) + sympy.Rational(2, 3) * sympy.Rational(1, 6)


def test_unnormalised_point_mass_weight_is_rejected():
    d = derive_collapse_criterion(n=2, m=2)
    s = d.symbols
    wrong = s["q_1"] * s["w_1,2"] + s["q_2"] * s["w_2,2"]  # forgets the division by w_i(x_1)
    grad = sympy.diff(d.expressions["F(p)"], s["p_2"]).xreplace({s["p_1"]: 1, s["p_2"]: 0})
    assert Identity("planted", grad - wrong).check().verdict is Verdict.FAILS


def test_unqualified_criterion_is_refuted_exactly():
    res = certify_collapse_without_uniqueness()
    assert res.verdict is Verdict.FAILS and res.certified
    assert res.evidence["W_delta_x"] == ["1", "1", "1"] and res.evidence["p0"] == ["1/2", "1/4", "1/4"]


def test_finite_k_expansion_certifies_and_rejects_the_jensen_coefficient():
    d = derive_finite_k_expansion()
    assert d.certify().verdict is Verdict.HOLDS
    K, w, mu, sigma2 = (d.symbols[k] for k in ("K", "w", "mu", "sigma2"))
    T = d.expressions["T_K"]
    jensen_c = 1 - w / mu  # the first-order (Jensen) coefficient misses the variance term
    stmt = sympy.limit(K * (T - w / mu), K, sympy.oo) - w / mu * jensen_c
    assert Identity("planted: Jensen coefficient", stmt).check().verdict is Verdict.FAILS



def test_plateau_window_certifies_and_numbers():
    from fractions import Fraction

    from pluralnash.theory import certify_plateau_window, derive_plateau_window

    assert certify_plateau_window().verdict is Verdict.HOLDS
    d = derive_plateau_window()
    s = d.symbols
    point = {s["k_1"]: sympy.Rational(1, 2), s["k_2"]: sympy.Rational(1, 2), s["u"]: sympy.Rational(7, 9)}
    # k = 1/2, e^-eps = 3/4: exact window (1/3, 2/3), width 1/3; paper width 1 - 16/9 = -7/9
    assert d.expressions["exact width"].xreplace(point) == sympy.Rational(1, 3)
    assert d.expressions["width gain"].xreplace(point) == sympy.Rational(1, 3) + sympy.Rational(7, 9)
    assert Fraction(str(d.expressions["q_lo"].xreplace(point))) == Fraction(1, 3)


def test_planted_window_width_is_rejected():
    from pluralnash.theory import derive_plateau_window

    d = derive_plateau_window()
    s = d.symbols
    wrong = (1 - s["k_1"]) * (1 - s["k_2"])  # forgets the 1/(1 - k_1 k_2)
    assert Identity("planted width", d.expressions["exact width"] - wrong).check().verdict is Verdict.FAILS
