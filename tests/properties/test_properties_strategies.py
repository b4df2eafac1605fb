"""What the strategies of pluralnash.properties guarantee, checked independently of their code.

The predicates below recompute basins and the constants of [FALA26] Assumption 2.1 and B.6
straight from the definitions ([FALA26] §2.1-§2.2); they share nothing with the construction.
Each predicate returns the list of what is violated, and has a negative control: a planted
landscape it must reject.
"""

from __future__ import annotations

import doctest
from fractions import Fraction

import mpmath
import pytest
from hypothesis import example, find, given, note, settings, target
from hypothesis import strategies as st

import pluralnash.properties
from pluralnash.numeric import Landscape
from pluralnash.properties import (
    TwoBasinSetup,
    landscapes,
    plateau_landscapes,
    plateau_setups,
    simplex_points,
    two_basin_landscapes,
    two_basin_setups,
)
from pluralnash.theory import InvalidArgument
from hypothesis.errors import InvalidArgument as HypothesisInvalidArgument

HALF = Fraction(1, 2)


def find_surely(strategy, condition):
    """``find`` over a fixed sequence of draws with a budget far above what the condition needs.

    Under the random ``dev`` profile ``find`` inherits a budget of 30 draws and can miss a
    condition met by one draw in ten; derandomised, the outcome is the same on every run.
    """
    return find(strategy, condition, settings=settings(database=None, derandomize=True, max_examples=500))


# -- independent predicates -------------------------------------------------------------------------


def closeness(L: Landscape) -> list[list[Fraction]]:
    """Per reward and atom, how close x is to the top: w/max w (exp form) or r - r^* (log form).

    Both grow toward the maximum, so "x in S_i" is closeness >= level(L) in both forms."""
    if L.exp_rewards is not None:
        return [[w / max(row) for w in row] for row in L.exp_rewards]
    return [[r - max(row) for r in row] for row in L.rewards]


def level(L: Landscape, times: int = 1) -> Fraction:
    """The closeness of the basin edge, taken ``times`` widths down: e^{-times·ε} or -times·ε."""
    return L.exp_eps**times if L.exp_rewards is not None else -times * L.eps


def definition_basins(L: Landscape) -> list[set[int]]:
    return [{x for x, c in enumerate(row) if c >= level(L)} for row in closeness(L)]


def violations_2_1(L: Landscape, *, min_gap: int = 1) -> list[str]:
    """What of Assumption 2.1 fails, with Δ_i > min_gap·ε asked for.

    On a finite landscape (i) always holds, and so does the outside part of (iii) with δ > ε:
    an atom outside S_ε is by definition more than ε below both maxima.  Checking them here
    could never fail, so only (ii) and the cross gaps are checked; the sharpest δ is compared
    with what the strategy reports in :func:`sharpest_constants`.  With min_gap = 1 the cross
    gaps follow from (ii) as well.
    """
    bad = []
    if L.m != 2:
        return [f"m={L.m}, not 2"]
    S1, S2 = definition_basins(L)
    if S1 & S2:
        bad.append(f"(ii) basins overlap at {sorted(S1 & S2)}")
    for i, S in enumerate((S1, S2)):
        if sum(L.p0[x] for x in S) <= 0:
            bad.append(f"(ii) p0(S_{i + 1}) = 0")
    close = closeness(L)
    for i, other in ((0, S2), (1, S1)):
        for x in other:
            if not close[i][x] < level(L, min_gap):
                bad.append(f"(iii) atom {x} of the other basin has Δ_{i + 1} <= {min_gap}ε")
    return bad


def sharpest_constants(L: Landscape) -> tuple[tuple[Fraction, Fraction], Fraction | None]:
    """(e^{-Δ_1}, e^{-Δ_2}) and e^{-δ} in exp form, (Δ_1, Δ_2) and δ in log form, at their best."""
    S1, S2 = definition_basins(L)
    close = closeness(L)
    outside = set(range(L.n)) - S1 - S2
    pick = (lambda c: c) if L.exp_rewards is not None else (lambda c: -c)
    gaps = (pick(max(close[0][x] for x in S2)), pick(max(close[1][x] for x in S1)))
    delta = pick(max(close[i][x] for x in outside for i in range(2))) if outside else None
    return gaps, delta


