r"""The paper's Tables 3-5 judged against the certified limit of the exact large-K dynamics.

:mod:`pluralnash.audit.tables` compares each reported number with a_T, the exact dynamics after
T rounds.  The paper reports a_∞.  This module computes the limit itself, in each stated
:class:`~pluralnash.audit.tables.Setting`, on a discretisation of the continuous geometry:

- *Discretised setting.*  p_0 = Uniform[lo, hi] becomes the grid x_j = -D/2 + j h (h = 1/M, M
  even, so both modes μ_{1,2} = ∓D/2 and both ends of the support are grid points), with the
  trapezoid weights (half weight at the two ends).  Rewards r_i(x_j) = -β (x_j - μ_i)² are exact
  rationals, so r_i^* = 0 is attained and S_{i,ε} = {x_j : β (x_j - μ_i)² <= ε}, the continuous
  basin's grid points.
- *Limit.*  :func:`~pluralnash.numeric.solve_limit` returns the unique maximiser p* of
  F(p) = Σ_i q_i log E_p[e^{r_i}] on the grid with a certified KKT certificate ([FALA26] Eq. 5:
  the large-K dynamics ascend F and converge to p*); a* = p*(S_{1,ε}) and m* = p*(X \ S_ε) are
  enclosed from its certified digits.
- *Rate.*  When m* = 0 the outside atoms decay like Π_s W_s(x) with W_s → W*(x) = Σ_i q_i
  e^{r_i(x)}/Z_i*, so log m_t has the asymptotic slope log max_{x ∉ S_ε} W*(x) per round, enclosed
  from the certified Z_i*.
- *Discretisation.*  Each number is certified for its grid; the continuous setting is the
  limit M → ∞.  Two grids are run and their spread is shown: it is evidence about the continuum,
  never a certificate, and every flag that reads the grid as the continuum names that premise.

Python spellings as in :mod:`pluralnash.audit.tables`; ``M`` = grid points per unit length.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, Sequence

import mpmath

from pluralnash.audit.paper_tables import TABLE3, TABLE4_RANGE, TABLE4_TEXT, TABLE5, half_ulp
from pluralnash.audit.results import Flag
from pluralnash.audit.runs import EngineRuns, _enc, _ends
from pluralnash.audit.settings import Q_GRID
from pluralnash.audit.table4 import TABLE4_DS, TABLE4_Q, _slope
from pluralnash.claims.continuous_geometry import collapse_threshold
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.model.landscape import Landscape
from pluralnash.numeric.engines.limit import solve_limit
from pluralnash.numeric.model.validate import check_int
from pluralnash.theory import InvalidArgument

__all__ = ["GRIDS", "discretised_landscape", "GridLimit", "evaluate_grid_limit", "LimitAudit", "limit_section"]

GRIDS = (10, 20)  # M: grid points per unit length (h = 0.1 and 0.05)
LIMIT_DPS = 15
_PREC = 120


def discretised_landscape(setting, q: Fraction, D: int, M: int) -> Landscape:
    r"""The setting's geometry on the grid x_j = -D/2 + j/M over supp p_0, trapezoid weights.

    Examples
    --------
    >>> from pluralnash.audit.tables import SETTINGS
    >>> L = discretised_landscape(SETTINGS["A"], Fraction(1, 2), 2, 2)
    >>> L.n, L.p0[0], L.p0[1], L.basins()
    (17, Fraction(1, 32), Fraction(1, 16), ((6,), (10,)))
    """
    check_int(M, "M", low=2, even=True, rule="an even whole number >= 2 (grid points per unit length)",
              example="M=10")
    init = setting.init(D)
    lo, hi = Fraction(init.low), Fraction(init.high)
    h = Fraction(1, M)
    start = -Fraction(D, 2)
    j_lo, j_hi = (lo - start) / h, (hi - start) / h
    if j_lo.denominator != 1 or j_hi.denominator != 1:
        raise InvalidArgument(f"M={M} does not put the ends {lo}, {hi} of supp p_0 on the grid; pass an even M")
    xs = [start + j * h for j in range(int(j_lo), int(j_hi) + 1)]
    raw = [Fraction(1, 2) if k in (0, len(xs) - 1) else Fraction(1) for k in range(len(xs))]
    total = sum(raw)
    mus = (-Fraction(D, 2), Fraction(D, 2))
    rewards = [[-setting.beta * (x - mu) ** 2 for x in xs] for mu in mus]
    return Landscape(rewards=rewards, weights=[q, 1 - q], p0=[w / total for w in raw], eps=setting.eps,
                     atoms=[[x] for x in xs])


@dataclass(frozen=True)
class GridLimit:
    """The certified limit on one grid: enclosures of a*, m* and the asymptotic slope of log m_t."""

    M: int
    n: int
    a: Any  # iv interval
    m: Any
    slope: Any  # iv interval, or None when m* > 0 (log m_t does not decay)
    support: tuple[Fraction, ...]
    certified: bool
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        def s(x):
            return None if x is None else [mpmath.nstr(x.a, 12), mpmath.nstr(x.b, 12)]
        return {"M": self.M, "atoms": self.n, "a_star": s(self.a), "m_star": s(self.m), "slope": s(self.slope),
                "support": [str(x) for x in self.support], "certified": self.certified, "reason": self.reason}


def _enclose(v, digits: int):
    with iv_workprec(_PREC):
        x = iv.mpf(mpmath.nstr(v, digits + 5))
        return x + iv.mpf([-1, 1]) * iv.mpf(10) ** (-(digits - 2))


# One table asks for each (setting, q, D, M) once; the cache serves the tables reproduced in one
# process (they share Table 3's q grid): all three tables together need 240 limits.
@lru_cache(maxsize=256)
def evaluate_grid_limit(setting, q: Fraction, D: int, M: int) -> GridLimit:
    r"""a* = p*(S_{1,ε}), m* and the slope log max_{x ∉ S_ε} W*(x) of the grid's certified limit p*."""
    L = discretised_landscape(setting, q, D, M)
    res = solve_limit(L, dps=LIMIT_DPS)
    S1, S2 = L.basins()
    xs = [a[0] for a in L.atoms]
    support = tuple(xs[i] for i in res.support)
    ok = res.certificate.verdict.value == "HOLDS" and res.unique and res.p is not None
    if not ok:
        return GridLimit(M, L.n, None, None, None, support, False,
                         f"the grid's limit is not certified: {res.certificate.reason}")
    inside = set(S1) | set(S2)
    outside = [i for i in range(L.n) if i not in inside]
    with iv_workprec(_PREC):
        zero = iv.mpf(0)
        # atoms off the certified support carry no limit mass: only support atoms are enclosed
        live = set(res.support)
        a = sum((_enclose(res.p[i], LIMIT_DPS) for i in S1 if i in live), zero)
        m = sum((_enclose(res.p[i], LIMIT_DPS) for i in outside if i in live), zero)
        a = _clip01(a)
        m = _clip01(m)
        slope = None
        if not any(i in res.support for i in outside):
            m = iv.mpf(0)  # the certified support has no outside atom: m* = 0 exactly
        if outside and not any(i in res.support for i in outside):
            Z = [_enclose(z, LIMIT_DPS) + iv.mpf([-1, 1]) * iv.mpf(r or 0)
                 for z, r in zip(res.Z, res.Z_radius or [0, 0])]
            qs = [iv_frac(q), iv_frac(1 - q)]
            ends = [_ends(sum((qs[k] * iv.exp(iv_frac(L.rewards[k][i])) / Z[k] for k in range(2)), zero))
                    for i in outside]
            # the continuous outside region's closure meets the basins' boundary points mu_i +- rho
            rho = iv.sqrt(iv_frac(setting.eps) / iv_frac(setting.beta))
            for mu in (-Fraction(D, 2), Fraction(D, 2)):
                for x in (iv_frac(mu) - rho, iv_frac(mu) + rho):
                    ends.append(_ends(sum((qs[k] * iv.exp(-iv_frac(setting.beta) * (x - iv_frac(c)) ** 2) / Z[k]
                                           for k, c in enumerate((-Fraction(D, 2), Fraction(D, 2)))), zero)))
            best = iv.mpf([iv_frac(max(e[0] for e in ends)).a, iv_frac(max(e[1] for e in ends)).b])
            slope = iv.log(best)
    return GridLimit(M, L.n, a, m, slope, support, True)


