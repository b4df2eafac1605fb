"""The run-level caches of the continuous engines return what the uncached computation returns, bit for bit.

Each cache is checked on a table of calls that repeats arguments at another precision (the one key a
cache could forget), and a planted cache keyed without the precision is caught by the same check.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import mpmath

from pluralnash.numeric.engines import continuous_integrals as ci
from pluralnash.numeric.engines import continuous_limit as cl

F = Fraction


def _bits(x):
    """The exact content of a result: an mpf's raw tuple (sign, mantissa, exponent, bits), recursively."""
    if isinstance(x, tuple):
        return tuple(_bits(v) for v in x)
    return getattr(x, "_mpf_", x)


def _mismatches(cached, reference, calls):
    """Calls (in order, repeats included) where ``cached`` and ``reference`` differ in value or in bits."""
    out = []
    for args, kwargs in calls:
        a, b = cached(*args, **kwargs), reference(*args, **kwargs)
        if _bits(a) != _bits(b):
            out.append((args, kwargs, a, b))
    return out


def _nc_calls():
    calls = []
    for dps in (20, 45, 20):
        with mpmath.workdps(dps + 15):
            for d, lam, x in ((2, "0", "3"), (3, "1.5", "2.25"), (2, "7.25", "0.5"), (5, "28.5", "30")):
                for upper in (False, True):
                    calls.append(((d, mpmath.mpf(lam), mpmath.mpf(x)), {"dps": dps, "upper": upper}))
    return calls


def _ignoring_dps(fn):
    """Planted: a cache keyed on (d, λ, x, upper) that forgets ``dps``."""
    seen = {}

    def cached(d, lam, x, *, dps=30, upper=False):
        key = (d, lam, x, upper)
        if key not in seen:
            seen[key] = fn(d, lam, x, dps=dps, upper=upper)
        return seen[key]
    return cached


def test_noncentral_chi2_cache_returns_the_uncached_values():
    ci.noncentral_chi2_cdf.cache_clear()
    assert _mismatches(ci.noncentral_chi2_cdf, ci.noncentral_chi2_cdf.__wrapped__, _nc_calls()) == []
    assert ci.noncentral_chi2_cdf.cache_info().hits >= 8  # the repeated calls were served by the cache


def test_a_noncentral_chi2_cache_without_the_precision_is_caught():
    planted = _ignoring_dps(ci.noncentral_chi2_cdf.__wrapped__)
    assert _mismatches(planted, ci.noncentral_chi2_cdf.__wrapped__, _nc_calls()) != []


def _loggamma_reference(a, prec):
    with mpmath.workprec(prec):
        return mpmath.loggamma(a)


def _loggamma_calls():
    return [((a, prec), {}) for prec in (80, 200, 80) for a in (1, 2, 17, mpmath.mpf(3) / 2, mpmath.mpf(41) / 2)]


def test_loggamma_cache_returns_mpmath_values_at_each_precision():
    assert _mismatches(ci._loggamma, _loggamma_reference, _loggamma_calls()) == []
    planted = functools.lru_cache(maxsize=None)(lambda a, prec: _loggamma_reference(a, 80))
    assert _mismatches(planted, _loggamma_reference, _loggamma_calls()) != []


def _bracket_calls():
    return [((F(c), bits), {}) for bits in (64, 128, 64) for c in ("2", "3/2", "9/4", "32")]


def test_curie_weiss_bracket_cache_returns_the_uncached_bisection():
    cl._bracket.cache_clear()
    assert _mismatches(cl._bracket, cl._bracket.__wrapped__, _bracket_calls()) == []
    assert cl.curie_weiss_root(F(2), prec=64) == cl._bracket.__wrapped__(F(2), 64)
    planted = functools.lru_cache(maxsize=None)(lambda c, bits: cl._bracket.__wrapped__(c, 64))
    assert _mismatches(planted, cl._bracket.__wrapped__, _bracket_calls()) != []
