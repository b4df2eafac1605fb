r"""Hypothesis strategies and a small scope for the m-basin statements (m >= 2 rewards, one basin each).

Definitions as in :mod:`pluralnash.numeric.premises.basins_general`: basins S_i = S_{i,ε},
closeness ŵ_i(x) = w_i(x)/max w_i (exp form) or reward gap γ_i(x) = r_i^* - r_i(x) (log form),
κ_i = e^{-(Δ_i - 2ε)} for the sharpest main-text gap Δ_i (over the other basins).

Atoms are laid out basin by basin (S_1's atoms first, its first atom the top of r_1), then the
outside atoms.  On another basin every reward is more than 2ε below its maximum, so κ_i < 1;
outside atoms are more than ε below every maximum.  Every number is an exact Fraction with a
small denominator; draws shrink toward few rewards and atoms, uniform p_0 and equal weights.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Callable, Iterator

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape
from pluralnash.properties._common import (
    _EPS_VALUES,
    _EXP_EPS_VALUES,
    _LOG_STEPS,
    _RATIOS,
    _check_bool,
    _check_int,
    _check_range,
    _draw_simplex,
    _ratios_below,
)
from pluralnash.properties._conventions import defines_strategy

__all__ = ["m_basin_landscapes", "m_basin_small_scope", "finite_k_basin_landscapes", "finite_k_small_scope",
           "finite_k_non_collapse_landscapes", "finite_k_non_collapse_small_scope", "two_atom_finite_k_landscapes",
           "two_atom_small_scope"]


def _q_bounds(q: tuple[Fraction, ...], above_kappa: bool) -> list[Fraction]:
    """The bound each κ_i is kept below: q_i when q_i > κ_i is wanted, else 1."""
    return [qi if above_kappa else Fraction(1) for qi in q]


def _exact_rows(draw: Callable, sizes: list[int], n_out: int, e: Fraction, caps: list[Fraction]) -> list[list]:
    """ŵ_i(x) for every reward and atom: 1 at S_i's top, within [e, 1] on S_i, below e² · cap_i elsewhere."""
    inner = tuple(x for x in _RATIOS if e <= x <= 1)
    rows = []
    for i, cap in enumerate(caps):
        row: list[Fraction] = []
        for j, size in enumerate(sizes):
            if j == i:
                row += [Fraction(1)] + [draw(st.sampled_from(inner)) for _ in range(size - 1)]
            else:
                row += [draw(st.sampled_from(_ratios_below(e * e * cap))) for _ in range(size)]
        row += [draw(st.sampled_from(_ratios_below(e * e))) for _ in range(n_out)]
        rows.append(row)
    return rows


def _log_rows(draw: Callable, sizes: list[int], n_out: int, eps: Fraction, caps: list[Fraction]) -> list[list]:
    """r_i(x) = -γ_i(x): 0 at S_i's top, γ in [0, ε] on S_i, γ > 2ε + log(1/cap_i) elsewhere, γ > ε outside."""
    inner = tuple(sorted({eps * k / 4 for k in range(5)}))
    rows = []
    for i, cap in enumerate(caps):
        # log(1/cap) <= 1/cap - 1, so a gap of 2ε + 1/cap - 1 + step keeps κ_i below cap
        floor = 2 * eps + (1 / cap - 1)
        row: list[Fraction] = []
        for j, size in enumerate(sizes):
            if j == i:
                row += [Fraction(0)] + [-draw(st.sampled_from(inner)) for _ in range(size - 1)]
            else:
                row += [-(floor + draw(st.sampled_from(_LOG_STEPS))) for _ in range(size)]
        row += [-(2 * eps + draw(st.sampled_from(_LOG_STEPS))) for _ in range(n_out)]
        rows.append(row)
    return rows


