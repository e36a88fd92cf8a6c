"""Finding quoted replies, forwarded blocks, signatures and suppression directives in a body."""

from __future__ import annotations

import re

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
_SIGNATURE_DELIMITER = re.compile(r"^--\s?$")
SIGN_OFF = re.compile(
    r"^\s*(?:(?:(?:best|kind|warm|warmest|many|with)\s*)?(?:regards|wishes)|best|cheers|thanks|thank you|"
    r"many thanks|thanks again|sincerely|yours sincerely|yours truly|all the best|talk soon|speak soon|"
    r"(?:mit\s+)?(?:freundlichen|besten|herzlichen|lieben|schönen|sonnigen|viele|beste|liebe|herzliche|"
    r"freundliche|schöne)\s+grüßen?(?:\s+aus\s+\S+)?|viele grüße|(?:mit\s+)?freundlichem?\s+gruß|"
    r"gruß|grüße|mfg|lg|vg|danke|vielen dank|herzlichen dank|bis bald)\s*(?:[,.!]\s*)?$",
    re.IGNORECASE,
)
MAX_SIGN_OFF_LINES = 12


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def find_regions(text: str) -> list[tuple[str, int, int]]:
    """Regions of ``text`` that are not the author's prose, as (kind, start, end) text offsets."""
    lines = _lines(text)
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
    signature_from = _signature_start(text, lines, limit)
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


def _signature_start(text: str, lines: list[tuple[int, int]], limit: int) -> int | None:
    for index in range(limit):
        start, end = lines[index]
        if _SIGNATURE_DELIMITER.match(text[start:end]):
            return index
    for index in range(max(0, limit - MAX_SIGN_OFF_LINES), limit):
        start, end = lines[index]
        if SIGN_OFF.match(text[start:end]):
            return index
    return _name_after_closing(text, lines, limit)


_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def _name_after_closing(text: str, lines: list[tuple[int, int]], limit: int) -> int | None:
    """The name lines after a closing line that ends in a comma ("Looking forward to hearing from you,"
    then "Brad"): the last 1-4 lines, each a few words without sentence punctuation, after a comma line that
    follows the email's prose."""
    filled = [i for i in range(limit) if text[lines[i][0] : lines[i][1]].strip()]
    if len(filled) < 3:
        return None
    for count in range(1, min(4, len(filled) - 2) + 1):
        closing = filled[-count - 1]
        closing_line = text[lines[closing][0] : lines[closing][1]].rstrip()
        if not closing_line.endswith(","):
            continue
        tail = [text[lines[i][0] : lines[i][1]].strip() for i in filled[-count:]]
        if all(len(line.split()) <= 6 and not _SENTENCE_END.search(line) for line in tail):
            return filled[-count]
    return None


def parse_directive_codes(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(code.strip().upper() for code in raw.replace(" ", ",").split(",") if code.strip())
