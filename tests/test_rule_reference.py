"""The README's rule reference is generated from the rules' metadata and stays in step with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_lint import Linter
from outreach_lint.ruledocs import END, START, built_in_reference, markdown, replace_block

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_reference_matches_the_rules() -> None:
    text = README.read_text(encoding="utf-8")
    assert replace_block(text, built_in_reference()) == text, (
        "README.md's rule reference is out of date: run `python -m outreach_lint.ruledocs README.md`"
    )


def test_every_built_in_rule_has_a_row() -> None:
    reference = built_in_reference()
    for code, meta in Linter().rules.items():
        assert f"| {code} | `{meta.slug}` |" in reference


def test_cli_prints_the_markdown_reference(cli, tmp_path: Path) -> None:
    result = cli("rules", "--format", "markdown", "--category", "compliance", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    output = result.stdout.decode()
    assert output.startswith("<details><summary><code>compliance</code>: 6 rules (CO001–CO006)</summary>")
    assert "| CO003 | `no-objection-line` |" in output
    assert "GP101" not in output


def test_pipes_in_messages_are_escaped() -> None:
    meta = next(iter(Linter().rules.values()))
    odd = type(meta)(**{**{f: getattr(meta, f) for f in meta.__dataclass_fields__}, "message": "a | b"})
    assert "a \\| b" in markdown([odd])


def test_missing_markers_are_an_error() -> None:
    with pytest.raises(ValueError, match="markers"):
        replace_block("no markers here", "x")
    assert replace_block(f"a\n{START}\nold\n{END}\nb", "new\n") == f"a\n{START}\nnew\n{END}\nb"
