"""The fast exact paths of the mixing and rate engines against their plain definitions.

Each fast path must decide exactly what the plain one decides, on a table that includes points
within 1e-12 of the decision boundary; a planted wrong fast path must be caught by the same table.
"""

from fractions import Fraction

import pytest

from pluralnash.numeric.engines import mixing
from pluralnash.numeric.engines.jacobian import _FixedIntervals
from pluralnash.numeric.engines.mixing import _bisect, _secular, _secular_sign

F = Fraction
NEAR = F(1, 10 ** 13)  # below 1e-12


def _plain_sign(rho_w, lam, z) -> int:
    h = _secular(rho_w, lam, z)
    return (h > 1) - (h < 1)


def _one_group_root(rho: Fraction, g: Fraction, lam: Fraction) -> Fraction:
    """h(z) = (1 - λ) ρ g/(z - λ g) = 1 at z = λ g + (1 - λ) ρ g: a rational root."""
    return lam * g + (1 - lam) * rho * g


def _table():
    """(ρ_g, g) groups, λ and z: generic points, exact roots, and points within 1e-12 of a root."""
    groups = [
        [(F(1, 2), F(1)), (F(1, 2), F(3))],
        [(F(1, 3), F(1, 7)), (F(1, 6), F(2, 3)), (F(1, 2), F(5, 2))],
        [(F(2, 9), F(1, 4)), (F(3, 9), F(1)), (F(1, 9), F(7, 3)), (F(3, 9), F(11, 2))],
        [(F(1), F(4, 3))],
    ]
    rows = []
    for rho_w in groups:
        for lam in (F(1, 2), F(9, 10), F(1, 1000), F(999, 1000)):
            top = rho_w[-1][1]
            lo, hi = _bisect(rho_w, lam, lam * top, top, 60)  # a bracket of the root of h = 1
            for z in (lo, hi, (lo + hi) / 2, lo - NEAR, hi + NEAR, top, lam * top + NEAR,
                      (lam * top + top) / 2, -F(1, 3), 2 * top):
                rows.append((rho_w, lam, z))
            if len(rho_w) > 1:  # between two poles: the bracket of μ_2
                a, b = _bisect(rho_w, lam, lam * rho_w[-2][1], lam * top, 60)
                rows += [(rho_w, lam, z) for z in (a, b, a - NEAR, b + NEAR)]
    for rho, g, lam in ((F(1, 3), F(2), F(1, 2)), (F(3, 4), F(5, 7), F(7, 9))):
        root = _one_group_root(rho, g, lam)
        rows += [([(rho, g)], lam, z) for z in (root, root - NEAR, root + NEAR)]
    return rows


def _disagreements(sign) -> list:
    return [(rho_w, lam, z) for rho_w, lam, z in _table() if sign(rho_w, lam, z) != _plain_sign(rho_w, lam, z)]


def test_secular_sign_agrees_with_the_exact_secular_function():
    rows = _table()
    assert {_plain_sign(*row) for row in rows} == {-1, 0, 1}  # the table reaches both sides and the root
    assert _disagreements(_secular_sign) == []


def _planted_drops_the_top_group(rho_w, lam, z):
    return _secular_sign(rho_w[:-1] or rho_w, lam, z)


def _planted_ignores_the_poles_sign(rho_w, lam, z):
    """The numerator's sign alone: wrong wherever an odd number of z - λ g are negative."""
    a, b, l, L = z.numerator, z.denominator, lam.numerator, lam.denominator
    D = [r.denominator * (a * L * g.denominator - l * g.numerator * b) for r, g in rho_w]
    total = 0
    for k, (r, g) in enumerate(rho_w):
        others = 1
        for j, d in enumerate(D):
            if j != k:
                others *= d
        total += r.numerator * g.numerator * others
    whole = 1
    for d in D:
        whole *= d
    N = (L - l) * b * total - whole
    return (N > 0) - (N < 0)


