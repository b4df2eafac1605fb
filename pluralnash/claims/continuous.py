r"""The continuous geometry's closed form ([FALA26] Appendix C.4, any m and d); the registry registers it from ``TABLE``.

``continuous-closed-form``: for quadratic rewards and a Gaussian start (any d) or a uniform start
(d = 1), the large-K dynamics is a finite Gaussian mixture with explicit parameters and weights;
the engine :func:`pluralnash.numeric.run_continuous` computes it.  Routes: sympy certifies the
identities (:func:`pluralnash.theory.derive_continuous_closed_form`); the instance compares the
engine's Z_i(t) and basin masses with quadrature of the step-by-step dynamics; the property search
draws :func:`pluralnash.properties._strategies_continuous.quadratic_landscapes`.

Definitions
-----------
A setup is a :class:`~pluralnash.numeric.engines.continuous.QuadraticLandscape` with a basin width ε:
rewards r_i(x) = -β ‖x - μ_i‖², weights q_i, start p_0 = N(m_0, s² I) (or uniform on [a, b] in
d = 1).  The *closed form* (:func:`~pluralnash.numeric.engines.continuous.run_continuous`) gives Z_i(t)
and the basin masses p_t(S_{i,ε}) from the mixture p_t = p_0 Σ_{|n|=t} c_n(t) Π_i e^{n_i r_i}.
The *independent route* (:func:`~pluralnash.numeric.engines.continuous_quadrature.quadrature_values`)
never uses that mixture: it integrates p_0 Π_{s<t} W_s step by step (d = 1, or d > 1 with m_0 and
the centres on one line).

Decision
--------
Each Z_i(t) and p_t(S_{i,ε}) (t = 0..T) must agree within ``tol = 10 · estimate + 10^{1-dps}·|value|``
(``dps`` digits is what the engine reports).  Agreement is a HOLDS with ``method="mp-point"``:
evidence, not a certificate.  A disagreement in d = 1 is then decided with intervals (mpmath.iv):
the exact Z_i(s) is enclosed by cell sums of interval evaluations of p_0 Π W_s e^{r_i}
(:func:`~pluralnash.numeric.engines.continuous_quadrature.enclose_Z`), and a closed-form value
outside the enclosure by more than 10^{5-dps} relative (far beyond its own rounding) is a
certified FAILS (``method="interval"``); otherwise UNDECIDED.

Planted variants (``variant=``, see :data:`pluralnash.theory._continuous.VARIANTS`) replace the
closed form by a false one: ``"precision-without-2"`` (1/v = 1/s² + βk, with M(n) to match),
``"no-V-factor"`` (M(n) without e^{-βV_n}), ``"unnormalised"`` (c_n(t+1) = Σ_i c_{n-e_i}(t) q_i,
no division by Z_i(t)).

Python spellings: ``beta`` = β, ``eps`` = ε, ``steps`` = T.
"""

from __future__ import annotations

from typing import Any

import mpmath

from pluralnash._registry import Claim, Premise, Variant
from pluralnash.claims._declare import STRATEGIES_CONTINUOUS, certified, drawn
from pluralnash.numeric.arith.rational import frac_mpf as _mpf
from pluralnash.numeric.engines import Moments as _Moments, check_steps as _check_steps, round_at as _round, run_continuous
from pluralnash.numeric.engines.continuous_integrals import GUARD
from pluralnash.numeric.engines import (
    QUADRATURE_CELLS as _CELLS,
    QUADRATURE_EXTRA_DPS as _EXTRA,
    Gaussian,
    QuadraticLandscape,
    Uniform,  # noqa: F401 (the examples below build a uniform start)
    check_continuous_dps as _check_dps,
    check_quadratic_landscape as _check_landscape,
    enclose_Z,
    quadrature_values,
    squared_distance as _dist2,
)
from pluralnash.theory import CheckResult, InvalidArgument, Verdict
from pluralnash.theory._continuous import VARIANTS

