"""The limit solver on degenerate landscapes: a set of maximisers, near-duplicate atoms, many equal rewards.

Each result is re-checked by an independent computation written here (exact rationals, or mpmath at
far more digits than the solver used), and each check has a planted wrong answer it must reject.
"""

from fractions import Fraction as Fr

import mpmath
import pytest

from pluralnash.numeric import Landscape, evaluate_curated_update, solve_limit
from pluralnash.theory import Verdict

TIE = {"exp_rewards": [["1", "1/100", "101/200"], ["1/100", "1", "101/200"]], "weights": ["1/2", "1/2"]}


def _Z(w, p):
    return [sum((a * b for a, b in zip(row, p)), Fr(0)) for row in w]


def _tie(p0):
    return Landscape(exp_rewards=TIE["exp_rewards"], weights=TIE["weights"], p0=p0)


def test_a_maximiser_set_through_p0_reports_p0_as_the_limit():
    """Atom 2 is the average of atoms 0 and 1: F's maximisers form a segment, and p0 is on it."""
    L = _tie(["1/3", "1/3", "1/3"])
    res = solve_limit(L)
    assert res.exact and not res.unique
    assert res.p == [Fr(1, 3)] * 3  # p0 itself, not the vertex (0, 0, 1)
    assert res.certificate.verdict is Verdict.HOLDS and res.certificate.evidence["p0_is_maximiser"] is True
    # independent: p0 is an exact fixed point of Eq. 5
    assert evaluate_curated_update(L, L.p0) == list(L.p0)
    w = L.exp_rewards
    Zstar = _Z(w, L.p0)
    assert list(res.Z) == Zstar
    verts = {tuple(v) for v in res.maximisers.vertices}
    assert verts == {(Fr(1, 2), Fr(1, 2), Fr(0)), (Fr(0), Fr(0), Fr(1))}
    assert all(_Z(w, v) == Zstar and sum(v) == 1 for v in verts)
    assert res.maximisers.ranges == {0: (0, Fr(1, 2)), 1: (0, Fr(1, 2)), 2: (0, 1)}
    # negative control: a point off the segment has another Z
    assert _Z(w, [Fr(1), Fr(0), Fr(0)]) != Zstar


def test_a_maximiser_set_off_p0_gives_no_arbitrary_member():
    L = _tie(["1/2", "1/4", "1/4"])
    res = solve_limit(L)
    assert res.p is None and not res.unique
    assert res.certificate.verdict is Verdict.UNDECIDED and "polytope" in res.certificate.reason
    assert res.maximisers.p0_is_maximiser is False
    assert list(res.Z) == [Fr(101, 200), Fr(101, 200)]  # Z* is unique, and exact
    # p0 is not a fixed point here (so "p0" would be a wrong answer)
    assert evaluate_curated_update(L, L.p0) != list(L.p0)
    assert res.to_json()["p"] is None and len(res.to_json()["maximisers"]["vertices"]) == 2


def test_a_unique_maximiser_has_no_set():
    L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], weights=["1/2", "1/2"])
    res = solve_limit(L)
    assert res.unique and res.maximisers is None and res.p == [0, 0, 1]


def _near_duplicates(eps, crossed):
    """m = 4, n = 7 log-form rewards: four specialists and copies of three of them moved by eps."""
    base = [[0, Fr(-117, 50), Fr(-89, 100), Fr(-11, 20)], [Fr(-11, 10), 0, Fr(-73, 100), Fr(-38, 25)],
            [Fr(-127, 100), Fr(-151, 100), 0, Fr(-19, 10)], [Fr(-19, 25), Fr(-43, 25), Fr(-67, 100), 0]]
    atoms = [[Fr(v) for v in col] for col in zip(*base)]  # atoms[x][i]
    for k in range(3):
        a = list(atoms[k])
        if crossed:  # neither copy dominates the other
            a[0] += eps
            a[1] -= eps
        else:
            a[k] += eps if k != 1 else -eps
        atoms.append(a)
    return Landscape(rewards=[[a[i] for a in atoms] for i in range(4)], weights=["1/4"] * 4)


def _kkt_residuals(L, p, digits=150):
    """max |W - 1| on supp p and max W off it, at ``digits`` digits, written without the solver."""
    with mpmath.workdps(digits):
        w = [[mpmath.exp(mpmath.mpf(v.numerator) / v.denominator) for v in row] for row in L.rewards]
        q = [mpmath.mpf(v.numerator) / v.denominator for v in L.weights]
        pm = [mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fr) else mpmath.mpf(v) for v in p]
        Z = [mpmath.fsum(a * b for a, b in zip(row, pm)) for row in w]
        W = [mpmath.fsum(q[i] * w[i][x] / Z[i] for i in range(L.m)) for x in range(L.n)]
        on = max(abs(W[x] - 1) for x in range(L.n) if p[x])
        off = max((W[x] for x in range(L.n) if not p[x]), default=mpmath.mpf(0))
        return on, off


