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

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.numeric._dynamics import evaluate_curated_update
from pluralnash.numeric._intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric._landscape import Landscape, decimal_str
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
    w = landscape.exp_rewards[0]
    out: dict[Fraction, list] = {}
    for x in support:
        entry = out.setdefault(w[x], [Fraction(0), 0])
        entry[0] += landscape.reference[x]
        entry[1] += 1
    return [(r, g, k) for g, (r, k) in sorted(out.items())]


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
    for check in (check_single_reward, check_lam_below_one):
        res = check(landscape)
        if res.verdict is not Verdict.HOLDS:
            raise InvalidArgument(f"solve_mixing_fixed_point needs {res.name}: {res.reason}; "
                                  f"pass a setup with one reward, reference= and lam < 1")
    if not landscape.is_exact:
        raise InvalidArgument("solve_mixing_fixed_point needs rational exp_rewards (e^r is irrational for "
                              "rewards=); give exp_rewards=")
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
    """v -> M v = (1 - λ) p_ref (w·v) + λ w ∘ v (unnormalised; the mixed map is v / Σ v)."""
    lam, w, ref = landscape.lam, landscape.exp_rewards[0], landscape.reference
    Z = sum((a * b for a, b in zip(v, w)), Fraction(0))
    return [(1 - lam) * r * Z + lam * b * a for r, a, b in zip(ref, v, w)]


def _hilbert(v: Sequence[Fraction], box: Box, support: Sequence[int]) -> tuple[Fraction, Fraction]:
    r"""Bounds (lo, hi) on e^{d_H(v, p)} over p in ``box`` (on S; d_H is projective, so v need not sum to 1)."""
    if len(support) < 2:
        return Fraction(1), Fraction(1)
    hi = max(v[x] / box[x][0] for x in support) * max(box[y][1] / v[y] for y in support)
    lo = max(v[x] / box[x][1] for x in support) * max(box[y][0] / v[y] for y in support)
    return max(lo, Fraction(1)), hi


def _upper(x) -> str:
    with mpmath.workdps(20):
        return mpmath.nstr(mpmath.mpf(x.b), 12)


def _lower(x) -> str:
    with mpmath.workdps(20):
        return mpmath.nstr(mpmath.mpf(x.a), 12)


def _fail(name: str, ev: dict, reason: str, method: str = "exact") -> CheckResult:
    return CheckResult(name, Verdict.FAILS, method, ev, reason)


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
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 10000:
        raise InvalidArgument(f"steps={steps!r} must be a whole number from 1 to 10000; pass e.g. steps=40")
    name = "p* unique fixed point, local rate mu_2/Z* <= bound, d_H contraction tau along p_t"
    for check in (check_single_reward, check_lam_below_one):
        res = check(landscape)
        if res.verdict is not Verdict.HOLDS:
            return CheckResult(name, Verdict.UNDECIDED, "exact", {}, f"outside the claim: {res.reason}")
    if not landscape.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs rational exp_rewards")
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
