r"""Conclusion checks of [FALA26] Lemmas 3.3, 3.4 and 3.5 read at finite K, decided exactly along the
finite-K trajectory p_0, p_1, ..., p_T of the setup's K (the derivation:
:mod:`pluralnash.theory._finite_k_basins`; the run: :mod:`pluralnash.numeric.engines.finite_k_basins`).

Both statements are one-step bounds that hold for every p, so every step of the exact run is a
certified instance: a step that breaks the bound is a certified counterexample, and a run whose
every step keeps it HOLDS (certified, for the steps examined).  Each check takes the statement's
formula as a keyword (default: the derived one), so a planted variant runs through the same
machinery.

Symbols: ŵ_i the closeness, Ẑ_i = E_{p_t}[ŵ_i], E = e^{-ε}, c_i = e^{-Δ_i} (the largest ŵ_i on the
other basins), a_{i,t} = p_t(S_i), m_t = p_t(X \ ∪ S_i).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

from pluralnash.claims.basins.checks import leakage_interval
from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.engines.finite_k_basins import (
    basin_step_bound,
    closeness_rows,
    divide_by_one_minus_a,
    finite_k_run,
    finite_k_lower,
    other_basin_closeness,
    sign_on_unit_interval,
    two_atom_weight_poly,
    weight_bounds,
)
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.numeric.premises.basins_general import check_finite_k_exact, measure_general_constants
from pluralnash.theory import CheckResult, Verdict

__all__ = ["decay_factor_bound", "check_finite_k_decay", "check_finite_k_basin_step", "check_finite_k_non_collapse",
           "check_paper_non_collapse_at_finite_k", "check_paper_interval_at_finite_k"]

# (p_t, ŵ rows, K, q) -> the claimed bound on W^K_t(x) at every atom
Factor = Callable[[Any, list, int, tuple], list[Fraction]]
# (q_i, K, E, c_i, a, m) -> the claimed lower bound on a_{i,t+1}
StepBound = Callable[[Fraction, int, Fraction, Fraction, Fraction, Fraction], Fraction]


def _mix(q: tuple, per_reward: list[list[Fraction]]) -> list[Fraction]:
    return [sum((qi * row[x] for qi, row in zip(q, per_reward)), Fraction(0)) for x in range(len(per_reward[0]))]


def decay_factor_bound(p: Any, rows: list, K: int, q: tuple) -> list[Fraction]:
    r"""Σ_i q_i H̄^K_i(x): Lemma 3.2's upper bound on the finite-K weight W^K_t(x) at every atom."""
    return _mix(q, weight_bounds(p, rows, K)[1])


def _run(landscape: Any, name: str, steps: int):
    """(the exact run, the constants) or an UNDECIDED result saying why the run cannot be followed."""
    ok = check_finite_k_exact(landscape)
    if ok.verdict is not Verdict.HOLDS:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"premise not met: {ok.reason}")
    return finite_k_run(landscape, steps=steps), measure_general_constants(landscape)


def _show(x: Fraction) -> str:
    return Real(x).text()


