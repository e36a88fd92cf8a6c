"""The examples of the checks written in Python are data files next to them: every check has one, every file
and base email belongs to something, and an entry that does not resolve exactly is an error at load time."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from outreach_lint.checks import registry
from outreach_lint.checks.registry import (
    CODE_CHECKS,
    SHARED_EMAILS,
    ExampleFixtureError,
    examples_dir,
    load_examples,
    resolve_example,
    shared_emails,
)

EMAILS = {"freight": "Subject: Freight\n\nHi Jana,\n\nWorth a look?\n\nTom"}


def _fixture_names() -> set[str]:
    return {path.name for path in examples_dir().iterdir()}


def test_every_code_check_has_a_fixture_file_and_every_file_a_check() -> None:
    codes = {check.meta.code for check in CODE_CHECKS}
    files = {name.removesuffix(".toml") for name in _fixture_names() if name.endswith(".toml")}
    assert files - {SHARED_EMAILS.removesuffix(".toml")} == codes
    assert _fixture_names() - {f"{code}.toml" for code in codes} == {SHARED_EMAILS, "README.md"}


def test_every_shared_email_is_used_by_an_example() -> None:
    used = {
        entry["email"]
        for name in _fixture_names() - {SHARED_EMAILS, "README.md"}
        for entries in tomllib.loads((examples_dir() / name).read_text(encoding="utf-8")).values()
        for entry in entries
        if "email" in entry
    }
    assert set(shared_emails()) == used


def test_the_loaded_examples_are_the_rules_examples() -> None:
    for check in CODE_CHECKS:
        assert load_examples(check.meta.code) == (check.meta.examples_bad, check.meta.examples_good)


def test_a_full_text_is_taken_as_it_is() -> None:
    assert resolve_example({"text": "Hi ⟦there⟧"}, EMAILS, "X") == "Hi ⟦there⟧"


def test_edits_apply_as_replace_then_prepend_and_append_then_mark() -> None:
    entry = {
        "email": "freight",
        "replace": [["Jana", "Jan"], ["Jan,", "Jana,"]],
        "prepend": "---\nmode: template\n---\n",
        "append": "\nRoutely",
        "mark": "mode: template",
    }
    assert resolve_example(entry, EMAILS, "X") == (
        "---\n⟦mode: template⟧\n---\nSubject: Freight\n\nHi Jana,\n\nWorth a look?\n\nTom\nRoutely"
    )


def test_a_replacement_can_carry_the_mark() -> None:
    entry = {"email": "freight", "replace": [["Jana", "⟦{{first_name}}⟧"]]}
    assert resolve_example(entry, EMAILS, "X") == "Subject: Freight\n\nHi ⟦{{first_name}}⟧,\n\nWorth a look?\n\nTom"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"email": "kassel"}, "no shared email named 'kassel'"),
        ({"email": "freight", "mark": "Kassel"}, "mark 'Kassel' occurs 0 times"),
        ({"email": "freight", "mark": "a"}, "mark 'a' occurs 3 times"),
        ({"email": "freight", "replace": [["Petra", "Jana"]]}, "replace 'Petra' occurs 0 times"),
        ({"email": "freight", "replace": [["\n\n", "\n"]]}, "replace '\\\\n\\\\n' occurs 3 times"),
        ({"email": "freight", "replace": [["Jana", "Jan"], ["Jana", "Jo"]]}, "replace 'Jana' occurs 0 times"),
        ({"email": "freight", "replace": [["", "x"]]}, "replace looks for an empty string"),
        ({"email": "freight", "replace": [["Jana"]]}, "pairs"),
        ({"email": "freight", "replace": ["Jana", "Jan"]}, "pairs"),
        ({"email": "freight", "mark": 3}, "are strings"),
        ({"email": "freight", "colour": "red"}, "it has \\['colour', 'email'\\]"),
        ({"mark": "Jana"}, "an entry has either text, or email"),
        ({"text": "Hi", "email": "freight"}, "an entry with text has nothing else"),
    ],
)
def test_an_entry_that_does_not_resolve_exactly_is_an_error(entry: dict, message: str) -> None:
    with pytest.raises(ExampleFixtureError, match=f"^XX001.toml bad\\[0\\]: .*{message}"):
        resolve_example(entry, EMAILS, "XX001.toml bad[0]")


@pytest.fixture
def fixture_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An examples folder of its own, with one base email."""
    (tmp_path / SHARED_EMAILS).write_text('[freight]\ntext = "Hi Jana, worth a look?"\n', encoding="utf-8")
    monkeypatch.setattr(registry, "examples_dir", lambda: tmp_path)
    shared_emails.cache_clear()
    yield tmp_path
    shared_emails.cache_clear()


def test_a_fixture_file_resolves_in_order(fixture_folder: Path) -> None:
    (fixture_folder / "XX001.toml").write_text(
        '[[bad]]\nemail = "freight"\nmark = "Jana"\n\n[[bad]]\ntext = "Hi ⟦Mark⟧"\n\n[[good]]\nemail = "freight"\n',
        encoding="utf-8",
    )
    assert load_examples("XX001") == (("Hi ⟦Jana⟧, worth a look?", "Hi ⟦Mark⟧"), ("Hi Jana, worth a look?",))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[bad]]\nemail = "kassel"\n', "XX001.toml bad\\[0\\]: no shared email named 'kassel'"),
        ('[[good]]\ntext = "Hi"\n\n[[good]]\nemail = "freight"\nmark = "Mark"\n', "XX001.toml good\\[1\\]: mark"),
        ('[[bad]]\ntext = "Hi"\n[[ugly]]\ntext = "Hi"\n', "XX001.toml: only \\[\\[bad\\]\\] and \\[\\[good\\]\\]"),
        ('bad = "Hi"\n', "XX001.toml: bad must be an array of tables"),
        ('[[bad]]\ntext = """Hi\n', "XX001.toml: "),
    ],
)
def test_a_broken_fixture_file_names_the_file_and_entry(fixture_folder: Path, content: str, message: str) -> None:
    (fixture_folder / "XX001.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ExampleFixtureError, match=f"^{message}"):
        load_examples("XX001")


def test_a_missing_fixture_file_is_an_error(fixture_folder: Path) -> None:
    with pytest.raises(ExampleFixtureError, match=r"^XX002\.toml: no such example file"):
        load_examples("XX002")


def test_a_malformed_shared_email_is_an_error(fixture_folder: Path) -> None:
    (fixture_folder / SHARED_EMAILS).write_text('[freight]\nbody = "Hi"\n', encoding="utf-8")
    (fixture_folder / "XX001.toml").write_text('[[bad]]\ntext = "Hi"\n', encoding="utf-8")
    with pytest.raises(ExampleFixtureError, match=f"^{SHARED_EMAILS}: \\[freight\\] must hold exactly one string"):
        load_examples("XX001")
