"""Output formats: full (for reading), concise, json (the versioned contract), github annotations, statistics,
and writing a report to a file. SARIF lives in ``sarif.py``."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import FileReport, Finding, Report, Severity, Suggestion

if TYPE_CHECKING:
    from rich.console import Console

    from .linter import Linter

FORMATS = ("full", "concise", "json", "github", "sarif")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: A replacement this short is shown on the concise line itself.
SHORT_REWRITE = 30
#: The longest rewrite line ``--show-fixes`` prints before cutting it off with "…".
REWRITE_LINE = 100

# -- terminal safety ---------------------------------------------------------------------------------------
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = (*(c for c in range(0x20) if c != 0x09), *range(0x7F, 0xA0))
#: Control characters (C0 but tab, DEL, C1) and bidirectional marks, overrides and isolates, shown escaped.
_VISIBLE = str.maketrans({c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in (*_CONTROLS, *_BIDI)})
#: The same characters as JSON escapes, for those json.dumps leaves raw (C1, DEL, bidi).
_JSON_SAFE = str.maketrans({c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), *_BIDI)})


def visible(text: str) -> str:
    """``text`` with terminal escapes, other control characters and bidi overrides written out (``\\x1b``)."""
    return text.translate(_VISIBLE)


def dumps_json(data: Any) -> str:
    """Indented JSON that keeps letters readable but escapes every character a terminal would act on."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_SAFE)


# -- json, github ------------------------------------------------------------------------------------------
def render_json(report: Report) -> str:
    """The versioned contract; C1 controls and bidi overrides are written as JSON escapes (same data). Every
    replacement is valid at its finding's raw offsets (see ``fixing.raw_report``)."""
    from .fixing import raw_report

    return raw_report(report).to_json(indent=2).translate(_JSON_SAFE)


def _escape_github(value: str, property_: bool = False) -> str:
    value = visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
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


# -- concise -----------------------------------------------------------------------------------------------
def _shown_replacement(suggestion: Suggestion) -> str:
    return (suggestion.replacement or "(delete)").replace("\n", "⏎ ")


def rewrite_line(finding: Finding, limit: int = REWRITE_LINE) -> str | None:
    """The first rewrite on one line: the replacement, or the description when there is none."""
    if not finding.suggestions:
        return None
    suggestion = finding.suggestions[0]
    text = _shown_replacement(suggestion) if suggestion.replacement is not None else suggestion.description
    text = visible(" ".join(text.split("\n")))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short_replacement(finding: Finding) -> str | None:
    """The replacement when it is short enough to follow the message on the same line."""
    suggestion = finding.suggestions[0] if finding.suggestions else None
    if suggestion is None or suggestion.replacement is None:
        return None
    if len(suggestion.replacement) > SHORT_REWRITE or "\n" in suggestion.replacement:
        return None
    return visible(_shown_replacement(suggestion))


def render_concise(report: Report, show_fixes: bool = False) -> list[str]:
    """``path:line:col: CODE [severity] message``; a short replacement follows, ``show_fixes`` adds a line."""
    lines = []
    for file in report.files:
        path = visible(file.path)
        for f in file.findings:
            line = f"{path}:{f.start.line}:{f.start.column}: {f.code} [{f.severity.value}] {visible(f.message)}"
            if show_fixes:
                lines.append(line)
                rewrite = rewrite_line(f)
                if rewrite:
                    lines.append(f"  → {rewrite}")
                continue
            short = _short_replacement(f)
            lines.append(f"{line} → {short}" if short is not None else line)
    return lines


# -- statistics --------------------------------------------------------------------------------------------
def statistics(report: Report, unsafe: bool, fixable: list[list[bool]] | None = None) -> list[dict[str, Any]]:
    """Findings per code, most frequent first: code, rule name, severity, count and how many --fix would fix."""
    rows: dict[str, dict[str, Any]] = {}
    for file, flags in zip(report.files, fixable_flags(report, unsafe, fixable), strict=True):
        for finding, fixed in zip(file.findings, flags, strict=True):
            row = rows.setdefault(
                finding.code,
                {"code": finding.code, "name": finding.rule, "severity": finding.severity.value}
                | {"count": 0, "fixable": 0},
            )
            row["count"] += 1
            row["fixable"] += fixed
    return sorted(rows.values(), key=lambda row: (-row["count"], row["code"]))


