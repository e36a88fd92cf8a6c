"""Fuzzing the whole linter with a small fixed budget: no input raises, hangs or yields a finding that is not
where it says it is. ``bench/fuzz.py`` runs the same properties for minutes over more shapes.

Properties, for every input:
- nothing raises: a bad input is ``FileReport.error`` (one line, never an "internal error"), never an exception;
- every finding's ``text`` is ``source_text[start.offset:end.offset]`` and its line/column agree with the offset;
- no input takes more than ``HANG_SECONDS`` (a hang fails the test instead of blocking the run).
"""

from __future__ import annotations

import base64
import json
import quopri
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from outreach_lint import Linter
from outreach_lint.models import FileReport
from tests.conftest import run_cli

T = TypeVar("T")
HANG_SECONDS = 10
#: Small and fixed: the module runs in well under a minute; shrinking is off so a hang cannot stretch it.
CI = settings(
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much),
)
LANGUAGES = st.sampled_from(["en", "de", None])


# -- the properties -------------------------------------------------------------------------------------
class Hang(BaseException):
    """An input took longer than the hang guard allows (a BaseException, so no ``except Exception`` hides it)."""


def within_time_limit(call: Callable[[], T], seconds: float = HANG_SECONDS) -> T:
    """``call()``, failing the test if it runs longer than ``seconds``."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return _within_time_limit_threaded(call, seconds)

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    except Hang as exc:
        raise AssertionError(str(exc)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _within_time_limit_threaded(call: Callable[[], T], seconds: float) -> T:
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise AssertionError(f"no result after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset (lines end at '\\n')."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def assert_sound(report: FileReport, source_text: str | None = None) -> None:
    """The report is either one clean error line or findings that point at their own text."""
    if report.error is not None:
        assert report.error.strip(), "empty error message"
        assert "\n" not in report.error and "\r" not in report.error, report.error
        assert not report.error.startswith("internal error"), report.error
        assert not report.findings
        return
    text = report.source_text if source_text is None else source_text
    assert text is not None
    for finding in report.findings:
        start, end = finding.start, finding.end
        assert 0 <= start.offset <= end.offset <= len(text), finding
        assert text[start.offset : end.offset] == finding.text, finding
        assert (start.line, start.column) == line_column(text, start.offset), finding
        assert (end.line, end.column) == line_column(text, end.offset), finding


def lint_text(linter: Linter, text: str, lang: str | None, fmt: str) -> None:
    assert_sound(within_time_limit(lambda: linter.lint(text, lang, fmt=fmt)), text)


def lint_file(linter: Linter, folder: Path, data: bytes, suffix: str, lang: str | None = None) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    report = within_time_limit(lambda: linter.check_paths([str(path)], lang=lang))
    (file,) = report.files
    assert_sound(file)


# -- the shapes -----------------------------------------------------------------------------------------
PROSE_PIECES = [
    "Hi Jana,",
    "Hallo Frau Weber,",
    "Subject: ",
    "Betreff: ",
    "To: ",
    "We are the best",
    " world-class ",
    "I hope this email finds you well.",
    "Would a short call help?",
    "Best regards,",
    "Viele Grüße",
    "Tom",
    "--",
    "-- ",
    "> ",
    "On Tue, 3 Mar 2026, Tom wrote:",
    "Am 3. März schrieb Jana:",
    "---",
    "...",
    "!!!",
    "?",
    "{{first_name}}",
    "{{ company }}",
    "*|FNAME|*",
    "[Name]",
    "{%",
    "%}",
    "outreach-lint: disable=GP108",
    "outreach-lint: disable-next-line",
    "https://routely.example/x",
    "jana@northwind.example",
    "100 %",
    "Q3 2026",
    "€",
    "ß",
    "ü",
    "—",
    "🙂",
    "\u2028",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\xa0",
    "\t",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\x00",
    "\ufeff",
]
MARKDOWN_PIECES = [
    "# ",
    "## ",
    "* ",
    "- ",
    "1. ",
    "**",
    "__",
    "_",
    "*",
    "`",
    "[link](https://x.example)",
    "![img](x.png)",
    "[",
    "](",
    ")",
    "<!--",
    "-->",
    "<jana@northwind.example>",
    "<https://x.example>",
    "***",
    "|",
    "  \n",
]
HTML_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    '<div class="gmail_quote">',
    '<div class="signature">',
    "<blockquote>",
    "</blockquote>",
    "<br>",
    "<br/>",
    "<b>",
    "</b>",
    "</i>",
    "<td>",
    "<table>",
    "<img src=x>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<title>",
    "<!--",
    "-->",
    "<!-- outreach-lint: disable=GP108 -->",
    "<![if mso]>",
    "<![endif]>",
    "<![foo[",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<!",
    "<?",
    "</",
    "<",
    ">",
    "&amp;",
    "&nbsp;",
    "&uuml;",
    "&bogus;",
    "&#",
    "&#;",
    "&#x;",
    "&#123;",
    "&#x1F600;",
    "&#99999999999;",
    "&",
    "<a href='",
    '<a href="',
    "'",
    '"',
    "=",
    "/",
]
HEADER_NAMES = [
    "Subject",
    "From",
    "To",
    "Cc",
    "Date",
    "Message-ID",
    "References",
    "In-Reply-To",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Content-Disposition",
    "Reply-To",
    "Sender",
    "X-Mailer",
]
HEADER_PIECES = [
    "Jana Weber <jana@northwind.example>",
    "jana@northwind.example",
    "<<<>>>",
    "<a@b.example>",
    "Quick question",
    "=?utf-8?b?SGk=?=",
    "=?utf-8?b?!!!?=",
    "=?utf-8?b?SGk?=",
    "=?x-unknown?q?Hi?=",
    "=?utf-8?q?Gr=C3=BC=C3=9Fe?=",
    "=?utf-8?q?=FF?=",
    "=?",
    "?=",
    "Tue, 3 Mar 2026 10:12:00 +0100",
    "yesterday",
    "text/plain",
    "text/html",
    "multipart/alternative",
    "multipart/mixed",
    "message/rfc822",
    "; charset=utf-8",
    "; charset=iso-8859-1",
    "; charset=x-nope",
    "; charset=base64",
    "; charset*=utf-8''%ZZ",
    "; boundary=XX",
    '; boundary="',
    "attachment",
    "base64",
    "quoted-printable",
    "8bit",
    "x-uuencode",
    "1.0",
    "(",
    ")",
    '"',
    ",",
    "@",
    ";",
    "<",
    ">",
    "\x00",
    "é",
    "Grüße",
    "\n ",
    "\n\t",
    " ",
]
#: Well-formed values, so that most messages get as far as the checks; one header in ten is fuzzed.
GOOD_HEADERS = {
    "Subject": ["Quick question", "Fuel surcharges in Q3", "=?utf-8?q?Frachtkosten_im_M=C3=A4rz?=", "Re: Slots", ""],
    "From": ["Tom <tom@routely.example>", "tom@routely.example", '"Weber, Jana" <jana@northwind.example>'],
    "To": ["Jana Weber <jana@northwind.example>", "jana@northwind.de", "a@b.example, c@d.example"],
    "Cc": ["lead@northwind.example", ""],
    "Date": ["Tue, 3 Mar 2026 10:12:00 +0100", "3 Mar 2024 10:00 GMT"],
    "Message-ID": ["<20260303.4f2a@mail.routely.example>"],
    "References": ["<a@b.example> <c@d.example>"],
    "In-Reply-To": ["<a@b.example>"],
    "X-Mailer": ["Thunderbird 128", "=?utf-8?b?R3LDvMOfZQ==?="],
}
TEXT_CHARSETS = ["utf-8", "utf-8", "utf-8", "iso-8859-1", "us-ascii", "x-nope", "utf-16"]
BODY_ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable"] * 3 + ["broken-base64", "broken-qp"]


def pieces(vocabulary: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    """Text made of meaningful fragments and random characters."""
    piece = st.one_of(st.sampled_from(vocabulary), st.text(max_size=8))
    return st.lists(piece, max_size=max_size).map("".join)


def mostly(good: st.SearchStrategy[T], bad: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``good`` in nine draws out of ten, else ``bad``."""
    return st.integers(0, 9).flatmap(lambda roll: bad if roll == 9 else good)


