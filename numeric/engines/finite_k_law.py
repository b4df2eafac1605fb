r"""Fast kernels for the finite-K weight H^K_p of [FALA26] Lemma 3.1 by enumeration.

H^K_p(x) = K w(x) Σ_T P(S = T) / (w(x) + T),  S = Σ_{j=1}^{K-1} w(y_j),  y_j ~ p i.i.d.

Both kernels walk the compositions of the K-1 draws atom by atom, exactly as the reference
:func:`pluralnash.numeric.engines.finite_k._sum_law` does, and return what it and the sum over
its law would return:

- :func:`exact_weights` (Fractions): with p = a/D and w = b/E over common denominators, the law
  of E·S is a law on integers with integer masses scaled by D^{K-1}, and
  H(x) = K b(x) Σ_T M_T / (b(x) + T) / D^{K-1}.  The sum is formed by pairwise (binary-splitting)
  addition of unreduced fractions and reduced once.  A Fraction is canonical, so the result is
  the reference's, whatever the order of the operations.
- :func:`mpf_weights` (mpf): the reference's mpf operations, in the same order and with the same
  rounding, on raw mpmath values (``mpmath.libmp``), so every bit agrees with it.  Equal raw values
  are equal mpf values (the representation of a finite mpf is unique), so states merge exactly as
  there.  What does not depend on p is formed once and cached: the walk's states and totals and
  the denominators w(x) + T (per reward and K), the rounded binomials (per K); what depends on p
  only is shared by the rewards at one p: the rows p^c, the first atom's masses, and the masses
  of rewards whose walks have the same shape.  Operations whose rounded result is an operand
  unchanged (0 + t, m · 1) are skipped: the operand is already rounded, so they are the identity.
  The caches hold numbers, never verdicts, and are bounded.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

from mpmath.libmp import fone, mpf_add, mpf_div, mpf_mul, mpf_mul_int, mpf_sum

from pluralnash.numeric.arith.rational import over_common_denominator

__all__ = ["exact_weights", "mpf_weights"]


# -- exact ------------------------------------------------------------------------------------

def _integer_law(a: list[int], b: list[int], draws: int) -> dict[int, int]:
    """Law of Σ_j b(y_j) over ``draws`` draws with P(y = j) ∝ a_j, as {T: mass · (Σ a)^draws}."""
    states: dict[tuple[int, int], int] = {(0, 0): 1}
    s = len(a)
    for j in range(s):
        last = j == s - 1
        powers = [1]
        for _ in range(draws):
            powers.append(powers[-1] * a[j])
        nxt: dict[tuple[int, int], int] = {}
        for (used, total), mass in states.items():
            left = draws - used
            for c in ([left] if last else range(left + 1)):
                key = (used + c, total + c * b[j])
                nxt[key] = nxt.get(key, 0) + mass * math.comb(left, c) * powers[c]
        states = nxt
    return {total: mass for (_, total), mass in states.items()}


def _split_sum(terms: list[tuple[int, int]]) -> tuple[int, int]:
    """Σ n_i / d_i as one unreduced (numerator, denominator), by pairwise addition."""
    while len(terms) > 1:
        paired = [(n1 * d2 + n2 * d1, d1 * d2) for (n1, d1), (n2, d2) in zip(terms[0::2], terms[1::2])]
        if len(terms) % 2:
            paired.append(terms[-1])
        terms = paired
    return terms[0]


def exact_weights(p: list[Fraction], w: list[Fraction], K: int) -> list[Fraction]:
    """H^K_p(x) at every atom, exactly; p a distribution and w > 0, both Fractions."""
    support = [k for k, v in enumerate(p) if v > 0]
    a, _ = over_common_denominator([p[k] for k in support])
    b, _ = over_common_denominator(w)
    law = _integer_law(a, [b[k] for k in support], K - 1)
    scale = sum(a) ** (K - 1)  # = D^(K-1): p sums to 1
    by_b: dict[int, Fraction] = {}
    for bx in b:
        if bx not in by_b:
            num, den = _split_sum([(mass, bx + total) for total, mass in law.items()])
            by_b[bx] = Fraction(K * bx * num, scale * den)
    return [by_b[bx] for bx in b]


# -- mpf --------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _powers(prob: tuple, draws: int, prec: int, rnd: str) -> tuple:
    """The reference's row 1, p, p·p, ... (``draws`` + 1 entries), each product rounded."""
    row = [fone]
    for _ in range(draws):
        row.append(mpf_mul(row[-1], prob, prec, rnd))
    return tuple(row)


@lru_cache(maxsize=64)
def _binomials(draws: int, prec: int, rnd: str) -> tuple:
    """The reference's 1 · C(draws, c), each rounded, for c = 0..draws."""
    return tuple(mpf_mul_int(fone, math.comb(draws, c), prec, rnd) for c in range(draws + 1))


