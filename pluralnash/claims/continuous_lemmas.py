r"""[FALA26] Lemmas 3.3-3.5 and Theorem 3.6 in the paper's own continuous geometry (registered from ``TABLE``).

Setups: r_i(x) = -β (x - μ_i)² on R, μ_1 < μ_2, D = μ_2 - μ_1, weights (q, 1 - q), p_0 uniform on
[lo, hi], S_{i,ε} = [μ_i - ρ, μ_i + ρ], ρ² = ε/β.  There Assumption 2.1 holds whenever the basins are
disjoint (β D² > 4ε) and supp p_0 meets both: (i) the rewards are bounded on [lo, hi]; (iii) with
δ = ε off S_ε and the sharpest Δ_i = β (D - ρ)² (main text), or Δ_i = β (D - ρ)² + ε (B.5).

Each conclusion is decided at the certified large-K limit p* of
:func:`~pluralnash.numeric.engines.continuous_limit.solve_continuous_limit` (a mixture of two atoms
pulled towards each other, or one atom x_0 = q μ_1 + (1 - q) μ_2; derived in
:mod:`pluralnash.theory._continuous_limit`), whose basin masses a_∞, m_∞ and the slope
lim log(m_t)/t are interval enclosures:

- ``lemma-3.3-continuous``: m_t -> 0 (m_∞ = 0); FAILS, certified, where p* sits between the basins;
- ``lemma-3.4-continuous``: with m_t -> 0 and κ = e^{-(Δ - 2ε)} < 1, a_∞ lies in
  [max{0, (q - κ)/(1 - κ)}, min{1, q/(1 - κ)}];
- ``lemma-3.5-continuous``: with m_t -> 0 and q ∈ (κ, 1 - κ), a_∞ lies in that interval and in (0, 1)
  (η <= a_t <= 1 - η for large t);
- ``theorem-3.6-continuous``: if a_∞ ∈ (0, 1), Var_{p_∞}[r_i] >= a_∞ (1 - a_∞) max{Δ_i - 2ε, 0}²
  with the B.5 constants; p_∞ = Σ_j w_j δ_{x_j}, so Var_{p_∞}[r_i] = Σ_{j<k} w_j w_k (r_i(x_j) - r_i(x_k))².

Python spellings: ``beta`` = β, ``q`` = weight of μ_1, ``eps`` = ε.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Callable

from pluralnash._registry import Claim, Premise, Variant
from pluralnash.claims._declare import certified, plant
from pluralnash.claims.continuous_geometry import TWO_CENTRES
from pluralnash.numeric.arith.intervals import iv, iv_frac, iv_workprec
from pluralnash.numeric.engines.continuous import QuadraticLandscape, Uniform
from pluralnash.numeric.engines.continuous_limit import solve_continuous_limit, two_centres
from pluralnash.numeric.engines.continuous_certified import to_json as _iv_json
from pluralnash.theory import CheckResult, Verdict

__all__ = ["check_continuous_decay", "check_continuous_leakage", "check_continuous_non_collapse",
           "check_continuous_variance", "LEMMA_3_3_CONTINUOUS", "LEMMA_3_4_CONTINUOUS", "LEMMA_3_5_CONTINUOUS",
           "THEOREM_3_6_CONTINUOUS"]

_PREC = 128


@lru_cache(maxsize=512)
def _limit(L):
    """The certified limit, once per setup: the premises and the conclusion of a claim share it."""
    return solve_continuous_limit(L, prec=_PREC)


def _undecided(name: str, lim, ev: dict | None = None) -> CheckResult:
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev or {}, f"the limit is not certified: {lim.reason}")


def _limit_evidence(lim) -> dict:
    return {"kind": lim.kind, "where": lim.where, "a_inf": _iv_json(lim.a, 12), "m_inf": _iv_json(lim.m, 12),
            "atoms": [[_iv_json(x, 12), _iv_json(w, 12)] for x, w in lim.atoms]}


# ----------------------------------------------------------------------------------------------
# premises


def _assumption_2_1(L) -> CheckResult:
    """Assumption 2.1 in the geometry: uniform start, disjoint basins, supp p_0 meeting both basins' interiors."""
    name = "Assumption 2.1 (continuous)"
    if not isinstance(L, QuadraticLandscape) or not isinstance(L.init, Uniform) or L.eps is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "needs a uniform start (bounded rewards, (i)) and eps")
    beta, q, m1, m2 = two_centres(L)
    r2 = L.eps / beta
    if not L.disjoint_basins():
        return CheckResult(name, Verdict.FAILS, "exact", {"D": str(m2 - m1)},
                           "(ii): the basins overlap (beta D^2 <= 4 eps)")
    lo, hi = L.init.low, L.init.high
    # supp p_0 meets (mu - rho, mu + rho) iff lo < mu + rho and hi > mu - rho, decided on squares
    meets = all((lo < mu or (lo - mu) ** 2 < r2) and (hi > mu or (hi - mu) ** 2 < r2) for mu in (m1, m2))
    if not meets:
        return CheckResult(name, Verdict.FAILS, "exact", {"support": L.init.describe()}, "(ii): p_0(S_i) = 0")
    return CheckResult(name, Verdict.HOLDS, "exact", {"D": str(m2 - m1), "rho^2": str(r2)})


