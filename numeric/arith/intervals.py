"""Interval-arithmetic helpers (mpmath.iv) with explicit, restored precision."""

from __future__ import annotations

import contextlib
from fractions import Fraction
from typing import Callable, Iterator

import mpmath

from pluralnash.numeric.arith.rational import frac_mpf

iv = mpmath.iv


@contextlib.contextmanager
def iv_workprec(prec: int) -> Iterator[None]:
    """Set mpmath.iv's working precision (bits) for a block and restore it after."""
    saved = iv.prec
    iv.prec = prec
    try:
        yield
    finally:
        iv.prec = saved


def iv_frac(x: Fraction):
    """A tight interval enclosing the rational x (exact when x is dyadic)."""
    return frac_mpf(x, iv.mpf)


def iv_exact(x):
    """An interval enclosing the exact value of ``x``, whatever mpmath's global precision.

    Fractions and ints are rounded outward at ``iv.prec``; an ``mpf`` is taken bit for bit (its
    mantissa is exact, so it is never re-rounded through ``mp.prec``); intervals pass through;
    decimal strings are enclosed outward.  Use this, never ``iv.mpf(mpmath.mpf(x))``, for a value
    that is about to be enclosed: ``mpmath.mpf(x)`` rounds to the global ``mp.prec`` to nearest.
    """
    if isinstance(x, iv.mpf):
        return x
    if isinstance(x, Fraction):
        return iv_frac(x)
    if isinstance(x, bool) or not isinstance(x, (int, str, mpmath.mpf)):
        raise TypeError(f"iv_exact takes a Fraction, int, decimal string, mpf or interval, not {type(x).__name__}")
    return iv.mpf(x)


def decide_growing(decide: Callable[[], object], *, start: int = 64, limit: int = 4096) -> object:
    """Run ``decide()`` at ``start``, 2·start, ... up to ``limit`` bits of ``iv`` precision and return its
    first answer that is not None; None if every precision left it undecided.

    The one loop behind every "decide an order at growing precision" (:func:`decide_less`,
    :func:`pluralnash.numeric.arith.real.compare`): ``decide`` evaluates its interval thunks inside
    the precision context and returns None while the enclosures still overlap.
    """
    prec = start
    while prec <= limit:
        with iv_workprec(prec):
            answer = decide()
        if answer is not None:
            return answer
        prec *= 2
    return None


def decide_less(lhs: Callable[[], object], rhs: Callable[[], object], *, start: int = 64,
                limit: int = 4096) -> bool | None:
    """Decide lhs < rhs with intervals of doubling precision; None if undecided at ``limit`` bits.

    ``lhs`` and ``rhs`` are thunks evaluated inside the precision context.
    """
    def decide() -> bool | None:
        a, b = lhs(), rhs()
        if a.b < b.a:
            return True
        if a.a >= b.b:
            return False
        return None
    return decide_growing(decide, start=start, limit=limit)


def sign_of(x) -> int | None:
    """Sign of an exact Fraction, or of an interval when it excludes 0 or is exactly [0, 0] (None when
    undecided)."""
    if isinstance(x, Fraction):
        return (x > 0) - (x < 0)
    if x.a > 0:
        return 1
    if x.b < 0:
        return -1
    if x.a == 0 and x.b == 0:
        return 0
    return None
