r"""Hypothesis strategies for the continuous geometry: quadratic rewards with a Gaussian or uniform start.

Definitions and conventions
---------------------------
Setups are :class:`pluralnash.numeric.QuadraticLandscape` objects: rewards r_i(x) = -β ‖x - μ_i‖²,
weights q on the simplex, start N(m_0, s² I) (or uniform on [a, b] in d = 1), basin width ε.
Every number is an exact :class:`fractions.Fraction` with a small denominator.

- :func:`quadratic_landscapes`: d = 1 with either start; in d > 1 a Gaussian start whose mean lies on
  the line through the centres (m_0 + λ_i w), the geometry the independent quadrature route of
  ``continuous-closed-form`` covers.  Coincident centres (μ_i = μ_j, V_n = 0 on those terms) and
  centres at the start's mean are drawn too.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric.engines.continuous import Gaussian, QuadraticLandscape, Uniform
from pluralnash.properties._common import _check_bool, _check_range, _draw_simplex
from pluralnash.properties._conventions import defines_strategy

__all__ = ["quadratic_landscapes"]

_BETAS = tuple(map(Fraction, ("1", "1/2", "2", "3/2")))
_EPS = tuple(map(Fraction, ("1/10", "1/4", "1/2", "1/20")))
_VARS = tuple(map(Fraction, ("1", "1/2", "2", "1/4", "3/2")))


def _rationals(lo: int, hi: int, den: int = 4) -> SearchStrategy:
    return st.integers(lo * den, hi * den).map(lambda k: Fraction(k, den))


@defines_strategy
def quadratic_landscapes(*, min_dim: int = 1, max_dim: int = 3, min_rewards: int = 1,
                         max_rewards: int = 3, distinct_centres: bool = False) -> SearchStrategy:
    r"""Quadratic landscapes with an exact geometry, small enough for T <= 3 closed-form checks.

    Parameters
    ----------
    min_dim, max_dim : int
        Bounds on the dimension d (``1 <= min_dim <= max_dim``).
    min_rewards, max_rewards : int
        Bounds on m (``1 <= min_rewards <= max_rewards``).
    distinct_centres : bool
        Whether consecutive centres differ by 1 to 2 (λ_1 < λ_2 < ...), so that V_n > 0 whenever n
        mixes two rewards; shrinking then stops at separated centres.

    Returns
    -------
    SearchStrategy[QuadraticLandscape]
        β ∈ {1, 1/2, 2, 3/2}, ε ∈ {1/10, 1/4, 1/2, 1/20}; centres m_0 + λ_i w with λ_i in [-2, 2]
        (d = 1) or [-1, 1] (quarters) and w ∈ {-1, 0, 1}^d \ {0}; uniform start on [a, b] ⊂ [-3, 3]
        or Gaussian N(m_0, s² I) with s² ∈ {1/4, ..., 2}.  (Far centres in d > 1 make the
        engine's noncentral χ² series long; the geometry is kept where a default run stays fast.)

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(quadratic_landscapes(min_dim=2, min_rewards=2), lambda L: True,
    ...          settings=settings(database=None, derandomize=True))
    >>> (L.d, L.m, L.init.describe())
    (2, 2, 'N((0, 0), 1 I)')
    """
    dlo, dhi = _check_range("min_dim", min_dim, "max_dim", max_dim, at_least=1)
    mlo, mhi = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=1)
    distinct = _check_bool("distinct_centres", distinct_centres)

    @st.composite
    def build(draw):
        d = draw(st.integers(dlo, dhi))
        m = draw(st.integers(mlo, mhi))
        beta = draw(st.sampled_from(_BETAS))
        eps = draw(st.sampled_from(_EPS))
        weights = _draw_simplex(draw, m, full_support=True)
        if distinct:
            # λ_1 then gaps of 1 .. 2 (a gap below 1 can leave e^{-βV_n} too close to 1 to certify)
            lams = [draw(_rationals(-2, 0) if d == 1 else _rationals(-1, 0))]
            for _ in range(m - 1):
                lams.append(lams[-1] + Fraction(draw(st.integers(4, 8)), 4))
        else:
            lams = [draw(_rationals(-2, 2) if d == 1 else _rationals(-1, 1)) for _ in range(m)]
        if d == 1 and draw(st.booleans()):
            a = draw(st.integers(-3, -1))
            b = draw(st.integers(1, 3))
            return QuadraticLandscape(mu=lams, beta=beta, weights=weights, init=Uniform(a, b), eps=eps)
        m0 = [draw(_rationals(-1, 1, 2)) for _ in range(d)]
        w = [draw(st.integers(-1, 1)) for _ in range(d)]
        if not any(w):
            w[0] = 1
        mu = [[c + lam * wj for c, wj in zip(m0, w)] for lam in lams]
        init = Gaussian(mean=m0, var=draw(st.sampled_from(_VARS)))
        return QuadraticLandscape(mu=mu, beta=beta, weights=weights, init=init, eps=eps)

    return build()
