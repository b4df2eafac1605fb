"""Hypothesis profiles, chosen with HYPOTHESIS_PROFILE=dev|ci|thorough (default: dev, or ci under CI).

`dev` and `thorough` draw at random; pin their seed with Hypothesis's own option, e.g.
`HYPOTHESIS_PROFILE=dev python -m pytest --hypothesis-seed=1234 tests/properties` (CI does this with a
seed from $RANDOM and prints it).  `ci` is derandomised: the same draws on every run.
"""

import os

import pytest

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True, scope="session")
def _certificate_cache(tmp_path_factory):
    """Symbolic certificates are cached on disk: the tests keep theirs in a temporary folder, never the user's."""
    previous = os.environ.get("PLURALNASH_CACHE_DIR")
    os.environ["PLURALNASH_CACHE_DIR"] = str(tmp_path_factory.mktemp("certificate-cache"))
    yield
    if previous is None:
        os.environ.pop("PLURALNASH_CACHE_DIR", None)
    else:
        os.environ["PLURALNASH_CACHE_DIR"] = previous


# -- running as an ordinary user ------------------------------------------------------------------------
# Root ignores permission bits (capability CAP_DAC_OVERRIDE), so a read-only folder is writable to a
# test suite running as root.  `unprivileged()` drops that capability and CAP_DAC_READ_SEARCH from the
# calling thread's effective set for the duration of a `with` block (they stay permitted, so they
# come back); for any other user it does nothing.

import contextlib
import ctypes
import ctypes.util
import sys

_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _capabilities(libc, new=None):
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    if new is not None:
        data[0].effective = new
        if libc.capset(ctypes.byref(header), data) != 0:
            raise OSError(ctypes.get_errno(), "capset failed")
    return data[0].effective


@contextlib.contextmanager
def _without_root_override():
    if os.geteuid() != 0:
        yield
        return
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root on a system where the test cannot drop CAP_DAC_OVERRIDE; "
                    "permission bits do not bind root")
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        before = _capabilities(libc)
        _capabilities(libc, before & ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH)))
    except (OSError, AttributeError) as exc:
        pytest.skip(f"running as root and the capabilities cannot be changed here ({exc}); permission bits do "
                    f"not bind root")
    try:
        yield
    finally:
        _capabilities(libc, before)


@pytest.fixture
def unprivileged():
    """A context manager under which permission bits bind this thread, also when it runs as root."""
    return _without_root_override


def _run_doctests(name: str) -> None:
    import doctest
    import importlib

    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no docstring examples"
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples of {name} fail"


@pytest.fixture
def run_doctests():
    """A function running a module's docstring examples (by its dotted name) and asserting that there
    are some and that they all pass."""
    return _run_doctests


def _claim_verdict_with_controls(claim_id: str, verdict):
    """Run a claim (quick profile): assert its verdict and that every control fell; for a FALSIFIED claim
    re-check the counterexample and return that certified failing check (else None)."""
    from pluralnash import ClaimVerdict, Verdict, check_claim, run_claim

    rep = run_claim(claim_id, profile="quick")
    assert rep.verdict is verdict, rep.reason
    assert rep.power[0] == rep.power[1] >= 2, [(c.claim.id, c.reason) for c in rep.controls]
    if verdict is not ClaimVerdict.FALSIFIED:
        return None
    again = check_claim(claim_id, rep.counterexample)
    assert again.conclusion.verdict is Verdict.FAILS and again.conclusion.certified
    return again


@pytest.fixture
def claim_verdict_with_controls():
    """``(claim_id, verdict) -> None or the certified failing check``: see :func:`_claim_verdict_with_controls`."""
    return _claim_verdict_with_controls


@pytest.fixture(scope="session")
def quick_report():
    """``claim_id -> run_claim(claim_id, profile="quick")``, run once per claim in a session."""
    import functools

    from pluralnash import run_claim

    return functools.lru_cache(maxsize=None)(lambda claim_id: run_claim(claim_id, profile="quick"))


@pytest.fixture
def run_cli(capsys):
    """``run_cli(*argv) -> (exit status, stdout, stderr)`` of ``pluralnash`` (argparse's own exits included)."""
    from pluralnash.cli import main

    def run(*argv):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's own errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err
    return run
