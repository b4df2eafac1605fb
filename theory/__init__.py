"""Symbolic layer of pluralnash (sympy only): derivations and the verdict types.

Names are imported from their modules on first use (PEP 562): the verdict types in
:mod:`pluralnash.theory._base` need no sympy, so the numeric engines that report verdicts load
without it.  ``DERIVATIONS`` (and ``derive``, which reads it) import every derivation module first.
"""

from pluralnash.theory._lazy import lazy_exports as _lazy_exports

_MODULES = {
    "pluralnash.theory._base": [
        "CERTIFYING_METHODS", "METHODS", "CheckResult", "ClaimVerdict", "InvalidArgument",
        "SolverError", "Verdict",
    ],
    "pluralnash.theory._certify": ["Identity", "certify_identity"],
    "pluralnash.theory._derivation": ["Derivation"],
    "pluralnash.theory._derive": [
        "DERIVATIONS", "derive", "derive_ascent_inequality", "derive_fixed_point_conditions",
        "derive_gradient_identity", "derive_kkt_conditions", "derive_large_k_map",
    ],
    "pluralnash.theory._finite_k": [
        "certify_finite_k_bound", "certify_lemma_3_2_limit", "derive_finite_k_integral",
        "derive_lemma_3_2_bounds",
    ],
    "pluralnash.theory._basins": [
        "certify_lemma_3_3", "derive_decay_induction", "derive_leakage_interval",
        "derive_non_collapse_margin",
    ],
    "pluralnash.theory._basins_general": ["derive_m_basin_interval"],
    "pluralnash.theory._finite_k_basins": ["derive_finite_k_basin_bounds", "derive_two_atom_collapse"],
    "pluralnash.theory._beyond": [
        "certify_collapse_without_uniqueness", "certify_plateau_window", "derive_collapse_criterion",
        "derive_finite_k_expansion", "derive_plateau_window",
    ],
    "pluralnash.theory._continuous": ["derive_continuous_closed_form"],
    "pluralnash.theory._continuous_limit": ["certify_continuous_limit", "derive_mixture_limit"],
    "pluralnash.theory._continuous_collapse": ["certify_continuous_collapse", "derive_collapse_threshold"],
    "pluralnash.theory._ferbach": ["derive_ferbach_variance_bound"],
    "pluralnash.theory._mixing": ["derive_mixing_fixed_point", "derive_mixing_several_rewards"],
    "pluralnash.theory._nash": ["certify_nash_maximiser", "derive_nash_foc", "derive_nash_product"],
    "pluralnash.theory._rates": [
        "PLATEAU_LIPSCHITZ", "derive_limit_sensitivity", "derive_outside_rate", "derive_plateau_sensitivity", "derive_rate_jacobian",
        "derive_tie_rate",
    ],
    "pluralnash.theory._plateau": [
        "certify_plateau_endpoint", "certify_plateau_limit", "certify_variance_bound", "derive_plateau_limit",
        "derive_plateau_recursion", "derive_total_variance", "plateau_limit_value",
    ],
}

_LAZY = {name: module for module, names in _MODULES.items() for name in names}

# registry names of the derivations defined outside _derive, added to DERIVATIONS on first use
_EXTRA_DERIVATIONS = {
    "plateau-recursion": "derive_plateau_recursion",
    "plateau-limit": "derive_plateau_limit",
    "total-variance": "derive_total_variance",
    "ferbach-variance-bound": "derive_ferbach_variance_bound",
    "decay-induction": "derive_decay_induction",
    "leakage-interval": "derive_leakage_interval",
    "non-collapse-margin": "derive_non_collapse_margin",
    "collapse-criterion": "derive_collapse_criterion",
    "finite-k-expansion": "derive_finite_k_expansion",
    "plateau-window": "derive_plateau_window",
    "mixing-fixed-point": "derive_mixing_fixed_point",
    "mixing-several-rewards": "derive_mixing_several_rewards",
    "continuous-closed-form": "derive_continuous_closed_form",
    "m-basin-interval": "derive_m_basin_interval",
    "finite-k-basin-bounds": "derive_finite_k_basin_bounds",
    "two-atom-collapse": "derive_two_atom_collapse",
    "rate-jacobian": "derive_rate_jacobian",
    "outside-rate": "derive_outside_rate",
    "plateau-sensitivity": "derive_plateau_sensitivity",
    "limit-sensitivity": "derive_limit_sensitivity",
    "tie-rate": "derive_tie_rate",
}

# the public names, in the order of _MODULES (one list: the lazy map is the source)
__all__ = [name for names in _MODULES.values() for name in names]


def _all_derivations() -> None:
    from pluralnash.theory._derive import DERIVATIONS

    if not set(_EXTRA_DERIVATIONS) <= set(DERIVATIONS):
        DERIVATIONS.update({key: __getattr__(fn) for key, fn in _EXTRA_DERIVATIONS.items()})


__getattr__, __dir__ = _lazy_exports(
    __name__, _LAZY, globals(),
    after=lambda name: _all_derivations() if name in ("DERIVATIONS", "derive") else None)
