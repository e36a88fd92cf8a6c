"""Inputs: text, Markdown, HTML and .eml are parsed into prose and regions, with offsets into the source."""

from __future__ import annotations

import base64
import quopri

from outreach_lint.parsing import parse
from outreach_lint.source import Source


def doc(text: str, fmt: str = "text"):
    return parse(Source("mail", text, fmt))


def kinds(document) -> list[str]:
    return [r.kind for r in document.regions]


def test_subject_line_in_text_is_the_subject() -> None:
    d = doc("Subject: Fuel costs\n\nHi Jana,\n\nWorth a look?\n")
    assert d.subject.text == "Fuel costs"
    assert "Subject" not in d.body.text
    d = doc("Betreff: Frachtkosten\n\nHallo Frau Weber,\n")
    assert d.subject.text == "Frachtkosten"


def test_body_starting_with_to_is_not_a_header() -> None:
    d = doc("To: all the team\n\nplease read this.")
    assert d.subject is None
    assert d.body.text.startswith("To: all")


def test_quoted_reply_with_english_attribution_is_a_region() -> None:
    text = (
        "Subject: Re: numbers\n\nThanks Jana, that helps. Worth a look?\n\n"
        "On Tue, 3 Mar 2026 at 10:12, Jana Weber <jana@example.com> wrote:\n"
        "> I hope this email finds you well.\n> Here are our numbers.\n"
    )
    d = doc(text)
    assert "quote" in kinds(d)
    assert "finds you well" not in d.body.text
    assert "Thanks Jana" in d.body.text


def test_german_attribution_and_wrapped_attribution() -> None:
    text = (
        "Hallo Frau Weber,\n\nvielen Dank. Passt Dienstag?\n\n"
        "Am Di., 3. März 2026 um 10:12 schrieb Jana Weber <\njana@example.com>:\n> Ich hoffe, es geht Ihnen gut.\n"
    )
    d = doc(text)
    assert "hoffe" not in d.body.text
    assert "Passt Dienstag?" in d.body.text


def test_original_message_and_forwarded_blocks() -> None:
    d = doc("Short note. Worth a look?\n\n-----Original Message-----\nFrom: a@b.c\nSent: Monday\nquoted words\n")
    assert "quoted words" not in d.body.text
    d = doc("FYI below.\n\n---------- Forwarded message ---------\nFrom: Tom\nforwarded words\n")
    assert kinds(d) == ["forward"]
    assert "forwarded words" not in d.body.text
    d = doc("Siehe unten.\n\nVon: Tom Berger\nGesendet: Montag\nAn: Jana\nBetreff: Angebot\nalter Text\n")
    assert "alter Text" not in d.body.text


def test_signature_delimiter_and_sign_off_blocks() -> None:
    d = doc("Hi Jana,\n\nWorth a look?\n\n-- \nTom Berger\nHead of Sales, Routely GmbH\n+49 30 1234\n")
    assert kinds(d) == ["signature"]
    assert "Routely GmbH" in d.signature
    assert "Routely" not in d.body.text
    d = doc("Hallo Frau Weber,\n\nWäre das interessant?\n\nMit freundlichen Grüßen\nTom Berger\nRoutely GmbH\n")
    assert "Routely" not in d.body.text
    assert "Routely GmbH" in d.signature


def test_thanks_sentence_is_not_a_signature() -> None:
    d = doc("Hi Jana,\n\nThanks for the numbers from the Leipzig hub launch.\nWorth a look?\n")
    assert d.regions == []


def test_offsets_map_back_to_the_source(linter) -> None:
    text = "Subject: Hello\r\n\r\nHi Jana,\r\n\r\nI hope this email finds you well. Worth a look?\r\n"
    report = linter.lint(text, "en", path="crlf.txt")
    for finding in report.findings:
        assert text[finding.start.offset : finding.end.offset] == finding.text
        line_start = text.rfind("\n", 0, finding.start.offset) + 1
        assert finding.start.column == finding.start.offset - line_start + 1
        assert finding.start.line == text.count("\n", 0, finding.start.offset) + 1


def test_markdown_markup_is_dropped_but_offsets_kept() -> None:
    text = "Subject: Hi\n\n**Your Q3 report** names [fuel surcharges](https://example.com/q3) as a _risk_.\n"
    d = doc(text, "markdown")
    assert "Your Q3 report names fuel surcharges as a risk." in d.body.text
    position = d.body.text.index("fuel")
    start, end = d.body.source_span(position, position + 4)
    assert text[start:end] == "fuel"


def test_markdown_keeps_merge_fields_intact() -> None:
    d = doc("Hi *|FNAME|*, {{first_name}} and __bold__\n", "markdown")
    assert "*|FNAME|*" in d.body.text
    assert "{{first_name}}" in d.body.text
    assert "bold" in d.body.text and "__" not in d.body.text


