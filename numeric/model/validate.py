r"""Argument validation: one home for the checks of the toolkit's arguments.

Every refusal is a one-line :class:`~pluralnash.theory.InvalidArgument` that names the value
(``name=value``), states the rule and suggests the fix, as Hypothesis's ``validation.py`` does:

>>> try:
...     check_int(0, "steps", low=1, example="steps=4")
... except InvalidArgument as exc:
...     print(exc)
steps=0 must be a whole number >= 1; pass e.g. steps=4

Conventions.  ``name`` is how the caller shows the argument (``steps``, ``weights[2]``); ``low`` and
``high`` are inclusive bounds; ``example`` is a call that works (``steps=4``).  A bool is never a
whole number (``True`` is an ``int`` in Python, but ``steps=True`` is a mistake).  Numbers of a
setup (rationals, masses, weights) are read by :func:`pluralnash.numeric.model.landscape.to_fraction`
and checked here by :func:`check_fraction_in`.
"""

from __future__ import annotations

import difflib
from fractions import Fraction
from typing import Any, Sequence

from pluralnash.theory import InvalidArgument

__all__ = ["check_candidates", "check_int", "check_fraction_in", "check_known_keys", "check_positive", "is_whole",
           "show"]


def show(value: Any, limit: int = 60) -> str:
    """A value for an error message: a Fraction as 'p/q', anything else by repr, cut to ``limit``."""
    text = str(value) if isinstance(value, Fraction) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_whole(value: Any) -> bool:
    """True for an ``int`` that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" >= {low}"
    if high is not None:
        return f" <= {high}"
    return ""


def check_int(value: Any, name: str, *, low: int | None = None, high: int | None = None,
              example: str | None = None, fix: str | None = None, what: str = "a whole number",
              rule: str | None = None, above: str = "", even: bool = False) -> int:
    r"""``value`` if it is a whole number (an int, not a bool) in [``low``, ``high``]; else a one-line error.

    Parameters
    ----------
    value : Any
        The argument as the caller passed it.
    name : str
        Its name, echoed as ``name=value``.
    low, high : int, optional
        Inclusive bounds; None for no bound.
    example : str, optional
        A working value, shown as ``pass e.g. <example>``; default ``name=<low or 1>``.  Pass ``""``
        to end the message at the rule.
    fix : str, optional
        The whole suggestion instead of ``pass e.g. <example>`` (``"pass K=2 or more"``).
    what : str
        What the value is, e.g. ``"a whole number of bits"``.
    rule : str, optional
        The whole rule, when the bounds read better in words (``"a whole number of bits from 53 to
        10^6"``); default ``what`` followed by the bounds.
    above : str
        Added after the example when ``value`` is a whole number above ``high`` (how to go further).
    even : bool
        Require an even number too (say so in ``rule``).

    Examples
    --------
    >>> check_int(3, "K", low=2)
    3
    >>> try:
    ...     check_int(True, "K", low=2, example="K=4")
    ... except InvalidArgument as exc:
    ...     print(exc)
    K=True must be a whole number >= 2; pass e.g. K=4
    """
    if is_whole(value) and (low is None or value >= low) and (high is None or value <= high) \
            and not (even and value % 2):
        return value
    if example is None:
        example = f"{name}={max(low, 1) if low is not None else 1}"
    if fix is None:
        fix = f"pass e.g. {example}" if example else ""
    text = rule if rule is not None else what + _range_text(low, high)
    more = above if above and is_whole(value) and high is not None and value > high else ""
    raise InvalidArgument(f"{name}={value!r} must be {text}{'; ' + fix if fix else ''}{more}")


def check_candidates(K: int) -> int:
    """The number of candidates K of a whole-number ``K``: at least two ([FALA26] §2.1)."""
    return check_int(K, "K", low=2, rule=">= 2 (at least two candidates)", fix="pass K=2 or more")


def check_fraction_in(value: Fraction, name: str, *, low: Fraction | int | None = None,
                      high: Fraction | int | None = None, open_low: bool = False, open_high: bool = False,
                      rule: str, fix: str) -> Fraction:
    r"""``value`` (an exact rational) if it lies in the interval, else a one-line error.

    The message reads ``{name}={value} must {rule}; {fix}``: e.g. ``lam=2 must lie in [0, 1] (the
    curated share λ); pass e.g. lam='9/10'``.

    Examples
    --------
    >>> check_fraction_in(Fraction(1, 2), "lam", low=0, high=1, rule="lie in [0, 1]", fix="pass e.g. lam='9/10'")
    Fraction(1, 2)
    """
    below = low is not None and (value <= low if open_low else value < low)
    beyond = high is not None and (value >= high if open_high else value > high)
    if below or beyond:
        raise InvalidArgument(f"{name}={value} must {rule}; {fix}")
    return value


def check_positive(value: Fraction, name: str, *, fix: str, note: str = "") -> Fraction:
    r"""``value`` if it is > 0, else ``{name}={value} must be > 0{note}; {fix}``.

    Examples
    --------
    >>> try:
    ...     check_positive(Fraction(-1, 2), "beta", note=" (rewards -beta |x - mu|^2)", fix="pass e.g. beta=1")
    ... except InvalidArgument as exc:
    ...     print(exc)
    beta=-1/2 must be > 0 (rewards -beta |x - mu|^2); pass e.g. beta=1
    """
    return check_fraction_in(value, name, low=0, open_low=True, rule=f"be > 0{note}", fix=fix)


def check_known_keys(data: dict, keys: Sequence[str], where: str) -> None:
    """Refuse a key of ``data`` that is not in ``keys``, suggesting the closest known key."""
    for key in data:
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"valid keys are {', '.join(keys)}"
            raise InvalidArgument(f"{where} has unknown key {key!r}; {hint}")
