r"""Proof replays for the claims: :func:`proof_for` ties the symbolic proofs to the numeric routes.

A proof's steps are decided by :meth:`pluralnash.theory._proof.Proof.check`; here each proof gets the
domain route (:func:`pluralnash.numeric.engines.domain.prove_on_box`) for steps with a box, and the false
main-text Lemma 3.3 gets its replay: the paper's argument up to the step that breaks,
"Assumption 2.1(i, iii) implies B.4", which is refuted on an exact setup meeting all of Assumption 2.1.

The verdict ladder reads ``proof_for(claim_id).check().complete`` (PROVED when true); when it is
false, ``ProofResult.first_uncertified`` names the step and the reason.

Examples
--------
>>> res = proof_for("theorem-3.7").check()
>>> res.complete, len(res.steps)
(True, 19)
>>> proof_for("lemma-3.3").check().first_uncertified.status
StepStatus.FAILS
"""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import sympy

__all__ = ["LEMMA_3_3_SETUP", "premise_match", "proof_certificate", "proof_for", "proof_ids", "proof_route",
           "refute_a21_implies_b4", "replay_json", "replay_label"]

#: A setup meeting all of Assumption 2.1 on which B.4 fails at t = 0 ([FALA26] Lemma 3.3, main text).
LEMMA_3_3_SETUP = {
    "exp_rewards": [["1", "1/3", "1/6", "1/3", "1/3"], ["1/3", "1", "1", "1/3", "1/3"]],
    "weights": ["2/3", "1/3"],
    "p0": ["1/16", "1/16", "3/4", "1/16", "1/16"],
    "exp_eps": "1/2",
}


def _domain_prover(expr: sympy.Expr, kind: str, box: dict) -> dict:
    from pluralnash.numeric.engines.domain import Box, prove_on_box
    from pluralnash.theory import InvalidArgument

    try:
        res = prove_on_box(expr, Box(**{str(k): v for k, v in box.items()}), kind=kind)
    except InvalidArgument as exc:
        return {"verdict": "UNDECIDED", "boxes": 0, "depth": 0, "reason": str(exc)}
    out = {"verdict": res.verdict.value, "boxes": res.boxes, "depth": res.depth, "reason": res.reason}
    if res.counterexample is not None:
        out["counterexample"] = {**res.counterexample, "failing_box": res.failing_box}
    return out


def refute_a21_implies_b4(setup: dict | None = None) -> dict:
    r"""Decide "Assumption 2.1(i, iii) ⇒ B.4" on one exact setup.

    B.4 asks for ρ_ε < 1 with sup_{x ∉ S_ε} W_t(x) ≤ ρ_ε for every t; an outside atom with
    W_0(x) ≥ 1 at t = 0 rules out every such ρ_ε.  Assumption 2.1 (i), (ii) and (iii) are decided by
    the toolkit's certified premise checks; W_0 is computed in exact rational arithmetic.

    Returns
    -------
    dict
        ``verdict`` ``"FAILS"`` with the counterexample when 2.1 holds (certified) and some outside
        W_0(x) ≥ 1; ``"HOLDS"`` is never returned (one setup cannot prove the implication);
        ``"UNDECIDED"`` otherwise, with the reason.

    Examples
    --------
    >>> out = refute_a21_implies_b4()
    >>> out["verdict"], out["counterexample"]["W_0"], out["counterexample"]["m_1"]
    ('FAILS', '64/63', '8/63')
    """
    from pluralnash.numeric import (check_assumption_2_1_i, check_assumption_2_1_ii, check_assumption_2_1_iii,
                                    parse_setup)
    from pluralnash.theory import Verdict

    data = LEMMA_3_3_SETUP if setup is None else setup
    L = parse_setup(json.dumps(data))
    for check in (check_assumption_2_1_i, check_assumption_2_1_ii, check_assumption_2_1_iii):
        res = check(L)
        if not (res.verdict is Verdict.HOLDS and res.certified):
            return {"verdict": "UNDECIDED", "reason": f"premise {res.name} is {res.verdict.value} on the setup"}
    if not L.is_exact:
        return {"verdict": "UNDECIDED", "reason": "the setup has no exact exp_rewards, so W_0 is not exact"}
    w, q, p = L.exact_w(), L.weights, L.p0
    inside = set().union(*L.basins())
    outside = [x for x in range(len(p)) if x not in inside]
    Z = [sum((p[x] * w[i][x] for x in range(len(p))), Fraction(0)) for i in range(len(q))]
    W0 = {x: sum((q[i] * w[i][x] / Z[i] for i in range(len(q))), Fraction(0)) for x in outside}
    if not W0:
        return {"verdict": "UNDECIDED", "reason": "the setup has no atom outside S_eps"}
    worst = max(W0, key=W0.get)
    m0 = sum((p[x] for x in outside), Fraction(0))
    m1 = sum((p[x] * W0[x] for x in outside), Fraction(0))
    if W0[worst] < 1:
        return {"verdict": "UNDECIDED", "reason": f"sup W_0 off S_eps is {W0[worst]} < 1 at t = 0 on this setup"}
    return {
        "verdict": "FAILS", "how": "exact setup (Assumption 2.1 certified, W_0 in rationals)",
        "reason": f"Assumption 2.1 (i), (ii), (iii) hold (certified), yet the outside atom x_{worst + 1} has "
                  f"W_0 = {W0[worst]} >= 1, so no rho_eps < 1 bounds W_t off S_eps (B.4 fails at t = 0); "
                  f"indeed m_1 = {m1} > m_0 = {m0}",
        "counterexample": {"setup": data, "t": 0, "atom": worst + 1, "W_0": str(W0[worst]),
                           "m_0": str(m0), "m_1": str(m1)},
    }


