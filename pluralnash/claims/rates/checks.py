r"""Conclusion checks of the rates and stability of the large-K limit, each deciding the statement (a
parameter, so that a planted form runs through the same machinery) against facts of the dynamics.

Definitions and conventions
---------------------------
As in :mod:`pluralnash.numeric.engines.jacobian`: two rational rewards, weights (q, 1 - q), the groups of
supp(p_0), the exact limit p* with support S, W* = W_{p*}, J the Jacobian of the large-K map at p*,
μ its support eigenvalue, ρ_out = max_{y ∉ S} W*(y), ρ = max(μ, ρ_out), e_t = ‖p_t - p*‖_1,
m_t = p_t(supp p_0 \ S), L = ‖dp*/dq‖_1.

- *rate-linear*: the claimed rate is the spectral radius of J (a root of det(λI - J), none larger), and
  it is < 1, all exact; local linear convergence at every rate above ρ then follows by Ostrowski's
  theorem (cited).  A certified run of T rounds is shown as evidence: e_T and the observed rate.
- *rate-outside-mass*: |m_{T+1}/m_T - ρ_claimed| <= 2 δ_T + 10^-30 at the run's last round, where
  δ_T = (share of m_T on atoms with W* < ρ_out)(ρ_out - min W*) + max_y |W_T(y) - W*(y)| bounds
  |m_{T+1}/m_T - ρ_out| (``theory._rates``, outside-rate); 10^-30 absorbs nothing but the intervals'
  width when δ_T is 0.
- *plateau-sensitivity*: the exact limits at q and q ± δ: a_∞(q ± δ) - a_∞(q) = ± L_q δ when both are
  inside (0, 1), |a_∞(q ± δ) - a_∞(q)| <= L_q δ always; and with a gap moved, k_i -> 7k_i/8,
  |Δa_∞| <= L_{k_i} k_i/8 with L_{k_2} = q/(1 - k_2)², L_{k_1} = (1 - q)/(1 - k_1)² (|∂a*/∂k_i| is increasing in
  k_i, so its value at the larger end bounds it on the segment; clamping is 1-Lipschitz).
- *limit-lipschitz*: the exact limits at q and q ± δ, δ = min(q, 1 - q)/2^j; a *certified piece*
  (S(q) ⊆ S(q ± δ), at most two groups, W_q = 1 on S(q ± δ)) makes p* affine on [q, q ± δ]
  (``theory._rates``, limit-sensitivity), so ‖p*(q ± δ) - p*(q)‖_1 <= L δ there decides the bound on
  the whole segment.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable

from pluralnash.numeric.arith.format import enclosure_text, general_text
from pluralnash.numeric.engines.jacobian import (
    LimitJacobian,
    SeveralMaximisers,
    evaluate_rate_run,
    grouped_limit,
    predicted_charpoly,
    solve_limit_jacobian,
)
from pluralnash.numeric.engines import solved_limit
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = [
    "check_unique_limit",
    "check_nondegenerate_limit",
    "check_off_support_mass",
    "check_rate_linear",
    "check_rate_outside",
    "check_plateau_sensitivity",
    "check_limit_lipschitz",
    "check_one_tie",
    "check_tie_rate",
    "tie_constant",
]

FLOOR = Fraction(1, 10 ** 30)


def _limit_jacobian(name: str, landscape: Landscape, *, conclusion: bool = False) -> LimitJacobian | CheckResult:
    """The exact limit's Jacobian, or the result that stands in for it.

    For a premise (``conclusion=False``) a setup without one exact limit FAILS; for a conclusion, which
    speaks of one limit, several maximisers leave it UNDECIDED (the premises fail there) and any other
    bad setup raises.  A solver that gives up leaves either UNDECIDED.
    """
    try:
        return solve_limit_jacobian(landscape)
    except InvalidArgument as exc:
        if not conclusion:
            return CheckResult(name, Verdict.FAILS, "exact", {}, str(exc))
        if isinstance(exc, SeveralMaximisers):
            return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"{exc} (the premises fail on this setup)")
        raise
    except SolverError as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"a solver gave up: {exc}")


def _premise(name: str, landscape: Landscape, failure: Callable[[LimitJacobian], str | None]) -> CheckResult:
    """A premise on the exact limit: FAILS with ``failure(jac)`` when it names what is missing, else HOLDS."""
    jac = _limit_jacobian(name, landscape)
    if isinstance(jac, CheckResult):
        return jac
    why = failure(jac)
    return CheckResult(name, Verdict.FAILS if why else Verdict.HOLDS, "exact", jac.evidence(), why)


def check_unique_limit(landscape: Landscape) -> CheckResult:
    """Premise: two rational rewards at large K, and a unique exact limit p*."""
    return _premise("two rational rewards, unique exact large-K limit", landscape, lambda jac: None)


def _degenerate(jac: LimitJacobian) -> str | None:
    ties = [list(jac.groups[g]) for g in jac.off if jac.W_star[g] >= 1]
    if ties:
        return f"W*(y) = 1 exactly at the atoms {ties} off the support: a degenerate tie"
    return "A_S is singular on the support" if jac.velocity is None else None


def check_nondegenerate_limit(landscape: Landscape) -> CheckResult:
    """Premise: a unique exact limit with strict complementarity, W*(y) < 1 for every group of supp p_0 off S."""
    return _premise("non-degenerate limit: unique, exact, W*(y) < 1 off its support (strict complementarity)",
                    landscape, _degenerate)


def check_off_support_mass(landscape: Landscape) -> CheckResult:
    """Premise: p_0 charges an atom off the limit's support (so m_t > 0 for every t)."""
    return _premise("p_0 charges an atom off the limit's support", landscape,
                    lambda jac: None if jac.off else "the limit's support is all of supp p_0")


