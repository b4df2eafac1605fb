r"""The limit solver's problem: atoms grouped by reward vector, rewards merged, float bounds, phase 1.

Definitions
-----------
A *group* is the set of atoms of supp(p_0) with one exact reward vector (the dynamics keep the
ratio of their masses); ``keys[g]`` is that vector (w = ``exp_rewards`` or r = ``rewards``) and
``w`` below is scaled: w_i(g) / max_g w_i(g).  Rewards equal on supp(p_0) are merged into one
with the summed weight q (F, W and the maximisers do not change).

Phase 1 proposes an active set in floats: for one or two rewards and few groups by comparing the
maximisers of F on every segment between two groups (:func:`_face_proposal`), else from the
log-barrier path of the dual problem (numpy, vectorised, when it is installed: :mod:`._limit_np`;
else the pure-Python code here, after a Pareto filter).  The float *screen* removes groups whose W is proved < 1 by rigorous upper bounds;
nothing here certifies anything else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from operator import attrgetter
from typing import Any

import mpmath

from pluralnash.numeric.arith import blockfloat as _bf
from pluralnash.numeric.engines import limit_np as _np
from pluralnash.numeric.engines.dynamics import _exact_max
from pluralnash.numeric.arith.intervals import iv, iv_frac
from pluralnash.numeric.arith.linalg import solve_float
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.model.landscape import Landscape

# ----------------------------------------------------------------------------------------------
# groups


@dataclass
class _Problem:
    landscape: Landscape
    rewards: list[int]          # indices i with q_i > 0
    q: list[Fraction]
    groups: list[list[int]]     # atoms in each group (support of p0 only)
    mass: list[Fraction]        # p0 mass of each group
    keys: list[tuple]           # exact reward vector of each group (w or r)
    members: list[list[int]]    # the rewards each of ``rewards`` stands for (equal on supp(p0))
    _raw: Any = None            # correctly rounded floats of the keys, (G, m) numpy array, or None

    @property
    def m(self) -> int:
        return len(self.rewards)

    @property
    def G(self) -> int:
        return len(self.groups)

    def w_exact(self, g: int, i: int) -> Fraction:
        """Scaled w_i(g) = w_i(g) / max_x w_i(x), exact (exp_rewards only)."""
        return self.keys[g][i] / self._top[i]

    def __post_init__(self):
        self._wf = self._wa = None
        L = self.landscape
        src = L.exp_rewards if L.exp_rewards is not None else L.rewards
        if self._raw is not None:  # the largest value over supp(p0) also scales w to max 1
            self._top = [_top_of(self.keys, self._raw[:, k], k) for k in range(self.m)]
        else:
            self._top = [_exact_max(src[i]) for i in self.rewards]

    def w_mp(self, dps: int) -> "_Rows":
        """Scaled w as mpf, indexed [group][reward], computed on first use of each group."""
        return _Rows(self, dps)

    def w_iv_of(self, g: int) -> list:
        """Scaled w of one group as intervals at the current iv precision."""
        if self.landscape.exp_rewards is not None:
            return [iv_frac(self.keys[g][i] / self._top[i]) for i in range(self.m)]
        return [iv.exp(iv_frac(self.keys[g][i] - self._top[i])) for i in range(self.m)]

    def w_float(self) -> list[tuple[float, ...]]:
        """Scaled w as floats, each rounded UP (a rigorous upper bound), [group][reward]."""
        if self._wf is None:
            if self.landscape.exp_rewards is not None:
                tops = [(t.numerator, t.denominator) for t in self._top]
                self._wf = [tuple(_div_up(v.numerator * td, v.denominator * tn) for v, (tn, td) in zip(key, tops))
                            for key in self.keys]
            else:  # e^{v - t} rounded up, all groups of one reward at once
                cols = [_bf.exp_up_floats(*_bf.differences(t, _column(self.keys, i)))
                        for i, t in enumerate(self._top)]
                self._wf = list(zip(*cols))
        return self._wf

    def w_array(self):
        """w_float() as a numpy array (G, m), the exact path's bounds computed vectorised."""
        if self._wa is None:
            if self.landscape.exp_rewards is not None and self._wf is None:
                self._wa = _np.w_upper(self.keys, self._top, self._raw)
            elif self.landscape.exp_rewards is None and self._wf is None:
                self._wa = self._exp_up_array()
            if self._wa is None:
                self._wa = _np.np.array(self.w_float(), dtype=float).reshape(self.G, self.m)
        return self._wa

    _CHUNK = 1 << 14

    def _exp_up_array(self):
        """e^{r - top} rounded up (as w_float), written chunk by chunk into one array: the
        big-integer work lists of a chunk at a time, not of every group at once."""
        out = _np.np.empty((self.G, self.m))
        for k, top in enumerate(self._top):
            for a in range(0, self.G, self._CHUNK):
                part = _column(self.keys, k, a, a + self._CHUNK)
                out[a:a + len(part), k] = _bf.exp_up_floats(*_bf.differences(top, part))
        return out


