r"""Instance checks for the other readings of [FALA26] Lemmas 3.4/3.5 and [FERB24] Theorem 2.1.

A statement whose wording admits several readings gets one claim per reading; the checks here
decide the readings that the main checks (:mod:`pluralnash.claims._basins_checks`,
:mod:`pluralnash.claims._ferbach_checks`) do not cover, by running those same checks on
transformed constants or a transformed setup, so each algorithm stays written once.

Readings and their constants:

- *Main text* ([FALA26] Assumption 2.1(iii)): x ∈ S_{1,ε} ⇒ r_2(x) <= r_2^* - Δ_2; the sharpest
  Δ_2 = min_{S_{1,ε}} (r_2^* - r_2), and κ_i = e^{-(Δ_i - 2ε)}.
- *Appendix* ([FALA26] Assumption B.5): x ∈ S_{1,ε} ⇒ r_2(x) <= r_2^* - Δ_2 + ε; the sharpest
  B.5 constant is Δ_2^{B.5} = Δ_2 + ε, so κ_i^{B.5} = e^{-(Δ_i^{B.5} - 2ε)} = κ_i e^{-ε}.  On
  disjoint basins Δ_i > ε, hence κ_i^{B.5} < 1 always: the appendix reading needs no premise on κ.
- *[FERB24]'s r^**: the essential supremum of r under p_0, on finitely many atoms the largest
  reward on supp p_0.  The large-K and finite-K maps never put mass off supp p_0, so the
  statement read this way is the statement on the setup restricted to supp p_0
  (:func:`restrict_to_support`), where r^* is the plain maximum.

Python spellings: ``eps`` = ε, ``kappa`` = κ, ``q`` = weights[0].
"""

from __future__ import annotations

from typing import Any

from pluralnash.numeric.premises.assumptions import Real, compare
from pluralnash.numeric.premises.constants import _constants_or_result, _weaker
from pluralnash.claims._basins_checks import Interval, check_lemma_3_4, check_lemma_3_5, leakage_interval
from pluralnash.claims._ferbach_checks import check_ferbach_theorem
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "b5_kappa",
    "check_q_in_b5_leakage_range",
    "check_lemma_3_4_b5",
    "check_lemma_3_5_b5",
    "restrict_to_support",
    "check_ferbach_ess_sup",
    "check_outside_dominated",
]


def b5_kappa(landscape: Landscape) -> tuple[Real, Real]:
    r"""κ_i^{B.5} = e^{-(Δ_i^{B.5} - 2ε)} for the sharpest B.5 constants Δ_i^{B.5} = Δ_i + ε.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2")
    >>> [k.exact for k in b5_kappa(L)]
    [Fraction(1, 5), Fraction(1, 5)]
    """
    from pluralnash.numeric.premises.constants import measure_basin_constants

    c = measure_basin_constants(landscape)
    return c.kappa[0] * c.exp_eps, c.kappa[1] * c.exp_eps


def _b5_interval(landscape: Landscape, interval: Interval) -> Interval:
    """``interval`` evaluated at the B.5 leakage factors (the main check passes the main-text κ_i)."""
    from pluralnash.numeric.premises.constants import measure_basin_constants

    c = measure_basin_constants(landscape)

    def at_b5(q: Real, kappa_1: Real, kappa_2: Real) -> tuple[Real, Real]:
        return interval(q, kappa_1 * c.exp_eps, kappa_2 * c.exp_eps)

    at_b5.__name__ = f"{getattr(interval, '__name__', 'interval')}_b5"
    return at_b5


