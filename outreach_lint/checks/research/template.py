"""RS008 (research): a template without a slot for a researched line (template mode)."""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.recipient import opening_span, upper_first
from ...analysis.research import RESEARCH_FIELD
from ...mergefields import MergeField
from ...rulepack import RuleMeta
from ..base import suggestion
from ..registry import register

_SLOT = {
    "curly": "{{ personal_opener }}",
    "jinja": "{{ personal_opener }}",
    "lightning": "{{{Recipient.Personal_Opener__c}}}",
    "salesforce": "{!Contact.Personal_Opener__c}",
    "mailchimp": "*|OPENER|*",
    "mautic": "{contactfield=personal_opener}",
    "percent": "%personal_opener%",
    "dollar": "$personal_opener$",
    "angle": "<PERSONAL_OPENER>",
    "word": "«Personal_Opener»",
    "double-bracket": "[[personal_opener]]",
}


def _slot_text(ctx: CheckContext, fields: list[MergeField]) -> str:
    configured = [n for n in ctx.options.merge_fields if RESEARCH_FIELD.search(n)]
    named = [f for f in fields if f.name and not f.control]
    syntax = named[0].syntax if named else "curly"
    if syntax == "bracket" or syntax == "gmail":
        return "[Persönlicher Einstieg]" if ctx.language == "de" else "[Personal opener]"
    if syntax == "curly" and named and named[0].name.startswith("contact."):
        return "{{ contact.personal_opener }}"
    if syntax == "curly" and named and named[0].name.startswith("lead."):
        return "{{lead.Personal Opener}}"
    slot = _SLOT.get(syntax, _SLOT["curly"])
    if configured:
        name = configured[0]
        slot = {"curly": f"{{{{ {name} }}}}", "jinja": f"{{{{ {name} }}}}", "mailchimp": f"*|{name}|*"}.get(
            syntax, f"{{{{ {name} }}}}"
        )
    return slot


@register(
    code="RS008",
    details=(
        "Template mode only (--mode template, `mode` in the config or the draft's front matter, "
        ".j2/.jinja/.hbs files). Fires when no merge field is a research slot: names with personal, "
        "opener, icebreaker, first_line, research, custom_line, snippet, hook, trigger, insight, "
        "Aufhänger, Einstieg, Recherche …."
    ),
    slug="no-research-slot",
    category="research",
    message="Template has no slot for research",
    why="A template that is sent unchanged says the same thing to every prospect; a field for a personal "
    "opener makes the rep add one researched line per email.",
    rewrite="Add a field for a personal first line before your first sentence.",
    example="{{ personal_opener }}",
)
def no_research_slot(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if ctx.effective_mode != "template":
        return []
    found = ctx.research
    if not found.content or found.research_slot() is not None:
        return []
    start, end, opening = opening_span(ctx.body.text, found.content)
    slot = _slot_text(ctx, found.fields)
    replacement = f"{slot} {upper_first(opening.strip())}"
    describe = (
        f"Add a field for one researched line before your first sentence: “{replacement}”"
        if ctx.language == "en"
        else f"Fügen Sie vor dem ersten Satz ein Feld für eine recherchierte Zeile ein: „{replacement}“"
    )
    return [RawFinding(meta, ctx.body, start, end, (suggestion(replacement, describe),))]
