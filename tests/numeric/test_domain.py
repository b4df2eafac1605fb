"""The domain route: interval branch and bound over a box, certified failing boxes."""

from fractions import Fraction

import mpmath
import pytest
import sympy

from pluralnash.numeric.engines.domain import Box, prove_on_box
from pluralnash.numeric.engines.domain_plateau import DOMAIN_STATEMENTS, PLANTED_DOMAIN
from pluralnash.theory import InvalidArgument, Verdict

q, k = sympy.symbols("q k", real=True)


@pytest.mark.parametrize("st", DOMAIN_STATEMENTS, ids=lambda s: s.name)
def test_plateau_family_statements_hold_on_their_whole_box(st):
    res = st.prove()
    assert res.verdict is Verdict.HOLDS
    assert res.boxes >= 1 and res.depth >= 0 and res.seconds >= 0


@pytest.mark.parametrize("st", PLANTED_DOMAIN, ids=lambda s: s.name)
def test_planted_plateau_statements_are_rejected_with_a_certified_box(st):
    res = st.prove()
    assert res.verdict is Verdict.FAILS
    point = {sympy.Symbol(n, real=True): sympy.Rational(v) for n, v in res.counterexample.items()}
    margin = (st.statement.lhs - st.statement.rhs).xreplace(point)
    assert sympy.nsimplify(margin) < 0  # re-checked exactly, independently of the route
    assert res.failing_box is not None
    for name, (lo, hi) in res.failing_box.items():
        assert st.box.bounds[name][0] <= Fraction(lo) < Fraction(hi) <= st.box.bounds[name][1]


def test_branch_and_bound_subdivides_until_decided():
    # (q - 1/3)^2 + 1/1000 > 0 written expanded: the naive enclosure needs subdivision
    res = prove_on_box(sympy.Gt(q**2 - sympy.Rational(2, 3) * q + sympy.Rational(1, 9) + sympy.Rational(1, 1000), 0),
                       Box(q=(0, 1)))
    assert res.verdict is Verdict.HOLDS


def test_transcendental_statement_and_its_planted_negation():
    assert prove_on_box(sympy.Ge(sympy.exp(q), 1 + q), Box(q=(-1, 1))).verdict is Verdict.UNDECIDED  # tangent at 0
    assert prove_on_box(sympy.Gt(sympy.exp(q), q), Box(q=(-1, 1))).verdict is Verdict.HOLDS
    bad = prove_on_box(sympy.Gt(q, sympy.exp(q) - 1), Box(q=("1/2", 1)))
    assert bad.verdict is Verdict.FAILS and bad.failing_box is not None


def test_a_tangency_runs_out_of_budget_and_says_so():
    res = prove_on_box(sympy.Gt(q**2 - 2 * q * k + k**2, 0), Box(q=(0, 1), k=(0, 1)), max_boxes=200)
    assert res.verdict is Verdict.FAILS or res.verdict is Verdict.UNDECIDED
    if res.verdict is Verdict.UNDECIDED:
        assert "budget" in res.reason or "depth" in res.reason


def test_callable_margin_with_intervals_and_exact_recheck():
    res = prove_on_box(lambda q, k: q * k + 1, Box(q=(0, 1), k=(0, 1)))
    assert res.verdict is Verdict.HOLDS
    res = prove_on_box(lambda q, k: q - k, Box(q=(0, 1), k=(0, 1)))
    assert res.verdict is Verdict.FAILS


def test_does_not_read_or_change_the_global_precision():
    with mpmath.workdps(5):
        a = prove_on_box(sympy.Gt(q + sympy.Rational(1, 10**12), 0), Box(q=(0, 1)))
    assert a.verdict is Verdict.HOLDS
    assert mpmath.mp.dps == 15


@pytest.mark.parametrize("make", [
    lambda: Box(),
    lambda: Box(a=(0, 1), b=(0, 1), c=(0, 1), d=(0, 1), e=(0, 1)),
    lambda: Box(q=(1, 0)),
    lambda: Box(q=(0.1, 1)),
    lambda: Box(q=("x", 1)),
    lambda: Box(q=1),
    lambda: prove_on_box(sympy.Gt(q, 0), {"q": (0, 1)}),
    lambda: prove_on_box(sympy.Gt(q + k, 0), Box(q=(0, 1))),
    lambda: prove_on_box(sympy.Gt(sympy.sin(q), -2), Box(q=(0, 1))),
    lambda: prove_on_box(sympy.Gt(q, 0), Box(q=(0, 1)), kind="big"),
    lambda: prove_on_box(sympy.Gt(q, 0), Box(q=(0, 1)), max_boxes=0),
])
def test_bad_arguments_raise_one_line_errors(make):
    with pytest.raises(InvalidArgument) as info:
        make()
    assert "\n" not in str(info.value)
