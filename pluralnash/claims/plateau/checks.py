r"""Conclusion checks of the plateau, variance and Nash-limit statements ([FALA26] Prop. 3.4,
Theorem 3.6, Corollary 3.8); their premises are in :mod:`pluralnash.numeric.premises.plateau_premises`.

Definitions and conventions
---------------------------
A setup is a two-reward :class:`~pluralnash.numeric.Landscape` with a basin width ε; P_i is p_0
conditioned on S_{i,ε}; q = weights[0].  Scaled values ρ_i(x) = w_i(x) / max w_i = e^{r_i(x) - r_i^*}
(W is unchanged by this scaling).  On a plateau setup (B.6) the scaled values are (1, k_2) on
S_{1,ε} and (k_1, 1) on S_{2,ε}, k_i = e^{-Δ_i}.

*Limit of the dynamics.*  p_∞ is the large-K limit from p_0, solved by
:func:`~pluralnash.numeric.solve_limit` (the maximiser of F = Σ q_i log Z_i on supp p_0, with a
KKT certificate); a_∞ = p_∞(S_{1,ε}); "m_t -> 0" is decided from the certified support of p_∞.

*Hard-separation limit.*  Δ_1, Δ_2 -> ∞ with q, P_1, P_2, ε and the outside atoms fixed, i.e. the
plateau cross values k_i -> 0; "the dynamics reach p_c" reads lim_{k->0} lim_{t->∞} p_t = p_c with
p_c = c P_1 + (1 - c) P_2.  It is decided through the k = 0 problem F_0 (cross values 0):

- if some atom of supp p_0 has W_0(x) > 1 at p_c (or F_0(p_c) = -∞), a certified p' has
  F_0(p') > F_0(p_c); since F_k >= F_0 (cross values only add) and F_k(p_∞(k)) >= F_k(p'), while
  F_k(p_∞(k)) -> F_0(p_c) if p_∞(k) -> p_c (continuity of log(z + k) at k = 0, also when z -> 0),
  p_∞(k) cannot tend to p_c: FAILS;
- if W_0 <= 1 on supp p_0 with W_0 < 1 off the basins, p_c is the unique maximiser of F_0 with the
  plateau conditionals, and the maximisers p_∞(k) of F_k converge to it (F_k -> F_0 uniformly where
  Z_i stays away from 0): HOLDS;
- a tie W_0(x) = 1 at an outside atom: UNDECIDED (F_0 has several maximisers).

The same k -> 0 limit is also followed along the family k_i / 10^j (j = 0..``family``): the solver's
exact a_∞ there is compared with the derived formula a_∞(q, k_1, k_2) of
:func:`~pluralnash.theory._plateau.derive_plateau_limit` (a disagreement makes the check UNDECIDED).

Every check returns a :class:`~pluralnash.theory.CheckResult`; HOLDS/FAILS are certified only when
exact rational or interval arithmetic decided them.  Each check takes the statement's formula as a
parameter, so a planted false variant runs through the same machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import mpmath

from pluralnash.claims.core.checks import check_theorem_3_7, nash_maximiser
from pluralnash.numeric.engines.basin_utilities import basin_conditionals
from pluralnash.numeric.premises import (
    PLATEAU_PREC,
    approx_float,
    basin_parts,
    basin_problem,
    evidence_text,
    large_k_round,
    log_scaled_value,
    margin_text,
    measure_b5,
    outside_atoms,
    plateau_values,
    require_landscape,
    scaled_value,
)
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec, sign_of
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.engines import as_interval, certified_large_k_limit
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "check_basin_conditionals",
    "check_hard_separation_limit",
    "check_prop_3_4",
    "check_corollary_3_8",
    "check_theorem_3_6",
    "hard_separation_endpoint",
    "separation_bound",
    "separation_term",
]


# ----------------------------------------------------------------------------------------------
# Proposition 3.4 (i): the basin conditionals stay P_i


def check_basin_conditionals(landscape: Landscape, *, steps: int = 4) -> CheckResult:
    r"""Decide p_t(·|S_{i,ε}) = p_0(·|S_{i,ε}) for t = 1..``steps`` of the exact large-K dynamics.

    The statement is for every t; the symbolic certificate (``derive_plateau_recursion``) proves the
    induction step, and this check decides the horizon exactly.  The setup's ``K`` is ignored:
    Proposition 3.4 is a large-K statement.
    """
    L = require_landscape(landscape)
    check_int(steps, "steps", low=1, example="steps=4")
    name = f"p_t(.|S_i) = P_i for t = 1..{steps}"
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, why)
    if not L.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards for exact steps")
    _, _, empty = basin_parts(L)
    if empty:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {},
                           f"p0(S_{empty}) = 0 (B.2 fails): P_{empty} is undefined")
    P = basin_conditionals(L)
    b = L.basins()
    p = list(L.p0)
    for t in range(1, steps + 1):
        p = large_k_round(L, p)
        Pt = basin_conditionals(L, p)
        for j in range(2):
            for x in b[j]:
                if Pt[j][x] != P[j][x]:
                    return CheckResult(name, Verdict.FAILS, "exact", {
                        "t": t, "basin": j + 1, "atom": x, "P_i(x)": str(P[j][x]), "p_t(x|S_i)": str(Pt[j][x]),
                    }, f"at t = {t}, p_t(x{x} | S_{j + 1}) = {evidence_text(Pt[j][x])} differs from P_{j + 1}(x{x}) = "
                       f"{evidence_text(P[j][x])}")
    return CheckResult(name, Verdict.HOLDS, "exact", {"steps": steps, "basins": [list(v) for v in b]})


# ----------------------------------------------------------------------------------------------
# Proposition 3.4 (ii) / Corollary 3.8: the hard-separation limit


def hard_separation_endpoint(q: Fraction) -> Fraction:
    r"""[FALA26] Prop. 3.4's endpoint: in the hard-separation limit the dynamics reach p_q, a = q."""
    return q


