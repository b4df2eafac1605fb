r"""Independent references for the finite-K basin statements: ``lemma-3.3-finite-k``,
``lemma-3.4-finite-k``, ``lemma-3.5-finite-k`` (one-step bounds along the exact finite-K run) and
``lemma-3.4-at-k-2``, ``lemma-3.5-at-k-2`` ([FALA26] Lemmas 3.4 and 3.5 as stated, read for the
finite-K map of Lemma 3.1 on two atoms).

Written apart from the code under test, which they never call; only the comparisons (``diff_*``)
run the claims' instance checks.  A different method from the engines' where one exists:

- the finite-K step p'(x) = p(x) Σ_i q_i H^{K,r_i}_p(x) takes H^K_p(x) = E[K w(x)/(w(x) + S)] with S
  the sum of K - 1 independent rivals' w, from the law of S built by convolution (exact Fractions),
  not by enumerating the rivals;
- the two-atom lemmas iterate the map a_{t+1} = a_t W^K(a_t) at ``REF_DPS`` digits (the law of the
  number of rivals on atom A is binomial) until a_t is within 10^-(REF_DPS/2) of 0 or 1, instead of
  reading a sign off a polynomial; a run that is not monotone or does not get there abstains, and so
  does a limit within 10^-6 of an interval's end.

Symbols (exp form): ŵ_i = w_i / max w_i, E = e^{-ε} (``exp_eps``), S_i = {x : ŵ_i(x) >= E},
c_i = max ŵ_i on the other basins, κ_i = c_i / E², a_{i,t} = p_t(S_i), m_t = p_t(outside every S_i).
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import mpmath

import pluralnash

F = Fraction
REF_DPS = 60


def _certified(res):
    return res.verdict.value if res.certified and res.verdict.value in ("HOLDS", "FAILS") else None


def _variants(claim_id):
    claim = pluralnash.get_claim(claim_id)
    return (claim, *claim.controls)


# ----------------------------------------------------------------------------------------------
# the exact finite-K step by the law of the rivals' sum


def rival_sum_law(p, w, K):
    """{s: P(S = s)} for S the sum of K - 1 independent draws of w(y), y ~ p (exact)."""
    law = {F(0): F(1)}
    for _ in range(K - 1):
        nxt: dict = {}
        for s, pr in law.items():
            for a, v in zip(p, w):
                if a:
                    nxt[s + v] = nxt.get(s + v, F(0)) + pr * a
        law = nxt
    return law


def ref_finite_k_weight(p, w, K):
    """H^K_p(x) = Σ_s P(S = s) K w(x)/(w(x) + s) at every atom."""
    law = rival_sum_law(p, w, K)
    return [sum((pr * K * v / (v + s) for s, pr in law.items()), F(0)) for v in w]


def ref_finite_k_step(p, rows, q, K):
    Hs = [ref_finite_k_weight(p, w, K) for w in rows]
    return [a * sum((qi * H[x] for qi, H in zip(q, Hs)), F(0)) for x, a in enumerate(p)]


def ref_basins(L):
    """(closeness rows, basins, outside atoms, c) of an exp-form setup with disjoint basins, else None."""
    if L.exp_rewards is None or L.exp_eps is None or L.K is None:
        return None
    rows = [[F(v) / max(r) for v in r] for r in L.exp_rewards]
    E = F(L.exp_eps)
    S = [[x for x in range(L.n) if row[x] >= E] for row in rows]
    if len({x for Si in S for x in Si}) < sum(len(Si) for Si in S):
        return None
    outside = [x for x in range(L.n) if not any(x in Si for Si in S)]
    c = [max(rows[i][x] for j, Sj in enumerate(S) if j != i for x in Sj) for i in range(len(rows))]
    return rows, S, outside, c


# ----------------------------------------------------------------------------------------------
# lemma-3.3-finite-k, lemma-3.4-finite-k, lemma-3.5-finite-k: every step of the run


def _upper_H(p, w, K):
    """Lemma 3.2's upper bound K w/(w + (K-1)μ) + K(K-1) w σ² / ((w + (K-1)μ)² (w + (K-1) w_min))."""
    mu = sum((a * v for a, v in zip(p, w)), F(0))
    var = sum((a * (v - mu) ** 2 for a, v in zip(p, w)), F(0))
    low = min(v for a, v in zip(p, w) if a)
    return [K * v / (v + (K - 1) * mu) + K * (K - 1) * v * var / ((v + (K - 1) * mu) ** 2 * (v + (K - 1) * low))
            for v in w]


