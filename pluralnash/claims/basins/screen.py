r"""Float64 screens of the basin-mass statements ([FALA26] Lemma 3.3 and its appendix form, Lemma B.4).

Definitions and conventions as in :mod:`pluralnash.claims.basins.checks`: two rewards, basin width
given as ``exp_eps`` = e^{-ε}, S_{i,ε} = {x : w_i(x) >= e^{-ε} max w_i}, m_t = p_t(X \ S_ε).
A screen draws a batch of two-basin landscapes (reward i peaks at atom i, the other entries
uniform in (0, 1)), runs T rounds of the large-K dynamics on the whole batch at once
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) and scores each landscape by
its *decay margin* min_t (1 - m_{t+1} / m_t) over the rounds with m_t > 0: negative where the
outside mass grows, which Lemma 3.3 forbids.  Landscapes whose basins overlap, or with no p_0 mass
outside or in a basin, get no margin (NaN).  ``b4=True`` also leaves out those whose outside W_t
reaches 1 on a round (the float reading of Assumption B.4).  The margins only rank setups: the
search certifies the chosen ones with the claims' own checks.  numpy and Hypothesis are imported
when a screen runs, not when a claim declares it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["decay_screen"]

ROUNDS = 8
_EXP_EPS = (Fraction(1, 2), Fraction(3, 4), Fraction(9, 10), Fraction(1, 4))


def _batch(rng, count: int, n: int, b4: bool = False):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run
    from pluralnash.properties._screen import Screened, exact_landscape, simplex_rows

    w = rng.uniform(0.001, 1.0, size=(2, count, n))
    w[0, :, 0] = w[1, :, 1] = 1.0
    q = simplex_rows(rng, count, 2, sparse=0.0).T
    p0 = simplex_rows(rng, count, n)
    e_idx = rng.integers(0, len(_EXP_EPS), size=count)
    e = np.array([float(v) for v in _EXP_EPS])[e_idx]
    basin = w >= e[None, :, None] * w.max(axis=2, keepdims=True)  # (2, B, n)
    outside = ~(basin[0] | basin[1])
    ok = ~(basin[0] & basin[1]).any(axis=1)
    ok &= ((p0 * basin[0]).sum(axis=1) > 0) & ((p0 * basin[1]).sum(axis=1) > 0) & ((p0 * outside).sum(axis=1) > 0)
    p, W = large_k_batch_run(w, q, p0, ROUNDS)
    m = (p * outside[None]).sum(axis=2)  # (T + 1, B)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(m[:-1] > 1e-300, m[1:] / m[:-1], 0.0)
    margin = 1.0 - ratio.max(axis=0)
    if b4:
        ok &= (np.where(outside[None], W, 0.0).max(axis=(0, 2)) < 1.0 - 1e-9)
    margin = np.where(ok, margin, np.nan)

    def build(i: int) -> Any:
        return exact_landscape(w[:, i, :], q[:, i], p0[i], exp_eps=_EXP_EPS[int(e_idx[i])])

    return Screened(margin, build)


def decay_screen(b4: bool = False):
    r"""The screen of Lemma 3.3's decay clause (``b4``: only setups meeting B.4 in floats), 3 to 5 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = decay_screen()(rng_for(0), 300)
    >>> len(out.margins), float(out.margins[smallest(out.margins, 1)[0]]) < 0
    (300, True)
    """
    return over_sizes(_batch, (3, 4, 5), b4=b4)
