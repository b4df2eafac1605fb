r"""Planted (false) forms of the toolkit's own statements: each replaces one part of ``collapse-criterion``,
``finite-k-limit`` or ``plateau-exact`` by a plausible wrong one, for the checks to report FALSIFIED."""

from __future__ import annotations

from fractions import Fraction

from pluralnash.numeric.engines import grouped_setup as _groups, solve_collapse
from pluralnash.claims.beyond.checks import PlateauConstants, Prediction, predict_collapse_criterion
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.finite_k_expansion import FiniteKRate
from pluralnash.numeric.model.landscape import Landscape

__all__ = [
    "predict_collapse_unqualified",
    "predict_collapse_scalarised",
    "predict_collapse_never_plural",
    "rate_inverse_square",
    "rate_inverse_sqrt",
    "rate_jensen",
    "plateau_limit_hard",
    "plateau_limit_lemma_lower",
    "plateau_window_paper",
]


def predict_collapse_unqualified(landscape: Landscape) -> Prediction:
    r"""Collapse onto g iff W_{δ_g} <= 1 on supp(p_0), without the uniqueness condition."""
    res = solve_collapse(landscape)
    if res.outcome == "degenerate":
        return ("collapse", res.group)
    return (res.outcome, res.group)


def predict_collapse_scalarised(landscape: Landscape) -> Prediction:
    r"""Planted: collapse onto the atom maximising Σ_i q_i r_i (the single-reward theorem applied to
    the averaged reward); ties broken toward the first group."""
    gr = _groups(landscape)
    q = [landscape.weights[i] for i in gr.rewards]
    with iv_workprec(256):
        if gr.exact:
            score = [sum((iv_frac(qk) * iv.log(iv_frac(gr.keys[g][k])) for k, qk in enumerate(q)), iv.mpf(0))
                     for g in range(gr.G)]
        else:
            score = [iv_frac(sum((qk * gr.keys[g][k] for k, qk in enumerate(q)), Fraction(0))) for g in range(gr.G)]
        best = max(range(gr.G), key=lambda g: score[g].mid)
    return ("collapse", gr.atoms[best])


def predict_collapse_never_plural(landscape: Landscape) -> Prediction:
    r"""Planted: with m >= 2 rewards (q_i > 0) the limit never collapses; with one it collapses onto its argmax."""
    gr = _groups(landscape)
    if len(gr.rewards) >= 2 and gr.G >= 2:
        return ("spread", None)
    return predict_collapse_criterion(landscape)


def rate_inverse_square(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""Planted: TV(p^K, p*) ~ C/K² (a faster rate, same constant)."""
    return Fraction(2), rate.C


def rate_inverse_sqrt(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""Planted: TV(p^K, p*) ~ C/√K (a CLT-like rate, same constant)."""
    return Fraction(1, 2), rate.C


def rate_jensen(rate: FiniteKRate) -> tuple[Fraction, Fraction]:
    r"""Planted: TV(p^K, p*) ~ C_J/K with C_J from the Jensen (first-order) bound, the σ² term of b dropped."""
    return Fraction(1), rate.C_jensen


def plateau_limit_hard(c: PlateauConstants) -> Fraction:
    r"""Planted: the hard-separation limit a_∞ = q at finite gaps."""
    return c.q


def plateau_limit_lemma_lower(c: PlateauConstants) -> Fraction:
    r"""Planted: the limit is Lemma 3.4's lower end max{0, (q - κ_1)/(1 - κ_1)}."""
    if c.kappa1 >= 1:
        return Fraction(0)
    return max(Fraction(0), (c.q - c.kappa1) / (1 - c.kappa1))


def plateau_window_paper(c: PlateauConstants) -> bool:
    r"""Planted: the paper's sufficient window (κ_1, 1 - κ_2) read as necessary and sufficient."""
    return c.kappa1 < c.q < 1 - c.kappa2
