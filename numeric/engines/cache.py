r"""One cache for results computed per setup, in the numeric layer.

A premise, a scan of the dynamics or a limit solve is a function of a setup (a :class:`Landscape`,
immutable) and a few hashable keywords; several checks of one setup ask for the same result.
:func:`per_setup` keeps the last ``maxsize`` results, least recently used first out, keyed by the
setup object's identity (guarded by a weak reference, so a reused ``id`` cannot alias) and the other
arguments.  Keying by identity costs nothing per call: hashing a setup of 10^4 atoms reads every
number in it, and setups with unhashable atom labels (coordinate lists) are cached too.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from typing import Any, Callable, NamedTuple

__all__ = ["per_setup"]


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


def per_setup(maxsize: int = 512) -> Callable:
    """Cache ``fn(setup, *args, **kwargs)`` for the ``maxsize`` most recently used setups and arguments.

    The wrapper has ``cache_clear()`` and ``cache_info()`` as :func:`functools.lru_cache` gives them.
    """
    def decorate(fn: Callable) -> Callable:
        entries: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
        lock = threading.Lock()
        counts = [0, 0]  # hits, misses

        @functools.wraps(fn)
        def wrapper(setup, *args, **kwargs):
            key = (id(setup), args, tuple(sorted(kwargs.items())))
            with lock:
                hit = entries.get(key)
                if hit is not None and hit[0]() is setup:
                    entries.move_to_end(key)
                    counts[0] += 1
                    return hit[1]
                counts[1] += 1
            value = fn(setup, *args, **kwargs)
            with lock:
                entries[key] = (weakref.ref(setup), value)
                entries.move_to_end(key)
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return value

        def cache_clear() -> None:
            with lock:
                entries.clear()
                counts[:] = [0, 0]

        wrapper.cache_clear = cache_clear
        wrapper.cache_info = lambda: CacheInfo(counts[0], counts[1], maxsize, len(entries))
        return wrapper
    return decorate
