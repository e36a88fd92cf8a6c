"""Metric rules: a count (words, characters) with bounds over a part of the email (the body, each sentence, the
subject line, each paragraph), defined in rule packs; and the built-in suggestions they may name."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..analysis.context import CheckContext, RawFinding
from ..analysis.textstats import refers_back, sentence_pronouns, split_sentence
from ..analysis.thread import SUBJECT_PREFIX
from ..analysis.units import Sentence, Unit, sentence_span, sentence_with_trailing_space
from ..config import NUMERIC_OPTIONS
from ..models import Suggestion
from ..rulepack import Measure, MetricRule
from .base import CodeCheck, suggestion


@dataclass(frozen=True, slots=True)
class Part:
    """One measured part of the email: where a finding on it goes, its counts and its sentences."""

    unit: Unit
    start: int
    end: int
    words: int
    characters: int
    sentences: tuple[Sentence, ...] = ()

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    def count(self, what: str) -> int:
        return self.words if what == "words" else self.characters


def _body(ctx: CheckContext) -> Iterator[Part]:
    """The email's own text (quoted replies, forwarded text and the signature are not in the body unit): its
    words include the greeting's; the finding marks the text from the first sentence after the greeting."""
    content = ctx.content
    if content:
        words = sum(len(sentence.words) for sentence in ctx.sentences)
        characters = len(ctx.body.text.strip())
        yield Part(ctx.body, content[0].start_char, content[-1].end_char, words, characters, tuple(content))


def _sentences(ctx: CheckContext) -> Iterator[Part]:
    """Each sentence after the greeting, without the spaces after it."""
    for sentence in ctx.content:
        start, end = sentence_span(sentence)
        yield Part(ctx.body, start, end, len(sentence.words), end - start, (sentence,))


def _subject(ctx: CheckContext) -> Iterator[Part]:
    """The subject line without the spaces around it; its words are the parts between spaces."""
    if ctx.subject is None or not ctx.subject.text.strip():
        return
    text = ctx.subject.text.strip()
    start = ctx.subject.text.index(text)
    yield Part(ctx.subject, start, start + len(text), len(text.split()), len(text))


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _paragraphs(ctx: CheckContext) -> Iterator[Part]:
    """Each paragraph after the greeting: the sentences between two blank lines."""
    groups: list[list[Sentence]] = []
    for sentence in ctx.content:
        if groups and not _BLANK_LINE.search(ctx.body.text, groups[-1][-1].end_char, sentence.start_char):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    for group in groups:
        start, end = group[0].start_char, sentence_span(group[-1])[1]
        words = sum(len(sentence.words) for sentence in group)
        yield Part(ctx.body, start, end, words, end - start, tuple(group))


#: The parts of the email each ``per`` of a metric rule measures.
SCOPES: dict[str, Callable[[CheckContext], Iterator[Part]]] = {
    "body": _body,
    "sentence": _sentences,
    "subject": _subject,
    "paragraph": _paragraphs,
}


# -- the built-in suggestions ---------------------------------------------------------------------------------
def shorten_draft(ctx: CheckContext, part: Part, limit: int) -> Suggestion:
    """The draft without its most sender-centred sentences (never the first one or a question), down to about
    85 % of the word limit."""
    sentences = list(part.sentences)
    # Kept: the first and the last sentence (the opener and, mostly, the ask), questions, and a sentence the
    # next one refers back to ("… ein Paket anbieten. Das kostet 490 €.").
    protected = {sentences[0].start, sentences[-1].start} | {s.start for s in sentences if "?" in s.text}
    protected |= {s.start for s, following in itertools.pairwise(sentences) if refers_back(following)}

    def cost(sentence: Sentence) -> tuple[int, int]:
        sender, reader = sentence_pronouns(sentence, ctx.language)
        return (sender - reader, len(sentence.words))

    target = int(limit * 0.85)
    dropped: list[Sentence] = []
    remaining = part.words
    for sentence in sorted((s for s in sentences if s.start not in protected), key=cost, reverse=True):
        if remaining <= target:
            break
        dropped.append(sentence)
        remaining -= len(sentence.words)
    if not dropped:
        return suggestion(None, f"Cut what the reader does not need to decide, down to about {target} words.")
    text = ctx.body.text
    pieces, pos = [], part.start
    for sentence in sorted(dropped, key=lambda s: s.start):
        cut_start, cut_end = sentence_with_trailing_space(ctx.body, sentence)
        pieces.append(text[pos:cut_start])
        pos = cut_end
    pieces.append(text[pos : part.end])
    shortened = re.sub(r"\n{3,}", "\n\n", "".join(pieces)).strip()
    description = f"Cut {len(dropped)} sentence(s) to reach about {remaining} words (limit {limit})."
    return suggestion(None, f"{description} Shortened draft: “{shortened}”")


