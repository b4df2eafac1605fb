r"""The conclusion checks of the reference-data mixing claims, on one setup.

``check_mixing_floor`` decides the floor p_t >= (1 - λ) p_ref exactly; ``check_mixing_fixed_point``
(one reward) and ``check_mixing_several_rewards`` (m >= 2) decide the fixed point, its local rate
and the convergence of the mixed dynamics, certified.  The mathematics is in
:mod:`pluralnash.numeric.engines.mixing`; the single-reward solver is here because it groups the
atoms of S with the dynamics' grouping step.  Python spellings: ``lam`` = λ, ``reference`` = p_ref,
``w`` = e^r, ``S`` = supp p_ref.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Sequence

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.engines.mixing_trajectory import MixedTrajectory
from pluralnash.numeric.engines.mixing import (
    Box,
    MixingFixedPoint,
    MixingFixedPointSeveral,
    check_lam_below_one,
    check_several_rewards,
    check_single_reward_mixing,
    mixing_potential,
    power_step as _power_step,
    reference_groups as _groups,
    solve_mixing_fixed_point_several,
)
from pluralnash.numeric.engines import (
    interval_box as _ivbox,
    mixing_bisect as _bisect,
    mixing_point as _p_star,
    require_mixing_setup as _require,
    secular_function as _secular,
)
from pluralnash.numeric.model.landscape import Landscape, decimal_str
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import CheckResult, SolverError, Verdict

__all__ = [
    "check_mixing",
    "check_support_in_reference",
    "mixing_floor",
    "check_mixing_floor",
    "solve_mixing_fixed_point",
    "fixed_point_formula",
    "rate_bound_derived",
    "check_mixing_fixed_point",
    "several_fixed_point_formula",
    "several_rate_bound_derived",
    "check_mixing_several_rewards",
]

Floor = Callable[[Landscape], Sequence[Fraction]]


# ----------------------------------------------------------------------------------------------
# premises and the floor


def check_support_in_reference(landscape: Landscape) -> CheckResult:
    """Premise: supp p_0 ⊆ supp p_ref (an atom outside it with high reward can take the limit away)."""
    name = "supp p_0 within supp p_ref"
    if landscape.reference is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup has no reference/lam; add both")
    outside = [k for k in range(landscape.n) if landscape.p0[k] > 0 and landscape.reference[k] == 0]
    if outside:
        return CheckResult(name, Verdict.FAILS, "exact", {"outside_atoms": outside[:10]},
                           f"p0[{outside[0]}] = {landscape.p0[outside[0]]} > 0 but reference[{outside[0]}] = 0")
    return CheckResult(name, Verdict.HOLDS, "exact", {})


def check_mixing(landscape: Landscape) -> CheckResult:
    """Premise: the setup mixes in reference data (reference= and lam= given)."""
    name = "reference-data mixing given (reference, lam)"
    if landscape.reference is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup has no reference/lam; add both")
    return CheckResult(name, Verdict.HOLDS, "exact", {"lam": str(landscape.lam)})


def mixing_floor(landscape: Landscape) -> list[Fraction]:
    r"""The stated floor: p_t(x) >= (1 - λ) p_ref(x) for every t >= 1."""
    return [(1 - landscape.lam) * r for r in landscape.reference]


def check_mixing_floor(landscape: Landscape, *, floor: Floor = mixing_floor, steps: int = 6,
                       K: int | None = None) -> CheckResult:
    r"""Decide exactly that p_t(x) >= ``floor(landscape)[x]`` for t = 1..``steps`` (large K, or ``K``)."""
    name = "p_t(x) >= floor(x) for t >= 1"
    if not landscape.is_exact or landscape.reference is None:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards and reference/lam")
    bound = list(floor(landscape))
    p = list(landscape.p0)
    margin = None
    for t in range(1, steps + 1):
        p = evaluate_curated_update(landscape, p, K=K, method="enumerate" if K else "auto")
        gaps = [a - b for a, b in zip(p, bound)]
        worst = min(range(len(gaps)), key=lambda k: gaps[k])
        if gaps[worst] < 0:
            return CheckResult(name, Verdict.FAILS, "exact",
                               {"t": t, "atom": worst, "p_t": str(p[worst]), "floor": str(bound[worst])},
                               f"p_{t}({worst}) = {p[worst]} < {bound[worst]}")
        margin = gaps[worst] if margin is None else min(margin, gaps[worst])
        if max(v.denominator.bit_length() for v in p) > 20000:
            steps = t
            break
    return CheckResult(name, Verdict.HOLDS, "exact", {"steps": steps, "margin": str(float(margin))})


# ----------------------------------------------------------------------------------------------
# one reward: the solver, the stated forms, the check


def solve_mixing_fixed_point(landscape: Landscape, *, bits: int = 160) -> MixingFixedPoint:
    r"""Enclose the fixed point p* of the single-reward mixed map, Z*, and μ_2, exactly.

    Parameters
    ----------
    landscape : Landscape
        One reward given by rational ``exp_rewards``, with ``reference`` and ``lam`` < 1.
    bits : int, optional
        Brackets are narrowed to a relative width of about 2^-bits.

    Returns
    -------
    MixingFixedPoint

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/2"]], reference=["1/2", "1/2"], lam="1/2")
    >>> fp = solve_mixing_fixed_point(L, bits=40)
    >>> fp.Z[0] <= fp.Z[1] < fp.Z[0] * (1 + Fraction(1, 2 ** 39))
    True
    >>> (16 * fp.Z[0] - 9) ** 2 <= 17 <= (16 * fp.Z[1] - 9) ** 2  # here 8 Z^2 - 9 Z + 2 = 0
    True
    >>> [round(float(a), 6) for a, _ in fp.p]
    [0.640388, 0.359612]
    """
    check_int(bits, "bits", low=8, high=4096, example="bits=160")
    _require(landscape, "solve_mixing_fixed_point", check_single_reward_mixing, "one reward")
    lam, w = landscape.lam, landscape.exp_rewards[0]
    support = tuple(k for k in range(landscape.n) if landscape.reference[k] > 0)
    groups = _groups(landscape, support)
    rho_w = [(r, g) for r, g, _ in groups]
    top = groups[-1][1]
    if lam == 0:
        Z = (sum((landscape.reference[x] * w[x] for x in support), Fraction(0)),) * 2
    else:
        # Z* = E_{p*}[w] <= max_S w, and h(max_S w) <= 1 since h decreases through 1 at Z*
        h_top = _secular(rho_w, lam, top)
        if h_top > 1:
            raise SolverError(f"h(max_S w) = {decimal_str(h_top, 12)} > 1, so Z* is not bracketed by "
                              f"(lam max_S w, max_S w]; this contradicts Z* = E_p*[w] <= max_S w (a bug)")
        Z = (top, top) if h_top == 1 else _bisect(rho_w, lam, lam * top, top, bits)
    p: Box = []
    for x in range(landscape.n):
        if x not in support:
            p.append((Fraction(0), Fraction(0)))
        elif lam == 0:
            p.append((landscape.reference[x],) * 2)
        else:  # p*(x) decreases in Z
            p.append((_p_star(landscape, x, Z[1]), _p_star(landscape, x, Z[0])))
    mu2 = None
    if len(support) > 1:
        if lam == 0:
            mu2 = (Fraction(0), Fraction(0))  # M = p_ref wᵀ has rank one
        elif groups[-1][2] > 1:
            mu2 = (lam * top, lam * top)  # a repeated top value of w is an eigenvalue λ g_G
        else:
            mu2 = _bisect(rho_w, lam, lam * groups[-2][1], lam * top, bits)
    masses = sorted(landscape.reference[x] for x in support)
    if len(masses) > 1 and lam > 0:
        c = lam / (1 - lam)
        R = (1 + c / masses[0]) * (1 + c / masses[1])
    else:
        R = Fraction(1)
    return MixingFixedPoint(support, lam, tuple(w), Z, p, mu2, R, bits)


def fixed_point_formula(landscape: Landscape, fp: MixingFixedPoint) -> Box:
    r"""The derived p*(x) = (1 - λ) p_ref(x)/(1 - λ w(x)/Z*), enclosed through the bracket of Z*."""
    return fp.p


def rate_bound_derived(fp: MixingFixedPoint) -> tuple[Fraction, Fraction]:
    r"""The stated rate ρ = λ max_S w / Z*, as the bound ρ Z* = λ max_S w on μ_2 (exact)."""
    top = fp.lam * max(fp.w[x] for x in fp.support)
    return top, top


FixedPointForm = Callable[[Landscape, MixingFixedPoint], Box]
RateForm = Callable[[MixingFixedPoint], tuple[Fraction, Fraction]]


def _max_ratio(pairs) -> Fraction:
    """max_k a_k/b_k over (a_k, b_k) pairs of Fractions, b_k != 0: the quotients compared as unreduced integer
    pairs (A, B), B > 0, by A_1 B_2 > A_2 B_1, so only the largest one is reduced (one gcd, not one per pair)."""
    best = None
    for a, b in pairs:
        A, B = a.numerator * b.denominator, a.denominator * b.numerator
        if B <= 0:
            if B == 0:
                raise ZeroDivisionError(f"{a}/{b}")
            A, B = -A, -B
        if best is None or A * best[1] > best[0] * B:
            best = A, B
    return Fraction(*best)


def _hilbert(v: Sequence[Fraction], box: Box, support: Sequence[int]) -> tuple[Fraction, Fraction]:
    r"""Bounds (lo, hi) on e^{d_H(v, p)} over p in ``box`` (on S; d_H is projective, so v need not sum to 1)."""
    if len(support) < 2:
        return Fraction(1), Fraction(1)
    hi = _max_ratio((v[x], box[x][0]) for x in support) * _max_ratio((box[y][1], v[y]) for y in support)
    lo = _max_ratio((v[x], box[x][1]) for x in support) * _max_ratio((box[y][0], v[y]) for y in support)
    return max(lo, Fraction(1)), hi


def _directed(raw, up: bool) -> str:
    """The raw mpf in 12 digits (nstr's form), stepped outward until the printed number bounds it."""
    from pluralnash.numeric.arith.format import directed_text

    return directed_text(raw, up, 12, 20)


def _upper(x) -> str:
    return _directed(x._mpi_[1], True)


def _lower(x) -> str:
    return _directed(x._mpi_[0], False)


def _fail(name: str, ev: dict, reason: str, method: str = "exact") -> CheckResult:
    return CheckResult(name, Verdict.FAILS, method, ev, reason)


def _outside_atom(landscape: Landscape, support: Sequence[int]) -> int | None:
    """The first atom y outside supp p_ref that p_0 charges (None when supp p_0 lies within it)."""
    return next((y for y in range(landscape.n) if landscape.p0[y] > 0 and y not in support), None)


def _outside_premises(landscape: Landscape, name: str, steps: int, count: Callable) -> CheckResult | None:
    """Refuse a bad ``steps``; UNDECIDED when the setup is outside the premises (reward count, λ < 1, exact)."""
    check_int(steps, "steps", low=1, high=10000, example="steps=30")
    for check in (count, check_lam_below_one):
        res = check(landscape)
        if res.verdict is not Verdict.HOLDS:
            return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"outside the claim: {res.reason}")
    if not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs rational exp_rewards")
    return None


