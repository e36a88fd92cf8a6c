"""Where an email's signature starts: one detector for the parser (which cuts the signature region off the
body) and for the checks (which read the signature as a unit of its own).

The signature starts at a ``-- `` delimiter line, else at a sign-off line ("Best regards,", "Viele Grüße")
among the last ``MAX_SIGN_OFF_LINES`` lines, else at the name lines after a closing line that ends in a comma
("Looking forward to hearing from you," then "Brad"). German signatures with an address, contact lines and
the Pflichtangaben are often longer: ``long_sign_off_start`` looks further back for the compliance checks.
"""

from __future__ import annotations

import re

SIGN_OFF = re.compile(
    r"^\s*(?:(?:(?:best|kind|warm|warmest|many|with)\s*)?(?:regards|wishes)|best|cheers|thanks|thank you|"
    r"many thanks|thanks again|(?:thanks|thank you)\s*(?:and|&)\s*(?:best\s+|kind\s+|warm\s+)?regards|"
    r"sincerely|yours sincerely|yours truly|all the best|talk soon|speak soon|take care|"
    r"(?:mit\s+)?(?:freundlichen|besten|herzlichen|lieben|schönen|sonnigen|viele|beste|liebe|herzliche|"
    r"freundliche|schöne)\s+gr(?:ü|ue)(?:ß|ss)en?(?:\s+aus\s+\S+)?|viele gr(?:ü|ue)(?:ß|ss)e|"
    r"(?:mit\s+)?freundlichem?\s+gru(?:ß|ss)|gru(?:ß|ss)|gr(?:ü|ue)(?:ß|ss)e|herzlich(?:st)?|hochachtungsvoll|"
    r"mfg|lg|vg|danke|vielen dank|herzlichen dank|bis bald|un abrazo|saludos|cordialement|ciao)\s*(?:[,.!]\s*)?$",
    re.IGNORECASE,
)
#: How far back from the end of the prose a sign-off line is looked for.
MAX_SIGN_OFF_LINES = 12
#: How far back ``long_sign_off_start`` looks (lines with text).
LONG_SIGN_OFF_LINES = 40
_SIGNATURE_DELIMITER = re.compile(r"^--\s?$")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def filled_line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its line break and surrounding spaces."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        inner = stripped.strip()
        if inner:
            start = pos + stripped.index(inner)
            spans.append((start, start + len(inner)))
        pos += len(line)
    return spans


def short_last_lines(text: str, count: int = 4, max_words: int = 6) -> list[str]:
    """The short last lines of a body, up to ``count``, stopping at a line that ends a sentence: a name block
    ("Chris Vandermeer / GateKeep") or sign-off the signature finder did not mark."""
    tail: list[str] = []
    for start, end in reversed(filled_line_spans(text)):
        line = text[start:end]
        if len(line.split()) > max_words or line.endswith((".", "?", "!", ":")):
            break
        tail.insert(0, line)
        if len(tail) >= count:
            break
    return tail


def signature_start(text: str, lines: list[tuple[int, int]], limit: int) -> int | None:
    """The index of the line where the signature starts among ``lines[:limit]`` (the prose), or None."""
    for index in range(limit):
        start, end = lines[index]
        if _SIGNATURE_DELIMITER.match(text[start:end]):
            return index
    for index in range(max(0, limit - MAX_SIGN_OFF_LINES), limit):
        start, end = lines[index]
        if SIGN_OFF.match(text[start:end]):
            return index
    return _name_after_closing(text, lines, limit) or _name_block_at_end(text, lines, limit)


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


_PERSON_NAME = re.compile(r"^(?:[A-ZÄÖÜ]\.\s*)?[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’.-]*){0,3}$")


def _name_block_at_end(text: str, lines: list[tuple[int, int]], limit: int) -> int | None:
    """A name block without a sign-off ("… either way." then a blank line, "Lucía Ortega", "Verbalia
    Translations"): the last 1-4 short lines without sentence punctuation, the first of them a person's name,
    after a blank line that follows a sentence."""
    filled = [i for i in range(limit) if text[lines[i][0] : lines[i][1]].strip()]
    for count in range(1, min(4, len(filled) - 2) + 1):
        first = filled[-count]
        before = filled[-count - 1]
        if first - before < 2:
            continue  # no blank line between the prose and the block
        prose = text[lines[before][0] : lines[before][1]].rstrip()
        tail = [text[lines[i][0] : lines[i][1]].strip() for i in filled[-count:]]
        if (
            _SENTENCE_END.search(prose)
            and _PERSON_NAME.match(tail[0])
            and 2 <= len(tail[0].split()) <= 4
            and all(len(line.split()) <= 6 and not _SENTENCE_END.search(line) for line in tail)
        ):
            return first
    return None


def long_sign_off_start(text: str) -> int | None:
    """Where a sign-off block too long for ``signature_start`` begins: the last sign-off line among the last
    ``LONG_SIGN_OFF_LINES`` lines with text, when only short lines (no question, no exclamation) follow it."""
    lines = filled_line_spans(text)
    for index in range(len(lines) - 1, max(-1, len(lines) - LONG_SIGN_OFF_LINES - 1), -1):
        start, end = lines[index]
        line = text[start:end]
        if SIGN_OFF.match(line):
            return start
        if len(line.split()) > 12 or line.endswith(("?", "!")):
            return None
    return None
