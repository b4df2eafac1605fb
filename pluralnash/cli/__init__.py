r"""Command line: ``pluralnash verify | check | limit | run``.

User errors print one line on stderr and exit with status 2; no traceback.  Exit status:
0 all as expected, 1 a claim FALSIFIED or a conclusion FAILS, 2 usage error or bad input,
3 a planted false variant not rejected or an internal error (see :mod:`pluralnash.cli.output`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
import time
from fractions import Fraction
from typing import Any, Sequence

import mpmath

from pluralnash.cli import output as _text
from pluralnash.cli.output import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, plural
from pluralnash.theory import InvalidArgument, SolverError

WIDTH = 80


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(2)


def _positive_int(name: str, low: int = 1, high: int | None = None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name}={text!r} is not a whole number; pass e.g. {name}={max(low, 1) * 10}")
        if value < low or (high is not None and value > high):
            rng = f">= {low}" if high is None else f"from {low} to {high}"
            raise argparse.ArgumentTypeError(f"{name}={value} must be {rng}")
        return value
    return parse


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pluralnash", description="Symbolic-numeric proof checking for generative retraining "
                                                    "with pluralistic curation.", epilog=_text.EXIT_CODES_HELP)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    v = sub.add_parser("verify", help="decide the registered claims and print a verdict table",
                       epilog=_text.EXIT_CODES_HELP)
    v.add_argument("claims", nargs="*", metavar="CLAIM", help="claim ids (default: all)")
    v.add_argument("--profile", default="default", choices=["quick", "default", "thorough"],
                   help="property-search budget (default: default)")
    v.add_argument("--seed", type=_positive_int("--seed", 0), default=0, help="search seed (default 0)")
    v.add_argument("--json", metavar="FILE", help="write the verdicts as JSON to FILE ('-' for stdout)")
    v.add_argument("--controls", action="store_true", help="also list each planted false variant")
    v.add_argument("--list", action="store_true", help="list the registered claims and exit")
    v.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    v.add_argument("--quiet", action="store_true", help="no progress on stderr")
    v.add_argument("--workers", type=_positive_int("--workers", 1, 512), default=1,
                   help="local processes to spread the claims and controls over (default 1)")
    v.add_argument("--no-cache", action="store_true",
                   help="recompute the symbolic certificates instead of reading the on-disk cache")

    c = sub.add_parser("check", help="premises and conclusion of one claim on your setup",
                       epilog=_text.EXIT_CODES_HELP)
    c.add_argument("claim", metavar="CLAIM")
    c.add_argument("--setup", required=True, metavar="FILE", help="setup JSON file")
    c.add_argument("--json", metavar="FILE", help="write JSON to FILE ('-' for stdout)")
    c.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")

    lim = sub.add_parser("limit", help="the large-K limit of the dynamics, solved directly, with a certificate")
    lim.add_argument("--setup", required=True, metavar="FILE")
    lim.add_argument("--dps", type=_positive_int("--dps", 5, 100000), default=30, help="decimal digits (default 30)")
    lim.add_argument("--json", metavar="FILE", help="write JSON to FILE ('-' for stdout)")
    lim.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")

    r = sub.add_parser("run", help="iterate the curated retraining map and record a trajectory")
    r.add_argument("--setup", required=True, metavar="FILE")
    r.add_argument("--steps", required=True, type=_positive_int("--steps", 0, 10**7), metavar="T")
    r.add_argument("--K", type=_positive_int("--K", 2), default=None,
                   help="candidates per round (default: the setup's K, else the large-K limit)")
    r.add_argument("--dps", type=_positive_int("--dps", 5, 100000), default=30, help="decimal digits (default 30)")
    r.add_argument("--exact", action="store_true", help="exact rational arithmetic (small runs only)")
    r.add_argument("--lam", metavar="LAMBDA", default=None,
                   help="curated share λ for reference-data mixing (the setup must give a reference)")
    r.add_argument("--every", type=_positive_int("--every", 1), default=None,
                   help="record every k-th step and the last (default: every step up to 10^4 steps, else about "
                        "10^4 records)")
    r.add_argument("--json", metavar="FILE", help="write JSON to FILE ('-' for stdout)")
    r.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    for module in _COMMAND_MODULES:
        importlib.import_module(module).add_subparser(sub)
    return parser


# Modules that add their own subcommand: each defines add_subparser(subparsers), whose parser
# sets `handler=<function(args) -> int>` with set_defaults.
_COMMAND_MODULES = ("pluralnash.cli.report", "pluralnash.cli.derive", "pluralnash.cli.reproduce",
                    "pluralnash.cli.continuous", "pluralnash.cli.prove")


def _version() -> str:
    from pluralnash import __version__

    return f"pluralnash {__version__}"


# ----------------------------------------------------------------------------------------------
# output helpers


def _write_json(target: str, data: Any, force: bool) -> None:
    """Write ``data`` to ``--json FILE`` ('-': stdout) under the rules of :mod:`pluralnash.numeric.model.fileio`."""
    from pluralnash.numeric.model.fileio import write_text

    text = json.dumps(data, indent=1, sort_keys=False, default=_json_default) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    write_text(target, text, overwrite=force, name="--json")


def _check_outputs(args) -> None:
    """Before any work: every file the command will write can be written (a refusal is one line)."""
    from pluralnash.numeric.model.fileio import check_writable

    target = getattr(args, "json", None)
    if target is not None and not getattr(args, "list", False) and target != "-":
        check_writable(target, overwrite=getattr(args, "force", False), name="--json")


@contextlib.contextmanager
def _hypothesis_storage():
    """Hypothesis keeps its files in the user's cache folder, never in the folder the command runs from.

    Hypothesis reads ``HYPOTHESIS_STORAGE_DIRECTORY`` when it first stores something (its cache of
    source constants, an example database); set here for the command and the worker processes it
    starts, unless the user chose a folder.  ``$XDG_CACHE_HOME/pluralnash/hypothesis``, by default
    ``~/.cache/pluralnash/hypothesis``.
    """
    key = "HYPOTHESIS_STORAGE_DIRECTORY"
    if os.environ.get(key):
        yield
        return
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    os.environ[key] = os.path.join(base, "pluralnash", "hypothesis")
    try:
        yield
    finally:
        os.environ.pop(key, None)


def _json_default(obj: Any) -> Any:
    if isinstance(obj, Fraction):
        return str(obj)
    if isinstance(obj, mpmath.mpf):
        return mpmath.nstr(obj, 30)
    if hasattr(obj, "to_json"):
        return obj.to_json()
    return str(obj)


def _num(v: Any, dps: int) -> str:
    if isinstance(v, Fraction):
        return str(v)
    with mpmath.workdps(dps + 5):
        return mpmath.nstr(v, dps)


def _short_num(v: Any, digits: int = 8) -> str:
    if isinstance(v, Fraction):
        with mpmath.workdps(digits + 10):
            return mpmath.nstr(mpmath.mpf(v.numerator) / v.denominator, digits)
    return mpmath.nstr(v, digits)


class _Progress:
    """One-line status with the elapsed time, redrawn on stderr when it is a terminal (see _progress)."""

    def __init__(self, quiet: bool, label: str = "pluralnash"):
        from pluralnash.cli.progress import Progress

        self.bar = Progress(label, enabled=False if quiet else None).ticking()
        self.on = self.bar.enabled

    def say(self, text: str) -> None:
        self.bar.say(text)

    def done(self) -> None:
        self.bar.close()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# ----------------------------------------------------------------------------------------------
# commands


def _cmd_verify(args) -> int:
    from pluralnash._registry import all_claims, get_claim, run_claim

    if args.list:
        _print_list(all_claims(controls=args.controls))
        return EXIT_OK
    claims = [get_claim(c) for c in args.claims] if args.claims else all_claims()
    if args.json and args.json != "-" and os.path.exists(args.json) and not args.force:
        raise InvalidArgument(f"--json={args.json!r} exists; choose a new file name or pass --force to overwrite it")
    from pluralnash.cli.progress import Progress

    start = time.perf_counter()
    with Progress(f"verify ({args.profile} profile)", len(claims), enabled=False if args.quiet else None) as bar:
        if args.workers > 1:
            from pluralnash._registry import run_claims

            bar.say(f"claims and controls on {args.workers} workers")
            reports = run_claims(claims, profile=args.profile, seed=args.seed, workers=args.workers, progress=bar,
                                 use_cache=not args.no_cache)
        else:
            bar.ticking()
            reports = []
            for k, claim in enumerate(claims):
                bar.say(claim.id)
                reports.append(run_claim(claim, profile=args.profile, seed=args.seed, use_cache=not args.no_cache))
                bar(k + 1)
    data = {"profile": args.profile, "seed": args.seed, "claims": [r.to_json() for r in reports]}
    status = verify_status(reports)
    if args.json:
        _write_json(args.json, data, args.force)
        if args.json == "-":
            return status
    _print_table(reports, args.controls)
    print(_verify_summary(reports))
    if not args.quiet:
        elapsed = time.perf_counter() - start
        print(f"\n{plural(len(reports), 'claim')}, profile {args.profile}, seed {args.seed}; {elapsed:.1f} s",
              file=sys.stderr)
    return status


def _print_list(claims) -> None:
    cols = _text.width()
    col = max(len(c.id) for c in claims) + 2 if claims else 2
    if cols - col < 30:  # too narrow for two columns: the source goes under the id
        for claim in claims:
            print(claim.id)
            print("\n".join(_text.wrap(claim.source, "    ", "    ", cols)))
        return
    for claim in claims:
        lines = _text.wrap(claim.source, "", "  ", cols - col)
        print(f"{claim.id:<{col}}{lines[0]}")
        for line in lines[1:]:
            print(" " * col + line)


def _unrejected(rep) -> list:
    return _text.unrejected_controls(rep)


def verify_status(reports) -> int:
    """Exit status of a verify run: 3 if a control was not rejected, else 1 if a claim is FALSIFIED, else 0."""
    return _text.run_status(reports)


def _verify_summary(reports) -> str:
    from pluralnash.theory import ClaimVerdict

    counts = [f"{sum(r.verdict is v for r in reports)} {v.value}" for v in ClaimVerdict]
    weak = sum(bool(_unrejected(r)) for r in reports)
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
        parts.append(f"{name} {plural(st.get('examined', 0), 'setup')} ({st.get('decided', 0)} decided{cut}{found})")
    return "; ".join(parts)


def report_lines(rep, cols: int, indent: str = "    ") -> list[str]:
    """What the verdict table says under a claim: its source, why it got its verdict (the reason, the
    basis when the report has one, the failing route's own words), the minimal counterexample setup,
    and a warning when a control was not rejected."""
    from pluralnash.theory import ClaimVerdict, Verdict

    sub = indent + "  "
    lines = _text.wrap(f"source: {rep.claim.source}", indent, sub, cols)
    lines += _text.wrap(f"reason: {rep.reason}", indent, sub, cols)
    search = _stages_text((getattr(rep, "basis", None) or {}).get("stages"))
    if search:
        lines += _text.wrap(f"search: {search}", indent, sub, cols)
    if rep.verdict is ClaimVerdict.FALSIFIED:
        for route in rep.routes:
            if route.verdict is Verdict.FAILS and route.certified and route.summary not in rep.reason:
                lines += _text.wrap(f"why ({route.route} route): {route.summary}", indent, sub, cols)
    if rep.counterexample is not None:
        ce = rep.counterexample
        text = json.dumps(ce.to_json(), default=_json_default) if hasattr(ce, "to_json") else repr(ce)
        lines += _text.wrap(f"minimal setup: {text}", indent, sub, cols)
    weak = _unrejected(rep)
    if weak:
        hit, total = rep.power
        names = ", ".join(c.claim.id.split("~", 1)[-1] for c in weak)
        lines += _text.wrap(f"WARNING: only {hit} of {total} controls rejected ({names} not): the search "
                            f"could not tell this claim from a planted false variant, so its verdict "
                            f"lacks power", indent, sub, cols)
    return lines


def _print_table(reports, controls: bool) -> None:
    cols = _text.width()
    col = max([22] + [len(rep.claim.id) + 2 for rep in reports])
    print(f"{'claim':<{col}}{'verdict (basis)':<30}controls rejected")
    print("-" * cols)
    for rep in reports:
        hit, total = rep.power
        power = f"{hit}/{total} rejected" if total else "none"
        print(f"{rep.claim.id:<{col}}{(rep.verdict.value + ' ' + rep.basis_text).strip():<30}{power}")
        print("\n".join(report_lines(rep, cols)))
        if controls:
            for c in rep.controls:
                name = "~" + c.claim.id.split("~", 1)[1]
                head = f"  {name:<22} {c.verdict.value:<12} "
                if len(head) > cols // 2:
                    print(head.rstrip())
                    head = " " * 4
                lines = _text.wrap(c.claim.planted or "", "", "  ", max(20, cols - len(head)))
                print(head + lines[0])
                for line in lines[1:]:
                    print(" " * len(head) + line)
    print("-" * cols)
    print("\n".join(_text.wrap("A control is rejected when the same routes report it FALSIFIED.", "", "", cols)))


def _cmd_check(args) -> int:
    from pluralnash._registry import check_claim, get_claim
    from pluralnash.numeric import load_setup
    from pluralnash.theory import Verdict

    claim = get_claim(args.claim)
    setup = load_setup(args.setup)
    with _long_call(f"check {claim.id}", check_claim):   # the elapsed time on a terminal: large setups take minutes
        out = check_claim(claim, setup)
    status = EXIT_FAILED if out.conclusion.verdict is Verdict.FAILS else EXIT_OK
    if args.json:
        _write_json(args.json, out.to_json(), args.force)
        if args.json == "-":
            return status
    cols = _text.width()
    print("\n".join(_text.wrap(f"{claim.id}: {claim.source}", "", "  ", cols)))
    size = plural(setup.n, "atom") if hasattr(setup, "n") else f"d = {setup.d}, {setup.init.describe()}"
    print("\n".join(_text.wrap(f"setup: {args.setup} ({plural(setup.m, 'reward')}, {size})", "", "  ", cols)))
    for kind, entry in [("premise", p) for p in out.premises] + [("conclusion", out.conclusion)]:
        print("\n".join(_entry_lines(kind, entry, claim.conclusion, cols)))
    print(_check_summary(out))
    return status


def _entry_lines(kind: str, entry, default_name: str, cols: int) -> list[str]:
    how = f"{entry.method}, {'certified' if entry.certified else 'not certified'}" if entry.method \
        else "no check ran"
    head = f"  {kind:<11}{entry.verdict.value:<10} "
    lines = _text.wrap(f"{entry.name or default_name} ({how})", head, " " * (len(head) + 2), cols)
    return lines + _text.evidence_lines(entry.evidence, " " * (len(head) + 2), cols)


def _check_summary(out) -> str:
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
    return "\n".join(_text.wrap(line, "", "  "))


def _cmd_limit(args) -> int:
    from pluralnash.numeric import solve_limit

    setup = _finite_setup(args.setup, "limit")
    with _long_call("limit", solve_limit) as progress:
        res = solve_limit(setup, dps=args.dps, **progress)
    data = res.to_json()
    if args.json:
        _write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    print(f"large-K limit of {args.setup} ({plural(setup.m, 'reward')}, {plural(setup.n, 'atom')}), "
          f"{plural(args.dps, 'digit')}")
    print(f"  F* = {data['F']}")
    for i, z in list(enumerate(data["Z"], 1))[:20]:
        print(f"  Z_{i}* = {z}")
    if len(data["Z"]) > 20:
        print(f"  ... {len(data['Z']) - 20} more Z_i* (use --json)")
    if res.maximisers is not None:
        _print_maximiser_set(res)
    if res.p is not None:
        print(f"  support: {plural(len(res.support), 'atom')}" + (f" {list(res.support)}" if len(res.support) <= 12 else ""))
        shown = [k for k in res.support][:20]
        for k in shown:
            print(f"    p*[{k}] = {data['p'][k]}")
        if len(res.support) > len(shown):
            print(f"    ... {len(res.support) - len(shown)} more (use --json)")
    cert = res.certificate
    print(f"  certificate: {cert.verdict.value} ({cert.method}{', certified' if cert.certified else ''})"
          + (f": {cert.reason}" if cert.reason else ""))
    for key, value in cert.evidence.items():
        print(f"    {_clip(f'{key}: {value}', WIDTH - 4)}")
    return 0


def _print_maximiser_set(res) -> None:
    """The maximisers of F when they are not a point, and what the dynamics reach from p0."""
    ms = res.maximisers
    count = "" if ms.vertices is None else f" with {len(ms.vertices)} vertices"
    print(f"  the maximisers of F are not unique: every p on atoms {list(ms.atoms)[:12]}"
          f"{' ...' if len(ms.atoms) > 12 else ''} with Z(p) = Z* (exact), a polytope{count}")
    for v in (ms.vertices or ())[:10]:
        print("    vertex: " + ", ".join(f"p[{x}] = {v[x]}" for x in ms.atoms if v[x]))
    if ms.vertices is not None and len(ms.vertices) > 10:
        print(f"    ... {len(ms.vertices) - 10} more vertices (use --json)")
    for x, (lo, hi) in list((ms.ranges or {}).items())[:20]:
        print(f"    p[{x}] ranges over [{lo}, {hi}]")
    if ms.p0_is_maximiser:
        print("  the dynamics' limit from p0: p0 itself (Z(p0) = Z*, so p0 is a fixed point)")
    else:
        print("  the dynamics' limit from p0: a member of this set that the first-order conditions "
              "do not single out")


@contextlib.contextmanager
def _long_call(label: str, fn, total: int | None = None):
    """A progress bar on a terminal's stderr for one long call: ``fn``'s own ``progress=(done, total)``
    hook when it has one (yields ``{"progress": bar}`` to pass on), else the elapsed time, ticking."""
    import inspect

    from pluralnash.cli.progress import Progress

    with Progress(label, total) as bar:
        try:
            hooked = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            hooked = False
        if not hooked:
            bar.ticking()
        yield {"progress": bar} if hooked and bar.enabled else {}


def _finite_setup(path: str, command: str):
    from pluralnash.numeric import Landscape, load_setup

    setup = load_setup(path)
    if not isinstance(setup, Landscape):
        raise InvalidArgument(f"--setup={path!r} is a continuous setup (mu, init); {command} works on finite-atom "
                              "setups: run it with `pluralnash continuous` or check it with "
                              "`pluralnash check continuous-closed-form`")
    return setup


def _cmd_run(args) -> int:
    from pluralnash.numeric import run_dynamics

    setup = _finite_setup(args.setup, "run")
    if args.lam is not None:
        if setup.reference is None:
            raise InvalidArgument(f"--lam={args.lam} needs a reference distribution in the setup; add \"reference\"")
        setup = setup.replace(lam=args.lam)
    with _long_call("run", run_dynamics, args.steps) as progress:
        tr = run_dynamics(setup, args.steps, K=args.K, dps=args.dps, exact=args.exact, record_every=args.every,
                          **progress)
    if args.json:  # p_T as text only when written: at 10^6 atoms formatting it takes seconds
        data = tr.to_json(args.dps)
        _write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    regime = "large K" if tr.K is None else f"K = {tr.K}"
    if setup.reference is not None:
        regime += f", reference mixing lam = {setup.lam}"
    print(f"{args.setup}: {plural(setup.m, 'reward')}, {plural(setup.n, 'atom')}, {regime}, {plural(args.steps, 'step')}")
    head = ["t"] + (["a_t", "b_t", "m_t"] if tr.records[0].two_basins else []) + ["F(p_t)"]
    print("  ".join(f"{h:>12}" for h in head))
    recs = tr.records
    picks = recs if len(recs) <= 25 else recs[:10] + recs[-10:]
    for k, rec in enumerate(picks):
        if len(recs) > 25 and k == 10:
            print(f"{'...':>12}")
        vals = [str(rec.t)] + ([_short_num(x) for x in (rec.a, rec.b, rec.m)] if rec.two_basins else []) \
            + [_short_num(rec.F)]
        print("  ".join(f"{v:>12}" for v in vals))
    if not setup.has_eps:
        print("(add eps or exp_eps to the setup to track the basin masses a_t, b_t, m_t)")
    return 0


COMMANDS = {"verify": _cmd_verify, "check": _cmd_check, "limit": _cmd_limit, "run": _cmd_run}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    handler = getattr(args, "handler", None) or COMMANDS[args.command]
    try:
        _check_outputs(args)
        with _hypothesis_storage():
            return handler(args)
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
