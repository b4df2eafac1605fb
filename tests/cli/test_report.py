"""`pluralnash report`: the folder it writes, its atomic behaviour, figures with and without matplotlib.

The claims are a cheap PROVED one with controls (lemma-3.1) and a planted false variant requested
directly (theorem-3.7~alpha-q-squared, FALSIFIED), so both the counterexample of a claim and those of
controls are exercised. Figure grids are shrunk for the tests that are not about the figures.
"""

import json
import os
import struct
import sys

import pytest

from pluralnash.report import figures as _figures
from pluralnash import report as _report
from pluralnash.report import folder as _report_folder
from pluralnash import check_claim
from pluralnash.cli import main
from pluralnash.numeric import load_setup
from pluralnash.theory import InvalidArgument, Verdict

CLAIMS = ["lemma-3.1", "theorem-3.7~alpha-q-squared"]
FALSIFIED_STATUS = 1  # the planted false variant is FALSIFIED: ``report`` exits as ``verify`` does
TINY = _figures.FigureBudget(phase_q=3, phase_gaps=2, finite_k=(64,), steps=8)




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
    assert main(["report", "--out", str(out), *CLAIMS, "--profile", "quick", "--quiet"]) == FALSIFIED_STATUS
    return out


def leftovers(parent):
    return [n for n in os.listdir(parent) if n.startswith(".")]


# -- what the folder holds ------------------------------------------------------------------------


def test_report_has_verdicts_claims_evidence_and_reproduction_commands(report):
    md = (report / "REPORT.md").read_text()
    assert md.startswith("# pluralnash report\n")
    assert "| claim | verdict | basis | decided by | controls rejected |" in md
    assert "| [lemma-3.1](#claim-lemma-3.1) | **PROVED** | symbolic, 6 steps |" in md
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


def test_without_matplotlib_the_report_says_how_to_get_figures(run_cli, tmp_path, capsys, tiny, no_matplotlib):
    out = tmp_path / "r"
    code, stdout, _ = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick")
    assert code == FALSIFIED_STATUS
    assert "pip install 'pluralnash[plot]'" in stdout
    md = (out / "REPORT.md").read_text()
    assert "matplotlib is not installed" in md and "`pip install 'pluralnash[plot]'`" in md
    assert "![" not in md and not (out / "figures").exists()
    assert "| K | a_∞^K |" in md  # the numbers behind the figures are still there


def test_same_command_same_report(run_cli, tmp_path, capsys, tiny, no_matplotlib):
    texts = []
    for name in ("a", "b"):
        assert run_cli("report", "--out", str(tmp_path / name), "theorem-3.7~alpha-q-squared",
                   "--profile", "quick", "--quiet")[0] == FALSIFIED_STATUS
        texts.append((tmp_path / name / "REPORT.md").read_text().replace("--out " + name, "--out X"))
    assert texts[0] == texts[1]


def test_progress_goes_to_stderr_only_on_a_terminal_and_not_with_quiet(run_cli, tmp_path, capsys, monkeypatch, tiny,
                                                                       no_matplotlib):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run_cli("report", "--out", str(tmp_path / "a"), "theorem-3.7~alpha-q-squared",
                         "--profile", "quick")
    assert code == FALSIFIED_STATUS and "report: [1/1] theorem-3.7~alpha-q-squared" in err and "report:" not in out
    code, _, err = run_cli("report", "--out", str(tmp_path / "b"), "theorem-3.7~alpha-q-squared",
                       "--profile", "quick", "--quiet")
    assert code == FALSIFIED_STATUS and err == ""


def _tree(root):
    """Every file under root, relative path -> bytes."""
    out = {}
    for folder, _, files in os.walk(root):
        for f in files:
            path = os.path.join(folder, f)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = fh.read()
    return out


def test_workers_do_not_change_a_byte_of_the_report(run_cli, tmp_path, capsys, tiny, no_matplotlib):
    # the figures are drawn in this process from the data in report.json, compared here byte for byte
    for n in ("1", "2"):
        assert run_cli("report", "--out", str(tmp_path / n / "r"), "lemma-3.1", "--profile", "quick", "--quiet",
                   "--workers", n)[0] == 0
    serial, spread = _tree(tmp_path / "1" / "r"), _tree(tmp_path / "2" / "r")
    assert {"REPORT.md", "REPORT.html", "report.json"} <= set(serial)
    assert sorted(serial) == sorted(spread)
    for name in serial:
        assert serial[name] == spread[name], name
    data = json.loads(serial["report.json"])
    assert [c["verdict"] for c in data["claims"]] == ["PROVED"]
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


