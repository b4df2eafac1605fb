r"""Conclusion checks of the core family: [FALA26] Lemmas 3.1, 3.2, Theorem 3.7 and nash-limit.

Each ``check_<claim>`` returns a :class:`~pluralnash.theory.CheckResult`; HOLDS or FAILS is
certified only when exact rational or interval arithmetic decided it.  Every check takes the
statement's formula as a parameter (default: the statement as published), so that a planted
false variant (:mod:`pluralnash.claims.core.planted`) runs through exactly the same machinery
and must come out FAILS.

Symbols: q = weights, w_i = e^{r_i}, Z_i = E_p[w_i], W = Σ_i q_i w_i / Z_i,
F = Σ_i q_i log Z_i, K = number of candidates, eps = ε.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.numeric.engines.nash_potential import arb_potentials as _arb_potentials
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec, sign_of
from pluralnash.numeric.engines import finite_k as _finite_k
from pluralnash.numeric.engines.basin_utilities import basin_conditionals, utilities
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights, evaluate_selection_law
from pluralnash.numeric.engines.finite_k_bounds import finite_k_sandwich
from pluralnash.numeric.engines.limit import solve_limit
from pluralnash.numeric.engines.nash_potential import enclose_potential, enclose_z_star
from pluralnash.numeric.engines.step import ExactOrbit
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.premises import basin_parts, evidence_text
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "lemma_3_1_update",
    "check_lemma_3_1",
    "lemma_3_2_limit",
    "check_lemma_3_2",
    "nash_maximiser",
    "check_theorem_3_7",
    "check_nash_limit",
    "check_full_support",
    "check_two_basin_utilities",
    "check_exact_rewards",
]

Update = Callable[[Sequence[Fraction], Sequence[Sequence[Fraction]], Sequence[Fraction], int], list]


# ----------------------------------------------------------------------------------------------
# premises


def check_full_support(landscape: Landscape) -> CheckResult:
    """Premise: p0(x) > 0 for every atom (decided exactly)."""
    zeros = [k for k, v in enumerate(landscape.p0) if v == 0]
    ev = {"atoms": landscape.n, "zero_mass_atoms": zeros[:10]}
    if zeros:
        return CheckResult("p0 has full support", Verdict.FAILS, "exact", ev, f"p0[{zeros[0]}] = 0")
    return CheckResult("p0 has full support", Verdict.HOLDS, "exact", ev)


def check_exact_rewards(landscape: Landscape) -> CheckResult:
    """Premise of the exact routes: rewards given as rational w = e^r (``exp_rewards``)."""
    name = "rewards given exactly as exp_rewards"
    if landscape.is_exact:
        return CheckResult(name, Verdict.HOLDS, "exact", {})
    return CheckResult(name, Verdict.FAILS, "exact", {}, "rewards= given; e^r is irrational")


def check_two_basin_utilities(landscape: Landscape, *, prec: int = 256) -> CheckResult:
    r"""Premises of [FALA26] Theorem 3.7 on a setup: m = 2, ε given, disjoint basins with
    p0 mass, u_1(P_1) > u_1(P_2) and u_2(P_2) > u_2(P_1)."""
    name = "Theorem 3.7 premises: u1(P1) > u1(P2), u2(P2) > u2(P1)"
    if landscape.m != 2 or not landscape.has_eps:
        return CheckResult(name, Verdict.FAILS, "exact", {"m": landscape.m, "has_eps": landscape.has_eps},
                           "needs m = 2 rewards and a basin width eps")
    basins, overlap, empty = basin_parts(landscape)  # B.3 and B.2, as Assumption 2.1(ii) computes them
    if overlap:
        return CheckResult(name, Verdict.FAILS, "exact", {"overlap": list(overlap)}, "the basins S_1 and S_2 intersect")
    if empty:
        return CheckResult(name, Verdict.FAILS, "exact", {"basin": basins[f"S_{empty}"]}, "a basin has no p0 mass")
    with iv_workprec(prec):
        P1, P2 = basin_conditionals(landscape)
        u1, u2 = utilities(landscape, P1), utilities(landscape, P2)
        A, B = u1[0] - u2[0], u2[1] - u1[1]
        sA, sB = sign_of(A), sign_of(B)
        ev = {"A = u1(P1) - u1(P2)": evidence_text(A), "B = u2(P2) - u2(P1)": evidence_text(B)}
    method = "exact" if landscape.rewards is not None else "interval"
    if sA is None or sB is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "a utility gap is too close to 0 to decide")
    if sA <= 0 or sB <= 0:
        return CheckResult(name, Verdict.FAILS, method, ev, "A <= 0" if sA <= 0 else "B <= 0")
    return CheckResult(name, Verdict.HOLDS, method, ev)


# ----------------------------------------------------------------------------------------------
# Lemma 3.1: the finite-K update is the law of the kept candidate


def lemma_3_1_update(p: Sequence[Fraction], ws: Sequence[Sequence[Fraction]], q: Sequence[Fraction], K: int) -> list:
    r"""[FALA26] Lemma 3.1 as stated: p_{t+1}(x) = p_t(x) Σ_i q_i H^{K,r_i}_{p_t}(x)."""
    total = [Fraction(0)] * len(p)
    for qi, w in zip(q, ws):
        H = evaluate_finite_k_weights(p, w, K, method="enumerate")
        total = [t + qi * h for t, h in zip(total, H)]
    return [a * b for a, b in zip(p, total)]


def check_lemma_3_1(landscape: Landscape, *, K: int | None = None, update: Update = lemma_3_1_update) -> CheckResult:
    r"""Decide, exactly, whether ``update`` gives the law of the kept candidate from p0.

    The reference law comes from brute force over ordered K-tuples, reward draws and Luce
    choices (:func:`evaluate_selection_law`); it never uses H.
    """
    K = K if K is not None else (landscape.K or 2)
    name = f"p1(x) = law of the kept candidate (K={K})"
    if not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards for an exact comparison")
    ws, q, p = landscape.exp_rewards, landscape.weights, landscape.p0
    too_big = _finite_k.brute_force_too_large(sum(1 for v in p if v > 0), K)
    if too_big:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {"K": K, "atoms": landscape.n},
                           f"too large to decide exactly: {too_big}; try a smaller K")
    law = evaluate_selection_law(p, ws, q, K)
    claimed = update(p, ws, q, K)
    diffs = [abs(a - b) for a, b in zip(law, claimed)]
    worst = max(range(len(diffs)), key=lambda k: diffs[k])
    # an identity has no room: the margin is 0 where it holds and minus the largest gap otherwise
    ev = {"K": K, "atoms": landscape.n, "max_abs_difference": str(diffs[worst]), "margin": -float(diffs[worst])}
    if diffs[worst] == 0:
        return CheckResult(name, Verdict.HOLDS, "exact", ev)
    ev.update({"atom": worst, "law": str(law[worst]), "claimed": str(claimed[worst])})
    return CheckResult(name, Verdict.FAILS, "exact", ev,
                       f"at atom {worst} the kept-candidate law is {law[worst]} but the formula gives {claimed[worst]}")


# ----------------------------------------------------------------------------------------------
# Lemma 3.2: H^K -> w / E_p[w]


def lemma_3_2_limit(p: Sequence[Fraction], w: Sequence[Fraction]) -> list[Fraction]:
    r"""[FALA26] Lemma 3.2's limit: w(x) / E_p[w]."""
    mu = sum((a * b for a, b in zip(p, w)), Fraction(0))
    return [v / mu for v in w]


