"""The limit solver's numpy path against its pure-Python path, and the rigour of its float bounds."""

import random
from fractions import Fraction as Fr

import pytest

from pluralnash.numeric import Landscape, solve_limit
from pluralnash.theory import Verdict

np = pytest.importorskip("numpy")
from pluralnash.numeric.engines import limit_np as _limit_np  # noqa: E402


def _landscapes():
    rng = random.Random(5)
    out = []
    for k in range(12):
        n, m = rng.randint(2, 9), rng.randint(1, 3)
        vals = [[Fr(rng.randint(1, 12), rng.randint(1, 12)) for _ in range(n)] for _ in range(m)]
        if k % 3 == 0:  # repeated reward vectors and a zero mass
            for row in vals:
                row[-1] = row[0]
            p0 = [Fr(0)] + [Fr(1, n - 1)] * (n - 1)
        else:
            p0 = None
        q = [Fr(1, m)] * m
        if k % 2:
            out.append(Landscape(rewards=vals, weights=q, p0=p0))
        else:
            out.append(Landscape(exp_rewards=vals, weights=q, p0=p0))
    return out


@pytest.mark.parametrize("L", _landscapes())
def test_numpy_and_pure_python_paths_agree(L, monkeypatch):
    fast = solve_limit(L, dps=25)
    monkeypatch.setattr(_limit_np, "np", None)
    assert not _limit_np.available()
    slow = solve_limit(L, dps=25)
    assert fast.certificate.verdict is slow.certificate.verdict
    assert fast.support == slow.support and fast.exact == slow.exact
    if fast.exact:
        assert fast.p == slow.p and fast.Z == slow.Z
    else:
        assert all(abs(a - b) <= Fr(1, 10 ** 20) for a, b in zip(map(Fr, map(str, fast.p)), map(Fr, map(str, slow.p))))


def test_float_upper_bounds_are_upper_bounds():
    rng = random.Random(9)
    keys = [tuple(Fr(rng.randint(0, 10 ** 30), rng.randint(1, 10 ** 30)) for _ in range(3)) for _ in range(3000)]
    keys += [(Fr(1, 10 ** 320), Fr(0), Fr(10 ** 300, 3))]  # subnormal, zero, huge
    tops = [max(k[i] for k in keys) for i in range(3)]
    up = _limit_np.w_upper(keys, tops)
    exact = [[k[i] / tops[i] for i in range(3)] for k in keys]
    assert all(Fr(u) >= e for urow, erow in zip(up.tolist(), exact) for u, e in zip(urow, erow))
    assert up[-1, 1] == 0 and up[-1, 0] > 0
    # negative control: the plain float quotient is below the exact value somewhere
    plain = [[float(k[i]) / float(tops[i]) for i in range(3)] for k in keys[:-1]]
    assert any(Fr(u) < e for urow, erow in zip(plain, exact) for u, e in zip(urow, erow))


def test_grouping_by_floats_splits_values_that_share_a_float():
    a, b = Fr(1, 3), Fr(1, 3) + Fr(1, 10 ** 40)  # same float, different rationals
    assert float(a) == float(b)
    groups, floats = _limit_np.group_atoms([[a, b, a, Fr(1, 2)]], [0], [Fr(1, 4)] * 4)
    assert [groups[g] for g in range(len(groups))] == [[0, 2], [1], [3]]
    assert floats.shape == (3, 1)


def test_a_pareto_front_is_certified_on_the_numpy_path():
    rng = random.Random(2)
    cols = []
    while len(cols) < 400:
        s, t = Fr(rng.randint(1, 999), 1000), Fr(rng.randint(1, 999), 1000)
        if s * s + t * t < 1:
            d = 1 + s * s + t * t
            cols.append((2 * s / d, 2 * t / d, (1 - s * s - t * t) / d))
    L = Landscape(exp_rewards=[list(r) for r in zip(*cols)], weights=["1/3"] * 3)
    res = solve_limit(L)
    assert res.certificate.verdict is Verdict.HOLDS and 1 <= len(res.support) <= 3


def test_chunked_exp_bounds_equal_the_unchunked_ones(monkeypatch):
    from pluralnash.numeric.engines import limit as _limit

    rng = random.Random(4)
    rows = [[-Fr(rng.randint(0, 10 ** 6), rng.randint(1, 7)) for _ in range(50)] for _ in range(2)]
    L = Landscape(rewards=rows, weights=["1/2", "1/2"])
    monkeypatch.setattr(_limit._Problem, "_CHUNK", 7)
    chunked = _limit._problem(L).w_array()
    whole = _limit._problem(L).w_float()
    assert chunked.tolist() == [list(r) for r in whole]
    # and they bound e^{r - max r} from above
    import mpmath

    with mpmath.workprec(200):
        prob = _limit._problem(L)
        for g in range(0, prob.G, 5):
            for k in range(2):
                d = prob.keys[g][k] - prob._top[k]
                assert mpmath.mpf(chunked[g, k]) >= mpmath.exp(mpmath.mpf(d.numerator) / d.denominator)


@pytest.mark.parametrize("q, support", [(("1/2", "1/2"), (2,)), (("99/100", "1/100"), (0, 2))])
def test_dual_barrier_masses_pick_the_limit_support(q, support):
    # e^r rows: atoms 0 and 1 each best for one reward, atom 2 the compromise at 4/5 for both.  At
    # q = (1/2, 1/2) the limit is the point mass on the compromise; at q = (99/100, 1/100) it also
    # charges atom 0 (the control: the same code must see the support move with the weights).
    w = np.array([[1.0, 0.01], [0.01, 1.0], [0.8, 0.8]])
    p = _limit_np.dual_barrier(w, [float(Fr(v)) for v in q])
    assert tuple(g for g in range(3) if p[g] > 1e-9 * max(p)) == support
    L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], weights=list(q))
    assert solve_limit(L).support == support