def check_mixing_fixed_point(landscape: Landscape, *, fixed_point: FixedPointForm = fixed_point_formula,
                             rate: RateForm = rate_bound_derived, steps: int = 40, bits: int = 160) -> CheckResult:
    r"""Decide the ``mixing-fixed-point`` conclusion on one single-reward setup (certified).

    Three pieces, the first failure reported:

    1. *fixed point*: the stated p* (``fixed_point``) is the fixed point.  For the derived formula
       the root Z* of h = 1 is bracketed exactly (so p* = formula(Z*) is a fixed point by the
       symbolic identity, and the only one by Perron–Frobenius); an exact candidate is mapped
       exactly, and T(p̂) != p̂ is a certified FAILS.
    2. *local rate*: μ_2 <= ``rate(fp)`` (a bound on μ_2 = ρ Z*), both enclosed exactly.
    3. *dynamics*: along the exact trajectory, d_H(p_{t+1}, p*) <= τ d_H(p_t, p*) for t = 1..``steps``
       (while d_H(p_t, p*) is resolvable against the enclosure of p*), in interval arithmetic; and an
       atom y ∉ supp p_ref charged by p_0 with λ w(y) > Z* is a certified FAILS (the limit is not p*).

    Returns
    -------
    CheckResult
        HOLDS (``method="interval"``) when every piece is decided true; FAILS naming the piece;
        UNDECIDED (outside the premises, or a step not decided) with the reason.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/2", "1/4"]], reference=["1/3", "1/3", "1/3"], lam="3/4")
    >>> res = check_mixing_fixed_point(L, steps=10)
    >>> res.verdict, res.certified
    (Verdict.HOLDS, True)
    >>> from pluralnash.claims.mixing.planted import fixed_point_reference
    >>> check_mixing_fixed_point(L, fixed_point=fixed_point_reference).reason.split(":")[0]
    'the stated p* is not a fixed point'
    """
    name = "p* unique fixed point, local rate mu_2/Z* <= bound, d_H contraction tau along p_t"
    outside = _outside_premises(landscape, name, steps, check_single_reward_mixing)
    if outside is not None:
        return outside
    fp = solve_mixing_fixed_point(landscape, bits=bits)
    ev: dict[str, Any] = {"fixed_point": fp.to_json()}
    box = fixed_point(landscape, fp)
    for piece in (lambda: _stated_fixed_point(landscape, fp, box, name, ev),
                  lambda: _stated_rate(fp, rate, name, ev),
                  lambda: _outside_atom_single(landscape, fp, name, ev)):
        res = piece()
        if res is not None:
            return res
    return _contraction(landscape, fp, box, name, ev, steps, bits)


