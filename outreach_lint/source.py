"""Reading inputs: files, stdin and strings become decoded Sources, or a one-line error."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: File endings that are linted when a directory is given, mapped to their format.
KNOWN_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    ".j2": "text",
    ".jinja": "text",
    ".jinja2": "text",
    ".hbs": "text",
}

#: Extensions whose contents are templates (merge fields expected).
TEMPLATE_EXTENSIONS = frozenset({".j2", ".jinja", ".jinja2", ".hbs"})

MAX_FILE_BYTES = 50 * 1024 * 1024
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


class SourceError(Exception):
    """An input that cannot be linted; the message is one line a user can act on."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input as read: its display path, decoded text and format."""

    path: str
    text: str
    format: str
    encoding: str = "utf-8"

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"


def format_for_path(path: str) -> str:
    """The input format for a path, by its ending (plain text when unknown)."""
    name = path.lower()
    for suffix in (".html.j2", ".html.jinja", ".html.hbs", ".md.j2", ".md.jinja"):
        if name.endswith(suffix):
            return "html" if suffix.startswith(".html") else "markdown"
    return KNOWN_EXTENSIONS.get(Path(name).suffix, "text")


def is_template_path(path: str) -> bool:
    return Path(path.lower()).suffix in TEMPLATE_EXTENSIONS


def decode_bytes(data: bytes, path: str, fmt: str) -> Source:
    """Decode raw bytes; binary data and invalid UTF-8 raise SourceError (e-mail is decoded by headers)."""
    if not data.strip():
        raise SourceError("file is empty: nothing to check")
    if b"\x00" in data[:8192]:
        raise SourceError("looks like a binary file (contains NUL bytes), not an email draft")
    if fmt == "eml":
        try:
            return Source(path, data.decode("utf-8"), fmt, "utf-8")
        except UnicodeDecodeError:
            # Header-declared charsets decide later; latin-1 keeps one code point per byte.
            return Source(path, data.decode("latin-1"), fmt, "latin-1")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, offset {exc.start}); "
            "re-save the file as UTF-8"
        ) from None
    return Source(path, text, fmt, encoding)


def read_path(path: str | os.PathLike[str]) -> Source:
    """Read and decode one file."""
    shown = str(path)
    file = Path(path)
    if not file.exists():
        raise SourceError("no such file or directory")
    if file.is_dir():
        raise SourceError("is a directory")
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(f"file is {size / 1e6:.1f} MB, larger than the {MAX_FILE_BYTES // 2**20} MiB limit")
        data = file.read_bytes()
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    return decode_bytes(data, shown, format_for_path(shown))


def read_text(text: str, path: str = "<string>", fmt: str = "text") -> Source:
    """Wrap an in-memory string as a Source."""
    return Source(path, text, fmt)


def expand_paths(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand directories to the lintable files below them.

    Returns (files, problems) where problems are (path, message) pairs for paths that yield nothing.
    """
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":
            files.append(raw)
        elif path.is_dir():
            found = sorted(
                str(p) for p in _walk(path) if format_for_path(str(p)) != "text" or p.suffix.lower() in KNOWN_EXTENSIONS
            )
            if not found:
                exts = ", ".join(sorted(KNOWN_EXTENSIONS))
                problems.append((raw, f"directory contains no lintable files ({exts})"))
            files.extend(found)
        else:
            files.append(raw)
    return files, problems


def _walk(root: Path) -> list[Path]:
    result: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRECTORIES)
        for name in filenames:
            candidate = Path(dirpath) / name
            if candidate.suffix.lower() in KNOWN_EXTENSIONS:
                result.append(candidate)
    return result
