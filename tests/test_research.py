"""Research checks: specific details, the prospect's company and facts, mail-merge slips, fake
personalisation, generic salutations, stale references and the research slot of templates – firing and not
firing, in English and German, with and without a prospect context; and the signals they rest on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from outreach_lint import Linter
from outreach_lint.models import Severity
from outreach_lint.signals import iter_signals, period_end

NORTHWIND = {
    "company": "Northwind Freight GmbH",
    "aliases": ["NWF"],
    "person": "Jana Weber",
    "salutation": "Frau",
    "facts": ["Q3 2026 report: fuel surcharges +14 %"],
    "posts": ["LinkedIn, 12 Feb 2026: hiring 40 drivers for the night shift"],
}
SEEBERG = {
    "company": "Seeberg Logistik GmbH",
    "person": "Petra Albrecht",
    "salutation": "Frau",
    "facts": ["Geschäftsbericht 2025: Termintreue 91 % im vierten Quartal"],
}

GENERIC_EN = (
    "Subject: Freight costs\n\nHi Jana,\n\nMany logistics teams struggle with rising freight costs. Our platform "
    "helps them plan better routes and we have served over 500 customers since 2012. Would a short call next "
    "week be useful?\n\nBest,\nTom"
)
PERSONAL_EN = (
    "Subject: Night shift in Leipzig\n\nHi Jana,\n\nYour LinkedIn post of 12 February said Northwind is hiring "
    "40 drivers for the night shift. Carriers that add a night shift often see empty runs rise. Worth a look?"
    "\n\nBest,\nTom"
)
GENERIC_DE = (
    "Betreff: Frachtkosten\n\nGuten Tag Frau Albrecht,\n\nviele Speditionen kämpfen mit steigenden Frachtkosten. "
    "Wir sind ein führender Anbieter und betreuen seit 2009 über 800 Kunden. Wäre ein kurzes Gespräch sinnvoll?"
    "\n\nViele Grüße\nTom"
)
PERSONAL_DE = (
    "Betreff: Termintreue\n\nGuten Tag Frau Albrecht,\n\nim Geschäftsbericht 2025 der Seeberg Logistik GmbH steht "
    "eine Termintreue von 91 % im vierten Quartal. Als Grund nennt der Bericht die Rampenplanung. Wäre ein "
    "Vergleich interessant?\n\nViele Grüße\nTom"
)


@pytest.fixture(scope="module")
def research() -> Linter:
    return Linter(select=("research", "RS006"))


def hits(report, code: str) -> list:
    return [f for f in report.findings if f.code == code]


# -- RS001 no specific detail ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [(GENERIC_EN, "en"), (GENERIC_DE, "de")])
def test_rs001_fires_on_generic_emails(research: Linter, text: str, lang: str) -> None:
    found = hits(research.lint(text, lang), "RS001")
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert found[0].text.startswith(("Many logistics", "viele Speditionen"))
    # no context: the opening with a visible slot for a dated detail, shown but never applied
    assert found[0].suggestions[0].replacement.startswith("[") and found[0].suggestions[0].fix.value == "none"
    assert ("dated detail" in found[0].suggestions[0].description) or (
        "datierten" in found[0].suggestions[0].description
    )


@pytest.mark.parametrize(("text", "lang"), [(PERSONAL_EN, "en"), (PERSONAL_DE, "de")])
def test_rs001_quiet_on_personalised_emails(research: Linter, text: str, lang: str) -> None:
    assert hits(research.lint(text, lang), "RS001") == []


@pytest.mark.parametrize(
    ("opening", "lang"),
    [
        ("Here is the reality: 67% of tenants under 40 prefer texting.", "en"),
        ("Since January 2025 every supplier must send e-invoices.", "en"),
        ("Laut einer Studie verlieren Onlineshops 2025 rund 18 % ihrer Warenkörbe.", "de"),
        ("Am 10. November 2025 hat ein Gericht einem Kollegen das Honorar gestrichen.", "de"),
    ],
)
def test_rs001_figures_and_dates_about_everyone_are_no_detail(research: Linter, opening: str, lang: str) -> None:
    greeting = "Hi Jana," if lang == "en" else "Hallo Jana,"
    text = f"Subject: Freight\n\n{greeting}\n\n{opening} Worth a look?\n\nTom"
    assert hits(research.lint(text, lang), "RS001")


@pytest.mark.parametrize(
    "opening",
    [
        "Your Q3 2026 report names fuel surcharges as the top risk.",
        "Since your Leipzig hub opened in March 2026, night runs doubled.",
        "Harbor State Bank moved its app to monthly releases.",
        "Freight spend reached €380,000 last year.",
        "Returns reached 31% for womenswear.",
        "The team posted 14 sales roles.",
        "The 2025 annual report lists energy as the biggest cost.",
    ],
)
def test_rs001_each_kind_of_detail_counts(research: Linter, opening: str) -> None:
    text = f"Subject: Freight\n\nHi Jana,\n\n{opening} Worth a look?\n\nTom"
    assert hits(research.lint(text, "en"), "RS001") == []


@pytest.mark.parametrize(
    "opening",
    [
        "We have served 800 customers since 2009 and grew 40% last year.",  # about the sender
        "Our platform will cut your costs by 30%, guaranteed.",  # a claim
        "Do you have 15 minutes next week?",  # a call length
        "Over 900 companies already use it.",  # social proof
        "As a Head of Operations, you know the pain.",  # a job title
    ],
)
def test_rs001_details_that_do_not_count(research: Linter, opening: str) -> None:
    text = (
        f"Subject: Freight\n\nHi Jana,\n\n{opening} Many teams struggle with freight costs. Worth a look?"
        "\n\nBest,\nTom Ashby\nRoutely Inc."
    )
    assert len(hits(research.lint(text, "en"), "RS001")) == 1


def test_rs001_german_details_that_count_and_do_not(research: Linter) -> None:
    base = "Betreff: Fracht\n\nGuten Tag Frau Albrecht,\n\n{} Wäre das interessant?\n\nTom"
    for opening in (
        "Im 3. Quartal stiegen Ihre Frachtkosten.",
        "Ihr Lager Kassel wächst.",
        "Die Mautkosten lagen bei 3,2 Mio. Euro.",
    ):
        assert hits(research.lint(base.format(opening), "de"), "RS001") == [], opening
    for opening in ("Wir betreuen seit 20 Jahren über 800 Kunden.", "Sie sparen garantiert bis zu 30 % der Kosten."):
        assert len(hits(research.lint(base.format(opening), "de"), "RS001")) == 1, opening


def test_rs001_with_a_prospect_rewrites_from_the_facts(research: Linter) -> None:
    finding = hits(research.lint(GENERIC_EN, "en", prospect=NORTHWIND), "RS001")[0]
    assert "Northwind Freight is not named" in finding.message
    replacement = finding.suggestions[0].replacement
    assert replacement.startswith("Northwind Freight's Q3 2026 report notes fuel surcharges +14 %.")
    assert replacement.endswith(finding.text)  # the email's own words follow the new opener
    german = hits(research.lint(GENERIC_DE, "de", prospect=SEEBERG), "RS001")[0]
    assert german.suggestions[0].replacement.startswith("Laut Geschäftsbericht 2025 von Seeberg Logistik")
    assert "Viele Speditionen" in german.suggestions[0].replacement  # capitalised after the new sentence


def test_rs001_skips_one_line_notes(research: Linter) -> None:
    assert hits(research.lint("Subject: x\n\nHi Jana,\n\nThis ends Friday. Worth a look?\n", "en"), "RS001") == []


def test_rs001_not_in_template_mode_nor_on_replies(research: Linter) -> None:
    template = GENERIC_EN.replace("Hi Jana", "Hi {{ first_name }}")
    assert hits(research.lint(template, "en", mode="template"), "RS001") == []
    # Without a single merge field the email is judged as a draft about to be sent.
    assert hits(research.lint(GENERIC_EN, "en", mode="template"), "RS001")
    reply = GENERIC_EN + "\n\nOn Mon, 2 Mar 2026 at 09:00, Jana Weber <jana@example.com> wrote:\n> Send me something.\n"
    assert hits(research.lint(reply, "en"), "RS001") == []


def test_rs001_subject_detail_counts(research: Linter) -> None:
    text = GENERIC_EN.replace("Subject: Freight costs", "Subject: Fuel surcharges in Q3 2026")
    assert hits(research.lint(text, "en"), "RS001") == []


@pytest.mark.parametrize("subject", ["Subject: Offer in November", "Subject: A call in March?"])
def test_rs001_a_bare_month_in_the_subject_is_no_detail(research: Linter, subject: str) -> None:
    text = GENERIC_EN.replace("Subject: Freight costs", subject)
    assert hits(research.lint(text, "en"), "RS001")


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("You can get 30% off all annual plans until 30 November. Shall we talk so I can show you everything?", "en"),
        (
            "In unserer Black Week bekommst du bis zum 29. November 30 % Rabatt auf alle Jahrespläne. Sollen wir "
            "kurz telefonieren, damit ich dir alles zeige?",
            "de",
        ),
        (
            "Sign up by Friday and the first month is free for your whole team. Shall we talk so I can show you "
            "everything?",
            "en",
        ),
    ],
)
def test_rs001_offers_and_deadlines_are_no_detail(research: Linter, body: str, lang: str) -> None:
    text = f"Subject: Offer\n\nHi Jana,\n\n{body}\n\nTom"
    assert hits(research.lint(text, lang), "RS001")


def test_rs001_a_date_of_theirs_after_until_words_still_counts(research: Linter) -> None:
    text = (
        "Subject: Leipzig\n\nHi Jana,\n\nYou opened the Leipzig hub on 30 November with 40 drivers. Shall we "
        "have a quick call so I can show you everything?\n\nTom"
    )
    assert hits(research.lint(text, "en"), "RS001") == []


def test_rs001_a_case_study_of_another_company_is_no_detail(research: Linter) -> None:
    text = (
        "Subject: How Brookfield Pharma cut invoice processing time by 63%\n\nHi,\n\nMost finance teams still "
        "key in supplier invoices by hand. After switching to Ledgerly, Brookfield Pharma cut processing time by "
        "63% and now closes the month four days earlier. Would a short demo help your team?\n\nCheers,\nSophie "
        "Tan\nAccount Executive, Ledgerly"
    )
    assert hits(research.lint(text, "en"), "RS001")
    german = (
        "Betreff: Wie Fahrradhaus Weller 12 Stunden pro Woche spart\n\nHallo,\n\nkennst du das? Dienstpläne in "
        "Excel und am Monatsende stimmt nichts. Seit sie mit Schichtfix arbeiten, spart die Filialleitung rund 12 "
        "Stunden pro Woche. Lust, es auszuprobieren?\n\nViele Grüße\nTimo Brandl\nSchichtfix"
    )
    assert hits(research.lint(german, "de"), "RS001")


def test_rs001_the_company_of_a_case_study_subject_is_someone_else(research: Linter) -> None:
    story = (
        "Norbury Tools was processing more than 3,000 supplier invoices a month by hand. Since switching, "
        "Norbury processes invoices 62% faster. Want to see how they did it?\n\nBest regards,\nChloe"
    )
    case_study = f"Subject: How Norbury Tools cut invoice processing time by 62%\n\nHi,\n\n{story}"
    assert hits(research.lint(case_study, "en"), "RS001")
    # "How … could …" is a pitch to the recipient: their company and figures are details about them.
    pitch = f"Subject: How Norbury Tools could cut invoice processing time\n\nHi Sam,\n\n{story}"
    assert hits(research.lint(pitch, "en"), "RS001") == []


def test_rs001_without_prospect_only_context_free_checks(research: Linter) -> None:
    codes = {f.code for f in research.lint(GENERIC_EN, "en").findings}
    assert codes == {"RS001"}


# -- RS002 company not named, RS003 facts not used -------------------------------------------------------


def test_rs002_fires_when_the_company_is_missing(research: Linter) -> None:
    text = "Subject: Diesel\n\nHi Jana,\n\nYour diesel prices rose 9 % in Q3 of 2026. Worth a look?\n\nTom"
    finding = hits(research.lint(text, "en", prospect=NORTHWIND), "RS002")[0]
    assert finding.message == "Northwind Freight is not named anywhere in the email"
    assert "Northwind Freight" in finding.suggestions[0].replacement
    # quoting their own figures addresses them even without the name
    quoted = text.replace("Your diesel prices rose 9 %", "Your fuel surcharges rose 14 %")
    assert hits(research.lint(quoted, "en", prospect=NORTHWIND), "RS002") == []


def test_rs002_the_greeting_surname_is_not_the_company(research: Linter) -> None:
    prospect = {"company": "Lindner Metall GmbH", "person": "Katrin Lindner", "salutation": "Frau"}
    text = "Betreff: x\n\nGuten Tag Frau Lindner,\n\nIhr Werk meldete im Oktober 2026 drei Stillstände. Neu?\n\nTom"
    assert len(hits(research.lint(text, "de", prospect=prospect), "RS002")) == 1
    named = text.replace("Ihr Werk", "Das Werk von Lindner Metall")
    assert hits(research.lint(named, "de", prospect=prospect), "RS002") == []


@pytest.mark.parametrize("name", ["Northwind Freight GmbH", "Northwind Freight", "Northwind's", "NWF"])
def test_rs002_quiet_when_any_name_is_used(research: Linter, name: str) -> None:
    text = f"Subject: Fuel\n\nHi Jana,\n\nFuel surcharges at {name} rose 14 % in Q3. Worth a look?\n\nTom"
    assert hits(research.lint(text, "en", prospect=NORTHWIND), "RS002") == []


def test_rs002_german(research: Linter) -> None:
    text = (
        "Betreff: Rampen\n\nGuten Tag Frau Albrecht,\n\nan Ihren Rampen sank die Auslastung im "
        "Winter 2025 auf 78 %. Wäre ein Vergleich interessant?\n\nTom"
    )
    assert len(hits(research.lint(text, "de", prospect=SEEBERG), "RS002")) == 1
    assert hits(research.lint(PERSONAL_DE, "de", prospect=SEEBERG), "RS002") == []


def test_rs002_needs_a_company(research: Linter) -> None:
    text = "Subject: Fuel\n\nHi Jana,\n\nFuel surcharges rose 14 % in Q3 across carriers. Worth a look?\n\nTom"
    assert hits(research.lint(text, "en", prospect={"person": "Jana Weber"}), "RS002") == []


def test_rs003_fires_when_no_fact_is_used(research: Linter) -> None:
    text = "Subject: Routes\n\nHi Jana,\n\nNorthwind runs 300 trucks out of Hamburg. Worth a look?\n\nTom"
    finding = hits(research.lint(text, "en", prospect=NORTHWIND), "RS003")[0]
    assert finding.severity is Severity.INFO
    assert finding.suggestions[0].replacement.startswith("Your Q3 2026 report notes fuel surcharges +14 %.")


def test_rs003_quiet_when_a_fact_is_used(research: Linter) -> None:
    assert hits(research.lint(PERSONAL_EN, "en", prospect=NORTHWIND), "RS003") == []
    assert hits(research.lint(PERSONAL_DE, "de", prospect=SEEBERG), "RS003") == []


def test_rs003_german_rewrite(research: Linter) -> None:
    text = "Betreff: Seeberg\n\nGuten Tag Frau Albrecht,\n\nSeeberg Logistik betreibt 12 Standorte. Interessant?\n\nTom"
    finding = hits(research.lint(text, "de", prospect=SEEBERG), "RS003")[0]
    assert finding.suggestions[0].replacement.startswith("Ihr Geschäftsbericht 2025 nennt Termintreue 91 %")


def test_best_fact_is_the_most_recent_dated_one(research: Linter) -> None:
    prospect = {**NORTHWIND, "facts": ["Founded in 1998"], "news": ["Handelsblatt, 3 Mar 2026: Northwind buys Brandt"]}
    text = "Subject: Routes\n\nHi Jana,\n\nNorthwind runs 300 trucks. Worth a look?\n\nTom"
    finding = hits(research.lint(text, "en", prospect=prospect), "RS003")[0]
    assert finding.suggestions[0].replacement.startswith("Handelsblatt reported on 3 Mar 2026: Northwind buys Brandt.")


# -- RS004 mail-merge slips ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("greeting", "wrong", "right"),
    [
        ("Dear Acme team", "Acme", "Northwind Freight"),
        ("Hi Mark", "Mark", "Jana"),
        ("Hello Ms. Brown", "Ms. Brown", "Jana"),
    ],
)
def test_rs004_english_slips(research: Linter, greeting: str, wrong: str, right: str) -> None:
    text = f"Subject: x\n\n{greeting},\n\nNorthwind's Q3 report names fuel surcharges. Worth a look?\n\nTom"
    finding = hits(research.lint(text, "en", prospect=NORTHWIND), "RS004")[0]
    assert (finding.text, finding.suggestions[0].replacement) == (wrong, right)
    assert finding.severity is Severity.ERROR


def test_rs004_german_slips(research: Linter) -> None:
    text = "Betreff: x\n\nGuten Tag Herr Schmidt,\n\n" + PERSONAL_DE.split("\n\n", 2)[2]
    finding = hits(research.lint(text, "de", prospect=SEEBERG), "RS004")[0]
    assert (finding.text, finding.suggestions[0].replacement) == ("Herr Schmidt", "Frau Albrecht")
    team = "Betreff: x\n\nHallo Brandt-Team,\n\n" + PERSONAL_DE.split("\n\n", 2)[2]
    finding = hits(research.lint(team, "de", prospect=SEEBERG), "RS004")[0]
    assert finding.text == "Brandt"


def test_rs004_body_phrase_for_another_company(research: Linter) -> None:
    text = "Subject: x\n\nHi Jana,\n\nYour team at Globex Corp cut fuel costs by 14 % in Q3. Worth a look?\n\nTom"
    assert [f.text for f in hits(research.lint(text, "en", prospect=NORTHWIND), "RS004")] == ["Globex Corp"]
    german = "Betreff: x\n\nHallo Frau Albrecht,\n\nIhr Team bei Hartung Spedition hat 91 % erreicht. Interessant?"
    assert [f.text for f in hits(research.lint(german, "de", prospect=SEEBERG), "RS004")] == ["Hartung Spedition"]


@pytest.mark.parametrize(
    "greeting",
    [
        "Hi Jana",
        "Dear Ms Weber",
        "Hallo Frau Weber",
        "Dear Northwind team",
        "Hi NWF team",
        "Dear Procurement team",
        "Hi Jana and Tom",
        "Dear Sir or Madam",
        "Hi {{first_name}}",
    ],
)
def test_rs004_quiet_for_the_right_recipient(research: Linter, greeting: str) -> None:
    text = f"Subject: x\n\n{greeting},\n\nNorthwind's Q3 report names fuel surcharges. Worth a look?\n\nTom"
    assert hits(research.lint(text, "en", prospect=NORTHWIND), "RS004") == []


QUARRY = {
    "company": "Quarry Lane Energy Ltd",
    "aliases": ["Quarry Lane"],
    "person": "Sam Whitfield",
    "posts": ["LinkedIn, 10 Nov 2026: two of our battery sites in Kent offline for 19 days after inverter faults"],
}


def test_rs004_fact_credited_to_another_company(research: Linter) -> None:
    text = (
        "Subject: Inverter faults\n\nHi Sam,\n\nYour LinkedIn post from 10 November said two Brightmoor Power "
        "battery sites in Kent were offline for 19 days after inverter faults. Worth a call?\n\nBest,\nChloe"
    )
    finding = hits(research.lint(text, "en", prospect=QUARRY), "RS004")[0]
    assert (finding.text, finding.suggestions[0].replacement) == ("Brightmoor Power", "Quarry Lane Energy")
    congrats = (
        "Subject: Kent\n\nHi Sam,\n\nCongratulations on Brightmoor Power's work on the two battery sites in Kent "
        "that were offline for 19 days. Worth a call?\n\nBest,\nChloe"
    )
    assert [f.text for f in hits(research.lint(congrats, "en", prospect=QUARRY), "RS004")] == ["Brightmoor Power"]
    german = (
        "Betreff: Termintreue\n\nGuten Tag Frau Albrecht,\n\nim Geschäftsbericht 2025 der Hartung Spedition GmbH "
        "steht eine Termintreue von 91 % im vierten Quartal. Wäre ein Vergleich interessant?\n\nTom"
    )
    finding = hits(research.lint(german, "de", prospect=SEEBERG), "RS004")[0]
    assert finding.text == "Hartung Spedition GmbH"


@pytest.mark.parametrize(
    "sentence",
    [
        # a reference customer next to the fact: its own figures, not the prospect's
        "At Harlow Storage, sites in Kent were offline for 2 days at most after inverter faults.",
        # the source of the fact, not its owner
        "Your post quoted in Energy Storage News said two battery sites in Kent were offline for 19 days.",
        # the prospect named as well
        "Quarry Lane's post said two battery sites in Kent, run with Brightmoor Power, were offline for 19 days.",
    ],
)
def test_rs004_other_companies_near_a_fact_are_no_slip(research: Linter, sentence: str) -> None:
    text = f"Subject: Inverter faults\n\nHi Sam,\n\n{sentence} Worth a call?\n\nBest,\nChloe"
    assert hits(research.lint(text, "en", prospect=QUARRY), "RS004") == []


def test_rs004_needs_a_context(research: Linter) -> None:
    text = "Subject: x\n\nDear Acme team,\n\nYour Q3 report names fuel surcharges. Worth a look?\n\nTom"
    assert hits(research.lint(text, "en"), "RS004") == []


# -- RS005 fake personalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("I love what you're building at Northwind.", "en"),
        ("I'm really impressed by your growth.", "en"),
        ("I noticed you're the Head of Logistics at Northwind.", "en"),
        ("Congrats on all your success!", "en"),
        ("Ihr Unternehmen hat mich sehr beeindruckt.", "de"),
        ("Ich verfolge Ihr Unternehmen schon länger mit Interesse.", "de"),
        ("Mir ist aufgefallen, dass Sie Geschäftsführerin bei Seeberg sind.", "de"),
        ("Love what your team is doing.", "en"),
        ("Ich finde es echt stark, was ihr als Team auf die Beine stellt.", "de"),
        ("Deine Arbeit hat mich total begeistert.", "de"),
    ],
)
def test_rs005_compliment_without_reference(research: Linter, sentence: str, lang: str) -> None:
    rest = "Our platform cuts freight costs. Worth a look?" if lang == "en" else "Wäre das interessant?"
    text = f"Subject: x\n\nHi Jana,\n\n{sentence} {rest}\n\nTom"
    found = hits(research.lint(text, lang), "RS005")
    assert [f.text for f in found] == [sentence]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I love what you're building: the Leipzig hub opened in March 2026 with 40 new drivers.", "en"),
        ("I'm impressed by your growth. Revenue rose 31% in Q3 2026, your report says.", "en"),
        ("Ihr Unternehmen hat mich beeindruckt: 14 % weniger Leerfahrten im dritten Quartal 2026.", "de"),
    ],
)
def test_rs005_quiet_with_a_specific_reference(research: Linter, text: str, lang: str) -> None:
    assert hits(research.lint(f"Subject: x\n\nHi Jana,\n\n{text} Worth a look?\n\nTom", lang), "RS005") == []


def test_rs005_template_compliment_with_only_a_company_field(research: Linter) -> None:
    text = (
        "Subject: x\n\nHi {{ first_name | default: 'there' }},\n\nI noticed you're the CEO of {{company}}. "
        "Worth a look?"
    )
    assert len(hits(research.lint(text, "en", mode="template"), "RS005")) == 1
    slot = text.replace("Worth a look?", "{{ icebreaker }} Worth a look?")
    assert hits(research.lint(slot, "en", mode="template"), "RS005") == []


def test_rs005_rewrite_uses_a_fact_and_defers_to_phrase_rules() -> None:
    text = "Subject: x\n\nHi Jana,\n\nI love what you're building. Our platform cuts costs. Worth a look?\n\nTom"
    finding = hits(Linter(select=("RS005",)).lint(text, "en", prospect=NORTHWIND), "RS005")[0]
    assert finding.suggestions[0].replacement == "Your Q3 2026 report notes fuel surcharges +14 %."
    across = "Subject: x\n\nHi Jana,\n\nI came across your profile on LinkedIn. Worth a look?\n\nTom"
    codes = [f.code for f in Linter().lint(across, "en").findings]
    assert "GP105" in codes and "RS005" not in codes  # the phrase rule reports it once
    assert "RS005" in [f.code for f in Linter(select=("RS005",)).lint(across, "en").findings]


# -- RS006 generic salutation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("greeting", "lang"),
    [
        ("Dear Sir or Madam", "en"),
        ("To whom it may concern", "en"),
        ("Hi there", "en"),
        ("Dear Customer", "en"),
        ("Sehr geehrte Damen und Herren", "de"),
        ("Sehr geehrter Kunde", "de"),
    ],
)
def test_rs006_generic_salutations(research: Linter, greeting: str, lang: str) -> None:
    text = f"Subject: x\n\n{greeting},\n\nYour Q3 report names fuel surcharges. Worth a look?\n\nTom"
    found = hits(research.lint(text, lang), "RS006")
    assert [f.text for f in found] == [greeting]
    assert "[" in found[0].suggestions[0].replacement and found[0].suggestions[0].fix.value == "none"  # a slot


def test_rs006_rewrite_with_the_prospect(research: Linter) -> None:
    text = "Betreff: x\n\nSehr geehrte Damen und Herren,\n\nIhr Q3-Bericht nennt Frachtkosten. Interessant?\n\nTom"
    assert hits(research.lint(text, "de", prospect=SEEBERG), "RS006")[0].suggestions[0].replacement == (
        "Sehr geehrte Frau Albrecht"
    )
    herr = {"person": "Jan Albrecht", "salutation": "Herr"}
    assert hits(research.lint(text, "de", prospect=herr), "RS006")[0].suggestions[0].replacement == (
        "Sehr geehrter Herr Albrecht"
    )
    english = "Subject: x\n\nHi there,\n\nYour Q3 report names fuel surcharges. Worth a look?\n\nTom"
    assert hits(research.lint(english, "en", prospect=NORTHWIND), "RS006")[0].suggestions[0].replacement == "Hi Jana"


@pytest.mark.parametrize("greeting", ["Hi Jana", "Dear Ms. Weber", "Hello Theresa", "Guten Tag Frau Weber"])
def test_rs006_named_greetings_are_fine(research: Linter, greeting: str) -> None:
    text = f"Subject: x\n\n{greeting},\n\nYour Q3 report names fuel surcharges. Worth a look?\n\nTom"
    assert hits(research.lint(text, "en"), "RS006") == []


# -- RS007 stale reference --------------------------------------------------------------------------------------

DATED = "Subject: x\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\nHi Jana,\n\n{} Worth a look?\n\nTom"


@pytest.mark.parametrize(
    ("sentence", "lang", "span"),
    [
        ("Congrats on your recent Series B in March 2023.", "en", "March 2023"),
        ("Your latest Q2 2024 report names fuel costs.", "en", "Q2 2024"),
        ("I just read your recent 2022 annual report.", "en", "2022"),
        ("Sie haben kürzlich Ihren Bericht für das dritte Quartal 2023 veröffentlicht.", "de", "dritte Quartal 2023"),
        ("Glückwunsch zur Eröffnung im Mai 2024.", "de", "Mai 2024"),
    ],
)
def test_rs007_stale_references(research: Linter, sentence: str, lang: str, span: str) -> None:
    found = hits(research.lint(DATED.format(sentence), lang), "RS007")
    assert [f.text for f in found] == [span]
    assert "old but presented as recent" in found[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "Congrats on your Series B in February 2026.",  # recent
        "Congrats on the recent Q4 2025 results.",  # within a year
        "Since 2019 your hubs have grown every year.",  # old, but not presented as recent
        "Your 2022 annual report named fuel surcharges.",  # no recency cue
    ],
)
def test_rs007_quiet(research: Linter, sentence: str) -> None:
    assert hits(research.lint(DATED.format(sentence), "en"), "RS007") == []


def test_rs007_rewrite_uses_a_recent_fact(research: Linter) -> None:
    found = hits(
        research.lint(DATED.format("Congrats on the recent raise in March 2023."), "en", prospect=NORTHWIND), "RS007"
    )
    assert "Q3 2026 report" in found[0].suggestions[0].description


def test_rs007_without_a_date_header_uses_today(research: Linter) -> None:
    year = dt.date.today().year - 3
    text = f"Subject: x\n\nHi Jana,\n\nCongrats on your recent Series B in March {year}. Worth a look?\n\nTom"
    assert len(hits(research.lint(text, "en"), "RS007")) == 1


# -- RS008 research slot in templates ------------------------------------------------------------------------


def test_rs008_template_without_a_research_slot(research: Linter) -> None:
    text = "Subject: x\n\nHi {{ first_name | default: 'there' }},\n\nMany carriers lose money on empty miles. Worth it?"
    finding = hits(research.lint(text, "en", mode="template"), "RS008")[0]
    assert finding.suggestions[0].replacement.startswith("{{ personal_opener }} Many carriers")
    assert hits(research.lint(text, "en", mode="draft"), "RS008") == []


@pytest.mark.parametrize(
    "slot", ["{{ icebreaker }}", "{{personalization}}", "*|OPENER|*", "{{ custom_line }}", "[Aufhänger]"]
)
def test_rs008_quiet_with_a_slot(research: Linter, slot: str) -> None:
    text = f"Subject: x\n\nHi {{{{ first_name | default: 'there' }}}},\n\n{slot} Many carriers lose money. Worth it?"
    assert hits(research.lint(text, "en", mode="template"), "RS008") == []


def test_rs008_slot_in_the_templates_own_syntax(research: Linter) -> None:
    text = "Betreff: x\n\nHallo *|FNAME|zusammen|*,\n\nviele Speditionen fahren leer. Interessant?"
    finding = hits(research.lint(text, "de", mode="template"), "RS008")[0]
    assert finding.suggestions[0].replacement.startswith("*|OPENER|* Viele Speditionen")


# -- the CLI -----------------------------------------------------------------------------------------------------


def test_cli_prospect_and_rewrite(cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(
        'company = "Northwind Freight GmbH"\nperson = "Jana Weber"\n'
        'facts = ["Q3 2026 report: fuel surcharges +14 %"]\n',
        encoding="utf-8",
    )
    (tmp_path / "draft.txt").write_text(GENERIC_EN, encoding="utf-8")
    result = cli("check", "--prospect", "p.toml", "--select", "research", "--format", "json", "draft.txt", cwd=tmp_path)
    findings = json.loads(result.stdout.decode())["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["RS001"]
    assert "Northwind Freight's Q3 2026 report" in findings[0]["suggestions"][0]["replacement"]
    (tmp_path / "template.txt").write_text(GENERIC_EN.replace("Hi Jana", "Hi {{ first_name }}"), encoding="utf-8")
    template = cli(
        "check", "--mode", "template", "--select", "research", "--format", "concise", "template.txt", cwd=tmp_path
    )
    assert "RS008" in template.stdout.decode() and "RS001" not in template.stdout.decode()
    # A file without a single merge field is an email about to be sent, whatever the mode.
    no_fields = cli(
        "check", "--mode", "template", "--select", "research", "--format", "concise", "draft.txt", cwd=tmp_path
    )
    assert "RS001" in no_fields.stdout.decode() and "RS008" not in no_fields.stdout.decode()


def test_cli_explain_says_what_counts_as_a_specific_detail(cli) -> None:
    out = cli("explain", "RS001").stdout.decode()
    assert "A specific detail is" in out and "Q3 2026" in out and "Not counted" in out


# -- signals -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("on 14 January 2026 we", "en", "date", "14 January 2026"),
        ("on January 14, 2026 we", "en", "date", "January 14, 2026"),
        ("am 3. März 2026 haben", "de", "date", "3. März 2026"),
        ("am 20.05.2026 haben", "de", "date", "20.05.2026"),
        ("since March 2026", "en", "date", "March 2026"),
        ("in Q3 2026 the", "en", "period", "Q3 2026"),
        ("im 3. Quartal stieg", "de", "period", "3. Quartal"),
        ("im dritten Quartal 2025 stieg", "de", "period", "dritten Quartal 2025"),
        ("in the third quarter of 2025", "en", "period", "third quarter of 2025"),
        ("for FY25 the", "en", "period", "FY25"),
        ("about €380,000 in fees", "en", "money", "€380,000"),
        ("about $48 million in", "en", "money", "$48 million"),
        ("rund 3,2 Mio. Euro Mehrkosten", "de", "money", "3,2 Mio. Euro"),
        ("rund 5 Mrd. € Umsatz", "de", "money", "5 Mrd. €"),
        ("rund EUR 5.000 im", "de", "money", "EUR 5.000"),
        ("rose to 2.1% after", "en", "percent", "2.1%"),
        ("lag bei 1,8 % im", "de", "percent", "1,8 %"),
        ("posted 14 sales roles", "en", "quantity", "14 sales"),
        ("at Harbor State Bank last", "en", "name", "Harbor State Bank"),
        ("laut der Seeberg Logistik GmbH ist", "de", "name", "Seeberg Logistik GmbH"),
        ("im Werk Gotha stehen", "de", "name", "Werk Gotha"),
    ],
)
def test_signals(text: str, lang: str, kind: str, value: str) -> None:
    assert (kind, value) in {(s.kind, s.text) for s in iter_signals(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Do you have 15 minutes next week?", "en"),
        ("We have been in business for over 12 years.", "en"),
        ("It is 100% risk-free.", "en"),
        ("Das klappt in 30 Minuten.", "de"),
        ("Wir sind seit 20 Jahren am Markt.", "de"),
        ("As Head of Sales you know it.", "en"),
        ("Clients across North America use it.", "en"),
    ],
)
def test_signals_left_out(text: str, lang: str) -> None:
    assert list(iter_signals(text, lang)) == []


def test_period_end() -> None:
    kinds = {s.text: s for s in iter_signals("Q3 2025, March 2024, 2023, H1 2026, 14 January 2026", "en")}
    assert period_end(kinds["Q3 2025"]) == dt.date(2025, 9, 30)
    assert period_end(kinds["March 2024"]) == dt.date(2024, 3, 31)
    assert period_end(kinds["H1 2026"]) == dt.date(2026, 6, 30)
    assert period_end(kinds["14 January 2026"]) == dt.date(2026, 1, 31)


def test_entities_of_a_trained_pipeline_add_to_the_signals() -> None:
    import spacy
    from spacy.tokens import Span

    from outreach_lint.signals import entity_signals

    doc = spacy.blank("en")("We met the board of Initrode in Springfield.")
    assert entity_signals(doc) == []  # the blank tokenizer has no entities
    doc.ents = [Span(doc, 5, 6, label="ORG"), Span(doc, 7, 8, label="GPE")]
    assert [(s.kind, s.text) for s in entity_signals(doc)] == [("entity", "Initrode"), ("entity", "Springfield")]


def test_german_quiet_cases(research: Linter) -> None:
    slip_free = "Betreff: x\n\nHallo Seeberg-Team,\n\n" + PERSONAL_DE.split("\n\n", 2)[2]
    assert hits(research.lint(slip_free, "de", prospect=SEEBERG), "RS004") == []
    named = "Betreff: x\n\nGuten Tag Frau Weber,\n\nIhr Q3-Bericht nennt Frachtkosten. Wäre das interessant?\n\nTom"
    assert hits(research.lint(named, "de"), "RS006") == []
    dated = "Betreff: x\nDatum: Tue, 3 Mar 2026 10:00:00 +0100\n\nHallo Frau Weber,\n\n{} Interessant?\n\nTom"
    for sentence in ("Glückwunsch zur Eröffnung im Februar 2026.", "Seit 2019 wachsen Ihre Standorte jedes Jahr."):
        assert hits(research.lint(dated.format(sentence), "de"), "RS007") == [], sentence
    slot = "Betreff: x\n\nHallo *|FNAME|zusammen|*,\n\n*|AUFHAENGER|* Viele Speditionen fahren leer. Interessant?"
    assert hits(research.lint(slot, "de", mode="template"), "RS008") == []