def _jensen_H(p, w, K):
    mu = sum((a * v for a, v in zip(p, w)), F(0))
    return [K * v / (v + (K - 1) * mu) for v in w]


def _large_k_H(p, w, K):
    mu = sum((a * v for a, v in zip(p, w)), F(0))
    return [v / mu for v in w]


DECAY_FACTORS = {"lemma-3.3-finite-k": _upper_H, "lemma-3.3-finite-k~jensen-weight": _jensen_H,
                 "lemma-3.3-finite-k~large-k-weight": _large_k_H}


def _decay_step(claim_id, L, p, nxt, ctx):
    rows, S, outside, c = ctx
    m, m_next = sum((p[x] for x in outside), F(0)), sum((nxt[x] for x in outside), F(0))
    if not m:
        return True
    Hs = [DECAY_FACTORS[claim_id](p, w, L.K) for w in rows]
    rho = max(sum((qi * H[x] for qi, H in zip(L.weights, Hs)), F(0)) for x in outside)
    return m_next <= rho * m


def _phi(q, K, E, c, a, m):
    """Lemma 3.4 at finite K: q K E a / (E + (K-1)(a + c (1 - a - m) + E m))."""
    return q * K * E * a / (E + (K - 1) * (a + c * (1 - a - m) + E * m))


def _large_k_map(q, K, E, c, a, m):
    """[FALA26] Lemma 3.4's large-K map q a / (a + κ b + e^ε m), κ = c/E², b = 1 - a - m."""
    return q * a / (a + c / E ** 2 * (1 - a - m) + m / E)


def _basin_step(claim_id, L, p, nxt, ctx):
    rows, S, outside, c = ctx
    m = sum((p[x] for x in outside), F(0))
    bound = _large_k_map if claim_id.endswith("large-k-step") else _phi
    for i, Si in enumerate(S):
        a, a_next = sum((p[x] for x in Si), F(0)), sum((nxt[x] for x in Si), F(0))
        claimed = bound(F(L.weights[i]), L.K, F(L.exp_eps), c[i], a, m)
        if (a_next > claimed) if claim_id.endswith("reversed") else (a_next < claimed):
            return False
    return True


def _run_ok(L, steps, ctx, step_ok):
    """Follow the exact run for ``steps`` steps; False at the first step ``step_ok`` rejects."""
    rows = ctx[0]
    p = [F(v) for v in L.p0]
    for _ in range(steps):
        nxt = ref_finite_k_step(p, rows, [F(v) for v in L.weights], L.K)
        if not step_ok(p, nxt):
            return False
        p = nxt
    return True


def lower_end(q, K, E, c):
    """L_K, the fixed point of a -> φ^K(a, 0): q K E a = a (E + (K-1)(a + c (1 - a))) solved for a."""
    return (q * K * E - E - (K - 1) * c) / ((K - 1) * (1 - c))


def _non_collapse(claim_id, L, steps, ctx):
    """lemma-3.5-finite-k and its variants on ``steps`` steps of the run (no outside atom)."""
    rows, S, outside, c = ctx
    if outside:
        return None
    ends = [lower_end(F(q), L.K, F(L.exp_eps), ci) for q, ci in zip(L.weights, c)]
    if min(ends) <= 0:
        return None
    K, p, masses = L.K, [F(v) for v in L.p0], []
    for t in range(steps + 1):
        masses.append([sum((p[x] for x in Si), F(0)) for Si in S])
        if t < steps:
            p = ref_finite_k_step(p, rows, [F(v) for v in L.weights], K)
    if claim_id.endswith("reversed"):  # a_t <= L_K for all t >= t_0: refuted by one a_t > L_K (φ^K keeps it above)
        return "FAILS" if any(a > e for row in masses for a, e in zip(row, ends)) else None
    lows = ends if claim_id.endswith("from-start") else [min(a, e) for a, e in zip(masses[0], ends)]
    highs = [1 - (sum(lows) - lo) for lo in lows]
    inside = all(lo <= a <= hi for row in masses for a, lo, hi in zip(row, lows, highs))
    return "HOLDS" if inside else "FAILS"


