r"""Premises and limit masses of the m-basin statements: m >= 2 rewards, each with its basin.

Definitions (the m-reward model of [FALA26] §2.1; the two-basin constants of
:mod:`pluralnash.numeric.premises` generalised)
-------------------------------------------------------------------------------------
- Rewards r_1..r_m with weights q_1..q_m; basins S_i = S_{i,ε} = {x : r_i(x) >= r_i^* - ε}.
- Main-text leakage gap of reward i: the sharpest Δ_i = min over x in the *other* basins
  ∪_{j≠i} S_j of r_i^* - r_i(x) (for m = 2 exactly the Δ_i of Assumption 2.1(iii)).
- Leakage factor κ_i = e^{-(Δ_i - 2ε)}: exact in exp form (``exp_rewards``, ``exp_eps``: the
  largest closeness ŵ_i on the other basins over e^{-2ε}), else an interval thunk.
- Basin masses a_i = p(S_i); outside mass m = p(X \ ∪_i S_i).

Premises (each a predicate returning a :class:`~pluralnash.theory.CheckResult`):
:func:`check_disjoint_basins` (the S_i pairwise disjoint, p_0(S_i) > 0),
:func:`check_kappas_below_one`, :func:`check_weights_above_kappas` (q_i > κ_i for every i) and
:func:`check_limit_in_basins` ("m_t → 0": the certified large-K limit's support lies in the basins).
:func:`check_finite_k_exact`, :func:`check_outside_charged` (m_0 > 0), :func:`check_no_outside_atom` and
:func:`check_finite_k_range` (every L_{K,i} > 0) serve the finite-K readings.
:func:`limit_masses` gives p*(S_i) of the certified large-K limit p* = lim p_t.

Python spellings: ``kappa`` = (κ_1..κ_m), ``gaps`` = (Δ_1..Δ_m), ``q`` = weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from pluralnash.numeric.arith.intervals import iv_workprec
from pluralnash.numeric.arith.real import Real, compare
from pluralnash.numeric.engines.certified_limit import _certified_limit, _limit_group_enclosure
from pluralnash.numeric.engines.finite_k_basins import (
    closeness_rows,
    exact_problem,
    finite_k_lower,
    other_basin_closeness,
)
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.premises.constants import _best, _closeness, weaker_method as _weaker
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "GeneralConstants",
    "measure_general_constants",
    "general_problem",
    "check_disjoint_basins",
    "check_kappas_below_one",
    "check_weights_above_kappas",
    "check_limit_in_basins",
    "limit_masses",
    "check_finite_k_exact",
    "check_outside_charged",
    "check_no_outside_atom",
    "check_finite_k_range",
]


def general_problem(landscape: Any) -> str | None:
    """Why a setup is not an m-basin setup (m >= 2 rewards and a basin width), or None."""
    if not isinstance(landscape, Landscape):
        raise InvalidArgument(f"landscape={landscape!r} must be a Landscape; build one with Landscape(...) "
                              f"or load a setup file with load_setup(path)")
    if landscape.m < 2:
        return f"the m-basin statements need m >= 2 rewards; this setup has m = {landscape.m}"
    if not landscape.has_eps:
        return "the setup has no basin width; add \"eps\" (or \"exp_eps\" = e^-eps) to it"
    return None


@dataclass(frozen=True)
class GeneralConstants:
    r"""The sharpest constants of an m-basin setup: q_i, ε, the basins, Δ_i and κ_i."""

    q: tuple[Fraction, ...]
    eps: Real
    basins: tuple[tuple[int, ...], ...]
    overlap: tuple[int, ...]
    outside: tuple[int, ...]
    gaps: tuple[Real, ...]
    kappa: tuple[Real, ...]

    def evidence(self) -> dict[str, Any]:
        ev: dict[str, Any] = {"q": [str(v) for v in self.q], "eps": self.eps.text(),
                              "basins": [list(S) for S in self.basins], "outside": list(self.outside),
                              "Delta": [g.text() for g in self.gaps], "kappa": [k.text() for k in self.kappa]}
        if self.overlap:
            ev["overlap"] = list(self.overlap)
        return ev


@per_setup(maxsize=512)
def measure_general_constants(landscape: Landscape) -> GeneralConstants:
    r"""The sharpest Δ_i and κ_i = e^{-(Δ_i - 2ε)} of an m-basin setup (see the module's definitions).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/10", "1/20"], ["1/10", "1", "1/20"], ["1/20", "1/40", "1"]],
    ...               weights=["1/3", "1/3", "1/3"], exp_eps="1/2")
    >>> c = measure_general_constants(L)
    >>> c.basins, [k.exact for k in c.kappa]
    (((0,), (1,), (2,)), [Fraction(2, 5), Fraction(2, 5), Fraction(1, 5)])
    """
    problem = general_problem(landscape)
    if problem:
        raise InvalidArgument(f"landscape: {problem}")
    basins = landscape.basins()
    seen: dict[int, int] = {}
    for S in basins:
        for x in S:
            seen[x] = seen.get(x, 0) + 1
    overlap = tuple(sorted(x for x, k in seen.items() if k > 1))
    outside = tuple(x for x in range(landscape.n) if x not in seen)
    eps = Real(landscape.eps) if landscape.eps is not None else -Real.log(Real(landscape.exp_eps))
    exp_eps = Real(landscape.exp_eps) if landscape.exp_eps is not None else Real.exp(-eps)
    w_hat, gap = _closeness(landscape)
    gaps, kappa = [], []
    for i in range(landscape.m):
        others = sorted({x for j, S in enumerate(basins) if j != i for x in S})
        if landscape.exp_rewards is not None:
            top = _best([w_hat[i][x] for x in others], largest=True)
            gaps.append(-Real.log(top))
            kappa.append(top / exp_eps ** 2)
        else:
            g = _best([gap[i][x] for x in others], largest=False)
            gaps.append(g)
            kappa.append(Real.exp(2 * eps - g))
    return GeneralConstants(q=tuple(landscape.weights), eps=eps, basins=basins, overlap=overlap, outside=outside,
                            gaps=tuple(gaps), kappa=tuple(kappa))


def _on_constants(landscape: Landscape, name: str, decide: Callable[[GeneralConstants], CheckResult]) -> CheckResult:
    """``decide(c)`` on the setup's constants c, or FAILS naming why the setup has none."""
    problem = general_problem(landscape)
    if problem:
        return CheckResult(name, Verdict.FAILS, "exact", {}, problem)
    return decide(measure_general_constants(landscape))