def check_lemma_3_2(landscape: Landscape, *, limit: Callable = lemma_3_2_limit,
                    Ks: Sequence[int] = (2, 3, 5, 8)) -> CheckResult:
    r"""Decide whether H^{K,r_i}_{p0}(x) → ``limit(p0, w_i)(x)`` as K → ∞, for every reward.

    H^K is enclosed by exact rational bounds valid for every K (Jensen below; a second-order
    expansion above), both tending to w/E_p[w] (symbolic certificate in
    ``derive_lemma_3_2_bounds``).  So the limit is exactly w/E_p[w]; the claimed limit is
    compared with it exactly, and the enclosure itself is checked against exactly enumerated
    H^K for the listed K.
    """
    name = "H^K_p(x) -> claimed limit as K -> infinity"
    if not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards for an exact comparison")
    p = landscape.p0
    checked = 0
    for i, w in enumerate(landscape.exp_rewards):
        for K in Ks:
            try:
                H = evaluate_finite_k_weights(p, w, K, method="enumerate")
            except InvalidArgument:
                continue
            lo, hi = finite_k_sandwich(p, w, K)
            for x in range(landscape.n):
                if not lo[x] <= H[x] <= hi[x]:
                    return CheckResult(name, Verdict.UNDECIDED, "exact", {"reward": i, "K": K, "atom": x},
                                       "the enclosure of H^K failed: the bounds' derivation is wrong")
            checked += 1
        true_limit = lemma_3_2_limit(p, w)
        claimed = limit(p, w)
        for x in range(landscape.n):
            if claimed[x] != true_limit[x]:
                # make the separation concrete: a K beyond which H^K stays away from the claim
                gap = abs(claimed[x] - true_limit[x])
                K = 2
                while True:
                    lo, hi = finite_k_sandwich(p, w, K)
                    if hi[x] < claimed[x] or lo[x] > claimed[x]:
                        if max(hi[x] - true_limit[x], true_limit[x] - lo[x]) < gap / 2:
                            break
                    K *= 2
                return CheckResult(name, Verdict.FAILS, "exact", {
                    "reward": i, "atom": x, "claimed_limit": str(claimed[x]), "limit": str(true_limit[x]),
                    "K": K, "enclosure_at_K": [str(lo[x]), str(hi[x])], "margin": -float(gap),
                }, f"reward {i}, atom {x}: H^K tends to {true_limit[x]}, not {claimed[x]}; "
                   f"at K = {K} H^K lies in [{evidence_text(lo[x])}, {evidence_text(hi[x])}], which excludes the claim")
    # the limit is an identity: no room when it holds (margin 0), minus the gap when it fails
    return CheckResult(name, Verdict.HOLDS, "exact",
                       {"rewards": landscape.m, "enclosures_checked": checked, "Ks": list(Ks), "margin": 0.0})


