r"""The large-K step on a batch of landscapes in float64, vectorised with numpy (a screen, never a proof).

Definitions and conventions
---------------------------
A *batch* holds B landscapes with the same m rewards and n atoms: ``w`` has shape (m, B, n)
(``w[i, b, x]`` = w_i(x) = e^{r_i(x)} of landscape b), ``q`` shape (m, B) and ``p`` shape (B, n).
:data:`NUMPY_BATCH` is an arithmetic context of :func:`pluralnash.numeric.engines.step.large_k_step`
(the one large-K step, [FALA26] Eq. 5): Z_i, c_i, W and p W are computed for every landscape of the
batch at once, so a round of B landscapes is a few array operations.

Float64 values are *screening* numbers: they rank setups for the counterexample search, which then
decides its candidates with the claims' own exact or interval checks.  Nothing here is certified.
numpy is optional (the ``fast`` extra); it is imported on first use.

:func:`finite_k_batch_weights` is the finite-K weight H^K_p of [FALA26] Lemma 3.1 on a batch, summed
over the compositions of the K - 1 rivals (multinomial weights), so its cost does not grow like n^K.
"""

from __future__ import annotations

from typing import Any

from pluralnash.numeric.engines.step import large_k_step

__all__ = ["NUMPY_BATCH", "large_k_batch_run", "finite_k_batch_weights"]


class _NumpyBatch:
    """float64 arrays: w (m, B, n), q and Z (m, B), p and W (B, n)."""

    @staticmethod
    def Z(p, w):
        return (w * p[None, :, :]).sum(axis=-1)

    @staticmethod
    def coefs(q, Z):
        return q / Z

    @staticmethod
    def W(c, w):
        return (c[:, :, None] * w).sum(axis=0)

    @staticmethod
    def times(p, W):
        return p * W


NUMPY_BATCH = _NumpyBatch()


def large_k_batch_run(w: Any, q: Any, p0: Any, steps: int, *, history: bool = True) -> tuple[Any, Any]:
    r"""p_0, ..., p_T and W_0, ..., W_{T-1} of the large-K dynamics for a batch, in float64.

    Returns arrays of shapes (T + 1, B, n) and (T, B, n); without ``history`` only p_T and W_{T-1}
    (shapes (1, B, n), so a long run keeps two rounds in memory).  Each p_{t+1} is renormalised to
    sum 1 (the exact map keeps the sum; the renormalisation only stops float drift).

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([[[3.0, 1.0]]])                       # m = 1, B = 1, n = 2
    >>> p, W = large_k_batch_run(w, np.array([[1.0]]), np.array([[0.5, 0.5]]), 1)
    >>> [round(float(v), 12) for v in p[1, 0]], [round(float(v), 12) for v in W[0, 0]]
    ([0.75, 0.25], [1.5, 0.5])
    """
    import numpy as np

    p = np.asarray(p0, dtype=np.float64)
    ps, Ws = [p], []
    for _ in range(steps):
        step = large_k_step(NUMPY_BATCH, p, w, q)
        p = step.p / step.p.sum(axis=-1, keepdims=True)
        if not history:
            ps.clear()
            Ws.clear()
        ps.append(p)
        Ws.append(step.W)
    return np.stack(ps), (np.stack(Ws) if Ws else np.zeros((0, *p.shape)))


def _compositions(total: int, parts: int):
    """Every tuple of ``parts`` non-negative ints summing to ``total``, in lexicographic order."""
    if parts == 1:
        yield (total,)
        return
    for head in range(total + 1):
        for tail in _compositions(total - head, parts - 1):
            yield (head, *tail)


def finite_k_batch_weights(w: Any, p: Any, K: int) -> Any:
    r"""H^K_p(x) = E[K w(x) / (w(x) + Σ_{j<K} w(y_j))], y_j ~ p i.i.d., for a batch, in float64.

    ``w`` and ``p`` have shape (B, n); the result too.  The K - 1 rivals enter through their counts c
    (a composition of K - 1 into n parts), with probability (K-1)!/Π c_x! Π p(x)^{c_x}.

    Examples
    --------
    >>> import numpy as np
    >>> H = finite_k_batch_weights(np.array([[1.0, 0.5]]), np.array([[0.5, 0.5]]), 2)
    >>> [round(float(v), 12) for v in H[0]]                # 2 w(x) E[1/(w(x) + w(y))]
    [1.166666666667, 0.833333333333]
    """
    import math

    import numpy as np

    n = w.shape[-1]
    counts = np.array(list(_compositions(K - 1, n)), dtype=np.float64)  # (M, n)
    coef = np.array([math.factorial(K - 1) / math.prod(math.factorial(int(c)) for c in row) for row in counts])
    prob = coef * np.prod(p[:, None, :] ** counts[None], axis=2)  # (B, M)
    rivals = w @ counts.T  # (B, M): Σ_j w(y_j)
    return K * w * (prob[:, None, :] / (w[:, :, None] + rivals[:, None, :])).sum(axis=2)
