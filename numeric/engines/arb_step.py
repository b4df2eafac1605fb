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

The engines that certify from a run (the collapse dynamics, the outside scan and the basin masses of
the two-basin lemmas, the mixed map's potential) iterate the map through :func:`enclosed_steps`: one
interface over exact Fractions, ``mpmath.iv`` intervals and arb balls, arb when python-flint is
installed (``PLURALNASH_ARB=0`` turns it off).  What they compare is read back as ``mpmath.iv``
intervals that contain the balls, radii included (:func:`pluralnash.numeric.arith.arb.ball_iv`), so
a verdict stands on either backend: a sound enclosure on one is a sound enclosure on the other, and
a comparison one leaves undecided the other may decide, never the opposite way.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any, NamedTuple, Sequence

import mpmath

try:  # optional: the ``arb`` extra
    import flint
except ImportError:  # pragma: no cover - exercised on installs without python-flint
    flint = None

from pluralnash.numeric.model.validate import check_int
from pluralnash.numeric.arith import arb as _arb
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.arith import lower_end as _lo, upper_end as _hi
from pluralnash.numeric.engines.step import FIELD, LargeKStep, large_k_step, mixed_step, without_zero_weights
from pluralnash.numeric.engines.dynamics import _exact_max
from pluralnash.theory import InvalidArgument

__all__ = ["ArbLargeK", "ArbRun", "ArbEnclosure", "EnclosedSteps", "available", "contains_exact", "enclosed_steps",
           "interval_kind", "midpoints"]


def available() -> bool:
    """python-flint is importable and not turned off with PLURALNASH_ARB=0."""
    return flint is not None and _arb.available()


_prec = _arb.arb_prec


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

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Fraction]], q: Sequence[Fraction], prec: int, *, log: bool = False,
                  lam: Fraction | None = None, kept: Sequence[Fraction] | None = None) -> "ArbLargeK":
        r"""The map with the rows w_i given directly: ``rows[i][x]`` is w_i(x) (``log=False``) or log w_i(x)
        (``log=True``, enclosed by arb's exp), Fractions; ``q`` the weights (a zero weight gives an exact
        zero coefficient: the reward enters Z only); with ``lam`` the mixed map, ``kept`` = (1 - λ) p_ref."""
        check_int(prec, "prec", low=53, high=10**6, rule="a whole number of bits from 53 to 10^6", example="prec=170")
        self = cls.__new__(cls)
        self.prec, self.n = prec, len(rows[0])
        with _prec(prec):
            make = (lambda v: _arb.frac_ball(v).exp()) if log else _arb.frac_ball
            self.A = flint.arb_mat(len(rows), self.n, [make(v) for row in rows for v in row])
            self.q = [_arb.frac_ball(v) for v in q]
            self.lam = None if lam is None else _arb.frac_ball(lam)
            self.ref = None if lam is None else flint.arb_mat(self.n, 1, [_arb.frac_ball(v) for v in kept])
        return self

    def parts(self, P) -> LargeKStep:
        """Z_i for every row, W(x) (lists of balls) and the pure step p W (an n x 1 ``arb_mat``) at the balls P."""
        with _prec(self.prec):
            return large_k_step(ArbMatrix, P, self.A, self.q)

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
        return [qi if qi.is_zero() else qi / zi for qi, zi in zip(q, Z)]  # q_i = 0: c_i = 0 exactly

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
    with mpmath.workdps(dps):
        mids = [frac_mpf(_dyadic(b.mid())) for b in P.entries()]
        rad = max((_dyadic(b.rad()) for b in P.entries()), default=Fraction(0))
        return mids, frac_mpf(rad)


# ----------------------------------------------------------------------------------------------
# the map on enclosures, for the engines that read certified values off a run


