r"""Replays of [FALA26] Lemmas 3.4 and 3.5 read for the finite-K map at K = 2, broken where they break.

Definitions
-----------
``lemma-3.4-at-k-2`` and ``lemma-3.5-at-k-2`` keep the large-K constants κ_i = e^{2ε} e^{−Δ_i},
L = (q − κ_1)/(1 − κ_1), U = q/(1 − κ_2), and apply them to the dynamics
p_{t+1} = p_t Σ_i q_i H^{K,r_i}_{p_t} of [FALA26] Lemma 3.1 with K = 2, where
H^{2,r}_p(x) = Σ_y p(y) 2 w(x)/(w(x) + w(y)) is the finite-K weight W^2 (the large-K weight is
W = w/Z).  Each replay first certifies the two-atom identity W^2(A) − 1 = (1 − a) D with
D = 2q/(1 + c_1) + 2(1 − q) c_2/(1 + c_2) − 1 independent of a (``pluralnash derive
two-atom-collapse``), then reaches the step that uses the large-K weight W in place of W^2:

* ``lemma-3.4-at-k-2``, step 2: the basin bound p^(1)(S_1) ≥ a e^{−ε}/(a e^{−ε} + B + M) holds for
  p^(1) = p w_1/Z_1, not for p^(1) = p H^{2,r_1};
* ``lemma-3.5-at-k-2``, step 4: Lemma 3.4's interval a_t ∈ [L, U] (m_t = 0) fails, since
  a_{t+1} − a_t = a_t(1 − a_t) D keeps the sign of D: a_t moves monotonically away from the interval.

Setups are the JSON form of :mod:`pluralnash.theory._proofs_broken` with ``K``; every decision is in
exact rationals.  Two atoms A = x_1 ∈ S_1, B = x_2 ∈ S_2, ŵ_1 = (1, c_1), ŵ_2 = (c_2, 1) after
dividing by w_i*.  Python spellings: ``e`` = e^{−ε}, ``kappa`` = κ_i, ``c`` = c_i.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from functools import lru_cache, partial
from typing import Mapping

import sympy

from pluralnash.theory._base import InvalidArgument
from pluralnash.theory._proof import Proof, Step
from pluralnash.theory._proofs_broken import (
    _fails, _insert, _on_setup, _rational, _Setup, _two_basins, _undecided, planted_broken,
)

__all__ = ["COLLAPSE_AT_K_2_SETUP", "CONTINUOUS_SETUP", "planted_broken_at_k_2", "planted_lemma_3_3_continuous",
           "proof_lemma_3_3_continuous", "proof_lemma_3_4_at_k_2", "proof_lemma_3_5_at_k_2",
           "refute_basin_bound_at_k_2", "refute_continuous_b4", "refute_interval_at_k_2"]

#: Two atoms, one per basin, K = 2, q = 2/5 < 1/2 and c_1 = c_2 = 1/10: D = −9/55 < 0 and a_0 = 1/5 < L.
COLLAPSE_AT_K_2_SETUP = {"exp_rewards": [["1", "1/10"], ["1/10", "1"]], "weights": ["2/5", "3/5"],
                         "p0": ["1/5", "4/5"], "exp_eps": "9/10", "K": 2}


def _k_is_2(data: Mapping) -> str | None:
    """``None`` when the setup's K is exactly 2; otherwise why the step is not decided."""
    K = data.get("K")
    if isinstance(K, bool) or not isinstance(K, int) or K != 2:
        return f"the finite-K reading is decided here at K = 2 only (the setup has K={K!r})"
    return None


def _H2(S: _Setup, i: int, x: int) -> Fraction:
    """H^{2,r_i}_{p_0}(x) = Σ_y p_0(y) 2 w_i(x)/(w_i(x) + w_i(y)), exactly."""
    w = S.w[i]
    return sum((S.p0[y] * 2 * w[x] / (w[x] + w[y]) for y in S.atoms), Fraction(0))


def _two_atom_constants(S: _Setup) -> dict:
    """c_i, κ_i, a_0, D and W^2(A) on a two-atom setup with x_1 ∈ S_1, x_2 ∈ S_2."""
    c = (S.w[0][1] / S.w[0][0], S.w[1][0] / S.w[1][1])
    q, a = S.q[0], S.p0[0]
    D = 2 * q / (1 + c[0]) + 2 * (1 - q) * c[1] / (1 + c[1]) - 1
    W2 = q * _H2(S, 0, 0) + (1 - q) * _H2(S, 1, 0)
    return {"c_1": c[0], "c_2": c[1], "kappa_1": c[0] / S.e ** 2, "kappa_2": c[1] / S.e ** 2, "q": q, "a_0": a,
            "D": D, "W^2(A)": W2}


