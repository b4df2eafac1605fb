r"""The verdict ladder: how a claim's routes and its controls combine into one verdict with a basis.

Definitions
-----------
``PROVED``
    The symbolic route returned a certified ``HOLDS`` whose certificate covers the statement as
    encoded (``Claim.symbolic_covers``), with at least one certified step, every step decided by
    sympy, and every step it takes from the literature named as a standard theorem in
    ``Claim.cites`` (a certificate that cites steps while the claim names no theorem is not a proof).
``VERIFIED``
    The property route decided at least the profile's number of setups meeting the premises, each
    with exact, interval or symbolic arithmetic, none undecided, and every planted control of the
    claim came out ``FALSIFIED`` (the search showed its power).  A planted control is never VERIFIED.
``FALSIFIED``
    A certified counterexample meeting every premise (property search or symbolic route).
``INCONCLUSIVE``
    Anything else, with the reason.

An instance check's uncertified result (``mp-point``), ``HOLDS`` or ``FAILS``, counts as undecided: it
is shown as evidence and never supports VERIFIED, PROVED or FALSIFIED.

The profile's setups are those the search draws (its small scope and its targeted stage); every
one of them must be decided.  The screen and the refinement add *candidates* built for their small
margin, next to the conclusion's boundary: one certified FAILS falsifies the claim, one certified
HOLDS is a certified setup like any other.  A candidate its check leaves UNDECIDED (a check may not
decide a setup whose margin is about 0) is first replaced by a decided setup just short of the
boundary (the same move at a shorter step, or the candidate rationalised one small step away; the
stage's ``stopped_short``).  One with no decided replacement is a *boundary candidate*: not one of
the profile's setups, so not held against VERIFIED, and never evidence that the conclusion holds,
nor counted among the certified setups.  The basis reports them (``boundary_undecided`` with
``boundary_note``).

Every verdict carries a ``basis`` (JSON): ``{"kind": "symbolic", "steps": 7, "cites": [...]}``,
``{"kind": "property", "certified_setups": 25, "undecided": 0, ...}``,
``{"kind": "counterexample", "route": "property", ...}`` or ``{"kind": "none", ...}``.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from pluralnash.theory import CheckResult, ClaimVerdict, Verdict

__all__ = ["certified_only", "certificate_steps", "certificate_cited", "combine", "basis_text"]


def certified_only(check: Callable[[Any], CheckResult], counts: dict[str, int]) -> Callable[[Any], CheckResult]:
    """Wrap an instance check so that an uncertified decision is UNDECIDED, counting what it saw.

    ``counts`` gains ``certified`` (certified HOLDS), ``uncertified_holds`` and ``uncertified_fails``
    (decisions by ``mp-point`` evidence, turned into UNDECIDED) and ``undecided`` (UNDECIDED as returned).
    """
    for key in ("certified", "uncertified_holds", "uncertified_fails", "undecided"):
        counts.setdefault(key, 0)

    def wrapped(setup: Any) -> CheckResult:
        res = check(setup)
        if res.verdict is Verdict.UNDECIDED:
            counts["undecided"] += 1
            return res
        if res.certified:
            if res.verdict is Verdict.HOLDS:
                counts["certified"] += 1
            return res
        key = "uncertified_holds" if res.verdict is Verdict.HOLDS else "uncertified_fails"
        counts[key] += 1
        return CheckResult(res.name, Verdict.UNDECIDED, res.method, dict(res.evidence),
                           reason=f"{res.verdict.value} by {res.method} evidence only (not certified)"
                                  + (f": {res.reason}" if res.reason else ""))

    return wrapped


def certificate_steps(evidence: dict[str, Any]) -> int:
    """Number of leaf steps in a symbolic certificate's nested ``checked`` lists (0 if none)."""
    steps = 0
    for item in evidence.get("checked") or ():
        inner = (item.get("evidence") or {}) if isinstance(item, dict) else {}
        steps += certificate_steps(inner) if inner.get("checked") else 1
    return steps


