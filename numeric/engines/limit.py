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
Rewards equal on X_0 are merged (their weights summed).  A group g dominated by another, h
(w(h) >= w(g) componentwise, one strictly, decided exactly), has W*(g) < W*(h) <= 1 and no limit
mass, at any precision: near-duplicate atoms are settled this way when one dominates the other.

When the reward vectors on T = {W* = 1} are linearly dependent, F's maximisers form a polytope
(:mod:`._limit_set`): Z* and F* are still exact, the polytope is reported, and p is p_0 when p_0 is
in it (a fixed point) and otherwise left unknown; no arbitrary member is called the limit.

Method
------
1. An interior-point (log-barrier) Newton method on the m-dimensional dual
   min_u -Σ q_i log u_i  s.t.  Σ_i u_i w_i(g) <= 1  (u_i = q_i / Z_i at the optimum)
   in floating point finds the active groups S (:mod:`._limit_problem`, vectorised with numpy in
   :mod:`._limit_np` when it is installed); for one or two rewards and few groups the maximisers of F
   on the segments between two groups are compared instead, and the barrier decides when the solve
   from that proposal is not certified.
2. On S the conditions W(g) = 1 are solved exactly (rational ``exp_rewards`` and |S| = m: two
   linear systems over Fractions) or by Newton's method at 2·dps + 20 digits (from a start refined
   by Newton's method in floats), with active-set
   corrections until the KKT conditions hold (a set of m + 1 groups is cut to the subset whose
   stationary point is positive with the largest F).
3. Certificate.  Exact path: every condition is decided in rational arithmetic.  Otherwise, with
   p̂ the computed point, interval arithmetic bounds the Frank–Wolfe gap
   γ = max_g W_p̂(g) - 1 >= F* - F(p̂) (F concave); strong concavity of F in Z (modulus
   μ = min_i q_i, w scaled to max 1) gives |Z(p̂) - Z*| <= sqrt(2γ/μ); over that box W*(g) < 1
   is certified off S (or g is dominated), and p*_S is enclosed by interval-solving A_S p = Z*.
   Groups whose W is proved < 1 by rigorous float upper bounds are never evaluated further.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import libmp

from pluralnash.numeric.engines import limit_np as _np
from pluralnash.numeric.engines.dynamics import DEFAULT_DPS, GUARD, _check_dps, _round
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.engines.limit_problem import (  # _div_up and _Problem are also reached here by tests
    _div_up,
    _dual_barrier,
    _face_proposal,
    _float_newton,
    _pareto,
    _Problem,
    _problem,
    _screen,
)
from pluralnash.numeric.engines.limit_set import MaximiserSet, maximiser_set
from pluralnash.numeric.arith.linalg import rank_exact, solve_exact
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = ["LimitResult", "solve_limit"]


