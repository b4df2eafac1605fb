r"""The claim registry: each statement as data, with the routes that decide it.

A :class:`Claim` holds a statement's id and source, its premises (each a checkable predicate on a
setup), its conclusion, and its routes:

- ``symbolic``: a sympy certificate (a :class:`CheckResult` with method ``"symbolic"``);
- ``instance``: the conclusion decided on one setup (exact or interval arithmetic);
- ``property``: a Hypothesis search of setups satisfying the premises for a certified violation.

Every claim carries *controls*: planted false variants (a wrong constant, a reversed
inequality, ...) that run through the same routes and must come out FALSIFIED.  A claim whose
controls are not rejected has checks without power.

Verdicts form a ladder (see :mod:`pluralnash._ladder`): PROVED needs a complete certified symbolic
proof of the statement as encoded, its standard theorems named in ``cites``; VERIFIED needs the
profile's number of setups meeting the premises, each certified, none undecided, and every control
FALSIFIED; FALSIFIED needs a certified counterexample satisfying every premise; anything else is
INCONCLUSIVE, with the reason.  Each verdict carries its ``basis``.

Where the claims come from: on the first lookup the registry imports the built-in families of
:data:`pluralnash.claims.FAMILIES` and registers the claims each lists in its ``TABLE`` (whose
places give the verdict table's order), then loads the entry points of the group
``pluralnash.claims`` that other packages declare; :func:`register` adds a claim by hand.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from dataclasses import dataclass, field
from concurrent.futures import Executor
from typing import Any, Callable, Sequence

from pluralnash._ladder import basis_text, combine
from pluralnash._routes import RouteOutcome, property_route, proof_route, symbolic_route
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
    cites : tuple of str
        The standard theorems the symbolic proof rests on, by name (e.g. ``"Jensen's inequality"``);
        never a step of the paper's own argument.  A covering certificate that cites steps is PROVED
        only when these are named.
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
    screen : callable, optional
        ``screen(rng, count)`` -> :class:`pluralnash.properties.Screened`: ``count`` setups of the
        claim's family drawn from the numpy ``Generator`` ``rng`` (seeded by the search's seed),
        their conclusion margins computed in float64, vectorised, and a builder of each as an exact
        setup.  The search certifies the few of smallest float margin with the claim's own checks
        (a float margin is never evidence).  A control that replaces ``instance`` drops it unless it
        names its own.  Needs numpy (the ``fast`` extra); without it the stage is skipped.
    setup_kind : {"finite", "continuous"}
        What a setup of this claim is: a finite-atom ``Landscape`` (default) or a continuous
        ``QuadraticLandscape``; ``check_claim`` refuses the other kind with a one-line error.
    models : tuple of str
        The dynamics the statement is about, from ``"large-k"`` (pure curation, [FALA26] Eq. 5),
        ``"finite-k"`` (pure curation with the setup's K candidates), ``"mixing"`` (large K mixed
        with reference data) and ``"mixing-finite-k"``.  ``check_claim`` refuses, in one line, a
        setup of another model (e.g. ``reference``/``lam`` given to a pure-curation claim), so a
        verdict is never silently about another model.
    """

    id: str
    source: str
    statement: str
    premises: tuple[Premise, ...]
    conclusion: str
    reading: str = ""
    symbolic: Callable[[], CheckResult] | None = None
    symbolic_covers: bool = True
    cites: tuple[str, ...] = ()
    instance: Callable[[Any], CheckResult] | None = None
    strategy: Callable[[], Any] | None = None
    controls: tuple["Claim", ...] = ()
    small_scope: Callable[[int], Any] | None = None
    screen: Callable[[Any, int], Any] | None = None
    setup_kind: str = "finite"
    planted: str | None = None
    models: tuple[str, ...] = ("large-k",)

    def __reduce__(self):
        # claims hold functions; across processes a claim travels as its registry id
        return (get_claim, (self.id,))

    def control(self, suffix: str, planted: str, **changes: Any) -> "Claim":
        """A planted false variant of this claim with some routes replaced."""
        return dataclasses.replace(self, id=f"{self.id}~{suffix}", planted=planted, controls=(), **changes)

    def with_controls(self, *variants: "Variant") -> "Claim":
        """This claim carrying its planted false variants, each built by :meth:`control`.

        A variant runs without the parent's symbolic certificate and its cited theorems unless it
        names its own (the parent's proof is of the parent's statement, not of the planted one).

        Examples
        --------
        >>> c = Claim("demo", "src", "s", (), "c", symbolic=lambda: None).with_controls(
        ...     Variant("wrong", "a planted change", conclusion="not c"))
        >>> [(k.id, k.planted, k.conclusion, k.symbolic) for k in c.controls]
        [('demo~wrong', 'a planted change', 'not c', None)]
        """
        return dataclasses.replace(self, controls=tuple(
            self.control(v.suffix, v.planted, **self._planted_changes(v)) for v in variants))

    def _planted_changes(self, v: "Variant") -> dict[str, Any]:
        changes = dict(v.changes)
        if v.check_keywords is not None:
            if self.instance is None:
                raise InvalidArgument(f"Variant {v.suffix!r} plants keywords into the conclusion check of "
                                      f"{self.id!r}, which has none; give the variant its own instance=")
            try:
                inspect.signature(self.instance).bind_partial(None, **v.check_keywords)
            except TypeError as exc:
                raise InvalidArgument(f"Variant {v.suffix!r} plants {sorted(v.check_keywords)} into the conclusion "
                                      f"check of {self.id!r}, which does not take them ({exc}); name the check's own "
                                      f"keywords") from None
            changes["instance"] = functools.partial(self.instance, **v.check_keywords)
        return {"symbolic": None, "cites": (), **({"screen": None} if "instance" in changes else {}), **changes}


