"""Mail-merge slips: a greeting or phrase that names another person or company than the prospect ("Dear Acme
team" to Globex, "Hi Mark" to Jana, another company credited with the prospect's own news)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ..factmatch import fact_keys, mentions_fact, text_keys
from ..mergefields import find_merge_fields
from ..prospect import Prospect
from ..signals import POSSESSIVE, company_names, iter_signals, word_set
from .greeting import GENERIC_SALUTATION
from .legalforms import ENDS_IN_LEGAL_FORM, LEGAL_FORM_ANY_CASE
from .names import TITLES
from .research import company_stems

if TYPE_CHECKING:
    from .context import CheckContext


class Slip(NamedTuple):
    """A name that is not the prospect's: ``kind`` "company" or "person", its body offsets and the name."""

    kind: str
    start: int
    end: int
    name: str


_TEAM = re.compile(
    r"^(?:(?P<before>.+?)[\s-]+(?i:team|folks|crew|people|squad)|(?i:team)\s+(?:(?i:von|at|bei|of)\s+)?(?P<after>.+))$"
)
_DEPARTMENTS = word_set(
    """procurement purchasing sales marketing finance hr it support logistics operations ops product engineering
    tech data security legal customer success einkauf vertrieb logistik buchhaltung personal marketing-team
    management leadership recruiting hiring service kundenservice geschäftsführung"""
)
_NOT_NAMES = frozenset({"there", "all", "everyone", "team", "folks", "friend", "friends", "zusammen", "alle", "und"})

_BODY_COMPANY = {
    "en": re.compile(
        r"\b(?i:your) (?:team|colleagues|company|people|folks|peers|business)\s+at\s+"
        r"(?P<name>[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,3})"
    ),
    "de": re.compile(
        r"\bIhr(?:e|em|en)?\s+(?:Team|Kollegen|Kolleginnen|Unternehmen|Firma|Abteilung|Haus)\s+(?:bei|von)\s+"
        r"(?:der\s+|dem\s+)?(?P<name>[A-ZÄÖÜ][\w&.'’-]*(?:[ \t]+[A-ZÄÖÜ][\w&.'’-]*){0,3})"
    ),
}


_NOT_IN_NAME = re.compile(rf"{LEGAL_FORM_ANY_CASE.pattern}|['’]s\b", re.IGNORECASE)


def _norm(text: str) -> str:
    """A company name reduced for comparing: no legal form, no possessive, letters and digits only."""
    return re.sub(r"[^0-9a-zäöüß]", "", _NOT_IN_NAME.sub("", text).lower())


def _same_company(name: str, prospect: Prospect) -> bool:
    candidate = _norm(name)
    if not candidate:
        return True
    known = [_norm(n) for n in company_names(prospect)]
    if prospect.domain:
        known.append(_norm(prospect.domain.split(".")[0]))
    known = [k for k in known if k]
    return any(candidate in k or k in candidate for k in known)


def _same_person(words: list[str], prospect: Prospect) -> bool:
    known = {w.lower().strip(".") for w in (prospect.person or "").replace("-", " ").split()}
    if prospect.first_name:
        known.add(prospect.first_name.lower())
    known -= TITLES
    for word in words:
        lowered = word.lower().strip(".")
        for name in known:
            if lowered == name or (
                min(len(lowered), len(name)) >= 3 and (lowered.startswith(name) or name.startswith(lowered))
            ):
                return True
    return False


def find_slips(ctx: CheckContext) -> list[Slip]:
    """Greetings and phrases that address someone else than the prospect."""
    prospect = ctx.prospect
    if prospect.is_empty:
        return []
    knows_company = bool(company_names(prospect) or prospect.domain)
    found: list[Slip] = []
    greeting = ctx.greeting
    if greeting and greeting.name and not find_merge_fields(greeting.name):
        team = _TEAM.match(greeting.name)
        if team:
            name = (team.group("before") or team.group("after") or "").strip()
            offset = greeting.name.find(name)
            if (
                knows_company
                and name
                and name.lower() not in _DEPARTMENTS
                and name.lower() not in _NOT_NAMES
                and not _same_company(name, prospect)
            ):
                start = greeting.name_start + offset
                found.append(Slip("company", start, start + len(name), name))
        elif (prospect.person or prospect.first_name) and not GENERIC_SALUTATION.match(ctx.body.text):
            words = [w.strip(",.") for w in re.split(r"[\s-]+", greeting.name)]
            words = [w for w in words if w and w.lower() not in TITLES and w.lower() not in ("and", "und", "&")]
            if (
                words
                and words[0].lower() not in _NOT_NAMES
                and words[0][:1].isupper()
                and not _same_person(words, prospect)
            ):
                found.append(Slip("person", greeting.name_start, greeting.name_end, greeting.name))
    if knows_company:
        for match in _BODY_COMPANY[ctx.language].finditer(ctx.body.text):
            name = match.group("name")
            if name.lower() not in _DEPARTMENTS and not _same_company(name, prospect):
                found.append(Slip("company", match.start("name"), match.end("name"), name))
        if prospect.all_facts and company_names(prospect):
            found.extend(_misattributed(ctx))
    return found


