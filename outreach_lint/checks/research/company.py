"""RS002 (research): the prospect's company is never named (draft mode)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.recipient import display_company, opener_rewrite, opening_span
from ...rulepack import RuleMeta
from ..base import suggestion
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
    if not prospect.company or ctx.effective_mode != "draft" or ctx.is_reply:
        return []
    found = ctx.research
    if (
        not found.content
        or found.specific is None
        or found.company_named()
        or any(kind == "company" for kind, *_ in ctx.slips)
    ):
        return []
    if prospect.all_facts and found.facts_used:
        return []  # "Ihr Geschäftsbericht 2025 nennt 1,8 %": quoting their own figures addresses them
    start, end, opening = opening_span(ctx.body.text, found.content)
    company = display_company(prospect)
    lead = f"Name {company}." if ctx.language == "en" else f"Nennen Sie {company}."
    rewrite = opener_rewrite(ctx.prospect, ctx.language, opening, True, lead)
    sugg = suggestion(*rewrite) if rewrite else None
    message = f"{company} is not named anywhere in the email"
    return [RawFinding(meta, ctx.body, start, end, (sugg,) if sugg else (suggestion(None, lead),), message)]
