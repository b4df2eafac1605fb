"""Rigorous erf/erfc enclosures: they contain far more precise values, are tight, and a planted
truncation without its remainder is caught by the same containment check.  Every containment
test runs on both backends (the pure-Python series always; arb when python-flint is installed),
and a planted arb conversion that drops the ball's radius is caught the same way."""

import doctest
from fractions import Fraction

import mpmath
import pytest
from hypothesis import example, given, note, strategies as st, target

from pluralnash.numeric.arith import erf as ie
from pluralnash.numeric.arith.erf import erf_enclosure, erfc_enclosure, erfc_sqrt_enclosure, erfc_surd_enclosure
from pluralnash.numeric.arith.intervals import iv
from pluralnash.theory import InvalidArgument

flint = ie._flint()
BACKENDS = ["python", pytest.param("arb", marks=pytest.mark.skipif(flint is None, reason="python-flint not installed"))]


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


@pytest.mark.parametrize("backend", BACKENDS)
@given(x=points, prec=precisions)
@example(x=Fraction(0), prec=53)
@example(x=Fraction(9, 1), prec=200)          # near the switch to the asymptotic series
@example(x=Fraction(-27, 2), prec=113)
@example(x=Fraction(1, 10**6), prec=333)
def test_point_enclosures_contain_the_value_and_are_tight(backend, x, prec):
    note(f"x={x}, prec={prec}")
    dps = int(prec * 0.30103)
    for fn, enclose in (("erf", erf_enclosure), ("erfc", erfc_enclosure)):
        enc = enclose(x, prec=prec, backend=backend)
        ref = _reference(fn, x, prec)
        assert _contains(enc, ref), (fn, x, prec)
        if ref != 0:
            w = _rel_width(enc, ref)
            target(float(mpmath.log10(w + mpmath.mpf(10) ** -400)), label=fn)
            assert w < mpmath.mpf(10) ** -(dps - 5), (fn, x, prec, w)


@pytest.mark.parametrize("backend", BACKENDS)
@given(a=points, b=points, prec=precisions)
@example(a=Fraction(7, 3), b=Fraction(7, 3) + Fraction(1, 10**40), prec=113)   # narrow: mean-value form
def test_interval_arguments_enclose_every_point(backend, a, b, prec):
    a, b = min(a, b), max(a, b)
    x = iv.mpf(a.numerator) / a.denominator
    x = iv.mpf([x.a, (iv.mpf(b.numerator) / b.denominator).b])
    for fn, enclose in (("erf", erf_enclosure), ("erfc", erfc_enclosure)):
        enc = enclose(x, prec=prec, backend=backend)
        for p in (a, b, (a + b) / 2):
            assert _contains(enc, _reference(fn, p, prec)), (fn, p)


@pytest.mark.parametrize("backend", BACKENDS)
@given(x2=st.fractions(min_value=0, max_value=3000, max_denominator=10**4), prec=precisions)
@example(x2=Fraction(0), prec=53)
@example(x2=Fraction(1, 3), prec=333)
@example(x2=Fraction(29999, 10), prec=333)      # far tail: the sqrt ball's radius is magnified ~2x²
def test_erfc_of_a_square_root_of_a_rational(backend, x2, prec):
    enc = erfc_sqrt_enclosure(x2, prec=prec, backend=backend)
    with mpmath.workprec(3 * prec + 200):
        ref = mpmath.erfc(mpmath.sqrt(mpmath.mpf(x2.numerator) / x2.denominator))
    assert _contains(enc, ref)
    assert _rel_width(enc, ref) < mpmath.mpf(10) ** -(int(prec * 0.30103) - 5)


@pytest.mark.parametrize("backend", BACKENDS)
@given(s=st.fractions(min_value=0, max_value=200, max_denominator=50),
       a=st.fractions(min_value=-20, max_value=20, max_denominator=10**3),
       b=st.sampled_from([-1, 0, 1]), R=st.fractions(min_value=0, max_value=4, max_denominator=100), prec=precisions)
