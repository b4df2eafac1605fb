"""The closed-form continuous engine: cross-checked against the grid engine, quadrature and itself."""

import math
from fractions import Fraction

import mpmath
import pytest

from pluralnash.numeric import run_dynamics
from pluralnash.numeric.arith import lower_end, upper_end
from pluralnash.numeric.engines import (
    Gaussian,
    QuadraticLandscape,
    Uniform,
    discretise_quadratic,
    noncentral_chi2_cdf,
    run_continuous,
)
from pluralnash.numeric.arith import erf as _interval_erf
from pluralnash.theory import InvalidArgument

# the certified engine's erf/erfc backends: the pure-Python series always, arb when installed
BACKENDS = ["python", pytest.param("arb", marks=pytest.mark.skipif(_interval_erf._flint() is None,
                                                                   reason="python-flint not installed"))]

# μ = ±21/20 and ρ = sqrt(ε/β) = 1/4 put every μ_i on a cell midpoint and every ball edge on a
# cell edge for h = 1/10 and h = 1/30, so the grid's basins are exactly the balls and the
# midpoint rule's error is C h² + O(h⁴): a factor 9 between the two grids, and Richardson's
# (9 g_{h/3} - g_h)/8 removes the h² term.
MU = ["-21/20", "21/20"]
EPS = "1/16"


def _grid_errors(L, coarse, fine, steps, **window):
    exact = run_continuous(L, steps, dps=20)
    grids = [run_dynamics(discretise_quadratic(L, cells, **window), steps, dps=15) for cells in (coarse, fine)]
    out = {}
    for key in ("a", "b", "m"):
        e = [r[key] for r in exact.records]
        g1 = [getattr(r, key) for r in grids[0].records]
        g2 = [getattr(r, key) for r in grids[1].records]
        rich = [(9 * y - x) / 8 for x, y in zip(g1, g2)]
        out[key] = tuple(max(abs(x - z) for x, z in zip(g, e)) for g in (g1, g2, rich))
    zerr = max(abs(r["Z"][i] - s.Z[i]) for r, s in zip(exact.records, grids[1].records) for i in range(2))
    return out, zerr


@pytest.mark.parametrize("init, cells, window", [
    (Uniform(-3, 3), (60, 180), {}),
    (Gaussian("1/5", "3/2"), (120, 360), {"low": -6, "high": 6}),
])
def test_exact_engine_matches_fine_grid_with_second_order_convergence(init, cells, window):
    L = QuadraticLandscape(mu=MU, weights=["1/3", "2/3"], init=init, eps=EPS)
    errs, zerr = _grid_errors(L, *cells, steps=12, **window)
    for key, (e1, e2, rich) in errs.items():
        assert 7 < e1 / e2 < 11, (key, e1, e2)          # the grid converges like h² to the exact values
        assert rich < 1e-5, (key, rich)                  # and its extrapolation agrees to 1e-5
    assert zerr < 1e-5


def test_planted_wrong_weights_is_detected_by_the_grid_cross_check():
    # negative control: the same comparison must see a 1/100 change in q
    L = QuadraticLandscape(mu=MU, weights=["1/3", "2/3"], init=Uniform(-3, 3), eps=EPS)
    wrong = L.replace(weights=["33/100", "67/100"])
    exact = run_continuous(wrong, 12, dps=20)
    grids = [run_dynamics(discretise_quadratic(L, c), 12, dps=15) for c in (60, 180)]
    rich = [(9 * y.a - x.a) / 8 for x, y in zip(grids[0].records, grids[1].records)]
    assert max(abs(r - e["a"]) for r, e in zip(rich, exact.records)) > 1e-3


def test_masses_partition_one_and_components_count():
    L = QuadraticLandscape(mu=[-1, "1/2", 2], weights=["1/5", "1/2", "3/10"], init=Uniform(-3, 4), eps="1/20")
    tr = run_continuous(L, 6, dps=25)
    for rec in tr.records:
        t = rec["t"]
        assert rec["components"] == math.comb(t + 2, 2)
        assert abs(mpmath.fsum(rec["masses"]) + rec["outside"] - 1) < 1e-22
        assert rec["mass_error"] < 1e-25
    # F = Σ q_i log Z_i never decreases along the large-K dynamics
    F = [r["F"] for r in tr.records]
    assert all(b >= a - 1e-20 for a, b in zip(F, F[1:]))


