"""Merge fields: placeholders left in a draft, broken placeholder syntax, leftovers of a failed merge, empty
greetings, and in templates unknown field names and greetings without a fallback.

Mode (``ctx.mode``: --mode, config ``mode``, "template" for .j2/.jinja/.hbs; a draft's front matter may say
``mode: template``): in a *draft* any placeholder is an error, because the email is about to be sent; in a
*template* placeholders are expected and only their syntax, names and fallbacks are checked.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re

from ..analysis.context import CheckContext, RawFinding
from ..analysis.greeting import full_greeting, greeting_name
from ..analysis.jurisdiction import is_footer_field
from ..analysis.recipient import display_company
from ..analysis.units import Unit
from ..mergefields import MergeField, find_broken, find_merge_fields, normalise
from ..models import FixSafety, Severity, Suggestion
from ..prospect import Prospect
from ..rulepack import RuleMeta
from .base import suggestion
from .registry import register

_FIRST = frozenset({"firstname", "fname", "first", "vorname", "givenname", "forename"})
_LAST = frozenset({"lastname", "lname", "last", "surname", "nachname", "familyname", "familienname"})
_FULL = frozenset({"fullname", "name", "contactname", "recipientname", "ansprechpartner", "recipient"})
_COMPANY = frozenset(
    {
        "company",
        "companyname",
        "accountname",
        "account",
        "organization",
        "organisation",
        "org",
        "firma",
        "firmenname",
        "unternehmen",
        "employer",
        "account.name",
        "company.name",
        "organization.name",
    }
)
_ROLE = frozenset({"title", "jobtitle", "role", "position", "funktion", "jobtitel"})
_SALUTATION = frozenset({"salutation", "anrede"})
_DOMAIN = frozenset({"domain", "website", "companydomain", "webseite"})
#: Field names every tool knows; without a configured list, names close to these are reported as typos.
COMMON_FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "company",
    "company_name",
    "title",
    "email",
    "firstname",
    "lastname",
    "vorname",
    "nachname",
    "firma",
    "anrede",
    "FNAME",
    "LNAME",
    "contact.firstname",
    "contact.lastname",
    "contact.company",
    "account.name",
)
_COMMON_KEYS: dict[str, str] = {}
for _name in COMMON_FIELDS:
    _COMMON_KEYS.setdefault(normalise(_name), _name)


def _key(field: MergeField) -> str:
    key = field.key
    if key in _COMPANY:
        return key
    return key.rsplit(".", 1)[-1]


def field_value(
    field: MergeField, prospect: Prospect, language: str, greeting_word: str | None, formal: bool
) -> str | None:
    """The prospect's value for a placeholder, when the field name says which one it is."""
    key = _key(field)
    if key in _FIRST or (key == "name" and greeting_word):
        if greeting_word:
            return greeting_name(prospect, language, greeting_word, formal)
        return prospect.first_name
    if key in _LAST:
        return prospect.surname
    if key in _FULL:
        return prospect.person
    if key in _COMPANY:
        return display_company(prospect)
    if key in _ROLE:
        return prospect.role
    if key in _SALUTATION:
        return prospect.salutation
    if key in _DOMAIN:
        return prospect.domain
    return None


def _in_greeting(ctx: CheckContext, unit: Unit, start: int) -> str | None:
    """The greeting word when ``start`` lies in the body's salutation line."""
    if unit is not ctx.body:
        return None
    greeting = ctx.greeting
    if greeting is not None and greeting.word_end <= start <= greeting.line_end:
        return greeting.word
    return None


# -- MF001 placeholders in a draft -----------------------------------------------------------------------------


