"""What an email shows of research about its recipient: the first specific detail about them, where it names
the prospect's company, which known facts it quotes, and which sentences are about the sender instead.

What counts as a specific detail is documented in ``outreach_lint.signals``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from typing import TYPE_CHECKING

from ..factmatch import mentions_fact, text_keys
from ..mergefields import MergeField
from ..prospect import Prospect
from ..rulepack import RuleMeta
from ..signals import (
    DATED,
    MONTH_NUMBER,
    NAME_STOP,
    NUMERIC,
    POSSESSIVE,
    ROLE_WORDS,
    SOCIAL_PROOF_UNITS,
    Signal,
    company_names,
    entity_signals,
    iter_signals,
    named_month,
    prospect_signals,
    word_set,
)
from .dates import reference_date
from .lazy import lazy
from .legalforms import LEGAL_FORM_ANY_CASE
from .names import TITLE_BEFORE, TITLES
from .signoff import short_last_lines
from .textstats import sentence_pronouns
from .units import Sentence

if TYPE_CHECKING:
    from .context import CheckContext


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
_CONNECTORS = frozenset({"and", "&", "of", "de", "van", "von", "der", "du", "la"})
_SELF_INTRO = re.compile(
    r"(?:[Mm]y name is|I am|I'm|I work|[Ww]e are|[Ww]e're|[Mm]ein Name ist|[Ii]ch bin|[Ii]ch arbeite|[Ww]ir sind)\b"
)


def is_pitch_finding(meta: RuleMeta) -> bool:
    """Phrase findings that mark a sentence as the sender's pitch: overpromises and the rules tagged ``pitch``
    (claim buzzwords: "leading provider", "führender Anbieter", "best-in-class", …)."""
    return meta.category == "overpromise" or "pitch" in meta.tags


_DEADLINE_BEFORE = re.compile(
    r"(?i:\b(?:until|till|through|ends?|ending|expires?|valid until|runs until|bis(?:[ \t]+(?:zum|zur|Ende|Mitte|"
    r"Anfang))?|spätestens(?:[ \t]+(?:am|bis))?|endet(?:[ \t]+am)?|gültig bis|läuft bis))[ \t]*"
    r"(?:(?:on|am)[ \t]+)?(?:(?:the|dem)[ \t]+)?(?:\d{1,2}(?:\.|st|nd|rd|th)?[ \t]+(?:of[ \t]+)?)?\Z"
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


class Research:
    """What an email shows of research about its recipient, and what it says about its sender (computed on
    first use; one per email, shared by the research checks)."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._claims: dict[int, bool] = {}

    @lazy
    def _lowered(self) -> str:
        return self.ctx.body.text.lower()

    def sentences_with(self, words: frozenset[str]) -> list[Sentence]:
        """Content sentences that contain one of ``words`` (lower-case tokens); no pattern needs to run on an
        email without them."""
        hits = words & self.ctx.body.lower_set
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

    @lazy
    def content(self) -> list[Sentence]:
        """The body's sentences after the greeting line."""
        return self.ctx.content

    @lazy
    def content_ends(self) -> list[int]:
        """Where each content sentence ends (increasing: sentences are disjoint and in text order)."""
        return [sentence.end_char for sentence in self.content]

    @lazy
    def content_index(self) -> dict[int, int]:
        """The position in ``content`` of each content sentence, by its first token."""
        return {sentence.start: index for index, sentence in enumerate(self.content)}

    @lazy
    def field_starts(self) -> list[int]:
        """Where each placeholder of the body starts (in text order)."""
        return [item.start for item in self.fields]

    @property
    def fields(self) -> list[MergeField]:
        """The placeholders of the body."""
        return self.ctx.merge_fields(self.ctx.body)

    def research_slot(self) -> MergeField | None:
        """The first placeholder of the body that stands for a researched line ("{{ personal_opener }}")."""
        for item in self.fields:
            if item.name and not item.control and RESEARCH_FIELD.search(item.name):
                return item
        return None

    # -- the sender ----------------------------------------------------------------------------------
    @lazy
    def _signature_capitals(self) -> list[str]:
        return _SIGNATURE_WORD.findall(self.ctx.signature.text)

    @lazy
    def _signature_words(self) -> frozenset[str]:
        """Capitalised words of the signature and the From: name, lower-cased."""
        words = self._signature_capitals + _SIGNATURE_WORD.findall(self.ctx.document.headers.get("from", ""))
        words += _SIGNATURE_WORD.findall("\n".join(short_last_lines(self.ctx.body.text, count=3, max_words=4)))
        return frozenset(w.lower().strip(".'’") for w in words)

    @lazy
    def _intro_words(self) -> frozenset[str]:
        """The signature words and the capitalised words of self-introductions ("My name is Sandra Klein and I
        am a partner at Vertex Consulting Group")."""
        language = self.ctx.language
        intro = " ".join(
            s.text for s in self.content if sentence_pronouns(s, language)[0] and _SELF_INTRO.search(s.text)
        )
        return self._signature_words | frozenset(w.lower().strip(".'’") for w in _SIGNATURE_WORD.findall(intro))

    @lazy
    def _sender_org_words(self) -> frozenset[str]:
        """Capitalised signature words that are not roles or function words: the sender's company and product
        ("Ledgerly", "Schichtfix") – a sentence that names them is about the sender."""
        words = {w.strip(".'’,") for w in self._signature_capitals}
        return frozenset(
            w
            for w in words
            if len(w) >= 4
            and w.lower() not in ROLE_WORDS
            and w.lower() not in NAME_STOP
            and not LEGAL_FORM_ANY_CASE.fullmatch(w)  # "GmbH" names every German company, not the sender's
        )

    @lazy
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
        if not sender and self._names_addressee(sentence):
            return False  # "… ist die Vuković Fliesentechnik GmbH mit Sitz in Offenbach eingetragen"
        if sender or not self._sender_org_words.isdisjoint(sentence.tokens):
            return True
        case = self._case_study_words
        return bool(case) and not case.isdisjoint(sentence.tokens)

    def is_sender_name(self, text: str) -> bool:
        """Whether a name is the sender's (from the signature, the From: header or a self-introduction)."""
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

    @lazy
    def _pitch(self) -> frozenset[int]:
        """Start tokens of the sentences a phrase rule marks as pitch."""
        content = self.content
        starts = [s.start_char for s in content]
        marked = set()
        body = self.ctx.body
        for item in self.ctx.phrase_findings:
            if item.unit is body and is_pitch_finding(item.meta):
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
        if kind in ("name", "entity") and (
            self._is_placeholder_or_prospect_name(signal.text) or self._names_the_recipient(signal.text)
        ):
            return False
        if sentence is not None:
            if not eligible and not self.is_eligible(sentence):
                return False
            if not self._may_be_theirs(signal, sentence):
                return False
            if (kind in NUMERIC or kind in DATED) and not self._near_the_reader(sentence):
                return False
            if kind in NUMERIC:
                if self._is_claim(sentence):
                    return False
                sender, reader = sentence_pronouns(sentence, self.ctx.language)
                if kind == "quantity" and (sender or not reader):
                    unit = _LEADING_NUMBER.sub("", signal.text).lower()
                    if unit in SOCIAL_PROOF_UNITS:
                        return False
        return not (kind in ("name", "entity") and self.is_sender_name(signal.text))

    def _may_be_theirs(self, signal: Signal, sentence: Sentence) -> bool:
        """Prices and durations are the sender's offer unless the sentence is about the reader ("your £18m
        round"). A date, year or quarter in a sentence about the reader counts ("I read your post of 14
        November", "your Swindon site opens in February"); otherwise it is the sender's ("I'll be in Leeds on
        3 March") or a plan ("priorities for 2027"), and a quarter without a year is a generality ("Q1 is when
        candidates look")."""
        kind = signal.kind
        if kind == "money" and _OFFER_WORDS.search(sentence.text):
            return False  # "worth £499", "ab 89 € im Monat"
        if kind == "money" or (kind == "quantity" and _DURATION.search(signal.text)):
            return self._about_reader(sentence) and not sentence_pronouns(sentence, self.ctx.language)[0]
        if kind not in DATED:
            return True
        if self._in_future(signal):
            return False
        if self._about_reader(sentence):
            return True
        if sentence_pronouns(sentence, self.ctx.language)[0]:
            return False
        return not (kind == "period" and not _YEAR_IN.search(signal.text))

    def _observation(self, sentence: Sentence) -> Signal | None:
        """Something the writer saw of theirs, with a concrete anchor: "I liked your SaaStr article from last
        month", "we saw your stand at IntraLogistex". A claimed look with nothing named ("I came across your
        profile and was impressed") has no anchor and does not count."""
        text = sentence.text
        if not _SEEN.search(text) or not self._about_reader(sentence):
            return None
        when = _RECENT_TIME.search(text)
        if when is not None:
            start = sentence.start_char + when.start()
            return Signal("observation", start, start + len(when.group(0)), when.group(0))
        if self.ctx.language != "en":
            # German capitalises every noun, so a capital is no anchor; a quoted name, a street or a figure is.
            anchor = _GERMAN_ANCHOR.search(text)
            if anchor is None:
                return None
            start = sentence.start_char + anchor.start()
            return Signal("observation", start, start + len(anchor.group(0)), anchor.group(0))
        own = self._prospect_words | self._sender_org_lower
        for match in _MID_CAPITAL.finditer(text):
            group = 1 if match.group(1) else 2
            word = match.group(group)
            lower = word.lower().strip(".'’")
            if lower in own or lower in MONTH_NUMBER or lower in _PLACEHOLDER_WORDS or self.is_sender_name(word):
                continue
            start = sentence.start_char + match.start(group)
            return Signal("observation", start, start + len(word), word)
        return None

    @lazy
    def _sender_org_lower(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self._sender_org_words)

    def _near_the_reader(self, sentence: Sentence) -> bool:
        """The sentence is about the reader, or quotes a publication of theirs ("Die Mühlbach Märkte nennen im
        Geschäftsbericht 2025 …"): only then can a figure or a date in it be theirs ("67 % of tenants prefer
        texting", "Ab Januar 2025 gilt die E-Rechnungspflicht" are about everyone)."""
        if self._about_reader(sentence) or _PUBLICATION.search(sentence.text):
            return True
        # Without a profile, the company the subject line names is the recipient ("How Norbury Tools could …").
        if not self.ctx.prospect.is_empty or self.ctx.subject is None or self._case_study_words:
            return False
        known = self._names_recipient
        if sentence.start not in known:
            known[sentence.start] = any(
                signal.kind in ("name", "entity") and self._names_the_recipient(signal.text)
                for signal in iter_signals(sentence.text, self.ctx.language)
            )
        return known[sentence.start]

    @lazy
    def _names_recipient(self) -> dict[int, bool]:
        """Per sentence start: whether the sentence names the company the subject line names (filled on demand,
        once per sentence, as each of its figures and dates asks)."""
        return {}

    def _about_reader(self, sentence: Sentence) -> bool:
        """The reader (you/Sie/du), the prospect or a named owner ("Fenland Frozen's plan") is in the sentence."""
        if sentence_pronouns(sentence, self.ctx.language)[1] or _OWNER.search(sentence.text):
            return True
        if _CONGRATULATIONS.search(sentence.text):
            return True  # "Glückwunsch zum Release von „Ferngrau“ am 14. November!"
        if self._names_addressee(sentence):
            return True
        return any(
            sentence.start_char <= hit.start < sentence.end_char for hit in self.prospect_hits if hit.kind == "prospect"
        )

    def _names_addressee(self, sentence: Sentence) -> bool:
        """Whether the sentence carries the surname of "Herr Vuković" in the greeting: a family business
        ("die Vuković Fliesentechnik GmbH") is the reader's own."""
        surname = self._addressee_surname
        return bool(surname) and surname in sentence.tokens

    @lazy
    def _addressee_surname(self) -> str | None:
        """The surname of "Herr Vuković" / "Ms Alder" in the greeting (a family business carries it)."""
        greeting = self.ctx.greeting
        words = greeting.name.split() if greeting is not None else []
        if len(words) < 2 or words[0].lower() not in TITLES or len(words[-1]) < 3:
            return None
        return words[-1]

    @lazy
    def _written_on(self) -> _dt.date:
        """The day the email is written (its Date: header, else today): read once per email."""
        return reference_date(self.ctx)

    def _in_future(self, signal: Signal) -> bool:
        """A date after the day the email is written: a later year ("priorities for 2027"), a later month of
        this year, or, without a year, one of the next three months ("am 12. Januar" written in December)."""
        today = self._written_on
        years = [int(y) for y in _YEAR_IN.findall(signal.text)]
        month = named_month(signal.text)
        if years:
            year = min(years)
            return year > today.year or (year == today.year and month is not None and month > today.month)
        return month is not None and 1 <= (month - today.month) % 12 <= 3

    def _names_the_recipient(self, text: str) -> bool:
        """Without a prospect context: a name the subject line also carries is the recipient's company ("Ideas
        for Riverside Dental" … "Riverside Dental's patients"), and naming it is not a detail about them."""
        if not self.ctx.prospect.is_empty or self.ctx.subject is None:
            return False
        name = POSSESSIVE.sub("", text).strip(".'’ ")
        return len(name) >= 4 and name in self.ctx.subject.text

    def _is_placeholder_or_prospect_name(self, text: str) -> bool:
        """"Company Name", "Vorname Nachname" (a placeholder's words), or the prospect's own company or name."""
        words = [w.strip(".,'’").lower() for w in text.split()]
        if words and all(w in _PLACEHOLDER_WORDS for w in words):
            return True
        own = self._prospect_words
        return bool(own) and all(w in own or w in _CONNECTORS for w in words)

    @lazy
    def _prospect_words(self) -> frozenset[str]:
        prospect = self.ctx.prospect
        names = [*company_names(prospect), prospect.person or "", prospect.surname or "", prospect.first_name or ""]
        return frozenset(w.strip(".,'’").lower() for name in names for w in name.split() if w)

    # -- prospect ------------------------------------------------------------------------------------
    @lazy
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
            if hit.start >= first and not TITLE_BEFORE.search(text, max(0, hit.start - 8), hit.start):
                return True
        return False

    @lazy
    def terms(self) -> frozenset[str]:
        subject = self.ctx.subject.text if self.ctx.subject is not None else ""
        return text_keys(subject + "\n" + self.ctx.body.text)

    @lazy
    def facts_used(self) -> list[str]:
        prospect = self.ctx.prospect
        exclude = company_stems(prospect)
        return [f for f in prospect.all_facts if mentions_fact(f, self.terms, exclude)]

    # -- the first specific detail -------------------------------------------------------------------
    @lazy
    def specific(self) -> Signal | None:
        """The first detail about the recipient (None: the email could be sent to any company)."""
        return self._find_specific()

    def _find_specific(self) -> Signal | None:
        ctx = self.ctx
        content = self.content
        # Naming the company or the person is not a detail about them (nor are role and industry).
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
                if self._in_future(signal):
                    continue  # "Shift planning in 2027": the sender's plan
                if self.counts(signal, None) and not is_deadline(subject, signal):
                    return signal
        slot = self.research_slot()
        if slot is not None:
            return Signal("fact", slot.start, slot.end, slot.text)
        for sentence in content:
            seen = self._observation(sentence) or _their_words(sentence) if sentence.start not in pitch else None
            if seen is not None:
                return seen
        for signal in entity_signals(ctx.body.doc):
            sentence = next((s for s in content if s.start_char <= signal.start < s.end_char), None)
            if sentence is not None and self.counts(signal, sentence):
                return signal
        return None


