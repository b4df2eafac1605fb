r"""Conclusion checks of the toolkit's own statements: ``collapse-criterion``, ``finite-k-limit`` and
``plateau-exact``, each deciding the statement (a parameter, so that a planted form runs through the same
machinery) against facts about the dynamics that never use it.

Definitions and conventions
---------------------------
Symbols as in :mod:`pluralnash.numeric.engines.point_mass`: q = weights, w_i = e^{r_i}, Z_i(p) = E_p[w_i],
W_p(x) = Σ_i q_i w_i(x) / Z_i(p), F(p) = Σ_i q_i log Z_i(p), K = candidates per round; *groups* are
the atoms of supp(p_0) sharing one reward vector.

*Collapse criterion.*  For a group g, W_{δ_g}(y) = Σ_i q_i w_i(y) / w_i(g) is W at the point mass
δ_g.  The large-K limit is δ_g exactly when δ_g is the unique maximiser of F on supp(p_0):
W_{δ_g}(y) <= 1 for every y in supp(p_0) (first-order / KKT conditions; F is concave), and no
distribution on T = {y ∉ g : W_{δ_g}(y) = 1} has the reward vector w(g) as its mean, i.e.
1 ∉ conv{w(y)/w(g) : y ∈ T} (componentwise ratios).  When that hull condition fails the maximiser is
not unique and the first-order conditions do not decide the limit (``degenerate``).  The prediction is
compared with a certified interval run of the dynamics (a trap, an exact fixed point, or exclusions
F(p_T) > F(δ_g): F never decreases along the dynamics, [Cover 1984], the toolkit's ``nash-limit``).

*Finite-K limit.*  p^K = p* + v/K + o(1/K) with v derived exactly
(:mod:`pluralnash.numeric.engines.finite_k_expansion`); the rate is measured at high precision.

*Plateau-exact.*  In the plateau model (B.6) with no outside mass, a_t = p_t(S_1) -> a_∞ =
clamp(a*, 0, 1), interior iff q ∈ (q_lo, q_hi) (``theory._plateau``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import mpmath

from pluralnash.numeric.engines import (
    collapse_evidence_text as _fmt,
    evaluate_collapse_dynamics,
    evaluate_finite_k_limit,
    grouped_setup as _groups,
    run_grouped as _run,
    solve_collapse,
    solve_finite_k_rate,
)
from pluralnash.numeric.premises import check_plateau, check_two_basins, large_k_round
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.arith import frac_mpf as _mp
from pluralnash.numeric.engines.finite_k_expansion import FiniteKMeasurement, FiniteKRate, default_ks
from pluralnash.numeric.engines.point_mass import CollapseDynamics
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = [
    "Prediction",
    "predict_collapse_criterion",
    "check_nondegenerate_collapse",
    "check_collapse_criterion",
    "check_exact_interior_limit",
    "rate_derived",
    "check_finite_k_limit",
    "PlateauConstants",
    "plateau_constants",
    "check_plateau_no_outside",
    "plateau_limit_exact",
    "plateau_window_exact",
    "check_plateau_exact",
]


# ----------------------------------------------------------------------------------------------
# collapse-criterion


Prediction = tuple  # ("collapse", atoms) | ("spread", None) | ("degenerate", atoms) | ("undecided", None)


def predict_collapse_criterion(landscape: Landscape) -> Prediction:
    r"""The statement: collapse onto g iff W_{δ_g} <= 1 on supp(p_0) and δ_g is the unique maximiser."""
    res = solve_collapse(landscape)
    return (res.outcome, res.group)



def check_nondegenerate_collapse(landscape: Landscape) -> CheckResult:
    """Premise: the exact collapse test is decided without ties W_{δ_g}(y) = 1 at the passing point mass."""
    res = solve_collapse(landscape)
    name = "no exact tie W_delta_g(y) = 1 at a point mass meeting the first-order conditions"
    ev = {"outcome": res.outcome}
    ties = res.certificate.evidence.get("ties")
    if res.outcome == "degenerate" or ties:
        ev.update(res.certificate.evidence)
        why = res.certificate.reason if res.outcome == "degenerate" else \
            f"W_delta_g(y) = 1 exactly at {ties}: the limit is delta_g (unique maximiser) but the run converges sublinearly"
        return CheckResult(name, Verdict.FAILS, "exact", ev, why)
    if res.outcome == "undecided":
        return CheckResult(name, Verdict.UNDECIDED, res.certificate.method, ev, res.certificate.reason)
    return CheckResult(name, Verdict.HOLDS, res.certificate.method, ev)


def check_collapse_criterion(landscape: Landscape, *,
                             predict: Callable[[Landscape], Prediction] = predict_collapse_criterion) -> CheckResult:
    r"""Decide whether ``predict`` gives the large-K dynamics' limit (collapse onto which group, or none).

    The prediction is compared with certified facts from :func:`evaluate_collapse_dynamics`
    (interval runs; exact fixed points), which never use the collapse criterion.

    Returns
    -------
    CheckResult
        HOLDS when the certified run confirms the prediction, FAILS (certified) when it refutes it,
        UNDECIDED when the run could not decide or the prediction is ``degenerate``/``undecided``.
    """
    kind, group = predict(landscape)
    name = f"{predict.__name__}: limit {'collapses onto ' + str(list(group)) if kind == 'collapse' else kind}"
    ev: dict[str, Any] = {"predicted": kind, "predicted_group": list(group) if group else None}
    if kind not in ("collapse", "spread"):
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, f"the prediction is {kind}")
    dyn = evaluate_collapse_dynamics(landscape)
    ev.update({"dynamics": dyn.outcome, "dynamics_group": list(dyn.group) if dyn.group else None,
               "rounds": dyn.steps, **{f"dynamics_{k}": v for k, v in dyn.evidence.items()}})
    # interval certificates carry a "certificate" entry; exact fixed points and single groups do not
    method = "interval" if "certificate" in dyn.evidence else "exact"
    # a categorical prediction has no room: margin 0 when the run confirms it, -1 when it refutes it
    if dyn.outcome in ("collapse", "spread") or (kind == "collapse" and group in dyn.excluded):
        ev["margin"] = 0.0 if dyn.outcome == kind and (kind == "spread" or dyn.group == group) else -1.0
    if kind == "collapse":
        if dyn.outcome == "collapse" and dyn.group == group:
            return CheckResult(name, Verdict.HOLDS, method, ev)
        if group in dyn.excluded:
            return CheckResult(name, Verdict.FAILS, "interval", ev,
                               f"F(p_t) > F(delta_{list(group)}) at t = {dyn.steps}: the dynamics cannot converge to "
                               f"the predicted point mass")
        if dyn.outcome == "collapse":
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"the dynamics is trapped around {list(dyn.group)}, not the predicted {list(group)}")
        if dyn.outcome == "spread":
            return CheckResult(name, Verdict.FAILS, method, ev,
                               "the dynamics' limit charges several reward vectors, not the predicted point mass")
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, dyn.evidence.get("reason", "run undecided"))
    if dyn.outcome == "spread":
        return CheckResult(name, Verdict.HOLDS, method, ev)
    if dyn.outcome == "collapse":
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"predicted no collapse, but the dynamics is certified to collapse onto {list(dyn.group)}")
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev, dyn.evidence.get("reason", "run undecided"))

# ----------------------------------------------------------------------------------------------
# finite-k-limit: the distance between the finite-K and the large-K limits


def check_exact_interior_limit(landscape: Landscape) -> CheckResult:
    """Premise of finite-k-limit: an exact, unique large-K limit on >= 2 reward vectors, strict slack off it."""
    return _premise_of(
        "exact interior large-K limit (>= 2 reward vectors, unique, W* < 1 strictly off the support)",
        solve_finite_k_rate, landscape,
        lambda r: {"support": [list(g) for g in r.support], "p_star": [str(x) for x in r.p_star]})


def _premise_of(name: str, measure: Callable[[Landscape], Any], landscape: Landscape,
                evidence: Callable[[Any], dict]) -> CheckResult:
    """A premise that holds exactly when an exact measurement of the setup succeeds: HOLDS with its
    evidence, FAILS with the InvalidArgument the measurement raised (it names what is missing), or
    UNDECIDED when a solver inside it gave up (that decides nothing)."""
    try:
        r = measure(landscape)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.FAILS, "exact", {}, str(exc))
    except SolverError as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"a solver gave up: {exc}")
    return CheckResult(name, Verdict.HOLDS, "exact", evidence(r))


def rate_derived(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""The statement: TV(p^K, p*) ~ C/K with C = ½‖v‖_1, v = -J^{-1} b."""
    return Fraction(1), rate.C


