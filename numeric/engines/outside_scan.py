r"""A certified run of the large-K dynamics off the basins, with a tail bound for every later step.

Definitions as in :mod:`pluralnash.numeric.premises` ([FALA26] §2.1-§2.2): closeness
ŵ_i(x) = w_i(x) / max w_i, W_t(x) = Σ_i q_i ŵ_i(x) / Ẑ_i(t), m_t = p_t(X \ S_ε).

The run (:func:`run_outside_scan`) takes exact rational steps while the numbers stay short, then
interval steps (:mod:`pluralnash.numeric.engines.step`), plus a certified *tail bound* for every
t >= T: F(p_t) is non-decreasing, F* - F(p_T) <= γ_T = max_{x ∈ supp p_0} W_T(x) - 1 (concavity of
F in p), and F is μ-strongly concave in Ẑ on (0, 1]^m with μ = min_{q_i > 0} q_i, so
|Ẑ(p_t) - Ẑ*| <= sqrt(2 γ_T / μ) =: r for all t >= T, hence Ẑ_i(t) ∈ [Ẑ_i(T) - 2r, Ẑ_i(T) + 2r]
and W_t(x) lies in the interval Σ_i q_i ŵ_i(x) / [that box] for every t >= T.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import mpmath

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.step import FIELD, large_k_step, without_zero_weights
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.arith import lower_end as _lo, upper_end as _hi

__all__ = ["OutsideScan", "run_outside_scan", "raw_sign"]


@dataclass(frozen=True)
class OutsideScan:
    r"""What a certified run of the large-K dynamics says about the atoms outside S_ε.

    Attributes
    ----------
    outside : tuple of int
        X \ S_ε (all of them, including atoms with p_0(x) = 0).
    live : tuple of int
        The outside atoms with p_0(x) > 0 (the only ones that carry m_t).
    m : tuple
        m_0, ..., m_T (Fraction while exact, then ``iv.mpf`` enclosures).
    W_out : tuple
        Per t = 0..T, the list W_t(x) for x in ``outside``.
    steps : int
        T, the last step computed.
    exact_steps : int
        Steps done in exact rational arithmetic.
    tail_from : int or None
        T' <= T from which the tail enclosures hold (None if none was certified).
    tail : dict
        x -> (lo, hi): for every t >= T', lo <= W_t(x) <= hi (mpf bounds).
    prec : int
        Working interval precision in bits.
    """

    outside: tuple[int, ...]
    live: tuple[int, ...]
    m: tuple
    W_out: tuple
    steps: int
    exact_steps: int
    tail_from: int | None
    tail: dict
    prec: int

    @property
    def method(self) -> str:
        return "exact" if self.exact_steps >= self.steps else "interval"


def _scaled_w_exact(landscape: Landscape) -> list[list[Fraction]] | None:
    if landscape.exp_rewards is None:
        return None
    return [[v / max(row) for v in row] for row in landscape.exp_rewards]


def _scaled_w_iv(landscape: Landscape) -> list:
    """ŵ_i(x) as intervals at the current precision."""
    if landscape.exp_rewards is not None:
        return [[iv_frac(v / max(row)) for v in row] for row in landscape.exp_rewards]
    return [[iv.exp(iv_frac(v - max(row))) for v in row] for row in landscape.rewards]


def _tail(landscape: Landscape, p, Z, W, w_iv, q_iv, mu, atoms):
    """Enclosures of W_t(x), valid for every t >= the current step, or None (see module docstring)."""
    supp = landscape.support()
    Wiv = [W[x] if not isinstance(W[x], Fraction) else iv_frac(W[x]) for x in supp]
    gamma = (iv.mpf(max(_hi(v) for v in Wiv)) - 1).b
    if gamma < 0:
        gamma = iv.mpf(0)
    r = iv.sqrt(2 * iv.mpf(gamma) / iv_frac(mu)).b
    box = []
    for i, z in enumerate(Z):
        zi = iv_frac(z) if isinstance(z, Fraction) else z
        lo = _lo(iv.mpf(zi.a) - 2 * iv.mpf(r))
        hi = min(_hi(iv.mpf(zi.b) + 2 * iv.mpf(r)), mpmath.mpf(1))
        if lo <= 0:
            return None
        box.append(iv.mpf([lo, hi]))
    out = {}
    for x in atoms:
        enc = sum((qi * w_iv[i][x] / box[i] for i, qi in enumerate(q_iv) if qi is not None), iv.mpf(0))
        out[x] = (_lo(enc), _hi(enc))
    return out


_CHECKPOINTS = (2, 4, 8, 16, 32, 48, 64, 96, 128, 160, 200, 256, 320, 400)


def run_outside_scan(landscape: Landscape, outside: tuple[int, ...], in_limit: set[int], *, horizon: int,
                     prec: int, exact_bits: int) -> OutsideScan:
    r"""The run of :func:`pluralnash.numeric.premises.run_premises.scan_outside` on the atoms ``outside``
    (X \ S_ε); ``in_limit`` holds those in the certified limit's support (their tails never fall
    below 1, since W_t(x) -> 1 there).  Arguments are checked by the caller."""
    live = tuple(x for x in outside if landscape.p0[x] > 0)
    q = list(landscape.weights)
    active = [i for i, v in enumerate(q) if v > 0]
    mu = min(q[i] for i in active)
    exact_w = _scaled_w_exact(landscape)
    work = prec + horizon + 16
    with iv_workprec(work):
        w_iv = _scaled_w_iv(landscape)
        q_iv = [iv_frac(v) if v else None for v in q]
        if exact_w is not None:
            p, w, qq, exact = list(landscape.p0), exact_w, q, True
        else:
            p, w, qq, exact = [iv_frac(v) for v in landscape.p0], w_iv, [iv_frac(v) for v in q], False
        zero = Fraction(0) if exact else iv.mpf(0)
        ms, W_out = [], []
        exact_steps = 0
        tail_from, tail = None, {}
        grew = b4_failed = False
        t = 0
        while True:
            Z, W, p_next = large_k_step(FIELD, p, w, without_zero_weights(q, qq))
            ms.append(sum((p[x] for x in live), zero))
            W_out.append([W[x] for x in outside])
            b4_failed = b4_failed or any(_at_least_one(W[x]) for x in outside)
            if t >= 1 and live:
                prev, cur = _as_iv(ms[-2]), _as_iv(ms[-1])
                grew = grew or ((cur - prev).a >= 0 and prev.a > 0)
            if grew and b4_failed:
                break  # both the decay and B.4 already fail at a certified step
            if outside and (t in _CHECKPOINTS or t == horizon):
                enc = _tail(landscape, p, Z, W, w_iv, q_iv, mu, outside)
                if enc is not None:
                    tail_from, tail = t, enc
                    decided = all(hi < 1 or lo > 1 for x, (lo, hi) in enc.items() if x not in in_limit)
                    live_ok = all(enc[x][1] < 1 for x in live)
                    if decided and (live_ok or grew or in_limit):
                        break
            if t == horizon or not outside:
                break
            if not exact and not _narrow(p_next):
                break  # the enclosures would be too wide to decide anything: stop at step t
            p = p_next
            t += 1
            if exact:
                exact_steps = t
                if max(max(v.numerator.bit_length(), v.denominator.bit_length()) for v in p) > exact_bits:
                    p, w, qq, exact = [iv_frac(v) for v in p], w_iv, [iv_frac(v) for v in q], False
                    zero = iv.mpf(0)
    if exact:
        exact_steps = t
    return OutsideScan(outside=outside, live=live, m=tuple(ms), W_out=tuple(W_out), steps=t,
                       exact_steps=exact_steps, tail_from=tail_from, tail=tail, prec=work)


def _narrow(p) -> bool:
    """Every enclosure finite, positive where nonzero, with relative width below 2^-32."""
    for v in p:
        lo, hi = _lo(v), _hi(v)
        if not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
            return False
        if hi == 0:
            continue
        if lo <= 0 or (hi - lo) > hi * mpmath.mpf(2) ** -32:
            return False
    return True


def _as_iv(v):
    return iv_frac(v) if isinstance(v, Fraction) else v


def raw_sign(x, y) -> int | None:
    """Sign of x - y for Fractions or ``iv.mpf`` enclosures (None when the intervals overlap).

    A fast path for per-step loops; equality is only ever reported between two Fractions.
    """
    if isinstance(x, Fraction) and isinstance(y, Fraction):
        return (x > y) - (x < y)
    X, Y = _as_iv(x), _as_iv(y)
    if X.b < Y.a:
        return -1
    if X.a > Y.b:
        return 1
    return None


def _at_least_one(v) -> bool | None:
    """v >= 1: True / False when certified, None when undecided."""
    if isinstance(v, Fraction):
        return v >= 1
    if v.a >= 1:
        return True
    if v.b < 1:
        return False
    return None
