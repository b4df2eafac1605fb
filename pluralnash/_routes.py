r"""The routes that decide a claim: its symbolic certificate, its proof replay and its property search.

Each route returns a :class:`RouteOutcome` (HOLDS, FAILS or UNDECIDED, whether it is certified, a
summary and its evidence); :func:`pluralnash._ladder.combine` turns a claim's outcomes into its verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pluralnash._ladder import certified_only
from pluralnash.theory import Verdict
from pluralnash.theory._words import plural

if TYPE_CHECKING:
    from pluralnash._registry import Claim

__all__ = ["RouteOutcome", "symbolic_route", "proof_route", "property_route"]


@dataclass(frozen=True)
class RouteOutcome:
    """How one route decided a claim."""

    route: str
    verdict: Verdict
    certified: bool
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"route": self.route, "verdict": self.verdict.value, "certified": self.certified,
                "summary": self.summary, "evidence": self.evidence}



def symbolic_route(claim: Claim, use_cache: bool = True) -> RouteOutcome | None:
    if claim.symbolic is None:
        return None
    from pluralnash._certcache import cached_certificate

    res, _ = cached_certificate(claim.id, claim.symbolic, use_cache=use_cache)
    summary = res.name if res.verdict is not Verdict.UNDECIDED else f"{res.name}: {res.reason}"
    if res.verdict is Verdict.FAILS and res.reason:
        summary = f"{res.name}: {res.reason}"
    return RouteOutcome("symbolic", res.verdict, res.certified, summary, res.evidence)


def proof_route(claim: Claim, use_cache: bool = True) -> RouteOutcome | None:
    """The step-by-step proof replay (:mod:`pluralnash._proofs`) of a shipped claim that has one."""
    if claim.planted is not None:
        return None
    from pluralnash._proofs import proof_ids
    from pluralnash._proofs import proof_route as replay

    if claim.id not in proof_ids():
        return None
    from pluralnash._certcache import cached_certificate
    from pluralnash.numeric.engines import domain as _domain
    from pluralnash.numeric.engines import domain_plateau as _domain_plateau

    res, _ = cached_certificate(f"{claim.id}.proof", replay(claim.id), use_cache=use_cache,
                                extra_sources=(_domain.__file__, _domain_plateau.__file__))
    summary = res.name if res.reason is None else f"{res.name}: {res.reason}"
    return RouteOutcome("proof", res.verdict, res.certified, summary, res.evidence)


def _search(claim: Claim, check, premises, allowance: int, seed: int):
    from pluralnash.properties._search import search_counterexample

    return search_counterexample(claim.strategy(), check, premises=premises, max_examples=allowance, seed=seed,
                                 small_scope=claim.small_scope, control=claim.planted is not None,
                                 screen=claim.screen)


def property_route(claim: Claim, budget: int, seed: int):
    # Setups whose premises are not certified use up the search's examples; a clean search short of
    # `budget` certified setups because of them is re-run with a larger allowance (twice at most).
    premises = [p.check for p in claim.premises if p.check is not None]
    for allowance in (budget, 2 * budget, 4 * budget):
        counts: dict[str, int] = {}
        out = _search(claim, certified_only(claim.instance, counts), premises, allowance, seed)
        # the search's own count, when it keeps one, does not count re-decided setups twice
        certified = getattr(out, "certified_setups", None)
        certified = counts["certified"] if certified is None else certified
        clean = out.counterexample is None and not out.error and not out.undecided
        if not (clean and out.skipped and certified < budget):
            break
    uncertified = counts["uncertified_holds"] + counts["uncertified_fails"]
    ev: dict[str, Any] = {"setups_tried": out.tried, "certified_setups": certified,
                          "undecided": out.undecided, "uncertified": uncertified,
                          "uncertified_fails": counts["uncertified_fails"], "skipped": out.skipped,
                          "required": budget, "budget": allowance, "seed": seed}
    if callable(getattr(out, "stages_json", None)):
        ev["stages"] = out.stages_json(timings=False)  # no wall-clock: same search, same JSON
        ev["boundary_undecided"] = out.boundary_undecided
    if out.min_margin is not None:
        ev["smallest_margin"] = f"{out.min_margin:.6g}"
    if out.error:
        ev["error"] = out.error
        return RouteOutcome("property", Verdict.UNDECIDED, False, f"a check raised {out.error}", ev), None
    if out.counterexample is not None:
        return _recheck_counterexample(claim, out, ev)
    return _clean_search(out, ev, budget), None


def _recheck_counterexample(claim: Claim, out, ev: dict[str, Any]):
    # re-check the shrunk counterexample from scratch
    again = claim.instance(out.counterexample)
    ev["counterexample_check"] = again.to_json()
    ok = again.verdict is Verdict.FAILS and again.certified
    summary = f"counterexample after {plural(out.tried, 'setup')}: {again.reason}"
    return RouteOutcome("property", Verdict.FAILS if ok else Verdict.UNDECIDED, ok, summary, ev), \
        (out.counterexample if ok else None)


def _clean_search(out, ev: dict[str, Any], budget: int) -> RouteOutcome:
    """HOLDS only for `budget` certified setups with none undecided; else UNDECIDED saying why."""
    if out.tried == 0:
        return RouteOutcome("property", Verdict.UNDECIDED, False, "no setup met the premises", ev)
    if out.undecided:
        why = []
        if ev["uncertified"]:
            n_fail = ev["uncertified_fails"]
            why.append(f"{ev['uncertified']} decided by mp-point evidence only"
                       + (f", {n_fail} of them an uncertified FAILS" if n_fail else ""))
        return RouteOutcome("property", Verdict.UNDECIDED, False,
                            f"{out.undecided} of {plural(out.tried, 'setup')} undecided"
                            + (f" ({'; '.join(why)})" if why else ""), ev)
    certified = ev["certified_setups"]
    if certified < budget:
        return RouteOutcome("property", Verdict.UNDECIDED, False,
                            f"only {plural(certified, 'certified setup')} met the premises; the profile needs {budget}", ev)
    return RouteOutcome("property", Verdict.HOLDS, False,
                        f"no violation in {plural(certified, 'certified setup')}", ev)
