r"""Vectors of big-integer floating-point numbers, for the large-K step at scale (Eq. 5).

A vector is a pair of lists (mantissas, exponents): value_k = M_k · 2^{E_k} with M_k >= 0 a
Python int.  Every operation is a C-level ``map`` over ints, so a step costs a few big-integer
products per atom and no Python object per arithmetic operation; unlike one fixed point for the
whole vector, the exponents let masses of 10^-300 and weights e^{-10^6} keep their relative
precision without widening every number.

Error bookkeeping (u = 2^{-B} for a working width of B bits): inputs converted to B-bit mantissas
err by < 2u relative each; products are exact; a sum of positive terms, each truncated to a common
exponent, errs by less than (number of terms) units of its last place, i.e. < n · 2^{2-width}
relative to the largest term, hence to the sum.  :class:`BlockFloat` documents the step's total.

Exponentials: e^{-d} for rational d >= 0 by d = k ln 2 + f (exact integer k, f in [0, ln 2)),
a table of e^{-j/256} for each of the first four base-256 digits of f, and a Taylor series for
the rest (f < 2^-32); every table entry and product is truncated, each costing < 1 unit in the
last place, and the total relative error is below 2^{6-Q} at Q working bits (see :func:`exp_neg`).
"""

from __future__ import annotations

import functools
import math
from array import array
from fractions import Fraction
from itertools import repeat
from operator import add, and_, attrgetter, floordiv, lshift, mul, ne, neg, or_, rshift, sub
from typing import Sequence

import mpmath
from mpmath import libmp

__all__ = ["compact_ints", "from_mpf", "from_rationals", "rationals_to_mpf", "differences", "exp_neg", "exp_up_floats", "BlockFloat",
           "round_ints", "to_mpf"]

_bit_length = int.bit_length


def _numerator(x):
    return int(x.numerator)  # a Fraction built from gmpy2 numbers may hold mpz parts


def _denominator(x):
    return int(x.denominator)


def from_mpf(values: Sequence, min_width: int = 0) -> tuple[list[int], list[int]] | None:
    """Exact (mantissas, exponents) of mpf values >= 0, mantissas widened to one common width
    (at least ``min_width`` bits).

    None when a value is negative or not finite (callers then use plain mpf arithmetic).
    """
    mpf = mpmath.mpf
    vals = values if all(type(v) is mpf for v in values) else [v if type(v) is mpf else mpf(v) for v in values]
    if not vals:
        return None
    signs, mans, exps, bcs = zip(*map(attrgetter("_mpf_"), vals))
    if any(signs) or min(bcs) < 0:
        return None
    if libmp.BACKEND != "python":  # gmpy2 mantissas (mpz) become ints: every kernel here works on int
        mans = map(int, mans)
    width = max(max(bcs), min_width)
    shifts = list(map(sub, repeat(width), bcs))
    return list(map(lshift, mans, shifts)), list(map(sub, exps, shifts))


def compact_ints(values: Sequence[int]) -> Sequence[int]:
    """Exponents kept for long as an ``array('q')`` (8 bytes each instead of an int object each), or
    the list unchanged when one leaves the 64-bit range; every kernel here reads either."""
    try:
        return array("q", values)
    except OverflowError:
        return values


