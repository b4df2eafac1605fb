r"""Premises of [FALA26] as predicates on a setup: Assumption 2.1 (i)-(iii), B.1-B.5, and "m_t → 0".

Definitions ([FALA26] §2.1-§2.2; two rewards, basin width ε)
--------------------------------------------------------------------
- r_i^* = max_x r_i(x) over *all* atoms (p_0 may vanish at the maximiser);
  S_{i,ε} = {x : r_i(x) >= r_i^* - ε}, S_ε = S_{1,ε} ∪ S_{2,ε}, "outside" = X \ S_ε.
- Closeness ŵ_i(x) = e^{r_i(x) - r_i^*} = w_i(x) / max_x w_i(x) in (0, 1]; the large-K weight
  W_t(x) = Σ_i q_i ŵ_i(x) / Ẑ_i(t) with Ẑ_i(t) = E_{p_t}[ŵ_i] (W is unchanged by the scaling).
- Masses a_t = p_t(S_{1,ε}), b_t = p_t(S_{2,ε}), m_t = p_t(X \ S_ε).

Sharpest constants (the largest values each premise allows; every valid choice is at most these,
so a statement that must hold for *any* valid constants is tested hardest with these):

- δ   = min_{x ∉ S_ε} min_i (r_i^* - r_i(x))      (e^{-δ} = max_{x ∉ S_ε, i} ŵ_i(x));
  with no atom outside S_ε every δ > 0 is valid and δ is reported as ``None``.
- Δ_1 = min_{x ∈ S_{2,ε}} (r_1^* - r_1(x)),  Δ_2 = min_{x ∈ S_{1,ε}} (r_2^* - r_2(x)).
- κ_i = e^{-(Δ_i - 2ε)} = e^{-Δ_i} / e^{-2ε}: the smallest valid leakage factor.
- B.5's constants are Δ_i + ε (its inequality carries an extra ε).
- B.4's ρ_ε: sup_{t >= 0} sup_{x ∉ S_ε} W_t(x).

[FALA26] Assumption 2.1(iii) names the outside constant δ_{i,ε} and then uses δ_{c,ε}; it is read
as one δ for both rewards (the sharpest δ above is the smaller of the two per-reward values).

Arithmetic
----------
Each quantity is a :class:`Real`: an exact ``Fraction`` when the setup's form keeps it rational
(exp form ``exp_rewards`` + ``exp_eps``: closeness ratios and κ_i; log form ``rewards`` + ``eps``:
reward gaps, δ and Δ_i), else an interval thunk (``mpmath.iv``) re-evaluated at growing precision
by :func:`compare`.  A verdict is certified only when exact arithmetic or intervals decided it.

Statements about all t (B.4, the outside-mass decay) are decided from a run of the large-K
dynamics (:func:`scan_outside`): exact rational steps while the numbers stay short, then
interval steps, plus a certified *tail bound* for every t >= T: F(p_t) is non-decreasing
(the nash-limit claim's ascent), F* - F(p_T) <= γ_T = max_{x ∈ supp p_0} W_T(x) - 1 (concavity of
F in p), and F is μ-strongly concave in Ẑ on (0, 1]^m with μ = min_{q_i > 0} q_i, so
|Ẑ(p_t) - Ẑ*| <= sqrt(2 γ_T / μ) =: r for all t >= T, hence Ẑ_i(t) ∈ [Ẑ_i(T) - 2r, Ẑ_i(T) + 2r]
and W_t(x) lies in the interval Σ_i q_i ŵ_i(x) / [that box] for every t >= T.

"m_t → 0" is decided from the certified large-K limit p* (:func:`pluralnash.numeric.solve_limit`,
the maximiser of F from p_0): m_t → p*(X \ S_ε), which is zero exactly when the limit's support
lies in S_ε.

Python spellings: ``eps`` = ε, ``exp_eps`` = e^{-ε}, ``delta`` = δ, ``gaps`` = (Δ_1, Δ_2),
``kappa`` = (κ_1, κ_2), ``q`` = weights[0].
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.model.landscape import Landscape, to_fraction
from pluralnash.numeric.engines.limit import solve_limit
from pluralnash.numeric.engines.step import FIELD, large_k_step, without_zero_weights
from pluralnash.theory import CheckResult, InvalidArgument, SolverError, Verdict

__all__ = [
    "Real",
    "compare",
    "BasinConstants",
    "measure_basin_constants",
    "OutsideScan",
    "scan_outside",
    "LimitMasses",
    "limit_basin_masses",
    "check_assumption_2_1_i",
    "check_assumption_2_1_ii",
    "check_assumption_2_1_iii",
    "check_assumption_b1",
    "check_assumption_b2",
    "check_assumption_b3",
    "check_assumption_b4",
    "check_assumption_b5",
    "check_outside_mass_vanishes",
    "check_kappa_below_one",
    "check_q_in_leakage_range",
]

_SHOW_PREC = 128
_LIMIT_DPS = 30  # digits of the one limit solve that every premise and conclusion about p* reads


def _per_setup(maxsize: int = 512) -> Callable:
    """Cache a function of a setup (and keywords); setups with unhashable atom labels (e.g. coordinate
    lists) are computed afresh each time instead of failing."""
    def decorate(fn):
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def wrapper(landscape, *args, **kwargs):
            try:
                return cached(landscape, *args, **kwargs)
            except TypeError:
                try:
                    hash(landscape)
                except TypeError:
                    return fn(landscape, *args, **kwargs)
                raise  # the TypeError came from fn itself
        wrapper.cache_clear, wrapper.cache_info = cached.cache_clear, cached.cache_info
        return wrapper
    return decorate


@_per_setup()
def _solved_limit(landscape: Landscape):
    """``solve_limit(landscape, dps=_LIMIT_DPS)``, solved once per setup (premise and conclusion checks share it)."""
    return solve_limit(landscape, dps=_LIMIT_DPS)


# ----------------------------------------------------------------------------------------------
# exact-or-interval reals


class Real:
    r"""A real number known exactly (a ``Fraction``) or through an interval thunk.

    The thunk is evaluated at the current ``mpmath.iv`` precision, so :func:`compare` can
    re-evaluate it with more bits until an order is decided.  Arithmetic between exact values
    stays exact; anything touching an interval becomes an interval thunk.

    Examples
    --------
    >>> x = Real(Fraction(1, 3)) + 1
    >>> x.exact
    Fraction(4, 3)
    >>> compare(Real.exp(Real(Fraction(1, 10))), Fraction(11, 10))
    (1, 'interval')
    """

    __slots__ = ("exact", "_thunk")

    def __init__(self, exact: Any = None, thunk: Callable[[], Any] | None = None):
        if exact is None and thunk is None:
            raise InvalidArgument("Real() needs exact= or thunk=; pass a Fraction or an interval thunk")
        self.exact = Fraction(exact) if exact is not None else None
        self._thunk = thunk

    @classmethod
    def of(cls, x: Any) -> "Real":
        """Wrap a Fraction, int, Real or ``iv.mpf`` interval."""
        if isinstance(x, Real):
            return x
        if isinstance(x, (int, Fraction)) and not isinstance(x, bool):
            return cls(Fraction(x))
        if isinstance(x, iv.mpf):
            fixed = x
            return cls(thunk=lambda: fixed)
        raise InvalidArgument(f"value={x!r} of type {type(x).__name__} is not a number Real can hold; "
                              f"pass a Fraction or an mpmath.iv interval")

    @property
    def is_exact(self) -> bool:
        return self.exact is not None

    def iv(self):
        """The enclosure at the current interval precision."""
        return iv_frac(self.exact) if self.exact is not None else self._thunk()

    def _binary(self, other: Any, op: Callable[[Any, Any], Any]) -> "Real":
        o = Real.of(other)
        if self.exact is not None and o.exact is not None:
            return Real(op(self.exact, o.exact))
        return Real(thunk=lambda: op(self.iv(), o.iv()))

    def __add__(self, other): return self._binary(other, lambda a, b: a + b)
    def __radd__(self, other): return Real.of(other)._binary(self, lambda a, b: a + b)
    def __sub__(self, other): return self._binary(other, lambda a, b: a - b)
    def __rsub__(self, other): return Real.of(other)._binary(self, lambda a, b: a - b)
    def __mul__(self, other): return self._binary(other, lambda a, b: a * b)
    def __rmul__(self, other): return Real.of(other)._binary(self, lambda a, b: a * b)
    def __truediv__(self, other): return self._binary(other, lambda a, b: a / b)
    def __rtruediv__(self, other): return Real.of(other)._binary(self, lambda a, b: a / b)

    def __neg__(self) -> "Real":
        return Real(-self.exact) if self.exact is not None else Real(thunk=lambda: -self.iv())

    def __pow__(self, k: int) -> "Real":
        if not isinstance(k, int) or isinstance(k, bool):
            raise InvalidArgument(f"k={k!r} must be an int power")
        return Real(self.exact ** k) if self.exact is not None else Real(thunk=lambda: self.iv() ** k)

    @staticmethod
    def exp(x: Any) -> "Real":
        x = Real.of(x)
        if x.exact == 0:
            return Real(Fraction(1))
        return Real(thunk=lambda: iv.exp(x.iv()))

    @staticmethod
    def log(x: Any) -> "Real":
        x = Real.of(x)
        if x.exact == 1:
            return Real(Fraction(0))
        return Real(thunk=lambda: iv.log(x.iv()))

    @staticmethod
    def max(a: Any, b: Any) -> "Real":
        """The larger of two reals: one of them when their order is decided (so an exact end such as
        the 0 of max{0, x} stays exact), else the interval hull of the maxima."""
        a, b = Real.of(a), Real.of(b)
        if a.exact is not None and b.exact is not None:
            return Real(max(a.exact, b.exact))
        s, _ = compare(a, b, limit=256)
        if s is not None:
            return a if s > 0 else b

        def thunk():
            I, J = a.iv(), b.iv()
            return iv.mpf([max(I.a, J.a), max(I.b, J.b)])
        return Real(thunk=thunk)

    @staticmethod
    def min(a: Any, b: Any) -> "Real":
        return -Real.max(-Real.of(a), -Real.of(b))

    def bounds(self, prec: int = _SHOW_PREC) -> tuple[mpmath.mpf, mpmath.mpf]:
        """Lower and upper bound as mpf at ``prec`` bits."""
        with iv_workprec(prec):
            I = self.iv()
            return _lo(I), _hi(I)

    def to_float(self) -> float:
        if self.exact is not None:
            return float(self.exact)
        lo, hi = self.bounds()
        return float((lo + hi) / 2)

    def text(self, digits: int = 15) -> str:
        """Exact fraction when short, else a decimal (``~`` marks an interval midpoint)."""
        if self.exact is not None:
            if self.exact.denominator < 10**12 and abs(self.exact.numerator) < 10**15:
                return str(self.exact)
            with mpmath.workdps(digits + 5):
                return mpmath.nstr(mpmath.mpf(self.exact.numerator) / self.exact.denominator, digits)
        try:
            lo, hi = self.bounds()
        except (ZeroDivisionError, ValueError):
            return "undefined"
        with mpmath.workdps(digits + 5):
            return "~" + mpmath.nstr((lo + hi) / 2, digits)

    def __repr__(self) -> str:
        return f"Real({self.text()})"

    def __bool__(self) -> bool:
        raise TypeError("a Real has no truth value; use compare(a, b)")


def compare(a: Any, b: Any, *, start: int = 64, limit: int = 1024) -> tuple[int | None, str]:
    r"""Decide the order of two reals: ``(sign of a - b, method)``; sign ``None`` when undecided.

    Exact values compare exactly (sign 0 possible); otherwise intervals at ``start``, 2·start, ...
    up to ``limit`` bits decide a strict order, and equality is never claimed.
    """
    a, b = Real.of(a), Real.of(b)
    if a.exact is not None and b.exact is not None:
        d = a.exact - b.exact
        return (d > 0) - (d < 0), "exact"
    prec = start
    while prec <= limit:
        with iv_workprec(prec):
            try:
                I, J = a.iv(), b.iv()
            except (ZeroDivisionError, ValueError):
                I = J = None
            if I is not None and mpmath.isfinite(I.a) and mpmath.isfinite(I.b) and \
                    mpmath.isfinite(J.a) and mpmath.isfinite(J.b):
                if I.b < J.a:
                    return -1, "interval"
                if I.a > J.b:
                    return 1, "interval"
        prec *= 2
    return None, "interval"


def _weaker(*methods: str) -> str:
    return "interval" if "interval" in methods else "exact"


def _lo(x) -> mpmath.mpf:
    """The exact lower endpoint of an interval (``mpmath.mpf(x.a)`` would round to 53 bits)."""
    return mpmath.mp.make_mpf(x._mpi_[0])


def _hi(x) -> mpmath.mpf:
    """The exact upper endpoint of an interval."""
    return mpmath.mp.make_mpf(x._mpi_[1])


# ----------------------------------------------------------------------------------------------
# the constants of Assumption 2.1


@dataclass(frozen=True)
class BasinConstants:
    r"""The sharpest constants of [FALA26] Assumption 2.1 on a two-reward setup.

    Attributes
    ----------
    q : Fraction
        Weight of reward 1 (``weights[0]``).
    eps, exp_eps : Real
        ε and e^{-ε}.
    basins : (S_1, S_2)
        Atom indices of S_{1,ε}, S_{2,ε}.
    overlap, outside : tuple of int
        S_{1,ε} ∩ S_{2,ε} and X \ S_ε.
    delta, exp_delta : Real or None
        Sharpest δ and e^{-δ}; None when no atom lies outside S_ε.
    gaps, exp_gaps : (Real, Real)
        Sharpest (Δ_1, Δ_2) and (e^{-Δ_1}, e^{-Δ_2}).
    kappa : (Real, Real)
        κ_i = e^{-(Δ_i - 2ε)} for the sharpest Δ_i.
    bounds : ((Real, Real), (Real, Real))
        (L_i, U_i) = (min_x r_i(x), max_x r_i(x)).
    """

    q: Fraction
    eps: Real
    exp_eps: Real
    basins: tuple[tuple[int, ...], tuple[int, ...]]
    overlap: tuple[int, ...]
    outside: tuple[int, ...]
    delta: Real | None
    exp_delta: Real | None
    gaps: tuple[Real, Real]
    exp_gaps: tuple[Real, Real]
    kappa: tuple[Real, Real]
    bounds: tuple[tuple[Real, Real], tuple[Real, Real]]

    def evidence(self) -> dict[str, Any]:
        ev = {
            "q": str(self.q),
            "eps": self.eps.text(),
            "S_1": list(self.basins[0]),
            "S_2": list(self.basins[1]),
            "outside": list(self.outside),
            "delta": self.delta.text() if self.delta is not None else None,
            "Delta_1": self.gaps[0].text(),
            "Delta_2": self.gaps[1].text(),
            "kappa_1": self.kappa[0].text(),
            "kappa_2": self.kappa[1].text(),
        }
        if self.overlap:
            ev["overlap"] = list(self.overlap)
        return ev


def _setup_problem(landscape: Any) -> str | None:
    """Why a setup is not a two-reward setup with a basin width, or None."""
    if not isinstance(landscape, Landscape):
        raise InvalidArgument(f"landscape={landscape!r} must be a Landscape; build one with Landscape(...) "
                              f"or load a setup file with load_setup(path)")
    if landscape.m != 2:
        return f"the assumption is stated for two rewards; this setup has m = {landscape.m}"
    if not landscape.has_eps:
        return "the setup has no basin width; add \"eps\" (or \"exp_eps\" = e^-eps) to it"
    return None


def _closeness(landscape: Landscape) -> tuple[list[list[Real]], list[list[Real]]]:
    """(ŵ_i(x), r_i^* - r_i(x)) for every reward and atom, exact in the setup's own form."""
    w_hat, gap = [], []
    if landscape.exp_rewards is not None:
        for row in landscape.exp_rewards:
            top = max(row)
            ratios = [Real(v / top) for v in row]
            w_hat.append(ratios)
            gap.append([-Real.log(r) for r in ratios])
    else:
        for row in landscape.rewards:
            top = max(row)
            gaps = [Real(top - v) for v in row]
            gap.append(gaps)
            w_hat.append([Real.exp(-g) for g in gaps])
    return w_hat, gap


