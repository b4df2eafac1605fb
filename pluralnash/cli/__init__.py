r"""Command line: ``pluralnash COMMAND ...``, one module per command.

Each command module (``pluralnash.cli.verify``, ``.check``, ``.limit``, ``.run``, ``.report``,
``.derive``, ``.reproduce``, ``.continuous``, ``.prove``) defines ``add_subparser(subparsers)``,
whose parser sets ``handler=<function(args) -> int>`` with ``set_defaults``; :data:`COMMANDS` fixes
their order in ``pluralnash --help``.  What they print goes through :mod:`pluralnash.cli.output`.

User errors print one line on stderr and exit with status 2; no traceback.  Exit status:
0 all as expected, 1 a claim FALSIFIED or a conclusion FAILS, 2 usage error or bad input,
3 a planted false variant not rejected or an internal error (see :mod:`pluralnash.cli.output`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from pluralnash.cli import output
from pluralnash.cli.arguments import Parser
from pluralnash.cli.output import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from pluralnash.theory import InvalidArgument, SolverError

__all__ = ["main", "COMMANDS"]

COMMANDS = ("verify", "check", "limit", "run", "report", "derive", "reproduce", "continuous", "prove")


def _build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="pluralnash", description="Symbolic-numeric proof checking for generative retraining "
                                                   "with pluralistic curation.", epilog=output.EXIT_CODES_HELP)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"pluralnash.cli.{name}").add_subparser(sub)
    return parser


def _version() -> str:
    from pluralnash import __version__

    return f"pluralnash {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``pluralnash`` with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    from pluralnash.cli.environment import hypothesis_storage

    parser = _build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        output.check_outputs(args)
        with hypothesis_storage():
            return args.handler(args)
    except (InvalidArgument, SolverError) as exc:
        message = " ".join(str(exc).split())
        sys.stderr.write(f"pluralnash {args.command}: error: {message}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("pluralnash: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # a defect of the toolkit, not of the input: show where, exit 3 (as pytest does)
        import traceback

        traceback.print_exc()
        sys.stderr.write(f"pluralnash {args.command}: internal error (exit status 3); the traceback above "
                         "locates it\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
