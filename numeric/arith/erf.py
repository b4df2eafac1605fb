r"""Rigorous enclosures of erf and erfc on ``mpmath.iv`` intervals.

mpmath's interval context is rigorous for + - * / exp sqrt and π, but its ``erf``/``erfc`` are the
point functions, with no proven error bound.  This module encloses them with series whose every
term and remainder are bounded, so the result provably contains erf(x) (erfc(x)) for every x in
the input interval.

Definitions and method (x >= 0; erf(-x) = -erf(x), erfc(-x) = 1 + erf(x))
--------------------------------------------------------------------------
- Positive series ([AS64] 7.1.6):
  erf(x) = (2x/√π) e^{-x²} A(x),  A(x) = Σ_{n>=0} (2x²)^n / (1·3·5···(2n+1)).
  Every term is positive and u_{n+1} = u_n · 2x²/(2n+3), so once r = 2x²/(2N+3) < 1 the tail
  after term N is at most u_N r/(1 - r).  erfc(x) = 1 - erf(x) then cancels about x²/ln 2 bits,
  which are added to the working precision.
- Asymptotic series ([AS64] 7.1.23; the remainder bound is [AS64] 7.1.24, also [DLMF] §7.12(i)):
  erfc(x) = e^{-x²}/(x√π) · (Σ_{n<N} (-1)^n v_n + R_N),  v_n = 1·3···(2n-1)/(2x²)^n.  For real
  x > 0 the remainder R_N is bounded in magnitude by the first omitted term v_N and has its sign,
  so R_N ∈ [0, v_N] for even N and [-v_N, 0] for odd N.  Used when x² is large enough for the
  terms to fall below the target precision before they start growing (N < x² - 1/2).

Both sums run in fixed point on Python integers: each term is carried as a lower and an upper
integer bound (floor and ceiling of an exact rational step), so the sum of the bounds encloses the
exact sum; exp, sqrt and π are then applied in ``mpmath.iv``.  erf is increasing and erfc
decreasing, so an interval argument [a, b] needs only its two endpoints.

Backends
--------
``backend="python"`` is the method above.  ``backend="arb"`` computes the same point values with
python-flint's arb balls (Arb's erf/erfc carry proven error bounds), converted to an ``mpmath.iv``
interval exactly: the ball's midpoint and radius are exact binary numbers, and mid - rad (mid +
rad) is rounded down (up) to ``prec`` bits.  A narrow interval argument is one ball (Arb bounds its
image by the derivative, as the series backend's mean-value form does); a wide one, its two ends.
The default (``backend=None``) is the module setting ``BACKEND`` when it is set, else the
environment variable ``PLURALNASH_ARB``: ``0`` for the pure-Python series, ``1`` to require arb,
unset or ``auto`` for arb when python-flint is importable (``pip install 'pluralnash[arb]'``).
``BACKEND`` holds in its own process; worker processes read ``PLURALNASH_ARB``.  Both backends
give enclosures; their widths differ in the last bits of ``prec``, far below any printed digit.

[AS64] Abramowitz and Stegun, Handbook of Mathematical Functions, §7.1.
[DLMF] NIST Digital Library of Mathematical Functions, §7.12(i).

Python spellings: ``prec`` = bits of the returned interval endpoints; ``wp`` = working bits.
"""

from __future__ import annotations

import functools
import math
import os
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import libmp

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.theory import InvalidArgument

__all__ = ["erf_enclosure", "erfc_enclosure", "erfc_sqrt_enclosure", "erfc_surd_enclosure", "erf_backend", "BACKEND",
           "GUARD_BITS"]

GUARD_BITS = 24
_LN2 = math.log(2)
BACKEND: str | None = None   # "arb", "python", or None: PLURALNASH_ARB decides (see the module docstring)
_BACKENDS = ("arb", "python")


@functools.lru_cache(maxsize=1)
def _flint():
    """The python-flint module, or None when it is not installed."""
    try:
        import flint
    except ImportError:
        return None
    return flint


@functools.lru_cache(maxsize=8)
def _from_environment(value: str | None) -> str:
    if value in (None, "", "auto"):
        return "arb" if _flint() is not None else "python"
    if value == "0":
        return "python"
    if value == "1":
        return _require_arb("PLURALNASH_ARB=1")
    raise InvalidArgument(f"PLURALNASH_ARB={value!r} must be 0 (pure-Python series), 1 (arb) or auto; "
                          "unset it for auto")


