"""Research: does the email show that the sender read about the recipient, and is it the right recipient?

RS001–RS003 and RS008 judge the research itself (RS008 in template mode, the others in draft mode);
RS004 catches mail-merge slips, RS005 fake personalisation, RS006 generic salutations, RS007 stale references.
What counts as a specific detail is documented in ``outreach_lint.signals``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import MODES
from ..mergefields import MergeField, find_merge_fields
from ..models import Severity
from ..prospect import Prospect
from ..rulepack import RuleMeta
from ..signals import (
    DATED,
    NAME_STOP,
    NUMERIC,
    POSSESSIVE,
    ROLE_WORDS,
    SOCIAL_PROOF_UNITS,
    Signal,
    company_names,
    entity_signals,
    fact_terms,
    fact_used,
    iter_signals,
    period_end,
    prospect_signals,
    text_terms,
    word_set,
)
from .base import CheckContext, RawFinding, Sentence, Unit, suggestion
from .registry import register
from .structure import content_sentences
from .textstats import READER_DE_EXACT, READER_DE_LOWER, sentence_pronouns


def effective_mode(ctx: CheckContext) -> str:
    """The mode: ``mode:`` in the draft's own front matter, else the resolved mode (--mode, config, file type)."""
    declared = ctx.document.front_matter.get("mode") if ctx.document.front_matter else None
    return declared if declared in MODES else ctx.mode


# -- the greeting line -----------------------------------------------------------------------------------

_GREETING = re.compile(
    r"^[ \t]*(?P<word>(?i:to whom it may concern|good (?:morning|afternoon|evening)|guten (?:tag|morgen|abend)|"
    r"sehr geehrte(?:/r|\(r\)|r|s)?|liebe(?:/r|r|s)?|grüß gott|greetings|hello|hallo|hi|hey|dear|moin|servus|"
    r"grüezi|hej))(?![\w/])(?P<rest>[^\n]*)"
)
_TITLES = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "herr", "herrn", "frau", "fr."}
)
_TITLES |= {"hr.", "mx", "mx."}
_TEAM = re.compile(
    r"^(?:(?P<before>.+?)[\s-]+(?i:team|folks|crew|people|squad)|(?i:team)\s+(?:(?i:von|at|bei|of)\s+)?(?P<after>.+))$"
)
_DEPARTMENTS = word_set(
    """procurement purchasing sales marketing finance hr it support logistics operations ops product engineering
    tech data security legal customer success einkauf vertrieb logistik buchhaltung personal marketing-team
    management leadership recruiting hiring service kundenservice geschäftsführung"""
)
_NOT_NAMES = frozenset({"there", "all", "everyone", "team", "folks", "friend", "friends", "zusammen", "alle", "und"})


@dataclass(frozen=True, slots=True)
class Greeting:
    """The salutation line: the greeting word and the addressee, in body offsets."""

    start: int
    word: str
    word_end: int
    name: str
    name_start: int
    name_end: int
    line_end: int


def _read_greeting(ctx: CheckContext) -> Greeting | None:
    text = ctx.body.text
    newline = text.find("\n", 0, 200)
    line = text[:200] if newline == -1 else text[:newline]
    match = _GREETING.match(line)
    if match is None:
        return None
    rest = match.group("rest")
    stop = len(rest)
    for mark in (",", "!", ":", ";"):
        at = rest.find(mark)
        if at != -1:
            stop = min(stop, at)
    name_part = rest[:stop]
    if len(name_part.split()) > 6:  # "Hi Jana, …" continues as a sentence: the name is only the first words
        return None
    name = name_part.strip()
    name_start = match.start("rest") + (len(name_part) - len(name_part.lstrip()))
    return Greeting(
        match.start("word"),
        match.group("word"),
        match.end("word"),
        name,
        name_start,
        name_start + len(name),
        len(line),
    )


def is_formal(ctx: CheckContext) -> bool:
    """German: the email uses Sie (formal) rather than du; English emails count as informal."""
    if ctx.language != "de":
        return False
    tokens = ctx.body.tokens
    sie = sum(1 for t in tokens if t in READER_DE_EXACT)
    du = sum(1 for t in tokens if t.lower() in READER_DE_LOWER)
    return sie >= du


def _salutation(prospect: Prospect, language: str) -> str | None:
    value = (prospect.salutation or "").strip().rstrip(".").lower()
    if value in ("frau", "ms", "mrs", "miss"):
        return "Frau" if language == "de" else ("Mrs" if value == "mrs" else "Ms")
    if value in ("herr", "mr"):
        return "Herr" if language == "de" else "Mr"
    return None


def greeting_name(prospect: Prospect, language: str, word: str = "hi", formal: bool = False) -> str | None:
    """How the recipient is named after the greeting word: "Jana", "Frau Weber", "Jana Weber"."""
    salutation = _salutation(prospect, language)
    surname = prospect.surname
    if language == "de" and (formal or word.lower().startswith(("sehr", "guten"))):
        if salutation and surname:
            return f"{salutation} {surname}"
        return prospect.person or prospect.first_name
    if language == "en" and word.lower() == "dear" and salutation and surname:
        return f"{salutation} {surname}"
    return prospect.first_name or prospect.person


def full_greeting(prospect: Prospect, language: str, word: str, formal: bool) -> str | None:
    """The whole salutation for the recipient: "Hi Jana", "Sehr geehrte Frau Weber", "Guten Tag Jana Weber"."""
    lowered = word.lower()
    if language == "en":
        base = "Dear" if lowered in ("dear", "to whom it may concern", "greetings") else word.capitalize()
        if lowered not in ("hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening"):
            base = "Dear" if lowered.startswith(("to whom", "greet")) else "Hi"
        name = greeting_name(prospect, language, base, formal)
        return f"{base} {name}" if name else None
    salutation = _salutation(prospect, language)
    surname = prospect.surname
    if lowered.startswith("sehr geehrt") or (formal and lowered.startswith("liebe")):
        if salutation and surname:
            adjective = "geehrte" if salutation == "Frau" else "geehrter"
            if lowered.startswith("liebe"):
                return f"{'Liebe' if salutation == 'Frau' else 'Lieber'} {salutation} {surname}"
            return f"Sehr {adjective} {salutation} {surname}"
        return f"Guten Tag {prospect.person}" if prospect.person else None
    base = {"hallo": "Hallo", "hi": "Hallo", "hey": "Hallo", "moin": "Moin", "servus": "Servus"}.get(lowered)
    base = base or ("Guten Tag" if lowered.startswith("guten") or formal else "Hallo")
    name = greeting_name(prospect, language, base, formal)
    return f"{base} {name}" if name else None


# -- the shared analysis of one email ---------------------------------------------------------------------

#: Numbers in claims and offers ("will cut your costs by 30 %", "30 % Rabatt") say nothing about the recipient.
_CLAIM_WORDS = {
    "en": word_set(
        """will 'll can could would might guarantee guarantees guaranteed typically usually promise promised
        discount discounts off promo promotion coupon"""
    ),
    "de": word_set(
        """wird werden würde würden kann können könnte könnten garantiert garantieren durchschnittlich
        typischerweise rabatt rabatte nachlass aktionspreis gutschein"""
    ),
}
_CLAIM_PHRASES = {
    "en": re.compile(r"\b(?:up to|on average)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:bis zu|im Schnitt|in der Regel)\b", re.IGNORECASE),
}
RESEARCH_FIELD = re.compile(
    r"personal|persönlich|individuell|icebreaker|ice_?breaker|opener|opening|first_?line|intro_?line|research|"
    r"recherche|custom_?(?:line|intro|text|opener)|snippet|hook|trigger|observation|compliment|aufh(?:ä|ae|a)nger|"
    r"einstieg|insight|why_?now|recent_?news|news_?item|post_?topic",
    re.IGNORECASE,
)
_SIGNATURE_WORD = re.compile(r"[A-ZÄÖÜ][\w&'’.-]*")
_LEADING_NUMBER = re.compile(r"^[\d.,+\s]+")
_TITLE_BEFORE = re.compile(r"(?:Frau|Herrn?|Mrs?\.?|Ms\.?|Dr\.)\s+$")
_CONNECTORS = frozenset({"and", "&", "of", "de", "van", "von", "der", "du", "la"})
_SELF_INTRO = re.compile(
    r"(?:[Mm]y name is|I am|I'm|I work|[Ww]e are|[Ww]e're|[Mm]ein Name ist|[Ii]ch bin|[Ii]ch arbeite|[Ww]ir sind)\b"
)


