r"""Float64 screens of [FALA26] Lemmas 3.3 and 3.4 read at finite K (lemma-3.3-finite-k: m_{t+1} <= ρ^K_t m_t;
lemma-3.4-finite-k: a_{i,t+1} >= φ^K_i(a_{i,t}, m_t)).

Definitions and conventions as in :mod:`pluralnash.claims.basins_general.finite_k`: the finite-K map
p_{t+1}(x) = p_t(x) Σ_i q_i H^{K,r_i}_{p_t}(x) ([FALA26] Lemma 3.1), m_t the mass outside the basins and
ρ^K_t = max_{x outside} Σ_i q_i H̄^K_i(x), H̄^K Lemma 3.2's upper bound on H^K.  The screen draws a batch
of m-basin landscapes as the claim's strategy does (m = 2 or 3 rewards, one atom per basin at the
peak of its reward, one outside atom, the other entries u^3 with u uniform in (0.03, 1), K from 2
to 5), runs the four rounds of the instance check on the batch at once in float64 (H^K by
:func:`pluralnash.numeric.engines.step_batch.finite_k_batch_weights`, H̄^K by
:func:`pluralnash.claims.core.kept_screen.enclosure`) and scores each landscape by the check's margin
min_t (ρ^K_t m_t - m_{t+1}) / m_t, or with ``basin_step`` min_{t,i} (a_{i,t+1} - φ^K_i(a_{i,t}, m_t)),
φ^K_i(a, m) = q_i K E a / (E + (K-1)(a + c_i (1 - a - m) + E m)), E = e^{-ε}, c_i = max ŵ_i on the other
basins.  Landscapes whose basins overlap or take in the outside atom get
no margin (NaN).  The scores only rank setups: the search certifies the chosen ones with the claim's
own exact run.  numpy and Hypothesis are imported when the screen runs.
"""

from __future__ import annotations

from fractions import Fraction

from pluralnash.claims._screens import over_sizes

__all__ = ["finite_k_decay_screen", "finite_k_step_screen"]

STEPS = 4  # the steps the instance check runs
_EXP_EPS = (Fraction(1, 2), Fraction(3, 4), Fraction(9, 10))


def _decay(rng, count: int, n: int, basin_step: bool = False):
    import numpy as np

    from pluralnash.claims.core.kept_screen import enclosure
    from pluralnash.numeric.engines.step_batch import finite_k_batch_weights
    from pluralnash.properties._screen import Screened, exact_landscape, simplex_rows

    m = n - 1
    w = rng.uniform(0.03, 1.0, size=(m, count, n)) ** 3
    for i in range(m):
        w[i, :, i] = 1.0
    q = simplex_rows(rng, count, m, sparse=0.0).T
    p = p0 = simplex_rows(rng, count, n, sparse=0.0)
    k_idx, K = rng.integers(0, len(_EXP_EPS), size=count), rng.integers(2, 6, size=count)
    e = np.array([float(v) for v in _EXP_EPS])[k_idx]
    basin = w >= e[None, :, None]  # every max w_i is 1: S_i = {w_i >= e^{-ε}}
    ok = (basin.sum(axis=0) <= 1).all(axis=1) & ~basin[:, :, -1].any(axis=0)
    caps = np.stack([np.delete(w[i, :, :m], i, axis=1).max(axis=1) for i in range(m)])  # c_i = e^{-Δ_i}
    margin = np.full(count, np.inf)
    for _ in range(STEPS):
        nxt, rho = np.empty_like(p), np.empty(count)
        for k in range(2, 6):
            sel = K == k
            nxt[sel] = p[sel] * sum(q[i, sel][:, None] * finite_k_batch_weights(w[i, sel], p[sel], k) for i in range(m))
            rho[sel] = sum(q[i, sel] * enclosure(w[i, sel], p[sel], k)[1][:, -1] for i in range(m))
        nxt /= nxt.sum(axis=1, keepdims=True)
        if basin_step:  # a_{i,t+1} - φ^K_i(a_{i,t}, m_t), φ = q_i K E a / (E + (K-1)(a + c_i (1 - a - m) + E m))
            a, out = p[:, :m].T, p[:, -1]
            phi = q * K * e * a / (e + (K - 1) * (a + caps * (1 - a - out) + e * out))
            margin = np.minimum(margin, (nxt[:, :m].T - phi).min(axis=0))
        else:
            margin = np.minimum(margin, (rho * p[:, -1] - nxt[:, -1]) / p[:, -1])
        p = nxt

    def build(i: int):
        return exact_landscape(w[:, i, :], q[:, i], p0[i], exp_eps=_EXP_EPS[int(k_idx[i])], K=int(K[i]))

    return Screened(np.where(ok, margin, np.nan), build)


def finite_k_decay_screen():
    r"""The screen of lemma-3.3-finite-k: 2 or 3 rewards, one outside atom (3 or 4 atoms).

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for
    >>> out = finite_k_decay_screen()(rng_for(0), 40)
    >>> L = out.build(39)
    >>> (L.m, L.n, 2 <= L.K <= 5)
    (3, 4, True)
    """
    return over_sizes(_decay, (3, 4))


def finite_k_step_screen():
    r"""The screen of lemma-3.4-finite-k: 2 or 3 rewards, one outside atom (3 or 4 atoms).

    Examples
    --------
    >>> import numpy as np
    >>> from pluralnash.properties._screen import rng_for
    >>> margins = finite_k_step_screen()(rng_for(0), 60).margins
    >>> bool(np.nanmin(margins) > -1e-9)
    True
    """
    return over_sizes(_decay, (3, 4), basin_step=True)
