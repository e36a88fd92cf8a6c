"""What the anti-spam laws ask of an advertising email: a way to object to further emails, a postal address,
and a visible sender (the laws they cite are ``outreach_lint/data/outreach_laws.toml``).

CO003  No objection / opt-out line (de: §7 UWG, eu: ePrivacy Directive, us: CAN-SPAM).
CO004  No postal address (us: CAN-SPAM).
CO005  No visible sender identity: full name and company.

They run only for a jurisdiction: the configured ``jurisdiction`` ("de", "eu", "us"; "none" switches them off)
or, when none is configured, the recipient's address in a ``To:``/``An:`` header (.de → de; an EU country code
or .eu → eu; .us/.gov/.mil/.edu → us). A draft without either is not checked: whether a German email needs the
line depends on consent and context the linter cannot see. They stay silent for replies (a quoted message,
In-Reply-To or References), with ``footer-injected = true``, and when the body or signature has a footer merge
field (``*|UNSUB|*``, ``{{unsubscribe_link}}``, ``[Abmeldelink]`` …): ``analysis.jurisdiction``.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

from ...analysis.context import CheckContext, RawFinding
from ...analysis.legalforms import COMPANY_WORDS
from ...analysis.signoff import SIGN_OFF, filled_line_spans, short_last_lines
from ...analysis.units import Sentence, Unit
from ...data import load
from ...models import FixSafety, Severity
from ...prospect import FREEMAIL_PROVIDERS
from ...rulepack import RuleMeta
from ...signals import word_set
from ..base import suggestion
from ..registry import register

CATEGORY = "compliance"
UNSAFE = FixSafety.UNSAFE
_LAWS = load("outreach_laws")


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


def _has_objection(ctx: CheckContext) -> bool:
    text = ctx.body.text + "\n" + ctx.signature.text
    return any(pattern.search(text) for pattern in _OBJECTION.values())


def _closing_sentence(ctx: CheckContext) -> Sentence | None:
    sentences = ctx.content or ctx.sentences
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
    rewrite="Add one sentence after your ask.",
    example="Wenn Sie keine weiteren E-Mails von mir wünschen, antworten Sie kurz mit „Abmelden“ – ich trage Sie "
    "sofort aus.",
)
def no_objection_line(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    where = ctx.optout_jurisdiction
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
            f"No way to object to further emails: {_LAWS['objection'][where]}",
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


def _identity_lines(ctx: CheckContext, sig: Unit | None) -> list[str]:
    lines = short_last_lines(ctx.body.text)
    if sig is not None:
        lines += [sig.text[s:e] for s, e in filled_line_spans(sig.text)]
    return [line for line in lines if line.strip("-_ ") and not SIGN_OFF.match(line)]


def _has_address(ctx: CheckContext, sig: Unit | None) -> bool:
    lines = _identity_lines(ctx, sig)
    lines.append(ctx.document.headers.get("from", ""))
    return any(_ADDRESS.search(line) for line in lines if "[" in line or ":" in line or any(c.isdigit() for c in line))


def _anchor(ctx: CheckContext, sig: Unit | None) -> tuple[Unit, int, int, str]:
    """Where a finding about the sign-off goes: the signature's last line, else the body's last line."""
    lines = filled_line_spans(sig.text) if sig is not None else []
    unit = sig if sig is not None and lines else ctx.body
    span = None
    if unit is sig:
        span = ctx.signature.details.form_line  # under the company line
        if span is None and len(lines) > 1:
            # Past the contact lines: the last line that names a person or company.
            span = next(((s, e) for s, e in reversed(lines) if not _CONTACT.match(sig.text[s:e])), None)
    else:
        lines = filled_line_spans(unit.text)
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
    rewrite="Add your company's postal address under your name.",
    example="Access Audit Co. · 1200 Main Street, Suite 400 · Austin, TX 78701",
)
def no_postal_address(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    if ctx.optout_jurisdiction != "us":
        return []
    sig = ctx.signature.unit
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
            f"No postal address: {_LAWS['postal-address']['us']}",
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
    if not all(w[:1].isupper() for w in names) or any(w.lower() in COMPANY_WORDS for w in names):
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
    has_org = (sig is not None and ctx.signature.details.form is not None) or (
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
    rewrite="Sign with your full name and your company.",
    example="Lena Hofmann, Kundenberaterin, Rampenplan GmbH",
)
def no_sender_identity(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    where = ctx.optout_jurisdiction
    if where is None:
        return []
    sig = ctx.signature.unit
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
            f"No visible sender identity ({' and '.join(missing)} missing): {_LAWS['identity'][where]}",
        )
    ]
