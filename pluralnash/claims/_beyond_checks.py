r"""Instance checks for the toolkit's statements beyond the paper.

Definitions and conventions
---------------------------
Symbols as in :mod:`pluralnash.claims._core_checks`: q = weights, w_i = e^{r_i}, Z_i(p) = E_p[w_i],
W_p(x) = Σ_i q_i w_i(x) / Z_i(p), F(p) = Σ_i q_i log Z_i(p), K = candidates per round.

*Groups.*  Atoms of supp(p_0) with the same reward vector (w_1(x), ..., w_m(x)) (rewards with
q_i > 0 only) get the same W at every round, so the dynamics keeps the ratio of their p_0 masses
for ever.  A *collapse onto group G* means p_t -> p_0(· | G): a single point of reward space.

*Collapse criterion* (``collapse-criterion``).  For a group g,

    W_{δ_g}(y) = Σ_i q_i w_i(y) / w_i(g)

is W at the point mass δ_g.  The large-K limit is δ_g exactly when δ_g is the unique maximiser of
F on supp(p_0): W_{δ_g}(y) <= 1 for every y in supp(p_0) (first-order / KKT conditions; F is
concave), and no distribution on T = {y ∉ g : W_{δ_g}(y) = 1} has the reward vector w(g) as its
mean, i.e. 1 ∉ conv{w(y)/w(g) : y ∈ T} (componentwise ratios).  When that hull condition fails
the maximiser is not unique and the first-order conditions do not decide the limit
(``degenerate``).

*Dynamics certificates* (independent of the criterion; :func:`evaluate_collapse_dynamics`).  The
large-K map is iterated in interval arithmetic (``mpmath.iv``), so every p_t is enclosed
rigorously.  Three certified facts can end a run:

- *fixed point*: p_0 is an exact fixed point (W_{p_0} = 1 on supp(p_0), exact arithmetic), so the
  limit is p_0 itself;
- *trap*: p_T(G) >= 1 - η with every ratio W_p(y)/W_p(G) <= c < 1 (y ∉ G) over the whole region
  {p : p(G) >= 1 - η} (interval bound).  Then p_{t+1}(y)/p_{t+1}(G) <= c p_t(y)/p_t(G): the region is
  invariant and p_t -> p_0(· | G);
- *exclusion*: F(p_T) > F(δ_g).  F never decreases along the dynamics ([Cover 1984]; the
  toolkit's ``nash-limit``), so p_t cannot converge to δ_g.  All groups excluded: no collapse.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.claims._core_checks import _fmt as _fmt_evidence, _sign
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.cache import per_setup
from pluralnash.numeric.engines.grouping import reward_groups
from pluralnash.numeric.engines.step import FIELD, large_k_step
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = [
    "CollapseResult",
    "CollapseDynamics",
    "collapse_groups",
    "solve_collapse",
    "evaluate_collapse_dynamics",
    "check_collapse_criterion",
    "check_nondegenerate_collapse",
    "predict_collapse_criterion",
    "predict_collapse_unqualified",
    "predict_collapse_scalarised",
    "predict_collapse_never_plural",
    "FiniteKRate",
    "FiniteKMeasurement",
    "solve_finite_k_rate",
    "evaluate_finite_k_limit",
    "check_interior_limit",
    "check_finite_k_limit",
    "rate_derived",
    "rate_inverse_square",
    "rate_inverse_sqrt",
    "rate_jensen",
    "default_ks",
    "PlateauConstants",
    "plateau_constants",
    "check_plateau_no_outside",
    "plateau_limit_exact",
    "plateau_limit_hard",
    "plateau_limit_lemma_lower",
    "plateau_window_exact",
    "plateau_window_paper",
    "check_plateau_exact",
]


def _fmt(x, digits: int = 10) -> str:
    """Evidence text here: 10 digits, Fractions exact up to denominators of 10^9."""
    return _fmt_evidence(x, digits, max_den=10**9)


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


def _ratio(gr: _Groups, h: int, g: int, i: int):
    """w_i(h) / w_i(g): exact Fraction (exp form) or an interval (log form)."""
    if gr.exact:
        return gr.keys[h][i] / gr.keys[g][i]
    return iv.exp(iv_frac(gr.keys[h][i] - gr.keys[g][i]))


def _W_point_mass(gr: _Groups, g: int, h: int):
    """W_{δ_g}(h) = Σ_i q_i w_i(h) / w_i(g)."""
    q = gr.landscape.weights
    if gr.exact:
        return sum((q[i] * _ratio(gr, h, g, k) for k, i in enumerate(gr.rewards)), Fraction(0))
    return sum((iv_frac(q[i]) * _ratio(gr, h, g, k) for k, i in enumerate(gr.rewards)), iv.mpf(0))


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
    M = [list(r) for r in rows]
    piv_cols = []
    r = 0
    for c in range(k):
        piv = next((j for j in range(r, len(M)) if M[j][c] != 0), None)
        if piv is None:
            return None  # rank < k: not affinely independent
        M[r], M[piv] = M[piv], M[r]
        for j in range(len(M)):
            if j != r and M[j][c] != 0:
                f = M[j][c] / M[r][c]
                M[j] = [a - f * b for a, b in zip(M[j], M[r])]
        piv_cols.append(c)
        r += 1
    if any(M[j][k] != 0 for j in range(r, len(M))):
        return None  # inconsistent
    return [M[j][k] / M[j][j] for j in range(k)]


@dataclass(frozen=True)
class CollapseResult:
    r"""The exact collapse test of one landscape.

    Attributes
    ----------
    outcome : str
        ``"collapse"`` (the large-K limit is p_0(· | G) for the group ``group``), ``"spread"`` (the
        limit is not supported on one reward vector), ``"degenerate"`` (δ_G satisfies the
        first-order conditions but is not the unique maximiser of F: the limit depends on p_0
        beyond them) or ``"undecided"`` (an interval comparison with 1 could not be decided).
    group : tuple of int or None
        The atoms of the collapse (or degenerate) group.
    certificate : CheckResult
        ``method`` ``"exact"`` (rational ``exp_rewards``) or ``"interval"``; the evidence lists
        W_{δ_g}(y) for the deciding group, the smallest slack 1 - W and the ties.
    """

    outcome: str
    group: tuple[int, ...] | None
    certificate: CheckResult
    group_index: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "group": list(self.group) if self.group else None,
                "certificate": self.certificate.to_json()}


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
            Ws = [_W_point_mass(gr, g, h) for h in range(gr.G)]
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
            vectors = [[_ratio(gr, h, g, k) for k in range(len(gr.rewards))] for h in ties]
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


@dataclass(frozen=True)
class CollapseDynamics:
    r"""What a certified run of the large-K dynamics established about its limit.

    Attributes
    ----------
    outcome : str
        ``"collapse"`` (p_t -> p_0(· | group), by a trap or an exact fixed point), ``"spread"`` (no
        point mass in reward space is the limit) or ``"undecided"``.
    group : tuple of int or None
    excluded : tuple of tuple of int
        Groups g with a certified F(p_T) > F(δ_g): p_t does not converge to δ_g.
    steps : int
        Rounds iterated.
    evidence : dict
    """

    outcome: str
    group: tuple[int, ...] | None
    excluded: tuple[tuple[int, ...], ...]
    steps: int
    evidence: dict = field(default_factory=dict)


def _scaled_w_iv(gr: _Groups) -> list[list[Any]]:
    """w_i(x) / max over supp(p0) of w_i, as intervals, [reward][group]."""
    out = []
    for k in range(len(gr.rewards)):
        col = [gr.keys[g][k] for g in range(gr.G)]
        top = max(col)
        if gr.exact:
            out.append([iv_frac(v / top) for v in col])
        else:
            out.append([iv.exp(iv_frac(v - top)) for v in col])
    return out


def _exact_fixed_point(gr: _Groups) -> bool:
    """p0 is a fixed point of the large-K map (W_{p0} = 1 on supp(p0)), decided exactly."""
    if not gr.exact:
        return False
    L = gr.landscape
    mass = [sum((L.p0[x] for x in atoms), Fraction(0)) for atoms in gr.atoms]
    Z = [sum((mass[g] * gr.keys[g][k] for g in range(gr.G)), Fraction(0)) for k in range(len(gr.rewards))]
    q = [L.weights[i] for i in gr.rewards]
    return all(sum((q[k] * gr.keys[g][k] / Z[k] for k in range(len(q))), Fraction(0)) == 1 for g in range(gr.G))


def _trap(gr: _Groups, w, q, g: int, eta) -> Any:
    """Upper bound c on W_p(y)/W_p(g) over {p : p(G) >= 1 - eta}, y ∉ G (interval), or None."""
    m = len(q)
    Zbox = []
    for k in range(m):
        d = [w[k][h] - w[k][g] for h in range(gr.G) if h != g]
        lo = min((x.a for x in d), default=0)
        hi = max((x.b for x in d), default=0)
        lo, hi = min(lo, 0), max(hi, 0)
        Zbox.append(w[k][g] + iv.mpf(eta) * iv.mpf([lo, hi]) if (lo or hi) else w[k][g])
    if any(z.a <= 0 for z in Zbox):
        return None
    Wg = sum((q[k] * w[k][g] / Zbox[k] for k in range(m)), iv.mpf(0))
    worst = None
    for h in range(gr.G):
        if h == g:
            continue
        Wh = sum((q[k] * w[k][h] / Zbox[k] for k in range(m)), iv.mpf(0))
        c = (Wh / Wg).b
        worst = c if worst is None else max(worst, c)
    return worst


def _repelled(gr: _Groups, w, q, g: int, eta) -> bool:
    """Certified: some y has W_p(y)/W_p(g) >= c > 1 on all of {p : p(G) >= 1 - eta}."""
    m = len(q)
    Zbox = []
    for k in range(m):
        d = [w[k][h] - w[k][g] for h in range(gr.G) if h != g]
        lo, hi = min(min(x.a for x in d), 0), max(max(x.b for x in d), 0)
        Zbox.append(w[k][g] + iv.mpf(eta) * iv.mpf([lo, hi]))
    if any(z.a <= 0 for z in Zbox):
        return False
    Wg = sum((q[k] * w[k][g] / Zbox[k] for k in range(m)), iv.mpf(0))
    return any((sum((q[k] * w[k][h] / Zbox[k] for k in range(m)), iv.mpf(0)) / Wg).a > 1
               for h in range(gr.G) if h != g)


def _run(gr: _Groups, steps: int, prec: int, every: int):
    """Iterate the grouped large-K map in intervals; yield (t, p_t, F(p_t)) at checkpoints."""
    L = gr.landscape
    with iv_workprec(prec):
        w = _scaled_w_iv(gr)
        q = [iv_frac(L.weights[i]) for i in gr.rewards]
        m = len(q)
        p = [iv_frac(sum((L.p0[x] for x in atoms), Fraction(0))) for atoms in gr.atoms]
        logw = [[iv.log(x) for x in row] for row in w]
        F_point = [sum((q[k] * logw[k][g] for k in range(m)), iv.mpf(0)) for g in range(gr.G)]
        for t in range(steps + 1):
            if t % every == 0 or t == steps:
                Z = FIELD.Z(p, w)
                F = sum((q[k] * iv.log(Z[k]) for k in range(m)), iv.mpf(0))
                yield t, p, F, F_point, w, q
            if t == steps:
                return
            p = large_k_step(FIELD, p, w, q).p


@functools.lru_cache(maxsize=512)
def evaluate_collapse_dynamics(landscape: Landscape, *, stages: tuple[int, ...] = (48, 192, 768),
                               every: int = 8) -> CollapseDynamics:
    r"""Run the large-K dynamics from p_0 in interval arithmetic until its limit is certified.

    Each stage T runs T rounds at 2T + 128 bits (interval widths roughly double per round) and
    checks, every ``every`` rounds, for a trap around the heaviest group and for exclusions
    F(p_t) > F(δ_g).  See the module docstring for why each certificate decides the limit.

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
    gr = _groups(landscape)
    if gr.G == 1:
        return CollapseDynamics("collapse", gr.atoms[0], (), 0, {"reason": "a single reward vector on supp(p0)"})
    if _exact_fixed_point(gr):
        if gr.G == 1:
            return CollapseDynamics("collapse", gr.atoms[0], (), 0, {"fixed_point": "p0"})
        return CollapseDynamics("spread", None, (), 0, {
            "fixed_point": "p0 is an exact fixed point (W_p0 = 1 on supp(p0)), so the limit is p0, "
                           f"which charges {gr.G} reward vectors"})
    excluded: set[int] = set()
    for steps in stages:
        prec = 2 * steps + 128
        for t, p, F, F_point, w, q in _run(gr, steps, prec, every):
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
                    c = _trap(gr, w, q, g, eta)
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
                repelled = {g for g in range(gr.G) if g not in excluded and _repelled(gr, w, q, g, eta)}
            if repelled and len(excluded | repelled) == gr.G:
                return CollapseDynamics("spread", None, tuple(gr.atoms[g] for g in sorted(excluded | repelled)), steps, {
                    "certificate": "F(p_t) > F(delta_g) for the groups " + str([list(gr.atoms[g]) for g in sorted(excluded)])
                                   + "; the others repel a charged atom: W_p(y)/W_p(g) > 1 on a whole "
                                     "neighbourhood {p(g) >= 1 - 2^-40}, so p_t -> delta_g is impossible",
                    "rounds": steps})
    return CollapseDynamics("undecided", None, tuple(gr.atoms[g] for g in sorted(excluded)), stages[-1], {
        "reason": f"no trap and not every point mass excluded after {stages[-1]} rounds"})