def _clip01(x):
    lo, hi = _ends(x)
    return iv.mpf([iv_frac(max(lo, Fraction(0))).a, iv_frac(min(hi, Fraction(1))).b])


def _txt(x, digits: int = 6) -> str:
    if x is None:
        return "-"
    from pluralnash.numeric.arith.format import nstr_at

    lo, hi = _ends(x)
    return nstr_at((lo + hi) / 2, digits, digits + 5)  # halving commutes with binary rounding


def _spread(values) -> Fraction | None:
    """Largest distance between the grids' enclosures (an upper bound), as a Fraction."""
    if any(v is None for v in values):
        return None
    ends = [_ends(v) for v in values]
    return max(e[1] for e in ends) - min(e[0] for e in ends)



# ----------------------------------------------------------------------------------------------
# the tables against the limit


@dataclass(frozen=True)
class LimitAudit:
    """A table against the certified limit: its rows (for the text), flags and computed values (JSON).

    Rows of Table 3 are :class:`Limit3Row`, of Table 4 :class:`Limit4Row`, of Table 5 :class:`Limit5Row`.
    """

    table: str
    grids: tuple[int, ...]
    rows: list
    flags: list[Flag]
    computed: list[dict[str, Any]]


@dataclass(frozen=True)
class Limit3Row:
    """Table 3's a_∞ at (setting, D, q) beside the grid limits; ``a_T`` is None when a limit is not certified."""

    setting: str
    D: int
    q: str
    reported: str
    limits: list[GridLimit]
    a_T: Any = None
    kind: str | None = None
    T: Any = None


