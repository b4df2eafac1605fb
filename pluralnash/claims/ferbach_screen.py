r"""Float64 screen of the readings of [FERB24] Theorem 2.1 (one reward, large K and K = 2).

Definitions and conventions as in :mod:`pluralnash.claims.ferbach`: one reward w = e^r,
μ_t = E_{p_t}[w], V_t = Var_{p_t}[w], w* = e^{r*}.  The screen draws a batch of one-reward
landscapes (one atom at w = 1, the others uniform in (0, 1), p_0 with some masses zero), runs
three rounds of the curated map on the whole batch at once (large K: p'(x) = p(x) w(x) / μ;
K = 2: p'(x) = 2 p(x) Σ_y p(y) w(x) / (w(x) + w(y))) and scores each landscape by the smallest
slack of the increment bound, min_t (μ_{t+1} - μ_t - c_K V_t / w*) / w*, c_K = (K - 1)/K (1 for
large K).  With ``sup_over_atoms`` (r* the maximum over every atom) the score is also at most
p_0(argmax), and -1 where p_0 misses the argmax (the limit part then fails); otherwise r* is
the largest reward on supp p_0.  The scores only rank setups: the search certifies the chosen ones
with the claim's own exact check.  numpy and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["ferbach_screen"]

ROUNDS = 3


def _round(p, w, K2):
    import numpy as np

    large = p * w / (p * w).sum(axis=1, keepdims=True)
    pair = w[:, :, None] / (w[:, :, None] + w[:, None, :])  # (B, n, n): w(x) / (w(x) + w(y))
    two = 2 * p * np.einsum("bxy,by->bx", pair, p)
    out = np.where(K2[:, None], two, large)
    return out / out.sum(axis=1, keepdims=True)


def _increment(rng, count: int, n: int, sup_over_atoms: bool = True):
    import numpy as np

    from pluralnash.properties._screen import Screened, exact_landscape, simplex_rows

    w = rng.uniform(0.01, 1.0, size=(count, n))
    w[np.arange(count), rng.integers(0, n, size=count)] = 1.0
    p0 = simplex_rows(rng, count, n)
    K2 = rng.random(count) < 0.5
    top = w.max(axis=1) if sup_over_atoms else np.where(p0 > 0, w, 0.0).max(axis=1)
    c = np.where(K2, 0.5, 1.0)
    p, slack = p0, np.full(count, np.inf)
    for _ in range(ROUNDS):
        mu = (p * w).sum(axis=1)
        var = (p * w * w).sum(axis=1) - mu * mu
        nxt = _round(p, w, K2)
        slack = np.minimum(slack, ((nxt * w).sum(axis=1) - mu - c * var / top) / top)
        p = nxt
    if sup_over_atoms:
        charged = np.where(w >= w.max(axis=1, keepdims=True), p0, 0.0).sum(axis=1)
        slack = np.minimum(slack, np.where(charged > 0, charged, -1.0))

    def build(i: int) -> Any:
        return exact_landscape([w[i]], [1.0], p0[i], K=2 if K2[i] else None)

    return Screened(slack, build)


def ferbach_screen(sup_over_atoms: bool = True):
    r"""The screen of [FERB24] Theorem 2.1, read with r* over every atom (``sup_over_atoms``) or over supp p_0.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = ferbach_screen()(rng_for(0), 90)
    >>> best = out.build(smallest(out.margins, 1)[0])
    >>> float(out.margins.min()) <= 0, best.m
    (True, 1)
    """
    return over_sizes(_increment, (2, 3, 4), sup_over_atoms=sup_over_atoms)
