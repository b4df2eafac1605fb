"""Property layer of pluralnash (hypothesis): strategies for random setups.

Importing this package registers :func:`landscapes` for :class:`pluralnash.numeric.Landscape`,
so ``st.from_type(Landscape)`` (and ``st.builds`` of anything taking a ``Landscape``) works.
"""

from hypothesis import strategies as _st

from pluralnash.numeric import Landscape as _Landscape
from pluralnash.properties._strategies import landscapes, simplex_points
from pluralnash.properties._strategies_two_basin import (
    TwoBasinSetup,
    plateau_landscapes,
    plateau_setups,
    two_basin_landscapes,
    two_basin_setups,
)

from pluralnash.properties._conventions import StrategyArgumentError
from pluralnash.properties._search import SearchOutcome, search_counterexample
from pluralnash.properties._screen import Screened, exact_landscape, simplex_rows
from pluralnash.properties._strategies_basins import non_collapse_landscapes, overlapping_basin_landscapes
from pluralnash.properties._strategies_basins_general import (
    finite_k_basin_landscapes,
    finite_k_non_collapse_landscapes,
    finite_k_non_collapse_small_scope,
    finite_k_small_scope,
    m_basin_landscapes,
    m_basin_small_scope,
    two_atom_finite_k_landscapes,
    two_atom_small_scope,
)
from pluralnash.properties import _strategies_beyond
from pluralnash.properties._strategies_beyond import (
    collapse_landscapes,
    compromise_landscapes,
    degenerate_collapse_landscapes,
    ferbach_landscapes,
    interior_limit_landscapes,
    plateau_window_landscapes,
    single_reward_landscapes,
)
from pluralnash.properties._strategies_plateau import (
    nonplateau_landscapes,
    plateau_hard_separation_landscapes,
    variance_landscapes,
)

from pluralnash.properties._strategies_continuous import quadratic_landscapes
from pluralnash.properties._strategies_mixing import (
    mixing_landscapes,
    outside_mixing_landscapes,
    several_mixing_landscapes,
    two_peak_mixing_landscapes,
)

_st.register_type_strategy(_Landscape, landscapes())

__all__ = [
    "StrategyArgumentError",
    "SearchOutcome",
    "search_counterexample",
    "Screened",
    "exact_landscape",
    "simplex_rows",
    "non_collapse_landscapes",
    "overlapping_basin_landscapes",
    "finite_k_basin_landscapes",
    "finite_k_non_collapse_landscapes",
    "finite_k_non_collapse_small_scope",
    "finite_k_small_scope",
    "m_basin_landscapes",
    "m_basin_small_scope",
    "two_atom_finite_k_landscapes",
    "two_atom_small_scope",
    *_strategies_beyond.__all__,
    "nonplateau_landscapes",
    "plateau_hard_separation_landscapes",
    "variance_landscapes",
    "mixing_landscapes",
    "quadratic_landscapes",
    "outside_mixing_landscapes",
    "several_mixing_landscapes",
    "two_peak_mixing_landscapes",
    "TwoBasinSetup",
    "landscapes",
    "plateau_landscapes",
    "plateau_setups",
    "simplex_points",
    "two_basin_landscapes",
    "two_basin_setups",
]
