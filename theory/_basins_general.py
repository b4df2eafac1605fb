r"""The m-basin leakage interval: [FALA26] Lemmas 3.4 and 3.5 generalised to m >= 2 rewards.

Definitions
-----------
Rewards r_1..r_m with weights q_1..q_m on the simplex, basin width ε, basins S_i = S_{i,ε}
pairwise disjoint; masses a_i = p(S_i), outside mass m = p(X \ ∪ S_i); large-K update
p_{t+1} = p_t W_t with W_t = Σ_j q_j w_j / Z_j ([FALA26] Eq. 5); tilted laws π_j = p w_j / Z_j.
Main-text gap Δ_i: r_i <= r_i^* - Δ_i on every other basin ∪_{j≠i} S_j; leakage factor
κ_i = e^{-(Δ_i - 2ε)} < 1.

* Basin step: a_i' = Σ_j q_j π_j(S_i) >= q_i π_i(S_i), and the tilted mass bound of the two-basin
  case with b = Σ_{j≠i} a_j = 1 - a_i - m gives π_i(S_i) >= a_i / (a_i + κ_i (1 - a_i - m) + C m).
* Lower end: the bound map φ_i(a) = q_i a / (a + κ_i (1 - a)) has the nonzero fixed point
  L_i = (q_i - κ_i)/(1 - κ_i), and a - φ_i(a) = a (1 - κ_i)(a - L_i)/(a + κ_i (1 - a)).  At the
  limit (m* = 0) a_i* >= φ_i(a_i*), so a_i* >= L_i when a_i* > 0; a_i* = 0 is impossible when
  q_i > κ_i (at the top atom of S_i the limit's weight would be at least q_i/κ_i > 1, against
  the first-order conditions W* <= 1).  So a_i* >= max{0, L_i} =: ℓ_i.
* Upper end: the basins are disjoint and m* = 0, so a_i* = 1 - Σ_{j≠i} a_j* <= 1 - Σ_{j≠i} ℓ_j =: u_i.
  For m = 2 this is min{1, q/(1 - κ_2)}, the paper's upper end.
* Non-empty: q_j - L_j = κ_j (1 - q_j)/(1 - κ_j) >= 0, so Σ_j ℓ_j <= Σ_j q_j = 1 and ℓ_i <= u_i.
* Non-collapse (Lemma 3.5, m basins): q_i > κ_i for every i gives every ℓ_i > 0, so
  ℓ_i <= a_i* <= 1 - Σ_{j≠i} ℓ_j < 1: no basin is lost and none takes everything.

Python spellings: ``q_i``, ``kappa_i`` for q_i, κ_i.  Premises sympy assumptions cannot state
(κ < 1, q < 1, q > κ) are removed by parametrisation (κ = 1/(1 + s_κ), q = κ (1 + u), ...).
"""

from __future__ import annotations

from typing import Any

import sympy

from pluralnash.theory._base import InvalidArgument
from pluralnash.theory._basins import _tilted_mass_bound
from pluralnash.theory._certify import Identity
from pluralnash.theory._derivation import Derivation

__all__ = ["derive_m_basin_interval", "m_basin_lower"]

q_i, kappa_i, a = sympy.symbols("q_i kappa_i a", positive=True)


def m_basin_lower(q: sympy.Expr = q_i, kappa: sympy.Expr = kappa_i) -> sympy.Expr:
    r"""The nontrivial branch of the lower end, L_i = (q_i - κ_i)/(1 - κ_i)."""
    return (q - kappa) / (1 - kappa)


def _three_basin_step() -> tuple[tuple[Identity, ...], tuple]:
    """a_1' = Σ_j q_j π_j(S_1) >= q_1 π_1(S_1) on three rewards with S_j = {j} and one outside atom."""
    ps = sympy.symbols("p_1:5", positive=True)
    ws = [sympy.symbols(f"w{j}_1:5", positive=True) for j in (1, 2, 3)]
    us = sympy.symbols("u_1:4", positive=True)
    qs = [u / sum(us) for u in us]  # a point of the open simplex
    Z = [sum(p * w for p, w in zip(ps, row)) for row in ws]
    W0 = sum(qj * row[0] / Zj for qj, row, Zj in zip(qs, ws, Z))
    pi = [ps[0] * row[0] / Zj for row, Zj in zip(ws, Z)]
    return (
        Identity("a_1' = sum_j q_j pi_j(S_1) (three rewards)", ps[0] * W0 - sum(qj * pj for qj, pj in zip(qs, pi))),
        Identity("a_1' - q_1 pi_1(S_1) = sum_{j != 1} q_j pi_j(S_1) >= 0",
                 sympy.GreaterThan(qs[1] * pi[1] + qs[2] * pi[2], 0, evaluate=False)),
    ), (*ps, *ws[0], *ws[1], *ws[2], *us)


