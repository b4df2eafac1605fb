r"""Proofs as data: numbered steps that a reviewer can replay, each certified or named as open.

Definitions
-----------
A :class:`Proof` is a claim id, its premises (sympy relations over symbols with declared
assumptions) and a numbered list of :class:`Step`\ s.  A step has

* ``text``: what it says, in the paper's symbols;
* ``statement``: a sympy relation (``Eq``, ``Le``, ``Lt``, ``Ge``, ``Gt``), an expression read
  ``≡ 0``, or ``None`` for a step that only cites a standard theorem;
* its justification: ``uses`` (earlier step numbers), ``given`` (relations it assumes, each one a
  premise of the proof or the statement of a used step, with the symbol it is solved for),
  ``cites`` (named standard theorems, see :data:`STANDARD_THEOREMS`), ``sos`` (a sum-of-squares
  certificate), ``box`` (a compact parameter box for the domain route).

How a step is certified (sound, incomplete, honest)
---------------------------------------------------
1. Each ``given`` relation ``l ≤ r`` (or ``≥``, ``=``) becomes ``l - r = -σ`` with a fresh slack
   σ ≥ 0 (σ = 0 for ``=``), solved for the named symbol (it must enter linearly, with a coefficient
   that is nonzero by the symbols' assumptions) and substituted: the statement then holds on every
   point meeting the givens iff it holds for every σ ≥ 0.
2. The statement's ``lhs - rhs`` is reduced (sums over the same index range merged into one sum,
   ``cancel``, ``expand``, ``factor``, ``together``, ``simplify``); an identity certifies when a form
   is ``0``; an inequality when a form's sign follows from the symbols' assumptions by the sign
   rules of sums, products, powers, quotients, ``exp`` and finite sums ``Σ`` of signed terms.  Symbols
   confined to an open interval by ``Proof.intervals`` are reparametrised bijectively
   (x = (lo + hi s)/(1 + s), s > 0) and the sign argument is tried again.
3. A ``sos`` certificate ``[(c_j, e_j)]`` certifies ``lhs - rhs ≥ 0`` when
   ``lhs - rhs - Σ c_j e_j² ≡ 0`` and every ``c_j ≥ 0`` by the sign rules.
4. A step sympy cannot decide, with a ``box``, goes to the domain route (interval branch and bound,
   attached by :meth:`Proof.with_domain_prover`; ``pluralnash.numeric`` supplies it).
5. A cited step is certified only when every theorem it cites is a standard theorem by name.

Otherwise the step is ``NOT_CERTIFIED`` with the reason, or ``FAILS`` when an exact point (or a
certified box) refutes it.  A step whose ``uses`` name a later step, or whose ``given`` is neither a
premise nor a used step's statement, is ``NOT_CERTIFIED``: the chain of reasoning is broken there.
A proof is *complete* when every step is ``CERTIFIED``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Mapping

import sympy

from pluralnash.theory._base import InvalidArgument, _NoBool
from pluralnash.theory._proof_sign import decide_sign, numeric_check

__all__ = ["Proof", "ProofResult", "STANDARD_THEOREMS", "Step", "StepResult", "StepStatus"]

#: Standard theorems a proof may cite by name (a step of the paper's own argument is never one).
STANDARD_THEOREMS = {
    "induction": "mathematical induction on t",
    "geometric sequence": "rho^t -> 0 for 0 <= rho < 1",
    "law of total expectation": "E[X] = sum_j P(B_j) E[X | B_j] for a partition B_j",
    "Portmanteau theorem": "p_t -> p weakly iff E_{p_t}[f] -> E_p[f] for bounded continuous f",
    "continuity of polynomials": "a polynomial (or a rational function off its poles) is continuous",
    "strict concavity": "a strictly concave function on an interval has at most one maximiser, and a "
                        "critical point in the interior is that maximiser",
    "Fermat's theorem": "an interior extremum of a differentiable function is a critical point",
    "first-order necessary condition on a convex set": "if a function differentiable on a convex set has a "
                                                        "positive one-sided directional derivative at p towards "
                                                        "another point of the set, p is not a maximiser",
    "intermediate value theorem": "a continuous function on an interval takes every value between two of its values",
    "mean value theorem": "f(b) - f(a) = f'(c)(b - a) for some c in (a, b); so a positive (negative) derivative "
                          "on an interval makes f strictly increasing (decreasing) there",
    "extreme value theorem": "a continuous function on a compact set attains its maximum",
    "monotone convergence of sequences": "a bounded monotone real sequence converges",
    "dominated convergence theorem": "pointwise convergence under an integrable bound passes to the integral",
    "strong law of large numbers": "sample means of i.i.d. integrable variables converge almost surely",
    "Tonelli's theorem": "sums of nonnegative terms may be reordered and exchanged with expectations",
    "symmetry of i.i.d. sampling": "the candidates are exchangeable, so each is selected with the same law",
    "fixed points of continuous maps": "a convergent orbit of a continuous map converges to a fixed point",
    "Birkhoff-Hopf theorem": "a positive linear map contracts Hilbert's projective metric by tanh(D/4), D the "
                             "projective diameter of its image",
    "KKT sufficiency for concave maximisation": "for a concave objective on a polytope, the KKT conditions at a "
                                                "point are sufficient for a global maximum",
    "Cover's theorem (1984)": "the multiplicative update p_{t+1}(x) = p_t(x) E_i[w_i(x)/Z_i(p_t)] increases "
                              "F = E_i[log Z_i] and its limit points maximise F on supp(p_0)",
    "Bolzano-Weierstrass theorem": "a bounded sequence in R^n has a convergent subsequence",
    "Pinsker's inequality": "sum_x |p(x) - q(x)| <= sqrt(2 D(p||q)), so D(p||q_t) -> 0 implies q_t -> p",
    "Berge's maximum theorem": "if f(x, theta) is continuous and the feasible set is compact and does not depend on "
                               "theta, the maximisers of f(., theta) form an upper hemicontinuous correspondence: a "
                               "limit of maximisers at theta_k -> theta maximises f(., theta)",
    "order limit theorem": "if x_t -> x and x > c, then x_t > c for every large t; if x_t <= y_t for every t, "
                           "then lim x_t <= lim y_t",
    "reindexing of finite sums": "a bijection phi: A -> B of finite index sets leaves a sum unchanged: "
                                 "sum_{a in A} f(phi(a)) = sum_{b in B} f(b)",
    "fundamental theorem of calculus": "if F' = f on [a, b] with f continuous, the integral of f over [a, b] is "
                                       "F(b) - F(a)",
    "Lagrange's identity": "K sum_k a_k^2 - (sum_k a_k)^2 = (1/2) sum_j sum_k (a_j - a_k)^2",
    "expectation of independent products": "E[XY] = E[X] E[Y] for independent integrable X, Y",
    "linearity and monotonicity of expectation": "E[aX + bY] = a E[X] + b E[Y], and X <= Y implies E[X] <= E[Y]",
    "spectral theorem": "a real symmetric matrix has real eigenvalues (and an orthonormal eigenbasis); similar "
                        "matrices share their eigenvalues",
    "determinant of a block triangular matrix": "det [[A, B], [0, C]] = det A det C, so the eigenvalues of a block "
                                                "triangular matrix are those of its diagonal blocks",
    "Weyl's interlacing for rank-one updates": "if B = A - c u u^T with A symmetric, c >= 0, the sorted eigenvalues "
                                               "interlace: b_1 <= a_1 <= b_2 <= a_2 <= ... <= b_n <= a_n",
    "Jensen's inequality": "for weights a_y >= 0 summing to 1 and a concave f, f(sum_y a_y r_y) >= sum_y a_y f(r_y)",
    "Gibbs' inequality": "KL(p || q) = sum_x p(x) log(p(x)/q(x)) >= 0 for distributions p, q",
    "Gaussian integral": "the integral of e^{-beta u^2} over R is sqrt(pi/beta) for beta > 0",
    "Archimedes' bound on pi": "223/71 < pi < 22/7",
    "tangent line bound of exp": "e^y >= 1 + y for every real y (exp is convex)",
}

_SEED = 20260507


class StepStatus(_NoBool, enum.Enum):
    """Outcome of one proof step."""

    CERTIFIED = "CERTIFIED"
    NOT_CERTIFIED = "NOT_CERTIFIED"
    FAILS = "FAILS"


@dataclass(frozen=True)
class Step:
    r"""One step of a proof; see the module docstring for each field's role."""

    text: str
    statement: Any = None
    uses: tuple = ()
    given: tuple = ()
    cites: tuple = ()
    sos: tuple = ()
    box: Mapping | None = None
    open_reason: str | None = None
    external: Callable | None = None
    proved_by: tuple = ()

    def __post_init__(self) -> None:
        if self.statement is not None and not isinstance(self.statement, sympy.Basic):
            raise InvalidArgument(f"statement={self.statement!r} must be a sympy relation or expression; "
                                  "build it with sympy (e.g. sympy.Le(lhs, rhs))")
        for g in self.given:
            if not (isinstance(g, tuple) and len(g) == 2 and isinstance(g[1], sympy.Basic)):
                raise InvalidArgument(f"given={g!r} must be a pair (relation, symbol solved for); "
                                      "e.g. (sympy.Le(W, rho), W)")

    @property
    def justification(self) -> str:
        """The step's justification in words."""
        parts = []
        if self.uses:
            parts.append("by step" + ("s " if len(self.uses) > 1 else " ") + ", ".join(map(str, self.uses)))
        if self.given and not self.uses:
            parts.append("from the premises")
        if self.sos:
            parts.append("sum of squares")
        if self.proved_by:
            parts.append("by the replayed proof of " + ", ".join(self.proved_by))
        if self.cites:
            parts.append("cites " + "; ".join(self.cites))
        if self.external is not None:
            parts.append("decided on an exact setup")
        if self.box is not None:
            parts.append("domain route on " + ", ".join(f"{k} in [{lo}, {hi}]" for k, (lo, hi) in self.box.items()))
        if self.statement is not None and not (self.sos or self.box):
            parts.append("algebra and signs")
        return "; ".join(parts) or "stated"


