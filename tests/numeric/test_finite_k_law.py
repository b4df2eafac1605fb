"""The fast finite-K kernels against the reference walk ([FALA26] Lemma 3.1, Lemma 3.2).

The kernels of :mod:`pluralnash.numeric.engines.finite_k_law` and the integer form of Lemma 3.2's
bounds must return exactly what the reference computations return: the same Fractions, and for mpf
inputs the same bits.  The table includes setups within 1e-12 of where states merge (w ratios 1 + 1e-12,
and closer than the working precision) and masses within 1e-12 of 0 and 1; planted wrong kernels
must be caught by the same comparison.
"""

from __future__ import annotations

import random
from fractions import Fraction as F

import mpmath
import pytest
from mpmath.libmp import mpf_add

from pluralnash.numeric.engines import finite_k_bounds, finite_k_law
from pluralnash.numeric.engines.finite_k import _sum_law, finite_k_weight_rows, finite_k_weights

TINY = F(1, 10**12)


def _table() -> list[tuple[list[F], list[F], int]]:
    """(p, w, K): hand-picked edge cases, then a seeded random table."""
    rows = [
        ([F(1)], [F(3)], 2),
        ([F(1, 2), F(1, 2)], [F(1), F(1) + TINY], 7),                      # totals 1e-12 apart
        ([F(1, 3), F(1, 3), F(1, 3)], [F(1), F(1) + TINY, F(1) - TINY], 6),
        ([TINY, 1 - TINY], [F(5), F(1, 7)], 9),                            # a mass 1e-12 from 0
        ([F(1, 2) - TINY, F(1, 2) + TINY, F(0)], [F(2), F(3), F(9)], 5),   # an atom off the support
        ([F(1, 4)] * 4, [F(1), F(2), F(1), F(3)], 6),                      # equal w: states merge
        ([F(1, 2), F(1, 2)], [F(1), F(1) + F(1, 10**80)], 8),              # merge after rounding only
        ([F(1, 2), F(1, 2)], [F(1), F(1) + F(1, 10**20)], 8),              # apart in mpf, equal as floats
        ([F(1, 3), F(1, 3), F(1, 3)], [F(1), F(2), F(1) + F(1, 10**80)], 5),
    ]
    rng = random.Random(20260520)
    for _ in range(40):
        n = rng.randint(1, 4)
        raw = [rng.randint(0, 30) for _ in range(n)]
        raw[0] += 1
        p = [F(r, sum(raw)) for r in raw]
        w = [F(rng.randint(1, 40), rng.randint(1, 7)) for _ in range(n)]
        rows.append((p, w, rng.choice([2, 3, 4, 6, 9, 13])))
    return rows


TABLE = _table()


def _reference(p, w, K, dps):
    """H by the reference walk (``_sum_law``) and the plain sum over its law, as the engine computed it
    before the kernels: Fractions for exact inputs, else mpf with the same guard digits."""
    support = [k for k, v in enumerate(p) if v > 0]
    if dps is None:
        law = _sum_law([p[k] for k in support], [w[k] for k in support], K - 1, F(1), F(0))
        return [K * wx * sum((m / (wx + t) for t, m in law.items()), F(0)) for wx in w]
    count = len(str(_count(len(support), K)))
    with mpmath.workdps(dps + 10 + count + len(str(K))):
        pm, wm = [+v for v in p], [+v for v in w]
        law = _sum_law([pm[k] for k in support], [wm[k] for k in support], K - 1, mpmath.mpf(1), mpmath.mpf(0))
        raw = [K * wx * mpmath.fsum(m / (wx + t) for t, m in law.items()) for wx in wm]
    with mpmath.workdps(dps):
        return [+v for v in raw]


def _count(s, K):
    from math import comb
    return comb(K - 1 + s - 1, s - 1)


def _as_mpf(values, dps):
    with mpmath.workdps(dps + 5):
        return [mpmath.mpf(v.numerator) / v.denominator for v in values]


def _disagreements(dps_list=(15, 30, 47)) -> list:
    """Setups of TABLE where the engine and the reference differ (as exact values or as raw bits)."""
    bad = []
    for p, w, K in TABLE:
        if finite_k_weights(p, w, K, "enumerate", 30) != _reference(p, w, K, None):
            bad.append(("exact", p, w, K))
        for dps in dps_list:
            pm, wm = _as_mpf(p, dps), _as_mpf(w, dps)
            fast = [v._mpf_ for v in finite_k_weights(pm, wm, K, "enumerate", dps)]
            if fast != [v._mpf_ for v in _reference(pm, wm, K, dps)]:
                bad.append(("mpf", dps, p, w, K))
    return bad


def test_kernels_agree_with_the_reference_walk_bit_for_bit():
    assert _disagreements() == []


def test_the_table_reaches_merges_that_only_rounding_makes():
    # w = 1 and 1 + 1e-80 are different rationals but equal mpf at 30 digits: the mpf law merges
    # states the exact law keeps apart, so this row tests the merge order of the kernel.
    p, w, K = TABLE[6]
    exact_states = len(_sum_law(p, w, K - 1, F(1), F(0)))
    with mpmath.workdps(40):
        pm, wm = _as_mpf(p, 40), _as_mpf(w, 40)
        mpf_states = len(_sum_law(pm, wm, K - 1, mpmath.mpf(1), mpmath.mpf(0)))
    assert (exact_states, mpf_states) == (K, 1)


