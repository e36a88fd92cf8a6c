"""Counting words, syllables, pronouns and asks; splitting a sentence in two."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

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

_VOWEL_GROUPS = re.compile(r"[aeiouyäöü]+", re.IGNORECASE)
_EN_SILENT_E = re.compile(r"[^aeiouy]e$", re.IGNORECASE)


def words(tokens: Doc | Span) -> list[str]:
    """Word tokens (letters or digits), without punctuation, spaces or URLs."""
    return [t.text for t in tokens if (t.is_alpha or t.like_num or "'" in t.text) and not t.like_url]


def count_words(tokens: Doc | Span) -> int:
    return sum(1 for t in tokens if (t.is_alpha or t.like_num) and not t.like_url)


def syllables(word: str, language: str) -> int:
    """Vowel-group syllable estimate (good enough for readability formulas)."""
    groups = len(_VOWEL_GROUPS.findall(word))
    if language == "en" and groups > 1 and _EN_SILENT_E.search(word) and not word.lower().endswith("le"):
        groups -= 1
    return max(groups, 1)


def is_sender_pronoun(token, language: str) -> bool:
    return token.lower_ in SENDER[language]


def is_reader_pronoun(token, language: str) -> bool:
    if language == "en":
        return token.lower_ in READER_EN
    return token.text in READER_DE_EXACT or token.lower_ in READER_DE_LOWER


def pronoun_counts(tokens: Doc | Span, language: str) -> tuple[int, int]:
    """(sender pronouns, reader pronouns)."""
    sender = reader = 0
    for token in tokens:
        if is_sender_pronoun(token, language):
            sender += 1
        elif is_reader_pronoun(token, language):
            reader += 1
    return sender, reader


def reading_ease(sentences: list[Span], language: str) -> float | None:
    """Flesch reading ease (English) or Amstad's German adaptation; higher is easier."""
    word_list = [w for s in sentences for w in words(s) if any(c.isalpha() for c in w)]
    if len(word_list) < 20 or not sentences:
        return None
    per_sentence = len(word_list) / len(sentences)
    per_word = sum(syllables(w, language) for w in word_list) / len(word_list)
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
