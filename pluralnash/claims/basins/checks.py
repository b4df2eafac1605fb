r"""Conclusion checks for the basin-mass statements of [FALA26]: Lemma 3.3 (main text and the
appendix form under B.4), Lemma 3.4 (leakage interval) and Lemma 3.5 (uniform non-collapse).

Each ``check_<claim>`` decides the conclusion on one setup and returns a
:class:`~pluralnash.theory.CheckResult`, certified only when exact rational or interval arithmetic
decided it.  Each takes the statement's formula as a keyword (default: as published), so a
planted false variant runs through the same machinery.  Premises are checked separately
(:mod:`pluralnash.numeric.premises`); a check whose own inputs are missing (no limit, a
premise it needs to state its bound) returns UNDECIDED with the reason, never a verdict.

Symbols: q = weights[0]; a_t = p_t(S_{1,ε}), b_t = p_t(S_{2,ε}), m_t = p_t(X \ S_ε); κ_i the
sharpest leakage factors e^{-(Δ_i - 2ε)}; a*, b*, m* the masses of the certified large-K limit
p* = lim p_t (:func:`~pluralnash.numeric.premises.run_premises.limit_basin_masses`), so that
liminf a_t = limsup a_t = a* and lim m_t = m*.

Statements about every t are decided over the steps of a certified run plus its certified tail
(:func:`~pluralnash.numeric.premises.run_premises.scan_outside`); limits are decided from p*.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

import mpmath

from pluralnash.numeric.engines import as_interval, basin_mass_run, raw_sign
from pluralnash.numeric.arith import Real, compare, upper_end
from pluralnash.numeric.premises.basin_premises import (
    check_assumption_2_1_ii,
    check_kappa_below_one,
    check_q_in_leakage_range,
)
from pluralnash.numeric.premises.constants import setup_problem, weaker_method, measure_basin_constants
from pluralnash.numeric.premises.run_premises import mass_text, limit_basin_masses, scan_outside
from pluralnash.numeric.arith.intervals import iv, iv_workprec
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import CheckResult, Verdict
from pluralnash.theory._words import plural

__all__ = [
    "leakage_interval",
    "check_lemma_3_3",
    "check_lemma_3_4",
    "check_lemma_3_5",
]

Interval = Callable[[Real, Real, Real], tuple[Real, Real]]


def leakage_interval(q: Real, kappa_1: Real, kappa_2: Real) -> tuple[Real, Real]:
    r"""[FALA26] Lemma 3.4's interval: [max{0, (q - κ_1)/(1 - κ_1)}, min{1, q/(1 - κ_2)}].

    Examples
    --------
    >>> lo, hi = leakage_interval(Real(Fraction(1, 2)), Real(Fraction(1, 5)), Real(Fraction(1, 5)))
    >>> lo.exact, hi.exact
    (Fraction(3, 8), Fraction(5, 8))
    """
    lower = Real.max(0, (q - kappa_1) / (1 - kappa_1))
    upper = Real.min(1, q / (1 - kappa_2))
    return lower, upper


def _check_horizon(horizon: Any) -> int:
    return check_int(horizon, "horizon", low=1, example="horizon=200")


def _margin(*values: Real) -> str:
    return mpmath.nstr(min(v.to_float() for v in values), 8)


def _bound_at(interval: Interval, landscape: Landscape, c) -> tuple[Real, Real] | str:
    """The claimed interval on this setup, or why it is undefined (a pole of the formula)."""
    try:
        lower, upper = interval(Real(c.q), c.kappa[0], c.kappa[1])
    except ZeroDivisionError:
        return "the interval's formula divides by zero here (kappa_i = 1 is a pole)"
    for v in (lower, upper):
        lo, hi = (None, None)
        try:
            lo, hi = v.bounds()
        except (ZeroDivisionError, ValueError):
            pass
        if lo is None or not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
            return "the interval's formula is undefined here (kappa_i = 1 is a pole)"
    return lower, upper


# ----------------------------------------------------------------------------------------------
# Lemma 3.3: decay outside the basins


def check_lemma_3_3(landscape: Landscape, *, rate: Callable[[Landscape], Real | None] | None = None,
                    reverse: bool = False, outside_limit: Fraction = Fraction(0),
                    horizon: int = 200, prec: int = 128) -> CheckResult:
    r"""Decide [FALA26] Lemma 3.3's conclusion on one setup (the same for the main-text and B.4 forms).

    Clauses, decided in this order and reported by the first that fails:

    1. *decay*: there is ρ_ε < 1 with m_{t+1} <= ρ_ε m_t for every t >= 0.  FAILS at a certified
       step with m_{t+1} >= m_t > 0 (no ρ < 1 works there); HOLDS when every examined ratio and the
       certified tail bound on W_t off S_ε are < 1 (their max is the reported ρ_ε).
    2. *vanishing*: m_t → ``outside_limit`` (0 as published): lim m_t = p*(X \ S_ε).
    3. *basins fill up*: a_t + b_t → 1: lim (a_t + b_t) = p*(S_1) + p*(S_2) (read literally: an atom
       in S_{1,ε} ∩ S_{2,ε} counts twice).

    Parameters
    ----------
    rate : callable, optional
        Planted variants: ``rate(landscape)`` gives a specific ρ (a :class:`Real`, or None when
        it cannot be formed) and clause 1 becomes m_{t+1} <= ρ m_t for every t.
    reverse : bool
        Planted variant: clause 1 becomes m_{t+1} >= m_t for every t.
    outside_limit : Fraction
        The claimed lim m_t.
    horizon, prec : int
        Steps and interval bits of the certified run.
    """
    name = "m_{t+1} <= rho m_t (rho < 1), m_t -> 0, a_t + b_t -> 1"
    if reverse:
        name = "m_{t+1} >= m_t for all t"
    elif rate is not None:
        name = f"m_(t+1) <= {getattr(rate, '__name__', 'rho')} m_t for all t; m_t -> 0; a_t + b_t -> 1"
    _check_horizon(horizon)
    problem = setup_problem(landscape)
    if problem:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, problem)
    outside_limit = Fraction(outside_limit)
    scan = scan_outside(landscape, horizon=horizon, prec=prec)
    lm = limit_basin_masses(landscape)
    ev = _lemma_3_3_evidence(landscape, scan, lm)
    method = scan.method
    rho_claim = None
    if rate is not None and not reverse:
        rho_claim = rate(landscape)
        if rho_claim is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev, "the planted rate cannot be formed on this setup")
        ev["rho_claimed"] = rho_claim.text()
    decay = _decay_clause(scan, ev, name, rate, rho_claim, reverse)
    if isinstance(decay, CheckResult):
        return decay
    if reverse and decay is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev,
                           f"no decrease of m_t in {plural(scan.steps, 'step')}; the variant speaks about every t")
    return _limit_clauses(name, method, ev, lm, outside_limit, rho_claim, decay, scan.steps)


def _lemma_3_3_evidence(landscape: Landscape, scan, lm) -> dict[str, Any]:
    """The run's outside atoms and m_0, whether 2.1(ii) also holds, and the limit's masses."""
    ev: dict[str, Any] = {"outside": list(scan.outside), "m_0": mass_text(scan.m[0]) if scan.live else "0",
                          "steps_examined": scan.steps}
    ev["Assumption 2.1(ii) also"] = check_assumption_2_1_ii(landscape).verdict.value
    if lm.reason is None:
        ev["limit_outside_mass"] = lm.outside.text()
        ev["limit_a_plus_b"] = (1 - lm.outside + lm.overlap).text()
    else:
        ev["limit"] = lm.reason
    return ev


def _decay_clause(scan, ev: dict, name: str, rate, rho_claim: Real | None, reverse: bool):
    """Clause 1: a FAILS result at a certified step, ``"holds"`` (every t), or None (not for every t)."""
    if not scan.live:
        return "holds"  # m_t = 0 for all t when no outside atom has p0 mass
    with iv_workprec(scan.prec):
        ratios_hi = _examined_steps(scan, ev, name, rate, rho_claim, reverse)
        if isinstance(ratios_hi, CheckResult):
            return ratios_hi
        return _decay_tail(scan, ev, ratios_hi, rho_claim, reverse)


def _examined_steps(scan, ev: dict, name: str, rate, rho_claim: Real | None, reverse: bool):
    """Clause 1 over the run's steps: a FAILS result, or the upper ends of the ratios m_{t+1}/m_t."""
    ratios_hi = []
    for t in range(len(scan.m) - 1):
        m_t, m_next = scan.m[t], scan.m[t + 1]
        meth = "exact" if isinstance(m_t, Fraction) and isinstance(m_next, Fraction) else "interval"
        if reverse:
            if raw_sign(m_next, m_t) == -1:
                ev.update({"t": t, "m_t": mass_text(m_t), "m_t+1": mass_text(m_next)})
                return CheckResult(name, Verdict.FAILS, meth, ev,
                                   f"m_{t + 1} = {mass_text(m_next)} < m_{t} = {mass_text(m_t)}")
            continue
        positive = raw_sign(m_t, Fraction(0)) == 1
        if rho_claim is None:
            s = raw_sign(m_next, m_t)
            failed = s is not None and s >= 0
        else:
            s, _ = compare(Real.of(m_next), rho_claim * Real.of(m_t))
            failed = s == 1
        if failed and positive:
            ev.update({"t": t, "m_t": mass_text(m_t), "m_t+1": mass_text(m_next)})
            if rho_claim is None:
                why = (f"m_{t + 1} = {mass_text(m_next)} >= m_{t} = {mass_text(m_t)} > 0, "
                       f"so no rho < 1 has m_(t+1) <= rho m_t")
            else:
                label = getattr(rate, "__name__", "rho")
                why = (f"m_{t + 1} = {mass_text(m_next)} > {label} * m_{t} with {label} = "
                       f"{rho_claim.text()}, m_{t} = {mass_text(m_t)}")
            return CheckResult(name, Verdict.FAILS, meth, ev, f"decay fails at t = {t}: {why}")
        if positive:
            ratios_hi.append(upper_end(as_interval(m_next) / as_interval(m_t)))
    return ratios_hi


