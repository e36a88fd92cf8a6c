"""Counting words, syllables, pronouns and asks; splitting a sentence in two."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .units import Sentence, is_word

SENDER = {
    "en": frozenset(
        {
            "i",
            "me",
            "my",
            "mine",
            "myself",
            "we",
            "us",
            "our",
            "ours",
            "ourselves",
            "i'm",
            "i've",
            "i'd",
            "i'll",
            "we're",
            "we've",
            "we'd",
            "we'll",
        }
    ),
    "de": frozenset(
        {
            "ich",
            "mich",
            "mir",
            "mein",
            "meine",
            "meinen",
            "meinem",
            "meiner",
            "meines",
            "wir",
            "uns",
            "unser",
            "unsere",
            "unseren",
            "unserem",
            "unserer",
            "unseres",
        }
    ),
}
READER_EN = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll"})
#: German formal "you" is capitalised (Sie, Ihnen, Ihr…); lower-case sie/ihr mean she/they/her.
READER_DE_EXACT = frozenset({"Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"})
READER_DE_LOWER = frozenset({"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "euch", "euer"})

VOWEL_GROUPS = re.compile(r"[aeiouyäöü]+", re.IGNORECASE)
_EN_SILENT_E = re.compile(r"[^aeiouy]e$", re.IGNORECASE)


def count_words(tokens: Sequence[str]) -> int:
    return sum(map(is_word, tokens))


def syllables(word: str, language: str) -> int:
    """Vowel-group syllable estimate (good enough for readability formulas)."""
    groups = len(VOWEL_GROUPS.findall(word))
    if language == "en" and groups > 1 and _EN_SILENT_E.search(word) and not word.lower().endswith("le"):
        groups -= 1
    return max(groups, 1)


def sentence_pronouns(sentence: Sentence, language: str) -> tuple[int, int]:
    """(sender, reader) pronouns of a sentence, computed once."""
    if sentence.pronouns is None:
        sentence.pronouns = pronoun_counts(sentence.tokens, language)
    return sentence.pronouns


def pronoun_counts(tokens: Sequence[str], language: str) -> tuple[int, int]:
    """(sender pronouns, reader pronouns) among token texts (counted by set lookups done in C: the sender and
    reader forms never overlap)."""
    lowers = list(map(str.lower, tokens))
    sender = sum(map(SENDER[language].__contains__, lowers))
    if language == "en":
        reader = sum(map(READER_EN.__contains__, lowers))
    else:
        reader = sum(map(READER_DE_EXACT.__contains__, tokens)) + sum(map(READER_DE_LOWER.__contains__, lowers))
    return sender, reader


class _SyllableCache(dict):
    """Syllables per word of one language, computed on first lookup."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> int:
        count = syllables(word, self.language)
        if len(self) < 200_000:
            self[word] = count
        return count


_SYLLABLES: dict[str, _SyllableCache] = {}


def _syllable_cache(language: str) -> _SyllableCache:
    cache = _SYLLABLES.get(language)
    if cache is None:
        cache = _SYLLABLES[language] = _SyllableCache(language)
    return cache


def cached_syllables(word: str, language: str) -> int:
    return _syllable_cache(language)[word]


def reading_ease(sentences: list[Sentence], language: str) -> float | None:
    """Flesch reading ease (English) or Amstad's German adaptation; higher is easier.

    Syllables are vowel groups (at least one per word; a silent final e in English does not count).
    """
    word_list = [w for s in sentences for w in s.words if not w[:1].isdigit()]
    if len(word_list) < 20 or not sentences:
        return None
    total = sum(map(_syllable_cache(language).__getitem__, word_list))
    per_sentence = len(word_list) / len(sentences)
    per_word = total / len(word_list)
    if language == "de":
        return 180 - per_sentence - 58.5 * per_word
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


_SPLIT_WORDS = {"en": ("and", "but", "so"), "de": ("und", "aber", "denn")}
_DROPPED = frozenset({"and", "so", "und"})


def split_sentence(sentence: str, language: str) -> str | None:
    """Split a long sentence into two main clauses at the coordinating conjunction nearest its middle."""
    middle = len(sentence) / 2
    best: tuple[float, int, int] | None = None
    for match in re.finditer(r"(?:,\s*|\s+)(\w+)\s+|;\s*", sentence):
        word = (match.group(1) or "").lower()
        if match.group(1) and word not in _SPLIT_WORDS[language]:
            continue
        if match.start() < 20 or len(sentence) - match.end() < 20:
            continue
        cut_end = match.end() if (not match.group(1) or word in _DROPPED) else match.start(1)
        distance = abs(match.start() - middle)
        if best is None or distance < best[0]:
            best = (distance, match.start(), cut_end)
    if best is None:
        return None
    _, cut_start, cut_end = best
    first = sentence[:cut_start].rstrip(" ,;")
    second = sentence[cut_end:].lstrip()
    return f"{first}. {second[:1].upper()}{second[1:]}"


#: Words that point back to the sentence before ("This cuts …", "Das kostet …", "hat so … vermieden").
_BACK_REFERENCES = frozenset(
    {"this", "these", "those", "they", "so", "thus", "which", "then", "both"}
    | {"das", "dies", "diese", "dieser", "dieses", "damit", "dadurch", "dabei", "davon", "dafür", "deshalb"}
    | {"daher", "dort", "beide"}
)


def refers_back(sentence: Sentence) -> bool:
    """Whether one of a sentence's first four words points back to the sentence before it."""
    return any(word.lower() in _BACK_REFERENCES for word in sentence.words[:4])