@dataclass(frozen=True)
class Limit4Row:
    """The limit's slope of log m_t on each grid beside the engine's window slope."""

    setting: str
    D: int
    limits: list[GridLimit]
    engine: Any
    text: str


@dataclass(frozen=True)
class Limit5Row:
    """Table 5's value beside the mean of (a* - q)² on each grid (None where a limit is not certified)."""

    setting: str
    D: int
    reported: str
    values: list


def _side(x, lo: Fraction, hi: Fraction) -> int | None:
    """-1 / +1 when the enclosure x lies wholly below / above [lo, hi], 0 wholly inside, None otherwise."""
    xl, xh = _ends(x)
    if xh < lo:
        return -1
    if xl > hi:
        return 1
    if xl >= lo and xh <= hi:
        return 0
    return None


def _limit_flag(tag: str, rows: str, reason: str, spread, evidence: dict) -> Flag:
    return Flag(tag, "not reproduced", rows, reason, "interval",
                premise=f"the grid limits (M = {', '.join(map(str, GRIDS))}) stand for the continuous setting; "
                        f"they differ by at most {_e(spread)}", evidence=evidence)


def _e(x) -> str:
    from pluralnash.numeric.arith.format import nstr_at

    return "-" if x is None else nstr_at(x, 3, 10)


def _table3(sel, grids, runs: EngineRuns) -> LimitAudit:
    rows, flags, computed = [], [], []
    for st in sel:
        for D in (2, 4, 6):
            for qt in Q_GRID:
                row, row_flags = _limit_row3(st, D, qt, grids, runs)
                rows.append(row)
                flags += row_flags
                if row.a_T is not None:
                    computed.append({"setting": st.name, "D": D, "q": qt, "limit": [g.to_json() for g in row.limits],
                                     "kind": row.kind, "a_T": _txt(row.a_T, 12)})
    return LimitAudit("table3", tuple(grids), rows, flags, computed)


