"""The phrase mini-language of rule files, compiled to spaCy Matcher token patterns.

A pattern is a space-separated list of items, each matching one token (case-insensitive):

=============  ==============================================================
``word``       the word itself (multi-token words such as ``you're`` split as spaCy does)
``word~``      the word and its inflected forms (``führend~`` → führende, führenden, …)
``a|b|c~``     any of the alternatives
``=Word``      exact case (``=Sie`` is the formal "you", not "sie")
``item?``      the item is optional
``*``          any one word; ``...`` up to four words, never across a sentence end
``[`` ``]``    mark the part of the match that is reported (default: the whole match)
=============  ==============================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INFLECTIONS: dict[str, tuple[str, ...]] = {
    "en": ("", "s", "es", "d", "ed", "ing", "'s"),
    "de": ("", "e", "en", "er", "es", "em", "n", "s", "ns", "nen", "ern"),
}
_SENTENCE_END = [".", "!", "?", "…", "\n", "\n\n"]


class PatternError(ValueError):
    """A pattern in a rule file that cannot be compiled."""


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """Matcher token dicts plus the pattern-token index range that forms the reported span."""

    tokens: list[dict[str, Any]]
    span_first: int
    span_last: int


def inflect(word: str, language: str) -> list[str]:
    """All forms of ``word`` the ``~`` marker stands for."""
    forms = {word + ending for ending in INFLECTIONS.get(language, ("",))}
    if language == "en" and word.endswith("e"):
        forms.update({word[:-1] + "ing", word + "d"})
    if language == "en" and word.endswith("y") and len(word) > 2:
        forms.update({word[:-1] + "ies", word[:-1] + "ied"})
    return sorted(forms)


def check_syntax(pattern: str) -> None:
    """Cheap checks that need no tokenizer, run when a rule file is loaded."""
    items = pattern.split()
    if not items:
        raise PatternError("empty pattern")
    opened = False
    for item in items:
        if item.startswith("[") and len(item) > 1:
            if opened:
                raise PatternError(f"nested [ in pattern {pattern!r}")
            opened = True
        if item.rstrip("?").endswith("]") and len(item) > 1:
            if not opened:
                raise PatternError(f"unbalanced [ ] in pattern {pattern!r}")
            opened = False
        if "||" in item or item.startswith("|") or item.rstrip("?]").endswith("|"):
            raise PatternError(f"empty alternative in {item!r}")
    if opened:
        raise PatternError(f"unbalanced [ ] in pattern {pattern!r}")


def compile_pattern(pattern: str, language: str, tokenize) -> CompiledPattern:
    """Compile one pattern string; ``tokenize`` splits a literal into spaCy token texts."""
    items = pattern.split()
    if not items:
        raise PatternError("empty pattern")
    tokens: list[dict[str, Any]] = []
    span_first = span_last = None
    for raw in items:
        item = raw
        opens = item.startswith("[") and len(item) > 1
        if opens:
            item = item[1:]
        optional = item.endswith("?") and len(item) > 1 and not item.endswith("\\?")
        if optional:
            item = item[:-1]
        closes = item.endswith("]") and len(item) > 1
        if closes:
            item = item[:-1]
        item = item.replace("\\?", "?")
        if opens:
            span_first = len(tokens)
        new = _item_tokens(item, language, tokenize, raw)
        if optional:
            if len(new) != 1:
                raise PatternError(f"optional item {raw!r} must be a single token")
            new[0]["OP"] = "?"
        tokens.extend(new)
        if closes:
            span_last = len(tokens) - 1
    if (span_first is None) != (span_last is None):
        raise PatternError(f"unbalanced [ ] in pattern {pattern!r}")
    if all(t.get("OP") in ("?", "{0,4}") for t in tokens):
        raise PatternError(f"pattern {pattern!r} can match nothing")
    if span_first is None:
        span_first, span_last = 0, len(tokens) - 1
    return CompiledPattern(tokens, span_first, span_last)


def _item_tokens(item: str, language: str, tokenize, raw: str) -> list[dict[str, Any]]:
    if item == "*":
        return [{"TEXT": {"NOT_IN": _SENTENCE_END}, "IS_SPACE": False}]
    if item in ("...", "…"):
        return [{"TEXT": {"NOT_IN": _SENTENCE_END}, "IS_SPACE": False, "OP": "{0,4}"}]
    if item.startswith("=") and len(item) > 1:
        return [{"ORTH": {"IN": item[1:].split("|")}}]
    if "|" in item or item.endswith("~"):
        forms: list[str] = []
        for alternative in item.split("|"):
            if not alternative:
                raise PatternError(f"empty alternative in {raw!r}")
            word = alternative.lower()
            if word.endswith("~"):
                forms.extend(inflect(word[:-1], language))
            else:
                forms.append(word)
            if len(tokenize(word.rstrip("~"))) != 1:
                raise PatternError(f"alternative {alternative!r} in {raw!r} is more than one token")
        return [{"LOWER": {"IN": sorted(set(forms))}}]
    parts = tokenize(item.lower())
    if not parts:
        raise PatternError(f"item {raw!r} has no token")
    return [{"LOWER": part} for part in parts]