__all__ = [
    "check_continuous_closed_form",
    "check_continuous_setup",
    "closed_form_values",
    "enclose_Z",
    "quadrature_values",
]


def _check_variant(variant: Any) -> None:
    if variant is not None and variant not in VARIANTS:
        raise InvalidArgument(f"variant={variant!r} is not a planted variant; use None or one of {', '.join(VARIANTS)}")


def check_continuous_setup(landscape: Any) -> CheckResult:
    """Premise: a quadratic landscape with a basin width ε (so that p_t(S_{i,ε}) is defined)."""
    name = "quadratic rewards, Gaussian (any d) or uniform (d = 1) start, eps given"
    if not isinstance(landscape, QuadraticLandscape):
        return CheckResult(name, Verdict.FAILS, "exact", {}, "the setup is not a QuadraticLandscape")
    if landscape.eps is None:
        return CheckResult(name, Verdict.FAILS, "exact", {}, "no eps: the basins are not defined")
    return CheckResult(name, Verdict.HOLDS, "exact", {"d": landscape.d, "m": landscape.m})


# ----------------------------------------------------------------------------------------------
# the closed form, true (the engine) or planted


class _PlantedMoments(_Moments):
    """The engine's M(n) and components with one planted change.

    ``precision-without-2`` reuses the engine at β/2, whose component has exactly the planted
    1/v = 1/s² + βk and (1 + βk s²); only the exponent of M(n) is put back at β.
    """

    def __init__(self, landscape: QuadraticLandscape, dps: int, variant: str | None):
        super().__init__(landscape, dps)
        self.variant = variant
        self.half = (_Moments(landscape.replace(beta=landscape.beta / 2), dps)
                     if variant == "precision-without-2" and isinstance(landscape.init, Gaussian) else None)

    def component(self, n):
        if n in self._M:
            return self._M[n]
        k, mubar, V = self._shape(n)
        L = self.L
        with mpmath.workdps(self.work):
            if self.variant == "no-V-factor" and k:
                M, desc = super().component(n)
                factor = mpmath.exp(self.beta * _mpf(V))
            elif self.half is not None and k:
                M, desc = self.half.component(n)
                den = 1 + L.beta * k * L.init.var
                factor = mpmath.exp(-_mpf(L.beta * (V + k * _dist2(L.init.mean, mubar) / den)) / 2)
            else:
                return super().component(n)
            M = M * factor
            if L.d == 1:
                desc = (desc[0] * factor,) + tuple(desc[1:])
        self._M[n] = (M, desc)
        return self._M[n]


def _planted_run(landscape: QuadraticLandscape, steps: int, dps: int, variant: str | None) -> dict:
    mom = _PlantedMoments(landscape.replace(weights=None), dps, variant)
    m = landscape.m
    units = [tuple(int(j == i) for j in range(m)) for i in range(m)]
    Z_rows, mass_rows = [], []
    with mpmath.workdps(dps + GUARD):
        q = [_mpf(v) for v in landscape.weights]
        c = {(0,) * m: mpmath.mpf(1)}
        for t in range(steps + 1):
            Z = [mpmath.fsum(cn * mom.M(tuple(a + b for a, b in zip(n, e))) for n, cn in c.items()) for e in units]
            Z_rows.append([_round(z, dps) for z in Z])
            mass_rows.append([_round(mpmath.fsum(cn * mom.basin(n)[0][i] for n, cn in c.items()), dps)
                              for i in range(m)])
            new: dict = {}
            for n, cn in c.items():
                for i, e in enumerate(units):
                    key = tuple(a + b for a, b in zip(n, e))
                    new[key] = new.get(key, 0) + cn * (q[i] if variant == "unnormalised" else q[i] / Z[i])
            c = new
    return {"Z": Z_rows, "masses": mass_rows}