def _spectrum_result(name: str, jac: LimitJacobian) -> CheckResult | None:
    """FAILS when the exact characteristic polynomial of J differs from the derivation's (None when it agrees)."""
    if list(jac.charpoly) != predicted_charpoly(jac):
        return CheckResult(name, Verdict.FAILS, "exact", {"charpoly": [str(c) for c in jac.charpoly]},
                           "det(lambda I - J) differs from lambda (lambda - mu) prod (lambda - W*(y))")
    return None


def _show(lo: Fraction, hi: Fraction) -> str:
    return enclosure_text(lo, hi, max_digits=12)


def _observed_rate(run) -> str | None:
    """Enclosure of (e_T/e_{T/2})^(2/T), the run's observed rate over its second half (evidence, never a verdict)."""
    (a_lo, a_hi), (b_lo, b_hi) = run.errors[run.steps // 2], run.errors[run.steps]
    if a_lo <= 0 or b_lo <= 0:
        return None
    k = run.steps - run.steps // 2
    return _show(Fraction(b_lo, a_hi), Fraction(b_hi, a_lo)) + f" ^ (1/{k})"


def _charpoly_at(jac: LimitJacobian, x: Fraction) -> Fraction:
    n = len(jac.charpoly) - 1
    return sum((c * x ** (n - k) for k, c in enumerate(jac.charpoly)), Fraction(0))


def check_rate_linear(landscape: Landscape, *, rate: Callable[[LimitJacobian], Fraction]) -> CheckResult:
    r"""Decide that ``rate(jac)`` is the spectral radius of J at the limit and is < 1, exactly.

    The spectrum of J is read off its exact characteristic polynomial once that is certified equal to
    λ (λ - μ) Π (λ - W*(y)); the claimed rate must be a root, no root may exceed it, and it must be < 1.
    A certified run of the dynamics is shown beside it (e_T and the observed rate over the second half).
    """
    jac = _limit_jacobian(rate.__name__, landscape, conclusion=True)
    if isinstance(jac, CheckResult):
        return jac
    rho = rate(jac)
    name = f"{rate.__name__}: rho(J*) = {rho} < 1"
    wrong = _spectrum_result(name, jac)
    if wrong is not None:
        return wrong
    ev: dict[str, Any] = {**jac.evidence(), "claimed_rate": str(rho), "charpoly": [str(c) for c in jac.charpoly],
                          "margin": float(1 - rho)}
    if rho != jac.rho:
        ev["margin"] = -float(abs(rho - jac.rho))
        why = ("not an eigenvalue of J*: det(rho I - J*) = " + str(_charpoly_at(jac, rho)) if _charpoly_at(jac, rho)
               else f"an eigenvalue, but J* has the larger eigenvalue {jac.rho}")
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"the claimed rate {rho} is {why}")
    if rho >= 1:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"the spectral radius {rho} is not below 1")
    run = evaluate_rate_run(landscape)
    unit = Fraction(1, 1 << run.bits)
    e_T = run.errors[run.steps]
    ev.update({"rounds": run.steps, "e_T": _show(e_T[0] * unit, e_T[1] * unit),
               "observed_rate": _observed_rate(run)})
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def _outside_deviation(jac: LimitJacobian, run) -> tuple[tuple, Fraction]:
    """Enclosure of m_{T+1}/m_T and an upper bound on δ_T (module docstring), exactly from the run's enclosures."""
    m_lo, m_hi = (sum(v[k] for v in run.off_masses[0]) for k in (0, 1))
    n_lo, n_hi = (sum(v[k] for v in run.off_masses[1]) for k in (0, 1))
    stars = [jac.W_star[g] for g in jac.off]
    below = sum(v[1] for v, s in zip(run.off_masses[0], stars) if s < jac.rho_out) / m_lo
    gap = max(max(hi - s, s - lo) for (lo, hi), s in zip(run.W_last, stars))
    return (n_lo / m_hi, n_hi / m_lo), min(below, Fraction(1)) * (jac.rho_out - min(stars)) + gap


