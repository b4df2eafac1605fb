r"""Staged counterexample search: small scope, float screening, targeted random, refinement, shrinking.

A *setup* meets the premises when every premise check is certified HOLDS; its *margin* is the
conclusion check's ``evidence["margin"]``, a signed number positive while the conclusion holds
with room.  A *counterexample* is a setup meeting the premises whose conclusion is certified FAILS.
The search runs up to five stages and reports each (setups examined, seconds, best margin):

(a) ``small-scope``: every setup of the claim's family up to a small size, with parameters from a
    grid of simple rationals, in a fixed order that depends on neither the seed nor the clock
    (SmallCheck's small-scope hypothesis).  A claim may enumerate its own setups (``small_scope``,
    bound -> iterable); otherwise the stage first takes the strategy's own draws under a fixed
    internal seed (Hypothesis draws its simplest setups first), then enumerates finite setups in
    the shapes those draws have (:mod:`pluralnash.properties._small_scope`).
(s) ``screen``: a claim that declares a ``screen`` (:mod:`pluralnash.properties._screen`) has many
    setups of its family drawn from a numpy Generator seeded by the seed and their margins computed
    in float64, vectorised; the few of smallest float margin are rationalised and decided by the
    claim's own certified checks (a float margin is never evidence).  Without numpy the stage is
    skipped and says so; a claim without a screen has no such stage.
(b) ``targeted``: Hypothesis draws from the claim's strategy, with ``target()`` on the margin.
(c) ``refine``: from the setups of smallest margin, a pattern search over the setup's numbers
    drives the margin down while the premises stay certified (:mod:`._refine`).  Each candidate is
    rounded to a decimal rational and decided by the claim's own exact or interval check.
(d) ``shrink``: the first counterexample is simplified within the profile's time budget; a
    control (a planted false variant) needs only a certified counterexample and is not shrunk.

The stages stop at the first certified counterexample.  Each stage is bounded by a count; a time
guard (:class:`StageBudget`) cuts a claim with slow checks short, and the stage says so.  A conclusion decided without
certification (``mp-point``) is counted in ``uncertified`` and is never evidence either way.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from hypothesis import HealthCheck, Phase, Verbosity, given, note, settings, target
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import Unsatisfiable
from hypothesis.strategies import SearchStrategy

from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = ["SearchOutcome", "StageReport", "StageBudget", "budget_for", "search_counterexample"]

Check = Callable[[Any], CheckResult]
STAGES = ("small-scope", "screen", "targeted", "refine", "shrink")
# stages that pick setups for their small margin (an UNDECIDED one there is a boundary candidate)
CANDIDATE_STAGES = ("screen", "refine")


@dataclass(frozen=True)
class StageBudget:
    r"""How much each stage may spend.

    Attributes
    ----------
    small_scope : int
        Setups the exhaustive stage enumerates (its bound).
    targeted : int
        Hypothesis examples of the targeted stage.
    refine : int
        Candidates the refinement stage may decide.
    shrink_seconds : float
        Time to shrink a counterexample of a claim (controls are not shrunk).
    screen : int
        Setups a claim's screen examines in float64 (0: no screening).
    screen_keep : int
        Of those, how many (the smallest float margins) are decided by the certified checks.
    seconds : float
        A guard in CPU seconds of this process (15 s at quick, 30 s at default), not a budget: every stage is bounded by its count,
        so what it examines depends on neither the machine's speed nor its load (and (a), (c), (d)
        not on the seed either), unless the checks are slow.  Stage (a) of a claim (not of a control) stops after ``seconds``, and
        (b) and (c) together after another ``seconds``; a stage cut short says ``out_of_time``.
    """

    small_scope: int
    targeted: int
    refine: int
    shrink_seconds: float
    seconds: float = math.inf
    screen: int = 0
    screen_keep: int = 0


def budget_for(max_examples: int) -> StageBudget:
    """The stage budgets for a profile's example count (8 quick, 25 default, 300 thorough).

    Examples
    --------
    The counts are the budget; the time guard is a safety net about ten times what the counts take on
    the slowest shipped claims, so that a run's output depends on neither the machine's speed nor its load.

    >>> budget_for(25)
    StageBudget(small_scope=82, targeted=50, refine=100, shrink_seconds=1.5, seconds=30.0, screen=25600, screen_keep=3)
    >>> budget_for(8)
    StageBudget(small_scope=48, targeted=16, refine=96, shrink_seconds=0.48, seconds=15.0, screen=8192, screen_keep=2)
    """
    return StageBudget(small_scope=2 * max_examples + 32, targeted=2 * max_examples,
                       refine=max(96, 4 * max_examples), shrink_seconds=min(0.06 * max_examples, 20.0),
                       seconds=max(15.0, 1.2 * max_examples), screen=1024 * max_examples,
                       screen_keep=max(2, max_examples // 8))


@dataclass(frozen=True)
class StageReport:
    """One stage: setups examined (premises checked), of which decided, seconds, smallest margin,
    whether it found a counterexample and whether its time ran out before its count.  ``extra``
    holds what only the screen reports (setups screened in float64, the smallest float margin,
    certified candidates, or why the stage was skipped) and, where a candidate of the screen or the
    refinement landed on an exact boundary, the decided setups tried in its place
    (``boundary_retries``) and the candidates so replaced (``stopped_short``)."""

    name: str
    examined: int = 0
    decided: int = 0
    seconds: float = 0.0
    best_margin: float | None = None
    found: bool = False
    out_of_time: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, *, timings: bool = True) -> dict[str, Any]:
        out = {"examined": self.examined, "decided": self.decided,
               "best_margin": _short(self.best_margin), "found": self.found, "out_of_time": self.out_of_time}
        out.update(self.extra)
        if timings:
            out["seconds"] = round(self.seconds, 4)
        return out


@dataclass(frozen=True)
class SearchOutcome:
    r"""What a counterexample search saw.

    Attributes
    ----------
    tried : int
        Setups whose premises held and whose conclusion was decided or attempted.
    undecided : int
        Of those, how many the conclusion check left UNDECIDED.
    skipped : int
        Setups where a premise was not certified to hold.
    counterexample : object or None
        The (shrunk) failing setup (premises certified, conclusion certified FAILS).
    failure : CheckResult or None
        The conclusion's result on the counterexample.
    premises : list of CheckResult
        The premises' results on the counterexample.
    min_margin : float or None
        The smallest ``evidence["margin"]`` seen over decided setups.
    error : str or None
        An unexpected exception in a check (a bug, reported rather than hidden).
    stages : tuple of StageReport
        Each stage that ran, in order.
    certified_setups : int
        Setups meeting the premises whose conclusion was certified HOLDS.
    uncertified : int
        Setups whose conclusion was decided without certification (never evidence).
    boundary_undecided : int
        Candidates of the screen (s) and the refinement (c) left UNDECIDED.  These stages pick
        setups for their small margin on purpose, where a check may not decide; such a candidate
        is not one of the profile's setups (those are drawn by (a) and (b)), so it is reported
        here, not in ``undecided``, and never counts as evidence that the conclusion holds.  Before
        that, the stage stops short of the boundary: a decided setup a shorter step away replaces it
        (see ``backed_off``); only a candidate with no decided replacement is counted here.
    backed_off : int
        Candidates of (s) and (c) left UNDECIDED on an exact boundary and replaced by a decided setup
        just short of it (each stage's ``stopped_short``; the replacement is counted as decided).
    found_by : str or None
        The stage that found the counterexample.
    examined_to_first : int or None
        Setups examined (all stages) up to and including the first counterexample.
    seconds_to_first : float or None
        Seconds from the start of the search to the first counterexample.
    """

    tried: int
    undecided: int
    skipped: int
    counterexample: Any = None
    failure: CheckResult | None = None
    premises: list[CheckResult] = field(default_factory=list)
    min_margin: float | None = None
    error: str | None = None
    stages: tuple[StageReport, ...] = ()
    certified_setups: int = 0
    uncertified: int = 0
    boundary_undecided: int = 0
    backed_off: int = 0
    found_by: str | None = None
    examined_to_first: int | None = None
    seconds_to_first: float | None = None

    @property
    def verdict(self) -> Verdict:
        """FAILS with a certified counterexample, HOLDS when clean (some setup certified, none of the
        profile's undecided), else UNDECIDED; boundary candidates alone never make HOLDS."""
        if self.counterexample is not None:
            return Verdict.FAILS
        if self.error or self.undecided or self.uncertified or self.certified_setups == 0:
            return Verdict.UNDECIDED
        return Verdict.HOLDS

    @property
    def examined(self) -> int:
        """Setups examined over all stages (premises checked)."""
        return sum(s.examined for s in self.stages)

    def stages_json(self, *, timings: bool = True) -> dict[str, Any]:
        """The per-stage reports, keyed by stage name; without ``timings`` the same search gives the
        same JSON on every run (wall-clock seconds are measurements, not results)."""
        return {s.name: s.to_json(timings=timings) for s in self.stages}


def _guard_clock() -> float:
    """The clock of the time guards: this process's CPU time, so that other work on the machine
    (a loaded CI runner, a process pool) does not change what a search examines."""
    return time.process_time()


class _Found(Exception):
    pass


class _Stop(Exception):
    pass


class _Search:
    """The state shared by the stages: counters, the best margins seen, the first counterexample."""

    KEEP = 6  # setups of smallest margin kept as starting points for refinement
    BACKOFFS = 6  # decided setups tried in place of a candidate on an exact boundary

    def __init__(self, conclusion: Check, premises: Sequence[Check]):
        self.conclusion, self.premises = conclusion, list(premises)
        self.tried = self.undecided = self.skipped = self.certified = self.uncertified = 0
        self.boundary_undecided = self.backed_off = 0
        self.examined = 0
        self.kept: Any = None
        self.margin: float | None = None
        self.best: list[tuple[float, int, Any]] = []  # max-heap by -margin of the KEEP smallest
        self.found: tuple[Any, CheckResult, list[CheckResult]] | None = None
        self.start = time.perf_counter()
        self.first: tuple[int, float] | None = None
        self.stage: dict[str, Any] = {}
        self.deadline = math.inf

    def premises_hold(self, setup: Any) -> list[CheckResult] | None:
        pre = []
        for check in self.premises:  # the first unmet premise settles it: the later ones are not run
            try:
                r = check(setup)
            except InvalidArgument:
                return None
            if not (r.verdict is Verdict.HOLDS and r.certified):
                return None
            pre.append(r)
        return pre

    def decide(self, setup: Any, *, count: bool = True) -> tuple[str, float | None, Any]:
        """('skip' | 'fails' | 'holds' | 'undecided' | 'uncertified', margin, record), counted unless
        ``count`` is False."""
        pre = self.premises_hold(setup)
        try:
            res = None if pre is None else self.conclusion(setup)
        except InvalidArgument:
            res = None
        if res is None:
            kind, margin, record = "skip", None, None
        elif res.verdict is Verdict.FAILS and res.certified:
            kind, margin, record = "fails", _margin(res), (setup, res, pre)
        elif res.verdict is Verdict.UNDECIDED:
            kind, margin, record = "undecided", None, None
        else:
            kind, margin, record = "holds" if res.certified else "uncertified", _margin(res), None
        if count:
            self.tally(kind)
        return kind, margin, record

    def tally(self, kind: str) -> None:
        """Count one setup decided as ``kind``; an UNDECIDED candidate of (s) or (c) is counted by
        :meth:`stop_short`."""
        self.examined += 1
        self.stage["examined"] += 1
        if kind == "skip":
            self.skipped += 1
            return
        self.tried += 1
        self.stage["decided"] += 1
        if kind == "undecided" and self.stage.get("name") not in CANDIDATE_STAGES:
            self.undecided += 1
        elif kind == "uncertified":
            self.uncertified += 1
        elif kind == "holds":
            self.certified += 1
            self.stage["certified"] = self.stage.get("certified", 0) + 1

    def see(self, setup: Any, backoff: Iterable[Any] = ()) -> float | None:
        """Decide one setup; record it; raise _Found at a certified counterexample, _Stop past the
        stage's deadline.  A candidate of (s) or (c) left UNDECIDED is replaced by the first decided
        setup of ``backoff`` (:meth:`stop_short`); ``self.kept`` is the setup decided."""
        if _guard_clock() > self.deadline:
            raise _Stop
        kind, margin, record = self.decide(setup)
        if kind == "undecided" and self.stage.get("name") in CANDIDATE_STAGES:
            kind, margin, record, setup = self.stop_short(setup, backoff)
        self.kept = setup
        if kind == "fails":
            self.found = record
            self.first = (self.examined, time.perf_counter() - self.start)
            raise _Found
        if kind == "holds" and margin is not None:
            self.note_margin(margin, setup)
        return margin

    def stop_short(self, setup: Any, backoff: Iterable[Any]) -> tuple[str, float | None, Any, Any]:
        """(kind, margin, record, setup) of the first setup of ``backoff`` (at most ``BACKOFFS`` tried,
        reported as the stage's ``boundary_retries``) that is decided, the candidate then counted in
        ``backed_off``; when none is, the candidate is a boundary candidate."""
        extra = self.stage["extra"]
        for alt in itertools.islice(backoff, self.BACKOFFS):
            if _guard_clock() > self.deadline:
                break
            extra["boundary_retries"] = extra.get("boundary_retries", 0) + 1
            kind, margin, record = self.decide(alt, count=False)
            if kind not in ("undecided", "skip"):
                self.tally(kind)
                self.backed_off += 1
                extra["stopped_short"] = extra.get("stopped_short", 0) + 1
                return kind, margin, record, alt
        self.boundary_undecided += 1
        return "undecided", None, None, setup

    def see_once(self, setup: Any) -> float | None:
        """:meth:`see` for a Hypothesis test body: once a counterexample is found, Hypothesis's
        replay of the failing draw is not counted again."""
        if self.found is not None:
            raise _Found
        return self.see(setup)

    def note_margin(self, margin: float, setup: Any) -> None:
        self.margin = margin if self.margin is None else min(self.margin, margin)
        sm = self.stage.get("best_margin")
        self.stage["best_margin"] = margin if sm is None else min(sm, margin)
        item = (-margin, self.examined, setup)
        if len(self.best) < self.KEEP:
            heapq.heappush(self.best, item)
        elif item > self.best[0]:
            heapq.heapreplace(self.best, item)

    def run_stage(self, name: str, body: Callable[[], None], reports: list[StageReport], until: float) -> bool:
        self.stage = {"name": name, "examined": 0, "decided": 0, "best_margin": None, "extra": {}}
        self.deadline = until
        t0 = time.perf_counter()
        found = stopped = False
        try:
            body()
        except _Found:
            found = True
        except _Stop:
            stopped = True
        except Exception:
            # Hypothesis may wrap the _Found of a counterexample (e.g. as a flaky failure when the
            # clock stops its replay); a counterexample recorded by ``see`` stands on its own
            if self.found is None:
                raise
            found = True
        stopped = stopped or self.stage.get("out_of_time", False)
        extra = self.stage["extra"]
        if name == "screen" and "skipped" not in extra:
            extra["certified"] = self.stage.get("certified", 0) + int(found)
        reports.append(StageReport(name, self.stage["examined"], self.stage["decided"],
                                   time.perf_counter() - t0, self.stage["best_margin"], found, stopped, extra))
        return found


def _short(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.6g}")


def _margin(res: CheckResult) -> float | None:
    m = res.evidence.get("margin")
    if m is None:
        return None
    try:
        value = float(m)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _check_args(max_examples: Any, seed: Any) -> None:
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise InvalidArgument(f"max_examples={max_examples!r} must be a whole number >= 1; pass e.g. 50")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidArgument(f"seed={seed!r} must be a whole number >= 0; pass e.g. seed=0")


def search_counterexample(strategy: SearchStrategy, conclusion: Check, *, premises: Sequence[Check] = (),
                          max_examples: int = 50, seed: int = 0,
                          small_scope: Callable[[int], Iterable[Any]] | None = None,
                          control: bool = False, budget: StageBudget | None = None,
                          stages: Sequence[str] = STAGES, screen: Callable[[Any, int], Any] | None = None
                          ) -> SearchOutcome:
    r"""Search for a setup where every premise HOLDS and ``conclusion`` certifiably FAILS.

    Parameters
    ----------
    strategy : SearchStrategy
        Setups (usually built to satisfy the premises); also the template of the small scope.
    conclusion : callable
        Setup -> CheckResult; its ``evidence["margin"]`` steers stages (b) and (c).
    premises : sequence of callables
        Setup -> CheckResult; all must be certified HOLDS for the setup to count.
    max_examples : int
        The profile's example count; the stage budgets scale with it (:func:`budget_for`).
    seed : int
        Seeds stages (s) and (b); stages (a), (c) and (d) do not depend on it.
    small_scope : callable, optional
        bound -> iterable of setups, the claim's own small scope (default: enumerate finite
        setups of the shapes the strategy draws).
    control : bool
        The claim is a planted false variant: a counterexample is not shrunk.
    budget : StageBudget, optional
        Overrides :func:`budget_for`.
    stages : sequence of str
        The stages to run, a subset of ``("small-scope", "screen", "targeted", "refine", "shrink")``.
    screen : callable, optional
        ``screen(rng, count)`` -> :class:`~pluralnash.properties._screen.Screened`: the claim's
        float64 screen (stage (s) runs only with one).

    Returns
    -------
    SearchOutcome
    """
    _check_args(max_examples, seed)
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise InvalidArgument(f"stages={list(stages)!r} names {unknown[0]!r}; pick from {', '.join(STAGES)}")
    budget = budget or budget_for(max_examples)
    state = _Search(conclusion, premises)
    reports: list[StageReport] = []
    error = None
    try:
        plan = [("small-scope", lambda: _small_scope_stage(state, strategy, small_scope, budget.small_scope)),
                ("screen", lambda: _screen_stage(state, screen, budget, seed)),
                ("targeted", lambda: _targeted_stage(state, strategy, budget.targeted, seed)),
                ("refine", lambda: _refine_stage(state, budget.refine))]
        # a control stops at its first counterexample, so its small scope runs to its count unguarded
        guard = math.inf if control else budget.seconds
        t0 = _guard_clock()
        for name, body in plan:
            if name in ("screen", "targeted"):  # (s) has its own guard; (b) and (c) share one
                t0 = _guard_clock()
            until = t0 + (guard if name == "small-scope" else budget.seconds)
            if name == "screen" and (screen is None or budget.screen < 1 or budget.screen_keep < 1):
                continue
            if name in stages and state.run_stage(name, body, reports, until):
                break
    except Exception as exc:  # a bug in a check: report it, never count it as evidence
        error = f"{type(exc).__name__}: {exc}"
    found = state.found
    if found is not None and "shrink" in stages and not control and budget.shrink_seconds > 0:
        found = _shrink_stage(state, found, budget.shrink_seconds, reports)
    return SearchOutcome(
        tried=state.tried, undecided=state.undecided, skipped=state.skipped,
        counterexample=found[0] if found else None, failure=found[1] if found else None,
        premises=found[2] if found else [], min_margin=state.margin, error=error,
        stages=tuple(reports), certified_setups=state.certified, uncertified=state.uncertified,
        boundary_undecided=state.boundary_undecided, backed_off=state.backed_off,
        found_by=next((r.name for r in reports if r.found and r.name != "shrink"), None),
        examined_to_first=state.first[0] if state.first else None,
        seconds_to_first=state.first[1] if state.first else None,
    )


# -- the stages ----------------------------------------------------------------------------------

def _templates(strategy: SearchStrategy, count: int = 30, see: Callable[[Any], Any] | None = None) -> list:
    """Setups the strategy draws under a fixed internal seed (independent of the user's seed).

    ``see`` is called on each setup as it is drawn (so a counterexample among the first draws
    stops the drawing).  Not cached: two strategies of different claims can share a repr.
    """
    drawn: list = []

    @hypothesis_seed(20260508)
    @settings(max_examples=count, deadline=None, database=None, derandomize=False,
              verbosity=Verbosity.quiet, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(setup):
        if see is not None:
            see(setup)
        drawn.append(setup)

    try:
        draw()
    except Unsatisfiable:
        pass
    return drawn


def _small_scope_stage(state: _Search, strategy: SearchStrategy, small_scope, bound: int) -> None:
    from pluralnash.properties._small_scope import enumerate_landscapes, shape_of

    if small_scope is not None:
        setups: Iterable[Any] = itertools.islice(small_scope(bound), bound)
    else:
        drawn = _templates(strategy, see=state.see_once)
        shapes = {s for s in map(shape_of, drawn) if s is not None}
        setups = enumerate_landscapes(shapes, bound)
    for setup in setups:
        state.see(setup)


def _screen_stage(state: _Search, screen, budget: StageBudget, seed: int) -> None:
    """Stage (s): the claim's screen ranks ``budget.screen`` setups in float64; the
    ``budget.screen_keep`` of smallest float margin are decided by the certified checks."""
    from pluralnash.properties._screen import screen_candidates

    got = screen_candidates(screen, seed, budget.screen, budget.screen_keep)
    extra = state.stage["extra"]
    if isinstance(got, str):
        extra["skipped"] = got
        return
    from pluralnash.properties._refine import nudges

    screened, best, setups = got
    extra.update({"screened": screened, "float_margin": _short(best)})
    for setup in setups:
        state.see(setup, nudges(setup))


def _targeted_stage(state: _Search, strategy: SearchStrategy, examples: int, seed: int) -> None:
    if examples < 1:
        return

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
              phases=[Phase.explicit, Phase.generate, Phase.target],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(setup):
        if state.found is not None:
            raise _Found  # Hypothesis replays the failing draw
        if _guard_clock() > state.deadline:
            state.stage["out_of_time"] = True
            return
        note(repr(setup))
        margin = state.see_once(setup)
        if margin is not None:
            target(-margin, label="closeness to violation")

    try:
        run()
    except Unsatisfiable:
        pass


def _refine_stage(state: _Search, evaluations: int) -> None:
    from pluralnash.numeric import Landscape
    from pluralnash.properties._refine import pattern_search

    starts = [s for _, _, s in sorted(state.best, reverse=True) if isinstance(s, Landscape)][:3]
    left = evaluations
    per_start = max(evaluations // max(len(starts), 1), 1)
    for start in starts:
        if left <= 0:
            return
        left -= pattern_search(state, start, min(per_start, left))


def _shrink_stage(state: _Search, found, seconds: float, reports: list[StageReport]):
    from pluralnash.numeric import Landscape
    from pluralnash.properties._refine import shrink

    t0 = time.perf_counter()
    setup = found[0]
    tried = 0
    if isinstance(setup, Landscape):
        def is_counterexample(cand):
            kind, _, record = state.decide(cand, count=False)
            return record if kind == "fails" else None

        small, record, tried = shrink(setup, is_counterexample, seconds=seconds)
        if record is not None:
            found = record
    reports.append(StageReport("shrink", tried, tried, time.perf_counter() - t0, None, True))
    return found
