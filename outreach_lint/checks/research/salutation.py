"""RS006 (research): a generic salutation that names nobody."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.greeting import GENERIC_SALUTATION, full_greeting
from ...models import FixSafety, Suggestion
from ...rulepack import RuleMeta
from ..base import suggestion
from ..registry import register


@register(
    code="RS006",
    details=(
        "The first line of the body: 'Dear Sir or Madam', 'To whom it may concern', 'Hi there', 'Dear "
        "Customer', 'Sehr geehrte Damen und Herren', 'Sehr geehrter Kunde', 'Liebe Kundin, lieber Kunde'."
    ),
    slug="generic-salutation",
    category="structure",
    message="Generic salutation: the email is not addressed to a person",
    why="'Dear Sir or Madam' and 'Hi there' say the sender does not know who they are writing to – the "
    "opposite of research.",
    rewrite="Greet the person by name.",
    example="Hi Jana, / Guten Tag Frau Weber,",
)
def generic_salutation(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    match = GENERIC_SALUTATION.match(ctx.body.text)
    if match is None:
        return []
    start, end = match.span("greeting")
    greeting = match.group("greeting")
    word = greeting.split()[0]
    if greeting.lower().startswith("sehr geehrte"):
        word = "sehr geehrte"
    right = full_greeting(ctx.prospect, ctx.language, word, ctx.formal) if not ctx.prospect.is_empty else None
    if right:
        describe = f"Write “{right}”." if ctx.language == "en" else f"Schreiben Sie „{right}“."
        sugg = suggestion(right, describe)
    else:
        slot = "Hi [first name]," if ctx.language == "en" else "Guten Tag [Frau/Herr Nachname],"
        sugg = Suggestion(
            slot.rstrip(","),
            f"Address the person who owns the topic – LinkedIn, the company website or the annual report usually "
            f"names them: “{slot}”"
            if ctx.language == "en"
            else f"Sprechen Sie die Person an, die das Thema verantwortet – LinkedIn, die Website oder der "
            f"Geschäftsbericht nennen sie meist: „{slot}“",
            FixSafety.NONE,
        )
    return [RawFinding(meta, ctx.body, start, end, (sugg,))]