@defines_strategy
def m_basin_landscapes(*, min_rewards: int = 2, max_rewards: int = 4, max_basin_atoms: int = 2,
                       min_outside_atoms: int = 0, max_outside_atoms: int = 1, exact: bool = True,
                       q_above_kappa: bool = False) -> SearchStrategy:
    r"""Landscapes with m rewards, m disjoint basins and κ_i < 1 for every i.

    Parameters
    ----------
    min_rewards, max_rewards : int
        Bounds on m (``2 <= min <= max``).
    max_basin_atoms : int
        Most atoms per basin (each has at least one).
    min_outside_atoms, max_outside_atoms : int
        Bounds on the number of atoms outside every basin (``0 <= min <= max``).
    exact : bool
        ``True``: ``exp_rewards`` and ``exp_eps`` (κ_i exact); ``False``: ``rewards`` and ``eps``.
    q_above_kappa : bool
        ``True`` keeps every κ_i < q_i (the premise of the m-basin non-collapse statement).

    Returns
    -------
    SearchStrategy[Landscape]

    Examples
    --------
    >>> from hypothesis import Phase, find, settings
    >>> first = settings(database=None, derandomize=True, phases=[Phase.generate])
    >>> L = find(m_basin_landscapes(), lambda L: True, settings=first)
    >>> L.m >= 2 and len(L.basins()) == L.m
    True
    """
    lo, hi = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=2)
    per_basin = _check_int("max_basin_atoms", max_basin_atoms, at_least=1)
    n_out_min, n_out_max = _check_range("min_outside_atoms", min_outside_atoms, "max_outside_atoms",
                                        max_outside_atoms, at_least=0)
    exact = _check_bool("exact", exact)
    above = _check_bool("q_above_kappa", q_above_kappa)

    @st.composite
    def build(draw: Callable) -> Landscape:
        m = draw(st.integers(lo, hi))
        sizes = [draw(st.integers(1, per_basin)) for _ in range(m)]
        n_out = draw(st.integers(n_out_min, n_out_max))
        q = _draw_simplex(draw, m, full_support=True)
        p0 = _draw_simplex(draw, sum(sizes) + n_out, full_support=True)
        caps = _q_bounds(q, above)
        if exact:
            e = draw(st.sampled_from(_EXP_EPS_VALUES))
            return Landscape(exp_rewards=_exact_rows(draw, sizes, n_out, e, caps), weights=q, p0=p0, exp_eps=e)
        eps = draw(st.sampled_from(_EPS_VALUES))
        return Landscape(rewards=_log_rows(draw, sizes, n_out, eps, caps), weights=q, p0=p0, eps=eps)

    return build()


def _one_top_each(m: int, strong: Fraction, weak: Fraction, cross: Fraction, q: tuple, outside: bool) -> Landscape:
    """m single-atom basins under e^{-ε} = 1/2: reward 1 leaks ``strong`` onto the other basins, every
    other reward ``weak``; the other rewards give S_1 only ``cross``; an optional outside atom."""
    rows = []
    for i in range(m):
        leak = strong if i == 0 else weak
        row = [Fraction(1) if j == i else (cross if j == 0 else leak) for j in range(m)]
        rows.append(row + ([Fraction(1, 1000)] if outside else []))
    n = m + (1 if outside else 0)
    return Landscape(exp_rewards=rows, weights=q, p0=[Fraction(1, n)] * n, exp_eps=Fraction(1, 2))


def m_basin_small_scope(bound: int, *, q_above_kappa: bool = False) -> Iterator[Landscape]:
    r"""The small scope of the m-basin claims: single-atom basins, m = 2..4, leakage factors far apart.

    Reward 1 leaks strongly (κ_1 up to 4/5) while the others barely leak (κ_i down to 1/25), and the
    other rewards give S_1 little mass, so a_1* sits near its lower end: the setups where reading a
    basin with its neighbour's κ, or dropping the leakage term, is wrong.  With
    ``q_above_kappa=False`` some weights fall below κ_1 e^{-2ε}, where basin 1 loses all its mass.
    """
    strongs = (Fraction(1, 5), Fraction(1, 8), Fraction(1, 10))
    weaks = (Fraction(1, 100), Fraction(1, 40))
    count = 0
    for m, strong, weak, outside in itertools.product((2, 3, 4), strongs, weaks, (False, True)):
        firsts = (Fraction(1, 2), Fraction(1, 3)) + (() if q_above_kappa else (Fraction(1, 30),))
        for q1 in firsts:
            if q_above_kappa and q1 <= 4 * strong:
                continue
            rest = (1 - q1) / (m - 1)
            q = (q1,) + (rest,) * (m - 1)
            if q_above_kappa and rest <= 4 * weak:
                continue
            yield _one_top_each(m, strong, weak, Fraction(1, 1000), q, outside)
            count += 1
            if count >= bound:
                return


