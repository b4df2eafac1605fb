"""`pluralnash prove`: a proof as a numbered list, as LaTeX, the list of proofs, the domain route."""

import json

import pytest

from pluralnash import proof_ids




def test_prove_prints_numbered_steps_with_status_and_justification(run_cli, capsys):
    code, out, _ = run_cli("prove", "theorem-3.7")
    assert code == 0
    assert " 1. [CERTIFIED]" in out and "14. [CERTIFIED]" in out
    assert "by: by steps 8, 9; cites strict concavity" in out
    assert "standard theorems cited: law of total expectation" in out
    assert "proof complete: all 19 steps certified" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_prove_names_the_failing_step_of_main_text_lemma_3_3(run_cli, capsys):
    code, out, _ = run_cli("prove", "lemma-3.3")
    assert code == 0
    assert " 1. [FAILS]" in out and "64/63" in out
    assert "proof incomplete: step 1 FAILS" in out


def test_prove_latex(run_cli, capsys):
    code, out, _ = run_cli("prove", "theorem-3.6", "--latex")
    assert code == 0
    assert out.count(r"\item") == 21 and r"\begin{enumerate}" in out and r"\end{enumerate}" in out
    assert r"\geq" in out


def test_prove_list_and_json(run_cli, capsys):
    code, out, _ = run_cli("prove", "--list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == proof_ids()
    status = {line.split()[0]: line.split()[1] for line in lines}
    assert (status["mixing-several-rewards"], status["lemma-3.3"], status["lemma-3.4"]) == ("OPEN", "BROKEN", "PROVED")
    # the general replays (zero weights, outside mass, convergence of p_t) and the corollary resting on them
    assert (status["prop-3.4"], status["nash-limit"], status["corollary-3.8"]) == ("PROVED", "PROVED", "PROVED")
    code, out, _ = run_cli("prove", "theorem-3.7", "--json", "-")
    data = json.loads(out)
    assert data["complete"] is True and len(data["steps"]) == 19


def test_prove_domain_proves_the_plateau_family_and_rejects_the_planted(run_cli, capsys):
    code, out, _ = run_cli("prove", "--domain")
    assert code == 0
    assert out.count("(statement, ") == out.count("(statement, ") and "HOLDS" in out
    for line in out.splitlines():
        if "(planted, " in line:
            assert line.endswith("FAILS")
        elif "(statement, " in line:
            assert line.endswith("HOLDS")
    assert "every point of the box" in out


@pytest.mark.parametrize("argv", [
    ["prove"],
    ["prove", "theorem-9.9"],
    ["prove", "--list", "theorem-3.7"],
    ["prove", "--list", "--domain"],
])
def test_prove_bad_arguments_exit_2_with_one_line(run_cli, capsys, argv):
    code, out, err = run_cli(*argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("pluralnash prove: error:")
