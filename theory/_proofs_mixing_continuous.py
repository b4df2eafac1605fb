r"""Proof replays of two toolkit claims: ``mixing-several-rewards`` and ``continuous-closed-form``.

Definitions
-----------
*mixing-several-rewards* (real-data mixing, [FERB24] stability results, with m rewards as in
[FALA26] Eq. 5): atoms y = 1..n of S = supp p_ref, rewards i = 1..m, v_i(y) = e^{r_i(y)} > 0,
weights q_i on the simplex, λ ∈ (0, 1), the mixed map T(p) = (1 − λ) p_ref + λ p W(p) with
W(p) = Σ_i q_i v_i/Z_i(p), Z_i(p) = E_p[v_i], and the potential
G(p) = λ Σ_i q_i log E_p[v_i] + (1 − λ) Σ_S p_ref log p.

*continuous-closed-form* ([FALA26] Eq. 5 and Appendix C.4, quadratic rewards): r_i(x) = −β|x − μ_i|²,
p_0 = N(m_0, s²) (coordinates factorise in d > 1), a multi-index n with k = |n|,
μ̄_n = Σ_i n_i μ_i/k, V_n = Σ_i n_i |μ_i − μ̄_n|², 1/v = 1/s² + 2βk, m_n = v(m_0/s² + 2βk μ̄_n).

Python spellings: ``lam`` = λ, ``beta`` = β, ``ref`` = p_ref, ``v`` = v_i, ``E1, E2, E3`` = e^{r_i(x)}.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

import sympy

from pluralnash.theory._proof import Proof, Step

__all__ = ["proof_continuous_closed_form", "proof_mixing_several_rewards"]


def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


Eq, Ge, Gt, Le, Lt = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt))
_S = sympy.Symbol
lam = _S("lambda", positive=True)


# ---------------------------------------------------------------------------------------------
# mixing-fixed-point (one reward): the Jacobian at p*

def jacobian_steps(first: int, lam, w, x, n) -> tuple[tuple, tuple]:
    r"""The tangent eigenvalues of the mixed map's Jacobian at p* (one reward), numbered from ``first``.

    J v = (λ/Z*)(w ∘ v − (p* ∘ w)(w · v)/Z*), Z* = Σ_x p*(x) w(x); the steps show Σ_x (J v)(x) = 0,
    J p* = 0, that D^{−1/2} J D^{1/2} (D = diag p*) is symmetric, and place the tangent eigenvalues by the
    interlacing of a rank-one update.  Returns the steps and the premise they introduce (the definition of Z*).
    """
    y = _S("y", integer=True, positive=True)
    s, Zs = _S("s", nonnegative=True), _S("Z^*", positive=True)
    P, v = sympy.IndexedBase("p^*", positive=True), sympy.IndexedBase("v", real=True)
    px, py, wx, wy = sympy.symbols("p^*_x p^*_y w_x w_y", positive=True)
    dot = lambda f: sympy.Sum(f.xreplace({x: y}), (y, 1, n))  # noqa: E731  (a sum over the atoms, index y)
    def_Z = Eq(Zs, sympy.Sum(P[x] * w[x], (x, 1, n)))
    Jv = lam / Zs * (w[x] * v[x] - P[x] * w[x] * dot(w[x] * v[x]) / Zs)
    line = lam * (P[x] + s * v[x]) * w[x] / dot((P[x] + s * v[x]) * w[x])
    J = lambda a, b, wa, wb: -lam * a * wa * wb / Zs**2  # noqa: E731  (an off-diagonal entry J_ab)
    st = lambda k: first + k  # noqa: E731
    steps = (
        Step("(ii) J v = d/ds T(p* + s v) at s = 0 = (λ/Z*)(w(x) v(x) − p*(x) w(x) Σ_y w(y) v(y)/Z*), "
             "Z* = Σ_y p*(y) w(y)", Eq(sympy.diff(line, s).subs(s, 0), Jv.xreplace({Zs: dot(P[x] * w[x])}))),
        Step("the tangent space Σ_x v(x) = 0 is invariant: Σ_x (J v)(x) = (λ/Z*)(Σ_x w v − Σ_x p* w · Σ_y w v/Z*) = 0",
             Eq(lam / Zs * (dot(w[x] * v[x]) - sympy.Sum(P[x] * w[x], (x, 1, n)) * dot(w[x] * v[x]) / Zs), 0),
             uses=(st(0),), given=((def_Z, sympy.Sum(P[x] * w[x], (x, 1, n))),)),
        Step("J p* = 0: the normal direction p* is an eigenvector with eigenvalue 0",
             Eq(lam / Zs * (w[x] * P[x] - P[x] * w[x] * sympy.Sum(P[x] * w[x], (x, 1, n)) / Zs), 0),
             uses=(st(0),), given=((def_Z, sympy.Sum(P[x] * w[x], (x, 1, n))),)),
        Step("D^{−1/2} J D^{1/2} (D = diag p*) is symmetric: its off-diagonal entries −λ √(p*(x) p*(y)) w(x) w(y)/Z*² "
             "agree at (x, y) and (y, x) (the diagonal is λ w(x)(1 − p*(x) w(x)/Z*)/Z*)",
             Eq(J(px, py, wx, wy) * sympy.sqrt(py) / sympy.sqrt(px) - J(py, px, wy, wx) * sympy.sqrt(px) / sympy.sqrt(py),
                0), uses=(st(0),)),
        Step("so J is similar to the symmetric matrix (λ/Z*)(diag(w) − u u^T/Z*), u = √p* ∘ w: its eigenvalues are "
             "real, λ/Z* times those μ_1 ≤ … ≤ μ_n of diag(w) − u u^T/Z*", None, uses=(st(3),),
             cites=("spectral theorem",)),
        Step("in a basis of T ⊕ span(p*) (steps " + f"{st(1)}-{st(2)}" + ") J is block diagonal diag(J|_T, 0): its "
             "eigenvalues are those of J on T and the 0 of p*", None, uses=(st(1), st(2)),
             cites=("determinant of a block triangular matrix",)),
        Step("u u^T/Z* is a rank-one positive semidefinite matrix, so μ_1 ≤ w_(1) ≤ μ_2 ≤ … ≤ μ_n ≤ w_(n) for the "
             "sorted w_(1) ≤ … ≤ w_(n) on S; as w_(1) > 0, the eigenvalue 0 of p* is μ_1, and the n − 1 tangent "
             "eigenvalues are λ μ_k/Z* with μ_k ∈ [min_S w, max_S w]", None, uses=(st(4), st(5)),
             cites=("Weyl's interlacing for rank-one updates",)),
    )
    return steps, (def_Z,)


# ---------------------------------------------------------------------------------------------
# mixing-several-rewards

#: Why the Jacobian step is open (the first uncertified step of the replay).
JACOBIAN_OPEN = ("the bounds need the symmetrised Jacobian D^{-1/2} J D^{1/2} = lam (diag(W*) - sum_i q_i u_i u_i^T/Z_i*^2), "
                 "u_i = sqrt(p*) v_i (D = diag p*), the Cauchy-Schwarz bound (u_i . x)^2 <= Z_i* sum_y v_i(y) x_y^2 on its "
                 "quadratic form, and the Courant-Fischer (Rayleigh quotient) characterisation of its eigenvalues; the step "
                 "checker has no matrix or quadratic-form statements over n atoms and m rewards, and the Courant-Fischer "
                 "theorem is not among the standard theorems (the one-reward replay mixing-fixed-point places its "
                 "eigenvalues by rank-one interlacing, which does not extend to a rank-m update)")


def _mixing_potential_steps(lam, ref, v, qq, p, d, i, y, m, n):
    s = _S("s", nonnegative=True)
    Z = sympy.Sum(p[y] * v[i, y], (y, 1, n))
    line = (lam * sympy.Sum(qq[i] * sympy.log(sympy.Sum((p[y] + s * d[y]) * v[i, y], (y, 1, n))), (i, 1, m))
            + (1 - lam) * sympy.Sum(ref[y] * sympy.log(p[y] + s * d[y]), (y, 1, n)))
    grad = (lam * sympy.Sum(qq[i] * sympy.Sum(d[y] * v[i, y], (y, 1, n)) / Z, (i, 1, m))
            + (1 - lam) * sympy.Sum(ref[y] * d[y] / p[y], (y, 1, n)))
    curv = (-lam * sympy.Sum(qq[i] * sympy.Sum(d[y] * v[i, y], (y, 1, n)) ** 2 / Z**2, (i, 1, m))
            - (1 - lam) * sympy.Sum(ref[y] * d[y] ** 2 / p[y] ** 2, (y, 1, n)))
    return (
        Step("d/ds G(p + s d) at s = 0 is λ Σ_i q_i (Σ_y d_y v_i(y))/Z_i(p) + (1 − λ) Σ_y p_ref(y) d_y/p(y): "
             "∂G/∂p(y) = λ W(p)(y) + (1 − λ) p_ref(y)/p(y)", Eq(sympy.diff(line, s).subs(s, 0), grad)),
        Step("d²/ds² G(p + s d) = −λ Σ_i q_i (Σ_y d_y v_i(y))²/Z_i² − (1 − λ) Σ_y p_ref(y) d_y²/p(y)²",
             Eq(sympy.diff(line, s, 2).subs(s, 0), curv), uses=(1,)),
        Step("the curvature is ≤ 0: G is concave on the simplex over S", Le(curv, 0), uses=(2,)),
    )


@lru_cache(maxsize=1)
def proof_mixing_several_rewards() -> Proof:
    i, y = (_S(c, integer=True, positive=True) for c in ("i", "y"))
    m, n = _S("m", integer=True, positive=True), _S("n", integer=True, positive=True)
    ref, v, qq, p, Zi = (sympy.IndexedBase(c, positive=True) for c in ("p_ref", "v", "q", "p", "Z"))
    d = sympy.IndexedBase("d", real=True)
    r0, W0, p0, ps = sympy.symbols("r W p p^*", positive=True)
    d0 = _S("|d_y|", positive=True)
    c = _S("c", real=True)
    star = (1 - lam) * r0 / (1 - lam * W0)
    simplex = Eq(sympy.Sum(qq[i], (i, 1, m)), 1)
    normal = Eq(sympy.Sum(ref[y], (y, 1, n)), 1)
    kkt = Eq(lam * W0 + (1 - lam) * r0 / p0, c)
    steps = (
        *_mixing_potential_steps(lam, ref, v, qq, p, d, i, y, m, n),
        Step("a nonzero tangent direction has some d_y ≠ 0, whose term −(1 − λ) p_ref(y) d_y²/p(y)² < 0: "
             "the curvature is < 0 and G is strictly concave", Gt((1 - lam) * r0 * d0**2 / p0**2, 0), uses=(3,)),
        Step("G → −∞ as p(y) ↓ 0 at any y ∈ S (p_ref(y) > 0): 1/log p(y) → 0, so G's maximiser over the "
             "simplex on S is interior", Eq(sympy.Limit(1 / sympy.log(p0), p0, 0, "+"), 0)),
        Step("G is continuous on a compact set and strictly concave: it has exactly one maximiser, interior, "
             "and it is G's only stationary point on the simplex", None, uses=(4, 5),
             cites=("extreme value theorem", "strict concavity")),
        Step("at a stationary point λ W(p)(y) + (1 − λ) p_ref(y)/p(y) = c for every y ∈ S (a Lagrange multiplier "
             "c); multiplying by p(y) and summing, with Σ_y p(y) v_i(y)/Z_i = 1 (sums exchanged): "
             "c = λ Σ_i q_i + (1 − λ) Σ_y p_ref(y)", None, uses=(1,), cites=("Tonelli's theorem",)),
        Step("λ Σ_i q_i + (1 − λ) Σ_y p_ref(y) = λ + (1 − λ) = 1, so c = 1",
             Eq(lam * simplex.lhs + (1 - lam) * normal.lhs, 1), uses=(7,),
             given=((simplex, simplex.lhs), (normal, normal.lhs))),
        Step("T(p)(y) − p(y) = p(y)(c − 1) at a stationary point: with c = 1 the stationary points of G are "
             "fixed points of T, and conversely (read backwards, T(p) = p gives the stationarity equations with c = 1)",
             Eq((1 - lam) * r0 + lam * p0 * W0 - p0, p0 * (c - 1)), uses=(8,), given=((kkt, W0),)),
        Step("(i) so T has exactly one fixed point p* on S", None, uses=(6, 9), cites=("strict concavity",)),
        Step("solving p* = (1 − λ) p_ref + λ p* W* gives p*(y) = (1 − λ) p_ref(y)/(1 − λ W*(y)), W*(y) = "
             "Σ_i q_i v_i(y)/Z_i*, Z_i* = Σ_y p*(y) v_i(y) (the m equations)",
             Eq((1 - lam) * r0 + lam * star * W0, star), uses=(10,)),
        Step("λ W*(y) = 1 − (1 − λ) p_ref(y)/p*(y) on S", Eq(lam * W0, 1 - (1 - lam) * r0 / star), uses=(11,)),
        Step("so λ max_S W* = 1 − (1 − λ) min_S p_ref/p* < 1", Lt(1 - (1 - lam) * r0 / ps, 1), uses=(12,)),
        Step("(ii) the Jacobian of T at p* has real tangent eigenvalues in [0, λ max_S W*]", None, uses=(11, 13),
             open_reason=JACOBIAN_OPEN),
        Step("(iii) Jensen per reward: log(Z_i(p')/Z_i(p)) = log Σ_y a_i(y) p'(y)/p(y) ≥ Σ_y a_i(y) log(p'(y)/p(y)) with "
             "a_i(y) = p(y) v_i(y)/Z_i(p) (weights summing to 1); with the weights λ q_i and (1 − λ) Σ_y p_ref log(p'/p), "
             "G(p') − G(p) ≥ Σ_y [λ Σ_i q_i a_i(y) + (1 − λ) p_ref(y)] log(p'(y)/p(y)) = Σ_y T(p)(y) log(p'(y)/p(y)), "
             "which at p' = T p is KL(T p || p) ≥ 0: T is the MM iteration of G",
             Eq(lam * sympy.Sum(qq[i] * p[y] * v[i, y] / Zi[i], (i, 1, m)) + (1 - lam) * ref[y],
                (1 - lam) * ref[y] + lam * p[y] * sympy.Sum(qq[i] * v[i, y] / Zi[i], (i, 1, m))),
             uses=(1,), cites=("Jensen's inequality", "Gibbs' inequality")),
        Step("G(p_t) increases and is bounded, KL(p_{t+1} || p_t) → 0, every limit point is a fixed point, "
             "hence p*: p_t → p* from every p_0 with supp p_0 within S", None, uses=(10, 15),
             cites=("monotone convergence of sequences", "fixed points of continuous maps", "extreme value theorem")),
    )
    return Proof("mixing-several-rewards", "The mixed map with m rewards: one fixed point, stable, reached",
                 "pluralnash: real-data mixing with m >= 2 rewards ([FERB24] stability results, [FALA26] Eq. 5)",
                 steps=steps, intervals={lam: (0, 1)}, premises=(simplex, normal, kkt))


# ---------------------------------------------------------------------------------------------
# continuous-closed-form

def _multi(m: int, t: int):
    return [n for n in product(range(t + 1), repeat=m) if sum(n) == t]


def _recursion_gap(m: int, t: int, E, qq, Z) -> sympy.Expr:
    """p_t W_t − Σ_{|n|=t+1} c_n(t+1) E^n over the p_0 factor, with generic c_n(t) (zero iff the recursion holds)."""
    c = {n: _S(f"c_{''.join(map(str, n))}^({t})", positive=True) for n in _multi(m, t)}
    mono = lambda n: sympy.Mul(*(E[j] ** n[j] for j in range(m)))  # noqa: E731
    W = sum(qq[j] * E[j] / Z[j] for j in range(m))
    nxt = 0
    for n in _multi(m, t + 1):
        prev = [(j, tuple(n[h] - (h == j) for h in range(m))) for j in range(m) if n[j] >= 1]
        nxt += sum(c[pn] * qq[j] / Z[j] for j, pn in prev) * mono(n)
    return sum(c[n] * mono(n) for n in c) * W - nxt


def _square_steps(beta, x, k):
    n1, n2, n3 = sympy.symbols("n_1 n_2 n_3", positive=True)
    mu1, mu2, mu3 = sympy.symbols("mu_1 mu_2 mu_3", real=True)
    out = []
    for ns, mus in (((n1, n2), (mu1, mu2)), ((n1, n2, n3), (mu1, mu2, mu3))):
        kk = sum(ns)
        bar = sum(a * b for a, b in zip(ns, mus)) / kk
        V = sum(a * (b - bar) ** 2 for a, b in zip(ns, mus))
        out.append(Step(f"m = {len(ns)}: Σ_i n_i r_i(x) = −β k (x − μ̄_n)² − β V_n, k = |n|, μ̄_n = Σ_i n_i μ_i/k, "
                        "V_n = Σ_i n_i (μ_i − μ̄_n)² (completing the square)",
                        Eq(-beta * sum(a * (x - b) ** 2 for a, b in zip(ns, mus)),
                           -beta * kk * (x - bar) ** 2 - beta * V)))
    return out


def _gaussian_steps(beta, x, k):
    m0, bar = sympy.symbols("m_0 mubar_n", real=True)
    s = _S("s", positive=True)
    v = 1 / (1 / s**2 + 2 * beta * k)
    mn = v * (m0 / s**2 + 2 * beta * k * bar)
    vv, mm = _S("v", positive=True), _S("m_n", real=True)
    shrink = 1 + 2 * beta * k * s**2
    return [
        Step("p_0(x) e^{−βk(x − μ̄_n)²} ∝ N(m_n, v): −(x − m_0)²/(2s²) − βk(x − μ̄_n)² = −(x − m_n)²/(2v) − "
             "βk(m_0 − μ̄_n)²/(1 + 2βks²), 1/v = 1/s² + 2βk, m_n = v(m_0/s² + 2βk μ̄_n)",
             Eq(-(x - m0) ** 2 / (2 * s**2) - beta * k * (x - bar) ** 2,
                -(x - mn) ** 2 / (2 * v) - beta * k * (m0 - bar) ** 2 / shrink), uses=(1, 2, 3)),
        Step("∫ e^{−(x − m_n)²/(2v)} dx = √(2πv) over ℝ",
             Eq(sympy.Integral(sympy.exp(-(x - mm) ** 2 / (2 * vv)), (x, -sympy.oo, sympy.oo)),
                sympy.sqrt(2 * sympy.pi * vv))),
        Step("so M(n) = E_{p_0}[e^{Σ_i n_i r_i}] = (√(2πv)/(√(2π) s)) e^{−βV_n − βk(m_0 − μ̄_n)²/(1 + 2βks²)}, and "
             "√v/s = (1 + 2βks²)^{−1/2}", Eq(sympy.sqrt(v) / s, 1 / sympy.sqrt(shrink)), uses=(4, 5)),
    ]


def _recursion_steps():
    E = sympy.symbols("E_1:4", positive=True)
    qq = sympy.symbols("q_1:4", positive=True)
    Z = sympy.symbols("Z_1:4", positive=True)
    steps = [Step(f"m = {m}, t = 0..3: p_t W_t = p_0 Σ_{{|n|=t+1}} c_n(t+1) Π_i e^{{n_i r_i}} with "
                  "c_n(t+1) = Σ_{i: n_i ≥ 1} c_{n−e_i}(t) q_i/Z_i(t) (generic c_n(t) > 0; E_i = e^{r_i(x)})",
                  Eq(sum(_recursion_gap(m, t, E, qq, Z) for t in range(4)), 0)) for m in (2, 3)]
    # the weights' normalisation at m = 2, t = 2: Σ_n c_n(3) M(n) = Σ_i q_i = 1 once Z_i(2) = Σ_n c_n(2) M(n + e_i)
    c = {n: _S(f"c_{n[0]}{n[1]}^(2)", positive=True) for n in _multi(2, 2)}
    M = {n: _S(f"M_{n[0]}{n[1]}", positive=True) for n in _multi(2, 3)}
    Zdef = [Eq(Z[j], sum(c[n] * M[tuple(n[h] + (h == j) for h in range(2))] for n in c)) for j in range(2)]
    nxt = sum(sum(c[tuple(n[h] - (h == j) for h in range(2))] * qq[j] / Z[j] for j in range(2) if n[j] >= 1) * M[n]
              for n in M)
    simplex = Eq(qq[0] + qq[1], 1)
    steps.append(Step("m = 2, t = 2: the new weights are normalised, Σ_n c_n(3) M(n) = Σ_i q_i = 1, given "
                      "Z_i(2) = Σ_n c_n(2) M(n + e_i)", Eq(nxt, 1), uses=(7,),
                      given=((Zdef[0], Z[0]), (Zdef[1], Z[1]), (simplex, qq[1]))))
    return steps, (Zdef[0], Zdef[1], simplex)


def _aggregate_square_step(x) -> Step:
    i, m = _S("i", integer=True, positive=True), _S("m", integer=True, positive=True)
    n, mu = sympy.IndexedBase("n", positive=True), sympy.IndexedBase("mu", real=True)
    tot = lambda e: sympy.Sum(e, (i, 1, m))  # noqa: E731
    bar = tot(n[i] * mu[i]) / tot(n[i])
    return Step("any m: Σ_i n_i (x − μ_i)² = k(x − μ̄_n)² + Σ_i n_i (μ_i − μ̄_n)² with k = Σ_i n_i, "
                "μ̄_n = Σ_i n_i μ_i/k (coordinates add in d > 1)",
                Eq(tot(n[i] * (x - mu[i]) ** 2), tot(n[i]) * (x - bar) ** 2 + tot(n[i] * (mu[i] - bar) ** 2)))


@lru_cache(maxsize=1)
def proof_continuous_closed_form() -> Proof:
    beta = _S("beta", positive=True)
    x = _S("x", real=True)
    k = _S("k", positive=True)
    rec, premises = _recursion_steps()
    bar = _S("mubar_n", real=True)
    steps = (
        *_square_steps(beta, x, k),
        _aggregate_square_step(x),
        *_gaussian_steps(beta, x, k),
        *rec,
        Step("(every m, t) with p_t = p_0 Σ_{|n|=t} c_n(t) Π_j e^{n_j r_j}: p_t W_t = p_0 Σ_{|n|=t} Σ_i c_n(t) (q_i/Z_i(t)) "
             "Π_j e^{n_j r_j} e^{r_i}, and (n, i) ↦ (n + e_i, i) is a bijection from {|n| = t} × {1..m} onto "
             "{(n', i): |n'| = t + 1, n'_i ≥ 1} (inverse n' ↦ n' − e_i), so grouping the terms by n' gives "
             "p_{t+1} = p_0 Σ_{|n'|=t+1} c_{n'}(t+1) Π_i e^{n'_i r_i}, c_{n'}(t+1) = Σ_{i: n'_i ≥ 1} c_{n'−e_i}(t) q_i/Z_i(t) "
             "(steps 7-8 are this identity at m ≤ 3, t ≤ 3)", None, uses=(7, 8),
             cites=("reindexing of finite sums",)),
        Step("Z_i(t) = E_{p_t}[e^{r_i}] = Σ_n c_n(t) E_{p_0}[Π_j e^{n_j r_j} e^{r_i}] = Σ_n c_n(t) M(n + e_i) "
             "(nonnegative terms exchanged with the expectation)", None, uses=(6, 10), cites=("Tonelli's theorem",)),
        Step("in d > 1, N(m_0, s² I) and |x − μ|² factorise over coordinates: M(n) is the product of the d "
             "one-dimensional factors, (1 + 2βks²)^{−d/2} times the exponential of the summed exponents",
             None, uses=(6,), cites=("Tonelli's theorem",)),
        Step("the closed form holds for every t (c_n(0) = 1 at n = 0)", None, uses=(10, 11), cites=("induction",)),
        Step("uniform start (d = 1): √π/(2√(βk)) erf(√(βk)(x − μ̄_n)) is an antiderivative of e^{−βk(x − μ̄_n)²}",
             Eq(sympy.diff(sympy.sqrt(sympy.pi) / (2 * sympy.sqrt(beta * k))
                           * sympy.erf(sympy.sqrt(beta * k) * (x - bar)), x), sympy.exp(-beta * k * (x - bar) ** 2))),
        Step("so M(n) for p_0 uniform on [a, b] is e^{−βV_n}/(b − a) times the erf difference at b and a", None,
             uses=(3, 14), cites=("fundamental theorem of calculus",)),
    )
    return Proof("continuous-closed-form", "The large-K dynamics for quadratic rewards as a finite Gaussian mixture",
                 "pluralnash: closed form of [FALA26] Eq. 5 for quadratic rewards (Appendix C.4)",
                 steps=steps, premises=premises)