def is_pitch_finding(code: str, category: str) -> bool:
    """Phrase findings that mark a sentence as the sender's pitch: overpromises and claim buzzwords
    (GP13x–GP17x, GP53x–GP56x: "leading provider", "führender Anbieter", "best-in-class", …)."""
    return category == "overpromise" or (code[:2] == "GP" and code[2:3] in "15" and code[3:4] in "34567")


_DEADLINE_BEFORE = re.compile(
    r"(?i:\b(?:until|till|through|ends?|ending|expires?|valid until|runs until|bis(?:[ \t]+(?:zum|zur|Ende|Mitte|"
    r"Anfang))?|spätestens(?:[ \t]+(?:am|bis))?|endet(?:[ \t]+am)?|gültig bis|läuft bis))[ \t]*"
    r"(?:(?:the|dem)[ \t]+)?(?:\d{1,2}(?:\.|st|nd|rd|th)?[ \t]+(?:of[ \t]+)?)?\Z"
)


def is_deadline(text: str, signal: Signal) -> bool:
    """A date the sender sets ("until 30 November", "bis zum 29. November"): an offer, not a detail about them."""
    return signal.kind in DATED and bool(_DEADLINE_BEFORE.search(text, max(0, signal.start - 24), signal.start))


#: "How Brookfield Pharma cut …", "Wie Fahrradhaus Weller … spart": a case study, the name is someone else's
#: ("How Northwind could cut …" with a modal verb is a pitch to the recipient).
_CASE_STUDY_SUBJECT = re.compile(
    r"(?!.*\b(?i:can|could|might|would|will|may|kann|könnte|können|könnten|würde|würden|wird)\b)"
    r"\s*(?:How|Wie|Warum|Why)\s+(?!you\b|Sie\b|du\b|Ihr\b|your\b)"
    r"(?P<name>[A-ZÄÖÜ][\w&.'’-]*(?:[ \t]+[A-ZÄÖÜ][\w&.'’-]*){0,3})"
)

#: What counts as a detail about the recipient when it stands in the subject line.
_SUBJECT_DETAILS = frozenset({"date", "period", "year", "name"})


class _lazy:
    """``functools.cached_property`` without its lock: on Python 3.11 that takes a lock on every first access,
    which costs more than most of these values; an Analysis belongs to one email checked by one thread."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class Analysis:
    """What the research and merge-field checks share for one email; everything is computed on first use."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._claims: dict[int, bool] = {}
        self._unit_fields: dict[str, list[MergeField]] = {}

    @_lazy
    def greeting(self) -> Greeting | None:
        return _read_greeting(self.ctx)

    @_lazy
    def hint_words(self) -> frozenset[str]:
        """Which cue words of the research and merge-field checks the body contains."""
        return HINT_WORDS & self.ctx.body.lower_set

    @_lazy
    def _lowered(self) -> str:
        return self.ctx.body.text.lower()

    def sentences_with(self, words: frozenset[str]) -> list[Sentence]:
        """Content sentences that contain one of ``words`` (lower-case tokens); no pattern needs to run on an
        email without them."""
        hits = self.hint_words & words
        if not hits:
            return []
        text = self.ctx.body.text
        lowered = self._lowered
        if len(lowered) != len(text):
            return [s for s in self.content if any(w in s.text.lower() for w in hits)]
        content = self.content
        starts = [s.start_char for s in content]
        found: dict[int, Sentence] = {}
        for word in hits:
            at = lowered.find(word)
            while at != -1:
                index = bisect.bisect_right(starts, at) - 1
                if index >= 0 and at < content[index].end_char:
                    found[index] = content[index]
                at = lowered.find(word, at + len(word))
        return [found[i] for i in sorted(found)]

    @_lazy
    def content(self) -> list[Sentence]:
        return content_sentences(self.ctx)

    @property
    def fields(self) -> list[MergeField]:
        """The placeholders of the body."""
        return self.fields_of(self.ctx.body)

    def fields_of(self, unit: Unit) -> list[MergeField]:
        """The placeholders of the body or the subject (each found once)."""
        found = self._unit_fields.get(unit.name)
        if found is None:
            known = self.ctx.option("known_merge_fields", {})
            found = self._unit_fields[unit.name] = find_merge_fields(unit.text, known)
        return found

    def research_slot(self) -> MergeField | None:
        for item in self.fields:
            if item.name and not item.control and RESEARCH_FIELD.search(item.name):
                return item
        return None

    @_lazy
    def slips(self) -> list[tuple[str, int, int, str]]:
        """(kind, start, end, wrong name) of greetings or phrases that address someone else."""
        return _slips(self.ctx)

    # -- the sender ----------------------------------------------------------------------------------
    @_lazy
    def _signature_capitals(self) -> list[str]:
        return _SIGNATURE_WORD.findall(self.ctx.document.signature)

    @_lazy
    def _signature_words(self) -> frozenset[str]:
        """Capitalised words of the signature and the From: name, lower-cased."""
        words = self._signature_capitals + _SIGNATURE_WORD.findall(self.ctx.document.headers.get("from", ""))
        return frozenset(w.lower().strip(".'’") for w in words)

    @_lazy
    def _intro_words(self) -> frozenset[str]:
        """The signature words and the capitalised words of self-introductions ("My name is Sandra Klein and I
        am a partner at Vertex Consulting Group")."""
        language = self.ctx.language
        intro = " ".join(
            s.text for s in self.content if sentence_pronouns(s, language)[0] and _SELF_INTRO.search(s.text)
        )
        return self._signature_words | frozenset(w.lower().strip(".'’") for w in _SIGNATURE_WORD.findall(intro))

    @_lazy
    def _sender_org_words(self) -> frozenset[str]:
        """Capitalised signature words that are not roles or function words: the sender's company and product
        ("Ledgerly", "Schichtfix") – a sentence that names them is about the sender."""
        words = {w.strip(".'’,") for w in self._signature_capitals}
        return frozenset(
            w for w in words if len(w) >= 4 and w.lower() not in ROLE_WORDS and w.lower() not in NAME_STOP
        )

    @_lazy
    def _case_study_words(self) -> frozenset[str]:
        """The words of the company a case-study subject names ("How Norbury Tools cut …": Norbury, Tools)."""
        subject = self.ctx.subject.text if self.ctx.subject is not None else ""
        match = _CASE_STUDY_SUBJECT.match(subject)
        words = match.group("name").split() if match else []
        return frozenset(w.strip(".'’") for w in words if len(w) >= 4)

    def about_sender(self, sentence: Sentence) -> bool:
        """A sentence about the sender or its case study, not the reader: "we"/"our", the sender's company, or the
        company of a case-study subject ("Norbury Tools was processing 3,000 invoices a month"), and no "you"."""
        sender, reader = sentence_pronouns(sentence, self.ctx.language)
        if reader:
            return False
        if sender or not self._sender_org_words.isdisjoint(sentence.tokens):
            return True
        case = self._case_study_words
        return bool(case) and not case.isdisjoint(sentence.tokens)

    def _is_sender_name(self, text: str) -> bool:
        words = [POSSESSIVE.sub("", w).lower().strip(".'’") for w in text.split()]
        words = [w for w in words if w not in _CONNECTORS]
        if not words:
            return False
        return all(w in self._signature_words for w in words) or all(w in self._intro_words for w in words)

    def _is_claim(self, sentence: Sentence) -> bool:
        claim = self._claims.get(sentence.start)
        if claim is None:
            words = {t.lower() for t in sentence.tokens}
            claim = not words.isdisjoint(_CLAIM_WORDS[self.ctx.language]) or bool(
                _CLAIM_PHRASES[self.ctx.language].search(sentence.text)
            )
            self._claims[sentence.start] = claim
        return claim

    @_lazy
    def _pitch(self) -> frozenset[int]:
        """Start tokens of the sentences a phrase rule marks as pitch."""
        content = self.content
        starts = [s.start_char for s in content]
        marked = set()
        body = self.ctx.body
        for item in self.ctx.phrase_findings:
            if item.unit is body and is_pitch_finding(item.meta.code, item.meta.category):
                index = bisect.bisect_right(starts, item.start) - 1
                if index >= 0:
                    marked.add(content[index].start)
        return frozenset(marked)

    def is_eligible(self, sentence: Sentence) -> bool:
        """Whether a sentence can hold a detail about the recipient: not about the sender only, not pitch."""
        return sentence.start not in self._pitch and not self.about_sender(sentence)

    def counts(self, signal: Signal, sentence: Sentence | None, eligible: bool = False) -> bool:
        """Whether a signal is a detail about the recipient (not about the sender, not a claim). ``eligible``:
        the sentence is known to pass ``is_eligible``."""
        kind = signal.kind
        if kind in ("prospect", "fact"):
            return True
        if kind == "first-name":
            return False
        if sentence is not None:
            if not eligible and not self.is_eligible(sentence):
                return False
            if kind in NUMERIC:
                if self._is_claim(sentence):
                    return False
                sender, reader = sentence_pronouns(sentence, self.ctx.language)
                if kind == "quantity" and (sender or not reader):
                    unit = _LEADING_NUMBER.sub("", signal.text).lower()
                    if unit in SOCIAL_PROOF_UNITS:
                        return False
        return not (kind in ("name", "entity") and self._is_sender_name(signal.text))

    # -- prospect ------------------------------------------------------------------------------------
    @_lazy
    def prospect_hits(self) -> list[Signal]:
        ctx = self.ctx
        if ctx.prospect.is_empty:
            return []
        hits = prospect_signals(ctx.body.text, ctx.prospect)
        if ctx.subject is not None:
            hits += [Signal(s.kind, -1, -1, s.text) for s in prospect_signals(ctx.subject.text, ctx.prospect)]
        return hits

    def company_named(self) -> bool:
        """Whether the subject or the prose after the greeting names the company ("Frau Lindner" is a person,
        even when the company is Lindner Metall)."""
        names = {n.lower() for n in company_names(self.ctx.prospect)}
        text = self.ctx.body.text
        first = self.content[0].start_char if self.content else 0
        for hit in self.prospect_hits:
            if hit.kind != "prospect" or re.sub(r"[\s-]+", " ", hit.text.lower()) not in names:
                continue
            if hit.start < 0:
                return True  # the subject
            if hit.start >= first and not _TITLE_BEFORE.search(text, max(0, hit.start - 8), hit.start):
                return True
        return False

    @_lazy
    def terms(self) -> tuple[frozenset[str], frozenset[str]]:
        subject = self.ctx.subject.text if self.ctx.subject is not None else ""
        return text_terms(subject + "\n" + self.ctx.body.text)

    @_lazy
    def facts_used(self) -> list[str]:
        prospect = self.ctx.prospect
        exclude = company_stems(prospect)
        return [f for f in prospect.all_facts if fact_used(f, self.terms, exclude)]

    # -- the first specific detail -------------------------------------------------------------------
    @_lazy
    def specific(self) -> Signal | None:
        """The first detail about the recipient (None: the email could be sent to any company)."""
        return self._find_specific()

    def _find_specific(self) -> Signal | None:
        ctx = self.ctx
        content = self.content
        first_char = content[0].start_char if content else len(ctx.body.text)
        for hit in self.prospect_hits:
            if hit.kind == "prospect" and (hit.start < 0 or hit.start >= first_char):
                return hit
        if ctx.prospect.all_facts and self.facts_used:
            return Signal("fact", 0, 0, self.facts_used[0])
        # Sentences about the sender and pitch sentences cannot hold a detail about the recipient. The first
        # other sentence is scanned alone (it usually holds the detail); the rest are joined into one text,
        # so that each pattern runs once.
        pitch = self._pitch
        eligible = [s for s in content if s.start not in pitch and not self.about_sender(s)]  # is_eligible
        for group in (eligible[:1], eligible[1:]):
            if not group:
                continue
            if len(group) == 1:
                joined, starts = group[0].text, [0]
            else:
                starts, offset = [], 0
                for sentence in group:
                    starts.append(offset)
                    offset += len(sentence.text) + 2
                joined = "\n\n".join(s.text for s in group)
            for signal in iter_signals(joined, ctx.language):
                index = bisect.bisect_right(starts, signal.start) - 1 if len(starts) > 1 else 0
                if self.counts(signal, group[index], eligible=True) and not is_deadline(joined, signal):
                    return signal
        if ctx.subject is not None:
            # In a subject a bare month is the sender's date ("Aktion im November", "Call in March?").
            subject = ctx.subject.text
            case_study = bool(self._case_study_words)
            for signal in iter_signals(subject, ctx.language):
                if signal.kind not in _SUBJECT_DETAILS or (case_study and signal.kind == "name"):
                    continue
                if self.counts(signal, None) and not is_deadline(subject, signal):
                    return signal
        slot = self.research_slot()
        if slot is not None:
            return Signal("fact", slot.start, slot.end, slot.text)
        for signal in entity_signals(ctx.body.doc):
            sentence = next((s for s in content if s.start_char <= signal.start < s.end_char), None)
            if sentence is not None and self.counts(signal, sentence):
                return signal
        return None


