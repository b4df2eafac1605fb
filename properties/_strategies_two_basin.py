r"""Hypothesis strategies for two-basin setups ([FALA26] Assumption 2.1) and plateau setups
([FALA26] Assumption B.6), with their constants read off exactly.

Definitions and conventions as in :mod:`pluralnash.properties._strategies`: two rewards, basin
width ε (``exp_eps`` = e^{-ε} in exp form, ``eps`` in log form); ``exp_gaps`` are e^{-Δ_i} and
``exp_delta`` is e^{-δ}, with Δ_i and δ the constants of Assumption 2.1(iii).  Arguments are
validated when the strategy is built.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape
from pluralnash.properties._common import (
    _EPS_VALUES,
    _EXP_EPS_VALUES,
    _EXP_TOPS,
    _LOG_STEPS,
    _LOG_TOPS,
    _RATIOS,
    _check_bool,
    _check_eps,
    _check_int,
    _check_K,
    _check_range,
    _draw_K,
    _draw_simplex,
    _ratios_below,
)
from pluralnash.properties._conventions import defines_strategy

__all__ = ["TwoBasinSetup", "plateau_landscapes", "plateau_setups", "two_basin_landscapes", "two_basin_setups"]


@dataclass(frozen=True)
class TwoBasinSetup:
    r"""A two-basin landscape with the constants of [FALA26] Assumption 2.1, read off exactly.

    Attributes
    ----------
    landscape : Landscape
        m = 2, with ``exp_eps`` (exp form) or ``eps`` (log form).
    basins : (tuple[int, ...], tuple[int, ...])
        S_{1,ε} and S_{2,ε} as sorted atom indices (disjoint, each with p_0 mass > 0).
    outside : tuple[int, ...]
        X \ S_ε, sorted.
    exp_gaps, exp_delta : Fraction, exp form only
        (e^{-Δ_1}, e^{-Δ_2}) and e^{-δ}: the largest Δ_i, δ for which 2.1(iii) holds, i.e.
        e^{-Δ_1} = max_{x ∈ S_{2,ε}} w_1(x) / max w_1 and e^{-δ} = max over x ∉ S_ε and i of
        w_i(x) / max w_i.  ``None`` in log form.
    gaps, delta : Fraction, log form only
        (Δ_1, Δ_2) and δ, the same constants as reward gaps.  ``None`` in exp form.
    plateau : bool
        Whether the landscape also satisfies B.6 (then e^{-Δ_i} is the plateau value k_i).

    ``exp_delta`` and ``delta`` are ``None`` also when ``outside`` is empty: 2.1(iii) then holds
    for every δ > 0.
    """

    landscape: Landscape
    basins: tuple[tuple[int, ...], tuple[int, ...]]
    outside: tuple[int, ...]
    exp_gaps: tuple[Fraction, Fraction] | None
    exp_delta: Fraction | None
    gaps: tuple[Fraction, Fraction] | None
    delta: Fraction | None
    plateau: bool


class _ExpForm:
    """Values as ratios ρ = w / max w in (0, 1]; x ∈ S iff ρ >= e^{-ε}."""

    def __init__(self, exp_eps: Fraction, min_gap: int) -> None:
        self.best = Fraction(1)
        self.own = st.sampled_from(tuple(x for x in _RATIOS if x >= exp_eps))  # starts with 1
        self.cross = st.sampled_from(_ratios_below(exp_eps**min_gap))  # ρ < e^{-min_gap·ε}: Δ > min_gap·ε
        self.out = st.sampled_from(_ratios_below(exp_eps))  # ρ < e^{-ε}: outside the basin
        self.tops = st.sampled_from(_EXP_TOPS)

    @staticmethod
    def value(top: Fraction, rel: Fraction) -> Fraction:
        return top * rel


class _LogForm:
    """Values as reward gaps γ = r^* - r >= 0; x ∈ S iff γ <= ε."""

    def __init__(self, eps: Fraction, min_gap: int) -> None:
        self.best = Fraction(0)
        self.own = st.sampled_from((self.best, eps, eps / 2, eps / 4, 3 * eps / 4))
        self.cross = st.sampled_from(tuple(min_gap * eps + s for s in _LOG_STEPS))  # Δ > min_gap·ε
        self.out = st.sampled_from(tuple(eps + s for s in _LOG_STEPS))  # γ > ε: outside the basin
        self.tops = st.sampled_from(_LOG_TOPS)

    @staticmethod
    def value(top: Fraction, rel: Fraction) -> Fraction:
        return top - rel


def _two_basin_strategy(
    *,
    plateau: bool,
    min_basin_atoms: Any,
    max_basin_atoms: Any,
    min_outside_atoms: Any,
    max_outside_atoms: Any,
    min_gap: Any,
    exact: Any,
    eps: Any,
    exp_eps: Any,
    full_support: Any,
    K: Any,
) -> SearchStrategy:
    basin_atoms = _check_range("min_basin_atoms", min_basin_atoms, "max_basin_atoms", max_basin_atoms, at_least=1)
    outside_atoms = _check_range(
        "min_outside_atoms", min_outside_atoms, "max_outside_atoms", max_outside_atoms, at_least=0
    )
    min_gap = _check_int("min_gap", min_gap, at_least=1)
    exact = _check_bool("exact", exact)
    full_support = _check_bool("full_support", full_support)
    eps, exp_eps = _check_eps(eps, exp_eps, exact)
    K = _check_K(K)
    fixed_level = exp_eps if exact else eps
    levels = (fixed_level,) if fixed_level is not None else (_EXP_EPS_VALUES if exact else _EPS_VALUES)
    form_of = _ExpForm if exact else _LogForm
    forms = st.sampled_from([(level, form_of(level, min_gap)) for level in levels])

    @st.composite
    def build(draw: Callable) -> TwoBasinSetup:
        level, form = draw(forms)
        sizes = (draw(st.integers(*basin_atoms)), draw(st.integers(*basin_atoms)))
        n_out = draw(st.integers(*outside_atoms))
        tops = (draw(form.tops), draw(form.tops))
        # columns[x] = (ρ_1, ρ_2) or (γ_1, γ_2) of constructed atom x: S_1 atoms, S_2 atoms, outside.
        columns: list[tuple[Fraction, Fraction]] = []
        for i, size in enumerate(sizes):
            if plateau:
                leak = draw(form.cross)
                columns += [(form.best, leak) if i == 0 else (leak, form.best)] * size
                continue
            for k in range(size):
                own = form.best if k == 0 else draw(form.own)  # atom 0 attains the max
                other = draw(form.cross)
                columns.append((own, other) if i == 0 else (other, own))
        for _ in range(n_out):
            columns.append((draw(form.out), draw(form.out)))
        n = len(columns)
        keep = (draw(st.integers(0, sizes[0] - 1)), sizes[0] + draw(st.integers(0, sizes[1] - 1)))
        p0 = _draw_simplex(draw, n, full_support=full_support, keep=keep)
        order = draw(st.permutations(range(n)))  # position k holds constructed atom order[k]
        where = {old: new for new, old in enumerate(order)}
        groups = (range(sizes[0]), range(sizes[0], sizes[0] + sizes[1]), range(sizes[0] + sizes[1], n))
        S1, S2, out = (tuple(sorted(where[k] for k in g)) for g in groups)
        rel = [tuple(columns[order[k]][i] for k in range(n)) for i in range(2)]  # rel[i][x], shuffled
        matrix = tuple(tuple(form.value(tops[i], v) for v in rel[i]) for i in range(2))
        fields: dict[str, Any] = {
            "exp_rewards" if exact else "rewards": matrix,
            "exp_eps" if exact else "eps": level,
            "weights": _draw_simplex(draw, 2, full_support=True),
            "p0": tuple(p0[order[k]] for k in range(n)),
            "K": _draw_K(draw, K),
        }
        landscape = Landscape(**fields)
        # Sharpest constants: the leakiest cross value and the highest outside value.
        sharpest = max if exact else min
        gaps = (sharpest(rel[0][x] for x in S2), sharpest(rel[1][x] for x in S1))
        delta = sharpest(rel[i][x] for x in out for i in range(2)) if out else None
        return TwoBasinSetup(
            landscape=landscape,
            basins=(S1, S2),
            outside=out,
            exp_gaps=gaps if exact else None,
            exp_delta=delta if exact else None,
            gaps=None if exact else gaps,
            delta=None if exact else delta,
            plateau=plateau,
        )

    return build()


_TWO_BASIN_PARAMETERS = r"""
    Parameters
    ----------
    min_basin_atoms, max_basin_atoms : int
        Bounds on |S_{1,ε}| and on |S_{2,ε}|, drawn separately (``1 <= min <= max``).
    min_outside_atoms, max_outside_atoms : int
        Bounds on |X \ S_ε| (``0 <= min <= max``); with ``full_support=True`` and
        ``min_outside_atoms >= 1`` the outside mass m_0 is > 0, with ``max_outside_atoms=0`` it is 0.
    min_gap : int
        Leakage gaps are strictly larger than ``min_gap`` basin widths: Δ_i > min_gap·ε
        (e^{-Δ_i} < exp_eps**min_gap).  Disjoint basins force Δ_i > ε, so 1 is the least;
        ``min_gap=2`` makes κ_i = e^{-(Δ_i - 2ε)} < 1, as Lemma 3.5 needs.
    exact : bool
        ``True``: ``exp_rewards`` and ``exp_eps``; ``False``: ``rewards`` and ``eps``.
    eps, exp_eps : number, optional
        Fix the basin width (``eps`` with exact=False, ``exp_eps`` in (0, 1) with exact=True);
        by default it is drawn (shrinking toward e^{-ε} = 1/2, or ε = 1).
    full_support : bool
        ``True``: p_0(x) > 0 everywhere.  ``False``: p_0 may vanish on some atoms, outside
        atoms included, but p_0(S_{i,ε}) > 0 for both basins.
    K : None, int >= 2, or strategy of ints
        Number of candidates; ``None`` is the large-K regime.

    Weights (q, 1 - q) are exact with 0 < q < 1.  Atoms come in shuffled order; the maxima
    max w_i (or r_i^*) are drawn too, so do not assume they are 1 (or 0).
