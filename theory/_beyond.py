r"""Derivations beyond the paper's statements: the collapse criterion and the finite-K rate.

Definitions
-----------
Symbols as in :mod:`pluralnash.theory._derive`: atoms x = 1..n with masses ``p_x``, rewards
i = 1..m with ``w_i,x`` = e^{r_i(x)} > 0 and weights ``q_i``; Z_i = Σ_x p_x w_{i,x},
W(x) = Σ_i q_i w_{i,x}/Z_i, F(p) = Σ_i q_i log Z_i.

*Collapse criterion.*  At the point mass δ_x, Z_i = w_i(x) and

    W_{δ_x}(y) = ∂F/∂p(y) |_{δ_x} = Σ_i q_i w_i(y) / w_i(x).

The KKT conditions of max F over the simplex at δ_x read W_{δ_x}(y) <= 1 for every y (multiplier
1, since W_{δ_x}(x) = Σ_i q_i = 1).  F is concave, so they are also sufficient; the maximiser is
δ_x alone unless a distribution on the ties T = {y ≠ x : W_{δ_x}(y) = 1} has Z = w(x), i.e.
1 ∈ conv{w(y)/w(x) : y ∈ T}.

*Finite-K rate.*  For one reward, with μ = E_p[w], σ² = Var_p[w], μ_4 = E_p[(w - μ)^4],
a = w(x) + (K-1)μ and D = Σ_{j<K} w(y_j) - (K-1)μ (y_j ~ p i.i.d.),

    1/(a + D) = 1/a - D/a² + D²/a³ - D³/(a³(a + D)),

so H^K_p(x) = K w/a + K w (K-1) σ²/a³ - R with |R| <= K w E|D|³ / (a³ (w + (K-1) w_min)) and
E|D|³ <= sqrt(E D² · E D⁴), E D² = (K-1)σ², E D⁴ = (K-1)μ_4 + 3(K-1)(K-2)σ⁴.  Hence

    H^K_p(x) = (w/μ) (1 + c(x)/K) + O(K^{-3/2}),   c(x) = 1 - w/μ + σ²/μ².

At the large-K limit p* (support S, W* = 1 on S) the finite-K fixed-point residual is therefore
r_K(x) = Σ_i q_i H^{K,i}_{p*}(x) - 1 = b(x)/K + O(K^{-3/2}) with b(x) = Σ_i q_i (w_i/Z_i)(1 - w_i/Z_i
+ σ_i²/Z_i²), and by the implicit function theorem the finite-K fixed point continuing p* is
p^K = p* + v/K + o(1/K) with J v = -b, J(x, y) = ∂W/∂p(y) = -Σ_i q_i w_i(x) w_i(y)/Z_i².

Python spellings: ``mu`` = μ, ``sigma2`` = σ², ``mu4`` = μ_4, ``w_min``; ``beta`` = β.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sympy

from pluralnash.theory._base import CheckResult, Verdict
from pluralnash.theory._certify import Identity
from pluralnash.theory._derivation import Derivation
from pluralnash.theory._derive import _model

__all__ = [
    "certify_collapse_without_uniqueness",
    "derive_collapse_criterion",
    "derive_finite_k_expansion",
    "derive_plateau_window",
    "certify_plateau_window",
]

_SOURCE_COLLAPSE = ("pluralnash (this toolkit): the first-order conditions of max F at a point mass; "
                    "cf. [FALA26] Eq. 5 and Theorem 3.7")
_SOURCE_FINITE_K = "pluralnash (this toolkit): the 1/K correction to [FALA26] Lemma 3.2 and to the limit"


# ----------------------------------------------------------------------------------------------
# collapse criterion


def _degenerate_example():
    """The tie construction: x = (1, 1), y = (v, (1 - q_1 v)/q_2), y' = 2 - y, p = (1 - 2β, β, β)."""
    q1 = sympy.Symbol("q_1", positive=True)
    v, beta = sympy.symbols("v beta", positive=True)
    q2 = 1 - q1
    x = (sympy.Integer(1), sympy.Integer(1))
    y = (v, (1 - q1 * v) / q2)
    y2 = (2 - y[0], 2 - y[1])
    q = (q1, q2)
    atoms = (x, y, y2)
    p = (1 - 2 * beta, beta, beta)
    Z = [sum(p[k] * atoms[k][i] for k in range(3)) for i in range(2)]
    W_p = [sum(q[i] * atoms[k][i] / Z[i] for i in range(2)) for k in range(3)]
    W_delta = [sum(q[i] * atoms[k][i] / x[i] for i in range(2)) for k in range(3)]
    return {"q_1": q1, "v": v, "beta": beta}, atoms, p, W_p, W_delta


