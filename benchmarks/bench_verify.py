"""Benchmark 5: `pluralnash verify` by profile: wall time, setups checked per second, and the time
against a baseline measured in the same process.

The machine is shared, so a wall time alone says little across runs.  The baseline is a fixed
workload that uses none of the toolkit's code (exact rational sums, 30-digit mpmath exp and log),
timed in CPU seconds before and after each profile; the printed ratio is the profile's CPU time
over the mean of the two baseline runs, so it moves when verify's own cost moves, not the load.
With ``--workers`` above 1 the CPU time is this process's only.

    python benchmarks/bench_verify.py [--profiles quick default] [--workers 1] [--claims ID ...]
"""

import argparse
import time
from fractions import Fraction

import mpmath

from pluralnash import run_claims


def setups(report) -> int:
    total = 0
    for rep in (report, *report.controls):
        for route in rep.routes:
            total += int(route.evidence.get("setups_tried", 0))
    return total


def baseline(rounds: int = 20000) -> float:
    """CPU seconds of a fixed workload independent of the toolkit's code: exact rational sums and
    30-digit mpmath exponentials and logarithms, the arithmetic verify's checks are made of."""
    ctx = mpmath.mp.clone()
    ctx.dps = 30
    t0 = time.process_time()
    acc = Fraction(0)
    for k in range(1, rounds + 1):
        acc += Fraction(k % 7 + 1, k + 3)
        ctx.log(ctx.exp(ctx.mpf(k) / 97) + 1)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", nargs="+", default=["quick", "default"])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--claims", nargs="*", default=None, help="claim ids (default: all)")
    args = ap.parse_args()
    for profile in args.profiles:
        b0 = baseline()
        t0, c0 = time.perf_counter(), time.process_time()
        reports = run_claims(args.claims, profile=profile, seed=0, workers=args.workers)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        b1 = baseline()
        count = sum(setups(r) for r in reports)
        base = (b0 + b1) / 2
        print(f"profile {profile:<8} workers {args.workers}: {len(reports)} claims, {elapsed:7.1f} s wall, "
              f"{cpu:7.1f} s CPU, {count} setups checked, {count / elapsed:6.1f} setups/s; "
              f"CPU / baseline {cpu / base:7.1f} (baseline {b0:.3f} s, {b1:.3f} s CPU)")


if __name__ == "__main__":
    main()
