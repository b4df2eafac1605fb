r"""Rich display in Jupyter for the numeric layer's results (``_repr_html_``, ``_repr_latex_``).

Conventions: numbers are written by :mod:`pluralnash.numeric.arith.format` (exact numbers exactly, an
interval enclosure ``[lo, hi]`` with both ends rounded outward); long vectors show their first 20 entries.
"""

from __future__ import annotations

import html
from fractions import Fraction

import mpmath

from pluralnash.numeric.arith.format import enclosure_text, number_text

__all__ = ["landscape_html", "landscape_latex", "limit_html"]

_SHOWN = 20


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
    rows = [_row(["F* = F(p*)", number_text(res.F, 15)])]
    radii = res.Z_radius or [None] * len(res.Z)
    for i, (z, r) in enumerate(zip(res.Z, radii), 1):
        if res.exact or not r:
            text = str(z) if isinstance(z, Fraction) else number_text(z, res.dps)
        else:
            with mpmath.workdps(res.dps + 20):
                text = enclosure_text(mpmath.mpf(z) - r, mpmath.mpf(z) + r)
        rows.append(_row([f"Z_{i}*", text]))
    shown = list(res.support)[:_SHOWN]
    rows += [_row([f"p*[{k}]", number_text(res.p[k], res.dps) if not isinstance(res.p[k], Fraction) else res.p[k]])
             for k in shown]
    if len(res.support) > len(shown):
        rows.append(_row(["…", f"{len(res.support) - len(shown)} more atoms in the support"]))
    kind = "certified" if cert.certified else "not certified"
    head = (f"Large-K limit: {'exact' if res.exact else f'{res.dps} digits'}, support {list(shown)}"
            f"{'…' if len(res.support) > len(shown) else ''}; certificate {cert.verdict.value} ({cert.method}, "
            f"{kind}){': ' + cert.reason if cert.reason else ''}")
    return f"<div><b>{html.escape(head)}</b><table>{''.join(rows)}</table></div>"