@example(s=Fraction(3), a=Fraction(1, 4), b=-1, R=Fraction(1, 16), prec=113)     # u = 0 exactly
@example(s=Fraction(101), a=Fraction(-99, 20), b=1, R=Fraction(1, 10), prec=333)  # far tail
def test_erfc_at_a_surd_contains_the_value_and_is_tight(backend, s, a, b, R, prec):
    enc = erfc_surd_enclosure(s, a, b, R, prec=prec, backend=backend)
    with mpmath.workprec(3 * prec + 200):
        frac = lambda v: mpmath.mpf(v.numerator) / v.denominator   # noqa: E731
        u = mpmath.sqrt(frac(s)) * abs(frac(a) + b * mpmath.sqrt(frac(R)))
        ref = mpmath.erfc(u)
    note(f"u={mpmath.nstr(u, 8)}")
    assert _contains(enc, ref)
    # sqrt(s) and ρ are rounded to prec bits before erfc magnifies them (by ~2u² in the tail)
    assert _rel_width(enc, ref) < mpmath.mpf(2) ** -(prec - 24)


@pytest.mark.parametrize("backend", BACKENDS)
def test_infinite_endpoints_and_far_tails(backend):
    whole = iv.mpf(["-inf", "inf"])
    assert erf_enclosure(whole, prec=64, backend=backend) == iv.mpf([-1, 1])
    assert erfc_enclosure(whole, prec=64, backend=backend) == iv.mpf([0, 2])
    enc = erfc_enclosure(Fraction(200), prec=113, backend=backend)   # ~1e-17374: relative accuracy kept
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


@pytest.mark.skipif(flint is None, reason="python-flint not installed")
@pytest.mark.parametrize("fn, x", [("erf", Fraction(1, 3)), ("erfc", Fraction(5, 2)), ("erfc", Fraction(-7, 4)),
                                   ("erf", Fraction(-11, 8))])
def test_planted_arb_conversion_without_the_radius_is_caught(fn, x):
    # the ball at 113 bits, converted at 400: only the radius (not the rounding) can cover the error
    saved, flint.ctx.prec = flint.ctx.prec, 113
    try:
        ball = getattr(flint.arb(x.numerator) / x.denominator, fn)()
    finally:
        flint.ctx.prec = saved
    ref = _reference(fn, x, 400)
    assert not ball.is_exact()
    assert _contains(ie._ball_to_iv(ball, 400), ref)                      # mid ± rad, rounded outward
    assert not _contains(ie._ball_to_iv(ball, 400, radius=False), ref)    # the same check rejects mid alone


def test_backend_selection(monkeypatch):
    monkeypatch.setattr(ie, "BACKEND", None)
    monkeypatch.setenv("PLURALNASH_ARB", "0")
    assert ie.erf_backend() == "python" and ie.erf_backend("python") == "python"
    monkeypatch.setenv("PLURALNASH_ARB", "auto")
    assert ie.erf_backend() == ("arb" if flint else "python")
    monkeypatch.setattr(ie, "BACKEND", "python")
    assert ie.erf_backend() == "python"


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
    (lambda: erf_enclosure(1, prec=53, backend="flint"), "backend='flint' must be 'arb' or 'python'"),
    (lambda: erfc_surd_enclosure(Fraction(-1), 0, 1, 1, prec=53), "s=Fraction(-1, 1) must be an exact rational >= 0"),
    (lambda: erfc_surd_enclosure(1, 0, 1, 0.25, prec=53), "R=0.25 must be an exact rational >= 0"),
    (lambda: erfc_surd_enclosure(1, 0.5, 1, 1, prec=53), "a=0.5, b=1 must be an exact rational and an int"),
    (lambda: erfc_sqrt_enclosure(1, prec=53, backend=1), "backend=1 must be 'arb' or 'python'"),
    (lambda: _with_environment("PLURALNASH_ARB", "yes"), "PLURALNASH_ARB='yes' must be 0"),
    (lambda: _without_flint(lambda: erf_enclosure(1, prec=53, backend="arb")), "backend='arb' needs python-flint"),
    (lambda: _without_flint(lambda: _with_environment("PLURALNASH_ARB", "1")), "PLURALNASH_ARB=1 needs python-flint"),
]


def _with_environment(name, value):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ie, "BACKEND", None)
        mp.setenv(name, value)
        return erf_enclosure(1, prec=53)


def _without_flint(make):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ie, "_flint", lambda: None)
        ie._from_environment.cache_clear()
        try:
            return make()
        finally:
            ie._from_environment.cache_clear()


@pytest.mark.parametrize("make, message", BAD, ids=[m for _, m in BAD])
def test_bad_arguments(make, message):
    with pytest.raises(InvalidArgument) as info:
        make()
    assert message in str(info.value)


def test_doctests():
    result = doctest.testmod(ie, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
