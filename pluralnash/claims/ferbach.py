r"""The single-reward statements of [FERB24], registered on import.

- ``ferbach-lemma-2.1``: the finite-K curated update p_{t+1} = p_t H^K_{p_t} (m = 1 of Lemma 3.1);
- ``ferbach-lemma-2.2``: its large-K limit p_{t+1} = p_t e^r / E_{p_t}[e^r];
- ``ferbach-2.1-sup-over-atoms``: Theorem 2.1 as recalled, with r* the maximum over every atom (a definition
  [FERB24] does not use; its own reading, r* = ess sup under p_0, is ``ferbach-theorem-2.1`` in
  :mod:`pluralnash.claims.readings`);
- ``ferbach-2.1-supported``: the same conclusions with the premise p_0(r = r*) > 0.
"""

from __future__ import annotations

import dataclasses

from pluralnash._registry import Claim, Premise, Variant, register
from pluralnash.claims._core_checks import check_exact_rewards, check_lemma_3_1, check_lemma_3_2
from pluralnash.claims._ferbach_checks import (
    bound_coefficient_one,
    bound_mean_denominator,
    check_charges_argmax,
    check_ferbach_theorem,
    check_single_reward,
    limit_best,
    limit_tempered,
    limit_uniform_on_argmax,
    update_k_rivals,
    update_large_k_formula,
)
from pluralnash.theory import CheckResult, Verdict

SIMPLEX = Premise("model", "p_0 a distribution, w = e^r > 0 (validated when the setup is read)")
EXACT = Premise("exact rewards", "w = e^r given as rationals (exp_rewards), so the route is exact", check_exact_rewards)
ONE_REWARD = Premise("one reward", "m = 1", check_single_reward)


def _finite_k(landscape) -> CheckResult:
    name = "finite K >= 2 given"
    if landscape.K is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup has no K; add \"K\": 3 (say) to it")
    return CheckResult(name, Verdict.HOLDS, "exact", {"K": landscape.K})


FINITE_K = Premise("finite K", "K >= 2 candidates per round", _finite_k)


def _strategies():
    import hypothesis.strategies as st

    from pluralnash.properties import _strategies_beyond

    return st, _strategies_beyond


# ----------------------------------------------------------------------------------------------
# Lemma 2.1


def _lemma_2_1_strategy():
    st, sb = _strategies()
    return sb.single_reward_landscapes(max_atoms=3, full_support=False, K=st.integers(2, 4))


LEMMA_2_1 = Claim(
    id="ferbach-lemma-2.1",
    models=("finite-k",),
    source="[FERB24] Lemma 2.1",
    statement="With K candidates drawn i.i.d. from p_t and a Bradley-Terry (Luce) pick under one reward r, the kept "
              "candidate has law p_{t+1}(x) = p_t(x) H^K_{p_t}(x), H^K_p(x) = E[K e^{r(x)} / (e^{r(x)} + Σ_{j<K} e^{r(y_j)})].",
    premises=(SIMPLEX, ONE_REWARD, FINITE_K, EXACT),
    conclusion="p_{t+1} equals the law of the kept candidate, atom by atom",
    reading="The m = 1 case of [FALA26] Lemma 3.1: the formula is compared exactly with a brute-force enumeration of "
            "ordered K-tuples and Luce picks (which never uses H).",
    instance=lambda L: check_lemma_3_1(L),
    strategy=_lemma_2_1_strategy,
).with_controls(
    Variant("k-rivals", "K rivals beside the kept candidate instead of K - 1",
            instance=lambda L: check_lemma_3_1(L, update=update_k_rivals)),
    Variant("large-k-formula", "the large-K update p e^r / E_p[e^r] at finite K",
            instance=lambda L: check_lemma_3_1(L, update=update_large_k_formula)),
)


# ----------------------------------------------------------------------------------------------
# Lemma 2.2


def _lemma_2_2_symbolic():
    from pluralnash.theory import derive_lemma_3_2_bounds

    return derive_lemma_3_2_bounds().certify()


def _lemma_2_2_strategy():
    _, sb = _strategies()
    return sb.single_reward_landscapes(max_atoms=4, full_support=True, K=None)


