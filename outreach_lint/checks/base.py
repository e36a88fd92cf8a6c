"""What a check sees (the analysed email) and what it returns (raw findings in text offsets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from ..document import Document
from ..models import FixSafety, Suggestion
from ..rulepack import RuleMeta
from ..textmap import MappedText


@dataclass(slots=True)
class Unit:
    """A linted piece of the email (subject or body): its text, where it came from, and its tokens."""

    name: str
    mapped: MappedText
    doc: Doc

    @property
    def text(self) -> str:
        return self.mapped.text


@dataclass(slots=True)
class CheckContext:
    """Everything a check may look at for one email."""

    document: Document
    language: str
    body: Unit
    subject: Unit | None
    options: dict[str, Any] = field(default_factory=dict)
    _sentences: list[Span] | None = None

    @property
    def sentences(self) -> list[Span]:
        """Body sentences that contain at least one word."""
        if self._sentences is None:
            self._sentences = [s for s in self.body.doc.sents if any(t.is_alpha for t in s)]
        return self._sentences

    def option(self, key: str, default: Any) -> Any:
        return self.options.get(key, default)


@dataclass(slots=True)
class RawFinding:
    """A finding before it is located in the source: unit-relative character offsets."""

    meta: RuleMeta
    unit: Unit
    start: int
    end: int
    suggestions: tuple[Suggestion, ...]
    message: str | None = None


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """A check written in Python, registered with the same metadata a data rule has."""

    meta: RuleMeta
    run: Callable[[CheckContext], list[RawFinding]]


def suggestion(replacement: str | None, description: str, fix: FixSafety = FixSafety.UNSAFE) -> Suggestion:
    return Suggestion(replacement, description, fix if replacement is not None else FixSafety.NONE)


def sentence_with_trailing_space(unit: Unit, sentence: Span) -> tuple[int, int]:
    """Character range of a sentence plus the spaces after it on the same line."""
    start = sentence.start_char
    end = sentence.end_char
    while end > start and unit.text[end - 1].isspace():
        end -= 1
    stop = end
    while stop < len(unit.text) and unit.text[stop] in " \t":
        stop += 1
    return start, stop if stop < len(unit.text) and unit.text[stop] not in "\r\n" else end
