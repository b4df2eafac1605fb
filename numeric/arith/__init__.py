"""Number kernels: exact-or-interval reals and decide-at-growing-precision (``real``, ``intervals``), erf
enclosures (``erf``), the block-float kernel (``blockfloat``), exact linear algebra (``linalg``), the
Fraction-to-number conversion (``rational``), precision checks (``precision``) and the one number
formatter (``format``); ``display`` renders landscapes and limits with it."""

from __future__ import annotations

import importlib
from typing import Any, Callable

from pluralnash.theory._lazy import lazy_exports

_MODULES = {
    "pluralnash.numeric.arith.real": ["Real", "compare"],
    "pluralnash.numeric.arith.intervals": [
        "decide_growing", "decide_less", "iv", "iv_exact", "iv_frac", "iv_workprec", "sign_of",
    ],
    "pluralnash.numeric.arith.rational": ["frac_mpf"],
    "pluralnash.numeric.arith.precision": ["CONTINUOUS_MAX_DPS", "CONTINUOUS_MIN_DPS", "MAX_DPS", "MIN_DPS", "check_dps"],
    "pluralnash.numeric.arith.format": [
        "clip_text", "decimal_text", "directed_text", "enclosure_text", "fixed_text", "general_text", "midpoint_text",
        "nstr_at", "number_text", "outward_text", "value_text",
    ],
    "pluralnash.numeric.arith.linalg": ["independent_rows", "rank_exact", "solve_augmented", "solve_exact", "solve_float"],
    "pluralnash.numeric.arith.erf": [
        "BACKEND", "GUARD_BITS", "erf_backend", "erf_enclosure", "erfc_enclosure", "erfc_sqrt_enclosure",
        "erfc_surd_enclosure",
    ],
    "pluralnash.numeric.arith.blockfloat": [
        "BlockFloat", "differences", "exp_neg", "exp_up_floats", "from_mpf", "from_rationals", "rationals_to_mpf",
        "round_ints", "to_mpf",
    ],
    "pluralnash.numeric.arith.display": ["landscape_html", "landscape_latex", "limit_html"],
    "pluralnash.numeric.arith.arb": [
        "arb_prec", "ball_iv", "flint_module", "frac_ball", "interval_backend", "iv_ball", "iv_contains",
    ],
}
# public names for helpers that other packages use, which their modules keep under a private name
_RENAMED = {
    "lower_end": ("pluralnash.numeric.arith.real", "_lo"),
    "upper_end": ("pluralnash.numeric.arith.real", "_hi"),
}


def lazy_package(package: str, modules: dict[str, list[str]], namespace: dict[str, Any],
                 renamed: dict[str, tuple[str, str]] | None = None) -> tuple[list[str], Callable, Callable]:
    """``(__all__, __getattr__, __dir__)`` of a package of :mod:`pluralnash.numeric` whose public names are
    ``modules`` (module -> names) and ``renamed`` (public name -> (module, the module's own name)), each
    imported on first use (:func:`~pluralnash.theory._lazy.lazy_exports`).

    Examples
    --------
    >>> ns = {}
    >>> names, getattr_, dir_ = lazy_package("demo", {"math": ["sqrt"]}, ns, {"root": ("math", "sqrt")})
    >>> names, getattr_("root")(9.0), dir_()
    (['sqrt', 'root'], 3.0, ['root', 'sqrt'])
    """
    renamed = renamed or {}
    lazy = {name: module for module, names in modules.items() for name in names}
    plain_getattr, plain_dir = lazy_exports(package, lazy, namespace)

    def __getattr__(name: str) -> Any:
        if name not in renamed:
            return plain_getattr(name)
        module, own = renamed[name]
        value = namespace[name] = getattr(importlib.import_module(module), own)
        return value

    def __dir__() -> list[str]:
        return sorted({*plain_dir(), *renamed})

    return [*lazy, *renamed], __getattr__, __dir__


_NAMES, __getattr__, __dir__ = lazy_package(__name__, _MODULES, globals(), _RENAMED)
__all__ = [*_NAMES, "lazy_package"]