prose = pieces(PROSE_PIECES)
markdown = pieces(PROSE_PIECES + MARKDOWN_PIECES)
htmlish = pieces(PROSE_PIECES + HTML_PIECES, max_size=60)
fuzzed_header = st.tuples(
    st.one_of(st.sampled_from(HEADER_NAMES), st.text("Xx-!", min_size=1, max_size=6)),
    pieces(HEADER_PIECES, max_size=6),
)
good_header = st.sampled_from(sorted(GOOD_HEADERS)).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from(GOOD_HEADERS[name]))
)
header = mostly(good_header, fuzzed_header)


def encode_body(body: str, encoding: str, charset: str) -> tuple[str, str]:
    """(Content-Transfer-Encoding, encoded body) for a body and an encoding (or a broken variant of one)."""
    try:
        data = body.encode(charset)
    except (LookupError, UnicodeError):
        data = body.encode("utf-8", "surrogatepass")
    if encoding == "base64":
        return encoding, base64.encodebytes(data).decode()
    if encoding == "broken-base64":
        return "base64", base64.encodebytes(data).decode()[::-1] + "!"
    if encoding == "quoted-printable":
        return encoding, quopri.encodestring(data).decode()
    if encoding == "broken-qp":
        return "quoted-printable", quopri.encodestring(data).decode() + "=Z"
    return encoding, body


