"""Compliance: what German company law and the anti-spam laws ask of an outreach email.

CO001  German Pflichtangaben missing from a signature that names a legal form (§35a GmbHG, §80 AktG,
       §§37a, 125, 177a HGB, §7 PartGG): one finding per email listing every missing detail.
CO002  The same, when the signature points to an imprint link instead (the link is not enough).
CO003  No objection / opt-out line (de: §7 UWG, eu: ePrivacy Directive, us: CAN-SPAM).
CO004  No postal address (us: CAN-SPAM).
CO005  No visible sender identity: full name and company.
CO006  Leadership, superlative and guarantee claims read as legal risks.

Applicability (defaults that do not nag):

* CO001/CO002 run whenever the signature names a German legal form (GmbH, UG (haftungsbeschränkt), AG,
  SE, KG, OHG, GmbH & Co. KG, e.K., PartG), in German and English emails alike: the duty follows the
  sender's legal form, not the recipient. Signatures with Austrian or Swiss markers (FN …, Firmenbuch,
  CHE-…, +43/+41, Österreich/Schweiz) and no German one are skipped.
* CO003–CO005 run only for a jurisdiction: the configured ``jurisdiction`` ("de", "eu", "us"; "none"
  switches them off) or, when none is configured, the recipient's address in a ``To:``/``An:`` header
  (.de → de; an EU country code or .eu → eu; .us/.gov/.mil/.edu → us). A draft without either is not
  checked: whether a German email needs the line depends on consent and context the linter cannot see.
  They stay silent for replies (a quoted message or In-Reply-To), with ``footer-injected = true``, and
  when the body or signature has a footer merge field (``*|UNSUB|*``, ``{{unsubscribe_link}}``,
  ``[Abmeldelink]`` …).
* CO006 runs for German emails and for the jurisdictions "de" and "eu". The claims themselves are found
  by the overpromise rule packs (OP516–OP522, OP515, GP530, OP501/OP502; OP108–OP110, OP118, OP119,
  OP101); there is no second pattern list. When those rules reported a claim, CO006 adds nothing on the
  same span: it upgrades that finding (the legal risk in its message where it was missing, and a
  checkable-fact slot as its first rewrite). When they are switched off (``--ignore overpromise``,
  ``--select compliance``), CO006 runs the same pack rules itself and reports the claims as compliance
  findings. Claims inside signatures are not reported (signatures are not linted as prose).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import getaddresses
from functools import cache, lru_cache
from types import SimpleNamespace

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..mergefields import MERGE_FIELD
from ..models import FixSafety, Severity, Suggestion
from ..parsing.regions import SIGN_OFF
from ..patterns import compile_pattern
from ..prospect import FREEMAIL_PROVIDERS
from ..rulepack import RuleMeta, builtin_rules_dir, load_directory
from ..signals import word_set
from .base import CheckContext, RawFinding, Sentence, Unit, suggestion
from .phrase import PhraseEngine, anchor_forms
from .registry import register
from .structure import content_sentences

CATEGORY = "compliance"
UNSAFE = FixSafety.UNSAFE

# ------------------------------------------------------------------------------------------ applicability

_EU_COUNTRIES = "at be bg cy cz dk ee es eu fi fr gr hr hu ie it lt lu lv mt nl pl pt ro se si sk"
_EU_TLDS = frozenset(_EU_COUNTRIES.split())
_US_TLDS = frozenset({"us", "gov", "mil", "edu"})


def jurisdiction(ctx: CheckContext) -> str | None:
    """The configured jurisdiction, else the one the recipient's address implies; None: not known."""
    configured = ctx.option("jurisdiction", None)
    if configured:
        return None if configured == "none" else configured
    to = ctx.document.headers.get("to")
    if not to:
        return None
    for _, address in getaddresses([to]):
        tld = address.rpartition("@")[2].rstrip(".>").rpartition(".")[2].lower()
        if tld == "de":
            return "de"
        if tld in _EU_TLDS:
            return "eu"
        if tld in _US_TLDS:
            return "us"
    return None


def _is_reply(ctx: CheckContext) -> bool:
    document = ctx.document
    return (
        any(r.kind in ("quote", "forward") for r in document.regions)
        or bool(document.headers.get("in-reply-to"))
        or bool(document.headers.get("references"))
    )


_FOOTER_WORDS = re.compile(
    r"unsub|opt[\s_.-]?out|abmeld|austrag|abbestell|list[:_ .-]?address|address|adresse|anschrift|footer|"
    r"preferences|subscription|update[_ .-]?profile|can[_ .-]?spam",
    re.IGNORECASE,
)
_EXTRA_FOOTER_FIELDS = re.compile(r"\{[a-z_]*(?:unsub|optout|opt_out)[a-z_]*\}|<%[^%>\n]{1,60}%>", re.IGNORECASE)


_FOOTER_HINTS = word_set(
    "unsub opt abmeld austrag abbestell address adresse anschrift footer preferences subscription profile spam <%"
)


def has_footer_field(text: str) -> bool:
    """Whether ``text`` holds a merge field a sending tool replaces with its unsubscribe/address footer."""
    if not _hint(text.lower(), *_FOOTER_HINTS):
        return False
    if _EXTRA_FOOTER_FIELDS.search(text):
        return True
    return any(_FOOTER_WORDS.search(m.group(0)) for m in MERGE_FIELD.finditer(text))


def _outreach_jurisdiction(ctx: CheckContext) -> str | None:
    """The jurisdiction whose opt-out rules apply to this email, or None when CO003–CO005 stay silent (found
    once per email: all three ask)."""
    return ctx.shared("outreach_jurisdiction", _find_outreach_jurisdiction)


def _find_outreach_jurisdiction(ctx: CheckContext) -> str | None:
    where = jurisdiction(ctx)
    if where is None or ctx.option("footer_injected", False) or _is_reply(ctx):
        return None
    if has_footer_field(ctx.body.text) or has_footer_field(ctx.document.signature):
        return None
    return where


# ------------------------------------------------------------------------------------------ signature


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its line break and surrounding spaces."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        inner = stripped.strip()
        if inner:
            start = pos + stripped.index(inner)
            spans.append((start, start + len(inner)))
        pos += len(line)
    return spans


def signature(ctx: CheckContext) -> Unit | None:
    """The email's signature region as a unit of its own, so findings in it map back to the source (merged
    where HTML markup and a sign-off both mark one); found once per email, several checks ask for it."""
    return ctx.shared("signature", _find_signature)


def _find_signature(ctx: CheckContext) -> Unit | None:
    document = ctx.document
    full = document.full_body
    spans: list[tuple[int, int]] = []
    for region in document.regions:
        if region.kind != "signature" or not region.text.strip():
            continue
        pos = full.text.find(region.text)
        while pos != -1 and full.source_span(pos, pos + len(region.text))[0] != region.start:
            pos = full.text.find(region.text, pos + 1)
        if pos != -1:
            spans.append((pos, pos + len(region.text)))
    if not spans:
        return _long_sign_off(ctx)
    spans.sort()
    start, end = spans[-1]
    for other_start, other_end in reversed(spans[:-1]):
        if other_end >= start:
            start, end = min(start, other_start), max(end, other_end)
    return Unit("signature", full.slice(start, end), Doc(ctx.body.doc.vocab))


def _long_sign_off(ctx: CheckContext) -> Unit | None:
    """A sign-off block too long for the region finder (it looks 12 lines back): German signatures with
    address, contact lines and Pflichtangaben often are. Short lines after a sign-off, up to 40 of them."""
    text = ctx.body.text
    lines = _lines(text)
    for index in range(len(lines) - 1, max(-1, len(lines) - 41), -1):
        start, end = lines[index]
        line = text[start:end]
        if SIGN_OFF.match(line):
            return Unit("signature", ctx.body.mapped.slice(start, len(text)), Doc(ctx.body.doc.vocab))
        if len(line.split()) > 12 or line.endswith(("?", "!")):
            return None
    return None


