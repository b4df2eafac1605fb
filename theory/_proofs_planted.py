r"""Planted broken variants of the proof replays: each must be rejected at its step.

:func:`planted_variants` returns, for a claim id of :data:`pluralnash.theory._proofs_fala.PROOFS`,
``[(label, broken proof, step number, expected status value)]``: a wrong sign, a dropped premise, an
off-by-one index or step reference, or a citation of the paper's own argument.  The checker must
report the first uncertified step at that number with that status (``FAILS`` or ``NOT_CERTIFIED``).
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from pluralnash.theory._proof import Proof
from pluralnash.theory._proofs_broken import planted_broken
from pluralnash.theory._proofs_broken_more import planted_broken_at_k_2, planted_lemma_3_3_continuous
from pluralnash.theory._proofs_fala import (
    _A_STAR, PROOFS, Delta, _g, _plateau_map, a, eps, k1, k2, q, rho,
)

__all__ = ["planted_variants"]


def _reverse(rel):
    """The relation with its direction reversed (a wrong sign)."""
    flip = {sympy.GreaterThan: sympy.LessThan, sympy.LessThan: sympy.GreaterThan,
            sympy.StrictGreaterThan: sympy.StrictLessThan, sympy.StrictLessThan: sympy.StrictGreaterThan}
    if isinstance(rel, sympy.Equality):
        return sympy.Eq(rel.lhs, -rel.rhs, evaluate=False)
    return flip[type(rel)](rel.lhs, rel.rhs, evaluate=False)


def _drop_premise(proof: Proof, k: int) -> Proof:
    return replace(proof, premises=tuple(p for i, p in enumerate(proof.premises) if i != k))


def _wrong_sign(proof: Proof, n: int) -> Proof:
    return proof.planted(n, statement=_reverse(proof.steps[n - 1].statement))


def _planted_theorem_3_7(p: Proof, claim_id: str) -> list:
    """Planted variants of the theorem-3.7 replay."""
    out = [("wrong sign of d/dα log N", _wrong_sign(p, 6), 6, "FAILS"),
           ("premise u_2(P_2) > u_2(P_1) dropped", _drop_premise(p, 1), 5, "NOT_CERTIFIED"),
           ("step 10 uses itself (off by one)", p.planted(10, uses=(8, 10)), 10, "NOT_CERTIFIED"),
           ("cites the paper's own lemma", p.planted(10, cites=("[FALA26] Lemma 3.3",)), 10, "NOT_CERTIFIED")]
    return out


def _planted_lemma_3_3_appendix(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.3-appendix replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    n = next(iter(st(2).lhs.limits))[2]
    x = next(iter(st(2).lhs.limits))[0]
    summ = st(1).rhs
    out = [("sum over x = 1..n-1 (off by one)",
            p.planted(1, statement=sympy.Eq(st(1).lhs, summ.func(summ.function, (x, 1, n - 1)), evaluate=False)),
            1, "FAILS"),
           ("B.4 dropped", _drop_premise(p, 2), 2, "NOT_CERTIFIED"),
           ("wrong sign: m_{t+1} >= rho m_t", _wrong_sign(p, 3), 3, "FAILS"),
           ("exponent t + 2 (off by one)", p.planted(5, statement=sympy.Le(st(5).lhs, st(5).rhs * rho,
                                                                            evaluate=False)), 5, "FAILS")]
    return out


def _planted_theorem_3_6(p: Proof, claim_id: str) -> list:
    """Planted variants of the theorem-3.6 replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    out = [("bound without a(1 - a)", p.planted(5, statement=sympy.Ge(st(5).lhs, (Delta - 2 * eps) ** 2,
                                                                         evaluate=False)), 5, "FAILS"),
           ("2ε correction dropped", p.planted(5, statement=sympy.Ge(st(5).lhs, a * (1 - a) * Delta**2,
                                                                      evaluate=False)), 5, "FAILS"),
           ("B.5 dropped", _drop_premise(p, 1), 4, "NOT_CERTIFIED"),
           ("step 5 uses step 6 (off by one)", p.planted(5, uses=(3, 6)), 5, "NOT_CERTIFIED"),
           ("log-sum inequality reversed (wrong sign)", _wrong_sign(p, 14), 14, "FAILS")]
    return out