def _residual_enclosure(rate: FiniteKRate, K: int) -> dict[str, Any]:
    r"""Certified |K r_K(x) - b(x)| <= B_K on the support: r_K exact (enumeration at p*), B_K from the
    explicit remainder of ``derive_finite_k_expansion`` (intervals for the square root)."""
    from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights

    s, m = len(rate.p_star), len(rate.q)
    p = list(rate.p_star)
    out: dict[str, Any] = {"K": K}
    worst_gap, worst_bound, ok = None, None, True
    with iv_workprec(256):
        r = [Fraction(-1)] * s
        bound = [iv.mpf(0)] * s
        for k in range(m):
            H = evaluate_finite_k_weights(p, rate.w[k][:s], K, method="enumerate")
            Z, var = rate.Z[k], rate.sigma2[k]
            mu4 = sum((p[j] * (rate.w[k][j] - Z) ** 4 for j in range(s)), Fraction(0))
            wmin = min(rate.w[k][j] for j in range(s))
            for x in range(s):
                wx = rate.w[k][x]
                r[x] += rate.q[k] * H[x]
                a = wx + (K - 1) * Z
                T = K * wx / a + K * wx * (K - 1) * var / a ** 3
                lead = wx / Z * (1 + (1 - wx / Z + var / Z ** 2) / K)
                ED4 = (K - 1) * mu4 + 3 * (K - 1) * (K - 2) * var ** 2
                R = iv_frac(K * wx) * iv.sqrt(iv_frac((K - 1) * var * ED4)) / iv_frac(a ** 3 * (wx + (K - 1) * wmin))
                bound[x] += iv_frac(rate.q[k]) * (iv_frac(abs(T - lead)) + R)
        for x in range(s):
            gap = abs(K * r[x] - rate.b[x])
            B = iv_frac(Fraction(K)) * bound[x]
            if not iv_frac(gap).b <= B.b:
                ok = False
            worst_gap = gap if worst_gap is None else max(worst_gap, gap)
            worst_bound = B.b if worst_bound is None else max(worst_bound, B.b)
        out.update({"K_r_K": [_fmt(K * v) for v in r], "max|K r_K - b|": _fmt(worst_gap),
                    "bound B_K": mpmath.nstr(mpmath.mpf(worst_bound), 6), "enclosed": ok})
    return out


