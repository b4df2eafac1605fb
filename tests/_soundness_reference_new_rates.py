r"""Independent references for the toolkit's large-K statements: ``rate-linear`` (the linear rate of
p_t -> p* is the Jacobian's spectral radius ρ < 1), ``rate-outside-mass`` (m_{t+1}/m_t -> ρ_out),
``limit-lipschitz`` (‖p*(q') - p*(q)‖_1 <= L |q' - q|) and the m-basin intervals (``m-basin-interval``,
``m-basin-non-collapse``: a_i* = p*(S_i) against [ℓ_i, 1 - Σ_{j≠i} ℓ_j]).

Written apart from the code under test, which they never call; only the comparisons (``diff_*``)
run the claims' instance checks, and read from their evidence the number the statement claims (the
rate, the constant L and the steps δ the check used), which is what the reference re-decides.  The
method differs from the engines' (an exact KKT limit, a characteristic polynomial, an implicit-function
constant): the large-K map p' = p Σ_i q_i w_i/Z_i is iterated at ``DPS`` digits until the steps
d_t = ‖p_{t+1} - p_t‖_1 fall below 10^-``STOP``, so

- the observed rate is d_{T}/d_{T-1}, taken when it has settled (|d_T/d_{T-1} - d_{T-1}/d_{T-2}| < 10^-12),
  the largest over two starts;
- the limit is p_T, within d_T r/(1 - r) of p* for the observed r (geometric tail).

The reference speaks only far from the boundary: a rate within 10^-8 of the claim agrees with it, one
more than 10^-4 above refutes it, anything else abstains; a run that does not settle in
``MAX_STEPS`` steps, or whose steps still shrink by less than 1% a step after 500 steps (a tie, or a rate above 0.99), abstains.  A claimed rate >= 1 is refuted exactly.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath

import pluralnash

F = Fraction
DPS, STOP, MAX_STEPS = 80, 45, 20000


def _certified(res):
    return res.verdict.value if res.certified and res.verdict.value in ("HOLDS", "FAILS") else None


def _mp(x):
    x = F(x)
    return mpmath.mpf(x.numerator) / x.denominator


def _rows(L):
    if L.exp_rewards is not None:
        return [[_mp(v) for v in r] for r in L.exp_rewards]
    return [[mpmath.exp(_mp(v)) for v in r] for r in L.rewards]


def _instance(c, L, tally):
    """The check's result, or None with the error listed (no verdict at all: not a wrong one, but reported)."""
    from pluralnash.theory import InvalidArgument, SolverError

    try:
        return c.instance(L)
    except (InvalidArgument, SolverError) as exc:
        tally.engine_errors.append(f"{c.id} on {L.to_json()}: {exc}")
        return None


def iterate_large_k(L, q):
    """(p_T, d_T, observed rate) of the large-K map with weights ``q`` from p_0, or None (not settled).

    Call inside ``mpmath.workdps(DPS)``."""
    rows, p = _rows(L), [_mp(v) for v in L.p0]
    qs = [_mp(v) for v in q]
    ratios, d_prev = [], None
    for _ in range(MAX_STEPS):
        Z = [mpmath.fsum(a * w for a, w in zip(p, row)) for row in rows]
        nxt = [a * mpmath.fsum(qi * row[x] / Zi for qi, row, Zi in zip(qs, rows, Z)) for x, a in enumerate(p)]
        d = mpmath.fsum(abs(a - b) for a, b in zip(nxt, p))
        p = nxt
        if d == 0:
            return p, d, mpmath.mpf(0)
        if d_prev is not None:
            ratios.append(d / d_prev)
        d_prev = d
        if len(ratios) == 500 and ratios[-1] > mpmath.mpf(99) / 100:
            return None  # sublinear or nearly so (a tie): nothing this reference decides in its budget
        if d < mpmath.mpf(10) ** -STOP and len(ratios) > 2:
            if abs(ratios[-1] - ratios[-2]) < mpmath.mpf(10) ** -12 and ratios[-1] < 1:
                return p, d, ratios[-1]
            return None
    return None