def _decay_tail(scan, ev: dict, ratios_hi: list, rho_claim: Real | None, reverse: bool) -> str | None:
    """Clause 1 for every later t: ``"holds"`` when the certified tail bound on W_t off S_ε is < 1."""
    if ratios_hi:
        ev["sup_ratio_examined"] = mpmath.nstr(max(ratios_hi), 10)
        ev["margin"] = mpmath.nstr(1 - max(ratios_hi), 8)
    if reverse or scan.tail_from is None or not all(scan.tail[x][1] < 1 for x in scan.live):
        return None
    tail_hi = max(scan.tail[x][1] for x in scan.live)
    rho = max(ratios_hi + [tail_hi])
    ev["tail_from"] = scan.tail_from
    ev["tail_bound"] = mpmath.nstr(tail_hi, 10)
    if rho_claim is None:
        ev["rho"] = mpmath.nstr(rho, 10)
        return "holds"
    s, _ = compare(Real.of(iv.mpf(rho)), rho_claim)
    return "holds" if s is not None and s <= 0 else None


def _limit_clauses(name: str, method: str, ev: dict, lm, outside_limit: Fraction, rho_claim: Real | None,
                   decay: str | None, steps: int) -> CheckResult:
    """Clauses 2 and 3 from the certified limit, then the verdict with clause 1's."""
    if lm.reason is not None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, lm.reason)
    method = weaker_method(method, lm.method)
    s2, _ = compare(lm.outside, outside_limit)
    if s2 is not None and s2 != 0:
        extra = "; so no rho < 1 can give m_{t+1} <= rho m_t for all t either" if \
            rho_claim is None and outside_limit == 0 and s2 > 0 else ""
        return CheckResult(name, Verdict.FAILS, weaker_method(method, lm.method), ev,
                           f"m_t -> {lm.outside.text()}, not {outside_limit}: the limit's mass outside S_eps "
                           f"is {lm.outside.text()}{extra}")
    # inclusion-exclusion: a + b = p(S_eps) + p(S_1 ∩ S_2) = 1 - m + overlap, exact when the
    # certified support settles both masses
    a_plus_b = 1 - lm.outside + lm.overlap
    s3, _ = compare(a_plus_b, 1)
    if s3 is not None and s3 != 0:
        return CheckResult(name, Verdict.FAILS, lm.method, ev,
                           f"a_t + b_t -> {a_plus_b.text()}, not 1: the limit puts mass "
                           f"{lm.overlap.text()} on S_1 and S_2 at once (overlapping basins) and "
                           f"{lm.outside.text()} outside")
    if decay != "holds":
        return CheckResult(name, Verdict.UNDECIDED, method, ev,
                           f"the decay holds for t <= {steps} but no tail bound < 1 was certified for later t")
    if s2 is None or s3 is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "a limit mass is not separated from its claimed value")
    return CheckResult(name, Verdict.HOLDS, method, ev)


