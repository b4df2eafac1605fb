r"""The independent reference of the differential soundness test (tests/test_differential_soundness.py).

Written apart from the code under test, which it never calls: the large-K step
p' = p Σ_i q_i w_i / Z_i (mixed with reference data when given), Z, F = Σ_i q_i log Z_i, the
Frank–Wolfe bracket of F*, the KKT conditions of an exact limit, the kept-candidate law of
[FALA26] Lemma 3.1 by brute force and H^K by enumeration, [FERB24] Theorem 2.1, and the continuous
dynamics' Z_i and basin masses by quadrature.  The two-basin and plateau statements have their own
references beside this one (tests/_soundness_reference_basins.py, tests/_soundness_reference_plateau.py).  Exact Fractions wherever the quantity is rational; logarithms, exponentials
and integrals at ``REF_DPS`` = 60 digits, twice the engines' default, where a sign is only
reported when it is far from 0 (``ref_sign``: the reference abstains rather than guesses).

Also the setups: random ones and adversarial ones (tiny masses, near ties, 45-digit
denominators, p0 missing the argmax).  Only :class:`Landscape` (a data class) is used from the
package, to hold a setup.
"""

from __future__ import annotations

import itertools
import json
import pathlib
from fractions import Fraction

import mpmath

from pluralnash.numeric import Landscape

F = Fraction
REF_DPS = 60  # twice the engines' default 30 digits


def ref_Z(p, ws):
    return [sum((a * b for a, b in zip(p, w)), F(0)) for w in ws]


def ref_step(p, ws, q, reference=None, lam=None):
    """One exact large-K round, mixed with reference data when given ([FERB24] mixing)."""
    Z = ref_Z(p, ws)
    cur = [a * sum((qi * w[x] / z for qi, w, z in zip(q, ws, Z) if qi), F(0)) for x, a in enumerate(p)]
    if reference is None:
        return cur
    return [(1 - lam) * r + lam * c for r, c in zip(reference, cur)]


def ref_F(q, Z, dps=REF_DPS):
    with mpmath.workdps(dps):
        return mpmath.fsum(mpmath.mpf(qi.numerator) / qi.denominator * mpmath.log(_mp(z)) for qi, z in zip(q, Z) if qi)


def _mp(x):
    if isinstance(x, Fraction):
        return mpmath.mpf(x.numerator) / x.denominator
    return mpmath.mpf(x)


def ref_sign(x, tol):
    """+1 / -1 when |x| > tol, else None (the reference abstains near the boundary)."""
    if x > tol:
        return 1
    if x < -tol:
        return -1
    return None


def ref_fw_bracket(q, ws, p0, steps, dps=REF_DPS):
    """[F(p), F(p) + max_x W_p(x) - 1] ∋ F* for the p reached after ``steps`` large-K rounds.

    Valid for any distribution p on supp p0 (F(p) <= F* by definition; F* <= F(p) + max W - 1
    by concavity, the Frank–Wolfe gap), so the rounds run in mpmath at ``dps`` digits: their
    rounding only moves p, and the two ends are evaluated at that precision.
    """
    with mpmath.workdps(dps):
        qq = [_mp(v) for v in q]
        W_ = [[_mp(v) for v in w] for w in ws]
        p = [_mp(v) for v in p0]
        for _ in range(steps):
            Z = [mpmath.fsum(a * b for a, b in zip(p, w)) for w in W_]
            p = [a * mpmath.fsum(qi * w[x] / z for qi, w, z in zip(qq, W_, Z)) for x, a in enumerate(p)]
            tot = mpmath.fsum(p)
            p = [a / tot for a in p]
        Z = [mpmath.fsum(a * b for a, b in zip(p, w)) for w in W_]
        lo = mpmath.fsum(qi * mpmath.log(z) for qi, z in zip(qq, Z) if qi)
        W = max(mpmath.fsum(qi * w[x] / z for qi, w, z in zip(qq, W_, Z)) for x in range(len(p0)) if p0[x])
        return lo, lo + max(W - 1, 0), p


