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
    return sum(1 for t in tokens if is_word(t))


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
    """(sender pronouns, reader pronouns) among token texts."""
    sender_words = SENDER[language]
    sender = reader = 0
    for token in tokens:
        lower = token.lower()
        if lower in sender_words:
            sender += 1
        elif language == "en":
            reader += lower in READER_EN
        elif token in READER_DE_EXACT or lower in READER_DE_LOWER:
            reader += 1
    return sender, reader


_SYLLABLES: dict[tuple[str, str], int] = {}


def cached_syllables(word: str, language: str) -> int:
    key = (word, language)
    count = _SYLLABLES.get(key)
    if count is None:
        count = syllables(word, language)
        if len(_SYLLABLES) < 200_000:
            _SYLLABLES[key] = count
    return count


def reading_ease(sentences: list[Sentence], language: str) -> float | None:
    """Flesch reading ease (English) or Amstad's German adaptation; higher is easier.

    Syllables are vowel groups (at least one per word; a silent final e in English does not count).
    """
    word_list = [w for s in sentences for w in s.words if not w[:1].isdigit()]
    if len(word_list) < 20 or not sentences:
        return None
    total = sum(cached_syllables(w, language) for w in word_list)
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
