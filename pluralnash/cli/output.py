r"""How the command line words and lays out what it found: counts, widths, wrapping, numbers, JSON,
exit codes.

Every count in the terminal's output goes through :func:`plural` ("1 claim", "2 claims"), every
paragraph through :func:`wrap` at the terminal's width (``shutil.get_terminal_size``, which reads
``COLUMNS``), and every evidence dict through :func:`evidence_lines` as ``key: value`` lines; that
text is never cut, it wraps.  Three layouts keep the fixed width :data:`DEFAULT_WIDTH` whatever the
terminal: the proof replay (``prove``; ``prove --list`` cuts its lines with :func:`clip`), the
certificate of ``limit`` (one cut line per entry, :func:`clipped_lines`) and the table of
``continuous``.  Numbers print through :func:`num` and :func:`short_num`; ``--json FILE`` is
written by :func:`write_json`.

Exit status of every command (as pytest's):

====  ==========================================================================================
0     everything as expected
1     a claim FALSIFIED, or (``check``) the conclusion FAILS on the setup
2     usage error or bad input (a one-line message, no traceback)
3     a planted false variant (control) that was not rejected, or an internal error
====  ==========================================================================================
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from fractions import Fraction
from typing import Any, Iterable, Mapping

from pluralnash._ladder import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, run_status, unrejected_controls
from pluralnash.numeric.model.fileio import json_default
from pluralnash.theory._words import plural

__all__ = ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERNAL", "EXIT_CODES_HELP", "DEFAULT_WIDTH", "plural",
           "width", "wrap", "clip", "clipped_lines", "evidence_lines", "value_text", "num", "short_num",
           "json_default", "write_json", "check_outputs", "run_status", "unrejected_controls"]

EXIT_USAGE = 2

EXIT_CODES_HELP = ("exit status: 0 all as expected; 1 a claim FALSIFIED or a conclusion FAILS; "
                   "2 usage error or bad input; 3 a control (planted false variant) not rejected, "
                   "or an internal error")

MIN_WIDTH = 40
DEFAULT_WIDTH = 80  # when stdout is not a terminal, and always for the fixed-width layouts


def width() -> int:
    """The terminal's width in columns (``COLUMNS`` if set; 80 when not a terminal), at least 40."""
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def wrap(text: str, indent: str = "", subsequent: str | None = None, columns: int | None = None, *,
         split_words: bool = False) -> list[str]:
    r"""``text`` wrapped at ``columns`` (default the terminal's width), never cut; long words
    (formulas) stay whole.

    ``split_words=True`` is the layout of the proof replay and of ``derive``'s certificate: a word
    longer than the line is split, lines may break after a hyphen, and empty text gives no line.

    Examples
    --------
    >>> wrap("decay fails at t = 0: m_1 = 8/63 >= m_0 = 1/8", "  ", "    ", columns=30)
    ['  decay fails at t = 0: m_1 =', '    8/63 >= m_0 = 1/8']
    """
    cols = columns or width()
    sub = indent + "  " if subsequent is None else subsequent
    lines = textwrap.wrap(str(text), cols, initial_indent=indent, subsequent_indent=sub,
                          break_long_words=split_words, break_on_hyphens=split_words)
    return lines if lines or split_words else [indent.rstrip()]


def clip(text: str, columns: int = DEFAULT_WIDTH) -> str:
    """``text`` cut to ``columns`` characters, the cut marked by ``...``."""
    from pluralnash.numeric.arith.format import clip_text

    return clip_text(text, columns)


def clipped_lines(evidence: Mapping[str, Any], indent: str, columns: int = DEFAULT_WIDTH) -> list[str]:
    """Evidence as one ``key: value`` line each (``str`` of the value), cut at ``columns``."""
    return [indent + clip(f"{key}: {value}", columns - len(indent)) for key, value in evidence.items()]


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


def num(value: Any, dps: int) -> str:
    """``value`` to ``dps`` significant digits; a Fraction exactly."""
    from pluralnash.numeric.arith.format import number_text

    return number_text(value, dps, work=dps + 5)


def short_num(value: Any, digits: int = 8) -> str:
    """``value`` to ``digits`` significant digits, as the tables print it (a Fraction rounded too)."""
    from pluralnash.numeric.arith.format import nstr_at

    return nstr_at(value, digits, digits + 10 if isinstance(value, Fraction) else None)


def write_json(target: str, data: Any, force: bool) -> None:
    """Write ``data`` to ``--json FILE`` ('-': stdout) under the rules of :mod:`pluralnash.numeric.model.fileio`."""
    from pluralnash.numeric.model.fileio import write_text

    text = json.dumps(data, indent=1, sort_keys=False, default=json_default) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    write_text(target, text, overwrite=force, name="--json", how="pass --force")


def check_outputs(args) -> None:
    """Before any work: every file the command will write can be written (a refusal is one line)."""
    from pluralnash.numeric.model.fileio import check_writable

    target = getattr(args, "json", None)
    if target is not None and not getattr(args, "list", False) and target != "-":
        check_writable(target, overwrite=getattr(args, "force", False), name="--json", how="pass --force")
