r"""Plateau basins, the hard-separation limit and the law of total variance ([FALA26] Prop. 3.4,
Theorem 3.6, Corollary 3.8).

Definitions
-----------
Plateau basins (Assumption B.6), written with rewards scaled by their maxima (W is unchanged by
r_i -> r_i + c, [FALA26] Eq. 5): on S_{1,ε} the scaled values are (w_1, w_2) = (1, k_2), on
S_{2,ε} they are (k_1, 1), with k_i = e^{-Δ_i} ∈ (0, 1); an outside atom o has scaled values
(v_1, v_2) ∈ (0, 1)².  q ∈ (0, 1) is the weight of reward 1 and a = p(S_{1,ε}).

With no mass outside the basins, Z_1 = a + (1-a) k_1, Z_2 = a k_2 + (1-a), and

- F(a) = q log Z_1 + (1-q) log Z_2 (the large-K potential on the segment p_a = a P_1 + (1-a) P_2);
- f(a) = a W(S_1) = a (q/Z_1 + (1-q) k_2/Z_2): the basin-mass map a_t -> a_{t+1};
- u_i = q_i / Z_i: at a fixed point inside (0,1), W(S_1) = W(S_2) = 1 reads
  u_1 + k_2 u_2 = 1, k_1 u_1 + u_2 = 1 (linear in u);
- a* = q + q k_2/(1-k_2) - (1-q) k_1/(1-k_1), the interior fixed point; it lies in (0,1) iff
  q ∈ (q_lo, q_hi) = (k_1(1-k_2)/(1-k_1k_2), (1-k_2)/(1-k_1k_2)); a_∞ = clamp(a*, 0, 1).

The *hard-separation limit* is Δ_1, Δ_2 -> ∞ with q, P_1, P_2 and the outside values fixed, i.e.
(k_1, k_2) -> (0, 0).

Law of total variance (Theorem 3.6): for p = a p_1 + (1-a) p_2 with p_j supported on S_{j,ε},
basin means μ_j = E_{p_j}[r] and free within-basin variances V_j >= 0,
Var_p[r] = a V_1 + (1-a) V_2 + a(1-a)(μ_1 - μ_2)².  Under B.5 for reward 2,
μ_{2,2} = r* - ε + s and μ_{2,1} = r* - Δ + ε - t with s, t >= 0; for reward 1 the basins' roles
swap (μ_{1,1} = r* - ε + s, μ_{1,2} = r* - Δ + ε - t), certified separately.

Python spellings: ``k1``, ``k2`` = k_i; ``v1``, ``v2`` = outside values; ``V1``, ``V2`` = V_j;
``mu1``, ``mu2`` = μ_j; ``eps`` = ε; ``Delta`` = Δ.  Upper bounds such as q < 1 are not sympy
assumptions, so sign statements substitute x = 1/(1 + s_x) with s_x > 0 (a bijection onto (0,1)).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sympy

from pluralnash.theory._base import CheckResult, InvalidArgument
from pluralnash.theory._certify import Identity, certify_identity
from pluralnash.theory._derivation import Derivation

__all__ = [
    "certify_plateau_endpoint",
    "certify_plateau_limit",
    "certify_variance_bound",
    "derive_plateau_limit",
    "derive_plateau_recursion",
    "derive_total_variance",
    "plateau_limit_value",
]

_SOURCE_34 = "[FALA26] Proposition 3.4 / B.3 (plateau idealisation B.6); Corollary 3.8 / B.8"
_SOURCE_36 = "[FALA26] Theorem 3.6 / B.6 (variance preservation)"

q = sympy.Symbol("q", positive=True)
k1, k2 = sympy.symbols("k_1 k_2", positive=True)
a = sympy.Symbol("a", positive=True)
v1, v2 = sympy.symbols("v_1 v_2", positive=True)
u1, u2 = sympy.symbols("u_1 u_2", positive=True)
_s_q, _t1, _t2, _s_a = sympy.symbols("s_q t_1 t_2 s_a", positive=True)
_UNIT = {q: 1 / (1 + _s_q), k1: 1 / (1 + _t1), k2: 1 / (1 + _t2), a: 1 / (1 + _s_a)}

_Z1 = a + (1 - a) * k1
_Z2 = a * k2 + (1 - a)
_F = q * sympy.log(_Z1) + (1 - q) * sympy.log(_Z2)
_W_S1 = q / _Z1 + (1 - q) * k2 / _Z2
_W_S2 = q * k1 / _Z1 + (1 - q) / _Z2
_MAP = a * _W_S1
_Q_LO = k1 * (1 - k2) / (1 - k1 * k2)
_Q_HI = (1 - k2) / (1 - k1 * k2)
# Display forms; the certificate checks them against sympy's own solve and diff.  Z_1, Z_2 enter
# the sign statements as positive symbols (each is a convex combination of positive values).
_Z1s, _Z2s = sympy.symbols("Z_1 Z_2", positive=True)
_ZS = {_Z1s: _Z1, _Z2s: _Z2}
_D2F = -q * (1 - k1) ** 2 / _Z1s ** 2 - (1 - q) * (1 - k2) ** 2 / _Z2s ** 2
_DMAP = q * k1 / _Z1s ** 2 + (1 - q) * k2 / _Z2s ** 2
_A_STAR = q + q * k2 / (1 - k2) - (1 - q) * k1 / (1 - k1)


def _unit(expr: sympy.Basic) -> sympy.Basic:
    """Rewrite ``expr`` so that q, k_1, k_2, a ∈ (0, 1) are sympy assumptions."""
    return expr.subs(_UNIT)


def _positive(name: str, expr: sympy.Expr) -> Identity:
    return Identity(name, sympy.StrictGreaterThan(_unit(expr), 0, evaluate=False))


# ----------------------------------------------------------------------------------------------
# the plateau recursion: conditionals are invariant


@lru_cache(maxsize=1)
def derive_plateau_recursion() -> Derivation:
    r"""Derive that the large-K update keeps the plateau basin conditionals p_t(·|S_{i,ε}) fixed.

    Two atoms x, x' in S_{1,ε}, two atoms y, y' in S_{2,ε} and one outside atom o, with free
    positive masses (normalised by their sum) and plateau values (1, k_2), (k_1, 1), (v_1, v_2).

    Returns
    -------
    Derivation
        Certificate: W(x) = W(x') and W(y) = W(y') identically (W depends on an atom only
        through its reward vector, constant on a plateau basin); after one step
        p'(x)/(p'(x)+p'(x')) = p(x)/(p(x)+p(x')) and likewise in S_{2,ε}; Σ p' = 1.
        Cited: induction on t gives p_t(·|S_{i,ε}) = p_0(·|S_{i,ε}) = P_i for every t; at finite
        K the same holds because H^{K,r}_p(x) depends on x only through r(x) ([FALA26] Lemma 3.1).

    Examples
    --------
    >>> derive_plateau_recursion().certify().verdict
    Verdict.HOLDS
    """
    px, pxp, py, pyp, po = sympy.symbols("p_x p_x' p_y p_y' p_o", positive=True)
    masses = (px, pxp, py, pyp, po)
    total = sum(masses)
    w1 = (1, 1, k1, k1, v1)
    w2 = (k2, k2, 1, 1, v2)
    Z1 = sum(m * w for m, w in zip(masses, w1)) / total
    Z2 = sum(m * w for m, w in zip(masses, w2)) / total
    W = [q * w1[j] / Z1 + (1 - q) * w2[j] / Z2 for j in range(5)]
    new = [masses[j] / total * W[j] for j in range(5)]
    exprs = {
        "Z_1": Z1, "Z_2": Z2, "W(x)": W[0], "W(x')": W[1], "W(y)": W[2], "W(y')": W[3], "W(o)": W[4],
        "p'(x | S_1)": new[0] / (new[0] + new[1]), "p'(y | S_2)": new[2] / (new[2] + new[3]),
    }
    identities = (
        Identity("W(x) = W(x') on the plateau S_{1,eps}", W[0] - W[1]),
        Identity("W(y) = W(y') on the plateau S_{2,eps}", W[2] - W[3]),
        Identity("p'(x | S_1) = p(x | S_1)", new[0] / (new[0] + new[1]) - px / (px + pxp)),
        Identity("p'(y | S_2) = p(y | S_2)", new[2] / (new[2] + new[3]) - py / (py + pyp)),
        Identity("sum_x p'(x) = 1", sum(new) - 1),
    )
    return Derivation(
        name="plateau-recursion",
        title="The large-K update keeps the plateau basin conditionals fixed",
        source=_SOURCE_34,
        expressions=exprs,
        symbols={s.name: s for s in (q, k1, k2, v1, v2, *masses)},
        identities=identities,
        cited=("induction on t: p_t(.|S_i) = p_0(.|S_i) = P_i for every t",
               "finite K: H^{K,r}_p(x) is a function of r(x) ([FALA26] Lemma 3.1), so the same argument applies"),
        notes="Two atoms per basin and one outside atom stand for any number: each identity involves "
              "one pair of atoms of one basin, the rest enter only through Z_1 and Z_2.",
    )


# ----------------------------------------------------------------------------------------------
# the exact finite-gap limit and its hard-separation limit


@lru_cache(maxsize=1)
def derive_plateau_limit() -> Derivation:
    r"""Derive the exact large-K limit a_∞(q, k_1, k_2) of the plateau basin mass, its interior
    window in q, and its hard-separation limit q.

    Returns
    -------
    Derivation
        Expressions: u_1, u_2 (from ``sympy.solve`` of the linear fixed-point system), a* (from
        ``sympy.solve`` of Z_1(a) = q/u_1), ``a_inf`` (a* clamped to [0, 1]), q_lo, q_hi, F, F',
        the basin-mass map f and the hard-separation limit of a*.

        Certificate (sympy; q, k_i, a ∈ (0, 1)): the fixed-point system; a* = q + q k_2/(1-k_2)
        - (1-q) k_1/(1-k_1); W(S_1) = W(S_2) = 1 at a*; F' = W(S_1) - W(S_2); F'(a*) = 0;
        F'' < 0; f(a) - a = a(1-a) F'(a); f' = q k_1/Z_1² + (1-q) k_2/Z_2² > 0;
        F'(0) = (1-k_1k_2)(q - q_lo)/k_1 and F'(1) = (1-k_1k_2)(q - q_hi)/k_2;
        0 < q_lo < q_hi < 1; a*(q_lo) = 0, a*(q_hi) = 1, ∂a*/∂q > 0; 0 < u_i < 1, so an outside
        atom has W(o) = u_1 v_1 + u_2 v_2 < v_1 + v_2 at the interior limit; a* is a rational
        function whose denominator (1-k_1)(1-k_2) is 1 at k = 0, so a* -> a*(q, 0, 0) = q jointly,
        and (q_lo, q_hi) -> (0, 1).

        Cited: f is increasing with fixed points 0, 1 and (inside the window) a* only, and
        sign(f(a) - a) = sign(F'(a)) = sign(a* - a); so from any a_0 ∈ (0, 1), a_t is monotone and
        converges to clamp(a*, 0, 1) (a bounded monotone sequence converges; the limit of a continuous
        map's orbit is a fixed point).  With outside atoms: the large-K limit is the maximiser of F
        (pluralnash ``nash-limit``), which has no outside mass when v_1 + v_2 <= 1 on the outside atoms.

    Examples
    --------
    >>> d = derive_plateau_limit()
    >>> d.expressions["hard-separation limit"]
    q
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    sol = sympy.solve([u1 + k2 * u2 - 1, k1 * u1 + u2 - 1], [u1, u2], dict=True)[0]
    U1, U2 = sympy.factor(sol[u1]), sympy.factor(sol[u2])
    roots = sympy.solve(sympy.Eq(_Z1, q / U1), a)
    a_star = sympy.factor(roots[0]) if len(roots) == 1 else sympy.Tuple(*roots)
    dF = sympy.diff(_F, a)
    d2F = sympy.diff(_F, a, 2)
    dmap = sympy.diff(_MAP, a)
    hard = sympy.limit(sympy.limit(a_star, k1, 0), k2, 0)
    hard_other = sympy.limit(sympy.limit(a_star, k2, 0), k1, 0)
    a_inf = sympy.Piecewise((0, q <= _Q_LO), (1, q >= _Q_HI), (a_star, True))
    exprs = {
        "u_1": U1, "u_2": U2, "a*": a_star, "a* (display)": _A_STAR, "a_inf": a_inf,
        "q_lo": _Q_LO, "q_hi": _Q_HI, "F(a)": _F, "F'(a)": dF, "f(a)": _MAP,
        "hard-separation limit": hard,
    }
    identities = (
        *_plateau_fixed_point_identities(U1, U2, roots, a_star, dF, d2F, dmap),
        *_plateau_window_identities(U1, U2, dF, hard, hard_other),
    )
    return Derivation(
        name="plateau-limit",
        title="Exact large-K plateau limit a_inf(q, k_1, k_2) and its hard-separation limit q",
        source=_SOURCE_34,
        expressions=exprs,
        symbols={s.name: s for s in (q, k1, k2, a, v1, v2, u1, u2)},
        identities=identities,
        cited=(
            "f increasing, f(a) - a = a(1-a)F'(a) and F strictly concave: from a_0 in (0,1) the orbit is "
            "monotone and converges to clamp(a*, 0, 1) (monotone convergence; limits of orbits of a "
            "continuous map are fixed points)",
            "a rational function is continuous where its denominator is nonzero, so a* -> a*(q,0,0) = q "
            "jointly as (k_1, k_2) -> (0, 0)",
            "with outside atoms: the large-K limit is the maximiser of F on supp(p_0) (pluralnash "
            "nash-limit); by 1 - u_i > 0 it has no outside mass in the window when v_1 + v_2 <= 1",
        ),
        notes="Scaled plateau values: (1, k_2) on S_1, (k_1, 1) on S_2, k_i = e^{-Delta_i}. "
              "a_inf = 0 for q <= q_lo and 1 for q >= q_hi (F' has one sign on (0,1) there).",
    )


def _plateau_fixed_point_identities(U1, U2, roots, a_star, dF, d2F, dmap) -> tuple[Identity, ...]:
    """The fixed-point system, a*, W(S_i) = 1 at a*, concavity of F and monotonicity of f."""
    return (
        Identity("u solves u_1 + k_2 u_2 = 1", U1 + k2 * U2 - 1),
        Identity("u solves k_1 u_1 + u_2 = 1", k1 * U1 + U2 - 1),
        Identity("sympy.solve(Z_1(a) = q/u_1, a) has one root", sympy.Eq(sympy.Integer(len(roots)), 1)),
        Identity("a* = q + q k_2/(1-k_2) - (1-q) k_1/(1-k_1)", a_star - _A_STAR),
        Identity("W(S_1) = 1 at a*", (_W_S1 - 1).subs(a, _A_STAR)),
        Identity("W(S_2) = 1 at a*", (_W_S2 - 1).subs(a, _A_STAR)),
        Identity("F'(a) = W(S_1) - W(S_2)", dF - (_W_S1 - _W_S2)),
        Identity("F'(a*) = 0", dF.subs(a, _A_STAR)),
        _positive("Z_1 > 0", _Z1),
        _positive("Z_2 > 0", _Z2),
        Identity("F''(a) = -q (1-k_1)^2/Z_1^2 - (1-q)(1-k_2)^2/Z_2^2", d2F - _D2F.subs(_ZS)),
        Identity("F''(a) < 0 for q, k_i in (0,1), Z_i > 0", sympy.StrictLessThan(_unit(_D2F), 0, evaluate=False)),
        Identity("f(a) - a = a (1 - a) F'(a)", _MAP - a - a * (1 - a) * dF),
        Identity("f'(a) = q k_1/Z_1^2 + (1-q) k_2/Z_2^2", dmap - _DMAP.subs(_ZS)),
        _positive("f'(a) > 0 for q, k_i in (0,1), Z_i > 0", _DMAP),
    )


def _plateau_window_identities(U1, U2, dF, hard, hard_other) -> tuple[Identity, ...]:
    """The window (q_lo, q_hi), outside atoms at the interior limit and the hard-separation limit."""
    numer, denom = sympy.fraction(sympy.factor(sympy.together(_A_STAR)))
    return (
        Identity("F'(0) = (1 - k_1 k_2)(q - q_lo)/k_1", dF.subs(a, 0) - (1 - k1 * k2) * (q - _Q_LO) / k1),
        Identity("F'(1) = (1 - k_1 k_2)(q - q_hi)/k_2", dF.subs(a, 1) - (1 - k1 * k2) * (q - _Q_HI) / k2),
        _positive("q_lo > 0", _Q_LO),
        _positive("q_hi - q_lo > 0", _Q_HI - _Q_LO),
        _positive("1 - q_hi > 0", 1 - _Q_HI),
        Identity("a*(q_lo) = 0", _A_STAR.subs(q, _Q_LO)),
        Identity("a*(q_hi) = 1", _A_STAR.subs(q, _Q_HI) - 1),
        _positive("d a*/dq > 0", sympy.diff(_A_STAR, q)),
        _positive("u_1 > 0", U1),
        _positive("u_2 > 0", U2),
        _positive("1 - u_1 > 0", 1 - U1),
        _positive("1 - u_2 > 0", 1 - U2),
        _positive("v_1 + v_2 - W(o) > 0 at the interior limit (W(o) = u_1 v_1 + u_2 v_2)",
                  v1 + v2 - (U1 * v1 + U2 * v2)),
        Identity("numerator of a* at k = 0 is q", numer.subs({k1: 0, k2: 0}) - q * denom.subs({k1: 0, k2: 0})),
        Identity("denominator of a* at k = 0 is nonzero (equals 1)", denom.subs({k1: 0, k2: 0}) - 1),
        Identity("lim_{k_2->0} lim_{k_1->0} a* = q", hard - q),
        Identity("lim_{k_1->0} lim_{k_2->0} a* = q", hard_other - q),
        Identity("q_lo -> 0 as k -> 0", _Q_LO.subs({k1: 0, k2: 0})),
        Identity("q_hi -> 1 as k -> 0", _Q_HI.subs({k1: 0, k2: 0}) - 1),
    )


@lru_cache(maxsize=1)
def certify_plateau_limit() -> CheckResult:
    """The certificate of :func:`derive_plateau_limit` (cached: the derivation never changes)."""
    return derive_plateau_limit().certify()


@lru_cache(maxsize=1)
def _a_inf_code():
    # Python code printed by sympy from the derived Piecewise; its only constants are integers, so
    # Fraction (or sympy Rational) arguments stay exact.
    expr = derive_plateau_limit().expressions["a_inf"]
    if any(not c.is_Integer for c in expr.atoms(sympy.Number)):
        raise InvalidArgument("a_inf has non-integer constants; lambdified code would leave exact arithmetic")
    return sympy.lambdify((q, k1, k2), expr, modules=[{}, "math"])


def plateau_limit_value(q_value: Any, k1_value: Any, k2_value: Any) -> Any:
    r"""a_∞(q, k_1, k_2): the derived ``a_inf`` of :func:`derive_plateau_limit`, evaluated exactly.

    Parameters
    ----------
    q_value : Fraction or sympy Rational in [0, 1]
    k1_value, k2_value : Fraction or sympy Rational in (0, 1)

    Returns
    -------
    Fraction or sympy Rational (the type of the inputs), or the int 0 / 1 when clamped.

    Examples
    --------
    >>> from fractions import Fraction
    >>> plateau_limit_value(Fraction(2, 5), Fraction(1, 5), Fraction(1, 3))
    Fraction(9, 20)
    """
    import fractions

    for name, v, lo_ok in (("q", q_value, True), ("k1", k1_value, False), ("k2", k2_value, False)):
        if isinstance(v, bool) or not isinstance(v, (fractions.Fraction, int, sympy.Rational)):
            raise InvalidArgument(f"{name}={v!r} must be an exact rational (Fraction); pass e.g. Fraction(1, 3)")
        if not (0 < v < 1 or (lo_ok and 0 <= v <= 1)):
            raise InvalidArgument(f"{name}={v} must lie in {'[0, 1]' if lo_ok else '(0, 1)'}")
    return _a_inf_code()(q_value, k1_value, k2_value)


def _as_function_of_q(candidate: Any, name: str = "candidate") -> sympy.Expr:
    if isinstance(candidate, float):
        raise InvalidArgument(f"{name}={candidate!r} is a float; pass an exact value such as '1/2' or an expression in q")
    try:
        expr = sympy.sympify(candidate, locals={"q": q}) if isinstance(candidate, str) else sympy.sympify(candidate)
    except (sympy.SympifyError, TypeError):
        raise InvalidArgument(f"{name}={candidate!r} must be a sympy expression in q, e.g. 'q**2'") from None
    if not isinstance(expr, sympy.Expr):
        raise InvalidArgument(f"{name}={candidate!r} must be an expression in q, not {type(expr).__name__}")
    expr = expr.xreplace({s: q for s in expr.free_symbols if s.name == "q"})
    extra = sorted(s.name for s in expr.free_symbols if s != q)
    if extra:
        raise InvalidArgument(f"{name}={candidate!r} may depend on q only, but also uses {', '.join(extra)}")
    return expr


def certify_plateau_endpoint(candidate: Any, *, finite_gap: bool = False) -> CheckResult:
    r"""Decide a claimed plateau limit a = ``candidate(q)`` for every q ∈ (0, 1) (hook for planted variants).

    Parameters
    ----------
    candidate : sympy.Expr or str
        An expression in ``q``.
    finite_gap : bool
        ``False``: the claim is lim_{k -> 0} a_∞(q, k_1, k_2) = candidate (the hard-separation limit).
        ``True``: the claim is a_∞(q, k_1, k_2) = candidate at every finite gap with q in the window.

    Returns
    -------
    CheckResult
        ``method="symbolic"``: HOLDS when sympy proves the identity (and the plateau-limit
        derivation holds), FAILS with an exact point otherwise.

    Examples
    --------
    >>> certify_plateau_endpoint("q").verdict
    Verdict.HOLDS
    >>> certify_plateau_endpoint("1/2").verdict
    Verdict.FAILS
    """
    if not isinstance(finite_gap, bool):
        raise InvalidArgument(f"finite_gap={finite_gap!r} must be True or False")
    expr = _as_function_of_q(candidate)
    d = derive_plateau_limit()
    if finite_gap:
        statement = sympy.Eq(_A_STAR, expr)
        name = f"a_inf(q, k_1, k_2) = {expr} at every finite gap (q in the window)"
        res = certify_identity(statement, name=name, domain={q: (0, 1), k1: (0, 1), k2: (0, 1)},
                               constraints=(q - _Q_LO, _Q_HI - q))
    else:
        statement = sympy.Eq(d.expressions["hard-separation limit"], expr)
        name = f"lim_(k -> 0) a_inf(q, k_1, k_2) = {expr}"
        res = certify_identity(statement, name=name, domain={q: (0, 1)})
    base = certify_plateau_limit()
    if res.verdict.value == "HOLDS" and base.verdict.value != "HOLDS":
        return CheckResult(name, base.verdict, "symbolic", res.evidence,
                           reason=f"the plateau-limit derivation is {base.verdict.value}: {base.reason}")
    return res


# ----------------------------------------------------------------------------------------------
# Theorem 3.6: the law of total variance and the separation bound

mu1, mu2 = sympy.symbols("mu_1 mu_2", real=True)
V1, V2 = sympy.symbols("V_1 V_2", nonnegative=True)
eps = sympy.Symbol("epsilon", positive=True)
Delta = sympy.Symbol("Delta", positive=True)
r_star = sympy.Symbol("r^*", real=True)
_s, _t, _d = sympy.symbols("s t d", nonnegative=True)

_E1 = a * mu1 + (1 - a) * mu2
_E2 = a * (V1 + mu1 ** 2) + (1 - a) * (V2 + mu2 ** 2)
_VAR = _E2 - _E1 ** 2
_INTER = a * (1 - a) * (mu1 - mu2) ** 2
_DECOMP = a * V1 + (1 - a) * V2 + _INTER
# B.5 for reward 2 (mirror for reward 1): own-basin mean >= r* - eps, cross-basin mean <= r* - Delta + eps
_B5 = {mu2: r_star - eps + _s, mu1: r_star - Delta + eps - _t}
# the same premise for reward 1, whose own basin is S_1 (the basins' roles swapped)
_B5_REWARD_1 = {mu1: r_star - eps + _s, mu2: r_star - Delta + eps - _t}
_SEPARATED = {Delta: 2 * eps + _d}  # the case Delta >= 2 eps; otherwise max{Delta - 2 eps, 0} = 0
SEPARATION_BOUND = a * (1 - a) * (Delta - 2 * eps) ** 2


def _variance_on_b5() -> sympy.Expr:
    return _unit(_DECOMP.subs(_B5).subs(_SEPARATED))


@lru_cache(maxsize=1)
def derive_total_variance() -> Derivation:
    r"""Derive the law of total variance with free within-basin variances, and the separation bound.

    Returns
    -------
    Derivation
        Certificate (sympy): Var_p[r] = a V_1 + (1-a) V_2 + a(1-a)(μ_1 - μ_2)² from the moments,
        and again on explicit atoms (two per basin, free masses and values); Var - inter-basin term
        = a V_1 + (1-a) V_2 >= 0; under B.5 with Δ >= 2ε, for reward 2 and for reward 1,
        Var - a(1-a)(Δ - 2ε)² >= 0 for all a ∈ (0,1), V_j >= 0, s, t >= 0; for Δ < 2ε the bound is 0
        and Var >= 0.  Cited: Var_p[r] is a polynomial in p, hence continuous, so p_t -> p_∞ gives
        Var_{p_t}[r] -> Var_{p_∞}[r].

    Examples
    --------
    >>> derive_total_variance().certify().verdict
    Verdict.HOLDS
    """
    x1, x2, y1, y2 = sympy.symbols("x_1 x_2 y_1 y_2", real=True)
    pi_, rho = sympy.symbols("pi rho", positive=True)
    # explicit atoms: basin 1 has values x_1, x_2 with masses pi, 1 - pi; basin 2 has y_1, y_2
    m1 = pi_ * x1 + (1 - pi_) * x2
    m2 = rho * y1 + (1 - rho) * y2
    var1 = pi_ * (x1 - m1) ** 2 + (1 - pi_) * (x2 - m1) ** 2
    var2 = rho * (y1 - m2) ** 2 + (1 - rho) * (y2 - m2) ** 2
    weights = (a * pi_, a * (1 - pi_), (1 - a) * rho, (1 - a) * (1 - rho))
    values = (x1, x2, y1, y2)
    mean = sum(w * v for w, v in zip(weights, values))
    var_atoms = sum(w * (v - mean) ** 2 for w, v in zip(weights, values))
    decomposed_atoms = a * var1 + (1 - a) * var2 + a * (1 - a) * (m1 - m2) ** 2
    exprs = {
        "E_p[r]": _E1, "E_p[r^2]": _E2, "Var_p[r]": sympy.expand(_VAR), "decomposition": _DECOMP,
        "inter-basin term": _INTER, "separation bound": SEPARATION_BOUND,
        "Var on B.5 (Delta = 2 eps + d)": _DECOMP.subs(_B5).subs(_SEPARATED),
    }
    identities = (
        Identity("Var = a V_1 + (1-a) V_2 + a(1-a)(mu_1 - mu_2)^2 (moments)", _VAR - _DECOMP),
        Identity("Var = within + inter-basin on explicit atoms", var_atoms - decomposed_atoms),
        Identity("Var - inter-basin term = a V_1 + (1-a) V_2 >= 0",
                 sympy.GreaterThan(_unit(_DECOMP - _INTER), 0, evaluate=False)),
        Identity("B.5, Delta >= 2 eps: Var - a(1-a)(Delta - 2 eps)^2 >= 0",
                 sympy.GreaterThan(_variance_on_b5() - _unit(SEPARATION_BOUND.subs(_SEPARATED)), 0,
                                   evaluate=False)),
        Identity("B.5 for reward 1 (own basin S_1), Delta >= 2 eps: Var - a(1-a)(Delta - 2 eps)^2 >= 0",
                 sympy.GreaterThan(_unit(_DECOMP.subs(_B5_REWARD_1).subs(_SEPARATED))
                                   - _unit(SEPARATION_BOUND.subs(_SEPARATED)), 0, evaluate=False)),
        Identity("Delta < 2 eps: Var >= 0 = a(1-a) max{Delta - 2 eps, 0}^2",
                 sympy.GreaterThan(_unit(_DECOMP), 0, evaluate=False)),
    )
    return Derivation(
        name="total-variance",
        title="Law of total variance over two basins and the B.5 separation bound",
        source=_SOURCE_36,
        expressions=exprs,
        symbols={s.name: s for s in (a, mu1, mu2, V1, V2, eps, Delta, r_star, _s, _t, _d)},
        identities=identities,
        cited=("Var_p[r] is a polynomial in p, so p_t -> p_inf implies Var_{p_t}[r] -> Var_{p_inf}[r]",),
        notes="Applies to p_inf = a_inf p_{inf,1} + (1 - a_inf) p_{inf,2}, i.e. when the limit has no "
              "outside mass (m_t -> 0). B.5 gives mu_{2,2} >= r_2* - eps (own basin) and "
              "mu_{2,1} <= r_2* - Delta_2 + eps, parametrised by s, t >= 0.",
    )


def certify_variance_bound(bound: Any) -> CheckResult:
    r"""Decide Var_{p_∞}[r] >= ``bound`` under B.5 with Δ >= 2ε (hook for planted variants).

    Parameters
    ----------
    bound : sympy.Expr or str
        An expression in ``a``, ``Delta`` and ``epsilon`` (the symbols of this module; strings may
        use the names ``a``, ``Delta``, ``eps``).

    Returns
    -------
    CheckResult
        ``method="symbolic"``: HOLDS when sympy proves it for every a ∈ (0,1), V_j >= 0, s, t >= 0,
        d = Δ - 2ε >= 0; FAILS with an exact point (a, V_j, s, t, d, ε) otherwise.

    Examples
    --------
    >>> certify_variance_bound(SEPARATION_BOUND).verdict
    Verdict.HOLDS
    >>> certify_variance_bound("a*(1-a)*Delta**2").verdict
    Verdict.FAILS
    """
    names = {"a": a, "Delta": Delta, "eps": eps, "epsilon": eps}
    try:
        expr = sympy.sympify(bound, locals=names) if isinstance(bound, str) else sympy.sympify(bound)
    except (sympy.SympifyError, TypeError):
        raise InvalidArgument(f"bound={bound!r} must be a sympy expression in a, Delta, eps") from None
    if not isinstance(expr, sympy.Expr):
        raise InvalidArgument(f"bound={bound!r} must be an expression, not {type(expr).__name__}")
    expr = expr.xreplace({s: names[s.name] for s in expr.free_symbols if s.name in names})
    extra = sorted(s.name for s in expr.free_symbols if s not in (a, Delta, eps))
    if extra:
        raise InvalidArgument(f"bound={bound!r} may use a, Delta, eps only, but also uses {', '.join(extra)}")
    gap = _variance_on_b5() - _unit(expr.subs(_SEPARATED))
    return certify_identity(sympy.GreaterThan(gap, 0, evaluate=False),
                            name=f"Var_p_inf[r] >= {expr} under B.5",
                            domain={V1: (0, 1), V2: (0, 1), _s: (0, 1), _t: (0, 1), _d: (0, 4), eps: (0, 2)},
                            constraints=(eps - _s,), tries=96)
