r"""python-flint's arb balls beside ``mpmath.iv``: the one switch, the precision context and the exact
conversions between the two.

Conventions
-----------
An arb ball [m ± r] has an exact binary midpoint m and an exact binary radius r; an ``mpmath.iv``
interval [a, b] has exact binary ends.  Both directions convert without loss of containment:

- :func:`iv_ball`: the ball with m = (a + b)/2 and r = (b - a)/2, both exact (no rounding at all);
- :func:`ball_iv`: the interval [m - r, m + r], each end rounded outward to ``prec`` bits
  (the converter the erf enclosures use).

:func:`available` is the switch every interval engine reads: python-flint importable and the
environment variable ``PLURALNASH_ARB`` not ``0``.  :func:`interval_backend` turns a caller's
``backend=`` (``"arb"``, ``"iv"`` or None for that switch) into the backend to run.  Precision is
explicit: :func:`arb_prec` sets flint's context precision (bits) for a block and restores it after
(flint, like mpmath, keeps one global precision).  python-flint is imported on first use only.
"""

from __future__ import annotations

import functools
import os
from fractions import Fraction
from typing import Any

from mpmath import libmp

from pluralnash.numeric.arith.erf import _ball_to_iv
from pluralnash.numeric.arith.intervals import iv
from pluralnash.theory import InvalidArgument

__all__ = ["flint_module", "available", "interval_backend", "arb_prec", "frac_ball", "iv_ball", "ball_iv",
           "iv_contains", "BACKENDS"]

BACKENDS = ("arb", "iv")


@functools.lru_cache(maxsize=1)
def flint_module():
    """The python-flint module, or None when it is not installed (imported on first use)."""
    try:
        import flint
    except ImportError:  # pragma: no cover - exercised on installs without python-flint
        return None
    return flint


def available() -> bool:
    """python-flint is importable and not turned off with ``PLURALNASH_ARB=0``."""
    return os.environ.get("PLURALNASH_ARB", "1") != "0" and flint_module() is not None


def interval_backend(backend: str | None = None) -> str:
    """``"arb"`` or ``"iv"``: ``backend`` when given, else arb exactly when :func:`available`.

    Examples
    --------
    >>> interval_backend("iv")
    'iv'
    >>> interval_backend() in BACKENDS
    True
    """
    if backend is None:
        return "arb" if available() else "iv"
    if backend not in BACKENDS:
        raise InvalidArgument(f"backend={backend!r} must be 'arb' (python-flint balls) or 'iv' (mpmath.iv); "
                              f"pass one of them or None for arb when python-flint is installed")
    if backend == "arb" and flint_module() is None:
        raise InvalidArgument("backend='arb' needs python-flint, which is not installed; "
                              "pip install 'pluralnash[arb]' or pass backend='iv'")
    return backend


class arb_prec:
    """flint's context precision set to ``bits`` for a block, restored after (a plain class: the steps
    enter it several times per step, where a generator-based context manager costs more than the work)."""

    __slots__ = ("bits", "saved")

    def __init__(self, bits: int):
        self.bits = bits

    def __enter__(self) -> None:
        ctx = flint_module().ctx
        self.saved = ctx.prec
        ctx.prec = self.bits

    def __exit__(self, *exc: Any) -> None:
        flint_module().ctx.prec = self.saved


def frac_ball(x: Fraction) -> Any:
    """A ball containing the rational ``x`` (rounded at flint's context precision; exact when dyadic)."""
    flint = flint_module()
    x = Fraction(x)
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def _raw_int_pair(raw) -> tuple[int, int]:
    sign, man, exp, _ = raw
    return (-int(man) if sign else int(man)), int(exp)


def iv_ball(x) -> Any:
    """The ball [m ± r] holding exactly the ``mpmath.iv`` interval ``x`` = [a, b] (m, r exact; ±inf for an
    unbounded interval).

    Examples
    --------
    >>> from pluralnash.numeric.arith.intervals import iv_workprec
    >>> with iv_workprec(40):
    ...     x = iv.mpf(1) / 3
    ...     back = ball_iv(iv_ball(x), 40)
    >>> (back.a, back.b) == (x.a, x.b)
    True
    """
    flint = flint_module()
    a, b = x._mpi_
    if any(v in (libmp.finf, libmp.fninf, libmp.fnan) for v in (a, b)):
        return flint.arb(0, "inf")
    mid = libmp.mpf_shift(libmp.mpf_add(a, b, 0), -1)  # precision 0: exact
    rad = libmp.mpf_shift(libmp.mpf_sub(b, a, 0), -1)
    return flint.arb(_raw_int_pair(mid), _raw_int_pair(rad))


def ball_iv(ball, prec: int, *, radius: bool = True):
    """The ball as an ``mpmath.iv`` interval [m - r, m + r], ends rounded outward to ``prec`` bits.

    ``radius=False`` drops the radius: a deliberately wrong variant the tests must catch.  A ball
    that is not finite (nan, or an infinite radius) becomes [-inf, +inf].
    """
    if not ball.is_finite():
        return iv.make_mpf((libmp.fninf, libmp.finf))
    return _ball_to_iv(ball, prec, radius=radius)


def _raw_fraction(raw) -> Fraction:
    sign, man, exp, _ = raw
    return (-1) ** sign * Fraction(int(man)) * Fraction(2) ** int(exp)


def iv_contains(x, value) -> bool:
    """Whether the finite ``mpmath.iv`` interval ``x`` contains the rational ``value``, decided exactly.

    Examples
    --------
    >>> iv_contains(iv.mpf([1, 2]), Fraction(3, 2)), iv_contains(iv.mpf([1, 2]), Fraction(5, 2))
    (True, False)
    """
    a, b = x._mpi_
    return _raw_fraction(a) <= Fraction(value) <= _raw_fraction(b)
