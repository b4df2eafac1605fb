r"""The certified limit of the large-K dynamics on two quadratic rewards (one dimension, or R^d with a Gaussian start).

Setting ([FALA26] Appendix C.4): r_i(x) = -β (x - μ_i)², μ_1 < μ_2, D = μ_2 - μ_1, weights
(q, 1 - q), S_{i,ε} = [μ_i - ρ, μ_i + ρ] with ρ² = ε/β, p_0 uniform on [lo, hi] or Gaussian.

What the limit is
-----------------
The large-K map p_{t+1} = p_t W_t, W_t = ∇F(p_t), is mirror ascent with step 1 on the concave
F(p) = Σ_i q_i log E_p[e^{r_i}], which is 1-smooth relative to the entropy; for every comparator p,
F(p) - F(p_t) <= KL(p ‖ p_0)/t (Lu, Freund and Nesterov 2018; Cover 1984 for the same update of a
log-optimal portfolio).  Comparing with measures spread over shrinking intervals gives
F(p_t) -> sup F over measures on supp p_0; F is strictly concave in Z = (Z_1, Z_2), so Z(t) -> Z* and
p_t converges weakly to the maximiser p*, a Laplace-type concentration of p_0 Π_s W_s on the
maximisers of the limit potential W*(x) = Σ_i q_i e^{r_i(x)}/Z_i* (KKT: W* <= 1 on supp p_0, = 1 on
supp p*).  W* = A e^{-β(x - μ_1)²} + B e^{-β(x - μ_2)²} has at most two maxima, and
:mod:`pluralnash.theory._continuous_limit` derives which (when they lie inside supp p_0):

- *mixture*: with c = β D²/2 > 1 and u the root in (0, 1) of u = tanh(c u), if u > |1 - 2q|, then
  p* = a* δ_{x_1} + (1 - a*) δ_{x_2}, x_{1,2} = μ_{1,2} ± (1 - u) D/2 (pulled towards each other),
  a* = 1/2 + (q - 1/2)/u, and A = B;
- *collapse*: otherwise (c <= 1 or u <= |1 - 2q|, i.e. T = β D² (1 - 2q)/log((1 - q)/q) <= 1),
  p* = δ_{x_0}, x_0 = q μ_1 + (1 - q) μ_2, onto one mode's basin or between the modes.

Basin masses a_∞ = p*(S_{1,ε}), b_∞, m_∞ follow from where each atom lies, when no atom is on a
basin's boundary (weak convergence then carries p_t(S) -> p*(S)).  When m_∞ = 0 the outside mass
decays like exp(t log ρ* + o(t)), ρ* = ess sup of W* off S_ε (Laplace's principle), so
log m_t / t -> log ρ*, the slope of log m_t that the theory predicts; when m_∞ > 0 that slope is 0.

Certification: u is bracketed by bisection on dyadic rationals with the sign of
2cu - log((1 + u)/(1 - u)) decided in ``mpmath.iv`` (the function is concave on (0, 1) and
positive just right of 0, so the sign says the side of the root); every other number is an
interval computed from that bracket and exact rationals, and ρ* is enclosed by a branch and bound
on the middle piece of X \ S_ε (W* is increasing left of μ_1 and decreasing right of μ_2).

In R^d (Gaussian start, supp p_0 = R^d) everything lives on the segment from μ_1 to μ_2: across it W*
carries the factor e^{-β |y_⊥|²} <= 1, so the atoms lie on it with the one-dimensional u, a* and x_0 at
D = ‖μ_2 - μ_1‖; and off the balls the supremum of W* is taken on the line too: over the shadow
|s - s_i| < ρ of ball i, the points of smallest |y_⊥| outside the ball give
W* = e^{-βρ²}(A + B e^{-β((s - s_j)² - (s - s_i)²)}) (i, j the two centres), whose exponent is linear in s, so
its largest value is at s_i ± ρ, on the line.  Positions are then reported as the distance s from μ_1.

Python spellings: ``beta`` = β, ``q`` = weight of the smaller centre μ_1 (of ``mu[0]`` in R^d), ``prec`` = bits.
"""