A21_CONTINUOUS = Premise("Assumption 2.1 (continuous)", "uniform p_0 (bounded rewards), disjoint basins "
                         "beta D^2 > 4 eps, p_0(S_i) > 0; (iii) then holds with delta = eps", _assumption_2_1)


def _m_to_zero(L) -> CheckResult:
    name = "m_t -> 0"
    lim = _limit(L)
    if lim.m is None:
        return _undecided(name, lim)
    ev = {"m_inf": _iv_json(lim.m, 12), "where": lim.where}
    if lim.m.b == 0:
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    return CheckResult(name, Verdict.FAILS, "interval", ev, f"the limit keeps m_inf > 0 ({lim.where})")


M_TO_ZERO = Premise("m_t -> 0", "the outside mass vanishes in the limit (decided at the certified limit)", _m_to_zero)


def _kappa(L, b5: bool = False):
    """κ = e^{-(Δ - 2ε)} with the sharpest Δ = β (D - ρ)² (+ ε with the B.5 constants), enclosed."""
    beta, _, m1, m2 = two_centres(L)
    b, e = iv_frac(beta), iv_frac(L.eps)
    delta = b * (iv_frac(m2 - m1) - iv.sqrt(e / b)) ** 2 + (e if b5 else 0)
    return delta, iv.exp(2 * e - delta)


def _kappa_below_one(L) -> CheckResult:
    name = "kappa < 1"
    with iv_workprec(_PREC):
        _, kappa = _kappa(L)
    ev = {"kappa": _iv_json(kappa, 12)}
    if kappa.b < 1:
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    return CheckResult(name, Verdict.FAILS if kappa.a >= 1 else Verdict.UNDECIDED, "interval", ev, "kappa >= 1")


KAPPA_BELOW_ONE = Premise("kappa < 1", "the main text's sharpest kappa = exp(-(beta (D - rho)^2 - 2 eps)) < 1",
                          _kappa_below_one)


def _q_range(L) -> CheckResult:
    name = "q in (kappa_1, 1 - kappa_2)"
    _, q, _, _ = two_centres(L)
    with iv_workprec(_PREC):
        _, kappa = _kappa(L)
        qq = iv_frac(q)
        ev = {"q": str(q), "kappa": _iv_json(kappa, 12)}
        if kappa.b < qq.a and qq.b < 1 - kappa.b:
            return CheckResult(name, Verdict.HOLDS, "interval", ev)
        if qq.b <= kappa.a or qq.a >= 1 - kappa.a:
            return CheckResult(name, Verdict.FAILS, "interval", ev, "q lies outside (kappa, 1 - kappa)")
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "q is within rounding of kappa or 1 - kappa")


Q_RANGE = Premise("q in (kappa_1, 1 - kappa_2)", "at the main text's sharpest kappa", _q_range)


def _a_interior(L) -> CheckResult:
    name = "a_inf in (0, 1)"
    lim = _limit(L)
    if lim.a is None:
        return _undecided(name, lim)
    ev = {"a_inf": _iv_json(lim.a, 12)}
    if lim.a.a > 0 and lim.a.b < 1:
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    if lim.a.b == 0 or lim.a.a == 1:
        return CheckResult(name, Verdict.FAILS, "interval", ev, f"a_inf is 0 or 1 ({lim.where})")
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "a_inf not separated from 0 and 1")


A_INTERIOR = Premise("a_inf in (0, 1)", "the limit charges both basins (decided at the certified limit)", _a_interior)


# ----------------------------------------------------------------------------------------------
# conclusions


def _decide(name: str, lo_ok: bool, hi_bad: bool, ev: dict, why: str) -> CheckResult:
    """HOLDS when ``lo_ok`` (certified), FAILS when ``hi_bad`` (certified), else UNDECIDED."""
    if lo_ok:
        return CheckResult(name, Verdict.HOLDS, "interval", ev)
    if hi_bad:
        return CheckResult(name, Verdict.FAILS, "interval", ev, why)
    return CheckResult(name, Verdict.UNDECIDED, "interval", ev, "the enclosures do not decide it")