class Variant:
    r"""A planted false variant for :meth:`Claim.with_controls`: the id suffix, what was changed, and
    the claim fields it replaces (routes, premises, strategy).

    ``check_keywords`` plants a false formula into the parent's own conclusion check: the variant's
    instance route is ``parent.instance(setup, **check_keywords)`` (the parent's ``instance`` is then
    the check itself, which takes the planted formula as a keyword).
    :func:`pluralnash.claims._declare.plant` writes such a variant.

    Examples
    --------
    >>> def check(L, bound=max):
    ...     return bound(L)
    >>> c = Claim("demo", "src", "s", (), "c", instance=check).with_controls(
    ...     Variant("least", "the least element", check_keywords={"bound": min}))
    >>> c.instance([3, 1, 2]), c.controls[0].instance([3, 1, 2])
    (3, 1)
    """

    __slots__ = ("suffix", "planted", "changes", "check_keywords")

    def __init__(self, suffix: str, planted: str, *, check_keywords: dict[str, Any] | None = None, **changes: Any):
        self.suffix, self.planted, self.changes, self.check_keywords = suffix, planted, changes, check_keywords


@dataclass(frozen=True)
class ClaimReport:
    """A claim's verdict with the routes behind it and its controls' reports."""

    claim: Claim
    verdict: ClaimVerdict
    reason: str
    routes: tuple[RouteOutcome, ...]
    counterexample: Any = None
    controls: tuple["ClaimReport", ...] = ()
    basis: dict[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        raise TypeError("a ClaimReport has no truth value; test `report.verdict is ClaimVerdict.PROVED` "
                        "(or VERIFIED, FALSIFIED, INCONCLUSIVE)")

    @property
    def basis_text(self) -> str:
        """The basis in a few words: ``symbolic, 7 steps``, ``25 certified setups``."""
        return basis_text(self.verdict, self.basis)

    @property
    def power(self) -> tuple[int, int]:
        """(controls reported FALSIFIED, controls run)."""
        return sum(c.verdict is ClaimVerdict.FALSIFIED for c in self.controls), len(self.controls)

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.claim.id,
            "source": self.claim.source,
            "verdict": self.verdict.value,
            "basis": self.basis,
            "reason": self.reason,
            "routes": [r.to_json() for r in self.routes],
            "counterexample": _setup_json(self.counterexample),
        }
        if self.claim.planted:
            out["planted"] = self.claim.planted
        if self.controls:
            out["controls"] = [c.to_json() for c in self.controls]
        return out

    def _repr_html_(self) -> str:
        """Jupyter display: the verdict table's entry for this claim, with its routes."""
        from pluralnash._check_report import claim_report_html

        return claim_report_html(self)


def _setup_json(setup: Any) -> Any:
    """A setup as JSON: its ``to_json()``, or the value itself for a user's plain setups (else its repr)."""
    if setup is None or isinstance(setup, (bool, int, float, str)):
        return setup
    to_json = getattr(setup, "to_json", None)
    return to_json() if callable(to_json) else repr(setup)


_REGISTRY: dict[str, Claim] = {}
_BUILTINS_LOADED = False


def register(claim: Claim) -> Claim:
    """Add a claim (and its controls) to the registry; ids must be unique.

    The built-in claims are loaded first, so a user's claim registered before any lookup joins
    them instead of hiding them.  Registering a built-in claim again (the very object its family
    lists) changes nothing.
    """
    _load()
    if _REGISTRY.get(claim.id) is claim:
        return claim
    _add(claim)
    return claim


def _add(claim: Claim) -> None:
    seen: set[str] = set()
    for c in (claim, *claim.controls):
        if c.id in _REGISTRY or c.id in seen:
            raise InvalidArgument(f"claim id {c.id!r} is registered twice; choose a new id")
        seen.add(c.id)
    for c in (claim, *claim.controls):
        _REGISTRY[c.id] = c


