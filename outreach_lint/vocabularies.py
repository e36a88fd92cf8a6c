"""Named word classes and scope conditions of the rule language.

A rule file may define word classes in a ``[classes]`` table; every pack of the same language shares them,
and a user's pack that names an existing class adds its members::

    [classes]
    reader-thing = ["website", "homepage", "onboarding~", "checkout"]
    negative-verdict = ["outdated", "confusing", "cluttered~"]

A pattern item ``@reader-thing`` stands for any member (``[@reader-thing]``, ``@hedge?`` and
``your|@reader`` work as for any alternative). Members are single tokens written as pattern alternatives
(``word``, ``word~``, ``=Word``). Classes used in scope conditions may also hold phrases (``"up to"``).

Scope conditions restrict where a match counts, looking at the words of the same clause or sentence
outside the match itself::

    unless = ["negation", "hedge", "attribution"]   # any member nearby cancels the match
    require = ["reader"]                            # some member must be nearby
    scope = "clause"                                # or "sentence" (the default)
    question = "never"                              # "only": only in a question; "never": not in one
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

CLASS_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_CLASS_ITEM = re.compile(r"(?<![\w@])@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")
_SPLIT_WORD = re.compile(r"\w[-'’./]\w")
SCOPES = ("clause", "sentence")
QUESTION_MODES = ("only", "never")
#: Tokens that end a clause (besides the sentence's own ends).
CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "–", "—", "(", ")", "but", "aber", "doch", "sondern", "while", "während", "whereas", "jedoch"}
)


class VocabularyError(ValueError):
    """A word class or scope condition that cannot be used."""


@dataclass(frozen=True, slots=True)
class WordClasses:
    """The word classes of one language: name → members (pattern alternatives or phrases)."""

    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    language: str = "en"
    _phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, compare=False, repr=False)
    _indexes: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict, compare=False, repr=False)

    def merged(self, more: Mapping[str, Iterable[str]]) -> WordClasses:
        """These classes with ``more`` added (members of an existing class are appended, order kept)."""
        combined = {name: list(values) for name, values in self.members.items()}
        for name, values in more.items():
            combined.setdefault(name, [])
            combined[name].extend(v for v in values if v not in combined[name])
        return WordClasses({name: tuple(values) for name, values in combined.items()}, self.language)

    def expand(self, pattern: str, where: str = "pattern") -> str:
        """``pattern`` with every ``@class`` replaced by its single-token members as alternatives."""

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.members:
                known = ", ".join(sorted(self.members)) or "none defined"
                raise VocabularyError(f"{where}: unknown word class @{name} (known: {known})")
            # A pattern item is one token: phrases, hyphenated words and contractions serve scope conditions.
            words = [m for m in self.members[name] if " " not in m.strip() and not _SPLIT_WORD.search(m)]
            if not words:
                raise VocabularyError(f"{where}: word class @{name} has no single-word member to match")
            return "|".join(words)

        return _CLASS_ITEM.sub(substitute, pattern)

    def phrase_index(self, name: str) -> dict[str, list[tuple[str, ...]]]:
        """The members of a class as token sequences, keyed by their first word (computed once)."""
        index = self._indexes.get(name)
        if index is None:
            index = {}
            for phrase in self.phrases(name):
                if phrase:
                    index.setdefault(phrase[0], []).append(phrase)
            self._indexes[name] = index
        return index

    def phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The members of a class as lower-case token sequences (for scope conditions)."""
        cached = self._phrases.get(name)
        if cached is not None:
            return cached
        if name not in self.members:
            raise VocabularyError(f"unknown word class {name!r} in a scope condition")
        from .patterns import inflect

        result: list[tuple[str, ...]] = []
        for member in self.members[name]:
            words = member.lower().lstrip("=").split()
            if len(words) == 1 and words[0].endswith("~"):
                result.extend((form,) for form in inflect(words[0][:-1], self.language))
            else:
                result.append(tuple(word.rstrip("~") for word in words))
        self._phrases[name] = tuple(result)
        return self._phrases[name]


