"""Property layer of pluralnash (hypothesis): strategies for random setups."""

__all__: list[str] = []
