"""``per_setup(key=...)``: setups that differ only where the cached function does not read share an entry."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pluralnash.numeric import Landscape
from pluralnash.numeric.engines.certified_limit import _limit_inputs, _solved_limit
from pluralnash.numeric.engines.limit import solve_limit
from pluralnash.numeric.model.cache import per_setup
from pluralnash.theory import InvalidArgument, SolverError

BASE = dict(exp_rewards=[["1", "1/10", "4/5"], ["1/10", "1", "4/5"]], weights=["1/2", "1/2"],
            p0=["1/3", "1/3", "1/3"])
# each row changes one field of BASE: the ones the limit reads, the ones it does not, and
# changes within 1e-12 of BASE (the limit's tie between the compromise atom and the basins)
VARIANTS = [
    {}, {"exp_eps": "9/10"}, {"exp_eps": "1/2"}, {"K": 3}, {"name": "other"}, {"atoms": ["a", "b", "c"]},
    {"weights": ["1/3", "2/3"]}, {"weights": ["99/100", "1/100"]}, {"weights": ["1/2", "1/2"], "p0": ["1/2", "1/4", "1/4"]},
    {"p0": ["1/2", "1/2", "0"]}, {"exp_rewards": [["1", "1/10", "1/2"], ["1/10", "1", "1/2"]]},
    {"exp_rewards": [["1", "1/10", "0.550000000001"], ["1/10", "1", "0.55"]]},
    {"exp_rewards": [["1", "1/10", "0.549999999999"], ["1/10", "1", "0.55"]]},
    {"reference": ["1/3", "1/3", "1/3"], "lam": "1"},
]
SETUPS = [Landscape(**{**BASE, **v}) for v in VARIANTS]


def _outcome(solve, setup):
    """What a solve says: its support, exactness, p* and verdict, or the solver's error."""
    try:
        res = solve(setup)
    except SolverError as exc:
        return "SolverError", str(exc)
    return res.support, res.exact, [str(v) for v in res.p], res.certificate.verdict


def _wrong_answers(cached):
    """Setups where ``cached`` (filled from every setup first, so siblings are in it) differs from a fresh solve."""
    for s in SETUPS:
        _outcome(cached, s)
    return [s for s in SETUPS if _outcome(cached, s) != _outcome(lambda x: solve_limit(x, dps=30), s)]


def test_the_limit_cache_answers_each_setup_as_a_fresh_solve_would():
    _solved_limit.cache_clear()
    assert _wrong_answers(_solved_limit) == []
    # ε, K, labels and name are not read: those setups shared the base setup's entry
    assert _solved_limit(SETUPS[1]) is _solved_limit(SETUPS[0]) is _solved_limit(SETUPS[3])
    assert _solved_limit(SETUPS[6]) is not _solved_limit(SETUPS[0])


def test_a_key_missing_a_field_the_limit_reads_is_caught():
    for dropped in (1, 2, 3):  # exp_rewards, weights, p0
        @per_setup(maxsize=64, key=lambda s, d=dropped: _limit_inputs(s)[:d] + _limit_inputs(s)[d + 1:])
        def wrong(setup):
            return solve_limit(setup, dps=30)
        assert _wrong_answers(wrong) != []


def test_keyed_cache_is_bounded_and_clears():
    calls = []

    @per_setup(maxsize=2, key=lambda s: s.p0)
    def mass(setup):
        calls.append(setup)
        return setup.p0[0]

    a, b, c = (Landscape(exp_rewards=[[1, 2]], p0=p) for p in (["1/2", "1/2"], ["1/3", "2/3"], ["1/4", "3/4"]))
    mass(a), mass(b), mass(c), mass(a)
    assert len(calls) == 4 and mass.cache_info().currsize == 2
    mass.cache_clear()
    assert mass.cache_info().currsize == 0
    with pytest.raises(InvalidArgument, match="key=3 must be a function of the setup"):
        per_setup(4, key=3)


def _basin_table():
    top, e = Fraction(1), Fraction(9, 10)
    out = []
    for v in (e * top, e * top - Fraction(1, 10 ** 12), e * top + Fraction(1, 10 ** 12)):  # on, below, above the edge
        for exp_eps in (e, e + Fraction(1, 10 ** 12), e - Fraction(1, 10 ** 12)):
            out.append(Landscape(exp_rewards=[[top, v, "1/10"], ["1/10", v, top]], exp_eps=exp_eps))
    out.append(Landscape(rewards=[["0", "-1/2", "-3"], ["-3", "-1/2", "0"]], eps="1/2"))
    out.append(Landscape(rewards=[["0", "-1/2", "-3"], ["-3", "-1/2", "0"]], exp_eps="3/5"))  # mixed: intervals
    return out


def _basin_errors(basins_of):
    table = _basin_table()
    for L in table:
        basins_of(L)
    return [L for L in table if basins_of(L) != L._decide_basins()]


def test_remembered_basins_are_the_setups_basins_near_the_edge():
    assert _basin_errors(Landscape.basins) == []
    assert len({L.basins() for L in _basin_table()}) > 1  # the table crosses the edge
    with pytest.raises(InvalidArgument, match="no basin width"):
        Landscape(exp_rewards=[[1, 2]]).basins()


def test_basins_cached_without_the_width_are_caught():
    wrong = per_setup(maxsize=64, key=lambda s: s.exp_rewards or s.rewards)(lambda s: s.basins())  # planted
    assert _basin_errors(wrong) != []