def _load() -> None:
    global _BUILTINS_LOADED
    if not _BUILTINS_LOADED:
        # set first: a family module imported here may itself call register()
        _BUILTINS_LOADED = True
        try:
            _load_families()
        except BaseException:
            _BUILTINS_LOADED = False
            raise
        _register_tables()
        _load_plugins()
    elif _PLUGIN_ERROR:
        raise PluginError(_PLUGIN_ERROR[0])
    _register_tables()


_PLACES: dict[str, int] = {}
_PLUGIN_ERROR: list[str] = []
ENTRY_POINT_GROUP = "pluralnash.claims"


class PluginError(InvalidArgument):
    """A distribution's ``pluralnash.claims`` entry point failed to load; the message names it."""


def _load_families() -> None:
    """Import the built-in claim families in their listed order (:data:`pluralnash.claims.FAMILIES`)."""
    import importlib

    from pluralnash.claims import FAMILIES

    for family in FAMILIES:
        importlib.import_module(f"pluralnash.claims.{family}")


def _register_tables() -> None:
    """Register each built-in family's claims from its ``TABLE`` and record their table places.

    A family module lists its claims as ``(place, claim)`` pairs: the place is the claim's row in
    the verdict table, so a family's claims can sit among another family's (a reading of a
    statement beside the statement it reads).  A family whose import is still running (it was
    imported first and the registry loaded the others from inside it) has no ``TABLE`` yet: its
    claims are registered at the next lookup, once it has finished.
    """
    if _PLACES:
        return
    import sys

    from pluralnash.claims import FAMILIES

    places: dict[str, int] = {}
    for family in FAMILIES:
        table = getattr(sys.modules.get(f"pluralnash.claims.{family}"), "TABLE", None)
        if table is None:
            return
        for place, claim in table:
            if place in places.values() or claim.id in places:
                raise RuntimeError(f"family {family!r} lists claim {claim.id!r} at place {place}: "
                                   "listed twice or a place taken; fix its TABLE")
            places[claim.id] = place
            if _REGISTRY.get(claim.id) is not claim:
                _add(claim)
    _PLACES.update(places)


def _load_plugins(entry_points=None) -> None:
    """Load each entry point of the group ``pluralnash.claims`` (after the built-ins).

    An entry point names a module that calls :func:`register` when imported, or a callable that
    does so when called.  One that fails is reported in one line naming it, and the error stands
    for every later lookup (a verdict table without a plugin's claims would be silently partial).
    """
    if entry_points is None:
        from importlib.metadata import entry_points
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
            if callable(loaded):
                loaded()
        except Exception as exc:  # a third party's defect: one line naming it, not a traceback
            why = str(exc).splitlines()[0] if str(exc) else ""
            _PLUGIN_ERROR[:] = [f"claim plugin {ep.name!r} ({ep.value}) failed to load: "
                                f"{type(exc).__name__}{': ' + why if why else ''}; "
                                "fix or uninstall the package that provides it"]
            raise PluginError(_PLUGIN_ERROR[0]) from None


def _rank(claim: Claim, places: dict[str, int]) -> tuple[int, int, str]:
    # built-ins at their table place; a user's or a plugin's claims after them, by id
    base = claim.id.split("~", 1)[0]
    return (0, places[base], claim.id) if base in places else (1, 0, claim.id)


def all_claims(*, controls: bool = False) -> list[Claim]:
    """Registered claims in the paper's order (with their controls when asked)."""
    _load()
    return sorted((c for c in _REGISTRY.values() if controls or c.planted is None),
                  key=lambda c: _rank(c, _PLACES))


def get_claim(claim_id: str) -> Claim:
    """The claim with this id, or InvalidArgument naming the closest ids."""
    _load()
    if claim_id in _REGISTRY:
        return _REGISTRY[claim_id]
    import difflib

    close = difflib.get_close_matches(claim_id, list(_REGISTRY), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(map(repr, close))}?" if close else "see `pluralnash verify --list`"
    raise InvalidArgument(f"claim={claim_id!r} is not a registered claim; {hint}")


