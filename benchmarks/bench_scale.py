"""Benchmark 3: the large-K step and the limit solver at n = 10^4 and 10^5 atoms, hostile ranges.

Rewards are integers in [-10^6, 0] (so w = e^r spans e^{-10^6}), given as ``rewards=`` (log form,
every w an exponential); a third of the atoms start with mass 10^-300.  For each n it prints the
time of one step (evaluate_curated_update from p0, on a landscape object not seen before, so
reading the rewards is included) and of solve_limit, each the median of --rounds runs (all
printed), with the process CPU time beside it (less sensitive to other load on a shared
machine), and the ratio of the n = 10^5 times to the n = 10^4 ones (10x the atoms: 10x is linear).

    python benchmarks/bench_scale.py [--sizes 10000 100000] [--m 2] [--dps 20] [--rounds 3]
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
    args = ap.parse_args()
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


if __name__ == "__main__":
    main()
