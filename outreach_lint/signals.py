"""Specific details: the signals that show the sender read about the recipient.

What counts as a *specific detail* (the research checks look for at least one):

- a date: "14 January 2026", "3. März", "March 2026", "20.05.2026", "2026-03-03", a year ("2025 annual report");
- a period: a quarter or half-year ("Q3 2026", "Q3", "3. Quartal", "third quarter", "H1", "erstes Halbjahr",
  "fiscal 2025", "Geschäftsjahr 2025");
- money ("€380,000", "$48 million", "3,2 Mio. Euro", "EUR 5.000"), a percentage ("2.1%", "1,8 %", "27 Prozent"),
  a number with a unit or a noun ("14 sales roles", "4.200 Paletten", "11 days");
- a name: with a prospect context the prospect's company, its aliases and the recipient's full name; in
  English capitalised multi-word names ("Harbor State Bank", "Retail Week"); in both languages organisations
  with a legal form ("Seeberg Logistik GmbH") and named sites or institutions ("Werk Gotha", "Stadt Lindenau");
- a prospect fact (post, news item, report figure) that the email quotes;
- the entities of a trained spaCy pipeline (ORG, PERSON, GPE, DATE, MONEY, …) when one is configured.

The research checks then drop what says nothing about the recipient: details in sentences about the sender
("We have served 800 customers since 2009", "After switching to Ledgerly, they cut costs by 63 %": a sentence
that names the sender's company from the signature counts as one), numbers in claims and offers ("will cut
your costs by 30 %", "100 %", "30 % Rabatt"), the sender's deadlines ("until 30 November", "bis zum 29.
November"), call lengths ("15 minutes"), years of experience, names from the sender's signature, job titles,
and in the subject a bare month ("Aktion im November") or the company of a case study ("How Brookfield
Pharma cut …", whose sentences in the body are then about someone else too).

Detection runs one compiled pattern per language over the text, lazily and in text order, so a check that
needs one detail stops at the first. (spaCy's Matcher was measured at about 30 µs per sentence and over
200 µs per email for these patterns, several times the whole budget of the research checks; the regular
expression finds the same token sequences in a few microseconds.)
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .analysis.legalforms import LEGAL_FORM
from .prospect import Prospect

#: Signal kinds. Numeric kinds are dropped in claims; "first-name" is never a detail on its own.
KINDS = (
    "date",
    "period",
    "month",
    "year",
    "money",
    "percent",
    "quantity",
    "name",
    "prospect",
    "first-name",
    "fact",
    "entity",
)
NUMERIC = frozenset({"money", "percent", "quantity"})


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(words.split())


DATED = frozenset({"date", "period", "month", "year"})


@dataclass(frozen=True, slots=True)
class Signal:
    """One specific detail: its kind and character range in the text it was found in."""

    kind: str
    start: int
    end: int
    text: str


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
_MONTHS_EN += ("November", "December")
_MONTHS_DE = ("Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September")
_MONTHS_DE += ("Oktober", "November", "Dezember")
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Okt", "Nov", "Dec")
_ABBREVIATIONS += ("Dez",)
MONTH_NUMBER = {
    **{name.lower(): i + 1 for i, name in enumerate(_MONTHS_EN)},
    **{name.lower(): i + 1 for i, name in enumerate(n for n in _MONTHS_DE if n != "Jänner")},
    "jänner": 1,
    **{a.lower(): n for a, n in zip(_ABBREVIATIONS, (1, 2, 3, 3, 4, 6, 7, 8, 9, 9, 10, 10, 11, 12, 12), strict=True)},
}
_MONTH = (
    r"(?:"
    + "|".join(sorted({*_MONTHS_EN, *_MONTHS_DE}, key=len, reverse=True))
    + r"|(?:"
    + "|".join(_ABBREVIATIONS)
    + r")\b\.?)"
)
_MONTH_ALONE = "|".join(m for m in sorted({*_MONTHS_EN, *_MONTHS_DE}, key=len, reverse=True) if m != "May")
_YEAR = r"(?:19|20)\d\d"
_SP = r"[ \t\u00a0]{1,3}"
_SP0 = r"[ \t\u00a0]{0,3}"
_NUM = r"\d[\d.,]*(?<![.,])"
_SCALE = r"(?:k|m|bn|million|billion|Mio\.|Mrd\.|Millionen|Milliarden|Tsd\.)"
_CURRENCY = r"(?:€|£|\$|EUR\b|Euro\b|USD\b|US-Dollar\b|Dollar\b|dollars\b|GBP\b|pounds\b|CHF\b|Franken\b)"

_B = r"(?<![\w.,/-])"  # no letter, digit or number punctuation right before

#: Signals that start with a digit or a currency sign, tried at each number (``.match``, never a scan).
_DIGIT_LED = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern})"
        for kind, pattern in (
            (
                "date",
                rf"\d{{1,2}}\.{_SP0}\d{{1,2}}\.{_SP0}(?:19|20)?\d\d\b"
                rf"|{_YEAR}-[01]\d-[0-3]\d\b"
                rf"|\d{{1,2}}/\d{{1,2}}/(?:19|20)?\d\d\b"
                rf"|\d{{1,2}}(?:\.|st|nd|rd|th)?{_SP}(?:of{_SP})?{_MONTH}(?:,?{_SP}{_YEAR}\b)?",
            ),
            ("period", rf"[1-4]\.{_SP0}(?:Quartal|Halbjahr)\w*(?:{_SP}{_YEAR}\b)?|[1-4]Q{_SP0}(?:19|20)?\d\d\b"),
            (
                "money",
                rf"[€$£]{_SP0}{_NUM}(?:{_SP0}{_SCALE}(?!\w))?|{_NUM}{_SP0}(?:{_SCALE}{_SP0})?{_CURRENCY}",
            ),
            ("percent", rf"{_NUM}{_SP0}(?:%|(?i:percent|per cent|prozentpunkte|prozent|pct|percentage points)\b)"),
            ("year", r"(?:19[5-9]\d|20[0-4]\d)\b(?![.,]\d)"),
            ("quantity", rf"{_NUM}\+?{_SP0}[A-Za-zÄÖÜäöüß][\w-]*"),
        )
    )
)
_DIGIT_START = re.compile(r"[0-9€$£]+")
#: Q3, H1, FY25, GJ 2025, EUR 5.000: found by their capital letters, then matched in full.
_CODE_LED = re.compile(
    rf"(?P<period>(?:Q[1-4]|H[12])(?:[ /-]?(?:FY)?{_SP0}(?:19|20)?\d\d)?\b|(?:FY|GJ)[ -]?(?:19|20)?\d\d\b)"
    rf"|(?P<money>(?:EUR|USD|GBP|CHF){_SP0}{_NUM}(?:{_SP0}{_SCALE}(?!\w))?)"
)
#: Where a code ("Q3", "FY25", "EUR 5.000") or a month name ("March 2026", "14. März") starts: one scan for both.
_ANCHOR_START = re.compile(
    r"(?:Q[1-4]|H[12]|FY|GJ|EUR|USD|GBP|CHF|"
    + "|".join(sorted({*_MONTHS_EN, *_MONTHS_DE, *_ABBREVIATIONS}, key=len, reverse=True))
    + r")(?![A-Za-zäöü])"
)
_MONTH_LED = re.compile(
    rf"(?P<date>{_MONTH}{_SP}\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?{_SP}{_YEAR}\b)?|{_MONTH}{_SP}(?:of{_SP})?{_YEAR}\b)"
    rf"|(?P<month>(?:{_MONTH_ALONE})\b)"
)
#: "first quarter of 2026", "drittes Quartal", "fiscal 2025", "Geschäftsjahr 2025" (rare: only after a keyword).
_PERIOD_WORDS_HINT = ("uarter", "Quartal", "Halbjahr", "half", "iscal", "inancial", "schaftsjahr", "äftsjahr")
_PERIOD_WORDS = re.compile(
    rf"\b(?:[Ff]iscal|[Ff]inancial){_SP}(?:year{_SP})?{_YEAR}\b"
    rf"|\b(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th){_SP}(?:quarter|half)(?:{_SP}(?:of{_SP})?{_YEAR}\b)?"
    rf"|\b(?:[Ee]rst|[Zz]weit|[Dd]ritt|[Vv]iert)e[nmrs]?{_SP}(?:Quartal|Halbjahr)\w*(?:{_SP}{_YEAR}\b)?"
    rf"|\b(?:Geschäftsjahr|Wirtschaftsjahr){_SP}{_YEAR}(?:/\d\d)?\b"
)
_ORG_NAME_BEFORE = re.compile(r"(?:[A-ZÄÖÜ][\w&.'’-]*[ \t]+){1,4}\Z")
_SITE = re.compile(
    r"(?:Stadt|Landkreis|Gemeinde|Werk|Standort|Lager|Niederlassung|Hafen|Flughafen|Spedition|Drogeriekette|"
    r"Sparkasse|Volksbank|Stadtwerke|Klinikum|Universität|Hochschule|Messe)[ \t]+"
    r"(?!Ihr|Sie\b|Unser|Ihnen)[A-ZÄÖÜ][\wäöüß-]+"
)
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ][\wà-ÿ'’&-]*+|(?:St|Dr|Mr|Mrs|Ms|Mt|Inc|Co|Corp|Ltd|Jr|Sr|Prof)\.)"
#: Starts only where a word starts (the boundary ``_boundary`` checks) and never gives back a word's letters:
#: a long capitalised run such as "TomTomTom…" is then tried once, not once per capital (quadratic).
_EN_NAME = re.compile(
    rf"(?<![\w.,/-])[A-Z](?:[a-zà-ÿ][\wà-ÿ'’&-]*+|[a-z]{{1,3}}\.)"
    rf"(?:[ \t]+(?:(?:&|and|of|de|van|von|der|du|la)[ \t]+)?{_NAME_WORD})+"
)


#: The first word of a capitalised run that is not part of a name ("The", "Our", "Hi", …).
NAME_STOP = word_set(
    """a an the our we i i'm i've i'd i'll my your you you're this that these those it its it's in at on for if when
    as with from to and but so or hi hello hey dear best kind thanks thank do does did would could can are is was
    were what how why who where which let looking please most many all some every each one two three since after
    before last next just also then here there not no yes happy worth quick great good congrats congratulations
    by about into over under our ours their they he she his her re fwd subject betreff any another both
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday"""
)
#: Words of job titles and departments: "Head of Procurement" is a role, not a name.
ROLE_WORDS = word_set(
    """head chief officer vp vice president director manager senior lead sales marketing operations finance
    procurement purchasing logistics it hr ceo cfo coo cto cio cro cmo ciso founder co-founder cofounder owner
    partner team department executive account development business customer success engineering product supply
    chain technology information human resources revenue growth data analytics security people talent
    acquisition general counsel legal board member managing principal associate specialist consultant
    representative coordinator administrator assistant inside outside field regional global national area
    key enterprise strategic mid-market smb sdr bdr ae"""
)
#: Platforms and buzzwords that are capitalised but say nothing about the recipient.
_GENERIC_NAMES = frozenset({"linkedin", "google", "twitter", "facebook", "xing", "instagram", "youtube", "zoom", "ai"})
#: "United States", "North America", "Western Europe": markets, not details about one recipient.
_REGION_WORDS = word_set(
    """united states kingdom america americas europe asia africa north south east west northern southern eastern
    western central latin middle pacific atlantic emea apac dach benelux nordics canada germany deutschland france
    uk usa austria österreich switzerland schweiz spain italy netherlands poland"""
)
_GENERIC_UNITS = frozenset(
    {"minute", "minutes", "min", "mins", "minuten", "second", "seconds", "sec", "sekunden", "x", "mal", "times", "er"}
    | {"er-jahre", "er-jahren"}
)
#: "von 1,7 auf 0,5 %", "5.0 am 20. Januar": a number before a function word has no unit.
_NOT_UNITS = word_set(
    """a am an and auf aus bei bis but by for from für im in is mit nach of on or oder per pro so than the to um und
    vom von vor with zu zum zur"""
)
_EXPERIENCE_UNITS = frozenset({"years", "year", "jahre", "jahren", "jahrzehnte", "jahrzehnten", "decades"})
#: "over 900 companies", "3.000 Betriebe": the sender's social proof, unless the sentence is about the reader.
SOCIAL_PROOF_UNITS = word_set(
    """customers clients companies businesses firms users teams brands organizations organisations retailers
    carriers stores shops banks insurers hospitals kunden kundinnen unternehmen betriebe firmen nutzer anwender
    projekte projects partner partners händler mittelständler"""
)
_EXPERIENCE_BEFORE = re.compile(r"(?:for|over|than|seit|über|als|nearly|almost|fast|rund)\s*\Z", re.IGNORECASE)


def _boundary(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_.,/-")


_LEADING_NUMBER = re.compile(r"^[\d.,+\s]+")
_AGO = re.compile(r"\s+ago\b")
_ARTICLE = re.compile(r"(?:Die|Der|Das|Dem|Den|The)\s+")


def _quantity_ok(text: str, start: int, end: int, value: str) -> bool:
    unit = _LEADING_NUMBER.sub("", value).lower()
    if unit in _GENERIC_UNITS or unit in _NOT_UNITS or len(unit) < 2:
        return False
    return not (
        unit in _EXPERIENCE_UNITS
        and (
            _EXPERIENCE_BEFORE.search(text[max(0, start - 20) : start])
            or _AGO.match(text, end)
            or text[max(0, start - 4) : start].lower() == "vor "
        )
    )


def iter_signals(text: str, language: str) -> Iterator[Signal]:
    """Dates, periods, money, percentages, quantities, months, organisations, sites and (English) names.

    Numbers come first (the most common detail, so a check that needs one stops early), then codes such as
    "Q3", months, period words, organisations and names; each group in text order. Generic quantities
    ("15 minutes", "for 12 years", "100 %") and role titles are left out."""
    end = -1
    for hit in _DIGIT_START.finditer(text):
        start = hit.start()
        if start < end or (start and (text[start - 1].isalnum() or text[start - 1] in "_.,/-")):
            continue
        match = _DIGIT_LED.match(text, start)
        if match is None:
            continue
        kind, value, end = match.lastgroup, match.group(0), match.end()
        if kind == "quantity":
            if not _quantity_ok(text, start, end, value):
                continue
        elif kind == "percent" and value.startswith("100") and not value[3:4].isdigit():
            continue  # "100 %" is a claim, not a measurement
        yield Signal(kind, start, end, value)  # type: ignore[arg-type]
    for hit in _ANCHOR_START.finditer(text):
        start = hit.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_.,/-"):
            continue
        second = hit.group(0)[1:2]  # "Q3", "FY", "EUR" – months go on in lower case
        match = (_CODE_LED if second.isupper() or second.isdigit() else _MONTH_LED).match(text, start)
        if match is not None:
            yield Signal(match.lastgroup or "month", start, match.end(), match.group(0))
    if any(word in text for word in _PERIOD_WORDS_HINT):
        for match in _PERIOD_WORDS.finditer(text):
            yield Signal("period", match.start(), match.end(), match.group(0))
    if language == "en":
        for match in _EN_NAME.finditer(text):
            if not _boundary(text, match.start()):
                continue
            trimmed = _trim_name(match.group(0))
            if trimmed is not None:
                start = match.start() + match.group(0).find(trimmed)
                yield Signal("name", start, start + len(trimmed), trimmed)
        return  # English organisations ("Acme Inc.") are capitalised names already; sites are German
    for match in LEGAL_FORM.finditer(text):  # organisations: the form first, the name before it second
        if not _boundary(text, match.start()) and text[match.start() - 1 : match.start()] != " ":
            continue
        before = _ORG_NAME_BEFORE.search(text, max(0, match.start() - 80), match.start())
        if before is None:
            continue
        start, value = before.start(), text[before.start() : match.end()]
        article = _ARTICLE.match(value)
        if article:
            start, value = start + article.end(), value[article.end() :]
        if value.split()[0] not in ("AG", "SE", "KG"):
            yield Signal("name", start, start + len(value), value)
    for match in _SITE.finditer(text):
        if _boundary(text, match.start()):
            yield Signal("name", match.start(), match.end(), match.group(0))


POSSESSIVE = re.compile(r"['’]s$")


def _trim_name(value: str) -> str | None:
    """Drop leading function words ("At Marlow Shoes" → "Marlow Shoes"); keep runs of 2+ name words that are
    not all role words, months or platforms."""
    words = value.split()
    while words and words[0].lower().strip("'’") in NAME_STOP:
        words.pop(0)
    while words and words[-1].lower() in ("and", "&", "of", "de", "van", "von", "der", "du", "la"):
        words.pop()
    meaningful = [w for w in words if w.lower() not in ("and", "&", "of", "de", "van", "von", "der", "du", "la")]
    if len(meaningful) < 2:
        return None
    lowered = [POSSESSIVE.sub("", w).lower().strip(".") for w in meaningful]
    if all(w in ROLE_WORDS or w in NAME_STOP or w in _GENERIC_NAMES or w in _REGION_WORDS for w in lowered):
        return None
    first = value.find(words[0])
    last = value.rfind(words[-1]) + len(words[-1])
    return value[first:last]


def entity_signals(doc: object) -> list[Signal]:
    """Entities of a trained pipeline (none for the blank tokenizer)."""
    try:
        # A pipeline without NER leaves every token's IOB tag unset; the first token tells (fast).
        if not len(doc) or not doc[0].ent_iob_:  # type: ignore[arg-type,index]
            return []
        entities = doc.ents  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return []
    kinds = {
        "DATE": "date",
        "MONEY": "money",
        "PERCENT": "percent",
        "QUANTITY": "quantity",
        "ORG": "entity",
        "PERSON": "entity",
        "PER": "entity",
        "GPE": "entity",
        "LOC": "entity",
        "FAC": "entity",
        "EVENT": "entity",
        "PRODUCT": "entity",
        "WORK_OF_ART": "entity",
        "LAW": "entity",
    }
    return [
        Signal(kinds[ent.label_], ent.start_char, ent.end_char, ent.text) for ent in entities if ent.label_ in kinds
    ]


# -- the prospect ----------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(n for n in names if len(n) >= 2)
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


_GENERIC_FIRST_WORDS = word_set(
    """the first national united general international global american german european deutsche deutscher
    city county state bank stadt landkreis gemeinde sparkasse volksbank stadtwerke spedition klinikum universität
    university new north south east west nord süd ost west"""
)


@lru_cache(maxsize=256)
def _company_names(prospect: Prospect) -> tuple[str, ...]:
    names = [*prospect.company_names]
    short = prospect.short_company
    if short:
        names.append(short)
        first = short.split()[0]
        if len(short.split()) > 1 and len(first) >= 4 and first.lower() not in _GENERIC_FIRST_WORDS:
            names.append(first)  # "Northwind Freight GmbH" is also "Northwind"
    return tuple(sorted(dict.fromkeys(names), key=len, reverse=True))


def company_names(prospect: Prospect) -> tuple[str, ...]:
    """The company, its name without legal form, its distinctive first word and its aliases, longest first."""
    return _company_names(prospect) if prospect.company or prospect.aliases else ()


def prospect_signals(text: str, prospect: Prospect) -> list[Signal]:
    """Where the text names the prospect's company ("prospect"), the recipient ("prospect" for the full name or
    surname, "first-name" for the first name alone)."""
    if prospect.is_empty:
        return []
    found: list[Signal] = []
    company = _name_pattern(company_names(prospect))
    if company is not None:
        found.extend(Signal("prospect", m.start(), m.end(), m.group(0)) for m in company.finditer(text))
    people = tuple(n for n in (prospect.person, prospect.surname) if n and len(n) >= 3)
    person = _name_pattern(people)
    if person is not None:
        found.extend(Signal("prospect", m.start(), m.end(), m.group(0)) for m in person.finditer(text))
    if prospect.first_name:
        first = _name_pattern((prospect.first_name,))
        if first is not None:
            taken = _merged((s.start, s.end) for s in found)
            starts = [start for start, _ in taken]
            found.extend(
                Signal("first-name", m.start(), m.end(), m.group(0))
                for m in first.finditer(text)
                if not _inside(taken, starts, m.start())
            )
    return sorted(found, key=lambda s: s.start)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty character ranges joined where they overlap or touch, in text order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """Whether ``position`` lies in one of the merged ``spans`` (``starts``: their starts)."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


