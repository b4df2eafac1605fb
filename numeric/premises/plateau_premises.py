r"""Premises of the plateau statements ([FALA26] B.2, B.3, B.5, B.6, and "m_t -> 0"), decided on a setup,
and the helpers their conclusion checks share (scaled values ρ_i, the outside atoms, evidence text).

Definitions and conventions
---------------------------
A setup is a two-reward :class:`~pluralnash.numeric.Landscape` with a basin width ε; q = weights[0].
Scaled values ρ_i(x) = w_i(x) / max w_i = e^{r_i(x) - r_i^*} (W is unchanged by this scaling).  On a
plateau setup (B.6) the scaled values are (1, k_2) on S_{1,ε} and (k_1, 1) on S_{2,ε}, k_i = e^{-Δ_i}.
The limit p_∞ is the large-K limit from p_0 (certified by the limit solver); a_∞ = p_∞(S_{1,ε}).

Every check returns a :class:`~pluralnash.theory.CheckResult`; HOLDS/FAILS are certified only when
exact rational or interval arithmetic decided them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath

from pluralnash.numeric.arith.format import midpoint_text, number_text
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec, sign_of
from pluralnash.numeric.engines.dynamics import evaluate_curated_update
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.premises.basin_premises import basin_parts
from pluralnash.numeric.engines import certified_large_k_limit
from pluralnash.numeric.premises.constants import _constants
from pluralnash.numeric.premises.run_premises import check_outside_mass_vanishes
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "PLATEAU_PREC",
    "approx_float",
    "basin_problem",
    "check_b5",
    "check_limit_keeps_both_basins",
    "check_limit_no_outside_mass",
    "check_outside_domination_hard_limit",
    "check_plateau",
    "check_two_basins",
    "evidence_text",
    "large_k_round",
    "log_scaled_value",
    "margin_text",
    "measure_b5",
    "outside_atoms",
    "plateau_values",
    "require_landscape",
    "scaled_value",
]

PLATEAU_PREC = 256


# ----------------------------------------------------------------------------------------------
# helpers


def evidence_text(x, digits: int = 12, *, max_den: int = 10**12) -> str:
    """Evidence text: a Fraction exactly while its denominator is below ``max_den``, else ``digits``
    significant digits (an interval by its midpoint, an mpf as it is)."""
    if isinstance(x, iv.mpf):
        return midpoint_text(x, digits, digits + 5)
    return number_text(x, digits, max_den=max_den)


def require_landscape(landscape: Any) -> Landscape:
    if not isinstance(landscape, Landscape):
        raise InvalidArgument(f"landscape={landscape!r} must be a Landscape; build one with Landscape(...)")
    return landscape


def basin_problem(L: Landscape) -> str | None:
    """Why the setup has no two usable basins (None when it has them)."""
    if L.m != 2:
        return f"needs m = 2 rewards (the setup has {L.m})"
    if not L.has_eps:
        return "needs a basin width: give eps= or exp_eps="
    b1, b2 = L.basins()
    if set(b1) & set(b2):
        return f"the basins S_1 and S_2 intersect at atoms {sorted(set(b1) & set(b2))} (B.3 fails)"
    return None


def outside_atoms(L: Landscape) -> list[int]:
    b1, b2 = L.basins()
    inside = set(b1) | set(b2)
    return [x for x in range(L.n) if x not in inside]


def scaled_value(L: Landscape, i: int, x: int):
    r"""ρ_i(x) = w_i(x) / max w_i: a Fraction (exp form) or an interval (log form)."""
    if L.exp_rewards is not None:
        row = L.exp_rewards[i]
        return row[x] / max(row)
    row = L.rewards[i]
    gap = max(row) - row[x]
    return Fraction(1) if gap == 0 else iv.exp(-iv_frac(gap))


def log_scaled_value(L: Landscape, i: int, x: int):
    r"""r_i(x) - r_i^*: an exact Fraction (log form) or an interval (exp form); 0 exactly at the max."""
    if L.rewards is not None:
        row = L.rewards[i]
        return row[x] - max(row)
    row = L.exp_rewards[i]
    v = row[x] / max(row)
    return Fraction(0) if v == 1 else iv.log(iv_frac(v))


def approx_float(x) -> float:
    if isinstance(x, Fraction):
        return float(x)
    return float(mpmath.mpf(x.mid))


def margin_text(x) -> str:
    """A decimal string for ``evidence["margin"]`` (read with float() by the search)."""
    return f"{approx_float(x):.8g}"


# ----------------------------------------------------------------------------------------------
# premises


def check_two_basins(landscape: Landscape) -> CheckResult:
    r"""Premises B.2 and B.3: m = 2, a basin width, S_{1,ε} ∩ S_{2,ε} = ∅ and p_0(S_{i,ε}) > 0 (exact)."""
    L = require_landscape(landscape)
    name = "two disjoint basins with p0 mass (B.2, B.3)"
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.FAILS, "exact", {}, why)
    ev, _, empty = basin_parts(L)  # the same computation as Assumption 2.1(ii)
    if empty:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"p0(S_{empty}) = 0 (B.2 fails)")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def plateau_values(L: Landscape) -> tuple[dict[str, Any] | None, str | None, dict]:
    """The plateau constants (k_i exact, or Δ_i exact) or the first atom that breaks B.6."""
    why = basin_problem(L)
    if why:
        return None, why, {}
    b1, b2 = L.basins()
    src = L.exp_rewards if L.exp_rewards is not None else L.rewards
    tops = [max(row) for row in src]
    ev: dict[str, Any] = {"S_1": list(b1), "S_2": list(b2),
                          ("max w" if L.exp_rewards is not None else "U"): [str(t) for t in tops]}
    cross = []
    for own, basin in ((0, b1), (1, b2)):
        other = 1 - own
        for x in basin:
            if src[own][x] != tops[own]:
                return None, (f"atom {x} in S_{own + 1} has r_{own + 1} below its maximum "
                              f"({src[own][x]} vs {tops[own]}); B.6 needs r_{own + 1} = U_{own + 1} on S_{own + 1}"), ev
        values = {src[other][x] for x in basin}
        if len(values) > 1:
            xs = sorted(basin, key=lambda x: src[other][x])
            return None, (f"r_{other + 1} is not constant on S_{own + 1}: atoms {xs[0]} and {xs[-1]} differ "
                          f"({src[other][xs[0]]} vs {src[other][xs[-1]]}); B.6 needs r_{other + 1} = "
                          f"U_{other + 1} - Delta_{other + 1} there"), ev
        cross.append(values.pop())
    # cross[0] is r_2 (or w_2) on S_1, cross[1] is r_1 (or w_1) on S_2
    if L.exp_rewards is not None:
        k = (cross[1] / tops[0], cross[0] / tops[1])  # (k_1, k_2)
        ev["k = e^-Delta"] = [str(v) for v in k]
        with iv_workprec(64):
            ev["Delta"] = [evidence_text(-iv.log(iv_frac(v)), 8) for v in k]
        return {"k": k}, None, ev
    D = (tops[0] - cross[1], tops[1] - cross[0])
    ev["Delta"] = [str(v) for v in D]
    return {"Delta": D}, None, ev


def check_plateau(landscape: Landscape) -> CheckResult:
    r"""Premise B.6 (plateau basins), with B.3: on S_{1,ε}, r_1 ≡ U_1 and r_2 ≡ U_2 - Δ_2; on S_{2,ε},
    r_1 ≡ U_1 - Δ_1 and r_2 ≡ U_2 (decided exactly; U_i = max r_i, Δ_i measured).

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1", "1/5"], ["1/3", "1/3", "1"]], exp_eps="1/2")
    >>> r = check_plateau(L)
    >>> r.verdict, r.evidence["k = e^-Delta"]
    (Verdict.HOLDS, ['1/5', '1/3'])
    """
    L = require_landscape(landscape)
    values, why, ev = plateau_values(L)
    name = "plateau basins (B.6)"
    if values is None:
        return CheckResult(name, Verdict.FAILS, "exact", ev, why)
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def measure_b5(landscape: Landscape, *, prec: int = PLATEAU_PREC) -> dict[str, Any]:
    r"""The sharpest constants of B.5: Δ_1 = ε + min_{x∈S_2}(r_1^* - r_1(x)) and
    Δ_2 = ε + min_{x∈S_1}(r_2^* - r_2(x)) (the largest Δ_i for which B.5 holds).

    Returns
    -------
    dict
        ``"eps"``, ``"Delta"`` (two values) and ``"Delta-2eps"`` (two values): exact Fractions when
        the setup's form keeps them rational (log form with ``eps``), intervals at ``prec`` bits
        otherwise; ``"cross_ratio"``: max ρ_i over the other basin (exp form, exact).

    These are the sharpest constants of Assumption 2.1(iii) plus ε, read from
    :func:`~pluralnash.numeric.premises.constants.measure_basin_constants` (B.5 carries an extra ε).
    """
    L = require_landscape(landscape)
    why = basin_problem(L)
    if why:
        raise InvalidArgument(f"landscape has no two disjoint basins: {why}")
    c = _constants(L)
    with iv_workprec(prec):
        def value(r):
            return r.exact if r.is_exact else r.iv()
        out: dict[str, Any] = {"eps": value(c.eps), "Delta": [value(g + c.eps) for g in c.gaps],
                               "Delta-2eps": [value(g - c.eps) for g in c.gaps]}
    if L.exp_rewards is not None:
        out["cross_ratio"] = [eg.exact for eg in c.exp_gaps]
    return out


def check_b5(landscape: Landscape, *, prec: int = PLATEAU_PREC) -> CheckResult:
    r"""Premise B.5 (cross-basin separation) with its sharpest constants Δ_1, Δ_2 measured.

    B.5 holds for every Δ_i up to the measured one; the check reports them and needs Δ_i > 0.
    """
    L = require_landscape(landscape)
    name = "cross-basin separation (B.5)"
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.FAILS, "exact", {}, why)
    with iv_workprec(prec):
        m = measure_b5(L, prec=prec)
        ev = {"Delta": [evidence_text(d) for d in m["Delta"]], "Delta - 2 eps": [evidence_text(d) for d in m["Delta-2eps"]],
              "eps": evidence_text(m["eps"])}
        method = "exact" if all(isinstance(d, Fraction) for d in m["Delta"]) else "interval"
        signs = [sign_of(d) for d in m["Delta"]]
    if any(s is None for s in signs):
        return CheckResult(name, Verdict.UNDECIDED, method, ev, "a measured Delta_i is too close to 0 to sign")
    if any(s <= 0 for s in signs):
        return CheckResult(name, Verdict.FAILS, method, ev, "a measured Delta_i is <= 0")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def check_outside_domination_hard_limit(landscape: Landscape, *, prec: int = PLATEAU_PREC) -> CheckResult:
    r"""Premise "m_t -> 0 along the hard-separation family": ρ_1(x) + ρ_2(x) < 1 for every outside
    atom x of supp p_0.

    This is B.4 read at t -> ∞ and Δ_i -> ∞: there Z_1/max w_1 -> q and Z_2/max w_2 -> 1 - q, so the
    outside weight q ρ_1/Z̃_1 + (1-q) ρ_2/Z̃_2 tends to ρ_1 + ρ_2; B.4 holding uniformly along the
    family implies it.  Conversely it keeps every outside atom out of the limit at every gap inside
    the window (W(o) = u_1 ρ_1 + u_2 ρ_2 < ρ_1 + ρ_2, ``derive_plateau_limit``).  Exact in exp form.
    """
    L = require_landscape(landscape)
    name = "outside atoms dominated in the hard-separation limit (rho_1 + rho_2 < 1 off S_eps)"
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.FAILS, "exact", {}, why)
    method = "exact" if L.exp_rewards is not None else "interval"
    worst, worst_x, undecided = None, None, []
    with iv_workprec(prec):
        for x in outside_atoms(L):
            if L.p0[x] == 0:
                continue
            s = scaled_value(L, 0, x) + scaled_value(L, 1, x)
            slack = 1 - s
            sg = sign_of(slack)
            if sg is None:
                undecided.append(x)
                continue
            if worst is None or approx_float(slack) < approx_float(worst):
                worst, worst_x = slack, x
        ev: dict[str, Any] = {"outside_atoms": [x for x in outside_atoms(L) if L.p0[x] > 0]}
        if worst is not None:
            ev.update({"atom": worst_x, "min 1 - (rho_1 + rho_2)": evidence_text(worst), "margin": margin_text(worst)})
    if worst is not None and sign_of(worst) <= 0:
        return CheckResult(name, Verdict.FAILS, method, ev,
                           f"outside atom {worst_x} has rho_1 + rho_2 >= 1: a compromise that the hard-separation "
                           f"limit can keep")
    if undecided:
        return CheckResult(name, Verdict.UNDECIDED, method, ev, f"rho_1 + rho_2 too close to 1 at atoms {undecided}")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def _limit_or_result(L: Landscape, name: str):
    """(certified limit, its method), or the FAILS/UNDECIDED result saying why there is none."""
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.FAILS, "exact", {}, why)
    res, why = certified_large_k_limit(L)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, why)
    return res, ("exact" if res.exact else "interval")


def check_limit_no_outside_mass(landscape: Landscape) -> CheckResult:
    r"""Premise m_t -> 0 (Theorem 3.6's "Theorem 3.3", read as Lemma 3.3 / B.4's conclusion) on a setup
    with two disjoint basins, decided from the certified support of the large-K limit p_∞:
    p_∞(X ∖ S_ε) = 0.

    Two usable basins (m = 2, ε, S_1 ∩ S_2 = ∅) belong to the setting of Theorem 3.6 and are checked
    first; the decision itself is :func:`~pluralnash.numeric.premises.run_premises.check_outside_mass_vanishes`
    (the one rule for "m_t -> 0"), reported under this premise's name."""
    L = require_landscape(landscape)
    name = "m_t -> 0 (the large-K limit has no outside mass)"
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.FAILS, "exact", {}, why)
    return check_outside_mass_vanishes(L, name=name)


def check_limit_keeps_both_basins(landscape: Landscape) -> CheckResult:
    r"""Premise a_∞ ∈ (0, 1), decided from the certified support of the large-K limit."""
    L = require_landscape(landscape)
    name = "a_inf in (0, 1)"
    got = _limit_or_result(L, name)
    if isinstance(got, CheckResult):
        return got
    res, method = got
    b1, _ = L.basins()
    in_s1 = [x for x in res.support if x in b1]
    ev: dict[str, Any] = {"limit_support": list(res.support)}
    if res.exact:
        ev["a_inf"] = str(sum((res.p[x] for x in b1), Fraction(0)))
    if not in_s1:
        return CheckResult(name, Verdict.FAILS, method, ev, "a_inf = 0: the limit has no mass on S_1")
    if len(in_s1) == len(res.support):
        return CheckResult(name, Verdict.FAILS, method, ev, "a_inf = 1: the limit lives on S_1")
    return CheckResult(name, Verdict.HOLDS, method, ev)


def large_k_round(L: Landscape, p):
    """One exact large-K round from ``p``, whatever K the setup gives (the plateau statements are large-K)."""
    return evaluate_curated_update(L if L.K is None else L.replace(K=None), p)
