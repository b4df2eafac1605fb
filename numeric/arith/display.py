r"""Rich display in Jupyter for the numeric layer's results (``_repr_html_``, ``_repr_latex_``).

Conventions: exact numbers (Fractions) are shown exactly; an interval enclosure ``[lo, hi]`` is shown
with both ends rounded outward, at the fewest digits (at least 6) at which the two ends differ, so a
narrow certified enclosure never looks like a point; long vectors show their first 20 entries.
"""

from __future__ import annotations

import html
from fractions import Fraction
from typing import Any

import mpmath

__all__ = ["enclosure_text", "landscape_html", "landscape_latex", "limit_html"]

_SHOWN = 20


def enclosure_text(lo: Any, hi: Any, *, min_digits: int = 6, max_digits: int = 60) -> str:
    r"""``[lo, hi]`` at one digit more than the fewest significant digits (at least ``min_digits``)
    at which the two ends, rounded to nearest, differ; shown rounded outward (exactly, in decimal),
    so the printed interval contains the enclosure.

    Examples
    --------
    >>> enclosure_text(Fraction(1, 3), Fraction(1, 3) + Fraction(1, 10**12))
    '[0.3333333333333, 0.3333333333344]'
    >>> enclosure_text("1.5", "2.5")
    '[1.5, 2.5]'
    >>> enclosure_text(Fraction(2, 7), Fraction(2, 7))
    '2/7 (exact)'
    """
    if isinstance(lo, Fraction) and lo == hi:
        return f"{lo} (exact)"
    ctx = mpmath.mp.clone()
    ctx.dps = max_digits + 20
    a, b = _frac(lo, ctx), _frac(hi, ctx)
    if a == b:
        return f"{_decimal(a, max_digits, down=True)} (a point)"
    for digits in range(min_digits, max_digits + 1):
        if _decimal(a, digits) != _decimal(b, digits):
            return f"[{_decimal(a, digits + 1, down=True)}, {_decimal(b, digits + 1, down=False)}]"
    return f"[{_decimal(a, max_digits, down=True)}, {_decimal(b, max_digits, down=False)}]"


def _frac(x: Any, ctx) -> Fraction:
    """The exact value of a Fraction, int, decimal string or mpf."""
    if isinstance(x, (Fraction, int)):
        return Fraction(x)
    if isinstance(x, str):
        return Fraction(x)
    man, exp = ctx.mpf(x).man_exp
    return Fraction(int(man)) * Fraction(2) ** int(exp)


def _decimal(x: Fraction, digits: int, down: bool | None = None) -> str:
    """``x`` to ``digits`` significant digits: to nearest (``down=None``), down or up, exactly."""
    import decimal

    if x == 0:
        return "0"
    e10 = len(str(abs(x.numerator))) - len(str(x.denominator))
    while Fraction(10) ** e10 > abs(x):
        e10 -= 1
    while Fraction(10) ** (e10 + 1) <= abs(x):
        e10 += 1
    power = e10 - digits + 1
    scaled = x / Fraction(10) ** power
    if down is None:
        k = round(scaled)
    else:
        k = scaled.numerator // scaled.denominator
        if not down and k != scaled:
            k += 1
    exact = decimal.Context(prec=digits + 2)  # k has `digits` digits: scaling it is exact
    value = decimal.Decimal(k).scaleb(power, context=exact).normalize(context=exact)
    text = str(value)
    if "E" in text and -8 <= e10 <= 15:  # plain notation for everyday magnitudes
        text = format(value, "f")
    return text


def _num(v: Any, digits: int = 12) -> str:
    if isinstance(v, Fraction):
        return str(v)
    return mpmath.nstr(v, digits)


def _row(cells, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{html.escape(str(c))}</{tag}>" for c in cells) + "</tr>"


def landscape_html(L) -> str:
    """A table: one column per atom (first 20), rows p_0 and each reward (w_i = e^{r_i} or r_i)."""
    n = L.n
    cols = list(range(min(n, _SHOWN)))
    form, rows = ("e^{r_%d}", L.exp_rewards) if L.exp_rewards is not None else ("r_%d", L.rewards)
    head = ["", *[(L.atoms[k] if L.atoms is not None else f"x{k}") for k in cols]] + (["…"] if n > _SHOWN else [])
    body = [_row(["p_0", *[L.p0[k] for k in cols]])]
    for i, row in enumerate(rows, 1):
        body.append(_row([f"{form % i} (q_{i} = {L.weights[i - 1]})", *[row[k] for k in cols]]))
    extra = []
    if L.has_eps:
        extra.append(f"eps = {L.eps}" if L.eps is not None else f"e^-eps = {L.exp_eps}")
    extra.append("large K" if L.K is None else f"K = {L.K}")
    if L.reference is not None:
        extra.append(f"reference mixing, lam = {L.lam}")
    title = f"Landscape{' ' + repr(L.name) if L.name else ''}: {L.m} reward{'s' if L.m != 1 else ''}, " \
            f"{n} atom{'s' if n != 1 else ''}; " + ", ".join(extra)
    return (f"<div><b>{html.escape(title)}</b><table>{_row(head, head=True)}{''.join(body)}</table></div>")


def landscape_latex(L) -> str:
    """The rewards as a matrix (rows: rewards, columns: atoms), with q and p_0; small landscapes only."""
    def tex(v):
        v = Fraction(v)
        return str(v.numerator) if v.denominator == 1 else rf"\tfrac{{{v.numerator}}}{{{v.denominator}}}"
    rows = L.exp_rewards if L.exp_rewards is not None else L.rewards
    name = r"e^{r_i(x)}" if L.exp_rewards is not None else r"r_i(x)"
    matrix = r" \\ ".join(" & ".join(tex(v) for v in row[:_SHOWN]) for row in rows)
    vec = lambda xs: r"\left(" + ", ".join(tex(v) for v in xs[:_SHOWN]) + r"\right)"  # noqa: E731
    return (rf"$$\left[{name}\right] = \begin{{pmatrix}}{matrix}\end{{pmatrix}},\quad q = {vec(L.weights)},"
            rf"\quad p_0 = {vec(L.p0)}$$")


def limit_html(res) -> str:
    """F*, each Z_i* (an enclosure when the limit is not exact), the support and p* on it, the certificate."""
    cert = res.certificate
    rows = [_row(["F* = F(p*)", _num(res.F, 15)])]
    radii = res.Z_radius or [None] * len(res.Z)
    for i, (z, r) in enumerate(zip(res.Z, radii), 1):
        if res.exact or not r:
            text = str(z) if isinstance(z, Fraction) else _num(z, res.dps)
        else:
            with mpmath.workdps(res.dps + 20):
                text = enclosure_text(mpmath.mpf(z) - r, mpmath.mpf(z) + r)
        rows.append(_row([f"Z_{i}*", text]))
    shown = list(res.support)[:_SHOWN]
    rows += [_row([f"p*[{k}]", _num(res.p[k], res.dps) if not isinstance(res.p[k], Fraction) else res.p[k]])
             for k in shown]
    if len(res.support) > len(shown):
        rows.append(_row(["…", f"{len(res.support) - len(shown)} more atoms in the support"]))
    kind = "certified" if cert.certified else "not certified"
    head = (f"Large-K limit: {'exact' if res.exact else f'{res.dps} digits'}, support {list(shown)}"
            f"{'…' if len(res.support) > len(shown) else ''}; certificate {cert.verdict.value} ({cert.method}, "
            f"{kind}){': ' + cert.reason if cert.reason else ''}")
    return f"<div><b>{html.escape(head)}</b><table>{''.join(rows)}</table></div>"
