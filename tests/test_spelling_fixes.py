"""Spelling fixes only when one suggestion is clearly first; deterministic suggestions; line-break hyphens;
misspellings at a sentence start; the likely intended word listed first."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from outreach_lint import Linter
from outreach_lint.models import FixSafety

GERMAN = "Betreff: Test\n\nHallo Frau Weber,\n\n{}\n\nViele Grüße\nTom\n"
ENGLISH = "Subject: Test\n\nHi Jana,\n\n{}\n\nBest,\nTom\n"
LISTED = re.compile(r"“([^”]+)”")


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(select=("SP",))


def findings(linter: Linter, body: str, lang: str) -> list[tuple[str, str | None, FixSafety]]:
    """(text, replacement, fix safety) of each spelling finding of an email with this body."""
    report = linter.lint((GERMAN if lang == "de" else ENGLISH).format(body), lang)
    return [(f.text, f.suggestions[0].replacement, f.suggestions[0].fix) for f in report.findings]


def listed(linter: Linter, body: str, lang: str) -> list[str]:
    """The suggestions the first finding's description lists (when it has no fix)."""
    report = linter.lint((GERMAN if lang == "de" else ENGLISH).format(body), lang)
    return LISTED.findall(report.findings[0].suggestions[0].description)[1:]


def cli_findings(cli, tmp_path: Path, emails: dict[str, str]) -> dict[str, list[dict]]:
    """The JSON findings of `check --format json` for small email files, by file name."""
    for name, text in emails.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("check", "--format", "json", "--select", "SP", "--exit-zero", *sorted(emails), cwd=tmp_path)
    files = json.loads(result.stdout)["files"]
    return {Path(f["path"]).name: f["findings"] for f in files}


def test_known_bad_fixes_through_the_command_line(cli, tmp_path: Path) -> None:
    found = cli_findings(
        cli,
        tmp_path,
        {
            "baldmoeglichst.txt": GERMAN.format("Ich freue mich auf Ihre baldmöglichste Rückmeldung."),
            "adresse.txt": GERMAN.format("Bitte senden Sie die Unterlagen an die Addresse in Penzberg."),
            "standart.txt": GERMAN.format("Unser Standart passt gut zu Ihrem Lager."),
            "sneakern.txt": GERMAN.format("Ihr Shop verkauft viel mehr Sneakern als letztes Jahr."),
            "ocado.txt": ENGLISH.format("Ocado-style picking works for your warehouse."),
        },
    )
    replacements = {name: [s["replacement"] for f in items for s in f["suggestions"]] for name, items in found.items()}
    assert found["baldmoeglichst.txt"] == []  # an inflected form of "baldmöglichst", not a typo
    assert replacements["adresse.txt"] == ["Adresse"]  # never "Raddresse"
    assert [f["text"] for f in found["standart.txt"]] == ["Standart"]
    assert replacements["standart.txt"] == [None]  # "Standard" and "Standarte" are as close: no fix
    assert "“Standard” or “Standarte”" in found["standart.txt"][0]["suggestions"][0]["description"]
    assert found["sneakern.txt"] == []  # the dative plural of "Sneaker", never "Kerner"
    assert [f["text"] for f in found["ocado.txt"]] == ["Ocado-style"]
    assert replacements["ocado.txt"] == [None]  # never "Avocado-style"


@pytest.mark.parametrize(
    "body",
    [
        "Ihr Team ist baldmöglichst erreichbar.",
        "Ich freue mich auf Ihre baldmöglichste Rückmeldung.",
        "Die Adresse steht im Angebot, die Standarte hängt im Foyer.",
        "Wir verkaufen Sneakern und Stiefel.",
    ],
)
def test_real_words_and_inflections_are_not_flagged(linter: Linter, body: str) -> None:
    assert findings(linter, body, "de") == []


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("We built an Ocado-style picking flow.", "en"),  # capitalised mid-sentence: a name
        ("Ocado-style picking works. We met Ocado in May.", "en"),  # the name recurs mid-sentence
    ],
)
def test_brand_like_words_are_names(linter: Linter, body: str, lang: str) -> None:
    assert findings(linter, body, lang) == []


@pytest.mark.parametrize(
    ("body", "lang", "word"),
    [
        ("Ocado-style picking works.", "en", "Ocado-style"),
        ("We built an ocado-style flow.", "en", "ocado-style"),
        ("Wir planen Ocado-artig und sparen Zeit.", "de", "Ocado-artig"),
    ],
)
def test_hyphenated_words_never_get_a_fix_into_another_word(linter: Linter, body: str, lang: str, word: str) -> None:
    assert findings(linter, body, lang) == [(word, None, FixSafety.NONE)]


@pytest.mark.parametrize(
    ("body", "lang", "fix"),
    [
        ("Das ist fuer Sie.", "de", ("fuer", "für")),
        ("Die Groesse passt.", "de", ("Groesse", "Größe")),
        ("We meet on monday.", "en", ("monday", "Monday")),
    ],
)
def test_case_and_umlaut_fixes_are_safe(linter: Linter, body: str, lang: str, fix: tuple[str, str]) -> None:
    assert findings(linter, body, lang) == [(*fix, FixSafety.SAFE)]


@pytest.mark.parametrize(
    ("body", "lang", "fix"),
    [
        ("Ihr Bericht nennt die Rechtschreibnug.", "de", ("Rechtschreibnug", "Rechtschreibung")),
        ("Die Annerkennung kam schnell.", "de", ("Annerkennung", "Anerkennung")),
        ("The organisation grew.", "en", None),  # British spelling: accepted
    ],
)
def test_one_clearly_closest_suggestion_is_an_unsafe_fix(
    linter: Linter, body: str, lang: str, fix: tuple[str, str] | None
) -> None:
    assert findings(linter, body, lang) == ([(*fix, FixSafety.UNSAFE)] if fix else [])