# ----------------------------------------------------------------------------------------------
# Theorem 3.7: the weighted Nash product is maximised at alpha = q


def nash_maximiser(q: Fraction) -> Fraction:
    r"""[FALA26] Theorem 3.7's maximiser: α* = q."""
    return q


def check_theorem_3_7(landscape: Landscape, *, maximiser: Callable[[Fraction], Fraction] = nash_maximiser,
                      prec: int = 256) -> CheckResult:
    r"""Decide whether α* = ``maximiser(q)`` uniquely maximises
    N(α) = (u_1(p_α) - d_1)^q (u_2(p_α) - d_2)^{1-q} over α ∈ [0, 1] on this setup.

    P_i = p0 conditioned on S_{i,ε}, q = weights[0].  u_i(p_α) is affine in α, so log N is
    concave and a zero of (log N)'(α*) decides "unique maximiser" (exactly for rational r);
    a nonzero derivative yields an α with certified N(α) > N(α*).
    """
    q = landscape.weights[0]
    name = f"argmax N(alpha) = {maximiser.__name__}(q)"
    pre = check_two_basin_utilities(landscape, prec=prec)
    if pre.verdict is not Verdict.HOLDS:
        return CheckResult(name, Verdict.UNDECIDED, pre.method, pre.evidence, f"premise not met: {pre.reason}")
    c = Fraction(maximiser(q))
    with iv_workprec(prec):
        P1, P2 = basin_conditionals(landscape)
        u1, u2 = utilities(landscape, P1), utilities(landscape, P2)  # u1 = (u_1(P1), u_2(P1))
        product = _NashProduct(landscape, q, u1, u2)
        ev = {"q": str(q), "alpha_claimed": str(c)}
        decided = _nash_endpoints(name, ev, q, c, product)
        return decided if decided is not None else _nash_stationarity(name, ev, q, c, product)