from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.continuous_certified import to_json as _iv_json
from pluralnash.numeric.engines.continuous_model import Gaussian, QuadraticLandscape, _dist2
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import InvalidArgument

__all__ = ["ContinuousLimit", "solve_continuous_limit", "curie_weiss_root", "two_centres"]

_SUP_CELLS = 4000


@dataclass(frozen=True)
class ContinuousLimit:
    r"""The certified large-K limit p* of a two-reward quadratic setup in one dimension.

    Attributes
    ----------
    kind : str or None
        ``"mixture"`` (two atoms) or ``"collapse"`` (one atom); None when undecided.
    where : str
        Where the atoms lie: ``"in both basins"``, ``"in S_1"``, ``"between the modes"``, ...
    atoms : tuple of (interval, interval)
        (position x_j, weight p*(x_j)) enclosures; in R^d the position is the distance from μ_1 along
        the segment to μ_2.
    u : interval or None
        The root of u = tanh(c u), c = β D²/2 (mixture, or a collapse decided by it).
    a, b, m : interval or None
        a_∞ = p*(S_{1,ε}), b_∞ = p*(S_{2,ε}), m_∞ = p*(X \ S_ε); None when an atom's side of a basin
        boundary is not decided (or the atom lies on it).
    slope : interval or None
        lim_t log(m_t)/t: log ρ* when m_∞ = 0, 0 when m_∞ > 0, None when not decided.
    certified : bool
        Whether ``kind`` and every enclosure given is certified (False: ``reason`` says why).
    """

    kind: str | None
    where: str
    atoms: tuple
    u: Any
    a: Any
    b: Any
    m: Any
    slope: Any
    certified: bool
    reason: str
    prec: int

    def to_json(self) -> dict[str, Any]:
        def s(x):
            return None if x is None else _iv_json(x, 15)
        return {"kind": self.kind, "where": self.where, "atoms": [[s(x), s(w)] for x, w in self.atoms],
                "u": s(self.u), "a_inf": s(self.a), "b_inf": s(self.b), "m_inf": s(self.m),
                "slope": s(self.slope), "certified": self.certified, "reason": self.reason, "prec": self.prec}


