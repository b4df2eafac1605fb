r"""The finite-K curated weight and its large-K limit ([FALA26] Lemmas 3.1 and 3.2).

Definitions
-----------
One reward with :math:`w(x) = e^{r(x)} > 0`; model :math:`p`; :math:`K \ge 2` candidates.

* Finite-K weight (Lemma 3.1):
  :math:`H^K_p(x) = E_{y_1..y_{K-1} \sim p\ \text{iid}}\big[K w(x) / (w(x) + S)\big]`,
  :math:`S = \sum_{j<K} w(y_j)`.
* Laplace form: from :math:`1/s = \int_0^\infty e^{-ts}\,dt`,
  :math:`H^K_p(x) = K w(x) \int_0^\infty e^{-t w(x)} \varphi(t)^{K-1}\,dt` with
  :math:`\varphi(t) = \sum_y p(y) e^{-t w(y)}`.
* Moments: :math:`\mu = E_p[w]`, :math:`\sigma^2 = \mathrm{Var}_p[w]`, :math:`w_{\min} = \min w`,
  so :math:`E S = (K-1)\mu` and :math:`\mathrm{Var}\, S = (K-1)\sigma^2`.

Python spellings: ``mu`` for μ, ``sigma2`` for σ², ``w_min`` for :math:`w_{\min}`, ``phi`` for φ.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

from pluralnash.theory._base import CheckResult, InvalidArgument, Verdict
from pluralnash.theory._certify import Identity, _short
from pluralnash.theory._derivation import Derivation

__all__ = [
    "certify_finite_k_bound",
    "certify_lemma_3_2_limit",
    "derive_finite_k_integral",
    "derive_lemma_3_2_bounds",
]

_SOURCE_31 = ("[FALA26] Lemma 3.1 / Definition 2.1 (finite-K curated update); [FERB24] Lemma 2.1; "
              "Laplace form derived here")
_SOURCE_32 = ("[FALA26] Lemma 3.2 (H^K_p(x) -> e^{r(x)} / E_p[e^r] as K -> oo); [FERB24] Lemma 2.2; "
              "sandwich proof as derived here (the paper's proof wording is not available)")

t = sympy.Symbol("t", positive=True)
K = sympy.Symbol("K", integer=True, positive=True)
w = sympy.Symbol("w", positive=True)
mu = sympy.Symbol("mu", positive=True)
sigma2 = sympy.Symbol("sigma2", nonnegative=True)
w_min = sympy.Symbol("w_min", positive=True)
_BOUND_SYMBOLS = {s.name: s for s in (K, w, mu, sigma2, w_min)}

_LOWER = K * w / (w + (K - 1) * mu)
_UPPER = _LOWER + K * w * (K - 1) * sigma2 / ((w + (K - 1) * mu) ** 2 * (w + (K - 1) * w_min))


def _enumerated_h(p: list, ws: list, x: int, k: int):
    """``H^k_p(x)`` by summing over multisets of the k-1 other draws (exact for exact inputs)."""
    total = 0
    n = len(p)
    for combo in itertools.combinations_with_replacement(range(n), k - 1):
        counts = [combo.count(y) for y in range(n)]
        coeff = math.factorial(k - 1)
        for c in counts:
            coeff //= math.factorial(c)
        weight = coeff
        for y, c in enumerate(counts):
            weight = weight * p[y] ** c
        total = total + weight * k * ws[x] / (ws[x] + sum(ws[y] * c for y, c in enumerate(counts)))
    return total


def derive_finite_k_integral() -> Derivation:
    r"""Derive the Laplace-integral form of :math:`H^K_p(x)` and the mass identity :math:`\sum_x p H = 1`.

    Returns
    -------
    Derivation
        General forms (definition, :math:`\varphi`, the integral representation, the mass identity
        :math:`\sum_x p(x) H^K_p(x) = K\int_0^\infty (-\varphi'(t))\varphi(t)^{K-1} dt = 1`) and, for two
        atoms (symbols ``p_1, p_2, w_1, w_2 > 0``), the enumerated expectations ``"H^2(x_1) [n=2]"``,
        ``"H^3(x_1) [n=2]"`` (and at ``x_2``).

        Certificate (sympy): :math:`\int_0^\infty e^{-ts} dt = 1/s` for :math:`s > 0`; for n = 2 and
        K = 2, 3 at both atoms, ``integrate`` of the integral form equals the enumerated expectation
        (any :math:`p > 0`); for K = 2, 3, :math:`\sum_x p(x) H^K_p(x) = 1` when :math:`p_2 = 1 - p_1`;
        for symbolic K: :math:`\tfrac{d}{dt}(-\varphi^K) = K(-\varphi')\varphi^{K-1}` (any :math:`\varphi`),
        :math:`\sum_x p(x) K w(x) e^{-tw(x)} \varphi^{K-1} = K(-\varphi')\varphi^{K-1}` (n = 2),
        :math:`\varphi(0) = 1` and :math:`\lim_{t\to\infty}\varphi(t)^K = 0` (n = 2, K > 0).
        Cited: exchanging the expectation over the K-1 draws with :math:`\int_0^\infty` (Tonelli,
        nonnegative integrand) and :math:`E\prod_j e^{-t w(y_j)} = \varphi(t)^{K-1}` (independence).

    Examples
    --------
    >>> d = derive_finite_k_integral()
    >>> s = d.symbols
    >>> d.expressions["H^2(x_1) [n=2]"].subs({s["p_1"]: 1, s["p_2"]: 0})
    1
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    exprs, labels, phi, s = _integral_general_forms()
    p1, p2, w1, w2 = sympy.symbols("p_1 p_2 w_1 w_2", positive=True)
    ps, ws = [p1, p2], [w1, w2]
    phi2 = p1 * sympy.exp(-t * w1) + p2 * sympy.exp(-t * w2)
    on_simplex = {p2: 1 - p1}
    identities = [
        Identity("1/s = int_0^oo exp(-t s) dt for s > 0",
                 sympy.Eq(sympy.Integral(sympy.exp(-t * s), (t, 0, sympy.oo)), 1 / s, evaluate=False)),
    ]
    identities += _integral_two_atom_identities(ps, ws, phi2, on_simplex, exprs, labels)
    K_real = sympy.Symbol("K", positive=True)
    identities += [
        Identity("d/dt (-phi^K) = K (-phi') phi^(K-1) (any phi, symbolic K)",
                 sympy.diff(-phi(t) ** K, t) - K * (-sympy.diff(phi(t), t)) * phi(t) ** (K - 1)),
        Identity("n=2: sum_x p(x) K w(x) e^(-t w(x)) phi^(K-1) = K (-phi') phi^(K-1) (symbolic K)",
                 sum(ps[a] * K * ws[a] * sympy.exp(-t * ws[a]) for a in (0, 1)) * phi2 ** (K - 1)
                 - K * (-sympy.diff(phi2, t)) * phi2 ** (K - 1)),
        Identity("n=2: phi(0) = 1 when p_2 = 1 - p_1",
                 sympy.Eq(phi2.subs(t, 0).subs(on_simplex), 1, evaluate=False)),
        Identity("n=2: lim_{t->oo} phi(t)^K = 0 for K > 0",
                 sympy.Limit(phi2 ** K_real, t, sympy.oo)),
    ]
    symbols = {sym.name: sym for sym in (t, K, p1, p2, w1, w2)}
    return Derivation(
        name="finite-k-integral",
        title="Finite-K weight as a Laplace integral; sum_x p(x) H^K_p(x) = 1",
        source=_SOURCE_31,
        expressions=exprs,
        symbols=symbols,
        labels=labels,
        identities=tuple(identities),
        cited=(
            "exchange of the expectation over y_1..y_{K-1} with int_0^oo (Tonelli: the integrand is >= 0)",
            "E prod_j e^{-t w(y_j)} = phi(t)^{K-1} for i.i.d. y_j ~ p (independence); for finite atoms this is "
            "the multinomial expansion, which the n = 2 cases check",
        ),
        notes=(
            "The integral form equals the expectation for any p > 0 (no normalisation needed); the mass "
            "identity uses sum_x p(x) = 1 through phi(0) = 1. The symbolic-K steps are general; the "
            "integrations are checked for n = 2 atoms and K = 2, 3."
        ),
    )


