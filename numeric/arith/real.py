r"""Exact-or-interval reals: a number known as a ``Fraction`` or through an interval thunk.

A :class:`Real` stays an exact ``Fraction`` while its arithmetic keeps it rational and becomes an
interval thunk (``mpmath.iv``) as soon as it touches an interval, an exponential or a logarithm.
:func:`compare` decides the order of two reals exactly, or with intervals of growing precision
(:func:`pluralnash.numeric.arith.intervals.decide_growing`); equality is claimed only exactly.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

import mpmath

from pluralnash.numeric.arith.format import number_text
from pluralnash.numeric.arith.intervals import decide_growing, iv, iv_frac, iv_workprec
from pluralnash.theory import InvalidArgument

__all__ = ["Real", "compare"]

_SHOW_PREC = 128


class Real:
    r"""A real number known exactly (a ``Fraction``) or through an interval thunk.

    The thunk is evaluated at the current ``mpmath.iv`` precision, so :func:`compare` can
    re-evaluate it with more bits until an order is decided.  Arithmetic between exact values
    stays exact; anything touching an interval becomes an interval thunk.

    Examples
    --------
    >>> x = Real(Fraction(1, 3)) + 1
    >>> x.exact
    Fraction(4, 3)
    >>> compare(Real.exp(Real(Fraction(1, 10))), Fraction(11, 10))
    (1, 'interval')
    """

    __slots__ = ("exact", "_thunk")

    def __init__(self, exact: Any = None, thunk: Callable[[], Any] | None = None):
        if exact is None and thunk is None:
            raise InvalidArgument("Real() needs exact= or thunk=; pass a Fraction or an interval thunk")
        self.exact = Fraction(exact) if exact is not None else None
        self._thunk = thunk

    @classmethod
    def of(cls, x: Any) -> "Real":
        """Wrap a Fraction, int, Real or ``iv.mpf`` interval."""
        if isinstance(x, Real):
            return x
        if isinstance(x, (int, Fraction)) and not isinstance(x, bool):
            return cls(Fraction(x))
        if isinstance(x, iv.mpf):
            fixed = x
            return cls(thunk=lambda: fixed)
        raise InvalidArgument(f"value={x!r} of type {type(x).__name__} is not a number Real can hold; "
                              f"pass a Fraction or an mpmath.iv interval")

    @property
    def is_exact(self) -> bool:
        return self.exact is not None

    def iv(self):
        """The enclosure at the current interval precision."""
        return iv_frac(self.exact) if self.exact is not None else self._thunk()

    def _binary(self, other: Any, op: Callable[[Any, Any], Any]) -> "Real":
        o = Real.of(other)
        if self.exact is not None and o.exact is not None:
            return Real(op(self.exact, o.exact))
        return Real(thunk=lambda: op(self.iv(), o.iv()))

    def __add__(self, other): return self._binary(other, lambda a, b: a + b)
    def __radd__(self, other): return Real.of(other)._binary(self, lambda a, b: a + b)
    def __sub__(self, other): return self._binary(other, lambda a, b: a - b)
    def __rsub__(self, other): return Real.of(other)._binary(self, lambda a, b: a - b)
    def __mul__(self, other): return self._binary(other, lambda a, b: a * b)
    def __rmul__(self, other): return Real.of(other)._binary(self, lambda a, b: a * b)
    def __truediv__(self, other): return self._binary(other, lambda a, b: a / b)
    def __rtruediv__(self, other): return Real.of(other)._binary(self, lambda a, b: a / b)

    def __neg__(self) -> "Real":
        return Real(-self.exact) if self.exact is not None else Real(thunk=lambda: -self.iv())

    def __pow__(self, k: int) -> "Real":
        if not isinstance(k, int) or isinstance(k, bool):
            raise InvalidArgument(f"k={k!r} must be an int power")
        return Real(self.exact ** k) if self.exact is not None else Real(thunk=lambda: self.iv() ** k)

    @staticmethod
    def _elementary(x: Any, fn: Callable[[Any], Any], exact_at: int, exact_value: int) -> "Real":
        """fn(x) as an interval thunk, except the one exact point ``fn(exact_at) = exact_value``."""
        x = Real.of(x)
        if x.exact == exact_at:
            return Real(Fraction(exact_value))
        return Real(thunk=lambda: fn(x.iv()))

    @staticmethod
    def exp(x: Any) -> "Real":
        return Real._elementary(x, iv.exp, 0, 1)

    @staticmethod
    def log(x: Any) -> "Real":
        return Real._elementary(x, iv.log, 1, 0)

    @staticmethod
    def max(a: Any, b: Any) -> "Real":
        """The larger of two reals: one of them when their order is decided (so an exact end such as
        the 0 of max{0, x} stays exact), else the interval hull of the maxima."""
        a, b = Real.of(a), Real.of(b)
        if a.exact is not None and b.exact is not None:
            return Real(max(a.exact, b.exact))
        s, _ = compare(a, b, limit=256)
        if s is not None:
            return a if s > 0 else b

        def thunk():
            I, J = a.iv(), b.iv()
            return iv.mpf([max(I.a, J.a), max(I.b, J.b)])
        return Real(thunk=thunk)

    @staticmethod
    def min(a: Any, b: Any) -> "Real":
        return -Real.max(-Real.of(a), -Real.of(b))

    def bounds(self, prec: int = _SHOW_PREC) -> tuple[mpmath.mpf, mpmath.mpf]:
        """Lower and upper bound as mpf at ``prec`` bits."""
        with iv_workprec(prec):
            I = self.iv()
            return _lo(I), _hi(I)

    def to_float(self) -> float:
        if self.exact is not None:
            return float(self.exact)
        lo, hi = self.bounds()
        return float((lo + hi) / 2)

    def text(self, digits: int = 15) -> str:
        """Exact fraction when short, else a decimal (``~`` marks an interval midpoint)."""
        if self.exact is not None:
            return number_text(self.exact, digits, work=digits + 5, max_den=10**12, max_num=10**15)
        try:
            lo, hi = self.bounds()
        except (ZeroDivisionError, ValueError):
            return "undefined"
        with mpmath.workdps(digits + 5):
            return "~" + mpmath.nstr((lo + hi) / 2, digits)

    def __repr__(self) -> str:
        return f"Real({self.text()})"

    def __bool__(self) -> bool:
        raise TypeError("a Real has no truth value; use compare(a, b)")


def compare(a: Any, b: Any, *, start: int = 64, limit: int = 1024) -> tuple[int | None, str]:
    r"""Decide the order of two reals: ``(sign of a - b, method)``; sign ``None`` when undecided.

    Exact values compare exactly (sign 0 possible); otherwise intervals at ``start``, 2·start, ...
    up to ``limit`` bits decide a strict order, and equality is never claimed.
    """
    a, b = Real.of(a), Real.of(b)
    if a.exact is not None and b.exact is not None:
        d = a.exact - b.exact
        return (d > 0) - (d < 0), "exact"

    def decide() -> int | None:
        try:
            I, J = a.iv(), b.iv()
        except (ZeroDivisionError, ValueError):
            return None
        if not (mpmath.isfinite(I.a) and mpmath.isfinite(I.b) and mpmath.isfinite(J.a) and mpmath.isfinite(J.b)):
            return None
        if I.b < J.a:
            return -1
        if I.a > J.b:
            return 1
        return None
    return decide_growing(decide, start=start, limit=limit), "interval"


def _lo(x) -> mpmath.mpf:
    """The exact lower endpoint of an interval (``mpmath.mpf(x.a)`` would round to 53 bits)."""
    return mpmath.mp.make_mpf(x._mpi_[0])


def _hi(x) -> mpmath.mpf:
    """The exact upper endpoint of an interval."""
    return mpmath.mp.make_mpf(x._mpi_[1])