def ref_kkt_exact(q, ws, p0, pstar):
    """The KKT conditions of max F over distributions on supp p0, decided exactly: W = 1 where
    p* > 0, W <= 1 elsewhere on supp p0 (sufficient for a maximum: F is concave)."""
    Z = ref_Z(pstar, ws)
    if any(z <= 0 for z in Z) or sum(pstar) != 1 or any(v < 0 for v in pstar):
        return False
    for x in range(len(p0)):
        if p0[x] == 0:
            if pstar[x]:
                return False
            continue
        W = sum((qi * w[x] / z for qi, w, z in zip(q, ws, Z)), F(0))
        if (pstar[x] > 0 and W != 1) or W > 1:
            return False
    return True


def ref_kept_law(p, ws, q, K):
    """Lemma 3.1 by brute force: K i.i.d. candidates, reward i w.p. q_i, Luce pick by w_i."""
    n = len(p)
    law = [F(0)] * n
    for tup in itertools.product(range(n), repeat=K):
        pr = F(1)
        for x in tup:
            pr *= p[x]
        if not pr:
            continue
        for qi, w in zip(q, ws):
            tot = sum((w[x] for x in tup), F(0))
            for x in tup:
                law[x] += pr * qi * w[x] / tot
    return law


def ref_H(p, w, K):
    """H^{K}_p(x) = E[K w(x) / (w(x) + Σ_{j<K} w(y_j))] by enumeration of the K - 1 rivals."""
    n = len(p)
    out = []
    for x in range(n):
        h = F(0)
        for tup in itertools.product(range(n), repeat=K - 1):
            pr = F(1)
            for y in tup:
                pr *= p[y]
            if pr:
                h += pr * K * w[x] / (w[x] + sum((w[y] for y in tup), F(0)))
        out.append(h)
    return out


def _rat(rng, lo=1, hi=30):
    return F(rng.randint(lo, hi), rng.randint(lo, hi))


def _simplex(rng, n, *, tiny=False, huge=False):
    if huge:  # rational masses with 45-digit denominators, as a floating point would print them
        den = 10 ** 45
        cuts = sorted(rng.randrange(1, den) for _ in range(n - 1))
        return [F(b - a, den) for a, b in zip([0] + cuts, cuts + [den])]
    v = [F(rng.randint(1, 20)) for _ in range(n)]
    if tiny:
        v[rng.randrange(n)] = F(1, 10 ** rng.choice([8, 20, 40]))
    s = sum(v)
    out = [x / s for x in v]
    return out


def random_setups(rng, count):
    """Exact finite setups: about half adversarial (tiny masses, near ties, huge denominators)."""
    out = []
    for k in range(count):
        m, n = rng.randint(1, 3), rng.randint(2, 4)
        ws = [[F(rng.randint(1, 30), 30) for _ in range(n)] for _ in range(m)]
        kind = k % 4
        if kind == 1 and n >= 2:  # near tie between two atoms' reward vectors
            ws = [[*w[:-1], w[0] + F(1, 10 ** 30)] for w in ws]
        q = _simplex(rng, m)
        p0 = _simplex(rng, n, tiny=kind == 2, huge=kind == 3)
        out.append(Landscape(exp_rewards=ws, weights=q, p0=p0))
    return out


def one_reward_setups(rng, count, ties=False):
    """One reward on 2-3 atoms; with ``ties``, some with a tied argmax or p0 = 0 on the argmax."""
    out = []
    for k in range(count):
        n = rng.randint(2, 3)
        w = [F(rng.randint(1, 30), 30) for _ in range(n)]
        p0 = _simplex(rng, n, tiny=k % 2 == 1)
        if ties and k % 4 == 2:
            w[-1] = max(w)  # a tied argmax
        if ties and k % 4 == 3:
            top = max(range(n), key=lambda x: w[x])
            p0 = [F(0) if x == top else F(1, n - 1) for x in range(n)]  # p0 misses the argmax
        out.append(Landscape(exp_rewards=[w], weights=[1], p0=p0))
    return out


