r"""Instance checks for the single-reward theory of [FERB24] (Ferbach, Bertrand, Bose, Gidel 2024).

Definitions and conventions
---------------------------
One reward r (m = 1), w = e^r > 0 on the atoms of the landscape X, model p_t.  With K candidates
the curated update is p_{t+1}(x) = p_t(x) H^K_{p_t}(x) ([FERB24] Lemma 2.1); for large K it is
p_{t+1} = p_t w / E_{p_t}[w] (Lemma 2.2).  Symbols: μ_t = E_{p_t}[w], V_t = Var_{p_t}[w],
w* = e^{r*} with r* = sup_{x ∈ X} r(x) (the paper's definition: the supremum over the space, here
every atom of the landscape), A = {x ∈ X : w(x) = w*} (the argmax), ε > 0 from ``exp_eps``.

[FERB24] Theorem 2.1 as recalled here (its exact wording was not available):

1. μ_{t+1} >= μ_t + ((K-1)/K) V_t / w*  (for large K the factor is 1);
2. hence μ_t increases to w*;
3. p_t(r >= r* - ε) -> 1 for every ε > 0;
4. if p_0(A) > 0, p_t -> p_0(· | A).

Certificates used by :func:`check_ferbach_theorem` (all exact, rational ``exp_rewards``):

- (1) on the first rounds, with p_t computed exactly (enumeration of H^K, or the large-K map);
- support: p_{t+1}(x) = 0 whenever p_t(x) = 0, so p_0(A) = 0 gives μ_t <= max_{supp p_0} w < w* and
  p_t(S_ε) = 0 for every t once ε < r* - max_{supp p_0} r: (2) and (3) fail;
- ratio: for y ∉ A, x ∈ A, H^K_p(y)/H^K_p(x) <= c_y = w(y)(w* + (K-1)w_min) / (w*(w(y) + (K-1)w_min)) < 1
  (w_min = min over supp(p_0); for large K, c_y = w(y)/w*), so p_t(y)/p_t(x) <= c_y^t p_0(y)/p_0(x) -> 0,
  while atoms of A keep their p_0 ratios (equal w, equal H): (2), (3) and (4) hold with the limit
  p_0(· | A).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Sequence

from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, Verdict

__all__ = [
    "check_single_reward",
    "check_charges_argmax",
    "ferbach_bound",
    "bound_coefficient_one",
    "bound_mean_denominator",
    "limit_restricted",
    "limit_uniform_on_argmax",
    "check_ferbach_theorem",
    "update_k_rivals",
    "update_large_k_formula",
    "limit_best",
    "limit_tempered",
]


def _fmt(x: Fraction) -> str:
    from pluralnash.numeric.arith.format import general_text

    return str(x) if x.denominator < 10**12 else general_text(x, 12)


# ----------------------------------------------------------------------------------------------
# premises


def check_single_reward(landscape: Landscape) -> CheckResult:
    """Premise of the [FERB24] claims: one reward (m = 1)."""
    name = "a single reward (m = 1)"
    if landscape.m != 1:
        return CheckResult(name, Verdict.FAILS, "exact", {"m": landscape.m}, f"the setup has m = {landscape.m} rewards")
    return CheckResult(name, Verdict.HOLDS, "exact", {"m": 1})


def _argmax(landscape: Landscape) -> tuple[list[int], Fraction]:
    w = landscape.exp_rewards[0]
    top = max(w)
    return [x for x, v in enumerate(w) if v == top], top


def check_charges_argmax(landscape: Landscape) -> CheckResult:
    r"""Premise p_0(r = r*) > 0, with r* the maximum over every atom of the landscape (exact)."""
    name = "p0 charges the argmax of r over X"
    if not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards")
    A, _ = _argmax(landscape)
    mass = sum((landscape.p0[x] for x in A), Fraction(0))
    ev = {"argmax": A, "p0(argmax)": str(mass)}
    if mass == 0:
        return CheckResult(name, Verdict.FAILS, "exact", ev, "p0(r = r*) = 0")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


# ----------------------------------------------------------------------------------------------
# Theorem 2.1: the bound and the limit (statement and planted variants)


def ferbach_bound(mu: Fraction, var: Fraction, w_star: Fraction, K: int | None) -> Fraction:
    r"""[FERB24] Theorem 2.1 as recalled: the increment bound ((K-1)/K) V / w* (factor 1 for large K)."""
    factor = Fraction(1) if K is None else Fraction(K - 1, K)
    return factor * var / w_star


def bound_coefficient_one(mu: Fraction, var: Fraction, w_star: Fraction, K: int | None) -> Fraction:
    r"""Planted: V / w* at every K (the factor (K-1)/K dropped)."""
    return var / w_star


def bound_mean_denominator(mu: Fraction, var: Fraction, w_star: Fraction, K: int | None) -> Fraction:
    r"""Planted: ((K-1)/K) V / μ_t (the current mean in place of e^{r*})."""
    factor = Fraction(1) if K is None else Fraction(K - 1, K)
    return factor * var / mu


def limit_restricted(p0: Sequence[Fraction], A: Sequence[int]) -> list[Fraction]:
    r"""[FERB24] Theorem 2.1: the limit p_0 restricted to the argmax A and renormalised."""
    mass = sum((p0[x] for x in A), Fraction(0))
    return [p0[x] / mass if x in A else Fraction(0) for x in range(len(p0))]


def limit_uniform_on_argmax(p0: Sequence[Fraction], A: Sequence[int]) -> list[Fraction]:
    r"""Planted: the uniform distribution on the charged atoms of the argmax."""
    charged = [x for x in A if p0[x] > 0]
    return [Fraction(1, len(charged)) if x in charged else Fraction(0) for x in range(len(p0))]


def _moments(p: Sequence[Fraction], w: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    mu = sum((a * b for a, b in zip(p, w)), Fraction(0))
    var = sum((a * (b - mu) ** 2 for a, b in zip(p, w)), Fraction(0))
    return mu, var


def check_ferbach_theorem(landscape: Landscape, *, bound: Callable = ferbach_bound,
                          limit: Callable = limit_restricted, steps: int | None = None) -> CheckResult:
    r"""Decide [FERB24] Theorem 2.1 (as recalled here; its exact wording was not available) on one setup, exactly.

    The parts are decided in order; the first that fails is named:

    1. ``bound``: μ_{t+1} >= μ_t + bound(μ_t, V_t, w*, K) for t < ``steps`` (default 3 for large K,
       2 for finite K), p_t computed exactly;
    2. μ_t -> w* and p_t(r >= r* - ε) -> 1 for every ε > 0 (support / ratio certificates);
    3. if p_0(A) > 0: p_t -> ``limit(p_0, A)`` (the ratio certificate identifies the limit as p_0(· | A)).

    ``K`` is the landscape's (None: large K).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/2"]], p0=["0", "1"], K=2)
    >>> res = check_ferbach_theorem(L)
    >>> res.verdict, res.reason.split(":")[0]
    (Verdict.FAILS, 'part 2 fails')
    >>> check_ferbach_theorem(L.replace(p0=["1/4", "3/4"])).verdict
    Verdict.HOLDS
    """
    name = f"[FERB24] Theorem 2.1 ({bound.__name__}, {limit.__name__}; K = {landscape.K or 'large'})"
    if not landscape.is_exact or landscape.m != 1:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs one reward given as exp_rewards")
    K = landscape.K
    steps = steps if steps is not None else (3 if K is None else 2)
    w = list(landscape.exp_rewards[0])
    A, w_star = _argmax(landscape)
    p = list(landscape.p0)
    ev: dict[str, Any] = {"K": K if K is not None else "large", "w*": str(w_star), "argmax": A}
    margins = []
    for t in range(steps):
        mu, var = _moments(p, w)
        p_next = evaluate_curated_update(landscape, p, K=K, method="enumerate") if K is not None \
            else evaluate_curated_update(landscape, p)
        mu_next, _ = _moments(p_next, w)
        slack = mu_next - mu - bound(mu, var, w_star, K)
        margins.append(slack)
        if slack < 0:
            ev.update({"t": t, "p_t": [str(v) for v in p], "E_p_t[e^r]": _fmt(mu), "Var_p_t[e^r]": _fmt(var),
                       "E_p_t+1[e^r]": _fmt(mu_next), "claimed increment": _fmt(bound(mu, var, w_star, K)),
                       "actual increment": _fmt(mu_next - mu)})
            return CheckResult(name, Verdict.FAILS, "exact", ev,
                               f"part 1 (increment bound) fails at t = {t}: E_p_t+1[e^r] - E_p_t[e^r] = "
                               f"{_fmt(mu_next - mu)} < {_fmt(bound(mu, var, w_star, K))}")
        p = p_next
    ev["bound_slacks"] = [_fmt(s) for s in margins]
    ev["margin"] = float(min(margins)) if margins else None
    support = [x for x, v in enumerate(landscape.p0) if v > 0]
    mass_A = sum((landscape.p0[x] for x in A), Fraction(0))
    if mass_A == 0:
        best = max(w[x] for x in support)
        # ε with e^{-ε} strictly between best/w* and 1: the basin S_ε misses supp(p0)
        exp_eps = (1 + best / w_star) / 2
        ev.update({"max over supp(p0) of e^r": str(best), "e^(-eps)": str(exp_eps)})
        return CheckResult(name, Verdict.FAILS, "exact", ev,
                           f"part 2 fails: p0(r = r*) = 0 and p_t(x) = 0 off supp(p0) for every t, so "
                           f"E_p_t[e^r] <= {best} < e^(r*) = {w_star} for all t, and for e^(-eps) = {exp_eps} "
                           f"p_t(r >= r* - eps) = 0 for all t")
    w_min = min(w[x] for x in support)
    cs = []
    for y in support:
        if y in A:
            continue
        c = w[y] / w_star if K is None else w[y] * (w_star + (K - 1) * w_min) / (w_star * (w[y] + (K - 1) * w_min))
        cs.append(c)
        # the bound really holds at t = 0 (H computed exactly), a check of the derivation
        if K is not None:
            H = evaluate_finite_k_weights(landscape.p0, w, K, method="enumerate")
            if not H[y] <= c * H[A[0]] + 0:
                return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                                   "the ratio bound H(y)/H(x*) <= c_y fails at t = 0: the derivation is wrong")
    c_max = max(cs, default=Fraction(0))
    ev["ratio_bound_c"] = str(c_max)
    true_limit = limit_restricted(landscape.p0, A)
    claimed = [Fraction(v) for v in limit(landscape.p0, A)]
    ev["limit"] = [str(v) for v in true_limit]
    if claimed != true_limit:
        x = next(k for k in range(len(claimed)) if claimed[k] != true_limit[k])
        ev["claimed_limit"] = [str(v) for v in claimed]
        return CheckResult(name, Verdict.FAILS, "exact", ev,
                           f"part 4 fails: p_t(y)/p_t(x*) <= ({c_max})^t p0(y)/p0(x*) off the argmax and atoms of the "
                           f"argmax keep their p0 ratios, so p_t -> p0(.|A) = {[str(v) for v in true_limit]}; at atom {x} "
                           f"the claimed limit is {claimed[x]}, not {true_limit[x]}")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


# ----------------------------------------------------------------------------------------------
# Lemma 2.1 and 2.2: planted variants for the shared checks of numeric._checks


def update_k_rivals(p, ws, q, K):
    r"""Planted Lemma 2.1: K rivals (not K - 1) beside the kept candidate, i.e. H^{K+1} rescaled."""
    w = ws[0]
    H = evaluate_finite_k_weights(p, w, K + 1, method="enumerate")
    return [a * h * Fraction(K, K + 1) for a, h in zip(p, H)]


def update_large_k_formula(p, ws, q, K):
    r"""Planted Lemma 2.1: the large-K update p w / E_p[w] used at finite K."""
    w = ws[0]
    mu = sum((a * b for a, b in zip(p, w)), Fraction(0))
    return [a * b / mu for a, b in zip(p, w)]


def limit_best(p, w):
    r"""Planted Lemma 2.2: H^K -> w / max_{supp p} w (collapse onto the best atom in one round)."""
    top = max(b for a, b in zip(p, w) if a > 0)
    return [b / top for b in w]


def limit_tempered(p, w):
    r"""Planted Lemma 2.2: H^K -> w² / E_p[w²] (temperature 1/2)."""
    m2 = sum((a * b * b for a, b in zip(p, w)), Fraction(0))
    return [b * b / m2 for b in w]
