r"""Independent references for the basin statements of [FALA26]: Lemma B.4 (the appendix form of
Lemma 3.3), Lemma 3.4 (the leakage interval), Lemma 3.5 (uniform non-collapse) and Theorem 3.6
(variance preservation), and the comparisons of the basin family that
tests/test_differential_soundness.py runs.

The references (``ref_*``) are written apart from the code under test, which they never call; only
the comparisons (``diff_*``) run the claims' instance checks.  The one ingredient they share is
the large-K limit p* of a two-reward setup, found here by brute force over the KKT conditions of
max F(p) = q_1 log Z_1(p) + q_2 log Z_2(p) on supp p0 (F is concave in p, strictly in Z, and the
dynamics converge to its maximiser): every single group of atoms with one reward vector, and every
pair of groups at the zero of dF/dα along their segment, is tried; a candidate is the maximiser when
W(y) = Σ_i q_i w_i(y) / Z_i <= 1 on every group.  With two rewards Z* lies on an edge or vertex of
the convex hull of the groups' vectors, so one or two groups suffice.  Masses within a group split
in p0's proportions.

Exp form (``exp_rewards``, ``exp_eps``): every quantity is an exact Fraction.  Log form
(``rewards``, ``eps``): w = e^r at ``REF_DPS`` digits, and a comparison within 10^-(REF_DPS - 10)
of its boundary makes the reference abstain (None), never guess.  Ties (a group off the support
with W = 1, several KKT points) also make it abstain.

Basins and constants as in [FALA26] Assumption 2.1: S_i = {x : r_i* - r_i(x) <= ε} (exp form:
w_i(x) >= e^{-ε} w_i*), Δ_1 = min_{S_2} (r_1* - r_1), Δ_2 = min_{S_1} (r_2* - r_2) (the sharpest
constants) and κ_i = e^{-(Δ_i - 2ε)}.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
from pluralnash_soundness_reference import ref_sign

import pluralnash

F = Fraction
REF_DPS = 60
_TOL_DIGITS = 10


def _mp(x):
    if isinstance(x, Fraction):
        return mpmath.mpf(x.numerator) / x.denominator
    return mpmath.mpf(x)


class _Arith:
    """Exact (Fractions) or at REF_DPS digits with a tolerance; ``sign`` is None when undecided."""

    def __init__(self, exact: bool):
        self.exact = exact
        self.tol = 0 if exact else mpmath.mpf(10) ** (-REF_DPS + _TOL_DIGITS)

    def num(self, x):
        return x if self.exact else _mp(x)

    def sign(self, x):
        if self.exact or x == 0:  # an exact zero (an atom off the limit's support) is decided in both
            return (x > 0) - (x < 0)
        if x > self.tol:
            return 1
        if x < -self.tol:
            return -1
        return None


def _form(L):
    """(w rows, basins, κ, arithmetic) of a two-reward setup in one exact form, or None."""
    if L.m != 2:
        return None
    if L.exp_rewards is not None and L.exp_eps is not None:
        rows = L.exp_rewards
        S = [[x for x, v in enumerate(r) if v >= L.exp_eps * max(r)] for r in rows]
        if not S[0] or not S[1]:
            return None
        e = [max(rows[0][x] for x in S[1]) / max(rows[0]), max(rows[1][x] for x in S[0]) / max(rows[1])]
        return rows, S, [v / L.exp_eps ** 2 for v in e], _Arith(True)
    if L.rewards is not None and L.eps is not None:
        rows = L.rewards
        S = [[x for x, v in enumerate(r) if max(r) - v <= L.eps] for r in rows]
        D = [min(max(rows[0]) - rows[0][x] for x in S[1]), min(max(rows[1]) - rows[1][x] for x in S[0])]
        with mpmath.workdps(REF_DPS):
            kappa = [mpmath.exp(_mp(2 * L.eps - d)) for d in D]
            ws = [[mpmath.exp(_mp(v)) for v in r] for r in rows]
        return ws, S, kappa, _Arith(False)
    return None


def _groups(L, ws):
    """Atoms of supp p0 grouped by reward vector: (vectors, atom lists), in order of first atom."""
    out: dict = {}
    for x in range(L.n):
        if L.p0[x]:
            out.setdefault(tuple(L.exp_rewards[i][x] if L.exp_rewards is not None else L.rewards[i][x]
                                 for i in range(2)), []).append(x)
    atoms = list(out.values())
    return [tuple(ws[i][g[0]] for i in range(2)) for g in atoms], atoms


def _kkt_masses(q, vecs, masses, ar):
    """{group: mass} if these masses satisfy the KKT conditions, 'tie' if a group off the support has
    W within the tolerance of 1 (or cannot be ordered), None if they fail."""
    Z = [sum((masses[g] * vecs[g][i] for g in masses), ar.num(F(0))) for i in range(2)]
    for g, v in enumerate(vecs):
        s = ar.sign(1 - sum((q[i] * v[i] / Z[i] for i in range(2)), ar.num(F(0))))
        if g in masses:
            continue
        if s is None or (s == 0 and ar.exact):
            return "tie"
        if s < 0:
            return None
    return masses


def _candidates(q, vecs, ar):
    """Group masses of every KKT point on one group or on the segment between two."""
    found = []
    for g in range(len(vecs)):
        found.append(_kkt_masses(q, vecs, {g: ar.num(F(1))}, ar))
    for g in range(len(vecs)):
        for h in range(g + 1, len(vecs)):
            A = [vecs[g][i] - vecs[h][i] for i in range(2)]
            den = (q[0] + q[1]) * A[0] * A[1]
            if ar.sign(den) in (0, None):
                continue  # one vector dominates the other (or they are too close to order): no interior zero
            alpha = -(q[0] * A[0] * vecs[h][1] + q[1] * A[1] * vecs[h][0]) / den
            if ar.sign(alpha) != 1 or ar.sign(1 - alpha) != 1:
                continue
            found.append(_kkt_masses(q, vecs, {g: alpha, h: 1 - alpha}, ar))
    return found


def ref_two_reward_limit(L):
    """(p*, basins, κ, arithmetic) of a two-reward setup with a basin width, or None (the reference abstains)."""
    form = _form(L)
    if form is None:
        return None
    ws, S, kappa, ar = form
    with mpmath.workdps(REF_DPS):
        q = [ar.num(v) for v in L.weights]
        vecs, atoms = _groups(L, ws)
        found = _candidates(q, vecs, ar)
        if "tie" in found:
            return None
        points = [c for c in found if c is not None]
        if len(points) != 1:
            return None  # no KKT point found (a degenerate setup) or several: abstain
        p = [ar.num(F(0))] * L.n
        for g, mass in points[0].items():
            total = sum((L.p0[x] for x in atoms[g]), F(0))
            for x in atoms[g]:
                p[x] = mass * ar.num(L.p0[x] / total)
    return p, S, kappa, ar


def ref_limit_masses(L):
    """(a*, m*, p*(S_1 ∩ S_2), κ, arithmetic): the limit's mass on S_1, outside S_1 ∪ S_2 and on both, or None."""
    got = ref_two_reward_limit(L)
    return None if got is None else _masses_of(L.n, *got)