@dataclass(frozen=True)
class StepResult:
    """What the checker found for one step."""

    number: int
    text: str
    status: StepStatus
    how: str
    justification: str
    cites: tuple = ()
    reason: str | None = None
    counterexample: dict | None = None
    cross_checked: int = 0

    def to_json(self) -> dict:
        out = {"number": self.number, "text": self.text, "status": self.status.value, "how": self.how,
               "justification": self.justification, "cites": list(self.cites),
               "cross_checked_points": self.cross_checked}
        if self.reason:
            out["reason"] = self.reason
        if self.counterexample is not None:
            out["counterexample"] = self.counterexample
        return out


@dataclass(frozen=True)
class ProofResult:
    """A replayed proof: ``complete`` when every step is certified."""

    claim_id: str
    title: str
    steps: tuple
    cites: tuple
    covers: str | None = None

    @property
    def complete(self) -> bool:
        return all(s.status is StepStatus.CERTIFIED for s in self.steps)

    @property
    def proves_claim(self) -> bool:
        """Complete and covering the claim as encoded (``covers`` is ``None``), not a special case of it."""
        return self.complete and self.covers is None

    @property
    def first_uncertified(self) -> StepResult | None:
        return next((s for s in self.steps if s.status is not StepStatus.CERTIFIED), None)

    def __bool__(self) -> bool:
        raise TypeError("a ProofResult has no truth value; test `result.complete`")

    @property
    def basis(self) -> dict:
        """What a verdict resting on this replay cites: steps, how many are certified, the theorems."""
        first = self.first_uncertified
        return {"kind": "symbolic", "steps": len(self.steps),
                "certified_steps": sum(s.status is StepStatus.CERTIFIED for s in self.steps),
                "cites": list(self.cites), "covers": self.covers,
                "first_uncertified": None if first is None else
                {"number": first.number, "status": first.status.value, "reason": first.reason}}

    def to_json(self) -> dict:
        first = self.first_uncertified
        return {"claim": self.claim_id, "title": self.title, "complete": self.complete, "covers": self.covers,
                "steps": [s.to_json() for s in self.steps], "cites": list(self.cites),
                "first_uncertified": None if first is None else
                {"number": first.number, "status": first.status.value, "reason": first.reason}}


