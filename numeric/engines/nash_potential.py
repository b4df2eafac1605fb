r"""Enclosures of the nash-limit potential F = Σ_i q_i log Z_i and of the optimum Z* ([FALA26] Eq. 5).

q = weights, Z_i = E_p[e^{r_i}]; ``mpmath.iv`` intervals at the caller's ``iv`` precision;
:func:`arb_potentials` runs the steps in arb balls (python-flint) for large setups.
"""

from __future__ import annotations

from typing import Any, Callable

import mpmath

from pluralnash.numeric.arith.intervals import iv, iv_exact, iv_frac
from pluralnash.numeric.model.landscape import Landscape

__all__ = ["enclose_z_star", "enclose_potential", "arb_potentials"]


def enclose_z_star(limit) -> list:
    """The solver's certified enclosures of Z*_i (exact values when the limit is exact).

    The centre is converted exactly (never through the global ``mp.prec``) and the radius is
    added outward at ``iv.prec``, so the box does not depend on mpmath's global precision.
    """
    boxes = []
    for zs, r in zip(limit.Z, limit.Z_radius):
        lo_hi = iv_exact(zs)
        if r:
            rad = iv_exact(r).b
            boxes.append(iv.mpf([(lo_hi - rad).a, (lo_hi + rad).b]))
        else:
            boxes.append(lo_hi)
    return boxes


def enclose_potential(q, Z):
    r"""An ``iv`` enclosure of F = Σ_i q_i log Z_i from enclosures (or exact values) of Z_i."""
    return sum((iv_frac(qi) * iv.log(z) for qi, z in zip(q, Z) if qi), iv.mpf(0))


def arb_potentials(landscape: Landscape, steps: int, potential: str, prec: int,
                    progress: Callable[[int, int], Any] | None) -> list:
    r"""Enclosures (``iv`` intervals) of the potential at p_0, ..., p_T, then of F(p_T); steps in arb balls.

    The rows of :class:`ArbLargeK` are w_i / max w_i, so Z_i = max w_i · (A p)_i; the balls
    contain the exact p_t (arb's rounding is outward), hence each interval contains F(p_t).
    """
    import flint

    from pluralnash.numeric.engines.arb_step import ArbLargeK, ArbMatrix, _dyadic, _fmpq, _prec

    stepper = ArbLargeK(landscape, prec=prec)
    used = [i for i, qi in enumerate(landscape.weights) if qi > 0]
    with _prec(prec):
        top = [flint.arb(_fmpq(max(landscape.exp_rewards[i]))) for i in used]
        q = stepper.q

        def value(P, potential=potential):
            Zs = ArbMatrix.Z(P, stepper.A)
            if potential == "F":
                return sum((qi * (z.log() + t.log()) for qi, z, t in zip(q, Zs, top)), flint.arb(0))
            return sum((qi * z * t for qi, z, t in zip(q, Zs, top)), flint.arb(0))

        def enclose(x):
            if not x.is_finite():
                return iv.mpf([-mpmath.inf, mpmath.inf])
            return iv.mpf([iv_frac(_dyadic(x.lower())).a, iv_frac(_dyadic(x.upper())).b])

        P = stepper.balls(landscape.p0)
        out = [enclose(value(P))]
        for t in range(steps):
            P = stepper.step(P)
            out.append(enclose(value(P)))
            if progress is not None:
                progress(t + 1, steps)
        out.append(enclose(value(P, "F")))  # last: F(p_T), whatever the potential checked
    return out
