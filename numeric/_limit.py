r"""The large-K limit, solved directly as a weighted Nash bargaining problem.

Definitions
-----------
From a p_0 with support X_0, the large-K dynamics p_{t+1} = p_t W_t ([FALA26] Eq. 5) is the
multiplicative (EM-type) ascent of

    F(p) = Σ_i q_i log Z_i(p),   Z_i(p) = Σ_x p(x) w_i(x),

over distributions on X_0; its limit is the weighted Nash bargaining solution with utilities
Z_i = E_p[e^{r_i}] and disagreement point 0.  Since ∂F/∂p(x) = W(x) and Σ_x p(x) W(x) = 1,
the first-order (KKT) conditions of max F are

    W(x) = 1 where p(x) > 0,    W(x) <= 1 on X_0.

Z* is unique (log is strictly concave); so is W*.  Atoms with equal reward vectors keep the
ratio of their p_0 masses for every t (W depends on x only through (w_1(x), ..., w_m(x))), so the
solver works on *groups* of such atoms and splits each group's limit mass in p_0's proportions.

Method
------
1. An interior-point (log-barrier) Newton method on the m-dimensional dual
   min_u -Σ q_i log u_i  s.t.  Σ_i u_i w_i(g) <= 1  (u_i = q_i / Z_i at the optimum)
   in floating point finds the active groups S.
2. On S the conditions W(g) = 1 are solved exactly (rational ``exp_rewards`` and |S| = m: two
   linear systems over Fractions) or by Newton's method at 2·dps + 20 digits, with active-set
   corrections until the KKT conditions hold.
3. Certificate.  Exact path: every condition is decided in rational arithmetic.  Otherwise, with
   p̂ the computed point, interval arithmetic bounds the Frank–Wolfe gap
   γ = max_g W_p̂(g) - 1 >= F* - F(p̂) (F concave); strong concavity of F in Z (modulus
   μ = min_i q_i, w scaled to max 1) gives |Z(p̂) - Z*| <= sqrt(2γ/μ); over that box W*(g) < 1
   is certified off S, and p*_S is enclosed by interval-solving A_S p = Z*.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from operator import attrgetter
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import libmp

from pluralnash.numeric import _blockfloat as _bf
from pluralnash.numeric._dynamics import DEFAULT_DPS, GUARD, _check_dps, _exact_max, _round
from pluralnash.numeric._intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric._landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = ["LimitResult", "solve_limit"]


@dataclass(frozen=True)
class LimitResult:
    r"""The large-K limit of the dynamics from ``landscape.p0``.

    Attributes
    ----------
    p : list
        Limit distribution (Fractions on the exact path, else mpf at ``dps`` digits).
    Z : list
        Z_i* = E_{p*}[e^{r_i}] in the landscape's units.
    F : mpf
        F(p*) = Σ_i q_i log Z_i*.
    support : tuple of int
        Atoms with positive limit mass.
    certificate : CheckResult
        HOLDS when the KKT conditions are certified (exactly or by intervals) and the
        maximiser is unique; its evidence holds the gaps, enclosure radii and slacks.
    exact : bool
    unique : bool
        Whether F has a single maximiser on supp(p0) (then it is the dynamics' limit).
    dps : int
    """

    p: list
    Z: list
    F: Any
    support: tuple[int, ...]
    certificate: CheckResult
    exact: bool
    unique: bool
    dps: int
    Z_radius: list = None

    def to_json(self) -> dict[str, Any]:
        fmt = (lambda v: str(v)) if self.exact else (lambda v: mpmath.nstr(v, self.dps, strip_zeros=False))
        with mpmath.workdps(self.dps + GUARD):
            return {
                "p": [fmt(v) if v else "0" for v in self.p],
                "Z": [fmt(v) for v in self.Z],
                "F": mpmath.nstr(self.F, self.dps),
                "support": list(self.support),
                "exact": self.exact,
                "unique": self.unique,
                "dps": self.dps,
                "certificate": self.certificate.to_json(),
            }

    def _repr_html_(self) -> str:
        """Jupyter display: F*, Z* (enclosures with both ends shown), p* on the support, the certificate."""
        from pluralnash.numeric._display import limit_html

        return limit_html(self)


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
        self._wf = None
        L = self.landscape
        src = L.exp_rewards if L.exp_rewards is not None else L.rewards
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
                cols = [_bf.exp_up_floats(*_bf.differences(t, [key[i] for key in self.keys]))
                        for i, t in enumerate(self._top)]
                self._wf = list(zip(*cols))
        return self._wf


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
                    row = [_mpf(prob.keys[g][i] / prob._top[i]) for i in range(prob.m)]
                else:
                    row = [mpmath.exp(_mpf(prob.keys[g][i] - prob._top[i])) for i in range(prob.m)]
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


def _mpf(x: Fraction):
    return mpmath.mpf(x.numerator) / x.denominator


def _problem(landscape: Landscape) -> _Problem:
    rewards = [i for i, q in enumerate(landscape.weights) if q > 0]
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
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
    return _Problem(landscape, rewards, [landscape.weights[i] for i in rewards], groups, mass, keys)


# ----------------------------------------------------------------------------------------------
# phase 1: floating-point barrier method on the dual


def _solve_small(A: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting for a small dense system."""
    n = len(b)
    M = [row[:] + [b[k]] for k, row in enumerate(A)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(M[r][c]))
        if M[piv][c] == 0:
            raise ZeroDivisionError("singular")
        M[c], M[piv] = M[piv], M[c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            if f:
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (M[c][n] - sum(M[c][k] * x[k] for k in range(c + 1, n))) / M[c][c]
    return x


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
                d = _solve_small(H, [-v for v in grad])
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


# ----------------------------------------------------------------------------------------------
# phase 2: exact or high-precision solution on an active set


def _exact_on(prob: _Problem, S: list[int]):
    """Exact p on S when |S| = m and A_S is nonsingular, else None."""
    m = prob.m
    if prob.landscape.exp_rewards is None:
        return None
    if len(S) == 1:
        return [Fraction(1)]  # a point mass: Z_i = w_i(g), W(g) = Σ q_i = 1
    if len(S) != m:
        return None
    A = [[prob.w_exact(g, i) for g in S] for i in range(m)]  # A[i][k] = w_i(S_k)
    # u solves Σ_i u_i w_i(g) = 1 for g in S:  A^T u = 1
    u = _frac_solve([[A[i][k] for i in range(m)] for k in range(m)], [Fraction(1)] * m)
    if u is None or any(ui <= 0 for ui in u):
        return None
    Z = [qi / ui for qi, ui in zip(prob.q, u)]
    pS = _frac_solve(A, Z)
    return pS


def _rank(rows: list[list[Fraction]]) -> int:
    """Exact rank of a small matrix over the rationals."""
    M = [list(r) for r in rows]
    rank, cols = 0, len(M[0]) if M else 0
    for c in range(cols):
        piv = next((r for r in range(rank, len(M)) if M[r][c] != 0), None)
        if piv is None:
            continue
        M[rank], M[piv] = M[piv], M[rank]
        for r in range(len(M)):
            if r != rank and M[r][c] != 0:
                f = M[r][c] / M[rank][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[rank])]
        rank += 1
    return rank


def _frac_solve(A: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    n = len(b)
    M = [list(row) + [b[k]] for k, row in enumerate(A)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [M[k][n] / M[k][k] for k in range(n)]


def _newton_on(prob: _Problem, S: list[int], start: list, w: list, work: int):
    """Solve W(g) = 1 for g in S by Newton's method at ``work`` digits; None if singular."""
    m = prob.m
    with mpmath.workdps(work):
        q = [_mpf(v) for v in prob.q]
        p = [mpmath.mpf(v) for v in start]
        tot = mpmath.fsum(p)
        p = [v / tot for v in p]
        tol = mpmath.mpf(10) ** (-work + 5)
        for _ in range(200):
            Z = [mpmath.fsum(p[k] * w[g][i] for k, g in enumerate(S)) for i in range(m)]
            R = [mpmath.fsum(q[i] * w[g][i] / Z[i] for i in range(m)) - 1 for g in S]
            if max(abs(r) for r in R) < tol:
                return p
            J = mpmath.matrix(len(S), len(S))
            for a, g in enumerate(S):
                for b, h in enumerate(S):
                    J[a, b] = -mpmath.fsum(q[i] * w[g][i] * w[h][i] / Z[i] ** 2 for i in range(m))
            try:
                d = mpmath.lu_solve(J, mpmath.matrix([-r for r in R]))
            except ZeroDivisionError:
                return None
            t = mpmath.mpf(1)
            while any(p[k] + t * d[k] <= 0 for k in range(len(S))):
                t /= 2
                if t < mpmath.mpf(10) ** -30:
                    return p  # the optimum on S has a zero entry: let the active set drop it
            p = [p[k] + t * d[k] for k in range(len(S))]
        return p


# ----------------------------------------------------------------------------------------------
# the solver


def solve_limit(landscape: Landscape, *, dps: int = DEFAULT_DPS) -> LimitResult:
    r"""The large-K limit p* of the dynamics from ``landscape.p0``, with a certificate.

    Parameters
    ----------
    landscape : Landscape
        Its ``K`` is ignored: this is the large-K (Eq. 5) limit.
    dps : int
        Decimal digits of the returned numbers (internally 2·dps + 20 are used so that
        ``dps`` digits are certified).

    Returns
    -------
    LimitResult

    Raises
    ------
    SolverError
        When the active-set iteration does not settle (it says what it measured).

    Examples
    --------
    Two rewards, each preferring its own atom, with a compromise atom that both rate 4/5:

    >>> L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], weights=["1/2", "1/2"])
    >>> res = solve_limit(L)
    >>> res.p, res.exact, res.certificate.verdict
    ([Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)], True, Verdict.HOLDS)
    """
    dps = _check_dps(dps)
    if landscape.mixes:
        raise InvalidArgument(
            f"lam={landscape.lam} mixes in reference data: the direct solver covers pure curation (lam = 1), "
            f"whose limit maximises F; iterate the mixed dynamics with run_dynamics (or `pluralnash run`)"
        )
    prob = _problem(landscape)
    if prob.G == 0:
        raise InvalidArgument("p0 has no mass; give an initial distribution with positive total mass")
    work = 2 * dps + 20
    w = prob.w_mp(work + GUARD)
    if prob.G == 1:
        S = [0]
        p_groups = [Fraction(1)]
        exact = True
    else:
        p_est = _dual_barrier(prob, _pareto(prob))
        top = max(p_est.values())
        S = sorted(g for g, v in p_est.items() if v > 1e-9 * top)
        p_groups, exact, S = _active_set(prob, S, p_est, w, work)
    return _finish(landscape, prob, S, p_groups, exact, w, dps, work)


def _active_set(prob: _Problem, S, p_est, w, work):
    with mpmath.workdps(work):
        q = [_mpf(v) for v in prob.q]
    seen = set()
    for _ in range(4 * prob.G + 10):
        key = tuple(S)
        if key in seen:
            break
        seen.add(key)
        pS = _exact_on(prob, S)
        if pS is not None:
            if all(v > 0 for v in pS):
                viol = _exact_violation(prob, S, pS)
                if viol is None:
                    return pS, True, S
                S = sorted(S + [viol])
                continue
            S = [g for g, v in zip(S, pS) if v > 0] or [S[max(range(len(S)), key=lambda k: pS[k])]]
            continue
        if len(S) > prob.m:
            # more active groups than rewards: keep the m heaviest and let the checks add back
            S = sorted(sorted(S, key=lambda g: -p_est.get(g, 0.0))[: prob.m])
            continue
        start = [max(p_est.get(g, 0.0), 1e-12) for g in S]
        pS = _newton_on(prob, S, start, w, work)
        if pS is None:
            raise SolverError(
                f"Newton's method on the active set {S} met a singular Jacobian; the reward vectors of "
                f"these groups are linearly dependent. Try removing duplicate or collinear atoms"
            )
        with mpmath.workdps(work):
            small = mpmath.mpf(10) ** (-work // 2)
            if any(v <= small for v in pS):
                k = min(range(len(S)), key=lambda k: pS[k])
                S = S[:k] + S[k + 1:]
                continue
            Z = [mpmath.fsum(pS[k] * w[g][i] for k, g in enumerate(S)) for i in range(prob.m)]
            coef = [float(q[i] / Z[i]) * (1 + 1e-12) for i in range(prob.m)]
            unsure = _screen(prob, coef, set(S))
            Wout = [(mpmath.fsum(q[i] * w[g][i] / Z[i] for i in range(prob.m)), g) for g in unsure]
            worst = max(Wout) if Wout else None
            if worst is not None and worst[0] > 1 + mpmath.mpf(10) ** (-work + 10):
                S = sorted(S + [worst[1]])
                continue
        return pS, False, S
    raise SolverError(
        f"the active-set iteration did not settle after {len(seen)} sets (last {S}); "
        f"the limit is degenerate here. Try a larger dps or check the landscape for ties"
    )


def _exact_violation(prob: _Problem, S, pS):
    Z = [sum((pS[k] * prob.w_exact(g, i) for k, g in enumerate(S)), Fraction(0)) for i in range(prob.m)]
    best, worst = None, Fraction(1)
    for g in _screen(prob, [_div_up(q.numerator * z.denominator, q.denominator * z.numerator)
                            for q, z in zip(prob.q, Z)], set(S)):
        Wg = sum((prob.q[i] * prob.w_exact(g, i) / Z[i] for i in range(prob.m)), Fraction(0))
        if Wg > worst:
            best, worst = g, Wg
    return best


def _finish(landscape, prob, S, p_groups, exact, w, dps, work) -> LimitResult:
    n = landscape.n
    if exact:
        cert, unique = _certify_exact(prob, S, p_groups)
        radius = [0] * landscape.m
        pg = {g: v for g, v in zip(S, p_groups)}
        p = [Fraction(0)] * n
        for g, atoms in enumerate(prob.groups):
            if g in pg:
                for x in atoms:
                    p[x] = pg[g] * landscape.p0[x] / prob.mass[g]
    else:
        cert, unique, scaled_r = _certify_interval(prob, S, p_groups, w, work, dps)
        radius = [0] * landscape.m
        if scaled_r is not None:
            # at dps + GUARD digits, so that the factor 1 + 10^-20 covers the rounding of these few operations
            with mpmath.workdps(dps + GUARD):
                for k, i in enumerate(prob.rewards):
                    top = prob._top[k]
                    scale = _mpf(top) if landscape.exp_rewards is not None else mpmath.exp(_mpf(top))
                    # the enclosure of Z*, widened by the rounding of the reported p to dps digits
                    radius[i] = (scaled_r + n * mpmath.mpf(10) ** (1 - dps)) * scale * (1 + mpmath.mpf(10) ** -20)
        with mpmath.workdps(dps + GUARD):
            pg = {g: v for g, v in zip(S, p_groups)}
            p = [mpmath.mpf(0)] * n
            for g, atoms in enumerate(prob.groups):
                if g in pg:
                    for x in atoms:
                        p[x] = pg[g] * _mpf(landscape.p0[x] / prob.mass[g])
    from pluralnash.numeric._dynamics import evaluate_Z, evaluate_objective

    Z = evaluate_Z(landscape, p, dps=None if exact else dps)
    F = evaluate_objective(landscape, p, dps=dps)
    support = tuple(x for x in range(n) if p[x])
    if not exact:
        p = _round(p, dps)
    return LimitResult(p=p, Z=Z, F=F, support=support, certificate=cert, exact=exact, unique=unique, dps=dps,
                       Z_radius=radius)


_CERT_NAME = "KKT conditions of max F: W = 1 on the support, W <= 1 off it"


def _certify_exact(prob: _Problem, S, pS):
    m = prob.m
    if prob.G == 1:
        return CheckResult(_CERT_NAME, Verdict.HOLDS, "exact",
                           {"groups": 1, "reason": "all of supp(p0) has one reward vector; p_t = p0 for all t"}), True
    Z = [sum((pS[k] * prob.w_exact(g, i) for k, g in enumerate(S)), Fraction(0)) for i in range(m)]
    # groups certified W < 1 by the rigorous float screen need no exact evaluation
    coef = [_div_up(q.numerator * z.denominator, q.denominator * z.numerator) for q, z in zip(prob.q, Z)]
    unsure = _screen(prob, coef, set(S))
    W = {g: sum((prob.q[i] * prob.w_exact(g, i) / Z[i] for i in range(m)), Fraction(0)) for g in [*S, *unsure]}
    on = all(W[g] == 1 for g in S) and all(v > 0 for v in pS) and sum(pS) == 1
    off = [1 - W[g] for g in unsure]
    ok = on and all(s >= 0 for s in off)
    tight = [g for g in unsure if W[g] == 1]
    # every maximiser lives on T = {W* = 1}; it is unique iff the reward vectors on T are independent
    T = sorted(S + tight)
    unique = ok and _rank([[prob.w_exact(g, i) for i in range(m)] for g in T]) == len(T)
    evidence = {
        "active_groups": len(S),
        "W_on_support_equals_1": on,
        "groups_screened_in_floats": prob.G - len(S) - len(unsure),
        "min_off_support_slack_exact": str(min(off)) if off else None,
        "ties_off_support": len(tight),
    }
    if not ok:
        return CheckResult(_CERT_NAME, Verdict.FAILS, "exact", evidence, "the exact candidate violates the KKT conditions"), False
    if not unique:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "exact", evidence,
                           "atoms with W* = 1 have linearly dependent reward vectors: the maximiser is not unique, "
                           "and the dynamics' limit depends on p0 beyond the first-order conditions"), False
    return CheckResult(_CERT_NAME, Verdict.HOLDS, "exact", evidence), True


def _up(x) -> float:
    """A float >= the upper end of the interval x."""
    raw = x._mpi_[1]
    up = libmp.to_float(raw, rnd="c")
    # to_float rounds to nearest below the normal range (or to 0.0): step up where it fell short
    return math.nextafter(up, math.inf) if libmp.mpf_lt(libmp.from_float(up), raw) else up


def _certify_interval(prob: _Problem, S, pS, w, work, dps):
    m = prob.m
    bits = int(work * 3.33) + 40
    with iv_workprec(bits):
        W_iv = {g: prob.w_iv_of(g) for g in S}
        q = [iv_frac(v) for v in prob.q]
        with mpmath.workdps(work + GUARD):
            ps = [iv.mpf(mpmath.mpf(v)) for v in pS]
        tot = sum(ps[1:], ps[0])
        Z = [sum((ps[k] * W_iv[g][i] for k, g in enumerate(S)), iv.mpf(0)) / tot for i in range(m)]
        # off S, groups whose W is certified < 1 in floats cannot raise the gap above 0
        unsure = _screen(prob, [_up(q[i] / Z[i]) for i in range(m)], set(S))
        W_iv.update({g: prob.w_iv_of(g) for g in unsure})
        Wg = [sum((q[i] * W_iv[g][i] / Z[i] for i in range(m)), iv.mpf(0)) for g in [*S, *unsure]]
        gamma = max(x.b for x in Wg) - 1
        gamma = max(gamma, iv.mpf(0).b)
        mu = min(q, key=lambda x: x.a).a
        radius = iv.sqrt(2 * iv.mpf(gamma) / iv.mpf(mu)).b
        box = [iv.mpf([z.a - radius, z.b + radius]) for z in Z]
        if any(b.a <= 0 for b in box):
            return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval",
                               {"fw_gap_upper": mpmath.nstr(gamma, 5)},
                               "the Z enclosure reaches 0; increase dps"), False, None
        unsure = _screen(prob, [_up(q[i] / box[i]) for i in range(m)], set(S))
        slacks = []
        for g in unsure:
            row = W_iv.get(g) or prob.w_iv_of(g)
            slacks.append(1 - sum((q[i] * row[i] / box[i] for i in range(m)), iv.mpf(0)))
        off_ok = all(s.a > 0 for s in slacks)
        screened = prob.G - len(S) - len(unsure)
        # p*_S from A_S p = Z* (normal equations when |S| < m)
        A = [[W_iv[g][i] for g in S] for i in range(m)]
        k = len(S)
        try:
            if k == m:
                sol = iv.lu_solve(iv.matrix(A), iv.matrix(box))
            else:
                AtA = iv.matrix([[sum((A[i][a] * A[i][b] for i in range(m)), iv.mpf(0)) for b in range(k)] for a in range(k)])
                Atz = iv.matrix([sum((A[i][a] * box[i] for i in range(m)), iv.mpf(0)) for a in range(k)])
                sol = iv.lu_solve(AtA, Atz)
            p_encl = [sol[a] for a in range(k)]
        except (ZeroDivisionError, ValueError):
            p_encl = None
        radius_p = max((x.delta for x in p_encl), default=iv.mpf(0)).b if p_encl else None
    pos_ok = p_encl is not None and all(x.a > 0 for x in p_encl)
    with mpmath.workdps(30):
        radius_mp = mpmath.mpf(radius) * (1 + mpmath.mpf(10) ** -20)  # round outward
    with mpmath.workdps(20):
        evidence = {
            "active_groups": len(S),
            "working_digits": work,
            "fw_gap_upper": mpmath.nstr(mpmath.mpf(gamma), 5),
            "Z_enclosure_radius": mpmath.nstr(mpmath.mpf(radius), 5),
            "p_enclosure_width": mpmath.nstr(mpmath.mpf(radius_p), 5) if radius_p is not None else None,
            "groups_screened_in_floats": screened,
            "min_off_support_slack": mpmath.nstr(mpmath.mpf(min(s.a for s in slacks)), 5) if slacks else None,
            "support_certified": bool(off_ok and pos_ok),
        }
        if radius_p is not None and radius_p > 0:
            evidence["certified_digits"] = max(0, int(-mpmath.log10(mpmath.mpf(radius_p))))
    unique = p_encl is not None and off_ok
    if not off_ok:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval", evidence,
                           "W* <= 1 off the support could not be certified (near-tie); increase dps"), False, None
    if not unique:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval", evidence,
                           "the support's reward vectors are linearly dependent: the maximiser may not be unique"), False, None
    if not pos_ok:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval", evidence,
                           "a limit mass on the support could not be certified positive"), True, radius_mp
    return CheckResult(_CERT_NAME, Verdict.HOLDS, "interval", evidence), True, radius_mp