@dataclass(frozen=True)
class Proof:
    r"""A numbered list of steps proving ``claim_id``.

    Parameters
    ----------
    claim_id, title, source : str
    premises : tuple of sympy relations
        What the statement assumes, beyond the symbols' own assumptions.
    steps : tuple of Step
    intervals : Mapping[sympy.Symbol, tuple]
        Open intervals the premises confine symbols to (used by the sign argument's
        reparametrisation and by the numeric cross-check).
    index_values : tuple of int
        Values the cross-check gives to integer size symbols (number of atoms, rounds).
    covers : str or None
        ``None`` when the steps prove the registered claim as encoded (its premises, conclusion and
        reading) on every setup meeting its premises; otherwise what the replay does not cover (the
        premise it strengthens, the case it omits).  A complete replay with ``covers`` set proves a
        special case only, and a step resting on it (``proved_by``) is not certified.

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> pr = Proof("demo", "demo", "demo", steps=(Step("(x+1)^2 >= 2x", sympy.Ge((x + 1)**2, 2*x)),))
    >>> pr.check().complete
    True
    """

    claim_id: str
    title: str
    source: str
    steps: tuple
    premises: tuple = ()
    intervals: Mapping = field(default_factory=dict)
    index_values: tuple = (1, 2, 3)
    domain_prover: Callable | None = None
    notes: str = ""
    covers: str | None = None

    def with_domain_prover(self, prover: Callable) -> "Proof":
        """The same proof with the domain route attached (``prover(expr, kind, box) -> dict``)."""
        return replace(self, domain_prover=prover)

    def planted(self, number: int, **changes) -> "Proof":
        """A copy with step ``number`` (1-based) changed: the planted broken variants."""
        steps = list(self.steps)
        steps[number - 1] = replace(steps[number - 1], **changes)
        return replace(self, steps=tuple(steps))

    def check(self, *, tries: int = 24) -> ProofResult:
        """Replay every step; none is skipped, and an open step says why."""
        results = [self._check_step(i + 1, step, tries) for i, step in enumerate(self.steps)]
        cites = tuple(dict.fromkeys(c for s in self.steps for c in s.cites))
        return ProofResult(self.claim_id, self.title, tuple(results), cites, self.covers)

    # -- one step ---------------------------------------------------------------------------
    def _result(self, n, step, status, how, reason=None, **extra) -> StepResult:
        return StepResult(n, step.text, status, how, step.justification, tuple(step.cites), reason, **extra)

    def _check_step(self, n: int, step: Step, tries: int) -> StepResult:
        broken = self._check_chain(n, step)
        if broken:
            return self._result(n, step, StepStatus.NOT_CERTIFIED, "chain", broken)
        unknown = [c for c in step.cites if c not in STANDARD_THEOREMS]
        if unknown:
            return self._result(n, step, StepStatus.NOT_CERTIFIED, "citation",
                                f"cites {unknown[0]!r}, which is not a standard theorem of the toolkit's list")
        for cid in step.proved_by:
            other = _replayed(cid)
            if other is None:
                return self._result(n, step, StepStatus.NOT_CERTIFIED, "lemma", f"{cid} has no proof replay")
            if not other.complete:
                first = other.first_uncertified
                return self._result(n, step, StepStatus.NOT_CERTIFIED, "lemma",
                                    f"rests on {cid}, whose proof is incomplete at step {first.number} "
                                    f"({first.status.value}: {first.reason})")
            if other.covers is not None:
                return self._result(n, step, StepStatus.NOT_CERTIFIED, "lemma",
                                    f"rests on {cid}, whose replay proves a special case only: {other.covers}")
        if step.proved_by and step.statement is None:
            return self._result(n, step, StepStatus.CERTIFIED, "lemma (complete proof replay)")
        if step.external is not None:
            out = step.external()
            status = {"HOLDS": StepStatus.CERTIFIED, "FAILS": StepStatus.FAILS}.get(out["verdict"])
            if status is not None:
                return self._result(n, step, status, out.get("how", "instance"), out.get("reason"),
                                    counterexample=out.get("counterexample"))
        if step.open_reason:
            return self._result(n, step, StepStatus.NOT_CERTIFIED, "open", step.open_reason)
        if step.statement is None:
            if step.cites:
                return self._result(n, step, StepStatus.CERTIFIED, "citation")
            return self._result(n, step, StepStatus.NOT_CERTIFIED, "open", "no statement and no citation")
        try:
            kind, expr, constraints = _reduce_givens(step, self.intervals)
        except InvalidArgument as exc:
            return self._result(n, step, StepStatus.NOT_CERTIFIED, "givens", str(exc))
        return self._decide(n, step, kind, expr, constraints, tries)

    def _check_chain(self, n: int, step: Step) -> str | None:
        later = [u for u in step.uses if not 1 <= u < n]
        if later:
            return f"uses step {later[0]}, which is not an earlier step"
        allowed = {sympy.srepr(p) for p in self.premises}
        allowed |= {sympy.srepr(self.steps[u - 1].statement) for u in step.uses
                    if self.steps[u - 1].statement is not None}
        for rel, _sym in step.given:
            if sympy.srepr(rel) not in allowed:
                return f"assumes {rel}, which is neither a premise nor the statement of a step it uses"
        return None

    def _decide(self, n: int, step: Step, kind: str, expr: sympy.Expr, constraints: list, tries: int) -> StepResult:
        checked, bad = numeric_check(kind, expr, self.intervals, self.index_values, tries, _SEED + n,
                                    constraints=constraints)
        if bad is not None:
            return self._result(n, step, StepStatus.FAILS, "exact point",
                                f"false at an exact point: lhs - rhs = {bad[1]} there, needs {kind}",
                                counterexample=bad[0], cross_checked=checked)
        how = decide_sign(kind, expr, self.intervals)
        if how is None and step.sos:
            how = _check_sos(expr, step.sos, self.intervals)
        if how is not None:
            return self._result(n, step, StepStatus.CERTIFIED, how, cross_checked=checked)
        if step.box is not None:
            if self.domain_prover is None:
                return self._result(n, step, StepStatus.NOT_CERTIFIED, "domain",
                                    "sympy cannot decide it and no domain route is attached",
                                    cross_checked=checked)
            out = self.domain_prover(expr, kind, step.box)
            status = {"HOLDS": StepStatus.CERTIFIED, "FAILS": StepStatus.FAILS}.get(out["verdict"],
                                                                                    StepStatus.NOT_CERTIFIED)
            return self._result(n, step, status, f"domain route ({out['boxes']} boxes, depth {out['depth']})",
                                out.get("reason"), counterexample=out.get("counterexample"),
                                cross_checked=checked)
        return self._result(n, step, StepStatus.NOT_CERTIFIED, "sign",
                            f"sympy cannot decide the sign of {_short(expr)} from the assumptions",
                            cross_checked=checked)


