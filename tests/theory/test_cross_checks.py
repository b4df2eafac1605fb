"""Derived expressions against independent direct computations at random exact rational points.

The reference values here are written from the definitions with ``fractions.Fraction`` (and
``math`` floats only where logs or integrals make exact values impossible); they share no code
with ``pluralnash.theory``.
"""

import itertools
import math
from fractions import Fraction

import sympy
from hypothesis import given, note
from hypothesis import strategies as st

from pluralnash.theory import (
    derive_ascent_inequality,
    derive_finite_k_integral,
    derive_gradient_identity,
    derive_kkt_conditions,
    derive_large_k_map,
    derive_lemma_3_2_bounds,
    derive_nash_product,
)

N_ATOMS, M_REWARDS = 3, 2
LARGE_K = derive_large_k_map(N_ATOMS, M_REWARDS)
GRADIENT = derive_gradient_identity(N_ATOMS, M_REWARDS)
KKT = derive_kkt_conditions(N_ATOMS, M_REWARDS)
ASCENT = derive_ascent_inequality(N_ATOMS, M_REWARDS)
NASH = derive_nash_product()
FINITE_K = derive_finite_k_integral()
BOUNDS = derive_lemma_3_2_bounds()

positive_fractions = st.fractions(min_value=Fraction(1, 20), max_value=20, max_denominator=30)


@st.composite
def simplex_points(draw, size):
    raw = draw(st.lists(st.integers(1, 30), min_size=size, max_size=size))
    return [Fraction(r, sum(raw)) for r in raw]


@st.composite
def models(draw, n=N_ATOMS, m=M_REWARDS):
    p = draw(simplex_points(n))
    q = draw(simplex_points(m))
    w = [[draw(positive_fractions) for _ in range(n)] for _ in range(m)]
    return p, q, w


def reference_update(p, q, w):
    n, m = len(p), len(q)
    Z = [sum(p[x] * w[i][x] for x in range(n)) for i in range(m)]
    W = [sum(q[i] * w[i][x] / Z[i] for i in range(m)) for x in range(n)]
    return Z, W, [p[x] * W[x] for x in range(n)]


def point(p, q, w):
    out = {f"p_{x + 1}": v for x, v in enumerate(p)}
    out.update({f"q_{i + 1}": v for i, v in enumerate(q)})
    out.update({f"w_{i + 1},{x + 1}": v for i, row in enumerate(w) for x, v in enumerate(row)})
    return out


def evaluate_exact(expr, symbols, values):
    """Substitute exact rationals and return a Fraction (fails loudly if not rational)."""
    sub = {symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in values.items() if k in symbols}
    value = expr.xreplace(sub)
    assert value.is_Rational, value
    return Fraction(int(value.p), int(value.q))


def lambdified(expr, symbols):
    names = sorted(s.name for s in expr.free_symbols)
    fn = sympy.lambdify([symbols[n] for n in names], expr, modules=[{}])
    return lambda values: fn(*(values[n] for n in names))


@given(models())
def test_large_k_map_matches_reference(model):
    p, q, w = model
    Z, W, p_next = reference_update(p, q, w)
    values = point(p, q, w)
    note(values)
    for i in range(M_REWARDS):
        assert evaluate_exact(LARGE_K.expressions[f"Z_{i + 1}"], LARGE_K.symbols, values) == Z[i]
    for x in range(N_ATOMS):
        assert evaluate_exact(LARGE_K.expressions[f"W(x_{x + 1})"], LARGE_K.symbols, values) == W[x]
        # lambdify on Fractions: a pure rational function evaluates exactly
        assert lambdified(LARGE_K.expressions[f"p'(x_{x + 1})"], LARGE_K.symbols)(values) == p_next[x]
    assert sum(p_next) == 1
    assert evaluate_exact(LARGE_K.expressions["sum_x p'(x)"], LARGE_K.symbols, values) == 1


