"""RS001 (research): the email could be sent to any company (draft mode)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.recipient import display_company, opener_rewrite, opening_span
from ...rulepack import RuleMeta
from ..base import suggestion
from ..registry import register

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
    if ctx.effective_mode != "draft" or ctx.is_reply:
        return []
    found = ctx.research
    if sum(len(s.words) for s in found.content) < MIN_WORDS or found.specific is not None:
        return []  # a one-line note is too short to judge
    start, end, opening = opening_span(ctx.body.text, found.content)
    prospect = ctx.prospect
    company = display_company(prospect) if prospect.company else None
    sugg = None
    if not prospect.is_empty:
        lead = (
            "Use what you know about them."
            if ctx.language == "en"
            else "Nutzen Sie, was Sie über den Empfänger wissen."
        )
        rewrite = opener_rewrite(ctx.prospect, ctx.language, opening, bool(company), lead)
        sugg = suggestion(*rewrite) if rewrite else None
    if sugg is None:
        sugg = suggestion(None, _NO_CONTEXT[ctx.language])
    message = meta.message
    if company:
        message = f"Could be sent to any company: no detail about the recipient, and {company} is not named"
    return [RawFinding(meta, ctx.body, start, end, (sugg,), message)]
