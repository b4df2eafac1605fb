"""The curated update, trajectories and the direct limit solver, against independent computations."""

from fractions import Fraction as Fr

import mpmath
import pytest
from hypothesis import example, given, note, settings, target
from hypothesis import strategies as st

from pluralnash.numeric import (
    Landscape,
    evaluate_curated_update,
    evaluate_large_k_weights,
    evaluate_objective,
    evaluate_Z,
    run_dynamics,
    solve_limit,
)
from pluralnash.properties import landscapes
from pluralnash.theory import Verdict


def mp(x):
    return mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fr) else mpmath.mpf(x)


def direct_step(L, p):
    """Eq. 5 written out independently: p'(x) = p(x) Σ_i q_i w_i(x) / Σ_y p(y) w_i(y)."""
    ws = L.exp_rewards
    Z = [sum(p[y] * ws[i][y] for y in range(L.n)) for i in range(L.m)]
    return [p[x] * sum(L.weights[i] * ws[i][x] / Z[i] for i in range(L.m)) for x in range(L.n)]


@given(landscapes(max_atoms=5, max_rewards=3))
def test_large_k_step_is_exact_and_matches_eq5(L):
    p1 = evaluate_curated_update(L)
    assert all(isinstance(v, Fr) for v in p1)
    assert p1 == direct_step(L, list(L.p0))
    assert sum(p1) == 1  # mass conservation, exactly


@given(landscapes(max_atoms=4, max_rewards=2, exact=False))
def test_log_form_step_matches_exp_form_at_precision(L):
    """rewards= and exp_rewards= describe the same model; scaling by max w_i does not change W."""
    with mpmath.workdps(40):
        ws = [[mpmath.exp(mp(r)) for r in row] for row in L.rewards]
        p = [mp(v) for v in L.p0]
        Z = [mpmath.fsum(a * b for a, b in zip(p, row)) for row in ws]
        ref = [p[x] * mpmath.fsum(mp(L.weights[i]) * ws[i][x] / Z[i] for i in range(L.m)) for x in range(L.n)]
        got = evaluate_curated_update(L, dps=30)
        assert max(abs(a - b) for a, b in zip(got, ref)) < mpmath.mpf(10) ** -28


def test_rewards_of_magnitude_a_million_do_not_overflow():
    L = Landscape(rewards=[[0, -10**6, "-1/2"], [-10**6, 0, "-1/2"]], weights=["1/3", "2/3"])
    p1 = evaluate_curated_update(L, dps=30)
    assert all(mpmath.isfinite(v) for v in p1)
    assert abs(mpmath.fsum(p1) - 1) < mpmath.mpf(10) ** -28
    Z = evaluate_Z(L, dps=30)
    assert Z[0] > 0 and mpmath.isfinite(Z[0])


def test_weights_are_gradient_of_F():
    """∂F/∂p(x) = W(x): central differences of evaluate_objective against evaluate_large_k_weights."""
    L = Landscape(exp_rewards=[["1", "1/3", "1/2"], ["1/5", "1", "2/3"]], weights=["2/5", "3/5"])
    W = evaluate_large_k_weights(L)
    h = mpmath.mpf(10) ** -15
    with mpmath.workdps(50):
        for x in range(L.n):
            up = [mp(v) + (h if k == x else 0) for k, v in enumerate(L.p0)]
            dn = [mp(v) - (h if k == x else 0) for k, v in enumerate(L.p0)]
            # F extended off the simplex (homogeneous of degree 0 in p is not needed: Z is linear)
            dF = (evaluate_objective(L, up, dps=45) - evaluate_objective(L, dn, dps=45)) / (2 * h)
            assert abs(dF - mp(W[x])) < mpmath.mpf(10) ** -20


def test_finite_k_update_is_exact_for_small_sizes_and_conserves_mass():
    L = Landscape(exp_rewards=[[3, 1, 2]], K=3)
    p1 = evaluate_curated_update(L)
    assert all(isinstance(v, Fr) for v in p1) and sum(p1) == 1
    quad = evaluate_curated_update(L, method="quadrature", dps=25)
    with mpmath.workdps(40):
        assert max(abs(mp(a) - b) for a, b in zip(p1, quad)) < mpmath.mpf(10) ** -22


def test_run_records_basin_masses_and_is_exact_when_asked():
    L = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], weights=["1/3", "2/3"], exp_eps="9/10")
    tr = run_dynamics(L, 5, exact=True)
    assert [r.t for r in tr.records] == list(range(6))
    for r in tr.records:
        assert r.a + r.b + r.m == 1
    p = list(L.p0)
    for _ in range(5):
        p = direct_step(L, p)
    assert tr.p_T == p
    mp_run = run_dynamics(L, 5, dps=30)
    with mpmath.workdps(40):
        assert max(abs(mp(a) - b) for a, b in zip(p, mp_run.p_T)) < mpmath.mpf(10) ** -27


