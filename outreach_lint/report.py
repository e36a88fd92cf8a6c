"""Output formats: full (for reading), concise, json (the versioned contract) and github annotations."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .models import FileReport, Finding, Report, Severity

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("full", "concise", "json", "github")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_json(report: Report) -> str:
    return report.to_json(indent=2)


def render_concise(report: Report) -> list[str]:
    return [
        f"{file.path}:{f.start.line}:{f.start.column}: {f.code} {f.message}"
        for file in report.files
        for f in file.findings
    ]


def _escape_github(value: str, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(report: Report) -> list[str]:
    lines = []
    for file in report.files:
        if file.error:
            lines.append(f"::error file={_escape_github(file.path, True)}::{_escape_github(file.error)}")
        for f in file.findings:
            level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
            rewrite = f.suggestions[0].description if f.suggestions else ""
            lines.append(
                f"::{level} file={_escape_github(file.path, True)},line={f.start.line},col={f.start.column},"
                f"endLine={f.end.line},endColumn={f.end.column},title={_escape_github(f'{f.code} {f.rule}', True)}"
                f"::{_escape_github(f'{f.message} — {rewrite}')}"
            )
    return lines


def _source_lines(file: FileReport) -> list[str]:
    return (file.source_text or "").splitlines()


def print_full(console: Console, file: FileReport, finding: Finding) -> None:
    """Path and position, the line with the span highlighted, the message and the rewrite."""
    from rich.text import Text

    header = Text()
    header.append(f"{file.path}:{finding.start.line}:{finding.start.column}: ", style="bold")
    header.append(finding.code, style=_STYLE[finding.severity])
    header.append(f" [{finding.category}] ", style="dim")
    header.append(finding.message)
    console.print(header, soft_wrap=True)
    lines = _source_lines(file)
    last = min(finding.end.line, finding.start.line + 3)
    for number in range(finding.start.line, last + 1):
        if number - 1 >= len(lines):
            break
        line = lines[number - 1].rstrip("\r")
        start = finding.start.column - 1 if number == finding.start.line else 0
        end = finding.end.column - 1 if number == finding.end.line else len(line)
        body = Text(f"{number:>5} │ ", style="dim")
        body.append(line[:start])
        body.append(line[start:end], style=f"{_STYLE[finding.severity]} underline")
        body.append(line[end:])
        console.print(body, soft_wrap=True)
        if console.no_color or not console.is_terminal:
            console.print(Text("      │ " + " " * start + "^" * max(end - start, 1), style="dim"), soft_wrap=True)
    if finding.end.line > last:
        console.print(Text("      │ …", style="dim"))
    for suggestion in finding.suggestions[:3]:
        label = Text("      → ", style="green")
        if suggestion.replacement is not None:
            shown = suggestion.replacement if suggestion.replacement else "(delete)"
            label.append("rewrite: ", style="bold green")
            label.append(shown.replace("\n", "⏎ "), style="green")
            if suggestion.fix.value == "safe":
                label.append("  [fixable]", style="dim")
            console.print(label, soft_wrap=True)
            if suggestion.description and suggestion.description != shown:
                console.print(Text(f"        {suggestion.description}", style="dim"), soft_wrap=True)
        else:
            label.append("rewrite: ", style="bold green")
            label.append(suggestion.description)
            console.print(label, soft_wrap=True)
    console.print()


def summary(report: Report, fixable: int) -> str:
    counts = Counter(f.severity.value for f in report.findings)
    total = sum(counts.values())
    checked = sum(1 for f in report.files if not f.error)
    errors = sum(1 for f in report.files if f.error)
    if not total:
        text = f"All clear: no findings in {checked} email(s)."
    else:
        parts = [f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]]
        text = f"Found {total} finding(s) ({', '.join(parts)}) in {checked} email(s)."
        if fixable:
            text += f" {fixable} fixable with --fix."
    if errors:
        text += f" {errors} file(s) could not be checked."
    return text
