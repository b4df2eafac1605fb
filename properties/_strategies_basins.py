r"""Hypothesis strategies for the basin-mass statements of [FALA26] (Lemmas 3.3-3.5).

Definitions and conventions as in :mod:`pluralnash.properties._strategies`: two rewards, basin
width ε (``exp_eps`` = e^{-ε} in exp form, ``eps`` in log form), closeness ratios
ŵ_i(x) = w_i(x) / max w_i (exp form) or reward gaps γ_i(x) = r_i^* - r_i(x) (log form), κ_i the
leakage factors e^{-(Δ_i - 2ε)} of the sharpest Δ_i.

- :func:`overlapping_basin_landscapes`: S_{1,ε} and S_{2,ε} share atoms (Assumption 2.1(ii) and
  B.3 fail; 2.1(i), 2.1(iii) and B.1 hold), for statements whose premises allow overlap.
- :func:`non_collapse_landscapes`: Assumption 2.1 with q drawn strictly inside (κ_1, 1 - κ_2),
  the premise of [FALA26] Lemma 3.5.

Every number is an exact Fraction with a small denominator; strategies shrink toward few atoms,
uniform p_0, equal weights (or the simplest admissible q) and rewards at their maxima.  Arguments
are validated when the strategy is built.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape
from pluralnash.numeric.premises.constants import measure_basin_constants
from pluralnash.properties._common import (
    _EPS_VALUES, _EXP_EPS_VALUES, _EXP_TOPS, _LOG_STEPS, _LOG_TOPS, _RATIOS, _check_bool, _check_eps, _check_int,
    _check_range, _draw_simplex, _ratios_below, _simplicity,
)
from pluralnash.properties._conventions import defines_strategy
from pluralnash.properties._strategies_two_basin import two_basin_setups

__all__ = ["overlapping_basin_landscapes", "non_collapse_landscapes"]


@defines_strategy
def overlapping_basin_landscapes(
    *,
    min_overlap_atoms: int = 1,
    max_overlap_atoms: int = 2,
    max_basin_atoms: int = 2,
    max_outside_atoms: int = 1,
    exact: bool = True,
    full_support: bool = True,
) -> SearchStrategy:
    r"""Two-reward landscapes whose basins overlap: some atoms are ε-optimal for both rewards.

    Atoms: S_1-only atoms (one attains max r_1; r_2 more than ε below its maximum), S_2-only atoms
    (symmetric), shared atoms strictly below both maxima but within ε of each, and outside atoms
    more than ε below both maxima.  So S_{1,ε} ∩ S_{2,ε} is the set of shared atoms (Assumption
    2.1(ii) and B.3 fail), while 2.1(i) and 2.1(iii) hold (no basin atom attains the other reward's
    maximum, so Δ_i > 0) and p_0(S_{i,ε}) > 0 (B.2 holds).

    Parameters
    ----------
    min_overlap_atoms, max_overlap_atoms : int
        Bounds on |S_{1,ε} ∩ S_{2,ε}| (``1 <= min <= max``).
    max_basin_atoms : int
        Most atoms in S_1 only and in S_2 only (each has at least one).
    max_outside_atoms : int
        Most atoms outside S_ε (``>= 0``).
    exact : bool
        ``True``: ``exp_rewards`` and ``exp_eps``; ``False``: ``rewards`` and ``eps``.
    full_support : bool
        ``False`` lets p_0 vanish on some atoms (never on all of a basin).

    Returns
    -------
    SearchStrategy[Landscape]

    Examples
    --------
    The first (simplest) draw: atoms S_1 only, S_2 only, and one shared atom.

    >>> from hypothesis import Phase, find, settings
    >>> first = settings(database=None, derandomize=True, phases=[Phase.generate])
    >>> L = find(overlapping_basin_landscapes(), lambda L: True, settings=first)
    >>> L.exp_rewards == ((1, Fraction(1, 3), Fraction(1, 2)), (Fraction(1, 3), 1, Fraction(1, 2)))
    True
    >>> L.basins()
    ((0, 2), (1, 2))
    """
    overlap = _check_range("min_overlap_atoms", min_overlap_atoms, "max_overlap_atoms", max_overlap_atoms,
                           at_least=1)
    n_basin = _check_int("max_basin_atoms", max_basin_atoms, at_least=1)
    n_out = _check_int("max_outside_atoms", max_outside_atoms, at_least=0)
    exact = _check_bool("exact", exact)
    full_support = _check_bool("full_support", full_support)
    levels = _EXP_EPS_VALUES if exact else _EPS_VALUES

    @st.composite
    def build(draw: Callable) -> Landscape:
        level = draw(st.sampled_from(levels))
        best, own, shared, low, tops = _overlap_values(level, exact)
        sizes = (draw(st.integers(1, n_basin)), draw(st.integers(1, n_basin)))
        columns = _overlap_columns(draw, sizes, overlap, n_out, best=best, own=own, shared=shared, low=low)
        n = len(columns)
        keep = (0, sizes[0])
        p0 = _draw_simplex(draw, n, full_support=full_support, keep=keep)
        order = draw(st.permutations(range(n)))
        top = (draw(tops), draw(tops))
        rel = [tuple(columns[order[k]][i] for k in range(n)) for i in range(2)]
        value = (lambda t, r: t * r) if exact else (lambda t, r: t - r)
        matrix = tuple(tuple(value(top[i], v) for v in rel[i]) for i in range(2))
        return Landscape(**{
            "exp_rewards" if exact else "rewards": matrix,
            "exp_eps" if exact else "eps": level,
            "weights": _draw_simplex(draw, 2, full_support=True),
            "p0": tuple(p0[order[k]] for k in range(n)),
        })

    return build()


def _overlap_values(level: Fraction, exact: bool) -> tuple:
    """(best, own, shared, low, tops) of :func:`overlapping_basin_landscapes` at basin level ``level``:
    the value at a basin's maximum and strategies for the other in-basin, shared, below-basin values
    and the maxima (ratios ρ in exp form, reward gaps γ in log form)."""
    if exact:
        best = Fraction(1)
        own = st.sampled_from(tuple(x for x in _RATIOS if x >= level))
        shared = st.sampled_from(_shared_ratios(level))
        low = st.sampled_from(_ratios_below(level))
        return best, own, shared, low, st.sampled_from(_EXP_TOPS)
    best = Fraction(0)
    own = st.sampled_from((best, level, level / 2, level / 4, 3 * level / 4))
    shared = st.sampled_from((level / 2, level, level / 4, 3 * level / 4))
    low = st.sampled_from(tuple(level + s for s in _LOG_STEPS))
    return best, own, shared, low, st.sampled_from(_LOG_TOPS)


def _overlap_columns(draw: Callable, sizes: tuple[int, int], overlap: tuple[int, int], n_out: int, *,
                     best: Fraction, own: SearchStrategy, shared: SearchStrategy,
                     low: SearchStrategy) -> list[tuple[Fraction, Fraction]]:
    """Per-atom values (reward 1, reward 2): S_1-only atoms, S_2-only atoms, shared, outside."""
    columns: list[tuple[Fraction, Fraction]] = []
    for i, size in enumerate(sizes):
        for k in range(size):
            mine = best if k == 0 else draw(own)
            other = draw(low)
            columns.append((mine, other) if i == 0 else (other, mine))
    for _ in range(draw(st.integers(*overlap))):
        columns.append((draw(shared), draw(shared)))
    for _ in range(draw(st.integers(0, n_out))):
        columns.append((draw(low), draw(low)))
    return columns


def _shared_ratios(level: Fraction) -> tuple[Fraction, ...]:
    """Simple ratios in [e^{-ε}, 1): ε-optimal without attaining the maximum."""
    return tuple(x for x in _RATIOS if level <= x < 1) or (level,)


def _inside(lo: Fraction, hi: Fraction, limit: int = 16) -> tuple[Fraction, ...]:
    """Simple rationals strictly between lo and hi, simplest first (at most ``limit``)."""
    found = set()
    for d in range(2, 97):
        j0 = lo * d
        j = int(j0) + 1
        while Fraction(j, d) < hi:
            found.add(Fraction(j, d))
            j += 1
        if len(found) >= 4 * limit:
            break
    return tuple(sorted(found, key=_simplicity)[:limit])


@defines_strategy
def non_collapse_landscapes(
    *,
    min_gap: int = 3,
    max_basin_atoms: int = 2,
    max_outside_atoms: int = 1,
    exact: bool = True,
    eps: Any = None,
    exp_eps: Any = None,
    full_support: bool = True,
    q_in_range: bool = True,
) -> SearchStrategy:
    r"""Landscapes satisfying Assumption 2.1 with q strictly inside (κ_1, 1 - κ_2) ([FALA26] Lemma 3.5).

    A :func:`~pluralnash.properties.two_basin_setups` landscape (leakage gaps Δ_i > ``min_gap``·ε)
    gets its weights replaced by (q, 1 - q), q a simple rational strictly between the sharpest κ_1
    and 1 - κ_2 (decided exactly in exp form, from certified interval bounds in log form).
    Landscapes whose range (κ_1, 1 - κ_2) is empty are rejected.

    Parameters
    ----------
    min_gap : int
        Passed to ``two_basin_setups``; at least 2 (κ_i < 1 needs Δ_i > 2ε).
    max_basin_atoms, max_outside_atoms, exact, eps, exp_eps, full_support
        As for ``two_basin_setups``.
    q_in_range : bool
        ``False`` draws q in (0, 1) *outside* (κ_1, 1 - κ_2) instead (q <= κ_1 or q >= 1 - κ_2):
        setups for the variant of Lemma 3.5 without that premise.

    Returns
    -------
    SearchStrategy[Landscape]

    Examples
    --------
    >>> from hypothesis import Phase, find, settings
    >>> first = settings(database=None, derandomize=True, phases=[Phase.generate])
    >>> L = find(non_collapse_landscapes(), lambda L: True, settings=first)
    >>> c = measure_basin_constants(L)
    >>> c.kappa[0].exact < L.weights[0] < 1 - c.kappa[1].exact
    True
    """
    min_gap = _check_int("min_gap", min_gap, at_least=2)
    _check_eps(eps, exp_eps, _check_bool("exact", exact))
    q_in_range = _check_bool("q_in_range", q_in_range)
    setups = two_basin_setups(min_basin_atoms=1, max_basin_atoms=max_basin_atoms, min_outside_atoms=0,
                              max_outside_atoms=max_outside_atoms, min_gap=min_gap, exact=exact, eps=eps,
                              exp_eps=exp_eps, full_support=full_support)

    @st.composite
    def build(draw: Callable) -> Landscape:
        L = draw(setups).landscape
        c = measure_basin_constants(L)
        k1 = c.kappa[0].bounds()
        k2 = c.kappa[1].bounds()
        if q_in_range:  # strictly inside, using outer rational bounds of the kappa_i
            lo = c.kappa[0].exact if c.kappa[0].is_exact else _fraction(k1[1])
            hi = 1 - c.kappa[1].exact if c.kappa[1].is_exact else 1 - _fraction(k2[1])
            choices = _inside(lo, hi) if lo < hi else ()
        else:  # q <= kappa_1 or q >= 1 - kappa_2, using inner rational bounds
            below = c.kappa[0].exact if c.kappa[0].is_exact else _fraction(k1[0])
            above = 1 - c.kappa[1].exact if c.kappa[1].is_exact else 1 - _fraction(k2[0])
            choices = tuple(sorted(set(_inside(Fraction(0), min(below, Fraction(1)), 8)) |
                                   set(_inside(max(above, Fraction(0)), Fraction(1), 8)), key=_simplicity))
        if not choices:
            from hypothesis import reject

            reject()
        q = draw(st.sampled_from(choices))
        return L.replace(weights=(q, 1 - q))

    return build()


def _fraction(x) -> Fraction:
    man, exp = x.man_exp
    return Fraction(man) * Fraction(2) ** exp
