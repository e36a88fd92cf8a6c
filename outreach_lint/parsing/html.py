"""HTML email bodies: visible text with source offsets; quotes and signatures marked by their markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..textmap import MappedText, MappedTextBuilder

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "td",
        "th",
    }
)
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source"})
_QUOTE_CLASSES = re.compile(r"gmail_quote|moz-cite|yahoo_quoted|OutlookMessageHeader|divRplyFwdMsg", re.I)
_SIGNATURE_CLASSES = re.compile(r"signature|moz-signature", re.I)
_SPACE_RUN = re.compile(r"\s+")


class _VisibleText(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.builder = MappedTextBuilder()
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.stack: list[tuple[str, str | None]] = []  # (tag, region kind opened by it)
        self.hidden = 0
        self.regions: list[tuple[str, int, int]] = []
        self.open_regions: list[tuple[str, int]] = []

    def _source_offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _newline(self, count: int = 1) -> None:
        at = self._source_offset()
        if len(self.builder) and self.builder.last_char() != "\n":
            self.builder.add_synthetic("\n" * count, at, at)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        if tag in _BLOCK_TAGS:
            self._newline()
        if tag in _VOID_TAGS:
            return
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        kind = None
        if tag == "blockquote" or _QUOTE_CLASSES.search(classes):
            kind = "quote"
        elif _SIGNATURE_CLASSES.search(classes):
            kind = "signature"
        if kind:
            self.open_regions.append((kind, len(self.builder)))
        self.stack.append((tag, kind))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag in _BLOCK_TAGS:
            self._newline()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                for _, kind in self.stack[index:]:
                    if kind and self.open_regions:
                        region_kind, start = self.open_regions.pop()
                        self.regions.append((region_kind, start, len(self.builder)))
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        start = self._source_offset()
        pos = 0
        for match in _SPACE_RUN.finditer(data):
            self.builder.add_slice(data[pos : match.start()], start + pos)
            if "\n" not in match.group(0) and match.group(0) == " ":
                self.builder.add_slice(" ", start + match.start())
            elif len(self.builder) and self.builder.last_char() not in " \n":
                self.builder.add_synthetic(" ", start + match.start(), start + match.end())
            pos = match.end()
        self.builder.add_slice(data[pos:], start + pos)

    def _reference(self, raw: str) -> None:
        if self.hidden:
            return
        start = self._source_offset()
        value = html.unescape(raw)
        if value == "\xa0":
            value = " "
        self.builder.add_synthetic(value, start, start + len(raw))

    def handle_entityref(self, name: str) -> None:
        start = self._source_offset()
        raw = f"&{name};" if self.source.startswith(f"&{name};", start) else f"&{name}"
        self._reference(raw)

    def handle_charref(self, name: str) -> None:
        start = self._source_offset()
        raw = f"&#{name};" if self.source.startswith(f"&#{name};", start) else f"&#{name}"
        self._reference(raw)

    def handle_comment(self, data: str) -> None:
        if "outreach-lint:" in data:
            start = self._source_offset()
            self._newline()
            self.builder.add_slice(data, start + 4)
            self._newline()


def parse_html(text: str) -> tuple[MappedText, list[tuple[str, int, int]]]:
    """Visible text of an HTML body and its quote/signature regions (text offsets)."""
    parser = _VisibleText(text)
    parser.feed(text)
    parser.close()
    while parser.open_regions:
        kind, start = parser.open_regions.pop()
        parser.regions.append((kind, start, len(parser.builder)))
    return parser.builder.build(), parser.regions
