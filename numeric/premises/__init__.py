r"""Premises of [FALA26] as predicates on a setup: Assumption 2.1 (i)-(iii), B.1-B.5, and "m_t → 0".

Definitions ([FALA26] §2.1-§2.2; two rewards, basin width ε)
--------------------------------------------------------------------
- r_i^* = max_x r_i(x) over *all* atoms (p_0 may vanish at the maximiser);
  S_{i,ε} = {x : r_i(x) >= r_i^* - ε}, S_ε = S_{1,ε} ∪ S_{2,ε}, "outside" = X \ S_ε.
- Closeness ŵ_i(x) = e^{r_i(x) - r_i^*} = w_i(x) / max_x w_i(x) in (0, 1]; the large-K weight
  W_t(x) = Σ_i q_i ŵ_i(x) / Ẑ_i(t) with Ẑ_i(t) = E_{p_t}[ŵ_i] (W is unchanged by the scaling).
- Masses a_t = p_t(S_{1,ε}), b_t = p_t(S_{2,ε}), m_t = p_t(X \ S_ε).

Sharpest constants (the largest values each premise allows; every valid choice is at most these,
so a statement that must hold for *any* valid constants is tested hardest with these):

- δ   = min_{x ∉ S_ε} min_i (r_i^* - r_i(x))      (e^{-δ} = max_{x ∉ S_ε, i} ŵ_i(x));
  with no atom outside S_ε every δ > 0 is valid and δ is reported as ``None``.
- Δ_1 = min_{x ∈ S_{2,ε}} (r_1^* - r_1(x)),  Δ_2 = min_{x ∈ S_{1,ε}} (r_2^* - r_2(x)).
- κ_i = e^{-(Δ_i - 2ε)} = e^{-Δ_i} / e^{-2ε}: the smallest valid leakage factor.
- B.5's constants are Δ_i + ε (its inequality carries an extra ε).
- B.4's ρ_ε: sup_{t >= 0} sup_{x ∉ S_ε} W_t(x).

[FALA26] Assumption 2.1(iii) names the outside constant δ_{i,ε} and then uses δ_{c,ε}; it is read
as one δ for both rewards (the sharpest δ above is the smaller of the two per-reward values).

Arithmetic
----------
Each quantity is a :class:`~pluralnash.numeric.arith.real.Real`: an exact ``Fraction`` when the setup's form keeps it rational
(exp form ``exp_rewards`` + ``exp_eps``: closeness ratios and κ_i; log form ``rewards`` + ``eps``:
reward gaps, δ and Δ_i), else an interval thunk (``mpmath.iv``) re-evaluated at growing precision
by :func:`~pluralnash.numeric.arith.real.compare`.  A verdict is certified only when exact arithmetic or intervals decided it.

Modules
-------
- :mod:`~pluralnash.numeric.premises.constants`: the sharpest constants (:func:`measure_basin_constants`);
- :mod:`~pluralnash.numeric.premises.basin_premises`: Assumption 2.1 (i)-(iii), B.1-B.3, B.5, κ_i < 1
  and q in the leakage range, decided on the constants;
- :mod:`~pluralnash.numeric.premises.plateau_premises`: the plateau statements' premises (B.6, B.5 and
  "m_t -> 0" on two usable basins, ρ_1 + ρ_2 < 1 off S_ε) and the helpers their conclusion checks share;
- :mod:`~pluralnash.numeric.premises.run_premises`: B.4 and "m_t → 0", statements about all t, decided
  from a certified run of the large-K dynamics (:mod:`pluralnash.numeric.engines.outside_scan`: exact
  then interval steps and a certified tail bound for every later step) and from the certified large-K
  limit p* (:mod:`pluralnash.numeric.engines.certified_limit`): m_t → p*(X \ S_ε), which is zero
  exactly when the limit's support lies in S_ε.

Python spellings: ``eps`` = ε, ``exp_eps`` = e^{-ε}, ``delta`` = δ, ``gaps`` = (Δ_1, Δ_2),
``kappa`` = (κ_1, κ_2), ``q`` = weights[0].
"""

from pluralnash.theory._lazy import lazy_exports

_MODULES = {
    "pluralnash.numeric.premises.constants": [
        "BasinConstants", "measure_basin_constants", "setup_problem", "weaker_method",
    ],
    "pluralnash.numeric.premises.basin_premises": [
        "basin_parts", "check_assumption_2_1_i", "check_assumption_2_1_ii", "check_assumption_2_1_iii",
        "check_assumption_b1", "check_assumption_b2", "check_assumption_b3", "check_assumption_b5",
        "check_kappa_below_one", "check_q_in_leakage_range", "decide_in_order", "q_in_range",
    ],
    "pluralnash.numeric.premises.run_premises": [
        "LimitMasses", "OutsideScan", "b4_rho", "check_assumption_b4", "check_outside_mass_vanishes",
        "limit_basin_masses", "mass_text", "scan_outside",
    ],
    "pluralnash.numeric.premises.plateau_premises": [
        "PLATEAU_PREC", "approx_float", "basin_problem", "check_b5", "check_limit_keeps_both_basins",
        "check_limit_no_outside_mass", "check_outside_domination_hard_limit", "check_plateau", "check_two_basins",
        "evidence_text", "large_k_round", "log_scaled_value", "margin_text", "measure_b5", "outside_atoms",
        "plateau_values", "require_landscape", "scaled_value",
    ],
}

_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [name for names in _MODULES.values() for name in names]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
