"""RS007 (research): a reference presented as recent that is more than a year old."""

from __future__ import annotations

import datetime as _dt
import re

from ...analysis.context import CheckContext, RawFinding
from ...analysis.dates import reference_date
from ...analysis.recipient import fact_opener
from ...rulepack import RuleMeta
from ...signals import DATED, iter_signals, period_end, word_set
from ..base import suggestion
from ..registry import register

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


@register(
    code="RS007",
    details=(
        "A sentence with 'recent(ly)', 'latest', 'just announced', 'congratulations', 'kürzlich', "
        "'jüngst', 'neueste', 'Glückwunsch' … and a date whose period ended more than a year before the "
        "email's Date: header (else today): 'March 2023', 'Q3 2024', 'drittes Quartal 2023', a bare year "
        "two or more years back."
    ),
    slug="stale-reference",
    category="research",
    message="A reference presented as recent is more than a year old",
    why="Calling a two-year-old funding round or last year's report 'recent' shows the research is stale – or "
    "was copied from an old template.",
    rewrite="Use something from the last few months, with its date.",
)
def stale_reference(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    found = ctx.research
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