def check_finite_k_limit(landscape: Landscape, *, rate: Callable[[FiniteKRate], tuple] = rate_derived,
                         Ks: tuple[int, ...] | None = None, dps: int = 30,
                         residual_K: int = 16) -> CheckResult:
    r"""Decide a rate statement TV(p^K, p*) ~ C/K^α for the finite-K fixed point continuing p*.

    Two parts:

    - *exact*: the derived expansion (``derive_finite_k_expansion``, implicit function theorem) gives
      lim K·TV(p^K, p*) = C = ½‖v‖_1 exactly, with v = -J^{-1} b rational and, at ``residual_K``, the
      exact residual K r_K within its certified remainder bound of b.  A statement with α ≠ 1 (and
      C ≠ 0), or α = 1 and another constant, contradicts it;
    - *measurement*: p^K at ``dps`` digits for each K in ``Ks`` (default :func:`default_ks`); for
      α = 1 the Richardson estimate 2u_{2K} - u_K of C (u_K = K·TV_K) must lie within 3 times its
      error scale |last two estimates' difference| of C_pred, and at least 10 times away for a false
      constant; for α ≠ 1, e_K = |K^α TV_K - C_pred| must shrink (ratio <= 0.7 over the last two
      doublings), and stays (ratio >= 0.9) for a false rate.

    HOLDS (``mp-point``, not certified) when the statement agrees with the derivation and the
    measurement confirms it; FAILS (certified by the exact part) when it contradicts the derivation
    and the measurement agrees with the derivation, not with it; UNDECIDED otherwise.
    """
    name = f"TV(p^K, p*) ~ C/K^alpha ({rate.__name__})"
    try:
        r = solve_finite_k_rate(landscape)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"premise not met: {exc}")
    alpha, C_pred = rate(r)
    ev: dict[str, Any] = {"alpha": str(alpha), "C_predicted": _fmt(C_pred), "C_derived": _fmt(r.C),
                          "v_derived": [str(x) for x in r.v], "p_star": [str(x) for x in r.p_star],
                          "support": [list(g) for g in r.support]}
    enclosure = _residual_enclosure(r, residual_K)
    ev["residual_check"] = enclosure
    if not enclosure["enclosed"]:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                           f"the exact residual at K={residual_K} is outside the derived remainder bound: "
                           f"the expansion is wrong")
    if Ks is None:
        Ks = default_ks(r)
        if Ks is None:
            return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                               "p* + v/K leaves the simplex for K <= 512: the 1/K regime starts too late to measure here")
    meas = _measure_from(landscape, tuple(Ks), dps, ev)
    confirms, refutes, derived_confirmed, richardson = _compare_measurement(meas, r, alpha, C_pred, dps, ev)
    return _rate_verdict(name, ev, r, alpha, C_pred, meas, dps, confirms, refutes, derived_confirmed, richardson)


