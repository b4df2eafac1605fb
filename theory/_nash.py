r"""Weighted Nash bargaining on the segment between the basin laws ([FALA26] Theorem 3.7).

Definitions
-----------
Fixed laws :math:`P_1, P_2`; :math:`p_\alpha = \alpha P_1 + (1-\alpha) P_2`, :math:`\alpha \in [0,1]`;
utilities :math:`u_i(p) = E_p[r_i]`, so :math:`u_i(p_\alpha) = \alpha\,u_i(P_1) + (1-\alpha)\,u_i(P_2)`;
disagreement point :math:`d_1 = u_1(P_2)`, :math:`d_2 = u_2(P_1)`; weighted Nash product

.. math:: N(\alpha) = (u_1(p_\alpha) - d_1)^q\,(u_2(p_\alpha) - d_2)^{1-q}.

Premises: :math:`A = u_1(P_1) - u_1(P_2) > 0`, :math:`B = u_2(P_2) - u_2(P_1) > 0`, :math:`q \in (0,1)`.

Python spellings: ``alpha`` for α, ``u1P1`` for :math:`u_1(P_1)` (also ``u1P2``, ``u2P1``, ``u2P2``).
``alpha`` and ``q`` are declared positive; the upper bounds α < 1, q < 1 cannot be sympy
assumptions, so the certificates substitute :math:`\alpha = 1/(1+s_\alpha)`, :math:`q = 1/(1+s_q)`
with :math:`s_\alpha, s_q > 0` (a bijection onto (0,1)) and :math:`u_1(P_1) = u_1(P_2) + A`,
:math:`u_2(P_2) = u_2(P_1) + B` with :math:`A, B > 0`, so that every premise is visible to sympy.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

from pluralnash.theory._base import CheckResult, InvalidArgument, Verdict
from pluralnash.theory._certify import Identity, _short
from pluralnash.theory._derivation import Derivation

__all__ = ["certify_nash_maximiser", "derive_nash_foc", "derive_nash_product"]

_SOURCE = "[FALA26] Theorem 3.7 / B.7 (weighted Nash bargaining)"

alpha = sympy.Symbol("alpha", positive=True)
q = sympy.Symbol("q", positive=True)
u1P1, u1P2, u2P1, u2P2 = sympy.symbols("u1P1 u1P2 u2P1 u2P2", real=True)
_A, _B = sympy.symbols("A B", positive=True)
_s_alpha, _s_q = sympy.symbols("s_alpha s_q", positive=True)

_U1 = alpha * u1P1 + (1 - alpha) * u1P2
_U2 = alpha * u2P1 + (1 - alpha) * u2P2
_D1, _D2 = u1P2, u2P1
_N = (_U1 - _D1) ** q * (_U2 - _D2) ** (1 - q)
_LOG_N = q * sympy.log(_U1 - _D1) + (1 - q) * sympy.log(_U2 - _D2)
_PREMISES = {u1P1: u1P2 + _A, u2P2: u2P1 + _B}
_UNIT = {alpha: 1 / (1 + _s_alpha), q: 1 / (1 + _s_q)}
_SYMBOLS = {s.name: s for s in (alpha, q, u1P1, u1P2, u2P1, u2P2)}
_LATEX_NAMES = {u1P1: "u_1(P_1)", u1P2: "u_1(P_2)", u2P1: "u_2(P_1)", u2P2: "u_2(P_2)"}
# Display forms; the certificates check that sympy's own derivatives equal them.
_DLOGN = (q - alpha) / (alpha * (1 - alpha))
_D2LOGN = -q / alpha ** 2 - (1 - q) / (1 - alpha) ** 2


def _on_premises(expr: sympy.Basic, *, with_alpha: bool = True) -> sympy.Basic:
    """Rewrite ``expr`` so that A, B > 0 and α, q ∈ (0,1) are sympy assumptions."""
    unit = _UNIT if with_alpha else {q: _UNIT[q]}
    return expr.subs(_PREMISES).subs(unit)


def _dlogN() -> sympy.Expr:
    return sympy.factor(sympy.cancel(sympy.diff(_LOG_N, alpha)))


def _nash_derivation(name: str, title: str, exprs: dict, labels: dict, identities: tuple, **more: Any) -> Derivation:
    """A derivation on the two-policy mixture p_alpha: the module's source, symbols and LaTeX names."""
    return Derivation(name=name, title=title, source=_SOURCE, expressions=exprs, symbols=_SYMBOLS, labels=labels,
                      latex_names=_LATEX_NAMES, identities=identities, **more)


