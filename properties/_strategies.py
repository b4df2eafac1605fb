r"""Hypothesis strategies for finite retraining setups ([FALA26] §1-§2).

Definitions and conventions
---------------------------
A setup is a :class:`pluralnash.numeric.Landscape`: n atoms x, m rewards r_i given either in
log form (``rewards``, r_i(x)) or in exp form (``exp_rewards``, w_i(x) = e^{r_i(x)} > 0),
curation weights q on the simplex, an initial model p_0 on the simplex, optionally a basin
width ε and a candidate count K (``None`` is the large-K regime, Eq. 5).

Python spellings: ``eps`` is ε, ``exp_eps`` is e^{-ε}; ``exp_gaps`` are e^{-Δ_i} and
``exp_delta`` is e^{-δ}, with Δ_i and δ the constants of Assumption 2.1(iii).  In exp form a
ratio w_i(x) / max w_i = e^{r_i(x) - r_i^*} plays the part of the reward gap r_i^* - r_i(x):
x ∈ S_{i,ε} iff w_i(x) / max w_i >= e^{-ε}.

Every number a strategy produces is an exact :class:`fractions.Fraction` with a small
denominator, so exact large-K steps stay cheap.  Every strategy shrinks toward a simple setup:
few atoms, equal weights, uniform p_0, rewards at their maximum (w = 1, r = 0), no ties.

Arguments are validated when the strategy is built, not when it is drawn from: a bad argument
raises :class:`pluralnash.theory.InvalidArgument` whose message names it.
"""


from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape, to_fraction
from pluralnash.theory import InvalidArgument
from pluralnash.properties._common import (
    _EPS_VALUES,
    _EXP_EPS_VALUES,
    _check_bool,
    _check_K,
    _check_range,
    _draw_K,
    _draw_simplex,
    _exp_grid,
    _log_grid,
)
from pluralnash.properties._conventions import defines_strategy

__all__ = ["landscapes", "simplex_points"]


# -- simplex points -----------------------------------------------------------------------------------


@defines_strategy
def simplex_points(*, min_size: int = 1, max_size: int = 6, full_support: bool = True) -> SearchStrategy:
    r"""Exact points on the probability simplex, as tuples of Fractions summing exactly to 1.

    Parameters
    ----------
    min_size, max_size : int
        Bounds on the dimension (``min_size=max_size=n`` fixes it); ``1 <= min_size <= max_size``.
    full_support : bool
        ``True``: every entry is > 0.  ``False``: entries may be 0 (at least one stays > 0).

    Returns
    -------
    SearchStrategy[tuple[Fraction, ...]]
        Entries c_k / Σ c with integer counts 1 <= c_k <= 12; shrinks toward the uniform point.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> find(simplex_points(min_size=3, max_size=3), lambda p: True, settings=settings(database=None, derandomize=True))
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    """
    lo, hi = _check_range("min_size", min_size, "max_size", max_size, at_least=1)
    full_support = _check_bool("full_support", full_support)

    @st.composite
    def points(draw: Callable) -> tuple[Fraction, ...]:
        return _draw_simplex(draw, draw(st.integers(lo, hi)), full_support=full_support)

    return points()


# -- general landscapes ---------------------------------------------------------------------------------


