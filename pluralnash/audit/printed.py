r"""Table 3's printed numbers audited against [FALA26] Lemma 3.4, in exact arithmetic (no engine).

Lemma 3.4's interval is [max{0, (q - κ_1)/(1 - κ_1)}, min{1, q/(1 - κ_2)}].  A reported number
printed with k decimals stands for the interval of half a unit in its last place around it
(:func:`~pluralnash.audit.paper_tables.half_ulp`); every audit here is decided in exact rational
arithmetic over those intervals, or in ``mpmath.iv`` where a logarithm enters.

The checks, each a function returning its :class:`~pluralnash.audit.results.Flag` s:

(a), (b), (c)  each row against the formulas it illustrates (:func:`_row_flags`);
(d)  one κ for both bounds of a row, and one κ per column (:func:`_kappa_flags`);
(d') the ε that column's κ needs at the paper's β = 1 (:func:`_implied_eps_flags`);
(e)  the q that a failing row would fit (:func:`_relabel_flags`);
(f)  the columns against each other under the sharp constants (:func:`_column_flags`);
(g)  identical columns (:func:`_identical_flags`).

Python spellings: ``q`` = weight of reward 1, ``D`` = distance between the modes, ``L, A, U`` =
the reported lower bound, a_∞ and upper bound of a row, ``h`` = half a unit in the last place.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable

import mpmath

from pluralnash.audit._text import _e, _frac_str
from pluralnash.audit.paper_tables import half_ulp
from pluralnash.audit.results import Flag
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec

__all__: list[str] = []


def _kappa_from_lower(q: Fraction, L: Fraction, h: Fraction) -> tuple[Fraction, Fraction] | None:
    """The κ in (0, 1) whose lower bound max{0,(q-κ)/(1-κ)} rounds to L (closed hull), exactly."""
    lo_l, hi_l = L - h, L + h
    if lo_l >= q:
        return None
    # (q - κ)/(1 - κ) = ℓ  <=>  κ = (q - ℓ)/(1 - ℓ), decreasing in ℓ; ℓ <= 0 means any κ >= q
    k_hi = (q - lo_l) / (1 - lo_l) if lo_l > 0 else Fraction(1)
    k_lo = max(Fraction(0), (q - hi_l) / (1 - hi_l)) if hi_l < 1 else Fraction(0)
    return (k_lo, k_hi)


def _kappa_from_upper(q: Fraction, U: Fraction, h: Fraction) -> tuple[Fraction, Fraction] | None:
    """The κ in (0, 1) whose upper bound min{1, q/(1-κ)} rounds to U (closed hull), exactly."""
    lo_u, hi_u = U - h, U + h
    if hi_u <= q:
        return None
    k_lo = max(Fraction(0), 1 - q / lo_u) if lo_u > 0 else Fraction(0)
    k_hi = 1 - q / hi_u if hi_u < 1 else Fraction(1)
    return (k_lo, k_hi)


def _meet(intervals: Iterable[tuple[Fraction, Fraction]]) -> tuple[Fraction, Fraction] | None:
    lo, hi = Fraction(0), Fraction(1)
    for a, b in intervals:
        lo, hi = max(lo, a), min(hi, b)
    return (lo, hi) if lo <= hi else None


def _row_kappas(qs: str, Ls: str, Us: str, q2: Fraction | None = None):
    """The κ_1 and κ_2 intervals that the row's printed bounds need at q (or at ``q2``)."""
    q = Fraction(qs) if q2 is None else q2
    return (_kappa_from_lower(q, Fraction(Ls), half_ulp(Ls)), _kappa_from_upper(q, Fraction(Us), half_ulp(Us)))


def _audit_table3(rows: dict) -> list[Flag]:
    """Every flag on Table 3's printed numbers ``rows``: (q, D) -> (lower, a_∞, upper) as printed."""
    Ds = sorted({D for _, D in rows})
    flags, bad_rows = _row_flags(rows)
    kappa_flags, common = _kappa_flags(rows, Ds, bad_rows)
    return (flags + kappa_flags + _implied_eps_flags(common, Ds) + _relabel_flags(rows, bad_rows, common)
            + _column_flags(rows, Ds, bad_rows, common) + _identical_flags(rows, Ds))


def _row_flags(rows: dict) -> tuple[list[Flag], set]:
    """(a), (b), (c): each row against the formulas it illustrates; also the rows that fail (a) or (b)."""
    flags: list[Flag] = []
    bad_rows = set()
    for (qs, D), (Ls, As, Us) in rows.items():
        q, L, A, U = Fraction(qs), Fraction(Ls), Fraction(As), Fraction(Us)
        hL, hA, hU = half_ulp(Ls), half_ulp(As), half_ulp(Us)
        if L - hL >= q:
            bad_rows.add((qs, D))
            flags.append(_bound_flag("lower", qs, D, Ls, hL))
        if U + hU <= q:
            bad_rows.add((qs, D))
            flags.append(_bound_flag("upper", qs, D, Us, hU))
        if A + hA < L - hL or A - hA > U + hU:
            flags.append(Flag(
                f"T3-inside-q{qs}-D{D}", "inconsistent", f"q={qs}, D={D}",
                f"reported a_inf {As} lies outside its own bounds [{Ls}, {Us}] (Lemma 3.4)", "exact"))
    return flags, bad_rows