class EnclosedSteps:
    r"""Eq. 5 (pure or mixed) iterated on enclosures, one interface over three arithmetics.

    The engines that certify something from a run (the collapse dynamics, the outside scan, the basin
    masses, the mixed map's potential) hold a state made by :meth:`vector`, take the next one from
    :meth:`step` (or Z, W and the pure step from :meth:`parts`), and read the backend's numbers through
    :meth:`publish`: a Fraction on the exact backend, else an ``mpmath.iv`` interval at ``prec`` bits
    that contains the backend's enclosure (an arb ball converted with its radius, outward).  Sums and
    logarithms of the backend's numbers (:meth:`total`, :meth:`objective`) stay in the backend.
    Built by :func:`enclosed_steps`.

    Attributes
    ----------
    backend : str
        ``"exact"``, ``"iv"`` or ``"arb"``.
    prec : int
        Working precision in bits (the intervals' and the balls').
    used : list of int
        The rewards with q_i > 0 (the others enter Z only).
    """

    backend = ""

    def __init__(self, rows, q, prec: int, log: bool):
        self.rows, self.prec, self.log = rows, prec, log
        self.used = [i for i, v in enumerate(q) if v > 0]

    @functools.cached_property
    def w_iv(self) -> list[list]:
        """The rows w_i(x) as ``mpmath.iv`` intervals at ``prec`` bits (log form: iv's exp)."""
        with iv_workprec(self.prec):
            if self.log:
                return [[iv.exp(iv_frac(v)) for v in row] for row in self.rows]
            return [[iv_frac(v) for v in row] for row in self.rows]

    def objective(self, P):
        """F = Σ_i q_i log Z_i(P) over the rewards with q_i > 0, computed in the backend, published."""
        with self.context():
            Z = self.Z(P)
            return self.publish(self.total(self.q[i] * self.ln(Z[i]) for i in self.used))

    def log_sum(self, P, weights) -> Any:
        """Σ c_x log P(x) over ``weights`` = [(x, c_x), ...] (Fractions c_x), computed in the backend, published."""
        with self.context():
            p = self.entries(P)
            return self.publish(self.total(self.const(c) * self.ln(p[x]) for x, c in weights))

    def publish_all(self, xs) -> list:
        """:meth:`publish` on each of ``xs``."""
        return [self.publish(x) for x in xs]


class _FieldSteps(EnclosedSteps):
    """Exact Fractions or ``mpmath.iv`` intervals, as lists, stepped by ``large_k_step(FIELD, ...)``."""

    def __init__(self, rows, q, prec: int, log: bool, mix, exact: bool):
        super().__init__(rows, q, prec, log)
        self.backend = "exact" if exact else "iv"
        with self.context():
            self.w = rows if exact else self.w_iv
            self.q = without_zero_weights(q, list(q) if exact else [iv_frac(v) for v in q])
            self.zero = Fraction(0) if exact else iv.mpf(0)
            self.mix = None if mix is None else (iv_frac(mix[0]), [iv_frac(v) for v in mix[1]])

    def context(self):
        return iv_workprec(self.prec)

    def vector(self, p) -> list:
        if self.backend == "exact":
            return [Fraction(v) for v in p]
        with self.context():
            return [v if isinstance(v, iv.mpf) else iv_frac(Fraction(v)) for v in p]

    def parts(self, P) -> LargeKStep:
        with self.context():
            return large_k_step(FIELD, P, self.w, self.q)

    def step(self, P) -> list:
        with self.context():
            if self.mix is None:
                return large_k_step(FIELD, P, self.w, self.q).p
            return mixed_step(FIELD, P, self.w, self.q, *self.mix)

    def Z(self, P) -> list:
        return FIELD.Z(P, self.w)

    @staticmethod
    def entries(P) -> list:
        return P

    def total(self, xs):
        return sum(xs, self.zero)

    @staticmethod
    def ln(x):
        return iv.log(x)

    @staticmethod
    def const(c: Fraction):
        return iv_frac(c)

    @staticmethod
    def publish(x):
        return x

    def narrow(self, P) -> bool:
        """Every enclosure finite, positive where nonzero, with relative width below 2^-32."""
        if self.backend == "exact":
            return True
        for v in P:
            lo, hi = _lo(v), _hi(v)
            if not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
                return False
            if hi == 0:
                continue
            if lo <= 0 or (hi - lo) > hi * mpmath.mpf(2) ** -32:
                return False
        return True


