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

Examples
--------
>>> from pluralnash._sweep import map_tasks
>>> map_tasks(abs, [(-2,), (3,)])
[2, 3]
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Any, Callable, Iterable, Sequence

from pluralnash.theory import InvalidArgument

__all__ = ["check_workers", "map_tasks"]


def check_workers(workers: Any) -> int | None:
    """Validate ``workers`` (None or a whole number >= 1) with a one-line error."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InvalidArgument(f"workers={workers!r} must be a whole number >= 1; pass e.g. workers=2")
    return workers


def map_tasks(fn: Callable[..., Any], args: Iterable[Sequence[Any]], *, executor: Executor | None = None,
              workers: int | None = None) -> list[Any]:
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
    """
    check_workers(workers)
    if executor is not None and not isinstance(executor, Executor) and not hasattr(executor, "map"):
        raise InvalidArgument(f"executor={executor!r} has no map(); pass a concurrent.futures.Executor")
    tasks = [tuple(a) for a in args]
    own = None
    if executor is None and workers and workers > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        executor = own = ProcessPoolExecutor(max_workers=min(workers, len(tasks)))
    try:
        if executor is None:
            return [fn(*a) for a in tasks]
        columns = list(zip(*tasks)) if tasks else []
        return list(executor.map(fn, *columns)) if tasks else []
    finally:
        if own is not None:
            own.shutdown()
