r"""The large-K map linearised at its limit: the Jacobian, its spectral radius, the limit's derivative in q.

Definitions ([FALA26] Eq. 5; two rewards, rational w_i = e^{r_i})
------------------------------------------------------------------
Atoms of supp(p_0) sharing one reward vector move together (:mod:`~pluralnash.numeric.engines.grouping`),
so everything here runs on the *groups* g of supp(p_0), with masses p(g).

- The map T(p)(x) = p(x) W_p(x), W_p(x) = Σ_i q_i w_i(x)/Z_i(p), Z_i(p) = Σ_y p(y) w_i(y).
- Its Jacobian at the limit p*: J(x, y) = δ_{xy} W*(x) - p*(x) A(x, y), A(x, y) = Σ_i q_i w_i(x) w_i(y)/Z_i*².
  Rows off the support S = supp p* are diagonal (p*(x) = 0), so J is block triangular: its spectrum is
  the spectrum of the support block and the values W*(y), y ∉ S.  Column sums vanish (the map keeps
  Σ_x T(p)(x) = 1 for every p), so 0 is an eigenvalue and J maps into the tangent space Σ v = 0.
- With two rewards and |S| = 2 groups (x_1, x_2) the support block has the eigenvalues 0 and
  μ = E_{p*}[w_1 w_2]/(Z_1* Z_2*) = 1 + Cov_{p*}(w_1, w_2)/(Z_1* Z_2*) (``theory._rates``); with |S| = 1 the
  block is 0.  So ρ(J) = max(μ, ρ_out), ρ_out = max_{y ∈ supp p_0 \ S} W*(y): the linear rate of p_t → p*
  and (ρ_out alone) the rate of the mass off S.
- Implicit function theorem on the KKT system W_q(x; p) = 1 on S: G(p, q) = (W(x) - 1)_{x ∈ S},
  ∂G/∂p = -A_S, ∂G/∂q(x) = w_1(x)/Z_1* - w_2(x)/Z_2*, so dp*/dq = A_S^{-1} ∂G/∂q on S (0 off S), and
  the local Lipschitz constant of q ↦ p* in the 1-norm is L = ‖dp*/dq‖_1.

Everything is exact (``Fraction``): the limit is solved on the exact path of
:func:`~pluralnash.numeric.engines.limit.solve_limit`, so A_S's invertibility, ρ and L are decided
exactly.  Python spellings: ``q`` = weight of reward 1, ``w`` = rows w_i on the groups, ``mu`` = μ.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pluralnash.numeric.arith.linalg import solve_exact
from pluralnash.numeric.arith.rational import over_common_denominator
from pluralnash.numeric.engines.grouping import group_by_reward_vector
from pluralnash.numeric.engines.certified_limit import _solved_limit
from pluralnash.numeric.engines.step import large_k_step
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import InvalidArgument, SolverError

__all__ = ["LimitJacobian", "SeveralMaximisers", "solve_limit_jacobian", "charpoly_exact", "RateRun", "evaluate_rate_run", "predicted_charpoly",
           "grouped_limit"]


@dataclass(frozen=True)
class LimitJacobian:
    """The exact linearisation of the large-K map at its limit, on the groups of supp(p_0)."""

    groups: tuple[tuple[int, ...], ...]
    w: tuple[tuple[Fraction, ...], ...]
    q: tuple[Fraction, Fraction]
    p0: tuple[Fraction, ...]
    p_star: tuple[Fraction, ...]
    support: tuple[int, ...]
    off: tuple[int, ...]
    Z: tuple[Fraction, Fraction]
    W_star: tuple[Fraction, ...]
    J: tuple[tuple[Fraction, ...], ...]
    charpoly: tuple[Fraction, ...]
    mu: Fraction | None
    rho_out: Fraction
    rho: Fraction
    velocity: tuple[Fraction, ...] | None
    lipschitz: Fraction | None

    def evidence(self) -> dict[str, Any]:
        return {"groups": [list(g) for g in self.groups], "p_star": [str(v) for v in self.p_star],
                "support": list(self.support), "W_star_off": [str(self.W_star[g]) for g in self.off],
                "mu": None if self.mu is None else str(self.mu), "rho_out": str(self.rho_out), "rho": str(self.rho)}


def charpoly_exact(M: list[list[Fraction]]) -> list[Fraction]:
    r"""det(λI - M) as coefficients [1, c_1, ..., c_n] (Faddeev–LeVerrier, exact).

    Run on the integer matrix N = D M (D the lcm of the entries' denominators), whose characteristic
    polynomial has integer coefficients e_k, so every step is an integer operation (no gcd per
    product) and every division by k is exact; then c_k = e_k / D^k, since det(λI - M) = D^-n det(Dλ I - N).
    """
    n = len(M)
    flat, D = over_common_denominator([v for row in M for v in row])
    N = [flat[i * n:(i + 1) * n] for i in range(n)]
    coeffs, Nk = [1], [[0] * n for _ in range(n)]
    for k in range(1, n + 1):
        # N_k = N (N_{k-1} + e_{k-1} I), e_k = -tr(N_k)/k
        prev = [[Nk[i][j] + (coeffs[-1] if i == j else 0) for j in range(n)] for i in range(n)]
        Nk = [[sum(N[i][t] * prev[t][j] for t in range(n)) for j in range(n)] for i in range(n)]
        e, rest = divmod(-sum(Nk[i][i] for i in range(n)), k)
        if rest:
            raise SolverError(f"Faddeev-LeVerrier on an integer matrix gave tr(N_{k}) not divisible by {k} (a bug)")
        coeffs.append(e)
    return [Fraction(e, D ** k) for k, e in enumerate(coeffs)]


def _poly_from_roots(roots: list[Fraction]) -> list[Fraction]:
    out = [Fraction(1)]
    for r in roots:
        out = [a - r * b for a, b in zip(out + [Fraction(0)], [Fraction(0)] + out)]
    return out


class SeveralMaximisers(InvalidArgument):
    """The setup's large-K limit is not one point: F's maximisers form a polytope (decided exactly)."""


def grouped_limit(landscape: Landscape):
    """Groups of supp(p_0), their rows w_i and masses, and the exact limit on them (two rational rewards)."""
    if landscape.m != 2 or landscape.exp_rewards is None or landscape.K is not None or landscape.mixes:
        raise InvalidArgument(f"the setup has m={landscape.m} rewards, exp_rewards "
                              f"{'given' if landscape.exp_rewards is not None else 'absent'}, K={landscape.K}: "
                              "the rate checks need two rational rewards (exp_rewards) at large K without "
                              "reference data; give such a setup")
    if any(qi == 0 for qi in landscape.weights):
        raise InvalidArgument(f"weights={[str(v) for v in landscape.weights]} must both be > 0 for the rate checks "
                              "(with one reward in play the limit is a point mass); give q in (0, 1)")
    res = _solved_limit(landscape)
    if res.exact and not res.unique:
        raise SeveralMaximisers("the maximisers of F form a polytope, not a point (certified exactly: atoms with "
                                "W* = 1 have linearly dependent reward vectors); the rate checks need a unique limit")
    if not (res.exact and res.unique and res.p is not None and res.certificate.verdict.value == "HOLDS"):
        raise SolverError("the limit solver did not certify an exact, unique limit point (it left the exact path); "
                          "the rate checks need one")
    src = landscape.exp_rewards
    groups = tuple(tuple(v) for v in group_by_reward_vector(src, (0, 1), landscape.support()).values())
    w = tuple(tuple(src[i][g[0]] for g in groups) for i in range(2))
    p0 = tuple(sum((landscape.p0[x] for x in g), Fraction(0)) for g in groups)
    p_star = tuple(sum((Fraction(res.p[x]) for x in g), Fraction(0)) for g in groups)
    return groups, w, p0, p_star


@per_setup(maxsize=1024)
def solve_limit_jacobian(landscape: Landscape) -> LimitJacobian:
    r"""The exact Jacobian of the large-K map at its limit, its spectrum's radius and dp*/dq (module docstring).

    Raises
    ------
    InvalidArgument
        When the setup is not two rational rewards at large K with a unique exact limit.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/4", "1/2"], ["1/4", "1", "1/2"]], p0=["1/3", "1/3", "1/3"])
    >>> jac = solve_limit_jacobian(L)
    >>> jac.support, str(jac.mu), str(jac.rho_out), str(jac.lipschitz)
    ((0, 1), '16/25', '4/5', '10/3')
    """
    groups, w, p0, p_star = grouped_limit(landscape)
    q = (landscape.weights[0], landscape.weights[1])
    n = len(groups)
    support = tuple(g for g in range(n) if p_star[g] > 0)
    off = tuple(g for g in range(n) if p_star[g] == 0)
    Z = tuple(sum((p_star[g] * w[i][g] for g in range(n)), Fraction(0)) for i in range(2))
    W_star = tuple(sum((q[i] * w[i][g] / Z[i] for i in range(2)), Fraction(0)) for g in range(n))
    A = [[sum((q[i] * w[i][x] * w[i][y] / Z[i] ** 2 for i in range(2)), Fraction(0)) for y in range(n)]
         for x in range(n)]
    J = tuple(tuple((W_star[x] if x == y else 0) - p_star[x] * A[x][y] for y in range(n)) for x in range(n))
    mu = None
    if len(support) == 2:
        mu = sum((p_star[g] * w[0][g] * w[1][g] for g in support), Fraction(0)) / (Z[0] * Z[1])
    rho_out = max((W_star[g] for g in off), default=Fraction(0))
    rho = max(rho_out, mu or Fraction(0))
    velocity, lipschitz = _limit_velocity(w, support, Z, A, n)
    return LimitJacobian(groups, w, q, p0, p_star, support, off, Z, W_star, J,
                         tuple(charpoly_exact([list(r) for r in J])), mu, rho_out, rho, velocity, lipschitz)


def _limit_velocity(w, support, Z, A, n):
    """dp*/dq = A_S^{-1} (w_1/Z_1 - w_2/Z_2) on S, 0 off S, and its 1-norm (None, None if A_S is singular)."""
    A_S = [[A[x][y] for y in support] for x in support]
    rhs = [w[0][x] / Z[0] - w[1][x] / Z[1] for x in support]
    sol = solve_exact(A_S, rhs)
    if sol is None:
        return None, None
    v = [Fraction(0)] * n
    for x, s in zip(support, sol):
        v[x] = s
    return tuple(v), sum((abs(s) for s in v), Fraction(0))


def predicted_charpoly(jac: LimitJacobian) -> list[Fraction]:
    r"""λ (λ - μ) Π_{y ∉ S} (λ - W*(y)) (with |S| = 1: λ Π (λ - W*(y))), the derivation's spectrum."""
    roots = [Fraction(0)] + ([jac.mu] if jac.mu is not None else []) + [jac.W_star[g] for g in jac.off]
    return _poly_from_roots(roots)


@dataclass(frozen=True)
class RateRun:
    """A certified run of the grouped large-K map from p_0: enclosures of e_t = ‖p_t - p*‖_1 as integer pairs
    (lo, hi) in units of 2^-bits, kept for t = 0..3, steps // 2 and steps (``errors[t]``), and, as pairs of exact
    Fractions, of p_t(g) off S at t = steps and steps + 1 and of W_T(g) off S."""

    steps: int
    bits: int
    errors: dict
    off_masses: tuple
    W_last: tuple


def _run_length(jac: LimitJacobian) -> tuple[int, int]:
    """Rounds T with (slowest positive rate)^T near 10^-10 (16 to 250), and the fixed-point bits: interval
    widths grow by about one bit per round, and the mass off the support shrinks like ρ_out^T."""
    rates = [r for r in ([jac.mu] if jac.mu else []) + [jac.W_star[g] for g in jac.off] if r > 0]
    if not rates:
        return 8, 256
    per = float(1 / max(1 - max(rates), Fraction(1, 10 ** 6)))
    T = max(16, min(250, int(23 * per) + 1))
    shrink = 1 / jac.rho_out if jac.rho_out > 0 else Fraction(1)
    return T, 160 + (5 * T) // 4 + T * max(0, shrink.numerator.bit_length() - shrink.denominator.bit_length() + 1)


FMPZ_MIN_BITS = 512  # from here on flint's fmpz multiplies and shifts faster than Python's int (measured)


class _FixedIntervals:
    r"""Arithmetic context of :func:`~pluralnash.numeric.engines.step.large_k_step` on positive intervals
    [lo, hi] · 2^-P held as pairs of integers, every product and quotient rounded outward (floor for lo,
    ceiling for hi), so each step's enclosure contains the exact step of any point of the input box.

    The integers are Python ints, or python-flint's ``fmpz`` with ``integer=flint.fmpz``: both are exact
    and both floor on ``>>`` and ``//``, so the two give the same integers; :meth:`fraction` and
    :func:`_distance` hand back Python numbers."""

    def __init__(self, bits: int, integer=int):
        self.P, self.integer = bits, integer

    def of(self, x: Fraction) -> tuple[int, int]:
        lo = (x.numerator << self.P) // x.denominator
        return self.integer(lo), self.integer(lo + (lo * x.denominator != x.numerator << self.P))

    def _mul(self, a, b):
        P = self.P
        return (a[0] * b[0]) >> P, -((-a[1] * b[1]) >> P)

    def _dot(self, pairs):
        """Σ of the outward-rounded products of the (a, b) pairs: the lower ends summed, then the upper
        ends (Σ_k -((-x_k) >> P) = -Σ_k ((-x_k) >> P), so one negation serves the whole sum)."""
        P = self.P
        lo = hi = 0
        for a, b in pairs:
            lo += (a[0] * b[0]) >> P
            hi += (-a[1] * b[1]) >> P
        return lo, -hi

    def Z(self, p, w):
        return [self._dot(zip(p, row)) for row in w]

    def coefs(self, q, Z):
        P = self.P
        return [((a[0] << P) // z[1], -((-a[1] << P) // z[0])) for a, z in zip(q, Z)]

    def W(self, c, w):
        return [self._dot(zip(c, column)) for column in zip(*w)]

    def times(self, p, W):
        return [self._mul(a, b) for a, b in zip(p, W)]

    def fraction(self, x: tuple[int, int]) -> tuple[Fraction, Fraction]:
        return Fraction(int(x[0]), 1 << self.P), Fraction(int(x[1]), 1 << self.P)


def _fixed_intervals(bits: int) -> _FixedIntervals:
    """The context at ``bits``: on fmpz from :data:`FMPZ_MIN_BITS` bits when python-flint is on (the arb switch)."""
    from pluralnash.numeric.arith.arb import available, flint_module

    return _FixedIntervals(bits, flint_module().fmpz if bits >= FMPZ_MIN_BITS and available() else int)


def _distance(p, star) -> tuple[int, int]:
    """Enclosure of Σ_g |p(g) - p*(g)| from the enclosures of p and of p* (same fixed-point units)."""
    lo = hi = 0
    for (a, b), (c, d) in zip(p, star):
        hi += max(b - c, d - a)
        lo += max(a - d, c - b, 0)
    return int(lo), int(hi)


@per_setup(maxsize=1024)
def evaluate_rate_run(landscape: Landscape) -> RateRun:
    r"""Run the grouped map T + 1 rounds (T from :func:`_run_length`) in outward-rounded fixed-point
    intervals: certified enclosures of e_t = ‖p_t - p*‖_1 (exact p*), of the masses off the support at
    rounds T and T + 1, and of the weights W_T there."""
    jac = solve_limit_jacobian(landscape)
    T, bits = _run_length(jac)
    ctx = _fixed_intervals(bits)
    w = [[ctx.of(v) for v in row] for row in jac.w]
    q = [ctx.of(v) for v in jac.q]
    star = [ctx.of(v) for v in jac.p_star]
    p = [ctx.of(v) for v in jac.p0]
    errors, off_masses, W_last = {}, [], ()
    for t in range(T + 2):
        if t < 4 or t in (T // 2, T):
            errors[t] = _distance(p, star)
        if t >= T:
            off_masses.append(tuple(ctx.fraction(p[g]) for g in jac.off))
        if t == T + 1:
            break
        step = large_k_step(ctx, p, w, q)
        if t == T:
            W_last = tuple(ctx.fraction(step.W[g]) for g in jac.off)
        p = step.p
    return RateRun(T, bits, errors, tuple(off_masses), W_last)