def fixable_flags(report: Report, unsafe: bool, known: list[list[bool]] | None = None) -> list[list[bool]]:
    """Per file, per finding: whether ``--fix`` applies its fix. ``known`` is the fix loop's verdict; without
    it a finding counts when its file's format can take its replacement at its offsets."""
    if known is not None:
        return known
    from .fixing import writable

    return [[writable(file, finding, unsafe) for finding in file.findings] for file in report.files]


def render_statistics(rows: list[dict[str, Any]]) -> list[str]:
    """One aligned line per code, as ruff prints them: count, code, rule name, and how many are fixable."""
    table = [
        (str(row["count"]), row["code"], visible(row["name"]), f"({row['fixable']} fixable)" if row["fixable"] else "")
        for row in rows
    ]
    widths = [max((len(cells[i]) for cells in table), default=0) for i in range(3)]
    return [
        f"{count:>{widths[0]}}  {code:<{widths[1]}}  {name:<{widths[2]}}  {fixable}".rstrip()
        for count, code, name, fixable in table
    ]


# -- full --------------------------------------------------------------------------------------------------
def _source_lines(file: FileReport) -> list[str]:
    """The lines as positions count them (only ``\\n`` ends a line)."""
    return (file.source_text or "").split("\n")


def _print_span(console: Console, file: FileReport, finding: Finding) -> None:
    from rich.text import Text

    lines = _source_lines(file)
    last = min(finding.end.line, finding.start.line + 3)
    for number in range(finding.start.line, last + 1):
        if number - 1 >= len(lines):
            break
        line = lines[number - 1].rstrip("\r")
        start = finding.start.column - 1 if number == finding.start.line else 0
        end = finding.end.column - 1 if number == finding.end.line else len(line)
        before, span = visible(line[:start]), visible(line[start:end])
        body = Text(f"{number:>5} │ ", style="dim")
        body.append(before)
        body.append(span, style=f"{_STYLE[finding.severity]} underline")
        body.append(visible(line[end:]))
        console.print(body, soft_wrap=True)
        if console.no_color or not console.is_terminal:
            caret = "      │ " + " " * len(before) + "^" * max(len(span), 1)
            console.print(Text(caret, style="dim"), soft_wrap=True)
    if finding.end.line > last:
        console.print(Text("      │ …", style="dim"))


def _print_suggestions(console: Console, finding: Finding) -> None:
    from rich.text import Text

    for suggestion in finding.suggestions[:3]:
        _print_suggestion(console, suggestion)
    example = next((s.example for s in finding.suggestions if s.example), None)
    if example:
        console.print(Text(f"        Example: {visible(example)}", style="dim"), soft_wrap=True)


def _print_suggestion(console: Console, suggestion: Suggestion) -> None:
    """One rewrite: the replacement (with its description below it) or the description alone."""
    from rich.text import Text

    label = Text("      → ", style="green")
    label.append("rewrite: ", style="bold green")
    if suggestion.replacement is None:
        label.append(visible(suggestion.description.removeprefix("Rewrite: ")))
        console.print(label, soft_wrap=True)
        return
    shown = _shown_replacement(suggestion)
    label.append(visible(shown), style="green")
    if suggestion.fix.value == "safe":
        label.append("  [fixable]", style="dim")
    console.print(label, soft_wrap=True)
    if suggestion.description and suggestion.description != shown:
        console.print(Text(f"        {visible(suggestion.description)}", style="dim"), soft_wrap=True)


def print_full(console: Console, file: FileReport, finding: Finding) -> None:
    """Path and position, the line with the span highlighted, the message and the rewrite."""
    from rich.text import Text

    header = Text()
    header.append(f"{visible(file.path)}:{finding.start.line}:{finding.start.column}: ", style="bold")
    header.append(finding.code, style=_STYLE[finding.severity])
    header.append(f" [{finding.category}] ", style="dim")
    header.append(visible(finding.message))
    console.print(header, soft_wrap=True)
    _print_span(console, file, finding)
    _print_suggestions(console, finding)
    console.print()


