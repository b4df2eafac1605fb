"""`pluralnash report`: the folder it writes, its atomic behaviour, figures with and without matplotlib.

The claims are a cheap VERIFIED one with controls (lemma-3.1) and a planted false variant requested
directly (theorem-3.7~alpha-q-squared, FALSIFIED), so both the counterexample of a claim and those of
controls are exercised. Figure grids are shrunk for the tests that are not about the figures.
"""

import json
import os
import struct
import sys

import pytest

from pluralnash import _figures, _report
from pluralnash._registry import check_claim
from pluralnash.cli import main
from pluralnash.numeric import load_setup
from pluralnash.theory import InvalidArgument, Verdict

CLAIMS = ["lemma-3.1", "theorem-3.7~alpha-q-squared"]
TINY = _figures.FigureBudget(phase_q=3, phase_gaps=2, finite_k=(64,), steps=8)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(_figures.FIGURE_BUDGETS, "quick", TINY)


@pytest.fixture
def no_matplotlib(monkeypatch):
    """Simulate an install without the plot extra: `import matplotlib` raises ImportError."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert not _figures.have_matplotlib()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One real report (quick profile, real figure grids), shared by the content tests."""
    out = tmp_path_factory.mktemp("r") / "report"
    assert main(["report", "--out", str(out), *CLAIMS, "--profile", "quick", "--quiet"]) == 0
    return out


def leftovers(parent):
    return [n for n in os.listdir(parent) if n.startswith(".")]


# -- what the folder holds ------------------------------------------------------------------------


def test_report_has_verdicts_claims_evidence_and_reproduction_commands(report):
    md = (report / "REPORT.md").read_text()
    assert md.startswith("# pluralnash report\n")
    assert "| claim | verdict | decided by | controls rejected |" in md
    assert "| [lemma-3.1](#claim-lemma-3.1) | **VERIFIED** |" in md
    assert "**FALSIFIED**" in md
    for cid in CLAIMS:
        assert f'<a id="claim-{cid.replace("~", "-")}"></a>' in md
    for section in ("**Source.**", "**Statement.**", "**Premises.**", "**Conclusion.**", "**Reading.**",
                    "property route evidence", "symbolic route evidence", "**Controls**"):
        assert section in md
    assert "pluralnash check theorem-3.7~alpha-q-squared --setup counterexamples/theorem-3.7~alpha-q-squared.json" in md
    assert "pluralnash run --setup setups/two-basin-example.json" in md
    html = (report / "REPORT.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html
    data = json.loads((report / "report.json").read_text())
    assert [c["id"] for c in data["claims"]] == CLAIMS
    assert {"trajectory", "nash", "phase", "finite_k"} <= set(data["figures"])


def test_every_counterexample_file_re_checks_as_a_certified_failure(report):
    files = sorted((report / "counterexamples").rglob("*.json"))
    ids = {f.stem for f in files}
    assert {"theorem-3.7~alpha-q-squared", "lemma-3.1~extra-rival", "lemma-3.1~averaged-reward"} <= ids
    for f in files:
        out = check_claim(f.stem, load_setup(f))
        assert out.conclusion.verdict is Verdict.FAILS and out.conclusion.certified, f


def test_figure_numbers_agree_with_the_exact_window(report):
    data = json.loads((report / "report.json").read_text())["figures"]
    phase = data["phase"]
    assert phase["agree"] == phase["cells"] == phase["certified"]
    rows = data["finite_k"]["rows"]
    assert [r["K"] for r in rows] == list(_figures.FIGURE_BUDGETS["quick"].finite_k)
    gaps = [r["gap"] for r in rows]
    assert gaps == sorted(gaps, reverse=True)  # the finite-K limit approaches the large-K one
    assert data["nash"]["alpha_star"] == "2/5" and data["nash"]["a_inf"] == "17/45"


def _png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path
    return struct.unpack(">II", head[16:24])


def test_figures_are_valid_pngs(report):
    pytest.importorskip("matplotlib")
    names = sorted(p.name for p in (report / "figures").iterdir())
    assert names == sorted(["trajectory.png", "nash.png", "phase.png", "finite_k.png",
                            "counterexample-theorem-3.7~alpha-q-squared.png"])
    for name in names:
        width, height = _png_size(report / "figures" / name)
        assert width >= 600 and height >= 300
        assert f"](figures/{name})" in (report / "REPORT.md").read_text()
    assert (report / "REPORT.html").read_text().count('src="data:image/png;base64,') == len(names)


def test_without_matplotlib_the_report_says_how_to_get_figures(tmp_path, capsys, tiny, no_matplotlib):
    out = tmp_path / "r"
    code, stdout, _ = run(capsys, "report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick")
    assert code == 0
    assert "pip install 'pluralnash[plot]'" in stdout
    md = (out / "REPORT.md").read_text()
    assert "matplotlib is not installed" in md and "`pip install 'pluralnash[plot]'`" in md
    assert "![" not in md and not (out / "figures").exists()
    assert "| K | a_∞^K |" in md  # the numbers behind the figures are still there


def test_same_command_same_report(tmp_path, capsys, tiny, no_matplotlib):
    texts = []
    for name in ("a", "b"):
        assert run(capsys, "report", "--out", str(tmp_path / name), "theorem-3.7~alpha-q-squared",
                   "--profile", "quick", "--quiet")[0] == 0
        texts.append((tmp_path / name / "REPORT.md").read_text().replace("--out " + name, "--out X"))
    assert texts[0] == texts[1]


def test_progress_goes_to_stderr_only_on_a_terminal_and_not_with_quiet(tmp_path, capsys, monkeypatch, tiny,
                                                                       no_matplotlib):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "report", "--out", str(tmp_path / "a"), "theorem-3.7~alpha-q-squared",
                         "--profile", "quick")
    assert code == 0 and "report: [1/1] theorem-3.7~alpha-q-squared" in err and "report:" not in out
    code, _, err = run(capsys, "report", "--out", str(tmp_path / "b"), "theorem-3.7~alpha-q-squared",
                       "--profile", "quick", "--quiet")
    assert code == 0 and err == ""


