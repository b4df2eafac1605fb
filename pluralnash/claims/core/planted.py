r"""Planted false variants of the core family's statements: wrong updates, limits, maximisers.

Each replaces one formula of a statement of :mod:`pluralnash.claims.core` and is passed to the same
check as the published formula (:mod:`pluralnash.claims.core.checks`), so the claim's controls run
through exactly its machinery and must come out FALSIFIED.
"""

from __future__ import annotations

from fractions import Fraction

from pluralnash.claims.core.checks import lemma_3_1_update
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights
from pluralnash.numeric.model.landscape import Landscape



# ----------------------------------------------------------------------------------------------
# Lemma 3.1: wrong updates


def _update_extra_rival(p, ws, q, K):
    # K i.i.d. rivals instead of K - 1 (an off-by-one in the candidate count)
    return [v * Fraction(K, K + 1) for v in lemma_3_1_update(p, ws, q, K + 1)]


def _update_averaged_reward(p, ws, q, K):
    # curate with the q-average of e^{r_i} as if it were one reward
    wbar = [sum((qi * w[k] for qi, w in zip(q, ws)), Fraction(0)) for k in range(len(p))]
    H = evaluate_finite_k_weights(p, wbar, K, method="enumerate")
    return [a * b for a, b in zip(p, H)]


# ----------------------------------------------------------------------------------------------
# Lemma 3.2: wrong limits


def limit_best(p, w):
    top = max(wk for pk, wk in zip(p, w) if pk > 0)
    return [v / top for v in w]


def _limit_uniform_mean(p, w):
    mean = sum(w, Fraction(0)) / len(w)
    return [v / mean for v in w]


# ----------------------------------------------------------------------------------------------
# Theorem 3.7: wrong maximisers


def _q_squared(q):
    return q * q


def _one_minus_q(q):
    return 1 - q


# ----------------------------------------------------------------------------------------------
# nash-limit: wrong limits


def _predict_each_best(L: Landscape):
    return [max(w for w, p in zip(row, L.p0) if p > 0) for row in L.exp_rewards]


def _predict_scalarised(L: Landscape):
    """Collapse onto argmax_x Σ_i q_i log w_i(x), the single-reward theorem applied to the averaged reward."""
    support = L.support()
    with iv_workprec(256):
        score = {x: sum((iv_frac(q) * iv.log(iv_frac(w[x])) for q, w in zip(L.weights, L.exp_rewards)), iv.mpf(0))
                 for x in support}
        best = max(support, key=lambda x: score[x].mid)
    return [row[best] for row in L.exp_rewards]