def _log_F0(q: Fraction, Z: Sequence):
    terms = [iv_frac(qi) * iv.log(as_interval(z)) for qi, z in zip((q, 1 - q), Z) if qi]
    return sum(terms[1:], terms[0])


def check_hard_separation_limit(landscape: Landscape, *, endpoint: Callable[[Fraction], Fraction] = hard_separation_endpoint,
                                gap: str = "hard", family: int = 2, prec: int = PLATEAU_PREC) -> CheckResult:
    r"""Decide "the large-K dynamics reach p_c, c = ``endpoint(q)``" on a plateau setup.

    Parameters
    ----------
    endpoint : callable
        q -> c (the statement's claim; default c = q).
    gap : {"hard", "finite"}
        ``"hard"``: in the hard-separation limit k_i -> 0 (see the module docstring for how it is
        decided).  ``"finite"``: at the setup's own gaps, p_∞ = p_c exactly (a planted variant).
    family : int
        Members k_i / 10^j, j = 0..family, solved exactly and compared with the derived formula
        (exp form only; evidence and a consistency check).
    """
    L = require_landscape(landscape)
    if gap not in ("hard", "finite"):
        raise InvalidArgument(f"gap={gap!r} must be 'hard' or 'finite'")
    check_int(family, "family", low=0, high=12, example="family=3")
    q = L.weights[0] if L.m == 2 else None
    cname = getattr(endpoint, "__name__", "endpoint")
    name = (f"lim_(Delta->inf) lim_t p_t = p_c, c = {cname}(q)" if gap == "hard"
            else f"lim_t p_t = p_c at the setup's gaps, c = {cname}(q)")
    values, why, pev = plateau_values(L)
    if values is None:
        return CheckResult(name, Verdict.UNDECIDED, "exact", pev, f"needs plateau basins (B.6): {why}")
    b1, b2 = L.basins()
    try:
        P1, P2 = basin_conditionals(L)
    except InvalidArgument as exc:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, str(exc))
    c = Fraction(endpoint(q))
    ev: dict[str, Any] = {"q": str(q), "c": str(c)}
    if not 0 <= c <= 1:
        return CheckResult(name, Verdict.FAILS, "exact", ev, f"c = {c} is outside [0, 1]: p_c is not a distribution")
    p_c = [c * u + (1 - c) * v for u, v in zip(P1, P2)]
    if gap == "finite":
        return _finite_gap(L, name, ev, p_c, c, values)
    res = _k0_kkt(L, name, ev, q, c, p_c, prec)
    if res.verdict is not Verdict.FAILS and family and L.is_exact:
        clash = _family(L, q, c, values, family, res.evidence)
        if clash:
            return CheckResult(name, Verdict.UNDECIDED, res.method, res.evidence, clash)
    return res