@defines_strategy
def finite_k_basin_landscapes(*, min_K: int = 2, max_K: int = 5, max_rewards: int = 3,
                              min_outside_atoms: int = 0) -> SearchStrategy:
    r"""Exact m-basin landscapes (single-atom basins, at most one outside atom) with a K in [min_K, max_K].

    Small enough for the exact finite-K run (the rationals grow about K-fold per step).  p_0 is drawn
    from the simplex or, half the time, puts 1/40 on one basin: the start where a basin's step is
    steepest and the large-K bounds are furthest from the finite-K map.

    Examples
    --------
    >>> from hypothesis import Phase, find, settings
    >>> first = settings(database=None, derandomize=True, phases=[Phase.generate])
    >>> L = find(finite_k_basin_landscapes(), lambda L: True, settings=first)
    >>> 2 <= L.K <= 5 and L.exp_rewards is not None
    True
    """
    lo, hi = _check_range("min_K", min_K, "max_K", max_K, at_least=2)
    top = _check_int("max_rewards", max_rewards, at_least=2)
    base = m_basin_landscapes(max_rewards=top, max_basin_atoms=1, min_outside_atoms=min_outside_atoms,
                              max_outside_atoms=max(1, min_outside_atoms))

    @st.composite
    def build(draw: Callable) -> Landscape:
        L = draw(base)
        K = draw(st.integers(lo, hi))
        if draw(st.booleans()):
            return L.replace(K=K, p0=_skewed(L.n, draw(st.integers(0, L.m - 1))))
        return L.replace(K=K)

    return build()


def finite_k_small_scope(bound: int) -> Iterator[Landscape]:
    r"""The small scope of the finite-K claims: the m-basin small scope's setups with an outside atom,
    K = 2..5, uniform p_0 or 1/40 on basin 2 (whose reward barely leaks, so the large-K bound is steep)."""
    count = 0
    for K in (2, 3, 5, 4):
        for L in m_basin_small_scope(10 * bound):
            if L.m > 3 or L.n == L.m:
                continue
            for p0 in (L.p0, _skewed(L.n, 1)):
                yield L.replace(K=K, p0=p0)
                count += 1
                if count >= bound:
                    return


def _skewed(n: int, small: int) -> list[Fraction]:
    """p_0 with 1/40 on atom ``small`` and the rest spread evenly."""
    rest = (1 - Fraction(1, 40)) / (n - 1)
    return [Fraction(1, 40) if x == small else rest for x in range(n)]


def _non_collapse_setup(q: tuple, K: int, e: Fraction, caps: list[Fraction], p0: list[Fraction]) -> Landscape:
    """Single-atom basins, no outside atom; reward i gives the other basins ŵ_i = caps[i]."""
    m = len(q)
    rows = [[Fraction(1) if j == i else caps[i] for j in range(m)] for i in range(m)]
    return Landscape(exp_rewards=rows, weights=q, p0=p0, exp_eps=e, K=K)


@defines_strategy
def finite_k_non_collapse_landscapes(*, max_rewards: int = 3) -> SearchStrategy:
    r"""Exact single-atom-basin landscapes with no outside atom and every L_{K,i} > 0 (K in m+1..5).

    L_{K,i} > 0 means q_i K E > E + (K-1) c_i (c_i = ŵ_i on the other basins), so q_i > 1/K is
    drawn first and c_i below both (q_i K E - E)/(K-1) and E² (κ_i < 1).  p_0 is drawn from the
    simplex or puts 1/40 on one basin.

    Examples
    --------
    >>> from hypothesis import Phase, find, settings
    >>> first = settings(database=None, derandomize=True, phases=[Phase.generate])
    >>> L = find(finite_k_non_collapse_landscapes(), lambda L: True, settings=first)
    >>> L.K > L.m and L.n == L.m
    True
    """
    top = _check_int("max_rewards", max_rewards, at_least=2)

    @st.composite
    def build(draw: Callable) -> Landscape:
        m = draw(st.integers(2, top))
        K = draw(st.integers(m + 1, max(m + 1, 5)))
        counts = [draw(st.integers(8, 12)) for _ in range(m)]
        q = tuple(Fraction(k, sum(counts)) for k in counts)
        e = draw(st.sampled_from(_EXP_EPS_VALUES))
        bounds = [min(e * e, (qi * K * e - e) / (K - 1)) for qi in q]
        if min(bounds) <= 0:
            from hypothesis import reject

            reject()
        caps = [draw(st.sampled_from(_ratios_below(b))) for b in bounds]
        p0 = _skewed(m, draw(st.integers(0, m - 1))) if draw(st.booleans()) else _draw_simplex(draw, m, full_support=True)
        return _non_collapse_setup(q, K, e, caps, p0)

    return build()


