"""The data model: finite landscapes, setup files (parse, load, atomic save) and argument validation."""