def _integral_general_forms() -> tuple[dict, dict, Any, Any]:
    """The general forms of :func:`derive_finite_k_integral`: (expressions, labels, φ, s)."""
    x, y, n = sympy.symbols("x y n", integer=True, positive=True)
    P, Wb = sympy.IndexedBase("p"), sympy.IndexedBase("w")
    phi = sympy.Function("phi")
    expectation = sympy.Function("E")
    S, s = sympy.Symbol("S", nonnegative=True), sympy.Symbol("s", positive=True)
    H_general = sympy.Function("H")
    exprs: dict = {
        "H^K_p(x) (definition)": K * Wb[x] * expectation(1 / (Wb[x] + S)),
        "Laplace": sympy.Eq(1 / s, sympy.Integral(sympy.exp(-t * s), (t, 0, sympy.oo))),
        "phi(t)": sympy.Sum(P[y] * sympy.exp(-t * Wb[y]), (y, 1, n)),
        "H^K_p(x) (integral)": K * Wb[x] * sympy.Integral(sympy.exp(-t * Wb[x]) * phi(t) ** (K - 1),
                                                          (t, 0, sympy.oo)),
        "mass identity": sympy.Eq(sympy.Sum(P[x] * H_general(x), (x, 1, n)),
                                  K * sympy.Integral(-sympy.diff(phi(t), t) * phi(t) ** (K - 1), (t, 0, sympy.oo))),
        "mass identity (value)": sympy.Eq(
            K * sympy.Integral(-sympy.diff(phi(t), t) * phi(t) ** (K - 1), (t, 0, sympy.oo)),
            phi(0) ** K - sympy.Limit(phi(t) ** K, t, sympy.oo)),
    }
    labels = {
        "H^K_p(x) (definition)": r"H^K_p(x)", "Laplace": r"\text{Laplace}", "phi(t)": r"\varphi(t)",
        "H^K_p(x) (integral)": r"H^K_p(x)", "mass identity": r"\text{mass}",
        "mass identity (value)": r"\text{mass}",
    }
    return exprs, labels, phi, s