def _premises_at_k_2(data: Mapping, S: _Setup) -> str | None:
    """``None`` when K = 2, two rewards, Assumption 2.1(ii) and two atoms, x_1 ∈ S_1 and x_2 ∈ S_2, hold."""
    why = _k_is_2(data) or _two_basins(S)
    if why is None and (len(S.p0) != 2 or S.basin(0) != {0} or S.basin(1) != {1}):
        why = "the step is decided on two atoms, x_1 in S_1 and x_2 in S_2 (no outside atom, so m_t = 0)"
    return why


@_on_setup(COLLAPSE_AT_K_2_SETUP)
def refute_basin_bound_at_k_2(data: Mapping, S: _Setup) -> dict:
    r"""Decide "p^(1)(S_1) ≥ a e^{−ε}/(a e^{−ε} + B + M)" ([FALA26] Lemma 3.4's basin bound) at K = 2.

    Premises: K = 2, two rewards, Assumption 2.1(ii) with one atom per basin (so m = M = 0), exact
    rewards.  At finite K the per-reward update is p^(1)(x) = p(x) H^{2,r_1}_p(x), so p^(1)(S_1) =
    a H^{2,r_1}(A) = a (a + 2(1 − a)/(1 + c_1)); the bound is the large-K value with W = w_1/Z_1.

    Examples
    --------
    >>> out = refute_basin_bound_at_k_2()
    >>> out["verdict"], out["counterexample"]["p^(1)(S_1)"], out["counterexample"]["large-K bound"]
    ('FAILS', '91/275', '9/13')
    """
    why = _premises_at_k_2(data, S)
    if why:
        return _undecided(f"premise not met: {why}")
    found = _two_atom_constants(S)
    a, e = found["a_0"], S.e
    B = (1 - a) * found["c_1"]
    p1 = a * _H2(S, 0, 0)
    bound = a * e / (a * e + B)
    if p1 >= bound:
        return _undecided(f"the bound holds on this setup: p^(1)(S_1) = {p1} >= {bound}")
    return _fails(
        "K = 2, Assumption 2.1(ii) and one atom per basin decided in rationals",
        f"K = 2, two rewards and disjoint basins S_1 = {{x_1}}, S_2 = {{x_2}} (m = 0), yet the finite-K update "
        f"gives p^(1)(S_1) = a H^(2,r_1)(A) = {p1} < a e^-eps/(a e^-eps + B + M) = {bound} (a = {a}, B = {B}, "
        f"M = 0): the bound is the large-K weight W = w_1/Z_1's, and at K = 2 the weight is W^2, with "
        f"W^2(A) - 1 = (1 - a) D = {found['W^2(A)'] - 1} (D = {found['D']})",
        data, **{"p^(1)(S_1)": p1, "large-K bound": bound}, **found)


def _interval_miss(a: Fraction, D: Fraction, L: Fraction, U: Fraction) -> str | None:
    """Why a_t = a_0 (1 + (1 − a_0) D)^... stays outside [L, U] for every t, or ``None``."""
    if D <= 0 and a < L:
        return f"D = {D} <= 0, so a_(t+1) - a_t = a_t (1 - a_t) D <= 0 and a_t <= a_0 = {a} < L = {L} for every t"
    if D >= 0 and a > U:
        return f"D = {D} >= 0, so a_(t+1) - a_t = a_t (1 - a_t) D >= 0 and a_t >= a_0 = {a} > U = {U} for every t"
    return None


