r"""``pluralnash prove CLAIM [--latex] [--json FILE]``, ``pluralnash prove --list`` and ``--domain``.

Prints a claim's proof replay (:func:`pluralnash._proofs.proof_for`) as a numbered list: each step's
status (CERTIFIED, NOT_CERTIFIED, FAILS), its statement, its justification and how it was decided;
then whether the proof is complete, or its first uncertified step with the reason.  ``--latex``
prints the same as a LaTeX ``enumerate`` a reviewer can paste or compile; ``--domain`` runs the
whole-domain statements of the plateau family (interval branch and bound) with their planted
false variants.

The same from Python::

    from pluralnash._proofs import proof_for
    res = proof_for("theorem-3.7").check()
    res.complete, res.first_uncertified
"""

from __future__ import annotations

from pluralnash.cli import output
from pluralnash.cli.output import DEFAULT_WIDTH, clip

_MARK = {"CERTIFIED": "CERTIFIED", "NOT_CERTIFIED": "NOT CERTIFIED", "FAILS": "FAILS"}


def add_subparser(subparsers) -> None:
    """Add the ``prove`` subcommand."""
    p = subparsers.add_parser(
        "prove", help="replay a claim's proof step by step (each step certified or named as open)",
        description="Replay a claim's proof: every step is decided by sympy (identities, sign arguments), by the "
                    "domain route (interval branch and bound), by an exact setup, or cites a standard theorem "
                    "by name. From Python: `from pluralnash._proofs import proof_for`.")
    p.add_argument("claim", nargs="?", metavar="CLAIM", help="claim id (see --list)")
    p.add_argument("--list", action="store_true", help="list the claims with a proof replay and whether it is complete")
    p.add_argument("--domain", action="store_true",
                   help="prove the plateau family's statements on their whole parameter box (and reject the planted ones)")
    p.add_argument("--latex", action="store_true", help="print the proof as LaTeX instead of text")
    p.add_argument("--json", metavar="FILE", help="write the replay as JSON to FILE ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="overwrite an existing --json FILE")
    p.set_defaults(handler=_handler)


def _unknown(claim: str):
    import difflib

    from pluralnash._proofs import proof_ids
    from pluralnash.theory import InvalidArgument

    close = difflib.get_close_matches(claim, proof_ids(), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(map(repr, close))}?" if close else "see `pluralnash prove --list`"
    return InvalidArgument(f"CLAIM={claim!r} has no proof replay; {hint}")


def _handler(args) -> int:
    from pluralnash._proofs import proof_for, proof_ids, replay_json
    from pluralnash.theory import InvalidArgument

    modes = [name for name, on in (("--list", args.list), ("--domain", args.domain)) if on]
    if modes:
        if args.claim or args.latex or len(modes) > 1:
            raise InvalidArgument(f"{modes[0]} takes no CLAIM, --latex or other mode; run `pluralnash prove {modes[0]}` alone")
        return _list(proof_ids(), args) if args.list else _domain(args)
    if not args.claim:
        raise InvalidArgument("CLAIM is missing; pass a claim id, e.g. `pluralnash prove theorem-3.7` "
                              "(`pluralnash prove --list` lists them)")
    proof = proof_for(args.claim)
    if proof is None:
        raise _unknown(args.claim)
    result = proof.check()
    if args.json:
        output.write_json(args.json, replay_json(proof, result), args.force)
        if args.json == "-":
            return 0
    lines = _latex(proof, result) if args.latex else _text(proof, result)
    print("\n".join(lines))
    return 0


def _summary(result) -> str:
    first = result.first_uncertified
    if first is None and result.covers is not None:
        return f"complete replay of a special case: {result.covers}"
    if first is None:
        return f"complete: all {len(result.steps)} steps certified"
    return f"incomplete: step {first.number} {_MARK[first.status.value]}"


def _label(result) -> str:
    """PROVED (every step certified, the claim as encoded), SPECIAL (every step certified, a special case
    only), BROKEN (a step is refuted) or OPEN (a step is not certified)."""
    from pluralnash._proofs import replay_label

    return replay_label(result)


def _list(ids, args) -> int:
    from pluralnash._proofs import proof_for

    col = max(map(len, ids)) + 1
    rows = []
    for cid in ids:
        res = proof_for(cid).check()
        rows.append({"claim": cid, "complete": res.complete, "covers": res.covers, "label": _label(res),
                     "steps": len(res.steps), "summary": _summary(res),
                     "cites": list(res.cites)})
        print(clip(f"{cid:<{col}} {_label(res):<8} {_summary(res)}", DEFAULT_WIDTH))
    if args.json:
        output.write_json(args.json, rows, args.force)
    return 0


def _para(text: str, indent: str = "", subsequent: str = "") -> list[str]:
    """A paragraph of the replay, at the fixed width whatever the terminal."""
    return output.wrap(text, indent, subsequent, DEFAULT_WIDTH, split_words=True)


def _text(proof, result) -> list[str]:
    out = [f"{proof.claim_id}: {proof.title}", f"source: {proof.source}", ""]
    for step, res in zip(proof.steps, result.steps):
        head = f"{res.number:>2}. [{_MARK[res.status.value]}] "
        pad = " " * len(head)
        out += _para(res.text, head, pad)
        if step.statement is not None:
            out += _para(f"statement: {step.statement}", pad, pad + "  ")
        out += _para(f"by: {res.justification} -- {res.how}", pad, pad + "  ")
        if res.cross_checked:
            out.append(f"{pad}cross-checked at {res.cross_checked} exact points")
        if res.reason:
            out += _para(f"reason: {res.reason}", pad, pad + "  ")
        if res.counterexample is not None:
            out += _para(f"counterexample: {res.counterexample}", pad, pad + "  ")
    out.append("")
    out += _para(f"proof {_summary(result)}", "", "  ")
    if result.first_uncertified is not None and result.first_uncertified.reason:
        out += _para(f"reason: {result.first_uncertified.reason}", "", "  ")
    if result.cites:
        out += _para("standard theorems cited: " + "; ".join(result.cites), "", "  ")
    return out


def _tex_text(text: str) -> str:
    table = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}
    return "".join(table.get(ch, ch) for ch in text)