def check_q_in_b5_leakage_range(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Lemma 3.5's premise q ∈ (κ_1, 1 - κ_2) with the appendix's constants κ_i^{B.5}."""
    name = "q in (kappa_1, 1 - kappa_2) with B.5 constants"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    k1, k2 = b5_kappa(landscape)
    ev = {"q": str(c.q), "kappa_1_B5": k1.text(), "1 - kappa_2_B5": (1 - k2).text()}
    s1, m1 = compare(c.q, k1)
    s2, m2 = compare(c.q, 1 - k2)
    method = _weaker(m1, m2)
    if s1 is None or s2 is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "q is too close to an end of the range to decide")
    if s1 <= 0:
        return CheckResult(name, Verdict.FAILS, method, ev, f"q = {c.q} <= kappa_1 = {k1.text()}")
    if s2 >= 0:
        return CheckResult(name, Verdict.FAILS, method, ev, f"q = {c.q} >= 1 - kappa_2 = {(1 - k2).text()}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def _with_b5_evidence(res: CheckResult, landscape: Landscape) -> CheckResult:
    if res.verdict is Verdict.UNDECIDED and not res.evidence:
        return res
    ev = dict(res.evidence)
    try:
        k1, k2 = b5_kappa(landscape)
    except InvalidArgument:
        return res
    ev.update({"kappa_1_B5": k1.text(), "kappa_2_B5": k2.text(), "constants": "B.5 (Delta_i + eps)"})
    return CheckResult(res.name + " (B.5 constants)", res.verdict, res.method, ev, res.reason)


def check_lemma_3_4_b5(landscape: Landscape, *, interval: Interval = leakage_interval) -> CheckResult:
    r"""[FALA26] Lemma 3.4 read with the appendix's constants: a* in ``interval(q, κ_1^{B.5}, κ_2^{B.5})``.

    No premise on κ is needed (κ_i^{B.5} < 1 on disjoint basins); the comparison is
    :func:`~pluralnash.claims._basins_checks.check_lemma_3_4`'s, with the same certification.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2",
    ...               weights=["1/2", "1/2"])
    >>> check_lemma_3_4_b5(L).verdict
    Verdict.HOLDS
    """
    res = check_lemma_3_4(landscape, interval=_b5_interval(landscape, interval), kappa_below_one=False)
    return _with_b5_evidence(res, landscape)


def check_lemma_3_5_b5(landscape: Landscape, *, interval: Interval = leakage_interval,
                       from_start: bool = False, q_range: bool = True) -> CheckResult:
    r"""[FALA26] Lemma 3.5 read with the appendix's constants κ_i^{B.5}, premise and interval alike.

    ``q_range=False`` drops the premise q ∈ (κ_1^{B.5}, 1 - κ_2^{B.5}); ``from_start`` and
    ``interval`` plant variants exactly as in
    :func:`~pluralnash.claims._basins_checks.check_lemma_3_5`.
    """
    if q_range:
        k = check_q_in_b5_leakage_range(landscape)
        if k.verdict is not Verdict.HOLDS:
            return CheckResult("eventually within the B.5 leakage interval", Verdict.UNDECIDED, k.method,
                               k.evidence, f"premise not met: {k.reason}")
    res = check_lemma_3_5(landscape, interval=_b5_interval(landscape, interval), q_range=False,
                          from_start=from_start)
    return _with_b5_evidence(res, landscape)


# ----------------------------------------------------------------------------------------------
# [FERB24] Theorem 2.1 with r* = ess sup of r under p_0


def restrict_to_support(landscape: Landscape) -> Landscape:
    r"""The setup restricted to supp p_0 (atoms with p_0(x) = 0 dropped).

    The curated maps (finite K and large K) keep p_t(x) = 0 off supp p_0, so every p_t, every
    expectation under p_t and the essential supremum of r under p_0 are those of the restriction.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/2", "1/4"]], p0=["0", "1/3", "2/3"])
    >>> R = restrict_to_support(L)
    >>> R.exp_rewards, R.p0
    (((Fraction(1, 2), Fraction(1, 4)),), (Fraction(1, 3), Fraction(2, 3)))
    """
    if not isinstance(landscape, Landscape):
        raise InvalidArgument(f"landscape={landscape!r} must be a Landscape; build one with Landscape(...)")
    if landscape.reference is not None:
        raise InvalidArgument("landscape has a reference distribution (real-data mixing), whose atoms p_t can "
                              "charge; restrict_to_support is for pure curated retraining; drop reference and lam")
    keep = [x for x, v in enumerate(landscape.p0) if v > 0]
    changes: dict[str, Any] = {"p0": tuple(landscape.p0[x] for x in keep)}
    for key in ("rewards", "exp_rewards"):
        rows = getattr(landscape, key)
        if rows is not None:
            changes[key] = tuple(tuple(row[x] for x in keep) for row in rows)
    if landscape.atoms is not None:
        changes["atoms"] = tuple(landscape.atoms[x] for x in keep)
    return landscape.replace(**changes)


def check_ferbach_ess_sup(landscape: Landscape, **kwargs: Any) -> CheckResult:
    r"""[FERB24] Theorem 2.1 with r^* = ess sup_{p_0} r: :func:`check_ferbach_theorem` on supp p_0.

    ``kwargs`` (``bound``, ``limit``, ``steps``) plant variants as in ``check_ferbach_theorem``.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/2"]], p0=["0", "1"], K=2)
    >>> check_ferbach_ess_sup(L).verdict
    Verdict.HOLDS
    """
    if landscape.reference is not None or landscape.m != 1:
        return CheckResult("[FERB24] Theorem 2.1 (r* = ess sup under p_0)", Verdict.UNDECIDED, "exact", {},
                           "needs one reward and no reference distribution")
    restricted = restrict_to_support(landscape)
    res = check_ferbach_theorem(restricted, **kwargs)
    ev = dict(res.evidence)
    dropped = [x for x, v in enumerate(landscape.p0) if v == 0]
    ev.update({"r*": "ess sup of r under p_0 (max over supp p_0)", "atoms_off_support": dropped,
               "ess_sup_e^r": str(max(restricted.exp_rewards[0])) if restricted.exp_rewards else None})
    return CheckResult(res.name.replace("Theorem 2.1", "Theorem 2.1, r* = ess sup"), res.verdict, res.method,
                       ev, res.reason)



# ----------------------------------------------------------------------------------------------
# a landscape-only sufficient condition for m_t -> 0 (a repaired [FALA26] Lemma 3.3)


def _weights_table(landscape: Landscape):
    """Per reward, per atom, a value ordered like e^{r_i(x)} (the rewards themselves or e^r), exactly."""
    return landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards


def check_outside_dominated(landscape: Landscape, *, pareto: bool = True) -> CheckResult:
    r"""Every outside atom of supp p_0 is strictly Pareto-dominated by an atom of supp p_0 in S_ε.

    x ∉ S_ε is dominated by y ∈ S_ε ∩ supp p_0 when r_i(y) >= r_i(x) for every reward with q_i > 0,
    strictly for at least one.  Moving p*(x) onto y then raises F = Σ_i q_i log E_p[e^{r_i}], so the
    large-K limit (the maximiser of F on supp p_0) has no mass on x: m_t -> 0.  ``pareto=False``
    plants the weaker "better in at least one reward" (a control).
    """
    name = "outside atoms Pareto-dominated by basin atoms" if pareto else "outside atoms beaten in one reward"
    if not isinstance(landscape, Landscape):
        raise InvalidArgument(f"landscape={landscape!r} must be a Landscape; build one with Landscape(...)")
    if not landscape.has_eps:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "the setup has no basin width; add \"eps\"")
    table = _weights_table(landscape)
    active = [i for i, v in enumerate(landscape.weights) if v > 0]
    basins = sorted(set().union(*map(set, landscape.basins())))
    live = [x for x, v in enumerate(landscape.p0) if v > 0]
    outside = [x for x in live if x not in basins]
    anchors = [y for y in live if y in basins]

    def beats(y: int, x: int) -> bool:
        ge = all(table[i][y] >= table[i][x] for i in active)
        gt = any(table[i][y] > table[i][x] for i in active)
        return (ge and gt) if pareto else gt

    ev: dict[str, Any] = {"outside_in_support": outside, "basin_atoms_in_support": anchors}
    for x in outside:
        by = next((y for y in anchors if beats(y, x)), None)
        if by is None:
            return CheckResult(name, Verdict.FAILS, "exact", ev, f"outside atom {x} is dominated by no basin atom")
        ev[f"atom {x}"] = f"dominated by {by}"
    return CheckResult(name, Verdict.HOLDS, "exact", ev)
