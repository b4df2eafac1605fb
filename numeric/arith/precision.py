r"""The working precision a user may ask for, validated in one place.

``dps`` is a number of decimal digits.  Every public function that takes ``dps=`` accepts a
whole number from :data:`MIN_DPS` to :data:`MAX_DPS` and checks the user's value only; guard
digits are added inside, after the check, so ``dps=MAX_DPS`` itself is accepted.
The continuous engine, whose quadratures are costlier, documents its own narrower range,
:data:`CONTINUOUS_MIN_DPS` to :data:`CONTINUOUS_MAX_DPS`, and passes it to the same check.
"""

from __future__ import annotations

from typing import Any

from pluralnash.theory import InvalidArgument

__all__ = ["MIN_DPS", "MAX_DPS", "CONTINUOUS_MIN_DPS", "CONTINUOUS_MAX_DPS", "check_dps"]

#: Fewest decimal digits: below this the certified comparisons have no room.
MIN_DPS = 5
#: Most decimal digits: an mpf of 10^5 digits is about 40 KiB, and a step over n atoms costs n of them.
MAX_DPS = 100_000
#: The continuous engine's range: its Gaussian and χ² quadratures grow costly beyond 2000 digits.
CONTINUOUS_MIN_DPS = 10
CONTINUOUS_MAX_DPS = 2000


def check_dps(dps: Any, name: str = "dps", *, low: int = MIN_DPS, high: int = MAX_DPS) -> int:
    """``dps`` if it is a whole number from ``low`` to ``high`` (by default MIN_DPS to MAX_DPS), else a
    one-line InvalidArgument.

    >>> check_dps(30)
    30
    >>> check_dps(2000, low=CONTINUOUS_MIN_DPS, high=CONTINUOUS_MAX_DPS)
    2000
    """
    if isinstance(dps, bool) or not isinstance(dps, int) or not low <= dps <= high:
        raise InvalidArgument(f"{name}={dps!r} must be a whole number of digits from {low} to {high}; "
                              f"pass e.g. {name}=30")
    return dps
