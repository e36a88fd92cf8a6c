"""What a fix may change in each input format.

Plain text takes any replacement. Markdown takes one only when the token structure (``markdown-it``) and every
link target stay as they were. HTML takes one only where the span is plain text, read verbatim from one text
node (no tag, no entity, no collapsed white space); the replacement is written HTML-escaped. An ``.eml``
message is never rewritten: its body may be encoded, and a mail client would show any other bytes."""

from __future__ import annotations

import html
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Finding

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: Shown once for an .eml file whose findings carry rewrites a fix run would otherwise apply.
EML_NOTICE = "fixes are not applied to .eml files; the rewrites are shown"


@dataclass(frozen=True, slots=True)
class Format:
    """How fixes treat one input format."""

    name: str

    @property
    def fixable(self) -> bool:
        return self.name != "eml"

    @property
    def markup(self) -> bool:
        return self.name == "html"

    def raw_replacement(self, text: str, finding: Finding, replacement: str) -> str | None:
        """The replacement as it is written into the source at the finding's offsets, or None when it
        cannot be written there."""
        if self.name == "eml":
            return None
        if self.name == "html":
            if "\n" in replacement or not verbatim_span(text, finding.start.offset, finding.end.offset):
                return None
            return html.escape(replacement, quote=False)
        return replacement

    def shape(self, text: str) -> object:
        """What a fix must leave as it was (compared before and after), or None when nothing is compared."""
        return markdown_shape(text) if self.name == "markdown" else None


def format_named(name: str) -> Format:
    return Format(name)


# -- HTML ------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=8)
def _visible_index(text: str) -> array[int]:
    """For every source offset, the index of the visible character copied verbatim from it (else -1)."""
    from ..parsing.html import parse_html

    body, _ = parse_html(text)
    index = array("q", [-1]) * len(text)
    for position, (start, end) in enumerate(zip(body.starts, body.ends, strict=True)):
        if end == start + 1 and text[start] == body.text[position]:
            index[start] = position
    return index


def verbatim_span(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is shown exactly as written: every character copied into the visible text,
    one after the other (no tag, entity or collapsed white space inside)."""
    if end <= start or end > len(text):
        return False
    index = _visible_index(text)
    first = index[start]
    return first >= 0 and all(index[start + i] == first + i for i in range(end - start))


# -- Markdown --------------------------------------------------------------------------------------------------
def markdown_shape(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The token types (block and inline markup; text and soft line breaks left out) and the link targets."""
    types: list[str] = []
    targets: list[str] = []
    for token in _parser().parse(text):
        types.append(f"{token.type}:{token.tag}")
        for child in token.children or ():
            if child.type not in ("text", "softbreak"):
                types.append(f"{child.type}:{child.tag}")
            if child.type == "link_open":
                targets.append(str(child.attrGet("href")))
            elif child.type == "image":
                targets.append(str(child.attrGet("src")))
    return tuple(types), tuple(targets)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported here: only Markdown fixes need it

    return MarkdownIt()