# Values: a place name ("Frankfurt am Main", "Halle (Saale)"), or a slot / merge field that stands for one.
_SLOT = r"(?:\[[^\]\n]{1,60}\]|\{\{?[^}\n]{1,60}\}?\}|\*\|[^|\n]{1,40}\|\*|%[A-Za-z_.]{1,40}%)"
_CITY = (
    r"(?:[A-ZÄÖÜ][\wäöüß.\-]*(?:[ \t]+(?:am|an[ \t]+der|im|in[ \t]+der|ob[ \t]+der|bei|vor[ \t]+der)[ \t]+"
    r"[A-ZÄÖÜ][\wäöüß.\-]*|[ \t]+a\.[ \t]?M\.|[ \t]+i\.[ \t]?Br\.|[ \t]*\([A-ZÄÖÜ][^)\n]{0,20}\))?)"
)
_SLOT_RE = re.compile(_SLOT)
_VALUE = rf"(?:{_SLOT}|{_CITY})"
_REGISTER_KIND = r"(?:HR[ \t]?[AB]|PR|GnR|VR)"

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "GmbH & Co. KG",
        re.compile(
            r"(?:(?i:GmbH)|mbH|UG[ \t]*\(haftungsbeschränkt\)|\bAG|\bSE)[ \t]*(?:&|\+|und)[ \t]*Co\.?[ \t]*KG\b(?!aA)"
        ),
    ),
    ("UG (haftungsbeschränkt)", re.compile(r"\bUG[ \t]*\((?i:haftungsbeschränkt)\)")),
    ("UG", re.compile(r"(?<=[A-Za-zÄÖÜäöüß)\]])[ \t]+UG\b(?![ \t]*\()")),
    ("GmbH", re.compile(r"\bg?(?i:GmbH)\b|\bmbH\b|(?i:Gesellschaft[ \t]+mit[ \t]+beschränkter[ \t]+Haftung)")),
    ("AG", re.compile(r"(?<=[A-Za-zÄÖÜäöüß0-9)\].&-])[ \t]+AG\b(?![ \t]*(?:&|\+|und)[ \t]*Co)|\bAktiengesellschaft\b")),
    (
        "SE",
        re.compile(r"(?<=[A-Za-zÄÖÜäöüß0-9)\].&-])[ \t]+SE\b(?![ \t]*(?:&|\+|und)[ \t]*Co)|\bSocietas[ \t]+Europaea\b"),
    ),
    ("OHG", re.compile(r"\b(?:OHG|oHG)\b|\b[Oo]ffene[ \t]+Handelsgesellschaft\b")),
    ("KG", re.compile(r"(?<=[A-Za-zÄÖÜäöüß)\].&-])[ \t]+KG\b(?!aA)|\bKommanditgesellschaft\b")),
    ("e.K.", re.compile(r"\be\.[ \t]?(?:K|Kfm|Kfr)\.|\beingetragene[rn]?[ \t]+(?:Kaufmann|Kauffrau)\b")),
    ("PartG", re.compile(r"\bPartG(?:[ \t]*mbB)?\b|\bPartnerschaftsgesellschaft\b|\bPartner(?:schaft)?[ \t]+mbB\b")),
)
#: "AG Köln, HRB 1234" and "beim AG München": the court, not the legal form.
_AG_AS_COURT_AFTER = re.compile(rf"[ \t]+{_CITY}[ \t]*[,:·|]?[ \t]*(?:{_REGISTER_KIND}|Handelsregister)\b")
_AG_AS_COURT_BEFORE = re.compile(
    r"(?i:beim|am|vom|Registergericht|Handelsregister|eingetragen|Amtsgericht|Gericht)[ \t:]*$"
)
_JOB_BEFORE = re.compile(r"(?i:Senior|Junior|Lead|Principal|Staff)[ \t]*$")

_REQUIRED: dict[str, tuple[str, ...]] = {
    "GmbH": ("seat", "court", "register", "directors"),
    "UG (haftungsbeschränkt)": ("seat", "court", "register", "directors"),
    "AG": ("seat", "court", "register", "board", "chair"),
    "SE": ("seat", "court", "register", "board", "chair"),
    "KG": ("seat", "court", "register"),
    "OHG": ("seat", "court", "register"),
    "e.K.": ("seat", "court", "register"),
    "PartG": ("seat", "court", "register"),
    "GmbH & Co. KG": ("seat", "court", "register", "partner", "partner_register", "directors"),
}
_LAW = {
    "GmbH": "§35a GmbHG",
    "UG (haftungsbeschränkt)": "§§5a, 35a GmbHG",
    "AG": "§80 AktG",
    "SE": "§80 AktG with the SE-VO",
    "KG": "§§125, 177a HGB",
    "OHG": "§125 HGB",
    "e.K.": "§37a HGB",
    "PartG": "§7 (5) PartGG",
    "GmbH & Co. KG": "§§125, 177a HGB",
}
_REGISTER_FOR = {"e.K.": "HRA", "KG": "HRA", "OHG": "HRA", "GmbH & Co. KG": "HRA", "PartG": "PR"}

_FOREIGN = re.compile(
    r"\bFN[ \t]?\d+[ \t]?[a-z]\b|Firmenbuch|Handelsgericht[ \t]+Wien|\bCHE-\d{3}\.\d{3}\.\d{3}|"
    r"Handelsregister(?:amt)?[ \t]+des[ \t]+Kantons|\b(?:Österreich|Austria|Schweiz|Switzerland|Suisse|"
    r"Svizzera|Liechtenstein)\b|\+4[13][\s(]|\+423|\b(?:A|CH)-\d{4}\b"
)
_FOREIGN_HINTS = word_set(
    "fn firmenbuch che- kanton österreich austria schweiz switzerland suisse svizzera liechtenstein +43 +41 a- ch-"
)
_GERMAN = re.compile(
    r"\+49|\bDeutschland\b|\bGermany\b|\bAmtsgericht\b|\bHR[ \t]?[AB]\b|\bD-\d{5}\b|\b\d{5}[ \t]+[A-ZÄÖÜ]"
)

