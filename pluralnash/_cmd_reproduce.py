"""`pluralnash reproduce` (not yet available)."""


def add_subparser(subparsers) -> None:
    """Add the `reproduce` subcommand (none yet)."""