def test_symmetric_setup_stays_symmetric_and_precision_agrees():
    L = QuadraticLandscape(mu=[-1, 1], init=Gaussian(0, 2), eps="1/10")
    lo, hi = run_continuous(L, 15, dps=20), run_continuous(L, 15, dps=40)
    for a, b in zip(lo.records, hi.records):
        assert abs(a["a"] - a["b"]) < 1e-18
        assert abs(a["a"] - b["a"]) < 1e-18 and abs(a["m"] - b["m"]) < 1e-18


def test_tiny_outside_mass_keeps_relative_accuracy():
    # m_t is integrated directly, not as 1 - a - b: at 20 digits it agrees with 50 digits in
    # relative terms even when m_t is far below 1e-20
    L = QuadraticLandscape(mu=[-3, 3], init=Uniform(-5, 5), eps="1/2")
    lo, hi = run_continuous(L, 80, dps=20, record_every=80), run_continuous(L, 80, dps=50, record_every=80)
    m_lo, m_hi = lo.records[-1]["m"], hi.records[-1]["m"]
    assert m_hi < 1e-15
    assert abs(m_lo / m_hi - 1) < 1e-15


def test_single_reward_collapses_onto_its_basin():
    # [FERB24]: with one reward the mass of any ε-basin goes to 1, and Z_t increases
    L = QuadraticLandscape(mu=["1/2"], weights=[1], init=Uniform(-2, 2), eps="1/10")
    tr = run_continuous(L, 60, dps=20)
    Z = [r["Z"][0] for r in tr.records]
    assert all(b > a for a, b in zip(Z, Z[1:]))
    assert tr.records[-1]["masses"][0] > 1 - 1e-2


def test_density_integrates_to_one_and_reproduces_Z():
    L = QuadraticLandscape(mu=[-1, "3/2"], weights=["2/5", "3/5"], init=Uniform(-2, 3), eps="1/10")
    tr = run_continuous(L, 4, dps=20)
    with mpmath.workdps(20):
        total = mpmath.quad(tr.density, [-2, -1, "3/2", 3])
        Z1 = mpmath.quad(lambda x: tr.density(x) * mpmath.exp(-(x + 1) ** 2), [-2, -1, "3/2", 3])
    assert abs(total - 1) < 1e-15
    assert abs(Z1 - tr.records[-1]["Z"][0]) < 1e-15


def test_two_dimensional_ball_masses_match_polar_quadrature():
    L = QuadraticLandscape(mu=[[-1, 0], [1, "1/2"]], weights=["1/2", "1/2"], init=Gaussian([0, 0], 1), eps="1/5")
    tr = run_continuous(L, 2, dps=20)
    rho = mpmath.sqrt(mpmath.mpf(1) / 5)
    with mpmath.workdps(15):
        for i, (cx, cy) in enumerate([(-1, 0), (1, 0.5)]):
            ball = mpmath.quad(lambda r, th: r * tr.density([cx + r * mpmath.cos(th), cy + r * mpmath.sin(th)]),
                               [0, rho], [0, 2 * mpmath.pi])
            assert abs(ball - tr.records[-1]["masses"][i]) < 1e-10
    assert tr.ball_method == "series"


@pytest.mark.parametrize("d, lam, x", [(2, 0, 2), (2, 3, 1), (3, 10, 5), (5, 40, 30), (4, 300, 200)])
def test_noncentral_chi2_series_matches_quadrature(d, lam, x):
    from pluralnash.numeric.engines.continuous_integrals import _ball_by_quadrature

    v, method, err = noncentral_chi2_cdf(d, lam, x, dps=30)
    with mpmath.workdps(45):
        w, _, _ = _ball_by_quadrature(d, mpmath.mpf(lam), mpmath.mpf(x), 30, False)
        assert abs(v - w) < 1e-28
        up, _, _ = noncentral_chi2_cdf(d, lam, x, dps=30, upper=True)
        assert abs(v + up - 1) < 1e-28
    assert method == "series"


def test_noncentral_chi2_closed_form_d2_central():
    v, _, _ = noncentral_chi2_cdf(2, 0, 3, dps=30)
    with mpmath.workdps(40):
        assert abs(v - (1 - mpmath.exp(-mpmath.mpf(3) / 2))) < 1e-30


