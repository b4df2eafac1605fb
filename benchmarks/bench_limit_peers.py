"""The certified large-K limit against conic solvers (uncertified) on Pareto-front landscapes.

Atoms are n rational points on the positive unit sphere (m = 3, ``exp_rewards`` exact), so every
atom is Pareto-optimal and no filter can discard any.  Per size, in one process and interleaved
over ``--rounds`` rounds (median printed, all runs listed):

* ``solve_limit`` (certified: exact KKT or an interval certificate);
* max Σ q_i log Z_i, Z = A p, p in the simplex, through cvxpy with CLARABEL (and SCS if asked),
  each reported with its distance to the certified Z* (their accuracy; they certify nothing).

The ratio solve_limit / CLARABEL is printed per size, and the growth exponent of solve_limit
between consecutive sizes (log t2/t1 / log n2/n1).  Needs the ``bench`` extra (cvxpy, scipy).

    python benchmarks/bench_limit_peers.py [--sizes 10000 100000] [--rounds 3] [--scs]
"""

import argparse
import math
import random
import statistics
import time
from fractions import Fraction as Fr

import mpmath

from pluralnash.numeric import Landscape, solve_limit


def sphere(n: int, seed: int = 0) -> list[list[Fr]]:
    """n distinct rational points (2s, 2t, 1 - s^2 - t^2) / (1 + s^2 + t^2) on the positive unit sphere."""
    rng = random.Random(seed)
    seen, cols = set(), []
    while len(cols) < n:
        s, t = Fr(rng.randint(1, 10**6), 10**6), Fr(rng.randint(1, 10**6), 10**6)
        if s * s + t * t >= 1 or (s, t) in seen:
            continue
        seen.add((s, t))
        d = 1 + s * s + t * t
        cols.append((2 * s / d, 2 * t / d, (1 - s * s - t * t) / d))
    return [list(r) for r in zip(*cols)]


def peer(A, solver: str):
    import cvxpy as cp
    import numpy as np

    m, n = A.shape
    p = cp.Variable(n, nonneg=True)
    prob = cp.Problem(cp.Maximize(cp.sum(cp.log(A @ p)) / m), [cp.sum(p) == 1])
    t0 = time.perf_counter()
    prob.solve(solver=solver)
    dt = time.perf_counter() - t0
    return dt, np.asarray(A @ p.value).ravel()


def main() -> None:
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10**4, 10**5])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scs", action="store_true", help="also time SCS")
    args = ap.parse_args()
    solvers = ["CLARABEL"] + (["SCS"] if args.scs else [])
    prev = None
    for n in args.sizes:
        rows = sphere(n, args.seed)
        A = np.array([[float(v) for v in r] for r in rows])
        ours, theirs = [], {s: [] for s in solvers}
        for _ in range(args.rounds):
            L = Landscape(exp_rewards=rows, weights=[Fr(1, 3)] * 3)  # a fresh object: no cached work
            t0 = time.perf_counter()
            res = solve_limit(L, dps=30)
            ours.append(time.perf_counter() - t0)
            for s in solvers:
                dt, Zp = peer(A, s)
                theirs[s].append((dt, Zp))
        with mpmath.workdps(30):
            Zstar = [float(z) for z in res.Z]
        t = statistics.median(ours)
        print(f"n = {n:>7}, m = 3 (every atom Pareto-optimal): solve_limit {t:8.3f} s "
              f"(runs {' '.join(f'{x:.3f}' for x in ours)}), certificate {res.certificate.verdict.name} "
              f"({res.certificate.method}), support {len(res.support)} atoms")
        for s in solvers:
            times = [dt for dt, _ in theirs[s]]
            err = max(abs(a - b) for a, b in zip(theirs[s][-1][1], Zstar))
            tp = statistics.median(times)
            print(f"{'':>14}cvxpy + {s:<8} {tp:8.3f} s (runs {' '.join(f'{x:.3f}' for x in times)}), "
                  f"max |Z - Z*| = {err:.1e} (uncertified); solve_limit / {s} = {t / tp:.2f}")
        if prev is not None:
            print(f"{'':>14}solve_limit growth from n = {prev[0]}: n^{math.log(t / prev[1]) / math.log(n / prev[0]):.2f}")
        prev = (n, t)


if __name__ == "__main__":
    main()
