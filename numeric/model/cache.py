r"""One cache for work done per setup: bounded, keyed by the setup's value.

A :class:`~pluralnash.numeric.model.landscape.Landscape` is a frozen dataclass whose fields are
normalised when it is built (numbers as Fractions, vectors and coordinate-list atom labels as tuples),
so equal setups hash equally and a setup read twice from the same file hits the same entry.  The key
is the setup itself and the other arguments, never ``id()`` (an id is reused once its object is
freed, so an id-keyed entry can answer for another setup).

:func:`per_setup` is ``functools.lru_cache`` with a bound that must be given, plus one rule: a setup
that cannot be hashed (a duck-typed object of the caller's) is computed afresh instead of failing.

Examples
--------
>>> from pluralnash.numeric import Landscape
>>> calls = []
>>> @per_setup(maxsize=2)
... def atoms(setup):
...     calls.append(1)
...     return setup.n
>>> atoms(Landscape(exp_rewards=[[1, 2]])), atoms(Landscape(exp_rewards=[[1, 2]])), len(calls)
(2, 2, 1)
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from pluralnash.numeric.model.validate import check_int

__all__ = ["per_setup"]

F = TypeVar("F", bound=Callable[..., Any])


def per_setup(maxsize: int) -> Callable[[F], F]:
    r"""Cache ``fn(setup, *args, **kwargs)`` on the setup's value and the arguments, at most ``maxsize`` entries.

    Parameters
    ----------
    maxsize : int
        The bound (>= 1): the least recently used entry is dropped beyond it.

    Returns
    -------
    decorator
        The wrapped function keeps ``cache_clear()`` and ``cache_info()`` of ``functools.lru_cache``.
    """
    check_int(maxsize, "maxsize", low=1, example="maxsize=64")

    def decorate(fn: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def wrapper(setup: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return cached(setup, *args, **kwargs)
            except TypeError:
                try:
                    hash(setup)
                except TypeError:
                    return fn(setup, *args, **kwargs)
                raise  # the TypeError came from fn itself, or from an unhashable argument
        wrapper.cache_clear, wrapper.cache_info = cached.cache_clear, cached.cache_info  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]
    return decorate
