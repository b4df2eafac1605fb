r"""Rates and stability of the large-K limit, the toolkit's own statements; the registry registers them from ``TABLE``.

- ``rate-linear``: at a non-degenerate limit the large-K map's Jacobian has spectral radius
  ρ = max(μ, ρ_out) < 1, and ‖p_t - p*‖_1 decays like ρ^t;
- ``rate-outside-mass``: the mass off the limit's support decays at the rate ρ_out = max W* off it (the
  slope of log m_t that [FALA26] Table 4 reports);
- ``plateau-sensitivity``: the plateau limit a_∞(q) moves with q at the exact rate 1/(1-k_2) + k_1/(1-k_1);
- ``limit-lipschitz``: p* is Lipschitz in q near a non-degenerate limit with the implicit-function
  constant ‖A_S^{-1} ∂G/∂q‖_1.

- ``rate-tie``: at a degenerate tie (a point-mass limit δ_g, one atom y off it with W*(y) = 1) the
  convergence is sublinear: p_t(y) ~ 1/(V t), V = Σ_i q_i (w_i(y)/w_i(g))² - 1.

The family: the premises and conclusion checks in :mod:`~pluralnash.claims.rates.checks`, the statements
and their planted forms in :mod:`~pluralnash.claims.rates.planted`; the engine
:mod:`pluralnash.numeric.engines.jacobian`; the derivations in :mod:`pluralnash.theory._rates`.
"""

from __future__ import annotations

from functools import partial

from pluralnash._registry import Premise, Variant
from pluralnash.claims._declare import STRATEGIES_BEYOND, Family, drawn, plant
from pluralnash.claims.beyond import PLATEAU_NO_OUTSIDE, SIMPLEX
from pluralnash.claims.beyond.plateau_screen import plateau_sensitivity_screen
from pluralnash.claims.rates.checks import (
    check_limit_lipschitz,
    check_nondegenerate_limit,
    check_off_support_mass,
    check_one_tie,
    check_tie_rate,
    tie_constant,
    check_plateau_sensitivity,
    check_rate_linear,
    check_rate_outside,
    check_unique_limit,
)
from pluralnash.claims.rates.screen import outside_rate_screen, spectral_screen
from pluralnash.claims.rates.planted import (
    lipschitz_ift,
    lipschitz_gap_free,
    lipschitz_ift_half,
    lipschitz_one,
    lipschitz_plateau,
    lipschitz_plateau_half,
    rate_outside,
    rate_outside_spectral,
    rate_outside_squared,
    rate_spectral,
    rate_squared,
    tie_constant_first_power,
    tie_constant_half,
)

THEORY_RATES = "pluralnash.theory._rates"
STRATEGIES_RATES = "pluralnash.properties._strategies_rates"
# large K; each derivation of theory._rates is partial evidence
RATES_FAMILY = Family(("large-k",), THEORY_RATES)

UNIQUE = Premise("unique exact limit", "two rational rewards at large K, q in (0, 1); the large-K limit p* is exact "
                                       "and unique", check_unique_limit)
NONDEGENERATE = Premise("strict complementarity", "the limit p* is exact and unique and W*(y) < 1 for every atom of "
                                                  "supp p_0 off its support", check_nondegenerate_limit)
OFF_MASS = Premise("mass off the support", "p_0 charges an atom off the limit's support", check_off_support_mass)

RATES = drawn("rate_landscapes", module=STRATEGIES_RATES)
TIES = drawn("tie_landscapes", module=STRATEGIES_RATES)


def _without_strict_complementarity(premises: tuple) -> Variant:
    """The control dropping strict complementarity, searched on limits with an exact tie W*(y) = 1."""
    return Variant("no-strict-complementarity", "premise 'W*(y) < 1 off the support' dropped (degenerate ties allowed)",
                   premises=premises, strategy=TIES)