@pytest.mark.parametrize(
    ("body", "lang", "first"),
    [
        ("Der Standart passt.", "de", "Standard"),  # a sound-alike letter before an added one
        ("Allso, wie wäre Dienstag?", "de", "Also"),  # a doubled letter
        ("Die Betreung läuft.", "de", "Betreuung"),
        ("Das Hochaus steht.", "de", "Hochhaus"),
        ("We recieve the report.", "en", "receive"),  # two letters swapped
        ("Teh report is here.", "en", "The"),
    ],
)
def test_ties_list_the_likely_word_first_without_a_fix(linter: Linter, body: str, lang: str, first: str) -> None:
    [(_, replacement, safety)] = findings(linter, body, lang)
    assert (replacement, safety) == (None, FixSafety.NONE)
    assert listed(linter, body, lang)[0] == first


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("Vieleicht können wir nächste Woche sprechen.", "Vieleicht"),
        ("Allso, wie wäre Dienstag? Allso gut.", "Allso"),  # repeated at sentence starts only: still a typo
        ("Vieleicht Ihre Kollegin?", "Vieleicht"),  # before a capitalised pronoun: no company name
    ],
)
def test_misspelling_at_a_sentence_start_is_found(linter: Linter, body: str, word: str) -> None:
    assert {text for text, _, _ in findings(linter, body, "de")} == {word}


@pytest.mark.parametrize(
    "body",
    [
        "Kvistgaard liefert pünktlich. Wir kennen Kvistgaard seit Jahren.",  # recurs in mid-sentence
        "Hartung Spedition liefert pünktlich.",  # a company name
    ],
)
def test_names_at_a_sentence_start_are_accepted(linter: Linter, body: str) -> None:
    assert findings(linter, body, "de") == []


def test_a_company_at_a_sentence_start_and_on_its_own_line_is_a_name(linter: Linter) -> None:
    body = "Forecastly does all three for you.\n\nWant a demo?\n\nBen Armitage\nForecastly"
    assert findings(linter, body, "en") == []


def test_first_word_misspelling_in_english(linter: Linter) -> None:
    assert [text for text, _, _ in findings(linter, "Alot of teams use it.", "en")] == ["Alot"]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Unsere Kunden-\nbetreuung hilft sofort.", "de"),
        ("Unsere Kunden-\nund Partnerteams helfen sofort.", "de"),
        ("Die Ausrüstungs-\nund Bauinvestitionen stiegen.", "de"),
        ("The well-\nknown report and our self-\ncheckout.", "en"),
        ("Das CRM-\nSystem läuft.", "de"),
    ],
)
def test_words_hyphenated_across_a_line_break(linter: Linter, body: str, lang: str) -> None:
    assert findings(linter, body, lang) == []


def test_a_misspelling_across_a_line_break_maps_to_the_original_text(linter: Linter) -> None:
    text = GERMAN.format("Unsere Kunden-\n  betreuug hilft, die Frachtkostn sinken.")
    report = linter.lint(text, "de")
    spans = [(text[f.start.offset : f.end.offset], f.text, f.suggestions[0].replacement) for f in report.findings]
    assert spans[0] == ("Kunden-\n  betreuug", "Kunden-\n  betreuug", "Kundenbetreuung")
    assert spans[1][:2] == ("Frachtkostn", "Frachtkostn")


def test_suggestions_are_the_same_in_every_run(cli, tmp_path: Path) -> None:
    # More misspelled words than the budget: which words get suggestions is counted, never timed.
    typos = "Die Rechtschreibnug, Planunng, Annerkennung, Betreung, Frachtkostn und Berreich. " * 2
    many = " ".join(f"lieferkettn{letter}x" for letter in "abcdefghijklmnopqrstuvwxyz")
    text = GERMAN.format(typos + many)
    first = Linter(select=("SP",)).lint(text, "de")
    second = Linter(select=("SP",)).lint(text, "de")
    warm = Linter(select=("SP",))
    warm.lint(GERMAN.format(many), "de")  # other words' suggestions cached first
    assert first.findings == second.findings == warm.lint(text, "de").findings
    described = [f.suggestions[0].description for f in first.findings]
    assert any("first words" in d for d in described)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    runs = [cli("check", "--format", "json", "--select", "SP", "--exit-zero", "a.txt", cwd=tmp_path) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert json.loads(runs[0].stdout)["files"][0]["findings"]


def test_fix_applies_safe_spelling_fixes_only(cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(GERMAN.format("Das ist fuer Sie, die Rechtschreibnug und der Standart."), encoding="utf-8")
    cli("check", "--select", "SP", "--fix", "--exit-zero", str(draft))
    assert "Das ist für Sie, die Rechtschreibnug und der Standart." in draft.read_text(encoding="utf-8")
    cli("check", "--select", "SP", "--fix", "--unsafe-fixes", "--exit-zero", str(draft))
    assert "Das ist für Sie, die Rechtschreibung und der Standart." in draft.read_text(encoding="utf-8")


def test_german_compounds_of_two_known_nouns_are_words() -> None:
    from outreach_lint import Linter

    text = (
        "Betreff: Termin\n\nGuten Tag Herr Kramer,\n\nunser Monteurteam bringt die Mandantenakte mit. "
        "Die Rechnunng folgt.\n\nGrüße\nTom"
    )
    flagged = [f.text for f in Linter(select=("SP001",)).lint(text, "de").findings]
    assert flagged == ["Rechnunng"]