@_on_setup(COLLAPSE_AT_K_2_SETUP)
def refute_interval_at_k_2(data: Mapping, S: _Setup) -> dict:
    r"""Decide "L − c m_t ≤ a_t ≤ U + c m_t for t ≥ t_0" ([FALA26] Lemma 3.4's interval) at K = 2.

    Premises: K = 2, two rewards, Assumption 2.1(ii) with one atom per basin (m_t = 0 for every t, the
    update keeping supports), κ_i < 1 and q ∈ (κ_1, 1 − κ_2).  On two atoms a_{t+1} = a_t (1 + (1 − a_t) D)
    with D independent of a_t (step 3), so a_t is monotone with the sign of D; a_0 on the far side of
    the interval stays there for every t.  a_1 from the finite-K map is checked against the identity.

    Examples
    --------
    >>> out = refute_interval_at_k_2()
    >>> out["verdict"], out["counterexample"]["D"], out["counterexample"]["L"]
    ('FAILS', '-9/55', '112/355')
    """
    why = _premises_at_k_2(data, S)
    found = {} if why else _two_atom_constants(S)
    if not why and not (max(found["kappa_1"], found["kappa_2"]) < 1 and
                        found["kappa_1"] < found["q"] < 1 - found["kappa_2"]):
        why = "kappa_i < 1 and q in (kappa_1, 1 - kappa_2) are needed"
    if why:
        return _undecided(f"premise not met: {why}")
    a, D, k1, k2, q = (found[n] for n in ("a_0", "D", "kappa_1", "kappa_2", "q"))
    L, U = (q - k1) / (1 - k1), q / (1 - k2)
    a1 = a * found["W^2(A)"]
    if a1 - a != a * (1 - a) * D:
        return _undecided(f"the finite-K map gives a_1 = {a1}, not a_0 (1 + (1 - a_0) D): the identity does not apply")
    miss = _interval_miss(a, D, L, U)
    if miss is None:
        return _undecided(f"a_0 = {a} and D = {D} do not keep a_t outside [L, U] = [{L}, {U}] on this setup")
    return _fails(
        "K = 2, Assumption 2.1(ii), kappa_i < 1 and q in (kappa_1, 1 - kappa_2) decided in rationals",
        f"the premises hold exactly with m_t = 0 for every t (one atom per basin), yet {miss}: the interval "
        f"[L, U] = [{L}, {U}] of the large-K weight W is missed at every t under the finite-K weight W^2 "
        f"(a_1 = {a1} from the map)",
        data, L=L, U=U, a_1=a1, **found)


# ---------------------------------------------------------------------------------------------
# [FALA26] Lemma 3.3 in the continuous geometry

#: r_i(x) = −β (x − μ_i)² on R, μ = ∓1/4, β = 2, q = 1/2, ε = 1/10, p_0 uniform on [−5/4, 5/4].
CONTINUOUS_SETUP = {"beta": "2", "mu": ["-1/4", "1/4"], "q": "1/2", "eps": "1/10", "uniform": ["-5/4", "5/4"]}

#: 22/7 > π (Archimedes), the only transcendental bound the decision uses besides e^{−y} ≥ 1 − y.
_PI_ABOVE = Fraction(22, 7)


def _read_continuous(data: Mapping) -> "tuple | str":
    """(β, μ_1, μ_2, q, ε, lo, hi) in rationals, or why the setup is not a continuous one."""
    if not isinstance(data, Mapping) or not {"beta", "mu", "q", "eps", "uniform"} <= set(data):
        return "the setup is not a continuous two-centre one (beta, mu, q, eps, uniform)"
    beta, q, eps = (_rational(data[k], k) for k in ("beta", "q", "eps"))
    (mu1, mu2), (lo, hi) = ([_rational(v, k) for v in data[k]] for k in ("mu", "uniform"))
    if min(beta, eps) <= 0 or not 0 < q < 1 or lo >= hi or mu1 == mu2:
        raise InvalidArgument(f"setup={dict(data)!r} needs beta, eps > 0, 0 < q < 1, lo < hi and mu_1 != mu_2; "
                              "fix those entries")
    return beta, mu1, mu2, q, eps, lo, hi


def _continuous_a21(beta, mu1, mu2, eps, lo, hi) -> str | None:
    """``None`` when Assumption 2.1 holds exactly: β D² > 4ε (disjoint basins, Δ_i > ε) and μ_i ∈ (lo, hi)."""
    if not beta * (mu1 - mu2) ** 2 > 4 * eps:
        return "Assumption 2.1(ii) fails: beta D^2 <= 4 eps, the basins meet"
    if not (lo < mu1 < hi and lo < mu2 < hi):
        return "Assumption 2.1(ii) fails: a centre lies outside the support of p_0, p_0(S_i) may be 0"
    return None


