"""What counts as a detail about the recipient: facts in other words, and what is the sender's, not theirs."""

from __future__ import annotations

import pytest

from outreach_lint import Linter
from outreach_lint.factmatch import fact_keys, mentions_fact, text_keys
from outreach_lint.signals import MONTH_NUMBER


@pytest.fixture(scope="module")
def research() -> Linter:
    return Linter(select=("research",))


def codes(report) -> list[str]:
    return sorted(f.code for f in report.findings)


@pytest.mark.parametrize(
    ("fact", "sentence"),
    [
        (
            "DC #2 live since Oct 2026, Saint-Exupéry zone",
            "Congrats on getting the second distribution centre running in October.",
        ),
        (
            "4 x DE reqs open on own site, posted Nov 2026",
            "I saw you have had four data engineering roles open since November.",
        ),
        ("Series B, GBP 18m, announced Sep 2026", "Congrats on closing the £18m round in September."),
        (
            "roastery + coffee bar at the Bay (Cardiff) launched Aug 2026",
            "Since you opened the café on Cardiff Bay in August",
        ),
        ("3rd gym opened in Leeds, Sept 2026", "Congrats on getting the Leeds centre open in September."),
        (
            "Neuer Standort Heilbronn seit 09/2026, 3 Monteure",
            "Seit September sind Sie mit drei Monteuren in Heilbronn.",
        ),
    ],
)
def test_a_fact_in_other_words_is_used(fact: str, sentence: str) -> None:
    assert mentions_fact(fact, text_keys(sentence)), sorted(fact_keys(fact) & text_keys(sentence))


@pytest.mark.parametrize(
    ("fact", "sentence"),
    [
        ("orders currently taken by phone/WhatsApp", "We may help you in May with orders."),
        ("3rd gym opened in Leeds, Sept 2026", "We opened our third office in 2019."),
        ("Series B, GBP 18m, announced Sep 2026", "Our plans start at £18 a month."),
    ],
)
def test_a_shared_topic_or_a_stray_number_is_not_using_the_fact(fact: str, sentence: str) -> None:
    assert not mentions_fact(fact, text_keys(sentence))


def test_month_numbers_are_right_in_both_languages() -> None:
    english = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october")
    german = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober")
    assert [MONTH_NUMBER[m] for m in english] == list(range(1, 11))
    assert [MONTH_NUMBER[m] for m in german] == list(range(1, 11))
    assert (MONTH_NUMBER["november"], MONTH_NUMBER["dezember"], MONTH_NUMBER["sept"], MONTH_NUMBER["okt"]) == (
        11,
        12,
        9,
        10,
    )


PROSPECT = {
    "company": "Maison Verreau Logistique",
    "aliases": ["Verreau"],
    "person": "Claire Dubois",
    "facts": ["DC #2 live since Oct 2026, Saint-Exupéry zone", "approx. 140 FTE over both sites"],
}
DATED = "Date: Mon, 7 Dec 2026 09:00:00 +0100\n"


def test_a_paraphrased_fact_silences_the_research_checks(research: Linter) -> None:
    text = (
        f"{DATED}Subject: Picking at the new site\n\nHi Claire,\n\nCongratulations on getting the second "
        "distribution centre near Lyon airport running in October. Is paper picking still the plan there?\n\n"
        "Best,\nTom"
    )
    assert codes(research.lint(text, "en", prospect=PROSPECT)) == []


def test_naming_the_company_is_not_research(research: Linter) -> None:
    text = (
        "Subject: Procurement at Verreau\n\nHi Claire,\n\nI've been following Verreau for a while and I'm really "
        "impressed with your growth story. Our platform helps procurement teams save time. Open to a call?\n\n"
        "Best,\nTom"
    )
    assert "RS001" in codes(research.lint(text, "en", prospect={"company": "Maison Verreau Logistique"}))


@pytest.mark.parametrize(
    "sentence",
    [
        "Plans start at £89 a month for ten plants.",  # a price
        "We'd love to help you plan your priorities for 2027.",  # a plan
        "This offer expires on 18 December.",  # a deadline
        "Q1 is when the best candidates start looking.",  # a generality
        "Our team is free on 12 January at 10 Uhr for a call.",  # the sender's date
    ],
)
def test_the_senders_offer_dates_and_prices_are_not_details_about_them(research: Linter, sentence: str) -> None:
    text = f"{DATED}Subject: Plants\n\nHi Claire,\n\nWe look after office plants. {sentence} Interested?\n\nTom"
    assert "RS001" in codes(research.lint(text, "en"))


