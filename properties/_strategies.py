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

import functools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import mpmath
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from pluralnash.numeric import Landscape, to_fraction
from pluralnash.theory import InvalidArgument
from pluralnash.properties._conventions import defines_strategy

__all__ = [
    "TwoBasinSetup",
    "landscapes",
    "plateau_landscapes",
    "plateau_setups",
    "simplex_points",
    "two_basin_landscapes",
    "two_basin_setups",
]

# Largest integer count behind a simplex point: masses are c_k / Σ c with 1 <= c_k <= this.
_MAX_COUNT = 12
# A few large integers d: 1/d and d extend the grids of simple rationals (denominators <= 12).
_LARGE = (16, 20, 25, 32, 40, 50, 64, 80, 100)
# Candidate values of e^{-ε} and ε, simplest first (index 0 is the shrink target).
_EXP_EPS_VALUES = tuple(map(Fraction, ("1/2", "2/3", "3/4", "1/3", "4/5", "9/10", "1/4", "1/10", "99/100")))
_EPS_VALUES = tuple(map(Fraction, ("1", "1/2", "2", "1/4", "3", "1/10")))
# Maxima max_x w_i(x) (exp form) and r_i^* (log form) of the constructed two-basin landscapes.
_EXP_TOPS = tuple(map(Fraction, ("1", "2", "1/2", "3", "1/3", "10")))
_LOG_TOPS = tuple(map(Fraction, ("0", "1", "-1", "2", "-2", "1/2")))
# Extra reward gap beyond a threshold, in log form.
_LOG_STEPS = tuple(map(Fraction, ("1", "1/2", "2", "1/4", "3", "1/10")))


# -- argument validation ------------------------------------------------------------------------


