"""Numeric layer of pluralnash (mpmath): landscapes, engines, limit solver, instance checks."""

from pluralnash.numeric._landscape import Landscape, load_setup, parse_setup, save_setup, to_fraction

__all__ = ["Landscape", "load_setup", "parse_setup", "save_setup", "to_fraction"]
