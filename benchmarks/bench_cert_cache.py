r"""``pluralnash verify`` with the on-disk certificate cache cold (empty) and warm, as a ratio.

Each round runs, in child processes: ``verify --no-cache`` (the baseline: every symbolic certificate
recomputed), ``verify`` on an empty cache folder (cold: recomputes and writes), and ``verify`` again on
that folder (warm: reads).  Rounds interleave the three so that load on a shared machine falls on all
of them alike.  Times are the children's CPU seconds (user + system), with wall seconds beside; the
JSON of the three runs must be byte-identical (the script checks and says so).

Run:  python benchmarks/bench_cert_cache.py [--profile quick|default] [--rounds R] [CLAIM ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def _run(args: list[str], cache: str, out: str) -> tuple[float, float]:
    env = {**os.environ, "PLURALNASH_CACHE_DIR": cache}
    env.pop("PLURALNASH_NO_CACHE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pluralnash", "verify", *args, "--quiet", "--force", "--json", out],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="*")
    parser.add_argument("--profile", default="default", choices=["quick", "default", "thorough"])
    parser.add_argument("--rounds", type=int, default=1)
    opts = parser.parse_args()
    args = [*opts.claims, "--profile", opts.profile]
    times: dict[str, list[tuple[float, float]]] = {"no-cache": [], "cold": [], "warm": []}
    identical = True
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(opts.rounds):
            cache = os.path.join(tmp, f"cache{r}")
            outs = {k: os.path.join(tmp, f"{k}{r}.json") for k in times}
            times["no-cache"].append(_run(args + ["--no-cache"], cache, outs["no-cache"]))
            times["cold"].append(_run(args, cache, outs["cold"]))
            times["warm"].append(_run(args, cache, outs["warm"]))
            texts = {k: open(v, "rb").read() for k, v in outs.items()}
            identical &= len(set(texts.values())) == 1
    base = statistics.median(c for c, _ in times["no-cache"])
    print(f"verify {' '.join(args)}: {opts.rounds} round(s), median child CPU seconds (wall beside)")
    for k, vals in times.items():
        cpu, wall = statistics.median(c for c, _ in vals), statistics.median(w for _, w in vals)
        print(f"  {k:<9} {cpu:7.2f} s CPU  {wall:7.2f} s wall   no-cache / {k} = {base / cpu:.2f}x")
    print("  JSON identical across the three runs" if identical else "  JSON DIFFERS between the runs")


if __name__ == "__main__":
    main()
