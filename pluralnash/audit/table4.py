r"""[FALA26] Table 4 (decay slope of log m_t, the mass outside both basins), recomputed and audited.

The full table is not available, only the range that holds its entries and two slopes quoted by
the text.  Computed: the least-squares slope of log m_t at t = T/2, T/2 + 5, ..., T for q = 1/2,
enclosed as Σ_t w_t log m_t over the enclosures of m_t (w_t exact), and the last step's
log(m_T/m_{T-1}).

Python spellings as in :mod:`pluralnash.audit.settings`; ``m_T`` = mass outside both basins.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import mpmath

from pluralnash.audit._text import _e, _frac_str, _s
from pluralnash.numeric.arith import frac_mpf
from pluralnash.audit.paper_tables import TABLE4_RANGE, TABLE4_SOURCE, TABLE4_TEXT, half_ulp
from pluralnash.audit.results import Flag, TableResult, _method
from pluralnash.audit.runs import _ENC_PREC, EngineRuns, _decide_within, _enc, _ends, _finite, selected_runs, timed
from pluralnash.audit.settings import DPS, _assumptions
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.continuous_certified import to_json as _iv_json

__all__ = ["reproduce_table4", "TABLE4_DS", "TABLE4_Q"]

TABLE4_DS = (2, 4, 6, 8)
TABLE4_Q = Fraction(1, 2)


@dataclass(frozen=True)
class Table4Cell:
    """One computed cell: the window slope, the last step's rate and m_T (mp values)."""

    setting: str
    D: int
    slope: Any
    last: Any
    m: Any


def _slope_weights(recs) -> list[Fraction]:
    """w_t = (t - t̄)/Σ(t - t̄)², exactly: the least-squares slope is Σ w_t log m_t (Σ w_t = 0)."""
    ts = [Fraction(r["t"]) for r in recs]
    tb = sum(ts) / len(ts)
    den = sum((t - tb) ** 2 for t in ts)
    return [(t - tb) / den for t in ts]


def _slope_enclosure(recs):
    """The least-squares slope of log m_t, from the certified enclosures of m_t."""
    with iv_workprec(_ENC_PREC):
        total = iv.mpf(0)
        for w, r in zip(_slope_weights(recs), recs):
            total += iv_frac(w) * iv.log(_enc(r, "m"))
        return total


def _in_range(decided: bool | None, point, lo: Fraction, hi: Fraction) -> bool:
    """The enclosure's decision, or the point value's when the enclosure straddles an end."""
    if decided is not None:
        return decided
    with mpmath.workdps(DPS):
        return bool(frac_mpf(lo) <= point <= frac_mpf(hi))


def _slope(recs) -> Any:
    """Least-squares slope of log m_t against t."""
    with mpmath.workdps(DPS):
        ts = [mpmath.mpf(r["t"]) for r in recs]
        ys = [mpmath.log(r["m"]) for r in recs]
        n = len(ts)
        tb, yb = mpmath.fsum(ts) / n, mpmath.fsum(ys) / n
        return mpmath.fsum((t - tb) * (y - yb) for t, y in zip(ts, ys)) / mpmath.fsum((t - tb) ** 2 for t in ts)


def _range() -> tuple[Fraction, Fraction]:
    """The table's range widened by half a unit in its last printed place."""
    lo_r, hi_r = (Fraction(v) for v in TABLE4_RANGE)
    h_r = max(half_ulp(v) for v in TABLE4_RANGE)
    return lo_r - h_r, hi_r + h_r


@timed
def reproduce_table4(settings: Sequence[str] | None = None, map_fn=None, *,
                     runs: EngineRuns | None = None) -> TableResult:
    r"""Table 4 (decay slope of log m_t), recomputed and audited (``map_fn``, ``runs`` as for Table 3)."""
    runs, sel = selected_runs(settings, runs, lambda sel: [(st, D, TABLE4_Q, True) for st in sel for D in TABLE4_DS],
                              map_fn)
    flags = _text_flags()
    computed, cells, encs = _slopes(runs, sel)
    table = {(c.setting, c.D): (c.slope, c.last, c.m) for c in cells}
    flags.append(_range_flag(sel, table, computed))
    if 2 in TABLE4_DS and 8 in TABLE4_DS:
        flags.append(_d_dependence_flag(sel, table, encs))
    return TableResult("table4", TABLE4_SOURCE, sel, _assumptions(sel) + [
        "Table 4: q = 1/2, slope = least-squares fit of log m_t at t = T/2, T/2 + 5, ..., T",
        "Table 4: D in {2, 4, 6, 8} (the text mentions 2 and 8; the table's D values are not available)"],
        [{"range": list(TABLE4_RANGE), "text": {str(k): v for k, v in TABLE4_TEXT.items()}}], computed, flags, cells)


