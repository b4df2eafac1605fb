"""`pluralnash derive` (not yet available)."""


def add_subparser(subparsers) -> None:
    """Add the `derive` subcommand (none yet)."""
