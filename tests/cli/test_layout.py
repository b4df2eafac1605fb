"""The command line's shape: one module per command, assembled in a fixed order, and a library that
never imports it."""

import ast
import importlib
import pathlib
import re

import pytest

from pluralnash import cli
from pluralnash.cli import output

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_command_is_a_module_whose_parser_names_its_handler():
    for name in cli.COMMANDS:
        module = importlib.import_module(f"pluralnash.cli.{name}")
        assert callable(module.add_subparser), name
    parser = cli._build_parser()
    for name in cli.COMMANDS:
        args = parser.parse_args(_minimal_argv(name))
        assert args.command == name and args.handler.__module__ == f"pluralnash.cli.{name}"
    # the help lists them in the fixed order, and nothing else
    listed = re.findall(r"^    ([a-z]+)(?: |$)", parser.format_help(), flags=re.M)
    assert listed == list(cli.COMMANDS)


def _minimal_argv(name: str) -> list[str]:
    return {"check": ["check", "lemma-3.1", "--setup", "s.json"], "limit": ["limit", "--setup", "s.json"],
            "run": ["run", "--setup", "s.json", "--steps", "1"], "report": ["report", "--out", "d"],
            "reproduce": ["reproduce", "table3"], "continuous": ["continuous", "--mu", "0"]}.get(name, [name])


def _cli_imports(path: pathlib.Path, root: pathlib.Path = ROOT) -> list[str]:
    """The lines of ``path`` that import the command line (``pluralnash.cli`` or a module of it)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        if any(n == "pluralnash.cli" or n.startswith("pluralnash.cli.") for n in names):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


LIBRARY = ["theory", "numeric", "properties", "pluralnash/claims", "pluralnash/audit", "pluralnash/report",
           "pluralnash/*.py"]


@pytest.mark.parametrize("where", LIBRARY)
def test_the_library_never_imports_the_command_line(where):
    files = sorted(ROOT.glob(where)) if where.endswith(".py") else sorted((ROOT / where).rglob("*.py"))
    files = [f for f in files if f.name != "__main__.py"]
    assert files, where  # the pattern finds the library's modules
    found = [line for f in files for line in _cli_imports(f)]
    assert found == []


def test_the_import_check_sees_an_import_of_the_command_line(tmp_path):
    # negative control: every spelling of an import of the command line is found
    probe = tmp_path / "probe.py"
    probe.write_text("import pluralnash.cli\nfrom pluralnash import cli\nfrom pluralnash.cli.output import wrap\n"
                     "import pluralnash.claims\n")
    assert [line.rsplit(":", 1)[1] for line in _cli_imports(probe, tmp_path)] == ["1", "2", "3"]


def test_the_exit_status_of_a_run_is_the_verdict_ladders():
    assert output.run_status.__module__ == output.unrejected_controls.__module__ == "pluralnash._ladder"