def _integral_two_atom_identities(ps: list, ws: list, phi2: Any, on_simplex: dict, exprs: dict,
                                  labels: dict) -> list[Identity]:
    """n = 2, K = 2, 3: the integral form against the enumerated expectation at both atoms (added
    to ``exprs`` and ``labels``), and the mass identity on the simplex."""
    identities: list[Identity] = []
    for k in (2, 3):
        for atom in (0, 1):
            enumerated = _enumerated_h(ps, ws, atom, k)
            key = f"H^{k}(x_{atom + 1}) [n=2]"
            exprs[key] = enumerated
            labels[key] = rf"H^{{{k}}}_p(x_{{{atom + 1}}})\ [n=2]"
            integrand = sympy.expand(k * ws[atom] * sympy.exp(-t * ws[atom]) * phi2 ** (k - 1))
            identities.append(Identity(
                f"n=2, K={k}, x_{atom + 1}: K w int_0^oo e^(-t w) phi^(K-1) dt = enumerated expectation",
                sympy.Eq(sympy.Integral(integrand, (t, 0, sympy.oo)), enumerated, evaluate=False)))
        total = sum(ps[a] * _enumerated_h(ps, ws, a, k) for a in (0, 1))
        identities.append(Identity(
            f"n=2, K={k}: sum_x p(x) H^K_p(x) = 1 when p_2 = 1 - p_1",
            sympy.Eq(total.subs(on_simplex), 1, evaluate=False), {ps[0]: (0, 1)}))
    return identities


# LaTeX labels of the expressions of derive_lemma_3_2_bounds
_BOUNDS_LABELS = {
    "H^K_p(x)": r"H^K_p(x)", "a": "a", "d": "d", "identity": r"\text{identity}",
    "lower": r"\text{lower}", "upper": r"\text{upper}", "sandwich lower": r"\text{Jensen}",
    "sandwich upper": r"\text{upper}", "lim lower": r"\lim_{K\to\infty}\text{lower}",
    "lim upper": r"\lim_{K\to\infty}\text{upper}",
}


