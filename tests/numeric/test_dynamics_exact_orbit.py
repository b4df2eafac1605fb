"""The exact large-K orbit over one common denominator (``ExactOrbit``) against the Fraction step.

The fast path must give the same rationals as :data:`EXACT` step by step, the same Z(p_t), the same
"p_{t+1} = p_t" test and the same denominator sizes, on a table that includes fixed points, zero
masses, zero weights and starts within 1e-12 of a fixed point; planted wrong fast paths must fail.
"""

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from pluralnash.numeric.engines import step
from pluralnash.numeric.engines.step import EXACT, ExactOrbit, _CommonDenominator, _gcd, _lowest_terms, large_k_step

F = Fraction
TINY = F(1, 10**12)


def _near(p, k=0):
    """p moved by 1e-12 from atom k to the next atom (still on the simplex)."""
    out = list(p)
    out[k] -= TINY
    out[(k + 1) % len(p)] += TINY
    return out


# (p0, w rows, q): the fixed points have W = 1 on the support
TABLE = [
    ([F(1, 2), F(1, 2)], [[F(3), F(1)]], [F(1)]),
    ([F(1, 3), F(1, 3), F(1, 3)], [[F(3), F(1), F(2)], [F(1), F(4), F(1, 2)]], [F(1, 3), F(2, 3)]),
    ([F(1, 2), F(1, 2)], [[F(2), F(1)], [F(1), F(2)]], [F(1, 2), F(1, 2)]),  # a fixed point
    (_near([F(1, 2), F(1, 2)]), [[F(2), F(1)], [F(1), F(2)]], [F(1, 2), F(1, 2)]),  # 1e-12 from it
    ([F(1), F(0)], [[F(2), F(5)]], [F(1)]),  # a point mass: fixed at once
    ([F(0), F(1, 4), F(3, 4)], [[F(7, 3), F(1), F(2)], [F(1), F(5, 2), F(1)]], [F(1, 4), F(3, 4)]),
    ([F(1, 4), F(3, 4)], [[F(3), F(1)], [F(1), F(9)]], [F(1), F(0)]),  # a reward with q_i = 0
    (_near([F(1, 4), F(3, 4)], 1), [[F(3, 2), F(1, 2)], [F(1, 2), F(3, 2)]], [F(1, 2), F(1, 2)]),
]


def _reference(p, w, q, steps):
    """p_t and Z(p_t) by the Fraction step, and whether each step moved."""
    out = []
    for _ in range(steps):
        st_ = large_k_step(EXACT, p, w, q)
        out.append((p, st_.Z, st_.p != p))
        p = st_.p
    out.append((p, EXACT.Z(p, w), None))
    return out


def _run(orbit, steps):
    out = []
    for _ in range(steps):
        p, Z = orbit.masses(), orbit.Z()
        out.append((p, Z, orbit.advance()))
    out.append((orbit.masses(), orbit.Z(), None))
    return out


def _max_bits(p):
    return max(v.denominator.bit_length() for v in p)


@pytest.mark.parametrize("p, w, q", TABLE)
def test_orbit_matches_the_fraction_step(p, w, q):
    ref = _reference(p, w, q, 6)
    orbit = ExactOrbit(p, w, q)
    got = _run(orbit, 6)
    assert got == ref
    for bits in (1, 8, 40, 200, _max_bits(ref[-1][0]) - 1, _max_bits(ref[-1][0])):
        assert orbit.denominators_exceed(bits) == (_max_bits(ref[-1][0]) > bits)


def test_a_fixed_point_and_its_1e12_neighbour_are_told_apart():
    w, q = [[F(2), F(1)], [F(1), F(2)]], [F(1, 2), F(1, 2)]
    assert ExactOrbit([F(1, 2), F(1, 2)], w, q).advance() is False
    assert ExactOrbit(_near([F(1, 2), F(1, 2)]), w, q).advance() is True


rationals = st.fractions(min_value=Fraction(1, 50), max_value=7, max_denominator=50)


