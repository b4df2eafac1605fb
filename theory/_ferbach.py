r"""Derivations for the single-reward theory of [FERB24] (Theorem 2.1 as recalled here; its exact wording was not available).

Definitions
-----------
One reward, w = e^r > 0.  With K candidates y_1..y_K ~ p i.i.d. and a Luce pick, the kept
candidate's reward has mean

    μ' = E_{p'}[w] = E[ Σ_k w(y_k)² / Σ_k w(y_k) ]      ([FERB24] Lemma 2.1),

and Lagrange's identity K Σ_k a_k² - (Σ_k a_k)² = Σ_{j<k} (a_j - a_k)² gives

    μ' - μ = E[ Σ_{j<k} (w_j - w_k)² / (K Σ_k w_k) ] >= E[Σ_{j<k} (w_j - w_k)²] / (K² w*) = ((K-1)/K) V / w*,

with μ = E_p[w], V = Var_p[w], w* = e^{r*} >= every w_k, and E[Σ_{j<k}(w_j - w_k)²] = K(K-1) V.
For large K, p' = p w/μ, so μ' - μ = V/μ >= V/w*.

Collapse: for w(y) < w*, the Luce weights' ratio w(y)(w* + s) / (w*(w(y) + s)) decreases in the rivals'
sum s from 1 (s = 0), so H^K(y)/H^K(x*) <= c_y = w(y)(w* + (K-1)w_min) / (w*(w(y) + (K-1)w_min)) < 1.

Python spellings: ``w_star`` = w*, ``w_y`` = w(y), ``w_min``; ``p``, ``a`` for masses and values.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Any

import sympy

from pluralnash.theory._certify import Identity
from pluralnash.theory._derivation import Derivation

__all__ = ["derive_ferbach_variance_bound"]

_SOURCE = "[FERB24] Theorem 2.1 (as recalled here; its exact wording was not available); Lemma 2.1, Lemma 2.2"


def _tuples_mean(values, probs, K, f):
    """E[f(y_1..y_K)] for i.i.d. draws from a finite law, by enumeration of ordered tuples."""
    total = 0
    for idx in itertools.product(range(len(values)), repeat=K):
        prob = sympy.Mul(*(probs[j] for j in idx))
        total += prob * f([values[j] for j in idx])
    return total


@lru_cache(maxsize=1)
def derive_ferbach_variance_bound() -> Derivation:
    r"""Derive μ_{t+1} - μ_t >= ((K-1)/K) V_t / e^{r*} and the collapse ratio bound.

    Returns
    -------
    Derivation
        Certificate (sympy): Lagrange's identity for K = 2..6; on a two-atom law (values a, b,
        masses π, 1 - π) and K = 2, 3: μ' computed from the curated update p H^K equals
        E[Σ w_k²/Σ w_k], E[Σ_{j<k}(w_j - w_k)²] = K(K-1)V, and μ' - μ equals
        E[Σ_{j<k}(w_j - w_k)²/(K Σ w_k)]; for large K on three atoms, μ' - μ = V/μ and
        V/μ - V/w* >= 0 when w* = μ + d, d >= 0; the Luce ratio f(s) = w_y(w* + s)/(w*(w_y + s)) has
        f(0) = 1 and f'(s) < 0 for w_y < w*, and c_y < 1.

        Cited: Σ_k w_k <= K w* (so 1/(K Σ w_k) >= 1/(K² w*) termwise) and Lagrange's identity for general K;
        E[f]/E[g] <= sup f/g for positive f, g (the ratio bound on H).

    Examples
    --------
    >>> d = derive_ferbach_variance_bound()
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    identities = []
    for K in range(2, 7):
        a = sympy.symbols(f"a_1:{K + 1}", positive=True)
        lhs = K * sum(x ** 2 for x in a) - sum(a) ** 2
        rhs = sum((a[j] - a[k]) ** 2 for j in range(K) for k in range(j + 1, K))
        identities.append(Identity(f"Lagrange: K sum a_k^2 - (sum a_k)^2 = sum_(j<k) (a_j - a_k)^2, K = {K}",
                                   sympy.expand(lhs - rhs)))
    a_, b_, pi = sympy.symbols("a b pi", positive=True)
    values, probs = (a_, b_), (pi, 1 - pi)
    mu = pi * a_ + (1 - pi) * b_
    var = pi * (a_ - mu) ** 2 + (1 - pi) * (b_ - mu) ** 2
    identities += _two_atom_gain_identities(values, probs, mu, var)
    identities += _large_k_gain_identities()
    wy, s, gap, wmin = sympy.symbols("w_y s g w_min", positive=True)
    w_star = wy + gap  # w_y < w*
    f = wy * (w_star + s) / (w_star * (wy + s))
    identities += [
        Identity("Luce ratio f(s) = w_y (w* + s)/(w* (w_y + s)) is 1 at s = 0", f.subs(s, 0) - 1),
        Identity("f'(s) < 0 for w_y < w*", sympy.StrictLessThan(sympy.factor(sympy.diff(f, s)), 0, evaluate=False)),
        Identity("f(s) < 1 for s > 0, so c_y = f((K-1) w_min) < 1", sympy.StrictLessThan(
            sympy.factor(f - 1), 0, evaluate=False)),
    ]
    return Derivation(
        name="ferbach-variance-bound",
        title="E_p'[e^r] >= E_p[e^r] + ((K-1)/K) Var_p[e^r]/e^(r*), and the collapse ratio bound",
        source=_SOURCE,
        expressions={"mu' - mu (K = 2, two atoms)": sympy.factor(sympy.cancel(
            sum(p_ * h * v for p_, h, v in zip(probs, [
                _tuples_mean(values, probs, 1, lambda ys, wx=wx: 2 * wx / (wx + sum(ys))) for wx in values], values))
            - mu)),
            "Var (two atoms)": sympy.factor(var), "f(s)": f},
        symbols={"a": a_, "b": b_, "pi": pi, "w_y": wy, "s": s, "w_min": wmin},
        identities=tuple(identities),
        cited=("sum_k w_k <= K w*, so E[sum_(j<k)(w_j - w_k)^2 / (K sum w_k)] >= K(K-1) Var / (K^2 w*)",
               "Lagrange's identity for every K (checked for K = 2..6)",
               "E[f]/E[g] <= sup f/g for positive f, g, so H^K(y)/H^K(x*) <= sup_s f(s) = f((K-1) w_min)"),
        notes="w* = w_y + g with g > 0 encodes w_y < w*; s > 0 is the rivals' total, at least (K-1) w_min.",
    )


