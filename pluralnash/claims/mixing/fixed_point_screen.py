r"""Float64 screens of the mixed fixed point (reference data mixed into each round, one or several rewards).

Definitions and conventions as in :mod:`pluralnash.claims.mixing.checks`: T(p) = (1 - λ) p_ref + λ p W(p)
with W the large-K weights (``lam`` = λ, ``reference`` = p_ref, S = supp p_ref, supp p_0 ⊆ S).  A
screen draws a batch of mixed landscapes (e^{r_i} with r_i uniform in [-5, 0], λ from the strategies'
grid, p_ref and p_0 with some masses tiny or zero), runs the mixed map on the whole batch at once with
the one large-K step (:func:`pluralnash.numeric.engines.step.large_k_step` on numpy batches) and
scores each landscape over the rounds t >= 1 (where p_t charges all of S):

- ``contraction_screen`` (mixing-fixed-point, one reward): min_t (τ - d_H(p_{t+1}, p*) / d_H(p_t, p*)),
  the room in Hilbert's projective metric contracting by τ = (√R - 1)/(√R + 1), R = (1 + c/ρ_1)(1 + c/ρ_2),
  c = λ/(1 - λ), ρ_1 <= ρ_2 the two smallest masses of p_ref, toward p*(x) = (1 - λ) p_ref(x)/(1 - λ
  w(x)/Z*), Z* the float root of Σ_x (1 - λ) p_ref(x) w(x)/(Z - λ w(x)) = 1 (bisection on Z - λ max_S w);
- ``ascent_kl_screen`` (mixing-several-rewards): min_t (1 - KL(p_{t+1} || p_t) / (G(p_{t+1}) - G(p_t))),
  the room of the ascent inequality G(T p) - G(p) >= KL(T p || p) of the potential G(p) = λ Σ_i q_i
  log E_p[v_i] + (1 - λ) Σ_S p_ref log p.

Rounds whose distance (below 10^-7, near the float error of p*) or gain (below 10^-12) is lost in
rounding give no score; a landscape with none gets NaN.  The scores only rank setups: the search certifies the chosen ones with the claim's own
exact and interval check.  numpy and Hypothesis are imported when a screen runs.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["contraction_screen", "ascent_kl_screen"]

ROUNDS = 8
_LAMS = tuple(map(Fraction, ("1/10", "1/2", "3/4", "9/10", "99/100")))  # λ = 0 has p_1 = p_ref = p*: nothing to rank


class _Mixed:
    """A batch of mixed landscapes: w (m, B, n), q (m, B), λ (B, 1), p_ref and p_0 (B, n), the run p_0..p_T."""

    def __init__(self, rng, count: int, n: int, m: int):
        import numpy as np

        from pluralnash.numeric.engines.step import large_k_step
        from pluralnash.numeric.engines.step_batch import NUMPY_BATCH
        from pluralnash.properties._screen import simplex_rows

        self.w = np.exp(rng.uniform(-5.0, 0.0, size=(m, count, n)))
        self.q = simplex_rows(rng, count, m, sparse=0.0).T
        self.k = rng.integers(0, len(_LAMS), size=count)
        self.lam = lam = np.array([float(v) for v in _LAMS])[self.k][:, None]
        self.ref = ref = simplex_rows(rng, count, n, sparse=0.15)
        p0 = simplex_rows(rng, count, n, sparse=0.25) * (ref > 0)
        empty = p0.sum(axis=1) == 0
        p0[empty] = ref[empty]
        self.p0 = p = p0 / p0.sum(axis=1, keepdims=True)
        self.S = ref > 0
        ps = [p]
        for _ in range(ROUNDS):
            cur = large_k_step(NUMPY_BATCH, p, self.w, self.q).p
            p = (1 - lam) * ref + lam * cur / cur.sum(axis=1, keepdims=True)
            ps.append(p)
        self.ps = np.stack(ps)  # (T + 1, B, n)

    def screened(self, margin):
        from pluralnash.properties._screen import Screened, simplex_exact, exact_landscape

        def build(i: int) -> Any:
            reference = simplex_exact(self.ref[i], 4)
            if reference is None:
                return None
            p0 = [v if r > 0 else 0.0 for v, r in zip(self.p0[i], reference)]  # keep supp p_0 within S
            return exact_landscape(self.w[:, i, :], self.q[:, i], p0, reference=reference, lam=_LAMS[int(self.k[i])])

        return Screened(margin, build)


def _fixed_point(d: _Mixed):
    """p* of one reward: (B, n).  With s = Z - λ max_S w, every Z - λ w(x) = s + λ (max_S w - w(x)) is a sum of
    non-negative terms, so p* keeps its relative accuracy when Z* is close to λ max_S w; s is found by
    bisection on log s (h decreases in s)."""
    import numpy as np

    w, lam, ref = d.w[0], d.lam, d.ref
    top = np.where(d.S, w, 0.0).max(axis=1, keepdims=True)
    gap = lam * (top - w)  # >= 0 on S
    lo, hi = np.full_like(top, -700.0), np.log((1 - lam) * top)
    for _ in range(100):
        mid = (lo + hi) / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            h = np.where(d.S, (1 - lam) * ref * w / (np.exp(mid) + gap), 0.0).sum(axis=1, keepdims=True)
        lo, hi = np.where(h > 1, mid, lo), np.where(h > 1, hi, mid)
    s = np.exp((lo + hi) / 2)
    return np.where(d.S, (1 - lam) * ref * (s + lam * top) / (s + gap), 0.0)


def _contraction(rng, count: int, n: int):
    import numpy as np

    d = _Mixed(rng, count, n, 1)
    star = _fixed_point(d)
    masses = np.sort(np.where(d.S, d.ref, np.inf), axis=1)
    c = d.lam[:, 0] / (1 - d.lam[:, 0])
    with np.errstate(divide="ignore", invalid="ignore"):
        R = (1 + c / masses[:, 0]) * (1 + c / masses[:, min(1, n - 1)])
        tau = (np.sqrt(R) - 1) / (np.sqrt(R) + 1)
        ratio = np.where(d.S[None], d.ps[1:] / star[None], np.nan)  # (T, B, n)
        dist = np.log(np.nanmax(ratio, axis=2)) - np.log(np.nanmin(ratio, axis=2))  # d_H(p_t, p*)
        room = np.where(dist[:-1] > 1e-7, tau[None] - dist[1:] / dist[:-1], np.nan)  # far above p*'s float error
    room = np.where(np.isfinite(room), room, np.nan)
    margin = np.fmin.reduce(room, axis=0)
    return d.screened(np.where(d.S.sum(axis=1) >= 2, margin, np.nan))


def _ascent_kl(rng, count: int, n: int):
    import numpy as np

    d = _Mixed(rng, count, n, 2 + n % 2)
    ps = d.ps[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        Z = (d.w[None] * ps[:, None]).sum(axis=3)  # (T, m, B)
        G = d.lam[:, 0] * (d.q[None] * np.log(Z)).sum(axis=1) + (1 - d.lam[:, 0]) * np.where(
            d.S[None], d.ref[None] * np.log(ps), 0.0).sum(axis=2)
        kl = np.where(d.S[None], ps[1:] * np.log(ps[1:] / ps[:-1]), 0.0).sum(axis=2)
        gain = G[1:] - G[:-1]
        room = np.where(gain > 1e-12, 1 - kl / gain, np.nan)
    return d.screened(np.fmin.reduce(np.where(np.isfinite(room), room, np.nan), axis=0))


def contraction_screen():
    r"""The screen of mixing-fixed-point, 2 to 5 atoms.

    Examples
    --------
    >>> import numpy as np
    >>> from pluralnash.properties._screen import rng_for
    >>> out = contraction_screen()(rng_for(0), 120)
    >>> len(out.margins), bool(np.nanmin(out.margins) > -1e-6), out.build(0).lam < 1
    (120, True, True)
    """
    return over_sizes(_contraction, (2, 3, 4, 5))


def ascent_kl_screen():
    r"""The screen of mixing-several-rewards, 2 to 5 atoms (three rewards at odd n, two at even n).

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for, smallest
    >>> out = ascent_kl_screen()(rng_for(0), 120)
    >>> best = smallest(out.margins, 1)[0]
    >>> len(out.margins), float(out.margins[best]) > -1e-6, out.build(best).m >= 2
    (120, True, True)
    """
    return over_sizes(_ascent_kl, (2, 3, 4, 5))