def test_an_interrupted_run_leaves_nothing_behind_and_keeps_the_old_report(run_cli, tmp_path, monkeypatch, capsys, tiny,
                                                                         no_matplotlib):
    out = tmp_path / "r"
    assert run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == FALSIFIED_STATUS
    before = (out / "REPORT.md").read_text()

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(_figures, "phase_data", interrupt)
    code, _, err = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
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
    try:
        deadline = time.monotonic() + 180  # an upper bound for start-up on a loaded machine
        while not leftovers(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert leftovers(tmp_path), "the run never started its temporary folder"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=180) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:  # a failed assertion leaves no process behind
            proc.kill()
            proc.wait()
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_inside_a_property_search_stops_the_run(tmp_path, monkeypatch, tiny, no_matplotlib):
    # Hypothesis treats a SystemExit inside a search as a failing setup and goes on; the run must stop
    import signal

    from pluralnash import _registry
    from pluralnash.properties import landscapes, search_counterexample

    sent = []

    def conclusion(setup):  # the signal arrives once, as a real one does
        if not sent:
            sent.append(True)
            os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("SIGTERM did not interrupt the search")

    def run_claim(*args, **kwargs):
        outcome = search_counterexample(landscapes(), conclusion, max_examples=5)
        raise AssertionError(f"the search swallowed SIGTERM: {outcome}")
    monkeypatch.setattr(_registry, "run_claim", run_claim)
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stop:
        main(["report", "--out", str(tmp_path / "r"), "theorem-3.7~alpha-q-squared", "--profile", "quick",
              "--quiet"])
    assert stop.value.code == 128 + signal.SIGTERM
    assert os.listdir(tmp_path) == [] and signal.getsignal(signal.SIGTERM) is before


def test_refuses_a_non_empty_folder_and_force_replaces_only_a_report(run_cli, tmp_path, capsys, tiny, no_matplotlib):
    out = tmp_path / "r"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code, _, err = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick")
    assert code == 2 and err.count("\n") == 1 and "--force" in err
    code, _, err = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
                       "--force")
    assert code == 2 and "not a pluralnash report folder" in err and "manifest" in err
    assert os.listdir(out) == ["notes.txt"]
    # an empty folder is fine; a report in it, unchanged, is replaced with --force, atomically
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("report", "--out", str(empty), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == FALSIFIED_STATUS
    assert run_cli("report", "--out", str(empty), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet", "--force")[0] == FALSIFIED_STATUS
    assert (empty / "REPORT.md").exists() and (empty / _report_folder.MANIFEST).exists()
    assert leftovers(tmp_path) == []


def report_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_report_lists_every_file_it_wrote_in_its_manifest(report):
    listed = json.loads((report / _report_folder.MANIFEST).read_text())["files"]
    assert sorted(listed) == [f for f in report_files(report) if f != _report_folder.MANIFEST]
    assert "REPORT.md" in listed and all(len(digest) == 64 for digest in listed.values())
    assert _report_folder.MANIFEST in (report / "REPORT.md").read_text()  # the report says what it is for


@pytest.mark.parametrize("added", ["notes.txt", "figures/mine.png", "data/results.csv"])
def test_force_never_removes_a_file_the_user_added_to_a_report(run_cli, tmp_path, capsys, tiny, no_matplotlib, added):
    out = tmp_path / "r"
    assert run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == FALSIFIED_STATUS
    (out / added).parent.mkdir(exist_ok=True)
    (out / added).write_text("the user's")
    before = report_files(out)
    code, out_text, err = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile",
                              "quick", "--quiet", "--force")
    assert code == 2 and out_text == "" and err.count("\n") == 1
    assert repr(added) in err and "did not write" in err and "move them out" in err
    assert report_files(out) == before and (out / added).read_text() == "the user's"
    assert leftovers(tmp_path) == []


def test_force_refuses_a_report_file_the_user_edited(run_cli, tmp_path, capsys, tiny, no_matplotlib):
    out = tmp_path / "r"
    assert run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == FALSIFIED_STATUS
    (out / "REPORT.md").write_text("my annotated copy")
    code, _, err = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
                       "--quiet", "--force")
    assert code == 2 and "'REPORT.md'" in err and "changed since" in err
    assert (out / "REPORT.md").read_text() == "my annotated copy"