def company_stems(prospect: Prospect) -> frozenset[str]:
    """Stems of the company's own names: naming the company is not quoting one of its facts."""
    return frozenset(
        w.lower()[:6] for name in company_names(prospect) for w in re.findall(r"[^\W\d_][\w-]{3,}", name)
    )


def analysis(ctx: CheckContext) -> Analysis:
    """The analysis of this email, shared by the research and merge-field checks."""
    return ctx.shared("research", Analysis)


def parse_greeting(ctx: CheckContext) -> Greeting | None:
    """The salutation line of the body (computed once per email)."""
    return analysis(ctx).greeting


def _is_reply(ctx: CheckContext) -> bool:
    return any(r.kind in ("quote", "forward") for r in ctx.document.regions)


def _sentence_span(sentence: Sentence) -> tuple[int, int]:
    text = sentence.text.rstrip()
    return sentence.start_char, sentence.start_char + len(text)


def _opening(ctx: CheckContext, found: Analysis) -> tuple[int, int, str]:
    """The opening (the first sentence after the greeting, and the second one in the same paragraph), where
    buyers look for proof of research; the final punctuation mark stays outside the span, so that a finding
    about exactly that sentence (with another rewrite) is still reported as well."""
    text = ctx.body.text
    first = found.content[0]
    last = first
    if len(found.content) > 1 and "\n\n" not in text[first.end_char : found.content[1].start_char]:
        last = found.content[1]
    start, end = first.start_char, _sentence_span(last)[1]
    while end > start + 1 and text[end - 1] in ".!?…":
        end -= 1
    return start, end, text[start:end]


# -- rewrites from the prospect's facts ------------------------------------------------------------------

_FACT_HEAD = re.compile(r"^(?P<head>[^:]{2,80}?):\s+(?P<content>.+)$", re.DOTALL)
_EN_VERB = re.compile(r"^(?:[a-z]+ed|opened|won|bought|grew|began|built|sold|made|took|ran|cut|hit|hired|hiring)\b")


def _split_fact(fact: str) -> tuple[str | None, str | None, str]:
    """ "LinkedIn, 12 Feb 2026: hiring 40 drivers" → ("LinkedIn", "12 Feb 2026", "hiring 40 drivers")."""
    fact = fact.strip().rstrip(".")
    match = _FACT_HEAD.match(fact)
    if match is None:
        return None, None, fact
    head, content = match.group("head").strip(), match.group("content").strip()
    source, date = head, None
    if "," in head:
        first, _, rest = head.partition(",")
        if any(s.kind in DATED for s in iter_signals(rest, "en")):
            source, date = first.strip(), rest.strip()
    elif any(s.kind in ("date",) for s in iter_signals(head, "en")) and head.split()[0][:1].isdigit():
        source, date = None, head
    return source, date, content


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def display_company(prospect: Prospect) -> str | None:
    """The company as a rewrite names it: without legal form ("Northwind Freight"), else the first alias."""
    return prospect.short_company or prospect.company or (prospect.aliases[0] if prospect.aliases else None)


def best_fact(prospect: Prospect) -> tuple[str, str] | None:
    """(kind, fact): the most recent dated fact, else the first one with a figure, else the first."""
    candidates = [("post", f) for f in prospect.posts] + [("news", f) for f in prospect.news]
    candidates += [("fact", f) for f in prospect.facts]
    if not candidates:
        return None

    def recency(item: tuple[str, str]) -> tuple[_dt.date, bool]:
        dates = [period_end(s) for s in iter_signals(item[1], "en") if s.kind in DATED]
        newest = max((d for d in dates if d), default=_dt.date.min)
        return newest, any(c.isdigit() for c in item[1])

    return max(candidates, key=recency)