"""


@defines_strategy
def two_basin_setups(
    *,
    min_basin_atoms: int = 1,
    max_basin_atoms: int = 3,
    min_outside_atoms: int = 0,
    max_outside_atoms: int = 2,
    min_gap: int = 1,
    exact: bool = True,
    eps: Any = None,
    exp_eps: Any = None,
    full_support: bool = True,
    K: int | SearchStrategy | None = None,
) -> SearchStrategy:
    r"""Two-reward landscapes satisfying [FALA26] Assumption 2.1 by construction, with constants.

    In S_{i,ε} the own reward stays within ε of its maximum (one atom attains it) and the other
    reward j sits more than ``min_gap``·ε below its maximum; outside atoms are more than ε below
    both maxima.  So (i) rewards are bounded, (ii) the basins are disjoint with p_0(S_{i,ε}) > 0,
    and (iii) holds with δ > ε and Δ_i > min_gap·ε.
    {parameters}
    Returns
    -------
    SearchStrategy[TwoBasinSetup]
        The landscape together with its basins and the sharpest constants δ, Δ_1, Δ_2.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> s = find(two_basin_setups(), lambda s: True, settings=settings(database=None, derandomize=True))
    >>> (s.landscape.exp_rewards, s.landscape.exp_eps, s.basins, s.exp_gaps) == (
    ...     ((1, Fraction(1, 3)), (Fraction(1, 3), 1)), Fraction(1, 2), ((0,), (1,)), (Fraction(1, 3),) * 2)
    True
    """
    return _two_basin_strategy(
        plateau=False, min_basin_atoms=min_basin_atoms, max_basin_atoms=max_basin_atoms,
        min_outside_atoms=min_outside_atoms, max_outside_atoms=max_outside_atoms, min_gap=min_gap,
        exact=exact, eps=eps, exp_eps=exp_eps, full_support=full_support, K=K,
    )


@defines_strategy
def plateau_setups(**kwargs: Any) -> SearchStrategy:
    r"""Plateau landscapes ([FALA26] Assumption B.6), which also satisfy Assumption 2.1.

    On S_{1,ε}: w_1 ≡ max w_1 and w_2 ≡ k_2·max w_2; on S_{2,ε}: w_2 ≡ max w_2 and
    w_1 ≡ k_1·max w_1, with k_i = e^{-Δ_i} < exp_eps**min_gap (log form: r_1 ≡ r_1^*,
    r_2 ≡ r_2^* - Δ_2 on S_{1,ε}, and symmetrically).  So every atom of a basin has the same
    reward vector.  Outside atoms, if any, lie more than ε below both maxima.
    {parameters}
    Returns
    -------
    SearchStrategy[TwoBasinSetup]
        With ``plateau=True``; ``exp_gaps`` is (k_1, k_2) (``gaps`` is (Δ_1, Δ_2) in log form).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> s = find(plateau_setups(min_basin_atoms=2), lambda s: True, settings=settings(database=None, derandomize=True))
    >>> s.basins, s.landscape.exp_rewards == ((1, 1, Fraction(1, 3), Fraction(1, 3)),
    ...                                       (Fraction(1, 3), Fraction(1, 3), 1, 1))
    (((0, 1), (2, 3)), True)
    """
    # the keyword arguments and their defaults are two_basin_setups'
    defaults = {k: v.default for k, v in inspect.signature(two_basin_setups.__wrapped__).parameters.items()}
    return _two_basin_strategy(plateau=True, **{**defaults, **kwargs})


def _landscape_of(setup: TwoBasinSetup) -> Landscape:
    return setup.landscape


def _landscapes_of(setups: Callable[..., SearchStrategy], name: str, doc: str) -> Callable[..., SearchStrategy]:
    """The strategy ``name``: the landscapes of ``setups``' draws alone, with the same keyword arguments."""
    def landscapes(**kwargs: Any) -> SearchStrategy:
        return setups(**kwargs).map(_landscape_of)

    landscapes.__name__ = landscapes.__qualname__ = name
    landscapes.__doc__ = doc
    return defines_strategy(landscapes)


