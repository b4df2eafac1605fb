"""Every text the toolkit ships cites the papers and the toolkit's own docs, not files outside the
repository (a specification document) or a tracker's numbers."""

import pathlib
import re

import pytest

from pluralnash import all_claims

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHIPPED = ["pluralnash", "numeric", "theory", "properties", "examples", "benchmarks"]
# the file name is split so that this test does not find itself
OUTSIDE = re.compile("CLAIMS" + r"\.md|\bissue\s+#?\d+", re.IGNORECASE)


def shipped_files():
    yield ROOT / "README.md"
    for folder in SHIPPED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".md", ".ipynb", ".toml"} and "__pycache__" not in path.parts:
                yield path


@pytest.mark.parametrize("path", list(shipped_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_reference_outside_the_repository(path):
    hits = [f"{k}: {line.strip()}" for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if OUTSIDE.search(line)]
    assert not hits, hits


def test_claim_texts_cite_the_papers():
    for claim in all_claims(controls=True):
        for text in (claim.source, claim.statement, claim.reading, claim.conclusion, claim.planted or ""):
            assert not OUTSIDE.search(text), (claim.id, text)
        assert re.search(r"\[(FALA26|FERB24)\]|pluralnash", claim.source), claim.source


def test_the_pattern_finds_what_it_must():  # negative control
    assert OUTSIDE.search("as recalled in " + "CLAIMS" + ".md §4") and OUTSIDE.search("see issue 4 item 2")
    assert not OUTSIDE.search("[FALA26] Lemma 3.3; the README's verdict table")