def ref_finite_k(claim_id, L, steps):
    """The reference verdict of a finite-K one-step claim on the run's first ``steps`` steps, or None."""
    ctx = ref_basins(L)
    if ctx is None or steps < 1:
        return None
    if claim_id.startswith("lemma-3.5"):
        return _non_collapse(claim_id, L, steps, ctx)
    step = _decay_step if claim_id.startswith("lemma-3.3") else _basin_step
    if claim_id.startswith("lemma-3.3") and not ctx[2]:
        return None
    return "HOLDS" if _run_ok(L, steps, ctx, lambda p, nxt: step(claim_id, L, p, nxt, ctx)) else "FAILS"


def diff_finite_k(claim_id, setups, tally):
    """Each certified verdict against the reference on the steps the engine examined."""
    for L in setups:
        for c in _variants(claim_id):
            res = c.instance(L)
            engine = _certified(res)
            if engine is None:
                continue
            steps = int(res.evidence.get("steps_examined", 0))
            tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine, ref_finite_k(c.id, L, steps))


# ----------------------------------------------------------------------------------------------
# lemma-3.4-at-k-2, lemma-3.5-at-k-2: the two-atom map iterated


def _two_atom_weight(a, q, K, A, B):
    """W^K(A) at p = (a, 1 - a): Σ_i q_i Σ_j C(K-1, j) a^j (1-a)^(K-1-j) K A_i/(A_i + j A_i + (K-1-j) B_i)."""
    return sum(qi * sum(comb(K - 1, j) * a ** j * (1 - a) ** (K - 1 - j) * K * Ai / ((1 + j) * Ai + (K - 1 - j) * Bi)
                        for j in range(K))
               for qi, Ai, Bi in zip(q, A, B))


def ref_two_atom_fate(L, max_steps=5000):
    """(a_0, (lower, upper), fate) with fate 'still', 0 or 1 (a_t's limit), or None (abstain)."""
    ctx = ref_basins(L)
    if ctx is None or L.n != 2 or L.m != 2 or ctx[2] or any(len(Si) != 1 for Si in ctx[1]):
        return None
    rows, S, _, c = ctx
    iA, iB = S[0][0], S[1][0]
    q, E = [F(v) for v in L.weights], F(L.exp_eps)
    A, B = [r[iA] for r in rows], [r[iB] for r in rows]
    kap = [ci / E ** 2 for ci in c]
    lower = max(F(0), (q[0] - kap[0]) / (1 - kap[0])) if kap[0] < 1 else F(0)
    upper = min(F(1), q[0] / (1 - kap[1])) if kap[1] < 1 else F(1)
    a0 = F(L.p0[iA])
    if not 0 < a0 < 1:
        return None
    if a0 * _two_atom_weight(a0, q, L.K, A, B) == a0:  # exactly fixed: a_t = a_0 for ever
        return a0, (lower, upper), "still"
    with mpmath.workdps(REF_DPS):
        qm, Am, Bm = ([mpmath.mpf(v.numerator) / v.denominator for v in vs] for vs in (q, A, B))
        a, eps = mpmath.mpf(a0.numerator) / a0.denominator, mpmath.mpf(10) ** (-REF_DPS // 2)
        up = None
        for _ in range(max_steps):
            nxt = a * _two_atom_weight(a, qm, L.K, Am, Bm)
            if up is None:
                up = nxt > a
            elif (nxt > a) != up:
                return None  # not monotone: an interior fixed point, nothing this reference decides
            if abs(nxt - a) < eps ** 2:
                return None  # settled at an interior point
            a = nxt
            if a < eps or 1 - a < eps:
                return a0, (lower, upper), int(a > mpmath.mpf(1) / 2)
    return None


def ref_at_k_2(L, claim_id):
    """lemma-3.4-at-k-2 / lemma-3.5-at-k-2 (and their controls) from the iterated two-atom map."""
    got = ref_two_atom_fate(L)
    if got is None:
        return None
    a0, (lo, hi), fate = got
    if claim_id.endswith("nash-point"):
        lo = hi = F(L.weights[0])
    limit = a0 if fate == "still" else F(fate)
    if min(abs(limit - lo), abs(limit - hi)) < F(1, 10 ** 6) and limit not in (lo, hi):
        return None
    if claim_id.startswith("lemma-3.4") and not claim_id.endswith("nash-point"):
        return "HOLDS" if lo <= limit <= hi else "FAILS"
    # non-collapse (and a_t -> q): a limit at 0 or 1 loses a basin
    return "HOLDS" if fate == "still" and lo <= a0 <= hi and 0 < a0 < 1 else "FAILS"


def diff_at_k_2(claim_id, setups, tally):
    """Each certified verdict of a two-atom claim against :func:`ref_at_k_2` (the reference runs only there)."""
    for L in setups:
        for c in _variants(claim_id):
            res = c.instance(L)
            engine = _certified(res)
            if engine is not None:
                tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine, ref_at_k_2(L, c.id))



