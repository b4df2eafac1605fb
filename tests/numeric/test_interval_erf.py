"""Rigorous erf/erfc enclosures: they contain far more precise values, are tight, and a planted
truncation without its remainder is caught by the same containment check."""

import doctest
from fractions import Fraction

import mpmath
import pytest
from hypothesis import example, given, note, strategies as st, target

from pluralnash.numeric import _interval_erf as ie
from pluralnash.numeric._interval_erf import erf_enclosure, erfc_enclosure, erfc_sqrt_enclosure
from pluralnash.numeric._intervals import iv
from pluralnash.theory import InvalidArgument


def _reference(fn, x: Fraction, prec: int):
    """fn(x) at 3 prec + 200 bits: far below the enclosures' width (a containment witness)."""
    with mpmath.workprec(3 * prec + 200):
        return getattr(mpmath, fn)(mpmath.mpf(x.numerator) / x.denominator)


def _contains(enc, value) -> bool:
    with mpmath.workprec(max(mpmath.mp.prec, 1000)):
        return bool(mpmath.mpf(enc.a) <= value <= mpmath.mpf(enc.b))


def _rel_width(enc, value):
    with mpmath.workprec(1000):
        return (mpmath.mpf(enc.b) - mpmath.mpf(enc.a)) / abs(value)


def _binary(x: Fraction):
    """The raw mpf of a dyadic rational (exact)."""
    with mpmath.workprec(200):
        return (mpmath.mpf(x.numerator) / x.denominator)._mpf_


points = st.fractions(min_value=-60, max_value=60, max_denominator=10**6)
precisions = st.sampled_from([40, 53, 113, 200, 333])


@given(x=points, prec=precisions)
@example(x=Fraction(0), prec=53)
@example(x=Fraction(9, 1), prec=200)          # near the switch to the asymptotic series
@example(x=Fraction(-27, 2), prec=113)
@example(x=Fraction(1, 10**6), prec=333)
def test_point_enclosures_contain_the_value_and_are_tight(x, prec):
    note(f"x={x}, prec={prec}")
    dps = int(prec * 0.30103)
    for fn, enclose in (("erf", erf_enclosure), ("erfc", erfc_enclosure)):
        enc = enclose(x, prec=prec)
        ref = _reference(fn, x, prec)
        assert _contains(enc, ref), (fn, x, prec)
        if ref != 0:
            w = _rel_width(enc, ref)
            target(float(mpmath.log10(w + mpmath.mpf(10) ** -400)), label=fn)
            assert w < mpmath.mpf(10) ** -(dps - 5), (fn, x, prec, w)


@given(a=points, b=points, prec=precisions)
def test_interval_arguments_enclose_every_point(a, b, prec):
    a, b = min(a, b), max(a, b)
    x = iv.mpf(a.numerator) / a.denominator
    x = iv.mpf([x.a, (iv.mpf(b.numerator) / b.denominator).b])
    for fn, enclose in (("erf", erf_enclosure), ("erfc", erfc_enclosure)):
        enc = enclose(x, prec=prec)
        for p in (a, b, (a + b) / 2):
            assert _contains(enc, _reference(fn, p, prec)), (fn, p)


@given(x2=st.fractions(min_value=0, max_value=3000, max_denominator=10**4), prec=precisions)
@example(x2=Fraction(0), prec=53)
@example(x2=Fraction(1, 3), prec=333)
def test_erfc_of_a_square_root_of_a_rational(x2, prec):
    enc = erfc_sqrt_enclosure(x2, prec=prec)
    with mpmath.workprec(3 * prec + 200):
        ref = mpmath.erfc(mpmath.sqrt(mpmath.mpf(x2.numerator) / x2.denominator))
    assert _contains(enc, ref)
    assert _rel_width(enc, ref) < mpmath.mpf(10) ** -(int(prec * 0.30103) - 5)