_OFFER_WORDS = re.compile(
    r"\b(?i:free|worth|price[ds]?|pricing|costs?|only|just|from|starts?|starting|per|discount|save|saving|trial|"
    r"kostenlos|gratis|Wert|Preis|Preise|kostet|kosten|nur|ab|pro|monatlich|Rabatt|sparen|Ersparnis|Testphase)\b"
)
#: An observation verb with the writer as its subject: "I noticed", "we saw", "ich habe … gesehen".
_SEEN = re.compile(
    r"^(?i:had|took)[ \t]+a[ \t]+(?:quick[ \t]+|closer[ \t]+)?look[ \t]+at\b|"
    r"\b(?i:(?:I|we)(?:'ve|[ \t]+have)?[ \t]+(?:just[ \t]+|recently[ \t]+)?(?:noticed|saw|read|watched|listened|"
    r"heard|visited|loaded|checked|tried|signed[ \t]+up|spotted|drove[ \t]+past|walked[ \t]+past|attended|liked|"
    r"enjoyed|was[ \t]+in[ \t]+the[ \t]+(?:room|audience)|were[ \t]+(?:at|two|next))|"
    r"(?:(?:ich|wir)[ \t]+(?:habe|haben)|(?:habe|haben)[ \t]+(?:ich|wir))[ \t]+[^.!?\n]{0,60}?"
    r"(?:gesehen|gelesen|bemerkt|entdeckt|gehört|besucht|getestet|"
    r"ausprobiert|verfolgt)|(?:ich[ \t]+bin|wir[ \t]+sind|ich[ \t]+war|wir[ \t]+waren)[ \t]+[^.!?\n]{0,60}?"
    r"(?:bei[ \t]+(?:Ihnen|dir|euch)|gewesen|vorbeigefahren|vorbeigekommen)|(?:mir|uns)[ \t]+ist[ \t]+[^.!?\n]{0,30}?"
    r"aufgefallen)"
)
#: A checkable anchor in a German observation: „Goldener Anker“, Körnerstraße, a figure.
_GERMAN_ANCHOR = re.compile(r"„[^“\n]{2,60}“|\b[A-ZÄÖÜ]\w*(?:straße|strasse|weg|platz|allee|ring)\b|\d[\d.,]*")
#: When the writer saw it: "last month", "this morning", "on Monday", "letzte Woche", "gestern".
_RECENT_TIME = re.compile(
    r"\b(?i:last|this)[ \t]+(?i:week|month|morning|afternoon|year|quarter|spring|summer|autumn|winter)\b|"
    r"\b(?i:yesterday|gestern|vorgestern|vor (?:zwei|drei|ein paar) (?:Tagen|Wochen))\b|"
    r"\bon[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?i:letzte[nr]?|vergangene[nr]?)[ \t]+(?i:Woche|Monat|Jahr|Quartal)\b|"
    r"\bam[ \t]+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\b"
)
#: A capitalised word in mid-sentence (English): a place, an event, a product, an outlet; or a quoted name
#: ("the "How we work" page").
_MID_CAPITAL = re.compile(r"(?<=[a-z,;:] )([A-Z][A-Za-z&'’.-]{2,})|(?<=[a-z,;:] )([\"“][A-Z][^\"”\n]{2,40}[\"”])")
#: Something the recipient wrote, said or published, with what it says: "you wrote that …", "on your careers page
#: it says …", "Sie haben auf LinkedIn geschrieben, dass …", "du hattest im Forum gefragt, wie …", "auf eurer
#: Vereinsseite steht, dass …".
_THEIR_WORDS = re.compile(
    r"\b(?i:you)(?:'ve|[ \t]+have)?[ \t]+(?:wrote|posted|said|mentioned|asked|shared|announced|published|tweeted)"
    r"[ \t]+(?:that|about|how|why|whether|on|in)\b|"
    r"\b(?i:on|in)[ \t]+(?i:your)[ \t]+[\w -]{2,40}?,?[ \t]+(?:it[ \t]+)?(?:says|said|states|reads)\b|"
    r"\b(?:[Hh]aben[ \t]+Sie|Sie[ \t]+haben|[Hh]atten[ \t]+Sie|Sie[ \t]+hatten|[Hh]ast[ \t]+du|[Dd]u[ \t]+hast|"
    r"[Hh]attest[ \t]+du|[Dd]u[ \t]+hattest|[Hh]abt[ \t]+ihr|[Ii]hr[ \t]+habt)[^.!?\n]{0,80}?(?:geschrieben|"
    r"gepostet|gesagt|erwähnt|gefragt|angekündigt|veröffentlicht|erzählt)\b|"
    r"\b(?:[Ss]chreiben[ \t]+Sie|[Ss]chreibst[ \t]+du|[Ss]chreibt[ \t]+ihr)[^.!?\n]{0,60}?\bdass\b|"
    r"\b[Aa]uf[ \t]+(?:Ihrer|deiner|eurer)[ \t]+[\w-]+[ \t]+(?:steht|heißt[ \t]+es)\b"
)


