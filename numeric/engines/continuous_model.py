r"""The quadratic-reward landscapes of the continuous geometry: their starts and their rewards.

Definitions ([FALA26] Appendix C.4, generalised to m rewards and d dimensions): rewards
r_i(x) = -β ‖x - μ_i‖² on X = R^d; the basins S_{i,ε} are the closed balls of radius ρ = sqrt(ε/β)
about μ_i; the initial model is an isotropic Gaussian N(m_0, s² I) (:class:`Gaussian`) or, in one
dimension, the uniform law on [a, b] (:class:`Uniform`).  The closed-form dynamics on these
landscapes is :func:`pluralnash.numeric.engines.continuous.run_continuous`.

Python spellings: ``mu`` = μ_i, ``beta`` = β, ``weights`` = q_i, ``eps`` = ε.  Exact inputs
(Fractions, strings like "1/10") stay exact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from pluralnash.numeric.arith.precision import CONTINUOUS_MAX_DPS, CONTINUOUS_MIN_DPS, check_dps
from pluralnash.numeric.model.validate import check_positive
from pluralnash.numeric.model import check_simplex as _check_simplex, show as _show, to_fraction
from pluralnash.theory import InvalidArgument

__all__ = ["Gaussian", "Uniform", "QuadraticLandscape"]


def _check_dps(dps: Any) -> int:
    """``dps`` within the continuous engine's range (CONTINUOUS_MIN_DPS to CONTINUOUS_MAX_DPS)."""
    return check_dps(dps, low=CONTINUOUS_MIN_DPS, high=CONTINUOUS_MAX_DPS)


def _point(value: Any, name: str) -> tuple[Fraction, ...]:
    if isinstance(value, (list, tuple)):
        if not value:
            raise InvalidArgument(f"{name}=[] is empty; give a number (d = 1) or d coordinates")
        return tuple(to_fraction(v, f"{name}[{k}]") for k, v in enumerate(value))
    return (to_fraction(value, name),)


@dataclass(frozen=True)
class Gaussian:
    r"""Isotropic Gaussian initial model N(m_0, s² I).

    Parameters
    ----------
    mean : number or sequence of d numbers
        m_0 (a number means d = 1).
    var : number
        s² > 0, the variance of every coordinate.

    Examples
    --------
    >>> Gaussian(mean=[0, "1/2"], var=2).d
    2
    """

    mean: Any = 0
    var: Any = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", _point(self.mean, "Gaussian.mean"))
        v = check_positive(to_fraction(self.var, "Gaussian.var"), "Gaussian.var", note=" (it is s^2)",
                           fix="pass a positive variance")
        object.__setattr__(self, "var", v)

    @property
    def d(self) -> int:
        return len(self.mean)

    def describe(self) -> str:
        mean = str(self.mean[0]) if self.d == 1 else "(" + ", ".join(map(str, self.mean)) + ")"
        return f"N({mean}, {self.var}{' I' if self.d > 1 else ''})"

    def to_json(self) -> dict[str, Any]:
        return {"kind": "gaussian", "mean": [str(v) for v in self.mean], "var": str(self.var)}


@dataclass(frozen=True)
class Uniform:
    r"""Uniform initial model on the interval [low, high] (one dimension).

    Examples
    --------
    >>> Uniform(-3, "3").describe()
    'Uniform[-3, 3]'
    """

    low: Any = 0
    high: Any = 1

    def __post_init__(self) -> None:
        lo, hi = to_fraction(self.low, "Uniform.low"), to_fraction(self.high, "Uniform.high")
        if not lo < hi:
            raise InvalidArgument(f"Uniform(low={lo}, high={hi}) needs low < high; swap them or widen the interval")
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)

    d = 1

    def describe(self) -> str:
        return f"Uniform[{self.low}, {self.high}]"

    def to_json(self) -> dict[str, Any]:
        return {"kind": "uniform", "low": str(self.low), "high": str(self.high)}


