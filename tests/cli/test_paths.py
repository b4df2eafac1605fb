"""Paths users pass: `--json FILE`, `--setup FILE`, `save_setup`.  Every refusal is one line and exit 2,
decided before any work; a symbolic link is written through; only regular files are replaced or read."""

import json
import os
import stat
import sys

import pytest

from pluralnash.cli import check as _cmd_check
from pluralnash.cli import continuous as _cmd_continuous
from pluralnash.cli import derive as _cmd_derive
from pluralnash.cli import limit as _cmd_limit
from pluralnash.cli import reproduce as _cmd_reproduce
from pluralnash.cli import run as _cmd_run
from pluralnash.cli import verify as _cmd_verify
from pluralnash.numeric import Landscape, load_setup, save_setup
from pluralnash.theory import InvalidArgument

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds (FIFOs, devices, links)")

SETUP = '{"exp_rewards": [[3, 2, 1]], "eps": "1/10"}'


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.json").write_text(SETUP)
    return tmp_path




def one_line(code, out, err, *words):
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, (word, err)


# (how to make the path in the current folder, --json argument, --force?, words of the error)
MAKERS = {
    "dir": lambda: os.mkdir("d"),
    "fifo": lambda: os.mkfifo("f"),
    "dangling": lambda: os.symlink("missing.json", "l"),
    "loop": lambda: (os.symlink("b", "a"), os.symlink("a", "b")),
    "file": lambda: open("out.json", "w").close(),
    "none": lambda: None,
}
BAD_JSON = [
    ("none", "", True, ["--json=''", "not a file name"]),
    ("dir", "d", True, ["--json='d' is a folder", "pass a file name"]),
    ("fifo", "f", True, ["FIFO", "not a regular file"]),
    ("none", "/dev/null", True, ["character device", "not a regular file"]),
    ("dangling", "l", False, ["symbolic link to the missing", "--force"]),
    ("loop", "a", True, ["loop of symbolic links"]),
    ("file", "out.json", False, ["exists", "--force"]),
    ("file", "out.json/x", True, ["a part of the path is a file"]),
    ("none", "nofolder/x.json", True, ["does not exist", "create it"]),
]


@pytest.mark.parametrize("make, target, force, words", BAD_JSON, ids=[f"{b[0]}:{b[1]}" for b in BAD_JSON])
def test_bad_json_targets_are_one_line_and_left_as_they_were(run_cli, here, capsys, make, target, force, words):
    MAKERS[make]()
    before = {name: os.lstat(name) for name in os.listdir(".")}
    code, out, err = run_cli("limit", "--setup", "s.json", "--json", target, *(["--force"] if force else []))
    one_line(code, out, err, *words)
    after = {name: os.lstat(name) for name in os.listdir(".")}
    assert sorted(after) == sorted(before)
    assert all(stat.S_IFMT(after[n].st_mode) == stat.S_IFMT(before[n].st_mode) for n in after)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symbolic_link_is_written_through_and_stays_a_link(run_cli, here, capsys):
    (here / "real.json").write_text("old")
    os.symlink("real.json", "link.json")
    assert run_cli("limit", "--setup", "s.json", "--json", "link.json", "--force")[0] == 0
    assert os.path.islink("link.json") and json.loads((here / "real.json").read_text())["Z"]


def test_a_dangling_link_with_force_creates_its_target(run_cli, here, capsys):
    os.symlink("made.json", "link.json")
    assert run_cli("limit", "--setup", "s.json", "--json", "link.json", "--force")[0] == 0
    assert os.path.islink("link.json") and stat.S_ISREG(os.lstat("made.json").st_mode)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_umasks_permissions(run_cli, here, capsys, umask, mode):
    old = os.umask(umask)
    try:
        assert run_cli("limit", "--setup", "s.json", "--json", "new.json")[0] == 0
        (here / "old.json").write_text("x")
        os.chmod("old.json", 0o600)
        assert run_cli("limit", "--setup", "s.json", "--json", "old.json", "--force")[0] == 0
        save_setup(Landscape(exp_rewards=[[2, 1]]), "saved.json")
    finally:
        os.umask(old)
    for name in ("new.json", "old.json", "saved.json"):
        assert stat.S_IMODE(os.stat(name).st_mode) == mode, name
    assert not [n for n in os.listdir(".") if n.startswith(".pluralnash-")]


def test_read_only_targets_are_refused(run_cli, here, capsys, unprivileged):
    (here / "ro.json").write_text("keep")
    os.chmod("ro.json", 0o444)
    os.mkdir("locked")
    os.chmod("locked", 0o555)
    try:
        with unprivileged():
            ro = run_cli("limit", "--setup", "s.json", "--json", "ro.json", "--force")
            locked = run_cli("limit", "--setup", "s.json", "--json", "locked/x.json")
    finally:
        os.chmod("locked", 0o755)
    one_line(*ro, "--json='ro.json' is read-only")
    one_line(*locked, "cannot write in folder", "Permission denied")
    assert (here / "ro.json").read_text() == "keep" and os.listdir("locked") == []


