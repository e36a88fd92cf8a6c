"""Which words a speller should judge — and which are names, codes, addresses or placeholders."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..mergefields import MERGE_HINT, merge_field_spans

_ADDRESSES = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])[@#][\w-]+"  # @handles, #hashtags
)
_TOP_LEVEL_DOMAINS = r"(?:com|de|org|net|io|eu|ch|at|co|ai|app|biz|info)"
_DOMAIN = re.compile(rf"\b[\w-]+(?:\.[\w-]+)*\.{_TOP_LEVEL_DOMAINS}\b")
_UNITS = re.compile(r"\b\d[\d.,]*\s?[^\W\d_]{1,4}\b")  # numbers with units: 5km, 10 kg, 3,5 Mio, 20x
_DOMAIN_HINT = re.compile(rf"\.{_TOP_LEVEL_DOMAINS}\b")
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
    truncated: bool = False


@functools.lru_cache(maxsize=8)
def skipped_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Merge fields, URLs, e-mail addresses, @handles, #hashtags, domain names, numbers with units.

    Cached for the last few texts: the spelling checks and every LanguageTool match of a unit ask again."""
    ranges = merge_field_spans(text) if MERGE_HINT.search(text) else []
    if "@" in text or "#" in text or "://" in text or "www." in text:
        ranges.extend(match.span() for match in _ADDRESSES.finditer(text))
    if _DOMAIN_HINT.search(text):
        ranges.extend(match.span() for match in _DOMAIN.finditer(text))
    if any(c.isdigit() for c in text):
        ranges.extend(match.span() for match in _UNITS.finditer(text))
    return tuple(ranges)


@functools.lru_cache(maxsize=8)
def _skipped_index(text: str) -> tuple[list[int], list[int]]:
    """``skipped_ranges`` merged into disjoint ranges in text order: (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(skipped_ranges(text)):
        if start == end:
            continue
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def in_skipped(text: str, start: int, end: int) -> bool:
    """Whether the range [start, end) of ``text`` overlaps one of its ``skipped_ranges`` (a binary search:
    asking every range for every word took time quadratic in the number of placeholders)."""
    starts, ends = _skipped_index(text)
    index = bisect.bisect_left(starts, end) - 1
    return index >= 0 and ends[index] > start


def is_acronym_or_code(word: str) -> bool:
    """CRM, SaaS, HubSpot, iPhone: capitals after the first letter mean an acronym or a product name."""
    return any(c.isupper() for c in word[1:])


def gender_base(word: str) -> str | None:
    """Kund*innen, Kund:innen, Kund_innen, Kund/innen, KundInnen → Kundinnen."""
    match = _GENDER.match(word)
    return f"{match.group('stem')}innen" if match else None


def is_joined(word: str) -> bool:
    """Words joined with * : _ / that are not a gender form ("Kunden/Partner"): checked part by part."""
    return any(sep in word for sep in "*:_/") and gender_base(word) is None


def candidates(
    text: str, fine: Callable[[str], bool], known: dict[str, bool] | None = None, limit: int | None = None
) -> list[Candidate]:
    """Plain words of ``text`` outside placeholders, addresses and codes (the first ``limit`` of them).

    ``fine`` tells words that are right whatever their context (known to a dictionary), ``known`` is its
    cache: such words are passed over without computing anything else, which keeps spelling cheap."""
    text = text.replace("\u2019", "'")
    found: list[Candidate] = []
    previous_word = ""
    for match in _WORD.finditer(text):
        if limit is not None and len(found) >= limit:
            break
        start, end = match.span()
        word = match.group(0)
        verdict = known.get(word) if known is not None else None
        if verdict is None:
            verdict = fine(word)
        if verdict:
            previous_word = word
            continue
        if in_skipped(text, start, end):
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
                truncated=text.startswith("- ", end) or text.startswith("-, ", end),
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