# [FALA26]-style near-optimum: F* - F(p_5) is about +1.7e-47 (an old certified false FAILS)
NEAR_OPTIMUM = Landscape(**json.loads((pathlib.Path(__file__).with_name("setups") / "near_optimum.json").read_text()))


ADVERSARIAL = [
    NEAR_OPTIMUM,
    Landscape(exp_rewards=[["1", "1/100", "101/200"], ["1/100", "1", "101/200"]], weights=["1/2", "1/2"],
              p0=["1/3", "1/3", "1/3"]),  # p0 is an exact fixed point; the maximiser set is a segment
    Landscape(exp_rewards=[["1", "1/2", "1/5"], ["1/5", "1/2", "1"]], weights=["1/2", "1/2"],
              p0=["1/10000000000000000000000000000000000000000", "1/2", "4999999999999999999999999999999999999999/10000000000000000000000000000000000000000"]),
]


def _nash_reference(claim_id, L, ev, steps=12):
    """The reference verdict of nash-limit (and its controls) on L over the check's horizon."""
    q, ws = L.weights, L.exp_rewards
    ps = [list(L.p0)]
    for _ in range(steps):
        nxt = ref_step(ps[-1], ws, q)
        if nxt == ps[-1]:
            break
        ps.append(nxt)
        if max(v.denominator.bit_length() for v in nxt) > 20000:
            break
    T = int(ev.get("steps", steps))
    ps = ps[:T + 1]
    tol = mpmath.mpf(10) ** (-REF_DPS + 10)
    if claim_id == "nash-limit~utilitarian-ascent":
        U = [sum((qi * z for qi, z in zip(q, ref_Z(p, ws))), F(0)) for p in ps]
        return "FAILS" if any(b < a for a, b in zip(U, U[1:])) else "HOLDS"
    with mpmath.workdps(REF_DPS):
        Fs = [ref_F(q, ref_Z(p, ws)) for p in ps]
        signs = [ref_sign(b - a, tol) for a, b in zip(Fs, Fs[1:])]
        if -1 in signs:
            return "FAILS"  # cannot happen for the true dynamics: F ascends ([FALA26] Theorem 3.7's proof)
        if None in signs and any(ps[k] != ps[k + 1] for k in range(len(ps) - 1) if signs[k] is None):
            return None
        if claim_id == "nash-limit":
            return "HOLDS"  # F(p_T) <= F* = max F holds by definition; the engine's HOLDS adds its KKT check
        predicted = _PREDICTED.get(claim_id)
        if predicted is None:
            return None
        Zp = predicted(L)
        gap = ref_F(q, Zp) - Fs[-1]
        s = ref_sign(gap, tol)
        return "FAILS" if s == -1 else None  # F(predicted) < F(p_T) <= F*: the prediction is not the limit


def _predict_each_best(L):
    # each reward's own optimum: Z_i = max_x w_i(x) over supp p0
    return [max(w[x] for x in range(L.n) if L.p0[x]) for w in L.exp_rewards]


def _predict_scalarised(L):
    # collapse onto the best atom of Σ q_i r_i
    with mpmath.workdps(REF_DPS):
        score = {x: sum(_mp(qi) * mpmath.log(_mp(w[x])) for qi, w in zip(L.weights, L.exp_rewards))
                 for x in range(L.n) if L.p0[x]}
    best = max(score, key=lambda x: score[x])
    return [w[best] for w in L.exp_rewards]


_PREDICTED = {"nash-limit~each-reward-optimal": _predict_each_best,
              "nash-limit~scalarised-collapse": _predict_scalarised}


