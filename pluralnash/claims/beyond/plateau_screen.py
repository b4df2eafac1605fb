r"""Float64 screens of the plateau statements (B.6): the exact plateau limit, and [FALA26] Prop. 3.4 / Corollary 3.8.

Definitions and conventions as in :mod:`pluralnash.claims.beyond.checks` and
:mod:`pluralnash.claims.plateau.checks`: two rewards, plateau basins S_1 (values (t_1, k_2 t_2)) and
S_2 ((k_1 t_1, t_2)), basin width ``exp_eps`` = e^{-ε} above both k_i, a_t = p_t(S_1), and
a_inf = clamp(a*, 0, 1), a* = q/(1 - k_2) - (1 - q) k_1/(1 - k_1).  A screen draws a batch of plateau
landscapes (one or two atoms per basin; q uniform in (0, 1) for half of them and within a few percent
of an end of the window (q_lo, q_hi) = (k_1(1-k_2)/(1-k_1k_2), (1-k_2)/(1-k_1k_2)) for the other
half), runs the large-K dynamics on the batch at once
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`) and scores each landscape:

- ``plateau_limit_screen`` (plateau-exact): -|a_T - a_inf|, the check's identity margin with a_T from a
  hundred-odd float rounds standing in for the limit (largest near the window's ends, where the
  dynamics slows down);
- ``plateau_sensitivity_screen`` (plateau-sensitivity): the check's slack over the moves q -> q ± min(q, 1 - q)/4
  and k_i -> 7k_i/8, with a_inf read off float runs: -|Δa - L_q Δq| where both ends are interior (an exact
  slope), L |Δ| - |Δa| otherwise, L the stated constants;
- ``hard_separation_screen`` (Prop. 3.4, Corollary 3.8): the smaller of -max_{t, x} |p_t(x | S_i) -
  P_i(x)| over the first rounds (the conditionals stay P_i) and -|a_T - q| on the same landscape with
  its cross values k_i scaled by 10^-3 (a member of the hard-separation family, whose limit tends
  to p_q); with ``outside`` atoms (ρ_1 + ρ_2 < 1, outside both basins) on half of the batch.

The scores only rank setups: the search certifies the chosen ones with the claim's own exact and
interval checks.  numpy and Hypothesis are imported when a screen runs.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.claims._screens import over_sizes

__all__ = ["plateau_limit_screen", "hard_separation_screen", "plateau_sensitivity_screen"]

LIMIT_ROUNDS = 120
CONDITIONAL_ROUNDS = 4
SENSITIVITY_ROUNDS = 80
HARD_FACTOR = 1e-3  # k_i -> k_i / 1000 along the hard-separation family
_WINDOW_LEVELS = (Fraction(3, 4), Fraction(4, 5), Fraction(9, 10))
_NARROW_LEVELS = (Fraction(1, 2), Fraction(1, 3), Fraction(1, 4))


class _Plateau:
    """A batch of plateau landscapes with n atoms: ``s1`` atoms in S_1 first, then S_2, then ``outside``."""

    def __init__(self, rng, count: int, n: int, levels: tuple, outside: int = 0):
        import numpy as np

        inside = n - outside
        self.s1 = s1 = inside // 2 + int(rng.integers(0, 2)) * (inside % 2)
        self.levels, self.l_idx = levels, rng.integers(0, len(levels), size=count)
        level = np.array([float(v) for v in levels])[self.l_idx]
        self.k = rng.uniform(0.01, 0.9, size=(2, count)) * level
        self.top = np.array([1.0, 2.0, 0.5])[rng.integers(0, 3, size=(2, count))]
        k1, k2 = self.k
        lo, hi = k1 * (1 - k2) / (1 - k1 * k2), (1 - k2) / (1 - k1 * k2)
        edge = np.where(rng.random(count) < 0.5, lo, hi) * (1 + rng.uniform(-0.05, 0.05, size=count))
        self.q = np.clip(np.where(rng.random(count) < 0.5, rng.uniform(0.01, 0.99, size=count), edge), 0.01, 0.99)
        scaled = np.empty((2, count, n))  # w_i(x) / t_i
        scaled[0, :, :s1], scaled[1, :, :s1] = 1.0, k2[:, None]
        scaled[0, :, s1:inside], scaled[1, :, s1:inside] = k1[:, None], 1.0
        if outside:  # ρ_1 + ρ_2 < 1 and each ρ_i below the basin level
            rho1 = rng.uniform(0.0, 1.0, size=(count, outside)) * level[:, None]
            rho2 = np.minimum(rng.uniform(0.0, 1.0, size=(count, outside)) * level[:, None], 0.99 * (1 - rho1))
            scaled[0, :, inside:], scaled[1, :, inside:] = rho1, np.maximum(rho2, 1e-3)
        self.scaled = scaled
        self.w = scaled * self.top[:, :, None]
        self.p0 = _full_simplex(rng, count, n)
        self.basin1 = np.arange(n) < s1
        self.basin2 = (np.arange(n) >= s1) & (np.arange(n) < inside)

    def a_limit(self, k=None):
        """a_inf = clamp(a*, 0, 1) at cross values ``k`` (default the batch's own)."""
        import numpy as np

        k1, k2 = self.k if k is None else k
        return np.clip(self.q / (1 - k2) - (1 - self.q) * k1 / (1 - k1), 0.0, 1.0)

    def run(self, w, rounds: int, history: bool = False, q=None):
        from pluralnash.numeric.engines.step_batch import large_k_batch_run

        return large_k_batch_run(w, self._q2(q), self.p0, rounds, history=history)[0]

    def a_run(self, rounds: int, q=None, k_scale=(1.0, 1.0)):
        """a_T of a float run, with weights (q, 1 - q) and the cross values k_i scaled by ``k_scale``."""
        w = self.scaled.copy()
        w[0][:, self.basin2] *= k_scale[0]
        w[1][:, self.basin1] *= k_scale[1]
        return (self.run(w * self.top[:, :, None], rounds, q=q)[-1] * self.basin1).sum(axis=1)

    def _q2(self, q=None):
        import numpy as np

        q = self.q if q is None else q
        return np.stack([q, 1 - q])

    def screened(self, margin):
        from pluralnash.properties._screen import Screened, exact_landscape

        def build(i: int) -> Any:
            return exact_landscape(self.w[:, i, :], self._q2()[:, i], self.p0[i],
                                   exp_eps=self.levels[int(self.l_idx[i])])

        return Screened(margin, build)


def _full_simplex(rng, count: int, n: int):
    from pluralnash.properties._screen import simplex_rows

    return simplex_rows(rng, count, n, sparse=0.0)


def _plateau_limit(rng, count: int, n: int):
    d = _Plateau(rng, count, n, _WINDOW_LEVELS)
    p = d.run(d.w, LIMIT_ROUNDS)[-1]
    return d.screened(-abs((p * d.basin1).sum(axis=1) - d.a_limit()))


def _hard_separation(rng, count: int, n: int, outside: int = 0):
    import numpy as np

    d = _Plateau(rng, count, n, _NARROW_LEVELS, outside)
    ps = d.run(d.w, CONDITIONAL_ROUNDS, history=True)  # (T + 1, B, n)
    drift = np.zeros(count)
    for basin in (d.basin1, d.basin2):
        cond = np.where(basin, ps, 0.0)
        cond = cond / cond.sum(axis=2, keepdims=True)
        drift = np.maximum(drift, np.abs(cond - cond[:1]).max(axis=(0, 2)))
    hard = d.scaled.copy()
    hard[1][:, d.basin1] *= HARD_FACTOR
    hard[0][:, d.basin2] *= HARD_FACTOR
    p = d.run(hard * d.top[:, :, None], LIMIT_ROUNDS)[-1]
    gap = np.abs((p * d.basin1).sum(axis=1) - d.q)
    return d.screened(-np.maximum(drift, gap))


def _sensitivity(rng, count: int, n: int):
    import numpy as np

    d = _Plateau(rng, count, n, _WINDOW_LEVELS)
    k1, k2, q = d.k[0], d.k[1], d.q
    L = {"q": 1 / (1 - k2) + k1 / (1 - k1), "k_1": (1 - q) / (1 - k1) ** 2, "k_2": q / (1 - k2) ** 2}
    a0, step = d.a_run(SENSITIVITY_ROUNDS), np.minimum(q, 1 - q) / 4
    moves = [("q", s * step, d.a_run(SENSITIVITY_ROUNDS, q=q + s * step)) for s in (1.0, -1.0)]
    moves += [("k_1", -k1 / 8, d.a_run(SENSITIVITY_ROUNDS, k_scale=(7 / 8, 1.0))),
              ("k_2", -k2 / 8, d.a_run(SENSITIVITY_ROUNDS, k_scale=(1.0, 7 / 8)))]
    slack = np.full(count, np.inf)
    for label, delta, a in moves:
        m, interior = a - a0, (a0 > 1e-9) & (a0 < 1 - 1e-9) & (a > 1e-9) & (a < 1 - 1e-9)
        exact_slope = interior if label == "q" else np.zeros(count, dtype=bool)
        bound = L[label] * np.abs(delta)
        slack = np.minimum(slack, np.where(exact_slope, -np.abs(m - L[label] * delta), bound - np.abs(m)))
    return d.screened(slack)


def plateau_limit_screen():
    r"""The screen of plateau-exact, 2 to 4 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for
    >>> margins = plateau_limit_screen()(rng_for(0), 90).margins
    >>> len(margins), bool(margins.max() <= 0)
    (90, True)
    """
    return over_sizes(_plateau_limit, (2, 3, 4))


def hard_separation_screen():
    r"""The screen of Prop. 3.4 and Corollary 3.8: 2 to 4 atoms in the basins, none or one outside.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for
    >>> out = hard_separation_screen()(rng_for(0), 90)
    >>> len(out.margins), bool(out.margins.max() <= 0), out.build(89).n
    (90, True, 4)
    """
    parts = [over_sizes(_hard_separation, (2, 3, 4)), over_sizes(_hard_separation, (3, 4), outside=1)]

    def screen(rng, count: int):
        from pluralnash.properties._screen import joined

        return joined([parts[0](rng, count - count // 2), parts[1](rng, count // 2)])

    screen.__name__ = screen.__qualname__ = "hard_separation_screen()"
    return screen


def plateau_sensitivity_screen():
    r"""The screen of plateau-sensitivity, 2 to 4 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for
    >>> L = plateau_sensitivity_screen()(rng_for(0), 90).build(0)
    >>> L.m, L.exp_eps in _WINDOW_LEVELS
    (2, True)
    """
    return over_sizes(_sensitivity, (2, 3, 4))