_SEAT = re.compile(
    r"\b(?i:Sitz(?:[ \t]+der[ \t]+Gesellschaft)?|Gesellschaftssitz|Firmensitz|Satzungssitz|Unternehmenssitz|"
    r"Ort[ \t]+der[ \t]+Handelsniederlassung|Handelsniederlassung|Registered[ \t]+(?:office|seat)|"
    r"Seat(?:[ \t]+of[ \t]+the[ \t]+company)?|Domicile)"
    rf"(?:[ \t]+und[ \t]+(?i:Registergericht))?[ \t]*(?::|–|-)?[ \t]*(?:in[ \t]+)?(?P<value>{_VALUE})"
)
_COURT = re.compile(
    rf"(?i:Amtsgericht|Amtsger\.)[ \t]*:?[ \t]*(?P<a>{_VALUE})"
    r"|(?i:Registergericht|Handelsregistergericht|Register[ \t]+court|Registry[ \t]+court|"
    r"Court[ \t]+of[ \t]+registration|Registration[ \t]+court)(?:[ \t]+(?i:und[ \t]+Sitz))?[ \t]*:?[ \t]*"
    rf"(?:(?:Amtsgericht|AG|(?i:Local|District)[ \t]+(?i:Court)(?:[ \t]+of)?)[ \t]+)?(?P<b>{_VALUE})"
    rf"|(?i:Local|District)[ \t]+(?i:Court)(?:[ \t]+of)?[ \t]+(?P<c>{_CITY})"
    rf"|(?P<d>{_CITY})[ \t]+(?i:Local|District)[ \t]+(?i:Court)"
    rf"|\bAG[ \t]+(?P<e>{_CITY})(?=[ \t]*[,·|:;]?[ \t]*(?:{_REGISTER_KIND}|Handelsregister|(?i:unter))\b)"
    rf"|\b(?i:beim|am|vom)[ \t]+AG[ \t]+(?P<g>{_CITY})"
    r"|(?i:Handelsregister)[ \t]*(?:(?i:beim|des)[ \t]+)?:?[ \t]*"
    rf"(?P<f>{_CITY})(?=[ \t]*[,·|:;]?[ \t]*{_REGISTER_KIND}\b)"
)
_NUMBER = rf"(?:\d(?:[\d \t]{{0,10}}\d)?(?:[ \t]?[A-Z]{{1,2}}\b)?|{_SLOT})"
_REGISTER = re.compile(
    rf"\b(?P<kind>{_REGISTER_KIND})(?:[ \t]*-?[ \t]*(?i:Nr\.?|Nummer|No\.?))?[ \t]*:?[ \t]*(?P<num>{_NUMBER})"
    r"|(?i:Handelsregisternummer|Registernummer|Register-?Nr\.|Reg\.-?Nr\.|HR-Nr\.|"
    r"Register(?:ed)?[ \t]+(?:number|no\.?)|Registration[ \t]+(?:number|no\.?)|"
    r"Commercial[ \t]+register(?:[ \t]+(?:number|no\.?))?)[ \t]*:?[ \t]*"
    rf"(?:(?P<kind2>{_REGISTER_KIND})[ \t]*)?(?P<num2>{_NUMBER})"
)
_NAMES = r"(?P<names>[^\n]*)"
_DIRECTORS = re.compile(
    r"\b(?i:Geschäftsführ(?:er(?:in(?:nen)?)?|ung|ende[rn]?[ \t]+Gesellschafter(?:in(?:nen)?)?|"
    r"ende[rn]?[ \t]+Direktor(?:en|in(?:nen)?)?)|GF|Vertretungsberechtigte[rn]?(?:[ \t]+Geschäftsführer(?:in)?)?|"
    r"Managing[ \t]+Directors?|Managing[ \t]+Partners?|General[ \t]+Managers?|Directors?)"
    rf"(?:[ \t]*\([^)\n]{{0,20}}\))?[ \t]*:[ \t]*{_NAMES}"
)
#: "Gründer & Geschäftsführer" under the sender's name: the sender is a managing director.
_DIRECTOR_TITLE = re.compile(r"^[^:\n]{0,40}\b(?i:Geschäftsführer(?:in)?|Managing[ \t]+Director)$")
_BOARD = re.compile(
    r"\b(?i:Vorstand|Vorstände|Vorstandsmitglieder|Mitglieder[ \t]+des[ \t]+Vorstand(?:e)?s|"
    r"Vorstandsvorsitzende[rn]?|Vorsitzende[rn]?[ \t]+des[ \t]+Vorstand(?:e)?s|Vorstandssprecher(?:in)?|"
    r"Management[ \t]+Board|Executive[ \t]+Board|Board[ \t]+of[ \t]+Management|Managing[ \t]+Board|"
    r"Geschäftsführende[ \t]+Direktor(?:en|in(?:nen)?)?|Managing[ \t]+Directors?|Executive[ \t]+Directors?)"
    rf"(?:[ \t]*\([^)\n]{{0,30}}\))?[ \t]*:[ \t]*{_NAMES}"
)
_CHAIR = re.compile(
    r"\b(?i:Vorsitzende(?:r|n|\(r\))?[ \t]+des[ \t]+(?:Aufsichtsrat|Verwaltungsrat)(?:e)?s|"
    r"(?:Aufsichtsrats|Verwaltungsrats)vorsitzende(?:r|n|\(r\))?|(?:Aufsichtsrats|Verwaltungsrats)vorsitz|"
    r"AR-Vorsitz(?:ende(?:r|n|\(r\))?)?|Vorsitz[ \t]+(?:im|des)[ \t]+(?:Aufsichtsrat|Verwaltungsrat)(?:e)?s?|"
    r"Chair(?:man|woman|person)?[ \t]+of[ \t]+the[ \t]+(?:Supervisory|Administrative)[ \t]+Board|"
    r"(?:Supervisory|Administrative)[ \t]+Board[ \t]+Chair(?:man|woman|person)?)"
    rf"(?:[ \t]*\([^)\n]{{0,20}}\))?[ \t]*:?[ \t]*{_NAMES}"
)
_CHAIR_IN_LIST = re.compile(
    r"(?i:Aufsichtsrat|Verwaltungsrat|Supervisory[ \t]+Board)[ \t]*:(?P<names>[^\n]*?)"
    r"\((?i:Vorsitz|Vorsitzende[rn]?|chair(?:man|woman|person)?)\)"
)
_PARTNER = re.compile(
    r"\b(?i:persönlich[ \t]+haftende(?:r)?[ \t]+Gesellschafter(?:in)?|Komplementär(?:in)?(?:-GmbH)?|phG|"
    r"General[ \t]+partner|Personally[ \t]+liable[ \t]+(?:partner|shareholder))[ \t]*:?[ \t]*(?P<name>[^\n]*)"
)
_PARTNER_FORM = re.compile(rf"(?i:GmbH)|mbH|\bUG\b|\bAG\b|\bSE\b|{_SLOT}")
_IMPRINT = re.compile(
    r"(?i:Impressum|Imprint|Legal[ \t]+notice|Pflichtangaben|Anbieterkennzeichnung)\b[^\n]{0,16}?"
    r"(?:https?://|www\.)\S+"
    r"|(?:https?://|www\.)\S*(?i:impressum|imprint|legal-notice|legal_notice)\S*"
    r"|^[ \t]*(?i:Impressum|Imprint|Legal[ \t]+notice)\b[^\n]*$",
    re.MULTILINE,
)
_NAMES_END = re.compile(
    r"[ \t]+[·|•][ \t]+|;|[ \t]+(?=(?i:Sitz|Registergericht|Amtsgericht|HR[ \t]?[AB]|Handelsregister|USt|Steuer|"
    r"Vorstand|Aufsichtsrat|Registered|Register)\b)"
)
_NAME_SPLIT = re.compile(r"[ \t]*(?:,|/|&|\bund\b|\band\b|\bsowie\b)[ \t]*")
_TITLES = re.compile(
    r"\b(?:Dr\.(?:-Ing\.)?|Prof\.|Dipl\.-[\wäöü]+\.?|Mag\.|Ing\.|MBA|LL\.[ \t]?M\.|h\.[ \t]?c\.|[BM]\.[ \t]?(?:Sc|A)\.)"
    r"|\([^)]*\)"
)
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.?$")
_INITIAL_BEFORE_NAME = re.compile(r"\b[A-ZÄÖÜ]\.(?=[ \t]+[A-ZÄÖÜ])")
_NAME_WORDS = re.compile(r"[A-ZÄÖÜ][\wäöüß'’.-]*|[a-zäöüß]+")
_BARE_UG = re.compile(r"\bUG\b(?![ \t]*\()")


def _name_status(names: str) -> str:
    """'ok' (at least one surname with a written-out first name), 'initials' or 'missing'."""
    names = _NAMES_END.split(names, maxsplit=1)[0].strip()
    if _SLOT_RE.search(names):
        return "ok"
    found_initials = False
    for name in _NAME_SPLIT.split(names):
        words = _NAME_WORDS.findall(_TITLES.sub(" ", name))
        words = [w for w in words if w not in ("von", "van", "de", "zu", "der", "den", "ten", "da", "di", "le")]
        capitalised = [w for w in words if w[:1].isupper()]
        if len(capitalised) < 2:
            continue
        if _INITIAL.match(capitalised[0]):
            found_initials = True
            continue
        return "ok"
    return "initials" if found_initials else "missing"


def _written_out(names: str) -> str:
    """The names with initials replaced by a first-name slot: "M. Mustermann" → "[Vorname] Mustermann"."""
    return _INITIAL_BEFORE_NAME.sub("[Vorname]", _NAMES_END.split(names, maxsplit=1)[0].strip())


def _full_ug(text: str) -> str:
    """“Routely UG” → “Routely UG (haftungsbeschränkt)”: the legal form as the law wants it written."""
    return _BARE_UG.sub("UG (haftungsbeschränkt)", text, count=1)


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    """What a signature says about the sender's company (character offsets are into its text)."""

    form: str | None = None
    form_line: tuple[int, int] | None = None
    company: str = ""
    bare_ug: bool = False
    foreign: bool = False
    seat: str | None = None
    court: str | None = None
    registers: tuple[tuple[str, str], ...] = ()
    directors: str = "missing"
    director_names: str = ""
    director_line: tuple[int, int] | None = None
    board: bool = False
    board_names: str = ""
    chair: bool = False
    chair_names: str = ""
    partner: str | None = None
    imprint: tuple[int, int] | None = None