def _quotes_closely(fact: str, text: str, keys: frozenset[str]) -> bool:
    """Whether a sentence repeats, in digits, one of the fact's own figures of two or more digits, or four of
    its words when the fact has no such figure: "complaints fell by 41 % at Thornbury Mutual" next to a fact
    about complaints is a reference customer, not a slip."""
    own = fact_keys(fact)
    figures = [k[2:] for k in own if k.startswith("n:") and len(k) > 3]
    if figures:
        return any(figure in text for figure in figures)
    return len({k for k in own if k[0] == "w"} & keys) >= 4


#: "in Shopfloor Weekly", "laut Handelsblatt": where a fact was published, not whose fact it is.
_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:in|via|laut|im|according to|quoted in|zitiert in)[ \t]+(?:the[ \t]+|der[ \t]+|dem[ \t]+)?)\Z",
    re.IGNORECASE,
)


#: "led by Fjordline Ventures", "von Nordwind Capital": a partner in their news, not someone else's news.
_PARTNER_BEFORE = re.compile(
    r"\b(?i:led by|backed by|funded by|with|from|by|partnering with|angeführt von|mit|von|durch)[ \t]+(?:the[ \t]+)?\Z"
)
#: "your Senior Embedded Engineer ad": a job title, not an organisation.
_JOB_TITLE_WORDS = word_set(
    """senior junior lead principal staff head chief engineer engineers embedded software hardware manager director
    officer developer designer analyst specialist consultant architect scientist accountant controller
    coordinator administrator assistant associate executive partner recruiter technician mechanic electrician
    nurse teacher sales marketing finance operations product data backend frontend fullstack devops
    leiter leiterin referent referentin sachbearbeiter sachbearbeiterin ingenieur ingenieurin entwickler
    entwicklerin berater beraterin techniker technikerin"""
)


def _misattributed(ctx: CheckContext) -> list[Slip]:
    """Organisations credited with one of the prospect's facts: a sentence quotes the fact, does not name the
    prospect's company, and names another company instead ("two Brightmoor Power sites in Kent were offline",
    when the post is Quarry Lane's)."""
    found = ctx.research
    prospect = ctx.prospect
    exclude = company_stems(prospect)
    names = {n.lower() for n in company_names(prospect)}
    slips: list[Slip] = []
    for sentence in found.content:
        text = sentence.text
        keys = text_keys(text)
        facts = [f for f in prospect.all_facts if mentions_fact(f, keys, exclude) and _quotes_closely(f, text, keys)]
        if not facts or any(n in text.lower() for n in names):
            continue
        fact_words = {w.lower() for f in facts for w in re.findall(r"[^\W\d_][\w&-]{2,}", f)}
        for signal in iter_signals(text, ctx.language):
            if signal.kind != "name" or (ctx.language == "de" and not ENDS_IN_LEGAL_FORM.search(signal.text)):
                continue
            words = [w for w in re.findall(r"[^\W\d_][\w&-]{2,}", signal.text) if not ENDS_IN_LEGAL_FORM.fullmatch(w)]
            if (
                not words
                or all(w.lower() in fact_words for w in words)
                or _same_company(signal.text, prospect)
                or _same_person(words, prospect)
                or found.is_sender_name(signal.text)
                or _SOURCE_BEFORE.search(text, max(0, signal.start - 20), signal.start)
                or _PARTNER_BEFORE.search(text, max(0, signal.start - 20), signal.start)
                or all(w.lower() in _JOB_TITLE_WORDS for w in words)
            ):
                continue
            # "Brookfield Chemists' plan", "Brightmoor Power's work": the rewrite keeps the possessive
            name = POSSESSIVE.sub("", signal.text).rstrip("'’")
            start = sentence.start_char + signal.start
            slips.append(Slip("company", start, start + len(name), name))
    return slips
