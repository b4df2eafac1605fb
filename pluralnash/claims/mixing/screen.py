r"""Float64 screen of the mixing floor (reference data mixed into each round, [FERB24] real-data mixing).

Definitions and conventions as in :mod:`pluralnash.claims.mixing.checks`: p_{t+1} = (1 - λ) p_ref +
λ p_t W_t with W_t the large-K weights (``lam`` = λ, ``reference`` = p_ref).  The screen draws a
batch of landscapes in exp form (one or two rewards, e^{r_i} uniform in (0, 1) with one atom at 1,
p_0 and p_ref with some masses tiny or zero, λ from a grid of simple rationals), runs the rounds of
the instance check on the whole batch at once with the one large-K step
(:func:`pluralnash.numeric.engines.step.large_k_step` on numpy batches) and scores each landscape
by min_{t, x} (p_t(x) - (1 - λ) p_ref(x)) over the atoms of supp p_ref, the check's margin.  The scores only rank setups: the
search certifies the chosen ones with the claim's own exact check.  numpy and Hypothesis are
imported when the screen runs.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["floor_screen"]

ROUNDS = 6  # the rounds the instance check decides
# λ in (0, 1): at λ = 0 or 1, or where p_ref(x) = 0, the floor is met with equality and ranks nothing
_LAMS = (Fraction(1, 10), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4), Fraction(9, 10))


def _floor(rng, count: int, n: int):
    import numpy as np

    from pluralnash.numeric.engines.step import large_k_step
    from pluralnash.numeric.engines.step_batch import NUMPY_BATCH
    from pluralnash.properties._screen import Screened, exact_landscape, simplex_exact, simplex_rows

    m = 1 + (n % 2)
    w = rng.uniform(0.01, 1.0, size=(m, count, n))
    w[:, np.arange(count), rng.integers(0, n, size=count)] = 1.0
    q = simplex_rows(rng, count, m, sparse=0.0).T
    p0, ref = simplex_rows(rng, count, n), simplex_rows(rng, count, n)
    k = rng.integers(0, len(_LAMS), size=count)
    lam = np.array([float(v) for v in _LAMS])[k][:, None]
    p, margin = p0, np.full(count, np.inf)
    for _ in range(ROUNDS):
        cur = large_k_step(NUMPY_BATCH, p, w, q).p
        p = (1 - lam) * ref + lam * cur / cur.sum(axis=-1, keepdims=True)
        margin = np.minimum(margin, np.where(ref > 0, p - (1 - lam) * ref, np.inf).min(axis=1))

    def build(i: int) -> Any:
        reference = simplex_exact(ref[i], 4)
        if reference is None:
            return None
        return exact_landscape(w[:, i, :], q[:, i], p0[i], reference=reference, lam=_LAMS[int(k[i])])

    return Screened(margin, build)


def floor_screen():
    r"""The screen of mixing-floor, 2 to 5 atoms (one reward at odd n, two at even n).

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = floor_screen()(rng_for(0), 200)
    >>> best = smallest(out.margins, 1)[0]
    >>> len(out.margins), bool(out.margins[best] > -1e-12), out.build(best).reference is not None
    (200, True, True)
    """
    return over_sizes(_floor, (2, 3, 4, 5))