def _line_of(lines: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in lines:
        if start <= pos <= end:
            return start, end
    return pos, pos


#: Cheap substring tests that gate the regexes (most signatures name no legal form at all).
_FORM_HINTS: dict[str, tuple[str, ...]] = {
    "GmbH & Co. KG": ("KG",),
    "UG (haftungsbeschränkt)": ("UG",),
    "UG": ("UG",),
    "GmbH": ("GmbH", "GMBH", "mbH", "beschränkter"),
    "AG": ("AG", "Aktiengesellschaft"),
    "SE": ("SE", "Societas"),
    "OHG": ("OHG", "oHG", "andelsgesellschaft"),
    "KG": ("KG", "Kommanditgesellschaft"),
    "e.K.": ("e.K", "e. K", "Kaufmann", "Kauffrau"),
    "PartG": ("PartG", "mbB", "Partnerschaftsgesellschaft"),
}


def _hint(text: str, *needles: str) -> bool:
    return any(needle in text for needle in needles)


#: What a line must contain for the seat, court, register and director patterns to be tried on it.
_SEAT_HINT = re.compile(r"sitz|seat|office|domicile|niederl", re.IGNORECASE)
_COURT_HINT = re.compile(r"gericht|court|ag |handelsregister", re.IGNORECASE)
_REGISTER_HINT = re.compile(r"HR|PR|GnR|VR|[Rr]egist")
_DIRECTORS_HINT = re.compile(r"führ|gf|director|manag|vertretungs", re.IGNORECASE)


def _scan(
    pattern: re.Pattern[str], text: str, lines: list[tuple[int, int]], hint: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """Matches of a line-local pattern, searched only in the lines where ``hint`` occurs."""
    for start, end in lines:
        if hint.search(text, start, end):
            yield from pattern.finditer(text, start, end)


def _find_form(text: str, lines: list[tuple[int, int]]) -> tuple[str, re.Match[str]] | None:
    best: tuple[str, re.Match[str]] | None = None
    for form, pattern in _FORMS:
        hints = _FORM_HINTS[form]
        if not _hint(text, *hints):
            continue
        for match in (
            m for start, end in lines if _hint(text[start:end], *hints) for m in pattern.finditer(text, start, end)
        ):
            if form in ("AG", "SE") and match.group(0).strip() in ("AG", "SE"):
                before = text[: match.start()]
                if _AG_AS_COURT_AFTER.match(text, match.end()) or _AG_AS_COURT_BEFORE.search(
                    before[before.rfind("\n") + 1 :] + " "
                ):
                    continue
                if form == "SE" and _JOB_BEFORE.search(before):
                    continue
            if form == "GmbH & Co. KG":
                return form, match  # the most specific form wins wherever it stands
            if best is None or match.start() < best[1].start():
                best = (form, match)
            break
    return best


def _company(line: str, start: int, end: int) -> str:
    """The segment of a signature line that holds the legal form: "Routely GmbH – Ihr Partner" → "Routely GmbH"."""
    pieces = re.split(r"[ \t]+[|·•–—][ \t]+|[ \t]+-[ \t]+|,[ \t]+", line)
    pos = 0
    for piece in pieces:
        at = line.find(piece, pos)
        if at <= start < at + len(piece) + 1 or at < end <= at + len(piece):
            return piece.strip()
        pos = at + len(piece)
    return line.strip()


@lru_cache(maxsize=512)
def analyse_signature(text: str) -> SignatureInfo:
    """Legal form, register details, officers and imprint link of a signature (regexes only, cached)."""
    lines = _lines(text)
    found = _find_form(text, lines)
    if found is None:
        return SignatureInfo()
    form, match = found
    line_start, line_end = _line_of(lines, match.start() + len(match.group(0)) - len(match.group(0).lstrip()))
    bare_ug = form == "UG"
    if bare_ug:
        form = "UG (haftungsbeschränkt)"
    company = _company(text[line_start:line_end], match.start() - line_start, match.end() - line_start)
    if bare_ug:
        company = _full_ug(company)
    low = text.lower()
    foreign = _hint(low, *_FOREIGN_HINTS) and bool(_FOREIGN.search(text) and not _GERMAN.search(text))
    seat = next((m.group("value").strip() for m in _scan(_SEAT, text, lines, _SEAT_HINT)), None)
    court = None
    court_match = next(_scan(_COURT, text, lines, _COURT_HINT), None)
    if court_match:
        value = next(v for v in court_match.groups() if v).strip()
        court = value if value.startswith(("{", "*", "%")) else f"Amtsgericht {value}"
    registers = []
    for m in _scan(_REGISTER, text, lines, _REGISTER_HINT):
        kind = (m.group("kind") or m.group("kind2") or "").replace(" ", "").replace("\t", "")
        number = (m.group("num") or m.group("num2") or "").strip()
        registers.append((kind, f"{kind} {number}".strip()))
    directors, names, director_line = "missing", "", None
    for m in _scan(_DIRECTORS, text, lines, _DIRECTORS_HINT):
        status = _name_status(m.group("names"))
        if status == "ok" or directors == "missing":
            directors, names = status, _NAMES_END.split(m.group("names"), maxsplit=1)[0].strip()
            director_line = _line_of(lines, m.start())
        if status == "ok":
            break
    if directors != "ok" and _hint(low, "geschäftsführer", "managing director"):
        for index, (start, end) in enumerate(lines):
            if (
                index
                and _DIRECTOR_TITLE.match(text[start:end])
                and _name_status(text[slice(*lines[index - 1])]) == "ok"
            ):
                directors, names, director_line = "ok", text[slice(*lines[index - 1])], (start, end)
                break
    board = chair = None
    if form in ("AG", "SE"):
        board = next((m for m in _BOARD.finditer(text) if _name_status(m.group("names")) == "ok"), None)
        chair = next((m for m in _CHAIR.finditer(text) if _name_status(m.group("names")) == "ok"), None)
        chair = chair or _CHAIR_IN_LIST.search(text)
    partner = None
    if form == "GmbH & Co. KG":
        partner = next(
            (m.group("name").strip() for m in _PARTNER.finditer(text) if _PARTNER_FORM.search(m.group("name"))),
            None,
        )
    imprint = None
    if _hint(low, "impressum", "imprint", "legal notice", "pflichtangaben", "anbieterkennzeichnung"):
        imprint = _IMPRINT.search(text)
    return SignatureInfo(
        form=form,
        form_line=(line_start, line_end),
        company=company,
        bare_ug=bare_ug,
        foreign=foreign,
        seat=seat,
        court=court,
        registers=tuple(registers),
        directors=directors,
        director_names=names,
        director_line=director_line,
        board=board is not None,
        board_names=_NAMES_END.split(board.group("names"), maxsplit=1)[0].strip() if board else "",
        chair=chair is not None,
        chair_names=_NAMES_END.split(chair.group("names"), maxsplit=1)[0].strip() if chair else "",
        partner=partner,
        imprint=_line_of(lines, imprint.start() + len(imprint.group(0)) - len(imprint.group(0).lstrip()))
        if imprint
        else None,
    )


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
        if not has_hrb and info.partner and not _SLOT_RE.search(info.partner):
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
            names = _written_out(info.director_names)
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
    sig = signature(ctx)
    if sig is None:
        return []
    info = analyse_signature(sig.text)
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
        replacement = line.replace(info.director_names, _written_out(info.director_names), 1)
    else:
        if info.bare_ug and anchor == info.form_line:
            line = _full_ug(line)
        added = " · ".join(_detail_parts(info, missing, ctx.language, filled=False))
        if "first_names" in missing and info.director_names:
            written = _SLOTS[ctx.language]["directors"].format(_written_out(info.director_names))
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
    rewrite="Add the missing details under the company line, e.g. 'Routely GmbH · Sitz: Berlin · Amtsgericht "
    "Charlottenburg, HRB 123456 B · Geschäftsführer: Max Mustermann'.",
    bad=(
        "Betreff: Rampenplanung in Kassel\n\nGuten Tag Frau Albrecht,\n\nIhr Lager in Kassel fertigt laut "
        "Newsletter rund 400 Lkw am Tag ab. Wäre ein Vergleich mit der Hartung Spedition für Sie interessant?"
        "\n\nViele Grüße\nLena Hofmann\n⟦Rampenplan GmbH⟧\nTel. +49 561 555 0148",
        "Subject: Dock slots in Kassel\n\nHi Petra,\n\nYour newsletter says the Kassel warehouse ships about 400 "
        "trucks a day. Would a comparison with Hartung be useful?\n\nBest regards,\nLena Hofmann\n"
        "⟦Rampenplan AG⟧\nSitz: Kassel · Amtsgericht Kassel HRB 19876\nVorstand: Matthias Rampe",
    ),
    good=(
        "Betreff: Rampenplanung in Kassel\n\nGuten Tag Frau Albrecht,\n\nIhr Lager in Kassel fertigt laut Newsletter "
        "rund 400 Lkw am Tag ab. Wäre ein Vergleich mit der Hartung Spedition für Sie interessant?\n\nViele Grüße\n"
        "Lena Hofmann\nRampenplan GmbH\nSitz: Kassel · Amtsgericht Kassel HRB 19876\nGeschäftsführer: Matthias Rampe",
        "Betreff: Rampenplanung\n\nGuten Tag Frau Albrecht,\n\nWäre ein Vergleich mit Hartung für Sie interessant?"
        "\n\nViele Grüße\nLena Hofmann\nRampenplan AG\nSitz der Gesellschaft: Kassel\nRegistergericht: Amtsgericht "
        "Kassel, HRB 19876\nVorstand: Matthias Rampe (Vorsitzender), Dr. Eva Kern\nVorsitzender des Aufsichtsrats: "
        "Peter Hahn",
    ),
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
    rewrite="Keep the link if you like, and add the missing details to the signature, e.g. 'Sitz: Berlin · "
    "Amtsgericht Charlottenburg, HRB 123456 B · Geschäftsführer: Max Mustermann'.",
    bad=(
        "Betreff: Rampenplanung in Kassel\n\nGuten Tag Frau Albrecht,\n\nIhr Lager in Kassel fertigt laut "
        "Newsletter rund 400 Lkw am Tag ab. Wäre ein Vergleich mit der Hartung Spedition für Sie interessant?"
        "\n\nViele Grüße\nLena Hofmann\nRampenplan GmbH\n⟦Impressum: https://rampenplan.example/impressum⟧",
    ),
    good=(
        "Betreff: Rampenplanung in Kassel\n\nGuten Tag Frau Albrecht,\n\nWäre ein Vergleich mit der Hartung "
        "Spedition für Sie interessant?\n\nViele Grüße\nLena Hofmann\nRampenplan GmbH\nSitz: Kassel · Amtsgericht "
        "Kassel HRB 19876 · Geschäftsführer: Matthias Rampe\nImpressum: https://rampenplan.example/impressum",
    ),
)
def imprint_link_only(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    return _pflicht_findings(ctx, meta, imprint=True)


# ------------------------------------------------------------------------------------------ opt-out, identity

_OBJECTION = {
    "de": re.compile(
        r"abmeld|abzumelden|austrag|abbestell|keine[ \t]+(?:weiteren[ \t]+)?(?:E-?Mails?|Mails?|Nachrichten|Werbung)|"
        r"nicht[ \t]+(?:mehr|wieder)[ \t]+(?:kontaktier|anschreib|schreib|melden|hören|erhalten|zu[ \t]+kontaktier)|"
        r"(?:ich[ \t]+)?(?:melde|schreibe)[ \t]+(?:ich[ \t]+)?(?:mich|Ihnen)[ \t]+(?:auch[ \t]+)?nicht[ \t]+"
        r"(?:mehr|wieder)|widersprech|widerspruch|aus[ \t]+(?:meinem|unserem)[ \t]+Verteiler|[„\"“]Stopp?[“\"”]|"
        r"unsubscrib|opt[ \t-]?out",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"unsubscrib|opt[ \t-]?out|no[ \t]+longer[ \t]+(?:wish|want)|rather[ \t]+not[ \t]+hear|"
        r"(?:don't|do[ \t]+not)[ \t]+(?:want|wish)[ \t]+to[ \t]+(?:hear|receive|get)|"
        r"stop[ \t]+(?:emailing|contacting|receiving|hearing|writing|reaching)|remove[ \t]+you[ \t]+from|"
        r"take[ \t]+you[ \t]+off|(?:won't|will[ \t]+not)[ \t]+(?:email|contact|write[ \t]+to)[ \t]+you[ \t]+again|"
        r"(?:won't|will[ \t]+not)[ \t]+(?:follow[ \t]+up|reach[ \t]+out|write|email)[ \t]+again|"
        r"reply[ \t]+(?:with[ \t]+)?[\"“'‘]?(?:stop|remove|unsubscribe)\b",
        re.IGNORECASE,
    ),
}
_OBJECTION_LINE = {
    "de": "Wenn Sie keine weiteren E-Mails von mir wünschen, antworten Sie kurz mit „Abmelden“ – ich trage Sie "
    "sofort aus.",
    "en": "If you'd rather not hear from me again, reply “unsubscribe” and I'll take you off my list right away.",
}
_OBJECTION_LAW = {
    "de": "a German advertising email must say how to stop further emails (§7 (2) Nr. 3 UWG)",
    "eu": "EU law asks every marketing email for a simple way to refuse further ones (ePrivacy Directive, Art. 13)",
    "us": "CAN-SPAM requires a clear opt-out notice in every commercial email (15 U.S.C. §7704)",
}


def _has_objection(ctx: CheckContext) -> bool:
    text = ctx.body.text + "\n" + ctx.document.signature
    return any(pattern.search(text) for pattern in _OBJECTION.values())


def _closing_sentence(ctx: CheckContext) -> Sentence | None:
    sentences = content_sentences(ctx) or ctx.sentences
    ended = [s for s in sentences if s.text.rstrip().endswith((".", "?", "!", "…"))]
    return (ended or sentences or [None])[-1]


@register(
    code="CO003",
    slug="no-objection-line",
    category=CATEGORY,
    severity=Severity.ERROR,
    message="No way to object to further emails",
    why="Every advertising email needs a working way to stop further ones: in Germany §7 (2) Nr. 3 UWG, in "
    "the EU the ePrivacy Directive (Art. 13), in the US CAN-SPAM. One plain sentence does it. Runs when a "
    "jurisdiction is configured or the recipient's address implies one.",
    rewrite="Add one sentence after your ask, e.g. 'Wenn Sie keine weiteren E-Mails von mir wünschen, antworten "
    "Sie kurz mit „Abmelden“ – ich trage Sie sofort aus.'",
    bad=(
        "Betreff: Rampenplanung in Kassel\nAn: Petra Albrecht <p.albrecht@seeberg-logistik.de>\n\nGuten Tag Frau "
        "Albrecht,\n\nIhr Lager in Kassel fertigt laut Newsletter rund 400 Lkw am Tag ab. ⟦Wäre ein Vergleich mit "
        "der Hartung Spedition für Sie interessant?⟧\n\nViele Grüße\nLena Hofmann\nRampenplan GmbH",
    ),
    good=(
        "Betreff: Rampenplanung in Kassel\nAn: Petra Albrecht <p.albrecht@seeberg-logistik.de>\n\nGuten Tag Frau "
        "Albrecht,\n\nIhr Lager in Kassel fertigt laut Newsletter rund 400 Lkw am Tag ab. Wäre ein Vergleich mit "
        "der Hartung Spedition für Sie interessant?\n\nWenn Sie keine weiteren E-Mails von mir wünschen, antworten "
        "Sie kurz mit „Abmelden“.\n\nViele Grüße\nLena Hofmann\nRampenplan GmbH",
        "Betreff: Rampenplanung in Kassel\n\nGuten Tag Frau Albrecht,\n\nIhr Lager in Kassel fertigt laut "
        "Newsletter rund 400 Lkw am Tag ab. Wäre ein Vergleich mit Hartung für Sie interessant?\n\nViele Grüße\n"
        "Lena Hofmann",
    ),
)
def no_objection_line(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    where = _outreach_jurisdiction(ctx)
    if where is None or _has_objection(ctx):
        return []
    closing = _closing_sentence(ctx)
    if closing is None:
        return []
    text = closing.text.rstrip()
    line = _OBJECTION_LINE[ctx.language]
    return [
        RawFinding(
            meta,
            ctx.body,
            closing.start_char,
            closing.start_char + len(text),
            (suggestion(f"{text}\n\n{line}", f"Add this sentence after your ask: {line}", UNSAFE),),
            f"No way to object to further emails: {_OBJECTION_LAW[where]}",
        )
    ]


_ADDRESS = re.compile(
    r"\b[A-ZÄÖÜ][\wäöüß.\-]*(?:straße|strasse|str\.|weg|platz|allee|ring|gasse|damm|ufer|chaussee|markt|steig|"
    r"pfad|kai|hof|berg)[ \t]+\d+[ \t]?[a-z]?\b"
    r"|\b(?:Am|An[ \t]+der|An[ \t]+den|Im|In[ \t]+der|Auf[ \t]+der|Zum|Zur|Unter[ \t]+den)[ \t]+[A-ZÄÖÜ][\wäöüß.\-]+"
    r"[ \t]+\d+[ \t]?[a-z]?\b"
    r"|\b(?:D-)?\d{5}[ \t]+[A-ZÄÖÜ][a-zäöüß]+"
    r"|\b\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+)?[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3}[ \t]+(?:St|Street|Ave|Avenue|"
    r"Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Pl|Place|Ct|Court|Pkwy|Parkway|Hwy|Highway|Sq|Square|Ter|"
    r"Terrace|Cir|Circle|Plaza|Row)\b"
    r"|\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b"
    r"|\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+|\bPostfach[ \t]+\d+|\bPMB[ \t]+\d+"
    r"|(?i:Postanschrift|Anschrift|Adresse|Postal[ \t]+address|Mailing[ \t]+address|Address)[ \t]*:[ \t]*\S"
    r"|\[(?i:Straße|Strasse|Street|Postanschrift|Postal|Address|Adresse|Anschrift)[^\]\n]*\]",
)
_ADDRESS_SLOT = {"de": "[Straße Nr.] · [PLZ Ort]", "en": "[Street address] · [City, State ZIP]"}


def _tail_lines(ctx: CheckContext, count: int = 4) -> list[str]:
    """The short last lines of the body: a sign-off block the region finder did not mark."""
    text = ctx.body.text
    tail = []
    for start, end in reversed(_lines(text)):
        line = text[start:end]
        if len(line.split()) > 6 or line.endswith((".", "?", "!", ":")):
            break
        tail.insert(0, line)
        if len(tail) >= count:
            break
    return tail


def _identity_lines(ctx: CheckContext, sig: Unit | None) -> list[str]:
    lines = _tail_lines(ctx)
    if sig is not None:
        lines += [sig.text[s:e] for s, e in _lines(sig.text)]
    return [line for line in lines if line.strip("-_ ") and not SIGN_OFF.match(line)]


def _has_address(ctx: CheckContext, sig: Unit | None) -> bool:
    lines = _identity_lines(ctx, sig)
    lines.append(ctx.document.headers.get("from", ""))
    return any(_ADDRESS.search(line) for line in lines if "[" in line or ":" in line or any(c.isdigit() for c in line))


def _anchor(ctx: CheckContext, sig: Unit | None) -> tuple[Unit, int, int, str]:
    """Where a finding about the sign-off goes: the signature's last line, else the body's last line."""
    lines = _lines(sig.text) if sig is not None else []
    unit = sig if sig is not None and lines else ctx.body
    span = None
    if unit is sig:
        span = analyse_signature(sig.text).form_line  # under the company line
        if span is None and len(lines) > 1:
            # Past the contact lines: the last line that names a person or company.
            span = next(((s, e) for s, e in reversed(lines) if not _CONTACT.match(sig.text[s:e])), None)
    else:
        lines = _lines(unit.text)
    start, end = span or (lines[-1] if lines else (0, 0))
    return unit, start, end, unit.text[start:end]


@register(
    code="CO004",
    slug="no-postal-address",
    category=CATEGORY,
    severity=Severity.ERROR,
    message="No postal address (CAN-SPAM)",
    why="CAN-SPAM requires the sender's valid physical postal address (a street address, a P.O. box or a "
    "private mailbox) in every commercial email; each email without one can be fined. Runs for the US "
    "jurisdiction.",
    rewrite="Add your company's postal address under your name, e.g. 'Access Audit Co. · 1200 Main Street, "
    "Suite 400 · Austin, TX 78701'.",
    bad=(
        "Subject: Form fixes for Millbrook\nTo: Karen Hughes <khughes@millbrookcounty.gov>\n\nHi Karen,\n\n"
        "Your digital plan says 40 of your 120 forms fail the WCAG 2.2 check. Hartwell fixed 35 forms in four "
        "months with our audit. Would their fix list help your team? If you'd rather not hear from me again, "
        "just reply “unsubscribe”.\n\nBest,\nOwen Price\n⟦Access Audit Co.⟧",
    ),
    good=(
        "Subject: Form fixes for Millbrook\nTo: Karen Hughes <khughes@millbrookcounty.gov>\n\nHi Karen,\n\n"
        "Your digital plan says 40 of your 120 forms fail the WCAG 2.2 check. Would Hartwell's fix list help your "
        "team? If you'd rather not hear from me again, just reply “unsubscribe”.\n\nBest,\nOwen Price\n"
        "Access Audit Co. · 1200 Main Street, Suite 400 · Austin, TX 78701",
    ),
)
def no_postal_address(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if _outreach_jurisdiction(ctx) != "us":
        return []
    sig = signature(ctx)
    if _has_address(ctx, sig):
        return []
    unit, start, end, line = _anchor(ctx, sig)
    if end <= start:
        return []
    slot = _ADDRESS_SLOT[ctx.language]
    return [
        RawFinding(
            meta,
            unit,
            start,
            end,
            (suggestion(f"{line}\n{slot}", f"Add your company's postal address: “{slot}”", UNSAFE),),
            "No postal address: CAN-SPAM requires the sender's valid physical postal address in every commercial email",
        )
    ]


_TITLE_WORDS = word_set(
    """account accounts executive executives manager managerin director direktor direktorin head lead leiter
    leiterin sales vertrieb vertriebs vertriebsleiter vertriebsleiterin berater beraterin consultant senior junior
    key customer success representative rep specialist spezialist spezialistin officer vp vice president ceo cto
    cfo coo cmo founder co-founder cofounder gründer gründerin geschäftsführer geschäftsführerin partner partnerin
    engineer ingenieur ingenieurin sdr bdr ae business development developer manager inhaber inhaberin owner
    referent referentin assistent assistentin mitarbeiter mitarbeiterin kundenberater kundenberaterin
    kommunalberaterin kommunalberater teamleiter teamleiterin bereichsleiter bereichsleiterin marketing
    operations support solutions solution strategic strategy regional area territory global national
    international enterprise principal associate analyst coordinator koordinator koordinatorin advisor
    außendienst innendienst key-account public sector field inside outside de dach emea and und & of für for
    the der die des managing general"""
)
_CONTACT = re.compile(
    r"^(?:(?:Tel|Telefon|Phone|Mobil|Mobile|Handy|Fax|Direkt|Direct|Cell|[TMFP])\b\.?[ \t]*:?[ \t]*)?"
    r"[+(]?\d[\d\s()/.-]{5,}$"
    r"|^(?:(?:E-?Mail|Web|Website|LinkedIn)[ \t]*:[ \t]*)?(?:\S+@\S+|https?://\S+|www\.\S+)$",
    re.IGNORECASE,
)
_PERSON_WORD = r"(?:[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*|\[[^\]\n]{1,30}\])"
_COMPANY_WORDS = frozenset({"gmbh", "ag", "kg", "se", "ug", "ohg", "mbh", "inc", "ltd", "llc", "corp", "plc", "bv"})
_PARTICLES = frozenset({"von", "van", "de", "der", "zu", "da", "di", "le", "du", "ten", "ter", "vom"})
_PERSON = re.compile(
    rf"^(?:(?:Dr|Prof)\.[ \t]+)*{_PERSON_WORD}(?:[ \t]+(?:von|van|de|der|zu|da|di|le|du|ten|ter|vom))*"
    rf"(?:[ \t]+{_PERSON_WORD}){{1,3}}(?=$|[ \t]*[,|·–—-])"
)
_DOMAIN = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:de|com|io|eu|net|org|ai|co|app|tech|biz|at|ch|nl|uk)\b")
_FREEMAIL = re.compile(rf"@(?:{'|'.join(map(re.escape, sorted(FREEMAIL_PROVIDERS)))})\.", re.I)


def _is_person(line: str) -> bool:
    match = _PERSON.match(line.strip())
    if not match:
        return False
    words = [w for w in match.group(0).split() if w not in _PARTICLES and w not in ("Dr.", "Prof.")]
    names = [w for w in words if not w.startswith("[")]
    if not all(w[:1].isupper() for w in names) or any(w.lower() in _COMPANY_WORDS for w in names):
        return False
    return not any(word.lower() in _TITLE_WORDS for word in re.findall(r"[\w&-]+", match.group(0)))


def _is_title_only(line: str) -> bool:
    words = re.findall(r"[\wäöüßÄÖÜ&-]+", line.lower())
    return bool(words) and all(word in _TITLE_WORDS for word in words)


def sender_identity(ctx: CheckContext, sig: Unit | None) -> tuple[bool, bool]:
    """(a full name is visible, a company is visible) in the sign-off, signature or From: header."""
    lines = _identity_lines(ctx, sig)
    sender = ctx.document.headers.get("from", "")
    name_from_header = any(len(name.split()) >= 2 for name, _ in getaddresses([sender]) if name)
    first_person = next((i for i, line in enumerate(lines) if _is_person(line.split("|")[0].split(",")[0])), None)
    has_name = name_from_header or first_person is not None
    has_org = (sig is not None and analyse_signature(sig.text).form is not None) or (
        name_from_header and "@" in sender and not _FREEMAIL.search(sender)
    )
    for index, line in enumerate(lines):
        if _FREEMAIL.search(line):
            continue
        if _DOMAIN.search(line):
            has_org = True  # a company website or e-mail domain
        elif index == first_person:
            rest = re.split(r"[ \t]*[|,·–—][ \t]*", line, maxsplit=1)
            if len(rest) > 1 and rest[1].strip() and not _is_title_only(rest[1]):
                has_org = True
        elif (first_person is not None and index > first_person) and not (
            _CONTACT.match(line) or _is_title_only(line) or _is_person(line) or _ADDRESS.search(line)
        ):
            has_org = True
    return has_name, has_org


_IDENTITY_LAW = {
    "de": "§7 (2) Nr. 3 UWG and §6 DDG require that the sender of an advertising email is clearly identifiable",
    "eu": "EU law requires that the sender of a commercial email is clearly identifiable (e-Commerce Directive, "
    "Art. 6)",
    "us": "CAN-SPAM forbids hiding who sends a commercial email; name the person and the company",
}
_IDENTITY_SLOTS = {
    "de": {"name": "[Vorname Nachname]", "surname": "[Nachname]", "org": "[Position], [Firma]", "close": "Viele Grüße"},
    "en": {
        "name": "[First and last name]",
        "surname": "[Last name]",
        "org": "[Role], [Company]",
        "close": "Best regards,",
    },
}


@register(
    code="CO005",
    slug="no-sender-identity",
    category=CATEGORY,
    severity=Severity.WARNING,
    message="No visible sender identity",
    why="The reader must see who writes and for which company: in Germany §7 (2) Nr. 3 UWG and §6 DDG, in the "
    "EU the e-Commerce Directive, in the US CAN-SPAM. A first name alone hides the sender. Runs when a "
    "jurisdiction is configured or the recipient's address implies one.",
    rewrite="Sign with your full name and your company, e.g. 'Lena Hofmann, Kundenberaterin, Rampenplan GmbH'.",
    bad=(
        "Betreff: Rampenplanung in Kassel\nAn: Petra Albrecht <p.albrecht@seeberg-logistik.de>\n\nGuten Tag Frau "
        "Albrecht,\n\nIhr Lager in Kassel fertigt laut Newsletter rund 400 Lkw am Tag ab. Wäre ein Vergleich mit "
        "der Hartung Spedition für Sie interessant? Wenn Sie keine weiteren E-Mails wünschen, antworten Sie kurz "
        "mit „Abmelden“.\n\nViele Grüße\n⟦Lena⟧",
    ),
    good=(
        "Betreff: Rampenplanung in Kassel\nAn: Petra Albrecht <p.albrecht@seeberg-logistik.de>\n\nGuten Tag Frau "
        "Albrecht,\n\nIhr Lager in Kassel fertigt laut Newsletter rund 400 Lkw am Tag ab. Wäre ein Vergleich mit "
        "der Hartung Spedition für Sie interessant? Wenn Sie keine weiteren E-Mails wünschen, antworten Sie kurz "
        "mit „Abmelden“.\n\nViele Grüße\nLena Hofmann\nKundenberaterin, Rampenplan",
    ),
)
def no_sender_identity(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    where = _outreach_jurisdiction(ctx)
    if where is None:
        return []
    sig = signature(ctx)
    has_name, has_org = sender_identity(ctx, sig)
    if has_name and has_org:
        return []
    unit, start, end, line = _anchor(ctx, sig)
    if end <= start:
        return []
    slots = _IDENTITY_SLOTS[ctx.language]
    added = []
    if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß'’-]+", line.strip()) and not has_name:
        line = f"{line.strip()} {slots['surname']}"
    elif not has_name:
        added.append(slots["name"])
    if not has_org:
        added.append(slots["org"])
    if line.rstrip().endswith((".", "?", "!")):
        block = "\n".join([slots["close"], *(added or [slots["name"], slots["org"]])])
        replacement = f"{line}\n\n{block}"
    else:
        replacement = "\n".join([line, *added])
    missing = [what for what, ok in (("your full name", has_name), ("your company", has_org)) if not ok]
    shown = " / ".join(line for line in replacement.splitlines() if line.strip())
    return [
        RawFinding(
            meta,
            unit,
            start,
            end,
            (suggestion(replacement, f"Sign with {' and '.join(missing)}: “{shown}”", UNSAFE),),
            f"No visible sender identity ({' and '.join(missing)} missing): {_IDENTITY_LAW[where]}",
        )
    ]


# ------------------------------------------------------------------------------------------ legal-risk claims

#: Claims the overpromise packs find, and the kind of legal risk each is (the packs stay the only patterns).
CLAIM_CODES: dict[str, dict[str, str]] = {
    "de": {
        "OP516": "leadership",
        "OP517": "leadership",
        "OP518": "leadership",
        "GP530": "leadership",
        "OP515": "superlative",
        "OP519": "superlative",
        "OP520": "superlative",
        "OP521": "superlative",
        "OP522": "superlative",
        "OP501": "guarantee",
        "OP502": "guarantee",
    },
    "en": {
        "OP108": "leadership",
        "OP109": "leadership",
        "OP110": "superlative",
        "OP118": "superlative",
        "OP119": "superlative",
        "OP101": "guarantee",
    },
}
_RISK = {
    "de": {
        "leadership": "under §5 UWG an unproven leadership claim is misleading advertising that a competitor can "
        "stop with a formal warning (Abmahnung)",
        "superlative": "under §5 UWG an unprovable superlative is misleading advertising that a competitor can "
        "stop with a formal warning (Abmahnung)",
        "guarantee": "a guarantee stated in advertising can bind you (§443 BGB), and one you cannot keep is "
        "misleading advertising under §5 UWG",
    },
    "eu": {
        "leadership": "an unproven leadership claim is misleading advertising under EU law (Directive "
        "2006/114/EC; §5 UWG in Germany) and can be stopped by a competitor",
        "superlative": "an unprovable superlative is misleading advertising under EU law (Directive 2006/114/EC; "
        "§5 UWG in Germany) and can be stopped by a competitor",
        "guarantee": "a guarantee you cannot keep is misleading advertising under EU law (Directive 2006/114/EC; "
        "§5 UWG in Germany) and may bind you as a promise",
    },
}
_FACT_SLOT = {
    "de": {
        "leadership": "[nachprüfbare Tatsache mit Quelle und Stand]",
        "superlative": "[nachprüfbare Tatsache mit Quelle und Stand]",
        "guarantee": "[belegtes Kundenergebnis mit Quelle und Stand]",
    },
    "en": {
        "leadership": "[checkable fact with source and date]",
        "superlative": "[checkable fact with source and date]",
        "guarantee": "[documented customer result with source and date]",
    },
}


def _claims_law(ctx: CheckContext) -> str | None:
    """Which law's wording CO006 uses, or None when it does not apply to this email."""
    configured = ctx.option("jurisdiction", None)
    where = jurisdiction(ctx)
    if where in ("de", "eu"):
        return where
    if ctx.language == "de" and configured is None and where is None:
        return "de"
    return None


def _slot_suggestion(kind: str, language: str, example: str | None) -> Suggestion:
    slot = _FACT_SLOT[language][kind]
    if example is None:
        description = "Put a fact a competitor could check (figure, source, date) in its place."
    elif language == "de":
        description = f"Put a fact a competitor could check (figure, source, date) in its place, e.g. “{example}”"
    else:
        description = f"Put a fact a competitor could check (figure, source, date) in its place. {example}"
    return Suggestion(slot, description, FixSafety.NONE)


def _upgrade(finding: RawFinding, kind: str, language: str, law: str) -> None:
    """Give a pack finding for a legal-risk claim its legal explanation and a fact slot (once)."""
    base = finding.message or finding.meta.message
    if "UWG" not in base and "§" not in base:
        finding.message = f"{base}; legal risk: {_RISK[law][kind]}"
    slot = _slot_suggestion(kind, language, None)  # the pack's own rewrite stays as the example
    if any(s.replacement == slot.replacement for s in finding.suggestions):
        return
    first = finding.suggestions[:1]
    if first and first[0].replacement is not None:
        finding.suggestions = (first[0], slot, *finding.suggestions[1:])
    else:
        finding.suggestions = (slot, *finding.suggestions)


class ClaimEngine:
    """The packs' claim rules, compiled for the Linter's vocabulary and run on its analysed units: used for
    the claims those rules did not report themselves (because they are switched off)."""

    def __init__(self, language: str, vocab: Vocab) -> None:
        tokenizer = _blank_tokenizer(language)  # only splits the patterns into words

        def tokenize(text: str) -> list[str]:
            return [t.text for t in tokenizer(text)]

        codes = CLAIM_CODES[language]
        rules = [r for r in load_directory(builtin_rules_dir()) if r.meta.code in codes and r.meta.language == language]
        self.codes = {r.meta.code for r in rules}
        self.vocab = vocab
        self.engine = PhraseEngine(rules, language, SimpleNamespace(vocab=vocab, tokenizer=tokenizer))
        # A pattern can only match where every word it requires occurs: an index on its rarest-looking word
        # (the longest) and the other required words make that check a few set lookups per email.
        self.index: dict[str, list[tuple[frozenset[str], ...]]] = {}
        self.always = False
        for rule in rules:
            for pattern in rule.patterns:
                # anchor_forms of a single token: the lower-case forms it requires (None: optional or a gap).
                required = [anchor_forms([t]) for t in compile_pattern(pattern, language, tokenize).tokens]
                forms = sorted((f for f in required if f), key=lambda f: -min(map(len, f)))
                if not forms:
                    self.always = True
                    continue
                for form in forms[0]:
                    self.index.setdefault(form, []).append(tuple(forms[1:]))
        self.keys = frozenset(self.index)
        self.lock = threading.Lock()

    def could_match(self, unit: Unit) -> bool:
        if self.always:
            return True
        words = unit.lower_set
        return any(
            all(not forms.isdisjoint(words) for forms in rest)
            for word in self.keys.intersection(words)
            for rest in self.index[word]
        )

    def run(self, unit: Unit) -> list[RawFinding]:
        if not self.could_match(unit):
            return []
        with self.lock:
            return self.engine.run(unit, self.codes)


_ENGINES: dict[tuple[str, int], ClaimEngine] = {}
_ENGINES_LOCK = threading.Lock()


@cache
def _blank_tokenizer(language: str):
    import spacy

    return spacy.blank(language).tokenizer


def claim_engine(language: str, vocab: Vocab) -> ClaimEngine:
    """One engine per language and vocabulary (a Linter with a trained pipeline has its own)."""
    key = (language, id(vocab))
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None or engine.vocab is not vocab:
            engine = _ENGINES[key] = ClaimEngine(language, vocab)
        return engine


@register(
    code="CO006",
    slug="legal-risk-claim",
    category=CATEGORY,
    severity=Severity.ERROR,
    message="Leadership, superlative or guarantee claim with a legal risk",
    why="Under §5 UWG a claim to lead the market, to be the best or to guarantee a result is misleading "
    "advertising unless you can prove it when you send it, and competitors can stop it with a formal warning. "
    "The overpromise rules find these claims; this check adds the legal reading for German emails and the "
    "de/eu jurisdictions, and reports the claims itself when the overpromise rules are switched off.",
    rewrite="Replace the claim with a fact a competitor could check, with source and date, e.g. 'Seit 2019 nutzen "
    "140 Logistiker im DACH-Raum unsere Software (Stand: 03/2026).'",
    bad=(
        "Betreff: Tourenplanung\n\nGuten Tag Frau Albrecht,\n\nwir sind ⟦Marktführer⟧ in der Tourenplanung. Wäre "
        "ein Vergleich mit der Hartung Spedition für Sie interessant?\n\nViele Grüße\nLena Hofmann",
        "Betreff: Rampen\n\nGuten Tag Frau Albrecht,\n\nmit uns sparen Sie ⟦garantiert⟧ 20 % Wartezeit an den "
        "Rampen. Wäre ein Vergleich mit Hartung für Sie interessant?\n\nViele Grüße\nLena Hofmann",
    ),
    good=(
        "Betreff: Tourenplanung\n\nGuten Tag Frau Albrecht,\n\nseit 2019 nutzen 140 Speditionen unsere "
        "Tourenplanung (Stand: 03/2026). Wäre ein Vergleich mit Hartung für Sie interessant?\n\nViele Grüße\n"
        "Lena Hofmann",
        "Subject: Route planning\n\nHi Petra,\n\nWe are the market leader in route planning. Worth a look?\n\n"
        "Best,\nLena",
    ),
)
def legal_risk_claim(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    law = _claims_law(ctx)
    if law is None:
        return []
    codes = CLAIM_CODES[ctx.language]
    reported = [f for f in ctx.phrase_findings if f.meta.code in codes]
    for finding in reported:
        _upgrade(finding, codes[finding.meta.code], ctx.language, law)
    engine = claim_engine(ctx.language, ctx.body.doc.vocab)
    findings = []
    for unit in (u for u in (ctx.subject, ctx.body) if u is not None):
        for found in engine.run(unit):
            if any(f.unit is unit and f.start < found.end and found.start < f.end for f in reported):
                continue  # the pack rule reported it (and was upgraded above)
            kind = codes[found.meta.code]
            start, end = found.start, found.end
            taken = found.suggestions[0].replacement if found.suggestions else None
            if taken and unit.text[start:end].endswith(taken[:1].lower() + taken[1:]):
                end -= len(taken)  # a deletion at a sentence start also took the next word: give it back
            claim = unit.text[start:end].strip()
            end = start + len(unit.text[start:end].rstrip())
            findings.append(
                RawFinding(
                    meta,
                    unit,
                    start,
                    end,
                    (_slot_suggestion(kind, ctx.language, found.meta.rewrite),),
                    f"Legal risk in “{claim}”: {_RISK[law][kind]}",
                )
            )
    return findings
