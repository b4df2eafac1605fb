r"""How the command line words and lays out what it found: counts, widths, wrapping, exit codes.

Every count in the terminal's output goes through :func:`plural` ("1 claim", "2 claims"), every
paragraph through :func:`wrap` at the terminal's width (``shutil.get_terminal_size``, which reads
``COLUMNS``), and every evidence dict through :func:`evidence_lines` as ``key: value`` lines.
Nothing is cut: long text wraps.

Exit status of every command (as pytest's):

====  ==========================================================================================
0     everything as expected
1     a claim FALSIFIED, or (``check``) the conclusion FAILS on the setup
2     usage error or bad input (a one-line message, no traceback)
3     a planted false variant (control) that was not rejected, or an internal error
====  ==========================================================================================
"""

from __future__ import annotations

import shutil
import textwrap
from typing import Any, Iterable, Mapping

from pluralnash.theory._words import plural

__all__ = ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERNAL", "EXIT_CODES_HELP", "plural", "width", "wrap",
           "evidence_lines", "value_text", "run_status", "unrejected_controls"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

EXIT_CODES_HELP = ("exit status: 0 all as expected; 1 a claim FALSIFIED or a conclusion FAILS; "
                   "2 usage error or bad input; 3 a control (planted false variant) not rejected, "
                   "or an internal error")

MIN_WIDTH = 40


def unrejected_controls(report) -> list:
    """The controls (planted false variants) of a claim report that were not reported FALSIFIED."""
    from pluralnash.theory import ClaimVerdict

    return [c for c in report.controls if c.verdict is not ClaimVerdict.FALSIFIED]


def run_status(reports) -> int:
    """Exit status of a run deciding claims (``verify``, ``report``): 3 if a control was not rejected,
    else 1 if a claim is FALSIFIED, else 0."""
    from pluralnash.theory import ClaimVerdict

    if any(unrejected_controls(rep) for rep in reports):
        return EXIT_INTERNAL
    if any(rep.verdict is ClaimVerdict.FALSIFIED for rep in reports):
        return EXIT_FAILED
    return EXIT_OK


def width() -> int:
    """The terminal's width in columns (``COLUMNS`` if set; 80 when not a terminal), at least 40."""
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def wrap(text: str, indent: str = "", subsequent: str | None = None, columns: int | None = None) -> list[str]:
    r"""``text`` wrapped at the terminal's width, never cut; long words (formulas) stay whole.

    Examples
    --------
    >>> wrap("decay fails at t = 0: m_1 = 8/63 >= m_0 = 1/8", "  ", "    ", columns=30)
    ['  decay fails at t = 0: m_1 =', '    8/63 >= m_0 = 1/8']
    """
    cols = columns or width()
    sub = indent + "  " if subsequent is None else subsequent
    return textwrap.wrap(str(text), cols, initial_indent=indent, subsequent_indent=sub, break_long_words=False,
                         break_on_hyphens=False) or [indent.rstrip()]


def value_text(value: Any) -> str:
    """A JSON-ready value as the terminal shows it: strings bare, lists and dicts as compact JSON."""
    from pluralnash.numeric.arith.format import value_text as text

    return text(value)


def evidence_lines(evidence: Mapping[str, Any], indent: str, columns: int | None = None,
                   skip: Iterable[str] = ()) -> list[str]:
    """Evidence as wrapped ``key: value`` lines (a dict value's entries one level deeper)."""
    lines: list[str] = []
    skipped = set(skip)
    for key, value in evidence.items():
        if key in skipped:
            continue
        if isinstance(value, dict) and value and all(not isinstance(v, (dict, list)) for v in value.values()):
            lines.append(f"{indent}{key}:")
            lines += evidence_lines(value, indent + "  ", columns)
            continue
        lines += wrap(f"{key}: {value_text(value)}", indent, indent + "    ", columns)
    return lines