def _decide_on_run(name: str, ev: dict, run, claimed: Fraction, observed: tuple, delta: Fraction, *,
                   text: tuple[str, str, str], undecided: str, extra: dict | None = None) -> CheckResult:
    """Decide |o_T - claimed| <= 2 δ_T + 10^-30 from the enclosure ``observed`` of o_T at the run's last round.

    ``text`` names the enclosure in the evidence, the observed quantity and the claim in a FAILS message;
    ``extra`` evidence goes before the margin; ``undecided`` is the reason when the enclosure straddles the bound.
    """
    lo, hi = observed
    key, quantity, claim = text
    allowed = 2 * delta + FLOOR
    dev_hi, dev_lo = max(hi - claimed, claimed - lo), max(lo - claimed, claimed - hi, Fraction(0))
    ev.update({"rounds": run.steps, key: _show(lo, hi), "delta_T": general_text(delta), **(extra or {}),
               "margin": float(allowed - dev_hi)})
    if dev_hi <= allowed:
        return CheckResult(name, Verdict.HOLDS, "exact", ev)
    if dev_lo > allowed:
        return CheckResult(name, Verdict.FAILS, "exact", ev,
                           f"at round {run.steps} {quantity} is {_show(lo, hi)}, farther than 2 delta_T + 10^-30 "
                           f"= {general_text(allowed)} from the claimed {claim}")
    return CheckResult(name, Verdict.UNDECIDED, "exact", ev, undecided)


def check_rate_outside(landscape: Landscape, *, rate: Callable[[LimitJacobian], Fraction]) -> CheckResult:
    r"""Decide that m_{t+1}/m_t tends to ``rate(jac)``: |m_{T+1}/m_T - rate| <= 2 δ_T + 10^-30 on the certified run."""
    jac = _limit_jacobian(rate.__name__, landscape, conclusion=True)
    if isinstance(jac, CheckResult):
        return jac
    rho = rate(jac)
    name = f"{rate.__name__}: m_(t+1)/m_t -> {rho}"
    ev: dict[str, Any] = {**jac.evidence(), "claimed_rate": str(rho)}
    run = evaluate_rate_run(landscape)
    ratio, delta = _outside_deviation(jac, run)
    return _decide_on_run(name, ev, run, rho, ratio, delta, text=("ratio_T", "m_(t+1)/m_t", f"rate {rho}"),
                          extra={"slope_log_m": general_text(math.log(ratio[0])) if ratio[0] > 0 else None},
                          undecided="the enclosures do not decide the deviation")


def _limit_at(landscape: Landscape, q: Fraction):
    """The grouped exact limit of ``landscape`` with weights (q, 1 - q), or None when it is not unique and exact."""
    try:
        return grouped_limit(landscape.replace(weights=(q, 1 - q)))
    except (InvalidArgument, SolverError):
        return None


def _steps(q: Fraction) -> list[Fraction]:
    """Signed steps ±min(q, 1 - q)/2^j, j = 2, 5, 8: both directions, largest first."""
    base = min(q, 1 - q)
    return [sign * base / 2 ** j for sign in (1, -1) for j in (2, 5, 8)]


def _plateau_a_inf(landscape: Landscape, S1: tuple[int, ...]) -> Fraction | None:
    """a_∞ = p*(S_1) from the exact, unique limit (None when the solve is not exact and unique)."""
    res = solved_limit(landscape)
    if not (res.exact and res.unique and res.p is not None):
        return None
    return sum((Fraction(res.p[x]) for x in S1), Fraction(0))


def _with_gap(landscape: Landscape, c, i: int, factor: Fraction) -> Landscape:
    """The plateau landscape with k_i scaled by ``factor`` (reward 2 on S_1 for k_2, reward 1 on S_2 for k_1)."""
    rows = [list(r) for r in landscape.exp_rewards]
    row, atoms = (1, c.S1) if i == 2 else (0, c.S2)
    for x in atoms:
        rows[row][x] *= factor
    return landscape.replace(exp_rewards=rows)