LEMMA_2_2 = Claim(
    id="ferbach-lemma-2.2",
    models=("large-k",),
    source="[FERB24] Lemma 2.2",
    statement="As K -> infinity the curated update tends to p_{t+1}(x) = p_t(x) e^{r(x)} / E_{p_t}[e^r].",
    premises=(SIMPLEX, ONE_REWARD, EXACT),
    conclusion="lim_{K->inf} H^K_p(x) = e^{r(x)} / E_p[e^r] for every atom x",
    reading="The m = 1 case of [FALA26] Lemma 3.2. Symbolic: H^K is squeezed between exact bounds that both tend to "
            "w/E_p[w] (sympy limits). Instance: the bounds are checked against exactly enumerated H^K and the claimed "
            "limit is compared exactly with w/E_p[w].",
    symbolic=_lemma_2_2_symbolic,
    cites=("Jensen's inequality", "linearity and monotonicity of expectation",
           "Bienaymé's identity (variance of a sum of independent draws)", "squeeze theorem"),
    instance=lambda L: check_lemma_3_2(L),
    strategy=_lemma_2_2_strategy,
).with_controls(
    Variant("limit-best", "limit e^{r(x)} / max e^r (collapse onto the best atom in one round)",
            instance=lambda L: check_lemma_3_2(L, limit=limit_best)),
    Variant("limit-tempered", "limit e^{2r(x)} / E_p[e^{2r}] (temperature 1/2)",
            instance=lambda L: check_lemma_3_2(L, limit=limit_tempered)),
)


# ----------------------------------------------------------------------------------------------
# Theorem 2.1


def _theorem_symbolic():
    from pluralnash.theory._ferbach import derive_ferbach_variance_bound

    return derive_ferbach_variance_bound().certify()


def _theorem_strategy():
    _, sb = _strategies()
    return sb.ferbach_landscapes(max_atoms=4)


_STATEMENT = ("E_{p_{t+1}}[e^r] >= E_{p_t}[e^r] + ((K-1)/K) Var_{p_t}[e^r] / e^{r*} (factor 1 for large K), hence "
              "E_{p_t}[e^r] increases to e^{r*}, and p_t(r >= r* - eps) -> 1 for every eps > 0; if p_0(r = r*) > 0, "
              "p_t converges to p_0 restricted to {r = r*} and renormalised.")
_READING = ("Decided exactly on finite landscapes (rational exp_rewards), for K in 2..5 and for large K: the increment "
            "bound on the first rounds with p_t exact; the limits by certificates valid for every t: support invariance "
            "(p_t = 0 off supp p_0) refutes them when p_0 misses the argmax; otherwise the exact ratio bound "
            "H^K(y)/H^K(x*) <= c_y < 1 proves p_t -> p_0(.|argmax). Symbolic (partial): Lagrange's identity, the "
            "selected-reward identity and the variance algebra for small K, the large-K case and the ratio bound; "
            "Sum w_k <= K w* and Lagrange for general K are cited.")


_CONTROLS = (
    Variant("coefficient-1", "increment bound Var/e^{r*} with factor 1 at every finite K",
            instance=lambda L: check_ferbach_theorem(L, bound=bound_coefficient_one)),
    Variant("mean-denominator", "increment bound ((K-1)/K) Var/E_{p_t}[e^r] (current mean for e^{r*})",
            instance=lambda L: check_ferbach_theorem(L, bound=bound_mean_denominator)),
    Variant("uniform-limit", "p_t converges to the uniform law on the argmax (not p_0's proportions)",
            instance=lambda L: check_ferbach_theorem(L, limit=limit_uniform_on_argmax)),
)


THEOREM_2_1 = Claim(
    id="ferbach-2.1-sup-over-atoms",
    models=("large-k", "finite-k"),
    source="[FERB24] Theorem 2.1 with r* = max over every atom, not [FERB24]'s ess sup under p_0 (recalled; "
           "constants unverified)",
    statement=_STATEMENT,
    premises=(SIMPLEX, ONE_REWARD, EXACT),
    conclusion="all four parts, read literally with r* = sup_x r(x) over the whole space",
    reading=_READING + " Reading: r* is the supremum over X ([FALA26] §2.1's r_i*), p_0 is any distribution; [FERB24] defines r* as "
            "the ess sup under p_0 (ferbach-theorem-2.1).",
    symbolic=_theorem_symbolic,
    symbolic_covers=False,
    instance=lambda L: check_ferbach_theorem(L),
    strategy=_theorem_strategy,
).with_controls(*_CONTROLS)

ARGMAX = Premise("p_0 charges the argmax", "p_0(r = r*) > 0 (on a finite space: r* = max over supp p_0)",
                 check_charges_argmax)

THEOREM_2_1_SUPPORTED = dataclasses.replace(
    THEOREM_2_1,
    id="ferbach-2.1-supported",
    models=("large-k", "finite-k"),
    source="[FERB24] Theorem 2.1 with the premise p_0(r = r*) > 0 (this toolkit's repair of the literal reading)",
    premises=(SIMPLEX, ONE_REWARD, EXACT, ARGMAX),
    conclusion="all four parts, when p_0 charges the argmax of r",
    reading=_READING,
).with_controls(*_CONTROLS)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((170, LEMMA_2_1), (180, LEMMA_2_2), (200, THEOREM_2_1), (210, THEOREM_2_1_SUPPORTED))

for _place, _claim in TABLE:
    register(_claim)
