"""Compliance checks (CO001–CO006): German Pflichtangaben in signatures, opt-out line, postal address and
sender identity per jurisdiction, and the legal reading of leadership and guarantee claims."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from outreach_lint import Linter
from outreach_lint.models import Severity

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

DE_BODY = (
    "Betreff: Leerfahrten im Lager Bielefeld\n\nGuten Tag Herr Kramer,\n\nlaut Ihrem Geschäftsbericht 2025 fahren "
    "die Stapler der Kramer Getränke GmbH im Lager Bielefeld rund 30 % ihrer Wege leer. Bei der Brauerei Hagen "
    "sank der Anteil in acht Wochen von 28 auf 17 %.\n\nWäre der Bericht aus Detmold für Sie interessant?\n\n"
)
EN_BODY = (
    "Subject: Empty forklift runs in Bielefeld\n\nHi Mr Kramer,\n\nYour 2025 annual report says about 30% of the "
    "forklift runs in your Bielefeld warehouse are empty. At Hagen Brewery the share fell from 28% to 17% in eight "
    "weeks.\n\nWould the Hagen report be useful for your team?\n\n"
)
OBJECTION_DE = "Wenn Sie keine weiteren E-Mails von mir wünschen, antworten Sie kurz mit „Abmelden“.\n\n"
OBJECTION_EN = "If you'd rather not hear from me again, just reply “unsubscribe”.\n\n"


@pytest.fixture(scope="module")
def default() -> Linter:
    return Linter()


def _codes(report, prefix: str = "CO") -> list[str]:
    return [f.code for f in report.findings if f.code.startswith(prefix)]


def _one(report, code: str):
    hits = [f for f in report.findings if f.code == code]
    assert len(hits) == 1, [(f.code, f.text, f.message) for f in report.findings]
    return hits[0]


# ---------------------------------------------------------------------------------------------- CO001 / CO002

COMPLETE = {
    "gmbh": "Viele Grüße\nSvenja Roth\nKundenberaterin\nStaplerwerk GmbH\nTel. +49 521 555 0172\n"
    "Sitz: Bielefeld · Amtsgericht Bielefeld HRB 45210\nGeschäftsführer: Thomas Weiland, Dr. Anke Brors",
    "gmbh-long-labels": "Mit freundlichen Grüßen\nSvenja Roth\nStaplerwerk GmbH\nSitz der Gesellschaft: Köln\n"
    "Registergericht: Amtsgericht Köln, HRB 12345\nGeschäftsführerin: Anke Brors\nUSt-IdNr.: DE123456789",
    "gmbh-sitz-und-registergericht": "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH · Sitz und Registergericht: Köln, "
    "HRB 12345 · GF: Anke Brors",
    "gmbh-berlin-suffix": "Beste Grüße\nSvenja Roth\nStaplerwerk GmbH\nSitz: Berlin | Amtsgericht Charlottenburg "
    "HRB 123456 B\nGeschäftsführung: Thomas Weiland",
    "ag": "Mit freundlichen Grüßen\nSvenja Roth\nStaplerwerk AG\nSitz: Bielefeld · Amtsgericht Bielefeld HRB 45210\n"
    "Vorstand: Thomas Weiland (Vorsitzender), Dr. Anke Brors\nVorsitzender des Aufsichtsrats: Prof. Dr. Karl Maier",
    "ag-chair-short": "Viele Grüße\nSvenja Roth\nStaplerwerk AG\nSitz: Bielefeld · Amtsgericht Bielefeld HRB 45210\n"
    "Vorstand: Thomas Weiland\nAufsichtsratsvorsitzende(r): Karla Maier",
    "ug": "Viele Grüße\nSvenja Roth\nStaplerwerk UG (haftungsbeschränkt)\nSitz: Bielefeld · Amtsgericht Bielefeld "
    "HRB 45210\nGeschäftsführer: Thomas Weiland",
    "gmbh-co-kg": "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH & Co. KG\nSitz: Bielefeld · Amtsgericht Bielefeld "
    "HRA 9876\nPersönlich haftende Gesellschafterin: Staplerwerk Verwaltungs GmbH, Sitz Bielefeld, Amtsgericht "
    "Bielefeld HRB 45210\nGeschäftsführer: Thomas Weiland",
    "ek": "Viele Grüße\nSvenja Roth\nStaplerdienst Roth e.K.\nInhaberin: Svenja Roth\nSitz: Bielefeld · "
    "Amtsgericht Bielefeld HRA 4567",
}


@pytest.mark.parametrize("name", sorted(COMPLETE))
def test_complete_german_signature_has_no_finding(default: Linter, name: str) -> None:
    report = default.lint(DE_BODY + COMPLETE[name])
    assert report.language == "de"
    assert _codes(report) == []


INCOMPLETE = [
    # (signature, words every missing detail is named by in the message)
    (
        "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nTel. +49 521 555 0172",
        ["seat", "register court", "register number (HRB", "managing directors", "§35a GmbHG"],
    ),
    ("Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nSitz: Bielefeld · HRB 45210\nGF: Anke Brors", ["register court"]),
    ("Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nSitz: Bielefeld · Amtsgericht Bielefeld HRB 45210", ["managing"]),
    (
        "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nSitz: Bielefeld · Amtsgericht Bielefeld HRB 45210\n"
        "Geschäftsführer: T. Weiland",
        ["first names written out"],
    ),
    (
        "Viele Grüße\nSvenja Roth\nStaplerwerk AG\nSitz: Bielefeld · Amtsgericht Bielefeld HRB 45210\n"
        "Vorstand: Thomas Weiland",
        ["supervisory board", "§80 AktG"],
    ),
    ("Viele Grüße\nSvenja Roth\nStaplerwerk AG\nSitz: Bielefeld", ["register court", "management board", "chair"]),
    (
        "Viele Grüße\nSvenja Roth\nStaplerwerk UG\nSitz: Bielefeld · Amtsgericht Bielefeld HRB 45210\n"
        "Geschäftsführer: Thomas Weiland",
        ["UG (haftungsbeschränkt)"],
    ),
    (
        "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH & Co. KG\nSitz: Bielefeld · Amtsgericht Bielefeld HRA 9876",
        ["general partner", "managing directors", "§§125, 177a HGB"],
    ),
    ("Viele Grüße\nSvenja Roth\nStaplerdienst Roth e.K.\nBahnhofstraße 3, 33602 Bielefeld", ["seat", "HRA", "§37a"]),
    ("Viele Grüße\nSvenja Roth\nRoth & Weiland OHG\nAmtsgericht Bielefeld HRA 999", ["seat (Sitz)"]),
]


@pytest.mark.parametrize(("signature", "named"), INCOMPLETE, ids=lambda v: v[:40] if isinstance(v, str) else "")
def test_incomplete_signature_names_every_missing_detail(default: Linter, signature: str, named: list[str]) -> None:
    report = default.lint(DE_BODY + signature)
    finding = _one(report, "CO001")
    assert finding.severity is Severity.ERROR
    for word in named:
        assert word in finding.message, (word, finding.message)
    rewrite = finding.suggestions[0]
    assert rewrite.replacement and rewrite.replacement != finding.text
    assert "[" in rewrite.replacement or "UG (haftungsbeschränkt)" in rewrite.replacement
    assert "Complete the signature" in rewrite.description


def test_rewrite_keeps_known_values_and_marks_invented_ones_as_slots(default: Linter) -> None:
    report = default.lint(DE_BODY + "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nSitz: Bielefeld")
    finding = _one(report, "CO001")
    assert finding.text == "Staplerwerk GmbH"
    assert finding.suggestions[0].replacement == (
        "Staplerwerk GmbH\nAmtsgericht [Ort], HRB [Nummer] · Geschäftsführer: [Vorname Nachname]"
    )
    assert (
        "Staplerwerk GmbH · Sitz: Bielefeld · Amtsgericht [Ort], HRB [Nummer] · Geschäftsführer: [Vorname Nachname]"
        in finding.suggestions[0].description
    )
    assert "seat" not in finding.message


def test_one_finding_per_email_on_the_company_line(default: Linter) -> None:
    text = DE_BODY + "-- \nSvenja Roth\nKundenberaterin\nStaplerwerk GmbH – Ihr Partner im Lager\nTel. 0521 555"
    report = default.lint(text)
    finding = _one(report, "CO001")
    assert finding.text == "Staplerwerk GmbH – Ihr Partner im Lager"
    assert finding.start.line == text[: text.index("Staplerwerk GmbH –")].count("\n") + 1
    assert "Staplerwerk GmbH · Sitz: [Ort]" in finding.suggestions[0].description


def test_imprint_link_only_signature(default: Linter) -> None:
    text = DE_BODY + "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nImpressum: https://staplerwerk.example/impressum"
    report = default.lint(text)
    assert _codes(report) == ["CO002"]
    finding = _one(report, "CO002")
    assert finding.text == "Impressum: https://staplerwerk.example/impressum"
    assert "imprint link does not replace" in finding.message
    assert "register court" in finding.message and "managing directors" in finding.message
    assert finding.suggestions[0].replacement.startswith(
        "Impressum: https://staplerwerk.example/impressum\nSitz: [Ort]"
    )


def test_imprint_link_next_to_complete_details_is_fine(default: Linter) -> None:
    text = DE_BODY + COMPLETE["gmbh"] + "\nImpressum: https://staplerwerk.example/impressum"
    assert _codes(default.lint(text)) == []


@pytest.mark.parametrize(
    "ending",
    [
        "",  # no signature at all
        "Viele Grüße\nSvenja Roth",  # a sign-off, but no company
        "Viele Grüße\nSvenja Roth\nStaplerwerk\nTel. 0521 555 0172",  # a company without a legal form
    ],
)
def test_no_legal_form_no_pflichtangaben_check(default: Linter, ending: str) -> None:
    assert _codes(default.lint(DE_BODY + ending)) == []


def test_english_email_with_german_gmbh_signature(default: Linter) -> None:
    report = default.lint(EN_BODY + "Best regards,\nSvenja Roth\nStaplerwerk GmbH\nBielefeld, Germany")
    assert report.language == "en"
    finding = _one(report, "CO001")
    assert "register court" in finding.message
    description = finding.suggestions[0].description
    assert "Registered office: [city]" in description and "Managing directors: [first and last name]" in description
    complete = (
        "Best regards,\nSvenja Roth\nStaplerwerk GmbH\nRegistered office: Bielefeld · Register court: Amtsgericht "
        "Bielefeld, HRB 45210 · Managing directors: Thomas Weiland"
    )
    assert _codes(default.lint(EN_BODY + complete)) == []


def test_english_email_without_german_legal_form_is_not_checked() -> None:
    linter = Linter(jurisdiction="de", ignore=("CO003", "CO005"))
    report = linter.lint(EN_BODY + "Best,\nOwen Price\nAccess Audit Ltd")
    assert _codes(report) == []


def test_austrian_and_swiss_companies_are_not_checked_against_german_law(default: Linter) -> None:
    austrian = "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nWien, Österreich · FN 123456a · Handelsgericht Wien"
    swiss = "Viele Grüße\nSvenja Roth\nStaplerwerk AG\nZürich · CHE-123.456.789"
    assert _codes(default.lint(DE_BODY + austrian)) == []
    assert _codes(default.lint(DE_BODY + swiss)) == []


def test_amtsgericht_abbreviation_is_not_a_legal_form(default: Linter) -> None:
    text = DE_BODY + "Viele Grüße\nSvenja Roth\nStaplerwerk GmbH\nSitz Köln · AG Köln HRB 12345 · GF: Anke Brors"
    assert _codes(default.lint(text)) == []


def test_signature_longer_than_the_region_finder_looks(default: Linter) -> None:
    signature = (
        "Mit freundlichen Grüßen\n\nSvenja Roth\nKundenberaterin\n\nStaplerwerk AG\nIndustriestraße 12\n"
        "33602 Bielefeld\nTel. +49 521 555 0172\nFax +49 521 555 0199\nsvenja.roth@staplerwerk.example\n"
        "www.staplerwerk.example\n\nSitz der Gesellschaft: Bielefeld\nAmtsgericht Bielefeld HRB 45210\n"
        "Vorstand: Thomas Weiland\n"
    )
    finding = _one(default.lint(DE_BODY + signature), "CO001")
    assert finding.text == "Staplerwerk AG"
    assert finding.message == "AG signature lacks the chair of the supervisory board (Aufsichtsrat) (§80 AktG)"
    complete = signature + "Vorsitzende des Aufsichtsrats: Dr. Karla Maier\n"
    assert _codes(default.lint(DE_BODY + complete)) == []


def test_html_signature(default: Linter) -> None:
    html = (
        "<html><body><p>Guten Tag Herr Kramer,</p><p>laut Ihrem Geschäftsbericht 2025 fahren die Stapler im Lager "
        "Bielefeld rund 30 % ihrer Wege leer. Wäre der Bericht aus Detmold für Sie interessant?</p>"
        '<div class="signature"><p>Svenja Roth<br>Staplerwerk GmbH<br>Tel. 0521 555 0172</p></div></body></html>'
    )
    report = default.lint(html, fmt="html")
    finding = _one(report, "CO001")
    assert finding.text == "Staplerwerk GmbH"


# ---------------------------------------------------------------------------------------------- CO003–CO005

SIGNED_DE = "Viele Grüße\nSvenja Roth\nKundenberaterin, Staplerwerk\n"
SIGNED_EN = "Best,\nOwen Price\nPublic Sector Lead, Access Audit Co.\n"
ADDRESS_EN = "Access Audit Co. · 1200 Main Street, Suite 400 · Austin, TX 78701\n"


@pytest.mark.parametrize("jurisdiction", ["de", "eu"])
def test_de_and_eu_need_an_objection_line_and_a_sender_identity(jurisdiction: str) -> None:
    linter = Linter(jurisdiction=jurisdiction)
    report = linter.lint(DE_BODY + "Viele Grüße\nSvenja")
    assert _codes(report) == ["CO003", "CO005"]
    objection = _one(report, "CO003")
    assert objection.text == "Wäre der Bericht aus Detmold für Sie interessant?"
    assert "„Abmelden“" in objection.suggestions[0].replacement
    assert ("§7 (2) Nr. 3 UWG" if jurisdiction == "de" else "ePrivacy Directive") in objection.message
    identity = _one(report, "CO005")
    assert identity.text == "Svenja"
    assert identity.suggestions[0].replacement == "Svenja [Nachname]\n[Position], [Firma]"
    assert "full name" in identity.message and "company" in identity.message
    # Objection line and full identity: nothing to report. The postal address is a US requirement only.
    assert _codes(linter.lint(DE_BODY + OBJECTION_DE + SIGNED_DE)) == []


def test_us_also_needs_a_postal_address() -> None:
    linter = Linter(jurisdiction="us")
    report = linter.lint(EN_BODY + SIGNED_EN)
    assert _codes(report) == ["CO003", "CO004"]
    assert "CAN-SPAM" in _one(report, "CO003").message
    address = _one(report, "CO004")
    assert address.text == "Public Sector Lead, Access Audit Co."
    assert address.suggestions[0].replacement.endswith("[Street address] · [City, State ZIP]")
    assert _codes(linter.lint(EN_BODY + OBJECTION_EN + SIGNED_EN + ADDRESS_EN)) == []
    assert _codes(linter.lint(EN_BODY + OBJECTION_EN + "Best,\nOwen Price\nP.O. Box 4410, Austin, TX 78765\n")) == [
        "CO005"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Kein Interesse? Dann antworten Sie kurz mit „Nein“, und ich melde mich nicht wieder.",
        "Sie können der Verwendung Ihrer E-Mail-Adresse jederzeit widersprechen.",
        "Not a priority? Just say so and I won't follow up again.",
        "Reply STOP and I'll take you off my list.",
    ],
)
def test_objection_lines_in_other_words_are_recognised(line: str) -> None:
    assert "CO003" not in _codes(Linter(jurisdiction="de").lint(DE_BODY + line + "\n\n" + SIGNED_DE))


def test_english_objection_sentence_for_english_email() -> None:
    report = Linter(jurisdiction="eu").lint(EN_BODY + SIGNED_EN)
    replacement = _one(report, "CO003").suggestions[0].replacement
    assert replacement.startswith("Would the Hagen report be useful for your team?\n\nIf you'd rather not hear")


def test_opt_out_checks_are_off_without_a_jurisdiction(default: Linter) -> None:
    assert _codes(default.lint(DE_BODY + "Viele Grüße\nSvenja")) == []
    assert _codes(Linter(jurisdiction="none").lint(DE_BODY + "Viele Grüße\nSvenja")) == []


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("Petra Kramer <p.kramer@kramer-getraenke.de>", ["CO003", "CO005"]),
        ("Petra Kramer <p.kramer@kramer.at>", ["CO003", "CO005"]),
        ("Dana Whitfield <dana@brookfieldcounty.gov>", ["CO003", "CO004", "CO005"]),
        ("Petra Kramer <p.kramer@kramer.example.com>", []),
    ],
)
def test_the_recipient_address_implies_a_jurisdiction(default: Linter, address: str, expected: list[str]) -> None:
    text = DE_BODY.replace("\n\n", f"\nAn: {address}\n\n", 1) + "Viele Grüße\nSvenja"
    assert _codes(default.lint(text)) == expected


def test_replies_are_not_cold_outreach() -> None:
    text = (
        DE_BODY + "Viele Grüße\nSvenja\n\nAm Di., 3. März 2026 um 10:12 schrieb Petra Kramer <p@kramer.de>:\n"
        "> Bitte melden Sie sich nach der Messe noch einmal.\n"
    )
    assert _codes(Linter(jurisdiction="de").lint(text)) == []


FOOTER_FIELDS = [
    "*|UNSUB|*",
    "*|LIST:ADDRESS|*",
    "{{unsubscribe_link}}",
    "{{ unsubscribe }}",
    "{!UnsubscribeLink}",
    "%unsubscribe%",
    "[Abmeldelink]",
]


@pytest.mark.parametrize("field", FOOTER_FIELDS)
def test_a_footer_merge_field_silences_the_opt_out_checks(field: str) -> None:
    linter = Linter(jurisdiction="us")
    assert _codes(linter.lint(EN_BODY + "Best,\nOwen\n\n" + field + "\n")) == []
    assert _codes(linter.lint(EN_BODY + "Best,\nOwen\n")) == ["CO003", "CO004", "CO005"]


def test_footer_injected_silences_the_opt_out_checks() -> None:
    assert _codes(Linter(jurisdiction="us", footer_injected=True).lint(EN_BODY + "Best,\nOwen\n")) == []


def test_eml_to_header_implies_the_jurisdiction(default: Linter) -> None:
    eml = (
        "From: Svenja Roth <svenja.roth@staplerwerk.example>\nTo: Petra Kramer <p.kramer@kramer-getraenke.de>\n"
        "Subject: Leerfahrten im Lager Bielefeld\nContent-Type: text/plain; charset=utf-8\n\n"
        + DE_BODY.split("\n\n", 1)[1]
        + "Viele Grüße\nSvenja Roth\n"
    )
    report = default.lint(eml, fmt="eml")
    # The From header shows the full name and a company domain: only the objection line is missing.
    assert _codes(report) == ["CO003"]


# ---------------------------------------------------------------------------------------------- CO006

CLAIMS_DE = (
    "Betreff: Touren\n\nGuten Tag Frau Albrecht,\n\nwir sind Marktführer in der Tourenplanung und die Nr. 1 für "
    "Kühltransporte. Mit uns sparen Sie garantiert 20 % Leerkilometer. Wäre das interessant?\n\nViele Grüße\n"
    "Lena Hofmann"
)
CLAIMS_EN = (
    "Subject: Routes\n\nHi Petra,\n\nWe are the market leader in route planning and the #1 choice of carriers. "
    "Savings are guaranteed. Worth a look?\n\nBest,\nLena"
)
LEADERSHIP = ("OP516", "OP517", "OP518", "OP519", "OP520", "OP521", "OP522", "GP530")


def test_every_leadership_claim_in_a_german_email_is_an_error_naming_5_uwg(default: Linter) -> None:
    text = (
        "Betreff: Touren\n\nGuten Tag Frau Albrecht,\n\nwir sind Marktführer und ein führender Anbieter, die Nr. 1 "
        "in Hessen, der beste Partner am Markt, einzigartig und unübertroffen: Deutschlands größter Anbieter für "
        "Tourenplanung. Wäre das interessant?\n\nViele Grüße\nLena Hofmann"
    )
    report = default.lint(text)
    claims = [f for f in report.findings if f.code in LEADERSHIP]
    assert len(claims) >= 7
    for finding in claims:
        assert finding.severity is Severity.ERROR
        assert "§5 UWG" in finding.message, finding
        assert finding.suggestions[0].replacement == "[nachprüfbare Tatsache mit Quelle und Stand]"


def test_claims_are_reported_once_and_upgraded(default: Linter) -> None:
    report = default.lint(CLAIMS_DE)
    spans = [(f.start.offset, f.end.offset) for f in report.findings if f.code in (*LEADERSHIP, "OP501", "CO006")]
    assert len(spans) == len(set(spans)) == 3
    assert "CO006" not in _codes(report)  # the pack rules reported the claims; CO006 upgraded them
    guarantee = _one(report, "OP501")
    assert "§443 BGB" in guarantee.message and "§5 UWG" in guarantee.message
    assert guarantee.suggestions[0].replacement == ""  # the pack's own deletion stays the fix
    assert guarantee.suggestions[1].replacement == "[belegtes Kundenergebnis mit Quelle und Stand]"


def test_claims_without_the_overpromise_rules_are_compliance_findings() -> None:
    report = Linter(ignore=("overpromise", "generic-pitch")).lint(CLAIMS_DE)
    claims = [f for f in report.findings if f.code == "CO006"]
    assert [f.text for f in claims] == ["Marktführer", "die Nr. 1", "garantiert"]
    for finding in claims:
        assert finding.category == "compliance" and finding.severity is Severity.ERROR
        assert "Legal risk" in finding.message
        assert finding.suggestions[0].replacement.startswith("[")
    assert "§443 BGB" in claims[2].message


def test_english_claims_get_the_legal_reading_only_under_de_or_eu(default: Linter) -> None:
    plain = default.lint(CLAIMS_EN)
    assert all("UWG" not in f.message for f in plain.findings)
    assert all(f.suggestions[0].replacement is None for f in plain.findings if f.code in ("OP108", "OP109"))
    upgraded = Linter(jurisdiction="eu", ignore=("CO003", "CO005")).lint(CLAIMS_EN)
    leader = _one(upgraded, "OP109")
    assert "Directive 2006/114/EC" in leader.message
    assert leader.suggestions[0].replacement == "[checkable fact with source and date]"
    assert "CO006" not in _codes(upgraded)


def test_claims_in_the_signature_are_not_reported(default: Linter) -> None:
    text = (
        DE_BODY
        + "-- \nSvenja Roth\nStaplerwerk GmbH – die Nr. 1 für Lagertechnik\n"
        + COMPLETE["gmbh"].split("Staplerwerk GmbH\n", 1)[1]
    )
    assert [f.code for f in default.lint(text).findings] == []


# ---------------------------------------------------------------------------------------------- switches, CLI


def test_switch_off_by_category_or_code() -> None:
    text = DE_BODY + "Viele Grüße\nSvenja\nStaplerwerk GmbH"
    assert sorted(_codes(Linter(jurisdiction="de").lint(text))) == ["CO001", "CO003", "CO005"]
    assert _codes(Linter(jurisdiction="de", ignore=("compliance",)).lint(text)) == []
    assert sorted(_codes(Linter(jurisdiction="de", ignore=("CO003",)).lint(text))) == ["CO001", "CO005"]
    assert _codes(Linter(jurisdiction="de", select=("CO001",)).lint(text)) == ["CO001"]


def test_cli_ignore_compliance_and_code(cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DE_BODY + "Viele Grüße\nSvenja\nStaplerwerk GmbH", encoding="utf-8")
    (tmp_path / ".outreach-lint.toml").write_text('jurisdiction = "de"\n', encoding="utf-8")

    def codes(*args: str) -> list[str]:
        result = cli("check", "--format", "json", *args, str(draft), cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        return [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"] if f["code"].startswith("CO")]

    assert sorted(codes()) == ["CO001", "CO003", "CO005"]
    assert codes("--ignore", "compliance") == []
    assert sorted(codes("--ignore", "CO003")) == ["CO001", "CO005"]


def test_cli_config_jurisdiction_us(cli, tmp_path: Path) -> None:
    draft = tmp_path / "cold.txt"
    draft.write_text(EN_BODY + SIGNED_EN, encoding="utf-8")
    (tmp_path / ".outreach-lint.toml").write_text('jurisdiction = "us"\n', encoding="utf-8")
    result = cli("check", "--format", "json", str(draft), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings if f["category"] == "compliance"] == ["CO003", "CO004"]
    address = next(f for f in findings if f["code"] == "CO004")
    assert address["severity"] == "error" and "CAN-SPAM" in address["message"]
    assert address["suggestions"][0]["replacement"].endswith("[Street address] · [City, State ZIP]")
    (tmp_path / ".outreach-lint.toml").write_text('jurisdiction = "us"\nfooter-injected = true\n', encoding="utf-8")
    result = cli("check", "--format", "json", str(draft), cwd=tmp_path)
    assert not [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["category"] == "compliance"]


def test_cli_unsafe_fix_completes_the_signature(cli, tmp_path: Path) -> None:
    draft = tmp_path / "signatur.txt"
    shutil.copy(EXAMPLES / "de" / "signatur-unvollstaendig.txt", draft)
    cli("check", "--fix", "--unsafe-fixes", "--select", "CO001", str(draft), cwd=tmp_path)
    fixed = draft.read_text(encoding="utf-8")
    assert "Staplerwerk GmbH\nAmtsgericht [Ort], HRB [Nummer] · Geschäftsführer: [Vorname Nachname]" in fixed
    result = cli("check", "--select", "CO001", str(draft), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------------------------------------- examples


def test_example_incomplete_signature(default: Linter) -> None:
    report = default.lint((EXAMPLES / "de" / "signatur-unvollstaendig.txt").read_text(encoding="utf-8"))
    assert [f.code for f in report.findings] == ["CO001"]
    message = report.findings[0].message
    assert "register court" in message and "managing directors" in message and "seat" not in message


def test_example_complete_signature_is_clean(default: Linter) -> None:
    report = default.lint((EXAMPLES / "de" / "signatur-vollstaendig.txt").read_text(encoding="utf-8"))
    assert report.findings == []


def test_example_can_spam(default: Linter, cli) -> None:
    path = EXAMPLES / "en" / "can-spam-missing.txt"
    report = default.lint(path.read_text(encoding="utf-8"))
    assert [f.code for f in report.findings] == ["CO003", "CO004"]  # the .gov recipient implies US law
    result = cli("check", "--ignore", "CO004", str(path))
    assert result.returncode == 1 and b"CO003" in result.stdout and b"CO004" not in result.stdout
