r"""Float64 screen of [FALA26] Theorem 3.7 (weighted Nash bargaining between two basins).

Definitions and conventions as in :mod:`pluralnash.claims.core.checks`: P_j = p_0(. | S_{j,ε}),
u_i(p) = E_p[r_i], r_i = log w_i, A = u_1(P_1) - u_1(P_2), B = u_2(P_2) - u_2(P_1); the premises
are A > 0 and B > 0.  The gains are u_1(p_α) - d_1 = αA and u_2(p_α) - d_2 = (1 - α)B, so in
floats (log N)'(q) = q/q - (1 - q)/(1 - q) vanishes on every setup and says nothing about which to
certify.  The screen therefore draws a batch of two-basin landscapes (as the basin screens do,
:mod:`pluralnash.claims.basins.screen`) and ranks them by the premises' relative slack
min(A, B) / max(A, B): the nearly degenerate bargaining problems, where one side gains almost
nothing, first.  Setups breaking a premise in floats get no margin (NaN).  The scores only rank
setups: the search certifies the chosen ones with the claim's own exact or interval check.  numpy
and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from pluralnash.claims._screens import over_sizes

__all__ = ["bargaining_screen"]


def _bargaining(rng, count: int, n: int):
    import numpy as np

    from pluralnash.claims.basins.screen import TwoBasinBatch

    d = TwoBasinBatch(rng, count, n, 0.25)
    r = np.log(d.w)  # (2, B, n)
    mass = [d.p0 * d.basin[j] for j in (0, 1)]
    with np.errstate(divide="ignore", invalid="ignore"):
        P = [m / m.sum(axis=1, keepdims=True) for m in mass]
        u = [[(P[j] * r[i]).sum(axis=1) for j in (0, 1)] for i in (0, 1)]  # u[i][j] = u_i(P_j)
        A, B = u[0][0] - u[0][1], u[1][1] - u[1][0]
        d.ok &= (A > 0) & (B > 0)
        return d.screened(np.minimum(A, B) / np.maximum(A, B))


def bargaining_screen():
    r"""The screen of Theorem 3.7, 2 to 5 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = bargaining_screen()(rng_for(0), 200)
    >>> best = smallest(out.margins, 1)[0]
    >>> len(out.margins), 0 < float(out.margins[best]) < 1, out.build(best).m
    (200, True, 2)
    """
    return over_sizes(_bargaining, (2, 3, 4, 5))
