r"""A certified run of the large-K dynamics off the basins, with a tail bound for every later step.

Definitions as in :mod:`pluralnash.numeric.premises` ([FALA26] §2.1-§2.2): closeness
ŵ_i(x) = w_i(x) / max w_i, W_t(x) = Σ_i q_i ŵ_i(x) / Ẑ_i(t), m_t = p_t(X \ S_ε).

The run (:func:`run_outside_scan`) takes exact rational steps while the numbers stay short, then
interval steps (:func:`pluralnash.numeric.engines.arb_step.enclosed_steps`: arb balls when
python-flint is installed, else ``mpmath.iv``; the run records ``mpmath.iv`` enclosures either way),
plus a certified *tail bound* for every t >= T: F(p_t) is non-decreasing,
F* - F(p_T) <= γ_T = max_{x ∈ supp p_0} W_T(x) - 1 (concavity of F in p), and F is μ-strongly
concave in Ẑ on (0, 1]^m with μ = min_{q_i > 0} q_i, so
|Ẑ(p_t) - Ẑ*| <= sqrt(2 γ_T / μ) =: r for all t >= T, hence Ẑ_i(t) ∈ [Ẑ_i(T) - 2r, Ẑ_i(T) + 2r]
and W_t(x) lies in the interval Σ_i q_i ŵ_i(x) / [that box] for every t >= T.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import mpmath

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.arith import lower_end as _lo, upper_end as _hi

if TYPE_CHECKING:
    from pluralnash.numeric.engines.arb_step import EnclosedSteps

__all__ = ["OutsideScan", "run_outside_scan", "basin_mass_run", "raw_sign"]


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
    return [[v / top for v in row] for row in landscape.exp_rewards for top in [max(row)]]


def _scaled_rows(landscape: Landscape) -> tuple[list[list[Fraction]], bool]:
    """ŵ_i(x) exactly (rational ``exp_rewards``), else log ŵ_i(x) = r_i(x) - max r_i; and whether in log form."""
    exact = _scaled_w_exact(landscape)
    if exact is not None:
        return exact, False
    return [[v - top for v in row] for row in landscape.rewards for top in [max(row)]], True


def _scaled_w_iv(landscape: Landscape) -> list:
    """ŵ_i(x) as intervals at the current precision."""
    rows, log = _scaled_rows(landscape)
    return [[iv.exp(iv_frac(v)) if log else iv_frac(v) for v in row] for row in rows]


def _tail(landscape: Landscape, Z, W, w_iv, q_iv, mu, atoms):
    """Enclosures of W_t(x), valid for every t >= the current step, or None (see module docstring).

    ``Z`` and ``W`` (indexed by atom, at least on supp p_0) hold Fractions or ``mpmath.iv`` intervals."""
    supp = landscape.support()
    Wiv = [_as_iv(W[x]) for x in supp]
    gamma = (iv.mpf(max(_hi(v) for v in Wiv)) - 1).b
    if gamma < 0:
        gamma = iv.mpf(0)
    r = iv.sqrt(2 * iv.mpf(gamma) / iv_frac(mu)).b
    box = []
    for i, z in enumerate(Z):
        zi = _as_iv(z)
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


def _runs(landscape: Landscape, work: int, backend: str | None) -> tuple[EnclosedSteps, EnclosedSteps]:
    """The run to start with (exact for rational ``exp_rewards``) and the interval run it switches to."""
    from pluralnash.numeric.engines.arb_step import enclosed_steps  # python-flint loads on first use

    rows, log = _scaled_rows(landscape)
    interval = enclosed_steps(rows, landscape.weights, work, log=log, backend=backend)
    return (interval if log else enclosed_steps(rows, landscape.weights, work, backend="exact")), interval


def _switched(run: EnclosedSteps, interval: EnclosedSteps, P, exact_bits: int):
    """(run, P), moved to the interval run once an exact p_t has a numerator or denominator over ``exact_bits`` bits."""
    if run.backend == "exact" and \
            max(max(v.numerator.bit_length(), v.denominator.bit_length()) for v in P) > exact_bits:
        return interval, interval.vector(P)
    return run, P


def run_outside_scan(landscape: Landscape, outside: tuple[int, ...], in_limit: set[int], *, horizon: int,
                     prec: int, exact_bits: int, backend: str | None = None) -> OutsideScan:
    r"""The run of :func:`pluralnash.numeric.premises.run_premises.scan_outside` on the atoms ``outside``
    (X \ S_ε); ``in_limit`` holds those in the certified limit's support (their tails never fall
    below 1, since W_t(x) -> 1 there).  Arguments are checked by the caller.  The interval steps run in
    arb balls when python-flint is installed (``backend``: :func:`~.arb_step.enclosed_steps`), read
    back as ``mpmath.iv`` intervals."""
    live = tuple(x for x in outside if landscape.p0[x] > 0)
    q = list(landscape.weights)
    mu = min(v for v in q if v > 0)
    work = prec + horizon + 16
    supp = landscape.support()
    with iv_workprec(work):
        run, interval = _runs(landscape, work, backend)
        q_iv = [iv_frac(v) if v else None for v in q]
        P = run.vector(landscape.p0)
        ms, W_out = [], []
        exact_steps = 0
        tail_from, tail = None, {}
        grew = b4_failed = False
        t = 0
        while True:
            Z, W, P_next = run.parts(P)
            p = run.entries(P)
            ms.append(run.publish(run.total(p[x] for x in live)))
            W_out.append(run.publish_all(W[x] for x in outside))
            b4_failed = b4_failed or any(_at_least_one(v) for v in W_out[-1])
            if t >= 1 and live:
                prev, cur = _as_iv(ms[-2]), _as_iv(ms[-1])
                grew = grew or ((cur - prev).a >= 0 and prev.a > 0)
            if grew and b4_failed:
                break  # both the decay and B.4 already fail at a certified step
            if outside and (t in _CHECKPOINTS or t == horizon):
                enc = _tail(landscape, run.publish_all(Z), {x: run.publish(W[x]) for x in supp},
                            interval.w_iv, q_iv, mu, outside)
                if enc is not None:
                    tail_from, tail = t, enc
                    decided = all(hi < 1 or lo > 1 for x, (lo, hi) in enc.items() if x not in in_limit)
                    live_ok = all(enc[x][1] < 1 for x in live)
                    if decided and (live_ok or grew or in_limit):
                        break
            if t == horizon or not outside:
                break
            if not run.narrow(P_next):
                break  # the enclosures would be too wide to decide anything: stop at step t
            P = P_next
            t += 1
            if run.backend == "exact":
                exact_steps = t
                run, P = _switched(run, interval, P, exact_bits)
    if run.backend == "exact":
        exact_steps = t
    return OutsideScan(outside=outside, live=live, m=tuple(ms), W_out=tuple(W_out), steps=t,
                       exact_steps=exact_steps, tail_from=tail_from, tail=tail, prec=work)


def basin_mass_run(landscape: Landscape, atoms, steps: int, prec: int, *, exact_bits: int = 3000,
                   backend: str | None = None) -> list:
    """p_0(A), ..., p_T(A) of the large-K run for the atoms A (Fractions while every p_t(x) has at most
    ``exact_bits`` bits, then ``mpmath.iv`` enclosures from arb balls or iv, ``prec + steps + 16`` bits)."""
    work = prec + steps + 16  # interval steps lose about a bit each (see scan_outside)
    out = []
    with iv_workprec(work):
        run, interval = _runs(landscape, work, backend)
        P = run.vector(landscape.p0)
        for t in range(steps + 1):
            p = run.entries(P)
            out.append(run.publish(run.total(p[x] for x in atoms)))
            if t == steps:
                break
            run, P = _switched(run, interval, run.step(P), exact_bits)
    return out


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
    """v >= 1: True / False when certified, None when undecided.

    An interval's endpoints are compared as mpf numbers (exactly, as ``v.a >= 1`` and ``v.b < 1`` do,
    without building an interval for each endpoint)."""
    if isinstance(v, Fraction):
        return v >= 1
    if _lo(v) >= 1:
        return True
    if _hi(v) < 1:
        return False
    return None
