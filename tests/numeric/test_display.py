"""Jupyter display: Landscape, LimitResult, ClaimReport and CheckReport render as HTML (and LaTeX where it
fits), and interval enclosures show both ends at enough digits to tell them apart, rounded outward."""

import re
from fractions import Fraction

from hypothesis import example, given, strategies as st

from pluralnash import check_claim, run_claim
from pluralnash.numeric import Landscape, solve_limit
from pluralnash.numeric.arith.format import enclosure_text

L = Landscape(rewards=[["1", "0", "1/2"], ["0", "1", "1/2"]], weights=["1/3", "2/3"])
EXACT = Landscape(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], weights=["1/3", "2/3"])


def _ends(text):
    lo, hi = text.strip("[]").split(", ")
    return Fraction(lo), Fraction(hi)


@given(st.fractions(min_value=-10**6, max_value=10**6), st.fractions(min_value=Fraction(1, 10**40), max_value=10**3))
@example(Fraction(1, 3), Fraction(1, 10**30))
@example(Fraction(0), Fraction(1, 10**12))
def test_enclosure_ends_differ_and_contain_the_enclosure(a, width):
    b = a + width
    text = enclosure_text(a, b)
    lo, hi = _ends(text)
    assert lo <= a and b <= hi and lo != hi, text


def test_enclosure_of_an_exact_value_says_so():
    assert enclosure_text(Fraction(2, 7), Fraction(2, 7)) == "2/7 (exact)"


def test_limit_result_html_shows_z_enclosures_whose_ends_differ():
    res = solve_limit(L)
    page = res._repr_html_()
    boxes = re.findall(r"<td>Z_\d\*</td><td>(\[[^<]*\])</td>", page)
    assert len(boxes) == 2
    for box, z, r in zip(boxes, res.Z, res.Z_radius):
        lo, hi = _ends(box)
        man, exp = z.man_exp  # the exact centre (mpmath.mpf(z) would round it to 53 bits)
        centre = Fraction(int(man)) * Fraction(2) ** int(exp)
        assert lo < centre < hi and hi - lo < 10 ** -25  # both ends shown, at the enclosure's own width
    assert "certificate HOLDS (interval, certified)" in page


def test_exact_limit_html_shows_fractions():
    page = solve_limit(EXACT)._repr_html_()
    assert "98/297" in page and "199/297" in page and "exact" in page


def test_landscape_html_and_latex():
    page = EXACT._repr_html_()
    assert page.count("<tr>") == 1 + 1 + 2  # header, p_0, one row per reward
    assert "e^{r_1} (q_1 = 1/3)" in page and "1/100" in page
    latex = EXACT._repr_latex_()
    assert latex.startswith("$$") and r"\begin{pmatrix}" in latex and r"\tfrac{1}{100}" in latex


def test_claim_report_and_check_report_html():
    rep = run_claim("theorem-3.7~alpha-q-squared", profile="quick", controls=False)
    page = rep._repr_html_()
    assert "FALSIFIED" in page and "minimal counterexample" in page and "<table>" in page
    out = check_claim("theorem-3.7", EXACT)
    assert "<table>" in out._repr_html_() and out.conclusion.verdict.value in out._repr_html_()
