"""No strategy draw touches the global ``random`` module.

Hypothesis warns ("Do not use the `random` module inside strategies") when the global random state
changes while it draws a setup, because such draws cannot be replayed or shrunk. A claim run must
raise no such warning; a strategy that does call ``random.random()`` (the control) must.
"""

import random
import warnings

from hypothesis import strategies as st
from hypothesis.errors import HypothesisDeprecationWarning

from pluralnash import run_claims
from pluralnash.properties import search_counterexample
from pluralnash.theory import CheckResult, Verdict


def _random_warnings(action):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = action()
    return result, [w for w in caught if issubclass(w.category, HypothesisDeprecationWarning)
                    and "random" in str(w.message)]


def test_a_quick_claim_run_draws_without_the_global_random_module():
    (report,), found = _random_warnings(lambda: run_claims(["lemma-3.1"], profile="quick"))
    assert found == [], [str(w.message) for w in found]
    assert report.controls  # the controls' searches ran too, under the same watch


def holds(setup):
    return CheckResult("always holds", Verdict.HOLDS, "exact", {})


def test_control_a_strategy_that_calls_random_is_caught():
    noisy = st.integers(0, 3).map(lambda k: k + random.random())
    _, found = _random_warnings(lambda: search_counterexample(noisy, holds, max_examples=5,
                                                              stages=("targeted",)))
    assert found, "the watch must see a draw that changes the global random state"
