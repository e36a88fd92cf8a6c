"""The prospect context: one schema from a TOML/JSON file, the config, YAML front matter, the To: header of an
.eml or a plain draft, and the library call; what wins when several are given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from outreach_lint import Config, Linter, lint
from outreach_lint.prospect import Prospect, ProspectError, from_mapping, from_to_header, load_prospect, resolve

#: The mail-merge slip check (RS004) shows which recipient the linter believes in.
SLIP_EN = "Subject: Freight\n\nHi Mark,\n\nNorthwind's Q3 report names fuel surcharges as the top risk. Worth a look?\n"
COMPANY_SLIP = (
    "Subject: Freight\n\nDear Acme team,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n"
)
FACTS = {
    "company": "Northwind Freight GmbH",
    "aliases": ["Northwind", "NWF"],
    "domain": "northwind.example",
    "person": "Jana Weber",
    "role": "Head of Logistics",
    "salutation": "Frau",
    "facts": ["Q3 2026 report: fuel surcharges +14 %"],
    "posts": ["LinkedIn, 12 Feb 2026: hiring 40 drivers for the night shift"],
    "news": ["Handelsblatt, 3 Mar 2026: Northwind buys Brandt Logistik"],
}


def codes(report, prefix: str = "RS") -> list[str]:
    return [f.code for f in report.findings if f.code.startswith(prefix)]


@pytest.fixture(scope="module")
def research() -> Linter:
    return Linter(select=("research", "merge-field"))


# -- the schema ------------------------------------------------------------------------------------------


def test_schema_fills_first_name_surname_and_short_company() -> None:
    prospect = from_mapping({"person": "Dr. Jana Weber", "company": "Northwind Freight GmbH"})
    assert prospect.first_name == "Jana"
    assert prospect.surname == "Weber"
    assert prospect.short_company == "Northwind Freight"
    assert not prospect.is_empty
    assert Prospect().is_empty


def test_schema_accepts_single_strings_for_lists_and_rejects_unknown_keys() -> None:
    assert from_mapping({"facts": "Opened a hub in Leipzig"}).facts == ("Opened a hub in Leipzig",)
    with pytest.raises(ProspectError, match="unknown field"):
        from_mapping({"compnay": "Typo GmbH"})
    with pytest.raises(ProspectError, match="list of text"):
        from_mapping({"facts": {"a": 1}})
    with pytest.raises(ProspectError, match="must be text"):
        from_mapping({"company": ["A", "B"]})


def test_all_facts_joins_facts_posts_and_news() -> None:
    prospect = from_mapping(FACTS)
    assert len(prospect.all_facts) == 3
    assert prospect.company_names[0] == "Northwind Freight GmbH"


# -- files -------------------------------------------------------------------------------------------------


def test_toml_and_json_files_give_the_same_prospect(tmp_path: Path) -> None:
    toml_file = tmp_path / "northwind.toml"
    toml_file.write_text(
        'company = "Northwind Freight GmbH"\naliases = ["Northwind", "NWF"]\ndomain = "northwind.example"\n'
        'person = "Jana Weber"\nrole = "Head of Logistics"\nsalutation = "Frau"\n'
        'facts = ["Q3 2026 report: fuel surcharges +14 %"]\n'
        'posts = ["LinkedIn, 12 Feb 2026: hiring 40 drivers for the night shift"]\n'
        'news = ["Handelsblatt, 3 Mar 2026: Northwind buys Brandt Logistik"]\n',
        encoding="utf-8",
    )
    json_file = tmp_path / "northwind.json"
    json_file.write_text(json.dumps(FACTS), encoding="utf-8")
    assert load_prospect(toml_file) == load_prospect(json_file) == from_mapping(FACTS)


def test_invalid_prospect_files_raise_with_the_path(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("company = ", encoding="utf-8")
    with pytest.raises(ProspectError, match="not valid TOML"):
        load_prospect(broken)
    with pytest.raises(ProspectError, match="cannot read"):
        load_prospect(tmp_path / "missing.json")


def test_prospect_file_in_the_library_config(tmp_path: Path) -> None:
    file = tmp_path / "p.json"
    file.write_text(json.dumps({"person": "Jana Weber", "company": "Northwind Freight GmbH"}), encoding="utf-8")
    linter = Linter(Config(prospect_file=file), select=("RS004",))
    assert codes(linter.lint(SLIP_EN, "en")) == ["RS004"]


def test_cli_prospect_toml(cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text('person = "Jana Weber"\ncompany = "Northwind Freight GmbH"\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(SLIP_EN, encoding="utf-8")
    result = cli("check", "--prospect", "p.toml", "--select", "RS004", "--format", "json", "draft.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout.decode())["files"][0]["findings"]
    assert [(f["code"], f["text"], f["suggestions"][0]["replacement"]) for f in findings] == [("RS004", "Mark", "Jana")]


def test_cli_prospect_json(cli, tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text(json.dumps(FACTS), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(COMPANY_SLIP, encoding="utf-8")
    result = cli("check", "--prospect", "p.json", "--select", "RS004", "--format", "concise", "draft.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "RS004" in result.stdout.decode() and "Acme" in result.stdout.decode()


def test_cli_prospect_from_config_file(cli, tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "jana.toml").write_text('person = "Jana Weber"\n', encoding="utf-8")
    (tmp_path / ".outreach-lint.toml").write_text('prospect = "people/jana.toml"\nselect = ["RS004"]\n')
    (tmp_path / "draft.txt").write_text(SLIP_EN, encoding="utf-8")
    result = cli("check", "--format", "concise", "draft.txt", cwd=tmp_path)
    assert result.returncode == 1 and "RS004" in result.stdout.decode()


def test_cli_broken_prospect_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text("company = [\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(SLIP_EN, encoding="utf-8")
    result = cli("check", "--prospect", "p.toml", "draft.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "p.toml" in result.stderr.decode() and "TOML" in result.stderr.decode()


# -- front matter ------------------------------------------------------------------------------------------


def test_front_matter_is_the_prospect_and_is_not_linted(research: Linter) -> None:
    draft = "---\nperson: Jana Weber\ncompany: Northwind Freight GmbH\n---\n" + SLIP_EN
    report = research.lint(draft, "en")
    assert report.error is None
    slip = [f for f in report.findings if f.code == "RS004"]
    assert len(slip) == 1 and slip[0].text == "Mark"
    assert slip[0].start.line == 7  # positions count the front matter lines


def test_front_matter_lists_and_yaml_types() -> None:
    draft = (
        "---\ncompany: Northwind Freight GmbH\nfacts:\n  - 'Q3 2026 report: fuel surcharges +14 %'\n---\n"
        "Subject: Freight\n\nHi Jana,\n\nMany carriers struggle with rising costs and empty return legs. "
        "Worth a look?\n"
    )
    report = Linter(select=("RS001",)).lint(draft, "en")
    finding = next(f for f in report.findings if f.code == "RS001")
    assert "fuel surcharges +14 %" in finding.suggestions[0].replacement


def test_invalid_front_matter_is_a_file_error() -> None:
    report = Linter().lint("---\ncompnay: Typo\n---\nSubject: x\n\nHi Jana,\n\nHello.\n", "en")
    assert report.error and "unknown field" in report.error
    report = Linter().lint("---\nmode: sent\n---\nSubject: x\n\nHi Jana,\n\nHello.\n", "en")
    assert report.error and "mode" in report.error


def test_front_matter_mode_is_the_files_mode() -> None:
    template = "---\nmode: template\n---\nSubject: Freight\n\nHi {{ first_name }},\n\nMany carriers. Worth a look?\n"
    found = codes(Linter(select=("merge-field",)).lint(template, "en"), "MF")
    assert "MF006" in found and "MF001" not in found


# -- the To: header ----------------------------------------------------------------------------------------


def test_to_header_gives_person_domain_and_company_alias() -> None:
    prospect = from_to_header('"Weber, Jana" <jana.weber@northwind-freight.example>')
    assert prospect.person == "Weber, Jana"
    prospect = from_to_header("Jana Weber <jana.weber@northwind-freight.example>")
    assert prospect.first_name == "Jana" and prospect.surname == "Weber"
    assert prospect.domain == "northwind-freight.example"
    assert prospect.aliases == ("Northwind Freight",)
    assert from_to_header("jana@gmail.com").aliases == ()
    assert from_to_header(None).is_empty and from_to_header("not an address").is_empty


def test_eml_to_header_is_the_recipient(research: Linter) -> None:
    eml = (
        "From: Tom Ashby <tom@routely.example>\nTo: Jana Weber <jana.weber@northwind.example>\n"
        "Subject: Freight\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        "Hi Mark,\n\nNorthwind's Q3 report names fuel surcharges as the top risk. Worth a look?\n"
    )
    report = research.lint(eml, fmt="eml")
    assert codes(report) == ["RS004"]
    fine = research.lint(eml.replace("Hi Mark", "Hi Jana"), fmt="eml")
    assert codes(fine) == []


def test_eml_to_domain_catches_a_team_slip(research: Linter) -> None:
    eml = (
        "From: Tom <tom@routely.example>\nTo: Jana Weber <jana@globex.example>\nSubject: Freight\n\n"
        "Dear Acme team,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n"
    )
    finding = next(f for f in research.lint(eml, fmt="eml").findings if f.code == "RS004")
    assert finding.text == "Acme" and finding.suggestions[0].replacement == "Globex"


def test_plain_draft_header_block_to_line(research: Linter) -> None:
    draft = "To: Jana Weber <jana@northwind.example>\n" + SLIP_EN
    assert codes(research.lint(draft, "en")) == ["RS004"]


# -- the library call and precedence -------------------------------------------------------------------------


def test_library_dict_and_prospect_object(research: Linter) -> None:
    as_dict = research.lint(SLIP_EN, "en", prospect={"person": "Jana Weber"})
    as_object = research.lint(SLIP_EN, "en", prospect=Prospect(person="Jana Weber", first_name="Jana"))
    assert codes(as_dict) == codes(as_object) == ["RS004"]
    assert codes(research.lint(SLIP_EN, "en")) == []  # no context: no slip can be seen


def test_library_dict_with_bad_schema_is_a_file_error(research: Linter) -> None:
    report = research.lint(SLIP_EN, "en", prospect={"nope": 1})
    assert report.error and "unknown field" in report.error


def test_explicit_prospect_wins_over_front_matter_over_to_header() -> None:
    front = {"person": "Mark Brown", "company": "Front GmbH"}
    merged = resolve(Prospect(person="Jana Weber", first_name="Jana"), front, "Eva Roth <eva@header.example>")
    assert merged.person == "Jana Weber" and merged.company == "Front GmbH" and merged.domain == "header.example"
    draft = "---\nperson: Mark Brown\n---\n" + SLIP_EN  # front matter says Mark …
    assert codes(Linter(select=("RS004",)).lint(draft, "en")) == []
    report = Linter(select=("RS004",)).lint(draft, "en", prospect={"person": "Jana Weber"})  # … the call says Jana
    assert codes(report) == ["RS004"]


def test_module_level_lint_with_a_prospect_file(tmp_path: Path) -> None:
    file = tmp_path / "p.toml"
    file.write_text('person = "Jana Weber"\n', encoding="utf-8")
    report = lint(SLIP_EN, "en", prospect_file=file, select=("RS004",))
    assert codes(report) == ["RS004"]
