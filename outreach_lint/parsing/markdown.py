"""Markdown drafts: markup is dropped, the words keep their source offsets."""

from __future__ import annotations

import re

from ..textmap import MappedText, MappedTextBuilder
from .plain import split_header_block

_LINE_PREFIX = re.compile(r"^(?:\s{0,3}#{1,6}\s+|\s*(?:[-*+]|\d{1,3}[.)])\s+(?!\s))")
_RULE_LINE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
#: Runs inside a construct are bounded and possessive, so a line of unclosed '[' or '<' is read in linear time.
_INLINE = re.compile(
    r"!\[[^\]]{0,500}+\]\([^)]{0,2000}+\)"  # image: dropped
    r"|\[(?P<link>[^\]]{1,500}+)\]\((?P<url>[^)\s]{0,2000}+)(?:\s++\"[^\"]{0,500}+\")?\)"  # link: keep the text
    r"|(?P<strong>\*\*|__)"  # bold markers
    r"|(?<![\w*|])(?P<em>[*_])(?=[^\s|])"  # opening emphasis
    r"|(?<=[^\s|])(?P<em_close>[*_])(?![\w*|])"  # closing emphasis
    r"|`(?P<code>[^`]{1,500}+)`"  # inline code: keep the text
    r"|<(?P<auto>https?://[^>\s]{1,2000}+|[^@>\s]{1,256}+@[^>\s]{1,256}+)>"  # autolink: keep the address
)


def parse_markdown(text: str) -> tuple[MappedText | None, MappedText, dict[str, str]]:
    """Split a Markdown draft into (subject, body, headers) without markup."""
    headers, body_start = split_header_block(text)
    subject = None
    if "subject" in headers:
        value, value_start = headers["subject"]
        subject = MappedText.identity(value, value_start)
    builder = MappedTextBuilder()
    pos = body_start
    for start, end in _comments(text, body_start):
        _add_markdown_span(builder, text, pos, start)
        # Keep the comment's text when it holds a directive, so suppression still sees it.
        if "outreach-lint:" in text[start:end]:
            builder.add_slice(text[start:end], start)
        pos = end
    _add_markdown_span(builder, text, pos, len(text))
    return subject, builder.build(), {name: value for name, (value, _) in headers.items()}


def _comments(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of every ``<!-- ... -->`` from ``start`` on; an unclosed one is text (one scan, any input)."""
    found = []
    opening = text.find("<!--", start)
    while opening != -1:
        closing = text.find("-->", opening + 4)
        if closing == -1:
            break
        found.append((opening, closing + 3))
        opening = text.find("<!--", closing + 3)
    return found


def _add_markdown_span(builder: MappedTextBuilder, text: str, start: int, end: int) -> None:
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline + 1
        _add_line(builder, text, pos, line_end)
        pos = line_end


def _add_line(builder: MappedTextBuilder, text: str, start: int, end: int) -> None:
    line = text[start:end]
    if _RULE_LINE.match(line.rstrip("\r\n")):
        builder.add_synthetic("\n", start, end)
        return
    prefix = _LINE_PREFIX.match(line)
    pos = start + (prefix.end() if prefix else 0)
    for match in _INLINE.finditer(text, pos, end):
        builder.add_slice(text[pos : match.start()], pos)
        if match.group("link") is not None:
            builder.add_slice(match.group("link"), match.start("link"))
        elif match.group("code") is not None:
            builder.add_slice(match.group("code"), match.start("code"))
        elif match.group("auto") is not None:
            builder.add_slice(match.group("auto"), match.start("auto"))
        pos = match.end()
    builder.add_slice(text[pos:end], pos)