def _plateau_moves(landscape: Landscape, c) -> list[tuple[str, Fraction, Fraction, bool]] | None:
    """(what moved, by how much, how far a_∞ moved, both ends interior) for q ± min(q, 1 - q)/4 and k_i -> 7k_i/8."""
    a0 = _plateau_a_inf(landscape, c.S1)
    moved = []
    for label, delta, setup in [("q", d, landscape.replace(weights=(c.q + d, 1 - c.q - d))) for d in _steps(c.q)[::3]] \
            + [(f"k_{i}", -k / 8, _with_gap(landscape, c, i, Fraction(7, 8))) for i, k in ((1, c.k1), (2, c.k2))]:
        a = _plateau_a_inf(setup, c.S1)
        if a is None or a0 is None:
            return None
        moved.append((label, delta, a - a0, 0 < a0 < 1 and 0 < a < 1))
    return moved


def check_plateau_sensitivity(landscape: Landscape, *,
                              lipschitz: Callable[[Fraction, Fraction, Fraction], tuple]) -> CheckResult:
    r"""Decide, on exact limits, a_∞(q ± δ) - a_∞(q) = ± L_q δ inside (0, 1) and |Δa_∞| <= L_q δ, and
    |a_∞(7k_i/8) - a_∞(k_i)| <= L_{k_i} k_i/8, with (L_q, L_{k_1}, L_{k_2}) = ``lipschitz(q, k1, k2)``."""
    from pluralnash.claims.beyond.checks import plateau_constants

    c = plateau_constants(landscape)
    bounds = dict(zip(("q", "k_1", "k_2"), lipschitz(c.q, c.k1, c.k2)))
    name = f"{lipschitz.__name__}: a_inf moves at most L_q |dq| + L_k1 |dk_1| + L_k2 |dk_2|, L = " \
           f"{', '.join(f'{v}' for v in bounds.values())}"
    moves = _plateau_moves(landscape, c)
    if moves is None:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "a limit is not exact and unique")
    ev: dict[str, Any] = {"L": {k: str(v) for k, v in bounds.items()},
                          "moves": [[label, str(d), str(m)] for label, d, m, _ in moves]}
    worst = None
    for label, d, m, interior in moves:
        L = bounds[label]
        exact_slope = interior and label == "q"
        slack = -float(abs(m - L * d)) if exact_slope else float(L * abs(d) - abs(m))
        worst = slack if worst is None else min(worst, slack)
        if (m != L * d) if exact_slope else (abs(m) > L * abs(d)):
            ev["margin"] = min(slack, -1e-300)
            return CheckResult(name, Verdict.FAILS, "exact", ev,
                               f"moving {label} by {d} moved a_inf by {m}, not {'' if exact_slope else 'within '}"
                               f"L delta = {L * d}")
    ev["margin"] = worst
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def _piece(jac: LimitJacobian, star: tuple) -> bool:
    r"""p* is affine on [q, q'] when S(q) ⊆ S(q'), |S(q')| <= 2 and W_q = 1 on S(q') (module docstring)."""
    S_new = {g for g, v in enumerate(star) if v > 0}
    return set(jac.support) <= S_new and len(S_new) <= 2 and all(jac.W_star[g] == 1 for g in S_new)


def check_limit_lipschitz(landscape: Landscape, *, lipschitz: Callable[[LimitJacobian], Fraction]) -> CheckResult:
    r"""Decide ‖p*(q ± δ) - p*(q)‖_1 <= L |δ|, L = ``lipschitz(jac)``, on certified affine pieces at both sides of q."""
    jac = _limit_jacobian(lipschitz.__name__, landscape, conclusion=True)
    if isinstance(jac, CheckResult):
        return jac
    L = lipschitz(jac)
    name = f"{lipschitz.__name__}: ||p*(q') - p*(q)||_1 <= L |q' - q| near q, L = {L}"
    ev: dict[str, Any] = {**jac.evidence(), "L": str(L)}
    q = jac.q[0]
    sides, worst = {}, None
    for d in _steps(q):
        side = d > 0
        if side in sides:
            continue
        out = _limit_at(landscape, q + d)
        if out is None or out[0] != jac.groups or not _piece(jac, out[3]):
            continue
        moved = sum((abs(a - b) for a, b in zip(out[3], jac.p_star)), Fraction(0))
        sides[side] = {"delta": str(d), "moved": str(moved)}
        slack = float(L * abs(d) - moved)
        worst = slack if worst is None else min(worst, slack)
        if moved > L * abs(d):
            ev.update({"pieces": sides, "margin": min(slack, -1e-300)})
            return CheckResult(name, Verdict.FAILS, "exact", ev,
                               f"||p*({q + d}) - p*({q})||_1 = {moved} > L |delta| = {L * abs(d)} on a certified "
                               f"affine piece of p*")
    ev["pieces"] = sides
    if len(sides) < 2:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "no certified affine piece on one side of q")
    ev["margin"] = worst
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def _tie(jac: LimitJacobian) -> str | None:
    """Why the setup is not a point-mass limit with exactly one tied group (None when it is one)."""
    ties = [g for g in jac.off if jac.W_star[g] == 1]
    if len(jac.support) != 1 or len(ties) != 1:
        return f"the limit charges {len(jac.support)} reward vectors and {len(ties)} groups off it have W* = 1; " \
               "the statement needs a point mass with exactly one tie"
    return None