@st.composite
def setups(draw):
    n, m = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    w = [draw(st.lists(rationals, min_size=n, max_size=n)) for _ in range(m)]
    raw = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
    qraw = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m).filter(any))
    return [F(v, sum(raw)) for v in raw], w, [F(v, sum(qraw)) for v in qraw]


@given(setups())
def test_orbit_matches_the_fraction_step_on_random_setups(setup):
    p, w, q = setup
    assert _run(ExactOrbit(p, w, q), 4) == _reference(p, w, q, 4)


class _Unreduced(_CommonDenominator):
    """Planted: skips the gcd, so p' has the right rationals over a denominator that is not the least."""

    @staticmethod
    def times(p, W):
        T, den = W
        return [a * t for a, t in zip(p[0], T)], den


class _StaleZ(_CommonDenominator):
    """Planted: Z computed on the masses with the first atom dropped (a screen that drops a point)."""

    @staticmethod
    def Z(p, w):
        return [sum(a * b for a, b in zip(p[0][1:], row[1:])) or 1 for row in w]


@pytest.mark.parametrize("planted", [_Unreduced(), _StaleZ()])
def test_planted_wrong_fast_paths_are_caught(planted):
    class Planted(ExactOrbit):
        ctx = planted

    def disagrees(p, w, q):
        try:
            return _run(Planted(p, w, q), 6) != _reference(p, w, q, 6)
        except ZeroDivisionError:  # the planted step lost every mass
            return True

    caught = [p for p, w, q in TABLE if disagrees(p, w, q)]
    assert caught, "a planted wrong common-denominator step agreed with the Fraction step on every setup"


def _big_pairs():
    """Integer pairs around and far past FLINT_GCD_BITS: shared factors, coprime, equal, one a multiple."""
    rng = random.Random(14)
    out = []
    for bits in (step.FLINT_GCD_BITS - 1, step.FLINT_GCD_BITS + 1, 5000, 30000):
        common = rng.getrandbits(bits // 3) | 1
        a, b = rng.getrandbits(bits) | (1 << bits), rng.getrandbits(bits) | (1 << bits)
        out += [(a * common, b * common), (a, a + 1), (a, a), (a, a * b), (a * common, 6 * common)]
    return out


@pytest.mark.parametrize("arb_switch", ["1", "0"])
def test_gcd_and_lowest_terms_agree_with_math_and_fraction(monkeypatch, arb_switch):
    monkeypatch.setenv("PLURALNASH_ARB", arb_switch)
    for a, b in _big_pairs():
        assert _gcd(a, b) == math.gcd(a, b)
        got, want = _lowest_terms(a, b), Fraction(a, b)
        assert (got.numerator, got.denominator) == (want.numerator, want.denominator)


def test_a_planted_gcd_that_skips_big_numbers_is_caught(monkeypatch):
    monkeypatch.setattr(step, "_gcd", lambda a, b: math.gcd(a, b) if a.bit_length() < 4000 else 1)
    wrong = [(a, b) for a, b in _big_pairs() if _lowest_terms(a, b).denominator != Fraction(a, b).denominator]
    assert wrong, "a gcd that skips big numbers left every fraction in lowest terms"


@pytest.mark.parametrize("arb_switch", ["1", "0"])
def test_orbit_past_the_flint_gcd_size_matches_the_fraction_step(monkeypatch, arb_switch):
    monkeypatch.setenv("PLURALNASH_ARB", arb_switch)
    p, w, q = TABLE[1]
    ref = _reference(p, w, q, 12)
    assert _max_bits(ref[-1][0]) > 4 * step.FLINT_GCD_BITS  # the big-integer gcd is exercised
    orbit = ExactOrbit(p, w, q)
    assert _run(orbit, 12) == ref
    assert orbit.denominators_exceed(_max_bits(ref[-1][0]) - 1) and not orbit.denominators_exceed(_max_bits(ref[-1][0]))
