"""lemma-3.3-repaired's strategy builds its base strategy once: the draws are those of one built per draw."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from pluralnash.claims.readings import _dominated_bases, _dominated_from, _dominated_strategy


def _per_draw(pareto: bool, wrong_base=False):
    """The strategy as it was written before: the base strategy built inside every draw."""
    @st.composite
    def draw(d):
        return _dominated_from(d, d(_dominated_bases(pareto != wrong_base)), pareto)
    return draw()


def _draws(strategy, count=25):
    got = []

    @seed(20260508)
    @settings(max_examples=count, database=None, deadline=None, derandomize=False, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(setup):
        got.append(setup)
    run()
    return got


@pytest.mark.parametrize("pareto", [True, False])
def test_the_strategy_draws_what_a_per_draw_base_draws(pareto):
    hoisted = _draws(_dominated_strategy(pareto)())
    assert len(hoisted) == 25 and hoisted == _draws(_per_draw(pareto))


def test_a_different_base_is_caught():
    # planted: the base drawn with the other basin width (9/10 in the Pareto draws)
    assert _draws(_dominated_strategy(True)()) != _draws(_per_draw(True, wrong_base=True))
