"""The finite-K curated weight H^K_p and the selection law ([FALA26] Lemma 3.1, Lemma 3.2)."""

from __future__ import annotations

import math
from fractions import Fraction as F

import mpmath
import pytest
from hypothesis import example, given, note, strategies as st, target

from pluralnash.numeric.engines.finite_k import (
    _mpf,
    _quadrature,
    evaluate_finite_k_weights,
    evaluate_selection_law,
)
from pluralnash.theory import InvalidArgument, SolverError


# -- strategies ------------------------------------------------------------------------------

@st.composite
def distributions(draw, n: int, *, allow_zero: bool = True) -> list[F]:
    """A rational distribution on n atoms; some masses may be 0 (never all)."""
    low = 0 if allow_zero else 1
    raw = draw(st.lists(st.integers(low, 20), min_size=n, max_size=n).filter(lambda r: sum(r) > 0))
    return [F(r, sum(raw)) for r in raw]


def exp_rewards(n: int):
    """n positive rationals w = e^r spanning a few decades."""
    weight = st.builds(lambda a, b, e: F(a, b) / 10**e, st.integers(1, 50), st.integers(1, 50), st.integers(0, 4))
    return st.lists(weight, min_size=n, max_size=n)


@st.composite
def setups(draw, *, max_n: int = 4, max_K: int = 6, max_m: int = 1):
    n = draw(st.integers(1, max_n))
    K = draw(st.integers(2, max_K))
    m = draw(st.integers(1, max_m))
    p = draw(distributions(n))
    ws = [draw(exp_rewards(n)) for _ in range(m)]
    q = draw(distributions(m, allow_zero=False))
    return p, ws, q, K


def _lemma_3_1(p, ws, q, K, weights=evaluate_finite_k_weights):
    """p(x) Σ_i q_i H^{K,r_i}_p(x), the right-hand side of [FALA26] Lemma 3.1."""
    Hs = [weights(p, w, K) for w in ws]
    return [p[x] * sum((qi * H[x] for qi, H in zip(q, Hs)), F(0)) for x in range(len(p))]


def _rel(a, b):
    with mpmath.workdps(60):
        a = _mpf(a) if isinstance(a, F) else a
        b = _mpf(b) if isinstance(b, F) else b
        return abs(a - b) / abs(b)


# -- enumeration against quadrature ------------------------------------------------------

@given(setups())
@example(([F(1)], [[F(3)]], [F(1)], 2))  # one atom: H = 1
@example(([F(1, 2), F(1, 2), F(0)], [[F(1), F(1, 10**4), F(7)]], [F(1)], 6))  # an atom outside the support
@example(([F(1, 3), F(2, 3)], [[F(2), F(2)]], [F(1)], 5))  # flat reward: H = 1
def test_enumeration_and_quadrature_agree_to_working_precision(setup):
    p, ws, _, K = setup
    note(f"p={p} w={ws[0]} K={K}")
    exact = evaluate_finite_k_weights(p, ws[0], K, method="enumerate")
    assert all(isinstance(h, F) for h in exact)
    dps = 20
    approx, errors = evaluate_finite_k_weights(p, ws[0], K, method="quadrature", dps=dps, error=True)
    worst = max(_rel(a, e) for a, e in zip(approx, exact))
    target(float(worst * 10**dps), label="relative error in units of 10^-dps")
    assert worst < mpmath.mpf(10) ** (2 - dps)
    assert max(errors) < mpmath.mpf(10) ** (2 - dps)


@pytest.mark.parametrize(
    ("p", "w", "K"),
    [
        ([F(1, 3), F(2, 3)], [F(5), F(1, 1000)], 1000),  # 1000 compositions, huge exact denominators
        ([F(1, 1000), F(999, 1000)], [F(1), F(1, 10**6)], 400),  # mass on the bad atom, long tail
        ([F(1, 5), F(3, 10), F(1, 2)], [F(3), F(1), F(1, 2)], 100),  # 5050 compositions
    ],
)
def test_quadrature_matches_exact_enumeration_at_large_K(p, w, K):
    exact = evaluate_finite_k_weights(p, w, K, method="enumerate")
    approx = evaluate_finite_k_weights(p, w, K, method="quadrature", dps=30)
    assert max(_rel(a, e) for a, e in zip(approx, exact)) < mpmath.mpf(10) ** -28