def _measure_from(landscape: Landscape, Ks: tuple[int, ...], dps: int, ev: dict) -> FiniteKMeasurement:
    """p^K for each K, the smallest K dropped (and noted in ``ev``) while only it has no fixed point near p*."""
    meas = evaluate_finite_k_limit(landscape, Ks, dps=dps)
    while (meas.residual[0] > mpmath.mpf(10) ** (-(dps - 5)) and max(meas.residual[1:]) <= mpmath.mpf(10) ** (-(dps - 5))
           and meas.Ks[-1] < 1024):
        # no fixed point near p* at the smallest K (the finite-K limit may still collapse there): shift up
        ev.setdefault("dropped_K", []).append(meas.Ks[0])
        meas = evaluate_finite_k_limit(landscape, tuple(meas.Ks[1:]) + (2 * meas.Ks[-1],), dps=dps)
    return meas


def _compare_measurement(meas: FiniteKMeasurement, r: FiniteKRate, alpha: Fraction, C_pred: Fraction, dps: int,
                         ev: dict) -> tuple[bool, bool, bool, Any]:
    """Whether the measurement confirms or refutes the statement's rate, whether it confirms the derived
    constant, and the Richardson estimate of C (the measurement is recorded in ``ev``)."""
    with mpmath.workdps(dps + 10):
        a = mpmath.mpf(alpha.numerator) / alpha.denominator
        scaled = [mpmath.mpf(K) ** a * t for K, t in zip(meas.Ks, meas.tv)]
        err = [abs(x - _mp(C_pred)) for x in scaled]
        err_derived = [abs(K * t - _mp(r.C)) for K, t in zip(meas.Ks, meas.tv)]
        floor = mpmath.mpf(10) ** (-(dps - 8))

        def shrinking(e):
            return e[-1] < floor or all(e[j + 1] <= mpmath.mpf("0.7") * e[j] for j in range(len(e) - 3, len(e) - 1))

        def staying(e):
            return e[-1] >= floor and e[-1] >= mpmath.mpf("0.9") * e[-2]

        richardson = 2 * meas.Ks[-1] * meas.tv[-1] - meas.Ks[-2] * meas.tv[-2]
        ev["measurement"] = {
            "Ks": list(meas.Ks), "dps": dps, "H": meas.method,
            "TV(p^K, p*)": [mpmath.nstr(t, 10) for t in meas.tv],
            "K^alpha TV": [mpmath.nstr(x, 10) for x in scaled],
            "|K^alpha TV - C_pred|": [mpmath.nstr(x, 4) for x in err],
            "C_estimated (Richardson)": mpmath.nstr(richardson, 10),
            "max fixed-point residual": mpmath.nstr(max(meas.residual), 3),
            "max off-support sum q H": mpmath.nstr(max(x for x in meas.off_support), 6)
            if any(x is not None for x in meas.off_support) else None,
        }
        u = [K * t for K, t in zip(meas.Ks, meas.tv)]
        rich = [2 * u[j + 1] - u[j] for j in range(len(u) - 1)]
        spread = abs(rich[-1] - rich[-2]) + floor  # error scale of the Richardson estimate
        ev["measurement"]["Richardson error scale"] = mpmath.nstr(spread, 3)

        def near(c):
            return abs(rich[-1] - _mp(c)) <= 3 * spread

        def far(c):
            return abs(rich[-1] - _mp(c)) >= 10 * spread

        if alpha == 1:
            confirms, refutes = near(C_pred), far(C_pred)
        else:
            confirms, refutes = shrinking(err), staying(err)
        derived_confirmed = near(r.C) and shrinking(err_derived)
    return confirms, refutes, derived_confirmed, richardson