def derive_lemma_3_2_bounds() -> Derivation:
    r"""Derive the sandwich bounds on :math:`H^K_p(x)` that prove [FALA26] Lemma 3.2.

    Returns
    -------
    Derivation
        ``"lower"`` :math:`= K w/(w + (K-1)\mu)` (Jensen) and ``"upper"`` :math:`=` lower
        :math:`+\, K w (K-1)\sigma^2 / ((w+(K-1)\mu)^2 (w+(K-1)w_{\min}))`, written with ``w`` for
        :math:`w(x)`; the identity :math:`1/(a+d) = 1/a - d/a^2 + d^2/(a^2(a+d))` with
        :math:`a = w + (K-1)\mu`, :math:`d = S - (K-1)\mu`; and both limits as :math:`K \to \infty`.

        Certificate (sympy): the identity; :math:`a + d = w + S`; the upper bound is
        :math:`K w\,(1/a - E[d]/a^2 + E[d^2]/(a^2 (w+(K-1)w_{\min})))` with :math:`E d = 0`,
        :math:`E d^2 = (K-1)\sigma^2`; :math:`s \mapsto K w/(w+s)` is convex on :math:`s \ge 0`;
        :math:`d^2/(a^2(a+d)) \le d^2/(a^2 (w+(K-1)w_{\min}))` when
        :math:`a + d \ge w + (K-1)w_{\min}`; lower :math:`\le` upper; both limits equal
        :math:`w/\mu`.  Cited: Jensen's inequality; :math:`E d = 0` and
        :math:`\mathrm{Var}\,S = (K-1)\sigma^2` (i.i.d. draws); :math:`S \ge (K-1) w_{\min}`; bounded
        rewards give :math:`w_{\min} > 0` and :math:`\sigma^2 < \infty`; the squeeze theorem.

    Examples
    --------
    >>> d = derive_lemma_3_2_bounds()
    >>> d.expressions["lim lower"], d.expressions["lim upper"]
    (w/mu, w/mu)
    >>> d.certify().verdict
    Verdict.HOLDS
    """
    S = sympy.Symbol("S", nonnegative=True)
    a = sympy.Symbol("a", positive=True)
    dd = sympy.Symbol("d", real=True)
    e = sympy.Symbol("e", nonnegative=True)
    s = sympy.Symbol("s", nonnegative=True)
    expectation = sympy.Function("E")
    H = sympy.Symbol("H^K_p(x)", positive=True)
    a_expr = w + (K - 1) * mu
    d_expr = S - (K - 1) * mu
    expansion = 1 / a - dd / a ** 2 + dd ** 2 / (a ** 2 * (a + dd))
    floor = w + (K - 1) * w_min
    lim_lower = sympy.limit(_LOWER, K, sympy.oo)
    lim_upper = sympy.limit(_UPPER, K, sympy.oo)
    exprs = {
        "H^K_p(x)": K * w * expectation(1 / (w + S)),
        "a": a_expr,
        "d": d_expr,
        "identity": sympy.Eq(1 / (a + dd), expansion, evaluate=False),
        "lower": _LOWER,
        "upper": _UPPER,
        "sandwich lower": sympy.LessThan(_LOWER, H, evaluate=False),
        "sandwich upper": sympy.LessThan(H, _UPPER, evaluate=False),
        "lim lower": lim_lower,
        "lim upper": lim_upper,
    }
    identities = (
        *_bounds_identities(S, a, dd, e, s, a_expr, d_expr, expansion, floor),
    )
    return Derivation(
        name="lemma-3.2-bounds",
        title="Sandwich K w/(w+(K-1)mu) <= H^K_p(x) <= ... and the limit w/mu (Lemma 3.2)",
        source=_SOURCE_32,
        expressions=exprs,
        symbols={**_BOUND_SYMBOLS, "S": S, "a": a, "d": dd},
        labels=_BOUNDS_LABELS,
        identities=identities,
        cited=(
            "Jensen's inequality E[f(S)] >= f(E S) for the convex f(s) = K w/(w+s)",
            "E d = 0 and E d^2 = Var S = (K-1) sigma2 for i.i.d. draws",
            "S >= (K-1) w_min, hence a + d = w + S >= w + (K-1) w_min",
            "bounded rewards: w_min > 0 and sigma2 < oo uniformly, so both bounds -> w/mu; squeeze theorem",
        ),
        notes=(
            "w stands for w(x) = e^{r(x)}, mu = E_p[w], sigma2 = Var_p[w], w_min = min over supp p of w. "
            "The upper bound's excess is O(1/K), so H^K_p(x) = w/mu + O(1/K) uniformly in x under bounded "
            "rewards."
        ),
    )


