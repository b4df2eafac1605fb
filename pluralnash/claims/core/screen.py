r"""Float64 screen of the nash-limit statement (F ascends along the large-K dynamics).

Definitions and conventions as in :mod:`pluralnash.claims.core.checks`: F(p) = Σ_i q_i log Z_i(p),
Z_i(p) = E_p[e^{r_i}].  The screen draws a batch of landscapes in exp form (e^{r_i(x)} with
r_i(x) uniform in [-8, 0], two rewards up to 3 atoms, three from 4 atoms on, full-support p_0
with some masses tiny), runs the rounds of the instance check on the whole batch at once
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) and scores each landscape by
its smallest increase min_t (F(p_{t+1}) - F(p_t)), the check's margin: a decrease would refute
the statement.  The scores only rank setups: the search certifies the chosen ones with the
claim's own exact and interval check.  numpy and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["ascent_screen"]

ROUNDS = 12


def _ascent(rng, count: int, n: int):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run
    from pluralnash.properties._screen import Screened, exact_landscape, simplex_rows

    m = 2 if n < 4 else 3
    w = np.exp(rng.uniform(-8.0, 0.0, size=(m, count, n)))
    q = simplex_rows(rng, count, m, sparse=0.0).T
    p0 = np.maximum(simplex_rows(rng, count, n, sparse=0.15), 1e-9)
    p0 /= p0.sum(axis=1, keepdims=True)
    p, _ = large_k_batch_run(w, q, p0, ROUNDS)
    F = (q[None] * np.log((w[None] * p[:, None]).sum(axis=3))).sum(axis=1)  # (T + 1, B)
    margin = (F[1:] - F[:-1]).min(axis=0)

    def build(i: int) -> Any:
        return exact_landscape(w[:, i, :], q[:, i], p0[i])

    return Screened(margin, build)


def ascent_screen():
    r"""The screen of nash-limit's ascent of F, 2 to 5 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = ascent_screen()(rng_for(0), 200)
    >>> len(out.margins), bool(out.margins.min() > -1e-9), out.build(smallest(out.margins, 1)[0]).is_exact
    (200, True, True)
    """
    return over_sizes(_ascent, (2, 3, 4, 5))
