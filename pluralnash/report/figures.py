r"""The report's figures: the numbers behind each one, and the PNGs when matplotlib is installed.

Every figure is computed by the run that writes the report, in two steps: a ``*_data`` function
computes the numbers with the toolkit's own engines (no matplotlib needed; the report prints
them as tables), and a ``plot_*`` function draws them (matplotlib's object API on the Agg
canvas, so no global pyplot state is touched).  Without matplotlib the report says how to get the
figures: ``pip install 'pluralnash[plot]'``.

Setups (all exact, in exp form w_i = e^{r_i})
----------------------------------------------
- *Two-basin example* (:func:`two_basin_example`): five atoms, q = 2/5, e^{-ε} = 9/10;
  S_{1,ε} = {x_0, x_1}, S_{2,ε} = {x_2}, two outside atoms; 2.1(iii) holds with
  e^{-Δ_1} = e^{-Δ_2} = 1/20, so κ_i = e^{-(Δ_i - 2ε)} = 5/81.
- *Plateau two-atom model*: atoms x_1 ∈ S_1 with (w_1, w_2) = (1, k_2) and x_2 ∈ S_2 with
  (k_1, 1), k_i = e^{-Δ_i}; a = p(x_1).  Its large-K limit has the exact interior window
  q ∈ (k_1(1-k_2)/(1-k_1k_2), (1-k_2)/(1-k_1k_2)) (from :mod:`pluralnash.theory`'s
  ``derive_plateau_limit`` when available); the paper's sufficient window is
  q ∈ (κ_1, 1-κ_2), κ_i = e^{-(Δ_i - 2ε)}, drawn at ε → 0 (its widest form).

Python spellings: ``k1``, ``k2`` = k_i = e^{-Δ_i}; ``gap`` = Δ; ``a_inf`` = a_∞.
"""

from __future__ import annotations

import math
from concurrent.futures import Executor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from pluralnash._sweep import map_tasks
from pluralnash.numeric import Landscape, evaluate_curated_update, run_dynamics, solve_limit

__all__ = [
    "FIGURE_BUDGETS",
    "PLOT_HINT",
    "finite_k_data",
    "nash_data",
    "phase_data",
    "plateau_model",
    "plateau_window",
    "plot_counterexample",
    "plot_finite_k",
    "plot_nash",
    "plot_phase",
    "plot_trajectory",
    "trajectory_data",
    "counterexample_data",
    "two_basin_example",
    "have_matplotlib",
]

PLOT_HINT = "pip install 'pluralnash[plot]'"


@dataclass(frozen=True)
class FigureBudget:
    """How much each figure computes: grid sizes, the K values, the number of steps."""

    phase_q: int
    phase_gaps: int
    finite_k: tuple[int, ...]
    steps: int


FIGURE_BUDGETS = {
    "quick": FigureBudget(phase_q=19, phase_gaps=10, finite_k=(8, 32, 128), steps=40),
    "default": FigureBudget(phase_q=39, phase_gaps=24, finite_k=(2, 4, 8, 16, 32, 64, 128), steps=60),
    "thorough": FigureBudget(phase_q=79, phase_gaps=48, finite_k=(2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256),
                             steps=80),
}

# The plateau model of the Nash and finite-K figures: q = 2/5, k_1 = k_2 = 1/10.
NASH_Q, NASH_K = Fraction(2, 5), Fraction(1, 10)


def have_matplotlib() -> bool:
    """Whether matplotlib can be imported (the ``plot`` extra)."""
    try:
        import matplotlib  # noqa: F401
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    except ImportError:
        return False
    return True


def _f(x: Any) -> float:
    return float(x) if not isinstance(x, mpmath.mpf) else float(mpmath.nstr(x, 17))


# ----------------------------------------------------------------------------------------------
# setups


def two_basin_example() -> Landscape:
    """The five-atom two-basin example of the trajectory figure (exact, large K)."""
    return Landscape(
        exp_rewards=[["1", "19/20", "1/20", "3/10", "1/5"], ["1/20", "1/25", "1", "3/10", "1/4"]],
        weights=["2/5", "3/5"], exp_eps="9/10", name="two-basin example")


