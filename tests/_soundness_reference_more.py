r"""Independent references for [FALA26] Lemmas 3.3-3.5 and Theorem 3.6 in the Appendix C.4 geometry
(``lemma-3.3-continuous``, ``lemma-3.4-continuous``, ``lemma-3.5-continuous``, ``theorem-3.6-continuous``)
and for the toolkit's ``rate-tie`` and ``plateau-sensitivity``.

Written apart from the code under test, which they never call; only the comparisons (``diff_*``) run the
claims' premises and instance checks, and read from their evidence the number a statement claims.

The continuous geometry (r_i(x) = -β (x - μ_i)², weights (q, 1 - q), p_0 uniform on [lo, hi] with
lo < μ_1 < μ_2 < hi): the large-K limit p* maximises F(p) = q log Z_1 + (1 - q) log Z_2 over measures on
[lo, hi], Z_i = E_p[g_i], g_i = e^{r_i}.  The engine derives p* in closed form (the root of u = tanh(c u));
this reference never uses that form.  It tries the single atom at the maximiser x_0 = q μ_1 + (1 - q) μ_2
of q r_1 + (1 - q) r_2 (exact), and otherwise solves the KKT system of two atoms x < y by Newton's method
at ``DPS`` digits (W*(x) = W*(y) = 1, W*'(x) = W*'(y) = 0 with W* = A g_1 + B g_2, in the logarithms of the
atoms' offsets from the modes, started from mirrored atoms), the weights then from Z_i = q_i/A_i.  Either answer is kept only when the KKT certificate holds
numerically: W* <= 1 on [lo, hi] (its local maxima located on a grid and refined), which for a concave F
makes p* the maximiser.  Basins S_i = [μ_i - ρ, μ_i + ρ], ρ² = ε/β; the outside slope is log of the
supremum of W* off S_ε.  Orders are decided with a margin of 10^-50, else the reference abstains.

``rate-tie``: the run of the large-K map (at ``DPS`` digits, atoms grouped by reward vector) names the
limit's group g (mass -> 1) and the tied group y (the slowest to vanish, decaying sublinearly); then
V = lim_{ε -> 0} (1/ε)(1/W_{p_ε}(y) - 1) on p_ε = (1 - ε) δ_g + ε δ_y, evaluated at ε = ``PROBE``.

``plateau-sensitivity``: the exact limits at the moved weights and gaps by the brute-force KKT search of
tests/_soundness_reference_basins.py, and the moves compared exactly with the claimed constants.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache, wraps

import mpmath
from pluralnash_soundness_reference_basins import F, _certified, _mp, ref_two_reward_limit

import pluralnash

DPS = 80  # the continuous engine works at 128 bits (about 38 digits): twice that, and guard digits
MARGIN = 50  # orders within 10^-MARGIN of a boundary make the reference abstain
PROBE = F(1, 10 ** 30)  # ε of the tie probe: V is read off with an error O(ε)
RUN_STEPS = 3000  # rounds of the large-K run that names the tie's groups
GAP_FACTOR = F(7, 8)  # plateau-sensitivity moves each k_i to 7 k_i / 8


def _tol():
    return mpmath.mpf(10) ** -MARGIN


def _sign(x):
    """+1, -1, or None within 10^-MARGIN of 0 (an exact 0 Fraction is 0)."""
    if isinstance(x, F):
        return (x > 0) - (x < 0)
    return 1 if x > _tol() else -1 if x < -_tol() else None


# ----------------------------------------------------------------------------------------------
# the continuous geometry: the limit by direct maximisation and its KKT certificate


def _geometry(L):
    """(β, q, μ_1, μ_2, lo, hi, ε) with μ_1 < μ_2, or None (not two centres on a line with a uniform start
    strictly wider than [μ_1, μ_2], where every maximiser's atoms lie)."""
    if getattr(L, "init", None) is None or not hasattr(L.init, "low") or L.eps is None or len(L.mu) != 2:
        return None
    if len(L.mu[0]) != 1:
        return None
    (m1,), (m2,) = L.mu
    q = F(L.weights[0])
    if m1 > m2:
        m1, m2, q = m2, m1, 1 - q
    lo, hi = F(L.init.low), F(L.init.high)
    if not (lo < m1 < m2 < hi):
        return None
    return F(L.beta), q, F(m1), F(m2), lo, hi, F(L.eps)


def _gs(geo):
    beta, _, m1, m2 = geo[:4]
    b, c1, c2 = _mp(beta), _mp(m1), _mp(m2)
    g1 = lambda x: mpmath.exp(-b * (x - c1) ** 2)  # noqa: E731
    g2 = lambda x: mpmath.exp(-b * (x - c2) ** 2)  # noqa: E731
    return g1, g2, b, c1, c2


def _maxima(f, df, a, b, n=120):
    """[(x, f(x))] at the ends of [a, b] and its interior local maxima (sign changes of df on a grid,
    refined by bisection)."""
    a, b = _num(a), _num(b)
    xs = [a + (b - a) * k / n for k in range(n + 1)]
    ds = [df(x) for x in xs]
    out = [(a, f(a)), (b, f(b))]
    for k in range(n):
        if ds[k] > 0 >= ds[k + 1]:
            lo, hi = xs[k], xs[k + 1]
            for _ in range(4 * DPS):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if df(mid) > 0 else (lo, mid)
                if hi - lo < mpmath.mpf(10) ** -(DPS - 5):
                    break
            out.append(((lo + hi) / 2, f((lo + hi) / 2)))
    return out


def _w_star(geo, A, B):
    g1, g2, b, c1, c2 = _gs(geo)
    W = lambda x: A * g1(x) + B * g2(x)  # noqa: E731
    dW = lambda x: -2 * b * (A * (x - c1) * g1(x) + B * (x - c2) * g2(x))  # noqa: E731
    return W, dW


def _kkt_ok(geo, A, B, atoms):
    """True when W* <= 1 on [lo, hi] up to 10^-60 and every local maximum other than the atoms is below
    1 - 10^-MARGIN; None when some other point ties within the margin (a degenerate setup)."""
    W, dW = _w_star(geo, A, B)
    for x, v in _maxima(W, dW, geo[4], geo[5]):
        if v > 1 + mpmath.mpf(10) ** -60:
            return False
        if any(abs(x - _num(z)) < mpmath.mpf(10) ** -20 for z in atoms):
            continue
        if v > 1 - _tol():
            return None
    return True


def _offset_equations(geo):
    r"""The KKT system of two atoms x = μ_1 + e^{ℓ_1}, y = μ_2 - e^{ℓ_2} in the offsets' logarithms: both are critical
    points of A g_1 + B g_2 with the same t = B/A, s(x) = s(y), s(z) = log t(z), and both reach the same value,
    log h(x) = log h(y), where h(z) = g_1(z) + t(z) g_2(z) = g_1(z) D/(μ_2 - z)."""
    b, D = _mp(geo[0]), _mp(geo[3] - geo[2])
    log = mpmath.log

    def eqs(l1, l2):  # in the offsets d_1 = x - μ_1, d_2 = μ_2 - y, which keep their digits when tiny
        d1, d2 = mpmath.exp(l1), mpmath.exp(l2)
        s_x = l1 - log(D - d1) - b * d1 ** 2 + b * (D - d1) ** 2
        s_y = log(D - d2) - l2 - b * (D - d2) ** 2 + b * d2 ** 2
        return [s_x - s_y, (-b * d1 ** 2 - log(D - d1)) - (-b * (D - d2) ** 2 - l2)]

    return eqs


def _mirror_offset(geo):
    """A start for Newton's method: the offset d of mirrored atoms μ_1 + d, μ_2 - d with log h(x) = log h(y),
    by bisection on log d (None when the values do not bracket a root below D/2)."""
    b, D = _mp(geo[0]), _mp(geo[3] - geo[2])

    def f(d):
        return mpmath.log(d) + b * (D - d) ** 2 - b * d ** 2 - mpmath.log(D - d)

    hi = D / 2 * (1 - mpmath.mpf(2) ** -10)
    lo = D * mpmath.mpf(10) ** -(DPS // 2)
    if not (f(lo) < 0 < f(hi)):
        return None
    for _ in range(4 * DPS):
        mid = mpmath.sqrt(lo * hi)
        lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
    return lo


def _mixture(geo):
    """((x, w_x), (y, w_y)), A, B of the two-atom KKT point by Newton's method at DPS digits, or None."""
    q = _mp(geo[1])
    d = _mirror_offset(geo)
    if d is None:
        return None
    try:
        l1, l2 = mpmath.findroot(_offset_equations(geo), (mpmath.log(d), mpmath.log(d)),
                                 tol=mpmath.mpf(10) ** -(2 * DPS - 40), maxsteps=60)
    except (ValueError, ZeroDivisionError):
        return None
    b, D, c1, c2 = _mp(geo[0]), _mp(geo[3] - geo[2]), _mp(geo[2]), _mp(geo[3])
    d1, d2 = mpmath.exp(l1), mpmath.exp(l2)
    g1x, g2x, g1y, g2y = (mpmath.exp(-b * v ** 2) for v in (d1, D - d1, D - d2, d2))
    t = d1 * g1x / ((D - d1) * g2x)  # from the offsets, which keep their digits when tiny
    A = 1 / (g1x + t * g2x)
    B = t * A
    a = (q / A - g1y) / (g1x - g1y)
    x, y = c1 + d1, c2 - d2
    if abs(a * g2x + (1 - a) * g2y - (1 - q) / B) > mpmath.mpf(10) ** -(DPS - 20) * (1 - q) / B:
        return None
    return ((x, a), (y, 1 - a)), A, B


@lru_cache(maxsize=256)
def ref_continuous_limit(L):
    """{"atoms": [(x, w)], "A", "B", "geo"} of p*, certified by its KKT conditions at DPS digits, or None."""
    geo = _geometry(L)
    if geo is None:
        return None
    beta, q, m1, m2 = geo[:4]
    with mpmath.workdps(DPS):
        x0 = q * m1 + (1 - q) * m2  # the single atom maximising q r_1 + (1 - q) r_2, exactly
        g1, g2, *_ = _gs(geo)
        A, B = _mp(q) / g1(_mp(x0)), _mp(1 - q) / g2(_mp(x0))
        ok = _kkt_ok(geo, A, B, [x0])
        if ok:
            return {"atoms": [(x0, F(1))], "A": A, "B": B, "geo": geo}
        if ok is None:
            return None
        mix = _mixture(geo)
        if mix is None or not (0 < mix[0][0][1] < 1):
            return None
        atoms, A, B = mix
        if _kkt_ok(geo, A, B, [x for x, _ in atoms]) is not True:
            return None
        return {"atoms": list(atoms), "A": A, "B": B, "geo": geo}


def _inside(d2, r2):
    """Whether an atom at squared distance d2 lies inside the open ball of squared radius r2 (True), outside the
    closed one (False), or None within the margin."""
    s = _sign(d2 - r2) if isinstance(d2, F) else _sign(d2 - _mp(r2))
    return None if s in (0, None) else s < 0


def _masses(lim):
    """(a_∞, b_∞, m_∞) = p*(S_1), p*(S_2), p*(X \\ S_ε); a mass is a Fraction when every atom is exact."""
    beta, _, m1, m2, _, _, eps = lim["geo"]
    out = [F(0), F(0), F(0)]
    for x, w in lim["atoms"]:
        sides = [_inside((x - mu) ** 2 if isinstance(x, F) else (x - _mp(mu)) ** 2, eps / beta) for mu in (m1, m2)]
        if None in sides:
            return None
        k = 0 if sides[0] else 1 if sides[1] else 2
        out[k] = out[k] + w
    return tuple(out)


def _slope(lim):
    """lim log(m_t)/t: 0 when m_∞ > 0, else log sup of W* off S_ε (at DPS digits)."""
    masses = _masses(lim)
    if masses is None:
        return None
    if masses[2] != 0:
        return mpmath.mpf(0)
    beta, _, m1, m2, lo, hi, eps = lim["geo"]
    W, dW = _w_star(lim["geo"], lim["A"], lim["B"])
    rho = mpmath.sqrt(_mp(eps / beta))
    pieces = [(_mp(lo), _mp(m1) - rho), (_mp(m1) + rho, _mp(m2) - rho), (_mp(m2) + rho, _mp(hi))]
    return mpmath.log(max(v for a, b in pieces if a < b for _, v in _maxima(W, dW, a, b)))


def _kappa(geo, b5=False):
    beta, _, m1, m2, _, _, eps = (_mp(v) for v in geo)
    delta = beta * (m2 - m1 - mpmath.sqrt(eps / beta)) ** 2 + (eps if b5 else 0)
    return delta, mpmath.exp(2 * eps - delta)


def _within(a, lo, hi):
    """'HOLDS' when lo <= a <= hi, 'FAILS' when outside, None within the margin; an exact side (a Fraction a
    against a Fraction end) is decided exactly."""
    sides = [_sign(a - lo) if isinstance(a, F) and isinstance(lo, F) else _sign(_num(a) - _num(lo)),
             _sign(hi - a) if isinstance(a, F) and isinstance(hi, F) else _sign(_num(hi) - _num(a))]
    if -1 in sides:
        return "FAILS"
    return None if None in sides else "HOLDS"


def _num(v):
    return _mp(v) if isinstance(v, F) else v


def _leakage_ends(geo, variant):
    """Lemma 3.4's interval [max{0, (q - κ)/(1 - κ)}, min{1, q/(1 - κ)}] (the Nash point {q} for ~nash-point)."""
    q = geo[1]
    if variant == "nash-point":
        return q, q
    _, kappa = _kappa(geo)
    lower, upper = (_mp(q) - kappa) / (1 - kappa), _mp(q) / (1 - kappa)
    lo = F(0) if lower < -_tol() else lower
    hi = F(1) if upper > 1 + _tol() else upper
    return lo, hi


def _on_limit(f):
    """``f(limit, masses, variant)`` as a reference ``(L, variant)`` at DPS digits; None where the limit is not found."""
    @wraps(f)
    def run(L, variant=""):
        with mpmath.workdps(DPS):
            lim = ref_continuous_limit(L)
            masses = None if lim is None else _masses(lim)
            return None if masses is None else f(lim, masses, variant)
    return run


def _interior(a):
    """0 < a < 1: exact for a Fraction, else with the margin."""
    if isinstance(a, F):
        return "HOLDS" if 0 < a < 1 else "FAILS"
    return "HOLDS" if _tol() < a < 1 - _tol() else None


@_on_limit
def ref_decay(lim, masses, variant):
    """lemma-3.3-continuous (m_∞ = 0), ~outside-collapse (m_∞ = 1), ~rate-eps (slope <= -ε)."""
    m = masses[2]
    if variant == "rate-eps":
        slope = _slope(lim)
        s = None if slope is None else _sign(slope + _mp(lim["geo"][6]))
        return None if s is None else "HOLDS" if s < 0 else "FAILS"
    target = 1 if variant == "outside-collapse" else 0
    if isinstance(m, F):
        return "HOLDS" if m == target else "FAILS"
    return "FAILS" if abs(m - target) > _tol() else None


@_on_limit
def ref_leakage(lim, masses, variant):
    """Lemma 3.4's interval (or ~nash-point's {q}) against a_∞."""
    return _within(masses[0], *_leakage_ends(lim["geo"], variant))


@_on_limit
def ref_non_collapse(lim, masses, variant):
    """Lemma 3.5 (the same for ~dropped-q-range, which only drops a premise): Lemma 3.4's interval, then 0 < a < 1."""
    first = _within(masses[0], *_leakage_ends(lim["geo"], ""))
    return first if first != "HOLDS" else _interior(masses[0])


def _variance(atoms, beta, mu):
    """Var_{p*}[r_i] = Σ_{j<k} w_j w_k (r_i(x_j) - r_i(x_k))² of an atomic p*."""
    r = [-_mp(beta) * (_num(x) - _mp(mu)) ** 2 for x, _ in atoms]
    w = [_num(v) for _, v in atoms]
    return mpmath.fsum(w[j] * w[k] * (r[j] - r[k]) ** 2 for j in range(len(r)) for k in range(j + 1, len(r)))


@_on_limit
def ref_variance(lim, masses, variant):
    """Theorem 3.6 (B.5 constants), ~modes-gap (a(1 - a) β² D⁴), ~unweighted (no a(1 - a))."""
    a = masses[0]
    geo = lim["geo"]
    beta, _, m1, m2 = geo[:4]
    delta, _ = _kappa(geo, b5=True)
    gap = max(delta - 2 * _mp(geo[6]), 0)
    weight = a * (1 - a)
    bound = {"": weight * gap ** 2, "modes-gap": weight * _mp(beta * (m2 - m1) ** 2) ** 2,
             "unweighted": gap ** 2}[variant]
    if len(lim["atoms"]) == 1 and weight == 0 and variant != "unweighted":
        return "HOLDS"  # Var = 0 >= 0 = bound, exactly
    signs = [_sign(_variance(lim["atoms"], beta, mu) - bound) for mu in (m1, m2)]
    if -1 in signs:
        return "FAILS"
    return None if None in signs else "HOLDS"


CONTINUOUS_REFERENCES = {"lemma-3.3-continuous": ref_decay, "lemma-3.4-continuous": ref_leakage,
                         "lemma-3.5-continuous": ref_non_collapse, "theorem-3.6-continuous": ref_variance}


def _premise_reference(name, L):
    """The continuous claims' limit premises: 'm_t -> 0' and 'a_inf in (0, 1)'; None for the others."""
    if name == "m_t -> 0":
        return ref_decay(L)
    return _a_interior(L) if name == "a_inf in (0, 1)" else None


@_on_limit
def _a_interior(lim, masses, variant):
    return _interior(masses[0])


def _run(c, check, L, tally):
    from pluralnash.theory import InvalidArgument, SolverError

    try:
        return check(L)
    except (InvalidArgument, SolverError) as exc:
        tally.engine_errors.append(f"{c.id} on {L.to_json()}: {exc}")
        return None


def diff_continuous_lemma(claim_id, setups, tally):
    """Each certified verdict of a continuous lemma, its variants and its limit premises against the reference."""
    claim = pluralnash.get_claim(claim_id)
    reference = CONTINUOUS_REFERENCES[claim_id]
    for L in setups:
        for c in (claim, *claim.controls):
            res = _run(c, c.instance, L, tally)
            if res is not None and _certified(res) is not None:
                variant = c.id.split("~")[1] if "~" in c.id else ""
                variant = "" if variant == "dropped-q-range" else variant
                tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", _certified(res), reference(L, variant))
        for p in claim.premises:
            res = None if p.check is None else _run(claim, p.check, L, tally)
            if res is not None and _certified(res) is not None and (want := _premise_reference(p.name, L)):
                tally.compare(f"premise {p.name} of {claim_id} on {L.to_json()}", _certified(res), want)


# ----------------------------------------------------------------------------------------------
# rate-tie: the tie's constant from the map itself


def _grouped(L):
    """(reward vectors, masses of p_0) with atoms of equal reward vectors grouped (exp form), or None."""
    if L.exp_rewards is None or L.m != 2:
        return None
    groups = {}
    for x in range(L.n):
        key = (F(L.exp_rewards[0][x]), F(L.exp_rewards[1][x]))
        groups[key] = groups.get(key, F(0)) + F(L.p0[x])
    keys = [k for k, v in groups.items() if v > 0]
    return keys, [groups[k] for k in keys]


def _step(vecs, p, q):
    Z = [mpmath.fsum(a * _mp(v[i]) for a, v in zip(p, vecs)) for i in range(2)]
    W = [mpmath.fsum(_mp(qi) * _mp(v[i]) / Z[i] for i, qi in enumerate(q)) for v in vecs]
    return [a * w for a, w in zip(p, W)], W


def ref_tie_constant(L):
    """V read off the map at the tie, or None when the run does not show one limit group and one tied group."""
    got = _grouped(L)
    if got is None:
        return None
    vecs, p0 = got
    q = [F(v) for v in L.weights]
    with mpmath.workdps(DPS // 2):
        p = [_mp(v) for v in p0]
        for _ in range(RUN_STEPS):
            prev, (p, _) = p, _step(vecs, p, q)
        order = sorted(range(len(p)), key=lambda k: -p[k])
        if len(order) < 2 or p[order[0]] < 1 - mpmath.mpf(1) / 10 or p[order[1]] / prev[order[1]] < mpmath.mpf(99) / 100:
            return None
        if len(order) > 2 and p[order[2]] > mpmath.mpf(10) ** -6 * p[order[1]]:
            return None  # a third group has not vanished: not the one-tie picture
        g, y = order[0], order[1]
    with mpmath.workdps(DPS):
        eps = _mp(PROBE)
        probe = [mpmath.mpf(0)] * len(vecs)
        probe[g], probe[y] = 1 - eps, eps
        _, W = _step(vecs, probe, q)
        return (1 / W[y] - 1) / eps


def diff_rate_tie(claim_id, setups, tally):
    """Each certified verdict of rate-tie and its variants against the constant the map shows."""
    claim = pluralnash.get_claim(claim_id)
    for L in setups:
        V = ref_tie_constant(L)
        for c in (claim, *claim.controls):
            res = _run(c, c.instance, L, tally)
            engine = None if res is None else _certified(res)
            if engine is None or "V" not in res.evidence:
                continue
            want = None
            if V is not None:
                with mpmath.workdps(DPS):
                    gap = abs(V - _mp(F(res.evidence["V"])))
                    want = "HOLDS" if gap < mpmath.mpf(10) ** -20 else "FAILS" if gap > mpmath.mpf(10) ** -10 else None
            tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine, want)


# ----------------------------------------------------------------------------------------------
# plateau-sensitivity: exact limits at the moved weights and gaps


def _plateau(L):
    """(S_1, S_2, k_1, k_2) of a plateau setup (exp form, disjoint basins, each reward constant on each), or None."""
    if L.m != 2 or L.exp_rewards is None or L.exp_eps is None:
        return None
    rows = [[F(v) for v in r] for r in L.exp_rewards]
    S = [[x for x, v in enumerate(r) if v >= F(L.exp_eps) * max(r)] for r in rows]
    if set(S[0]) & set(S[1]) or any(len({rows[i][x] for x in S[j]}) > 1 for i in range(2) for j in range(2)):
        return None
    return S[0], S[1], rows[0][S[1][0]] / max(rows[0]), rows[1][S[0][0]] / max(rows[1])


def _a_limit(L, S1):
    got = ref_two_reward_limit(L)
    if got is None or not all(isinstance(v, F) for v in got[0]):
        return None
    return sum((got[0][x] for x in S1), F(0))


def _plateau_moves(L, S1, S2, k1, k2, q_steps):
    """[(label, δ, a(moved) - a(setup), both interior)] or None."""
    a0 = _a_limit(L, S1)
    q = F(L.weights[0])
    moved = [("q", d, L.replace(weights=(q + d, 1 - q - d))) for d in q_steps]
    for label, k, row, atoms in (("k_1", k1, 0, S2), ("k_2", k2, 1, S1)):
        rows = [[F(v) for v in r] for r in L.exp_rewards]
        for x in atoms:
            rows[row][x] *= GAP_FACTOR
        moved.append((label, -k * (1 - GAP_FACTOR), L.replace(exp_rewards=rows)))
    out = []
    for label, d, M in moved:
        a = _a_limit(M, S1)
        if a is None or a0 is None:
            return None
        out.append((label, d, a - a0, 0 < a0 < 1 and 0 < a < 1))
    return out


def ref_plateau_sensitivity(L, constants, q_steps):
    """'HOLDS' | 'FAILS' | None for the claimed constants {"q", "k_1", "k_2"}: an interior move in q must equal
    L_q δ, every other move is at most L |δ| (exact)."""
    got = _plateau(L)
    moves = None if got is None else _plateau_moves(L, *got, q_steps)
    if moves is None:
        return None
    for label, d, m, interior in moves:
        bound = F(constants[label])
        if (m != bound * d) if (interior and label == "q") else (abs(m) > bound * abs(d)):
            return "FAILS"
    return "HOLDS"


def diff_plateau_sensitivity(claim_id, setups, tally):
    """Each certified verdict of plateau-sensitivity and its variants against exact limits of the reference, at
    the claimed constants and the q steps the check used (its evidence)."""
    claim = pluralnash.get_claim(claim_id)
    for L in setups:
        for c in (claim, *claim.controls):
            res = _run(c, c.instance, L, tally)
            engine = None if res is None else _certified(res)
            if engine is None or "L" not in res.evidence:
                continue
            steps = [F(d) for label, d, _ in res.evidence["moves"] if label == "q"]
            tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine,
                          ref_plateau_sensitivity(L, res.evidence["L"], steps))


# ----------------------------------------------------------------------------------------------
# pinned setups and planted errors for the negative controls


def pinned_setups():
    """Compared whatever the strategies draw: a collapse between the modes (D = 1/2, β = 2) and a mixture in
    both basins (D = 2, q = 1/5); a tie (q = 1/2, y = (5/4, 3/4)) with an extra atom; a plateau with an
    interior limit."""
    from pluralnash.numeric import Landscape
    from pluralnash.numeric.engines.continuous import QuadraticLandscape, Uniform

    collapse = QuadraticLandscape(mu=["-1/4", "1/4"], beta=2, weights=["1/2", "1/2"], init=Uniform("-5/4", "5/4"),
                                  eps="1/10")
    mixture = QuadraticLandscape(mu=[-1, 1], weights=["1/5", "4/5"], init=Uniform(-4, 4), eps="1/10")
    tie = Landscape(exp_rewards=[["1", "5/4", "1/4"], ["1", "3/4", "1/2"]], weights=["1/2", "1/2"],
                    p0=["1/2", "1/4", "1/4"])
    plateau = Landscape(exp_rewards=[["1", "1", "1/10"], ["1/10", "1/10", "1"]], weights=["1/2", "1/2"],
                        p0=["1/4", "1/4", "1/2"], exp_eps="1/2")
    both = [collapse, mixture]
    return {"lemma-3.3-continuous": both, "lemma-3.4-continuous": both, "lemma-3.5-continuous": both,
            "theorem-3.6-continuous": both, "rate-tie": [tie], "plateau-sensitivity": [plateau]}


def planted_errors():
    """{claim id: (this module, name, replacement)}: basins read four times as wide (the collapse between the
    modes counted inside); the basins' masses swapped; the variance quartered; the tie probed at ε = 1/10;
    every limit read at the pinned plateau's own weights (1/2, 1/2), so a_∞ looks constant in q."""
    import sys

    me, inside, masses, variance, a_limit = sys.modules[__name__], _inside, _masses, _variance, _a_limit
    swapped = (me, "_masses", lambda lim: (lambda m: m and (m[1], m[0], m[2]))(masses(lim)))
    return {"lemma-3.3-continuous": (me, "_inside", lambda d2, r2: inside(d2, 4 * r2)),
            "lemma-3.4-continuous": swapped, "lemma-3.5-continuous": swapped,
            "theorem-3.6-continuous": (me, "_variance", lambda atoms, beta, mu: variance(atoms, beta, mu) / 4),
            "rate-tie": (me, "PROBE", F(1, 10)), "plateau-sensitivity": (me, "_a_limit", lambda M, S1: a_limit(M.replace(weights=(F(1, 2), F(1, 2))), S1))}


# (claim id, comparison, setups per variant's strategy at scale 1, pinned setups) for
# tests/test_differential_soundness.py
MORE_FAMILIES = (("lemma-3.3-continuous", diff_continuous_lemma, 1, pinned_setups),
                 ("lemma-3.4-continuous", diff_continuous_lemma, 1, pinned_setups),
                 ("lemma-3.5-continuous", diff_continuous_lemma, 1, pinned_setups),
                 ("theorem-3.6-continuous", diff_continuous_lemma, 1, pinned_setups),
                 ("rate-tie", diff_rate_tie, 1, pinned_setups),
                 ("plateau-sensitivity", diff_plateau_sensitivity, 1, pinned_setups))
