r"""Whole-domain proofs: interval branch and bound over a compact box of at most four parameters.

Definitions
-----------
A :class:`Box` is a product of closed rational intervals, ``Box(q=(0, 1), k1=(0, "99/100"))``.
A *statement* over it is a sympy relation (``Gt``, ``Ge``, ``Lt``, ``Le``, ``Eq``) whose free symbols
are named like the box's parameters, or a Python callable ``f(**params)`` returning the *margin*
(an interval enclosure when called with intervals, an exact number when called with ``Fraction``\ s)
that must be positive (``kind="positive"``) or nonnegative (``kind="nonnegative"``).

:func:`prove_on_box` encloses ``lhs - rhs`` on a box with interval arithmetic (a private
``mpmath`` interval context at ``prec`` bits, so no global precision is read or changed) and

* HOLDS on the box when the enclosure lies in the required sign set;
* FAILS on the box when the enclosure lies entirely outside it: the box's midpoint is then
  re-checked exactly (rational arithmetic with sympy) or, for transcendental statements, by an
  interval at that single point, and returned as a certified counterexample;
* otherwise splits the box at the midpoint of its widest side (relative to the starting box).

The result is HOLDS only if every sub-box was decided HOLDS, FAILS as soon as one certified
counterexample exists, and UNDECIDED (with the open sub-box) when the budget of boxes or the depth
limit runs out.  Boundaries are handled explicitly: the box is closed, so a statement that breaks
down at an end (a pole, an equality that cannot be strict there) must have that end excluded by the
caller, who states the exclusion in the box, or decided by a limit in a symbolic proof step.  For
sympy statements the enclosure is the intersection of the enclosures of the statement as written
and of its factored form, which removes most dependency blow-up near a zero of a factor.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

import mpmath
import sympy
from mpmath.ctx_iv import MPIntervalContext

from pluralnash.numeric.model.validate import check_int
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.theory import InvalidArgument, Verdict

__all__ = ["Box", "DomainResult", "prove_on_box"]

_MAX_PARAMS = 4
_KINDS = ("positive", "nonnegative", "negative", "nonpositive", "zero")


def _rational(name: str, value: Any) -> Fraction:
    if isinstance(value, float):
        raise InvalidArgument(f"{name}={value!r} is a float; box ends must be exact: pass a string such as "
                              f"'{Fraction(value).limit_denominator(10**6)}' or a Fraction")
    try:
        return Fraction(str(value)) if not isinstance(value, Fraction) else value
    except (ValueError, ZeroDivisionError):
        raise InvalidArgument(f"{name}={value!r} is not a rational number; pass e.g. '1/3' or 0") from None


class Box:
    r"""A compact box of at most four real parameters with rational, closed ends.

    Examples
    --------
    >>> Box(q=(0, 1), k1=(0, "1/2"))
    Box(q=[0, 1], k1=[0, 1/2])
    """

    __slots__ = ("bounds",)

    def __init__(self, **bounds: tuple) -> None:
        if not 1 <= len(bounds) <= _MAX_PARAMS:
            raise InvalidArgument(f"Box has {len(bounds)} parameters; give between 1 and {_MAX_PARAMS} "
                                  "(split a larger statement or fix some parameters)")
        out = {}
        for name, pair in bounds.items():
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise InvalidArgument(f"{name}={pair!r} must be a pair (lo, hi); e.g. {name}=(0, 1)")
            lo, hi = _rational(f"{name}[0]", pair[0]), _rational(f"{name}[1]", pair[1])
            if not lo < hi:
                raise InvalidArgument(f"{name}=({lo}, {hi}) must have lo < hi; swap the ends or widen the interval")
            out[name] = (lo, hi)
        self.bounds = out

    def __repr__(self) -> str:
        return "Box(" + ", ".join(f"{k}=[{lo}, {hi}]" for k, (lo, hi) in self.bounds.items()) + ")"

    def midpoint(self) -> dict:
        return {k: (lo + hi) / 2 for k, (lo, hi) in self.bounds.items()}


@dataclass(frozen=True)
class DomainResult:
    """Outcome of :func:`prove_on_box`: verdict, effort and, if any, the certified counterexample."""

    verdict: Verdict
    boxes: int
    depth: int
    seconds: float
    box: Box
    counterexample: dict | None = None
    value: str | None = None
    open_box: dict | None = None
    failing_box: dict | None = None
    reason: str | None = None
    prec: int = 80
    evidence: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        raise TypeError("a DomainResult has no truth value; test `result.verdict is Verdict.HOLDS`")

    def to_json(self) -> dict:
        return {"verdict": self.verdict.value, "boxes": self.boxes, "depth": self.depth,
                "seconds": round(self.seconds, 3), "box": {k: [str(lo), str(hi)] for k, (lo, hi) in
                                                           self.box.bounds.items()},
                "counterexample": self.counterexample, "value": self.value, "open_box": self.open_box,
                "failing_box": self.failing_box,
                "reason": self.reason, "prec": self.prec}


# ---------------------------------------------------------------------------------------------
# interval evaluation of sympy expressions

def _iv_eval(e: sympy.Expr, env: Mapping, ctx) -> Any:
    if e.is_Rational:
        return ctx.mpf(int(e.p)) / int(e.q)
    if e.is_Symbol:
        return env[e.name]
    if isinstance(e, sympy.Add):
        out = _iv_eval(e.args[0], env, ctx)
        for arg in e.args[1:]:
            out = out + _iv_eval(arg, env, ctx)
        return out
    if isinstance(e, sympy.Mul):
        out = _iv_eval(e.args[0], env, ctx)
        for arg in e.args[1:]:
            out = out * _iv_eval(arg, env, ctx)
        return out
    if isinstance(e, sympy.Pow):
        base, ex = e.args
        b = _iv_eval(base, env, ctx)
        if ex.is_Integer:
            n = int(ex)
            return b ** n if n >= 0 else ctx.mpf(1) / (b ** (-n))
        return ctx.exp(_iv_eval(ex, env, ctx) * ctx.log(b))
    if isinstance(e, sympy.exp):
        return ctx.exp(_iv_eval(e.args[0], env, ctx))
    if isinstance(e, sympy.log):
        return ctx.log(_iv_eval(e.args[0], env, ctx))
    if e is sympy.E:
        return ctx.e
    raise InvalidArgument(f"statement contains {e.func.__name__} ({e}), which the domain route cannot enclose; "
                          "use +, -, *, /, integer or real powers, exp and log")


def _hull(ctx, lo: Fraction, hi: Fraction):
    """The interval [lo, hi], its ends rounded outward."""
    left, right = frac_mpf(lo, ctx.mpf), frac_mpf(hi, ctx.mpf)
    return ctx.mpf([left.a, right.b])


def _ends(x) -> tuple:
    return mpmath.mpf(x.a), mpmath.mpf(x.b)


def _decide_enclosure(lo, hi, kind: str) -> str | None:
    """'HOLDS', 'FAILS' or None from the two ends of an enclosure (plain mpf comparisons)."""
    if lo != lo or hi != hi:  # nan: the form is undefined somewhere on the box
        return None
    tests = {
        "positive": (lo > 0, hi <= 0),
        "nonnegative": (lo >= 0, hi < 0),
        "negative": (hi < 0, lo >= 0),
        "nonpositive": (hi <= 0, lo > 0),
        "zero": (lo == 0 and hi == 0, lo > 0 or hi < 0),
    }
    holds, fails = tests[kind]
    return "HOLDS" if holds else ("FAILS" if fails else None)


_RELATIONS = {sympy.StrictGreaterThan: "positive", sympy.GreaterThan: "nonnegative",
              sympy.StrictLessThan: "negative", sympy.LessThan: "nonpositive", sympy.Equality: "zero"}


def _as_margin(statement: Any, kind: str | None, names: list) -> tuple[Callable, Callable, str]:
    """(interval enclosure of the margin on a box, exact point check, kind)."""
    if isinstance(statement, sympy.Basic):
        if isinstance(statement, sympy.Expr):
            expr, kind = statement, kind or "positive"
        else:
            rel = next((k for c, k in _RELATIONS.items() if isinstance(statement, c)), None)
            if rel is None:
                raise InvalidArgument(f"statement={statement} must be a relation (Gt, Ge, Lt, Le, Eq) or an expression")
            expr, kind = statement.lhs - statement.rhs, rel
        extra = sorted(s.name for s in expr.free_symbols if s.name not in names)
        if extra:
            raise InvalidArgument(f"statement has symbols {extra} that the box does not bound; add them to the Box "
                                  "or substitute values")
        forms = [expr]
        try:
            factored = sympy.factor(sympy.together(expr))
            if factored != expr:
                forms.append(factored)
        except Exception:  # factoring is an optional tightening, never trusted on its own
            pass
        by_name = {s.name: s for s in expr.free_symbols}

        def enclose(env, ctx):
            best = None
            for f in forms:
                x = _iv_eval(f, env, ctx)
                lo, hi = _ends(x)
                if best is None:
                    best = [lo, hi]
                elif lo == lo and hi == hi:
                    best = [max(best[0], lo) if best[0] == best[0] else lo, min(best[1], hi) if best[1] == best[1] else hi]
            return best

        def exact(point):
            sub = {by_name[k]: sympy.Rational(v.numerator, v.denominator) for k, v in point.items() if k in by_name}
            return sympy.simplify(expr.xreplace(sub))
        return enclose, exact, kind
    if callable(statement):
        kind = kind or "positive"

        def enclose_call(env, ctx):
            return list(_ends(statement(**env)))

        def exact_call(point):
            return statement(**point)
        return enclose_call, exact_call, kind
    raise InvalidArgument(f"statement={statement!r} must be a sympy relation or a callable returning the margin")


def _confirm(exact: Callable, point: dict, kind: str, enclose: Callable, prec: int) -> tuple[bool, str]:
    """Re-decide the statement at one exact point: rational arithmetic, else a point interval."""
    try:
        value = exact(point)
    except Exception:
        value = None
    if isinstance(value, (Fraction, int)) or (isinstance(value, sympy.Basic) and value.is_Rational):
        v = Fraction(str(value))
        broken = {"positive": v <= 0, "nonnegative": v < 0, "negative": v >= 0,
                  "nonpositive": v > 0, "zero": v != 0}[kind]
        return broken, str(v)
    ctx = MPIntervalContext()
    ctx.prec = prec
    env = {k: frac_mpf(v, ctx.mpf) for k, v in point.items()}
    lo, hi = enclose(env, ctx)
    return _decide_enclosure(lo, hi, kind) == "FAILS", f"[{mpmath.nstr(lo, 15)}, {mpmath.nstr(hi, 15)}]"


def _point_fails(enclose: Callable, point: dict, kind: str, ctx) -> bool:
    env = {k: _hull(ctx, v, v) for k, v in point.items()}
    lo, hi = enclose(env, ctx)
    return _decide_enclosure(lo, hi, kind) == "FAILS"


def _failing_box(enclose: Callable, point: dict, bounds: dict, kind: str, ctx) -> dict | None:
    """A sub-box around a failing point on which the enclosure itself is outside the sign set."""
    for s in range(1, 64):
        sub = {k: (max(lo, point[k] - (hi - lo) / 2**s), min(hi, point[k] + (hi - lo) / 2**s))
               for k, (lo, hi) in bounds.items()}
        env = {k: _hull(ctx, lo, hi) for k, (lo, hi) in sub.items()}
        lo, hi = enclose(env, ctx)
        if _decide_enclosure(lo, hi, kind) == "FAILS":
            return sub
    return None


def prove_on_box(statement: Any, box: Box, *, kind: str | None = None, max_boxes: int = 20000,
                 max_depth: int = 40, prec: int = 80) -> DomainResult:
    r"""Decide ``statement`` on every point of ``box`` by interval branch and bound.

    Parameters
    ----------
    statement : sympy relation or callable
        See the module docstring.  A relation ``lhs > rhs`` means ``lhs - rhs > 0`` on the box.
    box : Box
    kind : str, optional
        For an expression or a callable: ``"positive"`` (default) or ``"nonnegative"`` and so on.
    max_boxes, max_depth : int
        Budget; when it runs out the result is UNDECIDED with the open sub-box.
    prec : int
        Bits of the private interval context.

    Returns
    -------
    DomainResult

    Examples
    --------
    >>> k1, k2 = sympy.symbols("k1 k2", positive=True)
    >>> res = prove_on_box(sympy.Ge(k1 - k1*(1 - k2)/(1 - k1*k2), 0), Box(k1=(0, "9/10"), k2=(0, "9/10")))
    >>> res.verdict
    Verdict.HOLDS
    """
    if not isinstance(box, Box):
        raise InvalidArgument(f"box={box!r} must be a Box; build it as Box(q=(0, 1), k1=(0, '1/2'))")
    if kind is not None and kind not in _KINDS:
        raise InvalidArgument(f"kind={kind!r} must be one of {', '.join(_KINDS)}")
    for name, value in (("max_boxes", max_boxes), ("max_depth", max_depth), ("prec", prec)):
        check_int(value, name, low=1)
    names = list(box.bounds)
    enclose, exact, kind = _as_margin(statement, kind, names)
    ctx = MPIntervalContext()
    ctx.prec = prec
    start = time.perf_counter()
    widths = {k: hi - lo for k, (lo, hi) in box.bounds.items()}
    queue = deque([(dict(box.bounds), 0)])  # breadth first: shallow midpoints are tried first
    seen, deepest = 0, 0
    while queue:
        bounds, depth = queue.popleft()
        seen += 1
        deepest = max(deepest, depth)
        env = {k: _hull(ctx, lo, hi) for k, (lo, hi) in bounds.items()}
        lo, hi = enclose(env, ctx)
        decided = _decide_enclosure(lo, hi, kind)
        if decided == "HOLDS":
            continue
        point = {k: (a + b) / 2 for k, (a, b) in bounds.items()}
        if decided == "FAILS" or _point_fails(enclose, point, kind, ctx):
            broken, value = _confirm(exact, point, kind, enclose, prec)
            if broken:
                failing = bounds if decided == "FAILS" else _failing_box(enclose, point, bounds, kind, ctx)
                elapsed = time.perf_counter() - start
                shown = {k: str(v) for k, v in point.items()}
                return DomainResult(Verdict.FAILS, seen, deepest, elapsed, box, counterexample=shown, value=value,
                                    failing_box=None if failing is None else
                                    {k: [str(a), str(b)] for k, (a, b) in failing.items()},
                                    reason=f"the statement ({kind} margin) is false at the exact point {shown}: "
                                           f"margin {value}", prec=prec)
        if depth >= max_depth or seen >= max_boxes:
            open_box = {k: [str(a), str(b)] for k, (a, b) in bounds.items()}
            budget = "box budget" if seen >= max_boxes else "depth limit"
            return DomainResult(Verdict.UNDECIDED, seen, deepest, time.perf_counter() - start, box,
                                open_box=open_box, prec=prec,
                                reason=f"{budget} reached with the sub-box {open_box} undecided "
                                       f"(enclosure [{mpmath.nstr(lo, 8)}, {mpmath.nstr(hi, 8)}])")
        k = max(bounds, key=lambda name: (bounds[name][1] - bounds[name][0]) / widths[name])
        a, b = bounds[k]
        mid = (a + b) / 2
        queue.append(({**bounds, k: (a, mid)}, depth + 1))
        queue.append(({**bounds, k: (mid, b)}, depth + 1))
    return DomainResult(Verdict.HOLDS, seen, deepest, time.perf_counter() - start, box, prec=prec)