def check_disjoint_basins(landscape: Landscape) -> CheckResult:
    r"""The basins S_1..S_m are pairwise disjoint and p_0(S_i) > 0 for every i (Assumption 2.1(ii), m basins)."""
    name = "disjoint basins S_1..S_m with p0(S_i) > 0"

    def decide(c: GeneralConstants) -> CheckResult:
        masses = [sum((landscape.p0[x] for x in S), Fraction(0)) for S in c.basins]
        ev = {"basins": [list(S) for S in c.basins], "p0(S_i)": [str(v) for v in masses]}
        if c.overlap:
            return CheckResult(name, Verdict.FAILS, "exact", ev, f"atoms {list(c.overlap)} lie in two basins")
        empty = [i + 1 for i, v in enumerate(masses) if v == 0]
        if empty:
            return CheckResult(name, Verdict.FAILS, "exact", ev, f"p0(S_{empty[0]}) = 0")
        return CheckResult(name, Verdict.HOLDS, "exact", ev)

    return _on_constants(landscape, name, decide)


def _each_below(name: str, c: GeneralConstants, lows: list, highs: list, labels: tuple[str, str]) -> CheckResult:
    """lows[i] < highs[i] for every i, decided exactly or by intervals; the first failure is named."""
    ev = c.evidence()
    method = "exact"
    for i, (lo, hi) in enumerate(zip(lows, highs)):
        s, meth = compare(lo, hi)
        method = _weaker(method, meth)
        if s is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev,
                               f"cannot decide {labels[0]}_{i + 1} < {labels[1]}_{i + 1}")
        if s >= 0:
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"{labels[0]}_{i + 1} = {Real.of(lo).text()} >= {labels[1]}_{i + 1} = "
                               f"{Real.of(hi).text()}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_kappas_below_one(landscape: Landscape) -> CheckResult:
    r"""Every leakage factor κ_i = e^{-(Δ_i - 2ε)} < 1 (sharpest Δ_i > 2ε)."""
    name = "leakage factors kappa_i < 1 for every i"
    return _on_constants(landscape, name,
                         lambda c: _each_below(name, c, list(c.kappa), [1] * len(c.kappa), ("kappa", "1 for kappa")))


def check_weights_above_kappas(landscape: Landscape) -> CheckResult:
    r"""q_i > κ_i for every i (for m = 2 exactly [FALA26] Lemma 3.5's q ∈ (κ_1, 1 - κ_2))."""
    name = "q_i > kappa_i for every i"
    return _on_constants(landscape, name,
                         lambda c: _each_below(name, c, list(c.kappa), [Real(v) for v in c.q], ("kappa", "q")))


