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

__all__ = ["proof_mixing_several_rewards"]


def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


Eq, Ge, Gt, Le, Lt = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt, sympy.Le, sympy.Lt))
_S = sympy.Symbol
lam = _S("lambda", positive=True)


# ---------------------------------------------------------------------------------------------
# mixing-several-rewards

#: Why the Jacobian step is open (the first uncertified step of the replay).
JACOBIAN_OPEN = ("the symmetrisation of the Jacobian of T at p* (D^{-1/2} J D^{1/2} with D = diag(p*)) and the "
                 "bounds 0 <= eigenvalue <= lam max_S W* by sums of squares are the toolkit's own computation "
                 "(theory.derive_mixing_several_rewards); the replay does not encode an eigenvalue argument "
                 "over n atoms")
#: Why the MM inequality is open.
MM_OPEN = ("G(T p) - G(p) >= KL(T p || p) is the MM (EM) inequality: it needs Jensen's inequality on the "
           "posterior over (reward, reference) labels and Gibbs' inequality, which the toolkit cites in its "
           "derivation but does not replay as steps")


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
    ref, v, qq, p = (sympy.IndexedBase(c, positive=True) for c in ("p_ref", "v", "q", "p"))
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
        Step("(iii) G(T p) − G(p) ≥ KL(T p || p) ≥ 0 (T is the MM iteration of G)", None, uses=(1,),
             open_reason=MM_OPEN),
        Step("G(p_t) increases and is bounded, KL(p_{t+1} || p_t) → 0, every limit point is a fixed point, "
             "hence p*: p_t → p* from every p_0 with supp p_0 within S", None, uses=(10, 15),
             cites=("monotone convergence of sequences", "fixed points of continuous maps", "extreme value theorem")),
    )
    return Proof("mixing-several-rewards", "The mixed map with m rewards: one fixed point, stable, reached",
                 "pluralnash: real-data mixing with m >= 2 rewards ([FERB24] stability results, [FALA26] Eq. 5)",
                 steps=steps, intervals={lam: (0, 1)}, premises=(simplex, normal, kkt))
