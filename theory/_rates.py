r"""Rates and stability of the large-K limit: the toolkit's own statements beside [FALA26] Eq. 5, Lemma 3.3
and Proposition 3.4.

Definitions
-----------
Two rewards with weights (q, 1 - q), w_i = e^{r_i} > 0.  The large-K map is T(p)(x) = p(x) W_p(x),
W_p(x) = q w_1(x)/Z_1(p) + (1 - q) w_2(x)/Z_2(p), Z_i(p) = Σ_y p(y) w_i(y) ([FALA26] Eq. 5).

- *Linearisation.* Two support atoms x_1, x_2 with values (w_11, w_21), (w_12, w_22) and one atom y off
  the support with values (v_1, v_2); the limit puts a on x_1, 1 - a on x_2 and 0 on y.  The KKT
  equality W(x_1) = 1 fixes q as a function of a (then W(x_2) = 1 too, since Σ_x p W = 1).  J is the
  Jacobian of T at the limit.  μ = E_{p*}[w_1 w_2]/(Z_1* Z_2*); W*(y) the weight of y at the limit.
- *Outside mass.* m_t = Σ_{y ∉ S} p_t(y), shares s_t(y) = p_t(y)/m_t, and
  ρ_out = max_{y ∉ S} W*(y); the ratio m_{t+1}/m_t = Σ_y s_t(y) W_t(y).
- *Plateau sensitivity.* a*(q, k_1, k_2) = q + q k_2/(1 - k_2) - (1 - q) k_1/(1 - k_1) (:mod:`._plateau`).
- *Limit sensitivity.* Implicit function theorem on the KKT system G(p, q) = (W(x) - 1)_{x ∈ S} = 0:
  A(x, x') = Σ_i q_i w_i(x) w_i(x')/Z_i², ∂G/∂p = -A, ∂G/∂q(x) = w_1(x)/Z_1 - w_2(x)/Z_2.

Python spellings: ``w11`` = w_1(x_1), ``w12`` = w_1(x_2), ``w21`` = w_2(x_1), ``w22`` = w_2(x_2), ``v1``,
``v2`` = w_i(y), ``lam`` = λ (eigenvalue variable), ``k1``, ``k2`` = k_i, ``L`` = the Lipschitz constant.
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from pluralnash.theory._certify import Identity
from pluralnash.theory._derivation import Derivation
from pluralnash.theory._plateau import _A_STAR, _positive, k1, k2, q

__all__ = ["derive_rate_jacobian", "derive_outside_rate", "derive_plateau_sensitivity", "derive_limit_sensitivity",
           "derive_tie_rate",
           "PLATEAU_LIPSCHITZ"]

_SOURCE = "pluralnash (this toolkit); cf. [FALA26] Eq. 5, Lemma 3.3"

a = sympy.Symbol("a", positive=True)
lam = sympy.Symbol("lambda")
w11, w12, w21, w22, v1, v2 = sympy.symbols("w11 w12 w21 w22 v1 v2", positive=True)
_P = sympy.symbols("P1:4", positive=True)
_W = ((w11, w12, v1), (w21, w22, v2))
_AT = {_P[0]: a, _P[1]: 1 - a, _P[2]: 0}

# dp*/dq for the plateau family: a* is affine in q with this slope
PLATEAU_LIPSCHITZ = 1 / (1 - k2) + k1 / (1 - k1)


def _vanishes(entries) -> sympy.Expr:
    """Σ e² over the entries, each cancelled first: ≡ 0 exactly when every entry is ≡ 0 (real entries)."""
    return sympy.Add(*[sympy.cancel(e) ** 2 for e in entries])


def _map_parts(weights):
    Z = [sum(_P[k] * _W[i][k] for k in range(3)) for i in range(2)]
    T = [_P[k] * sum(weights[i] * _W[i][k] / Z[i] for i in range(2)) for k in range(3)]
    return Z, T


def _kkt_q():
    """q as a function of a from W(x_1) = 1 at the two-atom limit (a, 1 - a, 0)."""
    Z = [(a * _W[i][0] + (1 - a) * _W[i][1]) for i in range(2)]
    W1 = q * _W[0][0] / Z[0] + (1 - q) * _W[1][0] / Z[1]
    return sympy.solve(sympy.Eq(W1, 1), q)[0], Z


@lru_cache(maxsize=1)
def derive_rate_jacobian() -> Derivation:
    r"""Derive the spectrum of the large-K map's Jacobian at a two-atom limit with one atom off the support.

    Returns
    -------
    Derivation
        Certificate (sympy): the columns of J sum to 0 at every p (the map keeps total mass 1); the row of
        the off-support atom y is (0, 0, W*(y)); at the KKT point det(λI - J) = λ (λ - μ)(λ - W*(y)) with
        μ = E_{p*}[w_1 w_2]/(Z_1* Z_2*); 1 - μ = -a(1-a)(w_11 - w_12)(w_21 - w_22)/(Z_1* Z_2*), so
        0 < μ < 1 when the two support atoms are Pareto-incomparable (as they are at an interior limit).
        Cited: a fixed point of a C^1 map whose Jacobian has spectral radius ρ < 1 attracts its
        neighbourhood at every linear rate above ρ (Ostrowski's theorem); a point mass (|S| = 1) has
        support block 0, so ρ = max W*(y) there; more atoms off the support add their W*(y) to the
        spectrum (the off rows stay diagonal).

    Examples
    --------
    >>> derive_rate_jacobian().certify().verdict
    Verdict.HOLDS
    """
    weights = (q, 1 - q)
    Z, T = _map_parts(weights)
    J = sympy.Matrix(3, 3, lambda r, c: sympy.diff(T[r], _P[c]))
    q_of_a, Zs = _kkt_q()
    J_star = J.subs(_AT).subs(q, q_of_a).applyfunc(sympy.cancel)
    mu = (a * w11 * w21 + (1 - a) * w12 * w22) / (Zs[0] * Zs[1])
    W_y = (q * v1 / Zs[0] + (1 - q) * v2 / Zs[1]).subs(q, q_of_a)
    charpoly = (lam * sympy.eye(3) - J_star).det(method="berkowitz")
    exprs = {"q(a) at the KKT point": q_of_a, "J*": sympy.ImmutableMatrix(J_star), "mu": mu, "W*(y)": W_y,
             "det(lambda I - J*)": lam * (lam - mu) * (lam - W_y)}
    identities = (
        Identity("column sums of J vanish at every p", _vanishes(J.row(0) + J.row(1) + J.row(2))),
        Identity("row y of J* is (0, 0, W*(y))", _vanishes([J_star[2, 0], J_star[2, 1], J_star[2, 2] - W_y])),
        Identity("det(lambda I - J*) = lambda (lambda - mu)(lambda - W*(y))",
                 sympy.cancel(charpoly - lam * (lam - mu) * (lam - W_y))),
        Identity("1 - mu = -a(1-a)(w11 - w12)(w21 - w22)/(Z_1 Z_2)",
                 sympy.cancel(1 - mu + a * (1 - a) * (w11 - w12) * (w21 - w22) / (Zs[0] * Zs[1]))),
    )
    return Derivation(
        name="rate-jacobian",
        title="The large-K map's Jacobian at its limit: spectrum {0, mu, W*(y)}",
        source=_SOURCE,
        expressions=exprs,
        symbols={s.name: s for s in (q, a, lam, w11, w12, w21, w22, v1, v2)},
        identities=identities,
        cited=("Ostrowski's theorem: spectral radius rho < 1 at a fixed point gives local linear convergence at "
               "every rate above rho",
               "block triangular matrices: the spectrum is the union of the diagonal blocks' spectra"),
        notes="Two support atoms and one off-support atom stand for any number off the support: each off row is "
              "diagonal. With two rewards a unique limit charges at most two reward vectors.",
    )


@lru_cache(maxsize=1)
def derive_outside_rate() -> Derivation:
    r"""Derive the one-step ratio of the mass off the support and its deviation from ρ_out.

    Returns
    -------
    Derivation
        Certificate (sympy), two atoms y_1, y_2 off the support with shares s, 1 - s:
        m_{t+1}/m_t = s W_t(y_1) + (1 - s) W_t(y_2), and with ρ_out = W*(y_1) >= W*(y_2)
        ρ_out - m_{t+1}/m_t = (1 - s)(W*(y_1) - W*(y_2)) + s (W*(y_1) - W_t(y_1)) + (1 - s)(W*(y_2) - W_t(y_2)),
        so |m_{t+1}/m_t - ρ_out| <= δ_t := (share of the atoms below ρ_out)(ρ_out - min W*) + max_y |W_t(y) - W*(y)|.
        Cited: W_t(y) -> W*(y) because Z_i(t) -> Z_i* (the dynamics converge to the limit, pluralnash
        nash-limit), and s_t(y_2)/s_t(y_1) = (p_0(y_2)/p_0(y_1)) Π_{τ<t} W_τ(y_2)/W_τ(y_1) -> 0 when
        W*(y_2) < W*(y_1); hence δ_t -> 0 and the slope of log m_t tends to log ρ_out.
    """
    s, Wt1, Wt2, Ws1, Ws2, p1, p2 = sympy.symbols("s W_t1 W_t2 W*1 W*2 p_y1 p_y2", positive=True)
    ratio = (p1 * Wt1 + p2 * Wt2) / (p1 + p2)
    share = {p1: s, p2: 1 - s}
    deviation = (1 - s) * (Ws1 - Ws2) + s * (Ws1 - Wt1) + (1 - s) * (Ws2 - Wt2)
    exprs = {"m_{t+1}/m_t": ratio, "rho_out - m_{t+1}/m_t": deviation}
    identities = (
        Identity("m_{t+1}/m_t = s W_t(y_1) + (1 - s) W_t(y_2)",
                 sympy.cancel(ratio.subs(share) - (s * Wt1 + (1 - s) * Wt2))),
        Identity("rho_out - m_{t+1}/m_t splits into the share term and the weight terms",
                 sympy.expand(Ws1 - (s * Wt1 + (1 - s) * Wt2) - deviation)),
    )
    return Derivation(
        name="outside-rate",
        title="The mass off the limit's support decays at the rate rho_out = max W* off the support",
        source="pluralnash (this toolkit); cf. [FALA26] Lemma 3.3 and Table 4 (slopes of log m_t)",
        expressions=exprs,
        symbols={v.name: v for v in (s, Wt1, Wt2, Ws1, Ws2, p1, p2)},
        identities=identities,
        cited=("Z_i(t) -> Z_i* along the dynamics (pluralnash nash-limit), so W_t -> W* pointwise",
               "a ratio of products with factors tending to W*(y_2)/W*(y_1) < 1 tends to 0"),
        notes="Two off-support atoms stand for any number: atoms with equal W* add to one share.",
    )


@lru_cache(maxsize=1)
def derive_plateau_sensitivity() -> Derivation:
    r"""Derive ∂a*/∂q, ∂a*/∂k_i of the exact plateau limit.

    Returns
    -------
    Derivation
        Certificate (sympy; q, k_i ∈ (0, 1)): ∂a*/∂q = 1/(1 - k_2) + k_1/(1 - k_1) =: L; ∂²a*/∂q² = 0, so
        a* is affine in q and a*(q') - a*(q) = L (q' - q) exactly; L > 1; ∂a*/∂k_2 = q/(1 - k_2)² > 0,
        ∂a*/∂k_1 = -(1 - q)/(1 - k_1)² < 0, both increasing in absolute value with k_i, so on [k', k] the
        value at k bounds them.  Since a_∞ = clamp(a*, 0, 1) and clamping is 1-Lipschitz,
        |a_∞(q') - a_∞(q)| <= L |q' - q|, with equality when a*(q), a*(q') ∈ [0, 1].
    """
    dq = sympy.diff(_A_STAR, q)
    exprs = {"a*": _A_STAR, "d a*/dq": sympy.factor(dq), "L": PLATEAU_LIPSCHITZ,
             "d a*/dk_1": sympy.factor(sympy.diff(_A_STAR, k1)), "d a*/dk_2": sympy.factor(sympy.diff(_A_STAR, k2))}
    identities = (
        Identity("d a*/dq = 1/(1 - k_2) + k_1/(1 - k_1)", sympy.cancel(dq - PLATEAU_LIPSCHITZ)),
        Identity("d^2 a*/dq^2 = 0 (a* affine in q)", sympy.diff(_A_STAR, q, 2)),
        _positive("L - 1 > 0", PLATEAU_LIPSCHITZ - 1),
        Identity("d a*/dk_2 = q/(1 - k_2)^2", sympy.cancel(sympy.diff(_A_STAR, k2) - q / (1 - k2) ** 2)),
        Identity("d a*/dk_1 = -(1 - q)/(1 - k_1)^2", sympy.cancel(sympy.diff(_A_STAR, k1) + (1 - q) / (1 - k1) ** 2)),
        _positive("|d a*/dk_2| increases with k_2", sympy.diff(q / (1 - k2) ** 2, k2)),
        _positive("|d a*/dk_1| increases with k_1", sympy.diff((1 - q) / (1 - k1) ** 2, k1)),
    )
    return Derivation(
        name="plateau-sensitivity",
        title="The plateau limit a*(q, k_1, k_2) moves with q at the exact rate 1/(1-k_2) + k_1/(1-k_1) > 1",
        source="pluralnash (this toolkit); cf. [FALA26] Prop. 3.4, Lemma 3.4 (B.6)",
        expressions=exprs,
        symbols={s.name: s for s in (q, k1, k2)},
        identities=identities,
        cited=("clamping to [0, 1] is 1-Lipschitz",),
        notes="a* from the plateau-limit derivation; k_i = e^{-Delta_i}.",
    )


@lru_cache(maxsize=1)
def derive_limit_sensitivity() -> Derivation:
    r"""Derive dp*/dq at a two-atom limit by the implicit function theorem, and that it is exact on a piece.

    Returns
    -------
    Derivation
        Certificate (sympy): along the KKT curve q(a) (W(x_1) = 1), the velocity v = (da/dq, -da/dq) solves
        A v = ∂G/∂q; the weight W*(y) of any atom off the support does not change along the curve
        (d/da W*(y) = 0: q_i/Z_i* = u_i is fixed by the two equalities u_1 w_1(x) + u_2 w_2(x) = 1); and q(a)
        is a Möbius function of a whose inverse a(q) is affine on each piece of constant support.
        Cited: the implicit function theorem (A invertible); a unique maximiser of a concave function
        is characterised by its KKT conditions.
    """
    q_of_a, Zs = _kkt_q()
    dq_da = sympy.diff(q_of_a, a)
    weights = (q_of_a, 1 - q_of_a)
    A = sympy.Matrix(2, 2, lambda x, y: sum(weights[i] * _W[i][x] * _W[i][y] / Zs[i] ** 2 for i in range(2)))
    G_q = sympy.Matrix([_W[0][x] / Zs[0] - _W[1][x] / Zs[1] for x in range(2)])
    v = sympy.Matrix([1 / dq_da, -1 / dq_da])
    W_y = q_of_a * v1 / Zs[0] + (1 - q_of_a) * v2 / Zs[1]
    a_of_q = sympy.solve(sympy.Eq(q, q_of_a), a)  # one root: q(a) is a Möbius function of a
    exprs = {"q(a)": sympy.factor(q_of_a), "dp*/dq": sympy.ImmutableMatrix(v.applyfunc(sympy.factor)), "W*(y)": sympy.factor(W_y),
             "a(q)": sympy.Tuple(*a_of_q)}
    identities = (
        Identity("A (dp*/dq) = dG/dq (implicit function theorem)", _vanishes(A * v - G_q)),
        Identity("d W*(y)/da = 0 along the KKT curve", sympy.cancel(sympy.diff(W_y, a))),
        Identity("a(q) is affine in q", sympy.diff(a_of_q[0], q, 2)),
    )
    return Derivation(
        name="limit-sensitivity",
        title="dp*/dq at a two-atom limit: A^{-1} dG/dq, constant on each piece of constant support",
        source=_SOURCE,
        expressions=exprs,
        symbols={s.name: s for s in (q, a, w11, w12, w21, w22, v1, v2)},
        identities=identities,
        cited=("the implicit function theorem", "KKT conditions characterise the maximiser of a concave function"),
        notes="With |S| = 1 the limit is a point mass, constant in q while W(y) < 1 off it.",
    )


@lru_cache(maxsize=1)
def derive_tie_rate() -> Derivation:
    r"""Derive the sublinear decay at a degenerate tie: a point-mass limit δ_g and one atom y with W*(y) = 1.

    Returns
    -------
    Derivation
        With r_i = w_i(y)/w_i(g) and the tie q r_1 + (1 - q) r_2 = 1, along p = (1 - ε) δ_g + ε δ_y:
        W_p(y) = Σ_i q_i r_i/(1 + ε (r_i - 1)) = 1 - V ε + O(ε²) with
        V = Σ_i q_i r_i² - 1 = q (1 - q)(r_1 - r_2)² > 0 (r_1 ≠ r_2 since y ≠ g).  So ε_{t+1} = ε_t - V ε_t² + O(ε_t³),
        1/ε_{t+1} - 1/ε_t → V and t ε_t → 1/V: the tied atom's mass decays like 1/(V t).
        Certificate (sympy): the series coefficients 1 and -V, and V = q(1 - q)(r_1 - r_2)².
        Cited: the Cesàro mean of 1/ε_{t+1} - 1/ε_t tends to V; other atoms off the support decay
        geometrically and enter only at higher order.
    """
    r1, r2, eps = sympy.symbols("r_1 r_2 epsilon", positive=True)
    tied = (1 - q * r1) / (1 - q)
    W = q * r1 / (1 + eps * (r1 - 1)) + (1 - q) * r2 / (1 + eps * (r2 - 1))
    V = q * r1 ** 2 + (1 - q) * r2 ** 2 - 1
    series = sympy.series(W.subs(r2, tied), eps, 0, 2).removeO()
    exprs = {"W_p(y)": W, "V": V, "V (tie)": sympy.factor(V.subs(r2, tied))}
    identities = (
        Identity("W_p(y) = 1 + O(eps) at the tie", sympy.cancel(series.coeff(eps, 0) - 1)),
        Identity("the eps coefficient of W_p(y) is -V", sympy.cancel(series.coeff(eps, 1) + V.subs(r2, tied))),
        Identity("V = q(1-q)(r_1 - r_2)^2 at the tie", sympy.cancel((V - q * (1 - q) * (r1 - r2) ** 2).subs(r2, tied))),
    )
    return Derivation(
        name="tie-rate",
        title="At a degenerate tie the tied atom's mass decays like 1/(V t), V = q(1-q)(r_1 - r_2)^2",
        source=_SOURCE,
        expressions=exprs,
        symbols={s.name: s for s in (q, r1, r2, eps)},
        identities=identities,
        cited=("if e_{t+1} = e_t - V e_t^2 + O(e_t^3) with e_t -> 0, then 1/e_{t+1} - 1/e_t -> V and t e_t -> 1/V "
               "(Cesaro means)",),
        notes="r_i = w_i(y)/w_i(g); the tie is q r_1 + (1 - q) r_2 = 1.",
    )
