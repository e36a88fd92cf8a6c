"""Applying suggested replacements to a source text, and writing the result atomically."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
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


class FixSkipped(Exception):
    """A file that a fix run leaves untouched; the message is one line saying why."""


def write_fixed(path: Path, original: bytes, fixed: bytes) -> None:
    """Replace the file at ``path`` (a symbolic link's target, the link kept) with ``fixed``, atomically.

    Nothing is written when the file is read-only, has other hard links (replacing it would split them),
    sits in a read-only folder, or no longer holds ``original`` (it was edited while it was checked):
    FixSkipped says which."""
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except OSError as exc:
        raise FixSkipped(f"cannot stat the file to fix it ({exc.strerror}); not rewritten") from None
    if not stat.S_ISREG(info.st_mode):
        raise FixSkipped("not a regular file; not rewritten")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FixSkipped("file is read-only; not rewritten (the fixes are shown with --diff)")
    if info.st_nlink > 1:
        raise FixSkipped(
            f"file has {info.st_nlink} hard links; not rewritten, replacing it would split them (see --diff)"
        )
    directory = target.parent
    folder = os.stat(directory)
    if not folder.st_mode & 0o222 or not os.access(directory, os.W_OK | os.X_OK):
        raise FixSkipped("its folder is read-only; not rewritten (the fixes are shown with --diff)")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise FixSkipped(f"cannot write in its folder ({exc.strerror}); not rewritten") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(fixed)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, stat.S_IMODE(info.st_mode))
        with contextlib.suppress(OSError):
            os.chown(temp_name, info.st_uid, info.st_gid)
        if target.read_bytes() != original:
            raise FixSkipped("file changed while it was checked; not rewritten (run the fix again)")
        os.replace(temp_name, target)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FixSkipped(f"cannot replace it ({exc.strerror or exc}); not rewritten") from None
        raise
    _sync_directory(directory)


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