def _rate_verdict(name: str, ev: dict, r: FiniteKRate, alpha: Fraction, C_pred: Fraction, meas: FiniteKMeasurement,
                  dps: int, confirms: bool, refutes: bool, derived_confirmed: bool, richardson: Any) -> CheckResult:
    """The verdict on the rate statement from the exact derivation and the measurement."""
    if max(meas.residual) > mpmath.mpf(10) ** (-(dps - 5)):
        return CheckResult(name, Verdict.UNDECIDED, "mp-point", ev, "Newton's method did not reach the fixed point")
    agrees = (alpha == 1 and C_pred == r.C) or (r.C == 0 and C_pred == 0)
    if agrees:
        if confirms:
            return CheckResult(name, Verdict.HOLDS, "mp-point", ev)
        return CheckResult(name, Verdict.UNDECIDED, "mp-point", ev,
                           "the measured K·TV does not converge to the derived C at these K")
    if refutes and derived_confirmed:
        why = (f"K·TV(p^K, p*) -> C = {_fmt(r.C)} (derived exactly; measured {mpmath.nstr(richardson, 8)} by "
               f"Richardson at K = {meas.Ks[-1]})")
        if alpha != 1:
            why += f", so K^{alpha}·TV tends to {'0' if alpha < 1 else 'infinity'}, not to {_fmt(C_pred)}"
        else:
            why += f", not the predicted {_fmt(C_pred)}"
        ev["rests_on"] = "derive_finite_k_expansion (sympy) and the implicit function theorem (cited)"
        return CheckResult(name, Verdict.FAILS, "exact", ev, why)
    return CheckResult(name, Verdict.UNDECIDED, "mp-point", ev,
                       "the statement contradicts the derived constant but the measurement does not separate them")


# ----------------------------------------------------------------------------------------------
# plateau-exact: the exact plateau limit and window, against the dynamics


@dataclass(frozen=True)
class PlateauConstants:
    r"""A plateau landscape (B.6, no outside mass) read off exactly.

    Attributes
    ----------
    q, k1, k2 : Fraction
        Weight of reward 1 and k_i = e^{-Δ_i} (scaled cross values).
    kappa1, kappa2 : Fraction
        κ_i = e^{-(Δ_i - 2ε)} = k_i / (e^{-ε})²: exact with ``exp_eps``.
    S1, S2 : tuple of int
    """

    q: Fraction
    k1: Fraction
    k2: Fraction
    kappa1: Fraction
    kappa2: Fraction
    S1: tuple[int, ...]
    S2: tuple[int, ...]


def plateau_constants(landscape: Landscape) -> PlateauConstants:
    r"""q, k_i, κ_i and the basins of a plateau landscape with no outside mass (exact; raises if it is not one)."""
    L = landscape
    if not L.is_exact or L.exp_eps is None:
        raise InvalidArgument("plateau-exact needs exp_rewards and exp_eps (rational e^-Delta_i and e^-eps)")
    for check in (check_two_basins, check_plateau):
        res = check(L)
        if res.verdict is not Verdict.HOLDS:
            raise InvalidArgument(f"{res.name}: {res.reason}")
    S1, S2 = L.basins()
    outside = [x for x in range(L.n) if x not in S1 and x not in S2 and L.p0[x] > 0]
    if outside:
        raise InvalidArgument(f"p0 charges the outside atoms {outside}; plateau-exact is stated with no outside mass")
    w1, w2 = L.exp_rewards
    k1 = w1[S2[0]] / max(w1)
    k2 = w2[S1[0]] / max(w2)
    e2 = L.exp_eps ** 2
    return PlateauConstants(L.weights[0], k1, k2, k1 / e2, k2 / e2, S1, S2)


