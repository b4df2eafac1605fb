r"""Hypothesis strategies for reference-data mixing ([FERB24] real-data mixing, CLAIMS.md §4).

Definitions and conventions
---------------------------
As in :mod:`pluralnash.properties._strategies`: setups are :class:`pluralnash.numeric.Landscape`
objects in exp form (``exp_rewards`` w(x) = e^{r(x)}, rational), every number an exact Fraction,
plus ``reference`` (p_ref, on the simplex) and ``lam`` (λ, the curated share).

- :func:`mixing_landscapes`: one reward, λ in [0, 1), p_0 supported inside supp p_ref (the
  premises of ``mixing-fixed-point``); references with and without full support.
- :func:`outside_mixing_landscapes`: the same, except that p_0 charges at least one atom outside
  supp p_ref (the setups the support premise excludes).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape
from pluralnash.properties._strategies import _check_range, _draw_simplex, _exp_grid

__all__ = ["mixing_landscapes", "outside_mixing_landscapes"]

_LAMS = tuple(map(Fraction, ("1/2", "0", "1/10", "3/4", "9/10", "99/100")))
_VALUES = st.sampled_from(_exp_grid(Fraction(-5), Fraction(0)))


def _build(draw: Callable, atoms: tuple[int, int], *, outside: bool) -> Landscape:
    n = draw(st.integers(*atoms))
    w = tuple(draw(_VALUES) for _ in range(n))
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
    return Landscape(exp_rewards=(w,), p0=p0, reference=reference, lam=draw(st.sampled_from(_LAMS)))


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
    >>> L = find(mixing_landscapes(min_atoms=2), lambda L: True, settings=settings(database=None))
    >>> L.m == 1 and L.lam < 1 and all(r > 0 for p, r in zip(L.p0, L.reference) if p > 0)
    True
    """
    atoms = _check_range("min_atoms", min_atoms, "max_atoms", max_atoms, at_least=1)
    return st.composite(lambda draw: _build(draw, atoms, outside=False))()


def outside_mixing_landscapes(*, min_atoms: int = 2, max_atoms: int = 5) -> SearchStrategy:
    r"""Single-reward mixed setups whose p_0 charges an atom outside supp p_ref.

    Parameters
    ----------
    min_atoms, max_atoms : int
        Bounds on the number of atoms n (``min_atoms >= 2``).

    Returns
    -------
    SearchStrategy[Landscape]
        As :func:`mixing_landscapes`, but p_ref misses at least one atom and p_0 has full support.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(outside_mixing_landscapes(), lambda L: True, settings=settings(database=None))
    >>> any(p > 0 and r == 0 for p, r in zip(L.p0, L.reference))
    True
    """
    atoms = _check_range("min_atoms", min_atoms, "max_atoms", max_atoms, at_least=2)
    return st.composite(lambda draw: _build(draw, atoms, outside=True))()
