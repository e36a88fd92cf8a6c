"""What a check sees (the analysed email) and what it returns (raw findings in text offsets)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from ..document import Document
from ..models import FixSafety, Suggestion
from ..nlp import SENTENCE_ENDS
from ..prospect import Prospect
from ..rulepack import RuleMeta
from ..textmap import MappedText


def sentence_starts(tokens: list[str]) -> list[int]:
    """Token indices that start a sentence: spaCy's Sentencizer rule (a sentence ends after a run of
    sentence-final punctuation), with paragraph breaks counted as sentence ends. Computed on the token
    texts, which is several times faster than running the Sentencizer over Token objects."""
    starts = [0] if tokens else []
    seen_end = False
    for index, token in enumerate(tokens):
        if seen_end and token not in SENTENCE_ENDS and not (token.isspace() and "\n" not in token):
            if not _is_punct(token):
                starts.append(index)
                seen_end = False
        elif token in SENTENCE_ENDS:
            seen_end = True
    return starts


def _is_punct(token: str) -> bool:
    return not any(c.isalnum() for c in token) and not token.isspace()


_WORDS: dict[str, bool] = {}


def is_word(token: str) -> bool:
    """A word for counting: starts with a letter or digit, and is not a URL or an address."""
    known = _WORDS.get(token)
    if known is None:
        known = token[:1].isalnum() and "://" not in token and "@" not in token and not token.startswith("www.")
        if len(_WORDS) < 100_000:
            _WORDS[token] = known
    return known


@dataclass(slots=True)
class Sentence:
    """A sentence of a unit: token range, character range, text and its token texts (no whitespace)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    tokens: list[str]
    words: list[str]
    pronouns: tuple[int, int] | None = None


@dataclass(slots=True)
class Unit:
    """A linted piece of the email (subject or body): its text, where it came from, and its tokens."""

    name: str
    mapped: MappedText
    doc: Doc
    _tokens: list[str] | None = None
    _lowers: list[str] | None = None
    _lower_set: frozenset[str] | None = None
    _sentences: list[Sentence] | None = None

    @property
    def text(self) -> str:
        return self.mapped.text

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._build()
        return self._tokens  # type: ignore[return-value]

    @property
    def lowers(self) -> list[str]:
        if self._lowers is None:
            self._lowers = [t.lower() for t in self.tokens]
        return self._lowers

    @property
    def lower_set(self) -> frozenset[str]:
        """The distinct lower-case tokens: a quick test which cue words a check can find at all."""
        if self._lower_set is None:
            self._lower_set = frozenset(self.lowers)
        return self._lower_set

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences that contain at least one word."""
        if self._sentences is None:
            self._build()
        return self._sentences  # type: ignore[return-value]

    def sentence_at(self, token_index: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= token_index < sentence.end:
                return sentence
        return None

    def _build(self) -> None:
        """One pass over the spaCy Doc into plain Python lists (much faster to query than Spans)."""
        doc = self.doc
        rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        doc_text = self.text.replace("\u2019", "'")  # what the Doc was made from (doc.text is slow)
        tokens = [doc_text[start : start + length] for start, length in rows]
        starts = [row[0] for row in rows]
        boundaries = sentence_starts(tokens)
        # A single line break after a short line ending in a comma ("Hi Jana,") also ends a sentence.
        for i, token in enumerate(tokens):
            if "\n" in token and token.isspace() and i and tokens[i - 1] == "," and i + 1 < len(tokens):
                previous = max(b for b in boundaries if b <= i)
                following = 0
                for t in tokens[i + 1 :]:
                    if "\n" in t and t.isspace():
                        break
                    following += is_word(t)
                if sum(1 for t in tokens[previous:i] if is_word(t)) <= 6 or following <= 3:
                    boundaries.append(i + 1)
        boundaries = [*sorted(set(boundaries)), len(tokens)]
        text = self.text
        sentences = []
        for first, stop in itertools.pairwise(boundaries):
            visible = [t for t in tokens[first:stop] if not t.isspace()]
            words = [t for t in visible if is_word(t)]
            if not words:
                continue
            last = stop - 1
            while last > first and tokens[last].isspace():
                last -= 1
            start_char = starts[first]
            while start_char < len(text) and text[start_char].isspace():
                start_char += 1
            end_char = starts[last] + len(tokens[last])
            sentences.append(Sentence(first, stop, start_char, end_char, text[start_char:end_char], visible, words))
        self._tokens = tokens
        self._sentences = sentences


@dataclass(slots=True)
class CheckContext:
    """Everything a check may look at for one email."""

    document: Document
    language: str
    body: Unit
    subject: Unit | None
    options: dict[str, Any] = field(default_factory=dict)
    phrase_findings: list[RawFinding] = field(default_factory=list)
    mode: str = "draft"
    prospect: Prospect = field(default_factory=Prospect)
    #: What several checks share for this email (computed by the first that needs it, freed with the context).
    memo: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, build: Callable[[CheckContext], Any]) -> Any:
        """``build(self)``, computed once per email and shared by the checks that ask for ``key``."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = build(self)
            return value

    def flagged(self, sentence: Sentence) -> list[RawFinding]:
        """Phrase-rule findings inside a body sentence."""
        return [
            f
            for f in self.phrase_findings
            if f.unit is self.body and f.start < sentence.end_char and sentence.start_char < f.end
        ]

    def deleted(self, sentence: Sentence) -> bool:
        """Whether a phrase rule already proposes deleting this whole sentence."""
        return any(
            f.start <= sentence.start_char and f.end >= sentence.end_char and f.suggestions[0].replacement == ""
            for f in self.flagged(sentence)
        )

    @property
    def sentences(self) -> list[Sentence]:
        """Body sentences that contain at least one word."""
        return self.body.sentences

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


def sentence_with_trailing_space(unit: Unit, sentence: Sentence) -> tuple[int, int]:
    """Character range of a sentence plus the spaces after it on the same line."""
    start = sentence.start_char
    end = sentence.end_char
    while end > start and unit.text[end - 1].isspace():
        end -= 1
    stop = end
    while stop < len(unit.text) and unit.text[stop] in " \t":
        stop += 1
    return start, stop if stop < len(unit.text) and unit.text[stop] not in "\r\n" else end
