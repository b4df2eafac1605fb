r"""Float64 screen of the collapse criterion (the toolkit's exact test of a point-mass large-K limit).

Definitions and conventions as in :mod:`pluralnash.numeric.engines.collapse`: W_{δ_g}(y) =
Σ_i q_i w_i(y) / w_i(g); the test names the atom g of supp p_0 with W_{δ_g}(y) < 1 for every other
y in supp p_0 (at most one does), else predicts no collapse.  The screen draws a batch of
landscapes in exp form (r_i uniform in [-4, 0], two rewards at even n and three at odd n, p_0 with
some masses zero or tiny; in half of them the last atom is a compromise, c max_x w_i(x) in every
reward with c uniform in (1/2, 1)) and scores each by the test's slack s: 1 - max_y W_{δ_g}(y) at
the named g, max_g (1 - max_y W_{δ_g}(y)) < 0 when none is named, so |s| is the distance to a tie.
A few hundred rounds of the large-K dynamics run on the batch at once
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`); the margin is |s| where the
float run agrees with the prediction (the named atom holds most of the mass, or no atom holds
nearly all of it) and -|s| where it does not (a near-tie converging slowly, or a refutation).
The scores only rank setups: the search certifies the chosen ones with the claim's own interval
run.  numpy and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from pluralnash.claims._screens import over_sizes

__all__ = ["collapse_screen"]

ROUNDS = 120


def _collapse(rng, count: int, n: int):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run
    from pluralnash.properties._screen import screened_landscapes, simplex_rows

    m = 2 + n % 2
    w = np.exp(rng.uniform(-4.0, 0.0, size=(m, count, n)))
    compromise = rng.random(count) < 0.5
    c = rng.uniform(0.5, 1.0, size=count)
    w[:, :, -1] = np.where(compromise[None], c[None] * w.max(axis=2), w[:, :, -1])
    q = simplex_rows(rng, count, m, sparse=0.0).T
    p0 = simplex_rows(rng, count, n, sparse=0.15)
    on = p0 > 0
    # W_g(y) for every g, y: (B, g, y); y off supp p_0 or y = g never counts
    W = (q[:, :, None, None] * w[:, :, None, :] / w[:, :, :, None]).sum(axis=0)
    W = np.where(on[:, None, :] & ~np.eye(n, dtype=bool)[None], W, -np.inf)
    slack = np.where(on, 1.0 - W.max(axis=2), -np.inf)  # (B, g); a single support atom: +inf
    g = slack.argmax(axis=1)
    s = slack[np.arange(count), g]
    p, _ = large_k_batch_run(w, q, p0, ROUNDS, history=False)
    pT = p[-1]
    agree = np.where(s > 0, pT[np.arange(count), g] > 0.5, pT.max(axis=1) < 1.0 - 1e-9)
    return screened_landscapes(np.where(np.isfinite(s), np.where(agree, 1.0, -1.0) * np.abs(s), np.nan), w, q, p0)


def collapse_screen():
    r"""The screen of collapse-criterion, 2 to 5 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = collapse_screen()(rng_for(0), 200)
    >>> best = smallest(out.margins, 1)[0]
    >>> len(out.margins), float(out.margins[best]) < 0, out.build(best).m in (2, 3)
    (200, True, True)
    """
    return over_sizes(_collapse, (2, 3, 4, 5))