# ----------------------------------------------------------------------------------------------
# predictions (the statement and its planted variants) and the check


Prediction = tuple  # ("collapse", atoms) | ("spread", None) | ("degenerate", atoms) | ("undecided", None)


def predict_collapse_criterion(landscape: Landscape) -> Prediction:
    r"""The statement: collapse onto g iff W_{δ_g} <= 1 on supp(p_0) and δ_g is the unique maximiser."""
    res = solve_collapse(landscape)
    return (res.outcome, res.group)


def predict_collapse_unqualified(landscape: Landscape) -> Prediction:
    r"""Collapse onto g iff W_{δ_g} <= 1 on supp(p_0), without the uniqueness condition."""
    res = solve_collapse(landscape)
    if res.outcome == "degenerate":
        return ("collapse", res.group)
    return (res.outcome, res.group)


def predict_collapse_scalarised(landscape: Landscape) -> Prediction:
    r"""Planted: collapse onto the atom maximising Σ_i q_i r_i (the single-reward theorem applied to
    the averaged reward); ties broken toward the first group."""
    gr = _groups(landscape)
    q = [landscape.weights[i] for i in gr.rewards]
    with iv_workprec(256):
        if gr.exact:
            score = [sum((iv_frac(qk) * iv.log(iv_frac(gr.keys[g][k])) for k, qk in enumerate(q)), iv.mpf(0))
                     for g in range(gr.G)]
        else:
            score = [iv_frac(sum((qk * gr.keys[g][k] for k, qk in enumerate(q)), Fraction(0))) for g in range(gr.G)]
        best = max(range(gr.G), key=lambda g: score[g].mid)
    return ("collapse", gr.atoms[best])


