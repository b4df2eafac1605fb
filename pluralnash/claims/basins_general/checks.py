r"""Conclusion checks of the m-basin statements: the leakage interval of every basin and uniform
non-collapse, with m >= 2 rewards (the derivation: :mod:`pluralnash.theory._basins_general`).

Symbols: q_i the weights, κ_i = e^{-(Δ_i - 2ε)} the sharpest main-text leakage factors
(:func:`~pluralnash.numeric.premises.basins_general.measure_general_constants`), a_i* = p*(S_i) the
basin masses of the certified large-K limit p* = lim p_t, so liminf a_{i,t} = limsup a_{i,t} = a_i*.
The interval of basin i is [ℓ_i, u_i] with ℓ_i = max{0, (q_i - κ_i)/(1 - κ_i)} and
u_i = 1 - Σ_{j≠i} ℓ_j.  Each check takes the interval as a keyword (default: the derived one), so a
planted variant runs through the same machinery; a comparison is certified only when exact rational
or interval arithmetic decided it.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import mpmath

from pluralnash.numeric.arith.real import Real, compare
from pluralnash.numeric.premises.basins_general import (
    check_limit_in_basins,
    general_problem,
    limit_masses,
    measure_general_constants,
)
from pluralnash.numeric.premises.constants import weaker_method as _weaker
from pluralnash.theory import CheckResult, Verdict

__all__ = ["m_basin_interval", "check_m_basin_interval", "check_m_basin_non_collapse"]

Interval = Callable[[Sequence[Real], Sequence[Real]], list[tuple[Real, Real]]]


def m_basin_interval(q: Sequence[Real], kappa: Sequence[Real]) -> list[tuple[Real, Real]]:
    r"""The leakage interval [ℓ_i, u_i] of every basin: ℓ_i = max{0, (q_i - κ_i)/(1 - κ_i)},
    u_i = 1 - Σ_{j≠i} ℓ_j (for m = 2, [FALA26] Lemma 3.4's interval).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> ends = m_basin_interval([Real(F(1, 2)), Real(F(1, 4)), Real(F(1, 4))],
    ...                         [Real(F(1, 5)), Real(F(1, 10)), Real(F(1, 2))])
    >>> [(lo.exact, hi.exact) for lo, hi in ends]
    [(Fraction(3, 8), Fraction(5, 6)), (Fraction(1, 6), Fraction(5, 8)), (Fraction(0, 1), Fraction(11, 24))]
    """
    lower = [Real.max(0, (qi - ki) / (1 - ki)) for qi, ki in zip(q, kappa)]
    return [(lo, 1 - sum((lower[j] for j in range(len(lower)) if j != i), Real(0))) for i, lo in enumerate(lower)]


def _inputs(landscape: Any, name: str, interval: Interval):
    """(a_i*, [ℓ_i, u_i], evidence, method) on this setup, or an UNDECIDED result saying what is missing."""
    problem = general_problem(landscape)
    if problem:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, problem)
    c = measure_general_constants(landscape)
    ev = c.evidence()
    inside = check_limit_in_basins(landscape)
    if inside.verdict is not Verdict.HOLDS:
        return CheckResult(name, Verdict.UNDECIDED, inside.method, ev, f"premise not met: {inside.reason}")
    masses, method, why = limit_masses(landscape)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, why)
    try:
        ends = interval([Real(v) for v in c.q], list(c.kappa))
        for lo, hi in ends:
            lo.bounds(), hi.bounds()
    except (ZeroDivisionError, ValueError):
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "the interval's formula is undefined here "
                                                                  "(kappa_i = 1 is a pole)")
    ev.update({"a_limit": [v.text() for v in masses], "lower": [lo.text() for lo, _ in ends],
               "upper": [hi.text() for _, hi in ends]})
    return masses, ends, ev, method


def _margin(values: list[Real]) -> str:
    return mpmath.nstr(min(v.to_float() for v in values), 8)


def _place(masses, ends, ev: dict, name: str, method: str) -> CheckResult | tuple[list, str]:
    """Each a_i* against [ℓ_i, u_i]: the first certified violation, an UNDECIDED order, or the signs."""
    signs = []
    for i, (a_i, (lo, hi)) in enumerate(zip(masses, ends)):
        s_lo, m1 = compare(a_i, lo)
        s_hi, m2 = compare(a_i, hi)
        method = _weaker(method, m1, m2)
        if s_lo == -1 or s_hi == 1:
            side = f"< lower {lo.text()}" if s_lo == -1 else f"> upper {hi.text()}"
            ev["basin"] = i + 1
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"basin {i + 1}: a_{i + 1}* = {a_i.text()} {side} (a_t -> a*, so liminf or limsup "
                               f"leaves the interval)")
        signs.append((s_lo, s_hi))
    if any(None in pair for pair in signs):
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "a basin mass is too close to an end to decide")
    return signs, method


def check_m_basin_interval(landscape: Any, *, interval: Interval = m_basin_interval) -> CheckResult:
    r"""Decide ℓ_i <= liminf a_{i,t} <= limsup a_{i,t} <= u_i for every basin i on one setup.

    a_{i,t} → a_i* (the certified limit), so each end is decided by comparing a_i* with it exactly
    or by intervals.  ``interval(q, kappa)`` gives the claimed ends (planted variants).
    """
    name = "every basin's limit mass within its leakage interval"
    got = _inputs(landscape, name, interval)
    if isinstance(got, CheckResult):
        return got
    masses, ends, ev, method = got
    placed = _place(masses, ends, ev, name, method)
    if isinstance(placed, CheckResult):
        return placed
    _, method = placed
    ev["margin"] = _margin([a_i - lo for a_i, (lo, _) in zip(masses, ends)]
                           + [hi - a_i for a_i, (_, hi) in zip(masses, ends)])
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_m_basin_non_collapse(landscape: Any, *, interval: Interval = m_basin_interval) -> CheckResult:
    r"""Decide the m-basin non-collapse: there are c, t_0, η > 0 with ℓ_i - c m_t <= a_{i,t} <= u_i + c m_t
    and η <= a_{i,t} <= 1 - η for every basin i and every t >= t_0.

    With a_{i,t} → a_i* and m_t → 0, c and t_0 exist when every a_i* lies strictly inside its
    interval, and η exists exactly when every 0 < a_i* < 1 (η = min_i min(a_i*, 1 - a_i*)/2).  A mass
    outside its interval or at 0 or 1 falsifies it; a mass exactly on an end is left undecided.
    """
    name = "every basin keeps mass: eta <= a_{i,t} <= 1 - eta, within the interval up to c m_t"
    got = _inputs(landscape, name, interval)
    if isinstance(got, CheckResult):
        return got
    masses, ends, ev, method = got
    for i, a_i in enumerate(masses):
        s0, m0 = compare(a_i, 0)
        s1, m1 = compare(a_i, 1)
        method = _weaker(method, m0, m1)
        if s0 == 0 or s1 == 0:
            ev["basin"] = i + 1
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"basin {i + 1}: a_{i + 1}* = {a_i.text()}, the mass collapses, so no eta > 0 has "
                               f"eta <= a_t <= 1 - eta for all large t")
    placed = _place(masses, ends, ev, name, method)
    if isinstance(placed, CheckResult):
        return placed
    signs, method = placed
    if any(s_lo == 0 or s_hi == 0 for s_lo, s_hi in signs):
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "a basin mass lies exactly on an end of its interval")
    eta = min((Real.min(a_i, 1 - a_i) / 2 for a_i in masses), key=lambda v: v.to_float())
    ev.update({"eta": eta.text(), "c": "any c > 0", "t_0": "exists since a_t -> a*",
               "margin": _margin([a_i - lo for a_i, (lo, _) in zip(masses, ends)]
                                 + [hi - a_i for a_i, (_, hi) in zip(masses, ends)] + list(masses))})
    return CheckResult(name, Verdict.HOLDS, method, ev)