def certificate_cited(evidence: dict[str, Any]) -> list[str]:
    """Every step a symbolic certificate takes from the literature (its ``cited`` lists, nested)."""
    out = list(evidence.get("cited") or ())
    for item in evidence.get("checked") or ():
        if isinstance(item, dict):
            out.extend(certificate_cited(item.get("evidence") or {}))
    return out


def _falsified(prop, sym) -> tuple[ClaimVerdict, str, dict[str, Any]] | None:
    if prop is not None and prop.verdict is Verdict.FAILS and prop.certified:
        check = prop.evidence.get("counterexample_check") or {}
        return (ClaimVerdict.FALSIFIED, "certified counterexample from the property search",
                {"kind": "counterexample", "route": "property", "method": check.get("method"),
                 "setups_tried": prop.evidence.get("setups_tried")})
    if sym is not None and sym.verdict is Verdict.FAILS and sym.certified:
        return (ClaimVerdict.FALSIFIED, "the symbolic route found a certified counterexample",
                {"kind": "counterexample", "route": "symbolic", "method": "symbolic"})
    return None


def _proved(claim, sym, notes: list[str]) -> tuple[ClaimVerdict, str, dict[str, Any]] | None:
    if sym is None or not (sym.verdict is Verdict.HOLDS and sym.certified):
        return None
    if not claim.symbolic_covers:
        notes.append("a partial symbolic certificate (it does not cover the whole statement)")
        return None
    steps = certificate_steps(sym.evidence)
    cited = certificate_cited(sym.evidence)
    if steps == 0:
        notes.append("a symbolic certificate with no certified step")
        return None
    if cited and not claim.cites:
        notes.append("a symbolic certificate whose cited steps name no standard theorem")
        return None
    basis = {"kind": "symbolic", "steps": steps, "cites": list(claim.cites), "certificate": sym.summary}
    cites = f", citing {'; '.join(claim.cites)}" if claim.cites else ""
    return ClaimVerdict.PROVED, f"complete symbolic certificate, {steps} certified steps{cites}", basis


def _proved_by_replay(replay) -> tuple[ClaimVerdict, str, dict[str, Any]] | None:
    """PROVED by a step-by-step proof replay whose every step is certified."""
    if replay is None or not (replay.verdict is Verdict.HOLDS and replay.certified):
        return None
    ev = replay.evidence
    basis = {"kind": "symbolic", "steps": ev["steps"], "cites": list(ev["cites"]), "certificate": replay.summary,
             "proof": "replay"}
    cites = f", citing {'; '.join(ev['cites'])}" if ev["cites"] else ""
    return ClaimVerdict.PROVED, f"complete proof replay, {ev['steps']} certified steps{cites}", basis


def _property_basis(prop) -> dict[str, Any]:
    ev = prop.evidence
    basis = {"kind": "property", "certified_setups": ev.get("certified_setups", 0),
             "undecided": ev.get("undecided", 0), "uncertified": ev.get("uncertified", 0),
             "required": ev.get("required"), "setups_tried": ev.get("setups_tried")}
    if ev.get("stages") is not None:
        basis["stages"] = ev["stages"]
    if ev.get("boundary_undecided"):
        basis["boundary_undecided"] = ev["boundary_undecided"]
        basis["boundary_note"] = BOUNDARY_NOTE
    return basis


BOUNDARY_NOTE = ("candidates the screen or the refinement chose for their small margin, next to the "
                 "conclusion's boundary, and left undecided there: not among the profile's setups (drawn by the "
                 "small scope and the targeted stage), so neither counted as undecided nor as evidence")


def _power(claim, controls: Sequence[Any] | None) -> tuple[bool, str, list[int] | None]:
    """(search showed power, why not, [rejected, run])."""
    if claim.planted is not None:
        return False, "a planted false variant passing its search is not rejected", None
    if not claim.controls:
        return False, "search lacked power: the claim has no planted controls", [0, 0]
    if controls is None:
        return False, "controls not run (VERIFIED needs every planted control FALSIFIED)", None
    if len(controls) < len(claim.controls):
        return False, f"only {len(controls)} of {len(claim.controls)} controls run", None
    hit = sum(c.verdict is ClaimVerdict.FALSIFIED for c in controls)
    if hit < len(controls):
        return False, f"search lacked power: {hit}/{len(controls)} controls rejected", [hit, len(controls)]
    return True, "", [hit, len(controls)]


