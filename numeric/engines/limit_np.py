r"""Float work of the limit solver that is linear in the number of groups, vectorised with numpy.

Used by :mod:`pluralnash.numeric.engines.limit` when numpy is importable (it is optional: without it the
solver runs the same steps in pure Python).  Nothing here certifies anything by itself: the
barrier method only proposes an active set, and the screen only *removes* groups whose W is
proved < 1 by rigorous float upper bounds; every other group is decided exactly or by intervals.

Rigour of the float bounds (u = 2^-53, normal range)
----------------------------------------------------
* ``float(Fraction)`` is correctly rounded (Python's int true division), so for w = v / top,
  fl(fl(v) / fl(top)) = w (1 + δ) with |δ| <= 3.01 u; multiplying by 1 + 2^-50 = 1 + 8u (one more
  rounding) gives an upper bound.  Values below 2^-1000 (where relative bounds fail) are replaced
  by 2^-999, which bounds them.
* A sum of m + 1 positive products in any order (BLAS, FMA) has relative error <= (m + 1) u /
  (1 - (m + 1) u) < 2^-40 for m < 2^10: the caller's factor 1 + 2^-40 covers it.
"""

from __future__ import annotations

import math
from operator import attrgetter, truediv

from typing import Any


class _Numpy:
    """numpy, imported on first use: it is optional (the pure-Python path runs without it) and its
    import costs about as much as the rest of ``pluralnash.numeric``."""

    def __getattr__(self, name: str) -> Any:
        global np
        import numpy

        np = numpy
        return getattr(numpy, name)


np: Any = _Numpy()

from pluralnash.numeric.engines.grouping import group_by_reward_vector

__all__ = ["available", "group_atoms", "w_upper", "screen", "dual_barrier"]

_TINY = 2.0 ** -1000


def available() -> bool:
    """numpy is importable (imported here on the first call)."""
    global np
    if isinstance(np, _Numpy):
        try:
            import numpy
        except ImportError:  # pragma: no cover - exercised on installs without numpy
            numpy = None
        np = numpy
    return np is not None


def w_upper(keys, tops, raw=None) -> "np.ndarray | None":
    """Rigorous upper float bounds of keys[g][i] / tops[i] (exact Fractions >= 0), shape (G, m).

    ``raw``, if given, holds the correctly rounded floats of the keys.  None when a value leaves the
    float range (the caller then bounds each entry exactly).
    """
    m = len(tops)
    try:
        t = [float(v) for v in tops]
        flat = raw.ravel() if raw is not None else \
            np.fromiter((float(v) for key in keys for v in key), dtype=float, count=len(keys) * m)
    except OverflowError:
        return None
    if not all(_TINY < abs(v) < math.inf for v in t):
        return None
    arr = flat.reshape(len(keys), m) / np.array(t)
    if not np.all(np.isfinite(arr)):
        return None
    # below 2^-1000 relative bounds fail (subnormals); exact zeros stay 0 (float(0) is exact)
    tiny = (arr < _TINY) & (flat.reshape(arr.shape) != 0)
    arr *= 1 + 2.0 ** -50  # in place: one (G, m) array at a time
    arr[tiny] = 2.0 ** -999
    return arr


def group_atoms(src, rewards, p0):
    """Atoms of supp(p0) grouped by exact reward vector (ordered by first atom), and each group's
    correctly rounded float vector, shape (G, m); None when a value leaves the float range.

    Distinct float vectors are distinct exact vectors, so only atoms sharing a float vector are
    compared exactly.
    """
    num, den = attrgetter("numerator"), attrgetter("denominator")
    support = [x for x, v in enumerate(map(num, p0)) if v]  # p0 >= 0
    n = len(support)
    full = n == len(p0)
    if full:  # a range holds no int per atom
        support = range(n)
    try:  # int / int is correctly rounded; equal exact values give equal floats
        cols = [np.fromiter(map(truediv, map(num, src[i]), map(den, src[i])), dtype=float, count=len(p0))
                for i in rewards]
    except OverflowError:
        return None
    floats = np.column_stack(cols) if cols else np.zeros((len(p0), 0))
    if not full:
        floats = floats[support]
    order = np.lexsort(floats.T[::-1]) if floats.shape[1] else np.arange(n)
    same = np.ones(max(n - 1, 0), dtype=bool)
    for k in range(floats.shape[1]):  # column by column: no sorted copy of the whole array
        col = floats[order, k]
        same &= col[1:] == col[:-1]
    merged: dict[int, list[int]] = {}  # first atom (support position) -> its group's positions
    near: list[tuple[int, ...]] = []
    skip: set[int] = set()
    if same.any():
        starts = np.flatnonzero(np.diff(np.concatenate(([0], same.astype(np.int8), [0]))) == 1)
        ends = np.flatnonzero(np.diff(np.concatenate(([0], same.astype(np.int8), [0]))) == -1)
        for a, b in zip(starts.tolist(), ends.tolist()):
            ks = sorted(order[a:b + 1].tolist())
            exact = group_by_reward_vector(src, rewards, [support[k] for k in ks], ks)
            for ks in exact.values():
                merged[ks[0]] = ks
                skip.update(ks[1:])
            if len(exact) > 1:  # equal floats, different exact vectors: near-duplicates
                near.append(tuple(support[ks[0]] for ks in exact.values()))
    if not merged:
        return Groups(support, {}), floats
    rows = [k for k in range(n) if k not in skip]
    extra = {g: [support[j] for j in merged[k]] for g, k in enumerate(rows) if k in merged}
    return Groups([support[k] for k in rows], extra, near), floats[rows]


