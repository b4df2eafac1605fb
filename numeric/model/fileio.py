r"""Reading and writing the toolkit's files safely: setup files in, JSON results out.

Conventions.  ``name`` is how the caller shows the path to the user (``--json``, ``--setup``,
``path``); every refusal is an :class:`~pluralnash.theory.InvalidArgument` echoing ``name=path``.

Writing (:func:`check_writable`, :func:`write_text`):

- the empty string is refused (it is no file name);
- a symbolic link is followed and the file it points to is written, the link stays; a dangling link
  counts as an existing file (``overwrite`` needed), and its missing target is created;
- a folder, a FIFO, a device or a socket is refused: only regular files are replaced;
- the text goes to a temporary file beside the target, renamed over it, so a reader never sees half
  a file; the new file gets the permissions of the user's umask (0666 & ~umask), as ``open`` gives;
- whether the file can be written is checked before: callers check at the start of a long run.

Reading (:func:`read_text`): only regular files (also through links), at most ``max_bytes``
(read with a cap, so ``/dev/zero`` or a file growing underneath cannot exhaust memory), UTF-8.

:func:`replace_file` is the one atomic write underneath (text or bytes, temporary file beside the
target, ``os.replace``); :func:`write_text` checks the target first, the certificate cache calls it
directly.  :func:`json_default` is the ``default=`` of every JSON result the toolkit writes.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from fractions import Fraction
from typing import Any

import mpmath

from pluralnash.theory import InvalidArgument

__all__ = ["check_writable", "json_default", "read_text", "replace_file", "unwritable", "write_text"]

_KINDS = [(stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]


def _kind(mode: int) -> str:
    return next((text for test, text in _KINDS if test(mode)), "not a regular file")


def _stat(path: str, name: str) -> os.stat_result | None:
    """``os.stat`` (following links), None when nothing is there; other failures are one line."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InvalidArgument(f"{name}={path!r} is a loop of symbolic links; remove the loop or pass "
                                  f"another path") from None
        if exc.errno == errno.ENOTDIR:
            raise InvalidArgument(f"{name}={path!r}: a part of the path is a file, not a folder; pass a path "
                                  f"in an existing folder") from None
        raise InvalidArgument(f"{name}={path!r} cannot be looked at ({exc.strerror}); check the path and "
                              f"its permissions") from None


