"""The interval trajectories on both backends (arb balls and mpmath.iv): every published enclosure contains
the exact value (rationals) and a high-precision reference from the other backend; a dropped radius is caught;
verdicts agree.  The arb cases skip cleanly without python-flint."""

from fractions import Fraction as Fr

import mpmath
import pytest
from hypothesis import given, note

from pluralnash.numeric import Landscape, evaluate_curated_update, evaluate_large_k_weights
from pluralnash.numeric.arith import arb as arb_kernel
from pluralnash.numeric.arith.arb import interval_backend, iv_contains
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines import arb_step
from pluralnash.numeric.engines.arb_step import enclosed_steps
from pluralnash.numeric.engines.collapse import _groups, _run, evaluate_collapse_dynamics
from pluralnash.numeric.engines.mixing import mixed_step_iv, mixing_potential
from pluralnash.numeric.engines.mixing_trajectory import MixedTrajectory
from pluralnash.numeric.engines.outside_scan import basin_mass_run, run_outside_scan
from pluralnash.properties import collapse_landscapes, several_mixing_landscapes, two_basin_landscapes
from pluralnash.theory import InvalidArgument

HAS_FLINT = arb_kernel.flint_module() is not None
needs_arb = pytest.mark.skipif(not HAS_FLINT, reason="python-flint is not installed (the arb extra)")
BACKENDS = [pytest.param("arb", marks=needs_arb), "iv"]
OTHER = {"arb": "iv", "iv": "arb"}

EXACT = Landscape(exp_rewards=[["1", "1/3", "7/10", "1/5", "1/50"], ["1/4", "1", "7/10", "9/10", "1/40"]],
                  weights=["2/5", "3/5"], p0=["1/5", "1/5", "1/5", "1/5", "1/5"])
LOG = Landscape(rewards=[[0, -3, Fr(-1, 7), -40, -2], [-2, 0, Fr(-5, 3), -1, Fr(-9, 4)]], weights=["1/3", "2/3"])
MIXED = Landscape(exp_rewards=[["1", "1/20", "1/4", "1/3"], ["1/20", "1", "1/4", "1/2"]], weights=["1/3", "2/3"],
                  reference=["1/10", "1/10", "1/2", "3/10"], lam="9/10")


def _inside(ref, enc) -> bool:
    """The reference (a Fraction, or a narrower interval) lies inside the enclosure, decided exactly."""
    if isinstance(ref, Fr):
        return iv_contains(enc, ref)
    a, b = ref._mpi_
    return iv_contains(enc, _end(a)) and iv_contains(enc, _end(b))


def _end(raw) -> Fr:
    sign, man, exp, _ = raw
    return (-1) ** sign * Fr(int(man)) * Fr(2) ** int(exp)


def _exact_run(L, steps):
    out, p = [list(L.p0)], list(L.p0)
    for _ in range(steps):
        p = evaluate_curated_update(L, p)
        out.append(p)
    return out


def _drop_radii(monkeypatch):
    """The planted wrong radius: arb's balls published as their midpoints only."""
    monkeypatch.setattr(arb_step._ArbSteps, "publish",
                        lambda self, x: arb_kernel.ball_iv(x, self.prec, radius=False))


# -- the kernel ----------------------------------------------------------------------------------


@needs_arb
def test_ball_and_interval_convert_without_losing_containment():
    with iv_workprec(80):
        x = iv.mpf(2) / 7 + iv.mpf([0, iv.mpf(2) ** -60])
        ball = arb_kernel.iv_ball(x)
        back = arb_kernel.ball_iv(ball, 80)
        assert (back.a, back.b) == (x.a, x.b)  # the ball holds [a, b] exactly
        assert _inside(x, back) and not _inside(x, arb_kernel.ball_iv(ball, 80, radius=False))
        unbounded = arb_kernel.ball_iv(arb_kernel.iv_ball(iv.mpf(["-inf", 1])), 80)
        assert unbounded.a == -mpmath.inf and unbounded.b == mpmath.inf


@pytest.mark.parametrize("backend, message", [
    ("mpfr", "backend='mpfr' must be 'arb'"),
    ("", "backend='' must be 'arb'"),
    (3, "backend=3 must be 'arb'"),
])
def test_bad_backend_is_refused(backend, message):
    with pytest.raises(InvalidArgument, match=message):
        interval_backend(backend)
    with pytest.raises(InvalidArgument, match=message):
        evaluate_collapse_dynamics(EXACT, backend=backend)


def test_exact_backend_refuses_log_rows():
    with pytest.raises(InvalidArgument, match="backend='exact' needs rational rows"):
        enclosed_steps([[Fr(0), Fr(-1)]], [Fr(1)], 64, log=True, backend="exact")


