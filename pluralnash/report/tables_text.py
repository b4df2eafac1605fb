r"""The reproduced tables of [FALA26] Appendix C.9 as text: 80 columns, the paper's numbers beside
the computed ones, then the flags.

Everything here is display: the numbers and the flags come computed in a
:class:`~pluralnash.audit.results.TableResult` (:func:`pluralnash.audit.tables.reproduce`), and
:func:`table_lines` only lays them out.
"""

from __future__ import annotations

import textwrap
from typing import Sequence

import mpmath

from pluralnash.audit import fixed_cell as _s, midpoint_text as _txt, significant_cell as _e
from pluralnash.audit.paper_tables import (
    GEOMETRY_SOURCE,
    TABLE3,
    TABLE3_SOURCE,
    TABLE4_RANGE,
    TABLE4_SOURCE,
    TABLE4_TEXT,
    TABLE5_SOURCE,
)
from pluralnash.audit.results import Flag, TableResult
from pluralnash.audit.settings import COMMON_ASSUMPTIONS, Q_GRID, Setting
from pluralnash.audit.tables_continuum import continuum_lines
from pluralnash.audit.tables_limit import LimitAudit

__all__ = ["table_lines", "limit_lines", "flag_lines"]


def _wrap(text: str, width: int = 80, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def flag_lines(flags: Sequence[Flag]) -> list[str]:
    """The flags, one wrapped paragraph each, under "Audit of the reported numbers:"."""
    out = ["Audit of the reported numbers:"]
    if not flags:
        out.append("  no flags")
    for f in flags:
        tag = f"[{f.id}] {f.severity.upper()} ({f.method}{', certified' if f.certified else ', evidence only'})"
        out += _wrap(f"{tag} {f.rows}: {f.reason}")
        if f.premise:
            out += _wrap(f"premise: {f.premise}", indent="      ")
    return out


def _header(title: str, source: str, sel: Sequence[Setting]) -> list[str]:
    lines = [title] + _wrap(f"Source: {source}; geometry {GEOMETRY_SOURCE}.", indent="") + [
             "Paper = the paper's printed numbers (data under audit). Computed = exact",
             "closed-form large-K dynamics; the paper leaves these settings unstated:"]
    for s in sel:
        lines += _wrap(f"{s.name}: {s.describe()}", indent="  ")
    lines += _wrap("All: " + "; ".join(COMMON_ASSUMPTIONS) + ".", indent="  ")
    return lines


def table_lines(result: TableResult) -> list[str]:
    """The whole text of a reproduced table: header, numbers, flags, and the audit against the limit."""
    audit, cont = result.limit_audit, result.continuum_audit
    tail = (len(audit.flags) if audit is not None else 0) + (len(cont.flags) if cont is not None else 0)
    own = result.flags[:len(result.flags) - tail]
    lines = _BODIES[result.table](result) + flag_lines(own)
    if cont is not None:
        lines += continuum_lines(cont) + ["", "Audit against the continuous limit:"] + flag_lines(cont.flags)[1:]
    if audit is not None:
        lines += limit_lines(audit)
        if audit.flags:
            lines += ["", "Audit against the grid cross-check:"] + flag_lines(audit.flags)[1:]
    return lines


def _table3_body(result: TableResult) -> list[str]:
    sel = result.settings
    cells = {(c.setting, c.D, c.q): c for c in result.cells}
    Ds = sorted({c.D for c in result.cells})
    qs = [c.q for c in result.cells if (c.setting, c.D) == (sel[0].name, Ds[0])]
    lines = _header("Table 3: limit mass a_inf of S_1 and Lemma 3.4's leakage interval", TABLE3_SOURCE, sel)
    lines.append("Columns: lower / a_inf / upper; computed a_T marked * when it rounds to the")
    lines.append("paper's a_inf; computed bounds from the sharp kappa of each setting.")
    for D in Ds:
        lines.append("")
        lines.append(f"D={D:<2} {'paper':^17}" + "".join(f" {'setting ' + s.name:^18}" for s in sel))
        for qtext in qs:
            L, A, U = TABLE3[(qtext, D)]
            row = f"{qtext:<4} {L} {A} {U}"
            for st in sel:
                c = cells[(st.name, D, qtext)]
                row += f" {_s(c.lower, 3)} {_s(c.a, 4)}{'*' if c.matches else ' '}{_s(c.upper, 3)}"
            lines.append(row)
        lines.append("m_T" + " " * 19 + "".join(
            f" {'max ' + _e(max(cells[(st.name, D, q)].m for q in qs), 1):^18}" for st in sel))
    lines.append("")
    return lines


def _rows_by_D(result: TableResult, starts, cell_text) -> list[str]:
    """One line per (D, start) in ``starts``: the start, then ``cell_text(cell)`` for each setting's cell at D."""
    cells = {(c.setting, c.D): c for c in result.cells}
    return [start + "".join(cell_text(cells[(st.name, D)]) for st in result.settings) for D, start in starts]


def _table4_body(result: TableResult) -> list[str]:
    sel = result.settings
    lines = _header("Table 4: decay slope of log m_t (mass outside both basins)", TABLE4_SOURCE, sel)
    lines += _wrap("Computed: least-squares slope of log m_t at t = T/2, T/2 + 5, ..., T, q = 1/2 "
                   "(assumed: the table's q and fit window are not stated), and the last step's "
                   "log(m_T/m_{T-1}).", indent="")
    lines.append("")
    lines += _wrap(f"Paper: every entry in [{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]; text: "
                   + ", ".join(f"about {v} at D={D}" for D, v in sorted(TABLE4_TEXT.items())) + ".", indent="")
    lines.append("")
    lines.append("D   " + "".join(f" {'setting ' + s.name + ' (-eps=' + str(-s.eps) + ')':^24}" for s in sel))
    lines.append("    " + "".join(f" {'slope':>8} {'last':>7} {'m_T':>7}" for _ in sel))
    lines += _rows_by_D(result, [(D, f"{D:<4}") for D in sorted({c.D for c in result.cells})],
                        lambda c: f" {_s(c.slope, 4):>8} {_s(c.last, 3):>7} {_e(c.m, 1):>7}")
    lines.append("")
    return lines


def _table5_body(result: TableResult) -> list[str]:
    sel = result.settings
    lines = _header("Table 5: Nash approximation error, mean over q of (a_inf - q)^2", TABLE5_SOURCE, sel)
    lines += _wrap(f"Mean over q = {', '.join(Q_GRID)} (assumed: Table 3's rows; Table 5's q grid is "
                   "not stated). m_T = largest mass outside both basins over q.", indent="")
    lines.append("")
    lines.append("D  " + f"{'paper':>9}" + "".join(f" {'setting ' + s.name:^20}" for s in sel))
    lines.append("   " + " " * 9 + "".join(f" {'mean':>10} {'m_T':>9}" for _ in sel))
    lines += _rows_by_D(result, [(r["D"], f"{r['D']:<3}{r['mean_sq_error']:>9}") for r in result.reported],
                        lambda c: f" {_e(c.mean, 2):>10} {_e(c.max_m, 1):>9}")
    lines.append("")
    return lines


_BODIES = {"table3": _table3_body, "table4": _table4_body, "table5": _table5_body}


# ----------------------------------------------------------------------------------------------
# against the limit


def _intro(text: str) -> list[str]:
    return textwrap.wrap(text, width=80)


def limit_lines(audit: LimitAudit) -> list[str]:
    """A table's rows against the certified limit (:func:`pluralnash.audit.tables_limit.limit_section`)."""
    return _LIMIT_BODIES[audit.table](audit)


def _limit3(audit: LimitAudit) -> list[str]:
    grids = audit.grids
    lines = ["", *_intro("Grid cross-check: a* = p*(S_1) of the certified large-K limit on the discretised setting "
                         f"(grids M = {', '.join(map(str, grids))} points per unit), beside the paper's a_inf and a_T:"),
             f"  {'set':>3} {'D':>2} {'q':>4}  {'paper':>7}  " + "  ".join(f"{'a* M=' + str(M):>10}" for M in grids)
             + f"  {'a_T':>10}  {'limit':<8} {'T':>5}"]
    for r in audit.rows:
        start = f"  {r.setting:>3} {r.D:>2} {r.q:>4}  {r.reported:>7}  "
        if r.a_T is None:
            lines.append(start + "limit not certified: " + "; ".join(g.reason for g in r.limits if g.reason))
            continue
        lines.append(start + "  ".join(f"{_txt(g.a):>10}" for g in r.limits)
                     + f"  {_txt(r.a_T):>10}  {r.kind:<8} {_txt(r.T, 3):>5}")
    return lines


def _limit4(audit: LimitAudit) -> list[str]:
    grids = audit.grids
    lines = ["", *_intro("Grid cross-check: the asymptotic slope of log m_t is log sup_{x outside S_eps} W*(x) at "
                         "the certified limit (grid atoms and the basins' boundary points), beside the engine's slope "
                         f"over [T/2, T] and the paper's (table: [{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]; text: "
                         + ", ".join(f"D={D}: {v}" for D, v in sorted(TABLE4_TEXT.items())) + "):"),
             f"  {'set':>3} {'D':>2}  " + "  ".join(f"{'limit M=' + str(M):>12}" for M in grids)
             + f"  {'engine [T/2,T]':>14}  {'paper text':>10}"]
    for r in audit.rows:
        lines.append(f"  {r.setting:>3} {r.D:>2}  " + "  ".join(f"{_txt(g.slope):>12}" for g in r.limits)
                     + f"  {mpmath.nstr(r.engine, 6):>14}  {r.text:>10}")
    return lines


def _limit5(audit: LimitAudit) -> list[str]:
    lines = ["", *_intro("Grid cross-check: mean over q in {" + ", ".join(Q_GRID) + "} of (a* - q)^2 at the "
                         "certified limit on the discretised setting:"),
             f"  {'set':>3} {'D':>2}  {'paper':>9}  " + "  ".join(f"{'limit M=' + str(M):>12}" for M in audit.grids)]
    for r in audit.rows:
        lines.append(f"  {r.setting:>3} {r.D:>2}  {r.reported:>9}  " + "  ".join(f"{_txt(v, 4):>12}" for v in r.values))
    return lines


_LIMIT_BODIES = {"table3": _limit3, "table4": _limit4, "table5": _limit5}
