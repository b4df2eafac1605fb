"""Property layer of pluralnash (hypothesis): strategies for random setups.

Importing this package registers :func:`landscapes` for :class:`pluralnash.numeric.Landscape`,
so ``st.from_type(Landscape)`` (and ``st.builds`` of anything taking a ``Landscape``) works.
"""

from hypothesis import strategies as _st

from pluralnash.numeric import Landscape as _Landscape
from pluralnash.properties._strategies import (
    TwoBasinSetup,
    landscapes,
    plateau_landscapes,
    plateau_setups,
    simplex_points,
    two_basin_landscapes,
    two_basin_setups,
)

_st.register_type_strategy(_Landscape, landscapes())

__all__ = [
    "TwoBasinSetup",
    "landscapes",
    "plateau_landscapes",
    "plateau_setups",
    "simplex_points",
    "two_basin_landscapes",
    "two_basin_setups",
]