def ref_box_consistent(q, ws, p0, Z, radius, steps=300):
    """Whether a box Z ± radius can hold Z*: F over the box must meet the bracket of F*."""
    lo, hi, _ = ref_fw_bracket(q, ws, p0, steps)
    with mpmath.workdps(REF_DPS):
        box_lo = [_mp(z) - _mp(r) for z, r in zip(Z, radius)]
        box_hi = [_mp(z) + _mp(r) for z, r in zip(Z, radius)]
        if min(box_lo) <= 0:
            return True, "box reaches 0 (no constraint)"
        F_lo, F_hi = ref_F(q, box_lo), ref_F(q, box_hi)
        slack = mpmath.mpf(10) ** (-REF_DPS + 10)
        # F increases in every Z_i, so F(box) = [F_lo, F_hi] must meet [lo, hi] ∋ F*
        return bool(F_hi >= lo - slack and F_lo <= hi + slack), f"F range [{F_lo}, {F_hi}] vs F* in [{lo}, {hi}]"


# [FALA26] Lemma 3.2 / [FERB24] Lemma 2.2 and their planted limits, written out again
_KERNEL_LIMITS = {
    "lemma-3.2": lambda p, w: [v / sum(a * b for a, b in zip(p, w)) for v in w],
    "ferbach-lemma-2.2": lambda p, w: [v / sum(a * b for a, b in zip(p, w)) for v in w],
    "lemma-3.2~limit-best": lambda p, w: [v / max(b for a, b in zip(p, w) if a) for v in w],
    "ferbach-lemma-2.2~limit-best": lambda p, w: [v / max(b for a, b in zip(p, w) if a) for v in w],
    "lemma-3.2~limit-uniform-mean": lambda p, w: [v * len(w) / sum(w) for v in w],
    "ferbach-lemma-2.2~limit-tempered": lambda p, w: [v * v / sum(a * b * b for a, b in zip(p, w)) for v in w],
}


# [FERB24] Theorem 2.1 as recalled, its increment bounds and limits, written out again
_FERB_BOUNDS = {
    "": lambda mu, var, top, K: (1 if K is None else F(K - 1, K)) * var / top,
    "~coefficient-1": lambda mu, var, top, K: var / top,
    "~mean-denominator": lambda mu, var, top, K: (1 if K is None else F(K - 1, K)) * var / mu,
    "~uniform-limit": lambda mu, var, top, K: (1 if K is None else F(K - 1, K)) * var / top,
}


def ref_ferbach_theorem(L, suffix, ess_sup=False):
    """The reference verdict: (1) the increment bound over the check's horizon (3 large-K rounds, 2
    finite-K rounds, p_t exact: Eq. 5 or the brute-force kept-candidate law); (2) p0(argmax) = 0
    fails, since p_t stays off supp p0; (3) the limit is p0(. | argmax) (p_t(y)/p_t(x*) -> 0 off the
    argmax, ratios kept on it), against the claimed one.  ``ess_sup``: r* is the largest reward on
    supp p0 ([FERB24]'s ess sup), not the largest over every atom."""
    w, p0, K = L.exp_rewards[0], list(L.p0), L.K
    top = max(v for v, a in zip(w, p0) if a) if ess_sup else max(w)
    A = [x for x, v in enumerate(w) if v == top]
    p = p0
    for _ in range(3 if K is None else 2):
        mu = sum((a * b for a, b in zip(p, w)), F(0))
        var = sum((a * (b - mu) ** 2 for a, b in zip(p, w)), F(0))
        nxt = ref_step(p, [w], [F(1)]) if K is None else ref_kept_law(p, [w], [F(1)], K)
        if sum((a * b for a, b in zip(nxt, w)), F(0)) - mu < _FERB_BOUNDS[suffix](mu, var, top, K):
            return "FAILS"
        p = nxt
    mass = sum((p0[x] for x in A), F(0))
    if mass == 0:
        return "FAILS"
    limit = [p0[x] / mass if x in A else F(0) for x in range(len(w))]
    if suffix == "~uniform-limit":
        charged = [x for x in A if p0[x]]
        claimed = [F(1, len(charged)) if x in charged else F(0) for x in range(len(w))]
        return "HOLDS" if claimed == limit else "FAILS"
    return "HOLDS"