def _check_int(name: str, value: Any, *, at_least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an int; pass a whole number like {name}={max(at_least, 1)}")
    if value < at_least:
        raise InvalidArgument(f"{name}={value} must be >= {at_least}; pass {name}={at_least} or more")
    return value


def _check_range(lo_name: str, lo: Any, hi_name: str, hi: Any, *, at_least: int) -> tuple[int, int]:
    lo = _check_int(lo_name, lo, at_least=at_least)
    hi = _check_int(hi_name, hi, at_least=at_least)
    if hi < lo:
        raise InvalidArgument(
            f"{hi_name}={hi} is below {lo_name}={lo}; pass {hi_name} >= {lo_name}, e.g. {hi_name}={lo}"
        )
    return lo, hi


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False; pass a bool")
    return value


def _check_K(K: Any) -> int | SearchStrategy | None:
    if K is None or isinstance(K, SearchStrategy):
        return K
    if isinstance(K, bool) or not isinstance(K, int):
        raise InvalidArgument(
            f"K={K!r} must be None (large-K regime), an int >= 2 or a strategy of such ints; pass e.g. K=4"
        )
    if K < 2:
        raise InvalidArgument(f"K={K} must be >= 2 (at least two candidates); pass K=2 or more, or K=None")
    return K


def _check_eps(eps: Any, exp_eps: Any, exact: bool) -> tuple[Fraction | None, Fraction | None]:
    if eps is not None and exp_eps is not None:
        raise InvalidArgument(
            f"eps={eps!r} and exp_eps={exp_eps!r} were both given; pass at most one (exp_eps = e^-eps)"
        )
    if exp_eps is not None:
        if not exact:
            raise InvalidArgument(
                f"exp_eps={exp_eps!r} needs exact=True (exp form); pass eps= for exact=False landscapes"
            )
        e = to_fraction(exp_eps, "exp_eps")
        if not 0 < e < 1:
            raise InvalidArgument(f"exp_eps={e} must lie in (0, 1) (it is e^-eps for eps > 0); pass e.g. exp_eps='9/10'")
        return None, e
    if eps is not None:
        if exact:
            raise InvalidArgument(
                f"eps={eps!r} needs exact=False (log form); pass exp_eps= (= e^-eps) for exact=True landscapes"
            )
        e = to_fraction(eps, "eps")
        if e <= 0:
            raise InvalidArgument(f"eps={e} must be > 0; pass a positive basin width like eps='1/2'")
        return e, None
    return None, None


# -- exact grids ----------------------------------------------------------------------------------


def _simplicity(x: Fraction) -> tuple:
    """Sort key putting simple rationals first: 0, 1, -1, 1/2, 2, ..."""
    return (max(abs(x.numerator), x.denominator), x.denominator, x.numerator < 0, abs(x.numerator))


def _log_sign(x: Fraction, b: Fraction) -> int:
    """Sign of log(x) - b for rationals x > 0 and b: exactly, by floats when far apart, else by intervals."""
    if x == 1:
        return (b < 0) - (b > 0)
    if b == 0:
        return (x > 1) - (x < 1)
    diff = math.log(x) - float(b)
    if abs(diff) > 1e-9 * (1 + abs(float(b))):
        return 1 if diff > 0 else -1
    # log x is irrational for rational x != 1, so it never equals b and intervals decide.
    iv = mpmath.iv
    saved = iv.prec
    try:
        prec = 64
        while True:
            iv.prec = prec
            lhs = iv.log(iv.mpf(x.numerator) / x.denominator)
            rhs = iv.mpf(b.numerator) / b.denominator
            if lhs.b < rhs.a:
                return -1
            if lhs.a > rhs.b:
                return 1
            prec *= 2
    finally:
        iv.prec = saved


@functools.lru_cache(maxsize=64)
def _exp_grid(lo: Fraction, hi: Fraction) -> tuple[Fraction, ...]:
    """Simple positive rationals w with lo <= log w <= hi, simplest first."""
    cands = {Fraction(j, d) for d in range(1, 13) for j in range(1, 12 * d + 1)}
    cands |= {Fraction(1, d) for d in _LARGE} | {Fraction(d) for d in _LARGE}
    keep = [w for w in cands if _log_sign(w, lo) >= 0 and _log_sign(w, hi) <= 0]
    return tuple(sorted(keep, key=_simplicity))


@functools.lru_cache(maxsize=64)
def _log_grid(lo: Fraction, hi: Fraction) -> tuple[Fraction, ...]:
    """Simple rationals r in [lo, hi] (denominator <= 4, |r| <= 64, plus both ends), simplest first."""
    cands = {lo, hi}
    for d in range(1, 5):
        start, stop = max(math.ceil(lo * d), -64 * d), min(math.floor(hi * d), 64 * d)
        cands |= {Fraction(j, d) for j in range(start, stop + 1)}
    return tuple(sorted(cands, key=_simplicity))


_RATIOS = tuple(
    sorted({Fraction(j, d) for d in range(1, 13) for j in range(1, d + 1)} | {Fraction(1, d) for d in _LARGE},
           key=_simplicity)
)


def _ratios_below(bound: Fraction) -> tuple[Fraction, ...]:
    """Simple rationals in (0, bound), simplest first; never empty."""
    return tuple(x for x in _RATIOS if x < bound) or (bound / 2,)


# -- shared drawing helpers -------------------------------------------------------------------------


def _draw_simplex(draw: Callable, n: int, *, full_support: bool, keep: tuple[int, ...] = ()) -> tuple[Fraction, ...]:
    """c / Σc for integer counts c; shrinks toward the uniform point.  Without full support some
    entries are zero, never those in ``keep`` and never all of them."""
    counts = [draw(st.integers(1, _MAX_COUNT)) for _ in range(n)]
    if not full_support:
        zero = [draw(st.booleans()) for _ in range(n)]
        for k in keep:
            zero[k] = False
        if all(zero):
            zero[draw(st.integers(0, n - 1))] = False
        counts = [0 if z else c for c, z in zip(counts, zero)]
    total = sum(counts)
    return tuple(Fraction(c, total) for c in counts)


def _draw_K(draw: Callable, K: int | SearchStrategy | None) -> Any:
    return draw(K) if isinstance(K, SearchStrategy) else K


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
    >>> find(simplex_points(min_size=3, max_size=3), lambda p: True, settings=settings(database=None))
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
    >>> L = find(landscapes(min_atoms=2, min_rewards=2), lambda L: True, settings=settings(database=None))
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
    if exact:
        values = _exp_grid(lo, hi)
        if not values:
            raise InvalidArgument(
                f"min_value={lo}, max_value={hi} leave no simple rational w = e^r with r in range "
                f"(e^r is irrational for rational r != 0); widen the range or pass exact=False"
            )
    else:
        values = _log_grid(lo, hi)
    value = st.sampled_from(values)
    eps_values = st.sampled_from(_EXP_EPS_VALUES if exact else _EPS_VALUES) if with_eps else None

    @st.composite
    def build(draw: Callable) -> Landscape:
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

    return build()


# -- two-basin landscapes (Assumption 2.1) -----------------------------------------------------------


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
    >>> s = find(two_basin_setups(), lambda s: True, settings=settings(database=None))
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
def two_basin_landscapes(
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
    r"""The landscapes of :func:`two_basin_setups` alone (same keyword arguments).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(two_basin_landscapes(min_outside_atoms=1), lambda L: True, settings=settings(database=None))
    >>> (L.n, L.basins(), L.weights, L.p0)
    (3, ((0,), (1,)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """
    return two_basin_setups(
        min_basin_atoms=min_basin_atoms, max_basin_atoms=max_basin_atoms,
        min_outside_atoms=min_outside_atoms, max_outside_atoms=max_outside_atoms, min_gap=min_gap,
        exact=exact, eps=eps, exp_eps=exp_eps, full_support=full_support, K=K,
    ).map(_landscape_of)


@defines_strategy
def plateau_setups(
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
    >>> s = find(plateau_setups(min_basin_atoms=2), lambda s: True, settings=settings(database=None))
    >>> s.basins, s.landscape.exp_rewards == ((1, 1, Fraction(1, 3), Fraction(1, 3)),
    ...                                       (Fraction(1, 3), Fraction(1, 3), 1, 1))
    (((0, 1), (2, 3)), True)
    """
    return _two_basin_strategy(
        plateau=True, min_basin_atoms=min_basin_atoms, max_basin_atoms=max_basin_atoms,
        min_outside_atoms=min_outside_atoms, max_outside_atoms=max_outside_atoms, min_gap=min_gap,
        exact=exact, eps=eps, exp_eps=exp_eps, full_support=full_support, K=K,
    )


@defines_strategy
def plateau_landscapes(
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
    r"""The landscapes of :func:`plateau_setups` alone (same keyword arguments).

    Examples
    --------
    >>> from hypothesis import find, settings
    >>> L = find(plateau_landscapes(exact=False), lambda L: True, settings=settings(database=None))
    >>> (L.rewards, L.eps)
    (((Fraction(0, 1), Fraction(-2, 1)), (Fraction(-2, 1), Fraction(0, 1))), Fraction(1, 1))
    """
    return plateau_setups(
        min_basin_atoms=min_basin_atoms, max_basin_atoms=max_basin_atoms,
        min_outside_atoms=min_outside_atoms, max_outside_atoms=max_outside_atoms, min_gap=min_gap,
        exact=exact, eps=eps, exp_eps=exp_eps, full_support=full_support, K=K,
    ).map(_landscape_of)


def _landscape_of(setup: TwoBasinSetup) -> Landscape:
    return setup.landscape


two_basin_setups.__doc__ = two_basin_setups.__doc__.replace("{parameters}", _TWO_BASIN_PARAMETERS)
plateau_setups.__doc__ = plateau_setups.__doc__.replace("{parameters}", _TWO_BASIN_PARAMETERS)
