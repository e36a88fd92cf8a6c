"""Finding quoted replies, forwarded blocks, signatures and suppression directives in a body (where the
signature starts is ``analysis.signoff``'s answer, shared with the checks)."""

from __future__ import annotations

import re

from ..analysis.signoff import line_spans, signature_start

DIRECTIVE = re.compile(
    r"outreach-lint:\s*(?P<kind>disable-next-line|disable)\b(?:\s*=\s*(?P<codes>[A-Za-z0-9_,\- ]*[A-Za-z0-9]))?",
    re.IGNORECASE,
)

_ATTRIBUTION = re.compile(
    r"^\s*(?:On\s.{4,240}\swrote:|Am\s.{4,240}\sschrieb\s?.{0,240}:|Le\s.{4,200}\sa\s[ée]crit\s?:)\s*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|Forwarded message|"
    r"Weitergeleitete Nachricht)\s*-{2,}|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:|"
    r"_{10,})\s*$",
    re.IGNORECASE,
)
_OUTLOOK_HEADER = re.compile(r"^\s*\**(?:From|Von)\s*:\**\s+\S", re.IGNORECASE)
_OUTLOOK_FOLLOW = re.compile(r"^\s*\**(?:Sent|Gesendet|Date|Datum|To|An|Subject|Betreff)\s*:", re.IGNORECASE)
_FORWARD_WORDS = re.compile(r"forward|weitergeleitet", re.IGNORECASE)


def find_regions(text: str) -> list[tuple[str, int, int]]:
    """Regions of ``text`` that are not the author's prose, as (kind, start, end) text offsets."""
    lines = line_spans(text)
    regions: list[tuple[str, int, int]] = []
    quote_from = _quote_start(text, lines)
    limit = len(lines) if quote_from is None else quote_from
    if quote_from is not None:
        kind = "forward" if _is_forward(text, lines, quote_from) else "quote"
        regions.append((kind, lines[quote_from][0], len(text)))
    for index in range(limit):
        start, end = lines[index]
        if text[start:end].lstrip().startswith(">"):
            regions.append(("quote", start, end))
    signature_from = signature_start(text, lines, limit)
    if signature_from is not None:
        sig_end = lines[limit - 1][1] if limit else 0
        regions.append(("signature", lines[signature_from][0], sig_end))
    for index in range(limit):
        start, end = lines[index]
        if DIRECTIVE.search(text, start, end):
            regions.append(("directive", start, end))
    return regions


def _quote_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if _SEPARATOR.match(line) or _ATTRIBUTION.match(line):
            return index
        if index + 1 < len(lines):
            joined = line + " " + text[lines[index + 1][0] : lines[index + 1][1]]
            if line.strip() and _ATTRIBUTION.match(joined) and not line.rstrip().endswith((".", "?", "!")):
                return index
        if _OUTLOOK_HEADER.match(line):
            following = [text[s:e] for s, e in lines[index + 1 : index + 5]]
            if sum(bool(_OUTLOOK_FOLLOW.match(f)) for f in following) >= 2:
                return index
    return None


def _is_forward(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    start, end = lines[index]
    return bool(_FORWARD_WORDS.search(text[start:end]))


def parse_directive_codes(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(code.strip().upper() for code in raw.replace(" ", ",").split(",") if code.strip())
