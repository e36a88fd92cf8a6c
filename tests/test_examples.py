"""The shipped examples and the benchmark corpus: clean emails stay clean, bad ones find what they should."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from outreach_lint.source import read_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
CLEAN = sorted(CORPUS.glob("*/clean/*.txt")) + sorted(
    p for p in (ROOT / "examples").rglob("*") if p.is_file() and p.name.startswith(("good", "gut", "template"))
)
BAD_EXAMPLES = sorted(
    p for p in (ROOT / "examples").rglob("*") if p.is_file() and p.name.startswith(("bad", "schlecht"))
)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: str(p.relative_to(ROOT)))
def test_clean_emails_have_no_findings(linter, path: Path) -> None:
    report = linter.check_source(read_path(path))
    assert report.error is None
    assert [(f.code, f.text) for f in report.findings] == []


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_bad_corpus_emails_find_their_categories(linter, name: str) -> None:
    report = linter.check_source(read_path(CORPUS / name))
    found = {f.category for f in report.findings}
    assert set(EXPECTED[name]["categories"]) <= found


@pytest.mark.parametrize("path", BAD_EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_bad_examples_find_several_categories(linter, path: Path) -> None:
    report = linter.check_source(read_path(path))
    assert len({f.category for f in report.findings}) >= 3
    for finding in report.findings:
        assert finding.suggestions and finding.suggestions[0].description


def test_language_is_detected_for_every_corpus_email(linter) -> None:
    for path in sorted(CORPUS.glob("*/*/*.txt")):
        expected = path.relative_to(CORPUS).parts[0]
        assert linter.check_source(read_path(path)).language == expected, path