def fact_opener(prospect: Prospect, language: str, with_company: bool = False) -> str | None:
    """One opening sentence that quotes the best fact, in the email's language."""
    chosen = best_fact(prospect)
    if chosen is None:
        return None
    kind, fact = chosen
    source, date, content = _split_fact(fact)
    company = display_company(prospect)
    if language == "de":
        if kind == "post":
            where = f"In Ihrem {source}-Beitrag" if source else "In einem Beitrag"
            text = f"{where}{f' vom {date}' if date else ''} schreiben Sie über {content}."
        elif date and source:
            text = f"{source} berichtete am {date}: {content}."
        elif source:
            text = (
                f"Laut {source} von {company}: {content}."
                if with_company and company
                else f"Ihr {source} nennt {content}."
            )
        else:
            text = (
                f"{company}: {content}."
                if (with_company or kind == "news") and company
                else f"{_upper_first(content)}."
            )
        if with_company and company and company.lower() not in text.lower():
            text = f"{company}: {text}"
        return text
    if kind == "post":
        where = f"In your {source} post" if source else "In a post"
        text = f"{where}{f' of {date}' if date else ''}, you wrote about {_lower_first(content)}."
    elif date and source:
        text = f"{source} reported on {date}: {content}."
    elif source:
        owner = f"{company}'s" if with_company and company else "Your"
        text = f"{owner} {source} notes {_lower_first(content)}."
    elif _EN_VERB.match(_lower_first(content)):
        subject = company if (with_company or kind == "news") and company else "You"
        text = f"{subject} {_lower_first(content)}."
    else:
        text = f"{company}: {content}." if with_company and company else f"{_upper_first(content)}."
    if with_company and company and company.lower() not in text.lower():
        text = f"At {company}: {_lower_first(text)}"
    return text


def _opener_suggestion(ctx: CheckContext, opening: str, with_company: bool, lead: str):
    """Insert an opener built from the prospect's facts (or naming the company) before the ``opening`` text."""
    prospect = ctx.prospect
    opener = fact_opener(prospect, ctx.language, with_company)
    company = display_company(prospect)
    if opener is None and with_company and company:
        replacement = f"{company} – {opening.strip()}"
        describe = (
            f"Name {company} in your first line: “{replacement}”"
            if ctx.language == "en"
            else f"Nennen Sie {company} in der ersten Zeile: „{replacement}“"
        )
        return suggestion(replacement, describe)
    if opener is None:
        return None
    replacement = f"{opener} {_upper_first(opening.strip())}"
    describe = (
        f"{lead} Open with it, then connect it to your point: “{opener}”"
        if ctx.language == "en"
        else f"{lead} Steigen Sie damit ein und verbinden Sie es mit Ihrem Anliegen: „{opener}“"
    )
    return suggestion(replacement, describe)


#: RS001 judges emails of at least this many words after the greeting.
MIN_WORDS = 12

_NO_CONTEXT = {
    "en": "Open with one dated detail about them – a post, a report figure, a launch, a hire – e.g. “Your LinkedIn "
    "post of 14 January said on-time delivery reached 91 %.” (With --prospect FILE or front matter the rewrite "
    "quotes their facts.)",
    "de": "Beginnen Sie mit einem datierten Detail über den Empfänger – ein Beitrag, eine Zahl aus dem "
    "Geschäftsbericht, eine Eröffnung, eine Stelle –, z. B. „In Ihrem LinkedIn-Beitrag vom 14. Januar nennen Sie "
    "eine Termintreue von 91 %.“ (Mit --prospect DATEI oder Front Matter zitiert der Vorschlag deren Fakten.)",
}

# -- RS001 no specific detail ---------------------------------------------------------------------------------


