r"""The large-K limit of two quadratic rewards in one dimension, derived in sympy.

Setting ([FALA26] Appendix C.4): r_i(x) = -β (x ∓ D/2)², weights (q, 1 - q).  The limit p* maximises
F(p) = Σ_i q_i log E_p[e^{r_i}] on supp p_0 and W*(x) = Σ_i q_i e^{r_i(x)}/Z_i* = A g_1(x) + B g_2(x),
g_i = e^{r_i}, is <= 1 with equality on supp p* (the toolkit's collapse-criterion).  A two-atom p*
needs two global maxima of W* at the same height 1.  This module derives:

1. W*(x) - W*(-x) = (A - B)(g_1(x) - g_2(x)): two maxima of equal height force A = B;
2. with A = B, W*'(uD/2) = 0 iff (1 + u) = (1 - u) e^{β D² u}, i.e. u = tanh(c u), c = β D²/2
   (a root u in (0, 1) exists iff c > 1);
3. the weights: q = A Z_1 = (a G + (1 - a) g)/(G + g) with g/G = (1 - u)/(1 + u) gives
   a* = 1/2 + (q - 1/2)/u, in [0, 1] iff u >= |1 - 2q|;
4. u >= |1 - 2q| iff tanh(c v) >= v at v = |1 - 2q| (tanh(cu) - u is concave on (0, 1)) iff
   c v >= artanh v = log((1 - q)/q)/2 (q < 1/2), i.e. T = β D² (1 - 2q)/log((1 - q)/q) >= 1: the
   mixture regime is exactly the complement of the continuous collapse criterion.
"""

from __future__ import annotations

import sympy as sp

from pluralnash.theory._base import CheckResult
from pluralnash.theory._certify import certify_identity, combine_results

__all__ = ["derive_mixture_limit", "certify_continuous_limit"]

q, beta, D, x, u, A, B = sp.symbols("q beta D x u A B", real=True)


def derive_mixture_limit() -> dict[str, sp.Expr]:
    r"""The mixture limit: ``root`` (u = tanh(c u) as tanh(c u) - u), ``a_star`` and ``shift`` (x_1 - μ_1).

    Examples
    --------
    >>> derive_mixture_limit()["a_star"].subs({q: sp.Rational(1, 2)})
    1/2
    """
    c = beta * D ** 2 / 2
    return {"root": sp.tanh(c * u) - u, "a_star": sp.Rational(1, 2) + (q - sp.Rational(1, 2)) / u,
            "shift": (1 - u) * D / 2}


def certify_continuous_limit() -> CheckResult:
    """Steps 1-4 of the module docstring, each reduced to 0 by sympy."""
    g1 = sp.exp(-beta * (x + D / 2) ** 2)
    g2 = sp.exp(-beta * (x - D / 2) ** 2)
    W = A * g1 + B * g2
    at = {x: u * D / 2}
    a, G = sp.symbols("a G", positive=True)
    k = (1 - u) / (1 + u)  # g/G at the atoms, by step 2
    a_sol = sp.solve(sp.Eq(q * (G + k * G), a * G + (1 - a) * k * G), a)[0]
    v = 1 - 2 * q
    steps = {
        "W(x) - W(-x) = (A - B)(g_1 - g_2)": sp.simplify(sp.expand(W - W.subs(x, -x) - (A - B) * (g1 - g2))),
        "W'(uD/2) = -beta D g_1 ((1 + u) - (1 - u) e^{beta D^2 u}) at A = B = 1": sp.simplify(
            (sp.diff(g1 + g2, x) + beta * D * g1 * ((1 + u) - (1 - u) * sp.exp(beta * D ** 2 * u))).subs(at)),
        "tanh(cu) = u iff (1 + u) = (1 - u) e^{beta D^2 u}": sp.simplify(
            sp.tanh(beta * D ** 2 * u / 2).rewrite(sp.exp)
            - (sp.exp(beta * D ** 2 * u) - 1) / (sp.exp(beta * D ** 2 * u) + 1)),
        "g_2/g_1 at x_1 = -uD/2 is e^{-beta D^2 u} = (1 - u)/(1 + u) on the root": sp.simplify(
            (g2 / g1).subs(x, -u * D / 2) - sp.exp(-beta * D ** 2 * u)),
        "a* = 1/2 + (q - 1/2)/u when g/G = (1 - u)/(1 + u)": sp.simplify(a_sol - derive_mixture_limit()["a_star"]),
        "artanh(1 - 2q) = log((1 - q)/q)/2": sp.simplify(
            sp.expand_log(sp.atanh(v).rewrite(sp.log) - sp.log((1 - q) / q) / 2, force=True)),
    }
    return combine_results("continuous mixture limit", [certify_identity(e, name=k_) for k_, e in steps.items()])