def _claimed_lower(value: Any) -> sympy.Expr:
    """A claimed lower end as a sympy expression in q_i, kappa_i (default L_i)."""
    if value is None:
        return m_basin_lower()
    names = {"q_i": q_i, "kappa_i": kappa_i}
    try:
        expr = sympy.sympify(value, locals=names) if isinstance(value, str) else value
    except (sympy.SympifyError, SyntaxError, TypeError):
        expr = None
    if not isinstance(expr, sympy.Expr) or isinstance(value, float) or expr.free_symbols - set(names.values()):
        raise InvalidArgument(f"lower={value!r} must be an exact expression in q_i and kappa_i; "
                              f"pass e.g. '(q_i - kappa_i)/(1 - kappa_i)'")
    return expr


def _lower_end_identities(L: sympy.Expr) -> tuple[Identity, ...]:
    """The fixed point of φ_i, the sign of a - φ_i(a), positivity of L_i, a_i* > 0 and L_i <= q_i."""
    phi = q_i * a / (a + kappa_i * (1 - a))
    s_k, s_q, u, s, s_a = sympy.symbols("s_kappa s_q u s s_a", positive=True)
    unit = {kappa_i: 1 / (1 + s_k), q_i: 1 / (1 + s_q)}
    above = {kappa_i: 1 / (1 + s_k), q_i: (1 + u) / (1 + s_k + u)}  # kappa_i < q_i < 1
    box = {q_i: (0, 1), kappa_i: (0, 1), a: (0, 1)}
    return (
        Identity("L_i is a fixed point: phi_i(L_i) = L_i", sympy.cancel(phi.subs(a, L) - L), box),
        Identity("a - phi_i(a) = a (1 - kappa_i)(a - L_i)/(a + kappa_i (1 - a))",
                 a - phi - a * (1 - kappa_i) * (a - L) / (a + kappa_i * (1 - a)), box),
        Identity("a + kappa_i (1 - a) > 0 on (0, 1)",
                 sympy.StrictGreaterThan((a + kappa_i * (1 - a)).subs({a: 1 / (1 + s_a), **unit}), 0, evaluate=False)),
        Identity("q_i - L_i = kappa_i (1 - q_i)/(1 - kappa_i)",
                 q_i - L - kappa_i * (1 - q_i) / (1 - kappa_i), box),
        Identity("L_i <= q_i for kappa_i < 1, q_i < 1", sympy.GreaterThan((q_i - L).subs(unit), 0, evaluate=False)),
        Identity("L_i > 0 for q_i > kappa_i", sympy.StrictGreaterThan(L.subs(above), 0, evaluate=False)),
        Identity("a_i* > 0 for q_i > kappa_i: Z_i* = kappa_i/(1 + s) <= kappa_i gives q_i / Z_i* > 1",
                 sympy.StrictGreaterThan((kappa_i * (1 + u)) / (kappa_i / (1 + s)) - 1, 0, evaluate=False)),
    )


