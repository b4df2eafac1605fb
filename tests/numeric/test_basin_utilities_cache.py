"""u_i(P) with the per-setup table of log w_i(x) against the plain interval evaluation."""

from __future__ import annotations

from fractions import Fraction

from pluralnash.numeric import Landscape
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines import basin_utilities
from pluralnash.numeric.engines.basin_utilities import basin_conditionals, log_rewards, utilities

TINY = Fraction(1, 10 ** 12)
SETUPS = [Landscape(exp_rewards=[["1", w, "1/10"], ["1/10", w, "1"]], p0=["1/2", "1/4", "1/4"], exp_eps="9/10")
          for w in (Fraction(9, 10), Fraction(9, 10) - TINY, Fraction(9, 10) + TINY, Fraction(1, 3))]


def _plain(landscape, P):
    return [sum((iv_frac(P[k]) * iv.log(iv_frac(landscape.exp_rewards[i][k])) for k in range(landscape.n) if P[k]),
                iv.mpf(0)) for i in range(landscape.m)]


def _endpoints(values):
    return [v._mpi_ for v in values]  # the raw endpoints, compared bit for bit


def _disagreements(fn):
    bad = []
    for prec in (53, 128, 64, 300, 53):  # back to 53 after a higher precision: a table must not leak across
        with iv_workprec(prec):
            for L in SETUPS:
                for P in (*basin_conditionals(L), L.p0, [Fraction(1), Fraction(0), Fraction(0)]):
                    if _endpoints(fn(L, P)) != _endpoints(_plain(L, P)):
                        bad.append((L, prec))
    return bad


def test_utilities_equal_the_plain_intervals_at_every_precision():
    log_rewards.cache_clear()
    assert _disagreements(utilities) == []
    assert log_rewards.cache_info().hits > 0


def test_a_table_kept_across_precisions_is_caught(monkeypatch):
    kept = {}

    def one_precision(landscape, prec):  # planted: the first precision's table reused at every precision
        return kept.setdefault(landscape, log_rewards.__wrapped__(landscape, prec))
    monkeypatch.setattr(basin_utilities, "log_rewards", one_precision)
    assert _disagreements(utilities) != []
