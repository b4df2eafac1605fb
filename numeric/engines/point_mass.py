r"""Certified facts about point masses of the large-K map on a grouped landscape.

Definitions and conventions
---------------------------
Symbols as in [FALA26] §3: q = weights, w_i = e^{r_i}, Z_i(p) = E_p[w_i],
W_p(x) = Σ_i q_i w_i(x) / Z_i(p), F(p) = Σ_i q_i log Z_i(p).

*Groups.*  Atoms of supp(p_0) with the same reward vector (w_1(x), ..., w_m(x)) (rewards with
q_i > 0 only) get the same W at every round, so the dynamics keeps the ratio of their p_0 masses
for ever.  The functions here take a *grouped landscape* ``gr`` with attributes ``landscape``,
``rewards`` (the i with q_i > 0), ``atoms`` (per group), ``keys`` (exact w in exp form, or r in log
form, per group), ``G`` (the number of groups) and ``exact`` (exp form).  A *collapse onto group G*
means p_t -> p_0(· | G): a single point of reward space.

*Point masses.*  W_{δ_g}(y) = Σ_i q_i w_i(y) / w_i(g) is W at the point mass δ_g
(:func:`W_at_point_mass`, exact or an interval).

*Dynamics certificates.*  With every p_t enclosed by intervals:

- *fixed point*: p_0 is an exact fixed point (W_{p_0} = 1 on supp(p_0), exact arithmetic), so the
  limit is p_0 itself (:func:`is_exact_fixed_point`);
- *trap*: p_T(G) >= 1 - η with every ratio W_p(y)/W_p(G) <= c < 1 (y ∉ G) over the whole region
  {p : p(G) >= 1 - η} (:func:`trap_bound`).  Then p_{t+1}(y)/p_{t+1}(G) <= c p_t(y)/p_t(G): the
  region is invariant and p_t -> p_0(· | G);
- *repelling neighbourhood*: some y has W_p(y)/W_p(g) > 1 on all of {p : p(g) >= 1 - η}
  (:func:`repels`), so p_t -> δ_g is impossible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pluralnash.numeric.arith.intervals import iv, iv_frac
from pluralnash.theory import CheckResult

__all__ = ["CollapseResult", "CollapseDynamics", "w_ratio", "W_at_point_mass", "is_exact_fixed_point",
           "trap_bound", "repels"]


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


def w_ratio(gr, h: int, g: int, i: int):
    """w_i(h) / w_i(g): exact Fraction (exp form) or an interval (log form)."""
    if gr.exact:
        return gr.keys[h][i] / gr.keys[g][i]
    return iv.exp(iv_frac(gr.keys[h][i] - gr.keys[g][i]))


def W_at_point_mass(gr, g: int, h: int):
    """W_{δ_g}(h) = Σ_i q_i w_i(h) / w_i(g)."""
    q = gr.landscape.weights
    if gr.exact:
        return sum((q[i] * w_ratio(gr, h, g, k) for k, i in enumerate(gr.rewards)), Fraction(0))
    return sum((iv_frac(q[i]) * w_ratio(gr, h, g, k) for k, i in enumerate(gr.rewards)), iv.mpf(0))


def is_exact_fixed_point(gr) -> bool:
    """p0 is a fixed point of the large-K map (W_{p0} = 1 on supp(p0)), decided exactly."""
    if not gr.exact:
        return False
    L = gr.landscape
    mass = [sum((L.p0[x] for x in atoms), Fraction(0)) for atoms in gr.atoms]
    Z = [sum((mass[g] * gr.keys[g][k] for g in range(gr.G)), Fraction(0)) for k in range(len(gr.rewards))]
    q = [L.weights[i] for i in gr.rewards]
    return all(sum((q[k] * gr.keys[g][k] / Z[k] for k in range(len(q))), Fraction(0)) == 1 for g in range(gr.G))


def _neighbourhood(gr, w, q, g: int, eta) -> tuple[list, Any] | None:
    """Z_i over {p : p(G) >= 1 - eta} as intervals, and W_p(g) there; None when a Z_i may vanish."""
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
    return Zbox, _W_on(Zbox, w, q, g)


def _W_on(Zbox: list, w, q, h: int):
    """W_p(h) with Z_i enclosed by ``Zbox``."""
    return sum((q[k] * w[k][h] / Zbox[k] for k in range(len(q))), iv.mpf(0))


def trap_bound(gr, w, q, g: int, eta) -> Any:
    """Upper bound c on W_p(y)/W_p(g) over {p : p(G) >= 1 - eta}, y ∉ G (interval), or None."""
    box = _neighbourhood(gr, w, q, g, eta)
    if box is None:
        return None
    Zbox, Wg = box
    worst = None
    for h in range(gr.G):
        if h == g:
            continue
        c = (_W_on(Zbox, w, q, h) / Wg).b
        worst = c if worst is None else max(worst, c)
    return worst


def repels(gr, w, q, g: int, eta) -> bool:
    """Certified: some y has W_p(y)/W_p(g) >= c > 1 on all of {p : p(G) >= 1 - eta}."""
    box = _neighbourhood(gr, w, q, g, eta)
    if box is None:
        return False
    Zbox, Wg = box
    return any((_W_on(Zbox, w, q, h) / Wg).a > 1 for h in range(gr.G) if h != g)
