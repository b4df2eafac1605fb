"""The m-basin leakage interval's derivation: its certificate, a planted lower end, and cross-checks of
the derived formulas against the numeric interval and the large-K update at random exact points."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, note
from hypothesis import strategies as st

import pluralnash.theory._basins_general as general
from pluralnash.claims.basins_general.checks import m_basin_interval
from pluralnash.numeric import evaluate_curated_update
from pluralnash.numeric.arith.real import Real
from pluralnash.properties import m_basin_landscapes
from pluralnash.theory import DERIVATIONS, InvalidArgument, Verdict, derive_m_basin_interval

F = Fraction
_units = st.fractions(min_value=F(1, 50), max_value=F(49, 50), max_denominator=50)


def test_doctests(run_doctests):
    run_doctests(general.__name__)


def test_certificate_checks_every_step_and_names_the_cited_ones():
    res = derive_m_basin_interval().certify()
    assert res.verdict is Verdict.HOLDS and res.certified
    steps = res.evidence["checked"]
    assert len(steps) == 13 and all(s["verdict"] == "HOLDS" for s in steps)
    assert len(res.evidence["cited"]) == 2
    assert "m-basin-interval" in DERIVATIONS


@pytest.mark.parametrize("lower", ["q_i", "q_i - kappa_i", "(q_i - kappa_i)/(1 + kappa_i)"])
def test_planted_lower_ends_fail(lower):
    res = derive_m_basin_interval(lower=lower).certify()
    assert res.verdict is Verdict.FAILS and "fixed point" in res.reason


@pytest.mark.parametrize("lower", [0.5, "x + 1", "q_i +", [1]])
def test_bad_lower_end(lower):
    with pytest.raises(InvalidArgument, match="lower="):
        derive_m_basin_interval(lower=lower)


@given(st.lists(st.tuples(_units, _units), min_size=2, max_size=4))
def test_derived_ends_match_the_numeric_interval(pairs):
    # weights normalised onto the simplex; kappa_i drawn freely in (0, 1)
    total = sum(q for q, _ in pairs)
    q = [qq / total for qq, _ in pairs]
    kappa = [k for _, k in pairs]
    note(f"q={q} kappa={kappa}")
    derived = [general.m_basin_lower(sympy.Rational(qi), sympy.Rational(ki)) for qi, ki in zip(q, kappa)]
    assert all(v.is_Rational for v in derived)
    lower = [max(F(0), F(int(v.p), int(v.q))) for v in derived]
    ends = m_basin_interval([Real(v) for v in q], [Real(k) for k in kappa])
    for i, (lo, hi) in enumerate(ends):
        assert lo.exact == lower[i]
        assert hi.exact == 1 - sum(lower[j] for j in range(len(q)) if j != i)
        assert lo.exact <= q[i] <= hi.exact  # the derived non-emptiness, numerically


@given(m_basin_landscapes(min_rewards=3, max_rewards=3, max_basin_atoms=1))
def test_basin_step_bound_on_the_large_k_update(L):
    # a_1' >= q_1 pi_1(S_1) >= a_1 / (a_1 + kappa'_1 (1 - a_1 - m) + m) with kappa'_1 = e^{-Delta_1} e^{eps}
    note(repr(L))
    p = list(L.p0)
    nxt = evaluate_curated_update(L, p)
    S1 = L.basins()[0]
    w1 = [v / max(L.exp_rewards[0]) for v in L.exp_rewards[0]]
    Z1 = sum(pp * ww for pp, ww in zip(p, w1))
    pi1 = sum(p[x] * w1[x] for x in S1) / Z1
    a1 = sum(p[x] for x in S1)
    assert sum(nxt[x] for x in S1) >= L.weights[0] * pi1
    others = [x for S in L.basins()[1:] for x in S]
    e = L.exp_eps
    kappa = max(w1[x] for x in others) / e ** 2
    out = 1 - sum(p[x] for S in L.basins() for x in S)
    assert pi1 >= a1 / (a1 + kappa * (1 - a1 - out) + out / e)


# ----------------------------------------------------------------------------------------------
# Lemmas 3.3-3.4 at finite K

import pluralnash.theory._finite_k_basins as finite  # noqa: E402
from pluralnash.numeric.engines.finite_k import evaluate_finite_k_weights  # noqa: E402
from pluralnash.numeric.engines.finite_k_basins import basin_step_bound  # noqa: E402
from pluralnash.theory import derive_finite_k_basin_bounds  # noqa: E402


def test_finite_k_doctests_and_certificate(run_doctests):
    run_doctests(finite.__name__)
    res = derive_finite_k_basin_bounds().certify()
    assert res.verdict is Verdict.HOLDS and len(res.evidence["checked"]) == 10 and len(res.evidence["cited"]) == 3
    assert "finite-k-basin-bounds" in DERIVATIONS


@given(st.integers(2, 6), _units, _units, st.fractions(min_value=F(1, 50), max_value=F(1, 4), max_denominator=50))
def test_fixed_point_of_the_numeric_map_is_the_derived_L_K(K, q, E, c):
    subs = {finite.k: K - 2, finite.q: sympy.Rational(q), finite.E: sympy.Rational(E), finite.c: sympy.Rational(c)}
    L = finite.L_K.subs(subs)
    assert L.is_Rational
    L = F(int(L.p), int(L.q))
    note(f"L_K={L}")
    assert basin_step_bound(q, K, E, c, L, F(0)) == L
    for a in (L / 2, (1 + L) / 2):  # below the fixed point the map moves a up, above it down
        if 0 < a < 1:
            moved = basin_step_bound(q, K, E, c, a, F(0)) - a
            assert (moved > 0) == (a < L)


@given(st.integers(2, 4), st.lists(st.fractions(min_value=F(1, 20), max_value=F(1), max_denominator=20), min_size=2,
                                   max_size=3))
def test_jensen_weight_is_below_the_exact_H_and_above_the_large_k_weight_below_the_mean(K, w):
    p = [F(1, len(w))] * len(w)
    H = evaluate_finite_k_weights(p, w, K, method="enumerate")
    mu = sum(a * b for a, b in zip(p, w))
    for x, wx in enumerate(w):
        jensen = K * wx / (wx + (K - 1) * mu)
        assert H[x] >= jensen
        assert (jensen > wx / mu) == (wx < mu)


def test_two_atom_collapse_certificate_and_its_numbers():
    from pluralnash.numeric.engines.finite_k_basins import two_atom_weight_poly
    from pluralnash.theory import derive_two_atom_collapse

    d = derive_two_atom_collapse()
    res = d.certify()
    assert res.verdict is Verdict.HOLDS and len(res.evidence["checked"]) == 3 and "two-atom-collapse" in DERIVATIONS
    # D from the derivation equals the numeric polynomial's constant factor at K = 2
    c1, c2 = sympy.Symbol("c_1", positive=True), sympy.Symbol("c_2", positive=True)
    for q, x1, x2 in ((F(3, 5), F(1, 10), F(1, 20)), (F(1, 3), F(1, 7), F(1, 7))):
        D = d.expressions["D"].subs({general_q: sympy.Rational(q) for general_q in [finite.q]}).subs(
            {c1: sympy.Rational(x1), c2: sympy.Rational(x2)})
        poly = two_atom_weight_poly(q, 2, (F(1), x2), (x1, F(1)))
        assert F(int(D.p), int(D.q)) == poly[0] == -poly[1]