@pytest.mark.parametrize("eps_exp", [30, 60])
@pytest.mark.parametrize("dps", [30, 100])
def test_near_duplicates_that_dominate_are_certified(eps_exp, dps):
    """Copies 1e-30 (or 1e-60) above or below an atom: the dominated one is dropped exactly."""
    L = _near_duplicates(Fr(1, 10 ** eps_exp), crossed=False)
    res = solve_limit(L, dps=dps)
    assert res.certificate.verdict is Verdict.HOLDS, res.certificate
    keys = [tuple(L.rewards[i][x] for i in range(4)) for x in range(L.n)]
    for x in res.support:  # no charged atom is dominated by another atom
        assert not any(k != keys[x] and all(a >= b for a, b in zip(k, keys[x])) for k in keys)
    on, off = _kkt_residuals(L, res.p)
    tol = mpmath.mpf(10) ** (-dps + 3)
    assert on < tol and off - 1 < tol
    # negative control: the same independent check rejects the uniform distribution
    on_u, off_u = _kkt_residuals(L, [Fr(1, L.n)] * L.n)
    assert on_u > tol


@pytest.mark.parametrize("dps", [30, 100])
def test_near_duplicates_that_cross_never_raise(dps):
    """Copies moved by +1e-30 and -1e-30 in two rewards: certified, or UNDECIDED with a reason."""
    L = _near_duplicates(Fr(1, 10 ** 30), crossed=True)
    res = solve_limit(L, dps=dps)
    if res.certificate.verdict is Verdict.HOLDS:
        on, off = _kkt_residuals(L, res.p)
        assert on < mpmath.mpf(10) ** (-dps + 3) and off - 1 < mpmath.mpf(10) ** (-dps + 3)
    else:
        assert res.certificate.verdict is Verdict.UNDECIDED and res.certificate.reason
        from pluralnash.numeric.engines import limit_np as _limit_np

        if _limit_np.available():  # atoms 2 and 6 differ by 1e-30 where floats cannot see it: named
            assert "[2, 6]" in res.certificate.reason and "near-duplicates" in res.certificate.reason
            assert res.certificate.evidence["near_duplicate_atoms"] == [[2, 6]]


ROW_A = ["1", "1/100", "4/5", "1/3", "2/7"]
ROW_B = ["1/100", "1", "4/5", "1/5", "1/2"]


@pytest.mark.parametrize("copies", [(400, 0), (200, 200)])
def test_many_identical_rewards_solve_as_one(copies):
    a, b = copies
    many = Landscape(exp_rewards=[ROW_A] * a + [ROW_B] * b, weights=[Fr(1, a + b)] * (a + b))
    few_rows = [ROW_A] * bool(a) + [ROW_B] * bool(b)
    few = Landscape(exp_rewards=few_rows, weights=[Fr(1, len(few_rows))] * len(few_rows))
    res, ref = solve_limit(many), solve_limit(few)
    assert res.certificate.verdict is Verdict.HOLDS and res.exact
    assert res.p == ref.p and len(res.Z) == a + b
    assert res.Z[:a] == [ref.Z[0]] * a and res.Z[a:] == [ref.Z[-1]] * b
    # negative control: the mixed landscape's limit is not that of reward A alone
    if b:
        assert res.p != solve_limit(Landscape(exp_rewards=[ROW_A], weights=["1"])).p


def test_rewards_equal_on_the_support_only_share_z_and_its_radius():
    """Rows equal where p0 has mass (they differ on atom 3, which p0 does not charge)."""
    rows = [["0", "-1", "-1/2", "5"], ["0", "-1", "-1/2", "-7"], ["-1", "0", "-1/3", "0"]]
    L = Landscape(rewards=rows, weights=["1/4", "1/4", "1/2"], p0=["1/3", "1/3", "1/3", "0"])
    res = solve_limit(L, dps=30)
    assert res.certificate.verdict is Verdict.HOLDS
    assert res.Z[0] == res.Z[1] and res.Z_radius[0] == res.Z_radius[1] > 0
    ref = solve_limit(Landscape(rewards=[r[:3] for r in rows[1:]], weights=["1/2", "1/2"]), dps=30)
    with mpmath.workdps(30):
        assert max(abs(a - b) for a, b in zip(res.p[:3], ref.p)) < mpmath.mpf(10) ** -25


