"""Reference-data mixing in the engines, the command line, and the mixing-floor and mixing-fixed-point claims."""

import json
from fractions import Fraction as Fr

import mpmath
import pytest

from pluralnash import ClaimVerdict, check_claim, run_claim
from pluralnash.cli import main
from pluralnash.numeric import Landscape, evaluate_curated_update, run_dynamics, solve_limit
from pluralnash.claims.mixing import (
    check_mixing_fixed_point,
    check_mixing_several_rewards,
    fixed_point_reference,
    fixed_point_tilt,
    fixed_point_weighted_average,
    rate_bound_lam,
    rate_bound_lam_squared,
    solve_mixing_fixed_point,
)
from pluralnash.claims import solve_mixing_fixed_point_several
from pluralnash.theory import InvalidArgument, SolverError, Verdict

BASE = dict(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], weights=["1/3", "2/3"])
ONE = dict(exp_rewards=[["1", "1/2", "1/4"]])


def test_mixed_step_is_the_stated_mixture_exactly():
    L = Landscape(**BASE, reference=["1/2", "1/2", "0"], lam="3/4")
    pure = evaluate_curated_update(Landscape(**BASE))
    assert evaluate_curated_update(L) == [Fr(1, 4) * r + Fr(3, 4) * c for r, c in zip(L.reference, pure)]
    K2 = evaluate_curated_update(L, K=2)
    pure2 = evaluate_curated_update(Landscape(**BASE), K=2)
    assert K2 == [Fr(1, 4) * r + Fr(3, 4) * c for r, c in zip(L.reference, pure2)]


def test_mixed_runs_agree_exact_and_fast():
    L = Landscape(**BASE, reference=["1/3", "1/3", "1/3"], lam="9/10")
    exact = run_dynamics(L, 5, exact=True, record_every=5).p_T
    fast = run_dynamics(L, 5, dps=30, record_every=5).p_T
    with mpmath.workdps(40):
        assert max(abs(mpmath.mpf(a.numerator) / a.denominator - b) for a, b in zip(exact, fast)) < 1e-28


def test_lam_one_is_pure_curation_and_lam_zero_is_the_reference():
    assert evaluate_curated_update(Landscape(**BASE, reference=["1", "0", "0"], lam=1)) == \
        evaluate_curated_update(Landscape(**BASE))
    assert evaluate_curated_update(Landscape(**BASE, reference=["1", "0", "0"], lam=0)) == [1, 0, 0]


def test_direct_solver_refuses_mixing():
    with pytest.raises(InvalidArgument, match="mixes in reference data"):
        solve_limit(Landscape(**BASE, reference=["1/3", "1/3", "1/3"], lam="1/2"))