def ref_rate_linear(L, claimed):
    """'HOLDS' when the observed linear rate of p_t -> p* is ``claimed`` (< 1), 'FAILS' when the run decays more
    slowly than ``claimed`` (a larger eigenvalue), or None.

    The observed rate is an eigenvalue's modulus, but a start may not excite the leading mode (a symmetric
    p_0 never moves mass between two mirrored atoms): the larger rate of p_0 and of p_0 tilted by (x + 1)
    is taken, and a rate below the claim abstains."""
    claimed = F(claimed)
    if claimed >= 1:
        return "FAILS"
    with mpmath.workdps(DPS):
        tilted = [F(v) * (x + 1) for x, v in enumerate(L.p0)]
        runs = [iterate_large_k(M, M.weights) for M in (L, L.replace(p0=[v / sum(tilted) for v in tilted]))]
        if None in runs:
            return None
        gap = max(r[2] for r in runs) - _mp(claimed)
        if abs(gap) < mpmath.mpf(10) ** -8:
            return "HOLDS"
        return "FAILS" if gap > mpmath.mpf(10) ** -4 else None


def ref_rate_outside(L, claimed):
    """'HOLDS' when m_{T+1}/m_T of the settled run is within 10^-8 of ``claimed``, 'FAILS' when more than 10^-4
    away, else None; the support of the limit is read off p_T (an atom below 10^-30 is off it, one between
    10^-30 and 10^-10 makes the reference abstain)."""
    with mpmath.workdps(DPS):
        run = iterate_large_k(L, L.weights)
        if run is None:
            return None
        p, (tiny, small) = run[0], (mpmath.mpf(10) ** -30, mpmath.mpf(10) ** -10)
        if any(tiny <= v < small for v in p):
            return None
        off = [x for x, v in enumerate(p) if 0 < v < tiny]
        if not off:
            return None
        rows, qs = _rows(L), [_mp(v) for v in L.weights]
        Z = [mpmath.fsum(a * w for a, w in zip(p, row)) for row in rows]
        after = mpmath.fsum(p[x] * mpmath.fsum(qi * row[x] / Zi for qi, row, Zi in zip(qs, rows, Z)) for x in off)
        gap = abs(after / mpmath.fsum(p[x] for x in off) - _mp(claimed))
        if gap < mpmath.mpf(10) ** -8:
            return "HOLDS"
        return "FAILS" if gap > mpmath.mpf(10) ** -4 else None


def diff_rate_outside(claim_id, setups, tally):
    """Each certified verdict of ``rate-outside-mass`` and its variants against the settled run's outside ratio."""
    claim = pluralnash.get_claim(claim_id)
    for L in setups:
        for c in (claim, *claim.controls):
            engine = None if (res := _instance(c, L, tally)) is None else _certified(res)
            if engine is not None and "claimed_rate" in res.evidence:
                tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine,
                              ref_rate_outside(L, res.evidence["claimed_rate"]))


def ref_limit_lipschitz(L, constant, deltas):
    """'FAILS' when some ‖p*(q + δ) - p*(q)‖_1 exceeds ``constant`` |δ| by more than 10^-20 |δ|, 'HOLDS' when
    none exceeds it by 10^-30 |δ|, else None (the limits by iteration; q = the first weight)."""
    K = F(constant)
    with mpmath.workdps(DPS):
        base = iterate_large_k(L, L.weights)
        if base is None or base[2] >= 1:
            return None
        verdict = "HOLDS"
        for d in deltas:
            q0 = F(L.weights[0]) + F(d)
            moved_run = iterate_large_k(L, [q0, 1 - q0])
            if moved_run is None or moved_run[2] >= 1:
                return None
            tail = sum(r[1] * r[2] / (1 - r[2]) for r in (base, moved_run))  # both limits' distance from p_T
            moved = mpmath.fsum(abs(a - b) for a, b in zip(moved_run[0], base[0]))
            excess = (moved - _mp(K * abs(F(d)))) / _mp(abs(F(d)))
            if excess - tail > mpmath.mpf(10) ** -20:
                return "FAILS"
            if excess + tail > mpmath.mpf(10) ** -30:
                verdict = None
        return verdict