def _lemma_3_3_main():
    from pluralnash.theory._proof import Proof, Step
    from pluralnash.theory._proofs_fala import proof_lemma_3_3_appendix

    appendix = proof_lemma_3_3_appendix()
    first = Step("Assumption 2.1(i, iii) implies B.4: there is ρ_ε < 1 with sup_{x∉S_ε} W_t(x) ≤ ρ_ε for every t",
                 None, external=refute_a21_implies_b4,
                 open_reason="the paper's inference: 2.1(iii) bounds w_i off S_eps, not Z_i(t) from below")
    shifted = tuple(replace(s, uses=tuple(u + 1 for u in s.uses)) for s in appendix.steps)
    return Proof("lemma-3.3", "Decay outside the basins under Assumption 2.1 (main text): the proof breaks at step 1",
                 "[FALA26] Lemma 3.3, main text", steps=(first, *shifted), premises=appendix.premises,
                 intervals=appendix.intervals)


def proof_ids() -> list[str]:
    """Claim ids that have a proof replay."""
    from pluralnash.theory._proofs_fala import PROOFS

    return sorted([*PROOFS, "lemma-3.3"])


def proof_for(claim_id: str):
    """The proof replay of ``claim_id`` with the domain route attached, or ``None`` if it has none."""
    from pluralnash.theory._proofs_fala import PROOFS

    if claim_id == "lemma-3.3":
        return _lemma_3_3_main().with_domain_prover(_domain_prover)
    builder = PROOFS.get(claim_id)
    return None if builder is None else builder().with_domain_prover(_domain_prover)


def proof_certificate(claim_id: str):
    r"""The proof replay of ``claim_id`` as a route result for the verdict ladder, or ``None``.

    ``HOLDS`` (method ``symbolic``, certified) when every step is certified and the replay covers the
    claim as encoded (``Proof.covers`` is ``None``); ``UNDECIDED`` with the reason "complete replay of
    a special case: ..." when the steps are certified but prove a special case only; otherwise
    ``UNDECIDED``, naming the first step that is not certified and why.  A step that FAILS breaks the *proof*, not the
    statement: whether the statement is false is for the counterexample search to certify.
    """
    from pluralnash.theory import CheckResult, Verdict

    proof = proof_for(claim_id)
    if proof is None:
        return None
    res = proof.check()
    basis = res.basis
    evidence = {k: basis[k] for k in ("steps", "certified_steps", "cites", "first_uncertified", "covers")}
    name = f"proof replay: {res.title}"
    if res.complete and res.covers is not None:
        return CheckResult(name, Verdict.UNDECIDED, "symbolic", evidence,
                           reason=f"complete replay of a special case: {res.covers}")
    if res.complete:
        return CheckResult(name, Verdict.HOLDS, "symbolic", evidence)
    first = res.first_uncertified
    return CheckResult(name, Verdict.UNDECIDED, "symbolic", evidence,
                       reason=f"step {first.number} {first.status.value}: {first.reason or first.text}")


def proof_route(claim_id: str):
    """A zero-argument callable computing :func:`proof_certificate` (what the certificate cache keys)."""

    def replay():
        return proof_certificate(claim_id)

    return replay


def premise_match(claim_id: str, *, proof=None, premise_map=None):
    r"""Compare the replay's premises of ``claim_id`` with the registered claim's premises.

    Uses the replay's declared map (:data:`pluralnash.theory._proof_premises.PREMISE_MAPS`) unless
    ``premise_map`` is given, and the registered replay unless ``proof`` is given (a planted variant).
    Returns a :class:`pluralnash.theory._proof_premises.PremiseMatch`: ``consistent`` when every claim
    premise is encoded and every replay premise is supported, or the replay's ``covers`` records the
    special case; otherwise its ``problems`` name each mismatch.

    Examples
    --------
    >>> premise_match("theorem-3.7").consistent
    True
    """
    from pluralnash._registry import get_claim
    from pluralnash.theory._proof_premises import PREMISE_MAPS, match_premises

    proof = proof_for(claim_id) if proof is None else proof
    if proof is None:
        from pluralnash.theory import InvalidArgument

        raise InvalidArgument(f"claim_id={claim_id!r} has no proof replay; pick one of {', '.join(proof_ids())}")
    pmap = PREMISE_MAPS.get(claim_id) if premise_map is None else premise_map
    return match_premises(proof, [p.name for p in get_claim(claim_id).premises], pmap)


def replay_label(result) -> str:
    """PROVED (every step certified, the claim as encoded), SPECIAL (every step certified, a special case
    only), BROKEN (a step is refuted) or OPEN (a step is not certified)."""
    first = result.first_uncertified
    if first is None:
        return "PROVED" if result.covers is None else "SPECIAL"
    return "BROKEN" if first.status.value == "FAILS" else "OPEN"


def replay_json(proof, result) -> dict:
    """What ``pluralnash prove CLAIM --json`` writes: the replayed steps and where the proof is from."""
    return {**result.to_json(), "source": proof.source}