def _stated_fixed_point(landscape: Landscape, fp: MixingFixedPoint, box: Box, name: str,
                        ev: dict) -> CheckResult | None:
    """Piece 1: the stated p* against T (exactly, for an exact candidate), the simplex and the floor."""
    lam, S = landscape.lam, fp.support
    if all(a == b for a, b in box):
        cand = [a for a, _ in box]
        image = _power_step(landscape, cand)
        total = sum(image, Fraction(0))
        image = [v / total for v in image]
        bad = [x for x in range(landscape.n) if image[x] != cand[x]]
        if bad:
            x = bad[0]
            ev.update({"atom": x, "p_hat": str(cand[x]), "T(p_hat)": decimal_str(image[x], 15)})
            return _fail(name, ev, f"the stated p* is not a fixed point: T(p_hat)({x}) = "
                                   f"{decimal_str(image[x], 12)} != p_hat({x}) = {decimal_str(cand[x], 12)}")
    box_lo, box_hi = sum(a for a, _ in box), sum(b for _, b in box)
    if not box_lo <= 1 <= box_hi:
        return _fail(name, ev, f"the stated p* does not sum to 1 (its enclosure sums to "
                               f"[{decimal_str(box_lo, 12)}, {decimal_str(box_hi, 12)}])")
    for x in S:
        if box[x][1] < (1 - lam) * landscape.reference[x]:  # every image of T lies above the floor
            return _fail(name, ev, f"the stated p*({x}) <= {decimal_str(box[x][1], 12)} is below (1 - lam) p_ref({x}) "
                                   f"= {decimal_str((1 - lam) * landscape.reference[x], 12)}, under which no fixed point lies")
        if box[x][0] <= 0:
            return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                               f"the stated p* enclosure reaches 0 at atom {x} of supp p_ref; narrow it")
    if any(box[x][1] > 0 for x in range(landscape.n) if x not in S):
        x = next(x for x in range(landscape.n) if x not in S and box[x][1] > 0)
        return _fail(name, ev, f"the stated p* charges atom {x} outside supp p_ref, where T(p)({x}) = "
                               f"lam w p({x})/Z(p) forces p*({x}) = 0 unless lam w({x}) = Z*")
    return None