class _NashProduct:
    """The gains u_i(p_α) - d_i and log N(α) of [FALA26] Theorem 3.7 on one setup (exact or intervals)."""

    def __init__(self, landscape: Landscape, q: Fraction, u1, u2):
        self.exact = landscape.rewards is not None
        self.q, self.u1, self.u2 = q, u1, u2
        self.method = "exact" if self.exact else "interval"

    def gains(self, a):
        u1, u2 = self.u1, self.u2
        a_ = a if self.exact else iv_frac(a)
        g1 = a_ * u1[0] + (1 - a_) * u2[0] - u2[0]
        g2 = a_ * u1[1] + (1 - a_) * u2[1] - u1[1]
        return g1, g2

    def log_nash(self, a):
        q = self.q
        g1, g2 = self.gains(a)
        g1 = iv_frac(g1) if isinstance(g1, Fraction) else g1
        g2 = iv_frac(g2) if isinstance(g2, Fraction) else g2
        terms = []
        if q:
            terms.append(iv_frac(q) * iv.log(g1))
        if 1 - q:
            terms.append(iv_frac(1 - q) * iv.log(g2))
        return sum(terms[1:], terms[0])


def _nash_endpoints(name: str, ev: dict, q: Fraction, c: Fraction, product: _NashProduct) -> CheckResult | None:
    """A claimed α* outside [0, 1], where a gain vanishes, or q ∈ {0, 1} (None: none of these)."""
    if not 0 <= c <= 1:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"alpha* = {c} is outside [0, 1]")
    g1, g2 = product.gains(c)
    zero_1 = (g1 == 0) if isinstance(g1, Fraction) else None
    zero_2 = (g2 == 0) if isinstance(g2, Fraction) else None
    endpoint_zero = (q > 0 and (zero_1 or (c == 0))) or (q < 1 and (zero_2 or (c == 1)))
    if endpoint_zero:
        # N(c) = 0 while N(q) > 0
        ev["N(alpha_claimed)"] = "0"
        ev["better_alpha"] = str(q)
        return CheckResult(name, Verdict.FAILS, "exact", ev,
                           f"N({c}) = 0 < N({q}): the claimed maximiser makes a player's gain vanish")
    if q in (0, 1):
        ev["note"] = "q in {0, 1}: N is affine in alpha, maximised only at the endpoint alpha = q"
        if c == q:
            return CheckResult(name, Verdict.HOLDS, "exact", ev)
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"N is maximised only at alpha = {q}")
    return None


def _nash_stationarity(name: str, ev: dict, q: Fraction, c: Fraction, product: _NashProduct) -> CheckResult:
    """(log N)'(α*) = 0 decides HOLDS; else a certified better α nearby FAILS it (UNDECIDED if none is found)."""
    u1, u2, method = product.u1, product.u2, product.method
    g1, g2 = product.gains(c)
    A, B = u1[0] - u2[0], u2[1] - u1[1]
    qq = q if method == "exact" else iv_frac(q)
    deriv = qq * A / g1 - (1 - qq) * B / g2  # d/d alpha of log N at c
    s = sign_of(deriv)
    ev["dlogN/dalpha at alpha_claimed"] = evidence_text(deriv)
    # a stationarity condition has no room: margin -|(log N)'(alpha*)| (a float, for steering only)
    ev["margin"] = -abs(float(deriv if isinstance(deriv, Fraction) else mpmath.mpf(deriv.mid)))
    if s == 0:
        return CheckResult(name, Verdict.HOLDS, method, ev)
    if s is None:
        # u_i(p_alpha) - d_i is affine with its zero at an endpoint, so (log N)'(c) equals
        # q/c - (1-q)/(1-c) exactly (symbolic factorisation, derive_nash_product)
        exact_deriv = q / c - (1 - q) / (1 - c)
        ev["dlogN/dalpha at alpha_claimed"] = str(exact_deriv)
        ev["via"] = "factorisation N = A^q B^(1-q) alpha^q (1-alpha)^(1-q)"
        s, method = (exact_deriv > 0) - (exact_deriv < 0), "exact"
        if s == 0:
            return CheckResult(name, Verdict.HOLDS, method, ev)
    # a witness alpha with a certified larger Nash product
    h = Fraction(1, 2)
    for _ in range(200):
        a = c + s * h * (1 - c if s > 0 else c)
        if 0 < a < 1:
            diff = product.log_nash(a) - product.log_nash(c)
            if diff.a > 0:
                ev["better_alpha"] = str(a)
                ev["log N(better) - log N(claimed) >="] = mpmath.nstr(mpmath.mpf(diff.a), 6)
                return CheckResult(name, Verdict.FAILS, "interval" if method == "interval" else "exact", ev,
                                   f"N({evidence_text(a)}) > N({c}): the Nash product is not maximised at the claimed alpha")
        h /= 2
    return CheckResult(name, Verdict.UNDECIDED, method, ev, "no certified better alpha found near the claim")


