r"""The collapse and finite-K machinery on grouped landscapes, for the toolkit's own statements
(the claim family ``pluralnash.claims.beyond``).

Definitions and conventions
---------------------------
Symbols as in :mod:`pluralnash.numeric.engines.point_mass`: q = weights, w_i = e^{r_i},
Z_i(p) = E_p[w_i], W_p(x) = Σ_i q_i w_i(x) / Z_i(p), F(p) = Σ_i q_i log Z_i(p), K = candidates per
round.  *Groups* are the atoms of supp(p_0) with one reward vector (rewards with q_i > 0 only); a
*collapse onto group G* means p_t -> p_0(· | G).

- :func:`solve_collapse`: the exact collapse test (W_{δ_g} <= 1 on supp(p_0) and δ_g the unique
  maximiser of F);
- :func:`evaluate_collapse_dynamics`: the large-K map iterated on enclosures (arb balls with
  python-flint, else ``mpmath.iv``; :func:`~pluralnash.numeric.engines.arb_step.enclosed_steps`)
  until a certificate decides its limit: an exact fixed point, a trap around a point
  mass, exclusions F(p_T) > F(δ_g) (F never decreases along the dynamics, [Cover 1984]; the
  toolkit's ``nash-limit``), or repelling neighbourhoods
  (:mod:`pluralnash.numeric.engines.point_mass` says why each one decides);
- :func:`solve_finite_k_rate` and :func:`evaluate_finite_k_limit`: the exact 1/K correction to the
  large-K limit and the measured finite-K fixed points
  (:mod:`pluralnash.numeric.engines.finite_k_expansion`).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pluralnash.numeric.arith.format import midpoint_text, number_text
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.arith.intervals import sign_of as _sign
from pluralnash.numeric.engines.finite_k_expansion import (
    FiniteKMeasurement,
    FiniteKRate,
    expand_finite_k,
    measure_finite_k_limit,
)
from pluralnash.numeric.engines.point_mass import (
    CollapseDynamics,
    CollapseResult,
    W_at_point_mass,
    is_exact_fixed_point,
    repels,
    trap_bound,
    w_ratio,
)
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.engines.grouping import reward_groups
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "CollapseResult",
    "CollapseDynamics",
    "collapse_groups",
    "solve_collapse",
    "evaluate_collapse_dynamics",
    "FiniteKRate",
    "FiniteKMeasurement",
    "solve_finite_k_rate",
    "evaluate_finite_k_limit",
]


def _fmt(x, digits: int = 10) -> str:
    """Evidence text here: 10 digits, Fractions exact up to denominators of 10^9 (an interval by its midpoint)."""
    if isinstance(x, iv.mpf):
        return midpoint_text(x, digits, digits + 5)
    return number_text(x, digits, max_den=10**9)


# ----------------------------------------------------------------------------------------------
# groups and exact W at point masses


@dataclass(frozen=True)
class _Groups:
    landscape: Landscape
    rewards: tuple[int, ...]           # i with q_i > 0
    atoms: tuple[tuple[int, ...], ...]  # atoms of supp(p0) in each group
    keys: tuple[tuple[Fraction, ...], ...]  # exact w (exp form) or r (log form) per group

    @property
    def G(self) -> int:
        return len(self.atoms)

    @property
    def exact(self) -> bool:
        return self.landscape.exp_rewards is not None


def collapse_groups(landscape: Landscape) -> tuple[tuple[int, ...], ...]:
    """The groups of supp(p_0): atoms with equal reward vectors (rewards with q_i > 0)."""
    return _groups(landscape).atoms


@per_setup(maxsize=512)
def _groups(landscape: Landscape) -> _Groups:
    rewards, groups = reward_groups(landscape, landscape.support())
    return _Groups(landscape, rewards, tuple(map(tuple, groups.values())), tuple(groups))



def _hull_contains_ones(vectors: list[list[Fraction]]) -> list[Fraction] | None:
    r"""Barycentric weights λ >= 0 with Σ λ_h v_h = 1 (all-ones) and Σ λ_h = 1, or None.

    Exact.  The vectors lie on the hyperplane Σ_i q_i v_i = 1 (dimension m - 1), so by
    Carathéodory's theorem a point of their hull is a convex combination of at most m affinely
    independent ones: subsets of size 1..m are tried, each an exact linear system.
    """
    if not vectors:
        return None
    m = len(vectors[0])
    for size in range(1, min(len(vectors), m) + 1):
        for subset in itertools.combinations(range(len(vectors)), size):
            rows = [[vectors[h][i] for h in subset] + [Fraction(1)] for i in range(m)]
            rows.append([Fraction(1)] * size + [Fraction(1)])
            sol = _solve_consistent(rows, size)
            if sol is not None and all(v >= 0 for v in sol):
                out = [Fraction(0)] * len(vectors)
                for h, v in zip(subset, sol):
                    out[h] = v
                return out
    return None


def _solve_consistent(rows: list[list[Fraction]], k: int) -> list[Fraction] | None:
    """Unique solution of an overdetermined exact system (augmented rows, k unknowns), or None."""
    from pluralnash.numeric.arith.linalg import solve_augmented

    return solve_augmented(rows, k)


@functools.lru_cache(maxsize=512)
def solve_collapse(landscape: Landscape, *, prec: int = 256) -> CollapseResult:
    r"""Decide exactly whether the large-K limit from ``landscape.p0`` is a point mass in reward space.

    For each group g of supp(p_0), W_{δ_g}(y) = Σ_i q_i w_i(y)/w_i(g) is compared with 1 at every
    group y (exactly for rational ``exp_rewards``, by intervals at ``prec`` bits otherwise).  At
    most one group can pass (the optimal Z* of F is unique); if one does, the ties
    T = {y : W_{δ_g}(y) = 1} are tested for 1 ∈ conv{w(y)/w(g)} (exact Carathéodory search).

    Returns
    -------
    CollapseResult

    Examples
    --------
    A compromise atom that neither reward prefers takes all the mass:

    >>> L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
    >>> res = solve_collapse(L)
    >>> res.outcome, res.group, res.certificate.evidence["min_slack"]
    ('collapse', (2,), '59/160')
    """
    gr = _groups(landscape)
    name = "large-K limit is a point mass in reward space iff W_{delta_g} <= 1 (unique maximiser)"
    method = "exact" if gr.exact else "interval"
    if gr.G == 1:
        ev = {"groups": 1, "reason": "supp(p0) has a single reward vector"}
        return CollapseResult("collapse", gr.atoms[0], CheckResult(name, Verdict.HOLDS, method, ev), 0)
    undecided = []
    with iv_workprec(prec):
        for g in range(gr.G):
            Ws = [W_at_point_mass(gr, g, h) for h in range(gr.G)]
            # W - 1 is exact near W = 1 (Sterbenz), so the interval decides W against 1 as W itself does
            signs = [(_sign(W - 1) if h != g else -1) for h, W in enumerate(Ws)]
            if any(s == 1 for s in signs):
                continue
            if any(s is None for s in signs):
                undecided.append(g)
                continue
            ties = [h for h, s in enumerate(signs) if s == 0 and h != g]
            slack = [1 - W for h, W in enumerate(Ws) if h != g and signs[h] == -1]
            ev: dict[str, Any] = {
                "group": list(gr.atoms[g]),
                "W_at_point_mass": {str(list(gr.atoms[h])): _fmt(W) for h, W in enumerate(Ws) if h != g},
                "min_slack": _fmt(min(slack, key=lambda s: s if isinstance(s, Fraction) else s.a)) if slack else None,
                "ties": [list(gr.atoms[h]) for h in ties],
            }
            if not ties:
                return CollapseResult("collapse", gr.atoms[g], CheckResult(name, Verdict.HOLDS, method, ev), g)
            if not gr.exact:
                return CollapseResult("undecided", gr.atoms[g], CheckResult(
                    name, Verdict.UNDECIDED, method, ev, "ties W = 1 cannot be decided by intervals"), g)
            vectors = [[w_ratio(gr, h, g, k) for k in range(len(gr.rewards))] for h in ties]
            lam = _hull_contains_ones(vectors)
            if lam is None:
                ev["hull"] = "1 is not in conv{w(y)/w(g) : y tied}: the maximiser is unique"
                return CollapseResult("collapse", gr.atoms[g], CheckResult(name, Verdict.HOLDS, method, ev), g)
            ev["hull_weights"] = {str(list(gr.atoms[h])): str(v) for h, v in zip(ties, lam) if v}
            return CollapseResult("degenerate", gr.atoms[g], CheckResult(
                name, Verdict.UNDECIDED, method, ev,
                "delta_g meets the first-order conditions but is not the unique maximiser of F: "
                "a mixture of tied atoms has the same Z; the limit depends on p0"), g)
    if undecided:
        return CollapseResult("undecided", None, CheckResult(
            name, Verdict.UNDECIDED, method, {"groups": gr.G},
            f"W_(delta_g) = 1 could not be excluded by intervals for groups {undecided}"))
    ev = {"groups": gr.G, "reason": "every point mass has some y with W_{delta_g}(y) > 1"}
    return CollapseResult("spread", None, CheckResult(name, Verdict.HOLDS, method, ev))


# ----------------------------------------------------------------------------------------------
# the dynamics, in interval arithmetic


def _scaled_rows(gr: _Groups) -> tuple[list[list[Fraction]], bool]:
    """w_i(x) / max over supp(p0) of w_i, [reward][group]: exact ratios, or their logarithms (log form)."""
    out = []
    for k in range(len(gr.rewards)):
        col = [gr.keys[g][k] for g in range(gr.G)]
        top = max(col)
        out.append([v / top for v in col] if gr.exact else [v - top for v in col])
    return out, not gr.exact


def _scaled_w_iv(gr: _Groups) -> list[list[Any]]:
    """w_i(x) / max over supp(p0) of w_i, as intervals, [reward][group]."""
    rows, log = _scaled_rows(gr)
    return [[iv.exp(iv_frac(v)) if log else iv_frac(v) for v in row] for row in rows]


def _run(gr: _Groups, steps: int, prec: int, every: int, *, backend: str | None = None):
    """Iterate the grouped large-K map on enclosures (arb balls when python-flint is available, else
    ``mpmath.iv``); yield (t, p_t, F(p_t), F(δ_g) per group, w, q) at checkpoints, p_t and F as
    ``mpmath.iv`` intervals at ``prec`` bits containing the backend's enclosures."""
    from pluralnash.numeric.engines.arb_step import enclosed_steps  # python-flint loads on first use

    L = gr.landscape
    with iv_workprec(prec):
        rows, log = _scaled_rows(gr)
        run = enclosed_steps(rows, [L.weights[i] for i in gr.rewards], prec, log=log, backend=backend)
        w = run.w_iv
        q = [iv_frac(L.weights[i]) for i in gr.rewards]
        m = len(q)
        P = run.vector([sum((L.p0[x] for x in atoms), Fraction(0)) for atoms in gr.atoms])
        logw = [[iv.log(x) for x in row] for row in w]
        F_point = [sum((q[k] * logw[k][g] for k in range(m)), iv.mpf(0)) for g in range(gr.G)]
        for t in range(steps + 1):
            if t % every == 0 or t == steps:
                yield t, run.publish_all(run.entries(P)), run.objective(P), F_point, w, q
            if t == steps:
                return
            P = run.step(P)


