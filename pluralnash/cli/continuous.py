r"""``pluralnash continuous``: the exact closed-form engine for quadratic rewards, from the command line.

Rewards r_i(x) = -β ‖x - μ_i‖² (one ``--mu`` per centre), weights q_i, start N(m_0, s² I) or
uniform on [a, b] (d = 1), basins the balls of radius sqrt(ε/β).  Prints p_t(S_{i,ε}) and the
outside mass m_t for t = 0..T (for two rewards: a_t, b_t, m_t), computed by
:func:`pluralnash.numeric.run_continuous`; ``--grid CELLS`` adds the same run on the finite-atom
engine (:func:`pluralnash.numeric.discretise_quadratic`, midpoint cells) for comparison.

The same from Python::

    from pluralnash.numeric import Gaussian, QuadraticLandscape, run_continuous
    L = QuadraticLandscape(mu=[-1, 1], weights=["1/3", "2/3"], init=Gaussian(0, 1), eps="1/10")
    run_continuous(L, 10, dps=30).records
"""

from __future__ import annotations

from pluralnash.cli import output
from pluralnash.cli.arguments import positive_int
from pluralnash.cli.output import DEFAULT_WIDTH, short_num, wrap
from pluralnash.numeric.arith.precision import CONTINUOUS_MAX_DPS, CONTINUOUS_MIN_DPS
from pluralnash.theory import InvalidArgument

_EXAMPLE = "pluralnash continuous --mu=-1 --mu=1 --weights 1/3,2/3 --start uniform:-3,3 --eps 1/10 --steps 10"