def closed_form_values(landscape: QuadraticLandscape, steps: int = 3, *, dps: int = 20,
                       variant: str | None = None, reference: bool = False) -> dict:
    r"""Z_i(t) and p_t(S_{i,ε}) for t = 0..T from the closed form.

    ``variant=None`` runs the engine (:func:`run_continuous`); a planted ``variant`` (or
    ``reference=True``, the same recursion with no change, for testing the planted code) runs
    the recursion of the module docstring on :class:`_PlantedMoments`.

    Returns
    -------
    dict with ``"Z"`` and ``"masses"``: lists over t of lists over i (mpf, ``dps`` digits).
    """
    L = _check_landscape(landscape)
    steps, dps = _check_steps(steps), _check_dps(dps)
    _check_variant(variant)
    if variant is not None or reference:
        return _planted_run(L, steps, dps, variant)
    tr = run_continuous(L, steps, dps=dps)
    return {"Z": [r["Z"] for r in tr.records], "masses": [r["masses"] for r in tr.records]}



# ----------------------------------------------------------------------------------------------
# the check


def check_continuous_closed_form(landscape: QuadraticLandscape, *, steps: int = 3, dps: int = 12,
                                 variant: str | None = None) -> CheckResult:
    r"""Compare the closed form's Z_i(t), p_t(S_{i,ε}) (t <= T) with quadrature of the step-by-step dynamics.

    Parameters
    ----------
    landscape : QuadraticLandscape
        With ``eps``.
    steps : int
        T (small: the check is meant for T <= 3).
    dps : int
        Digits compared (the engine's precision); the quadrature carries 10 more.
    variant : str, optional
        A planted false closed form (negative control).

    Returns
    -------
    CheckResult
        HOLDS (``mp-point``, not certified) when every value agrees within its tolerance; FAILS
        (``interval``, certified) when a mismatch is confirmed against interval enclosures of the
        exact Z_i(t) (d = 1); UNDECIDED otherwise, with the reason.

    Examples
    --------
    >>> L = QuadraticLandscape(mu=[-1, 1], weights=["1/3", "2/3"], init=Uniform(-3, 3), eps="1/10")
    >>> r = check_continuous_closed_form(L, steps=2)
    >>> (r.verdict, r.method, r.certified)
    (Verdict.HOLDS, 'mp-point', False)
    >>> bad = check_continuous_closed_form(L, steps=2, variant="no-V-factor")
    >>> (bad.verdict, bad.method, bad.certified)
    (Verdict.FAILS, 'interval', True)
    """
    L = _check_landscape(landscape)
    steps, dps = _check_steps(steps), _check_dps(dps)
    _check_variant(variant)
    name = "closed-form Z_i(t) and p_t(S_i,eps) = quadrature of p_0 prod_(s<t) W_s"
    quad = quadrature_values(L, steps, dps=dps)
    if quad is None:
        return CheckResult(name, Verdict.UNDECIDED, "mp-point", {"d": L.d},
                           "d > 1 with m_0 and the centres not on one line: no independent quadrature route here")
    closed = closed_form_values(L, steps, dps=dps, variant=variant)
    with mpmath.workdps(dps + _EXTRA):
        worst, unresolved, first_bad = _compare(closed, quad, dps)
        evidence: dict[str, Any] = {"steps": steps, "dps": dps, "route": quad["route"], "d": L.d, "m": L.m,
                                    "worst_diff_over_tol": mpmath.nstr(worst, 6),
                                    "margin": float(1 - worst), "tail_bound": mpmath.nstr(quad["tail_bound"], 3)}
        if variant:
            evidence["variant"] = variant
        if first_bad is None:
            if unresolved:
                return CheckResult(name, Verdict.UNDECIDED, "mp-point", evidence,
                                   f"quadrature not resolved to 10^-{dps // 2} relative: {unresolved}")
            return CheckResult(name, Verdict.HOLDS, "mp-point", evidence)
        kind, t, i, c, v, tol = first_bad
        evidence["mismatch"] = {"quantity": f"{kind}[t={t}][i={i}]", "closed_form": mpmath.nstr(c, 15),
                                "quadrature": mpmath.nstr(v, 15), "tolerance": mpmath.nstr(tol, 3)}
        reason = f"{'Z_i' if kind == 'Z' else 'p_t(S_i)'} at t={t}, i={i + 1}: closed form {mpmath.nstr(c, 10)} " \
                 f"vs quadrature {mpmath.nstr(v, 10)}"
        # enclose the exact Z up to the first mismatched Z (or every round for a mass mismatch)
        return _certify_mismatch(L, t if kind == "Z" else steps, dps, closed, name, evidence, reason)


