"""Benchmark 1: the large-K limit for n = 1000 atoms, m = 3 rewards, to 30 correct digits.

Direct solver (solve_limit) against iterating the dynamics (the fixed-point big-integer step) until
its distance to the limit is below 10^-30, both measured in this run. The iteration is given a
time budget; if it runs out, the printed ratio is a lower bound ("at least").

    python benchmarks/bench_limit.py [--n 1000] [--m 3] [--budget 300] [--seed 0]
"""

import argparse
import random
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric import Landscape, solve_limit
from pluralnash.numeric.engines.dynamics import _FastLargeK


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--m", type=int, default=3)
    ap.add_argument("--budget", type=float, default=300.0, help="seconds allowed to the iteration")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    L = Landscape(exp_rewards=[[Fraction(rng.randint(1, 10**6), 10**6) for _ in range(args.n)] for _ in range(args.m)],
                  weights=[Fraction(1, args.m)] * args.m)
    t0 = time.perf_counter()
    res = solve_limit(L, dps=30)
    t_direct = time.perf_counter() - t0
    digits = res.certificate.evidence.get("certified_digits", "exact" if res.exact else "?")
    target = mpmath.mpf(10) ** -30
    with mpmath.workdps(50):
        star = [mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else mpmath.mpf(v) for v in res.p]
        stepper = _FastLargeK(L, 45)
        p = [mpmath.mpf(v.numerator) / v.denominator for v in L.p0]
        t0 = time.perf_counter()
        steps, err = 0, None
        while time.perf_counter() - t0 < args.budget:
            for _ in range(50):
                p = stepper.step(p)
            steps += 50
            err = max(abs(a - b) for a, b in zip(p, star))
            if err < target:
                break
        t_iter = time.perf_counter() - t0
    reached = err is not None and err < target
    print(f"n={args.n} m={args.m} seed={args.seed}: limit support {len(res.support)} atoms, "
          f"certificate {res.certificate.verdict} ({res.certificate.method}, certified digits {digits})")
    print(f"direct solver:        {t_direct:8.3f} s")
    print(f"iterating the map:    {t_iter:8.3f} s for {steps} steps, max |p_t - p*| = {mpmath.nstr(err, 3)}"
          + ("" if reached else " (budget exhausted before 1e-30)"))
    ratio = t_iter / t_direct
    print(f"ratio iterate/direct: {'' if reached else 'at least '}{ratio:.0f}x")


if __name__ == "__main__":
    main()
