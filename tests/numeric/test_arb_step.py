"""The arb large-K step: every ball contains the exact value of the map (pure and mixed), over several steps."""

import random
from fractions import Fraction as Fr

import mpmath
import pytest

pytest.importorskip("flint")

from pluralnash.numeric import Landscape, evaluate_curated_update  # noqa: E402
from pluralnash.numeric.engines.arb_step import ArbLargeK, contains_exact, midpoints  # noqa: E402
from pluralnash.theory import InvalidArgument  # noqa: E402


def _exact_steps(L, steps):
    p = list(L.p0)
    for _ in range(steps):
        p = evaluate_curated_update(L, p)  # exact rationals
    return p


def _landscape(seed, mixed=False):
    rng = random.Random(seed)
    n, m = rng.randint(2, 7), rng.randint(1, 3)
    rows = [[Fr(rng.randint(1, 50), rng.randint(1, 50)) for _ in range(n)] for _ in range(m)]
    extra = {"reference": [Fr(1, n)] * n, "lam": Fr(rng.randint(1, 9), 10)} if mixed else {}
    return Landscape(exp_rewards=rows, weights=[Fr(1, m)] * m, **extra)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("mixed", [False, True])
def test_balls_contain_the_exact_trajectory(seed, mixed):
    L = _landscape(seed, mixed)
    step = ArbLargeK(L, prec=170)
    P = step.balls(L.p0)
    for t in (1, 3):
        P = step.run(P, 1 if t == 1 else 2)
        exact = _exact_steps(L, t)
        assert all(contains_exact(b, v) for b, v in zip(P.entries(), exact))
    # negative control: a value one part in 10^40 off is outside some ball
    planted = [v * (1 + Fr(1, 10 ** 40)) for v in exact]
    assert not all(contains_exact(b, v) for b, v in zip(P.entries(), planted))


def test_log_form_rewards_agree_with_mpmath_far_beyond_the_radius():
    rows = [[0, -3, Fr(-1, 7), -40], [-2, 0, Fr(-5, 3), -1]]
    L = Landscape(rewards=rows, weights=["1/3", "2/3"])
    step = ArbLargeK(L, prec=200)
    P = step.run(step.balls(L.p0), 4)
    mids, rad = midpoints(P, 60)
    assert rad < mpmath.mpf(10) ** -50
    with mpmath.workdps(120):
        w = [[mpmath.exp(mpmath.mpf(v.numerator) / v.denominator) for v in row] for row in L.rewards]
        p = [mpmath.mpf(1) / 4] * 4
        for _ in range(4):
            Z = [mpmath.fsum(a * b for a, b in zip(p, row)) for row in w]
            p = [p[x] * (w[0][x] / (3 * Z[0]) + 2 * w[1][x] / (3 * Z[1])) for x in range(4)]
        assert max(abs(a - b) for a, b in zip(mids, p)) < mpmath.mpf(10) ** -55
        # negative control: the reference after 3 steps is far from the 4-step balls
        assert max(abs(a - b) for a, b in zip(mids, evaluate_curated_update(L, None, dps=60))) > 1e-10


@pytest.mark.parametrize("prec", [52, 0, 2.5, True])
def test_bad_precision_is_refused(prec):
    with pytest.raises(InvalidArgument, match="prec="):
        ArbLargeK(_landscape(0), prec=prec)


def test_docstring_example_runs_and_flint_precision_is_restored():
    import doctest

    import flint

    from pluralnash.numeric.engines import arb_step as _arb_step

    before = flint.ctx.prec
    result = doctest.testmod(_arb_step)
    assert result.attempted > 0 and result.failed == 0
    assert flint.ctx.prec == before


@pytest.mark.parametrize("mixed", [False, True])
def test_run_balls_enclose_the_exact_run_until_they_restart_from_points(mixed):
    from pluralnash.numeric.engines.arb_step import ArbRun

    L = _landscape(3, mixed)
    run = ArbRun(L, bits=100)
    exact = list(L.p0)
    for t in range(1, 9):
        run.step()
        exact = evaluate_curated_update(L, exact)
        assert run.since == 0
        assert all(contains_exact(b, v) for b, v in zip(run.P.entries(), exact))
    planted = [v * (1 + Fr(1, 10 ** 45)) for v in exact]
    assert not all(contains_exact(b, v) for b, v in zip(run.P.entries(), planted))
    # the work precision is bits + 64, about a bit lost per step: a long run restarts from the
    # midpoints and keeps every mass to 2^-100 relative of a 60-digit mpmath run of the map
    for _ in range(200):
        run.step()
    assert run.since > 0
    with mpmath.workdps(60):
        ref = evaluate_curated_update(L, [mpmath.mpf(v.numerator) / v.denominator for v in L.p0], dps=60)
        for _ in range(207):
            ref = evaluate_curated_update(L, ref, dps=60)
        got = run.masses(200)
        assert max(abs(a - b) / b for a, b in zip(got, ref)) < mpmath.mpf(2) ** -95
        assert run.enclosure().radius < mpmath.mpf(2) ** -95
    from pluralnash.numeric.engines.arb_step import _dyadic

    widest = max(_dyadic(b.rad()) for b in run.P.entries())  # the published radius is the widest, rounded up
    rad = run.enclosure().radius
    published = Fr(int(rad.man)) * Fr(2) ** int(rad.exp)
    assert widest <= published <= widest * (1 + Fr(1, 2 ** 60))
