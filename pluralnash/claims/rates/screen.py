r"""Float64 screens of the linear rates at a non-degenerate large-K limit (rate-linear, rate-outside-mass).

Definitions and conventions as in :mod:`pluralnash.claims.rates.checks`: two rewards, p* the large-K
limit with support S, W*(y) = Σ_i q_i w_i(y)/Z_i*, ρ_out = max_{y ∉ S} W*(y), μ = E_{p*}[w_1 w_2]/(Z_1*
Z_2*) when p* charges two reward vectors, ρ = max(μ, ρ_out) and m_t = p_t(X \ S).  A screen draws a
batch of landscapes as the rates strategy does (two Pareto-incomparable atoms (1, k_2) and (k_1, 1), one
or two extra atoms below 3/5 in both rewards, q inside the window (q_lo, q_hi) or beyond it, full-support
p_0), runs a few hundred rounds of the large-K dynamics on the batch at once
(:func:`pluralnash.numeric.engines.step_batch.large_k_batch_run`), reads S off the last round (mass
above 10^-6) and scores each landscape:

- ``spectral_screen`` (rate-linear): 1 - ρ, the room below 1 of the claimed rate (small near a tie
  W*(y) = 1, where the convergence stops being linear);
- ``outside_rate_screen`` (rate-outside-mass): -|m_{T+1}/m_T - ρ_out| / ρ_out, the identity's gap at
  the last float round.

The scores only rank setups: the search certifies the chosen ones with the claim's own exact limit,
Jacobian and interval run.  numpy and Hypothesis are imported when a screen runs.
"""

from __future__ import annotations

from pluralnash.claims._screens import over_sizes

__all__ = ["spectral_screen", "outside_rate_screen"]

ROUNDS = 200


def _rates(rng, count: int, n: int, outside: bool = False):
    import numpy as np

    from pluralnash.numeric.engines.step_batch import large_k_batch_run
    from pluralnash.properties._screen import screened_landscapes, simplex_rows

    k1, k2 = rng.uniform(0.05, 0.7, size=(2, count))
    lo, hi = k1 * (1 - k2) / (1 - k1 * k2), (1 - k2) / (1 - k1 * k2)
    q = np.clip(lo + rng.uniform(-0.5, 1.5, size=count) * (hi - lo), 0.01, 0.99)
    w = rng.uniform(0.01, 0.6, size=(2, count, n))
    w[:, :, 0] = np.stack([np.ones(count), k2])
    w[:, :, 1] = np.stack([k1, np.ones(count)])
    qs = np.stack([q, 1 - q])
    p0 = simplex_rows(rng, count, n, sparse=0.0)
    before = large_k_batch_run(w, qs, p0, ROUNDS, history=False)[0][-1]
    ps, Ws = large_k_batch_run(w, qs, before, 1)
    star, W = ps[-1], Ws[-1]
    on = star > 1e-6
    rho_out = np.where(on, -np.inf, W).max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if outside:
            m0, m1 = (np.where(on, 0.0, p).sum(axis=1) for p in (before, star))
            margin = -np.abs(m1 / m0 - rho_out) / rho_out
        else:
            Z = (w * star[None]).sum(axis=2)  # (2, B)
            mu = np.where(on.sum(axis=1) >= 2, (star * w[0] * w[1]).sum(axis=1) / (Z[0] * Z[1]), 0.0)
            margin = 1.0 - np.maximum(mu, rho_out)
    return screened_landscapes(np.where(np.isfinite(margin) & (~on).any(axis=1), margin, np.nan), w, qs, p0)


def spectral_screen():
    r"""The screen of rate-linear, 3 and 4 atoms.

    Examples
    --------
    >>> import numpy as np
    >>> from pluralnash.properties._screen import rng_for
    >>> margins = spectral_screen()(rng_for(0), 80).margins
    >>> len(margins), bool(np.nanmax(margins) < 1), bool(np.nanmin(margins) > -1e-6)
    (80, True, True)
    """
    return over_sizes(_rates, (3, 4))


def outside_rate_screen():
    r"""The screen of rate-outside-mass, 3 and 4 atoms.

    Examples
    --------
    >>> from pluralnash.properties._screen import rng_for
    >>> gaps = -outside_rate_screen()(rng_for(0), 80).margins
    >>> bool((gaps[gaps == gaps] >= 0).all())
    True
    """
    return over_sizes(_rates, (3, 4), outside=True)