def violations_b6(L: Landscape) -> list[str]:
    """What of the plateau assumption B.6 fails: own reward at its max, the other constant below it."""
    bad = []
    values = L.exp_rewards if L.exp_rewards is not None else L.rewards
    for i, S in enumerate(definition_basins(L)):
        j = 1 - i
        if {values[i][x] for x in S} != {max(values[i])}:
            bad.append(f"r_{i + 1} is not at its maximum on all of S_{i + 1}")
        others = {values[j][x] for x in S}
        if len(others) != 1:
            bad.append(f"r_{j + 1} is not constant on S_{i + 1}")
        elif not others.pop() < max(values[j]):
            bad.append(f"Δ_{j + 1} is not > 0 on S_{i + 1}")
    return bad


def exp_sign(b: Fraction, w: Fraction) -> int:
    """Sign of w - e^b, decided with intervals (they differ unless b = 0 and w = 1)."""
    if b == 0:
        return (w > 1) - (w < 1)
    iv = mpmath.iv
    saved = iv.prec
    iv.prec = 300
    try:
        e = iv.exp(iv.mpf(b.numerator) / b.denominator)
        wi = iv.mpf(w.numerator) / w.denominator
        if wi.a > e.b:
            return 1
        if wi.b < e.a:
            return -1
    finally:
        iv.prec = saved
    raise AssertionError(f"could not separate {w} from e^{b} at 300 bits")


def assert_simplex(vec, *, full_support: bool, name: str) -> None:
    assert all(isinstance(v, Fraction) for v in vec), name
    assert sum(vec) == 1, f"{name} sums to {sum(vec)}"
    assert all(v >= 0 for v in vec), name
    assert any(v > 0 for v in vec), name
    if full_support:
        assert all(v > 0 for v in vec), f"{name} has a zero but full support was asked"


def plant(exp_rewards, p0=None, exp_eps=HALF) -> Landscape:
    return Landscape(exp_rewards=exp_rewards, p0=p0, exp_eps=exp_eps)


# -- negative controls: each predicate can fail ----------------------------------------------------


@pytest.mark.parametrize(
    "landscape, min_gap, expected",
    [
        (plant([[1, 1], [1, 1]]), 1, "overlap"),
        (plant([[1, "1/3"], ["1/3", 1]], p0=[1, 0]), 1, "p0(S_2) = 0"),
        (plant([[1, "1/3", "3/5"], ["1/3", 1, "3/5"]]), 1, "overlap at [2]"),
        (plant([[1, "1/3", "3/5"], ["1/3", 1, "1/3"]]), 2, "atom 2 of the other basin has Δ_2 <= 2ε"),
        (plant([[1, "1/3"], ["1/3", 1]]), 2, "Δ_1 <= 2ε"),
        (Landscape(rewards=[[0, -1], [-1, 0], [0, 0]], eps=HALF), 1, "m=3"),
    ],
)
def test_violations_2_1_rejects_planted_violations(landscape, min_gap, expected):
    bad = violations_2_1(landscape, min_gap=min_gap)
    assert any(expected in b for b in bad), bad


@pytest.mark.parametrize(
    "landscape, expected",
    [
        (plant([[1, "3/4", "1/3"], ["1/3", "1/3", 1]]), "r_1 is not at its maximum"),
        (plant([[1, 1, "1/3"], ["1/3", "1/4", 1]]), "r_2 is not constant on S_1"),
    ],
)
def test_violations_b6_rejects_planted_violations(landscape, expected):
    bad = violations_b6(landscape)
    assert any(expected in b for b in bad), bad


def test_predicates_accept_a_hand_made_plateau():
    L = plant([[1, 1, "1/3", "1/5"], ["1/3", "1/3", 1, "1/5"]], exp_eps="1/2")
    assert violations_2_1(L, min_gap=1) == []
    assert violations_b6(L) == []
    assert sharpest_constants(L) == ((Fraction(1, 3), Fraction(1, 3)), Fraction(1, 5))


# -- simplex points ------------------------------------------------------------------------------------


@given(st.data(), st.integers(1, 5), st.integers(0, 3), st.booleans())
def test_simplex_points_sum_to_one(data, lo, extra, full_support):
    p = data.draw(simplex_points(min_size=lo, max_size=lo + extra, full_support=full_support))
    note(f"p={p}")
    assert lo <= len(p) <= lo + extra
    assert_simplex(p, full_support=full_support, name="point")


def test_simplex_points_without_full_support_can_have_zeros():
    p = find_surely(simplex_points(min_size=3, max_size=3, full_support=False), lambda p: 0 in p)
    assert sum(p) == 1 and 0 in p


# -- general landscapes ---------------------------------------------------------------------------------