def _upper_end_identities() -> tuple[Identity, ...]:
    """The m = 2 upper end recovered, and the three-basin interval non-empty (u_1 - ℓ_1 >= 0)."""
    q1, k1, k2, k3 = sympy.symbols("q_1 kappa_1 kappa_2 kappa_3", positive=True)
    box2 = {q1: (0, 1), k2: (0, 1)}
    u1, u2, u3, s1, s2, s3 = sympy.symbols("u_1 u_2 u_3 s_1 s_2 s_3", positive=True)
    qs = [u / (u1 + u2 + u3) for u in (u1, u2, u3)]
    ks = [1 / (1 + s) for s in (s1, s2, s3)]
    Ls = [m_basin_lower(qj, kj) for qj, kj in zip(qs, ks)]
    slack = sum(kj * (1 - qj) / (1 - kj) for qj, kj in zip(qs, ks))
    return (
        Identity("m = 2: 1 - L_2 with q_2 = 1 - q_1 is q_1/(1 - kappa_2), the paper's upper end",
                 1 - m_basin_lower(1 - q1, k2) - q1 / (1 - k2), box2),
        Identity("three basins: u_1 - L_1 = 1 - L_1 - L_2 - L_3 = sum_j kappa_j (1 - q_j)/(1 - kappa_j)",
                 sympy.cancel(1 - sum(Ls) - slack)),
        Identity("three basins: the interval [L_1, 1 - L_2 - L_3] is non-empty",
                 sympy.GreaterThan(slack, 0, evaluate=False)),
    )


def derive_m_basin_interval(lower: Any = None) -> Derivation:
    r"""Derive the m-basin leakage interval ℓ_i <= a_i* <= 1 - Σ_{j≠i} ℓ_j, ℓ_i = max{0, (q_i - κ_i)/(1 - κ_i)}.

    Parameters
    ----------
    lower : sympy expression or str in q_i, kappa_i, optional
        The claimed lower end of basin i (default (q_i - κ_i)/(1 - κ_i)); a planted wrong end fails
        the fixed-point identities.

    Returns
    -------
    Derivation
        Certificate (sympy): the basin step a_i' >= q_i π_i(S_i) on a symbolic three-reward
        landscape; the tilted mass bound (two-basin form, b = Σ_{j≠i} a_j); L_i a fixed point of
        φ_i and the sign of a - φ_i(a) (so a_i* >= φ_i(a_i*) with a_i* > 0 gives a_i* >= L_i);
        a_i* > 0 when q_i > κ_i; L_i <= q_i; the m = 2 upper end; the three-basin interval
        non-empty.  Cited: the first-order conditions of the limit (W* <= 1 on supp p_0, the
        nash-limit claim) and, for the upper end, disjoint basins with m* = 0 (a_i* = 1 - Σ_{j≠i} a_j*).

    Examples
    --------
    >>> derive_m_basin_interval().certify().verdict
    Verdict.HOLDS
    >>> derive_m_basin_interval(lower="q_i").certify().verdict
    Verdict.FAILS
    """
    L = _claimed_lower(lower)
    tilted_bound, tilted_identity, tilted_symbols = _tilted_mass_bound()
    step, step_symbols = _three_basin_step()
    exprs = {
        "phi_i(a)": q_i * a / (a + kappa_i * (1 - a)),
        "lower L_i": L,
        "a - phi_i(a)": sympy.factor(a - q_i * a / (a + kappa_i * (1 - a))),
        "q_i - L_i": sympy.factor(q_i - L),
        "tilted mass bound, b the mass of the other basins": tilted_bound,
    }
    return Derivation(
        name="m-basin-interval",
        title="The leakage interval of every basin with m rewards: bound maps, fixed points, non-emptiness",
        source="pluralnash (this toolkit); generalises [FALA26] Lemmas 3.4 / B.5 and 3.5 / B.6 to m rewards",
        expressions=exprs,
        symbols={str(x): x for x in (q_i, kappa_i, a, *tilted_symbols, *step_symbols)},
        identities=(tilted_identity, *step, *_lower_end_identities(L), *_upper_end_identities()),
        cited=(
            "first-order conditions of the large-K limit p* (the nash-limit claim): W*(x) <= 1 on supp p_0, "
            "so at the limit a_i* >= q_i pi*_i(S_i) >= phi_i(a_i*) (m* = 0), and W*(x_i) >= q_i / Z_i* at a top atom "
            "x_i of S_i",
            "disjoint basins and m* = 0: a_i* = 1 - sum_{j != i} a_j* <= 1 - sum_{j != i} l_j",
        ),
        notes=("l_i = max{0, L_i}; the interval needs kappa_i < 1 (at kappa_i = 1 L_i has a pole). With m = 2 it is "
               "[FALA26] Lemma 3.4's interval exactly."),
    )
