r"""Independent references for the plateau statements of [FALA26]: the plateau model's exact limit,
Theorem 3.6 (variance preservation), Proposition 3.4 and Corollary 3.8 (the hard-separation limit).

Written apart from the code under test, which they never call; the two-reward limit is
tests/_soundness_reference_basins.py's brute-force KKT search.  Exact Fractions wherever the quantity
is rational; logarithms at ``REF_DPS`` digits, where a sign within 10^-(REF_DPS - 10) of 0 makes the
reference abstain.
"""

from __future__ import annotations

import mpmath
from pluralnash_soundness_reference_basins import F, REF_DPS, _Arith, _mp, ref_two_reward_limit


def ref_plateau(L):
    """The plateau model's limit by hand: {claim id: 'HOLDS' | 'FAILS'} for plateau-exact and its controls.

    Exp form, two rewards, disjoint basins holding all of p0 and each reward constant on each basin
    (else None).  Then Z_i(p_t) = α_i + a_t A_i with a_t = p_t(S_1), F is concave in a, and the limit
    a_inf maximises it on [0, 1]: 0 when F'(0) <= 0, 1 when F'(1) >= 0, else the zero of the (linear)
    numerator of F'.  Each variant's value and interior window are compared with it exactly.
    """
    if L.exp_rewards is None or L.exp_eps is None or L.m != 2:
        return None
    rows, q = L.exp_rewards, L.weights[0]
    S = [[x for x, v in enumerate(r) if v >= L.exp_eps * max(r)] for r in rows]
    if set(S[0]) & set(S[1]) or any(L.p0[x] for x in range(L.n) if x not in S[0] + S[1]):
        return None
    if not all(sum((L.p0[x] for x in Sj), F(0)) for Sj in S):
        return None
    if any(len({rows[i][x] for x in S[j]}) > 1 for i in range(2) for j in range(2)):
        return None
    c = [[rows[i][S[j][0]] for j in range(2)] for i in range(2)]  # c[i][j] = w_i on S_j
    alpha, A = [c[i][1] for i in range(2)], [c[i][0] - c[i][1] for i in range(2)]
    qs = [q, 1 - q]

    def dF(a):
        return sum((qs[i] * A[i] / (alpha[i] + a * A[i]) for i in range(2)), F(0))

    if dF(F(0)) <= 0:
        truth = F(0)
    elif dF(F(1)) >= 0:
        truth = F(1)
    else:
        truth = -(q * A[0] * alpha[1] + (1 - q) * A[1] * alpha[0]) / (A[0] * A[1])
    interior = 0 < truth < 1
    k1, k2 = c[0][1] / c[0][0], c[1][0] / c[1][1]
    kap1, kap2 = k1 / L.exp_eps ** 2, k2 / L.exp_eps ** 2
    exact_a = min(max(q / (1 - k2) - (1 - q) / (1 / k1 - 1), F(0)), F(1))
    exact_w = k1 * (1 - k2) / (1 - k1 * k2) < q < (1 - k2) / (1 - k1 * k2)
    claims = {
        "plateau-exact": (exact_a, exact_w),
        "plateau-exact~hard-separation-value": (q, exact_w),
        # Lemma 3.4's lower end max{0, (q - κ_1)/(1 - κ_1)}, read as 0 when κ_1 >= 1 (no leakage bound)
        "plateau-exact~lemma-3.4-value": (max(F(0), (q - kap1) / (1 - kap1)) if kap1 < 1 else F(0), exact_w),
        "plateau-exact~paper-window-exact": (exact_a, kap1 < q < 1 - kap2),
    }
    return {cid: "HOLDS" if (a == truth and w == interior) else "FAILS" for cid, (a, w) in claims.items()}


def ref_plateau_variant(L, claim_id):
    """The plateau model's reference (tests/_soundness_reference.py) for one variant, or None."""
    ref = ref_plateau(L)
    return None if ref is None else ref[claim_id]


# ----------------------------------------------------------------------------------------------
# Theorem 3.6: variance preservation


VARIANCE_BOUNDS = {  # (a_inf, Delta_i - 2 eps, eps) -> the claimed lower bound on Var_{p_inf}[r_i]
    "theorem-3.6": lambda a, g, eps: a * (1 - a) * max(g, 0) ** 2,
    "theorem-3.6~coefficient-one": lambda a, g, eps: max(g, 0) ** 2,
    "theorem-3.6~no-eps-correction": lambda a, g, eps: a * (1 - a) * (g + 2 * eps) ** 2,
    "theorem-3.6~no-outside-decay": lambda a, g, eps: a * (1 - a) * max(g, 0) ** 2,
}


