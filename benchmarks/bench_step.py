"""Benchmark 2: one large-K step at 50 digits for n = 10^4 atoms, m = 3 rewards.

The engine's step (evaluate_curated_update: big-integer floating point) against a plain per-atom
mpmath loop, the arb step (python-flint, if installed: balls kept in arb between steps, each
checked to contain the exact step) and a float64 numpy step (if numpy is installed), all in this run.

The engine and the loop are timed in interleaved rounds (engine, loop, engine, loop, ...), so a
burst of load on a shared machine hits both; every round is printed and the ratio is the ratio of
the medians (with the range of the per-round ratios).  "cold" steps a landscape object the engine
has not seen (it reads w first, as the loop does); "warm" repeats a step on the same object, whose
w the engine keeps.

Then ``run_dynamics`` (--steps steps from p0, recording t = 0 and T) with the steps in arb and with
PLURALNASH_ARB=0 (block float), interleaved, each p_T checked against a reference enclosure: arb balls
of the same T steps at twice the precision from the exact p0, widened by the 2^-prec(dps) relative
rounding of the printed digits (decided in exact rationals).

    python benchmarks/bench_step.py [--n 10000] [--rounds 7] [--steps 5]
"""

import argparse
import random
import statistics
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric import Landscape, evaluate_curated_update


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10**4)
    ap.add_argument("--m", type=int, default=3)
    ap.add_argument("--dps", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--steps", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(0)
    n, m, dps = args.n, args.m, args.dps
    rows = [[Fraction(rng.randint(1, 10**6), 10**6) for _ in range(n)] for _ in range(m)]
    weights = [Fraction(1, m)] * m
    L = Landscape(exp_rewards=rows, weights=weights)
    fresh = [Landscape(exp_rewards=L.exp_rewards, weights=weights) for _ in range(args.rounds)]
    with mpmath.workdps(dps):
        p = [mpmath.mpf(1) / n] * n

    def plain():
        with mpmath.workdps(dps):
            w = [[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in L.exp_rewards]
            q = [mpmath.mpf(v.numerator) / v.denominator for v in L.weights]
            Z = [sum(p[x] * w[i][x] for x in range(n)) for i in range(m)]
            return [p[x] * sum(q[i] * w[i][x] / Z[i] for i in range(m)) for x in range(n)]

    def timed(fn):
        t0 = time.perf_counter()
        out = fn()
        return time.perf_counter() - t0, out

    cold, warm, loop = [], [], []
    evaluate_curated_update(L, p, dps=dps)  # the warm object has been seen once
    for r in range(args.rounds):
        t, fast = timed(lambda: evaluate_curated_update(fresh[r], p, dps=dps))
        cold.append(t)
        t, ref = timed(plain)
        loop.append(t)
        t, _ = timed(lambda: evaluate_curated_update(L, p, dps=dps))
        warm.append(t)
    with mpmath.workdps(dps + 10):
        err = max(abs(a - b) / b for a, b in zip(fast, ref))

    def ms(ts):
        return " ".join(f"{t * 1e3:.1f}" for t in ts)

    print(f"n={n} m={m} dps={dps}, {args.rounds} interleaved rounds (times in ms)")
    print(f"engine step, cold:           {ms(cold)}")
    print(f"engine step, warm:           {ms(warm)}")
    print(f"plain per-atom mpmath loop:  {ms(loop)}")
    for name, ts in (("cold", cold), ("warm", warm)):
        ratios = [b / a for a, b in zip(ts, loop)]
        print(f"loop/engine ({name}): median {statistics.median(loop) / statistics.median(ts):5.1f}x "
              f"(per round {min(ratios):.1f}x to {max(ratios):.1f}x)")
    print(f"max relative difference engine vs loop: {mpmath.nstr(err, 3)}")
    arb_rows(L, loop, args.rounds, dps)
    run_rows(L, args.rounds, dps, args.steps)
    try:
        import numpy as np
    except ImportError:
        print("float64 numpy step:          numpy not installed (pip install numpy to compare)")
        return
    wn = np.array([[float(v) for v in row] for row in L.exp_rewards])
    qn = np.array([float(v) for v in L.weights])
    pn = np.full(n, 1.0 / n)
    t_np = []
    for _ in range(max(args.rounds, 20)):
        t, out = timed(lambda: pn * ((qn / (wn @ pn)) @ wn))
        t_np.append(t)
    with mpmath.workdps(dps + 10):
        err_np = max(abs(mpmath.mpf(float(a)) - b) / b for a, b in zip(out, ref))
    t_np = statistics.median(t_np)
    print(f"float64 numpy step:          {t_np * 1e3:.3f} ms (median)   engine (warm)/numpy "
          f"{statistics.median(warm) / t_np:7.0f}x slower, numpy's max relative error {mpmath.nstr(err_np, 3)}")


def arb_rows(L, loop: list, rounds: int, dps: int) -> None:
    """The arb step (python-flint) on balls kept in arb, beside the plain loop's times of this run.

    Every ball is checked to contain the exact rational step from p0 (computed here with Fractions).
    """
    try:
        from pluralnash.numeric.engines.arb_step import ArbLargeK, available, contains_exact
    except ImportError:
        available = None
    if available is None or not available():
        print("arb step:                    python-flint not installed (pip install 'pluralnash[arb]')")
        return
    prec = mpmath.libmp.dps_to_prec(dps) + 16  # dps digits and about 5 guard digits
    t0 = time.perf_counter()
    step = ArbLargeK(L, prec=prec)
    t_build = time.perf_counter() - t0
    P = step.balls(L.p0)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        out = step.step(P)
        times.append(time.perf_counter() - t0)
    n, m = L.n, L.m
    Z = [sum(row, Fraction(0)) / n for row in L.exp_rewards]
    exact = [Fraction(1, n) * sum(q * row[x] / z for q, row, z in zip(L.weights, L.exp_rewards, Z)) for x in range(n)]
    inside = sum(contains_exact(b, v) for b, v in zip(out.entries(), exact))
    widest = max(b.rad() / b.mid() for b in out.entries())
    med = statistics.median(times)
    print(f"arb step ({prec} bits), warm: {' '.join(f'{t * 1e3:.1f}' for t in times)} ms; building w once: "
          f"{t_build * 1e3:.0f} ms")
    print(f"loop/arb (warm): median {statistics.median(loop) / med:5.1f}x; cold (w built in the step) "
          f"{statistics.median(loop) / (med + t_build):5.1f}x")
    print(f"arb balls containing the exact step: {inside} of {n}; largest relative radius {float(widest):.1e}")


def run_rows(L, rounds: int, dps: int, steps: int) -> None:
    """run_dynamics with the steps in arb and in block float (PLURALNASH_ARB=0), interleaved; every p_T
    value of both checked inside the reference enclosure."""
    import os

    from pluralnash.numeric import run_dynamics
    from pluralnash.numeric.engines.arb_step import ArbLargeK, _dyadic, available

    if not available():
        print("run_dynamics in arb:         python-flint not installed (pip install 'pluralnash[arb]')")
        return
    times = {"1": [], "0": []}
    outs = {}
    for _ in range(rounds):
        for flag in ("1", "0"):
            os.environ["PLURALNASH_ARB"] = flag
            t0 = time.perf_counter()
            outs[flag] = run_dynamics(L, steps, dps=dps, record_every=steps).p_T
            times[flag].append(time.perf_counter() - t0)
    os.environ.pop("PLURALNASH_ARB")
    prec = 2 * mpmath.libmp.dps_to_prec(dps)
    ref = ArbLargeK(L, prec=prec)
    balls = ref.run(ref.balls(L.p0), steps).entries()
    ulp = Fraction(1, 2 ** mpmath.libmp.dps_to_prec(dps))

    def inside(v, b):
        x = Fraction(int(v.man)) * Fraction(2) ** int(v.exp)  # the mpf exactly
        return abs(x - _dyadic(b.mid())) <= _dyadic(b.rad()) + ulp * x

    counts = {flag: sum(map(inside, outs[flag], balls)) for flag in outs}
    planted = sum(map(inside, run_dynamics(L, steps - 1, dps=dps).p_T, balls))  # negative control
    arb, plain = statistics.median(times["1"]), statistics.median(times["0"])
    print(f"run_dynamics, {steps} steps recorded at t = 0 and {steps}, {rounds} interleaved rounds (s): "
          f"arb {' '.join(f'{t:.3f}' for t in times['1'])}; block float {' '.join(f'{t:.3f}' for t in times['0'])}")
    print(f"block float/arb: median {plain / arb:.2f}x; p_T inside the reference enclosure ({prec}-bit balls, "
          f"widened by 2^-{mpmath.libmp.dps_to_prec(dps)} relative): arb {counts['1']} of {L.n}, block float {counts['0']} of {L.n}; "
          f"control: p_T of {steps - 1} steps inside {planted} of {L.n}")


if __name__ == "__main__":
    main()
