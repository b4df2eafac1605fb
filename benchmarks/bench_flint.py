"""Does python-flint's arb ball arithmetic earn a place beside mpmath.iv for the certified enclosures?

The same certified-enclosure workloads, on the same inputs and at the same working precision, run with
mpmath.iv (the toolkit's backend, through its own functions) and with python-flint arb balls:

1. ``Z``: the enclosures ŵ_i(x) = e^{r_i(x) - r_i^*} of a log-form setup (rewards rational, so e^r is
   irrational and only an enclosure exists; mpmath side: the limit solver's ``_Problem.w_iv_of``) and
   Z_i = Σ_x p(x) ŵ_i(x);
2. ``slack``: the KKT slacks 1 - Σ_i q_i ŵ_i(x) / box_i of every atom against a Z* box (the off-support
   test of the limit certificate, here for all n atoms: the worst case, where the float screen passes
   nothing);
3. ``step``: one interval step of the large-K dynamics, p'(x) = p(x) Σ_i q_i ŵ_i(x) / Z_i (the run behind
   the B.4 and outside-mass scans), computed by the toolkit's own ``engines.step.large_k_step`` with either number
   type;
4. ``certificate``: the whole interval KKT certificate of ``solve_limit`` (Frank-Wolfe gap, strong-concavity
   box for Z*, off-support slacks, enclosure of p*_S) on the solver's own active set: the toolkit's
   ``_limit._certify_interval`` against a line-by-line arb port below.

Every pair of enclosures is checked to overlap (both are rigorous, so they must), and their relative widths
are printed.  Then the share of ``solve_limit``'s time spent in the interval certificate is measured
(the best case: what the whole solve would gain if interval work cost nothing), and, with ``--verify``, the
share of a whole ``pluralnash verify --profile quick`` run spent inside mpmath.iv (sampled stacks).

    pip install python-flint && python benchmarks/bench_flint.py [--sizes 1000 10000] [--digits 30 100] [--verify]
"""

import argparse
import contextlib
import io
import math
import random
import sys
import threading
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric import Landscape, solve_limit
from pluralnash.numeric.engines import limit as _limit
from pluralnash.numeric.engines.step import FIELD, large_k_step
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec


def bits_for(digits: int) -> int:
    return int(digits * 3.33) + 16


def setup(n: int, m: int, seed: int) -> Landscape:
    """Rational log rewards in [-5, 0] and a random rational p_0: a log-form setup (interval path)."""
    rng = random.Random(seed)
    rewards = [[Fraction(-rng.randint(0, 5000), 1000) for _ in range(n)] for _ in range(m)]
    raw = [rng.randint(1, 1000) for _ in range(n)]
    total = sum(raw)
    return Landscape(rewards=rewards, weights=[Fraction(1, m)] * m, p0=[Fraction(v, total) for v in raw])


def best_time(fn, repeat: int):
    """(best seconds of ``repeat`` runs, the last result)."""
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


# -- conversions between the two kinds of enclosure ------------------------------------------------


def arb_frac(flint, x: Fraction):
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def _dyadic(man, exp) -> Fraction:
    man, exp = int(man), int(exp)
    return Fraction(man * 2 ** exp) if exp >= 0 else Fraction(man, 2 ** -exp)


def arb_ends(x) -> tuple[Fraction, Fraction]:
    """The exact ends of an arb ball (they are dyadic)."""
    return tuple(_dyadic(*e.man_exp()) for e in (x.lower(), x.upper()))


def iv_ends(x) -> tuple[Fraction, Fraction]:
    """The exact ends of an mpmath.iv interval (raw ends: (sign, mantissa, exponent, bits))."""
    return tuple(_dyadic((-1) ** sign * man, exp) for sign, man, exp, _ in x._mpi_)


def compare_enclosures(ivs, arbs) -> tuple[bool, float, float]:
    """(every pair overlaps, max relative width of the iv side, of the arb side), decided exactly."""
    ok, w_iv, w_arb = True, 0.0, 0.0
    for I, B in zip(ivs, arbs):
        a, b = iv_ends(I)
        c, d = arb_ends(B)
        ok = ok and a <= d and c <= b
        scale = max(abs(a), abs(b)) or Fraction(1)
        w_iv = max(w_iv, float((b - a) / scale))
        w_arb = max(w_arb, float((d - c) / scale))
    return ok, w_iv, w_arb


