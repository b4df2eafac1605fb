"""Phase 1 of the limit solver for one or two rewards and few groups: the segment comparison.

The proposal only proposes; these tests check that it proposes the certified support, that the
solver's results do not depend on which phase 1 ran, and that a wrong proposal is still corrected.
"""

import random
from fractions import Fraction as Fr

import pytest

from pluralnash.numeric import Landscape, solve_limit
from pluralnash.numeric.engines import limit_problem as _lp
from pluralnash.theory import SolverError, Verdict


def _landscapes(seed, count):
    rng = random.Random(seed)
    out = []
    for k in range(count):
        n, m = rng.randint(2, 8), rng.randint(1, 2)
        vals = [[Fr(rng.randint(1, 40), rng.randint(1, 40)) for _ in range(n)] for _ in range(m)]
        q = [Fr(rng.randint(1, 9), 10)]
        q = q + [1 - q[0]] if m == 2 else [Fr(1)]
        form = "exp_rewards" if k % 2 == 0 else "rewards"
        out.append(Landscape(**{form: vals}, weights=q))
    return out


def _proposed(L):
    prob = _lp._problem(L)
    p = _lp._face_proposal(prob)
    top = max(p.values())
    return prob, sorted(g for g, v in p.items() if v > 1e-9 * top)


@pytest.mark.parametrize("L", _landscapes(3, 16))
def test_the_solver_gives_the_same_limit_with_either_phase_1(L, monkeypatch):
    fast = solve_limit(L, dps=25)
    assert _lp._face_proposal(_lp._problem(L)) is not None
    monkeypatch.setattr(_lp, "_FACE_GROUPS", -1)  # the barrier's path
    slow = solve_limit(L, dps=25)
    assert fast.certificate.verdict is slow.certificate.verdict is Verdict.HOLDS
    assert fast.support == slow.support and fast.exact == slow.exact
    if fast.exact:
        assert fast.p == slow.p and fast.Z == slow.Z
    else:
        assert all(abs(a - b) <= Fr(1, 10 ** 22) for a, b in zip(map(Fr, map(str, fast.p)), map(Fr, map(str, slow.p))))


@pytest.mark.parametrize("L", _landscapes(8, 40))
def test_the_proposal_is_the_certified_support_on_distinct_rewards(L):
    res = solve_limit(L, dps=25)
    prob, S = _proposed(L)
    certified = sorted({g for g in range(prob.G) for x in prob.groups[g] if x in res.support})
    assert res.certificate.verdict is Verdict.HOLDS
    # a float tie may add groups that the active set then drops; the certified support is always proposed
    assert set(certified) <= set(S)


@pytest.mark.parametrize("q, support", [(("1/2", "1/2"), [2]), (("99/100", "1/100"), [0, 2])])
def test_the_proposal_follows_the_weights(q, support):
    # atoms 0 and 1 each best for one reward, atom 2 the compromise at 4/5 for both: at equal weights
    # the limit is the compromise alone; at q = 99/100 it also charges atom 0 (the support must move)
    L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], weights=list(q))
    assert _proposed(L)[1] == support
    assert list(solve_limit(L).support) == support


def test_a_wrong_proposal_is_corrected_by_the_barrier(monkeypatch):
    L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], weights=["1/2", "1/2"])
    right = solve_limit(L)
    from pluralnash.numeric.engines import limit as _limit

    # planted: all mass proposed on atom 1, which the limit does not charge; the active set does not
    # settle from it, so the solver falls back to the barrier's proposal and certifies the right limit
    monkeypatch.setattr(_limit, "_face_proposal", lambda prob: {0: 0.0, 1: 1.0, 2: 0.0})
    prob = _lp._problem(L)
    with pytest.raises(SolverError):
        _limit._from_proposal(prob, {0: 0.0, 1: 1.0, 2: 0.0}, prob.w_mp(90), 70)
    res = solve_limit(L)
    assert res.certificate.verdict is Verdict.HOLDS and res.p == right.p == [Fr(0), Fr(0), Fr(1)]


def test_float_ties_join_the_proposal():
    # two atoms 10^-30 apart in their one reward: equal in floats, so both are proposed and the
    # exact domination keeps the better one
    L = Landscape(exp_rewards=[["1", Fr(1) + Fr(1, 10 ** 30), "1/2"]])
    assert _proposed(L)[1] == [0, 1]
    assert solve_limit(L, dps=5).support == (1,)


@pytest.mark.parametrize("m, n", [(3, 4), (2, _lp._FACE_GROUPS + 1)])
def test_beyond_two_rewards_or_many_groups_the_barrier_proposes(m, n):
    rng = random.Random(n)
    rows = [[Fr(rng.randint(1, 10 ** 6), 10 ** 6) for _ in range(n)] for _ in range(m)]
    L = Landscape(exp_rewards=rows, weights=[Fr(1, m)] * m)
    assert _lp._face_proposal(_lp._problem(L)) is None
    assert solve_limit(L).certificate.verdict is Verdict.HOLDS


def _three_reward_pair():
    # atoms 0 and 1 mirror each other in rewards 1 and 2 and tie in reward 3: on S = {0, 1} the
    # stationary point is p = (1/2, 1/2) by symmetry (W = 1 on both); atom 2 is dominated by atom 0
    L = Landscape(exp_rewards=[["1", "1/10", "1/2"], ["1/10", "1", "1/20"], ["1/2", "1/2", "1/4"]],
                  weights=["1/3", "1/3", "1/3"])
    prob = _lp._problem(L)
    return prob, prob.w_mp(60)


def test_float_newton_starts_the_high_precision_newton_near_its_root():
    prob, w = _three_reward_pair()
    polished = _lp._float_newton(prob, [0, 1], [0.9, 0.1], w)
    assert all(abs(v - 0.5) < 1e-13 for v in polished)
    from pluralnash.numeric.engines import limit as _limit

    root = _limit._newton_on(prob, [0, 1], polished, w, 40)
    assert all(abs(v - Fr(1, 2)) < Fr(1, 10 ** 35) for v in map(Fr, map(str, root)))


def test_float_newton_keeps_the_start_when_it_cannot_improve_it():
    # planted: S = {0, 2}, where atom 2 is atom 0 at half its rewards, so no point of S has W = 1 on
    # both: the float iteration must hand back the start untouched
    prob, w = _three_reward_pair()
    start = [0.7, 0.3]
    assert _lp._float_newton(prob, [0, 2], start, w) is start