@dataclass(frozen=True)
class QuadraticLandscape:
    r"""Quadratic rewards r_i(x) = -β ‖x - μ_i‖² on R^d with a Gaussian or uniform start.

    Parameters
    ----------
    mu : sequence of m centres
        Each a number (d = 1) or d numbers.  m >= 1.
    beta : number, optional
        β > 0 (default 1); a temperature τ means β = 1/τ.
    weights : m numbers on the simplex, optional
        q_i (default uniform).
    init : Gaussian or Uniform
        p_0.  Uniform needs d = 1.
    eps : number, optional
        ε > 0; the basins are the balls of radius sqrt(ε/β) about μ_i.

    Examples
    --------
    >>> L = QuadraticLandscape(mu=[-1, 1], weights=["1/4", "3/4"], init=Uniform(-3, 3), eps="1/10")
    >>> (L.m, L.d, L.disjoint_basins())
    (2, 1, True)
    """

    mu: Any
    beta: Any = 1
    weights: Any = None
    init: Any = None
    eps: Any = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if isinstance(self.mu, (str, bytes)) or not isinstance(self.mu, (list, tuple)) or not self.mu:
            raise InvalidArgument(f"mu={_show(self.mu)} must be a non-empty list of centres; pass e.g. mu=[-1, 1]")
        mu = tuple(_point(c, f"mu[{i}]") for i, c in enumerate(self.mu))
        d = len(mu[0])
        for i, c in enumerate(mu):
            if len(c) != d:
                raise InvalidArgument(f"mu[{i}] has {len(c)} coordinates but mu[0] has {d}; give every centre in R^{d}")
        set_(self, "mu", mu)
        beta = check_positive(to_fraction(self.beta, "beta"), "beta", note=" (rewards -beta |x - mu|^2)",
                              fix="pass e.g. beta=1")
        set_(self, "beta", beta)
        m = len(mu)
        if self.weights is None:
            set_(self, "weights", tuple(Fraction(1, m) for _ in range(m)))
        else:
            if isinstance(self.weights, (str, bytes)) or not isinstance(self.weights, (list, tuple)):
                raise InvalidArgument(f"weights={_show(self.weights)} must be a list of {m} numbers on the simplex")
            w = tuple(to_fraction(v, f"weights[{i}]") for i, v in enumerate(self.weights))
            if len(w) != m:
                raise InvalidArgument(f"weights has {len(w)} entries but mu has {m} centres; give one weight per reward")
            _check_simplex(w, "weights")
            set_(self, "weights", w)
        if not isinstance(self.init, (Gaussian, Uniform)):
            raise InvalidArgument(
                f"init={_show(self.init)} must be Gaussian(mean, var) or Uniform(low, high); pass e.g. init=Uniform(-3, 3)"
            )
        if self.init.d != d:
            raise InvalidArgument(
                f"init={self.init.describe()} lives in dimension {self.init.d} but mu is in dimension {d}; "
                + ("Uniform is one-dimensional: use a Gaussian for d > 1" if isinstance(self.init, Uniform)
                   else "give a mean with one coordinate per dimension")
            )
        if self.eps is not None:
            e = check_positive(to_fraction(self.eps, "eps"), "eps", fix="pass a positive basin width")
            set_(self, "eps", e)

    @property
    def m(self) -> int:
        return len(self.mu)

    @property
    def d(self) -> int:
        return len(self.mu[0])

    @property
    def radius_squared(self) -> Fraction:
        """ρ² = ε/β, exactly."""
        self._need_eps()
        return self.eps / self.beta

    def _need_eps(self) -> None:
        if self.eps is None:
            raise InvalidArgument("this landscape has no basin width; give eps= to define S_{i,eps}")

    def disjoint_basins(self) -> bool:
        """Whether the balls S_{i,ε} are pairwise disjoint: ‖μ_i - μ_j‖² > 4ε/β, decided exactly."""
        r2 = self.radius_squared
        return all(_dist2(a, b) > 4 * r2 for a, b in itertools.combinations(self.mu, 2))

    def replace(self, **changes: Any) -> "QuadraticLandscape":
        data = {"mu": self.mu, "beta": self.beta, "weights": self.weights, "init": self.init, "eps": self.eps}
        data.update(changes)
        return QuadraticLandscape(**data)

    def geometry_key(self) -> tuple:
        """Everything but the weights: what the moments M(n) and basin integrals depend on."""
        init = (type(self.init).__name__,) + tuple(
            (self.init.mean, self.init.var) if isinstance(self.init, Gaussian) else (self.init.low, self.init.high))
        return (self.mu, self.beta, init, self.eps)

    def describe(self) -> str:
        centres = ", ".join(str(c[0]) if self.d == 1 else "(" + ", ".join(map(str, c)) + ")" for c in self.mu)
        return (f"r_i = -{self.beta} |x - mu_i|^2, mu = [{centres}], q = [{', '.join(map(str, self.weights))}], "
                f"p0 = {self.init.describe()}" + (f", eps = {self.eps}" if self.eps is not None else ""))

    def to_json(self) -> dict[str, Any]:
        return {"mu": [[str(v) for v in c] for c in self.mu], "beta": str(self.beta),
                "weights": [str(v) for v in self.weights], "init": self.init.to_json(),
                "eps": None if self.eps is None else str(self.eps)}


def _dist2(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum(((x - y) ** 2 for x, y in zip(a, b)), Fraction(0))

