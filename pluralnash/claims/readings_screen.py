r"""Float64 screen of the repaired Lemma 3.3 ([FALA26] Lemma 3.3 with dominated outside atoms).

Definitions and conventions as in :mod:`pluralnash.claims.readings`: two rewards w_i = e^{r_i},
basin width ``exp_eps`` = e^{-ε}, S_ε = S_{1,ε} ∪ S_{2,ε}, m_t = p_t(X \ S_ε).  The screen draws a
batch of two-basin landscapes (reward i peaks at atom i, p_0 charging atoms 0 and 1) and rewrites
every outside atom x from an anchor y ∈ {0, 1}: with ``pareto`` each w_i(x) = f w_i(y) with
f < e^{-ε} (x strictly Pareto-dominated by y, the premise of the repaired statement); without it
w_1(x) = f w_1(y) and w_2(x) = (9/10) e^{-ε} max w_2 (x beaten in one reward only, just outside
S_{2,ε}: a compromise the limit may keep).  It runs a hundred rounds of the large-K dynamics on the
batch (:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) and scores each landscape
by 1 - m_T / m_0: the slowest-falling outside mass first, negative where it grows (a compromise
the limit keeps).  The scores only rank setups: the search certifies the chosen ones with the claim's own
premise and limit checks.  numpy and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["dominated_screen"]

ROUNDS = 100
_FACTORS = (0.9, 0.5, 0.1)  # f = factor * e^{-ε}, as the claim's own strategy draws them


def _dominated(rng, count: int, n: int, pareto: bool = True):
    import numpy as np

    from pluralnash.claims.basins.screen import TwoBasinBatch
    from pluralnash.numeric.engines.step_batch import large_k_batch_run

    d = TwoBasinBatch(rng, count, n, 0.25)
    d.p0[:, :2] = np.maximum(d.p0[:, :2], 0.05)
    d.p0 /= d.p0.sum(axis=1, keepdims=True)
    anchor = rng.integers(0, 2, size=(count, n))
    f = np.array(_FACTORS)[rng.integers(0, len(_FACTORS), size=(count, n))] * d.e[:, None]
    rows = np.arange(count)[:, None]
    copies = d.w[:, rows, anchor] * f[None]  # (2, B, n): f w_i(y)
    if not pareto:
        copies[1] = 0.9 * d.e[:, None] * d.w[1].max(axis=1, keepdims=True)
    d.w = np.where(d.outside[None], copies, d.w)
    d.ok &= (d.p0 * d.outside).sum(axis=1) > 0
    p, _ = large_k_batch_run(d.w, d.q, d.p0, ROUNDS, history=False)
    m0, m = (d.p0 * d.outside).sum(axis=1), (p[-1] * d.outside).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return d.screened(1.0 - m / m0)


def dominated_screen(pareto: bool = True):
    r"""The screen of lemma-3.3-repaired (``pareto=False``: outside atoms beaten in one reward only), 3 to 5 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = dominated_screen()(rng_for(0), 120)
    >>> len(out.margins), bool(out.margins[smallest(out.margins, 1)[0]] > 0)
    (120, True)
    """
    return over_sizes(_dominated, (3, 4, 5), pareto=pareto)