def predict_collapse_never_plural(landscape: Landscape) -> Prediction:
    r"""Planted: with m >= 2 rewards (q_i > 0) the limit never collapses; with one it collapses onto its argmax."""
    gr = _groups(landscape)
    if len(gr.rewards) >= 2 and gr.G >= 2:
        return ("spread", None)
    return predict_collapse_criterion(landscape)


def check_nondegenerate_collapse(landscape: Landscape) -> CheckResult:
    """Premise: the exact collapse test is decided without ties W_{δ_g}(y) = 1 at the passing point mass."""
    res = solve_collapse(landscape)
    name = "no exact tie W_delta_g(y) = 1 at a point mass meeting the first-order conditions"
    ev = {"outcome": res.outcome}
    ties = res.certificate.evidence.get("ties")
    if res.outcome == "degenerate" or ties:
        ev.update(res.certificate.evidence)
        why = res.certificate.reason if res.outcome == "degenerate" else \
            f"W_delta_g(y) = 1 exactly at {ties}: the limit is delta_g (unique maximiser) but the run converges sublinearly"
        return CheckResult(name, Verdict.FAILS, "exact", ev, why)
    if res.outcome == "undecided":
        return CheckResult(name, Verdict.UNDECIDED, res.certificate.method, ev, res.certificate.reason)
    return CheckResult(name, Verdict.HOLDS, res.certificate.method, ev)


