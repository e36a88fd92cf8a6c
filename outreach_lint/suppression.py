"""Inline suppression: ``outreach-lint: disable=CODES`` (whole file) and ``disable-next-line=CODES``."""

from __future__ import annotations

from .document import Directive
from .models import Finding


def _matches(selector: str, finding: Finding) -> bool:
    return finding.code.startswith(selector) or selector.lower() in (finding.category, finding.rule)


def _covers(directive: Directive, finding: Finding, next_line: int | None) -> bool:
    if directive.codes and not any(_matches(code, finding) for code in directive.codes):
        return False
    if directive.kind == "disable":
        return True
    return next_line is not None and finding.start.line <= next_line <= finding.end.line


def apply_suppressions(
    findings: list[Finding], directives: list[Directive], source_text: str
) -> tuple[list[Finding], list[Directive]]:
    """Return (findings kept, directives that suppressed nothing)."""
    if not directives:
        return findings, []
    lines = source_text.splitlines()
    targets: dict[int, int | None] = {}
    for index, directive in enumerate(directives):
        target = None
        for number in range(directive.end_line + 1, len(lines) + 1):
            if lines[number - 1].strip():
                target = number
                break
        targets[index] = target
    used: set[int] = set()
    kept = []
    for finding in findings:
        hits = [i for i, d in enumerate(directives) if _covers(d, finding, targets[i])]
        used.update(hits)
        if not hits:
            kept.append(finding)
    return kept, [d for i, d in enumerate(directives) if i not in used]
