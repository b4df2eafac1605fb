r"""Premises of [FALA26] on the constants of one setup: Assumption 2.1 (i)-(iii), B.1-B.3, B.5,
κ_i < 1 and q in the leakage range.

Definitions and arithmetic: :mod:`pluralnash.numeric.premises`; the constants:
:mod:`pluralnash.numeric.premises.constants`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Iterable, Sequence

from pluralnash.numeric.model.landscape import Landscape, to_fraction
from pluralnash.numeric.arith.real import Real, compare
from pluralnash.numeric.premises.constants import (
    BasinConstants,
    _constants,
    _constants_or_result,
    _given,
    _not_applicable,
    setup_problem,
    weaker_method,
)
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "basin_parts",
    "check_assumption_2_1_i",
    "check_assumption_2_1_ii",
    "check_assumption_2_1_iii",
    "check_assumption_b1",
    "check_assumption_b2",
    "check_assumption_b3",
    "check_assumption_b5",
    "check_kappa_below_one",
    "check_q_in_leakage_range",
    "decide_in_order",
    "q_in_range",
]


def check_assumption_2_1_i(landscape: Landscape, *, bounds: Sequence[Sequence[Any]] | None = None,
                           name: str = "Assumption 2.1(i): bounded rewards") -> CheckResult:
    r"""[FALA26] Assumption 2.1(i): r_i(x) ∈ [L_i, U_i] for all x, i = 1, 2.

    On finitely many atoms the sharpest bounds (min and max of each r_i) always exist, so with
    ``bounds=None`` the predicate measures and reports them and fails only when the setup is not a
    two-reward setup with ε.  Given ``bounds=[[L_1, U_1], [L_2, U_2]]`` (rationals, in reward units)
    it decides whether every r_i(x) lies in them.
    """
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = {f"{side}_{i + 1}": c.bounds[i][k].text() for i in range(2) for k, side in enumerate(("L", "U"))}
    if bounds is None:
        return CheckResult(name, Verdict.HOLDS, "exact", ev)
    if isinstance(bounds, (str, bytes)) or not hasattr(bounds, "__len__") or len(bounds) != 2:
        raise InvalidArgument(f"bounds={bounds!r} must be two pairs [L_i, U_i]; pass e.g. [[-4, 0], [-4, 0]]")
    given = [_given(b, f"bounds[{i}]", 2) for i, b in enumerate(bounds)]

    def comparisons():
        for i in range(2):
            lo, hi = given[i]
            if lo > hi:
                raise InvalidArgument(f"bounds[{i}]={[str(lo), str(hi)]} has L > U; pass L_{i + 1} <= U_{i + 1}")
            for side, value, sign_bad in (("L", lo, 1), ("U", hi, -1)):
                measured = c.bounds[i][0 if side == "L" else 1]
                yield (value, measured, (sign_bad,),
                       f"{side}_{i + 1} = {value} is too close to the measured bound to decide",
                       f"r_{i + 1} reaches {measured.text()}, outside the given [{lo}, {hi}]")

    verdict, method, reason = decide_in_order(comparisons())
    if verdict is not Verdict.UNDECIDED:
        ev["given_bounds"] = [[str(v) for v in g] for g in given]
    return CheckResult(name, verdict, method, ev, reason)


def check_assumption_b1(landscape: Landscape, *, bounds: Sequence[Sequence[Any]] | None = None) -> CheckResult:
    r"""[FALA26] Assumption B.1: bounded measurable rewards (on finitely many atoms: as 2.1(i))."""
    return check_assumption_2_1_i(landscape, bounds=bounds, name="Assumption B.1: bounded measurable rewards")


def _basin_masses0(landscape: Landscape, c: BasinConstants) -> tuple[Fraction, Fraction]:
    return tuple(sum((landscape.p0[x] for x in S), Fraction(0)) for S in c.basins)  # type: ignore[return-value]


def basin_parts(landscape: Landscape) -> tuple[dict[str, Any], tuple[int, ...], int | None]:
    r"""The data of B.3 and B.2 (together Assumption 2.1(ii)) on a two-reward setup with ε, for every
    check of them: evidence (S_1, S_2, p_0(S_1), p_0(S_2)), the atoms of S_{1,ε} ∩ S_{2,ε}, and the
    first i with p_0(S_{i,ε}) = 0 (None when both basins have mass)."""
    c = _constants(landscape)
    masses = _basin_masses0(landscape, c)
    ev = {"S_1": list(c.basins[0]), "S_2": list(c.basins[1]), "p0(S_1)": str(masses[0]), "p0(S_2)": str(masses[1])}
    empty = next((i + 1 for i, mass in enumerate(masses) if mass == 0), None)
    return ev, c.overlap, empty


def _basin_check(landscape: Landscape, name: str, keys: tuple[str, ...], *, overlap: bool,
                 empty: bool) -> CheckResult:
    """B.3 (``overlap``) then B.2 (``empty``) decided exactly, reporting the evidence ``keys``."""
    problem = setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    full, shared, first_empty = basin_parts(landscape)
    ev = {k: full[k] for k in keys}
    if overlap and shared:
        ev["overlap"] = list(shared)
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"the basins share atoms {list(shared)}")
    if empty and first_empty:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"p0(S_{first_empty}) = 0")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def check_assumption_2_1_ii(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Assumption 2.1(ii): S_{1,ε} ∩ S_{2,ε} = ∅, p_0(S_{1,ε}) > 0, p_0(S_{2,ε}) > 0 (exact)."""
    return _basin_check(landscape, "Assumption 2.1(ii): disjoint basins, p0(S_1), p0(S_2) > 0",
                        ("S_1", "S_2", "p0(S_1)", "p0(S_2)"), overlap=True, empty=True)


