r"""Lazy package exports (PEP 562), written once for every package of pluralnash.

A package lists its public names by module; :func:`lazy_exports` returns the module-level
``__getattr__`` and ``__dir__`` that import a name's module on first use and keep the value in the
package's namespace, so later look-ups are plain attribute reads.  This module imports nothing of the
toolkit, so every layer can use it.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

__all__ = ["lazy_exports"]


def lazy_exports(package: str, lazy: dict[str, str], namespace: dict[str, Any],
                 after: Callable[[str], None] | None = None):
    """``(__getattr__, __dir__)`` for ``package``, whose names ``lazy`` maps to their modules.

    ``after(name)`` runs once a name has been imported (e.g. to complete a registry).

    Examples
    --------
    >>> ns = {}
    >>> getattr_, dir_ = lazy_exports("demo", {"sqrt": "math"}, ns)
    >>> getattr_("sqrt")(4.0), "sqrt" in ns, dir_()
    (2.0, True, ['sqrt'])
    """

    def __getattr__(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value  # later look-ups skip this function
        if after is not None:
            after(name)
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *lazy})

    return __getattr__, __dir__
