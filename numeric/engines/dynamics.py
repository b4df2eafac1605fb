r"""The curated retraining map and its trajectories.

Definitions ([FALA26] §2.1, Eq. 5, Lemma 3.1; m rewards)
--------------------------------------------------------
- Z_i(p) = E_p[w_i] = Σ_x p(x) w_i(x), with w_i = e^{r_i}.
- W(x) = Σ_i q_i w_i(x) / Z_i(p): the large-K weight; p'(x) = p(x) W(x) (Eq. 5).
- Finite K: p'(x) = p(x) Σ_i q_i H^{K,r_i}_p(x) (Lemma 3.1), H from :mod:`._finite_k`.
- F(p) = Σ_i q_i log Z_i(p): the potential the large-K map ascends; ∂F/∂p(x) = W(x).

Python spellings: ``q`` = weights, ``w`` = e^r, ``Z``, ``W``, ``F``, ``K``; ``eps`` = ε.

Arithmetic: *exact* (Fractions) when the landscape gives rational ``exp_rewards`` and
the mass vector is rational; otherwise mpmath at ``dps`` digits with each w_i scaled by
its maximum (W is invariant to that scaling, so rewards of magnitude 10^6 neither
overflow nor underflow).  Reported Z_i are in the original, unscaled units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from operator import add
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.numeric.arith import blockfloat as _bf
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model import Landscape, rows_of as _rows_of
from pluralnash.numeric.arith.format import number_text
from pluralnash.numeric.arith.precision import check_dps
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.engines.step import EXACT, MPF, LargeKStep, block_float_step, large_k_step
from pluralnash.theory._words import plural
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import InvalidArgument

__all__ = [
    "evaluate_large_k_weights",
    "evaluate_curated_update",
    "evaluate_objective",
    "evaluate_Z",
    "run_dynamics",
    "Trajectory",
    "DynamicsRecord",
    "DEFAULT_DPS",
]

DEFAULT_DPS = 30
# exact trajectories stop (with a clear error) once a denominator passes this many bits
MAX_EXACT_BITS = 3 * 10**5
GUARD = 10


_check_dps = check_dps  # the user's dps, checked once; internal calls add GUARD after the check


def _mass_vector(landscape: Landscape, p: Sequence[Any] | None, exact: bool, name: str = "p"):
    if p is None:
        p = landscape.p0
    p = _rows_of(p)  # a numpy array as a list of Python numbers
    if len(p) != landscape.n:
        raise InvalidArgument(f"{name} has {plural(len(p), 'entry')} but the landscape has {plural(landscape.n, 'atom')}; give one mass per atom")
    if exact:
        return list(p)
    if len(p) > 64 and all(type(v) is Fraction for v in p):  # the same values, without n mpf divisions
        distinct = dict.fromkeys(p)
        out = _bf.rationals_to_mpf(list(distinct), mpmath.mp.prec)
        if out is not None:
            if len(distinct) == len(p):
                return out
            table = dict(zip(distinct, out))
            return [table[v] for v in p]
    mpf = mpmath.mpf
    return [v if type(v) is mpf else (frac_mpf(v) if isinstance(v, Fraction) else mpf(_scalar(v)))
            for v in p]


def _scalar(v: Any) -> Any:
    """A numpy scalar as the Python number it holds (mpmath reads those); anything else unchanged."""
    item = getattr(v, "item", None)
    return item() if callable(item) and not isinstance(v, (int, float, str)) else v


def _is_exact_vector(p: Sequence[Any] | None) -> bool:
    return p is None or all(isinstance(v, (Fraction, int)) for v in p)


class _Weights:
    """w_i(x) in the arithmetic of one computation: exact Fractions or scaled mpf.

    With ``atoms`` only those columns are kept (in that order): Z_i(p) needs w only where
    p(x) > 0, and a limit's support is often a handful of the n atoms.  The values are the
    same as :meth:`Landscape.scaled_w` gives for those atoms.
    """

    def __init__(self, landscape: Landscape, exact: bool, dps: int, atoms: Sequence[int] | None = None):
        self.exact = exact
        if exact:
            self.w = [list(row) if atoms is None else [row[k] for k in atoms] for row in landscape.exact_w()]
            self.scale = [Fraction(1)] * landscape.m
        else:
            self.w = landscape.scaled_w(dps + GUARD) if atoms is None else _scaled_w_on(landscape, dps + GUARD, atoms)
            with mpmath.workdps(dps + GUARD):
                if landscape.exp_rewards is not None:
                    self.scale = [frac_mpf(_exact_max(r)) for r in landscape.exp_rewards]
                else:
                    self.scale = [mpmath.exp(frac_mpf(_exact_max(r))) for r in landscape.rewards]
        self.q = [v if exact else frac_mpf(v) for v in landscape.weights]

    def step(self, p) -> LargeKStep:
        """Z_i(p), W(p) and p ⊙ W(p) ([FALA26] Eq. 5) in this arithmetic."""
        return large_k_step(EXACT if self.exact else MPF, p, self.w, self.q)

    def Z(self, p):
        return (EXACT if self.exact else MPF).Z(p, self.w)


def _scaled_w_on(landscape: Landscape, dps: int, atoms: Sequence[int]) -> list[list]:
    """The columns ``atoms`` of ``landscape.scaled_w(dps)``, computing only those."""
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    out = []
    with mpmath.workdps(dps):
        for row in src:
            top = _exact_max(row)
            if landscape.exp_rewards is not None:
                scale = frac_mpf(top)
                out.append([frac_mpf(row[k]) / scale for k in atoms])
            else:
                out.append([mpmath.exp(frac_mpf(row[k] - top))
                            for k in atoms])
    return out


class _FastLargeK:
    """The large-K step in big-integer floating point (see :mod:`._blockfloat`).

    Each w_i(x) is read once into a mantissa of ``bits`` + 32 bits and an exponent: from the
    rational ``exp_rewards`` directly, or as e^{-(r_i^* - r_i(x))} for ``rewards`` (W is invariant
    to scaling each w_i, so dividing by the maximum changes nothing and keeps every exponent <= 0).
    Masses are read exactly from their mpf form.  Exponents are unbounded integers, so masses of
    10^-300 or rewards of magnitude 10^6 cost no more than values near 1.  Each p'(x) errs by less
    than 2^{4-bits-32} relative before the final rounding to mpf.
    """

    def __init__(self, landscape: Landscape, dps: int):
        self.dps = dps
        self.bits = int((dps + GUARD) * 3.33) + 1
        self.work = self.bits + 32
        self.ctx = _bf.BlockFloat(self.work)
        self.n = landscape.n
        self.q = list(landscape.weights)
        self.used = used = [i for i, v in enumerate(self.q) if v]
        self.q = [self.q[i] for i in used]
        if landscape.exp_rewards is not None:
            self.w_all = [_bf.from_rationals(row, self.work) for row in landscape.exp_rewards]
            self.top = None  # w_i is read unscaled
        else:
            self.top = [_exact_max(row) for row in landscape.rewards]  # w_i / e^{r_i^*} is read
            self.w_all = [_bf.exp_neg(*_bf.differences(top, row), self.work)
                          for top, row in zip(self.top, landscape.rewards)]
        self.w_all = [(wm, _bf.compact_ints(we)) for wm, we in self.w_all]  # kept: 8 bytes per exponent
        self.w = [self.w_all[i] for i in used]

    def step(self, p, dps: int | None = None, *, prec: int | None = None):
        """p' from p (mpf, or anything mpf() reads) rounded to ``dps`` digits (default dps + GUARD),
        or to ``prec`` bits; None when p is not a nonnegative finite vector with some mass."""
        parts = _bf.from_mpf(p, self.work + self.n.bit_length() + 8)
        new = None if parts is None else block_float_step(self.ctx, parts, self.w, self.q)
        del parts  # p's mantissas are not needed while p' is rounded
        if new is None:
            return None
        return _bf.to_mpf(*new, prec or mpmath.libmp.dps_to_prec(dps or self.dps + GUARD))

    def summary(self, p, groups: Sequence[Sequence[int]] = ()) -> dict[str, Any] | None:
        r"""Z_i(p) (original units), W_max = max over supp p of W(x), F(p) and the masses p(G) of each
        group G, in one pass over p in big-integer floating point, rounded to ``dps`` digits.

        Each sum is of positive terms truncated to a common exponent (relative error below
        n · 2^{2-work}, :mod:`._blockfloat`), so every value is correct to about ``work`` bits
        before the final rounding.  None when p is not a nonnegative finite vector with some mass.
        """
        parts = _bf.from_mpf(p, self.work + self.n.bit_length() + 8)
        if parts is None:
            return None
        pm, pe = parts
        support = [k for k, v in enumerate(pm) if v]
        if not support:
            return None
        pick = (lambda xs: [xs[k] for k in support]) if len(support) < self.n else list
        pm, pe = pick(pm), pick(pe)
        w = [(pick(wm), pick(we)) for wm, we in self.w_all]
        Z = self.ctx.Z((pm, pe), w)
        W, M = self.ctx.W(self.ctx.coefs(self.q, [Z[i] for i in self.used]), [w[i] for i in self.used])
        keys = list(map(add, map(int.bit_length, W), M))
        best = max(keys)
        near = [k for k, v in enumerate(keys) if v >= best - 1]
        low = min(M[k] for k in near)
        arg = max(near, key=lambda k: W[k] << (M[k] - low))
        masses = []
        index = {k: j for j, k in enumerate(support)}
        for group in groups:
            js = [index[k] for k in group if k in index]
            if not js:
                masses.append((0, 0))
                continue
            top = max(pe[j] for j in js)
            masses.append((sum(pm[j] >> (top - pe[j]) for j in js), top))
        prec = mpmath.libmp.dps_to_prec(self.dps + GUARD)
        out_z = _bf.to_mpf([z for z, _ in Z], [e for _, e in Z], prec)
        with mpmath.workdps(self.dps + GUARD):
            if self.top is not None:
                out_z = [z * mpmath.exp(frac_mpf(t)) for z, t in zip(out_z, self.top)]
            F = mpmath.fsum(frac_mpf(q) * mpmath.log(out_z[i]) for q, i in zip(self.q, self.used))
        (w_max,) = _bf.to_mpf([W[arg]], [M[arg]], prec)
        group_mass = _bf.to_mpf([m for m, _ in masses], [e for _, e in masses], prec) if masses else []
        return {"Z": _round(out_z, self.dps), "W_max": _round([w_max], self.dps)[0], "F": _round([F], self.dps)[0],
                "groups": _round(group_mass, self.dps)}


def _exact_max(row: Sequence[Fraction]) -> Fraction:
    """max(row), comparing exact rationals only among the entries whose float is largest."""
    try:
        floats = list(map(float, row))
    except OverflowError:  # beyond the float range: compare exactly
        return max(row)
    top = max(floats)
    return max(v for v, f in zip(row, floats) if f == top)


@per_setup(maxsize=4)
def _stepper(landscape: Landscape, dps: int) -> _FastLargeK:
    """A _FastLargeK for this landscape and precision: landscapes are immutable, so repeated single
    steps read w only once.  At most 4 are kept."""
    return _FastLargeK(landscape, dps)


def _mix(landscape: Landscape, p: list, exact: bool) -> list:
    """p -> (1 - λ) p_ref + λ p when the landscape mixes in reference data (else p unchanged)."""
    if not landscape.mixes:
        return p
    lam = landscape.lam
    if exact:
        return [(1 - lam) * r + lam * v for r, v in zip(landscape.reference, p)]
    lam_ = frac_mpf(lam)
    return [(1 - lam_) * frac_mpf(r) + lam_ * v for r, v in zip(landscape.reference, p)]


def _round(values, dps: int) -> list:
    """Round mpf values to ``dps`` digits (inside that precision, not the global one)."""
    with mpmath.workdps(dps):
        return [+v for v in values]


def _decide_exact(landscape: Landscape, p, dps) -> bool:
    return dps is None and landscape.is_exact and _is_exact_vector(p)


def evaluate_Z(landscape: Landscape, p: Sequence[Any] | None = None, *, dps: int | None = None) -> list:
    r"""Z_i(p) = E_p[e^{r_i}] for each reward (exact when possible, else at ``dps`` digits)."""
    return _evaluate_Z(landscape, p, None if dps is None else _check_dps(dps))


def _evaluate_Z(landscape: Landscape, p, dps: int | None) -> list:
    """evaluate_Z with ``dps`` already checked (it may include guard digits)."""
    exact = _decide_exact(landscape, p, dps)
    dps = DEFAULT_DPS if dps is None else dps
    with mpmath.workdps(dps + GUARD):
        pv = _mass_vector(landscape, p, exact)
        support = [k for k, v in enumerate(pv) if v]  # zero masses add exact zeros to Z
        ws = _Weights(landscape, exact, dps, support)
        Z = ws.Z([pv[k] for k in support])
        out = Z if exact else [z * s for z, s in zip(Z, ws.scale)]
    return out if exact else _round(out, dps)


def evaluate_large_k_weights(landscape: Landscape, p: Sequence[Any] | None = None, *,
                             dps: int | None = None) -> list:
    r"""W(x) = Σ_i q_i e^{r_i(x)} / Z_i(p) for every atom ([FALA26] Eq. 5).

    Exact Fractions when the landscape has rational ``exp_rewards``, ``p`` is rational
    and ``dps`` is None; otherwise mpf at ``dps`` digits (default 30).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[[2, 1], [1, 2]], weights=["1/2", "1/2"])
    >>> evaluate_large_k_weights(L)
    [Fraction(1, 1), Fraction(1, 1)]
    """
    exact = _decide_exact(landscape, p, dps)
    dps = DEFAULT_DPS if dps is None else _check_dps(dps)
    with mpmath.workdps(dps + GUARD):
        ws = _Weights(landscape, exact, dps)
        pv = _mass_vector(landscape, p, exact)
        W = ws.step(pv).W
    return W if exact else _round(W, dps)


def evaluate_curated_update(landscape: Landscape, p: Sequence[Any] | None = None, *,
                            K: int | None = None, dps: int | None = None,
                            method: str = "auto") -> list:
    r"""One round of curated retraining: p_{t+1} from p_t (default p_0).

    Large K (``K=None`` and ``landscape.K is None``): p'(x) = p(x) W(x), [FALA26] Eq. 5.
    Finite K: p'(x) = p(x) Σ_i q_i H^{K,r_i}_p(x), [FALA26] Lemma 3.1, with H by exact
    enumeration or by quadrature (``method``, see :func:`evaluate_finite_k_weights`).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[[3, 1]])
    >>> evaluate_curated_update(L)
    [Fraction(3, 4), Fraction(1, 4)]
    >>> evaluate_curated_update(L, K=2)
    [Fraction(5, 8), Fraction(3, 8)]
    """
    K = landscape.K if K is None else K
    if K is not None:
        return _finite_k_update(landscape, p, K, dps, method)
    exact = _decide_exact(landscape, p, dps)
    dps = DEFAULT_DPS if dps is None else _check_dps(dps)
    with mpmath.workdps(dps + GUARD):
        pv = _mass_vector(landscape, p, exact)
        if not exact:
            fast = _stepper(landscape, dps)
            if not landscape.mixes:
                out = fast.step(pv, dps)
                if out is not None:
                    return out
            else:
                out = fast.step(pv, dps + GUARD)
                if out is not None:
                    return _round(_mix(landscape, out, False), dps)
        ws = _Weights(landscape, exact, dps)
        out = _mix(landscape, ws.step(pv).p, exact)
    return out if exact else _round(out, dps)


def _finite_k_update(landscape, p, K, dps, method):
    from pluralnash.numeric.engines.finite_k import finite_k_weight_rows

    check_int(K, "K", low=2, example="K=4, or K=None for the large-K regime")
    exact = _decide_exact(landscape, p, dps) and method in ("auto", "enumerate")
    work = DEFAULT_DPS if dps is None else _check_dps(dps)
    with mpmath.workdps(work + GUARD):
        pv = _mass_vector(landscape, p, exact)
        ws = _Weights(landscape, exact, work)
        total = [Fraction(0) if exact else mpmath.mpf(0)] * landscape.n
        rows = [ws.w[i] for i in range(landscape.m)]
        for i, H in enumerate(finite_k_weight_rows(pv, rows, K, method, work + GUARD)):
            total = [t + ws.q[i] * h for t, h in zip(total, H)]
        out = _mix(landscape, [a * b for a, b in zip(pv, total)], exact)
    if exact and all(isinstance(v, Fraction) for v in out):
        return out
    with mpmath.workdps(work + GUARD):
        out = [v if not isinstance(v, Fraction) else frac_mpf(v) for v in out]
    return _round(out, work)


def evaluate_objective(landscape: Landscape, p: Sequence[Any] | None = None, *, dps: int = DEFAULT_DPS):
    r"""F(p) = Σ_i q_i log Z_i(p), in the original units of w, at ``dps`` digits."""
    dps = _check_dps(dps)
    with mpmath.workdps(dps + GUARD):
        Z = _evaluate_Z(landscape, p, dps + GUARD)
        F = mpmath.fsum(frac_mpf(q) * mpmath.log(z)
                        for q, z in zip(landscape.weights, Z) if q)
    return _round([F], dps)[0]


@dataclass(frozen=True)
class DynamicsRecord:
    r"""One recorded step t of a run of the curated dynamics.

    Attributes
    ----------
    t : int
    Z : list
        Z_i(p_t) per reward, in the original units of w.
    W_max : Fraction or mpf
        max over supp p_t of W_t(x).
    F : Fraction or mpf
        F(p_t) = Σ_i q_i log Z_i(p_t).
    masses : list or None
        p_t(S_{i,ε}) per reward when the landscape has ε, else None.
    outside : Fraction, mpf or None
        m_t = p_t(X \ S_ε) when the landscape has ε, else None.

    With two basins, ``a``, ``b`` and ``m`` are p_t(S_{1,ε}), p_t(S_{2,ε}) and m_t (None otherwise).
    """

    t: int
    Z: list
    W_max: Any
    F: Any
    masses: list | None = None
    outside: Any = None

    @property
    def two_basins(self) -> bool:
        return self.masses is not None and len(self.masses) == 2

    @property
    def a(self) -> Any:
        return self.masses[0] if self.two_basins else None

    @property
    def b(self) -> Any:
        return self.masses[1] if self.two_basins else None

    @property
    def m(self) -> Any:
        return self.outside if self.two_basins else None

    def to_json(self, dps: int) -> dict[str, Any]:
        """The record as JSON text values (``arith.format.number_text`` at ``dps`` digits, converted at
        ``dps + 5``): t, then a, b, m with two basins or masses and outside with more, then Z, F and W_max."""
        text = partial(number_text, digits=dps, work=dps + 5)
        row: dict[str, Any] = {"t": self.t}
        if self.two_basins:
            row.update(a=text(self.a), b=text(self.b), m=text(self.m))
        elif self.masses is not None:
            row["masses"] = [text(v) for v in self.masses]
            row["outside"] = text(self.outside)
        row["Z"] = [text(v) for v in self.Z]
        row["F"] = text(self.F)
        row["W_max"] = text(self.W_max)
        return row


@dataclass(frozen=True)
class Trajectory:
    r"""A run of the curated dynamics.

    Attributes
    ----------
    records : list of DynamicsRecord
        One per recorded step t.
    p_T : list
        The final distribution.
    K : int or None
    dps : int or None
        Working precision (None when exact).
    enclosure : ArbEnclosure or None
        When the large-K steps ran in arb balls (python-flint installed, ``PLURALNASH_ARB`` not 0):
        their precision, the largest radius around p_T and the step from which they enclose the exact
        run (0: from p_0; see :class:`~pluralnash.numeric.engines.arb_step.ArbRun`).
    """

    records: list[DynamicsRecord]
    p_T: list
    K: int | None
    dps: int | None
    steps: int
    basins: tuple[tuple[int, ...], ...] | None = field(default=None)
    enclosure: Any = field(default=None)

    def to_json(self, dps: int) -> dict[str, Any]:
        """K, dps, steps, the records (:meth:`DynamicsRecord.to_json`) and p_T, numbers at ``dps`` digits."""
        text = partial(number_text, digits=dps, work=dps + 5)
        return {"K": self.K, "dps": self.dps, "steps": self.steps,
                "trajectory": [rec.to_json(dps) for rec in self.records],
                "p_T": list(map(text, self.p_T))}


#: Most rounds :func:`run_dynamics` runs (the command line's cap too).
MAX_STEPS = 10**7
#: With ``record_every=None``, at most about this many records are kept.
AUTO_RECORDS = 10**4


def _auto_every(steps: int) -> int:
    return max(1, -(-steps // AUTO_RECORDS))


def _check_run(landscape: Landscape, steps: Any, exact: bool, record_every: Any, progress: Any) -> int:
    """The arguments of :func:`run_dynamics` checked; returns ``record_every`` (its default filled in)."""
    check_int(steps, "steps", low=0, high=MAX_STEPS, example="steps=50",
              above=", or run in several calls from p0=trajectory.p_T")
    if record_every is None:
        record_every = _auto_every(steps)
    check_int(record_every, "record_every", low=1, example="record_every=1")
    if progress is not None and not callable(progress):
        raise InvalidArgument(f"progress={progress!r} must be a callable progress(done, total), or None")
    if exact and not landscape.is_exact:
        raise InvalidArgument(
            "exact=True needs rational exp_rewards (e^r is irrational for rewards=); "
            "give exp_rewards= or run with exact=False and a precision dps="
        )
    return record_every


def run_dynamics(landscape: Landscape, steps: int, *, K: int | None = None, dps: int | None = DEFAULT_DPS,
                 exact: bool = False, record_every: int | None = None, method: str = "auto",
                 progress: Callable[[int, int], Any] | None = None) -> Trajectory:
    r"""Iterate the curated update ``steps`` times from p_0 and record the run.

    Parameters
    ----------
    landscape : Landscape
    steps : int
        Number of rounds T, from 0 to MAX_STEPS (10^7).
    K : int, optional
        Candidates per round; default ``landscape.K``; None means large K (Eq. 5).
    dps : int
        Working digits (ignored when ``exact``).
    exact : bool
        Exact rational arithmetic (needs rational ``exp_rewards``); sizes grow with t.
    record_every : int, optional
        Record t = 0, k, 2k, ... and always the last step T.  Default: every step up to
        AUTO_RECORDS (10^4) steps, beyond that k = ceil(T / 10^4), so a run of 10^7 steps keeps
        about 10^4 records instead of filling the memory.
    progress : callable, optional
        Called as ``progress(t, steps)`` after step t, at most about 1000 times per run and always
        after the last step (for a progress bar); its return value is ignored.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[[3, 1]], eps="1/2")
    >>> tr = run_dynamics(L, 2, exact=True)
    >>> [r.outside for r in tr.records]
    [Fraction(1, 2), Fraction(1, 4), Fraction(1, 10)]
    """
    record_every = _check_run(landscape, steps, exact, record_every, progress)
    K = landscape.K if K is None else K
    work = None if exact else _check_dps(dps if dps is not None else DEFAULT_DPS)
    basins = landscape.basins() if landscape.has_eps else None
    union = sorted(set().union(*map(set, basins))) if basins else None
    inside = set(union) if basins is not None else set()
    groups = list(basins) + [[k for k in range(landscape.n) if k not in inside]] if basins is not None else []
    with mpmath.workdps((work or DEFAULT_DPS) + GUARD):
        p = list(landscape.p0) if exact else _mass_vector(landscape, None, False)
    fast = None if exact else _FastLargeK(landscape, work)
    arb = _arb_run(landscape, work) if fast is not None and K is None else None
    records = []

    def record(t, p):
        summary = fast.summary(p, groups) if fast is not None else None
        if summary is None:
            summary = _summary(landscape, p, exact, work, groups)
        masses, outside = None, None
        if basins is not None:
            *masses, outside = summary["groups"]
        records.append(DynamicsRecord(t, summary["Z"], summary["W_max"], summary["F"], masses, outside))

    record(0, p)
    tick = max(1, steps // 1000)
    for t in range(1, steps + 1):
        if arb is not None:
            arb.step()
        else:
            p = _advance(landscape, p, fast, K, work, method)
        if exact and max(v.denominator.bit_length() for v in p) > MAX_EXACT_BITS:
            raise InvalidArgument(
                f"exact=True: at t={t} the rationals have more than {MAX_EXACT_BITS // 3} digits (sizes double "
                f"about every step); run fewer steps exactly, or drop exact=True and give dps="
            )
        if t % record_every == 0 or t == steps:
            if arb is not None:
                p = arb.masses(mpmath.libmp.dps_to_prec(work + GUARD))
            record(t, p)
        if progress is not None and (t % tick == 0 or t == steps):
            progress(t, steps)
    if not exact:
        p = _round(p, work)
    return Trajectory(records=records, p_T=p, K=K, dps=work, steps=steps, basins=basins,
                      enclosure=None if arb is None else arb.enclosure())


def _arb_run(landscape: Landscape, work: int):
    """The run's large-K steps in arb balls at ``work`` + GUARD digits, or None without python-flint
    (or with PLURALNASH_ARB=0): the block-float steps then run."""
    from pluralnash.numeric.engines import arb_step

    return arb_step.ArbRun(landscape, mpmath.libmp.dps_to_prec(work + GUARD)) if arb_step.available() else None


def _advance(landscape: Landscape, p: list, fast, K, work: int | None, method: str) -> list:
    """One step of :func:`run_dynamics` without arb: block-float for large K, else the update itself;
    non-exact masses are put back on the simplex against rounding drift."""
    with mpmath.workdps((work or DEFAULT_DPS) + GUARD):
        nxt = fast.step(p) if (fast is not None and K is None) else None
        p = _mix(landscape, nxt, False) if nxt is not None else \
            evaluate_curated_update(landscape, p, K=K, dps=work, method=method)
        if fast is not None:
            total = mpmath.fsum(p)
            p = [v / total for v in p]
    return p


def _summary(landscape: Landscape, p, exact: bool, work: int | None, groups) -> dict[str, Any]:
    """The per-step summary from the evaluate_* functions (exact runs, and p the fast path refuses)."""
    with mpmath.workdps((work or DEFAULT_DPS) + GUARD):
        Z = evaluate_Z(landscape, p, dps=None if exact else work)
        W = evaluate_large_k_weights(landscape, p, dps=None if exact else work)
        zero = Fraction(0) if exact else mpmath.mpf(0)
        masses = [sum((p[k] for k in g), zero) for g in groups]  # at working precision, not the global one
    return {"Z": Z, "W_max": max(W[k] for k in range(landscape.n) if p[k]),
            "F": evaluate_objective(landscape, p, dps=work or DEFAULT_DPS),
            "groups": masses if exact else _round(masses, work)}
