"""Output formats for code scanning and pre-commit: SARIF, statistics, --output-file, concise, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from outreach_lint import Finding, FixSafety, Suggestion

BAD = (
    "Subject: QUICK QUESTION!!!\n\nHi Jana,\n\nMy name is Tom and I work for Routely. We are a Berlin start-up. "
    "Our platform is used by our customers and we are proud of our team.\n\nBest regards,\nTom\n"
)
#: An emoji (two UTF-16 code units, one code point) before the shouting on the subject line.
EMOJI_SUBJECT = "Subject: Fuel costs 🚚 in Q3!!!\n\nHi Jana,\n\nYour Q3 report names fuel costs. Worth a look?\n\nTom\n"
#: A terminal escape (clear screen) and a right-to-left override inside the sentence the rewrites quote.
HOSTILE = "Subject: Routes\n\nHi Jana,\n\nWe are the leading \x1b[2Jprovider \u202e for fleets.\n\nBest,\nTom\n"
CONCISE_LINE = re.compile(r"^[^:]+:\d+:\d+: [A-Z]{2,4}\d{3} \[(?:error|warning|info)\] \S")
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(resources.files("outreach_lint").joinpath("schemas/sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def first_replacement(finding: Finding) -> Suggestion | None:
    return next((s for s in finding.suggestions if s.replacement is not None), None)


def strings(value: object) -> Iterator[str]:
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from strings(item)


def fixable(finding: Finding) -> bool:
    suggestion = first_replacement(finding)
    return suggestion is not None and suggestion.fix is FixSafety.SAFE


# -- SARIF -----------------------------------------------------------------------------------------------------
def test_sarif_log_is_valid_and_describes_every_enabled_rule(cli, tmp_path, linter, sarif_validator) -> None:
    write(tmp_path, "draft.txt", BAD)
    result = cli("check", "--format", "sarif", "draft.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "outreach-lint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    assert {rule["id"] for rule in rules} == linter.enabled
    for rule in rules:
        meta = linter.rules[rule["id"]]
        assert rule["name"] == meta.slug and rule["shortDescription"]["text"] == meta.message
        assert rule["fullDescription"]["text"] == meta.why and meta.rewrite in rule["help"]["text"]
        assert f"**Rewrite:** {meta.rewrite}" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == LEVELS[meta.severity.value]
        assert rule["properties"]["tags"] == [meta.category]
    expected = linter.lint(BAD, path="draft.txt").findings
    assert [r["ruleId"] for r in run["results"]] == [f.code for f in expected]
    for sarif_result, finding in zip(run["results"], expected, strict=True):
        assert rules[sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"]
        assert sarif_result["level"] == LEVELS[finding.severity.value]
        assert sarif_result["message"]["text"].startswith(finding.message)
        location = sarif_result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "draft.txt", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert (region["startLine"], region["endLine"]) == (finding.start.line, finding.end.line)
        assert bool(sarif_result.get("fixes")) == any(
            s.replacement is not None and s.fix is not FixSafety.NONE for s in finding.suggestions
        )
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"


def test_sarif_counts_utf16_columns_and_gives_absolute_uris_outside_the_cwd(
    cli, tmp_path, linter, sarif_validator
) -> None:
    inside, outside = tmp_path / "repo", tmp_path / "elsewhere dir"
    inside.mkdir()
    outside.mkdir()
    path = write(outside, "entwurf ä.txt", EMOJI_SUBJECT)
    log = json.loads(cli("check", "--format", "sarif", "--select", "ST007", str(path), cwd=inside).stdout)
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    (finding,) = [f for f in linter.lint(EMOJI_SUBJECT, path=path.name).findings if f.code == "ST007"]
    (result,) = run["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": path.as_uri()}
    region = location["region"]
    assert (region["startColumn"], region["endColumn"]) == (finding.start.column + 1, finding.end.column + 1)
    (fix,) = result["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == location["artifactLocation"]
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == region
    assert replacement["insertedContent"]["text"] == first_replacement(finding).replacement
    assert fix["properties"]["safety"] == first_replacement(finding).fix.value


def test_sarif_clean_run_and_configured_severities(cli, tmp_path, sarif_validator) -> None:
    (tmp_path / ".outreach-lint.toml").write_text('severity = { ST005 = "info", SF001 = "error" }\n')
    clean = write(tmp_path, "clean.txt", "Subject: Fuel in Q3\n\nHi Jana,\n\nYour Q3 report. Worth a look?\n\nTom\n")
    result = cli("check", "--format", "sarif", "--select", "ST005,SF001", clean.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert run["results"] == [] and run["invocations"] == [{"executionSuccessful": True}]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in run["tool"]["driver"]["rules"]}
    assert levels == {"ST005": "note", "SF001": "error"}


# -- output file ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output_format", ["full", "sarif"])
def test_output_file_receives_exactly_what_stdout_would(cli, tmp_path, output_format) -> None:
    write(tmp_path, "draft.txt", BAD)
    args = ("check", "--format", output_format, "draft.txt")
    printed = cli(*args, cwd=tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.txt").write_text("stale contents that must disappear\n" * 100)
    written = cli(*args, "--output-file", "out/report.txt", cwd=tmp_path)
    assert written.returncode == printed.returncode == 1
    assert written.stdout == b"" and printed.stdout
    assert (tmp_path / "out" / "report.txt").read_bytes() == printed.stdout
    assert written.stderr == printed.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.txt"]


def test_output_file_keeps_errors_on_stderr_and_creates_folders(cli, tmp_path) -> None:
    write(tmp_path, "draft.txt", BAD)
    result = cli("check", "--format", "concise", "-o", "reports/new/lint.txt", "draft.txt", "gone.txt", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    stderr = result.stderr.decode()
    assert "gone.txt: error:" in stderr and "Found " in stderr
    written = (tmp_path / "reports" / "new" / "lint.txt").read_text(encoding="utf-8")
    assert written.endswith("\n") and all(CONCISE_LINE.match(line) for line in written.splitlines())


def test_output_file_that_cannot_be_written_is_an_error(cli, tmp_path) -> None:
    write(tmp_path, "draft.txt", BAD)
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = cli("check", "--format", "json", "-o", "blocker/report.json", "draft.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert b"cannot write blocker/report.json" in result.stderr and result.stdout == b""


# -- statistics ------------------------------------------------------------------------------------------------
def test_statistics_count_findings_per_code(cli, tmp_path, linter) -> None:
    write(tmp_path, "a.txt", BAD)
    write(tmp_path, "b.txt", EMOJI_SUBJECT)
    findings = linter.lint(BAD, path="a.txt").findings + linter.lint(EMOJI_SUBJECT, path="b.txt").findings
    rows = json.loads(cli("check", "--statistics", "--format", "json", "a.txt", "b.txt", cwd=tmp_path).stdout)
    assert [row["count"] for row in rows] == sorted((row["count"] for row in rows), reverse=True)
    assert sum(row["count"] for row in rows) == len(findings)
    by_code = {row["code"]: row for row in rows}
    assert set(by_code) == {f.code for f in findings}
    for code, row in by_code.items():
        mine = [f for f in findings if f.code == code]
        assert row["count"] == len(mine) and row["name"] == mine[0].rule
        assert row["fixable"] == sum(fixable(f) for f in mine)
    assert by_code["ST007"] == {"code": "ST007", "name": "shouting", "severity": "warning", "count": 2, "fixable": 2}
    text = cli("check", "--statistics", "a.txt", "b.txt", cwd=tmp_path)
    assert text.returncode == 1
    lines = text.stdout.decode().splitlines()
    assert len(lines) == len(rows)
    assert re.fullmatch(r"2  ST007  shouting +\(2 fixable\)", next(line for line in lines if "ST007" in line))
    assert "Found " in text.stderr.decode()


# -- concise ---------------------------------------------------------------------------------------------------
def test_concise_lines_show_severity_and_short_replacements(cli, tmp_path) -> None:
    write(tmp_path, "draft.txt", BAD)
    result = cli("check", "--format", "concise", "draft.txt", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert lines and all(CONCISE_LINE.match(line) for line in lines)
    assert "draft.txt:1:10: ST005 [warning] Subject line in capitals → Quick question" in lines
    assert "Found 8 findings in 1 email: 8 warnings (failing at warning: 8 fail)." in result.stderr.decode()


def test_show_fixes_puts_each_rewrite_on_one_short_line(cli, tmp_path, linter) -> None:
    write(tmp_path, "draft.txt", BAD)
    findings = linter.lint(BAD, path="draft.txt").findings
    result = cli("check", "--format", "concise", "--show-fixes", "--fail-on", "error", "draft.txt", cwd=tmp_path)
    assert result.returncode == 0 and "(failing at error: none fail)" in result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    headers = [line for line in lines if CONCISE_LINE.match(line)]
    rewrites = [line for line in lines if line.startswith("  → ")]
    assert len(headers) == len(findings) and len(rewrites) == sum(bool(f.suggestions) for f in findings)
    assert len(headers) + len(rewrites) == len(lines)
    assert "  → Quick question" in rewrites and all(len(line) <= 104 for line in rewrites)
    assert any(line.endswith("…") for line in rewrites)
    assert not any("→" in line for line in headers)


def test_github_annotations_stay_one_valid_command_per_finding(cli, tmp_path) -> None:
    write(tmp_path, "draft.txt", BAD.replace("proud of our team", "100% proud of our team"))  # a "%" to escape
    lines = cli("check", "--format", "github", "draft.txt", cwd=tmp_path).stdout.decode().splitlines()
    command = re.compile(
        r"::(error|warning|notice) file=draft\.txt,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:,]+::\S.*"
    )
    assert lines and all(command.fullmatch(line) for line in lines)
    assert any("%25" in line for line in lines)


# -- terminal safety -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [(), ("--format", "concise", "--show-fixes")])
def test_escape_sequences_from_a_draft_are_shown_not_executed(cli, tmp_path, args) -> None:
    write(tmp_path, "draft.txt", HOSTILE)
    result = cli("check", *args, "draft.txt", cwd=tmp_path)
    out = result.stdout.decode() + result.stderr.decode()
    assert "\x1b" not in out and "\u202e" not in out
    assert "We are the leading \\x1b[2Jprovider \\u202e for fleets." in out


def test_escape_sequences_are_json_escapes_in_json_and_sarif(cli, tmp_path, linter) -> None:
    write(tmp_path, "draft.txt", HOSTILE)
    assert any("\x1b[2J" in f.text and "\u202e" in f.text for f in linter.lint(HOSTILE, path="draft.txt").findings)
    for output_format in ("json", "sarif"):
        out = cli("check", "--format", output_format, "draft.txt", cwd=tmp_path).stdout.decode()
        assert "\x1b" not in out and "\u202e" not in out
        assert "\\u001b[2J" in out and "\\u202e" in out
        assert any("\x1b[2Jprovider \u202e" in text for text in strings(json.loads(out)))


def test_escape_sequences_from_a_rule_pack_are_shown_not_executed(cli, tmp_path) -> None:
    pack = tmp_path / "house-rules"
    pack.mkdir()
    (pack / "house.toml").write_text(
        '[[rules]]\ncode = "HR001"\nslug = "synergy"\ncategory = "generic-pitch"\nlanguage = "en"\n'
        'message = "Synergy \\u001b]0;owned\\u0007 \\u202eetisw"\nwhy = "Empty."\nrewrite = "Say what changes."\n'
        'patterns = ["synergy"]\nexamples.bad = ["⟦Synergy⟧ matters."]\nexamples.good = ["Costs matter."]\n',
        encoding="utf-8",
    )
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["house-rules"]\nselect = ["HR001"]\n')
    write(tmp_path, "draft.txt", "Subject: Costs\n\nHi Jana,\n\nSynergy for Northwind. Worth a look?\n\nTom\n")
    for args in ((), ("--format", "concise")):
        result = cli("check", *args, "draft.txt", cwd=tmp_path)
        out = result.stdout.decode() + result.stderr.decode()
        assert result.returncode == 1, out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "HR001" in out and "Synergy \\x1b]0;owned\\x07 \\u202eetisw" in out