def _kind(gl) -> str:
    """``collapse`` when a grid limit keeps mass outside the basins or a* is within 1e-6 of 0 or 1."""
    if any(_ends(g.m)[0] > 0 for g in gl) or \
            all(_ends(g.a)[1] < Fraction(1, 10 ** 6) or _ends(g.a)[0] > 1 - Fraction(1, 10 ** 6) for g in gl):
        return "collapse"
    return "mixture"


def _limit_row3(st, D: int, qt: str, grids, runs: EngineRuns) -> tuple[Limit3Row, list[Flag]]:
    """One row of Table 3 against the grid limits, with its flags."""
    q = Fraction(qt)
    lower, emp, upper = TABLE3[(qt, D)]
    gl = [evaluate_grid_limit(st, q, D, M) for M in grids]
    if not all(g.certified for g in gl):
        return Limit3Row(st.name, D, qt, emp, gl), []
    a_T = _enc(runs.final(st, D, q), "a")
    spread = _spread([g.a for g in gl])
    kind = _kind(gl)
    # the continuous collapse criterion: one point x_0 iff T(q, beta, D) <= 1
    with iv_workprec(_PREC):
        T = collapse_threshold(st.beta, q, Fraction(D))
    one_point = all(len(g.support) == 1 for g in gl)
    predicted = True if T.b < 1 else False if T.a > 1 else None
    flags = []
    if predicted is not None and predicted != one_point:
        flags.append(_limit_flag(
            f"T3-collapse-criterion-{st.name}-D{D}-q{qt}", f"{st.name}, D={D}, q={qt}",
            f"the criterion T = {_txt(T, 4)} predicts {'one point' if predicted else 'a mixture'}, but "
            f"the grid limit has support {[str(x) for x in gl[-1].support]}", _spread([g.a for g in gl]),
            {"T": _txt(T, 10)}))
    row = Limit3Row(st.name, D, qt, emp, gl, a_T, kind, T)
    return row, flags + _row3_flags(st, D, q, qt, (lower, emp, upper), row, spread)


def _row3_flags(st, D: int, q: Fraction, qt: str, printed, row: Limit3Row, spread) -> list[Flag]:
    """The row's a_∞, its bounds and Lemma 3.4 against the limit, and a_T against the limit."""
    lower, emp, upper = printed
    gl, kind, a_T = row.limits, row.kind, row.a_T
    flags = []
    v, h = Fraction(emp), half_ulp(emp)
    sides = {_side(g.a, v - h, v + h) for g in gl}
    rows = f"{st.name}, D={D}, q={qt}"
    ev = {"a_star": [_txt(g.a, 10) for g in gl], "reported": emp, "support": [
        [str(x) for x in g.support] for g in gl]}
    if sides in ({-1}, {1}):
        flags.append(_limit_flag(
            f"T3-limit-{st.name}-D{D}-q{qt}", rows,
            f"the limit a* = {_txt(gl[-1].a)} ({kind}) is {'below' if sides == {-1} else 'above'} the "
            f"reported a_inf = {emp} on every grid", spread, ev))
    lo_v, hi_v = Fraction(lower) - half_ulp(lower), Fraction(upper) + half_ulp(upper)
    out = {_side(g.a, lo_v, hi_v) for g in gl}
    if out in ({-1}, {1}):
        flags.append(_limit_flag(
            f"T3-limit-bounds-{st.name}-D{D}-q{qt}", rows,
            f"the limit a* = {_txt(gl[-1].a)} lies outside the paper's own bounds [{lower}, {upper}] on "
            f"every grid ([FALA26] Lemma 3.4 constrains a_inf, not a_T)", spread, ev))
    lemma = _lemma_3_4_against_limit(st, D, q, gl)
    if lemma is not None:
        flags.append(_limit_flag(f"T3-limit-lemma-3.4-{st.name}-D{D}-q{qt}", rows, lemma, spread, ev))
    conv = {_side(a_T, *_ends(g.a)) for g in gl}
    gap = abs(Fraction(_ends(a_T)[0]) - _ends(gl[-1].a)[0])
    if conv in ({-1}, {1}) and spread is not None and gap > 2 * spread:
        flags.append(_limit_flag(
            f"T3-not-converged-{st.name}-D{D}-q{qt}", rows,
            f"a_T = {_txt(a_T)} at T = {st.T} is {_e(gap)} from the limit {_txt(gl[-1].a)}, more than "
            f"twice the grids' spread: the dynamics have not converged by T", spread, ev))
    return flags


