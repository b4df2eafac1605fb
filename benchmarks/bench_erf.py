r"""Rigorous erf/erfc: this toolkit's enclosures against python-flint's arb balls, same points.

Points: 400 rationals p/64 spread over [0, 40] (the range of |u| = sqrt(βk) |cut - μ̄| met by the
continuous engine), each enclosed exactly first.  Precision: 113 and 333 bits.  For each function
and precision the script prints the time per call of

- ``mpmath`` point erf/erfc (no error bound: the speed baseline, measured in this run),
- ``pluralnash`` ``erf_enclosure`` / ``erfc_enclosure`` with ``backend="python"`` (rigorous
  intervals from this toolkit's series),
- ``flint`` ``arb.erf`` / ``arb.erfc`` (rigorous balls), when python-flint is installed,
- ``arb-iv``: ``erf_enclosure`` / ``erfc_enclosure`` with ``backend="arb"`` (the ball converted
  to an ``mpmath.iv`` interval; the difference to ``flint`` is the conversion),

as ratios to the mpmath baseline, and cross-checks that every interval and ball overlap and
all contain the mpmath value computed at 3 prec + 200 bits.

Run:  python benchmarks/bench_erf.py [--points N]
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric.arith.erf import erf_enclosure, erfc_enclosure
from pluralnash.numeric.arith.intervals import iv, iv_workprec

try:
    import flint
except ImportError:  # optional
    flint = None


def _exact_arb(end):
    """An exact arb (a ball end) as an mpf at the current precision (which is ample)."""
    man, exp = end.man_exp()
    return mpmath.ldexp(mpmath.mpf(int(man)), int(exp))


def _time(fn, xs) -> tuple[float, list]:
    start = time.perf_counter()
    out = [fn(x) for x in xs]
    return (time.perf_counter() - start) / len(xs), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=400)
    args = parser.parse_args()
    xs = [Fraction(40 * 64 * k // args.points, 64) + Fraction(1, 7) for k in range(args.points)]
    print(f"{args.points} points in [0, 40]; flint: {'python-flint ' + flint.__version__ if flint else 'not installed'}")
    print(f"{'function':<9}{'bits':>6}{'mpmath us':>11}{'ours us':>9}{'x mp':>7}{'flint us':>10}{'x mp':>7}"
          f"{'ours/flint':>12}{'arb-iv us':>11}{'overlap':>9}")
    print("-" * 91)
    for name, ours in (("erf", erf_enclosure), ("erfc", erfc_enclosure)):
        for prec in (113, 333):
            with iv_workprec(prec):
                ivs = [iv.mpf(x.numerator) / x.denominator for x in xs]
            with mpmath.workprec(prec):
                mps = [mpmath.mpf(x.numerator) / x.denominator for x in xs]
                t_mp, _ = _time(getattr(mpmath, name), mps)
            t_ours, encs = _time(lambda x: ours(x, prec=prec, backend="python"), ivs)
            ok = True
            with mpmath.workprec(3 * prec + 200):
                refs = [getattr(mpmath, name)(mpmath.mpf(x.numerator) / x.denominator) for x in xs]
                ok = all(mpmath.mpf(e.a) <= r <= mpmath.mpf(e.b) for e, r in zip(encs, refs))
            t_fl = t_arb_iv = None
            if flint is not None:
                t_arb_iv, arb_encs = _time(lambda x: ours(x, prec=prec, backend="arb"), ivs)
                with mpmath.workprec(3 * prec + 200):
                    ok = ok and all(mpmath.mpf(e.a) <= r <= mpmath.mpf(e.b) for e, r in zip(arb_encs, refs))
                saved = flint.ctx.prec
                flint.ctx.prec = prec
                try:
                    balls = [flint.arb(x.numerator) / x.denominator for x in xs]
                    t_fl, outs = _time(lambda b: getattr(b, name)(), balls)
                    with mpmath.workprec(3 * prec + 200):
                        for ball, e, r in zip(outs, encs, refs):
                            lo, hi = (_exact_arb(end) for end in (ball.lower(), ball.upper()))
                            ok = ok and lo <= r <= hi and not (hi < mpmath.mpf(e.a) or lo > mpmath.mpf(e.b))
                finally:
                    flint.ctx.prec = saved
            fl = (f"{t_fl * 1e6:>10.1f}{t_fl / t_mp:>7.2f}{t_ours / t_fl:>12.1f}{t_arb_iv * 1e6:>11.1f}" if t_fl
                  else f"{'-':>10}{'-':>7}{'-':>12}{'-':>11}")
            print(f"{name:<9}{prec:>6}{t_mp * 1e6:>11.1f}{t_ours * 1e6:>9.1f}{t_ours / t_mp:>7.2f}{fl}"
                  f"{'yes' if ok else 'NO':>9}")
    print("-" * 91)
    print("x mp = time per call / mpmath's point erf or erfc at the same precision, in this run.")
    print("overlap: every enclosure and ball contains the 3 prec + 200-bit value (and they overlap).")
    print("arb-iv: erf_enclosure/erfc_enclosure(backend='arb'), the ball converted to an iv interval.")


if __name__ == "__main__":
    main()
