"""The certified comparison of an enclosure with the values that round to a reported number."""

from mpmath import iv

from pluralnash.numeric._tables import _decide_rounds_to


def test_a_rounding_boundary_is_left_undecided():
    # 2.5 rounds to "3" half-up but to "2" half-even: neither verdict is certified
    assert _decide_rounds_to(iv.mpf(["2.5", "2.5"]), "3") is None
    assert _decide_rounds_to(iv.mpf(["2.5", "2.5"]), "2") is None
    assert _decide_rounds_to(iv.mpf(["2.75", "3.5"]), "3") is None
    assert _decide_rounds_to(iv.mpf(["2.75", "3.25"]), "3") is True
    assert _decide_rounds_to(iv.mpf(["3.75", "4"]), "3") is False