def _pinned(rows, weights, K, eps="1/2", p0=None):
    from pluralnash.numeric import Landscape

    return Landscape(exp_rewards=rows, weights=weights, K=K, exp_eps=eps, **({"p0": p0} if p0 else {}))


def pinned_setups():
    """Setups every run compares whatever the strategies draw: an outside atom at K = 3, a covering
    pair at K = 4 (L_(K,i) > 0), and a two-atom K = 2 pair that collapses to basin 1 (q = 3/5 > 1/2),
    past the interval's upper end 3/4."""
    outside = _pinned([["1", "1/20", "1/3"], ["1/20", "1", "1/3"]], ["3/5", "2/5"], 3)
    covering = _pinned([["1", "1/20"], ["1/20", "1"]], ["1/2", "1/2"], 4, p0=["1/5", "4/5"])
    collapsing = _pinned([["1", "1/20"], ["1/20", "1"]], ["3/5", "2/5"], 2)
    return {"lemma-3.3-finite-k": [outside], "lemma-3.4-finite-k": [outside, covering],
            "lemma-3.5-finite-k": [covering], "lemma-3.4-at-k-2": [collapsing], "lemma-3.5-at-k-2": [collapsing]}


def planted_errors():
    """{claim id: (this module, name, replacement)}: an error the comparison must catch on the pinned setups
    (Lemma 3.4's large-K map as the finite-K bound, Jensen's lower bound as the decay factor, an end
    L_K = 1/2, a two-atom map that never moves)."""
    import sys

    me = sys.modules[__name__]
    still = ("_two_atom_weight", lambda a, q, K, A, B: 1)
    return {"lemma-3.4-finite-k": (me, "_phi", _large_k_map),
            "lemma-3.3-finite-k": (me, "DECAY_FACTORS", {**DECAY_FACTORS, "lemma-3.3-finite-k": _jensen_H}),
            "lemma-3.5-finite-k": (me, "lower_end", lambda q, K, E, c: F(1, 2)),
            "lemma-3.4-at-k-2": (me, *still), "lemma-3.5-at-k-2": (me, *still)}


# (claim id, comparison, setups per variant's strategy at scale 1, pinned setups) for
# tests/test_differential_soundness.py
FINITE_K_FAMILIES = (("lemma-3.3-finite-k", diff_finite_k, 1, pinned_setups),
                     ("lemma-3.4-finite-k", diff_finite_k, 1, pinned_setups),
                     ("lemma-3.5-finite-k", diff_finite_k, 1, pinned_setups),
                     ("lemma-3.4-at-k-2", diff_at_k_2, 2, pinned_setups),
                     ("lemma-3.5-at-k-2", diff_at_k_2, 2, pinned_setups))
