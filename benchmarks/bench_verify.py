"""Benchmark 5: `pluralnash verify` by profile: wall time and setups checked per second.

    python benchmarks/bench_verify.py [--profiles quick default] [--workers 1]
"""

import argparse
import time

from pluralnash import run_claims


def setups(report) -> int:
    total = 0
    for rep in (report, *report.controls):
        for route in rep.routes:
            total += int(route.evidence.get("setups_tried", 0))
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", nargs="+", default=["quick", "default"])
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    for profile in args.profiles:
        t0 = time.perf_counter()
        reports = run_claims(profile=profile, seed=0, workers=args.workers)
        elapsed = time.perf_counter() - t0
        count = sum(setups(r) for r in reports)
        print(f"profile {profile:<8} workers {args.workers}: {len(reports)} claims, {elapsed:7.1f} s, "
              f"{count} setups checked, {count / elapsed:6.1f} setups/s")


if __name__ == "__main__":
    main()
