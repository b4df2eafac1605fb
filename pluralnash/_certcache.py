r"""On-disk cache of the claims' symbolic certificates.

A symbolic certificate depends on neither the seed nor the profile, only on the code that derives
it and on the sympy that decides it; recomputing it on every command is wasted work (``sympy.cancel``
alone is a large share of a quick ``verify``).  Certificates are kept the way pytest and Hypothesis
keep their caches:

- folder: ``$PLURALNASH_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/pluralnash``, else
  ``~/.cache/pluralnash``; the certificates live in its ``symbolic/`` subfolder;
- key: the package, sympy and Python versions, the claim id, and a SHA-256 of the source files the
  derivation can run (every module of the ``theory`` package and the module defining the claim's
  symbolic route); any edit to them is a miss;
- format: one JSON file per claim (never a pickle), written atomically
  (:func:`pluralnash.numeric.model.fileio.replace_file`: a temporary file in the same folder moved
  into place with ``os.replace``), so parallel workers never see half a file;
- off for one run with ``--no-cache`` (``verify``, ``report``) or ``PLURALNASH_NO_CACHE=1``;
- safe to delete at any time; a file that cannot be read, does not parse, or has another key is
  ignored and rewritten.

A cached certificate is exactly what a fresh run would return after a JSON round trip; a cold run
passes its result through the same round trip, so cold and warm runs report identical evidence.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

from pluralnash.numeric.model.fileio import replace_file
from pluralnash.theory import METHODS, CheckResult, Verdict

__all__ = ["cache_dir", "cached_certificate", "source_key"]

ENV_VAR = "PLURALNASH_CACHE_DIR"
NO_CACHE_VAR = "PLURALNASH_NO_CACHE"
_FORMAT = 1
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This folder is a cache of pluralnash's symbolic certificates; it is safe to delete.\n")


def cache_dir() -> Path:
    """The cache folder (not created): ``$PLURALNASH_CACHE_DIR``, ``$XDG_CACHE_HOME/pluralnash`` or
    ``~/.cache/pluralnash``."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "pluralnash"


@functools.lru_cache(maxsize=256)  # the theory package and the claim modules: a few dozen files
def _file_digest(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _theory_files() -> list[str]:
    from pluralnash import theory

    folder = Path(theory.__file__).parent
    return sorted(str(p) for p in folder.glob("*.py"))


def source_key(claim_id: str, symbolic: Callable[[], Any], extra_sources: tuple[str, ...] = ()) -> str:
    """SHA-256 over the versions, the claim id and the source files the derivation can run
    (``extra_sources``: more files it runs outside the ``theory`` package)."""
    import sympy

    from pluralnash import __version__

    files = _theory_files()
    try:
        own = inspect.getsourcefile(inspect.unwrap(symbolic))
    except TypeError:  # a builtin or C callable: no source to hash, key on its name
        own = None
    h = hashlib.sha256()
    for part in (f"format={_FORMAT}", f"pluralnash={__version__}", f"sympy={sympy.__version__}",
                 f"python={sys.version_info[0]}.{sys.version_info[1]}",
                 f"claim={claim_id}", f"callable={getattr(symbolic, '__qualname__', type(symbolic).__qualname__)}"):
        h.update(part.encode() + b"\0")
    for path in files + ([own] if own and own not in files else []) + [p for p in extra_sources if p not in files]:
        h.update(os.path.basename(path).encode() + b"\0" + _file_digest(path).encode() + b"\0")
    return h.hexdigest()


def _to_json(res: CheckResult) -> dict[str, Any]:
    out = res.to_json()
    out["reason"] = res.reason
    return json.loads(json.dumps(out, default=str))


def _from_json(data: Any) -> CheckResult | None:
    """A CheckResult from its JSON form, or None when the data is not one."""
    if not isinstance(data, dict):
        return None
    name, verdict, method, evidence, reason = (data.get(k) for k in ("name", "verdict", "method", "evidence",
                                                                    "reason"))
    if not (isinstance(name, str) and verdict in {v.value for v in Verdict} and method in METHODS
            and isinstance(evidence, dict) and (reason is None or isinstance(reason, str))):
        return None
    return CheckResult(name, Verdict(verdict), method, evidence, reason)


def _path(claim_id: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in claim_id)
    return cache_dir() / "symbolic" / f"{safe}.json"


def _read(path: Path, key: str) -> CheckResult | None:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return _from_json(data.get("result"))


def _write(path: Path, key: str, claim_id: str, result: dict[str, Any]) -> None:
    """Atomic write; a cache that cannot be written is skipped, never an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tag = path.parent.parent / "CACHEDIR.TAG"
        if not tag.exists():
            replace_file(str(tag), _TAG)
        replace_file(str(path), json.dumps({"key": key, "claim": claim_id, "result": result}, indent=1) + "\n")
    except OSError:
        pass


def cached_certificate(claim_id: str, symbolic: Callable[[], CheckResult], *, use_cache: bool = True,
                       extra_sources: tuple[str, ...] = ()) -> tuple[CheckResult, bool]:
    r"""The claim's symbolic certificate, from the cache when its key matches.

    Parameters
    ----------
    claim_id : str
    symbolic : callable
        () -> CheckResult, the claim's symbolic route.
    use_cache : bool
        False (or ``PLURALNASH_NO_CACHE=1`` in the environment) recomputes and neither reads nor
        writes the cache.

    Returns
    -------
    (CheckResult, bool)
        The certificate (after a JSON round trip, cold or warm) and whether it came from the cache.
    """
    if not use_cache or os.environ.get(NO_CACHE_VAR, "") not in ("", "0"):
        return _from_json(_to_json(symbolic())), False
    key = source_key(claim_id, symbolic, extra_sources)
    path = _path(claim_id)
    hit = _read(path, key)
    if hit is not None:
        return hit, True
    data = _to_json(symbolic())
    _write(path, key, claim_id, data)
    return _from_json(data), False
