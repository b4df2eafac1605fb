"""The wheel holds every package: ``pyproject.toml`` lists each folder with an ``__init__.py``.

An editable install finds a package the list forgets, a plain ``pip install .`` does not (the
Quick start's first command), so the list is checked against the tree.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def packages_on_disk(package_dir: dict[str, str]) -> set[str]:
    """Every importable package under the mapped roots, by dotted name."""
    found = set()
    for name, folder in package_dir.items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            rel = init.parent.relative_to(base).parts
            if not any(part.startswith((".", "_")) for part in rel):
                found.add(".".join((name, *rel)))
    return found


def missing_packages(listed: list[str], package_dir: dict[str, str]) -> set[str]:
    return packages_on_disk(package_dir) - set(listed)


def test_every_package_folder_is_listed_for_the_wheel():
    cfg = _config()
    assert missing_packages(cfg["packages"], cfg["package-dir"]) == set()


def test_a_forgotten_package_is_caught():
    cfg = _config()
    listed = [p for p in cfg["packages"] if p != "pluralnash.claims.rates"]
    assert missing_packages(listed, cfg["package-dir"]) == {"pluralnash.claims.rates"}