class _Rows:
    """Lazily computed mpf rows of scaled w at one precision."""

    def __init__(self, prob: _Problem, dps: int):
        self.prob, self.dps, self.cache = prob, dps, {}

    def __getitem__(self, g: int) -> list:
        row = self.cache.get(g)
        if row is None:
            prob = self.prob
            with mpmath.workdps(self.dps):
                if prob.landscape.exp_rewards is not None:
                    row = [frac_mpf(prob.keys[g][i] / prob._top[i]) for i in range(prob.m)]
                else:
                    row = [mpmath.exp(frac_mpf(prob.keys[g][i] - prob._top[i])) for i in range(prob.m)]
            self.cache[g] = row
        return row


def _div_up(num: int, den: int) -> float:
    """num / den >= 0 as a float rounded up (Python's int true division is correctly rounded)."""
    try:
        x = num / den
    except OverflowError:  # beyond the float range: inf bounds it
        return math.inf
    a, b = x.as_integer_ratio()  # exact test (x * den in floats could round onto num)
    return math.nextafter(x, math.inf) if a * den != num * b else x


_ULP_SLACK = 1 + 2.0 ** -40  # covers the float rounding of m + 2 positive terms (m < 2^10)


def _screen(prob: _Problem, coef_up: list[float], skip) -> list[int]:
    """Groups g not in ``skip`` whose W(g) = Σ coef_i w_i(g) is NOT certified < 1 in floats.

    coef_up are upper bounds on q_i / Z_i*; w_float() are upper bounds on w; all terms are
    positive, so the float sum times _ULP_SLACK bounds W(g) from above.
    """
    if _np.available():
        return [g for g in _np.screen(prob.w_array(), coef_up, _ULP_SLACK).tolist() if g not in skip]
    out = []
    for g, row in enumerate(prob.w_float()):
        if g in skip:
            continue
        total = 0.0
        for c, w in zip(coef_up, row):
            total += c * w
        if not total * _ULP_SLACK < 1.0:
            out.append(g)
    return out


def _pareto(prob: _Problem) -> list[int]:
    """Groups whose (float) reward vector no other group dominates: only these can carry limit mass.

    (If w(h) >= w(g) componentwise with one strict inequality, W(g) < W(h) <= 1 at the optimum.)
    The filter only proposes candidates; the certificate checks every group.
    """
    rows = prob.w_float()
    order = sorted(range(prob.G), key=lambda g: rows[g], reverse=True)
    front: list[int] = []
    for g in order:
        wg = rows[g]
        if not any(all(a >= b for a, b in zip(rows[h], wg)) for h in front):
            front.append(g)
    return front


def _top_of(keys, col, k: int) -> Fraction:
    """The exact max of column k over the groups, compared exactly only where the float is largest."""
    best = col.max()
    return max(keys[g][k] for g in _np.np.flatnonzero(col == best).tolist())


class _Keys:
    """keys[g]: the exact reward vector of group g, read from its first atom when asked."""

    def __init__(self, src, rewards, first: list[int]):
        self.src, self.rewards, self.first = src, rewards, first

    def __len__(self) -> int:
        return len(self.first)

    def __getitem__(self, g: int) -> tuple:
        x = self.first[g]
        return tuple(self.src[i][x] for i in self.rewards)

    def __iter__(self):
        return (self[g] for g in range(len(self.first)))

    def column(self, k: int, a: int = 0, b: int | None = None) -> list:
        row = self.src[self.rewards[k]]
        return [row[x] for x in self.first[a:b]]


def _column(keys, k: int, a: int = 0, b: int | None = None) -> list:
    """The k-th entry of the keys of groups a to b."""
    return keys.column(k, a, b) if isinstance(keys, _Keys) else [key[k] for key in keys[a:b]]


