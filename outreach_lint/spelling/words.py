"""Which words a speller should judge — and which are names, codes, addresses or placeholders."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import read_word_list
from ..data import load
from ..mergefields import MERGE_HINT, merge_field_spans

_ADDRESSES = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])[@#][\w-]+"  # @handles, #hashtags
)
_TOP_LEVEL_DOMAINS = r"(?:com|de|org|net|io|eu|ch|at|co|ai|app|biz|info)"
_DOMAIN = re.compile(rf"\b[\w-]+(?:\.[\w-]+)*\.{_TOP_LEVEL_DOMAINS}\b")
_UNITS = re.compile(r"\b\d[\d.,]*\s?[^\W\d_]{1,4}\b")  # numbers with units: 5km, 10 kg, 3,5 Mio, 20x
#: Code in an email: a fenced block, or a quoted key of a JSON or YAML sample ("auftrag": …).
_CODE = re.compile(r"```.*?(?:```|\Z)|\"[^\"\n]{1,60}\"\s*:", re.DOTALL)
_DOMAIN_HINT = re.compile(rf"\.{_TOP_LEVEL_DOMAINS}\b")
#: A line of SQL or a shell command pasted into an email ("SELECT kennzeichen, SUM(km) …", "curl -X …").
_CODE_LINE = re.compile(
    r"^[ \t]*(?:SELECT|FROM|WHERE|GROUP BY|ORDER BY|(?:LEFT |RIGHT |INNER )?JOIN|INSERT|UPDATE|DELETE|HAVING|"
    r"LIMIT|AND|OR|SET|VALUES|curl|\$)[ \t].*$",
    re.MULTILINE,
)
_CODE_LINE_HINT = re.compile(r"\b(?:SELECT|WHERE|curl)\b|^\s*\$ ", re.MULTILINE)
#: A short lower-case term in straight quotes or backticks: a field name or a value ("lng" vs "lon").
_QUOTED_TERM = re.compile(r"([\"`])[^\W\d_]{1,6}\1|`[^`\n]{1,60}`")
_WORD = re.compile(r"(?<![\w@#&/\\.-])[^\W\d_]+(?:[-'*:_/][^\W\d_]+)*(?![\w@])")
_GENDER = re.compile(r"^(?P<stem>[A-ZÄÖÜ][a-zäöüß]+)(?:[*:_/]i|I)nnen$")
_SEPARATORS = re.compile(r"[*:_/]")
_NAME_WORDS = load("name_words")
#: Words after which a capitalised word is a person's name (``data/name_words.toml``).
_BEFORE_NAME = frozenset(_NAME_WORDS["before-name"])
#: Nouns that a proper name follows: "Bäckerei Wiedemann", "Hotel Sonnalp", "Zahnarztpraxis Hollmann" (a
#: compound ending in one of them counts too).
_NAMED_PLACES = tuple(_NAME_WORDS["named-places"])


@functools.cache
def first_names() -> frozenset[str]:
    """Common first names, lower-case (``data/first_names.txt``): the unknown word after one is a surname."""
    return frozenset(read_word_list(Path(__file__).resolve().parent.parent / "data" / "first_names.txt"))


def names_follow(previous_word: str, adjacent: bool = True) -> bool:
    """Whether a capitalised word after ``previous_word`` is a name: after a salutation or title ("Frau",
    "Dr."), or — ``adjacent``, with only a space between — a first name ("Tobias Wendt") or a business that
    carries its owner's name ("Bäckerei Wiedemann")."""
    lower = previous_word.lower().rstrip(".")
    if lower in _BEFORE_NAME:
        return True
    if not adjacent:
        return False
    if previous_word[:1].isupper() and lower in first_names():
        return True
    return len(lower) > 3 and lower.endswith(_NAMED_PLACES)


#: The word before ends right before this one, with only spaces between ("Tobias Wendt", not "Jana,\n\nTeh").
_ADJACENT = re.compile(r"[^\W\d_][ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w&-]*)")
_SENTENCE_END = re.compile(r"[.!?:]\s*$|^\s*$|\n\s*$")
#: A hyphen at the end of a line between two letters: a word hyphenated across the line break, or a real
#: hyphen ("Kunden-\nund Partnerteams", "CRM-\nSystem").
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t>]*(?=([^\W\d_]+))")
#: Words after a hyphen that make the word before it a truncated compound ("Ausrüstungs- und Bau…").
_CONJUNCTIONS = frozenset(["und", "oder", "bzw", "sowie", "bis", "als", "wie", "noch", "and", "or", "nor", "to"])
_TRUNCATED = re.compile(r"-(?: |, |[ \t]*\r?\n[ \t>]*(?:und|oder|bzw|sowie|bis|and|or|to)\b)")


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
    #: (index in ``word``, characters left out there): a line-break hyphen that ``word`` is joined across.
    breaks: tuple[tuple[int, int], ...] = ()
    #: The word that follows, when it stands on the same line.
    next_word: str = ""

    @property
    def sentence_start(self) -> bool:
        """A capitalised word at the start of a sentence or line (its capital says nothing about names)."""
        return self.word[:1].isupper() and not self.capitalised_mid_sentence

    def offset(self, index: int) -> int:
        """The text offset of the word's ``index``-th character (line-break hyphens it is joined across
        counted in)."""
        return self.start + index + sum(length for at, length in self.breaks if at <= index)


