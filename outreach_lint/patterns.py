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

import re
from dataclasses import dataclass
from typing import Any

INFLECTIONS: dict[str, tuple[str, ...]] = {
    "en": ("", "s", "es", "d", "ed", "ing", "'s"),
    "de": ("", "e", "en", "er", "es", "em", "n", "s", "ns", "nen", "ern"),
}
_SENTENCE_END = [".", "!", "?", "…", "\n", "\n\n"]


#: The most items, and the most ``...`` gaps, one pattern may have. A pattern is tried at every word where a
#: match can start, and each try costs up to its items times the words it can span; without a bound a user
#: pattern could take minutes on one email. (The shipped packs use at most 11 items and 3 gaps.)
MAX_ITEMS = 24
MAX_GAPS = 6


class PatternError(ValueError):
    """A pattern in a rule file that cannot be compiled."""


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """Matcher token dicts plus the pattern-token index range that forms the reported span."""

    tokens: list[dict[str, Any]]
    span_first: int
    span_last: int
    #: For each pattern item, the range [first, last] of the token dicts it compiled to.
    items: tuple[tuple[int, int], ...] = ()


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
    shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
    gaps = sum(item.strip("[]?") in ("...", "…") for item in items)
    if gaps > MAX_GAPS:
        raise PatternError(
            f"pattern {shown!r} has {gaps} '...' gaps; at most {MAX_GAPS} are allowed, as every gap adds to "
            "the ways a match has to be tried"
        )
    if len(items) > MAX_ITEMS:
        raise PatternError(
            f"pattern {shown!r} has {len(items)} items; at most {MAX_ITEMS} are allowed, as every item adds to "
            "the time each email takes"
        )
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
    item_ranges: list[tuple[int, int]] = []
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
        item_ranges.append((len(tokens), len(tokens) + len(new) - 1))
        tokens.extend(new)
        if closes:
            span_last = len(tokens) - 1
    if (span_first is None) != (span_last is None):
        raise PatternError(f"unbalanced [ ] in pattern {pattern!r}")
    if all(t.get("OP") in ("?", "{0,4}") for t in tokens):
        raise PatternError(f"pattern {pattern!r} can match nothing")
    if span_first is None:
        span_first, span_last = 0, len(tokens) - 1
    return CompiledPattern(tokens, span_first, span_last, tuple(item_ranges))


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
    """The longest match of ``pattern`` starting at token ``start``: the pattern index of each token.

    Of several equally long alignments, the one that gives the earliest items the fewest tokens (the first a
    left-to-right backtracking search finds). Each (item, token position) is solved once, so the work is at
    most the items times the tokens the pattern can span, however many gaps and optional items it has (a
    backtracking search tried every combination of their lengths: exponentially many)."""
    size = len(tokens)
    count = len(pattern)
    if pattern and all(step.least == step.most == 1 for step in pattern):
        return _match_fixed(tokens, lowers, start, pattern)
    farthest: dict[tuple[int, int], int | None] = {}
    chosen: dict[tuple[int, int], int] = {}

    def accepts(step: Step, position: int) -> bool:
        if position >= size:
            return False
        if step.attribute == "ANY":
            token = tokens[position]
            return token not in step.forms and not token.isspace()
        return (tokens[position] if step.attribute == "ORTH" else lowers[position]) in step.forms

    def solve(index: int, position: int) -> int | None:
        """The farthest end of a match of ``pattern[index:]`` from ``position`` (None: no match)."""
        if index == count:
            return position
        key = (index, position)
        if key in farthest:
            return farthest[key]
        step = pattern[index]
        best = None
        taken = 0
        while taken < step.least and accepts(step, position + taken):
            taken += 1
        if taken == step.least:
            while True:
                end = solve(index + 1, position + taken)
                if end is not None and (best is None or end > best):
                    best, chosen[key] = end, taken
                if taken >= step.most or not accepts(step, position + taken):
                    break
                taken += 1
        farthest[key] = best
        return best

    end = solve(0, start)
    if end is None or end == start:
        return None
    aligned: list[int] = []
    position = start
    for index in range(count):
        taken = chosen[(index, position)]
        aligned.extend([index] * taken)
        position += taken
    return aligned


def _match_fixed(tokens: list[str], lowers: list[str], start: int, pattern: tuple[Step, ...]) -> list[int] | None:
    """``match_at`` for a pattern whose every item takes exactly one token: one alignment, checked in order."""
    if start + len(pattern) > len(tokens):
        return None
    for offset, step in enumerate(pattern):
        position = start + offset
        if step.attribute == "ANY":
            token = tokens[position]
            if token in step.forms or token.isspace():
                return None
        elif (tokens[position] if step.attribute == "ORTH" else lowers[position]) not in step.forms:
            return None
    return list(range(len(pattern)))


_CAPTURE = re.compile(r":([a-z][a-z0-9_]*)(\]?\??\]?)$")


def strip_captures(pattern: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The pattern without capture names (``@thing:name``, ``word~:name``) and the item range of each name: a
    name on one item captures that item, a name on two items everything from the first to the second
    (``your:thing ... @reader-thing:thing`` captures "your product pages")."""
    items = pattern.split()
    captures: dict[str, tuple[int, int]] = {}
    plain: list[str] = []
    for index, item in enumerate(items):
        match = _CAPTURE.search(item)
        if match and match.start() > 0 and item[: match.start()].strip("[?") not in ("", "*", "...", "…"):
            name = match.group(1)
            if name in captures:
                first, last = captures[name]
                if first != last:
                    raise PatternError(f"capture {name!r} is named more than twice in {pattern!r}")
                captures[name] = (first, index)
            else:
                captures[name] = (index, index)
            item = item[: match.start()] + match.group(2)
            if _CAPTURE.search(item) or re.search(r":[a-z]", item):
                raise PatternError(f"item {items[index]!r} may carry one capture name only")
        plain.append(item)
    return " ".join(plain), captures