def _finite_gap(L, name, ev, p_c, c, values) -> CheckResult:
    res, why = certified_large_k_limit(L)
    if why or not res.exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, why or "the limit is not exact here")
    b1, _ = L.basins()
    a_inf = sum((res.p[x] for x in b1), Fraction(0))
    ev["a_inf"] = str(a_inf)
    if "k" in values and not [x for x in res.support if x in set(outside_atoms(L))]:
        from pluralnash.theory._plateau import plateau_limit_value

        formula = Fraction(plateau_limit_value(L.weights[0], *values["k"]))
        ev["a_inf (derived formula)"] = str(formula)
        if formula != a_inf:
            return CheckResult(name, Verdict.UNDECIDED, "exact", ev,
                               "the derived formula a_inf(q, k_1, k_2) disagrees with the solver")
    for x in range(L.n):
        if res.p[x] != p_c[x]:
            ev.update({"atom": x, "p_inf(x)": str(res.p[x]), "p_c(x)": str(p_c[x])})
            return CheckResult(name, Verdict.FAILS, "exact", ev,
                               f"at the setup's gaps a_inf = {evidence_text(a_inf)}, not c = {evidence_text(c)} "
                               f"(p_inf(x{x}) = {evidence_text(res.p[x])} vs p_c(x{x}) = {evidence_text(p_c[x])})")
    return CheckResult(name, Verdict.HOLDS, "exact", ev)


def _k0_kkt(L, name, ev, q, c, p_c, prec) -> CheckResult:
    r"""KKT of F_0 (cross values 0) at p_c, exactly (exp form) or with intervals (log form)."""
    b1, b2 = L.basins()
    support = [x for x in range(L.n) if L.p0[x] > 0]
    outside = [x for x in outside_atoms(L) if L.p0[x] > 0]
    method = "exact" if L.exp_rewards is not None else "interval"
    Z = (c, 1 - c)  # Z_i^0(p_c) / max w_i: own basin values 1, cross values 0, no outside mass
    with iv_workprec(prec):
        for i, qi in enumerate((q, 1 - q)):
            if qi and Z[i] == 0:
                # F_0(p_c) = -infinity while F_0(p_{1/2}) is finite
                ev.update({"reward": i + 1, "F_0(p_c)": "-inf", "better": "p_(1/2)"})
                return CheckResult(name, Verdict.FAILS, "exact", ev,
                                   f"Z_{i + 1} = 0 at p_c in the hard-separation limit (F_0(p_c) = -inf), so the "
                                   f"limits of the dynamics, whose F stays above F_0(p_(1/2)), cannot approach p_c")

        def W0(x):
            if x in b1:
                rho = (Fraction(1), Fraction(0))
            elif x in b2:
                rho = (Fraction(0), Fraction(1))
            else:
                rho = (scaled_value(L, 0, x), scaled_value(L, 1, x))
            terms = [qi / z * r if isinstance(r, Fraction) else iv_frac(qi / z) * r
                     for qi, r, z in zip((q, 1 - q), rho, Z) if qi]
            if all(isinstance(t, Fraction) for t in terms):
                return sum(terms, Fraction(0))
            return sum((as_interval(t) for t in terms), iv.mpf(0))

        worst_x, worst = None, None
        slacks, ties, undecided = [], [], []
        for x in support:
            w = W0(x)
            s = sign_of(w - 1)
            if s is None:
                undecided.append(x)
                continue
            if s > 0 and (worst is None or approx_float(w) > approx_float(worst)):
                worst_x, worst = x, w
            if x in outside:
                if s == 0:
                    ties.append(x)
                elif s < 0:
                    slacks.append(1 - w)
        if worst is not None:
            where = "S_1" if worst_x in b1 else "S_2" if worst_x in b2 else f"outside atom {worst_x}"
            ev.update({"atom": worst_x, "W_0(atom) at p_c": evidence_text(worst)})
            P1, P2 = basin_conditionals(L)
            target = P1 if worst_x in b1 else P2 if worst_x in b2 else [Fraction(int(y == worst_x)) for y in range(L.n)]
            witness = _better_point(L, q, p_c, target, prec)
            if witness is not None:
                ev.update(witness)
            return CheckResult(name, Verdict.FAILS, method, ev,
                               f"in the hard-separation limit p_c is not the maximiser of F: W_0 = {evidence_text(worst)} > 1 on "
                               f"{where}, so moving mass there raises F_0, and the limits of the dynamics stay away "
                               f"from p_c")
        if undecided:
            return CheckResult(name, Verdict.UNDECIDED, "interval", ev, f"W_0 too close to 1 at atoms {undecided}")
        if ties:
            ev["ties"] = ties
            return CheckResult(name, Verdict.UNDECIDED, method, ev,
                               f"W_0 = 1 at outside atoms {ties}: F_0 has several maximisers, so the k = 0 problem "
                               f"does not determine the hard-separation limit")
        if slacks:
            least = min(slacks, key=approx_float)
            ev["min outside slack 1 - W_0"] = evidence_text(least)
            ev["margin"] = margin_text(least)
    return CheckResult(name, Verdict.HOLDS, method, ev)


