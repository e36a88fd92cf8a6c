"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run: the tool with metadata for every enabled rule, one result per finding (with fixes for rewrites that
``--fix`` could apply) and unreadable inputs as tool execution notifications. Columns are UTF-16 code units,
SARIF's default, so viewers that ignore ``columnKind`` place them right too."""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import __version__
from .fixes import FIXABLE_FORMATS
from .models import FileReport, Finding, FixSafety, Position, Report, Severity
from .report import dumps_json
from .source import format_for_path

if TYPE_CHECKING:
    from .linter import Linter
    from .rulepack import RuleMeta

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
TOOL_NAME = "outreach-lint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report, linter: Linter, cwd: Path | None = None) -> str:
    """The report as a SARIF 2.1.0 log; paths inside ``cwd`` (default: the working directory) are relative."""
    return dumps_json(sarif_log(report, linter, cwd or Path.cwd()))


def sarif_log(report: Report, linter: Linter, cwd: Path) -> dict[str, Any]:
    """The log as a JSON-ready mapping: one run with the rules, the results and the invocation."""
    rules = _rules_in_log(report, linter)
    index = {meta.code: i for i, meta in enumerate(rules)}
    severity = linter.config.severity
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": _information_uri(),
                "rules": [_rule(meta, severity.get(meta.code, meta.severity)) for meta in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path(os.path.abspath(cwd)).as_uri().rstrip("/") + "/"}},
        "invocations": [_invocation(report, cwd)],
        "results": [
            _result(finding, file, index.get(finding.code), cwd) for file in report.files for finding in file.findings
        ],
        "columnKind": "utf16CodeUnits",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# -- rules -------------------------------------------------------------------------------------------------
def _rules_in_log(report: Report, linter: Linter) -> list[RuleMeta]:
    """Every enabled rule, and any other rule that produced a result, by code."""
    codes = set(linter.enabled) | {f.code for f in report.findings}
    return [linter.rules[code] for code in sorted(codes) if code in linter.rules]


def _examples(examples: Iterable[str]) -> str:
    return "\n".join(f"- {example.replace('⟦', '**').replace('⟧', '**')}" for example in examples)


def _rule(meta: RuleMeta, severity: Severity) -> dict[str, Any]:
    markdown = f"**Why:** {meta.why}\n\n**Rewrite:** {meta.rewrite}"
    if meta.examples_bad:
        markdown += f"\n\n**Fires on:**\n\n{_examples(meta.examples_bad)}"
    if meta.examples_good:
        markdown += f"\n\n**Does not fire on:**\n\n{_examples(meta.examples_good)}"
    return {
        "id": meta.code,
        "name": meta.slug,
        "shortDescription": {"text": meta.message},
        "fullDescription": {"text": meta.why},
        "help": {"text": f"{meta.why}\n\nRewrite: {meta.rewrite}", "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": [meta.category], "category": meta.category, "language": meta.language},
    }


def _information_uri() -> str:
    """The project's home page from the installed metadata, else its page on PyPI."""
    try:
        urls = metadata.metadata(TOOL_NAME).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository", "source"):
            return url.strip()
    return f"https://pypi.org/project/{TOOL_NAME}/"


# -- locations ---------------------------------------------------------------------------------------------
def artifact_location(path: str, cwd: Path) -> dict[str, str]:
    """A file as a URI relative to ``%SRCROOT%`` (the working directory), or absolute when outside it."""
    base = Path(os.path.abspath(cwd))
    absolute = Path(os.path.normpath(base / path))
    try:
        relative = absolute.relative_to(base)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def _utf16_column(source: str | None, position: Position) -> int:
    """The 1-based column counted in UTF-16 code units (characters beyond U+FFFF count twice)."""
    if source is None:
        return position.column
    line_start = position.offset - (position.column - 1)
    before = source[line_start : position.offset]
    return 1 + sum(2 if ord(char) > 0xFFFF else 1 for char in before)


def _region(finding: Finding, source: str | None) -> dict[str, int]:
    return {
        "startLine": finding.start.line,
        "startColumn": _utf16_column(source, finding.start),
        "endLine": finding.end.line,
        "endColumn": _utf16_column(source, finding.end),
    }


# -- results -----------------------------------------------------------------------------------------------
def _message(finding: Finding) -> str:
    rewrite = finding.suggestions[0].description if finding.suggestions else ""
    return f"{finding.message}\n\nRewrite: {rewrite}" if rewrite else finding.message


def _fixes(finding: Finding, location: dict[str, str], region: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "description": {"text": suggestion.description or "Replace the text."},
            "artifactChanges": [
                {
                    "artifactLocation": location,
                    "replacements": [{"deletedRegion": region, "insertedContent": {"text": suggestion.replacement}}],
                }
            ],
            "properties": {"safety": suggestion.fix.value},
        }
        for suggestion in finding.suggestions
        if suggestion.replacement is not None and suggestion.fix in (FixSafety.SAFE, FixSafety.UNSAFE)
    ]


def _result(finding: Finding, file: FileReport, rule_index: int | None, cwd: Path) -> dict[str, Any]:
    location = artifact_location(file.path, cwd)
    region = _region(finding, file.source_text)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        **({"ruleIndex": rule_index} if rule_index is not None else {}),
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "properties": {"category": finding.category, "rule": finding.rule},
    }
    if format_for_path(file.path) in FIXABLE_FORMATS:
        fixes = _fixes(finding, location, region)
        if fixes:
            result["fixes"] = fixes
    return result


def _invocation(report: Report, cwd: Path) -> dict[str, Any]:
    """Whether every input could be read; the ones that could not, and notices, as notifications."""
    notifications: list[dict[str, Any]] = [
        {
            "descriptor": {"id": "input-error"},
            "level": "error",
            "message": {"text": file.error},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path, cwd)}}],
        }
        for file in report.files
        if file.error
    ]
    notices = sorted({notice for file in report.files for notice in file.notices})
    notifications += [{"descriptor": {"id": "notice"}, "level": "note", "message": {"text": n}} for n in notices]
    invocation: dict[str, Any] = {"executionSuccessful": not report.has_errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation
