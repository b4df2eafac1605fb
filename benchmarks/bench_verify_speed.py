r"""``pluralnash verify`` at equal search: the former configuration against today's, then the search power.

Four configurations of ``verify`` (every claim and control, one profile, seed 0), each in a fresh child
process so that no in-memory memo of one helps another, rounds interleaved:

former
    The symbolic certificates and proof replays recomputed (no on-disk cache), and each property
    search one Hypothesis pass of the profile's example count with Hypothesis's own shrinking run to
    the end, controls included: how ``verify`` searched before the staged search.
cold
    The same one-pass search as ``warm`` below, with the certificates and replays recomputed: between
    ``former`` and ``warm``, it tells the time-boxed shrinking's part from the cache's.
warm
    The same one-pass search (same seed, same draws, same targets), the certificates and replays read
    from a warm cache, a claim's counterexample shrunk within the profile's time box and a control's
    not shrunk.  ``former / warm`` is the speed-up at equal search; the verdicts of the two must be
    identical (the script compares every claim's and control's).
staged
    ``verify`` as shipped, warm: the staged search (small scope, float screen, targeted Hypothesis,
    refinement), which spends the time saved on more setups.  Its setups examined per CPU second
    against ``former``'s is the search power gained.

Times are the children's CPU seconds (user + system), wall beside.

Run:  python benchmarks/bench_verify_speed.py [--profile quick|default] [--rounds R] [CLAIM ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace


# -- in the child -------------------------------------------------------------------------------------

def _former_search(claim, check, premises, allowance, seed):
    """One Hypothesis pass of ``allowance`` examples, shrinking to the end (controls too)."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings, target
    from hypothesis import seed as hypothesis_seed

    from pluralnash.properties._search import SearchOutcome, _Search

    state = _Search(check, premises)
    state.stage = {"name": "targeted", "examined": 0, "decided": 0, "best_margin": None, "extra": {}}
    found: list = []

    @hypothesis_seed(seed)
    @settings(max_examples=allowance, deadline=None, database=None, derandomize=False,
              verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
              phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(claim.strategy())
    def run(setup):
        kind, margin, record = state.decide(setup, count=not found)
        if kind == "fails":
            found.append(record)
            raise AssertionError("certified counterexample")
        if kind == "holds" and margin is not None:
            if not found:  # what the shrinking phase tries is not counted
                state.note_margin(margin, setup)
            target(-margin, label="closeness to violation")

    try:
        run()
    except AssertionError:
        pass
    last = found[-1] if found else None  # Hypothesis replays its shrunk example last
    return SearchOutcome(tried=state.tried, undecided=state.undecided, skipped=state.skipped,
                         counterexample=last[0] if last else None, failure=last[1] if last else None,
                         premises=last[2] if last else [], min_margin=state.margin,
                         certified_setups=state.certified, uncertified=state.uncertified)


def _warm_search(claim, check, premises, allowance, seed):
    """The same one pass through today's search: no shrinking inside it, a time-boxed shrink after."""
    from pluralnash.properties._search import budget_for, search_counterexample

    budget = replace(budget_for(allowance), small_scope=0, targeted=allowance, refine=0, screen=0)
    return search_counterexample(claim.strategy(), check, premises=premises, max_examples=allowance, seed=seed,
                                 control=claim.planted is not None, stages=("targeted", "shrink"), budget=budget)


def _examined(report) -> int:
    total = 0
    for rep in (report, *report.controls):
        for route in rep.routes:
            ev = route.evidence
            stages = ev.get("stages")
            if stages:
                total += sum(int(s.get("examined", 0)) + int(s.get("screened", 0))
                             for name, s in stages.items() if name != "shrink")  # shrinking searches no new ground
            else:
                total += int(ev.get("setups_tried", 0)) + int(ev.get("skipped", 0))
    return total


def child(config: str, profile: str, claims: list[str], out: str) -> None:
    from pluralnash import _routes
    from pluralnash._registry import run_claims

    if config == "former":
        _routes._search = _former_search
    elif config in ("cold", "warm"):
        _routes._search = _warm_search
    t0 = time.process_time()
    reports = run_claims(claims or None, profile=profile, seed=0, use_cache=config in ("warm", "staged"))
    cpu = time.process_time() - t0
    verdicts = {}
    for rep in reports:
        verdicts[rep.claim.id] = rep.verdict.name
        verdicts.update({c.claim.id: c.verdict.name for c in rep.controls})
    with open(out, "w") as fh:
        json.dump({"cpu": cpu, "verdicts": verdicts, "examined": sum(_examined(r) for r in reports)}, fh)


# -- in the parent ------------------------------------------------------------------------------------

def _run(config: str, profile: str, claims: list[str], cache: str, out: str) -> tuple[float, float, dict]:
    env = {**os.environ, "PLURALNASH_CACHE_DIR": cache}
    env.pop("PLURALNASH_NO_CACHE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", config, "--profile", profile, "--out", out, *claims],
                   env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(out) as fh:
        return cpu, wall, json.load(fh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="*")
    parser.add_argument("--profile", default="default", choices=["quick", "default", "thorough"])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--child", choices=["former", "cold", "warm", "staged"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.child:
        child(opts.child, opts.profile, opts.claims, opts.out)
        return
    configs = ("former", "cold", "warm", "staged")
    runs: dict[str, list[tuple[float, float, dict]]] = {k: [] for k in configs}
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "cache")
        _run("staged", opts.profile, opts.claims, cache, os.path.join(tmp, "fill.json"))  # fills the cache
        for r in range(opts.rounds):
            for k in configs:
                runs[k].append(_run(k, opts.profile, opts.claims, cache, os.path.join(tmp, f"{k}{r}.json")))
    med = {k: (statistics.median(c for c, _, _ in v), statistics.median(w for _, w, _ in v)) for k, v in runs.items()}
    last = {k: v[-1][2] for k, v in runs.items()}
    n = len(last["former"]["verdicts"])
    print(f"verify --profile {opts.profile} (seed 0), {n} claims and controls, {opts.rounds} round(s); "
          f"median child CPU seconds (wall beside)")
    for k in configs:
        cpu, wall = med[k]
        print(f"  {k:<7} {cpu:7.2f} s CPU {wall:7.2f} s wall   former / {k} = {med['former'][0] / cpu:5.2f}x   "
              f"setups examined {last[k]['examined']}")
    differ = sorted(i for i, v in last["former"]["verdicts"].items() if last["warm"]["verdicts"].get(i) != v)
    same_rounds = all(r[2]["verdicts"] == runs[k][0][2]["verdicts"] for k in configs for r in runs[k])
    print(f"  verdicts former vs warm: {'identical' if not differ else 'DIFFER at ' + ', '.join(differ)}"
          f" ({n} of {n} compared); every configuration's verdicts the same in every round: {same_rounds}")
    power = (last["staged"]["examined"] / med["staged"][0]) / (last["former"]["examined"] / med["former"][0])
    print(f"  search power: staged {last['staged']['examined'] / med['staged'][0]:.1f} setups per CPU second, "
          f"former {last['former']['examined'] / med['former'][0]:.1f}: x{power:.1f}")


if __name__ == "__main__":
    main()
