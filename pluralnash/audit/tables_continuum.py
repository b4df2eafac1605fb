r"""The paper's Tables 3-5 judged against the certified limit of the continuous dynamics.

Each stated setting is a continuous setup (one dimension, two quadratic rewards, uniform p_0), and
:func:`~pluralnash.numeric.engines.continuous_limit.solve_continuous_limit` gives its large-K limit
p* with certified enclosures: a mixture a* δ_{x_1} + (1 - a*) δ_{x_2} (c = β D²/2 > 1 and
u = tanh(c u) > |1 - 2q|) or a collapse onto x_0 = q μ_1 + (1 - q) μ_2, the basin masses
a_∞ = p*(S_{1,ε}), m_∞ = p*(X \ S_ε), and the asymptotic slope lim log(m_t)/t.  Against it:

- *Table 3*: each reported a_∞ against the certified a_∞ (and whether the limit is a mixture at
  all), the paper's own bounds and Lemma 3.4's interval at the geometry's sharpest κ against it,
  the identical printed D = 2 and D = 4 columns against the limit's dependence on D, and a_T at
  the run's T against the limit (the dynamics have not converged by T where they differ by more
  than the reported number's rounding);
- *Table 4*: the slope of log m_t the theory predicts beside the table's range and the text's slopes;
- *Table 5*: the mean over q of (a_∞ - q)² at the limit beside the reported error.

Every comparison is decided on enclosures (``interval``); a cell whose limit is not certified says
why and is left out of the flags.  Python spellings as in :mod:`pluralnash.audit.settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, Sequence

from pluralnash.audit.paper_tables import TABLE3, TABLE4_RANGE, TABLE4_TEXT, TABLE5, half_ulp
from pluralnash.audit.results import Flag
from pluralnash.audit.runs import EngineRuns, _enc, _ends, _finite
from pluralnash.audit.settings import Q_GRID
from pluralnash.audit.table4 import TABLE4_DS, TABLE4_Q
from pluralnash.audit.tables_limit import _leakage_interval_iv, _side, _txt
from pluralnash.claims.continuous_geometry import collapse_threshold
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.continuous_limit import ContinuousLimit, solve_continuous_limit
from pluralnash.theory import InvalidArgument

__all__ = ["continuous_limit_of", "ContinuumAudit", "continuum_section", "continuum_lines"]

_PREC = 160
_BASIS = "the stated setting's continuous limit p* (certified, no grid)"


@lru_cache(maxsize=256)
def continuous_limit_of(setting, q: Fraction, D: int) -> ContinuousLimit:
    """The certified continuous limit of the setting at (q, D) (cached: the tables share Table 3's q grid)."""
    return solve_continuous_limit(setting.landscape(q, D), prec=_PREC)


@dataclass(frozen=True)
class ContinuumAudit:
    """A table against the certified continuous limit: text rows, flags, and the computed values (JSON)."""

    table: str
    rows: list[list[str]]
    header: list[str]
    intro: str
    flags: list[Flag]
    computed: list[dict[str, Any]]


def _flag(tag: str, rows: str, reason: str, evidence: dict, severity: str = "not reproduced") -> Flag:
    return Flag(tag, severity, rows, reason, "interval", premise=_BASIS, evidence=evidence)


def _rounds_interval(text: str) -> tuple[Fraction, Fraction]:
    v, h = Fraction(text), half_ulp(text)
    return v - h, v + h


def _gap_lower(x, y) -> Fraction:
    """A certified lower bound on |x - y| for two enclosures (0 when they overlap)."""
    xl, xh = _ends(x)
    yl, yh = _ends(y)
    return max(yl - xh, xl - yh, Fraction(0))


# ----------------------------------------------------------------------------------------------
# Table 3


def _table3(sel, runs: EngineRuns) -> ContinuumAudit:
    rows, computed, flags = [], [], []
    for st in sel:
        off, conv, bounds, lemma, collapse = [], [], [], [], []
        for D in (2, 4, 6):
            for qt in Q_GRID:
                q = Fraction(qt)
                lim = continuous_limit_of(st, q, D)
                a_T = _enc(runs.final(st, D, q), "a")
                with iv_workprec(_PREC):
                    T = collapse_threshold(st.beta, q, Fraction(D))
                rows.append([st.name, str(D), qt, TABLE3[(qt, D)][1], _txt(lim.a, 6) if lim.certified else "-",
                             lim.kind or "-", lim.where, _txt(T, 3), _txt(a_T, 6)])
                computed.append({"setting": st.name, "D": D, "q": qt, "limit": lim.to_json(), "T": _txt(T, 10),
                                 "a_T": _txt(a_T, 12)})
                if not lim.certified:
                    continue
                cell = f"D={D} q={qt}"
                _sort3(cell, lim, a_T, TABLE3[(qt, D)], st, D, q, off, conv, bounds, lemma, collapse)
        flags += _flags3(st, off, conv, bounds, lemma, collapse) + _d_dependence(st)
    header = ["set", "D", "q", "paper", "a_inf", "limit", "where", "T", "a_T"]
    intro = ("Against the certified continuous limit: a_inf = p*(S_1) of the large-K limit of each stated setting "
             "(a mixture of two points pulled towards each other, or one point x_0), the collapse criterion T "
             "(collapse iff T <= 1), and a_T of the exact dynamics at the run's T:")
    return ContinuumAudit("table3", rows, header, intro, flags, computed)


def _sort3(cell, lim, a_T, printed, st, D, q, off, conv, bounds, lemma, collapse) -> None:
    """File one certified cell under the findings it supports (each list holds (cell, detail))."""
    lower, emp, upper = printed
    side = _side(lim.a, *_rounds_interval(emp))
    if side in (-1, 1):
        off.append((cell, f"{_txt(lim.a, 6)} {'<' if side < 0 else '>'} {emp}"))
    if lim.kind == "collapse":
        collapse.append((cell, f"onto x_0 {lim.where}, a_inf = {_txt(lim.a, 3)}"))
    gap = _gap_lower(a_T, lim.a)
    if gap > half_ulp(emp):
        conv.append((cell, f"a_T = {_txt(a_T, 6)} vs {_txt(lim.a, 6)}"))
    lo_v, hi_v = Fraction(lower) - half_ulp(lower), Fraction(upper) + half_ulp(upper)
    if _side(lim.a, lo_v, hi_v) in (-1, 1):
        bounds.append((cell, f"{_txt(lim.a, 6)} outside [{lower}, {upper}]"))
    ends = _leakage_interval_iv(st, D, q) if lim.m.b == 0 else None
    if ends is not None:  # [max{0, (q - kappa)/(1 - kappa)}, min{1, q/(1 - kappa)}], its ends enclosed
        a_lo, a_hi = _ends(lim.a)
        if a_hi < max(_ends(ends[0])[0], Fraction(0)) or a_lo > min(_ends(ends[1])[1], Fraction(1)):
            lemma.append((cell, f"{_txt(lim.a, 6)} outside [{_txt(ends[0], 4)}, {_txt(ends[1], 4)}]"))


def _listing(items, limit: int = 6) -> str:
    return "; ".join(f"{c} ({d})" for c, d in items[:limit]) + (f"; ... ({len(items)} in all)" if len(items) > limit
                                                                 else "")


def _grouped(tag: str, rows: str, findings, severity: str = "not reproduced") -> list[Flag]:
    """One flag per kind of finding: ``findings`` are (suffix, items, text before the listing), kept when non-empty."""
    return [_flag(f"{tag}{suffix}", rows, f"{text}: {_listing(items)}", {"cells": [list(i) for i in items]},
                  severity=sev or severity) for suffix, items, text, sev in findings if items]


def _flags3(st, off, conv, bounds, lemma, collapse) -> list[Flag]:
    n = len(TABLE3)
    return _grouped("T3-continuum", f"setting {st.name}", [
        (f"-{st.name}", off, f"the reported a_inf is off the certified limit in {len(off)}/{n} cells", None),
        (f"-collapse-{st.name}", collapse,
         f"the limit collapses (T <= 1) in {len(collapse)}/{n} cells, where the table reports a mixture", None),
        (f"-not-converged-{st.name}", conv,
         f"a_T at T = {st.T} differs from the limit by more than the reported number's rounding in {len(conv)}/{n} "
         f"cells (the dynamics have not converged by T)", "note"),
        (f"-bounds-{st.name}", bounds,
         f"the limit lies outside the paper's own printed bounds in {len(bounds)}/{n} cells", None),
        (f"-lemma-3.4-{st.name}", lemma,
         f"with m_inf = 0 the limit leaves [FALA26] Lemma 3.4's interval at the sharpest kappa in {len(lemma)} cells",
         "inconsistent"),
    ])


def _d_dependence(st) -> list[Flag]:
    """The printed D = 2 and D = 4 columns are identical; the limit's a_inf at D = 2 and 4, certified apart."""
    apart = []
    for qt in Q_GRID:
        l2, l4 = continuous_limit_of(st, Fraction(qt), 2), continuous_limit_of(st, Fraction(qt), 4)
        if l2.certified and l4.certified and _gap_lower(l2.a, l4.a) > Fraction(1, 1000):
            apart.append((f"q={qt}", f"{_txt(l2.a, 6)} at D=2, {_txt(l4.a, 6)} at D=4"))
    return _grouped("T3-continuum", f"setting {st.name}, D=2 and D=4", [(f"-D-dependence-{st.name}", apart, (
        f"the printed columns D=2 and D=4 are identical, but the limit's a_inf moves by more than 0.001 between "
        f"them at {len(apart)}/{len(Q_GRID)} values of q"), None)])


# ----------------------------------------------------------------------------------------------
# Table 4


def _slope_text(lim: ContinuousLimit) -> str:
    return "-" if lim.slope is None else _txt(lim.slope, 6)


def _table4(sel, runs: EngineRuns) -> ContinuumAudit:
    from pluralnash.audit.table4 import _slope, _slope_enclosure

    rows, computed, flags = [], [], []
    lo_r, hi_r = (Fraction(t) for t in TABLE4_RANGE)
    for st in sel:
        outside, text_off, flat, early = [], [], [], []
        for D in TABLE4_DS:
            lim = continuous_limit_of(st, TABLE4_Q, D)
            engine = _slope(runs.run(st, D, TABLE4_Q, True))
            enc = _slope_enclosure(runs.run(st, D, TABLE4_Q, True))
            if lim.slope is not None and _finite(enc) and _gap_lower(enc, lim.slope) > half_ulp(TABLE4_RANGE[0]):
                early.append((f"D={D}", f"{_txt_mp(engine)} over [T/2, T] vs {_slope_text(lim)}"))
            text = TABLE4_TEXT.get(D, "-")
            rows.append([st.name, str(D), lim.kind or "-", lim.where, _slope_text(lim), _txt_mp(engine), text])
            computed.append({"setting": st.name, "D": D, "limit": lim.to_json(), "engine_slope": _txt_mp(engine, 12),
                             "table_range": list(TABLE4_RANGE), "text": text})
            if lim.slope is None:
                continue
            if lim.m.a > 0:
                flat.append((f"D={D}", f"m_inf = {_txt(lim.m, 3)}, {lim.where}"))
            if _side(lim.slope, lo_r, hi_r) in (-1, 1):
                outside.append((f"D={D}", _slope_text(lim)))
            if text != "-" and _side(lim.slope, *_rounds_interval(text)) in (-1, 1):
                text_off.append((f"D={D}", f"{_slope_text(lim)} vs the text's {text}"))
        flags += _flags4(st, outside, text_off, flat, early)
    header = ["set", "D", "limit", "where", "theory", "engine", "text"]
    intro = ("Against the certified continuous limit: the slope of log m_t the theory predicts, lim log(m_t)/t = "
             "log ess sup of W* off S_eps (0 when m_inf > 0), beside the exact engine's least-squares slope over "
             "[T/2, T] and the text's slopes (q = 1/2); every entry of the table lies in "
             f"[{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]:")
    return ContinuumAudit("table4", rows, header, intro, flags, computed)


def _txt_mp(x, digits: int = 6) -> str:
    from pluralnash.numeric.arith.format import nstr_at

    return nstr_at(x, digits)


def _flags4(st, outside, text_off, flat, early) -> list[Flag]:
    return _grouped("T4-continuum", f"setting {st.name}", [
        (f"-{st.name}", outside,
         f"the theory's slope of log m_t lies outside every entry of the table [{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]; "
         f"with two basins kept, W* = (g_1 + g_2)/max(g_1 + g_2) whatever q, and its value at the basins' edges tends "
         f"to e^(-eps) = e^(-{st.eps}) as D grows, so a D-independent slope near -0.575 needs eps near 0.575", None),
        (f"-text-{st.name}", text_off, "the text's slopes fit no rate the theory gives", None),
        (f"-no-decay-{st.name}", flat,
         "the limit keeps mass outside the basins, so log m_t does not decay (slope 0)", None),
        (f"-not-asymptotic-{st.name}", early,
         f"by T = {st.T} the exact dynamics' slope of log m_t is still off the asymptotic one by more than the "
         f"table's rounding (a fit over [T/2, T] measures a pre-asymptotic rate)", "note"),
    ])


# ----------------------------------------------------------------------------------------------
# Table 5


def _mean_sq(st, D: int):
    """The mean over Q_GRID of (a_inf - q)^2 at the certified limit, enclosed; None if a limit is not certified."""
    lims = [continuous_limit_of(st, Fraction(q), D) for q in Q_GRID]
    if not all(lim.certified for lim in lims):
        return None
    with iv_workprec(_PREC):
        return sum(((lim.a - iv_frac(Fraction(q))) ** 2 for lim, q in zip(lims, Q_GRID)), iv.mpf(0)) / len(Q_GRID)


def _table5(sel, runs: EngineRuns) -> ContinuumAudit:
    rows, computed, flags = [], [], []
    for st in sel:
        off = []
        for D in sorted(TABLE5):
            val = _mean_sq(st, D)
            kinds = sorted({continuous_limit_of(st, Fraction(q), D).kind or "-" for q in Q_GRID})
            rows.append([st.name, str(D), TABLE5[D], "-" if val is None else _txt(val, 4), "/".join(kinds)])
            computed.append({"setting": st.name, "D": D, "reported": TABLE5[D],
                             "limit_mean_sq": None if val is None else _txt(val, 12), "kinds": kinds})
            side = None if val is None or not _finite(val) else _side(val, *_rounds_interval(TABLE5[D]))
            if side in (-1, 1):
                off.append((f"D={D}", f"{_txt(val, 4)} {'<' if side < 0 else '>'} {TABLE5[D]}"))
        flags += _grouped("T5-continuum", f"setting {st.name}", [(f"-{st.name}", off, (
            "the mean over q of (a_inf - q)^2 at the certified limit is off the reported error"), None)])
    header = ["set", "D", "paper", "limit", "limits"]
    intro = ("Against the certified continuous limit: the mean over q in {" + ", ".join(Q_GRID) + "} of "
             "(a_inf - q)^2 with a_inf = p*(S_1) of the limit (kinds of limit over q):")
    return ContinuumAudit("table5", rows, header, intro, flags, computed)


_SECTIONS = {"table3": _table3, "table4": _table4, "table5": _table5}


def continuum_section(table: str, settings: Sequence, *, runs: EngineRuns | None = None) -> ContinuumAudit:
    """Each number of ``table`` against the certified continuous limit of each setting: rows, flags, computed."""
    if table not in _SECTIONS:
        raise InvalidArgument(f"table={table!r} has no continuum audit; choose one of {', '.join(_SECTIONS)}")
    return _SECTIONS[table](settings, EngineRuns() if runs is None else runs)


def continuum_lines(audit: ContinuumAudit) -> list[str]:
    """The section as text: its introduction, a table with right-aligned columns, and its flags' ids."""
    import textwrap

    table = [audit.header] + audit.rows
    widths = [max(len(r[k]) for r in table) for k in range(len(audit.header))]
    lines = ["", *textwrap.wrap(audit.intro, width=80)]
    lines += ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in table]
    return lines
