r"""The claim registry: each statement as data, with the routes that decide it.

A :class:`Claim` holds a statement's id and source, its premises (each a checkable predicate on a
setup), its conclusion, and its routes:

- ``symbolic``: a sympy certificate (a :class:`CheckResult` with method ``"symbolic"``);
- ``instance``: the conclusion decided on one setup (exact or interval arithmetic);
- ``property``: a Hypothesis search of setups satisfying the premises for a certified violation.

Every claim carries *controls*: planted false variants (a wrong constant, a reversed
inequality, ...) that run through the same routes and must come out FALSIFIED.  A claim whose
controls are not rejected has checks without power.

Verdict rule: FALSIFIED needs a certified counterexample satisfying every premise (from the
property search or the symbolic route); VERIFIED needs a symbolic certificate or a clean
property search with no undecided instance; anything else is INCONCLUSIVE, with the reason.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction
from concurrent.futures import Executor
from typing import Any, Callable, Sequence

from pluralnash._sweep import check_workers, map_tasks
from pluralnash.theory import CheckResult, ClaimVerdict, InvalidArgument, Verdict

__all__ = [
    "Premise",
    "Claim",
    "Variant",
    "RouteOutcome",
    "ClaimReport",
    "PROFILES",
    "register",
    "get_claim",
    "all_claims",
    "run_claim",
    "run_claims",
    "check_claim",
]

PROFILES = {"quick": 8, "default": 25, "thorough": 300}


@dataclass(frozen=True)
class Premise:
    """One premise: its wording and, where it is a property of a setup, a predicate deciding it."""

    name: str
    text: str
    check: Callable[[Any], CheckResult] | None = None


@dataclass(frozen=True)
class Claim:
    r"""A statement from a paper (or of the toolkit), as data.

    Attributes
    ----------
    id : str
        Stable id, e.g. ``"theorem-3.7"``; a control is ``"<parent>~<variant>"``.
    source : str
        Where it is stated, e.g. ``"[FALA26] Theorem 3.7 / B.7"``.
    statement : str
        The statement in words and symbols.
    premises : tuple of Premise
    conclusion : str
    reading : str
        How the toolkit reads the statement where it is ambiguous, and what each route covers.
    symbolic : callable, optional
        () -> CheckResult.
    symbolic_covers : bool
        Whether the symbolic certificate proves the whole conclusion (else it is partial
        evidence, and the verdict rests on the other routes).
    instance : callable, optional
        setup -> CheckResult: the conclusion on one setup.
    strategy : callable, optional
        () -> SearchStrategy of setups satisfying the premises.
    controls : tuple of Claim
        Planted false variants.
    planted : str, optional
        For a control: what was changed from the parent statement.
    small_scope : callable, optional
        bound -> iterable of setups: the claim's own small scope for the exhaustive stage of the
        property search (default: finite setups enumerated in the shapes the strategy draws).
    setup_kind : {"finite", "continuous"}
        What a setup of this claim is: a finite-atom ``Landscape`` (default) or a continuous
        ``QuadraticLandscape``; ``check_claim`` refuses the other kind with a one-line error.
    """

    id: str
    source: str
    statement: str
    premises: tuple[Premise, ...]
    conclusion: str
    reading: str = ""
    symbolic: Callable[[], CheckResult] | None = None
    symbolic_covers: bool = True
    instance: Callable[[Any], CheckResult] | None = None
    strategy: Callable[[], Any] | None = None
    controls: tuple["Claim", ...] = ()
    small_scope: Callable[[int], Any] | None = None
    setup_kind: str = "finite"
    planted: str | None = None

    def __reduce__(self):
        # claims hold functions; across processes a claim travels as its registry id
        return (get_claim, (self.id,))

    def control(self, suffix: str, planted: str, **changes: Any) -> "Claim":
        """A planted false variant of this claim with some routes replaced."""
        return dataclasses.replace(self, id=f"{self.id}~{suffix}", planted=planted, controls=(), **changes)

    def with_controls(self, *variants: "Variant") -> "Claim":
        """This claim carrying its planted false variants, each built by :meth:`control`.

        A variant runs without the parent's symbolic certificate unless it names one (the parent's
        proof is of the parent's statement, not of the planted one).

        Examples
        --------
        >>> c = Claim("demo", "src", "s", (), "c", symbolic=lambda: None).with_controls(
        ...     Variant("wrong", "a planted change", conclusion="not c"))
        >>> [(k.id, k.planted, k.conclusion, k.symbolic) for k in c.controls]
        [('demo~wrong', 'a planted change', 'not c', None)]
        """
        return dataclasses.replace(self, controls=tuple(
            self.control(v.suffix, v.planted, **{"symbolic": None, **v.changes}) for v in variants))


class Variant:
    """A planted false variant for :meth:`Claim.with_controls`: the id suffix, what was changed, and
    the claim fields it replaces (routes, premises, strategy)."""

    __slots__ = ("suffix", "planted", "changes")

    def __init__(self, suffix: str, planted: str, **changes: Any):
        self.suffix, self.planted, self.changes = suffix, planted, changes


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


@dataclass(frozen=True)
class ClaimReport:
    """A claim's verdict with the routes behind it and its controls' reports."""

    claim: Claim
    verdict: ClaimVerdict
    reason: str
    routes: tuple[RouteOutcome, ...]
    counterexample: Any = None
    controls: tuple["ClaimReport", ...] = ()

    def __bool__(self) -> bool:
        raise TypeError("a ClaimReport has no truth value; test `report.verdict is ClaimVerdict.VERIFIED`")

    @property
    def power(self) -> tuple[int, int]:
        """(controls reported FALSIFIED, controls run)."""
        return sum(c.verdict is ClaimVerdict.FALSIFIED for c in self.controls), len(self.controls)

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.claim.id,
            "source": self.claim.source,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "routes": [r.to_json() for r in self.routes],
            "counterexample": self.counterexample.to_json() if self.counterexample is not None else None,
        }
        if self.claim.planted:
            out["planted"] = self.claim.planted
        if self.controls:
            out["controls"] = [c.to_json() for c in self.controls]
        return out


_REGISTRY: dict[str, Claim] = {}


def register(claim: Claim) -> Claim:
    """Add a claim (and its controls) to the registry; ids must be unique."""
    for c in (claim, *claim.controls):
        if c.id in _REGISTRY:
            raise InvalidArgument(f"claim id {c.id!r} is registered twice; choose a new id")
        _REGISTRY[c.id] = c
    return claim


def _load() -> None:
    if not _REGISTRY:
        # registration order is the order of the verdict table
        from pluralnash import (  # noqa: F401
            _claims,
            _claims_basins,
            _claims_beyond,
            _claims_continuous,
            _claims_ferbach,
            _claims_mixing,
            _claims_mixing_several,
            _claims_plateau,
        )


# The verdict table follows the paper: [FALA26] §3 in order, then [FERB24], then the toolkit's own.
ORDER = ("lemma-3.1", "lemma-3.2", "lemma-3.3", "lemma-3.3-appendix", "prop-3.4", "lemma-3.4", "lemma-3.5",
         "theorem-3.6", "theorem-3.7", "corollary-3.8", "ferbach-lemma-2.1", "ferbach-lemma-2.2",
         "ferbach-theorem-2.1", "ferbach-2.1-supported", "nash-limit", "collapse-criterion", "plateau-exact",
         "finite-k-limit", "mixing-floor", "mixing-fixed-point", "mixing-several-rewards",
         "continuous-closed-form")


def _rank(claim: Claim) -> tuple[int, str]:
    base = claim.id.split("~", 1)[0]
    return (ORDER.index(base) if base in ORDER else len(ORDER), claim.id)


def all_claims(*, controls: bool = False) -> list[Claim]:
    """Registered claims in the paper's order (with their controls when asked)."""
    _load()
    return sorted((c for c in _REGISTRY.values() if controls or c.planted is None), key=_rank)


