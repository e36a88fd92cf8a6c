"""Applying suggested replacements to a source text, and writing the result atomically."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from pathlib import Path

from .fixing.formats import format_named
from .fixing.loop import applicable, candidates
from .fixing.tidy import splice
from .models import Finding

__all__ = ["FIXABLE_FORMATS", "FixSkipped", "applicable", "apply_fixes", "unified_diff", "write_fixed"]

#: Formats whose files ``--fix`` may rewrite (HTML only where a span is plain text; .eml never).
FIXABLE_FORMATS = frozenset({"text", "markdown"})


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False, fmt: str = "text") -> tuple[str, int]:
    """One pass: apply the non-overlapping replacements (earliest wins) with their clean-up (capitalisation,
    spaces, emptied lines); return (new text, number applied). ``--fix`` runs passes like this in a loop that
    re-checks each result (see ``outreach_lint.fixing``)."""
    chosen = candidates(text, findings, unsafe, format_named(fmt))
    newline = "\r\n" if "\r\n" in text else "\n"
    fixed, _ = splice(text, [c.edit for c in chosen], fmt == "html", newline)
    return fixed, len(chosen)


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