_PLAN, _MASSES, _EXACT = finite_k_law._plan, finite_k_law._mpf_masses, finite_k_law.exact_weights


def _merge_by_float(weights, draws, prec, rnd):
    """Planted: states merged when their totals agree as floats (1e-16), not exactly."""
    shape, totals = _PLAN(weights, draws, prec, rnd)
    seen = {}
    for t in totals:
        seen.setdefault(float(mpmath.mpf(t)), t)
    return shape, tuple(seen[float(mpmath.mpf(t))] for t in totals)


def _drop_last_state(probs, shape, draws, prec, rnd):
    """Planted: a screen that drops the last state of the law."""
    masses = list(_MASSES(probs, shape, draws, prec, rnd))
    return masses[:-1] + [(0, 0, 0, 0)] if len(masses) > 1 else masses


def _double_denominators(weights, draws, prec, rnd, wx):
    """Planted: w(x) + T rounded to 53 bits, as a float screen would form it."""
    return tuple(mpf_add(wx, t, 53, rnd) for t in _PLAN(weights, draws, prec, rnd)[1])


def _exact_scale_off(p, w, K):
    """Planted: the exact kernel off by a relative 1e-12 at the last atom."""
    out = _EXACT(p, w, K)
    return out[:-1] + [out[-1] * (1 + TINY)]


PLANTED = {
    "merge-by-float": ("_plan", _merge_by_float),
    "drop-last-state": ("_mpf_masses", _drop_last_state),
    "denominators-in-double": ("_denominators", _double_denominators),
    "exact-off-by-1e-12": ("exact_weights", _exact_scale_off),
}


_CACHED = [getattr(finite_k_law, name) for name in
           ("_plan", "_mpf_masses", "_denominators", "_weight_at", "_powers", "_first_masses", "_binomials")]


@pytest.fixture
def fresh_caches():
    """The kernels' caches emptied before and after, so a planted kernel neither reads nor leaves entries."""
    for fn in _CACHED:
        fn.cache_clear()
    yield
    for fn in _CACHED:
        fn.cache_clear()


@pytest.mark.parametrize("variant", sorted(PLANTED))
def test_planted_wrong_kernel_is_caught(variant, monkeypatch, fresh_caches):
    name, planted = PLANTED[variant]
    monkeypatch.setattr(finite_k_law, name, planted)
    if name == "exact_weights":
        monkeypatch.setattr("pluralnash.numeric.engines.finite_k.exact_weights", planted)
    assert _disagreements(dps_list=(30,)) != []


def test_rows_are_the_single_row_results():
    p, w, K = TABLE[5]
    rows = [w, list(reversed(w))]
    single = [finite_k_weights(p, r, K, "enumerate", 30) for r in rows]
    assert finite_k_weight_rows(p, rows, K, "enumerate", 30) == single


# -- Lemma 3.2's bounds over integers ------------------------------------------------------------

def _formula(p, w, K):
    """The bounds written as in [FALA26] Lemma 3.2, in Fractions (the generic branch)."""
    mu = sum((a * b for a, b in zip(p, w)), F(0))
    var = sum((a * (b - mu) ** 2 for a, b in zip(p, w)), F(0))
    wmin = min(b for a, b in zip(p, w) if a > 0)
    lo = [K * v / (v + (K - 1) * mu) for v in w]
    hi = [K * v / (v + (K - 1) * mu) + K * v * (K - 1) * var / ((v + (K - 1) * mu) ** 2 * (v + (K - 1) * wmin))
          for v in w]
    return lo, hi


BOUND_TABLE = [(p, w, K) for p, w, _ in TABLE for K in (2, 5, 10**12)]


def test_integer_bounds_are_the_formula():
    assert [finite_k_bounds.finite_k_sandwich(p, w, K) for p, w, K in BOUND_TABLE] == \
        [_formula(p, w, K) for p, w, K in BOUND_TABLE]


def test_bounds_of_a_sub_distribution_take_the_formula_branch():
    p, w = [F(1, 3), F(1, 3)], [F(1), F(2)]  # sums to 2/3: the integer form assumes a distribution
    assert finite_k_bounds.finite_k_sandwich(p, w, 4) == _formula(p, w, 4)


def test_planted_wrong_integer_bound_is_caught(monkeypatch):
    right = finite_k_bounds._integer_sandwich

    def planted(p, w, K):  # the variance term dropped at the last atom
        lo, hi = right(p, w, K)
        return lo, hi[:-1] + [lo[-1]] if len(set(w)) > 1 else hi
    monkeypatch.setattr(finite_k_bounds, "_integer_sandwich", planted)
    assert [finite_k_bounds.finite_k_sandwich(p, w, K) for p, w, K in BOUND_TABLE] != \
        [_formula(p, w, K) for p, w, K in BOUND_TABLE]