def _better_point(L, q, p_c, target, prec) -> dict | None:
    r"""θ with F_0((1-θ) p_c + θ target) > F_0(p_c), certified by intervals."""
    b1, b2 = L.basins()

    def Z0(p):
        z = []
        for i, own in ((0, b1), (1, b2)):
            acc = iv.mpf(0)
            for x in range(L.n):
                if not p[x]:
                    continue
                if x in own:
                    acc += iv_frac(p[x])
                elif x not in b1 and x not in b2:
                    acc += iv_frac(p[x]) * as_interval(scaled_value(L, i, x))
            z.append(acc)
        return z

    with iv_workprec(prec):
        base = _log_F0(q, Z0(p_c))
        theta = Fraction(1, 2)
        for _ in range(60):
            p = [(1 - theta) * u + theta * v for u, v in zip(p_c, target)]
            diff = _log_F0(q, Z0(p)) - base
            if diff.a > 0:
                return {"theta": str(theta), "F_0(better) - F_0(p_c) >=": mpmath.nstr(mpmath.mpf(diff.a), 6)}
            theta /= 2
    return None


def _family(L, q, c, values, family, evidence) -> str | None:
    r"""Solve the members k_i / 10^j exactly; return why they contradict the derivation, if they do."""
    from pluralnash.theory._plateau import plateau_limit_value

    b1, b2 = L.basins()
    k1, k2 = values["k"]
    rows = [list(r) for r in L.exp_rewards]
    top = [max(r) for r in rows]
    members = []
    for j in range(family + 1):
        scale = Fraction(1, 10 ** j)
        new = [list(r) for r in rows]
        for x in b2:
            new[0][x] = top[0] * k1 * scale
        for x in b1:
            new[1][x] = top[1] * k2 * scale
        M = L.replace(exp_rewards=new)
        res, why = certified_large_k_limit(M)
        if why or not res.exact:
            members.append({"k_scale": f"1e-{j}", "a_inf": None, "note": why or "not exact"})
            continue
        a_j = sum((res.p[x] for x in b1), Fraction(0))
        outside_mass = sum((res.p[x] for x in outside_atoms(L)), Fraction(0))
        row: dict[str, Any] = {"k_scale": f"1e-{j}", "a_inf": evidence_text(a_j), "|a_inf - c|": evidence_text(abs(a_j - c)),
                               "outside_mass": evidence_text(outside_mass)}
        if outside_mass == 0 and 0 < q < 1:
            formula = Fraction(plateau_limit_value(q, k1 * scale, k2 * scale))
            if formula != a_j:
                evidence["family"] = members + [row]
                return (f"at k/10^{j} the solver gives a_inf = {a_j} but the derived formula gives {formula}: "
                        f"the derivation or the solver is wrong")
        members.append(row)
    evidence["family"] = members
    return None