def check_plateau_no_outside(landscape: Landscape) -> CheckResult:
    """Premise of plateau-exact: B.2, B.3, B.6 and p_0(X \\ S_ε) = 0, decided exactly."""
    return _premise_of("plateau basins (B.6) with no outside mass", plateau_constants, landscape,
                       lambda c: {"q": str(c.q), "k": [str(c.k1), str(c.k2)], "kappa": [str(c.kappa1), str(c.kappa2)]})


def plateau_limit_exact(c: PlateauConstants) -> Fraction:
    r"""The statement: a_∞ = clamp(q/(1-k_2) - (1-q)k_1/(1-k_1), 0, 1) (``theory._plateau``'s a_inf)."""
    from pluralnash.theory._plateau import plateau_limit_value

    return Fraction(str(plateau_limit_value(c.q, c.k1, c.k2)))


def plateau_window_exact(c: PlateauConstants) -> bool:
    r"""The statement: the limit is interior iff q ∈ (q_lo, q_hi), from ``theory._plateau``'s expressions."""
    from pluralnash.theory import derive_plateau_limit

    d = derive_plateau_limit()
    sub = {d.symbols["k_1"]: c.k1, d.symbols["k_2"]: c.k2}
    lo, hi = (sympy_to_fraction(d.expressions[key].subs(sub)) for key in ("q_lo", "q_hi"))
    return lo < c.q < hi


def sympy_to_fraction(x) -> Fraction:
    """An exact sympy number as a Fraction."""
    return Fraction(str(x))


def _basin_mass_map(landscape: Landscape, c: PlateauConstants, a: Fraction) -> Fraction:
    """One exact large-K round of the landscape from p_a = a P_1 + (1-a) P_2; returns p'(S_1)."""
    L = landscape
    m1 = sum((L.p0[x] for x in c.S1), Fraction(0))
    m2 = sum((L.p0[x] for x in c.S2), Fraction(0))
    p = [a * L.p0[x] / m1 if x in c.S1 else (1 - a) * L.p0[x] / m2 if x in c.S2 else Fraction(0) for x in range(L.n)]
    nxt = large_k_round(L, p)
    return sum((nxt[x] for x in c.S1), Fraction(0))


def _interior_trap(landscape: Landscape, c: PlateauConstants, a: Fraction, steps: int = 192) -> dict[str, Any] | None:
    r"""Certify p_t(S_1) -> a for an interior candidate a: a is an exact fixed point of the basin-mass map,
    f(lo) > lo and f(hi) < hi on a rational interval [lo, hi] ∋ a (f increasing, ``derive_plateau_limit``),
    and an interval run of the dynamics enters [lo, hi].  None when not certified."""
    if not 0 < a < 1 or _basin_mass_map(landscape, c, a) != a:
        return None
    gr = _groups(landscape)
    g1 = next(g for g in range(gr.G) if gr.atoms[g][0] in c.S1)
    for j in range(2, 12):
        eta = Fraction(1, 2 ** j) * min(a, 1 - a)
        lo, hi = a - eta, a + eta
        if not (_basin_mass_map(landscape, c, lo) > lo and _basin_mass_map(landscape, c, hi) < hi):
            continue
        for t, p, *_ in _run(gr, steps, 2 * steps + 128, 4):
            if iv_frac(lo).a <= p[g1].a and p[g1].b <= iv_frac(hi).b:
                return {"trap": [str(lo), str(hi)], "rounds": t,
                        "certificate": "a is an exact fixed point of the basin-mass map f; f(lo) > lo, f(hi) < hi "
                                       "and f increasing, so [lo, hi] is invariant and its only fixed point is a; "
                                       "the interval run enters it"}
        return None
    return None


def _monotone_to_boundary(c: PlateauConstants) -> int | None:
    r"""At an exact tie (q = q_lo or q_hi): F'(0) <= 0 (or F'(1) >= 0) from exact W at the point masses,
    with F strictly concave, so a_t is strictly monotone toward 0 (or 1) for every t.  Returns 0, 1 or None."""
    # F'(0) = W_{δ_{S_2}}(S_1) - 1 and F'(1) = 1 - W_{δ_{S_1}}(S_2) (theory._plateau: F' = W(S_1) - W(S_2))
    F0 = c.q / c.k1 + (1 - c.q) * c.k2 - 1
    F1 = 1 - (c.q * c.k1 + (1 - c.q) / c.k2)
    if F0 <= 0 and F1 < 0:
        return 0
    if F1 >= 0 and F0 > 0:
        return 1
    return None