@register(
    code="MF001",
    details=(
        "Draft mode only (an email about to be sent). Every syntax: {{first_name}}, {{ contact.firstname "
        "}}, {{#if …}}, *|FNAME|*, {!Contact.FirstName}, {{{Recipient.FirstName}}}, {{lead.First "
        "Name:default=…}}, {contactfield=firstname}, @firstname, «FirstName», [First Name], [Firma], "
        "<FIRST_NAME>, %first_name%, $name$, spintax {Hi|Hello}. With a prospect context the rewrite "
        "fills in the value (a German formal greeting becomes 'Hallo Frau Weber' when `salutation` is "
        "known)."
    ),
    slug="unfilled-merge-field",
    category="merge-field",
    message="Merge field left in a draft",
    why="An unfilled placeholder is the loudest sign of a mass mailing: the recipient sees '{{first_name}}' "
    "instead of their name. In a draft (an email about to be sent) every placeholder must be filled.",
    rewrite="Fill in the value (with a prospect context the rewrite does it), or lint templates with --mode template.",
    severity=Severity.ERROR,
)
def unfilled_merge_field(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if ctx.effective_mode != "draft":
        return []
    findings = []
    formal = None
    for unit in _units_with_signature(ctx):
        for item in ctx.merge_fields(unit):
            if item.syntax == "missing-token":
                continue  # MF003: a failed merge, not a placeholder
            en = ctx.language == "en"
            if unit.name == "signature":
                if not is_footer_field(item.text):  # a footer is the sending tool's unsubscribe/address line
                    findings.append(_sender_slot(meta, unit, item, en))
                continue
            if item.syntax == "spintax":
                first = item.text[1:-1].split("|")[0]
                sugg = suggestion(first, f"Pick one: “{first}”." if en else f"Wählen Sie eine Variante: „{first}“.")
                message = f"Spintax left in a draft: the recipient would see “{item.text}”"
            elif item.control:
                sugg = suggestion(
                    "",
                    "Delete the template logic; the email is about to be sent."
                    if en
                    else "Löschen Sie die Template-Logik; die E-Mail geht so raus.",
                )
                message = f"Template logic left in a draft: “{item.text}”"
            else:
                word = _in_greeting(ctx, unit, item.start)
                if formal is None:
                    formal = ctx.formal
                value = field_value(item, ctx.prospect, ctx.language, word, formal)
                message = f"Merge field left in a draft: the recipient would see “{item.text}”"
                if value:
                    sugg = suggestion(value, f"Write “{value}”." if en else f"Schreiben Sie „{value}“.")
                elif item.fallback:
                    sugg = suggestion(
                        item.fallback,
                        f"Fill in {item.name}, or write its fallback “{item.fallback}”."
                        if en
                        else f"Setzen Sie {item.name} ein oder den Ersatzwert „{item.fallback}“.",
                    )
                else:
                    slot = _slot(item.name, ctx.language)
                    sugg = Suggestion(
                        slot,
                        f"Fill in {slot} by hand before sending – or pass the prospect "
                        "(--prospect FILE or front matter) and the rewrite fills it in."
                        if en
                        else f"Setzen Sie {slot} vor dem Versand von Hand ein – oder übergeben Sie "
                        "den Empfänger (--prospect DATEI oder Front Matter), dann füllt der Vorschlag ihn ein.",
                        FixSafety.NONE,
                    )
            findings.append(RawFinding(meta, unit, item.start, item.end, (sugg,), message))
    return findings


def _sender_slot(meta: RuleMeta, unit: Unit, item: MergeField, en: bool) -> RawFinding:
    """A placeholder for the sender's own details in the signature: only the rep can fill it in."""
    description = (
        f"Replace {item.text} with your own details before sending."
        if en
        else f"Ersetzen Sie {item.text} vor dem Versand durch Ihre eigenen Angaben."
    )
    message = f"Sender placeholder left in the signature: the recipient would see “{item.text}”"
    return RawFinding(meta, unit, item.start, item.end, (Suggestion(None, description, FixSafety.NONE),), message)


def _units_with_signature(ctx: CheckContext) -> list[Unit]:
    """Subject, body and, when the parser cut it off the body, the signature: a sender slot left there
    ("[Your Name]", "Tel. [Telefonnummer]", "{{sender.first_name}}") goes out as it is."""
    signature = ctx.signature
    if signature.detached and signature.unit is not None:
        return [*ctx.units, signature.unit]
    return ctx.units


#: Field names as a rep would write them in a slot, per language (others: the name in words).
_SLOT_NAMES = {
    "first name": {"en": "first name", "de": "Vorname"},
    "firstname": {"en": "first name", "de": "Vorname"},
    "fname": {"en": "first name", "de": "Vorname"},
    "last name": {"en": "last name", "de": "Nachname"},
    "lastname": {"en": "last name", "de": "Nachname"},
    "company": {"en": "company", "de": "Firma"},
    "company name": {"en": "company", "de": "Firma"},
}


def _slot(name: str | None, language: str) -> str:
    """A visible slot for a field the rep fills in by hand: ``{FirstName}`` → ``[first name]`` / ``[Vorname]``."""
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", name or "").replace("_", " ").replace(".", " ").split()
    plain = " ".join(words[-2:]).lower() if words else ""
    named = _SLOT_NAMES.get(plain) or _SLOT_NAMES.get(words[-1].lower() if words else "")
    if named:
        return f"[{named[language] if language in named else named['en']}]"
    if language == "de" and plain:
        # German nouns keep their capital: {Firmenname} → [Firmenname], not [firmenname]
        shown = " ".join(words[-2:])
        return f"[{shown[:1].upper() + shown[1:]}]"
    return f"[{plain or ('value' if language == 'en' else 'Wert')}]"


# -- MF002 broken syntax ----------------------------------------------------------------------------------------


@register(
    code="MF002",
    details=(
        "Both modes: '{{first_name}', '{first_name}}', '{{first_name' without braces, "
        "'{{{Recipient.FirstName}}', '*|FNAME|', '|FNAME|*', '{!Contact.FirstName', "
        "'{contactfield=firstname', unclosed spintax, and {{#if}}/{% if %} blocks that are never closed "
        "or close nothing."
    ),
    slug="broken-merge-field",
    category="merge-field",
    message="Broken merge field",
    why="A placeholder with a missing brace, pipe or asterisk is not replaced by the mail tool: the recipient "
    "gets the raw syntax, in drafts and in every email sent from a template.",
    rewrite="Repair the syntax.",
    example="{{first_name}} for {{first_name}",
    severity=Severity.ERROR,
)
def broken_merge_field(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    draft = ctx.effective_mode == "draft"
    findings = []
    for unit in ctx.units:
        text = unit.text
        if "{" not in text and "}" not in text and "*|" not in text and "|*" not in text:
            continue
        for broken in find_broken(unit.text, ctx.merge_fields(unit)):
            en = ctx.language == "en"
            value = None
            if draft and broken.repaired:
                repaired = find_merge_fields(broken.repaired)
                if repaired and not repaired[0].control:
                    word = _in_greeting(ctx, unit, broken.start)
                    value = field_value(repaired[0], ctx.prospect, ctx.language, word, ctx.formal)
            if value:
                sugg = suggestion(value, f"Write “{value}”." if en else f"Schreiben Sie „{value}“.")
            elif broken.repaired is not None:
                shown = broken.repaired or "(delete it)"
                sugg = suggestion(broken.repaired, f"Write “{shown}”." if en else f"Schreiben Sie „{shown}“.")
            else:
                sugg = suggestion(
                    None, f"Repair it: {broken.problem}." if en else f"Reparieren Sie es: {broken.problem}."
                )
            message = f"Broken merge field “{broken.text}”: {broken.problem}"
            findings.append(RawFinding(meta, unit, broken.start, broken.end, (sugg,), message))
    return findings


# -- MF003 leftovers of a failed merge --------------------------------------------------------------------------

_LEFTOVER_HINTS = ("undefined", "null", "NULL", "NaN")


def _leftover_spans(language: str, text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    found = []
    covered = sorted((s, e) for s, e, _ in taken if s < e)
    starts = [s for s, _ in covered]
    reach = list(itertools.accumulate((e for _, e in covered), max))  # the farthest end so far
    for match in _LEFTOVER[language].finditer(text):
        start, end = match.span(match.lastgroup or "v")
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or reach[index] <= start:
            found.append((start, end, ""))
    return found


_LEFTOVER = {
    # a value slot: after a preposition, before punctuation/'s/team, or NaN/undefined anywhere
    "en": re.compile(
        r"\b(?P<v>NaN)\b"
        r"|\b(?:(?:at|for|from|with|to|of|about|on|by) )?(?P<w>undefined)\b(?=\s*(?:[.,!?;:)]|['’]s\b|\s+team\b|$))"
        r"|\b(?:at|for|from|with|to|of|about|on|by) (?P<x>undefined|null|NULL)\b"
        r"(?=\s*(?:[.,!?;:)]|['’]s\b|\s+team\b|$))"
        r"|\b(?:at|for|from|with|to|of|about|on|by) (?P<y>undefined)\b",
        re.MULTILINE,
    ),
    "de": re.compile(r"\b(?P<v>NaN)\b|\b(?P<w>undefined)\b|\b(?P<x>null|NULL)(?=-Team\b|\s+Team\b)", re.MULTILINE),
}
_GREETING_LEFTOVER = re.compile(r"^(?:undefined|null|none|nan|nil|\{\}|\[\]|n/a)$", re.IGNORECASE)


@register(
    code="MF003",
    details=(
        "Both modes: HubSpot's '[[MISSING TOKEN - …]]'; 'undefined'/'null'/'NaN' as the greeting name; "
        "NaN anywhere; in English 'undefined'/'null' where a value stands ('at undefined.', 'for "
        "null's'); in German 'undefined' anywhere and 'null' only before 'Team' (so 'bei null anfangen' "
        "is fine)."
    ),
    slug="merge-leftover",
    category="merge-field",
    message="Leftover of a failed merge",
    why="'Hi undefined,', 'Hallo null,' and '[[MISSING TOKEN - company]]' are what a mail tool writes when a "
    "field is empty; the recipient sees at once that nobody read the email.",
    rewrite="Put the missing value in by hand, and fix the empty field in the CRM.",
    severity=Severity.ERROR,
)
def merge_leftover(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    findings = []
    en = ctx.language == "en"
    greeting = ctx.greeting
    for unit in ctx.units:
        text = unit.text
        spans: list[tuple[int, int, str]] = []
        if unit is ctx.body and greeting is not None and _GREETING_LEFTOVER.match(greeting.name):
            spans.append((greeting.name_start, greeting.name_end, "first_name"))
        if "[[" in text:
            for item in ctx.merge_fields(unit):
                if item.syntax == "missing-token":
                    spans.append((item.start, item.end, item.name))
        if any(word in text for word in _LEFTOVER_HINTS):
            spans.extend(_leftover_spans(ctx.language, text, spans))
        for start, end, name in sorted(spans):
            word = _in_greeting(ctx, unit, start)
            before = unit.text[max(0, start - 12) : start].lower()
            value = None
            if word:
                value = greeting_name(ctx.prospect, ctx.language, word, ctx.formal)
            elif re.search(r"company|firma|account|unternehmen", name, re.IGNORECASE) or re.search(
                r"\b(?:at|for|bei|von|für)\s*$", before
            ):
                value = display_company(ctx.prospect)
            shown = unit.text[start:end]
            if value:
                sugg = suggestion(value, f"Write “{value}”." if en else f"Schreiben Sie „{value}“.")
            else:
                what = name or ("the name" if word else "the value")
                sugg = suggestion(
                    None,
                    f"Replace “{shown}” with {what} by hand, and fill the empty field in your CRM before the next send."
                    if en
                    else f"Ersetzen Sie „{shown}“ von Hand und füllen Sie das leere Feld im CRM vor dem nächsten "
                    "Versand.",
                )
            message = f"Leftover of a failed merge: “{shown}”"
            findings.append(RawFinding(meta, unit, start, end, (sugg,), message))
    return findings


# -- MF004 empty greeting ---------------------------------------------------------------------------------------

_NEEDS_NAME = re.compile(r"(?i)^(?:dear|sehr geehrte(?:/r|\(r\)|r|s)?|liebe(?:/r|r|s)?)$")


@register(
    code="MF004",
    details=(
        "The first line: a greeting word followed by a space and a comma ('Hi ,', 'Hallo ,') or a "
        "greeting that needs a name with none ('Dear,', 'Sehr geehrte/r ,', 'Liebe,')."
    ),
    slug="empty-greeting",
    category="merge-field",
    message="Empty greeting: the name did not merge",
    why="'Hi ,' or 'Sehr geehrte/r ,' is what is left when the name field was empty – a mail-merge failure "
    "the recipient sees in the first line.",
    rewrite="Put the name in ('Hi Jana,'), or use a greeting that needs none ('Hello,', 'Guten Tag,').",
    severity=Severity.ERROR,
)
def empty_greeting(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    greeting = ctx.greeting
    if greeting is None or greeting.name:
        return []
    text = ctx.body.text
    after = text[greeting.word_end : greeting.line_end]
    stripped = after.lstrip(" \t")
    gap = len(after) - len(stripped)
    needs_name = bool(_NEEDS_NAME.match(greeting.word))
    if not (gap and stripped[:1] in (",", "!", ":")) and not (
        needs_name and (stripped[:1] in (",", ":") or not stripped)
    ):
        return []
    end = greeting.word_end + gap + (1 if stripped[:1] in (",", "!", ":") else 0)
    en = ctx.language == "en"
    right = None
    if not ctx.prospect.is_empty:
        right = full_greeting(ctx.prospect, ctx.language, greeting.word, ctx.formal)
    replacement = f"{right}," if right else ("Hello," if en else "Guten Tag,")
    describe = (
        f"Write “{replacement}”{'' if right else ' – or better, the name'}."
        if en
        else f"Schreiben Sie „{replacement}“{'' if right else ' – besser noch mit Namen'}."
    )
    return [RawFinding(meta, ctx.body, greeting.start, end, (suggestion(replacement, describe),))]


# -- MF005 unknown field names (templates) ----------------------------------------------------------------------


@register(
    code="MF005",
    details=(
        "Template mode. With `merge-fields = [...]` in the config every field name must be in the list "
        "(case and _ - spaces ignored, 'contact.' prefixes allowed); without it, only near misses of "
        "common names ('frist_name', 'VORNMAE') are reported."
    ),
    slug="unknown-merge-field",
    category="merge-field",
    message="Unknown merge field",
    why="A field name the mail tool does not know stays empty (or is sent as raw syntax) in every email of the "
    "campaign. Names are checked against the `merge-fields` option; without it, near misses of common names "
    "('frist_name') are reported.",
    rewrite="Use a field name your tool knows.",
    example="{{ first_name }}",
)
def unknown_merge_field(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if ctx.effective_mode != "template":
        return []
    configured = list(ctx.options.merge_fields)
    known = ctx.options.known_merge_fields
    findings = []
    for unit in ctx.units:
        for item in ctx.merge_fields(unit):
            if not item.name or item.syntax in ("spintax", "missing-token", "bracket", "word", "gmail"):
                continue
            key = item.key
            last = key.rsplit(".", 1)[-1]
            if configured:
                if key in known or last in known or key.replace("_", "") in known:
                    continue
                close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
                target = known[close[0]] if close else None
            else:
                if key in _COMMON_KEYS or last in _COMMON_KEYS:
                    continue
                close = difflib.get_close_matches(last, list(_COMMON_KEYS), n=1, cutoff=0.8)
                if not close:
                    continue
                target = _COMMON_KEYS[close[0]]
                if item.syntax == "mailchimp":
                    target = target.upper().replace("_", "")
            if target:
                fixed = item.text.replace(item.name, target, 1)
                sugg = suggestion(fixed, f"Did you mean “{target}”? Write “{fixed}”.")
            else:
                sugg = suggestion(
                    None,
                    f"Use one of the configured fields: {', '.join(configured[:8])}; or add the name to merge-fields.",
                )
            message = f"Unknown merge field “{item.name}”" + (" (not in merge-fields)" if configured else "")
            findings.append(RawFinding(meta, unit, item.start, item.end, (sugg,), message))
    return findings


# -- MF006 greeting without a fallback (templates) --------------------------------------------------------------


def fallback_form(field: MergeField, value: str, path: str) -> str | None:
    """The same placeholder with a fallback value, in its tool's syntax."""
    name = field.name
    if field.syntax == "curly":
        if ":" in field.text or name.startswith("lead."):
            return f"{{{{{name}:default={value}}}}}"
        lowered = path.lower()
        if lowered.endswith(".hbs"):
            return f"{{{{#if {name}}}}}{{{{{name}}}}}{{{{else}}}}{value}{{{{/if}}}}"
        if lowered.endswith((".j2", ".jinja")) or name.startswith("contact."):
            return f"{{{{ {name}|default('{value}') }}}}"
        return f"{{{{ {name} | default: '{value}' }}}}"
    if field.syntax == "mailchimp":
        return f"*|{name}|{value}|*"
    if field.syntax == "salesforce":
        return f'{{!BLANKVALUE({name}, "{value}")}}'
    if field.syntax == "mautic":
        return f"{{contactfield={name}|{value}}}"
    return None


@register(
    code="MF006",
    details=(
        "Template mode. A field in the greeting line without a fallback (| default: …, :default=, "
        "*|FNAME|there|*, BLANKVALUE, {contactfield=x|y}) and not inside {{#if x}}…{{else}}…{{/if}}. The "
        "rewrite uses the syntax of the field's tool (Jinja for .j2/.jinja, Handlebars for .hbs, HubL for"
        " contact.*)."
    ),
    slug="greeting-without-fallback",
    category="merge-field",
    message="Greeting field without a fallback",
    why="When the name is missing in the CRM, a greeting field without a fallback sends 'Hi ,' – a broken first "
    "line in every email to that contact.",
    rewrite="Give the field a fallback.",
    example="{{ first_name | default: 'there' }}",
)
def greeting_without_fallback(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if ctx.effective_mode != "template":
        return []
    greeting = ctx.greeting
    fields = ctx.merge_fields(ctx.body)
    if not fields:
        return []
    line_end = ctx.body.text.find("\n")
    line_end = len(ctx.body.text) if line_end == -1 else line_end
    line_fields = [f for f in fields if f.start < line_end]
    if greeting is None and not any(f.control for f in line_fields):
        return []
    if any(f.control and f.name for f in line_fields):
        return []  # {{#if first_name}}Hi {{first_name}},{{else}}Hello,{{/if}}
    findings = []
    en = ctx.language == "en"
    path = ctx.document.source.path
    for item in line_fields:
        if item.control or item.fallback is not None or not item.name or item.syntax == "spintax":
            continue
        if greeting is None or item.start < greeting.word_end:
            continue
        informal = greeting.word.lower() in ("hi", "hey", "hello", "hallo", "moin", "servus", "dear")
        value = "there" if en else "zusammen"
        form = fallback_form(item, value, path) if informal or en else None
        if form is None:
            describe = (
                "Give the greeting a fallback for an empty name, e.g. wrap it: "
                "“{{#if last_name}}Sehr geehrte … {{else}}Guten Tag,{{/if}}”."
                if not en
                else f"Give {item.text} a fallback value in your tool's syntax, so an empty name does not send “Hi ,”."
            )
            sugg = suggestion(None, describe)
        else:
            describe = f"Write “{form}”." if en else f"Schreiben Sie „{form}“."
            sugg = suggestion(form, describe)
        message = f"Greeting field “{item.text}” has no fallback: an empty name sends “{greeting.word} ,”"
        findings.append(RawFinding(meta, ctx.body, item.start, item.end, (sugg,), message))
    return findings


__all__ = ["COMMON_FIELDS", "fallback_form", "field_value"]
