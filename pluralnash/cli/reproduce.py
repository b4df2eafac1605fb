r"""``pluralnash reproduce table3|table4|table5``: the paper's tables, recomputed and audited.

Each table is recomputed with the exact continuous engine under the named settings (the paper
leaves them unstated; ``--setting`` picks some, default all), printed beside the paper's numbers,
and followed by the audit flags.  ``--json FILE`` writes the same content as JSON.  The engine runs
with rigorous enclosures (``run_continuous(..., certify=True)``), so an engine-vs-paper comparison
is certified when its enclosure decides it; ``--workers N`` spreads the independent geometries
(setting, D) over N local processes with the same output.
"""

from __future__ import annotations

import functools
import sys
import time

from pluralnash.cli import output
from pluralnash.cli.arguments import positive_int


def add_subparser(subparsers) -> None:
    """Add the ``reproduce`` subcommand."""
    from pluralnash.audit.tables import SETTINGS, TABLES

    names = "; ".join(f"{k}: {s.describe()}" for k, s in SETTINGS.items())
    p = subparsers.add_parser(
        "reproduce", help="recompute a table of the paper with the exact engine and audit its numbers",
        description="Recompute Table 3, 4 or 5 of [FALA26] Appendix C.9 with the exact closed-form "
                    "large-K dynamics, print it beside the paper's numbers, and flag each "
                    "inconsistency.  Settings: " + names)
    p.add_argument("table", choices=sorted(TABLES), metavar="TABLE", help="table3, table4 or table5")
    p.add_argument("--setting", action="append", metavar="NAME",
                   help=f"setting to run ({', '.join(SETTINGS)}; repeat or comma-separate; default all)")
    p.add_argument("--json", metavar="FILE", help="write the table, assumptions and flags as JSON ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    p.add_argument("--quiet", action="store_true", help="no timing line on stderr")
    p.add_argument("--workers", type=positive_int("--workers", 1, 512), default=1,
                   help="local processes for the independent engine runs (default 1; same output)")
    p.set_defaults(handler=_handler)


def _handler(args) -> int:
    from pluralnash._sweep import map_tasks
    from pluralnash.audit import select_settings
    from pluralnash.audit.tables import reproduce
    from pluralnash.cli.progress import Progress
    from pluralnash.numeric import erf_backend

    select_settings(args.setting)  # reject unknown names before any work
    erf_backend()  # and a bad PLURALNASH_ARB

    start = time.perf_counter()
    label = f"reproduce {args.table}" + (f" on {args.workers} workers" if args.workers > 1 else "")
    with Progress(label, enabled=False if args.quiet else None) as bar:
        # engine runs counted as they finish; the elapsed time ticks between them
        result = reproduce(args.table, args.setting,
                           functools.partial(map_tasks, workers=args.workers, progress=bar.ticking()))
    if args.json:
        output.write_json(args.json, result.to_json(), args.force)
        if args.json == "-":
            return 0
    print("\n".join(result.lines))
    if not args.quiet:
        print(f"\n{args.table}: {len(result.flags)} flags; {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0
