"""Pflichtangaben: the details German company law asks of the signature of a company's business email.

CO001  Details missing from a signature that names a German legal form: one finding per email, on the
       company line, listing every missing detail and the law (``outreach_lint/data/pflichtangaben.toml``).
CO002  The same, when the signature points to an imprint link instead (the link is not enough).

Both run whenever the signature names a German legal form (GmbH, UG (haftungsbeschränkt), AG, SE, KG, OHG,
GmbH & Co. KG, e.K., PartG), in German and English emails alike: the duty follows the sender's legal form, not
the recipient. Signatures with Austrian or Swiss markers (FN …, Firmenbuch, CHE-…, +43/+41, Österreich/Schweiz)
and no German one are skipped.
"""

from __future__ import annotations

from ...analysis.context import CheckContext, RawFinding
from ...analysis.signature_details import SLOT, SignatureInfo, full_ug, written_out
from ...data import load
from ...models import FixSafety, Severity
from ...rulepack import RuleMeta
from ..base import suggestion
from ..registry import register

CATEGORY = "compliance"
UNSAFE = FixSafety.UNSAFE

_FORMS = load("pflichtangaben")["forms"]
#: Per legal form: the details the law requires, the law, and the register its number is in.
_REQUIRED: dict[str, tuple[str, ...]] = {form: tuple(entry["required"]) for form, entry in _FORMS.items()}
_LAW: dict[str, str] = {form: entry["law"] for form, entry in _FORMS.items()}
_REGISTER_FOR: dict[str, str] = {form: entry["register"] for form, entry in _FORMS.items()}


def missing_details(info: SignatureInfo) -> list[str]:
    """Keys of the details the signature's legal form requires and the signature lacks."""
    if info.form is None:
        return []
    required = _REQUIRED[info.form]
    missing = ["suffix"] if info.bare_ug else []
    if "seat" in required and not info.seat:
        missing.append("seat")
    if "court" in required and not info.court:
        missing.append("court")
    if info.form == "GmbH & Co. KG":
        kinds = [k for k, _ in info.registers]
        has_hrb = "HRB" in kinds
        has_own = "HRA" in kinds or (len(kinds) - kinds.count("HRB")) > 0 or kinds.count("HRB") > 1
        if not has_own:
            missing.append("register")
        if not info.partner:
            missing.append("partner")
        if not has_hrb and info.partner and not SLOT.search(info.partner):
            missing.append("partner_register")
    elif "register" in required and not info.registers:
        missing.append("register")
    if "directors" in required:
        if info.directors == "missing":
            missing.append("directors")
        elif info.directors == "initials":
            missing.append("first_names")
    if "board" in required and not info.board:
        missing.append("board")
    if "chair" in required and not info.chair:
        missing.append("chair")
    return missing


def _register_kind(form: str) -> str:
    return _REGISTER_FOR.get(form, "HRB")


def _labels(info: SignatureInfo, missing: list[str]) -> list[str]:
    kind = _register_kind(info.form or "GmbH")
    labels = {
        "suffix": "the legal form in full, “UG (haftungsbeschränkt)”",
        "seat": "seat (Sitz)",
        "court": "register court (Registergericht)",
        "register": f"register number ({kind} …)",
        "directors": "all managing directors (Geschäftsführer) with first and last name",
        "first_names": "the managing directors' first names written out, not as initials",
        "board": "all members of the management board (Vorstand)",
        "chair": "the chair of the supervisory board (Aufsichtsrat)",
        "partner": "the general partner (Komplementärin) with its seat, register court, HRB number and directors",
        "partner_register": "the general partner's register number (HRB …)",
    }
    return [labels[key] for key in missing]


_SLOTS = {
    "de": {
        "city": "[Ort]",
        "number": "[Nummer]",
        "person": "[Vorname Nachname]",
        "partner": "[Name] Verwaltungs-GmbH",
        "seat": "Sitz: {}",
        "court": "Registergericht: {}",
        "register": "Handelsregister: {}",
        "court_register": "{}, {}",
        "directors": "Geschäftsführer: {}",
        "board": "Vorstand: {}",
        "chair": "Vorsitzende(r) des Aufsichtsrats: {}",
        "partner_line": "Persönlich haftende Gesellschafterin: {}, Sitz: {}, Amtsgericht {}, HRB {}",
        "partner_register": "Komplementärin: HRB {}",
        "pr_court": "Amtsgericht {} (Partnerschaftsregister)",
    },
    "en": {
        "city": "[city]",
        "number": "[number]",
        "person": "[first and last name]",
        "partner": "[name] Verwaltungs-GmbH",
        "seat": "Registered office: {}",
        "court": "Register court: {}",
        "register": "Commercial register: {}",
        "court_register": "Register court: {}, {}",
        "directors": "Managing directors: {}",
        "board": "Management board (Vorstand): {}",
        "chair": "Chair of the supervisory board: {}",
        "partner_line": "General partner: {}, registered office: {}, Amtsgericht {}, HRB {}",
        "partner_register": "General partner: HRB {}",
        "pr_court": "Amtsgericht {} (partnership register)",
    },
}


