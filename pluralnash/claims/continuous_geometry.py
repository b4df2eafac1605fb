r"""The continuous geometry's own statement: when the large-K limit collapses to one point (the registry registers it from ``TABLE``).

``continuous-collapse``: for r_i(x) = -β (x - μ_i)² in one dimension (weights (q, 1 - q),
D = |μ_2 - μ_1|) the point mass at x_0 = q μ_1 + (1 - q) μ_2 is the limit of the dynamics from any
p_0 charging x_0 iff T = β D² (1 - 2q)/log((1 - q)/q) <= 1 (β D²/2 at q = 1/2).  x_0 lies in S_{2,ε}
when β q² D² <= ε, in S_{1,ε} when β (1 - q)² D² <= ε, else between the basins, so a collapse can be
onto (the edge of) one mode or onto a point between them.  Derived in
:mod:`pluralnash.theory._continuous_collapse`.

Decision: with W(x) = Σ_i q_i e^{r_i(x) - r_i(x_0)}, δ_{x_0} is the large-K limit from any p_0
charging x_0 exactly when sup_x W(x) <= 1 (the KKT conditions of F, the toolkit's
collapse-criterion).  :func:`~pluralnash.numeric.engines.continuous_cover.sup_w_at_midpoint`
decides that supremum by an interval cover, independently of the derived threshold; the check
compares it with the predicted criterion T(q, β, D) <= 1, enclosed by intervals.  ``criterion``
plants other thresholds (the controls).  Python spellings: ``beta`` = β, ``q`` = weights[0].
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import mpmath

from pluralnash._registry import Claim, Premise
from pluralnash.claims._declare import certified, plant
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.continuous import QuadraticLandscape
from pluralnash.numeric.engines import COVER_PREC as _PREC, sup_w_at_midpoint
from pluralnash.numeric.engines.continuous_limit import two_centres
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = ["collapse_threshold", "second_order_threshold", "half_weight_threshold", "sup_w_at_midpoint",
           "check_continuous_collapse", "CONTINUOUS_COLLAPSE"]


def _geometry(L: QuadraticLandscape) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(β, q, D, μ_1) of a two-centre one-dimensional setup, μ_1 < μ_2."""
    beta, q, m1, m2 = two_centres(L)
    return beta, q, m2 - m1, m1


def collapse_threshold(beta, q, D):
    r"""Enclosure of T = β D² (1 - 2q)/log((1 - q)/q) (β D²/2 at q = 1/2); collapse iff T <= 1."""
    if q == Fraction(1, 2):
        return iv_frac(beta * D ** 2 / 2)
    return iv_frac(beta * D ** 2 * (1 - 2 * q)) / iv.log(iv_frac((1 - q) / q))


def second_order_threshold(beta, q, D):
    """Planted: the necessary second-order condition read as the criterion, T = 2 β q (1 - q) D²."""
    return iv_frac(2 * beta * q * (1 - q) * D ** 2)


def half_weight_threshold(beta, q, D):
    """Planted: the q = 1/2 threshold β D²/2 at every q."""
    return iv_frac(beta * D ** 2 / 2)


def check_continuous_collapse(L: QuadraticLandscape, *, criterion: Callable = collapse_threshold) -> CheckResult:
    r"""δ_{x_0} is the limit (sup W <= 1) iff ``criterion(β, q, D)`` <= 1: HOLDS when both sides are decided
    and agree, FAILS (certified) when they disagree, UNDECIDED otherwise."""
    name = f"collapse onto x_0 iff {criterion.__name__} <= 1"
    beta, q, D, m1 = _geometry(L)
    if D == 0:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, "the two centres coincide: D = 0")
    with iv_workprec(_PREC):
        T = criterion(beta, q, D)
    predicted = True if T.b < 1 else False if T.a > 1 else None
    if predicted is None:  # the verdict is UNDECIDED whatever sup W is: skip the cover
        return CheckResult(name, Verdict.UNDECIDED, "interval", {"T": iv.nstr(T, 10)}, "T is too close to 1 to decide")
    truth, ev = sup_w_at_midpoint(beta, q, D)
    ev.update({"beta": str(beta), "q": str(q), "D": str(D), "x_0": str(m1 + (1 - q) * D),
               "T": iv.nstr(T, 10)})
    if truth is None:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "sup W <= 1 not decided by the cover")
    ev["collapse"] = truth
    if truth == predicted:
        # distance of T from the threshold 1, for the search's targeting (a float, as the search reads it)
        lo, hi = (float(mpmath.mpf(end)) for end in T._mpi_)
        ev["margin"] = min(abs(lo - 1), abs(hi - 1))
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    got = "collapses onto x_0 (sup W <= 1)" if truth else f"does not collapse: W > 1 at y = {ev['violation_at_y']}"
    return CheckResult(name, Verdict.FAILS, "interval", ev,
                       f"T in {iv.nstr(T, 10)} predicts {'collapse' if predicted else 'no collapse'}, but the setup {got}")


def _two_centres(L) -> CheckResult:
    name = "two centres in one dimension"
    try:
        beta, q, D, _ = _geometry(L)
    except InvalidArgument as err:
        return CheckResult(name, Verdict.FAILS, "exact", {}, str(err))
    if D == 0 or not 0 < q < 1:
        return CheckResult(name, Verdict.FAILS, "exact", {"D": str(D), "q": str(q)}, "needs D > 0 and 0 < q < 1")
    return CheckResult(name, Verdict.HOLDS, "exact", {"beta": str(beta), "q": str(q), "D": str(D)})


