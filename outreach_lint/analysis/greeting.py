"""The greeting line and how the recipient is addressed: the salutation an email has and the one it should have."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..prospect import Prospect
from .textstats import READER_DE_EXACT, READER_DE_LOWER
from .units import Sentence

#: A sentence that is the greeting line ("Hi Jana,", "Sehr geehrte Frau Weber,"): left out of the content.
GREETING_SENTENCE = re.compile(
    r"^\s*\{?(?:hi|hey|hello|dear|good (?:morning|afternoon)|hallo|guten (?:tag|morgen)|sehr geehrte[rs]?|"
    r"liebe[rs]?|moin|servus|grüezi)\b",
    re.IGNORECASE,
)
_GREETING_LINE = re.compile(
    r"^[ \t]*(?P<word>(?i:to whom it may concern|good (?:morning|afternoon|evening)|guten (?:tag|morgen|abend)|"
    r"sehr geehrte(?:/r|\(r\)|r|s)?|liebe(?:/r|r|s)?|grüß gott|greetings|hello|hallo|hi|hey|dear|moin|servus|"
    r"grüezi|hej))(?![\w/])(?P<rest>[^\n]*)"
)
#: A German greeting line ending in a comma: the body after it goes on in lower case ("… Frau Lorenz,\n\nim Jänner").
GERMAN_GREETING_LINE = re.compile(
    r"\s*(?:Sehr geehrte[rn]?|Liebe[rs]?|Hallo|Guten (?:Tag|Morgen|Abend)|Moin|Servus|Grüß|Grüezi)\b.*,\s*$"
)
#: A salutation that names nobody ("Dear Sir or Madam", "Hi there", "Sehr geehrte Damen und Herren").
GENERIC_SALUTATION = re.compile(
    r"^[ \t]*(?P<greeting>(?i:dear (?:sirs?(?:\s*(?:or|/)\s*madame?)?|madame?|(?:valued )?(?:customers?|clients?|"
    r"partners?|friends?|colleagues?)|business owner|hiring manager|decision[- ]maker)|to whom it may concern|"
    r"(?:hi|hello|hey) (?:there|friend|all|everyone|folks)|greetings|sehr geehrte damen und herren|"
    r"sehr geehrte(?:r)? (?:kundin(?:nen)?|kunden?|geschäftspartner(?:in)?|interessent(?:in)?)(?: und kunden)?|"
    r"liebe(?:r)? (?:kundin|kunde)(?:,? lieber kunde)?|liebe kundinnen und kunden))(?=[\s,!.:]|$)"
)


@dataclass(frozen=True, slots=True)
class Greeting:
    """The salutation line: the greeting word and the addressee, in body offsets."""

    start: int
    word: str
    word_end: int
    name: str
    name_start: int
    name_end: int
    line_end: int


def without_greeting(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences after the greeting line (a first sentence of at most six words that opens with a greeting)."""
    if sentences and GREETING_SENTENCE.match(sentences[0].text) and len(sentences[0].words) <= 6:
        return sentences[1:]
    return sentences


def read_greeting(body: str) -> Greeting | None:
    """The salutation line at the start of the body, or None."""
    newline = body.find("\n", 0, 200)
    line = body[:200] if newline == -1 else body[:newline]
    match = _GREETING_LINE.match(line)
    if match is None:
        return None
    rest = match.group("rest")
    stop = len(rest)
    for mark in (",", "!", ":", ";"):
        at = rest.find(mark)
        if at != -1:
            stop = min(stop, at)
    name_part = rest[:stop]
    if len(name_part.split()) > 6:  # "Hi Jana, …" continues as a sentence: the name is only the first words
        return None
    name = name_part.strip()
    name_start = match.start("rest") + (len(name_part) - len(name_part.lstrip()))
    return Greeting(
        match.start("word"),
        match.group("word"),
        match.end("word"),
        name,
        name_start,
        name_start + len(name),
        len(line),
    )


def uses_formal_address(tokens: Sequence[str]) -> bool:
    """Whether a German text says Sie (formal) at least as often as du."""
    sie = sum(1 for t in tokens if t in READER_DE_EXACT)
    du = sum(1 for t in tokens if t.lower() in READER_DE_LOWER)
    return sie >= du


def salutation(prospect: Prospect, language: str) -> str | None:
    """The recipient's form of address in the email's language ("Frau", "Mr"), when the prospect gives one."""
    value = (prospect.salutation or "").strip().rstrip(".").lower()
    if value in ("frau", "ms", "mrs", "miss"):
        return "Frau" if language == "de" else ("Mrs" if value == "mrs" else "Ms")
    if value in ("herr", "mr"):
        return "Herr" if language == "de" else "Mr"
    return None


def greeting_name(prospect: Prospect, language: str, word: str = "hi", formal: bool = False) -> str | None:
    """How the recipient is named after the greeting word: "Jana", "Frau Weber", "Jana Weber"."""
    title = salutation(prospect, language)
    surname = prospect.surname
    if language == "de" and (formal or word.lower().startswith(("sehr", "guten"))):
        if title and surname:
            return f"{title} {surname}"
        return prospect.person or prospect.first_name
    if language == "en" and word.lower() == "dear" and title and surname:
        return f"{title} {surname}"
    return prospect.first_name or prospect.person


def full_greeting(prospect: Prospect, language: str, word: str, formal: bool) -> str | None:
    """The whole salutation for the recipient: "Hi Jana", "Sehr geehrte Frau Weber", "Guten Tag Jana Weber"."""
    lowered = word.lower()
    if language == "en":
        base = "Dear" if lowered in ("dear", "to whom it may concern", "greetings") else word.capitalize()
        if lowered not in ("hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening"):
            base = "Dear" if lowered.startswith(("to whom", "greet")) else "Hi"
        name = greeting_name(prospect, language, base, formal)
        return f"{base} {name}" if name else None
    title = salutation(prospect, language)
    surname = prospect.surname
    if lowered.startswith("sehr geehrt") or (formal and lowered.startswith("liebe")):
        if title and surname:
            adjective = "geehrte" if title == "Frau" else "geehrter"
            if lowered.startswith("liebe"):
                return f"{'Liebe' if title == 'Frau' else 'Lieber'} {title} {surname}"
            return f"Sehr {adjective} {title} {surname}"
        return f"Guten Tag {prospect.person}" if prospect.person else None
    base = {"hallo": "Hallo", "hi": "Hallo", "hey": "Hallo", "moin": "Moin", "servus": "Servus"}.get(lowered)
    base = base or ("Guten Tag" if lowered.startswith("guten") or formal else "Hallo")
    name = greeting_name(prospect, language, base, formal)
    return f"{base} {name}" if name else None
