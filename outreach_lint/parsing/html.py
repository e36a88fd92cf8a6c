"""HTML email bodies: visible text with source offsets; quotes and signatures marked by their markup.

Any input is read, however broken, in time linear in its length: markup left unfinished at the end of the
input shows nothing (as in a browser), and the few constructs on which the standard library's parser raises
or restarts its scan are read as a browser reads them.
"""

from __future__ import annotations

import html
import html.parser
import re
from collections import Counter
from html.parser import HTMLParser

from ..document import body_too_long
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
#: ``&#`` that does not start a character reference HTMLParser accepts: the parser would stop there and rescan
#: the rest of the input for every later tag, so the ``&`` is hidden from it (the text is read from the source).
_BARE_CHARREF = re.compile(r"&(?=#)")
_HIDDEN_AMPERSAND = "_"


class _TooLong(Exception):
    """The visible text has passed the limit: parsing stops."""


class _VisibleText(HTMLParser):
    def __init__(self, source: str, max_chars: int | None) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.max_chars = max_chars
        self.builder = MappedTextBuilder()
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.stack: list[tuple[str, str | None]] = []  # (tag, region kind opened by it)
        self.open_tags: Counter[str] = Counter()  # how often each tag stands in the stack
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
        self.open_tags[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS and self.hidden:
            self.hidden -= 1
        if tag in _BLOCK_TAGS:
            self._newline()
        if not self.open_tags[tag]:  # a stray end tag: no need to search the whole stack for it
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                for closed, kind in self.stack[index:]:
                    self.open_tags[closed] -= 1
                    if kind and self.open_regions:
                        region_kind, start = self.open_regions.pop()
                        self.regions.append((region_kind, start, len(self.builder)))
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        start = self._source_offset()
        data = self.source[start : start + len(data)]  # the parser may have been given a hidden ``&``
        pos = 0
        for match in _SPACE_RUN.finditer(data):
            self.builder.add_slice(data[pos : match.start()], start + pos)
            if "\n" not in match.group(0) and match.group(0) == " ":
                self.builder.add_slice(" ", start + match.start())
            elif len(self.builder) and self.builder.last_char() not in " \n":
                self.builder.add_synthetic(" ", start + match.start(), start + match.end())
            pos = match.end()
            self._check_length()
        self.builder.add_slice(data[pos:], start + pos)
        self._check_length()

    def _check_length(self) -> None:
        if self.max_chars is not None and len(self.builder) > self.max_chars:
            raise _TooLong

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
            start += 4 if self.source.startswith("<!--", start) else 2  # <!--...--> or a bogus <!...> comment
            self._newline()
            self.builder.add_slice(self.source[start : start + len(data)], start)
            self._newline()

    def parse_html_declaration(self, i: int) -> int:
        """``<![...`` is a bogus comment up to the next ``>`` as in a browser (``<![CDATA[`` up to ``]]>``).

        HTMLParser raises on any keyword but CDATA, IF, ELSE, ENDIF and a few more (``<![foo[``)."""
        if not self.rawdata.startswith("<![", i):
            return super().parse_html_declaration(i)
        closer = "]]>" if self.rawdata[i + 3 : i + 9].upper() == "CDATA[" else ">"
        end = self.rawdata.find(closer, i + 3)
        return -1 if end == -1 else end + len(closer)

    def close(self) -> None:
        """Markup still unfinished at the end of the input (``<a href='x``, ``<!--``) runs to the end and
        shows nothing, as in a browser; HTMLParser would rescan the rest of the input for every ``<`` in it."""
        if len(self.rawdata) > 1 and self.rawdata.startswith("<") and not self.cdata_elem:
            self.rawdata = ""
        super().close()


def parse_html(text: str, max_chars: int | None = None) -> tuple[MappedText, list[tuple[str, int, int]]]:
    """Visible text of an HTML body and its quote/signature regions (text offsets).

    Visible text longer than ``max_chars`` raises SourceError as soon as it is seen."""
    parser = _VisibleText(text, max_chars)
    try:
        parser.feed(_hide_bare_charrefs(text))
        parser.close()
    except _TooLong:
        raise body_too_long() from None
    while parser.open_regions:
        kind, start = parser.open_regions.pop()
        parser.regions.append((kind, start, len(parser.builder)))
    return parser.builder.build(), parser.regions


def _hide_bare_charrefs(text: str) -> str:
    """The text with the ``&`` of every ``&#`` HTMLParser would stop at replaced (same length, same offsets)."""
    if "&#" not in text:
        return text
    return _BARE_CHARREF.sub(lambda m: "&" if html.parser.charref.match(text, m.start()) else _HIDDEN_AMPERSAND, text)
