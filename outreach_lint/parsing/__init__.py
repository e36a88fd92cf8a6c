"""Turning a Source into a Document: format-specific parsing, then region and directive detection."""

from __future__ import annotations

import bisect
import re

import yaml

from ..document import MAX_BODY_CHARS, Directive, Document, Region, body_too_long
from ..source import Source, SourceError
from ..textmap import MappedText, MappedTextBuilder
from .eml import parse_eml
from .html import parse_html
from .markdown import parse_markdown
from .plain import parse_plain
from .regions import DIRECTIVE, find_regions, parse_directive_codes

#: Front matter holds a few facts about the prospect; a larger block is not a draft's front matter.
MAX_FRONT_MATTER_CHARS = 50_000


class LineIndex:
    """Converts source offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def parse(source: Source) -> Document:
    """Parse any supported format into a Document (raises SourceError for unusable input)."""

    _reject_surrogates(source.text)
    html_regions: list[tuple[str, int, int]] = []
    headers: dict[str, str] = {}
    front_matter, body_from = read_front_matter(source.text) if source.format in ("text", "markdown") else ({}, 0)
    if body_from:
        subject, full_body, headers = (parse_markdown if source.format == "markdown" else parse_plain)(
            source.text[body_from:]
        )
        subject = subject.shifted(body_from) if subject is not None else None
        full_body = full_body.shifted(body_from)
    elif source.format == "eml":
        subject, full_body, html_regions, headers = parse_eml(source.text, source.encoding)
    elif source.format == "html":
        full_body, html_regions = parse_html(source.text, max_chars=MAX_BODY_CHARS)
        subject = None
    elif source.format == "markdown":
        subject, full_body, headers = parse_markdown(source.text)
    else:
        subject, full_body, headers = parse_plain(source.text)
    if len(full_body.text) > MAX_BODY_CHARS:
        raise body_too_long(len(full_body.text))
    found = html_regions + find_regions(full_body.text)
    regions = [
        Region(kind, *full_body.source_span(start, end), full_body.text[start:end])
        for kind, start, end in sorted(found, key=lambda r: r[1])
        if end > start
    ]
    body = _without(full_body, found)
    # spaCy's tokenizer cache never hits for a text that starts with whitespace (3-4x slower): trim it.
    leading = len(body.text) - len(body.text.lstrip())
    if leading:
        body = body.slice(leading, len(body.text))
    directives = _directives(full_body, source.text)
    if body_from:
        regions.insert(0, Region("front-matter", 0, body_from, source.text[:body_from]))
    return Document(source, subject, body, full_body, regions, headers, directives, front_matter)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _reject_surrogates(text: str) -> None:
    """A string with an unpaired surrogate is not text (no file decodes to one; a caller's string can)."""
    found = _SURROGATE.search(text)
    if found:
        line, column = LineIndex(text[: found.start() + 1]).line_column(found.start())
        raise SourceError(
            f"text holds an unpaired surrogate U+{ord(found.group()):04X} (line {line}, column {column}); "
            "it is not valid Unicode"
        )


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def read_front_matter(text: str) -> tuple[dict[str, object], int]:
    """A YAML block between ``---`` lines at the very top of a draft: (data, offset where the draft starts)."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return {}, 0
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return {}, 0
    if end.start() - 4 > MAX_FRONT_MATTER_CHARS:
        raise SourceError(
            f"front matter has {end.start() - 4:,} characters, more than the {MAX_FRONT_MATTER_CHARS:,} it can have"
        )
    try:
        data = yaml.safe_load(text[4 : end.start()]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise SourceError(f"front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise SourceError("front matter is not valid YAML: it is nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # a value YAML recognises but cannot build: 'date: 2024-13-45'
        raise SourceError(f"front matter has a value YAML cannot read: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise SourceError("front matter must be a YAML mapping such as 'company: Northwind'")
    after = end.end()
    if text.startswith("\r\n", after):
        after += 2
    elif text.startswith("\n", after):
        after += 1
    return data, after


def _without(text: MappedText, regions: list[tuple[str, int, int]]) -> MappedText:
    """The text with every region cut out (a cut leaves a newline so sentences do not run together)."""
    if not regions:
        return text
    keep = MappedTextBuilder()
    pos = 0
    for _, start, end in sorted(regions, key=lambda r: r[1]):
        if start > pos:
            keep.add_mapped(text.slice(pos, start))
            if start < len(text.text):
                at = text.starts[start]
                keep.add_synthetic("\n", at, at)
        pos = max(pos, end)
    if pos < len(text.text):
        keep.add_mapped(text.slice(pos, len(text.text)))
    return keep.build()


def _directives(body: MappedText, source_text: str) -> list[Directive]:
    index = LineIndex(source_text)
    result = []
    for match in DIRECTIVE.finditer(body.text):
        start, end = body.source_span(match.start(), match.end())
        line, _ = index.line_column(start)
        end_line, _ = index.line_column(max(end - 1, start))
        result.append(
            Directive(
                match.group("kind").lower(), parse_directive_codes(match.group("codes")), line, end_line, start, end
            )
        )
    return result
