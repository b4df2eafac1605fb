r"""The report's "Proof replays" section: each reported claim's replay, its status and its premise match.

For every reported claim with a replay (:func:`pluralnash._proofs.proof_ids`) the section gives its
status (PROVED, special case, open at step k, broken at step k), the number of certified steps, what
the replay covers, whether its premises match the claim's (:func:`pluralnash._proofs.premise_match`)
and the command that replays it; ``proofs/<claim>.json`` holds what ``pluralnash prove CLAIM --json``
writes.
"""

from __future__ import annotations

import json
from typing import Callable, Sequence

from pluralnash.report.doc import Bold, Code, Document

__all__ = ["proof_section"]


def _status(result) -> str:
    from pluralnash._proofs import replay_label

    label = replay_label(result)
    if label in ("PROVED", "SPECIAL"):
        return "PROVED" if label == "PROVED" else "special case"
    return f"{label.lower()} at step {result.first_uncertified.number}"


def _row(claim_id: str, write_text: Callable[[str, str], None]) -> list:
    from pluralnash._proofs import premise_match, proof_for, replay_json
    from pluralnash.numeric.model.fileio import json_default

    proof = proof_for(claim_id)
    result = proof.check()
    rel = f"proofs/{claim_id}.json"
    write_text(rel, json.dumps(replay_json(proof, result), indent=1, default=json_default) + "\n")
    certified = result.basis["certified_steps"]
    match = premise_match(claim_id, proof=proof)
    premises = "match" if match.consistent else "mismatch: " + "; ".join(match.problems)
    covers = "the claim as encoded" if result.covers is None else f"a special case: {result.covers}"
    if not result.complete:
        covers += " (once every step is certified)"
    return [claim_id, Bold(_status(result)), f"{certified}/{len(result.steps)}", covers, premises,
            Code(f"pluralnash prove {claim_id}"), Code(rel)]


def proof_section(doc: Document, claim_ids: Sequence[str], write_text: Callable[[str, str], None]) -> list[str]:
    """Add the section to ``doc`` for the claims of ``claim_ids`` that have a replay; return the files written."""
    from pluralnash._proofs import proof_ids

    ids = [c for c in proof_ids() if c in set(claim_ids)]
    if not ids:
        return []
    doc.heading(2, "Proof replays", "proof-replays")
    doc.para("Each replay re-derives the claim's proof step by step: a step is certified by algebra and the "
             "symbols' signs, a sum-of-squares certificate, the interval domain route or a standard theorem cited "
             "by name; otherwise it is open (not certified) or broken (refuted, with the counterexample). ",
             Bold("covers"), " says whether a complete replay proves the claim as encoded or a special case; ",
             Bold("premises"), " says whether every premise of the claim is encoded by the replay and every premise "
             "of the replay is supported by the claim. The JSON of each replay is in ", Code("proofs/"), ".")
    rows = [_row(cid, write_text) for cid in ids]
    doc.table(["claim", "status", "steps certified", "covers", "premises", "replay", "file"], rows)
    return [f"proofs/{cid}.json" for cid in ids]
