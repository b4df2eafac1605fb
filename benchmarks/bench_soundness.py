"""Benchmark: the differential soundness check at a larger budget than CI's.

Runs ``run_differential`` of tests/test_differential_soundness.py (the independent reference
implementations live beside it in tests/_soundness_reference*.py; the finite-K basin claims, rate-linear,
limit-lipschitz and the m-basin claims in tests/_soundness_reference_new*.py, each family on its
pinned setups and ``--scale`` times CI's strategy draws) for several seeds at ``--scale``, and
the global-precision comparison on every claim and every control.  Prints, per family, the
verdicts and enclosures re-decided, the abstentions of the reference (too close to a boundary to
speak) and every disagreement; then the cost of the reference relative to the engines, measured
in this run: the seconds of the CI-scale run (scale 1, seed 0) are the baseline.

    python benchmarks/bench_soundness.py [--scale 2] [--seeds 3] [--per-claim 3] [--symbolic]

Exit status 1 when any disagreement was found.
"""

import argparse
import importlib.util
import pathlib
import random
import sys
import time

import mpmath


def _load_reference():
    path = pathlib.Path(__file__).resolve().parent.parent / "tests" / "test_differential_soundness.py"
    spec = importlib.util.spec_from_file_location("differential_soundness", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=2, help="setups per family, as a multiple of CI's budget")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--per-claim", type=int, default=3, help="strategy setups per claim and control (precision)")
    ap.add_argument("--symbolic", action="store_true", help="also compare every symbolic route at both precisions")
    args = ap.parse_args()
    ref = _load_reference()

    t0 = time.perf_counter()
    ref.run_differential(scale=1, seed=0)
    baseline = time.perf_counter() - t0
    print(f"baseline (CI budget, scale 1, seed 0): {baseline:.2f} s")

    failures = 0
    totals: dict = {}
    t0 = time.perf_counter()
    for seed in range(args.seeds):
        t1 = time.perf_counter()
        report = ref.run_differential(scale=args.scale, seed=seed)
        print(f"  seed {seed}: {time.perf_counter() - t1:.1f} s", flush=True)
        for fam, v in report.items():
            tot = totals.setdefault(fam, {"agreed": 0, "abstained": 0, "disagreements": [], "errors": [],
                                          "seconds": 0.0})
            tot["errors"] += [f"seed {seed}: {e}" for e in v["engine_errors"]]
            tot["agreed"] += v["agreed"]
            tot["abstained"] += v["abstained"]
            tot["disagreements"] += [f"seed {seed}: {d}" for d in v["disagreements"]]
            tot["seconds"] += v["seconds"]
    elapsed = time.perf_counter() - t0
    print(f"\nscale {args.scale}, seeds 0..{args.seeds - 1}: {elapsed:.1f} s, {elapsed / baseline:.1f}x the baseline")
    print(f"{'family':18s} {'agreed':>8s} {'abstained':>10s} {'no verdict':>10s} {'disagree':>9s} {'seconds':>8s}")
    for fam, v in totals.items():
        print(f"{fam:18s} {v['agreed']:8d} {v['abstained']:10d} {len(v['errors']):10d} {len(v['disagreements']):9d} "
              f"{v['seconds']:8.1f}")
        for d in v["disagreements"][:5]:
            print("    disagreement:", d[:300])
        for e in v["errors"][:2]:
            print("    engine error (no verdict):", e[:300])
        failures += len(v["disagreements"])
    print(f"{'total':18s} {sum(v['agreed'] for v in totals.values()):8d} "
          f"{sum(v['abstained'] for v in totals.values()):10d} {sum(len(v['errors']) for v in totals.values()):10d} "
          f"{failures:9d}")

    t0 = time.perf_counter()
    items = ref.precision_items(per_claim=args.per_claim, controls=True, rng=random.Random(7))
    if args.symbolic:
        import pluralnash

        items += [(c.id, None) for claim in pluralnash.all_claims() for c in (claim, *claim.controls) if c.symbolic]
    saved = mpmath.mp.prec, mpmath.iv.prec
    try:
        mpmath.mp.dps = mpmath.iv.dps = 15
        low = ref.verdict_rows(items)
    finally:
        mpmath.mp.prec, mpmath.iv.prec = saved
    high = ref.verdict_rows(items, dps=60)
    diffs = [(cid, a, b) for (cid, _), a, b in zip(items, low, high) if a != b]
    elapsed = time.perf_counter() - t0
    print(f"\nglobal precision: {len(items)} (claim, setup) pairs (setup None: the symbolic route), premises and instance at mp.dps = iv.dps = 15 and 60: "
          f"{len(diffs)} differ ({elapsed:.1f} s, {elapsed / baseline:.1f}x the baseline)")
    for d in diffs[:10]:
        print("   ", d)
    failures += len(diffs)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
