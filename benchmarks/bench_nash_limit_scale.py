"""Benchmark: ``check_nash_limit`` at 10^5 and 10^6 atoms, exact rational steps against arb balls.

The landscape has 2 rewards, e^{r_i(x)} = k/1000 with k drawn in 1..1000 (seeded), uniform p_0.
For each n it times the arb-ball path (python-flint, 256 bits) and, with --exact, the exact
rational path in the same process (the baseline), printing both times, their ratio, and both
verdicts with their margins.  The exact path is slow (more than 8 minutes at 10^5 atoms on a
loaded 2-core machine); it runs only up to --exact-max atoms.

    python benchmarks/bench_nash_limit_scale.py [--sizes 10000 100000 1000000] [--exact] [--exact-max 10000]
"""

import argparse
import random
import time
from fractions import Fraction

from pluralnash.numeric import Landscape
from pluralnash.claims.core import checks as _checks
from pluralnash.numeric.engines import arb_step as _arb_step


def landscape(n: int, seed: int = 1) -> Landscape:
    rng = random.Random(seed)
    rows = [[Fraction(rng.randint(1, 1000), 1000) for _ in range(n)] for _ in range(2)]
    return Landscape(exp_rewards=rows, weights=[Fraction(1, 3), Fraction(2, 3)])


def timed(L: Landscape, arb: bool):
    keep = _checks.ARB_MIN_ATOMS
    _checks.ARB_MIN_ATOMS = 1 if arb else 10**12
    try:
        t0 = time.perf_counter()
        res = _checks.check_nash_limit(L)
        return time.perf_counter() - t0, res
    finally:
        _checks.ARB_MIN_ATOMS = keep


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10**4, 10**5, 10**6])
    ap.add_argument("--exact", action="store_true", help="also time the exact rational path (the baseline)")
    ap.add_argument("--exact-max", type=int, default=10**4, help="largest n for the exact path")
    args = ap.parse_args()
    if not _arb_step.available():
        raise SystemExit("python-flint is not installed: pip install 'pluralnash[arb]'")
    for n in args.sizes:
        L = landscape(n)
        t_arb, r_arb = timed(L, True)
        print(f"n={n}: arb {t_arb:8.2f} s  {r_arb.verdict.value} ({r_arb.method}), "
              f"margin {r_arb.evidence.get('margin')}, F*-F(p_T) {r_arb.evidence.get('F*-F(p_T)')}", flush=True)
        if args.exact and n <= args.exact_max:
            t_ex, r_ex = timed(L, False)
            print(f"{' ' * len(str(n))}   exact {t_ex:8.2f} s  {r_ex.verdict.value} ({r_ex.method}), "
                  f"{r_ex.evidence.get('steps')} steps, margin {r_ex.evidence.get('margin')}; "
                  f"exact / arb = {t_ex / t_arb:.1f}x", flush=True)


if __name__ == "__main__":
    main()