def _bounds_identities(S, a, dd, e, s, a_expr, d_expr, expansion, floor) -> tuple[Identity, ...]:
    """The expansion of 1/(a+d), Jensen's convexity, the remainder bound and both limits w/mu."""
    return (
        Identity("1/(a+d) = 1/a - d/a^2 + d^2/(a^2 (a+d))", 1 / (a + dd) - expansion),
        Identity("a + d = w + S", a_expr + d_expr - (w + S)),
        Identity("upper = K w (1/a - E[d]/a^2 + E[d^2]/(a^2 (w + (K-1) w_min))), E d = 0, E d^2 = (K-1) sigma2",
                 _UPPER - K * w * (1 / a_expr - 0 / a_expr ** 2 + (K - 1) * sigma2 / (a_expr ** 2 * floor))),
        Identity("s -> K w/(w+s) is convex on s >= 0 (Jensen gives the lower bound)",
                 sympy.StrictGreaterThan(sympy.diff(K * w / (w + s), s, 2), 0, evaluate=False)),
        Identity("d^2/(a^2 (a+d)) <= d^2/(a^2 (w+(K-1) w_min)) when a + d = w + (K-1) w_min + e, e >= 0",
                 sympy.LessThan(dd ** 2 / (a ** 2 * (floor + e)), dd ** 2 / (a ** 2 * floor), evaluate=False)),
        Identity("lower <= upper", sympy.LessThan(_LOWER, _UPPER, evaluate=False)),
        Identity("lim_{K->oo} lower = w/mu", sympy.Eq(sympy.Limit(_LOWER, K, sympy.oo), w / mu, evaluate=False)),
        Identity("lim_{K->oo} upper = w/mu", sympy.Eq(sympy.Limit(_UPPER, K, sympy.oo), w / mu, evaluate=False)),
    )


@lru_cache(maxsize=1)
def _lemma_3_2_certificate() -> CheckResult:
    return derive_lemma_3_2_bounds().certify()


def _as_bound_expr(value: Any, argname: str) -> sympy.Expr:
    if isinstance(value, float):
        raise InvalidArgument(f"{argname}={value!r} is a float; pass a sympy expression with exact constants")
    if isinstance(value, str):
        try:
            expr = sympy.parse_expr(value, local_dict=dict(_BOUND_SYMBOLS))
        except Exception as exc:
            raise InvalidArgument(f"{argname}={value!r} does not parse ({exc}); write e.g. 'K*w/(w + (K-1)*mu)'") \
                from None
    else:
        try:
            expr = sympy.sympify(value, strict=True)
        except (sympy.SympifyError, TypeError):
            raise InvalidArgument(f"{argname}={value!r} must be a sympy expression in K, w, mu, sigma2, w_min") \
                from None
    if not isinstance(expr, sympy.Expr):
        raise InvalidArgument(f"{argname}={value!r} must be an expression, not {type(expr).__name__}")
    expr = expr.xreplace({sym: _BOUND_SYMBOLS[sym.name] for sym in expr.free_symbols
                          if sym.name in _BOUND_SYMBOLS})
    extra = sorted(sym.name for sym in expr.free_symbols if sym.name not in _BOUND_SYMBOLS)
    if extra:
        raise InvalidArgument(
            f"{argname}={value!r} uses {', '.join(extra)}; only K, w, mu, sigma2, w_min are allowed "
            f"(take them from derive_lemma_3_2_bounds().symbols)"
        )
    return expr


