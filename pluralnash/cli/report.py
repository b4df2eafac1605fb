r"""``pluralnash report --out DIR``: decide every claim and write a report folder with figures.

See :mod:`pluralnash.report` for what the folder holds and how it is written atomically.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from pluralnash.cli.arguments import positive_int
from pluralnash.cli.output import plural


def add_subparser(subparsers) -> None:
    """Add the ``report`` subcommand."""
    p = subparsers.add_parser(
        "report", help="decide the claims and write a report folder (REPORT.md, REPORT.html, figures, setups)",
        description="Decide the claims and write DIR/REPORT.md and DIR/REPORT.html with the verdict table, each "
                    "claim's premises, routes and evidence, counterexample setups you can re-run with "
                    "`pluralnash check`, and figures (PNG, with `pip install 'pluralnash[plot]'`). The folder "
                    "is written atomically: an interrupted run leaves no report behind.")
    p.add_argument("claims", nargs="*", metavar="CLAIM", help="claim ids (default: all registered claims)")
    p.add_argument("--out", required=True, metavar="DIR", help="report folder to create")
    p.add_argument("--profile", default="default", choices=["quick", "default", "thorough"],
                   help="property-search budget and figure resolution (default: default)")
    p.add_argument("--seed", type=positive_int("--seed", 0), default=0, help="search seed (default 0)")
    p.add_argument("--workers", type=positive_int("--workers", 1, 512), default=1,
                   help="spread the claims, the phase diagram and the finite-K runs over N local processes "
                        "(default 1; the report is the same for any N)")
    p.add_argument("--force", action="store_true", help="replace an existing report in DIR")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--no-cache", action="store_true",
                   help="recompute the symbolic certificates instead of reading the on-disk cache")
    p.set_defaults(handler=_handler)


def _handler(args) -> int:
    """Write the report; the exit status is ``verify``'s (0 all as expected, 1 a claim FALSIFIED,
    3 a control not rejected), so a script can act on what the report found."""
    from pluralnash._certcache import NO_CACHE_VAR
    from pluralnash.cli.progress import Progress
    from pluralnash.report import write_report

    progress = Progress("pluralnash", enabled=False if args.quiet else None).ticking()
    was = os.environ.get(NO_CACHE_VAR)
    if args.no_cache:
        os.environ[NO_CACHE_VAR] = "1"   # inherited by the worker processes the report starts
    previous = _on_sigterm_exit()
    try:
        summary = write_report(args.out, claims=args.claims, profile=args.profile, seed=args.seed,
                               force=args.force, say=progress.say, workers=args.workers)
    except _Terminated as stop:
        raise SystemExit(128 + stop.signum) from None
    finally:
        if args.no_cache and was is None:
            os.environ.pop(NO_CACHE_VAR, None)
        elif args.no_cache:
            os.environ[NO_CACHE_VAR] = was
        progress.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    counts: dict[str, int] = {}
    for verdict in summary.verdicts.values():
        counts[verdict] = counts.get(verdict, 0) + 1
    print(f"wrote {summary.path}/REPORT.md and REPORT.html")
    if summary.kept:
        print(f"  the old report held files pluralnash did not write: kept them in {summary.kept}")
    print(f"  {plural(len(summary.verdicts), 'claim')}: " + ", ".join(f"{k} {v}" for v, k in counts.items()))
    if summary.figures:
        print(f"  {plural(len(summary.figures), 'figure')} in figures/")
    else:
        from pluralnash.report.figures import PLOT_HINT

        print(f"  no figures: matplotlib is not installed ({PLOT_HINT})")
    if summary.counterexamples:
        print(f"  {plural(len(summary.counterexamples), 'counterexample setup')} in counterexamples/ "
              f"(re-run: pluralnash check CLAIM --setup FILE)")
    if not args.quiet:
        print(f"{summary.elapsed:.1f} s", file=sys.stderr)
    return summary.status


class _Terminated(BaseException):
    """SIGTERM while the report is built.

    Not SystemExit: Hypothesis counts a SystemExit raised inside a property search as a failure of
    the setup at hand, replays it, finds it flaky and the run went on to write a report.  Hypothesis
    lets other BaseExceptions through; ``_handler`` turns this one into SystemExit(143).
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_sigterm_exit():
    """Turn SIGTERM into an exit with status 143 while the report is built; the temporary folder is removed."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise _Terminated(signum)
    return signal.signal(signal.SIGTERM, stop)