def _masses_of(n, p, S, kappa, ar):
    with mpmath.workdps(REF_DPS):
        zero = ar.num(F(0))
        inside, both = set(S[0]) | set(S[1]), set(S[0]) & set(S[1])
        a = sum((p[x] for x in S[0]), zero)
        m = sum((p[x] for x in range(n) if x not in inside), zero)
        return a, m, sum((p[x] for x in both), zero), kappa, ar


def ref_limit_clauses(L, outside_limit=0):
    """Lemma 3.3's limit clauses on one setup: m_t -> ``outside_limit`` and a_t + b_t -> 1, read
    literally (an atom of S_1 ∩ S_2 counts twice, so a* + b* - 1 = p*(S_1 ∩ S_2) - m*)."""
    got = ref_limit_masses(L)
    if got is None:
        return None
    _, m, both, _, ar = got
    with mpmath.workdps(REF_DPS):
        s1, s2 = ar.sign(m - ar.num(F(outside_limit))), ar.sign(both - m)
    if s1 is None or s2 is None:
        return None
    return "HOLDS" if s1 == 0 and s2 == 0 else "FAILS"


# ----------------------------------------------------------------------------------------------
# Lemma 3.4 and Lemma 3.5: the leakage interval


def _leakage(q, k1, k2):
    return max(0, (q - k1) / (1 - k1)), min(1, q / (1 - k2))