def add_subparser(subparsers) -> None:
    """Add the ``continuous`` subcommand."""
    p = subparsers.add_parser(
        "continuous", help="run the exact closed-form engine for quadratic rewards (Gaussian or uniform start)",
        description="Iterate the large-K dynamics for rewards -beta |x - mu_i|^2 exactly (a finite Gaussian mixture) "
                    "and print the basin masses p_t(S_i,eps) and the outside mass m_t. Example: " + _EXAMPLE)
    p.add_argument("--mu", action="append", metavar="X[,X2,...]", required=True,
                   help="one centre mu_i per --mu: a number (d = 1) or d comma-separated coordinates; "
                        "write --mu=-1 for a negative number")
    p.add_argument("--beta", default="1", metavar="B", help="beta > 0 (default 1)")
    p.add_argument("--weights", metavar="Q1,Q2,...", help="weights q_i on the simplex (default uniform)")
    p.add_argument("--eps", default="1/10", metavar="E", help="basin width eps > 0 (default 1/10)")
    p.add_argument("--start", default="gaussian:0,1", metavar="KIND:ARGS",
                   help="p_0: gaussian:M0,S2 (M0 one number for every coordinate, or d numbers joined by ':') "
                        "or uniform:A,B (d = 1); default gaussian:0,1")
    p.add_argument("--steps", type=positive_int("--steps", 0, 5000), default=10, metavar="T",
                   help="rounds T (default 10)")
    p.add_argument("--every", type=positive_int("--every", 1), default=1, metavar="K",
                   help="print every K-th round (the last always)")
    p.add_argument("--dps", type=positive_int("--dps", CONTINUOUS_MIN_DPS, CONTINUOUS_MAX_DPS), default=30,
                   help="decimal digits (default 30)")
    p.add_argument("--grid", type=positive_int("--grid", 2, 100000), metavar="CELLS",
                   help="also run the finite-atom engine on CELLS midpoint cells (d = 1) and compare")
    p.add_argument("--certify", action="store_true",
                   help="also enclose every value in rigorous intervals (proven erf/erfc) and say which printed "
                        "values they certify to every digit shown")
    p.add_argument("--json", metavar="FILE", help="write the landscape and the run as JSON to FILE ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    p.set_defaults(handler=_handler)


def _numbers(text: str, flag: str, sep: str = ",") -> list:
    from pluralnash.numeric.model.landscape import to_fraction

    parts = text.split(sep)
    if not text.strip() or any(not part.strip() for part in parts):
        raise InvalidArgument(f"{flag}={text!r} has an empty entry; give numbers separated by '{sep}', e.g. {flag}=0{sep}1")
    return [to_fraction(part, f"{flag}={text!r}: entry {part.strip()!r}") for part in parts]


def _start(text: str, d: int):
    from pluralnash.numeric.engines.continuous import Gaussian, Uniform

    kind, _, args = text.partition(":")
    kind = kind.strip().lower()
    if kind not in ("gaussian", "uniform") or not args:
        raise InvalidArgument(f"--start={text!r} must be gaussian:M0,S2 or uniform:A,B; e.g. --start gaussian:0,1")
    values = args.split(",")
    if len(values) != 2:
        raise InvalidArgument(f"--start={text!r} needs exactly two values after '{kind}:' "
                              f"({'M0,S2' if kind == 'gaussian' else 'A,B'}); e.g. --start {kind}:"
                              f"{'0,1' if kind == 'gaussian' else '-3,3'}")
    if kind == "uniform":
        a, b = (_numbers(v, "--start")[0] for v in values)
        return Uniform(a, b)
    mean = _numbers(values[0], "--start", sep=":")
    if len(mean) == 1:
        mean = mean * d
    if len(mean) != d:
        raise InvalidArgument(f"--start={text!r} gives a mean with {len(mean)} coordinates but the centres are in "
                              f"dimension {d}; give one number or {d} numbers joined by ':'")
    return Gaussian(mean=mean, var=_numbers(values[1], "--start")[0])


def build_landscape(args):
    """The QuadraticLandscape described by the command-line flags."""
    from pluralnash.numeric.engines.continuous import QuadraticLandscape
    from pluralnash.numeric.model.landscape import to_fraction
    from pluralnash.numeric.model.validate import check_positive

    centres = [_numbers(text, "--mu") for text in args.mu]
    d = len(centres[0])
    for text, c in zip(args.mu, centres):
        if len(c) != d:
            raise InvalidArgument(f"--mu={text!r} has {len(c)} coordinates but --mu={args.mu[0]!r} has {d}; "
                                  f"give every centre in R^{d}")
    weights = None if args.weights is None else _numbers(args.weights, "--weights")
    if weights is not None and len(weights) != len(centres):
        raise InvalidArgument(f"--weights={args.weights!r} has {len(weights)} entries for {len(centres)} --mu centres; "
                              f"give one weight per centre")
    beta = to_fraction(args.beta, "--beta")
    eps = to_fraction(args.eps, "--eps")
    for flag, value in (("--beta", beta), ("--eps", eps)):
        check_positive(value, flag, fix=f"pass e.g. {flag}=1")
    return QuadraticLandscape(mu=[c if d > 1 else c[0] for c in centres], beta=beta, weights=weights,
                              init=_start(args.start, d), eps=eps)


def _columns(m: int) -> list[str]:
    if m == 2:
        return ["a_t", "b_t", "m_t"]
    return [f"p_t(S_{i + 1})" for i in range(m)] + ["m_t"]


def _layout(m: int, width: int) -> tuple[int, int]:
    """Column width and printed digits of the table."""
    col = max(11, min(20, (width - 7) // min(len(_columns(m)), 6)))
    return col, col - 8


def _table(records, m: int, dps: int, width: int) -> list[str]:
    names = _columns(m)
    shown = names if len(names) <= 6 else names[:5] + ["m_t"]
    col, digits = _layout(m, width)
    lines = [f"{'t':>6}" + "".join(f"{n:>{col}}" for n in shown)]
    for r in records:
        values = list(r["masses"]) + [r["outside"]]
        if len(names) > 6:
            values = values[:5] + [values[-1]]
        cells = "".join(f"{'-' if v is None else short_num(v, min(digits, dps)):>{col}}" for v in values)
        lines.append(f"{r['t']:>6}" + cells)
    if len(names) > 6:
        lines.append(f"(first 5 of {m} basins shown; --json has every one)")
    return lines


def _printed_values(record, m: int) -> list:
    values = list(record["masses"]) + [record["outside"]]
    return values[:5] + [values[-1]] if m + 1 > 6 else values


def _certified(tr, m: int, dps: int, width: int) -> tuple[list[str], bool, str]:
    """Which printed values the enclosures certify: both ends print the same digits as the value."""
    digits = min(_layout(m, width)[1], dps)
    shown = certified = 0
    for rec in tr.records:
        enc = rec["enclosure"]
        boxes = _printed_values({"masses": enc["masses"], "outside": enc["outside"]}, m)
        for v, box in zip(_printed_values(rec, m), boxes):
            shown += 1
            text = _short(v, digits)
            certified += _short(box.a, digits) == text == _short(box.b, digits)
    lines = ["", *wrap(f"certified: {certified} of {shown} printed values, every digit shown "
                       f"({tr.certify_prec}-bit enclosures)", "", "  ")]
    if not tr.certified:
        lines += wrap(f"not certified: {tr.certify_note}", "", "  ")
    return lines, bool(tr.certified) and certified == shown, tr.certify_note


def _short(v, digits: int) -> str:
    import mpmath

    return short_num(mpmath.mpf(v) if not isinstance(v, mpmath.mpf) else v, digits)


def _enclosure_json(record, dps: int) -> dict:
    from pluralnash.numeric.engines.continuous_certified import to_json

    enc = record["enclosure"]
    return {"Z": [to_json(z, dps) for z in enc["Z"]], "masses": [to_json(x, dps) for x in enc["masses"]],
            "outside": to_json(enc["outside"], dps)}


def _grid_compare(L, cells: int, steps: int, every: int, exact_records) -> tuple[list[str], dict]:
    import mpmath

    from pluralnash.numeric import run_dynamics
    from pluralnash.numeric.engines.continuous import discretise_quadratic

    if L.d != 1:
        raise InvalidArgument(f"--grid={cells} needs d = 1 (the centres are in dimension {L.d}); drop --grid")
    G = discretise_quadratic(L, cells, dps=15)
    grid = run_dynamics(G, steps, dps=15, record_every=every)
    rows, out = [], []
    for e, g in zip(exact_records, grid.records):
        diff = max(abs(mpmath.mpf(x) - mpmath.mpf(y)) for x, y in
                   zip(list(e["masses"]) + [e["outside"]], list(g.masses) + [g.outside]))
        rows.append(f"{e['t']:>6}{mpmath.nstr(diff, 3):>22}")
        out.append({"t": e["t"], "masses": [str(v) for v in g.masses], "outside": str(g.outside),
                    "max_abs_difference": mpmath.nstr(diff, 6)})
    head = [f"finite-atom engine on {cells} midpoint cells of [{G.atoms[0] - (G.atoms[1] - G.atoms[0]) / 2}, "
            f"{G.atoms[-1] + (G.atoms[1] - G.atoms[0]) / 2}] (15 digits):",
            f"{'t':>6}{'max |exact - grid|':>22}"]
    return head + rows, {"cells": cells, "records": out}


def _handler(args) -> int:
    from pluralnash.cli.progress import long_call
    from pluralnash.numeric.engines.continuous import run_continuous

    L = build_landscape(args)
    if args.grid is not None and L.d != 1:
        raise InvalidArgument(f"--grid={args.grid} needs d = 1 (the centres are in dimension {L.d}); drop --grid")
    if args.certify:
        from pluralnash.numeric import erf_backend

        erf_backend()  # a bad PLURALNASH_ARB stops here, before any work
    with long_call("continuous", run_continuous, args.steps) as progress:
        tr = run_continuous(L, args.steps, dps=args.dps, record_every=args.every, certify=args.certify, **progress)
    lines = [*wrap(L.describe(), "", "  "),
             f"closed form, {args.dps} digits, basin masses by {tr.ball_method}; "
             f"{tr.records[-1]['components']} Gaussian terms at t = {args.steps}"]
    lines += _table(tr.records, L.m, args.dps, DEFAULT_WIDTH)
    data = {"landscape": L.to_json(), "steps": args.steps, "dps": args.dps, "ball_method": tr.ball_method,
            "records": [{"t": r["t"], "Z": r["Z"], "masses": r["masses"], "outside": r["outside"],
                         "components": r["components"]} for r in tr.records]}
    if args.certify:
        cert_lines, data["certified"], data["certify_note"] = _certified(tr, L.m, args.dps, DEFAULT_WIDTH)
        for rec, out in zip(tr.records, data["records"]):
            out["enclosure"] = _enclosure_json(rec, args.dps)
        lines += cert_lines
    if args.grid is not None:
        grid_lines, data["grid"] = _grid_compare(L, args.grid, args.steps, args.every, tr.records)
        lines += [""] + grid_lines
    if args.json:
        output.write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    print("\n".join(lines))
    return 0
