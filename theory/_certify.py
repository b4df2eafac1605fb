r"""Deciding symbolic identities and inequalities: the engine behind every ``certify()``.

Definitions
-----------
An :class:`Identity` is one statement a derivation carries, in one of three forms:

* a sympy expression ``e``, read as the identity ``e ≡ 0`` on a domain;
* a relation ``lhs < rhs`` (also ``<=``, ``>``, ``>=``, ``==``), read as holding at every point of
  the domain;
* a sympy Boolean (``sympy.true`` / ``sympy.false`` or an unevaluated ``Eq`` of tuples), read as is.

The domain is what the symbols' sympy assumptions allow (``positive=True`` and so on), narrowed
by ``domain`` (open rational intervals per symbol, closed integer ranges for integer symbols) and
``constraints`` (expressions that must be positive).  Constraints that sympy assumptions cannot
express, such as ``α < 1``, are best removed by a parametrisation (``α = 1/(1+a)``, ``a > 0``)
before the statement is built, so that sympy's assumption system sees every premise.

Decisions (sound, incomplete, honest)
-------------------------------------
``HOLDS``
    sympy reduced ``e`` to ``0`` (``cancel``, ``expand``, ``simplify``, after ``doit``), or proved
    the sign from the symbols' assumptions, or evaluated the Boolean to ``True``.
``FAILS``
    sympy proved the negation on the whole assumed domain, or an exact point of the domain was
    found where the statement is false.  The point is given in the evidence; the value there is an
    exact rational when ``evidence["exact"]`` is true, otherwise a closed-form constant whose sign
    sympy decided (its ``evalf`` with precision tracking).
``UNDECIDED``
    everything else, with the reason.  Nothing is guessed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Callable, Mapping

import sympy

from pluralnash.theory._base import CheckResult, InvalidArgument, Verdict

__all__ = ["Identity", "certify_identity", "combine_results"]

# Relation class -> the sign that ``lhs - rhs`` must have everywhere.
_SIGN_OF_RELATION = {
    sympy.StrictLessThan: "negative",
    sympy.LessThan: "nonpositive",
    sympy.StrictGreaterThan: "positive",
    sympy.GreaterThan: "nonnegative",
}
# Sign required -> the sympy property that proves it, and the one that refutes it everywhere.
_SIGN_TESTS = {
    "zero": ("is_zero", None),
    "negative": ("is_negative", "is_nonnegative"),
    "nonpositive": ("is_nonpositive", "is_positive"),
    "positive": ("is_positive", "is_nonpositive"),
    "nonnegative": ("is_nonnegative", "is_negative"),
}
_DEFAULT_TRIES = 48
_SEED = 20260508
_SHORT = 300


def _short(obj: Any, limit: int = _SHORT) -> str:
    text = str(obj)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Identity:
    r"""One statement a derivation asks sympy to decide.

    Parameters
    ----------
    name : str
        What the statement says, in words and the paper's symbols.
    statement : sympy.Basic
        An expression (read ``≡ 0``), a relation, or a Boolean; see the module docstring.
    domain : Mapping[sympy.Symbol, tuple], optional
        Open interval ``(lo, hi)`` (closed for integer symbols) for the counterexample search, per
        symbol.  Symbols left out get ``(0, 4)`` if positive, ``[2, 8]`` if integer, else ``(-4, 4)``.
    constraints : tuple of sympy.Expr, optional
        Expressions that must be positive at a searched point (e.g. ``1 - q_1`` after the
        substitution ``q_2 = 1 - q_1``).

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> Identity("(x+1)^2 - x^2 - 2x - 1 = 0", (x + 1)**2 - x**2 - 2*x - 1).check().verdict
    Verdict.HOLDS
    """

    name: str
    statement: sympy.Basic
    domain: Mapping[sympy.Symbol, tuple] = field(default_factory=dict)
    constraints: tuple = ()

    def __post_init__(self) -> None:
        statement = self.statement
        if not isinstance(statement, sympy.Basic):
            try:
                statement = sympy.sympify(statement, strict=True)
            except (sympy.SympifyError, TypeError) as exc:
                raise InvalidArgument(
                    f"statement={self.statement!r} must be a sympy expression, relation or Boolean; "
                    f"build it with sympy ({exc})"
                ) from None
            object.__setattr__(self, "statement", statement)
        if isinstance(statement, sympy.Ne):
            raise InvalidArgument(
                f"statement={statement} is a '!=' relation, which cannot be certified pointwise; "
                f"state the identity it refutes instead"
            )
        object.__setattr__(self, "domain", MappingProxyType(dict(self.domain)))
        object.__setattr__(self, "constraints", tuple(sympy.sympify(c) for c in self.constraints))

    def check(self, *, tries: int = _DEFAULT_TRIES) -> CheckResult:
        """Decide the statement; see the module docstring for what each verdict means."""
        return _decide(self, tries=tries)


def certify_identity(
    statement: Any,
    *,
    name: str | None = None,
    domain: Mapping[sympy.Symbol, tuple] | None = None,
    constraints: tuple = (),
    tries: int = _DEFAULT_TRIES,
) -> CheckResult:
    r"""Decide one identity or inequality with sympy (the hook for planted false variants).

    Parameters
    ----------
    statement : sympy expression, relation or Boolean
        ``e`` means ``e ≡ 0``; ``Eq(l, r)`` means ``l ≡ r``; ``Lt(l, r)`` means ``l < r`` everywhere.
    name : str, optional
        Defaults to the statement's text.
    domain, constraints
        Where a counterexample is looked for; see :class:`Identity`.
    tries : int, optional
        Number of exact points tried before giving up on a counterexample.

    Returns
    -------
    CheckResult
        ``method="symbolic"``; ``HOLDS`` if sympy proves it, ``FAILS`` with an exact point if it
        is false, ``UNDECIDED`` otherwise.

    Examples
    --------
    A wrong mass identity: without the normalisation by :math:`Z_i`, :math:`\sum_x p'(x) \ne 1`.

    >>> p1, w1, w2 = sympy.symbols("p_1 w_1 w_2", positive=True)
    >>> wrong = sympy.Eq(p1*w1 + (1 - p1)*w2, 1)
    >>> res = certify_identity(wrong, domain={p1: (0, 1)})
    >>> res.verdict, res.evidence["exact"]
    (Verdict.FAILS, True)
    """
    if name is None:
        name = _short(statement)
    return Identity(name, statement, domain or {}, constraints).check(tries=tries)


def combine_results(name: str, results: list[CheckResult], *, evidence: dict | None = None) -> CheckResult:
    """AND of several symbolic checks: FAILS names the first failing piece, UNDECIDED the open ones."""
    pieces = [
        {"name": r.name, "verdict": r.verdict.value, **({"reason": r.reason} if r.reason else {}),
         "evidence": r.evidence}
        for r in results
    ]
    out = dict(evidence or {})
    out["checked"] = pieces
    failed = [r for r in results if r.verdict is Verdict.FAILS]
    if failed:
        first = failed[0]
        return CheckResult(name, Verdict.FAILS, "symbolic", out,
                           reason=f"step '{first.name}' fails: {first.reason}")
    open_ = [r for r in results if r.verdict is Verdict.UNDECIDED]
    if open_:
        names = "; ".join(f"'{r.name}' ({r.reason})" for r in open_)
        return CheckResult(name, Verdict.UNDECIDED, "symbolic", out, reason=f"undecided steps: {names}")
    if not results:
        return CheckResult(name, Verdict.UNDECIDED, "symbolic", out, reason="nothing to check")
    return CheckResult(name, Verdict.HOLDS, "symbolic", out)


# ---------------------------------------------------------------------------------------------
# decision procedure


def _split(statement: sympy.Basic) -> tuple[str, sympy.Basic]:
    """Return ``(kind, expr)``: kind is a sign name for ``expr`` or ``"boolean"``."""
    if isinstance(statement, sympy.Eq):
        lhs, rhs = statement.lhs, statement.rhs
        if isinstance(lhs, sympy.Expr) and isinstance(rhs, sympy.Expr):
            return "zero", lhs - rhs
        return "boolean", statement
    for cls, sign in _SIGN_OF_RELATION.items():
        if isinstance(statement, cls):
            return sign, statement.lhs - statement.rhs
    if isinstance(statement, sympy.Expr):
        return "zero", statement
    return "boolean", statement


# Reductions tried in order; the first that decides the statement wins.
_REDUCTIONS: tuple[tuple[str, Callable[[sympy.Expr], sympy.Expr]], ...] = (
    ("doit", lambda e: e),
    ("cancel", sympy.cancel),
    ("expand+cancel", lambda e: sympy.cancel(sympy.expand(e))),
    ("factor", sympy.factor),
    ("simplify", sympy.simplify),
)


def _decide(identity: Identity, *, tries: int) -> CheckResult:
    kind, expr = _split(identity.statement)
    base = {"statement": _short(identity.statement)}
    if kind == "boolean":
        return _decide_boolean(identity, expr, base)
    try:
        evaluated = expr.doit()
    except Exception as exc:  # sympy raises many types on integrals/limits it cannot do
        return _search_or_undecided(identity, kind, expr, base, tries,
                                    f"sympy could not evaluate the statement ({type(exc).__name__}: {exc})")
    proves, refutes = _SIGN_TESTS[kind]
    last = evaluated
    for label, transform in _REDUCTIONS:
        try:
            form = transform(evaluated)
        except Exception:  # a transform that chokes is skipped, not trusted
            continue
        last = form
        if kind == "zero" and form == 0:
            return CheckResult(identity.name, Verdict.HOLDS, "symbolic",
                               {**base, "reduced_to": "0", "via": label})
        if getattr(form, proves) is True:
            return CheckResult(identity.name, Verdict.HOLDS, "symbolic",
                               {**base, "reduced_to": _short(form), "via": label,
                                "sign": f"{kind} from the symbols' assumptions"})
        refuted = (form.is_zero is False) if kind == "zero" else (getattr(form, refutes) is True)
        if refuted:
            evidence = {**base, "reduced_to": _short(form), "via": label, "exact": True,
                        "proved_everywhere": True}
            witness = _find_counterexample(identity, kind, expr, min(tries, 8))
            if witness is not None:
                evidence.update(counterexample=witness[0], value=_short(witness[1]))
            return CheckResult(identity.name, Verdict.FAILS, "symbolic", evidence,
                               reason=f"sympy proves the negation on the whole domain: {_short(form)}")
    return _search_or_undecided(identity, kind, expr, base, tries,
                                f"sympy could not reduce it (last form: {_short(last, 120)})")


def _decide_boolean(identity: Identity, statement: sympy.Basic, base: dict) -> CheckResult:
    value = statement
    if value not in (sympy.true, sympy.false):
        try:
            value = sympy.simplify(statement)
        except Exception:
            value = statement
    if value is sympy.true:
        return CheckResult(identity.name, Verdict.HOLDS, "symbolic", {**base, "reduced_to": "True"})
    if value is sympy.false:
        return CheckResult(identity.name, Verdict.FAILS, "symbolic",
                           {**base, "reduced_to": "False", "exact": True},
                           reason=f"sympy evaluates {_short(statement, 120)} to False")
    return CheckResult(identity.name, Verdict.UNDECIDED, "symbolic", base,
                       reason=f"sympy cannot decide {_short(statement, 120)}")


def _search_or_undecided(identity, kind, expr, base, tries, why) -> CheckResult:
    witness = _find_counterexample(identity, kind, expr, tries)
    if witness is not None:
        point, value, exact = witness
        evidence = {**base, "counterexample": point, "value": _short(value),
                    "required": kind, "exact": exact}
        return CheckResult(identity.name, Verdict.FAILS, "symbolic", evidence,
                           reason=f"false at {point}: lhs - rhs = {_short(value, 80)} there, "
                                  f"but the statement needs it {kind}")
    return CheckResult(identity.name, Verdict.UNDECIDED, "symbolic", {**base, "points_tried": tries},
                       reason=f"{why}; no counterexample among {tries} exact points")


def _interval_for(symbol: sympy.Symbol, domain: Mapping) -> tuple:
    if symbol in domain:
        return domain[symbol]
    if symbol.is_integer:
        return (2, 8) if symbol.is_positive else (-4, 4)
    if symbol.is_positive or symbol.is_nonnegative:
        return (0, 4)
    return (-4, 4)


def _draw(rng: random.Random, symbol: sympy.Symbol, interval: tuple) -> sympy.Rational:
    lo, hi = (sympy.Rational(str(Fraction(v))) if not isinstance(v, sympy.Basic) else sympy.Rational(v)
              for v in interval)
    if symbol.is_integer:
        return sympy.Integer(rng.randint(int(sympy.ceiling(lo)), int(sympy.floor(hi))))
    den = rng.randint(2, 12)
    num = rng.randint(1, den - 1)
    return lo + (hi - lo) * sympy.Rational(num, den)


def _violates(value: sympy.Expr, kind: str) -> tuple[bool, bool]:
    """``(violated, exact)`` for the required sign at one exact point; ``(False, _)`` if unsure."""
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.free_symbols:
        return False, False
    if not value.is_Rational:
        simpler = sympy.simplify(value)
        if simpler.is_Rational:
            value = simpler
    exact = bool(value.is_Rational)
    prop = {"zero": "is_zero", "negative": "is_negative", "nonpositive": "is_nonpositive",
            "positive": "is_positive", "nonnegative": "is_nonnegative"}[kind]
    return getattr(value, prop) is False, exact


def _find_counterexample(identity: Identity, kind: str, expr: sympy.Expr, tries: int):
    symbols = sorted(expr.free_symbols | set().union(*(c.free_symbols for c in identity.constraints)),
                     key=lambda s: s.name)
    if not symbols or tries <= 0:
        if symbols:
            return None
        value = expr.doit()
        violated, exact = _violates(value, kind)
        return ({}, value, exact) if violated else None
    rng = random.Random(_SEED)
    for _ in range(tries):
        point = {s: _draw(rng, s, _interval_for(s, identity.domain)) for s in symbols}
        if any(not (c.xreplace(point) > 0) for c in identity.constraints):
            continue
        try:
            value = expr.xreplace(point).doit()
        except Exception:
            continue
        violated, exact = _violates(value, kind)
        if violated:
            return {s.name: str(v) for s, v in point.items()}, value, exact
    return None