def _iv_ends(x):
    out = []
    for sign, man, exp, _ in x._mpi_:
        v = F(man) * F(2) ** exp
        out.append(-v if sign else v)
    return out


def _contains(x, value, dps):
    lo, hi = _iv_ends(x)
    with mpmath.workdps(dps):
        return bool(_mp(lo) <= value <= _mp(hi))


def two_basin_setups(rng, count, wide=False):
    """Two rewards with a basin width: exact rewards with eps, or exp_rewards with exp_eps; about half
    with nearly equal utilities (a gap of 1e-30) or tiny basin masses."""
    out = []
    for k in range(count):
        n = rng.randint(2, 5)
        p0 = _simplex(rng, n, tiny=k % 3 == 1)
        if k % 2:
            rows = [[F(rng.randint(0, 20), 10) for _ in range(n)] for _ in range(2)]
            if wide:  # well-separated basins, so that κ_i < 1 and q's range come into play
                rows = [[F(rng.choice([0, 1, 2, 30, 31])) + F(rng.randint(0, 9), 10) for _ in range(n)] for _ in range(2)]
            if k % 4 == 3:
                rows[1][0] = rows[1][-1] + F(1, 10 ** 30)
            out.append(Landscape(rewards=rows, weights=_simplex(rng, 2), p0=p0, eps=F(rng.randint(1, 5), 10)))
        else:
            rows = [[F(rng.randint(1, 30), 30) for _ in range(n)] for _ in range(2)]
            out.append(Landscape(exp_rewards=rows, weights=_simplex(rng, 2), p0=p0,
                                 exp_eps=F(rng.randint(1, 9), 10)))
    return out


def _continuous_reference(L, steps, dps):
    """Z_i(t), ball masses and the outside mass for t = 0..steps in one dimension, by quadrature
    of the explicit densities p_{t+1} = p_t Σ_i q_i e^{r_i} / Z_i(t), r_i = -β (x - μ_i)²."""
    from pluralnash.numeric.engines.continuous import Uniform

    with mpmath.workdps(dps):
        beta = _mp(L.beta)
        mus = [_mp(c[0]) for c in L.mu]
        q = [_mp(v) for v in L.weights]
        rho = mpmath.sqrt(_mp(L.radius_squared))
        if isinstance(L.init, Uniform):
            lo, hi = _mp(L.init.low), _mp(L.init.high)
            height = 1 / (hi - lo)
            p0 = lambda x: height  # noqa: E731
        else:
            m0, v0 = _mp(L.init.mean[0]), _mp(L.init.var)
            p0 = lambda x: mpmath.exp(-(x - m0) ** 2 / (2 * v0)) / mpmath.sqrt(2 * mpmath.pi * v0)  # noqa: E731
            lo, hi = mpmath.mpf("-inf"), mpmath.mpf("inf")
        cuts = sorted({lo, hi, *[c + s * rho for c in mus for s in (-1, 1)], *mus})
        cuts = [c for c in cuts if lo <= c <= hi]

        def integrate(f, a, b):
            pts = [a] + [c for c in cuts if a < c < b] + [b]
            return mpmath.quad(f, pts)

        dens, out = p0, []
        for t in range(steps + 1):
            Z = [integrate(lambda x, c=c: dens(x) * mpmath.exp(-beta * (x - c) ** 2), lo, hi) for c in mus]
            balls = [(max(lo, c - rho), min(hi, c + rho)) for c in mus]
            masses = [integrate(dens, a, b) for a, b in balls]
            # the union of the balls, as disjoint intervals
            union, total_in = sorted(balls), mpmath.mpf(0)
            merged = []
            for a, b in union:
                if merged and a <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
                else:
                    merged.append((a, b))
            total_in = mpmath.fsum(integrate(dens, a, b) for a, b in merged)
            out.append({"Z": Z, "masses": masses, "outside": 1 - total_in})
            dens = (lambda d, Z: lambda x: d(x) * mpmath.fsum(
                qi * mpmath.exp(-beta * (x - c) ** 2) / z for qi, c, z in zip(q, mus, Z)))(dens, Z)
        return out


