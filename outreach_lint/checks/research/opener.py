"""RS001 (research): the email could be sent to any company (draft mode)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.recipient import display_company, opener_rewrite, opening_span
from ...models import FixSafety, Suggestion
from ...rulepack import RuleMeta
from ..base import suggestion
from ..registry import register

#: RS001 judges emails of at least this many words after the greeting.
MIN_WORDS = 12
#: The slot a rep fills with a detail only they can look up, put before the opening.
_DETAIL_SLOT = {
    "en": "[what you saw at their company, with its date]",
    "de": "[was Sie beim Empfänger gesehen haben, mit Datum]",
}
_SLOT_HINT = {
    "en": "Open with one dated detail about them – a post, a report figure, a launch, a hire. (With --prospect "
    "FILE or front matter the rewrite quotes their facts.)",
    "de": "Beginnen Sie mit einem datierten Detail über den Empfänger – ein Beitrag, eine Zahl aus dem "
    "Geschäftsbericht, eine Eröffnung, eine Stelle. (Mit --prospect DATEI oder Front Matter zitiert der Vorschlag "
    "deren Fakten.)",
}


def _slot_suggestion(opening: str, language: str) -> Suggestion:
    """The opening with a slot for a dated detail before it (shown, never applied)."""
    opening = opening.strip()
    rewritten = f"{_DETAIL_SLOT[language]}. {opening[:1].upper()}{opening[1:]}"
    return Suggestion(rewritten, _SLOT_HINT[language], FixSafety.NONE)


@register(
    code="RS001",
    details=(
        "Draft mode only; replies (with a quoted email) and notes under 12 words are skipped. A specific "
        "detail is: a date ('14 January 2026', '3. März', 'March 2026', a year), a quarter or half-year "
        "('Q3 2026', '3. Quartal', 'H1', 'fiscal 2025'), money ('€380,000', '3,2 Mio. Euro'), a "
        "percentage, a number with a unit ('14 sales roles'), a name (capitalised multi-word names in "
        "English, organisations with a legal form such as 'Seeberg Logistik GmbH', named sites such as "
        "'Werk Gotha'), with a prospect context the company, its aliases, the recipient's full name and "
        "any quoted fact, and the entities of a trained spaCy pipeline when one is configured. Not "
        "counted: details in sentences about the sender only ('We have 800 customers since 2009', or a "
        "sentence naming the sender's company from the signature: 'After switching to Ledgerly, they cut "
        "costs by 63 %'), in sentences a phrase rule marks as pitch ('leading provider'), numbers in "
        "claims and offers ('will cut costs by 30 %', '100 %', 'up to', '30 % Rabatt'), the sender's "
        "deadlines ('until 30 November', 'bis zum 29. November'), call lengths ('15 minutes'), years of "
        "experience, social proof ('over 900 companies'), names from the signature or the sender's "
        "self-introduction, job titles and regions; in the subject a bare month ('Aktion im November') or"
        " a case study's company ('How Brookfield Pharma cut …', whose sentences in the body are then "
        "about someone else too). The finding marks the opening (the first one or two sentences after the"
        " greeting)."
    ),
    slug="no-specific-detail",
    category="research",
    message="Could be sent to any company: no detail about the recipient",
    why="Buyers' loudest complaint is that vendors don't do their homework. An email without one dated, "
    "checkable detail about them (a post, a report figure, a launch, a hire) reads as a template, and "
    "personalised first emails get about twice the replies.",
    rewrite="Open with one specific, dated detail about them.",
    example="Your Q3 report names fuel surcharges as the top risk.",
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
        sugg = _slot_suggestion(ctx.body.text[start:end], ctx.language)
    message = meta.message
    if company:
        message = f"Could be sent to any company: no detail about the recipient, and {company} is not named"
    return [RawFinding(meta, ctx.body, start, end, (sugg,), message)]