def plateau_model(q: Any, k1: Any, k2: Any, p0: Any = None) -> Landscape:
    """The plateau two-atom model: x_1 has (w_1, w_2) = (1, k_2), x_2 has (k_1, 1)."""
    q = Fraction(q)
    return Landscape(exp_rewards=[[1, k1], [k2, 1]], weights=[q, 1 - q], p0=p0)


def _window_source():
    """q_lo(k_1, k_2), q_hi(k_1, k_2) as exact functions, and where they come from."""
    try:
        try:
            from pluralnash.theory import derive_plateau_limit
        except ImportError:
            from pluralnash.theory._plateau import derive_plateau_limit
        d = derive_plateau_limit()
        lo, hi = d.expressions["q_lo"], d.expressions["q_hi"]
        sym = d.symbols
        k1s, k2s = sym["k_1"], sym["k_2"]
    except (ImportError, KeyError):
        def lo_f(k1, k2):
            return k1 * (1 - k2) / (1 - k1 * k2)

        def hi_f(k1, k2):
            return (1 - k2) / (1 - k1 * k2)
        return lo_f, hi_f, "the formula q_lo = k_1(1-k_2)/(1-k_1k_2), q_hi = (1-k_2)/(1-k_1k_2)"
    import sympy

    def make(expr):
        # rational functions only: plain Python arithmetic, exact on Fractions
        f = sympy.lambdify((k1s, k2s), expr, modules=[{}])

        def exact(x, y):
            v = f(Fraction(x), Fraction(y))
            return v if isinstance(v, Fraction) else Fraction(v)
        return exact
    return make(lo), make(hi), "pluralnash.theory derive_plateau_limit (q_lo, q_hi)"


def plateau_window(k1: Fraction, k2: Fraction) -> tuple[Fraction, Fraction]:
    """The exact interior window (q_lo, q_hi) of the plateau two-atom model, as Fractions."""
    lo, hi, _ = _window_source()
    return lo(Fraction(k1), Fraction(k2)), hi(Fraction(k1), Fraction(k2))


# ----------------------------------------------------------------------------------------------
# data


def trajectory_data(landscape: Landscape | None = None, steps: int = 60) -> dict[str, Any]:
    r"""a_t, b_t, m_t of the large-K dynamics, the certified limit, and the Lemma 3.4 interval for a."""
    L = landscape or two_basin_example()
    tr = run_dynamics(L, steps, dps=20)
    lim = solve_limit(L)
    S1, S2 = L.basins()
    a_inf = sum((lim.p[x] for x in S1), Fraction(0) if lim.exact else mpmath.mpf(0))
    b_inf = sum((lim.p[x] for x in S2), Fraction(0) if lim.exact else mpmath.mpf(0))
    out: dict[str, Any] = {
        "setup": L.to_json(), "steps": steps,
        "t": [r.t for r in tr.records], "a": [_f(r.a) for r in tr.records],
        "b": [_f(r.b) for r in tr.records], "m": [_f(r.m) for r in tr.records],
        "a_inf": a_inf, "b_inf": b_inf, "limit_certificate": lim.certificate.verdict.value,
        "limit_method": lim.certificate.method, "q": L.weights[0],
    }
    if L.exp_rewards is not None and L.exp_eps is not None:
        w1, w2 = L.exp_rewards
        e1 = max(w1[x] for x in S2) / max(w1)     # e^{-Δ_1}
        e2 = max(w2[x] for x in S1) / max(w2)     # e^{-Δ_2}
        k1, k2 = e1 / L.exp_eps ** 2, e2 / L.exp_eps ** 2   # κ_i = e^{-(Δ_i - 2ε)}
        q = L.weights[0]
        out["kappa"] = (k1, k2)
        out["interval"] = (max(Fraction(0), (q - k1) / (1 - k1)), min(Fraction(1), q / (1 - k2)))
    return out


