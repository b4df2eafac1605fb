"""Landscapes: exact numbers, basins, setup files."""

import json
from fractions import Fraction as Fr

import pytest
from hypothesis import given

from pluralnash.numeric import Landscape, load_setup, parse_setup, save_setup
from pluralnash.properties import landscapes
from pluralnash.theory import InvalidArgument


def test_numbers_stay_exact():
    L = Landscape(exp_rewards=[[1, 0.1, "1/3"]], p0=["0.2", 0.3, Fr(1, 2)])
    assert L.exp_rewards[0] == (1, Fr(1, 10), Fr(1, 3))
    assert L.p0 == (Fr(1, 5), Fr(3, 10), Fr(1, 2))


def test_json_numbers_are_exact_decimals():
    L = parse_setup('{"exp_rewards": [[1, 0.1]], "p0": [0.3, 0.7]}')
    assert L.p0 == (Fr(3, 10), Fr(7, 10)) and L.exp_rewards[0][1] == Fr(1, 10)


def test_issue_example_parses_and_has_disjoint_basins():
    text = ('{"exp_rewards": [["1","1/100","4/5"],["1/100","1","4/5"]], "weights": ["1/2","1/2"], '
            '"p0": ["1/3","1/3","1/3"], "exp_eps": "9/10"}')
    L = parse_setup(text)
    assert L.basins() == ((0,), (1,))
    assert L.basin_masses(list(L.p0)) == ([Fr(1, 3), Fr(1, 3)], Fr(1, 3))


@pytest.mark.parametrize("kw, basins", [
    (dict(rewards=[[0, -5, "-0.2"], [-5, 0, "-0.2"]], exp_eps="9/10"), ((0,), (1,))),   # 0.2 > -log 0.9
    (dict(rewards=[[0, -5, "-0.1"], [-5, 0, "-0.1"]], exp_eps="9/10"), ((0, 2), (1, 2))),  # 0.1 < -log 0.9
    (dict(exp_rewards=[[1, "1/100", "4/5"], ["1/100", 1, "4/5"]], eps="0.2"), ((0,), (1,))),   # 0.8 < e^-0.2
    (dict(exp_rewards=[[1, "1/100", "4/5"], ["1/100", 1, "4/5"]], eps="0.25"), ((0, 2), (1, 2))),  # 0.8 > e^-0.25
    (dict(rewards=[[0, "-1/2"]], eps="1/2"), ((0, 1),)),  # the edge belongs to the basin
])
def test_basins_are_decided_in_every_form(kw, basins):
    assert Landscape(**kw).basins() == basins


@given(landscapes(max_atoms=5, max_rewards=3))
def test_setup_file_round_trip(L):
    assert parse_setup(json.dumps(L.to_json())) == L


def test_save_is_atomic_and_never_overwrites(tmp_path):
    L = Landscape(exp_rewards=[[1, 2]])
    path = tmp_path / "s.json"
    save_setup(L, path)
    assert load_setup(path) == L
    before = path.read_text()
    with pytest.raises(InvalidArgument, match="exists"):
        save_setup(Landscape(exp_rewards=[[3, 2]]), path)
    assert path.read_text() == before
    save_setup(Landscape(exp_rewards=[[3, 2]]), path, overwrite=True)
    assert load_setup(path).exp_rewards == ((3, 2),)
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]  # no temporary file left behind


def test_replace_revalidates():
    L = Landscape(exp_rewards=[[1, 2]], eps="1/2")
    assert L.replace(exp_eps="1/2").eps is None
    with pytest.raises(InvalidArgument):
        L.replace(p0=[1, 1])