def check_limit_in_basins(landscape: Landscape) -> CheckResult:
    r""""m_t → 0": the certified large-K limit p* charges no atom outside the basins.

    m_t → p*(X \ ∪_i S_i) (p_t → p*, the nash-limit claim) and p* charges exactly its certified
    support, so the premise is decided on that support.
    """
    name = "m_t -> 0 (limit support inside the basins)"

    def decide(c: GeneralConstants) -> CheckResult:
        res, why = _certified_limit(landscape)
        if why:
            return CheckResult(name, Verdict.UNDECIDED, "interval", {}, why)
        ev = {"limit_support": list(res.support), "outside": list(c.outside)}
        charged = sorted(set(res.support) & set(c.outside))
        method = "exact" if res.exact else "interval"
        if charged:
            return CheckResult(name, Verdict.FAILS, method, ev, f"the limit keeps mass on outside atoms {charged}")
        return CheckResult(name, Verdict.HOLDS, method, ev)

    return _on_constants(landscape, name, decide)


@per_setup(maxsize=512)
def limit_masses(landscape: Landscape) -> tuple[tuple[Real, ...] | None, str, str | None]:
    r"""(p*(S_1), ..., p*(S_m)), the method, and None; or (None, method, why) when p* is not certified.

    Exact on the solver's exact path, else enclosures from its certified Z* box (off the certified
    support p* vanishes exactly; the whole support carries mass 1 exactly).
    """
    problem = general_problem(landscape)
    if problem:
        return None, "exact", problem
    res, why = _certified_limit(landscape)
    if why:
        return None, "interval", why
    basins = measure_general_constants(landscape).basins
    if res.exact:
        return tuple(Real(sum((res.p[x] for x in S), Fraction(0))) for S in basins), "exact", None
    enc = _limit_group_enclosure(landscape, res)
    if enc is None:
        return None, "interval", "the limit's masses could not be enclosed from the certified Z* box"
    out = []
    for S in basins:
        live = [x for x in res.support if x in S]
        if len(live) in (0, len(res.support)):
            out.append(Real(Fraction(len(live) and 1)))
            continue
        with iv_workprec(256):
            out.append(Real.of(sum((enc[x] for x in live[1:]), enc[live[0]])))
    return tuple(out), "interval", None


def check_finite_k_exact(landscape: Landscape) -> CheckResult:
    r"""The setup has a K and rational ``exp_rewards`` and ``exp_eps``: its finite-K run is followed exactly."""
    name = "finite K, exact run (rational exp_rewards, exp_eps and a K)"
    problem = general_problem(landscape) or exact_problem(landscape)
    if problem:
        return CheckResult(name, Verdict.FAILS, "exact", {}, problem)
    return CheckResult(name, Verdict.HOLDS, "exact", {"K": landscape.K})


def check_outside_charged(landscape: Landscape) -> CheckResult:
    r"""p_0 charges an atom outside every basin (m_0 > 0), so a decay of the outside mass can be observed."""
    name = "m_0 > 0"

    def decide(c: GeneralConstants) -> CheckResult:
        m0 = sum((landscape.p0[x] for x in c.outside), Fraction(0))
        ev = {"outside": list(c.outside), "m_0": str(m0)}
        if m0 == 0:
            return CheckResult(name, Verdict.FAILS, "exact", ev, "p_0 puts no mass outside the basins")
        return CheckResult(name, Verdict.HOLDS, "exact", ev)

    return _on_constants(landscape, name, decide)


def check_no_outside_atom(landscape: Landscape) -> CheckResult:
    r"""Every atom lies in a basin, so m_t = 0 for every t (the finite-K reading of "m_t → 0")."""
    name = "no atom outside the basins (m_t = 0 for all t)"

    def decide(c: GeneralConstants) -> CheckResult:
        if c.outside:
            return CheckResult(name, Verdict.FAILS, "exact", {"outside": list(c.outside)},
                               f"atoms {list(c.outside)} lie outside every basin")
        return CheckResult(name, Verdict.HOLDS, "exact", {"outside": []})

    return _on_constants(landscape, name, decide)


def check_finite_k_range(landscape: Landscape) -> CheckResult:
    r"""L_{K,i} > 0 for every basin i, i.e. q_i K E > E + (K-1) c_i: the finite-K range that replaces
    q_i > κ_i (as K → ∞ it becomes q_i > c_i/E = κ_i E)."""
    name = "L_(K,i) > 0 for every basin (q_i K E > E + (K-1) c_i)"
    for ok in (check_finite_k_exact(landscape), check_disjoint_basins(landscape)):
        if ok.verdict is not Verdict.HOLDS:
            return CheckResult(name, Verdict.FAILS, "exact", {}, ok.reason)
    c = measure_general_constants(landscape)
    caps = other_basin_closeness(closeness_rows(landscape), c.basins)
    ends = [finite_k_lower(qi, landscape.K, landscape.exp_eps, ci) for qi, ci in zip(c.q, caps)]
    ev = {"K": landscape.K, "L_K": [str(v) for v in ends], "c": [str(v) for v in caps]}
    low = [i + 1 for i, v in enumerate(ends) if v <= 0]
    if low:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"L_(K,{low[0]}) = {ends[low[0] - 1]} <= 0")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)
