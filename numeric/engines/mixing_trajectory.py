r"""The mixed map's interval trajectory, its state kept in the backend's numbers ([FERB24] real-data mixing).

The Lyapunov check of ``mixing-several-rewards`` reads G(p_t) (:func:`~pluralnash.numeric.engines.mixing.mixing_potential`)
and KL(p_t+1 || p_t) along the run of the mixed map T(p) = (1 - λ) p_ref + λ p W(p) on enclosures;
:class:`MixedTrajectory` steps the state without converting it between arb balls and ``mpmath.iv`` at
every step, and publishes only those two numbers.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from pluralnash.numeric.arith.intervals import iv, iv_frac
from pluralnash.numeric.engines.mixing import _ball_potential, _mixed_steps, _several_data, mixing_potential
from pluralnash.numeric.model.landscape import Landscape

__all__ = ["MixedTrajectory"]


class MixedTrajectory:
    r"""The mixed map's interval trajectory for the potential's step inequality ([FERB24]), at the caller's
    iv precision: the state stays in the backend's numbers across steps (arb balls, an n x 1 ``arb_mat``,
    with python-flint; else ``mpmath.iv`` lists), and only G(p_t) and KL(p_t+1 || p_t) on S are published
    as ``mpmath.iv`` intervals; rounding is outward, so each encloses the exact value."""

    def __init__(self, landscape: Landscape, *, backend: str | None = None):
        from pluralnash.numeric.engines.arb_step import interval_kind

        self.landscape = landscape
        self.run = _mixed_steps(landscape, iv.prec, interval_kind(backend))
        lam, _, _, rho, self.S = _several_data(landscape)
        self.ends = iv_frac(lam), iv_frac(1 - lam), [(x, rho[x]) for x in self.S]  # made once, at the iv precision

    def start(self, p: Sequence[Fraction]):
        """The state holding p (Fractions enclosed at the iv precision, as :func:`mixed_step_iv` reads them)."""
        return self.run.vector([iv_frac(Fraction(v)) for v in p])

    def step(self, P):
        return self.run.step(P)  # T(P) in the backend, not published

    def publish(self, P) -> list:
        """The state's entries as ``mpmath.iv`` intervals (each containing the backend's enclosure)."""
        return self.run.publish_all(self.run.entries(P))

    def potential(self, P):
        """G(P) (:func:`mixing_potential`) as an ``mpmath.iv`` interval."""
        if self.run.backend == "arb":
            return _ball_potential(self.run, *self.ends, P)
        return mixing_potential(self.landscape, P, backend="iv")

    def kl(self, Q, P):
        """KL(Q || P) = Σ_{x ∈ S} Q(x) log(Q(x)/P(x)), computed in the backend, published."""
        run = self.run
        with run.context():
            q, p = run.entries(Q), run.entries(P)
            return run.publish(run.total(q[x] * run.ln(q[x] / p[x]) for x in self.S))
