"""The notebooks in examples/ and the README's property-test guide run, so they never rot.

Each notebook's code cells are executed in order in one namespace, as a kernel would (no Jupyter
needed: the .ipynb file is JSON, and the cells use no IPython magics). They must contain real
assertions, and they must not be committed with outputs (those would go stale).
"""

import ast
import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "examples").glob("*.ipynb"))


def code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    return nb, ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def count_asserts(source):
    return sum(isinstance(node, ast.Assert) for node in ast.walk(ast.parse(source)))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    nb, cells = code_cells(path)
    assert nb["cells"][0]["cell_type"] == "markdown" and "".join(nb["cells"][0]["source"]).startswith("# ")
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb["cells"] if c["cell_type"] == "code"), "clear the outputs before committing"
    assert sum(count_asserts(c) for c in cells) >= 3, "a notebook must check its results, not only print them"
    assert not any(line.lstrip().startswith(("%", "!")) for c in cells for line in c.splitlines())
    monkeypatch.chdir(tmp_path)  # anything a notebook writes lands here
    namespace = {"__name__": "__notebook__"}
    for k, source in enumerate(cells):
        try:
            exec(compile(source, f"{path.name}[code cell {k}]", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"{path.name}, code cell {k} failed: {exc!r}\n{source}") from exc


def readme_guide():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Writing property tests with pluralnash\n(.*?)^## ", text, re.S | re.M)
    assert match, "README lost its section '## Writing property tests with pluralnash'"
    return re.findall(r"```python\n(.*?)```", match.group(1), re.S)


def test_readme_property_test_example_runs():
    blocks = readme_guide()
    assert blocks, "the guide has no python example"
    source = blocks[0]
    tests = [node.name for node in ast.parse(source).body
             if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]
    assert tests and count_asserts(source) >= 1
    namespace = {"__name__": "readme_example"}
    exec(compile(source, "README.md example", "exec"), namespace)
    for name in tests:
        namespace[name]()  # a @given test runs its whole search when called


def test_readme_sweep_example_runs(tmp_path):
    """The README's cluster example, as a script (process pools and a local Dask cluster)."""
    pytest.importorskip("distributed")
    import subprocess
    import sys

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Sweeps on all cores or on a cluster\n(.*?)^## ", text, re.S | re.M)
    assert match, "README lost its section '## Sweeps on all cores or on a cluster'"
    (source,) = re.findall(r"```python\n(.*?)```", match.group(1), re.S)
    assert count_asserts(source) >= 1
    script = tmp_path / "sweep_example.py"
    script.write_text(source)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