def test_cli_run_with_mixing(tmp_path, capsys):
    path = tmp_path / "mix.json"
    path.write_text(json.dumps({**BASE, "reference": ["1/3", "1/3", "1/3"], "lam": "1/2", "exp_eps": "9/10"}))
    assert main(["run", "--setup", str(path), "--steps", "3", "--lam", "1/4", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(float(r["m"]) >= 0.75 / 3 - 1e-25 for r in data["trajectory"][1:])  # the floor (1-λ)/3
    path2 = tmp_path / "plain.json"
    path2.write_text(json.dumps(BASE))
    assert main(["run", "--setup", str(path2), "--steps", "3", "--lam", "1/4"]) == 2
    assert "needs a reference" in capsys.readouterr().err


def test_mixing_floor_claim_and_controls():
    rep = run_claim("mixing-floor", profile="quick")
    assert rep.verdict is ClaimVerdict.PROVED and rep.basis["kind"] == "symbolic", rep.reason
    assert rep.power == (2, 2)
    for ctl in rep.controls:
        out = check_claim(ctl.claim.id, ctl.counterexample)
        assert out.conclusion.verdict is Verdict.FAILS and out.conclusion.certified


# -- mixing-fixed-point --------------------------------------------------------------------------------



def _mp(x):
    return mpmath.mpf(x.numerator) / x.denominator


@pytest.mark.parametrize("claim_id, controls, verdict", [("mixing-fixed-point", 4, ClaimVerdict.PROVED),
                                                         ("mixing-several-rewards", 3, ClaimVerdict.VERIFIED)])
def test_claim_verified_and_every_control_rejected(claim_id, controls, verdict):
    rep = run_claim(claim_id, profile="quick")
    assert rep.verdict is verdict, rep.reason
    # mixing-fixed-point's proof replay is complete; mixing-several-rewards' is open (its Jacobian bound)
    assert {r.route for r in rep.routes} - {"proof"} == {"symbolic", "property"}
    assert rep.power == (controls, controls)
    for ctl in rep.controls:
        out = check_claim(ctl.claim.id, ctl.counterexample)
        assert out.conclusion.verdict is Verdict.FAILS and out.conclusion.certified
        assert all(p.verdict is Verdict.HOLDS for p in out.premises)


def test_fixed_point_matches_the_engine_and_the_eigenvalues():
    L = Landscape(**ONE, reference=["1/6", "1/3", "1/2"], p0=["1", "0", "0"], lam="4/5")
    fp = solve_mixing_fixed_point(L)
    with mpmath.workdps(60):
        # the engine's own trajectory (mpmath, not the check's power iteration) reaches the enclosure
        p = run_dynamics(L, 400, dps=60, record_every=400).p_T
        mid = [(_mp(a) + _mp(b)) / 2 for a, b in fp.p]
        assert max(abs(u - v) for u, v in zip(p, mid)) < mpmath.mpf(10) ** -40
        w, ref, lam = [_mp(v) for v in L.exp_rewards[0]], [_mp(v) for v in L.reference], _mp(L.lam)
        M = mpmath.matrix(3, 3)
        for i in range(3):
            for k in range(3):
                M[i, k] = (1 - lam) * ref[i] * w[k] + (lam * w[i] if i == k else 0)
        eig = sorted(mpmath.re(e) for e in mpmath.eig(M)[0])
        assert _mp(fp.Z[0]) - mpmath.mpf(10) ** -40 <= eig[-1] <= _mp(fp.Z[1]) + mpmath.mpf(10) ** -40
        assert abs(eig[-2] - _mp(fp.mu2[0])) < mpmath.mpf(10) ** -40
        # the observed contraction of the engine's run tends to the local rate mu_2/Z*
        a, b = run_dynamics(L, 60, dps=60, record_every=60).p_T, run_dynamics(L, 61, dps=60, record_every=61).p_T
        ratio = max(abs(u - v) for u, v in zip(b, mid)) / max(abs(u - v) for u, v in zip(a, mid))
        assert abs(ratio - eig[-2] / eig[-1]) < 1e-3


def test_fixed_point_check_on_edge_cases():
    tie = Landscape(exp_rewards=[["1", "1", "1/3"]], reference=["1/4", "1/4", "1/2"], lam="9/10")
    res = check_mixing_fixed_point(tie)
    assert res.verdict is Verdict.HOLDS and res.certified and res.evidence["margin"] == "0.0"  # mu_2 = lam max w
    lam0 = Landscape(**ONE, reference=["1/3", "1/3", "1/3"], lam=0)
    fp = solve_mixing_fixed_point(lam0)
    assert fp.p == [(v, v) for v in lam0.reference] and fp.mu2 == (0, 0)
    assert check_mixing_fixed_point(lam0).verdict is Verdict.HOLDS
    single = Landscape(**ONE, reference=["0", "1", "0"], p0=["0", "1", "0"], lam="1/2")
    assert check_mixing_fixed_point(single).verdict is Verdict.HOLDS and solve_mixing_fixed_point(single).mu2 is None
    two = Landscape(**BASE, reference=["1/3", "1/3", "1/3"], lam="1/2")
    assert check_mixing_fixed_point(two).verdict is Verdict.UNDECIDED


def test_fixed_point_outside_atoms():
    super_ = Landscape(**ONE, reference=["0", "1/2", "1/2"], lam="9/10")
    res = check_mixing_fixed_point(super_)
    assert res.verdict is Verdict.FAILS and res.certified and "outside supp p_ref" in res.reason
    # the engine's run indeed keeps mass on the outside atom 0, far from p*(0) = 0
    assert run_dynamics(super_, 300, dps=30, record_every=300).p_T[0] > mpmath.mpf("0.1")
    sub = Landscape(**ONE, reference=["0", "1/2", "1/2"], lam="1/10")
    assert check_mixing_fixed_point(sub).verdict is Verdict.UNDECIDED


def test_fixed_point_planted_forms_rejected_on_one_setup():
    L = Landscape(**ONE, reference=["1/3", "1/3", "1/3"], lam="9/10")
    for form in (fixed_point_reference, fixed_point_tilt):
        res = check_mixing_fixed_point(L, fixed_point=form)
        assert res.verdict is Verdict.FAILS and res.certified and res.method == "exact"
    tie = Landscape(exp_rewards=[["1", "1", "1/3"]], reference=["1/4", "1/4", "1/2"], lam="9/10")
    res = check_mixing_fixed_point(tie, rate=rate_bound_lam_squared)  # mu_2/Z* = lam max w/Z* > lam > lam^2
    assert res.verdict is Verdict.FAILS and res.certified and "local rate exceeds" in res.reason
    # a box 10^-6 off p* (still summing to 1) is caught by the dynamics: the run does not contract toward it
    shift = (Fr(2, 10**6), -Fr(1, 10**6), -Fr(1, 10**6))
    res = check_mixing_fixed_point(L, fixed_point=lambda L, fp: [(a + d, a + d + Fr(1, 10**9))
                                                                 for (a, _), d in zip(fp.p, shift)])
    assert res.verdict is Verdict.FAILS and res.certified and "does not contract" in res.reason


# -- mixing-several-rewards ------------------------------------------------------------------------

# two rewards peaked at the ends of a line, lam near 1, the reference concentrated between the peaks
PEAKS = dict(exp_rewards=[["1", "1/100", "1/10000", "1/1000000", "1/100000000"],
                          ["1/100000000", "1/1000000", "1/10000", "1/100", "1"]],
             weights=["1/3", "2/3"], reference=["1/400", "1/400", "99/100", "1/400", "1/400"], lam="99/100")


def test_two_peaks_every_start_reaches_the_one_certified_fixed_point():
    """The setup where several fixed points would show: runs from the two peaks and from the middle all end
    in the Krawczyk box (the engine's own mpmath runs, not the check's interval trajectory)."""
    L = Landscape(**PEAKS)
    fp = solve_mixing_fixed_point_several(L)
    res = check_mixing_several_rewards(L)
    assert res.verdict is Verdict.HOLDS and res.certified
    lo, hi = (_mp(v) for v in fp.rate)
    assert 0 < lo <= hi < 1
    with mpmath.workdps(40):
        mid = [(_mp(a) + _mp(b)) / 2 for a, b in fp.p]
        for p0 in (["1", "0", "0", "0", "0"], ["0", "0", "0", "0", "1"], ["0", "0", "1", "0", "0"]):
            p = run_dynamics(L.replace(p0=p0), 3000, dps=40, record_every=3000).p_T
            assert max(abs(u - v) for u, v in zip(p, mid)) < mpmath.mpf(10) ** -25
        # the observed contraction of a run tends to the certified local rate (the Rayleigh bound is sharp)
        a = run_dynamics(L, 8, dps=40, record_every=8).p_T  # the rate is about 1/100: few steps suffice
        b = run_dynamics(L, 9, dps=40, record_every=9).p_T
        ratio = max(abs(u - v) for u, v in zip(b, mid)) / max(abs(u - v) for u, v in zip(a, mid))
        assert abs(ratio - lo) < 1e-3


def test_several_planted_forms_rejected_on_one_setup():
    L = Landscape(**PEAKS)
    res = check_mixing_several_rewards(L, fixed_point=fixed_point_weighted_average)
    assert res.verdict is Verdict.FAILS and res.certified and "not the fixed point" in res.reason
    # two atoms with the same rewards: (sqrt(p_1) e_0 - sqrt(p_0) e_1) is an eigenvector of rate lam W*(0) > lam
    twin = Landscape(exp_rewards=[["1", "1", "1/10"], ["1/10", "1/10", "1"]], reference=["1/10", "1/10", "4/5"],
                     lam="9/10")
    res = check_mixing_several_rewards(twin, rate=rate_bound_lam)
    assert res.verdict is Verdict.FAILS and res.certified and "local rate exceeds" in res.reason
    assert res.evidence["rate"]["local rate >="] == res.evidence["rate"]["<= lam max_S W* <="]  # sharp both ways
    # a box 10^-9 off p* is caught by the Krawczyk enclosure
    fp = solve_mixing_fixed_point_several(L)
    shift = [Fr(1, 10**9), -Fr(1, 10**9), 0, 0, 0]
    res = check_mixing_several_rewards(L, fixed_point=lambda L, fp: [(a + d, b + d) for (a, b), d in zip(fp.p, shift)])
    assert res.verdict is Verdict.FAILS and res.certified
    # outside atom with a high reward: certified non-convergence to p*
    out = Landscape(**{**PEAKS, "reference": ["0", "1/200", "99/100", "1/200", "0"]})
    res = check_mixing_several_rewards(out)
    assert res.verdict is Verdict.FAILS and res.certified and "outside supp p_ref" in res.reason
    assert run_dynamics(out, 2000, dps=30, record_every=2000).p_T[4] > mpmath.mpf("0.1")


def test_several_edge_cases():
    lam0 = Landscape(**{**PEAKS, "lam": 0})
    fp = solve_mixing_fixed_point_several(lam0)
    assert fp.p == [(v, v) for v in lam0.reference]
    assert check_mixing_several_rewards(lam0).verdict is Verdict.HOLDS
    one = Landscape(**{**PEAKS, "reference": ["0", "0", "1", "0", "0"], "p0": ["0", "0", "1", "0", "0"]})
    res = check_mixing_several_rewards(one)
    assert res.verdict is Verdict.HOLDS and solve_mixing_fixed_point_several(one).rate is None
    assert check_mixing_several_rewards(Landscape(**ONE, reference=["1/3"] * 3, lam="1/2")).verdict is Verdict.UNDECIDED



def test_several_tiny_reference_mass_returns_undecided():
    # reference mass 3e-21 on the atom the first reward favours: 1 - lam W*(0) is about 1e-21, below
    # float resolution, so Newton's float start lies past the pole of p_Z(0); the check must return
    tiny = Fr(3, 10 ** 21)
    L = Landscape(exp_rewards=[["1", "1/20", "1/4"], ["1/20", "1", "1/4"]], weights=["1/3", "2/3"],
                  reference=[str(tiny), "1/2", str(Fr(1, 2) - tiny)], lam="9/10")
    res = check_mixing_several_rewards(L)
    assert res.verdict is Verdict.UNDECIDED and not res.certified
    assert "float start of Newton" in res.reason
    with pytest.raises(SolverError, match="float start of Newton"):
        solve_mixing_fixed_point_several(L)

BAD = [
    (lambda: Landscape(**BASE, reference=["1", "0", "0"]), ["lam is missing"]),
    (lambda: Landscape(**BASE, lam="1/2"), ["reference is missing"]),
    (lambda: Landscape(**BASE, reference=["1", "0"], lam="1/2"), ["reference has 2 entries"]),
    (lambda: Landscape(**BASE, reference=["1", "1", "0"], lam="1/2"), ["reference=", "must sum to 1"]),
    (lambda: Landscape(**BASE, reference=["1", "0", "0"], lam="3/2"), ["lam=3/2", "[0, 1]"]),
    (lambda: solve_mixing_fixed_point(Landscape(**BASE, reference=["1/3"] * 3, lam="1/2")), ["m = 2", "one reward"]),
    (lambda: solve_mixing_fixed_point(Landscape(**ONE, reference=["1/3"] * 3, lam=1)), ["lam = 1", "lam < 1"]),
    (lambda: solve_mixing_fixed_point(Landscape(**ONE)), ["no reference/lam"]),
    (lambda: solve_mixing_fixed_point(Landscape(rewards=[[0, -1]], reference=["1/2"] * 2, lam="1/2")),
     ["exp_rewards"]),
    (lambda: solve_mixing_fixed_point(Landscape(**ONE, reference=["1/3"] * 3, lam="1/2"), bits=4), ["bits=4"]),
    (lambda: check_mixing_fixed_point(Landscape(**ONE, reference=["1/3"] * 3, lam="1/2"), steps=0), ["steps=0"]),
    (lambda: solve_mixing_fixed_point_several(Landscape(**ONE, reference=["1/3"] * 3, lam="1/2")),
     ["m = 1", "m >= 2 rewards"]),
    (lambda: solve_mixing_fixed_point_several(Landscape(**BASE, reference=["1/3"] * 3, lam=1)), ["lam = 1", "lam < 1"]),
    (lambda: solve_mixing_fixed_point_several(Landscape(rewards=[[0, -1], [-1, 0]], reference=["1/2"] * 2,
                                                        lam="1/2")), ["exp_rewards"]),
    (lambda: solve_mixing_fixed_point_several(Landscape(**BASE, reference=["1/3"] * 3, lam="1/2"), prec=32),
     ["prec=32"]),
    (lambda: check_mixing_several_rewards(Landscape(**BASE, reference=["1/3"] * 3, lam="1/2"), steps=True),
     ["steps=True"]),
]


@pytest.mark.parametrize("call, words", BAD, ids=[f"case{k}" for k in range(len(BAD))])
def test_bad_mixing_arguments(call, words):
    with pytest.raises(InvalidArgument) as info:
        call()
    assert "\n" not in str(info.value) and all(word in str(info.value) for word in words)


def test_evidence_bounds_are_rounded_outward():
    from fractions import Fraction

    from mpmath import iv

    from pluralnash.claims.mixing.checks import _lower, _upper

    # 12 digits rounded to nearest would print 0.123456789012 as "<=" an upper end 0.1234567890124...
    x = iv.mpf(["0.1234567890116", "0.1234567890124"])
    assert Fraction(_upper(x)) >= Fraction("0.1234567890124")
    assert Fraction(_lower(x)) <= Fraction("0.1234567890116")
    assert _upper(iv.mpf([1, 2])) == "2.0" and _lower(iv.mpf([1, 2])) == "1.0"


def test_mixing_floor_certificate_is_complete_and_its_planted_floor_fails():
    import sympy

    from pluralnash import get_claim
    from pluralnash.theory import Identity, Verdict

    res = get_claim("mixing-floor").symbolic()
    assert res.verdict is Verdict.HOLDS and res.certified
    assert len(res.evidence["checked"]) == 5 and res.evidence["cited"]
    # the same step with the floor p_ref(x) (the ~full-reference control) is refuted by the same machinery
    lam, r, p, W = sympy.symbols("lam r p W", nonnegative=True)
    planted = sympy.GreaterThan((1 - lam) * r + lam * p * W - r, 0, evaluate=False)
    assert Identity("floor p_ref", planted, domain={lam: (0, 1)}).check().verdict is Verdict.FAILS
