"""CPU seconds of ``verify`` per claim and per planted control, slowest first: where a run's time goes.

Each claim and each control runs on its own (``run_claim(..., controls=False)``) in this process, seed 0,
with the on-disk certificate cache as it is (run twice for warm numbers: the first run fills it).  The
total is the sum over the rows.  The verdict beside each is the one its row reached alone: a claim run
without its controls is at most INCONCLUSIVE where ``verify`` says VERIFIED.  Compare two trees by
running both, interleaved, on the same machine.

Run:  python benchmarks/bench_claim_times.py [--profile quick|default|thorough] [CLAIM ...]
      (the claims named, with their controls; default: every claim)
"""

from __future__ import annotations

import argparse
import time

from pluralnash._registry import all_claims, run_claim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="*")
    parser.add_argument("--profile", default="default", choices=["quick", "default", "thorough"])
    opts = parser.parse_args()
    wanted = set(opts.claims)
    rows = []
    for claim in all_claims(controls=True):
        if wanted and claim.id.split("~")[0] not in wanted:
            continue
        t0 = time.process_time()
        report = run_claim(claim, profile=opts.profile, controls=False)
        rows.append((time.process_time() - t0, claim.id, report.verdict.name))
    rows.sort(reverse=True)
    print(f"total CPU {sum(r[0] for r in rows):.2f} s over {len(rows)} claims and controls (profile {opts.profile})")
    for seconds, claim_id, verdict in rows:
        print(f"{seconds:7.2f} {claim_id} {verdict}")


if __name__ == "__main__":
    main()