def from_rationals(values: Sequence[Fraction], bits: int) -> tuple[list[int], list[int]]:
    """Positive rationals as mantissas of bits+1 or bits+2 bits, each below the value by < 2^-bits relative."""
    nums = list(map(_numerator, values))
    dens = list(map(_denominator, values))
    shifts = list(map(sub, map(_bit_length, dens), map(_bit_length, nums)))
    shifts = list(map(add, shifts, repeat(bits + 1)))
    if min(shifts) >= 0:
        mans = list(map(floordiv, map(lshift, nums, shifts), dens))
    else:  # numerators much longer than denominators (huge values): shift the other way
        mans = [(a << s) // b if s >= 0 else a // (b << -s) for a, b, s in zip(nums, dens, shifts)]
    return mans, list(map(neg, shifts))


def rationals_to_mpf(values: Sequence[Fraction], prec: int) -> list | None:
    """mpf(v.numerator) / v.denominator for each rational v >= 0, correctly rounded at ``prec`` bits.

    The quotient is taken to prec + 3 bits with a sticky last bit (set when the division is
    inexact), so one round-to-nearest gives the correctly rounded value, as mpmath's division
    does (it divides by the int denominator exactly); a numerator longer than ``prec`` bits is
    first rounded to ``prec`` bits, as ``mpmath.mpf(num)`` does.  None when a value is negative.
    """
    nums = list(map(_numerator, values))
    dens = list(map(_denominator, values))
    if not nums or min(nums) < 0:
        return None
    offset = None
    if max(map(_bit_length, nums)) > prec:  # mpmath.mpf(num) rounds a long numerator first
        nums, offset = round_ints(nums, [0] * len(nums), prec)
    shifts = list(map(add, map(sub, map(_bit_length, dens), map(_bit_length, nums)), repeat(prec + 3)))
    scaled = list(map(lshift, nums, shifts))
    quots = list(map(floordiv, scaled, dens))
    inexact = map(ne, map(mul, quots, dens), scaled)
    mans = list(map(or_, map(lshift, quots, repeat(1)), inexact))
    exps = list(map(sub, repeat(-1), shifts))
    if offset is not None:
        exps = list(map(add, exps, offset))
    return to_mpf(mans, exps, prec)


@functools.lru_cache(maxsize=8)
def _exp_tables(Q: int) -> tuple[tuple[int, ...], ...]:
    """floor(e^{-j · 2^{-8(l+1)}} · 2^Q) for j < 256 and levels l = 0..3 (each below by < 1 unit)."""
    out = []
    with mpmath.workprec(Q + 24):
        for level in range(4):
            step = mpmath.ldexp(1, -8 * (level + 1))
            row = []
            for j in range(256):
                man, exp = mpmath.exp(-j * step).man_exp
                man = int(man)  # an mpz under gmpy2
                row.append(man << (Q + exp) if Q + exp >= 0 else man >> -(Q + exp))
            out.append(tuple(row))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _ln2_fixed(bits: int) -> int:
    """floor(ln 2 · 2^bits)."""
    with mpmath.workprec(bits + 24):
        man, exp = (+mpmath.ln2).man_exp
    man = int(man)  # an mpz under gmpy2
    return man << (bits + exp) if bits + exp >= 0 else man >> -(bits + exp)


@functools.lru_cache(maxsize=8)
def _taylor(Q: int) -> tuple[int, ...]:
    """Coefficients round((-1)^k 2^Q / k!) of e^{-y} up to the degree that makes y < 2^-32 negligible."""
    N = 1
    while 32 * (N + 1) + math.lgamma(N + 2) / math.log(2) < Q + 4:
        N += 1
    return tuple(((-1) ** k) * ((2 ** Q + math.factorial(k) // 2) // math.factorial(k)) for k in range(N + 1))


def differences(top: Fraction, values: Sequence[Fraction]) -> tuple[list[int], list[int]]:
    """Numerators and denominators of top - v for each v (not reduced)."""
    tn, td = int(top.numerator), int(top.denominator)
    nums = list(map(_numerator, values))
    dens = list(map(_denominator, values))
    if td == 1 and max(dens) == 1:
        return list(map(sub, repeat(tn), nums)), dens
    return list(map(sub, map(mul, repeat(tn), dens), map(mul, nums, repeat(td)))), list(map(mul, dens, repeat(td)))


def exp_neg(nums: Sequence[int], dens: Sequence[int], bits: int) -> tuple[list[int], list[int]]:
    r"""e^{-d} for rationals d = num / den >= 0 as (mantissas, exponents), relative error < 2^-bits.

    Works at Q = bits + 8 bits: d is read to Q bits after the point (< 2^-Q), ln 2 to enough
    bits that k ln 2 errs by < 2^-Q, so f = d - k ln 2 is known to < 3 · 2^-Q; each of the
    four table factors errs by < 2 units of 2^-Q relative (value >= 1/2), each of the four
    truncated products by < 2 units, and the alternating Taylor series of e^{-y}, y < 2^-32,
    by < 3 units (truncation below 2^-Q-4 plus one unit per Horner step damped by y).
    Total < (3 + 8 + 8 + 3 + 1) · 2^-Q < 2^{5-Q} = 2^{-bits-3}.  The mantissas are >= 2^{Q-2}.
    """
    Q = bits + 8
    if min(nums) < 0:
        raise ValueError("exp_neg needs d >= 0")
    if max(dens) == 1:
        D = list(map(lshift, nums, repeat(Q)))
    else:
        D = list(map(floordiv, map(lshift, nums, repeat(Q)), dens))
    X = max(1, max(D).bit_length() - Q + 3)  # k < 2^X, so k · 2^{-Q-X} < 2^-Q
    L2 = _ln2_fixed(Q + X)
    DX = list(map(lshift, D, repeat(X)))
    k = list(map(floordiv, DX, repeat(L2)))
    F = list(map(rshift, map(sub, DX, map(mul, k, repeat(L2))), repeat(X)))  # f · 2^Q, 0 <= F < ln2 · 2^Q
    tables = _exp_tables(Q)
    acc = None
    rest = F
    for level in range(4):
        shift = Q - 8 * (level + 1)
        j = list(map(rshift, rest, repeat(shift)))
        rest = list(map(sub, rest, map(lshift, j, repeat(shift))))
        factor = map(tables[level].__getitem__, j)
        acc = list(factor) if acc is None else list(map(rshift, map(mul, acc, factor), repeat(Q)))
    coef = _taylor(Q)
    series = list(repeat(coef[-1], len(rest)))
    for c in reversed(coef[:-1]):
        series = list(map(add, map(rshift, map(mul, series, rest), repeat(Q)), repeat(c)))
    mans = list(map(rshift, map(mul, acc, series), repeat(Q)))
    return mans, list(map(sub, repeat(-Q), k))


def exp_up_floats(nums: Sequence[int], dens: Sequence[int]) -> list[float]:
    """Floats >= e^{-d} for rationals d = num / den >= 0 (rigorous upper bounds, never 0)."""
    mans, exps = exp_neg(nums, dens, 96)  # 43 bits beyond a float: the bound is the float just above
    out = []
    tiny = math.ulp(0.0)
    for M, E, d in zip(mans, exps, nums):
        if not d:
            out.append(1.0)  # e^0, exactly
            continue
        up = M + (M >> 92) + 1  # relative error < 2^-99 < 2^-92
        s = up.bit_length() - 53
        up = -((-up) >> s)  # round the mantissa up to 53 bits (exact in a float)
        x = math.ldexp(float(up), E + s)
        if x < 2.0 ** -1021:  # subnormal or zero: ldexp may have rounded down
            x = math.nextafter(x, math.inf) if x else tiny
        out.append(x)
    return out


class BlockFloat:
    r"""The arithmetic context of the large-K step (:mod:`pluralnash.numeric.engines.step`) on
    block-float vectors at ``bits`` bits.

    ``Z`` gives each Z_i as (mantissa, exponent of its terms' common top); ``coefs`` keeps each
    q_i / Z_i to ``bits`` + 1 bits; ``W`` sums the terms c_i w_i(x) aligned to a common exponent per
    atom; ``times`` cuts W to ``bits`` bits and multiplies by p.  With w_i of relative error
    < 2^-bits and p exact, p'(x) errs by < (2 + 2 + 2 + 2 + 1) · 2^-bits relative (w, Z (whose
    truncations cost n · 2^{1-bits-width(p)}), q_i / Z_i, the sum over i and the cut of W): below
    2^{4-bits} when p's mantissas have >= bits + log2(n) bits.
    """

    def __init__(self, bits: int):
        self.bits = bits

    @staticmethod
    def Z(p, w):
        pm, pe = p
        out = []
        for wm, we in w:
            E = list(map(add, pe, we))
            top = max(E)
            out.append((sum(map(rshift, map(mul, pm, wm), map(sub, repeat(top), E))), top))
        return out

    def coefs(self, q: Sequence[Fraction], Z):
        out = []
        for qi, (z, top) in zip(q, Z):
            den = qi.denominator * z
            s = self.bits + 2 + den.bit_length() - qi.numerator.bit_length()
            out.append(((qi.numerator << s) // den, -s - top))  # q_i / Z_i = C · 2^{-s-top}, C >= 2^{bits+1}
        return out

    @staticmethod
    def W(c, w):
        """(W, M): W(x) = W_x · 2^{M_x}, M_x the largest exponent of the terms at x."""
        terms = [(C, list(map(add, repeat(shift), we)), wm) for (C, shift), (wm, we) in zip(c, w)]
        if len(terms) == 1:
            C, M, wm = terms[0]
            return list(map(mul, repeat(C), wm)), M
        M = list(map(max, *[e for _, e, _ in terms]))
        W = None
        for C, e, wm in terms:
            t = map(rshift, map(mul, repeat(C), wm), map(sub, M, e))
            W = list(t) if W is None else list(map(add, W, t))
        return W, M

    def times(self, p, WM):
        (pm, pe), (W, M), cut = p, WM, self.bits
        return list(map(mul, pm, map(rshift, W, repeat(cut)))), list(map(add, pe, map(add, M, repeat(cut))))


def round_ints(mans: Sequence[int], exps: Sequence[int], prec: int) -> tuple[list[int], list[int]]:
    """M_k · 2^{E_k} (M_k >= 0) rounded to nearest, ties to even, at ``prec`` bits, in mpmath's
    normal form (odd mantissa; zero is (0, 0))."""
    mans = list(map(int, mans))  # gmpy2's mpz has no int.bit_length
    exps = list(map(int, exps))
    zeros = [k for k, v in enumerate(mans) if not v]
    for k in zeros:
        mans[k], exps[k] = 1, 0
    width = max(max(map(_bit_length, mans)), prec + 2)
    shifts = list(map(sub, repeat(width), map(_bit_length, mans)))
    mans = list(map(lshift, mans, shifts))
    s = width - prec
    t = list(map(rshift, mans, repeat(s - 1)))
    kept = list(map(rshift, map(add, t, repeat(1)), repeat(1)))  # half rounds up ...
    below = list(map(and_, mans, repeat((1 << (s - 1)) - 1)))
    if 0 in below:  # ... except exact ties, which go to the even neighbour
        for k, v in enumerate(below):
            if not v and t[k] & 1 and kept[k] & 1:
                kept[k] -= 1
    low = list(map(_bit_length, map(and_, kept, map(neg, kept))))  # strip trailing zero bits
    mans = list(map(rshift, kept, map(sub, low, repeat(1))))
    exps = list(map(add, map(sub, exps, shifts), map(add, low, repeat(s - 1))))
    for k in zeros:
        mans[k], exps[k] = 0, 0
    return mans, exps


#: Values per block in :func:`to_mpf`: the temporaries of the rounding are a block long, not n.
_BLOCK = 1 << 14


def to_mpf(mans: Sequence[int], exps: Sequence[int], prec: int) -> list:
    """mpf values M_k · 2^{E_k} rounded to nearest (ties to even) at ``prec`` bits, as mpmath does.

    Each value is rounded by itself, so rounding block by block gives the same values in less memory.
    """
    make = mpmath.mp.make_mpf
    out: list = []
    for a in range(0, len(mans), _BLOCK):
        ms, es = round_ints(mans[a:a + _BLOCK], exps[a:a + _BLOCK], prec)
        bcs = list(map(_bit_length, ms))
        if libmp.BACKEND != "python":  # mpmath's normal form holds its backend's integer type (gmpy2's mpz)
            ms = list(map(libmp.MPZ, ms))
        out.extend(map(make, zip(repeat(0), ms, es, bcs)))
    return out
