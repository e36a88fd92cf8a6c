"""Inline suppression: ``outreach-lint: disable=CODES`` (whole file) and ``disable-next-line=CODES``."""

from __future__ import annotations

import bisect

from .document import Directive
from .models import Finding


def _keys(finding: Finding) -> list[tuple[str, str]]:
    """The selectors that name a finding: every prefix of its code, its category and its rule (any case)."""
    prefixes = [("code", finding.code[:end]) for end in range(1, len(finding.code) + 1)]
    return [("*", ""), *prefixes, ("name", finding.category), ("name", finding.rule)]


def _target_line(lines: list[str], after: int) -> int | None:
    """The first non-blank line after line ``after`` (1-based), the line a ``disable-next-line`` applies to."""
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return None


def apply_suppressions(
    findings: list[Finding], directives: list[Directive], source_text: str
) -> tuple[list[Finding], list[Directive]]:
    """Return (findings kept, directives that suppressed nothing).

    Directives are looked up by what they name and, for ``disable-next-line``, by the line they apply to, so
    a finding costs a few lookups however many directives the file has."""
    if not directives:
        return findings, []
    lines = source_text.splitlines()
    # scope (None: the whole file, else the target line) → selector key → indices of the directives
    tables: dict[int | None, dict[tuple[str, str], list[int]]] = {}
    for index, directive in enumerate(directives):
        scope = None if directive.kind == "disable" else _target_line(lines, directive.end_line)
        if scope is None and directive.kind != "disable":
            continue  # nothing follows it: it covers nothing
        table = tables.setdefault(scope, {})
        if not directive.codes:
            table.setdefault(("*", ""), []).append(index)
        for code in directive.codes:
            table.setdefault(("code", code), []).append(index)
            table.setdefault(("name", code.lower()), []).append(index)
    target_lines = sorted(scope for scope in tables if scope is not None)
    used: set[tuple[int | None, tuple[str, str]]] = set()
    kept = []
    for finding in findings:
        first = bisect.bisect_left(target_lines, finding.start.line)
        last = bisect.bisect_right(target_lines, finding.end.line)
        hit = False
        for scope in [None, *target_lines[first:last]]:
            table = tables.get(scope, {})
            for key in _keys(finding):
                if key in table:
                    used.add((scope, key))
                    hit = True
        if not hit:
            kept.append(finding)
    covering = {index for scope, key in used for index in tables[scope][key]}
    return kept, [d for i, d in enumerate(directives) if i not in covering]