def check_assumption_b2(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Assumption B.2: p_0(S_{i,ε}) > 0 for i = 1, 2 (exact)."""
    return _basin_check(landscape, "Assumption B.2: p0(S_1) > 0 and p0(S_2) > 0", ("p0(S_1)", "p0(S_2)"),
                        overlap=False, empty=True)


def check_assumption_b3(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Assumption B.3: S_{1,ε} ∩ S_{2,ε} = ∅ (exact)."""
    return _basin_check(landscape, "Assumption B.3: disjoint basins", ("S_1", "S_2"), overlap=True, empty=False)


def check_assumption_2_1_iii(landscape: Landscape, *, delta: Any = None,
                             gaps: Sequence[Any] | None = None) -> CheckResult:
    r"""[FALA26] Assumption 2.1(iii), leakage gaps: there are δ > 0 and Δ_1, Δ_2 > 0 with
    r_i(x) <= r_i^* - δ off S_ε, r_2 <= r_2^* - Δ_2 on S_{1,ε}, r_1 <= r_1^* - Δ_1 on S_{2,ε}.

    With no constants given, the sharpest ones are measured (δ_{i,ε}/δ_{c,ε} read as one δ):
    δ > ε always holds off S_ε on a finite landscape, so the predicate fails exactly when a basin
    atom attains the *other* reward's maximum (Δ_i <= 0, possible only when the basins overlap).
    Given ``delta`` and/or ``gaps`` (rationals, reward units), it decides whether they are valid:
    0 < δ <= sharpest δ and 0 < Δ_i <= sharpest Δ_i.
    """
    name = "Assumption 2.1(iii): leakage gaps delta, Delta_1, Delta_2 > 0"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = c.evidence()
    ev.pop("q", None)
    verdict, method, reason = decide_in_order(
        (c.exp_gaps[i], 1, (0, 1), f"cannot decide Delta_{i + 1} > 0",
         f"an atom of S_{2 - i} attains max r_{i + 1}, so Delta_{i + 1} <= 0") for i in range(2))
    if verdict is not Verdict.HOLDS:
        return CheckResult(name, verdict, method, ev, reason)
    given_gaps = _given(gaps, "gaps", 2)
    checks: list[tuple[str, Fraction, Real | None]] = []
    if delta is not None:
        checks.append(("delta", to_fraction(delta, "delta"), c.delta))
    if given_gaps is not None:
        checks += [(f"Delta_{i + 1}", g, c.gaps[i]) for i, g in enumerate(given_gaps)]
    for label, value, sharpest in checks:
        ev[f"given_{label}"] = str(value)
        if value <= 0:
            return CheckResult(name, Verdict.FAILS, "exact", ev, f"{label} = {value} is not > 0")
        if sharpest is None:  # no outside atom: every delta > 0 is valid
            continue
        s, meth = compare(value, sharpest)
        method = weaker_method(method, meth)
        if s is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev,
                               f"{label} = {value} is too close to the sharpest {sharpest.text()} to decide")
        if s > 0:
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"{label} = {value} exceeds the sharpest valid value {sharpest.text()}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_assumption_b5(landscape: Landscape, *, gaps: Sequence[Any] | None = None) -> CheckResult:
    r"""[FALA26] Assumption B.5, cross-basin separation: x ∈ S_{1,ε} ⇒ r_2(x) <= r_2^* - Δ_2 + ε
    and x ∈ S_{2,ε} ⇒ r_1(x) <= r_1^* - Δ_1 + ε.

    With ``gaps=None`` the sharpest B.5 constants Δ_i + ε (Δ_i those of 2.1(iii), >= 0) are
    measured; they are at least ε > 0, so the predicate then fails only on setups that are not
    two-reward setups with ε.  Given ``gaps=[Δ_1, Δ_2]`` it decides B.5 with those constants.
    """
    name = "Assumption B.5: cross-basin separation"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    sharp = [g + c.eps for g in c.gaps]
    ev = {"Delta_1_B5": sharp[0].text(), "Delta_2_B5": sharp[1].text(), "eps": c.eps.text()}
    given = _given(gaps, "gaps", 2)
    if given is None:
        return CheckResult(name, Verdict.HOLDS, weaker_method(*(("exact" if s.is_exact else "interval") for s in sharp)), ev)

    def comparisons():
        for i, g in enumerate(given):
            ev[f"given_Delta_{i + 1}"] = str(g)
            yield (g, sharp[i], (1,), f"Delta_{i + 1} = {g} is too close to the sharpest {sharp[i].text()} to decide",
                   f"an atom of S_{2 - i} has r_{i + 1}^* - r_{i + 1} + eps = {sharp[i].text()} < Delta_{i + 1} = {g}")

    verdict, method, reason = decide_in_order(comparisons())
    return CheckResult(name, verdict, method, ev, reason)


