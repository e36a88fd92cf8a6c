"""Structure: asks, subject line, shouting, hard sentences (the length limits are metric rules in
``rules/structure.toml``)."""

from __future__ import annotations

import re

from ..analysis.context import CheckContext, RawFinding
from ..analysis.recipient import reader_name
from ..analysis.signoff import SIGN_OFF
from ..analysis.textstats import VOWEL_GROUPS, reading_ease, split_sentence
from ..analysis.thread import SUBJECT_PREFIX
from ..analysis.units import Sentence, Unit, sentence_with_trailing_space
from ..models import FixSafety, Severity, Suggestion
from ..rulepack import RuleMeta
from .base import suggestion
from .registry import register

_CTA = {
    "en": re.compile(
        r"\b(?:let me know|reply|write back|book (?:a|some) time|grab (?:a|some) time|pick a (?:time|slot)|"
        r"call me|send me|ping me|my calendar|calendly)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:geben Sie mir (?:kurz )?Bescheid|lassen Sie (?:es )?mich wissen|antworten Sie|schreiben Sie mir|"
        r"rufen Sie mich|buchen Sie|melden Sie sich|wählen Sie (?:einen|einfach)|mein(?:en)? Kalender)\b",
        re.IGNORECASE,
    ),
}
_ASK_WORDS = {
    "en": re.compile(
        r"\b(?:call|meeting|meet|demo|chat|minutes?|calendar|intro(?:duce|duction)?|connect|book|schedule|"
        r"available|availability|open to|interested|worth a|hop on|jump on|time (?:next|this|on)|send (?:you|over))\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:Termin\w*|Gespräch\w*|Telefonat\w*|telefonieren|Demo\w*|Minuten|Zeit|Call|Austausch|Interesse|"
        r"interessant|wert|vorstellen|verbinden|Kalender|zusenden|schicken|treffen)\b",
        re.IGNORECASE,
    ),
}
_QUESTION_TEMPLATE = {
    "en": "Is {topic} something {who} is working on?",
    "de": "Ist {topic} für {who} gerade ein Thema?",
}
SAFE = FixSafety.SAFE


def _finding(meta: RuleMeta, unit: Unit, start: int, end: int, *suggestions, message: str | None = None):
    return RawFinding(meta, unit, start, end, tuple(suggestions), message)


