r"""``pluralnash derive NAME [--latex]`` and ``pluralnash derive --list``.

Each entry of :data:`pluralnash.theory.DERIVATIONS` printed as readable sympy (``Derivation.pretty``)
or as LaTeX (``Derivation.latex``), followed by its certificate (``Derivation.certify``): the
verdict, each identity sympy decided, and the steps that are cited rather than checked.

The same from Python::

    from pluralnash.theory import DERIVATIONS, derive
    d = derive("nash-product")      # a Derivation; in Jupyter it renders as LaTeX
    print(d.pretty())               # what `pluralnash derive nash-product` prints
    d.latex()                       # what `pluralnash derive nash-product --latex` prints
    d.certify().verdict             # Verdict.HOLDS
"""

from __future__ import annotations

import sys

from pluralnash.cli import output


def add_subparser(subparsers) -> None:
    """Add the ``derive`` subcommand."""
    p = subparsers.add_parser(
        "derive", help="print a sympy derivation (pretty or LaTeX) with its certificate",
        description="Print a registered derivation as readable sympy or LaTeX, followed by its certificate. "
                    "From Python: `from pluralnash.theory import derive; derive(NAME)`.")
    p.add_argument("name", nargs="?", metavar="NAME", help="derivation name (see --list)")
    p.add_argument("--list", action="store_true", help="list the derivations and exit")
    p.add_argument("--latex", action="store_true", help="print LaTeX (an aligned block) instead of pretty text")
    p.add_argument("--ascii", action="store_true", help="pretty-print with ASCII characters only")
    p.add_argument("--json", metavar="FILE", help="write the expressions (LaTeX and text) and the certificate "
                                                  "as JSON to FILE ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    p.set_defaults(handler=_handler)


def _build(name: str):
    from pluralnash.theory import DERIVATIONS, InvalidArgument

    if name not in DERIVATIONS:
        import difflib

        close = difflib.get_close_matches(name, list(DERIVATIONS), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(map(repr, close))}?" if close else "see `pluralnash derive --list`"
        raise InvalidArgument(f"NAME={name!r} is not a registered derivation; {hint}")
    return DERIVATIONS[name]()


def _handler(args) -> int:
    from pluralnash.theory import DERIVATIONS, InvalidArgument

    if args.list:
        if args.name or args.latex or args.json:
            raise InvalidArgument("--list takes no NAME, --latex or --json; run `pluralnash derive --list` alone")
        col = max(map(len, DERIVATIONS)) + 1
        cols = max(output.width(), col + 30)
        for name in sorted(DERIVATIONS):
            lines = output.wrap(DERIVATIONS[name]().title, "", "  ", cols - col - 1)
            print(f"{name:<{col}} {lines[0]}")
            for line in lines[1:]:
                print(" " * (col + 1) + line)
        return 0
    if not args.name:
        raise InvalidArgument("NAME is missing; pass a derivation name, e.g. `pluralnash derive nash-product` "
                              "(`pluralnash derive --list` lists them)")
    d = _build(args.name)
    cert = d.certify()
    if args.json:
        import sympy

        data = {"name": d.name, "title": d.title, "source": d.source, "notes": d.notes,
                "expressions": [{"key": key, "text": str(value),
                                 "latex": sympy.latex(value, symbol_names=dict(d.latex_names))}
                                for key, value in d.expressions.items()],
                "latex": d.latex(), "certificate": cert.to_json()}
        output.write_json(args.json, data, args.force)
        if args.json == "-":
            return 0
    unicode = not args.ascii and _can_encode(sys.stdout, "⎛→∑")
    if args.latex:
        print(f"% {d.title} [{d.source}]")
        print(d.latex())
        for line in _certificate_lines(cert):
            print("% " + line)
        return 0
    sys.stdout.write(d.pretty(use_unicode=unicode))
    print()
    for line in _certificate_lines(cert):
        print(line)
    return 0


def _can_encode(stream, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _certificate_lines(cert) -> list[str]:
    """The certificate: verdict, every identity decided (nested), cited steps; wrapped at the terminal width."""
    cols = output.width() - 2
    kind = "certified" if cert.certified else "not certified"
    lines = [f"certificate: {cert.verdict.value} ({cert.method}, {kind})"]
    if cert.reason:
        lines += output.wrap(f"reason: {cert.reason}", "", "  ", cols, split_words=True)
    ev = cert.evidence or {}

    def walk(items, depth):
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            pad = "  " * (depth + 1)
            lines.extend(output.wrap(f"{item.get('verdict', '?'):<9} {item.get('name', '?')}", pad,
                                     pad + "          ", cols, split_words=True))
            inner = item.get("evidence") or {}
            if isinstance(inner, dict):
                walk(inner.get("checked"), depth + 1)

    checked = ev.get("checked")
    if checked:
        lines.append("checked by sympy:")
        walk(checked, 0)
    cited = ev.get("cited") or []
    if cited:
        lines.append("cited (not checked):")
        for c in cited:
            lines.extend(output.wrap(c, "  - ", "    ", cols, split_words=True))
    return lines
