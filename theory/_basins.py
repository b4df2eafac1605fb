r"""Symbolic certificates behind the basin-mass statements of [FALA26] (Lemmas 3.3, B.4, 3.4, 3.5).

Definitions
-----------
Two rewards, basin width ε; masses a_t = p_t(S_{1,ε}), b_t = p_t(S_{2,ε}), m_t = p_t(X \ S_ε);
large-K update p_{t+1}(x) = p_t(x) W_t(x) with W_t(x) = q w_1(x)/Z_1(t) + (1-q) w_2(x)/Z_2(t)
([FALA26] Eq. 5); tilted laws π_i = p w_i / Z_i; leakage factors κ_i = e^{-(Δ_i - 2ε)}.

* Decay (Lemma 3.3 / B.4): B.4 says W_t(x) <= ρ on X \ S_ε, so
  m_{t+1} = Σ_{x ∉ S_ε} p_t(x) W_t(x) <= ρ m_t, and by induction m_t <= ρ^t m_0 → 0.
* Leakage interval (Lemma 3.4): a_{t+1} = q π_1(S_1) + (1-q) π_2(S_1) >= q π_1(S_1) and the tilted
  mass bound π_1(S_1) >= a / (a + κ_1 b + C_ε m) give a_{t+1} >= φ(a_t) (up to m_t terms), with
  the bound map φ(a) = q a / (a + κ_1 (1 - a)).  Its nonzero fixed point is
  L = (q - κ_1)/(1 - κ_1); symmetrically ψ(b) = (1-q) b / (b + κ_2 (1 - b)) bounds b_t with fixed
  point 1 - q/(1 - κ_2) =: 1 - U.
* Non-collapse margin (Lemma 3.5): for q ∈ (κ_1, 1 - κ_2), 0 < L <= q <= U < 1.

Python spellings: ``kappa_1``, ``kappa_2`` for κ_i, ``rho`` for ρ, ``E`` for e^{-ε}.  Premises that
sympy assumptions cannot state (ρ < 1, a < 1, q ∈ (κ_1, 1 - κ_2)) are removed by
parametrisation: ρ = 1/(1 + s), a = 1/(1 + s_a), κ_1 = k_1/T, κ_2 = k_2/T, q = (k_1 + u)/T with
T = k_1 + k_2 + u + v and every new symbol positive; inequalities ``X <= Y`` become
``Y = X + slack`` with a nonnegative slack symbol.

Every function returns a :class:`~pluralnash.theory._derivation.Derivation` (or, for
:func:`certify_lemma_3_3`, a :class:`~pluralnash.theory.CheckResult`); analytic steps that sympy
does not check are listed under ``cited`` and make the certificate partial.
"""

from __future__ import annotations

from typing import Any

import sympy

from pluralnash.theory._base import CheckResult, InvalidArgument, Verdict
from pluralnash.theory._certify import Identity, combine_results
from pluralnash.theory._derivation import Derivation

__all__ = [
    "derive_decay_induction",
    "certify_lemma_3_3",
    "derive_leakage_interval",
    "derive_non_collapse_margin",
]

q = sympy.Symbol("q", positive=True)
kappa_1, kappa_2 = sympy.symbols("kappa_1 kappa_2", positive=True)
_PAPER_LOWER = (q - kappa_1) / (1 - kappa_1)
_PAPER_UPPER = q / (1 - kappa_2)
_ENDPOINT_SYMBOLS = {"q": q, "kappa_1": kappa_1, "kappa_2": kappa_2}


