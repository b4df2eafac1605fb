"""What one recorded step of run_dynamics costs: the one-pass summary against the evaluate_* calls.

A record holds Z_i(p), W_max, F(p) and the basin masses.  ``run_dynamics`` computes them in one
big-integer pass (``_FastLargeK.summary``); the reference is the same values from evaluate_Z,
evaluate_large_k_weights and evaluate_objective (``_summary``), which the engine used before and
still uses for exact runs.  Both are timed in interleaved rounds in this process, on the same p,
and the digits are compared first: a timing of differing outputs is not reported.  The step
itself is timed as the unit.

    python benchmarks/bench_record.py [--n 100000] [--rounds 3] [--dps 30]
"""

import argparse
import statistics
import sys
import time

import mpmath

from pluralnash.numeric import Landscape
from pluralnash.numeric.engines import dynamics as D


def _landscape(n: int) -> Landscape:
    return Landscape(rewards=[[f"{(k * 7919) % 1000}/100" for k in range(n)],
                              [f"{(k * 104729) % 1000}/100" for k in range(n)]], eps="1/2")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10**5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dps", type=int, default=30)
    args = ap.parse_args()
    L = _landscape(args.n)
    basins = L.basins()
    inside = set().union(*map(set, basins))
    groups = list(basins) + [[k for k in range(L.n) if k not in inside]]
    fast = D._FastLargeK(L, args.dps)
    with mpmath.workdps(args.dps + D.GUARD):
        p = fast.step(D._mass_vector(L, None, False))
    a, b = fast.summary(p, groups), D._summary(L, p, False, args.dps, groups)
    flat = lambda s: [*s["Z"], *s["groups"], s["W_max"], s["F"]]  # noqa: E731
    with mpmath.workdps(args.dps + D.GUARD):
        tol = mpmath.mpf(10) ** (2 - args.dps)
        bad = [(x, y) for x, y in zip(flat(a), flat(b)) if abs(x - y) > tol * max(abs(y), 1)]
    if bad:
        print(f"outputs differ beyond 10^{2 - args.dps} relative, e.g. {bad[0]}: no timing reported")
        return 1
    times = {"step": [], "one-pass summary": [], "evaluate_* calls": []}
    for _ in range(args.rounds):
        for label, call in (("step", lambda: fast.step(p)), ("one-pass summary", lambda: fast.summary(p, groups)),
                            ("evaluate_* calls", lambda: D._summary(L, p, False, args.dps, groups))):
            with mpmath.workdps(args.dps + D.GUARD):
                t0 = time.perf_counter()
                call()
                times[label].append(time.perf_counter() - t0)
    unit = statistics.median(times["step"])
    print(f"n = {args.n} atoms, m = 2 rewards, {len(basins)} basins, {args.dps} digits; outputs agree")
    for label, ts in times.items():
        print(f"{label:<18} median {statistics.median(ts):8.3f} s  = {statistics.median(ts) / unit:6.2f} steps")
    ratio = statistics.median(times["evaluate_* calls"]) / statistics.median(times["one-pass summary"])
    print(f"one-pass summary is {ratio:.1f}x faster than the evaluate_* calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
