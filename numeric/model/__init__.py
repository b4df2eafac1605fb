"""The data model: finite landscapes (``landscape``), setup files parsed, loaded and saved atomically
(``setup_io``, ``fileio``), argument validation (``validate``) and the per-setup cache (``cache``)."""

from pluralnash.numeric.arith import lazy_package

_MODULES = {
    "pluralnash.numeric.model.landscape": ["Landscape", "to_fraction"],
    "pluralnash.numeric.model.setup_io": ["MAX_SETUP_BYTES", "load_setup", "parse_setup", "save_setup"],
    "pluralnash.numeric.model.fileio": [
        "check_writable", "json_default", "read_text", "replace_file", "unwritable", "write_text",
    ],
    "pluralnash.numeric.model.validate": [
        "check_candidates", "check_fraction_in", "check_int", "check_known_keys", "check_positive", "is_whole", "show",
    ],
    "pluralnash.numeric.model.cache": ["per_setup"],
}
# public names for helpers that other packages use, which their modules keep under a private name
_RENAMED = {
    "check_simplex": ("pluralnash.numeric.model.landscape", "_check_simplex"),
    "rows_of": ("pluralnash.numeric.model.landscape", "_rows_of"),
}

__all__, __getattr__, __dir__ = lazy_package(__name__, _MODULES, globals(), _RENAMED)