landscape_kwargs = st.fixed_dictionaries(
    {},
    optional={
        "min_atoms": st.integers(1, 3),
        "min_rewards": st.integers(1, 2),
        "min_value": st.sampled_from([-4, -1, Fraction(-1, 3), 0]),
        "exact": st.booleans(),
        "full_support": st.booleans(),
        "with_eps": st.booleans(),
        "K": st.sampled_from([None, 2, 7, st.integers(2, 4)]),
    },
)


@given(st.data(), landscape_kwargs, st.integers(0, 3), st.integers(0, 2), st.sampled_from([0, Fraction(1, 2), 2]))
def test_landscapes_respect_their_arguments(data, kwargs, more_atoms, more_rewards, above):
    kwargs = dict(kwargs)
    kwargs["max_atoms"] = kwargs.get("min_atoms", 1) + more_atoms
    kwargs["max_rewards"] = kwargs.get("min_rewards", 1) + more_rewards
    kwargs["max_value"] = kwargs.get("min_value", -4) + above
    exact, full_support = kwargs.get("exact", True), kwargs.get("full_support", True)
    if exact and kwargs["max_value"] == kwargs.get("min_value", -4) != 0:
        with pytest.raises(InvalidArgument, match="exact=False"):  # e^r is irrational: nothing to draw
            landscapes(**kwargs).validate()
        return
    L = data.draw(landscapes(**kwargs))
    note(f"kwargs={kwargs}\nL={L}")
    assert kwargs.get("min_atoms", 1) <= L.n <= kwargs["max_atoms"]
    assert kwargs.get("min_rewards", 1) <= L.m <= kwargs["max_rewards"]
    lo, hi = Fraction(kwargs.get("min_value", -4)), Fraction(kwargs["max_value"])
    if exact:
        assert L.rewards is None and L.exp_rewards is not None
        for row in L.exp_rewards:
            for w in row:
                assert exp_sign(lo, w) >= 0 and exp_sign(hi, w) <= 0, f"log {w} not in [{lo}, {hi}]"
    else:
        assert L.exp_rewards is None and all(lo <= r <= hi for row in L.rewards for r in row)
    assert_simplex(L.weights, full_support=True, name="weights")
    assert_simplex(L.p0, full_support=full_support, name="p0")
    if kwargs.get("with_eps", False):
        assert (L.exp_eps if exact else L.eps) is not None and (L.eps if exact else L.exp_eps) is None
        definition_basins(L)
    else:
        assert not L.has_eps
    K = kwargs.get("K")
    if isinstance(K, int):
        assert L.K == K
    elif K is None:
        assert L.K is None
    else:
        assert 2 <= L.K <= 4


def has_tie(L: Landscape) -> bool:
    values = L.exp_rewards if L.exp_rewards is not None else L.rewards
    columns = list(zip(*values))
    return len(set(columns)) < len(columns)


@pytest.mark.parametrize("exact", [True, False])
def test_landscapes_sometimes_have_ties(exact):
    L = find_surely(landscapes(min_atoms=2, min_rewards=2, exact=exact),
                    lambda L: has_tie(L) and len(set(L.p0)) > 1)
    assert has_tie(L)


def test_landscapes_shrink_toward_simple_setups():
    L = find_surely(landscapes(), lambda L: L.n >= 3 and L.m >= 2)
    assert (L.n, L.m) == (3, 2)
    assert L.weights == (HALF, HALF) and L.p0 == (Fraction(1, 3),) * 3
    assert L.exp_rewards == ((1, 1, 1), (1, 1, 1))


# -- two-basin and plateau landscapes --------------------------------------------------------------------

two_basin_kwargs = st.fixed_dictionaries(
    {},
    optional={
        "min_basin_atoms": st.integers(1, 2),
        "min_outside_atoms": st.integers(0, 2),
        "min_gap": st.integers(1, 3),
        "exact": st.booleans(),
        "full_support": st.booleans(),
    },
)


def _complete(kwargs: dict, more_basin: int, more_outside: int, fixed_eps: bool) -> dict:
    kwargs = dict(kwargs)
    kwargs["max_basin_atoms"] = kwargs.get("min_basin_atoms", 1) + more_basin
    kwargs["max_outside_atoms"] = kwargs.get("min_outside_atoms", 0) + more_outside
    if fixed_eps:
        kwargs["exp_eps" if kwargs.get("exact", True) else "eps"] = "9/10" if kwargs.get("exact", True) else "1/3"
    return kwargs


