"""Import cost of each layer as a ratio against ``import sympy``, measured in fresh interpreters.

Each statement runs in its own ``python -c`` process, interleaved with the ``import sympy`` baseline
over ``--rounds`` rounds; the median in-process time (perf_counter around the statement) is reported
with the number of pluralnash modules and whether python-flint was loaded.

    python benchmarks/bench_import.py --rounds 7
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

PROBE = """
import json, sys, time
t = time.perf_counter()
{stmt}
dt = time.perf_counter() - t
print(json.dumps([dt, sum(m.startswith("pluralnash") for m in sys.modules), "flint" in sys.modules]))
"""

STATEMENTS = ["import sympy", "import pluralnash", "import pluralnash.theory",
              "from pluralnash.numeric import solve_limit", "import pluralnash.cli"]


def once(stmt: str, env) -> list:
    out = subprocess.run([sys.executable, "-c", PROBE.format(stmt=stmt)], capture_output=True, text=True,
                         env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    for label, env in [("sympy ground types auto", dict(os.environ)),
                       ("SYMPY_GROUND_TYPES=python", {**os.environ, "SYMPY_GROUND_TYPES": "python"})]:
        times = {s: [] for s in STATEMENTS}
        info = {}
        for _ in range(args.rounds):
            for s in STATEMENTS:
                dt, mods, flint = once(s, env)
                times[s].append(dt)
                info[s] = (mods, flint)
        base = statistics.median(times["import sympy"])
        print(f"{label}: median of {args.rounds} fresh interpreters, baseline import sympy = {base:.3f} s")
        for s in STATEMENTS:
            med = statistics.median(times[s])
            mods, flint = info[s]
            print(f"  {s:<46} {med:7.3f} s  {med / base:5.2f}x sympy  {mods:3d} pluralnash modules  flint {flint}")


if __name__ == "__main__":
    main()
