r"""The continuous geometry's closed form ([FALA26] Appendix C.4, any m and d), registered on import.

``continuous-closed-form``: for quadratic rewards and a Gaussian start (any d) or a uniform start
(d = 1), the large-K dynamics is a finite Gaussian mixture with explicit parameters and weights;
the engine :func:`pluralnash.numeric.run_continuous` computes it.  Routes: sympy certifies the
identities (:func:`pluralnash.theory.derive_continuous_closed_form`); the instance compares the
engine's Z_i(t) and basin masses with quadrature of the step-by-step dynamics; the property search
draws :func:`pluralnash.properties._strategies_continuous.quadratic_landscapes`.
"""

from __future__ import annotations


from pluralnash._registry import Claim, Premise, Variant, register
from pluralnash.claims._continuous_checks import check_continuous_closed_form, check_continuous_setup


def _symbolic():
    from pluralnash.theory._continuous import derive_continuous_closed_form

    return derive_continuous_closed_form().certify()


def _strategy():
    from pluralnash.properties._strategies_continuous import quadratic_landscapes

    return quadratic_landscapes()


def _one_dimensional_strategy():
    from pluralnash.properties._strategies_continuous import quadratic_landscapes

    return quadratic_landscapes(max_dim=1, min_rewards=2, distinct_centres=True)


def _planted(variant: str) -> dict:
    # a mismatch is certified by intervals in d = 1 only, so the controls search there (m >= 2
    # distinct centres, where every planted change can show)
    return dict(instance=lambda L: check_continuous_closed_form(L, variant=variant),
                strategy=_one_dimensional_strategy)


SETUP = Premise("quadratic setup", "rewards -beta |x - mu_i|^2, a Gaussian start (any d) or a uniform start (d = 1), "
                                   "eps > 0 given", check_continuous_setup)

CONTINUOUS = Claim(
    id="continuous-closed-form",
    models=("large-k",),
    source="[FALA26] Eq. 5 and Appendix C.4 (quadratic rewards), generalised; closed form: pluralnash (this toolkit)",
    statement="For rewards r_i(x) = -beta |x - mu_i|^2 on R^d and p_0 = N(m_0, s^2 I) (or uniform on [a, b] when "
              "d = 1), the large-K dynamics is the finite mixture p_t = p_0 sum_{|n|=t} c_n(t) prod_i e^{n_i r_i}, "
              "c_n(t+1) = sum_{i: n_i >= 1} c_{n-e_i}(t) q_i / Z_i(t), Z_i(t) = sum_n c_n(t) M(n + e_i); each term "
              "is -beta k |x - mubar_n|^2 - beta V_n in the exponent (k = |n|), a Gaussian N(m_n, v I) with "
              "1/v = 1/s^2 + 2 beta k, m_n = v (m_0/s^2 + 2 beta k mubar_n), and M(n) = (1 + 2 beta k s^2)^{-d/2} "
              "exp(-beta V_n - beta k |m_0 - mubar_n|^2 / (1 + 2 beta k s^2)) (an erf difference for the uniform start).",
    premises=(SETUP,),
    setup_kind="continuous",
    conclusion="the engine's Z_i(t) and basin masses p_t(S_i,eps) equal those of the dynamics p_{t+1} = p_t W_t",
    reading="Symbolic (partial: the recursion is checked at m <= 3, t <= 3): completing the square in aggregate form (any m) and for "
            "m = 2, 3; the Gaussian component and M(n); the erf form by the fundamental theorem of calculus; the "
            "expansion of prod_s W_s into the c_n for m <= 3, t <= 3 and the weights' normalisation; coordinate "
            "factorisation, linearity and the induction over t are cited. Instance: the engine (run_continuous, "
            "20 digits) against Gauss-Legendre quadrature of p_0 prod_{s<t} W_s built step by step (d = 1; in "
            "d > 1 only with m_0 and the centres on one line, reduced to the line times a centred Gaussian across "
            "it), t <= 3, within 10 x the quadrature's error estimate: agreement is mp-point evidence, not a "
            "certificate. A disagreement in d = 1 is certified by interval enclosures (mpmath.iv cell sums) of the "
            "exact Z_i(t); that is how the planted controls are rejected.",
    symbolic=_symbolic,
    symbolic_covers=False,
    instance=lambda L: check_continuous_closed_form(L),
    strategy=_strategy,
).with_controls(
    Variant("precision-without-2", "1/v = 1/s^2 + beta k (the factor 2 dropped), with M(n) = "
                                   "(1 + beta k s^2)^{-d/2} exp(-beta V_n - beta k |m_0 - mubar|^2/(1 + beta k s^2))",
            **_planted("precision-without-2")),
    Variant("no-V-factor", "M(n) without the factor e^{-beta V_n} (sum_i n_i r_i = -beta k |x - mubar_n|^2)",
            **_planted("no-V-factor")),
    Variant("unnormalised", "c_n(t+1) = sum_i c_{n-e_i}(t) q_i: the weights not divided by Z_i(t)",
            **_planted("unnormalised")),
)

register(CONTINUOUS)

# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((290, CONTINUOUS),)