@st.composite
def leaf_part(draw: st.DrawFn) -> str:
    kind = draw(mostly(st.sampled_from(["text/plain", "text/html"]), st.sampled_from(["application/pdf", ""])))
    charset = draw(st.sampled_from(TEXT_CHARSETS))
    body = draw(mostly(htmlish, prose) if kind == "text/html" else mostly(prose, htmlish))
    encoding, encoded = encode_body(body, draw(st.sampled_from(BODY_ENCODINGS)), charset)
    lines = [f"Content-Type: {kind}; charset={charset}"] if kind else []
    lines += [f"{name}: {value}" for name, value in draw(st.lists(mostly(st.nothing(), fuzzed_header), max_size=1))]
    disposition = draw(mostly(st.sampled_from(["", "inline"]), st.just("attachment; filename=a.pdf")))
    if disposition:
        lines.append(f"Content-Disposition: {disposition}")
    lines.append(f"Content-Transfer-Encoding: {encoding}")
    return "\n".join(lines) + "\n\n" + encoded


def multipart_part(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        unique = draw(st.uuids()).hex[:8]  # parts nested in parts need boundaries of their own
        named = st.sampled_from(["XX", "b1-", "=_part_"]).map(lambda name: name + unique)
        boundary = draw(mostly(named, st.sampled_from(["", None])))
        parts = draw(st.lists(children, min_size=1, max_size=3))
        closed = draw(mostly(st.just(True), st.just(False)))
        head = "Content-Type: multipart/" + draw(st.sampled_from(["mixed", "alternative", "related"]))
        head += f'; boundary="{boundary}"' if boundary is not None else ""
        marker = boundary or "XX"
        text = head + "\n\n" + "".join(f"--{marker}\n{part}\n" for part in parts)
        return text + (f"--{marker}--\n" if closed else "")

    return build()


mime_part = st.recursive(leaf_part(), multipart_part, max_leaves=4)


@st.composite
def eml_text(draw: st.DrawFn) -> str:
    """A message: mostly well-formed headers and MIME structure, with fuzzed headers, bodies and boundaries."""
    headers = draw(st.lists(header, max_size=6))
    top = "".join(f"{name}: {value}\n" for name, value in headers)
    text = top + draw(st.sampled_from(["MIME-Version: 1.0\n", ""])) + draw(mime_part)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def to_bytes(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


eml_bytes = st.builds(to_bytes, eml_text(), st.sampled_from(["utf-8", "latin-1", "utf-16"]))
any_bytes = st.one_of(
    st.binary(max_size=300),
    st.builds(to_bytes, st.one_of(prose, htmlish, markdown), st.sampled_from(["utf-8", "latin-1", "utf-16"])),
)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".eml", ".j2"])


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="outreach-fuzz-") as name:
        yield Path(name)


