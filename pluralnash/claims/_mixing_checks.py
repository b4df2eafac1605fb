r"""Reference-data mixing: p_{t+1} = (1 - λ) p_ref + λ · (curated update of p_t).

Python spellings: ``lam`` = λ (the curated share), ``reference`` = p_ref, ``w`` = e^r, ``S`` = supp p_ref.

Two claims are checked here: the floor p_t >= (1 - λ) p_ref (``mixing-floor``) and, for one reward
(m = 1), the fixed point and the convergence of the mixed dynamics (``mixing-fixed-point``).

Single reward: the mixed map is power iteration
-----------------------------------------------
With one reward the large-K mixed map is the projective action of a nonnegative matrix:

    T(p) = (1 - λ) p_ref + λ p w / Z(p) = M p / 1ᵀ M p,   M = λ diag(w) + (1 - λ) p_ref wᵀ,

since 1ᵀ M p = Z(p) = E_p[w].  On S, M is positive (λ < 1), so by Perron–Frobenius T has exactly one
fixed point p* in the simplex on S, the Perron vector; its eigenvalue is Z* = E_{p*}[w].

- *Fixed point.*  p*(x) = (1 - λ) p_ref(x) / (1 - λ w(x)/Z*), and Z* is the unique root in
  (λ max_S w, ∞) of h(Z) = (1 - λ) Σ_x p_ref(x) w(x) / (Z - λ w(x)) = 1 (h decreases strictly).
  Equivalently Σ_x p*(x) = 1.  Z* <= max_S w, so the root is bracketed by exact rational bisection.
- *Spectrum.*  det(M - μ) = Π_x (λ w(x) - μ) · (1 - h(μ)): the eigenvalues of M are Z*, one root of
  h = 1 in each gap (λ g_k, λ g_{k+1}) between consecutive distinct values g_1 < ... < g_G of w on S,
  and λ g_k with multiplicity (number of atoms of S at g_k) - 1.  The Jacobian of T at p* maps the
  tangent space {Σ d = 0} to itself with eigenvalues μ/Z*, μ the eigenvalues of M other than Z*; all
  lie in [λ min_S w/Z*, λ max_S w/Z*], so the local linear rate μ_2/Z* (μ_2 the subdominant
  eigenvalue) is at most λ max_S w / Z* < 1.
- *Global contraction.*  M = N diag(w), N = (1 - λ) p_ref 1ᵀ + λ I, and diag(w) is an isometry of
  Hilbert's projective metric d_H(p, q) = log max_x (p/q) - log min_x (p/q) on S.  By Birkhoff–Hopf,
  d_H(T p, T q) <= τ d_H(p, q) with τ = tanh(Δ/4) = (√R - 1)/(√R + 1), R = e^Δ =
  (1 + c/ρ_1)(1 + c/ρ_2), c = λ/(1 - λ), ρ_1 <= ρ_2 the two smallest masses of p_ref on S.  τ does not
  depend on the reward.  So p_t -> p* from every p_0 with supp p_0 ⊆ S.
- *Outside atoms.*  An atom y ∉ S charged by p_0 keeps p_{t+1}(y) = λ w(y) p_t(y)/Z_t > 0.  If
  λ w(y) > Z*, then p_t cannot converge to p*: near p* the ratio λ w(y)/Z_t exceeds 1 while
  p*(y) = 0.  (With λ w(y) < Z* for every such y the limit is still p*, by Perron–Frobenius on the
  larger support; that case is outside the claim and left undecided here.)

Certification: Z* and μ_2 are bracketed by exact rational bisection (each bracket end's side is
decided exactly); p* is enclosed through the monotonicity of p*(x) in Z; the trajectory p_t is
computed exactly (rational power iteration, cross-checked against the engine's first step); d_H
and τ are bounded with ``mpmath.iv``.  Nothing rests on a float comparison.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.grouping import group_by_reward_vector
from pluralnash.numeric.engines.step import EXACT, FIELD, large_k_step, mixed_step
from pluralnash.numeric.model.landscape import Landscape, decimal_str
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = [
    "check_mixing",
    "check_mixing_floor",
    "mixing_floor",
    "MixingFixedPoint",
    "solve_mixing_fixed_point",
    "check_single_reward",
    "check_lam_below_one",
    "check_support_in_reference",
    "check_mixing_fixed_point",
    "fixed_point_formula",
    "fixed_point_reference",
    "fixed_point_tilt",
    "rate_bound_derived",
    "rate_bound_lam_squared",
    "check_several_rewards",
    "MixingFixedPointSeveral",
    "solve_mixing_fixed_point_several",
    "mixing_potential",
    "check_mixing_several_rewards",
    "several_fixed_point_formula",
    "fixed_point_weighted_average",
    "several_rate_bound_derived",
    "rate_bound_lam",
]

Floor = Callable[[Landscape], Sequence[Fraction]]
Box = list[tuple[Fraction, Fraction]]


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
# premises of mixing-fixed-point


def check_single_reward(landscape: Landscape) -> CheckResult:
    """Premise: one reward (m = 1), so the mixed map is power iteration of a positive matrix."""
    name = "single reward (m = 1)"
    if landscape.m == 1:
        return CheckResult(name, Verdict.HOLDS, "exact", {"m": 1})
    return CheckResult(name, Verdict.FAILS, "exact", {"m": landscape.m},
                       f"m = {landscape.m} rewards; the fixed-point claim covers m = 1 only")


def check_lam_below_one(landscape: Landscape) -> CheckResult:
    """Premise: reference-data mixing with λ < 1 (λ = 1 is pure curation, which collapses)."""
    name = "reference given and lam < 1"
    if landscape.reference is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup has no reference/lam; add both")
    if landscape.lam >= 1:
        return CheckResult(name, Verdict.FAILS, "exact", {"lam": str(landscape.lam)},
                           "lam = 1 mixes in no reference data")
    return CheckResult(name, Verdict.HOLDS, "exact", {"lam": str(landscape.lam)})


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


# ----------------------------------------------------------------------------------------------
# the fixed point and the spectrum, by exact rational bisection


@dataclass(frozen=True)
class MixingFixedPoint:
    r"""The certified fixed point of the single-reward mixed map, with its spectrum.

    Attributes
    ----------
    support : tuple of int
        S = supp p_ref.
    lam : Fraction
    w : tuple of Fraction
        w(x) = e^{r(x)} for every atom.
    Z : tuple of Fraction
        (Z_lo, Z_hi) with Z_lo <= Z* <= Z_hi, decided exactly; equal when Z* was hit exactly.
    p : list of (Fraction, Fraction)
        Enclosure of p*(x) for every atom (0 off S).
    mu2 : tuple of Fraction or None
        Enclosure of μ_2, the subdominant eigenvalue of M on S (None when |S| = 1: no tangent space).
    R : Fraction
        R = e^Δ = (1 + c/ρ_1)(1 + c/ρ_2) (1 when |S| = 1); the contraction is τ = (√R - 1)/(√R + 1).
    bits : int
        Relative width of the brackets, about 2^-bits.
    """

    support: tuple[int, ...]
    lam: Fraction
    w: tuple[Fraction, ...]
    Z: tuple[Fraction, Fraction]
    p: Box
    mu2: tuple[Fraction, Fraction] | None
    R: Fraction
    bits: int

    def tau(self):
        """τ = (√R - 1)/(√R + 1) as an ``mpmath.iv`` interval (at the caller's iv precision)."""
        s = iv.sqrt(iv_frac(self.R))
        return (s - 1) / (s + 1)

    def to_json(self) -> dict[str, Any]:
        out = {"support": list(self.support), "Z*": [decimal_str(z, 20) for z in self.Z],
               "p*": [decimal_str((a + b) / 2, 15) for a, b in self.p], "R": decimal_str(self.R, 12),
               "bits": self.bits}
        if self.mu2 is not None:
            out["mu_2"] = [decimal_str(v, 15) for v in self.mu2]
            out["local rate mu_2/Z*"] = decimal_str(self.mu2[1] / self.Z[0], 15)
            out["rate bound lam max_S w / Z*"] = decimal_str(self.lam * max(self.w[k] for k in self.support)
                                                             / self.Z[0], 15)
        return out


def _secular(rho_w: Sequence[tuple[Fraction, Fraction]], lam: Fraction, z: Fraction) -> Fraction:
    r"""h(z) = (1 - λ) Σ_g ρ_g g / (z - λ g) over the groups (ρ_g, g) of S."""
    return (1 - lam) * sum((r * g / (z - lam * g) for r, g in rho_w), Fraction(0))


def _bisect(rho_w, lam: Fraction, lo: Fraction, hi: Fraction, bits: int) -> tuple[Fraction, Fraction]:
    r"""Bracket the root of h = 1 in (lo, hi), where h decreases strictly from above 1 to below 1.

    ``lo`` may be a pole (h = +∞) and ``hi`` a pole (h = -∞) or a point with h(hi) <= 1.
    """
    target = (hi - lo) / 2 ** bits
    while hi - lo > target:
        mid = (lo + hi) / 2
        h = _secular(rho_w, lam, mid)
        if h == 1:
            return mid, mid
        lo, hi = (mid, hi) if h > 1 else (lo, mid)
    return lo, hi


def _p_star(landscape: Landscape, x: int, Z: Fraction) -> Fraction:
    lam, rho = landscape.lam, landscape.reference[x]
    return (1 - lam) * rho * Z / (Z - lam * landscape.exp_rewards[0][x])


def _groups(landscape: Landscape, support: Sequence[int]) -> list[tuple[Fraction, Fraction, int]]:
    """(ρ_g, g, count) for each distinct value g of w on S, in increasing g."""
    groups = group_by_reward_vector(landscape.exp_rewards, [0], support)
    return [(sum((landscape.reference[x] for x in atoms), Fraction(0)), g, len(atoms))
            for (g,), atoms in sorted(groups.items())]


def _require(landscape: Landscape, solver: str, count: Callable, rewards: str) -> None:
    """InvalidArgument unless the setup has the solver's reward count, reference= with lam < 1, exp_rewards."""
    for check in (count, check_lam_below_one):
        res = check(landscape)
        if res.verdict is not Verdict.HOLDS:
            raise InvalidArgument(f"{solver} needs {res.name}: {res.reason}; "
                                  f"pass a setup with {rewards}, reference= and lam < 1")
    if not landscape.is_exact:
        raise InvalidArgument(f"{solver} needs rational exp_rewards (e^r is irrational for rewards=); "
                              f"give exp_rewards=")


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
    if isinstance(bits, bool) or not isinstance(bits, int) or not 8 <= bits <= 4096:
        raise InvalidArgument(f"bits={bits!r} must be a whole number from 8 to 4096; pass e.g. bits=160")
    _require(landscape, "solve_mixing_fixed_point", check_single_reward, "one reward")
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


# ----------------------------------------------------------------------------------------------
# stated and planted forms


def fixed_point_formula(landscape: Landscape, fp: MixingFixedPoint) -> Box:
    r"""The derived p*(x) = (1 - λ) p_ref(x)/(1 - λ w(x)/Z*), enclosed through the bracket of Z*."""
    return fp.p


def fixed_point_reference(landscape: Landscape, fp: MixingFixedPoint) -> Box:
    """Planted: p* = p_ref (the reference is a fixed point)."""
    return [(r, r) for r in landscape.reference]


def fixed_point_tilt(landscape: Landscape, fp: MixingFixedPoint) -> Box:
    """Planted: p* = p_ref e^r / E_{p_ref}[e^r] (one tilt of the reference)."""
    w = landscape.exp_rewards[0]
    Z = sum((r * v for r, v in zip(landscape.reference, w)), Fraction(0))
    return [(r * v / Z,) * 2 for r, v in zip(landscape.reference, w)]


def rate_bound_derived(fp: MixingFixedPoint) -> tuple[Fraction, Fraction]:
    r"""The stated rate ρ = λ max_S w / Z*, as the bound ρ Z* = λ max_S w on μ_2 (exact)."""
    top = fp.lam * max(fp.w[x] for x in fp.support)
    return top, top


def rate_bound_lam_squared(fp: MixingFixedPoint) -> tuple[Fraction, Fraction]:
    r"""Planted: local rate at most λ², i.e. μ_2 <= λ² Z* (enclosed through the bracket of Z*)."""
    return fp.lam ** 2 * fp.Z[0], fp.lam ** 2 * fp.Z[1]


FixedPointForm = Callable[[Landscape, MixingFixedPoint], Box]
RateForm = Callable[[MixingFixedPoint], tuple[Fraction, Fraction]]


# ----------------------------------------------------------------------------------------------
# the instance check


def _power_step(landscape: Landscape, v: list[Fraction]) -> list[Fraction]:
    """v -> M v = (1 - λ) p_ref (w·v) + λ w ∘ v (unnormalised; the mixed map is v / Σ v).

    M v = Z(v) · ((1 - λ) p_ref + λ v', v' the large-K step of v): Z(v) v' = w ∘ v exactly.
    """
    lam, w, ref = landscape.lam, landscape.exp_rewards[0], landscape.reference
    Z, _, v_next = large_k_step(EXACT, v, [w], [Fraction(1)])
    return [(1 - lam) * r * Z[0] + lam * Z[0] * u for r, u in zip(ref, v_next)]


def _hilbert(v: Sequence[Fraction], box: Box, support: Sequence[int]) -> tuple[Fraction, Fraction]:
    r"""Bounds (lo, hi) on e^{d_H(v, p)} over p in ``box`` (on S; d_H is projective, so v need not sum to 1)."""
    if len(support) < 2:
        return Fraction(1), Fraction(1)
    hi = max(v[x] / box[x][0] for x in support) * max(box[y][1] / v[y] for y in support)
    lo = max(v[x] / box[x][1] for x in support) * max(box[y][0] / v[y] for y in support)
    return max(lo, Fraction(1)), hi


def _directed(raw, up: bool) -> str:
    """The raw mpf in 12 digits (nstr's form), stepped outward until the printed number bounds it."""
    with mpmath.workdps(20):
        v = mpmath.mp.make_mpf(raw)   # exact; the original read mpf(x.b), rounded to 20 digits
        text = mpmath.nstr(v, 12)
        if not mpmath.isfinite(v):
            return text
        exact = _frac(v)
        step = abs(v) * mpmath.mpf(10) ** -11
        while (Fraction(text) < exact) if up else (Fraction(text) > exact):
            v = v + step if up else v - step
            text = mpmath.nstr(v, 12)
        return text


def _upper(x) -> str:
    return _directed(x._mpi_[1], True)


def _lower(x) -> str:
    return _directed(x._mpi_[0], False)


def _fail(name: str, ev: dict, reason: str, method: str = "exact") -> CheckResult:
    return CheckResult(name, Verdict.FAILS, method, ev, reason)


def _outside_premises(landscape: Landscape, name: str, steps: int, count: Callable) -> CheckResult | None:
    """Refuse a bad ``steps``; UNDECIDED when the setup is outside the premises (reward count, λ < 1, exact)."""
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 10000:
        raise InvalidArgument(f"steps={steps!r} must be a whole number from 1 to 10000; pass e.g. steps=30")
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
    >>> check_mixing_fixed_point(L, fixed_point=fixed_point_reference).reason.split(":")[0]
    'the stated p* is not a fixed point'
    """
    name = "p* unique fixed point, local rate mu_2/Z* <= bound, d_H contraction tau along p_t"
    outside = _outside_premises(landscape, name, steps, check_single_reward)
    if outside is not None:
        return outside
    fp = solve_mixing_fixed_point(landscape, bits=bits)
    ev: dict[str, Any] = {"fixed_point": fp.to_json()}
    lam, w, S = landscape.lam, fp.w, fp.support

    # 1. the stated fixed point
    box = fixed_point(landscape, fp)
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

    # 2. the local rate: μ_2 against the stated bound on it
    if fp.mu2 is not None:
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

    # 3. outside atoms, then the exact trajectory against p*
    for y in range(landscape.n):
        if landscape.p0[y] > 0 and y not in S:
            ev["outside_atom"] = {"atom": y, "lam w(y)": decimal_str(lam * w[y], 15)}
            if lam * w[y] > fp.Z[1]:
                return _fail(name, ev, f"p_0 charges atom {y} outside supp p_ref with lam w({y}) = "
                                       f"{decimal_str(lam * w[y], 12)} > Z* (<= {decimal_str(fp.Z[1], 12)}): "
                                       f"p_t({y}) > 0 for ever and, were p_t -> p*, p_t+1({y})/p_t({y}) = "
                                       f"lam w({y})/Z_t -> lam w({y})/Z* > 1, so p_t does not converge to p*")
            return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                               f"p_0 charges atom {y} outside supp p_ref (lam w({y}) <= Z*): outside the "
                               f"support premise, convergence not certified here")
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
# several rewards (m >= 2): the potential G, the fixed point by a Krawczyk test, the local rate
#
# With m rewards (v_i = e^{r_i}, weights q_i) the mixed map T(p) = (1 - λ) p_ref + λ p W(p),
# W(p)(x) = Σ_i q_i v_i(x)/Z_i(p), is no longer projective-linear.  It is the MM (EM) iteration of
#
#     G(p) = λ Σ_i q_i log Z_i(p) + (1 - λ) Σ_{x ∈ S} p_ref(x) log p(x)
#
# on the simplex of S: ∂G/∂p(x) = λ W(p)(x) + (1 - λ) p_ref(x)/p(x), so p(x)(∂G/∂p(x) - 1) =
# T(p)(x) - p(x), and the fixed points are the stationary points of G, which is strictly concave
# (p_ref > 0 on S): exactly one, the maximiser p*.  Jensen on each tilt π_i = p v_i/Z_i(p) gives
# G(T p) - G(p) >= KL(T p || p), so G is a strict Lyapunov function and p_t -> p* from every p_0
# with supp p_0 ⊆ S.  In Z = (Z_1..Z_m) the fixed point solves the m equations
# Φ_i(Z) = Σ_x p_Z(x) v_i(x) - Z_i = 0, p_Z(x) = (1 - λ) p_ref(x)/(1 - λ Σ_j q_j v_j(x)/Z_j);
# the Krawczyk test below proves a unique zero of Φ in a small box.  The Jacobian of T is
# λ (diag(W) - Σ_i q_i (p ∘ v_i/Z_i)(v_i/Z_i)ᵀ), similar by diag(p)^{1/2} to a symmetric matrix
# between 0 and λ diag(W) (a sum of squares), so the local rate is at most λ max_S W(p*) =
# 1 - (1 - λ) min_S p_ref/p* < 1; a Rayleigh quotient bounds it from below.


def check_several_rewards(landscape: Landscape) -> CheckResult:
    """Premise: m >= 2 rewards (the setting where the mixed map is not power iteration)."""
    name = "several rewards (m >= 2)"
    if landscape.m >= 2:
        return CheckResult(name, Verdict.HOLDS, "exact", {"m": landscape.m})
    return CheckResult(name, Verdict.FAILS, "exact", {"m": landscape.m},
                       "m = 1 reward; that case is the claim mixing-fixed-point")


def _frac(x) -> Fraction:
    """The exact value of an mpf, or of an ``mpmath.iv`` interval's lower end (``x.a``) or upper end
    (``x.b``), read from the raw tuple: ``mpmath.mpf(x.a)`` would round it at the mp precision."""
    raw = x._mpi_[0] if hasattr(x, "_mpi_") else x._mpf_  # x.a and x.b are point intervals
    sign, man, exp, _ = raw  # man_exp drops the sign
    return (-1) ** sign * Fraction(int(man)) * Fraction(2) ** int(exp)


def _ivbox(lo: Fraction, hi: Fraction):
    return iv.mpf([iv_frac(lo).a, iv_frac(hi).b])


@dataclass(frozen=True)
class MixingFixedPointSeveral:
    r"""The certified fixed point of the mixed map with m >= 2 rewards, and its local rate.

    Attributes
    ----------
    support : tuple of int
        S = supp p_ref.
    lam : Fraction
    Z : list of (Fraction, Fraction)
        The Krawczyk box: Φ has exactly one zero Z* in it.
    p : list of (Fraction, Fraction)
        Enclosure of p*(x) (0 off S), exact from the monotonicity of p_Z(x) in each Z_j.
    W : list of (Fraction, Fraction)
        Enclosure of W*(x) = Σ_i q_i v_i(x)/Z_i* for every atom (also off S).
    rate : tuple of Fraction or None
        (L, U): L <= local rate of T at p* (Rayleigh quotient, interval) and U = λ max_S W*_hi, the
        derived bound's upper end (None when |S| = 1: no tangent space).
    prec : int
        Bits of the interval arithmetic.
    """

    support: tuple[int, ...]
    lam: Fraction
    Z: Box
    p: Box
    W: Box
    rate: tuple[Fraction, Fraction] | None
    prec: int

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"support": list(self.support),
                               "Z*": [[decimal_str(a, 20), decimal_str(b, 20)] for a, b in self.Z],
                               "p*": [decimal_str((a + b) / 2, 15) for a, b in self.p],
                               "lam max_S W* <=": decimal_str(self.lam * max(self.W[x][1] for x in self.support), 15),
                               "prec": self.prec}
        if self.rate is not None:
            out["local rate in"] = [decimal_str(v, 15) for v in self.rate]
        return out


def _several_data(landscape: Landscape):
    V = landscape.exact_w()
    S = tuple(k for k in range(landscape.n) if landscape.reference[k] > 0)
    return landscape.lam, landscape.weights, V, landscape.reference, S


def _p_of_Z(lam, q, V, rho, x, Z):
    """p_Z(x) = (1 - λ) ρ(x)/(1 - λ Σ_j q_j v_j(x)/Z_j) (any number type)."""
    return (1 - lam) * rho[x] / (1 - lam * sum(q[j] * V[j][x] / Z[j] for j in range(len(q))))


def _phi_and_jacobian(lam, q, V, rho, S, Z):
    """Φ(Z) and its Jacobian ∂Φ_i/∂Z_j = -Σ_x v_i(x) λ q_j v_j(x) p_Z(x)^2/((1 - λ) ρ(x) Z_j^2) - δ_ij."""
    m = len(q)
    p = {x: _p_of_Z(lam, q, V, rho, x, Z) for x in S}
    phi = [sum(p[x] * V[i][x] for x in S) - Z[i] for i in range(m)]
    jac = [[-sum(V[i][x] * lam * q[j] * V[j][x] * p[x] ** 2 / ((1 - lam) * rho[x]) for x in S) / Z[j] ** 2
            - (1 if i == j else 0) for j in range(m)] for i in range(m)]
    return phi, jac


def _mp_data(lam, q, V, rho, S):
    """λ, q, v, ρ as mpf at the working precision."""
    f = lambda v: mpmath.mpf(v.numerator) / v.denominator  # noqa: E731
    return f(lam), [f(v) for v in q], [[f(v) for v in row] for row in V], {x: f(rho[x]) for x in S}


def _mp_point(landscape: Landscape, dps: int) -> list:
    """A point estimate of Z* at ``dps`` digits: the mixed map iterated, then Newton on Φ."""
    lam, q, V, rho, S = _several_data(landscape)
    m = len(q)
    # warm start in floats (mpf is ~50x slower here); Newton below does the precise work
    fl, fq = float(lam), [float(v) for v in q]
    fV = [[float(v) for v in row] for row in V]
    p = {x: float(rho[x]) for x in S}
    for _ in range(2000):
        Z = [sum(p[x] * fV[i][x] for x in S) for i in range(m)]
        new = {x: (1 - fl) * float(rho[x]) + fl * p[x] * sum(fq[i] * fV[i][x] / Z[i] for i in range(m)) for x in S}
        done = max(abs(new[x] - p[x]) for x in S) < 1e-14
        p = new
        if done:
            break
    Z = [sum(p[x] * fV[i][x] for x in S) for i in range(m)]
    if not all(math.isfinite(z) and z > 0 for z in Z):  # float range exceeded: start from p_ref's moments
        Z = [sum(rho[x] * V[i][x] for x in S) for i in range(m)]
    with mpmath.workdps(dps + 10):
        ll, qq, VV, rr = _mp_data(lam, q, V, rho, S)
        Z = [mpmath.mpf(z) for z in Z]
        for _ in range(200):
            phi, jac = _phi_and_jacobian(ll, qq, VV, rr, S, Z)
            step = mpmath.lu_solve(mpmath.matrix(jac), mpmath.matrix(phi))
            t = mpmath.mpf(1)
            while any(1 - ll * sum(qq[j] * VV[j][x] / (Z[j] - t * step[j]) for j in range(m)) <= 0
                      or Z[j] - t * step[j] <= 0 for x in S for j in range(m)):
                t /= 2  # damped: stay where every p_Z(x) is positive
            Z = [Z[j] - t * step[j] for j in range(m)]
            if t == 1 and max(abs(step[j]) / Z[j] for j in range(m)) < mpmath.mpf(10) ** (-dps):
                return Z
    raise SolverError(f"Newton on the {m} fixed-point equations did not settle at {dps} digits "
                      f"(last relative step {mpmath.nstr(max(abs(step[j]) / Z[j] for j in range(m)), 3)}); "
                      f"raise prec or report the setup")


def _krawczyk(landscape: Landscape, prec: int) -> Box:
    r"""A box in Z-space with exactly one zero of Φ, by the Krawczyk test K(X) ⊂ int X."""
    lam, q, V, rho, S = _several_data(landscape)
    m = len(q)
    Zt = _mp_point(landscape, prec // 3 + 10)
    with iv_workprec(prec), mpmath.workprec(prec):  # the box ends are computed at prec bits too
        ll, qq = iv_frac(lam), [iv_frac(v) for v in q]
        VV = [[iv_frac(v) for v in row] for row in V]
        rr = {x: iv_frac(rho[x]) for x in S}
        Zp = [mpmath.mpf(z) for z in Zt]
        _, jac = _phi_and_jacobian(*_mp_data(lam, q, V, rho, S), S, Zp)
        Cm = mpmath.inverse(mpmath.matrix(jac))
        C = {(i, j): iv.mpf(Cm[i, j]) for i in range(m) for j in range(m)}
        Zc = [iv.mpf(z) for z in Zp]
        phi_c, _ = _phi_and_jacobian(ll, qq, VV, rr, S, Zc)
        delta = [sum(C[i, j] * phi_c[j] for j in range(m)) for i in range(m)]
        rad = [4 * abs(mpmath.mpf(d.b)) + abs(z) * mpmath.mpf(2) ** (32 - prec) for d, z in zip(delta, Zp)]
        for _ in range(6):
            X = [iv.mpf([z - r, z + r]) for z, r in zip(Zp, rad)]
            if all(1 - ll * sum(qq[j] * VV[j][x] / X[j] for j in range(m)) > 0 for x in S):
                _, JX = _phi_and_jacobian(ll, qq, VV, rr, S, X)
                K = [Zc[i] - delta[i] + sum(((1 if i == k else 0) - sum(C[i, j] * JX[j][k] for j in range(m)))
                                             * (X[k] - Zc[k]) for k in range(m)) for i in range(m)]
                if all(K[i].a > X[i].a and K[i].b < X[i].b for i in range(m)):
                    return [(_frac(k.a), _frac(k.b)) for k in K]
            rad = [r * 2 ** 8 for r in rad]
    raise SolverError(f"the Krawczyk test did not enclose the fixed point of the {m} equations at {prec} bits; "
                      f"raise prec")


def solve_mixing_fixed_point_several(landscape: Landscape, *, prec: int = 192) -> MixingFixedPointSeveral:
    r"""Enclose the fixed point p* of the mixed map with m >= 2 rewards, certified.

    Z* = (Z_1*, ..., Z_m*) is enclosed by a Krawczyk test on the m equations Φ(Z) = 0 (a unique zero
    in the box); p* and W* follow exactly by monotonicity in Z; the local rate of T at p* is
    enclosed by a Rayleigh quotient (below) and λ max_S W* (above, the derived bound).

    Parameters
    ----------
    landscape : Landscape
        m >= 2 rewards given by rational ``exp_rewards``, with ``reference`` and ``lam`` < 1.
    prec : int, optional
        Bits of the interval arithmetic (the box is about 2^-(prec - 32) wide).

    Returns
    -------
    MixingFixedPointSeveral

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/20", "1/4"], ["1/20", "1", "1/4"]], weights=["1/3", "2/3"],
    ...               reference=["1/10", "1/10", "4/5"], lam="9/10")
    >>> fp = solve_mixing_fixed_point_several(L)
    >>> all(b - a < Fraction(1, 10 ** 40) for a, b in fp.p)
    True
    >>> sum(a for a, _ in fp.p) <= 1 <= sum(b for _, b in fp.p)
    True
    >>> fp.rate[0] <= fp.rate[1] < 1
    True
    """
    if isinstance(prec, bool) or not isinstance(prec, int) or not 64 <= prec <= 4096:
        raise InvalidArgument(f"prec={prec!r} must be a whole number from 64 to 4096; pass e.g. prec=192")
    _require(landscape, "solve_mixing_fixed_point_several", check_several_rewards, "m >= 2 rewards")
    lam, q, V, rho, S = _several_data(landscape)
    m, n = len(q), landscape.n
    if lam == 0:
        Zv = [sum((rho[x] * V[i][x] for x in S), Fraction(0)) for i in range(m)]
        Z = [(z, z) for z in Zv]
    else:
        Z = _krawczyk(landscape, prec)
    lo_Z, hi_Z = [a for a, _ in Z], [b for _, b in Z]
    W = [(sum(q[j] * V[j][x] / hi_Z[j] for j in range(m)), sum(q[j] * V[j][x] / lo_Z[j] for j in range(m)))
         for x in range(n)]
    p = [(_p_of_Z(lam, q, V, rho, x, hi_Z), _p_of_Z(lam, q, V, rho, x, lo_Z)) if x in S
         else (Fraction(0), Fraction(0)) for x in range(n)]
    rate = _rate_enclosure(landscape, S, Z, p, W, prec) if len(S) > 1 else None
    return MixingFixedPointSeveral(S, lam, Z, p, W, rate, prec)


def _rate_enclosure(landscape, S, Z, p, W, prec) -> tuple[Fraction, Fraction]:
    r"""(L, U): L a Rayleigh-quotient lower bound on the top tangent eigenvalue of DT(p*), U = λ max_S W*_hi.

    DT(p*) is similar to A = λ (diag(W) - Σ_i q_i u_i u_iᵀ), u_i = √p v_i/Z_i, whose eigenvalues are 0
    (the normal direction √p) and the tangent ones, all >= 0.  For y = √p ∘ s,
    yᵀ A y / yᵀ y = λ (Σ_x W p s² - Σ_i q_i (Σ_x p v_i s/Z_i)²)/Σ_x p s², a lower bound on the largest.
    """
    lam, q, V, _, _ = _several_data(landscape)
    m = len(q)
    U = lam * max(W[x][1] for x in S)
    with mpmath.workdps(30):
        mid = lambda ab: mpmath.mpf((ab[0] + ab[1]).numerator) / (ab[0] + ab[1]).denominator / 2  # noqa: E731
        pm, Zm, Wm = [mid(p[x]) for x in S], [mid(z) for z in Z], [mid(W[x]) for x in S]
        A = mpmath.matrix(len(S), len(S))
        for a, x in enumerate(S):
            for b, y in enumerate(S):
                A[a, b] = (Wm[a] if a == b else 0) - sum(
                    mpmath.mpf(q[i].numerator) / q[i].denominator * mpmath.sqrt(pm[a] * pm[b])
                    * mpmath.mpf(V[i][x].numerator) / V[i][x].denominator
                    * mpmath.mpf(V[i][y].numerator) / V[i][y].denominator / Zm[i] ** 2 for i in range(m))
        E, Q = mpmath.eigsy(A)
        top = max(range(len(S)), key=lambda k: E[k])
        s = [_frac(Q[a, top] / mpmath.sqrt(pm[a])) for a in range(len(S))]
    with iv_workprec(prec):
        P = [_ivbox(*p[x]) for x in S]
        Zi = [_ivbox(*z) for z in Z]
        Wi = [_ivbox(*W[x]) for x in S]
        ss = [iv_frac(v) for v in s]
        num = sum(Wi[a] * P[a] * ss[a] ** 2 for a in range(len(S))) - sum(
            iv_frac(q[i]) * (sum(P[a] * iv_frac(V[i][x]) * ss[a] for a, x in enumerate(S)) / Zi[i]) ** 2
            for i in range(m))
        ray = iv_frac(lam) * num / sum(P[a] * ss[a] ** 2 for a in range(len(S)))
        L = max(_frac(ray.a), Fraction(0))
    return L, U


def mixing_potential(landscape: Landscape, p: Sequence[Any]):
    r"""G(p) = λ Σ_i q_i log Z_i(p) + (1 - λ) Σ_{x ∈ S} p_ref(x) log p(x), in ``mpmath.iv`` (at the caller's precision).

    ``p`` holds ``mpmath.iv`` intervals or Fractions; p(x) > 0 on S = supp p_ref is needed.
    """
    lam, q, V, rho, S = _several_data(landscape)
    P = [v if isinstance(v, type(iv.mpf(0))) else iv_frac(Fraction(v)) for v in p]
    Z = [sum((P[x] * iv_frac(V[i][x]) for x in range(landscape.n)), iv.mpf(0)) for i in range(len(q))]
    return (iv_frac(lam) * sum((iv_frac(q[i]) * iv.log(Z[i]) for i in range(len(q))), iv.mpf(0))
            + iv_frac(1 - lam) * sum((iv_frac(rho[x]) * iv.log(P[x]) for x in S), iv.mpf(0)))


def _mixed_step_iv(landscape: Landscape, P: list) -> list:
    """T(P) in interval arithmetic: (1 - λ) p_ref + λ P W(P)."""
    lam, q, V, rho, _ = _several_data(landscape)
    return mixed_step(FIELD, P, [[iv_frac(v) for v in row] for row in V], [iv_frac(v) for v in q], iv_frac(lam),
                      [iv_frac((1 - lam) * r) for r in rho])


def several_fixed_point_formula(landscape: Landscape, fp: MixingFixedPointSeveral) -> Box:
    r"""The derived p*(x) = (1 - λ) p_ref(x)/(1 - λ Σ_i q_i v_i(x)/Z_i*), enclosed through the Krawczyk box."""
    return fp.p


def fixed_point_weighted_average(landscape: Landscape, fp: MixingFixedPointSeveral) -> Box:
    r"""Planted: the m = 1 fixed point for the weighted-average reward w̄ = Σ_i q_i e^{r_i}."""
    wbar = [sum((q * row[x] for q, row in zip(landscape.weights, landscape.exact_w())), Fraction(0))
            for x in range(landscape.n)]
    return solve_mixing_fixed_point(landscape.replace(exp_rewards=[wbar], weights=None), bits=fp.prec).p


def several_rate_bound_derived(landscape: Landscape, fp: MixingFixedPointSeveral) -> tuple[Fraction, Fraction]:
    r"""The derived bound λ max_S W* on the local rate, at the upper end of its enclosure."""
    return fp.rate[1], fp.rate[1]


def rate_bound_lam(landscape: Landscape, fp: MixingFixedPointSeveral) -> tuple[Fraction, Fraction]:
    """Planted: the local rate is at most λ (the curated share alone)."""
    return fp.lam, fp.lam


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
    lam, S = fp.lam, fp.support

    # 1. the stated fixed point against the certified enclosure
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

    # 2. the local rate
    top = lam * max(fp.W[x][1] for x in S)
    if top >= 1:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "lam max_S W* < 1 not decided at this precision")
    if fp.rate is not None:
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

    # 3. outside atoms, then the Lyapunov ascent along the interval trajectory
    for y in range(landscape.n):
        if landscape.p0[y] > 0 and y not in S:
            ev["outside_atom"] = {"atom": y, "lam W*(y) >=": decimal_str(lam * fp.W[y][0], 15)}
            if lam * fp.W[y][0] > 1:
                return _fail(name, ev, f"p_0 charges atom {y} outside supp p_ref with lam W*({y}) >= "
                                       f"{decimal_str(lam * fp.W[y][0], 12)} > 1: p_t({y}) > 0 for ever and, were "
                                       f"p_t -> p*, p_t+1({y})/p_t({y}) = lam W_t({y}) -> lam W*({y}) > 1, so p_t "
                                       f"does not converge to p*", "interval")
            return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                               f"p_0 charges atom {y} outside supp p_ref (lam W*({y}) > 1 not shown): outside the "
                               f"support premise, convergence not certified here")
    checked = 0
    with iv_workprec(prec + 64):
        mu = iv_frac((1 - lam) * min(landscape.reference[x] for x in S))
        g_star = mixing_potential(landscape, [_ivbox(a, b) for a, b in fp.p]).b
        P = _mixed_step_iv(landscape, [iv_frac(v) for v in landscape.p0])
        G = mixing_potential(landscape, P)
        for t in range(1, steps + 1):
            Q = _mixed_step_iv(landscape, P)
            G_next = mixing_potential(landscape, Q)
            KL = sum((Q[x] * iv.log(Q[x] / P[x]) for x in S), iv.mpf(0))
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
