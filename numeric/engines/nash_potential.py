r"""Enclosures of the nash-limit potential F = Σ_i q_i log Z_i and of the optimum Z* ([FALA26] Eq. 5).

q = weights, Z_i = E_p[e^{r_i}]; ``mpmath.iv`` intervals at the caller's ``iv`` precision.
"""

from __future__ import annotations

from pluralnash.numeric.arith.intervals import iv, iv_exact, iv_frac

__all__ = ["enclose_z_star", "enclose_potential"]


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