CONTINUOUS = [
    dict(mu=[0, "1/10"], weights=["1/2", "1/2"], init=("gaussian", 0, 1), eps="1/100"),  # overlapping balls
    dict(mu=[0, "1/10"], weights=["1/3", "2/3"], init=("uniform", -1, 1), eps="1/100"),  # overlapping balls
    dict(mu=["-1", "1"], weights=["1/4", "3/4"], init=("uniform", -2, 3), eps="1/10"),
    dict(mu=["-1/2", "3/4"], weights=["2/5", "3/5"], init=("gaussian", "1/5", "3/2"), eps="1/4"),
]


def ref_mixing_fixed_point(L, start, dps=REF_DPS):
    r"""Z* and p* of the mixed map p -> (1 - λ) ρ + λ p W_p on S = supp ρ, at ``dps`` digits.

    p*(x) = (1 - λ) ρ(x) / (1 - λ Σ_j q_j v_j(x) / Z_j) and Z_i = Σ_S p*(x) v_i(x).  One reward: the
    normalisation Σ p* = 1 is decreasing in Z on Z > λ max_S v, so it is solved by bisection; several:
    mpmath's findroot (Newton) from ``start``, its residual checked.  Returns (Z, p) or None.
    """
    lam, rho, q, V = L.lam, L.reference, L.weights, L.exp_rewards
    S = [x for x in range(L.n) if rho[x]]
    with mpmath.workdps(dps):
        lm = _mp(lam)

        def p_of(Z):
            return [(1 - lm) * _mp(rho[x]) / (1 - lm * mpmath.fsum(_mp(qj) * _mp(V[j][x]) / Z[j]
                                                                 for j, qj in enumerate(q))) if x in S else 0
                    for x in range(L.n)]

        if lam == 0:  # p* = ρ
            Z = [mpmath.fsum(_mp(rho[x]) * _mp(V[i][x]) for x in S) for i in range(L.m)]
        elif L.m == 1:
            lo = lm * max(_mp(V[0][x]) for x in S)
            hi = max(_mp(V[0][x]) for x in S) + 1
            for _ in range(4 * dps):
                mid = (lo + hi) / 2
                if mpmath.fsum(p_of([mid])) > 1:
                    lo = mid
                else:
                    hi = mid
            Z = [(lo + hi) / 2]
        else:
            def phi(*Z):
                p = p_of(Z)
                return [mpmath.fsum(p[x] * _mp(V[i][x]) for x in S) - Z[i] for i in range(L.m)]

            try:
                Z = list(mpmath.findroot(phi, [_mp(z) for z in start]))
            except (ValueError, ZeroDivisionError):
                return None
            if max(abs(v) for v in phi(*Z)) > mpmath.mpf(10) ** (-dps + 10):
                return None
        return Z, p_of(Z)