@functools.lru_cache(maxsize=8)
def skipped_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Merge fields, URLs, e-mail addresses, @handles, #hashtags, domain names, numbers with units, code (a
    fenced block, a JSON key, a line of SQL or shell) and short terms in quotes or backticks.

    Cached for the last few texts: the spelling checks and every LanguageTool match of a unit ask again."""
    ranges = merge_field_spans(text) if MERGE_HINT.search(text) else []
    if "@" in text or "#" in text or "://" in text or "www." in text:
        ranges.extend(match.span() for match in _ADDRESSES.finditer(text))
    if _DOMAIN_HINT.search(text):
        ranges.extend(match.span() for match in _DOMAIN.finditer(text))
    if any(c.isdigit() for c in text):
        ranges.extend(match.span() for match in _UNITS.finditer(text))
    if '":' in text or '" :' in text or "```" in text:
        ranges.extend(match.span() for match in _CODE.finditer(text))
    if _CODE_LINE_HINT.search(text):
        ranges.extend(match.span() for match in _CODE_LINE.finditer(text))
    if '"' in text or "`" in text:
        ranges.extend(match.span() for match in _QUOTED_TERM.finditer(text))
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
    cache: such words are passed over without computing anything else, which keeps spelling cheap. A word
    hyphenated across a line break ("Kunden-\nbetreuung") is judged joined (or, failing that, hyphenated:
    "well-\nknown"); its candidate covers the original text."""
    text = text.replace("\u2019", "'")
    joined, joins = join_line_breaks(text)
    found: list[Candidate] = []
    matches = list(_WORD.finditer(joined))
    words = list(map(re.Match.group, matches))
    looked_at: range | list[int] = range(len(words))
    if known is not None and joins is None:
        # Words the cache calls fine need no look: only the others are visited (in text order).
        looked_at = [index for index, fine_word in enumerate(map(known.get, words)) if not fine_word]
    for index in looked_at:
        if limit is not None and len(found) >= limit:
            break
        match, word = matches[index], words[index]
        previous_word = words[index - 1] if index else ""
        start, end = match.span()
        breaks = joins.within(start, end) if joins is not None else ()
        verdict = known.get(word) if known is not None and not breaks else None
        if verdict is None:
            verdict = fine(word) or bool(breaks and fine(_rehyphenated(word, breaks)))
        if verdict or in_skipped(joined, start, end):
            previous_word = word
            continue
        shift = joins.shift(start) if joins is not None else 0
        found.append(_candidate(joined, start, end, word, previous_word, shift, breaks))
        previous_word = word
    return found


def _candidate(
    text: str,
    start: int,
    end: int,
    word: str,
    previous_word: str,
    shift: int,
    breaks: tuple[tuple[int, int], ...],
) -> Candidate:
    """A word of the joined ``text`` with its context, placed in the original text (``shift`` characters
    were left out before it, ``breaks`` inside it)."""
    before = text[max(0, start - 3) : start]
    mid_sentence = start > 0 and not _SENTENCE_END.search(text[max(0, start - 4) : start]) and before != ""
    following = _NEXT_WORD.match(text, end)
    return Candidate(
        start + shift,
        end + shift + sum(length for _, length in breaks),
        word,
        capitalised_mid_sentence=word[:1].isupper() and mid_sentence,
        after_name_word=names_follow(previous_word, _ADJACENT.search(text, max(0, start - 40), start) is not None),
        before_capitalised=bool(following and following.group(1)[:1].isupper()),
        abbreviation=text.startswith(".", end) and len(word) <= 4 and word[:1].isupper(),
        truncated=_TRUNCATED.match(text, end) is not None,
        breaks=breaks,
        next_word=following.group(1) if following else "",
    )


@dataclass(frozen=True, slots=True)
class Joins:
    """Where ``join_line_breaks`` left characters out: offsets in the joined text, and how many in all up to
    and including each (so that a position maps back to the original text with one binary search)."""

    at: list[int]
    lengths: list[int]
    total: list[int]

    def shift(self, position: int) -> int:
        """How many characters were left out before ``position`` of the joined text."""
        index = bisect.bisect_right(self.at, position) - 1
        return self.total[index] if index >= 0 else 0

    def within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The joins inside the word at [start, end) of the joined text, as (index in the word, length)."""
        index = bisect.bisect_right(self.at, start)
        inside = []
        while index < len(self.at) and self.at[index] < end:
            inside.append((self.at[index] - start, self.lengths[index]))
            index += 1
        return tuple(inside)


def join_line_breaks(text: str) -> tuple[str, Joins | None]:
    """``text`` with words hyphenated across a line break joined ("Kunden-\nbetreuung" → "Kundenbetreuung"),
    and where characters were left out. A hyphen before a capitalised word ("CRM-\nSystem") or a conjunction
    ("Kunden-\nund Partner") is a real one and stays."""
    if "-" not in text or "\n" not in text:
        return text, None
    pieces: list[str] = []
    joins = Joins([], [], [])
    position = dropped = 0
    for match in _LINE_BREAK_HYPHEN.finditer(text):
        following = match.group(1)
        if not following[:1].islower() or following.lower() in _CONJUNCTIONS:
            continue
        length = match.end() - match.start()
        pieces.append(text[position : match.start()])
        joins.at.append(match.start() - dropped)
        joins.lengths.append(length)
        dropped += length
        joins.total.append(dropped)
        position = match.end()
    if not joins.at:
        return text, None
    pieces.append(text[position:])
    return "".join(pieces), joins


def _rehyphenated(word: str, breaks: tuple[tuple[int, int], ...]) -> str:
    """The joined word with its hyphens put back: "wellknown" → "well-known"."""
    pieces, position = [], 0
    for at, _ in breaks:
        pieces.append(word[position:at])
        position = at
    pieces.append(word[position:])
    return "-".join(pieces)


def parts(word: str) -> list[tuple[int, str]]:
    """(offset, part) of a word joined with * : _ / that is not a gender form (each part is checked)."""
    result = []
    position = 0
    for piece in _SEPARATORS.split(word):
        result.append((position, piece))
        position += len(piece) + 1
    return result
