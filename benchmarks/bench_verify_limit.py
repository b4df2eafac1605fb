r"""The limit solves that ``verify``'s premise and conclusion checks make: many tiny setups, as a ratio.

Two rewards on 3 to 7 atoms, exact (``exp_rewards``) and log form (``rewards``), the sizes the staged
search draws.  Each round solves every setup twice in this process: with phase 1 as the solver runs it
(for one or two rewards and few groups, the point masses and segments of the hull compared directly),
and with the log-barrier proposal that phase 1 used before (the baseline); rounds interleave the two
so that load on a shared machine falls on both alike.  Times are CPU seconds; the two runs' limits
must agree (support, verdict, and p exactly on the exact path or to 10^-25 on the interval path), and
the script says so.

Run:  python benchmarks/bench_verify_limit.py [--setups N] [--rounds R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from fractions import Fraction

from pluralnash.numeric import Landscape, solve_limit
from pluralnash.numeric.engines import limit_problem


def setups(count: int, seed: int = 0) -> list[Landscape]:
    rng = random.Random(seed)
    out = []
    for k in range(count):
        n = rng.randint(3, 7)
        q = Fraction(rng.randint(1, 9), 10)
        if k % 2:
            rows = [[Fraction(-rng.randint(0, 400), 100) for _ in range(n)] for _ in range(2)]
            out.append(Landscape(rewards=rows, weights=[q, 1 - q]))
        else:
            rows = [[Fraction(rng.randint(1, 100), 100) for _ in range(n)] for _ in range(2)]
            out.append(Landscape(exp_rewards=rows, weights=[q, 1 - q]))
    return out


def _solve_all(landscapes, face: bool):
    saved = limit_problem._FACE_GROUPS
    limit_problem._FACE_GROUPS = saved if face else -1  # -1: phase 1 is always the barrier
    try:
        t0 = time.process_time()
        results = [solve_limit(L, dps=30) for L in landscapes]
        return time.process_time() - t0, results
    finally:
        limit_problem._FACE_GROUPS = saved


def _agree(a, b) -> bool:
    if a.support != b.support or a.exact != b.exact or a.certificate.verdict is not b.certificate.verdict:
        return False
    if a.p is None or b.p is None:
        return a.p is b.p
    if a.exact:
        return a.p == b.p
    return all(abs(Fraction(str(x)) - Fraction(str(y))) <= Fraction(1, 10 ** 25) for x, y in zip(a.p, b.p))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    landscapes = setups(args.setups)
    _solve_all(landscapes[:4], True)  # imports (numpy among them) outside the timed rounds
    face, barrier, agree = [], [], True
    for _ in range(args.rounds):
        t_face, r_face = _solve_all(landscapes, True)
        t_bar, r_bar = _solve_all(landscapes, False)
        face.append(t_face)
        barrier.append(t_bar)
        agree = agree and all(_agree(a, b) for a, b in zip(r_face, r_bar))
    f, b = statistics.median(face), statistics.median(barrier)
    print(f"{len(landscapes)} two-reward setups of 3-7 atoms, {args.rounds} rounds (median CPU seconds): "
          f"face proposal {f:.3f} s ({1000 * f / len(landscapes):.2f} ms per solve), barrier {b:.3f} s "
          f"({1000 * b / len(landscapes):.2f} ms per solve); barrier / face = {b / f:.2f}; "
          f"limits {'agree' if agree else 'DIFFER'}")


if __name__ == "__main__":
    main()