def get_claim(claim_id: str) -> Claim:
    """The claim with this id, or InvalidArgument naming the closest ids."""
    _load()
    if claim_id in _REGISTRY:
        return _REGISTRY[claim_id]
    import difflib

    close = difflib.get_close_matches(claim_id, list(_REGISTRY), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(map(repr, close))}?" if close else "see `pluralnash verify --list`"
    raise InvalidArgument(f"claim={claim_id!r} is not a registered claim; {hint}")


def _symbolic_route(claim: Claim) -> RouteOutcome | None:
    if claim.symbolic is None:
        return None
    res = claim.symbolic()
    summary = res.name if res.verdict is not Verdict.UNDECIDED else f"{res.name}: {res.reason}"
    if res.verdict is Verdict.FAILS and res.reason:
        summary = f"{res.name}: {res.reason}"
    return RouteOutcome("symbolic", res.verdict, res.certified, summary, res.to_json()["evidence"])


def _property_route(claim: Claim, budget: int, seed: int):
    from pluralnash.properties._search import search_counterexample

    out = search_counterexample(claim.strategy(), claim.instance,
                                premises=[p.check for p in claim.premises if p.check is not None],
                                max_examples=budget, seed=seed, small_scope=claim.small_scope,
                                control=claim.planted is not None)
    ev: dict[str, Any] = {"setups_tried": out.tried, "undecided": out.undecided, "skipped": out.skipped,
                          "budget": budget, "seed": seed, "stages": out.stages_json(timings=False),
                          "certified_setups": out.certified_setups, "uncertified": out.uncertified,
                          "boundary_undecided": out.boundary_undecided}
    if out.min_margin is not None:
        ev["smallest_margin"] = f"{out.min_margin:.6g}"
    if out.error:
        ev["error"] = out.error
        return RouteOutcome("property", Verdict.UNDECIDED, False, f"a check raised {out.error}", ev), None
    if out.counterexample is not None:
        # re-check the shrunk counterexample from scratch
        again = claim.instance(out.counterexample)
        ev["counterexample_check"] = again.to_json()
        ok = again.verdict is Verdict.FAILS and again.certified
        summary = f"counterexample after {out.tried} setups: {again.reason}"
        return RouteOutcome("property", Verdict.FAILS if ok else Verdict.UNDECIDED, ok, summary, ev), \
            (out.counterexample if ok else None)
    if out.tried == 0:
        return RouteOutcome("property", Verdict.UNDECIDED, False, "no setup met the premises", ev), None
    if out.undecided:
        return RouteOutcome("property", Verdict.UNDECIDED, False,
                            f"{out.undecided} of {out.tried} setups undecided", ev), None
    return RouteOutcome("property", Verdict.HOLDS, False,
                        f"no violation in {out.tried} setups", ev), None


