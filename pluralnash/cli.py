r"""Command line: ``pluralnash verify | check | limit | run``.

User errors print one line on stderr and exit with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import textwrap
import time
from fractions import Fraction
from typing import Any, Sequence

import mpmath

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
                                                    "with pluralistic curation.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    v = sub.add_parser("verify", help="decide the registered claims and print a verdict table")
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

    c = sub.add_parser("check", help="premises and conclusion of one claim on your setup")
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
_COMMAND_MODULES = ("pluralnash._cmd_report", "pluralnash._cmd_derive", "pluralnash._cmd_reproduce",
                    "pluralnash._cmd_continuous")


def _version() -> str:
    from pluralnash import __version__

    return f"pluralnash {__version__}"


# ----------------------------------------------------------------------------------------------
# output helpers


def _write_json(target: str, data: Any, force: bool) -> None:
    text = json.dumps(data, indent=1, sort_keys=False, default=_json_default) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    if os.path.exists(target) and not force:
        raise InvalidArgument(f"--json={target!r} exists; choose a new file name or pass --force to overwrite it")
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        raise InvalidArgument(f"--json={target!r}: folder {directory!r} does not exist; create it or pick another path")
    fd, tmp = tempfile.mkstemp(prefix=".pluralnash-", suffix=".json", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


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
    def __init__(self, quiet: bool):
        self.on = not quiet and sys.stderr.isatty()

    def say(self, text: str) -> None:
        if self.on:
            sys.stderr.write(f"\r\x1b[K{text}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# ----------------------------------------------------------------------------------------------
# commands


def _cmd_verify(args) -> int:
    from pluralnash._registry import all_claims, get_claim, run_claim

    if args.list:
        for claim in all_claims(controls=args.controls):
            print(f"{claim.id:<32} {_clip(claim.source, WIDTH - 33)}")
        return 0
    claims = [get_claim(c) for c in args.claims] if args.claims else all_claims()
    if args.json and args.json != "-" and os.path.exists(args.json) and not args.force:
        raise InvalidArgument(f"--json={args.json!r} exists; choose a new file name or pass --force to overwrite it")
    progress = _Progress(args.quiet)
    start = time.perf_counter()
    if args.workers > 1:
        from pluralnash._registry import run_claims

        progress.say(f"{len(claims)} claims on {args.workers} workers ({args.profile} profile)")
        reports = run_claims(claims, profile=args.profile, seed=args.seed, workers=args.workers)
    else:
        reports = []
        for k, claim in enumerate(claims, 1):
            progress.say(f"[{k}/{len(claims)}] {claim.id} ({args.profile} profile)")
            reports.append(run_claim(claim, profile=args.profile, seed=args.seed))
    progress.done()
    data = {"profile": args.profile, "seed": args.seed, "claims": [r.to_json() for r in reports]}
    if args.json:
        _write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    _print_table(reports, args.controls)
    if not args.quiet:
        elapsed = time.perf_counter() - start
        print(f"\n{len(reports)} claims, profile {args.profile}, seed {args.seed}; {elapsed:.1f} s", file=sys.stderr)
    return 0


def _print_table(reports, controls: bool) -> None:
    col = max([22] + [len(rep.claim.id) + 2 for rep in reports])
    print(f"{'claim':<{col}}{'verdict':<14}controls (planted false variants)")
    print("-" * WIDTH)
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent="    ", subsequent_indent="      ")
    for rep in reports:
        hit, total = rep.power
        power = f"{hit}/{total} rejected" if total else "none"
        print(f"{rep.claim.id:<{col}}{rep.verdict.value:<14}{power}")
        print(wrap.fill(f"source: {rep.claim.source}"))
        print(wrap.fill(f"evidence: {rep.reason}"))
        if rep.counterexample is not None:
            print(wrap.fill(f"counterexample: {json.dumps(rep.counterexample.to_json())}"))
        if controls:
            for c in rep.controls:
                name = c.claim.id.split("~", 1)[1]
                print(f"  ~{_clip(name, 21):<21} {c.verdict.value:<12} {_clip(c.claim.planted, WIDTH - 38)}")
    print("-" * WIDTH)
    print(_clip("A control is rejected when the same routes report it FALSIFIED.", WIDTH))


def _cmd_check(args) -> int:
    from pluralnash._registry import check_claim, get_claim
    from pluralnash.numeric import load_setup

    claim = get_claim(args.claim)
    setup = load_setup(args.setup)
    out = check_claim(claim, setup)
    if args.json:
        _write_json(args.json, out, args.force)
        if args.json == "-":
            return 0
    print(f"{claim.id}: {claim.source}")
    size = f"{setup.n} atoms" if hasattr(setup, "n") else f"d = {setup.d}, {setup.init.describe()}"
    print(_clip(f"setup: {args.setup} ({setup.m} rewards, {size})", WIDTH))
    for p in out["premises"]:
        cert = "certified" if p["certified"] else "not certified"
        print(f"  premise    {p['verdict']:<10} {_clip(p['name'] + ' (' + cert + ')', WIDTH - 24)}")
        reason = p["evidence"].get("reason")
        if reason:
            print(f"{'':<24}{_clip(reason, WIDTH - 24)}")
    c = out["conclusion"]
    cert = "certified" if c["certified"] else "not certified"
    print(f"  conclusion {c['verdict']:<10} {_clip(c.get('name', claim.conclusion) + ' (' + cert + ')', WIDTH - 24)}")
    for key, value in c["evidence"].items():
        print(f"{'':<24}{_clip(f'{key}: {value}', WIDTH - 24)}")
    return 0


def _cmd_limit(args) -> int:
    from pluralnash.numeric import solve_limit

    setup = _finite_setup(args.setup, "limit")
    res = solve_limit(setup, dps=args.dps)
    data = res.to_json()
    if args.json:
        _write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    print(f"large-K limit of {args.setup} ({setup.m} rewards, {setup.n} atoms), {args.dps} digits")
    print(f"  F* = {data['F']}")
    for i, z in enumerate(data["Z"], 1):
        print(f"  Z_{i}* = {z}")
    print(f"  support: {len(res.support)} atoms" + (f" {list(res.support)}" if len(res.support) <= 12 else ""))
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
    tr = run_dynamics(setup, args.steps, K=args.K, dps=args.dps, exact=args.exact, record_every=args.every)
    dps = args.dps
    rows = []
    for rec in tr.records:
        row = {"t": rec["t"]}
        for key in ("a", "b", "m"):
            if key in rec:
                row[key] = _num(rec[key], dps)
        if "masses" in rec and "a" not in rec:
            row["masses"] = [_num(v, dps) for v in rec["masses"]]
            row["outside"] = _num(rec["outside"], dps)
        row["Z"] = [_num(v, dps) for v in rec["Z"]]
        row["F"] = _num(rec["F"], dps)
        row["W_max"] = _num(rec["W_max"], dps)
        rows.append(row)
    data = {"K": tr.K, "dps": tr.dps, "steps": tr.steps, "trajectory": rows, "p_T": [_num(v, dps) for v in tr.p_T]}
    if args.json:
        _write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    regime = "large K" if tr.K is None else f"K = {tr.K}"
    if setup.reference is not None:
        regime += f", reference mixing lam = {setup.lam}"
    print(f"{args.setup}: {setup.m} rewards, {setup.n} atoms, {regime}, {args.steps} steps")
    head = ["t"] + (["a_t", "b_t", "m_t"] if "a" in tr.records[0] else []) + ["F(p_t)"]
    print("  ".join(f"{h:>12}" for h in head))
    recs = tr.records
    picks = recs if len(recs) <= 25 else recs[:10] + recs[-10:]
    for k, rec in enumerate(picks):
        if len(recs) > 25 and k == 10:
            print(f"{'...':>12}")
        vals = [str(rec["t"])] + ([_short_num(rec[x]) for x in ("a", "b", "m")] if "a" in rec else []) \
            + [_short_num(rec["F"])]
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
        return 2
    handler = getattr(args, "handler", None) or COMMANDS[args.command]
    try:
        return handler(args)
    except (InvalidArgument, SolverError) as exc:
        message = " ".join(str(exc).split())
        sys.stderr.write(f"pluralnash {args.command}: error: {message}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("pluralnash: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
