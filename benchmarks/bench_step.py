"""Benchmark 2: one large-K step at 50 digits for n = 10^4 atoms, m = 3 rewards.

The engine's step (evaluate_curated_update: fixed-point big integers) against a plain per-atom
mpmath loop and against a float64 numpy step (if numpy is installed), all in this run.

    python benchmarks/bench_step.py [--n 10000] [--repeat 3]
"""

import argparse
import random
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric import Landscape, evaluate_curated_update


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10**4)
    ap.add_argument("--m", type=int, default=3)
    ap.add_argument("--dps", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(0)
    n, m, dps = args.n, args.m, args.dps
    L = Landscape(exp_rewards=[[Fraction(rng.randint(1, 10**6), 10**6) for _ in range(n)] for _ in range(m)],
                  weights=[Fraction(1, m)] * m)
    with mpmath.workdps(dps):
        p = [mpmath.mpf(1) / n] * n

    t_engine, fast = best(lambda: evaluate_curated_update(L, p, dps=dps), args.repeat)

    def plain():
        with mpmath.workdps(dps):
            w = [[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in L.exp_rewards]
            q = [mpmath.mpf(v.numerator) / v.denominator for v in L.weights]
            Z = [sum(p[x] * w[i][x] for x in range(n)) for i in range(m)]
            return [p[x] * sum(q[i] * w[i][x] / Z[i] for i in range(m)) for x in range(n)]

    t_plain, ref = best(plain, args.repeat)
    with mpmath.workdps(dps + 10):
        err = max(abs(a - b) / b for a, b in zip(fast, ref))
    print(f"n={n} m={m} dps={dps} (best of {args.repeat})")
    print(f"engine step (fixed point):   {t_engine * 1e3:9.1f} ms")
    print(f"plain per-atom mpmath loop:  {t_plain * 1e3:9.1f} ms   ratio {t_plain / t_engine:5.1f}x, "
          f"max relative difference {mpmath.nstr(err, 3)}")
    try:
        import numpy as np
    except ImportError:
        print("float64 numpy step:          numpy not installed (pip install numpy to compare)")
        return
    wn = np.array([[float(v) for v in row] for row in L.exp_rewards])
    qn = np.array([float(v) for v in L.weights])
    pn = np.full(n, 1.0 / n)
    t_np, out = best(lambda: pn * ((qn / (wn @ pn)) @ wn), max(args.repeat, 20))
    with mpmath.workdps(dps + 10):
        err_np = max(abs(mpmath.mpf(float(a)) - b) / b for a, b in zip(out, ref))
    print(f"float64 numpy step:          {t_np * 1e3:9.3f} ms   engine/numpy {t_engine / t_np:7.0f}x slower, "
          f"numpy's max relative error {mpmath.nstr(err_np, 3)}")


if __name__ == "__main__":
    main()
