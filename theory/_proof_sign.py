r"""Sign arguments and exact-point cross-checks for proof steps (see :mod:`pluralnash.theory._proof`).

Definitions
-----------
A *sign* is one of ``"positive"``, ``"negative"``, ``"zero"``, ``"nonnegative"``, ``"nonpositive"``
or ``None`` (unknown).  :func:`sign_of` derives it from the symbols' sympy assumptions by the rules
of signed arithmetic: a sum of nonnegative terms is nonnegative, a product's sign is the product of
its factors' signs, an even power is nonnegative (a negative even power is positive wherever it is
defined: statements are asserted where their expressions are defined), ``exp`` is positive, a finite sum ``Σ_{x=a}^{b}``
of nonnegative terms is nonnegative (positive when its terms are positive and ``b >= a``).
Nothing is guessed: an undecided piece makes the whole undecided.

Where no form of an inequality's expression has a known sign, each ``c log u`` (u > 0) in it is
replaced by a bound in the direction the inequality needs, by the tangents of the concave log at 1:
``1 − 1/u ≤ log u ≤ u − 1`` (:func:`log_tangent_bound`), inside finite sums term by term; the sign
of the bound then decides the statement.  Sums are also split into index-free factors times sums
(``Σ_x c f(x) = c Σ_x f(x)``, :func:`split_sums`), so equal sums cancel.
"""

from __future__ import annotations

import random
from typing import Mapping

import sympy

__all__ = ["decide_sign", "exchange_sums", "log_tangent_bound", "merge_sums", "numeric_check", "sign_of", "split_sums"]

_NEEDS = {
    "zero": {"zero"},
    "positive": {"positive"},
    "negative": {"negative"},
    "nonnegative": {"positive", "zero", "nonnegative"},
    "nonpositive": {"negative", "zero", "nonpositive"},
}
_FLIP = {"positive": "negative", "negative": "positive", "zero": "zero",
         "nonnegative": "nonpositive", "nonpositive": "nonnegative", None: None}


def _by_assumptions(e: sympy.Expr) -> str | None:
    if e.is_zero is True:
        return "zero"
    if e.is_positive is True:
        return "positive"
    if e.is_negative is True:
        return "negative"
    if e.is_nonnegative is True:
        return "nonnegative"
    if e.is_nonpositive is True:
        return "nonpositive"
    return None


def _add_signs(signs: list) -> str | None:
    if None in signs:
        return None
    if all(s in ("positive", "zero", "nonnegative") for s in signs):
        return "positive" if "positive" in signs else ("zero" if all(s == "zero" for s in signs) else "nonnegative")
    if all(s in ("negative", "zero", "nonpositive") for s in signs):
        return "negative" if "negative" in signs else ("zero" if all(s == "zero" for s in signs) else "nonpositive")
    return None


def _mul_signs(signs: list) -> str | None:
    if "zero" in signs:
        return "zero"
    if None in signs:
        return None
    negative = sum(s in ("negative", "nonpositive") for s in signs) % 2 == 1
    strict = all(s in ("positive", "negative") for s in signs)
    if strict:
        return "negative" if negative else "positive"
    return "nonpositive" if negative else "nonnegative"


def sign_of(e: sympy.Expr) -> str | None:
    """The sign of ``e`` from its symbols' assumptions, or ``None``."""
    known = _by_assumptions(e)
    if known in ("zero", "positive", "negative"):
        return known
    found = _structural(e)
    if found is not None:
        return found
    return known


def _structural(e: sympy.Expr) -> str | None:
    if isinstance(e, sympy.Add):
        return _add_signs([sign_of(a) for a in e.args])
    if isinstance(e, sympy.Mul):
        return _mul_signs([sign_of(a) for a in e.args])
    if isinstance(e, sympy.Pow):
        base, ex = e.args
        if ex.is_integer and ex.is_even and base.is_real is not False:
            inner = sign_of(base)
            if inner in ("positive", "negative") or ex.is_negative:
                # 1/x^2 > 0 wherever it is defined (x = 0 is a pole, not a point of the statement)
                return "positive"
            return "nonnegative"
        inner = sign_of(base)
        if inner == "positive" and ex.is_real:
            return "positive"
        if inner in ("nonnegative", "zero") and ex.is_positive:
            return "nonnegative"
        if ex.is_integer and inner is not None:
            return inner if ex.is_odd else ("positive" if inner in ("positive", "negative") else "nonnegative")
        return None
    if isinstance(e, sympy.exp):
        return "positive" if e.args[0].is_real else None
    if isinstance(e, sympy.Sum):
        return _sum_sign(e)
    return None


