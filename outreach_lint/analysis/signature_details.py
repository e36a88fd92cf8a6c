"""What a signature says about the sender's company: its legal form, seat, register court and number,
managing directors, board, supervisory board chair, general partner and imprint link (regular expressions
only; one analysis per signature text, cached).

The details the law requires of each legal form are ``outreach_lint/data/pflichtangaben.toml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..signals import word_set
from .legalforms import GERMAN_FORMS
from .names import DEGREES
from .signoff import filled_line_spans

# Values: a place name ("Frankfurt am Main", "Halle (Saale)"), or a slot / merge field that stands for one.
_SLOT = r"(?:\[[^\]\n]{1,60}\]|\{\{?[^}\n]{1,60}\}?\}|\*\|[^|\n]{1,40}\|\*|%[A-Za-z_.]{1,40}%)"
_CITY = (
    r"(?:[A-ZÄÖÜ][\wäöüß.\-]*(?:[ \t]+(?:am|an[ \t]+der|im|in[ \t]+der|ob[ \t]+der|bei|vor[ \t]+der)[ \t]+"
    r"[A-ZÄÖÜ][\wäöüß.\-]*|[ \t]+a\.[ \t]?M\.|[ \t]+i\.[ \t]?Br\.|[ \t]*\([A-ZÄÖÜ][^)\n]{0,20}\))?)"
)
SLOT = re.compile(_SLOT)
_VALUE = rf"(?:{_SLOT}|{_CITY})"
_REGISTER_KIND = r"(?:HR[ \t]?[AB]|PR|GnR|VR)"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (form.name, re.compile(form.signature)) for form in GERMAN_FORMS if form.signature
)
#: "AG Köln, HRB 1234" and "beim AG München": the court, not the legal form.
_AG_AS_COURT_AFTER = re.compile(rf"[ \t]+{_CITY}[ \t]*[,:·|]?[ \t]*(?:{_REGISTER_KIND}|Handelsregister)\b")
_AG_AS_COURT_BEFORE = re.compile(
    r"(?i:beim|am|vom|Registergericht|Handelsregister|eingetragen|Amtsgericht|Gericht)[ \t:]*$"
)
_JOB_BEFORE = re.compile(r"(?i:Senior|Junior|Lead|Principal|Staff)[ \t]*$")
_LONGEST_COURT_WORD = len("Registergericht")
_LONGEST_JOB_WORD = len("Principal")
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
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.?$")
_INITIAL_BEFORE_NAME = re.compile(r"\b[A-ZÄÖÜ]\.(?=[ \t]+[A-ZÄÖÜ])")
_NAME_WORDS = re.compile(r"[A-ZÄÖÜ][\wäöüß'’.-]*|[a-zäöüß]+")
_BARE_UG = re.compile(r"\bUG\b(?![ \t]*\()")


def _name_status(names: str) -> str:
    """'ok' (at least one surname with a written-out first name), 'initials' or 'missing'."""
    names = _NAMES_END.split(names, maxsplit=1)[0].strip()
    if SLOT.search(names):
        return "ok"
    found_initials = False
    for name in _NAME_SPLIT.split(names):
        words = _NAME_WORDS.findall(DEGREES.sub(" ", name))
        words = [w for w in words if w not in ("von", "van", "de", "zu", "der", "den", "ten", "da", "di", "le")]
        capitalised = [w for w in words if w[:1].isupper()]
        if len(capitalised) < 2:
            continue
        if _INITIAL.match(capitalised[0]):
            found_initials = True
            continue
        return "ok"
    return "initials" if found_initials else "missing"


def written_out(names: str) -> str:
    """The names with initials replaced by a first-name slot: "M. Mustermann" → "[Vorname] Mustermann"."""
    return _INITIAL_BEFORE_NAME.sub("[Vorname]", _NAMES_END.split(names, maxsplit=1)[0].strip())


def full_ug(text: str) -> str:
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
    """The line (of ``_lines``: disjoint, in text order) that holds ``pos``, found by a binary search."""
    index = bisect.bisect_left(lines, (pos + 1,)) - 1
    if index >= 0 and lines[index][0] <= pos <= lines[index][1]:
        return lines[index]
    return pos, pos


#: Cheap substring tests that gate the regexes (most signatures name no legal form at all).
_FORM_HINTS: dict[str, tuple[str, ...]] = {form.name: form.hints for form in GERMAN_FORMS}


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
                if _AG_AS_COURT_AFTER.match(text, match.end()) or _court_word_before(text, match.start()):
                    continue
                if form == "SE" and _job_title_before(text, match.start()):
                    continue
            if form == "GmbH & Co. KG":
                return form, match  # the most specific form wins wherever it stands
            if best is None or match.start() < best[1].start():
                best = (form, match)
            break
    return best


def _court_word_before(text: str, at: int) -> bool:
    """Whether a court word ("Amtsgericht", "beim") ends the line right before ``at`` (spaces, tabs and colons
    between): "AG" there is the Amtsgericht. Only the few characters the word can take are searched."""
    end = at
    while end > 0 and text[end - 1] in " \t:":
        end -= 1
    start = max(end - _LONGEST_COURT_WORD, text.rfind("\n", max(0, end - _LONGEST_COURT_WORD), end) + 1, 0)
    return _AG_AS_COURT_BEFORE.search(text[start:at] + " ") is not None


def _job_title_before(text: str, at: int) -> bool:
    """Whether "Senior", "Lead" … stands right before ``at``: "Senior SE" is a job, not a Societas Europaea."""
    end = at - 1 if text[at - 1 : at] == "\n" else at  # "$" also matches before a final line break
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return _JOB_BEFORE.search(text, max(0, end - _LONGEST_JOB_WORD), at) is not None


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


def _court(text: str, lines: list[tuple[int, int]]) -> str | None:
    """The register court ("Amtsgericht Köln"), or a slot that stands for it."""
    match = next(_scan(_COURT, text, lines, _COURT_HINT), None)
    if match is None:
        return None
    value = next(v for v in match.groups() if v).strip()
    return value if value.startswith(("{", "*", "%")) else f"Amtsgericht {value}"


def _registers(text: str, lines: list[tuple[int, int]]) -> tuple[tuple[str, str], ...]:
    """(kind, "kind number") of every register entry ("HRB", "HRB 12345")."""
    registers = []
    for m in _scan(_REGISTER, text, lines, _REGISTER_HINT):
        kind = (m.group("kind") or m.group("kind2") or "").replace(" ", "").replace("\t", "")
        number = (m.group("num") or m.group("num2") or "").strip()
        registers.append((kind, f"{kind} {number}".strip()))
    return tuple(registers)


def _directors(text: str, lines: list[tuple[int, int]]) -> tuple[str, str, tuple[int, int] | None]:
    """(status, names, line) of the managing directors: a "Geschäftsführer: …" line, else a name line above a
    "Geschäftsführer" title line ("ok", "initials" or "missing", see ``_name_status``)."""
    directors, names, director_line = "missing", "", None
    for m in _scan(_DIRECTORS, text, lines, _DIRECTORS_HINT):
        status = _name_status(m.group("names"))
        if status == "ok" or directors == "missing":
            directors, names = status, _NAMES_END.split(m.group("names"), maxsplit=1)[0].strip()
            director_line = _line_of(lines, m.start())
        if status == "ok":
            break
    if directors != "ok" and _hint(text.lower(), "geschäftsführer", "managing director"):
        for index, (start, end) in enumerate(lines):
            if (
                index
                and _DIRECTOR_TITLE.match(text[start:end])
                and _name_status(text[slice(*lines[index - 1])]) == "ok"
            ):
                return "ok", text[slice(*lines[index - 1])], (start, end)
    return directors, names, director_line


@lru_cache(maxsize=512)
def analyse_signature(text: str) -> SignatureInfo:
    """Legal form, register details, officers and imprint link of a signature (regexes only, cached)."""
    lines = filled_line_spans(text)
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
        company = full_ug(company)
    low = text.lower()
    foreign = _hint(low, *_FOREIGN_HINTS) and bool(_FOREIGN.search(text) and not _GERMAN.search(text))
    seat = next((m.group("value").strip() for m in _scan(_SEAT, text, lines, _SEAT_HINT)), None)
    directors, names, director_line = _directors(text, lines)
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
        court=_court(text, lines),
        registers=_registers(text, lines),
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