def _leakage_interval_iv(st, D: int, q: Fraction):
    """[FALA26] Lemma 3.4's interval at the geometry's sharpest kappa = e^{-(beta (D - rho)^2 - 2 eps)}, enclosed;
    None when kappa < 1 is not certified (the interval's formula needs it)."""
    with iv_workprec(_PREC):
        rho = iv.sqrt(iv_frac(st.eps) / iv_frac(st.beta))
        kappa = iv.exp(2 * iv_frac(st.eps) - iv_frac(st.beta) * (iv_frac(Fraction(D)) - rho) ** 2)
        if not _ends(kappa)[1] < 1:
            return None
        qq = iv_frac(q)
        return (qq - kappa) / (1 - kappa), qq / (1 - kappa)


def _lemma_3_4_against_limit(st, D: int, q: Fraction, gl) -> str | None:
    """Why the limit contradicts Lemma 3.4 on every grid (with m* = 0, its premise), or None."""
    if any(_ends(g.m)[1] > 0 for g in gl):
        return None  # the premise m_t -> 0 fails (or is not certified) on a grid
    ends = _leakage_interval_iv(st, D, q)
    if ends is None:
        return None
    lower, upper = ends
    below = all(_ends(g.a)[1] < _ends(lower)[0] for g in gl)
    above = all(_ends(g.a)[0] > _ends(upper)[1] for g in gl)
    if not (below or above):
        return None
    end = lower if below else upper
    return (f"with m* = 0 the limit a* = {_txt(gl[-1].a)} is {'below' if below else 'above'} Lemma 3.4's "
            f"{'lower' if below else 'upper'} end {_txt(end)} at the geometry's sharpest kappa, on every grid")


def _table4(sel, grids, runs: EngineRuns) -> LimitAudit:
    rows, flags, computed = [], [], []
    for st in sel:
        for D in TABLE4_DS:
            gl = [evaluate_grid_limit(st, TABLE4_Q, D, M) for M in grids]
            engine = _slope(runs.run(st, D, TABLE4_Q, True))
            rows.append(Limit4Row(st.name, D, gl, engine, TABLE4_TEXT.get(D, '-')))
            computed.append({"setting": st.name, "D": D, "limit": [g.to_json() for g in gl],
                             "engine_slope": mpmath.nstr(engine, 12)})
            flags += _row4_flags(st, D, gl, engine)
    return LimitAudit("table4", tuple(grids), rows, flags, computed)


def _row4_flags(st, D: int, gl, engine) -> list[Flag]:
    """The limit's slope on each grid against the table's range (or no decay at all)."""
    lo_r, hi_r = Fraction(TABLE4_RANGE[0]), Fraction(TABLE4_RANGE[1])
    if any(g.slope is None for g in gl):
        if all(_ends(g.m)[0] > 0 for g in gl):
            return [_limit_flag(
                f"T4-limit-no-decay-{st.name}-D{D}", f"{st.name}, D={D}",
                f"the limit keeps m* = {_txt(gl[-1].m)} outside the basins (a collapse between the modes), so "
                f"m_t does not decay and log m_t has slope 0 in the limit, not the table's "
                f"[{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]", _spread([g.m for g in gl]),
                {"m_star": [_txt(g.m, 10) for g in gl], "support": [str(x) for x in gl[-1].support]})]
        return []
    flags = []
    spread = _spread([g.slope for g in gl])
    if D == max(TABLE4_DS) and all(_side(g.slope, -st.eps - _TIE, -st.eps + _TIE) == 0 for g in gl):
        flags.append(_rate_note(st, D, gl, spread))
    sides = {_side(g.slope, lo_r, hi_r) for g in gl}
    if sides in ({-1}, {1}):
        flags.append(_limit_flag(
            f"T4-limit-{st.name}-D{D}", f"{st.name}, D={D}",
            f"the limit's slope of log m_t, {_txt(gl[-1].slope)} per round, is "
            f"{'below' if sides == {-1} else 'above'} every entry of the table "
            f"[{TABLE4_RANGE[0]}, {TABLE4_RANGE[1]}]", spread,
            {"slopes": [_txt(g.slope, 10) for g in gl], "engine": mpmath.nstr(engine, 10)}))
    return flags