def check_prop_3_4(landscape: Landscape, *, endpoint: Callable[[Fraction], Fraction] = hard_separation_endpoint,
                   gap: str = "hard", steps: int = 4, family: int = 2, prec: int = PLATEAU_PREC) -> CheckResult:
    r"""[FALA26] Proposition 3.4 on one setup: (i) the basin conditionals stay P_i
    (:func:`check_basin_conditionals`), (ii) in the hard-separation limit the dynamics reach
    p_q = q P_1 + (1-q) P_2 (:func:`check_hard_separation_limit`).  FAILS names the failing part.

    Examples
    --------
    >>> L = Landscape(exp_rewards=[["1", "1", "1/5"], ["1/3", "1/3", "1"]], weights=["2/5", "3/5"],
    ...               p0=["1/4", "1/4", "1/2"], exp_eps="1/2")
    >>> check_prop_3_4(L).verdict
    Verdict.HOLDS
    >>> r = check_prop_3_4(L, gap="finite")
    >>> r.verdict, r.evidence["a_inf"]
    (Verdict.FAILS, '9/20')
    """
    part1 = check_basin_conditionals(landscape, steps=steps)
    part2 = check_hard_separation_limit(landscape, endpoint=endpoint, gap=gap, family=family, prec=prec)
    name = f"Prop 3.4: {part1.name}; {part2.name}"
    ev = {"conditionals": part1.to_json(), "limit": part2.to_json()}
    if "margin" in part2.evidence:
        ev["margin"] = part2.evidence["margin"]
    if "a_inf" in part2.evidence:
        ev["a_inf"] = part2.evidence["a_inf"]
    parts = ((part1, "(i) conditionals"), (part2, "(ii) limit"))
    return _joint(name, ev, parts, parts)


def check_corollary_3_8(landscape: Landscape, *, nash_point: Callable[[Fraction], Fraction] = nash_maximiser,
                        gap: str = "hard", family: int = 2, prec: int = PLATEAU_PREC) -> CheckResult:
    r"""[FALA26] Corollary 3.8 on one setup: the limit of the dynamics (hard-separation, plateau) is
    the Nash point p_{α*} of Theorem 3.7, α* = ``nash_point(q)``.

    Decides two things with the existing machinery: that α* maximises the weighted Nash product on
    this setup (:func:`~pluralnash.claims.core.checks.check_theorem_3_7`), and that the dynamics reach
    p_{α*} (:func:`check_hard_separation_limit` with c = α*).  FAILS if either certifiably fails.
    """
    L = require_landscape(landscape)
    nash = check_theorem_3_7(L, maximiser=nash_point, prec=prec)
    limit = check_hard_separation_limit(L, endpoint=nash_point, gap=gap, family=family, prec=prec)
    name = f"the {'hard-separation ' if gap == 'hard' else ''}limit of the dynamics is the Nash point"
    ev = {"nash_point": nash.to_json(), "limit": limit.to_json()}
    if "margin" in limit.evidence:
        ev["margin"] = limit.evidence["margin"]
    return _joint(name, ev, ((limit, "limit"), (nash, "Nash point")), ((nash, "Nash point"), (limit, "limit")))


def _joint(name: str, ev: dict, fails_first: Sequence, parts: Sequence) -> CheckResult:
    """One verdict from (result, label) parts: FAILS with the first certified failure in the order
    ``fails_first``; else UNDECIDED with the first of ``parts`` not certified to hold; else HOLDS."""
    for part, label in fails_first:
        if part.verdict is Verdict.FAILS and part.certified:
            return CheckResult(name, Verdict.FAILS, part.method, ev, f"{label}: {part.reason}")
    for part, label in parts:
        if part.verdict is not Verdict.HOLDS or not part.certified:
            return CheckResult(name, Verdict.UNDECIDED, part.method, ev, f"{label}: {part.reason}")
    method = "interval" if any(part.method == "interval" for part, _ in parts) else "exact"
    return CheckResult(name, Verdict.HOLDS, method, ev)


# ----------------------------------------------------------------------------------------------
# Theorem 3.6: variance preservation


def separation_term(Delta, eps):
    r"""max{Δ - 2ε, 0}² as an interval (Δ, ε intervals or Fractions)."""
    g = as_interval(Delta) - 2 * as_interval(eps)
    if g.a >= 0:
        return g * g
    if g.b <= 0:
        return iv.mpf(0)
    return iv.mpf([0, g.b * g.b])