def _tree(root):
    """Every file under root, relative path -> bytes."""
    out = {}
    for folder, _, files in os.walk(root):
        for f in files:
            path = os.path.join(folder, f)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = fh.read()
    return out


def test_workers_do_not_change_a_byte_of_the_report(tmp_path, capsys, tiny, no_matplotlib):
    # the figures are drawn in this process from the data in report.json, compared here byte for byte
    for n in ("1", "2"):
        assert run(capsys, "report", "--out", str(tmp_path / n / "r"), "lemma-3.1", "--profile", "quick", "--quiet",
                   "--workers", n)[0] == 0
    serial, spread = _tree(tmp_path / "1" / "r"), _tree(tmp_path / "2" / "r")
    assert {"REPORT.md", "REPORT.html", "report.json"} <= set(serial)
    assert sorted(serial) == sorted(spread)
    for name in serial:
        assert serial[name] == spread[name], name
    data = json.loads(serial["report.json"])
    assert [c["verdict"] for c in data["claims"]] == ["VERIFIED"]
    assert [c["verdict"] for c in data["claims"][0]["controls"]] == ["FALSIFIED", "FALSIFIED"]
    assert data["figures"]["phase"]["cells"] == TINY.phase_q * TINY.phase_gaps


def test_the_python_api_takes_workers_and_an_executor(tmp_path, tiny, no_matplotlib):
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    kwargs = {"claims": ["theorem-3.7~alpha-q-squared"], "profile": "quick", "command": "c"}
    with pytest.raises(InvalidArgument, match="workers=0 must be"):
        _report.write_report(str(tmp_path / "bad"), workers=0, **kwargs)
    with ThreadPoolExecutor(max_workers=2) as threads, pytest.raises(InvalidArgument, match="in threads"):
        _report.write_report(str(tmp_path / "bad"), executor=threads, **kwargs)
    assert os.listdir(tmp_path) == []
    with ProcessPoolExecutor(max_workers=2) as ex:
        spread = _report.write_report(str(tmp_path / "a"), executor=ex, **kwargs)
        assert ex.submit(abs, -1).result() == 1  # the caller's executor is left running
    serial = _report.write_report(str(tmp_path / "b"), **kwargs)
    assert spread.verdicts == serial.verdicts == {"theorem-3.7~alpha-q-squared": "FALSIFIED"}
    assert (tmp_path / "a" / "report.json").read_bytes() == (tmp_path / "b" / "report.json").read_bytes()


