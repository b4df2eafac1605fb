r"""A sharp [FALA26] Lemma 3.3: m_t -> 0 exactly when no Nash bargaining solution charges an outside atom.

Definitions and conventions
---------------------------
Large-K dynamics p_{t+1} = p_t W_t, W_t(x) = Σ_i q_i e^{r_i(x)} / Z_i(p_t) ([FALA26] Eq. 5);
F(p) = Σ_i q_i log Z_i(p) on the simplex over supp p_0; its maximisers (the weighted Nash bargaining
solutions) share Z* and W*, live on T = {x ∈ supp p_0 : W*(x) = 1}, and p_t -> p̄, one of them
(the nash-limit claim).  m_t = p_t(X \ S_ε).

The statement (``lemma-3.3-sharp``): m_t -> 0 if and only if every maximiser of F puts no mass
outside S_ε.  Why: if no maximiser charges an outside atom, neither does p̄, so m_t -> 0.  If a
maximiser p̂ charges an outside atom x, D(p̂‖p_t) is non-increasing (the convergence block of the
nash-limit replay), and since p_t(y) <= 1,

    p̂(x) log(p̂(x)/p_t(x)) <= C := D(p̂‖p_0) - Σ_{y ≠ x} p̂(y) log p̂(y),

so m_t >= p_t(x) >= p̂(x) e^{-C/p̂(x)} > 0 for every t: m_t stays away from 0, whichever maximiser
the dynamics reach.

How it is decided, on the landscape alone: the certified limit solver gives the maximisers (the
certified unique p* with its support, or, when F has a face of maximisers, the exact vertices of
that face).  The condition reads "no outside atom of supp p_0 is charged by a vertex" (every
maximiser is a convex combination of vertices).  When it fails, the bound above is computed with
intervals from an exact vertex (certified > 0) and checked against an exact run of the dynamics
(m_t >= the bound for t <= ``_RUN``).  Anything the solver does not certify is UNDECIDED.

The proof replay is ``lemma-3.3-sharp`` in :mod:`pluralnash.theory._proofs_repaired`.

Controls: the condition with "some maximiser" for "every" (a face of maximisers through a compromise
atom, reached with outside mass), and the Pareto condition of ``lemma-3.3-repaired`` claimed as
necessary (a compromise atom that no basin atom dominates, yet W* < 1 there).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash._registry import Claim
from pluralnash.claims._declare import plant
from pluralnash.claims.basins import LARGE_K
from pluralnash.claims.lemma_3_3_sharp_screen import tie_screen
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.certified_limit import _certified_limit, _solved_limit
from pluralnash.numeric.engines.step import EXACT, large_k_step
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.premises import require_landscape
from pluralnash.theory import CheckResult, Verdict

__all__ = ["check_lemma_3_3_sharp", "maximiser_vertices"]

_RUN = 6  # exact rounds of the dynamics the lower bound is checked against
_PREC = 128  # bits of the interval evaluation of the lower bound


def maximiser_vertices(landscape: Landscape) -> tuple[list | None, str | None]:
    r"""The exact maximisers spanning every maximiser of F: ([vertex p as Fractions], None), or (None, why)."""
    res = _solved_limit(landscape)
    if res.unique:
        res, why = _certified_limit(landscape)
        if why:
            return None, why
        if not res.exact:
            return None, "the certified limit is not exact, so no exact maximiser to bound m_t with"
        return [list(res.p)], None
    face = res.maximisers
    if not res.exact or face is None or face.vertices is None:
        return None, "the solver gave no exact vertices of the maximisers' face"
    vertices = [list(v) for v in face.vertices]
    bad = next((k for k, v in enumerate(vertices) if not _is_maximiser(landscape, v)), None)
    if bad is not None:
        return None, f"vertex {bad} of the maximisers' face fails the exact first-order conditions"
    return vertices, None


def _is_maximiser(landscape: Landscape, p: list) -> bool:
    r"""KKT in rationals: supp p ⊆ supp p_0, W(x) <= 1 on supp p_0 and W = 1 on supp p (F is concave)."""
    w, q, live = landscape.exact_w(), landscape.weights, set(landscape.support())
    if any(v and x not in live for x, v in enumerate(p)):
        return False
    Z = [sum((p[x] * row[x] for x in range(len(p))), Fraction(0)) for row in w]
    W = {x: sum((qi * w[i][x] / Z[i] for i, qi in enumerate(q) if qi), Fraction(0)) for x in live}
    return all(W[x] <= 1 and (W[x] == 1 or not p[x]) for x in live)


def _outside_lower_bound(landscape: Landscape, p_hat: list, x: int):
    r"""An interval enclosing p̂(x) e^{-C/p̂(x)}, C = D(p̂‖p_0) − Σ_{y ≠ x} p̂(y) log p̂(y) (module docstring)."""
    p0 = landscape.p0
    with iv_workprec(_PREC):
        C = sum((iv_frac(v) * iv.log(iv_frac(v / p0[y])) for y, v in enumerate(p_hat) if v), iv.mpf(0))
        C -= sum((iv_frac(v) * iv.log(iv_frac(v)) for y, v in enumerate(p_hat) if v and y != x), iv.mpf(0))
        px = iv_frac(p_hat[x])
        return px * iv.exp(-C / px)


def _exact_outside_run(landscape: Landscape, outside: list) -> list[Fraction]:
    """m_t for t = 0.._RUN along the exact large-K dynamics."""
    w = [list(row) for row in landscape.exact_w()]
    q = [qi if qi else None for qi in landscape.weights]
    p, out = list(landscape.p0), []
    for _ in range(_RUN + 1):
        out.append(sum((p[x] for x in outside), Fraction(0)))
        p = large_k_step(EXACT, p, w, q).p
    return out


def _endpoints(v) -> tuple[Fraction, Fraction]:
    """The interval ``v``'s endpoints as exact rationals (read from its raw binary endpoints, no rounding)."""
    def exact(raw):
        sign, man, exp, _ = raw
        return (-1) ** sign * Fraction(man) * Fraction(2) ** exp
    return exact(v._mpi_[0]), exact(v._mpi_[1])


