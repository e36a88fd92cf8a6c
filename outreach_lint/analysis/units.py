"""The linted pieces of an email (subject and body) as units of tokens and sentences."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from ..nlp import SENTENCE_ENDS
from ..textmap import MappedText


def sentence_starts(tokens: list[str]) -> list[int]:
    """Token indices that start a sentence: spaCy's Sentencizer rule (a sentence ends after a run of
    sentence-final punctuation), with paragraph breaks counted as sentence ends. Computed on the token
    texts, which is several times faster than running the Sentencizer over Token objects: only the tokens
    after each sentence end are looked at."""
    starts = [0] if tokens else []
    size = len(tokens)
    resume = 0
    for end in itertools.compress(range(size), map(SENTENCE_ENDS.__contains__, tokens)):
        if end < resume:
            continue  # part of the run of punctuation and spaces after the previous end
        index = end + 1
        while index < size and not tokens[index][:1].isalnum() and _continues_end(tokens[index]):
            index += 1
        if index == size:
            break
        starts.append(index)
        resume = index
    return starts


def _continues_end(token: str) -> bool:
    """Whether a token after a sentence end still belongs to it: more sentence-final punctuation, other
    punctuation, or spaces without a line break."""
    return token in SENTENCE_ENDS or (not any(c.isalnum() for c in token) and not _is_line_break(token))


def _is_line_break(token: str) -> bool:
    return "\n" in token and token.isspace()


def _after_comma_lines(tokens: list[str], starts: list[int], counted: set[str] | None = None) -> list[int]:
    """More sentence starts: a single line break after a short line ending in a comma ("Hi Jana,") also ends
    a sentence when the sentence so far has at most six words or the next line at most three.

    Word counts come from running totals, so each line break costs a few lookups (counting the words of the
    sentence and of the next line at every such break took time quadratic in the email's length).
    ``counted`` holds the words among the tokens (``words_among``), when known."""
    last = len(tokens) - 1
    after_commas = [i + 1 for i, token in enumerate(tokens) if token == ","]
    candidates = [i for i in after_commas if i < last and _is_line_break(tokens[i])]
    if not candidates:
        return []
    distinct = set(tokens)
    if counted is None:
        counted = words_among(distinct)
    breaks = {token for token in distinct - counted if _is_line_break(token)}
    words_before = [0, *itertools.accumulate(map(counted.__contains__, tokens))]
    line_breaks = list(itertools.compress(range(len(tokens)), map(breaks.__contains__, tokens)))
    added: list[int] = []
    for i in candidates:
        previous = max(starts[bisect.bisect_right(starts, i) - 1], added[-1] if added else 0)
        following = bisect.bisect_right(line_breaks, i)
        line_end = line_breaks[following] if following < len(line_breaks) else len(tokens)
        if words_before[i] - words_before[previous] <= 6 or words_before[line_end] - words_before[i + 1] <= 3:
            added.append(i + 1)
    return added


#: Tokens judged by ``is_word`` so far: those that are words, and those that are not (sets, so that the
#: distinct tokens of a unit are sorted by two set operations).
_COUNTED: set[str] = set()
_NOT_COUNTED: set[str] = set()


def is_word(token: str) -> bool:
    """A word for counting: starts with a letter or digit, and is not a URL or an address."""
    if token in _COUNTED:
        return True
    if token in _NOT_COUNTED:
        return False
    known = token[:1].isalnum() and "://" not in token and "@" not in token and not token.startswith("www.")
    if len(_COUNTED) + len(_NOT_COUNTED) < 100_000:
        (_COUNTED if known else _NOT_COUNTED).add(token)
    return known


def words_among(distinct: set[str]) -> set[str]:
    """The tokens of ``distinct`` that are words (``is_word``)."""
    counted = distinct & _COUNTED
    fresh = distinct - counted - _NOT_COUNTED
    if fresh:
        counted.update(token for token in fresh if is_word(token))
    return counted


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
    _sentence_starts: list[int] | None = None
    _alphabetic_before: list[int] | None = None

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
            self._lowers = list(map(str.lower, self.tokens))
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
        if self._sentence_starts is None:
            self._sentence_starts = [sentence.start for sentence in self.sentences]
        index = bisect.bisect_right(self._sentence_starts, token_index) - 1
        if index >= 0 and token_index < self.sentences[index].end:
            return self.sentences[index]
        return None

    def alphabetic_tokens(self, first: int, stop: int) -> int:
        """How many tokens in the range [first, stop) are all letters."""
        if self._alphabetic_before is None:
            self._alphabetic_before = [0, *itertools.accumulate(map(str.isalpha, self.tokens))]
        return self._alphabetic_before[stop] - self._alphabetic_before[first]

    def _build(self) -> None:
        """One pass over the spaCy Doc into plain Python lists (much faster to query than Spans)."""
        doc = self.doc
        if len(doc):
            columns = doc.to_array([IDX, LENGTH])
            starts = columns[:, 0].tolist()
            ends = (columns[:, 0] + columns[:, 1]).tolist()
        else:
            starts, ends = [], []
        doc_text = self.text.replace("\u2019", "'")  # what the Doc was made from (doc.text is slow)
        tokens = list(map(doc_text.__getitem__, map(slice, starts, ends)))
        # Each distinct token is judged once; the sentences are then filtered by set lookups done in C.
        distinct = set(tokens)
        counted = words_among(distinct)
        boundaries = sentence_starts(tokens)
        boundaries = [*sorted({*boundaries, *_after_comma_lines(tokens, boundaries, counted)}), len(tokens)]
        is_space = {t for t in distinct - counted if t.isspace()}.__contains__
        is_counted = counted.__contains__
        text = self.text
        sentences = []
        for first, stop in itertools.pairwise(boundaries):
            visible = list(itertools.filterfalse(is_space, tokens[first:stop]))
            words = list(filter(is_counted, visible))
            if not words:
                continue
            last = stop - 1
            while last > first and is_space(tokens[last]):
                last -= 1
            start_char = starts[first]
            while start_char < len(text) and text[start_char].isspace():
                start_char += 1
            end_char = ends[last]
            sentences.append(Sentence(first, stop, start_char, end_char, text[start_char:end_char], visible, words))
        self._tokens = tokens
        self._sentences = sentences


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


def sentence_span(sentence: Sentence) -> tuple[int, int]:
    """Character range of a sentence without the spaces after it."""
    return sentence.start_char, sentence.start_char + len(sentence.text.rstrip())
