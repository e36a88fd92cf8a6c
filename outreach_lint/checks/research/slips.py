"""RS004 (research): mail-merge slips, the greeting or a phrase addresses someone else (``analysis.slips``)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.greeting import greeting_name
from ...analysis.recipient import display_company
from ...models import Severity
from ...rulepack import RuleMeta
from ..base import suggestion
from ..registry import register


@register(
    code="RS004",
    details=(
        "Needs a prospect context. The greeting names a team ('Dear Acme team', 'Hallo Acme-Team') that "
        "is not the company, its aliases or its e-mail domain; or a first name/surname that is not the "
        "recipient's (prefixes count: Alex = Alexander); or the body says 'your team at X' / 'Ihr Team "
        "bei X' for another company; or a sentence quotes one of the prospect's facts (one of its "
        "figures, or four of its words when it has none) without naming the prospect and credits it to "
        "another organisation ('two Brightmoor Power sites in Kent were offline for 19 days' when the "
        "post is Quarry Lane's; in German an organisation with a legal form). Departments ('Dear "
        "Procurement team'), publications the fact appeared in ('in The Caterer') and reference customers"
        " with their own figures are not slips."
    ),
    slug="wrong-recipient",
    category="research",
    message="Mail-merge slip: addressed to someone else",
    why="Greeting another company's team or another first name tells the buyer at once that the email is a "
    "mass mailing – and that you did not read it before sending.",
    rewrite="Put the recipient's name (and company) in.",
    severity=Severity.ERROR,
)
def wrong_recipient(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    findings = []
    prospect = ctx.prospect
    for kind, start, end, wrong in ctx.slips:
        if kind == "company":
            right = display_company(prospect)
            if right is None:
                continue
            message = f"Mail-merge slip: “{wrong}” is not the company you are writing to ({right})"
            describe = f"Write “{right}”." if ctx.language == "en" else f"Schreiben Sie „{right}“."
            findings.append(RawFinding(meta, ctx.body, start, end, (suggestion(right, describe),), message))
            continue
        greeting = ctx.greeting
        word = greeting.word if greeting else "hi"
        right = greeting_name(prospect, ctx.language, word, ctx.formal)
        if right is None:
            continue
        message = f"Mail-merge slip: the greeting names “{wrong}”, but the email goes to {prospect.person or right}"
        describe = f"Write “{right}”." if ctx.language == "en" else f"Schreiben Sie „{right}“."
        findings.append(RawFinding(meta, ctx.body, start, end, (suggestion(right, describe),), message))
    return findings