def test_infinite_endpoints_and_far_tails():
    whole = iv.mpf(["-inf", "inf"])
    assert erf_enclosure(whole, prec=64) == iv.mpf([-1, 1])
    assert erfc_enclosure(whole, prec=64) == iv.mpf([0, 2])
    enc = erfc_enclosure(Fraction(200), prec=113)       # erfc(200) ~ 1e-17374: relative accuracy kept
    ref = _reference("erfc", Fraction(200), 113)
    assert _contains(enc, ref) and _rel_width(enc, ref) < 1e-30


# ----------------------------------------------------------------------------------------------
# negative controls: the kernels without their remainder terms


def _kernel_check(x: Fraction, wp: int, sums, quantity: str) -> bool:
    """Whether 2^-wp [lo, hi] contains the exact series value (A(x) or √π x e^{x²} erfc x)."""
    lo, hi = sums
    with mpmath.workprec(4 * wp + 200):
        xm = mpmath.mpf(x.numerator) / x.denominator
        if quantity == "taylor":
            true = mpmath.erf(xm) * mpmath.sqrt(mpmath.pi) * mpmath.exp(xm * xm) / (2 * xm)
        else:
            true = mpmath.erfc(xm) * mpmath.sqrt(mpmath.pi) * xm * mpmath.exp(xm * xm)
        return bool(mpmath.mpf(lo) / 2**wp <= true <= mpmath.mpf(hi) / 2**wp)


@pytest.mark.parametrize("x, terms", [(Fraction(5), 4), (Fraction(7, 2), 3), (Fraction(12), 9)])
def test_planted_asymptotic_truncation_without_remainder_is_caught(x, terms):
    P, Q = ie._ratio_squared(_binary(x))
    wp = 120
    honest = ie._asymptotic_sum(P, Q, wp, wp, terms=terms)
    planted = ie._asymptotic_sum(P, Q, wp, wp, terms=terms, remainder=False)
    assert _kernel_check(x, wp, honest, "asymptotic")        # A&S 7.1.24's bound keeps it rigorous
    assert not _kernel_check(x, wp, planted, "asymptotic")   # the same check rejects the truncation


@pytest.mark.parametrize("x, terms", [(Fraction(1, 2), 5), (Fraction(2), 12), (Fraction(3, 10), 3)])
def test_planted_taylor_truncation_without_remainder_is_caught(x, terms):
    P, Q = ie._ratio_squared(_binary(x))
    wp = 120
    assert _kernel_check(x, wp, ie._taylor_sum(P, Q, wp, terms=terms), "taylor")
    assert not _kernel_check(x, wp, ie._taylor_sum(P, Q, wp, terms=terms, remainder=False), "taylor")


def test_asymptotic_series_refuses_an_argument_too_small_for_the_precision():
    P, Q = ie._ratio_squared(mpmath.mpf(2)._mpf_)
    assert ie._asymptotic_sum(P, Q, 200, 200) is None    # terms grow before they reach 2^-200


BAD = [
    (lambda: erf_enclosure(1, prec=5), "prec=5 must be a whole number of bits"),
    (lambda: erfc_enclosure(1, prec=True), "prec=True"),
    (lambda: erf_enclosure([1, 2], prec=53), "x=[1, 2] must be an mpmath.iv interval"),
    (lambda: erf_enclosure(iv.mpf("nan"), prec=53), "NaN endpoint"),
    (lambda: erfc_sqrt_enclosure(Fraction(-1, 2), prec=53), "x2=Fraction(-1, 2) must be an exact rational >= 0"),
    (lambda: erfc_sqrt_enclosure(0.5, prec=53), "x2=0.5 must be an exact rational"),
    (lambda: ie._taylor_sum(*ie._ratio_squared(mpmath.mpf(3)._mpf_), 60, terms=2), "terms=2 stops the series"),
]


@pytest.mark.parametrize("make, message", BAD, ids=[m for _, m in BAD])
def test_bad_arguments(make, message):
    with pytest.raises(InvalidArgument) as info:
        make()
    assert message in str(info.value)


def test_doctests():
    result = doctest.testmod(ie, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
