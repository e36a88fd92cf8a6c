"""Legal-risk claims: leadership, superlative and guarantee claims read under §5 UWG and EU law (CO006).

The claims are found by the rule packs: each rule whose claim carries a legal risk names it in its own data
(``legal-risk``, with a ``fact-slot`` to put a checkable fact in), and the phrase engine adds that note to the
rule's findings wherever the legal reading applies (German emails, and the jurisdictions "de" and "eu":
``analysis.jurisdiction``). CO006 reports only what no rule reports: the claims of those rules while they are
switched off (``--ignore overpromise``, ``--select compliance``), as compliance findings. Claims inside
signatures are not reported (signatures are not linted as prose).
"""

from __future__ import annotations

import bisect
import itertools

from ...analysis.context import CheckContext, RawFinding
from ...models import FixSafety, Severity, Suggestion
from ...rulepack import RuleMeta
from ..registry import register


@register(
    code="CO006",
    slug="legal-risk-claim",
    category="compliance",
    severity=Severity.ERROR,
    message="Leadership, superlative or guarantee claim with a legal risk",
    why="Under §5 UWG a claim to lead the market, to be the best or to guarantee a result is misleading "
    "advertising unless you can prove it when you send it, and competitors can stop it with a formal warning. "
    "The overpromise rules find these claims and name the legal risk for German emails and the de/eu "
    "jurisdictions; this check reports the claims itself when those rules are switched off.",
    rewrite="Replace the claim with a fact a competitor could check, with source and date.",
    example="Seit 2019 nutzen 140 Logistiker im DACH-Raum unsere Software (Stand: 03/2026).",
)
def legal_risk_claim(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if not ctx.unreported_claims or ctx.claims_jurisdiction is None:
        return []
    findings = []
    for unit in ctx.units:
        covered = _Spans(f for f in ctx.phrase_findings if f.unit is unit and f.meta.legal_risk)
        for found in ctx.unreported_claims:
            if found.unit is not unit or covered.overlaps(found.start, found.end):
                continue  # a rule that is switched on reported the claim
            start, end = found.start, found.end
            taken = found.suggestions[0].replacement if found.suggestions else None
            if taken and unit.text[start:end].endswith(taken[:1].lower() + taken[1:]):
                end -= len(taken)  # a deletion at a sentence start also took the next word: give it back
            claim = unit.text[start:end].strip()
            end = start + len(unit.text[start:end].rstrip())
            findings.append(
                RawFinding(
                    meta,
                    unit,
                    start,
                    end,
                    (_slot_suggestion(found.meta, ctx.language),),
                    f"Legal risk in “{claim}”: {found.meta.legal_risk}",
                )
            )
    return findings


def _slot_suggestion(rule: RuleMeta, language: str) -> Suggestion:
    """The rule's slot for a checkable fact, with the rule's own rewrite as the example."""
    if language == "de":
        description = f"Put a fact a competitor could check (figure, source, date) in its place, e.g. “{rule.rewrite}”"
    else:
        description = f"Put a fact a competitor could check (figure, source, date) in its place. {rule.rewrite}"
    return Suggestion(rule.fact_slot, description, FixSafety.NONE)


class _Spans:
    """Character ranges in text order, with the farthest end so far: an overlap test is a binary search."""

    def __init__(self, findings) -> None:
        spans = sorted((f.start, f.end) for f in findings)
        self.starts = [start for start, _ in spans]
        self.reach = list(itertools.accumulate((end for _, end in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end) - 1
        return before >= 0 and self.reach[before] > start