def derive_nash_product() -> Derivation:
    r"""Derive the factorisation of the weighted Nash product and its unique maximiser α* = q.

    Returns
    -------
    Derivation
        Expressions :math:`u_i(p_\alpha)`, :math:`d_i`, :math:`N(\alpha)`, :math:`A`, :math:`B`,
        :math:`N = A^q B^{1-q} \alpha^q (1-\alpha)^{1-q}`, :math:`\log N`,
        :math:`\tfrac{d}{d\alpha}\log N = (q-\alpha)/(\alpha(1-\alpha))`,
        :math:`\tfrac{d^2}{d\alpha^2}\log N` and :math:`\alpha^* = q`.

        Certificate (sympy, under the premises): :math:`u_1(p_\alpha) - d_1 \equiv \alpha A` and
        :math:`u_2(p_\alpha) - d_2 \equiv (1-\alpha) B`; :math:`\log N` splits into
        :math:`q\log(u_1-d_1) + (1-q)\log(u_2-d_2)`; the factorisation (as equality of logs of two
        positive numbers); the derivative formula; :math:`\tfrac{d^2}{d\alpha^2}\log N < 0` on
        (0,1); ``sympy.solve`` of the first-order condition gives exactly ``[q]``;
        :math:`N(0) = N(1) = 0 < N(q)`.  Cited: a strictly concave function on (0,1) with an
        interior stationary point has its unique maximum there; with the endpoint values this makes
        :math:`\alpha^* = q` the unique maximiser over [0,1].

    Examples
    --------
    >>> d = derive_nash_product()
    >>> d.expressions["alpha*"]
    q
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    A_expr, B_expr = u1P1 - u1P2, u2P2 - u2P1
    factorised = A_expr ** q * B_expr ** (1 - q) * alpha ** q * (1 - alpha) ** (1 - q)
    d1 = _dlogN()
    d2 = sympy.factor(sympy.cancel(sympy.diff(d1, alpha)))
    solutions = sympy.solve(sympy.numer(sympy.together(d1)), alpha)
    exprs = {
        "u_1(p_alpha)": _U1, "u_2(p_alpha)": _U2, "d_1": _D1, "d_2": _D2,
        "premise u_1": sympy.StrictGreaterThan(u1P1, u1P2, evaluate=False),
        "premise u_2": sympy.StrictGreaterThan(u2P2, u2P1, evaluate=False),
        "N(alpha)": _N, "A": A_expr, "B": B_expr, "N factorised": factorised,
        "log N": _LOG_N, "d/dalpha log N": _DLOGN, "d2/dalpha2 log N": _D2LOGN,
        "alpha*": solutions[0] if len(solutions) == 1 else sympy.Tuple(*solutions),
    }
    labels = {
        "u_1(p_alpha)": r"u_1(p_\alpha)", "u_2(p_alpha)": r"u_2(p_\alpha)", "d_1": "d_1", "d_2": "d_2",
        "premise u_1": r"\text{premise}", "premise u_2": r"\text{premise}",
        "N(alpha)": r"N(\alpha)", "A": "A", "B": "B", "N factorised": r"N(\alpha)",
        "log N": r"\log N(\alpha)", "d/dalpha log N": r"\frac{d}{d\alpha}\log N",
        "d2/dalpha2 log N": r"\frac{d^2}{d\alpha^2}\log N", "alpha*": r"\alpha^*",
    }
    identities = _nash_product_identities(A_expr, B_expr, factorised, d1, d2, solutions)
    return _nash_derivation(
        "nash-product", "Weighted Nash product on p_alpha = alpha P_1 + (1-alpha) P_2 is maximised at alpha* = q",
        exprs, labels, identities,
        cited=("a strictly concave function on (0,1) with an interior stationary point attains its unique "
               "maximum there; with N(0) = N(1) = 0 < N(q) the maximiser over [0,1] is unique",),
        notes=(
            "Premises A = u1(P1) - u1(P2) > 0, B = u2(P2) - u2(P1) > 0, q in (0,1). The certificate sees "
            "them through the substitutions u1P1 = u1P2 + A, u2P2 = u2P1 + B (A, B > 0), alpha = 1/(1+s_alpha), "
            "q = 1/(1+s_q) (s > 0). N depends on P_1, P_2 only through A and B, and alpha* = q does not "
            "depend on them at all."
        ),
    )


def _nash_product_identities(A_expr: Any, B_expr: Any, factorised: Any, d1: Any, d2: Any,
                             solutions: list) -> tuple[Identity, ...]:
    """The factorisation of N, the derivatives of log N, its concavity, the root alpha* = q and the ends."""
    return (
        Identity("u_1(p_alpha) - d_1 = alpha A", _U1 - _D1 - alpha * A_expr),
        Identity("u_2(p_alpha) - d_2 = (1 - alpha) B", _U2 - _D2 - (1 - alpha) * B_expr),
        Identity("log N = q log(u_1 - d_1) + (1 - q) log(u_2 - d_2) (both factors > 0)",
                 _on_premises(sympy.log(_N) - _LOG_N)),
        Identity("N = A^q B^(1-q) alpha^q (1-alpha)^(1-q) (as log N = log of the product; both > 0)",
                 _on_premises(sympy.log(_N) - sympy.log(factorised))),
        Identity("d/dalpha log N = (q - alpha) / (alpha (1 - alpha))", d1 - _DLOGN),
        Identity("d2/dalpha2 log N = -q/alpha^2 - (1-q)/(1-alpha)^2", d2 - _D2LOGN),
        Identity("d2/dalpha2 log N < 0 for alpha, q in (0,1)",
                 sympy.StrictLessThan(_on_premises(d2), 0, evaluate=False)),
        Identity("sympy.solve(d/dalpha log N = 0, alpha) == [q]",
                 sympy.Eq(sympy.Tuple(*solutions), sympy.Tuple(q))),
        Identity("N(0) = 0 for q in (0,1)", _on_premises(_N.subs(alpha, 0), with_alpha=False)),
        Identity("N(1) = 0 for q in (0,1)", _on_premises(_N.subs(alpha, 1), with_alpha=False)),
        Identity("N(q) > 0", sympy.StrictGreaterThan(_on_premises(_N.subs(alpha, q), with_alpha=False), 0,
                                                     evaluate=False)),
    )


def derive_nash_foc() -> Derivation:
    r"""Derive the first-order condition :math:`\tfrac{d}{d\alpha}\log N = 0` and solve it.

    Returns
    -------
    Derivation
        ``"log N"``, ``"d/dalpha log N"``, ``"FOC"`` (an ``Eq`` that ``sympy.solve`` accepts),
        ``"solutions"`` (the list ``sympy.solve`` returns, as a Tuple) and ``"alpha*"``.
        Certificate: the solution list is exactly ``[q]``, the derivative vanishes at
        :math:`\alpha = q`, and it equals :math:`(q-\alpha)/(\alpha(1-\alpha))`.

    Examples
    --------
    >>> d = derive_nash_foc()
    >>> sympy.solve(d.expressions["FOC"], d.symbols["alpha"]) == [d.symbols["q"]]
    True
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    d1 = _dlogN()
    foc = sympy.Eq(d1, 0)
    solutions = sympy.solve(foc, alpha)
    exprs = {
        "log N": _LOG_N,
        "d/dalpha log N": _DLOGN,
        "FOC": foc,
        "solutions": sympy.Tuple(*solutions),
        "alpha*": solutions[0] if len(solutions) == 1 else sympy.Tuple(*solutions),
    }
    labels = {"log N": r"\log N(\alpha)", "d/dalpha log N": r"\frac{d}{d\alpha}\log N",
              "FOC": r"\text{FOC}", "solutions": r"\text{solve}", "alpha*": r"\alpha^*"}
    identities = (
        Identity("sympy.solve(FOC, alpha) == [q]", sympy.Eq(sympy.Tuple(*solutions), sympy.Tuple(q))),
        Identity("d/dalpha log N vanishes at alpha = q", d1.subs(alpha, q)),
        Identity("d/dalpha log N = (q - alpha) / (alpha (1 - alpha))", d1 - _DLOGN),
    )
    return _nash_derivation(
        "nash-foc", "First-order condition of the weighted Nash product: alpha* = q", exprs, labels, identities,
        notes="Second-order condition and endpoint values: see derive_nash_product().",
    )