# -- the tests ------------------------------------------------------------------------------------------
@settings(CI, max_examples=300)
@given(text=st.one_of(st.text(max_size=300), prose), lang=LANGUAGES, fmt=st.sampled_from(["text", "markdown"]))
@example(text="Subject: a" + " " * 5000 + "b\n\nHi", lang="en", fmt="text")
@example(text="---\nd: 2024-13-45\n---\nHi Jana", lang="en", fmt="text")
@example(text="---\nd: " + "[" * 3000 + "\n---\nHi", lang="en", fmt="markdown")
@example(text="Hi\n" + "<!--" * 300 + "<a" * 300, lang="en", fmt="markdown")
def test_text_and_markdown(linter, text: str, lang: str | None, fmt: str) -> None:
    lint_text(linter, text, lang, fmt)


@settings(CI, max_examples=150)
@given(text=markdown, lang=LANGUAGES)
def test_markdown_shapes(linter, text: str, lang: str | None) -> None:
    lint_text(linter, text, lang, "markdown")


@settings(CI, max_examples=300)
@given(text=htmlish, lang=LANGUAGES)
@example(text="<p>Hi</p><![foo[ x ]]>", lang="en")
@example(text="<a b='" * 3000, lang="en")
@example(text="&#;" + "<!--" * 3000, lang="en")
@example(text="<b>" * 3000 + "</i>" * 3000, lang="en")
def test_html(linter, text: str, lang: str | None) -> None:
    lint_text(linter, text, lang, "html")


@settings(CI, max_examples=400)
@given(text=eml_text(), lang=LANGUAGES)
@example(text="Message-ID: <<<>>>\n\nHi\n", lang=None)
def test_eml_through_the_library(linter, text: str, lang: str | None) -> None:
    lint_text(linter, text, lang, "eml")


@settings(CI, max_examples=200)
@given(data=eml_bytes)
def test_eml_bytes_through_the_file_reader(linter, folder, data: bytes) -> None:
    lint_file(linter, folder, data, ".eml")


@settings(CI, max_examples=200)
@given(data=any_bytes, suffix=SUFFIXES, lang=LANGUAGES)
@example(data=b"\xff\xfe" + "Hi Jana, we are the best.".encode("utf-16-le"), suffix=".txt", lang=None)
def test_random_bytes_through_the_file_reader(linter, folder, data: bytes, suffix: str, lang: str | None) -> None:
    lint_file(linter, folder, data, suffix, lang)


GOOD = "Subject: Quick question\n\nHi Jana,\n\nWe are the best in town. Would a call help?\n\nBest,\nTom\n"


@settings(CI, max_examples=3)
@given(inputs=st.lists(st.tuples(st.one_of(any_bytes, eml_bytes), SUFFIXES), min_size=1, max_size=6))
def test_random_files_through_the_cli(folder, inputs: list[tuple[bytes, str]]) -> None:
    """Several random files and one good draft in one run: every file is reported, the good one is checked."""
    names = []
    for index, (data, suffix) in enumerate(inputs):
        names.append(f"cli-{index}{suffix}")
        (folder / names[-1]).write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--format", "json", *names, "good.txt", cwd=folder)
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode in (0, 1, 2), stderr
    assert "Traceback" not in stderr, stderr
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert set(files) == {*names, "good.txt"}
    assert files["good.txt"]["error"] is None and files["good.txt"]["findings"]
    for name in names:
        error = files[name]["error"]
        if error is not None:
            assert error.strip() and "\n" not in error and not error.startswith("internal error"), (name, error)
            assert not files[name]["findings"]
        for finding in files[name]["findings"]:
            assert finding["start"]["offset"] <= finding["end"]["offset"]