def _latex(proof, result) -> list[str]:
    import sympy

    out = [f"% {proof.claim_id}: replayed by pluralnash prove --latex (needs \\usepackage{{amsmath}};",
           "% the step texts use Unicode symbols: compile with xelatex or lualatex)",
           f"\\paragraph{{{_tex_text(proof.title)}}} {_tex_text(proof.source)}.", r"\begin{enumerate}"]
    for step, res in zip(proof.steps, result.steps):
        out.append(f"  \\item \\textbf{{{_MARK[res.status.value]}}} {_tex_text(res.text)}")
        if step.statement is not None:
            out.append(f"    \\[ {sympy.latex(step.statement)} \\]")
        out.append(f"    \\emph{{{_tex_text(res.justification)}; {_tex_text(res.how)}.}}")
        if res.reason:
            out.append(f"    Reason: {_tex_text(res.reason)}.")
    out.append(r"\end{enumerate}")
    out.append(f"% proof {_summary(result)}")
    return out


def _domain(args) -> int:
    from pluralnash.numeric.engines.domain_plateau import DOMAIN_STATEMENTS, PLANTED_DOMAIN

    rows = []
    for label, group in (("statement", DOMAIN_STATEMENTS), ("planted", PLANTED_DOMAIN)):
        for st in group:
            res = st.prove()
            rows.append({"name": st.name, "kind": label, "claim": st.claim, "text": st.text, **res.to_json()})
            head = f"{st.name} ({label}, {st.claim}): {res.verdict.value}"
            print(head)
            print("\n".join(_para(st.text, "  ", "    ")))
            print(f"  box {res.box}; {res.boxes} boxes, depth {res.depth}, {res.seconds:.3f} s")
            if res.failing_box is not None:
                print("\n".join(_para(f"counterexample {res.counterexample} (margin {res.value}); every point of "
                                       f"the box {res.failing_box} fails", "  ", "    ")))
            elif res.reason:
                print("\n".join(_para(res.reason, "  ", "    ")))
    if args.json:
        output.write_json(args.json, rows, args.force)
    return 0