def _best(values: Sequence[Real], *, largest: bool) -> Real:
    """The largest (or smallest) of several reals, exactly when they are exact."""
    if all(v.is_exact for v in values):
        pick = max if largest else min
        return Real(pick(v.exact for v in values))
    out = values[0]
    for v in values[1:]:
        out = Real.max(out, v) if largest else Real.min(out, v)
    return out


def measure_basin_constants(landscape: Landscape) -> BasinConstants:
    r"""The sharpest constants of Assumption 2.1 on a two-reward setup with ε.

    Raises
    ------
    InvalidArgument
        If the setup does not have two rewards and a basin width.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/10", "1/3"], ["1/10", "1", "1/3"]], exp_eps="1/2")
    >>> c = measure_basin_constants(L)
    >>> c.basins, c.outside, c.exp_gaps[0].exact, c.kappa[0].exact, c.exp_delta.exact
    (((0,), (1,)), (2,), Fraction(1, 10), Fraction(2, 5), Fraction(1, 3))
    """
    problem = _setup_problem(landscape)
    if problem:
        raise InvalidArgument(f"landscape: {problem}")
    S1, S2 = landscape.basins()
    union = set(S1) | set(S2)
    overlap = tuple(sorted(set(S1) & set(S2)))
    outside = tuple(x for x in range(landscape.n) if x not in union)
    if landscape.eps is not None:
        eps = Real(landscape.eps)
        exp_eps = Real.exp(-eps)
    else:
        exp_eps = Real(landscape.exp_eps)
        eps = -Real.log(exp_eps)
    w_hat, gap = _closeness(landscape)
    exact_w = landscape.exp_rewards is not None
    # sharpest e^{-Δ_1} is the largest ŵ_1 on S_2 (equivalently the smallest gap), and so on
    exp_gaps, gaps = [], []
    for i, other in ((0, S2), (1, S1)):
        if exact_w:
            eg = _best([w_hat[i][x] for x in other], largest=True)
            g = -Real.log(eg)
        else:
            g = _best([gap[i][x] for x in other], largest=False)
            eg = Real.exp(-g)
        exp_gaps.append(eg)
        gaps.append(g)
    if outside:
        if exact_w:
            exp_delta = _best([w_hat[i][x] for x in outside for i in range(2)], largest=True)
            delta = -Real.log(exp_delta)
        else:
            delta = _best([gap[i][x] for x in outside for i in range(2)], largest=False)
            exp_delta = Real.exp(-delta)
    else:
        exp_delta = delta = None
    kappa = []
    for g, eg in zip(gaps, exp_gaps):
        if g.is_exact and eps.is_exact:
            kappa.append(Real.exp(2 * eps - g))
        else:
            kappa.append(eg / exp_eps ** 2)
    bounds = []
    if exact_w:
        for row in landscape.exp_rewards:
            bounds.append((Real.log(Real(min(row))), Real.log(Real(max(row)))))
    else:
        for row in landscape.rewards:
            bounds.append((Real(min(row)), Real(max(row))))
    return BasinConstants(
        q=landscape.weights[0], eps=eps, exp_eps=exp_eps, basins=(S1, S2), overlap=overlap, outside=outside,
        delta=delta, exp_delta=exp_delta, gaps=(gaps[0], gaps[1]), exp_gaps=(exp_gaps[0], exp_gaps[1]),
        kappa=(kappa[0], kappa[1]), bounds=(bounds[0], bounds[1]),
    )


