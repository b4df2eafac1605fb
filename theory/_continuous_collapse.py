r"""The continuous collapse criterion of two quadratic rewards, derived in sympy.

Setting ([FALA26] Appendix C.4): r_i(x) = -β (x - μ_i)², weights (q, 1 - q), D = μ_2 - μ_1 > 0.
A point mass δ_{x_0} is a fixed point of the large-K map for every x_0; it is the limit of the
dynamics (the maximiser of F(p) = Σ_i q_i log E_p[e^{r_i}] on supp p_0 ∋ x_0) exactly when
W(x) = Σ_i q_i e^{r_i(x) - r_i(x_0)} <= 1 for every x (the KKT conditions of F, the toolkit's
collapse-criterion).  This module derives:

1. W'(x_0) = 0 forces x_0 = q μ_1 + (1 - q) μ_2;
2. W(x_0 + y) = e^{-β y²} M(-2β y), M(s) = q e^{s a} + (1 - q) e^{s b}, a = (1 - q) D, b = -q D,
   the moment generating function of the centred two-point law X = D (B - q), B ~ Bernoulli(q);
3. W''(x_0) = -2β + 4β² q (1 - q) D² (so 2β q (1 - q) D² <= 1 is necessary);
4. hence W <= 1 everywhere iff M(s) <= e^{s²/(4β)} for all s, iff the optimal sub-Gaussian variance
   proxy of X, D² (1 - 2q) / (2 log((1 - q)/q)) (Kearns and Saul 1998; D²/4 at q = 1/2), is at most
   1/(2β): the threshold T(q, β, D) = β D² (1 - 2q) / log((1 - q)/q) <= 1, with T = β D² / 2 at q = 1/2.

In R^d the same holds with D = ‖μ_2 - μ_1‖ and x_0 on the segment: across the segment W carries the
factor e^{-β ‖y_⊥‖²} <= 1, so d does not enter the threshold.
"""

from __future__ import annotations

import sympy as sp

from pluralnash.theory._base import CheckResult, Verdict

__all__ = ["derive_collapse_threshold", "certify_continuous_collapse"]

q, beta, D, x, y, mu1 = sp.symbols("q beta D x y mu_1", real=True)


def derive_collapse_threshold() -> sp.Expr:
    r"""T(q, β, D) = β D² (1 - 2q) / log((1 - q)/q): a point mass is the limit iff T <= 1 (q ≠ 1/2).

    Examples
    --------
    >>> T = derive_collapse_threshold()
    >>> sp.limit(T, q, sp.Rational(1, 2))
    D**2*beta/2
    """
    return beta * D ** 2 * (1 - 2 * q) / sp.log((1 - q) / q)


def certify_continuous_collapse() -> CheckResult:
    r"""Steps 1-3 of the module docstring by sympy, and the q = 1/2 value of the threshold; step 4 cites
    the optimal sub-Gaussian constant of a Bernoulli law (Kearns and Saul 1998)."""
    mu2 = mu1 + D
    x0 = q * mu1 + (1 - q) * mu2
    W = q * sp.exp(-beta * (x - mu1) ** 2 + beta * (x0 - mu1) ** 2) + \
        (1 - q) * sp.exp(-beta * (x - mu2) ** 2 + beta * (x0 - mu2) ** 2)
    a, b = (1 - q) * D, -q * D
    s = -2 * beta * y
    steps = {
        "stationary point x_0 = q mu_1 + (1-q) mu_2": sp.simplify(sp.diff(W, x).subs(x, x0)),
        "W(x_0 + y) = e^{-beta y^2} M(-2 beta y)": sp.simplify(sp.expand(
            sp.powsimp(sp.expand(W.subs(x, x0 + y) - sp.exp(-beta * y ** 2) *
                                 (q * sp.exp(s * a) + (1 - q) * sp.exp(s * b)), power_exp=True)))),
        "W''(x_0) = -2 beta + 4 beta^2 q (1-q) D^2": sp.simplify(
            sp.diff(W, x, 2).subs(x, x0) - (-2 * beta + 4 * beta ** 2 * q * (1 - q) * D ** 2)),
        "mean of X = D (B - q) is 0": sp.simplify(q * a + (1 - q) * b),
        "T at q = 1/2 is beta D^2 / 2": sp.simplify(sp.limit(derive_collapse_threshold(), q, sp.Rational(1, 2))
                                                    - beta * D ** 2 / 2),
    }
    ev = {k: str(v) for k, v in steps.items()}
    bad = [k for k, v in steps.items() if v != 0]
    if bad:
        return CheckResult("continuous collapse criterion", Verdict.UNDECIDED, "symbolic", ev,
                           f"sympy did not reduce to 0: {bad[0]}")
    return CheckResult("continuous collapse criterion", Verdict.HOLDS, "symbolic", ev)
