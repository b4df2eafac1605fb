r"""Conclusion checks of [FALA26] Lemmas 3.3 and 3.4 read at finite K, decided exactly along the
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

from pluralnash.numeric.arith.real import Real
from pluralnash.numeric.engines.finite_k_basins import (
    basin_step_bound,
    closeness_rows,
    finite_k_run,
    large_k_weights,
    weight_bounds,
)
from pluralnash.numeric.premises.basins_general import check_finite_k_exact, measure_general_constants
from pluralnash.theory import CheckResult, Verdict

__all__ = ["decay_factor_bound", "check_finite_k_decay", "check_finite_k_basin_step"]

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
    caps = [max(rows[i][x] for j, S in enumerate(c.basins) if j != i for x in S) for i in range(len(rows))]
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
