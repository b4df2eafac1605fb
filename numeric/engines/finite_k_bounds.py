r"""Exact bounds on the finite-K curation weight H^K_p(x) ([FALA26] Lemma 3.2, [FERB24] Lemma 2.2).

H^K_p(x) = E[K w(x) / (w(x) + Σ_{j<K} w(y_j))] with y_j i.i.d. from p and w = e^r; the bounds are
exact rationals valid for every K, both tending to w(x)/E_p[w] as K -> infinity.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["finite_k_sandwich"]


def finite_k_sandwich(p, w, K):
    r"""Jensen lower and variance upper bound on H^K_p(x) (see ``derive_lemma_3_2_bounds``)."""
    mu = sum((a * b for a, b in zip(p, w)), Fraction(0))
    var = sum((a * (b - mu) ** 2 for a, b in zip(p, w)), Fraction(0))
    wmin = min(b for a, b in zip(p, w) if a > 0)
    lo, hi = [], []
    for v in w:
        a = v + (K - 1) * mu
        lo.append(K * v / a)
        hi.append(K * v / a + K * v * (K - 1) * var / (a * a * (v + (K - 1) * wmin)))
    return lo, hi
