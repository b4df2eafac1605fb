r"""Float64 screens of the basin-mass statements ([FALA26] Lemma 3.3 and its appendix form, Lemma B.4).

Definitions and conventions as in :mod:`pluralnash.claims.basins.checks`: two rewards, basin width
given as ``exp_eps`` = e^{-ε}, S_{i,ε} = {x : w_i(x) >= e^{-ε} max w_i}, m_t = p_t(X \ S_ε).
A screen draws a batch of two-basin landscapes (reward i peaks at atom i, the other entries
uniform in (0, 1)), runs T rounds of the large-K dynamics on the whole batch at once
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) and scores each landscape by
its *decay margin* min_t (1 - m_{t+1} / m_t) over the rounds with m_t > 0: negative where the
outside mass grows, which Lemma 3.3 forbids.  Landscapes whose basins overlap, or with no p_0 mass
outside or in a basin, get no margin (NaN).  ``b4=True`` also leaves out those whose outside W_t
reaches 1 on a round (the float reading of Assumption B.4).  The margins only rank setups: the
search certifies the chosen ones with the claims' own checks.  numpy and Hypothesis are imported
when a screen runs, not when a claim declares it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["TwoBasinBatch", "decay_screen", "leakage_screen"]

ROUNDS = 8
LIMIT_ROUNDS = 100  # rounds standing in for the limit p* = lim p_t in the leakage screen
_EXP_EPS = (Fraction(1, 2), Fraction(3, 4), Fraction(9, 10), Fraction(1, 4))


class TwoBasinBatch:
    """A batch of two-basin landscapes with n atoms: w (2, B, n), q (2, B), p0 (B, n), e^{-ε} per
    landscape, the basins (2, B, n), the outside (B, n) and ``ok`` (disjoint basins, p_0 charging both)."""

    def __init__(self, rng, count: int, n: int, sparse: float):
        import numpy as np

        from pluralnash.properties._screen import simplex_rows

        self.w = w = rng.uniform(0.001, 1.0, size=(2, count, n))
        w[0, :, 0] = w[1, :, 1] = 1.0
        self.q = simplex_rows(rng, count, 2, sparse=0.0).T
        self.p0 = p0 = simplex_rows(rng, count, n, sparse=sparse)
        self.e_idx = rng.integers(0, len(_EXP_EPS), size=count)
        self.e = np.array([float(v) for v in _EXP_EPS])[self.e_idx]
        self.basin = basin = w >= self.e[None, :, None] * w.max(axis=2, keepdims=True)
        self.outside = ~(basin[0] | basin[1])
        self.ok = ~(basin[0] & basin[1]).any(axis=1)
        self.ok &= ((p0 * basin[0]).sum(axis=1) > 0) & ((p0 * basin[1]).sum(axis=1) > 0)

    def screened(self, margin):
        import numpy as np

        from pluralnash.properties._screen import Screened, exact_landscape

        def build(i: int) -> Any:
            return exact_landscape(self.w[:, i, :], self.q[:, i], self.p0[i], exp_eps=_EXP_EPS[int(self.e_idx[i])])

        return Screened(np.where(self.ok, margin, np.nan), build)


def _decay(rng, count: int, n: int, b4: bool = False):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run

    d = TwoBasinBatch(rng, count, n, 0.25)
    d.ok &= (d.p0 * d.outside).sum(axis=1) > 0
    p, W = large_k_batch_run(d.w, d.q, d.p0, ROUNDS)
    m = (p * d.outside[None]).sum(axis=2)  # (T + 1, B)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(m[:-1] > 1e-300, m[1:] / m[:-1], 0.0)
    if b4:
        d.ok &= (np.where(d.outside[None], W, 0.0).max(axis=(0, 2)) < 1.0 - 1e-9)
    return d.screened(1.0 - ratio.max(axis=0))


def _leakage(rng, count: int, n: int, kappa_below_one: bool = True, non_collapse: bool = False, b5: bool = False):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run

    d = TwoBasinBatch(rng, count, n, 0.1)
    p, _ = large_k_batch_run(d.w, d.q, d.p0, LIMIT_ROUNDS, history=False)
    a, m = (p[-1] * d.basin[0]).sum(axis=1), (p[-1] * d.outside).sum(axis=1)
    top = d.w.max(axis=2)  # (2, B)
    gaps = [np.where(d.basin[1 - i], d.w[i], 0.0).max(axis=1) / top[i] for i in (0, 1)]  # e^{-Δ_i}
    k1, k2 = (g / d.e ** (1 if b5 else 2) for g in gaps)  # κ_i = e^{-(Δ_i - 2ε)}; B.5: κ_i e^{-ε}
    q = d.q[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        lower, upper = (q - k1) / (1 - k1), q / (1 - k2)
    if b5:  # rank by the unclamped end that can break: a* = 1 is above every lower end, a* = 0 below every upper
        lower, upper = np.where(a > 1 - 1e-6, -np.inf, lower), np.where(a < 1e-6, np.inf, upper)
    else:
        lower, upper = np.maximum(0.0, lower), np.minimum(1.0, upper)
    margin = np.minimum(a - lower, upper - a)
    d.ok &= m < 1e-6  # m_t -> 0 (a premise), read off the last round
    if kappa_below_one:
        d.ok &= (k1 < 1) & (k2 < 1)
    if non_collapse:
        d.ok &= (k1 < q) & (q < 1 - k2)
        margin = np.minimum(margin, np.minimum(a, 1 - a))
    return d.screened(margin)


def decay_screen(b4: bool = False):
    r"""The screen of Lemma 3.3's decay clause (``b4``: only setups meeting B.4 in floats), 3 to 5 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = decay_screen()(rng_for(0), 300)
    >>> len(out.margins), float(out.margins[smallest(out.margins, 1)[0]]) < 0
    (300, True)
    """
    return over_sizes(_decay, (3, 4, 5), b4=b4)


def leakage_screen(kappa_below_one: bool = True, non_collapse: bool = False, b5: bool = False):
    r"""The screen of Lemma 3.4's leakage interval (``non_collapse``: Lemma 3.5's, with q in
    (κ_1, 1 - κ_2) and 0 < a* < 1), a* read off the last of a few hundred float rounds, 2 to 4 atoms.
    ``kappa_below_one=False`` keeps setups with κ_i >= 1 (the statement as printed); ``b5`` reads κ_i with the
    appendix's B.5 constants, κ_i e^{-ε}.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = leakage_screen(kappa_below_one=False)(rng_for(0), 300)
    >>> float(out.margins[smallest(out.margins, 1)[0]]) < 0
    True
    """
    return over_sizes(_leakage, (2, 3, 4), kappa_below_one=kappa_below_one, non_collapse=non_collapse,
                      **({"b5": True} if b5 else {}))