@lru_cache(maxsize=1)
def _nash_certificate() -> CheckResult:
    return derive_nash_product().certify()


def _sample_q() -> list[sympy.Rational]:
    """Rationals in (0,1) by increasing denominator: 1/2, 1/3, 2/3, 1/4, 3/4, ..."""
    seen: list[sympy.Rational] = []
    for den in range(2, 17):
        for num in range(1, den):
            value = sympy.Rational(num, den)
            if value not in seen:
                seen.append(value)
    return seen


def _as_candidate(candidate: Any) -> sympy.Expr:
    if isinstance(candidate, str):
        try:
            expr = sympy.parse_expr(candidate, local_dict={"q": q})
        except Exception as exc:  # parse errors come in many types
            raise InvalidArgument(
                f"candidate={candidate!r} does not parse as a sympy expression in q ({exc}); write e.g. 'q**2'"
            ) from None
    elif isinstance(candidate, Fraction):
        expr = sympy.Rational(candidate.numerator, candidate.denominator)
    elif isinstance(candidate, float):
        raise InvalidArgument(
            f"candidate={candidate!r} is a float; pass an exact value such as sympy.Rational(1, 2) or '1/2'"
        )
    else:
        try:
            expr = sympy.sympify(candidate, strict=True)
        except (sympy.SympifyError, TypeError):
            raise InvalidArgument(
                f"candidate={candidate!r} must be a sympy expression in q (e.g. q**2), a string or a Fraction"
            ) from None
    if not isinstance(expr, sympy.Expr):
        raise InvalidArgument(f"candidate={candidate!r} must be an expression in q, not {type(expr).__name__}")
    rename = {s: q for s in expr.free_symbols if s.name == "q"}
    expr = expr.xreplace(rename)
    extra = sorted(s.name for s in expr.free_symbols if s != q)
    if extra:
        raise InvalidArgument(
            f"candidate={candidate!r} may depend on q only, but also uses {', '.join(extra)}; "
            f"the maximiser of N is a function of q alone"
        )
    return expr