@register(
    code="ST002",
    details=(
        "Fires when the body has no question mark and no call to action such as 'let me know' or "
        "'reply'/'Geben Sie mir Bescheid'."
    ),
    slug="no-call-to-action",
    category="structure",
    message="No question or call to action",
    why="An email without a question gives the reader nothing to answer; emails with one to three "
    "questions get about half again as many replies.",
    rewrite="End with one low-effort question about their topic.",
    example="Would that be worth a look for your team?",
)
def no_call_to_action(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    sentences = ctx.content
    if not sentences or "?" in ctx.body.text or _CTA[ctx.language].search(ctx.body.text):
        return []
    last = next((s for s in reversed(sentences) if _ends_prose(s)), None)
    if last is None:
        return []
    facts = ctx.rewrite_facts
    template = facts.fit(_QUESTION_TEMPLATE[ctx.language].replace("{who}", reader_name(ctx.prospect, ctx.language)))
    if template is None:
        return [_finding(meta, ctx.body, last.start_char, last.end_char, Suggestion(None, meta.rewrite))]
    question = template.replace("{topic}", facts.topic)
    replacement = f"{last.text.rstrip()} {question}"
    return [
        _finding(
            meta,
            ctx.body,
            last.start_char,
            last.end_char,
            Suggestion(replacement, f"Add one question after your last sentence: “{question}”", FixSafety.NONE),
        )
    ]


def _ends_prose(sentence: Sentence) -> bool:
    """A sentence a question can follow: not a sign-off, and not a short line without a full stop (a name, a
    job title or a link left at the end)."""
    text = sentence.text.strip()
    if SIGN_OFF.match(text.split("\n")[0]):
        return False
    return text.endswith((".", "!", "…", ":", ")")) or len(text.split()) > 6


def _asks(ctx: CheckContext) -> list[Sentence]:
    """The sentences that ask for something. A call to action right after a question that asks says how to
    answer it ("Open to a demo? Just reply with a time that suits."): one ask, not two."""
    words = _ASK_WORDS[ctx.language]
    calls = [m.start() for m in _CTA[ctx.language].finditer(ctx.body.text)]
    asks: list[Sentence] = []
    previous_asked = False
    for sentence in ctx.content:
        question = "?" in sentence.text and words.search(sentence.text) is not None
        call = any(sentence.start_char <= c < sentence.end_char for c in calls)
        if question or (call and not previous_asked):
            asks.append(sentence)
        previous_asked = question
    return asks


@register(
    code="ST003",
    details=(
        "An ask is a question about a call, meeting, demo, time or introduction, or an imperative call to"
        " action. Two or more asks fire."
    ),
    slug="more-than-one-ask",
    category="structure",
    message="More than one ask",
    why="Two requests in one email make the reader choose, and a busy reader chooses neither; one clear, "
    "small ask gets the reply.",
    rewrite="Keep the smallest ask and delete the others.",
)
def more_than_one_ask(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    asks = _asks(ctx)
    if len(asks) < 2:
        return []
    keep = asks[0].text.strip()
    findings = []
    for extra in asks[1:]:
        start, end = sentence_with_trailing_space(ctx.body, extra)
        findings.append(
            _finding(
                meta,
                ctx.body,
                start,
                end,
                suggestion("", f"Delete it and keep one ask: “{keep}”"),
            )
        )
    return findings


def _subject(ctx: CheckContext) -> Unit | None:
    if ctx.subject is None or not ctx.subject.text.strip():
        return None
    return ctx.subject


_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-ZÄÖÜ]")


def _caps_ratio(text: str) -> tuple[int, float]:
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0, 0.0
    return letters, len(_UPPER.findall(text)) / letters


def sentence_case(text: str) -> str:
    """"!!! BEST PRICES" → "!!! Best prices": lower case with a capital first letter."""
    lowered = text.lower()
    first = next((i for i, c in enumerate(lowered) if c.isalpha()), 0)
    return lowered[:first] + lowered[first : first + 1].upper() + lowered[first + 1 :]


@register(
    code="ST005",
    slug="subject-all-caps",
    category="structure",
    message="Subject line in capitals",
    why="A subject in capitals reads as shouting and as spam, to people and to spam filters.",
    rewrite="Write it in sentence case.",
)
def subject_all_caps(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    unit = _subject(ctx)
    if unit is None:
        return []
    text = unit.text.strip().rstrip("!?.")
    letters, ratio = _caps_ratio(text)
    if letters < 8 or ratio < 0.75 or len(text.split()) < 2:
        return []
    start = unit.text.index(text)
    if ctx.language == "de":
        # German capitalises nouns: which letters stay capital cannot be read off "LETZTE CHANCE".
        advice = suggestion(None, "Schreiben Sie den Betreff in normaler Groß- und Kleinschreibung.")
        return [_finding(meta, unit, start, start + len(text), advice)]
    fixed = sentence_case(text)
    return [_finding(meta, unit, start, start + len(text), suggestion(fixed, f"Write “{fixed}”.", SAFE))]


@register(
    code="ST006",
    slug="fake-reply-subject",
    category="structure",
    message="Fake “Re:”/“Fwd:” on a first email",
    why="A reply prefix on an email that answers nothing is a trick the reader spots at once; it costs "
    "trust before the first line is read.",
    rewrite="Drop the prefix and name their topic.",
    severity=Severity.ERROR,
)
def fake_reply_subject(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    unit = _subject(ctx)
    if unit is None:
        return []
    prefix = SUBJECT_PREFIX.match(unit.text)
    if not prefix or ctx.is_reply:
        return []
    start = len(unit.text) - len(unit.text.lstrip())
    return [
        _finding(
            meta,
            unit,
            start,
            prefix.end(),
            suggestion("", "Delete the prefix; nothing is being answered.", SAFE),
        )
    ]


_SHOUT_HINT = re.compile(r"[!?][!?]|[A-ZÄÖÜ]{3}")
#: A run of ! and ? with "!!", "?!" or "!?" in it, as one finding ("?!?!" is one shout), matched from the
#: run's start only (tried inside a run of 100,000 "?" it would scan to the run's end from every position).
_SHOUT_PUNCT = re.compile(r"(?<![!?])[!?]*(?:!!|\?!|!\?)[!?]*")
_CALM = {mark: suggestion(mark, f"Write “{mark}”.", SAFE) for mark in ("?", ".", "!")}
_CAPS_RUN = re.compile(r"\b[A-ZÄÖÜ]{3,}(?:\s+[A-ZÄÖÜ]{2,})+\b|\b[A-ZÄÖÜ]{4,}(?=!)")


def _visible_before(text: str, index: int) -> str:
    """The last non-space character before ``index`` ("" at the start of the text)."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return text[index - 1] if index > 0 else ""


@register(
    code="ST007",
    slug="shouting",
    category="structure",
    message="Shouting: capitals or repeated exclamation marks",
    why="Capitals and '!!!' read as pressure; a buyer who feels pushed stops reading.",
    rewrite="Use normal case and one full stop.",
)
def shouting(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    findings = []
    for unit in ctx.units:
        if not _SHOUT_HINT.search(unit.text):
            continue
        for match in _SHOUT_PUNCT.finditer(unit.text):
            calm = _CALM["?" if "?" in match.group(0) else "!" if unit is ctx.subject else "."]
            findings.append(_finding(meta, unit, match.start(), match.end(), calm))
        if unit is ctx.subject:
            letters, ratio = _caps_ratio(unit.text)
            if letters >= 8 and ratio >= 0.75:
                continue  # an all-caps subject is ST005's finding
        for match in _CAPS_RUN.finditer(unit.text):
            if ctx.language == "de":
                # German capitalises nouns: which letters stay capital cannot be read off "BARES GELD".
                advice = "Schreiben Sie es in normaler Groß- und Kleinschreibung."
                findings.append(_finding(meta, unit, match.start(), match.end(), suggestion(None, advice)))
                continue
            fixed = match.group(0).lower()
            if _visible_before(unit.text, match.start()) in ("", ".", "!", "?"):
                fixed = fixed[:1].upper() + fixed[1:]
            findings.append(
                _finding(meta, unit, match.start(), match.end(), suggestion(fixed, f"Write “{fixed}”.", SAFE))
            )
    return findings


@register(
    code="ST009",
    details=(
        "Flesch reading ease for English, Amstad's German version; syllables are estimated from vowel "
        "groups. Needs 20+ words. Threshold `min-reading-ease` (40 English, 30 German)."
    ),
    slug="hard-to-read",
    category="structure",
    message="Hard to read",
    why="Emails written at a plain reading level get far more replies than ones written like a report "
    "(Flesch for English, Amstad for German; higher is easier).",
    rewrite="Split the hardest sentence and swap its longest words for everyday ones.",
    severity=Severity.INFO,
)
def hard_to_read(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    sentences = ctx.content
    score = reading_ease(sentences, ctx.language)
    threshold = ctx.options.reading_ease_threshold(ctx.language)
    if score is None or score >= threshold:
        return []

    def difficulty(sentence: Sentence) -> float:
        return len(VOWEL_GROUPS.findall(sentence.text)) + len(sentence.words)

    hardest = max(sentences, key=difficulty)
    text = hardest.text.rstrip()
    # Longest first; words of the same length in the order they stand (a set's order changes from run to run).
    long = dict.fromkeys(t for t in hardest.tokens if t.isalpha() and len(t) >= 13)
    long_words = sorted(long, key=len, reverse=True)[:3]
    split = split_sentence(text, ctx.language)
    formula = "Amstad" if ctx.language == "de" else "Flesch"
    hint = f" Replace {', '.join(f'“{w}”' for w in long_words)} with shorter words." if long_words else ""
    if split:
        sugg = suggestion(split, f"Split the hardest sentence.{hint}")
    else:
        sugg = suggestion(None, f"Say the hardest sentence in two short ones.{hint}")
    return [
        _finding(
            meta,
            ctx.body,
            hardest.start_char,
            hardest.start_char + len(text),
            sugg,
            message=f"Reading ease {score:.0f} ({formula}); aim for {threshold:.0f} or more",
        )
    ]