def check_plateau_exact(landscape: Landscape, *, limit: Callable[[PlateauConstants], Fraction] = plateau_limit_exact,
                        window: Callable[[PlateauConstants], bool] = plateau_window_exact) -> CheckResult:
    r"""Decide the exact plateau limit ``limit`` and interior window ``window`` against the dynamics.

    Dynamics facts (never using the formulas): the certified run of :func:`evaluate_collapse_dynamics`
    (a trap around a basin, or every basin's point mass excluded); for an interior candidate, an exact
    fixed point of the landscape's basin-mass map with an invariant rational interval that the
    interval run enters; at exact ties, strict monotonicity of a_t from F'(0) or F'(1) (exact W at the
    point masses).  HOLDS when both the predicted value and the predicted interior-ness are confirmed,
    FAILS (certified) when either is refuted.
    """
    name = f"a_inf = {limit.__name__}, interior iff {window.__name__}"
    try:
        c = plateau_constants(landscape)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"premise not met: {exc}")
    a_pred = Fraction(limit(c))
    interior_pred = bool(window(c))
    ev: dict[str, Any] = {"q": str(c.q), "k": [str(c.k1), str(c.k2)], "kappa": [str(c.kappa1), str(c.kappa2)],
                          "a_predicted": str(a_pred), "interior_predicted": interior_pred}
    S1 = tuple(sorted(c.S1))
    side = _monotone_to_boundary(c)
    tie = side is not None and (c.q / c.k1 + (1 - c.q) * c.k2 == 1 or c.q * c.k1 + (1 - c.q) / c.k2 == 1)
    # at an exact tie the run converges like 1/t and cannot be certified; the monotone certificate decides
    dyn = evaluate_collapse_dynamics(landscape) if not tie else CollapseDynamics("undecided", None, (), 0, {})
    ev["dynamics"] = dyn.outcome if not tie else "skipped: exact tie at a basin point mass"
    ev.update({f"dynamics_{k}": v for k, v in dyn.evidence.items() if k in ("certificate", "rounds", "eta", "c")})
    truth: Fraction | None = None
    interior: bool | None = None
    method = "interval"
    if dyn.outcome == "collapse":
        truth, interior = (Fraction(1) if dyn.group[0] in S1 else Fraction(0)), False
    elif dyn.outcome == "spread":
        interior = True
    else:
        if side is not None:
            truth, interior, method = Fraction(side), False, "exact"
            ev["monotone"] = f"a_t is strictly monotone toward {side} for every t (exact F'(0), F'(1), F concave)"
    if interior is None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, dyn.evidence.get("reason", "run undecided"))
    ev["interior"] = interior
    if interior_pred != interior:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"the window predicts {'an interior' if interior_pred else 'a collapsed'} limit at q = {c.q}, "
                           f"but the dynamics is certified {'interior' if interior else 'to collapse onto a basin'}")
    if truth is not None:
        ev["a_inf"] = str(truth)
        ev["margin"] = -float(abs(a_pred - truth))  # an identity: 0 where it holds, minus the gap otherwise
        if a_pred != truth:
            return CheckResult(name, Verdict.FAILS, method, ev, f"a_t -> {truth}, not the predicted {a_pred}")
        return CheckResult(name, Verdict.HOLDS, method, ev)
    if not 0 < a_pred < 1:
        return CheckResult(name, Verdict.FAILS, "interval", ev,
                           f"the dynamics keeps both basins, but the predicted limit is {a_pred}")
    ev["margin"] = -float(abs(_basin_mass_map(landscape, c, a_pred) - a_pred))
    if _basin_mass_map(landscape, c, a_pred) != a_pred:
        ev["f(a_predicted)"] = str(_basin_mass_map(landscape, c, a_pred))
        return CheckResult(name, Verdict.FAILS, "exact", ev,
                           f"the predicted limit {a_pred} is not a fixed point of the exact basin-mass map "
                           f"(f({a_pred}) = {ev['f(a_predicted)']}), and a limit of the dynamics must be one")
    trap = _interior_trap(landscape, c, a_pred)
    if trap is None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "no invariant interval reached around the prediction")
    ev.update({"a_inf": str(a_pred), **trap})
    return CheckResult(name, Verdict.HOLDS, "interval", ev)