def diff_rate_linear(claim_id, setups, tally):
    """Each certified verdict of ``rate-linear`` and its variants against the observed rate of the run."""
    claim = pluralnash.get_claim(claim_id)
    for L in setups:
        for c in (claim, *claim.controls):
            res = _instance(c, L, tally)
            engine = None if res is None else _certified(res)
            if engine is None or "claimed_rate" not in res.evidence:
                continue
            tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine,
                          ref_rate_linear(L, res.evidence["claimed_rate"]))


def diff_limit_lipschitz(claim_id, setups, tally):
    """Each certified verdict of ``limit-lipschitz`` and its variants against limits found by iteration, at the
    steps δ the check used (its evidence)."""
    claim = pluralnash.get_claim(claim_id)
    for L in setups:
        for c in (claim, *claim.controls):
            res = _instance(c, L, tally)
            engine = None if res is None else _certified(res)
            pieces = {} if res is None else res.evidence.get("pieces") or {}
            if engine is None or not pieces:
                continue
            deltas = [v["delta"] for v in pieces.values()]
            tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine,
                          ref_limit_lipschitz(L, res.evidence["L"], deltas))


# ----------------------------------------------------------------------------------------------
# m-basin-interval, m-basin-non-collapse: the limit's basin masses from the iterated map


def ref_m_basins(L):
    """(basins, κ) of an m-reward setup with a basin width and disjoint basins, or None.  Basins exactly
    (exp form: w_i >= E w_i*; log form: r_i* - r_i <= ε); κ_i = e^{-(Δ_i - 2ε)} with Δ_i the smallest gap
    r_i* - r_i over the other basins, at ``DPS`` digits (call inside ``mpmath.workdps``)."""
    if L.exp_rewards is not None and L.exp_eps is not None:
        rows, E = [[F(v) for v in r] for r in L.exp_rewards], F(L.exp_eps)
        S = [[x for x, v in enumerate(r) if v >= E * max(r)] for r in rows]
        closeness = [[_mp(v / max(r)) for v in r] for r in rows]
        width = -mpmath.log(_mp(E))
    elif L.rewards is not None and L.eps is not None:
        rows, eps = [[F(v) for v in r] for r in L.rewards], F(L.eps)
        S = [[x for x, v in enumerate(r) if max(r) - v <= eps] for r in rows]
        closeness = [[mpmath.exp(_mp(v - max(r))) for v in r] for r in rows]
        width = _mp(eps)
    else:
        return None
    if len({x for Si in S for x in Si}) < sum(map(len, S)):
        return None
    gaps = [-mpmath.log(max(closeness[i][x] for j, Sj in enumerate(S) if j != i for x in Sj)) for i in range(len(S))]
    return S, [mpmath.exp(-(g - 2 * width)) for g in gaps]


def _m_basin_ends(claim_id, q, kappa):
    if claim_id.endswith("no-leakage"):
        kappa = [mpmath.mpf(0)] * len(q)
    elif claim_id.endswith("index-shifted"):
        kappa = kappa[1:] + kappa[:1]
    lower = [max(mpmath.mpf(0), (qi - ki) / (1 - ki)) for qi, ki in zip(q, kappa)]
    return [(lo, 1 - (mpmath.fsum(lower) - lo)) for lo in lower]


