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

from fractions import Fraction
from typing import Any, Callable

import mpmath

__all__ = ["frac_mpf"]


def frac_mpf(x: Fraction, number: Callable[[int], Any] = mpmath.mpf) -> Any:
    """``number(x.numerator) / x.denominator``: the rational x in the arithmetic of ``number``, at its
    working precision (see the module docstring)."""
    return number(x.numerator) / x.denominator