def refute_continuous_b4(setup: Mapping | None = None) -> dict:
    r"""Decide "Assumption 2.1 ⇒ B.4" ([FALA26] Lemma 3.3, continuous geometry) at t = 0 on a setup.

    Premises: r_i(x) = −β(x − μ_i)², p_0 uniform on [lo, hi], Assumption 2.1 (decided exactly).  At
    the midpoint x_0 = (μ_1 + μ_2)/2, outside both basins, with d = |μ_1 − μ_2|/2:
    Z_i(0) = (1/(hi − lo)) ∫_lo^hi e^{−β(x − μ_i)²} dx < √(π/β)/(hi − lo) and e^{−β d²} ≥ 1 − β d², so
    W_0(x_0) = Σ q_i e^{−β d²}/Z_i(0) > (1 − β d²)(hi − lo) √(β/π) ≥ 1 when
    (1 − β d²)² (hi − lo)² β ≥ 22/7 > π: decided in rationals, and then no ρ_ε < 1 bounds W_0 off S_ε.

    Examples
    --------
    >>> out = refute_continuous_b4()
    >>> out["verdict"], out["counterexample"]["x_0"], out["counterexample"]["(1 - beta d^2)^2 (hi - lo)^2 beta"]
    ('FAILS', '0', '1225/128')
    """
    data = CONTINUOUS_SETUP if setup is None else setup
    read = _read_continuous(data)
    if isinstance(read, str):
        return _undecided(read)
    beta, mu1, mu2, q, eps, lo, hi = read
    why = _continuous_a21(beta, mu1, mu2, eps, lo, hi)
    if why:
        return _undecided(f"premise not met: {why}")
    x0, d2 = (mu1 + mu2) / 2, ((mu1 - mu2) / 2) ** 2
    lower = 1 - beta * d2  # e^{-beta d^2} >= 1 - beta d^2, the same at both centres
    score = lower ** 2 * (hi - lo) ** 2 * beta
    if lower <= 0 or score < _PI_ABOVE:
        return _undecided(f"(1 - beta d^2)^2 (hi - lo)^2 beta = {score} is not >= 22/7: W_0(x_0) >= 1 is not decided")
    return {"verdict": "FAILS", "how": "exact bounds (Assumption 2.1 in rationals, Gaussian integral, pi < 22/7)",
            "reason": f"Assumption 2.1 holds exactly (beta D^2 = {beta * (mu1 - mu2) ** 2} > 4 eps = {4 * eps}), yet "
                      f"the midpoint x_0 = {x0}, outside S_eps (beta d^2 = {beta * d2} > eps), has W_0(x_0) > "
                      f"(1 - beta d^2)(hi - lo) sqrt(beta/pi) >= 1, since (1 - beta d^2)^2 (hi - lo)^2 beta = {score} "
                      f">= 22/7 > pi (Z_i(0) < sqrt(pi/beta)/(hi - lo), e^(-y) >= 1 - y): no rho_eps < 1 bounds W_t "
                      f"off S_eps, B.4 fails at t = 0",
            "counterexample": {"setup": dict(data), "t": 0, "x_0": str(x0), "beta d^2": str(beta * d2),
                               "(1 - beta d^2)^2 (hi - lo)^2 beta": str(score), "pi <": str(_PI_ABOVE)}}


# ---------------------------------------------------------------------------------------------
# the replays

def _collapse_identity_step() -> Step:
    """W^2(A) − 1 = (1 − a) D on two atoms, from the definition of H^2 (an identity)."""
    a, q, c1, c2 = sympy.symbols("a q c_1 c_2", positive=True)
    H1 = a + (1 - a) * 2 / (1 + c1)
    H2 = a * 2 * c2 / (c2 + c2) + (1 - a) * 2 * c2 / (c2 + 1)
    D = 2 * q / (1 + c1) + 2 * (1 - q) * c2 / (1 + c2) - 1
    return Step("on two atoms A ∈ S_1, B ∈ S_2 at K = 2: W^2(A) − 1 = q H^{2,r_1}(A) + (1 − q) H^{2,r_2}(A) − 1 "
                "= (1 − a) D, D = 2q/(1 + c_1) + 2(1 − q) c_2/(1 + c_2) − 1 independent of a",
                sympy.Eq(q * H1 + (1 - q) * H2 - 1, (1 - a) * D))


_W_FOR_W2 = ("the step uses the large-K weight W = w/Z; at K = 2 the weight is W^2 = H^2, with W^2(A) - 1 = (1 - a) D "
             "of a fixed sign, so the basin masses move monotonically to 0 or 1")


@lru_cache(maxsize=1)
def proof_lemma_3_4_at_k_2() -> Proof:
    r"""[FALA26] Lemma 3.4 read at K = 2: the two-atom identity, then the large-K basin bound (step 2) breaks."""
    from pluralnash.theory._proofs_fala import proof_lemma_3_4

    base = proof_lemma_3_4()
    bound = replace(base.steps[0], text=base.steps[0].text + " (the large-K update; at K = 2, p^(1) = p H^{2,r_1})",
                    external=refute_basin_bound_at_k_2, open_reason=_W_FOR_W2)
    steps = _insert((bound, *base.steps[1:]), 1, _collapse_identity_step())
    return replace(base, claim_id="lemma-3.4-at-k-2", steps=steps,
                   title="Leakage interval read at K = 2: the proof breaks at step 2",
                   source="[FALA26] Lemma 3.4 / B.5 as stated, read for the finite-K map at K = 2")