def _require_arb(what: str) -> str:
    if _flint() is None:
        raise InvalidArgument(f"{what} needs python-flint, which is not installed; "
                              "pip install 'pluralnash[arb]' or use the pure-Python series (backend='python')")
    return "arb"


def erf_backend(backend: str | None = None) -> str:
    """The backend an enclosure uses: ``backend`` if given, else ``BACKEND``, else ``PLURALNASH_ARB``.

    >>> erf_backend("python")
    'python'
    """
    if backend is None:
        backend = BACKEND
        if backend is None:
            return _from_environment(os.environ.get("PLURALNASH_ARB"))
        what = f"BACKEND={backend!r}"
    else:
        what = f"backend={backend!r}"
    if backend not in _BACKENDS:
        raise InvalidArgument(f"{what} must be 'arb' or 'python'; pass None for the default")
    return _require_arb(what) if backend == "arb" else backend


def _check_prec(prec: Any) -> int:
    if isinstance(prec, bool) or not isinstance(prec, int) or not 16 <= prec <= 100_000:
        raise InvalidArgument(f"prec={prec!r} must be a whole number of bits from 16 to 100000; pass e.g. prec=113")
    return prec


def _as_interval(x: Any, prec: int):
    """x as an iv interval: intervals pass through; Fractions, ints and strings are enclosed."""
    if isinstance(x, iv.mpf):
        return x
    with iv_workprec(prec + GUARD_BITS):
        if isinstance(x, Fraction):
            return iv_frac(x)
        if isinstance(x, bool) or not isinstance(x, (int, str, mpmath.mpf, float)):
            raise InvalidArgument(
                f"x={x!r} must be an mpmath.iv interval, an exact number (int, Fraction, decimal string) or an "
                "mpf; pass e.g. iv.mpf(['0.5', '0.6'])")
        return iv.mpf(x)


def _ratio_squared(raw) -> tuple[int, int]:
    """2x² = P/Q exactly for the binary number x given as a raw mpf (sign, man, exp, bc)."""
    _, man, exp, _ = raw
    P, e = 2 * man * man, 2 * exp
    return (P << e, 1) if e >= 0 else (P, 1 << -e)


# ----------------------------------------------------------------------------------------------
# fixed-point kernels: integer bounds lo <= 2^wp · (exact sum) <= hi