def test_force_on_the_current_folder_keeps_the_users_data(run_cli, tmp_path, capsys, monkeypatch, tiny, no_matplotlib):
    # mkdir -p proj/data; echo x > proj/REPORT.md; echo y > proj/data/results.csv; cd proj;
    # pluralnash report --out . --force ...
    proj = tmp_path / "proj"
    (proj / "data").mkdir(parents=True)
    (proj / "REPORT.md").write_text("x\n")
    (proj / "data" / "results.csv").write_text("y\n")
    monkeypatch.chdir(proj)
    for out in (".", str(proj), "data/.."):
        code, _, err = run_cli("report", "--out", out, "theorem-3.7", "--profile", "quick", "--force")
        assert code == 2 and err.count("\n") == 1 and "current folder" in err and "--out pluralnash-report" in err
    code, _, err = run_cli("report", "--out", str(tmp_path), "theorem-3.7", "--profile", "quick", "--force")
    assert code == 2 and "current folder or contains it" in err
    assert report_files(proj) == ["REPORT.md", "data/results.csv"]
    assert (proj / "data" / "results.csv").read_text() == "y\n"


def test_refuses_the_home_folder_and_a_symbolic_link(run_cli, tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    code, _, err = run_cli("report", "--out", str(home), "theorem-3.7", "--profile", "quick", "--force")
    assert code == 2 and "home folder" in err
    (tmp_path / "target").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "target")
    code, _, err = run_cli("report", "--out", str(tmp_path / "link"), "theorem-3.7", "--profile", "quick")
    assert code == 2 and "symbolic link" in err and "target" in err
    assert os.listdir(tmp_path / "target") == [] and os.listdir(home) == []


def test_replacing_an_old_report_deletes_only_its_listed_files(tmp_path):
    # the race the check before the run cannot see: a file added while the new report was built
    old, new, out = tmp_path / "old", tmp_path / "new", tmp_path / "out"
    for folder in (old, new):
        (folder / "figures").mkdir(parents=True)
        (folder / "REPORT.md").write_text(f"report {folder.name}")
        (folder / "figures" / "a.png").write_text("png")
        _report_folder.write_manifest(str(folder))
    os.rename(old, out)
    (out / "figures" / "late.txt").write_text("added during the run")
    # install() itself would refuse; move the folders as it does, as if the file appeared after its check
    listed = _report_folder._read_manifest(str(out))
    os.rename(out, tmp_path / "aside")
    os.rename(new, out)
    kept = _report_folder._remove_listed(str(tmp_path / "aside"), listed, str(out))
    assert kept is not None and report_files(tmp_path / os.path.basename(kept)) == ["figures/late.txt"]
    assert (out / "REPORT.md").read_text() == "report new"


def test_an_old_report_that_cannot_be_deleted_is_refused_before_any_work(run_cli, tmp_path, capsys, monkeypatch, tiny,
                                                                         no_matplotlib, unprivileged):
    out = tmp_path / "r"
    assert run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile", "quick",
               "--quiet")[0] == FALSIFIED_STATUS
    before = report_files(out)

    def no_work(*args, **kwargs):
        raise AssertionError("the claims were run before the old report was found unreplaceable")
    monkeypatch.setattr(_report._Builder, "build", no_work)
    out.chmod(0o555)
    try:
        with unprivileged():
            code, _, err = run_cli("report", "--out", str(out), "theorem-3.7~alpha-q-squared", "--profile",
                               "quick", "--force")
    finally:
        out.chmod(0o755)
    assert code == 2 and err.count("\n") == 1 and "cannot be replaced" in err and "Permission denied" in err
    assert report_files(out) == before and leftovers(tmp_path) == []


def test_a_signal_inside_the_creation_of_the_partial_folder_leaves_nothing(tmp_path, monkeypatch, tiny,
                                                                           no_matplotlib):
    # SIGTERM is turned into SystemExit(143); here it arrives right after the folder is made
    real_mkdir = os.mkdir

    def mkdir_then_signal(path, *args, **kwargs):
        real_mkdir(path, *args, **kwargs)
        if ".partial-" in os.fspath(path):
            raise SystemExit(143)
    monkeypatch.setattr(os, "mkdir", mkdir_then_signal)
    with pytest.raises(SystemExit):
        main(["report", "--out", str(tmp_path / "r"), "theorem-3.7~alpha-q-squared", "--profile", "quick",
              "--quiet"])
    assert os.listdir(tmp_path) == []


