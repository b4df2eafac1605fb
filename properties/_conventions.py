r"""Hypothesis's conventions for pluralnash's strategies: lazy argument checks, readable reprs,
one error class, and registration for ``st.from_type``.

- A bad argument raises :class:`StrategyArgumentError`, which is both Hypothesis's
  ``hypothesis.errors.InvalidArgument`` and pluralnash's :class:`~pluralnash.theory.InvalidArgument`
  (a ``ValueError``), so ``pytest.raises`` of either catches it.
- As with Hypothesis's own strategies, the arguments are checked at first use (``validate()``,
  a draw, ``example()``), not when the strategy is built: defining a strategy at module level
  with a bad argument fails the tests that use it, not the import.
- The repr is the call that built it, e.g. ``landscapes(max_atoms=4)``.
- ``pluralnash._hypothesis_hook`` is the ``hypothesis`` entry point (``pyproject.toml``), which
  Hypothesis calls on import, so ``st.from_type(Landscape)`` works without importing
  :mod:`pluralnash.properties` first.

The deferral uses Hypothesis's ``LazyStrategy`` (what its own ``@defines_strategy`` wraps every
strategy in: repr from the call, the body run at first use); if a Hypothesis release moves it,
``st.deferred`` takes over, with the same laziness and a plainer repr.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from hypothesis import errors as _errors
from hypothesis import strategies as st

from pluralnash.theory import InvalidArgument

__all__ = ["StrategyArgumentError", "defines_strategy"]


class StrategyArgumentError(_errors.InvalidArgument, InvalidArgument):
    """A bad argument to a pluralnash strategy: Hypothesis's InvalidArgument and pluralnash's."""


def _checked(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def build(*args: Any, **kwargs: Any):
        try:
            return fn(*args, **kwargs)
        except StrategyArgumentError:
            raise
        except InvalidArgument as exc:
            raise StrategyArgumentError(str(exc)) from None
    return build


def defines_strategy(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Make a strategy function lazy, with a call-shaped repr and the dual error class.

    Examples
    --------
    >>> from pluralnash.properties import landscapes
    >>> landscapes(max_atoms=4)
    landscapes(max_atoms=4)
    >>> bad = landscapes(max_atoms=0)          # nothing is checked yet
    >>> try:
    ...     bad.validate()
    ... except StrategyArgumentError as exc:
    ...     print(type(exc).__mro__[1].__module__, "|", str(exc)[:40])
    hypothesis.errors | max_atoms=0 must be >= 1; pass max_atoms
    """
    checked = _checked(fn)
    try:
        from hypothesis.strategies._internal.lazy import LazyStrategy
    except ImportError:  # pragma: no cover - a Hypothesis without LazyStrategy
        LazyStrategy = None

    @functools.wraps(fn)
    def strategy(*args: Any, **kwargs: Any):
        if LazyStrategy is not None:
            return LazyStrategy(checked, args, kwargs)
        return st.deferred(lambda: checked(*args, **kwargs))  # pragma: no cover
    strategy.__wrapped__ = fn
    return strategy
