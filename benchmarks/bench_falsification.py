"""Benchmark: does the staged falsifier find counterexamples whatever the seed?

For every registered claim, each of its planted controls, and the user statements of
``examples/false_statements.py`` (six false ones and their true twins), run the property search on
seeds 0..N-1 at the quick and the default profile and print:

- the share of seeds that FALSIFY it (a certified counterexample from the search, or a certified
  FAILS from the claim's symbolic route, which does not depend on the seed);
- the median setups examined and seconds until the first counterexample (over the seeds that found
  one), and the stage that found it;
- for the true statements, the share must be 0.

Then, in the same process, the search's throughput against a baseline: the single Hypothesis pass
the toolkit used before the staged search (``@given`` over the claim's strategy with the profile's
``max_examples`` and Hypothesis shrinking), both in setups examined per second at the default
profile, seed 0, over the claims that declare a float64 screen and over the true claims.  The staged
search's setups are those its stages examined (premises checked) plus those its screen ranked in
float64; the ratio of the rates is printed (a measurement, never asserted).

    python benchmarks/bench_falsification.py                    # seeds 0-9 for false ones, 3 for true
    python benchmarks/bench_falsification.py --true-seeds 10    # the full check (slow)
    python benchmarks/bench_falsification.py --only lemma-3.3 --profiles default
    python benchmarks/bench_falsification.py --throughput-only  # only the throughput against the baseline
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import statistics
import time

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed

from pluralnash import PROFILES, Verdict, all_claims
from pluralnash.properties import search_counterexample

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAPER_FALSE = {"lemma-3.3", "ferbach-2.1-sup-over-atoms", "lemma-3.4-as-stated", "prop-3.4-b6", "corollary-3.8-b6",
               "lemma-3.3-continuous", "lemma-3.4-at-k-2", "lemma-3.5-at-k-2"}


def load_user_statements():
    spec = importlib.util.spec_from_file_location("false_statements", ROOT / "examples" / "false_statements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kind_of(claim, user_false: set[str]) -> str:
    if claim.planted:
        return "control"
    if claim.id in user_false:
        return "user-false"
    if claim.id.startswith("user-"):
        return "user-true"
    return "paper-false" if claim.id in PAPER_FALSE else "claim"


def symbolic_fails(claim) -> bool:
    if claim.symbolic is None:
        return False
    res = claim.symbolic()
    return res.verdict is Verdict.FAILS and res.certified


def search(claim, profile: str, seed: int, **kw):
    return search_counterexample(claim.strategy(), claim.instance,
                                 premises=[p.check for p in claim.premises if p.check is not None],
                                 max_examples=PROFILES[profile], seed=seed, small_scope=claim.small_scope,
                                 control=claim.planted is not None, screen=claim.screen, **kw)


def baseline(claim, profile: str, seed: int) -> tuple[int, float]:
    """The toolkit's former search: one Hypothesis pass with shrinking; (setups, seconds)."""
    premises = [p.check for p in claim.premises if p.check is not None]
    count = [0]

    @hypothesis_seed(seed)
    @settings(max_examples=PROFILES[profile], deadline=None, database=None, verbosity=Verbosity.quiet,
              phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(claim.strategy())
    def run(setup):
        count[0] += 1
        pre = [c(setup) for c in premises]
        if any(not (r.verdict is Verdict.HOLDS and r.certified) for r in pre):
            return
        res = claim.instance(setup)
        assert not (res.verdict is Verdict.FAILS and res.certified)

    t0 = time.perf_counter()
    try:
        run()
    except Exception:
        pass
    return count[0], time.perf_counter() - t0


def row(claim, kind: str, profiles, seeds: int, sym: bool) -> tuple[str, dict]:
    cells, stats = [], {}
    for profile in profiles:
        found, firsts, secs, stages = 0, [], [], {}
        for seed in range(seeds):
            out = search(claim, profile, seed)
            if out.counterexample is not None:
                found += 1
                firsts.append(out.examined_to_first)
                secs.append(out.seconds_to_first)
                stages[out.found_by] = stages.get(out.found_by, 0) + 1
            elif sym:
                found += 1
                stages["symbolic"] = stages.get("symbolic", 0) + 1
            stats.setdefault("examined", 0)
            stats["examined"] += examined(out)
        stats[profile] = (found, seeds)
        med = (f"{statistics.median(firsts):6.0f} {statistics.median(secs):6.2f}s" if firsts else f"{'-':>6} {'-':>7}")
        by = ",".join(f"{k}:{v}" for k, v in sorted(stages.items())) or "-"
        cells.append(f"{found:2d}/{seeds:<2d} {med} {by:<28}")
    return f"{claim.id:46s} {kind:11s} " + " ".join(cells), stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", nargs="+", default=["quick", "default"])
    ap.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1 for controls and false statements")
    ap.add_argument("--true-seeds", type=int, default=3, help="seeds for statements believed true")
    ap.add_argument("--only", default="", help="run the ids containing this text")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--throughput-only", action="store_true")
    args = ap.parse_args()
    user = load_user_statements()
    user_false = {c.id for c in user.register_all()}
    claims = [c for c in all_claims(controls=True) if c.instance is not None and c.strategy is not None
              and args.only in c.id]
    if args.throughput_only:
        report_throughput(claims, user_false)
        return
    t_all = time.perf_counter()
    head = " ".join(f"{p + ': share  setups  secs  found by':<52}" for p in args.profiles)
    print(f"{'claim':46s} {'kind':11s} {head}")
    failures = []
    for claim in claims:
        kind = kind_of(claim, user_false)
        seeds = args.seeds if kind in ("control", "paper-false", "user-false") else args.true_seeds
        line, stats = row(claim, kind, args.profiles, seeds, symbolic_fails(claim))
        print(line, flush=True)
        for profile in args.profiles:
            found, n = stats[profile]
            need = n if profile != "quick" else -(-9 * n // 10)
            if kind in ("control", "paper-false", "user-false") and found < need:
                failures.append(f"{claim.id} {profile}: {found}/{n}")
            if kind in ("claim", "user-true") and found:
                failures.append(f"{claim.id} {profile}: a true statement FALSIFIED on {found}/{n}")
    print(f"\nall rows: {time.perf_counter() - t_all:.1f} s")
    print("targets met" if not failures else "targets missed: " + "; ".join(failures))
    if not args.no_baseline:
        report_throughput(claims, user_false)


def report_throughput(claims, user_false: set[str]) -> None:
    throughput([c for c in claims if c.screen is not None], "claims with a float64 screen")
    throughput([c for c in claims if kind_of(c, user_false) == "claim"], "true claims")


def examined(out) -> int:
    """Setups the staged search examined: premises checked, plus those its screen ranked in float64."""
    return out.examined + sum(s.extra.get("screened", 0) for s in out.stages)


def throughput(claims, label: str) -> None:
    """Setups examined per second at the default profile, seed 0, the two searches interleaved per claim."""
    new_n = new_t = old_n = old_t = 0.0
    for claim in claims:
        n, t = baseline(claim, "default", 0)
        old_n, old_t = old_n + n, old_t + t
        t0 = time.perf_counter()
        out = search(claim, "default", 0)
        new_t += time.perf_counter() - t0
        new_n += examined(out)
    if not claims:
        return
    print(f"throughput on {len(claims)} {label}, default profile, seed 0: staged search "
          f"{new_n:.0f} setups in {new_t:.1f} s ({new_n / new_t:.1f}/s); former single pass "
          f"{old_n:.0f} setups in {old_t:.1f} s ({old_n / old_t:.1f}/s); "
          f"setups x{new_n / max(old_n, 1):.1f}, setups/s x{(new_n / new_t) / (old_n / old_t):.1f}")


if __name__ == "__main__":
    main()
