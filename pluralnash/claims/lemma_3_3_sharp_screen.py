r"""Float64 screen of the sharp Lemma 3.3 (m_t -> 0 iff no maximiser of F charges an atom outside S_ε).

Definitions and conventions as in :mod:`pluralnash.claims.lemma_3_3_sharp`: F(p) = Σ_i q_i log E_p[e^{r_i}],
W*(y) = Σ_i q_i w_i(y)/Z_i* at a maximiser; an outside atom y with W*(y) < 1 loses its mass, one with
W*(y) = 1 may be charged by some maximiser (a face of maximisers), and W*(y) > 1 cannot occur at a
maximiser.  The statement is delicate exactly at such ties.  The screen draws a batch of two-basin
landscapes with mass outside the basins (as the basin screens do,
:mod:`pluralnash.claims.basins.screen`), runs a hundred-odd rounds of the large-K dynamics on the batch
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) and scores each landscape by
min_y (1 - W_T(y)) over the outside atoms y of supp p_0 that the float run is emptying (p_T(y) <
10^-6): the distance of its last round from a tie, the setups nearest a face of maximisers first.
The scores only rank setups: the search certifies the chosen ones with the claim's own exact check of
the maximiser vertices.  numpy and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from pluralnash.claims._screens import over_sizes

__all__ = ["tie_screen"]

ROUNDS = 150


def _tie(rng, count: int, n: int):
    import numpy as np

    from pluralnash.claims.basins.screen import TwoBasinBatch
    from pluralnash.numeric.engines.step_batch import large_k_batch_run

    d = TwoBasinBatch(rng, count, n, 0.25)
    charged = d.outside & (d.p0 > 0)
    d.ok &= charged.any(axis=1)
    p, W = large_k_batch_run(d.w, d.q, d.p0, ROUNDS, history=False)
    leaving = charged & (p[-1] < 1e-6)  # an atom the limit keeps has W*(y) = 1 and is no tie to rank
    d.ok &= leaving.any(axis=1)
    return d.screened(np.where(leaving, 1.0 - W[-1], np.inf).min(axis=1))


def tie_screen():
    r"""The screen of lemma-3.3-sharp, 3 to 5 atoms.

    Examples
    --------
    >>> import numpy as np
    >>> from pluralnash.properties._screen import rng_for
    >>> margins = tie_screen()(rng_for(0), 90).margins
    >>> len(margins), bool(np.nanmin(margins) >= 0)
    (90, True)
    """
    return over_sizes(_tie, (3, 4, 5))