two_basin_landscapes = _landscapes_of(
    two_basin_setups, "two_basin_landscapes",
    r"""The landscapes of :func:`two_basin_setups` alone (same keyword arguments).

    Examples
    --------
    The simplest draw with an outside atom: one atom per basin, uniform p_0, equal weights:

    >>> from hypothesis import find, settings
    >>> L = find(two_basin_landscapes(min_outside_atoms=1), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.n, L.basins(), L.weights, L.p0)
    (3, ((0,), (1,)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """)
plateau_landscapes = _landscapes_of(
    plateau_setups, "plateau_landscapes",
    r"""The landscapes of :func:`plateau_setups` alone (same keyword arguments).

    Examples
    --------
    The simplest draw in log form: two atoms, r_i^* = 0, ε = 1 and Δ_i = 2:

    >>> from hypothesis import find, settings
    >>> L = find(plateau_landscapes(exact=False), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.rewards, L.eps)
    (((Fraction(0, 1), Fraction(-2, 1)), (Fraction(-2, 1), Fraction(0, 1))), Fraction(1, 1))
    """)


two_basin_setups.__doc__ = two_basin_setups.__doc__.replace("{parameters}", _TWO_BASIN_PARAMETERS)
plateau_setups.__doc__ = plateau_setups.__doc__.replace("{parameters}", _TWO_BASIN_PARAMETERS)
