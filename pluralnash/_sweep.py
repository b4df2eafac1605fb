r"""One way to spread independent tasks over workers: serially, on local processes, or on any executor.

Every sweep of the toolkit (claims and their controls in ``verify``, the phase diagram of
``report``, the settings of ``reproduce``) is a list of independent tasks, each a picklable
top-level function applied to picklable arguments.  :func:`map_tasks` runs them

- in this process (``workers=1`` and no executor: the default),
- on ``workers`` local processes (a ``ProcessPoolExecutor`` it starts and shuts down), or
- on any ``concurrent.futures.Executor`` the caller passes, e.g. a Dask ``distributed``
  client's ``client.get_executor()``, so the same sweep runs on a cluster.

Results come back in task order, so the output is identical whatever the executor or the
number of workers (each task must depend on its arguments alone, e.g. on a seed it is given).

Each task needs a process of its own: mpmath's working precision (``mp.prec``, set by
``workdps`` inside the engines) is one per process, so tasks running side by side in threads of
one process change each other's precision and results.  A ``ThreadPoolExecutor``, and a Dask
executor whose workers run several threads or live in the client's process, are refused with
that reason; start Dask workers with ``--nthreads 1`` (``LocalCluster(processes=True,
threads_per_worker=1)``).

Examples
--------
>>> from pluralnash._sweep import map_tasks
>>> map_tasks(abs, [(-2,), (3,)])
[2, 3]
"""

from __future__ import annotations

from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import InvalidArgument

__all__ = ["check_workers", "map_tasks", "pool"]


def check_workers(workers: Any) -> int | None:
    """Validate ``workers`` (None or a whole number >= 1) with a one-line error."""
    return None if workers is None else check_int(workers, "workers", low=1, example="workers=2")


_THREADS = ("runs tasks in threads of one process, which share mpmath's working precision (a process-wide "
            "setting) and would change each other's results")


def _check_executor(executor: Any) -> None:
    """Refuse what cannot run a sweep correctly: no ``map``, or tasks sharing one process in threads."""
    if executor is None:
        return
    if not isinstance(executor, Executor) and not callable(getattr(executor, "map", None)):
        raise InvalidArgument(f"executor={executor!r} has no map(); pass a concurrent.futures.Executor")
    if isinstance(executor, ThreadPoolExecutor):
        raise InvalidArgument(f"executor={executor!r} {_THREADS}; pass a ProcessPoolExecutor or workers=N")
    client = getattr(executor, "_client", None)  # a Dask distributed ClientExecutor
    if client is not None and callable(getattr(client, "nthreads", None)):
        shared = {addr: n for addr, n in client.nthreads().items() if n > 1 or addr.startswith("inproc://")}
        if shared:
            addr, n = next(iter(shared.items()))
            raise InvalidArgument(f"executor={executor!r}: Dask worker {addr} ({n} thread{'s' if n > 1 else ''}"
                                  f"{', in the client process' if addr.startswith('inproc://') else ''}) {_THREADS};"
                                  " start workers with one thread each in their own processes, e.g. "
                                  "LocalCluster(processes=True, threads_per_worker=1) or `dask worker --nthreads 1`")


@contextmanager
def pool(*, executor: Executor | None = None, workers: int | None = None,
         tasks: int | None = None) -> Iterator[Executor | None]:
    r"""The executor several sweeps share: ``executor`` itself, a local process pool, or None (serial).

    With ``workers > 1`` and no executor, a ``ProcessPoolExecutor`` of ``min(workers, tasks)``
    processes is started on entry and shut down on exit, so a command that runs several
    sweeps (``report``: claims, phase diagram, finite-K gaps) starts its processes once.  If
    the block raises (an error, Ctrl-C, SIGTERM turned into ``SystemExit``), queued tasks are
    cancelled and the pool's processes are stopped instead of finishing their work.  A
    caller's executor is never shut down here.

    Examples
    --------
    >>> with pool(workers=1) as ex:
    ...     map_tasks(abs, [(-1,), (2,)], executor=ex)
    [1, 2]
    """
    check_workers(workers)
    _check_executor(executor)
    if executor is not None or not workers or workers <= 1 or (tasks is not None and tasks <= 1):
        yield executor
        return
    from concurrent.futures import ProcessPoolExecutor

    own = ProcessPoolExecutor(max_workers=min(workers, tasks) if tasks is not None else workers)
    try:
        yield own
    except BaseException:
        # the pool's private process table is the only handle on its workers; stop them rather
        # than let a cancelled sweep finish its running tasks
        for proc in list((getattr(own, "_processes", None) or {}).values()):
            proc.terminate()
        own.shutdown(wait=False, cancel_futures=True)
        raise
    own.shutdown()


def map_tasks(fn: Callable[..., Any], args: Iterable[Sequence[Any]], *, executor: Executor | None = None,
              workers: int | None = None, progress: Callable[[int, int], None] | None = None) -> list[Any]:
    r"""``[fn(*a) for a in args]``, in order, serially or spread over an executor.

    Parameters
    ----------
    fn : callable
        A top-level (picklable) function when the tasks leave this process.
    args : iterable of argument tuples
        One tuple per task.
    executor : concurrent.futures.Executor, optional
        Any executor (process pool, Dask ``client.get_executor()``); not shut down here.
    workers : int, optional
        Without an executor: the number of local processes (1 or None = this process).
    progress : callable, optional
        ``progress(done, total)``, called as results arrive (in task order).

    Raises
    ------
    InvalidArgument
        For a bad ``workers`` or an ``executor`` without ``map``.  A task's own exception is
        raised again here (the first one in task order), whichever worker ran it.
    """
    tasks = [tuple(a) for a in args]
    with pool(executor=executor, workers=workers, tasks=len(tasks)) as ex:
        results = (fn(*a) for a in tasks) if ex is None else (ex.map(fn, *zip(*tasks)) if tasks else iter(()))
        if progress is None:
            return list(results)
        out = []
        for res in results:
            out.append(res)
            progress(len(out), len(tasks))
        return out
