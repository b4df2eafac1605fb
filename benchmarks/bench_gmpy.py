"""Does gmpy2 behind mpmath speed pluralnash up?  `pluralnash verify --profile quick` timed with mpmath's
gmpy2 backend and with it switched off (MPMATH_NOGMPY=1), alternating, in fresh processes.

Each run writes its verdicts with --json; a timing is reported only when every run's JSON is
identical to the first one (a faster run that decides differently is not a speed-up).

    pip install gmpy2 && python benchmarks/bench_gmpy.py [--rounds 2] [CLAIM ...]
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time


def _run(cmd: list[str], env: dict[str, str], out: str) -> tuple[float, object]:
    t0 = time.perf_counter()
    subprocess.run(cmd + ["--json", out, "--force"], env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    with open(out, encoding="utf-8") as fh:
        return elapsed, json.load(fh)


def _first_difference(a: object, b: object, path: str = "") -> str:
    """Where two JSON values first differ (a path like claims[3].verdict)."""
    if type(a) is not type(b):
        return f"{path or '.'}: {a!r} vs {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: present in one run only"
            found = _first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return ""
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} entries"
        for k, (x, y) in enumerate(zip(a, b)):
            found = _first_difference(x, y, f"{path}[{k}]")
            if found:
                return found
        return ""
    return "" if a == b else f"{path}: {a!r} vs {b!r}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("claims", nargs="*", help="claim ids (default: all)")
    args = ap.parse_args()
    if importlib.util.find_spec("gmpy2") is None:
        print("gmpy2 is not installed: pip install gmpy2, then run again")
        return 0
    cmd = [sys.executable, "-m", "pluralnash", "verify", *args.claims, "--profile", "quick", "--quiet"]
    times: dict[str, list[float]] = {"gmpy2": [], "python ints": []}
    reference = None
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for label, extra in (("gmpy2", {}), ("python ints", {"MPMATH_NOGMPY": "1"})):
                elapsed, data = _run(cmd, {**os.environ, **extra}, os.path.join(tmp, f"{r}-{len(extra)}.json"))
                if reference is None:
                    reference = data
                elif data != reference:
                    print(f"outputs differ ({label}, round {r + 1}) at {_first_difference(reference, data)}: "
                          "no timing reported")
                    return 1
                times[label].append(elapsed)
    print("verify --json output identical in every run")
    for label, ts in times.items():
        print(f"{label:<12} " + "  ".join(f"{t:6.1f} s" for t in ts))
    ratio = min(times["python ints"]) / min(times["gmpy2"])
    print(f"speed-up from gmpy2 (best of each): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