def parse_classes(raw: object, where: str) -> dict[str, tuple[str, ...]]:
    """Validate a ``[classes]`` table."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise VocabularyError(f"{where}: [classes] must be a table of name = [members]")
    result: dict[str, tuple[str, ...]] = {}
    for name, values in raw.items():
        if not CLASS_NAME.match(name):
            raise VocabularyError(f"{where}: class name {name!r} must be lowercase words joined by '-'")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise VocabularyError(f"{where}: class {name!r} must be a non-empty list of words or phrases")
        for value in values:
            if "|" in value or "@" in value or any(c in value for c in "[]?*"):
                raise VocabularyError(f"{where}: class {name!r}: member {value!r} must be a plain word or phrase")
        result[name] = tuple(v.strip() for v in values)
    return result


@dataclass(frozen=True, slots=True)
class ScopeConditions:
    """Where a rule's match counts: classes that cancel it or that it needs nearby, and question form."""

    unless: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    scope: str = "sentence"
    question: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.unless or self.require or self.question)

    def validate(self, classes: WordClasses, where: str) -> None:
        for name in self.unless + self.require:
            if name not in classes.members:
                raise VocabularyError(f"{where}: scope condition names unknown word class {name!r}")


def parse_conditions(raw: Mapping[str, object], where: str) -> ScopeConditions:
    """Read ``unless``, ``require``, ``scope`` and ``question`` from a rule table."""

    def names(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        valid = isinstance(value, list) and all(isinstance(v, str) and CLASS_NAME.match(v.lstrip("@")) for v in value)
        if not valid:
            raise VocabularyError(f"{where}: '{key}' must be a list of word-class names")
        return tuple(v.lstrip("@") for v in value)

    scope = raw.get("scope", "sentence")
    if scope not in SCOPES:
        raise VocabularyError(f"{where}: scope must be one of {', '.join(SCOPES)}")
    question = raw.get("question")
    if question is not None and question not in QUESTION_MODES:
        raise VocabularyError(f"{where}: question must be one of {', '.join(QUESTION_MODES)}")
    return ScopeConditions(names("unless"), names("require"), str(scope), question)


def scope_range(lowers: Sequence[str], start: int, end: int, first: int, stop: int, scope: str) -> tuple[int, int]:
    """Token range of the clause or sentence ``[first, stop)`` that holds the match ``[start, end)``."""
    if scope == "sentence":
        return first, stop
    left = start
    while left > first and lowers[left - 1] not in CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < stop and lowers[right] not in CLAUSE_BREAKS:
        right += 1
    return left, right


def contains_phrase(
    lowers: Sequence[str], positions: Iterable[int], index: Mapping[str, list[tuple[str, ...]]]
) -> bool:
    """Whether a phrase of ``index`` (phrases by first word) starts at one of ``positions`` and lies in them."""
    allowed = set(positions)
    for position in allowed:
        for phrase in index.get(lowers[position], ()):
            if all(position + i in allowed and lowers[position + i] == word for i, word in enumerate(phrase)):
                return True
    return False


def allows(
    conditions: ScopeConditions,
    classes: WordClasses,
    lowers: Sequence[str],
    match: tuple[int, int],
    sentence: tuple[int, int],
    is_question: bool,
    free: Iterable[int] = (),
) -> bool:
    """Whether a match at token range ``match`` inside the sentence ``sentence`` meets the conditions.

    The words around the match count, and so do ``free`` positions inside it: words a gap (``...``, ``*``)
    took, which the pattern did not ask for ("wirkt [vielleicht] altmodisch")."""
    if conditions.empty:
        return True
    if conditions.question == "only" and not is_question:
        return False
    if conditions.question == "never" and is_question:
        return False
    left, right = scope_range(lowers, match[0], match[1], sentence[0], sentence[1], conditions.scope)
    inside = set(free)
    around = [i for i in range(left, right) if not match[0] <= i < match[1] or i in inside]
    if any(contains_phrase(lowers, around, classes.phrase_index(name)) for name in conditions.unless):
        return False
    return all(contains_phrase(lowers, around, classes.phrase_index(name)) for name in conditions.require)
