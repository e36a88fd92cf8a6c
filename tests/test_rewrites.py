"""Suggested rewrites: built from the email (a replacement, a rewritten sentence or a visible slot), never a
canned sentence about another company; the rule's generic example is a field of its own."""

from __future__ import annotations

import re

import pytest

from outreach_lint import Linter
from outreach_lint.models import FileReport, Finding

LINTER = Linter()
PHRASE_RULES = [meta for meta in LINTER.rules.values() if meta.kind == "phrase"]


def lint(text: str, lang: str) -> FileReport:
    return LINTER.lint(text, lang)


def finding(report: FileReport, code: str) -> Finding:
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} did not fire: {[f.code for f in report.findings]}"
    return found[0]


def unmarked(example: str) -> str:
    return example.replace("⟦", "").replace("⟧", "")


def languages(meta) -> tuple[str, ...]:
    return ("en", "de") if meta.language == "*" else (meta.language,)


def test_no_rule_keeps_an_example_inside_its_rewrite() -> None:
    for meta in LINTER.rules.values():
        assert not re.search(r"(?:e\.g\.|z\. B\.),? ['„“]", meta.rewrite), meta.code


def test_the_example_is_a_separate_field_and_never_the_rewrite() -> None:
    for meta in PHRASE_RULES:
        for language in languages(meta):
            for example in meta.examples_bad:
                for item in lint(unmarked(example), language).findings:
                    for suggestion in item.suggestions:
                        if meta.example and item.code == meta.code:
                            assert suggestion.example == meta.example
                            assert meta.example not in (suggestion.replacement or "")
                            assert meta.example not in suggestion.description


def test_descriptions_never_repeat_delete() -> None:
    for meta in PHRASE_RULES:
        for language in languages(meta):
            for example in meta.examples_bad:
                for item in lint(unmarked(example), language).findings:
                    for suggestion in item.suggestions:
                        assert not re.search(r"\bDelete\b.*\bDelete\b", suggestion.description), suggestion


def test_a_rules_own_example_does_not_fire_it() -> None:
    for meta in PHRASE_RULES:
        if meta.example:
            for language in languages(meta):
                codes = {f.code for f in lint(meta.example, language).findings}
                assert meta.code not in codes, f"{meta.code}: {meta.example}"


def apply_first_fix(text: str, item: Finding) -> str | None:
    replacement = next((s.replacement for s in item.suggestions if s.replacement is not None), None)
    if replacement is None or "[" in replacement:
        return None
    return text[: item.start.offset] + replacement + text[item.end.offset :]


#: Bad examples whose own text, once the cliché is gone, opens with "We" (SF001's point, not a broken fix).
_OPENS_WITH_SELF_ONCE_FIXED = frozenset({"GP120"})


def test_a_fixed_bad_example_fires_no_new_rule() -> None:
    problems = []
    for meta in PHRASE_RULES:
        for language in languages(meta):
            for example in meta.examples_bad:
                text = unmarked(example)
                before = lint(text, language)
                own = [f for f in before.findings if f.code == meta.code]
                if not own:
                    continue
                fixed = apply_first_fix(text, own[0])
                if fixed is None:
                    continue
                # ST002 judges the whole email: deleting a stock closer may leave it without a question.
                seen = {f.code for f in before.findings} | {"ST002"}
                if meta.code in _OPENS_WITH_SELF_ONCE_FIXED:
                    seen.add("SF001")
                new = {f.code for f in lint(fixed, language).findings if f.code != meta.code and f.code not in seen}
                if new:
                    problems.append(f"{meta.code}: {fixed!r} fires {sorted(new)}")
    assert not problems, "\n".join(problems)


def test_json_carries_the_example_per_suggestion_in_version_2() -> None:
    report = lint("I hope this email finds you well. Your Q3 report names freight costs as the top risk.", "en")
    data = report.to_dict()
    suggestion = finding(report, "GP101").suggestions[0].to_dict()
    assert set(suggestion) == {"replacement", "description", "fix", "example"}
    assert suggestion["example"] and suggestion["example"] not in suggestion["description"]
    assert data["findings"]


def test_deleting_an_opener_promotes_the_next_word() -> None:
    report = lint("Obviously, the tool saves time. Would a look help?", "en")
    suggestion = finding(report, "TD101").suggestions[0]
    assert suggestion.replacement == "The"


def test_deleting_a_lead_in_takes_its_dangling_participle() -> None:
    text = "Ganz einfach gesagt: Mit unserer Lösung planen Sie schneller. Passt das?"
    item = finding(lint(text, "de"), "TD504")
    fixed = apply_first_fix(text, item)
    assert fixed is not None and fixed.startswith("Mit unserer Lösung")