def nash_data(q: Fraction = NASH_Q, k1: Fraction = NASH_K, k2: Fraction = NASH_K, points: int = 401) -> dict[str, Any]:
    r"""N(α) of Theorem 3.7 and the dynamics' potential along p_α, with α* and the limit a_∞.

    N(α) is the ``N(alpha)`` expression of ``derive_nash_product`` with the plateau model's
    utilities u_i = E[r_i] (u_1(P_1) = u_2(P_2) = 0, u_1(P_2) = log k_1, u_2(P_1) = log k_2);
    α* is its ``alpha*``.  The dynamics' limit a_∞ is :func:`solve_limit`'s (certified); it
    maximises exp F(p_α) = Z_1^q Z_2^{1-q}, the Nash product with utilities E[e^{r_i}].
    """
    import sympy

    from pluralnash.theory import derive

    d = derive("nash-product")
    s = d.symbols
    values = {s["q"]: sympy.Rational(q.numerator, q.denominator), s["u1P1"]: 0, s["u2P2"]: 0,
              s["u1P2"]: sympy.log(sympy.Rational(k1.numerator, k1.denominator)),
              s["u2P1"]: sympy.log(sympy.Rational(k2.numerator, k2.denominator))}
    N = sympy.lambdify(s["alpha"], d.expressions["N(alpha)"].subs(values), "mpmath")
    alpha_star = sympy.nsimplify(d.expressions["alpha*"].subs(values))
    lim = solve_limit(plateau_model(q, k1, k2))
    a_inf = lim.p[0]
    alphas = [Fraction(j, points - 1) for j in range(points)]
    with mpmath.workdps(30):
        Nmax = N(mpmath.mpf(alpha_star.p) / alpha_star.q)
        qf = mpmath.mpf(q.numerator) / q.denominator

        def expF(al):
            Z1 = al + (1 - al) * (mpmath.mpf(k1.numerator) / k1.denominator)
            Z2 = al * (mpmath.mpf(k2.numerator) / k2.denominator) + (1 - al)
            return Z1 ** qf * Z2 ** (1 - qf)
        a_mp = mpmath.mpf(a_inf.numerator) / a_inf.denominator if isinstance(a_inf, Fraction) else a_inf
        Fmax = expF(a_mp)
        Nv = [_f(N(mpmath.mpf(al.numerator) / al.denominator) / Nmax) for al in alphas]
        Fv = [_f(expF(mpmath.mpf(al.numerator) / al.denominator) / Fmax) for al in alphas]
    return {"q": q, "k1": k1, "k2": k2, "alpha": [float(a) for a in alphas], "N": Nv, "expF": Fv,
            "alpha_star": Fraction(int(alpha_star.p), int(alpha_star.q)), "a_inf": a_inf,
            "limit_certificate": lim.certificate.verdict.value, "limit_method": lim.certificate.method}


def _phase_row(k: Fraction, qs: list[Fraction]) -> list[tuple[float, bool, bool]]:
    """One row (one gap) of the phase diagram: (a_∞, certified, plural) for each q; one task of a sweep."""
    row = []
    for q in qs:
        lim = solve_limit(plateau_model(q, k, k))
        a = lim.p[0]
        row.append((_f(a), bool(lim.certificate.verdict.value == "HOLDS" and lim.certificate.certified),
                    bool(0 < a < 1)))
    return row


