r"""Fixed-point big-integer arithmetic for the large-K step (the fast path of Eq. 5).

A vector is held as Python ints v_k = floor(x_k · 2^P).  Every product is truncated back
with ``>> P``, so each operation errs by less than one unit 2^{-P}; with

    P = bits + guard + e_p + e_w + e_q + log2(n),

where e_p, e_w, e_q are the numbers of leading zero bits of the smallest positive entries of
p, of the scaled w (max 1) and of q, every Z_i, W(x) and p'(x) keeps more than ``bits``
correct bits relative to its own size (Z_i >= p_min w_min, W(x) >= q_min w_min,
p'(x) >= p_min W(x)).  The whole step runs in C-level ``map`` loops over ints, which is
what makes it faster than one mpf operation per atom.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import repeat
from operator import add, mul, rshift
from typing import Sequence

import mpmath

__all__ = ["to_fixed", "leading_zero_bits", "fixed_large_k_step", "from_fixed", "MAX_BITS"]

# beyond this many bits of fixed point (masses or rewards spanning more than ~10^30000) the mpf
# path is used instead
MAX_BITS = 100_000


def _zero_bits(v) -> int | None:
    """An upper bound on -log2(v) + 1 for v > 0 (None for v = 0); v a Fraction, (num, den) or mpf."""
    if isinstance(v, tuple):
        num, den = v
    elif isinstance(v, Fraction):
        num, den = v.numerator, v.denominator
    elif isinstance(v, int):
        num, den = v, 1
    else:
        man, exp = (v if isinstance(v, mpmath.mpf) else mpmath.mpf(v)).man_exp
        if not man:
            return None
        return -(exp + abs(man).bit_length()) + 2
    if not num:
        return None
    return den.bit_length() - num.bit_length() + 1


def leading_zero_bits(values: Sequence) -> int:
    """Bits between 1 and the smallest positive value (an upper bound; 0 for values near 1).

    Values may be Fractions, ints, (numerator, denominator) pairs or mpf.
    """
    if not values:
        return 0
    first = values[0]
    if isinstance(first, tuple) and all(isinstance(v, tuple) for v in values):
        return max(0, max((d.bit_length() - n.bit_length() + 1 for n, d in values if n), default=0))
    if isinstance(first, mpmath.mpf) and all(type(v) is mpmath.mpf for v in values):
        return max(0, max((-(e + abs(n).bit_length()) + 2 for n, e in (v.man_exp for v in values) if n), default=0))
    return max((b for b in map(_zero_bits, values) if b is not None), default=0)


def to_fixed(values: Sequence, P: int) -> list[int]:
    """floor(v · 2^P) for Fractions, ints, (numerator, denominator) pairs or mpf values."""
    out = []
    for v in values:
        if isinstance(v, tuple):
            out.append((v[0] << P) // v[1])
        elif isinstance(v, Fraction):
            out.append((v.numerator << P) // v.denominator)
        elif isinstance(v, int):
            out.append(v << P)
        else:
            man, exp = (v if isinstance(v, mpmath.mpf) else mpmath.mpf(v)).man_exp
            shift = P + exp
            out.append(man << shift if shift >= 0 else man >> -shift)
    return out


def fixed_large_k_step(p: list[int], w: list[list[int]], q: list[int], P: int) -> tuple[list[int], list[int], list[int]]:
    r"""One large-K step in fixed point: returns (p', W, Z), all scaled by 2^P.

    p'(x) = p(x) Σ_i (q_i / Z_i) w_i(x), Z_i = Σ_x p(x) w_i(x).
    """
    Z = [sum(map(mul, p, wi)) >> P for wi in w]
    coef = [((qi << P) // zi) if zi else 0 for qi, zi in zip(q, Z)]
    W = None
    for c, wi in zip(coef, w):
        if not c:
            continue
        term = map(mul, repeat(c), wi)
        W = list(term) if W is None else list(map(add, W, term))
    W = list(map(rshift, W, repeat(P)))
    new = list(map(rshift, map(mul, p, W), repeat(P)))
    return new, W, Z


def from_fixed(values: Sequence[int], P: int, dps: int) -> list:
    """Fixed-point ints back to mpf at ``dps`` digits."""
    with mpmath.workdps(dps):
        return [mpmath.mpf((v, -P)) for v in values]
