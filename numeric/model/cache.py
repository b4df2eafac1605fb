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
from pluralnash.theory import InvalidArgument

__all__ = ["per_setup"]

F = TypeVar("F", bound=Callable[..., Any])


class _Keyed:
    """A setup standing for every setup with the same ``key``: hashed and compared by the key alone."""

    __slots__ = ("setup", "key", "_hash")

    def __init__(self, setup: Any, key: Any):
        self.setup, self.key, self._hash = setup, key, hash(key)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Keyed) and self.key == other.key


def per_setup(maxsize: int, *, key: Callable[[Any], Any] | None = None) -> Callable[[F], F]:
    r"""Cache ``fn(setup, *args, **kwargs)`` on the setup's value and the arguments, at most ``maxsize`` entries.

    Parameters
    ----------
    maxsize : int
        The bound (>= 1): the least recently used entry is dropped beyond it.
    key : callable, optional
        ``key(setup)`` -> a hashable value; when given, the cache is keyed on it instead of the whole
        setup, so setups that differ only in fields ``fn`` never reads share one entry.  It must hold
        everything ``fn``'s result depends on (``fn`` then returns equal results for equal keys).

    Returns
    -------
    decorator
        The wrapped function keeps ``cache_clear()`` and ``cache_info()`` of ``functools.lru_cache``.

    Examples
    --------
    >>> from pluralnash.numeric import Landscape
    >>> calls = []
    >>> @per_setup(maxsize=4, key=lambda s: s.exp_rewards)
    ... def top(setup):
    ...     calls.append(1)
    ...     return max(setup.exp_rewards[0])
    >>> top(Landscape(exp_rewards=[[1, 2]], exp_eps="1/2")), top(Landscape(exp_rewards=[[1, 2]], exp_eps="1/3"))
    (Fraction(2, 1), Fraction(2, 1))
    >>> len(calls)
    1
    """
    check_int(maxsize, "maxsize", low=1, example="maxsize=64")
    if key is not None and not callable(key):
        raise InvalidArgument(f"key={key!r} must be a function of the setup; pass e.g. key=lambda s: s.p0")

    def decorate(fn: F) -> F:
        if key is None:
            cached = functools.lru_cache(maxsize=maxsize)(fn)
        else:
            # a setup's key is computed (and hashed) once per setup value, then found by the setup's own hash
            keyed = functools.lru_cache(maxsize=maxsize)(lambda setup: _Keyed(setup, key(setup)))
            by_key = functools.lru_cache(maxsize=maxsize)(lambda k, *a, **kw: fn(k.setup, *a, **kw))

            def cached(setup: Any, *args: Any, **kwargs: Any) -> Any:
                return by_key(keyed(setup), *args, **kwargs)

            def clear() -> None:
                keyed.cache_clear()
                by_key.cache_clear()
            cached.cache_clear, cached.cache_info = clear, by_key.cache_info  # type: ignore[attr-defined]

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