def check_continuous_decay(L, *, outside_limit: int = 0, rate_eps: bool = False) -> CheckResult:
    r"""[FALA26] Lemma 3.3 at the certified limit: m_t -> ``outside_limit`` (0; the control plants 1), or
    (``rate_eps``, planted) m_t decays at least like e^{-ε t}: lim log(m_t)/t <= -ε."""
    name = "m_t -> 0" if not (outside_limit or rate_eps) else ("m_t -> 1" if outside_limit else "slope <= -eps")
    lim = _limit(L)
    if lim.m is None:
        return _undecided(name, lim)
    ev = _limit_evidence(lim)
    if lim.slope is not None:
        ev["slope"] = _iv_json(lim.slope, 12)
    if rate_eps:
        if lim.slope is None:
            return _undecided(name, lim, ev)
        e = iv_frac(L.eps)
        return _decide(name, lim.slope.b <= -e.b, lim.slope.a > -e.a, ev,
                       f"log m_t decays at {iv.nstr(lim.slope, 8)} per round, slower than -eps = -{L.eps}")
    if outside_limit:
        return _decide(name, lim.m.a >= 1, lim.m.b < 1, ev, f"m_inf = {iv.nstr(lim.m, 8)} < 1 ({lim.where})")
    return _decide(name, lim.m.b == 0, lim.m.a > 0, ev,
                   f"the limit collapses {lim.where}: m_t -> m_inf = {iv.nstr(lim.m, 8)} > 0")


def lemma_interval(q: Fraction, kappa):
    """Lemma 3.4: max{0, (q - kappa)/(1 - kappa)} and min{1, q/(1 - kappa)}, enclosed."""
    qq = iv_frac(q)
    return (qq - kappa) / (1 - kappa), qq / (1 - kappa)


def nash_point(q: Fraction, kappa):
    """Planted: the interval collapsed to the Nash point {q}."""
    return iv_frac(q), iv_frac(q)


def check_continuous_leakage(L, *, interval: Callable = lemma_interval) -> CheckResult:
    """[FALA26] Lemma 3.4 at the certified limit: a_inf within ``interval`` at the sharpest kappa (main text)."""
    name = f"a_inf in {interval.__name__}"
    lim = _limit(L)
    if lim.a is None:
        return _undecided(name, lim)
    _, q, _, _ = two_centres(L)
    with iv_workprec(_PREC):
        _, kappa = _kappa(L)
        lower, upper = interval(q, kappa)
        lo = iv.mpf([max(lower.a, 0), max(lower.b, 0)])
        hi = iv.mpf([min(upper.a, 1), min(upper.b, 1)])
    ev = {**_limit_evidence(lim), "kappa": _iv_json(kappa, 12), "lower": _iv_json(lo, 12), "upper": _iv_json(hi, 12)}
    a = lim.a
    return _decide(name, a.a >= lo.b and a.b <= hi.a, a.b < lo.a or a.a > hi.b, ev,
                   f"a_inf = {iv.nstr(a, 10)} lies outside [{iv.nstr(lo, 8)}, {iv.nstr(hi, 8)}]")


def check_continuous_non_collapse(L) -> CheckResult:
    """[FALA26] Lemma 3.5 at the certified limit: a_inf in Lemma 3.4's interval and eta <= a_inf <= 1 - eta, eta > 0."""
    res = check_continuous_leakage(L)
    if res.verdict is not Verdict.HOLDS:
        return res
    a = _limit(L).a
    return _decide("eta <= a_inf <= 1 - eta", a.a > 0 and a.b < 1, a.b == 0 or a.a == 1, res.evidence,
                   f"the limit collapses: a_inf = {iv.nstr(a, 8)}")


def b5_bound(L, i: int, a):
    """Theorem 3.6's bound a (1 - a) max{Delta_i - 2 eps, 0}^2 with the B.5 constants."""
    delta, _ = _kappa(L, b5=True)
    gap = delta - 2 * iv_frac(L.eps)
    gap = iv.mpf([max(gap.a, 0), max(gap.b, 0)])
    return a * (1 - a) * gap ** 2


def modes_gap_bound(L, i: int, a):
    """Planted: the inter-basin term at the modes, a (1 - a) (r_i(mu_1) - r_i(mu_2))^2 = a (1 - a) beta^2 D^4."""
    beta, _, m1, m2 = two_centres(L)
    return a * (1 - a) * iv_frac(beta * (m2 - m1) ** 2) ** 2


