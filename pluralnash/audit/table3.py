r"""[FALA26] Table 3 (limit basin mass and its leakage interval), recomputed and audited.

Leakage constants: the sharpest Δ_i the geometry allows in Assumption 2.1(iii) is
Δ = min_{x ∈ S_{1,ε}} (r_2^* - r_2(x)) = β (D - ρ)² (the same for both basins by the symmetry
x ↦ -x), so κ = exp(-(β (D - ρ)² - 2ε)).  Lemma 3.4's interval is
[max{0, (q - κ_1)/(1 - κ_1)}, min{1, q/(1 - κ_2)}].  The printed numbers are audited in
:mod:`pluralnash.audit.printed`; here each a_T of the exact engine is compared with them.

Python spellings as in :mod:`pluralnash.audit.settings`; ``a_T`` = p_T(S_{1,ε}), ``m_T`` = mass
outside both basins.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import mpmath

from pluralnash.audit._text import _e, _s
from pluralnash.audit.paper_tables import TABLE3, TABLE3_SOURCE
from pluralnash.audit.printed import _audit_table3
from pluralnash.audit.results import Flag, TableResult, _method
from pluralnash.audit.runs import _ENC_PREC, EngineRuns, _comparison, _enc, _ends, _finite, selected_runs, timed
from pluralnash.audit.settings import DPS, Setting, _assumptions
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

__all__ = ["sharp_kappa", "leakage_interval", "reproduce_table3"]


def sharp_kappa(setting: Setting, D: int, dps: int = DPS):
    r"""κ = exp(-(β (D - ρ)² - 2ε)) for the geometry (mp value; ``None`` if Δ - 2ε <= 0)."""
    with mpmath.workdps(dps + 10):
        rho = mpmath.sqrt(mpmath.mpf(setting.eps.numerator) / setting.eps.denominator
                          / (mpmath.mpf(setting.beta.numerator) / setting.beta.denominator))
        beta = mpmath.mpf(setting.beta.numerator) / setting.beta.denominator
        eps = mpmath.mpf(setting.eps.numerator) / setting.eps.denominator
        gap = beta * (D - rho) ** 2 - 2 * eps
        if gap <= 0:
            return None
        return mpmath.exp(-gap)


def leakage_interval(q, kappa):
    r"""Lemma 3.4: (max{0, (q - κ)/(1 - κ)}, min{1, q/(1 - κ)}); vacuous (0, 1) without κ < 1."""
    if kappa is None or kappa >= 1:
        return (0 * q, 0 * q + 1)
    lo = (q - kappa) / (1 - kappa)
    hi = q / (1 - kappa)
    return (lo if lo > 0 else 0 * q, hi if hi < 1 else 0 * q + 1)


@dataclass(frozen=True)
class Table3Cell:
    """One computed cell: Lemma 3.4's interval at the sharp κ, a_T and m_T (mp values), and the match."""

    setting: str
    D: int
    q: str
    lower: Any
    a: Any
    upper: Any
    m: Any
    matches: bool


def _interval_at(q: Fraction, kappa) -> tuple:
    """Lemma 3.4's interval at q and κ, at ``DPS`` digits."""
    with mpmath.workdps(DPS):
        return leakage_interval(mpmath.mpf(q.numerator) / q.denominator, kappa)