@register(
    code="RS001",
    slug="no-specific-detail",
    category="research",
    message="Could be sent to any company: no detail about the recipient",
    why="Buyers' loudest complaint is that vendors don't do their homework. An email without one dated, "
    "checkable detail about them (a post, a report figure, a launch, a hire) reads as a template, and "
    "personalised first emails get about twice the replies.",
    rewrite="Open with one specific, dated detail about them, e.g. 'Your Q3 report names fuel surcharges as the "
    "top risk.'",
    bad=(
        "Subject: Freight costs\n\nHi Jana,\n\n⟦Many logistics teams struggle with rising freight costs.⟧ Our "
        "platform helps them plan better routes. Would a short call be useful?\n\nBest,\nTom",
        "---\ncompany: Northwind Freight GmbH\nperson: Jana Weber\nfacts: ['Q3 2026 report: fuel surcharges up "
        "14 %']\n---\nSubject: Freight costs\n\nHi Jana,\n\n⟦Many logistics teams struggle with rising freight "
        "costs.⟧ Would a short call be useful?\n\nBest,\nTom",
        "Betreff: Frachtkosten\n\nGuten Tag Frau Weber,\n\n⟦viele Logistiker kämpfen mit steigenden "
        "Frachtkosten.⟧ Unsere Plattform plant bessere Routen. Wäre ein kurzes Gespräch sinnvoll?\n\nTom",
    ),
    good=(
        "Subject: Freight costs\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Three "
        "carriers of your size cut them by 8 % with route pooling. Worth a look?\n\nBest,\nTom",
        "Betreff: Frachtkosten\n\nGuten Tag Frau Weber,\n\nim Geschäftsbericht 2025 nennen Sie die "
        "Frachtkosten als größtes Risiko. Wäre ein Vergleich interessant?\n\nTom",
    ),
)
def no_specific_detail(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if effective_mode(ctx) != "draft" or _is_reply(ctx):
        return []
    found = analysis(ctx)
    if sum(len(s.words) for s in found.content) < MIN_WORDS or found.specific is not None:
        return []  # a one-line note is too short to judge
    start, end, opening = _opening(ctx, found)
    prospect = ctx.prospect
    company = display_company(prospect) if prospect.company else None
    sugg = None
    if not prospect.is_empty:
        lead = (
            "Use what you know about them."
            if ctx.language == "en"
            else "Nutzen Sie, was Sie über den Empfänger wissen."
        )
        sugg = _opener_suggestion(ctx, opening, with_company=bool(company), lead=lead)
    if sugg is None:
        sugg = suggestion(None, _NO_CONTEXT[ctx.language])
    message = meta.message
    if company:
        message = f"Could be sent to any company: no detail about the recipient, and {company} is not named"
    return [RawFinding(meta, ctx.body, start, end, (sugg,), message)]


# -- RS002 company not named ------------------------------------------------------------------------------


@register(
    code="RS002",
    slug="company-not-named",
    category="research",
    message="The prospect's company is not named",
    why="An email that never names the company it is sent to (and quotes none of its facts) reads as a mass "
    "mailing, even when it has numbers in it; naming the company (correctly) is the least a buyer expects.",
    rewrite="Name the company in the first lines, with what you know about it.",
    bad=(
        "---\ncompany: Northwind Freight GmbH\nperson: Jana Weber\n---\nSubject: Fuel surcharges\n\nHi Jana,\n\n"
        "⟦Fuel surcharges rose 14 % in Q3 across German carriers.⟧ Worth a look?\n\nBest,\nTom",
        "---\ncompany: Seeberg Logistik GmbH\nperson: Petra Albrecht\nsalutation: Frau\n---\nBetreff: Rampen\n\n"
        "Guten Tag Frau Albrecht,\n\n⟦die Termintreue vieler Speditionen lag im vierten Quartal 2025 bei 91 %.⟧ "
        "Wäre ein Vergleich interessant?\n\nTom",
    ),
    good=(
        "---\ncompany: Northwind Freight GmbH\nperson: Jana Weber\n---\nSubject: Fuel surcharges\n\nHi Jana,\n\n"
        "Northwind's Q3 report names fuel surcharges as the top risk. Worth a look?\n\nBest,\nTom",
        "Subject: Fuel surcharges\n\nHi Jana,\n\nFuel surcharges rose 14 % in Q3 across German carriers. Worth a "
        "look?\n\nBest,\nTom",
    ),
)
def company_not_named(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    prospect = ctx.prospect
    if not prospect.company or effective_mode(ctx) != "draft" or _is_reply(ctx):
        return []
    found = analysis(ctx)
    if not found.content or found.specific is None or found.company_named() or any(
        kind == "company" for kind, *_ in found.slips
    ):
        return []
    if prospect.all_facts and found.facts_used:
        return []  # "Ihr Geschäftsbericht 2025 nennt 1,8 %": quoting their own figures addresses them
    start, end, opening = _opening(ctx, found)
    company = display_company(prospect)
    lead = f"Name {company}." if ctx.language == "en" else f"Nennen Sie {company}."
    sugg = _opener_suggestion(ctx, opening, with_company=True, lead=lead)
    message = f"{company} is not named anywhere in the email"
    return [RawFinding(meta, ctx.body, start, end, (sugg,) if sugg else (suggestion(None, lead),), message)]


# -- RS003 facts not used -----------------------------------------------------------------------------------


@register(
    code="RS003",
    slug="facts-not-used",
    category="research",
    message="None of the known facts about the prospect is used",
    why="You have their posts, news and report figures, and the email uses none of them; a dated detail they "
    "recognise is what shows the email was written for them.",
    rewrite="Open with the most recent fact, e.g. 'In your LinkedIn post of 12 February you wrote about hiring "
    "40 drivers.'",
    severity=Severity.INFO,
    bad=(
        "---\ncompany: Northwind Freight GmbH\nperson: Jana Weber\nposts: ['LinkedIn, 12 Feb 2026: hiring 40 "
        "drivers for the night shift']\n---\nSubject: Routes at Northwind\n\nHi Jana,\n\n⟦Northwind runs 300 "
        "trucks out of Hamburg.⟧ Worth a look?\n\nBest,\nTom",
        "---\ncompany: Seeberg Logistik GmbH\nfacts: ['Geschäftsbericht 2025: Termintreue 91 % im vierten "
        "Quartal']\n---\nBetreff: Seeberg\n\nGuten Tag Frau Albrecht,\n\n⟦Seeberg Logistik betreibt 12 "
        "Standorte.⟧ Wäre ein Vergleich interessant?\n\nTom",
    ),
    good=(
        "---\ncompany: Northwind Freight GmbH\nposts: ['LinkedIn, 12 Feb 2026: hiring 40 drivers for the night "
        "shift']\n---\nSubject: Night shift at Northwind\n\nHi Jana,\n\nYour post says Northwind is hiring 40 "
        "drivers for the night shift. Worth a look?\n\nBest,\nTom",
    ),
)
def facts_not_used(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    prospect = ctx.prospect
    if not prospect.all_facts or effective_mode(ctx) != "draft" or _is_reply(ctx):
        return []
    found = analysis(ctx)
    if not found.content or found.specific is None or found.facts_used:
        return []
    start, end, opening = _opening(ctx, found)
    lead = (
        f"You know {len(prospect.all_facts)} fact(s) about them."
        if ctx.language == "en"
        else f"Sie kennen {len(prospect.all_facts)} Fakt(en) über den Empfänger."
    )
    sugg = _opener_suggestion(ctx, opening, with_company=False, lead=lead)
    return [RawFinding(meta, ctx.body, start, end, (sugg,) if sugg else (suggestion(None, lead),))]


# -- RS004 mail-merge slip ----------------------------------------------------------------------------------

_BODY_COMPANY = {
    "en": re.compile(
        r"\b(?i:your) (?:team|colleagues|company|people|folks|peers|business)\s+at\s+"
        r"(?P<name>[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,3})"
    ),
    "de": re.compile(
        r"\bIhr(?:e|em|en)?\s+(?:Team|Kollegen|Kolleginnen|Unternehmen|Firma|Abteilung|Haus)\s+(?:bei|von)\s+"
        r"(?:der\s+|dem\s+)?(?P<name>[A-ZÄÖÜ][\w&.'’-]*(?:[ \t]+[A-ZÄÖÜ][\w&.'’-]*){0,3})"
    ),
}


_LEGAL_FORM_END = re.compile(r"\b(?:GmbH|AG|SE|KGaA|KG|eG|mbH|OHG|Inc|Ltd|LLC|plc|Corp|Co)\b\.?$")


def _norm(text: str) -> str:
    text = re.sub(
        r"\b(?:GmbH|AG|SE|KG|eG|Inc|Ltd|LLC|plc|Corp|Co|B\.?V|N\.?V)\b\.?|['’]s\b", "", text, flags=re.IGNORECASE
    )
    return re.sub(r"[^0-9a-zäöüß]", "", text.lower())


def _same_company(name: str, prospect: Prospect) -> bool:
    candidate = _norm(name)
    if not candidate:
        return True
    known = [_norm(n) for n in company_names(prospect)]
    if prospect.domain:
        known.append(_norm(prospect.domain.split(".")[0]))
    known = [k for k in known if k]
    return any(candidate in k or k in candidate for k in known)


def _same_person(words: list[str], prospect: Prospect) -> bool:
    known = {w.lower().strip(".") for w in (prospect.person or "").replace("-", " ").split()}
    if prospect.first_name:
        known.add(prospect.first_name.lower())
    known -= _TITLES
    for word in words:
        lowered = word.lower().strip(".")
        for name in known:
            if lowered == name or (
                min(len(lowered), len(name)) >= 3 and (lowered.startswith(name) or name.startswith(lowered))
            ):
                return True
    return False


def _slips(ctx: CheckContext) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, wrong name) of greetings or phrases that address someone else."""
    prospect = ctx.prospect
    if prospect.is_empty:
        return []
    knows_company = bool(company_names(prospect) or prospect.domain)
    found: list[tuple[str, int, int, str]] = []
    greeting = parse_greeting(ctx)
    if greeting and greeting.name and not find_merge_fields(greeting.name):
        team = _TEAM.match(greeting.name)
        if team:
            name = (team.group("before") or team.group("after") or "").strip()
            offset = greeting.name.find(name)
            if (
                knows_company
                and name
                and name.lower() not in _DEPARTMENTS
                and name.lower() not in _NOT_NAMES
                and not _same_company(name, prospect)
            ):
                start = greeting.name_start + offset
                found.append(("company", start, start + len(name), name))
        elif (
            (prospect.person or prospect.first_name)
            and not _GENERIC_SALUTATION.match(ctx.body.text)
        ):
            words = [w.strip(",.") for w in re.split(r"[\s-]+", greeting.name)]
            words = [w for w in words if w and w.lower() not in _TITLES and w.lower() not in ("and", "und", "&")]
            if (
                words
                and words[0].lower() not in _NOT_NAMES
                and words[0][:1].isupper()
                and not _same_person(words, prospect)
            ):
                found.append(("person", greeting.name_start, greeting.name_end, greeting.name))
    if knows_company:
        for match in _BODY_COMPANY[ctx.language].finditer(ctx.body.text):
            name = match.group("name")
            if name.lower() not in _DEPARTMENTS and not _same_company(name, prospect):
                found.append(("company", match.start("name"), match.end("name"), name))
        if prospect.all_facts and company_names(prospect):
            found.extend(_misattributed(ctx))
    return found


def _quotes_closely(fact: str, terms: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether a sentence repeats one of the fact's own figures (``fact_terms`` leaves out years and days), or
    four of its words when the fact has no figure: "complaints fell by 41 % at Thornbury Mutual" next to a fact
    about complaints is a reference customer, not a slip."""
    numbers, stems = fact_terms(fact)
    if numbers:
        return bool(numbers & terms[0])
    return len(stems & terms[1]) >= 4


#: "in Shopfloor Weekly", "laut Handelsblatt": where a fact was published, not whose fact it is.
_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:in|via|laut|im|according to|quoted in|zitiert in)[ \t]+(?:the[ \t]+|der[ \t]+|dem[ \t]+)?)\Z",
    re.IGNORECASE,
)


def _misattributed(ctx: CheckContext) -> list[tuple[str, int, int, str]]:
    """Organisations credited with one of the prospect's facts: a sentence quotes the fact, does not name the
    prospect's company, and names another company instead ("two Brightmoor Power sites in Kent were offline",
    when the post is Quarry Lane's)."""
    found = analysis(ctx)
    prospect = ctx.prospect
    exclude = company_stems(prospect)
    names = {n.lower() for n in company_names(prospect)}
    slips = []
    for sentence in found.content:
        text = sentence.text
        terms = text_terms(text)
        facts = [f for f in prospect.all_facts if fact_used(f, terms, exclude) and _quotes_closely(f, terms)]
        if not facts or any(n in text.lower() for n in names):
            continue
        fact_words = {w.lower() for f in facts for w in re.findall(r"[^\W\d_][\w&-]{2,}", f)}
        for signal in iter_signals(text, ctx.language):
            if signal.kind != "name" or (ctx.language == "de" and not _LEGAL_FORM_END.search(signal.text)):
                continue
            words = [w for w in re.findall(r"[^\W\d_][\w&-]{2,}", signal.text) if not _LEGAL_FORM_END.fullmatch(w)]
            if (
                not words
                or all(w.lower() in fact_words for w in words)
                or _same_company(signal.text, prospect)
                or _same_person(words, prospect)
                or found._is_sender_name(signal.text)
                or _SOURCE_BEFORE.search(text, max(0, signal.start - 20), signal.start)
            ):
                continue
            # "Brookfield Chemists' plan", "Brightmoor Power's work": the rewrite keeps the possessive
            name = POSSESSIVE.sub("", signal.text).rstrip("'’")
            start = sentence.start_char + signal.start
            slips.append(("company", start, start + len(name), name))
    return slips


