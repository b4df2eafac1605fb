"""The tables against the certified limit: the discretised setting, the grid limit's enclosures, the
collapse and mixture cases, and flags that appear exactly when a reported number is off the limit."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pluralnash.audit import paper_tables as _paper_tables
from pluralnash.audit.runs import _ends
from pluralnash.audit.tables import SETTINGS
from pluralnash.audit.tables_limit import discretised_landscape, evaluate_grid_limit, limit_section
from pluralnash.theory import InvalidArgument

A, C = SETTINGS["A"], SETTINGS["C"]


def test_grid_holds_both_modes_and_the_support_ends():
    L = discretised_landscape(A, Fraction(1, 2), 2, 10)
    xs = [a[0] for a in L.atoms]
    assert xs[0] == -4 and xs[-1] == 4 and Fraction(-1) in xs and Fraction(1) in xs
    assert sum(L.p0) == 1 and L.p0[0] == L.p0[1] / 2


def test_separated_modes_keep_q_and_decay_at_rate_eps():
    # D = 6: the limit is q delta_{mu_1} + (1 - q) delta_{mu_2} up to e^{-36}; W* at the basin edge is e^{-eps}
    g = evaluate_grid_limit(A, Fraction(1, 10), 6, 10)
    assert g.certified and g.support == (Fraction(-3), Fraction(3))
    lo, hi = _ends(g.a)
    assert lo <= Fraction(1, 10) + Fraction(1, 10 ** 9) and hi >= Fraction(1, 10) - Fraction(1, 10 ** 9)
    assert _ends(g.m) == (0, 0)
    s_lo, s_hi = _ends(g.slope)
    assert abs(s_lo + A.eps) < Fraction(1, 10 ** 9) and abs(s_hi + A.eps) < Fraction(1, 10 ** 9)


def test_close_modes_collapse_between_them():
    # D = 1, q = 1/2: the limit is one point at 0, outside both basins (radius sqrt(1/10) < 1/2)
    g = evaluate_grid_limit(A, Fraction(1, 2), 1, 10)
    assert g.certified and g.support == (Fraction(0),) and g.slope is None
    assert _ends(g.m)[0] > Fraction(99, 100) and _ends(g.a)[1] < Fraction(1, 10 ** 9)


@pytest.mark.parametrize("call, words", [
    (lambda: discretised_landscape(A, Fraction(1, 2), 2, 3), ["M=3", "even"]),
    (lambda: discretised_landscape(A, Fraction(1, 2), 2, True), ["M=True", "even"]),
    (lambda: limit_section("table9", [A]), ["table='table9'", "table3"]),
])
def test_bad_arguments(call, words):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert all(w in str(err.value) for w in words), str(err.value)


def test_table5_flags_exactly_the_numbers_off_the_limit(monkeypatch):
    audit = limit_section("table5", [C])
    flags = audit.flags
    row = next(c for c in audit.computed if c["D"] == 5)
    assert "T5-limit-C-D5" in {f.id for f in flags}  # 1.25e-5 reported, ~4.8e-12 at the limit
    # control: a reported value equal to the limit on both grids is not flagged; a value 10x off is
    assert row["limit_mean_sq"][0] == row["limit_mean_sq"][1]
    monkeypatch.setitem(_paper_tables.TABLE5, 5, "4.815e-12")
    flags = limit_section("table5", [C]).flags
    assert "T5-limit-C-D5" not in {f.id for f in flags}
    monkeypatch.setitem(_paper_tables.TABLE5, 5, "4.815e-11")
    flags = limit_section("table5", [C]).flags
    assert "T5-limit-C-D5" in {f.id for f in flags}


def test_lemma_3_4_checked_at_the_limit_with_a_planted_control():
    from mpmath import iv

    from pluralnash.audit.tables_limit import GridLimit, _lemma_3_4_against_limit

    real = [evaluate_grid_limit(A, Fraction(1, 10), 4, M) for M in (10, 20)]
    assert _lemma_3_4_against_limit(A, 4, Fraction(1, 10), real) is None  # a* ~ q inside the interval
    planted = [GridLimit(M, 0, iv.mpf("0.9"), iv.mpf(0), None, (), True) for M in (10, 20)]
    why = _lemma_3_4_against_limit(A, 4, Fraction(1, 10), planted)
    assert why is not None and "above Lemma 3.4's upper end" in why
    # the premise m_t -> 0 is checked first: a limit keeping outside mass is not held to the interval
    outside = [GridLimit(M, 0, iv.mpf("0.9"), iv.mpf("0.1"), None, (), True) for M in (10, 20)]
    assert _lemma_3_4_against_limit(A, 4, Fraction(1, 10), outside) is None


def test_table4_rate_is_minus_eps_at_separated_modes_only():
    from pluralnash.audit.tables_limit import _TIE, _side

    half = Fraction(1, 2)
    for st in (A, SETTINGS["B"]):
        g = evaluate_grid_limit(st, half, 8, 10)
        assert _side(g.slope, -st.eps - _TIE, -st.eps + _TIE) == 0
    # control: at D = 2 the modes interact and the rate is not -eps
    g = evaluate_grid_limit(A, half, 2, 10)
    assert _side(g.slope, -A.eps - _TIE, -A.eps + _TIE) != 0
    # setting C at D = 2 collapses between the modes: no decay at all
    g = evaluate_grid_limit(C, half, 2, 10)
    assert g.slope is None and _ends(g.m)[0] > Fraction(99, 100)