@functools.lru_cache(maxsize=512)
def evaluate_collapse_dynamics(landscape: Landscape, *, stages: tuple[int, ...] = (48, 192, 768),
                               every: int = 8, backend: str | None = None) -> CollapseDynamics:
    r"""Run the large-K dynamics from p_0 in interval arithmetic until its limit is certified.

    Each stage T runs T rounds at 2T + 128 bits (interval widths roughly double per round) and
    checks, every ``every`` rounds, for a trap around the heaviest group and for exclusions
    F(p_t) > F(δ_g).  See the module docstring for why each certificate decides the limit.
    The rounds run in arb balls when python-flint is installed (``backend=None``; ``"arb"`` or
    ``"iv"`` to choose), their enclosures read back as ``mpmath.iv`` intervals: either backend
    only ever certifies what holds.

    Returns
    -------
    CollapseDynamics

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
    >>> d = evaluate_collapse_dynamics(L)
    >>> d.outcome, d.group
    ('collapse', (2,))
    >>> L = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]])
    >>> evaluate_collapse_dynamics(L).outcome
    'spread'
    """
    from pluralnash.numeric.engines.arb_step import interval_kind

    interval_kind(backend)  # a bad backend stops here, before any work
    gr = _groups(landscape)
    if gr.G == 1:
        return CollapseDynamics("collapse", gr.atoms[0], (), 0, {"reason": "a single reward vector on supp(p0)"})
    if is_exact_fixed_point(gr):
        if gr.G == 1:
            return CollapseDynamics("collapse", gr.atoms[0], (), 0, {"fixed_point": "p0"})
        return CollapseDynamics("spread", None, (), 0, {
            "fixed_point": "p0 is an exact fixed point (W_p0 = 1 on supp(p0)), so the limit is p0, "
                           f"which charges {gr.G} reward vectors"})
    excluded: set[int] = set()
    for steps in stages:
        prec = 2 * steps + 128
        for t, p, F, F_point, w, q in _run(gr, steps, prec, every, backend=backend):
            with iv_workprec(prec):
                for g in range(gr.G):
                    if g not in excluded and (F - F_point[g]).a > 0:
                        excluded.add(g)
                if len(excluded) == gr.G:
                    return CollapseDynamics("spread", None, tuple(gr.atoms[g] for g in sorted(excluded)), t, {
                        "certificate": "F(p_t) > F(delta_g) for every group g, and F never decreases",
                        "rounds": t, "F(p_t) >=": _fmt(F.a)})
                g = max(range(gr.G), key=lambda h: p[h].mid)
                eta = (1 - iv.mpf(p[g].a)).b  # rounded up: the outside mass is at most eta
                if g not in excluded and 0 < eta < 1:
                    c = trap_bound(gr, w, q, g, eta)
                    if c is not None and c < 1:
                        return CollapseDynamics("collapse", gr.atoms[g], tuple(gr.atoms[h] for h in sorted(excluded)),
                                                t, {"certificate": "trap: p_t(G) >= 1 - eta and W(y)/W(G) <= c < 1 "
                                                                   "on the whole region",
                                                    "rounds": t, "eta": _fmt(eta, 6), "c": _fmt(c, 8)})
        if steps == stages[0]:
            # a point mass that repels some charged atom from all of its neighbourhood is no limit
            with iv_workprec(prec):
                w = _scaled_w_iv(gr)
                q = [iv_frac(landscape.weights[i]) for i in gr.rewards]
                eta = iv.mpf(2) ** -40
                repelled = {g for g in range(gr.G) if g not in excluded and repels(gr, w, q, g, eta)}
            if repelled and len(excluded | repelled) == gr.G:
                return CollapseDynamics("spread", None, tuple(gr.atoms[g] for g in sorted(excluded | repelled)), steps, {
                    "certificate": "F(p_t) > F(delta_g) for the groups " + str([list(gr.atoms[g]) for g in sorted(excluded)])
                                   + "; the others repel a charged atom: W_p(y)/W_p(g) > 1 on a whole "
                                     "neighbourhood {p(g) >= 1 - 2^-40}, so p_t -> delta_g is impossible",
                    "rounds": steps})
    return CollapseDynamics("undecided", None, tuple(gr.atoms[g] for g in sorted(excluded)), stages[-1], {
        "reason": f"no trap and not every point mass excluded after {stages[-1]} rounds"})