@timed
def reproduce_table3(settings: Sequence[str] | None = None, map_fn=None, *,
                     runs: EngineRuns | None = None) -> TableResult:
    r"""Table 3 (limit basin mass and its leakage interval), recomputed and audited.

    ``map_fn(fn, args)`` runs the engine's independent geometries (default: serially here);
    ``runs`` keeps the engine's records for the caller (default: a new store).
    """
    Ds = sorted({D for _, D in TABLE3})
    qs = sorted({q for q, _ in TABLE3}, key=Fraction)
    runs, sel = selected_runs(settings, runs, lambda sel: [(st, D, Fraction(q), False)
                                                           for st in sel for D in Ds for q in qs], map_fn)
    flags = _audit_table3(TABLE3)
    computed, cells = [], []
    for st in sel:
        for D in Ds:
            kappa = sharp_kappa(st, D)
            for qtext in qs:
                q = Fraction(qtext)
                rec = runs.final(st, D, q)
                lo, hi = _interval_at(q, kappa)
                with mpmath.workdps(DPS):
                    inside = lo <= rec["a"] <= hi
                match = _t3_match(runs, st, D, qtext)
                computed.append({"setting": st.name, "D": D, "q": qtext, "a_T": _e(rec["a"], 12),
                                 "b_T": _e(rec["b"], 12), "m_T": _e(rec["m"], 6), "T": st.T,
                                 "kappa": _e(kappa, 12), "lower": _e(lo, 12), "upper": _e(hi, 12),
                                 "a_T_in_interval": bool(inside),
                                 "matches_reported": match["matches"], "comparison": match})
                cells.append(Table3Cell(st.name, D, qtext, lo, rec["a"], hi, rec["m"], match["matches"]))
    flags += _engine_flags_table3(runs, sel, Ds, qs)
    reported = [{"q": q, "D": D, "lower": v[0], "a_inf": v[1], "upper": v[2]} for (q, D), v in TABLE3.items()]
    return TableResult("table3", TABLE3_SOURCE, sel, _assumptions(sel), reported, computed, flags, cells)


def _t3_match(runs: EngineRuns, st: Setting, D: int, qtext: str) -> dict[str, Any]:
    """Does the computed a_T round to Table 3's a_inf?  Decided on the enclosure when it can be."""
    rec = runs.final(st, D, Fraction(qtext))
    return _comparison(_enc(rec, "a"), TABLE3[(qtext, D)][1], rec["a"])


def _lemma_3_4_decided(st: Setting, D: int, q: Fraction, rec: dict) -> str | None:
    r"""Where the enclosures put a_T against Lemma 3.4's interval: ``inside``, ``slack`` (outside by
    at most m_T), ``far`` (by more than m_T), or None when they do not decide.

    κ = exp(-(β (D - ρ)² - 2ε)) and the interval ends are enclosed in ``mpmath.iv``; max and min
    are monotone, so miss = max(lower - a_T, a_T - upper, 0) is enclosed end by end.
    """
    with iv_workprec(_ENC_PREC):
        rho = iv.sqrt(iv_frac(st.eps / st.beta))
        gap = iv_frac(st.beta) * (D - rho) ** 2 - 2 * iv_frac(st.eps)
        a, m = _enc(rec, "a"), _enc(rec, "m")
        if not _finite(gap, a, m):
            return None
        if _ends(gap)[1] <= 0:
            miss_lo = miss_hi = Fraction(0)       # vacuous interval [0, 1] holds every a_T
        elif _ends(gap)[0] <= 0:
            return None
        else:
            kappa = iv.exp(-gap)
            qi = iv_frac(q)
            lo_e, hi_e = _ends((qi - kappa) / (1 - kappa)), _ends(qi / (1 - kappa))
            lo_e = tuple(max(Fraction(0), v) for v in lo_e)
            hi_e = tuple(min(Fraction(1), v) for v in hi_e)
            a_lo, a_hi = _ends(a)
            miss_lo = max(lo_e[0] - a_hi, a_lo - hi_e[1], Fraction(0))
            miss_hi = max(lo_e[1] - a_lo, a_hi - hi_e[0], Fraction(0))
        m_lo, m_hi = _ends(m)
    if miss_lo > m_hi:
        return "far"
    if miss_hi > m_lo:
        return None                                # beyond m_T or not: undecided
    if miss_lo > 0:
        return "slack"
    return "inside" if miss_hi == 0 else None


def _engine_flags_table3(runs: EngineRuns, sel, Ds, qs) -> list[Flag]:
    """The engine's a_T against the paper's a_∞ and Lemma 3.4, and how settled a_T is."""
    return (_d2_d4_flags(runs, sel, Ds, qs) + [_match_flag(runs, sel, Ds, qs)] + _lemma_flags(runs, sel, Ds, qs)
            + [_convergence_flag(runs, sel, Ds, qs)])


