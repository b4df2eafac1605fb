"""The rates and stability claims: verdicts, evidence, planted controls and bad setups."""

from fractions import Fraction

import pytest

from pluralnash import ClaimVerdict, Verdict, check_claim, run_claim
from pluralnash.claims.rates.checks import (
    check_limit_lipschitz,
    check_plateau_sensitivity,
    check_rate_linear,
    check_rate_outside,
    check_tie_rate,
    tie_constant,
)
from pluralnash.claims.rates import planted as forms
from pluralnash.numeric import Landscape
from pluralnash.numeric.engines.jacobian import charpoly_exact, evaluate_rate_run, solve_limit_jacobian
from pluralnash.numeric.engines.step import EXACT, large_k_step
from pluralnash.theory import InvalidArgument

# two Pareto-incomparable atoms and two atoms off the limit's support
TWO_OFF = Landscape(exp_rewards=[["1", "1/5", "1/2", "1/3"], ["1/4", "1", "1/2", "1/10"]],
                    weights=["2/5", "3/5"], p0=["1/6", "1/3", "1/3", "1/6"])
# a point mass g = (1, 1) with an exact tie W*(y) = 1/2 * 3/2 + 1/2 * 1/2 = 1 off it
TIE = Landscape(exp_rewards=[["1", "3/2"], ["1", "1/2"]], weights=["1/2", "1/2"], p0=["1/2", "1/2"])
PLATEAU = Landscape(exp_rewards=[["1", "1/3"], ["1/4", "1"]], weights=["1/2", "1/2"], p0=["1/2", "1/2"],
                    exp_eps="9/10")


def test_jacobian_is_exact_and_its_spectrum_is_the_derivations():
    jac = solve_limit_jacobian(TWO_OFF)
    assert jac.support == (0, 1) and jac.off == (2, 3)
    # mu = E[w_1 w_2]/(Z_1 Z_2) and the off rows' W*: every root of det(lambda I - J), exactly
    roots = {Fraction(0), jac.mu, *(jac.W_star[g] for g in jac.off)}
    assert all(sum(c * r ** (len(jac.charpoly) - 1 - k) for k, c in enumerate(jac.charpoly)) == 0 for r in roots)
    assert 0 < jac.mu < 1 and jac.rho == max(jac.mu, jac.rho_out) < 1
    # column sums of J vanish (the map keeps total mass)
    assert all(sum(row[y] for row in jac.J) == 0 for y in range(len(jac.J)))


def test_charpoly_of_a_diagonal_matrix():
    M = [[Fraction(2), Fraction(0)], [Fraction(0), Fraction(3)]]
    assert charpoly_exact(M) == [1, -5, 6]


def test_run_encloses_the_exact_trajectory():
    jac = solve_limit_jacobian(TWO_OFF)
    run = evaluate_rate_run(TWO_OFF)
    p = list(jac.p0)
    for t in range(4):
        e = sum(abs(a - b) for a, b in zip(p, jac.p_star))
        lo, hi = run.errors[t]
        assert Fraction(lo, 1 << run.bits) <= e <= Fraction(hi, 1 << run.bits)
        p = large_k_step(EXACT, p, [list(r) for r in jac.w], list(jac.q)).p


def test_rate_linear_holds_and_its_rate_squared_fails():
    res = check_rate_linear(TWO_OFF, rate=forms.rate_spectral)
    assert res.verdict is Verdict.HOLDS and res.certified
    # the run beside it (evidence only) shows the distance shrinking at about rho per round
    lo, hi = (Fraction(v) for v in res.evidence["observed_rate"].split(" ^ ")[0].strip("[]").split(", "))
    k = int(res.evidence["observed_rate"].split("(1/")[1].rstrip(")"))
    rho = Fraction(res.evidence["rho"])
    assert (rho * Fraction(99, 100)) ** k < lo <= hi < (rho * Fraction(101, 100)) ** k
    wrong = check_rate_linear(TWO_OFF, rate=forms.rate_squared)
    assert wrong.verdict is Verdict.FAILS and wrong.certified and "not an eigenvalue" in wrong.reason, wrong


def test_rate_linear_fails_exactly_at_a_tie():
    res = check_rate_linear(TIE, rate=forms.rate_spectral)
    assert res.verdict is Verdict.FAILS and res.method == "exact" and res.evidence["rho"] == "1"
    out = check_claim("rate-linear", TIE)
    assert any(p.verdict is Verdict.FAILS for p in out.premises)  # strict complementarity is a premise


def test_outside_rate_holds_and_planted_rates_fail():
    jac = solve_limit_jacobian(TWO_OFF)
    assert jac.rho_out == max(jac.W_star[2], jac.W_star[3])
    assert check_rate_outside(TWO_OFF, rate=forms.rate_outside).verdict is Verdict.HOLDS
    for planted in (forms.rate_outside_squared, forms.rate_outside_spectral):
        if planted(jac) != jac.rho_out:
            res = check_rate_outside(TWO_OFF, rate=planted)
            assert res.verdict is Verdict.FAILS and res.certified, (planted.__name__, res)


def test_limit_lipschitz_holds_with_equality_and_the_half_constant_fails():
    res = check_limit_lipschitz(TWO_OFF, lipschitz=forms.lipschitz_ift)
    assert res.verdict is Verdict.HOLDS and res.evidence["margin"] == 0.0  # p* is affine in q on the piece
    assert check_limit_lipschitz(TWO_OFF, lipschitz=forms.lipschitz_ift_half).verdict is Verdict.FAILS


