"""Claims beyond the paper's statements (registered on import)."""
