r"""Float64 screens of the m-basin statements ([FALA26] Lemmas 3.4 and 3.5 generalised to m rewards).

Definitions and conventions as in :mod:`pluralnash.claims.basins_general.checks`: m rewards, basin width
``exp_eps`` = e^{-ε}, S_i = {x : w_i(x) >= e^{-ε} max w_i}, κ_i = e^{-(Δ_i - 2ε)} with e^{-Δ_i} = max_{x in
S_j, j != i} w_i(x) / max w_i, l_i = max(0, (q_i - κ_i)/(1 - κ_i)) and the interval [l_i, 1 - Σ_{j != i} l_j]
of a_i* = p*(S_i).  The screen draws a batch of m-basin landscapes (reward i peaks at atom i at 1, the other
entries u^3 with u uniform in (0.03, 1), m = 2 + n mod 3 rewards on n atoms), runs a hundred rounds of the large-K
dynamics on the batch at once (:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`),
a_i* read off the last round, and scores each landscape by the smallest distance of an a_i* to an end
of its interval (with ``non_collapse`` also min_i min(a_i*, 1 - a_i*), and only q_i > κ_i kept).
Landscapes with overlapping basins, a basin without p_0 mass, some κ_i >= 1 or outside mass left at
the last round (the premise m_t -> 0) get no margin (NaN).  The scores only rank setups: the search
certifies the chosen ones with the claim's own certified limit.  numpy and Hypothesis are imported when
the screen runs.
"""

from __future__ import annotations

from fractions import Fraction

from pluralnash.claims._screens import over_sizes

__all__ = ["m_basin_screen"]

LIMIT_ROUNDS = 100
_EXP_EPS = (Fraction(1, 2), Fraction(3, 4), Fraction(9, 10))


def _m_basin(rng, count: int, n: int, non_collapse: bool = False):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run
    from pluralnash.properties._screen import simplex_rows

    m = 2 + n % 3
    w = rng.uniform(0.03, 1.0, size=(m, count, n)) ** 3  # mostly well below the peaks: κ_i < 1 is common
    for i in range(m):
        w[i, :, i] = 1.0
    q = simplex_rows(rng, count, m, sparse=0.0).T
    p0 = simplex_rows(rng, count, n, sparse=0.1)
    k = rng.integers(0, len(_EXP_EPS), size=count)
    e = np.array([float(v) for v in _EXP_EPS])[k]
    basin = w >= e[None, :, None] * w.max(axis=2, keepdims=True)  # (m, B, n)
    ok = (basin.sum(axis=0) <= 1).all(axis=1) & ((p0[None] * basin).sum(axis=2) > 0).all(axis=0)
    others = [basin[[j for j in range(m) if j != i]].any(axis=0) for i in range(m)]
    kappa = np.stack([np.where(others[i], w[i], 0.0).max(axis=1) for i in range(m)]) / e[None] ** 2  # (m, B)
    p = large_k_batch_run(w, q, p0, LIMIT_ROUNDS, history=False)[0][-1]
    a = (p[None] * basin).sum(axis=2)  # (m, B)
    ok &= (kappa < 1).all(axis=0) & (1 - a.sum(axis=0) < 1e-6)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.maximum(0.0, (q - kappa) / (1 - kappa))
    upper = 1 - (lower.sum(axis=0)[None] - lower)
    margin = np.minimum(a - lower, upper - a).min(axis=0)
    if non_collapse:
        ok &= (q > kappa).all(axis=0)
        margin = np.minimum(margin, np.minimum(a, 1 - a).min(axis=0))
    return _build(np.where(ok, margin, np.nan), w, q, p0, k)


def _build(margin, w, q, p0, k):
    from pluralnash.properties._screen import Screened, exact_landscape

    return Screened(margin, lambda i: exact_landscape(w[:, i, :], q[:, i], p0[i], exp_eps=_EXP_EPS[int(k[i])]))


def m_basin_screen(non_collapse: bool = False):
    r"""The screen of m-basin-interval (``non_collapse``: m-basin-non-collapse), 3 to 6 atoms, 2 to 4 rewards.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = m_basin_screen()(rng_for(0), 200)
    >>> [out.build(i).m for i in (0, 50, 100, 150)], float(out.margins[smallest(out.margins, 1)[0]]) > -1e-6
    ([2, 3, 4, 2], True)
    """
    return over_sizes(_m_basin, (3, 4, 5, 6), non_collapse=non_collapse)