def phase_data(nq: int, ngaps: int, max_gap: float = 4.0, *, executor: Executor | None = None,
               workers: int | None = None) -> dict[str, Any]:
    r"""The large-K limit a_∞ of the symmetric plateau model over a (q, Δ) grid, from :func:`solve_limit`.

    q = j/(nq+1), j = 1..nq; k = e^{-Δ} is a rational within 10^-4 of e^{-Δ} for Δ evenly
    spaced in [0.1, max_gap], and Δ is then -log k exactly.  Each cell is solved exactly and
    classified (collapse onto S_2: a_∞ = 0; plural: 0 < a_∞ < 1; collapse onto S_1: a_∞ = 1), and
    compared with the exact window q_lo(k, k) < q < q_hi(k, k).

    Each gap's row is one task of :func:`pluralnash._sweep.map_tasks`: ``workers=N`` spreads
    the rows over N local processes and ``executor=`` over any ``concurrent.futures.Executor``
    (e.g. a Dask client's ``client.get_executor()``); the result is the same either way.

    Examples
    --------
    >>> d = phase_data(3, 2)
    >>> (d["cells"], d["agree"], d["certified"])
    (6, 6, 6)
    """
    lo_f, hi_f, source = _window_source()
    qs = [Fraction(j, nq + 1) for j in range(1, nq + 1)]
    ks = []
    for i in range(ngaps):
        gap = 0.1 + (max_gap - 0.1) * i / max(ngaps - 1, 1)
        ks.append(Fraction(math.exp(-gap)).limit_denominator(10_000))
    rows = map_tasks(_phase_row, [(k, qs) for k in ks], executor=executor, workers=workers)
    grid, agree, certified = [], 0, 0
    for k, row in zip(ks, rows):
        lo, hi = lo_f(k, k), hi_f(k, k)
        for q, (_, cert, plural) in zip(qs, row):
            certified += cert
            agree += plural == (lo < q < hi)
        grid.append([a for a, _, _ in row])
    curve_gaps = [0.02 + (max_gap + 0.1) * i / 400 for i in range(401)]
    exact_lo, exact_hi, paper_lo, paper_hi = [], [], [], []
    for g in curve_gaps:
        k = Fraction(math.exp(-g))
        exact_lo.append(float(lo_f(k, k)))
        exact_hi.append(float(hi_f(k, k)))
        kappa = math.exp(-g)        # ε -> 0: κ = e^{-Δ}
        paper_lo.append(kappa if kappa < 0.5 else math.nan)
        paper_hi.append(1 - kappa if kappa < 0.5 else math.nan)
    return {"q": [float(q) for q in qs], "gap": [-math.log(k) for k in ks], "k": ks, "a_inf": grid,
            "cells": len(qs) * len(ks), "agree": agree, "certified": certified, "window_source": source,
            "curve_gap": curve_gaps, "exact_lo": exact_lo, "exact_hi": exact_hi,
            "paper_lo": paper_lo, "paper_hi": paper_hi, "max_gap": max_gap}


def _finite_k_row(q: Fraction, k: Fraction, p_inf: list[Fraction], K: int, dps: int, max_steps: int,
                  rel_tol: float) -> dict[str, Any]:
    """One K of the finite-K figure: the run from p_∞ and its geometric tail; one task of a sweep."""
    L = plateau_model(q, k, k, p0=p_inf)
    with mpmath.workdps(dps + 10):
        a_ref = mpmath.mpf(p_inf[0].numerator) / p_inf[0].denominator
        p = [mpmath.mpf(v.numerator) / v.denominator for v in p_inf]
        steps: list = []
        rho, tail, T = None, mpmath.mpf(0), 0
        for T in range(1, max_steps + 1):
            nxt = evaluate_curated_update(L, p, K=K, method="quadrature", dps=dps)
            total = mpmath.fsum(nxt)
            nxt = [v / total for v in nxt]
            steps.append(nxt[0] - p[0])
            p = nxt
            if len(steps) >= 3 and steps[-2] != 0 and steps[-3] != 0:
                rho = max(abs(steps[-1] / steps[-2]), abs(steps[-2] / steps[-3]))
                if rho < 1:
                    tail = steps[-1] * rho / (1 - rho)
                    if abs(tail) <= rel_tol * abs(p[0] + tail - a_ref) or abs(steps[-1]) < mpmath.mpf(10) ** (-dps + 2):
                        break
        a_K = max(p[0] + tail, mpmath.mpf(0))
        err = abs(tail) if rho is not None and rho < 1 else mpmath.inf
        return {"K": K, "a_K": _f(a_K), "gap": _f(abs(a_K - a_ref)), "error": _f(err), "steps": T,
                "rho": _f(rho) if rho is not None else None,
                "collapsed": bool(a_K <= 2 * err or a_K >= 1 - 2 * err)}


