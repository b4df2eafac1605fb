r"""Premises of [FALA26] about the whole run of the large-K dynamics: Assumption B.4 and "m_t → 0",
and the limit's basin masses they read.

Statements about all t are decided from a certified run (:func:`scan_outside`, the engine
:mod:`pluralnash.numeric.engines.outside_scan`) and from the certified large-K limit p*
(:mod:`pluralnash.numeric.engines.certified_limit`): m_t → p*(X \ S_ε), which is zero exactly
when the limit's support lies in S_ε.  Definitions: :mod:`pluralnash.numeric.premises`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from pluralnash.numeric.arith.intervals import iv_workprec
from pluralnash.numeric.model.cache import per_setup
from pluralnash.numeric.engines import certified_large_k_limit, limit_group_enclosure
from pluralnash.numeric.engines import OutsideScan, at_least_one, run_outside_scan
from pluralnash.numeric.model.landscape import Landscape, to_fraction
from pluralnash.numeric.arith import Real, upper_end
from pluralnash.numeric.premises.constants import _constants, _not_applicable, setup_problem
from pluralnash.theory import CheckResult, InvalidArgument, Verdict

__all__ = [
    "OutsideScan",
    "scan_outside",
    "LimitMasses",
    "limit_basin_masses",
    "check_assumption_b4",
    "b4_rho",
    "check_outside_mass_vanishes",
    "mass_text",
]


@per_setup(maxsize=256)
def scan_outside(landscape: Landscape, *, horizon: int = 200, prec: int = 128,
                 exact_bits: int = 512) -> OutsideScan:
    r"""Run the large-K dynamics from p_0 and enclose m_t and W_t(x) off S_ε, with a certified tail.

    The run stops at ``horizon`` or earlier, at a checkpoint where every outside atom's tail
    enclosure is decided against 1 (entirely below or above) and, if the outside mass ever grows,
    that has been seen too.  Steps are exact while every p_t(x) has at most ``exact_bits`` bits
    (rational ``exp_rewards`` only), then interval steps.  Naive interval iteration of
    p' = p W(p) loses about one bit per step (p and Z_i = E_p[ŵ_i] are treated as independent, so
    relative widths double), so the working precision is ``prec + horizon + 16`` bits; the run also
    stops early, at the last step whose enclosures are narrow (relative width < 2^-32).
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1:
        raise InvalidArgument(f"horizon={horizon!r} must be a whole number >= 1; pass e.g. horizon=200")
    if isinstance(prec, bool) or not isinstance(prec, int) or prec < 53:
        raise InvalidArgument(f"prec={prec!r} must be a whole number of bits >= 53; pass e.g. prec=128")
    outside = _constants(landscape).outside
    # outside atoms in the certified limit's support have W_t(x) -> 1: their tails never fall below 1
    lm = limit_basin_masses(landscape)
    in_limit = set(lm.support) & set(outside) if lm.reason is None else set()
    return run_outside_scan(landscape, outside, in_limit, horizon=horizon, prec=prec, exact_bits=exact_bits)


def mass_text(v) -> str:
    """A mass as evidence text: exactly when it is a Fraction, else "~" and 12 digits of the interval's midpoint."""
    if isinstance(v, Fraction):
        return Real(v).text()
    with mpmath.workdps(20):
        return "~" + mpmath.nstr(mpmath.mpf(v.mid), 12)