def combine(claim, routes: Sequence[Any], controls: Sequence[Any] | None
            ) -> tuple[ClaimVerdict, str, dict[str, Any]]:
    r"""The claim's verdict, reason and basis from its routes and its controls' reports.

    ``controls`` is None when they were not run (then the claim cannot be VERIFIED).
    """
    by = {r.route: r for r in routes}
    prop, sym, replay = by.get("property"), by.get("symbolic"), by.get("proof")
    replayed = replay is not None and replay.verdict is Verdict.HOLDS and replay.certified
    found = _falsified(prop, sym)
    if found is not None:
        if replayed:  # sound routes cannot disagree: one of them has a defect, and neither verdict stands
            return (ClaimVerdict.INCONCLUSIVE, "a complete proof replay and a certified counterexample disagree "
                    f"(a defect in one of them): {replay.summary}", {"kind": "none", "why": "routes disagree"})
        return found
    notes: list[str] = []
    proved = _proved(claim, sym, notes) or _proved_by_replay(replay)
    if proved is not None:
        return proved
    partial = f" and {notes[0]}" if notes else ""
    first = (replay.evidence.get("first_uncertified") or {}) if replay is not None else {}
    if first:
        partial += f"; the proof replay stops at step {first['number']} ({first['status']}): {first['reason']}"
    elif replay is not None and replay.evidence.get("covers"):
        partial += f"; the proof replay is complete for a special case only: {replay.evidence['covers']}"
    if prop is not None and prop.verdict is Verdict.HOLDS:
        basis = _property_basis(prop)
        ok, why, power = _power(claim, controls)
        basis["controls_rejected"] = power
        if ok:
            reason = (f"{basis['certified_setups']} certified setups, none undecided; "
                      f"{power[0]}/{power[1]} controls rejected{partial}")
            return ClaimVerdict.VERIFIED, reason, basis
        return ClaimVerdict.INCONCLUSIVE, f"{why}; property: {prop.summary}{partial}", \
            {**basis, "kind": "none", "why": why}
    reasons = [f"{r.route}: {r.summary}" for r in routes if r.verdict is not Verdict.HOLDS]
    reasons += [n[0].upper() + n[1:] for n in notes]
    reasons = reasons or ["no route ran"]
    basis = {"kind": "none"}
    if prop is not None:
        basis.update({k: v for k, v in _property_basis(prop).items() if k != "kind"})
    return ClaimVerdict.INCONCLUSIVE, "; ".join(reasons), basis


def basis_text(verdict: ClaimVerdict, basis: dict[str, Any]) -> str:
    """The basis in a few words, as the verdict table prints it: ``symbolic, 7 steps``."""
    kind = basis.get("kind")
    if verdict is ClaimVerdict.PROVED and kind == "symbolic":
        return f"symbolic, {basis['steps']} steps"
    if verdict is ClaimVerdict.VERIFIED and kind == "property":
        return f"{basis['certified_setups']} certified setups"
    if verdict is ClaimVerdict.FALSIFIED and kind == "counterexample":
        return "symbolic refutation" if basis.get("route") == "symbolic" else "counterexample"
    return ""


# Exit status of a run deciding claims, as the command line and the report give it (pytest's codes).
EXIT_OK, EXIT_FAILED, EXIT_INTERNAL = 0, 1, 3


def unrejected_controls(report) -> list:
    """The controls (planted false variants) of a claim report that were not reported FALSIFIED."""
    return [c for c in report.controls if c.verdict is not ClaimVerdict.FALSIFIED]


def run_status(reports) -> int:
    """Exit status of a run deciding claims (``verify``, ``report``): 3 if a control was not rejected,
    else 1 if a claim is FALSIFIED, else 0."""
    if any(unrejected_controls(rep) for rep in reports):
        return EXIT_INTERNAL
    if any(rep.verdict is ClaimVerdict.FALSIFIED for rep in reports):
        return EXIT_FAILED
    return EXIT_OK
