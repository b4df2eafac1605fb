r"""The report folder: where it may go, how it is written, and what ``--force`` may replace.

Rules (``pluralnash report --out DIR``):

- The report is built in a new hidden folder beside the target (``.NAME.partial-XXXXXXXX``) and renamed
  into place at the end; an interrupted or failed run removes that folder and nothing else.
- The finished folder holds a manifest, :data:`MANIFEST`, listing every file the toolkit wrote with its
  SHA-256.  ``--force`` replaces a folder only when every file in it is listed there, unchanged: a
  note the user added, or a report file the user edited, makes ``--force`` refuse, and nothing is
  removed.  When an old report is replaced, only its listed files are deleted, one by one.
- Never a target: the current folder or a folder that contains it (``--out .``), the user's home
  folder, the root of the file system, or a symbolic link (pass the folder it points to).
- Whether the folder can be written is found out before any work starts: the temporary folder is
  created first, and an old report's folders are probed for writing.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil

from pluralnash.theory import InvalidArgument

__all__ = ["MANIFEST", "PartialClash", "check_target", "install", "make_partial", "new_partial",
           "remove_partial", "write_manifest"]

MANIFEST = ".pluralnash-manifest.json"
_FORMAT = "pluralnash report manifest 1"
_MAX_MANIFEST_BYTES = 16 * 2**20


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _walk_files(root: str) -> list[str]:
    """Every entry under ``root`` that is not a folder (files, links, FIFOs...), as '/'-separated paths."""
    found = []
    for folder, dirs, files in os.walk(root):
        for d in list(dirs):
            if os.path.islink(os.path.join(folder, d)):  # os.walk lists a link to a folder as a folder
                dirs.remove(d)
                files.append(d)
        for f in files:
            found.append(os.path.relpath(os.path.join(folder, f), root).replace(os.sep, "/"))
    return sorted(found)


def write_manifest(root: str) -> None:
    """List every file under ``root`` with its SHA-256 in ``root/MANIFEST`` (written last)."""
    files = {rel: _sha256(os.path.join(root, rel)) for rel in _walk_files(root) if rel != MANIFEST}
    with open(os.path.join(root, MANIFEST), "w", encoding="utf-8") as fh:
        json.dump({"format": _FORMAT, "files": files}, fh, indent=1, sort_keys=True)
        fh.write("\n")
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(os.path.join(root, MANIFEST), 0o666 & ~mask)


def _read_manifest(root: str) -> dict[str, str] | None:
    """The files a previous run listed, or None when ``root`` holds no readable manifest of ours."""
    path = os.path.join(root, MANIFEST)
    try:
        if not os.path.isfile(path) or os.path.islink(path) or os.path.getsize(path) > _MAX_MANIFEST_BYTES:
            return None
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) and data.get("format") == _FORMAT else None
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    return files


def _not_ours(root: str, listed: dict[str, str]) -> list[str]:
    """Entries under ``root`` that the manifest does not list, or that changed since they were written."""
    foreign = []
    for rel in _walk_files(root):
        if rel == MANIFEST:
            continue
        path = os.path.join(root, *rel.split("/"))
        if rel not in listed or os.path.islink(path) or not os.path.isfile(path) or _sha256(path) != listed[rel]:
            foreign.append(rel)
    return foreign


def _forbidden(out: str) -> str | None:
    """Why ``out`` may never be a report folder, or None."""
    real = os.path.realpath(out)
    cwd = os.path.realpath(os.getcwd())
    if real == cwd or cwd.startswith(real.rstrip(os.sep) + os.sep):
        return "is the current folder or contains it"
    home = os.path.realpath(os.path.expanduser("~"))
    if real == home:
        return "is your home folder"
    if os.path.dirname(real) == real:
        return "is the root of the file system"
    return None


def check_target(out: str, force: bool, shown: str | None = None) -> None:
    """Refuse a target folder that the report may not be written to (see the module's rules)."""
    shown = out if shown is None else shown
    why = _forbidden(out)
    if why is not None:
        raise InvalidArgument(f"--out={shown!r} {why}, which is never a report folder; a report needs a folder "
                              f"of its own: pass a new folder, e.g. --out pluralnash-report")
    if os.path.islink(out):
        raise InvalidArgument(f"--out={shown!r} is a symbolic link; pass the folder it points to "
                              f"({os.path.realpath(out)!r}) or a new folder")
    if os.path.exists(out) and not os.path.isdir(out):
        raise InvalidArgument(f"--out={shown!r} is a file; pass a folder path (it will be created)")
    if not os.path.isdir(out):
        return
    try:
        entries = os.listdir(out)
    except OSError as exc:
        raise InvalidArgument(f"--out={shown!r} cannot be read ({exc.strerror}); check its permissions "
                              f"or choose another folder") from None
    if not entries:
        return
    if not force:
        raise InvalidArgument(f"--out={shown!r} exists and is not empty; choose a new folder or pass --force "
                              f"to replace the report in it")
    listed = _read_manifest(out)
    if listed is None:
        raise InvalidArgument(f"--out={shown!r} is not empty and holds no report manifest ({MANIFEST}), so it is "
                              f"not a pluralnash report folder; --force only replaces files pluralnash wrote: "
                              f"choose a new folder or empty it yourself")
    foreign = _not_ours(out, listed)
    if foreign:
        some = ", ".join(repr(f) for f in foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise InvalidArgument(f"--out={shown!r} holds {len(foreign)} file{'s' if len(foreign) != 1 else ''} "
                              f"pluralnash did not write or that changed since ({some}); --force never removes "
                              f"them: move them out of the folder or choose a new folder")
    _probe_writable(out, shown)


def _probe_writable(out: str, shown: str) -> None:
    """Replacing an old report deletes its files: every folder in it must be writable."""
    from pluralnash.numeric.model.fileio import unwritable

    for folder, _dirs, _files in os.walk(out):
        why = unwritable(folder)
        if why is not None:
            raise InvalidArgument(f"--out={shown!r}: the old report cannot be replaced, {folder!r} is not "
                                  f"writable ({why}); fix its permissions or choose a new folder")


def new_partial(parent: str, name: str, shown: str) -> str:
    """Name the hidden folder the report is built in (created by :func:`make_partial`).

    The caller holds the name before the folder exists, so a signal that arrives while the folder
    is being made (e.g. SIGTERM turned into SystemExit) still finds it removable.
    """
    try:
        os.makedirs(parent, exist_ok=True)
    except OSError as exc:
        raise InvalidArgument(f"--out={shown!r}: cannot create the folder {parent!r} ({exc.strerror}); "
                              f"choose a folder you can write to") from None
    while True:
        path = os.path.join(parent, f".{name}.partial-{secrets.token_hex(8)}")
        if not os.path.lexists(path):
            return path


class PartialClash(InvalidArgument):
    """The temporary folder's name was taken between naming and creating it: not ours to remove."""


def make_partial(path: str, shown: str) -> None:
    """Create ``path``, private until the report is finished; any error is one line."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        raise PartialClash(f"--out={shown!r}: the temporary folder {path!r} appeared while it was being "
                           f"created; run the command again") from None
    except OSError as exc:
        raise InvalidArgument(f"--out={shown!r}: cannot write in {os.path.dirname(path)!r} ({exc.strerror}); "
                              f"choose a folder you can write to") from None


def remove_partial(path: str | None) -> None:
    """Remove an unfinished report folder (only ever one this run named and created)."""
    if path is not None and os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)


def install(tmp: str, out: str, force: bool, shown: str) -> str | None:
    """Move the finished report into place; of an old report delete only the files its manifest lists.

    Returns the path of a folder kept aside when, against the check made before, the old report
    held something unlisted by the time it was replaced (that is never deleted), else None.
    """
    check_target(out, force, shown)
    if not os.path.exists(out):
        os.rename(tmp, out)
        return None
    if not os.listdir(out):
        os.rmdir(out)
        os.rename(tmp, out)
        return None
    listed = _read_manifest(out) or {}
    old = tmp + ".old"
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)
        raise
    return _remove_listed(old, listed, out)


def _remove_listed(old: str, listed: dict[str, str], out: str) -> str | None:
    for rel, digest in listed.items():
        path = os.path.join(old, *rel.split("/"))
        if os.path.isfile(path) and not os.path.islink(path) and _sha256(path) == digest:
            os.unlink(path)
    manifest = os.path.join(old, MANIFEST)
    if os.path.isfile(manifest) and not os.path.islink(manifest):
        os.unlink(manifest)
    for folder, _dirs, _files in sorted(os.walk(old), key=lambda w: -len(w[0])):
        try:
            os.rmdir(folder)
        except OSError:  # not empty: it holds something that is not ours
            pass
    if not os.path.exists(old):
        return None
    kept = f"{out}.kept-{secrets.token_hex(4)}"
    os.rename(old, kept)
    return kept
