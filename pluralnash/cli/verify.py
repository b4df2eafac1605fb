r"""``pluralnash verify [CLAIM ...]``: decide the registered claims and print the verdict table.

Each claim's verdict (PROVED, VERIFIED, FALSIFIED, INCONCLUSIVE) with its basis, its source, the
reason, the staged search, a FALSIFIED claim's failing route and minimal counterexample setup, and
how many of its planted false variants (controls) the same routes rejected.  ``--list`` lists the
claims, ``--json FILE`` writes the reports, ``--workers N`` spreads claims and controls over N
local processes.  The exit status is :func:`pluralnash.cli.output.run_status`'s.

The same from Python::

    from pluralnash._registry import get_claim, run_claim
    run_claim(get_claim("lemma-3.3"), profile="quick").verdict
"""

from __future__ import annotations

import json
import sys
import time

from pluralnash.cli import output
from pluralnash.cli.arguments import positive_int
from pluralnash.cli.output import EXIT_OK, plural, run_status, unrejected_controls


def add_subparser(subparsers) -> None:
    """Add the ``verify`` subcommand."""
    v = subparsers.add_parser("verify", help="decide the registered claims and print a verdict table",
                              epilog=output.EXIT_CODES_HELP)
    v.add_argument("claims", nargs="*", metavar="CLAIM", help="claim ids (default: all)")
    v.add_argument("--profile", default="default", choices=["quick", "default", "thorough"],
                   help="property-search budget (default: default)")
    v.add_argument("--seed", type=positive_int("--seed", 0), default=0, help="search seed (default 0)")
    v.add_argument("--json", metavar="FILE", help="write the verdicts as JSON to FILE ('-' for stdout)")
    v.add_argument("--controls", action="store_true", help="also list each planted false variant")
    v.add_argument("--list", action="store_true", help="list the registered claims and exit")
    v.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    v.add_argument("--quiet", action="store_true", help="no progress on stderr")
    v.add_argument("--workers", type=positive_int("--workers", 1, 512), default=1,
                   help="local processes to spread the claims and controls over (default 1)")
    v.add_argument("--no-cache", action="store_true",
                   help="recompute the symbolic certificates instead of reading the on-disk cache")
    v.set_defaults(handler=_handler)


def _handler(args) -> int:
    from pluralnash._registry import all_claims, get_claim

    if args.list:
        _print_list(all_claims(controls=args.controls))
        return EXIT_OK
    claims = [get_claim(c) for c in args.claims] if args.claims else all_claims()
    start = time.perf_counter()
    reports = _decide(claims, args)
    status = run_status(reports)
    if args.json:
        data = {"profile": args.profile, "seed": args.seed, "claims": [r.to_json() for r in reports]}
        output.write_json(args.json, data, args.force)
        if args.json == "-":
            return status
    _print_table(reports, args.controls)
    print(_summary(reports))
    if not args.quiet:
        elapsed = time.perf_counter() - start
        print(f"\n{plural(len(reports), 'claim')}, profile {args.profile}, seed {args.seed}; {elapsed:.1f} s",
              file=sys.stderr)
    return status


def _decide(claims, args) -> list:
    """The claims' reports, in order, with a progress bar on a terminal's stderr."""
    from pluralnash._registry import run_claim, run_claims
    from pluralnash.cli.progress import Progress

    with Progress(f"verify ({args.profile} profile)", len(claims), enabled=False if args.quiet else None) as bar:
        if args.workers > 1:
            bar.say(f"claims and controls on {args.workers} workers")
            return run_claims(claims, profile=args.profile, seed=args.seed, workers=args.workers, progress=bar,
                              use_cache=not args.no_cache)
        bar.ticking()
        reports = []
        for k, claim in enumerate(claims):
            bar.say(claim.id)
            reports.append(run_claim(claim, profile=args.profile, seed=args.seed, use_cache=not args.no_cache))
            bar(k + 1)
        return reports


def _print_list(claims) -> None:
    cols = output.width()
    col = max(len(c.id) for c in claims) + 2 if claims else 2
    if cols - col < 30:  # too narrow for two columns: the source goes under the id
        for claim in claims:
            print(claim.id)
            print("\n".join(output.wrap(claim.source, "    ", "    ", cols)))
        return
    for claim in claims:
        lines = output.wrap(claim.source, "", "  ", cols - col)
        print(f"{claim.id:<{col}}{lines[0]}")
        for line in lines[1:]:
            print(" " * col + line)