@dataclass(frozen=True)
class LimitResult:
    r"""The large-K limit of the dynamics from ``landscape.p0``.

    Attributes
    ----------
    p : list or None
        Limit distribution (Fractions on the exact path, else mpf at ``dps`` digits).  When the
        maximisers of F form a set (``maximisers``), p is p0 if p0 is one of them (a fixed point of
        the dynamics), else None: the first-order conditions do not say which one the dynamics reach.
    Z : list
        Z_i* = E_{p*}[e^{r_i}] in the landscape's units.
    F : mpf
        F(p*) = Σ_i q_i log Z_i*.
    support : tuple of int
        Atoms with positive limit mass (with p None: atoms some maximiser charges).
    certificate : CheckResult
        HOLDS when the KKT conditions are certified (exactly or by intervals) and the
        maximiser is unique; its evidence holds the gaps, enclosure radii and slacks.
    exact : bool
    unique : bool
        Whether F has a single maximiser on supp(p0) (then it is the dynamics' limit), masses within a
        group of equal reward vectors split in p0's proportions, as the dynamics keep them.
    dps : int
    Z_radius : list
        Radius of the certified enclosure of each Z_i* around ``Z`` (0 on the exact path).
    maximisers : MaximiserSet or None
        The set of maximisers when it is not a point (exact path), with its vertices.
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
    maximisers: MaximiserSet | None = None

    def to_json(self) -> dict[str, Any]:
        fmt = (lambda v: str(v)) if self.exact else (lambda v: mpmath.nstr(v, self.dps, strip_zeros=False))
        with mpmath.workdps(self.dps + GUARD):
            return {
                "p": None if self.p is None else [fmt(v) if v else "0" for v in self.p],
                "Z": [fmt(v) for v in self.Z],
                "F": mpmath.nstr(self.F, self.dps),
                "support": list(self.support),
                "exact": self.exact,
                "unique": self.unique,
                "dps": self.dps,
                "certificate": self.certificate.to_json(),
                "maximisers": None if self.maximisers is None else self.maximisers.to_json(),
            }

    def _repr_html_(self) -> str:
        """Jupyter display: F*, Z* (enclosures with both ends shown), p* on the support, the certificate."""
        from pluralnash.numeric.arith.display import limit_html

        return limit_html(self)


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
    u = solve_exact([[A[i][k] for i in range(m)] for k in range(m)], [Fraction(1)] * m)
    if u is None or any(ui <= 0 for ui in u):
        return None
    Z = [qi / ui for qi, ui in zip(prob.q, u)]
    pS = solve_exact(A, Z)
    return pS


def _newton_on(prob: _Problem, S: list[int], start: list, w: list, work: int):
    """Solve W(g) = 1 for g in S by Newton's method at ``work`` digits; None if singular."""
    m = prob.m
    with mpmath.workdps(work):
        q = [frac_mpf(v) for v in prob.q]
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
        return _finish(landscape, prob, [0], [Fraction(1)], True, w, dps, work)
    p_est = _face_proposal(prob)  # few groups, m <= 2: the candidates compared directly
    if p_est is not None:
        try:
            res = _finish(landscape, prob, *_from_proposal(prob, p_est, w, work), w, dps, work)
        except (SolverError, ZeroDivisionError):  # the barrier's proposal decides instead
            res = None
        if res is not None and res.certificate.verdict is Verdict.HOLDS:
            return res
    # the barrier's proposal, also where the comparison's one was not certified (ties, degenerate limits)
    if _np.available():  # the barrier over every group, vectorised (no quadratic Pareto filter)
        p_est = dict(enumerate(_np.dual_barrier(prob.w_array(), [float(v) for v in prob.q]).tolist()))
    else:
        p_est = _dual_barrier(prob, _pareto(prob))
    return _finish(landscape, prob, *_from_proposal(prob, p_est, w, work), w, dps, work)


def _from_proposal(prob: _Problem, p_est: dict, w, work):
    """(S, p_S, exact) by the active-set iteration from the proposed masses ``p_est`` of phase 1."""
    top = max(p_est.values())
    S = sorted(g for g, v in p_est.items() if v > 1e-9 * top)
    p_groups, exact, S = _active_set(prob, S, p_est, w, work)
    return S, p_groups, exact


def _active_set(prob: _Problem, S, p_est, w, work):
    with mpmath.workdps(work):
        q = [frac_mpf(v) for v in prob.q]
    seen = set()
    for _ in range(4 * prob.G + 10):
        key = tuple(S)
        if key in seen:
            break
        seen.add(key)
        undominated = _undominated(prob, S)
        if len(undominated) < len(S):  # a dominated group has no limit mass (see _undominated)
            S = undominated
            continue
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
            # more active groups than rewards: the maximiser over S has at most m of them generically
            S = _best_subset(prob, S, p_est, w, work, q)
            continue
        start = _float_newton(prob, S, [max(p_est.get(g, 0.0), 1e-12) for g in S], w)
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


def _dominates(a: tuple, b: tuple) -> bool:
    return a != b and all(x >= y for x, y in zip(a, b))


def _undominated(prob: _Problem, S: list[int]) -> list[int]:
    """The groups of S that no other group of S dominates, decided exactly on the reward vectors.

    If w(h) >= w(g) componentwise with one strict inequality then W*(g) < W*(h) <= 1 at the
    optimum, so g carries no limit mass: an exact argument that needs no precision, also for
    near-duplicates that floats cannot tell apart.
    """
    keys = prob.keys
    return [g for g in S if not any(_dominates(keys[h], keys[g]) for h in S if h != g)]