def ref_m_basin(L, claim_id):
    """The m-basin claims and their variants at the limit's basin masses a_i* = lim p_t(S_i), or None."""
    with mpmath.workdps(DPS):
        got = ref_m_basins(L)
        if got is None or max(got[1]) >= 1:
            return None
        run = iterate_large_k(L, L.weights)
        if run is None:
            return None
        S, kappa = got
        tail, tol = run[1] * run[2] / (1 - run[2]), mpmath.mpf(10) ** -8
        masses = [mpmath.fsum(run[0][x] for x in Si) for Si in S]
        if 1 - mpmath.fsum(masses) > tol:
            return None  # the limit keeps mass outside the basins: a premise the check needs
        ends = _m_basin_ends(claim_id, [_mp(v) for v in L.weights], kappa)
        strict = claim_id.startswith("m-basin-non-collapse")
        sides = [(a - lo, hi - a) for a, (lo, hi) in zip(masses, ends)] + (
            [(a, 1 - a) for a in masses] if strict else [])
        slack = min(min(d) for d in sides)
        if abs(slack) < tol + tail:
            return None
        return "HOLDS" if slack > 0 else "FAILS"


def diff_m_basin(claim_id, setups, tally):
    """Each certified verdict of an m-basin claim and its variants against :func:`ref_m_basin`."""
    claim = pluralnash.get_claim(claim_id)
    for L in setups:
        for c in (claim, *claim.controls):
            engine = None if (res := _instance(c, L, tally)) is None else _certified(res)
            if engine is not None:
                tally.compare(f"{c.id} on {L.to_json()} ({res.reason})", engine, ref_m_basin(L, c.id))


def pinned_setups():
    """Compared whatever the strategies draw: two rewards crossing at k_1 = k_2 = 1/2 with q = 1/2 inside the
    window (1/3, 2/3) and an atom below both rewards (an interior two-atom limit); and two basins with
    κ_1 = κ_2 = 1/5, q = 3/5 (interval [1/2, 3/4] for basin 1)."""
    from pluralnash.numeric import Landscape

    L = Landscape(exp_rewards=[["1", "1/2", "1/4"], ["1/2", "1", "1/4"]], weights=["1/2", "1/2"],
                  p0=["1/2", "1/3", "1/6"])
    basins = Landscape(exp_rewards=[["1", "1/20"], ["1/20", "1"]], weights=["3/5", "2/5"], exp_eps="1/2")
    return {"rate-linear": [L], "limit-lipschitz": [L], "rate-outside-mass": [L], "m-basin-interval": [basins], "m-basin-non-collapse": [basins]}


def planted_errors():
    """{claim id: (this module, name, replacement)}: an error the comparison must catch on the pinned setups
    (the observed rate squared; every limit at the setup's own weights, p* read as constant in q; the rewards
    squared in the outside ratio; every variant read with the statement's own interval)."""
    import sys

    me, run, ends = sys.modules[__name__], iterate_large_k, _m_basin_ends  # the true ones, before the patch
    one_interval = (me, "_m_basin_ends", lambda cid, q, kappa: ends("", q, kappa))
    return {"rate-linear": (me, "iterate_large_k", lambda L, q: (lambda r: r and (r[0], r[1], r[2] ** 2))(run(L, q))),
            "limit-lipschitz": (me, "iterate_large_k", lambda L, q: run(L, L.weights)),
            "rate-outside-mass": (me, "_rows", lambda L, rows=_rows: [[v ** 2 for v in r] for r in rows(L)]),
            "m-basin-interval": one_interval, "m-basin-non-collapse": one_interval}


# (claim id, comparison, setups per variant's strategy at scale 1, pinned setups) for
# tests/test_differential_soundness.py
RATE_FAMILIES = (("rate-linear", diff_rate_linear, 1, pinned_setups),
                 ("limit-lipschitz", diff_limit_lipschitz, 1, pinned_setups),
                 ("rate-outside-mass", diff_rate_outside, 1, pinned_setups),
                 ("m-basin-interval", diff_m_basin, 1, pinned_setups),
                 ("m-basin-non-collapse", diff_m_basin, 1, pinned_setups))