def _sum_sign(e: sympy.Sum) -> str | None:
    term = sign_of(e.function)
    nonempty = all((b - a).is_nonnegative is True for _i, a, b in e.limits)
    if term == "positive":
        return "positive" if nonempty else "nonnegative"
    if term == "negative":
        return "negative" if nonempty else "nonpositive"
    if term in ("nonnegative", "nonpositive", "zero"):
        return term
    return None


def merge_sums(expr: sympy.Expr) -> sympy.Expr:
    """Pull index-free factors into their sums and merge sums over the same range into one."""
    expr = sympy.expand(expr)
    groups: dict = {}
    rest = []
    for term in sympy.Add.make_args(expr):
        coeff, sums = sympy.Integer(1), []
        for f in sympy.Mul.make_args(term):
            if isinstance(f, sympy.Sum):
                sums.append(f)
            else:
                coeff *= f
        if len(sums) != 1:
            rest.append(term)
            continue
        s = sums[0]
        idx = tuple(lim[0] for lim in s.limits)
        if any(coeff.has(i) for i in idx):
            rest.append(term)
            continue
        groups.setdefault(s.limits, []).append(coeff * s.function)
    merged = [sympy.Sum(sympy.factor(sympy.expand(sympy.Add(*fs))), *lims) for lims, fs in groups.items()]
    return sympy.Add(*rest, *merged)


def split_sums(expr: sympy.Expr) -> sympy.Expr:
    """Each one-index sum written as Σ (index-free factor) × (sum of the rest): Σ_x (c f(x) + g(x)) = c Σ f + Σ g."""
    def split(e):
        if not isinstance(e, sympy.Sum):
            return e
        idx = e.limits[0][0]  # the innermost index of a sum over several
        out = []
        for term in sympy.Add.make_args(sympy.expand(e.function, log=False)):
            const = [f for f in sympy.Mul.make_args(term) if idx not in f.free_symbols]
            rest = [f for f in sympy.Mul.make_args(term) if idx in f.free_symbols]
            out.append(sympy.Mul(*const) * sympy.Sum(sympy.Mul(*rest), e.limits[0]))
        inner = sympy.Add(*out)
        if len(e.limits) == 1:
            return inner
        if isinstance(inner, sympy.Sum):  # nothing free of the innermost index: sympy would nest it back
            return e
        return split(sympy.Sum(inner, *e.limits[1:]))
    return expr.replace(lambda e: isinstance(e, sympy.Sum), split)


def exchange_sums(expr: sympy.Expr) -> sympy.Expr:
    """Each nested finite sum Σ_x c(x) Σ_i f(i, x) written as Σ_i Σ_x c(x) f(i, x) (finite sums commute).

    Only where the inner range does not depend on x; then :func:`split_sums` pulls each factor free
    of x out of the new inner sum.
    """
    def swap(e):
        if not isinstance(e, sympy.Sum) or len(e.limits) != 1:
            return e
        idx = e.limits[0][0]
        out = []
        for term in sympy.Add.make_args(sympy.expand(e.function, log=False)):
            inner = [f for f in sympy.Mul.make_args(term) if isinstance(f, sympy.Sum) and idx in f.free_symbols]
            lim = inner[0].limits if len(inner) == 1 else ()
            if len(lim) != 1 or idx in lim[0][1].free_symbols | lim[0][2].free_symbols:
                out.append(sympy.Sum(term, e.limits[0]))
                continue
            rest = sympy.Mul(*(f for f in sympy.Mul.make_args(term) if f is not inner[0]))
            if lim[0][0] in rest.free_symbols or lim[0][0] == idx:
                out.append(sympy.Sum(term, e.limits[0]))
                continue
            out.append(sympy.Sum(sympy.Sum(rest * inner[0].function, e.limits[0]), lim[0]))
        return sympy.Add(*out)
    return expr.replace(lambda e: isinstance(e, sympy.Sum), swap)


def _nonempty(s: sympy.Sum) -> bool:
    return all((b - a + 1).is_nonnegative is True for _i, a, b in s.limits)


