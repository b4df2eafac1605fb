r"""Counterexample search: Hypothesis drives setups through a claim's instance check.

A setup is drawn from a strategy built to satisfy the claim's premises; the premises are
re-checked (a setup where one is not certified to hold is skipped and counted), then the
conclusion is decided.  A certified FAILS stops the search; Hypothesis shrinks it, and the
final, smallest failing setup is re-checked and returned.  ``target()`` steers toward small
margins when the check reports one (``evidence["margin"]``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from hypothesis import HealthCheck, Phase, Verbosity, given, note, settings, target
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import Unsatisfiable
from hypothesis.strategies import SearchStrategy

from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = ["SearchOutcome", "search_counterexample"]

Check = Callable[[Any], CheckResult]


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
        The shrunk failing setup (premises certified, conclusion certified FAILS).
    failure : CheckResult or None
        The conclusion's result on the counterexample.
    premises : list of CheckResult
        The premises' results on the counterexample.
    min_margin : float or None
        The smallest ``evidence["margin"]`` seen over decided setups.
    error : str or None
        An unexpected exception in a check (a bug, reported rather than hidden).
    """

    tried: int
    undecided: int
    skipped: int
    counterexample: Any = None
    failure: CheckResult | None = None
    premises: list[CheckResult] = field(default_factory=list)
    min_margin: float | None = None
    error: str | None = None

    @property
    def verdict(self) -> Verdict:
        """FAILS with a certified counterexample, HOLDS when clean, else UNDECIDED."""
        if self.counterexample is not None:
            return Verdict.FAILS
        if self.error or self.undecided or self.tried == 0:
            return Verdict.UNDECIDED
        return Verdict.HOLDS


class _Found(Exception):
    pass


def search_counterexample(strategy: SearchStrategy, conclusion: Check, *, premises: Sequence[Check] = (),
                          max_examples: int = 50, seed: int = 0) -> SearchOutcome:
    r"""Search ``strategy`` for a setup where every premise HOLDS and ``conclusion`` certifiably FAILS.

    Parameters
    ----------
    strategy : SearchStrategy
        Setups (usually built to satisfy the premises).
    conclusion : callable
        Setup -> CheckResult.
    premises : sequence of callables
        Setup -> CheckResult; all must be certified HOLDS for the setup to count.
    max_examples : int
        Hypothesis's budget of generated setups.
    seed : int
        Same seed, same search, same outcome.

    Returns
    -------
    SearchOutcome
    """
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise InvalidArgument(f"max_examples={max_examples!r} must be a whole number >= 1; pass e.g. 50")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidArgument(f"seed={seed!r} must be a whole number >= 0; pass e.g. seed=0")
    state: dict[str, Any] = {"tried": 0, "undecided": 0, "skipped": 0, "margin": None,
                             "found": None, "error": None}

    @hypothesis_seed(seed)
    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=False,
              verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
              phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(setup):
        note(repr(setup))
        pre = [check(setup) for check in premises]
        if any(not (r.verdict is Verdict.HOLDS and r.certified) for r in pre):
            state["skipped"] += 1
            return
        try:
            res = conclusion(setup)
        except InvalidArgument:
            state["skipped"] += 1
            return
        state["tried"] += 1
        if res.verdict is Verdict.FAILS and res.certified:
            state["found"] = (setup, res, pre)
            raise _Found
        if res.verdict is Verdict.UNDECIDED:
            state["undecided"] += 1
            return
        margin = res.evidence.get("margin")
        if margin is not None:
            value = float(margin)
            if math.isfinite(value):
                state["margin"] = value if state["margin"] is None else min(state["margin"], value)
                target(-value, label="closeness to violation")

    try:
        run()
    except _Found:
        pass
    except Unsatisfiable:
        pass
    except Exception as exc:  # a bug in a check: report it, never count it as evidence
        state["error"] = f"{type(exc).__name__}: {exc}"
    found = state["found"]
    return SearchOutcome(
        tried=state["tried"],
        undecided=state["undecided"],
        skipped=state["skipped"],
        counterexample=found[0] if found else None,
        failure=found[1] if found else None,
        premises=found[2] if found else [],
        min_margin=state["margin"],
        error=state["error"],
    )
