"""`.ci/run` stays strict and runs what it promises; its verdict comparison rejects a changed verdict."""

import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUN = (ROOT / ".ci" / "run").read_text()


def test_ci_fails_on_any_failing_step_and_runs_the_readme_command():
    assert "set -euo pipefail" in RUN
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest\n" in RUN
    readme = (ROOT / "README.md").read_text()
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest" in readme


def test_ci_runs_the_property_tests_under_dev_with_a_printed_random_seed_and_a_gmpy2_venv():
    assert re.search(r"seed=\$RANDOM", RUN) and 'echo "seed $seed' in RUN
    assert 'HYPOTHESIS_PROFILE=dev' in RUN and '--hypothesis-seed="$seed"' in RUN
    assert "pip install -e '.[test]' gmpy2" in RUN and "m.BACKEND == 'gmpy'" in RUN
    assert "same_verdicts.py" in RUN


def test_the_property_file_selection_finds_the_property_tests():
    found = subprocess.run(["bash", "-c", "grep -rlE '^(from hypothesis|import hypothesis)|doctest' tests "
                            "--include='test_*.py'"], cwd=ROOT, capture_output=True, text=True, check=True)
    files = set(found.stdout.split())
    assert {"tests/properties/test_properties_strategies.py", "tests/test_doctests.py"} <= files
    assert "tests/cli/test_paths.py" not in files  # negative control: no Hypothesis there


def verdict_file(path, claims):
    path.write_text(json.dumps({"claims": [{"id": c, "verdict": v, "controls": [{"id": f"{c}~x", "verdict": k}]}
                                           for c, v, k in claims]}))
    return str(path)


def same(a, b):
    return subprocess.run([sys.executable, str(ROOT / ".ci" / "same_verdicts.py"), a, b], capture_output=True,
                          text=True)


def test_same_verdicts_accepts_equal_files_and_rejects_a_changed_verdict(tmp_path):
    a = verdict_file(tmp_path / "a.json", [("lemma-3.1", "VERIFIED", "FALSIFIED")])
    b = verdict_file(tmp_path / "b.json", [("lemma-3.1", "VERIFIED", "FALSIFIED")])
    assert same(a, b).returncode == 0
    c = verdict_file(tmp_path / "c.json", [("lemma-3.1", "VERIFIED", "INCONCLUSIVE")])
    proc = same(a, c)
    assert proc.returncode == 1 and "lemma-3.1~x: FALSIFIED" in proc.stderr
    d = verdict_file(tmp_path / "d.json", [])
    assert same(a, d).returncode == 1 and same(d, d).returncode == 1


def side_by_side(first: str, second: str):
    """Source `.ci/run` (its main does not run when sourced) and join two stub steps with its side_by_side."""
    script = f"source {ROOT / '.ci' / 'run'}; a() {{ {first}; }}; b() {{ {second}; }}; side_by_side a b"
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True)


def test_the_two_lanes_run_side_by_side_and_either_failure_fails_ci(tmp_path):
    assert "side_by_side step1 second_lane" in RUN
    ok = side_by_side("echo first-ran", "echo second-ran")
    assert ok.returncode == 0 and "first-ran" in ok.stdout and "second-ran" in ok.stdout
    # a failing command inside a step stops that step and fails CI, and both logs are still printed whole
    failed = side_by_side("false; echo not-reached", "sleep 0.2; echo second-ran")
    assert failed.returncode == 1 and "not-reached" not in failed.stdout and "second-ran" in failed.stdout
    assert "a exited 1, b exited 0" in failed.stderr
    assert side_by_side("true", "exit 3").returncode == 1
    # the two steps overlap in time: each waits for a file only the other one writes
    marks = tmp_path
    both = side_by_side(f"touch {marks}/.a-started; for i in $(seq 50); do [ -e {marks}/.b-started ] && break; sleep 0.1; done; [ -e {marks}/.b-started ]",
                        f"touch {marks}/.b-started; for i in $(seq 50); do [ -e {marks}/.a-started ] && break; sleep 0.1; done; [ -e {marks}/.a-started ]")
    assert both.returncode == 0, both.stderr