def _endpoint(value: Any, name: str, default: sympy.Expr) -> sympy.Expr:
    """A claimed interval endpoint as a sympy expression in q, kappa_1, kappa_2."""
    if value is None:
        return default
    if isinstance(value, float):
        raise InvalidArgument(f"{name}={value!r} is a float; pass an exact expression such as 'q' or '1/2'")
    if isinstance(value, str):
        try:
            value = sympy.sympify(value, locals=_ENDPOINT_SYMBOLS)
        except (sympy.SympifyError, SyntaxError, TypeError):
            raise InvalidArgument(f"{name}={value!r} does not parse; write it in q, kappa_1, kappa_2, "
                                  f"e.g. '(q - kappa_1)/(1 - kappa_1)'") from None
    if not isinstance(value, sympy.Expr):
        raise InvalidArgument(f"{name}={value!r} must be an expression in q, kappa_1, kappa_2")
    extra = sorted(str(s) for s in value.free_symbols if s not in _ENDPOINT_SYMBOLS.values())
    if extra:
        raise InvalidArgument(f"{name}={value} also uses {', '.join(extra)}; only q, kappa_1, kappa_2 may appear")
    return value


# ----------------------------------------------------------------------------------------------
# Lemma 3.3 / B.4: decay of the outside mass


def derive_decay_induction(k: int = 3) -> Derivation:
    r"""Derive B.4 ⇒ m_{t+1} <= ρ m_t ⇒ m_t <= ρ^t m_0 → 0, and a_t + b_t = 1 - m_t + p_t(S_1 ∩ S_2).

    Parameters
    ----------
    k : int, optional
        Number of outside atoms in the symbolic model (the argument is the same for every k).

    Returns
    -------
    Derivation
        Certificate (sympy): with W_j = ρ - d_j (d_j >= 0: B.4) on the outside atoms,
        ρ m_t - m_{t+1} = Σ_j p_j d_j >= 0; the induction step
        ρ^{t+1} m_0 - m_{t+1} >= 0 from m_t = ρ^t m_0 - e, m_{t+1} = ρ m_t - f (e, f >= 0);
        the base case; lim_{t→∞} ρ^t m_0 = 0 for ρ = 1/(1+s) ∈ (0, 1); and inclusion-exclusion
        a_t + b_t = 1 - m_t + p_t(S_1 ∩ S_2).  Cited: the squeeze 0 <= m_t <= ρ^t m_0.  Not derived:
        a_t + b_t → 1 needs p_t(S_1 ∩ S_2) → 0, which B.3 (disjoint basins) gives and B.4 alone
        does not.

    Examples
    --------
    >>> res = derive_decay_induction().certify()
    >>> res.verdict, len(res.evidence["checked"])
    (Verdict.HOLDS, 6)
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidArgument(f"k={k!r} must be an int >= 1; pass e.g. k=3")
    s = sympy.Symbol("s", positive=True)
    rho = 1 / (1 + s)
    t = sympy.Symbol("t", integer=True, nonnegative=True)
    p = sympy.symbols(f"p_1:{k + 1}", nonnegative=True)
    d = sympy.symbols(f"d_1:{k + 1}", nonnegative=True)
    W = [rho - dj for dj in d]
    m_t = sum(p)
    m_next = sum(pj * Wj for pj, Wj in zip(p, W))
    m0, e, f = sympy.symbols("m_0 e f", nonnegative=True)
    mt_ind = rho ** t * m0 - e
    mnext_ind = rho * mt_ind - f
    u1, u2, o, m = sympy.symbols("u_1 u_2 o m", nonnegative=True)  # p(S1 only), p(S2 only), p(S1∩S2), p(out)
    a, b = u1 + o, u2 + o
    total_is_one = {u2: 1 - u1 - o - m}
    exprs = {
        "rho": rho,
        "m_t": m_t,
        "m_{t+1}": m_next,
        "rho m_t - m_{t+1}": sympy.expand(rho * m_t - m_next),
        "induction step": sympy.GreaterThan(rho ** (t + 1) * m0, mnext_ind, evaluate=False),
        "limit": sympy.Eq(sympy.Limit(rho ** t * m0, t, sympy.oo), 0, evaluate=False),
        "a_t + b_t": sympy.Eq(a + b, 1 - m + o, evaluate=False),
    }
    identities = (
        Identity("outside mass moves only with its atoms: m_{t+1} = sum_{x outside} p_t(x) W_t(x)",
                 sum(pj * Wj for pj, Wj in zip(p, W)) - m_next),
        Identity("B.4 (W_t <= rho outside) gives rho m_t - m_{t+1} = sum_j p_j d_j >= 0",
                 sympy.GreaterThan(rho * m_t - m_next, 0, evaluate=False)),
        Identity("base case m_0 <= rho^0 m_0", sympy.Eq(rho ** 0 * m0, m0, evaluate=False)),
        Identity("induction step: m_t <= rho^t m_0 and m_{t+1} <= rho m_t give m_{t+1} <= rho^{t+1} m_0",
                 sympy.GreaterThan(rho ** (t + 1) * m0 - mnext_ind, 0, evaluate=False)),
        Identity("rho^t m_0 -> 0 for 0 < rho < 1",
                 sympy.Eq(sympy.Limit(rho ** t * m0, t, sympy.oo), 0, evaluate=False)),
        Identity("inclusion-exclusion: a_t + b_t = 1 - m_t + p_t(S_1 ∩ S_2)",
                 ((a + b) - (1 - m + o)).subs(total_is_one)),
    )
    return Derivation(
        name="decay-induction",
        title="Outside domination (B.4) gives geometric decay of the outside mass",
        source="[FALA26] Lemma 3.3 / Lemma B.4 (decay outside the epsilon-optimal basins)",
        expressions=exprs,
        symbols={str(x): x for x in (s, t, m0, e, f, u1, u2, o, m, *p, *d)},
        identities=identities,
        cited=("squeeze: 0 <= m_t <= rho^t m_0 -> 0 gives m_t -> 0",),
        notes=("Covers: B.4 => m_{t+1} <= rho m_t for every t => m_t <= rho^t m_0 -> 0. "
               "a_t + b_t = 1 - m_t + p_t(S_1 ∩ S_2) exactly, so a_t + b_t -> 1 follows only when the basins "
               "are disjoint (B.3) or their overlap loses its mass; neither B.4 nor Assumption 2.1(i, iii) "
               "says so. Not derived either: that Assumption 2.1(i, iii) implies B.4."),
    )


def certify_lemma_3_3(form: str = "appendix") -> CheckResult:
    r"""The symbolic route for [FALA26] Lemma 3.3 in its appendix (B.4) or main-text (2.1(i, iii)) form.

    ``"appendix"``: the certificate of :func:`derive_decay_induction` (HOLDS; partial, since
    a_t + b_t → 1 needs B.3).  ``"main"``: the same, plus the step "2.1(i, iii) ⇒ B.4", which is
    not derived (UNDECIDED, with the reason): 2.1(iii) bounds w_i(x) off S_ε but not Z_i(t) from
    below, and W_t(x) = Σ_i q_i w_i(x)/Z_i(t) needs both.

    Examples
    --------
    >>> certify_lemma_3_3("main").verdict
    Verdict.UNDECIDED
    """
    if form not in ("appendix", "main"):
        raise InvalidArgument(f"form={form!r} must be 'appendix' (premise B.4) or 'main' (Assumption 2.1(i, iii))")
    base = derive_decay_induction().certify()
    if form == "appendix":
        return base
    bridge = CheckResult(
        "Assumption 2.1(i, iii) => B.4 (sup_{x outside S_eps} W_t(x) <= rho < 1 for all t)", Verdict.UNDECIDED,
        "symbolic", {"needs": "Z_i(t) >= e^{-delta} max w_i for all t"},
        "not derived: 2.1(iii) gives w_i(x) <= e^{-delta} max w_i off S_eps, but W_t(x) = sum_i q_i w_i(x)/Z_i(t) "
        "also needs a lower bound on Z_i(t), which no premise provides")
    return combine_results("Lemma 3.3 (main text): decay outside the basins under Assumption 2.1(i, iii)",
                           [base, bridge], evidence={"derivation": "decay-induction"})


# ----------------------------------------------------------------------------------------------
# Lemma 3.4: the bound maps and their fixed points


def derive_leakage_interval(lower: Any = None, upper: Any = None) -> Derivation:
    r"""Derive the bound maps behind [FALA26] Lemma 3.4 and check the claimed interval ends are
    their fixed points.

    Parameters
    ----------
    lower, upper : sympy expression or str in q, kappa_1, kappa_2, optional
        The claimed ends (default (q - κ_1)/(1 - κ_1) and q/(1 - κ_2), the nontrivial branches of
        the paper's max{0, ·} and min{1, ·}).  A planted wrong end fails the fixed-point identities.

    Returns
    -------
    Derivation
        Certificate (sympy): the tilted mass bound π_1(S_1) >= a/(a + κ_1 b + C m) from its inputs
        (Σ_{S_1} p w_1 >= E a, Σ_{S_2} p w_1 <= E κ_1 b, Σ_out p w_1 <= E C m, E = e^{-ε});
        a_{t+1} = q π_1(S_1) + (1 - q) π_2(S_1) on a symbolic landscape, so a_{t+1} >= q π_1(S_1);
        φ(lower) = lower; φ(a) - a = a (1 - κ_1)(lower - a)/(a + κ_1 (1 - a)) (so φ(a) > a below
        the fixed point, < a above it); φ' > 0 on (0, 1); lower ∈ (0, 1) for q ∈ (κ_1, 1);
        ψ(1 - upper) = 1 - upper and the same factorisation for ψ.  Cited: the passage from the
        one-step bound a_{t+1} >= φ(a_t) - O(m_t) with m_t → 0 to liminf a_t >= lower (monotone
        iteration of an increasing map with an attracting fixed point, perturbed by a vanishing term).

    Examples
    --------
    >>> derive_leakage_interval().certify().verdict
    Verdict.HOLDS
    >>> derive_leakage_interval(lower="q").certify().verdict
    Verdict.FAILS
    """
    L = _endpoint(lower, "lower", _PAPER_LOWER)
    U = _endpoint(upper, "upper", _PAPER_UPPER)
    a = sympy.Symbol("a", positive=True)
    phi = q * a / (a + kappa_1 * (1 - a))
    psi = (1 - q) * a / (a + kappa_2 * (1 - a))  # the same map for b, written in its own variable
    bU = 1 - U
    s_a, s_k = sympy.symbols("s_a s_kappa", positive=True)
    unit_box = {q: (0, 1), kappa_1: (0, 1), kappa_2: (0, 1), a: (0, 1)}  # where counterexamples are sought
    tilted_bound, tilted_identity, tilted_symbols = _tilted_mass_bound()
    step_identities, step_symbols = _basin_step_identities()
    exprs = {
        "phi(a)": phi,
        "lower": L,
        "phi(a) - a": sympy.factor(phi - a),
        "phi'(a)": sympy.factor(sympy.diff(phi, a)),
        "psi(b)": psi.subs(a, sympy.Symbol("b", positive=True)),
        "upper": U,
        "tilted mass bound": tilted_bound,
    }
    identities = (
        tilted_identity,
        *step_identities,
        Identity("lower is a fixed point: phi(lower) = lower", sympy.cancel(phi.subs(a, L) - L), unit_box),
        Identity("phi(a) - a = a (1 - kappa_1)(lower - a) / (a + kappa_1 (1 - a))",
                 phi - a - a * (1 - kappa_1) * (L - a) / (a + kappa_1 * (1 - a)), unit_box),
        Identity("phi is increasing on (0, 1)",
                 sympy.StrictGreaterThan(sympy.diff(phi, a).subs({a: 1 / (1 + s_a), kappa_1: 1 / (1 + s_k)}), 0,
                                         evaluate=False)),
        *_lower_in_unit_interval(L),
        Identity("1 - upper is a fixed point of psi: psi(1 - upper) = 1 - upper",
                 sympy.cancel(psi.subs(a, bU) - bU), unit_box),
        Identity("psi(b) - b = b (1 - kappa_2)((1 - upper) - b) / (b + kappa_2 (1 - b))",
                 psi - a - a * (1 - kappa_2) * (bU - a) / (a + kappa_2 * (1 - a)), unit_box),
    )
    return Derivation(
        name="leakage-interval",
        title="Bound maps behind the leakage interval, their fixed points and monotonicity",
        source="[FALA26] Lemma 3.4 / B.5 (leakage interval)",
        expressions=exprs,
        symbols={str(x): x for x in (q, kappa_1, kappa_2, a, *tilted_symbols, *step_symbols)},
        identities=identities,
        cited=(
            "inputs of the tilted bound from Assumption 2.1(iii): w_1 >= e^{-eps} max w_1 on S_1, "
            "w_1 <= e^{-Delta_1} max w_1 <= e^{-eps} kappa_1 e^{-eps} max w_1 on S_2, w_1 <= e^{-delta} max w_1 outside",
            "perturbed monotone iteration: a_{t+1} >= phi(a_t) - O(m_t), m_t -> 0, a_0 > 0 and phi increasing "
            "with phi(a) > a exactly below the fixed point give liminf a_t >= lower; symmetrically for b_t",
        ),
        notes=("lower and upper are the nontrivial branches; the paper's max{0, .} and min{1, .} cover "
               "q <= kappa_1 and q >= 1 - kappa_2. The argument needs kappa_i < 1: at kappa_i = 1 the ends "
               "have a pole and for kappa_i > 1 they leave [0, 1]."),
    )


# ----------------------------------------------------------------------------------------------
# Lemma 3.5: the non-collapse margin


def _lower_in_unit_interval(L: Any) -> tuple[Identity, Identity]:
    """0 < lower < 1 for q in (κ_1, 1), over a positive parametrisation of κ_1 < q < 1."""
    k1, k2, u, v = sympy.symbols("k_1 k_2 u v", positive=True)
    in_range = {kappa_1: k1 / (k1 + u + v), q: (k1 + u) / (k1 + u + v)}  # kappa_1 < q < 1
    return (
        Identity("lower > 0 for q in (kappa_1, 1)", sympy.StrictGreaterThan(L.subs(in_range), 0, evaluate=False)),
        Identity("lower < 1 for q in (kappa_1, 1)", sympy.StrictGreaterThan((1 - L).subs(in_range), 0, evaluate=False)),
    )


def _tilted_mass_bound() -> tuple[Any, Identity, tuple]:
    """The tilted mass bound π_1(S_1) >= a / (a + κ_1 b + C m): as a relation, as an identity, and
    its symbols."""
    # A = E(a + alpha) >= E a, B = E kappa b/(1+beta) <= E kappa b, M = E C m/(1+gamma)
    aa, bb, mm, C, E = sympy.symbols("a b m C E", positive=True)
    al, be, ga = sympy.symbols("alpha beta gamma", nonnegative=True)
    A, B, M = E * (aa + al), E * kappa_1 * bb / (1 + be), E * C * mm / (1 + ga)
    tilted_gap = A / (A + B + M) - aa / (aa + kappa_1 * bb + C * mm)
    bound = sympy.GreaterThan(A / (A + B + M), aa / (aa + kappa_1 * bb + C * mm), evaluate=False)
    return bound, Identity("tilted mass bound pi_1(S_1) >= a / (a + kappa_1 b + C m)",
                           sympy.GreaterThan(tilted_gap, 0, evaluate=False)), (aa, bb, mm, C, E, al, be, ga)


def _basin_step_identities() -> tuple[tuple[Identity, ...], tuple]:
    """a_{t+1} = q π_1(S_1) + (1 - q) π_2(S_1) >= q π_1(S_1) on a landscape with S_1 = {1, 2},
    S_2 = {3} and one outside atom 4; with their symbols."""
    ps = sympy.symbols("p_1:5", positive=True)
    w1 = sympy.symbols("w_1,1:5", positive=True)
    w2 = sympy.symbols("w_2,1:5", positive=True)
    Z1 = sum(p * w for p, w in zip(ps, w1))
    Z2 = sum(p * w for p, w in zip(ps, w2))
    W = [q * w1[x] / Z1 + (1 - q) * w2[x] / Z2 for x in range(4)]
    a_next = ps[0] * W[0] + ps[1] * W[1]
    pi1_S1 = (ps[0] * w1[0] + ps[1] * w1[1]) / Z1
    pi2_S1 = (ps[0] * w2[0] + ps[1] * w2[1]) / Z2
    s_q = sympy.Symbol("s_q", positive=True)
    unit = {q: 1 / (1 + s_q)}
    return (
        Identity("a_{t+1} = q pi_1(S_1) + (1 - q) pi_2(S_1)", a_next - (q * pi1_S1 + (1 - q) * pi2_S1)),
        Identity("a_{t+1} - q pi_1(S_1) = (1 - q) pi_2(S_1) >= 0 for q < 1",
                 sympy.GreaterThan(((1 - q) * pi2_S1).subs(unit), 0, evaluate=False)),
    ), (*ps, *w1, *w2)


def derive_non_collapse_margin(lower: Any = None, upper: Any = None) -> Derivation:
    r"""Derive positivity of the non-collapse margin of [FALA26] Lemma 3.5 for q ∈ (κ_1, 1 - κ_2).

    Parameters
    ----------
    lower, upper : sympy expression or str in q, kappa_1, kappa_2, optional
        The interval ends (default the paper's (q - κ_1)/(1 - κ_1) and q/(1 - κ_2)).

    Returns
    -------
    Derivation
        Certificate (sympy), under κ_1 = k_1/T, κ_2 = k_2/T, q = (k_1 + u)/T, T = k_1 + k_2 + u + v
        (exactly the set q ∈ (κ_1, 1 - κ_2), κ_i > 0): lower > 0, upper < 1, lower <= q <= upper,
        and η = min(lower, 1 - upper)/2 > 0.  Cited: Lemma 3.4 with m_t → 0 puts a_t in
        [lower - c_ε m_t, upper + c_ε m_t] for t >= t_0, and then η <= a_t <= 1 - η once
        c_ε m_t <= η.

    Examples
    --------
    >>> derive_non_collapse_margin().certify().verdict
    Verdict.HOLDS
    """
    L = _endpoint(lower, "lower", _PAPER_LOWER)
    U = _endpoint(upper, "upper", _PAPER_UPPER)
    k1, k2, u, v = sympy.symbols("k_1 k_2 u v", positive=True)
    T = k1 + k2 + u + v
    sub = {kappa_1: k1 / T, kappa_2: k2 / T, q: (k1 + u) / T}
    Ls, Us, qs = L.subs(sub), U.subs(sub), q.subs(sub)
    eta = sympy.Min(Ls, 1 - Us) / 2
    exprs = {
        "lower": L,
        "upper": U,
        "lower (in range)": sympy.factor(Ls),
        "1 - upper (in range)": sympy.factor(1 - Us),
        "eta": sympy.Min(L, 1 - U) / 2,
    }
    identities = (
        Identity("lower > 0 for q > kappa_1", sympy.StrictGreaterThan(Ls, 0, evaluate=False)),
        Identity("upper < 1 for q < 1 - kappa_2", sympy.StrictGreaterThan(1 - Us, 0, evaluate=False)),
        Identity("lower <= q", sympy.GreaterThan(qs - Ls, 0, evaluate=False)),
        Identity("q <= upper", sympy.GreaterThan(Us - qs, 0, evaluate=False)),
        Identity("eta = min(lower, 1 - upper)/2 > 0", sympy.StrictGreaterThan(eta, 0, evaluate=False)),
    )
    return Derivation(
        name="non-collapse-margin",
        title="The non-collapse margin is positive for q in (kappa_1, 1 - kappa_2)",
        source="[FALA26] Lemma 3.5 / B.6 (uniform non-collapse under bounded leakage)",
        expressions=exprs,
        symbols={str(x): x for x in (q, kappa_1, kappa_2, k1, k2, u, v)},
        identities=identities,
        cited=("Lemma 3.4 with m_t -> 0 gives lower - c_eps m_t <= a_t <= upper + c_eps m_t for t >= t_0; "
               "eta <= a_t <= 1 - eta then holds once c_eps m_t <= eta",),
        notes="The parametrisation is a bijection onto {kappa_1, kappa_2 > 0, kappa_1 < q < 1 - kappa_2}.",
    )
