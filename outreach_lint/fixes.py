"""Applying suggested replacements to a source text, and writing the result atomically."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from .models import Finding, FixSafety

#: Formats whose findings map one-to-one onto the source text (HTML and .eml bodies may be encoded).
FIXABLE_FORMATS = frozenset({"text", "markdown"})


def applicable(finding: Finding, unsafe: bool) -> str | None:
    """The replacement a fix run would apply for this finding, if any."""
    for suggestion in finding.suggestions:
        if suggestion.replacement is None:
            continue
        if suggestion.fix is FixSafety.SAFE or (unsafe and suggestion.fix is FixSafety.UNSAFE):
            return suggestion.replacement
        return None
    return None


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False) -> tuple[str, int]:
    """Apply non-overlapping replacements (earliest wins); return (new text, number applied)."""
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for finding in sorted(findings, key=lambda f: (f.start.offset, f.end.offset)):
        replacement = applicable(finding, unsafe)
        if replacement is None or finding.start.offset < last_end:
            continue
        if text[finding.start.offset : finding.end.offset] != finding.text:
            continue
        chosen.append((finding.start.offset, finding.end.offset, replacement))
        last_end = finding.end.offset
    pieces, pos = [], 0
    for start, end, replacement in chosen:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), len(chosen)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}"))


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` via a temporary file in the same directory and an atomic rename."""
    directory = path.resolve().parent
    mode = path.stat().st_mode & 0o7777
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
