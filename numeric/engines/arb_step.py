r"""The large-K step (and its mixed variant) in arb balls, when python-flint is installed.

Definitions ([FALA26] Eq. 5; the mixing of reference data as in :mod:`._dynamics`)
---------------------------------------------------------------------------------
Z_i(p) = Σ_x p(x) w_i(x),  W(x) = Σ_i q_i w_i(x) / Z_i(p),  p'(x) = p(x) W(x), and with reference data
p'(x) = (1 - λ) p_ref(x) + λ p(x) W(x).  Each w_i is scaled by its largest value (W does not change).

Arithmetic: python-flint's arb (midpoint-radius balls, every operation rounded outward) at ``prec``
bits.  The scaled w enter as balls that contain their exact values (rationals ``exp_rewards``
directly, ``rewards`` through arb's rigorous exp), so every ball of a step, or of a trajectory of
steps, contains the exact value of the map applied to any distribution inside the input balls.
The state is an ``arb_mat`` column kept in arb between steps: Z = A p and W = c A are two matrix
products in C; only the entrywise product p ⊙ W is a loop over the atoms.

Precision is an explicit argument: flint's context precision is set for the duration of each call
and restored after it (flint, like mpmath, keeps one global precision).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, NamedTuple, Sequence

try:  # optional: the ``arb`` extra
    import flint
except ImportError:  # pragma: no cover - exercised on installs without python-flint
    flint = None

from pluralnash.numeric.model.validate import check_int
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.engines.step import large_k_step
from pluralnash.numeric.engines.dynamics import _exact_max
from pluralnash.theory import InvalidArgument

__all__ = ["ArbLargeK", "ArbRun", "ArbEnclosure", "available", "contains_exact", "midpoints"]


def available() -> bool:
    """python-flint is importable and not turned off with PLURALNASH_ARB=0."""
    return flint is not None and os.environ.get("PLURALNASH_ARB", "1") != "0"


@contextmanager
def _prec(bits: int):
    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old


def _fmpq(v: Fraction):
    return flint.fmpq(v.numerator, v.denominator)


class ArbLargeK:
    r"""Eq. 5 (pure or mixed) on one landscape, in arb balls at ``prec`` bits.

    Parameters
    ----------
    landscape : Landscape
    prec : int
        Working precision in bits (170 bits carry 50 digits with 4 guard digits).

    Examples
    --------
    >>> from pluralnash.numeric import Landscape
    >>> L = Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"]], weights=["1/3", "2/3"])
    >>> step = ArbLargeK(L, prec=170)
    >>> P = step.run(step.balls(L.p0), 3)
    >>> exact = [Fraction(v) for v in L.p0]
    >>> for _ in range(3):
    ...     Z = [sum(p * w for p, w in zip(exact, row)) for row in ([1, Fraction(1, 2)], [Fraction(1, 2), 1])]
    ...     exact = [p * (Fraction(1, 3) * a / Z[0] + Fraction(2, 3) * b / Z[1])
    ...              for p, a, b in zip(exact, [1, Fraction(1, 2)], [Fraction(1, 2), 1])]
    >>> all(contains_exact(ball, v) for ball, v in zip(P.entries(), exact))
    True
    """

    def __init__(self, landscape, prec: int):
        if flint is None:
            raise InvalidArgument("python-flint is not installed; install the arb extra "
                                  "(pip install 'pluralnash[arb]') or use evaluate_curated_update")
        check_int(prec, "prec", low=53, high=10**6, rule="a whole number of bits from 53 to 10^6", example="prec=170")
        self.prec, self.n = prec, landscape.n
        used = [i for i, q in enumerate(landscape.weights) if q > 0]
        m = len(used)
        with _prec(prec):
            if landscape.exp_rewards is not None:  # exact rationals, then each row times 1 / max (balls)
                rows = [landscape.exp_rewards[i] for i in used]
                raw = flint.arb_mat(flint.fmpq_mat(m, self.n, [flint.fmpq(v.numerator, v.denominator)
                                                                for row in rows for v in row]))
                inv = [flint.arb(_fmpq(1 / _exact_max(row))) for row in rows]
                self.A = flint.arb_mat(m, m, [inv[a] if a == b else 0 for a in range(m) for b in range(m)]) * raw
            else:  # arb's exp encloses e^{r - max r}
                self.A = flint.arb_mat(m, self.n, [flint.arb(_fmpq(v - top)).exp()
                                                   for row in (landscape.rewards[i] for i in used)
                                                   for top in [_exact_max(row)] for v in row])
            self.q = [flint.arb(_fmpq(landscape.weights[i])) for i in used]
            self.lam = flint.arb(_fmpq(landscape.lam)) if landscape.mixes else None
            self.ref = (flint.arb_mat([[_fmpq(v)] for v in landscape.reference]) * (1 - self.lam)
                        if landscape.mixes else None)

    def balls(self, p: Sequence[Any]):
        """p (Fractions, strings, ints or mpf) as an n x 1 ``arb_mat`` of balls containing it."""
        with _prec(self.prec):
            out = []
            for v in p:
                if isinstance(v, (Fraction, str)):
                    out.append(flint.arb(_fmpq(v if type(v) is Fraction else Fraction(v))))
                else:
                    out.append(flint.arb(v))
            return flint.arb_mat(self.n, 1, out)

    def step(self, P):
        """One step of the map on the balls P (an n x 1 ``arb_mat``); returns new balls."""
        with _prec(self.prec):
            new = large_k_step(ArbMatrix, P, self.A, self.q).p
            if self.lam is not None:
                new = new * self.lam + self.ref
            return new

    def run(self, P, steps: int):
        """``steps`` steps from the balls P."""
        for _ in range(steps):
            P = self.step(P)
        return P


class ArbMatrix:
    """The arithmetic context of the large-K step (:mod:`pluralnash.numeric.engines.step`) on arb
    balls: p an n x 1 ``arb_mat``, the rows w_i the m x n ``arb_mat`` A, so Z = A p and W = c A are
    two matrix products in C."""

    @staticmethod
    def Z(P, A):
        return (A * P).entries()

    @staticmethod
    def coefs(q, Z):
        return [qi / zi for qi, zi in zip(q, Z)]

    @staticmethod
    def W(c, A):
        return (flint.arb_mat(1, len(c), c) * A).entries()

    @staticmethod
    def times(P, W):
        out = P.entries()
        for k, w in enumerate(W):  # in place: each p(x) is dropped as p(x) W(x) replaces it
            out[k] *= w
        return flint.arb_mat(len(out), 1, out)


class ArbEnclosure(NamedTuple):
    """What the arb balls of a run published: ``prec`` bits, the largest radius around p_T (an mpf,
    rounded up) and ``since``, the step the balls last started from points (0: they enclose the exact
    p_T of the map from the exact p_0)."""

    prec: int
    radius: Any
    since: int


class ArbRun:
    r"""The large-K (or mixed) steps of a run of the dynamics in arb balls, for
    :func:`pluralnash.numeric.engines.dynamics.run_dynamics`.

    The balls start at the exact p_0 and are carried from step to step, so they enclose the exact
    p_t, while every ball keeps ``bits`` bits of relative accuracy.  Naive ball arithmetic loses
    about one bit per step (p and Z(p) enter p' as if independent), so the work precision is
    ``bits`` + 64: once a ball falls below ``bits`` accurate bits the next step starts from the
    midpoints (radius 0), which keeps each midpoint within 2^-bits relative of the map applied to the
    previous midpoints (what the block-float engine guarantees) and records the step in ``since``.

    Parameters
    ----------
    landscape : Landscape
    bits : int
        Relative accuracy kept on every mass (the caller's digits and guard digits, in bits).
    """

    def __init__(self, landscape, bits: int):
        self.bits = bits
        self.engine = ArbLargeK(landscape, prec=bits + 64)
        self.P = self.engine.balls(landscape.p0)
        self.t = self.since = 0

    def step(self) -> None:
        """p_{t+1} from p_t."""
        P = self.engine.step(self.P)
        self.t += 1
        if min(map(flint.arb.rel_accuracy_bits, P.entries())) < self.bits:
            P = self.engine.step(self.P.mid())
            self.since = self.t - 1
        self.P = P

    def masses(self, prec: int) -> list:
        """The midpoints as mpf rounded to ``prec`` bits (nearest)."""
        from pluralnash.numeric.arith.blockfloat import to_mpf

        pairs = [b.mid().man_exp() for b in self.P.entries()]
        mans = [int(a) for a, _ in pairs]
        if min(mans) < 0:  # pragma: no cover - the masses are products of positive balls
            raise ArithmeticError("a mass ball has a negative midpoint")
        return to_mpf(mans, [int(e) for _, e in pairs], prec)

    def enclosure(self) -> ArbEnclosure:
        """The balls' precision, largest radius (mpf rounded up) and the step they enclose the exact run from."""
        import mpmath

        rad = _dyadic(max((b.rad() for b in self.P.entries()), key=_rad_key))
        up = mpmath.libmp.from_rational(rad.numerator, rad.denominator, 64, "u")
        return ArbEnclosure(self.engine.prec, mpmath.mpf(up), self.since)


def _rad_key(r) -> tuple[int, int]:
    """A key ordering nonnegative radii (exact arbs, mantissas of at most 30 bits: arb's ``mag``)."""
    man, exp = (int(v) for v in r.mid().man_exp())
    return (man.bit_length() + exp, man << (40 - man.bit_length())) if man else (-(1 << 62), 0)


def _dyadic(x) -> Fraction:
    man, exp = (int(v) for v in x.man_exp())
    return Fraction(man) * Fraction(2) ** exp


def contains_exact(ball, value: Fraction) -> bool:
    """Whether the ball contains the rational ``value``, decided in exact arithmetic.

    (flint's ``ball.contains(fmpq)`` first rounds the rational to a ball at the context
    precision, which a tight ball need not contain.)
    """
    return abs(Fraction(value) - _dyadic(ball.mid())) <= _dyadic(ball.rad())


def midpoints(P, dps: int) -> list:
    """The balls' midpoints as mpf rounded to ``dps`` digits, and the largest radius (an mpf)."""
    import mpmath

    with mpmath.workdps(dps):
        mids = [frac_mpf(_dyadic(b.mid())) for b in P.entries()]
        rad = max((_dyadic(b.rad()) for b in P.entries()), default=Fraction(0))
        return mids, frac_mpf(rad)
