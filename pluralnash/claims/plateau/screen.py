r"""Float64 screen of [FALA26] Theorem 3.6 (variance preservation at the large-K limit).

Definitions and conventions as in :mod:`pluralnash.claims.plateau.checks`: two rewards, r_i = log w_i,
basin width ``exp_eps`` = e^{-ε}, a_inf = p_inf(S_{1,ε}), B.5's sharpest constants
Δ_1 = ε + min_{S_2}(r_1* - r_1) and Δ_2 = ε + min_{S_1}(r_2* - r_2).  The screen draws a batch of
two-basin landscapes (as the basin screens do, :mod:`pluralnash.claims.basins.screen`), runs about a
hundred rounds of the large-K dynamics (a_T settled over the last tenth of them) on the batch
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) standing in for p_inf, and scores
each landscape by min_i (Var_{p_T}[r_i] - a_T(1 - a_T) max{Δ_i - 2ε, 0}^2), the bound's slack.
Landscapes whose float limit keeps outside mass or leaves a basin empty (the premises m_t -> 0 and
a_inf in (0, 1)) get no margin (NaN).  The scores only rank setups: the search certifies the chosen
ones with the claim's own check at the exact limit.  numpy and Hypothesis are imported when the
screen runs.
"""

from __future__ import annotations

from pluralnash.claims._screens import over_sizes

__all__ = ["variance_screen"]

LIMIT_ROUNDS = 100


def _variance(rng, count: int, n: int):
    import numpy as np

    from pluralnash.claims.basins.screen import TwoBasinBatch
    from pluralnash.numeric.engines.step_batch import large_k_batch_run

    d = TwoBasinBatch(rng, count, n, 0.1)
    before, _ = large_k_batch_run(d.w, d.q, d.p0, LIMIT_ROUNDS, history=False)
    p = large_k_batch_run(d.w, d.q, before[-1], LIMIT_ROUNDS // 10, history=False)[0][-1]
    a, m = (p * d.basin[0]).sum(axis=1), (p * d.outside).sum(axis=1)
    # a_T still moving (a slow collapse onto one basin) is no stand-in for a_inf
    d.ok &= (m < 1e-9) & (a > 1e-3) & (a < 1 - 1e-3) & (abs(a - (before[-1] * d.basin[0]).sum(axis=1)) < 1e-9)
    r, eps = np.log(d.w), -np.log(d.e)
    gap = r.max(axis=2, keepdims=True) - r  # r_i* - r_i, (2, B, n)
    slack = np.full(count, np.inf)
    for i in (0, 1):
        delta = eps + np.where(d.basin[1 - i], gap[i], np.inf).min(axis=1)
        var = (p * r[i] ** 2).sum(axis=1) - (p * r[i]).sum(axis=1) ** 2
        slack = np.minimum(slack, var - a * (1 - a) * np.maximum(delta - 2 * eps, 0.0) ** 2)
    return d.screened(slack)


def variance_screen():
    r"""The screen of Theorem 3.6, 2 to 4 atoms.

    Examples
    --------
    >>> import numpy as np
    >>> from pluralnash.properties._screen import rng_for
    >>> margins = variance_screen()(rng_for(0), 150).margins
    >>> len(margins), bool(np.nanmin(margins) > -1e-9)
    (150, True)
    """
    return over_sizes(_variance, (2, 3, 4))
