r"""Numbers as text: one home for every number-to-text job of the toolkit.

Conventions
-----------
- An exact number (``Fraction``) is shown exactly as ``p/q`` while it is short; a long one, or an
  mpf, as a decimal of ``digits`` significant digits (mpmath's ``nstr``).
- ``work`` is the working precision (decimal digits) at which a value is converted before it is
  printed; ``None`` keeps the caller's precision.  A ``Fraction`` is converted by
  :func:`pluralnash.numeric.arith.rational.frac_mpf` (one rounded division).
- An interval enclosure ``[lo, hi]`` is shown with both ends rounded *outward*, exactly in
  decimal, at the fewest digits (at least 6) at which the two ends differ, so a narrow certified
  enclosure never looks like a point (:func:`enclosure_text`, :func:`decimal_text`).
- Report and table cells that are display only use Python's float formats
  (:func:`fixed_text`, :func:`general_text`).

Examples
--------
>>> from fractions import Fraction
>>> number_text(Fraction(1, 3), 10)
'1/3'
>>> number_text(Fraction(1, 3), 10, work=20, max_den=3)
'0.3333333333'
>>> decimal_text(Fraction(2, 3), 4, down=False)
'0.6667'
>>> general_text(Fraction(1, 7))
'0.142857'
"""

from __future__ import annotations

import decimal
import json
import math
from contextlib import nullcontext
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import libmp

from pluralnash.numeric.arith.rational import frac_mpf

__all__ = [
    "nstr_at", "number_text", "midpoint_text", "decimal_text", "enclosure_text", "fixed_text", "general_text",
    "value_text", "outward_text", "directed_text", "clip_text",
]


def nstr_at(v: Any, digits: int, work: int | None = None, **options: Any) -> str:
    """``mpmath.nstr(v, digits, **options)``, ``v`` converted at ``work`` digits (a Fraction by
    ``frac_mpf``); ``work=None`` keeps the current precision."""
    with mpmath.workdps(work) if work is not None else nullcontext():
        return mpmath.nstr(frac_mpf(v) if isinstance(v, Fraction) else v, digits, **options)


def number_text(v: Any, digits: int, *, work: int | None = None, max_den: int | None = None,
                max_num: int | None = None) -> str:
    """A Fraction exactly as ``p/q`` (while its denominator is below ``max_den`` and its numerator
    below ``max_num`` in absolute value, when these are given), anything else by :func:`nstr_at`."""
    if isinstance(v, Fraction) and (max_den is None or v.denominator < max_den) and \
            (max_num is None or abs(v.numerator) < max_num):
        return str(v)
    return nstr_at(v, digits, work)


def midpoint_text(x: Any, digits: int, work: int) -> str:
    """An ``mpmath.iv`` interval by the ``digits``-digit decimal of its midpoint, taken at ``work`` digits."""
    with mpmath.workdps(work):
        return mpmath.nstr(mpmath.mpf(x.mid), digits)


def fixed_text(x: Any, decimals: int) -> str:
    """Fixed point with ``decimals`` decimals through a float (display only); a Fraction is first an mpf."""
    if isinstance(x, Fraction):
        x = frac_mpf(x)
    return f"{float(x):.{decimals}f}"


def general_text(x: Any, digits: int = 6) -> str:
    """``digits`` significant digits through a float, Python's ``g`` format (display only)."""
    return f"{float(x):.{digits}g}"