def _planted_lemma_3_4(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.4 replay."""
    out = [("fixed point (q + κ_1)/(1 − κ_1) (wrong sign)",
            p.planted(6, statement=sympy.Eq(_g((q + k1) / (1 - k1)), (q + k1) / (1 - k1), evaluate=False)),
            6, "FAILS"),
           ("B.5 dropped", _drop_premise(p, 1), 2, "NOT_CERTIFIED"),
           ("step 8 uses step 9 (off by one)", p.planted(8, uses=(9,)), 8, "NOT_CERTIFIED"),
           ("a_{t+1} < q a_t/(a_t + κ_1 b_t + C_ε m_t) (wrong sign)", _wrong_sign(p, 10), 10, "FAILS"),
           ("case q > κ_1 dropped", _drop_premise(p, 11), 14, "NOT_CERTIFIED"),
           ("m_∞ = 0 dropped", _drop_premise(p, 10), 18, "NOT_CERTIFIED"),
           ("a_∞ < L (wrong sign)", _wrong_sign(p, 19), 19, "FAILS"),
           ("step 17 uses step 18 (off by one)", p.planted(17, uses=(10, 11, 18)), 17, "NOT_CERTIFIED")]
    return out


def _planted_prop_3_4(p: Proof, claim_id: str) -> list:
    """Planted variants of the prop-3.4 replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    y = sorted(st(2).lhs.atoms(sympy.Indexed), key=str)[-1].indices[0]
    out = [("numerator p_t(y + 1) (off by one)",
            p.planted(2, statement=sympy.Eq(st(2).lhs.xreplace({y: y + 1}), st(2).rhs, evaluate=False)),
            2, "FAILS"),
           ("hard-separation value 1 − q", p.planted(14, statement=sympy.Eq(st(14).lhs, 1 - q, evaluate=False)),
            14, "FAILS"),
           ("outside atoms with ρ_1 + ρ_2 ≤ 1 (premise weakened)", p.planted(9, given=(
               p.steps[8].given[0], (sympy.Le(*p.premises[2].args, evaluate=False), p.steps[8].given[1][1]))),
            9, "NOT_CERTIFIED")]
    return out


def _planted_plateau_exact(p: Proof, claim_id: str) -> list:
    """Planted variants of the plateau-exact replay."""
    f = _plateau_map()
    out = [("a_t moves towards q (wrong target)",
            p.planted(4, statement=sympy.Ge((f - a) * (q - a), 0, evaluate=False)), 4, "FAILS"),
           ("q_hi with k_1 for k_2 (off by one)",
            p.planted(8, statement=sympy.Eq(_A_STAR.subs(q, (1 - k1) / (1 - k1 * k2)), 1, evaluate=False)),
            8, "FAILS")]
    return out


def _planted_lemma_3_2(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.2 and ferbach-lemma-2.2 replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    K = sorted(st(1).free_symbols, key=str)[0]
    out = [("K in place of K − 1 (off by one)", p.planted(1, statement=sympy.Eq(st(1).lhs, st(1).rhs.xreplace(
               {K - 1: K}), evaluate=False)), 1, "FAILS"),
           ("wrong limit e^r/μ²", p.planted(4, statement=sympy.Eq(st(4).lhs, st(4).rhs / sorted(
               st(4).rhs.free_symbols, key=str)[-1], evaluate=False)), 4, "FAILS"),
           ("lower bound of Ȳ dropped", _drop_premise(p, 1), 3, "NOT_CERTIFIED")]
    return out


def _planted_lemma_3_1(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.1 and ferbach-lemma-2.1 replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    K = next(v for v in p.premises[0].rhs.free_symbols if v.name == "K")
    out = [("K − 1 candidates counted (off by one)", p.planted(4, given=(
               (p.premises[0], p.premises[0].lhs), (sympy.Eq(p.premises[1].lhs, (K - 1) * p.premises[1].rhs / K,
                                                             evaluate=False), p.premises[1].lhs))), 4,
            "NOT_CERTIFIED"),
           ("definition of H dropped", _drop_premise(p, 1), 4, "NOT_CERTIFIED")]
    if claim_id == "lemma-3.1":
        out.append(("q_i outside the sum (wrong step)", p.planted(5, statement=sympy.Eq(
            st(5).lhs, st(5).rhs * 2, evaluate=False)), 5, "FAILS"))
    else:
        out.append(("step 4 uses step 5 (off by one)", p.planted(4, uses=(2, 5)), 4, "NOT_CERTIFIED"))
    return out


def _planted_corollary_3_8(p: Proof, claim_id: str) -> list:
    """Planted variants of the corollary-3.8 replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    out = [("limit 1 − q (wrong sign)", p.planted(5, statement=sympy.Eq(st(5).lhs, 1 - st(5).rhs,
                                                                       evaluate=False)), 5, "FAILS"),
           ("rests on the main-text Lemma 3.3 (no replay)", p.planted(4, proved_by=("lemma-3.3-main",)), 4,
            "NOT_CERTIFIED"),
           ("step 3 uses step 4 (off by one)", p.planted(3, uses=(1, 4)), 3, "NOT_CERTIFIED")]
    return out


def _planted_lemma_3_5(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.5 replay."""
    out = [("window q > 1 − κ_2 (wrong sign)", p.planted(2, given=((sympy.Gt(q, 1 - k2, evaluate=False), q),)),
            2, "NOT_CERTIFIED"),
           ("premise q > κ_1 dropped", _drop_premise(p, 0), 1, "NOT_CERTIFIED"),
           ("U = q/(1 − κ_2) > 1 (wrong sign)", _wrong_sign(p, 2), 2, "FAILS"),
           ("step 1 uses step 2 (off by one)", p.planted(1, uses=(2,)), 1, "NOT_CERTIFIED"),
           ("rests on the main-text Lemma 3.4 (broken replay)", p.planted(3, proved_by=("lemma-3.4-as-stated",)), 3,
            "NOT_CERTIFIED"),
           ("step 4 uses step 5 (off by one)", p.planted(4, uses=(3, 5)), 4, "NOT_CERTIFIED")]
    return out


def _planted_collapse_criterion(p: Proof, claim_id: str) -> list:
    """Planted variants of the collapse-criterion replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    out = [("Σ q_i = 1 dropped", _drop_premise(p, 0), 2, "NOT_CERTIFIED"),
           ("F convex (wrong sign)", _wrong_sign(p, 5), 5, "FAILS"),
           ("slope W_δg(z) − 1 with w_i(z)/w_i(z) (off by one index)",
            p.planted(2, statement=sympy.Eq(st(2).lhs, _collapse_wrong_w(st(2)), evaluate=False)), 2, "FAILS")]
    return out


def _planted_nash_limit(p: Proof, claim_id: str) -> list:
    """Planted variants of the nash-limit replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    out = [("F convex (wrong sign)", _wrong_sign(p, 3), 3, "FAILS"),
           ("gradient with Z_i squared (wrong step)", p.planted(1, statement=sympy.Eq(
               st(1).lhs, st(1).rhs.replace(lambda e: isinstance(e, sympy.Pow) and e.exp == -1,
                                            lambda e: e.base ** -2), evaluate=False)), 1, "FAILS"),
           ("step 2 uses step 3 (off by one)", p.planted(2, uses=(3,)), 2, "NOT_CERTIFIED"),
           ("log-sum inequality reversed (wrong sign)", _wrong_sign(p, 13), 13, "FAILS"),
           ("W* = 1 on supp p* dropped", _drop_premise(p, 6), 16, "NOT_CERTIFIED")]
    return out


def _planted_lemma_3_3_repaired(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.3-repaired replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    weak = sympy.Ge(*p.premises[1].args, evaluate=False)
    ties = replace(p, premises=(p.premises[0], weak, *p.premises[2:]))
    out = [("ties allowed in every reward (premise weakened)",
            ties.planted(5, given=(p.steps[4].given[0], (weak, p.steps[4].given[1][1]))), 5, "NOT_CERTIFIED"),
           ("domination in the other rewards dropped", _drop_premise(p, 0), 5, "NOT_CERTIFIED"),
           ("derivative towards x, not y (wrong sign)", _wrong_sign(p, 5), 5, "FAILS"),
           ("derivative with Z_i squared (wrong step)", p.planted(3, statement=sympy.Eq(
               st(3).lhs, st(3).rhs.replace(lambda e: isinstance(e, sympy.Pow) and e.exp == -1,
                                            lambda e: e.base ** -2), evaluate=False)), 3, "FAILS"),
           ("step 6 uses step 7 (off by one)", p.planted(6, uses=(1, 3, 4, 7)), 6, "NOT_CERTIFIED")]
    return out


def _planted_lemma_3_3_sharp(p: Proof, claim_id: str) -> list:
    """Planted variants of the lemma-3.3-sharp replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    ell = next(b for b in st(3).atoms(sympy.IndexedBase) if str(b) == "ell")
    real = sympy.IndexedBase("ell", real=True)
    D0 = next(s for s in st(4).rhs.free_symbols if str(s) == "D_0")
    out = [("C = D_0, the others' entropy left out", p.planted(4, statement=sympy.Le(st(4).lhs, D0, evaluate=False)),
            4, "NOT_CERTIFIED"),
           ("p_t(y) <= 1 dropped (ℓ_t(y) of any sign)", p.planted(3, statement=st(3).xreplace({ell: real})),
            3, "FAILS"),
           ("bound negative (wrong sign)", _wrong_sign(p, 6), 6, "FAILS"),
           ("step 4 uses step 5 (off by one)", p.planted(4, uses=(1, 5)), 4, "NOT_CERTIFIED")]
    return out


def _planted_mixing_fixed_point(p: Proof, claim_id: str) -> list:
    """Planted variants of the mixing-fixed-point replay."""
    st = lambda n: p.steps[n - 1].statement  # noqa: E731
    out = [("p*(x) with 1 + λ w/Z* (wrong sign)", p.planted(1, statement=st(1).xreplace(
               {st(1).rhs: st(1).rhs.subs(lam_of(p), -lam_of(p))})), 1, "FAILS"),
           ("Σ p_ref = 1 dropped", _drop_premise(p, 1), 3, "NOT_CERTIFIED"),
           ("step 3 uses step 4 (off by one)", p.planted(3, uses=(4,)), 3, "NOT_CERTIFIED"),
           ("w(x) <= M dropped", _drop_premise(p, 2), 5, "NOT_CERTIFIED"),
           ("Z* = Σ p* w dropped", _drop_premise(p, 3), 10, "NOT_CERTIFIED"),
           ("J p* with the projection's sign flipped (wrong sign)", p.planted(11, statement=sympy.Eq(
               st(11).lhs.replace(lambda e: isinstance(e, sympy.Sum), lambda e: -e), 0, evaluate=False)), 11, "FAILS"),
           ("step 14 uses step 15 (off by one)", p.planted(14, uses=(10, 15)), 14, "NOT_CERTIFIED")]
    return out


def _planted_ferbach_2_1_supported(p: Proof, claim_id: str) -> list:
    """Planted variants of the ferbach-2.1-supported replay ([FERB24] Theorem 2.1)."""
    out = [("w <= w* dropped", _drop_premise(p, 0), 2, "NOT_CERTIFIED"),
           ("step 3 uses step 4 (off by one)", p.planted(3, uses=(4,)), 3, "NOT_CERTIFIED"),
           ("V/mu <= V/w* (wrong sign)", _wrong_sign(p, 4), 4, "FAILS"),
           ("p_0(A) > 0 dropped", _drop_premise(p, 3), 20, "NOT_CERTIFIED"),
           ("every candidate below w* dropped", _drop_premise(p, 7), 9, "NOT_CERTIFIED"),
           ("D/(K S) <= D/(K^2 w*) (wrong sign)", _wrong_sign(p, 10), 10, "FAILS"),
           ("c_y > 1 (wrong sign)", _wrong_sign(p, 18), 18, "FAILS"),
           ("step 17 uses step 18 (off by one)", p.planted(17, uses=(16, 18)), 17, "NOT_CERTIFIED")]
    return out


def _planted_finite_k_limit(p: Proof, claim_id: str) -> list:
    """Planted variants of the finite-k-limit replay."""
    out = [("W* = 1 on the support dropped", _drop_premise(p, 0), 2, "NOT_CERTIFIED"),
           ("Jv with the opposite sign (wrong sign)", _wrong_sign(p, 3), 3, "FAILS"),
           ("step 4 uses step 5 (off by one)", p.planted(4, uses=(5,)), 4, "NOT_CERTIFIED")]
    return out


def _planted_mixing_several_rewards(p: Proof, claim_id: str) -> list:
    """Planted variants of the mixing-several-rewards replay."""
    return [("G convex (wrong sign)", _wrong_sign(p, 3), 3, "FAILS"),
            ("Σ_i q_i = 1 dropped", _drop_premise(p, 0), 8, "NOT_CERTIFIED"),
            ("step 9 uses step 10 (off by one)", p.planted(9, uses=(10,)), 9, "NOT_CERTIFIED")]


def _planted_continuous_closed_form(p: Proof, claim_id: str) -> list:
    """Planted variants of the continuous-closed-form replay."""
    return [("Gaussian exponent with the wrong sign", _wrong_sign(p, 4), 4, "FAILS"),
            ("Σ_i q_i = 1 dropped", _drop_premise(p, 2), 9, "NOT_CERTIFIED"),
            ("step 9 uses step 10 (off by one)", p.planted(9, uses=(10,)), 9, "NOT_CERTIFIED"),
            ("the recursion cites the paper's own Appendix C.4", p.planted(10, cites=("[FALA26] Appendix C.4",)), 10,
             "NOT_CERTIFIED"),
            ("step 13 uses step 14 (off by one)", p.planted(13, uses=(10, 14)), 13, "NOT_CERTIFIED")]


# claim id -> the function planting its broken variants
_PLANTERS = {
    "theorem-3.7": _planted_theorem_3_7,
    "lemma-3.3-appendix": _planted_lemma_3_3_appendix,
    "theorem-3.6": _planted_theorem_3_6,
    "lemma-3.4": _planted_lemma_3_4,
    "prop-3.4": _planted_prop_3_4,
    "plateau-exact": _planted_plateau_exact,
    "lemma-3.2": _planted_lemma_3_2,
    "ferbach-lemma-2.2": _planted_lemma_3_2,
    "lemma-3.1": _planted_lemma_3_1,
    "ferbach-lemma-2.1": _planted_lemma_3_1,
    "corollary-3.8": _planted_corollary_3_8,
    "lemma-3.5": _planted_lemma_3_5,
    "collapse-criterion": _planted_collapse_criterion,
    "nash-limit": _planted_nash_limit,
    "mixing-fixed-point": _planted_mixing_fixed_point,
    "ferbach-2.1-supported": _planted_ferbach_2_1_supported,
    "finite-k-limit": _planted_finite_k_limit,
    "mixing-several-rewards": _planted_mixing_several_rewards,
    "continuous-closed-form": _planted_continuous_closed_form,
    "ferbach-2.1-sup-over-atoms": planted_broken,
    "lemma-3.4-as-stated": planted_broken,
    "prop-3.4-b6": planted_broken,
    "corollary-3.8-b6": planted_broken,
    "lemma-3.4-at-k-2": planted_broken_at_k_2,
    "lemma-3.5-at-k-2": planted_broken_at_k_2,
    "lemma-3.3-continuous": planted_lemma_3_3_continuous,
    "lemma-3.3-repaired": _planted_lemma_3_3_repaired,
    "lemma-3.3-sharp": _planted_lemma_3_3_sharp,
}


def planted_variants(claim_id: str) -> list:
    """``[(label, broken proof, step number, expected status value)]`` for ``claim_id``."""
    p = PROOFS[claim_id]()
    plant = _PLANTERS.get(claim_id)
    return plant(p, claim_id) if plant is not None else []


def lam_of(proof: Proof):
    """The mixing weight λ of the mixing proof."""
    return next(iter(proof.intervals))


def _collapse_wrong_w(rel):
    """W_δg(z) − 1 with the denominator w_i(z) in place of w_i(g): the planted index slip."""
    term = next(a for a in rel.rhs.args if isinstance(a, sympy.Sum))
    idx = term.function.atoms(sympy.Indexed)
    wig = next(e for e in idx if e.base.label.name == "w" and e.indices[1].name == "g")
    wiz = next(e for e in idx if e.base.label.name == "w" and e.indices[1].name == "z")
    return rel.rhs.xreplace({wig: wiz})