def two_centres(L: QuadraticLandscape) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(β, q, μ_1, μ_2) of a two-centre one-dimensional setup, μ_1 <= μ_2 and q the weight of μ_1."""
    if not isinstance(L, QuadraticLandscape):
        raise InvalidArgument(f"landscape={L!r} must be a QuadraticLandscape; build one with "
                              f"QuadraticLandscape(mu=[-1, 1], init=Uniform(-3, 3), eps='1/10')")
    if L.m != 2 or L.d != 1:
        raise InvalidArgument(f"this is for two centres in one dimension; the setup has m = {L.m}, d = {L.d}: "
                              f"pass mu=[a, b] with two numbers")
    (m1,), (m2,) = L.mu
    q = L.weights[0]
    if m1 > m2:
        m1, m2, q = m2, m1, 1 - q
    return L.beta, q, m1, m2


def _line(L: QuadraticLandscape) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    """(β, q, μ_1, D²): in d = 1 the coordinate of the smaller centre; in d > 1 (Gaussian start) positions are
    distances s from μ_1 along the segment to μ_2, so μ_1 is 0 there."""
    if isinstance(L, QuadraticLandscape) and L.d > 1 and L.m == 2:
        return L.beta, L.weights[0], Fraction(0), _dist2(*L.mu)
    beta, q, m1, m2 = two_centres(L)
    return beta, q, m1, (m2 - m1) ** 2


def _root_sign(c: Fraction, u: Fraction, two_c=None) -> int | None:
    """Sign of 2cu - log((1 + u)/(1 - u)) at a rational u in (0, 1): +1 left of the root, -1 right of it.

    ``two_c``: the enclosure 2 · iv_frac(c) at the current precision, when the caller has it already."""
    if two_c is None:
        two_c = 2 * iv_frac(c)
    g = two_c * iv_frac(u) - iv.log(iv_frac((1 + u) / (1 - u)))
    return 1 if g.a > 0 else -1 if g.b < 0 else None


def curie_weiss_root(c: Fraction, *, prec: int = 128) -> tuple[Fraction, Fraction] | None:
    r"""A dyadic bracket [lo, hi] of the root u in (0, 1) of u = tanh(c u) (c > 1), of width about 2^-(prec - 16).

    None when c <= 1 (then u = 0 is the only root in [0, 1)).

    Examples
    --------
    >>> lo, hi = curie_weiss_root(Fraction(2), prec=64)
    >>> 0.957504 < float(lo) <= float(hi) < 0.957505, hi - lo < Fraction(1, 2 ** 40)
    (True, True)
    """
    c = Fraction(c)
    if c <= 1:
        return None
    bits = check_int(prec, "prec", low=53, rule="a whole number of bits >= 53", example="prec=128")
    return _bracket(c, bits)


@functools.lru_cache(maxsize=256)
def _bracket(c: Fraction, bits: int) -> tuple[Fraction, Fraction]:
    """The bisection of :func:`curie_weiss_root` (c > 1), once per (c, bits) in a run: setups share few c."""
    work = bits + int(3 * c) + 16  # 1 - u is about 2 e^{-2c}: the bracket needs 2c/log 2 bits past 1
    lo, hi = Fraction(0), Fraction(1)
    with iv_workprec(work):
        two_c = 2 * iv_frac(c)
        for _ in range(work - 16):
            mid = (lo + hi) / 2
            side = _root_sign(c, mid, two_c)
            if side is None:
                break  # mid is within rounding of the root: the bracket is as tight as this precision allows
            lo, hi = (mid, hi) if side > 0 else (lo, mid)
        else:
            return lo, hi
    # widen around an undecided midpoint until both ends are decided
    step = (hi - lo) / 4
    lo_, hi_ = mid - step, mid + step
    with iv_workprec(work):
        if _root_sign(c, lo_) == 1 and _root_sign(c, hi_) == -1:
            return lo_, hi_
    return lo, hi


def _inside(x, mu, r2: Fraction) -> bool | None:
    """Whether x lies in the open ball (x - μ)² < ρ² (True), outside the closed one (False), or None."""
    d2, r2 = (x - mu) ** 2, iv_frac(r2)
    return True if d2.b < r2.a else False if d2.a > r2.b else None


def _in_support(L: QuadraticLandscape, x) -> bool | None:
    if isinstance(L.init, Gaussian):
        return True
    lo, hi = iv_frac(L.init.low), iv_frac(L.init.high)
    return True if lo.b < x.a and x.b < hi.a else False if x.b <= lo.a or x.a >= hi.b else None


def _atoms(beta, q, m1, D2: Fraction, prec: int):
    """(kind, atoms, u, (A, B)) of p* on the line x = μ_1 + s e (μ_1 = ``m1``, an interval; D² = ``D2``):
    W* = A e^{-β(x - μ_1)²} + B e^{-β(x - μ_2)²}; kind None when undecided."""
    D = iv.sqrt(iv_frac(D2))
    c = beta * D2 / 2
    v = abs(1 - 2 * q)
    bracket = curie_weiss_root(c, prec=prec)
    if bracket is not None and bracket[0] > v:
        u = iv.mpf([iv_frac(bracket[0]).a, iv_frac(bracket[1]).b])
        shift = (1 - u) * D / 2
        x1, x2 = m1 + shift, m1 + D - shift
        a = iv.mpf(1) / 2 + (iv_frac(q) - iv.mpf(1) / 2) / u
        A = 1 / (iv.exp(-iv_frac(beta) * shift ** 2) + iv.exp(-iv_frac(beta) * (D - shift) ** 2))
        return "mixture", ((x1, a), (x2, 1 - a)), u, (A, A)
    if bracket is None or bracket[1] < v:
        # x_0 = μ_1 + (1 - q)(μ_2 - μ_1): (x_0 - μ_1)² = (1 - q)² D² and (x_0 - μ_2)² = q² D², exactly
        A = iv_frac(q) * iv.exp(iv_frac(beta * (1 - q) ** 2 * D2))
        B = iv_frac(1 - q) * iv.exp(iv_frac(beta * q ** 2 * D2))
        u = None if bracket is None else iv.mpf([iv_frac(bracket[0]).a, iv_frac(bracket[1]).b])
        return "collapse", ((m1 + iv_frac(1 - q) * D, iv.mpf(1)),), u, (A, B)
    return None, (), iv.mpf([iv_frac(bracket[0]).a, iv_frac(bracket[1]).b]), None


def _where(sides: list[tuple[bool, bool]]) -> str:
    names = ["S_1" if s1 else "S_2" if s2 else "between the modes" for s1, s2 in sides]
    if len(names) == 2 and names == ["S_1", "S_2"]:
        return "in both basins"
    return " and ".join(n if n.startswith("between") else "in " + n for n in dict.fromkeys(names))


def solve_continuous_limit(L: QuadraticLandscape, *, prec: int = 128) -> ContinuousLimit:
    r"""The certified limit p* of the large-K dynamics on ``L`` (two quadratic rewards).

    Parameters
    ----------
    L : QuadraticLandscape
        m = 2 with ε; d = 1 with a uniform or Gaussian start, or d > 1 with a Gaussian start.
    prec : int, optional
        Bits of the interval work (the root's bracket is about 2^-(prec - 16) wide).

    Returns
    -------
    ContinuousLimit
        ``certified`` False with a reason where supp p_0 misses the unconstrained limit's atoms, an
        atom lies on a basin boundary, or an order is not decided at this precision.

    Examples
    --------
    >>> from pluralnash.numeric.engines.continuous import Uniform
    >>> L = QuadraticLandscape(mu=[-1, 1], weights=["1/5", "4/5"], init=Uniform(-4, 4), eps="1/10")
    >>> lim = solve_continuous_limit(L)
    >>> lim.kind, lim.where, round(float(lim.a.a), 6), lim.certified
    ('mixture', 'in both basins', 0.186685, True)
    """
    beta, q, m1, D2 = _line(L)
    if L.eps is None:
        raise InvalidArgument("the landscape has no basin width (eps=None); give eps= to define S_{i,eps}")
    eps = L.eps
    bits = check_int(prec, "prec", low=53, rule="a whole number of bits >= 53", example="prec=128")
    with iv_workprec(bits + int(3 * beta * D2) + 16):
        m1 = iv_frac(m1)
        m2 = m1 + iv.sqrt(iv_frac(D2))
        kind, atoms, u, coef = _atoms(beta, q, m1, D2, bits)
        if kind is None:
            return ContinuousLimit(None, "undecided", (), u, None, None, None, None, False,
                                   f"u = tanh(c u) is not separated from |1 - 2q| = {abs(1 - 2 * q)} at {bits} bits",
                                   bits)
        missing = [x for x, _ in atoms if _in_support(L, x) is not True]  # (Gaussian: supp p_0 = R^d)
        if missing:
            return ContinuousLimit(kind, "outside supp p_0", atoms, u, None, None, None, None, False,
                                   f"supp p_0 = {L.init.describe()} does not contain the atom at "
                                   f"{iv.nstr(missing[0], 8)} in its interior; the limit constrained to supp p_0 "
                                   f"is not computed here", bits)
        r2 = eps / beta
        sides = [(_inside(x, m1, r2), _inside(x, m2, r2)) for x, _ in atoms]
        if any(s is None for pair in sides for s in pair):
            return ContinuousLimit(kind, "on a basin boundary", atoms, u, None, None, None, None, False,
                                   "an atom of p* lies on (or within rounding of) a basin's boundary", bits)
        zero = iv.mpf(0)
        a = sum((w for (_, w), (s1, _) in zip(atoms, sides) if s1), zero)
        b = sum((w for (_, w), (_, s2) in zip(atoms, sides) if s2), zero)
        m = sum((w for (_, w), (s1, s2) in zip(atoms, sides) if not (s1 or s2)), zero)
        slope, why = _slope(L, beta, m1, m2, r2, coef, m, kind == "mixture")
        return ContinuousLimit(kind, _where(sides), atoms, u, a, b, m, slope, slope is not None, why, bits)


def _w_star(neg_b, m1, m2, coef, x):
    """W*(x) = A e^{-β (x - μ_1)²} + B e^{-β (x - μ_2)²}, with ``neg_b`` the enclosure -iv_frac(β)."""
    A, B = coef
    return A * iv.exp(neg_b * (x - m1) ** 2) + B * iv.exp(neg_b * (x - m2) ** 2)


def _slope(L, beta, m1, m2, r2: Fraction, coef, m, mixture: bool) -> tuple[Any, str]:
    r"""lim log(m_t)/t: 0 when m_∞ > 0, else log ess sup_{x ∉ S_ε} W*(x), enclosed; (None, why) if undecided."""
    if m.a > 0:
        return iv.mpf(0), ""
    if L.d > 1 and not L.disjoint_basins():
        return None, "overlapping balls in R^d: the supremum off them may lie off the segment"
    rho = iv.sqrt(iv_frac(r2))
    neg_b = -iv_frac(beta)  # -β, converted once: every W* evaluation below uses this enclosure
    lo, hi = ((None, None) if isinstance(L.init, Gaussian) else (iv_frac(L.init.low), iv_frac(L.init.high)))
    ends = []  # W* increases left of μ_1 and decreases right of μ_2: those pieces peak at μ_1 - ρ, μ_2 + ρ
    outer_left, outer_right = m1 - rho, m2 + rho
    for x, room in ((outer_left, None if lo is None else outer_left - lo),
                    (outer_right, None if hi is None else hi - outer_right)):
        if room is None or room.a > 0:  # the piece has positive length inside supp p_0
            ends.append(_w_star(neg_b, m1, m2, coef, x))
        elif room.b > 0:
            return None, "a support end is within rounding of a basin boundary"
    left, right = m1 + rho, m2 - rho
    if lo is not None:
        left, right = (lo if lo.a > left.a else left), (hi if hi.b < right.b else right)
    if left.b < right.a:
        if mixture:
            # mixture: W* = A (g_1 + g_2) has its critical points at 0 and ±x̂ only (u = tanh(cu) has the three
            # roots 0, ±u), and the atoms -x̂, x̂ lie inside the basins: W* falls then rises across the middle piece
            ends += [_w_star(neg_b, m1, m2, coef, iv.mpf([end.a, end.b])) for end in (left, right)]
        else:
            ends.append(_sup_enclosure(lambda x: _w_star(neg_b, m1, m2, coef, x), left, right))
    if not ends:
        return None, "X \\ S_eps has p_0-measure 0: m_t = 0 for every t"
    best = iv.mpf([max(e.a for e in ends), max(e.b for e in ends)])
    if not best.b < 1:
        return None, "sup of W* off S_eps is not certified below 1"
    return iv.log(best), ""


def _sup_enclosure(f, left, right):
    """[lower, upper] enclosing sup f on [left, right] by branch and bound (f evaluated on intervals)."""
    lo_pt, hi_pt = left.b, right.a
    best = max(f(iv.mpf([lo_pt, lo_pt])).a, f(iv.mpf([hi_pt, hi_pt])).a)
    n0 = 32
    width = (right.b - left.a) / n0
    cells = deque((left.a + k * width, left.a + (k + 1) * width) for k in range(n0))
    tol = iv.mpf(2) ** -40
    upper, done = best, 0
    while cells and done < _SUP_CELLS:
        a, b = cells.popleft()
        done += 1
        val = f(iv.mpf([a, b]))
        if val.b <= best:
            continue
        mid = (a + b) / 2
        if lo_pt <= mid <= hi_pt:
            best = max(best, f(iv.mpf([mid, mid])).a)
        if val.b - best < tol * best:
            upper = max(upper, val.b)
            continue
        cells += [(a, mid), (mid, b)]
    for a, b in cells:  # cells left when the budget ran out still bound the supremum
        upper = max(upper, f(iv.mpf([a, b])).b)
    return iv.mpf([best, max(upper, best)])
