r"""The argument rules every command shares: the parser's one-line errors, whole-number options and
the ``--setup`` file.

A usage error prints one line on stderr (``pluralnash run: error: ... (see `pluralnash run --help`)``)
and exits with status 2, as a bad value (:class:`pluralnash.theory.InvalidArgument`) does.
"""

from __future__ import annotations

import argparse
import sys

from pluralnash.theory import InvalidArgument

__all__ = ["Parser", "positive_int", "setup_file", "finite_setup"]


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(2)


def positive_int(name: str, low: int = 1, high: int | None = None):
    """An argparse ``type`` reading a whole number from ``low`` to ``high`` for the option ``name``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name}={text!r} is not a whole number; pass e.g. {name}={max(low, 1) * 10}")
        if value < low or (high is not None and value > high):
            rng = f">= {low}" if high is None else f"from {low} to {high}"
            raise argparse.ArgumentTypeError(f"{name}={value} must be {rng}")
        return value
    return parse


def setup_file(path: str):
    """The setup in ``--setup`` FILE (finite-atom or continuous)."""
    from pluralnash.numeric import load_setup

    return load_setup(path, name="--setup")


def finite_setup(path: str, command: str):
    """The finite-atom setup in ``--setup`` FILE; a continuous setup is refused, naming the commands for it."""
    from pluralnash.numeric import Landscape

    setup = setup_file(path)
    if not isinstance(setup, Landscape):
        raise InvalidArgument(f"--setup={path!r} is a continuous setup (mu, init); {command} works on finite-atom "
                              "setups: run it with `pluralnash continuous` or check it with "
                              "`pluralnash check continuous-closed-form`")
    return setup
