"""The Python API: typed findings, same JSON as the CLI, thread safety, no printing, language detection."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from outreach_lint import Config, FileReport, Finding, Linter, Report, Severity, lint
from outreach_lint.language import detect_language
from outreach_lint.rulepack import RuleError
from tests.test_cli import BAD, CLEAN


def test_lint_returns_typed_findings(capsys) -> None:
    report = lint(BAD)
    assert isinstance(report, FileReport)
    assert report.language == "en"
    assert all(isinstance(f, Finding) and isinstance(f.severity, Severity) for f in report.findings)
    assert {"SF001", "ST005"} <= {f.code for f in report.findings}
    assert capsys.readouterr() == ("", "")


def test_library_json_equals_cli_json(cli, tmp_path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(BAD, encoding="utf-8")
    from_cli = json.loads(cli("check", "--format", "json", str(path)).stdout)
    report = Report([Linter().lint(BAD, path=str(path))])
    assert json.loads(report.to_json()) == from_cli


def test_options_select_and_lang() -> None:
    report = lint(BAD, select=("SF001",))
    assert {f.code for f in report.findings} == {"SF001"}
    assert lint("Subject: Hallo\n\nHallo Jana, wir sind ein Start-up.", lang="en").language == "en"
    assert Linter(Config(ignore=("self-focus",))).lint(BAD).findings
    assert not [f for f in Linter(Config(ignore=("self-focus",))).lint(BAD).findings if f.category == "self-focus"]


def test_linter_is_thread_safe() -> None:
    linter = Linter()
    emails = [BAD, CLEAN, "Betreff: Test\n\nHallo Frau Weber,\n\nwir sind ein Start-up. Wir wachsen.\n"] * 20
    expected = [[f.to_dict() for f in linter.lint(e).findings] for e in emails]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda e: [f.to_dict() for f in linter.lint(e).findings], emails))
    assert results == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hallo Jana, passt Dienstag?", "de"),
        ("Hi Jana, does Tuesday work?", "en"),
        ("Danke!", "de"),
        ("Unser Onboarding-Prozess für Ihre Sales-Pipeline spart Zeit im Customer Success.", "de"),
        ("Wäre ein kurzer Call zu Ihrem CRM-Setup sinnvoll?", "de"),
        ("Quick look at your Q3 pipeline?", "en"),
        ("Your Kundenportal launch in München looked great. Worth a chat?", "en"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_user_rule_pack_and_vocabularies(tmp_path) -> None:
    pack = tmp_path / "team" / "en.toml"
    pack.parent.mkdir()
    pack.write_text(
        '[pack]\nlanguage = "en"\ncategory = "generic-pitch"\n\n[[rules]]\ncode = "GP901"\nslug = "say-customers"\n'
        'message = "We say customers"\nwhy = "House style."\nrewrite = "Write customers."\n'
        'patterns = ["client~"]\nreplacement = "customers"\n'
        'examples.bad = ["Our ⟦clients⟧ like it."]\nexamples.good = ["Our customers like it."]\n',
        encoding="utf-8",
    )
    linter = Linter(Config(rule_dirs=(pack.parent,), reject={"synergy": "fit"}, accept=frozenset({"clients"})))
    report = linter.lint("Subject: Hi\n\nHi Jana, our clients see synergy and more clients. Worth a look?", "en")
    codes = [(f.code, f.text) for f in report.findings]
    assert ("GP001", "synergy") in codes
    assert not any(code == "GP901" for code, _ in codes)  # accepted word
    report = Linter(Config(rule_dirs=(pack.parent,))).lint("Hi Jana, our clients like it. Worth a look?", "en")
    assert [f.suggestions[0].replacement for f in report.findings if f.code == "GP901"] == ["customers"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rules = [", "invalid TOML"),
        ('[[rules]]\ncode = "bad"\n', "code must look like"),
        ('[[rules]]\ncode = "GP901"\nfoo = 1\n', "unknown field"),
        (
            '[[rules]]\ncode = "GP901"\nslug = "x"\ncategory = "generic-pitch"\nlanguage = "en"\nmessage = "m"\n'
            'why = "w"\nrewrite = "r"\npatterns = ["[a b"]\nexamples.bad = ["a b"]\nexamples.good = ["c"]\n',
            "unbalanced",
        ),
        (
            '[[rules]]\ncode = "GP901"\nslug = "x"\ncategory = "generic-pitch"\nlanguage = "en"\nmessage = "m"\n'
            'why = "w"\nrewrite = "r"\npatterns = ["a"]\nexamples.bad = ["a"]\n',
            "bad and one good example",
        ),
    ],
)
def test_broken_rule_files_give_clear_errors(tmp_path, content: str, message: str) -> None:
    (tmp_path / "broken.toml").write_text(content, encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        Linter(Config(rule_dirs=(tmp_path,)))


def test_missing_trained_pipeline_gives_one_notice_and_still_works() -> None:
    linter = Linter(Config(spacy_models={"en": "en_core_web_not_installed"}))
    report = linter.lint(BAD, "en")
    assert report.findings
    assert report.notices == [
        "spaCy pipeline 'en_core_web_not_installed' is not installed; using the blank en tokenizer"
    ]


def test_missing_trained_pipeline_notice_on_the_command_line(cli, tmp_path) -> None:
    (tmp_path / ".outreach-lint.toml").write_text('spacy-models = { en = "en_core_web_not_installed" }\n')
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    result = cli("check", "d.txt", cwd=tmp_path)
    notices = [line for line in result.stderr.decode().splitlines() if line.startswith("notice:")]
    assert notices == [
        "notice: spaCy pipeline 'en_core_web_not_installed' is not installed; using the blank en tokenizer"
    ]
