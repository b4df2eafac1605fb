"""Does gmpy2 behind mpmath speed pluralnash up?  `pluralnash verify --profile quick` timed with mpmath's
gmpy2 backend and with it switched off (MPMATH_NOGMPY=1), alternating, in fresh processes.

    pip install gmpy2 && python benchmarks/bench_gmpy.py [--rounds 2]
"""

import argparse
import os
import subprocess
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    try:
        import gmpy2  # noqa: F401
    except ImportError:
        print("gmpy2 is not installed: pip install gmpy2, then run again")
        return
    cmd = [sys.executable, "-m", "pluralnash", "verify", "--profile", "quick", "--quiet"]
    times = {"gmpy2": [], "python ints": []}
    for _ in range(args.rounds):
        for label, extra in (("gmpy2", {}), ("python ints", {"MPMATH_NOGMPY": "1"})):
            t0 = time.perf_counter()
            subprocess.run(cmd, env={**os.environ, **extra}, check=True, stdout=subprocess.DEVNULL)
            times[label].append(time.perf_counter() - t0)
    for label, ts in times.items():
        print(f"{label:<12} " + "  ".join(f"{t:6.1f} s" for t in ts))
    ratio = min(times["python ints"]) / min(times["gmpy2"])
    print(f"speed-up from gmpy2 (best of each): {ratio:.2f}x")


if __name__ == "__main__":
    main()
