"""The one large-K step in each arithmetic context, the per-setup cache, grouping and typed records."""

from fractions import Fraction

import mpmath
import pytest
from hypothesis import given, strategies as st

from pluralnash.numeric import Landscape, run_dynamics
from pluralnash.numeric.arith import blockfloat as bf
from pluralnash.numeric.arith.intervals import iv_frac, iv_workprec
from pluralnash.numeric.engines import arb_step
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.engines.dynamics import DynamicsRecord
from pluralnash.numeric.engines.grouping import group_by_reward_vector, reward_groups
from pluralnash.numeric.engines.step import (
    EXACT,
    FIELD,
    MPF,
    block_float_step,
    large_k_step,
    mixed_step,
    without_zero_weights,
)

rationals = st.fractions(min_value=Fraction(1, 50), max_value=1, max_denominator=50)


def _direct(p, w, q):
    """Eq. 5 term by term, exactly: p(x) Σ_i q_i w_i(x) / Z_i."""
    Z = [sum(pk * wk for pk, wk in zip(p, row)) for row in w]
    return [p[x] * sum(q[i] * w[i][x] / Z[i] for i in range(len(w)) if q[i]) for x in range(len(p))]


@st.composite
def steps(draw):
    n, m = draw(st.integers(1, 6)), draw(st.integers(1, 3))
    w = [draw(st.lists(rationals, min_size=n, max_size=n)) for _ in range(m)]
    raw = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
    p = [Fraction(v, sum(raw)) for v in raw]
    qraw = draw(st.lists(st.integers(0, 4), min_size=m, max_size=m).filter(any))
    return p, w, [Fraction(v, sum(qraw)) for v in qraw]


