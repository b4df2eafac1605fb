"""The command line leaves no `.hypothesis/` in the folder it runs from: Hypothesis's files go to the
user's cache folder ($XDG_CACHE_HOME/pluralnash/hypothesis), unless HYPOTHESIS_STORAGE_DIRECTORY says otherwise."""

import os
import subprocess
import sys


def run_verify(cwd, **env):
    clean = {k: v for k, v in os.environ.items() if k not in ("HYPOTHESIS_STORAGE_DIRECTORY", "XDG_CACHE_HOME")}
    proc = subprocess.run([sys.executable, "-m", "pluralnash", "verify", "lemma-3.1", "--profile", "quick",
                           "--quiet"], cwd=cwd, env={**clean, **env}, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_verify_in_an_empty_folder_leaves_it_empty(tmp_path):
    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    run_verify(work, XDG_CACHE_HOME=str(cache), HOME=str(tmp_path / "home"))
    assert os.listdir(work) == []
    # negative control: Hypothesis did store something, in the cache folder
    assert os.listdir(cache / "pluralnash" / "hypothesis")


def test_without_xdg_cache_home_the_files_go_to_dot_cache_in_home(tmp_path):
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    run_verify(work, HOME=str(home), XDG_CACHE_HOME="relative/is/ignored")
    assert os.listdir(work) == [] and os.listdir(home / ".cache" / "pluralnash" / "hypothesis")


def test_an_explicit_storage_directory_is_respected(tmp_path):
    work, mine = tmp_path / "work", tmp_path / "mine"
    work.mkdir()
    run_verify(work, HYPOTHESIS_STORAGE_DIRECTORY=str(mine), HOME=str(tmp_path / "home"))
    assert os.listdir(work) == [] and os.listdir(mine) and not (tmp_path / "home").exists()