def _stays_away(landscape: Landscape, vertex: list, x: int, outside: list, ev: dict) -> str | None:
    """None when m_t >= a certified positive bound for every t (checked on the exact run); else why not."""
    lb = _outside_lower_bound(landscape, vertex, x)
    lo, hi = _endpoints(lb)
    ev["m_t_lower_bound"] = f"[{float(lo):.8g}, {float(hi):.8g}]"
    if not lo > 0:
        return "the lower bound on p_t(x) is not certified positive"
    run = _exact_outside_run(landscape, outside)
    ev["m_t_run"] = [str(v) for v in run[:2]] + [f"m_{_RUN} ~ {float(run[-1]):.6g}"]
    below = [t for t, m in enumerate(run) if m < lo]
    if below:  # the bound is a theorem: a run below it exposes a defect, so nothing is concluded
        return f"the exact run has m_t below the certified lower bound at t = {below[0]}"
    return None


def check_lemma_3_3_sharp(landscape: Landscape, *, every: bool = True, pareto: bool = False) -> CheckResult:
    r"""Decide "m_t -> 0 iff every maximiser of F has no outside mass" on one setup.

    ``every=False`` plants "some maximiser" for "every"; ``pareto=True`` plants "m_t -> 0 only if
    every outside atom of supp p_0 is Pareto-dominated by a basin atom" (both controls).
    """
    name = "m_t -> 0 iff " + ("every" if every else "some") + " maximiser has no outside mass"
    require_landscape(landscape)
    if not landscape.has_eps or not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exact exp_rewards and a basin width \"eps\"")
    vertices, why = maximiser_vertices(landscape)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, why)
    inside = set().union(*map(set, landscape.basins()))
    outside = [x for x in range(landscape.n) if x not in inside]
    charged = [next((x for x in outside if v[x] > 0), None) for v in vertices]
    ev: dict[str, Any] = {"vertices": len(vertices), "outside_atoms": outside,
                          "charged_outside": sorted({c for c in charged if c is not None})}
    condition = all(c is None for c in charged) if every else any(c is None for c in charged)
    hit = next(((v, c) for v, c in zip(vertices, charged) if c is not None), None)
    if hit is None:
        vanishes = True  # p_t -> p̄, a convex combination of the vertices, none of which charges outside
    else:
        reason = _stays_away(landscape, hit[0], hit[1], outside, ev)
        if reason:
            return CheckResult(name, Verdict.UNDECIDED, "interval", ev, reason)
        vanishes = False
    ev.update({"condition": condition, "m_t -> 0": vanishes})
    if pareto:
        return _pareto_necessary(landscape, vanishes, ev)
    if condition == vanishes:
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    return CheckResult(name, Verdict.FAILS, "interval", ev,
                       f"the condition says {'m_t -> 0' if condition else 'm_t stays away from 0'}, but "
                       f"{'m_t -> 0' if vanishes else 'm_t >= the certified bound > 0 for every t'}")