def run_claim(claim: Claim | str, *, profile: str = "default", seed: int = 0,
              controls: bool = True) -> ClaimReport:
    """Run a claim's routes (and its controls') and combine them into a verdict."""
    if isinstance(claim, str):
        claim = get_claim(claim)
    if profile not in PROFILES:
        raise InvalidArgument(f"profile={profile!r} is not one of {', '.join(PROFILES)}; pick one of them")
    routes: list[RouteOutcome] = []
    counterexample = None
    sym = _symbolic_route(claim)
    if sym is not None:
        routes.append(sym)
    if claim.instance is not None and claim.strategy is not None:
        prop, counterexample = _property_route(claim, PROFILES[profile], seed)
        routes.append(prop)
    verdict, reason = _combine(routes, counterexample, claim.symbolic_covers)
    reports = tuple(run_claim(c, profile=profile, seed=seed, controls=False) for c in claim.controls) if controls else ()
    return ClaimReport(claim, verdict, reason, tuple(routes), counterexample, reports)


def _run_one(claim_id: str, profile: str, seed: int) -> ClaimReport:
    return run_claim(get_claim(claim_id), profile=profile, seed=seed, controls=False)


def run_claims(claims: Sequence[Claim | str] | None = None, *, profile: str = "default", seed: int = 0,
               executor: Executor | None = None, workers: int | None = None) -> list[ClaimReport]:
    r"""Run several claims with their controls, serially or on any ``concurrent.futures.Executor``.

    Every claim and every control is one task, so they spread over the workers; each task's
    search is seeded by ``seed`` alone, so the reports are identical whatever the executor
    or the number of workers.

    Parameters
    ----------
    claims : sequence of Claim or id, optional
        Default: every registered claim.
    executor : concurrent.futures.Executor, optional
        E.g. a ``ProcessPoolExecutor``, or a Dask ``distributed`` client's
        ``client.get_executor()`` to run the same sweep on a cluster.
    workers : int, optional
        Without an executor: run on this many local processes (1 = in this process).
    """
    if profile not in PROFILES:
        raise InvalidArgument(f"profile={profile!r} is not one of {', '.join(PROFILES)}; pick one of them")
    check_workers(workers)
    chosen = [get_claim(c) if isinstance(c, str) else c for c in (claims if claims is not None else all_claims())]
    tasks = [c.id for c in chosen] + [ctl.id for c in chosen for ctl in c.controls]
    results = map_tasks(_run_one, [(t, profile, seed) for t in tasks], executor=executor, workers=workers)
    by_id = dict(zip(tasks, results))
    return [dataclasses.replace(by_id[c.id], controls=tuple(by_id[ctl.id] for ctl in c.controls)) for c in chosen]


