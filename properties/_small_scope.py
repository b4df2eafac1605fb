r"""Small-scope exhaustive enumeration of finite setups (stage (a) of the staged falsifier).

Definitions and conventions
---------------------------
A *shape* is what a family of :class:`pluralnash.numeric.Landscape` setups has in common: the
number of rewards m and of atoms n, exp form (``exp_rewards``, w_i(x) = e^{r_i(x)}) or log form
(``rewards``), whether a basin width is given (``eps`` or ``exp_eps``), the candidate count K,
and whether reference mixing (``reference``, ``lam``) is present.

Every parameter of a shape has an ordered list of simple rationals, simplest first; a setup is a
tuple of indices into these lists, and its *size* is the sum of the indices (SmallCheck's depth
in the form that lets one coordinate move far while the others stay simple).  Setups are
enumerated by increasing size, in a fixed lexicographic order within a size: the order depends on
neither a seed nor the clock.  ``bound`` caps the number of setups drawn.

Entry values come early that make ties (w = 1, the top) and near-ties (99/100 of the top).
The index-0 reward matrix is a generic *base*: reward i peaks (w = 1) at atom i, the other basin
atoms get w = 1/100 and the atoms beyond the first m get w = 1/10 (an "outside" region with
some reward).  Masses (p_0, q, the reference) vary around uniform: one coordinate heavy, one
light (1/1000), absent (0) or tiny (10^-7), which is where many statements about decay, floors
and supports break.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, Iterator, Sequence

from pluralnash.numeric import Landscape

__all__ = ["Shape", "shape_of", "enumerate_landscapes", "indices_by_size"]

F = Fraction

# Grid values of one e^{r_i(x)} entry after the base value, simplest first.
_EXP_VALUES = (F(1), F(1, 100), F(99, 100), F(1, 10), F(1, 2), F(9, 10), F(1, 10**6), F(1, 1000))
_LOG_VALUES = (F(0), F(-5), F(-1, 100), F(-2), F(-1, 2), F(-1, 10), F(-14), F(-7))
_EXP_EPS = (F(1, 2), F(9, 10), F(1, 10), F(99, 100), F(3, 4))
_EPS = (F(1, 2), F(1, 10), F(1), F(2), F(1, 100))
_LAM = (F(1, 2), F(9, 10), F(1, 10), F(99, 100))


class Shape(tuple):
    """(m, n, form, eps_kind, K, mixing): see the module docstring."""

    __slots__ = ()

    def __new__(cls, m: int, n: int, form: str, eps_kind: str | None, K: int | None, mixing: bool):
        return super().__new__(cls, (m, n, form, eps_kind, K, mixing))

    m = property(lambda s: s[0])
    n = property(lambda s: s[1])
    form = property(lambda s: s[2])
    eps_kind = property(lambda s: s[3])
    K = property(lambda s: s[4])
    mixing = property(lambda s: s[5])


def shape_of(setup: Any) -> Shape | None:
    """The shape of a Landscape (None for any other kind of setup)."""
    if not isinstance(setup, Landscape):
        return None
    form = "exp" if setup.exp_rewards is not None else "log"
    eps_kind = "exp_eps" if setup.exp_eps is not None else ("eps" if setup.eps is not None else None)
    return Shape(setup.m, setup.n, form, eps_kind, setup.K, setup.reference is not None)


def simplex_choices(n: int) -> list[tuple[Fraction, ...]]:
    """Points of the n-simplex, simplest first: uniform, then one coordinate heavy, light or tiny.

    Examples
    --------
    >>> [tuple(map(str, p)) for p in simplex_choices(2)[:3]]
    [('1/2', '1/2'), ('9/10', '1/10'), ('1/10', '9/10')]
    >>> all(sum(p) == 1 and min(p) >= 0 for p in simplex_choices(4))
    True
    """
    if n == 1:
        return [(F(1),)]
    out = [tuple([F(1, n)] * n)]
    for special in (F(9, 10), F(1, 1000), F(0), F(1, 10**7), F(1, 2), F(999, 1000)):
        for k in range(n):
            rest = (1 - special) / (n - 1)
            out.append(tuple(special if j == k else rest for j in range(n)))
    seen: set = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def _base(shape: Shape) -> list[list[Fraction]]:
    m, n = shape.m, shape.n
    if shape.form == "exp":
        top, low, mid = F(1), F(1, 100), F(1, 10)
    else:
        top, low, mid = F(0), F(-5), F(-2)
    return [[(top if k == i else low) if k < m else mid for k in range(n)] for i in range(m)]


def _entry_choices(base: Fraction, form: str) -> list[Fraction]:
    values = _EXP_VALUES if form == "exp" else _LOG_VALUES
    return [base] + [v for v in values if v != base]


def _dimensions(shape: Shape) -> tuple[list[str], list[list[Any]]]:
    names, dims = [], []
    for i, row in enumerate(_base(shape)):
        for k, b in enumerate(row):
            names.append(f"r{i}{k}")
            dims.append(_entry_choices(b, shape.form))
    names.append("weights")
    dims.append(simplex_choices(shape.m))
    names.append("p0")
    dims.append(simplex_choices(shape.n))
    if shape.eps_kind is not None:
        names.append(shape.eps_kind)
        dims.append(list(_EXP_EPS if shape.eps_kind == "exp_eps" else _EPS))
    if shape.mixing:
        names.append("reference")
        dims.append(simplex_choices(shape.n))
        names.append("lam")
        dims.append(list(_LAM))
    return names, dims


def indices_by_size(lengths: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Index tuples (i_1 < lengths[0], ...) by increasing sum, lexicographic within a sum.

    Examples
    --------
    >>> list(indices_by_size([2, 3]))
    [(0, 0), (0, 1), (1, 0), (0, 2), (1, 1), (1, 2)]
    """
    total = sum(n - 1 for n in lengths)

    def parts(size: int, rest: Sequence[int]) -> Iterator[tuple[int, ...]]:
        if not rest:
            if size == 0:
                yield ()
            return
        room = sum(n - 1 for n in rest[1:])
        for i in range(max(0, size - room), min(size, rest[0] - 1) + 1):
            for tail in parts(size - i, rest[1:]):
                yield (i, *tail)

    for size in range(total + 1):
        yield from parts(size, list(lengths))