def _taylor_sum(P: int, Q: int, wp: int, *, terms: int | None = None, remainder: bool = True) -> tuple[int, int]:
    r"""Bounds on 2^wp · A(x), A(x) = Σ (2x²)^n / (2n+1)!!, 2x² = P/Q (all terms positive).

    Stops once the ratio r = 2x²/(2N+3) is below 1/2 and the tail bound u_N r/(1-r) is below one
    unit (or after ``terms`` terms, adding the same tail bound, which then needs r < 1).
    ``remainder=False`` drops the tail bound: a deliberately wrong variant for the tests.
    """
    lo = hi = 1 << wp
    s_lo = s_hi = 0
    n = 0
    while True:
        s_lo += lo
        s_hi += hi
        den = Q * (2 * n + 3)
        if (terms is not None and n + 1 >= terms) or (terms is None and 2 * P < den and hi * P < den - P):
            if not remainder:
                return s_lo, s_hi
            if P >= den:
                raise InvalidArgument(f"terms={terms} stops the series of erf before its terms decrease; "
                                      "use more terms")
            # tail Σ_{j>n} u_j <= u_n r/(1-r), r = P/den
            return s_lo, s_hi + -(-hi * P // (den - P))
        lo = lo * P // den
        hi = -(-hi * P // den)
        n += 1


def _asymptotic_sum(P: int, Q: int, wp: int, target: int, *, terms: int | None = None,
                    remainder: bool = True) -> tuple[int, int] | None:
    r"""Bounds on 2^wp · (√π x e^{x²} erfc x) from [AS64] 7.1.23-7.1.24, 2x² = P/Q.

    Sums terms while they decrease, until one is below 2^(wp - target) (or ``terms`` terms), and
    adds the first omitted term as the remainder on its side.  None when the terms start to grow
    first (x too small for this precision).  ``remainder=False`` drops the remainder (wrong variant).
    """
    lo = hi = 1 << wp
    s_lo = s_hi = 0
    n = 0
    small = 1 << max(wp - target, 0)
    while True:
        if (terms is not None and n >= terms) or (terms is None and hi < small):
            if remainder:   # R_N has the sign (-1)^N and |R_N| <= v_N
                if n % 2 == 0:
                    s_hi += hi
                else:
                    s_lo -= hi
            return s_lo, s_hi
        if n % 2 == 0:
            s_lo, s_hi = s_lo + lo, s_hi + hi
        else:
            s_lo, s_hi = s_lo - hi, s_hi - lo
        # v_{n+1} = v_n (2n+1)/(2x²) = v_n (2n+1) Q / P; growing terms end the asymptotic regime
        num = (2 * n + 1) * Q
        if num >= P and terms is None:
            return None
        lo = lo * num // P
        hi = -(-hi * num // P)
        n += 1


# ----------------------------------------------------------------------------------------------
# point enclosures at an exact binary x >= 0


def _exact(raw):
    """The binary number raw as a point interval, whatever the working precision."""
    return iv.make_mpf((raw, raw))


def _fixed(lo: int, hi: int, wp: int):
    return iv.mpf([lo, hi]) / (1 << wp)


class _Arg:
    """x >= 0 known through 2x² = P/Q exactly; x itself is enclosed on demand (exact or a sqrt)."""

    __slots__ = ("P", "Q", "raw")

    def __init__(self, P: int, Q: int, raw=None):
        self.P, self.Q, self.raw = P, Q, raw

    @classmethod
    def of_raw(cls, raw) -> "_Arg":
        return cls(*_ratio_squared(raw), raw=raw)

    def x(self):
        """x at the current iv precision: exact for a binary x, else sqrt(x²) enclosed."""
        return _exact(self.raw) if self.raw is not None else iv.sqrt(self.x2())

    def x2(self):
        return iv.mpf(self.P) / (2 * self.Q)

    def approx_x2(self) -> float:
        P, Q = self.P, self.Q
        return P / (2 * Q) if P.bit_length() - Q.bit_length() < 1000 else math.inf


def _erf_point(arg: _Arg, prec: int):
    """Enclosure of erf(x) for x >= 0 (finite), at working precision prec + guard."""
    if arg.P == 0:
        return iv.mpf(0)
    wp = prec + GUARD_BITS
    if arg.approx_x2() > (wp + 8) * _LN2 + 4:
        erfc = _erfc_asymptotic(arg, wp)
        if erfc is not None:
            with iv_workprec(wp):
                return 1 - erfc
    return _erf_taylor(arg, wp)


def _erf_taylor(arg: _Arg, wp: int):
    # each of the ~2x² + wp terms adds at most one unit of rounding to the bounds
    P, Q = arg.P, arg.Q
    fp = wp + 8 + (2 * (P // Q) + wp).bit_length()
    lo, hi = _taylor_sum(P, Q, fp)
    with iv_workprec(wp + 8):
        A = _fixed(lo, hi, fp)
        return 2 * arg.x() * iv.exp(-arg.x2()) / _sqrt_pi(wp + 8) * A


def _erfc_asymptotic(arg: _Arg, wp: int):
    sums = _asymptotic_sum(arg.P, arg.Q, wp + 8, wp + 4)
    if sums is None:
        return None
    with iv_workprec(wp + 8):
        x2 = arg.x2()
        x = _exact(arg.raw) if arg.raw is not None else iv.sqrt(x2)
        return iv.exp(-x2) / (x * _sqrt_pi(wp + 8)) * _fixed(*sums, wp + 8)


def _erfc_point(arg: _Arg, prec: int):
    """Enclosure of erfc(x) for x >= 0 (finite): asymptotic series, or 1 - erf with extra bits."""
    if arg.P == 0:
        return iv.mpf(1)
    wp = prec + GUARD_BITS
    x2 = arg.approx_x2()
    if x2 > (wp + 8) * _LN2 + 4:
        out = _erfc_asymptotic(arg, wp)
        if out is not None:
            return out
    # 1 - erf(x) cancels about x² log2(e) bits (erfc x ~ e^{-x²}/(x√π)); carry them
    extra = int(x2 / _LN2) + 8
    erf = _erf_taylor(arg, wp + extra)
    with iv_workprec(wp + extra):
        return 1 - erf


def _signed(raw, fn_pos, prec: int, *, odd: bool):
    """fn at a signed finite raw point via the symmetry of erf (odd) or erfc (2 - erfc(-x))."""
    sign = raw[0]
    if not sign:
        return fn_pos(_Arg.of_raw(raw), prec)
    pos = _Arg.of_raw(libmp.mpf_neg(raw))
    with iv_workprec(prec + GUARD_BITS + 8):
        if odd:
            return -fn_pos(pos, prec)
        return 1 + _erf_point(pos, prec)


def _endpoint(raw, kind: str, prec: int):
    if raw == libmp.finf:
        return iv.mpf(1) if kind == "erf" else iv.mpf(0)
    if raw == libmp.fninf:
        return iv.mpf(-1) if kind == "erf" else iv.mpf(2)
    if raw == libmp.fnan:
        raise InvalidArgument("x has a NaN endpoint; erf is defined on real intervals only")
    if kind == "erf":
        return _signed(raw, _erf_point, prec, odd=True)
    return _signed(raw, _erfc_point, prec, odd=False)


def _mean_value(a_raw, b_raw, kind: str, prec: int):
    r"""f([a, b]) ⊂ f(m) + f'([a, b]) ([a, b] - m), m = (a + b)/2 exactly, f' = ±(2/√π) e^{-x²}.

    One series evaluation instead of two, for the narrow intervals that interval arithmetic
    produces (the mean value theorem makes it rigorous).
    """
    mid = libmp.mpf_shift(libmp.mpf_add(a_raw, b_raw, 0), -1)
    centre = _endpoint(mid, kind, prec)
    with iv_workprec(prec + GUARD_BITS + 8):
        x = iv.make_mpf((a_raw, b_raw))
        ax = abs(x)
        slope = 2 * iv.exp(-ax * ax) / _sqrt_pi(prec + GUARD_BITS + 8)
        if kind == "erfc":
            slope = -slope
        return centre + slope * (x - _exact(mid))


def _narrow(a_raw, b_raw, prec: int) -> bool:
    """Both ends finite and b - a below 2^-(prec/2) (1 + |a|): the mean-value form is tight."""
    if libmp.mpf_sub(b_raw, a_raw, 53) in (libmp.finf, libmp.fnan) or a_raw in (libmp.finf, libmp.fninf):
        return False
    width = libmp.mpf_sub(b_raw, a_raw, 53)
    scale = libmp.mpf_add(libmp.fone, libmp.mpf_abs(a_raw), 53)
    return libmp.mpf_lt(libmp.mpf_shift(width, prec // 2), scale)


# ----------------------------------------------------------------------------------------------
# the arb backend: python-flint balls, converted exactly


def _ball_to_iv(ball, prec: int, *, radius: bool = True):
    """The arb ball [mid ± rad] as an iv interval: mid ∓ rad rounded outward to ``prec`` bits.

    Both are exact binary numbers (``man_exp``), so the interval provably contains the ball.
    ``radius=False`` drops the radius: a deliberately wrong variant for the tests.
    """
    m, e = ball.mid().man_exp()
    mid = libmp.from_man_exp(int(m), int(e))
    if not radius:
        return iv.make_mpf((libmp.mpf_pos(mid, prec, libmp.round_floor),
                            libmp.mpf_pos(mid, prec, libmp.round_ceiling)))
    r, f = ball.rad().man_exp()
    rad = libmp.from_man_exp(int(r), int(f))
    return iv.make_mpf((libmp.mpf_sub(mid, rad, prec, libmp.round_floor),
                        libmp.mpf_add(mid, rad, prec, libmp.round_ceiling)))


def _arb_point(raw, x2: Fraction | None, kind: str, prec: int):
    """erf or erfc at the binary point raw (or at sqrt(x2)) with arb, as an iv interval; None if
    arb returns a non-finite ball (the caller then uses the series)."""
    if raw is not None:
        return _arb_eval(lambda arb: arb(_man_exp(raw)), max(raw[1].bit_length() + raw[2], 0), kind, prec)
    size = (x2.numerator // x2.denominator).bit_length() // 2 + 1
    return _arb_eval(lambda arb: frac_mpf(x2, arb).sqrt(), size, kind, prec)


def _arb_eval(make_x, size: int, kind: str, prec: int):
    """erf or erfc of the ball ``make_x(flint.arb)`` (|x| < 2^size), as an iv interval or None."""
    flint = _flint()
    # an inexact argument is a ball of relative radius ~2^-wp; erfc magnifies it by about 2x²
    saved = flint.ctx.prec
    flint.ctx.prec = prec + GUARD_BITS + 2 * size + 2
    try:
        x = make_x(flint.arb)
        y = x.erf() if kind == "erf" else x.erfc()
    finally:
        flint.ctx.prec = saved
    return _ball_to_iv(y, prec) if y.is_finite() else None


@functools.lru_cache(maxsize=64)
def _sqrt_pi(wp: int):
    with iv_workprec(wp):
        return iv.sqrt(iv.pi)


def _man_exp(raw) -> tuple[int, int]:
    sign, man, exp, _ = raw
    man, exp = int(man), int(exp)  # gmpy2 gives mpz, which arb does not take
    return -man if sign else man, exp


def _arb_enclose(a_raw, b_raw, kind: str, prec: int):
    """The image of [a, b] with arb (already ``prec`` bits, outward), or None for an infinite end
    or a non-finite ball (the series then takes over).

    A narrow [a, b] is one ball m ± r, m = (a + b)/2 and r = (b - a)/2 exactly (arb bounds the
    image of a ball by the derivative, the mean-value form); a wide one spans the values at its
    two ends, as erf increases and erfc decreases.
    """
    if a_raw in (libmp.finf, libmp.fninf, libmp.fnan) or b_raw in (libmp.finf, libmp.fninf, libmp.fnan):
        return None
    if a_raw != b_raw and _narrow(a_raw, b_raw, prec):
        mid = _man_exp(libmp.mpf_shift(libmp.mpf_add(a_raw, b_raw, 0), -1))
        rad = _man_exp(libmp.mpf_shift(libmp.mpf_sub(b_raw, a_raw, 0), -1))
        size = max(abs(mid[0]).bit_length() + mid[1], 0)
        return _arb_eval(lambda arb: arb(mid, rad), size, kind, prec)
    ea = _arb_point(a_raw, None, kind, prec)
    eb = ea if b_raw == a_raw else _arb_point(b_raw, None, kind, prec)
    if ea is None or eb is None:
        return None
    low, high = (ea, eb) if kind == "erf" else (eb, ea)
    return iv.make_mpf((low._mpi_[0], high._mpi_[1]))


def _enclose(x: Any, kind: str, prec: int, backend: str | None):
    prec = _check_prec(prec)
    backend = erf_backend(backend)
    xi = _as_interval(x, prec)
    a_raw, b_raw = xi._mpi_
    if backend == "arb":
        out = _arb_enclose(a_raw, b_raw, kind, prec)
        if out is not None:
            return out
    if a_raw != b_raw and _narrow(a_raw, b_raw, prec):
        with iv_workprec(prec):
            return +_mean_value(a_raw, b_raw, kind, prec)
    ea = _endpoint(a_raw, kind, prec)
    eb = ea if b_raw == a_raw else _endpoint(b_raw, kind, prec)
    # erf increases and erfc decreases: the image of [a, b] is spanned by the endpoint values
    low, high = (ea, eb) if kind == "erf" else (eb, ea)
    with iv_workprec(prec):
        return +iv.mpf([low.a, high.b])


def erf_enclosure(x: Any, *, prec: int, backend: str | None = None):
    r"""An interval containing erf(X) for every X in ``x``, with endpoints of ``prec`` bits.

    Parameters
    ----------
    x : mpmath.iv interval, Fraction, int, mpf or decimal string
        The argument (an exact number is enclosed first); endpoints may be ±inf.
    prec : int
        Bits of the returned endpoints; the series carry ``GUARD_BITS`` more.

    Returns
    -------
    mpmath.iv.mpf

    Examples
    --------
    >>> e = erf_enclosure(Fraction(1, 2), prec=113)
    >>> with mpmath.workdps(50):
    ...     lo, hi = mpmath.mpf(e.a), mpmath.mpf(e.b)
    ...     bool(lo <= mpmath.erf(mpmath.mpf(1) / 2) <= hi), bool(hi - lo < 1e-32)
    ...
    (True, True)
    """
    return _enclose(x, "erf", prec, backend)


def erfc_sqrt_enclosure(x2: Any, *, prec: int, backend: str | None = None):
    r"""An interval containing erfc(sqrt(x2)) for an exact rational x2 >= 0, endpoints of ``prec`` bits.

    The series only need 2x² = 2 x2, which stays exact, so an irrational sqrt(x2) costs no
    interval argument: the Gaussian integrals of the engine, erfc(sqrt(s) |cut - c|) with s
    and the cut rational, come out as tight as at a binary point.

    Examples
    --------
    >>> e = erfc_sqrt_enclosure(Fraction(1, 3), prec=100)
    >>> with mpmath.workdps(40):
    ...     bool(mpmath.mpf(e.a) <= mpmath.erfc(mpmath.sqrt(mpmath.mpf(1) / 3)) <= mpmath.mpf(e.b))
    ...
    True
    """
    prec = _check_prec(prec)
    backend = erf_backend(backend)
    if isinstance(x2, bool) or not isinstance(x2, (int, Fraction)) or x2 < 0:
        raise InvalidArgument(f"x2={x2!r} must be an exact rational >= 0 (int or Fraction); pass e.g. Fraction(1, 3)")
    x2 = Fraction(x2)
    out = _arb_point(None, x2, "erfc", prec) if backend == "arb" and x2 else None
    if out is not None:
        return out
    out = _erfc_point(_Arg(2 * x2.numerator, x2.denominator), prec)
    with iv_workprec(prec):
        return +out


def erfc_enclosure(x: Any, *, prec: int, backend: str | None = None):
    r"""An interval containing erfc(X) = 1 - erf(X) for every X in ``x``, endpoints of ``prec`` bits.

    Keeps relative accuracy in the far right tail (asymptotic series with its proven remainder,
    [AS64] 7.1.24), where 1 - erf would cancel to nothing.

    Examples
    --------
    >>> e = erfc_enclosure(30, prec=80)           # about 2e-393
    >>> with mpmath.workdps(40):
    ...     lo, hi = mpmath.mpf(e.a), mpmath.mpf(e.b)
    ...     bool(lo <= mpmath.erfc(30) <= hi), bool((hi - lo) / lo < 1e-20)
    ...
    (True, True)
    """
    return _enclose(x, "erfc", prec, backend)


def erfc_surd_enclosure(s: Fraction, a: Fraction, b: int, R: Fraction, *, prec: int, backend: str | None = None):
    r"""An interval containing erfc(sqrt(s) |a + b sqrt(R)|) for exact rationals s, R >= 0, a and an int b.

    The engine's tails at a ball edge μ_i ± ρ, ρ = sqrt(ε/β): u = sqrt(s) (cut - c) is
    irrational, so the series backend encloses u in ``mpmath.iv`` at ``prec`` bits and calls
    :func:`erfc_enclosure`; the arb backend evaluates u as a ball (no interval round trip).

    Examples
    --------
    >>> e = erfc_surd_enclosure(Fraction(3), Fraction(1, 2), -1, Fraction(1, 16), prec=100)   # erfc(sqrt(3)/4)
    >>> with mpmath.workdps(40):
    ...     bool(mpmath.mpf(e.a) <= mpmath.erfc(mpmath.sqrt(3) / 4) <= mpmath.mpf(e.b))
    ...
    True
    """
    prec = _check_prec(prec)
    backend = erf_backend(backend)
    for name, v in (("s", s), ("R", R)):
        if isinstance(v, bool) or not isinstance(v, (int, Fraction)) or v < 0:
            raise InvalidArgument(f"{name}={v!r} must be an exact rational >= 0 (int or Fraction); "
                                  "pass e.g. Fraction(1, 3)")
    if isinstance(a, bool) or not isinstance(a, (int, Fraction)) or isinstance(b, bool) or not isinstance(b, int):
        raise InvalidArgument(f"a={a!r}, b={b!r} must be an exact rational and an int; "
                              "pass e.g. a=Fraction(1, 2), b=-1")
    s, a, R = Fraction(s), Fraction(a), Fraction(R)
    if backend == "arb":
        # |u| < (isqrt⌊s⌋ + 1)(⌊|a|⌋ + 1 + |b| (isqrt⌊R⌋ + 1)): its size sets the guard bits (any is sound)
        bound = (math.isqrt(s.numerator // s.denominator) + 1) * (
            abs(a.numerator) // a.denominator + 1 + abs(b) * (math.isqrt(R.numerator // R.denominator) + 1))

        def make_u(arb):
            x = frac_mpf(a, arb)
            if b:
                x += b * frac_mpf(R, arb).sqrt()
            return abs(frac_mpf(s, arb).sqrt() * x)

        out = _arb_eval(make_u, bound.bit_length(), "erfc", prec)
        if out is not None:
            return out
    with iv_workprec(prec):
        u = abs(iv.sqrt(iv_frac(s)) * (iv_frac(a) + b * iv.sqrt(iv_frac(R))))
    return _enclose(u, "erfc", prec, "python")