def _combine(routes: list[RouteOutcome], counterexample, symbolic_covers: bool = True) -> tuple[ClaimVerdict, str]:
    by = {r.route: r for r in routes}
    prop, sym = by.get("property"), by.get("symbolic")
    if prop is not None and prop.verdict is Verdict.FAILS and prop.certified:
        return ClaimVerdict.FALSIFIED, "certified counterexample from the property search"
    if sym is not None and sym.verdict is Verdict.FAILS and sym.certified:
        return ClaimVerdict.FALSIFIED, "the symbolic route found a certified counterexample"
    if sym is not None and sym.verdict is Verdict.HOLDS and sym.certified and symbolic_covers:
        return ClaimVerdict.VERIFIED, "symbolic certificate"
    partial = " and a partial symbolic certificate" if sym is not None and sym.verdict is Verdict.HOLDS else ""
    if prop is not None and prop.verdict is Verdict.HOLDS:
        return ClaimVerdict.VERIFIED, f"clean property search ({prop.summary}){partial}"
    reasons = [f"{r.route}: {r.summary}" for r in routes if r.verdict is not Verdict.HOLDS] or ["no route ran"]
    return ClaimVerdict.INCONCLUSIVE, "; ".join(reasons)


def check_claim(claim: Claim | str, setup: Any) -> dict[str, Any]:
    """A claim's premises and conclusion on one setup: each HOLDS/FAILS/UNDECIDED with evidence."""
    if isinstance(claim, str):
        claim = get_claim(claim)
    _check_setup_kind(claim, setup)
    premises = []
    for p in claim.premises:
        if p.check is None:
            premises.append({"name": p.name, "verdict": "UNDECIDED", "certified": False,
                             "evidence": {"reason": "not a property of a single setup: " + p.text}})
            continue
        r = p.check(setup)
        premises.append({"name": p.name, "verdict": r.verdict.value, "certified": r.certified,
                         "method": r.method, "evidence": _with_reason(r)})
    if claim.instance is None:
        conclusion = {"verdict": "UNDECIDED", "certified": False,
                      "evidence": {"reason": "this claim has no instance check"}}
    else:
        r = claim.instance(setup)
        conclusion = {"name": r.name, "verdict": r.verdict.value, "certified": r.certified,
                      "method": r.method, "evidence": _with_reason(r)}
    return {"claim": claim.id, "source": claim.source, "premises": premises, "conclusion": conclusion}


_SETUP_KINDS = {
    "finite": "a finite-atom setup (rewards or exp_rewards, weights, p0)",
    "continuous": "a continuous setup (mu, beta, weights, init, eps)",
}


def _check_setup_kind(claim: Claim, setup: Any) -> None:
    from pluralnash.numeric import Landscape, QuadraticLandscape

    kinds = {"finite": Landscape, "continuous": QuadraticLandscape}
    if not isinstance(setup, kinds[claim.setup_kind]):
        have = next((_SETUP_KINDS[k] for k, cls in kinds.items() if isinstance(setup, cls)), type(setup).__name__)
        text = _SETUP_KINDS[claim.setup_kind]
        raise InvalidArgument(f"claim {claim.id!r} checks {text}, but the setup is {have}; pass {text}")


def _with_reason(r: CheckResult) -> dict[str, Any]:
    ev = dict(r.evidence)
    if r.reason:
        ev["reason"] = r.reason
    return ev
