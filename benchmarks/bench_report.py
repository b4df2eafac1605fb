"""Benchmark: the sweeps of `pluralnash report` on N local processes against one, in the same process.

    python benchmarks/bench_report.py [--profile quick] [--workers 2] [--repeat 1] [--figures-only]

Times (1) the figure sweeps alone (phase diagram rows and finite-K runs at the profile's budget)
and, unless --figures-only, (2) the whole report, each with workers=1 (the baseline) and
workers=N, alternating, and prints the best time of each and the ratio.  The results are
compared as well: the report's report.json must be byte-identical for both worker counts.
The ratio is bounded by the number of free cores: the load average is printed with it, and a
control sweep of plain CPU work (8 sums over 10^7 integers, no toolkit code) is timed the same way
first: its ratio is what the machine allows at that moment.
"""

import argparse
import os
import shutil
import tempfile
import time

from pluralnash.report import figures as _figures
from pluralnash.report import write_report
from pluralnash._sweep import map_tasks


def control(profile: str, workers: int):
    return map_tasks(sum, [(range(i, 10**7 + i),) for i in range(8)], workers=workers)


def figures(profile: str, workers: int):
    budget = _figures.FIGURE_BUDGETS[profile]
    return (_figures.phase_data(budget.phase_q, budget.phase_gaps, workers=workers),
            _figures.finite_k_data(budget.finite_k, workers=workers))


def report(profile: str, workers: int) -> bytes:
    parent = tempfile.mkdtemp(prefix="bench-report-")
    try:
        write_report(os.path.join(parent, "r"), profile=profile, workers=workers, command="bench")
        with open(os.path.join(parent, "r", "report.json"), "rb") as fh:
            return fh.read()
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def best(fn, profile: str, workers: tuple[int, int], repeat: int):
    times = {w: [] for w in workers}
    results = {}
    for _ in range(repeat):
        for w in workers:
            t0 = time.perf_counter()
            results[w] = fn(profile, w)
            times[w].append(time.perf_counter() - t0)
    return {w: min(ts) for w, ts in times.items()}, results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profile", default="quick", choices=list(_figures.FIGURE_BUDGETS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--figures-only", action="store_true")
    args = ap.parse_args()
    pair = (1, args.workers)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    jobs = [("control", control), ("figure sweeps", figures)] + ([] if args.figures_only else [("whole report", report)])
    for name, fn in jobs:
        t, results = best(fn, args.profile, pair, args.repeat)
        same = repr(results[1]) == repr(results[args.workers])
        print(f"{name:<14} profile {args.profile:<8} workers 1: {t[1]:7.2f} s   workers {args.workers}: "
              f"{t[args.workers]:7.2f} s   ratio {t[1] / t[args.workers]:.2f}x   identical: {same}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