def check_one_tie(landscape: Landscape) -> CheckResult:
    """Premise: the unique exact limit is a point mass δ_g with exactly one group y off it at W*(y) = 1."""
    return _premise("point-mass limit with one degenerate tie W*(y) = 1", landscape, _tie)


def tie_ratios(jac: LimitJacobian) -> list[list[Fraction]]:
    """r_i(x) = w_i(x)/w_i(g) for every group x, g the limit's one group."""
    g = jac.support[0]
    return [[jac.w[i][x] / jac.w[i][g] for x in range(len(jac.groups))] for i in range(2)]


def _tie_deviation(jac: LimitJacobian, run, V: Fraction) -> tuple[tuple, Fraction]:
    """Enclosure of o_T = 1/ε_{T+1} - 1/ε_T and an upper bound δ_T on |o_T - V| (``theory._rates``, tie-rate):
    o - V = (1/W) Σ_i q_i r_i (h_i - (r_i - 1) s_i)/(1 + s_i) + V (1/W - 1), with s_i = Σ_{x ≠ g} p(x)(r_i(x) - 1)
    and h_i the other off atoms' part of s_i divided by ε."""
    y = next(g for g in jac.off if jac.W_star[g] == 1)
    k = jac.off.index(y)
    r = tie_ratios(jac)
    (e_lo, e_hi), (n_lo, n_hi) = run.off_masses[0][k], run.off_masses[1][k]
    others = [(x, run.off_masses[0][j][1]) for j, x in enumerate(jac.off) if x != y]
    W_lo, W_hi = run.W_last[k]
    total = Fraction(0)
    for i in range(2):
        H = sum((m * abs(r[i][x] - 1) for x, m in others), Fraction(0))
        S = e_hi * abs(r[i][y] - 1) + H
        if S >= 1 or e_lo <= 0 or W_lo <= 0:
            return (Fraction(0), Fraction(0)), Fraction(10 ** 9)
        total += jac.q[i] * r[i][y] * (H / e_lo + abs(r[i][y] - 1) * S) / (1 - S)
    delta = total / W_lo + V * max(abs(1 / W_lo - 1), abs(1 / W_hi - 1))
    return (1 / n_hi - 1 / e_lo, 1 / n_lo - 1 / e_hi), delta


def check_tie_rate(landscape: Landscape, *, constant: Callable[[LimitJacobian], Fraction]) -> CheckResult:
    r"""Decide 1/ε_{t+1} - 1/ε_t → V = ``constant(jac)`` on the certified run: |o_T - V| <= 2 δ_T + 10^-30."""
    jac = _limit_jacobian(constant.__name__, landscape, conclusion=True)
    if isinstance(jac, CheckResult):
        return jac
    not_a_tie = _tie(jac)
    if not_a_tie:
        return CheckResult(f"{constant.__name__}: p_t(y) ~ 1/(V t)", Verdict.UNDECIDED, "exact", jac.evidence(),
                           not_a_tie)
    V = constant(jac)
    name = f"{constant.__name__}: p_t(y) ~ 1/(V t), V = {V}"
    ev: dict[str, Any] = {**jac.evidence(), "V": str(V)}
    run = evaluate_rate_run(landscape)
    true_V = tie_constant(jac)
    observed, delta = _tie_deviation(jac, run, true_V)
    return _decide_on_run(name, ev, run, V, observed, delta,
                          text=("1/eps_(T+1) - 1/eps_T", "1/eps_(t+1) - 1/eps_t", f"V = {V}"),
                          undecided="the run is too short to decide the constant")


def tie_constant(jac: LimitJacobian) -> Fraction:
    r"""V = Σ_i q_i r_i(y)² - 1 at the one tied group y."""
    y = next(g for g in jac.off if jac.W_star[g] == 1)
    r = tie_ratios(jac)
    return sum((jac.q[i] * r[i][y] ** 2 for i in range(2)), Fraction(0)) - 1