def _instances(count: int = 40, seed: int = 20260508):
    """Small exact instances (p, w, K) with every p(x) > 0, deterministic."""
    rng = random.Random(seed)
    fixed = [
        ([Fraction(1, 2), Fraction(1, 2)], [Fraction(1), Fraction(4)], 2),
        ([Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 10), Fraction(10)], 3),
        ([Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)], [Fraction(1, 2), Fraction(2), Fraction(3)], 4),
    ]
    yield from fixed
    for _ in range(count):
        n = rng.choice((2, 3))
        raw = [rng.randint(1, 9) for _ in range(n)]
        p = [Fraction(r, sum(raw)) for r in raw]
        ws = [Fraction(rng.randint(1, 16), rng.randint(1, 4)) for _ in range(n)]
        yield p, ws, rng.choice((2, 3, 4, 5))


def certify_finite_k_bound(bound: Any, *, side: str) -> CheckResult:
    r"""Decide a claimed bound on :math:`H^K_p(x)` in terms of K, w = w(x), μ, σ², w_min.

    The hook for planted false variants of the Lemma 3.2 sandwich.

    Parameters
    ----------
    bound : sympy.Expr or str
        Expression in the symbols of :func:`derive_lemma_3_2_bounds` (matched by name).
    side : {"lower", "upper"}
        ``"lower"`` claims :math:`\text{bound} \le H^K_p(x)`, ``"upper"`` claims
        :math:`H^K_p(x) \le \text{bound}`, for every p, w > 0, atom x and K ≥ 2.

    Returns
    -------
    CheckResult
        ``HOLDS`` (``method="symbolic"``) if the bound is the derived one or sympy proves it weaker
        (from the symbols' assumptions), with the Lemma 3.2 certificate holding.  ``FAILS``
        (``method="exact"``) with a small instance where exact rational enumeration of
        :math:`H^K_p(x)` violates it.  ``UNDECIDED`` otherwise.

    Raises
    ------
    InvalidArgument
        For an unknown side or symbols other than K, w, mu, sigma2, w_min.

    Examples
    --------
    Without the variance term the upper bound is false (Jensen makes the lower bound strict):

    >>> s = derive_lemma_3_2_bounds().symbols
    >>> K, w, mu = s["K"], s["w"], s["mu"]
    >>> res = certify_finite_k_bound(K*w/(w + (K - 1)*mu), side="upper")
    >>> res.verdict, res.method
    (Verdict.FAILS, 'exact')
    """
    if side not in ("lower", "upper"):
        raise InvalidArgument(f"side={side!r} must be 'lower' or 'upper'")
    expr = _as_bound_expr(bound, "bound")
    derived = _LOWER if side == "lower" else _UPPER
    relation = "bound <= H^K_p(x)" if side == "lower" else "H^K_p(x) <= bound"
    name = f"{relation} with bound = {_short(expr, 120)}"
    base = _lemma_3_2_certificate()
    evidence: dict[str, Any] = {"bound": _short(expr), "side": side, "lemma_3_2_certificate": base.verdict.value}
    reduced = _weaker_than_derived(expr - derived, side) if base.verdict is Verdict.HOLDS else None
    if reduced is not None:
        how = "is the derived bound" if reduced == 0 else "is weaker than the derived bound"
        return CheckResult(name, Verdict.HOLDS, "symbolic",
                           {**evidence, "bound_minus_derived": _short(reduced), "how": how})
    tried, failure = _bound_instance_search(expr, side, name, evidence)
    if failure is not None:
        return failure
    return CheckResult(name, Verdict.UNDECIDED, "symbolic", {**evidence, "instances_tried": tried},
                       reason="sympy could not compare the bound with the derived one and no exact instance "
                              "violates it")


def _weaker_than_derived(gap: Any, side: str) -> Any:
    """gap = bound - derived, reduced, when sympy shows the bound is no sharper than the derived
    one on that side (gap >= 0 for an upper bound, <= 0 for a lower one); else None."""
    for transform in (sympy.cancel, sympy.factor, sympy.simplify):
        try:
            reduced = transform(gap)
        except Exception:
            continue
        weaker = reduced == 0 or (reduced.is_nonnegative if side == "upper" else reduced.is_nonpositive)
        if weaker is True:
            return reduced
    return None