LEAKAGE_INTERVALS = {
    "lemma-3.4": _leakage,
    "lemma-3.4~nash-point": lambda q, k1, k2: (q, q),
    "lemma-3.4~reversed-lower": lambda q, k1, k2: (0, _leakage(q, k1, k2)[0]),
    "lemma-3.4~kappa-unrestricted": _leakage,
}


def _interval_setup(L, premise):
    """(a*, κ, q, arithmetic) or a verdict string ('UNDECIDED': a premise is not met), or None.

    ``premise``: 'kappa' (κ_i < 1), 'q-range' (κ_1 < q < 1 - κ_2) or None, decided before the interval."""
    got = ref_limit_masses(L)
    if got is None:
        return None
    a, m, _, kappa, ar = got
    with mpmath.workdps(REF_DPS):
        if ar.sign(m) is None:
            return None
        if ar.sign(m) != 0:
            return "UNDECIDED"  # premise m_t -> 0 not met
        q = ar.num(L.weights[0])
        signs = {"kappa": [ar.sign(1 - k) for k in kappa],
                 "q-range": [ar.sign(q - kappa[0]), ar.sign(1 - kappa[1] - q)]}.get(premise, [])
        if None in signs:
            return None
        if any(s != 1 for s in signs):
            return "UNDECIDED"
        if any(ar.sign(1 - k) in (0, None) for k in kappa):
            return "UNDECIDED" if all(ar.sign(1 - k) is not None for k in kappa) else None  # a pole of the formula
    return a, kappa, q, ar


def _position(L, premise, interval=None):
    """[sign(a* - lower), sign(upper - a*), sign(a*), sign(1 - a*)] for ``interval`` (default: Lemma 3.4's),
    or the verdict string / None of :func:`_interval_setup`."""
    got = _interval_setup(L, premise)
    if got is None or isinstance(got, str):
        return got
    a, kappa, q, ar = got
    with mpmath.workdps(REF_DPS):
        lower, upper = (interval or _leakage)(q, *kappa)
        return [ar.sign(a - lower), ar.sign(upper - a), ar.sign(a), ar.sign(1 - a)]


def ref_leakage(L, claim_id):
    """Lemma 3.4 (and its planted variants) on one setup: 'HOLDS' | 'FAILS' | 'UNDECIDED' | None."""
    s = _position(L, None if claim_id.endswith("kappa-unrestricted") else "kappa", LEAKAGE_INTERVALS[claim_id])
    if not isinstance(s, list):
        return s
    if -1 in s[:2]:
        return "FAILS"
    return None if None in s[:2] else "HOLDS"


def ref_non_collapse(L, claim_id):
    """Lemma 3.5 on one setup (the limit clauses): a* strictly inside the interval and (0, 1)."""
    s = _position(L, None if claim_id.endswith("dropped-q-range") else "q-range")
    if not isinstance(s, list):
        return s
    if s[0] == -1 or s[1] == -1 or s[2] == 0 or s[3] == 0:
        return "FAILS"
    if None in s or 0 in s:
        return None if None in s else "UNDECIDED"
    return "HOLDS"


