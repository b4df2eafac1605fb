"""Every claim decides the model it states, or refuses a setup of another model in one line.

A pure-curation claim given reference data, or a large-K claim given a finite K, must not run the
other model's dynamics and report on it: ``check_claim`` refuses it (``Claim.models``).
"""

import dataclasses
import json

import pytest

import pluralnash
from pluralnash import check_claim
from pluralnash.cli import main
from pluralnash.numeric import Landscape
from pluralnash.theory import InvalidArgument

BASE = dict(exp_rewards=[["1", "1/100", "1", "1/10"], ["1/10", "1", "1/2", "4/5"]], weights=["1/4", "3/4"],
            p0=["1/5", "7/20", "1/4", "1/5"])
# the mixing setup on which nash-limit used to certify a false FAILS by iterating the mixed map
MIXING = dict(BASE, reference=["1/4", "1/4", "1/4", "1/4"], lam="1/2")
SETUPS = {
    "large-k": Landscape(**BASE),
    "finite-k": Landscape(**BASE, K=3),
    "mixing": Landscape(**MIXING),
    "mixing-finite-k": Landscape(**MIXING, K=3),
}
FINITE = [c for c in pluralnash.all_claims() if c.setup_kind == "finite"]


def _outcome(claim, setup):
    try:
        return check_claim(claim, setup)
    except InvalidArgument as exc:
        return exc


@pytest.mark.parametrize("model", sorted(SETUPS))
@pytest.mark.parametrize("claim", FINITE, ids=lambda c: c.id)
def test_each_claim_decides_its_model_or_refuses_the_setup(claim, model):
    out = _outcome(claim, SETUPS[model])
    refused = isinstance(out, InvalidArgument) and " states " in str(out)
    assert refused == (model not in claim.models), (claim.id, model, out)
    if refused:
        msg = str(out)
        assert "\n" not in msg and repr(claim.id) in msg and ("drop" in msg or "add" in msg)


def test_models_are_declared_on_every_claim_and_its_controls():
    known = {"large-k", "finite-k", "mixing", "mixing-finite-k"}
    for claim in pluralnash.all_claims():
        for c in (claim, *claim.controls):
            assert c.models and set(c.models) <= known, c.id


def test_reference_with_lam_one_is_pure_curation():
    # lam = 1 keeps no reference data: both a pure-curation and a mixing claim speak about it
    L = Landscape(**dict(MIXING, lam="1"))
    for cid in ("nash-limit", "mixing-floor"):
        assert not isinstance(_outcome(cid, L), InvalidArgument)


def test_mixing_setup_is_refused_by_nash_limit_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "mixing.json"
    path.write_text(json.dumps(MIXING))
    code = main(["check", "nash-limit", "--setup", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and "FAILS" not in out
    assert len(err.strip().splitlines()) == 1 and "drop reference and lam" in err


def test_negative_control_an_unknown_model_is_rejected():
    bad = dataclasses.replace(pluralnash.get_claim("nash-limit"), models=("large-K",))
    with pytest.raises(InvalidArgument, match="models="):
        check_claim(bad, SETUPS["large-k"])


def test_a_continuous_claim_names_the_kind_before_the_model():
    with pytest.raises(InvalidArgument, match="continuous setup"):
        check_claim("continuous-closed-form", SETUPS["mixing"])


@pytest.mark.parametrize("claim", [c for c in pluralnash.all_claims() if c.strategy is not None], ids=lambda c: c.id)
def test_each_strategy_draws_setups_of_the_models_its_claim_states(claim):
    from hypothesis import HealthCheck, given, settings

    from pluralnash import check_setup_model

    for c in (claim, *claim.controls):
        if c.strategy is None:
            continue

        @settings(max_examples=5, database=None, deadline=None, suppress_health_check=list(HealthCheck))
        @given(c.strategy())
        def drawn(setup):
            check_setup_model(c, setup)  # raises InvalidArgument for a setup of another model

        drawn()