def _pareto_necessary(landscape: Landscape, vanishes: bool, ev: dict) -> CheckResult:
    from pluralnash.claims.readings import check_outside_dominated

    name = "m_t -> 0 only if the outside atoms are Pareto-dominated"
    if not vanishes:
        return CheckResult(name, Verdict.HOLDS, "interval", ev)  # the implication holds vacuously
    dom = check_outside_dominated(landscape)
    ev["pareto"] = dom.verdict.value
    if dom.verdict is Verdict.FAILS:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"m_t -> 0 although {dom.reason}")
    return CheckResult(name, dom.verdict, "exact", ev, dom.reason)


# ----------------------------------------------------------------------------------------------
# strategies: random two-basin setups with outside atoms, and faces of maximisers through a compromise


def _sharp_strategy():
    import hypothesis.strategies as st

    from pluralnash.properties import two_basin_landscapes

    @st.composite
    def face(d):
        # basin atoms a = (1, k_2), c = (k_1, 1) and the compromise b = (a + c)/2 outside both basins:
        # W* is affine in e^r, so W*(a) = W*(c) = 1 forces W*(b) = 1 and the maximisers form a segment
        k1, k2 = (d(st.sampled_from([Fraction(1, 10), Fraction(1, 20)])) for _ in range(2))
        q = d(st.sampled_from([Fraction(1, 3), Fraction(1, 2), Fraction(2, 3)]))
        p0 = [Fraction(d(st.integers(1, 4))) for _ in range(3)]
        rows = [[Fraction(1), (1 + k1) / 2, k1], [k2, (k2 + 1) / 2, Fraction(1)]]
        return Landscape(exp_rewards=rows, weights=[q, 1 - q], p0=[v / sum(p0) for v in p0],
                         exp_eps=Fraction(9, 10))

    return st.one_of(two_basin_landscapes(min_outside_atoms=1, max_outside_atoms=2, exact=True), face())


LEMMA_3_3_SHARP = Claim(
    id="lemma-3.3-sharp",
    source="[FALA26] Lemma 3.3, sharpened by this toolkit: a condition on the landscape that is necessary and sufficient",
    statement="Large-K regime, m rewards. m_t -> 0 if and only if every maximiser of F(p) = sum_i q_i log E_p[e^{r_i}] "
              "over supp p_0 (every weighted Nash bargaining solution) puts no mass outside S_eps.",
    premises=(LARGE_K,),
    conclusion="m_t -> 0 exactly when no maximiser charges an outside atom; otherwise m_t >= p(x) e^{-C/p(x)} > 0 "
               "for every t (p a maximiser charging x, C = D(p||p_0) - sum_{y != x} p(y) log p(y))",
    reading="Sharpens lemma-3.3-repaired (Pareto domination: sufficient, not necessary). Decided on the landscape "
            "alone from the certified maximisers (the unique p* and its support, or the exact vertices of a face of "
            "maximisers); where the condition fails, the lower bound on m_t is certified with intervals and checked "
            "against an exact run of the dynamics. A face of maximisers with and without outside mass is where "
            "'every' and 'some' differ: the dynamics keep outside mass there.",
    instance=check_lemma_3_3_sharp,
    strategy=_sharp_strategy,
    screen=tie_screen(),
).with_controls(
    plant("some-maximiser", "condition weakened: some maximiser (not every) puts no mass outside S_eps", every=False),
    plant("pareto-necessary", "the Pareto condition of lemma-3.3-repaired claimed as necessary for m_t -> 0",
          pareto=True),
)

# (place in the verdict table, claim): beside lemma-3.3-repaired (50) and the continuous Lemma 3.3 (55)
TABLE = ((52, LEMMA_3_3_SHARP),)