def unweighted_bound(L, i: int, a):
    """Planted: the bound without the mixing weight, max{Delta_i - 2 eps, 0}^2."""
    return b5_bound(L, i, iv.mpf(1) / 2) * 4


def check_continuous_variance(L, *, bound: Callable = b5_bound) -> CheckResult:
    r"""[FALA26] Theorem 3.6 at the certified limit: Var_{p_inf}[r_i] >= ``bound`` for i = 1, 2."""
    name = f"Var_p_inf[r_i] >= {bound.__name__}"
    lim = _limit(L)
    if lim.a is None:
        return _undecided(name, lim)
    beta, _, m1, m2 = two_centres(L)
    ev = _limit_evidence(lim)
    with iv_workprec(_PREC):
        out = []
        for i, mu in enumerate((m1, m2)):
            r = [-iv_frac(beta) * (x - iv_frac(mu)) ** 2 for x, _ in lim.atoms]
            w = [wt for _, wt in lim.atoms]
            var = sum((w[j] * w[k] * (r[j] - r[k]) ** 2 for j in range(len(r)) for k in range(j + 1, len(r))),
                      iv.mpf(0))
            out.append((var, bound(L, i, lim.a)))
    ev.update({f"var_r{i + 1}": _iv_json(v, 12) for i, (v, _) in enumerate(out)})
    ev.update({f"bound_r{i + 1}": _iv_json(b, 12) for i, (_, b) in enumerate(out)})
    bad = next((i for i, (v, b) in enumerate(out) if v.b < b.a), None)
    return _decide(name, all(v.a >= b.b for v, b in out), bad is not None, ev,
                   "" if bad is None else f"Var[r_{bad + 1}] = {iv.nstr(out[bad][0], 8)} < {iv.nstr(out[bad][1], 8)}")


# ----------------------------------------------------------------------------------------------
# the setups and the claims


_BETAS = tuple(map(Fraction, ("1", "1/2", "2")))
_QS = tuple(map(Fraction, ("1/2", "2/5", "1/5", "1/10", "3/5", "4/5", "9/10", "1/4")))
_EPS = tuple(map(Fraction, ("1/10", "1/20", "1/4")))


def _strategy(qs: tuple = _QS, max_quarters: int = 24):
    r"""Two quadratic rewards on R with a uniform start, the tables' shape: μ = o ∓ D/2 (o ∈ {0, 1/2}),
    p_0 = Uniform[μ_1 - margin, μ_2 + margin], D a multiple of 1/4 in [1/2, 6], disjoint basins; small D
    first, where the limit can collapse between the modes."""
    import hypothesis.strategies as st

    def build(t):
        beta, q, D, eps, margin, o = t
        return QuadraticLandscape(mu=[o - D / 2, o + D / 2], beta=beta, weights=[q, 1 - q],
                                  init=Uniform(o - D / 2 - margin, o + D / 2 + margin), eps=eps)

    draws = st.tuples(st.sampled_from(_BETAS), st.sampled_from(qs),
                      st.integers(2, max_quarters).map(lambda k: Fraction(k, 4)),
                      st.sampled_from(_EPS), st.sampled_from((1, 2, 3)), st.sampled_from((Fraction(0), Fraction(1, 2))))
    return draws.filter(lambda t: t[0] * t[2] ** 2 > 4 * t[3]).map(build)


_LIMIT_SYMBOLIC = certified("certify_continuous_limit", module="pluralnash.theory._continuous_limit", cache=True)
_READING = ("Decided at the certified large-K limit p* (the mixture or collapse of the continuous geometry, derived in "
            "sympy: u = tanh(c u), c = beta D^2/2, a* = 1/2 + (q - 1/2)/u; p_t -> p* weakly by the relative-smoothness "
            "bound F(p) - F(p_t) <= KL(p || p_0)/t of mirror ascent, Lu, Freund and Nesterov 2018), with interval "
            "enclosures; the symbolic route certifies the derivation, not the conclusion. ")

def _claim(id_: str, source: str, statement: str, premises: tuple, conclusion: str, reading: str,
           instance: Callable) -> Claim:
    """A statement of this family: a continuous setup, the limit's derivation as partial symbolic evidence."""
    return Claim(id=id_, source=source + ", in the Appendix C.4 geometry", statement=statement,
                 premises=(TWO_CENTRES, A21_CONTINUOUS) + premises, setup_kind="continuous", conclusion=conclusion,
                 reading=_READING + reading, symbolic=_LIMIT_SYMBOLIC, symbolic_covers=False, instance=instance,
                 strategy=_strategy)


