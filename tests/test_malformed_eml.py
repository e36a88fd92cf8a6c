"""Malformed e-mail: any broken header, transfer encoding, charset or multipart structure is that file's one-line
error; the other files are still checked, and nothing raises."""

from __future__ import annotations

import base64
import json

import pytest

from outreach_lint import Linter
from tests.test_cli import BAD, write

REPRODUCTION = b"Message-ID: <<<>>>\n\nHi\n"
BODY = (
    "Hi Jana,\n\nMy name is Tom and I work for Routely. We are a Berlin start-up. Our platform is used by our "
    "customers and we are proud of our team.\n\nBest regards,\nTom\n"
)


def message(
    *,
    extra: str = "",
    subject: str = "Quick question",
    to: str = "Jana Weber <jana@northwind.example>",
    content_type: str = "text/plain; charset=utf-8",
    encoding: str = "7bit",
    body: str = BODY,
) -> str:
    return (
        f"From: Tom <tom@routely.example>\nTo: {to}\nSubject: {subject}\nMIME-Version: 1.0\n{extra}"
        f"Content-Type: {content_type}\nContent-Transfer-Encoding: {encoding}\n\n{body}"
    )


def multipart(parts: str, boundary: str | None = "XX") -> str:
    parameter = f'; boundary="{boundary}"' if boundary else ""
    return (
        f"From: a@b.example\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: multipart/alternative{parameter}\n\n{parts}"
    )


def nested(depth: int) -> str:
    text = "From: a@b.example\nSubject: Hi\nMIME-Version: 1.0\n"
    for level in range(depth):
        text += f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n'
    text += "Content-Type: text/plain; charset=utf-8\n\n" + BODY
    return text + "".join(f"\n--b{level}--\n" for level in reversed(range(depth)))


def assert_one_line_error(report, *fragments: str) -> None:
    assert report.error, "expected an error, got findings"
    assert "\n" not in report.error and "\r" not in report.error
    assert not report.error.startswith("internal error"), report.error
    assert not report.findings
    for fragment in fragments:
        assert fragment.lower() in report.error.lower(), report.error


def assert_findings_match_source(report, source: str) -> None:
    assert report.error is None, report.error
    assert report.findings
    for finding in report.findings:
        assert source[finding.start.offset : finding.end.offset] == finding.text


