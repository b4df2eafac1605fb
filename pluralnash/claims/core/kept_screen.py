r"""Float64 screens of the finite-K statements: [FALA26] Lemmas 3.1 and 3.2 ([FERB24] Lemmas 2.1 and 2.2 at m = 1).

Definitions and conventions as in :mod:`pluralnash.claims.core.checks`: w_i = e^{r_i}, K candidates,
H^K_p(x) = E[K w(x) / (w(x) + Σ_{j<K} w(y_j))] with y_j ~ p i.i.d.
(:func:`pluralnash.numeric.engines.step_batch.finite_k_batch_weights`).  A screen draws a batch of
landscapes in exp form (w_i uniform in (0.01, 1] with one atom at 1, q and p_0 on the simplex, p_0
with some masses tiny or, where the statement allows it, zero) and scores each one in float64:

- ``kept_law_screen`` (Lemma 3.1): minus the largest gap between p_0(x) Σ_i q_i H^{K,r_i}_{p_0}(x)
  and the law of the kept candidate, the latter by brute force over ordered K-tuples, reward draws and
  Luce picks (which never uses H); an identity has no room, so the margin is 0 up to rounding where
  it holds, as the check's own margin is;
- ``sandwich_screen`` (Lemma 3.2): the smallest relative room min(H^K - lo, hi - H^K) / (hi - lo) of
  the Jensen lower and the variance upper bound that the check verifies for K = 2, 3, 5, 8 before it
  compares the limit w / E_p[w] exactly (NaN where the enclosure has no width: nothing to rank).

The scores only rank setups: the search certifies the chosen ones with the claim's own exact check.
numpy and Hypothesis are imported when a screen runs.
"""

from __future__ import annotations

import itertools
from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["kept_law_screen", "sandwich_screen", "enclosure"]

SANDWICH_KS = (2, 3, 5, 8)  # the K the instance check encloses H^K at


class _Draw:
    """m rewards w (m, B, n) with an atom at 1 each, q (m, B), p_0 (B, n), and the exact builder."""

    def __init__(self, rng, count: int, n: int, m: int, sparse: float):
        import numpy as np

        from pluralnash.properties._screen import simplex_rows

        self.w = w = rng.uniform(0.01, 1.0, size=(m, count, n))
        for i in range(m):
            w[i, np.arange(count), rng.integers(0, n, size=count)] = 1.0
        self.q = simplex_rows(rng, count, m, sparse=0.0).T
        self.p0 = simplex_rows(rng, count, n, sparse=sparse)

    def screened(self, margin, K=None):
        from pluralnash.properties._screen import Screened, exact_landscape

        def build(i: int) -> Any:
            return exact_landscape(self.w[:, i, :], self.q[:, i], self.p0[i],
                                   **({} if K is None else {"K": int(K[i])}))

        return Screened(margin, build)


def _kept_law(w, q, p, K: int):
    """P(kept candidate = x) by brute force over ordered K-tuples, rewards and Luce picks: (B, n)."""
    import numpy as np

    law = np.zeros_like(p)
    rows = np.arange(p.shape[0])
    for tup in itertools.product(range(p.shape[1]), repeat=K):
        idx = list(tup)
        chance = np.prod(p[:, idx], axis=1)  # (B,)
        picked = w[:, :, idx] / w[:, :, idx].sum(axis=2, keepdims=True)  # (m, B, K): Luce pick of slot k
        share = (q[:, :, None] * picked).sum(axis=0)  # (B, K)
        for k, x in enumerate(idx):
            law[rows, x] += chance * share[:, k]
    return law


def enclosure(w, p, K: int):
    r"""Lemma 3.2's Jensen lower and variance upper bound on H^K_p(x) in float64, w and p of shape (B, n)
    (the formulas of :func:`pluralnash.numeric.engines.finite_k_bounds.finite_k_sandwich`)."""
    import numpy as np

    mu = (p * w).sum(axis=1, keepdims=True)
    var = (p * (w - mu) ** 2).sum(axis=1, keepdims=True)
    wmin = np.where(p > 0, w, np.inf).min(axis=1, keepdims=True)
    a = w + (K - 1) * mu
    lo = K * w / a
    return lo, lo + K * w * (K - 1) * var / (a * a * (w + (K - 1) * wmin))


def _kept(rng, count: int, n: int, max_rewards: int = 2, Ks: tuple = (2, 3), sparse: float = 0.0):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import finite_k_batch_weights

    d = _Draw(rng, count, n, 1 + (n % max_rewards if max_rewards > 1 else 0), sparse)
    K = np.array(Ks)[rng.integers(0, len(Ks), size=count)]
    margin = np.full(count, np.nan)
    for k in Ks:
        sel = K == k
        w, q, p = d.w[:, sel], d.q[:, sel], d.p0[sel]
        formula = p * sum(q[i][:, None] * finite_k_batch_weights(w[i], p, k) for i in range(len(w)))
        margin[sel] = -np.abs(formula - _kept_law(w, q, p, k)).max(axis=1)
    return d.screened(margin, K)


def _sandwich(rng, count: int, n: int, max_rewards: int = 2):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import finite_k_batch_weights

    d = _Draw(rng, count, n, 1 + (n % max_rewards if max_rewards > 1 else 0), 0.0)
    p, room = d.p0, np.full(count, np.inf)
    for w in d.w:
        for K in SANDWICH_KS:
            H = finite_k_batch_weights(w, p, K)
            lo, hi = enclosure(w, p, K)
            with np.errstate(divide="ignore", invalid="ignore"):  # a zero-width enclosure ranks nothing
                rel = np.where(hi - lo > 1e-9 * hi, np.minimum(H - lo, hi - H) / (hi - lo), np.nan)
            room = np.fmin(room, np.fmin.reduce(rel, axis=1))
    return d.screened(np.where(np.isfinite(room), room, np.nan))


def kept_law_screen(max_rewards: int = 2, max_atoms: int = 3, Ks: tuple = (2, 3), full_support: bool = True):
    r"""The screen of Lemma 3.1 (``max_rewards=1``: [FERB24] Lemma 2.1), 2 to ``max_atoms`` atoms, K from ``Ks``.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = kept_law_screen()(rng_for(0), 60)
    >>> L = out.build(smallest(out.margins, 1)[0])
    >>> len(out.margins), bool(out.margins.min() > -1e-12), L.K in (2, 3)
    (60, True, True)
    """
    return over_sizes(_kept, tuple(range(2, max_atoms + 1)), max_rewards=max_rewards, Ks=tuple(Ks),
                      **({} if full_support else {"sparse": 0.25}))


def sandwich_screen(max_rewards: int = 2, max_atoms: int = 4):
    r"""The screen of Lemma 3.2 (``max_rewards=1``: [FERB24] Lemma 2.2), full-support p_0, 2 to ``max_atoms`` atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for
    >>> import numpy as np
    >>> out = sandwich_screen()(rng_for(0), 60)
    >>> len(out.margins), bool(np.nanmin(out.margins) > -1e-9)
    (60, True)
    """
    return over_sizes(_sandwich, tuple(range(2, max_atoms + 1)), max_rewards=max_rewards)
