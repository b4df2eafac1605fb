r"""The large-K step, written once against an arithmetic context ([FALA26] Eq. 5).

Definitions ([FALA26] §2.1, Eq. 5; m rewards)
---------------------------------------------
- Z_i(p) = Σ_x p(x) w_i(x), with w_i = e^{r_i} (or w_i scaled by a positive constant: W does not change).
- c_i = q_i / Z_i(p), W(x) = Σ_i c_i w_i(x), and the step p'(x) = p(x) W(x).
- With reference data ([FERB24]), p' is followed by the mixing (1 - λ) p_ref + λ p'.

Python spellings: ``q`` = weights (only the rewards with q_i > 0 enter W), ``w`` = rows w_i,
``Z``, ``c``, ``W``; ``lam`` = λ, ``ref`` = p_ref.

Arithmetic contexts
-------------------
:func:`large_k_step` is the algorithm; a context supplies its four vector operations
(mpmath writes ``findroot`` once against ``ctx`` in the same way):

``Z(p, w)``
    Z_i = Σ_x p(x) w_i(x) for every row of ``w``;
``coefs(q, Z)``
    c_i = q_i / Z_i;
``W(c, w)``
    W(x) = Σ_i c_i w_i(x);
``times(p, W)``
    p(x) W(x).

- :data:`EXACT`: ``Fraction`` (zero masses skipped in Z: they add exact zeros);
- :data:`FIELD`: any number type with ``+``, ``*`` and ``/`` (``mpmath.iv`` intervals, flint arb
  balls), sums in input order from the zero of the mass type;
- :data:`MPF`: mpf at the caller's working precision, sums by ``mpmath.fdot``/``mpmath.fsum``;
- :class:`pluralnash.numeric.arith.blockfloat.BlockFloat`: big-integer floating point at a given
  width (vectors as (mantissas, exponents)), used by :func:`block_float_step`;
- :class:`pluralnash.numeric.engines.arb_step.ArbMatrix`: python-flint arb balls with Z and W as
  two matrix products;
- :data:`COMMON_DENOMINATOR`: exact rationals as one integer vector over one denominator (used by
  :class:`ExactOrbit`): the same rationals as :data:`EXACT`, with one gcd per step in place of the
  gcds of every Fraction sum and product.

Every context rounds as the copy it replaced did, so each engine's printed numbers are unchanged.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import repeat
from math import gcd as _math_gcd, lcm, prod
from operator import itemgetter, mul
from typing import Any, NamedTuple, Sequence

import mpmath

from pluralnash.numeric.arith.rational import over_common_denominator

__all__ = ["LargeKStep", "large_k_step", "mixed_step", "without_zero_weights", "block_float_step", "EXACT", "FIELD", "MPF",
           "COMMON_DENOMINATOR", "ExactOrbit"]


class LargeKStep(NamedTuple):
    """One step's parts: Z_i for every row, W(x) and p'(x) = p(x) W(x), in the context's numbers."""

    Z: Any
    W: Any
    p: Any


def large_k_step(ctx, p, w, q: Sequence[Any], Z: Any = None) -> LargeKStep:
    r"""p'(x) = p(x) Σ_i q_i w_i(x) / Z_i(p) in the arithmetic of ``ctx`` ([FALA26] Eq. 5).

    Parameters
    ----------
    ctx
        An arithmetic context (module docstring).
    p, w
        The masses and the rows w_i, in the context's form.
    q : sequence
        q_i in the context's numbers, None for a reward with q_i = 0 (its Z_i is still computed).
    Z : optional
        ``ctx.Z(p, w)`` when the caller has it already (it is not computed again).

    Examples
    --------
    >>> large_k_step(EXACT, [Fraction(1, 2)] * 2, [[Fraction(3), Fraction(1)]], [Fraction(1)]).p
    [Fraction(3, 4), Fraction(1, 4)]
    """
    Z = ctx.Z(p, w) if Z is None else Z
    if any(qi is None for qi in q):
        used = [i for i, qi in enumerate(q) if qi is not None]
        c = ctx.coefs([q[i] for i in used], [Z[i] for i in used])
        W = ctx.W(c, [w[i] for i in used])
    else:
        W = ctx.W(ctx.coefs(q, Z), w)
    return LargeKStep(Z, W, ctx.times(p, W))


