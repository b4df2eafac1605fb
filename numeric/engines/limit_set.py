r"""The set of maximisers of F when it is not a point (exact ``exp_rewards`` only).

Definitions
-----------
Z* is unique (F = Σ_i q_i log Z_i is strictly concave in Z), and so is W*(x) = Σ_i q_i w_i(x) / Z_i*.
Every maximiser p of F on supp(p_0) satisfies Z(p) = Z* and lives on T = {x : W*(x) = 1}, and
every such p maximises F.  Grouping atoms with equal reward vectors and splitting a group's mass
in p_0's proportions (which the dynamics keep for every t), the maximisers the dynamics can
reach form the polytope

    P = {p >= 0 on the groups of T : A_T p = Z*}

(Σ p = 1 follows: Σ_g p_g = Σ_g p_g W*(g) = Σ_i q_i (A_T p)_i / Z_i* = Σ_i q_i = 1).  Its vertices
are the basic solutions: r = rank A_T groups with independent columns, solved exactly.  Each
coordinate ranges over [min, max] of its values at the vertices (a linear function on a polytope).
If p_0 itself lies in P, then W_0 = W* = 1 on supp(p_0), so p_t = p_0 for every t: the dynamics'
limit is p_0.  Otherwise the limit is some member of P that the first-order conditions do not
single out, and none is reported as "the" limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Any

from pluralnash.numeric.arith.linalg import independent_rows, solve_exact

__all__ = ["MaximiserSet"]

MAX_BASES = 5000  # basic solutions tried before the vertex list is given up (the face is still reported)


@dataclass(frozen=True)
class MaximiserSet:
    r"""The maximisers of F reachable by the dynamics from p_0, when there are more than one.

    Attributes
    ----------
    atoms : tuple of int
        Atoms with W*(x) = 1: every maximiser lives on them.
    vertices : tuple of tuple of Fraction, or None
        The vertices of the set, each a full distribution over the atoms (None when more than
        ``MAX_BASES`` bases would have to be tried).
    ranges : dict or None
        For each atom of ``atoms``: (min, max) of its mass over the set.
    p0_is_maximiser : bool
        Whether Z(p_0) = Z* exactly; then p_0 is a fixed point and the dynamics' limit.
    """

    atoms: tuple[int, ...]
    vertices: tuple[tuple[Fraction, ...], ...] | None
    ranges: dict[int, tuple[Fraction, Fraction]] | None
    p0_is_maximiser: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "atoms": list(self.atoms),
            "vertices": None if self.vertices is None else
            [{str(x): str(v[x]) for x in self.atoms if v[x]} for v in self.vertices],
            "ranges": None if self.ranges is None else
            {str(x): [str(lo), str(hi)] for x, (lo, hi) in self.ranges.items()},
            "p0_is_maximiser": self.p0_is_maximiser,
        }


def maximiser_set(prob, T: list[int], Z: list[Fraction]) -> MaximiserSet:
    """The polytope of maximisers on the groups T (W* = 1 there), Z the scaled exact Z*."""
    L = prob.landscape
    A = [[prob.w_exact(g, i) for g in T] for i in range(prob.m)]
    rows = independent_rows(A)
    A, Zr = [A[i] for i in rows], [Z[i] for i in rows]
    r = len(rows)
    atoms = tuple(sorted(x for g in T for x in prob.groups[g]))
    Z0 = [sum((prob.mass[g] * prob.w_exact(g, i) for g in range(prob.G)), Fraction(0)) for i in range(prob.m)]
    p0_in = Z0 == list(Z)
    if comb(len(T), r) > MAX_BASES:
        return MaximiserSet(atoms, None, None, p0_in)
    found: list[tuple[Fraction, ...]] = []
    for basis in combinations(range(len(T)), r):
        sol = solve_exact([[row[k] for k in basis] for row in A], Zr)
        if sol is None or any(v < 0 for v in sol):
            continue
        pg = [Fraction(0)] * len(T)
        for k, v in zip(basis, sol):
            pg[k] = v
        p = [Fraction(0)] * L.n
        for k, g in enumerate(T):
            if pg[k]:
                for x in prob.groups[g]:
                    p[x] = pg[k] * L.p0[x] / prob.mass[g]
        vertex = tuple(p)
        if vertex not in found:
            found.append(vertex)
    ranges = {x: (min(v[x] for v in found), max(v[x] for v in found)) for x in atoms}
    return MaximiserSet(atoms, tuple(found), ranges, p0_in)
