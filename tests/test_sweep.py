"""pluralnash._sweep: task order, errors, executors; and the toolkit's sweeps on a process pool.

Task functions are builtins or the toolkit's own top-level functions, so they pickle into the
pool's processes whatever the start method.
"""

import json
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from pluralnash.report import figures as _figures
from pluralnash import run_claims
from pluralnash import map_tasks
from pluralnash._sweep import pool
from pluralnash.numeric.model.fileio import json_default as _json_default
from pluralnash.theory import InvalidArgument

TASKS = [(b, e, 1_000_003) for b, e in zip(range(2, 14), range(40, 52))]


class Recording(Executor):
    """Runs tasks in this process, recording that map was called (the sweep used this executor)."""

    def __init__(self):
        self.calls = 0
        self.closed = False

    def map(self, fn, *iterables, **kwargs):
        self.calls += 1
        return map(fn, *iterables)

    def shutdown(self, wait=True, **kwargs):
        self.closed = True


def same(a, b):
    dump = lambda x: json.dumps(x, default=_json_default, sort_keys=True)  # noqa: E731
    return dump(a) == dump(b)


def test_serial_run_is_the_list_comprehension():
    assert map_tasks(pow, TASKS) == [pow(*t) for t in TASKS]
    assert map_tasks(pow, []) == [] and map_tasks(pow, [], workers=2) == []


def test_results_come_back_in_task_order_on_local_processes():
    expected = [pow(*t) for t in TASKS]
    assert map_tasks(pow, TASKS, workers=2) == expected
    assert map_tasks(pow, iter(TASKS), workers=3) == expected  # any iterable of tuples
    with ProcessPoolExecutor(max_workers=2) as ex:
        assert map_tasks(pow, TASKS, executor=ex) == expected
        assert map_tasks(divmod, [(7, 2), (9, 4)], executor=ex) == [(3, 1), (2, 1)]  # the caller's pool lives on


def test_a_given_executor_is_used_and_not_shut_down():
    ex = Recording()
    assert map_tasks(pow, TASKS, executor=ex, workers=4) == [pow(*t) for t in TASKS]
    assert ex.calls == 1 and not ex.closed
    with pool(executor=ex, workers=4) as got:
        assert got is ex
    assert not ex.closed


def test_pool_starts_processes_only_when_asked_and_shuts_them_down():
    for kwargs in ({}, {"workers": 1}, {"workers": 2, "tasks": 1}):
        with pool(**kwargs) as ex:
            assert ex is None, kwargs
    with pool(workers=2) as ex:
        assert isinstance(ex, ProcessPoolExecutor)
        assert map_tasks(pow, TASKS, executor=ex) == [pow(*t) for t in TASKS]
    with pytest.raises(RuntimeError):  # shut down on exit
        ex.submit(pow, 2, 3)


def test_an_error_in_the_block_stops_the_pool_and_propagates():
    with pytest.raises(KeyboardInterrupt):
        with pool(workers=2) as ex:
            ex.submit(pow, 2, 3).result()
            procs = list(ex._processes.values())
            raise KeyboardInterrupt
    for proc in procs:
        proc.join(timeout=30)
        assert _gone(proc.pid, timeout=30)


def _gone(pid: int, timeout: float) -> bool:
    """Whether the process ended (exited, or a zombie awaiting its reaper) within ``timeout`` seconds.

    ``Process.is_alive()`` cannot tell: when the pool's own thread reaps the worker first, the
    test's waitpid fails and multiprocessing reports the dead process as alive.
    """
    import os
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("workers", [None, 2])
def test_a_task_error_is_raised_in_the_caller(workers):
    with pytest.raises(ValueError, match="'x'"):
        map_tasks(int, [("1",), ("x",), ("3",)], workers=workers)


@pytest.mark.parametrize("kwargs, message", [
    ({"workers": 0}, "workers=0 must be a whole number >= 1"),
    ({"workers": -2}, "workers=-2 must be"),
    ({"workers": 1.5}, "workers=1.5 must be"),
    ({"workers": True}, "workers=True must be"),
    ({"workers": "2"}, "workers='2' must be"),
    ({"executor": object()}, "has no map()"),
    ({"executor": ThreadPoolExecutor(max_workers=2)}, "share mpmath's working precision"),
])
def test_bad_arguments_are_one_line_errors(kwargs, message):
    for call in (lambda: map_tasks(pow, TASKS, **kwargs),
                 lambda: _figures.phase_data(2, 2, **kwargs),
                 lambda: run_claims(["lemma-3.1"], profile="quick", **kwargs)):
        with pytest.raises(InvalidArgument, match=message) as info:
            call()
        assert "\n" not in str(info.value)


# -- the toolkit's sweeps give the same results on a process pool -----------------------------------


def test_phase_diagram_and_finite_k_are_the_same_on_a_process_pool():
    with ProcessPoolExecutor(max_workers=2) as ex:
        phase = [_figures.phase_data(5, 3, executor=ex), _figures.phase_data(5, 3, workers=2)]
        finite = _figures.finite_k_data((8, 32), executor=ex)
    serial = _figures.phase_data(5, 3)
    assert serial["cells"] == serial["agree"] == serial["certified"] == 15
    assert all(same(p, serial) for p in phase)
    assert same(finite, _figures.finite_k_data((8, 32)))
    # the comparison sees a changed grid (negative control)
    assert not same(_figures.phase_data(5, 3, max_gap=3.0), serial)


def test_claims_are_the_same_on_a_process_pool():
    claims = ["lemma-3.1", "theorem-3.7~alpha-q-squared"]
    serial = [r.to_json() for r in run_claims(claims, profile="quick", seed=3)]
    with ProcessPoolExecutor(max_workers=2) as ex:
        spread = [r.to_json() for r in run_claims(claims, profile="quick", seed=3, executor=ex)]
    assert same(spread, serial)
    assert [c["verdict"] for c in serial] == ["PROVED", "FALSIFIED"]