@_per_setup()
def _constants(landscape: Landscape) -> BasinConstants:
    return measure_basin_constants(landscape)


# ----------------------------------------------------------------------------------------------
# premises of a single setup


def _not_applicable(name: str, problem: str) -> CheckResult:
    return CheckResult(name, Verdict.FAILS, "exact", {}, problem)


def _constants_or_result(landscape: Landscape, name: str) -> BasinConstants | CheckResult:
    """The sharpest constants of the setup, or the FAILS result ``name`` saying why it has none."""
    problem = _setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    return _constants(landscape)


def _given(values: Any, name: str, count: int) -> list[Fraction] | None:
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) != count:
        raise InvalidArgument(f"{name}={values!r} must be a list of {count} numbers; pass e.g. "
                              f"{name}={['1/2'] * count!r}")
    return [to_fraction(v, f"{name}[{k}]") for k, v in enumerate(values)]


def check_assumption_2_1_i(landscape: Landscape, *, bounds: Sequence[Sequence[Any]] | None = None,
                           name: str = "Assumption 2.1(i): bounded rewards") -> CheckResult:
    r"""[FALA26] Assumption 2.1(i): r_i(x) ∈ [L_i, U_i] for all x, i = 1, 2.

    On finitely many atoms the sharpest bounds (min and max of each r_i) always exist, so with
    ``bounds=None`` the predicate measures and reports them and fails only when the setup is not a
    two-reward setup with ε.  Given ``bounds=[[L_1, U_1], [L_2, U_2]]`` (rationals, in reward units)
    it decides whether every r_i(x) lies in them.
    """
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = {f"{side}_{i + 1}": c.bounds[i][k].text() for i in range(2) for k, side in enumerate(("L", "U"))}
    if bounds is None:
        return CheckResult(name, Verdict.HOLDS, "exact", ev)
    if isinstance(bounds, (str, bytes)) or not hasattr(bounds, "__len__") or len(bounds) != 2:
        raise InvalidArgument(f"bounds={bounds!r} must be two pairs [L_i, U_i]; pass e.g. [[-4, 0], [-4, 0]]")
    given = [_given(b, f"bounds[{i}]", 2) for i, b in enumerate(bounds)]
    method = "exact"
    for i in range(2):
        lo, hi = given[i]
        if lo > hi:
            raise InvalidArgument(f"bounds[{i}]={[str(lo), str(hi)]} has L > U; pass L_{i + 1} <= U_{i + 1}")
        for side, value, sign_bad in (("L", lo, 1), ("U", hi, -1)):
            measured = c.bounds[i][0 if side == "L" else 1]
            s, meth = compare(value, measured)
            method = _weaker(method, meth)
            if s is None:
                return CheckResult(name, Verdict.UNDECIDED, method, ev,
                                   f"{side}_{i + 1} = {value} is too close to the measured bound to decide")
            if s == sign_bad:
                ev["given_bounds"] = [[str(v) for v in g] for g in given]
                return CheckResult(name, Verdict.FAILS, method, ev,
                                   f"r_{i + 1} reaches {measured.text()}, outside the given "
                                   f"[{lo}, {hi}]")
    ev["given_bounds"] = [[str(v) for v in g] for g in given]
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_assumption_b1(landscape: Landscape, *, bounds: Sequence[Sequence[Any]] | None = None) -> CheckResult:
    r"""[FALA26] Assumption B.1: bounded measurable rewards (on finitely many atoms: as 2.1(i))."""
    return check_assumption_2_1_i(landscape, bounds=bounds, name="Assumption B.1: bounded measurable rewards")


