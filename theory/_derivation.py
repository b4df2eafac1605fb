r"""The :class:`Derivation` record returned by every ``derive_*`` function.

A derivation is data: named sympy expressions in reading order, the symbols they are written in,
the statements (:class:`~pluralnash.theory._certify.Identity`) that sympy must decide for the
derivation to stand, and the steps that are cited rather than checked.  It renders in Jupyter
(``_repr_latex_``), as LaTeX (:meth:`Derivation.latex`) and as text (:meth:`Derivation.pretty`).
"""

from __future__ import annotations

import re
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


_GREEK = frozenset("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
                   "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega".split())
_SPELLED = {"eps": r"\varepsilon", "lam": r"\lambda", "inf": r"\infty", "sum": r"\sum", "prod": r"\prod",
            "log": r"\log", "exp": r"\exp", "sup": r"\sup", "max": r"\max", "min": r"\min",
            "argmax": r"\operatorname{argmax}", "Var": r"\operatorname{Var}", "TV": r"\operatorname{TV}"}
_TEXT_WORD = re.compile(r"\(?[A-Za-z]{2,}[A-Za-z-]*[:,.;)]?")
_TOKEN = re.compile(r"[A-Za-z]+|\d+|\{[^{}]*\}|\s+|.")


def _math_name(name: str, *, sub: bool = False) -> str:
    if name in _GREEK:
        return "\\" + name
    if name[0] == "d" and name[1:] in _GREEK:  # dalpha -> d\alpha
        return "d\\" + name[1:]
    if name in _SPELLED and (sub or name != "inf"):
        return _SPELLED[name]
    if len(name) == 1:
        return name
    return r"\mathrm{" + name + "}"


def _math_word(word: str) -> str:
    """One word of a label in maths: ``u_1`` -> ``u_{1}``, ``a*`` -> ``a^*``, ``phi'(a)`` -> ``\\phi'(a)``."""
    out, tokens, k = [], _TOKEN.findall(word), 0
    while k < len(tokens):
        tok = tokens[k]
        if tok == "_" and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            inner = _math_word(nxt[1:-1]) if nxt.startswith("{") else (
                _math_name(nxt, sub=True) if nxt.isalpha() else nxt)
            out.append("_{" + inner + "}")
            k += 2
            continue
        if tok == "*" and (k + 1 == len(tokens) or tokens[k + 1] in "()_,"):
            out.append("^*")
        elif tok.isalpha():
            out.append(_math_name(tok))
        elif tok.startswith("{"):
            out.append("{" + _math_word(tok[1:-1]) + "}")
        else:
            out.append(_escape(tok) if tok in "%&#$~" else tok)
        k += 1
    return "".join(out)


def _label_latex(key: str) -> str:
    r"""An expression's key as a LaTeX label: symbols in maths, plain words upright in ``\text``.

    Examples
    --------
    >>> print(_label_latex("u_1"), _label_latex("a*"), _label_latex("F'(a)"), _label_latex("m_{t+1}"))
    u_{1} a^* F'(a) m_{t+1}
    >>> print(_label_latex("phi(a) - a"), _label_latex("a_inf"), _label_latex("q_lo"))
    \phi(a) - a a_{\infty} q_{\mathrm{lo}}
    >>> print(_label_latex("tie example: p_0"))
    \text{tie example: }p_{0}
    >>> print(_label_latex("sum_i n_i r_i(x)"), _label_latex("upper"))
    \sum_{i} n_{i} r_{i}(x) \text{upper}
    """
    pieces: list[tuple[bool, str]] = []
    for word in key.split():
        bare = word.strip("(),:;.")
        is_text = bool(_TEXT_WORD.fullmatch(word)) and bare not in _GREEK and bare not in _SPELLED \
            and "_" not in word
        if is_text and pieces and pieces[-1][0]:
            pieces[-1] = (True, pieces[-1][1] + " " + word)
        else:
            pieces.append((is_text, word))
    out = []
    for k, (is_text, word) in enumerate(pieces):
        if is_text:  # spaces inside \text{}, where they count
            out.append(_latex_text((" " if k else "") + word + (" " if k + 1 < len(pieces) else "")))
        else:
            out.append(("" if k == 0 or pieces[k - 1][0] else " ") + _math_word(word))
    return "".join(out)


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
    \begin{aligned}
    (x+1)^2 &= x^{2} + 2 x + 1
    \end{aligned}
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
        return self.labels.get(key) or _label_latex(key)

    def latex(self) -> str:
        r"""All expressions as one LaTeX ``aligned`` block (no math delimiters), one row per line."""
        lines = []
        names = dict(self.latex_names)
        for key, value in self.expressions.items():
            body = sympy.latex(value, symbol_names=names)
            if isinstance(value, sympy.Expr):
                lines.append(f"{self._label(key)} &= {body}")
            else:
                lines.append(rf"{self._label(key)} &:\quad {body}")
        return "\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}"

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