def _bound_flag(side: str, qs: str, D: int, text: str, h: Fraction) -> Flag:
    """A printed bound on the wrong side of q: the ``lower`` one not below q, or the ``upper`` one not above."""
    lower = side == "lower"
    edge = Fraction(text) - h if lower else Fraction(text) + h
    return Flag(
        f"T3-{side}-q{qs}-D{D}", "inconsistent", f"q={qs}, D={D}",
        f"reported {side} bound {text} ({'>=' if lower else '<='} {_frac_str(edge)} before rounding) is not "
        f"{'below' if lower else 'above'} q = {qs}; "
        + ("max{0,(q-k)/(1-k)} < q" if lower else "min{1,q/(1-k)} > q") + " for every k in (0,1), whatever eps",
        "exact", evidence={side: text, "q": qs, "half_ulp": str(h)})


def _kappa_flags(rows: dict, Ds: list[int], bad_rows: set) -> tuple[list[Flag], dict]:
    """(d): the same κ for both bounds of a row (symmetric geometry, sharp constants), one κ per column.

    Also returns each column's common κ interval (None where there is none)."""
    flags: list[Flag] = []
    col_k: dict[int, list] = {D: [] for D in Ds}
    for (qs, D), (Ls, As, Us) in rows.items():
        if (qs, D) in bad_rows:
            continue
        kl, ku = _row_kappas(qs, Ls, Us)
        both = _meet([kl, ku]) if kl and ku else None
        if both is None:
            flags.append(Flag(
                f"T3-kappa-q{qs}-D{D}", "suspicious", f"q={qs}, D={D}",
                f"no single kappa gives both bounds: lower {Ls} needs kappa_1 in "
                f"[{_frac_str(kl[0])}, {_frac_str(kl[1])}], upper {Us} needs kappa_2 in "
                f"[{_frac_str(ku[0])}, {_frac_str(ku[1])}]",
                "exact", premise="kappa_1 = kappa_2, as for the sharp constants of the symmetric geometry",
                evidence={"kappa_1": [str(kl[0]), str(kl[1])], "kappa_2": [str(ku[0]), str(ku[1])]}))
            continue
        col_k[D].append(((qs, D), kl, ku, both))
    common: dict[int, tuple | None] = {}
    for D in Ds:
        entries = col_k[D]
        meet_l = _meet(e[1] for e in entries)
        meet_all = _meet(e[3] for e in entries)
        common[D] = meet_all
        if entries and meet_l is None:
            flags.append(Flag(
                f"T3-column-D{D}", "inconsistent", f"D={D}",
                "the lower bounds of the rows need different kappa_1, but kappa_1 does not depend on q",
                "exact", premise="one eps and one beta per column",
                evidence={"kappa_1": {e[0][0]: [str(e[1][0]), str(e[1][1])] for e in entries}}))
        elif entries and meet_all is not None:
            flags.append(Flag(
                f"T3-implied-kappa-D{D}", "note", f"D={D}",
                f"the consistent rows all fit one kappa in [{_frac_str(meet_all[0])}, {_frac_str(meet_all[1])}]"
                f" (-log kappa = Delta - 2 eps in [{_e(-mpmath.log(meet_all[1]), 3)}, "
                f"{_e(-mpmath.log(meet_all[0]), 3)}])",
                "exact", evidence={"kappa": [str(meet_all[0]), str(meet_all[1])],
                                   "rows": [e[0][0] for e in entries]}))
    return flags, common


def _implied_eps_flags(common: dict, Ds: list[int]) -> list[Flag]:
    """(d'): what ε each column's κ needs at the paper's β = 1 (interval arithmetic)."""
    need = {}
    with iv_workprec(113):
        for D in Ds:
            if common.get(D) is None or common[D][0] <= 0:
                continue
            g_lo, g_hi = -iv.log(iv_frac(common[D][1])), -iv.log(iv_frac(common[D][0]))
            # beta = 1: g = D^2 - 2 D rho - rho^2  =>  rho = -D + sqrt(2 D^2 - g), decreasing in g
            r_lo, r_hi = -D + iv.sqrt(2 * D * D - g_hi), -D + iv.sqrt(2 * D * D - g_lo)
            if r_lo.a > 0:
                need[D] = (r_lo * r_lo, r_hi * r_hi)
    if not need:
        return []
    parts = [f"D={D} eps in [{_e(mpmath.mpf(v[0].a), 3)}, {_e(mpmath.mpf(v[1].b), 3)}]" for D, v in need.items()]
    apart = any(need[D1][1].b < need[D2][0].a or need[D2][1].b < need[D1][0].a
                for D1 in need for D2 in need if D1 < D2)
    return [Flag(
        "T3-implied-eps", "note", "columns",
        "at the paper's beta = 1 the implied kappa = exp(-((D - sqrt(eps))^2 - 2 eps)) needs "
        + "; ".join(parts) + (" (different eps in different columns)" if apart else ""),
        "interval", evidence={str(D): [mpmath.nstr(mpmath.mpf(v[0].a), 8), mpmath.nstr(mpmath.mpf(v[1].b), 8)]
                              for D, v in need.items()})]


