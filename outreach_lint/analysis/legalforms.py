"""Legal forms of companies: one table, and the patterns every part of the linter derives from it.

A company name ends in its legal form ("Seeberg Logistik GmbH", "Acme Inc."). The table says how each form is
written; the research checks use it to find organisations and compare company names, the prospect model to
shorten a company name, the compliance checks to tell a person from a company. German forms also say how a
signature names them (written out, or after a name), because their signatures must carry the details the
law asks for (``outreach_lint/data/pflichtangaben.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LegalForm:
    """One legal form: its name, how its abbreviation is written after a company name (a regular expression,
    case-sensitive), and for German forms how a signature names it."""

    name: str
    written: str
    #: German forms: the pattern that finds the form in a signature, and substrings one of which it needs.
    signature: str | None = None
    hints: tuple[str, ...] = ()


_AFTER_NAME = r"(?<=[A-Za-zÄÖÜäöüß)\]])"  # right after a name ("Routely UG", "Routely (Berlin) KG")
_AFTER_NAME_OR_DIGIT = r"(?<=[A-Za-zÄÖÜäöüß0-9)\].&-])"
_NOT_BEFORE_CO = r"(?![ \t]*(?:&|\+|und)[ \t]*Co)"

#: Every legal form the linter knows. German forms with a ``signature`` pattern are tried in this order on a
#: signature (the first found wins, "GmbH & Co. KG" wherever it stands).
LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm(
        "GmbH & Co. KG",
        r"GmbH[ \t]*&[ \t]*Co\.?[ \t]*KG",
        r"(?:(?i:GmbH)|mbH|UG[ \t]*\(haftungsbeschränkt\)|\bAG|\bSE)[ \t]*(?:&|\+|und)[ \t]*Co\.?[ \t]*KG\b(?!aA)",
        ("KG",),
    ),
    LegalForm(
        "UG (haftungsbeschränkt)",
        r"UG[ \t]*\(haftungsbeschränkt\)",
        r"\bUG[ \t]*\((?i:haftungsbeschränkt)\)",
        ("UG",),
    ),
    LegalForm("UG", r"UG", rf"{_AFTER_NAME}[ \t]+UG\b(?![ \t]*\()", ("UG",)),
    LegalForm(
        "GmbH",
        r"GmbH",
        r"\bg?(?i:GmbH)\b|\bmbH\b|(?i:Gesellschaft[ \t]+mit[ \t]+beschränkter[ \t]+Haftung)",
        ("GmbH", "GMBH", "mbH", "beschränkter"),
    ),
    LegalForm("gGmbH", r"gGmbH"),
    LegalForm("mbH", r"mbH"),
    LegalForm(
        "AG",
        r"AG",
        rf"{_AFTER_NAME_OR_DIGIT}[ \t]+AG\b{_NOT_BEFORE_CO}|\bAktiengesellschaft\b",
        ("AG", "Aktiengesellschaft"),
    ),
    LegalForm(
        "SE",
        r"SE",
        rf"{_AFTER_NAME_OR_DIGIT}[ \t]+SE\b{_NOT_BEFORE_CO}|\bSocietas[ \t]+Europaea\b",
        ("SE", "Societas"),
    ),
    LegalForm(
        "OHG",
        r"OHG",
        r"\b(?:OHG|oHG)\b|\b[Oo]ffene[ \t]+Handelsgesellschaft\b",
        ("OHG", "oHG", "andelsgesellschaft"),
    ),
    LegalForm("KGaA", r"KGaA"),
    LegalForm(
        "KG",
        r"KG",
        r"(?<=[A-Za-zÄÖÜäöüß)\].&-])[ \t]+KG\b(?!aA)|\bKommanditgesellschaft\b",
        ("KG", "Kommanditgesellschaft"),
    ),
    LegalForm(
        "e.K.",
        r"e\.[ \t]?K\.",
        r"\be\.[ \t]?(?:K|Kfm|Kfr)\.|\beingetragene[rn]?[ \t]+(?:Kaufmann|Kauffrau)\b",
        ("e.K", "e. K", "Kaufmann", "Kauffrau"),
    ),
    LegalForm(
        "PartG",
        r"PartG(?:[ \t]*mbB)?",
        r"\bPartG(?:[ \t]*mbB)?\b|\bPartnerschaftsgesellschaft\b|\bPartner(?:schaft)?[ \t]+mbB\b",
        ("PartG", "mbB", "Partnerschaftsgesellschaft"),
    ),
    LegalForm("eG", r"eG"),
    LegalForm("e.V.", r"e\.[ \t]?V\."),
    LegalForm("Inc.", r"Inc\.?"),
    LegalForm("Ltd.", r"Ltd\.?"),
    LegalForm("LLC", r"LLC"),
    LegalForm("LLP", r"LLP"),
    LegalForm("plc", r"plc|PLC"),
    LegalForm("Corp.", r"Corp\.?"),
    LegalForm("Co.", r"Co\.?"),
    LegalForm("B.V.", r"B\.?V\.?"),
    LegalForm("N.V.", r"N\.?V\.?"),
    LegalForm("S.A.", r"S\.A\."),
    LegalForm("S.p.A.", r"S\.p\.A\."),
    LegalForm("AB", r"AB"),
    LegalForm("ASA", r"ASA"),
    LegalForm("Oy", r"Oy"),
)

#: The German forms a signature is searched for, in the order they are tried.
GERMAN_FORMS: tuple[LegalForm, ...] = tuple(form for form in LEGAL_FORMS if form.signature)

# Longest first: "GmbH & Co. KG" before "GmbH", "KGaA" before "KG".
_ANY = "|".join(form.written for form in sorted(LEGAL_FORMS, key=lambda f: len(f.written), reverse=True))

#: A legal form where it stands in a text (the name before it is found separately).
LEGAL_FORM = re.compile(rf"(?:{_ANY})(?![\w])")
#: A legal form at the end of a company name, with the separator before it ("Northwind Freight GmbH").
LEGAL_FORM_SUFFIX = re.compile(rf"[\s,]+(?:{_ANY})$")
#: A name that ends in a legal form, or a word that is one.
ENDS_IN_LEGAL_FORM = re.compile(rf"(?<!\w)(?:{_ANY})(?!\w)\.?$")
#: Legal forms anywhere in a name, in any case (dropped to compare two company names).
LEGAL_FORM_ANY_CASE = re.compile(rf"(?<!\w)(?:{_ANY})(?!\w)\.?", re.IGNORECASE)
#: The legal forms as single lower-case words without punctuation ("gmbh", "inc", "bv").
COMPANY_WORDS = frozenset(re.sub(r"[^a-z]", "", form.name.split(" (")[0].lower()) for form in LEGAL_FORMS)
