"""RS002 (research): the prospect's company is never named (draft mode)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.recipient import display_company
from ...rulepack import RuleMeta
from ..base import researched_draft, unresearched_opener
from ..registry import register


@register(
    code="RS002",
    details=(
        "Needs a prospect context with `company`. Fires when neither the company, its name without legal "
        "form, its distinctive first word ('Northwind' for 'Northwind Freight GmbH') nor an alias appears"
        " in the subject or body (the greeting 'Frau Lindner' is a person, not Lindner Metall), while the"
        " email does have other details (otherwise RS001 reports it) and quotes none of the prospect's "
        "facts."
    ),
    slug="company-not-named",
    category="research",
    message="The prospect's company is not named",
    why="An email that never names the company it is sent to (and quotes none of its facts) reads as a mass "
    "mailing, even when it has numbers in it; naming the company (correctly) is the least a buyer expects.",
    rewrite="Name the company in the first lines, with what you know about it.",
)
def company_not_named(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    prospect = ctx.prospect
    if not prospect.company or not researched_draft(ctx):
        return []
    if ctx.research.company_named() or any(kind == "company" for kind, *_ in ctx.slips):
        return []
    if prospect.all_facts and ctx.research.facts_used:
        return []  # "Ihr Geschäftsbericht 2025 nennt 1,8 %": quoting their own figures addresses them
    company = display_company(prospect)
    lead = f"Name {company}." if ctx.language == "en" else f"Nennen Sie {company}."
    return [unresearched_opener(ctx, meta, lead, True, f"{company} is not named anywhere in the email")]