@pytest.mark.parametrize("planted", [_planted_drops_the_top_group, _planted_ignores_the_poles_sign])
def test_a_planted_wrong_sign_is_caught(planted):
    assert _disagreements(planted) != []


def test_secular_sign_raises_at_a_pole():
    with pytest.raises(ZeroDivisionError):
        _secular_sign([(F(1, 2), F(2)), (F(1, 2), F(3))], F(1, 2), F(1))


# ----------------------------------------------------------------------------------------------
# the fixed-point interval context of the rate run


def _plain_dot(ctx, pairs):
    terms = [ctx._mul(a, b) for a, b in pairs]
    return sum(t[0] for t in terms), sum(t[1] for t in terms)


def _boxes(ctx, values, width):
    out = []
    for v in values:
        lo, hi = ctx.of(v)
        out.append((lo, hi + width))
    return out


def _dot_table():
    for bits in (64, 200, 700):
        ctx = _FixedIntervals(bits)
        p = _boxes(ctx, [F(1, 3), F(1, 7), F(11, 21), F(0)], 3)
        w = [_boxes(ctx, [F(5, 2), F(1, 9), F(1) - F(1, 10 ** 12), F(4)], 0),
             _boxes(ctx, [F(1, 10 ** 12), F(7, 3), F(2), F(1, 2)], 1)]
        yield ctx, p, w


def test_fixed_point_dots_agree_with_the_product_by_product_sums():
    for ctx, p, w in _dot_table():
        assert ctx.Z(p, w) == [_plain_dot(ctx, zip(p, row)) for row in w]
        c = ctx.Z(p, w)
        assert ctx.W(c, w) == [_plain_dot(ctx, zip(c, column)) for column in zip(*w)]
        for lo, hi in ctx.Z(p, w) + ctx.W(c, w):
            assert lo < hi


def test_a_planted_inward_rounding_is_caught():
    class Inward(_FixedIntervals):
        def _dot(self, pairs):
            lo, hi = 0, 0
            for a, b in pairs:
                lo += (a[0] * b[0]) >> self.P
                hi += (a[1] * b[1]) >> self.P  # the upper end rounded down: not outward
            return lo, hi

    caught = False
    for ctx, p, w in _dot_table():
        planted = Inward(ctx.P)
        caught |= planted.Z(p, w) != [_plain_dot(ctx, zip(p, row)) for row in w]
    assert caught


def test_bisection_brackets_are_those_of_the_plain_bisection(monkeypatch):
    rows = _table()[::10]
    fast = [_bisect(rho_w, lam, lam * rho_w[-1][1], rho_w[-1][1], 160) for rho_w, lam, _ in rows]
    monkeypatch.setattr(mixing, "_secular_sign", _plain_sign)  # the bisection on the Fraction h itself
    assert fast == [_bisect(rho_w, lam, lam * rho_w[-1][1], rho_w[-1][1], 160) for rho_w, lam, _ in rows]


# ----------------------------------------------------------------------------------------------
# the Krawczyk test's Jacobian: factors hoisted out of the (i, j) loops, the same operations


def _plain_jacobian(lam, q, V, rho, S, Z, p):
    m = len(q)
    return [[-sum(V[i][x] * lam * q[j] * V[j][x] * p[x] ** 2 / ((1 - lam) * rho[x]) for x in S) / Z[j] ** 2
             - (1 if i == j else 0) for j in range(m)] for i in range(m)]


