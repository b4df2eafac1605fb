r"""Hypothesis strategies for the plateau, variance and Nash-limit statements ([FALA26] Prop. 3.4,
Theorem 3.6, Corollary 3.8), composed from :mod:`pluralnash.properties._strategies`.

Conventions
-----------
Every setup is an exact two-reward :class:`~pluralnash.numeric.Landscape` in exp form
(``exp_rewards``, ``exp_eps``), large-K (``K=None``), so the limit solver and the dynamics stay
exact.  ρ_i(x) = w_i(x) / max w_i; x ∉ S_ε has ρ_i(x) < e^{-ε} = ``exp_eps`` for both i.

``compromise=False`` draws only setups that satisfy the hard-separation premise
ρ_1(x) + ρ_2(x) < 1 off the basins *by construction* (``exp_eps`` <= 1/2, so ρ_i < 1/2);
``compromise=True`` draws instead wide basins (``exp_eps`` = 9/10) with appended compromise outside
atoms, ρ_1, ρ_2 ∈ [3/5, 4/5] so ρ_1 + ρ_2 > 1, and uneven weights: the part of the wider class where
a planted "dropped premise" variant can fail.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.properties._common import _check_bool, _check_int
from pluralnash.properties._strategies_two_basin import plateau_landscapes, two_basin_landscapes
from pluralnash.theory import InvalidArgument
from pluralnash.properties._conventions import defines_strategy

__all__ = [
    "nonplateau_landscapes",
    "plateau_hard_separation_landscapes",
    "variance_landscapes",
]

# e^{-ε} values that keep every outside atom at ρ_1 + ρ_2 < 1, simplest first.
_NARROW = tuple(map(Fraction, ("1/2", "1/3", "1/4")))
# A wide basin level e^{-ε} = 9/10, and scaled values ρ < 9/10 for compromise outside atoms: any two
# of them sum to more than 1.
_WIDE = Fraction(9, 10)
_COMPROMISE = tuple(map(Fraction, ("3/4", "4/5", "7/10", "2/3", "3/5")))
_COMPROMISE_MASS = tuple(map(Fraction, ("1/4", "1/2", "1/10", "3/4")))
# Uneven weights q: with them the limit tends to share mass between one basin and a compromise.
_UNEVEN = tuple(map(Fraction, ("3/4", "1/4", "2/3", "1/3", "4/5", "1/5", "1/2")))


@st.composite
def _with_compromises(draw, base: SearchStrategy, max_extra: int):
    """Append 1..max_extra compromise atoms (ρ_1, ρ_2 in ``_COMPROMISE``, so ρ_1 + ρ_2 > 1) to a
    landscape with e^{-ε} = 9/10, giving them p_0 mass μ in total, and redraw q from ``_UNEVEN``."""
    L = draw(base)
    extra = draw(st.integers(1, max_extra))
    tops = [max(row) for row in L.exp_rewards]
    values = [[draw(st.sampled_from(_COMPROMISE)) for _ in range(2)] for _ in range(extra)]
    rows = [tuple(L.exp_rewards[i]) + tuple(tops[i] * v[i] for v in values) for i in range(2)]
    mu = draw(st.sampled_from(_COMPROMISE_MASS))
    p0 = tuple((1 - mu) * v for v in L.p0) + (mu / extra,) * extra
    q = draw(st.sampled_from(_UNEVEN))
    return L.replace(exp_rewards=rows, p0=p0, weights=(q, 1 - q))


def _each(levels: tuple[Fraction, ...], make, **kwargs) -> SearchStrategy:
    """One strategy per basin level, built once (building strategies inside a draw is slow)."""
    return st.one_of(*(make(exp_eps=e, **kwargs) for e in levels))


@defines_strategy
def plateau_hard_separation_landscapes(*, max_basin_atoms: int = 3, max_outside_atoms: int = 2,
                                       compromise: bool = False) -> SearchStrategy:
    r"""Plateau landscapes (B.6) for the hard-separation statements (Prop. 3.4, Corollary 3.8).

    Parameters
    ----------
    max_basin_atoms : int
        Largest |S_{i,ε}| (>= 1).
    max_outside_atoms : int
        Largest number of atoms outside S_ε (>= 0).
    compromise : bool
        ``False``: outside atoms satisfy ρ_1 + ρ_2 < 1 by construction (the premise
        "m_t -> 0 along the hard-separation family").  ``True``: wide basins (e^{-ε} = 9/10) with
        1..``max_outside_atoms`` compromise atoms (ρ_1 + ρ_2 > 1), where that premise fails.

    Returns
    -------
    SearchStrategy[Landscape]
        Shrinks toward one atom per basin, no outside atom, e^{-ε} = 1/2.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(plateau_hard_separation_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.n, L.basins(), L.exp_eps)
    (2, ((0,), (1,)), Fraction(1, 2))
    """
    max_basin_atoms = _check_int("max_basin_atoms", max_basin_atoms, at_least=1)
    max_outside_atoms = _check_int("max_outside_atoms", max_outside_atoms, at_least=0)
    compromise = _check_bool("compromise", compromise)
    if compromise:
        if not max_outside_atoms:
            raise InvalidArgument("compromise=True needs max_outside_atoms >= 1; pass max_outside_atoms=1 or more")
        wide = plateau_landscapes(exp_eps=_WIDE, max_basin_atoms=max_basin_atoms, max_outside_atoms=0)
        return _with_compromises(wide, max_outside_atoms)
    parts = [_each(_NARROW, plateau_landscapes, max_basin_atoms=max_basin_atoms, max_outside_atoms=0)]
    if max_outside_atoms:
        parts.append(_each(_NARROW, plateau_landscapes, max_basin_atoms=max_basin_atoms, min_outside_atoms=1,
                           max_outside_atoms=max_outside_atoms))
    return st.one_of(*parts)


@defines_strategy
def nonplateau_landscapes(*, max_basin_atoms: int = 3, max_outside_atoms: int = 1) -> SearchStrategy:
    r"""Two-basin landscapes (Assumption 2.1) with at least two atoms per basin, not plateau in
    general: the wider class of a planted variant that drops B.6.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(nonplateau_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> [len(b) for b in L.basins()]
    [2, 2]
    """
    max_basin_atoms = _check_int("max_basin_atoms", max_basin_atoms, at_least=2)
    max_outside_atoms = _check_int("max_outside_atoms", max_outside_atoms, at_least=0)
    return _each(_NARROW, two_basin_landscapes, min_basin_atoms=2, max_basin_atoms=max_basin_atoms,
                 max_outside_atoms=max_outside_atoms)


@defines_strategy
def variance_landscapes(*, max_basin_atoms: int = 3, compromise: bool = False) -> SearchStrategy:
    r"""Two-basin landscapes for Theorem 3.6: general basins (within-basin variance > 0 possible),
    plateau basins, and outside atoms.

    Theorem 3.6's premises m_t -> 0 and a_∞ ∈ (0, 1) concern the limit and are not built in: the
    search re-checks them and skips setups that miss them.  ``compromise=True`` draws instead wide
    basins with one compromise outside atom and uneven weights, where m_t need not tend to 0.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(variance_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.n, L.m)
    (2, 2)
    """
    max_basin_atoms = _check_int("max_basin_atoms", max_basin_atoms, at_least=1)
    compromise = _check_bool("compromise", compromise)
    if compromise:
        # min_gap=10: cross values below (9/10)^10 < 0.35, so a compromise can beat the basins
        wide = st.one_of(plateau_landscapes(exp_eps=_WIDE, max_basin_atoms=2, max_outside_atoms=0, min_gap=10),
                         two_basin_landscapes(exp_eps=_WIDE, max_basin_atoms=2, max_outside_atoms=0, min_gap=10))
        return _with_compromises(wide, 1)
    return st.one_of(
        _each(_NARROW, two_basin_landscapes, max_basin_atoms=max_basin_atoms, max_outside_atoms=0),
        _each(_NARROW, plateau_landscapes, max_basin_atoms=max_basin_atoms, max_outside_atoms=0),
        _each(_NARROW, two_basin_landscapes, max_basin_atoms=max_basin_atoms, min_outside_atoms=1,
              max_outside_atoms=1),
    )