@lru_cache(maxsize=None)
def _replayed(claim_id: str) -> "ProofResult | None":
    """The replay of another claim's proof, for steps that rest on it (checked once per process)."""
    from pluralnash.theory._proofs_fala import PROOFS

    builder = PROOFS.get(claim_id)
    return None if builder is None else builder().check()


def _short(e: Any, limit: int = 160) -> str:
    s = str(e)
    return s if len(s) <= limit else s[: limit - 3] + "..."


_KIND = {sympy.Eq: "zero", sympy.StrictLessThan: "negative", sympy.LessThan: "nonpositive",
         sympy.StrictGreaterThan: "positive", sympy.GreaterThan: "nonnegative"}


def _split(statement: sympy.Basic) -> tuple[str, sympy.Expr]:
    if statement is sympy.true:  # sympy decided the relation when it was built
        return "zero", sympy.Integer(0)
    if statement is sympy.false:
        return "zero", sympy.Integer(1)
    for cls, kind in _KIND.items():
        if isinstance(statement, cls):
            return kind, statement.lhs - statement.rhs
    if isinstance(statement, sympy.Expr):
        return "zero", statement
    raise InvalidArgument(f"statement={statement} is not a relation or an expression; "
                          "write it as sympy.Eq/Le/Lt/Ge/Gt(lhs, rhs)")