def _detail_parts(info: SignatureInfo, keys: list[str], language: str, filled: bool) -> list[str]:
    """Signature lines for ``keys``; with ``filled`` the values the signature already has are used."""
    s = _SLOTS[language]
    form = info.form or "GmbH"
    kind = _register_kind(form)
    city = s["city"]
    court_default = s["pr_court"].format(city) if form == "PartG" else f"Amtsgericht {city}"
    court = (info.court if filled and info.court else None) or court_default
    own = [t for k, t in info.registers if k != "HRB"] if form == "GmbH & Co. KG" else [t for _, t in info.registers]
    register = (own[0] if filled and own else None) or f"{kind} {s['number']}"
    parts: list[str] = []
    keys = [k for k in keys if k not in ("suffix", "first_names")]
    if "seat" in keys:
        parts.append(s["seat"].format(info.seat if filled and info.seat else city))
    if "court" in keys and "register" in keys:
        parts.append(s["court_register"].format(court, register))
    elif "court" in keys:
        parts.append(s["court"].format(court))
    elif "register" in keys:
        parts.append(s["register"].format(register))
    if "partner" in keys and filled and info.partner:
        parts.append(f"{s['partner_line'].split(':')[0]}: {info.partner}")
    elif "partner" in keys:
        parts.append(s["partner_line"].format(s["partner"], city, city, s["number"]))
    elif "partner_register" in keys:
        parts.append(s["partner_register"].format(s["number"]))
    if "directors" in keys:
        names = info.director_names if filled and info.directors == "ok" else None
        if filled and info.directors == "initials":
            names = written_out(info.director_names)
        parts.append(s["directors"].format(names or s["person"]))
    if "board" in keys:
        parts.append(s["board"].format(info.board_names if filled and info.board else s["person"]))
    if "chair" in keys:
        parts.append(s["chair"].format(info.chair_names if filled and info.chair else s["person"]))
    return parts


def completed_signature(info: SignatureInfo, language: str) -> str:
    """The signature's company line with every required detail: known values kept, the rest as slots."""
    keys = list(_REQUIRED[info.form or "GmbH"])
    return " · ".join([info.company, *_detail_parts(info, keys, language, filled=True)])


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _pflicht_findings(ctx: CheckContext, meta: RuleMeta, imprint: bool) -> list[RawFinding]:
    """CO001 and, with ``imprint``, CO002 (the signature has an imprint link): one finding on the company or
    imprint line that lists every detail the signature's legal form requires and lacks."""
    sig = ctx.signature.unit
    if sig is None:
        return []
    info = ctx.signature.details
    if info.form is None or info.foreign or (info.imprint is not None) != imprint:
        return []
    missing = missing_details(info)
    if not missing:
        return []
    lacks = f"{info.form} signature lacks {_join(_labels(info, missing))} ({_LAW[info.form]})"
    message = f"An imprint link does not replace the Pflichtangaben: the {lacks}" if imprint else lacks
    anchor = (info.imprint if imprint else info.form_line) or (0, 0)
    text = sig.text
    start, end = anchor
    line = text[start:end]
    if missing == ["first_names"] and info.director_line and anchor == info.form_line:
        start, end = info.director_line
        line = text[start:end]
        replacement = line.replace(info.director_names, written_out(info.director_names), 1)
    else:
        if info.bare_ug and anchor == info.form_line:
            line = full_ug(line)
        added = " · ".join(_detail_parts(info, missing, ctx.language, filled=False))
        if "first_names" in missing and info.director_names:
            written = _SLOTS[ctx.language]["directors"].format(written_out(info.director_names))
            added = f"{added}\n{written}" if added else written
        replacement = f"{line}\n{added}" if added else line
    template = completed_signature(info, ctx.language)
    description = f"Complete the signature, e.g.: “{template}” (slots in brackets are yours to fill)."
    return [RawFinding(meta, sig, start, end, (suggestion(replacement, description, UNSAFE),), message)]


@register(
    code="CO001",
    slug="missing-pflichtangaben",
    category=CATEGORY,
    severity=Severity.ERROR,
    message="Signature lacks the details German law requires for its legal form",
    why="A German company's business email is a business letter: a GmbH must show its seat, register court, "
    "register number and every managing director (§35a GmbHG), an AG its Vorstand and the chair of its "
    "Aufsichtsrat (§80 AktG), a KG, OHG or e.K. seat, court and HRA number (§§37a, 125, 177a HGB). The "
    "register court can fine the company, and competitors have sent formal warnings over it.",
    rewrite="Add the missing details under the company line.",
    example="Routely GmbH · Sitz: Berlin · Amtsgericht Charlottenburg, HRB 123456 B · Geschäftsführer: Max Mustermann",
)
def missing_pflichtangaben(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    return _pflicht_findings(ctx, meta, imprint=False)


@register(
    code="CO002",
    slug="imprint-link-only",
    category=CATEGORY,
    severity=Severity.ERROR,
    message="An imprint link does not replace the details German law requires in the email",
    why="The Pflichtangaben must be in the business email itself; a link to the website imprint is not "
    "enough (§35a GmbHG, §80 AktG, §§37a, 125 HGB), however complete the imprint is.",
    rewrite="Keep the link if you like, and add the missing details to the signature.",
    example="Sitz: Berlin · Amtsgericht Charlottenburg, HRB 123456 B · Geschäftsführer: Max Mustermann",
)
def imprint_link_only(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    return _pflicht_findings(ctx, meta, imprint=True)