def finite_k_non_collapse_small_scope(bound: int) -> Iterator[Landscape]:
    r"""Equal weights, K = m+1..5, e^{-ε} = 1/2, leakage c = 1/100 or 1/40, uniform p_0 or 1/40 on one basin."""
    count = 0
    for m, c, skew in itertools.product((2, 3), (Fraction(1, 100), Fraction(1, 40)), (None, 0)):
        for K in range(m + 1, 6):
            p0 = [Fraction(1, m)] * m if skew is None else _skewed(m, skew)
            yield _non_collapse_setup((Fraction(1, m),) * m, K, Fraction(1, 2), [c] * m, p0)
            count += 1
            if count >= bound:
                return


def _two_atoms(q: Fraction, K: int, e: Fraction, c1: Fraction, c2: Fraction, a0: Fraction) -> Landscape:
    """Atom A tops r_1 (ŵ_2(A) = c_2), atom B tops r_2 (ŵ_1(B) = c_1); p_0 = (a_0, 1 - a_0)."""
    return Landscape(exp_rewards=[[Fraction(1), c1], [c2, Fraction(1)]], weights=(q, 1 - q), p0=(a0, 1 - a0),
                     exp_eps=e, K=K)


@defines_strategy
def two_atom_finite_k_landscapes(*, min_K: int = 2, max_K: int = 5) -> SearchStrategy:
    r"""Two atoms, one per basin, κ_i < 1 and q strictly inside (κ_1, 1 - κ_2), with a K in [min_K, max_K].

    Examples
    --------
    >>> from hypothesis import Phase, find, settings
    >>> first = settings(database=None, derandomize=True, phases=[Phase.generate])
    >>> L = find(two_atom_finite_k_landscapes(), lambda L: True, settings=first)
    >>> L.n == 2 and 2 <= L.K <= 5
    True
    """
    lo, hi = _check_range("min_K", min_K, "max_K", max_K, at_least=2)

    @st.composite
    def build(draw: Callable) -> Landscape:
        e = draw(st.sampled_from(_EXP_EPS_VALUES))
        c1, c2 = (draw(st.sampled_from(_ratios_below(e * e))) for _ in range(2))
        k1, k2 = c1 / (e * e), c2 / (e * e)
        choices = tuple(x for x in _RATIOS if k1 < x < 1 - k2)
        if not choices:
            from hypothesis import reject

            reject()
        a0 = draw(st.sampled_from(tuple(x for x in _RATIOS if x < 1)))
        return _two_atoms(draw(st.sampled_from(choices)), draw(st.integers(lo, hi)), e, c1, c2, a0)

    return build()


def two_atom_small_scope(bound: int) -> Iterator[Landscape]:
    r"""Two atoms under e^{-ε} = 1/2, K = 2 first: q = 3/5, 2/5, 1/2 against leakage 1/100 and 1/40."""
    count = 0
    for K, q, c, a0 in itertools.product((2, 3), (Fraction(3, 5), Fraction(2, 5), Fraction(1, 2)),
                                         (Fraction(1, 100), Fraction(1, 40)), (Fraction(1, 2), Fraction(1, 3))):
        yield _two_atoms(q, K, Fraction(1, 2), c, c, a0)
        count += 1
        if count >= bound:
            return