@defines_strategy
def landscapes(
    *,
    min_atoms: int = 1,
    max_atoms: int = 6,
    min_rewards: int = 1,
    max_rewards: int = 3,
    min_value: Any = -4,
    max_value: Any = 0,
    exact: bool = True,
    full_support: bool = True,
    with_eps: bool = False,
    K: int | SearchStrategy | None = None,
) -> SearchStrategy:
    r"""General finite landscapes: n atoms, m rewards, exact weights and initial model.

    Parameters
    ----------
    min_atoms, max_atoms : int
        Bounds on n, the number of atoms (``1 <= min_atoms <= max_atoms``).
    min_rewards, max_rewards : int
        Bounds on m, the number of rewards (``1 <= min_rewards <= max_rewards``).
    min_value, max_value : number
        Bounds on every reward value r_i(x) (exact rationals; ``min_value <= max_value``).
    exact : bool
        ``True``: ``exp_rewards`` w_i(x) = e^{r_i(x)}, positive rationals with small denominators
        (so large-K steps stay exact), with log w_i(x) in [min_value, max_value].
        ``False``: ``rewards`` r_i(x), rationals with denominator <= 4 (or the bounds themselves).
    full_support : bool
        ``True``: p_0(x) > 0 for every atom.  ``False``: some p_0(x) may be 0, at least one is > 0.
    with_eps : bool
        Also draw a basin width: ``exp_eps`` when exact, ``eps`` otherwise.
    K : None, int >= 2, or strategy of ints
        Number of candidates; ``None`` is the large-K regime.

    Returns
    -------
    SearchStrategy[Landscape]
        Weights q are > 0 and sum exactly to 1, as does p_0.  Some landscapes have ties: atoms
        whose reward vectors (r_1(x), ..., r_m(x)) are identical.  Shrinks toward one atom, one
        reward, w = 1 (r = 0 when in range), equal weights and uniform p_0.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(landscapes(min_atoms=2, min_rewards=2), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.n, L.m, L.exp_rewards, L.weights, L.p0) == (2, 2, ((1, 1), (1, 1)), (Fraction(1, 2),) * 2,
    ...                                                (Fraction(1, 2),) * 2)
    True
    """
    atoms = _check_range("min_atoms", min_atoms, "max_atoms", max_atoms, at_least=1)
    rewards = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=1)
    lo, hi = to_fraction(min_value, "min_value"), to_fraction(max_value, "max_value")
    if hi < lo:
        raise InvalidArgument(
            f"max_value={hi} is below min_value={lo}; pass max_value >= min_value, e.g. max_value={lo}"
        )
    exact = _check_bool("exact", exact)
    full_support = _check_bool("full_support", full_support)
    with_eps = _check_bool("with_eps", with_eps)
    K = _check_K(K)
    value = st.sampled_from(_reward_values(lo, hi, exact))
    eps_values = st.sampled_from(_EXP_EPS_VALUES if exact else _EPS_VALUES) if with_eps else None

    @st.composite
    def build(draw: Callable) -> Landscape:
        return _draw_landscape(draw, atoms, rewards, value, exact=exact, full_support=full_support, K=K,
                               eps_values=eps_values)

    return build()


def _reward_values(lo: Fraction, hi: Fraction, exact: bool) -> tuple[Fraction, ...]:
    """The grid of reward values of :func:`landscapes`: w = e^r (exact) or r, for lo <= r <= hi."""
    if not exact:
        return _log_grid(lo, hi)
    values = _exp_grid(lo, hi)
    if not values:
        raise InvalidArgument(
            f"min_value={lo}, max_value={hi} leave no simple rational w = e^r with r in range "
            f"(e^r is irrational for rational r != 0); widen the range or pass exact=False"
        )
    return values


def _draw_landscape(draw: Callable, atoms: tuple[int, int], rewards: tuple[int, int], value: SearchStrategy,
                    *, exact: bool, full_support: bool, K: Any, eps_values: SearchStrategy | None) -> Landscape:
    """One draw of :func:`landscapes`: sizes, reward columns (some tied), weights, p_0, K, basin width."""
    n, m = draw(st.integers(*atoms)), draw(st.integers(*rewards))
    ties = n > 1 and draw(st.booleans())
    columns: list[tuple[Fraction, ...]] = []
    for k in range(n):
        source = draw(st.none() | st.integers(0, k - 1)) if ties and k else None
        columns.append(columns[source] if source is not None else tuple(draw(value) for _ in range(m)))
    matrix = tuple(tuple(col[i] for col in columns) for i in range(m))
    fields: dict[str, Any] = {
        "exp_rewards" if exact else "rewards": matrix,
        "weights": _draw_simplex(draw, m, full_support=True),
        "p0": _draw_simplex(draw, n, full_support=full_support),
        "K": _draw_K(draw, K),
    }
    if eps_values is not None:
        fields["exp_eps" if exact else "eps"] = draw(eps_values)
    return Landscape(**fields)