def log_tangent_bound(expr: sympy.Expr, lower: bool) -> sympy.Expr | None:
    r"""A bound of ``expr`` (below if ``lower``) with every ``c log u`` replaced by a tangent of log.

    ``log u ≤ u − 1`` and ``log u ≥ 1 − 1/u`` for u > 0; a term ``c log u`` with ``c ≥ 0`` (``≤ 0``)
    takes the bound of ``log u`` in the needed direction (the other one).  A finite sum is bounded
    term by term.  ``None`` when a logarithm is not of that form (its argument or coefficient has no
    known sign, or it sits inside another function): nothing is guessed.
    """
    out = []
    for term in sympy.Add.make_args(sympy.expand(expr, log=False)):
        if not term.has(sympy.log):
            out.append(term)
            continue
        factors = sympy.Mul.make_args(term)
        logs = [f for f in factors if isinstance(f, (sympy.log, sympy.Sum)) and f.has(sympy.log)]
        coeff = sympy.Mul(*(f for f in factors if f not in logs))
        sign = sign_of(coeff)
        if len(logs) != 1 or coeff.has(sympy.log) or sign is None:
            return None
        up = (sign in ("negative", "nonpositive")) == lower  # the bound of the log factor needed
        f = logs[0]
        if isinstance(f, sympy.Sum):
            inner = log_tangent_bound(f.function, lower=not up) if _nonempty(f) else None
            if inner is None:
                return None
            out.append(coeff * sympy.Sum(inner, *f.limits))
            continue
        u = f.args[0]
        if sign_of(u) != "positive" or u.has(sympy.log):
            return None
        out.append(coeff * ((u - 1) if up else (1 - 1 / u)))
    return sympy.Add(*out)


# together-then-factor first: cancel expands nested fractions, which can take minutes
_CHEAP = (("together", lambda e: sympy.factor(sympy.together(e))), ("factor", sympy.factor),
          ("cancel", sympy.cancel))
_COSTLY = (("expand", lambda e: sympy.cancel(sympy.expand(e))), ("simplify", sympy.simplify))


def _forms(expr: sympy.Expr, transforms):
    if transforms is _CHEAP:
        if expr.has(sympy.Sum):
            pulled = expr.replace(lambda e: isinstance(e, sympy.Sum), sympy.factor_terms)
            yield "merge", merge_sums(expr)
            yield "sum factors", sympy.cancel(pulled)
        else:
            yield "as stated", expr
    for label, f in transforms:
        try:
            yield label, f(expr)
        except Exception:  # a transform sympy cannot do is skipped, never trusted
            continue
    if transforms is _CHEAP and expr.has(sympy.Sum):
        yield "sums split", sympy.cancel(split_sums(expr))
        yield "sums exchanged", sympy.cancel(split_sums(exchange_sums(split_sums(expr))))


def _decide_once(kind: str, expr: sympy.Expr, transforms=_CHEAP) -> str | None:
    for label, form in _forms(expr, transforms):
        if kind == "zero":
            if form == 0 or (isinstance(form, sympy.Sum) and form.function == 0):
                return f"identity (reduces to 0 by {label})"
            continue
        s = sign_of(form)
        if s in _NEEDS[kind]:
            return f"sign argument ({label}: {s} from the assumptions)"
        if isinstance(form, sympy.Expr) and not form.has(sympy.Sum):
            num, den = sympy.fraction(form)
            s = _mul_signs([sign_of(num), sign_of(den)])
            if s in _NEEDS[kind]:
                return f"sign argument (numerator and denominator: {s})"
    return None


def _reparametrise(expr: sympy.Expr, intervals: Mapping) -> sympy.Expr:
    subs = {}
    for sym, (lo, hi) in intervals.items():
        if sym not in expr.free_symbols:
            continue
        s = sympy.Symbol(f"s_{sym.name}", positive=True)
        lo, hi = sympy.sympify(lo), sympy.sympify(hi)
        subs[sym] = lo + s if hi is sympy.oo else (lo + hi * s) / (1 + s)
    return expr.xreplace(subs) if subs else expr


def decide_sign(kind: str, expr: sympy.Expr, intervals: Mapping) -> str | None:
    """How ``expr`` is shown to have the sign ``kind`` needs, or ``None`` if it is not."""
    try:
        expr = expr.doit() if not expr.has(sympy.Sum) else expr
    except Exception:
        pass
    moved = _reparametrise(expr, intervals)
    for transforms in (_CHEAP, _COSTLY):
        how = _decide_once(kind, expr, transforms)
        if how is not None:
            return how
        if moved is not expr:
            how = _decide_once(kind, moved, transforms)
            if how is not None:
                return how + ", with the open intervals reparametrised"
    if kind != "zero" and expr.has(sympy.log):
        bound = log_tangent_bound(expr, lower=kind in ("positive", "nonnegative"))
        if bound is not None and not bound.has(sympy.log):
            how = decide_sign(kind, bound, intervals)
            if how is not None:
                return f"tangent bounds of log (1 - 1/u <= log u <= u - 1), then {how}"
    return None