def check_writable(path: str, *, overwrite: bool, name: str, how: str = "pass overwrite=True") -> str:
    """Refuse ``path`` unless the text can be written there; return the real file to replace.

    ``how`` is how the user allows overwriting (``pass overwrite=True``; the command line says ``pass --force``).
    """
    if not isinstance(path, str) or path == "":
        raise InvalidArgument(f"{name}={path!r} is not a file name; pass the path of the file to write")
    st = _stat(path, name)
    real = os.path.realpath(path)
    if st is None:
        if os.path.islink(path) and not overwrite:
            raise InvalidArgument(f"{name}={path!r} exists as a symbolic link to the missing {real!r}; "
                                  f"{how} to write there, or choose a new file name")
    elif stat.S_ISDIR(st.st_mode):
        raise InvalidArgument(f"{name}={path!r} is a folder; pass a file name, e.g. "
                              f"{os.path.join(path, 'out.json')!r}")
    elif not stat.S_ISREG(st.st_mode):
        raise InvalidArgument(f"{name}={path!r} is {_kind(st.st_mode)}, not a regular file; pass the path "
                              f"of a regular file")
    elif not overwrite:
        raise InvalidArgument(f"{name}={path!r} exists; choose a new file name or {how} to overwrite it")
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise InvalidArgument(f"{name}={path!r}: folder {folder!r} does not exist; create it or pick another path")
    if st is not None and not os.access(real, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise InvalidArgument(f"{name}={path!r} is read-only; change its permissions or choose another file")
    why = unwritable(folder)
    if why is not None:
        raise InvalidArgument(f"{name}={path!r}: cannot write in folder {folder!r} ({why}); "
                              f"choose a folder you can write to")
    return real


def unwritable(folder: str) -> str | None:
    """Why a file cannot be created in ``folder`` (the system's words), or None when one can: the
    probe creates and removes a temporary file, which permission bits alone cannot tell."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc.strerror
    return None


def _temporary_beside(real: str) -> tuple[int, str]:
    """A new temporary file in the folder of ``real`` (open descriptor, path); OSError if it cannot be made."""
    return tempfile.mkstemp(prefix=".pluralnash-", suffix=".tmp", dir=os.path.dirname(real) or ".")


def _fill_and_rename(fd: int, tmp: str, real: str, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to the open temporary file, give it the umask's permissions, rename
    it over ``real``; the temporary file never outlives the call."""
    mask = os.umask(0)
    os.umask(mask)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.fchmod(fh.fileno(), 0o666 & ~mask)
        os.replace(tmp, real)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def replace_file(real: str, data: str | bytes) -> None:
    """Replace the file ``real`` by ``data`` atomically: a reader sees the old file or the new one, never half.

    No checks: ``real`` is the resolved target (:func:`check_writable` returns it); a failure is the
    ``OSError`` itself, for callers that skip a file they cannot write (a cache).
    """
    fd, tmp = _temporary_beside(real)
    _fill_and_rename(fd, tmp, real, data)


def write_text(path: str, text: str, *, overwrite: bool, name: str, how: str = "pass overwrite=True") -> None:
    """Write ``text`` to ``path`` atomically, under the rules of the module docstring."""
    real = check_writable(path, overwrite=overwrite, name=name, how=how)
    try:
        fd, tmp = _temporary_beside(real)
    except OSError as exc:
        raise InvalidArgument(f"{name}={path!r}: cannot write in {os.path.dirname(real)!r} ({exc.strerror}); "
                              f"choose a folder you can write to") from None
    try:
        _fill_and_rename(fd, tmp, real, text)
    except OSError as exc:
        raise InvalidArgument(f"{name}={path!r} could not be written ({exc.strerror}); free some space or "
                              f"choose another path") from None


def json_default(obj: Any) -> Any:
    """The ``default=`` of ``json.dumps`` for results: a Fraction as 'p/q', an mpf to 30 digits, an object by
    its ``to_json()``, anything else by ``str``."""
    if isinstance(obj, Fraction):
        return str(obj)
    if isinstance(obj, mpmath.mpf):
        return mpmath.nstr(obj, 30)
    if hasattr(obj, "to_json"):
        return obj.to_json()
    return str(obj)


def read_text(path: str, *, max_bytes: int, name: str, what: str = "a file") -> str:
    """The UTF-8 text of the regular file ``path``, at most ``max_bytes`` bytes long."""
    if not isinstance(path, str) or path == "":
        raise InvalidArgument(f"{name}={path!r} is not a file name; pass the path of {what}")
    st = _stat(path, name)
    if st is None:
        raise InvalidArgument(f"{name}={path!r} does not exist; pass the path of {what}")
    if stat.S_ISDIR(st.st_mode):
        raise InvalidArgument(f"{name}={path!r} is a directory; pass the path of {what}")
    if not stat.S_ISREG(st.st_mode):
        raise InvalidArgument(f"{name}={path!r} is {_kind(st.st_mode)}, not a regular file; pass the path of "
                              f"{what}")
    if st.st_size > max_bytes:
        raise _too_large(path, name, st.st_size, max_bytes)
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between the two looks
                raise InvalidArgument(f"{name}={path!r} is not a regular file; pass the path of {what}")
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InvalidArgument(f"{name}={path!r} cannot be read (permission denied); check its permissions") from None
    except OSError as exc:
        raise InvalidArgument(f"{name}={path!r} cannot be read ({exc.strerror}); check the path") from None
    if len(data) > max_bytes:  # it grew since it was looked at
        raise _too_large(path, name, len(data), max_bytes, at_least=True)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidArgument(f"{name}={path!r} is not UTF-8 text; pass a JSON setup file") from None


def _too_large(path: str, name: str, size: int, max_bytes: int, *, at_least: bool = False) -> InvalidArgument:
    shown = f"more than {max_bytes // 2**20}" if at_least else f"{size / 2**20:.0f}"
    return InvalidArgument(f"{name}={path!r} is {shown} MiB; setup files are read whole, up to "
                           f"{max_bytes // 2**20} MiB; split the landscape or coarsen its grid")