def check_finite_k_decay(landscape: Any, *, factor: Factor = decay_factor_bound, steps: int = 4) -> CheckResult:
    r"""Decide m_{t+1} <= ρ_t m_t at every step of the exact finite-K run, ρ_t = sup_{x ∉ S_ε} ``factor``.

    The default factor is Lemma 3.2's upper bound on W^K_t (the derived finite-K decay factor);
    planted variants pass B.4's large-K weight or the Jensen lower bound.
    """
    name = f"m_(t+1) <= rho_t m_t at finite K, rho_t = sup outside {factor.__name__}"
    got = _run(landscape, name, steps)
    if isinstance(got, CheckResult):
        return got
    run, c = got
    rows, q, K = closeness_rows(landscape), tuple(landscape.weights), landscape.K
    ev: dict[str, Any] = {"K": K, "outside": list(c.outside), "steps_examined": len(run) - 1}
    margins = []
    for t in range(len(run) - 1):
        m_t = sum((run[t][x] for x in c.outside), Fraction(0))
        if m_t == 0:
            continue
        m_next = sum((run[t + 1][x] for x in c.outside), Fraction(0))
        rho = max(factor(run[t], rows, K, q)[x] for x in c.outside)
        if m_next > rho * m_t:
            ev.update({"t": t, "m_t": _show(m_t), "m_t+1": _show(m_next), "rho_t": _show(rho)})
            return CheckResult(name, Verdict.FAILS, "exact", ev,
                               f"at t = {t}: m_{t + 1} = {_show(m_next)} > rho_t m_{t} with rho_t = {_show(rho)}, "
                               f"m_{t} = {_show(m_t)} (K = {K})")
        margins.append((rho * m_t - m_next) / m_t)
    if not margins:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "no outside mass along the run: nothing to decide")
    ev["margin"] = f"{float(min(margins)):.8g}"
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def check_finite_k_basin_step(landscape: Any, *, bound: StepBound = basin_step_bound, reverse: bool = False,
                              steps: int = 4) -> CheckResult:
    r"""Decide a_{i,t+1} >= ``bound``(q_i, K, E, c_i, a_{i,t}, m_t) for every basin i at every step of the
    exact finite-K run (default: the derived φ^K_i; planted variants pass the large-K map, or
    ``reverse=True`` for a_{i,t+1} <= bound)."""
    name = f"a_(i,t+1) {'<=' if reverse else '>='} {bound.__name__}(a_(i,t), m_t) at finite K"
    got = _run(landscape, name, steps)
    if isinstance(got, CheckResult):
        return got
    run, c = got
    rows, K, E = closeness_rows(landscape), landscape.K, landscape.exp_eps
    caps = other_basin_closeness(rows, c.basins)
    ev: dict[str, Any] = {"K": K, "c": [str(v) for v in caps], "steps_examined": len(run) - 1}
    margins = []
    for t in range(len(run) - 1):
        m_t = sum((run[t][x] for x in c.outside), Fraction(0))
        for i, S in enumerate(c.basins):
            a_t = sum((run[t][x] for x in S), Fraction(0))
            a_next = sum((run[t + 1][x] for x in S), Fraction(0))
            claimed = bound(c.q[i], K, E, caps[i], a_t, m_t)
            if (a_next > claimed) if reverse else (a_next < claimed):
                ev.update({"t": t, "basin": i + 1, "a_t": _show(a_t), "a_t+1": _show(a_next), "bound": _show(claimed)})
                return CheckResult(name, Verdict.FAILS, "exact", ev,
                                   f"at t = {t}, basin {i + 1}: a_{t + 1} = {_show(a_next)} "
                                   f"{'>' if reverse else '<'} {_show(claimed)} "
                                   f"with a_{t} = {_show(a_t)}, m_{t} = {_show(m_t)} (K = {K})")
            margins.append(claimed - a_next if reverse else a_next - claimed)
    ev["margin"] = f"{float(min(margins)):.8g}"
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def check_finite_k_non_collapse(landscape: Any, *, from_start: bool = False, reverse: bool = False,
                                steps: int = 4) -> CheckResult:
    r"""Decide Lemma 3.5 at finite K on a setup with no outside atom (m_t = 0): with
    ℓ_i = min(a_{i,0}, L_{K,i}) > 0, every t has ℓ_i <= a_{i,t} <= 1 - Σ_{j≠i} ℓ_j, so
    η = min_i min(ℓ_i, Σ_{j≠i} ℓ_j) > 0 keeps every basin in [η, 1 - η].

    Why for every t: φ^K_i(·, 0) is increasing and φ^K_i(ℓ) >= ℓ for ℓ <= L_{K,i} (certified), so
    a_{i,t} >= ℓ_i gives a_{i,t+1} >= φ^K_i(a_{i,t}) >= φ^K_i(ℓ_i) >= ℓ_i; the upper ends follow from
    Σ_i a_{i,t} = 1.  Each step of the exact run is checked against these ends (a step outside them
    would be a certified counterexample).  Planted variants: ``from_start`` (ℓ_i = L_{K,i}: the
    interval's lower end holds from t = 0) and ``reverse`` (a_{i,t} <= L_{K,i} for all t >= some
    t_0; the invariance is strict, so one step with a_{i,t} > L_{K,i} keeps it above for ever).
    """
    name = "eta <= a_(i,t) <= 1 - eta for every t at finite K" + (" (lower end L_K from t = 0)" if from_start else "")
    if reverse:
        name = "a_(i,t) <= L_(K,i) for every t >= some t_0"
    got = _run(landscape, name, steps)
    if isinstance(got, CheckResult):
        return got
    run, c = got
    if c.outside or c.overlap:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "premise not met: atoms lie outside the basins "
                                                                  "or in two basins")
    caps = other_basin_closeness(closeness_rows(landscape), c.basins)
    ends = [finite_k_lower(qi, landscape.K, landscape.exp_eps, ci) for qi, ci in zip(c.q, caps)]
    ev: dict[str, Any] = {"K": landscape.K, "L_K": [_show(v) for v in ends], "steps_examined": len(run) - 1}
    if min(ends) <= 0:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "premise not met: some L_(K,i) <= 0")
    masses = [[sum((p[x] for x in S), Fraction(0)) for S in c.basins] for p in run]
    if reverse:
        return _reversed_non_collapse(name, ev, masses, ends)
    lows = ends if from_start else [min(a, L) for a, L in zip(masses[0], ends)]
    highs = [1 - (sum(lows) - lo) for lo in lows]
    ev.update({"lower": [_show(v) for v in lows], "upper": [_show(v) for v in highs]})
    for t, row in enumerate(masses):
        for i, a in enumerate(row):
            if not lows[i] <= a <= highs[i]:
                ev.update({"t": t, "basin": i + 1, "a_t": _show(a)})
                return CheckResult(name, Verdict.FAILS, "exact", ev,
                                   f"at t = {t}, basin {i + 1}: a_t = {_show(a)} outside [{_show(lows[i])}, "
                                   f"{_show(highs[i])}]")
    eta = min(min(lows), min(1 - u for u in highs))
    ev.update({"eta": _show(eta), "margin": f"{float(eta):.8g}"})
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def _reversed_non_collapse(name: str, ev: dict, masses: list, ends: list) -> CheckResult:
    """The planted reading a_{i,t} <= L_{K,i} for all t >= some t_0: FAILS at a step with a_{i,t} > L_{K,i}."""
    for t, row in enumerate(masses):
        for i, (a, L) in enumerate(zip(row, ends)):
            if a > L:
                ev.update({"t": t, "basin": i + 1})
                return CheckResult(name, Verdict.FAILS, "exact", ev,
                                   f"basin {i + 1}: a_{t} = {_show(a)} > L_K = {_show(L)}, and phi^K strictly "
                                   f"increasing keeps a_t > L_K for every later t")
    return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "no step of the run has a_(i,t) > L_(K,i)")


