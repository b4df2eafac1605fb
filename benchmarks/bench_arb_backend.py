r"""The erf/erfc backends of the certified engine: pure-Python series against python-flint's arb.

Three measurements, each run with ``BACKEND = "python"`` and ``BACKEND = "arb"`` in this process
(cold caches each time), reported as ratios python / arb:

1. per call, at the engine's working precision: ``erfc_sqrt_enclosure`` at rational x² (a tail at
   a rational cut), ``erfc_enclosure`` on narrow intervals, and ``erfc_surd_enclosure`` at
   sqrt(s) |a + b ρ| (a tail at a ball edge: the series backend encloses u and calls
   ``erfc_enclosure``, arb evaluates u as a ball);
2. the certified continuous run of ``benchmarks/bench_continuous.py`` (μ = ∓21/20, q = (1/3, 2/3),
   p_0 = Uniform[-3, 3], ε = 1/16, every round recorded), ``run_continuous(..., certify=True)``,
   beside the uncertified 20-digit run as the common baseline;
3. ``reproduce table3 --setting A`` (its core function ``_tables.reproduce``, one process), or
   with ``--all-tables`` every table and setting, whose text and JSON must be byte-identical under
   the two backends (the script checks and says so).

Every enclosure of (1) is checked against a 3 prec + 200-bit value, and the certified runs of (2)
against each other (their intervals must overlap and contain a 70-digit run).

Run:  python benchmarks/bench_arb_backend.py [--steps T] [--repeat R] [--no-reproduce | --all-tables]
"""

from __future__ import annotations

import argparse
import json
import time
from fractions import Fraction

import mpmath

from pluralnash.numeric.engines import continuous_integrals as _continuous
from pluralnash.numeric.engines import continuous_certified as _continuous_certified
from pluralnash.numeric.arith import erf as _interval_erf
from pluralnash.audit import tables as _tables
from pluralnash.numeric.engines.continuous import QuadraticLandscape, Uniform, run_continuous
from pluralnash.numeric.arith.intervals import iv, iv_workprec

BACKENDS = ("python", "arb")


def _cold() -> None:
    _continuous._moments_for.cache_clear()
    _continuous_certified._iv_moments_for.cache_clear()


def _timed(fn, repeat: int):
    """(best wall-clock seconds over ``repeat`` cold runs, the last result)."""
    best, out = float("inf"), None
    for _ in range(repeat):
        _cold()
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def _with(backend: str, fn):
    saved = _interval_erf.BACKEND
    _interval_erf.BACKEND = backend
    try:
        return fn()
    finally:
        _interval_erf.BACKEND = saved


def _inside(x, value) -> bool:
    with mpmath.workprec(1200):
        return bool(mpmath.mpf(x.a) <= value <= mpmath.mpf(x.b))


def per_call(prec: int, repeat: int) -> None:
    x2s = [Fraction(k * k, 37) + Fraction(1, 3) for k in range(1, 120)]           # u² up to ~390
    with iv_workprec(prec):
        ivs = [iv.sqrt(iv.mpf(k) / 7) + iv.sqrt(iv.mpf(1) / 16) for k in range(1, 120)]   # cut - c, irrational
    surds = [(Fraction(k), Fraction(k, 13) - Fraction(21, 20), 1, Fraction(1, 16)) for k in range(1, 120)]

    def frac(v):
        return mpmath.mpf(v.numerator) / v.denominator

    print(f"per call, {prec}-bit enclosures ({len(x2s)} arguments each):")
    print(f"{'call':<34}{'python us':>11}{'arb us':>9}{'python/arb':>12}{'contain':>9}")
    for name, fn, args, ref in (
            ("erfc_sqrt_enclosure(Fraction)", _interval_erf.erfc_sqrt_enclosure, x2s,
             lambda x2: mpmath.erfc(mpmath.sqrt(frac(x2)))),
            ("erfc_enclosure(narrow interval)", _interval_erf.erfc_enclosure, ivs,
             lambda x: mpmath.erfc(mpmath.mpf(x.a))),
            ("erfc_surd_enclosure(s, a, b, R)", lambda a, **kw: _interval_erf.erfc_surd_enclosure(*a, **kw), surds,
             lambda a: mpmath.erfc(mpmath.sqrt(frac(a[0])) * abs(frac(a[1]) + a[2] * mpmath.sqrt(frac(a[3])))))):
        times, ok = {}, True
        for backend in BACKENDS:
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                outs = [fn(a, prec=prec, backend=backend) for a in args]
                best = min(best, time.perf_counter() - start)
            times[backend] = best / len(args)
            with mpmath.workprec(3 * prec + 200):
                ok = ok and all(_inside(e, ref(a)) for e, a in zip(outs, args))
        print(f"{name:<34}{times['python'] * 1e6:>11.1f}{times['arb'] * 1e6:>9.1f}"
              f"{times['python'] / times['arb']:>12.2f}{'yes' if ok else 'NO':>9}")


