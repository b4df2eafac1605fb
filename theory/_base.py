r"""Errors and three-valued verdicts shared by every layer of pluralnash.

Conventions
-----------
An *instance check* decides one premise or conclusion on one setup and returns a
:class:`CheckResult` whose :class:`Verdict` is ``HOLDS``, ``FAILS`` or ``UNDECIDED``.
A *claim* (a statement from a paper) gets a :class:`ClaimVerdict` on a ladder: ``PROVED``
(a complete certified symbolic proof, standard theorems cited by name), ``VERIFIED`` (a property
test: enough setups, each certified, none undecided, every planted control rejected),
``FALSIFIED`` (a certified counterexample meeting every premise) or ``INCONCLUSIVE`` (with the
reason).  Each comes with its *basis*, the evidence it rests on.

Neither can be used as a bool: ``assert check(...)`` raises ``TypeError`` instead of
passing by accident.  Compare with ``is``: ``result.verdict is Verdict.HOLDS``.

A result is *certified* only when exact rational arithmetic, interval arithmetic or a
symbolic identity decided it (``method`` in ``{"symbolic", "exact", "interval"}``).
A high-precision point evaluation (``method="mp-point"``) is evidence, never a
certificate.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "InvalidArgument",
    "SolverError",
    "Verdict",
    "ClaimVerdict",
    "CheckResult",
    "CERTIFYING_METHODS",
    "METHODS",
]


class InvalidArgument(ValueError):
    """Bad user input: the message names the value, the rule it breaks and the fix."""


class SolverError(RuntimeError):
    """A numerical method did not reach what was asked; the message says what it measured."""


class _NoBool:
    """What the verdict enums share: no truth value, repr ``Class.NAME``, str the value."""

    def __bool__(self) -> bool:
        raise TypeError(
            f"{self!r} has no truth value; compare it explicitly, "
            f"e.g. `result.verdict is Verdict.HOLDS`"
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return self.value


class Verdict(_NoBool, enum.Enum):
    """Outcome of one instance check (SymPy's fuzzy True / False / None)."""

    HOLDS = "HOLDS"
    FAILS = "FAILS"
    UNDECIDED = "UNDECIDED"

    @classmethod
    def of(cls, value: bool | None) -> "Verdict":
        """Map a fuzzy bool (``True``/``False``/``None``) to a verdict."""
        if value is None:
            return cls.UNDECIDED
        return cls.HOLDS if value else cls.FAILS


class ClaimVerdict(_NoBool, enum.Enum):
    """Overall verdict on a claim, combined from its routes: a ladder, strongest first.

    ``PROVED``
        A certificate covers the statement as encoded for every setup meeting its premises.
    ``VERIFIED``
        A property test passed: the profile's number of setups, each decided with exact, interval
        or symbolic arithmetic, none undecided, and every planted control ``FALSIFIED``.
    ``FALSIFIED``
        A certified counterexample meeting every premise.
    ``INCONCLUSIVE``
        Anything else; the report says why.

    Tested is not proved, and ``mp-point`` evidence is neither.
    """

    PROVED = "PROVED"
    VERIFIED = "VERIFIED"
    FALSIFIED = "FALSIFIED"
    INCONCLUSIVE = "INCONCLUSIVE"


METHODS = ("symbolic", "exact", "interval", "mp-point")
CERTIFYING_METHODS = frozenset({"symbolic", "exact", "interval"})


@dataclass(frozen=True)
class CheckResult:
    r"""One decided (or undecided) inequality, identity or predicate.

    Parameters
    ----------
    name : str
        What was checked, e.g. ``"F(p_{t+1}) >= F(p_t)"`` or ``"premise: weights on simplex"``.
    verdict : Verdict
    method : str
        One of ``"symbolic"``, ``"exact"``, ``"interval"``, ``"mp-point"``.
    evidence : dict
        JSON-ready facts: margins, enclosures, the failing piece.
    reason : str, optional
        Why the check is undecided, or which piece failed.
    """

    name: str
    verdict: Verdict
    method: str
    evidence: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.verdict, Verdict):
            raise InvalidArgument(
                f"verdict={self.verdict!r} must be a Verdict; use Verdict.of(...) to convert a fuzzy bool"
            )
        if self.method not in METHODS:
            raise InvalidArgument(
                f"method={self.method!r} is not a known method; use one of {', '.join(METHODS)}"
            )

    @property
    def certified(self) -> bool:
        """True when a decided verdict rests on exact, interval or symbolic arithmetic."""
        return self.verdict is not Verdict.UNDECIDED and self.method in CERTIFYING_METHODS

    def __bool__(self) -> bool:
        raise TypeError(
            "a CheckResult has no truth value; test `result.verdict is Verdict.HOLDS` "
            "(and `result.certified` if it must be proven)"
        )

    def to_json(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "verdict": self.verdict.value,
            "method": self.method,
            "certified": self.certified,
            "evidence": self.evidence,
        }
        if self.reason:
            out["reason"] = self.reason
        return out