# ----------------------------------------------------------------------------------------------
# nash-limit: F ascends along the large-K dynamics and Z(p_t) -> Z*


ARB_MIN_ATOMS = 2000  # from this many atoms the nash-limit steps run in arb balls (python-flint), if installed


def _nash_limit_balls(landscape: Landscape, name: str, ev: dict, steps: int, potential: str, prec: int,
                      progress) -> tuple[CheckResult | None, Any]:
    """Step 1 of :func:`check_nash_limit` in arb balls: (a FAILS/UNDECIDED result or None, F(p_T))."""
    *vals, F_T = _arb_potentials(landscape, steps, potential, prec, progress)
    ev["method"] = f"arb balls at {prec} bits (python-flint)"
    least = None
    for t, (cur, nxt) in enumerate(zip(vals, vals[1:])):
        diff = nxt - cur
        if diff.b < 0:
            ev.update({"t": t, "decrease_at_least": mpmath.nstr(mpmath.mpf(-diff.b), 6)})
            return CheckResult(name, Verdict.FAILS, "interval", ev, f"the potential decreases from t={t} to t={t + 1}"), None
        if diff.a < 0:
            ev.update({"t": t})
            return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "a step's change is too small to sign"), None
        least = diff.a if least is None else min(least, diff.a)
    if least is not None:
        ev["margin"] = mpmath.nstr(mpmath.mpf(least), 8)
    return None, F_T


def _require_large_k(landscape: Landscape) -> None:
    """Refuse, in one line, a setup of another model than the large-K dynamics nash-limit states."""
    if landscape.K is not None:
        raise InvalidArgument(f"K={landscape.K}: check_nash_limit decides the large-K dynamics ([FALA26] Eq. 5), "
                              "not curation with K candidates; drop K (landscape.replace(K=None))")
    if landscape.reference is not None and landscape.lam != 1:  # lam = 1 keeps no reference data
        raise InvalidArgument(f"lam={landscape.lam} with reference data: check_nash_limit decides pure large-K "
                              "curation ([FALA26] Eq. 5), not mixing; drop reference and lam")


def check_nash_limit(landscape: Landscape, *, steps: int = 12, potential: str = "F",
                     predicted: Callable[[Landscape], Sequence[Fraction]] | None = None,
                     prec: int = 256, progress: Callable[[int, int], Any] | None = None) -> CheckResult:
    r"""Decide the nash-limit statement over a horizon of ``steps`` exact large-K rounds.

    Checks, with every inequality certified (exact rationals, intervals for logarithms):

    1. the potential is non-decreasing along p_0, ..., p_T: ``potential="F"`` is
       F = Σ q_i log Z_i (the statement), ``"utilitarian"`` is Σ q_i Z_i (a planted variant);
    2. the limit: with ``predicted=None`` the solver's KKT certificate for Z* must hold and
       F(p_T) <= F*; with a ``predicted(landscape)`` vector of Z values (a planted variant), the
       claim fails when F(predicted) < F(p_T), since F never decreases along the dynamics.

    From ``ARB_MIN_ATOMS`` atoms on, with python-flint installed, the steps run in arb balls at
    ``prec`` bits instead of exact rationals (whose sizes grow with every step); every comparison is
    then decided on enclosures, UNDECIDED where they overlap.  ``progress(done, steps)`` is called
    after each step on that path.

    Raises
    ------
    InvalidArgument
        If the landscape has K candidates or reference data: the statement is about large-K curation.
    """
    _require_large_k(landscape)
    name = "F(p_t) non-decreasing and Z(p_t) -> Z*"
    if not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards for exact steps")
    q, ws = landscape.weights, landscape.exp_rewards
    p = list(landscape.p0)
    ev: dict[str, Any] = {"steps": steps, "potential": potential}
    from pluralnash.numeric.engines import arb_step as _arb_step

    if landscape.n >= ARB_MIN_ATOMS and _arb_step.available():
        with iv_workprec(prec):
            stop, F_T = _nash_limit_balls(landscape, name, ev, steps, potential, prec, progress)
            if stop is not None:
                return stop
            return _nash_limit_conclusion(landscape, name, ev, q, F_T, None, predicted)
    with iv_workprec(prec):
        orbit = ExactOrbit(p, ws, q)  # Z(p_t) computed once per t, shared by F and the step

        def value():
            Z = orbit.Z()
            if potential == "F":
                return enclose_potential(q, [iv_frac(z) for z in Z]), Z
            return iv_frac(sum((qi * z for qi, z in zip(q, Z)), Fraction(0))), Z

        cur, Z = value()
        least = None  # the smallest certified lower bound on a step's increase
        for t in range(steps):
            moved = orbit.advance()
            nxt, Zn = value()
            if not moved:
                break
            diff = nxt - cur
            if diff.b < 0:
                ev.update({"t": t, "decrease_at_least": mpmath.nstr(mpmath.mpf(-diff.b), 6)})
                return CheckResult(name, Verdict.FAILS, "interval", ev,
                                   f"the potential decreases from t={t} to t={t + 1}")
            if diff.a < 0:
                ev.update({"t": t})
                return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "a step's change is too small to sign")
            least = diff.a if least is None else min(least, diff.a)
            cur, Z = nxt, Zn
            # keep exact sizes bounded: stop early when numbers grow too long
            if orbit.denominators_exceed(20000):
                ev["steps"] = t + 1
                break
        if least is not None:
            ev["margin"] = mpmath.nstr(mpmath.mpf(least), 8)
        F_T = enclose_potential(q, [iv_frac(z) for z in Z])
        return _nash_limit_conclusion(landscape, name, ev, q, F_T, Z, predicted)


