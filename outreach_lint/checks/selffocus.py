"""Self-focus: emails that open with the sender or talk mostly about the sender."""

from __future__ import annotations

import re

from ..analysis.context import CheckContext, RawFinding
from ..analysis.recipient import team_of
from ..analysis.textstats import pronoun_counts, refers_back, sentence_pronouns
from ..analysis.units import Sentence, sentence_with_trailing_space
from ..rulepack import RuleMeta
from .base import suggestion
from .registry import register

_SELF_OPENING = {
    "en": re.compile(r"^\s*(?:I|I'm|I've|I'd|I'll|We|We're|We've|My|Our|Allow me|Let me introduce)\b", re.IGNORECASE),
    "de": re.compile(r"^\s*(?:Ich|Wir|Mein|Meine|Unser|Unsere|Darf ich mich|Gestatten Sie)\b", re.IGNORECASE),
}
_NAME_INTRO = {
    "en": re.compile(r"^\s*(?:(?:Hi|Hello),?\s*)?my name is\b", re.IGNORECASE),
    "de": re.compile(r"^\s*mein Name ist\b", re.IGNORECASE),
}
_NOTICED = re.compile(
    r"^\s*I\s+(?:just\s+|recently\s+)?(?:saw|noticed|read|learned|heard|spotted)\s+that\s+(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_GERMAN_NOTICED = re.compile(
    r"^\s*Ich\s+habe\s+(?:gerade\s+|heute\s+)?(?P<object>(?:Ihren|Ihre|Ihr)\s+.+?)\s+(?:gelesen|gesehen)(?P<end>[.!]?)\s*$",
    re.DOTALL,
)
_EN_HELP = re.compile(
    r"^\s*(?:At \w+,\s*)?(?:we|I)\s+help(?:s)?\s+(?:[\w\s-]+?\s+)?(?:to\s+)?"
    r"(?P<verb>cut|reduce|save|grow|increase|improve|speed up|automate|get|find|win|close|hire|build|ship|"
    r"scale|manage|track|lower|avoid)\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: A second "that" clause joined to the first one ("… and that …"), which loses its "that" with the first.
_SECOND_THAT = re.compile(r"(,?\s(?:and|but|or))\s+that\s+")
#: A slot for the line about the reader that should come first, per language.
_READER_SLOT = {
    "en": "[one line on what you noticed about them]",
    "de": "[eine Zeile zu dem, was Sie beim Empfänger gesehen haben]",
}
#: A slot for what the reader gets, put before a sentence about the sender.
_BENEFIT_SLOT = {
    "en": "[One sentence on what {team} gets, in numbers.]",
    "de": "[Ein Satz dazu, was {team} davon hat, mit Zahl.]",
}


def _first_content(ctx: CheckContext) -> Sentence | None:
    """The first sentence that stays once phrase rules' sentence deletions are applied."""
    for sentence in ctx.content:
        if not ctx.deleted(sentence):
            return sentence
    return None


def _reader_sentence(ctx: CheckContext, skip: Sentence) -> Sentence | None:
    for sentence in ctx.content:
        sender, reader = sentence_pronouns(sentence, ctx.language)
        if sentence.text.rstrip().endswith("?"):
            continue  # an ask is not an opener ("Are you free Tuesday or Wednesday?")
        if len(sentence.words) < 6 or refers_back(sentence):
            continue  # too short to open with, or it points back to what came before ("Das ist Ihre Entscheidung.")
        if sentence.start != skip.start and reader and not sender and not ctx.flagged(sentence):
            return sentence
    return None


@register(
    code="SF001",
    slug="opens-with-self",
    category="self-focus",
    message="Opens with I/we/our instead of with the reader",
    why="The first line decides whether the rest is read; a first line about the sender tells the buyer "
    "the email is about the sender.",
    rewrite="Lead with something about them and introduce yourself later (or let the signature do it).",
)
def opens_with_self(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    first = _first_content(ctx)
    if first is None:
        return []
    if any(f.start <= first.start_char + 2 for f in ctx.flagged(first)):
        return []  # the opening phrase is already reported by a phrase rule, with its own rewrite
    text = first.text.strip()
    language = ctx.language
    start = first.start_char + (len(first.text) - len(first.text.lstrip()))
    end = start + len(text)
    if _NAME_INTRO[language].match(text):
        cut_start, cut_end = sentence_with_trailing_space(ctx.body, first)
        return [
            RawFinding(
                meta,
                ctx.body,
                cut_start,
                cut_end,
                (suggestion("", "Delete it: your signature already says who you are; start with the next sentence."),),
            )
        ]
    if not _SELF_OPENING[language].match(text):
        return []
    noticed = _NOTICED.match(text) if language == "en" else None
    if noticed:
        # "I read that X went live and that you've hired …": the second "that" goes with the first
        rest = _SECOND_THAT.sub(r"\1 ", noticed.group("rest"))
        rewritten = rest[:1].upper() + rest[1:]
        return [RawFinding(meta, ctx.body, start, end, (suggestion(rewritten, f"Write “{rewritten}”."),))]
    german = _GERMAN_NOTICED.match(text) if language == "de" else None
    if german:
        obj = german.group("object")
        rewritten = f"{obj[:1].upper()}{obj[1:]} habe ich mit Interesse gelesen{german.group('end') or '.'}"
        return [RawFinding(meta, ctx.body, start, end, (suggestion(rewritten, f"Schreiben Sie „{rewritten}“."),))]
    other = _reader_sentence(ctx, first)
    if other is not None:
        lead = other.text.strip()
        rewritten = f"{lead} {text[:1].upper()}{text[1:]}"
        return [RawFinding(meta, ctx.body, start, end, (suggestion(None, f"Rewrite: “{rewritten}”"),))]
    rewritten = f"{_READER_SLOT[language]}. {text[:1].upper()}{text[1:]}"
    return [RawFinding(meta, ctx.body, start, end, (suggestion(None, f"Rewrite: “{rewritten}”"),))]


@register(
    code="SF002",
    details=(
        "Counts I/me/my/we/us/our (ich/mich/mir/mein…/wir/uns/unser…) against you/your (capitalised "
        "Sie/Ihnen/Ihr…, du/dich/dein…). Lower-case sie/ihr mean she/they and are not counted as the "
        "reader. Fires with 4+ sender words and more than `self-focus-ratio` (2) times the reader words."
    ),
    slug="about-the-sender",
    category="self-focus",
    message="The email is about you, not about them",
    why="Buyers want to read about their problem; an email that says 'we' and 'our' more than 'you' and "
    "'your' reads like a brochure.",
    rewrite="Turn the most self-centred sentence around so the reader is the subject.",
)
def about_the_sender(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    sender, reader = pronoun_counts(ctx.body.tokens, ctx.language)
    ratio = ctx.options.self_focus_ratio
    sentences = ctx.content
    counts = [sentence_pronouns(s, ctx.language) for s in sentences]
    # A run of three sentences about the sender counts too, even when the rest of the email is balanced.
    runs = [
        (sum(c[0] for c in counts[i : i + 3]), sum(c[1] for c in counts[i : i + 3]))
        for i in range(max(len(counts) - 2, 0))
    ]
    self_run = any(s >= 5 and s >= 3 * r for s, r in runs)
    if not self_run and (sender < 4 or sender <= ratio * reader):
        return []

    def weight(sentence: Sentence) -> int:
        s, r = sentence_pronouns(sentence, ctx.language)
        return s - r

    worst = max(ctx.content or ctx.sentences, key=weight)
    text = worst.text.strip()
    start = worst.start_char + (len(worst.text) - len(worst.text.lstrip()))
    helped = _EN_HELP.match(text) if ctx.language == "en" else None
    if helped:
        rewritten = f"You could {helped.group('verb').lower()}{helped.group('rest')}"
        sugg = suggestion(rewritten, f"Write “{rewritten}”.")
    else:
        slot = _BENEFIT_SLOT[ctx.language].format(team=team_of(ctx.language))
        sugg = suggestion(None, f"Rewrite: “{slot} {text}”")
    message = f"{sender} mentions of I/we/our vs {reader} of you/your"
    return [RawFinding(meta, ctx.body, start, start + len(text), (sugg,), message)]