@pytest.mark.parametrize(
    "sentence",
    [
        "I read your post on the engineering blog of 14 November about moving to EKS.",
        "Fenland Frozen's planning application for the Wisbech plant was approved on 21 October.",
        "Since your Leipzig hub opened in March 2026, night runs doubled.",
    ],
)
def test_their_own_dated_events_count(research: Linter, sentence: str) -> None:
    text = f"{DATED}Subject: Plants\n\nHi Claire,\n\n{sentence} Worth a look?\n\nTom"
    assert "RS001" not in codes(research.lint(text, "en"))


def test_a_name_block_without_sign_off_is_the_sender(research: Linter) -> None:
    text = (
        "Subject: Labels\n\nHi Dana,\n\nOur labelling system helps warehouse teams pick faster and prints each "
        "label at the shelf. Want a demo?\n\nGary Mills\nLabelPro Systems\n"
    )
    assert "RS001" in codes(research.lint(text, "en"))


def test_a_placeholder_name_is_not_a_detail(research: Linter) -> None:
    text = (
        "Subject: Hello\n\nHi there,\n\nI came across Company Name and was really impressed by what you're building. "
        "Open to a chat?\n\nBest,\nTom"
    )
    assert "RS001" in codes(research.lint(text, "en"))


@pytest.mark.parametrize(
    "sentence",
    [
        "I liked your SaaStr article from last month on usage-based pricing.",
        "We were two aisles away from your stand at IntraLogistex.",
    ],
)
def test_an_observation_with_an_anchor_counts(research: Linter, sentence: str) -> None:
    text = f"{DATED}Subject: Pricing\n\nHi Claire,\n\n{sentence} Worth a look?\n\nTom"
    assert "RS001" not in codes(research.lint(text, "en"))


@pytest.mark.parametrize(
    "sentence",
    [
        "I came across your profile and was really impressed by your background.",
        "I noticed your website could use a few improvements.",
    ],
)
def test_a_claimed_look_with_nothing_named_is_fake_personalisation(research: Linter, sentence: str) -> None:
    text = f"{DATED}Subject: Pricing\n\nHi Claire,\n\n{sentence} We build websites. Worth a look?\n\nTom"
    assert "RS001" in codes(research.lint(text, "en"))


def test_a_german_observation_with_an_anchor_counts(research: Linter) -> None:
    text = (
        f"{DATED}Betreff: Ihr Restaurant\n\nGuten Tag Frau Weber,\n\nich bin am Samstag mit meiner Frau bei Ihnen im "
        "„Goldenen Anker“ gewesen. Passt ein Gespräch über Ihre Speisekarte?\n\nViele Grüße\nTom"
    )
    assert "RS001" not in codes(research.lint(text, "de"))


def test_without_a_prospect_the_company_in_the_subject_is_not_a_detail(research: Linter) -> None:
    text = (
        "Subject: More patients for Riverside Dental\n\nHi Dr Patel,\n\nRiverside Dental could fill more chairs with "
        "online ads and text reminders. Open to a call?\n\nBest,\nTom"
    )
    assert "RS001" in codes(research.lint(text, "en"))


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("You wrote that the new returns desk in Leeds still works from paper forms.", "en"),
        ("On your careers page it says the night shift starts at 22:00 from January.", "en"),
        ("auf LinkedIn haben Sie vor zwei Wochen geschrieben, dass Ihr Lager nach Kassel zieht.", "de"),
        ("auf eurer Vereinsseite steht, dass das Sommerfest am 10. Juli 2027 stattfindet.", "de"),
    ],
)
def test_what_the_recipient_wrote_is_a_detail(research: Linter, sentence: str, lang: str) -> None:
    greeting = "Hi Claire," if lang == "en" else "Hallo Claire,"
    text = f"Subject: Plants\n\n{greeting}\n\n{sentence} Interested?\n\nTom"
    assert "RS001" not in codes(research.lint(text, lang))


def test_a_request_to_write_back_is_no_detail(research: Linter) -> None:
    text = (
        "Betreff: Dach\n\nHallo Herr Wendt,\n\nwir decken seit Jahren Dächer für Betriebe in der ganzen Region und "
        "kümmern uns um Wartung und Reparatur. Schreiben Sie mir kurz zurück, wenn das passt.\n\nTom"
    )
    assert "RS001" in codes(research.lint(text, "de"))