def test_the_switch_follows_the_environment(monkeypatch):
    monkeypatch.setenv("PLURALNASH_ARB", "0")
    assert interval_backend() == "iv" and arb_step.interval_kind() == "iv"
    monkeypatch.delenv("PLURALNASH_ARB")
    assert interval_backend() == ("arb" if HAS_FLINT else "iv")


# -- the step, one backend at a time -------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_enclosed_steps_contain_the_exact_trajectory(backend):
    rows = [[v / max(row) for v in row] for row in EXACT.exp_rewards]
    run = enclosed_steps(rows, EXACT.weights, 160, backend=backend)
    assert run.backend == backend
    P = run.vector(EXACT.p0)
    for p in _exact_run(EXACT, 10)[1:]:
        P = run.step(P)
        got = run.publish_all(run.entries(P))
        assert all(map(_inside, p, got))
    # negative control: the exact p_10 moved by one part in 10^30 leaves some enclosure
    assert not all(map(_inside, [v * (1 + Fr(1, 10 ** 30)) for v in p], got))


# -- the engines: collapse, outside scan, basin masses, mixed map --------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("L", [EXACT, LOG], ids=["exact", "log"])
def test_collapse_run_contains_the_other_backends_reference(backend, L):
    pytest.importorskip("flint")  # the reference of the iv run is arb's, and vice versa
    gr = _groups(L)
    got = list(_run(gr, 48, 2 * 48 + 128, 8, backend=backend))
    ref = list(_run(gr, 48, 4 * (2 * 48 + 128), 8, backend=OTHER[backend]))
    for (t, p, F, *_), (s, p_ref, F_ref, *_) in zip(got, ref):
        assert t == s and _inside(F_ref, F) and all(map(_inside, p_ref, p))
    if L is EXACT:  # the exact masses (exact rationals grow about threefold per step: 10 steps)
        assert gr.atoms == tuple((x,) for x in range(L.n))
        exact = _exact_run(L, 10)
        short = list(_run(gr, 10, 2 * 48 + 128, 1, backend=backend))
        assert all(_inside(exact[t][g], p[g]) for t, p, *_ in short for g in range(gr.G))


@needs_arb
def test_collapse_run_with_dropped_radii_is_caught(monkeypatch):
    gr = _groups(EXACT)
    exact = _exact_run(EXACT, 10)
    assert all(_inside(exact[t][g], p[g]) for t, p, *_ in _run(gr, 10, 224, 1, backend="arb") for g in range(gr.G))
    _drop_radii(monkeypatch)
    got = list(_run(gr, 10, 224, 1, backend="arb"))
    assert not all(_inside(exact[t][g], p[g]) for t, p, *_ in got for g in range(gr.G))


@pytest.mark.parametrize("L", [
    EXACT, LOG,
    Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]]),
    Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]]),
    Landscape(rewards=[["0", "-5", "-1/4", "-1"], ["-5", "0", "-1/4", "-3"]]),
], ids=["exact", "log", "compromise", "spread", "log-compromise"])
def test_collapse_verdicts_agree_on_both_backends(L):
    pytest.importorskip("flint")
    arb, plain = evaluate_collapse_dynamics(L, backend="arb"), evaluate_collapse_dynamics(L, backend="iv")
    assert arb.outcome != "undecided"
    assert (arb.outcome, arb.group, arb.excluded) == (plain.outcome, plain.group, plain.excluded)