class Groups:
    """groups[g]: the atoms of group g, without a list per singleton (n lists would cost the
    garbage collector more than the solve)."""

    def __init__(self, first: list[int], extra: dict[int, list[int]], near=()):
        self.first, self.extra = first, extra
        self.near = list(near)  # atoms whose reward vectors are equal in floats but not exactly

    def __len__(self) -> int:
        return len(self.first)

    def __getitem__(self, g: int) -> list[int]:
        return self.extra.get(g) or [self.first[g]]

    def __iter__(self):
        return (self[g] for g in range(len(self.first)))


def screen(wf: "np.ndarray", coef_up, slack: float) -> "np.ndarray":
    """Indices g whose W(g) = Σ_i coef_i w_i(g) is NOT proved < 1 (upper bounds times ``slack``)."""
    total = np.zeros(wf.shape[0])
    with np.errstate(invalid="ignore", over="ignore"):  # inf * 0 = nan: not proved, kept
        for i, c in enumerate(coef_up):
            total += c * wf[:, i]
        return np.flatnonzero(~(total * slack < 1.0))


def dual_barrier(w_all: "np.ndarray", q, keep_slack: float = 0.05) -> "np.ndarray":
    r"""Approximate masses of the groups (rows of w) from the log-barrier path of the dual.

    min_u -Σ q_i log u_i - μ Σ_g log(1 - w(g)·u), μ -> 0; at each μ the masses are μ / slack_g.
    After each μ, groups whose slack exceeds ``keep_slack`` leave the barrier (their mass μ / slack
    is already negligible), so the later stages cost what the near-active groups cost.  A group
    that the final u violates gets the largest mass, so the active set looks at it.
    """
    q = np.asarray(q, dtype=float)
    u = q / 2
    G = w_all.shape[0]
    idx = np.arange(G)
    w = w_all
    mu = 1.0 / G

    def phi(u):
        """(barrier value, slack 1 - w·u); the slack is None where u leaves the domain."""
        if (u <= 0).any():  # the array methods: the same reductions without np.any's dispatch
            return math.inf, None
        s = 1.0 - w @ u
        if (s <= 0).any():
            return math.inf, None
        return -float(q @ np.log(u)) - mu * float(np.log(s).sum()), s

    while True:
        # the accepted candidate's value and slack are the next step's (same u, w, mu: same floats)
        f0, s = phi(u)
        for _ in range(60):
            if s is None:  # u left the domain (only an inf value accepts it): slack as before
                s = 1.0 - w @ u
            r = mu / s
            grad = -q / u + w.T @ r
            H = np.diag(q / u ** 2) + (w * (r / s)[:, None]).T @ w
            try:
                d = np.linalg.solve(H, -grad)
            except np.linalg.LinAlgError:
                break
            dec = -float(d @ grad)
            if not dec >= 1e-14:
                break
            t = 1.0
            while t > 1e-12:
                cand = u + t * d
                f_cand, s_cand = phi(cand)
                if f_cand <= f0 - 0.25 * t * dec:
                    u, f0, s = cand, f_cand, s_cand
                    break
                t *= 0.5
            else:
                break
        if mu < 1e-13:
            s_all = 1.0 - w_all @ u
            with np.errstate(divide="ignore"):
                p = mu / s_all
            bad = ~(s_all > 0)
            if bad.any():
                p[bad] = np.max(p[~bad], initial=1.0)
            return p
        s = 1.0 - w @ u
        near = s < keep_slack
        if near.sum() > w.shape[1] and not near.all():
            idx, w = idx[near], w[near]
        mu *= 0.05
