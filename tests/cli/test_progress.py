"""The progress bar: drawn on a terminal's stderr, throttled, cleared at the end; silent otherwise."""

import io
import sys
import time

import pytest

from pluralnash import cli
from pluralnash.cli.progress import Progress
from pluralnash import map_tasks
from pluralnash.numeric import Landscape, save_setup


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_bar_draws_counts_and_clears_the_line():
    out = FakeTTY()
    with Progress("work", 4, stream=out, interval=0) as bar:
        for k in range(1, 5):
            bar(k)
    text = out.getvalue()
    assert "work [------------------------] 0/4" in text
    assert "work [########################] 4/4" in text
    assert text.endswith("\r\x1b[K") and "\n" not in text


def test_bar_is_throttled_but_draws_the_last_update():
    out = FakeTTY()
    bar = Progress("work", 1000, stream=out, interval=3600)
    for k in range(1, 1001):
        bar(k)
    bar.close()
    assert out.getvalue().count("\r\x1b[Kwork") == 1 + 0 + 1  # the first draw (k=1) and the final one
    assert "1000/1000" in out.getvalue()


def test_bar_is_silent_off_a_terminal_and_when_disabled():
    for stream, enabled in [(io.StringIO(), None), (FakeTTY(), False)]:
        with Progress("work", 3, stream=stream, enabled=enabled, interval=0) as bar:
            bar(3)
            bar.say("note")
        assert stream.getvalue() == ""


def test_ticking_redraws_the_elapsed_time_and_stops_on_close():
    out = FakeTTY()
    bar = Progress("wait", stream=out).ticking(every=0.01)
    time.sleep(0.2)
    bar.close()
    drawn = out.getvalue().count("\r\x1b[Kwait")
    assert drawn >= 2
    time.sleep(0.05)
    assert out.getvalue().count("\r\x1b[Kwait") == drawn  # the ticker stopped


def test_the_line_fits_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    out = FakeTTY()
    with Progress("a very long label " * 5, 10, stream=out, interval=0) as bar:
        bar(5)
    assert all(len(chunk.replace("\x1b[K", "")) <= 39 for chunk in out.getvalue().split("\r"))


def test_map_tasks_reports_each_result_in_order():
    seen = []
    assert map_tasks(abs, [(-1,), (2,), (-3,)], progress=lambda d, t: seen.append((d, t))) == [1, 2, 3]
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_verify_draws_a_bar_on_a_terminal_and_nothing_otherwise(capsys, monkeypatch):
    fake = FakeTTY()
    monkeypatch.setattr(sys, "stderr", fake)
    assert cli.main(["verify", "lemma-3.2", "--profile", "quick"]) == 0
    assert "verify (quick profile) [" in fake.getvalue() and "1/1" in fake.getvalue()
    monkeypatch.undo()
    assert cli.main(["verify", "lemma-3.2", "--profile", "quick"]) == 0
    assert "\r" not in capsys.readouterr().err  # pytest's captured stderr is not a terminal


@pytest.mark.parametrize("command", [["limit"], ["run", "--steps", "3"]])
def test_limit_and_run_show_progress_on_a_terminal(tmp_path, monkeypatch, capsys, command):
    path = tmp_path / "s.json"
    save_setup(Landscape(exp_rewards=[["1", "1/2", "1/4"], ["1/4", "1/2", "1"]]), path)
    fake = FakeTTY()
    monkeypatch.setattr(sys, "stderr", fake)
    assert cli.main([command[0], "--setup", str(path), *command[1:]]) == 0
    assert f"\r\x1b[K{command[0]}" in fake.getvalue() and fake.getvalue().endswith("\r\x1b[K")