# -- the reported case ----------------------------------------------------------------------------------
def test_reproduction_through_the_cli_reports_one_error_and_checks_the_other_file(cli, tmp_path) -> None:
    write(tmp_path, "m.eml", REPRODUCTION)
    write(tmp_path, "good.txt", BAD)
    result = cli("check", "m.eml", "good.txt", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    (line,) = stderr.strip().splitlines()
    assert line.startswith("m.eml: error: ") and "Message-ID" in line
    assert "good.txt:1:10" in result.stdout.decode()


def test_reproduction_through_the_library_is_a_report_error() -> None:
    report = Linter().lint(REPRODUCTION.decode(), fmt="eml")
    assert_one_line_error(report, "Message-ID")


# -- broken headers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(message(extra="Message-ID: foo bar\n"), "Message-ID", id="message-id-without-brackets"),
        pytest.param(message(extra="Date: yesterday\n"), "Date", id="date-not-a-date"),
        pytest.param(message(extra="Date: Tue, 3 Mar 99999999999 10:00:00 +0100\n"), "Date", id="date-overflow"),
        pytest.param(message(to="<<>>,,@@"), "To", id="to-garbage"),
        pytest.param(message(to='"Jana <jana@northwind.example>'), "To", id="to-unclosed-quote"),
        pytest.param(message(extra="Cc: (((( jana@northwind.example\n"), "Cc", id="cc-unclosed-comment"),
        pytest.param(message().replace("From: Tom <tom@routely.example>", "From: Tom tom@"), "From", id="from"),
        pytest.param(message(subject="=?utf-8?b?!!!?="), "Subject", id="encoded-word-bad-base64"),
        pytest.param(message(subject="=?x-unknown?q?Hi?="), "charset", id="encoded-word-unknown-charset"),
        pytest.param(message(subject="=?utf-8?q?=FF=FE?="), "utf-8", id="encoded-word-undecodable-bytes"),
        pytest.param(message(content_type='text/plain; charset="utf-8'), "Content-Type", id="unclosed-parameter"),
        pytest.param(message(content_type=";;;"), "Content-Type", id="content-type-garbage"),
        pytest.param(message(content_type="text"), "Content-Type", id="content-type-without-subtype"),
        pytest.param(message(encoding="base64 please"), "Content-Transfer-Encoding", id="cte-extra-text"),
        pytest.param(message(encoding="x-gzip"), "x-gzip", id="cte-unknown"),
        pytest.param(message(extra="MIME-Version: one\n"), "MIME-Version", id="mime-version"),
        pytest.param(" folded\n" + message(), "folded", id="first-line-is-a-continuation"),
        pytest.param(message(to="jana@northwind.example, " * 1000), "characters", id="header-too-long"),
        pytest.param(message(extra="X-Note: a\n" * 1200), "headers", id="too-many-headers"),
        pytest.param("Subject: Hi\nFrom tom Tue Mar  3 2026\nTo: a@b.example\n\n" + BODY, "From ", id="mbox-line"),
        pytest.param("Subject: Hi\nFrom tom Tue Mar  3 2026\n\n" + BODY, "body", id="mbox-line-before-body"),
    ],
)
def test_a_malformed_header_is_the_files_error(linter, text: str, fragment: str) -> None:
    assert_one_line_error(linter.lint(text, "en", fmt="eml"), fragment)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(message(subject="Quick\n question\n\tabout routes"), id="folded-subject"),
        pytest.param(message(subject="=?utf-8?q?Quick_question_f=C3=BCr_Jana?="), id="valid-encoded-word"),
        pytest.param(message(subject="Grüße aus Köln"), id="raw-utf8-subject"),
        pytest.param(message(extra="X-Note: a\x00b\nCc:\n"), id="nul-in-unread-header-and-empty-cc"),
        pytest.param(message(extra="References: <<<>>> (((\nIn-Reply-To: <<<\n"), id="free-form-thread-headers"),
        pytest.param(message(to="jana@northwind.example,, tom@routely.example"), id="obsolete-empty-list-element"),
        pytest.param(message(content_type="text/plain; charset=x-unknown"), id="unknown-charset-unused"),
    ],
)
def test_headers_that_lose_nothing_are_accepted(linter, text: str) -> None:
    assert_findings_match_source(linter.lint(text, "en", fmt="eml"), text)


# -- broken bodies --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(message(encoding="base64", body="!!! not base64 !!!\n" + BODY), "base64", id="base64-alphabet"),
        pytest.param(message(encoding="base64", body="SGk=SGk=\n"), "base64", id="base64-after-padding"),
        pytest.param(message(encoding="base64", body="SGkxA\n"), "base64", id="base64-impossible-length"),
        pytest.param(
            message(encoding="base64", body=base64.encodebytes(b"Hi \xff\xfe Jana").decode()),
            "utf-8",
            id="base64-not-the-declared-charset",
        ),
        pytest.param(
            message(encoding="quoted-printable", body=BODY.replace("Routely", "Rout=ZZely")),
            "quoted-printable",
            id="qp-bad-escape",
        ),
        pytest.param(message(encoding="quoted-printable", body="Hi J=C3na\n"), "utf-8", id="qp-cut-character"),
        pytest.param(
            message(content_type="text/plain; charset=x-unknown", encoding="quoted-printable", body="Gr=C3=BC=C3=9Fe"),
            "x-unknown",
            id="unknown-charset-needed",
        ),
        pytest.param(
            message(content_type="text/plain; charset=base64", encoding="base64", body="SGk=\n"),
            "charset",
            id="charset-that-is-no-text-encoding",
        ),
    ],
)
def test_an_undecodable_body_is_the_files_error(linter, text: str, fragment: str) -> None:
    assert_one_line_error(linter.lint(text, "en", fmt="eml"), fragment)


def test_valid_transfer_encodings_still_map_findings_to_the_source(linter) -> None:
    unpadded = base64.b64encode(BODY.encode()).decode().rstrip("=")
    split_character = BODY.replace("Routely", "R=C3=\n=B6utely") + "=\n"
    for text in (
        message(encoding="base64", body=unpadded + "\n"),
        message(encoding="quoted-printable", body=split_character),
    ):
        assert_findings_match_source(linter.lint(text, "en", fmt="eml"), text)