def _basin_masses0(landscape: Landscape, c: BasinConstants) -> tuple[Fraction, Fraction]:
    return tuple(sum((landscape.p0[x] for x in S), Fraction(0)) for S in c.basins)  # type: ignore[return-value]


def _basin_parts(landscape: Landscape) -> tuple[dict[str, Any], tuple[int, ...], int | None]:
    r"""The data of B.3 and B.2 (together Assumption 2.1(ii)) on a two-reward setup with ε, for every
    check of them: evidence (S_1, S_2, p_0(S_1), p_0(S_2)), the atoms of S_{1,ε} ∩ S_{2,ε}, and the
    first i with p_0(S_{i,ε}) = 0 (None when both basins have mass)."""
    c = _constants(landscape)
    masses = _basin_masses0(landscape, c)
    ev = {"S_1": list(c.basins[0]), "S_2": list(c.basins[1]), "p0(S_1)": str(masses[0]), "p0(S_2)": str(masses[1])}
    empty = next((i + 1 for i, mass in enumerate(masses) if mass == 0), None)
    return ev, c.overlap, empty


def _basin_check(landscape: Landscape, name: str, keys: tuple[str, ...], *, overlap: bool,
                 empty: bool) -> CheckResult:
    """B.3 (``overlap``) then B.2 (``empty``) decided exactly, reporting the evidence ``keys``."""
    problem = _setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    full, shared, first_empty = _basin_parts(landscape)
    ev = {k: full[k] for k in keys}
    if overlap and shared:
        ev["overlap"] = list(shared)
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"the basins share atoms {list(shared)}")
    if empty and first_empty:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"p0(S_{first_empty}) = 0")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def check_assumption_2_1_ii(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Assumption 2.1(ii): S_{1,ε} ∩ S_{2,ε} = ∅, p_0(S_{1,ε}) > 0, p_0(S_{2,ε}) > 0 (exact)."""
    return _basin_check(landscape, "Assumption 2.1(ii): disjoint basins, p0(S_1), p0(S_2) > 0",
                        ("S_1", "S_2", "p0(S_1)", "p0(S_2)"), overlap=True, empty=True)


def check_assumption_b2(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Assumption B.2: p_0(S_{i,ε}) > 0 for i = 1, 2 (exact)."""
    return _basin_check(landscape, "Assumption B.2: p0(S_1) > 0 and p0(S_2) > 0", ("p0(S_1)", "p0(S_2)"),
                        overlap=False, empty=True)


def check_assumption_b3(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Assumption B.3: S_{1,ε} ∩ S_{2,ε} = ∅ (exact)."""
    return _basin_check(landscape, "Assumption B.3: disjoint basins", ("S_1", "S_2"), overlap=True, empty=False)


def check_assumption_2_1_iii(landscape: Landscape, *, delta: Any = None,
                             gaps: Sequence[Any] | None = None) -> CheckResult:
    r"""[FALA26] Assumption 2.1(iii), leakage gaps: there are δ > 0 and Δ_1, Δ_2 > 0 with
    r_i(x) <= r_i^* - δ off S_ε, r_2 <= r_2^* - Δ_2 on S_{1,ε}, r_1 <= r_1^* - Δ_1 on S_{2,ε}.

    With no constants given, the sharpest ones are measured (δ_{i,ε}/δ_{c,ε} read as one δ):
    δ > ε always holds off S_ε on a finite landscape, so the predicate fails exactly when a basin
    atom attains the *other* reward's maximum (Δ_i <= 0, possible only when the basins overlap).
    Given ``delta`` and/or ``gaps`` (rationals, reward units), it decides whether they are valid:
    0 < δ <= sharpest δ and 0 < Δ_i <= sharpest Δ_i.
    """
    name = "Assumption 2.1(iii): leakage gaps delta, Delta_1, Delta_2 > 0"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = c.evidence()
    ev.pop("q", None)
    method = "exact"
    for i in range(2):
        s, meth = compare(c.exp_gaps[i], 1)
        method = _weaker(method, meth)
        if s is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev, f"cannot decide Delta_{i + 1} > 0")
        if s >= 0:
            j = 2 - i
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"an atom of S_{j} attains max r_{i + 1}, so Delta_{i + 1} <= 0")
    given_gaps = _given(gaps, "gaps", 2)
    checks: list[tuple[str, Fraction, Real | None]] = []
    if delta is not None:
        checks.append(("delta", to_fraction(delta, "delta"), c.delta))
    if given_gaps is not None:
        checks += [(f"Delta_{i + 1}", g, c.gaps[i]) for i, g in enumerate(given_gaps)]
    for label, value, sharpest in checks:
        ev[f"given_{label}"] = str(value)
        if value <= 0:
            return CheckResult(name, Verdict.FAILS, "exact", ev, f"{label} = {value} is not > 0")
        if sharpest is None:  # no outside atom: every delta > 0 is valid
            continue
        s, meth = compare(value, sharpest)
        method = _weaker(method, meth)
        if s is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev,
                               f"{label} = {value} is too close to the sharpest {sharpest.text()} to decide")
        if s > 0:
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"{label} = {value} exceeds the sharpest valid value {sharpest.text()}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_assumption_b5(landscape: Landscape, *, gaps: Sequence[Any] | None = None) -> CheckResult:
    r"""[FALA26] Assumption B.5, cross-basin separation: x ∈ S_{1,ε} ⇒ r_2(x) <= r_2^* - Δ_2 + ε
    and x ∈ S_{2,ε} ⇒ r_1(x) <= r_1^* - Δ_1 + ε.

    With ``gaps=None`` the sharpest B.5 constants Δ_i + ε (Δ_i those of 2.1(iii), >= 0) are
    measured; they are at least ε > 0, so the predicate then fails only on setups that are not
    two-reward setups with ε.  Given ``gaps=[Δ_1, Δ_2]`` it decides B.5 with those constants.
    """
    name = "Assumption B.5: cross-basin separation"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    sharp = [g + c.eps for g in c.gaps]
    ev = {"Delta_1_B5": sharp[0].text(), "Delta_2_B5": sharp[1].text(), "eps": c.eps.text()}
    given = _given(gaps, "gaps", 2)
    if given is None:
        return CheckResult(name, Verdict.HOLDS, _weaker(*(("exact" if s.is_exact else "interval") for s in sharp)), ev)
    method = "exact"
    for i, g in enumerate(given):
        ev[f"given_Delta_{i + 1}"] = str(g)
        s, meth = compare(g, sharp[i])
        method = _weaker(method, meth)
        if s is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev,
                               f"Delta_{i + 1} = {g} is too close to the sharpest {sharp[i].text()} to decide")
        if s > 0:
            j = 2 - i
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"an atom of S_{j} has r_{i + 1}^* - r_{i + 1} + eps = {sharp[i].text()} < "
                               f"Delta_{i + 1} = {g}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_kappa_below_one(landscape: Landscape) -> CheckResult:
    r"""Leakage factors below one: κ_i = e^{-(Δ_i - 2ε)} < 1 for the sharpest Δ_i, i.e. Δ_i > 2ε."""
    name = "leakage factors kappa_1, kappa_2 < 1 (sharpest Delta_i > 2 eps)"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = {"kappa_1": c.kappa[0].text(), "kappa_2": c.kappa[1].text(),
          "Delta_1": c.gaps[0].text(), "Delta_2": c.gaps[1].text(), "eps": c.eps.text()}
    method = "exact"
    for i in range(2):
        s, meth = compare(c.kappa[i], 1)
        method = _weaker(method, meth)
        if s is None:
            return CheckResult(name, Verdict.UNDECIDED, method, ev, f"cannot decide kappa_{i + 1} < 1")
        if s >= 0:
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"kappa_{i + 1} = {c.kappa[i].text()} >= 1 (Delta_{i + 1} <= 2 eps)")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_q_in_leakage_range(landscape: Landscape) -> CheckResult:
    r"""[FALA26] Lemma 3.5's premise q ∈ (κ_1, 1 - κ_2), with the sharpest κ_i (the widest range)."""
    name = "q in (kappa_1, 1 - kappa_2)"
    c = _constants_or_result(landscape, name)
    if isinstance(c, CheckResult):
        return c
    ev = {"q": str(c.q), "kappa_1": c.kappa[0].text(), "1 - kappa_2": (1 - c.kappa[1]).text()}
    s1, m1 = compare(c.q, c.kappa[0])
    s2, m2 = compare(c.q, 1 - c.kappa[1])
    method = _weaker(m1, m2)
    if s1 is None or s2 is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "q is too close to an end of the range to decide")
    if s1 <= 0:
        return CheckResult(name, Verdict.FAILS, method, ev, f"q = {c.q} <= kappa_1 = {c.kappa[0].text()}")
    if s2 >= 0:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"q = {c.q} >= 1 - kappa_2 = {(1 - c.kappa[1]).text()}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


# ----------------------------------------------------------------------------------------------
# runs of the large-K dynamics, with a certified tail


@dataclass(frozen=True)
class OutsideScan:
    r"""What a certified run of the large-K dynamics says about the atoms outside S_ε.

    Attributes
    ----------
    outside : tuple of int
        X \ S_ε (all of them, including atoms with p_0(x) = 0).
    live : tuple of int
        The outside atoms with p_0(x) > 0 (the only ones that carry m_t).
    m : tuple
        m_0, ..., m_T (Fraction while exact, then ``iv.mpf`` enclosures).
    W_out : tuple
        Per t = 0..T, the list W_t(x) for x in ``outside``.
    steps : int
        T, the last step computed.
    exact_steps : int
        Steps done in exact rational arithmetic.
    tail_from : int or None
        T' <= T from which the tail enclosures hold (None if none was certified).
    tail : dict
        x -> (lo, hi): for every t >= T', lo <= W_t(x) <= hi (mpf bounds).
    prec : int
        Working interval precision in bits.
    """

    outside: tuple[int, ...]
    live: tuple[int, ...]
    m: tuple
    W_out: tuple
    steps: int
    exact_steps: int
    tail_from: int | None
    tail: dict
    prec: int

    @property
    def method(self) -> str:
        return "exact" if self.exact_steps >= self.steps else "interval"


def _scaled_w_exact(landscape: Landscape) -> list[list[Fraction]] | None:
    if landscape.exp_rewards is None:
        return None
    return [[v / max(row) for v in row] for row in landscape.exp_rewards]


def _scaled_w_iv(landscape: Landscape) -> list:
    """ŵ_i(x) as intervals at the current precision."""
    if landscape.exp_rewards is not None:
        return [[iv_frac(v / max(row)) for v in row] for row in landscape.exp_rewards]
    return [[iv.exp(iv_frac(v - max(row))) for v in row] for row in landscape.rewards]


def _tail(landscape: Landscape, p, Z, W, w_iv, q_iv, mu, atoms):
    """Enclosures of W_t(x), valid for every t >= the current step, or None (see module docstring)."""
    supp = landscape.support()
    Wiv = [W[x] if not isinstance(W[x], Fraction) else iv_frac(W[x]) for x in supp]
    gamma = (iv.mpf(max(_hi(v) for v in Wiv)) - 1).b
    if gamma < 0:
        gamma = iv.mpf(0)
    r = iv.sqrt(2 * iv.mpf(gamma) / iv_frac(mu)).b
    box = []
    for i, z in enumerate(Z):
        zi = iv_frac(z) if isinstance(z, Fraction) else z
        lo = _lo(iv.mpf(zi.a) - 2 * iv.mpf(r))
        hi = min(_hi(iv.mpf(zi.b) + 2 * iv.mpf(r)), mpmath.mpf(1))
        if lo <= 0:
            return None
        box.append(iv.mpf([lo, hi]))
    out = {}
    for x in atoms:
        enc = sum((qi * w_iv[i][x] / box[i] for i, qi in enumerate(q_iv) if qi is not None), iv.mpf(0))
        out[x] = (_lo(enc), _hi(enc))
    return out


_CHECKPOINTS = (2, 4, 8, 16, 32, 48, 64, 96, 128, 160, 200, 256, 320, 400)


@_per_setup(maxsize=256)
def scan_outside(landscape: Landscape, *, horizon: int = 200, prec: int = 128,
                 exact_bits: int = 512) -> OutsideScan:
    r"""Run the large-K dynamics from p_0 and enclose m_t and W_t(x) off S_ε, with a certified tail.

    The run stops at ``horizon`` or earlier, at a checkpoint where every outside atom's tail
    enclosure is decided against 1 (entirely below or above) and, if the outside mass ever grows,
    that has been seen too.  Steps are exact while every p_t(x) has at most ``exact_bits`` bits
    (rational ``exp_rewards`` only), then interval steps.  Naive interval iteration of
    p' = p W(p) loses about one bit per step (p and Z_i = E_p[ŵ_i] are treated as independent, so
    relative widths double), so the working precision is ``prec + horizon + 16`` bits; the run also
    stops early, at the last step whose enclosures are narrow (relative width < 2^-32).
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1:
        raise InvalidArgument(f"horizon={horizon!r} must be a whole number >= 1; pass e.g. horizon=200")
    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 53:
        raise InvalidArgument(f"prec={prec!r} must be a whole number of bits >= 53; pass e.g. prec=128")
    c = _constants(landscape)
    outside = c.outside
    live = tuple(x for x in outside if landscape.p0[x] > 0)
    # outside atoms in the certified limit's support have W_t(x) -> 1: their tails never fall below 1
    lm = limit_basin_masses(landscape)
    in_limit = set(lm.support) & set(outside) if lm.reason is None else set()
    q = list(landscape.weights)
    active = [i for i, v in enumerate(q) if v > 0]
    mu = min(q[i] for i in active)
    exact_w = _scaled_w_exact(landscape)
    work = prec + horizon + 16
    with iv_workprec(work):
        w_iv = _scaled_w_iv(landscape)
        q_iv = [iv_frac(v) if v else None for v in q]
        if exact_w is not None:
            p, w, qq, exact = list(landscape.p0), exact_w, q, True
        else:
            p, w, qq, exact = [iv_frac(v) for v in landscape.p0], w_iv, [iv_frac(v) for v in q], False
        zero = Fraction(0) if exact else iv.mpf(0)
        ms, W_out = [], []
        exact_steps = 0
        tail_from, tail = None, {}
        grew = b4_failed = False
        t = 0
        while True:
            Z, W, p_next = large_k_step(FIELD, p, w, without_zero_weights(q, qq))
            ms.append(sum((p[x] for x in live), zero))
            W_out.append([W[x] for x in outside])
            b4_failed = b4_failed or any(_at_least_one(W[x]) for x in outside)
            if t >= 1 and live:
                prev, cur = _as_iv(ms[-2]), _as_iv(ms[-1])
                grew = grew or ((cur - prev).a >= 0 and prev.a > 0)
            if grew and b4_failed:
                break  # both the decay and B.4 already fail at a certified step
            if outside and (t in _CHECKPOINTS or t == horizon):
                enc = _tail(landscape, p, Z, W, w_iv, q_iv, mu, outside)
                if enc is not None:
                    tail_from, tail = t, enc
                    decided = all(hi < 1 or lo > 1 for x, (lo, hi) in enc.items() if x not in in_limit)
                    live_ok = all(enc[x][1] < 1 for x in live)
                    if decided and (live_ok or grew or in_limit):
                        break
            if t == horizon or not outside:
                break
            if not exact and not _narrow(p_next):
                break  # the enclosures would be too wide to decide anything: stop at step t
            p = p_next
            t += 1
            if exact:
                exact_steps = t
                if max(max(v.numerator.bit_length(), v.denominator.bit_length()) for v in p) > exact_bits:
                    p, w, qq, exact = [iv_frac(v) for v in p], w_iv, [iv_frac(v) for v in q], False
                    zero = iv.mpf(0)
    if exact:
        exact_steps = t
    return OutsideScan(outside=outside, live=live, m=tuple(ms), W_out=tuple(W_out), steps=t,
                       exact_steps=exact_steps, tail_from=tail_from, tail=tail, prec=work)


def _narrow(p) -> bool:
    """Every enclosure finite, positive where nonzero, with relative width below 2^-32."""
    for v in p:
        lo, hi = _lo(v), _hi(v)
        if not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
            return False
        if hi == 0:
            continue
        if lo <= 0 or (hi - lo) > hi * mpmath.mpf(2) ** -32:
            return False
    return True


def _as_iv(v):
    return iv_frac(v) if isinstance(v, Fraction) else v


def _show(v) -> str:
    if isinstance(v, Fraction):
        return Real(v).text()
    with mpmath.workdps(20):
        return "~" + mpmath.nstr(mpmath.mpf(v.mid), 12)


def raw_sign(x, y) -> int | None:
    """Sign of x - y for Fractions or ``iv.mpf`` enclosures (None when the intervals overlap).

    A fast path for per-step loops; equality is only ever reported between two Fractions.
    """
    if isinstance(x, Fraction) and isinstance(y, Fraction):
        return (x > y) - (x < y)
    X, Y = _as_iv(x), _as_iv(y)
    if X.b < Y.a:
        return -1
    if X.a > Y.b:
        return 1
    return None


def _at_least_one(v) -> bool | None:
    """v >= 1: True / False when certified, None when undecided."""
    if isinstance(v, Fraction):
        return v >= 1
    if v.a >= 1:
        return True
    if v.b < 1:
        return False
    return None


def check_assumption_b4(landscape: Landscape, *, horizon: int = 200, prec: int = 128) -> CheckResult:
    r"""[FALA26] Assumption B.4, outside domination: there is ρ_ε ∈ (0, 1) with
    sup_{x ∉ S_ε} [q e^{r_1(x)}/Z_1(t) + (1-q) e^{r_2(x)}/Z_2(t)] <= ρ_ε for all t >= 0.

    Decided over the steps examined (t = 0..T, exactly or by intervals) and, for every t > T, by
    the certified tail enclosure of :func:`scan_outside`.  HOLDS reports the certified ρ_ε (the
    larger of the sup over the steps examined and the tail bound); FAILS names a step t (or
    "every t >= T") where some outside atom has W_t(x) >= 1; UNDECIDED says when the steps
    examined satisfy B.4 but the tail could not be certified within ``horizon``.
    """
    name = "Assumption B.4: sup_{x outside S_eps} W_t(x) <= rho < 1 for all t"
    problem = _setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    scan = scan_outside(landscape, horizon=horizon, prec=prec)
    if not scan.outside:
        return CheckResult(name, Verdict.HOLDS, "exact", {"outside": [], "scope": "all t",
                                                           "note": "no atom outside S_eps: the sup is over an empty set"})
    ev: dict[str, Any] = {"outside": list(scan.outside), "steps_examined": scan.steps,
                          "exact_steps": min(scan.exact_steps, scan.steps)}
    sup_hi = None
    method = scan.method
    for t, row in enumerate(scan.W_out):
        for x, v in zip(scan.outside, row):
            big = _at_least_one(v)
            if big:
                ev.update({"t": t, "atom": x, "W_t(x)": _show(v)})
                return CheckResult(name, Verdict.FAILS, "exact" if isinstance(v, Fraction) else "interval", ev,
                                   f"W_{t}(x) = {_show(v)} >= 1 at outside atom {x}, so no rho < 1 bounds it")
            hi = v if isinstance(v, Fraction) else to_fraction(_hi(v), "W")  # dyadic endpoint: exact
            sup_hi = hi if sup_hi is None else max(sup_hi, hi)
    ev["sup_over_steps_examined"] = Real(sup_hi).text()
    lm = limit_basin_masses(landscape)
    in_limit = sorted(set(lm.support) & set(scan.outside)) if lm.reason is None else []
    if in_limit:
        x = in_limit[0]
        ev.update({"atom": x, "limit_support": list(lm.support)})
        return CheckResult(name, Verdict.FAILS, lm.method, ev,
                           f"outside atom {x} carries mass in the certified limit, so W_t(x) -> W*(x) = 1 "
                           f"(KKT) and no rho < 1 bounds W_t(x) for all t")
    if scan.tail_from is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev,
                           f"B.4 holds for t <= {scan.steps}, but no tail bound for later t could be certified")
    ev["tail_from"] = scan.tail_from
    over = [x for x, (lo, hi) in scan.tail.items() if lo > 1]
    if over:
        x = over[0]
        ev.update({"atom": x, "W_t(x) for all t >= tail_from is at least": mpmath.nstr(scan.tail[x][0], 12)})
        return CheckResult(name, Verdict.FAILS, "interval", ev,
                           f"W_t(x) > 1 at outside atom {x} for every t >= {scan.tail_from}")
    tail_hi = max(hi for lo, hi in scan.tail.values())
    ev["tail_bound"] = mpmath.nstr(tail_hi, 12)
    if tail_hi >= 1:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                           f"B.4 holds for t <= {scan.steps}; the tail bound for t >= {scan.tail_from} "
                           f"({mpmath.nstr(tail_hi, 6)}) does not certify sup < 1")
    ev["rho"] = b4_rho(landscape, horizon=horizon, prec=prec).text()
    ev["scope"] = "all t"
    return CheckResult(name, Verdict.HOLDS, "interval" if scan.tail_from is not None else method, ev)


def b4_rho(landscape: Landscape, *, horizon: int = 200, prec: int = 128) -> Real | None:
    r"""A certified valid B.4 constant ρ_ε (an exact rational upper bound of the sup over all t), or None.

    None when B.4 is not certified (see :func:`check_assumption_b4`) or there is no outside atom.
    """
    scan = scan_outside(landscape, horizon=horizon, prec=prec)
    if scan.tail_from is None or any(hi >= 1 for lo, hi in scan.tail.values()):
        return None
    if any(_at_least_one(v) is not False for row in scan.W_out for v in row):
        return None
    if not scan.outside:
        return None
    his = [v if isinstance(v, Fraction) else _hi(v) for row in scan.W_out for v in row]
    his += [hi for lo, hi in scan.tail.values()]
    if all(isinstance(v, Fraction) for v in his):
        return Real(max(his))
    # interval endpoints are dyadic, so each converts to a Fraction exactly
    return Real(max(v if isinstance(v, Fraction) else to_fraction(v, "bound") for v in his))


# ----------------------------------------------------------------------------------------------
# the limit's basin masses, and "m_t -> 0"


@dataclass(frozen=True)
class LimitMasses:
    r"""Basin masses of the certified large-K limit p* (the limit of a_t, b_t, m_t).

    ``a``, ``b`` are p*(S_1), p*(S_2); ``overlap`` is p*(S_1 ∩ S_2); ``outside`` is
    p*(X \ S_ε) = lim m_t.  Each is a :class:`Real` (exact, or a fixed enclosure), or all are None
    with ``reason`` when the limit could not be certified.
    """

    a: Real | None
    b: Real | None
    overlap: Real | None
    outside: Real | None
    exact: bool
    support: tuple[int, ...]
    reason: str | None = None

    @property
    def method(self) -> str:
        return "exact" if self.exact else "interval"


def _limit_group_enclosure(landscape: Landscape, res) -> dict[int, Any] | None:
    """Interval enclosure of p*(x) on the support from the certified Z* box (None if not possible)."""
    rewards = [i for i, v in enumerate(landscape.weights) if v > 0]
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    groups: dict[tuple, list[int]] = {}
    for x in res.support:
        groups.setdefault(tuple(src[i][x] for i in rewards), []).append(x)
    keys = list(groups)
    k, m = len(keys), len(rewards)
    with iv_workprec(256):
        if k == 1:
            g_mass = [iv.mpf(1)]
        else:
            if k > m or res.Z_radius is None:
                return None
            tops = [max(src[i]) for i in rewards]
            if landscape.exp_rewards is not None:
                A = [[iv_frac(key[j] / tops[j]) for key in keys] for j in range(m)]
                w_all = [[iv_frac(v / tops[j]) for v in src[i]] for j, i in enumerate(rewards)]
                scale = [iv_frac(t) for t in tops]
            else:
                A = [[iv.exp(iv_frac(key[j] - tops[j])) for key in keys] for j in range(m)]
                w_all = [[iv.exp(iv_frac(v - tops[j])) for v in src[i]] for j, i in enumerate(rewards)]
                scale = [iv.exp(iv_frac(t)) for t in tops]
            # The certified box is Z* in Z(p_reported) +- Z_radius.  The centre is recomputed here from
            # the reported p (exact dyadic mpf values): LimitResult.Z itself is rounded to the global
            # mpmath precision (53 bits), far coarser than Z_radius.  The radius is doubled to cover
            # its own rounding.
            p_rep = [iv.mpf(v) if not isinstance(v, Fraction) else iv_frac(v) for v in res.p]
            box = []
            for j, i in enumerate(rewards):
                centre = sum((p_rep[x] * w_all[j][x] for x in res.support), iv.mpf(0))
                r = res.Z_radius[i]
                ri = 2 * iv.mpf(r) / scale[j] if r else iv.mpf(0)
                box.append(iv.mpf([(centre - ri).a, (centre + ri).b]))
            try:
                if k == m:
                    sol = iv.lu_solve(iv.matrix(A), iv.matrix(box))
                else:
                    AtA = iv.matrix([[sum((A[j][a] * A[j][b] for j in range(m)), iv.mpf(0)) for b in range(k)]
                                     for a in range(k)])
                    Atz = iv.matrix([sum((A[j][a] * box[j] for j in range(m)), iv.mpf(0)) for a in range(k)])
                    sol = iv.lu_solve(AtA, Atz)
            except (ZeroDivisionError, ValueError):
                return None
            g_mass = [sol[a] for a in range(k)]
        out = {}
        for key, gm in zip(keys, g_mass):
            atoms = groups[key]
            total = sum((landscape.p0[x] for x in atoms), Fraction(0))
            for x in atoms:
                out[x] = gm * iv_frac(landscape.p0[x] / total)
        return out


def _point_limit_verified(landscape: Landscape, res) -> bool:
    r"""Re-verify an exact limit of a log-form landscape: one reward vector on the support, and
    W*(x) = Σ_i q_i e^{r_i(x) - r_i(g)} < 1 (intervals) at every other atom of supp(p_0).

    The solver's exact path is meant for rational e^r; in log form it can only be a point mass
    (W = Σ q_i = 1 there exactly), which is checked independently here.
    """
    src = landscape.rewards
    keys = {tuple(row[x] for row in src) for x in res.support}
    if len(keys) != 1:
        return False
    g = next(iter(keys))
    with iv_workprec(128):
        for x in landscape.support():
            key = tuple(row[x] for row in src)
            if key == g:
                continue
            W = sum((iv_frac(qi) * iv.exp(iv_frac(key[i] - g[i])) for i, qi in enumerate(landscape.weights) if qi),
                    iv.mpf(0))
            if not W.b < 1:
                return False
    return True


def _certified_limit(landscape: Landscape) -> tuple[Any, str | None]:
    r"""The one solve of the large-K limit p* and whether its support is certified: (result, None) when
    it is, else (result or None, why not).

    Every decision about p* reads this: the premise "m_t → 0", the limit's basin masses (Lemmas
    3.3-3.5, B.4) and the plateau checks (Prop. 3.4, Theorem 3.6, Corollary 3.8).  The support is certified when the solver's KKT
    certificate HOLDS and the maximiser is unique: on the exact path every condition was decided in
    rational arithmetic; on the interval path W* < 1 was certified off the support over the certified
    Z* box (so p* vanishes there) and the enclosure of p* on the support is positive (so p* charges
    every atom of it), which the solver records as ``support_certified``.  The solver's exact path
    for log-form rewards (a single reward vector on supp(p_0)) is re-verified independently by
    :func:`_point_limit_verified`.
    """
    try:
        res = _solved_limit(landscape)
    except SolverError as exc:
        return None, f"the limit solver failed: {exc}"
    except ZeroDivisionError as exc:  # a solver defect, reported rather than trusted
        return None, f"the limit solver raised ZeroDivisionError ({exc}); no certified limit"
    cert = res.certificate
    if cert.verdict is not Verdict.HOLDS:
        return res, f"the limit's KKT certificate is {cert.verdict.value}: {cert.reason}"
    if not res.unique:
        return res, "the limit solver did not certify a unique maximiser"
    if not res.exact and not cert.evidence.get("support_certified"):
        return res, "the limit's support is not certified"
    if res.exact and landscape.rewards is not None and not _point_limit_verified(landscape, res):
        return res, "the solver's exact certificate for log-form rewards could not be re-verified here"
    return res, None


@_per_setup()
def limit_basin_masses(landscape: Landscape) -> LimitMasses:
    r"""p*(S_1), p*(S_2), p*(S_1 ∩ S_2), p*(X \ S_ε) of the certified large-K limit from p_0.

    p_t → p*, the unique maximiser of F(p) = Σ_i q_i log E_p[e^{r_i}] on supp(p_0) (the toolkit's
    nash-limit claim), so these are the limits of a_t, b_t, a_t + b_t - (1 - m_t), m_t.  Exact when
    the solver's exact path applies, else enclosures from its certified Z* box.
    """
    problem = _setup_problem(landscape)
    if problem:
        return LimitMasses(None, None, None, None, False, (), problem)
    res, why = _certified_limit(landscape)
    if why:
        return LimitMasses(None, None, None, None, False, res.support if res is not None else (), why)
    c = _constants(landscape)
    S1, S2 = set(c.basins[0]), set(c.basins[1])
    out = set(c.outside)
    if res.exact:
        p = res.p

        def mass(atoms):
            return Real(sum((p[x] for x in atoms), Fraction(0)))
        return LimitMasses(mass(S1), mass(S2), mass(S1 & S2), mass(out), True, res.support)
    enc = _limit_group_enclosure(landscape, res)
    if enc is None:
        return LimitMasses(None, None, None, None, False, res.support,
                           "the limit's masses could not be enclosed from the certified Z* box")

    def mass(atoms):
        live = [x for x in res.support if x in atoms]
        if not live:
            return Real(Fraction(0))  # off the certified support p* vanishes exactly
        if len(live) == len(res.support):
            return Real(Fraction(1))  # the whole certified support: p* sums to 1 exactly
        with iv_workprec(256):
            total = sum((enc[x] for x in live[1:]), enc[live[0]])
        return Real.of(total)
    return LimitMasses(mass(S1), mass(S2), mass(S1 & S2), mass(out), False, res.support)


def check_outside_mass_vanishes(landscape: Landscape, *,
                                name: str = "m_t -> 0 (limit support inside S_eps)") -> CheckResult:
    r"""The premise "m_t → 0", decided from the certified large-K limit: p*(X \ S_ε) = 0.

    m_t → p*(X \ S_ε) (p_t → p*, the nash-limit claim), and p* charges exactly the atoms of its
    support, so the premise holds exactly when no outside atom lies in the support.  The decision
    is therefore made on the *certified support* (:func:`_certified_limit`): HOLDS when it lies in
    S_ε, FAILS when it contains an outside atom (p* > 0 there is part of the certificate), UNDECIDED
    when the support is not certified.  This is the one rule for "m_t → 0" (the plateau premise
    :func:`~pluralnash.claims._plateau_checks.check_limit_no_outside_mass` delegates here).  It
    is chosen over comparing an enclosure of p*(X \ S_ε) with 0: both are sound, but the enclosure
    is re-derived from the same certified Z* box with a widened radius, so it can fail to separate
    a mass from 0 that the certificate has already shown positive, and it adds nothing when the
    mass is 0 (off the support p* vanishes exactly).  The mass is still reported as evidence
    (``limit_outside_mass``) when it can be enclosed.

    ``name`` labels the result (the plateau premise reports under its own name).
    """
    problem = _setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    res, why = _certified_limit(landscape)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, why)
    method = "exact" if res.exact else "interval"
    outside = _constants(landscape).outside
    charged = sorted(set(res.support) & set(outside))
    ev: dict[str, Any] = {"limit_support": list(res.support), "outside_atoms": list(outside)}
    lm = limit_basin_masses(landscape)
    if lm.reason is None:
        ev["limit_outside_mass"] = lm.outside.text()
    if not charged:
        return CheckResult(name, Verdict.HOLDS, method, ev)
    ev["outside_atoms_in_limit"] = charged
    return CheckResult(name, Verdict.FAILS, method, ev,
                       f"the limit keeps mass on outside atoms {charged}: m_t -> "
                       f"{ev.get('limit_outside_mass', 'a positive mass')}, not 0")
