r"""Small factories for claim declarations: a symbolic route named by its derivation, a strategy
named by its Hypothesis strategy, a planted control named by the false formula it gives the claim's
own conclusion check.

Both import lazily, on call: declaring a claim loads neither sympy (:mod:`pluralnash.theory`'s
derivations) nor Hypothesis (:mod:`pluralnash.properties`), so importing a claim family stays cheap.

Examples
--------
>>> route = certified("derive_lemma_3_2_bounds")
>>> route.__qualname__
"certified('derive_lemma_3_2_bounds')"
>>> strategy = drawn("landscapes", max_atoms=4, max_rewards=2)
>>> strategy
landscapes(max_atoms=4, max_rewards=2)
>>> either(strategy, drawn("two_basin_landscapes", exact=True))
one_of(landscapes(max_atoms=4, max_rewards=2), two_basin_landscapes(exact=True))
>>> plant("rate-squared", "the rate squared", rate=abs).check_keywords
{'rate': <built-in function abs>}
"""

from __future__ import annotations

import functools
import importlib
from typing import Any, Callable

from pluralnash._registry import Claim, Variant
from pluralnash.theory import InvalidArgument

__all__ = ["Family", "certified", "drawn", "either", "exact_and_not", "integers", "plant"]

THEORY = "pluralnash.theory"
PROPERTIES = "pluralnash.properties"
HYPOTHESIS = "hypothesis.strategies"
# the strategy modules of pluralnash.properties that the families draw from
STRATEGIES_BASINS = "pluralnash.properties._strategies_basins"
STRATEGIES_BEYOND = "pluralnash.properties._strategies_beyond"
STRATEGIES_CONTINUOUS = "pluralnash.properties._strategies_continuous"
STRATEGIES_MIXING = "pluralnash.properties._strategies_mixing"
STRATEGIES_PLATEAU = "pluralnash.properties._strategies_plateau"


def _named(fn: Callable, label: str) -> Callable:
    fn.__name__ = fn.__qualname__ = label
    return fn


def certified(name: str, *args: Any, module: str = THEORY, cache: bool = False) -> Callable[[], Any]:
    r"""A symbolic route: ``module.name`` imported on call; a ``derive_*`` result is certified
    (``derive_X().certify()``), a ``certify_*`` function is called with ``args`` (``certify_X(*args)``).

    ``cache=True`` computes the certificate once per process (for a derivation that several claims share).
    """
    def run():
        fn = getattr(importlib.import_module(module), name)
        return fn(*args) if name.startswith("certify_") else fn(*args).certify()

    label = f"certified({', '.join(map(repr, (name, *args)))})"
    return _named(functools.lru_cache(maxsize=None)(run) if cache else run, label)


def _resolve(value: Any) -> Any:
    return value() if isinstance(value, _Drawn) else value


class _Drawn:
    """A strategy built on call from its module's function and arguments (themselves resolved when lazy)."""

    __slots__ = ("module", "name", "args", "kwargs", "__name__", "__qualname__")

    def __init__(self, module: str, name: str, args: tuple, kwargs: dict):
        self.module, self.name, self.args, self.kwargs = module, name, args, kwargs
        shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        self.__name__ = self.__qualname__ = f"{name}({', '.join(shown)})"

    def __repr__(self) -> str:
        return self.__qualname__

    def __call__(self):
        fn = getattr(importlib.import_module(self.module), self.name)
        return fn(*map(_resolve, self.args), **{k: _resolve(v) for k, v in self.kwargs.items()})


def drawn(name: str, *args: Any, module: str = PROPERTIES, **kwargs: Any) -> Callable[[], Any]:
    r"""A strategy route: ``module.name(*args, **kwargs)`` built on call; an argument that is itself
    lazy (:func:`drawn`, :func:`integers`, :func:`either`) is built first."""
    return _Drawn(module, name, args, kwargs)


def exact_and_not(name: str, *, module: str = PROPERTIES, **kwargs: Any) -> tuple[Callable[[], Any], ...]:
    """The strategy ``name`` drawing rational rewards (``exact=True``) and then not (``exact=False``)."""
    return drawn(name, **kwargs, exact=True, module=module), drawn(name, **kwargs, exact=False, module=module)


def integers(min_value: int, max_value: int) -> Callable[[], Any]:
    """``hypothesis.strategies.integers(min_value, max_value)``, built on call."""
    return _Drawn(HYPOTHESIS, "integers", (min_value, max_value), {})


def either(*strategies: Callable[[], Any]) -> Callable[[], Any]:
    """``hypothesis.strategies.one_of`` of lazy strategies, built on call."""
    return _Drawn(HYPOTHESIS, "one_of", strategies, {})


def plant(suffix: str, text: str, **formula: Any) -> Variant:
    r"""The control ``suffix`` (``text`` says what was changed) that decides the claim's own conclusion
    check with a planted false formula: its instance route is ``claim.instance(setup, **formula)``.

    The claim's ``instance`` is then the check itself (``instance=check_x``), which takes the formula
    as a keyword; a control that changes more than the check's formula is a :class:`Variant`.
    """
    if not formula:
        raise InvalidArgument(f"plant({suffix!r}, ...) gives the check no planted formula, so the control would be "
                              f"the claim itself; pass the check's keyword that plants it (e.g. rate=...)")
    return Variant(suffix, text, check_keywords=formula)


class Family:
    r"""What the claims of one family share: the dynamics they are about (``models``) and the module of
    their derivations (``theory``), so that each declaration states only its own fields.

    :meth:`claim` takes :class:`~pluralnash._registry.Claim`'s fields and ``derivation="derive_x"``: the
    symbolic route ``certified("derive_x", module=theory, cache=cache)``, partial evidence
    (``symbolic_covers=False``) unless the claim says ``symbolic_covers=True``.

    Examples
    --------
    >>> demo = Family(("mixing",), "pluralnash.theory._mixing")
    >>> c = demo.claim(id="demo", source="src", statement="s", premises=(), conclusion="c",
    ...                derivation="derive_mixing_fixed_point")
    >>> c.models, c.symbolic.__name__, c.symbolic_covers
    (('mixing',), "certified('derive_mixing_fixed_point')", False)
    """

    __slots__ = ("models", "theory", "cache")

    def __init__(self, models: tuple[str, ...], theory: str = THEORY, *, cache: bool = False):
        self.models, self.theory, self.cache = models, theory, cache

    def claim(self, *, derivation: str | None = None, **fields: Any) -> Claim:
        """A claim of this family (see the class)."""
        if derivation is not None:
            fields = {"symbolic": certified(derivation, module=self.theory, cache=self.cache),
                      "symbolic_covers": False, **fields}
        return Claim(**{"models": self.models, **fields})
