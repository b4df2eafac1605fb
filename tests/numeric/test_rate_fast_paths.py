"""The characteristic polynomial in integers (the rate checks' spectrum) against the Fraction recurrence.

The integer run must give exactly the coefficients of the plain Faddeev–LeVerrier recurrence on
Fractions, on a table that includes entries within 1e-12 of each other and singular matrices; a
planted wrong rescaling must be caught by the same table.
"""

import math
import random
from fractions import Fraction as F

import pytest

from pluralnash.numeric.engines import jacobian
from pluralnash.numeric.engines.jacobian import charpoly_exact

NEAR = F(1, 10 ** 13)


def _plain_charpoly(M):
    n = len(M)
    coeffs, Mk = [F(1)], [[F(0)] * n for _ in range(n)]
    for k in range(1, n + 1):
        prev = [[Mk[i][j] + (coeffs[-1] if i == j else 0) for j in range(n)] for i in range(n)]
        Mk = [[sum((M[i][t] * prev[t][j] for t in range(n)), F(0)) for j in range(n)] for i in range(n)]
        coeffs.append(-sum((Mk[i][i] for i in range(n)), F(0)) / k)
    return coeffs


def _table():
    rng = random.Random(11)
    rows = [[[F(0)]], [[F(3, 7)]], [[F(1), F(1)], [F(1), F(1)]],  # a singular one
            [[F(1, 3), F(1, 3) + NEAR], [F(1, 3) - NEAR, F(1, 3)]],  # det within 1e-25 of 0
            [[F(1, 2), F(-1, 3), F(0)], [F(2, 9), F(5, 4), F(-7, 11)], [F(0), F(1, 10 ** 12), F(1)]]]
    for n in range(1, 6):
        rows.append([[F(rng.randint(-999, 999), rng.randint(1, 10 ** 9)) for _ in range(n)] for _ in range(n)])
    return rows


def test_integer_charpoly_is_the_fraction_recurrence():
    for M in _table():
        got = charpoly_exact(M)
        assert got == _plain_charpoly(M)
        assert all(type(c) is F for c in got)


def test_charpoly_of_the_rate_jacobian_on_a_setup():
    from pluralnash.numeric import Landscape

    L = Landscape(exp_rewards=[["1", "1/4", "1/2"], ["1/4", "1", "1/2"]], p0=["1/3", "1/3", "1/3"])
    jac = jacobian.solve_limit_jacobian(L)
    assert list(jac.charpoly) == _plain_charpoly([list(r) for r in jac.J])


def _one_power_short(M):
    """Planted: c_k = e_k / D^(k-1), the rescaling by D one power short."""
    D = math.lcm(*(v.denominator for row in M for v in row))
    return [c * D if k else c for k, c in enumerate(charpoly_exact(M))]


def test_a_planted_wrong_rescaling_is_caught():
    assert any(_one_power_short(M) != _plain_charpoly(M) for M in _table())


@pytest.mark.parametrize("M", [[[F(1, 2)]], [[F(2), F(1)], [F(0), F(3)]]])
def test_small_cases_by_hand(M):
    assert charpoly_exact(M) == ([F(1), F(-1, 2)] if len(M) == 1 else [F(1), F(-5), F(6)])


# ----------------------------------------------------------------------------------------------
# the rate run's fixed-point intervals on flint's fmpz: the same integers as on Python's int

SETUPS = [  # two rewards at large K with one exact limit; slow and fast rates, atoms off the support
    (["1", "1/4", "1/2"], ["1/4", "1", "1/2"], ["1/3", "1/3", "1/3"], "1/2"),
    (["1", "1/2", "9/10"], ["1/3", "1", "9/10"], ["1/5", "2/5", "2/5"], "2/5"),
    (["1", "3/4", "1/5", "1/2"], ["1/2", "1", "1/5", "3/4"], ["1/4", "1/4", "1/4", "1/4"], "3/7"),
]


def _runs(monkeypatch, min_bits):
    from pluralnash.numeric import Landscape

    monkeypatch.setattr(jacobian, "FMPZ_MIN_BITS", min_bits)
    jacobian.evaluate_rate_run.cache_clear()
    out = []
    for r1, r2, p0, q in SETUPS:
        L = Landscape(exp_rewards=[r1, r2], p0=p0, weights=[q, 1 - F(q)])
        out.append(jacobian.evaluate_rate_run(L))
    jacobian.evaluate_rate_run.cache_clear()
    return out


def test_rate_run_on_fmpz_is_the_run_on_int(monkeypatch):
    pytest.importorskip("flint")
    monkeypatch.setenv("PLURALNASH_ARB", "1")
    plain = _runs(monkeypatch, 10 ** 9)
    fast = _runs(monkeypatch, 0)
    assert fast == plain
    assert all(type(v) is int for run in fast for pair in run.errors.values() for v in pair)


def test_a_planted_inward_rounding_on_fmpz_is_caught(monkeypatch):
    pytest.importorskip("flint")
    monkeypatch.setenv("PLURALNASH_ARB", "1")
    plain = _runs(monkeypatch, 10 ** 9)

    def inward_dot(self, pairs):  # the upper ends rounded down on fmpz: not outward
        lo = hi = 0
        for a, b in pairs:
            lo += (a[0] * b[0]) >> self.P
            hi += (a[1] * b[1]) >> self.P
        return lo, hi

    real = jacobian._FixedIntervals._dot
    monkeypatch.setattr(jacobian._FixedIntervals, "_dot",
                        lambda self, pairs: inward_dot(self, pairs) if self.integer is not int else real(self, pairs))
    assert _runs(monkeypatch, 0) != plain
