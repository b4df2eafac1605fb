r"""Exact continuous engine against a float64 grid: error and time, side by side.

Model: r_i(x) = -(x - μ_i)², μ = ∓21/20, q = (1/3, 2/3), p_0 = Uniform[-3, 3], ε = 1/16 (balls of
radius 1/4), large-K dynamics for T rounds.  The grids are aligned (every μ_i a midpoint, every
ball edge a cell edge), which is the float grid's best case.

Reference: the exact engine at 40 digits.  The certified run (``certify=True``: rigorous
interval enclosures of every recorded Z_i(t), a_t, b_t, m_t) is timed beside it, once with each
erf/erfc backend (``python``: this toolkit's series; ``arb``: python-flint, when installed).  Errors are the largest |a_t - a_t^ref|, the largest
relative error of m_t, and the largest |Z_i(t) - Z_i^ref(t)| over t <= T.  Times are wall-clock in
this run, reported as ratios to the exact engine at 20 digits measured in the same run.

Run:  python benchmarks/bench_continuous.py [--steps T]
"""

from __future__ import annotations

import argparse
import math
import time

import mpmath

from pluralnash.numeric.engines.continuous import QuadraticLandscape, Uniform, run_continuous


def float_grid(mu, q, low, high, rho, cells, steps):
    """The large-K map on the midpoints of ``cells`` cells, in float64 (the usual grid approach)."""
    h = (high - low) / cells
    xs = [low + (k + 0.5) * h for k in range(cells)]
    ws = [[math.exp(-(x - c) ** 2) for x in xs] for c in mu]
    inside = [[abs(x - c) <= rho for x in xs] for c in mu]
    p = [1.0 / cells] * cells
    out = []
    for t in range(steps + 1):
        Z = [sum(pk * wk for pk, wk in zip(p, w)) for w in ws]
        a = sum(pk for pk, s in zip(p, inside[0]) if s)
        b = sum(pk for pk, s in zip(p, inside[1]) if s)
        m = sum(pk for pk, s1, s2 in zip(p, inside[0], inside[1]) if not (s1 or s2))
        out.append((a, b, m, Z))
        if t == steps:
            break
        coef = [qi / z for qi, z in zip(q, Z)]
        p = [pk * (coef[0] * w0 + coef[1] * w1) for pk, w0, w1 in zip(p, ws[0], ws[1])]
        s = sum(p)
        p = [v / s for v in p]
    return out


def errors(recs, ref):
    with mpmath.workdps(45):
        return _errors(recs, ref)


def _errors(recs, ref):
    ea = max(abs(mpmath.mpf(r[0]) - x["a"]) for r, x in zip(recs, ref))
    em = max(abs(mpmath.mpf(r[2]) / x["m"] - 1) for r, x in zip(recs, ref))
    ez = max(abs(mpmath.mpf(r[3][i]) - x["Z"][i]) for r, x in zip(recs, ref) for i in range(2))
    return ea, em, ez


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    T = args.steps
    L = QuadraticLandscape(mu=["-21/20", "21/20"], weights=["1/3", "2/3"], init=Uniform(-3, 3), eps="1/16")

    start = time.perf_counter()
    ref = run_continuous(L, T, dps=40).records
    t_ref = time.perf_counter() - start
    from pluralnash.numeric.engines import continuous_integrals as _continuous

    _continuous._moments_for.cache_clear()  # time the 20-digit engine from a cold cache
    start = time.perf_counter()
    exact20 = run_continuous(L, T, dps=20).records
    t20 = time.perf_counter() - start
    with mpmath.workdps(45):
        e20 = (max(abs(x["a"] - y["a"]) for x, y in zip(exact20, ref)),
               max(abs(x["m"] / y["m"] - 1) for x, y in zip(exact20, ref)),
               max(abs(x["Z"][i] - y["Z"][i]) for x, y in zip(exact20, ref) for i in range(2)))

    print(f"T = {T} rounds, m_T = {mpmath.nstr(ref[-1]['m'], 3)} (reference: exact engine, 40 digits, "
          f"{t_ref:.2f} s)")
    print(f"{'engine':<22}{'max|a_t err|':>13}{'max rel m_t':>13}{'max|Z err|':>12}{'time s':>9}{'x exact':>9}")
    print("-" * 78)

    def row(name, e, t):
        print(f"{name:<22}{mpmath.nstr(e[0], 2):>13}{mpmath.nstr(e[1], 2):>13}{mpmath.nstr(e[2], 2):>12}"
              f"{t:>9.3f}{t / t20:>9.2f}")

    row("exact, 20 digits", e20, t20)
    from pluralnash.numeric.engines import continuous_certified as _continuous_certified
    from pluralnash.numeric.arith import erf as _interval_erf

    # the early enclosures are narrower than 40 digits: check containment against 70 digits
    ref70 = run_continuous(L, T, dps=70).records
    certified_lines = []
    for backend in ("python", "arb") if _interval_erf._flint() else ("python",):
        _continuous._moments_for.cache_clear()
        _continuous_certified._iv_moments_for.cache_clear()
        saved, _interval_erf.BACKEND = _interval_erf.BACKEND, backend
        try:
            start = time.perf_counter()
            cert = run_continuous(L, T, dps=20, certify=True)
            t_cert = time.perf_counter() - start
        finally:
            _interval_erf.BACKEND = saved
        with mpmath.workdps(80):
            ends = [(mpmath.mpf(r["enclosure"]["a"]._mpi_[0]), mpmath.mpf(r["enclosure"]["a"]._mpi_[1]), x["a"])
                    for r, x in zip(cert.records, ref70)]
            contained = all(lo <= v <= hi for lo, hi, v in ends)
            width = max((hi - lo) / v for lo, hi, v in ends)
        row(f"certified, {backend}", e20, t_cert)
        certified_lines.append(
            f"certified run ({backend} erf/erfc): {cert.certify_prec}-bit intervals, largest relative width of "
            f"a_t {mpmath.nstr(width, 2)}, every a_t (70 digits) inside: {'yes' if contained else 'NO'}")
    for cells in (60, 180, 540, 1620, 4860):
        start = time.perf_counter()
        recs = float_grid([-1.05, 1.05], [1 / 3, 2 / 3], -3.0, 3.0, 0.25, cells, T)
        t = time.perf_counter() - start
        row(f"float64 grid {cells}", errors(recs, ref), t)
    print("-" * 78)
    print("\n".join(certified_lines))
    print("x exact = time / time of the exact engine at 20 digits, measured in this run.")
    print("The grid's error falls like h^2 (about 9x per 3x cells); matching the exact engine's")
    print("20 digits would need ~1e10 cells, and float64 itself stops near 1e-16.")


if __name__ == "__main__":
    main()