def check_collapse_criterion(landscape: Landscape, *,
                             predict: Callable[[Landscape], Prediction] = predict_collapse_criterion) -> CheckResult:
    r"""Decide whether ``predict`` gives the large-K dynamics' limit (collapse onto which group, or none).

    The prediction is compared with certified facts from :func:`evaluate_collapse_dynamics`
    (interval runs; exact fixed points), which never use the collapse criterion.

    Returns
    -------
    CheckResult
        HOLDS when the certified run confirms the prediction, FAILS (certified) when it refutes it,
        UNDECIDED when the run could not decide or the prediction is ``degenerate``/``undecided``.
    """
    kind, group = predict(landscape)
    name = f"{predict.__name__}: limit {'collapses onto ' + str(list(group)) if kind == 'collapse' else kind}"
    ev: dict[str, Any] = {"predicted": kind, "predicted_group": list(group) if group else None}
    if kind not in ("collapse", "spread"):
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, f"the prediction is {kind}")
    dyn = evaluate_collapse_dynamics(landscape)
    ev.update({"dynamics": dyn.outcome, "dynamics_group": list(dyn.group) if dyn.group else None,
               "rounds": dyn.steps, **{f"dynamics_{k}": v for k, v in dyn.evidence.items()}})
    # interval certificates carry a "certificate" entry; exact fixed points and single groups do not
    method = "interval" if "certificate" in dyn.evidence else "exact"
    # a categorical prediction has no room: margin 0 when the run confirms it, -1 when it refutes it
    if dyn.outcome in ("collapse", "spread") or (kind == "collapse" and group in dyn.excluded):
        ev["margin"] = 0.0 if dyn.outcome == kind and (kind == "spread" or dyn.group == group) else -1.0
    if kind == "collapse":
        if dyn.outcome == "collapse" and dyn.group == group:
            return CheckResult(name, Verdict.HOLDS, method, ev)
        if group in dyn.excluded:
            return CheckResult(name, Verdict.FAILS, "interval", ev,
                               f"F(p_t) > F(delta_{list(group)}) at t = {dyn.steps}: the dynamics cannot converge to "
                               f"the predicted point mass")
        if dyn.outcome == "collapse":
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"the dynamics is trapped around {list(dyn.group)}, not the predicted {list(group)}")
        if dyn.outcome == "spread":
            return CheckResult(name, Verdict.FAILS, method, ev,
                               "the dynamics' limit charges several reward vectors, not the predicted point mass")
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, dyn.evidence.get("reason", "run undecided"))
    if dyn.outcome == "spread":
        return CheckResult(name, Verdict.HOLDS, method, ev)
    if dyn.outcome == "collapse":
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"predicted no collapse, but the dynamics is certified to collapse onto {list(dyn.group)}")
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev, dyn.evidence.get("reason", "run undecided"))


# ----------------------------------------------------------------------------------------------
# finite-k-limit: the distance between the finite-K and the large-K limits


def _frac_solve_square(A: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """Exact solution of a square rational system (None when singular): the limit solver's."""
    from pluralnash.numeric.engines.limit import _frac_solve

    return _frac_solve(A, b)


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
    if not lim.exact or lim.certificate.verdict is not Verdict.HOLDS or not lim.unique:
        raise InvalidArgument(f"the large-K limit is not exact and certified unique here "
                              f"({lim.certificate.verdict.value}); finite-k-limit needs |support| = m groups")
    charged = [g for g in range(gr.G) if any(lim.p[x] for x in gr.atoms[g])]
    if len(charged) < 2:
        raise InvalidArgument(f"the large-K limit charges {len(charged)} group(s); finite-k-limit needs an interior "
                              f"limit on >= 2 reward vectors (a point mass is a fixed point for every K)")
    others = [g for g in range(gr.G) if g not in charged]
    order = charged + others
    m = len(gr.rewards)
    q = [landscape.weights[i] for i in gr.rewards]
    w = [[gr.keys[g][k] for g in order] for k in range(m)]
    s = len(charged)
    p = [sum((lim.p[x] for x in gr.atoms[g]), Fraction(0)) for g in charged]
    Z = [sum((p[j] * w[k][j] for j in range(s)), Fraction(0)) for k in range(m)]
    W = [sum((q[k] * w[k][j] / Z[k] for k in range(m)), Fraction(0)) for j in range(len(order))]
    if any(W[j] != 1 for j in range(s)) or any(W[j] >= 1 for j in range(s, len(order))):
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
    v = _frac_solve_square(J, [-x for x in b])
    vj = _frac_solve_square(J, [-x for x in bj])
    if v is None or vj is None:
        raise InvalidArgument("J = dW/dp on the support is singular (dependent reward vectors); no 1/K expansion")
    slack = min((1 - W[j] for j in range(s, len(order))), default=None)
    return FiniteKRate(tuple(gr.atoms[g] for g in charged), tuple(gr.atoms[g] for g in others), w, q, p, Z, sigma2,
                       b, v, vj, sum(map(abs, v), Fraction(0)) / 2, sum(map(abs, vj), Fraction(0)) / 2, slack)


def check_interior_limit(landscape: Landscape) -> CheckResult:
    """Premise of finite-k-limit: an exact, unique large-K limit on >= 2 reward vectors, strict slack off it."""
    return _premise_of(
        "exact interior large-K limit (>= 2 reward vectors, unique, W* < 1 strictly off the support)",
        solve_finite_k_rate, landscape,
        lambda r: {"support": [list(g) for g in r.support], "p_star": [str(x) for x in r.p_star]})


def _premise_of(name: str, measure: Callable[[Landscape], Any], landscape: Landscape,
                evidence: Callable[[Any], dict]) -> CheckResult:
    """A premise that holds exactly when an exact measurement of the setup succeeds: HOLDS with its
    evidence, FAILS with the InvalidArgument the measurement raised (it names what is missing), or
    UNDECIDED when a solver inside it gave up (that decides nothing)."""
    try:
        r = measure(landscape)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.FAILS, "exact", {}, str(exc))
    except SolverError as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"a solver gave up: {exc}")
    return CheckResult(name, Verdict.HOLDS, "exact", evidence(r))


def _mp(x: Fraction):
    return mpmath.mpf(x.numerator) / x.denominator


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


