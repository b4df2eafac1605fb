r"""An exact rational as a number of another arithmetic: one conversion for mpf, interval and ball types.

``frac_mpf(x, number)`` is ``number(x.numerator) / x.denominator``: the numerator is made a number
of the target arithmetic (``mpmath.mpf`` by default; ``mpmath.iv.mpf``, a context's ``ctx.mpf`` or
python-flint's ``arb`` alike) and divided by the integer denominator in that arithmetic, at its
working precision.  For ``mpmath.mpf`` that is one rounded division (exact when the numerator fits
the precision); for intervals and balls the result encloses x.

Examples
--------
>>> import mpmath
>>> from fractions import Fraction
>>> with mpmath.workdps(20):
...     print(frac_mpf(Fraction(1, 3)))
0.33333333333333333333
>>> frac_mpf(Fraction(3, 4), mpmath.iv.mpf) == mpmath.iv.mpf("0.75")
True
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

__all__ = ["frac_mpf", "over_common_denominator"]


def frac_mpf(x: Fraction, number: Callable[[int], Any] = mpmath.mpf) -> Any:
    """``number(x.numerator) / x.denominator``: the rational x in the arithmetic of ``number``, at its
    working precision (see the module docstring)."""
    return number(x.numerator) / x.denominator


def over_common_denominator(values: Sequence[Fraction | int]) -> tuple[list[int], int]:
    """(a, D) with values[k] = a[k] / D, D the least common denominator: exact sums and products of the
    values become integer ones, with no gcd per operation.

    >>> over_common_denominator([Fraction(1, 2), Fraction(1, 3), 1])
    ([3, 2, 6], 6)
    """
    D = math.lcm(*(v.denominator for v in values))
    return [v.numerator * (D // v.denominator) for v in values], D