#: Words a shortened subject neither starts nor ends with.
_SUBJECT_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "with",
        "and",
        "or",
        "by",
        "on",
        "in",
        "at",
        "about",
        "re",
        "quick",
        "question",
        "regarding",
        "für",
        "mit",
        "von",
        "und",
        "oder",
        "zu",
        "bei",
        "über",
        "zum",
        "zur",
        "im",
        "am",
        "kurze",
        "frage",
        "bezüglich",
        "betreff",
    ]
)


def shorten_subject(subject: str, max_words: int = 5) -> str:
    """A short subject from a long one: its shortest clause of about four words, or its first words."""
    text = SUBJECT_PREFIX.sub("", subject).strip()
    parts = [p.strip() for p in re.split(r"\s[-–|:]\s|:\s", text) if p.strip()]
    candidates = [p for p in parts if len(p.split()) <= max_words + 1]
    if candidates:
        return min(candidates, key=lambda p: abs(len(p.split()) - 4))
    words = text.split()
    while words and words[0].lower().strip(",:") in _SUBJECT_STOP:
        words.pop(0)
    words = words[:max_words]
    while len(words) > 1 and words[-1].lower().strip(",.:") in _SUBJECT_STOP:
        words.pop()
    short = " ".join(words).rstrip(",.:;-–")
    return short[:1].upper() + short[1:]


def _shorten_subject(ctx: CheckContext, part: Part, limit: int) -> Suggestion:
    return suggestion(None, f"Shorten to a few words about their topic, e.g. “{shorten_subject(part.text)}”")


def _split_sentence(ctx: CheckContext, part: Part, limit: int) -> Suggestion:
    """The sentence split at the conjunction nearest its middle, or where to split it."""
    split = split_sentence(part.text, ctx.language)
    if split:
        return suggestion(None, f"Split it in two, e.g. “{split}”")
    half = " ".join(part.text.split()[: part.words // 2])
    return suggestion(
        None, f"Split it in two: end the first sentence after “{half}” and start the second with its own subject."
    )


#: The suggestions a metric rule's ``suggest`` names (``rulepack.SUGGESTERS`` says where each applies).
BUILDERS: dict[str, Callable[[CheckContext, Part, int], Suggestion]] = {
    "shorten-draft": shorten_draft,
    "shorten-subject": _shorten_subject,
    "split-sentence": _split_sentence,
}


# -- running the rules ----------------------------------------------------------------------------------------
def configured(measure: Measure, options: Mapping[str, Any]) -> Measure:
    """The measure with the configured value of its ``option`` as its maximum (the rule's ``max`` otherwise)."""
    if measure.option is None or NUMERIC_OPTIONS[measure.option] not in options:
        return measure
    return replace(measure, max=int(options[NUMERIC_OPTIONS[measure.option]]))


def metric_checks(rules: Iterable[MetricRule], options: Mapping[str, Any]) -> list[CodeCheck]:
    """One check per metric rule, with the bounds of the configuration (``Config.options``)."""
    checks = []
    for rule in rules:
        measures = tuple(configured(measure, options) for measure in rule.measures)
        checks.append(CodeCheck(rule.meta, _runner(rule, measures)))
    return checks


def _runner(rule: MetricRule, measures: tuple[Measure, ...]) -> Callable[[CheckContext], list[RawFinding]]:
    def run(ctx: CheckContext) -> list[RawFinding]:
        return [_finding(rule, measure, part, ctx) for part, measure in _out_of_bounds(measures, SCOPES[rule.per](ctx))]

    return run


def _out_of_bounds(measures: tuple[Measure, ...], parts: Iterable[Part]) -> Iterator[tuple[Part, Measure]]:
    """Each part that breaks a bound, with the first measure it breaks."""
    for part in parts:
        broken = next((measure for measure in measures if measure.outside(part.count(measure.count))), None)
        if broken is not None:
            yield part, broken


_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")


def _finding(rule: MetricRule, measure: Measure, part: Part, ctx: CheckContext) -> RawFinding:
    """A finding on the part: the message with its counts, and the rule's suggestion when the part is over the
    maximum (below the minimum, the rule's rewrite is the advice)."""
    counted = part.count(measure.count)
    message = None
    if rule.finding_message:
        values = {"count": counted, "max": measure.max, "min": measure.min}
        values.update(words=part.words, characters=part.characters)
        message = _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), rule.finding_message)
    over = measure.max is not None and counted > measure.max
    if rule.suggest and over:
        advice = BUILDERS[rule.suggest](ctx, part, measure.max)
    else:
        advice = suggestion(None, rule.meta.rewrite)
    return RawFinding(rule.meta, part.unit, part.start, part.end, (advice,), message)
