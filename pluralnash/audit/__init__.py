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