def _nash_limit_conclusion(landscape, name, ev, q, F_T, Z, predicted) -> CheckResult:
    """Step 2 of :func:`check_nash_limit`: F(p_T) against F* (``Z`` the exact Z(p_T), or None)."""
    limit = solve_limit(landscape, dps=30)
    ev["limit_certificate"] = limit.certificate.verdict.value
    if predicted is None:
        if limit.certificate.verdict is not Verdict.HOLDS:
            return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                               f"the limit's KKT certificate is {limit.certificate.verdict.value}: {limit.certificate.reason}")
        if limit.exact and Z is not None:
            if list(limit.Z) == list(Z):
                return CheckResult(name, Verdict.HOLDS, "exact", ev)
        boxes = enclose_z_star(limit)
        F_star = enclose_potential(q, boxes)
        ev["F*-F(p_T)"] = mpmath.nstr(mpmath.mpf((F_star - F_T).mid), 6)
        if (F_T - F_star).a > 0:
            return CheckResult(name, Verdict.FAILS, "interval", ev, "the dynamics exceeds the claimed optimum F*")
        if (F_T - F_star).b > 0:
            return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                               "F(p_T) and the enclosure of F* overlap: F(p_T) <= F* is not certified")
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    Zp = [Fraction(z) for z in predicted(landscape)]
    F_pred = enclose_potential(q, [iv_frac(z) for z in Zp])
    ev["predicted_Z"] = [str(z) for z in Zp]
    if (F_T - F_pred).a > 0:
        ev["F(p_T) - F(predicted) >="] = mpmath.nstr(mpmath.mpf((F_T - F_pred).a), 6)
        return CheckResult(name, Verdict.FAILS, "interval", ev,
                           "F along the dynamics already exceeds F at the predicted limit, and F never decreases")
    if limit.certificate.verdict is Verdict.HOLDS:
        for i, (z, box) in enumerate(zip(Zp, enclose_z_star(limit))):
            if iv_frac(z).b < box.a or iv_frac(z).a > box.b:
                ev.update({"reward": i, "Z*_enclosure": [evidence_text(box.a), evidence_text(box.b)]})
                return CheckResult(name, Verdict.FAILS, "interval", ev,
                                   f"Z_{i + 1}* is certified in [{evidence_text(box.a)}, {evidence_text(box.b)}], "
                                   f"not the predicted {evidence_text(z)}")
    if limit.exact and list(limit.Z) == Zp:
        return CheckResult(name, Verdict.HOLDS, "exact", ev)
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "the predicted limit is not separated from the dynamics")
