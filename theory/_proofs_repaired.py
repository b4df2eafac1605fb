r"""Proof replay of the repaired [FALA26] Lemma 3.3: outside atoms Pareto-dominated by atoms of supp p_0.

Definitions
-----------
Large-K dynamics p_{t+1}(x) = p_t(x) W_t(x), W_t(x) = Σ_i q_i w_i(x)/Z_i(p_t), w_i = e^{r_i} > 0,
Z_i(p) = Σ_x p(x) w_i(x), F(p) = Σ_i q_i log Z_i(p) ([FALA26] Eq. 5); m_t = p_t(X \ S_ε).

The premise (``lemma-3.3-repaired``): every outside atom x of supp p_0 has a dominating atom y of
supp p_0 with w_i(y) ≥ w_i(x) for every reward with q_i > 0 and w_j(y) > w_j(x) for one of them.
The rewards are split into that reward j, the other rewards of positive weight (i = 1..m, m ≥ 0) and
the rewards of weight zero (k = 1..l, l ≥ 0, no condition on them).  Python spellings: ``wy``, ``wx``
= w_i(y), w_i(x) of the other positive weights; ``vy``, ``vx`` of the zero weights; ``qj``, ``Zj``,
``wyj``, ``wxj`` of reward j; ``Pbar`` = p̄, the limit, on the outside atoms x = 1..o.

The argument: p_t → p̄, a maximiser of F on supp p_0 (the replayed ``nash-limit``); the directional
derivative of F at p̄ along δ_y − δ_x is Σ_i q_i (w_i(y) − w_i(x))/Z_i(p̄) ≥ q_j (w_j(y) − w_j(x))/Z_j > 0,
and p̄ + s(δ_y − δ_x) stays in the simplex over supp p_0 for 0 ≤ s ≤ p̄(x), so p̄(x) > 0 would
contradict maximality; hence p̄ has no outside mass and m_t → 0.

Builder: :func:`proof_lemma_3_3_repaired`.
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from pluralnash.theory._proof import Proof, Step

__all__ = ["proof_lemma_3_3_repaired", "proof_lemma_3_3_sharp"]


def _rel(cls):
    return lambda lhs, rhs: cls(lhs, rhs, evaluate=False)


Eq, Ge, Gt = (_rel(c) for c in (sympy.Eq, sympy.Ge, sympy.Gt))

_S = sympy.Symbol
_IDX = {"integer": True, "positive": True}
_COUNT = {"integer": True, "nonnegative": True}
i, k, x = _S("i", **_IDX), _S("k", **_IDX), _S("x", **_IDX)
m, l, o = _S("m", **_COUNT), _S("l", **_COUNT), _S("o", **_IDX)
_POS = lambda name: sympy.IndexedBase(name, positive=True)  # noqa: E731
qq, Z, wy, wx, Z0, vy, vx = (_POS(v) for v in ("q", "Z", "w_y", "w_x", "Z^0", "v_y", "v_x"))
q0 = sympy.IndexedBase("q^0", nonnegative=True)
Pbar = sympy.IndexedBase("pbar", nonnegative=True)
qj, Zj, wyj, wxj = (_S(v, positive=True) for v in ("q_j", "Z_j", "w_j(y)", "w_j(x)"))
s = _S("s", nonnegative=True)
p_x, p_y, Z_rest = (_S(v, nonnegative=True) for v in ("p(x)", "p(y)", "Z_rest"))
u, v = _S("u", positive=True), _S("v", positive=True)

#: The premises of the replay, numbered as in its premise map.
DOMINATED = Ge(wy[i], wx[i])          # 1: y at least as good as x in every other reward with q_i > 0
STRICT = Gt(wyj, wxj)                 # 2: y strictly better in reward j, q_j > 0
ZERO = Eq(q0[k], 0)                   # 3: the rewards of weight zero
NO_OUTSIDE = Eq(Pbar[x], 0)           # 4: p̄(x) = 0 on every outside atom (derived by a step)


def _derivative() -> tuple:
    """F along p̄ + s(δ_y − δ_x) and its derivative at s = 0."""
    line = (sympy.Sum(qq[i] * sympy.log(Z[i] + s * (wy[i] - wx[i])), (i, 1, m))
            + qj * sympy.log(Zj + s * (wyj - wxj))
            + sympy.Sum(q0[k] * sympy.log(Z0[k] + s * (vy[k] - vx[k])), (k, 1, l)))
    grad = (sympy.Sum(qq[i] * (wy[i] - wx[i]) / Z[i], (i, 1, m)) + qj * (wyj - wxj) / Zj
            + sympy.Sum(q0[k] * (vy[k] - vx[k]) / Z0[k], (k, 1, l)))
    return line, grad


@lru_cache(maxsize=1)
def proof_lemma_3_3_repaired() -> Proof:
    line, grad = _derivative()
    dropped = Eq(sympy.Sum(q0[k] * (vy[k] - vx[k]) / Z0[k], (k, 1, l)), 0)
    positive_part = sympy.Sum(qq[i] * (wy[i] - wx[i]) / Z[i], (i, 1, m)) + qj * (wyj - wxj) / Zj
    steps = (
        Step("the dynamics never leave supp p_0 (p_{t+1} = p_t W_t with W_t > 0), so p_t → p̄, a maximiser of F on "
             "the simplex over supp p_0 (nash-limit on the setup restricted to supp p_0, where p_0 has full "
             "support); an atom off supp p_0 keeps p_t(x) = 0 for every t", None, proved_by=("nash-limit",)),
        Step("moving mass s from x to y changes Z_i by s(w_i(y) − w_i(x)): Z_i(p + s(δ_y − δ_x)) − Z_i(p) = "
             "(Z_rest + (p(x) − s) w_i(x) + (p(y) + s) w_i(y)) − (Z_rest + p(x) w_i(x) + p(y) w_i(y))",
             Eq((Z_rest + (p_x - s) * v + (p_y + s) * u) - (Z_rest + p_x * v + p_y * u), s * (u - v))),
        Step("so d/ds F(p̄ + s(δ_y − δ_x)) at s = 0 is Σ_i q_i (w_i(y) − w_i(x))/Z_i(p̄), over the rewards of "
             "positive weight other than j, reward j and the rewards of weight zero",
             Eq(sympy.diff(line, s).subs(s, 0), grad), uses=(2,)),
        Step("a reward of weight zero adds nothing to that derivative, whatever w_k(y) − w_k(x)",
             dropped, uses=(3,), given=((ZERO, q0[k]),)),
        Step("the rest is > 0: y is at least as good as x in every reward with q_i > 0 (premise) and strictly "
             "better in reward j with q_j > 0", Gt(positive_part, 0), uses=(3,),
             given=((DOMINATED, wy[i]), (STRICT, wyj))),
        Step("if p̄(x) > 0, p̄ + p̄(x)(δ_y − δ_x) lies in the simplex over supp p_0 (y ∈ supp p_0, premise) and F "
             "has a positive one-sided derivative at p̄ towards it (steps 3-5), so p̄ is not a maximiser: "
             "p̄(x) = 0 at every outside atom of supp p_0, and at every atom off supp p_0 (step 1)", None,
             uses=(1, 3, 4, 5), cites=("first-order necessary condition on a convex set",)),
        Step("m̄ = Σ_{x ∉ S_ε} p̄(x) = 0", Eq(sympy.Sum(Pbar[x], (x, 1, o)), 0), uses=(6,),
             given=((NO_OUTSIDE, Pbar[x]),)),
        Step("m_t = Σ_{x ∉ S_ε} p_t(x) is a polynomial in p_t and p_t → p̄ (step 1), so m_t → m̄ = 0", None,
             uses=(1, 7), cites=("continuity of polynomials",)),
    )
    return Proof("lemma-3.3-repaired", "Outside atoms Pareto-dominated by atoms of supp p_0: the limit has no "
                 "outside mass, m_t -> 0", "[FALA26] Lemma 3.3, repaired by this toolkit", steps=steps,
                 premises=(DOMINATED, STRICT, ZERO, NO_OUTSIDE))


# ---------------------------------------------------------------------------------------------
# lemma-3.3-sharp: m_t -> 0 iff no maximiser of F charges an outside atom

_y, _s = _S("y", **_IDX), _S("s", **_IDX)
phat, ell = sympy.IndexedBase("phat", positive=True), sympy.IndexedBase("ell", nonnegative=True)
a_hat, b_t, m_t = _S("phat(x)", positive=True), _S("p_t(x)", positive=True), _S("m_t", positive=True)
D0, R_t = _S("D_0", real=True), _S("R_t", nonnegative=True)
#: Σ_{y ≠ x} p̂(y) log(p̂(y)/p_t(y)) with p_t(y) = e^{-ℓ_t(y)}, ℓ_t(y) >= 0 (p_t(y) <= 1)
K_REST = sympy.Sum(phat[_y] * sympy.log(phat[_y] / sympy.exp(-ell[_y])), (_y, 1, _s))
L_REST = sympy.Sum(phat[_y] * sympy.log(phat[_y]), (_y, 1, _s))
MONOTONE = sympy.Le(a_hat * sympy.log(a_hat / b_t) + K_REST, D0, evaluate=False)  # premise 1 (by step 1)
DEF_M = Eq(m_t, b_t + R_t)                                                          # premise 2 (definition)


@lru_cache(maxsize=1)
def proof_lemma_3_3_sharp() -> Proof:
    C = D0 - L_REST
    steps = (
        Step("p_t → p̄, a maximiser of F on supp p_0, and for every maximiser p̂ (supp p̂ ⊆ supp p_0) D(p̂‖p_t) is "
             "non-increasing: D(p̂‖p_t) ≤ D(p̂‖p_0) =: D_0 (nash-limit and its convergence block)", None,
             proved_by=("nash-limit",)),
        Step("if no maximiser charges an outside atom, neither does p̄, and m_t = Σ_{x ∉ S_ε} p_t(x) → m̄ = 0 "
             "(a polynomial in p_t, step 1)", None, uses=(1,), cites=("continuity of polynomials",)),
        Step("otherwise take a maximiser p̂ with p̂(x) > 0 at an outside atom x; since p_t(y) ≤ 1, write p_t(y) = "
             "e^{-ℓ_t(y)} with ℓ_t(y) ≥ 0: Σ_{y ≠ x} p̂(y) log(p̂(y)/p_t(y)) ≥ Σ_{y ≠ x} p̂(y) log p̂(y)",
             Ge(K_REST, L_REST), uses=(1,)),
        Step("so p̂(x) log(p̂(x)/p_t(x)) ≤ C := D_0 − Σ_{y ≠ x} p̂(y) log p̂(y) for every t",
             sympy.Le(a_hat * sympy.log(a_hat / b_t), C, evaluate=False), uses=(1, 3),
             given=((MONOTONE, D0), (Ge(K_REST, L_REST), L_REST))),
        Step("exp is increasing, so p_t(x) ≥ p̂(x) e^{-C/p̂(x)} for every t", None, uses=(4,),
             cites=("mean value theorem",)),
        Step("and p̂(x) e^{-C/p̂(x)} > 0", Gt(a_hat * sympy.exp(-C / a_hat), 0), uses=(5,)),
        Step("m_t = p_t(x) + (the other outside atoms) ≥ p_t(x): with steps 5-6, m_t ≥ p̂(x) e^{-C/p̂(x)} > 0 for "
             "every t, so m_t does not tend to 0; with step 2, m_t → 0 iff no maximiser charges an outside atom",
             Ge(m_t, b_t), uses=(2, 5, 6), given=((DEF_M, m_t),)),
    )
    return Proof("lemma-3.3-sharp", "m_t -> 0 iff no maximiser of F over supp p_0 charges an outside atom",
                 "[FALA26] Lemma 3.3, sharpened by this toolkit", steps=steps, premises=(MONOTONE, DEF_M))
