r"""``pluralnash check CLAIM --setup FILE``: each premise and the conclusion of one claim on a setup.

Prints every premise and the conclusion with its verdict (HOLDS, FAILS, UNDECIDED), the method that
decided it, whether that is certified, and its evidence; then a summary saying whether the setup is
a certified counterexample, or why the claim does not apply to it.  Exit status 1 when the
conclusion FAILS.

The same from Python::

    from pluralnash import check_claim
    from pluralnash.numeric import load_setup
    check_claim("lemma-3.3", load_setup("setup.json")).conclusion.verdict
"""

from __future__ import annotations

from pluralnash.cli import output
from pluralnash.cli.arguments import setup_file
from pluralnash.cli.output import EXIT_FAILED, EXIT_OK, plural


def add_subparser(subparsers) -> None:
    """Add the ``check`` subcommand."""
    c = subparsers.add_parser("check", help="premises and conclusion of one claim on your setup",
                              epilog=output.EXIT_CODES_HELP)
    c.add_argument("claim", metavar="CLAIM")
    c.add_argument("--setup", required=True, metavar="FILE", help="setup JSON file")
    c.add_argument("--json", metavar="FILE", help="write JSON to FILE ('-' for stdout)")
    c.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    c.set_defaults(handler=_handler)


def _handler(args) -> int:
    from pluralnash._registry import check_claim, get_claim
    from pluralnash.cli.progress import long_call
    from pluralnash.theory import Verdict

    claim = get_claim(args.claim)
    setup = setup_file(args.setup)
    with long_call(f"check {claim.id}", check_claim):   # the elapsed time on a terminal: large setups take minutes
        out = check_claim(claim, setup)
    status = EXIT_FAILED if out.conclusion.verdict is Verdict.FAILS else EXIT_OK
    if args.json:
        output.write_json(args.json, out.to_json(), args.force)
        if args.json == "-":
            return status
    cols = output.width()
    print("\n".join(output.wrap(f"{claim.id}: {claim.source}", "", "  ", cols)))
    size = plural(setup.n, "atom") if hasattr(setup, "n") else f"d = {setup.d}, {setup.init.describe()}"
    print("\n".join(output.wrap(f"setup: {args.setup} ({plural(setup.m, 'reward')}, {size})", "", "  ", cols)))
    for kind, entry in [("premise", p) for p in out.premises] + [("conclusion", out.conclusion)]:
        print("\n".join(_entry_lines(kind, entry, claim.conclusion, cols)))
    print(_summary(out))
    return status


def _entry_lines(kind: str, entry, default_name: str, cols: int) -> list[str]:
    how = f"{entry.method}, {'certified' if entry.certified else 'not certified'}" if entry.method \
        else "no check ran"
    head = f"  {kind:<11}{entry.verdict.value:<10} "
    lines = output.wrap(f"{entry.name or default_name} ({how})", head, " " * (len(head) + 2), cols)
    return lines + output.evidence_lines(entry.evidence, " " * (len(head) + 2), cols)


def _summary(out) -> str:
    from pluralnash.theory import Verdict

    c = out.conclusion
    failed = [p.name for p in out.premises if p.verdict is Verdict.FAILS]
    open_ = [p.name for p in out.premises if p.verdict is Verdict.UNDECIDED]
    held = len(out.premises) - len(failed) - len(open_)
    line = f"conclusion {c.verdict.value}" + (" (certified)" if c.certified else " (not certified)")
    line += f"; {held} of {plural(len(out.premises), 'premise')} {'holds' if held == 1 else 'hold'}"
    if c.verdict is Verdict.FAILS and c.certified and not failed and not open_ and out.premises_hold:
        line += f": this setup is a certified counterexample to {out.claim_id}"
    elif failed:
        line += f", {len(failed)} fail ({', '.join(failed)}): the claim does not apply to this setup"
    elif open_:
        line += f", {len(open_)} undecided"
    return "\n".join(output.wrap(line, "", "  "))
