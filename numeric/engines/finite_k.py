r"""The finite-K curated weight H^K_p of [FALA26] Lemma 3.1, and the selection law it predicts.

Definitions ([FALA26] §2.1, Lemma 3.1)
---------------------------------------
- Atoms x_1..x_n; ``p`` is a distribution on them (the model p_t).
- ``w`` holds w(x) = e^{r(x)} > 0 for one reward r; ``ws`` holds w_i(x) = e^{r_i(x)} for m
  rewards, one row per reward; ``q`` holds the curation weights q_1..q_m.
- K >= 2 candidates are drawn i.i.d. from p; one reward r_i is drawn with probability q_i;
  candidate k is kept with the Bradley–Terry / Luce probability w_i(x_k) / Σ_j w_i(x_j).
- The finite-K curated weight is

      H^K_p(x) = E_{y_1..y_{K-1} ~ p i.i.d.} [ K w(x) / (w(x) + Σ_j w(y_j)) ],

  and Lemma 3.1 states that the law of the kept candidate is
  p_{t+1}(x) = p_t(x) Σ_i q_i H^{K,r_i}_{p_t}(x).
- Σ_x p(x) H^K_p(x) = (Σ_x p(x))^K, which is 1 for a distribution; both methods below
  are checked against it.

Two independent computations of H
---------------------------------
- ``method="enumerate"``: exact, over the multisets of the K-1 other draws (compositions of
  K-1 over the atoms with p > 0, weighted by multinomial coefficients).  Fractions in,
  Fractions out.
- ``method="quadrature"``: from 1/s = ∫_0^∞ e^{-ts} dt,

      H^K_p(x) = K w(x) ∫_0^∞ e^{-t w(x)} φ(t)^{K-1} dt,   φ(t) = Σ_y p(y) e^{-t w(y)},

  evaluated with ``mpmath.quad`` (tanh-sinh) inside a local precision context.

:func:`evaluate_selection_law` is a third, brute-force computation straight from the
sampling process; it never uses H, so it can check Lemma 3.1.

Inputs: Fractions (and anything :func:`pluralnash.numeric.to_fraction` accepts: ints, strings
like ``"1/3"``, floats by their shortest decimal) are exact; ``mpmath.mpf`` values are not.
Precision is the ``dps=`` keyword and never a global.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Sequence

import mpmath
from mpmath.libmp import mpf_pos

from pluralnash.numeric.model import show as _show, to_fraction
from pluralnash.numeric.arith.precision import check_dps
from pluralnash.numeric.arith.rational import frac_mpf, over_common_denominator
from pluralnash.numeric.engines.finite_k_law import exact_weights, mpf_weights
from pluralnash.theory._words import plural
from pluralnash.numeric.model.validate import check_candidates, check_int
from pluralnash.theory import InvalidArgument, SolverError

__all__ = ["evaluate_finite_k_weights", "evaluate_selection_law"]

#: Largest number of compositions of K-1 that ``method="enumerate"`` will walk.
MAX_COMPOSITIONS = 200_000
#: ``method="auto"`` enumerates exact inputs up to this many compositions.
AUTO_COMPOSITIONS = 5_000
#: Most digits ``method="quadrature"`` works at: tanh-sinh's cost grows steeply with the precision
#: (here about 3 s at 100 digits and 20 s at 300 for two atoms), so beyond this ``"auto"``
#: enumerates (whatever the inputs) and an explicit ``"quadrature"`` is refused.
QUADRATURE_MAX_DPS = 400
#: Largest number of ordered K-tuples :func:`evaluate_selection_law` will walk.
MAX_TUPLES = 200_000

_METHODS = ("auto", "enumerate", "quadrature")


# -- validation ---------------------------------------------------------------------------

def _number(value: Any, name: str) -> Fraction | mpmath.mpf:
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise InvalidArgument(f"{name}={value!r} must be finite; pass a finite number")
        return value
    return to_fraction(value, name)


def _sequence(values: Any, name: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise InvalidArgument(f"{name}={_show(values)} must be a list of numbers; pass e.g. ['1/2', '1/2']")
    out = [_number(v, f"{name}[{k}]") for k, v in enumerate(values)]
    if not out:
        raise InvalidArgument(f"{name}=[] is empty; give one entry per atom")
    return out


def _check_K(K: Any) -> int:
    check_int(K, "K", rule="a whole number >= 2 (an int)", example="K=4")
    return check_candidates(K)


def _check_distribution(p: list[Any], name: str, dps: int) -> None:
    for k, v in enumerate(p):
        if v < 0:
            raise InvalidArgument(f"{name}[{k}]={_show(v)} is negative; probabilities must be >= 0")
    if all(isinstance(v, Fraction) for v in p):
        a, D = over_common_denominator(p)  # Σ p = 1 over one denominator: no reductions
        if sum(a) != D:
            total = sum(p, Fraction(0))
            raise InvalidArgument(
                f"{name} must sum to 1 (its exact sum is {_show(total)}); normalise it or pass exact fractions"
            )
        return
    with mpmath.workdps(max(dps, 15) + 10):
        total = mpmath.fsum(_mpf(v) for v in p)
        tol = len(p) * mpmath.mpf(10) ** (-min(dps, 15) + 1)
        if abs(total - 1) > tol:
            raise InvalidArgument(
                f"{name} must sum to 1 (its sum is {mpmath.nstr(total, 17)}, off by "
                f"{mpmath.nstr(total - 1, 3)} > tolerance {mpmath.nstr(tol, 3)}); normalise it"
            )


def _check_positive(w: list[Any], name: str) -> None:
    for k, v in enumerate(w):
        if v <= 0:
            raise InvalidArgument(
                f"{name}[{k}]={_show(v)} must be > 0 (it is e^r); pass a positive number"
            )


_check_dps = check_dps


def _mpf(v: Fraction | mpmath.mpf) -> mpmath.mpf:
    """v at the current mpmath precision."""
    if isinstance(v, Fraction):
        return frac_mpf(v)
    return +v


def _power_exceeds(base: int, K: int, limit: int) -> bool:
    """base**K > limit, decided without forming base**K (K may be 10^12)."""
    if base <= 1:
        return base > limit
    if K * math.log2(base) > math.log2(limit) + 1:  # clearly above: the floats err by far less than 1 bit
        return True
    return base ** K > limit  # here base**K has at most about log2(limit) + 1 bits


def _power_text(base: int, K: int) -> str:
    """base^K written readably: the exact value when short, else its order of magnitude."""
    if base <= 1 or K * math.log10(base) < 16:
        return f"{base}^{K} = {base ** K}"
    return f"{base}^{K} (about 10^{math.floor(K * math.log10(base))})"


def brute_force_too_large(support_size: int, K: int) -> str:
    """Why the exact Lemma 3.1 comparison at this size is out of reach ('' when it is not).

    It walks support_size^K ordered tuples (:func:`evaluate_selection_law`) and the
    compositions of K-1 (``method="enumerate"``); both are bounded without forming the counts.
    """
    if _power_exceeds(support_size, K, MAX_TUPLES):
        return f"the brute-force law walks {_power_text(support_size, K)} ordered K-tuples (limit {MAX_TUPLES})"
    count = _bounded_composition_count(support_size, K)
    if count > MAX_COMPOSITIONS:
        return f"enumerating H needs {_count_text(support_size, K)} compositions of K-1 (limit {MAX_COMPOSITIONS})"
    return ""


def _log10_compositions(support_size: int, K: int) -> float:
    """log10 of :func:`composition_count`, from log-gamma (never forms the count)."""
    n, k = K - 1 + support_size - 1, support_size - 1
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(10)


def _bounded_composition_count(support_size: int, K: int) -> int | float:
    """:func:`composition_count`, or ``math.inf`` when it clearly exceeds 10^15.

    With K = 10^12 and 10^6 atoms the exact count has millions of digits and takes minutes to
    form; every caller only compares it with MAX_COMPOSITIONS or AUTO_COMPOSITIONS.
    """
    if support_size <= 1:
        return 1
    if _log10_compositions(support_size, K) > 16:
        return math.inf
    return composition_count(support_size, K)


def _count_text(support_size: int, K: int) -> str:
    count = _bounded_composition_count(support_size, K)
    return str(count) if count != math.inf else f"about 10^{math.floor(_log10_compositions(support_size, K))}"


def composition_count(support_size: int, K: int) -> int:
    """Number of multisets of K-1 draws from ``support_size`` atoms: C(K-1+s-1, s-1)."""
    return math.comb(K - 1 + support_size - 1, support_size - 1)


# -- H by enumeration ---------------------------------------------------------------------

def _sum_law(probs: list[Any], weights: list[Any], draws: int, one: Any, zero: Any) -> dict[Any, Any]:
    r"""Law of Σ_{j=1}^{draws} w(y_j) for y_j ~ p i.i.d., as {value: probability}.

    Walks the compositions (c_y) of ``draws`` atom by atom; each carries the multinomial
    coefficient as a product of binomials C(remaining, c_y) and the probability Π p(y)^{c_y}.
    Equal partial sums are merged, so the state count never exceeds the composition count.
    This is the reference walk: the kernels of :mod:`~pluralnash.numeric.engines.finite_k_law`
    return what it and the sum over its law return (the tests compare them bit for bit).
    """
    s = len(probs)
    powers = []
    for pr in probs:
        row = [one]
        for _ in range(draws):
            row.append(row[-1] * pr)
        powers.append(row)
    states: dict[tuple[int, Any], Any] = {(0, zero): one}
    for j in range(s):
        last = j == s - 1
        nxt: dict[tuple[int, Any], Any] = {}
        for (used, total), mass in states.items():
            left = draws - used
            for c in ([left] if last else range(left + 1)):
                key = (used + c, total + c * weights[j])
                nxt[key] = nxt.get(key, zero) + mass * math.comb(left, c) * powers[j][c]
        states = nxt
    return {total: mass for (_, total), mass in states.items()}


def _enumerate(p: list[Any], rows: list[list[Any]], K: int, count: int, dps: int, support: list[int],
               error: bool = True) -> list[tuple[list[Any], list[Any] | None]]:
    """(values, errors) of ``method="enumerate"`` for every row w at one p (p's conversion shared)."""
    # The kernels of finite_k_law return what _sum_law and the sum over its law return, faster.
    exact_p = all(isinstance(v, Fraction) for v in p)
    out: list[Any] = [None] * len(rows)
    rounded = []
    for i, w in enumerate(rows):
        if exact_p and all(isinstance(v, Fraction) for v in w):
            out[i] = exact_weights(p, w, K), [Fraction(0)] * len(w)
        else:
            rounded.append(i)
    if not rounded:
        return out
    raws = []
    with mpmath.workdps(dps + 10 + len(str(count)) + len(str(K))):
        pm, (prec, rnd) = [_mpf(v) for v in p], mpmath.mp._prec_rounding
        for i in rounded:
            raw, states = mpf_weights(pm, [_mpf(v) for v in rows[i]], K, support, prec, rnd)
            # Every term is positive, so the relative rounding error is at most a few ulps per term.
            raws.append((i, raw, (states + 2 * K + len(rows[i])) * mpmath.eps if error else None))
    with mpmath.workdps(dps):
        prec, rnd = mpmath.mp._prec_rounding
        for i, raw, bound in raws:
            out[i] = [mpmath.mp.make_mpf(mpf_pos(v, prec, rnd)) for v in raw], ([+bound] * len(raw) if error else None)
    return out


# -- H by quadrature ----------------------------------------------------------------------

def _quadrature(p: list[Any], w: list[Any], K: int, dps: int, *, maxdegree: int | None = None,
                ratio: int = 8) -> tuple[list[mpmath.mpf], list[mpmath.mpf]]:
    r"""H by the integral representation; returns (values, relative error estimates).

    With w scaled so max w = 1 (H is invariant to w -> c w), write g_x(t) = -(K-1) log φ(t)
    + t w(x).  -log φ is concave with slope falling from μ = E_p[w] to w_min (over the
    support of p), so g_x(t) <= g_x'(0) t and the integral is at least 1/g_x'(0).  Time is
    measured in units t0 = 1/((K-1)μ + 1), the fastest decay scale; in these units every
    integral is >= 1, so mpmath's absolute error is also a relative one.  Breakpoints are
    0, 1, ratio, ratio², ... up to S where the slowest integrand has decayed below the working
    precision; the tail beyond S is bounded by e^{-g_x(t0 S)} / (t0 g_x'(∞)), with
    g_x'(∞) >= (K-1) w_min + w(x), and added to the error estimate.
    """
    n = len(p)
    work = dps + 10 + len(str(K)) + len(str(n))
    with mpmath.workdps(work):
        pm, wm = [_mpf(v) for v in p], [_mpf(v) for v in w]
        top = max(wm)
        wm = [v / top for v in wm]
        # Atoms with equal w enter φ as one term; plateaus make this common.
        grouped: dict[mpmath.mpf, list[mpmath.mpf]] = {}
        for k in range(n):
            if pm[k] > 0:
                grouped.setdefault(wm[k], []).append(pm[k])
        support = [(mpmath.fsum(prs), wy) for wy, prs in grouped.items()]
        mass = mpmath.fsum(pr for pr, _ in support)
        mu = mpmath.fsum(pr * wy for pr, wy in support)
        t0 = 1 / ((K - 1) * mu + 1)
        w_min_support = min(wy for _, wy in support)
        w_min = min(wm)

        def phi(t):
            return mpmath.fsum(pr * mpmath.exp(-t * wy) for pr, wy in support)

        def g(t, wx):
            return -(K - 1) * mpmath.log(phi(t)) + t * wx

        slope_min = t0 * ((K - 1) * w_min_support + w_min)
        target = (work + 2) * mpmath.log(10) + max(mpmath.mpf(0), -mpmath.log(slope_min))
        points = [mpmath.mpf(0), mpmath.mpf(1)]
        while g(t0 * points[-1], w_min) < target:
            points.append(points[-1] * ratio)
        end = t0 * points[-1]
        log_phi_end = mpmath.log(phi(end))

        cache: dict[mpmath.mpf, mpmath.mpf] = {}

        def Phi(s):
            v = cache.get(s)
            if v is None:
                v = cache[s] = phi(t0 * s) ** (K - 1)
            return v

        by_w: dict[mpmath.mpf, tuple[mpmath.mpf, mpmath.mpf]] = {}
        for wx in wm:
            if wx in by_w:
                continue
            rate = t0 * wx
            integral, err = mpmath.quad(lambda s: mpmath.exp(-rate * s) * Phi(s), points,
                                        error=True, maxdegree=maxdegree)
            tail = mpmath.exp((K - 1) * log_phi_end - end * wx) / (t0 * ((K - 1) * w_min_support + wx))
            by_w[wx] = (K * rate * (integral + tail / 2), (err + tail / 2) / integral)
        values = [by_w[wx][0] for wx in wm]
        errors = [by_w[wx][1] for wx in wm]
        defect = abs(mpmath.fsum(pr * h for pr, h in zip(pm, values)) - mass ** K)
        worst = max(range(n), key=lambda k: errors[k])
        need = mpmath.mpf(10) ** (-dps + 2)
        if errors[worst] > need or defect > need:
            measured = errors[worst] if errors[worst] > need else defect
            what = (f"estimated relative error {mpmath.nstr(errors[worst], 3)} at atom {worst}"
                    if errors[worst] > need else
                    f"mass identity sum_x p(x) H(x) = (sum p)^K off by {mpmath.nstr(defect, 3)}")
            raise SolverError(
                f"Could not evaluate H^K by quadrature within the requested tolerance "
                f"({mpmath.nstr(measured, 3)} > {mpmath.nstr(need, 3)}): {what} "
                f"(K={K}, n={n}, dps={dps}, max w / min w = {mpmath.nstr(1 / w_min, 3)}). "
                f"Try method='enumerate' if n and K are small, or a lower dps."
            )
    with mpmath.workdps(dps):
        return [+v for v in values], [+e for e in errors]


# -- public ---------------------------------------------------------------------------------

def evaluate_finite_k_weights(p: Sequence[Any], w: Sequence[Any], K: int, *, method: str = "auto",
                              dps: int = 30, error: bool = False) -> list[Any] | tuple[list[Any], list[Any]]:
    r"""The finite-K curated weight H^K_p(x) of [FALA26] Lemma 3.1, at every atom x.

    H^K_p(x) = E_{y_1..y_{K-1} ~ p i.i.d.} [ K w(x) / (w(x) + Σ_j w(y_j)) ], w = e^r.

    Parameters
    ----------
    p : sequence of n numbers
        The distribution p (non-negative, summing to 1).  Fractions are exact; ``mpmath.mpf``
        values must sum to 1 up to rounding.
    w : sequence of n positive numbers
        w(x) = e^{r(x)}.  Only ratios matter: H is unchanged when w is multiplied by c > 0.
    K : int
        Number of candidates, K >= 2.
    method : {"auto", "enumerate", "quadrature"}, optional
        ``"enumerate"`` walks the compositions of the K-1 other draws over the atoms with
        p > 0: exact Fractions when every input is exact, else mpf at ``dps``.  It refuses
        more than ``MAX_COMPOSITIONS`` compositions.  ``"quadrature"`` evaluates
        K w(x) ∫_0^∞ e^{-t w(x)} φ(t)^{K-1} dt, φ(t) = Σ_y p(y) e^{-t w(y)}, with
        ``mpmath.quad`` and returns mpf; it is for large n or K.  ``"auto"`` (default)
        enumerates exact inputs with at most ``AUTO_COMPOSITIONS`` compositions and uses
        quadrature otherwise.
    dps : int, optional
        Decimal digits of the returned mpf values (default 30).  Guard digits are added
        inside; the global mpmath precision is never changed.
    error : bool, optional
        If True, also return a relative error estimate for each value (mpmath ``quad``
        style): 0 for exact enumeration, a rounding bound for mpf enumeration, and
        mpmath's quadrature estimate plus a bound on the truncated tail for quadrature.
        The estimates refer to the working precision (``dps`` plus guard digits), before
        the final rounding to ``dps`` digits.

    Returns
    -------
    list
        H^K_p(x) for x = 0..n-1 (atoms with p(x) = 0 included): Fractions from exact
        enumeration, else mpf at ``dps`` digits.  With ``error=True``, ``(values, errors)``.

    Raises
    ------
    InvalidArgument
        For K < 2, lengths that differ, w <= 0, p < 0 or not summing to 1, an unknown
        method, or an enumeration with more than ``MAX_COMPOSITIONS`` compositions.
    SolverError
        If quadrature's estimated relative error, or the defect of Σ_x p(x) H(x) = 1,
        exceeds 10^(2-dps).

    Notes
    -----
    Σ_x p(x) H^K_p(x) = 1: exactly for enumeration, and to working precision for
    quadrature, where it is checked before returning.  As K → ∞, H^K_p(x) → w(x)/E_p[w]
    with error O(1/K) ([FALA26] Lemma 3.2).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> H = evaluate_finite_k_weights([F(1, 2), F(1, 2)], [F(1), F(3)], 2)
    >>> H
    [Fraction(3, 4), Fraction(5, 4)]
    >>> sum(pi * h for pi, h in zip([F(1, 2), F(1, 2)], H)) == 1
    True
    >>> Hq = evaluate_finite_k_weights([F(1, 2), F(1, 2)], [F(1), F(3)], 2, method="quadrature", dps=20)
    >>> [abs(a - b) < 1e-18 for a, b in zip(Hq, H)]
    [True, True]
    """
    return finite_k_weights(p, w, K, method, _check_dps(dps), error)


def finite_k_weights(p: Sequence[Any], w: Sequence[Any], K: int, method: str, dps: int, error: bool = False):
    """:func:`evaluate_finite_k_weights` with ``dps`` already checked (callers may add guard digits to it)."""
    return finite_k_weight_rows(p, [w], K, method, dps, error)[0]


def finite_k_weight_rows(p: Sequence[Any], rows: Sequence[Sequence[Any]], K: int, method: str, dps: int,
                         error: bool = False) -> list:
    """:func:`finite_k_weights` for every row w of ``rows`` at one p, which is read and checked once."""
    if method not in _METHODS:
        raise InvalidArgument(f"method={method!r} is not one of {', '.join(map(repr, _METHODS))}; pick one of them")
    K = _check_K(K)
    p = _sequence(p, "p")
    rows = [_sequence(w, "w") for w in rows]
    for w in rows:
        if len(p) != len(w):
            raise InvalidArgument(f"p has {plural(len(p), 'entry')} but w has {len(w)}; give one p and one w per atom")
    _check_distribution(p, "p", dps)
    for w in rows:
        _check_positive(w, "w")
    support = [k for k, v in enumerate(p) if v > 0]
    count = _bounded_composition_count(len(support), K)
    methods = [_method_for(method, p, w, count, len(support), K, dps) for w in rows]
    enumerated = iter(_enumerate(p, [w for w, m in zip(rows, methods) if m == "enumerate"], K, count, dps,
                                 support, error))
    out = []
    for w, m in zip(rows, methods):
        values, errors = next(enumerated) if m == "enumerate" else _quadrature(p, w, K, dps)
        out.append((values, errors) if error else values)
    return out


def _method_for(method: str, p: list[Any], w: list[Any], count: int | float, support: int, K: int, dps: int) -> str:
    """The method ``"auto"`` stands for at these inputs, or InvalidArgument when the method is out of reach."""
    exact = all(isinstance(v, Fraction) for v in (*p, *w))
    if method == "auto":
        method = "enumerate" if exact and count <= AUTO_COMPOSITIONS else "quadrature"
        if method == "quadrature" and dps > QUADRATURE_MAX_DPS and count <= MAX_COMPOSITIONS:
            method = "enumerate"
    if method == "quadrature" and dps > QUADRATURE_MAX_DPS:
        fix = ("use method='enumerate' (or 'auto')" if count <= MAX_COMPOSITIONS else
               f"enumeration is out of reach too ({_count_text(support, K)} compositions, limit {MAX_COMPOSITIONS}): "
               f"lower dps, K or the number of atoms")
        raise InvalidArgument(f"dps={dps} is beyond method='quadrature' (at most {QUADRATURE_MAX_DPS} digits); {fix}")
    if method == "enumerate" and count > MAX_COMPOSITIONS:
        raise InvalidArgument(
            f"method='enumerate' with {plural(support, 'atom')} in the support of p and K={K} needs "
            f"{_count_text(support, K)} compositions of K-1={K - 1} (limit {MAX_COMPOSITIONS}); "
            f"use method='quadrature' (or 'auto')"
        )
    return method


def evaluate_selection_law(p: Sequence[Any], ws: Sequence[Sequence[Any]], q: Sequence[Any], K: int) -> list[Fraction]:
    r"""Exact law of the kept candidate, by brute force over the sampling process of [FALA26] §2.1.

    Every ordered K-tuple (x_1..x_K) of atoms with p > 0 has probability Π_k p(x_k); reward i
    is drawn with probability q_i and keeps x_k with probability w_i(x_k) / Σ_j w_i(x_j).
    This never uses H, so it checks Lemma 3.1: the result should equal
    p(x) Σ_i q_i H^{K,r_i}_p(x).

    Parameters
    ----------
    p : sequence of n numbers
        The model distribution p_t (exact; non-negative, summing to 1).
    ws : m rows of n positive numbers
        w_i(x) = e^{r_i(x)}.
    q : sequence of m numbers
        Curation weights q_i on the simplex.
    K : int
        Number of candidates, K >= 2.

    Returns
    -------
    list of Fraction
        P(kept candidate = x) for x = 0..n-1.

    Raises
    ------
    InvalidArgument
        For bad shapes or values, or when (support size)^K exceeds ``MAX_TUPLES``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> law = evaluate_selection_law([F(1, 2), F(1, 2)], [[1, 3]], [1], 2)
    >>> law
    [Fraction(3, 8), Fraction(5, 8)]
    >>> law == [F(1, 2) * h for h in evaluate_finite_k_weights([F(1, 2), F(1, 2)], [1, 3], 2)]
    True
    """
    K = _check_K(K)
    p, wrows, q = _selection_inputs(p, ws, q)
    _check_distribution(p, "p", 30)
    _check_distribution(q, "q", 30)
    support = [k for k, v in enumerate(p) if v > 0]
    if _power_exceeds(len(support), K, MAX_TUPLES):
        raise InvalidArgument(
            f"evaluate_selection_law with {plural(len(support), 'atom')} in the support of p and K={K} walks "
            f"{_power_text(len(support), K)} ordered tuples (limit {MAX_TUPLES}); use fewer atoms or a "
            f"smaller K, or evaluate_finite_k_weights for the Lemma 3.1 prediction"
        )
    return _walk_tuples(p, wrows, q, K, support)


def _selection_inputs(p, ws, q) -> tuple[list[Fraction], list[list[Fraction]], list[Fraction]]:
    """p, the rows w_i and q of :func:`evaluate_selection_law` read as exact rationals and checked."""
    p = [to_fraction(v, f"p[{k}]") for k, v in enumerate(_sequence(p, "p"))]
    if isinstance(ws, (str, bytes)) or not hasattr(ws, "__iter__"):
        raise InvalidArgument(f"ws={_show(ws)} must be a list of rows, one per reward; pass e.g. [[1, 2]]")
    rows = list(ws)
    if not rows:
        raise InvalidArgument("ws=[] has no rewards; give one row of w_i(x) per reward")
    wrows = []
    for i, row in enumerate(rows):
        vals = [to_fraction(v, f"ws[{i}][{k}]") for k, v in enumerate(_sequence(row, f"ws[{i}]"))]
        if len(vals) != len(p):
            raise InvalidArgument(
                f"ws[{i}] has {plural(len(vals), 'entry')} but p has {len(p)}; give one w_i(x) per atom"
            )
        _check_positive(vals, f"ws[{i}]")
        wrows.append(vals)
    q = [to_fraction(v, f"q[{i}]") for i, v in enumerate(_sequence(q, "q"))]
    if len(q) != len(wrows):
        raise InvalidArgument(
            f"q has {plural(len(q), 'entry')} but there {'is' if len(wrows) == 1 else 'are'} {plural(len(wrows), 'reward')} (rows of ws); give one weight per reward"
        )
    return p, wrows, q


def _walk_tuples(p: list[Fraction], wrows: list[list[Fraction]], q: list[Fraction], K: int,
                 support: list[int]) -> list[Fraction]:
    """P(kept candidate = x), summed over every ordered K-tuple of ``support``."""
    tuples = len(support) ** K
    law = [Fraction(0)] * len(p)
    # Walk tuples as base-s counters; the probability of a tuple is the product of its entries.
    s = len(support)
    for index in range(tuples):
        picks = []
        prob = Fraction(1)
        rest = index
        for _ in range(K):
            rest, digit = divmod(rest, s)
            picks.append(support[digit])
            prob *= p[support[digit]]
        for qi, wi in zip(q, wrows):
            if qi == 0:
                continue
            share = prob * qi / sum((wi[x] for x in picks), Fraction(0))
            for x in picks:
                law[x] += share * wi[x]
    return law