# ----------------------------------------------------------------------------------------------
# the finite-K limit near the large-K one


@functools.lru_cache(maxsize=256)
def solve_finite_k_rate(landscape: Landscape) -> FiniteKRate:
    r"""The exact 1/K correction v with p^K = p* + v/K + o(1/K) ([FALA26] Lemma 3.2 to first order).

    Needs rational ``exp_rewards`` and an exact large-K limit p* (``solve_limit`` on its exact path,
    re-verified here: W* = 1 on the support, W* < 1 strictly off it) charging at least two groups
    with independent reward vectors.  Then b, J and v = -J^{-1} b are exact rationals.

    Raises
    ------
    InvalidArgument
        When the premises fail (the message says which).

    Examples
    --------
    Two atoms (1, 1/3) and (1/4, 1) with q = 1/2: p* = (7/12, 5/12) and K (p^K - p*) -> (1/6, -1/6).

    >>> L = Landscape(exp_rewards=[["1", "1/4"], ["1/3", "1"]])
    >>> r = solve_finite_k_rate(L)
    >>> r.p_star, r.v, r.C
    ([Fraction(7, 12), Fraction(5, 12)], [Fraction(1, 6), Fraction(-1, 6)], Fraction(1, 6))
    """
    from pluralnash.numeric.engines.limit import solve_limit

    if not landscape.is_exact:
        raise InvalidArgument("finite-k-limit needs exp_rewards= (rational w) for an exact p*; give exp_rewards")
    gr = _groups(landscape)
    lim = solve_limit(landscape)
    if not landscape.is_exact:
        raise InvalidArgument("finite-k-limit needs exp_rewards= (rational w) for an exact p*; give exp_rewards")
    gr = _groups(landscape)
    lim = solve_limit(landscape)
    if not lim.exact or lim.certificate.verdict is not Verdict.HOLDS or not lim.unique:
        raise InvalidArgument(f"the large-K limit is not exact and certified unique here "
                              f"({lim.certificate.verdict.value}); finite-k-limit needs |support| = m groups")
    charged = [g for g in range(gr.G) if any(lim.p[x] for x in gr.atoms[g])]
    if len(charged) < 2:
        raise InvalidArgument(f"the large-K limit charges {len(charged)} group(s); finite-k-limit needs an interior "
                              f"limit on >= 2 reward vectors (a point mass is a fixed point for every K)")
    others = [g for g in range(gr.G) if g not in charged]
    order = charged + others
    q = [landscape.weights[i] for i in gr.rewards]
    w = [[gr.keys[g][k] for g in order] for k in range(len(gr.rewards))]
    p = [sum((lim.p[x] for x in gr.atoms[g]), Fraction(0)) for g in charged]
    return expand_finite_k(tuple(gr.atoms[g] for g in charged), tuple(gr.atoms[g] for g in others), q, w, p)


@functools.lru_cache(maxsize=256)
def evaluate_finite_k_limit(landscape: Landscape, Ks: tuple[int, ...] = (8, 16, 32, 64), *, dps: int = 30,
                            method: str = "enumerate") -> FiniteKMeasurement:
    r"""Solve for the finite-K fixed point p^K near p*, for each K, at ``dps`` digits.

    p^K solves Σ_i q_i H^{K,r_i}_p(x) = 1 on the support of p* (secant or Newton's method at
    dps + 10 digits, started from p* + v/K); H by exact-law enumeration in mpmath
    (``method="enumerate"``) or by quadrature (``"quadrature"``, slower).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/4"], ["1/3", "1"]])
    >>> import mpmath
    >>> meas = evaluate_finite_k_limit(L, (32, 64))
    >>> [mpmath.nstr(K * t, 6) for K, t in zip(meas.Ks, meas.tv)]
    ['0.179478', '0.172844']
    """
    return measure_finite_k_limit(solve_finite_k_rate(landscape), Ks, dps=dps, method=method)