# m = 4, n = 7: atoms 4-6 copy atoms 0-2 with one reward moved by 1e-30 (the active-set iteration once
# cycled here: "did not settle", at dps 30 and 100)
_E = Fr(1, 10 ** 30)
CYCLED = [[0, Fr(-83, 100), Fr(-51, 25), Fr(-99, 50), -_E, Fr(-83, 100), Fr(-51, 25)],
          [Fr(-11, 10), 0, Fr(-171, 100), Fr(-33, 50), Fr(-11, 10), 0, Fr(-171, 100) - _E],
          [Fr(-201, 100), Fr(-36, 25), 0, Fr(-41, 20), Fr(-201, 100), Fr(-36, 25) + _E, 0],
          [Fr(-189, 100), Fr(-71, 25), Fr(-21, 10), 0, Fr(-189, 100), Fr(-71, 25), Fr(-21, 10)]]


@pytest.mark.parametrize("dps", [30, 100])
def test_near_duplicates_where_the_active_set_cycled(dps):
    L = Landscape(rewards=CYCLED, weights=["1/4"] * 4)
    res = solve_limit(L, dps=dps)
    assert res.certificate.verdict is Verdict.HOLDS, res.certificate
    assert 4 not in res.support and 6 not in res.support  # atom 4 < atom 0, atom 6 < atom 2 (one reward each)
    on, off = _kkt_residuals(L, res.p)
    assert on < mpmath.mpf(10) ** (-dps + 3) and off - 1 < mpmath.mpf(10) ** (-dps + 3)


def _argmax_restriction(row, p0):
    """p0 restricted to the exact argmax of one reward on supp p0, renormalised ([FALA26] Lemma 3.2's limit
    iterated: with one reward the large-K dynamics keep only the best atoms, in p0's proportions)."""
    top = max(v for v, m in zip(row, p0) if m)
    mass = sum(m for v, m in zip(row, p0) if v == top)
    return [m / mass if v == top else Fr(0) for v, m in zip(row, p0)]


@pytest.mark.parametrize("form", ["exp_rewards", "rewards"])
@pytest.mark.parametrize("gap", [30, 60, 100])
@pytest.mark.parametrize("row", [("1", "1+d", "1/2"), ("1+d", "1", "1/2"), ("1", "1+d", "1+d", "1/3")])
@pytest.mark.parametrize("dps", [5, 30])
def test_one_reward_near_ties_give_the_argmax_exactly(form, gap, row, dps):
    """Two best atoms 10^-gap apart in reward: the limit is p0 on the exact argmax, certified, and
    F* = log Z* keeps its significant digits (log of the exact Z* - 1, not of Z* rounded)."""
    d = Fr(1, 10 ** gap)
    values = [Fr(1) + d if v == "1+d" else Fr(v) for v in row]
    p0 = [Fr(k + 1, sum(range(1, len(values) + 1))) for k in range(len(values))]
    res = solve_limit(Landscape(**{form: [values]}, p0=p0), dps=dps)
    want = _argmax_restriction(values, p0)
    assert res.certificate.verdict is Verdict.HOLDS and res.unique, res.certificate
    assert res.support == tuple(x for x, v in enumerate(want) if v)
    assert _distance(res.p, want, dps) <= mpmath.mpf(10) ** (1 - dps)
    # F* = log w* (or r*) to dps significant digits, although it is about 10^-gap in the exp form
    top = max(values)
    with mpmath.workdps(dps + gap + 20):
        t1 = mpmath.mpf((top - 1).numerator) / (top - 1).denominator
        exact_F = mpmath.log1p(t1) if form == "exp_rewards" else 1 + t1
        assert abs(res.F - exact_F) <= abs(exact_F) * mpmath.mpf(10) ** (1 - dps), (res.F, exact_F)
    # negative control: the same comparison rejects p0 on the runner-up atom, 10^-gap below the best
    runner = max(v for v in values if v < max(values))
    wrong = [m / sum(p0[x] for x, v in enumerate(values) if v == runner) if v == runner else Fr(0)
             for v, m in zip(values, p0)]
    assert _distance(res.p, wrong, dps) > mpmath.mpf(10) ** (1 - dps)


def _distance(p, exact, dps):
    with mpmath.workdps(dps + 10):
        mp = [mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fr) else mpmath.mpf(v) for v in p]
        return max(abs(a - mpmath.mpf(b.numerator) / b.denominator) for a, b in zip(mp, exact))
