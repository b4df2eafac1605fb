r"""Other readings of [FALA26] Lemmas 3.4, 3.5, Proposition 3.4, Corollary 3.8 and [FERB24] Theorem 2.1.

A statement whose wording admits several readings gets one claim per reading; the ids name the
relation to the claim of the same statement registered elsewhere, and each ``reading`` says what
differs:

- ``lemma-3.4-as-stated``: Lemma 3.4 with the main text's Δ_i (Assumption 2.1(iii)) and only the
  paper's premises; ``lemma-3.4`` adds κ_i < 1.
- ``lemma-3.4-appendix``, ``lemma-3.5-appendix``: Lemmas 3.4 and 3.5 with the appendix's B.5
  constants (Δ_i^{B.5} = Δ_i + ε at the sharpest, so κ_i^{B.5} = κ_i e^{-ε}).
- ``prop-3.4-b6``, ``corollary-3.8-b6``: Proposition 3.4 and Corollary 3.8 under B.6 alone, as
  the paper states them; ``prop-3.4`` and ``corollary-3.8`` add "m_t -> 0 along the family".
- ``ferbach-theorem-2.1``: [FERB24] Theorem 2.1 with r^* the essential supremum of r under p_0, as
  [FERB24] defines it; ``ferbach-2.1-sup-over-atoms`` reads r^* as the maximum over every atom.
- ``lemma-3.3-repaired``: a condition on the landscape alone (every outside atom of supp p_0
  Pareto-dominated by a basin atom) under which m_t -> 0, since lemma-3.3 as stated is false.

Premises come from :mod:`pluralnash.numeric.premises`; the conclusion checks below
reuse the main checks on transformed constants or setups, so a reading differs from its sibling
only where its ``reading`` says.

Definitions and conventions
---------------------------
The readings' constants:

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

import dataclasses
from fractions import Fraction
from functools import partial
from typing import Any

from pluralnash._registry import Claim, Premise, Variant
from pluralnash.claims._declare import STRATEGIES_BASINS, either, exact_and_not, plant
from pluralnash.claims.basins.checks import Interval, check_lemma_3_4, check_lemma_3_5, leakage_interval
from pluralnash.claims.plateau.checks import check_corollary_3_8, check_prop_3_4
from pluralnash.claims.basins import (
    A21_I,
    B2,
    B3,
    ASSUMPTION_2_1_M_TO_0,
    LARGE_K,
    LEMMA_3_4,
    M_TO_0,
    FROM_START,
    NASH_POINT,
    REVERSED_LOWER,
    _NON_COLLAPSE_STRATEGY,
    _leakage_strategy,
)
from pluralnash.claims.basins.screen import leakage_screen
from pluralnash.claims.readings_screen import dominated_screen
from pluralnash.claims.ferbach_screen import ferbach_screen
from pluralnash.claims.ferbach import (
    _READING as _FERBACH_READING,
    THEOREM_2_1,
    THEOREM_2_1_CONTROLS,
    check_ferbach_theorem,
)
from pluralnash.claims.plateau import (
    B6_EXACT, COROLLARY_3_8, HARD_SEPARATION, HARD_SEPARATION_COMPROMISE, NASH_PREMISES, PROP_3_4,
)
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.premises import (
    check_assumption_b5, check_outside_mass_vanishes, check_q_in_leakage_range, require_landscape,
)
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


# ----------------------------------------------------------------------------------------------
# conclusion checks: the main checks on the B.5 constants, on supp p_0, and a landscape-only condition


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
    return check_q_in_leakage_range(landscape, name="q in (kappa_1, 1 - kappa_2) with B.5 constants",
                                    kappa=lambda c: b5_kappa(landscape), keys=("kappa_1_B5", "1 - kappa_2_B5"))


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
    :func:`~pluralnash.claims.basins.checks.check_lemma_3_4`'s, with the same certification.

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
    :func:`~pluralnash.claims.basins.checks.check_lemma_3_5`.
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
    require_landscape(landscape)
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
    require_landscape(landscape)
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


# ----------------------------------------------------------------------------------------------
# the claims

B5 = Premise("Assumption B.5", "cross-basin separation, with the sharpest B.5 constants Delta_i + eps "
             "(kappa_i^B5 = e^{-(Delta_i^B5 - 2 eps)} < 1 on disjoint basins)", check_assumption_b5)
# the appendix's premises of Lemmas B.5 and B.6: B.1-B.3, B.5 and m_t -> 0
APPENDIX_M_TO_0 = (LARGE_K, A21_I, B2, B3, B5, M_TO_0)
Q_RANGE_B5 = Premise("q in (kappa_1, 1 - kappa_2), B.5 constants", "with the sharpest B.5 kappa_i (the widest range)",
                     check_q_in_b5_leakage_range)

# ----------------------------------------------------------------------------------------------
# Lemma 3.4 as stated (main-text Delta, no premise on kappa)

_L34_STATEMENT = LEMMA_3_4.statement

LEMMA_3_4_AS_STATED = Claim(
    id="lemma-3.4-as-stated",
    source="[FALA26] Lemma 3.4, main text: Delta_i of Assumption 2.1(iii), the paper's premises only",
    statement=_L34_STATEMENT,
    premises=ASSUMPTION_2_1_M_TO_0,
    conclusion=LEMMA_3_4.conclusion,
    reading="Differs from lemma-3.4 by dropping the premise kappa_i < 1 that the toolkit added: Assumption 2.1(iii) "
            "asks only Delta_i > 0, and disjoint basins force only Delta_i > eps, so Delta_i in (eps, 2 eps] is "
            "allowed; there kappa_1 >= 1 and the lower end (q - kappa_1)/(1 - kappa_1) exceeds 1 (kappa_1 > 1) or "
            "is a pole (kappa_1 = 1, left undecided). kappa_i from the sharpest Delta_i (valid constants; a smaller "
            "valid Delta_i makes kappa_i larger still). a_t -> a* = p*(S_1) from the certified large-K limit; "
            "a* is compared with both ends exactly or by intervals.",
    instance=partial(check_lemma_3_4, kappa_below_one=False),
    strategy=_leakage_strategy(1),
    screen=leakage_screen(kappa_below_one=False),
).with_controls(NASH_POINT, REVERSED_LOWER)


# ----------------------------------------------------------------------------------------------
# Lemmas 3.4 and 3.5 with the appendix's B.5 constants

_B5_READING = ("Constants of the appendix: B.5 (x in S_1 => r_2(x) <= r_2* - Delta_2 + eps) in place of 2.1(iii); "
               "the sharpest B.5 constant is Delta_i + eps (Delta_i the main text's sharpest), so kappa_i^B5 = "
               "e^{-(Delta_i - eps)} = kappa_i e^{-eps}, the constant B.5's proof of the tilted bound "
               "p^(1)(S_1) >= a/(a + kappa_1 b + C m) actually yields. kappa_i^B5 < 1 on disjoint basins, so no "
               "premise on kappa is added. Premises: the appendix's standing B.1-B.3 (B.1 holds on finite "
               "landscapes) and m_t -> 0, decided from the certified limit. ")

LEMMA_3_4_APPENDIX = Claim(
    id="lemma-3.4-appendix",
    source="[FALA26] Lemma B.5 (Lemma 3.4 with the appendix's B.5 constants)",
    statement=_L34_STATEMENT.replace("Assumption 2.1", "Assumptions B.2, B.3, B.5") + " (Delta_i those of B.5)",
    premises=APPENDIX_M_TO_0,
    conclusion="a_inf in [max{0, (q-kappa_1)/(1-kappa_1)}, min{1, q/(1-kappa_2)}], kappa_i = kappa_i^B5",
    reading=_B5_READING + "The B.5 interval is the narrowest of the readings; a* is compared with it exactly or by "
            "intervals, on setups with leakage gaps down to Delta_i > eps (where the main-text kappa_i >= 1).",
    instance=check_lemma_3_4_b5,
    strategy=_leakage_strategy(1),
    screen=leakage_screen(kappa_below_one=False, b5=True),
).with_controls(NASH_POINT, REVERSED_LOWER)


_NON_COLLAPSE_WIDE_STRATEGY = either(
    _NON_COLLAPSE_STRATEGY, *exact_and_not("non_collapse_landscapes", q_in_range=False, module=STRATEGIES_BASINS))


LEMMA_3_5_APPENDIX = Claim(
    id="lemma-3.5-appendix",
    source="[FALA26] Lemma B.6 (Lemma 3.5 with the appendix's B.5 constants)",
    statement="Fix eps > 0, large K. Assume B.1-B.3, B.5 and m_t -> 0, and q in (kappa_1, 1 - kappa_2) with the "
              "B.5 kappa_i. Then there are c_eps > 0 and t_0 with max{0,(q-kappa_1)/(1-kappa_1)} - c_eps m_t <= "
              "a_t <= min{1, q/(1-kappa_2)} + c_eps m_t for t >= t_0; in particular eta <= a_t <= 1 - eta.",
    premises=(*APPENDIX_M_TO_0, Q_RANGE_B5),
    conclusion="exists c, t_0, eta > 0: the B.5 interval holds up to c m_t and eta <= a_t <= 1 - eta for t >= t_0",
    reading=_B5_READING + "The premise range (kappa_1^B5, 1 - kappa_2^B5) is wider than the main text's and the "
            "interval narrower, so this reading is the strongest; the search also draws q outside the main-text "
            "range. Decided as lemma-3.5: c_eps, t_0 exist exactly when a* is strictly inside the interval, eta "
            "exactly when 0 < a* < 1; a* on an end is left undecided.",
    instance=check_lemma_3_5_b5,
    strategy=_NON_COLLAPSE_WIDE_STRATEGY,
    screen=leakage_screen(kappa_below_one=False, non_collapse=True, b5=True),
).with_controls(FROM_START, NASH_POINT)


# ----------------------------------------------------------------------------------------------
# Proposition 3.4 and Corollary 3.8 under B.6 alone


def _instance_controls(sibling: Claim, *suffixes: str) -> tuple[Variant, ...]:
    """The sibling statement's planted variants named by ``suffixes``, in that order, with their instance
    checks only (a reading carries no symbolic route of its own)."""
    planted = {c.id.split("~", 1)[1]: c for c in sibling.controls}
    return tuple(Variant(s, planted[s].planted, instance=planted[s].instance) for s in suffixes)


_B6_STRATEGY = either(HARD_SEPARATION, HARD_SEPARATION_COMPROMISE)


_B6_READING = ("As the paper states it: B.6 (with the standing B.2, B.3) alone, without the premise 'm_t -> 0 along "
               "the hard-separation family' that {sibling} adds. Outside atoms of supp p_0 are allowed, including "
               "compromise atoms with rho_1 + rho_2 >= 1, which keep mass in the hard-separation limit. Otherwise "
               "decided exactly as {sibling} (large-K regime; Delta_i -> inf after t -> inf; the k = 0 KKT "
               "conditions decide the limit). 'exact rewards' only restricts the search to rational e^r.")

PROP_3_4_B6 = Claim(
    id="prop-3.4-b6",
    source="[FALA26] Proposition 3.4 / B.3 under Assumption B.6 alone",
    statement=PROP_3_4.statement,
    premises=B6_EXACT,
    conclusion=PROP_3_4.conclusion,
    reading=_B6_READING.format(sibling="prop-3.4"),
    instance=check_prop_3_4,
    strategy=_B6_STRATEGY,
).with_controls(*_instance_controls(PROP_3_4, "endpoint-half", "finite-gap"))

COROLLARY_3_8_B6 = Claim(
    id="corollary-3.8-b6",
    source="[FALA26] Corollary 3.8 / B.8 under Assumption B.6 alone",
    statement=COROLLARY_3_8.statement,
    premises=(*B6_EXACT, NASH_PREMISES),
    conclusion=COROLLARY_3_8.conclusion,
    reading=_B6_READING.format(sibling="corollary-3.8"),
    instance=check_corollary_3_8,
    strategy=_B6_STRATEGY,
).with_controls(
    # its own planted maximiser: the check's result names the function (``<lambda>(q)``)
    plant("weights-swapped", "the limit is the Nash point with the weights swapped, alpha* = 1 - q",
          nash_point=lambda q: 1 - q),
    *_instance_controls(COROLLARY_3_8, "finite-gap"),
)


# ----------------------------------------------------------------------------------------------
# [FERB24] Theorem 2.1 with r* = ess sup of r under p_0

FERBACH_THEOREM_2_1 = dataclasses.replace(
    THEOREM_2_1,
    id="ferbach-theorem-2.1",
    source="[FERB24] Theorem 2.1, r* = ess sup of r under p_0 as [FERB24] defines it (recalled; constants "
           "unverified)",
    conclusion="all four parts, with r* = ess sup_{p_0} r (the largest reward on supp p_0)",
    reading=_FERBACH_READING + " r* is [FERB24]'s: the essential supremum of r under p_0, on finitely many atoms "
            "the largest reward on supp p_0, so p_0(r = r*) > 0 always. The curated maps keep p_t = 0 off supp p_0, "
            "so the theorem is decided on the setup restricted to supp p_0, where r* is the plain maximum. "
            "ferbach-2.1-sup-over-atoms reads r* as the maximum over every atom instead.",
    instance=check_ferbach_ess_sup,
    screen=ferbach_screen(sup_over_atoms=False),
).with_controls(*THEOREM_2_1_CONTROLS)

# ----------------------------------------------------------------------------------------------
# A repaired Lemma 3.3: a condition on the landscape alone for m_t -> 0


def _dominated_bases(pareto: bool):
    """The two-basin setups the dominated atoms are planted in.  The control's draws use wide basins
    (e^-eps = 9/10), where an atom beaten in one reward can still be a compromise that both rewards rate highly."""
    from pluralnash.properties import two_basin_landscapes

    wide = {} if pareto else {"exp_eps": Fraction(9, 10)}
    return two_basin_landscapes(min_outside_atoms=1, max_outside_atoms=2, exact=True, **wide)


def _dominated_from(d, L, pareto: bool):
    """``L`` with each outside atom made a copy of a drawn basin atom scaled down (Pareto-dominated), or with
    ``pareto`` False beaten in reward 1 only and reward 2 just outside its basin; ``d`` draws."""
    import hypothesis.strategies as st

    from pluralnash.numeric import Landscape

    S1, S2 = L.basins()
    anchors = sorted(set(S1) | set(S2))
    rows = [list(r) for r in L.exp_rewards]
    factors = (L.exp_eps * Fraction(9, 10), L.exp_eps / 2, L.exp_eps / 10)
    for x in range(L.n):
        if x in anchors:
            continue
        y = d(st.sampled_from(anchors))
        for i in range(len(rows)):
            if pareto:
                rows[i][x] = rows[i][y] * d(st.sampled_from(factors))
            else:
                rows[i][x] = rows[i][y] * factors[0] if i == 0 else max(rows[i]) * factors[0]
    return Landscape(exp_rewards=rows, weights=L.weights, p0=L.p0, exp_eps=L.exp_eps)


def _dominated_strategy(pareto: bool = True):
    def build():
        import hypothesis.strategies as st

        bases = _dominated_bases(pareto)  # built once, not on every draw

        @st.composite
        def draw(d):
            return _dominated_from(d, d(bases), pareto)

        return draw()
    return build


DOMINATED = Premise("outside atoms dominated", "every outside atom of supp p_0 is strictly Pareto-dominated (over the "
                    "rewards with q_i > 0) by an atom of supp p_0 in S_eps", check_outside_dominated)

LEMMA_3_3_REPAIRED = Claim(
    id="lemma-3.3-repaired",
    source="[FALA26] Lemma 3.3, repaired by this toolkit: a condition on the landscape alone",
    statement="Large-K regime, m rewards. If every outside atom of supp p_0 is strictly Pareto-dominated by an atom of "
              "supp p_0 in S_eps, then m_t -> 0.",
    premises=(LARGE_K, DOMINATED),
    conclusion="m_t -> 0 (the certified limit's support lies in S_eps)",
    reading="lemma-3.3 (main text) is FALSIFIED: Assumption 2.1(i, iii) allows a compromise atom that the limit keeps. "
            "Proof: p_t -> p*, the maximiser of F on supp p_0 (nash-limit); moving p*(x) from a dominated x onto its "
            "dominating y raises every E_p[e^{r_i}] with q_i > 0, one strictly, so p*(x) = 0. The condition is "
            "sufficient, not necessary (the sharp condition, necessary and sufficient, is lemma-3.3-sharp: no "
            "maximiser of F over supp p_0 charges an outside atom). Instance: m_t -> 0 decided from the certified "
            "limit's support.",
    instance=check_outside_mass_vanishes,
    strategy=_dominated_strategy(True),
    screen=dominated_screen(),
).with_controls(
    Variant("one-reward", "premise weakened: each outside atom beaten by a basin atom in one reward only",
            premises=(LARGE_K, Premise("outside atoms beaten in one reward", "better in at least one reward",
                                       lambda L: check_outside_dominated(L, pareto=False))),
            strategy=_dominated_strategy(False), screen=dominated_screen(pareto=False)),
    Variant("outside-stays", "wrong conclusion: the limit keeps the outside mass, m_t -> m_0",
            instance=lambda L: _outside_stays(L)),
)


def _outside_stays(L) -> CheckResult:
    res = check_outside_mass_vanishes(L)
    if res.verdict is Verdict.HOLDS and any(v > 0 for x, v in enumerate(L.p0)
                                            if x not in set().union(*map(set, L.basins()))):
        return CheckResult("m_t -> m_0 > 0", Verdict.FAILS, res.method, res.evidence,
                           "the limit has no mass outside S_eps, so m_t -> 0 < m_0")
    if res.verdict is Verdict.FAILS:
        return CheckResult("m_t -> m_0 > 0", Verdict.UNDECIDED, res.method, res.evidence, "the limit keeps outside mass")
    return CheckResult("m_t -> m_0 > 0", Verdict.UNDECIDED, res.method, res.evidence, res.reason)


# (place in the verdict table, claim): the registry registers these (see pluralnash.claims.FAMILIES)
TABLE = ((50, LEMMA_3_3_REPAIRED), (70, PROP_3_4_B6), (90, LEMMA_3_4_AS_STATED), (100, LEMMA_3_4_APPENDIX),
         (120, LEMMA_3_5_APPENDIX), (160, COROLLARY_3_8_B6), (190, FERBACH_THEOREM_2_1))