def separation_bound(a: Fraction, Delta, eps):
    r"""[FALA26] Theorem 3.6's bound a_∞(1 - a_∞) max{Δ_i - 2ε, 0}² (``a`` exact; Δ_i, ε intervals
    or Fractions; returns an interval)."""
    return iv_frac(a * (1 - a)) * separation_term(Delta, eps)


def check_theorem_3_6(landscape: Landscape, *, bound: Callable = separation_bound, steps: int = 3,
                      prec: int = PLATEAU_PREC) -> CheckResult:
    r"""[FALA26] Theorem 3.6 on one setup, at its exact large-K limit p_∞.

    For each reward i, with μ_{i,j} = E_{p_{∞,j}}[r_i] and V_{i,j} the within-basin variances:

    1. Var_{p_∞}[r_i] >= a_∞(1-a_∞)(μ_{i,1} - μ_{i,2})² ("contains the inter-basin term"): when
       p_∞ has no outside mass the difference is a_∞ V_{i,1} + (1-a_∞) V_{i,2} (law of total
       variance, ``derive_total_variance``), >= 0 exactly; otherwise decided by intervals;
    2. Var_{p_∞}[r_i] >= ``bound(a_∞, Δ_i, ε)`` with the sharpest B.5 constants Δ_i
       (:func:`measure_b5`), Var computed directly over all atoms, decided by intervals;
    3. Var_{p_t}[r_i] -> Var_{p_∞}[r_i]: not decided here (it follows from p_t -> p_∞ by continuity);
       the evidence reports |Var_{p_T} - Var_{p_∞}| after ``steps`` exact steps.

    ``evidence["margin"]`` is the smallest relative slack (Var - bound) / Var over the rewards.
    """
    L = require_landscape(landscape)
    name = "Var_p_inf[r_i] >= inter-basin term and >= the separation bound"
    got = _interior_limit(L, name)
    if isinstance(got, CheckResult):
        return got
    limit = got
    failures, undecided, margins, per = [], [], [], []
    with iv_workprec(prec):
        b5 = measure_b5(L, prec=prec)
        for i in range(2):
            per.append(_variance_row(L, limit, i, bound, b5, failures, undecided, margins))
        limit.ev["rewards"] = per
        limit.ev["Var_p_T -> Var_p_inf"] = _variance_trend(L, limit.res.p, steps)
    ev = limit.ev
    if failures:
        ev["failing_reward"] = failures[0][0] + 1
        return CheckResult(name, Verdict.FAILS, "interval", ev, failures[0][1])
    if undecided:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "; ".join(undecided))
    if margins:
        ev["margin"] = f"{min(margins):.8g}"
    return CheckResult(name, Verdict.HOLDS, "interval", ev)


@dataclass
class _Limit:
    """The exact large-K limit of a Theorem 3.6 setup: p_∞ (``res``), a_∞, m_∞, the basin conditionals."""

    res: Any
    a_inf: Fraction
    m_inf: Fraction
    cond: list
    ev: dict


def _interior_limit(L: Landscape, name: str) -> _Limit | CheckResult:
    """The exact limit with a_∞ in (0, 1), or the UNDECIDED result saying why the theorem cannot be read."""
    why = basin_problem(L)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, why)
    if not L.is_exact:
        return CheckResult(name, Verdict.UNDECIDED, "exact", {}, "needs exp_rewards for an exact limit")
    res, why = certified_large_k_limit(L)
    if why or not res.exact:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, why or "the limit is not exact here")
    b1, b2 = L.basins()
    p = res.p
    a_inf = sum((p[x] for x in b1), Fraction(0))
    b_inf = sum((p[x] for x in b2), Fraction(0))
    m_inf = 1 - a_inf - b_inf
    ev: dict[str, Any] = {"a_inf": str(a_inf), "m_inf": str(m_inf), "limit_support": list(res.support)}
    if not 0 < a_inf < 1:
        return CheckResult(name, Verdict.UNDECIDED, "exact", ev, "a_inf is not in (0, 1): the theorem says nothing")
    cond = []
    for b, mass in ((b1, a_inf), (b2, b_inf)):
        cond.append({x: p[x] / mass for x in b if p[x]} if mass else {})
    return _Limit(res, a_inf, m_inf, cond, ev)