@given(models())
def test_gradient_and_multiplier_match_reference(model):
    p, q, w = model
    Z, W, _ = reference_update(p, q, w)
    values = point(p, q, w)
    for x in range(N_ATOMS):
        # dF/dp(x) from the definition F = sum_i q_i log Z_i: d log Z_i / dp(x) = w_i(x) / Z_i
        by_hand = sum(q[i] * w[i][x] / Z[i] for i in range(M_REWARDS))
        assert evaluate_exact(GRADIENT.expressions[f"dF/dp(x_{x + 1})"], GRADIENT.symbols, values) == by_hand
        assert by_hand == W[x]
    assert sum(p[x] * W[x] for x in range(N_ATOMS)) == 1 == KKT.expressions["lambda*"]


@given(models())
def test_gradient_matches_finite_difference(model):
    p, q, w = model
    values = point(p, q, w)
    F = lambda pp: sum(q[i] * math.log(sum(pp[x] * w[i][x] for x in range(N_ATOMS))) for i in range(M_REWARDS))
    h = 1e-6
    for x in range(N_ATOMS):
        up = [float(v) + (h if y == x else 0) for y, v in enumerate(p)]
        down = [float(v) - (h if y == x else 0) for y, v in enumerate(p)]
        numeric = (F(up) - F(down)) / (2 * h)
        exact = evaluate_exact(GRADIENT.expressions[f"dF/dp(x_{x + 1})"], GRADIENT.symbols, values)
        assert math.isclose(numeric, float(exact), rel_tol=1e-6, abs_tol=1e-9)


@given(models())
def test_ascent_chain_matches_reference(model):
    p, q, w = model
    Z, W, p_next = reference_update(p, q, w)
    values = point(p, q, w)
    F_p = sum(float(q[i]) * math.log(Z[i]) for i in range(M_REWARDS))
    Z_next = [sum(p_next[x] * w[i][x] for x in range(N_ATOMS)) for i in range(M_REWARDS)]
    F_next = sum(float(q[i]) * math.log(Z_next[i]) for i in range(M_REWARDS))
    kl = sum(float(p_next[x]) * math.log(W[x]) for x in range(N_ATOMS))
    sub = {ASCENT.symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in values.items()}
    derived_gain = float(ASCENT.expressions["F(p') - F(p)"].xreplace(sub).evalf(30))
    assert math.isclose(derived_gain, F_next - F_p, rel_tol=1e-9, abs_tol=1e-12)
    assert F_next - F_p >= kl - 1e-12 >= -1e-12  # the chain, in floats: Jensen then Gibbs


@st.composite
def bargaining(draw):
    u1P2, u2P1 = draw(positive_fractions) - 10, draw(positive_fractions) - 10
    A, B = draw(positive_fractions), draw(positive_fractions)
    a = draw(st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 50), max_denominator=50))
    q = draw(st.fractions(min_value=Fraction(1, 50), max_value=Fraction(49, 50), max_denominator=50))
    return {"u1P1": u1P2 + A, "u1P2": u1P2, "u2P1": u2P1, "u2P2": u2P1 + B, "alpha": a, "q": q}


@given(bargaining())
def test_nash_expressions_match_reference(values):
    note(values)
    a, q = values["alpha"], values["q"]
    gain1 = a * values["u1P1"] + (1 - a) * values["u1P2"] - values["u1P2"]
    gain2 = a * values["u2P1"] + (1 - a) * values["u2P2"] - values["u2P1"]
    # chain rule by hand: d/dalpha [q log gain1 + (1-q) log gain2]
    slope = q * (values["u1P1"] - values["u1P2"]) / gain1 + (1 - q) * (values["u2P1"] - values["u2P2"]) / gain2
    assert evaluate_exact(NASH.expressions["d/dalpha log N"], NASH.symbols, values) == slope
    assert evaluate_exact(NASH.expressions["u_1(p_alpha)"], NASH.symbols, values) - values["u1P2"] == gain1
    N_float = float(gain1) ** float(q) * float(gain2) ** float(1 - q)
    sub = {NASH.symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in values.items()}
    for key in ("N(alpha)", "N factorised"):
        assert math.isclose(float(NASH.expressions[key].xreplace(sub).evalf(30)), N_float, rel_tol=1e-12)
    # alpha* = q beats every grid point
    best = float(NASH.expressions["N(alpha)"].xreplace({**sub, NASH.symbols["alpha"]: sub[NASH.symbols["q"]]}))
    for k in range(1, 20):
        trial = float(NASH.expressions["N(alpha)"].xreplace({**sub, NASH.symbols["alpha"]: sympy.Rational(k, 20)}))
        assert trial <= best * (1 + 1e-12)