TWO_CENTRES = Premise("two centres, d = 1", "r_i = -beta (x - mu_i)^2, i = 1, 2, mu_1 != mu_2, 0 < q < 1", _two_centres)

_BETAS = tuple(map(Fraction, ("1", "1/2", "2", "1/4")))
# q far from 1/2 first: there the sharp threshold, the second-order condition and the q = 1/2 threshold differ most
_QS = tuple(map(Fraction, ("1/10", "9/10", "1/5", "4/5", "1/4", "3/4", "1/3", "2/3", "1/2")))
# the drawn setup's T, before D is rounded to 1/8: on both sides of the threshold 1, near it first
_SCALES = tuple(map(Fraction, ("17/20", "3/2", "9/10", "5/4", "3/4", "11/10", "1/2", "2")))


def _threshold_float(beta: Fraction, q: Fraction, D: Fraction) -> float:
    import math

    if q == Fraction(1, 2):
        return float(beta * D * D) / 2
    return float(beta * D * D * (1 - 2 * q)) / math.log((1 - q) / q)


def _distance(beta: Fraction, q: Fraction, scale: Fraction) -> Fraction:
    """D (a multiple of 1/8) with T(q, beta, D) close to ``scale``: the draw targets the threshold's margin."""
    import math

    g = _threshold_float(Fraction(1), q, Fraction(1))  # T at beta = D = 1
    return max(Fraction(1, 8), Fraction(round(8 * math.sqrt(float(scale) / (float(beta) * g))), 8))


def _far_from_threshold(beta: Fraction, q: Fraction, D: Fraction) -> bool:
    # T within 2% of 1 is left out: there the cover cannot separate sup W from 1 (T = 1 is a tie)
    return abs(_threshold_float(beta, q, D) - 1) > 0.02


def _strategy():
    import hypothesis.strategies as st

    from pluralnash.numeric import QuadraticLandscape
    from pluralnash.numeric.engines.continuous import Uniform

    def build(t):
        beta, q, D = t
        return QuadraticLandscape(mu=[-D / 2, D / 2], beta=beta, weights=[q, 1 - q],
                                  init=Uniform(-D / 2 - 3, D / 2 + 3), eps=Fraction(1, 10))

    draws = st.tuples(st.sampled_from(_BETAS), st.sampled_from(_QS), st.sampled_from(_SCALES)).map(
        lambda t: (t[0], t[1], _distance(*t)))
    return draws.filter(lambda t: _far_from_threshold(*t)).map(build)


CONTINUOUS_COLLAPSE = Claim(
    id="continuous-collapse",
    source="[FALA26] Appendix C.4 geometry (quadratic rewards); criterion: pluralnash (this toolkit)",
    statement="For r_i(x) = -beta (x - mu_i)^2 on R, weights (q, 1-q), D = |mu_2 - mu_1|: the point mass at "
              "x_0 = q mu_1 + (1-q) mu_2 is the large-K limit from any p_0 charging x_0 iff "
              "T = beta D^2 (1 - 2q) / log((1-q)/q) <= 1 (beta D^2 / 2 at q = 1/2).",
    premises=(TWO_CENTRES,),
    setup_kind="continuous",
    conclusion="sup_x W(x) <= 1 at p = delta_{x_0}  iff  T(q, beta, D) <= 1",
    reading="The limit is the maximiser of F on supp p_0 (nash-limit), and delta_{x_0} maximises F iff W <= 1 "
            "everywhere (collapse-criterion); x_0 is forced by W'(x_0) = 0. Symbolic (partial): the stationary "
            "point, W(x_0 + y) = e^{-beta y^2} M(-2 beta y) with M the MGF of the centred two-point law "
            "D (B - q), W''(x_0) = -2 beta + 4 beta^2 q (1-q) D^2, and T's value at q = 1/2; the passage to the "
            "sharp threshold cites the optimal sub-Gaussian constant of a Bernoulli law (Kearns and Saul 1998). "
            "Instance: sup W <= 1 decided directly by an interval cover of |y| <= 2D + 1 (cells with W < 1, and "
            "W'' < 0 on the cell holding x_0) plus the tail bound W < 1 for |y| > 2D, and compared with T "
            "enclosed by intervals; the search draws T on both sides of 1 (D a multiple of 1/8 chosen for a target T) and at least 2% away from it. In R^d the same threshold holds "
            "with D = |mu_2 - mu_1| (W carries e^{-beta |y_perp|^2} across the segment); decided here for d = 1.",
    symbolic=certified("certify_continuous_collapse", module="pluralnash.theory._continuous_collapse", cache=True),
    symbolic_covers=False,
    instance=check_continuous_collapse,
    strategy=_strategy,
).with_controls(
    plant("second-order-only", "the necessary condition 2 beta q (1-q) D^2 <= 1 read as the criterion",
          criterion=second_order_threshold),
    plant("half-weight-threshold", "the q = 1/2 threshold beta D^2 <= 2 at every q", criterion=half_weight_threshold),
)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((300, CONTINUOUS_COLLAPSE),)