_STOP_STEMS = word_set(
    """about after again also among another based before being between could every first from have into just
    last later many more most much next other over same since some still such than that their them then there
    these they this those through under until very were what when where which while with would your yours
    report bericht linkedin post beitrag news their sagt says said nennt steht wurde wird haben hatte seit
    für über eine einen einem einer eines sind sich nicht noch auch dass oder aber"""
)
_STOP_STEMS = frozenset(word[:6] for word in _STOP_STEMS)


# -- dates and their age ---------------------------------------------------------------------------------

_QUARTER = re.compile(r"(?:Q([1-4])|([1-4])Q|([1-4])\.\s?Quartal|(first|second|third|fourth|erst|zweit|dritt|viert))")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "erst": 1, "zweit": 2, "dritt": 3, "viert": 4}
_HALF = re.compile(r"(?:H([12])|(first|second|erst|zweit)\w*\s+(?:half|Halbjahr))", re.IGNORECASE)


def named_month(text: str) -> int | None:
    """The number of the first month a text names in a capitalised word ("Sept 2026", "im Oktober")."""
    for word in re.findall(r"[^\W\d_]+", text):
        if word[0].isupper() and word.lower() in MONTH_NUMBER:
            return MONTH_NUMBER[word.lower()]
    return None


def period_end(signal: Signal) -> _dt.date | None:
    """The last day of the period a dated signal names, when it names a year ("Q3 2025" → 2025-09-30)."""
    text = signal.text
    year_match = re.search(r"(?:19|20)\d\d", text)
    if year_match is None:
        short = re.search(r"(?:Q[1-4]|[1-4]Q|FY|GJ)[ /-]?(\d\d)\b", text)
        if short is None:
            return None
        year = 2000 + int(short.group(1))
    else:
        year = int(year_match.group(0))
    month = named_month(text)
    numeric = re.match(r"(\d{1,2})\.\s?(\d{1,2})\.", text) or re.match(r"\d{4}-(\d\d)-(\d\d)", text)
    if month is None and numeric:
        month = int(numeric.group(2)) if text[4:5] != "-" else int(numeric.group(1))
    if month is None and signal.kind == "period":
        half = _HALF.search(text)
        quarter = _QUARTER.search(text)
        if half:
            number = int(half.group(1)) if half.group(1) else (1 if half.group(2).lower().startswith(("f", "e")) else 2)
            month = 6 * number
        elif quarter:
            groups = [g for g in quarter.groups() if g]
            number = int(groups[0]) if groups[0].isdigit() else _ORDINAL[groups[0].lower()]
            month = 3 * number
    if month is None:
        month = 12
    if not 1 <= month <= 12:
        return None
    following = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - _dt.timedelta(days=1)


__all__ = [
    "DATED",
    "KINDS",
    "NUMERIC",
    "ROLE_WORDS",
    "SOCIAL_PROOF_UNITS",
    "Signal",
    "company_names",
    "entity_signals",
    "iter_signals",
    "named_month",
    "period_end",
    "prospect_signals",
    "word_set",
]
