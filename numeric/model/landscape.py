r"""Finite reward landscapes: the retraining model as data.

Definitions ([FALA26] §2.1, generalised to m rewards)
-----------------------------------------------------
- Atoms x_1..x_n; ``p0`` is the initial model p_0 on them.
- Rewards r_1..r_m, given either as ``rewards`` (r_i(x)) or as ``exp_rewards``
  (w_i(x) = e^{r_i(x)} > 0).  Rational w keeps every large-K step exact.
- ``weights`` q_1..q_m on the simplex: the probability that reward i does the curating.
- ``eps`` (ε > 0) or ``exp_eps`` (e^{-ε} in (0, 1)) defines the basins
  S_{i,ε} = {x : r_i(x) >= r_i^* - ε} = {x : w_i(x) >= e^{-ε} max w_i}.
- ``K`` >= 2 is the number of candidates; ``None`` is the large-K regime (Eq. 5).

Every number is kept exact as a :class:`fractions.Fraction`: strings such as ``"1/3"`` or
``"0.1"`` (exactly 1/10), ints, and floats by their shortest decimal (``0.1`` -> 1/10).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any, Iterable, Sequence

import mpmath

from pluralnash.numeric.arith.intervals import decide_less, iv, iv_frac
from pluralnash.numeric.model.validate import (check_candidates, check_fraction_in, check_int, check_known_keys,
                                               check_positive, is_whole)
from pluralnash.numeric.model.validate import show as _show
from pluralnash.numeric.arith.format import nstr_at
from pluralnash.numeric.arith.rational import frac_mpf
from pluralnash.theory._words import plural
from pluralnash.theory import InvalidArgument

__all__ = ["Landscape", "to_fraction"]

# user numbers are limited to this many digits (Python prints ints up to 4300 digits)
MAX_DIGITS = 4000

_KEYS = ("rewards", "exp_rewards", "weights", "p0", "eps", "exp_eps", "K", "reference", "lam", "atoms", "name")


def decimal_str(x: Fraction, digits: int = 15) -> str:
    """A short decimal rendering of an exact rational, for messages."""
    return nstr_at(x, digits, digits + 10)


def _within_digits(frac: Fraction, name: str) -> Fraction:
    """``frac`` unless its numerator or denominator is longer than MAX_DIGITS digits."""
    bits = max(frac.numerator.bit_length(), frac.denominator.bit_length())
    if bits > MAX_DIGITS * 3.33:
        raise InvalidArgument(
            f"{name} is a number of about {int(bits * 0.30103)} digits; numbers are limited to {MAX_DIGITS} digits; "
            f"round it, or pass rewards= (r) instead of exp_rewards= (e^r) for large magnitudes"
        )
    return frac


def to_fraction(value: Any, name: str) -> Fraction:
    """Convert one user number to an exact Fraction, or raise InvalidArgument naming it."""
    if isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} is a bool, not a number; pass a number or a string like '1/3'")
    if isinstance(value, (Fraction, int)):
        return _within_digits(Fraction(value), name)
    if isinstance(value, float):  # numpy's float64 too; its repr is 'np.float64(...)', so read float(value)
        value = float(value)
        if not math.isfinite(value):
            raise InvalidArgument(f"{name}={value!r} must be finite; pass a finite number")
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_DIGITS:
            raise InvalidArgument(
                f"{name}={text[:20]}... has {len(text)} characters; numbers are limited to {MAX_DIGITS} digits; "
                f"round it or rescale the rewards"
            )
        try:
            frac = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidArgument(
                f"{name}={value!r} is not a number; write an integer, a decimal like '0.1' "
                f"or a fraction like '1/3'"
            ) from None
        if max(frac.numerator.bit_length(), frac.denominator.bit_length()) > MAX_DIGITS * 3.33:
            raise InvalidArgument(
                f"{name}={text!r} has more than {MAX_DIGITS} digits once written out; numbers are limited to "
                f"{MAX_DIGITS} digits; pass rewards= (r) instead of exp_rewards= (e^r) for large magnitudes"
            )
        return frac
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise InvalidArgument(f"{name}={value!r} must be finite; pass a finite number")
        man, exp = value.man_exp
        return Fraction(int(man)) * Fraction(2) ** int(exp)  # int: gmpy2 gives mpz, and Fractions stay int-based
    # sympy Rational / Integer, numpy scalars, Decimal
    try:
        import numbers

        if isinstance(value, numbers.Rational):
            return _within_digits(Fraction(int(value.numerator), int(value.denominator)), name)
        if isinstance(value, numbers.Real):
            return to_fraction(float(value), name)
    except (TypeError, ValueError):
        pass
    from decimal import Decimal

    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidArgument(f"{name}={value!r} must be finite; pass a finite number")
        return _within_digits(Fraction(value), name)
    raise InvalidArgument(
        f"{name}={_show(value)} of type {type(value).__name__} is not a number; "
        f"pass an int, a float, a Fraction or a string like '1/3'"
    )


def _vector(values: Any, name: str) -> tuple[Fraction, ...]:
    values = _rows_of(values)
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, Iterable):
        raise InvalidArgument(f"{name}={_show(values)} must be a list of numbers; pass e.g. ['1/2', '1/2']")
    out = tuple(to_fraction(v, f"{name}[{k}]") for k, v in enumerate(values))
    if not out:
        raise InvalidArgument(f"{name}=[] is empty; give at least one entry")
    return out


def _matrix(values: Any, name: str) -> tuple[tuple[Fraction, ...], ...]:
    values = _rows_of(values)  # a 2-D numpy array becomes a list of rows
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, Iterable):
        raise InvalidArgument(
            f"{name}={_show(values)} must be a list of rows, one per reward; pass e.g. [['1', '1/2']]"
        )
    rows = list(values)
    if not rows:
        raise InvalidArgument(f"{name}=[] has no rewards; give one row per reward")
    if all(not isinstance(r, (list, tuple)) for r in rows):
        raise InvalidArgument(
            f"{name}={_show(values)} is a flat list; give one row per reward, e.g. [{_show(rows)}]"
        )
    out = tuple(_vector(row, f"{name}[{i}]") for i, row in enumerate(rows))
    n = len(out[0])
    for i, row in enumerate(out):
        if len(row) != n:
            raise InvalidArgument(
                f"{name}[{i}] has {plural(len(row), 'entry')} but {name}[0] has {n}; "
                f"every reward needs one value per atom"
            )
    return out


#: Float masses or weights whose sum is within this many units of 2^-52 per entry of 1 are
#: divided by their exact sum (see :class:`Landscape`); exact inputs must sum to exactly 1.
FLOAT_SUM_ULPS = 1


def _all_floats(values: Any) -> bool:
    values = _rows_of(values)
    return isinstance(values, Iterable) and all(isinstance(v, float) for v in values)


def _simplex(values: Any, name: str) -> tuple[Fraction, ...]:
    """The vector read exactly; floats off 1 by their rounding only are divided by their exact sum.

    (:func:`_check_simplex` then decides the rest, after the caller has checked the length.)
    """
    vec = _vector(values, name)
    total = sum(vec, Fraction(0))
    if total != 1 and total > 0 and min(vec) >= 0 and _all_floats(values) \
            and abs(total - 1) <= FLOAT_SUM_ULPS * len(vec) * Fraction(1, 2 ** 52):
        vec = tuple(v / total for v in vec)
    return vec


def _check_simplex(vec: tuple[Fraction, ...], name: str) -> None:
    for k, v in enumerate(vec):
        if v < 0:
            raise InvalidArgument(f"{name}[{k}]={v} is negative; masses and weights must be >= 0")
    total = sum(vec, Fraction(0))
    if total != 1:
        off = total - 1
        raise InvalidArgument(
            f"{name}={_show([str(v) for v in vec])} must sum to 1 (sum is {decimal_str(total)}, "
            f"off by {decimal_str(off, 3)}); normalise them or pass exact fractions like '1/3'"
        )


def _rows_of(values: Any) -> Any:
    """A numpy array as nested lists (duck-typed, so numpy stays optional); anything else unchanged."""
    tolist = getattr(values, "tolist", None)
    return tolist() if callable(tolist) and not isinstance(values, (str, bytes)) else values


def _label(value: Any, name: str) -> Any:
    """An atom label made hashable: coordinate lists become tuples (a Landscape is hashed and cached)."""
    value = _rows_of(value)
    if isinstance(value, (list, tuple)):
        return tuple(_label(v, f"{name}[{k}]") for k, v in enumerate(value))
    try:
        hash(value)
    except TypeError:
        raise InvalidArgument(f"{name}={_show(value)} is a {type(value).__name__}, not a label; give a name, "
                              f"a number or a list of coordinates") from None
    return value


def _label_json(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_label_json(v) for v in value]
    return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else str(value)


@dataclass(frozen=True, eq=True)
class Landscape:
    r"""A finite retraining setup: atoms, m rewards, curation weights, initial model.

    Parameters
    ----------
    rewards : m x n numbers, optional
        r_i(x).  Give exactly one of ``rewards`` and ``exp_rewards``.
    exp_rewards : m x n positive numbers, optional
        w_i(x) = e^{r_i(x)}.  Rational w keeps the large-K dynamics exact.
    weights : m numbers on the simplex, optional
        q_i.  Default: uniform.
    p0 : n numbers on the simplex, optional
        Initial model.  Default: uniform.
    eps, exp_eps : number, optional
        ε > 0, or e^{-ε} in (0, 1): basin width.  At most one.
    K : int, optional
        Number of candidates (>= 2); ``None`` for the large-K regime.
    reference, lam : optional
        Reference-data mixing ([FERB24] stability results): each round retrains on a mixture,
        weight ``lam`` (λ in [0, 1]) of curated synthetic data and 1 - λ of the fixed
        distribution ``reference``: p_{t+1} = (1 - λ) p_ref + λ · (curated update of p_t).
        Give both or neither.
    atoms : n labels, optional
        Coordinates or names of the atoms, for display only (coordinate lists are kept as tuples).
    name : str, optional
        The setup's name, for display and setup files.

    Notes
    -----
    Every number is read exactly: ints, Fractions, strings like ``"1/3"`` or ``"0.1"``, sympy
    rationals, Decimals, and floats by their shortest decimal (``0.1`` is 1/10).  numpy arrays
    (1-D for vectors, 2-D for ``rewards``/``exp_rewards``) and numpy scalars work like lists and
    numbers; numpy itself is never imported.  Numbers are limited to MAX_DIGITS (4000) digits.

    Float ``weights``, ``p0`` or ``reference`` (every entry a float) whose exact sum differs from 1 by
    at most n · 2^-52 (float rounding, e.g. ``[1/3, 2/3]``, which reads as 0.9999999999999999) are
    divided by that sum, so ``[1/3, 2/3]`` becomes exactly (1/3, 2/3).  A larger gap, or exact
    entries that do not sum to exactly 1, raise InvalidArgument.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1/100", "4/5"], ["1/100", "1", "4/5"]], exp_eps="9/10")
    >>> (L.m, L.n, L.weights)
    (2, 3, (Fraction(1, 2), Fraction(1, 2)))
    >>> L.basins()
    ((0,), (1,))
    """

    rewards: tuple[tuple[Fraction, ...], ...] | None = None
    exp_rewards: tuple[tuple[Fraction, ...], ...] | None = None
    weights: tuple[Fraction, ...] | None = None
    p0: tuple[Fraction, ...] | None = None
    eps: Fraction | None = None
    exp_eps: Fraction | None = None
    K: int | None = None
    reference: tuple[Fraction, ...] | None = None
    lam: Fraction | None = None
    atoms: tuple[Any, ...] | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        m, n = self._read_rewards()
        self._read_distribution("weights", m, "reward", "weight")
        self._read_distribution("p0", n, "atom", "mass")
        self._read_eps()
        self._read_K()
        self._read_reference(n)
        self._read_labels(n)

    def __hash__(self) -> int:
        # a setup is immutable, so its hash is computed once: caches keyed by the setup (one per
        # setup, numeric.model.cache) then cost nothing per call even at 10^4 atoms
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", h)
        return h

    def __getstate__(self) -> dict:
        # the hash of a str differs between processes: a copy sent to a worker hashes afresh
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    # -- reading the fields (each replaces a field by its exact, validated form) -----------------
    def _read_rewards(self) -> tuple[int, int]:
        """rewards or exp_rewards (exactly one) as an exact m x n matrix; returns (m, n)."""
        if (self.rewards is None) == (self.exp_rewards is None):
            raise InvalidArgument(
                "give exactly one of rewards= (r_i(x)) and exp_rewards= (w_i(x) = e^{r_i(x)}); "
                + ("both were given" if self.rewards is not None else "neither was given")
            )
        if self.rewards is not None:
            object.__setattr__(self, "rewards", _matrix(self.rewards, "rewards"))
            mat = self.rewards
        else:
            object.__setattr__(self, "exp_rewards", _matrix(self.exp_rewards, "exp_rewards"))
            mat = self.exp_rewards
            for i, row in enumerate(mat):
                for k, v in enumerate(row):
                    check_positive(v, f"exp_rewards[{i}][{k}]", note=" (it is e^r)",
                                   fix="pass a positive number, or give rewards= instead")
        return len(mat), len(mat[0])

    def _read_distribution(self, field: str, size: int, unit: str, noun: str) -> None:
        """A distribution on the simplex with one ``noun`` per ``unit``; uniform when not given
        (``reference`` has no default: its caller reads it only when given)."""
        value = getattr(self, field)
        if value is None:
            object.__setattr__(self, field, tuple(Fraction(1, size) for _ in range(size)))
            return
        vec = _simplex(value, field)
        if len(vec) != size:
            raise InvalidArgument(
                f"{field} has {plural(len(vec), 'entry')} but there {'is' if size == 1 else 'are'} "
                f"{plural(size, unit)}; give one {noun} per {unit}"
            )
        _check_simplex(vec, field)
        object.__setattr__(self, field, vec)

    def _read_eps(self) -> None:
        """At most one of eps (> 0) and exp_eps (in (0, 1))."""
        if self.eps is not None and self.exp_eps is not None:
            raise InvalidArgument("give at most one of eps= and exp_eps= (exp_eps = e^{-eps}); both were given")
        if self.eps is not None:
            e = check_positive(to_fraction(self.eps, "eps"), "eps", fix="pass a positive basin width")
            object.__setattr__(self, "eps", e)
        if self.exp_eps is not None:
            e = check_fraction_in(to_fraction(self.exp_eps, "exp_eps"), "exp_eps", low=0, high=1, open_low=True,
                                  open_high=True, rule="lie in (0, 1) (it is e^-eps for eps > 0)",
                                  fix="pass e.g. '9/10'")
            object.__setattr__(self, "exp_eps", e)

    def _read_K(self) -> None:
        """K: None, or a whole number >= 2 (a whole float or string such as 4.0 or '4' is read as 4)."""
        if self.K is None:
            return
        K = self.K
        if not is_whole(K):
            try:
                kf = to_fraction(K, "K")
            except InvalidArgument:
                kf = None
            if kf is None or kf.denominator != 1:
                check_int(K, "K", low=2, example="K=4")
            K = int(kf)
        object.__setattr__(self, "K", check_candidates(K))

    def _read_reference(self, n: int) -> None:
        """reference and lam, both or neither: p_ref on the simplex and λ in [0, 1]."""
        if (self.reference is None) != (self.lam is None):
            raise InvalidArgument(
                "reference-data mixing needs both reference= (the real-data distribution) and lam= (the curated "
                "share λ in [0, 1]); " + ("lam is missing" if self.lam is None else "reference is missing")
            )
        if self.reference is None:
            return
        self._read_distribution("reference", n, "atom", "mass")
        lam = check_fraction_in(to_fraction(self.lam, "lam"), "lam", low=0, high=1,
                                rule="lie in [0, 1] (the curated share λ)", fix="pass e.g. lam='9/10'")
        object.__setattr__(self, "lam", lam)

    def _read_labels(self, n: int) -> None:
        """atoms as n hashable labels (coordinate lists become tuples); name as a string."""
        if self.atoms is not None:
            atoms = tuple(_label(a, f"atoms[{k}]") for k, a in enumerate(_rows_of(self.atoms)))
            if len(atoms) != n:
                raise InvalidArgument(
                    f"atoms has {plural(len(atoms), 'label')} but there {'is' if n == 1 else 'are'} "
                    f"{plural(n, 'atom')}; give one label per atom"
                )
            object.__setattr__(self, "atoms", atoms)
        if self.name is not None and not isinstance(self.name, str):
            raise InvalidArgument(f"name={_show(self.name)} is a {type(self.name).__name__}, not a string; "
                                  f"give the setup's name as a string, e.g. \"two basins\"")

    # -- shape -----------------------------------------------------------------
    @property
    def m(self) -> int:
        """Number of rewards."""
        return len(self.rewards if self.rewards is not None else self.exp_rewards)

    @property
    def n(self) -> int:
        """Number of atoms."""
        return len(self.p0)

    @property
    def is_exact(self) -> bool:
        """True when w_i(x) = e^{r_i(x)} are rational, so large-K steps are exact."""
        return self.exp_rewards is not None

    @property
    def mixes(self) -> bool:
        """True when each round mixes in reference data (λ < 1 with a reference)."""
        return self.reference is not None and self.lam != 1

    @property
    def has_eps(self) -> bool:
        return self.eps is not None or self.exp_eps is not None

    def support(self) -> tuple[int, ...]:
        """Indices x with p0(x) > 0."""
        return tuple(k for k, v in enumerate(self.p0) if v > 0)

    # -- rewards at precision ----------------------------------------------------
    def exact_w(self) -> tuple[tuple[Fraction, ...], ...]:
        """w_i(x) as Fractions; raises if the landscape was given by rewards r (e^r is irrational)."""
        if self.exp_rewards is None:
            raise InvalidArgument(
                "this landscape is given by rewards= (e^r is irrational), so it has no exact w; "
                "give exp_rewards= for exact arithmetic"
            )
        return self.exp_rewards

    def scaled_w(self, dps: int) -> list[list[mpmath.mpf]]:
        r"""w_i(x) / max_x w_i(x) = e^{r_i(x) - r_i^*} at ``dps`` digits (never overflows).

        W_t is unchanged by this scaling ([FALA26] Eq. 5 is invariant to r_i -> r_i + c).
        """
        with mpmath.workdps(dps):
            if self.exp_rewards is not None:
                out = []
                for row in self.exp_rewards:
                    top = max(row)
                    out.append([frac_mpf(v) / frac_mpf(top) for v in row])
                return out
            out = []
            for row in self.rewards:
                top = max(row)
                out.append([mpmath.exp(frac_mpf(v - top)) for v in row])
            return out

    def reward_gaps(self) -> tuple[tuple[Fraction, ...], ...] | None:
        """r_i^* - r_i(x) exactly, when rewards were given; else None."""
        if self.rewards is None:
            return None
        return tuple(tuple(top - v for v in row) for row, top in ((r, max(r)) for r in self.rewards))

    # -- basins --------------------------------------------------------------------
    def basins(self) -> tuple[tuple[int, ...], ...]:
        r"""S_{i,ε} for each reward, as tuples of atom indices, decided exactly.

        x is in S_{i,ε} iff r_i^* - r_i(x) <= ε, i.e. w_i(x) / max w_i >= e^{-ε}.
        Mixed forms (rewards with exp_eps, exp_rewards with eps) are decided with interval
        arithmetic; equality is impossible there (e^q is irrational for rational q != 0).
        A setup is immutable, so they are decided once (the premises and checks read them many times).
        """
        got = self.__dict__.get("_basins")
        if got is None:
            got = self._decide_basins()
            object.__setattr__(self, "_basins", got)
        return got

    def _decide_basins(self) -> tuple[tuple[int, ...], ...]:
        """:meth:`basins`, decided afresh."""
        if not self.has_eps:
            raise InvalidArgument(
                "this landscape has no basin width; give eps= (or exp_eps= = e^-eps) to define the basins S_{i,eps}"
            )
        out = []
        src = self.rewards if self.rewards is not None else self.exp_rewards
        for row in src:
            top = max(row)
            out.append(tuple(k for k, v in enumerate(row) if self._in_basin(v, top)))
        return tuple(out)

    def _in_basin(self, v: Fraction, top: Fraction) -> bool:
        if self.rewards is not None and self.eps is not None:
            return top - v <= self.eps
        if self.exp_rewards is not None and self.exp_eps is not None:
            return v >= self.exp_eps * top
        # Mixed forms: compare e^{-eps} with a rational by intervals.  Equality is impossible
        # (e^q is irrational for rational q != 0), so growing precision always decides.
        if self.rewards is not None:  # x in S  <=>  r* - r <= -log(exp_eps)
            gap = top - v
            if gap == 0:
                return True
            lhs, rhs = (lambda: iv_frac(gap)), (lambda: -iv.log(iv_frac(self.exp_eps)))
            return decide_less(lhs, rhs) is True
        ratio = v / top  # x in S  <=>  e^{-eps} <= w / max w
        if ratio == 1:
            return True
        return decide_less(lambda: iv.exp(-iv_frac(self.eps)), lambda: iv_frac(ratio)) is True

    def basin_masses(self, p: Sequence[Any]) -> tuple[list[Any], Any]:
        """p(S_{i,ε}) for each i, and the outside mass p(X minus the union)."""
        basins = self.basins()
        union = set().union(*map(set, basins))
        masses = [sum((p[k] for k in b), type(p[0])(0)) for b in basins]
        outside = sum((p[k] for k in range(self.n) if k not in union), type(p[0])(0))
        return masses, outside

    # -- construction helpers ---------------------------------------------------------
    def replace(self, **changes: Any) -> "Landscape":
        """A copy with some fields changed (validated again)."""
        data = {k: getattr(self, k) for k in _KEYS}
        if "rewards" in changes:
            data["exp_rewards"] = None
        if "exp_rewards" in changes:
            data["rewards"] = None
        if "reference" in changes and "lam" not in changes and data["lam"] is None:
            raise InvalidArgument("replace(reference=...) needs lam= too (the curated share)")
        if "eps" in changes:
            data["exp_eps"] = None
        if "exp_eps" in changes:
            data["eps"] = None
        data.update(changes)
        return Landscape(**data)

    # -- JSON ----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The setup-file form: numbers as exact strings."""
        out: dict[str, Any] = {}
        if self.name is not None:
            out["name"] = self.name
        if self.rewards is not None:
            out["rewards"] = [[str(v) for v in row] for row in self.rewards]
        else:
            out["exp_rewards"] = [[str(v) for v in row] for row in self.exp_rewards]
        out["weights"] = [str(v) for v in self.weights]
        out["p0"] = [str(v) for v in self.p0]
        if self.eps is not None:
            out["eps"] = str(self.eps)
        if self.exp_eps is not None:
            out["exp_eps"] = str(self.exp_eps)
        if self.K is not None:
            out["K"] = self.K
        if self.reference is not None:
            out["reference"] = [str(v) for v in self.reference]
            out["lam"] = str(self.lam)
        if self.atoms is not None:
            out["atoms"] = [_label_json(a) for a in self.atoms]
        return out

    @classmethod
    def from_json(cls, data: Any, *, source: str = "setup") -> "Landscape":
        """Build from a parsed setup-file object; unknown keys are rejected with a suggestion."""
        if not isinstance(data, dict):
            raise InvalidArgument(
                f"{source} holds a {type(data).__name__}, not an object; write a JSON object like "
                '{"exp_rewards": [[...], [...]], "weights": [...], "p0": [...]}'
            )
        check_known_keys(data, _KEYS, source)
        return cls(**data)

    # -- Jupyter display ---------------------------------------------------------------
    def _repr_html_(self) -> str:
        from pluralnash.numeric.arith.display import landscape_html

        return landscape_html(self)

    def _repr_latex_(self) -> str:
        from pluralnash.numeric.arith.display import landscape_latex

        return landscape_latex(self)
