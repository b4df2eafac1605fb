"""The refinement's one-move fast path (``move``) against the full neighbourhood it stands for."""

from __future__ import annotations

import itertools
import math

import pytest

from pluralnash.numeric import Landscape
from pluralnash.properties._refine import _keys, move, moves, rational, shorter

SETUPS = [
    Landscape(exp_rewards=[["1", "1/10", "4/5"], ["1/10", "1", "4/5"]], weights=["1/3", "2/3"],
              p0=["1/2", "1/4", "1/4"], exp_eps="9/10"),
    Landscape(rewards=[["0", "-5", "-2"], ["-5", "0", "-2"]], weights=["1/2", "1/2"],
              p0=["9/10", "1/20", "1/20"], eps="1/2"),
    Landscape(exp_rewards=[["1", "1/2"]], p0=["1", "0"], reference=["1/2", "1/2"], lam="1/3"),
    # eps 1e-12 inside its open range (0, inf) and exp_eps 1e-12 below 1: the scalar moves' boundaries
    Landscape(exp_rewards=[["1", "1/3"], ["1/3", "1"]], exp_eps=1 - rational(1e-12, 12)),
    Landscape(rewards=[["0", "-1"], ["-1", "0"]], eps=rational(1e-12, 12), K=3),
]
SCALES = [(10.0, 6), (1.02, 6), (1.01, 8), (math.sqrt(3.0), 8), (1.5 ** 0.125, 12)]


def _slow(setup, key, scale, digits):
    return dict(moves(setup, scale, digits)).get(key)


def _disagreements(fast, setups=SETUPS):
    """(setup, key, scale) where ``fast`` differs from the full neighbourhood, over every key of every setup
    (and one key no setup has)."""
    bad = []
    for setup, (scale, digits) in itertools.product(setups, SCALES):
        for key in [*_keys(setup), ("lam", 1), ("weights", 9, 1)]:
            if fast(setup, key, scale, digits) != _slow(setup, key, scale, digits):
                bad.append((setup, key, scale))
    return bad


def test_move_builds_exactly_the_neighbour_of_its_key():
    assert _disagreements(move) == []
    # the table reaches every kind of move, and moves that produce no neighbour
    kinds = {key[0] for s in SETUPS for key, _ in moves(s, 10.0)}
    assert {"exp_rewards", "rewards", "weights", "p0", "reference", "eps", "exp_eps", "lam"} <= kinds
    assert any(_slow(s, k, 10.0, 6) is None for s in SETUPS for k in _keys(s))


def test_shorter_is_the_same_move_at_shorter_steps():
    setup = SETUPS[0]
    for key in _keys(setup):
        want = [c for j in (1, 2, 3) for c in [_slow(setup, key, 3.0 ** (0.5 ** j), 6 + 2 * j)] if c is not None]
        assert list(shorter(setup, key, 3.0)) == want


@pytest.mark.parametrize("planted", ["digits", "direction", "drops-a-key"])
def test_a_wrong_fast_path_is_caught(planted):
    def wrong(setup, key, scale, digits):
        if planted == "digits":
            return move(setup, key, scale, digits + 1)
        if planted == "direction":
            return move(setup, (*key[:-1], -key[-1]), scale, digits)
        return None if key[0] == "p0" else move(setup, key, scale, digits)
    assert _disagreements(wrong) != []