def finite_k_data(Ks: tuple[int, ...], q: Fraction = NASH_Q, k: Fraction = NASH_K, *, dps: int = 10,
                  max_steps: int = 40, rel_tol: float = 1e-2, executor: Executor | None = None,
                  workers: int | None = None) -> dict[str, Any]:
    r"""|a_∞^K - a_∞| against K on the plateau two-atom model, by running the finite-K dynamics.

    The finite-K map is :func:`evaluate_curated_update` with ``method="quadrature"`` at ``dps``
    digits.  Each run starts at the large-K limit p_∞ (so p_0 = p_∞) and stops when the estimated
    remaining error, |s_T| ρ/(1-ρ) with s_T = a_T - a_{T-1} and ρ the larger of the last two step
    ratios, is below ``rel_tol`` times the gap (or after ``max_steps``).  The reported a_∞^K adds that
    geometric tail to a_T; ``error`` is its size (an estimate, not a certificate).

    Each K is one task of :func:`pluralnash._sweep.map_tasks` (``workers=`` local processes or any
    ``executor=``); the rows are the same whichever runs them.
    """
    lim = solve_limit(plateau_model(q, k, k))
    a_inf = lim.p[0]
    L = plateau_model(q, k, k, p0=lim.p)
    rows = map_tasks(_finite_k_row, [(q, k, list(lim.p), K, dps, max_steps, rel_tol) for K in Ks],
                     executor=executor, workers=workers)
    fit = [r for r in rows if not r["collapsed"] and r["K"] >= 16 and r["gap"] > 0]
    slope = None
    if len(fit) >= 2:
        xs = [math.log(r["K"]) for r in fit]
        ys = [math.log(r["gap"]) for r in fit]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return {"q": q, "k": k, "a_inf": a_inf, "dps": dps, "rows": rows, "slope": slope, "rel_tol": rel_tol,
            "max_steps": max_steps, "setup": L.to_json()}


def _exp_r_star(landscape: Landscape) -> list[float | None]:
    """e^{r_i^*} = max_x e^{r_i(x)} per reward, as floats (None beyond the float range)."""
    if landscape.exp_rewards is not None:
        return [_f(max(row)) for row in landscape.exp_rewards]
    out: list[float | None] = []
    for row in landscape.rewards:
        top = max(row)
        with mpmath.workdps(20):
            value = mpmath.exp(mpmath.mpf(top.numerator) / top.denominator)
        out.append(float(value) if value < mpmath.mpf("1e300") else None)
    return out


def counterexample_data(landscape: Landscape, steps: int = 30) -> dict[str, Any]:
    r"""The dynamics run from a counterexample setup: basin masses (or Z_i), F(p_t), the ratios
    m_{t+1}/m_t of the outside mass (a ratio >= 1 is a step where decay fails, [FALA26] Lemma 3.3),
    and Z_i(p_t) = E_{p_t}[e^{r_i}] with its ceiling e^{r_i^*} ([FERB24] Theorem 2.1)."""
    tr = run_dynamics(landscape, steps, dps=20)
    recs = tr.records
    out: dict[str, Any] = {"t": [r.t for r in recs], "F": [_f(r.F) for r in recs], "K": tr.K,
                           "Z": [[_f(z) for z in r.Z] for r in recs], "exp_r_star": _exp_r_star(landscape)}
    if recs and recs[0].outside is not None:
        ms = [r.outside for r in recs]
        with mpmath.workdps(20):
            out["outside_ratio"] = [_f(b / a) if a > 0 else None for a, b in zip(ms, ms[1:])]
    if recs and recs[0].masses is not None:
        out["series"] = {rf"$p_t(S_{{{i + 1},\varepsilon}})$": [_f(r.masses[i]) for r in recs]
                         for i in range(len(recs[0].masses))}
        out["series"][r"$m_t$ (outside)"] = [_f(r.outside) for r in recs]
        out["ylabel"] = "basin mass"
    else:
        out["series"] = {rf"$Z_{i + 1}(p_t)$": [_f(r.Z[i]) for r in recs] for i in range(len(recs[0].Z))}
        out["ylabel"] = r"$Z_i(p_t) = E_{p_t}[e^{r_i}]$"
    return out