# -- broken structure -----------------------------------------------------------------------------------
PLAIN_PART = "--XX\nContent-Type: text/plain; charset=utf-8\n\n" + BODY


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(multipart(PLAIN_PART + "--XX--\n", boundary=None), "boundary", id="no-boundary"),
        pytest.param(multipart(PLAIN_PART), "never closed", id="boundary-never-closed"),
        pytest.param(multipart(BODY), "never occurs", id="boundary-never-used"),
        pytest.param(nested(50), "nested", id="nested-50-deep"),
        pytest.param(nested(2000), "nested", id="nested-2000-deep"),
        pytest.param(multipart(PLAIN_PART * 1500 + "--XX--\n"), "parts", id="too-many-parts"),
        pytest.param(multipart("--XX\n\nHi\n" * 12_000 + "--XX--\n"), "'--'", id="too-many-boundary-lines"),
        pytest.param(
            multipart(
                '--XX\nContent-Type: text/plain; charset="utf-8\nContent-Transfer-Encoding: 8bit\n\nHi\n--XX--\n'
            ),
            "Content-Type",
            id="part-header",
        ),
    ],
)
def test_a_broken_multipart_is_the_files_error(linter, text: str, fragment: str) -> None:
    assert_one_line_error(linter.lint(text, "en", fmt="eml"), fragment)


def test_a_well_formed_multipart_nested_a_few_levels_is_checked(linter) -> None:
    text = nested(5)
    assert_findings_match_source(linter.lint(text, "en", fmt="eml"), text)


# -- files: bytes, charsets, several at once ------------------------------------------------------------
def test_8bit_body_in_a_latin1_file_is_decoded_with_its_declared_charset(linter, tmp_path) -> None:
    head = "From: a@b.example\nSubject: Gr\xfc\xdfe\nMIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\n"
    sentence = "Ihr Geschäftsbericht nennt Frachtkostn. Wäre das interessant für Sie?\n"
    declared_utf8 = write(
        tmp_path,
        "utf8.eml",
        (head + "Content-Type: text/plain; charset=utf-8\n\n").encode("latin-1") + sentence.encode(),
    )
    mislabelled = write(
        tmp_path,
        "mislabelled.eml",
        (head + "Content-Type: text/plain; charset=utf-8\n\n").encode("latin-1") + sentence.encode("latin-1"),
    )
    report = linter.check_paths([str(declared_utf8), str(mislabelled)])
    good, bad = report.files
    assert good.error is None
    assert [f.text for f in good.findings if f.code == "SP001"] == ["Frachtkostn"]
    assert_one_line_error(bad, "utf-8")


def test_many_broken_messages_in_one_run_each_get_one_line(cli, tmp_path) -> None:
    broken = {
        "base64.eml": message(encoding="base64", body="%%%%\n"),
        "charset.eml": message(content_type="text/plain; charset=x-nope", encoding="quoted-printable", body="=C3=BC"),
        "unclosed.eml": multipart(PLAIN_PART),
        "deep.eml": nested(50),
        "header.eml": message(to="<<>>,,@@"),
    }
    for name, text in broken.items():
        write(tmp_path, name, text)
    write(tmp_path, "good.txt", BAD)
    write(tmp_path, "markup.html", "<p>Hi <![foo[ Jana ]]> <a href='x>we are the best")
    result = cli("check", "--format", "json", *broken, "good.txt", "markup.html", cwd=tmp_path)
    assert result.returncode == 2, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    for name in broken:
        error = files[name]["error"]
        assert error and "\n" not in error and not error.startswith("internal error"), (name, error)
    assert files["good.txt"]["findings"] and files["markup.html"]["error"] is None


# -- malformed HTML -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "html",
    [
        "<p>Hi Jana,</p><![foo[ unknown marked section ]]><p>we are the best.</p>",
        "<p>Hi Jana, we are the best.</p><a href='unclosed>and the rest",
        "<p>Hi Jana, we are the best &#; &#x; &#",
        "<p>Hi Jana, we are the best.<!-- never closed <b>",
        "<b>" * 300 + "Hi Jana, we are the best." + "</i>" * 300,
    ],
)
def test_malformed_html_never_raises(linter, html: str) -> None:
    for text, fmt in ((html, "html"), (message(content_type="text/html; charset=utf-8", body=html), "eml")):
        report = linter.lint(text, "en", fmt=fmt)
        assert report.error is None, report.error
        for finding in report.findings:
            assert text[finding.start.offset : finding.end.offset] == finding.text
