r"""The ``hypothesis`` entry point: Hypothesis runs :func:`_hypothesis_setup_hook` when it is imported
(see ``[project.entry-points.hypothesis]`` in ``pyproject.toml``), so ``st.from_type(Landscape)``
draws :func:`pluralnash.properties.landscapes` without importing :mod:`pluralnash.properties`
first.  The strategies themselves load at the first draw.

Cost: Hypothesis now imports ``pluralnash.numeric`` (for the ``Landscape`` class) whenever it is
imported where pluralnash is installed; that is only as light as the package's lazy imports make
``pluralnash.numeric.model.landscape``."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from pluralnash.numeric import Landscape

    st.register_type_strategy(Landscape, st.deferred(_landscapes))


def _landscapes():
    from pluralnash.properties import landscapes

    return landscapes()
