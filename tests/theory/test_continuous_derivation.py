"""The closed-form derivation for quadratic rewards: certificate, planted variants, numeric cross-check."""

import mpmath
import pytest
import sympy

from pluralnash.theory import DERIVATIONS, InvalidArgument, Verdict, derive_continuous_closed_form
from pluralnash.theory._certify import combine_results
from pluralnash.theory._continuous import VARIANTS, continuous_identities


def test_registered_and_certified():
    assert DERIVATIONS["continuous-closed-form"] is derive_continuous_closed_form
    d = derive_continuous_closed_form()
    res = d.certify()
    assert res.verdict is Verdict.HOLDS and res.certified, res.reason
    assert len(res.evidence["checked"]) == len(d.identities) >= 15
    assert res.evidence["cited"]


@pytest.mark.parametrize("variant, step", [
    ("precision-without-2", "1/v = 1/s^2 + 2 beta k"),
    ("no-V-factor", "k (x - mubar)^2 + V_n"),
    ("unnormalised", "prod_(s<t) W_s"),
])
def test_planted_variants_are_refuted(variant, step):
    identities, _, _ = continuous_identities(variant)
    res = combine_results(variant, [i.check() for i in identities])
    assert res.verdict is Verdict.FAILS and res.certified
    assert step in res.reason


def _exact_points():
    return [dict(m0="1/3", s="3/4", beta="1/2", k=2, mubar="-1/5", S1="-2/5", S2="3/2", a="-2", b="3/2"),
            dict(m0="-1", s="1/2", beta="2", k=3, mubar="1/2", S1="3/2", S2="5/4", a="0", b="1"),
            dict(m0="0", s="2", beta="1", k=1, mubar="1", S1="1", S2="1", a="-3", b="3")]


def sub_by_name(point):
    return {key: sympy.Rational(val) for key, val in point.items()}


@pytest.mark.parametrize("point", _exact_points())
def test_moment_formulas_match_quadrature(point):
    # the derived M(n) against an independent mpmath quadrature of its defining integral
    d = derive_continuous_closed_form()
    sub = {d.symbols[key]: sympy.Rational(val) for key, val in point.items()}
    with mpmath.workdps(30):
        values = {key: mpmath.mpf(v.p) / v.q for key, v in sub_by_name(point).items()}
        m0, s, beta, k, mubar, a, b = (values[key] for key in ("m0", "s", "beta", "k", "mubar", "a", "b"))
        V = values["S2"] - values["S1"] ** 2 / k
        reward = lambda x: mpmath.exp(-beta * k * (x - mubar) ** 2 - beta * V)  # noqa: E731
        gauss = mpmath.quad(lambda x: mpmath.npdf(x, m0, s) * reward(x), [-mpmath.inf, mubar, m0, mpmath.inf])
        unif = mpmath.quad(reward, [a, b]) / (b - a)
        for key, want in (("M(n), Gaussian start, d = 1", gauss), ("M(n), uniform start", unif)):
            got = sympy.N(d.expressions[key].xreplace(sub), 30)
            assert abs(mpmath.mpf(str(got)) - want) < mpmath.mpf(10) ** -25 * want


def test_unknown_variant():
    with pytest.raises(InvalidArgument, match="variant='missing'"):
        continuous_identities("missing")