def _stated_rate(fp: MixingFixedPoint, rate: RateForm, name: str, ev: dict) -> CheckResult | None:
    """Piece 2: the local rate, μ_2 against the stated bound on it (both exact enclosures)."""
    if fp.mu2 is None:
        return None
    b_lo, b_hi = rate(fp)
    ev["rate"] = {"mu_2": [decimal_str(v, 15) for v in fp.mu2], "bound": [decimal_str(b_lo, 15),
                                                                       decimal_str(b_hi, 15)]}
    if fp.mu2[0] > b_hi:
        return _fail(name, ev, f"the local rate exceeds the stated bound: mu_2/Z* >= "
                               f"{decimal_str(fp.mu2[0] / fp.Z[1], 12)} > {decimal_str(b_hi / fp.Z[0], 12)} "
                               f"(mu_2 = subdominant eigenvalue of M, certified by bisection)")
    if fp.mu2[1] > b_lo:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                           "the local rate and the stated bound overlap at this precision")
    ev["margin"] = decimal_str((b_lo - fp.mu2[1]) / fp.Z[1], 12)
    return None


def _outside_atom_single(landscape: Landscape, fp: MixingFixedPoint, name: str, ev: dict) -> CheckResult | None:
    """Piece 3a: an atom y outside supp p_ref charged by p_0 (FAILS when λ w(y) > Z*, else UNDECIDED)."""
    lam, w = landscape.lam, fp.w
    y = _outside_atom(landscape, fp.support)
    if y is None:
        return None
    ev["outside_atom"] = {"atom": y, "lam w(y)": decimal_str(lam * w[y], 15)}
    if lam * w[y] > fp.Z[1]:
        return _fail(name, ev, f"p_0 charges atom {y} outside supp p_ref with lam w({y}) = "
                               f"{decimal_str(lam * w[y], 12)} > Z* (<= {decimal_str(fp.Z[1], 12)}): "
                               f"p_t({y}) > 0 for ever and, were p_t -> p*, p_t+1({y})/p_t({y}) = "
                               f"lam w({y})/Z_t -> lam w({y})/Z* > 1, so p_t does not converge to p*")
    return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                       f"p_0 charges atom {y} outside supp p_ref (lam w({y}) <= Z*): outside the "
                       f"support premise, convergence not certified here")


