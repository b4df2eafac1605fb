r"""Hypothesis strategies for the rates and stability of the large-K limit (``pluralnash.claims.rates``).

Definitions and conventions
---------------------------
As in :mod:`pluralnash.properties._strategies_beyond`: two rewards in exp form (rational w_i), weights
(q, 1 - q), p_0 with full support; every number is an exact :class:`fractions.Fraction`.

- :func:`rate_landscapes`: two Pareto-incomparable atoms (1, k_2), (k_1, 1) and 1 to ``max_extra_atoms``
  atoms with both values at most 2/3, so their weight at the limit is below 1 (strict complementarity);
  q is drawn inside the two-atom window (an interior limit on two atoms) or beyond it (a point mass).
- :func:`tie_landscapes`: a point mass g = (1, 1) that is the unique limit, and an atom y with
  q w_1(y) + (1 - q) w_2(y) = 1 exactly: W*(y) = 1 at the limit (a degenerate tie), plus small atoms.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.properties._common import _check_int
from pluralnash.properties._conventions import defines_strategy
from pluralnash.properties._strategies_beyond import _shuffled_full

__all__ = ["rate_landscapes", "tie_landscapes"]

_KS = tuple(map(Fraction, ("1/4", "1/2", "1/3", "1/10", "1/5", "2/3")))
_EXTRA = tuple(map(Fraction, ("1/2", "1/10", "1/4", "2/3", "1/3", "1/20", "3/5")))
_SPOTS = tuple(Fraction(j, 8) for j in (4, 3, 5, 2, 6, 1, 7))
_QS = tuple(map(Fraction, ("1/2", "1/3", "2/3", "1/4", "2/5")))
_TIES = tuple(map(Fraction, ("3/2", "5/4", "6/5", "4/3")))


def _extra_columns(draw: Callable, count: int) -> list[tuple[Fraction, Fraction]]:
    return [(draw(st.sampled_from(_EXTRA)), draw(st.sampled_from(_EXTRA))) for _ in range(count)]


@defines_strategy
def rate_landscapes(*, max_extra_atoms: int = 2) -> SearchStrategy:
    r"""Two-reward landscapes with a non-degenerate limit and mass off its support (module docstring).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(rate_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.n)
    (2, 3)
    """
    extra = _check_int("max_extra_atoms", max_extra_atoms, at_least=1)

    @st.composite
    def build(draw: Callable):
        k1, k2 = draw(st.sampled_from(_KS)), draw(st.sampled_from(_KS))
        q_lo = k1 * (1 - k2) / (1 - k1 * k2)
        q_hi = (1 - k2) / (1 - k1 * k2)
        spot = draw(st.sampled_from(_SPOTS + (Fraction(-1, 2), Fraction(3, 2))))
        # spot in (0, 1): inside the window (two-atom limit); -1/2, 3/2: beyond it (a point mass)
        q = q_lo + spot * (q_hi - q_lo) if 0 < spot < 1 else (q_lo / 2 if spot < 0 else (1 + q_hi) / 2)
        columns = [(Fraction(1), k2), (k1, Fraction(1))] + _extra_columns(draw, draw(st.integers(1, extra)))
        return _shuffled_full(draw, columns, (q, 1 - q))

    return build()


@defines_strategy
def tie_landscapes(*, max_extra_atoms: int = 1) -> SearchStrategy:
    r"""Two-reward landscapes whose unique limit is a point mass with an exact tie W*(y) = 1 off it.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(tie_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.n)
    (2, 2)
    """
    extra = _check_int("max_extra_atoms", max_extra_atoms, at_least=0)

    @st.composite
    def build(draw: Callable):
        q = draw(st.sampled_from(_QS))
        y1 = draw(st.sampled_from(tuple(t for t in _TIES if q * t < 1)))
        y2 = (1 - q * y1) / (1 - q)
        columns = [(Fraction(1), Fraction(1)), (y1, y2)] + [
            (a / 2, b / 2) for a, b in _extra_columns(draw, draw(st.integers(0, extra)))]
        return _shuffled_full(draw, columns, (q, 1 - q))

    return build()