def check_assumption_b4(landscape: Landscape, *, horizon: int = 200, prec: int = 128) -> CheckResult:
    r"""[FALA26] Assumption B.4, outside domination: there is ρ_ε ∈ (0, 1) with
    sup_{x ∉ S_ε} [q e^{r_1(x)}/Z_1(t) + (1-q) e^{r_2(x)}/Z_2(t)] <= ρ_ε for all t >= 0.

    Decided over the steps examined (t = 0..T, exactly or by intervals) and, for every t > T, by
    the certified tail enclosure of :func:`scan_outside`.  HOLDS reports the certified ρ_ε (the
    larger of the sup over the steps examined and the tail bound); FAILS names a step t (or
    "every t >= T") where some outside atom has W_t(x) >= 1; UNDECIDED says when the steps
    examined satisfy B.4 but the tail could not be certified within ``horizon``.
    """
    name = "Assumption B.4: sup_{x outside S_eps} W_t(x) <= rho < 1 for all t"
    problem = setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    scan = scan_outside(landscape, horizon=horizon, prec=prec)
    if not scan.outside:
        return CheckResult(name, Verdict.HOLDS, "exact", {"outside": [], "scope": "all t",
                                                           "note": "no atom outside S_eps: the sup is over an empty set"})
    ev: dict[str, Any] = {"outside": list(scan.outside), "steps_examined": scan.steps,
                          "exact_steps": min(scan.exact_steps, scan.steps)}
    his = []
    method = scan.method
    for t, row in enumerate(scan.W_out):
        for x, v in zip(scan.outside, row):
            big = at_least_one(v)
            if big:
                ev.update({"t": t, "atom": x, "W_t(x)": mass_text(v)})
                return CheckResult(name, Verdict.FAILS, "exact" if isinstance(v, Fraction) else "interval", ev,
                                   f"W_{t}(x) = {mass_text(v)} >= 1 at outside atom {x}, so no rho < 1 bounds it")
            his.append(v if isinstance(v, Fraction) else _finite(upper_end(v)))
    ev["sup_over_steps_examined"] = Real(_exact_max(his)).text()
    lm = limit_basin_masses(landscape)
    in_limit = sorted(set(lm.support) & set(scan.outside)) if lm.reason is None else []
    if in_limit:
        x = in_limit[0]
        ev.update({"atom": x, "limit_support": list(lm.support)})
        return CheckResult(name, Verdict.FAILS, lm.method, ev,
                           f"outside atom {x} carries mass in the certified limit, so W_t(x) -> W*(x) = 1 "
                           f"(KKT) and no rho < 1 bounds W_t(x) for all t")
    if scan.tail_from is None:
        return CheckResult(name, Verdict.UNDECIDED, method, ev,
                           f"B.4 holds for t <= {scan.steps}, but no tail bound for later t could be certified")
    ev["tail_from"] = scan.tail_from
    over = [x for x, (lo, hi) in scan.tail.items() if lo > 1]
    if over:
        x = over[0]
        ev.update({"atom": x, "W_t(x) for all t >= tail_from is at least": mpmath.nstr(scan.tail[x][0], 12)})
        return CheckResult(name, Verdict.FAILS, "interval", ev,
                           f"W_t(x) > 1 at outside atom {x} for every t >= {scan.tail_from}")
    tail_hi = max(hi for lo, hi in scan.tail.values())
    ev["tail_bound"] = mpmath.nstr(tail_hi, 12)
    if tail_hi >= 1:
        return CheckResult(name, Verdict.UNDECIDED, "interval", ev,
                           f"B.4 holds for t <= {scan.steps}; the tail bound for t >= {scan.tail_from} "
                           f"({mpmath.nstr(tail_hi, 6)}) does not certify sup < 1")
    ev["rho"] = b4_rho(landscape, horizon=horizon, prec=prec).text()
    ev["scope"] = "all t"
    return CheckResult(name, Verdict.HOLDS, "interval" if scan.tail_from is not None else method, ev)


def b4_rho(landscape: Landscape, *, horizon: int = 200, prec: int = 128) -> Real | None:
    r"""A certified valid B.4 constant ρ_ε (an exact rational upper bound of the sup over all t), or None.

    None when B.4 is not certified (see :func:`check_assumption_b4`) or there is no outside atom.
    """
    scan = scan_outside(landscape, horizon=horizon, prec=prec)
    if scan.tail_from is None or any(hi >= 1 for lo, hi in scan.tail.values()):
        return None
    if any(at_least_one(v) is not False for row in scan.W_out for v in row):
        return None
    if not scan.outside:
        return None
    his = [v if isinstance(v, Fraction) else upper_end(v) for row in scan.W_out for v in row]
    his += [hi for lo, hi in scan.tail.values()]
    return Real(_exact_max(his))


def _finite(end: mpmath.mpf) -> mpmath.mpf:
    """An interval's upper end, checked finite (an infinite one raises InvalidArgument, naming it)."""
    return end if mpmath.isfinite(end) else to_fraction(end, "W")


def _exact_max(values: list) -> Fraction:
    """The largest of Fractions and finite mpf bounds, exactly.

    mpf numbers are compared with each other exactly, and the largest is converted to a Fraction
    exactly (its endpoints are dyadic), so only one conversion is made instead of one per value.
    """
    fracs = [v for v in values if isinstance(v, Fraction)]
    ends = [v for v in values if not isinstance(v, Fraction)]
    if ends:
        fracs.append(to_fraction(max(ends), "bound"))
    return max(fracs)