@settings(max_examples=25)
@given(landscapes(max_atoms=6, max_rewards=3))
@example(Landscape(exp_rewards=[[1, "1/2"], ["1/2", 1]]))
@example(Landscape(exp_rewards=[[1, 1, "1/2"], ["1/2", "1/2", 1]], p0=["1/6", "1/2", "1/3"]))
def test_limit_satisfies_kkt_and_beats_the_dynamics(L):
    note(repr(L))
    res = solve_limit(L, dps=25)
    assert res.certificate.verdict is Verdict.HOLDS, res.certificate
    assert res.certificate.certified
    with mpmath.workdps(40):
        p = [mp(v) for v in res.p]
        assert abs(mpmath.fsum(p) - 1) < mpmath.mpf(10) ** -22
        W = evaluate_large_k_weights(L, p, dps=35)
        for x in range(L.n):
            if p[x] > mpmath.mpf(10) ** -20:
                assert abs(W[x] - 1) < mpmath.mpf(10) ** -20  # W = 1 on the support
            else:
                assert W[x] <= 1 + mpmath.mpf(10) ** -20  # W <= 1 off it
        tr = run_dynamics(L, 60, dps=25)
        gap = res.F - tr.records[-1].F
        target(-float(gap), label="dynamics closing on the solver")
        assert gap > -mpmath.mpf(10) ** -20  # the dynamics never beats the optimum
        # atoms with equal reward vectors keep p0's ratio
        for x in range(L.n):
            for y in range(L.n):
                if x < y and all(row[x] == row[y] for row in L.exp_rewards) and p[x] > 0:
                    assert abs(p[x] * mp(L.p0[y]) - p[y] * mp(L.p0[x])) < mpmath.mpf(10) ** -20


def test_limit_is_exact_rational_when_support_size_equals_m():
    L = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], weights=["1/3", "2/3"])
    res = solve_limit(L)
    assert res.exact and res.certificate.method == "exact"
    assert res.p == [Fr(98, 297), Fr(199, 297), Fr(0)]
    assert direct_step(L, res.p) == res.p  # a fixed point, exactly


def test_limit_of_long_run_converges_to_solver():
    L = Landscape(exp_rewards=[[1, "1/2", "1/5", "7/10"], ["1/10", 1, "1/5", "1/2"], ["1/10", "1/5", 1, "3/5"]],
                  weights=["1/5", "3/10", "1/2"])
    res = solve_limit(L, dps=30)
    assert res.certificate.evidence["certified_digits"] >= 30
    with mpmath.workdps(40):
        errs = [max(abs(mp(a) - b) for a, b in zip(res.p, run_dynamics(L, T, dps=20, record_every=T).p_T))
                for T in (200, 800)]
    assert errs[1] < errs[0] / 3 and errs[1] < mpmath.mpf(10) ** -3


def test_single_reward_limit_is_p0_restricted_to_argmax():
    L = Landscape(exp_rewards=[[3, 1, 3, 2]], p0=["1/10", "2/5", "3/10", "1/5"])
    res = solve_limit(L)
    assert res.p == [Fr(1, 4), 0, Fr(3, 4), 0]


def test_limit_respects_the_support_of_p0():
    L = Landscape(exp_rewards=[[3, 1, 2], [1, 3, 2]], p0=[0, "1/2", "1/2"])
    res = solve_limit(L)
    assert res.p[0] == 0
    assert res.certificate.verdict is Verdict.HOLDS


def test_planted_wrong_solution_is_rejected_by_the_certificate():
    """Negative control: the exact certificate must report FAILS for a non-optimal candidate."""
    from pluralnash.numeric.engines.limit import _certify_exact, _problem

    L = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], weights=["1/3", "2/3"])
    prob = _problem(L)
    cert, unique, _ = _certify_exact(prob, [0, 1], [Fr(1, 2), Fr(1, 2)])
    assert cert.verdict is Verdict.FAILS and not unique


@pytest.mark.parametrize("dps", [15, 50])
def test_limit_precision_is_as_requested(dps):
    L = Landscape(rewards=[[0, -3, "-1/2"], [-3, 0, "-1/2"]], weights=["1/3", "2/3"])
    res = solve_limit(L, dps=dps)
    assert res.dps == dps
    assert res.certificate.evidence["certified_digits"] >= dps
    lo = solve_limit(L, dps=dps + 20)
    with mpmath.workdps(dps + 30):
        assert max(abs(a - b) for a, b in zip(res.p, lo.p)) < mpmath.mpf(10) ** (1 - dps)