def _two_atom_fate(landscape: Any, name: str):
    """(evidence, a_0, (lower, upper), fate) on a two-atom setup, fate "still" (W^K(A) = 1: a_t = a_0 for
    ever), 1 or 0 (a_t monotone to that limit, certified) or None (not settled); or an UNDECIDED result."""
    got = _run(landscape, name, 1)
    if isinstance(got, CheckResult):
        return got
    _, c = got
    if landscape.m != 2 or landscape.n != 2 or c.overlap or c.outside:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "decided on two-atom setups, one atom per basin")
    rows = closeness_rows(landscape)
    A, B = c.basins[0][0], c.basins[1][0]
    R = divide_by_one_minus_a(two_atom_weight_poly(c.q[0], landscape.K, (rows[0][A], rows[1][A]),
                                                   (rows[0][B], rows[1][B])))
    lower, upper = leakage_interval(Real(c.q[0]), *measure_basin_constants(landscape).kappa)
    ends = (lower.exact, upper.exact)  # exp form: the κ_i are rational
    ev: dict[str, Any] = {"K": landscape.K, "a_0": str(landscape.p0[A]), "R(a)": [str(v) for v in R],
                          "lower": str(ends[0]), "upper": str(ends[1])}
    if all(v == 0 for v in R):
        ev["a_t"] = "a_0 for every t"
        return ev, landscape.p0[A], ends, "still"
    sign = sign_on_unit_interval(R)
    if sign is not None:
        ev["limit_a"] = 1 if sign > 0 else 0
    return ev, landscape.p0[A], ends, (None if sign is None else ev["limit_a"])