def test_gaussian_start_ball_mass_at_round_zero():
    # p_0 = N(0, 1), S_1 = [-3/2, -1/2]: a_0 = Φ(-1/2) - Φ(-3/2)
    one = QuadraticLandscape(mu=[-1, 1], init=Gaussian(0, 1), eps="1/4")
    tr = run_continuous(one, 0, dps=20)
    with mpmath.workdps(25):
        expected = mpmath.ncdf(-0.5) - mpmath.ncdf(-1.5)
    assert abs(tr.records[0]["a"] - expected) < 1e-18


# ----------------------------------------------------------------------------------------------
# certified mode: interval enclosures


def _ends(x):
    """An mpmath.iv interval's endpoints as exact Fractions (read off the exact endpoint mpfs)."""
    return [Fraction(int(man)) * Fraction(2) ** int(exp) for man, exp in (lower_end(x).man_exp, upper_end(x).man_exp)]


def _encloses(x, value) -> bool:
    lo, hi = _ends(x)
    with mpmath.workdps(120):
        return bool(mpmath.mpf(lo.numerator) / lo.denominator <= value <= mpmath.mpf(hi.numerator) / hi.denominator)


def _rel_width(x) -> Fraction:
    lo, hi = _ends(x)
    return (hi - lo) / abs(lo) if lo else hi - lo