def ref_outside_masses(L, steps, dps=REF_DPS):
    """m_0, ..., m_steps: p_t(X minus S_1 ∪ S_2) along the large-K dynamics, with a tolerance.

    Exact Fractions in the exp form (exp_rewards, exp_eps); in the log form (rewards, eps) the basins
    are exact and the steps run at ``dps`` digits with w = e^r (tolerance 10^-(dps-10)).  Returns
    (masses, tol) or None for the mixed forms.
    """
    if L.exp_rewards is not None and L.exp_eps is not None:
        rows = L.exp_rewards
        S = {x for r in rows for x, v in enumerate(r) if v >= L.exp_eps * max(r)}
        p, out = list(L.p0), []
        for t in range(steps + 1):
            out.append(sum((p[x] for x in range(L.n) if x not in S), F(0)))
            p = ref_step(p, rows, L.weights)
        return out, 0
    if L.rewards is not None and L.eps is not None:
        rows = L.rewards
        S = {x for r in rows for x, v in enumerate(r) if max(r) - v <= L.eps}
        with mpmath.workdps(dps):
            ws = [[mpmath.exp(_mp(v)) for v in r] for r in rows]
            q = [_mp(v) for v in L.weights]
            p, out = [_mp(v) for v in L.p0], []
            for t in range(steps + 1):
                out.append(mpmath.fsum(p[x] for x in range(L.n) if x not in S))
                Z = [mpmath.fsum(a * b for a, b in zip(p, w)) for w in ws]
                p = [a * mpmath.fsum(qi * w[x] / z for qi, w, z in zip(q, ws, Z)) for x, a in enumerate(p)]
            return out, mpmath.mpf(10) ** (-dps + 10)
    return None


def ref_collapse(L, dps=REF_DPS):
    """The truth of the collapse question and the planted predictions, by hand.

    Groups: atoms of supp p0 with one reward vector (rewards with q_i > 0), in order of first atom.
    δ_g maximises F over supp p0 iff W_{δ_g}(y) = Σ_i q_i w_i(y) / w_i(g) <= 1 on supp p0 (KKT; F is
    concave), uniquely when W < 1 off g; the dynamics converge to argmax F.  Returns
    {"truth": ("collapse", atoms) | ("spread", None), "scalarised": ..., "never-plural": ...}, or None
    when a W is within the tolerance of 1 (ties: the reference abstains).
    """
    act = [i for i, qi in enumerate(L.weights) if qi > 0]
    exact = L.exp_rewards is not None
    src = L.exp_rewards if exact else L.rewards
    groups: dict = {}
    for x in range(L.n):
        if L.p0[x]:
            groups.setdefault(tuple(src[i][x] for i in act), []).append(x)
    keys, atoms = list(groups), [tuple(v) for v in groups.values()]
    tol = mpmath.mpf(10) ** (-dps + 10)
    with mpmath.workdps(dps):
        def W(g, h):
            if exact:
                return sum((L.weights[i] * keys[h][k] / keys[g][k] for k, i in enumerate(act)), F(0))
            return mpmath.fsum(_mp(L.weights[i]) * mpmath.exp(_mp(keys[h][k] - keys[g][k])) for k, i in enumerate(act))

        passing, tie = [], False
        for g in range(len(keys)):
            vals = [W(g, h) for h in range(len(keys)) if h != g]
            if exact:
                tie |= any(v == 1 for v in vals)
                ok = all(v < 1 for v in vals)
            else:
                tie |= any(abs(v - 1) <= tol for v in vals)
                ok = all(v < 1 - tol for v in vals)
            if ok:
                passing.append(g)
        if tie:
            return None
        truth = ("collapse", atoms[passing[0]]) if passing else ("spread", None)
        if exact:
            score = [mpmath.fsum(_mp(L.weights[i]) * mpmath.log(_mp(key[k])) for k, i in enumerate(act)) for key in keys]
        else:
            score = [mpmath.fsum(_mp(L.weights[i] * key[k]) for k, i in enumerate(act)) for key in keys]
        top = max(score)
        near = [g for g, s in enumerate(score) if top - s <= tol]
        if len(near) > 1 and any(score[g] != top for g in near):
            return None  # a near tie the reference cannot order
        scalarised = ("collapse", atoms[near[0]])
        never = ("spread", None) if len(act) >= 2 and len(keys) >= 2 else truth
    return {"truth": truth, "scalarised": scalarised, "never-plural": never, "no-uniqueness": truth}