@register(
    code="RS004",
    slug="wrong-recipient",
    category="research",
    message="Mail-merge slip: addressed to someone else",
    why="Greeting another company's team or another first name tells the buyer at once that the email is a "
    "mass mailing – and that you did not read it before sending.",
    rewrite="Put the recipient's name (and company) in.",
    severity=Severity.ERROR,
    bad=(
        "---\ncompany: Globex Corporation\naliases: [Globex]\nperson: Jana Weber\n---\nSubject: Freight\n\n"
        "Dear ⟦Acme⟧ team,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\nTom",
        "---\ncompany: Northwind Freight GmbH\nperson: Jana Weber\n---\nSubject: Freight\n\nHi ⟦Mark⟧,\n\n"
        "Northwind's Q3 report names fuel surcharges as the top risk. Worth a look?\n\nTom",
        "---\ncompany: Seeberg Logistik GmbH\nperson: Petra Albrecht\nsalutation: Frau\n---\nBetreff: Rampen\n\n"
        "Guten Tag ⟦Herr Schmidt⟧,\n\nim Geschäftsbericht 2025 der Seeberg Logistik GmbH steht eine Termintreue "
        "von 91 %. Wäre ein Vergleich interessant?\n\nTom",
        "---\ncompany: Seeberg Logistik GmbH\nperson: Petra Albrecht\nsalutation: Frau\nfacts: ['Geschäftsbericht "
        "2025: Termintreue 91 %']\n---\nBetreff: Rampen\n\nGuten Tag Frau Albrecht,\n\nim Geschäftsbericht 2025 der "
        "⟦Hartung Spedition GmbH⟧ steht eine Termintreue von 91 %. Wäre ein Vergleich interessant?\n\nTom",
    ),
    good=(
        "---\ncompany: Globex Corporation\naliases: [Globex]\nperson: Jana Weber\n---\nSubject: Freight\n\n"
        "Dear Globex team,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\nTom",
        "---\ncompany: Seeberg Logistik GmbH\nperson: Petra Albrecht\nsalutation: Frau\n---\nBetreff: Rampen\n\n"
        "Guten Tag Frau Albrecht,\n\nim Geschäftsbericht 2025 der Seeberg Logistik GmbH steht eine Termintreue "
        "von 91 %. Wäre ein Vergleich interessant?\n\nTom",
    ),
)
def wrong_recipient(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    findings = []
    prospect = ctx.prospect
    for kind, start, end, wrong in analysis(ctx).slips:
        if kind == "company":
            right = display_company(prospect)
            if right is None:
                continue
            message = f"Mail-merge slip: “{wrong}” is not the company you are writing to ({right})"
            describe = f"Write “{right}”." if ctx.language == "en" else f"Schreiben Sie „{right}“."
            findings.append(RawFinding(meta, ctx.body, start, end, (suggestion(right, describe),), message))
            continue
        greeting = parse_greeting(ctx)
        word = greeting.word if greeting else "hi"
        right = greeting_name(prospect, ctx.language, word, is_formal(ctx))
        if right is None:
            continue
        message = f"Mail-merge slip: the greeting names “{wrong}”, but the email goes to {prospect.person or right}"
        describe = f"Write “{right}”." if ctx.language == "en" else f"Schreiben Sie „{right}“."
        findings.append(RawFinding(meta, ctx.body, start, end, (suggestion(right, describe),), message))
    return findings


# -- RS005 fake personalisation -------------------------------------------------------------------------------

_COMPLIMENT = {
    "en": re.compile(
        r"(?:\bI (?:really |truly |just |absolutely )?|^|(?<=[.!?] ))(?:love|loved|loving|admire|like|liked|enjoy|"
        r"enjoyed) (?:what|how) (?:you|your team|y'all)(?:'re| are| is| have been|'ve been| has been| guys are)? ?"
        r"(?:doing|building|built|do|achieved|accomplished|creating|working on)\b"
        r"|\bI(?:'m| am| was) (?:really |very |so |truly |deeply )?(?:impressed|amazed|inspired) (?:by|with) "
        r"(?:your|what you|you|the work|all)\b"
        r"|\byour (?:company|team|work|growth|success|journey|profile|website|product|mission|story|content|posts?|"
        r"achievements?|career|background|business|brand)(?: \w+)? (?:is|are|has been|have been|looks?|seems?) "
        r"(?:really |very |so |truly |quite )?(?:impressive|amazing|great|inspiring|fantastic|awesome|incredible|"
        r"remarkable|exciting)\b"
        r"|\b(?:congrats|congratulations|kudos) on (?:all )?(?:your|the) (?:(?:recent|continued|amazing|great|"
        r"incredible) )?(?:success|growth|achievements?|great work|progress|journey|momentum)\b"
        r"|\bI noticed (?:that )?you(?:'re| are) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:CEO|CFO|COO|CTO|CIO|"
        r"founder|co-founder|head|VP|director|manager|owner|leader|lead|partner)\b"
        r"|\b(?:big|huge) fan of (?:your|what you)\b"
        r"|\bI(?:'ve| have) been following (?:you|your)\b"
        r"|\bimpressive (?:work|growth|company|results|profile|journey|track record)\b"
        r"|\byour profile (?:caught|stood out|grabbed)\b"
        r"|\b(?:came|come|stumbled|stumble) across your (?:LinkedIn )?(?:profile|company|website|site|page|"
        r"business|firm)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\bich finde (?:es )?(?:echt |wirklich |sehr |total |richtig |einfach |super |extrem )?(?:stark|toll|"
        r"beeindruckend|klasse|super|großartig|spannend|genial|cool|inspirierend|bemerkenswert|klasse),? (?:was|wie) "
        r"(?:ihr|du|Sie)\b"
        r"|\b(?:Ihr|Ihre|Dein|Deine|Euer|Eure) (?:Unternehmen|Firma|Team|Arbeit|Profil|Werdegang|Erfolg|Wachstum|"
        r"Website|Webseite|Produkt|"
        r"Geschichte|Entwicklung|LinkedIn-Profil)(?: \w+)? (?:hat|haben) mich (?:sehr |wirklich |echt |total |tief )?"
        r"(?:beeindruckt|begeistert|überzeugt|inspiriert|angesprochen)"
        r"|\bich bin (?:sehr |wirklich |echt |total )?(?:beeindruckt|begeistert) (?:von|vom|über)\b"
        r"|\b(?:Ihr|Ihre|Dein|Deine|Euer|Eure) (?:Unternehmen|Firma|Team|Arbeit|Profil|Werdegang|Erfolg|Wachstum|"
        r"Entwicklung)(?: \w+)? "
        r"(?:ist|sind|wirkt|klingt) (?:sehr |wirklich |echt |äußerst )?(?:beeindruckend|spannend|inspirierend|toll|"
        r"großartig|faszinierend|interessant)\b"
        r"|\bich verfolge (?:Ihr Unternehmen|Ihre Arbeit|Sie|Ihre Entwicklung|Ihren Werdegang|euch|dich|eure Arbeit|"
        r"deine Arbeit|euer Unternehmen|dein Unternehmen) (?:schon |bereits )?"
        r"(?:länger|eine Weile|seit einiger Zeit|seit längerem|mit Interesse|mit großem Interesse)\b"
        r"|\b(?:herzlichen )?Glückwunsch zu (?:Ihrem|Ihren|dem|deinem|deinen|eurem|euren) (?:Erfolg|Wachstum|"
        r"Erfolgen)\b"
        r"|\bmir ist aufgefallen, dass (?:Sie|du) (?:der |die )?(?:Geschäftsführer|Geschäftsführerin|CEO|Gründer|"
        r"Gründerin|Leiter|Leiterin|Inhaber|Inhaberin|Vorstand)\b"
        r"|\b(?:spannendes|beeindruckendes|tolles|interessantes) Unternehmen\b"
        r"|\bich bin (?:\w+ ){0,4}auf (?:Ihr|Ihre|Ihren|dein|deine|deinen|euer|eure|euren) (?:Unternehmen|Firma|"
        r"Profil|LinkedIn-Profil|Website|"
        r"Webseite|Homepage) (?:aufmerksam|gestoßen)"
        r"|\b(?:großartige|tolle|beeindruckende) Arbeit\b",
        re.IGNORECASE,
    ),
}
#: Words without which none of the compliment patterns can match (checked on the token set first).
_COMPLIMENT_WORDS = word_set(
    """love loved admire impressed impressive amazed inspired congrats congratulations kudos noticed fan
    following caught stood across beeindruckt beeindruckend begeistert glückwunsch verfolge aufgefallen spannend
    spannendes großartig großartige aufmerksam gestoßen tolle tolles toll inspirierend inspiriert faszinierend
    überzeugt angesprochen interessantes beeindruckendes loving finde"""
)


def _detail_after(ctx: CheckContext, found: Analysis, start: int, stop: int) -> bool:
    """Whether a specific detail about the recipient stands between ``start`` and ``stop``."""
    text = ctx.body.text
    for item in found.fields:
        if start <= item.start < stop and item.name and RESEARCH_FIELD.search(item.name):
            return True
    if ctx.prospect.all_facts:
        terms = text_terms(text[start:stop])
        if any(fact_used(f, terms) for f in ctx.prospect.all_facts):
            return True
    own = {n.lower() for n in company_names(ctx.prospect)}
    own |= {n.lower() for n in (ctx.prospect.person, ctx.prospect.first_name, ctx.prospect.surname) if n}
    for sentence in found.content:
        if sentence.end_char <= start or sentence.start_char >= stop:
            continue
        window = text[max(start, sentence.start_char) : min(stop, sentence.end_char)]
        for signal in iter_signals(window, ctx.language):
            # "… the HR lead at Calder Group": the company slot of the compliment is no reference
            slot = re.search(r"(?:\bat|\bof|\bbei|\bvon|\bfor)\s+$", window[max(0, signal.start - 6) : signal.start])
            if slot and signal.kind == "name" and max(start, sentence.start_char) + signal.start - start < 30:
                continue
            if signal.text.lower() not in own and found.counts(signal, sentence) and not is_deadline(window, signal):
                return True
    return False


@register(
    code="RS005",
    slug="fake-personalisation",
    category="research",
    message="Fake personalisation: a compliment with no specific reference",
    why="'I love what you're building' with nothing specific after it is what every automated sequence says; "
    "buyers rate it worse than no personalisation at all.",
    rewrite="Replace the compliment with the detail behind it, e.g. 'Your post of 3 March on the Leipzig hub …'",
    bad=(
        "Subject: Freight\n\nHi Jana,\n\n⟦I love what you're building at Northwind.⟧ Our platform cuts freight "
        "costs. Worth a look?\n\nTom",
        "Betreff: Fracht\n\nGuten Tag Frau Weber,\n\n⟦Ihr Unternehmen hat mich sehr beeindruckt.⟧ Unsere "
        "Plattform senkt Frachtkosten. Wäre das interessant?\n\nTom",
    ),
    good=(
        "Subject: Freight\n\nHi Jana,\n\nI love what you're building at Northwind: the Leipzig hub opened in March "
        "2026 with 40 new drivers. Worth a look?\n\nTom",
        "Betreff: Fracht\n\nGuten Tag Frau Weber,\n\nIhr Unternehmen hat mich beeindruckt: 14 % weniger "
        "Leerfahrten im dritten Quartal 2026. Wäre das interessant?\n\nTom",
    ),
)
def fake_personalisation(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    found = analysis(ctx)
    candidates = found.sentences_with(_COMPLIMENT_WORDS)
    if not candidates:
        return []
    findings = []
    content = found.content
    pattern = _COMPLIMENT[ctx.language]
    for sentence in candidates:
        match = pattern.search(sentence.text)
        if match is None:
            continue
        match_start, match_end = sentence.start_char + match.start(), sentence.start_char + match.end()
        if any(f.start < match_end and match_start < f.end and f.unit is ctx.body for f in ctx.phrase_findings):
            continue  # a phrase rule ("I came across your profile") already reports it
        index = content.index(sentence)
        stop = content[index + 1].end_char if index + 1 < len(content) else sentence.end_char
        if _detail_after(ctx, found, match_end, stop):
            continue
        start, end = _sentence_span(sentence)
        opener = fact_opener(ctx.prospect, ctx.language) if not ctx.prospect.is_empty else None
        if opener:
            describe = (
                f"Replace the compliment with the detail behind it: “{opener}”"
                if ctx.language == "en"
                else f"Ersetzen Sie das Lob durch das Detail dahinter: „{opener}“"
            )
            sugg = suggestion(opener, describe)
        elif ctx.language == "en":
            sugg = suggestion(
                None,
                "Replace the compliment with what you actually saw, with a date or a number, e.g. “Your post of "
                "3 March says the Leipzig hub doubled its volume.”",
            )
        else:
            sugg = suggestion(
                None,
                "Ersetzen Sie das Lob durch das, was Sie konkret gesehen haben, mit Datum oder Zahl, z. B. „In "
                "Ihrem Beitrag vom 3. März schreiben Sie, dass sich das Volumen in Leipzig verdoppelt hat.“",
            )
        findings.append(RawFinding(meta, ctx.body, start, end, (sugg,)))
    return findings


# -- RS006 generic salutation -----------------------------------------------------------------------------------

_GENERIC_SALUTATION = re.compile(
    r"^[ \t]*(?P<greeting>(?i:dear (?:sirs?(?:\s*(?:or|/)\s*madame?)?|madame?|(?:valued )?(?:customers?|clients?|"
    r"partners?|friends?|colleagues?)|business owner|hiring manager|decision[- ]maker)|to whom it may concern|"
    r"(?:hi|hello|hey) (?:there|friend|all|everyone|folks)|greetings|sehr geehrte damen und herren|"
    r"sehr geehrte(?:r)? (?:kundin(?:nen)?|kunden?|geschäftspartner(?:in)?|interessent(?:in)?)(?: und kunden)?|"
    r"liebe(?:r)? (?:kundin|kunde)(?:,? lieber kunde)?|liebe kundinnen und kunden))(?=[\s,!.:]|$)"
)


@register(
    code="RS006",
    slug="generic-salutation",
    category="research",
    message="Generic salutation: the email is not addressed to a person",
    why="'Dear Sir or Madam' and 'Hi there' say the sender does not know who they are writing to – the "
    "opposite of research.",
    rewrite="Greet the person by name, e.g. 'Hi Jana,' or 'Guten Tag Frau Weber,'.",
    bad=(
        "Subject: Freight\n\n⟦Dear Sir or Madam⟧,\n\nYour Q3 report names fuel surcharges as the top risk. Worth "
        "a look?\n\nTom",
        "Subject: Freight\n\n⟦Hi there⟧,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\nTom",
        "Betreff: Fracht\n\n⟦Sehr geehrte Damen und Herren⟧,\n\nim Geschäftsbericht 2025 nennen Sie die "
        "Frachtkosten als größtes Risiko. Wäre ein Vergleich interessant?\n\nTom",
        "---\nperson: Petra Albrecht\nsalutation: Frau\n---\nBetreff: Fracht\n\n⟦Sehr geehrte Damen und "
        "Herren⟧,\n\nim Geschäftsbericht 2025 nennen Sie die Frachtkosten als größtes Risiko. Wäre ein Vergleich "
        "interessant?\n\nTom",
    ),
    good=(
        "Subject: Freight\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\nTom",
        "Betreff: Fracht\n\nSehr geehrte Frau Weber,\n\nim Geschäftsbericht 2025 nennen Sie die Frachtkosten als "
        "größtes Risiko. Wäre ein Vergleich interessant?\n\nTom",
    ),
)
def generic_salutation(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    match = _GENERIC_SALUTATION.match(ctx.body.text)
    if match is None:
        return []
    start, end = match.span("greeting")
    greeting = match.group("greeting")
    word = greeting.split()[0]
    if greeting.lower().startswith("sehr geehrte"):
        word = "sehr geehrte"
    right = full_greeting(ctx.prospect, ctx.language, word, is_formal(ctx)) if not ctx.prospect.is_empty else None
    if right:
        describe = f"Write “{right}”." if ctx.language == "en" else f"Schreiben Sie „{right}“."
        sugg = suggestion(right, describe)
    elif ctx.language == "en":
        sugg = suggestion(
            None,
            "Address the person who owns the topic – LinkedIn, the company website or the annual report usually "
            "names them – e.g. “Hi Jana,”.",
        )
    else:
        sugg = suggestion(
            None,
            "Sprechen Sie die Person an, die das Thema verantwortet – LinkedIn, die Website oder der "
            "Geschäftsbericht nennen sie meist –, z. B. „Guten Tag Frau Weber,“.",
        )
    return [RawFinding(meta, ctx.body, start, end, (sugg,))]


# -- RS007 stale reference --------------------------------------------------------------------------------------

_RECENT = {
    "en": re.compile(
        r"\b(?:recent(?:ly)?|latest|newly|just (?:announced|launched|opened|raised|closed|released|published|hired|"
        r"won|posted|named|appointed|completed|acquired|expanded|moved|signed|reported)|this (?:week|month)|"
        r"last (?:week|month)|congrat(?:s|ulations)|kudos)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:kürzlich|jüngst(?:e[nmrs]?)?|neulich|vor kurzem|gerade (?:erst )?(?:\w+ )?(?:eröffnet|gestartet|"
        r"angekündigt|veröffentlicht|übernommen|gewonnen|eingestellt)|soeben|frisch|neueste[nmrs]?|"
        r"diese[rn]? Woche|letzte[rn]? Woche|Glückwunsch|gratuliere|Gratulation)\b",
        re.IGNORECASE,
    ),
}


_RECENT_WORDS = word_set(
    """recent recently latest newly just week month congrats congratulations kudos kürzlich jüngst jüngsten
    jüngste neulich kurzem gerade soeben frisch neueste neuesten neuester woche glückwunsch gratuliere
    gratulation"""
)


_YEARISH = re.compile(r"(?:19|20)\d\d|[QHF][1-4Y][ /-]?\d\d")


def reference_date(ctx: CheckContext) -> _dt.date:
    """The date the email is written: its Date: header, else today."""
    header = ctx.document.headers.get("date")
    if header:
        try:
            return parsedate_to_datetime(header).date()
        except (TypeError, ValueError, IndexError):
            pass
    return _dt.date.today()


@register(
    code="RS007",
    slug="stale-reference",
    category="research",
    message="A reference presented as recent is more than a year old",
    why="Calling a two-year-old funding round or last year's report 'recent' shows the research is stale – or "
    "was copied from an old template.",
    rewrite="Use something from the last few months, with its date.",
    bad=(
        "Subject: Freight\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\nHi Jana,\n\nCongrats on your recent Series B "
        "in ⟦March 2023⟧. Worth a look?\n\nTom",
        "Betreff: Fracht\nDatum: Tue, 3 Mar 2026 10:00:00 +0100\n\nGuten Tag Frau Weber,\n\nSie haben kürzlich "
        "Ihren Bericht für das ⟦dritte Quartal 2023⟧ veröffentlicht. Wäre das interessant?\n\nTom",
    ),
    good=(
        "Subject: Freight\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\nHi Jana,\n\nCongrats on your Series B in "
        "February 2026. Worth a look?\n\nTom",
        "Subject: Freight\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\nHi Jana,\n\nSince 2019 your hubs have grown "
        "every year. Worth a look?\n\nTom",
    ),
)
def stale_reference(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    found = analysis(ctx)
    candidates = found.sentences_with(_RECENT_WORDS)
    if not candidates:
        return []
    cued = []
    for sentence in candidates:
        if not _YEARISH.search(sentence.text):
            continue  # a stale reference names a year
        cue = _RECENT[ctx.language].search(sentence.text)
        if cue is not None:
            cued.append((sentence, cue))
    if not cued:
        return []
    today = reference_date(ctx)
    limit = today - _dt.timedelta(days=365)
    findings = []
    for sentence, cue in cued:
        stale = []
        for signal in iter_signals(sentence.text, ctx.language):
            if signal.kind not in DATED:
                continue
            end = period_end(signal)
            if end is not None and end < limit:
                stale.append((end, signal))
        if not stale:
            continue
        end, signal = min(stale, key=lambda item: item[0])
        months = (today.year - end.year) * 12 + today.month - end.month
        age = f"{months // 12} year(s)" if months >= 24 else f"{months} months"
        start = sentence.start_char + signal.start
        newest = fact_opener(ctx.prospect, ctx.language) if ctx.prospect.all_facts else None
        if ctx.language == "en":
            describe = (
                f"Use something recent instead: “{newest}”"
                if newest
                else f"“{signal.text}” is {age} old: drop “{cue.group(0)}” or use something from the last few "
                "months, with its date."
            )
        else:
            describe = (
                f"Nehmen Sie etwas Aktuelles: „{newest}“"
                if newest
                else f"„{signal.text}“ ist {age} her: streichen Sie „{cue.group(0)}“ oder nehmen Sie etwas aus den "
                "letzten Monaten, mit Datum."
            )
        message = f"“{signal.text}” is {age} old but presented as recent (“{cue.group(0)}”)"
        findings.append(
            RawFinding(meta, ctx.body, start, start + len(signal.text), (suggestion(None, describe),), message)
        )
    return findings


# -- RS008 template without a research slot ----------------------------------------------------------------------

_SLOT = {
    "curly": "{{ personal_opener }}",
    "jinja": "{{ personal_opener }}",
    "lightning": "{{{Recipient.Personal_Opener__c}}}",
    "salesforce": "{!Contact.Personal_Opener__c}",
    "mailchimp": "*|OPENER|*",
    "mautic": "{contactfield=personal_opener}",
    "percent": "%personal_opener%",
    "dollar": "$personal_opener$",
    "angle": "<PERSONAL_OPENER>",
    "word": "«Personal_Opener»",
    "double-bracket": "[[personal_opener]]",
}


def _slot_text(ctx: CheckContext, fields: list[MergeField]) -> str:
    configured = [n for n in ctx.option("merge_fields", ()) if RESEARCH_FIELD.search(n)]
    named = [f for f in fields if f.name and not f.control]
    syntax = named[0].syntax if named else "curly"
    if syntax == "bracket" or syntax == "gmail":
        return "[Persönlicher Einstieg]" if ctx.language == "de" else "[Personal opener]"
    if syntax == "curly" and named and named[0].name.startswith("contact."):
        return "{{ contact.personal_opener }}"
    if syntax == "curly" and named and named[0].name.startswith("lead."):
        return "{{lead.Personal Opener}}"
    slot = _SLOT.get(syntax, _SLOT["curly"])
    if configured:
        name = configured[0]
        slot = {"curly": f"{{{{ {name} }}}}", "jinja": f"{{{{ {name} }}}}", "mailchimp": f"*|{name}|*"}.get(
            syntax, f"{{{{ {name} }}}}"
        )
    return slot


@register(
    code="RS008",
    slug="no-research-slot",
    category="research",
    message="Template has no slot for research",
    why="A template that is sent unchanged says the same thing to every prospect; a field for a personal "
    "opener makes the rep add one researched line per email.",
    rewrite="Add a field for a personal first line, e.g. '{{ personal_opener }}', before your first sentence.",
    bad=(
        "---\nmode: template\n---\nSubject: Freight\n\nHi {{ first_name | default: 'there' }},\n\n⟦Many "
        "carriers lose money on empty miles.⟧ Worth a look?\n\nTom",
        "---\nmode: template\n---\nBetreff: Fracht\n\nGuten Tag *|ANREDE|* *|LNAME|*,\n\n⟦viele Speditionen "
        "fahren zu oft leer.⟧ Wäre das interessant?\n\nTom",
    ),
    good=(
        "---\nmode: template\n---\nSubject: Freight\n\nHi {{ first_name | default: 'there' }},\n\n"
        "{{ personal_opener }} Many carriers lose money on empty miles. Worth a look?\n\nTom",
        "Subject: Freight\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\nTom",
    ),
)
def no_research_slot(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if effective_mode(ctx) != "template":
        return []
    found = analysis(ctx)
    if not found.content or found.research_slot() is not None:
        return []
    start, end, opening = _opening(ctx, found)
    slot = _slot_text(ctx, found.fields)
    replacement = f"{slot} {_upper_first(opening.strip())}"
    describe = (
        f"Add a field for one researched line before your first sentence: “{replacement}”"
        if ctx.language == "en"
        else f"Fügen Sie vor dem ersten Satz ein Feld für eine recherchierte Zeile ein: „{replacement}“"
    )
    return [RawFinding(meta, ctx.body, start, end, (suggestion(replacement, describe),))]


#: Every cue word the token pre-test looks for (merge leftovers, compliments, recency).
HINT_WORDS = _COMPLIMENT_WORDS | _RECENT_WORDS | frozenset({"undefined", "null", "nan", "none", "nil"})

__all__ = [
    "HINT_WORDS",
    "Analysis",
    "Greeting",
    "analysis",
    "display_company",
    "effective_mode",
    "fact_opener",
    "full_greeting",
    "greeting_name",
    "is_formal",
    "parse_greeting",
]