@pytest.mark.parametrize("L", [
    QuadraticLandscape(mu=MU, weights=["1/3", "2/3"], init=Uniform(-3, 3), eps=EPS),
    QuadraticLandscape(mu=[-1, "1/2", 2], weights=["1/5", "1/2", "3/10"], init=Uniform(-3, 4), eps="1/20"),
    QuadraticLandscape(mu=["-3/2", 1], weights=["2/5", "3/5"], init=Gaussian("1/5", "3/2"), eps="1/10"),
], ids=["uniform", "three-rewards", "gaussian"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_certified_enclosures_contain_a_far_more_precise_run_and_are_tight(L, backend, monkeypatch):
    monkeypatch.setattr(_interval_erf, "BACKEND", backend)
    steps, dps = 12, 20
    cert = run_continuous(L, steps, dps=dps, record_every=4, certify=True)
    ref = run_continuous(L, steps, dps=80, record_every=4)
    assert cert.certified is True and cert.certify_note == "" and cert.certify_prec > 66
    for rec, hi in zip(cert.records, ref.records):
        enc = rec["enclosure"]
        pairs = list(zip(enc["Z"], hi["Z"])) + list(zip(enc["masses"], hi["masses"])) + [(enc["outside"], hi["outside"])]
        for x, value in pairs:
            assert _encloses(x, value), (rec["t"], value)
            assert _rel_width(x) < Fraction(1, 10**dps)


def test_certify_leaves_the_point_values_untouched():
    L = QuadraticLandscape(mu=MU, weights=["1/3", "2/3"], init=Uniform(-3, 3), eps=EPS)
    plain = run_continuous(L, 6, dps=20)
    cert = run_continuous(L, 6, dps=20, certify=True)
    strip = [{k: v for k, v in r.items() if k != "enclosure"} for r in cert.records]
    assert repr(strip) == repr(plain.records) and plain.certified is None
    assert all("enclosure" not in r for r in plain.records)


@pytest.mark.parametrize("backend", BACKENDS)
def test_planted_wrong_weight_falls_outside_the_enclosure(backend, monkeypatch):
    # negative control: q changed by 1e-12 moves a_t out of the certified enclosure
    monkeypatch.setattr(_interval_erf, "BACKEND", backend)
    L = QuadraticLandscape(mu=MU, weights=["1/3", "2/3"], init=Uniform(-3, 3), eps=EPS)
    shift = Fraction(1, 10**12)
    wrong = L.replace(weights=[Fraction(1, 3) + shift, Fraction(2, 3) - shift])
    cert = run_continuous(L, 10, dps=20, certify=True, record_at=[10])
    exact = run_continuous(L, 10, dps=60, record_at=[10]).records[-1]
    planted = run_continuous(wrong, 10, dps=60, record_at=[10]).records[-1]
    enc = cert.records[-1]["enclosure"]
    assert _encloses(enc["a"], exact["a"]) and not _encloses(enc["a"], planted["a"])
    assert not _encloses(enc["Z"][0], planted["Z"][0])


@pytest.mark.parametrize("d", [2, 3])
def test_certified_ball_masses_in_higher_dimensions_contain_a_far_more_precise_run(d):
    mu = [[-1] + [0] * (d - 1), [1, "1/2"] + [0] * (d - 2)]
    L = QuadraticLandscape(mu=mu, weights=["2/5", "3/5"], init=Gaussian([0] * d, 1), eps="1/5")
    cert = run_continuous(L, 4, dps=20, certify=True)
    ref = run_continuous(L, 4, dps=60)
    assert cert.certified is True and cert.certify_note == ""
    for rec, hi in zip(cert.records, ref.records):
        enc = rec["enclosure"]
        for x, v in list(zip(enc["Z"], hi["Z"])) + list(zip(enc["masses"], hi["masses"])) + [(enc["m"], hi["m"])]:
            assert _encloses(x, v)
        assert all(_rel_width(x) < Fraction(1, 10**20) for x in enc["Z"] + enc["masses"])


def test_certify_says_why_a_quadrature_ball_mass_is_not_certified():
    # λ/2 = 120²/2 > the series limit: the point engine integrates by quadrature, with no bound
    L = QuadraticLandscape(mu=[[-120, 0], [120, 0]], init=Gaussian([0, 0], 1), eps="1/5")
    cert = run_continuous(L, 0, dps=20, certify=True)
    assert cert.ball_method == "quadrature"
    assert cert.certified is False and "quadrature" in cert.certify_note and "7200" in cert.certify_note
    ref = run_continuous(L, 0, dps=60).records[0]["Z"]
    assert all(_encloses(z, v) for z, v in zip(cert.records[0]["enclosure"]["Z"], ref))


@pytest.mark.parametrize("d, lam, x", [(2, 0, 2), (3, "7/2", "5/3"), (5, 40, 30), (4, 300, 200), (3, "1/7", "1/100")])
def test_chi2_enclosure_contains_the_series_value_and_a_planted_shift_is_outside(d, lam, x):
    from pluralnash.numeric.engines.continuous_certified import chi2_cdf_enclosure

    lam, x = Fraction(lam), Fraction(x)
    enc = chi2_cdf_enclosure(d, lam, x, prec=120)
    with mpmath.workdps(80):
        lam_mp, x_mp = mpmath.mpf(lam.numerator) / lam.denominator, mpmath.mpf(x.numerator) / x.denominator
        v, _, _ = noncentral_chi2_cdf(d, lam_mp, x_mp, dps=60)
        # negative control: the same containment check rejects the value at a slightly larger radius
        w, _, _ = noncentral_chi2_cdf(d, lam_mp, x_mp * (1 + mpmath.mpf(10) ** -20), dps=60)
    assert _encloses(enc, v) and _rel_width(enc) < Fraction(1, 10**28)
    assert not _encloses(enc, w)


BAD = [
    (lambda: run_continuous(QuadraticLandscape(mu=[0], init=Uniform(0, 1)), 2, certify="yes"),
     "certify='yes' must be True or False"),
    (lambda: QuadraticLandscape(mu=[], init=Uniform(0, 1)), "mu=[] must be a non-empty list"),
    (lambda: QuadraticLandscape(mu=[0, 1], beta=0, init=Uniform(0, 1)), "beta=0 must be > 0"),
    (lambda: QuadraticLandscape(mu=[0, 1], weights=["1/2", "2/3"], init=Uniform(0, 1)), "must sum to 1"),
    (lambda: QuadraticLandscape(mu=[0, 1], weights=["1"], init=Uniform(0, 1)), "one weight per reward"),
    (lambda: QuadraticLandscape(mu=[[0, 1], [1, 0]], init=Uniform(0, 1)), "Uniform is one-dimensional"),
    (lambda: QuadraticLandscape(mu=[[0, 1], [1]], init=Gaussian([0, 0], 1)), "mu[1] has 1 coordinates"),
    (lambda: QuadraticLandscape(mu=[0, 1], init=None), "init=None must be Gaussian"),
    (lambda: QuadraticLandscape(mu=[0, 1], init=Uniform(0, 1), eps="-1/2"), "eps=-1/2 must be > 0"),
    (lambda: Uniform(2, 1), "needs low < high"),
    (lambda: Gaussian(0, 0), "Gaussian.var=0 must be > 0"),
    (lambda: Gaussian("x", 1), "Gaussian.mean='x' is not a number"),
    (lambda: run_continuous(QuadraticLandscape(mu=[0], init=Uniform(0, 1)), -1), "steps=-1"),
    (lambda: run_continuous(QuadraticLandscape(mu=[0], init=Uniform(0, 1)), 2, dps=5), "dps=5"),
    (lambda: run_continuous(QuadraticLandscape(mu=[0], init=Uniform(0, 1)), 2, record_every=0), "record_every=0"),
    (lambda: run_continuous("setup", 2), "must be a QuadraticLandscape"),
    (lambda: run_continuous(QuadraticLandscape(mu=[0, 1, 2], init=Uniform(0, 1)), 400), "Gaussian terms"),
    (lambda: discretise_quadratic(QuadraticLandscape(mu=[[0, 0]], init=Gaussian([0, 0], 1)), 10), "needs d = 1"),
    (lambda: discretise_quadratic(QuadraticLandscape(mu=[0], init=Uniform(0, 1)), 1), "cells=1"),
    (lambda: QuadraticLandscape(mu=[0, 1], init=Uniform(0, 1)).disjoint_basins(), "no basin width"),
]


@pytest.mark.parametrize("make, message", BAD, ids=[m for _, m in BAD])
def test_bad_arguments(make, message):
    with pytest.raises(InvalidArgument) as info:
        make()
    assert message in str(info.value)


@pytest.mark.parametrize("name", ["pluralnash.numeric.engines.continuous", "pluralnash.audit.paper_tables",
                                  "pluralnash.numeric.engines.continuous_certified"])
def test_doctests(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# ----------------------------------------------------------------------------------------------
# overlapping balls: each basin mass is its whole ball's mass


@pytest.mark.parametrize("backend", BACKENDS)
def test_overlapping_balls_gaussian_start_enclose_the_whole_ball_masses(backend, monkeypatch):
    # ρ = sqrt(ε/β) = 1/10: S_1 = [-1/10, 1/10], S_2 = [0, 1/5] overlap on [0, 1/10].
    # Independent values: P(|X| <= 1/10) and P(0 <= X <= 1/5) for X ~ N(0, 1) from mpmath's erf.
    monkeypatch.setattr(_interval_erf, "BACKEND", backend)
    L = QuadraticLandscape(mu=[0, "1/10"], weights=["1/2", "1/2"], init=Gaussian(0, 1), eps="1/100")
    enc = run_continuous(L, 1, dps=20, certify=True).records[0]["enclosure"]
    with mpmath.workdps(60):
        r = 1 / mpmath.sqrt(2)
        a = mpmath.erf(r / 10)
        b = mpmath.erf(r / 5) / 2
        outside = 1 - (mpmath.erf(r / 10) + mpmath.erf(r / 5)) / 2
    assert _encloses(enc["a"], a) and _encloses(enc["b"], b), (enc["a"], enc["b"])
    assert _encloses(enc["outside"], outside)
    # negative control: the old credit-the-first-ball rule gave b = P(1/10 <= X <= 1/5)
    with mpmath.workdps(60):
        first_only = (mpmath.erf(r / 5) - mpmath.erf(r / 10)) / 2
    assert not _encloses(enc["b"], first_only)


def test_overlapping_balls_uniform_start_are_exact_lengths():
    # uniform on [-1, 1]: at t = 0 a ball's mass is its length / 2 exactly
    L = QuadraticLandscape(mu=[0, "1/10"], weights=["1/2", "1/2"], init=Uniform(-1, 1), eps="1/100")
    tr = run_continuous(L, 1, dps=20, certify=True)
    enc, rec = tr.records[0]["enclosure"], tr.records[0]
    with mpmath.workdps(120):
        tenth, outside = mpmath.mpf(1) / 10, mpmath.mpf(17) / 20
    for x in (enc["a"], enc["b"]):
        assert _encloses(x, tenth), x
    assert _encloses(enc["outside"], outside)
    with mpmath.workdps(40):
        assert abs(rec["b"] - mpmath.mpf(1) / 10) < mpmath.mpf(10) ** -18
        assert abs(rec["outside"] - mpmath.mpf(17) / 20) < mpmath.mpf(10) ** -18