_TIE = Fraction(1, 10 ** 6)


def _rate_note(st, D: int, gl, spread) -> Flag:
    """Why the limit's slope is -eps at well-separated modes, and what that says about Table 4."""
    return Flag(
        f"T4-limit-rate-is-eps-{st.name}", "note", f"{st.name}, D={D}",
        f"the limit's slope is -eps = -{st.eps} to within {_e(_TIE)} on every grid: when the limit charges each mode "
        f"alone, W* = e^(r_i - r_i*) near basin i, so sup W* off S_eps is e^(-eps) whatever D and beta; a slope "
        f"independent of D like the table's [-0.585, -0.565] would be -eps with eps in [0.565, 0.585], not the "
        f"stated settings' eps, and the text's -1.3 (D = 2) and -13.6 (D = 8) change with D as no such rate does",
        "interval", premise=f"the grid limits stand for the continuous setting (they differ by at most {_e(spread)})",
        evidence={"slopes": [_txt(g.slope, 12) for g in gl], "eps": str(st.eps)})


def _mean_sq_at_limit(st, D: int, M: int):
    """The mean over Q_GRID of (a* - q)² on grid M, enclosed; None when a limit is not certified."""
    gl = [evaluate_grid_limit(st, Fraction(q), D, M) for q in Q_GRID]
    if not all(g.certified for g in gl):
        return None
    with iv_workprec(_PREC):
        return sum(((g.a - iv_frac(Fraction(q))) ** 2 for g, q in zip(gl, Q_GRID)), iv.mpf(0)) / len(Q_GRID)


def _table5(sel, grids, runs: EngineRuns) -> LimitAudit:
    rows, flags, computed = [], [], []
    for st in sel:
        for D in sorted(TABLE5):
            vals = [_mean_sq_at_limit(st, D, M) for M in grids]
            rows.append(Limit5Row(st.name, D, TABLE5[D], vals))
            computed.append({"setting": st.name, "D": D, "limit_mean_sq": [_txt(v, 10) for v in vals]})
            if any(v is None for v in vals):
                continue
            v, h = Fraction(TABLE5[D]), half_ulp(TABLE5[D])
            sides = {_side(x, v - h, v + h) for x in vals}
            if sides in ({-1}, {1}):
                flags.append(_limit_flag(
                    f"T5-limit-{st.name}-D{D}", f"{st.name}, D={D}",
                    f"at the limit the mean of (a* - q)^2 is {_txt(vals[-1], 4)}, "
                    f"{'below' if sides == {-1} else 'above'} the reported {TABLE5[D]} on every grid",
                    _spread(vals), {"values": [_txt(x, 10) for x in vals]}))
    return LimitAudit("table5", tuple(grids), rows, flags, computed)


_SECTIONS = {"table3": _table3, "table4": _table4, "table5": _table5}


def limit_section(table: str, settings: Sequence, grids: Sequence[int] = GRIDS, *,
                  runs: EngineRuns | None = None) -> LimitAudit:
    r"""Each number of ``table`` against the certified limit, per setting and grid: rows, flags, computed.

    ``runs`` are the engine runs of the table itself (a_T, the window slopes), reused when
    given (:func:`~pluralnash.audit.tables.reproduce` passes them); otherwise they are run here.
    The text is rendered by :func:`pluralnash.report.tables_text.limit_lines`.
    """
    if table not in _SECTIONS:
        raise InvalidArgument(f"table={table!r} has no limit audit; choose one of {', '.join(_SECTIONS)}")
    return _SECTIONS[table](settings, grids, EngineRuns() if runs is None else runs)