def _check_setup(s: TwoBasinSetup, kwargs: dict) -> None:
    L = s.landscape
    exact, min_gap = kwargs.get("exact", True), kwargs.get("min_gap", 1)
    note(f"kwargs={kwargs}\nsetup={s}")
    assert isinstance(s, TwoBasinSetup) and isinstance(L, Landscape)
    assert L.m == 2 and L.is_exact is exact
    assert (L.exp_eps is not None) is exact and (L.eps is not None) is (not exact)
    if "exp_eps" in kwargs:
        assert L.exp_eps == Fraction(kwargs["exp_eps"])
    if "eps" in kwargs:
        assert L.eps == Fraction(kwargs["eps"])
    assert violations_2_1(L, min_gap=min_gap) == []
    S1, S2 = definition_basins(L)
    outside = set(range(L.n)) - S1 - S2
    assert s.basins == (tuple(sorted(S1)), tuple(sorted(S2))) == L.basins()
    assert s.outside == tuple(sorted(outside))
    for S in (S1, S2):
        assert kwargs.get("min_basin_atoms", 1) <= len(S) <= kwargs["max_basin_atoms"]
    assert kwargs.get("min_outside_atoms", 0) <= len(outside) <= kwargs["max_outside_atoms"]
    gaps, delta = sharpest_constants(L)
    assert (s.exp_gaps, s.exp_delta) == ((gaps, delta) if exact else (None, None))
    assert (s.gaps, s.delta) == ((None, None) if exact else (gaps, delta))
    assert_simplex(L.weights, full_support=True, name="weights")
    assert_simplex(L.p0, full_support=kwargs.get("full_support", True), name="p0")
    # Steer toward leakage close to the min_gap bound (0 = at the bound).
    close = closeness(L)
    margin = min(level(L, min_gap) - close[i][x] for i, S in ((0, S2), (1, S1)) for x in S)
    target(-float(margin), label="cross-gap margin")


@pytest.mark.parametrize("setups, plateau", [(two_basin_setups, False), (plateau_setups, True)],
                         ids=["two-basin", "plateau"])
@given(two_basin_kwargs, st.integers(0, 2), st.integers(0, 2), st.booleans(), st.data())
def test_setups_satisfy_assumption_2_1_and_plateau_setups_b6(setups, plateau, kwargs, more_basin, more_outside,
                                                             fixed_eps, data):
    kwargs = _complete(kwargs, more_basin, more_outside, fixed_eps)
    s = data.draw(setups(**kwargs))
    _check_setup(s, kwargs)
    assert s.plateau is plateau
    if plateau:
        assert violations_b6(s.landscape) == []


@given(st.data(), st.booleans())
def test_landscape_variants_are_the_setups_landscapes(data, plateau):
    L = data.draw(plateau_landscapes() if plateau else two_basin_landscapes())
    assert isinstance(L, Landscape)
    assert violations_2_1(L) == []
    if plateau:
        assert violations_b6(L) == []


@given(two_basin_setups(min_outside_atoms=1, K=3))
def test_outside_mass_is_positive_when_asked(s):
    assert sum(s.landscape.p0[x] for x in s.outside) > 0
    assert s.landscape.K == 3


@given(plateau_landscapes(max_outside_atoms=0, exact=False))
def test_no_outside_atoms_when_max_is_zero(L):
    S1, S2 = definition_basins(L)
    assert S1 | S2 == set(range(L.n))


def test_two_basin_basins_may_lose_mass_off_the_kept_atom():
    s = find_surely(two_basin_setups(min_basin_atoms=2, full_support=False), lambda s: 0 in s.landscape.p0)
    assert violations_2_1(s.landscape) == []


def test_min_gap_two_gives_kappa_below_one():
    # κ_i = e^{-(Δ_i - 2ε)} = e^{-Δ_i} / e^{-2ε} < 1 iff e^{-Δ_i} < exp_eps**2.
    @given(two_basin_setups(min_gap=2))
    def check(s):
        assert all(k / s.landscape.exp_eps**2 < 1 for k in s.exp_gaps)

    check()


# -- registration, doctests, argument validation --------------------------------------------------------


@given(st.from_type(Landscape))
@example(Landscape(exp_rewards=[[1]]))
def test_from_type_gives_valid_landscapes(L):
    assert isinstance(L, Landscape)
    assert_simplex(L.p0, full_support=True, name="p0")
    assert_simplex(L.weights, full_support=True, name="weights")