# every command that writes --json checks the path before its work starts
WRITERS = [
    (["verify", "lemma-3.1", "--profile", "quick"], (_cmd_verify, "_handler")),
    (["check", "lemma-3.1", "--setup", "s.json"], (_cmd_check, "_handler")),
    (["limit", "--setup", "s.json"], (_cmd_limit, "_handler")),
    (["run", "--setup", "s.json", "--steps", "2"], (_cmd_run, "_handler")),
    (["derive", "nash-foc"], (_cmd_derive, "_handler")),
    (["reproduce", "table3"], (_cmd_reproduce, "_handler")),
    (["continuous", "--mu", "0"], (_cmd_continuous, "_handler")),
]


@pytest.mark.parametrize("argv, handler", WRITERS, ids=[w[0][0] for w in WRITERS])
@pytest.mark.parametrize("target", ["d", ""])
def test_every_writer_checks_its_json_path_before_the_work(run_cli, here, capsys, monkeypatch, argv, handler, target):
    def work(args):
        raise AssertionError("the command ran before its --json path was checked")
    owner, name = handler
    monkeypatch.setattr(owner, name, work)
    os.mkdir("d")
    code, out, err = run_cli(*argv, "--json", target, "--force")
    one_line(code, out, err, f"--json={target!r}")


def test_verify_with_an_unwritable_json_fails_before_the_run(run_cli, here, capsys, monkeypatch, unprivileged):
    import pluralnash._registry as registry

    def no_run(*args, **kwargs):
        raise AssertionError("claims were decided although the JSON could not be written")
    monkeypatch.setattr(registry, "run_claim", no_run)
    os.mkdir("locked")
    os.chmod("locked", 0o555)
    try:
        with unprivileged():
            result = run_cli("verify", "lemma-3.1", "--profile", "quick", "--json", "locked/v.json")
    finally:
        os.chmod("locked", 0o755)
    one_line(*result, "cannot write in folder")


# -- setup files ------------------------------------------------------------------------------------

BAD_SETUPS = [
    ("loop", "a", ["loop of symbolic links"]),
    ("fifo", "f", ["FIFO", "not a regular file"]),      # must not block waiting for a writer
    ("none", "/dev/zero", ["character device"]),        # must not read without end
    ("dir", "d", ["is a directory"]),
    ("dangling", "l", ["does not exist"]),
    ("none", "", ["not a file name"]),
    ("none", "s.json/x", ["a part of the path is a file"]),
]


@pytest.mark.parametrize("make, path, words", BAD_SETUPS, ids=[f"{b[0]}:{b[1]}" for b in BAD_SETUPS])
def test_bad_setup_paths_are_one_line(run_cli, here, capsys, make, path, words):
    MAKERS[make]()
    one_line(*run_cli("limit", "--setup", path), f"--setup={path!r}", *words)
    with pytest.raises(InvalidArgument):
        load_setup(path)


def test_a_setup_through_a_symbolic_link_is_read(here):
    os.symlink("s.json", "link.json")
    assert load_setup("link.json").n == 3


def test_a_setup_file_read_with_a_cap_even_when_its_size_says_less(here, monkeypatch):
    # a file that grows after it was looked at (or a /proc-like file of size 0) is read with a cap
    from pluralnash.numeric.model import setup_io as _setup_io

    (here / "big.json").write_text(SETUP + " " * 100)
    real_stat = os.stat

    def small(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))
    with monkeypatch.context() as patch:
        patch.setattr(_setup_io, "MAX_SETUP_BYTES", 64)
        patch.setattr(os, "stat", small)
        with pytest.raises(InvalidArgument, match="is more than"):
            load_setup("big.json")
    assert load_setup("big.json").n == 3  # negative control: the same file under the real cap


def test_save_setup_refuses_what_is_not_a_regular_file(here):
    L = Landscape(exp_rewards=[[2, 1]])
    os.mkfifo("f")
    for path, words in [("f", "FIFO"), (".", "is a folder"), ("", "not a file name")]:
        with pytest.raises(InvalidArgument, match=words):
            save_setup(L, path, overwrite=True)
    os.symlink("real.json", "link.json")
    with pytest.raises(InvalidArgument, match="overwrite=True"):
        save_setup(L, "link.json")
    save_setup(L, "link.json", overwrite=True)
    assert os.path.islink("link.json") and load_setup("real.json") == L