def _jacobian_inputs():
    import mpmath

    from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

    V = [[F(1), F(1, 20), F(1, 4)], [F(1, 20), F(1), F(1, 4)], [F(2, 3), F(1, 7), F(9, 5)]]
    q, rho, lam, S = [F(1, 3), F(1, 2), F(1, 6)], {0: F(1, 10), 1: F(1, 10), 2: F(4, 5)}, F(9, 10), (0, 1, 2)
    Z = [F(1, 3), F(2, 5), F(3, 4) + NEAR]
    with mpmath.workprec(200):
        def mp(v):
            return mpmath.mpf(v.numerator) / v.denominator

        yield mp(lam), [mp(v) for v in q], [[mp(v) for v in row] for row in V], \
            {x: mp(v) for x, v in rho.items()}, S, [mp(v) for v in Z]
    with iv_workprec(200):
        yield iv_frac(lam), [iv_frac(v) for v in q], [[iv_frac(v) for v in row] for row in V], \
            {x: iv_frac(v) for x, v in rho.items()}, S, [iv.mpf([iv_frac(z).a, iv_frac(z + F(1, 10 ** 6)).b]) for z in Z]


def _as_key(rows):
    return [[(v.a, v.b) if hasattr(v, "a") else v for v in row] for row in rows]


def test_krawczyk_jacobian_is_the_plain_formula_operation_for_operation():
    for lam, q, V, rho, S, Z in _jacobian_inputs():
        p = {x: mixing._p_of_Z(lam, q, V, rho, x, Z) for x in S}
        _, jac = mixing._phi_and_jacobian(lam, q, V, rho, S, Z)
        assert _as_key(jac) == _as_key(_plain_jacobian(lam, q, V, rho, S, Z, p))


def test_a_planted_reassociated_jacobian_is_caught():
    """p^2 / ((1 - λ) ρ) taken first: the same real number, other roundings; the comparison must see it."""
    differs = False
    for lam, q, V, rho, S, Z in _jacobian_inputs():
        p = {x: mixing._p_of_Z(lam, q, V, rho, x, Z) for x in S}
        m = len(q)
        planted = [[-sum(V[i][x] * lam * q[j] * V[j][x] * (p[x] ** 2 / ((1 - lam) * rho[x])) for x in S) / Z[j] ** 2
                    - (1 if i == j else 0) for j in range(m)] for i in range(m)]
        differs |= _as_key(planted) != _as_key(_plain_jacobian(lam, q, V, rho, S, Z, p))
    assert differs


# ----------------------------------------------------------------------------------------------
# Hilbert's metric on the exact run: the largest quotient found without reducing every quotient


def _ratio_table():
    yield [(F(3, 7), F(1, 2)), (F(5, 9), F(2, 3)), (F(1, 3), F(1, 4))]
    yield [(F(1, 3), F(1)), (F(1, 3) + NEAR, F(1)), (F(1, 3) - NEAR, F(1))]  # within 1e-12 of a tie
    yield [(F(2), F(4)), (F(1), F(2)), (F(-1), F(-3))]  # an exact tie, and a negative denominator
    yield [(F(10 ** 40 + 1, 3 ** 30), F(7, 10 ** 12)), (F(10 ** 40, 3 ** 30), F(7, 10 ** 12) - NEAR * NEAR)]


def test_max_ratio_is_the_largest_fraction_quotient():
    from pluralnash.claims.mixing.checks import _max_ratio

    for pairs in _ratio_table():
        assert _max_ratio(pairs) == max(a / b for a, b in pairs)


def test_a_planted_ratio_screen_that_drops_a_point_is_caught():
    from pluralnash.claims.mixing.checks import _max_ratio

    assert any(_max_ratio(pairs[:-1]) != max(a / b for a, b in pairs) for pairs in _ratio_table())


def test_hilbert_bounds_are_those_of_the_quotients():
    from pluralnash.claims.mixing.checks import _hilbert

    v, box = [F(2, 7), F(3, 11), F(0), F(5, 13)], [(F(1, 4), F(1, 3)), (F(1, 5), F(1, 4)), (F(0), F(0)),
                                                    (F(2, 5), F(2, 5) + NEAR)]
    S = (0, 1, 3)
    hi = max(v[x] / box[x][0] for x in S) * max(box[y][1] / v[y] for y in S)
    lo = max(v[x] / box[x][1] for x in S) * max(box[y][0] / v[y] for y in S)
    assert _hilbert(v, box, S) == (max(lo, F(1)), hi)
