r"""Whole-domain statements of the plateau family in (q, k_1, k_2), decided by :func:`prove_on_box`.

Definitions
-----------
Plateau basins with scaled rewards (1, k_2) on S_1 and (k_1, 1) on S_2, k_i = e^{−Δ_i}, no outside
mass ([FALA26] B.6, Prop. 3.4): Z_1 = a + (1 − a)k_1, Z_2 = a k_2 + 1 − a,
F'(a) = q(1 − k_1)/Z_1 − (1 − q)(1 − k_2)/Z_2, a* = q + q k_2/(1 − k_2) − (1 − q)k_1/(1 − k_1),
q_lo = k_1(1 − k_2)/(1 − k_1k_2), q_hi = (1 − k_2)/(1 − k_1k_2).  Python spellings ``k1``, ``k2``.

Boundaries: every box is closed.  k_i = 1 (a zero gap) is a pole of a* and of the window and is
excluded by the stated bound k_i ≤ 99/100; k_i = 0 (the hard-separation end) is included, so the
statements cover it by continuity of the same rational expressions.  For the collapse threshold,
W_δ(S_2) = q k_1 + (1 − q)/k_2 has a pole at k_2 = 0, excluded by k_2 ≥ 1/100.

:data:`DOMAIN_STATEMENTS` lists the true statements; :data:`PLANTED_DOMAIN` the planted false ones
that the same route must reject with a certified failing box.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from pluralnash.numeric.engines.domain import Box, DomainResult, prove_on_box

__all__ = ["DOMAIN_STATEMENTS", "PLANTED_DOMAIN", "DomainStatement"]

q, k1, k2, a = sympy.symbols("q k1 k2 a", real=True)
Z1, Z2 = a + (1 - a) * k1, a * k2 + (1 - a)
dF = q * (1 - k1) / Z1 - (1 - q) * (1 - k2) / Z2
a_star = q + q * k2 / (1 - k2) - (1 - q) * k1 / (1 - k1)
q_lo = k1 * (1 - k2) / (1 - k1 * k2)
q_hi = (1 - k2) / (1 - k1 * k2)
K_MAX = "99/100"


@dataclass(frozen=True)
class DomainStatement:
    """A statement over a box, with the claim it serves."""

    name: str
    claim: str
    text: str
    statement: sympy.Basic
    box: Box

    def prove(self, **kwargs) -> DomainResult:
        return prove_on_box(self.statement, self.box, **kwargs)


def _gt(lhs, rhs=0):
    return sympy.Gt(lhs, rhs, evaluate=False)


def _ge(lhs, rhs=0):
    return sympy.Ge(lhs, rhs, evaluate=False)


DOMAIN_STATEMENTS = (
    DomainStatement("plateau-maximiser", "theorem-3.7",
                    "F'(a) has the sign of a* − a (so clamp(a*, 0, 1) maximises F on [0, 1]): "
                    "(a* − a) F'(a) Z_1 Z_2 ≥ 0",
                    _ge((a_star - a) * dF * Z1 * Z2),
                    Box(q=(0, 1), k1=(0, K_MAX), k2=(0, K_MAX), a=(0, 1))),
    DomainStatement("plateau-window-nonempty", "plateau-exact", "q_hi − q_lo > 0",
                    _gt(q_hi - q_lo), Box(k1=(0, K_MAX), k2=(0, K_MAX))),
    DomainStatement("plateau-window-contains-k1", "plateau-exact", "k_1 − q_lo ≥ 0",
                    _ge(k1 - q_lo), Box(k1=(0, K_MAX), k2=(0, K_MAX))),
    DomainStatement("plateau-window-contains-k2", "plateau-exact", "k_2 − (1 − q_hi) ≥ 0",
                    _ge(k2 - (1 - q_hi)), Box(k1=(0, K_MAX), k2=(0, K_MAX))),
    DomainStatement("collapse-threshold", "collapse-criterion",
                    "the point mass on S_1 passes the first-order test W_δ(S_2) ≤ 1 exactly when q ≥ q_hi: "
                    "(q − q_hi)(1 − W_δ(S_2)) ≥ 0, W_δ(S_2) = q k_1 + (1 − q)/k_2",
                    _ge((q - q_hi) * (1 - (q * k1 + (1 - q) / k2))),
                    Box(q=(0, 1), k1=(0, K_MAX), k2=("1/100", K_MAX))),
)

PLANTED_DOMAIN = (
    DomainStatement("plateau-window-inside-paper", "plateau-exact",
                    "planted: the exact window lies inside (k_1, 1 − k_2), i.e. q_lo − k_1 ≥ 0",
                    _ge(q_lo - k1), Box(k1=(0, K_MAX), k2=(0, K_MAX))),
    DomainStatement("plateau-maximiser-q", "theorem-3.7",
                    "planted: at finite gaps F'(a) has the sign of q − a (the limit is q)",
                    _ge((q - a) * dF * Z1 * Z2),
                    Box(q=(0, 1), k1=(0, K_MAX), k2=(0, K_MAX), a=(0, 1))),
    DomainStatement("collapse-threshold-paper", "collapse-criterion",
                    "planted: the point mass on S_1 passes the test exactly when q ≥ 1 − k_2",
                    _ge((q - (1 - k2)) * (1 - (q * k1 + (1 - q) / k2))),
                    Box(q=(0, 1), k1=(0, K_MAX), k2=("1/100", K_MAX))),
)
