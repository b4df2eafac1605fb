"""The on-disk cache of symbolic certificates: hit, miss on a source change, corrupt files, --no-cache."""

import json

import pytest

from pluralnash import _certcache
from pluralnash._certcache import cache_dir, cached_certificate, source_key
from pluralnash.cli import main
from pluralnash.theory import CheckResult, Verdict


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(_certcache.ENV_VAR, str(folder))
    monkeypatch.delenv(_certcache.NO_CACHE_VAR, raising=False)
    return folder


class Counting:
    """A symbolic route that counts how often it is computed."""

    def __init__(self, verdict=Verdict.HOLDS):
        self.calls, self.verdict = 0, verdict

    def __call__(self):
        self.calls += 1
        return CheckResult("proof", self.verdict, "symbolic", {"cited": ["x"], "checked": [], "n": 1})


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(_certcache.ENV_VAR, str(tmp_path / "a"))
    assert cache_dir() == tmp_path / "a"
    monkeypatch.delenv(_certcache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "pluralnash"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")   # not absolute: ignored, as the XDG spec says
    assert cache_dir().name == "pluralnash" and cache_dir().parent.name == ".cache"


def test_miss_then_hit_returns_the_same_certificate(cache):
    route = Counting()
    cold, hit_cold = cached_certificate("t-claim", route)
    warm, hit_warm = cached_certificate("t-claim", route)
    assert (route.calls, hit_cold, hit_warm) == (1, False, True)
    assert warm.to_json() == cold.to_json() and warm.verdict is Verdict.HOLDS
    stored = json.loads((cache / "symbolic" / "t-claim.json").read_text())
    assert stored["key"] == source_key("t-claim", route) and stored["result"]["verdict"] == "HOLDS"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not [p for p in (cache / "symbolic").iterdir() if p.name.startswith(".")]


def test_a_changed_source_file_is_a_miss(cache, tmp_path, monkeypatch):
    extra = tmp_path / "derivation.py"
    extra.write_text("A = 1\n")
    real = _certcache._theory_files()
    monkeypatch.setattr(_certcache, "_theory_files", lambda: real + [str(extra)])
    route = Counting()
    cached_certificate("t-src", route)
    cached_certificate("t-src", route)
    assert route.calls == 1
    extra.write_text("A = 2\n")
    _certcache._file_digest.cache_clear()
    _, hit = cached_certificate("t-src", route)
    assert route.calls == 2 and hit is False
    # and the other claim ids, versions and callables have keys of their own
    assert source_key("t-src", route) != source_key("t-other", route)


@pytest.mark.parametrize("garbage", ["", "{not json", "[]", '{"key": "wrong", "result": {}}', None])
def test_a_corrupt_or_stale_file_is_ignored_and_rewritten(cache, garbage):
    route = Counting()
    cached_certificate("t-bad", route)
    path = cache / "symbolic" / "t-bad.json"
    if garbage is None:   # right key, a result that is not a certificate
        data = json.loads(path.read_text())
        data["result"]["verdict"] = "PROBABLY"
        path.write_text(json.dumps(data))
    else:
        path.write_text(garbage)
    res, hit = cached_certificate("t-bad", route)
    assert (route.calls, hit, res.verdict) == (2, False, Verdict.HOLDS)
    assert json.loads(path.read_text())["result"]["verdict"] == "HOLDS"


def test_parallel_writers_leave_one_valid_file(cache):
    from concurrent.futures import ThreadPoolExecutor

    routes = [Counting() for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as ex:
        results = list(ex.map(lambda r: cached_certificate("t-race", r)[0], routes))
    assert all(r.to_json() == results[0].to_json() for r in results)
    files = sorted(p.name for p in (cache / "symbolic").iterdir())
    assert files == ["t-race.json"]   # no temporary file left behind
    assert json.loads((cache / "symbolic" / "t-race.json").read_text())["result"]["verdict"] == "HOLDS"


def test_no_cache_neither_reads_nor_writes(cache, monkeypatch):
    route = Counting()
    cached_certificate("t-off", route, use_cache=False)
    assert route.calls == 1 and not cache.exists()
    cached_certificate("t-off", route)
    monkeypatch.setenv(_certcache.NO_CACHE_VAR, "1")
    _, hit = cached_certificate("t-off", route)
    assert route.calls == 3 and hit is False


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(_certcache.ENV_VAR, str(blocker / "cache"))
    route = Counting()
    res, hit = cached_certificate("t-ro", route)
    assert res.verdict is Verdict.HOLDS and hit is False


def test_verify_no_cache_recomputes_and_cold_equals_warm(cache, capsys):
    args = ["verify", "mixing-floor", "--profile", "quick", "--quiet", "--json", "-"]
    assert main(args + ["--no-cache"]) == 0
    uncached = json.loads(capsys.readouterr().out)
    assert not (cache / "symbolic").exists()
    assert main(args) == 0
    cold = json.loads(capsys.readouterr().out)
    path = cache / "symbolic" / "mixing-floor.json"
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    assert main(args) == 0
    warm = json.loads(capsys.readouterr().out)
    assert path.stat().st_mtime_ns == stamp          # read, not rewritten
    assert uncached == cold == warm
    assert warm["claims"][0]["verdict"] == "PROVED" and warm["claims"][0]["basis"]["kind"] == "symbolic"


def test_report_no_cache_recomputes_and_restores_the_environment(cache, tmp_path, capsys):
    import os

    out = tmp_path / "report"
    assert main(["report", "mixing-floor", "--out", str(out), "--profile", "quick", "--quiet", "--no-cache"]) == 0
    capsys.readouterr()
    assert not (cache / "symbolic").exists() and _certcache.NO_CACHE_VAR not in os.environ
    data = json.loads((out / "report.json").read_text())
    assert data["claims"][0]["verdict"] == "PROVED"
