"""Fixing emails: the fix loop, what each format allows, and how many findings a fix run really fixes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import FileReport, Finding, FixSafety, Report
from ..source import format_for_path, read_text
from .formats import EML_NOTICE, Format, format_named
from .loop import MAX_PASSES, FixLoop, FixOutcome, Rejection, Relint, applicable, candidates, finding_key

if TYPE_CHECKING:
    from ..linter import Linter

__all__ = [
    "EML_NOTICE",
    "MAX_PASSES",
    "FixOutcome",
    "Fixer",
    "Rejection",
    "applicable",
    "finding_key",
    "raw_report",
    "writable",
]


def _lines(text: str, path: str, fmt: str) -> list[str]:
    """The lines of an email's text as the parser reads it (markup left out), stripped."""
    from ..parsing import parse

    return [line.strip() for line in parse(read_text(text, path, fmt)).full_body.text.splitlines()]


def _signature(text: str, path: str, fmt: str) -> list[str]:
    from ..parsing import parse

    document = parse(read_text(text, path, fmt))
    regions = [r.text for r in document.regions if r.kind == "signature"]
    return [line.strip() for region in regions for line in region.splitlines() if line.strip()]


class Fixer:
    """Runs the fix loop for the files of a report (each file once) and says which findings it fixes."""

    def __init__(self, linter: Linter, unsafe: bool) -> None:
        self.linter = linter
        self.unsafe = unsafe
        # Keyed by id(): each value holds its report too, so that the id stays taken while it is cached.
        self._outcomes: dict[int, tuple[FileReport, FixOutcome | None]] = {}
        self._flags: dict[int, tuple[FileReport, list[bool]]] = {}

    def outcome(self, file: FileReport) -> FixOutcome | None:
        """What ``--fix`` does to this file; None when it cannot change it (an error, .eml, nothing to fix)."""
        if id(file) not in self._outcomes:
            outcome = self._run(file)
            self._outcomes[id(file)] = (file, outcome)
            self._flags[id(file)] = (file, outcome.fixed if outcome else [False] * len(file.findings))
            if outcome is not None and outcome.report is not None:
                self._flags[id(outcome.report)] = (outcome.report, outcome.remaining)
        return self._outcomes[id(file)][1]

    def fixable(self, file: FileReport) -> list[bool]:
        """Per finding of ``file`` (a checked or a re-checked one): whether a fix run applies its fix."""
        if id(file) not in self._flags:
            self.outcome(file)
        return self._flags[id(file)][1]

    def fixable_flags(self, report: Report) -> list[list[bool]]:
        return [self.fixable(file) for file in report.files]

    def _run(self, file: FileReport) -> FixOutcome | None:
        if file.error or file.source_text is None or not file.findings:
            return None
        fmt = format_named(format_for_path(file.path))
        text = file.source_text
        if not fmt.fixable or not candidates(text, file.findings, self.unsafe, fmt):
            return None
        loop = FixLoop(
            fmt,
            self.unsafe,
            self._relinter(file, fmt.name),
            lambda fixed: _lines(fixed, file.path, fmt.name),
            _signature(text, file.path, fmt.name),
        )
        return loop.run(text, file)

    def _relinter(self, file: FileReport, fmt: str) -> Relint:
        """Checks a fixed text as the file was checked: its language, mode and per-file ignores."""
        linter = self.linter
        overrides = linter.overrides_for(file.path)
        mode = next((o.mode for o in reversed(overrides) if o.mode), None)
        ignored = [s for o in overrides for s in o.ignore]

        def relint(text: str) -> FileReport:
            report = linter.check_source(read_text(text, file.path, fmt), lang=file.language, mode=mode)
            if ignored:
                report.findings = [
                    f
                    for f in report.findings
                    if not any(linter._selector_matches(s, linter.rules[f.code]) for s in ignored)
                ]
            return report

        return relint

    def wants_eml_notice(self, file: FileReport) -> bool:
        """An .eml file with findings a fix run would apply in a text file."""
        return (
            format_for_path(file.path) == "eml"
            and not file.error
            and any(applicable(f, self.unsafe) is not None for f in file.findings)
        )


def writable(file: FileReport, finding: Finding, unsafe: bool) -> bool:
    """Whether the finding's fix applies and its file's format can take the replacement at its offsets."""
    replacement = applicable(finding, unsafe)
    if replacement is None or file.source_text is None:
        return False
    fmt = format_named(format_for_path(file.path))
    return fmt.raw_replacement(file.source_text, finding, replacement) is not None


# -- JSON: replacements valid at the raw offsets ---------------------------------------------------------------
def raw_report(report: Report) -> Report:
    """The report with every replacement written as it goes into the source at the finding's offsets: HTML
    escaped, and None (its text moved into the description) where it cannot go there (markup or entities in
    an HTML span, any .eml finding)."""
    files = []
    for file in report.files:
        fmt = format_named(format_for_path(file.path))
        if fmt.name not in ("html", "eml") or not file.findings or file.source_text is None:
            files.append(file)
            continue
        findings = [_raw_finding(finding, file.source_text, fmt) for finding in file.findings]
        files.append(replace(file, findings=findings))
    return Report(files)


def _raw_finding(finding: Finding, source: str, fmt: Format) -> Finding:
    suggestions = []
    for suggestion in finding.suggestions:
        if suggestion.replacement is None:
            suggestions.append(suggestion)
            continue
        raw = fmt.raw_replacement(source, finding, suggestion.replacement)
        if raw is not None:
            suggestions.append(replace(suggestion, replacement=raw))
            continue
        description = suggestion.description
        if suggestion.replacement and suggestion.replacement not in description:
            description = f"{description} Rewrite: “{suggestion.replacement}”.".strip()
        suggestions.append(replace(suggestion, replacement=None, description=description, fix=FixSafety.NONE))
    return replace(finding, suggestions=tuple(suggestions))
