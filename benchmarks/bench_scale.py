"""Benchmark 3: the large-K step and the limit solver at n = 10^4 and 10^5 atoms, hostile ranges.

Rewards are integers in [-10^6, 0] (so w = e^r spans e^{-10^6}), given as ``rewards=`` (log form,
every w an exponential); a third of the atoms start with mass 10^-300.  For each n it prints the
time of one step (evaluate_curated_update from p0, on a landscape object not seen before, so
reading the rewards is included) and of solve_limit, each the median of --rounds runs (all
printed), with the process CPU time beside it (less sensitive to other load on a shared
machine), and the ratio of the n = 10^5 times to the n = 10^4 ones (10x the atoms: 10x is linear).

    python benchmarks/bench_scale.py [--sizes 10000 100000] [--m 2] [--dps 20] [--rounds 3]
    python benchmarks/bench_scale.py --memory [--sizes 100000]   # peak bytes per atom instead
"""

import argparse
import random
import statistics
import time
from fractions import Fraction

from pluralnash.numeric import Landscape, evaluate_curated_update, solve_limit


def hostile(n: int, m: int, seed: int) -> dict:
    rng = random.Random(seed)
    rewards = [[-rng.randint(0, 10**6) for _ in range(n)] for _ in range(m)]
    tiny = [Fraction(1, 10**300)] * (n // 3)
    rest = (1 - sum(tiny)) / (n - len(tiny))
    p0 = tiny + [rest] * (n - len(tiny))
    rng.shuffle(p0)
    return {"rewards": rewards, "p0": p0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10**4, 10**5])
    ap.add_argument("--m", type=int, default=2)
    ap.add_argument("--dps", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--memory", action="store_true",
                    help="instead: peak bytes per atom above the landscape (tracemalloc) of solve_limit and the arb step")
    args = ap.parse_args()
    if args.memory:
        memory(args)
        return
    base = None
    for n in args.sizes:
        data = hostile(n, args.m, args.seed)
        copies = [Landscape(**data) for _ in range(2 * args.rounds)]
        steps, limits, cpu_steps, cpu_limits = [], [], [], []
        for r in range(args.rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            evaluate_curated_update(copies[2 * r], dps=args.dps)
            steps.append(time.perf_counter() - t0)
            cpu_steps.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            res = solve_limit(copies[2 * r + 1], dps=args.dps)
            limits.append(time.perf_counter() - t0)
            cpu_limits.append(time.process_time() - c0)
        step, limit = statistics.median(steps), statistics.median(limits)
        pad = " " * (len(str(n)) + 15)
        print(f"n={n} m={args.m} dps={args.dps}: step {step:7.3f} s  (runs {' '.join(f'{t:.3f}' for t in steps)}; "
              f"CPU {statistics.median(cpu_steps):.3f} s)")
        print(f"{pad}limit {limit:7.3f} s  (runs {' '.join(f'{t:.3f}' for t in limits)}; "
              f"CPU {statistics.median(cpu_limits):.3f} s), "
              f"support {list(res.support)}, certificate {res.certificate.verdict.name} ({res.certificate.method})")
        if base is None:
            base = (n, step, limit)
        else:
            print(f"{pad}ratio to n={base[0]}: step {step / base[1]:.1f}x, limit {limit / base[2]:.1f}x "
                  f"for {n / base[0]:.0f}x the atoms")


def memory(args) -> None:
    """Peak memory above the landscape, per atom, each measured in a fresh process by tracemalloc
    (which counts numpy's buffers too, but not flint's own C allocations): solve_limit on the hostile log-form landscape above and on
    a Pareto front of rational exp_rewards, and one arb step on balls (python-flint, 50 digits)."""
    import subprocess
    import sys

    probe = """
import sys, tracemalloc
sys.path.insert(0, {here!r})
from fractions import Fraction as Fr
from bench_scale import hostile
from bench_limit_peers import sphere
from pluralnash.numeric import Landscape, solve_limit
n, kind = {n}, {kind!r}
if kind == "limit, log-form (hostile)":
    L = Landscape(**hostile(n, {m}, {seed}))
    run = lambda: solve_limit(L, dps={dps})
elif kind == "limit, exp_rewards (Pareto front, m = 3)":
    L = Landscape(exp_rewards=sphere(n, {seed}), weights=[Fr(1, 3)] * 3)
    run = lambda: solve_limit(L, dps={dps})
else:
    from pluralnash.numeric.engines.arb_step import ArbLargeK
    L = Landscape(exp_rewards=sphere(n, {seed}), weights=[Fr(1, 3)] * 3)
    step = ArbLargeK(L, prec=186)
    P = step.balls(L.p0)
    run = lambda: step.step(P)
tracemalloc.start()
run()
print(tracemalloc.get_traced_memory()[1] / n)
"""
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    print(f"peak bytes per atom above the landscape (tracemalloc, fresh process each); target <= 200")
    for kind in ["limit, log-form (hostile)", "limit, exp_rewards (Pareto front, m = 3)", "arb step, 186 bits (Python objects only)"]:
        for n in args.sizes:
            code = probe.format(here=here, n=n, kind=kind, m=args.m, seed=args.seed, dps=args.dps)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            val = out.stdout.strip().splitlines()[-1] if out.returncode == 0 else f"failed: {out.stderr.strip()[-200:]}"
            print(f"  {kind:<42} n = {n:>8}: {float(val):8.0f} bytes/atom" if out.returncode == 0 else f"  {kind} n = {n}: {val}")


if __name__ == "__main__":
    main()
