r"""Linear algebra of the toolkit: exact over the rationals (``Fraction``), with one Gauss-Jordan
elimination for solves and ranks, and one small float solve for approximate steps.

In the exact functions every entry stays a ``Fraction``, so a solution, a rank or a choice of
independent rows is exact: nothing is rounded and no tolerance decides a pivot.
:func:`solve_float` is for approximate work only (it certifies nothing).

Examples
--------
>>> from fractions import Fraction as F
>>> solve_exact([[F(2), F(1)], [F(1), F(3)]], [F(3), F(4)])
[Fraction(1, 1), Fraction(1, 1)]
>>> rank_exact([[F(1), F(2)], [F(2), F(4)]])
1
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

__all__ = ["solve_exact", "solve_augmented", "rank_exact", "independent_rows", "solve_float"]


def _eliminate(M: list[list[Fraction]], ncols: int) -> list[int]:
    """Gauss-Jordan elimination of ``M`` in place over its first ``ncols`` columns; the pivot columns.

    Row k of the result holds the k-th pivot; a column without a nonzero entry below the pivots
    found so far is skipped.
    """
    pivots: list[int] = []
    for c in range(ncols):
        r = len(pivots)
        piv = next((j for j in range(r, len(M)) if M[j][c] != 0), None)
        if piv is None:
            continue
        M[r], M[piv] = M[piv], M[r]
        for j in range(len(M)):
            if j != r and M[j][c] != 0:
                f = M[j][c] / M[r][c]
                M[j] = [a - f * b for a, b in zip(M[j], M[r])]
        pivots.append(c)
    return pivots


def solve_augmented(rows: Sequence[Sequence[Fraction]], k: int) -> list[Fraction] | None:
    """The unique solution of an exact system given by augmented rows (k unknowns, then the right-hand
    side), or None when it has rank below k or is inconsistent.  There may be more rows than unknowns."""
    M = [list(r) for r in rows]
    if len(_eliminate(M, k)) < k:
        return None  # rank < k: no unique solution
    if any(M[j][k] != 0 for j in range(k, len(M))):
        return None  # inconsistent
    return [M[j][k] / M[j][j] for j in range(k)]


def solve_exact(A: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> list[Fraction] | None:
    """The exact solution of the square system A x = b, None when A is singular."""
    return solve_augmented([list(row) + [b[k]] for k, row in enumerate(A)], len(b))


def rank_exact(rows: Sequence[Sequence[Fraction]]) -> int:
    """The exact rank of a matrix over the rationals."""
    M = [list(r) for r in rows]
    return len(_eliminate(M, len(M[0]) if M else 0))


def independent_rows(A: Sequence[Sequence[Fraction]]) -> list[int]:
    """Indices of a maximal set of linearly independent rows: each row is kept when it is independent
    of the rows kept before it (greedy, exact)."""
    basis: list[list[Fraction]] = []  # rows reduced against the earlier ones, with their pivot columns
    pivots: list[int] = []
    keep: list[int] = []
    for r, row in enumerate(A):
        v = list(row)
        for b, c in zip(basis, pivots):
            if v[c]:
                f = v[c] / b[c]
                v = [x - f * y for x, y in zip(v, b)]
        c = next((k for k, x in enumerate(v) if x), None)
        if c is not None:
            basis.append(v)
            pivots.append(c)
            keep.append(r)
    return keep


def solve_float(A: Sequence[Sequence[float]], b: Sequence[float]) -> list[float]:
    """A small dense float system by Gaussian elimination with partial pivoting; ZeroDivisionError when
    a pivot is exactly zero.  For approximate work only (the limit solver's barrier steps): nothing is certified."""
    n = len(b)
    M = [list(row) + [b[k]] for k, row in enumerate(A)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(M[r][c]))
        if M[piv][c] == 0:
            raise ZeroDivisionError("singular")
        M[c], M[piv] = M[piv], M[c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            if f:
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (M[c][n] - sum(M[c][k] * x[k] for k in range(c + 1, n))) / M[c][c]
    return x