def ref_non_collapse_from_start(L, horizon=40):
    """The planted 'c_ε = 0, t_0 = 0' reading: 'FAILS' when some a_t, t <= horizon, leaves the interval
    (run at REF_DPS digits), 'UNDECIDED' when none comes near it, None otherwise."""
    got = _interval_setup(L, "q-range")
    if got is None or isinstance(got, str):
        return got
    _, kappa, q, ar = got
    form = _form(L)
    ws, S = form[0], form[1]
    with mpmath.workdps(REF_DPS):
        lower, upper = (_mp(v) if isinstance(v, Fraction) else v for v in _leakage(q, *kappa))
        tol = mpmath.mpf(10) ** (-REF_DPS + 2 * _TOL_DIGITS)
        W = [[_mp(v) for v in r] for r in ws]
        qq = [_mp(v) for v in L.weights]
        p, near = [_mp(v) for v in L.p0], False
        for _ in range(horizon + 1):
            a = mpmath.fsum(p[x] for x in S[0])
            if a < lower - tol or a > upper + tol:
                return "FAILS"
            near |= abs(a - lower) <= tol or abs(a - upper) <= tol
            Z = [mpmath.fsum(u * v for u, v in zip(p, w)) for w in W]
            p = [u * mpmath.fsum(qi * w[x] / z for qi, w, z in zip(qq, W, Z)) for x, u in enumerate(p)]
    return None if near else "UNDECIDED"


# ----------------------------------------------------------------------------------------------
# Theorem 3.7's premises and the basin premises' constants


def ref_two_basins(L):
    """[FALA26] Theorem 3.7's premises by hand: ('HOLDS' | 'FAILS' | None, A, B).

    S_{i,ε} = {x : r_i* - r_i(x) <= ε} (rewards with eps) or {x : w_i(x) >= e^{-ε} w_i*} (exp_rewards
    with exp_eps), both exact; P_i = p0(. | S_i); A = u_1(P_1) - u_1(P_2), B = u_2(P_2) - u_2(P_1).
    """
    if L.m != 2 or (L.eps is None and L.exp_eps is None):
        return "FAILS", None, None
    if L.rewards is not None and L.eps is not None:
        rows, inside = L.rewards, lambda v, top: top - v <= L.eps
        r = lambda i, x: _mp(L.rewards[i][x])  # noqa: E731
    elif L.exp_rewards is not None and L.exp_eps is not None:
        rows, inside = L.exp_rewards, lambda v, top: v >= L.exp_eps * top
        r = lambda i, x: mpmath.log(_mp(L.exp_rewards[i][x]))  # noqa: E731
    else:
        return None, None, None  # mixed forms: the reference abstains
    S = [[x for x, v in enumerate(row) if inside(v, max(row))] for row in rows]
    if set(S[0]) & set(S[1]):
        return "FAILS", None, None
    mass = [sum((L.p0[x] for x in Si), F(0)) for Si in S]
    if not all(mass):
        return "FAILS", None, None
    with mpmath.workdps(REF_DPS):
        u = [[mpmath.fsum(_mp(L.p0[x] / mass[j]) * r(i, x) for x in S[j]) for j in range(2)] for i in range(2)]
        A, B = u[0][0] - u[0][1], u[1][1] - u[1][0]
        tol = mpmath.mpf(10) ** (-REF_DPS + 10)
        sA, sB = ref_sign(A, tol), ref_sign(B, tol)
    if L.rewards is not None:  # exact rewards: the reference decides exactly
        Ae = sum((L.p0[x] / mass[0] * L.rewards[0][x] for x in S[0]), F(0)) - sum(
            (L.p0[x] / mass[1] * L.rewards[0][x] for x in S[1]), F(0))
        Be = sum((L.p0[x] / mass[1] * L.rewards[1][x] for x in S[1]), F(0)) - sum(
            (L.p0[x] / mass[0] * L.rewards[1][x] for x in S[0]), F(0))
        sA, sB = (Ae > 0) - (Ae < 0), (Be > 0) - (Be < 0)
    if sA is None or sB is None:
        return None, A, B
    return ("HOLDS" if sA > 0 and sB > 0 else "FAILS"), A, B


