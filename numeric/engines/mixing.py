r"""Reference-data mixing at large K: the fixed point of the mixed map, certified, with one reward or several.

The mixed map is T(p) = (1 - λ) p_ref + λ · (curated update of p).  Python spellings: ``lam`` = λ
(the curated share), ``reference`` = p_ref, ``w`` = e^r (one reward), ``V[i]`` = v_i = e^{r_i} and
``q`` = the weights (several), ``S`` = supp p_ref.

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

Several rewards: the potential G and a Krawczyk test
----------------------------------------------------
With m rewards (v_i = e^{r_i}, weights q_i) the mixed map T(p) = (1 - λ) p_ref + λ p W(p),
W(p)(x) = Σ_i q_i v_i(x)/Z_i(p), is no longer projective-linear.  It is the MM (EM) iteration of

    G(p) = λ Σ_i q_i log Z_i(p) + (1 - λ) Σ_{x ∈ S} p_ref(x) log p(x)

on the simplex of S: ∂G/∂p(x) = λ W(p)(x) + (1 - λ) p_ref(x)/p(x), so p(x)(∂G/∂p(x) - 1) =
T(p)(x) - p(x), and the fixed points are the stationary points of G, which is strictly concave
(p_ref > 0 on S): exactly one, the maximiser p*.  Jensen on each tilt π_i = p v_i/Z_i(p) gives
G(T p) - G(p) >= KL(T p || p), so G is a strict Lyapunov function and p_t -> p* from every p_0
with supp p_0 ⊆ S.  In Z = (Z_1..Z_m) the fixed point solves the m equations
Φ_i(Z) = Σ_x p_Z(x) v_i(x) - Z_i = 0, p_Z(x) = (1 - λ) p_ref(x)/(1 - λ Σ_j q_j v_j(x)/Z_j);
the Krawczyk test below proves a unique zero of Φ in a small box.  The Jacobian of T is
λ (diag(W) - Σ_i q_i (p ∘ v_i/Z_i)(v_i/Z_i)ᵀ), similar by diag(p)^{1/2} to a symmetric matrix
between 0 and λ diag(W) (a sum of squares), so the local rate is at most λ max_S W(p*) =
1 - (1 - λ) min_S p_ref/p* < 1; a Rayleigh quotient bounds it from below.

Certification: Z* and μ_2 (one reward) are bracketed by exact rational bisection of h = 1 (each
bracket end's side decided exactly); Z* (several) is enclosed by the Krawczyk test in ``mpmath.iv``;
p* follows by monotonicity in Z.  Nothing rests on a float comparison.
The setup predicates below (reward count, λ < 1) are the premises the solvers need; the claims
:mod:`pluralnash.claims.mixing` use them as premises too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Sequence

import mpmath

from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.grouping import group_by_reward_vector
from pluralnash.numeric.engines.step import EXACT, large_k_step
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape, decimal_str
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

if TYPE_CHECKING:
    from pluralnash.numeric.engines.arb_step import EnclosedSteps

__all__ = [
    "check_single_reward_mixing",
    "check_lam_below_one",
    "check_several_rewards",
    "MixingFixedPoint",
    "MixingFixedPointSeveral",
    "solve_mixing_fixed_point_several",
    "mixing_potential",
]

Box = list[tuple[Fraction, Fraction]]


def check_single_reward_mixing(landscape: Landscape) -> CheckResult:
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


def check_several_rewards(landscape: Landscape) -> CheckResult:
    """Premise: m >= 2 rewards (the setting where the mixed map is not power iteration)."""
    name = "several rewards (m >= 2)"
    if landscape.m >= 2:
        return CheckResult(name, Verdict.HOLDS, "exact", {"m": landscape.m})
    return CheckResult(name, Verdict.FAILS, "exact", {"m": landscape.m},
                       "m = 1 reward; that case is the claim mixing-fixed-point")


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


# ----------------------------------------------------------------------------------------------
# one reward: the fixed point and the spectrum, by exact rational bisection


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


def _secular_sign(rho_w: Sequence[tuple[Fraction, Fraction]], lam: Fraction, z: Fraction) -> int:
    r"""The sign of h(z) - 1 (:func:`_secular`), decided exactly in integers, without a gcd per term.

    With z = a/b, λ = l/L, ρ_g = r_g/s_g, g = n_g/d_g (positive denominators) and
    D_g = s_g (a L d_g - l n_g b): h(z) - 1 = N / Π_g D_g, N = (L - l) b Σ_g r_g n_g Π_{g' ≠ g} D_g' - Π_g D_g.
    A pole (some D_g = 0) raises ZeroDivisionError, as h itself does there."""
    a, b, l, L = z.numerator, z.denominator, lam.numerator, lam.denominator
    D = [r.denominator * (a * L * g.denominator - l * g.numerator * b) for r, g in rho_w]
    if 0 in D:
        raise ZeroDivisionError(f"h has a pole at z = {z}")
    before = [1]  # before[k] = Π_{g < k} D_g
    for d in D:
        before.append(before[-1] * d)
    total, after = 0, 1  # after = Π_{g > k} D_g, running from the top group down
    for k in range(len(D) - 1, -1, -1):
        r, g = rho_w[k]
        total += r.numerator * g.numerator * before[k] * after
        after *= D[k]
    N = (L - l) * b * total - before[-1]
    return (N > 0) - (N < 0) if before[-1] > 0 else (N < 0) - (N > 0)


def _bisect(rho_w, lam: Fraction, lo: Fraction, hi: Fraction, bits: int) -> tuple[Fraction, Fraction]:
    r"""Bracket the root of h = 1 in (lo, hi), where h decreases strictly from above 1 to below 1.

    ``lo`` may be a pole (h = +∞) and ``hi`` a pole (h = -∞) or a point with h(hi) <= 1.
    """
    target = (hi - lo) / 2 ** bits
    while hi - lo > target:
        mid = (lo + hi) / 2
        side = _secular_sign(rho_w, lam, mid)
        if side == 0:
            return mid, mid
        lo, hi = (mid, hi) if side > 0 else (lo, mid)
    return lo, hi


def _p_star(landscape: Landscape, x: int, Z: Fraction) -> Fraction:
    lam, rho = landscape.lam, landscape.reference[x]
    return (1 - lam) * rho * Z / (Z - lam * landscape.exp_rewards[0][x])


# ----------------------------------------------------------------------------------------------
# several rewards: the fixed point by a Krawczyk test, the local rate, the potential


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
    # the factors that do not depend on (i, j) computed once: the same operations on the same operands
    vl = [{x: V[i][x] * lam for x in S} for i in range(m)]
    one = 1 - lam
    p2, den, Z2 = {x: p[x] ** 2 for x in S}, {x: one * rho[x] for x in S}, [z ** 2 for z in Z]
    jac = [[-sum(vl[i][x] * q[j] * V[j][x] * p2[x] / den[x] for x in S) / Z2[j]
            - (1 if i == j else 0) for j in range(m)] for i in range(m)]
    return phi, jac


def _mp_data(lam, q, V, rho, S):
    """λ, q, v, ρ as mpf at the working precision."""
    f = frac_mpf
    return f(lam), [f(v) for v in q], [[f(v) for v in row] for row in V], {x: f(rho[x]) for x in S}


def _float_start(lam, q, V, rho, S) -> list:
    """Z from the mixed map iterated in floats (mpf is ~50x slower here), or p_ref's moments when floats overflow."""
    m = len(q)
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
    return Z


def _largest_share(ll, qq, VV, S, Z):
    """max_S λ Σ_j q_j v_j(x)/Z_j: every p_Z(x) is positive exactly when this is below 1."""
    return max(ll * sum(qq[j] * VV[j][x] / Z[j] for j in range(len(qq))) for x in S)


def _mp_point(landscape: Landscape, dps: int) -> list:
    """A point estimate of Z* at ``dps`` digits: the mixed map iterated, then damped Newton on Φ.

    Newton needs a start where every p_Z(x) > 0, and its damping keeps it there.  The float start
    misses that region when 1 - λ W*(x) is below float resolution (an atom of tiny reference mass
    whose p*(x) is not tiny); then, and when the damping or the Jacobian fails, SolverError.
    """
    lam, q, V, rho, S = _several_data(landscape)
    m = len(q)
    Z = _float_start(lam, q, V, rho, S)
    with mpmath.workdps(dps + 10):
        ll, qq, VV, rr = _mp_data(lam, q, V, rho, S)
        Z = [mpmath.mpf(z) for z in Z]
        if not _largest_share(ll, qq, VV, S, Z) < 1:
            raise SolverError(f"the float start of Newton on the {m} fixed-point equations lies where some p_Z(x) <= 0 "
                              f"(1 - lam W*(x) is below float resolution at an atom of tiny reference mass); the "
                              f"fixed point hugs that pole and is not enclosed here")
        for _ in range(200):
            phi, jac = _phi_and_jacobian(ll, qq, VV, rr, S, Z)
            try:
                step = mpmath.lu_solve(mpmath.matrix(jac), mpmath.matrix(phi))
            except ZeroDivisionError:
                raise SolverError(f"Newton on the {m} fixed-point equations met a numerically singular Jacobian at "
                                  f"{dps} digits; raise prec or report the setup") from None
            t = _damping(ll, qq, VV, S, Z, step, dps)
            Z = [Z[j] - t * step[j] for j in range(m)]
            if t == 1 and max(abs(step[j]) / Z[j] for j in range(m)) < mpmath.mpf(10) ** (-dps):
                return Z
    raise SolverError(f"Newton on the {m} fixed-point equations did not settle at {dps} digits "
                      f"(last relative step {mpmath.nstr(max(abs(step[j]) / Z[j] for j in range(m)), 3)}); "
                      f"raise prec or report the setup")


def _damping(ll, qq, VV, S, Z, step, dps: int):
    """The largest t in 1, 1/2, 1/4, ... keeping Z - t step where every p_Z(x) > 0 (SolverError past 2^-(4 dps))."""
    m = len(qq)
    t = mpmath.mpf(1)
    for _ in range(4 * dps):
        trial = [Z[j] - t * step[j] for j in range(m)]
        if all(z > 0 for z in trial) and _largest_share(ll, qq, VV, S, trial) < 1:
            return t
        t /= 2
    raise SolverError(f"damped Newton on the {m} fixed-point equations found no step below 2^-{4 * dps} that keeps "
                      f"every p_Z(x) > 0; raise prec or report the setup")


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
            # an undecided interval comparison (None) counts as not positive: this radius is skipped
            if all((1 - ll * sum(qq[j] * VV[j][x] / X[j] for j in range(m)) > 0) is True for x in S):
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
    check_int(prec, "prec", low=64, high=4096, example="prec=192")
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
        mid = lambda ab: frac_mpf(ab[0] + ab[1]) / 2  # noqa: E731
        pm, Zm, Wm = [mid(p[x]) for x in S], [mid(z) for z in Z], [mid(W[x]) for x in S]
        A = mpmath.matrix(len(S), len(S))
        # the conversions and powers that do not depend on (a, b, i) made once: the same operations
        qm, Z2 = [mpmath.mpf(v.numerator) / v.denominator for v in q], [z ** 2 for z in Zm]
        Vn = [{x: (mpmath.mpf(row[x].numerator), row[x].denominator) for x in S} for row in V]
        for a, x in enumerate(S):
            for b, y in enumerate(S):
                root = mpmath.sqrt(pm[a] * pm[b])
                A[a, b] = (Wm[a] if a == b else 0) - sum(
                    qm[i] * root * Vn[i][x][0] / Vn[i][x][1] * Vn[i][y][0] / Vn[i][y][1] / Z2[i] for i in range(m))
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


def mixing_potential(landscape: Landscape, p: Sequence[Any], *, backend: str | None = None):
    r"""G(p) = λ Σ_i q_i log Z_i(p) + (1 - λ) Σ_{x ∈ S} p_ref(x) log p(x), an ``mpmath.iv`` interval
    (at the caller's precision).

    ``p`` holds ``mpmath.iv`` intervals or Fractions; p(x) > 0 on S = supp p_ref is needed.  The sums and
    logarithms run in arb balls when python-flint is installed (``backend``:
    :func:`~pluralnash.numeric.engines.arb_step.enclosed_steps`), read back with their radii.
    """
    from pluralnash.numeric.engines.arb_step import interval_kind

    lam, q, V, rho, S = _several_data(landscape)
    P = [v if isinstance(v, type(iv.mpf(0))) else iv_frac(Fraction(v)) for v in p]
    if interval_kind(backend) == "arb":
        run = _mixed_steps(landscape, iv.prec, "arb")
        return _ball_potential(run, iv_frac(lam), iv_frac(1 - lam), [(x, rho[x]) for x in S], run.vector(P))
    Z = [sum((P[x] * iv_frac(V[i][x]) for x in range(landscape.n)), iv.mpf(0)) for i in range(len(q))]
    return (iv_frac(lam) * sum((iv_frac(q[i]) * iv.log(Z[i]) for i in range(len(q))), iv.mpf(0))
            + iv_frac(1 - lam) * sum((iv_frac(rho[x]) * iv.log(P[x]) for x in S), iv.mpf(0)))


def _ball_potential(run: EnclosedSteps, lam_iv, rest_iv, weights, balls):
    """G on the arb state ``balls`` (an n x 1 ``arb_mat``), published as an ``mpmath.iv`` interval; ``lam_iv`` and
    ``rest_iv`` enclose λ and 1 - λ, ``weights`` = [(x, p_ref(x)) for x in S]."""
    return lam_iv * run.objective(balls) + rest_iv * run.log_sum(balls, weights)


def reference_groups(landscape: Landscape, support: Sequence[int]) -> list[tuple[Fraction, Fraction, int]]:
    """(ρ_g, g, count) for each distinct value g of w on S, in increasing g."""
    groups = group_by_reward_vector(landscape.exp_rewards, [0], support)
    return [(sum((landscape.reference[x] for x in atoms), Fraction(0)), g, len(atoms))
            for (g,), atoms in sorted(groups.items())]


def power_step(landscape: Landscape, v: list[Fraction]) -> list[Fraction]:
    """v -> M v = (1 - λ) p_ref (w·v) + λ w ∘ v (unnormalised; the mixed map is v / Σ v).

    M v = Z(v) · ((1 - λ) p_ref + λ v', v' the large-K step of v): Z(v) v' = w ∘ v exactly.
    """
    lam, w, ref = landscape.lam, landscape.exp_rewards[0], landscape.reference
    Z, _, v_next = large_k_step(EXACT, v, [w], [Fraction(1)])
    kept, curated = (1 - lam) * Z[0], lam * Z[0]  # exact: the same values as term by term
    return [kept * r + curated * u for r, u in zip(ref, v_next)]


def mixed_step_iv(landscape: Landscape, P: list, *, backend: str | None = None) -> list:
    """T(P) on enclosures: (1 - λ) p_ref + λ P W(P), P and T(P) ``mpmath.iv`` intervals at the caller's iv
    precision; the step runs in arb balls when python-flint is installed (``backend``:
    :func:`~pluralnash.numeric.engines.arb_step.enclosed_steps`), its balls read back with their radii."""
    from pluralnash.numeric.engines.arb_step import interval_kind  # python-flint loads on first use

    run = _mixed_steps(landscape, iv.prec, interval_kind(backend))
    return run.publish_all(run.entries(run.step(run.vector(P))))


@per_setup(maxsize=32)
def _mixed_steps(landscape: Landscape, prec: int, backend: str) -> EnclosedSteps:
    from pluralnash.numeric.engines.arb_step import enclosed_steps

    lam, q, V, rho, _ = _several_data(landscape)
    return enclosed_steps(V, q, prec, mix=(lam, [(1 - lam) * r for r in rho]), backend=backend)