@given(steps())
def test_every_context_computes_eq5(case):
    p, w, q = case
    exact = _direct(p, w, q)
    assert large_k_step(EXACT, p, w, without_zero_weights(q, q)).p == exact
    assert large_k_step(FIELD, p, w, without_zero_weights(q, q)).p == exact
    with mpmath.workdps(40):
        got = large_k_step(MPF, [mpmath.mpf(v.numerator) / v.denominator for v in p],
                           [[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in w],
                           [mpmath.mpf(v.numerator) / v.denominator if v else None for v in q]).p
        assert all(abs(a - b) <= mpmath.mpf(10) ** -35 for a, b in zip(got, exact))
    with iv_workprec(128):
        balls = large_k_step(FIELD, [iv_frac(v) for v in p], [[iv_frac(v) for v in row] for row in w],
                             without_zero_weights(q, [iv_frac(v) for v in q])).p
        assert all(b.a <= iv_frac(v).a and iv_frac(v).b <= b.b for b, v in zip(balls, exact))
    bits = 120
    used = [i for i, v in enumerate(q) if v]
    with mpmath.workprec(bits + 40):
        parts = bf.from_mpf([mpmath.mpf(v.numerator) / v.denominator for v in p], bits + 40)
    new = block_float_step(bf.BlockFloat(bits), parts, [bf.from_rationals(w[i], bits) for i in used],
                           [q[i] for i in used])
    got = bf.to_mpf(*new, bits)
    with mpmath.workprec(bits):
        assert all(abs(a - (mpmath.mpf(v.numerator) / v.denominator)) <= 2 ** (8 - bits) * max(v, 1)
                   for a, v in zip(got, exact))


def test_arb_context_encloses_the_exact_step():
    if not arb_step.available():
        pytest.skip("python-flint is not installed")
    L = Landscape(exp_rewards=[["1", "1/3", "1/2"], ["1/5", "1", "1/2"]], weights=["1/4", "3/4"])
    step = arb_step.ArbLargeK(L, prec=120)
    P = step.step(step.balls(L.p0))
    top = [max(row) for row in L.exp_rewards]
    exact = _direct(list(L.p0), [[v / t for v in row] for row, t in zip(L.exp_rewards, top)], list(L.weights))
    assert all(arb_step.contains_exact(b, v) for b, v in zip(P.entries(), exact))


def test_mixed_step_is_the_reference_blend_of_the_step():
    p, w, q = [Fraction(1, 2)] * 2, [[Fraction(3), Fraction(1)]], [Fraction(1)]
    lam, ref = Fraction(1, 3), [Fraction(1, 4), Fraction(3, 4)]
    out = mixed_step(EXACT, p, w, q, lam, [(1 - lam) * r for r in ref])
    assert out == [(1 - lam) * r + lam * v for r, v in zip(ref, [Fraction(3, 4), Fraction(1, 4)])]
    assert sum(out) == 1


def test_per_setup_cache_is_keyed_by_value_and_bounded():
    calls = []

    @per_setup(maxsize=2)
    def f(setup, k=0):
        calls.append((setup, k))
        return len(calls)

    A = Landscape(exp_rewards=[["1", "1/2"]])
    B = Landscape(exp_rewards=[["1", "1/2"]])  # equal to A, another object
    C = Landscape(exp_rewards=[["1", "1/3"]])
    assert f(A) == f(A) == 1
    assert f(B) == 1  # equal setups share an entry
    assert f(C) == 2  # another setup: computed
    assert f(A, k=1) == 3
    assert f(C) == 2 and f(A) == 4  # A with k=0 was the least recently used of three: evicted
    assert f.cache_info().currsize == 2
    f.cache_clear()
    assert f.cache_info().currsize == 0


def test_a_setup_hashes_its_fields_once():
    L = Landscape(exp_rewards=[["1", "1/2", "1/3"]])
    h = hash(L)
    object.__setattr__(L, "exp_rewards", ((Fraction(9),),))  # a later change is not seen: the hash is kept
    assert hash(L) == h
    twin = Landscape(exp_rewards=[["1", "1/2", "1/3"]])
    assert hash(twin) == h and twin == Landscape(exp_rewards=[["1", "1/2", "1/3"]])


def test_grouping_by_reward_vector():
    src = [[1, 2, 1, 3], [5, 5, 5, 6]]
    assert group_by_reward_vector(src, [0, 1], [0, 1, 2, 3]) == {(1, 5): [0, 2], (2, 5): [1], (3, 6): [3]}
    assert group_by_reward_vector(src, [1], [3, 2, 0], ["a", "b", "c"]) == {(6,): ["a"], (5,): ["b", "c"]}
    L = Landscape(exp_rewards=[["1", "1/2", "1"], ["1/3", "1/3", "1/2"]], weights=["1", "0"])
    rewards, groups = reward_groups(L, range(3))  # the second reward has q = 0: it does not split groups
    assert rewards == (0,) and list(groups.values()) == [[0, 2], [1]]


def test_records_are_typed_and_write_the_run_json():
    L = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], exp_eps="9/10")
    tr = run_dynamics(L, 2, exact=True)
    rec = tr.records[1]
    assert isinstance(rec, DynamicsRecord) and rec.two_basins
    assert rec.a + rec.b + rec.m == 1
    with pytest.raises(AttributeError):
        rec.t = 5  # frozen
    assert list(rec.to_json(30)) == ["t", "a", "b", "m", "Z", "F", "W_max"]
    assert rec.to_json(30)["a"] == str(rec.a)
    three = run_dynamics(Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"], ["1", "1"]], exp_eps="1/2"), 1)
    assert list(three.records[0].to_json(12)) == ["t", "masses", "outside", "Z", "F", "W_max"]
    plain = run_dynamics(Landscape(exp_rewards=[["1", "1/2"]]), 1).records[0]
    assert plain.a is None and list(plain.to_json(12)) == ["t", "Z", "F", "W_max"]
    data = tr.to_json(30)
    assert list(data) == ["K", "dps", "steps", "trajectory", "p_T"] and len(data["trajectory"]) == 3


def test_to_mpf_rounds_block_by_block_as_mpmath_rounds_each_value(monkeypatch):
    import random

    rng = random.Random(5)
    mans = [rng.getrandbits(rng.randint(1, 300)) for _ in range(50)] + [0, 1 << 200, (1 << 200) + 1]
    exps = [rng.randint(-400, 50) for _ in mans]
    whole = bf.to_mpf(mans, exps, 90)
    monkeypatch.setattr(bf, "_BLOCK", 7)  # blocks that split the vector at odd places
    blocks = bf.to_mpf(mans, exps, 90)
    with mpmath.workprec(90):
        direct = [+mpmath.mpf((m, e)) if m else mpmath.mpf(0) for m, e in zip(mans, exps)]
    assert blocks == whole == direct
    # negative control: rounding at another precision differs somewhere
    assert bf.to_mpf(mans, exps, 60) != direct


def test_compact_exponents_are_read_like_the_list_and_huge_ones_stay_a_list():
    exps = [-230, -231, 5, -(2 ** 40)]
    packed = bf.compact_ints(exps)
    assert list(packed) == exps and type(packed) is not list
    huge = [2 ** 70, -1]
    assert bf.compact_ints(huge) is huge
    L = Landscape(exp_rewards=[["1/3", "2/7", "5"], ["1", "1/9", "2"]], weights=["1/4", "3/4"])
    from pluralnash.numeric import evaluate_curated_update

    exact = evaluate_curated_update(L)
    with mpmath.workdps(40):
        fast = evaluate_curated_update(L, [mpmath.mpf(1) / 3] * 3, dps=30)  # block float, exponents packed
        assert max(abs(a - mpmath.mpf(b.numerator) / b.denominator) / a for a, b in zip(fast, exact)) < mpmath.mpf(10) ** -29
