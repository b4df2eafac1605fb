"""The certified continuous limit: the derivation against the engine, the KKT conditions at the enclosed
limit, agreement with the interval cover of the collapse criterion, and planted wrong limits rejected."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from hypothesis import given, strategies as st

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.continuous import Gaussian, QuadraticLandscape, Uniform
from pluralnash.numeric.engines.continuous_cover import sup_w_at_midpoint
from pluralnash.numeric.engines.continuous_limit import curie_weiss_root, solve_continuous_limit
from pluralnash.theory import InvalidArgument, Verdict
from pluralnash.theory import certify_continuous_limit, derive_mixture_limit

_Q = st.sampled_from([Fraction(k, 20) for k in range(1, 20)])
_D = st.integers(2, 24).map(lambda k: Fraction(k, 4))
_BETA = st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(2), Fraction(3, 2)])


def _setup(beta, q, D, eps=Fraction(1, 10), init=None):
    return QuadraticLandscape(mu=[-D / 2, D / 2], beta=beta, weights=[q, 1 - q],
                              init=init or Uniform(-D / 2 - 3, D / 2 + 3), eps=eps)


def _mid(x):
    with mpmath.workdps(40):
        lo, hi = (mpmath.mp.make_mpf(end) for end in x._mpi_)
        return (lo + hi) / 2


def _kkt_gap(beta, q, D, atoms):
    """max |W*(x_j) - 1| and the weight condition Σ_j p*(x_j) = 1, from Z* recomputed at the atoms."""
    with iv_workprec(200):
        mus = (-iv_frac(D) / 2, iv_frac(D) / 2)
        b = iv_frac(beta)
        g = [[iv.exp(-b * (x - mu) ** 2) for mu in mus] for x, _ in atoms]
        Z = [sum((w * g[j][i] for j, (_, w) in enumerate(atoms)), iv.mpf(0)) for i in range(2)]
        W = [iv_frac(q) * g[j][0] / Z[0] + iv_frac(1 - q) * g[j][1] / Z[1] for j in range(len(atoms))]
        return max(abs(w - 1).b for w in W)


def test_the_derivation_holds():
    assert certify_continuous_limit().verdict is Verdict.HOLDS


@given(beta=_BETA, q=_Q, D=_D)
def test_limit_meets_kkt_and_the_derived_weight(beta, q, D):
    lim = solve_continuous_limit(_setup(beta, q, D))
    assert lim.kind in ("mixture", "collapse")
    # W* = 1 at every atom of p* (the KKT equalities), recomputed from the enclosed atoms and weights
    assert _kkt_gap(beta, q, D, lim.atoms) < mpmath.mpf(10) ** -20
    if lim.kind == "mixture":
        u = _mid(lim.u)
        at = {sp.Symbol("q", real=True): sp.Rational(q.numerator, q.denominator),
              sp.Symbol("u", real=True): sp.Float(mpmath.nstr(u, 40), 40)}
        a_star = derive_mixture_limit()["a_star"].subs(at)
        w = lim.atoms[0][1]
        with mpmath.workdps(40):
            assert abs(mpmath.mpf(str(a_star)) - _mid(w)) < mpmath.mpf(10) ** -25
        assert 0 < w.a and w.b < 1


@given(beta=_BETA, q=_Q, D=_D)
def test_collapse_iff_the_interval_cover_says_sup_w_le_1(beta, q, D):
    # an independent route: the cover of W at the point mass decides sup W <= 1 directly
    lim = solve_continuous_limit(_setup(beta, q, D))
    truth, _ = sup_w_at_midpoint(beta, q, D)
    if truth is not None:
        assert (lim.kind == "collapse") == truth


def test_planted_limits_are_rejected():
    # control: the limit read as q delta_{mu_1} + (1 - q) delta_{mu_2} (atoms at the modes, weight q) breaks KKT
    beta, q, D = Fraction(1), Fraction(1, 5), Fraction(2)
    planted = ((iv.mpf(-1), iv_frac(q)), (iv.mpf(1), iv_frac(1 - q)))
    assert _kkt_gap(beta, q, D, planted) > mpmath.mpf(10) ** -3
    # and the point mass at x_0 where the mixture is the limit: W* exceeds 1 somewhere
    assert sup_w_at_midpoint(beta, q, D)[0] is False


def test_known_values():
    lim = solve_continuous_limit(_setup(Fraction(1), Fraction(1, 5), Fraction(2)))
    assert lim.kind == "mixture" and lim.where == "in both basins" and lim.certified
    assert lim.a.a > mpmath.mpf("0.18668") and lim.a.b < mpmath.mpf("0.18669") and lim.m.b == 0
    # well-separated modes: log m_t decays at -eps (W* = e^{r_i - r_i*} near basin i)
    far = solve_continuous_limit(_setup(Fraction(1), Fraction(1, 2), Fraction(8)))
    assert abs(far.slope.a + mpmath.mpf("0.1")) < mpmath.mpf(10) ** -12
    # beta D^2 / 2 = 1: the point mass at x_0 = D (1/2 - q), between the modes
    mid = solve_continuous_limit(_setup(Fraction(1, 2), Fraction(2, 5), Fraction(2)))
    assert mid.kind == "collapse" and mid.where == "between the modes" and mid.m.a == 1 and mid.slope.b == 0
    # close modes, q = 1/10: x_0 = 0.4 lies in S_2 (radius sqrt(1/10) about 1/2)
    one = solve_continuous_limit(_setup(Fraction(1), Fraction(1, 10), Fraction(1)))
    assert one.where == "in S_2" and one.b.a == 1 and one.slope.b < 0


def test_gaussian_start_and_reversed_centres():
    L = QuadraticLandscape(mu=[1, -1], beta=1, weights=["4/5", "1/5"], init=Gaussian(0, 1), eps="1/10")
    lim = solve_continuous_limit(L)
    ref = solve_continuous_limit(_setup(Fraction(1), Fraction(1, 5), Fraction(2)))
    assert lim.kind == "mixture" and lim.a.a == ref.a.a and lim.a.b == ref.a.b


def test_limit_outside_the_support_is_not_certified():
    lim = solve_continuous_limit(_setup(Fraction(1), Fraction(1, 5), Fraction(2), init=Uniform(-3, "-1/2")))
    assert not lim.certified and "supp p_0" in lim.reason and lim.a is None


def test_root_bracket():
    lo, hi = curie_weiss_root(Fraction(32), prec=64)
    # 1 - u is about 2 e^{-64} = 3.2e-28
    assert Fraction(1, 10 ** 28) < 1 - hi and 1 - lo < Fraction(1, 10 ** 27) and hi - lo < Fraction(1, 2 ** 40)
    assert curie_weiss_root(Fraction(1)) is None


@pytest.mark.parametrize("call, words", [
    (lambda: solve_continuous_limit(QuadraticLandscape(mu=[-1, 0, 1], init=Uniform(-3, 3), eps="1/10")),
     ["m = 3", "two centres"]),
    (lambda: solve_continuous_limit(QuadraticLandscape(mu=[[0, 0], [1, 1], [2, 2]], init=Gaussian([0, 0], 1),
                                                       eps="1/10")), ["m = 3", "d = 2"]),
    (lambda: solve_continuous_limit(QuadraticLandscape(mu=[-1, 1], init=Uniform(-3, 3))), ["eps=None"]),
    (lambda: solve_continuous_limit(_setup(Fraction(1), Fraction(1, 2), Fraction(2)), prec=10), ["prec=10"]),
    (lambda: solve_continuous_limit("setup"), ["landscape='setup'", "QuadraticLandscape"]),
])
def test_bad_arguments(call, words):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert all(w in str(err.value) for w in words), str(err.value)


def test_the_exact_dynamics_approach_the_limit():
    # an independent route: the closed-form large-K dynamics, run for 30, 60, 120 rounds, close in on a*
    from pluralnash.numeric.engines.continuous import run_continuous

    L = _setup(Fraction(1), Fraction(1, 5), Fraction(2))
    lim = solve_continuous_limit(L)
    gaps = [abs(r["a"] - _mid(lim.a)) for r in run_continuous(L, 120, dps=20, record_at=[30, 60, 120]).records]
    assert gaps[0] > 1.5 * gaps[1] > 2.25 * gaps[2] > 0


def test_in_higher_dimensions_the_limit_lives_on_the_segment():
    # d = 2, Gaussian start: |mu_2 - mu_1| = 2 (a 3-4-5 triangle) gives the one-dimensional limit at D = 2
    flat = solve_continuous_limit(QuadraticLandscape(mu=[-1, 1], beta=1, weights=["1/5", "4/5"],
                                                     init=Gaussian(0, 1), eps="1/10"))
    plane = solve_continuous_limit(QuadraticLandscape(mu=[[0, 0], ["6/5", "8/5"]], beta=1, weights=["1/5", "4/5"],
                                                      init=Gaussian([0, 0], 1), eps="1/10"))
    assert plane.certified and plane.kind == flat.kind == "mixture"
    for x, y in ((plane.a, flat.a), (plane.m, flat.m), (plane.slope, flat.slope)):
        assert x.a <= y.b and y.a <= x.b                       # the enclosures overlap
    # an irrational distance sqrt(2): beta D^2 / 2 = 2 > 1 and q = 1/2, a mixture with a_inf = 1/2
    root2 = solve_continuous_limit(QuadraticLandscape(mu=[[0, 0], [1, 1]], beta=2, init=Gaussian([0, 0], 1),
                                                      eps="1/20"))
    assert root2.certified and root2.kind == "mixture" and root2.a.a <= 0.5 <= root2.a.b
