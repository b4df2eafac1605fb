r"""``pluralnash limit --setup FILE``: the large-K limit of the dynamics, solved directly, with a certificate.

Prints F* = Σ_i q_i log Z_i*, each Z_i* = E_{p*}[e^{r_i}], the support of p* with its masses (the
first 20; ``--json`` has all), the set of maximisers when they are not a point, and the certificate
of :func:`pluralnash.numeric.solve_limit` with its evidence, one line each at the fixed width
:data:`pluralnash.cli.output.DEFAULT_WIDTH`.

The same from Python::

    from pluralnash.numeric import load_setup, solve_limit
    solve_limit(load_setup("setup.json"), dps=30).certificate.verdict
"""

from __future__ import annotations

from pluralnash.cli import output
from pluralnash.cli.arguments import finite_setup, positive_int
from pluralnash.cli.output import EXIT_OK, plural
from pluralnash.numeric.arith.precision import MAX_DPS, MIN_DPS

_SHOWN = 20  # Z_i* and p*[k] printed; --json has every one


def add_subparser(subparsers) -> None:
    """Add the ``limit`` subcommand."""
    lim = subparsers.add_parser("limit", help="the large-K limit of the dynamics, solved directly, with a certificate")
    lim.add_argument("--setup", required=True, metavar="FILE")
    lim.add_argument("--dps", type=positive_int("--dps", MIN_DPS, MAX_DPS), default=30, help="decimal digits (default 30)")
    lim.add_argument("--json", metavar="FILE", help="write JSON to FILE ('-' for stdout)")
    lim.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    lim.set_defaults(handler=_handler)


def _handler(args) -> int:
    from pluralnash.cli.progress import long_call
    from pluralnash.numeric import solve_limit

    setup = finite_setup(args.setup, "limit")
    with long_call("limit", solve_limit) as progress:
        res = solve_limit(setup, dps=args.dps, **progress)
    data = res.to_json()
    if args.json:
        output.write_json(args.json, data, args.force)
        if args.json == "-":
            return EXIT_OK
    print(f"large-K limit of {args.setup} ({plural(setup.m, 'reward')}, {plural(setup.n, 'atom')}), "
          f"{plural(args.dps, 'digit')}")
    print(f"  F* = {data['F']}")
    for i, z in list(enumerate(data["Z"], 1))[:_SHOWN]:
        print(f"  Z_{i}* = {z}")
    if len(data["Z"]) > _SHOWN:
        print(f"  ... {len(data['Z']) - _SHOWN} more Z_i* (use --json)")
    if res.maximisers is not None:
        _print_maximiser_set(res)
    if res.p is not None:
        _print_support(res, data)
    cert = res.certificate
    print(f"  certificate: {cert.verdict.value} ({cert.method}{', certified' if cert.certified else ''})"
          + (f": {cert.reason}" if cert.reason else ""))
    for line in output.clipped_lines(cert.evidence, "    "):
        print(line)
    return EXIT_OK


def _print_support(res, data: dict) -> None:
    """The support of p* and the mass on each of its first atoms."""
    print(f"  support: {plural(len(res.support), 'atom')}" + (f" {list(res.support)}" if len(res.support) <= 12 else ""))
    shown = [k for k in res.support][:_SHOWN]
    for k in shown:
        print(f"    p*[{k}] = {data['p'][k]}")
    if len(res.support) > len(shown):
        print(f"    ... {len(res.support) - len(shown)} more (use --json)")


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
    for x, (lo, hi) in list((ms.ranges or {}).items())[:_SHOWN]:
        print(f"    p[{x}] ranges over [{lo}, {hi}]")
    if ms.p0_is_maximiser:
        print("  the dynamics' limit from p0: p0 itself (Z(p0) = Z*, so p0 is a fixed point)")
    else:
        print("  the dynamics' limit from p0: a member of this set that the first-order conditions "
              "do not single out")