def _problem(landscape: Landscape) -> _Problem:
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    rewards, q, members = _merge_rewards(landscape, src)
    if _np.available():
        grouped = _np.group_atoms(src, rewards, landscape.p0)
        if grouped is not None:
            groups, floats = grouped
            p0 = landscape.p0
            mass = [p0[x] for x in groups.first]
            for g, atoms in groups.extra.items():
                mass[g] = sum((p0[x] for x in atoms), Fraction(0))
            keys = _Keys(src, rewards, groups.first)
            return _Problem(landscape, rewards, q, groups, mass, keys, members, floats)
    num, den = attrgetter("numerator"), attrgetter("denominator")
    # atoms are grouped by their exact reward vector, compared as (numerator, denominator) ints
    ints = zip(*[list(map(num, src[i])) for i in rewards], *[list(map(den, src[i])) for i in rewards])
    p0 = landscape.p0
    index: dict[tuple, int] = {}
    groups: list[list[int]] = []
    mass: list[Fraction] = []
    keys: list[tuple] = []
    for x, (key, mass_num) in enumerate(zip(ints, map(num, p0))):
        if not mass_num:  # p0 >= 0, so this is supp(p0)
            continue
        g = index.get(key)
        if g is None:
            index[key] = g = len(groups)
            groups.append([x])
            mass.append(p0[x])
            keys.append(tuple(src[i][x] for i in rewards))
        else:
            groups[g].append(x)
            mass[g] += p0[x]
    return _Problem(landscape, rewards, q, groups, mass, keys, members)


def _merge_rewards(landscape: Landscape, src) -> tuple[list[int], list[Fraction], list[list[int]]]:
    """Rewards with q_i > 0, those identical on supp(p0) merged into one with the summed weight.

    Two rewards equal on supp(p0) have equal Z_i(p) for every p the dynamics visits, so
    q_i log Z_i + q_j log Z_j = (q_i + q_j) log Z_i there: F, its maximisers and W are unchanged.
    Returns the representative indices, their summed weights and the members of each.
    """
    p0 = landscape.p0
    full = all(p0)
    support = None if full else [x for x, v in enumerate(p0) if v]
    rows: list[list] = []
    reps: list[int] = []
    q: list[Fraction] = []
    members: list[list[int]] = []
    for i, qi in enumerate(landscape.weights):
        if qi <= 0:
            continue
        row = src[i] if full else [src[i][x] for x in support]
        # list equality stops at the first difference (hashing m rows of Fractions costs more)
        k = next((k for k, r in enumerate(rows) if r == row), None)
        if k is None:
            rows.append(row)
            reps.append(i)
            q.append(qi)
            members.append([i])
        else:
            q[k] += qi
            members[k].append(i)
    return reps, q, members


# ----------------------------------------------------------------------------------------------
# phase 1: floating-point barrier method on the dual


_FACE_GROUPS = 64  # up to this many groups, phase 1 for one or two rewards compares every segment
_FACE_TIE = 1e-6  # a slack below this is a tie in floats


def _face_proposal(prob: _Problem) -> dict[int, float] | None:
    r"""Phase 1 for one or two rewards and few groups: the maximiser of F in floats, without iterating.

    F(z) = Σ_i q_i log z_i increases in every z_i, so over the convex hull of the points w(g) in
    R^m (m <= 2) its maximum lies on a segment between two groups, or at one group.  On the segment
    z(t) = w(g) + t d, d = w(h) - w(g), F is concave in t and F'(t) = 0 at
    t* = -(q_1 d_1 w_2(g) + q_2 d_2 w_1(g)) / ((q_1 + q_2) d_1 d_2), inside (0, 1) only when
    d_1 d_2 < 0.  Comparing the G point masses and the O(G^2) segment optima gives the masses of
    the best candidate (1 - t*, t* on its two groups); groups tied with it in floats get a small
    mass.  A proposal only: the active set and the certificate decide.  None beyond two rewards or
    ``_FACE_GROUPS`` groups (the barrier's case).
    """
    m, G = prob.m, prob.G
    if m > 2 or G > _FACE_GROUPS:
        return None
    q = [float(v) for v in prob.q]
    rows = prob.w_float()

    def value(z) -> float:
        return sum(qi * math.log(zi) for qi, zi in zip(q, z)) if min(z) > 0 else -math.inf

    best = max(range(G), key=lambda g: value(rows[g]))
    best_F, masses = value(rows[best]), {best: 1.0}
    if m == 2:
        for g in range(G):
            a1, a2 = rows[g]
            for h in range(g + 1, G):
                d1, d2 = rows[h][0] - a1, rows[h][1] - a2
                if not d1 * d2 < 0:  # F is monotone along the segment: an end is best
                    continue
                t = -(q[0] * d1 * a2 + q[1] * d2 * a1) / ((q[0] + q[1]) * d1 * d2)
                if 0 < t < 1:
                    F = value((a1 + t * d1, a2 + t * d2))
                    if F > best_F:
                        best_F, masses = F, {g: 1.0 - t, h: t}
    if best_F == -math.inf:
        return None
    # groups tied with the candidate in floats (slack 1 - u·w(g) near 0, u_i = q_i / Z_i) join the
    # proposal, as the barrier's masses μ / slack would have them: exact domination or the active
    # set then tells them apart
    Z = [sum(v * rows[g][i] for g, v in masses.items()) for i in range(m)]
    u = [qi / zi for qi, zi in zip(q, Z)]
    out = [masses.get(g, 0.0) for g in range(G)]
    for g in range(G):
        if not out[g] and 1.0 - sum(ui * wi for ui, wi in zip(u, rows[g])) < _FACE_TIE:
            out[g] = _FACE_TIE
    return dict(enumerate(out))


