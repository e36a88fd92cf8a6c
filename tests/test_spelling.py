"""Spelling: embedded Hunspell for German and English, few false alarms, LanguageTool backend that never hangs."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest

from outreach_lint import Config, Linter
from outreach_lint.spelling.hunspell_backend import DictionaryError
from tests.lt_stub import StubServer


def spelling_findings(text: str, lang: str, **config) -> list[tuple[str, str | None]]:
    report = Linter(select=("SP", "GR"), **config).lint(text, lang)
    return [(f.text, f.suggestions[0].replacement) for f in report.findings]


def first_suggestions(text: str, lang: str, **config) -> list[tuple[str, str | None]]:
    """(word, its fix or else the first suggestion the description lists)."""
    report = Linter(select=("SP",), **config).lint(text, lang)
    found = []
    for finding in report.findings:
        suggestion = finding.suggestions[0]
        listed = re.findall(r"“([^”]+)”", suggestion.description)[1:2]
        found.append((finding.text, suggestion.replacement or (listed[0] if listed else None)))
    return found


def test_german_typos_found_with_ranked_suggestions() -> None:
    text = "Betreff: Test\n\nIhr Bericht nennt die Rechtschreibnug und die Frachtkostn."
    # "Frachtkost" is as close as "Frachtkosten": no fix, the likelier word listed first.
    assert spelling_findings(text, "de") == [("Rechtschreibnug", "Rechtschreibung"), ("Frachtkostn", None)]
    assert first_suggestions(text, "de") == [("Rechtschreibnug", "Rechtschreibung"), ("Frachtkostn", "Frachtkosten")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Your online shop and the offline stores both run on one hotline.",
        "Geschäftsführer in Düsseldorf sign the Förderantrag themselves.",  # first word: known to the German dictionary
    ],
)
def test_english_emails_accept_shared_and_german_words(sentence: str) -> None:
    assert spelling_findings(f"Subject: Test\n\nHi Jana,\n\n{sentence}", "en") == []


def test_english_typos_found() -> None:
    text = "Subject: Test\n\nWe recieve your report every week."
    assert spelling_findings(text, "en") == [("recieve", None)]  # "relieve" is as close
    assert first_suggestions(text, "en") == [("recieve", "receive")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ihr Kundenbeziehungsmanagement und das Softwareauswahlprojekt laufen seit März.",
        "Das CRM-System und der Change-Prozess betreffen alle Kund*innen, Kund:innen, Kund_innen und KundInnen.",
        "Unser Onboarding für Ihre Sales-Pipeline dauert drei Wochen, inklusive Roadmap und Webinar.",
        "Hallo {{first_name}}, *|FNAME|*, {!Contact.FirstName} und [Vorname] sind Platzhalter.",
        "Schreiben Sie an jana.weber@northwind-logistik.de oder auf https://nwl.example/q3 und #Logistik @nwl.",
        "Die Hartung Spedition in Penzberg spart mit SaaS und KPI-Dashboards 5km und 20 kg je Tour.",
        "Die Rampenplanung und die Supportanfragen im Kommissionierlager sanken um 12 %.",
        "Die Bäckerei Wiedemann und die Zahnarztpraxis Hollmann buchen über Tobias Wendt, bzw. zzgl. Versand.",
        "Am Präsenztag klärt die Recruiterin die größenbedingten Zuschläge für temperaturdokumentierte Ware.",
    ],
)
def test_no_false_alarms_on_german(sentence: str) -> None:
    assert spelling_findings(f"Betreff: Test\n\nHallo Frau Kowalczyk,\n\n{sentence}", "de") == []


@pytest.mark.parametrize(
    ("sentence", "typo"),
    [
        ("Die Lieferung kommt vorausichtlich am Montag.", "vorausichtlich"),
        ("Die Bäckerei Wiedemann hat ein neues Terminsytem.", "Terminsytem"),
        ("Hallo Tobias,\n\nVieleicht passt der Dienstag.", "Vieleicht"),
    ],
)
def test_german_names_and_compounds_excuse_no_typo(sentence: str, typo: str) -> None:
    found = [word for word, _ in spelling_findings(f"Betreff: Test\n\nHallo Frau Kowalczyk,\n\n{sentence}", "de")]
    assert typo in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Your Q3 report names fuel surcharges as the top risk for Northwind Freight.",
        "Our CRM onboarding for SaaS teams (https://routely.example/docs) took {{ contact.firstname }} two weeks.",
        "Millbrook's pre-arrival checks and screenshots from the app cut delays by 8%.",
        "Email jana@northwind.example or ping @jana about the #logistics webinar.",
    ],
)
def test_no_false_alarms_on_english(sentence: str) -> None:
    assert spelling_findings(f"Subject: Test\n\nHi Jana,\n\n{sentence}", "en") == []


def test_signature_and_header_names_are_accepted() -> None:
    text = (
        "To: Zofia Wróblewska <zofia@kvistgaard.example>\nSubject: Kvistgaard\n\n"
        "Kvistgaard ships cold chain goods. Worth a look?\n\n-- \nTomasz Brzęczyszczykiewicz\nRoutelyx GmbH\n"
    )
    assert spelling_findings(text, "en") == []
    assert [w for w, _ in spelling_findings("Subject: Hi\n\nRoutelyx ships goods. Worth a look?", "en")] == ["Routelyx"]


def test_accept_and_reject_lists(tmp_path) -> None:
    team = tmp_path / "accept.txt"
    team.write_text("# team words\nFrachtkostn\n", encoding="utf-8")
    text = "Betreff: Test\n\nDie Frachtkostn und die E-Mail."
    linter = Linter(Config(accept=frozenset({"frachtkostn"}), spelling_reject={"e-mail": "Mail"}), select=("SP",))
    assert [(f.code, f.text) for f in linter.lint(text, "de").findings] == [("SP002", "E-Mail")]


def test_personal_accept_list(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "outreach-lint"
    folder.mkdir()
    (folder / "accept.txt").write_text("Frachtkostn\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert spelling_findings("Betreff: Test\n\nDie Frachtkostn sinken.", "de") == []


def test_extra_dictionaries_selectable(tmp_path) -> None:
    # en_GB ships with outreach-lint. By default British spellings are accepted next to en_US; a configured
    # English dictionary makes that variant strict.
    text = "Subject: Test\n\nThe colour of the organisation's dashboard changed."
    assert spelling_findings(text, "en") == []
    assert spelling_findings(text, "en", dictionaries={"en": "en_US"}) == [
        ("colour", "color"),
        ("organisation's", "organization's"),
    ]
    assert spelling_findings(text, "en", dictionaries={"en": "en_GB"}) == []
    american = "Subject: Test\n\nThe color of the dashboard changed."
    assert first_suggestions(american, "en", dictionaries={"en": "en_GB"}) == [("color", "colour")]
    with pytest.raises(DictionaryError, match="not found"):
        Linter(dictionaries={"de": "de_XX"}, select=("SP",)).lint("Betreff: x\n\nHallo Welt, wie gehts.", "de")


def test_suggestions_are_budgeted_in_words() -> None:
    # 0.1 s of budget is one word: the first misspelled word gets suggestions, the others say why they have none.
    linter = Linter(select=("SP",), spelling_suggestion_budget=0.1)
    text = "Betreff: Test\n\nDie Rechtschreibnug und die Planunng und die Frachtkostn."
    report = linter.lint(text, "de")
    assert report.findings[0].suggestions[0].replacement == "Rechtschreibung"
    assert all("first words" in f.suggestions[0].description for f in report.findings[1:])
    again = Linter(select=("SP",), spelling_suggestion_budget=0.1).lint(text, "de")
    assert again.findings == report.findings


def test_spelling_off() -> None:
    assert spelling_findings("Subject: Test\n\nWe recieve it.", "en", spelling="off") == []


@pytest.fixture
def stub():
    server = StubServer()
    yield server
    server.close()


def test_languagetool_backend_spelling_grammar_and_emoji_offsets(stub) -> None:
    text = "Subject: Freight 🚚\n\nHi Jana 😀😀,\n\nYour report 📈 names fuel surcharcges as a issue for Northwind.\n"
    report = Linter(spelling="languagetool", languagetool_url=stub.url, extend_select=("GR001",)).lint(text, "en")
    found = {(f.code, f.text, f.suggestions[0].replacement) for f in report.findings if f.code in ("SP001", "GR001")}
    assert found == {("SP001", "surcharcges", "surcharges"), ("GR001", "a", "an")}
    for finding in report.findings:
        assert text[finding.start.offset : finding.end.offset] == finding.text
    assert stub.requests and stub.requests[-1]["language"] == "en-US"
    assert report.notices == []


def test_languagetool_german_and_names_filtered(stub) -> None:
    text = "Betreff: Test\n\nIhr Team haben die Frachtkostn im Onboarding gesenkt."
    report = Linter(spelling="languagetool", languagetool_url=stub.url, extend_select=("GR001",)).lint(text, "de")
    found = sorted((f.code, f.text) for f in report.findings if f.code in ("SP001", "GR001"))
    assert found == [("GR001", "Team haben"), ("SP001", "Frachtkostn")]  # "Onboarding" is accepted jargon


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("mode", ["unreachable", "slow", "error", "garbage"])
def test_languagetool_failures_fall_back_within_seconds(stub, mode: str) -> None:
    url = f"http://127.0.0.1:{free_port()}" if mode == "unreachable" else stub.url
    stub.mode = mode
    linter = Linter(spelling="languagetool", languagetool_url=url, languagetool_timeout=2.0, select=("SP",))
    start = time.perf_counter()
    report = linter.lint("Subject: Test\n\nWe recieve the numbers.", "en")
    assert time.perf_counter() - start < 5
    assert [(f.code, f.text) for f in report.findings] == [("SP001", "recieve")]  # Hunspell took over
    assert len(report.notices) == 1 and "using the built-in Hunspell speller" in report.notices[0]
    second = time.perf_counter()
    linter.lint("Subject: Test\n\nWe recieve it.", "en")
    assert time.perf_counter() - second < 1  # not retried for every email


def test_local_languagetool_without_java_or_download_gives_notice(monkeypatch) -> None:
    monkeypatch.setenv("LTP_PATH", "/nonexistent")
    monkeypatch.setenv("PATH", "/nonexistent")
    report = Linter(spelling="languagetool", select=("SP",)).lint("Subject: T\n\nWe recieve it.", "en")
    assert [f.text for f in report.findings] == ["recieve"]
    assert "Java" in report.notices[0] or "LTP_PATH" in report.notices[0]


def test_cli_flags(cli, tmp_path, stub) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Subject: Test\n\nWe recieve a update weekly. Worth a look?\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", "--select", "SP", str(draft)).stdout)
    assert [f["text"] for f in data["files"][0]["findings"]] == ["recieve"]
    off = json.loads(cli("check", "--format", "json", "--select", "SP", "--spelling", "off", str(draft)).stdout)
    assert off["files"][0]["findings"] == []
    result = cli("check", "--format", "json", "--select", "SP,GR", "--languagetool-url", stub.url, str(draft))
    codes = sorted(f["code"] for f in json.loads(result.stdout)["files"][0]["findings"])
    assert codes == ["GR001", "SP001"]


def test_letters_outside_the_dictionary_charset_do_not_crash() -> None:
    # de_DE frami is ISO8859-1: a Turkish dotless ı or Polish ł cannot even be looked up.
    found = spelling_findings("Betreff: Test\n\nHallo Frau Yılmaz, Ihr Kollege Michał Wróbel schrieb uns.", "de")
    assert found == []


def test_a_word_in_subject_and_body_is_a_name_only_when_capitalised_or_used_three_times() -> None:
    typo = "Subject: Best quallity in the UK\n\nHi Jo,\n\nWe offer the best quallity at the lowest price.\n\nTom"
    assert [w for w, _ in spelling_findings(typo, "en")] == ["quallity", "quallity"]
    product = "Subject: Issue 412 on fernlog\n\nHi Jo,\n\nI use fernlog daily; fernlog leaks memory.\n\nTom"
    assert spelling_findings(product, "en") == []
    event = "Betreff: Messewand für die Internorga\n\nHallo Jo,\n\nSie stellen auf der Internorga aus.\n\nTom"
    assert spelling_findings(event, "de") == []


def test_a_letter_typed_twice_is_no_compound_and_listed_misspellings_are_flagged() -> None:
    text = "Betreff: Test\n\nHallo Jo,\n\nSie sehen 8 % Einsparrungen, und das Packet kommt morgen.\n\nTom"
    assert [w for w, _ in spelling_findings(text, "de")] == ["Einsparrungen", "Packet"]