@lru_cache(maxsize=4)
def derive_collapse_criterion(n: int = 3, m: int = 2) -> Derivation:
    r"""Derive the first-order test for a collapsed large-K limit, and why uniqueness is needed.

    Parameters
    ----------
    n, m : int, optional
        Numbers of atoms and rewards of the symbolic model (the point mass is δ_{x_1}).

    Returns
    -------
    Derivation
        Certificate (sympy): ∂F/∂p(y) at δ_{x_1} equals W_{δ}(y) = Σ_i q_i w_{i,y}/w_{i,x_1} for every
        y; W_δ(x_1) = 1 when Σ q_i = 1 (so the KKT multiplier is 1 and the dual variable of y is
        1 - W_δ(y)); the one-sided derivative of F along the segment from δ_{x_1} toward δ_y is
        W_δ(y) - 1 (necessity: W_δ(y) > 1 means F increases away from δ_{x_1}); the second derivative
        of F along any line is -Σ_i q_i (Σ_x d_x w_{i,x})²/Z_i² <= 0; the first-order term
        ∇F(δ)·(p - δ) = Σ_y p_y W_δ(y) - 1 (sufficiency, with concavity); Z_i(p)/w_{i,x_1} - 1 =
        Σ_{y≠x_1} p_y (w_{i,y}/w_{i,x_1} - 1) on the simplex (so another p has the same Z iff
        1 ∈ conv{w(y)/w(x_1)} over y with W_δ(y) = 1); and the tie construction below, where
        W_δ <= 1 holds with equalities and p_0 = (1-2β, β, β) is an exact fixed point for every
        β ∈ (0, 1/2): the first-order test alone does not decide the limit.

        Cited: concavity makes the KKT conditions sufficient; F(p_t) increases to max F and every limit
        point of p_t maximises F on supp(p_0) (Cover 1984, the large-K map being his algorithm);
        Z* is unique (log is strictly concave), so the maximisers are {p : Z(p) = Z*}.

    Examples
    --------
    >>> d = derive_collapse_criterion(n=3, m=2)
    >>> d.expressions["W_delta(x_2)"]
    q_1*w_1,2/w_1,1 + q_2*w_2,2/w_2,1
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    M = _model(n, m)
    vertex = {M.p[0]: 1, **{s: 0 for s in M.p[1:]}}
    W_delta = [sum(M.q[i] * M.w[i][y] / M.w[i][0] for i in range(M.m)) for y in range(M.n)]
    exprs: dict = {"F(p)": M.F}
    dom, cons = M.q_domain()
    s = sympy.Symbol("s", positive=True)
    identities = _vertex_slope_identities(M, vertex, W_delta, s, dom, cons, exprs)
    identities += _line_concavity_identities(M, s, exprs)
    on_simplex = {M.p[0]: 1 - sum(M.p[1:])}
    first_order = sum(sympy.diff(M.F, M.p[x]).xreplace(vertex) * (M.p[x] - (1 if x == 0 else 0)) for x in range(M.n))
    identities.append(Identity("grad F(delta_x1) . (p - delta_x1) = sum_y p_y W_delta(y) - 1 on the simplex",
                               (first_order - (sum(M.p[x] * W_delta[x] for x in range(M.n)) - 1))
                               .subs(on_simplex).subs(M.q_on_simplex), dom, cons))
    for i in range(M.m):
        lhs = (M.Z[i] / M.w[i][0] - 1).subs(on_simplex)
        rhs = sum(M.p[y] * (M.w[i][y] / M.w[i][0] - 1) for y in range(1, M.n))
        identities.append(Identity(f"Z_{i + 1}(p)/w_{i + 1},1 - 1 = sum_(y != x_1) p_y (w_{i + 1},y/w_{i + 1},1 - 1)",
                                   lhs - rhs))
    syms = _tie_example_identities(identities, exprs)
    beta = syms["beta"]
    return Derivation(
        name="collapse-criterion",
        title=f"First-order test for a collapsed large-K limit (n={M.n}, m={M.m})",
        source=_SOURCE_COLLAPSE,
        expressions=exprs,
        symbols={**M.symbols, **syms, "s": s},
        identities=tuple(identities),
        cited=(
            "concavity of F: the KKT conditions W_delta(y) <= 1 are sufficient for a maximum",
            "Cover (1984): along p_{t+1} = p_t W_t, F(p_t) increases to max F on supp(p_0) and every limit "
            "point of p_t is a maximiser",
            "log is strictly concave, so Z* = Z(argmax F) is unique and the maximisers are {p : Z(p) = Z*}",
        ),
        notes=(
            f"Tie example, valid for q_1 in (0,1), v with both coordinates of y and y' positive and beta in (0, 1/2): "
            f"the unqualified 'limit is delta_x iff W_delta_x <= 1' fails there, because p_0 is a fixed "
            f"point other than delta_x. Atoms with equal reward vectors are one point of reward space; the limit "
            f"keeps their p_0 proportions. beta = {beta} is free."
        ),
    )


def _vertex_slope_identities(M: Any, vertex: dict, W_delta: list, s: Any, dom: Any, cons: Any,
                             exprs: dict) -> list[Identity]:
    """∂F/∂p(y) at δ_x1 is W_δ(y) (each added to ``exprs``), the KKT multiplier 1, and the slope of F
    from δ_x1 toward each other vertex."""
    identities = []
    for y in range(M.n):
        exprs[f"W_delta(x_{y + 1})"] = W_delta[y]
        grad = sympy.diff(M.F, M.p[y]).xreplace(vertex)
        identities.append(Identity(f"dF/dp(x_{y + 1}) at delta_x1 = W_delta(x_{y + 1})", grad - W_delta[y]))
    identities.append(Identity("W_delta(x_1) = 1 when sum q = 1 (KKT multiplier 1)",
                               sympy.Eq(W_delta[0].subs(M.q_on_simplex), 1), dom, cons))
    for y in range(1, M.n):
        seg = {M.p[0]: 1 - s, **{M.p[k]: (s if k == y else 0) for k in range(1, M.n)}}
        slope = sympy.diff(M.F.xreplace(seg), s).subs(s, 0)
        identities.append(Identity(f"d/ds F((1-s) delta_x1 + s delta_x{y + 1}) at s = 0 is W_delta(x_{y + 1}) - 1",
                                   (slope - (W_delta[y] - 1)).subs(M.q_on_simplex), dom, cons))
    return identities


def _line_concavity_identities(M: Any, s: Any, exprs: dict) -> list[Identity]:
    """The second derivative of F along a line p + s d (added to ``exprs``) and its sign."""
    d = tuple(sympy.Symbol(f"d_{x}", real=True) for x in range(1, M.n + 1))
    line = {M.p[x]: M.p[x] + s * d[x] for x in range(M.n)}
    curv = sympy.diff(M.F.xreplace(line), s, 2).subs(s, 0)
    curv_form = -sum(M.q[i] * sum(d[x] * M.w[i][x] for x in range(M.n)) ** 2 / M.Z[i] ** 2 for i in range(M.m))
    exprs["d^2/ds^2 F(p + s d)"] = curv_form
    return [
        Identity("d^2/ds^2 F(p + s d) = -sum_i q_i (sum_x d_x w_i,x)^2 / Z_i^2", curv - curv_form),
        Identity("F is concave along every line", sympy.LessThan(curv_form, 0, evaluate=False)),
    ]


def _tie_example_identities(identities: list, exprs: dict) -> dict:
    """Add the tie example (atoms with equal reward vectors; p_0 a fixed point other than δ_x) to
    ``exprs`` and its identities to ``identities``; return its symbols."""
    syms, atoms, p, W_p, W_dx = _degenerate_example()
    exprs["tie example: atoms x, y, y'"] = sympy.Tuple(*(sympy.Tuple(*a) for a in atoms))
    exprs["tie example: p_0"] = sympy.Tuple(*p)
    for k, label in enumerate(("x", "y", "y'")):
        identities.append(Identity(f"tie example: W_delta_x({label}) = 1", W_dx[k] - 1))
        identities.append(Identity(f"tie example: W_p0({label}) = 1 (p_0 is a fixed point)", W_p[k] - 1))
    return syms


def certify_collapse_without_uniqueness() -> CheckResult:
    r"""Refute 'the limit is δ_x iff W_{δ_x} <= 1 on supp(p_0)' (no uniqueness condition) exactly.

    Evaluates the tie construction of :func:`derive_collapse_criterion` at q_1 = 1/2, v = 3/2,
    β = 1/4 (atoms x = (1, 1), y = (3/2, 1/2), y' = (1/2, 3/2)): W_{δ_x} = (1, 1, 1) <= 1, yet
    p_0 = (1/2, 1/4, 1/4) is a fixed point, so the limit is p_0, not δ_x.

    Returns
    -------
    CheckResult
        FAILS, ``method="symbolic"``, with the exact setup.

    Examples
    --------
    >>> res = certify_collapse_without_uniqueness()
    >>> res.verdict, res.certified, res.evidence["W_p0"]
    (Verdict.FAILS, True, ['1', '1', '1'])
    """
    syms, atoms, p, W_p, W_dx = _degenerate_example()
    point = {syms["q_1"]: sympy.Rational(1, 2), syms["v"]: sympy.Rational(3, 2), syms["beta"]: sympy.Rational(1, 4)}
    Wd = [sympy.nsimplify(sympy.simplify(e.xreplace(point))) for e in W_dx]
    Wp = [sympy.nsimplify(sympy.simplify(e.xreplace(point))) for e in W_p]
    exp_rewards = [[str(sympy.simplify(a[i].xreplace(point))) for a in atoms] for i in range(2)]
    ev = {"exp_rewards": exp_rewards, "weights": ["1/2", "1/2"], "p0": [str(e.xreplace(point)) for e in p],
          "W_delta_x": [str(v) for v in Wd], "W_p0": [str(v) for v in Wp], "exact": True}
    name = "limit is delta_x iff W_delta_x <= 1 on supp(p0) (no uniqueness condition)"
    if all(v <= 1 for v in Wd) and all(v == 1 for v in Wp):
        return CheckResult(name, Verdict.FAILS, "symbolic", ev,
                           "W_delta_x <= 1 everywhere, yet p0 = (1/2, 1/4, 1/4) is an exact fixed point, so the "
                           "limit is p0, not delta_x")
    return CheckResult(name, Verdict.UNDECIDED, "symbolic", ev, "the tie construction did not evaluate as expected")


# ----------------------------------------------------------------------------------------------
# finite-K expansion


@lru_cache(maxsize=1)
def derive_finite_k_expansion() -> Derivation:
    r"""Derive H^K_p(x) = (w/μ)(1 + c(x)/K) + O(K^{-3/2}), c = 1 - w/μ + σ²/μ², with an explicit remainder.

    Returns
    -------
    Derivation
        Expressions: the leading part T_K = K w/a + K w (K-1)σ²/a³ (a = w + (K-1)μ), the remainder
        bound R_K = K w sqrt((K-1)σ² ((K-1)μ_4 + 3(K-1)(K-2)σ⁴)) / (a³ (w + (K-1)w_min)), the
        coefficient c and the Laplace-series coefficient.

        Certificate (sympy): the four-term identity for 1/(a + D); lim_{K->∞} T_K = w/μ;
        lim_{K->∞} K (T_K - w/μ) = (w/μ) c; lim_{K->∞} K R_K = 0 (so K (H^K - w/μ) -> (w/μ) c);
        the same coefficient from the Laplace expansion of H^K = w ∫_0^∞ e^{-s w/K} φ(s/K)^{K-1} ds
        (φ(t) = E_p[e^{-t w}] expanded to second order in t); E[D²] = (K-1)σ² and the formula for
        E[D⁴] on a two-point law for K = 3, 4.

        Cited: E|D|³ <= sqrt(E D² E D⁴) (Cauchy–Schwarz); a + D >= w + (K-1) w_min; the implicit
        function theorem turning the residual r_K = b/K + O(K^{-3/2}) into p^K = p* + v/K + o(1/K),
        J v = -b, when J (negative definite on the support's reward vectors) is nonsingular.

    Examples
    --------
    >>> d = derive_finite_k_expansion()
    >>> d.expressions["c(x)"]
    1 - w/mu + sigma2/mu**2
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    K = sympy.Symbol("K", positive=True)
    w, mu, sigma2, mu4, w_min = sympy.symbols("w mu sigma2 mu4 w_min", positive=True)
    D, A = sympy.symbols("D a", positive=True)
    a = w + (K - 1) * mu
    T = K * w / a + K * w * (K - 1) * sigma2 / a ** 3
    ED4 = (K - 1) * mu4 + 3 * (K - 1) * (K - 2) * sigma2 ** 2
    R = K * w * sympy.sqrt((K - 1) * sigma2 * ED4) / (a ** 3 * (w + (K - 1) * w_min))
    c = 1 - w / mu + sigma2 / mu ** 2
    # Laplace: w * Int_0^oo exp(-s w/K) phi(s/K)^(K-1) ds, phi(t) = 1 - mu t + (sigma2 + mu^2) t^2/2 + O(t^3)
    s, eps = sympy.symbols("s epsilon", positive=True)  # eps = 1/K
    log_phi = sympy.series(sympy.log(1 - mu * s * eps + (sigma2 + mu ** 2) * (s * eps) ** 2 / 2), eps, 0, 3).removeO()
    exponent = sympy.expand((1 / eps - 1) * log_phi - s * w * eps)
    leading = sympy.expand(exponent.coeff(eps, 0))  # -mu s
    first = sympy.expand(exponent.coeff(eps, 1))
    laplace_c = sympy.simplify(sympy.integrate(w * sympy.exp(leading) * first, (s, 0, sympy.oo)) / (w / mu))
    moment_ids = _two_point_moment_identities()
    identities = (
        Identity("1/(a+D) = 1/a - D/a^2 + D^2/a^3 - D^3/(a^3 (a+D))",
                 1 / (A + D) - (1 / A - D / A ** 2 + D ** 2 / A ** 3 - D ** 3 / (A ** 3 * (A + D)))),
        Identity("lim_(K->oo) T_K = w/mu", sympy.limit(T, K, sympy.oo) - w / mu),
        Identity("lim_(K->oo) K (T_K - w/mu) = (w/mu) c", sympy.simplify(sympy.limit(K * (T - w / mu), K, sympy.oo) - w / mu * c)),
        Identity("lim_(K->oo) K R_K = 0", sympy.limit(K * R, K, sympy.oo)),
        Identity("Laplace expansion gives the same c", sympy.simplify(laplace_c - c)),
        *moment_ids,
    )
    return Derivation(
        name="finite-k-expansion",
        title="H^K_p(x) = (w/mu)(1 + c(x)/K) + O(K^(-3/2)) with an explicit remainder",
        source=_SOURCE_FINITE_K,
        expressions={"a": a, "T_K": T, "R_K (remainder bound)": R, "E[D^4]": ED4, "c(x)": c,
                     "Laplace exponent, order 1/K": first, "Laplace c": laplace_c},
        symbols={"K": K, "w": w, "mu": mu, "sigma2": sigma2, "mu4": mu4, "w_min": w_min},
        identities=identities,
        cited=(
            "E|D|^3 <= sqrt(E D^2 E D^4) (Cauchy-Schwarz) and a + D >= w + (K-1) w_min, so |H^K - T_K| <= R_K",
            "the implicit function theorem: with J = dW/dp on the support nonsingular, the finite-K fixed point "
            "continuing p* is p* + v/K + o(1/K) with J v = -b",
        ),
        notes="mu, sigma2, mu4 are E_p[w], Var_p[w], E_p[(w - mu)^4]; w_min is the least w on supp(p).",
    )


# ----------------------------------------------------------------------------------------------
# plateau: the exact non-collapse window against the paper's sufficient window

_SOURCE_PLATEAU = ("pluralnash (this toolkit): the exact plateau limit of [FALA26] B.6 at finite gaps, compared "
                   "with the window q in (kappa_1, 1 - kappa_2) of Lemma 3.5")


def _two_point_moment_identities() -> list[Identity]:
    """E[D^2] and E[D^4] of D = sum of K-1 centred draws, for a two-point law and K = 3, 4."""
    # values w1, w2 with masses pi, 1 - pi
    w1, w2, pi_ = sympy.symbols("w_1 w_2 pi", positive=True)
    m1 = pi_ * w1 + (1 - pi_) * w2
    var2 = sympy.expand(pi_ * (w1 - m1) ** 2 + (1 - pi_) * (w2 - m1) ** 2)
    c4 = sympy.expand(pi_ * (w1 - m1) ** 4 + (1 - pi_) * (w2 - m1) ** 4)
    moment_ids = []
    for k in (3, 4):
        draws = k - 1
        terms = 0
        e2 = 0
        for j in range(draws + 1):
            prob = sympy.binomial(draws, j) * pi_ ** j * (1 - pi_) ** (draws - j)
            dev = j * w1 + (draws - j) * w2 - draws * m1
            terms += prob * dev ** 4
            e2 += prob * dev ** 2
        moment_ids.append(Identity(f"E[D^2] = (K-1) sigma^2 for K = {k} (two-point law)", sympy.expand(e2 - draws * var2)))
        moment_ids.append(Identity(f"E[D^4] = (K-1) mu_4 + 3(K-1)(K-2) sigma^4 for K = {k} (two-point law)",
                                   sympy.expand(terms - (draws * c4 + 3 * draws * (draws - 1) * var2 ** 2))))
    return moment_ids


@lru_cache(maxsize=1)
def derive_plateau_window() -> Derivation:
    r"""Derive the exact interior window of the plateau limit and compare it with (κ_1, 1 - κ_2).

    Uses the plateau limit of :func:`pluralnash.theory._plateau.derive_plateau_limit` (scaled values
    (1, k_2) on S_1, (k_1, 1) on S_2, k_i = e^{-Δ_i}; a_∞ = clamp(a*, 0, 1); interior iff
    q ∈ (q_lo, q_hi)), whose certificate is part of this one, and the paper's leakage factors
    κ_i = e^{-(Δ_i - 2ε)} = k_i e^{2ε}.

    Returns
    -------
    Derivation
        Expressions: a* in terms of Δ_1, Δ_2, q_lo, q_hi, the exact width, the paper's width and the
        difference.  Certificate (sympy): the plateau-limit derivation;
        a* = q/(1 - e^{-Δ_2}) - (1 - q)/(e^{Δ_1} - 1); q_hi - q_lo = (1-k_1)(1-k_2)/(1-k_1k_2) > 0 (the exact
        window is never empty); k_1 - q_lo = k_1k_2(1-k_1)/(1-k_1k_2) > 0 and k_2 - (1 - q_hi) > 0, so
        (κ_1, 1 - κ_2) ⊂ (k_1, 1 - k_2) ⊂ (q_lo, q_hi); the width difference equals
        k_1k_2(2 - k_1 - k_2)/(1 - k_1k_2) + (e^{2ε} - 1)(k_1 + k_2) > 0 (e^{2ε} = 1 + u, u > 0).

    Examples
    --------
    >>> d = derive_plateau_window()
    >>> d.expressions["exact width"]
    (1 - k_1)*(1 - k_2)/(-k_1*k_2 + 1)
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    from pluralnash.theory._plateau import _A_STAR, _Q_HI, _Q_LO, _unit, derive_plateau_limit, k1, k2, q

    eps = sympy.Symbol("epsilon", positive=True)
    u = sympy.Symbol("u", positive=True)  # u = e^{2 eps} - 1 > 0
    D1, D2 = sympy.symbols("Delta_1 Delta_2", positive=True)
    E = 1 + u
    kappa1, kappa2 = k1 * E, k2 * E
    width = (1 - k1) * (1 - k2) / (1 - k1 * k2)
    paper_width = 1 - kappa1 - kappa2
    gain = k1 * k2 * (2 - k1 - k2) / (1 - k1 * k2) + (E - 1) * (k1 + k2)
    a_delta = q / (1 - sympy.exp(-D2)) - (1 - q) / (sympy.exp(D1) - 1)
    base = derive_plateau_limit()
    identities = (
        Identity("a* in terms of the gaps: q/(1 - e^-Delta_2) - (1-q)/(e^Delta_1 - 1)",
                 sympy.simplify(_A_STAR.subs({k1: sympy.exp(-D1), k2: sympy.exp(-D2)}) - a_delta)),
        Identity("q_hi - q_lo = (1-k_1)(1-k_2)/(1-k_1 k_2)", sympy.cancel(_Q_HI - _Q_LO - width)),
        Identity("the exact window is never empty", sympy.StrictGreaterThan(_unit(width), 0, evaluate=False)),
        Identity("k_1 - q_lo = k_1 k_2 (1-k_1)/(1-k_1 k_2)", sympy.cancel(k1 - _Q_LO - k1 * k2 * (1 - k1) / (1 - k1 * k2))),
        Identity("k_1 - q_lo > 0", sympy.StrictGreaterThan(_unit(k1 * k2 * (1 - k1) / (1 - k1 * k2)), 0, evaluate=False)),
        Identity("k_2 - (1 - q_hi) = k_1 k_2 (1-k_2)/(1-k_1 k_2)",
                 sympy.cancel(k2 - (1 - _Q_HI) - k1 * k2 * (1 - k2) / (1 - k1 * k2))),
        Identity("kappa_i - k_i = k_i (e^(2 eps) - 1) > 0", sympy.StrictGreaterThan(_unit(k1 * (E - 1)), 0, evaluate=False)),
        Identity("width gain = k_1 k_2 (2-k_1-k_2)/(1-k_1 k_2) + (e^(2 eps) - 1)(k_1 + k_2)",
                 sympy.simplify(width - paper_width - gain)),
        Identity("width gain > 0", sympy.StrictGreaterThan(_unit(gain), 0, evaluate=False)),
    )
    exprs = {"a* (gaps)": a_delta, "q_lo": _Q_LO, "q_hi": _Q_HI, "kappa_1": kappa1, "kappa_2": kappa2,
             "exact width": width, "paper width": paper_width, "width gain": gain}
    d = Derivation(
        name="plateau-window",
        title="Exact plateau window (q_lo, q_hi) against the sufficient window (kappa_1, 1 - kappa_2)",
        source=_SOURCE_PLATEAU,
        expressions=exprs,
        symbols={"q": q, "k_1": k1, "k_2": k2, "epsilon": eps, "u": u, "Delta_1": D1, "Delta_2": D2},
        identities=identities,
        cited=tuple(base.cited),
        notes="The plateau-limit derivation (theory._plateau, another module) supplies a*, q_lo, q_hi and their "
              "certificate; certify_plateau_window() combines both. kappa_i = e^(-(Delta_i - 2 eps)) = k_i e^(2 eps) "
              "= k_i (1 + u), with u = e^(2 eps) - 1 > 0 written as a positive symbol.",
    )
    return d


@lru_cache(maxsize=1)
def certify_plateau_window() -> CheckResult:
    """The plateau-limit certificate and the window comparison together (cached by the derivations)."""
    from pluralnash.theory._certify import combine_results
    from pluralnash.theory._plateau import derive_plateau_limit

    return combine_results("plateau limit and window", [derive_plateau_limit().certify(),
                                                        derive_plateau_window().certify()])
