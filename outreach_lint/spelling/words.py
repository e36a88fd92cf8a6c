"""Which words a speller should judge — and which are names, codes, addresses or placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..mergefields import merge_field_spans

_SKIP = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])[@#][\w-]+"  # @handles, #hashtags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|de|org|net|io|eu|ch|at|co|ai|app|biz|info)\b"  # domain names
    r"|\b\d[\d.,]*\s?[^\W\d_]{1,4}\b"  # numbers with units: 5km, 10 kg, 3,5 Mio, 20x
)
_WORD = re.compile(r"(?<![\w@#&/\\.-])[^\W\d_]+(?:[-'*:_/][^\W\d_]+)*(?![\w@])")
_GENDER = re.compile(r"^(?P<stem>[A-ZÄÖÜ][a-zäöüß]+)(?:[*:_/]i|I)nnen$")
_SEPARATORS = re.compile(r"[*:_/]")
#: Words after which a capitalised word is a person's name.
_BEFORE_NAME = frozenset(
    [
        "hi",
        "hey",
        "hello",
        "dear",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "herr",
        "herrn",
        "frau",
        "hallo",
        "liebe",
        "lieber",
        "geehrte",
        "geehrter",
        "guten",
        "tag",
        "moin",
        "servus",
        "kollege",
        "kollegin",
        "in",
        "aus",
        "nach",
        "bei",
        "von",
        "nahe",
        "via",
    ]
)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w&-]*)")
_SENTENCE_END = re.compile(r"[.!?:]\s*$|^\s*$|\n\s*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word to check, with its character range in the unit text."""

    start: int
    end: int
    word: str
    capitalised_mid_sentence: bool
    after_name_word: bool
    before_capitalised: bool = False
    abbreviation: bool = False


def skipped_ranges(text: str) -> list[tuple[int, int]]:
    """Merge fields, URLs, e-mail addresses, @handles, #hashtags, domain names, numbers with units."""
    ranges = merge_field_spans(text)
    ranges.extend(match.span() for match in _SKIP.finditer(text))
    return ranges


def is_acronym_or_code(word: str) -> bool:
    """CRM, SaaS, HubSpot, iPhone: capitals after the first letter mean an acronym or a product name."""
    return any(c.isupper() for c in word[1:])


def gender_base(word: str) -> str | None:
    """Kund*innen, Kund:innen, Kund_innen, Kund/innen, KundInnen → Kundinnen."""
    match = _GENDER.match(word)
    return f"{match.group('stem')}innen" if match else None


def candidates(text: str) -> list[Candidate]:
    """Plain words of ``text`` outside placeholders, addresses and codes."""
    skipped = sorted(skipped_ranges(text))
    found = []
    previous_word = ""
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group(0)
        if any(s < end and start < e for s, e in skipped):
            previous_word = word
            continue
        before = text[max(0, start - 3) : start]
        mid_sentence = start > 0 and not _SENTENCE_END.search(text[max(0, start - 4) : start]) and before != ""
        following = _NEXT_WORD.match(text, end)
        found.append(
            Candidate(
                start,
                end,
                word,
                capitalised_mid_sentence=word[:1].isupper() and mid_sentence,
                after_name_word=previous_word.lower().rstrip(".") in _BEFORE_NAME,
                before_capitalised=bool(following and following.group(1)[:1].isupper()),
                abbreviation=text.startswith(".", end) and len(word) <= 4 and word[:1].isupper(),
            )
        )
        previous_word = word
    return found


def parts(word: str) -> list[tuple[int, str]]:
    """(offset, part) of a word joined with * : _ / that is not a gender form (each part is checked)."""
    result = []
    position = 0
    for piece in _SEPARATORS.split(word):
        result.append((position, piece))
        position += len(piece) + 1
    return result