def without_zero_weights(q: Sequence[Fraction], values: Sequence[Any]) -> list:
    """``values`` (q_i in some arithmetic) with None where the exact q_i is 0, as :func:`large_k_step` reads them."""
    return [v if qi > 0 else None for qi, v in zip(q, values)]


def mixed_step(ctx, p, w, q: Sequence[Any], lam, kept) -> list:
    r"""(1 - λ) p_ref + λ p', p' the large-K step; ``kept`` holds (1 - λ) p_ref(x), ``lam`` λ, both in
    the context's numbers."""
    return [r + lam * v for r, v in zip(kept, large_k_step(ctx, p, w, q).p)]


class _Exact:
    """Exact rationals: Z skips zero masses (they add exact zeros)."""

    @staticmethod
    def Z(p, w):
        return [sum((pk * wk for pk, wk in zip(p, row) if pk), Fraction(0)) for row in w]

    @staticmethod
    def coefs(q, Z):
        return [qi / zi for qi, zi in zip(q, Z)]

    @staticmethod
    def W(c, w):
        m = len(w)
        return [sum((c[i] * w[i][k] for i in range(m)), Fraction(0)) for k in range(len(w[0]))]

    @staticmethod
    def times(p, W):
        return list(map(mul, p, W))


class _Field(_Exact):
    """Any number type with +, * and /: sums in input order from the zero of the mass type."""

    @staticmethod
    def Z(p, w):
        zero = p[0] * 0
        return [sum((pk * wk for pk, wk in zip(p, row)), zero) for row in w]

    @staticmethod
    def W(c, w):
        m = len(w)
        zero = c[0] * 0
        return [sum((c[i] * w[i][k] for i in range(m)), zero) for k in range(len(w[0]))]


class _Mpf(_Exact):
    """mpf at the caller's working precision, sums by fdot and fsum."""

    @staticmethod
    def Z(p, w):
        return [mpmath.fdot(p, row) for row in w]

    @staticmethod
    def W(c, w):
        m = len(w)
        return [mpmath.fsum(c[i] * w[i][k] for i in range(m)) for k in range(len(w[0]))]


EXACT = _Exact()
FIELD = _Field()
MPF = _Mpf()


