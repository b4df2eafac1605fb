r"""How the claim families declare their float64 screens, without loading numpy or Hypothesis.

A family's screen module writes ``batch(rng, count, n, **options)``: ``count`` setups with ``n``
atoms as one :class:`pluralnash.properties.Screened`.  :func:`over_sizes` turns it into a claim's
``screen=`` field; the modules it needs are imported when the screen runs, so declaring a claim stays
cheap (as with :mod:`pluralnash.claims._declare`).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

__all__ = ["over_sizes"]


def over_sizes(batch: Callable[..., Any], sizes: Sequence[int], **options: Any) -> Callable[[Any, int], Any]:
    r"""A screen splitting its ``count`` setups evenly over the atom counts ``sizes``, each screened
    by ``batch(rng, count, n, **options)``, joined in order.

    Examples
    --------
    >>> from pluralnash.properties import Screened
    >>> def batch(rng, count, n, scale=1.0):
    ...     return Screened([scale * n] * count, lambda i: n)
    >>> screen = over_sizes(batch, (2, 3), scale=0.5)
    >>> screen.__name__, screen(None, 5).margins.tolist()
    ('batch(sizes=(2, 3), scale=0.5)', [1.0, 1.0, 1.0, 1.5, 1.5])
    """
    def screen(rng, count: int):
        from pluralnash.properties._screen import joined

        k = len(sizes)
        return joined([batch(rng, count // k + (j < count % k), n, **options) for j, n in enumerate(sizes)])

    shown = ", ".join([f"sizes={tuple(sizes)!r}"] + [f"{key}={value!r}" for key, value in options.items()])
    screen.__name__ = screen.__qualname__ = f"{batch.__name__}({shown})"
    return screen