def _H_sum(rate: FiniteKRate, p_support: list, K: int, dps: int, method: str, *, everywhere: bool = False):
    """Σ_i q_i H^{K,i}_p at the support groups (and the others when ``everywhere``), p on the support."""
    from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights

    n = len(rate.w[0]) if everywhere else len(p_support)
    p_full = list(p_support) + [mpmath.mpf(0)] * (n - len(p_support))
    total = [mpmath.mpf(0)] * n
    for k, qk in enumerate(rate.q):
        H = evaluate_finite_k_weights(p_full, [_mp(x) for x in rate.w[k][:n]], K, method=method, dps=dps)
        total = [t + _mp(qk) * h for t, h in zip(total, H)]
    return total


def _fixed_point(rate: FiniteKRate, start: list, K: int, dps: int, method: str) -> list:
    """Solve Σ_i q_i H^{K,i}_p = 1 on the support (s - 1 free masses) from ``start``.

    s = 2: the secant method on the one free mass; otherwise Newton's method with a forward-difference
    Jacobian.  Steps are halved to keep every mass positive.
    """
    s = len(start)
    tol = mpmath.mpf(10) ** (-(dps - 6))
    p = list(start)

    def resid(p):
        G = _H_sum(rate, p, K, dps, method)
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
    >>> meas = evaluate_finite_k_limit(L, (32, 64))
    >>> [mpmath.nstr(K * t, 6) for K, t in zip(meas.Ks, meas.tv)]
    ['0.179478', '0.172844']
    """
    rate = solve_finite_k_rate(landscape)
    s = len(rate.p_star)
    work = dps + 10
    p_K, tvs, res, off = [], [], [], []
    with mpmath.workdps(work):
        p_star = [_mp(x) for x in rate.p_star]
        for K in Ks:
            start = [p_star[j] + _mp(rate.v[j]) / K for j in range(s)]
            if any(x <= 0 for x in start):
                start = list(p_star)
            p = _fixed_point(rate, start, K, work, method)
            G = _H_sum(rate, p, K, work, method, everywhere=True)
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


def rate_derived(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""The statement: TV(p^K, p*) ~ C/K with C = ½‖v‖_1, v = -J^{-1} b."""
    return Fraction(1), rate.C