# ----------------------------------------------------------------------------------------------
# plots (matplotlib's object API; nothing global)


def _figure(width: float, height: float, ncols: int = 1):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols)
    return fig, axes


def _save(fig, path: str) -> None:
    fig.savefig(path, format="png", metadata={"Software": None})


def plot_trajectory(data: dict[str, Any], path: str) -> None:
    fig, (ax, ax2) = _figure(9.5, 3.8, 2)
    t = data["t"]
    ax.plot(t, data["a"], color="#1f77b4", lw=2, label=r"$a_t = p_t(S_{1,\varepsilon})$")
    ax.plot(t, data["b"], color="#d62728", lw=2, label=r"$b_t = p_t(S_{2,\varepsilon})$")
    ax.plot(t, data["m"], color="#7f7f7f", lw=2, label=r"$m_t$ (outside)")
    ax.axhline(float(data["a_inf"]), color="#1f77b4", ls=":", lw=1.2, label=r"$a_\infty$ (solve_limit)")
    ax.axhline(float(data["b_inf"]), color="#d62728", ls=":", lw=1.2, label=r"$b_\infty$ (solve_limit)")
    if "interval" in data:
        lo, hi = data["interval"]
        ax.axhspan(float(lo), float(hi), color="#1f77b4", alpha=0.12, label="Lemma 3.4 interval for $a$")
    ax.axhline(float(data["q"]), color="black", ls="--", lw=0.8, label=f"q = {data['q']}")
    ax.set_xlabel("round t")
    ax.set_ylabel("mass")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("Basin masses (large K)")
    ax.legend(fontsize=7.5, loc="upper right", ncol=2)
    ax2.semilogy(t, [max(v, 1e-300) for v in data["m"]], color="#7f7f7f", lw=2)
    ax2.set_xlabel("round t")
    ax2.set_ylabel(r"$m_t$ (log scale)")
    ax2.set_title("Outside mass decays geometrically")
    ax2.grid(True, which="both", alpha=0.3)
    _save(fig, path)


def plot_nash(data: dict[str, Any], path: str) -> None:
    fig, ax = _figure(7.5, 4.2)
    al = data["alpha"]
    ax.plot(al, data["N"], color="#1f77b4", lw=2,
            label=r"$N(\alpha)=(u_1-d_1)^q(u_2-d_2)^{1-q}$, $u_i=E[r_i]$ (Thm 3.7)")
    ax.plot(al, data["expF"], color="#2ca02c", lw=2,
            label=r"$Z_1^q Z_2^{1-q}$, $Z_i=E[e^{r_i}]$ (potential of the dynamics)")
    ax.axvline(float(data["alpha_star"]), color="#1f77b4", ls="--", lw=1.2,
               label=fr"maximiser $\alpha^*=q={data['alpha_star']}$")
    ax.axvline(float(data["a_inf"]), color="#2ca02c", ls=":", lw=1.8,
               label=fr"dynamics' limit $a_\infty={data['a_inf']}\approx{float(data['a_inf']):.4f}$")
    ax.set_xlabel(r"$\alpha$ (mass on $S_{1,\varepsilon}$)")
    ax.set_ylabel("normalised to its maximum")
    ax.set_ylim(0, 1.08)
    ax.set_title(fr"Plateau model, q = {data['q']}, $k_1=k_2={data['k1']}$ ($\Delta_i=\log {1 / data['k1']}$)")
    ax.legend(fontsize=8, loc="lower center")
    _save(fig, path)


