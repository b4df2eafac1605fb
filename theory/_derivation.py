r"""The :class:`Derivation` record returned by every ``derive_*`` function.

A derivation is data: named sympy expressions in reading order, the symbols they are written in,
the statements (:class:`~pluralnash.theory._certify.Identity`) that sympy must decide for the
derivation to stand, and the steps that are cited rather than checked.  It renders in Jupyter
(``_repr_latex_``), as LaTeX (:meth:`Derivation.latex`) and as text (:meth:`Derivation.pretty`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import sympy

from pluralnash.theory._base import CheckResult, InvalidArgument
from pluralnash.theory._certify import Identity, combine_results

__all__ = ["Derivation"]

_TEXT_ESCAPES = {"\\": r"\textbackslash{}", "_": r"\_", "%": r"\%", "&": r"\&", "#": r"\#",
                 "$": r"\$", "{": r"\{", "}": r"\}", "^": r"\^{}", "~": r"\~{}"}


def _escape(text: str) -> str:
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in text)


def _latex_text(text: str) -> str:
    return r"\text{" + _escape(text) + "}"


@dataclass(frozen=True, repr=False, eq=False)
class Derivation:
    r"""A sympy derivation with its certificate.

    Parameters
    ----------
    name : str
        Registry key, e.g. ``"large-k-map"``.
    title : str
        One line saying what is derived.
    source : str
        Citation, e.g. ``"[FALA26] Eq. 5"``.
    expressions : Mapping[str, sympy.Basic]
        Named results in reading order: expressions, equations, inequalities.
    symbols : Mapping[str, sympy.Basic]
        The symbols the expressions are written in, keyed by their names.
    notes : str, optional
        Conventions, caveats, and what the certificate does not cover.
    identities : tuple of Identity, optional
        Statements sympy must decide for :meth:`certify` to return ``HOLDS``.
    cited : tuple of str, optional
        Steps of the argument that are cited (standard results), not checked by sympy.
    labels : Mapping[str, str], optional
        LaTeX label per expression key; a key without one is typeset as text.
    latex_names : Mapping[sympy.Symbol, str], optional
        LaTeX spelling of symbols whose Python names are not the paper's (``u1P1`` -> ``u_1(P_1)``).

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> d = Derivation("demo", "square of a sum", "textbook", {"(x+1)^2": sympy.expand((x + 1)**2)},
    ...                {"x": x}, identities=(Identity("binomial", (x + 1)**2 - x**2 - 2*x - 1),))
    >>> print(d.latex())
    \begin{aligned}\text{(x+1)\^{}2} &= x^{2} + 2 x + 1\end{aligned}
    >>> d.certify().verdict
    Verdict.HOLDS
    """

    name: str
    title: str
    source: str
    expressions: Mapping[str, sympy.Basic]
    symbols: Mapping[str, sympy.Basic]
    notes: str = ""
    identities: tuple[Identity, ...] = ()
    cited: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    latex_names: Mapping[sympy.Symbol, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, value in self.expressions.items():
            if not isinstance(value, sympy.Basic):
                raise InvalidArgument(
                    f"expressions[{key!r}]={value!r} must be a sympy object; wrap numbers with sympy.S"
                )
        for ident in self.identities:
            if not isinstance(ident, Identity):
                raise InvalidArgument(f"identities contains {ident!r}; pass Identity(name, statement) objects")
        object.__setattr__(self, "expressions", MappingProxyType(dict(self.expressions)))
        object.__setattr__(self, "symbols", MappingProxyType(dict(self.symbols)))
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))
        object.__setattr__(self, "latex_names", MappingProxyType(dict(self.latex_names)))
        object.__setattr__(self, "identities", tuple(self.identities))
        object.__setattr__(self, "cited", tuple(self.cited))

    def __repr__(self) -> str:
        return (f"Derivation(name={self.name!r}, title={self.title!r}, source={self.source!r}, "
                f"{len(self.expressions)} expressions, {len(self.identities)} identities)")

    def _label(self, key: str) -> str:
        return self.labels.get(key) or _latex_text(key)

    def latex(self) -> str:
        r"""All expressions as one LaTeX ``aligned`` block (no math delimiters)."""
        lines = []
        names = dict(self.latex_names)
        for key, value in self.expressions.items():
            body = sympy.latex(value, symbol_names=names)
            if isinstance(value, sympy.Expr):
                lines.append(f"{self._label(key)} &= {body}")
            else:
                lines.append(rf"{self._label(key)} &:\quad {body}")
        return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"

    def _repr_latex_(self) -> str:
        header = r"\textbf{" + _escape(self.title) + r"}\ \ " + _latex_text(f"({self.source})")
        return r"$$\begin{array}{l}" + header + r"\\ " + self.latex() + r"\end{array}$$"

    def pretty(self, *, use_unicode: bool = True) -> str:
        """Readable multi-line text: title, source, each expression (``sympy.pretty``), notes."""
        parts = [f"{self.title}  [{self.source}]", ""]
        for key, value in self.expressions.items():
            body = sympy.pretty(value, use_unicode=use_unicode)
            parts.append(f"{key}:")
            parts.extend("    " + line for line in body.splitlines())
            parts.append("")
        if self.notes:
            parts.extend(["Notes:", self.notes.strip()])
        return "\n".join(parts).rstrip() + "\n"

    def certify(self) -> CheckResult:
        r"""Decide every carried identity with sympy; ``method="symbolic"``.

        Returns
        -------
        CheckResult
            ``HOLDS`` if sympy decides every identity true, ``FAILS`` naming the first identity
            sympy refutes (with its counterexample), ``UNDECIDED`` otherwise.  The evidence lists
            each step checked and, under ``"cited"``, the steps taken from the literature.
        """
        results = [ident.check() for ident in self.identities]
        evidence = {"derivation": self.name, "source": self.source, "cited": list(self.cited)}
        return combine_results(f"{self.name}: {self.title}", results, evidence=evidence)
