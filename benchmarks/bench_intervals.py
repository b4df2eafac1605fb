"""Benchmark: the interval trajectories the certificates read, with the steps in arb balls against mpmath.iv.

Four engines, each run on both backends in interleaved rounds (arb, iv, arb, iv, ...) so a burst of
load on the shared machine hits both; the ratio is iv's median over arb's, with the range of the
per-round ratios:

- ``collapse``: the grouped large-K map of ``evaluate_collapse_dynamics``, --rounds-collapse rounds
  at 2T + 128 bits, G groups, F(p_t) at every 8th round;
- ``outside scan``: ``run_outside_scan`` (Assumption B.4's run) on a log-form landscape of --n atoms,
  the intervals from the start, horizon 200 at 128 bits;
- ``basin masses``: ``basin_mass_run`` (Lemma 3.5's a_t), 200 steps;
- ``mixed map``: ``MixedTrajectory`` (what the Lyapunov check of ``mixing-several-rewards`` reads: the
  state kept in the backend's numbers across the steps, the potential G(p_t) and KL(p_t+1 || p_t) read
  as intervals), 40 steps of the mixed map at 256 bits, p_t published too.

Every published value of both backends is checked to contain a reference: the same trajectory
computed on the other backend at four times the precision (its enclosures are far narrower, and each
must lie inside the checked one), decided in exact rationals.  Control: the arb run with its balls
read back as their midpoints (radii dropped) must leave values outside.

    python benchmarks/bench_intervals.py [--n 200] [--rounds 5] [--only 'mixed map']
"""

import argparse
import random
import statistics
import time
from fractions import Fraction

from pluralnash.numeric import Landscape
from pluralnash.numeric.arith.arb import flint_module, iv_contains
from pluralnash.numeric.arith.intervals import iv_workprec
from pluralnash.numeric.engines.collapse import _groups, _run
from pluralnash.numeric.engines.mixing_trajectory import MixedTrajectory
from pluralnash.numeric.engines.outside_scan import basin_mass_run, run_outside_scan


def _inside(ref, enc) -> bool:
    if isinstance(ref, Fraction):
        return iv_contains(enc, ref)
    a, b = ref._mpi_
    return all(iv_contains(enc, (-1) ** s * Fraction(int(m)) * Fraction(2) ** int(e)) for s, m, e, _ in (a, b))


def _without_radii(fn):
    """``fn()`` with arb's balls published as their midpoints only (the planted wrong radius)."""
    from pluralnash.numeric.arith.arb import ball_iv
    from pluralnash.numeric.engines.arb_step import _ArbSteps

    saved = _ArbSteps.publish
    _ArbSteps.publish = lambda self, x: ball_iv(x, self.prec, radius=False)
    try:
        return fn()
    finally:
        _ArbSteps.publish = saved


def _flat(values) -> list:
    out = []
    for v in values:
        out.extend(_flat(v) if isinstance(v, (list, tuple)) else [v])
    return out


def setups(n: int, seed: int = 0):
    rng = random.Random(seed)
    collapse = Landscape(exp_rewards=[[Fraction(rng.randint(1, 99), 100) for _ in range(6)] for _ in range(3)],
                         weights=["1/3", "1/3", "1/3"])
    # the first half of the atoms near the top of every reward, the second half well below (off the basins)
    logs = Landscape(rewards=[[Fraction(-rng.randint(0, 100) - (500 if x >= n // 2 else 0), 100) for x in range(n)]
                              for _ in range(3)], weights=["1/3", "1/3", "1/3"])
    mixed = Landscape(exp_rewards=[[Fraction(rng.randint(1, 99), 100) for _ in range(n)] for _ in range(3)],
                      weights=["1/3", "1/3", "1/3"], reference=[Fraction(1, n)] * n, lam="9/10")
    return collapse, logs, mixed


def engines(n: int, rounds_collapse: int):
    """name -> (run(backend, scale) -> list of published values); scale multiplies the precision."""
    collapse, logs, mixed = setups(n)
    gr = _groups(collapse)
    outside = tuple(range(n // 2, n))

    def run_collapse(backend, scale):
        return [(p, F) for _, p, F, *_ in _run(gr, rounds_collapse, scale * (2 * rounds_collapse + 128), 8,
                                                backend=backend)]

    def run_scan(backend, scale):
        s = run_outside_scan(logs, outside, set(), horizon=200, prec=128 * scale, exact_bits=64, backend=backend)
        return [s.m[t] for t in range(s.steps + 1)] + [s.W_out[t] for t in range(s.steps + 1)]

    def run_masses(backend, scale):
        return basin_mass_run(logs, tuple(range(n // 4)), 200, 128 * scale, backend=backend)

    def run_mixed(backend, scale):  # the run the mixed map's Lyapunov check reads: G(p_t), KL(p_t+1 || p_t); p_t too
        with iv_workprec(256 * scale):
            run = MixedTrajectory(mixed, backend=backend)  # the state stays in the backend across the steps
            P, out = run.start(mixed.p0), []
            for _ in range(40):
                Q = run.step(P)
                out.append(run.publish(Q) + [run.potential(Q), run.kl(Q, P)])
                P = Q
        return out

    return {"collapse": run_collapse, "outside scan": run_scan, "basin masses": run_masses, "mixed map": run_mixed}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--rounds-collapse", type=int, default=768)
    ap.add_argument("--only", action="append", help="run only this engine's row (repeatable)")
    args = ap.parse_args()
    if flint_module() is None:
        print("python-flint is not installed (pip install 'pluralnash[arb]'): only the mpmath.iv path runs")
        return
    print(f"n={args.n} atoms (outside scan, basin masses, mixed map), m=3 rewards; collapse: 6 groups, "
          f"{args.rounds_collapse} rounds; {args.rounds} interleaved rounds, times in s")
    for name, run in engines(args.n, args.rounds_collapse).items():
        if args.only and name not in args.only:
            continue
        times = {"arb": [], "iv": []}
        outs = {}
        for _ in range(args.rounds):
            for backend in ("arb", "iv"):
                t0 = time.perf_counter()
                outs[backend] = run(backend, 1)
                times[backend].append(time.perf_counter() - t0)
        refs = {b: run({"arb": "iv", "iv": "arb"}[b], 4) for b in ("arb", "iv")}
        counts = {}
        for b in ("arb", "iv"):
            got, ref = _flat(outs[b]), _flat(refs[b])
            k = min(len(got), len(ref))
            counts[b] = (sum(map(_inside, ref[:k], got[:k])), k)
        planted = _without_radii(lambda: run("arb", 1))  # negative control: arb's balls read back as midpoints
        got, ref = _flat(planted), _flat(refs["arb"])
        k = min(len(got), len(ref))
        counts["planted"] = (sum(map(_inside, ref[:k], got[:k])), k)
        ratios = [i / a for a, i in zip(times["arb"], times["iv"])]
        med_a, med_i = statistics.median(times["arb"]), statistics.median(times["iv"])
        row = {b: " ".join(f"{t:.3f}" for t in times[b]) for b in times}
        print(f"{name:13s} arb {row['arb']} | iv {row['iv']}")
        print(f"{'':13s} iv/arb: median {med_i / med_a:5.1f}x (per round {min(ratios):.1f}x to {max(ratios):.1f}x); "
              f"inside the reference (the other backend at 4x the bits): arb {counts['arb'][0]} of {counts['arb'][1]}, "
              f"iv {counts['iv'][0]} of {counts['iv'][1]}; control, arb with its radii dropped: "
              f"{counts['planted'][0]} of {counts['planted'][1]}")


if __name__ == "__main__":
    main()