# ---------------------------------------------------------------------------------------------
# exact-point cross-checks


def _draw(rng: random.Random, lo, hi) -> sympy.Rational:
    den = rng.randint(2, 13)
    return sympy.Rational(lo) + (sympy.Rational(hi) - sympy.Rational(lo)) * sympy.Rational(rng.randint(1, den - 1), den)


def _value_for(rng: random.Random, sym, intervals: Mapping):
    if sym.name.startswith("sigma_"):
        # slack of a given: 0 (the given is tight), small, or large, in equal shares
        pick = rng.randrange(3)
        if pick == 0 and not sym.is_positive:
            return sympy.Integer(0)
        return _draw(rng, 0, sympy.Rational(1, 8) if pick < 2 else 4)
    if sym in intervals:
        lo, hi = intervals[sym]
        return _draw(rng, lo, 4 if hi is sympy.oo else hi)
    if sym.is_integer:
        return sympy.Integer(rng.randint(1 if sym.is_positive else 0, 5))
    if sym.is_nonnegative and not sym.is_positive and rng.random() < 0.25:
        return sympy.Integer(0)  # the boundary of a nonnegative symbol, where bounds are tight
    if sym.is_positive or sym.is_nonnegative:
        return _draw(rng, 0, 4)
    if sym.is_negative or sym.is_nonpositive:
        return -_draw(rng, 0, 4)
    return _draw(rng, -4, 4)


def _violated(value: sympy.Expr, kind: str) -> bool | None:
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.free_symbols:
        return None
    prop = {"zero": "is_zero", "negative": "is_negative", "nonpositive": "is_nonpositive",
            "positive": "is_positive", "nonnegative": "is_nonnegative"}[kind]
    got = getattr(value, prop)
    if got is None and kind == "zero" and value.has(sympy.log):
        got = _log_combination_is_zero(value)
    if got is None and kind == "zero":
        got = value.equals(0)
    return None if got is None else not got


def _log_combination_is_zero(value: sympy.Expr) -> bool | None:
    """Decide ``c_0 + Σ c_k log(r_k) = 0`` for rationals c_k and positive rationals r_k, else ``None``.

    Each log(r_k) is written over the primes; c_0 + Σ_p d_p log p with rational d_p vanishes iff
    every coefficient does (the logarithms of distinct primes are linearly independent over the
    rationals, and a nonzero rational combination of them is transcendental, so not -c_0).
    """
    terms = sympy.expand(sympy.expand_log(value, force=True, factor=True)).as_coefficients_dict()
    for key, c in terms.items():
        if not c.is_Rational:
            return None
        if key is sympy.S.One:
            continue
        if not (isinstance(key, sympy.log) and key.args[0].is_Integer and sympy.isprime(key.args[0])):
            return None
    return all(c == 0 for c in terms.values())


def numeric_check(kind: str, expr: sympy.Expr, intervals: Mapping, index_values: tuple, tries: int,
                  seed: int, constraints: list = ()) -> tuple[int, tuple | None]:
    """Evaluate at random exact points: ``(points decided true, (point, value) of a violation or None)``."""
    rng = random.Random(seed)
    exprs = [expr, *(c for c, _ in constraints)]
    sizes = sorted({s for e in exprs for lim in e.atoms(sympy.Sum) for s in lim.limits[0][2].free_symbols}, key=str)
    checked = 0
    for k in range(tries):
        point = {s: sympy.Integer(index_values[(k + j) % len(index_values)]) for j, s in enumerate(sizes)}
        try:
            es = [e.xreplace(point).doit() if sizes else e for e in exprs]
        except Exception:
            continue
        syms = sorted(set().union(*(e.free_symbols for e in es)), key=str)
        indexed = sorted(set().union(*(e.atoms(sympy.Indexed) for e in es)), key=str)
        values = {s: _value_for(rng, s, intervals) for s in syms if not isinstance(s, sympy.Indexed)}
        values.update({ix: _value_for(rng, ix.base.label, intervals) for ix in indexed})
        try:
            value, *cons = (e.xreplace(values).doit() for e in es)
        except Exception:
            continue
        # a point where a solved-for symbol would leave its declared sign is not in the domain
        if any(_violated(c, need) is not False for c, (_, need) in zip(cons, constraints)):
            continue
        bad = _violated(sympy.nsimplify(value) if value.is_Float else value, kind)
        if bad is None:
            continue
        if bad:
            shown = {str(s): str(v) for s, v in {**point, **values}.items()}
            return checked, (shown, str(value))
        checked += 1
    return checked, None
