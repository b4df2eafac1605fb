r"""Setup files: parse, load and atomically save the JSON form of a setup.

A setup file is a JSON object: a finite :class:`~pluralnash.numeric.model.landscape.Landscape`
(``rewards`` or ``exp_rewards``, ``weights``, ``p0``, ...: :meth:`Landscape.to_json`) or a continuous
``QuadraticLandscape`` (``mu``, ``beta``, ``weights``, ``init``, ``eps``).  JSON numbers keep their
exact decimal value (``0.1`` is 1/10).  Files are read and written under the rules of
:mod:`pluralnash.numeric.model.fileio` (regular files only, read with a cap, written atomically).

``name`` in :func:`load_setup` is how the caller shows the path in a refusal: ``path`` for the
library, ``--setup`` for the command line.
"""

from __future__ import annotations

import json
import os

from pluralnash.numeric.model.landscape import Landscape, to_fraction
from pluralnash.numeric.model.validate import check_known_keys
from pluralnash.numeric.model.validate import show as _show
from pluralnash.theory import InvalidArgument

__all__ = ["MAX_SETUP_BYTES", "load_setup", "parse_setup", "save_setup"]

# a landscape of 10^5 atoms and 3 rewards written with long fractions is about 10 MiB
MAX_SETUP_BYTES = 256 * 2**20


def load_setup(path: str | os.PathLike[str], *, name: str = "path") -> Landscape:
    """Read a setup file (JSON; JSON numbers are read as exact decimals).

    Only a regular file (also through a symbolic link) of at most :data:`MAX_SETUP_BYTES` is read;
    anything else (a folder, a FIFO, ``/dev/zero``, a loop of links) is an ``InvalidArgument`` that
    echoes ``name=path`` (``name``: how the caller shows the path).
    """
    from pluralnash.numeric.model.fileio import read_text

    path = os.fspath(path)
    text = read_text(path, max_bytes=MAX_SETUP_BYTES, name=name, what="a setup JSON file")
    return parse_setup(text, source=f"setup file {path!r}")


def parse_setup(text: str, *, source: str = "setup") -> Landscape:
    """Parse setup JSON text; JSON numbers keep their exact decimal value (0.1 means 1/10)."""
    try:
        data = json.loads(
            text,
            parse_float=lambda s: to_fraction(s, "a JSON number"),
            parse_constant=lambda s: _bad_constant(s, source),
        )
    except json.JSONDecodeError as exc:
        raise InvalidArgument(
            f"{source} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); fix the syntax"
        ) from None
    except InvalidArgument:
        raise
    except RecursionError:
        raise InvalidArgument(f"{source} nests too deeply to be a setup; write a flat JSON object") from None
    except (ValueError, ZeroDivisionError) as exc:  # e.g. an integer with too many digits
        raise InvalidArgument(f"{source} holds a number Python cannot read ({exc}); write shorter numbers") from None
    if isinstance(data, dict) and ("mu" in data or "init" in data):
        return _quadratic_from_json(data, source)
    return Landscape.from_json(data, source=source)


_QUADRATIC_KEYS = ("mu", "beta", "weights", "init", "eps")
_INIT_KEYS = {"gaussian": ("kind", "mean", "var"), "uniform": ("kind", "low", "high")}


def _quadratic_from_json(data: dict, source: str):
    """A continuous setup (the shape ``QuadraticLandscape.to_json`` writes): mu, beta, weights, init, eps."""
    from pluralnash.numeric.engines.continuous import Gaussian, QuadraticLandscape, Uniform

    check_known_keys(data, _QUADRATIC_KEYS, source)
    for key in ("mu", "init"):
        if key not in data:
            raise InvalidArgument(f"{source} has no {key!r}; a continuous setup needs mu, init (and beta, weights, "
                                  "eps): see QuadraticLandscape.to_json()")
    init = data["init"]
    kind = init.get("kind") if isinstance(init, dict) else None
    if kind not in _INIT_KEYS:
        raise InvalidArgument(f"{source}: init={_show(init)} must be an object with kind 'gaussian' (mean, var) or "
                              "'uniform' (low, high); e.g. {\"kind\": \"gaussian\", \"mean\": [\"0\"], \"var\": \"1\"}")
    check_known_keys(init, _INIT_KEYS[kind], f"{source} init")
    args = {k: v for k, v in init.items() if k != "kind"}
    start = Gaussian(**args) if kind == "gaussian" else Uniform(**args)
    rest = {k: v for k, v in data.items() if k not in ("init",) and v is not None}
    return QuadraticLandscape(**{**rest, "init": start})


def _bad_constant(name: str, source: str):
    raise InvalidArgument(f"{source} contains {name}; every number must be finite, so replace it with a real value")


def save_setup(landscape: Landscape, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
    """Write a setup file atomically; refuses to overwrite unless asked.

    A symbolic link is written through (the file it points to is replaced), a folder or any other
    non-regular file is refused, and the file gets the umask's permissions.
    """
    from pluralnash.numeric.model.fileio import write_text

    text = json.dumps(landscape.to_json(), indent=1) + "\n"
    write_text(os.fspath(path), text, overwrite=overwrite, name="path")