@lru_cache(maxsize=1)
def proof_lemma_3_5_at_k_2() -> Proof:
    r"""[FALA26] Lemma 3.5 read at K = 2: L > 0, U < 1, the two-atom identity, then Lemma 3.4's interval breaks."""
    from pluralnash.theory._proofs_fala import proof_lemma_3_5

    base = proof_lemma_3_5()
    interval = replace(base.steps[2], text=base.steps[2].text + " read at K = 2", uses=(), proved_by=(),
                       external=refute_interval_at_k_2, open_reason=_W_FOR_W2)
    steps = _insert((*base.steps[:2], interval, *base.steps[3:]), 3, _collapse_identity_step())
    steps = (*steps[:3], replace(steps[3], uses=(3,)), *steps[4:])
    return replace(base, claim_id="lemma-3.5-at-k-2", steps=steps,
                   title="Uniform non-collapse read at K = 2: the proof breaks at step 4",
                   source="[FALA26] Lemma 3.5 / B.6 as stated, read for the finite-K map at K = 2")


@lru_cache(maxsize=1)
def proof_lemma_3_3_continuous() -> Proof:
    r"""[FALA26] Lemma 3.3 in the continuous geometry: the main text's step 1, 2.1 ⇒ B.4, breaks here too."""
    from pluralnash.theory._proofs_fala import proof_lemma_3_3_appendix

    appendix = proof_lemma_3_3_appendix()
    first = Step("Assumption 2.1 implies B.4 for r_i = −β(x − μ_i)² on R with a uniform p_0: there is ρ_ε < 1 "
                 "with sup_{x∉S_ε} W_t(x) ≤ ρ_ε for every t (decided by ∫_R e^{−βu²} du = √(π/β), π < 22/7 and "
                 "e^{−y} ≥ 1 − y)", None, external=refute_continuous_b4,
                 cites=("Gaussian integral", "Archimedes' bound on pi", "tangent line bound of exp"),
                 open_reason="2.1(iii) bounds w_i off S_eps, not Z_i(t) from below: a point between the centres "
                             "has W_0 > 1 when p_0 spreads its mass")
    return replace(appendix, claim_id="lemma-3.3-continuous", steps=_insert(appendix.steps, 1, first),
                   title="Decay outside the basins in the continuous geometry: the proof breaks at step 1",
                   source="[FALA26] Lemma 3.3, main text, for r_i = −β(x − μ_i)² on R")


# ---------------------------------------------------------------------------------------------
# planted variants

#: claim id -> (its refuting step, a certified step before it, the refuter, a setup on which the
#: refuter must not refute the step, what that setup is)
_PLANTS = {
    "lemma-3.4-at-k-2": (2, 1, refute_basin_bound_at_k_2, {**COLLAPSE_AT_K_2_SETUP, "K": 3}, "K = 3, not K = 2"),
    "lemma-3.5-at-k-2": (4, 1, refute_interval_at_k_2, {**COLLAPSE_AT_K_2_SETUP, "p0": ["2/5", "3/5"]},
                         "a_0 = 2/5 inside [L, U]"),
}


#: Planted variants of these replays: a wrong counterexample for the breaking step, a wrong sign before
#: it, an off-by-one step reference (as :func:`pluralnash.theory._proofs_broken.planted_broken`).
planted_broken_at_k_2 = partial(planted_broken, plants=_PLANTS)


def planted_lemma_3_3_continuous(p: Proof, claim_id: str) -> list:
    """Planted variants of the continuous Lemma 3.3 replay, broken at its first step: a wrong counterexample
    (p_0 uniform on [−1/2, 1/2], where the bound is not decided), a wrong sign in step 3 and an off-by-one
    reference in step 7."""
    from pluralnash.theory._proofs_planted import _wrong_sign

    narrow = {**CONTINUOUS_SETUP, "uniform": ["-1/2", "1/2"]}
    return [("wrong counterexample (p_0 uniform on [-1/2, 1/2]) offered for step 1",
             p.planted(1, external=partial(refute_continuous_b4, narrow)), 1, "NOT_CERTIFIED"),
            ("wrong sign at step 3", _wrong_sign(p, 3), 3, "FAILS"),
            ("step 7 uses step 8 (off by one)", p.planted(7, uses=(8,)), 7, "NOT_CERTIFIED")]
