r"""Counted nouns in messages, for every layer: ``plural(1, "atom")`` is "1 atom", ``plural(2, "atom")``
"2 atoms".  The one place the toolkit pluralises (the command line, reports and check reasons use it)."""

from __future__ import annotations

__all__ = ["plural"]

# phrases whose plural is not phrase + "s"
_IRREGULAR = {"premise holds": "premises hold", "entry": "entries", "is": "are", "was": "were"}


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    r"""``count`` and ``noun``, the noun in the plural unless ``count`` is 1.

    Examples
    --------
    >>> plural(1, "claim"), plural(2, "claim"), plural(0, "atom"), plural(1, "premise holds")
    ('1 claim', '2 claims', '0 atoms', '1 premise holds')
    >>> plural(3, "premise holds"), plural(1, "entry"), plural(2, "entry"), plural(2, "setup", "setups tried")
    ('3 premises hold', '1 entry', '2 entries', '2 setups tried')
    """
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {plural_form or _IRREGULAR.get(noun) or noun + 's'}"
