r"""Hypothesis strategies for the toolkit's statements beyond the paper.

Definitions and conventions
---------------------------
As in :mod:`pluralnash.properties._strategies`: setups are :class:`pluralnash.numeric.Landscape`
objects in exp form (``exp_rewards`` w_i(x) = e^{r_i(x)}, rational), weights q on the simplex,
p_0 on the simplex; every number is an exact :class:`fractions.Fraction`.

- :func:`compromise_landscapes`: one "corner" atom per reward (best for it, poor for the others)
  and one or two compromise atoms rated c by every reward.  Depending on c and q the large-K
  limit collapses onto the compromise, or spreads over the corners.
- :func:`degenerate_collapse_landscapes`: the tie that makes the first-order collapse test
  insufficient: an atom x, and atoms y, y' with w(y)/w(x) + w(y')/w(x) = 2 (componentwise) and
  Σ_i q_i w_i(y)/w_i(x) = 1.  Then W_{δ_x} <= 1 everywhere, yet p_0 with p_0(y) = p_0(y') is an
  exact fixed point that is not a point mass.
- :func:`collapse_landscapes`: the mixture used by ``collapse-criterion``.
- :func:`interior_limit_landscapes`: m = 2 landscapes whose large-K limit is interior on two atoms
  (for ``finite-k-limit``).
- :func:`plateau_window_landscapes`: plateau landscapes (B.6) with no outside mass and q drawn
  inside, outside, at the edges of the exact window (q_lo, q_hi), and between it and (κ_1, 1 - κ_2).
- :func:`single_reward_landscapes`: m = 1 landscapes, finite or large K (for the [FERB24] claims);
  :func:`ferbach_landscapes` adds setups near the edges of [FERB24] Theorem 2.1.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape
from pluralnash.properties._common import _check_int, _check_range, _draw_simplex
from pluralnash.properties._strategies import landscapes
from pluralnash.properties._conventions import defines_strategy

__all__ = [
    "collapse_landscapes",
    "compromise_landscapes",
    "degenerate_collapse_landscapes",
    "ferbach_landscapes",
    "interior_limit_landscapes",
    "plateau_window_landscapes",
    "single_reward_landscapes",
]

_SMALL = tuple(map(Fraction, ("1/10", "1/100", "1/4", "1/20", "1/2", "1/3", "1/50")))
_COMPROMISE = tuple(map(Fraction, ("1/2", "4/5", "3/5", "2/3", "3/4", "9/10", "2/5", "5/6", "7/10")))
_SCALES = tuple(map(Fraction, ("1", "2", "1/2", "3", "1/3")))
_TS = tuple(map(Fraction, ("1/2", "1/3", "2/3", "1/4", "3/4", "1/5", "4/5")))


def _shuffled(draw: Callable, columns: list, p0: list, weights, name: str | None = None) -> Landscape:
    n = len(columns)
    order = draw(st.permutations(range(n)))
    m = len(columns[0])
    matrix = tuple(tuple(columns[order[k]][i] for k in range(n)) for i in range(m))
    return Landscape(exp_rewards=matrix, weights=weights, p0=tuple(p0[order[k]] for k in range(n)), name=name)


def _shuffled_full(draw: Callable, columns: list, weights) -> Landscape:
    """``columns`` with a full-support p_0 drawn for them, in a drawn order (:func:`_shuffled`)."""
    return _shuffled(draw, columns, list(_draw_simplex(draw, len(columns), full_support=True)), weights)


@defines_strategy
def compromise_landscapes(*, min_rewards: int = 2, max_rewards: int = 3) -> SearchStrategy:
    r"""Corner atoms (w_i = 1 for their own reward, a small value for the others) and compromise atoms.

    Parameters
    ----------
    min_rewards, max_rewards : int
        Bounds on m (``1 <= min_rewards <= max_rewards``).

    Returns
    -------
    SearchStrategy[Landscape]
        m corners, one or two compromise atoms w = (c, ..., c), random q and full-support p_0.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(compromise_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.n)
    (2, 3)
    """
    lo, hi = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=1)

    @st.composite
    def build(draw: Callable) -> Landscape:
        m = draw(st.integers(lo, hi))
        columns = []
        for i in range(m):
            columns.append(tuple(Fraction(1) if j == i else draw(st.sampled_from(_SMALL)) for j in range(m)))
        for _ in range(draw(st.integers(1, 2))):
            c = draw(st.sampled_from(_COMPROMISE))
            columns.append(tuple(c for _ in range(m)))
        weights = _draw_simplex(draw, m, full_support=True)
        return _shuffled_full(draw, columns, weights)

    return build()


@defines_strategy
def degenerate_collapse_landscapes(*, min_rewards: int = 2, max_rewards: int = 3,
                                   max_extra_atoms: int = 2) -> SearchStrategy:
    r"""Setups where δ_x meets the first-order conditions with ties, and p_0 is a fixed point.

    With v = w(y)/w(x) (componentwise), Σ_i q_i v_i = 1 and w(y')/w(x) = 2 - v: then
    W_{δ_x}(y) = W_{δ_x}(y') = 1, and p_0 = (1 - 2β) δ_x + β δ_y + β δ_{y'} has Z(p_0) = w(x), so
    W_{p_0} = 1 on its support.  Extra atoms get zero p_0 mass.

    Parameters
    ----------
    min_rewards, max_rewards : int
        Bounds on m (>= 2).
    max_extra_atoms : int
        Up to this many extra atoms outside supp(p_0).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(degenerate_collapse_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> from pluralnash.numeric import evaluate_curated_update
    >>> evaluate_curated_update(L) == list(L.p0)
    True
    """
    lo, hi = _check_range("min_rewards", min_rewards, "max_rewards", max_rewards, at_least=2)
    extra = _check_int("max_extra_atoms", max_extra_atoms, at_least=0)

    @st.composite
    def build(draw: Callable) -> Landscape:
        m = draw(st.integers(lo, hi))
        q = _draw_simplex(draw, m, full_support=True)
        t = draw(st.sampled_from(_TS))
        sign = draw(st.sampled_from((1, -1)))
        d = sign * t * min(Fraction(1), q[-1] / q[0])
        v = [Fraction(1)] * m
        v[0] = 1 + d
        v[-1] = 1 - q[0] * d / q[-1]
        scale = [draw(st.sampled_from(_SCALES)) for _ in range(m)]
        x = tuple(scale)
        y = tuple(s * vi for s, vi in zip(scale, v))
        y2 = tuple(s * (2 - vi) for s, vi in zip(scale, v))
        columns = [x, y, y2]
        for _ in range(draw(st.integers(0, extra))):
            columns.append(tuple(s * draw(st.sampled_from(_SMALL + (Fraction(1),))) for s in scale))
        beta = draw(st.sampled_from(tuple(Fraction(j, 12) for j in range(1, 6))))
        p0 = [1 - 2 * beta, beta, beta] + [Fraction(0)] * (len(columns) - 3)
        return _shuffled(draw, columns, p0, q)

    return build()


@defines_strategy
def collapse_landscapes() -> SearchStrategy:
    r"""The setups of ``collapse-criterion``: random landscapes (p_0 may miss atoms) and compromise
    landscapes, two parts each, and degenerate ones, one part."""
    random_ = landscapes(max_atoms=5, max_rewards=3, full_support=False)
    return st.one_of(random_, compromise_landscapes(), random_, compromise_landscapes(),
                     degenerate_collapse_landscapes())


@defines_strategy
def interior_limit_landscapes(*, max_extra_atoms: int = 1) -> SearchStrategy:
    r"""m = 2 landscapes whose large-K limit sits on two atoms x_1 = (1, k_2), x_2 = (k_1, 1).

    The two-atom limit is interior iff q ∈ (k_1(1-k_2)/(1-k_1k_2), (1-k_2)/(1-k_1k_2)) (the
    plateau window); q is drawn inside it.  Extra atoms have w_i <= 1/2 in both rewards; when their
    W at the two-atom limit exceeds 1 they join the support (the claim's premise then decides).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(interior_limit_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.n)
    (2, 2)
    """
    extra = _check_int("max_extra_atoms", max_extra_atoms, at_least=0)
    ks = tuple(map(Fraction, ("1/4", "1/2", "1/3", "1/10", "1/5", "2/3", "3/4", "1/20")))

    @st.composite
    def build(draw: Callable) -> Landscape:
        k1, k2 = draw(st.sampled_from(ks)), draw(st.sampled_from(ks))
        q_lo = k1 * (1 - k2) / (1 - k1 * k2)
        q_hi = (1 - k2) / (1 - k1 * k2)
        t = draw(st.sampled_from(tuple(Fraction(j, 8) for j in (4, 3, 5, 2, 6, 1, 7))))
        q = q_lo + t * (q_hi - q_lo)
        columns = [(Fraction(1), k2), (k1, Fraction(1))]
        for _ in range(draw(st.integers(0, extra))):
            columns.append((draw(st.sampled_from(_SMALL)), draw(st.sampled_from(_SMALL))))
        return _shuffled_full(draw, columns, (q, 1 - q))

    return build()


@defines_strategy
def single_reward_landscapes(*, max_atoms: int = 4, full_support: bool = False,
                             K: int | SearchStrategy | None = st.none() | st.integers(2, 5)) -> SearchStrategy:
    r"""One reward (m = 1), with ``exp_eps`` set, for the [FERB24] claims.

    Parameters
    ----------
    max_atoms : int
    full_support : bool
        ``False`` lets p_0 vanish on some atoms (possibly the best one).
    K : None, int >= 2, or strategy of such
        Candidates per round (default: the large-K regime or 2..5).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(single_reward_landscapes(K=3), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.n, L.K)
    (1, 1, 3)
    """
    _check_int("max_atoms", max_atoms, at_least=1)
    return landscapes(min_atoms=1, max_atoms=max_atoms, min_rewards=1, max_rewards=1,
                      full_support=full_support, with_eps=True, K=K)


@defines_strategy
def ferbach_landscapes(*, max_atoms: int = 4, miss_argmax: bool = True) -> SearchStrategy:
    r"""One reward, 2..``max_atoms`` atoms with the maximum w* = 1 on one or two atoms, K in {large, 2..5}.

    Besides :func:`single_reward_landscapes` (a fifth of the draws), this draws setups near the
    edges of [FERB24] Theorem 2.1, in equal parts: most mass near the top (Σ_k w_k ≈ K w*, finite
    K), little mass on a top far above the rest (finite K), and, with ``miss_argmax``,
    p_0(argmax) = 0.  Two argmax atoms get unequal p_0 masses in most draws.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(ferbach_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.K, max(L.exp_rewards[0]))
    (1, 2, Fraction(1, 1))
    """
    hi = _check_int("max_atoms", max_atoms, at_least=2)
    near = tuple(map(Fraction, ("9/10", "3/4", "2/3", "4/5")))
    far = tuple(map(Fraction, ("1/10", "1/4", "1/100", "1/2", "1/20")))
    light = tuple(map(Fraction, ("1/20", "1/10", "1/5")))

    @st.composite
    def build(draw: Callable) -> Landscape:
        n = draw(st.integers(2, hi))
        tops = draw(st.integers(1, min(2, n - 1)))
        mode = draw(st.integers(0, 2 if miss_argmax else 1))
        pool = near if mode == 0 else far
        columns = [(Fraction(1),)] * tops + [(draw(st.sampled_from(pool)),) for _ in range(n - tops)]
        p0 = list(_draw_simplex(draw, n, full_support=True))
        rest = sum(p0[tops:])
        if mode == 1:  # little mass on the top: the mean is far below e^{r*}
            top_mass = draw(st.sampled_from(light))
            p0 = [top_mass * c / sum(p0[:tops]) for c in p0[:tops]] + [c * (1 - top_mass) / rest for c in p0[tops:]]
        if mode == 2:
            p0 = [Fraction(0)] * tops + [c / rest for c in p0[tops:]]
        K = draw(st.integers(2, 5)) if mode < 2 else draw(st.none() | st.integers(2, 5))
        L = _shuffled(draw, columns, p0, (Fraction(1),))
        return Landscape(exp_rewards=L.exp_rewards, p0=L.p0, exp_eps=draw(st.sampled_from(near[:3])), K=K)

    generic = single_reward_landscapes(max_atoms=max_atoms, full_support=False)
    return st.one_of(build(), build(), build(), build(), generic)


@defines_strategy
def plateau_window_landscapes(*, max_basin_atoms: int = 2) -> SearchStrategy:
    r"""Plateau landscapes (B.6), no outside mass, with q placed relative to the exact window.

    Scaled values (1, k_2) on S_{1,ε} and (k_1, 1) on S_{2,ε} (times a top per reward), e^{-ε} above
    both k_i.  With q_lo = k_1(1-k_2)/(1-k_1k_2), q_hi = (1-k_2)/(1-k_1k_2) and κ_i = k_i e^{2ε}, q is
    drawn in equal parts: on a grid; between q_lo and κ_1 or between 1 - κ_2 and q_hi (where the
    paper's window and the exact one disagree); exactly q_lo or q_hi; outside the exact window.

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(plateau_window_landscapes(), lambda L: True, settings=settings(database=None, derandomize=True))
    >>> (L.m, L.n, L.basins())
    (2, 2, ((0,), (1,)))
    """
    hi_atoms = _check_int("max_basin_atoms", max_basin_atoms, at_least=1)
    ks = tuple(map(Fraction, ("1/2", "1/3", "1/4", "2/5", "1/5", "1/10", "3/5", "2/3")))
    levels = tuple(map(Fraction, ("3/4", "4/5", "9/10")))
    tops = tuple(map(Fraction, ("1", "2", "1/2")))

    @st.composite
    def build(draw: Callable) -> Landscape:
        k1, k2 = draw(st.sampled_from(ks)), draw(st.sampled_from(ks))
        level = draw(st.sampled_from(levels))
        q_lo, q_hi = k1 * (1 - k2) / (1 - k1 * k2), (1 - k2) / (1 - k1 * k2)
        kap1, kap2 = k1 / level ** 2, k2 / level ** 2
        mode = draw(st.integers(0, 3))
        t = draw(st.sampled_from(tuple(Fraction(j, 8) for j in (4, 1, 7, 2, 6, 3, 5, 8))))
        if mode == 1:
            lower = draw(st.booleans())
            if lower:
                q = q_lo + t * (min(kap1, q_hi) - q_lo)
            else:
                q = q_hi - t * (q_hi - max(1 - kap2, q_lo))
        elif mode == 2:
            q = q_lo if draw(st.booleans()) else q_hi
        elif mode == 3:
            q = q_lo * t if draw(st.booleans()) else q_hi + (1 - q_hi) * t
            q = min(max(q, Fraction(1, 100)), Fraction(99, 100))
        else:
            c = draw(st.integers(1, 12))
            q = Fraction(c, c + draw(st.integers(1, 12)))
        top1, top2 = draw(st.sampled_from(tops)), draw(st.sampled_from(tops))
        sizes = (draw(st.integers(1, hi_atoms)), draw(st.integers(1, hi_atoms)))
        columns = [(top1, k2 * top2)] * sizes[0] + [(k1 * top1, top2)] * sizes[1]
        L = _shuffled_full(draw, columns, (q, 1 - q))
        return Landscape(exp_rewards=L.exp_rewards, weights=L.weights, p0=L.p0, exp_eps=level)

    return build()