def rate_inverse_square(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""Planted: TV(p^K, p*) ~ C/K² (a faster rate, same constant)."""
    return Fraction(2), rate.C


def rate_inverse_sqrt(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""Planted: TV(p^K, p*) ~ C/√K (a CLT-like rate, same constant)."""
    return Fraction(1, 2), rate.C


def rate_jensen(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""Planted: TV(p^K, p*) ~ C_J/K with C_J from the Jensen (first-order) bound, the σ² term of b dropped."""
    return Fraction(1), rate.C_jensen


def _residual_enclosure(rate: FiniteKRate, K: int) -> dict[str, Any]:
    r"""Certified |K r_K(x) - b(x)| <= B_K on the support: r_K exact (enumeration at p*), B_K from the
    explicit remainder of ``derive_finite_k_expansion`` (intervals for the square root)."""
    from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights

    s, m = len(rate.p_star), len(rate.q)
    p = list(rate.p_star)
    out: dict[str, Any] = {"K": K}
    worst_gap, worst_bound, ok = None, None, True
    with iv_workprec(256):
        r = [Fraction(-1)] * s
        bound = [iv.mpf(0)] * s
        for k in range(m):
            H = evaluate_finite_k_weights(p, rate.w[k][:s], K, method="enumerate")
            Z, var = rate.Z[k], rate.sigma2[k]
            mu4 = sum((p[j] * (rate.w[k][j] - Z) ** 4 for j in range(s)), Fraction(0))
            wmin = min(rate.w[k][j] for j in range(s))
            for x in range(s):
                wx = rate.w[k][x]
                r[x] += rate.q[k] * H[x]
                a = wx + (K - 1) * Z
                T = K * wx / a + K * wx * (K - 1) * var / a ** 3
                lead = wx / Z * (1 + (1 - wx / Z + var / Z ** 2) / K)
                ED4 = (K - 1) * mu4 + 3 * (K - 1) * (K - 2) * var ** 2
                R = iv_frac(K * wx) * iv.sqrt(iv_frac((K - 1) * var * ED4)) / iv_frac(a ** 3 * (wx + (K - 1) * wmin))
                bound[x] += iv_frac(rate.q[k]) * (iv_frac(abs(T - lead)) + R)
        for x in range(s):
            gap = abs(K * r[x] - rate.b[x])
            B = iv_frac(Fraction(K)) * bound[x]
            if not iv_frac(gap).b <= B.b:
                ok = False
            worst_gap = gap if worst_gap is None else max(worst_gap, gap)
            worst_bound = B.b if worst_bound is None else max(worst_bound, B.b)
        out.update({"K_r_K": [_fmt(K * v) for v in r], "max|K r_K - b|": _fmt(worst_gap),
                    "bound B_K": mpmath.nstr(mpmath.mpf(worst_bound), 6), "enclosed": ok})
    return out


def check_finite_k_limit(landscape: Landscape, *, rate: Callable[[FiniteKRate], tuple] = rate_derived,
                         Ks: tuple[int, ...] | None = None, dps: int = 30,
                         residual_K: int = 16) -> CheckResult:
    r"""Decide a rate statement TV(p^K, p*) ~ C/K^α for the finite-K fixed point continuing p*.

    Two parts:

    - *exact*: the derived expansion (``derive_finite_k_expansion``, implicit function theorem) gives
      lim K·TV(p^K, p*) = C = ½‖v‖_1 exactly, with v = -J^{-1} b rational and, at ``residual_K``, the
      exact residual K r_K within its certified remainder bound of b.  A statement with α ≠ 1 (and
      C ≠ 0), or α = 1 and another constant, contradicts it;
    - *measurement*: p^K at ``dps`` digits for each K in ``Ks`` (default :func:`default_ks`); for
      α = 1 the Richardson estimate 2u_{2K} - u_K of C (u_K = K·TV_K) must lie within 3 times its
      error scale |last two estimates' difference| of C_pred, and at least 10 times away for a false
      constant; for α ≠ 1, e_K = |K^α TV_K - C_pred| must shrink (ratio <= 0.7 over the last two
      doublings), and stays (ratio >= 0.9) for a false rate.

    HOLDS (``mp-point``, not certified) when the statement agrees with the derivation and the
    measurement confirms it; FAILS (certified by the exact part) when it contradicts the derivation
    and the measurement agrees with the derivation, not with it; UNDECIDED otherwise.
    """
    name = f"TV(p^K, p*) ~ C/K^alpha ({rate.__name__})"
    try:
        r = solve_finite_k_rate(landscape)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"premise not met: {exc}")
    alpha, C_pred = rate(r)
    ev: dict[str, Any] = {"alpha": str(alpha), "C_predicted": _fmt(C_pred), "C_derived": _fmt(r.C),
                          "v_derived": [str(x) for x in r.v], "p_star": [str(x) for x in r.p_star],
                          "support": [list(g) for g in r.support]}
    enclosure = _residual_enclosure(r, residual_K)
    ev["residual_check"] = enclosure
    if not enclosure["enclosed"]:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                           f"the exact residual at K={residual_K} is outside the derived remainder bound: "
                           f"the expansion is wrong")
    if Ks is None:
        Ks = default_ks(r)
        if Ks is None:
            return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                               "p* + v/K leaves the simplex for K <= 512: the 1/K regime starts too late to measure here")
    meas = evaluate_finite_k_limit(landscape, tuple(Ks), dps=dps)
    while (meas.residual[0] > mpmath.mpf(10) ** (-(dps - 5)) and max(meas.residual[1:]) <= mpmath.mpf(10) ** (-(dps - 5))
           and meas.Ks[-1] < 1024):
        # no fixed point near p* at the smallest K (the finite-K limit may still collapse there): shift up
        ev.setdefault("dropped_K", []).append(meas.Ks[0])
        meas = evaluate_finite_k_limit(landscape, tuple(meas.Ks[1:]) + (2 * meas.Ks[-1],), dps=dps)
    with mpmath.workdps(dps + 10):
        a = mpmath.mpf(alpha.numerator) / alpha.denominator
        scaled = [mpmath.mpf(K) ** a * t for K, t in zip(meas.Ks, meas.tv)]
        err = [abs(x - _mp(C_pred)) for x in scaled]
        err_derived = [abs(K * t - _mp(r.C)) for K, t in zip(meas.Ks, meas.tv)]
        floor = mpmath.mpf(10) ** (-(dps - 8))

        def shrinking(e):
            return e[-1] < floor or all(e[j + 1] <= mpmath.mpf("0.7") * e[j] for j in range(len(e) - 3, len(e) - 1))

        def staying(e):
            return e[-1] >= floor and e[-1] >= mpmath.mpf("0.9") * e[-2]

        richardson = 2 * meas.Ks[-1] * meas.tv[-1] - meas.Ks[-2] * meas.tv[-2]
        ev["measurement"] = {
            "Ks": list(meas.Ks), "dps": dps, "H": meas.method,
            "TV(p^K, p*)": [mpmath.nstr(t, 10) for t in meas.tv],
            "K^alpha TV": [mpmath.nstr(x, 10) for x in scaled],
            "|K^alpha TV - C_pred|": [mpmath.nstr(x, 4) for x in err],
            "C_estimated (Richardson)": mpmath.nstr(richardson, 10),
            "max fixed-point residual": mpmath.nstr(max(meas.residual), 3),
            "max off-support sum q H": mpmath.nstr(max(x for x in meas.off_support), 6)
            if any(x is not None for x in meas.off_support) else None,
        }
        u = [K * t for K, t in zip(meas.Ks, meas.tv)]
        rich = [2 * u[j + 1] - u[j] for j in range(len(u) - 1)]
        spread = abs(rich[-1] - rich[-2]) + floor  # error scale of the Richardson estimate
        ev["measurement"]["Richardson error scale"] = mpmath.nstr(spread, 3)

        def near(c):
            return abs(rich[-1] - _mp(c)) <= 3 * spread

        def far(c):
            return abs(rich[-1] - _mp(c)) >= 10 * spread

        if alpha == 1:
            confirms, refutes = near(C_pred), far(C_pred)
        else:
            confirms, refutes = shrinking(err), staying(err)
        derived_confirmed = near(r.C) and shrinking(err_derived)
    if max(meas.residual) > mpmath.mpf(10) ** (-(dps - 5)):
        return CheckResult(name, Verdict.UNDECIDED, "mp-point", ev, "Newton's method did not reach the fixed point")
    agrees = (alpha == 1 and C_pred == r.C) or (r.C == 0 and C_pred == 0)
    if agrees:
        if confirms:
            return CheckResult(name, Verdict.HOLDS, "mp-point", ev)
        return CheckResult(name, Verdict.UNDECIDED, "mp-point", ev,
                           "the measured K·TV does not converge to the derived C at these K")
    if refutes and derived_confirmed:
        why = (f"K·TV(p^K, p*) -> C = {_fmt(r.C)} (derived exactly; measured {mpmath.nstr(richardson, 8)} by "
               f"Richardson at K = {meas.Ks[-1]})")
        if alpha != 1:
            why += f", so K^{alpha}·TV tends to {'0' if alpha < 1 else 'infinity'}, not to {_fmt(C_pred)}"
        else:
            why += f", not the predicted {_fmt(C_pred)}"
        ev["rests_on"] = "derive_finite_k_expansion (sympy) and the implicit function theorem (cited)"
        return CheckResult(name, Verdict.FAILS, "exact", ev, why)
    return CheckResult(name, Verdict.UNDECIDED, "mp-point", ev,
                       "the statement contradicts the derived constant but the measurement does not separate them")


# ----------------------------------------------------------------------------------------------
# plateau-exact: the exact plateau limit and window, against the dynamics


@dataclass(frozen=True)
class PlateauConstants:
    r"""A plateau landscape (B.6, no outside mass) read off exactly.

    Attributes
    ----------
    q, k1, k2 : Fraction
        Weight of reward 1 and k_i = e^{-Δ_i} (scaled cross values).
    kappa1, kappa2 : Fraction
        κ_i = e^{-(Δ_i - 2ε)} = k_i / (e^{-ε})²: exact with ``exp_eps``.
    S1, S2 : tuple of int
    """

    q: Fraction
    k1: Fraction
    k2: Fraction
    kappa1: Fraction
    kappa2: Fraction
    S1: tuple[int, ...]
    S2: tuple[int, ...]


def plateau_constants(landscape: Landscape) -> PlateauConstants:
    r"""q, k_i, κ_i and the basins of a plateau landscape with no outside mass (exact; raises if it is not one)."""
    from pluralnash.claims._plateau_checks import check_plateau, check_two_basins

    L = landscape
    if not L.is_exact or L.exp_eps is None:
        raise InvalidArgument("plateau-exact needs exp_rewards and exp_eps (rational e^-Delta_i and e^-eps)")
    for check in (check_two_basins, check_plateau):
        res = check(L)
        if res.verdict is not Verdict.HOLDS:
            raise InvalidArgument(f"{res.name}: {res.reason}")
    S1, S2 = L.basins()
    outside = [x for x in range(L.n) if x not in S1 and x not in S2 and L.p0[x] > 0]
    if outside:
        raise InvalidArgument(f"p0 charges the outside atoms {outside}; plateau-exact is stated with no outside mass")
    w1, w2 = L.exp_rewards
    k1 = w1[S2[0]] / max(w1)
    k2 = w2[S1[0]] / max(w2)
    e2 = L.exp_eps ** 2
    return PlateauConstants(L.weights[0], k1, k2, k1 / e2, k2 / e2, S1, S2)


def check_plateau_no_outside(landscape: Landscape) -> CheckResult:
    """Premise of plateau-exact: B.2, B.3, B.6 and p_0(X \\ S_ε) = 0, decided exactly."""
    return _premise_of("plateau basins (B.6) with no outside mass", plateau_constants, landscape,
                       lambda c: {"q": str(c.q), "k": [str(c.k1), str(c.k2)], "kappa": [str(c.kappa1), str(c.kappa2)]})


def plateau_limit_exact(c: PlateauConstants) -> Fraction:
    r"""The statement: a_∞ = clamp(q/(1-k_2) - (1-q)k_1/(1-k_1), 0, 1) (``theory._plateau``'s a_inf)."""
    from pluralnash.theory._plateau import plateau_limit_value

    return Fraction(str(plateau_limit_value(c.q, c.k1, c.k2)))


def plateau_limit_hard(c: PlateauConstants) -> Fraction:
    r"""Planted: the hard-separation limit a_∞ = q at finite gaps."""
    return c.q


def plateau_limit_lemma_lower(c: PlateauConstants) -> Fraction:
    r"""Planted: the limit is Lemma 3.4's lower end max{0, (q - κ_1)/(1 - κ_1)}."""
    if c.kappa1 >= 1:
        return Fraction(0)
    return max(Fraction(0), (c.q - c.kappa1) / (1 - c.kappa1))


def plateau_window_exact(c: PlateauConstants) -> bool:
    r"""The statement: the limit is interior iff q ∈ (q_lo, q_hi), from ``theory._plateau``'s expressions."""
    from pluralnash.theory._plateau import _Q_HI, _Q_LO, k1, k2

    sub = {k1: c.k1, k2: c.k2}
    lo, hi = (sympy_to_fraction(e.subs(sub)) for e in (_Q_LO, _Q_HI))
    return lo < c.q < hi


def plateau_window_paper(c: PlateauConstants) -> bool:
    r"""Planted: the paper's sufficient window (κ_1, 1 - κ_2) read as necessary and sufficient."""
    return c.kappa1 < c.q < 1 - c.kappa2


def sympy_to_fraction(x) -> Fraction:
    """An exact sympy number as a Fraction."""
    return Fraction(str(x))


def _basin_mass_map(landscape: Landscape, c: PlateauConstants, a: Fraction) -> Fraction:
    """One exact large-K round of the landscape from p_a = a P_1 + (1-a) P_2; returns p'(S_1)."""
    from pluralnash.numeric.engines.dynamics import evaluate_curated_update

    L = landscape
    m1 = sum((L.p0[x] for x in c.S1), Fraction(0))
    m2 = sum((L.p0[x] for x in c.S2), Fraction(0))
    p = [a * L.p0[x] / m1 if x in c.S1 else (1 - a) * L.p0[x] / m2 if x in c.S2 else Fraction(0) for x in range(L.n)]
    nxt = evaluate_curated_update(L if L.K is None else L.replace(K=None), p)  # a large-K round, whatever K the setup gives
    return sum((nxt[x] for x in c.S1), Fraction(0))


def _interior_trap(landscape: Landscape, c: PlateauConstants, a: Fraction, steps: int = 192) -> dict[str, Any] | None:
    r"""Certify p_t(S_1) -> a for an interior candidate a: a is an exact fixed point of the basin-mass map,
    f(lo) > lo and f(hi) < hi on a rational interval [lo, hi] ∋ a (f increasing, ``derive_plateau_limit``),
    and an interval run of the dynamics enters [lo, hi].  None when not certified."""
    if not 0 < a < 1 or _basin_mass_map(landscape, c, a) != a:
        return None
    gr = _groups(landscape)
    g1 = next(g for g in range(gr.G) if gr.atoms[g][0] in c.S1)
    for j in range(2, 12):
        eta = Fraction(1, 2 ** j) * min(a, 1 - a)
        lo, hi = a - eta, a + eta
        if not (_basin_mass_map(landscape, c, lo) > lo and _basin_mass_map(landscape, c, hi) < hi):
            continue
        for t, p, *_ in _run(gr, steps, 2 * steps + 128, 4):
            if iv_frac(lo).a <= p[g1].a and p[g1].b <= iv_frac(hi).b:
                return {"trap": [str(lo), str(hi)], "rounds": t,
                        "certificate": "a is an exact fixed point of the basin-mass map f; f(lo) > lo, f(hi) < hi "
                                       "and f increasing, so [lo, hi] is invariant and its only fixed point is a; "
                                       "the interval run enters it"}
        return None
    return None


def _monotone_to_boundary(c: PlateauConstants) -> int | None:
    r"""At an exact tie (q = q_lo or q_hi): F'(0) <= 0 (or F'(1) >= 0) from exact W at the point masses,
    with F strictly concave, so a_t is strictly monotone toward 0 (or 1) for every t.  Returns 0, 1 or None."""
    # F'(0) = W_{δ_{S_2}}(S_1) - 1 and F'(1) = 1 - W_{δ_{S_1}}(S_2) (theory._plateau: F' = W(S_1) - W(S_2))
    F0 = c.q / c.k1 + (1 - c.q) * c.k2 - 1
    F1 = 1 - (c.q * c.k1 + (1 - c.q) / c.k2)
    if F0 <= 0 and F1 < 0:
        return 0
    if F1 >= 0 and F0 > 0:
        return 1
    return None


def check_plateau_exact(landscape: Landscape, *, limit: Callable[[PlateauConstants], Fraction] = plateau_limit_exact,
                        window: Callable[[PlateauConstants], bool] = plateau_window_exact) -> CheckResult:
    r"""Decide the exact plateau limit ``limit`` and interior window ``window`` against the dynamics.

    Dynamics facts (never using the formulas): the certified run of :func:`evaluate_collapse_dynamics`
    (a trap around a basin, or every basin's point mass excluded); for an interior candidate, an exact
    fixed point of the landscape's basin-mass map with an invariant rational interval that the
    interval run enters; at exact ties, strict monotonicity of a_t from F'(0) or F'(1) (exact W at the
    point masses).  HOLDS when both the predicted value and the predicted interior-ness are confirmed,
    FAILS (certified) when either is refuted.
    """
    name = f"a_inf = {limit.__name__}, interior iff {window.__name__}"
    try:
        c = plateau_constants(landscape)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"premise not met: {exc}")
    a_pred = Fraction(limit(c))
    interior_pred = bool(window(c))
    ev: dict[str, Any] = {"q": str(c.q), "k": [str(c.k1), str(c.k2)], "kappa": [str(c.kappa1), str(c.kappa2)],
                          "a_predicted": str(a_pred), "interior_predicted": interior_pred}
    S1 = tuple(sorted(c.S1))
    side = _monotone_to_boundary(c)
    tie = side is not None and (c.q / c.k1 + (1 - c.q) * c.k2 == 1 or c.q * c.k1 + (1 - c.q) / c.k2 == 1)
    # at an exact tie the run converges like 1/t and cannot be certified; the monotone certificate decides
    dyn = evaluate_collapse_dynamics(landscape) if not tie else CollapseDynamics("undecided", None, (), 0, {})
    ev["dynamics"] = dyn.outcome if not tie else "skipped: exact tie at a basin point mass"
    ev.update({f"dynamics_{k}": v for k, v in dyn.evidence.items() if k in ("certificate", "rounds", "eta", "c")})
    truth: Fraction | None = None
    interior: bool | None = None
    method = "interval"
    if dyn.outcome == "collapse":
        truth, interior = (Fraction(1) if dyn.group[0] in S1 else Fraction(0)), False
    elif dyn.outcome == "spread":
        interior = True
    else:
        if side is not None:
            truth, interior, method = Fraction(side), False, "exact"
            ev["monotone"] = f"a_t is strictly monotone toward {side} for every t (exact F'(0), F'(1), F concave)"
    if interior is None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, dyn.evidence.get("reason", "run undecided"))
    ev["interior"] = interior
    if interior_pred != interior:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"the window predicts {'an interior' if interior_pred else 'a collapsed'} limit at q = {c.q}, "
                           f"but the dynamics is certified {'interior' if interior else 'to collapse onto a basin'}")
    if truth is not None:
        ev["a_inf"] = str(truth)
        ev["margin"] = -float(abs(a_pred - truth))  # an identity: 0 where it holds, minus the gap otherwise
        if a_pred != truth:
            return CheckResult(name, Verdict.FAILS, method, ev, f"a_t -> {truth}, not the predicted {a_pred}")
        return CheckResult(name, Verdict.HOLDS, method, ev)
    if not 0 < a_pred < 1:
        return CheckResult(name, Verdict.FAILS, "interval", ev,
                           f"the dynamics keeps both basins, but the predicted limit is {a_pred}")
    ev["margin"] = -float(abs(_basin_mass_map(landscape, c, a_pred) - a_pred))
    if _basin_mass_map(landscape, c, a_pred) != a_pred:
        ev["f(a_predicted)"] = str(_basin_mass_map(landscape, c, a_pred))
        return CheckResult(name, Verdict.FAILS, "exact", ev,
                           f"the predicted limit {a_pred} is not a fixed point of the exact basin-mass map "
                           f"(f({a_pred}) = {ev['f(a_predicted)']}), and a limit of the dynamics must be one")
    trap = _interior_trap(landscape, c, a_pred)
    if trap is None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "no invariant interval reached around the prediction")
    ev.update({"a_inf": str(a_pred), **trap})
    return CheckResult(name, Verdict.HOLDS, "interval", ev)