def _bound_instance_search(expr: Any, side: str, name: str, evidence: dict) -> tuple[int, CheckResult | None]:
    """Exact small instances: (number tried, a FAILS result at the first one the bound violates or None)."""
    tried = 0
    for p, ws, k in _instances():
        n = len(p)
        m1 = sum(pi * wi for pi, wi in zip(p, ws))
        var = sum(pi * (wi - m1) ** 2 for pi, wi in zip(p, ws))
        point = {K: sympy.Integer(k), mu: sympy.Rational(m1.numerator, m1.denominator),
                 sigma2: sympy.Rational(var.numerator, var.denominator),
                 w_min: sympy.Rational(min(ws).numerator, min(ws).denominator)}
        for atom in range(n):
            tried += 1
            h = _enumerated_h(p, ws, atom, k)
            value = expr.xreplace({**point, w: sympy.Rational(ws[atom].numerator, ws[atom].denominator)})
            if value.has(sympy.zoo, sympy.nan) or not value.is_Rational:
                continue
            h_exact = sympy.Rational(h.numerator, h.denominator)
            violated = value > h_exact if side == "lower" else value < h_exact
            if violated:
                return tried, CheckResult(name, Verdict.FAILS, "exact", {
                    **evidence, "p": [str(v) for v in p], "w": [str(v) for v in ws], "K": k,
                    "atom": atom + 1, "H": str(h_exact), "bound_value": str(value),
                    "margin": str(value - h_exact),
                }, reason=f"at p={[str(v) for v in p]}, w={[str(v) for v in ws]}, K={k}, x_{atom + 1}: "
                          f"H = {h_exact} but bound = {value}")
    return tried, None


def certify_lemma_3_2_limit(candidate: Any) -> CheckResult:
    r"""Decide whether :math:`\lim_{K\to\infty} H^K_p(x)` equals ``candidate`` (in w, mu, ...).

    The hook for planted false variants of [FALA26] Lemma 3.2.

    Parameters
    ----------
    candidate : sympy.Expr or str
        Expression in ``w`` (= w(x)), ``mu``, ``sigma2``, ``w_min`` (not ``K``).

    Returns
    -------
    CheckResult
        ``method="symbolic"``.  ``HOLDS`` if ``candidate - w/mu`` simplifies to 0 and the sandwich
        certificate (:func:`derive_lemma_3_2_bounds`: both bounds tend to w/mu) holds.  ``FAILS`` with
        exact rationals (w, mu, ...) where ``candidate`` differs from w/mu, the limit the sandwich
        forces; the point has ``w_min < min(w, mu)`` and ``sigma2 > 0``, and every such point is
        realised by some finite law p.  ``UNDECIDED`` otherwise.

    Examples
    --------
    >>> s = derive_lemma_3_2_bounds().symbols
    >>> certify_lemma_3_2_limit(s["w"] / s["mu"]).verdict
    Verdict.HOLDS
    >>> certify_lemma_3_2_limit(s["w"] / s["mu"]**2).verdict
    Verdict.FAILS
    """
    expr = _as_bound_expr(candidate, "candidate")
    if K in expr.free_symbols:
        raise InvalidArgument(f"candidate={candidate!r} depends on K; a limit as K -> oo cannot")
    name = f"lim_(K->oo) H^K_p(x) = {_short(expr, 120)}"
    base = _lemma_3_2_certificate()
    evidence: dict[str, Any] = {"candidate": _short(expr), "lemma_3_2_certificate": base.verdict.value}
    if base.verdict is not Verdict.HOLDS:
        return CheckResult(name, Verdict.UNDECIDED, "symbolic", evidence,
                           reason=f"the sandwich certificate is {base.verdict.value}: {base.reason}")
    check = Identity(name, sympy.Eq(expr, w / mu, evaluate=False),
                     {w: (0, 8), mu: (0, 8), sigma2: (0, 8), w_min: (0, 8)},
                     (w - w_min, mu - w_min)).check()
    return CheckResult(name, check.verdict, "symbolic", {**evidence, **check.evidence}, reason=check.reason)
