"""Markdown drafts: markup is dropped, the words keep their source offsets."""

from __future__ import annotations

import re

from ..textmap import MappedText, MappedTextBuilder
from .plain import split_header_block

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINE_PREFIX = re.compile(r"^(?:\s{0,3}#{1,6}\s+|\s*(?:[-*+]|\d{1,3}[.)])\s+(?!\s))")
_RULE_LINE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_INLINE = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"  # image: dropped
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)"  # link: keep the text
    r"|(?P<strong>\*\*|__)"  # bold markers
    r"|(?<![\w*|])(?P<em>[*_])(?=[^\s|])"  # opening emphasis
    r"|(?<=[^\s|])(?P<em_close>[*_])(?![\w*|])"  # closing emphasis
    r"|`(?P<code>[^`]+)`"  # inline code: keep the text
    r"|<(?P<auto>https?://[^>\s]+|[^@>\s]+@[^>\s]+)>"  # autolink: keep the address
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
    for comment in _COMMENT.finditer(text, body_start):
        _add_markdown_span(builder, text, pos, comment.start())
        # Keep the comment's text when it holds a directive, so suppression still sees it.
        inner = comment.group(0)
        if "outreach-lint:" in inner:
            builder.add_slice(inner, comment.start())
        pos = comment.end()
    _add_markdown_span(builder, text, pos, len(text))
    return subject, builder.build(), {name: value for name, (value, _) in headers.items()}


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
