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
- :mod:`~pluralnash.numeric.premises.run_premises`: B.4 and "m_t → 0", statements about all t, decided
  from a certified run of the large-K dynamics (:mod:`pluralnash.numeric.engines.outside_scan`: exact
  then interval steps and a certified tail bound for every later step) and from the certified large-K
  limit p* (:mod:`pluralnash.numeric.engines.certified_limit`): m_t → p*(X \ S_ε), which is zero
  exactly when the limit's support lies in S_ε.

Python spellings: ``eps`` = ε, ``exp_eps`` = e^{-ε}, ``delta`` = δ, ``gaps`` = (Δ_1, Δ_2),
``kappa`` = (κ_1, κ_2), ``q`` = weights[0].
"""

