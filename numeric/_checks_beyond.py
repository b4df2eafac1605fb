r"""Instance checks for the toolkit's statements beyond the paper (issue 4).

Definitions and conventions
---------------------------
Symbols as in :mod:`pluralnash.numeric._checks`: q = weights, w_i = e^{r_i}, Z_i(p) = E_p[w_i],
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

from pluralnash.numeric._intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric._landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

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
]


def _fmt(x, digits: int = 10) -> str:
    if isinstance(x, Fraction):
        return str(x) if x.denominator < 10**9 else mpmath.nstr(mpmath.mpf(x.numerator) / x.denominator, digits)
    if isinstance(x, iv.mpf):
        with mpmath.workdps(digits + 5):
            return mpmath.nstr(mpmath.mpf(x.mid), digits)
    return mpmath.nstr(x, digits)


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


@functools.lru_cache(maxsize=512)
def _groups(landscape: Landscape) -> _Groups:
    rewards = tuple(i for i, qi in enumerate(landscape.weights) if qi > 0)
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    index: dict[tuple, int] = {}
    atoms: list[list[int]] = []
    keys: list[tuple] = []
    for x in landscape.support():
        key = tuple(src[i][x] for i in rewards)
        if key not in index:
            index[key] = len(atoms)
            atoms.append([])
            keys.append(key)
        atoms[index[key]].append(x)
    return _Groups(landscape, rewards, tuple(map(tuple, atoms)), tuple(keys))


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


def _cmp_one(x) -> int | None:
    """Sign of x - 1: exact, or from an interval (None when the interval contains 1)."""
    if isinstance(x, Fraction):
        return (x > 1) - (x < 1)
    if x.a > 1:
        return 1
    if x.b < 1:
        return -1
    return None


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
            signs = [(_cmp_one(W) if h != g else -1) for h, W in enumerate(Ws)]
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
                Z = [sum((p[g] * w[k][g] for g in range(gr.G)), iv.mpf(0)) for k in range(m)]
                F = sum((q[k] * iv.log(Z[k]) for k in range(m)), iv.mpf(0))
                yield t, p, F, F_point, w, q
            if t == steps:
                return
            Z = [sum((p[g] * w[k][g] for g in range(gr.G)), iv.mpf(0)) for k in range(m)]
            c = [q[k] / Z[k] for k in range(m)]
            p = [p[g] * sum((c[k] * w[k][g] for k in range(m)), iv.mpf(0)) for g in range(gr.G)]


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
        last_t = 0
        for t, p, F, F_point, w, q in _run(gr, steps, prec, every):
            last_t = t
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
        del last_t
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
    method = "interval" if dyn.steps else "exact"
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