def plot_phase(data: dict[str, Any], path: str) -> None:
    from matplotlib.colors import LinearSegmentedColormap, ListedColormap

    fig, ax = _figure(7.8, 5.6)
    qs, gaps, grid = data["q"], data["gap"], data["a_inf"]

    def edges(c):
        mids = [(x + y) / 2 for x, y in zip(c, c[1:])]
        return [c[0] - (mids[0] - c[0])] + mids + [c[-1] + (c[-1] - mids[-1])]
    classes = [[0 if a <= 0 else 2 if a >= 1 else 1 for a in row] for row in grid]
    cmap = ListedColormap(["#f4a582", "#ffffff", "#92c5de"])
    ax.pcolormesh(edges(qs), edges(gaps), classes, cmap=cmap, vmin=-0.5, vmax=2.5, shading="flat")
    interior = [[a if 0 < a < 1 else float("nan") for a in row] for row in grid]
    greens = LinearSegmentedColormap.from_list("plural", ["#f7fcf5", "#238b45"])
    mesh = ax.pcolormesh(edges(qs), edges(gaps), interior, cmap=greens, vmin=0, vmax=1, shading="flat")
    cb = fig.colorbar(mesh, ax=ax, shrink=0.8)
    cb.set_label(r"$a_\infty$ where plural")
    cg = data["curve_gap"]
    ax.plot(data["exact_lo"], cg, color="black", lw=2, label="exact window (plateau model)")
    ax.plot(data["exact_hi"], cg, color="black", lw=2)
    ax.plot(data["paper_lo"], cg, color="#6a3d9a", lw=2, ls="--",
            label=r"paper's sufficient window $q\in(\kappa_1,1-\kappa_2)$, $\varepsilon\to0$")
    ax.plot(data["paper_hi"], cg, color="#6a3d9a", lw=2, ls="--")
    from matplotlib.patches import Patch

    handles, _ = ax.get_legend_handles_labels()
    handles += [Patch(color="#f4a582", label=r"collapse onto $S_2$ ($a_\infty=0$)"),
                Patch(color="#92c5de", label=r"collapse onto $S_1$ ($a_\infty=1$)")]
    ax.legend(handles=handles, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(min(gaps) - 0.1, data["max_gap"] + 0.1)
    ax.set_xlabel("q (weight of reward 1)")
    ax.set_ylabel(r"gap $\Delta=\Delta_1=\Delta_2$")
    ax.set_title("Large-K limit of the plateau two-atom model (solve_limit, exact)")
    _save(fig, path)


def plot_finite_k(data: dict[str, Any], path: str) -> None:
    fig, ax = _figure(7.5, 4.2)
    rows = data["rows"]
    ok = [r for r in rows if not r["collapsed"]]
    bad = [r for r in rows if r["collapsed"]]
    if ok:
        ax.errorbar([r["K"] for r in ok], [r["gap"] for r in ok], yerr=[r["error"] for r in ok], fmt="o-",
                    color="#1f77b4", lw=1.5, capsize=3, label=r"$|a^K_\infty - a_\infty|$ (plural limit)")
    if bad:
        ax.plot([r["K"] for r in bad], [r["gap"] for r in bad], "x", color="#d62728", ms=9, mew=2,
                label="finite-K dynamics collapse here")
    ref = [r for r in ok if r["K"] >= 16] or ok
    if ref:
        K0, g0 = ref[-1]["K"], ref[-1]["gap"]
        Kmin = min(r["K"] for r in rows)
        Ks = [Kmin, max(r["K"] for r in rows)]
        ax.plot(Ks, [g0 * K0 / K for K in Ks], color="gray", ls="--", lw=1, label="reference slope 1/K")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("K (candidates per round)")
    ax.set_ylabel(r"$|a^K_\infty - a_\infty|$")
    slope = data["slope"]
    extra = f"; fitted slope {slope:.2f} for K >= 16" if slope is not None else ""
    ax.set_title(f"Finite-K limit vs large-K limit (q = {data['q']}, k = {data['k']}){extra}", fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    _save(fig, path)


def _plot_outside_ratio(ax, data: dict[str, Any]) -> None:
    r"""m_{t+1}/m_t against t with the line 1: decay needs every ratio below 1; the steps where it is
    not are marked and the first is labelled with its value."""
    pairs = [(t, r) for t, r in zip(data["t"], data["outside_ratio"]) if r is not None]
    ts, rs = [p[0] for p in pairs], [p[1] for p in pairs]
    ax.plot(ts, rs, color="#2ca02c", lw=2, marker="o", ms=3, label=r"$m_{t+1}/m_t$")
    ax.axhline(1.0, color="black", ls="--", lw=0.9, label="1 (no decay)")
    broken = [(t, r) for t, r in pairs if r >= 1]
    if broken:
        ax.plot([b[0] for b in broken], [b[1] for b in broken], "o", ms=9, mfc="none", mec="#d62728", mew=2,
                label=r"$m_{t+1} \geq m_t$")
        t0, r0 = broken[0]
        ax.annotate(f"t = {t0}: $m_{{{t0 + 1}}}/m_{{{t0}}}$ = {r0:.4g}", (t0, r0), xytext=(18, -28),
                    textcoords="offset points", color="#d62728", fontsize=8,
                    arrowprops={"arrowstyle": "-", "color": "#d62728"})
    ax.set_yscale("log")
    ax.set_xlabel("round t")
    ax.set_ylabel(r"$m_{t+1}/m_t$ (log scale)")
    ax.set_title("Outside mass: one-step ratio", fontsize=10)
    ax.grid(True, alpha=0.3, which="both")
    ax.legend(fontsize=8)


def _plot_z(ax, data: dict[str, Any]) -> None:
    r"""Z_i(p_t) = E_{p_t}[e^{r_i}] with its ceiling e^{r_i^*}, which [FERB24] Theorem 2.1 says it reaches."""
    colors = ["#1f77b4", "#d62728", "#9467bd", "#8c564b"]
    for i, top in enumerate(data["exp_r_star"]):
        c = colors[i % len(colors)]
        ax.plot(data["t"], [z[i] for z in data["Z"]], color=c, lw=2, label=fr"$E_{{p_t}}[e^{{r_{{{i + 1}}}}}]$")
        if top is not None:
            ax.axhline(top, color=c, ls="--", lw=1, label=fr"$e^{{r_{{{i + 1}}}^*}}$ = {top:.4g}")
    ax.set_xlabel("round t")
    ax.set_ylabel(r"$Z_i(p_t) = E_{p_t}[e^{r_i}]$")
    ax.set_title(r"Expected $e^{r}$ against its supremum $e^{r^*}$", fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)


def plot_counterexample(data: dict[str, Any], path: str, title: str) -> None:
    r"""The counterexample's run: masses (or Z_i), then m_{t+1}/m_t when there is an outside mass,
    then F(p_t) (for several rewards) or Z_i against e^{r_i^*} (for one reward, where F = log Z_1)."""
    # the ratio panel speaks to decay outside the basins of several rewards ([FALA26] Lemma 3.3)
    ratio = data.get("outside_ratio") is not None and len(data.get("exp_r_star") or ()) != 1
    ncols = 3 if ratio else 2
    fig, axes = _figure(4.2 * ncols, 3.6, ncols)
    ax, ax2 = axes[0], axes[-1]
    t = data["t"]
    styles = ["-", "--", ":", "-."]
    for k, (label, values) in enumerate(data["series"].items()):
        ax.plot(t, values, lw=2, ls=styles[k % len(styles)], label=label)
    ax.set_xlabel("round t")
    ax.set_ylabel(data["ylabel"])
    ax.legend(fontsize=8)
    regime = "large K" if data["K"] is None else f"K = {data['K']}"
    ax.set_title(f"{title} ({regime})", fontsize=10)
    if ratio:
        _plot_outside_ratio(axes[1], data)
    if len(data.get("exp_r_star") or ()) == 1 and data.get("Z"):
        _plot_z(ax2, data)
    else:
        ax2.plot(t, data["F"], color="black", lw=2)
        ax2.set_xlabel("round t")
        ax2.set_ylabel(r"$F(p_t)$")
        # an inline sum (Sigma with its index beside it): mathtext sets \sum's index below the sign,
        # where it ran into the title's baseline
        ax2.set_title(r"$F(p_t) = \Sigma_i\, q_i \log E_{p_t}[e^{r_i}]$", fontsize=10, pad=6)
        ax2.grid(True, alpha=0.3)
    _save(fig, path)
