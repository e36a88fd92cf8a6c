"""Metric rules: a count with bounds over a part of the email, defined in packs (the shipped length limits and a
team's own), checked when loaded, and limited by the configuration."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from outreach_lint import Config, Linter
from outreach_lint.rulepack import RuleError

OPEN, CLOSE = "⟦", "⟧"
#: The documented example (rules/README.md, "Metric rules"): a paragraph of at most 60 words.
PARAGRAPH_RULE = '''
[pack]
language = "*"
category = "structure"

[[rules]]
kind = "metric"
code = "ST901"
slug = "long-paragraph"
message = "Paragraph too long"
finding-message = "Paragraph has {count} words; keep it under {max}"
why = "A paragraph of more than 60 words is a wall of text on a phone."
rewrite = "Break it after its main point."
per = "paragraph"
count = "words"
max = 60
examples.bad = ["""
Hi Jana,

⟦Your Q3 report names fuel surcharges as the top risk for the year. Three carriers of your size in northern \\
Germany cut them by eight percent over two quarters. They pooled their regional routes with partners they \\
already trust. Each kept its own customers and its own drivers. The pooled routes ran fuller, and the empty \\
kilometres fell by a fifth. Your routes around Kassel look much the same.⟧

Worth a look?"""]
examples.good = ["Hi Jana,\\n\\nYour Q3 report names fuel surcharges as the top risk.\\n\\nWorth a look?"]
'''
#: A valid metric rule, to break one field at a time.
RULE = {
    "kind": '"metric"',
    "code": '"ST901"',
    "slug": '"long-paragraph"',
    "category": '"structure"',
    "language": '"*"',
    "message": '"Paragraph too long"',
    "why": '"A wall of text."',
    "rewrite": '"Break it."',
    "per": '"paragraph"',
    "count": '"words"',
    "max": "60",
    "examples.bad": '["x"]',
    "examples.good": '["y"]',
}


def write_pack(folder: Path, content: str, name: str = "mine.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")
    return folder


def rule_toml(**changes: str | None) -> str:
    """``RULE`` as a ``[[rules]]`` table, with fields changed (None: left out)."""
    fields = {**RULE, **changes}
    return "[[rules]]\n" + "".join(f"{key} = {value}\n" for key, value in fields.items() if value is not None)


def unmark(example: str) -> tuple[str, str]:
    start = example.index(OPEN)
    return example.replace(OPEN, "").replace(CLOSE, ""), example[start + 1 : example.index(CLOSE)]


def words(count: int) -> str:
    """A sentence of ``count`` words."""
    return " ".join(["Route"] + ["pooling"] * (count - 2) + ["works."])


def email(body: str, subject: str = "Route pooling") -> str:
    return f"Subject: {subject}\n\nHi Jana,\n\n{body}\n\nTom"


# -- a team's own metric rule ---------------------------------------------------------------------------------
def test_a_paragraph_rule_from_a_pack_fires_on_its_bad_example_and_not_on_its_good_one(tmp_path: Path) -> None:
    linter = Linter(Config(rule_dirs=(write_pack(tmp_path / "packs", PARAGRAPH_RULE),), select=("ST901",)))
    meta = linter.rules["ST901"]
    assert (meta.kind, meta.language, meta.category) == ("metric", "*", "structure")
    text, marked = unmark(meta.examples_bad[0])
    (finding,) = linter.lint(text, "en").findings
    assert (finding.code, finding.rule, finding.text) == ("ST901", "long-paragraph", marked)
    assert finding.message == "Paragraph has 69 words; keep it under 60"
    assert [(s.replacement, s.description, s.fix.value) for s in finding.suggestions] == [
        (None, "Break it after its main point.", "none")
    ]
    assert not linter.lint(meta.examples_good[0], "en").findings


def test_each_paragraph_is_measured_on_its_own(tmp_path: Path) -> None:
    linter = Linter(Config(rule_dirs=(write_pack(tmp_path / "packs", PARAGRAPH_RULE),), select=("ST901",)))
    two = email(f"{words(30)} {words(20)}\n\n{words(30)} {words(20)}")
    assert not linter.lint(two, "en").findings
    one = email(f"{words(30)} {words(20)}\n{words(30)} {words(20)}")  # a single line break joins them
    # a pack for "*" applies to German emails too
    assert [f.message for f in linter.lint(one, "de").findings] == ["Paragraph has 100 words; keep it under 60"]


def test_a_minimum_fires_below_it_with_the_rules_rewrite_as_advice(tmp_path: Path) -> None:
    pack = rule_toml(
        per='"body"', max=None, min="20", **{"finding-message": '"Only {count} words; say why at least {min}"'}
    )
    linter = Linter(Config(rule_dirs=(write_pack(tmp_path, pack),), select=("ST901",)))
    (finding,) = linter.lint(email("Worth a look?"), "en").findings
    assert finding.message == "Only 6 words; say why at least 20"  # the greeting and the name count
    assert finding.text == "Worth a look?\n\nTom"
    assert [s.description for s in finding.suggestions] == ["Break it."]
    assert not linter.lint(email(words(20)), "en").findings


def test_a_characters_limit_on_each_sentence_counts_characters(tmp_path: Path) -> None:
    pack = rule_toml(per='"sentence"', count='"characters"', max="40", suggest='"split-sentence"')
    linter = Linter(Config(rule_dirs=(write_pack(tmp_path, pack),), select=("ST901",)))
    long = "Three carriers pooled their routes, and their costs fell."
    report = linter.lint(email(f"{long} Worth a look?"), "en")
    assert [(f.text, f.message) for f in report.findings] == [(long, "Paragraph too long")]
    assert report.findings[0].suggestions[0].description.startswith("Split it in two")


def test_the_command_line_lists_and_reports_a_pack_metric_rule(cli, tmp_path: Path) -> None:
    write_pack(tmp_path / "packs", PARAGRAPH_RULE)
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["packs"]\n', encoding="utf-8")
    text, marked = unmark(Linter(Config(rule_dirs=(tmp_path / "packs",))).rules["ST901"].examples_bad[0])
    (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
    result = cli("check", "--format", "json", "--lang", "en", "draft.txt", cwd=tmp_path)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["code"], f["text"]) for f in findings if f["code"] == "ST901"] == [("ST901", marked)]
    listing = json.loads(cli("rules", "--format", "json", cwd=tmp_path).stdout)
    row = next(r for r in listing if r["code"] == "ST901")
    assert (row["kind"], row["language"], row["enabled"]) == ("metric", "*", True)
    assert row["details"].endswith("(a paragraph ends at a blank line). The limit is 60.")


# -- the shipped length limits --------------------------------------------------------------------------------
def test_the_shipped_length_limits_are_metric_rules_with_generated_details(linter: Linter) -> None:
    assert {code: linter.rules[code].kind for code in ("ST001", "ST004", "ST008")} == dict.fromkeys(
        ("ST001", "ST004", "ST008"), "metric"
    )
    assert linter.rules["ST001"].details.endswith("The limit is `max-words` (default 125).")
    assert "`max-subject-words` (default 8) words or more than `max-subject-chars` (default 60)" in (
        linter.rules["ST004"].details
    )


def test_explain_shows_a_shipped_metric_rule_with_its_examples(cli, tmp_path: Path) -> None:
    output = cli("explain", "ST004", cwd=tmp_path).stdout.decode()
    assert output.startswith("ST004 subject-too-long  (structure, warning, German and English)\nSubject line too long")
    assert "How it decides" in output and "Example: Fuel surcharges in Q3" in output
    assert "✗ Subject: [Helping logistics leaders like you reduce freight costs and improve delivery times]" in output


@pytest.mark.parametrize(
    ("sentence_words", "fires"),
    [pytest.param(35, False, id="at-the-limit"), pytest.param(36, True, id="over-the-limit")],
)
def test_a_sentence_fires_above_the_shipped_limit(linter: Linter, sentence_words: int, fires: bool) -> None:
    findings = [f for f in linter.lint(email(words(sentence_words)), "en").findings if f.code == "ST008"]
    expected = [f"Sentence has {sentence_words} words; keep it under 35"] if fires else []
    assert [f.message for f in findings] == expected


def test_the_configured_limits_replace_the_rules_maximum() -> None:
    draft = email(" ".join([words(20)] * 3), subject="Route pooling for Kassel")
    default = Linter(select=("ST001", "ST004", "ST008"))
    assert not default.lint(draft, "en").findings
    options = {"max_words": 50, "max_subject_chars": 20, "max_sentence_words": 15}
    configured = Linter(Config(options=options), select=("ST001", "ST004", "ST008"))
    messages = sorted({(f.code, f.message) for f in configured.lint(draft, "en").findings})
    assert messages == [
        ("ST001", "63 words; first emails work best at 50–50"),
        ("ST004", "Subject has 4 words / 24 characters; 3–6 words work best"),
        ("ST008", "Sentence has 20 words; keep it under 15"),
    ]


def test_a_pack_rule_naming_an_option_follows_the_configuration(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, rule_toml(per='"body"', max="500", option='"max-words"'))
    draft = email(" ".join([words(20)] * 3))
    assert not Linter(Config(rule_dirs=(folder,)), select=("ST901",)).lint(draft, "en").findings
    tight = Linter(Config(rule_dirs=(folder,), options={"max_words": 40}), select=("ST901",))
    assert [f.code for f in tight.lint(draft, "en").findings] == ["ST901"]


def test_a_config_file_limit_reaches_the_metric_rule(cli, tmp_path: Path) -> None:
    (tmp_path / ".outreach-lint.toml").write_text('max-words = 40\nselect = ["ST001"]\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(email(" ".join([words(20)] * 3)), encoding="utf-8")
    result = cli("check", "--format", "json", "--lang", "en", "draft.txt", cwd=tmp_path)
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["message"] == "63 words; first emails work best at 50–40"
    assert "(limit 40)" in finding["suggestions"][0]["description"]


# -- errors when a pack is loaded -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"count": '"sentences"'}, "count must be one of words, characters"),
        ({"per": '"line"'}, "per must be one of body, sentence, subject, paragraph"),
        ({"per": None}, "per must be one of"),
        ({"max": "0"}, "max must be a positive whole number, not 0"),
        ({"max": "-5"}, "max must be a positive whole number"),
        ({"max": "12.5"}, "max must be a positive whole number"),
        ({"max": '"60"'}, "max must be a positive whole number"),
        ({"max": "true"}, "max must be a positive whole number"),
        ({"min": "80"}, r"min \(80\) is above max \(60\)"),
        ({"max": None}, "a measure needs max, min or both"),
        ({"option": '"max-lines"'}, "option 'max-lines' is not a limit the configuration sets"),
        ({"option": '"max-words"', "max": None, "min": "5"}, "option 'max-words' replaces max"),
        ({"suggest": '"rewrite-it"'}, "suggest 'rewrite-it' is not a built-in suggestion"),
        ({"suggest": '["split-sentence"]'}, "suggest \\['split-sentence'\\] is not a built-in suggestion"),
        ({"count": "[]"}, "count must be one of words, characters"),
        ({"suggest": '"split-sentence"'}, "suggest 'split-sentence' works on per = \"sentence\" only"),
        (
            {"suggest": '"shorten-draft"', "per": '"body"', "count": '"characters"'},
            "suggest 'shorten-draft' needs every measure to count words",
        ),
        ({"patterns": '["wall of text"]'}, "a metric rule has no patterns"),
        ({"fix": '"safe"'}, "a metric rule has no fix"),
        ({"kind": None}, 'count, max, per belong to metric rules; add kind = "metric"'),
        ({"kind": '"counter"'}, 'kind must be "phrase" or "metric"'),
        ({"measures": '[{ count = "words", max = 9 }]'}, "either count/max/min/option or measures, not both"),
        ({"count": None, "max": None, "measures": "[]"}, "measures must be a non-empty list of tables"),
        (
            {"count": None, "max": None, "measures": '[{ count = "words", max = 9, most = 3 }]'},
            "unknown measure field\\(s\\) most",
        ),
        ({"finding-message": '"{count} of {limit}"'}, r"finding-message names \{limit\}"),
        ({"finding-message": '"{count} below {min}"'}, r"names \{min\}, but a measure has no min"),
        ({"finding-message": '"{count} words }"'}, "must be text with {placeholders} only"),
    ],
)
def test_a_broken_metric_rule_is_an_error_naming_file_rule_and_reason(tmp_path: Path, changes, message) -> None:
    write_pack(tmp_path, rule_toml(**changes))
    with pytest.raises(RuleError, match=r"^mine\.toml\[0\] \(ST901\)(?: measure \d)?: (?:.* )?" + message):
        Linter(Config(rule_dirs=(tmp_path,)))


def test_a_broken_metric_rule_stops_the_command_line_with_one_line(cli, tmp_path: Path) -> None:
    write_pack(tmp_path / "packs", rule_toml(per='"line"'))
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["packs"]\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(email("Worth a look?"), encoding="utf-8")
    result = cli("check", "draft.txt", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.decode().strip().splitlines()
    assert re.search(r"mine\.toml\[0\] \(ST901\): per must be one of body, sentence, subject, paragraph$", line)


def test_every_measure_of_a_list_is_checked_and_named(tmp_path: Path) -> None:
    measures = '[{ count = "words", max = 9 }, { count = "characters", max = 0 }]'
    write_pack(tmp_path, rule_toml(count=None, max=None, measures=measures))
    with pytest.raises(RuleError, match=r"^mine\.toml\[0\] \(ST901\) measure 2: max must be a positive whole number"):
        Linter(Config(rule_dirs=(tmp_path,)))