def run_claim(claim: Claim | str, *, profile: str = "default", seed: int = 0,
              controls: bool = True, use_cache: bool = True) -> ClaimReport:
    """Run a claim's routes (and its controls') and combine them into a verdict on the ladder.

    Parameters
    ----------
    controls : bool
        Also run the planted controls; without them the claim cannot be VERIFIED.
    use_cache : bool
        Read and write the on-disk cache of symbolic certificates (False recomputes them).
    """
    if isinstance(claim, str):
        claim = get_claim(claim)
    if profile not in PROFILES:
        raise InvalidArgument(f"profile={profile!r} is not one of {', '.join(PROFILES)}; pick one of them")
    routes: list[RouteOutcome] = []
    counterexample = None
    for route in (symbolic_route(claim, use_cache), proof_route(claim, use_cache)):
        if route is not None:
            routes.append(route)
    if claim.instance is not None and claim.strategy is not None:
        prop, counterexample = property_route(claim, PROFILES[profile], seed)
        routes.append(prop)
    reports = tuple(run_claim(c, profile=profile, seed=seed, controls=False, use_cache=use_cache)
                    for c in claim.controls) if controls else None
    verdict, reason, basis = _combine(claim, routes, reports)
    return ClaimReport(claim, verdict, reason, tuple(routes), counterexample, reports or (), basis)


def _run_one(claim_id: str, profile: str, seed: int, use_cache: bool = True) -> ClaimReport:
    return run_claim(get_claim(claim_id), profile=profile, seed=seed, controls=False, use_cache=use_cache)


def run_claims(claims: Sequence[Claim | str] | None = None, *, profile: str = "default", seed: int = 0,
               executor: Executor | None = None, workers: int | None = None,
               use_cache: bool = True,
               progress: Callable[[int, int], None] | None = None) -> list[ClaimReport]:
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
    use_cache : bool
        Read and write the on-disk cache of symbolic certificates (False recomputes them).
    progress : callable, optional
        ``progress(done, total)`` over the tasks (claims and controls), e.g. a terminal progress bar.

    Each claim's verdict is combined once its controls' reports are known.
    """
    if profile not in PROFILES:
        raise InvalidArgument(f"profile={profile!r} is not one of {', '.join(PROFILES)}; pick one of them")
    check_workers(workers)
    chosen = [get_claim(c) if isinstance(c, str) else c for c in (claims if claims is not None else all_claims())]
    tasks = [c.id for c in chosen] + [ctl.id for c in chosen for ctl in c.controls]
    results = map_tasks(_run_one, [(t, profile, seed, use_cache) for t in tasks], executor=executor,
                        workers=workers, progress=progress)
    by_id = dict(zip(tasks, results))
    return [_with_controls(by_id[c.id], tuple(by_id[ctl.id] for ctl in c.controls)) for c in chosen]


def _with_controls(report: ClaimReport, controls: tuple[ClaimReport, ...]) -> ClaimReport:
    """The report re-combined now that its controls' reports are known."""
    verdict, reason, basis = _combine(report.claim, report.routes, controls)
    return dataclasses.replace(report, verdict=verdict, reason=reason, basis=basis, controls=controls)


def _combine(claim: Claim, routes: Sequence[RouteOutcome],
             controls: Sequence[ClaimReport] | None) -> tuple[ClaimVerdict, str, dict[str, Any]]:
    """Verdict, reason and basis on the ladder (:func:`pluralnash._ladder.combine`)."""
    return combine(claim, routes, controls)


def check_claim(claim: Claim | str, setup: Any) -> "CheckReport":
    """A claim's premises and conclusion on one setup: each HOLDS/FAILS/UNDECIDED with evidence.

    Returns a :class:`~pluralnash._check_report.CheckReport`, which refuses ``bool()``; its
    ``to_json()`` is what ``pluralnash check --json`` writes.
    """
    from pluralnash._check_report import CheckEntry, CheckReport

    if isinstance(claim, str):
        claim = get_claim(claim)
    _check_setup_kind(claim, setup)
    premises = [CheckEntry.from_result(p.check(setup), name=p.name) if p.check is not None
                else CheckEntry.undecided("not a property of a single setup: " + p.text, name=p.name)
                for p in claim.premises]
    if claim.instance is None:
        conclusion = CheckEntry.undecided("this claim has no instance check")
    else:
        conclusion = CheckEntry.from_result(claim.instance(setup))
    return CheckReport(claim.id, claim.source, tuple(premises), conclusion)


_SETUP_KINDS = {
    "finite": "a finite-atom setup (rewards or exp_rewards, weights, p0)",
    "continuous": "a continuous setup (mu, beta, weights, init, eps)",
}


def _check_setup_kind(claim: Claim, setup: Any) -> None:
    from pluralnash.numeric import Landscape, QuadraticLandscape
    from pluralnash._models import check_setup_model

    check_setup_model(claim, setup)  # a finite setup of a model the claim does not state is refused
    kinds = {"finite": Landscape, "continuous": QuadraticLandscape}
    if not isinstance(setup, kinds[claim.setup_kind]):
        have = next((_SETUP_KINDS[k] for k, cls in kinds.items() if isinstance(setup, cls)), type(setup).__name__)
        text = _SETUP_KINDS[claim.setup_kind]
        raise InvalidArgument(f"claim {claim.id!r} checks {text}, but the setup is {have}; pass {text}")