class _ArbSteps(EnclosedSteps):
    """arb balls (python-flint): the state an n x 1 ``arb_mat``, the step :class:`ArbLargeK`'s."""

    backend = "arb"

    def __init__(self, rows, q, prec: int, log: bool, mix):
        super().__init__(rows, q, prec, log)
        lam, kept = (None, None) if mix is None else mix
        self.engine = ArbLargeK.from_rows(rows, q, prec, log=log, lam=lam, kept=kept)
        self.q = self.engine.q

    def context(self):
        return _prec(self.prec)

    def vector(self, p):
        with self.context():
            balls = [_arb.iv_ball(v) if isinstance(v, iv.mpf) else v if isinstance(v, flint.arb)
                     else _arb.frac_ball(v) for v in p]
            return flint.arb_mat(len(balls), 1, balls)

    def parts(self, P) -> LargeKStep:
        return self.engine.parts(P)

    def step(self, P):
        return self.engine.step(P)

    def Z(self, P) -> list:
        with self.context():
            return ArbMatrix.Z(P, self.engine.A)

    @staticmethod
    def entries(P) -> list:
        return P.entries()

    def total(self, xs):
        with self.context():
            return sum(xs, flint.arb(0))

    @staticmethod
    def ln(x):
        return x.log()

    @staticmethod
    def const(c: Fraction):
        return _arb.frac_ball(c)

    def publish(self, x):
        return _arb.ball_iv(x, self.prec)

    def narrow(self, P) -> bool:
        """Every ball exact zero, or with relative radius below about 2^-33 (the iv test's width 2^-32)."""
        return all(b.is_zero() or b.rel_accuracy_bits() >= 33 for b in P.entries())


def interval_kind(backend: str | None = None) -> str:
    """The backend :func:`enclosed_steps` runs for ``backend``: None gives ``"arb"`` when :func:`available`,
    else ``"iv"``."""
    return ("arb" if available() else "iv") if backend is None else _arb.interval_backend(backend)


def enclosed_steps(rows: Sequence[Sequence[Fraction]], q: Sequence[Fraction], prec: int, *, log: bool = False,
                   mix: tuple[Fraction, Sequence[Fraction]] | None = None,
                   backend: str | None = None) -> EnclosedSteps:
    r"""Eq. 5 on enclosures (:class:`EnclosedSteps`), in arb balls when python-flint is available.

    Parameters
    ----------
    rows : sequence of sequence of Fraction
        w_i(x) for every reward i (any positive scale per row), or log w_i(x) with ``log=True``.
    q : sequence of Fraction
        The weights, one per row (q_i = 0: the reward enters Z only).
    prec : int
        Bits of the intervals and balls.
    mix : (λ, kept), optional
        The mixed map (1 - λ) p_ref + λ p W, ``kept`` = (1 - λ) p_ref (Fractions).
    backend : {"arb", "iv", "exact"} or None
        None: arb when python-flint is importable and ``PLURALNASH_ARB`` is not 0, else iv.
        ``"exact"`` (rational rows only) steps Fractions.

    Examples
    --------
    >>> rows, q = [[Fraction(1), Fraction(1, 2)], [Fraction(1, 2), Fraction(1)]], [Fraction(1, 3), Fraction(2, 3)]
    >>> exact = enclosed_steps(rows, q, 128, backend="exact")
    >>> p = exact.step(exact.step(exact.vector(["1/2", "1/2"])))
    >>> run = enclosed_steps(rows, q, 128)
    >>> P = run.step(run.step(run.vector(["1/2", "1/2"])))
    >>> all(map(_arb.iv_contains, run.publish_all(run.entries(P)), p))
    True
    """
    if backend == "exact":
        if log:
            raise InvalidArgument("backend='exact' needs rational rows (log=False); pass backend='iv' or 'arb'")
        return _FieldSteps(rows, q, prec, log, mix, exact=True)
    if interval_kind(backend) == "arb":
        return _ArbSteps(rows, q, prec, log, mix)
    return _FieldSteps(rows, q, prec, log, mix, exact=False)