def ref_basin_premises(L):
    """Assumption 2.1(ii), 2.1(iii), κ_i < 1 and q ∈ (κ_1, 1 - κ_2) of [FALA26] by hand, on a two-reward
    setup in an exact form: {name: 'HOLDS' | 'FAILS' | None}.

    Log form (rewards, eps): Δ_1 = min_{S_2} (r_1* - r_1), Δ_2 = min_{S_1} (r_2* - r_2), κ_i = e^{2ε - Δ_i}
    (q's range then compared at twice the precision).  Exp form (exp_rewards, exp_eps = e^{-ε}):
    e^{-Δ_1} = max_{S_2} w_1 / w_1*, and κ_i = e^{-Δ_i} / exp_eps², all rational.
    """
    log_form = L.rewards is not None and L.eps is not None
    exp_form = L.exp_rewards is not None and L.exp_eps is not None
    if L.m != 2 or not (log_form or exp_form):
        return {}
    if L.rewards is not None:
        rows = L.rewards
        S = [[x for x, v in enumerate(r) if max(r) - v <= L.eps] for r in rows]
        D = [min(max(rows[0]) - rows[0][x] for x in S[1]), min(max(rows[1]) - rows[1][x] for x in S[0])]
        kappa_lt_1 = [d > 2 * L.eps for d in D]
        with mpmath.workdps(REF_DPS):
            kappa = [mpmath.exp(_mp(2 * L.eps - d)) for d in D]
    else:
        rows = L.exp_rewards
        S = [[x for x, v in enumerate(r) if v >= L.exp_eps * max(r)] for r in rows]
        e = [max(rows[0][x] for x in S[1]) / max(rows[0]), max(rows[1][x] for x in S[0]) / max(rows[1])]
        D = [1 - v for v in e]  # > 0 iff Δ_i > 0 (only its sign is used)
        kx = [v / L.exp_eps ** 2 for v in e]
        kappa_lt_1 = [k < 1 for k in kx]
        kappa = kx
    out = {}
    mass = [sum((L.p0[x] for x in Si), F(0)) for Si in S]
    out["ii"] = "FAILS" if set(S[0]) & set(S[1]) or not all(mass) else "HOLDS"
    out["iii"] = "HOLDS" if all(d > 0 for d in D) else "FAILS"
    out["kappa"] = "HOLDS" if all(kappa_lt_1) else "FAILS"
    q = L.weights[0]
    if all(isinstance(k, Fraction) for k in kappa):
        out["q-range"] = "HOLDS" if kappa[0] < q < 1 - kappa[1] else "FAILS"
    else:
        with mpmath.workdps(REF_DPS):
            tol = mpmath.mpf(10) ** (-REF_DPS + 10)
            s1, s2 = ref_sign(_mp(q) - kappa[0], tol), ref_sign(1 - kappa[1] - _mp(q), tol)
        out["q-range"] = None if None in (s1, s2) else ("HOLDS" if s1 > 0 and s2 > 0 else "FAILS")
    return out


# N(α) = (α A)^q ((1 - α) B)^(1-q) with A, B > 0: uniquely maximised at α = q (also for q in {0, 1})
_NASH_MAXIMISERS = {"theorem-3.7": lambda q: q, "theorem-3.7~alpha-q-squared": lambda q: q * q,
                    "theorem-3.7~alpha-one-minus-q": lambda q: 1 - q}


# ----------------------------------------------------------------------------------------------
# the comparisons (tests/test_differential_soundness.py runs them): each engine verdict the toolkit
# certifies (HOLDS or FAILS) against the reference's; ``tally`` collects agreements and disagreements


def _certified(res):
    return res.verdict.value if res.certified and res.verdict.value in ("HOLDS", "FAILS") else None


def _variants(claim_id):
    claim = pluralnash.get_claim(claim_id)
    return (claim, *claim.controls)