def _build(shape: Shape, names: list[str], values: tuple[Any, ...]) -> Landscape | None:
    m, n = shape.m, shape.n
    mat = [list(values[i * n:(i + 1) * n]) for i in range(m)]
    kw: dict[str, Any] = dict(zip(names[m * n:], values[m * n:]))
    kw["exp_rewards" if shape.form == "exp" else "rewards"] = mat
    if shape.K is not None:
        kw["K"] = shape.K
    try:
        return Landscape(**kw)
    except ValueError:
        return None


def enumerate_landscapes(shapes: Iterable[Shape], bound: int) -> Iterator[Landscape]:
    """At most ``bound`` setups of the given shapes, by increasing size, shapes interleaved.

    Shapes are taken smallest first (m n, then n); the i-th setup of every shape comes before
    the (i+1)-th of any, so a bound spreads over the shapes.

    Examples
    --------
    >>> S = Shape(1, 2, "exp", None, None, False)
    >>> first, second = enumerate_landscapes([S], 2)
    >>> [str(v) for v in first.exp_rewards[0]], [str(v) for v in first.p0]
    (['1', '1/10'], ['1/2', '1/2'])
    >>> [str(v) for v in second.p0]
    ['9/10', '1/10']
    """
    ordered = sorted(set(shapes), key=lambda s: (s.m * s.n, s.n, s.m, repr(s)))
    streams = []
    for shape in ordered:
        names, dims = _dimensions(shape)
        streams.append(((shape, names, dims), indices_by_size([len(d) for d in dims])))
    made = 0
    while streams and made < bound:
        alive = []
        for (shape, names, dims), it in streams:
            idx = next(it, None)
            if idx is None:
                continue
            alive.append(((shape, names, dims), it))
            setup = _build(shape, names, tuple(d[i] for d, i in zip(dims, idx)))
            if setup is not None:
                made += 1
                yield setup
                if made >= bound:
                    return
        streams = alive