def _d2_d4_flags(runs: EngineRuns, sel, Ds, qs) -> list[Flag]:
    """Identical printed columns D=2 and D=4 against the engine's a_T at both."""
    if not (2 in Ds and 4 in Ds):
        return []
    gaps, decided, apart = {}, [], {}
    for st in sel:
        gaps[st.name] = max(abs(runs.final(st, 2, Fraction(q))["a"] - runs.final(st, 4, Fraction(q))["a"])
                            for q in qs)
        with iv_workprec(_ENC_PREC):
            encs = [abs(_enc(runs.final(st, 2, Fraction(q)), "a") - _enc(runs.final(st, 4, Fraction(q)), "a"))
                    for q in qs]
        # "largest gap > 0.001" is decided when some gap is surely above it or every one surely not
        above = any(_finite(g) and _ends(g)[0] > Fraction(1, 1000) for g in encs)
        below = all(_finite(g) and _ends(g)[1] <= Fraction(1, 1000) for g in encs)
        decided.append(above or below)
        apart[st.name] = above or (not below and gaps[st.name] > mpmath.mpf("0.001"))
    if not all(apart.values()):
        return []
    return [Flag(
        "T3-engine-D2-D4", "not reproduced", "a_inf at D=2 and D=4",
        "the exact dynamics give different a_T at D=2 and D=4 in every setting run (largest gap over q: "
        + ", ".join(f"{k} {_s(v, 4)}" for k, v in gaps.items())
        + "), more than the 0.001 the identical printed values allow", _method(decided),
        evidence={k: _e(v, 6) for k, v in gaps.items()})]


def _match_flag(runs: EngineRuns, sel, Ds, qs) -> Flag:
    cmps = {st.name: [_t3_match(runs, st, D, q) for q in qs for D in Ds] for st in sel}
    hits = {k: sum(c["matches"] for c in v) for k, v in cmps.items()}
    return Flag(
        "T3-engine-match", "not reproduced" if not any(hits.values()) else "note", "empirical a_inf",
        "computed a_T that round to the reported a_inf: "
        + ", ".join(f"setting {k} {v}/{len(qs) * len(Ds)}" for k, v in hits.items()),
        _method(c["certified"] for v in cmps.values() for c in v),
        evidence=hits)


def _lemma_flags(runs: EngineRuns, sel, Ds, qs) -> list[Flag]:
    """Each a_T against Lemma 3.4's interval at the sharp κ: inside, within m_T of it, or farther."""
    far, slack, decided = [], [], []
    for st in sel:
        for D in Ds:
            for q in qs:
                rec = runs.final(st, D, Fraction(q))
                lo, hi = _interval_at(Fraction(q), sharp_kappa(st, D))
                with mpmath.workdps(DPS):
                    miss = max(lo - rec["a"], rec["a"] - hi, 0)
                where = _lemma_3_4_decided(st, D, Fraction(q), rec)
                decided.append(where is not None)
                if where is None:          # the point value's reading, evidence only
                    where = "far" if miss > rec["m"] else ("slack" if miss > 0 else "inside")
                if where == "far":
                    far.append((st.name, D, q, _e(miss, 2), _e(rec["m"], 2)))
                elif where == "slack":
                    slack.append((st.name, D, q))
    if not (far or slack):
        return []
    text = (f"{len(slack)} computed a_T leave [lower, upper] by less than m_T (Lemma 3.5 allows "
            f"c_eps m_t); ") if slack else ""
    text += (f"{len(far)} leave it by more than m_T, where m_t does not go to 0 (the premise fails: "
             "the limit sits at a compromise point outside the basins): "
             + ", ".join(f"{s} D={D} q={q} (by {d}, m_T {m})" for s, D, q, d, m in far[:4])
             + ("..." if len(far) > 4 else "")) if far else "none leave it by more than m_T"
    return [Flag("T3-engine-lemma-3.4", "note", "computed a_T vs the sharp leakage interval", text,
                 _method(decided), evidence={"beyond_m_T": [list(f) for f in far],
                                             "within_m_T": [list(f) for f in slack]})]


def _convergence_flag(runs: EngineRuns, sel, Ds, qs) -> Flag:
    drift = {st.name: max(abs(runs.run(st, D, Fraction(q))[-1]["a"] - runs.run(st, D, Fraction(q))[0]["a"])
                          for D in Ds for q in qs) for st in sel}
    return Flag(
        "T3-engine-convergence", "note", "computed a_T",
        "largest |a_T - a_{T/2}| over the table (how far a_T is from settled): "
        + ", ".join(f"{k} {_e(v, 2)}" for k, v in drift.items()), "mp-point",
        evidence={k: _e(v, 6) for k, v in drift.items()})
