r"""The one certified solve of the large-K limit p* that the premises and conclusions about p* read.

p_t → p*, the maximiser of F(p) = Σ_i q_i log E_p[e^{r_i}] on supp(p_0) ([FALA26] Eq. 5; the
toolkit's nash-limit claim).  :func:`_certified_limit` solves once per setup at ``_LIMIT_DPS``
digits and says whether the support is certified; :func:`_limit_group_enclosure` encloses p* on the
support from the certified Z* box.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.engines.grouping import reward_groups
from pluralnash.numeric.engines.limit import solve_limit
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.theory import SolverError, Verdict

__all__ = []

_LIMIT_DPS = 30  # digits of the one limit solve that every premise and conclusion about p* reads


def _limit_inputs(landscape: Landscape) -> tuple:
    """What the large-K limit reads of a setup: not ε, K, labels or name."""
    return (landscape.rewards, landscape.exp_rewards, landscape.weights, landscape.p0, landscape.reference,
            landscape.lam)


@per_setup(maxsize=512, key=_limit_inputs)
def _solved_limit(landscape: Landscape):
    """``solve_limit(landscape, dps=_LIMIT_DPS)``, solved once per setup (premise and conclusion checks share it)."""
    return solve_limit(landscape, dps=_LIMIT_DPS)


def _limit_group_enclosure(landscape: Landscape, res) -> dict[int, Any] | None:
    """Interval enclosure of p*(x) on the support from the certified Z* box (None if not possible)."""
    rewards, groups = reward_groups(landscape, res.support)
    src = landscape.exp_rewards if landscape.exp_rewards is not None else landscape.rewards
    keys = list(groups)
    k, m = len(keys), len(rewards)
    with iv_workprec(256):
        if k == 1:
            g_mass = [iv.mpf(1)]
        else:
            if k > m or res.Z_radius is None:
                return None
            tops = [max(src[i]) for i in rewards]
            if landscape.exp_rewards is not None:
                A = [[iv_frac(key[j] / tops[j]) for key in keys] for j in range(m)]
                w_all = [[iv_frac(v / tops[j]) for v in src[i]] for j, i in enumerate(rewards)]
                scale = [iv_frac(t) for t in tops]
            else:
                A = [[iv.exp(iv_frac(key[j] - tops[j])) for key in keys] for j in range(m)]
                w_all = [[iv.exp(iv_frac(v - tops[j])) for v in src[i]] for j, i in enumerate(rewards)]
                scale = [iv.exp(iv_frac(t)) for t in tops]
            # The certified box is Z* in Z(p_reported) +- Z_radius.  The centre is recomputed here from
            # the reported p (exact dyadic mpf values): LimitResult.Z itself is rounded to the global
            # mpmath precision (53 bits), far coarser than Z_radius.  The radius is doubled to cover
            # its own rounding.
            p_rep = [iv.mpf(v) if not isinstance(v, Fraction) else iv_frac(v) for v in res.p]
            box = []
            for j, i in enumerate(rewards):
                centre = sum((p_rep[x] * w_all[j][x] for x in res.support), iv.mpf(0))
                r = res.Z_radius[i]
                ri = 2 * iv.mpf(r) / scale[j] if r else iv.mpf(0)
                box.append(iv.mpf([(centre - ri).a, (centre + ri).b]))
            try:
                if k == m:
                    sol = iv.lu_solve(iv.matrix(A), iv.matrix(box))
                else:
                    AtA = iv.matrix([[sum((A[j][a] * A[j][b] for j in range(m)), iv.mpf(0)) for b in range(k)]
                                     for a in range(k)])
                    Atz = iv.matrix([sum((A[j][a] * box[j] for j in range(m)), iv.mpf(0)) for a in range(k)])
                    sol = iv.lu_solve(AtA, Atz)
            except (ZeroDivisionError, ValueError):
                return None
            g_mass = [sol[a] for a in range(k)]
        out = {}
        for key, gm in zip(keys, g_mass):
            atoms = groups[key]
            total = sum((landscape.p0[x] for x in atoms), Fraction(0))
            for x in atoms:
                out[x] = gm * iv_frac(landscape.p0[x] / total)
        return out


def _point_limit_verified(landscape: Landscape, res) -> bool:
    r"""Re-verify an exact limit of a log-form landscape: one reward vector on the support, and
    W*(x) = Σ_i q_i e^{r_i(x) - r_i(g)} < 1 (intervals) at every other atom of supp(p_0).

    The solver's exact path is meant for rational e^r; in log form it can only be a point mass
    (W = Σ q_i = 1 there exactly), which is checked independently here.
    """
    src = landscape.rewards
    keys = {tuple(row[x] for row in src) for x in res.support}
    if len(keys) != 1:
        return False
    g = next(iter(keys))
    with iv_workprec(128):
        for x in landscape.support():
            key = tuple(row[x] for row in src)
            if key == g:
                continue
            W = sum((iv_frac(qi) * iv.exp(iv_frac(key[i] - g[i])) for i, qi in enumerate(landscape.weights) if qi),
                    iv.mpf(0))
            if not W.b < 1:
                return False
    return True


def _certified_limit(landscape: Landscape) -> tuple[Any, str | None]:
    r"""The one solve of the large-K limit p* and whether its support is certified: (result, None) when
    it is, else (result or None, why not).

    Every decision about p* reads this: the premise "m_t → 0", the limit's basin masses (Lemmas
    3.3-3.5, B.4) and the plateau checks (Prop. 3.4, Theorem 3.6, Corollary 3.8).  The support is certified when the solver's KKT
    certificate HOLDS and the maximiser is unique: on the exact path every condition was decided in
    rational arithmetic; on the interval path W* < 1 was certified off the support over the certified
    Z* box (so p* vanishes there) and the enclosure of p* on the support is positive (so p* charges
    every atom of it), which the solver records as ``support_certified``.  The solver's exact path
    for log-form rewards (a single reward vector on supp(p_0)) is re-verified independently by
    :func:`_point_limit_verified`.
    """
    try:
        res = _solved_limit(landscape)
    except SolverError as exc:
        return None, f"the limit solver failed: {exc}"
    except ZeroDivisionError as exc:  # a solver defect, reported rather than trusted
        return None, f"the limit solver raised ZeroDivisionError ({exc}); no certified limit"
    cert = res.certificate
    if cert.verdict is not Verdict.HOLDS:
        return res, f"the limit's KKT certificate is {cert.verdict.value}: {cert.reason}"
    if not res.unique:
        return res, "the limit solver did not certify a unique maximiser"
    if not res.exact and not cert.evidence.get("support_certified"):
        return res, "the limit's support is not certified"
    if res.exact and landscape.rewards is not None and not _point_limit_verified(landscape, res):
        return res, "the solver's exact certificate for log-form rewards could not be re-verified here"
    return res, None