def _reduce_givens(step: Step, intervals: Mapping) -> tuple[str, sympy.Expr, list]:
    """Substitute each given, solved for its target with a nonnegative slack (module docstring, 1)."""
    kind, expr = _split(step.statement)
    constraints: list = []
    for k, (rel, target) in enumerate(step.given):
        gkind, gexpr = _split(rel)
        if gkind == "zero":
            slack = sympy.Integer(0)
        else:
            strict = gkind in ("negative", "positive")
            name = f"sigma_{k + 1}"
            if isinstance(target, sympy.Indexed):
                slack = (sympy.IndexedBase(name, positive=True) if strict
                         else sympy.IndexedBase(name, nonnegative=True))[target.indices[0]]
            else:
                slack = sympy.Symbol(name, positive=True) if strict else sympy.Symbol(name, nonnegative=True)
        sign = -1 if gkind in ("nonpositive", "negative") else 1
        d = sympy.Dummy("target")
        poly = gexpr.xreplace({target: d}) - sign * slack
        coeff = sympy.diff(poly, d)
        rest = poly.xreplace({d: 0})
        nonzero = (decide_sign("positive", coeff, intervals) or decide_sign("negative", coeff, intervals))
        if not poly.has(d) or sympy.cancel(sympy.diff(coeff, d)) != 0 or nonzero is None:
            raise InvalidArgument(f"given {rel} does not determine {target} linearly with a coefficient "
                                  "that is nonzero by the assumptions")
        if not _occurs(expr, target):
            raise InvalidArgument(f"given {rel} is solved for {target}, which does not occur in the statement")
        value = -rest / coeff
        expr = _substitute(expr, target, value)
        if isinstance(target, sympy.Symbol) and (target.is_nonnegative or target.is_positive):
            constraints.append((value, "positive" if target.is_positive else "nonnegative"))
    return kind, expr, constraints


def _occurs(expr: sympy.Basic, target: sympy.Basic) -> bool:
    if isinstance(target, sympy.Indexed):
        return any(e.base == target.base for e in expr.atoms(sympy.Indexed))
    return expr.has(target)


def _substitute(expr: sympy.Expr, target: sympy.Basic, value: sympy.Expr) -> sympy.Expr:
    if isinstance(target, sympy.Indexed):
        # an indexed given W[x] <= ... holds for every index: rename it inside every sum over x
        base, idx = target.base, target.indices[0]

        def repl(e):
            return value.xreplace({idx: e.indices[0]}) if e.base == base else e
        return expr.replace(lambda e: isinstance(e, sympy.Indexed) and e.base == base, repl)
    return expr.xreplace({target: value})


def _check_sos(expr: sympy.Expr, sos: tuple, intervals: Mapping) -> str | None:
    rest = expr - sum(c * e ** 2 for c, e in sos)
    if decide_sign("zero", rest, intervals) is None:
        return None
    if all(decide_sign("nonnegative", c, intervals) is not None for c, _ in sos):
        return "sum of squares"
    return None