def certify_nash_maximiser(candidate: Any) -> CheckResult:
    r"""Decide whether α* = ``candidate`` (a function of q) maximises N for every q ∈ (0,1).

    The hook for planted false variants of [FALA26] Theorem 3.7.

    Parameters
    ----------
    candidate : sympy.Expr, str or Fraction
        An expression in ``q`` (any symbol named ``q``), e.g. ``q``, ``q**2``, ``"1 - q"``.

    Returns
    -------
    CheckResult
        ``method="symbolic"``.  ``HOLDS`` if ``candidate - q`` simplifies to 0 and the certificate of
        :func:`derive_nash_product` holds.  ``FAILS`` with a rational :math:`q_0 \in (0,1)`: preferably
        one where :math:`c = \text{candidate}(q_0)` is a rational in (0,1) and
        :math:`\tfrac{d}{d\alpha}\log N(c) = (q_0 - c)/(c(1-c))` is an exact nonzero rational (N strictly
        increases or decreases through c, so c is no maximiser); else one where c is 0 or 1
        (:math:`N(c) = 0 < N(q_0)`) or outside [0,1] (not a feasible α), or irrational with the sign
        decided by sympy (``evidence["exact"]`` is then false).  ``UNDECIDED`` otherwise.

    Raises
    ------
    InvalidArgument
        If the candidate uses symbols other than q, or is a float.

    Examples
    --------
    >>> certify_nash_maximiser(q).verdict
    Verdict.HOLDS
    >>> res = certify_nash_maximiser(q**2)
    >>> res.verdict, res.evidence["q"], res.evidence["candidate_at_q"], res.evidence["dlogN_at_candidate"]
    (Verdict.FAILS, '1/2', '1/4', '4/3')
    """
    expr = _as_candidate(candidate)
    name = f"alpha* = {expr} maximises the weighted Nash product for all q in (0,1)"
    base = _nash_certificate()
    evidence: dict[str, Any] = {"candidate": str(expr), "nash_product_certificate": base.verdict.value}
    difference = expr - q
    for transform in (sympy.cancel, sympy.simplify):
        try:
            reduced = transform(difference)
        except Exception:
            continue
        if reduced == 0:
            if base.verdict is Verdict.HOLDS:
                return CheckResult(name, Verdict.HOLDS, "symbolic", {**evidence, "reduced_to": "0"})
            return CheckResult(name, Verdict.UNDECIDED, "symbolic", evidence,
                               reason=f"candidate equals q, but the Nash product certificate is "
                                      f"{base.verdict.value}: {base.reason}")
    decisive, fallback = _refute_at_sampled_q(expr, name, evidence)
    if decisive is not None:
        return decisive
    if fallback is not None:
        if fallback.evidence.get("exact") is False and base.verdict is not Verdict.HOLDS:
            return CheckResult(name, Verdict.UNDECIDED, "symbolic", fallback.evidence,
                               reason="candidate differs from q, but uniqueness of the maximiser is not certified")
        return fallback
    return CheckResult(name, Verdict.UNDECIDED, "symbolic", evidence,
                       reason="sympy could not reduce candidate - q to 0 and no sampled q in (0,1) separates them")


