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

Modules
-------
- :mod:`~pluralnash.numeric.premises.assumptions` (this one): the definitions, and the number type
  :class:`Real` with :func:`compare`;
- :mod:`~pluralnash.numeric.premises.constants`: the sharpest constants (:func:`measure_basin_constants`);
- :mod:`~pluralnash.numeric.premises.basin_premises`: Assumption 2.1 (i)-(iii), B.1-B.3, B.5, κ_i < 1
  and q in the leakage range, decided on the constants;
- :mod:`~pluralnash.numeric.premises.run_premises`: B.4 and "m_t → 0", statements about all t, decided
  from a certified run of the large-K dynamics (:mod:`pluralnash.numeric.engines.outside_scan`: exact
  then interval steps and a certified tail bound for every later step) and from the certified large-K
  limit p* (:mod:`pluralnash.numeric.engines.certified_limit`): m_t → p*(X \ S_ε), which is zero
  exactly when the limit's support lies in S_ε.

Python spellings: ``eps`` = ε, ``exp_eps`` = e^{-ε}, ``delta`` = δ, ``gaps`` = (Δ_1, Δ_2),
``kappa`` = (κ_1, κ_2), ``q`` = weights[0].
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

import mpmath

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.theory import InvalidArgument

__all__ = ["Real", "compare"]

_SHOW_PREC = 128


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


def _lo(x) -> mpmath.mpf:
    """The exact lower endpoint of an interval (``mpmath.mpf(x.a)`` would round to 53 bits)."""
    return mpmath.mp.make_mpf(x._mpi_[0])


def _hi(x) -> mpmath.mpf:
    """The exact upper endpoint of an interval."""
    return mpmath.mp.make_mpf(x._mpi_[1])