# ----------------------------------------------------------------------------------------------
# Lemma 3.4: leakage interval


def _limit_inputs(landscape: Landscape, name: str):
    """(constants, limit masses) or an UNDECIDED result saying which input is missing."""
    problem = setup_problem(landscape)
    if problem:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, problem)
    c = measure_basin_constants(landscape)
    lm = limit_basin_masses(landscape)
    if lm.reason is not None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", c.evidence(), lm.reason)
    s, _ = compare(lm.outside, 0)
    if s != 0:
        ev = c.evidence()
        ev["limit_outside_mass"] = lm.outside.text()
        return CheckResult(name, Verdict.UNDECIDED, lm.method, ev,
                           "premise not met: m_t does not tend to 0 (the limit keeps mass outside S_eps)")
    return c, lm


def _interval_inputs(landscape: Landscape, name: str, interval: Interval, premise):
    """The certified limit, the evidence so far and the interval's ends, or an UNDECIDED result.

    ``premise`` (a predicate, or None) must HOLD before the interval is compared.
    """
    got = _limit_inputs(landscape, name)
    if isinstance(got, CheckResult):
        return got
    c, lm = got
    ev = c.evidence()
    if premise is not None:
        k = premise(landscape)
        if k.verdict is not Verdict.HOLDS:
            return CheckResult(name, Verdict.UNDECIDED, k.method, ev, f"premise not met: {k.reason}")
    bound = _bound_at(interval, landscape, c)
    if isinstance(bound, str):
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, bound)
    lower, upper = bound
    ev.update({"a_limit": lm.a.text(), "lower": lower.text(), "upper": upper.text()})
    return lm, ev, lower, upper


