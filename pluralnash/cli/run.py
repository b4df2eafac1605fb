r"""``pluralnash run --setup FILE --steps T``: iterate the curated retraining map and record a trajectory.

The large-K map p_{t+1} = p_t W_t ([FALA26] Eq. 5), the K-candidate map (Lemma 3.1) with ``--K``,
or reference mixing ([FERB24]) with ``--lam``, run by :func:`pluralnash.numeric.run_dynamics`.
Prints F(p_t) and, when the setup gives ε, the basin masses a_t, b_t and the outside mass m_t (the
first and last ten records of a long run); ``--json`` writes every record, Z_i and W_max, and p_T.

The same from Python::

    from pluralnash.numeric import load_setup, run_dynamics
    run_dynamics(load_setup("setup.json"), 100, dps=30).records[-1]["F"]
"""

from __future__ import annotations

from pluralnash.cli import output
from pluralnash.cli.arguments import finite_setup, positive_int
from pluralnash.cli.output import EXIT_OK, plural
from pluralnash.numeric.arith.precision import MAX_DPS, MIN_DPS
from pluralnash.theory import InvalidArgument

_EDGE = 10  # a run of more than 25 records prints its first and last 10


def add_subparser(subparsers) -> None:
    """Add the ``run`` subcommand."""
    r = subparsers.add_parser("run", help="iterate the curated retraining map and record a trajectory")
    r.add_argument("--setup", required=True, metavar="FILE")
    r.add_argument("--steps", required=True, type=positive_int("--steps", 0, 10**7), metavar="T")
    r.add_argument("--K", type=positive_int("--K", 2), default=None,
                   help="candidates per round (default: the setup's K, else the large-K limit)")
    r.add_argument("--dps", type=positive_int("--dps", MIN_DPS, MAX_DPS), default=30, help="decimal digits (default 30)")
    r.add_argument("--exact", action="store_true", help="exact rational arithmetic (small runs only)")
    r.add_argument("--lam", metavar="LAMBDA", default=None,
                   help="curated share λ for reference-data mixing (the setup must give a reference)")
    r.add_argument("--every", type=positive_int("--every", 1), default=None,
                   help="record every k-th step and the last (default: every step up to 10^4 steps, else about "
                        "10^4 records)")
    r.add_argument("--json", metavar="FILE", help="write JSON to FILE ('-' for stdout)")
    r.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    r.set_defaults(handler=_handler)


def _handler(args) -> int:
    from pluralnash.cli.progress import long_call
    from pluralnash.numeric import run_dynamics

    setup = finite_setup(args.setup, "run")
    if args.lam is not None:
        if setup.reference is None:
            raise InvalidArgument(f"--lam={args.lam} needs a reference distribution in the setup; add \"reference\"")
        setup = setup.replace(lam=args.lam)
    with long_call("run", run_dynamics, args.steps) as progress:
        tr = run_dynamics(setup, args.steps, K=args.K, dps=args.dps, exact=args.exact, record_every=args.every,
                          **progress)
    if args.json:  # p_T as text only when written: at 10^6 atoms formatting it takes seconds
        data = tr.to_json(args.dps)
        output.write_json(args.json, data, args.force)
        if args.json == "-":
            return EXIT_OK
    regime = "large K" if tr.K is None else f"K = {tr.K}"
    if setup.reference is not None:
        regime += f", reference mixing lam = {setup.lam}"
    print(f"{args.setup}: {plural(setup.m, 'reward')}, {plural(setup.n, 'atom')}, {regime}, {plural(args.steps, 'step')}")
    print("\n".join(_table(tr.records)))
    if not setup.has_eps:
        print("(add eps or exp_eps to the setup to track the basin masses a_t, b_t, m_t)")
    return EXIT_OK


def _table(recs) -> list[str]:
    """t, the basin masses when recorded, and F(p_t): every record of a short run, else both ends."""
    head = ["t"] + (["a_t", "b_t", "m_t"] if recs[0].two_basins else []) + ["F(p_t)"]
    lines = ["  ".join(f"{h:>12}" for h in head)]
    long_run = len(recs) > 25
    picks = recs[:_EDGE] + recs[-_EDGE:] if long_run else recs
    for k, rec in enumerate(picks):
        if long_run and k == _EDGE:
            lines.append(f"{'...':>12}")
        vals = [str(rec.t)] + ([output.short_num(x) for x in (rec.a, rec.b, rec.m)] if rec.two_basins else []) \
            + [output.short_num(rec.F)]
        lines.append("  ".join(f"{v:>12}" for v in vals))
    return lines
