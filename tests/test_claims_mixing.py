"""Reference-data mixing in the engines, the command line and the mixing-floor claim."""

import json
from fractions import Fraction as Fr

import mpmath
import pytest

from pluralnash import ClaimVerdict, check_claim, run_claim
from pluralnash.cli import main
from pluralnash.numeric import Landscape, evaluate_curated_update, run_dynamics, solve_limit
from pluralnash.theory import InvalidArgument

BASE = dict(exp_rewards=[["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], weights=["1/3", "2/3"])


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


@pytest.mark.parametrize("kw, words", [
    (dict(reference=["1", "0", "0"]), ["lam is missing"]),
    (dict(lam="1/2"), ["reference is missing"]),
    (dict(reference=["1", "0"], lam="1/2"), ["reference has 2 entries"]),
    (dict(reference=["1", "1", "0"], lam="1/2"), ["reference=", "must sum to 1"]),
    (dict(reference=["1", "0", "0"], lam="3/2"), ["lam=3/2", "[0, 1]"]),
])
def test_bad_mixing_arguments(kw, words):
    with pytest.raises(InvalidArgument) as info:
        Landscape(**BASE, **kw)
    for word in words:
        assert word in str(info.value)


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
    assert rep.verdict is ClaimVerdict.VERIFIED
    assert rep.power == (2, 2)
    for ctl in rep.controls:
        out = check_claim(ctl.claim.id, ctl.counterexample)
        assert out["conclusion"]["verdict"] == "FAILS" and out["conclusion"]["certified"]