def _contraction(landscape: Landscape, fp: MixingFixedPoint, box: Box, name: str, ev: dict, steps: int,
                 bits: int) -> CheckResult:
    """Piece 3b: the exact trajectory contracts toward p* in Hilbert's metric by τ at every step (interval)."""
    S = fp.support
    v = list(landscape.p0)
    v = _power_step(landscape, v)
    engine = evaluate_curated_update(landscape)
    total = sum(v, Fraction(0))
    if [a / total for a in v] != engine:  # the power iteration is the engine's mixed map
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "the power iteration disagrees with the engine")
    prec = bits + 64
    checked = 0
    with iv_workprec(prec):
        tau = fp.tau()
        ev["tau <="] = _upper(tau)
        lo, hi = _hilbert(v, box, S)
        d_prev = (iv.log(iv_frac(lo)), iv.log(iv_frac(hi)))
        d_first = d_prev
        # Near p* the step's slack against tau is O(d_H^2) relative when the local rate equals tau (e.g. a
        # constant reward), while the enclosure blurs d_H by 2^-prec/d_H: stop while d_H >> 2^-prec/3.
        resolvable = Fraction(1, 2 ** (bits // 4))
        for t in range(1, steps + 1):
            if hi - 1 < resolvable:
                break
            v = _power_step(landscape, v)
            lo, hi = _hilbert(v, box, S)
            d_next = (iv.log(iv_frac(lo)), iv.log(iv_frac(hi)))
            if d_next[0].a > (tau * d_prev[1]).b:
                ev.update({"t": t, "d_H(p_t, p*) <=": _upper(d_prev[1]), "d_H(p_t+1, p*) >=": _lower(d_next[0])})
                return _fail(name, ev, f"the run does not contract toward the stated p* at t = {t}: "
                                       f"d_H(p_{t + 1}, p*) > tau d_H(p_{t}, p*)", "interval")
            if d_next[1].b > (tau * d_prev[0]).a:
                ev["t"] = t
                return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                                   f"contraction at t = {t} not decided at {prec} bits")
            checked += 1
            d_prev = d_next
        ev.update({"steps_checked": checked, "d_H(p_1, p*) <=": _upper(d_first[1]),
                   "d_H(p_T, p*) <=": _upper(d_prev[1])})
    return CheckResult(name, Verdict.HOLDS, "interval", ev)


# ----------------------------------------------------------------------------------------------
# several rewards: the stated forms, the check


def several_fixed_point_formula(landscape: Landscape, fp: MixingFixedPointSeveral) -> Box:
    r"""The derived p*(x) = (1 - λ) p_ref(x)/(1 - λ Σ_i q_i v_i(x)/Z_i*), enclosed through the Krawczyk box."""
    return fp.p


def several_rate_bound_derived(landscape: Landscape, fp: MixingFixedPointSeveral) -> tuple[Fraction, Fraction]:
    r"""The derived bound λ max_S W* on the local rate, at the upper end of its enclosure."""
    return fp.rate[1], fp.rate[1]


SeveralForm = Callable[[Landscape, MixingFixedPointSeveral], Box]
SeveralRate = Callable[[Landscape, MixingFixedPointSeveral], tuple[Fraction, Fraction]]


def check_mixing_several_rewards(landscape: Landscape, *, fixed_point: SeveralForm = several_fixed_point_formula,
                                 rate: SeveralRate = several_rate_bound_derived, steps: int = 30,
                                 prec: int = 192) -> CheckResult:
    r"""Decide the ``mixing-several-rewards`` conclusion on one setup with m >= 2 rewards (certified).

    Three pieces, the first failure reported:

    1. *fixed point*: the Krawczyk test proves exactly one zero Z* of the m equations in a small box,
       so p* (derived formula) is enclosed; the stated p* (``fixed_point``) must meet that enclosure
       at every atom (a disjoint atom is a certified FAILS).  Global uniqueness is the symbolic part
       (the fixed points are the stationary points of the strictly concave potential G).
    2. *local rate*: L <= rate <= λ max_S W* (Rayleigh quotient below, the derived bound above), and
       λ max_S W* < 1; a stated bound (``rate``) below L is a certified FAILS.
    3. *dynamics*: an atom y ∉ supp p_ref charged by p_0 with λ W*(y) > 1 is a certified FAILS (the
       run cannot converge to p*); otherwise, along the interval trajectory from p_0,
       G(p_{t+1}) - G(p_t) >= KL(p_{t+1} || p_t) at every step until the interval width stops
       deciding it, and ||p_t - p*||_2^2 <= 2 (G(p*) - G(p_t))/((1 - λ) min_S p_ref) is reported.

    Returns
    -------
    CheckResult
        HOLDS (``method="interval"``) when every piece is decided; FAILS naming the piece;
        UNDECIDED (outside the premises, or a step not decided) with the reason.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/20", "1/4"], ["1/20", "1", "1/4"]], weights=["1/3", "2/3"],
    ...               reference=["1/10", "1/10", "4/5"], lam="9/10")
    >>> res = check_mixing_several_rewards(L, steps=10)
    >>> res.verdict, res.certified
    (Verdict.HOLDS, True)
    >>> from pluralnash.claims.mixing.planted import fixed_point_weighted_average
    >>> check_mixing_several_rewards(L, fixed_point=fixed_point_weighted_average).reason.split(":")[0]
    'the stated p* is not the fixed point'
    """
    name = "p* unique fixed point (Krawczyk box), local rate <= lam max_S W* < 1, G ascends by KL along p_t"
    outside = _outside_premises(landscape, name, steps, check_several_rewards)
    if outside is not None:
        return outside
    try:
        fp = solve_mixing_fixed_point_several(landscape, prec=prec)
    except SolverError as exc:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, str(exc))
    ev: dict[str, Any] = {"fixed_point": fp.to_json()}
    for piece in (lambda: _stated_fixed_point_several(landscape, fp, fixed_point, name, ev),
                  lambda: _stated_rate_several(landscape, fp, rate, name, ev),
                  lambda: _outside_atom_several(landscape, fp, name, ev)):
        res = piece()
        if res is not None:
            return res
    return _lyapunov_ascent(landscape, fp, name, ev, steps, prec)