def _best_subset(prob: _Problem, S: list[int], p_est, w, work: int, q) -> list[int]:
    """Among the |S| subsets of S without one group, the one whose stationary point is positive
    with the largest F (the maximiser of F over S charges at most m groups when their vectors are
    independent); the m heaviest by the estimate when none qualifies.  A proposal only: the
    certificate decides."""
    best, best_F = None, None
    if len(S) == prob.m + 1:
        for k in range(len(S)):
            T = S[:k] + S[k + 1:]
            pT = _exact_on(prob, T)
            if pT is None:
                pT = _newton_on(prob, T, [max(p_est.get(g, 0.0), 1e-12) for g in T], w, work)
            if pT is None or not all(v > 0 for v in pT):
                continue
            with mpmath.workdps(work):
                Z = [mpmath.fsum(_mp(pT[a]) * w[g][i] for a, g in enumerate(T)) for i in range(prob.m)]
                if any(z <= 0 for z in Z):
                    continue
                F = mpmath.fsum(q[i] * mpmath.log(Z[i]) for i in range(prob.m))
            if best_F is None or F > best_F:
                best, best_F = T, F
    if best is None:
        best = sorted(S, key=lambda g: -p_est.get(g, 0.0))[: prob.m]
    return sorted(best)


def _mp(v):
    return frac_mpf(v) if isinstance(v, Fraction) else v


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
    mset = None
    if exact:
        cert, unique, mset = _certify_exact(prob, S, p_groups)
        radius = [0] * landscape.m
        pg = {g: v for g, v in zip(S, p_groups)}
        p = [Fraction(0)] * n
        for g, v in pg.items():
            for x in prob.groups[g]:
                p[x] = v * landscape.p0[x] / prob.mass[g]
    else:
        cert, unique, scaled_r = _certify_interval(prob, S, p_groups, w, work, dps)
        radius = [0] * landscape.m
        if scaled_r is not None:
            # at dps + GUARD digits, so that the factor 1 + 10^-20 covers the rounding of these few operations
            with mpmath.workdps(dps + GUARD):
                for k, members in enumerate(prob.members):
                    top = prob._top[k]
                    scale = frac_mpf(top) if landscape.exp_rewards is not None else mpmath.exp(frac_mpf(top))
                    # the enclosure of Z*, widened by the rounding of the reported p to dps digits;
                    # merged rewards are equal on supp(p0), so they share Z* and its radius
                    r = (scaled_r + n * mpmath.mpf(10) ** (1 - dps)) * scale * (1 + mpmath.mpf(10) ** -20)
                    for i in members:
                        radius[i] = r
        with mpmath.workdps(dps + GUARD):
            pg = {g: v for g, v in zip(S, p_groups)}
            p = [mpmath.mpf(0)] * n
            for g, v in pg.items():
                for x in prob.groups[g]:
                    p[x] = v * frac_mpf(landscape.p0[x] / prob.mass[g])
    support = tuple(sorted(x for g in S for x in prob.groups[g] if p[x]))
    Z, F = _Z_and_F(landscape, prob, p, support, exact and landscape.exp_rewards is not None, dps)
    if not exact:
        with mpmath.workdps(dps):
            for x in support:  # the rest are exact zeros
                p[x] = +p[x]
    if mset is not None:  # Z* and F* are those of every maximiser; p is the dynamics' limit or unknown
        p = list(landscape.p0) if mset.p0_is_maximiser else None
        support = tuple(x for x in range(n) if p[x]) if p is not None else \
            tuple(x for x in mset.atoms if mset.ranges is None or mset.ranges[x][1] > 0)
    return LimitResult(p=p, Z=Z, F=F, support=support, certificate=cert, exact=exact, unique=unique, dps=dps,
                       Z_radius=radius, maximisers=mset)


def _Z_and_F(landscape, prob, p, support, exact, dps):
    """Z_i(p) for every reward and F(p) = Σ q_i log Z_i, summed over supp(p) only (exact, or at dps)."""
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    if exact:
        Z = [sum((p[x] * row[x] for x in support), Fraction(0)) for row in src]
    with mpmath.workdps(dps + GUARD):
        if not exact:
            w = (lambda v: frac_mpf(v)) if landscape.exp_rewards is not None else (lambda v: mpmath.exp(frac_mpf(v)))
            Z = [mpmath.fsum(_mp(p[x]) * w(row[x]) for x in support) for row in src]
        # exact Z: log1p of the exact Z - 1 keeps dps significant digits of log Z also when Z is near 1
        # (a near tie of one reward: Z* = 1 + 10^-30 has log Z* = 10^-30 - 5·10^-61)
        F = mpmath.fsum(frac_mpf(q) * (mpmath.log1p(frac_mpf(Z[i] - 1)) if exact else mpmath.log(Z[i]))
                        for i, q in zip(prob.rewards, prob.q))
    return (Z if exact else _round(Z, dps)), _round([F], dps)[0]


