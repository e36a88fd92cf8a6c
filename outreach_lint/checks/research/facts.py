"""RS003 (research): none of the known facts about the prospect is used (draft mode)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...models import Severity
from ...rulepack import RuleMeta
from ..base import researched_draft, unresearched_opener
from ..registry import register


@register(
    code="RS003",
    details=(
        "Needs facts, posts or news in the prospect context. A fact counts as used when the email repeats"
        " one of its figures with one of its words (a figure such as '380,000' or '2.1' alone is enough),"
        " or three of its words (first six letters, so inflections match; sharing a topic is not "
        "quoting). Fires only when the email has other details (otherwise RS001 reports it). The rewrite "
        "quotes the most recent dated fact."
    ),
    slug="facts-not-used",
    category="research",
    message="None of the known facts about the prospect is used",
    why="You have their posts, news and report figures, and the email uses none of them; a dated detail they "
    "recognise is what shows the email was written for them.",
    rewrite="Open with the most recent fact.",
    example="In your LinkedIn post of 12 February you wrote about hiring 40 drivers.",
    severity=Severity.INFO,
)
def facts_not_used(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    prospect = ctx.prospect
    if not prospect.all_facts or not researched_draft(ctx) or ctx.research.facts_used:
        return []
    lead = (
        f"You know {len(prospect.all_facts)} fact(s) about them."
        if ctx.language == "en"
        else f"Sie kennen {len(prospect.all_facts)} Fakt(en) über den Empfänger."
    )
    return [unresearched_opener(ctx, meta, lead, False)]
