r"""Basin conditionals and utilities of a two-basin landscape ([FALA26] Theorem 3.7's setting).

P_i = p(· | S_{i,ε}) is a distribution conditioned on a basin, and u_i(P) = E_P[r_i] the utility of
reward i under it: exact ``Fraction`` values when the rewards are given as ``rewards``, ``mpmath.iv``
intervals (the logarithm of ``exp_rewards``) otherwise, at the caller's ``iv`` precision.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import InvalidArgument

__all__ = ["basin_conditionals", "utilities"]


def basin_conditionals(landscape: Landscape,
                       p: Sequence[Fraction] | None = None) -> tuple[list[Fraction], list[Fraction]]:
    r"""P_1, P_2: ``p`` (default p_0) conditioned on S_{1,ε} and S_{2,ε} (exact).

    Raises InvalidArgument when a basin has no mass under ``p`` (for p_0 that is B.2 failing).
    """
    p = landscape.p0 if p is None else p
    out = []
    for b in landscape.basins()[:2]:
        mass = sum((p[k] for k in b), Fraction(0))
        if mass == 0:
            raise InvalidArgument(f"basin {list(b)} has no mass, so P_i = p(.|S_i) is undefined; "
                                  f"give p0 mass on both basins (B.2: p0(S_i) > 0)")
        out.append([p[k] / mass if k in b else Fraction(0) for k in range(landscape.n)])
    return out[0], out[1]


def utilities(landscape: Landscape, P: Sequence[Fraction]):
    r"""u_i(P) = E_P[r_i] for i = 1, 2: exact Fractions (``rewards``) or intervals (log of w)."""
    if landscape.rewards is not None:
        return [sum((P[k] * landscape.rewards[i][k] for k in range(landscape.n) if P[k]), Fraction(0))
                for i in range(landscape.m)]
    logs = log_rewards(landscape, iv.prec)
    P_iv = [iv_frac(v) if v else None for v in P]
    return [sum((P_iv[k] * logs[i][k] for k in range(landscape.n) if P[k]), iv.mpf(0)) for i in range(landscape.m)]


@per_setup(maxsize=256)
def log_rewards(landscape: Landscape, prec: int) -> tuple[tuple, ...]:
    r"""r_i(x) = log w_i(x) as intervals at ``prec`` bits, from ``exp_rewards``: computed once per setup
    and precision (every P of :func:`utilities` on the setup reads the same table)."""
    with iv_workprec(prec):
        return tuple(tuple(iv.log(iv_frac(v)) for v in row) for row in landscape.exp_rewards)
