r"""The finite-K fixed point near the large-K limit: its exact 1/K expansion and its measurement.

Definitions and conventions
---------------------------
Symbols as in [FALA26] §3: q = weights, w_i = e^{r_i}, Z_i(p) = E_p[w_i], W_p(x) = Σ_i q_i w_i(x)/Z_i(p),
K = candidates per round, H^{K,r_i}_p the finite-K keep weights ([FALA26] Lemma 3.1).  p* is the
large-K limit, charging the *support groups* (atoms with one reward vector); p^K the fixed point of
the finite-K map p -> p Σ_i q_i H^{K,r_i}_p continuing it.  Groups are given support first, then the
off-support groups; ``w`` is indexed [reward][group].

To first order p^K = p* + v/K + o(1/K) with v = -J^{-1} b, J(x,y) = -Σ_i q_i w_i(x) w_i(y)/Z_i*²
and b(x) = Σ_i q_i (w_i(x)/Z_i*)(1 - w_i(x)/Z_i* + Var_{p*}[w_i]/Z_i*²) on the support
(``derive_finite_k_expansion``): :func:`expand_finite_k` computes them exactly,
:func:`measure_finite_k_limit` solves for p^K at high precision (mp-point evidence, not a proof).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from pluralnash.numeric.arith.precision import check_dps
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.theory import InvalidArgument

__all__ = ["FiniteKRate", "FiniteKMeasurement", "expand_finite_k", "measure_finite_k_limit", "default_ks"]


@dataclass(frozen=True)
class FiniteKRate:
    r"""The derived 1/K correction to the large-K limit, exactly.

    Attributes
    ----------
    support : tuple of tuple of int
        The groups (atoms with one reward vector) charged by the large-K limit p*.
    off_support : tuple of tuple of int
        The other groups of supp(p_0).
    w : list of list of Fraction
        w_i of every group, [reward][group] (support first, then off-support).
    q : list of Fraction
    p_star : list of Fraction
        p* on the support groups.
    Z, sigma2 : list of Fraction
        Z_i* = E_{p*}[w_i] and Var_{p*}[w_i].
    b : list of Fraction
        b(x) = lim_K K r_K(x) = Σ_i q_i (w_i/Z_i)(1 - w_i/Z_i + σ_i²/Z_i²) on the support.
    v, v_jensen : list of Fraction
        v = -J^{-1} b (the derived K (p^K - p*) limit) and the same with σ_i² dropped from b.
    C, C_jensen : Fraction
        ½ ‖v‖_1 and ½ ‖v_jensen‖_1: the predicted K · TV(p^K, p*) limits.
    min_slack : Fraction or None
        min over off-support groups of 1 - W*(y).
    """

    support: tuple[tuple[int, ...], ...]
    off_support: tuple[tuple[int, ...], ...]
    w: list
    q: list
    p_star: list
    Z: list
    sigma2: list
    b: list
    v: list
    v_jensen: list
    C: Fraction
    C_jensen: Fraction
    min_slack: Fraction | None

    def to_json(self) -> dict[str, Any]:
        return {"support": [list(g) for g in self.support], "p_star": [str(x) for x in self.p_star],
                "b": [str(x) for x in self.b], "v": [str(x) for x in self.v], "C": str(self.C),
                "C_jensen": str(self.C_jensen), "min_slack": str(self.min_slack) if self.min_slack is not None else None}


def expand_finite_k(support: tuple, off_support: tuple, q: list, w: list, p: list) -> FiniteKRate:
    r"""The exact 1/K correction v = -J^{-1} b at the large-K limit p* ([FALA26] Lemma 3.2 to first order).

    ``p`` is p* on the ``support`` groups, ``w`` the rewards of every group (support first).  Raises
    InvalidArgument unless W* = 1 on the support and W* < 1 strictly off it, and J is invertible.
    """
    from pluralnash.numeric.arith.linalg import solve_exact as _frac_solve

    m = len(q)
    s = len(support)
    n = len(w[0])
    Z = [sum((p[j] * w[k][j] for j in range(s)), Fraction(0)) for k in range(m)]
    W = [sum((q[k] * w[k][j] / Z[k] for k in range(m)), Fraction(0)) for j in range(n)]
    if any(W[j] != 1 for j in range(s)) or any(W[j] >= 1 for j in range(s, n)):
        raise InvalidArgument("the limit's support has a tie W* = 1 off it (or fails W* = 1 on it); "
                              "finite-k-limit needs strict complementarity")
    sigma2 = [sum((p[j] * (w[k][j] - Z[k]) ** 2 for j in range(s)), Fraction(0)) for k in range(m)]
    b = [sum((q[k] * w[k][j] / Z[k] * (1 - w[k][j] / Z[k] + sigma2[k] / Z[k] ** 2) for k in range(m)), Fraction(0))
         for j in range(s)]
    bj = [sum((q[k] * w[k][j] / Z[k] * (1 - w[k][j] / Z[k]) for k in range(m)), Fraction(0)) for j in range(s)]
    # the Jensen expansion does not conserve mass (Σ p* b_J = -Σ q_i σ_i²/Z_i²); remove that
    # component so that v_J is a direction on the simplex, as v is
    shift = sum((p[j] * bj[j] for j in range(s)), Fraction(0))
    bj = [x - shift for x in bj]
    J = [[-sum((q[k] * w[k][x] * w[k][y] / Z[k] ** 2 for k in range(m)), Fraction(0)) for y in range(s)]
         for x in range(s)]
    v = _frac_solve(J, [-x for x in b])
    vj = _frac_solve(J, [-x for x in bj])
    if v is None or vj is None:
        raise InvalidArgument("J = dW/dp on the support is singular (dependent reward vectors); no 1/K expansion")
    slack = min((1 - W[j] for j in range(s, n)), default=None)
    return FiniteKRate(support, off_support, w, q, p, Z, sigma2,
                       b, v, vj, sum(map(abs, v), Fraction(0)) / 2, sum(map(abs, vj), Fraction(0)) / 2, slack)


_mp = frac_mpf  # a rational as an mpf, rounded once


@dataclass(frozen=True)
class FiniteKMeasurement:
    r"""The finite-K fixed points continuing p*, at high precision.

    Attributes
    ----------
    Ks : tuple of int
    p_K : list of list of mpf
        p^K on the support groups, for each K.
    tv : list of mpf
        TV(p^K, p*) = ½ ‖p^K - p*‖_1.
    residual : list of mpf
        max_x |Σ_i q_i H^{K,i}_{p^K}(x) - 1| on the support at the returned point.
    off_support : list of mpf or None
        max over off-support groups of Σ_i q_i H^{K,i}_{p^K}(y) (< 1: the fixed point attracts there).
    dps : int
    method : str
    """

    Ks: tuple[int, ...]
    p_K: list
    tv: list
    residual: list
    off_support: list
    dps: int
    method: str


def _mp_rows(rate: FiniteKRate) -> tuple[list, list]:
    """The rows w_i on every group and the weights q_i as mpf at the current precision, each rounded once."""
    return [[_mp(x) for x in row] for row in rate.w], [_mp(x) for x in rate.q]


def _H_sum(rows: tuple[list, list], p_support: list, K: int, dps: int, method: str, *, everywhere: bool = False):
    """Σ_i q_i H^{K,i}_p at the support groups (and the others when ``everywhere``), p on the support;
    ``rows`` is :func:`_mp_rows` of the rate."""
    from pluralnash.numeric.engines.finite_k import finite_k_weight_rows

    w, q = rows
    n = len(w[0]) if everywhere else len(p_support)
    p_full = list(p_support) + [mpmath.mpf(0)] * (n - len(p_support))
    total = [mpmath.mpf(0)] * n
    for qm, H in zip(q, finite_k_weight_rows(p_full, [row[:n] for row in w], K, method, check_dps(dps))):
        total = [t + qm * h for t, h in zip(total, H)]
    return total


def _fixed_point(rows: tuple[list, list], start: list, K: int, dps: int, method: str) -> list:
    """Solve Σ_i q_i H^{K,i}_p = 1 on the support (s - 1 free masses) from ``start``; ``rows`` as in
    :func:`_H_sum`.

    s = 2: the secant method on the one free mass; otherwise Newton's method with a forward-difference
    Jacobian.  Steps are halved to keep every mass positive.
    """
    s = len(start)
    tol = mpmath.mpf(10) ** (-(dps - 6))
    p = list(start)

    def resid(p):
        G = _H_sum(rows, p, K, dps, method)
        return [G[j] - 1 for j in range(s - 1)]

    def move(p, step):
        step = list(step) + [-mpmath.fsum(step)]
        t = mpmath.mpf(1)
        while any(p[j] + t * step[j] <= 0 for j in range(s)):
            t /= 2
        return [p[j] + t * step[j] for j in range(s)]

    R = resid(p)
    if s == 2:
        prev_x, prev_R = None, None
        for _ in range(60):
            if abs(R[0]) < tol:
                return p
            if prev_x is None:
                h = mpmath.mpf(10) ** (-(dps // 2))
                slope = (resid(move(p, [h]))[0] - R[0]) / h
            else:
                slope = (R[0] - prev_R) / (p[0] - prev_x)
            if not slope:
                return p
            prev_x, prev_R = p[0], R[0]
            p = move(p, [-R[0] / slope])
            R = resid(p)
        return p
    h = mpmath.mpf(10) ** (-(dps // 2))
    for _ in range(40):
        if max(abs(r) for r in R) < tol:
            return p
        Jm = mpmath.matrix(s - 1, s - 1)
        for c in range(s - 1):
            e = [mpmath.mpf(0)] * (s - 1)
            e[c] = h
            Rc = resid(move(p, e))
            for r in range(s - 1):
                Jm[r, c] = (Rc[r] - R[r]) / h
        d = mpmath.lu_solve(Jm, mpmath.matrix([-r for r in R]))
        p = move(p, [d[j] for j in range(s - 1)])
        R = resid(p)
    return p


def measure_finite_k_limit(rate: FiniteKRate, Ks: tuple[int, ...], *, dps: int, method: str) -> FiniteKMeasurement:
    r"""Solve for the finite-K fixed point p^K near p*, for each K, at ``dps`` digits.

    p^K solves Σ_i q_i H^{K,r_i}_p(x) = 1 on the support of p* (secant or Newton's method at
    dps + 10 digits, started from p* + v/K); H by exact-law enumeration in mpmath
    (``method="enumerate"``) or by quadrature (``"quadrature"``, slower).
    """
    s = len(rate.p_star)
    work = dps + 10
    p_K, tvs, res, off = [], [], [], []
    with mpmath.workdps(work):
        p_star = [_mp(x) for x in rate.p_star]
        rows = _mp_rows(rate)
        for K in Ks:
            start = [p_star[j] + _mp(rate.v[j]) / K for j in range(s)]
            if any(x <= 0 for x in start):
                start = list(p_star)
            p = _fixed_point(rows, start, K, work, method)
            G = _H_sum(rows, p, K, work, method, everywhere=True)
            p_K.append([+x for x in p])
            tvs.append(mpmath.fsum(abs(p[j] - p_star[j]) for j in range(s)) / 2)
            res.append(max(abs(G[j] - 1) for j in range(s)))
            off.append(max(G[s:]) if len(G) > s else None)
    return FiniteKMeasurement(tuple(Ks), p_K, tvs, res, off, dps, method)


def default_ks(rate: FiniteKRate, *, count: int = 4, start: int = 8, last_start: int = 64) -> tuple[int, ...] | None:
    r"""K, 2K, 4K, 8K from the least power of two K >= ``start`` with ‖v‖_∞ / K <= min p* / 4 (the first-order
    point p* + v/K well inside the simplex), or None when that K exceeds ``last_start``."""
    K = start
    vmax, pmin = max(abs(x) for x in rate.v), min(rate.p_star)
    while vmax / K > pmin / 4:
        K *= 2
        if K > last_start:
            return None
    return tuple(K * 2 ** j for j in range(count))