def test_an_unwritable_parent_is_one_line_before_any_work(run_cli, tmp_path, capsys, monkeypatch, unprivileged):
    def no_work(*args, **kwargs):
        raise AssertionError("the claims were run before the folder was found unwritable")
    monkeypatch.setattr(_report._Builder, "build", no_work)
    (tmp_path / "FILE").write_text("x")
    code, _, err = run_cli("report", "--out", str(tmp_path / "FILE" / "r"), "theorem-3.7", "--profile", "quick")
    assert code == 2 and err.count("\n") == 1 and "cannot create the folder" in err
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with unprivileged():
            code, _, err = run_cli("report", "--out", str(locked / "r"), "theorem-3.7", "--profile", "quick")
    finally:
        locked.chmod(0o755)
    assert code == 2 and err.count("\n") == 1 and "cannot write in" in err and "Permission denied" in err
    assert os.listdir(locked) == []


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


# -- exit status: the same as verify's ------------------------------------------------------------


@pytest.mark.parametrize("status, verdict, controls", [
    (0, "VERIFIED", ["FALSIFIED"]),
    (1, "FALSIFIED", []),
    (3, "VERIFIED", ["FALSIFIED", "VERIFIED"]),   # a control not rejected: the search lacked power
    (3, "FALSIFIED", ["INCONCLUSIVE"]),
])
def test_report_exits_with_verifys_status(run_cli, tmp_path, capsys, monkeypatch, tiny, no_matplotlib, status, verdict,
                                          controls):
    from pluralnash import _registry
    from pluralnash.cli.output import run_status
    from pluralnash.theory import ClaimVerdict

    real, made = _registry.run_claim, []

    def run_claim(claim, *args, **kwargs):  # the real report of lemma-3.1, its verdicts replaced
        import dataclasses

        rep = real(claim, *args, **kwargs)
        if claim.id != "lemma-3.1":   # a control, run through the same function
            return rep
        ctl = [dataclasses.replace(c, verdict=ClaimVerdict(v)) for c, v in zip(rep.controls, controls)]
        made.append(dataclasses.replace(rep, verdict=ClaimVerdict(verdict), controls=tuple(ctl)))
        return made[-1]
    monkeypatch.setattr(_registry, "run_claim", run_claim)
    code, out, err = run_cli("report", "--out", str(tmp_path / "r"), "lemma-3.1", "--profile", "quick", "--quiet")
    assert (code, err[-300:]) == (status, "") and run_status(made) == status
    assert f"1 {verdict}" in out


# -- proof replays ---------------------------------------------------------------------------------


def test_report_has_a_proof_replays_section_and_each_replays_json(report):
    from pluralnash import proof_for
    from pluralnash import replay_json

    md = (report / "REPORT.md").read_text()
    assert "## Proof replays" in md and md.index("## Proof replays") < md.index("## Files in this folder")
    assert ("| lemma-3.1 | **PROVED** | 6/6 | the claim as encoded | match | `pluralnash prove lemma-3.1` "
            "| `proofs/lemma-3.1.json` |") in md
    assert "Proof replays" in (report / "REPORT.html").read_text()
    proof = proof_for("lemma-3.1")
    assert json.loads((report / "proofs" / "lemma-3.1.json").read_text()) == replay_json(proof, proof.check())
    assert os.listdir(report / "proofs") == ["lemma-3.1.json"]  # the control has no replay of its own
    listed = json.loads((report / _report_folder.MANIFEST).read_text())["files"]
    assert "proofs/lemma-3.1.json" in listed


def test_the_proof_section_only_adds_to_the_report(tmp_path, tiny, no_matplotlib, monkeypatch):
    kwargs = {"claims": ["lemma-3.3", "theorem-3.7~alpha-q-squared"], "profile": "quick", "command": "c"}
    _report.write_report(str(tmp_path / "with"), **kwargs)
    monkeypatch.setattr(_report, "proof_section", lambda doc, ids, write: [])
    _report.write_report(str(tmp_path / "without"), **kwargs)
    md = (tmp_path / "with" / "REPORT.md").read_text()
    start, end = md.index('<a id="proof-replays"></a>'), md.index('<a id="files"></a>')
    assert "| lemma-3.3 | **broken at step 1** | 9/10 |" in md[start:end]
    assert md[:start] + md[end:] == (tmp_path / "without" / "REPORT.md").read_text()
    for name in ("report.json", *(str(p.relative_to(tmp_path / "without"))
                                  for p in (tmp_path / "without" / "counterexamples").rglob("*.json"))):
        assert (tmp_path / "with" / name).read_bytes() == (tmp_path / "without" / name).read_bytes(), name
    assert not (tmp_path / "without" / "proofs").exists()