def _stated_fixed_point_several(landscape: Landscape, fp: MixingFixedPointSeveral, fixed_point: SeveralForm,
                                name: str, ev: dict) -> CheckResult | None:
    """Piece 1: the stated p* against the Krawczyk-certified enclosure, atom by atom."""
    box = fixed_point(landscape, fp)
    for x in range(landscape.n):
        (a, b), (c, d) = box[x], fp.p[x]
        if b < c or d < a:
            ev.update({"atom": x, "stated": [decimal_str(a, 15), decimal_str(b, 15)],
                       "certified": [decimal_str(c, 15), decimal_str(d, 15)]})
            return _fail(name, ev, f"the stated p* is not the fixed point: at atom {x} it lies in "
                                   f"[{decimal_str(a, 12)}, {decimal_str(b, 12)}], the Krawczyk-certified p*({x}) in "
                                   f"[{decimal_str(c, 12)}, {decimal_str(d, 12)}]", "interval")
    if not sum(a for a, _ in fp.p) <= 1 <= sum(b for _, b in fp.p):
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "the enclosure of p* does not sum to 1 (a bug)")
    return None


def _stated_rate_several(landscape: Landscape, fp: MixingFixedPointSeveral, rate: SeveralRate, name: str,
                         ev: dict) -> CheckResult | None:
    """Piece 2: λ max_S W* < 1, and the stated rate bound against the certified enclosure of the rate."""
    top = fp.lam * max(fp.W[x][1] for x in fp.support)
    if top >= 1:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "lam max_S W* < 1 not decided at this precision")
    if fp.rate is None:
        return None
    L, U = fp.rate
    b_lo, b_hi = rate(landscape, fp)
    ev["rate"] = {"local rate >=": decimal_str(L, 15), "<= lam max_S W* <=": decimal_str(U, 15),
                  "stated bound": decimal_str(b_hi, 15)}
    # room of the rate piece: stated bound minus the certified upper bound (or lower bound, when
    # it fails); a float for steering the search, not a certificate
    ev["margin"] = float(b_hi - L) if L > b_hi else float(b_lo - U)
    if L > b_hi:
        return _fail(name, ev, f"the local rate exceeds the stated bound: rate >= {decimal_str(L, 12)} > "
                               f"{decimal_str(b_hi, 12)} (Rayleigh quotient of DT(p*), interval)", "interval")
    if U > b_lo:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                           f"the stated rate bound {decimal_str(b_lo, 12)} is below the certified upper bound "
                           f"{decimal_str(U, 12)} and above the lower bound {decimal_str(L, 12)}: not decided")
    return None