@dataclass(frozen=True)
class LimitMasses:
    r"""Basin masses of the certified large-K limit p* (the limit of a_t, b_t, m_t).

    ``a``, ``b`` are p*(S_1), p*(S_2); ``overlap`` is p*(S_1 ∩ S_2); ``outside`` is
    p*(X \ S_ε) = lim m_t.  Each is a :class:`Real` (exact, or a fixed enclosure), or all are None
    with ``reason`` when the limit could not be certified.
    """

    a: Real | None
    b: Real | None
    overlap: Real | None
    outside: Real | None
    exact: bool
    support: tuple[int, ...]
    reason: str | None = None

    @property
    def method(self) -> str:
        return "exact" if self.exact else "interval"


@per_setup(maxsize=512)
def limit_basin_masses(landscape: Landscape) -> LimitMasses:
    r"""p*(S_1), p*(S_2), p*(S_1 ∩ S_2), p*(X \ S_ε) of the certified large-K limit from p_0.

    p_t → p*, the unique maximiser of F(p) = Σ_i q_i log E_p[e^{r_i}] on supp(p_0) (the toolkit's
    nash-limit claim), so these are the limits of a_t, b_t, a_t + b_t - (1 - m_t), m_t.  Exact when
    the solver's exact path applies, else enclosures from its certified Z* box.
    """
    problem = setup_problem(landscape)
    if problem:
        return LimitMasses(None, None, None, None, False, (), problem)
    res, why = certified_large_k_limit(landscape)
    if why:
        return LimitMasses(None, None, None, None, False, res.support if res is not None else (), why)
    c = _constants(landscape)
    S1, S2 = set(c.basins[0]), set(c.basins[1])
    out = set(c.outside)
    if res.exact:
        p = res.p

        def mass(atoms):
            return Real(sum((p[x] for x in atoms), Fraction(0)))
        return LimitMasses(mass(S1), mass(S2), mass(S1 & S2), mass(out), True, res.support)
    enc = limit_group_enclosure(landscape, res)
    if enc is None:
        return LimitMasses(None, None, None, None, False, res.support,
                           "the limit's masses could not be enclosed from the certified Z* box")

    def mass(atoms):
        live = [x for x in res.support if x in atoms]
        if not live:
            return Real(Fraction(0))  # off the certified support p* vanishes exactly
        if len(live) == len(res.support):
            return Real(Fraction(1))  # the whole certified support: p* sums to 1 exactly
        with iv_workprec(256):
            total = sum((enc[x] for x in live[1:]), enc[live[0]])
        return Real.of(total)
    return LimitMasses(mass(S1), mass(S2), mass(S1 & S2), mass(out), False, res.support)


def check_outside_mass_vanishes(landscape: Landscape, *,
                                name: str = "m_t -> 0 (limit support inside S_eps)") -> CheckResult:
    r"""The premise "m_t → 0", decided from the certified large-K limit: p*(X \ S_ε) = 0.

    m_t → p*(X \ S_ε) (p_t → p*, the nash-limit claim), and p* charges exactly the atoms of its
    support, so the premise holds exactly when no outside atom lies in the support.  The decision
    is therefore made on the *certified support* (:func:`certified_large_k_limit`): HOLDS when it lies in
    S_ε, FAILS when it contains an outside atom (p* > 0 there is part of the certificate), UNDECIDED
    when the support is not certified.  This is the one rule for "m_t → 0" (the plateau premise
    :func:`~pluralnash.claims._plateau_checks.check_limit_no_outside_mass` delegates here).  It
    is chosen over comparing an enclosure of p*(X \ S_ε) with 0: both are sound, but the enclosure
    is re-derived from the same certified Z* box with a widened radius, so it can fail to separate
    a mass from 0 that the certificate has already shown positive, and it adds nothing when the
    mass is 0 (off the support p* vanishes exactly).  The mass is still reported as evidence
    (``limit_outside_mass``) when it can be enclosed.

    ``name`` labels the result (the plateau premise reports under its own name).
    """
    problem = setup_problem(landscape)
    if problem:
        return _not_applicable(name, problem)
    res, why = certified_large_k_limit(landscape)
    if why:
        return CheckResult(name, Verdict.UNDECIDED, "interval", {}, why)
    method = "exact" if res.exact else "interval"
    outside = _constants(landscape).outside
    charged = sorted(set(res.support) & set(outside))
    ev: dict[str, Any] = {"limit_support": list(res.support), "outside_atoms": list(outside)}
    lm = limit_basin_masses(landscape)
    if lm.reason is None:
        ev["limit_outside_mass"] = lm.outside.text()
    if not charged:
        return CheckResult(name, Verdict.HOLDS, method, ev)
    ev["outside_atoms_in_limit"] = charged
    return CheckResult(name, Verdict.FAILS, method, ev,
                       f"the limit keeps mass on outside atoms {charged}: m_t -> "
                       f"{ev.get('limit_outside_mass', 'a positive mass')}, not 0")