def _two_atom_gain_identities(values: tuple, probs: tuple, mu: Any, var: Any) -> list[Identity]:
    """K = 2, 3 on a two-atom law: the curated mean, the pair-difference moment and the gain."""
    identities: list[Identity] = []
    for K in (2, 3):
        # H^K(x) = E[K w(x) / (w(x) + sum of K-1 rivals)], by enumeration of the rivals
        H = [_tuples_mean(values, probs, K - 1, lambda ys, wx=wx: K * wx / (wx + sum(ys))) for wx in values]
        mu_next = sum(p * h * v for p, h, v in zip(probs, H, values))
        selected = _tuples_mean(values, probs, K, lambda ys: sum(y ** 2 for y in ys) / sum(ys))
        pairs = _tuples_mean(values, probs, K,
                             lambda ys: sum((ys[j] - ys[k]) ** 2 for j in range(K) for k in range(j + 1, K)))
        gain = _tuples_mean(values, probs, K,
                            lambda ys: sum((ys[j] - ys[k]) ** 2 for j in range(K) for k in range(j + 1, K))
                            / (K * sum(ys)))
        identities += [
            Identity(f"K = {K}: E_p'[w] from p H^K equals E[sum w_k^2 / sum w_k]", sympy.cancel(mu_next - selected)),
            Identity(f"K = {K}: E[sum_(j<k) (w_j - w_k)^2] = K(K-1) Var", sympy.expand(pairs - K * (K - 1) * var)),
            Identity(f"K = {K}: E_p'[w] - E_p[w] = E[sum_(j<k) (w_j - w_k)^2 / (K sum w_k)]",
                     sympy.cancel(mu_next - mu - gain)),
        ]
    return identities


def _large_k_gain_identities() -> list[Identity]:
    """Large K on three atoms: the mean gains Var/mean, and V/mu >= V/w* for w* >= mu."""
    identities: list[Identity] = []
    p = sympy.symbols("p_1:4", positive=True)
    w = sympy.symbols("w_1:4", positive=True)
    total = sum(p)
    m1 = sum(pi_ * wi for pi_, wi in zip(p, w)) / total
    v1 = sum(pi_ * (wi - m1) ** 2 for pi_, wi in zip(p, w)) / total
    mu_next_large = sum(pi_ * wi / m1 * wi for pi_, wi in zip(p, w)) / total
    identities.append(Identity("large K: E_p'[w] - E_p[w] = Var_p[w] / E_p[w]", sympy.cancel(mu_next_large - m1 - v1 / m1)))
    V, M, d = sympy.symbols("V mu d", positive=True)
    identities.append(Identity("large K: V/mu - V/w* >= 0 when w* = mu + d, d >= 0",
                               sympy.GreaterThan(sympy.cancel(V / M - V / (M + d)), 0, evaluate=False)))
    return identities
