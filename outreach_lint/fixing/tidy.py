"""Splicing replacements into a text so that the sentence around them still reads well.

A deletion at the start of a sentence capitalises the next word and drops a dangling ``,``/``:``/``;``; a
deletion that empties a line removes the line (and never leaves two blank lines in a row); no edit leaves a
double space, a space before punctuation or trailing spaces. Every clean-up is part of the edit it belongs to,
so an edit is always one contiguous change of the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.greeting import GERMAN_GREETING_LINE

#: A word before a full stop that does not end a sentence ("z. B. unser", "Dr. Weber").
_ABBREVIATIONS = frozenset(
    {"z", "b", "d", "h", "e", "g", "i", "u", "s", "o", "a", "dr", "mr", "mrs", "ms", "nr", "no", "vs", "ca"}
    | {"bzw", "ggf", "usw", "inkl", "vgl", "evtl", "abs", "str", "st", "sog", "zzgl"}
)
_SENTENCE_END = (".", "!", "?", "…")
_HEADER_LINE = re.compile(r"(?:Subject|Betreff)\s*:\s*$", re.IGNORECASE)
_DANGLING = re.compile(r"(?:[,;:.]|[-–—](?=\s))[ \t]*")
_PUNCTUATION = tuple(".,;:!?)")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def is_sentence_start(before: str, markup: bool = False) -> bool:
    """Whether text that follows ``before`` starts a sentence (or a line, or a subject)."""
    stripped = before.rstrip(" \t")
    if markup and stripped.endswith(">"):
        return False  # after a tag: whether a sentence starts is not known, nothing is capitalised
    if not stripped:
        return True
    if stripped.endswith("\n"):
        # After "Sehr geehrte Frau Lorenz," German goes on in lower case ("im Jänner …").
        return not _after_comma_greeting(stripped)
    line = stripped[stripped.rfind("\n") + 1 :]
    if _HEADER_LINE.match(line):
        return True
    if not stripped.endswith(_SENTENCE_END):
        return False
    word = re.search(r"(\w+)\.$", stripped)
    return word is None or word.group(1).lower() not in _ABBREVIATIONS


#: German words that start a sentence in lower case after "Sehr geehrte Frau Lorenz," (nouns keep their capital).
_LOWER_AFTER_GREETING = frozenset(
    {"ich", "wir", "es", "das", "dies", "diese", "dieser", "mein", "meine", "unser", "unsere", "heute", "gerne"}
    | {"gern", "seit", "vor", "nach", "im", "in", "am", "mit", "als", "wie", "da", "leider", "bei", "auf", "für"}
    | {"zum", "zur", "nur", "kurz", "schon", "gestern", "neulich", "letzte", "letzten", "letzter", "vielen"}
)


def _after_comma_greeting(before: str) -> bool:
    """Whether ``before`` ends with a German salutation line, its comma and a line break ("Sehr geehrter Herr
    Krämer,\n\n")."""
    previous = before.rstrip()
    if "\n" not in before[len(previous) :]:
        return False
    last_line = previous[previous.rfind("\n") + 1 :]
    return last_line.endswith(",") and GERMAN_GREETING_LINE.match(last_line) is not None


def _lowered(word_text: str) -> str | None:
    """The first letter in lower case when the text starts with a German word that is written so after a comma
    salutation ("Ich wollte" → "ich wollte"); None for nouns, names and the formal "Sie"."""
    word = re.match(r"[^\W\d_]+", word_text)
    if word is None or word.group() == word.group().lower() or word.group().lower() not in _LOWER_AFTER_GREETING:
        return None
    return word_text[0].lower()


def _capitalised(word_text: str) -> str | None:
    """The first letter in upper case when the text starts with an all-lower-case word ('eBay' stays)."""
    word = re.match(r"[^\W\d_]+", word_text)
    if word is None or not word.group().islower():
        return None
    token = re.match(r"\S+", word_text)
    if token is not None and re.search(r"[_/:=@{}\[\]<>`]|\.\w", token.group()):
        return None  # code, a key or an address ("leitweg_id", "docs.example.com") keeps its case
    return word_text[0].upper()


def _newline_before(text: str, pos: int) -> int:
    """The length of the line break that ends just before ``pos`` (0, 1 or 2)."""
    if pos >= 2 and text.startswith("\r\n", pos - 2):
        return 2
    return 1 if pos >= 1 and text[pos - 1] == "\n" else 0


def _newline_at(text: str, pos: int) -> int:
    if text.startswith("\r\n", pos):
        return 2
    return 1 if text.startswith("\n", pos) else 0


def _remove_line(text: str, start: int, end: int, floor: int, limit: int) -> Edit | None:
    """An edit removing the whole line when deleting ``[start, end)`` would leave it blank; a blank line
    after it goes too when the line stood between two blank lines."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if line_start < floor or text[line_start:start].strip() or text[end:line_end].strip():
        return None
    cut_end = line_end + (1 if line_end < len(text) else 0)
    if cut_end > limit:
        return None
    newline = _newline_before(text, line_start)
    if newline and (line_start == newline or _newline_before(text, line_start - newline)):  # a blank line before
        following = _newline_at(text, cut_end)
        if following and cut_end + following <= limit:
            cut_end += following  # the blank line after it: one blank line between paragraphs is enough
        elif cut_end >= len(text) and line_start - newline >= floor:
            line_start -= newline  # the email's end: no blank line left at the end
    return Edit(line_start, cut_end, "")


def tidy(text: str, edit: Edit, floor: int = 0, limit: int | None = None, markup: bool = False) -> Edit:
    """``edit`` widened by the clean-up its junction needs; it never reaches before ``floor`` or past ``limit``
    (the neighbouring edits). ``markup`` (HTML): no line is removed, and nothing after a tag is capitalised."""
    limit = len(text) if limit is None else limit
    start, end, replacement = edit.start, edit.end, edit.replacement
    if not replacement.strip() and not markup:
        whole_line = _remove_line(text, start, end, floor, limit)
        if whole_line is not None:
            return whole_line
    if not replacement.strip():
        replacement = ""
    # spaces on both sides of the junction
    left_space = len(text[floor:start]) - len(text[floor:start].rstrip(" \t"))
    right_space = len(text[end:limit]) - len(text[end:limit].lstrip(" \t"))
    if replacement:
        if replacement[0] in " \t" and left_space:
            replacement = replacement.lstrip(" \t")
        if replacement[-1] in " \t" and (right_space or text.startswith(_PUNCTUATION, end)):
            replacement = replacement.rstrip(" \t")
    sentence_start = is_sentence_start(
        text[max(0, start - 200) : start - left_space] if start - left_space > 0 else "", markup
    )
    after = end + right_space
    if not replacement:
        if (
            after == len(text)
            or _newline_at(text, after)
            or (not sentence_start and text.startswith(_PUNCTUATION, after))
        ):
            start -= left_space  # no space before a full stop, a comma or the line end
            end = after
            if text[floor:start].endswith(",") and text.startswith((".", "!", "?", ","), end):
                start -= 1  # "we help, ." → "we help."
        elif sentence_start:
            dangling = _DANGLING.match(text, after, limit)
            end = dangling.end() if dangling and dangling.end() > after else after
            upper = _capitalised(text[end:limit])
            if upper is not None:
                replacement, end = upper, end + 1
        elif left_space and right_space:
            end = after
        elif _after_comma_greeting(text[max(0, start - 200) : start]):
            lower = _lowered(text[end:limit])
            if lower is not None:
                replacement, end = lower, end + 1
    elif sentence_start:
        upper = _capitalised(replacement)
        if upper is not None:
            replacement = upper + replacement[1:]
    doubled_stop = text.startswith(".", end) and not text.startswith("..", end)
    if replacement.endswith(".") and not replacement.endswith("..") and doubled_stop:
        replacement = replacement[:-1]  # "bzw" + "." → "bzw.", not "bzw.."
    return Edit(start, end, replacement)


def splice(text: str, edits: list[Edit], markup: bool = False, newline: str = "\n") -> tuple[str, list[Edit]]:
    """Apply non-overlapping ``edits`` (sorted by start) with their clean-up; returns the new text and the edits
    as applied (widened, in offsets of ``text``). Line breaks in replacements follow ``newline``."""
    applied: list[Edit] = []
    floor = 0
    for index, edit in enumerate(edits):
        limit = edits[index + 1].start if index + 1 < len(edits) else len(text)
        replacement = edit.replacement
        if newline != "\n":
            replacement = replacement.replace("\r\n", "\n").replace("\n", newline)
        widened = tidy(text, Edit(edit.start, edit.end, replacement), floor, limit, markup)
        applied.append(widened)
        floor = widened.end
    pieces, pos = [], 0
    for edit in applied:
        pieces.append(text[pos : edit.start])
        pieces.append(edit.replacement)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces), applied


#: "a " or "an " right before a deletion (its article may have to change).
ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(an?|An?) $")
#: "the " right before a deletion: after a superlative is deleted it may have to become "a".
DEFINITE_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(the|The) $")
#: Words claiming to be the only one of a kind: deleted after "the", the article becomes "a".
UNIQUE_CLAIMS = frozenset({"leading", "premier", "foremost", "best", "top", "number one", "#1", "ultimate", "only"})
#: Articles before a deleted adjective.
ARTICLES = frozenset({"a", "an", "the", "ein", "eine", "einen", "einem", "einer", "der", "die", "das", "den", "dem"})
#: Nouns that say nothing without their adjective ("a seamless experience" → "an experience").
HOLLOW_NOUNS = frozenset({"experience", "experiences", "erlebnis", "erfahrung", "journey"})
#: A word and ", " right before a deletion: the deleted word was one of a list of adjectives.
LISTED_BEFORE = re.compile(r"([^\W\d_]+), $")
LIST_CONJUNCTIONS = frozenset({"and", "or", "und", "oder", "&", "sowie"})
#: Words spelt with a vowel but said with a consonant ("a unique", "a one-stop"), and the reverse ("an hour").
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once", "ubiq")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def indefinite_article(word: str) -> str:
    """ "a" or "an" for the word that follows (by its first letters; acronyms are left as they are)."""
    lower = word.lower()
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[:1] in "aeiou" else "a"


def tidy_sentence(sentence: str) -> str:
    """A filled-in template as a sentence: single spaces, no space before punctuation, no punctuation or dash
    left at the start or doubled, and a capital first letter."""
    sentence = " ".join(sentence.split())
    sentence = re.sub(r"\s+([,.;:!?])", r"\1", sentence)
    sentence = re.sub(r"([,;:–—-])\s*([.!?])", r"\2", sentence)
    sentence = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", sentence)
    sentence = re.sub(r"([.!?])\s*\.", r"\1", sentence)
    sentence = re.sub(r"^[\s,;:.–—-]+", "", sentence)
    if sentence[:1].islower():
        sentence = sentence[:1].upper() + sentence[1:]
    return sentence


#: Words that are capitalised only at the start of a sentence: lower-cased when a capture moves inside one.
_SENTENCE_CASE_ONLY = frozenset(
    {"your", "the", "our", "this", "that", "these", "those", "a", "an", "my", "its", "their"}
    | {
        "der",
        "die",
        "das",
        "dein",
        "deine",
        "deinen",
        "deinem",
        "deiner",
        "ein",
        "eine",
        "unser",
        "unsere",
        "euer",
        "eure",
    }
)


def inline_capture(template: str, name: str, value: str) -> str:
    """A captured value as it reads where the template puts it: "Your product pages" inside a sentence is
    "your product pages" (the formal "Ihr" keeps its capital)."""
    at = template.find("{" + name + "}")
    first = value.split(maxsplit=1)[0] if value.split() else ""
    if at > 0 and first[:1].isupper() and first.lower() in _SENTENCE_CASE_ONLY:
        return value[:1].lower() + value[1:]
    return value