_NOT_MONOTONE = "R changes sign (or its Bernstein coefficients do not settle it) on [0, 1]: the map is not monotone here"


def _monotone_why(limit: int) -> str:
    return (f"W^K(A) - 1 = (1 - a) R(a) with R {'>' if limit else '<'} 0 on [0, 1]: a_t is monotone and tends to "
            f"{limit}")


def check_paper_non_collapse_at_finite_k(landscape: Any, *, claimed: str = "non-collapse") -> CheckResult:
    r"""Decide [FALA26] Lemma 3.5 as stated (large-K constants κ_i, range q ∈ (κ_1, 1 - κ_2)) for the
    finite-K map, on a two-atom setup (one atom per basin).

    W^K(A) - 1 = (1 - a) R(a) exactly (:func:`~pluralnash.numeric.engines.finite_k_basins.two_atom_weight_poly`).
    When the Bernstein coefficients of R on [0, 1] all have one sign, a_t is monotone and tends to 1 (or
    0): a basin is lost, and FAILS is certified.  R ≡ 0 keeps a_t = a_0 for ever, decided against the
    interval exactly.  Otherwise UNDECIDED.  ``claimed="nash-point"`` is the planted reading a_t → q.
    """
    name = ("a_t -> q at finite K" if claimed == "nash-point"
            else "Lemma 3.5 as stated (large-K constants) for the finite-K map")
    got = _two_atom_fate(landscape, name)
    if isinstance(got, CheckResult):
        return got
    ev, a0, (lo, hi), fate = got
    if fate == "still":
        if claimed == "nash-point":
            lo = hi = landscape.weights[0]
        if lo <= a0 <= hi and 0 < a0 < 1:
            return CheckResult(name, Verdict.HOLDS, "exact", ev)
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"a_t = a_0 = {a0} for every t, outside [{lo}, {hi}]")
    if fate is None:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, _NOT_MONOTONE)
    return CheckResult(name, Verdict.FAILS, "exact", ev,
                       f"{_monotone_why(fate)}, so basin {2 if fate else 1} is lost (no eta > 0 bounds a_t away "
                       f"from 0 and 1)")


def check_paper_interval_at_finite_k(landscape: Any) -> CheckResult:
    r"""Decide [FALA26] Lemma 3.4 as stated (its interval with the large-K κ_i) for the finite-K map on a
    two-atom setup: lower <= liminf a_t <= limsup a_t <= upper, with a_t's limit settled as in
    :func:`check_paper_non_collapse_at_finite_k`."""
    name = "Lemma 3.4 as stated (large-K constants) for the finite-K map"
    got = _two_atom_fate(landscape, name)
    if isinstance(got, CheckResult):
        return got
    ev, a0, (lo, hi), fate = got
    if fate is None:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, _NOT_MONOTONE)
    limit = a0 if fate == "still" else Fraction(fate)
    if lo <= limit <= hi:
        return CheckResult(name, Verdict.HOLDS, "exact", ev)
    how = f"a_t = a_0 = {a0} for every t" if fate == "still" else _monotone_why(fate)
    return CheckResult(name, Verdict.FAILS, "exact", ev, f"{how}, outside [{lo}, {hi}]")
