r"""What an audit of a table returns: its flags and its numbers, as data.

A :class:`Flag` is the outcome of one audit: ``inconsistent`` (a contradiction, decided exactly;
``premise`` names any assumption it rests on), ``suspicious`` (decided exactly, but a
contradiction only under a premise that is likely but not stated by the paper), ``not reproduced``
(the exact engine, under every setting run, gives something else) or ``note``.  A
:class:`TableResult` holds the paper's numbers, the computed ones and the flags; its text is
rendered by :mod:`pluralnash.report.tables_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from pluralnash.audit.paper_tables import GEOMETRY_SOURCE
from pluralnash.audit.settings import Setting

__all__ = ["Flag", "TableResult"]


@dataclass(frozen=True)
class Flag:
    r"""One audit outcome on the paper's numbers.

    ``severity``: ``inconsistent`` | ``suspicious`` | ``not reproduced`` | ``note``.
    ``method``: ``exact`` (rational arithmetic on the printed values' rounding intervals) or
    ``interval`` (mpmath.iv, including the engine's certified enclosures), or ``mp-point`` (the
    exact engine at ``DPS`` digits under the settings run, where no enclosure decides: evidence,
    not proof).
    """

    id: str
    severity: str
    rows: str
    reason: str
    method: str
    premise: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def certified(self) -> bool:
        return self.method in ("exact", "interval")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "severity": self.severity, "rows": self.rows, "reason": self.reason,
                "method": self.method, "certified": self.certified, "premise": self.premise,
                "evidence": self.evidence}


@dataclass
class TableResult:
    """A reproduced table: the paper's numbers, the computed ones per setting, and the flags.

    ``cells`` holds the computed numbers of the table's text (one dataclass per cell, mp values);
    ``continuum_audit`` the comparison with the certified continuous limit and ``limit_audit`` the
    grid limits' cross-check, when :func:`~pluralnash.audit.tables.reproduce` added them (their flags
    are also the last ones of ``flags``, in that order).
    """

    table: str
    source: str
    settings: list[Setting]
    assumptions: list[str]
    reported: list[dict[str, Any]]
    computed: list[dict[str, Any]]
    flags: list[Flag]
    cells: list[Any] = field(default_factory=list, repr=False)
    seconds: float = 0.0
    limit: list[dict[str, Any]] = field(default_factory=list)  # each cell against the certified limit
    limit_audit: Any = field(default=None, repr=False)
    continuum: list[dict[str, Any]] = field(default_factory=list)  # each cell against the continuous limit
    continuum_audit: Any = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        """The table as text (:func:`pluralnash.report.tables_text.table_lines`)."""
        from pluralnash.report.tables_text import table_lines

        return table_lines(self)

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "source": self.source, "geometry_source": GEOMETRY_SOURCE,
                "reported_numbers_are": "the paper's published values (data under audit), not outputs",
                "assumptions": self.assumptions, "settings": [s.to_json() for s in self.settings],
                "reported": self.reported, "computed": self.computed,
                "flags": [f.to_json() for f in self.flags],
                "against_the_continuous_limit": self.continuum, "against_the_limit": self.limit}


def _method(decisions: Iterable[bool]) -> str:
    """``interval`` when every comparison behind a finding was decided by an enclosure."""
    return "interval" if all(decisions) else "mp-point"
