"""The certified comparison of an enclosure with the values that round to a reported number."""

from fractions import Fraction

from mpmath import iv

from pluralnash.audit.runs import _decide_rounds_to, _decide_within
from pluralnash.audit.table3 import _lemma_3_4_decided
from pluralnash.audit.tables import SETTINGS


def test_a_rounding_boundary_is_left_undecided():
    # 2.5 rounds to "3" half-up but to "2" half-even: neither verdict is certified
    assert _decide_rounds_to(iv.mpf(["2.5", "2.5"]), "3") is None
    assert _decide_rounds_to(iv.mpf(["2.5", "2.5"]), "2") is None
    assert _decide_rounds_to(iv.mpf(["2.75", "3.5"]), "3") is None
    assert _decide_rounds_to(iv.mpf(["2.75", "3.25"]), "3") is True
    assert _decide_rounds_to(iv.mpf(["3.75", "4"]), "3") is False


def test_a_non_finite_enclosure_decides_nothing():
    # infinite ends carry no mantissa: read as 0 they would place [-inf, inf] below 0.005
    assert _decide_rounds_to(iv.mpf(["-inf", "inf"]), "0.01") is None
    assert _decide_rounds_to(iv.mpf(["0.0", "inf"]), "0.01") is None
    assert _decide_within(iv.mpf(["-inf", "inf"]), Fraction(1), Fraction(2)) is None
    assert _lemma_3_4_decided(SETTINGS["A"], 2, Fraction(1, 2),
                              {"enclosure": {"a": iv.mpf(["-inf", "inf"])._mpi_, "m": iv.mpf(0)._mpi_}}) is None