# -- workloads 1-3 ---------------------------------------------------------------------------------


def run_small_workloads(flint, L: Landscape, digits: int, repeat: int) -> list[tuple]:
    prob = _limit._problem(L)
    bits = bits_for(digits)
    n, m = prob.G, prob.m
    masses = prob.mass
    tops = prob._top
    rows = []

    # 1. w and Z
    def z_iv():
        with iv_workprec(bits):
            w = [prob.w_iv_of(g) for g in range(n)]
            Z = [sum((iv_frac(masses[g]) * w[g][i] for g in range(n)), iv.mpf(0)) for i in range(m)]
        return w, Z

    def z_arb():
        flint.ctx.prec = bits
        w = [[arb_frac(flint, prob.keys[g][i] - tops[i]).exp() for i in range(m)] for g in range(n)]
        Z = [sum((arb_frac(flint, masses[g]) * w[g][i] for g in range(n)), flint.arb(0)) for i in range(m)]
        return w, Z

    t_iv, (w_iv, Z_iv) = best_time(z_iv, repeat)
    t_arb, (w_arb, Z_arb) = best_time(z_arb, repeat)
    rows.append(("Z", t_iv, t_arb) + compare_enclosures(Z_iv + [v for r in w_iv for v in r],
                                                        Z_arb + [v for r in w_arb for v in r]))

    # 2. KKT slacks of every atom against a Z box (Z widened by 1e-(digits/2), as a certified box is)
    q = prob.q
    radius = Fraction(1, 10 ** (digits // 2))

    def slack_iv():
        with iv_workprec(bits):
            qv = [iv_frac(v) for v in q]
            r = iv_frac(radius)
            box = [iv.mpf([(z - r).a, (z + r).b]) for z in Z_iv]
            return [1 - sum((qv[i] * w_iv[g][i] / box[i] for i in range(m)), iv.mpf(0)) for g in range(n)]

    def slack_arb():
        flint.ctx.prec = bits
        qv = [arb_frac(flint, v) for v in q]
        box = [z + flint.arb(0, arb_frac(flint, radius)) for z in Z_arb]
        return [1 - sum((qv[i] * w_arb[g][i] / box[i] for i in range(m)), flint.arb(0)) for g in range(n)]

    t_iv, s_iv = best_time(slack_iv, repeat)
    t_arb, s_arb = best_time(slack_arb, repeat)
    rows.append(("slack", t_iv, t_arb) + compare_enclosures(s_iv, s_arb))

    # 3. one large-K step through the toolkit's own step (engines.step, FIELD context), with either number type

    def step_iv():
        with iv_workprec(bits):
            p = [iv_frac(v) for v in masses]
            w = [[w_iv[g][i] for g in range(n)] for i in range(m)]
            return large_k_step(FIELD, p, w, [iv_frac(v) for v in q]).p

    def step_arb():
        flint.ctx.prec = bits
        p = [arb_frac(flint, v) for v in masses]
        w = [[w_arb[g][i] for g in range(n)] for i in range(m)]
        return large_k_step(FIELD, p, w, [arb_frac(flint, v) for v in q]).p

    t_iv, p_iv = best_time(step_iv, repeat)
    t_arb, p_arb = best_time(step_arb, repeat)
    rows.append(("step", t_iv, t_arb) + compare_enclosures(p_iv, p_arb))
    return rows


# -- workload 4: the whole interval certificate -----------------------------------------------------


def _up_arb(x) -> float:
    """A float >= the upper end of the ball x."""
    return math.nextafter(float(x.upper()), math.inf)


def certify_arb(flint, prob, S, pS, work):
    """``_limit._certify_interval`` with arb balls: (off-support certified, p*_S enclosures, Z(p_S))."""
    m = prob.m
    flint.ctx.prec = int(work * 3.33) + 40
    arb = flint.arb

    def w_of(g):
        return [arb_frac(flint, prob.keys[g][i] - prob._top[i]).exp() for i in range(m)]

    W = {g: w_of(g) for g in S}
    q = [arb_frac(flint, v) for v in prob.q]
    ps = [arb(v.man_exp) for v in pS]  # p_S > 0, so man_exp (unsigned in mpmath) is exact
    tot = sum(ps[1:], ps[0])
    Z = [sum((ps[k] * W[g][i] for k, g in enumerate(S)), arb(0)) / tot for i in range(m)]
    unsure = _limit._screen(prob, [_up_arb(q[i] / Z[i]) for i in range(m)], set(S))
    W.update({g: w_of(g) for g in unsure})
    Wg = [sum((q[i] * W[g][i] / Z[i] for i in range(m)), arb(0)) for g in [*S, *unsure]]
    gamma = max(max(x.upper() for x in Wg) - 1, arb(0)).upper()
    mu = min(q, key=lambda x: x.lower()).lower()
    radius = (2 * gamma / mu).sqrt().upper()
    box = [z + arb(0, radius) for z in Z]
    unsure = _limit._screen(prob, [_up_arb(q[i] / box[i]) for i in range(m)], set(S))
    slacks = [1 - sum((q[i] * (W.get(g) or w_of(g))[i] / box[i] for i in range(m)), arb(0)) for g in unsure]
    off_ok = all(s > 0 for s in slacks)
    A = [[W[g][i] for g in S] for i in range(m)]
    k = len(S)
    try:
        if k == m:
            sol = flint.arb_mat(A).solve(flint.arb_mat([[b] for b in box]))
        else:
            AtA = flint.arb_mat([[sum((A[i][a] * A[i][b] for i in range(m)), arb(0)) for b in range(k)]
                                 for a in range(k)])
            Atz = flint.arb_mat([[sum((A[i][a] * box[i] for i in range(m)), arb(0))] for a in range(k)])
            sol = AtA.solve(Atz)
        p_encl = [sol[a, 0] for a in range(k)]
    except ZeroDivisionError:
        p_encl = None
    return off_ok, p_encl, Z


def certificate_inputs(L: Landscape, dps: int):
    """The solver's own active set S and point p_S (the steps of ``solve_limit`` before the certificate)."""
    prob = _limit._problem(L)
    work = 2 * dps + 20
    w = prob.w_mp(work + _limit.GUARD)
    p_est = _limit._dual_barrier(prob, _limit._pareto(prob))
    top = max(p_est.values())
    S = sorted(g for g, v in p_est.items() if v > 1e-9 * top)
    pS, exact, S = _limit._active_set(prob, S, p_est, w, work)
    return prob, S, pS, exact, w, work


def run_certificate(flint, L: Landscape, dps: int, repeat: int) -> tuple | None:
    prob, S, pS, exact, w, work = certificate_inputs(L, dps)
    if exact:
        return None

    t_iv, (cert, _, _) = best_time(lambda: _limit._certify_interval(prob, S, pS, w, work, dps), repeat)
    t_arb, (off_ok, p_encl, Z_arb) = best_time(lambda: certify_arb(flint, prob, S, pS, work), repeat)
    iv_ok = bool(cert.evidence.get("support_certified"))
    arb_ok = bool(off_ok and p_encl is not None and all(x > 0 for x in p_encl))
    with iv_workprec(int(work * 3.33) + 40):
        # Z(p_S) as _certify_interval encloses it (its result keeps only a summary), for the overlap test
        with mpmath.workdps(work + _limit.GUARD):
            ps = [iv.mpf(mpmath.mpf(v)) for v in pS]
        Z_iv = [sum((ps[k] * prob.w_iv_of(g)[i] for k, g in enumerate(S)), iv.mpf(0)) / sum(ps[1:], ps[0])
                for i in range(prob.m)]
    ok, w_iv, w_arb = compare_enclosures(Z_iv, Z_arb)
    return t_iv, t_arb, iv_ok, arb_ok, ok, len(S), w_iv, w_arb


def certificate_share(L: Landscape, dps: int, repeat: int) -> tuple[float, float]:
    """(best solve_limit seconds, best seconds inside _certify_interval) over ``repeat`` solves.

    The best of each separately: on a shared machine a single run's split is noisy.
    """
    original = _limit._certify_interval
    spent = [math.inf]

    def timed(*args):
        t0 = time.perf_counter()
        try:
            return original(*args)
        finally:
            spent[0] = min(spent[0], time.perf_counter() - t0)

    _limit._certify_interval = timed
    try:
        total, _ = best_time(lambda: solve_limit(L, dps=dps), repeat)
    finally:
        _limit._certify_interval = original
    return total, spent[0]


_IV_FILES = ("ctx_iv.py", "libmpi.py")  # mpmath's interval context and its interval primitives


def interval_share_of_verify(interval_s: float = 0.002) -> tuple[float, int, float]:
    """(share of sampled stacks inside mpmath.iv, samples, seconds) of ``verify --profile quick`` in this process.

    A thread samples the main thread's stack every ``interval_s``; a sample counts as interval work when any
    frame on the stack runs in mpmath's interval modules (so time in the mpf primitives they call counts too).
    """
    from pluralnash import cli

    main_id = threading.get_ident()
    counts = {"iv": 0, "all": 0}
    done = threading.Event()

    def sample():
        while not done.wait(interval_s):
            frame = sys._current_frames().get(main_id)
            inside = False
            while frame is not None and not inside:
                inside = frame.f_code.co_filename.endswith(_IV_FILES)
                frame = frame.f_back
            counts["all"] += 1
            counts["iv"] += inside

    old_switch = sys.getswitchinterval()
    sys.setswitchinterval(interval_s / 2)
    sampler = threading.Thread(target=sample, daemon=True)
    t0 = time.perf_counter()
    sampler.start()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            cli.main(["verify", "--profile", "quick", "--quiet"])
    finally:
        done.set()
        sampler.join()
        sys.setswitchinterval(old_switch)
    return counts["iv"] / max(counts["all"], 1), counts["all"], time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--digits", type=int, nargs="+", default=[30, 100])
    ap.add_argument("--m", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--verify", action="store_true", help="also sample verify --profile quick for its mpmath.iv share")
    args = ap.parse_args()
    try:
        import flint
    except ImportError:
        print("python-flint is not installed: pip install python-flint, then run again")
        return
    print(f"python-flint {flint.__version__}, mpmath {mpmath.__version__}; m = {args.m} rewards, "
          f"best of {args.repeat}; ratio = mpmath.iv time / arb time")
    print(f"{'n':>6} {'digits':>6} {'workload':<12} {'mpmath.iv':>10} {'arb':>10} {'ratio':>7} "
          f"{'overlap':>7} {'width iv':>9} {'width arb':>9}")
    all_overlap = True
    for n in args.sizes:
        L = setup(n, args.m, args.seed)
        for d in args.digits:
            for name, t_iv, t_arb, ok, w_iv, w_arb in run_small_workloads(flint, L, d, args.repeat):
                all_overlap = all_overlap and ok
                print(f"{n:>6} {d:>6} {name:<12} {t_iv:>9.4f}s {t_arb:>9.4f}s {t_iv / t_arb:>6.1f}x "
                      f"{'yes' if ok else 'NO':>7} {w_iv:>9.1e} {w_arb:>9.1e}")
            got = run_certificate(flint, L, d, args.repeat)
            if got is None:
                print(f"{n:>6} {d:>6} {'certificate':<12} (exact path: no interval certificate)")
                continue
            t_iv, t_arb, iv_ok, arb_ok, ok, k, w_iv, w_arb = got
            all_overlap = all_overlap and ok
            print(f"{n:>6} {d:>6} {'certificate':<12} {t_iv:>9.4f}s {t_arb:>9.4f}s {t_iv / t_arb:>6.1f}x "
                  f"{'yes' if ok else 'NO':>7} {w_iv:>9.1e} {w_arb:>9.1e}   "
                  f"(support certified: iv {iv_ok}, arb {arb_ok}; |S| = {k})")
    print()
    print("share of solve_limit's time in the interval certificate (log-form setups, the interval path):")
    for n in args.sizes:
        L = setup(n, args.m, args.seed)
        for d in args.digits:
            total, cert = certificate_share(L, d, args.repeat)
            share = cert / total
            print(f"  n = {n:>6}, dps = {d:>3}: solve_limit {total:7.3f} s, certificate {cert:7.4f} s "
                  f"({100 * share:4.1f}%); best case if interval work were free: {1 / (1 - share):.3f}x")
    if args.verify:
        share, samples, seconds = interval_share_of_verify()
        print()
        print(f"verify --profile quick: {seconds:.1f} s, {samples} stack samples, {100 * share:.1f}% inside mpmath.iv; "
              f"best case if interval work were free: {1 / (1 - share):.3f}x")
    print()
    print("every pair of enclosures overlaps" if all_overlap else "SOME ENCLOSURES DO NOT OVERLAP: a defect")


if __name__ == "__main__":
    main()