def test_no_deletion_leaves_punctuation_behind() -> None:
    text = "Mit SmartRack halbieren Sie Ihre Lagerkosten – garantiert. Passt das für Sie?"
    item = finding(lint(text, "de"), "OP501")
    assert all(s.replacement != "" for s in item.suggestions)
    assert any(s.description.startswith("Rewrite: “") for s in item.suggestions)


def test_a_meeting_ask_becomes_an_interest_question_with_a_slot() -> None:
    report = lint("Your Q3 report names freight costs as the top risk. Can we hop on a call on Tuesday?", "en")
    description = " ".join(s.description for s in finding(report, "GP185").suggestions)
    assert re.search(r"Rewrite: “Is \[[^\]]+\] .*\?”", description)


def test_a_guarantee_becomes_a_bounded_claim_with_slots() -> None:
    report = lint("Our scanner is guaranteed to cut your picking errors. Worth a look?", "en")
    description = " ".join(s.description for s in finding(report, "OP101").suggestions)
    assert "[customer]" in description and "[figure]" in description


def test_subject_shouting_keeps_one_exclamation_mark() -> None:
    report = lint("Subject: Big news!!!\n\nYour Q3 report names freight costs as the top risk. Worth a look?", "en")
    assert finding(report, "ST007").suggestions[0].replacement == "!"


def test_self_focus_messages_name_the_pronouns() -> None:
    text = (
        "We are a small team. We build our tools ourselves and we sell our platform to our clients. "
        "Our team and I love our work. Would that help you?"
    )
    report = lint(text, "en")
    assert finding(report, "SF001").message == "Opens with I/we/our instead of with the reader"
    assert re.fullmatch(r"\d+ mentions of I/we/our vs \d+ of you/your", finding(report, "SF002").message)


def test_an_ask_is_never_proposed_as_the_opener() -> None:
    text = "We build route planners for regional carriers in Hesse. Are you free Tuesday or Wednesday?"
    for item in lint(text, "en").findings:
        if item.code == "SF001":
            assert all("Tuesday" not in s.description for s in item.suggestions)


def test_doubling_promise_is_reported_on_its_verb() -> None:
    report = lint("With our engine you double your on-time rate in 30 days. Worth a look?", "en")
    item = finding(report, "OP107")
    assert item.text == "double your" and "Double your pipeline" not in item.message


def test_the_question_is_not_glued_after_the_signature() -> None:
    text = "Guten Tag Frau Berg,\n\nwir planen Touren für Speditionen in Hessen.\n\nMit freundlichen Grüßen\nSven Hartl"
    for item in lint(text, "de").findings:
        if item.code == "ST002":
            assert "Hartl" not in (item.suggestions[0].replacement or "")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Sehr geehrte Damen und Herren,\n\nwir planen Touren für Speditionen in ganz Hessen und Thüringen.", "de"),
        ("Hello {{first_name}},\n\nour tool plans routes for regional carriers.", "en"),
    ],
)
def test_facts_only_the_rep_has_are_visible_slots_never_applied(text: str, lang: str) -> None:
    for item in lint(text, lang).findings:
        for suggestion in item.suggestions:
            if suggestion.replacement and "[" in suggestion.replacement:
                assert suggestion.fix.value == "none", item.code


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("We offer an innovative microlearning platform.", "en", "We offer a microlearning platform."),
        ("It is an innovative and fast tool.", "en", "It is a fast tool."),
        ("We are a leading, innovative agency.", "en", "We are an innovative agency."),
        ("We build modern, seamless websites for bakeries.", "en", "We build modern websites for bakeries."),
        (
            "Wir trainieren in kleinen Gruppen, ganzheitlich und praxisnah.",
            "de",
            "Wir trainieren in kleinen Gruppen und praxisnah.",
        ),
    ],
)
def test_a_deletion_fits_its_article_and_list(text: str, lang: str, expected: str) -> None:
    report = lint(text, lang)
    results = {
        text[: f.start.offset] + f.suggestions[0].replacement + text[f.end.offset :]
        for f in report.findings
        if f.suggestions and f.suggestions[0].replacement is not None and f.category == "generic-pitch"
    }
    assert expected in results


def test_the_second_that_clause_loses_its_that_with_the_first() -> None:
    text = (
        "Subject: Doncaster\n\nHi Sam,\n\nI read that your Doncaster site went live in November and that you've "
        "hired 40 pickers.\n\nTom"
    )
    found = finding(lint(text, "en"), "SF001")
    assert found.suggestions[0].replacement == "Your Doncaster site went live in November and you've hired 40 pickers."


def test_the_added_question_never_follows_a_signature_line() -> None:
    text = (
        "Betreff: Angebot\n\nGuten Tag Frau Berg,\n\nanbei unser Angebot für die Wartung Ihrer Anlagen.\n\n"
        "Mit freundlichen Grüßen\nJonas Weber\nSachbearbeitung Vertrieb"
    )
    found = finding(lint(text, "de"), "ST002")
    assert found.text == "anbei unser Angebot für die Wartung Ihrer Anlagen."


