"""What a check sees of one email: its units, the phrase-rule findings, the settings, the prospect, and the
facts several checks share (each computed on first use, once per email)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..config import MODES
from ..document import Document
from ..mergefields import MergeField, find_merge_fields
from ..models import Suggestion
from ..prospect import Prospect
from ..rulepack import RuleMeta
from .greeting import Greeting, read_greeting, uses_formal_address, without_greeting
from .jurisdiction import claims_jurisdiction, optout_jurisdiction, recipient_jurisdiction
from .lazy import lazy
from .options import CheckOptions
from .research import Research
from .signature import Signature
from .slips import Slip, find_slips
from .thread import is_reply as _is_reply
from .topic import RewriteFacts, rewrite_facts
from .units import Sentence, Unit


@dataclass(slots=True)
class RawFinding:
    """A finding before it is located in the source: unit-relative character offsets."""

    meta: RuleMeta
    unit: Unit
    start: int
    end: int
    suggestions: tuple[Suggestion, ...]
    message: str | None = None


@dataclass(slots=True)
class CheckContext:
    """Everything a check may look at for one email."""

    document: Document
    language: str
    body: Unit
    subject: Unit | None
    options: CheckOptions = field(default_factory=CheckOptions)
    phrase_findings: list[RawFinding] = field(default_factory=list)
    mode: str = "draft"
    prospect: Prospect = field(default_factory=Prospect)
    #: Matches of the rules with a legal risk that are switched off (CO006 reports them instead).
    unreported_claims: list[RawFinding] = field(default_factory=list)
    #: The topic and form of address the rewrites use (worked out from the email when not given).
    given_rewrite_facts: RewriteFacts | None = None
    #: The facts computed for this email so far (freed with the context).
    memo: dict[str, Any] = field(default_factory=dict)

    # -- the text ----------------------------------------------------------------------------------------
    @property
    def sentences(self) -> list[Sentence]:
        """Body sentences that contain at least one word."""
        return self.body.sentences

    @lazy
    def units(self) -> list[Unit]:
        """The subject (when it has text) and the body, in that order."""
        return [self.body] if self.subject is None else [self.subject, self.body]

    @lazy
    def content(self) -> list[Sentence]:
        """Body sentences without the greeting line."""
        return without_greeting(self.body.sentences)

    def merge_fields(self, unit: Unit) -> list[MergeField]:
        """The placeholders of the body or the subject (found once per unit)."""
        key = f"merge-fields:{unit.name}"
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = find_merge_fields(unit.text, self.options.known_merge_fields)
        return found

    # -- the phrase-rule findings --------------------------------------------------------------------------
    def flagged(self, sentence: Sentence) -> list[RawFinding]:
        """Phrase-rule findings inside a body sentence."""
        found = self._flagged_by_sentence.get((sentence.start_char, sentence.end_char))
        if found is not None:
            return found
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

    @lazy
    def _flagged_by_sentence(self) -> dict[tuple[int, int], list[RawFinding]]:
        """The phrase-rule findings that overlap each body sentence, keyed by the sentence's character range.

        Sentences are disjoint and in text order, so each finding is placed by a binary search (asking every
        finding for every sentence took time quadratic in the email's length)."""
        sentences = self.body.sentences
        ends = [sentence.end_char for sentence in sentences]
        found: dict[tuple[int, int], list[RawFinding]] = {(s.start_char, s.end_char): [] for s in sentences}
        for finding in self.phrase_findings:
            if finding.unit is not self.body:
                continue
            index = bisect.bisect_right(ends, finding.start)
            while index < len(sentences) and sentences[index].start_char < finding.end:
                found[(sentences[index].start_char, sentences[index].end_char)].append(finding)
                index += 1
        return found

    # -- the email -----------------------------------------------------------------------------------------
    @lazy
    def effective_mode(self) -> str:
        """``mode:`` in the draft's own front matter, else the resolved mode (--mode, config, file type)."""
        front_matter = self.document.front_matter
        declared = front_matter.get("mode") if front_matter else None
        return declared if declared in MODES else self.mode

    @lazy
    def is_reply(self) -> bool:
        """Whether the email answers or forwards another one (``analysis.thread``)."""
        return _is_reply(self.document)

    @lazy
    def greeting(self) -> Greeting | None:
        """The salutation line at the start of the body."""
        return read_greeting(self.body.text)

    @lazy
    def rewrite_facts(self) -> RewriteFacts:
        """The email's topic and form of address, for rewrites."""
        if self.given_rewrite_facts is not None:
            return self.given_rewrite_facts
        subject = self.subject.text if self.subject is not None else ""
        return rewrite_facts(self.language, subject, self.body.tokens, self.body.lowers)

    @lazy
    def formal(self) -> bool:
        """German: the email uses Sie (formal) rather than du; English emails count as informal."""
        return self.language == "de" and uses_formal_address(self.body.tokens)

    @lazy
    def signature(self) -> Signature:
        """The sender's signature."""
        return Signature(self.document, self.body)

    # -- the recipient -------------------------------------------------------------------------------------
    @lazy
    def research(self) -> Research:
        """What the email shows of research about the recipient, and what it says about the sender."""
        return Research(self)

    @lazy
    def slips(self) -> list[Slip]:
        """Greetings and phrases that name someone else than the prospect."""
        return find_slips(self)

    # -- the law -------------------------------------------------------------------------------------------
    @lazy
    def jurisdiction(self) -> str | None:
        """The configured jurisdiction, else the one the recipient's address implies."""
        return recipient_jurisdiction(self.document, self.options.jurisdiction)

    @lazy
    def optout_jurisdiction(self) -> str | None:
        """The jurisdiction whose opt-out rules apply, or None when CO003–CO005 stay silent."""
        options = self.options
        return optout_jurisdiction(
            self.document, self.body.text, self.signature.text, options.jurisdiction, options.footer_injected
        )

    @lazy
    def claims_jurisdiction(self) -> str | None:
        """The law under which leadership, superlative and guarantee claims are a legal risk, if any."""
        return claims_jurisdiction(self.document, self.language, self.options.jurisdiction)
