"""Inline suppression in text, Markdown, HTML and .eml, and the unused-suppression report."""

from __future__ import annotations

from outreach_lint import Linter

SHOUT = "Subject: Fuel\n\nHi Jana,\n\n{directive}This ends Friday!!! Worth a look?\nReally!!!\n"


def codes(report) -> list[tuple[str, int]]:
    return [(f.code, f.start.line) for f in report.findings]


def test_file_wide_and_next_line(linter) -> None:
    plain = linter.lint(SHOUT.format(directive=""), "en")
    assert codes(plain) == [("ST007", 5), ("ST007", 6)]
    whole = linter.lint(SHOUT.format(directive="outreach-lint: disable=ST007\n"), "en")
    assert codes(whole) == []
    next_line = linter.lint(SHOUT.format(directive="outreach-lint: disable-next-line=ST007\n"), "en")
    assert codes(next_line) == [("ST007", 7)]
    by_category = linter.lint(SHOUT.format(directive="outreach-lint: disable=structure\n"), "en")
    assert codes(by_category) == []
    other_code = linter.lint(SHOUT.format(directive="outreach-lint: disable=SF001\n"), "en")
    assert len(codes(other_code)) == 2


def test_directive_line_is_not_linted_as_prose(linter) -> None:
    report = linter.lint(SHOUT.format(directive="outreach-lint: disable=ST007\n"), "en")
    assert all("outreach-lint" not in f.text for f in report.findings)


def test_markdown_and_html_comments(linter) -> None:
    md = "Subject: Fuel\n\n<!-- outreach-lint: disable-next-line=ST007 -->\nThis ends Friday!!! Worth a look?\n"
    assert codes(linter.lint(md, "en", fmt="markdown")) == []
    html = "<p>Hi Jana,</p><!-- outreach-lint: disable=ST007 --><p>This ends Friday!!! Worth a look?</p>"
    assert codes(linter.lint(html, "en", fmt="html")) == []
    html_next = "<p>Hi</p>\n<!-- outreach-lint: disable-next-line=ST007 -->\n<p>Ends Friday!!!</p>\n<p>Now!!!</p>"
    assert codes(Linter(select=("ST007",)).lint(html_next, "en", fmt="html")) == [("ST007", 4)]


def test_eml_body_directive_even_when_quoted_printable() -> None:
    eml = (
        "From: a@b.example\nSubject: Fuel\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\noutreach-lint: disable=3DST007\n"
        "This ends Friday!!! Worth a look?\n"
    )
    assert codes(Linter().lint(eml, "en", fmt="eml")) == []


def test_unused_suppressions_are_reported_on_request() -> None:
    text = SHOUT.format(directive="outreach-lint: disable-next-line=TD101\n")
    default = Linter().lint(text, "en")
    assert "OL001" not in {f.code for f in default.findings}
    report = Linter(extend_select=("OL001",)).lint(text, "en")
    unused = [f for f in report.findings if f.code == "OL001"]
    assert len(unused) == 1 and unused[0].start.line == 5
    assert unused[0].text == "outreach-lint: disable-next-line=TD101"