@settings(max_examples=30)
@given(landscapes(max_atoms=6, max_rewards=3, min_value=-30), st.integers(1, 6))
def test_fixed_point_fast_path_agrees_with_exact_steps(L, steps):
    """The big-integer fast path of run_dynamics against exact rational steps."""
    exact = run_dynamics(L, steps, exact=True, record_every=steps).p_T
    fast = run_dynamics(L, steps, dps=40, record_every=steps).p_T
    with mpmath.workdps(60):
        for a, b in zip(exact, fast):
            a = mp(a)
            assert abs(a - b) <= mpmath.mpf(10) ** -38 * a


@pytest.mark.parametrize("p0, rewards", [
    (["1e-300", "0.5", "0.5"], None),           # a mass of 10^-300 keeps its relative precision
    (["1/3", "1/3", "1/3"], [[0, -10**6, -5], [-10**6, 0, -5]]),  # e^(-10^6): the mpf fallback
])
def test_hostile_ranges_step_correctly(p0, rewards):
    from fractions import Fraction
    p0 = [Fraction(v) for v in p0]
    p0[-1] = 1 - sum(p0[:-1])
    if rewards is None:
        L = Landscape(exp_rewards=[[1, "1/2", "1/3"], ["1/3", 1, "1/2"]], p0=p0)
        want = direct_step(L, list(L.p0))
    else:
        L = Landscape(rewards=rewards, p0=p0)
        with mpmath.workdps(60):
            ws = [[mpmath.exp(r) for r in row] for row in rewards]
            Z = [mpmath.fsum(mp(p) * w for p, w in zip(p0, row)) for row in ws]
            want = [mp(p0[x]) * mpmath.fsum(mp(L.weights[i]) * ws[i][x] / Z[i] for i in range(2)) for x in range(3)]
    got = evaluate_curated_update(L, dps=30)
    with mpmath.workdps(60):
        for a, b in zip(want, got):
            assert abs(mp(a) - b) <= mpmath.mpf(10) ** -29 * abs(mp(a))


def _run_landscapes():
    import random

    out = []
    for seed in range(3):
        rng = random.Random(seed)
        n, m = rng.randint(3, 30), rng.randint(1, 3)
        rows = [[Fr(rng.randint(1, 50), rng.randint(1, 50)) for _ in range(n)] for _ in range(m)]
        extra = {"reference": [Fr(1, n)] * n, "lam": Fr(2, 3)} if seed == 2 else {}
        out.append(Landscape(exp_rewards=rows, weights=[Fr(1, m)] * m, eps="1/4", **extra))
    out.append(Landscape(rewards=[[0, -3, Fr(-1, 7), -40], [-2, 0, Fr(-5, 3), -1]], weights=["1/3", "2/3"]))
    return out


@pytest.mark.parametrize("L", _run_landscapes())
def test_run_prints_the_same_digits_with_and_without_arb(monkeypatch, L):
    pytest.importorskip("flint")
    with_arb = run_dynamics(L, 150, dps=25)
    monkeypatch.setenv("PLURALNASH_ARB", "0")
    without = run_dynamics(L, 150, dps=25)
    assert with_arb.enclosure is not None and without.enclosure is None
    assert with_arb.to_json(25) == without.to_json(25)
    # the masses themselves agree far below the printed digits (both carry 10 guard digits)
    assert max(abs(a - b) for a, b in zip(with_arb.p_T, without.p_T)) < mpmath.mpf(10) ** -24
    # negative control: a mass off by 10^-22 relative prints differently
    from dataclasses import replace

    planted = replace(without, p_T=[without.p_T[0] * (1 + mpmath.mpf(10) ** -22)] + without.p_T[1:])
    assert planted.to_json(25) != with_arb.to_json(25)


def test_run_without_flint_takes_the_block_float_path(monkeypatch):
    from pluralnash.numeric.engines import arb_step

    monkeypatch.setattr(arb_step, "flint", None)
    L = _run_landscapes()[0]
    tr = run_dynamics(L, 3, dps=20)
    exact = run_dynamics(L, 3, exact=True)
    assert tr.enclosure is None
    with mpmath.workdps(60):
        assert all(abs(a - mp(b)) < mpmath.mpf(10) ** -19 * mp(b) for a, b in zip(tr.p_T, exact.p_T))


def test_short_arb_run_publishes_an_enclosure_of_the_exact_run():
    pytest.importorskip("flint")
    L = _run_landscapes()[1]
    tr = run_dynamics(L, 6, dps=30)
    exact = run_dynamics(L, 6, exact=True).p_T
    assert tr.enclosure.since == 0  # carried from p_0: the balls enclose the exact p_6
    radius = tr.enclosure.radius
    assert 0 < radius < mpmath.mpf(10) ** -35
    with mpmath.workdps(80):
        assert all(abs(a - mp(b)) <= radius + mpmath.mpf(10) ** -29 * mp(b) for a, b in zip(tr.p_T, exact))
