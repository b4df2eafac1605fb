r"""The numbers [FALA26] reports for its synthetic experiments: DATA UNDER AUDIT.

Nothing here is an expected output of pluralnash.  These are the paper's published numbers,
typed in from [FALA26] Appendix C.9 (arXiv 2605.07724), so that
:mod:`pluralnash.audit.tables` can audit them against the theory, against each other and
against the exact engine.  Each value is kept as the exact decimal string printed in the paper;
a printed value v with k decimals stands for the interval [v - 5·10^{-k-1}, v + 5·10^{-k-1}].

Geometry stated by the paper (Appendix C.4): r_i(x) = -‖x - μ_i‖², two modes at distance D
(μ_{1,2} = ∓D/2 in one dimension), uniform initial model with unstated support, S_{i,ε} the ball
of radius sqrt(ε) about μ_i.  Not stated: the support, β or temperature, ε, the number of
rounds, K, and what "empirical a_∞" is.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["TABLE3", "TABLE3_SOURCE", "TABLE4_RANGE", "TABLE4_TEXT", "TABLE4_SOURCE", "TABLE5",
           "TABLE5_SOURCE", "GEOMETRY_SOURCE", "half_ulp"]

GEOMETRY_SOURCE = "[FALA26] Appendix C.4"

TABLE3_SOURCE = "[FALA26] Appendix C.9.1, Table 3"
# (q, D) -> (reported lower bound, reported empirical a_∞, reported upper bound)
TABLE3: dict[tuple[str, int], tuple[str, str, str]] = {
    ("0.1", 2): ("0.082", "0.090", "0.102"),
    ("0.2", 2): ("0.235", "0.244", "0.255"),
    ("0.4", 2): ("0.388", "0.397", "0.408"),
    ("0.6", 2): ("0.592", "0.603", "0.612"),
    ("0.8", 2): ("0.745", "0.756", "0.765"),
    ("0.9", 2): ("0.898", "0.910", "0.918"),
    ("0.1", 4): ("0.082", "0.090", "0.102"),
    ("0.2", 4): ("0.235", "0.244", "0.255"),
    ("0.4", 4): ("0.388", "0.397", "0.408"),
    ("0.6", 4): ("0.592", "0.603", "0.612"),
    ("0.8", 4): ("0.745", "0.756", "0.765"),
    ("0.9", 4): ("0.898", "0.910", "0.918"),
    ("0.1", 6): ("0.093", "0.095", "0.101"),
    ("0.2", 6): ("0.244", "0.247", "0.252"),
    ("0.4", 6): ("0.395", "0.399", "0.403"),
    ("0.6", 6): ("0.597", "0.601", "0.605"),
    ("0.8", 6): ("0.748", "0.753", "0.756"),
    ("0.9", 6): ("0.899", "0.905", "0.907"),
}

TABLE4_SOURCE = "[FALA26] Appendix C.9.2, Table 4 and its text"
# The full table is not available: only that every entry lies in this closed range ...
TABLE4_RANGE: tuple[str, str] = ("-0.585", "-0.565")
# ... while the text quotes these slopes of log m_t ("about"), keyed by D.
TABLE4_TEXT: dict[int, str] = {8: "-13.6", 2: "-1.3"}

TABLE5_SOURCE = "[FALA26] Appendix C.9.3, Table 5"
# D -> reported mean over q of (a_∞ - q)²
TABLE5: dict[int, str] = {1: "1.66e-2", 2: "5.06e-5", 3: "1.40e-5", 5: "1.25e-5"}


def half_ulp(text: str) -> Fraction:
    r"""Half a unit in the last printed place of a reported number, exactly.

    >>> half_ulp("0.082"), half_ulp("5.06e-5"), half_ulp("-13.6")
    (Fraction(1, 2000), Fraction(1, 20000000), Fraction(1, 20))
    """
    mant, _, exp = text.lower().partition("e")
    decimals = len(mant.split(".")[1]) if "." in mant else 0
    return Fraction(1, 2) * Fraction(10) ** (-decimals + (int(exp) if exp else 0))