# -- mass identity --------------------------------------------------------------------------

@given(setups(max_K=9))
def test_mass_identity_is_exact_for_enumeration(setup):
    p, ws, _, K = setup
    H = evaluate_finite_k_weights(p, ws[0], K, method="enumerate")
    assert sum((px * h for px, h in zip(p, H)), F(0)) == 1


@pytest.mark.parametrize(("n", "K"), [(3, 2), (7, 50), (20, 10**4)])
def test_mass_identity_holds_to_working_precision_for_quadrature(n, K):
    p = [F(k + 1, n * (n + 1) // 2) for k in range(n)]
    w = [F(1, 3**k) for k in range(n)]
    dps = 25
    H = evaluate_finite_k_weights(p, w, K, method="quadrature", dps=dps)
    with mpmath.workdps(dps + 10):
        defect = abs(mpmath.fsum(_mpf(px) * h for px, h in zip(p, H)) - 1)
    assert defect < mpmath.mpf(10) ** (2 - dps)


# -- Lemma 3.1 against the sampling process ---------------------------------------------------

@given(setups(max_n=3, max_K=4, max_m=3))
@example(([F(1, 2), F(1, 2)], [[F(1), F(3)], [F(3), F(1)]], [F(1, 3), F(2, 3)], 2))
def test_lemma_3_1_matches_the_selection_law_exactly(setup):
    p, ws, q, K = setup
    note(f"p={p} ws={ws} q={q} K={K}")
    law = evaluate_selection_law(p, ws, q, K)
    assert sum(law, F(0)) == 1
    assert _lemma_3_1(p, ws, q, K) == law


def _k_draws_in_denominator(p, w, K):
    # E over K other draws instead of K-1: (K/(K+1)) H^{K+1}.
    return [F(K, K + 1) * h for h in evaluate_finite_k_weights(p, w, K + 1)]


def _missing_factor_K(p, w, K):
    return [h / K for h in evaluate_finite_k_weights(p, w, K)]


def _large_K_weight(p, w, K):
    # Lemma 3.2's limit w(x) / E_p[w] used at finite K.
    mean = sum((px * wx for px, wx in zip(p, w)), F(0))
    return [wx / mean for wx in w]


PLANTED = {
    "K draws in the denominator": _k_draws_in_denominator,
    "missing factor K": _missing_factor_K,
    "large-K weight at finite K": _large_K_weight,
}
# A setup where every planted variant differs from the truth.
P_PIN, K_PIN = [F(1, 5), F(3, 10), F(1, 2)], 3
WS_PIN, Q_PIN = [[F(1), F(4), F(9)], [F(9), F(4), F(1)]], [F(1, 2), F(1, 2)]


@pytest.mark.parametrize("variant", sorted(PLANTED))
def test_planted_false_update_is_rejected(variant):
    law = evaluate_selection_law(P_PIN, WS_PIN, Q_PIN, K_PIN)
    assert _lemma_3_1(P_PIN, WS_PIN, Q_PIN, K_PIN) == law
    assert _lemma_3_1(P_PIN, WS_PIN, Q_PIN, K_PIN, weights=PLANTED[variant]) != law


def test_planted_scalarised_reward_is_rejected():
    # One reward r̄ = Σ q_i r_i, i.e. w̄ = Π w_i^{q_i}; here w̄ = √(w_1 w_2) = (3, 4, 3) exactly.
    w_bar = [F(3), F(4), F(3)]
    assert [math.isqrt(int(a * b)) for a, b in zip(*WS_PIN)] == w_bar
    law = evaluate_selection_law(P_PIN, WS_PIN, Q_PIN, K_PIN)
    scalarised = [px * h for px, h in zip(P_PIN, evaluate_finite_k_weights(P_PIN, w_bar, K_PIN))]
    assert scalarised != law
    assert scalarised == evaluate_selection_law(P_PIN, [w_bar], [F(1)], K_PIN)


# -- K → ∞ ([FALA26] Lemma 3.2) -------------------------------------------------------------

def test_weights_approach_the_large_K_limit_like_one_over_K():
    p, w = [F(1, 5), F(3, 10), F(1, 2)], [F(3), F(1), F(1, 2)]
    mu = sum((px * wx for px, wx in zip(p, w)), F(0))
    var = sum((px * wx * wx for px, wx in zip(p, w)), F(0)) - mu**2
    limit = [wx / mu for wx in w]
    # H^K = L (1 + ((μ - w)/μ + σ²/μ²)/K) + O(1/K²), from expanding E[1/(w + S)] about its mean.
    slope = [wx / mu * ((mu - wx) / mu + var / mu**2) for wx in w]
    errors = []
    for K in (10, 100, 1000):
        H = evaluate_finite_k_weights(p, w, K, method="quadrature", dps=30)
        with mpmath.workdps(40):
            gaps = [h - _mpf(lim) for h, lim in zip(H, limit)]
            errors.append(max(abs(g) / _mpf(lim) for g, lim in zip(gaps, limit)))
            assert max(abs(K * g - _mpf(c)) for g, c in zip(gaps, slope)) < mpmath.mpf(3) / K
    assert 5 < errors[0] / errors[1] < 20 and 5 < errors[1] / errors[2] < 20


# -- types, precision, failure reporting -----------------------------------------------------

def test_auto_picks_exact_enumeration_or_quadrature():
    p, w = [F(1, 2), F(1, 2)], [F(1), F(2)]
    assert all(isinstance(h, F) for h in evaluate_finite_k_weights(p, w, 5))
    assert all(isinstance(h, mpmath.mpf) for h in evaluate_finite_k_weights(p, w, 10**4))
    p_mp = [mpmath.mpf(1) / 2, mpmath.mpf(1) / 2]
    assert all(isinstance(h, mpmath.mpf) for h in evaluate_finite_k_weights(p_mp, w, 5))


def test_mpf_enumeration_agrees_with_exact():
    p, w, K = [F(1, 4), F(1, 4), F(1, 2)], [F(1), F(2), F(5)], 7
    exact = evaluate_finite_k_weights(p, w, K, method="enumerate")
    with mpmath.workdps(50):
        p_mp = [_mpf(v) for v in p]
    approx, errors = evaluate_finite_k_weights(p_mp, w, K, method="enumerate", dps=40, error=True)
    assert max(_rel(a, e) for a, e in zip(approx, exact)) < mpmath.mpf(10) ** -38
    assert max(errors) < mpmath.mpf(10) ** -38


def test_global_precision_is_left_alone():
    before = mpmath.mp.prec
    evaluate_finite_k_weights([F(1, 2), F(1, 2)], [F(1), F(2)], 30, method="quadrature", dps=60)
    evaluate_finite_k_weights([F(1, 2), F(1, 2)], [F(1), F(2)], 3, method="enumerate", dps=60)
    assert mpmath.mp.prec == before


@pytest.mark.parametrize(
    ("maxdegree", "caught_by"),
    [
        (2, "estimated relative error"),  # mpmath's own estimate sees it
        (1, "mass identity"),  # one degree gives no estimate; the identity Σ p H = 1 still catches it
    ],
)
def test_quadrature_that_misses_the_tolerance_says_what_it_measured(maxdegree, caught_by):
    # Too few tanh-sinh levels cannot reach 40 digits; the failure must be reported, not returned.
    with pytest.raises(SolverError, match=rf"\(\S+ > 1\.0e-38\): {caught_by} .*Try method='enumerate'"):
        _quadrature([F(1, 3), F(2, 3)], [F(1), F(1, 50)], 20, 40, maxdegree=maxdegree)


# -- bad input: one table ----------------------------------------------------------------------

GOOD_P, GOOD_W = [F(1, 2), F(1, 2)], [F(1), F(2)]
BAD = [
    ("K < 2", lambda: evaluate_finite_k_weights(GOOD_P, GOOD_W, 1), r"K=1 must be >= 2"),
    ("K not an int", lambda: evaluate_finite_k_weights(GOOD_P, GOOD_W, 2.5), r"K=2\.5 must be a whole number"),
    ("K a bool", lambda: evaluate_finite_k_weights(GOOD_P, GOOD_W, True), r"K=True must be a whole number"),
    ("length mismatch", lambda: evaluate_finite_k_weights(GOOD_P, [F(1)], 3), r"p has 2 entries but w has 1"),
    ("zero w", lambda: evaluate_finite_k_weights(GOOD_P, [F(1), F(0)], 3), r"w\[1\]=0 must be > 0"),
    ("negative w", lambda: evaluate_finite_k_weights(GOOD_P, [F(-1), F(1)], 3), r"w\[0\]=-1 must be > 0"),
    ("negative p", lambda: evaluate_finite_k_weights([F(3, 2), F(-1, 2)], GOOD_W, 3), r"p\[1\]=-1/2 is negative"),
    ("p not summing to 1", lambda: evaluate_finite_k_weights([F(1, 2), F(1, 3)], GOOD_W, 3), r"must sum to 1"),
    ("mpf p not summing to 1", lambda: evaluate_finite_k_weights([mpmath.mpf("0.5"), mpmath.mpf("0.4")], GOOD_W, 3),
     r"must sum to 1 \(its sum is 0\.9"),
    ("empty p", lambda: evaluate_finite_k_weights([], [], 3), r"p=\[\] is empty"),
    ("p not a list", lambda: evaluate_finite_k_weights("1/2 1/2", GOOD_W, 3), r"must be a list of numbers"),
    ("p entry not a number", lambda: evaluate_finite_k_weights([F(1, 2), "half"], GOOD_W, 3), r"p\[1\]='half' is not a number"),
    ("infinite mpf", lambda: evaluate_finite_k_weights(GOOD_P, [mpmath.inf, F(1)], 3), r"w\[0\]=mpf\('\+inf'\) must be finite"),
    ("unknown method", lambda: evaluate_finite_k_weights(GOOD_P, GOOD_W, 3, method="exact"), r"method='exact' is not one of"),
    ("bad dps", lambda: evaluate_finite_k_weights(GOOD_P, GOOD_W, 3, dps=0), r"dps=0 must be a whole number"),
    ("enumeration too large", lambda: evaluate_finite_k_weights([F(1, 10)] * 10, [F(k + 1) for k in range(10)], 30,
                                                                method="enumerate"),
     r"with 10 atoms .* K=30 needs 163011640 compositions .* use method='quadrature'"),
    ("selection law: too many tuples", lambda: evaluate_selection_law([F(1, 10)] * 10, [[1] * 10], [1], 6),
     r"10\^6 = 1000000 ordered tuples \(limit 200000\)"),
    ("selection law: K < 2", lambda: evaluate_selection_law(GOOD_P, [GOOD_W], [1], 1), r"K=1 must be >= 2"),
    ("selection law: row length", lambda: evaluate_selection_law(GOOD_P, [[1, 2, 3]], [1], 2),
     r"ws\[0\] has 3 entries but p has 2"),
    ("selection law: q length", lambda: evaluate_selection_law(GOOD_P, [GOOD_W], [F(1, 2), F(1, 2)], 2),
     r"q has 2 entries but there is 1 reward"),
    ("selection law: q off the simplex", lambda: evaluate_selection_law(GOOD_P, [GOOD_W, GOOD_W], [F(1, 2), F(1, 3)], 2),
     r"q must sum to 1"),
    ("selection law: no rewards", lambda: evaluate_selection_law(GOOD_P, [], [1], 2), r"ws=\[\] has no rewards"),
    ("selection law: w <= 0", lambda: evaluate_selection_law(GOOD_P, [[1, 0]], [1], 2), r"ws\[0\]\[1\]=0 must be > 0"),
]


@pytest.mark.parametrize(("call", "message"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_arguments_raise_invalid_argument(call, message):
    with pytest.raises(InvalidArgument, match=message):
        call()
