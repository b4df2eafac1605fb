"""Every bad-argument case of the public API in one table: each raises InvalidArgument whose
message names the value, states the rule and suggests a fix."""

import pytest

from pluralnash import get_claim, run_claim
from pluralnash.numeric import (
    Landscape,
    evaluate_curated_update,
    evaluate_finite_k_weights,
    evaluate_large_k_weights,
    parse_setup,
    run_dynamics,
    solve_limit,
)
from pluralnash.properties import search_counterexample
from pluralnash.theory import InvalidArgument

OK = dict(exp_rewards=[[1, "1/2"], ["1/2", 1]])
L = Landscape(**OK)


def make(**kw):
    return lambda: Landscape(**kw)


CASES = [
    # (callable, words the message must contain)
    (make(), ["exactly one of rewards= "]),
    (make(rewards=[[1]], exp_rewards=[[1]]), ["both were given"]),
    (make(exp_rewards=[[1, 0]]), ["exp_rewards[0][1]=0", "> 0"]),
    (make(exp_rewards=[[1, -2]]), ["exp_rewards[0][1]=-2", "> 0"]),
    (make(exp_rewards=[[1, 2], [1]]), ["exp_rewards[1] has 1 entry", "one value per atom"]),
    (make(exp_rewards=[1, 2]), ["flat list", "one row per reward"]),
    (make(exp_rewards=[]), ["no rewards"]),
    (make(exp_rewards=[[]]), ["exp_rewards[0]=[] is empty"]),
    (make(exp_rewards="12"), ["must be a list of rows"]),
    (make(exp_rewards=[[1, "x"]]), ["exp_rewards[0][1]='x'", "not a number"]),
    (make(exp_rewards=[[1, float("nan")]]), ["nan", "finite"]),
    (make(exp_rewards=[[1, float("inf")]]), ["inf", "finite"]),
    (make(exp_rewards=[[1, True]]), ["bool"]),
    (make(**OK, weights=["1/2", "3/5"]), ["weights=", "must sum to 1", "off by 0.1", "normalise"]),
    (make(**OK, weights=["1/2"]), ["weights has 1 entry", "2 rewards"]),
    (make(**OK, weights=["3/2", "-1/2"]), ["weights[1]=-1/2 is negative"]),
    (make(**OK, p0=["1/2", "1/3"]), ["p0=", "must sum to 1", "off by"]),
    (make(**OK, p0=["3/2", "-1/2"]), ["p0[1]=-1/2 is negative"]),
    (make(**OK, p0=[1]), ["p0 has 1 entry", "2 atoms"]),
    (make(**OK, K=1), ["K=1", ">= 2"]),
    (make(**OK, K="3/2"), ["K='3/2'", "whole number"]),
    (make(**OK, eps=0), ["eps=0", "> 0"]),
    (make(**OK, exp_eps=1), ["exp_eps=1", "(0, 1)"]),
    (make(**OK, eps="1/2", exp_eps="1/2"), ["at most one of eps= and exp_eps="]),
    (make(**OK, atoms=["a"]), ["atoms has 1 label"]),
    (make(**OK, atoms=["a", {"x": 1}]), ["atoms[1]={'x': 1}", "not a label", "list of coordinates"]),
    (make(**OK, name=["a", "b"]), ["name=['a', 'b']", "not a string", "give the setup's name as a string"]),
    (lambda: L.basins(), ["no basin width", "eps="]),
    (lambda: Landscape(rewards=[[0, 1]]).exact_w(), ["no exact w"]),
    (lambda: parse_setup('{"exp_rewards": [[1]], "weigths": [1]}'), ["unknown key 'weigths'", "did you mean 'weights'"]),
    (lambda: parse_setup('{"exp_rewards": [[1, NaN]]}'), ["NaN", "finite"]),
    (lambda: parse_setup("[1, 2]"), ["holds a list", "JSON object"]),
    (lambda: parse_setup("{"), ["not valid JSON", "line 1"]),
    (lambda: parse_setup("{}"), ["exactly one of rewards="]),
    (lambda: evaluate_curated_update(L, [1]), ["p has 1 entry", "2 atoms"]),
    (lambda: evaluate_curated_update(L, K=1), ["K=1", ">= 2"]),
    (lambda: evaluate_large_k_weights(L, dps=2), ["dps=2", "from 5"]),
    (lambda: run_dynamics(L, -1), ["steps=-1", "from 0 to 10000000"]),
    (lambda: run_dynamics(L, 2, record_every=0), ["record_every=0"]),
    (lambda: run_dynamics(L, 10**12), ["steps=1000000000000", "from 0 to 10000000", "several calls"]),
    (lambda: run_dynamics(L, 2, progress="bar"), ["progress='bar'", "callable"]),
    (lambda: run_dynamics(Landscape(rewards=[[0, 1]]), 2, exact=True), ["exact=True needs rational exp_rewards"]),
    (lambda: solve_limit(L, dps=0), ["dps=0"]),
    (lambda: solve_limit(L, dps=100_001), ["dps=100001", "from 5 to 100000"]),
    (lambda: run_dynamics(L, 1, dps=100_001), ["dps=100001", "from 5 to 100000"]),
    (lambda: evaluate_large_k_weights(L, dps=10**9), ["dps=1000000000", "from 5 to 100000"]),
    (lambda: evaluate_finite_k_weights([0.5, 0.5], [3, 1], 3, method="quadrature", dps=1000),
     ["dps=1000", "at most 400", "method='enumerate'"]),
    (lambda: evaluate_finite_k_weights([0.001] * 1000, [1] * 1000, 10**6, dps=1000),
     ["dps=1000", "at most 400", "compositions", "lower dps"]),
    (lambda: get_claim("lemma-3.11"), ["claim='lemma-3.11'", "did you mean"]),
    (lambda: run_claim("lemma-3.1", profile="fast"), ["profile='fast'", "quick"]),
    (lambda: search_counterexample(None, None, max_examples=0), ["max_examples=0"]),
    (lambda: search_counterexample(None, None, stages=("small-scope", "exhaustive")), ["'exhaustive'", "pick from"]),
]


@pytest.mark.parametrize("call, words", CASES, ids=[f"case{k}" for k in range(len(CASES))])
def test_bad_argument(call, words):
    with pytest.raises(InvalidArgument) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, (word, message)