def check_lemma_3_4(landscape: Landscape, *, interval: Interval = leakage_interval,
                    kappa_below_one: bool = True) -> CheckResult:
    r"""Decide [FALA26] Lemma 3.4 on one setup: ``lower <= liminf a_t <= limsup a_t <= upper``.

    a_t → a* (the certified limit), so both ends are decided by comparing a* with the interval
    ``interval(q, κ_1, κ_2)`` (default: [max{0, (q-κ_1)/(1-κ_1)}, min{1, q/(1-κ_2)}]) at the
    sharpest κ_i.  ``kappa_below_one=False`` drops the κ_i < 1 reading (planted variant).
    """
    name = "liminf/limsup a_t within the leakage interval"
    got = _interval_inputs(landscape, name, interval, check_kappa_below_one if kappa_below_one else None)
    if isinstance(got, CheckResult):
        return got
    lm, ev, lower, upper = got
    s_lo, m1 = compare(lm.a, lower)
    s_hi, m2 = compare(lm.a, upper)
    method = weaker_method(m1, m2, lm.method)
    if s_lo == -1:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"liminf a_t = {lm.a.text()} < lower end {lower.text()}")
    if s_hi == 1:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"limsup a_t = {lm.a.text()} > upper end {upper.text()}")
    if s_lo is None or s_hi is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "a* is too close to an end of the interval to decide")
    ev["margin"] = _margin(lm.a - lower, upper - lm.a)
    return CheckResult(name, Verdict.HOLDS, method, ev)