def _text_flags() -> list[Flag]:
    """The text's slopes against the table's range (exact, on the printed values)."""
    lo, hi = _range()
    flags: list[Flag] = []
    for D, text in sorted(TABLE4_TEXT.items()):
        v, h = Fraction(text), half_ulp(text)
        if v + h < lo or v - h > hi:
            # "about": also try a generous reading, the text's value +-50%
            lo50, hi50 = sorted((v * Fraction(3, 2), v / 2))
            generous = hi50 < lo or lo50 > hi
            flags.append(Flag(
                f"T4-text-D{D}", "inconsistent", f"D={D}",
                f"the text's slope 'about {text}' (in [{_frac_str(v - h)}, {_frac_str(v + h)}]"
                + (f", and even in [{_frac_str(lo50)}, {_frac_str(hi50)}] read as +-50%" if generous else "")
                + f") is outside the range [{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}] that holds every entry of the table",
                "exact", premise="the text and the table report the same quantity (slope of log m_t per round)",
                evidence={"text": text, "table_range": list(TABLE4_RANGE)}))
    return flags


def _slopes(runs: EngineRuns, sel) -> tuple[list, list[Table4Cell], dict]:
    """Each (setting, D): the computed row (JSON), its cell, and the slope's enclosure."""
    lo, hi = _range()
    computed, cells, encs = [], [], {}
    for st in sel:
        for D in TABLE4_DS:
            recs = runs.run(st, D, TABLE4_Q, window=True)
            prev = next(r for r in recs if r["t"] == st.T - 1)
            recs = [r for r in recs if r["t"] % 5 == 0 or r["t"] == st.T]
            slope, slope_enc = _slope(recs), _slope_enclosure(recs)
            with mpmath.workdps(DPS):
                last = mpmath.log(recs[-1]["m"] / prev["m"])
            cells.append(Table4Cell(st.name, D, slope, last, recs[-1]["m"]))
            encs[(st.name, D)] = slope_enc
            decided = _decide_within(slope_enc, lo, hi)
            computed.append({"setting": st.name, "D": D, "q": str(TABLE4_Q), "window": [st.T // 2, st.T],
                             "slope": _e(slope, 8), "last_step_rate": _e(last, 8), "m_T": _e(recs[-1]["m"], 6),
                             "minus_eps": str(-st.eps),
                             "comparison": {"reported_range": list(TABLE4_RANGE), "enclosure": _iv_json(slope_enc),
                                            "certified": decided is not None,
                                            "in_range": _in_range(decided, slope, lo, hi)}})
    return computed, cells, encs


def _range_flag(sel, table: dict, computed: list) -> Flag:
    in_range = [k for k, c in zip(table, computed) if c["comparison"]["in_range"]]
    return Flag(
        "T4-engine-range", "note" if in_range else "not reproduced", "slopes",
        f"{len(in_range)} of {len(table)} computed slopes fall in the table's range "
        f"[{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]; at D={max(TABLE4_DS)} the computed slope / (-eps) is "
        + ", ".join(f"{s.name} {_s(table[(s.name, max(TABLE4_DS))][0] / -frac_mpf(s.eps), 2)}" for s in sel)
        + " (near a mode, W_inf ~ exp(-beta (x - mu)^2), so the rate outside the ball is about -eps)",
        _method(c["comparison"]["certified"] for c in computed), evidence={"in_range": [list(x) for x in in_range]})


def _d_dependence_flag(sel, table: dict, encs: dict) -> Flag:
    """The text's growth of the slope from D=2 to D=8 against the engine's (within a factor 2)."""
    ratios = {s.name: table[(s.name, 8)][0] / table[(s.name, 2)][0] for s in sel}
    text_ratio = Fraction(TABLE4_TEXT[8]) / Fraction(TABLE4_TEXT[2])
    # within a factor 2 of the text's ratio: text/2 < r < 2 text (for a positive text ratio)
    near = {}
    for st in sel:
        with iv_workprec(_ENC_PREC):
            r_enc = encs[(st.name, 8)] / encs[(st.name, 2)]
        a, b = _ends(r_enc) if _finite(r_enc) else (None, None)
        lo_t, hi_t = sorted((text_ratio / 2, 2 * text_ratio))
        point = ratios[st.name] > 0 and abs(mpmath.log(ratios[st.name] / frac_mpf(text_ratio))) < mpmath.log(2)
        inside = a is not None and lo_t < a and b < hi_t
        certain = a is not None and (inside or b <= lo_t or a >= hi_t)
        near[st.name] = (inside if certain else bool(point), certain)
    reproduced = any(p for p, _ in near.values())
    decided = any(p and c for p, c in near.values()) or all(c for _, c in near.values())
    return Flag(
        "T4-engine-D-dependence", "note" if reproduced else "not reproduced",
        "D=8 against D=2",
        f"the text's slopes grow {_s(text_ratio, 1)}-fold from D=2 to D=8 (reproduced when a computed "
        f"ratio is within a factor 2 of that); computed slope(8)/slope(2): "
        + ", ".join(f"{k} {_s(v, 2)}" for k, v in ratios.items()), "interval" if decided else "mp-point",
        evidence={k: _e(v, 6) for k, v in ratios.items()})