def test_public_surface_is_explicit():
    public = set(pluralnash.properties.__all__)
    assert {"TwoBasinSetup", "landscapes", "plateau_landscapes", "plateau_setups", "simplex_points",
            "two_basin_landscapes", "two_basin_setups", "search_counterexample"} <= public
    assert all(hasattr(pluralnash.properties, name) for name in public)
    assert not any(name.startswith("_") for name in public)


@pytest.mark.parametrize("module", [
    "_strategies", "_strategies_two_basin", "_strategies_mixing", "_strategies_basins", "_strategies_continuous"])
def test_doctests(module):
    import importlib

    result = doctest.testmod(importlib.import_module(f"pluralnash.properties.{module}"), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


BAD_ARGUMENTS = [
    (simplex_points, {"min_size": 0}, "min_size"),
    (simplex_points, {"min_size": 3, "max_size": 2}, "max_size"),
    (simplex_points, {"min_size": 1.5}, "min_size"),
    (simplex_points, {"full_support": "yes"}, "full_support"),
    (landscapes, {"min_atoms": 0}, "min_atoms"),
    (landscapes, {"min_atoms": 4, "max_atoms": 3}, "max_atoms"),
    (landscapes, {"max_atoms": "6"}, "max_atoms"),
    (landscapes, {"min_rewards": 0}, "min_rewards"),
    (landscapes, {"max_rewards": True}, "max_rewards"),
    (landscapes, {"min_value": "abc"}, "min_value"),
    (landscapes, {"max_value": float("nan")}, "max_value"),
    (landscapes, {"min_value": 1, "max_value": 0}, "max_value"),
    (landscapes, {"min_value": "1/2", "max_value": "1/2"}, "min_value"),
    (landscapes, {"exact": 1}, "exact"),
    (landscapes, {"full_support": None}, "full_support"),
    (landscapes, {"with_eps": "no"}, "with_eps"),
    (landscapes, {"K": 1}, "K"),
    (landscapes, {"K": 2.5}, "K"),
    (two_basin_setups, {"min_basin_atoms": 0}, "min_basin_atoms"),
    (two_basin_setups, {"min_basin_atoms": 2, "max_basin_atoms": 1}, "max_basin_atoms"),
    (two_basin_setups, {"min_outside_atoms": -1}, "min_outside_atoms"),
    (two_basin_setups, {"min_outside_atoms": 2, "max_outside_atoms": 1}, "max_outside_atoms"),
    (two_basin_setups, {"min_gap": 0}, "min_gap"),
    (two_basin_setups, {"min_gap": 1.5}, "min_gap"),
    (two_basin_setups, {"exact": "True"}, "exact"),
    (two_basin_setups, {"eps": "1/2"}, "eps"),
    (two_basin_setups, {"exact": False, "exp_eps": "1/2"}, "exp_eps"),
    (two_basin_setups, {"exp_eps": 1}, "exp_eps"),
    (two_basin_setups, {"exp_eps": "0"}, "exp_eps"),
    (two_basin_setups, {"exact": False, "eps": 0}, "eps"),
    (two_basin_setups, {"eps": 1, "exp_eps": "1/2"}, "exp_eps"),
    (two_basin_setups, {"full_support": 0}, "full_support"),
    (two_basin_setups, {"K": 0}, "K"),
    (two_basin_landscapes, {"max_outside_atoms": -1}, "max_outside_atoms"),
    (two_basin_landscapes, {"exp_eps": "x"}, "exp_eps"),
    (plateau_setups, {"min_gap": -2}, "min_gap"),
    (plateau_setups, {"max_basin_atoms": 0}, "max_basin_atoms"),
    (plateau_landscapes, {"exact": False, "eps": "-1"}, "eps"),
    (plateau_landscapes, {"K": "many"}, "K"),
]


@pytest.mark.parametrize(
    "strategy, kwargs, name",
    BAD_ARGUMENTS,
    ids=[f"{f.__name__}-{'-'.join(f'{k}={v}' for k, v in kw.items())}" for f, kw, _ in BAD_ARGUMENTS],
)
def test_bad_arguments_raise_at_first_use(strategy, kwargs, name):
    s = strategy(**kwargs)  # as Hypothesis's own strategies: nothing is checked when the strategy is built
    assert repr(s).startswith(f"{strategy.__name__}(")
    with pytest.raises(HypothesisInvalidArgument, match=rf"\b{name}=") as info:
        s.validate()  # ... but at first use (validate, a draw, example)
    assert isinstance(info.value, InvalidArgument) and isinstance(info.value, ValueError)
    with pytest.raises(InvalidArgument, match=rf"\b{name}="):
        find(s, lambda _: True)  # a draw
