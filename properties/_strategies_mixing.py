r"""Hypothesis strategies for reference-data mixing ([FERB24] real-data mixing).

Definitions and conventions
---------------------------
As in :mod:`pluralnash.properties._strategies`: setups are :class:`pluralnash.numeric.Landscape`
objects in exp form (``exp_rewards`` w(x) = e^{r(x)}, rational), every number an exact Fraction,
plus ``reference`` (p_ref, on the simplex) and ``lam`` (λ, the curated share).

- :func:`mixing_landscapes`: one reward, λ in [0, 1), p_0 supported inside supp p_ref (the
  premises of ``mixing-fixed-point``); references with and without full support.
- :func:`outside_mixing_landscapes`: the same (any m on request), except that p_0 charges at least
  one atom outside supp p_ref (the setups the support premise excludes).
- :func:`several_mixing_landscapes`: m >= 2 rewards with weights q_i, otherwise as
  :func:`mixing_landscapes` (the premises of ``mixing-several-rewards``), mixed with the targeted
  :func:`two_peak_mixing_landscapes`: two rewards peaked at the two ends of a line of atoms,
  λ near 1 and the reference concentrated between the peaks (where several fixed points would
  show if there were any).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape
from pluralnash.properties._common import _check_range, _draw_simplex, _exp_grid
from pluralnash.properties._conventions import defines_strategy

__all__ = ["mixing_landscapes", "outside_mixing_landscapes", "several_mixing_landscapes",
           "two_peak_mixing_landscapes"]

_LAMS = tuple(map(Fraction, ("1/2", "0", "1/10", "3/4", "9/10", "99/100")))
_VALUES = st.sampled_from(_exp_grid(Fraction(-5), Fraction(0)))


def _build(draw: Callable, atoms: tuple[int, int], *, outside: bool, rewards: tuple[int, int] = (1, 1)) -> Landscape:
    n = draw(st.integers(*atoms))
    m = draw(st.integers(*rewards)) if rewards != (1, 1) else 1
    w = [tuple(draw(_VALUES) for _ in range(n)) for _ in range(m)]
    if outside:
        missing = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=n - 1))
    else:
        missing = draw(st.sets(st.integers(0, n - 1), max_size=n - 1)) if draw(st.booleans()) else set()
    inside = [k for k in range(n) if k not in missing]
    ref_in = _draw_simplex(draw, len(inside), full_support=True)
    reference = [Fraction(0)] * n
    for k, v in zip(inside, ref_in):
        reference[k] = v
    if outside:
        p0 = _draw_simplex(draw, n, full_support=True)
    else:
        p_in = _draw_simplex(draw, len(inside), full_support=draw(st.booleans()))
        p0 = [Fraction(0)] * n
        for k, v in zip(inside, p_in):
            p0[k] = v
    weights = _draw_simplex(draw, m, full_support=True) if m > 1 else None
    return Landscape(exp_rewards=w, weights=weights, p0=p0, reference=reference, lam=draw(st.sampled_from(_LAMS)))


@defines_strategy
def mixing_landscapes(*, min_atoms: int = 1, max_atoms: int = 5) -> SearchStrategy:
    r"""Single-reward mixed setups meeting the premises of ``mixing-fixed-point``.

    Parameters
    ----------
    min_atoms, max_atoms : int
        Bounds on the number of atoms n.

    Returns
    -------
    SearchStrategy[Landscape]
        m = 1, rational w with log w in [-5, 0], λ in {0, 1/10, 1/2, 3/4, 9/10, 99/100},
        p_ref on the simplex (sometimes missing atoms), supp p_0 ⊆ supp p_ref.  λ shrinks toward 1/2.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(mixing_landscapes(min_atoms=2), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> L.m == 1 and L.lam < 1 and all(r > 0 for p, r in zip(L.p0, L.reference) if p > 0)
    True
    """
    atoms = _check_range("min_atoms", min_atoms, "max_atoms", max_atoms, at_least=1)
    return st.composite(lambda draw: _build(draw, atoms, outside=False))()


@defines_strategy
def outside_mixing_landscapes(*, min_atoms: int = 2, max_atoms: int = 5, min_rewards: int = 1,
                              max_rewards: int = 1) -> SearchStrategy:
    r"""Mixed setups whose p_0 charges an atom outside supp p_ref (one reward unless asked).

    Parameters
    ----------
    min_atoms, max_atoms : int
        Bounds on the number of atoms n (``min_atoms >= 2``).
    min_rewards, max_rewards : int
        Bounds on m (weights q on the simplex when m >= 2).

    Returns
    -------
    SearchStrategy[Landscape]
        As :func:`mixing_landscapes`, but p_ref misses at least one atom and p_0 has full support.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(outside_mixing_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> any(p > 0 and r == 0 for p, r in zip(L.p0, L.reference))
    True
    """
    atoms = _check_range("min_atoms", min_atoms, "max_atoms", max_atoms, at_least=2)
    rewards = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=1)
    return st.composite(lambda draw: _build(draw, atoms, outside=True, rewards=rewards))()


_PEAK_DECAY = tuple(map(Fraction, ("1/10", "1/100", "1/1000", "1/2")))
_NEAR_ONE = tuple(map(Fraction, ("9/10", "99/100", "999/1000")))


def _two_peaks(draw: Callable) -> Landscape:
    n = draw(st.integers(3, 7))
    c = draw(st.sampled_from(_PEAK_DECAY))
    v1 = tuple(c ** x for x in range(n))
    v2 = tuple(c ** (n - 1 - x) for x in range(n))
    mid = n // 2
    rest = draw(st.sampled_from((Fraction(1, 100), Fraction(1, 10), Fraction(1, 1000))))
    reference = [rest / (n - 1)] * n
    reference[mid] = 1 - rest
    q = draw(st.sampled_from((Fraction(1, 2), Fraction(1, 3), Fraction(1, 10))))
    return Landscape(exp_rewards=[v1, v2], weights=[q, 1 - q], p0=_draw_simplex(draw, n, full_support=False),
                     reference=reference, lam=draw(st.sampled_from(_NEAR_ONE)))


@defines_strategy
def two_peak_mixing_landscapes() -> SearchStrategy:
    r"""Two rewards peaked at the ends of a line, λ near 1, p_ref concentrated between the peaks.

    Returns
    -------
    SearchStrategy[Landscape]
        n in 3..7 atoms, v_1(x) = c^x, v_2(x) = c^{n-1-x} with c in {1/10, 1/100, 1/1000, 1/2},
        q in {1/2, 1/3, 1/10}, λ in {9/10, 99/100, 999/1000}, p_ref with mass 1 - δ on the middle
        atom (δ in {1/100, 1/10, 1/1000}) and δ/(n - 1) elsewhere, any p_0.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(two_peak_mixing_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> L.m == 2 and L.lam >= Fraction(9, 10) and max(L.reference) == L.reference[L.n // 2]
    True
    """
    return st.composite(_two_peaks)()


@defines_strategy
def several_mixing_landscapes(*, min_atoms: int = 1, max_atoms: int = 5, min_rewards: int = 2,
                              max_rewards: int = 3) -> SearchStrategy:
    r"""Mixed setups with m >= 2 rewards meeting the premises of ``mixing-several-rewards``.

    Parameters
    ----------
    min_atoms, max_atoms : int
        Bounds on the number of atoms n of the random setups.
    min_rewards, max_rewards : int
        Bounds on m (``min_rewards >= 2``).

    Returns
    -------
    SearchStrategy[Landscape]
        As :func:`mixing_landscapes` with m rewards and weights q on the simplex (supp p_0 ⊆ supp
        p_ref), or, one draw in four or so, :func:`two_peak_mixing_landscapes`.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(several_mixing_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> L.m >= 2 and L.lam < 1 and all(r > 0 for p, r in zip(L.p0, L.reference) if p > 0)
    True
    """
    atoms = _check_range("min_atoms", min_atoms, "max_atoms", max_atoms, at_least=1)
    rewards = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=2)
    random = st.composite(lambda draw: _build(draw, atoms, outside=False, rewards=rewards))()
    return st.one_of(random, random, random, two_peak_mixing_landscapes())

