"""Benchmark 3: the large-K step and the limit solver at n = 10^4 and 10^5 atoms, hostile ranges.

Rewards are integers in [-10^6, 0] (so w = e^r spans e^{-10^6}), given as ``rewards=`` (log form,
every w an exponential); a third of the atoms start with mass 10^-300.  For each n it prints the
time of one step (evaluate_curated_update from p0, on a landscape object not seen before, so
reading the rewards is included) and of solve_limit, each the median of --rounds runs (all
printed), with the process CPU time beside it (less sensitive to other load on a shared
machine), and the ratio of the n = 10^5 times to the n = 10^4 ones (10x the atoms: 10x is linear).

    python benchmarks/bench_scale.py [--sizes 10000 100000] [--m 2] [--dps 20] [--rounds 3]
    python benchmarks/bench_scale.py --memory --dps 50 [--sizes 1000000] [--kinds arb limit]

With --memory it prints instead, per kind of call and size, the peak resident memory above the
landscape per atom (see ``memory``): one block-float step, one arb step, solve_limit (and on the
Pareto front up to n = 10^6).  At n = 10^7 the landscape alone is about 6 GB of Fractions.
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
    ap.add_argument("--kinds", nargs="+", default=None, help="with --memory: only the kinds containing one of these words")
    ap.add_argument("--memory", action="store_true",
                    help="instead: peak RSS per atom above the landscape of a step (block float, arb) and of solve_limit")
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


KINDS = {
    "step, block float (evaluate_curated_update)": "uniform",
    "step, arb balls (ArbLargeK.step)": "uniform",
    "limit (solve_limit)": "uniform",
    "limit (solve_limit), Pareto front": "sphere",
}

PROBE = """
import gc, resource, sys, time
sys.path.insert(0, {here!r})
import random
from fractions import Fraction as Fr
from pluralnash.numeric import Landscape, evaluate_curated_update, solve_limit
n, kind, dps = {n}, {kind!r}, {dps}
if {data!r} == "sphere":
    from bench_limit_peers import sphere
    rows = sphere(n, {seed})
else:
    rng = random.Random({seed})
    rows = [[Fr(rng.randint(1, 10**6), 10**6) for _ in range(n)] for _ in range(3)]
L = Landscape(exp_rewards=rows, weights=[Fr(1, 3)] * 3)
del rows
if kind.startswith("step, arb"):
    import mpmath
    from pluralnash.numeric.engines.arb_step import ArbLargeK
    step = ArbLargeK(L, prec=mpmath.libmp.dps_to_prec(dps) + 16)
    P = step.balls(L.p0)
    run = lambda: step.step(P)
elif kind.startswith("step"):
    run = lambda: evaluate_curated_update(L, dps=dps)
else:
    run = lambda: solve_limit(L, dps=dps)
gc.collect()
def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(key))
base = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # reset the peak (VmHWM) to the current RSS
t0 = time.process_time()
out = run()
cpu = time.process_time() - t0
print((status("VmHWM:") - base) / n, base / n, cpu)
"""


def memory(args) -> None:
    """Peak resident memory above the landscape, per atom, each in a fresh process: the RSS after
    building the landscape (and, for the arb step, its w and p0 balls) is the base, the peak is reset
    there (/proc/self/clear_refs) and read after the call (VmHWM), so C allocations (flint, numpy)
    count too.  m = 3, ``--dps`` digits; "uniform" rows are w_i(x) = k/10^6 for random k, the Pareto
    front is bench_limit_peers' sphere."""
    import os
    import subprocess
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    print(f"peak RSS above the landscape (fresh process each, m = 3, {args.dps} digits); target <= 200 bytes/atom")
    for kind, data in KINDS.items():
        if args.kinds and not any(word in kind for word in args.kinds):
            continue
        for n in args.sizes:
            if data == "sphere" and n > 10**6:
                continue  # building 10^7 sphere points in Fractions alone takes most of the memory
            code = PROBE.format(here=here, n=n, kind=kind, data=data, seed=args.seed, dps=args.dps)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            if out.returncode != 0:
                print(f"  {kind:<44} n = {n:>8}: failed: {out.stderr.strip()[-300:]}")
                continue
            above, base, cpu = map(float, out.stdout.split())
            print(f"  {kind:<44} n = {n:>8}: {above:8.0f} bytes/atom above a landscape of {base:6.0f} "
                  f"bytes/atom (peak {above * n / 2**30:.2f} GiB above, call {cpu:.1f} s CPU)")


if __name__ == "__main__":
    main()