def _scan(L, backend, prec=128, exact_bits=64):
    outside = tuple(range(2, L.n))
    return run_outside_scan(L, outside, set(), horizon=40, prec=prec, exact_bits=exact_bits, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_outside_scan_contains_the_exact_run(backend):
    scan = _scan(EXACT, backend)
    assert scan.exact_steps < scan.steps  # exact_bits=64 moves the run to enclosures early
    exact = _exact_run(EXACT, min(scan.steps, 10))
    for t in range(len(exact)):
        W = evaluate_large_k_weights(EXACT, exact[t])
        assert _inside(sum((exact[t][x] for x in scan.live), Fr(0)), iv_frac(scan.m[t])
                       if isinstance(scan.m[t], Fr) else scan.m[t])
        for x, enc in zip(scan.outside, scan.W_out[t]):
            assert enc == W[x] if isinstance(enc, Fr) else _inside(W[x], enc)


@pytest.mark.parametrize("backend", BACKENDS)
def test_outside_scan_contains_the_other_backends_reference(backend):
    pytest.importorskip("flint")
    scan, ref = _scan(LOG, backend), _scan(LOG, OTHER[backend], prec=512)
    steps = min(scan.steps, ref.steps)
    assert steps >= 16
    assert all(_inside(ref.m[t], scan.m[t]) for t in range(steps + 1))
    assert all(map(_inside, ref.W_out[t], scan.W_out[t]) for t in range(steps + 1))


def test_outside_scan_agrees_on_both_backends():
    pytest.importorskip("flint")
    for L in (EXACT, LOG):
        arb, plain = _scan(L, "arb"), _scan(L, "iv")
        assert (arb.steps, arb.exact_steps, arb.tail_from) == (plain.steps, plain.exact_steps, plain.tail_from)
        for x in arb.tail:  # each tail bound decided against 1 the same way on both
            assert (arb.tail[x][1] < 1, arb.tail[x][0] > 1) == (plain.tail[x][1] < 1, plain.tail[x][0] > 1)


@needs_arb
def test_outside_scan_with_dropped_radii_is_caught(monkeypatch):
    exact = _exact_run(EXACT, 10)
    _drop_radii(monkeypatch)
    scan = _scan(EXACT, "arb")
    live = [sum((exact[t][x] for x in scan.live), Fr(0)) for t in range(scan.steps + 1)]
    assert not all(_inside(v, iv_frac(m) if isinstance(m, Fr) else m) for v, m in zip(live, scan.m))


@pytest.mark.parametrize("backend", BACKENDS)
def test_basin_masses_contain_the_exact_and_the_reference_run(backend):
    atoms = (0, 2)
    got = basin_mass_run(EXACT, atoms, 30, 128, exact_bits=64, backend=backend)
    exact = _exact_run(EXACT, 10)
    assert isinstance(got[1], Fr) and not isinstance(got[-1], Fr)
    assert all(_inside(sum((p[x] for x in atoms), Fr(0)), iv_frac(a) if isinstance(a, Fr) else a)
               for p, a in zip(exact, got))
    if HAS_FLINT:
        log = basin_mass_run(LOG, atoms, 30, 128, backend=backend)
        ref = basin_mass_run(LOG, atoms, 30, 512, backend=OTHER[backend])
        assert all(map(_inside, ref, log))


@pytest.mark.parametrize("backend", BACKENDS)
def test_mixed_steps_contain_the_exact_and_the_reference_run(backend):
    exact = list(MIXED.p0)
    with iv_workprec(192):
        P = [iv_frac(v) for v in MIXED.p0]
        for _ in range(8):
            P = mixed_step_iv(MIXED, P, backend=backend)
            exact = evaluate_curated_update(MIXED, exact)  # the mixed map, exactly
        assert all(map(_inside, exact, P))
        # negative control: one part in 10^40 off the exact p_8
        assert not all(map(_inside, [v * (1 + Fr(1, 10 ** 40)) for v in exact], P))
    if HAS_FLINT:
        with iv_workprec(768):
            R = [iv_frac(v) for v in MIXED.p0]
            for _ in range(8):
                R = mixed_step_iv(MIXED, R, backend=OTHER[backend])
        assert all(map(_inside, R, P))


def _potentials(backend, prec, steps=6):
    with iv_workprec(prec):
        P, out = [iv_frac(v) for v in MIXED.p0], []
        for _ in range(steps):
            out.append(mixing_potential(MIXED, P, backend=backend))
            P = mixed_step_iv(MIXED, P, backend="iv")  # the same points on both backends
        return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_potential_contains_the_other_backends_reference(backend):
    pytest.importorskip("flint")
    got, ref = _potentials(backend, 192), _potentials(OTHER[backend], 768)
    assert all(map(_inside, ref, got))
    # negative control: G one step later is not inside G now (G increases along the run)
    assert not any(map(_inside, ref[1:], got))


@needs_arb
def test_potential_with_dropped_radii_is_caught(monkeypatch):
    ref = _potentials("iv", 768)
    _drop_radii(monkeypatch)
    assert not all(map(_inside, ref, _potentials("arb", 192)))


@needs_arb
def test_mixed_steps_with_dropped_radii_are_caught(monkeypatch):
    exact = list(MIXED.p0)
    _drop_radii(monkeypatch)
    with iv_workprec(192):
        P = [iv_frac(v) for v in MIXED.p0]
        for _ in range(8):
            P = mixed_step_iv(MIXED, P, backend="arb")
            exact = evaluate_curated_update(MIXED, exact)
    assert not all(map(_inside, exact, P))



def _trajectory(backend, prec, steps=8):
    """The Lyapunov check's readings along MixedTrajectory: p_t, G(p_t) and KL(p_t || p_t-1)."""
    with iv_workprec(prec):
        run = MixedTrajectory(MIXED, backend=backend)
        P, out = run.start(MIXED.p0), []
        for _ in range(steps):
            Q = run.step(P)
            out.append(run.publish(Q) + [run.potential(Q), run.kl(Q, P)])
            P = Q
        return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_trajectory_kept_in_the_backend_contains_the_exact_and_the_reference_run(backend):
    exact, got = list(MIXED.p0), _trajectory(backend, 192)
    for row in got:
        exact = evaluate_curated_update(MIXED, exact)  # the mixed map, exactly
        assert all(map(_inside, exact, row[:MIXED.n]))
    assert not all(map(_inside, [v * (1 + Fr(1, 10 ** 40)) for v in exact], got[-1][:MIXED.n]))
    if HAS_FLINT:  # G and KL inside the other backend's run at four times the bits
        ref = _trajectory(OTHER[backend], 768)
        assert all(all(map(_inside, r, g)) for r, g in zip(ref, got))
        assert not any(_inside(r[-2], g[-2]) for r, g in zip(ref[1:], got))  # G(p_t+1) is not G(p_t)


@needs_arb
def test_trajectory_with_dropped_radii_is_caught(monkeypatch):
    ref = _trajectory("iv", 768)
    _drop_radii(monkeypatch)
    assert not all(all(map(_inside, r, g)) for r, g in zip(ref, _trajectory("arb", 192)))


def test_trajectory_on_iv_reads_what_the_stepwise_iv_calls_read():
    with iv_workprec(192):
        P = mixed_step_iv(MIXED, [iv_frac(v) for v in MIXED.p0], backend="iv")
        steps = []
        for _ in range(8):
            Q = mixed_step_iv(MIXED, P, backend="iv")
            steps.append(Q + [mixing_potential(MIXED, Q, backend="iv"),
                              sum((Q[x] * iv.log(Q[x] / P[x]) for x in range(MIXED.n)), iv.mpf(0))])
            P = Q
    got = _trajectory("iv", 192, steps=9)[1:]
    assert [[(v.a, v.b) for v in row] for row in got] == [[(v.a, v.b) for v in row] for row in steps]


@needs_arb
def test_kernel_examples_run_and_restore_flint_precision():
    import doctest

    before = arb_kernel.flint_module().ctx.prec
    result = doctest.testmod(arb_kernel)
    assert result.attempted >= 3 and result.failed == 0
    assert arb_kernel.flint_module().ctx.prec == before


# -- both backends on generated setups: sound enclosures overlap, decisions never conflict -------


def _overlap(x, y) -> bool:
    """Two enclosures of one value (Fractions or intervals) have a common point, decided exactly."""
    lo = max(_lower(x), _lower(y))
    return lo <= min(_upper(x), _upper(y))


def _lower(x) -> Fr:
    return x if isinstance(x, Fr) else _end(x._mpi_[0])


def _upper(x) -> Fr:
    return x if isinstance(x, Fr) else _end(x._mpi_[1])


@needs_arb
@given(collapse_landscapes())
def test_collapse_outcomes_never_conflict_across_backends(L):
    note(repr(L))
    arb = evaluate_collapse_dynamics(L, stages=(48,), backend="arb")
    plain = evaluate_collapse_dynamics(L, stages=(48,), backend="iv")
    note((arb.outcome, plain.outcome))
    if "undecided" not in (arb.outcome, plain.outcome):
        assert (arb.outcome, arb.group) == (plain.outcome, plain.group)


@needs_arb
@given(two_basin_landscapes())
def test_outside_scan_enclosures_overlap_across_backends(L):
    note(repr(L))
    outside = tuple(range(L.n))
    arb, plain = (run_outside_scan(L, outside, set(), horizon=24, prec=96, exact_bits=64, backend=b)
                  for b in ("arb", "iv"))
    steps = min(arb.steps, plain.steps)
    assert all(_overlap(a, b) for a, b in zip(arb.m[:steps + 1], plain.m[:steps + 1]))
    assert all(_overlap(a, b) for t in range(steps + 1) for a, b in zip(arb.W_out[t], plain.W_out[t]))
    for x in set(arb.tail) & set(plain.tail):  # a tail bound below 1 on one backend is never above 1 on the other
        assert not (arb.tail[x][1] < 1 < plain.tail[x][0] or plain.tail[x][1] < 1 < arb.tail[x][0])


@needs_arb
@given(several_mixing_landscapes())
def test_mixed_steps_overlap_across_backends(L):
    note(repr(L))
    with iv_workprec(128):
        P = Q = [iv_frac(v) for v in L.p0]
        for _ in range(6):
            P, Q = mixed_step_iv(L, P, backend="arb"), mixed_step_iv(L, Q, backend="iv")
            assert all(map(_overlap, P, Q))


@needs_arb
def test_overlap_rejects_enclosures_of_different_values():
    # negative control of the overlap properties: enclosures one step apart do not all overlap
    arb, plain = _scan(LOG, "arb"), _scan(LOG, "iv")
    assert all(map(_overlap, arb.m, plain.m))
    assert not all(map(_overlap, arb.m[1:], plain.m))
    with iv_workprec(128):
        P = Q = [iv_frac(v) for v in MIXED.p0]
        P = mixed_step_iv(MIXED, P, backend="arb")
        assert not all(map(_overlap, P, Q))