class _CommonDenominator:
    r"""Exact rationals over one denominator: ``p = (a, D)`` with p(x) = a[x] / D, rows w_i of integers.

    The step is homogeneous of degree 0 in p and in each w_i, so Z and W are computed on the integers
    ``a`` and the integer rows (then Z_i = Σ_x a[x] w_i(x) = D e_i Z_i(p) for a row w_i scaled by e_i)
    and D never enters.  c and W come over one denominator, ``(k, den)``; p' = (a', D') is divided by
    gcd(D', a'[0], a'[1], ...), so D' is the least common denominator of the rationals p'(x), and two
    vectors in this form are equal exactly when their rationals are.
    """

    @staticmethod
    def Z(p, w):
        a = p[0]
        return [sum(map(mul, a, row)) for row in w]

    @staticmethod
    def coefs(q, Z):
        if 0 in Z:
            raise ZeroDivisionError("Z_i(p) = 0: c_i = q_i / Z_i is undefined")  # as EXACT's q_i / Z_i
        v = lcm(*(qi.denominator for qi in q))
        k = [qi.numerator * (v // qi.denominator) * prod(Z[:i]) * prod(Z[i + 1:]) for i, qi in enumerate(q)]
        return k, v * prod(Z)

    @staticmethod
    def W(c, w):
        k, den = c
        return [sum(map(mul, k, col)) for col in zip(*w)], den

    @staticmethod
    def times(p, W):
        T, den = W
        num = list(map(mul, p[0], T))
        g = den
        for v in num:
            g = _gcd(g, v)
            if g == 1:
                return num, den
        return [v // g for v in num], den // g


COMMON_DENOMINATOR = _CommonDenominator()


class ExactOrbit:
    r"""p_0, p_1, ... of the large-K dynamics ([FALA26] Eq. 5) in exact rationals, with Z_i(p_t).

    The state is :data:`COMMON_DENOMINATOR`'s ``(a, D)``; the rationals are those :data:`EXACT`
    gives step by step.  Z(p_t) is computed once per t: :meth:`Z` reads it, and :meth:`advance` reuses
    it for the step to p_{t+1}.

    Examples
    --------
    >>> orbit = ExactOrbit([Fraction(1, 2)] * 2, [[Fraction(3), Fraction(1)]], [Fraction(1)])
    >>> orbit.Z(), orbit.advance(), orbit.masses(), orbit.Z()
    ([Fraction(2, 1)], True, [Fraction(3, 4), Fraction(1, 4)], [Fraction(5, 2)])
    """

    ctx = COMMON_DENOMINATOR

    def __init__(self, p: Sequence[Fraction], w: Sequence[Sequence[Fraction]], q: Sequence[Fraction]):
        scaled = [over_common_denominator([Fraction(v) for v in row]) for row in w]
        self.rows, self.scales = [a for a, _ in scaled], [e for _, e in scaled]
        self.q = [Fraction(qi) for qi in q]
        self.p = over_common_denominator([Fraction(v) for v in p])
        self.S = self.ctx.Z(self.p, self.rows)

    def Z(self) -> list[Fraction]:
        """Z_i(p_t) for every reward."""
        D = self.p[1]
        return [_lowest_terms(s, D * e) for s, e in zip(self.S, self.scales)]

    def masses(self) -> list[Fraction]:
        """p_t(x) for every atom."""
        a, D = self.p
        return [Fraction(v, D) for v in a]

    def advance(self) -> bool:
        """Step to p_{t+1}; False when p_{t+1} = p_t."""
        nxt = large_k_step(self.ctx, self.p, self.rows, self.q, Z=self.S).p
        moved = nxt != self.p
        self.p, self.S = nxt, self.ctx.Z(nxt, self.rows)
        return moved

    def denominators_exceed(self, bits: int) -> bool:
        """Whether some p_t(x), in lowest terms, has a denominator of more than ``bits`` bits."""
        a, D = self.p
        if D.bit_length() <= bits:  # every denominator in lowest terms divides D
            return False
        return any((D // _gcd(v, D)).bit_length() > bits for v in a)


FLINT_GCD_BITS = 2000  # from this size on python-flint's gcd (the same integer) is faster than math.gcd


def _gcd(a: int, b: int) -> int:
    """gcd(a, b) of integers: python-flint's when both pass ``FLINT_GCD_BITS`` and arb is on, else math.gcd."""
    if a.bit_length() > FLINT_GCD_BITS and b.bit_length() > FLINT_GCD_BITS:
        from pluralnash.numeric.arith import arb

        if arb.available():
            return int(arb.flint_module().fmpz(a).gcd(b))
    return _math_gcd(a, b)


def _lowest_terms(n: int, d: int) -> Fraction:
    """Fraction(n, d) for d > 0, with the gcd taken by :func:`_gcd` and not again by Fraction."""
    g = _gcd(n, d)
    n, d = n // g, d // g
    make = getattr(Fraction, "_from_coprime_ints", None)  # Python >= 3.12
    if make is not None:
        return make(n, d)
    try:
        return Fraction(n, d, _normalize=False)  # Python 3.11
    except TypeError:  # a Python with neither private constructor: Fraction reduces again (same value)
        return Fraction(n, d)



def block_float_step(ctx, p: tuple[list[int], list[int]], w: list[tuple[list[int], list[int]]],
                     q: Sequence[Fraction]) -> tuple[list[int], list[int]] | None:
    r"""The large-K step on block-float vectors (:class:`~pluralnash.numeric.arith.blockfloat.BlockFloat`).

    ``p`` is exact (from ``from_mpf``), each w_i has mantissas of >= ctx.bits + 1 bits and relative
    error < 2^-bits; q lists the rewards with q_i > 0.  The sums run over supp p only.  p'(x) errs
    by < 2^{4-bits} relative when p's mantissas have >= bits + log2(n) bits (see ``BlockFloat``).
    None when p has no mass.
    """
    pm, pe = p
    n = len(pm)
    support = [k for k, v in enumerate(pm) if v] if 0 in pm else range(n)  # a range costs no list of n ints
    if not support:
        return None
    if len(support) < n:
        pick = (lambda xs: list(itemgetter(*support)(xs))) if len(support) > 1 else (lambda xs: [xs[support[0]]])
        pm, pe = pick(pm), pick(pe)
        w = [(pick(wm), pick(we)) for wm, we in w]
    mans, exps = large_k_step(ctx, (pm, pe), w, q).p
    if len(support) < n:
        full_m, full_e = list(repeat(0, n)), list(repeat(0, n))
        for k, a, b in zip(support, mans, exps):
            full_m[k] = a
            full_e[k] = b
        return full_m, full_e
    return mans, exps