def ref_variance(L, claim_id):
    """[FALA26] Theorem 3.6's separation bound at the exact limit (exp form): Var_{p_inf}[r_i] >=
    a_inf (1 - a_inf) max{Δ_i - 2ε, 0}² with B.5's sharpest Δ_i = ε + min over the other basin of
    r_i* - r_i; 'UNDECIDED' when a_inf is not in (0, 1) (the theorem says nothing), None to abstain."""
    if L.exp_rewards is None or L.exp_eps is None:
        return None
    got = ref_two_reward_limit(L)
    if got is None:
        return None
    p, S, _, ar = got
    if set(S[0]) & set(S[1]):
        return None
    a = sum((p[x] for x in S[0]), F(0))
    if not 0 < a < 1:
        return "UNDECIDED"
    signs, mp_ar = [], _Arith(False)
    with mpmath.workdps(REF_DPS):
        eps = -mpmath.log(_mp(L.exp_eps))
        for i, other in ((0, S[1]), (1, S[0])):
            r = [mpmath.log(_mp(v)) for v in L.exp_rewards[i]]
            gap = min(max(r) - r[x] for x in other) - eps  # Δ_i - 2ε
            pm = [_mp(v) for v in p]
            var = mpmath.fsum(u * v ** 2 for u, v in zip(pm, r)) - mpmath.fsum(u * v for u, v in zip(pm, r)) ** 2
            signs.append(mp_ar.sign(var - VARIANCE_BOUNDS[claim_id](_mp(a), gap, eps)))
    if -1 in signs:
        return "FAILS"
    return None if None in signs or 0 in signs else "HOLDS"


# ----------------------------------------------------------------------------------------------
# Proposition 3.4 and Corollary 3.8: the plateau model's hard-separation limit


_HARD = F(1, 10 ** 40)  # the family member standing in for Δ_i -> ∞: cross-basin w_i scaled by 10^-40


def _plateau_basins(L):
    """The two basins of a plateau setup (exp form, disjoint, each reward constant on each), or None."""
    if L.m != 2 or L.exp_rewards is None or L.exp_eps is None:
        return None
    rows = L.exp_rewards
    S = [[x for x, v in enumerate(r) if v >= L.exp_eps * max(r)] for r in rows]
    if set(S[0]) & set(S[1]) or not all(sum((L.p0[x] for x in s), F(0)) for s in S):
        return None
    if any(len({rows[i][x] for x in S[j]}) > 1 for i in range(2) for j in range(2)):
        return None
    return S


def _mixture(L, S, c):
    """p_c = c P_1 + (1 - c) P_2 with P_j = p0( . | S_j)."""
    out = [F(0)] * L.n
    for weight, s in ((c, S[0]), (1 - c, S[1])):
        mass = sum((L.p0[x] for x in s), F(0))
        for x in s:
            out[x] += weight * L.p0[x] / mass
    return out


def ref_plateau_limit(L, claim_id):
    """Prop 3.4 / Corollary 3.8 and their planted variants: 'HOLDS' | 'FAILS' | None.

    Conditionals (Prop 3.4): p_t( . | S_j) = P_j for t <= 4, by exact steps.  Limit: ~finite-gap
    compares the exact limit at the setup's gaps with p_c; the others compare the exact limit of the
    family member with cross-basin w_i scaled by 10^-40 (Δ_i + 92) with p_c, HOLDS within 10^-20,
    FAILS beyond 10^-5, abstaining between (the limit is continuous in the scale, [FALA26] Prop 3.4's
    closed form moves by O(scale)).  c = q, 1/2 for ~endpoint-half, 1 - q for ~weights-swapped.
    """
    S = _plateau_basins(L)
    if S is None:
        return None
    q = L.weights[0]
    c = F(1, 2) if claim_id.endswith("endpoint-half") else 1 - q if claim_id.endswith("weights-swapped") else q
    if claim_id.startswith("prop-3.4") and not _conditionals_fixed(L, S):
        return "FAILS"
    target = _mixture(L, S, c)
    if claim_id.endswith("finite-gap"):
        got = ref_two_reward_limit(L)
        return None if got is None else ("HOLDS" if got[0] == target else "FAILS")
    hard = [list(r) for r in L.exp_rewards]
    for i, other in ((0, S[1]), (1, S[0])):
        for x in other:
            hard[i][x] *= _HARD
    got = ref_two_reward_limit(L.replace(exp_rewards=hard))
    if got is None:
        return None
    dist = max(abs(a - b) for a, b in zip(got[0], target))
    if dist < F(1, 10 ** 20):
        return "HOLDS"
    return "FAILS" if dist > F(1, 10 ** 5) else None


def _conditionals_fixed(L, S, steps=4):
    p = list(L.p0)
    for _ in range(steps):
        Z = [sum((a * w for a, w in zip(p, row)), F(0)) for row in L.exp_rewards]
        p = [a * sum((qi * row[x] / z for qi, row, z in zip(L.weights, L.exp_rewards, Z)), F(0))
             for x, a in enumerate(p)]
        for s in S:
            mass, mass0 = sum((p[x] for x in s), F(0)), sum((L.p0[x] for x in s), F(0))
            if mass and any(p[x] / mass != L.p0[x] / mass0 for x in s):
                return False
    return True