def reference_h(p, ws, x, k):
    """H^k_p(x) by summing over ordered (k-1)-tuples of draws."""
    total = Fraction(0)
    for draws in itertools.product(range(len(p)), repeat=k - 1):
        prob = math.prod((p[y] for y in draws), start=Fraction(1))
        total += prob * k * ws[x] / (ws[x] + sum(ws[y] for y in draws))
    return total


@given(simplex_points(2), st.lists(positive_fractions, min_size=2, max_size=2))
def test_finite_k_enumerations_match_reference(p, ws):
    values = {"p_1": p[0], "p_2": p[1], "w_1": ws[0], "w_2": ws[1]}
    for k in (2, 3):
        for x in (0, 1):
            derived = FINITE_K.expressions[f"H^{k}(x_{x + 1}) [n=2]"]
            assert evaluate_exact(derived, FINITE_K.symbols, values) == reference_h(p, ws, x, k)
        assert sum(p[x] * reference_h(p, ws, x, k) for x in (0, 1)) == 1


@given(simplex_points(2), st.lists(st.fractions(min_value=Fraction(1, 4), max_value=4, max_denominator=8),
                                   min_size=2, max_size=2))
def test_integral_form_matches_reference_numerically(p, ws):
    s = FINITE_K.symbols
    t = s["t"]
    phi = p[0] * sympy.exp(-t * ws[0]) + p[1] * sympy.exp(-t * ws[1])
    for k in (2, 4):
        integrand = sympy.lambdify(t, k * ws[0] * sympy.exp(-t * ws[0]) * phi ** (k - 1), "math")
        # Simpson's rule: the integrand decays like e^{-t K min(w)} at least and varies on the scale
        # 1/(K max(w)); integrate to 40 decay lengths with 60 steps per variation length.
        fast, slow = k * float(max(ws)), k * float(min(ws))
        upper = 40 / slow
        steps = 2 * math.ceil(upper * fast * 30)
        dt = upper / steps
        numeric = dt / 3 * sum((1 if j in (0, steps) else 4 if j % 2 else 2) * integrand(j * dt)
                               for j in range(steps + 1))
        assert math.isclose(numeric, float(reference_h(p, ws, 0, k)), rel_tol=1e-7)


@st.composite
def bound_instances(draw):
    n = draw(st.integers(2, 3))
    p = draw(simplex_points(n))
    ws = draw(st.lists(positive_fractions, min_size=n, max_size=n))
    return p, ws, draw(st.integers(2, 5))


@given(bound_instances())
def test_lemma_3_2_bounds_sandwich_reference(instance):
    p, ws, k = instance
    note(instance)
    s = BOUNDS.symbols
    mean = sum(a * b for a, b in zip(p, ws))
    var = sum(a * (b - mean) ** 2 for a, b in zip(p, ws))
    lower = lambdified(BOUNDS.expressions["lower"], s)
    upper = lambdified(BOUNDS.expressions["upper"], s)
    for x in range(len(p)):
        values = {"K": k, "w": ws[x], "mu": mean, "sigma2": var, "w_min": min(ws)}
        h = reference_h(p, ws, x, k)
        assert lower(values) <= h <= upper(values)
        assert lower(values) == k * ws[x] / (ws[x] + (k - 1) * mean)
