r"""The sharpest constants of [FALA26] Assumption 2.1 on a setup: ε, δ, Δ_i, κ_i and the basins.

Definitions and arithmetic: :mod:`pluralnash.numeric.premises`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.model.landscape import Landscape, to_fraction
from pluralnash.numeric.arith.real import Real
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = ["BasinConstants", "measure_basin_constants", "setup_problem", "weaker_method"]


def weaker_method(*methods: str) -> str:
    """The weakest of several methods: "interval" if any is, else "exact"."""
    return "interval" if "interval" in methods else "exact"


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


def setup_problem(landscape: Any) -> str | None:
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


@per_setup(maxsize=512)
def measure_basin_constants(landscape: Landscape) -> BasinConstants:
    r"""The sharpest constants of Assumption 2.1 on a two-reward setup with ε, measured once per setup
    (the premises and the conclusions read the same frozen result).

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
    problem = setup_problem(landscape)
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


_constants = measure_basin_constants


def _not_applicable(name: str, problem: str) -> CheckResult:
    return CheckResult(name, Verdict.FAILS, "exact", {}, problem)


def _constants_or_result(landscape: Landscape, name: str) -> BasinConstants | CheckResult:
    """The sharpest constants of the setup, or the FAILS result ``name`` saying why it has none."""
    problem = setup_problem(landscape)
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
