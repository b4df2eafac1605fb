"""Negative controls: planted false variants must be rejected (FAILS, with evidence)."""

from fractions import Fraction

import pytest
import sympy

from pluralnash.theory import (
    Derivation,
    Identity,
    Verdict,
    certify_finite_k_bound,
    certify_identity,
    certify_lemma_3_2_limit,
    certify_nash_maximiser,
    derive_finite_k_integral,
    derive_gradient_identity,
    derive_large_k_map,
    derive_lemma_3_2_bounds,
    derive_nash_product,
)

q = sympy.Symbol("q")
BOUNDS = derive_lemma_3_2_bounds().symbols
K, w, mu, sigma2, w_min = (BOUNDS[k] for k in ("K", "w", "mu", "sigma2", "w_min"))
LOWER = K * w / (w + (K - 1) * mu)
UPPER = LOWER + K * w * (K - 1) * sigma2 / ((w + (K - 1) * mu) ** 2 * (w + (K - 1) * w_min))


def exact_point_fails(result, expected_value=None):
    """A FAILS carrying an exact counterexample that really is one."""
    assert result.verdict is Verdict.FAILS, (result.verdict, result.reason)
    assert result.certified and result.reason
    return result.evidence


# --- Theorem 3.7: alpha* = q ---------------------------------------------------------------------


@pytest.mark.parametrize("candidate", [q, "q", (q ** 2 - q) / (q - 1), q * sympy.sin(q) ** 2 + q * sympy.cos(q) ** 2,
                                       sympy.Symbol("q", positive=True)])
def test_true_maximiser_holds(candidate):
    result = certify_nash_maximiser(candidate)
    assert result.verdict is Verdict.HOLDS, result.reason
    assert result.evidence["nash_product_certificate"] == "HOLDS"


@pytest.mark.parametrize("candidate", [q ** 2, 1 - q, sympy.Rational(1, 2), sympy.sqrt(q), 2 * q / (1 + q),
                                       "q*(2-q)", sympy.sin(sympy.pi * q / 2)])
def test_false_interior_maximiser_fails_with_exact_slope(candidate):
    ev = exact_point_fails(certify_nash_maximiser(candidate))
    assert ev["exact"] is True
    q0, c0 = Fraction(ev["q"]), Fraction(ev["candidate_at_q"])
    assert 0 < q0 < 1 and 0 < c0 < 1 and c0 != q0
    slope = (q0 - c0) / (c0 * (1 - c0))  # d/dalpha log N at alpha = c0, recomputed here
    assert Fraction(ev["dlogN_at_candidate"]) == slope != 0
    assert ev["sign"] == ("positive" if slope > 0 else "negative")


def test_q_squared_evidence_is_specific():
    ev = certify_nash_maximiser(q ** 2).evidence
    assert (ev["q"], ev["candidate_at_q"], ev["dlogN_at_candidate"]) == ("1/2", "1/4", "4/3")


@pytest.mark.parametrize("candidate, why", [(sympy.S(0), "N(candidate) = 0"), (sympy.S(1), "N(candidate) = 0"),
                                            (2 * q + 1, "outside [0, 1]")])
def test_boundary_and_infeasible_candidates_fail(candidate, why):
    ev = exact_point_fails(certify_nash_maximiser(candidate))
    assert why in ev["explanation"] and ev["exact"] is True


def test_irrational_candidate_fails_with_sympy_sign():
    # q + (sqrt(2) - 1) q (1 - q) / 4 is irrational at every rational q in (0,1)
    ev = exact_point_fails(certify_nash_maximiser(q + (sympy.sqrt(2) - 1) * q * (1 - q) / 4))
    assert ev["exact"] is False and ev["q_minus_candidate_sign"] == "negative"


# --- mass identities -----------------------------------------------------------------------------


def test_unnormalised_update_breaks_mass_conservation():
    d = derive_large_k_map(n=2, m=2)
    s = d.symbols
    p, q1 = [s["p_1"], s["p_2"]], s["q_1"]
    weights = [q1, 1 - q1]
    wrong = sum(p[x] * sum(weights[i] * s[f"w_{i + 1},{x + 1}"] for i in range(2)) for x in range(2))
    result = certify_identity(sympy.Eq(wrong, 1), name="planted: sum_x p(x) sum_i q_i w_i(x) = 1",
                              domain={q1: (0, 1)})
    ev = exact_point_fails(result)
    assert ev["exact"] is True
    values = {s[k]: sympy.Rational(v) for k, v in ev["counterexample"].items()}
    assert wrong.xreplace(values) != 1


def test_mass_identity_without_p_weights_fails():
    d = derive_finite_k_integral()
    s = d.symbols
    total = d.expressions["H^2(x_1) [n=2]"] + d.expressions["H^2(x_2) [n=2]"]
    result = certify_identity(sympy.Eq(total.subs(s["p_2"], 1 - s["p_1"]), 1),
                              name="planted: sum_x H(x) = 1", domain={s["p_1"]: (0, 1)})
    assert exact_point_fails(result)["exact"] is True


