"""Assumption B.4's fast paths (endpoint comparisons, one exact conversion) against the plain ones."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.outside_scan import _at_least_one
from pluralnash.numeric.model.landscape import to_fraction
from pluralnash.numeric.premises.run_premises import _exact_max
from pluralnash.theory import InvalidArgument

TINY = Fraction(1, 10 ** 12)
ENDS = [Fraction(1) - TINY, Fraction(1), Fraction(1) + TINY, Fraction(1, 2), Fraction(2), 1 - TINY / 10 ** 8]


def _intervals(prec):
    with iv_workprec(prec):
        out = [iv_frac(a) for a in ENDS]
        out += [iv.mpf([iv_frac(a).a, iv_frac(b).b]) for a in ENDS for b in ENDS if a <= b]
    return out


def _plain_at_least_one(v):
    if isinstance(v, Fraction):
        return v >= 1
    if v.a >= 1:
        return True
    if v.b < 1:
        return False
    return None


def _disagreements(fast):
    values = [*ENDS, *(v for prec in (53, 64, 128, 400) for v in _intervals(prec))]
    return [v for v in values if fast(v) is not _plain_at_least_one(v)]


def test_at_least_one_agrees_with_the_interval_comparisons():
    assert _disagreements(_at_least_one) == []
    got = {_at_least_one(v) for v in _intervals(128)}
    assert got == {True, False, None}  # the table reaches every answer


def test_a_wrong_at_least_one_is_caught():
    def strict(v):  # planted: > where >= is meant (wrong exactly at the boundary 1)
        if isinstance(v, Fraction):
            return v > 1
        return True if v.a > 1 else (False if v.b <= 1 else None)
    assert _disagreements(strict) != []


def _plain_max(values):
    return max(v if isinstance(v, Fraction) else to_fraction(v, "bound") for v in values)


def _tables():
    with mpmath.workprec(400):
        near = [mpmath.mpf(1) - mpmath.mpf(2) ** -k for k in (40, 41, 60, 200, 399)]
    ends = [iv_frac(a).b for a in ENDS] + near
    return [ends, ends[::-1], [*ends, *ENDS], [Fraction(1) - TINY, near[2]], [near[3], near[4]], [Fraction(1, 3)]]


@pytest.mark.parametrize("values", _tables())
def test_exact_max_is_the_max_of_the_exact_values(values):
    assert _exact_max(values) == _plain_max(values)


def test_a_max_taken_in_float64_is_caught():
    def in_float(values):  # planted: the ends compared in float64 (the 2^-200 and 2^-399 gaps vanish)
        best = max(values, key=float)
        return best if isinstance(best, Fraction) else to_fraction(best, "bound")
    assert any(in_float(v) != _plain_max(v) for v in _tables())


def test_an_infinite_end_is_refused_as_before():
    with pytest.raises(InvalidArgument, match="must be finite"):
        _exact_max([mpmath.mpf("inf"), Fraction(1)])