RATE_LINEAR = RATES_FAMILY.claim(
    id="rate-linear",
    source="pluralnash (this toolkit); cf. [FALA26] Eq. 5, Lemma 3.3",
    statement="For two rewards, at a non-degenerate large-K limit p* (unique, W*(y) < 1 off its support S), the "
              "Jacobian J of the map p -> p W_p at p* has the spectrum {0, mu, W*(y) : y in supp p_0 \\ S} with "
              "mu = E_{p*}[w_1 w_2]/(Z_1* Z_2*) when p* charges two reward vectors (no mu for a point mass), so its "
              "spectral radius rho = max(mu, max_{y not in S} W*(y)) is < 1: p_t -> p* linearly, "
              "||p_t - p*||_1 <= C_eps (rho + eps)^t for every eps > 0.",
    premises=(SIMPLEX, NONDEGENERATE),
    conclusion="rho(J*) = max(mu, max_{y off S} W*(y)) < 1, the linear rate of p_t -> p*",
    reading="Symbolic (partial): the Jacobian's block structure and characteristic polynomial at the KKT point, and "
            "0 < mu < 1 for Pareto-incomparable support atoms (theory._rates, rate-jacobian); Ostrowski's theorem "
            "(local linear convergence at every rate above rho) is cited. Instance: J exactly at the exact limit, "
            "its characteristic polynomial certified equal to the derivation's, so the spectrum is known exactly; "
            "the claimed rate must be a root with none larger, and below 1. A certified fixed-point interval run of "
            "T rounds (rho^T near 10^-10, T <= 250) is shown beside it: e_T and the observed rate "
            "(e_T/e_{T/2})^(2/T), evidence that never makes the verdict (a finite run cannot bound sup_t e_t/rho^t). "
            "At a degenerate tie rho = 1 and the decay is sublinear; its exact form is not stated by the toolkit.",
    derivation="derive_rate_jacobian",
    cites=("Ostrowski's theorem",),
    instance=partial(check_rate_linear, rate=rate_spectral),
    strategy=RATES,
    screen=spectral_screen(),
).with_controls(
    plant("rate-squared", "the linear rate is rho^2 (the distance decays like rho^(2t))", rate=rate_squared),
    _without_strict_complementarity((SIMPLEX, UNIQUE)),
)


RATE_OUTSIDE = RATES_FAMILY.claim(
    id="rate-outside-mass",
    source="pluralnash (this toolkit); cf. [FALA26] Lemma 3.3, Table 4 (slopes of log m_t)",
    statement="For two rewards, at a non-degenerate large-K limit p* with p_0 charging atoms off its support S, the "
              "mass m_t = p_t(supp p_0 \\ S) satisfies m_{t+1}/m_t -> rho_out = max_{y not in S} W*(y): the slope "
              "of log m_t tends to log rho_out, which is the slope Table 4 should show.",
    premises=(SIMPLEX, NONDEGENERATE, OFF_MASS),
    conclusion="m_{t+1}/m_t -> rho_out = max_{y off S} W*(y)",
    reading="Symbolic (partial): m_{t+1}/m_t = sum_y s_t(y) W_t(y) and its deviation from rho_out split into a share "
            "term and a weight term (theory._rates, outside-rate); W_t -> W* (nash-limit) and the vanishing shares "
            "are cited. Instance: rho_out exactly from the exact limit; on a certified interval run, "
            "|m_{T+1}/m_T - rho_claimed| <= 2 delta_T + 10^-30 with delta_T the certified bound on "
            "|m_{T+1}/m_T - rho_out|. S is the support of the limit, not the paper's S_eps: where the limit "
            "charges each basin's top alone the two agree.",
    derivation="derive_outside_rate",
    instance=partial(check_rate_outside, rate=rate_outside),
    strategy=RATES,
    screen=outside_rate_screen(),
).with_controls(
    plant("rate-squared", "the outside mass decays at rho_out^2", rate=rate_outside_squared),
    plant("spectral-radius", "the outside mass decays at the Jacobian's spectral radius max(mu, rho_out)",
          rate=rate_outside_spectral),
)


PLATEAU_SENSITIVITY = RATES_FAMILY.claim(
    id="plateau-sensitivity",
    source="pluralnash (this toolkit); cf. [FALA26] Prop. 3.4, Lemma 3.4 (B.6)",
    statement="In the plateau model (B.6) with no outside mass, large K, the limit a_inf = clamp(a*, 0, 1), "
              "a* = q/(1 - k_2) - (1 - q) k_1/(1 - k_1), k_i = e^{-Delta_i}, moves with q at the exact rate "
              "L_q = 1/(1 - k_2) + k_1/(1 - k_1) > 1 inside (0, 1) and never faster; with the gaps at the rates "
              "|da*/dk_2| = q/(1 - k_2)^2 and |da*/dk_1| = (1 - q)/(1 - k_1)^2, so on [k', k] a_inf moves at most "
              "the rate at the larger end times |k - k'|.",
    premises=(SIMPLEX, PLATEAU_NO_OUTSIDE),
    conclusion="a_inf(q') - a_inf(q) = L_q (q' - q) inside (0, 1), |Delta a_inf| <= L_q |dq| + L_k1 |dk_1| + L_k2 |dk_2|",
    reading="Symbolic: da*/dq and da*/dk_i in sympy, a* affine in q, L_q > 1 on the whole domain k_i in (0, 1) (a "
            "sign argument), |da*/dk_i| increasing in k_i (theory._rates, plateau-sensitivity); clamping is "
            "1-Lipschitz (cited). Instance: the exact limits at q, q +- min(q, 1 - q)/4 and with each k_i moved to "
            "7 k_i/8 (the cross values of the setup's plateau scaled), solved exactly on the setup's landscape.",
    derivation="derive_plateau_sensitivity",
    cites=("clamping is 1-Lipschitz",),
    instance=partial(check_plateau_sensitivity, lipschitz=lipschitz_plateau),
    strategy=drawn("plateau_window_landscapes", module=STRATEGIES_BEYOND),
    screen=plateau_sensitivity_screen(),
).with_controls(
    plant("half-constant", "every constant off by a factor: L/2", lipschitz=lipschitz_plateau_half),
    plant("one-for-one", "a_inf moves one for one with q (L_q = 1, the hard-separation slope)",
          lipschitz=lipschitz_one),
    plant("gap-free", "a_inf does not move with the gaps (L_k1 = L_k2 = 0)", lipschitz=lipschitz_gap_free),
)