def test_limit_lipschitz_at_a_tie_fails_on_a_certified_piece():
    res = check_limit_lipschitz(TIE, lipschitz=forms.lipschitz_ift)
    assert res.evidence["L"] == "0"  # the point mass does not move to first order ...
    assert res.verdict is Verdict.FAILS and res.certified  # ... but the tied atom enters the support


def test_plateau_sensitivity_on_a_setup():
    out = check_claim("plateau-sensitivity", PLATEAU)
    assert all(p.verdict is Verdict.HOLDS for p in out.premises if p.name != "model")
    # k_1 = 1/3 (reward 1 on S_2), k_2 = 1/4 (reward 2 on S_1): L_q = 1/(1 - 1/4) + (1/3)/(2/3)
    ev = out.conclusion.evidence
    assert out.conclusion.verdict is Verdict.HOLDS and ev["L"]["q"] == "11/6"
    # a* is affine in q: a_inf moved by exactly L_q delta both ways; the gap moves stay within their bounds
    moves = {(label, Fraction(d)): Fraction(m) for label, d, m in ev["moves"]}
    assert moves[("q", Fraction(1, 8))] == -moves[("q", Fraction(-1, 8))] == Fraction(11, 6) / 8
    for (label, d), m in moves.items():
        assert abs(m) <= Fraction(ev["L"][label]) * abs(d)
    for planted in (forms.lipschitz_plateau_half, forms.lipschitz_one, forms.lipschitz_gap_free):
        res = check_plateau_sensitivity(PLATEAU, lipschitz=planted)
        assert res.verdict is Verdict.FAILS and res.certified, planted.__name__


def test_rate_tie_on_a_setup_and_its_planted_constants():
    setup = Landscape(exp_rewards=[["1", "7/4", "1/4"], ["1", "1/4", "1/10"]], weights=["1/2", "1/2"],
                      p0=["1/3", "1/3", "1/3"])
    jac = solve_limit_jacobian(setup)
    assert tie_constant(jac) == Fraction(9, 16)  # q(1 - q)(r_1 - r_2)^2 = (1/4)(7/4 - 1/4)^2
    assert check_tie_rate(setup, constant=tie_constant).verdict is Verdict.HOLDS
    for planted in (forms.tie_constant_half, forms.tie_constant_first_power):
        res = check_tie_rate(setup, constant=planted)
        assert res.verdict is Verdict.FAILS and res.certified, (planted.__name__, res)
    assert check_claim("rate-tie", TWO_OFF).premises[-1].verdict is Verdict.FAILS  # no tie there


@pytest.mark.parametrize("claim_id", ["rate-linear", "rate-outside-mass", "rate-tie", "plateau-sensitivity",
                                      "limit-lipschitz"])
def test_rates_claims_verified_and_controls_rejected(claim_id):
    rep = run_claim(claim_id, profile="quick")
    assert rep.verdict is ClaimVerdict.VERIFIED, rep.reason
    assert rep.power[0] == rep.power[1] >= 2, [(c.claim.id, c.reason) for c in rep.controls]
    for c in rep.controls:
        again = check_claim(c.claim, c.counterexample)
        assert again.conclusion.verdict is Verdict.FAILS or any(p.verdict is not Verdict.HOLDS for p in again.premises)


# -- bad arguments, in one table -------------------------------------------------------------------


@pytest.mark.parametrize("setup, match", [
    (Landscape(rewards=[["0", "-1"], ["-1", "0"]]), "exp_rewards"),
    (Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"], ["1", "1"]]), "m=3"),
    (Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"]], weights=["1", "0"]), "must both be > 0"),
    (Landscape(exp_rewards=[["1", "1/2"], ["1/2", "1"]], K=3), "K=3"),
])
def test_bad_setups_are_refused_in_one_line(setup, match):
    with pytest.raises(InvalidArgument, match=match) as info:
        solve_limit_jacobian(setup)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name", ["pluralnash.numeric.engines.jacobian", "pluralnash.properties._strategies_rates",
                                  "pluralnash.theory._rates"])
def test_rates_doctests(name, run_doctests):
    run_doctests(name)


# F's maximisers form a segment here (an off-support atom ties at W* = 1 with dependent reward vectors): a valid
# two-reward setup the rate claims do not speak about, so the premises fail and the conclusions say UNDECIDED
SEGMENT = Landscape(exp_rewards=[[Fraction(2, 3), Fraction(2, 3), Fraction(1, 3), Fraction(1)],
                                 [Fraction(3, 5), Fraction(1, 10), Fraction(1), Fraction(1, 5)]],
                    weights=[Fraction(1, 2)] * 2,
                    p0=[Fraction(1, 30), Fraction(11, 30), Fraction(3, 10), Fraction(3, 10)])


@pytest.mark.parametrize("claim", ["rate-linear", "rate-outside-mass", "limit-lipschitz"])
def test_a_limit_that_is_not_a_point_is_undecided_not_bad_input(claim):
    out = check_claim(claim, SEGMENT)
    assert out.conclusion.verdict is Verdict.UNDECIDED
    assert "polytope" in out.conclusion.reason
    assert any(p.verdict is Verdict.FAILS for p in out.premises)
    # control: a setup of another model is still refused in one line
    with pytest.raises(InvalidArgument):
        check_claim(claim, SEGMENT.replace(weights=(Fraction(1, 3),) * 3,
                                           exp_rewards=list(SEGMENT.exp_rewards) + [[Fraction(1)] * 4]))