def _compare(closed: dict, quad: dict, dps: int) -> tuple:
    """(worst |closed - quadrature|/tol, the first value the quadrature does not resolve, the first mismatch).

    A Z mismatch is preferred to a mass mismatch (it is the one intervals can certify).  Runs at the
    caller's working precision.
    """
    worst, unresolved, first_bad = mpmath.mpf(0), None, None
    for kind, err_key in (("Z", "Z_error"), ("masses", "mass_error")):
        for t, (row_c, row_q, row_e) in enumerate(zip(closed[kind], quad[kind], quad[err_key])):
            for i, (c, v, e) in enumerate(zip(row_c, row_q, row_e)):
                # Z_i relative; a basin mass (a probability) to 10^-(dps/2) absolute at least
                scale = max(abs(v), mpmath.mpf(10) ** -(dps // 2 if kind == "masses" else dps))
                if e > mpmath.mpf(10) ** (-(dps // 2)) * scale:
                    unresolved = unresolved or f"{kind}[t={t}][{i}] estimate {mpmath.nstr(e, 3)}"
                tol = 10 * e + mpmath.mpf(10) ** (1 - dps) * scale
                ratio = abs(c - v) / tol
                if ratio > 1 and (first_bad is None or (kind == "Z" and first_bad[0] != "Z")):
                    first_bad = (kind, t, i, c, v, tol)
                worst = max(worst, ratio)
    return worst, unresolved, first_bad


def _certify_mismatch(L, steps, dps, closed, name, evidence, reason) -> CheckResult:
    if L.d != 1:
        return CheckResult(name, Verdict.UNDECIDED, "mp-point", evidence,
                           f"{reason} (not certified: no interval route in d > 1)")
    encl = enclose_Z(L, steps)
    slack = mpmath.mpf(10) ** (5 - dps)
    for t, (row_c, row_e) in enumerate(zip(closed["Z"], encl)):
        for i, (c, box) in enumerate(zip(row_c, row_e)):
            lo, hi = mpmath.mpf(box.a), mpmath.mpf(box.b)
            pad = slack * abs(c)
            if c + pad < lo or c - pad > hi:
                evidence["certificate"] = {"quantity": f"Z[t={t}][i={i}]", "closed_form": mpmath.nstr(c, 15),
                                           "enclosure": [mpmath.nstr(lo, 15), mpmath.nstr(hi, 15)],
                                           "cells": _CELLS}
                return CheckResult(name, Verdict.FAILS, "interval", evidence,
                                   f"Z_{i + 1}({t}) = {mpmath.nstr(c, 10)} from the closed form lies outside the "
                                   f"interval enclosure [{mpmath.nstr(lo, 10)}, {mpmath.nstr(hi, 10)}] of the exact "
                                   f"value ({reason})")
    return CheckResult(name, Verdict.UNDECIDED, "mp-point", evidence,
                       f"{reason}; the interval enclosures ({_CELLS} cells) are too wide to certify it")


_ONE_DIMENSIONAL_STRATEGY = drawn("quadratic_landscapes", max_dim=1, min_rewards=2, distinct_centres=True,
                                  module=STRATEGIES_CONTINUOUS)


def _planted(variant: str) -> dict:
    # a mismatch is certified by intervals in d = 1 only, so the controls search there (m >= 2
    # distinct centres, where every planted change can show)
    return dict(check_keywords={"variant": variant}, strategy=_ONE_DIMENSIONAL_STRATEGY)


SETUP = Premise("quadratic setup", "rewards -beta |x - mu_i|^2, a Gaussian start (any d) or a uniform start (d = 1), "
                                   "eps > 0 given", check_continuous_setup)

CONTINUOUS = Claim(
    id="continuous-closed-form",
    models=("large-k",),
    source="[FALA26] Eq. 5 and Appendix C.4 (quadratic rewards), generalised; closed form: pluralnash (this toolkit)",
    statement="For rewards r_i(x) = -beta |x - mu_i|^2 on R^d and p_0 = N(m_0, s^2 I) (or uniform on [a, b] when "
              "d = 1), the large-K dynamics is the finite mixture p_t = p_0 sum_{|n|=t} c_n(t) prod_i e^{n_i r_i}, "
              "c_n(t+1) = sum_{i: n_i >= 1} c_{n-e_i}(t) q_i / Z_i(t), Z_i(t) = sum_n c_n(t) M(n + e_i); each term "
              "is -beta k |x - mubar_n|^2 - beta V_n in the exponent (k = |n|), a Gaussian N(m_n, v I) with "
              "1/v = 1/s^2 + 2 beta k, m_n = v (m_0/s^2 + 2 beta k mubar_n), and M(n) = (1 + 2 beta k s^2)^{-d/2} "
              "exp(-beta V_n - beta k |m_0 - mubar_n|^2 / (1 + 2 beta k s^2)) (an erf difference for the uniform start).",
    premises=(SETUP,),
    setup_kind="continuous",
    conclusion="the engine's Z_i(t) and basin masses p_t(S_i,eps) equal those of the dynamics p_{t+1} = p_t W_t",
    reading="Symbolic (partial: the recursion is checked at m <= 3, t <= 3): completing the square in aggregate form (any m) and for "
            "m = 2, 3; the Gaussian component and M(n); the erf form by the fundamental theorem of calculus; the "
            "expansion of prod_s W_s into the c_n for m <= 3, t <= 3 and the weights' normalisation; coordinate "
            "factorisation, linearity and the induction over t are cited. Instance: the engine (run_continuous, "
            "20 digits) against Gauss-Legendre quadrature of p_0 prod_{s<t} W_s built step by step (d = 1; in "
            "d > 1 only with m_0 and the centres on one line, reduced to the line times a centred Gaussian across "
            "it), t <= 3, within 10 x the quadrature's error estimate: agreement is mp-point evidence, not a "
            "certificate. A disagreement in d = 1 is certified by interval enclosures (mpmath.iv cell sums) of the "
            "exact Z_i(t); that is how the planted controls are rejected.",
    symbolic=certified("derive_continuous_closed_form", module="pluralnash.theory._continuous"),
    symbolic_covers=False,
    instance=check_continuous_closed_form,
    strategy=drawn("quadratic_landscapes", module=STRATEGIES_CONTINUOUS),
).with_controls(
    Variant("precision-without-2", "1/v = 1/s^2 + beta k (the factor 2 dropped), with M(n) = "
                                   "(1 + beta k s^2)^{-d/2} exp(-beta V_n - beta k |m_0 - mubar|^2/(1 + beta k s^2))",
            **_planted("precision-without-2")),
    Variant("no-V-factor", "M(n) without the factor e^{-beta V_n} (sum_i n_i r_i = -beta k |x - mubar_n|^2)",
            **_planted("no-V-factor")),
    Variant("unnormalised", "c_n(t+1) = sum_i c_{n-e_i}(t) q_i: the weights not divided by Z_i(t)",
            **_planted("unnormalised")),
)


# (place in the verdict table, claim): see pluralnash.claims.FAMILIES
TABLE = ((290, CONTINUOUS),)