LIMIT_LIPSCHITZ = RATES_FAMILY.claim(
    id="limit-lipschitz",
    source="pluralnash (this toolkit); cf. [FALA26] Eq. 5, Theorem 3.7",
    statement="For two rewards, at a non-degenerate large-K limit p*(q) (unique, W*(y) < 1 off its support S, "
              "A_S invertible), q -> p*(q) is Lipschitz near q with constant L = ||A_S^{-1} dG/dq||_1, "
              "A(x, y) = sum_i q_i w_i(x) w_i(y)/Z_i*^2, dG/dq(x) = w_1(x)/Z_1* - w_2(x)/Z_2* (implicit function "
              "theorem on the KKT system W(x) = 1 on S).",
    premises=(SIMPLEX, NONDEGENERATE),
    conclusion="||p*(q') - p*(q)||_1 <= L |q' - q| for q' near q",
    reading="Symbolic (partial): A v = dG/dq along the KKT curve, W* off the support constant along it, a(q) affine "
            "(theory._rates, limit-sensitivity); the implicit function theorem is cited. Instance: L exactly (A_S "
            "invertible by an exact solve); the exact limits at q +- min(q, 1 - q)/2^j, j = 2, 5, 8; a step counts "
            "when it certifies an affine piece of p* (nested supports, W_q = 1 on the new support), and then the "
            "bound at that step decides it on the whole segment. Weights move, rewards stay.",
    derivation="derive_limit_sensitivity",
    cites=("the implicit function theorem",),
    instance=partial(check_limit_lipschitz, lipschitz=lipschitz_ift),
    strategy=RATES,
).with_controls(
    plant("half-constant", "L off by a factor: L/2", lipschitz=lipschitz_ift_half),
    _without_strict_complementarity((SIMPLEX, UNIQUE)),
)


ONE_TIE = Premise("one degenerate tie", "the unique exact limit is a point mass delta_g and exactly one atom y off it "
                                        "has W*(y) = 1", check_one_tie)

RATE_TIE = RATES_FAMILY.claim(
    id="rate-tie",
    source="pluralnash (this toolkit); cf. [FALA26] Eq. 5, Lemma 3.3",
    statement="For two rewards, when the large-K limit is a point mass delta_g and exactly one atom y of supp p_0 off "
              "it ties, W*(y) = q_1 r_1 + q_2 r_2 = 1 with r_i = w_i(y)/w_i(g), the convergence is sublinear: "
              "1/p_{t+1}(y) - 1/p_t(y) -> V and t p_t(y) -> 1/V, V = q_1 r_1^2 + q_2 r_2^2 - 1 = q(1 - q)(r_1 - r_2)^2.",
    premises=(SIMPLEX, ONE_TIE),
    conclusion="1/p_{t+1}(y) - 1/p_t(y) -> V = q_1 r_1^2 + q_2 r_2^2 - 1",
    reading="Symbolic (partial): W_p(y) = 1 - V eps + O(eps^2) along p = (1 - eps) delta_g + eps delta_y (theory._rates, "
            "tie-rate); the step from 1/eps_{t+1} - 1/eps_t -> V to t eps_t -> 1/V (Cesaro) is cited. Instance: V "
            "exactly; on a certified fixed-point interval run of 250 rounds, |o_T - V_claimed| <= 2 delta_T + 10^-30 "
            "with o_T = 1/eps_{T+1} - 1/eps_T and delta_T a certified bound on |o_T - V| from the decomposition of "
            "the derivation (it shrinks like eps_T and the other off atoms' mass over eps_T).",
    derivation="derive_tie_rate",
    cites=("Cesaro means",),
    instance=partial(check_tie_rate, constant=tie_constant),
    strategy=TIES,
).with_controls(
    plant("half-constant", "V off by a factor: V/2 (the tied mass decays like 2/(V t))", constant=tie_constant_half),
    plant("first-power", "V = q(1 - q)|r_1 - r_2| (the square dropped)", constant=tie_constant_first_power),
)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((310, RATE_LINEAR), (320, RATE_OUTSIDE), (325, RATE_TIE), (330, PLATEAU_SENSITIVITY), (340, LIMIT_LIPSCHITZ))
