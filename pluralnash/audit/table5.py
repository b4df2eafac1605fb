r"""[FALA26] Table 5 (mean over q of (a_∞ - q)² against D), recomputed and audited.

Table 5's q grid is not stated: it is assumed to be Table 3's rows (``Q_GRID``), so its values are
audited against Table 3's printed a_∞ (exact, on their rounding intervals) and against the exact
engine's a_T (on its enclosures).

Python spellings as in :mod:`pluralnash.audit.settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import mpmath

from pluralnash.audit._text import _e
from pluralnash.numeric.arith import frac_mpf
from pluralnash.audit.paper_tables import TABLE3, TABLE5, TABLE5_SOURCE, half_ulp
from pluralnash.audit.results import Flag, TableResult, _method
from pluralnash.audit.runs import _ENC_PREC, EngineRuns, _comparison, _enc, selected_runs, timed
from pluralnash.audit.settings import DPS, Q_GRID, _assumptions
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

__all__ = ["reproduce_table5"]

_RELABEL = {"0.2": Fraction(1, 4), "0.8": Fraction(3, 4)}  # Table 3's rows 0.2, 0.8 read as 1/4, 3/4


@dataclass(frozen=True)
class Table5Cell:
    """One computed cell: the mean of (a_T - q)² over the q grid and the largest m_T (mp values)."""

    setting: str
    D: int
    mean: Any
    max_m: Any


def _sq_range(lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """The exact range of x² over [lo, hi]."""
    ends = (lo * lo, hi * hi)
    return ((Fraction(0) if lo <= 0 <= hi else min(ends)), max(ends))


def _mean_sq_interval(pairs: Sequence[tuple[Fraction, str]]) -> tuple[Fraction, Fraction]:
    """Exact range of mean (a - q)² when each a is only known to its printed half-ulp."""
    lo = hi = Fraction(0)
    for q, text in pairs:
        a, h = Fraction(text), half_ulp(text)
        s_lo, s_hi = _sq_range(a - h - q, a + h - q)
        lo, hi = lo + s_lo, hi + s_hi
    n = len(pairs)
    return lo / n, hi / n


@timed
def reproduce_table5(settings: Sequence[str] | None = None, map_fn=None, *,
                     runs: EngineRuns | None = None) -> TableResult:
    r"""Table 5 (mean over q of (a_∞ - q)² against D), recomputed and audited (``map_fn``, ``runs`` as for Table 3)."""
    runs, sel = selected_runs(settings, runs, lambda sel: [(st, D, Fraction(q), False) for st in sel
                                                           for D in sorted(TABLE5) for q in Q_GRID], map_fn)
    flags = _against_table3_flags() + _monotone_flags()
    computed, cells, cmps = _engine_means(runs, sel)
    flags.append(_match_flag(sel, cells, cmps))
    return TableResult("table5", TABLE5_SOURCE, sel, _assumptions(sel) + [
        f"Table 5: mean over q in {{{', '.join(Q_GRID)}}} (Table 3's grid)"],
        [{"D": D, "mean_sq_error": v} for D, v in sorted(TABLE5.items())], computed, flags, cells)


def _misses(lo: Fraction, hi: Fraction, text: str) -> bool:
    """Whether [lo, hi] misses the values that round to ``text``."""
    v, h = Fraction(text), half_ulp(text)
    return hi < v - h or lo > v + h


def _against_table3_flags() -> list[Flag]:
    """Table 5 against Table 3 (same q grid assumed), and the same with rows 0.2, 0.8 read as 1/4, 3/4."""
    flags: list[Flag] = []
    for D in sorted({d for _, d in TABLE3}):
        if D not in TABLE5:
            continue
        lo, hi = _mean_sq_interval([(Fraction(q), TABLE3[(q, D)][1]) for q in Q_GRID])
        if not _misses(lo, hi, TABLE5[D]):
            continue
        flags.append(Flag(
            f"T5-vs-T3-D{D}", "inconsistent", f"D={D}",
            f"Table 3's a_inf at D={D} give mean (a_inf - q)^2 in [{_e(lo, 3)}, {_e(hi, 3)}] over "
            f"q = {', '.join(Q_GRID)}, but Table 5 reports {TABLE5[D]}",
            "exact", premise="Table 5 averages over Table 3's q grid and runs",
            evidence={"table3_mean_range": [str(lo), str(hi)], "table5": TABLE5[D]}))
        lo2, hi2 = _mean_sq_interval([(_RELABEL.get(q, Fraction(q)), TABLE3[(q, D)][1]) for q in Q_GRID])
        ok = not _misses(lo2, hi2, TABLE5[D])
        flags.append(Flag(
            f"T5-relabel-D{D}", "note", f"D={D}",
            f"reading Table 3's rows q = 0.2, 0.8 as q = 0.25, 0.75 gives [{_e(lo2, 3)}, {_e(hi2, 3)}], "
            + ("which contains" if ok else "which still misses") + f" Table 5's {TABLE5[D]}",
            "exact", evidence={"range": [str(lo2), str(hi2)], "contains": ok}))
    return flags


def _monotone_flags() -> list[Flag]:
    """Table 3's D=4 column against Table 5's D=3 and D=5 (the error should decrease with D)."""
    if not (4 in {d for _, d in TABLE3} and 3 in TABLE5 and 5 in TABLE5):
        return []
    lo4, hi4 = _mean_sq_interval([(_RELABEL.get(q, Fraction(q)), TABLE3[(q, 4)][1]) for q in Q_GRID])
    top = max(Fraction(TABLE5[3]) + half_ulp(TABLE5[3]), Fraction(TABLE5[5]) + half_ulp(TABLE5[5]))
    if not lo4 > top:
        return []
    return [Flag(
        "T5-monotone-D4", "suspicious", "D=3, 4, 5",
        f"Table 3's D=4 column gives mean (a_inf - q)^2 >= {_e(lo4, 3)} (even with q = 0.25, 0.75 for "
        f"its rows 0.2, 0.8), above Table 5's values at both D=3 ({TABLE5[3]}) and D=5 ({TABLE5[5]})",
        "exact", premise="the error decreases with D, as the leakage kappa does",
        evidence={"table3_D4_range": [str(lo4), str(hi4)]})]


def _engine_means(runs: EngineRuns, sel) -> tuple[list, list[Table5Cell], dict]:
    """Each (setting, D): the computed row (JSON), its cell, and the comparison with the paper."""
    computed, cells, cmps = [], [], {}
    for st in sel:
        for D in sorted(TABLE5):
            recs = [runs.final(st, D, Fraction(q)) for q in Q_GRID]
            errs = [(rec["a"] - mpmath.mpf(Fraction(q).numerator) / Fraction(q).denominator) ** 2
                    for rec, q in zip(recs, Q_GRID)]
            with mpmath.workdps(DPS):
                mean = mpmath.fsum(errs) / len(errs)
            mmax = max(rec["m"] for rec in recs)
            with iv_workprec(_ENC_PREC):
                total = iv.mpf(0)
                for rec, q in zip(recs, Q_GRID):
                    total += (_enc(rec, "a") - iv_frac(Fraction(q))) ** 2
                cmp = _comparison(total / len(Q_GRID), TABLE5[D], mean)
            cmps[(st.name, D)] = cmp
            cells.append(Table5Cell(st.name, D, mean, mmax))
            computed.append({"setting": st.name, "D": D, "mean_sq_error": _e(mean, 8), "max_m_T": _e(mmax, 4),
                             "matches_reported": cmp["matches"], "comparison": cmp})
    return computed, cells, cmps


def _match_flag(sel, cells: list[Table5Cell], cmps: dict) -> Flag:
    values = {(c.setting, c.D): c.mean for c in cells}
    hits = {st.name: sum(cmps[(st.name, D)]["matches"] for D in TABLE5) for st in sel}
    return Flag(
        "T5-engine-match", "not reproduced" if not any(hits.values()) else "note", "mean (a_inf - q)^2",
        "computed values that round to the reported ones: "
        + ", ".join(f"setting {k} {v}/{len(TABLE5)}" for k, v in hits.items())
        + "; computed mean(D=5)/mean(D=3): "
        + ", ".join(f"{st.name} {_e(values[(st.name, 5)] / values[(st.name, 3)], 1)}" for st in sel)
        + f", paper {_e(frac_mpf(Fraction(TABLE5[5]) / Fraction(TABLE5[3])), 2)}",
        _method(c["certified"] for c in cmps.values()), evidence=hits)