def diff_against(claim_id, reference, setups, tally):
    """A claim and its planted variants on each setup against ``reference(L, variant id)``."""
    for L in setups:
        for c in _variants(claim_id):
            res = c.instance(L)
            tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", _certified(res), reference(L, c.id))


def ref_lemma_3_5(L, claim_id):
    """Lemma 3.5's reference for the claim and each planted variant."""
    return ref_non_collapse_from_start(L) if claim_id.endswith("from-start") else ref_non_collapse(L, claim_id)


def diff_decay(claim_id, setups, tally, outside_masses, horizon=5):
    """Lemma 3.3 or its appendix form (Lemma B.4) and their planted variants.

    A certified witness step is re-computed from ``outside_masses(L, steps)`` (the reference's m_t):
    m_{t+1} >= m_t > 0 for a decay failure, m_{t+1} < m_t for the reversed control; a certified HOLDS
    must not meet a failing step in the first ``horizon`` rounds, and the limit clauses (m_t -> 0,
    a_t + b_t -> 1) are re-decided on the reference's limit (:func:`ref_limit_clauses`).  A witness of
    a planted rate (m_{t+1} > ρ m_t for a specific ρ) has nothing independent to check here.
    """
    for L in setups:
        ref = outside_masses(L, horizon + 1)
        if ref is None:
            continue
        m, tol = ref
        for c in _variants(claim_id):
            res = c.instance(L)
            engine = _certified(res)
            t = res.evidence.get("t")
            what = f"{c.id} ({res.reason}) on {L.to_json()}"
            limit = ref_limit_clauses(L, 1 if c.id.endswith("outside-collapse") else 0)
            if engine == "FAILS" and isinstance(t, int):
                if t >= len(m) - 1 or c.id.endswith("rate-squared"):
                    tally.abstained += 1
                elif c.id.endswith("never-decays"):
                    tally.require(f"witness step t={t}: {what}", m[t + 1] < m[t] - tol)
                else:
                    tally.require(f"witness step t={t}: {what}", m[t + 1] >= m[t] - tol and m[t] > tol)
            elif engine == "FAILS" and not c.id.endswith("never-decays"):
                tally.compare(f"limit clauses: {what}", engine, limit)  # no witness step: a limit clause failed
            elif engine == "HOLDS" and not c.id.endswith("never-decays"):
                bad = [k for k in range(horizon) if m[k] > tol and m[k + 1] > m[k] + tol]
                tally.require(f"a failing step at t={bad[:1]} under a HOLDS: {what}", not bad)
                tally.compare(f"limit clauses: {what}", engine, limit)
            elif engine is not None:
                tally.abstained += 1


# ----------------------------------------------------------------------------------------------
# the two-basin premises and Theorem 3.7


def diff_basin_premises(setups, tally):
    from pluralnash.numeric.premises.basin_premises import (
        check_assumption_2_1_ii,
        check_assumption_2_1_iii,
        check_kappa_below_one,
        check_q_in_leakage_range,
    )

    checks = {"ii": check_assumption_2_1_ii, "iii": check_assumption_2_1_iii, "kappa": check_kappa_below_one,
              "q-range": check_q_in_leakage_range}
    for L in setups:
        for key, ref in ref_basin_premises(L).items():
            tally.compare(f"premise {key} on {L.to_json()}", _certified(checks[key](L)), ref)


def diff_theorem_3_7(setups, tally):
    claim = pluralnash.get_claim("theorem-3.7")
    for L in setups:
        pre_ref, _, _ = ref_two_basins(L)
        pre = claim.premises[0].check(L)
        tally.compare(f"theorem-3.7 premises on {L.to_json()}", _certified(pre), pre_ref)
        if pre_ref != "HOLDS":
            continue
        q = L.weights[0]
        for c in (claim, *claim.controls):
            ref = "HOLDS" if F(_NASH_MAXIMISERS[c.id](q)) == q else "FAILS"
            tally.compare(f"{c.id} on {L.to_json()}", _certified(c.instance(L)), ref)
