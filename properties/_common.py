r"""Argument checks, exact grids and drawing helpers shared by the strategies of
:mod:`pluralnash.properties`.

Definitions and conventions as in :mod:`pluralnash.properties._strategies`: every number is an
exact :class:`fractions.Fraction` with a small denominator, listed simplest first so that a
strategy sampling from a grid shrinks toward its simplest value.  A bad argument raises
:class:`pluralnash.theory.InvalidArgument` naming it.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any, Callable

import mpmath
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import to_fraction
from pluralnash.theory import InvalidArgument

# Largest integer count behind a simplex point: masses are c_k / Σ c with 1 <= c_k <= this.
_MAX_COUNT = 12
# A few large integers d: 1/d and d extend the grids of simple rationals (denominators <= 12).
_LARGE = (16, 20, 25, 32, 40, 50, 64, 80, 100)
# Candidate values of e^{-ε} and ε, simplest first (index 0 is the shrink target).
_EXP_EPS_VALUES = tuple(map(Fraction, ("1/2", "2/3", "3/4", "1/3", "4/5", "9/10", "1/4", "1/10", "99/100")))
_EPS_VALUES = tuple(map(Fraction, ("1", "1/2", "2", "1/4", "3", "1/10")))
# Maxima max_x w_i(x) (exp form) and r_i^* (log form) of the constructed two-basin landscapes.
_EXP_TOPS = tuple(map(Fraction, ("1", "2", "1/2", "3", "1/3", "10")))
_LOG_TOPS = tuple(map(Fraction, ("0", "1", "-1", "2", "-2", "1/2")))
# Extra reward gap beyond a threshold, in log form.
_LOG_STEPS = tuple(map(Fraction, ("1", "1/2", "2", "1/4", "3", "1/10")))


# -- argument validation ------------------------------------------------------------------------


def _check_int(name: str, value: Any, *, at_least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an int; pass a whole number like {name}={max(at_least, 1)}")
    if value < at_least:
        raise InvalidArgument(f"{name}={value} must be >= {at_least}; pass {name}={at_least} or more")
    return value


def _check_range(lo_name: str, lo: Any, hi_name: str, hi: Any, *, at_least: int) -> tuple[int, int]:
    lo = _check_int(lo_name, lo, at_least=at_least)
    hi = _check_int(hi_name, hi, at_least=at_least)
    if hi < lo:
        raise InvalidArgument(
            f"{hi_name}={hi} is below {lo_name}={lo}; pass {hi_name} >= {lo_name}, e.g. {hi_name}={lo}"
        )
    return lo, hi


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False; pass a bool")
    return value


def _check_K(K: Any) -> int | SearchStrategy | None:
    if K is None or isinstance(K, SearchStrategy):
        return K
    if isinstance(K, bool) or not isinstance(K, int):
        raise InvalidArgument(
            f"K={K!r} must be None (large-K regime), an int >= 2 or a strategy of such ints; pass e.g. K=4"
        )
    if K < 2:
        raise InvalidArgument(f"K={K} must be >= 2 (at least two candidates); pass K=2 or more, or K=None")
    return K


def _check_eps(eps: Any, exp_eps: Any, exact: bool) -> tuple[Fraction | None, Fraction | None]:
    if eps is not None and exp_eps is not None:
        raise InvalidArgument(
            f"eps={eps!r} and exp_eps={exp_eps!r} were both given; pass at most one (exp_eps = e^-eps)"
        )
    if exp_eps is not None:
        if not exact:
            raise InvalidArgument(
                f"exp_eps={exp_eps!r} needs exact=True (exp form); pass eps= for exact=False landscapes"
            )
        e = to_fraction(exp_eps, "exp_eps")
        if not 0 < e < 1:
            raise InvalidArgument(f"exp_eps={e} must lie in (0, 1) (it is e^-eps for eps > 0); pass e.g. exp_eps='9/10'")
        return None, e
    if eps is not None:
        if exact:
            raise InvalidArgument(
                f"eps={eps!r} needs exact=False (log form); pass exp_eps= (= e^-eps) for exact=True landscapes"
            )
        e = to_fraction(eps, "eps")
        if e <= 0:
            raise InvalidArgument(f"eps={e} must be > 0; pass a positive basin width like eps='1/2'")
        return e, None
    return None, None


# -- exact grids ----------------------------------------------------------------------------------


def _simplicity(x: Fraction) -> tuple:
    """Sort key putting simple rationals first: 0, 1, -1, 1/2, 2, ..."""
    return (max(abs(x.numerator), x.denominator), x.denominator, x.numerator < 0, abs(x.numerator))


def _log_sign(x: Fraction, b: Fraction) -> int:
    """Sign of log(x) - b for rationals x > 0 and b: exactly, by floats when far apart, else by intervals."""
    if x == 1:
        return (b < 0) - (b > 0)
    if b == 0:
        return (x > 1) - (x < 1)
    diff = math.log(x) - float(b)
    if abs(diff) > 1e-9 * (1 + abs(float(b))):
        return 1 if diff > 0 else -1
    # log x is irrational for rational x != 1, so it never equals b and intervals decide.
    iv = mpmath.iv
    saved = iv.prec
    try:
        prec = 64
        while True:
            iv.prec = prec
            lhs = iv.log(iv.mpf(x.numerator) / x.denominator)
            rhs = iv.mpf(b.numerator) / b.denominator
            if lhs.b < rhs.a:
                return -1
            if lhs.a > rhs.b:
                return 1
            prec *= 2
    finally:
        iv.prec = saved


@functools.lru_cache(maxsize=64)
def _exp_grid(lo: Fraction, hi: Fraction) -> tuple[Fraction, ...]:
    """Simple positive rationals w with lo <= log w <= hi, simplest first."""
    cands = {Fraction(j, d) for d in range(1, 13) for j in range(1, 12 * d + 1)}
    cands |= {Fraction(1, d) for d in _LARGE} | {Fraction(d) for d in _LARGE}
    keep = [w for w in cands if _log_sign(w, lo) >= 0 and _log_sign(w, hi) <= 0]
    return tuple(sorted(keep, key=_simplicity))


@functools.lru_cache(maxsize=64)
def _log_grid(lo: Fraction, hi: Fraction) -> tuple[Fraction, ...]:
    """Simple rationals r in [lo, hi] (denominator <= 4, |r| <= 64, plus both ends), simplest first."""
    cands = {lo, hi}
    for d in range(1, 5):
        start, stop = max(math.ceil(lo * d), -64 * d), min(math.floor(hi * d), 64 * d)
        cands |= {Fraction(j, d) for j in range(start, stop + 1)}
    return tuple(sorted(cands, key=_simplicity))


_RATIOS = tuple(
    sorted({Fraction(j, d) for d in range(1, 13) for j in range(1, d + 1)} | {Fraction(1, d) for d in _LARGE},
           key=_simplicity)
)


def _ratios_below(bound: Fraction) -> tuple[Fraction, ...]:
    """Simple rationals in (0, bound), simplest first; never empty."""
    return tuple(x for x in _RATIOS if x < bound) or (bound / 2,)


# -- shared drawing helpers -------------------------------------------------------------------------


def _draw_simplex(draw: Callable, n: int, *, full_support: bool, keep: tuple[int, ...] = ()) -> tuple[Fraction, ...]:
    """c / Σc for integer counts c; shrinks toward the uniform point.  Without full support some
    entries are zero, never those in ``keep`` and never all of them."""
    counts = [draw(st.integers(1, _MAX_COUNT)) for _ in range(n)]
    if not full_support:
        zero = [draw(st.booleans()) for _ in range(n)]
        for k in keep:
            zero[k] = False
        if all(zero):
            zero[draw(st.integers(0, n - 1))] = False
        counts = [0 if z else c for c, z in zip(counts, zero)]
    total = sum(counts)
    return tuple(Fraction(c, total) for c in counts)


def _draw_K(draw: Callable, K: int | SearchStrategy | None) -> Any:
    return draw(K) if isinstance(K, SearchStrategy) else K