def test_quoted_json_keys_are_not_spelled() -> None:
    text = 'Betreff: API\n\nHallo Jo,\n\nso sieht es aus:\n\n{"auftrag": 12, "positionen": []}\n\nTom'
    assert [f for f in lint(text, "de").findings if f.code == "SP001"] == []


def rewrite_of(found: Finding) -> str:
    return next(s.description for s in found.suggestions if s.description.startswith("Rewrite:"))


def test_a_meeting_ask_becomes_a_question_about_the_subject_line() -> None:
    text = (
        "Subject: Online booking for the Didsbury clinic\n\nHi Sarah,\n\nYour clinic takes bookings by phone "
        "only, and online booking cuts no-shows.\n\nDo you have 15 minutes on Wednesday?\n\nTom"
    )
    found = finding(lint(text, "en"), "GP181")
    assert "Is online booking for the Didsbury clinic something your team is working on" in rewrite_of(found)


@pytest.mark.parametrize(
    "subject", ["Quick question", "Hi Sarah", "Idea for your clinic", "Save 30% this week", "You're invited: brunch"]
)
def test_a_subject_that_names_no_topic_leaves_the_slot(subject: str) -> None:
    text = (
        f"Subject: {subject}\n\nHi Sarah,\n\nYour clinic takes bookings by phone only, and online booking cuts "
        "no-shows.\n\nDo you have 15 minutes on Wednesday?\n\nTom"
    )
    found = finding(lint(text, "en"), "GP181")
    assert "Is [the topic of your email] something" in rewrite_of(found)


def test_a_german_du_email_gets_its_rewrites_in_the_du_form() -> None:
    text = (
        "Betreff: Fotos für euer Café\n\nHallo Jana,\n\nich war letzte Woche bei dir im Café und habe deine "
        "Zimtschnecken probiert. Wir würden uns freuen, wenn du dich meldest.\n\nViele Grüße\nMia"
    )
    report = lint(text, "de")
    rewrite = rewrite_of(finding(report, "GP580"))
    assert rewrite == "Rewrite: “Ist „Fotos für euer Café“ für dein Team gerade ein Thema?”"
    assert not re.search(r"\b(?:Sie|Ihnen|Ihr|Ihre)\b", finding(report, "ST002").suggestions[0].replacement)


def test_a_rewrite_whose_verb_cannot_take_the_du_form_is_not_shown() -> None:
    from outreach_lint.analysis.address import in_address

    assert in_address("Falls das gerade kein Thema ist, sagen Sie es kurz.", "du") == (
        "Falls das gerade kein Thema ist, sag es kurz."
    )
    assert in_address("Ihr Team spart Zeit.", "ihr") == "Euer Team spart Zeit."
    assert in_address("Wann passt es Ihnen? Rufen Sie mich an.", "du") is None


def test_a_german_slot_keeps_the_capital_of_its_noun() -> None:
    text = "Betreff: Angebot\n\nHallo Frau Kern,\n\nwir liefern {Firmenname} die Etiketten ab März.\n\nViele Grüße\nTom"
    found = finding(lint(text, "de"), "MF001")
    assert found.suggestions[0].replacement == "[Firmenname]"


def test_a_subject_that_names_the_sender_company_is_no_topic() -> None:
    text = (
        "Betreff: Vorstellung der Consultas Beratung GmbH\n\nGuten Tag Frau Kern,\n\nwir beraten Speditionen "
        "bei der Tourenplanung. Wir würden uns freuen, von Ihnen zu hören.\n\nMit freundlichen Grüßen\nTom Weber"
    )
    assert "[das Thema Ihrer E-Mail]" in rewrite_of(finding(lint(text, "de"), "GP580"))


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (
            "We guarantee a 25% lift in basket size within 90 days.",
            "en",
            "Rewrite: “[customer] saw a 25% lift in basket size within 90 days.”",
        ),
        (
            "Wir garantieren Ihnen kürzere Touren ab März.",
            "de",
            "Rewrite: “[Kunde] hat kürzere Touren ab März erreicht.”",
        ),
    ],
)
def test_a_guarantee_becomes_a_customer_result_built_from_its_own_object(sentence, lang, expected) -> None:
    greeting = "Hallo Frau Kern," if lang == "de" else "Hi Tom,"
    text = f"Subject: Touren\n\n{greeting}\n\n{sentence}\n\nTom"
    assert rewrite_of(finding(lint(text, lang), "OP101" if lang == "en" else "OP501")) == expected


def test_a_guarantee_without_its_object_keeps_the_slot_template() -> None:
    text = "Subject: Leads\n\nHi Tom,\n\nResults guaranteed.\n\nTom"
    assert "[customer] cut [what]" in rewrite_of(finding(lint(text, "en"), "OP101"))