_CERT_NAME = "KKT conditions of max F: W = 1 on the support, W <= 1 off it"


def _certify_exact(prob: _Problem, S, pS):
    m = prob.m
    if prob.G == 1:
        return CheckResult(_CERT_NAME, Verdict.HOLDS, "exact",
                           {"groups": 1, "reason": "all of supp(p0) has one reward vector; p_t = p0 for all t"}), True, None
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
    unique = ok and rank_exact([[prob.w_exact(g, i) for i in range(m)] for g in T]) == len(T)
    evidence = {
        "active_groups": len(S),
        "W_on_support_equals_1": on,
        "groups_screened_in_floats": prob.G - len(S) - len(unsure),
        "min_off_support_slack_exact": str(min(off)) if off else None,
        "ties_off_support": len(tight),
    }
    if not ok:
        return CheckResult(_CERT_NAME, Verdict.FAILS, "exact", evidence,
                           "the exact candidate violates the KKT conditions"), False, None
    if not unique:
        mset = maximiser_set(prob, T, Z)
        evidence["maximiser_set_vertices"] = None if mset.vertices is None else len(mset.vertices)
        evidence["p0_is_maximiser"] = mset.p0_is_maximiser
        if mset.p0_is_maximiser:  # W_0 = W* = 1 on supp(p0): p_t = p0 for every t
            return CheckResult(_CERT_NAME, Verdict.HOLDS, "exact", evidence), False, mset
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "exact", evidence,
                           "the maximisers of F form a polytope, not a point (atoms with W* = 1 have linearly "
                           "dependent reward vectors): Z* and F* are exact, but the first-order conditions do not "
                           "decide which maximiser the dynamics reach from p0"), False, mset
    return CheckResult(_CERT_NAME, Verdict.HOLDS, "exact", evidence), True, None


def _near_note(prob: _Problem, evidence: dict) -> str:
    """Names the near-duplicate atoms (equal reward vectors in floats, not exactly), if any."""
    near = getattr(prob.groups, "near", None)
    if not near:
        return ""
    evidence["near_duplicate_atoms"] = [list(t) for t in near[:20]]
    shown = ", ".join(str(list(t)) for t in near[:5]) + (" ..." if len(near) > 5 else "")
    return (f"; atoms {shown} have reward vectors that are equal in floats but not exactly "
            f"(near-duplicates): telling them apart may need more digits")


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
        # a group dominated by another carries no limit mass whatever Z* is (see _undominated)
        dominated = [g for g in unsure if any(_dominates(prob.keys[h], prob.keys[g]) for h in [*S, *unsure])]
        unsure = [g for g in unsure if g not in set(dominated)]
        slacks = []
        for g in unsure:
            row = W_iv.get(g) or prob.w_iv_of(g)
            slacks.append(1 - sum((q[i] * row[i] / box[i] for i in range(m)), iv.mpf(0)))
        off_ok = all(s.a > 0 for s in slacks)
        screened = prob.G - len(S) - len(unsure) - len(dominated)
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
            "groups_dominated_exactly": len(dominated),
            "min_off_support_slack": mpmath.nstr(mpmath.mpf(min(s.a for s in slacks)), 5) if slacks else None,
            "support_certified": bool(off_ok and pos_ok),
        }
        if radius_p is not None and radius_p > 0:
            evidence["certified_digits"] = max(0, int(-mpmath.log10(mpmath.mpf(radius_p))))
    unique = p_encl is not None and off_ok
    if not off_ok:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval", evidence,
                           "W* <= 1 off the support could not be certified (near-tie); increase dps"
                           + _near_note(prob, evidence)), False, None
    if not unique:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval", evidence,
                           "the support's reward vectors are linearly dependent: the maximiser may not be unique"
                           + _near_note(prob, evidence)), False, None
    if not pos_ok:
        return CheckResult(_CERT_NAME, Verdict.UNDECIDED, "interval", evidence,
                           "a limit mass on the support could not be certified positive"
                           + _near_note(prob, evidence)), True, radius_mp
    return CheckResult(_CERT_NAME, Verdict.HOLDS, "interval", evidence), True, radius_mp
