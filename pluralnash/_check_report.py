r"""What :func:`pluralnash.check_claim` returns: a typed, frozen report that refuses ``bool()``.

A :class:`CheckReport` holds a claim's id and source, one :class:`CheckEntry` per premise and one for
the conclusion.  Each entry's ``verdict`` is a :class:`~pluralnash.theory.Verdict` (HOLDS, FAILS or
UNDECIDED), with ``certified``, the ``method`` that decided it and its ``evidence``.  Neither the
report, nor an entry, nor a verdict has a truth value, so ``assert check_claim(...)`` raises instead of
passing when the conclusion FAILS.  ``to_json()`` gives the JSON-ready dict that
``pluralnash check --json`` writes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from pluralnash.theory import CheckResult, Verdict
from pluralnash.theory._words import plural

__all__ = ["CheckEntry", "CheckReport"]


@dataclass(frozen=True)
class CheckEntry:
    """One premise or the conclusion, decided on one setup.

    ``name`` is ``None`` and ``method`` is ``None`` when no check ran (a premise that is not a property
    of a single setup, or a claim without an instance check); ``evidence["reason"]`` then says why.
    """

    name: str | None
    verdict: Verdict
    certified: bool
    method: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", MappingProxyType(dict(self.evidence)))

    @classmethod
    def from_result(cls, r: CheckResult, name: str | None = None) -> "CheckEntry":
        """An entry from a :class:`CheckResult` (named ``name``, default the result's name); its reason
        joins the evidence as ``reason``."""
        ev = dict(r.evidence)
        if r.reason:
            ev["reason"] = r.reason
        return cls(r.name if name is None else name, r.verdict, r.certified, r.method, ev)

    @classmethod
    def undecided(cls, reason: str, name: str | None = None) -> "CheckEntry":
        """An entry for which no check could run, with the reason."""
        return cls(name, Verdict.UNDECIDED, False, None, {"reason": reason})

    @property
    def reason(self) -> str | None:
        return self.evidence.get("reason")

    def __bool__(self) -> bool:
        raise TypeError("a CheckEntry has no truth value; test `entry.verdict is Verdict.HOLDS` "
                        "(and `entry.certified` if it must be proven)")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.name is None else {"name": self.name}
        out["verdict"] = self.verdict.value
        out["certified"] = self.certified
        if self.method is not None:
            out["method"] = self.method
        out["evidence"] = dict(self.evidence)
        return out


@dataclass(frozen=True)
class CheckReport:
    """A claim's premises and conclusion on one setup.

    Examples
    --------
    >>> from pluralnash import check_claim
    >>> from pluralnash.numeric import Landscape
    >>> L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]])
    >>> out = check_claim("collapse-criterion", L)
    >>> out.conclusion.verdict, out.conclusion.certified
    (Verdict.HOLDS, True)
    >>> bool(out)
    Traceback (most recent call last):
    ...
    TypeError: a CheckReport has no truth value; test `report.conclusion.verdict is Verdict.HOLDS` (and `report.premises_hold`)
    """

    claim_id: str
    source: str
    premises: tuple[CheckEntry, ...]
    conclusion: CheckEntry

    def __post_init__(self) -> None:
        object.__setattr__(self, "premises", tuple(self.premises))

    def __bool__(self) -> bool:
        raise TypeError("a CheckReport has no truth value; test `report.conclusion.verdict is Verdict.HOLDS` "
                        "(and `report.premises_hold`)")

    @property
    def verdict(self) -> Verdict:
        """The conclusion's verdict."""
        return self.conclusion.verdict

    @property
    def premises_hold(self) -> bool:
        """Whether every premise HOLDS with a certificate (a plain bool: it is an exact predicate)."""
        return all(p.verdict is Verdict.HOLDS and p.certified for p in self.premises)

    def premise(self, name: str) -> CheckEntry:
        """The premise entry with this name."""
        for p in self.premises:
            if p.name == name:
                return p
        from pluralnash.theory import InvalidArgument

        names = ", ".join(repr(p.name) for p in self.premises) or "none"
        raise InvalidArgument(f"premise={name!r} is not a premise of {self.claim_id!r}; its premises: {names}")

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim_id, "source": self.source, "premises": [p.to_json() for p in self.premises],
                "conclusion": self.conclusion.to_json()}

    def summary(self) -> str:
        """One line: the conclusion's verdict, how it was decided, and how many premises hold."""
        c = self.conclusion
        how = f"{c.method}, {'certified' if c.certified else 'not certified'}" if c.method else "no check ran"
        held = sum(p.verdict is Verdict.HOLDS for p in self.premises)
        verb = "holds" if held == 1 else "hold"
        return f"{self.claim_id}: conclusion {c.verdict.value} ({how}); {held} of {plural(len(self.premises), 'premise')} {verb}"

    def __repr__(self) -> str:
        return f"<CheckReport {self.summary()}>"

    def _repr_html_(self) -> str:
        e = html.escape
        rows = [("premise", p) for p in self.premises] + [("conclusion", self.conclusion)]
        body = "".join(
            f"<tr><td>{kind}</td><td>{e(p.name or '')}</td><td><b>{p.verdict.value}</b></td>"
            f"<td>{e(p.method or '')}</td><td>{'yes' if p.certified else 'no'}</td>"
            f"<td>{'<br>'.join(e(f'{k}: {v}') for k, v in p.evidence.items())}</td></tr>"
            for kind, p in rows)
        return (f"<div><b>{e(self.claim_id)}</b> ({e(self.source)})<table><tr><th></th><th>checked</th>"
                f"<th>verdict</th><th>method</th><th>certified</th><th>evidence</th></tr>{body}</table>"
                f"<p>{e(self.summary())}</p></div>")


def claim_report_html(rep) -> str:
    """A :class:`~pluralnash.ClaimReport` for Jupyter: verdict, reason, routes, controls, counterexample."""
    import json

    e = html.escape
    hit, total = rep.power
    routes = "".join(f"<tr><td>{e(r.route)}</td><td><b>{r.verdict.value}</b></td>"
                     f"<td>{'yes' if r.certified else 'no'}</td><td>{e(r.summary)}</td></tr>" for r in rep.routes)
    controls = "".join(f"<li><code>{e(c.claim.id)}</code> ({e(c.claim.planted or '')}): <b>{c.verdict.value}</b></li>"
                       for c in rep.controls)
    ce = ""
    if rep.counterexample is not None:
        data = rep.counterexample.to_json() if hasattr(rep.counterexample, "to_json") else repr(rep.counterexample)
        ce = f"<p>minimal counterexample: <code>{e(json.dumps(data, default=str))}</code></p>"
    power = f"{hit}/{total} controls rejected" if total else "no controls run"
    return (f"<div><b>{e(rep.claim.id)}</b>: <b>{rep.verdict.value}</b> ({e(rep.claim.source)}; {power})"
            f"<p>{e(rep.reason)}</p><table><tr><th>route</th><th>verdict</th><th>certified</th><th>summary</th></tr>"
            f"{routes}</table>{ce}{'<ul>' + controls + '</ul>' if controls else ''}</div>")
