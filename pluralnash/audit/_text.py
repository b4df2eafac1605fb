"""Numbers as the audit's flags and tables print them (display only; every decision is made before)."""

from __future__ import annotations

from fractions import Fraction

from pluralnash.numeric.arith.format import fixed_text, general_text, nstr_at


def _s(x, digits: int = 4) -> str:
    """Fixed-point rendering with ``digits`` decimals (display only)."""
    return "-" if x is None else fixed_text(x, digits)


def _e(x, digits: int = 2) -> str:
    """``digits + 1`` significant digits, in e-notation below 0.1 (display only)."""
    return "-" if x is None else nstr_at(x, digits + 1, min_fixed=1, max_fixed=0)


def _frac_str(x: Fraction) -> str:
    return general_text(x, 6)