@lru_cache(maxsize=256)
def _first_masses(prob: tuple, draws: int, prec: int, rnd: str) -> tuple:
    """The masses the reference gives c draws of the first atom: (1 · C(draws, c)) · p^c, each rounded.

    They do not depend on w, so every reward's law at one p shares them.
    """
    row = _powers(prob, draws, prec, rnd)
    return tuple(mpf_mul(b, r, prec, rnd) for b, r in zip(_binomials(draws, prec, rnd), row))


class _Shape(tuple):
    """A plan's (first counts, moves): the masses depend on w only through it, so it keys them.
    Hashed once (it is looked up at every p)."""

    def __new__(cls, items):
        self = super().__new__(cls, items)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self):
        return self._hash


@lru_cache(maxsize=64)
def _plan(weights: tuple, draws: int, prec: int, rnd: str) -> tuple:
    """The reference's walk with the masses left out (it does not depend on p).

    Returns the shape (the first atom's counts c; per later atom j the moves (source state, c,
    C(left, c) or None when it is 1, target state) in the reference's order and the number of
    states after it) and the final totals.  Totals 0 + t and t + 0·w are t unchanged (already rounded), and
    w·c is formed once per c.
    """
    s = len(weights)
    w_times = [[mpf_mul_int(wj, c, prec, rnd) for c in range(draws + 1)] for wj in weights]
    first = tuple(range(draws + 1)) if s > 1 else (draws,)
    keys = [(c, w_times[0][c]) for c in first]
    steps = []
    for j in range(1, s):
        index: dict[tuple[int, tuple], int] = {}
        moves = []
        for src, (used, total) in enumerate(keys):
            left = draws - used
            for c in ((left,) if j == s - 1 else range(left + 1)):
                key = (used + c, total if not c else mpf_add(total, w_times[j][c], prec, rnd))
                binom = None if c in (0, left) else math.comb(left, c)
                moves.append((src, c, binom, index.setdefault(key, len(index))))
        keys = list(index)
        steps.append((tuple(moves), len(keys)))
    return _Shape((first, tuple(steps))), tuple(total for _, total in keys)


@lru_cache(maxsize=256)
def _denominators(weights: tuple, draws: int, prec: int, rnd: str, wx: tuple) -> tuple:
    """w(x) + T for every final total T of the plan, each rounded."""
    return tuple(mpf_add(wx, t, prec, rnd) for t in _plan(weights, draws, prec, rnd)[1])


@lru_cache(maxsize=32)
def _mpf_masses(probs: tuple, shape: _Shape, draws: int, prec: int, rnd: str) -> list[tuple]:
    """The reference's masses of the plan's final states at p: m · C(left, c) · p_j^c, each product
    rounded, equal totals merged in the reference's order (m · 1 and m · p^0 are m unchanged)."""
    first, steps = shape
    start = _first_masses(probs[0], draws, prec, rnd)
    masses = [start[c] for c in first]
    for j, (moves, size) in enumerate(steps, 1):
        row = _powers(probs[j], draws, prec, rnd)
        out: list[Any] = [None] * size
        for src, c, binom, dst in moves:
            term = masses[src] if binom is None else mpf_mul_int(masses[src], binom, prec, rnd)
            if c:
                term = mpf_mul(term, row[c], prec, rnd)
            old = out[dst]
            out[dst] = term if old is None else mpf_add(old, term, prec, rnd)
        masses = out
    return masses


def mpf_weights(p: list[Any], w: list[Any], K: int, support: list[int], prec: int,
                rnd: str) -> tuple[list[tuple], int]:
    """Raw K w(x) Σ_T P(S = T) / (w(x) + T) at every atom, at ``prec`` bits (p and w mpf at that
    precision), and the number of states of the law."""
    probs, weights = tuple(p[k]._mpf_ for k in support), tuple(w[k]._mpf_ for k in support)
    out = [_weight_at(probs, weights, K, prec, rnd, v._mpf_) for v in w]
    return out, len(_plan(weights, K - 1, prec, rnd)[1])


@lru_cache(maxsize=256)
def _weight_at(probs: tuple, weights: tuple, K: int, prec: int, rnd: str, wx: tuple) -> tuple:
    """Raw K w(x) Σ_T P(S = T) / (w(x) + T) for one w(x); cached, so equal w(x) and the support of the
    last solver step, evaluated again with the other atoms, are formed once."""
    masses = _mpf_masses(probs, _plan(weights, K - 1, prec, rnd)[0], K - 1, prec, rnd)
    dens = _denominators(weights, K - 1, prec, rnd, wx)
    total = mpf_sum([mpf_div(m, d, prec, rnd) for m, d in zip(masses, dens)], prec, rnd)
    return mpf_mul(mpf_mul_int(wx, K, prec, rnd), total, prec, rnd)
