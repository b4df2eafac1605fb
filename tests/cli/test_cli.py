"""The command line, run as a user would: subprocess for the entry point, main() in-process for speed."""

import json
import subprocess
import sys

import pytest

from pluralnash.cli import main

SETUP = {"exp_rewards": [["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], "weights": ["1/2", "1/2"],
         "p0": ["1/3", "1/3", "1/3"], "exp_eps": "9/10"}
TWO_BASIN = {"exp_rewards": [["1", "1/100", "1/2"], ["1/100", "1", "1/2"]], "weights": ["1/3", "2/3"],
             "p0": ["1/3", "1/3", "1/3"], "exp_eps": "9/10"}


@pytest.fixture
def setup_file(tmp_path):
    path = tmp_path / "setup.json"
    path.write_text(json.dumps(TWO_BASIN))
    return path




def test_python_dash_m_runs_and_bad_input_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"exp_rewards": [[1, 2]], "weights": ["1/2", "1/2"]}')
    proc = subprocess.run([sys.executable, "-m", "pluralnash", "limit", "--setup", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "weights has 2 entries" in proc.stderr


def test_verify_json_is_deterministic_and_complete(run_cli, capsys):
    code, out1, _ = run_cli("verify", "theorem-3.7", "lemma-3.1", "--profile", "quick", "--seed", "3",
                        "--json", "-")
    assert code == 0
    code, out2, _ = run_cli("verify", "theorem-3.7", "lemma-3.1", "--profile", "quick", "--seed", "3",
                        "--json", "-")
    assert out1 == out2
    data = json.loads(out1)
    assert [c["id"] for c in data["claims"]] == ["theorem-3.7", "lemma-3.1"]
    for c in data["claims"]:
        assert set(c) >= {"id", "source", "verdict", "basis", "routes", "counterexample"}
        assert c["verdict"] in {"PROVED", "VERIFIED", "FALSIFIED", "INCONCLUSIVE"}
        assert c["basis"]["kind"] in {"symbolic", "property", "counterexample", "none"}
        assert all(ctl["verdict"] == "FALSIFIED" for ctl in c["controls"])


def test_verify_table_fits_80_columns(run_cli, capsys):
    code, out, _ = run_cli("verify", "lemma-3.2", "--profile", "quick", "--controls", "--quiet")
    assert code == 0 and "lemma-3.2" in out and "PROVED symbolic, 8 steps" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_verify_list_and_unknown_claim(run_cli, capsys):
    code, out, _ = run_cli("verify", "--list")
    assert code == 0 and "nash-limit" in out
    code, _, err = run_cli("verify", "lemma-9")
    assert code == 2 and "not a registered claim" in err


def test_check_reports_each_premise_and_the_conclusion(run_cli, capsys, setup_file):
    code, out, _ = run_cli("check", "theorem-3.7", "--setup", str(setup_file), "--json", "-")
    assert code == 0
    data = json.loads(out)
    assert data["claim"] == "theorem-3.7"
    assert [p["verdict"] for p in data["premises"]] == ["HOLDS"]
    assert data["conclusion"]["verdict"] == "HOLDS" and data["conclusion"]["certified"] is True
    code, out, _ = run_cli("check", "theorem-3.7~alpha-q-squared", "--setup", str(setup_file))
    assert code == 1 and "FAILS" in out


def test_falsified_control_counterexample_rechecks_with_check(run_cli, capsys, tmp_path):
    code, out, _ = run_cli("verify", "nash-limit", "--profile", "quick", "--json", "-")
    data = json.loads(out)
    ctl = next(c for c in data["claims"][0]["controls"] if c["id"] == "nash-limit~each-reward-optimal")
    assert ctl["verdict"] == "FALSIFIED"
    path = tmp_path / "cx.json"
    path.write_text(json.dumps(ctl["counterexample"]))
    code, out, _ = run_cli("check", ctl["id"], "--setup", str(path), "--json", "-")
    concl = json.loads(out)["conclusion"]
    assert concl["verdict"] == "FAILS" and concl["certified"] is True


def test_limit_json_shape(run_cli, capsys, setup_file):
    code, out, _ = run_cli("limit", "--setup", str(setup_file), "--dps", "20", "--json", "-")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"p", "Z", "F", "support", "certificate"}
    assert data["p"] == ["98/297", "199/297", "0"] and data["support"] == [0, 1]
    assert data["certificate"]["verdict"] == "HOLDS" and data["certificate"]["certified"]


def test_limit_text_output(run_cli, capsys, setup_file):
    code, out, _ = run_cli("limit", "--setup", str(setup_file))
    assert code == 0 and "certificate: HOLDS" in out and "p*[0] = 98/297" in out


def test_run_json_shape_and_masses(run_cli, capsys, setup_file):
    code, out, _ = run_cli("run", "--setup", str(setup_file), "--steps", "3", "--json", "-")
    assert code == 0
    data = json.loads(out)
    assert [r["t"] for r in data["trajectory"]] == [0, 1, 2, 3]
    for r in data["trajectory"]:
        assert {"t", "a", "b", "m"} <= set(r)
    assert len(data["p_T"]) == 3
    code, out, _ = run_cli("run", "--setup", str(setup_file), "--steps", "2", "--K", "2")
    assert code == 0 and "K = 2" in out


@pytest.mark.parametrize("argv, words", [
    (["limit", "--setup", "missing.json"], ["does not exist"]),
    (["limit", "--setup", "{dir}"], ["is a directory"]),
    (["limit", "--setup", "{setup}", "--dps", "3"], ["--dps=3"]),
    (["run", "--setup", "{setup}", "--steps", "-1"], ["--steps=-1"]),
    (["run", "--setup", "{setup}", "--steps", "x"], ["--steps='x'"]),
    (["run", "--setup", "{setup}", "--steps", "2", "--K", "1"], ["--K=1"]),
    (["verify", "--profile", "fast"], ["invalid choice: 'fast'"]),
    (["check", "nope", "--setup", "{setup}"], ["claim='nope'"]),
    (["limit", "--setup", "{setup}", "--json", "{setup}"], ["exists", "--force"]),
    (["frobnicate"], ["invalid choice"]),
])
def test_cli_errors_are_one_line_with_status_2(capsys, tmp_path, setup_file, argv, words):
    argv = [a.format(dir=tmp_path, setup=setup_file) for a in argv]
    before = setup_file.read_text()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own checks
        code = exc.code
    assert code == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err
    assert setup_file.read_text() == before  # nothing the user had is overwritten


def test_results_are_identical_whatever_the_number_of_workers(run_cli, capsys):
    from concurrent.futures import ProcessPoolExecutor

    from pluralnash import run_claims

    serial = [r.to_json() for r in run_claims(["theorem-3.7", "lemma-3.2"], profile="quick", seed=5)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = [r.to_json() for r in run_claims(["theorem-3.7", "lemma-3.2"], profile="quick", seed=5,
                                                  executor=pool)]
    assert pooled == serial
    code, out, _ = run_cli("verify", "theorem-3.7", "lemma-3.2", "--profile", "quick", "--seed", "5",
                       "--workers", "2", "--json", "-")
    assert code == 0 and json.loads(out)["claims"] == serial


def test_run_formats_the_final_masses_only_for_json(run_cli, capsys, monkeypatch, tmp_path):
    # at 10^6 atoms the text of p_T took seconds; the table on the terminal never shows it
    from fractions import Fraction

    from pluralnash.cli import output

    n = 50
    path = tmp_path / "wide.json"
    path.write_text(json.dumps({"exp_rewards": [[f"{1 + k % 7}/7" for k in range(n)]], "weights": ["1"]}))
    calls = []
    real = output.num
    monkeypatch.setattr(output, "num", lambda v, dps: calls.append(v) or real(v, dps))
    code, out, _ = run_cli("run", "--setup", str(path), "--steps", "2")
    assert code == 0 and "50 atoms" in out and len(calls) < n
    code, out, _ = run_cli("run", "--setup", str(path), "--steps", "2", "--json", "-")
    data = json.loads(out)
    assert code == 0 and len(data["p_T"]) == n and all(Fraction(v) >= 0 for v in data["p_T"][:3])
