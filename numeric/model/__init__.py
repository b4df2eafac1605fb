"""The data model: finite landscapes (``landscape``), setup files parsed, loaded and saved atomically
(``setup_io``, ``fileio``), argument validation (``validate``) and the per-setup cache (``cache``)."""