# ----------------------------------------------------------------------------------------------
# Lemma 3.5: uniform non-collapse


def check_lemma_3_5(landscape: Landscape, *, interval: Interval = leakage_interval, q_range: bool = True,
                    from_start: bool = False, horizon: int = 40, prec: int = 128) -> CheckResult:
    r"""Decide [FALA26] Lemma 3.5 on one setup.

    The statement: there are c_ε > 0 and t_0 with lower - c_ε m_t <= a_t <= upper + c_ε m_t for
    t >= t_0, and η > 0 with η <= a_t <= 1 - η for t >= t_0.  Since a_t → a* and m_t → 0, both
    exist exactly when a* lies strictly inside (lower, upper) and (0, 1) -- any c_ε > 0 then works,
    η = min(a*, 1 - a*)/2 -- and they fail when a* is certified outside [lower, upper] or equal to
    0 or 1 (then for every c_ε and t_0 the inequality breaks for large t).  a* on an end exactly
    is left UNDECIDED (it depends on rates).

    ``q_range=False`` drops the premise q ∈ (κ_1, 1 - κ_2) (planted variant); ``from_start=True``
    plants c_ε = 0 and t_0 = 0, decided on the first ``horizon`` steps of the run.
    """
    name = "eventually lower - c m_t <= a_t <= upper + c m_t and eta <= a_t <= 1 - eta"
    if from_start:
        name = "lower <= a_t <= upper for every t >= 0 (c = 0, t_0 = 0)"
    _check_horizon(horizon)
    got = _interval_inputs(landscape, name, interval, check_q_in_leakage_range if q_range else None)
    if isinstance(got, CheckResult):
        return got
    lm, ev, lower, upper = got
    if from_start:
        a_run = basin_mass_run(landscape, measure_basin_constants(landscape).basins[0], horizon, prec)
        for t, a_t in enumerate(a_run):
            meth = "exact" if isinstance(a_t, Fraction) else "interval"
            s_lo, m1 = compare(Real.of(a_t), lower)
            s_hi, m2 = compare(Real.of(a_t), upper)
            if s_lo == -1 or s_hi == 1:
                side = f"< lower {lower.text()}" if s_lo == -1 else f"> upper {upper.text()}"
                ev.update({"t": t, "a_t": mass_text(a_t)})
                return CheckResult(name, Verdict.FAILS, weaker_method(meth, m1, m2), ev,
                                   f"a_{t} = {mass_text(a_t)} {side}")
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                           f"no violation in {plural(horizon, 'step')}; the variant speaks about every t")
    s_lo, m1 = compare(lm.a, lower)
    s_hi, m2 = compare(lm.a, upper)
    s0, m3 = compare(lm.a, 0)
    s1, m4 = compare(lm.a, 1)
    method = weaker_method(m1, m2, m3, m4, lm.method)
    if s_lo == -1:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"a_t -> {lm.a.text()} < lower {lower.text()}: for every c and t_0, "
                           f"a_t < lower - c m_t for large t since m_t -> 0")
    if s_hi == 1:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"a_t -> {lm.a.text()} > upper {upper.text()}: for every c and t_0, "
                           f"a_t > upper + c m_t for large t since m_t -> 0")
    if s0 == 0 or s1 == 0:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"a_t -> {lm.a.text()}: the mass collapses onto one basin, so no eta > 0 "
                           f"has eta <= a_t <= 1 - eta for all large t")
    if None in (s_lo, s_hi, s0, s1) or s_lo == 0 or s_hi == 0:
        return CheckResult(name, Verdict.UNDECIDED, method, ev,
                           "a* is on (or too close to) an end of the interval to decide")
    eta = Real.min(lm.a, 1 - lm.a) / 2
    ev.update({"eta": eta.text(), "c_eps": "any c > 0", "t_0": "exists since a_t -> a*",
               "margin": _margin(lm.a - lower, upper - lm.a, lm.a, 1 - lm.a)})
    return CheckResult(name, Verdict.HOLDS, method, ev)