def check_kappa_below_one(landscape: Landscape) -> CheckResult:
    r"""Leakage factors below one: κ_i = e^{-(Δ_i - 2ε)} < 1 for the sharpest Δ_i, i.e. Δ_i > 2ε."""
    name = "leakage factors kappa_1, kappa_2 < 1 (sharpest Delta_i > 2 eps)"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = {"kappa_1": c.kappa[0].text(), "kappa_2": c.kappa[1].text(),
          "Delta_1": c.gaps[0].text(), "Delta_2": c.gaps[1].text(), "eps": c.eps.text()}
    verdict, method, reason = decide_in_order(
        (c.kappa[i], 1, (0, 1), f"cannot decide kappa_{i + 1} < 1",
         f"kappa_{i + 1} = {c.kappa[i].text()} >= 1 (Delta_{i + 1} <= 2 eps)") for i in range(2))
    return CheckResult(name, verdict, method, ev, reason)


def check_q_in_leakage_range(landscape: Landscape, *, name: str = "q in (kappa_1, 1 - kappa_2)",
                             kappa: Callable[[BasinConstants], tuple[Real, Real]] | None = None,
                             keys: tuple[str, str] = ("kappa_1", "1 - kappa_2")) -> CheckResult:
    r"""[FALA26] Lemma 3.5's premise q ∈ (κ_1, 1 - κ_2), with the sharpest κ_i (the widest range).

    ``kappa`` maps the setup's sharpest constants to the leakage factors of another reading (default:
    ``BasinConstants.kappa``); ``name`` and ``keys`` (the two ends in the evidence) name that reading.
    """
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    k1, k2 = c.kappa if kappa is None else kappa(c)
    return q_in_range(name, c.q, k1, k2, keys)


def q_in_range(name: str, q: Fraction, kappa_1: Real, kappa_2: Real, keys: tuple[str, str]) -> CheckResult:
    r"""q ∈ (κ_1, 1 - κ_2) decided exactly or at growing precision; ``keys`` name the two ends in the evidence."""
    ev = {"q": str(q), keys[0]: kappa_1.text(), keys[1]: (1 - kappa_2).text()}
    s1, m1 = compare(q, kappa_1)
    s2, m2 = compare(q, 1 - kappa_2)
    method = weaker_method(m1, m2)
    if s1 is None or s2 is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "q is too close to an end of the range to decide")
    if s1 <= 0:
        return CheckResult(name, Verdict.FAILS, method, ev, f"q = {q} <= kappa_1 = {kappa_1.text()}")
    if s2 >= 0:
        return CheckResult(name, Verdict.FAILS, method, ev, f"q = {q} >= 1 - kappa_2 = {(1 - kappa_2).text()}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def decide_in_order(comparisons: Iterable[tuple[Any, Any, tuple[int, ...], str, str]],
                    method: str = "exact") -> tuple[Verdict, str, str | None]:
    r"""Decide comparisons one after another: (verdict, method, reason) of the first that is undecided
    or fails, else HOLDS.

    Each comparison ``(a, b, bad, undecided, fails)`` signs a - b exactly or at growing precision
    (:func:`~pluralnash.numeric.arith.real.compare`); a sign in ``bad`` fails with the reason ``fails``,
    no sign is UNDECIDED with the reason ``undecided``.  The method is the weakest of those seen so far,
    starting from ``method``; comparisons after the first undecided or failing one are not evaluated.

    Examples
    --------
    >>> decide_in_order([(Fraction(1, 3), 1, (0, 1), "?", "1/3 >= 1"), (2, 1, (0, 1), "?", "2 >= 1")])
    (Verdict.FAILS, 'exact', '2 >= 1')
    """
    for a, b, bad, undecided, fails in comparisons:
        s, meth = compare(a, b)
        method = weaker_method(method, meth)
        if s is None:
            return Verdict.UNDECIDED, method, undecided
        if s in bad:
            return Verdict.FAILS, method, fails
    return Verdict.HOLDS, method, None