def _mean_var(p, r: dict, xs) -> tuple:
    """E_p[r] and Var_p[r] over the atoms ``xs`` (intervals; p exact)."""
    mean = sum((iv_frac(p[x]) * r[x] for x in xs), iv.mpf(0))
    return mean, sum((iv_frac(p[x]) * (r[x] - mean) ** 2 for x in xs), iv.mpf(0))


def _variance_row(L: Landscape, limit: _Limit, i: int, bound: Callable, b5: dict,
                  failures: list, undecided: list, margins: list) -> dict:
    """Theorem 3.6's two inequalities for reward i at p_∞; appends to ``failures``/``undecided``/``margins``."""
    res, a_inf = limit.res, limit.a_inf
    p = res.p
    r = {x: as_interval(log_scaled_value(L, i, x)) for x in res.support}
    _, var = _mean_var(p, r, res.support)
    mus, Vs, zero = [], [], []
    for cj in limit.cond:
        mu = sum((iv_frac(v) * r[x] for x, v in cj.items()), iv.mpf(0))
        mus.append(mu)
        Vs.append(sum((iv_frac(v) * (r[x] - mu) ** 2 for x, v in cj.items()), iv.mpf(0)))
        # V = 0 exactly when r_i takes one value on the basin's part of the support
        zero.append(len({L.exp_rewards[i][x] for x in cj}) <= 1)
    inter = iv_frac(a_inf * (1 - a_inf)) * (mus[0] - mus[1]) ** 2
    B = as_interval(bound(a_inf, b5["Delta"][i], b5["eps"]))
    row = {"reward": i + 1, "Var_p_inf": evidence_text(var), "inter-basin term": evidence_text(inter),
           "mu": [evidence_text(m) for m in mus], "V": ["0" if z else evidence_text(v) for z, v in zip(zero, Vs)],
           "Delta": evidence_text(b5["Delta"][i]), "bound": evidence_text(B)}
    # 1. Var contains the inter-basin term
    if limit.m_inf == 0:
        within_zero = all(zero)
        row["Var - inter"] = "0" if within_zero else evidence_text(iv_frac(a_inf) * Vs[0] + iv_frac(1 - a_inf) * Vs[1])
        contains = 1 if not within_zero else 0  # >= 0 by the law of total variance
    else:
        d = var - inter
        row["Var - inter"] = evidence_text(d)
        contains = 1 if d.a >= 0 else (-1 if d.b < 0 else None)
    if contains is None:
        undecided.append(f"reward {i + 1}: Var - inter-basin term too close to 0")
    elif contains < 0:
        failures.append((i, f"reward {i + 1}: Var_p_inf = {evidence_text(var)} < inter-basin term {evidence_text(inter)}"))
    # 2. the separation bound
    d = var - B
    row["Var - bound"] = evidence_text(d)
    if d.a >= 0:
        margins.append(approx_float(d) / max(approx_float(var), 1e-300))
    elif d.b < 0:
        failures.append((i, f"reward {i + 1}: Var_p_inf[r_{i + 1}] = {evidence_text(var)} < bound {evidence_text(B)} "
                            f"(a_inf = {evidence_text(a_inf)}, Delta_{i + 1} = {evidence_text(b5['Delta'][i])})"))
    else:
        undecided.append(f"reward {i + 1}: Var - bound too close to 0")
    return row


def _variance_trend(L: Landscape, p_inf, steps: int) -> dict:
    """|Var_{p_t}[r_i] - Var_{p_∞}[r_i]| at t = 0 and t = steps (evidence only)."""
    def var(p, i):
        xs = [x for x in range(L.n) if p[x]]
        return _mean_var(p, {x: as_interval(log_scaled_value(L, i, x)) for x in xs}, xs)[1]

    p = list(L.p0)
    out = {"t": [0, steps]}
    first = [var(p, i) for i in range(2)]
    for _ in range(steps):
        p = large_k_round(L, p)
    last = [var(p, i) for i in range(2)]
    lim = [var(p_inf, i) for i in range(2)]
    out["|Var_p_t - Var_p_inf|"] = [[evidence_text(abs(first[i] - lim[i]), 4), evidence_text(abs(last[i] - lim[i]), 4)] for i in range(2)]
    return out