def certified_run(T: int, repeat: int) -> None:
    L = QuadraticLandscape(mu=["-21/20", "21/20"], weights=["1/3", "2/3"], init=Uniform(-3, 3), eps="1/16")
    t_plain, _ = _timed(lambda: run_continuous(L, T, dps=20), repeat)
    runs = {b: _with(b, lambda: _timed(lambda: run_continuous(L, T, dps=20, certify=True), repeat)) for b in BACKENDS}
    # the interval part alone: certified_records on warm point moments, cold interval moments
    recorded = set(range(T + 1))
    parts = {}
    for b in BACKENDS:
        best = float("inf")
        for _ in range(repeat):
            _continuous_certified._iv_moments_for.cache_clear()
            start = time.perf_counter()
            _with(b, lambda: _continuous_certified.certified_records(L, T, 20, recorded))
            best = min(best, time.perf_counter() - start)
        parts[b] = best
    ref = run_continuous(L, T, dps=70).records
    ok = True
    with mpmath.workdps(80):
        for recs in zip(runs["python"][1].records, runs["arb"][1].records, ref):
            for key in ("a", "b", "m"):
                x, y, v = recs[0]["enclosure"][key], recs[1]["enclosure"][key], recs[2][key]
                ok = ok and _inside(x, v) and _inside(y, v)
    prec = runs["arb"][1].certify_prec
    print(f"\ncertified continuous run, T = {T}, every round recorded, {prec}-bit intervals "
          f"(best of {repeat}, cold caches):")
    print(f"{'run':<40}{'python s':>10}{'arb s':>8}{'python/arb':>12}")
    print(f"{'run_continuous(certify=True)':<40}{runs['python'][0]:>10.2f}{runs['arb'][0]:>8.2f}"
          f"{runs['python'][0] / runs['arb'][0]:>12.2f}")
    print(f"{'certified_records (interval part)':<40}{parts['python']:>10.2f}{parts['arb']:>8.2f}"
          f"{parts['python'] / parts['arb']:>12.2f}")
    print(f"uncertified 20-digit run: {t_plain:.2f} s; certified / uncertified: python "
          f"{runs['python'][0] / t_plain:.2f}x, arb {runs['arb'][0] / t_plain:.2f}x")
    print(f"every a_t, b_t, m_t (70 digits) inside both backends' enclosures: {'yes' if ok else 'NO'}")


def reproduce(repeat: int, table: str, settings: list[str] | None) -> None:
    def core():
        result = _tables.reproduce(table, settings)
        data = result.to_json()
        data.pop("seconds")
        return "\n".join(result.lines), json.dumps(data, sort_keys=True)

    runs = {b: _with(b, lambda: _timed(core, repeat)) for b in BACKENDS}
    same = runs["python"][1] == runs["arb"][1]
    which = f"--setting {','.join(settings)}" if settings else "(all settings)"
    print(f"\nreproduce {table} {which} (_tables.reproduce, one process, best of {repeat}, cold caches):")
    print(f"python {runs['python'][0]:.2f} s, arb {runs['arb'][0]:.2f} s, python/arb "
          f"{runs['python'][0] / runs['arb'][0]:.2f}; text ({len(runs['arb'][1][0])} chars) and JSON "
          f"({len(runs['arb'][1][1])} chars) identical: {'yes' if same else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-reproduce", action="store_true")
    parser.add_argument("--all-tables", action="store_true",
                        help="reproduce table3, table4 and table5 with every setting (minutes), not table3 A")
    args = parser.parse_args()
    flint = _interval_erf._flint()
    if flint is None:
        raise SystemExit("python-flint is not installed: nothing to compare (pip install python-flint)")
    print(f"python-flint {flint.__version__}; mpmath {mpmath.__version__} (backend {mpmath.libmp.BACKEND})")
    per_call(_continuous_certified.work_bits(20, args.steps), max(args.repeat, 3))
    certified_run(args.steps, args.repeat)
    if args.all_tables:
        for table in ("table3", "table4", "table5"):
            reproduce(args.repeat, table, None)
    elif not args.no_reproduce:
        reproduce(args.repeat, "table3", ["A"])


if __name__ == "__main__":
    main()