# -- atomic writes -------------------------------------------------------------------------------------


def test_a_failure_late_in_the_run_leaves_nothing_behind(tmp_path, monkeypatch, capsys, tiny, no_matplotlib):
    def boom(self, doc, plot):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(_report._Builder, "_environment", boom)
    code = main(["report", "--out", str(tmp_path / "r"), "theorem-3.7~alpha-q-squared", "--profile", "quick",
                 "--quiet"])
    assert code == 3 and "RuntimeError: disk on fire" in capsys.readouterr().err  # an internal error
    assert os.listdir(tmp_path) == []


def test_an_interrupted_run_leaves_nothing_behind_and_keeps_the_old_report(tmp_path, monkeypatch, capsys, tiny,
                                                                         no_matplotlib):
    out = tmp_path / "r"
    assert run(capsys, "report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == 0
    before = (out / "REPORT.md").read_text()

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(_figures, "phase_data", interrupt)
    code, _, err = run(capsys, "report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
                       "--force", "--quiet")
    assert code == 130 and "interrupted" in err
    assert (out / "REPORT.md").read_text() == before
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_mid_run_removes_the_partial_folder(tmp_path):
    import signal
    import subprocess
    import time

    proc = subprocess.Popen([sys.executable, "-m", "pluralnash", "report", "--out", str(tmp_path / "r"),
                             "--profile", "quick", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(tmp_path), "the run never started its temporary folder"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert os.listdir(tmp_path) == []


def test_refuses_a_non_empty_folder_and_force_replaces_only_a_report(tmp_path, capsys, tiny, no_matplotlib):
    out = tmp_path / "r"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code, _, err = run(capsys, "report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick")
    assert code == 2 and err.count("\n") == 1 and "--force" in err
    code, _, err = run(capsys, "report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
                       "--force")
    assert code == 2 and "not a pluralnash report" in err
    assert os.listdir(out) == ["notes.txt"]
    # an empty folder is fine; a report in it is replaced with --force, atomically
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "report", "--out", str(empty), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == 0
    (empty / "stale.txt").write_text("from an older run")
    assert run(capsys, "report", "--out", str(empty), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet", "--force")[0] == 0
    assert not (empty / "stale.txt").exists() and (empty / "REPORT.md").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("argv, message", [
    (["--out", "FILE"], "is a file"),
    (["--out", "NEW", "no-such-claim"], "not a registered claim"),
    (["--out", "NEW", "--profile", "huge"], "invalid choice"),
    (["--out", "NEW", "--seed", "-1"], "--seed=-1 must be >= 0"),
    (["--out", "NEW", "--workers", "0"], "--workers=0 must be from 1 to 512"),
    (["--out", "NEW", "--workers", "two"], "--workers='two' is not a whole number"),
    ([], "--out"),
])
def test_bad_arguments_are_one_line_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "FILE").write_text("x")
    argv = [str(tmp_path / a) if a in ("FILE", "NEW") else a for a in argv]
    try:
        code = main(["report", *argv])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err
    assert not (tmp_path / "NEW").exists()
