"""The audit of the paper's reported tables: recompute each number with the exact engines and flag
the ones that disagree.

:mod:`~pluralnash.audit.tables` is the entry point (``reproduce``); beside it
:mod:`~pluralnash.audit.paper_tables` (the published numbers, data under audit),
:mod:`~pluralnash.audit.settings` (what the paper leaves unstated), :mod:`~pluralnash.audit.runs`
(the engine's runs and decisions on their enclosures), :mod:`~pluralnash.audit.printed` (Table 3's
printed numbers against Lemma 3.4, exactly), one module per table (``table3``, ``table4``,
``table5``), :mod:`~pluralnash.audit.tables_limit` (each table against the certified limit) and
:mod:`~pluralnash.audit.results` (flags and results as data).  The text is rendered by
:mod:`pluralnash.report.tables_text`."""

from pluralnash.numeric.arith import lazy_package as _lazy_package

_MODULES = {
    "pluralnash.audit.tables": ["SETTINGS", "TABLES", "reproduce"],
    "pluralnash.audit.results": ["Flag", "TableResult"],
    "pluralnash.audit.settings": ["COMMON_ASSUMPTIONS", "Q_GRID", "Setting"],
    "pluralnash.audit.tables_limit": ["LimitAudit", "discretised_landscape", "evaluate_grid_limit", "limit_section"],
    "pluralnash.audit.tables_continuum": ["continuous_limit_of", "continuum_lines"],
}
# public names for helpers that the report and the command line use, kept private in their modules
_RENAMED = {
    "fixed_cell": ("pluralnash.audit._text", "_s"),
    "significant_cell": ("pluralnash.audit._text", "_e"),
    "midpoint_text": ("pluralnash.audit.tables_limit", "_txt"),
    "select_settings": ("pluralnash.audit.settings", "_select"),
}

__all__, __getattr__, __dir__ = _lazy_package(__name__, _MODULES, globals(), _RENAMED)
