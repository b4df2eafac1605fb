r"""The single-reward statements of [FERB24], listed in ``TABLE`` for the registry.

- ``ferbach-lemma-2.1``: the finite-K curated update p_{t+1} = p_t H^K_{p_t} (m = 1 of Lemma 3.1);
- ``ferbach-lemma-2.2``: its large-K limit p_{t+1} = p_t e^r / E_{p_t}[e^r];
- ``ferbach-2.1-sup-over-atoms``: Theorem 2.1 as recalled, with r* the maximum over every atom (a definition
  [FERB24] does not use; its own reading, r* = ess sup under p_0, is ``ferbach-theorem-2.1`` in
  :mod:`pluralnash.claims.readings`);
- ``ferbach-2.1-supported``: the same conclusions with the premise p_0(r = r*) > 0.

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

import dataclasses
from fractions import Fraction
from typing import Any, Callable, Sequence

from pluralnash._registry import Claim, Premise
from pluralnash.claims._declare import STRATEGIES_BEYOND, certified, drawn, integers, plant
from pluralnash.claims.core import FINITE_K, KEPT_CANDIDATE_LAW, LEMMA_3_2_BOUNDS, LEMMA_3_2_CITES
from pluralnash.claims.core.checks import check_exact_rewards, check_lemma_3_1, check_lemma_3_2
from pluralnash.claims.core.kept_screen import kept_law_screen, sandwich_screen
from pluralnash.claims.core.planted import limit_best
from pluralnash.claims.ferbach_screen import ferbach_screen
from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import CheckResult, Verdict

__all__ = [
    "check_one_reward",
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


def check_one_reward(landscape: Landscape) -> CheckResult:
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
    A, w_star = _argmax(landscape)
    ev: dict[str, Any] = {"K": K if K is not None else "large", "w*": str(w_star), "argmax": A}
    steps = steps if steps is not None else (3 if K is None else 2)
    failed = _increment_bound_part(landscape, name, ev, bound, steps)
    if failed is None:
        failed = _missed_argmax_part(landscape, name, ev)
    if failed is None:
        failed = _ratio_part(landscape, name, ev)
    return failed if failed is not None else _limit_part(landscape, name, ev, limit)


def _increment_bound_part(landscape: Landscape, name: str, ev: dict, bound: Callable, steps: int) -> CheckResult | None:
    """Part 1: μ_{t+1} - μ_t >= bound(μ_t, V_t, w*, K) on the first ``steps`` exact rounds (None: it holds)."""
    K, w = landscape.K, list(landscape.exp_rewards[0])
    _, w_star = _argmax(landscape)
    p = list(landscape.p0)
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
    return None


def _missed_argmax_part(landscape: Landscape, name: str, ev: dict) -> CheckResult | None:
    """Part 2 by support invariance: p_0(A) = 0 keeps every p_t off the argmax (None: p_0 charges A)."""
    A, w_star = _argmax(landscape)
    if sum((landscape.p0[x] for x in A), Fraction(0)) != 0:
        return None
    w = landscape.exp_rewards[0]
    best = max(w[x] for x, v in enumerate(landscape.p0) if v > 0)
    # ε with e^{-ε} strictly between best/w* and 1: the basin S_ε misses supp(p0)
    exp_eps = (1 + best / w_star) / 2
    ev.update({"max over supp(p0) of e^r": str(best), "e^(-eps)": str(exp_eps)})
    return CheckResult(name, Verdict.FAILS, "exact", ev,
                       f"part 2 fails: p0(r = r*) = 0 and p_t(x) = 0 off supp(p0) for every t, so "
                       f"E_p_t[e^r] <= {best} < e^(r*) = {w_star} for all t, and for e^(-eps) = {exp_eps} "
                       f"p_t(r >= r* - eps) = 0 for all t")


def _ratio_part(landscape: Landscape, name: str, ev: dict) -> CheckResult | None:
    """Parts 2-3 by the ratio bound c_y < 1 off the argmax, recorded in ``ev`` (None: the bound is sound)."""
    K, w = landscape.K, landscape.exp_rewards[0]
    A, w_star = _argmax(landscape)
    support = [x for x, v in enumerate(landscape.p0) if v > 0]
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
    ev["ratio_bound_c"] = str(max(cs, default=Fraction(0)))
    return None


def _limit_part(landscape: Landscape, name: str, ev: dict, limit: Callable) -> CheckResult:
    """Part 4: the claimed limit against p_0(· | A), which the ratio bound identifies."""
    A, _ = _argmax(landscape)
    c_max = ev["ratio_bound_c"]
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
# Lemma 2.1 and 2.2: planted variants for the shared checks of the core family


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


def limit_tempered(p, w):
    r"""Planted Lemma 2.2: H^K -> w² / E_p[w²] (temperature 1/2)."""
    m2 = sum((a * b * b for a, b in zip(p, w)), Fraction(0))
    return [b * b / m2 for b in w]


# ----------------------------------------------------------------------------------------------
# the claims

SIMPLEX = Premise("model", "p_0 a distribution, w = e^r > 0 (validated when the setup is read)")
EXACT = Premise("exact rewards", "w = e^r given as rationals (exp_rewards), so the route is exact", check_exact_rewards)
ONE_REWARD = Premise("one reward", "m = 1", check_one_reward)
ONE_REWARD_EXACT = (SIMPLEX, ONE_REWARD, EXACT)
THEOREM_2_1_SYMBOLIC = certified("derive_ferbach_variance_bound", module="pluralnash.theory._ferbach")
THEOREM_2_1_STRATEGY = drawn("ferbach_landscapes", max_atoms=4, module=STRATEGIES_BEYOND)


# ----------------------------------------------------------------------------------------------
# Lemma 2.1


LEMMA_2_1 = Claim(
    id="ferbach-lemma-2.1",
    models=("finite-k",),
    source="[FERB24] Lemma 2.1",
    statement="With K candidates drawn i.i.d. from p_t and a Bradley-Terry (Luce) pick under one reward r, the kept "
              "candidate has law p_{t+1}(x) = p_t(x) H^K_{p_t}(x), H^K_p(x) = E[K e^{r(x)} / (e^{r(x)} + Σ_{j<K} e^{r(y_j)})].",
    premises=(SIMPLEX, ONE_REWARD, FINITE_K, EXACT),
    conclusion=KEPT_CANDIDATE_LAW,
    reading="The m = 1 case of [FALA26] Lemma 3.1: the formula is compared exactly with a brute-force enumeration of "
            "ordered K-tuples and Luce picks (which never uses H).",
    instance=check_lemma_3_1,
    strategy=drawn("single_reward_landscapes", max_atoms=3, full_support=False, K=integers(2, 4),
                   module=STRATEGIES_BEYOND),
    screen=kept_law_screen(max_rewards=1, Ks=(2, 3, 4), full_support=False),
).with_controls(
    plant("k-rivals", "K rivals beside the kept candidate instead of K - 1", update=update_k_rivals),
    plant("large-k-formula", "the large-K update p e^r / E_p[e^r] at finite K", update=update_large_k_formula),
)


# ----------------------------------------------------------------------------------------------
# Lemma 2.2


LEMMA_2_2 = Claim(
    id="ferbach-lemma-2.2",
    models=("large-k",),
    source="[FERB24] Lemma 2.2",
    statement="As K -> infinity the curated update tends to p_{t+1}(x) = p_t(x) e^{r(x)} / E_{p_t}[e^r].",
    premises=ONE_REWARD_EXACT,
    conclusion="lim_{K->inf} H^K_p(x) = e^{r(x)} / E_p[e^r] for every atom x",
    reading="The m = 1 case of [FALA26] Lemma 3.2. Symbolic: H^K is squeezed between exact bounds that both tend to "
            "w/E_p[w] (sympy limits). Instance: the bounds are checked against exactly enumerated H^K and the claimed "
            "limit is compared exactly with w/E_p[w].",
    symbolic=LEMMA_3_2_BOUNDS,
    cites=LEMMA_3_2_CITES,
    instance=check_lemma_3_2,
    strategy=drawn("single_reward_landscapes", max_atoms=4, full_support=True, K=None, module=STRATEGIES_BEYOND),
    screen=sandwich_screen(max_rewards=1),
).with_controls(
    plant("limit-best", "limit e^{r(x)} / max e^r (collapse onto the best atom in one round)", limit=limit_best),
    plant("limit-tempered", "limit e^{2r(x)} / E_p[e^{2r}] (temperature 1/2)", limit=limit_tempered),
)


# ----------------------------------------------------------------------------------------------
# Theorem 2.1


_STATEMENT = ("E_{p_{t+1}}[e^r] >= E_{p_t}[e^r] + ((K-1)/K) Var_{p_t}[e^r] / e^{r*} (factor 1 for large K), hence "
              "E_{p_t}[e^r] increases to e^{r*}, and p_t(r >= r* - eps) -> 1 for every eps > 0; if p_0(r = r*) > 0, "
              "p_t converges to p_0 restricted to {r = r*} and renormalised.")
_READING = ("Decided exactly on finite landscapes (rational exp_rewards), for K in 2..5 and for large K: the increment "
            "bound on the first rounds with p_t exact; the limits by certificates valid for every t: support invariance "
            "(p_t = 0 off supp p_0) refutes them when p_0 misses the argmax; otherwise the exact ratio bound "
            "H^K(y)/H^K(x*) <= c_y < 1 proves p_t -> p_0(.|argmax). Symbolic (partial): Lagrange's identity, the "
            "selected-reward identity and the variance algebra for small K, the large-K case and the ratio bound; "
            "Sum w_k <= K w* and Lagrange for general K are cited.")


# the planted variants of every reading of [FERB24] Theorem 2.1, each given to the reading's own check
THEOREM_2_1_CONTROLS = (
    plant("coefficient-1", "increment bound Var/e^{r*} with factor 1 at every finite K", bound=bound_coefficient_one),
    plant("mean-denominator", "increment bound ((K-1)/K) Var/E_{p_t}[e^r] (current mean for e^{r*})",
          bound=bound_mean_denominator),
    plant("uniform-limit", "p_t converges to the uniform law on the argmax (not p_0's proportions)",
          limit=limit_uniform_on_argmax),
)


THEOREM_2_1 = Claim(
    id="ferbach-2.1-sup-over-atoms",
    models=("large-k", "finite-k"),
    source="[FERB24] Theorem 2.1 with r* = max over every atom, not [FERB24]'s ess sup under p_0 (recalled; "
           "constants unverified)",
    statement=_STATEMENT,
    premises=ONE_REWARD_EXACT,
    conclusion="all four parts, read literally with r* = sup_x r(x) over the whole space",
    reading=_READING + " Reading: r* is the supremum over X ([FALA26] §2.1's r_i*), p_0 is any distribution; [FERB24] defines r* as "
            "the ess sup under p_0 (ferbach-theorem-2.1).",
    symbolic=THEOREM_2_1_SYMBOLIC, symbolic_covers=False,
    instance=check_ferbach_theorem,
    strategy=THEOREM_2_1_STRATEGY,
    screen=ferbach_screen(sup_over_atoms=True),
).with_controls(*THEOREM_2_1_CONTROLS)

ARGMAX = Premise("p_0 charges the argmax", "p_0(r = r*) > 0 (on a finite space: r* = max over supp p_0)",
                 check_charges_argmax)

THEOREM_2_1_SUPPORTED = dataclasses.replace(
    THEOREM_2_1,
    id="ferbach-2.1-supported",
    models=("large-k", "finite-k"),
    source="[FERB24] Theorem 2.1 with the premise p_0(r = r*) > 0 (this toolkit's repair of the literal reading)",
    premises=(*ONE_REWARD_EXACT, ARGMAX),
    conclusion="all four parts, when p_0 charges the argmax of r",
    reading=_READING,
    screen=ferbach_screen(sup_over_atoms=False),
).with_controls(*THEOREM_2_1_CONTROLS)


# (place in the verdict table, claim): the registry registers these (see pluralnash.claims.FAMILIES)
TABLE = ((170, LEMMA_2_1), (180, LEMMA_2_2), (200, THEOREM_2_1), (210, THEOREM_2_1_SUPPORTED))
