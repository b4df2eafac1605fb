r"""The paper's Tables 3-5 recomputed with the exact continuous engine, and audited.

Conventions
-----------
- Geometry ([FALA26] Appendix C.4) and what the paper leaves unstated: :mod:`pluralnash.audit.settings`
  (one dimension, r_i(x) = -β (x - μ_i)², μ_{1,2} = ∓D/2, S_{i,ε} of radius ρ = sqrt(ε/β),
  uniform p_0; every number computed here says which :class:`Setting` made it).
- Leakage constants: the sharpest Δ of the geometry, so κ = exp(-(β (D - ρ)² - 2ε))
  (:func:`sharp_kappa`), and Lemma 3.4's interval [max{0, (q - κ_1)/(1 - κ_1)}, min{1, q/(1 - κ_2)}]
  (:func:`leakage_interval`).
- A reported number printed with k decimals stands for the interval of half a unit in its last
  place around it (:func:`~pluralnash.audit.paper_tables.half_ulp`); audits of reported numbers
  are decided in exact rational arithmetic over those intervals (:mod:`pluralnash.audit.printed`).
- A :class:`Flag` is the outcome of one audit (:mod:`pluralnash.audit.results`); a table's flags
  and numbers come back as a :class:`TableResult`, rendered as text by
  :mod:`pluralnash.report.tables_text`.
- Engine comparisons are decided on rigorous enclosures of the engine's values
  (``run_continuous(..., certify=True)``, :mod:`pluralnash.audit.runs`): certified when the
  enclosure decides, evidence only (the 20-digit point value) otherwise.  Certified is about the
  computation under the stated settings; the paper's own settings remain unknown.
- Each table is also judged against the certified limit of the continuous dynamics
  (:mod:`pluralnash.audit.tables_continuum`), and, as a cross-check, against the certified limits
  of two discretisations (:mod:`pluralnash.audit.tables_limit`).

Python spellings: ``q`` = weight of reward 1, ``D`` = distance between the modes, ``eps`` = ε,
``beta`` = β = 1/τ, ``T`` = rounds, ``a_T`` = p_T(S_{1,ε}), ``m_T`` = mass outside both basins.
"""

from __future__ import annotations

from typing import Sequence

from pluralnash.audit.results import Flag, TableResult
from pluralnash.audit.runs import EngineRuns
from pluralnash.audit.settings import SETTINGS, Setting
from pluralnash.audit.table3 import leakage_interval, reproduce_table3, sharp_kappa
from pluralnash.audit.table4 import reproduce_table4
from pluralnash.audit.table5 import reproduce_table5
from pluralnash.audit.tables_continuum import continuum_section
from pluralnash.audit.tables_limit import limit_section
from pluralnash.theory import InvalidArgument

__all__ = ["Setting", "SETTINGS", "Flag", "TableResult", "reproduce_table3", "reproduce_table4",
           "reproduce_table5", "reproduce", "TABLES", "sharp_kappa", "leakage_interval"]

TABLES = {"table3": reproduce_table3, "table4": reproduce_table4, "table5": reproduce_table5}


def reproduce(table: str, settings: Sequence[str] | None = None, map_fn=None) -> TableResult:
    """Dispatch on ``table`` in {"table3", "table4", "table5"}, and judge it against the limit: the
    certified continuous limit (:mod:`pluralnash.audit.tables_continuum`), then the grid limits as a
    cross-check (:mod:`pluralnash.audit.tables_limit`).

    ``map_fn(fn, args)`` returns ``[fn(*a) for a in args]`` and may spread the engine's
    independent geometries over workers (``pluralnash._sweep.map_tasks``); the result does not
    depend on it.  The engine's runs live as long as this call.
    """
    if table not in TABLES:
        raise InvalidArgument(f"table={table!r} is not reproducible; choose one of {', '.join(TABLES)}")
    runs = EngineRuns()
    result = TABLES[table](settings, map_fn, runs=runs)
    continuum = continuum_section(table, result.settings, runs=runs)
    audit = limit_section(table, result.settings, runs=runs)
    result.flags.extend(continuum.flags)  # the table's own flags, then the continuum's, then the grids'
    result.flags.extend(audit.flags)
    result.continuum, result.continuum_audit = continuum.computed, continuum
    result.limit = audit.computed
    result.limit_audit = audit
    return result
