"""Merge fields: every syntax from the domain notes in draft and template mode, broken syntax, unknown names,
greetings without fallback, empty greetings, leftovers of a failed merge, spintax; the mode from --mode, the
config, the file type and front matter; and the helper the speller uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outreach_lint import Config, Linter, lint
from outreach_lint.mergefields import find_broken, find_merge_fields, merge_field_spans
from outreach_lint.models import Severity

EN = "Subject: Freight\n\nHi Jana,\n\n{opening} Your Q3 report names fuel surcharges as the top risk. Worth a look?\n"
JANA = {"person": "Jana Weber", "company": "Northwind Freight GmbH", "salutation": "Frau"}

#: Every syntax listed in docs/domain.md (the field, and the text it stands in).
SYNTAXES = [
    "{{first_name}}",
    "{{ contact.firstname }}",
    "{{account.name}}",
    "{{firstName}}",
    "*|FNAME|*",
    "*|FNAME|Friend|*",
    "{!Contact.FirstName}",
    "{{{Recipient.FirstName}}}",
    "{{lead.First Name:default=there}}",
    "{contactfield=firstname}",
    "@firstname",
    "«FirstName»",
    "[First Name]",
    "[Company]",
    "[Vorname]",
    "[Firma]",
    "<FIRST_NAME>",
    "%first_name%",
    "$name$",
    "{Hi|Hello}",
]


@pytest.fixture(scope="module")
def merge() -> Linter:
    return Linter(select=("merge-field",))


def found(report, code: str | None = None) -> list:
    return [f for f in report.findings if f.category == "merge-field" and (code is None or f.code == code)]


# -- every syntax, both modes ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", SYNTAXES)
def test_every_syntax_is_an_error_in_a_draft(merge: Linter, field: str) -> None:
    text = EN.format(opening=f"A note for {field} about freight.")
    hits = found(merge.lint(text, "en", mode="draft"), "MF001")
    assert [h.text for h in hits] == [field]
    assert hits[0].severity is Severity.ERROR
    assert hits[0].suggestions[0].description


@pytest.mark.parametrize("field", SYNTAXES)
def test_every_syntax_is_expected_in_a_template(merge: Linter, field: str) -> None:
    text = EN.format(opening=f"A note for {field} about freight.")
    assert found(merge.lint(text, "en", mode="template"), "MF001") == []


def test_handlebars_block_tags_are_reported_and_deleted_in_a_draft(merge: Linter) -> None:
    text = EN.format(opening="{{#if company}}Congrats on the hub.{{/if}}")
    hits = found(merge.lint(text, "en", mode="draft"), "MF001")
    assert [(h.text, h.suggestions[0].replacement) for h in hits] == [("{{#if company}}", ""), ("{{/if}}", "")]


def test_hubspot_missing_token_is_a_leftover_in_both_modes(merge: Linter) -> None:
    text = EN.format(opening="Your team at [[MISSING TOKEN - company]] grew.")
    for mode in ("draft", "template"):
        hits = found(merge.lint(text, "en", mode=mode))
        assert [(h.code, h.text) for h in hits] == [("MF003", "[[MISSING TOKEN - company]]")]


def test_subject_fields_are_reported_too(merge: Linter) -> None:
    text = "Subject: Idea for {{company}}\n\nHi Jana,\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
    hits = found(merge.lint(text, "en", mode="draft"), "MF001")
    assert [(h.text, h.start.line) for h in hits] == [("{{company}}", 1)]


# -- rewrites from the prospect ----------------------------------------------------------------------------


def test_draft_rewrite_fills_values_from_the_prospect(merge: Linter) -> None:
    text = (
        "Subject: Idea for {{company}}\n\nHi {{first_name}},\n\nAs {{title}} at *|COMPANY|*, {{ contact.lastname }} "
        "knows the Q3 numbers. Worth a look?\n"
    )
    prospect = {**JANA, "role": "Head of Logistics"}
    hits = found(merge.lint(text, "en", mode="draft", prospect=prospect), "MF001")
    assert [(h.text, h.suggestions[0].replacement) for h in hits] == [
        ("{{company}}", "Northwind Freight"),
        ("{{first_name}}", "Jana"),
        ("{{title}}", "Head of Logistics"),
        ("*|COMPANY|*", "Northwind Freight"),
        ("{{ contact.lastname }}", "Weber"),
    ]


def test_german_formal_greeting_becomes_frau_weber(merge: Linter) -> None:
    text = (
        "Betreff: Fracht\n\nHallo {{first_name}},\n\nIhr Q3-Bericht nennt Frachtkosten als größtes Risiko. Wäre das "
        "für Sie interessant?\n"
    )
    hit = found(merge.lint(text, "de", mode="draft", prospect=JANA), "MF001")[0]
    assert hit.suggestions[0].replacement == "Frau Weber"
    assert hit.suggestions[0].description == "Schreiben Sie „Frau Weber“."
    # without a salutation the full name is neutral; in a du-email the first name is right
    neutral = found(merge.lint(text, "de", mode="draft", prospect={"person": "Jana Weber"}), "MF001")[0]
    assert neutral.suggestions[0].replacement == "Jana Weber"
    du = text.replace("Ihr Q3-Bericht", "Dein Q3-Bericht").replace("für Sie", "für dich")
    informal = found(merge.lint(du, "de", mode="draft", prospect=JANA), "MF001")[0]
    assert informal.suggestions[0].replacement == "Jana"


def test_without_a_prospect_the_fallback_or_a_description(merge: Linter) -> None:
    text = EN.format(opening="Hello *|FNAME|Friend|* and {{first_name}}.")
    hits = found(merge.lint(text, "en", mode="draft"), "MF001")
    assert hits[0].suggestions[0].replacement == "Friend"
    assert hits[1].suggestions[0].replacement == "[first name]" and hits[1].suggestions[0].fix.value == "none"
    assert "--prospect" in hits[1].suggestions[0].description


def test_spintax_draft_rewrite_picks_the_first_option(merge: Linter) -> None:
    text = "Subject: Freight\n\n{Hi|Hello} Jana,\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
    hit = found(merge.lint(text, "en", mode="draft"), "MF001")[0]
    assert (hit.text, hit.suggestions[0].replacement) == ("{Hi|Hello}", "Hi")
    assert found(merge.lint(text, "en", mode="template")) == []


# -- broken syntax -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("{{first_name}", "{{first_name}}"),
        ("{first_name}}", "{{first_name}}"),
        ("{{ first_name", "{{ first_name}}"),
        ("*|FNAME|", "*|FNAME|*"),
        ("|FNAME|*", "*|FNAME|*"),
        ("{!Contact.FirstName", "{!Contact.FirstName}"),
        ("{{{Recipient.FirstName}}", "{{{Recipient.FirstName}}}"),
        ("{contactfield=firstname", "{contactfield=firstname}"),
    ],
)
@pytest.mark.parametrize("mode", ["draft", "template"])
def test_broken_syntax_is_an_error_in_both_modes(merge: Linter, broken: str, repaired: str, mode: str) -> None:
    text = f"Subject: Freight\n\nHi {broken} ,\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
    hits = found(merge.lint(text, "en", mode=mode), "MF002")
    assert [(h.text, h.suggestions[0].replacement) for h in hits] == [(broken, repaired)]
    assert hits[0].severity is Severity.ERROR


def test_broken_field_in_a_draft_is_filled_from_the_prospect(merge: Linter) -> None:
    text = "Subject: Freight\n\nHi {{first_name},\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
    hit = found(merge.lint(text, "en", mode="draft", prospect=JANA), "MF002")[0]
    assert hit.suggestions[0].replacement == "Jana"


def test_unbalanced_blocks_in_templates(merge: Linter) -> None:
    text = "Subject: Freight\n\nHi {{ first_name | default: 'there' }},\n\n{{#if company}}About {{company}}.\n"
    hit = found(merge.lint(text, "en", mode="template"), "MF002")[0]
    assert hit.text == "{{#if company}}" and "{{/if}}" in hit.message
    jinja = "Subject: x\n\nHi {{ name | default('there') }},\n\n{% if company %}About it.\n"
    assert [h.text for h in found(merge.lint(jinja, "en", mode="template"), "MF002")] == ["{% if company %}"]
    stray = "Subject: x\n\nHi {{ name | default('there') }},\n\nAbout it.{{/if}}\n"
    assert [h.text for h in found(merge.lint(stray, "en", mode="template"), "MF002")] == ["{{/if}}"]


def test_find_broken_ignores_valid_fields() -> None:
    text = "Hi {{ first_name | default: 'there' }}, *|FNAME|Friend|* {!Contact.FirstName} {{{Recipient.X}}}"
    assert find_broken(text, find_merge_fields(text)) == []


# -- unknown field names (templates) -------------------------------------------------------------------------


def test_unknown_field_names_against_the_configured_list() -> None:
    linter = Linter(Config(merge_fields=("first_name", "company", "personal_opener")), select=("MF005",))
    text = (
        "Subject: x\n\nHi {{ frist_name | default: 'there' }},\n\n{{ personal_opener }} {{ company }} and "
        "{{ industry }}. Worth a look?\n"
    )
    hits = linter.lint(text, "en", mode="template").findings
    assert [(h.text, h.suggestions[0].replacement) for h in hits] == [
        ("{{ frist_name | default: 'there' }}", "{{ first_name | default: 'there' }}"),
        ("{{ industry }}", None),
    ]
    assert all(h.severity is Severity.WARNING for h in hits)
    assert "merge-fields" in hits[1].suggestions[0].description
    assert linter.lint(text, "en", mode="draft").findings == []  # a draft's fields are MF001's


def test_unknown_names_match_case_and_separators() -> None:
    linter = Linter(Config(merge_fields=("first_name", "FNAME")), select=("MF005",))
    text = "Subject: x\n\nHi {{ firstName }} {{ contact.first_name }} *|fname|*,\n\nWorth a look?\n"
    assert linter.lint(text, "en", mode="template").findings == []


def test_without_a_list_only_near_misses_of_common_names() -> None:
    linter = Linter(select=("MF005",))
    text = "Subject: x\n\nHi {{ frist_name }} *|FANME|* {{ pain_point }},\n\nWorth a look?\n"
    hits = linter.lint(text, "en", mode="template").findings
    assert [(h.text, h.suggestions[0].replacement) for h in hits] == [
        ("{{ frist_name }}", "{{ first_name }}"),
        ("*|FANME|*", "*|FNAME|*"),
    ]


def test_cli_config_merge_fields(cli, tmp_path: Path) -> None:
    (tmp_path / ".outreach-lint.toml").write_text('merge-fields = ["first_name", "company"]\nselect = ["MF005"]\n')
    (tmp_path / "cold.txt.j2").write_text("Subject: x\n\nHi {{ first_nme }},\n\nAbout {{ company }}.\n")
    result = cli("check", "--format", "json", "cold.txt.j2", cwd=tmp_path)
    findings = json.loads(result.stdout.decode())["files"][0]["findings"]
    assert [(f["code"], f["text"], f["suggestions"][0]["replacement"]) for f in findings] == [
        ("MF005", "{{ first_nme }}", "{{ first_name }}")
    ]


# -- greeting without fallback (templates) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field", "fallback"),
    [
        ("<string>", "{{ first_name }}", "{{ first_name | default: 'there' }}"),
        ("cold.txt.j2", "{{ first_name }}", "{{ first_name|default('there') }}"),
        ("cold.hbs", "{{first_name}}", "{{#if first_name}}{{first_name}}{{else}}there{{/if}}"),
        ("<string>", "{{ contact.firstname }}", "{{ contact.firstname|default('there') }}"),
        ("<string>", "{{lead.First Name}}", "{{lead.First Name:default=there}}"),
        ("<string>", "*|FNAME|*", "*|FNAME|there|*"),
        ("<string>", "{!Contact.FirstName}", '{!BLANKVALUE(Contact.FirstName, "there")}'),
        ("<string>", "{contactfield=firstname}", "{contactfield=firstname|there}"),
    ],
)
def test_greeting_without_fallback_per_syntax(merge: Linter, path: str, field: str, fallback: str) -> None:
    text = f"Subject: Freight\n\nHi {field},\n\n{{{{ personal_opener }}}} Worth a look?\n"
    hits = found(merge.lint(text, "en", mode="template", path=path), "MF006")
    assert [(h.text, h.suggestions[0].replacement) for h in hits] == [(field, fallback)]
    assert hits[0].severity is Severity.WARNING


def test_greeting_with_fallback_or_if_block_is_fine(merge: Linter) -> None:
    for greeting in (
        "Hi {{ first_name | default: 'there' }},",
        "Hi *|FNAME|there|*,",
        "{{#if first_name}}Hi {{first_name}},{{else}}Hello,{{/if}}",
        "Hi {{lead.First Name:default=there}},",
    ):
        text = f"Subject: x\n\n{greeting}\n\n{{{{ icebreaker }}}} Worth a look?\n"
        assert found(merge.lint(text, "en", mode="template"), "MF006") == [], greeting


def test_german_greeting_fallback(merge: Linter) -> None:
    text = "Betreff: Fracht\n\nHallo {{ vorname }},\n\n{{ aufhaenger }} Wäre das interessant?\n"
    hit = found(merge.lint(text, "de", mode="template"), "MF006")[0]
    assert hit.suggestions[0].replacement == "{{ vorname | default: 'zusammen' }}"
    formal = "Betreff: Fracht\n\nSehr geehrte {{ anrede }} {{ nachname }},\n\n{{ aufhaenger }} Interessant?\n"
    hits = found(merge.lint(formal, "de", mode="template"), "MF006")
    assert len(hits) == 2 and hits[0].suggestions[0].replacement is None
    assert "{{#if" in hits[0].suggestions[0].description


# -- empty greetings and leftovers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("greeting", "lang", "span"),
    [
        ("Hi ,", "en", "Hi ,"),
        ("Dear ,", "en", "Dear ,"),
        ("Dear,", "en", "Dear,"),
        ("Hallo ,", "de", "Hallo ,"),
        ("Sehr geehrte/r ,", "de", "Sehr geehrte/r ,"),
        ("Sehr geehrte ,", "de", "Sehr geehrte ,"),
        ("Guten Tag ,", "de", "Guten Tag ,"),
    ],
)
@pytest.mark.parametrize("mode", ["draft", "template"])
def test_empty_greetings(merge: Linter, greeting: str, lang: str, span: str, mode: str) -> None:
    text = f"Subject: x\n\n{greeting}\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
    hits = found(merge.lint(text, lang, mode=mode), "MF004")
    assert [h.text for h in hits] == [span]
    assert hits[0].severity is Severity.ERROR
    assert hits[0].suggestions[0].replacement in ("Hello,", "Guten Tag,")


def test_empty_greeting_rewrite_with_the_prospect(merge: Linter) -> None:
    text = "Betreff: x\n\nSehr geehrte/r ,\n\nIhr Q3-Bericht nennt Frachtkosten. Wäre das interessant?\n"
    hit = found(merge.lint(text, "de", prospect=JANA), "MF004")[0]
    assert hit.suggestions[0].replacement == "Sehr geehrte Frau Weber,"
    herr = found(merge.lint(text, "de", prospect={"person": "Jan Weber", "salutation": "Herr"}), "MF004")[0]
    assert herr.suggestions[0].replacement == "Sehr geehrter Herr Weber,"


def test_greetings_without_a_name_that_are_fine(merge: Linter) -> None:
    for greeting, lang in (("Hi,", "en"), ("Hello,", "en"), ("Hallo,", "de"), ("Guten Tag,", "de")):
        text = f"Subject: x\n\n{greeting}\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
        assert found(merge.lint(text, lang)) == [], greeting


@pytest.mark.parametrize(
    ("text", "lang", "span"),
    [
        ("Hi undefined,\n\nYour Q3 report names fuel surcharges.", "en", "undefined"),
        ("Hi null,\n\nYour Q3 report names fuel surcharges.", "en", "null"),
        ("Hallo null,\n\nIhr Q3-Bericht nennt Frachtkosten.", "de", "null"),
        ("Hi Jana,\n\nYour team at undefined grew 14 % in Q3.", "en", "undefined"),
        ("Hi Jana,\n\nYour error rate of NaN % is the top risk.", "en", "NaN"),
        ("Hi Jana,\n\nThe report from null.", "en", "null"),
        ("Hallo Jana,\n\nDas null-Team hat im März gewonnen.", "de", "null"),
        ("Hi Jana,\n\nThe Q3 numbers for [[MISSING TOKEN - company]] are in.", "en", "[[MISSING TOKEN - company]]"),
    ],
)
def test_leftovers_of_a_failed_merge(merge: Linter, text: str, lang: str, span: str) -> None:
    hits = found(merge.lint("Subject: x\n\n" + text + "\n", lang), "MF003")
    assert [h.text for h in hits] == [span]
    assert hits[0].severity is Severity.ERROR


def test_leftover_rewrites_from_the_prospect(merge: Linter) -> None:
    text = "Subject: x\n\nHi undefined,\n\nYour team at undefined grew 14 % in Q3. Worth a look?\n"
    hits = found(merge.lint(text, "en", prospect=JANA), "MF003")
    assert [h.suggestions[0].replacement for h in hits] == ["Jana", "Northwind Freight"]


def test_words_that_only_look_like_leftovers(merge: Linter) -> None:
    texts = [
        ("Hi Jana,\n\nThe scope is still undefined in places, and null errors are the goal.", "en"),
        ("Hallo Jana,\n\nSie haben die Fehlerquote auf null gesenkt und fangen bei null an.", "de"),
        ("Hi Jana,\n\nYour returns rose 28% in Q3; $48 million in fees. Tag @northwind on LinkedIn.", "en"),
        ("Hallo Jana,\n\nIhr Motto «Digitalisierung» passt, 5 % Rabatt * gilt.", "de"),
    ]
    for text, lang in texts:
        assert found(merge.lint("Subject: x\n\n" + text + "\n", lang)) == [], text


# -- the mode: --mode, config, file type, front matter, the pre-commit hook -------------------------------------


def test_template_extensions_default_to_template_mode(merge: Linter) -> None:
    text = "Subject: x\n\nHi {{ first_name }},\n\n{{ icebreaker }} Worth a look?\n"
    for path in ("cold.txt.j2", "cold.jinja", "cold.hbs"):
        assert {f.code for f in found(merge.lint(text, "en", path=path))} == {"MF006"}, path
    assert {f.code for f in found(merge.lint(text, "en", path="cold.txt"))} == {"MF001"}
    assert {f.code for f in found(merge.lint(text, "en", path="cold.j2", mode="draft"))} == {"MF001"}


def test_config_mode_and_module_level_lint() -> None:
    text = "Subject: x\n\nHi {{ first_name }},\n\n{{ icebreaker }} Worth a look?\n"
    assert {f.code for f in found(lint(text, "en", mode="template"))} == {"MF006"}
    assert {f.code for f in found(lint(text, "en"))} == {"MF001"}
    assert {f.code for f in found(Linter(Config(mode="template")).lint(text, "en"))} == {"MF006"}


def test_cli_mode_override_and_hook_exit_code(cli, tmp_path: Path) -> None:
    (tmp_path / "cold.txt.j2").write_text("Subject: Fuel in Q3\n\nHi {{ first_name }},\n\nWorth a look?\n")
    hook = cli("check", "--mode", "template", "--fail-on", "error", "--format", "concise", "cold.txt.j2", cwd=tmp_path)
    assert hook.returncode == 0, hook.stdout.decode()
    assert "MF006" in hook.stdout.decode()
    draft = cli("check", "--mode", "draft", "--fail-on", "error", "--format", "concise", "cold.txt.j2", cwd=tmp_path)
    assert draft.returncode == 1
    assert "MF001" in draft.stdout.decode() and "MF006" not in draft.stdout.decode()


def test_cli_draft_mode_for_a_text_file(cli, tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text("Subject: x\n\nHi *|FNAME|,\n\nYour Q3 report. Worth a look?\n")
    result = cli("check", "--select", "merge-field", "--format", "concise", "draft.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "draft.txt:3:4: MF002" in result.stdout.decode()


# -- the speller's helper ------------------------------------------------------------------------------------


def test_merge_field_spans_for_the_speller() -> None:
    text = "Hi {{first_name}}, *|FNAME|* and {Hi|Hello} at 28 % or $48."
    assert [text[s:e] for s, e in merge_field_spans(text)] == ["{{first_name}}", "*|FNAME|*", "{Hi|Hello}"]
    assert merge_field_spans("No placeholders: 28 %, $48, a@b.example.") == []


def test_speller_skips_placeholders() -> None:
    text = "Subject: x\n\nHi {{ frist_nmae }} and *|FNMAE|*,\n\nYour Q3 report names fuel surcharges. Worth a look?\n"
    spelling = Linter(select=("SP001",)).lint(text, "en", mode="template")
    assert spelling.findings == []
