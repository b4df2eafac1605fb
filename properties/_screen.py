r"""Float64 screening of the staged falsifier: many setups ranked in floats, few certified.

Definitions and conventions
---------------------------
A *screen* is a claim's optional ``screen`` field: a callable ``screen(rng, count)`` that draws
(or enumerates) ``count`` setups of the claim's family from the numpy ``Generator`` ``rng``
(seeded by the search's seed), computes each one's *float margin* in float64, vectorised
(positive while the conclusion seems to hold with room), and returns a :class:`Screened`:
the margins and a way to build the i-th setup as an exact setup (rationalised: every number a
``Fraction``).

The screening stage of :func:`pluralnash.properties.search_counterexample` takes the ``keep``
setups of smallest float margin and decides each with the claim's own certified premise and
conclusion checks, like every other stage.  A float margin is never evidence: it only chooses
which setups are certified.  numpy is optional (the ``fast`` extra); without it the stage is
skipped and says so.

Helpers for writing screens of finite landscapes: :func:`rng_for` (the generator of a seed),
:func:`simplex_rows` (random points of simplices, some coordinates tiny or zero),
:func:`exact_landscape` (one row of a batch as an exact :class:`~pluralnash.numeric.Landscape`),
:func:`screened_landscapes` (a batch's margins with that builder) and :func:`smallest` (the
indices of the smallest margins).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

__all__ = ["Screened", "numpy_or_none", "rng_for", "simplex_rows", "exact_landscape", "screened_landscapes",
           "smallest", "joined", "simplex_exact", "NO_NUMPY"]

NO_NUMPY = "skipped: numpy is not installed (pip install 'pluralnash[fast]')"


@dataclass(frozen=True)
class Screened:
    r"""What a screen returns: float64 margins of the setups it screened, and their builder.

    Attributes
    ----------
    margins : array of float
        One float margin per screened setup (NaN: not defined; never a candidate).
    build : callable
        index -> the setup as exact numbers (or None when it cannot be built, e.g. rationalising
        broke a premise the screen assumed); decided afterwards by the claim's own checks.
    """

    margins: Any
    build: Callable[[int], Any]


def numpy_or_none():
    """The numpy module, or None when it is not installed."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def rng_for(seed: int):
    """The numpy Generator a screen draws from for the search's ``seed`` (PCG64, seeded by it alone)."""
    import numpy as np

    return np.random.default_rng([seed, 0x5C4EE2])


def simplex_rows(rng, count: int, n: int, *, sparse: float = 0.25):
    r"""``count`` random points of the n-simplex (rows), each coordinate zeroed with probability
    ``sparse`` (never all of a row) or made tiny (about 10^-7) with the same probability.

    Examples
    --------
    >>> P = simplex_rows(rng_for(0), 5, 3)
    >>> P.shape, bool(abs(P.sum(axis=1) - 1).max() < 1e-12), bool((P >= 0).all())
    ((5, 3), True, True)
    """
    import numpy as np

    x = rng.exponential(size=(count, n))
    u = rng.random(size=(count, n))
    x = np.where(u < sparse, 0.0, np.where(u < 2 * sparse, 1e-7 * x, x))
    empty = x.sum(axis=1) == 0
    x[empty, 0] = 1.0
    return x / x.sum(axis=1, keepdims=True)


def simplex_exact(values: Sequence[float], digits: int) -> tuple[Fraction, ...] | None:
    from pluralnash.properties._refine import rational

    fr = [rational(float(v), digits) if v > 0 else Fraction(0) for v in values]
    total = sum(fr, Fraction(0))
    if total <= 0 or any(v < 0 for v in fr):
        return None
    return tuple(v / total for v in fr)


def exact_landscape(w_rows: Sequence[Sequence[float]], weights: Sequence[float], p0: Sequence[float], *,
                    digits: int = 4, **fields: Any):
    r"""An exact :class:`~pluralnash.numeric.Landscape` (``exp_rewards`` form) from float rows.

    Every float becomes a decimal rational with ``digits`` significant digits (a zero mass stays
    0); ``weights`` and ``p0`` are renormalised exactly.  ``fields`` are passed on (``exp_eps``,
    ``K``, ...).  None when the numbers make no valid landscape.

    Examples
    --------
    >>> L = exact_landscape([[1.0, 0.123456]], [1.0], [0.3, 0.7], exp_eps=Fraction(1, 2))
    >>> [str(v) for v in L.exp_rewards[0]], [str(v) for v in L.p0]
    (['1', '247/2000'], ['3/10', '7/10'])
    """
    from pluralnash.numeric import Landscape
    from pluralnash.properties._refine import rational

    rows = [[rational(float(v), digits) for v in row] for row in w_rows]
    q, p = simplex_exact(weights, digits), simplex_exact(p0, digits)
    if q is None or p is None or any(v <= 0 for row in rows for v in row):
        return None
    try:
        return Landscape(exp_rewards=rows, weights=q, p0=p, **fields)
    except ValueError:
        return None


def screened_landscapes(margins, w, q, p0, **fields: Any) -> Screened:
    r"""A :class:`Screened` batch of landscapes: landscape i is :func:`exact_landscape` of ``w[:, i, :]``
    (shape (m, B, n)), ``q[:, i]`` and ``p0[i]``, with the same ``fields`` for every one.

    Examples
    --------
    >>> import numpy as np
    >>> out = screened_landscapes([0.5], np.array([[[1.0, 0.5]]]), np.array([[1.0]]), np.array([[0.25, 0.75]]))
    >>> [str(v) for v in out.build(0).exp_rewards[0]]
    ['1', '1/2']
    """
    return Screened(margins, lambda i: exact_landscape(w[:, i, :], q[:, i], p0[i], **fields))


def joined(parts: Sequence[Screened]) -> Screened:
    """One :class:`Screened` of several batches (e.g. one per number of atoms), in order.

    Examples
    --------
    >>> both = joined([Screened([1.0, 2.0], lambda i: ("a", i)), Screened([0.5], lambda i: ("b", i))])
    >>> both.margins.tolist(), both.build(2), both.build(1)
    ([1.0, 2.0, 0.5], ('b', 0), ('a', 1))
    """
    import numpy as np

    starts = np.cumsum([0] + [len(p.margins) for p in parts])

    def build(i: int) -> Any:
        k = int(np.searchsorted(starts, i, side="right")) - 1
        return parts[k].build(i - int(starts[k]))

    return Screened(np.concatenate([np.asarray(p.margins, dtype=np.float64) for p in parts]), build)


def smallest(margins, keep: int) -> list[int]:
    """Indices of the ``keep`` smallest finite margins, smallest first (ties by index: deterministic)."""
    import numpy as np

    m = np.asarray(margins, dtype=np.float64)
    finite = np.flatnonzero(np.isfinite(m))
    order = finite[np.argsort(m[finite], kind="stable")]
    return [int(i) for i in order[:keep]]


def screen_candidates(screen: Callable[[Any, int], Screened], seed: int, count: int, keep: int
                      ) -> tuple[int, float | None, list[Any]] | str:
    """(setups screened, smallest float margin, the candidates as exact setups), or why it was skipped."""
    if numpy_or_none() is None:
        return NO_NUMPY
    out = screen(rng_for(seed), count)
    margins = out.margins
    chosen = smallest(margins, keep)
    best = float(margins[chosen[0]]) if chosen else None
    setups = [s for s in (out.build(i) for i in chosen) if s is not None]
    return len(margins), (best if best is None or math.isfinite(best) else None), setups
