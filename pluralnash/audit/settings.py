r"""What the paper leaves unstated about its synthetic experiments, as named settings.

Geometry ([FALA26] Appendix C.4): one dimension, r_i(x) = -β (x - μ_i)², μ_{1,2} = ∓D/2,
S_{i,ε} = [μ_i - ρ, μ_i + ρ] with ρ = sqrt(ε/β), uniform p_0.  Everything the paper leaves
unstated (the support of p_0, β, ε, the number of rounds T) is a :class:`Setting`; every number
the audit computes says which setting made it.

Python spellings: ``D`` = distance between the modes, ``eps`` = ε, ``beta`` = β = 1/τ, ``T`` = rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from pluralnash.numeric.engines.continuous import QuadraticLandscape, Uniform
from pluralnash.theory import InvalidArgument

__all__ = ["Setting", "SETTINGS", "COMMON_ASSUMPTIONS", "DPS", "Q_GRID"]

DPS = 20
Q_GRID = ("0.1", "0.2", "0.4", "0.6", "0.8", "0.9")  # Table 3's rows; Table 5 assumed to average over them


@dataclass(frozen=True)
class Setting:
    r"""One reading of what the paper left unstated.

    Parameters
    ----------
    name : str
        Short label used in the tables ("A").
    beta : Fraction
        β = 1/τ (the temperature of the Bradley-Terry pick).
    eps : Fraction
        ε; basins of radius sqrt(ε/β).
    T : int
        Rounds; "empirical a_∞" is read as a_T of the exact large-K dynamics.
    margin : Fraction or None
        p_0 = Uniform[-D/2 - margin, D/2 + margin] (support grows with D) ...
    box : Fraction or None
        ... or p_0 = Uniform[-box, box] for every D.
    """

    name: str
    beta: Fraction
    eps: Fraction
    T: int
    margin: Fraction | None = None
    box: Fraction | None = None

    def init(self, D: int) -> Uniform:
        if self.margin is not None:
            return Uniform(-Fraction(D, 2) - self.margin, Fraction(D, 2) + self.margin)
        return Uniform(-self.box, self.box)

    def landscape(self, q: Fraction, D: int) -> QuadraticLandscape:
        return QuadraticLandscape(mu=[-Fraction(D, 2), Fraction(D, 2)], beta=self.beta, weights=[q, 1 - q],
                                  init=self.init(D), eps=self.eps)

    def support_text(self) -> str:
        if self.margin is not None:
            return f"Uniform[-D/2-{self.margin}, D/2+{self.margin}]"
        return f"Uniform[-{self.box}, {self.box}]"

    def describe(self) -> str:
        tau = 1 / self.beta
        return (f"p0 = {self.support_text()}, beta = {self.beta} (tau = {tau}), eps = {self.eps}, "
                f"T = {self.T}")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "p0": self.support_text(), "beta": str(self.beta),
                "tau": str(1 / self.beta), "eps": str(self.eps), "T": self.T, "K": "large (Eq. 5)",
                "a_inf": f"a_T at T = {self.T} of the exact large-K dynamics"}


SETTINGS: dict[str, Setting] = {
    "A": Setting("A", beta=Fraction(1), eps=Fraction(1, 10), T=100, margin=Fraction(3)),
    "B": Setting("B", beta=Fraction(1), eps=Fraction(1, 5), T=100, box=Fraction(5)),
    "C": Setting("C", beta=Fraction(1, 2), eps=Fraction(1, 10), T=100, margin=Fraction(3)),
}

COMMON_ASSUMPTIONS = (
    "one dimension, mu_1 = -D/2, mu_2 = +D/2, r_i = -beta (x - mu_i)^2 (the paper's beta = 1 is a "
    "temperature tau = 1/beta that its experiments may have changed)",
    "large-K dynamics (Eq. 5) computed exactly (closed-form Gaussian mixture, 20 digits, with "
    "rigorous interval enclosures that decide the engine comparisons); the paper's finite K and "
    "sampling are not modelled",
    "'empirical a_inf' read as a_T = p_T(S_1) after T rounds",
    "bounds use the sharpest constants of the geometry: Delta = beta (D - rho)^2, rho = sqrt(eps/beta), "
    "kappa = exp(-(Delta - 2 eps)), the same for both basins",
)


def _select(names: Sequence[str] | None) -> list[Setting]:
    """The settings named in ``names`` (comma-separated or repeated; default all), in order, once each."""
    if not names:
        return list(SETTINGS.values())
    out = []
    for n in names:
        for part in str(n).split(","):
            key = part.strip().upper()
            if key not in SETTINGS:
                raise InvalidArgument(
                    f"--setting={part!r} is not a known setting; choose from {', '.join(SETTINGS)}")
            if SETTINGS[key] not in out:
                out.append(SETTINGS[key])
    return out


def _assumptions(sel: Sequence[Setting]) -> list[str]:
    return list(COMMON_ASSUMPTIONS) + [f"setting {s.name}: {s.describe()}" for s in sel]