def _outside_atom_several(landscape: Landscape, fp: MixingFixedPointSeveral, name: str,
                          ev: dict) -> CheckResult | None:
    """Piece 3a: an atom y outside supp p_ref charged by p_0 (FAILS when λ W*(y) > 1, else UNDECIDED)."""
    lam = fp.lam
    y = _outside_atom(landscape, fp.support)
    if y is None:
        return None
    ev["outside_atom"] = {"atom": y, "lam W*(y) >=": decimal_str(lam * fp.W[y][0], 15)}
    if lam * fp.W[y][0] > 1:
        return _fail(name, ev, f"p_0 charges atom {y} outside supp p_ref with lam W*({y}) >= "
                               f"{decimal_str(lam * fp.W[y][0], 12)} > 1: p_t({y}) > 0 for ever and, were "
                               f"p_t -> p*, p_t+1({y})/p_t({y}) = lam W_t({y}) -> lam W*({y}) > 1, so p_t "
                               f"does not converge to p*", "interval")
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                       f"p_0 charges atom {y} outside supp p_ref (lam W*({y}) > 1 not shown): outside the "
                       f"support premise, convergence not certified here")


def _lyapunov_ascent(landscape: Landscape, fp: MixingFixedPointSeveral, name: str, ev: dict, steps: int,
                     prec: int) -> CheckResult:
    """Piece 3b: G(p_t+1) - G(p_t) >= KL(p_t+1 || p_t) along the interval trajectory, and the distance bound."""
    lam, S = fp.lam, fp.support
    checked = 0
    with iv_workprec(prec + 64):
        mu = iv_frac((1 - lam) * min(landscape.reference[x] for x in S))
        g_star = mixing_potential(landscape, [_ivbox(a, b) for a, b in fp.p]).b
        run = MixedTrajectory(landscape)  # the states stay in the backend; G and KL are read as iv
        P = run.step(run.start(landscape.p0))
        G = run.potential(P)
        for t in range(1, steps + 1):
            Q = run.step(P)
            G_next = run.potential(Q)
            KL = run.kl(Q, P)
            gap = G_next - G - KL
            if gap.b < 0:
                ev["t"] = t
                return _fail(name, ev, f"the potential's step inequality fails at t = {t}: G(p_t+1) - G(p_t) < "
                                       f"KL(p_t+1 || p_t)", "interval")
            if gap.a < 0:
                break  # the interval width no longer resolves the step: the check stops here
            P, G, checked = Q, G_next, t
        dist2 = 2 * (g_star - G.a) / mu
        ev.update({"steps_checked": checked,
                   "||p_T - p*||_2 <=": _upper(iv.sqrt(iv.mpf([0, dist2.b]))) if dist2.b >= 0 else "0"})
    return CheckResult(name, Verdict.HOLDS, "interval", ev)