def _their_words(sentence: Sentence) -> Signal | None:
    """Something the recipient wrote, said or published, quoted in the sentence (the guide's "something the
    recipient wrote or said"): a detail about them whatever figures it holds."""
    match = _THEIR_WORDS.search(sentence.text)
    if match is None:
        return None
    start = sentence.start_char + match.start()
    return Signal("observation", start, start + len(match.group(0)), match.group(0))


#: Where a company publishes its own figures and news: quoting one is research even without "your".
_PUBLICATION = re.compile(
    r"\b(?i:annual[ \t]+report|press[ \t]+release|job[ \t]+(?:ad|post(?:ing)?|listing)|10-K|earnings[ \t]+call|"
    r"(?:Geschäfts|Jahres|Nachhaltigkeits|Quartals)bericht\w*|Pressemitteilung\w*|Stellenanzeige\w*|"
    r"Stellenausschreibung\w*)"
)
_CONGRATULATIONS = re.compile(r"\b(?i:congrats|congratulations|glückwunsch|gratuliere|gratulation)\b")
_OWNER = re.compile(r"\b[A-ZÄÖÜ][\w&-]+(?:'s|’s|s')[ \t]")
_DURATION = re.compile(
    r"\b(?:days?|weeks?|months?|hours?|minutes?|mins?|years?|Tage?n?|Wochen?|Monate?n?|Stunden?|Minuten?|Jahre?n?|"
    r"Uhr|am|pm|o'clock)\b",
    re.IGNORECASE,
)
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
_PLACEHOLDER_WORDS = word_set(
    """company name first last full firma firmenname vorname nachname name anrede unternehmen organisation
    organization business contact kontakt your ihr ihre"""
)


def company_stems(prospect: Prospect) -> frozenset[str]:
    """Stems of the company's own names: naming the company is not quoting one of its facts."""
    return frozenset(w.lower()[:6] for name in company_names(prospect) for w in re.findall(r"[^\W\d_][\w-]{3,}", name))