def test_mass_identity_with_wrong_power_fails():
    d = derive_finite_k_integral()
    s = d.symbols
    p1, p2 = s["p_1"], s["p_2"]
    wrong = p1 ** 2 * d.expressions["H^2(x_1) [n=2]"] + p2 ** 2 * d.expressions["H^2(x_2) [n=2]"]
    assert certify_identity(sympy.Eq(wrong.subs(p2, 1 - p1), 1), domain={p1: (0, 1)}).verdict is Verdict.FAILS


# --- Lemma 3.2 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bound, side", [(LOWER, "lower"), (UPPER, "upper"), (LOWER / 2, "lower"),
                                         (UPPER + sigma2, "upper"), (LOWER - 1, "lower")])
def test_true_bounds_hold(bound, side):
    result = certify_finite_k_bound(bound, side=side)
    assert result.verdict is Verdict.HOLDS, result.reason


@pytest.mark.parametrize("bound, side", [
    (LOWER, "upper"),  # Jensen's lower bound is not an upper bound
    (w / mu, "lower"),
    (w / mu, "upper"),
    (LOWER + K * w * (K - 1) * sigma2 / (w + (K - 1) * mu) ** 3, "upper"),  # w_min replaced by mu
    (LOWER + sigma2 / 100, "lower"),
])
def test_false_bounds_fail_on_exact_instance(bound, side):
    result = certify_finite_k_bound(bound, side=side)
    ev = exact_point_fails(result)
    assert result.method == "exact"
    h, value = Fraction(ev["H"]), Fraction(ev["bound_value"])
    assert (value > h) if side == "lower" else (value < h)
    assert sum(Fraction(v) for v in ev["p"]) == 1


def test_true_limit_holds_and_wrong_limits_fail():
    assert certify_lemma_3_2_limit(w / mu).verdict is Verdict.HOLDS
    assert certify_lemma_3_2_limit("w/mu").verdict is Verdict.HOLDS
    for wrong in (w / mu ** 2, w / w_min, w / (mu + sigma2), sympy.S(1)):
        ev = exact_point_fails(certify_lemma_3_2_limit(wrong))
        assert ev["exact"] is True


# --- planted wrong identities inside a Derivation --------------------------------------------------


def test_derivation_with_wrong_gradient_fails():
    good = derive_gradient_identity(n=2, m=2)
    s = good.symbols
    planted = Derivation(
        "planted", "dF/dp = 2 W", "negative control", dict(good.expressions), dict(good.symbols),
        identities=(Identity("dF/dp(x_1) = 2 W(x_1)",
                             good.expressions["dF/dp(x_1)"] - 2 * good.expressions["W(x_1)"]),),
    )
    result = planted.certify()
    assert result.verdict is Verdict.FAILS
    assert "dF/dp(x_1) = 2 W(x_1)" in result.reason
    step = result.evidence["checked"][0]["evidence"]
    assert step["proved_everywhere"] is True
    point = {s[k]: sympy.Rational(v) for k, v in step["counterexample"].items()}
    assert (good.expressions["dF/dp(x_1)"] - 2 * good.expressions["W(x_1)"]).xreplace(point) != 0


def test_wrong_nash_derivative_fails():
    s = derive_nash_product().symbols
    alpha, qq = s["alpha"], s["q"]
    result = certify_identity((qq - alpha) / alpha - (qq - alpha) / (alpha * (1 - alpha)),
                              domain={alpha: (0, 1), qq: (0, 1)})
    assert result.verdict is Verdict.FAILS


def test_wrong_sign_claim_fails():
    s = derive_nash_product().symbols
    alpha = s["alpha"]
    # log N is concave, not convex: claim d2/dalpha2 log N > 0 is false
    d2 = -s["q"] / alpha ** 2 - (1 - s["q"]) / (1 - alpha) ** 2
    result = certify_identity(sympy.Gt(d2, 0), domain={alpha: (0, 1), s["q"]: (0, 1)})
    assert result.verdict is Verdict.FAILS


def test_undecidable_statement_is_undecided_not_guessed():
    x, y = sympy.symbols("x y")
    result = certify_identity(sympy.Eq(sympy.Tuple(x), sympy.Tuple(y)))
    assert result.verdict is Verdict.UNDECIDED and result.reason
    # no admissible point: the constraint is never positive, so no counterexample can be claimed
    z = sympy.Symbol("z", positive=True)
    result = certify_identity(sympy.Lt(z - 1, 0), domain={z: (0, 4)}, constraints=(-z,))
    assert result.verdict is Verdict.UNDECIDED and not result.certified
