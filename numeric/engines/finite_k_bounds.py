r"""Exact bounds on the finite-K curation weight H^K_p(x) ([FALA26] Lemma 3.2, [FERB24] Lemma 2.2).

H^K_p(x) = E[K w(x) / (w(x) + Σ_{j<K} w(y_j))] with y_j i.i.d. from p and w = e^r; the bounds are
exact rationals valid for every K, both tending to w(x)/E_p[w] as K -> infinity.

With μ = E_p[w], σ² = Var_p[w], a = w(x) + (K-1)μ and w_min the least w on the support of p:

    lo(x) = K w(x) / a,   hi(x) = lo(x) + K (K-1) w(x) σ² / (a² (w(x) + (K-1) w_min)).

For rational inputs they are formed over integers: with p = α/D (Σ α = D) and w = β/E over common
denominators, M = Σ α β, V = D Σ α β² - M² (= D²E² σ²), A = D β(x) + (K-1) M and
B = β(x) + (K-1) β_min, lo = K D β(x) / A and hi = (K D β(x) A B + K (K-1) β(x) V) / (A² B), each
reduced once (a Fraction is canonical, so this is the same number as the formula's).
"""

from __future__ import annotations

from fractions import Fraction

from pluralnash.numeric.arith.rational import over_common_denominator

__all__ = ["finite_k_sandwich"]


def finite_k_sandwich(p, w, K):
    r"""Jensen lower and variance upper bound on H^K_p(x) (see ``derive_lemma_3_2_bounds``); over integers
    (module docstring) when p is an exact distribution and w exact."""
    if all(isinstance(v, (Fraction, int)) for v in (*p, *w)):
        bounds = _integer_sandwich([Fraction(v) for v in p], [Fraction(v) for v in w], K)
        if bounds is not None:
            return bounds
    mu = sum((a * b for a, b in zip(p, w)), Fraction(0))
    var = sum((a * (b - mu) ** 2 for a, b in zip(p, w)), Fraction(0))
    wmin = min(b for a, b in zip(p, w) if a > 0)
    lo, hi = [], []
    for v in w:
        a = v + (K - 1) * mu
        lo.append(K * v / a)
        hi.append(K * v / a + K * v * (K - 1) * var / (a * a * (v + (K - 1) * wmin)))
    return lo, hi


def _integer_sandwich(p: list[Fraction], w: list[Fraction], K: int) -> tuple[list[Fraction], list[Fraction]] | None:
    """The bounds of the module docstring, over integers (w > 0, both rational); None unless Σ p = 1."""
    alpha, D = over_common_denominator(p)
    if sum(alpha) != D:
        return None
    beta, _ = over_common_denominator(w)
    M = sum(a * b for a, b in zip(alpha, beta))
    V = D * sum(a * b * b for a, b in zip(alpha, beta)) - M * M
    bmin = min(b for a, b in zip(alpha, beta) if a > 0)
    lo, hi = [], []
    for b in beta:
        A = D * b + (K - 1) * M
        B = b + (K - 1) * bmin
        lo.append(Fraction(K * D * b, A))
        hi.append(Fraction(K * D * b * A * B + K * (K - 1) * b * V, A * A * B))
    return lo, hi