def _summary(reports) -> str:
    from pluralnash.theory import ClaimVerdict

    counts = [f"{sum(r.verdict is v for r in reports)} {v.value}" for v in ClaimVerdict]
    weak = sum(bool(unrejected_controls(r)) for r in reports)
    tail = f"; {plural(weak, 'claim')} with a control not rejected" if weak else ""
    return f"{plural(len(reports), 'claim')}: " + ", ".join(counts) + tail


def _stages_text(stages: dict | None) -> str:
    """The staged search in a few words: each stage's setups examined and decided, and any cut short."""
    if not stages:
        return ""
    parts = []
    for name, st in stages.items():
        cut = ", out of time" if st.get("out_of_time") else ""
        found = ", found a counterexample" if st.get("found") else ""
        floats = f"{st['screened']} screened in float64, then " if st.get("screened") else ""
        parts.append(f"{name} {floats}{plural(st.get('examined', 0), 'setup')} ({st.get('decided', 0)} decided"
                     f"{cut}{found})")
    return "; ".join(parts)


def report_lines(rep, cols: int, indent: str = "    ") -> list[str]:
    """What the verdict table says under a claim: its source, why it got its verdict (the reason, the
    basis when the report has one, the failing route's own words), the minimal counterexample setup,
    and a warning when a control was not rejected."""
    from pluralnash.theory import ClaimVerdict, Verdict

    sub = indent + "  "
    lines = output.wrap(f"source: {rep.claim.source}", indent, sub, cols)
    lines += output.wrap(f"reason: {rep.reason}", indent, sub, cols)
    search = _stages_text((getattr(rep, "basis", None) or {}).get("stages"))
    if search:
        lines += output.wrap(f"search: {search}", indent, sub, cols)
    if rep.verdict is ClaimVerdict.FALSIFIED:
        for route in rep.routes:
            if route.verdict is Verdict.FAILS and route.certified and route.summary not in rep.reason:
                lines += output.wrap(f"why ({route.route} route): {route.summary}", indent, sub, cols)
    if rep.counterexample is not None:
        ce = rep.counterexample
        text = json.dumps(ce.to_json(), default=output.json_default) if hasattr(ce, "to_json") else repr(ce)
        lines += output.wrap(f"minimal setup: {text}", indent, sub, cols)
    weak = unrejected_controls(rep)
    if weak:
        hit, total = rep.power
        names = ", ".join(c.claim.id.split("~", 1)[-1] for c in weak)
        lines += output.wrap(f"WARNING: only {hit} of {total} controls rejected ({names} not): the search "
                             f"could not tell this claim from a planted false variant, so its verdict "
                             f"lacks power", indent, sub, cols)
    return lines


def _print_table(reports, controls: bool) -> None:
    cols = output.width()
    col = max([22] + [len(rep.claim.id) + 2 for rep in reports])
    print(f"{'claim':<{col}}{'verdict (basis)':<30}controls rejected")
    print("-" * cols)
    for rep in reports:
        hit, total = rep.power
        power = f"{hit}/{total} rejected" if total else "none"
        print(f"{rep.claim.id:<{col}}{(rep.verdict.value + ' ' + rep.basis_text).strip():<30}{power}")
        print("\n".join(report_lines(rep, cols)))
        for line in _control_lines(rep, cols) if controls else ():
            print(line)
    print("-" * cols)
    print("\n".join(output.wrap("A control is rejected when the same routes report it FALSIFIED.", "", "", cols)))


def _control_lines(rep, cols: int) -> list[str]:
    """Each planted false variant of a claim: its name, its verdict, what was planted."""
    lines = []
    for c in rep.controls:
        name = "~" + c.claim.id.split("~", 1)[1]
        head = f"  {name:<22} {c.verdict.value:<12} "
        if len(head) > cols // 2:
            lines.append(head.rstrip())
            head = " " * 4
        planted = output.wrap(c.claim.planted or "", "", "  ", max(20, cols - len(head)))
        lines.append(head + planted[0])
        lines += [" " * len(head) + line for line in planted[1:]]
    return lines