def _relabel_flags(rows: dict, bad_rows: set, common: dict) -> list[Flag]:
    """(e): the rows that fail (a) or (b): which q on the grid of multiples of 1/20 would they fit?"""
    flags: list[Flag] = []
    for (qs, D) in sorted(bad_rows, key=lambda k: (k[1], Fraction(k[0]))):
        if common.get(D) is None:
            continue
        Ls, As, Us = rows[(qs, D)]
        fits = []
        for j in range(1, 20):
            q2 = Fraction(j, 20)
            kl, ku = _row_kappas(qs, Ls, Us, q2)
            if kl and ku and _meet([kl, ku, common[D]]) is not None:
                fits.append(q2)
        if fits:
            flags.append(Flag(
                f"T3-relabel-q{qs}-D{D}", "note", f"q={qs}, D={D}",
                f"with the column's kappa the row's bounds fit q = {', '.join(_frac_str(f) for f in fits)} "
                f"(on the grid of multiples of 1/20), not q = {qs}: a mislabelled row?",
                "exact", evidence={"fits_q": [str(f) for f in fits]}))
    return flags


def _column_clashes(rows: dict, D: int, bad_rows: set, kmax: Fraction) -> list[str]:
    """The rows of column D whose printed bounds are farther from q than κ(D) <= ``kmax`` allows."""
    clash = []
    for qs in sorted({q for q, d in rows if d == D}, key=Fraction):
        if (qs, D) in bad_rows:
            continue
        q = Fraction(qs)
        Ls, _, Us = rows[(qs, D)]
        lo_min = (q - kmax) / (1 - kmax)
        hi_max = q / (1 - kmax)
        if Fraction(Ls) + half_ulp(Ls) < lo_min or Fraction(Us) - half_ulp(Us) > hi_max:
            clash.append(qs)
    return clash


def _column_flags(rows: dict, Ds: list[int], bad_rows: set, common: dict) -> list[Flag]:
    """(f): columns compared: sharp κ(D) <= κ(D0)^((D/D0)²) for the same β, ε."""
    flags: list[Flag] = []
    D0 = Ds[0]
    if common.get(D0) is None:
        return flags
    k0 = common[D0][1]
    for D in Ds[1:]:
        s2 = Fraction(D, D0) ** 2
        if s2.denominator != 1:
            continue
        kmax = k0 ** int(s2)
        clash = _column_clashes(rows, D, bad_rows, kmax)
        if clash:
            flags.append(Flag(
                f"T3-D{D}-vs-D{D0}", "inconsistent", f"D={D} against D={D0}",
                f"with the sharp constants, -log kappa(D) >= (D/{D0})^2 (-log kappa({D0})) "
                f"(since g(D) - s^2 g({D0}) = 2 D rho (s-1) + rho^2 (s^2-1) >= 0, g(D) = (D-rho)^2 - 2 rho^2, "
                f"s = D/{D0}), so kappa({D}) <= ({_e(k0, 3)})^{int(s2)} = {_e(kmax, 3)} and every bound at "
                f"D={D} is within {_e(kmax / (1 - kmax), 2)} of q; the reported bounds at q = "
                f"{', '.join(clash)} are farther",
                "exact", premise=f"the same beta and eps at D={D0} and D={D}, and the sharp Delta of the "
                                 "geometry (the lemma also allows smaller Delta, i.e. looser bounds)",
                evidence={"kappa_D0_max": str(k0), "kappa_D_max": _e(kmax, 6), "rows": clash}))
    return flags


def _identical_flags(rows: dict, Ds: list[int]) -> list[Flag]:
    """(g): two columns with every number the same."""
    flags: list[Flag] = []
    for D1 in Ds:
        for D2 in Ds:
            if D1 < D2:
                same = [qs for qs, d in rows if d == D1 and (qs, D2) in rows and rows[(qs, D1)] == rows[(qs, D2)]]
                if same and len(same) == len([1 for _, d in rows if d == D1]):
                    flags.append(Flag(
                        f"T3-identical-D{D1}-D{D2}", "suspicious", f"D={D1} and D={D2}",
                        f"all {3 * len(same)} numbers are identical in the two columns, although the leakage "
                        f"exp(-beta D^2) between the modes changes by a factor exp(-beta {D2 ** 2 - D1 ** 2}); "
                        "a copied column?", "exact"))
    return flags