def test_html_entities_blocks_quotes_and_signature() -> None:
    text = (
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<p>Hallo Frau M&uuml;ller,</p><p>Ihr Q3-Bericht&nbsp;nennt <b>Frachtkosten</b>.<br>Passt das?</p>"
        '<div class="gmail_signature">Tom Berger<br>Routely GmbH</div>'
        "<blockquote>Ich hoffe, es geht Ihnen gut.</blockquote></body></html>"
    )
    d = doc(text, "html")
    assert "Hallo Frau Müller," in d.body.text
    assert "Ihr Q3-Bericht nennt Frachtkosten." in d.body.text
    assert "Passt das?" in d.body.text
    assert "hoffe" not in d.body.text and "Routely" not in d.body.text and "p{}" not in d.body.text
    assert "Routely GmbH" in d.signature
    position = d.body.text.index("Müller")
    start, end = d.body.source_span(position, position + len("Müller"))
    assert text[start:end] == "M&uuml;ller"


def test_malformed_html_still_parses() -> None:
    d = doc("<p>Hallo <b>Frau Weber<p>Passt es <i>Ihnen</b> am Dienstag?<div", "html")
    assert "Passt es Ihnen am Dienstag?" in d.body.text


def _eml(body: bytes, encoding: str, ctype: str = "text/plain") -> str:
    return (
        "From: Tom <tom@routely.example>\nTo: Jana Weber <jana@northwind.example>\n"
        "Subject: =?utf-8?q?Frachtkosten_im_M=C3=A4rz?=\nMIME-Version: 1.0\n"
        f"Content-Type: {ctype}; charset=utf-8\nContent-Transfer-Encoding: {encoding}\n\n"
    ) + body.decode("ascii")


def test_eml_quoted_printable_maps_offsets() -> None:
    body = "Hallo Frau Weber,\n\nIhr Bericht nennt Frachtkosten – für März. Wäre das interessant?\n"
    encoded = quopri.encodestring(body.encode("utf-8"))
    text = _eml(encoded, "quoted-printable")
    d = doc(text, "eml")
    assert d.subject.text == "Frachtkosten im März"
    assert "Frachtkosten – für März. Wäre das interessant?" in d.body.text
    position = d.body.text.index("Wäre")
    start, end = d.body.source_span(position, position + 4)
    assert text[start:end] == "W=C3=A4re"
    assert d.headers["to"].startswith("Jana Weber")


def test_eml_base64_and_multipart_prefers_plain() -> None:
    body = b"Hi Jana,\n\nYour Q3 report names fuel costs. Worth a look?\n"
    d = doc(_eml(base64.encodebytes(body), "base64"), "eml")
    assert "Worth a look?" in d.body.text
    multipart = (
        "From: a@b.example\nSubject: Hi\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="XX"\n\n--XX\n'
        "Content-Type: text/html; charset=utf-8\n\n<p>HTML version</p>\n--XX\n"
        "Content-Type: text/plain; charset=utf-8\n\nPlain version. Worth a look?\n--XX--\n"
    )
    d = doc(multipart, "eml")
    assert "Plain version" in d.body.text and "HTML" not in d.body.text
    start, _ = d.body.source_span(0, 5)
    assert multipart[start:].startswith("Plain version")


def test_eml_html_only_part() -> None:
    html = b"<p>Hi Jana,</p><p>Worth a&nbsp;look?</p>"
    d = doc(_eml(html, "7bit", "text/html"), "eml")
    assert "Worth a look?" in d.body.text


def test_eml_declared_latin1_charset_8bit_and_quoted_printable(linter, tmp_path) -> None:
    from outreach_lint.source import read_path

    head = "From: a@b.example\nSubject: =?iso-8859-1?q?Gr=FC=DFe?=\nMIME-Version: 1.0\n"
    eight_bit = tmp_path / "latin.eml"
    eight_bit.write_bytes(
        (head + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n").encode()
        + "Ihr Geschäftsbericht nennt Frachtkostn. Wäre das interessant?\n".encode("latin-1")
    )
    report = linter.check_source(read_path(eight_bit))
    assert report.error is None and report.language == "de"
    assert [(f.code, f.text) for f in report.findings if f.code == "SP001"] == [("SP001", "Frachtkostn")]
    qp = tmp_path / "qp.eml"
    qp.write_text(
        head + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Ihr Gesch=E4ftsbericht nennt Frachtkostn. W=E4re das interessant?\n",
        encoding="ascii",
    )
    report = linter.check_source(read_path(qp))
    finding = next(f for f in report.findings if f.code == "SP001")
    assert finding.text == "Frachtkostn" and finding.start.line == 7
