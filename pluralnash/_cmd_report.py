"""`pluralnash report` (not yet available)."""


def add_subparser(subparsers) -> None:
    """Add the `report` subcommand (none yet)."""