def _refute_at_sampled_q(expr: Any, name: str, evidence: dict) -> tuple[CheckResult | None, CheckResult | None]:
    """Compare the candidate with q at sampled q in (0, 1): (an exact FAILS where d/dα log N is
    nonzero at the candidate, or None; the first weaker FAILS found, or None)."""
    fallback = None
    for q0 in _sample_q():
        value = expr.subs(q, q0)
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not value.is_extended_real:
            continue
        if not value.is_Rational:
            value = sympy.simplify(value)
        point = {**evidence, "q": str(q0), "candidate_at_q": _short(value)}
        if value.is_Rational:
            if value == q0:
                continue
            if 0 < value < 1:
                slope = (q0 - value) / (value * (1 - value))
                return CheckResult(name, Verdict.FAILS, "symbolic", {
                    **point, "dlogN_at_candidate": str(slope), "sign": "positive" if slope > 0 else "negative",
                    "exact": True,
                    "explanation": "d/dalpha log N = (q - alpha)/(alpha (1 - alpha)) is nonzero at alpha = "
                                   "candidate, so N is strictly monotone through it: not a maximiser",
                }, reason=f"at q = {q0}, d/dalpha log N at alpha = {value} is {slope} != 0"), None
            if fallback is None:
                why = ("N(candidate) = 0 < N(q)" if value in (0, 1)
                       else "candidate is outside [0, 1], not a feasible alpha")
                fallback = CheckResult(name, Verdict.FAILS, "symbolic", {**point, "exact": True, "explanation": why},
                                       reason=f"at q = {q0}, candidate = {value}: {why}")
            continue
        gap = q0 - value
        if fallback is None and (gap.is_positive or gap.is_negative):
            sign = "positive" if gap.is_positive else "negative"
            fallback = CheckResult(name, Verdict.FAILS, "symbolic", {
                **point, "q_minus_candidate_sign": sign, "exact": False,
                "explanation": "q - candidate has a sign decided by sympy, so candidate != q, the unique "
                               "maximiser (derive_nash_product)",
            }, reason=f"at q = {q0}, candidate = {_short(value, 60)} != q")
    return None, fallback
