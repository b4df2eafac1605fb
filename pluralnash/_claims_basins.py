"""Claims of [FALA26] §3 (registered on import)."""
