"""Numbers as the audit's flags and tables print them (display only; every decision is made before)."""

from __future__ import annotations

from fractions import Fraction

import mpmath


def _mp(x: Fraction):
    return mpmath.mpf(x.numerator) / x.denominator


def _s(x, digits: int = 4) -> str:
    """Fixed-point rendering with ``digits`` decimals (display only)."""
    if x is None:
        return "-"
    if isinstance(x, Fraction):
        x = mpmath.mpf(x.numerator) / x.denominator
    return f"{float(x):.{digits}f}"


def _e(x, digits: int = 2) -> str:
    """``digits + 1`` significant digits, in e-notation below 0.1 (display only)."""
    if x is None:
        return "-"
    if isinstance(x, Fraction):
        x = mpmath.mpf(x.numerator) / x.denominator
    return mpmath.nstr(x, digits + 1, min_fixed=1, max_fixed=0)


def _frac_str(x: Fraction) -> str:
    return f"{float(x):.6g}"