def print_report(console: Console, report: Report) -> None:
    for file in report.files:
        for finding in file.findings:
            print_full(console, file, finding)


# -- summary -----------------------------------------------------------------------------------------------
def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 or noun == "info" else f"{number} {noun}s"


def summary(report: Report, fixable: int, fail_on: Severity | None = Severity.WARNING) -> str:
    """One line: findings per severity, how many fail at ``fail_on`` (None: nothing fails), fixable, errors."""
    counts = Counter(f.severity for f in report.findings)
    total = sum(counts.values())
    checked = sum(1 for f in report.files if not f.error)
    errors = sum(1 for f in report.files if f.error)
    if not total:
        text = f"All clear: no findings in {_count(checked, 'email')}."
    else:
        parts = ", ".join(_count(counts[s], s.value) for s in _SEVERITIES if counts[s])
        if fail_on is None:
            verdict = "nothing fails with --exit-zero"
        else:
            failing = sum(n for s, n in counts.items() if s.rank >= fail_on.rank)
            verdict = f"failing at {fail_on.value}: {failing or 'none'} {'fails' if failing == 1 else 'fail'}"
        text = f"Found {_count(total, 'finding')} in {_count(checked, 'email')}: {parts} ({verdict})."
        if fixable:
            text += f" {fixable} fixable with --fix."
    if errors:
        text += f" {_count(errors, 'file')} could not be checked."
    return text


# -- output file -------------------------------------------------------------------------------------------
def _new_file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_output(path: Path, text: str) -> None:
    """Write a report to ``path`` atomically (temporary file and rename); parent folders are created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.is_file() else _new_file_mode()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


# -- putting it together -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Output:
    """What ``check`` prints and where: the format and the options that shape it."""

    format: str = "full"
    quiet: bool = False
    unsafe: bool = False
    exit_zero: bool = False
    statistics: bool = False
    show_fixes: bool = False
    file: str | None = None
    #: Per file, per finding: whether ``--fix`` applies its fix (the fix loop's verdict); None: judged by
    #: the finding and its file's format alone.
    fixable: list[list[bool]] | None = None


def render(report: Report, linter: Linter, output: Output) -> str:
    """The report as text in any format but full (whose colours need a console, see ``render_full``)."""
    if output.statistics:
        rows = statistics(report, output.unsafe, output.fixable)
        return dumps_json(rows) if output.format == "json" else "\n".join(render_statistics(rows))
    if output.format == "json":
        return render_json(report)
    if output.format == "sarif":
        from .sarif import render_sarif

        return render_sarif(report, linter)
    lines = render_github(report) if output.format == "github" else render_concise(report, output.show_fixes)
    return "\n".join(lines)


def render_full(report: Report, summary_text: str | None, to_terminal: bool) -> str:
    """Every finding with its line and rewrite, then the summary; in colour only for a terminal."""
    from rich.console import Console

    buffer = io.StringIO()
    if to_terminal:
        console = Console(file=buffer, highlight=False, force_terminal=True if sys.stdout.isatty() else None)
    else:
        console = Console(file=buffer, highlight=False, force_terminal=False, no_color=True)
    print_report(console, report)
    if summary_text:
        console.print(summary_text, markup=False, highlight=False, emoji=False, soft_wrap=True)
    return buffer.getvalue()


def summary_line(report: Report, output: Output, fail_on: Severity | None) -> str | None:
    """The summary, unless ``--quiet``."""
    if output.quiet:
        return None
    fixable = sum(sum(flags) for flags in fixable_flags(report, output.unsafe, output.fixable))
    return summary(report, fixable, fail_on)


def print_messages(console: Console, report: Report, quiet: bool) -> None:
    """Notices (unless quiet) and the inputs that could not be checked, one line each."""
    if not quiet:
        for notice in sorted({n for f in report.files for n in f.notices}):
            console.print(f"notice: {visible(notice)}", markup=False, highlight=False, emoji=False, soft_wrap=True)
    for file in report.files:
        if file.error:
            message = f"{visible(file.path)}: error: {visible(file.error)}"
            console.print(message, style="red", markup=False, highlight=False, emoji=False, soft_wrap=True)
