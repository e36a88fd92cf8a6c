"""Plain-text drafts: an optional header block (Subject:/Betreff:, To:, From:) and the body."""

from __future__ import annotations

import re

from ..textmap import MappedText

_HEADER_LINE = re.compile(
    r"^(?P<name>Subject|Betreff|To|An|From|Von|Cc|Bcc|Date|Datum)\s*:[ \t]*(?P<value>.*)",
    re.IGNORECASE,
)
_CANONICAL = {"betreff": "subject", "an": "to", "von": "from", "datum": "date"}


def split_header_block(text: str) -> tuple[dict[str, tuple[str, int]], int]:
    """Leading ``Name: value`` lines of a text draft.

    Returns ({canonical name: (value, value offset)}, offset where the body starts). Only a block that
    contains a Subject/Betreff line counts, so a body that starts with "To: all" stays a body.
    """
    headers: dict[str, tuple[str, int]] = {}
    pos = 0
    while pos < len(text):
        newline = text.find("\n", pos)
        line_end = len(text) if newline == -1 else newline
        line = text[pos:line_end].rstrip("\r")
        match = _HEADER_LINE.match(line)
        if not match or len(headers) >= 8:
            break
        name = match.group("name").lower()
        # Trailing space is stripped here, not by the pattern: a lazy value before \s*$ is quadratic in a long line.
        headers[_CANONICAL.get(name, name)] = (match.group("value").rstrip(), pos + match.start("value"))
        pos = line_end + 1
    if "subject" not in headers:
        return {}, 0
    return headers, min(pos, len(text))


def parse_plain(text: str, offset: int = 0) -> tuple[MappedText | None, MappedText, dict[str, str]]:
    """Split a text draft into (subject, body, headers); offsets are relative to ``offset``."""
    headers, body_start = split_header_block(text)
    subject = None
    if "subject" in headers:
        value, value_start = headers["subject"]
        subject = MappedText.identity(value, offset + value_start)
    body = MappedText.identity(text[body_start:], offset + body_start)
    return subject, body, {name: value for name, (value, _) in headers.items()}