LEMMA_3_3_CONTINUOUS = _claim(
    "lemma-3.3-continuous", "[FALA26] Lemma 3.3, main text",
    "For r_i(x) = -beta (x - mu_i)^2 on R with a uniform p_0 and Assumption 2.1 (disjoint basins), the outside "
    "mass m_t = p_t(R \\ S_eps) -> 0.", (), "m_inf = 0",
    "m_inf = p*(R \\ S_eps) is 0 exactly when every atom of p* lies in a basin's interior; a collapse onto x_0 "
    "between the basins (T <= 1) keeps m_inf = 1.",
    check_continuous_decay,
).with_controls(
    plant("outside-collapse", "wrong endpoint: m_t -> 1 instead of 0", outside_limit=1),
    plant("rate-eps", "wrong rate: log m_t decays at least at -eps per round", rate_eps=True),
)

LEMMA_3_4_CONTINUOUS = _claim(
    "lemma-3.4-continuous", "[FALA26] Lemma 3.4 / B.5",
    "With m_t -> 0 and kappa = exp(-(Delta - 2 eps)) < 1 at the main text's sharpest Delta = beta (D - rho)^2: "
    "max{0, (q - kappa)/(1 - kappa)} <= a_inf <= min{1, q/(1 - kappa)}.", (M_TO_ZERO, KAPPA_BELOW_ONE),
    "a_inf in [max{0, (q - kappa)/(1 - kappa)}, min{1, q/(1 - kappa)}]",
    "liminf and limsup of a_t are both a_inf = p*(S_1) (weak convergence, no atom on a basin's boundary).",
    check_continuous_leakage,
).with_controls(
    plant("nash-point", "wrong endpoints: the interval collapses to the Nash point {q}", interval=nash_point),
)

LEMMA_3_5_CONTINUOUS = _claim(
    "lemma-3.5-continuous", "[FALA26] Lemma 3.5 / B.6",
    "With m_t -> 0 and q in (kappa_1, 1 - kappa_2) at the main text's sharpest kappa: a_t stays within Lemma 3.4's "
    "interval up to c_eps m_t, and eta <= a_t <= 1 - eta for some eta > 0 and every large t.",
    (M_TO_ZERO, KAPPA_BELOW_ONE, Q_RANGE), "a_inf in Lemma 3.4's interval and 0 < a_inf < 1",
    "At the limit c_eps m_t -> 0, so the bounds are Lemma 3.4's on a_inf = lim a_t, and eta exists iff "
    "0 < a_inf < 1.",
    check_continuous_non_collapse,
).with_controls(
    Variant("dropped-q-range", "dropped premise q in (kappa_1, 1 - kappa_2)",
            premises=(TWO_CENTRES, A21_CONTINUOUS, M_TO_ZERO, KAPPA_BELOW_ONE),
            # close modes and lopsided weights, where q leaves (kappa, 1 - kappa) and the limit collapses into a basin
            strategy=lambda: _strategy(qs=_QS[3:7], max_quarters=8)),
)

THEOREM_3_6_CONTINUOUS = _claim(
    "theorem-3.6-continuous", "[FALA26] Theorem 3.6 / B.6",
    "If a_inf in (0, 1), Var_{p_inf}[r_i] >= a_inf (1 - a_inf) max{Delta_i - 2 eps, 0}^2 with the B.5 constants "
    "Delta_i = beta (D - rho)^2 + eps.", (A_INTERIOR,),
    "Var_{p_inf}[r_i] >= a_inf (1 - a_inf) max{Delta_i - 2 eps, 0}^2, i = 1, 2",
    "p_inf = p* is atomic, so Var_{p_inf}[r_i] = sum_{j<k} w_j w_k (r_i(x_j) - r_i(x_k))^2 is enclosed directly; "
    "Var_{p_t} -> Var_{p_inf} follows from weak convergence with r_i bounded and continuous on supp p_0 "
    "(Portmanteau) and is not checked separately.",
    check_continuous_variance,
).with_controls(
    plant("modes-gap", "wrong constant: the inter-basin term taken at the modes, a (1 - a) beta^2 D^4",
          bound=modes_gap_bound),
    plant("unweighted", "dropped factor: max{Delta_i - 2 eps, 0}^2 without a (1 - a)", bound=unweighted_bound),
)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((55, LEMMA_3_3_CONTINUOUS), (105, LEMMA_3_4_CONTINUOUS), (115, LEMMA_3_5_CONTINUOUS),
         (135, THEOREM_3_6_CONTINUOUS))
