r"""The process environment a command runs in: where Hypothesis keeps its files.

Hypothesis reads ``HYPOTHESIS_STORAGE_DIRECTORY`` when it first stores something (its cache of
source constants, an example database).  The command line points it at the user's cache folder,
``$XDG_CACHE_HOME/pluralnash/hypothesis`` (by default ``~/.cache/pluralnash/hypothesis``), so a run
leaves no ``.hypothesis/`` in the folder it runs from.
"""

from __future__ import annotations

import contextlib
import os

__all__ = ["hypothesis_storage"]


@contextlib.contextmanager
def hypothesis_storage():
    """Hypothesis keeps its files in the user's cache folder, never in the folder the command runs from.

    Set for the command and the worker processes it starts, unless the user chose a folder.
    """
    key = "HYPOTHESIS_STORAGE_DIRECTORY"
    if os.environ.get(key):
        yield
        return
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    os.environ[key] = os.path.join(base, "pluralnash", "hypothesis")
    try:
        yield
    finally:
        os.environ.pop(key, None)