def value_text(value: Any) -> str:
    """A JSON-ready value as text: strings bare, lists and dicts as compact JSON, anything else by ``str``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


# ----------------------------------------------------------------------------------------------
# exact decimals and outward-rounded enclosures


def enclosure_text(lo: Any, hi: Any, *, min_digits: int = 6, max_digits: int = 60) -> str:
    r"""``[lo, hi]`` at one digit more than the fewest significant digits (at least ``min_digits``)
    at which the two ends, rounded to nearest, differ; shown rounded outward (exactly, in decimal),
    so the printed interval contains the enclosure.

    Examples
    --------
    >>> enclosure_text(Fraction(1, 3), Fraction(1, 3) + Fraction(1, 10**12))
    '[0.3333333333333, 0.3333333333344]'
    >>> enclosure_text("1.5", "2.5")
    '[1.5, 2.5]'
    >>> enclosure_text(Fraction(2, 7), Fraction(2, 7))
    '2/7 (exact)'
    """
    if isinstance(lo, Fraction) and lo == hi:
        return f"{lo} (exact)"
    ctx = None if all(isinstance(v, (Fraction, int, str)) for v in (lo, hi)) else mpmath.mp.clone()  # only mpf reads it
    if ctx is not None:
        ctx.dps = max_digits + 20
    a, b = exact_value(lo, ctx), exact_value(hi, ctx)
    if a == b:
        return f"{decimal_text(a, max_digits, down=True)} (a point)"
    for digits in range(min_digits, max_digits + 1):
        if decimal_text(a, digits) != decimal_text(b, digits):
            return f"[{decimal_text(a, digits + 1, down=True)}, {decimal_text(b, digits + 1, down=False)}]"
    return f"[{decimal_text(a, max_digits, down=True)}, {decimal_text(b, max_digits, down=False)}]"


def exact_value(x: Any, ctx) -> Fraction:
    """The exact value of a Fraction, int, decimal string or mpf (an mpf read through ``ctx``)."""
    if isinstance(x, (Fraction, int)):
        return Fraction(x)
    if isinstance(x, str):
        return Fraction(x)
    man, exp = ctx.mpf(x).man_exp
    return Fraction(int(man)) * Fraction(2) ** int(exp)


def decimal_text(x: Fraction, digits: int, down: bool | None = None) -> str:
    """``x`` to ``digits`` significant digits: to nearest (``down=None``), down or up, exactly."""
    if x == 0:
        return "0"
    e10 = len(str(abs(x.numerator))) - len(str(x.denominator))
    while Fraction(10) ** e10 > abs(x):
        e10 -= 1
    while Fraction(10) ** (e10 + 1) <= abs(x):
        e10 += 1
    power = e10 - digits + 1
    scaled = x / Fraction(10) ** power
    if down is None:
        k = round(scaled)
    else:
        k = scaled.numerator // scaled.denominator
        if not down and k != scaled:
            k += 1
    exact = decimal.Context(prec=digits + 2)  # k has `digits` digits: scaling it is exact
    value = decimal.Decimal(k).scaleb(power, context=exact).normalize(context=exact)
    text = str(value)
    if "E" in text and -8 <= e10 <= 15:  # plain notation for everyday magnitudes
        text = format(value, "f")
    return text


def outward_text(raw: tuple, up: bool, digits: int = 17) -> str:
    """A raw mpf (``x._mpf_``) rounded outward (down, or ``up``) to ``digits`` significant decimals in
    scientific notation (``3.3333e-1``), decided exactly."""
    if raw in (libmp.finf, libmp.fninf, libmp.fnan):
        return str(mpmath.mpf(raw))
    sign, man, exp, _ = raw
    if man == 0:
        return "0"
    exact = _raw_fraction(raw)
    e = math.floor((exp + man.bit_length()) * math.log10(2)) - digits + 1
    scaled = exact / Fraction(10) ** e
    k = math.ceil(scaled) if up else math.floor(scaled)
    text = str(abs(k))
    return f"{'-' if k < 0 else ''}{text[0]}.{text[1:]}e{e + len(text) - 1}"


def directed_text(raw: tuple, up: bool, digits: int = 12, work: int = 20) -> str:
    """A raw mpf (``x._mpf_``) as nstr's ``digits``-digit text, stepped outward (``up``, or down) at ``work``
    digits until the printed number bounds it."""
    with mpmath.workdps(work):
        v = mpmath.mp.make_mpf(raw)  # exact: the raw tuple is taken as it is, never re-rounded
        text = mpmath.nstr(v, digits)
        if not mpmath.isfinite(v):
            return text
        exact = _raw_fraction(raw)
        step = abs(v) * mpmath.mpf(10) ** -(digits - 1)
        while (Fraction(text) < exact) if up else (Fraction(text) > exact):
            v = v + step if up else v - step
            text = mpmath.nstr(v, digits)
        return text


def _raw_fraction(raw: tuple) -> Fraction:
    """The exact value of a finite raw mpf tuple (sign, mantissa, exponent, bits)."""
    sign, man, exp, _ = raw
    return Fraction(-int(man) if sign else int(man)) * Fraction(2) ** int(exp)


def clip_text(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` characters, the cut marked by ``...`` (the one clip of every layout)."""
    return text if len(text) <= columns else text[: columns - 3] + "..."
