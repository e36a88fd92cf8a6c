"""The phrase mini-language of rule files, compiled to spaCy Matcher token patterns.

A pattern is a space-separated list of items, each matching one token (case-insensitive):

=============  ==============================================================
``word``       the word itself (multi-token words such as ``you're`` split as spaCy does)
``word~``      the word and its inflected forms (``führend~`` → führende, führenden, …)
``a|b|c~``     any of the alternatives
``=Word``      exact case (``=Sie`` is the formal "you", not "sie"); may be mixed with other alternatives
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
            if not optional and item.endswith("?") and len(item) > 1 and not item.endswith("\\?"):
                optional, item = True, item[:-1]
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
    if "|" in item or item.endswith("~") or item.startswith("="):
        exact_case = any(alternative.startswith("=") for alternative in item.split("|"))
        forms: list[str] = []
        for alternative in item.split("|"):
            if not alternative or alternative == "=":
                raise PatternError(f"empty alternative in {raw!r}")
            exact = alternative.startswith("=")
            word = alternative[1:] if exact else alternative.lower()
            stem = word[:-1] if word.endswith("~") else word
            variants = inflect(stem, language) if word.endswith("~") else [stem]
            if len(tokenize(stem)) != 1 and len(tokenize(stem[:1].upper() + stem[1:])) != 1:
                raise PatternError(f"alternative {alternative!r} in {raw!r} is more than one token")
            if exact_case and not exact:
                variants = [v for form in variants for v in (form, form[:1].upper() + form[1:], form.upper())]
            forms.extend(variants)
        attribute = "ORTH" if exact_case else "LOWER"
        return [{attribute: {"IN": sorted(set(forms))}}]
    parts = tokenize(item)  # tokenized in its own case: German "Nr." is one token, "nr." two
    if not parts:
        raise PatternError(f"item {raw!r} has no token")
    return [{"LOWER": part.lower()} for part in parts]


#: Above this many concrete variants a pattern stays a Matcher pattern instead of phrase lists.
MAX_VARIANTS = 16
#: Endings stripped (repeatedly, longest first) to get the crude stem used to find candidate matches.
STEM_ENDINGS: dict[str, tuple[str, ...]] = {
    "de": ("nen", "ern", "en", "em", "er", "es", "ns", "e", "n", "s"),
    "en": ("ing", "'s", "es", "ed", "e", "s", "d"),
}
MIN_STEM = 4


def crude_stem(lower: str, language: str) -> str:
    """Strip inflectional endings: führenden → führend, Anbietern → anbiet, leveraging → leverag.

    Only used to find candidate matches quickly; every candidate is then checked against the exact
    forms the pattern allows, so over-stemming cannot produce a finding.
    """
    endings = STEM_ENDINGS.get(language, ())
    stem = lower
    changed = True
    while changed:
        changed = False
        for ending in endings:
            if stem.endswith(ending) and len(stem) - len(ending) >= MIN_STEM:
                stem = stem[: -len(ending)]
                changed = True
                break
    return stem


@dataclass(frozen=True, slots=True)
class PhraseVariants:
    """A pattern without wildcards, spelled out as stem sequences for spaCy's PhraseMatcher.

    ``variants`` maps the pattern-token indices a sequence uses (optional tokens may be absent) to the
    stem sequences; a candidate match is then verified token by token against ``CompiledPattern.tokens``.
    """

    variants: dict[tuple[int, ...], list[list[str]]]


def token_forms(token: dict[str, Any]) -> tuple[str, set[str]]:
    """(attribute, allowed values) of a compiled literal token."""
    for attribute in ("ORTH", "LOWER"):
        if attribute in token:
            value = token[attribute]
            return attribute, set(value["IN"]) if isinstance(value, dict) else {value}
    raise PatternError("not a literal token")


def expand(compiled: CompiledPattern, language: str) -> PhraseVariants | None:
    """Spell out the pattern as stem sequences, or None if it has wildcards/gaps or too many variants."""
    choices: list[list[str | None]] = []
    total = 1
    for token in compiled.tokens:
        if "TEXT" in token:
            return None
        _, forms = token_forms(token)
        stems = sorted({crude_stem(form.lower(), language) for form in forms})
        options: list[str | None] = [*stems, None] if token.get("OP") == "?" else list(stems)
        total *= len(options)
        if total > MAX_VARIANTS:
            return None
        choices.append(options)
    variants: dict[tuple[int, ...], list[list[str]]] = {}
    _spell(choices, 0, [], [], variants)
    return PhraseVariants(variants)


def _spell(
    choices: list[list[str | None]],
    index: int,
    words: list[str],
    kept: list[int],
    out: dict[tuple[int, ...], list[list[str]]],
) -> None:
    if index == len(choices):
        if words:
            out.setdefault(tuple(kept), []).append(list(words))
        return
    for option in choices[index]:
        if option is None:
            _spell(choices, index + 1, words, kept, out)
        else:
            _spell(choices, index + 1, [*words, option], [*kept, index], out)


@dataclass(frozen=True, slots=True)
class Step:
    """One compiled pattern item for the window matcher: which tokens it accepts and how often."""

    attribute: str  # "LOWER", "ORTH" or "ANY"
    forms: frozenset[str]
    least: int
    most: int


def steps(compiled: CompiledPattern) -> tuple[Step, ...]:
    result = []
    for token in compiled.tokens:
        op = token.get("OP")
        least, most = (0, 1) if op == "?" else (0, 4) if op == "{0,4}" else (1, 1)
        if "TEXT" in token:
            result.append(Step("ANY", frozenset(token["TEXT"]["NOT_IN"]), least, most))
        else:
            attribute, forms = token_forms(token)
            result.append(Step(attribute, frozenset(forms), least, most))
    return tuple(result)


def match_at(tokens: list[str], lowers: list[str], start: int, pattern: tuple[Step, ...]) -> list[int] | None:
    """The longest match of ``pattern`` starting at token ``start``: the pattern index of each token."""
    best: list[int] | None = None

    def accepts(step: Step, position: int) -> bool:
        if position >= len(tokens):
            return False
        if step.attribute == "ANY":
            token = tokens[position]
            return token not in step.forms and not token.isspace()
        return (tokens[position] if step.attribute == "ORTH" else lowers[position]) in step.forms

    def walk(index: int, position: int, aligned: list[int]) -> None:
        nonlocal best
        if index == len(pattern):
            if aligned and (best is None or len(aligned) > len(best)):
                best = list(aligned)
            return
        step = pattern[index]
        taken = 0
        while taken < step.least:
            if not accepts(step, position + taken):
                return
            taken += 1
        count = taken
        while True:
            walk(index + 1, position + count, aligned + [index] * count)
            if count >= step.most or not accepts(step, position + count):
                return
            count += 1

    walk(0, start, [])
    return best