def _float_newton(prob: _Problem, S: list[int], start: list[float], w) -> list[float]:
    r"""``start`` refined by Newton's method on W(g) = 1, g in S, in floats: a proposal only.

    The high-precision Newton iteration on S then starts about 10^-15 from its root and needs fewer
    of its costly steps.  ``start`` itself is returned when the float iteration does not reduce the
    residual, meets a singular Jacobian or leaves p > 0 (``w`` are the rows of scaled w on S's groups).
    """
    m, q = prob.m, [float(v) for v in prob.q]
    rows = [[float(w[g][i]) for i in range(m)] for g in S]
    tot = sum(start)
    p = [v / tot for v in start]

    def residual(p):
        Z = [sum(pk * row[i] for pk, row in zip(p, rows)) for i in range(m)]
        if min(Z) <= 0:
            return Z, None
        return Z, [sum(q[i] * row[i] / Z[i] for i in range(m)) - 1 for row in rows]

    Z, R = residual(p)
    first = max(map(abs, R)) if R is not None else math.inf
    for _ in range(12):
        if R is None or max(map(abs, R)) < 1e-14:
            break
        J = [[-sum(q[i] * a[i] * b[i] / Z[i] ** 2 for i in range(m)) for b in rows] for a in rows]
        try:
            d = solve_float(J, [-r for r in R])
        except ZeroDivisionError:
            return start
        p = [pk + dk for pk, dk in zip(p, d)]
        if min(p) <= 0:
            return start
        Z, R = residual(p)
    return p if R is not None and max(map(abs, R)) < first else start


def _dual_barrier(prob: _Problem, candidates: list[int]) -> dict[int, float]:
    """Approximate masses p_g of the candidate groups from the log-barrier path of the dual, μ -> 0."""
    m, G = prob.m, len(candidates)
    wf = prob.w_float()
    w = [list(wf[g]) for g in candidates]
    q = [float(v) for v in prob.q]
    u = [qi / 2 for qi in q]

    def phi(u, mu):
        if any(ui <= 0 for ui in u):
            return math.inf
        total = -sum(qi * math.log(ui) for qi, ui in zip(q, u))
        for row in w:
            s = sum(ui * wi for ui, wi in zip(u, row))
            if s >= 1:
                return math.inf
            total -= mu * math.log1p(-s)
        return total

    mu = 1.0 / G
    p = [0.0] * G
    while True:
        for _ in range(60):
            grad = [-qi / ui for qi, ui in zip(q, u)]
            H = [[(q[i] / u[i] ** 2 if i == j else 0.0) for j in range(m)] for i in range(m)]
            for g, row in enumerate(w):
                slack = 1.0 - sum(ui * wi for ui, wi in zip(u, row))
                c1, c2 = mu / slack, mu / slack ** 2
                for i in range(m):
                    grad[i] += c1 * row[i]
                    for j in range(m):
                        H[i][j] += c2 * row[i] * row[j]
            try:
                d = solve_float(H, [-v for v in grad])
            except ZeroDivisionError:
                break
            dec = -sum(a * b for a, b in zip(d, grad))
            if dec < 1e-14:
                break
            t, f0 = 1.0, phi(u, mu)
            while t > 1e-12:
                cand = [ui + t * di for ui, di in zip(u, d)]
                if phi(cand, mu) <= f0 - 0.25 * t * dec:
                    u = cand
                    break
                t *= 0.5
            else:
                break
        p = [mu / (1.0 - sum(ui * wi for ui, wi in zip(u, row))) for row in w]
        if mu < 1e-13:
            return dict(zip(candidates, p))
        mu *= 0.05
