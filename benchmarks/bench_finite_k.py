"""Cost and agreement of the two ways to compute H^K_p ([FALA26] Lemma 3.1).

Run ``python benchmarks/bench_finite_k.py``.  Times are reported as ratios to a baseline (quadrature
on n=2, K=10 at dps=30) measured in the same run, so numbers from different machines compare.
Part 1: exact enumeration against quadrature where both run (time of each, their largest
relative disagreement).  Part 2: quadrature as n and K grow (n up to 1000, K up to 10^4),
with its own error estimate and the defect of the mass identity Σ_x p(x) H(x) = 1.
Total runtime is under a minute on an idle machine.
"""

from __future__ import annotations

import random
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric.engines.finite_k import _mpf, composition_count, evaluate_finite_k_weights


def setup(n: int, seed: int = 0) -> tuple[list[Fraction], list[Fraction]]:
    """Random rational p (all masses > 0) and n distinct w in (0, 1]."""
    rng = random.Random(seed)
    raw = [rng.randint(1, 100) for _ in range(n)]
    p = [Fraction(r, sum(raw)) for r in raw]
    w = [Fraction(k + 1, n) for k in range(n)]
    rng.shuffle(w)
    return p, w


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def rel_gap(approx, exact) -> mpmath.mpf:
    with mpmath.workdps(60):
        return max(abs(a - _mpf(e)) / _mpf(e) for a, e in zip(approx, exact))


def mass_defect(p, H) -> mpmath.mpf:
    with mpmath.workdps(60):
        return abs(mpmath.fsum(_mpf(px) * h for px, h in zip(p, H)) - 1)


def main() -> None:
    total = time.perf_counter()
    p, w = setup(2)
    evaluate_finite_k_weights(p, w, 10, method="quadrature", dps=30)  # warm mpmath's node caches
    _, base = timed(evaluate_finite_k_weights, p, w, 10, method="quadrature", dps=30)
    print(f"baseline: quadrature, n=2, K=10, dps=30: {base:.3f} s (= 1.0)\n")

    print("1. exact enumeration vs quadrature (dps=30)")
    print(f"{'n':>5} {'K':>6} {'compositions':>12} {'enum/base':>10} {'quad/base':>10} {'max rel diff':>13}")
    for n, K in [(2, 10), (3, 30), (4, 20), (2, 1000), (3, 100), (6, 12)]:
        p, w = setup(n)
        exact, t_enum = timed(evaluate_finite_k_weights, p, w, K, method="enumerate")
        approx, t_quad = timed(evaluate_finite_k_weights, p, w, K, method="quadrature", dps=30)
        print(f"{n:>5} {K:>6} {composition_count(n, K):>12} {t_enum / base:>10.2f} {t_quad / base:>10.2f} "
              f"{mpmath.nstr(rel_gap(approx, exact), 3):>13}")

    print("\n2. quadrature as n and K grow (dps=15)")
    print(f"{'n':>5} {'K':>6} {'quad/base':>10} {'max est. err':>13} {'mass defect':>12}")
    for n, K in [(10, 10), (10, 100), (10, 1000), (10, 10**4), (100, 10**4), (1000, 10**4)]:
        p, w = setup(n)
        (H, errors), t_quad = timed(evaluate_finite_k_weights, p, w, K, method="quadrature", dps=15, error=True)
        print(f"{n:>5} {K:>6} {t_quad / base:>10.2f} {mpmath.nstr(max(errors), 3):>13} "
              f"{mpmath.nstr(mass_defect(p, H), 3):>12}")
    print(f"\ntotal {time.perf_counter() - total:.1f} s")


if __name__ == "__main__":
    main()
