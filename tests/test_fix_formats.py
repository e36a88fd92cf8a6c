"""--fix per format: Markdown keeps its structure, HTML is fixed only in plain text, .eml is never rewritten;
the fixable count and the JSON replacements say only what can really be applied."""

from __future__ import annotations

import json
import re
from pathlib import Path

MARKDOWN = (
    "Subject: Docks\n\nHi Sarah,\n\n**Obviously**, managing docks with spreadsheets is slow at the Leeds hub. "
    "Our [best-in-class platform](https://example.com/best-in-class) books slots for 40 carriers. Worth a look?\n\n"
    "Best,\nBrad\n"
)
HTML = (
    "<html><body><p>Hi Sarah,</p>\n<p>Managing docks with spreadsheets is slow at the Leeds hub &amp; Hull. "
    "Our best-in-class platform books slots for 40 carriers. We are the <b>leading</b> provider and "
    "the leading&nbsp;provider. Worth a look?</p>\n<p>Best,<br>Brad</p></body></html>\n"
)
EML = (
    "From: Brad <brad@example.com>\nTo: Sarah <sarah@example.org>\nSubject: Docks\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    "Hi Sarah,\n\nManaging docks with spreadsheets is slow at the Leeds hub. Our best-in-class platform books "
    "slots for 40 carriers. Worth a look?\n\nBest,\nBrad\n"
)
EML_NOTICE = "fixes are not applied to .eml files; the rewrites are shown"


def _fixable(stderr: bytes) -> int:
    found = re.search(r"(\d+) fixable with --fix", stderr.decode())
    return int(found.group(1)) if found else 0


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _json_findings(cli, path: Path, *extra: str) -> list[dict]:
    result = cli("check", "--format", "json", "--unsafe-fixes", *extra, str(path), cwd=path.parent)
    (file,) = json.loads(result.stdout)["files"]
    assert file["error"] is None
    return file["findings"]


def _markdown_shape(text: str) -> tuple[list[str], list[str]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parse(text)
    children = [c for t in tokens for c in t.children or ()]
    types = [t.type for t in tokens] + [c.type for c in children if c.type not in ("text", "softbreak")]
    return types, [str(c.attrGet("href")) for c in children if c.type == "link_open"]


def test_markdown_fixes_keep_the_token_structure_and_link_targets(cli, tmp_path, linter) -> None:
    draft = _write(tmp_path, "draft.md", MARKDOWN)
    assert {"TD101", "GP131"} <= {f.code for f in linter.lint(MARKDOWN, "en", fmt="markdown").findings}
    summary = cli("check", "--format", "concise", "--unsafe-fixes", str(draft))
    assert _fixable(summary.stderr) == 1  # the rewrite of "**Obviously**, managing" would break the bold
    fixed_run = cli("check", "--fix", "--unsafe-fixes", str(draft))
    assert b"applied 1 fix(es)" in fixed_run.stderr
    fixed = draft.read_text(encoding="utf-8")
    assert "Our [platform](https://example.com/best-in-class) books" in fixed
    assert "**Obviously**, managing" in fixed
    assert _markdown_shape(fixed) == _markdown_shape(MARKDOWN)


def test_html_is_fixed_only_where_the_span_is_plain_text(cli, tmp_path) -> None:
    page = _write(tmp_path, "mail.html", HTML)
    findings = _json_findings(cli, page)
    replacements = {(f["code"], f["text"]): f["suggestions"][0] for f in findings if f["code"] in ("GP130", "GP131")}
    assert replacements[("GP131", "best-in-class ")]["replacement"] == ""
    entity = next(s for (code, text), s in replacements.items() if "&nbsp;" in text)
    assert entity["replacement"] is None and entity["fix"] == "none" and entity["description"]
    tagged = next(s for (code, text), s in replacements.items() if "</b>" in text)
    assert tagged["replacement"] is None
    fixed_run = cli("check", "--fix", "--unsafe-fixes", str(page))
    assert b"applied 1 fix(es)" in fixed_run.stderr
    fixed = page.read_text(encoding="utf-8")
    assert fixed == HTML.replace("best-in-class ", "")


def test_html_replacements_are_written_escaped(cli, tmp_path) -> None:
    pack = tmp_path / "packs"
    pack.mkdir()
    (pack / "lab.toml").write_text(
        '[pack]\nlanguage = "en"\ncategory = "generic-pitch"\nseverity = "warning"\n\n[[rules]]\ncode = "GP904"\n'
        'slug = "our-lab"\nmessage = "Name the team"\nwhy = "Test."\nrewrite = "Name it."\npatterns = ["lab team"]\n'
        'replacement = "R&D <team>"\nfix = "safe"\nexamples.bad = ["⟦lab team⟧"]\nexamples.good = ["R&D"]\n',
        encoding="utf-8",
    )
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["packs"]\n', encoding="utf-8")
    page = _write(
        tmp_path,
        "mail.html",
        "<p>Hi Sarah,</p><p>Our lab team cut late fees at the Leeds hub by 12 %. Worth a look?</p><p>Best,<br>Brad</p>",
    )
    (finding,) = [f for f in _json_findings(cli, page, "--lang", "en") if f["code"] == "GP904"]
    assert finding["suggestions"][0]["replacement"] == "R&amp;D &lt;team&gt;"
    cli("check", "--fix", "--lang", "en", str(page), cwd=tmp_path)
    assert "Our R&amp;D &lt;team&gt; cut late fees" in page.read_text(encoding="utf-8")


def test_eml_is_never_rewritten_and_says_so_once(cli, tmp_path) -> None:
    message = _write(tmp_path, "mail.eml", EML)
    findings = _json_findings(cli, message)
    assert any(f["code"] == "GP131" for f in findings)
    assert all(s["replacement"] is None for f in findings for s in f["suggestions"])
    result = cli("check", "--fix", "--unsafe-fixes", "--format", "concise", str(message))
    assert _fixable(result.stderr) == 0 and b"Found " in result.stderr
    assert message.read_text(encoding="utf-8") == EML
    assert result.stderr.decode().count(EML_NOTICE) == 1
    assert b"fix(es)" not in result.stderr


def test_statistics_count_only_what_the_format_can_take(cli, tmp_path) -> None:
    _write(tmp_path, "mail.eml", EML)
    _write(tmp_path, "mail.txt", EML.split("\n\n", 1)[1])
    _write(tmp_path, "mail.html", HTML)
    rows = json.loads(cli("check", "--statistics", "--format", "json", "--unsafe-fixes", ".", cwd=tmp_path).stdout)
    by_code = {row["code"]: row for row in rows}
    assert by_code["GP131"]["count"] == 3 and by_code["GP131"]["fixable"] == 2  # not the .eml one
    assert by_code["GP130"]["count"] == 2 and by_code["GP130"]["fixable"] == 0  # markup and an entity inside


def test_crlf_drafts_stay_crlf_when_a_fix_adds_lines(cli, tmp_path) -> None:
    text = (
        "Betreff: Rampenplanung\r\n\r\nGuten Tag Herr Weber,\r\n\r\nIhre Frachtführer buchen bei Ihnen per Telefon. "
        "Wäre das einen Blick wert?\r\n\r\nMit freundlichen Grüßen\r\nTobias Engel\r\nLagerSoft GmbH\r\n"
    )
    draft = _write(tmp_path, "entwurf.txt", text)
    cli("check", "--fix", "--unsafe-fixes", str(draft))
    fixed = draft.read_bytes()
    assert fixed.count(b"\n") == fixed.count(b"\r\n")
    assert b"LagerSoft GmbH\r\n" in fixed
