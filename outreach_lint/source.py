"""Reading inputs: files, stdin and strings become decoded Sources, or a one-line error."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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

#: How large an input may be, checked before it is read, decoded or parsed (memory stays bounded).
#: A text or Markdown draft holds at most ``MAX_DRAFT_CHARS`` characters (the body limit of 200,000 plus
#: subject and front matter); at 4 bytes a character at most, larger files are rejected unread.
MAX_DRAFT_CHARS = 250_000
MAX_DRAFT_BYTES = 4 * MAX_DRAFT_CHARS + 4
#: HTML carries markup besides its text; most mail clients clip messages far below this.
MAX_HTML_BYTES = 2 * 1024 * 1024
#: A whole message with its attachments; 25 MB is the size most mail servers accept.
MAX_EML_BYTES = 25 * 1000 * 1000
#: The largest of the limits (inputs of unknown format are read as text).
MAX_FILE_BYTES = MAX_EML_BYTES
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})

#: Byte-order marks, longest first (a UTF-32-LE mark starts like a UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class SourceError(Exception):
    """An input that cannot be linted; the message is one line a user can act on."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input as read: its display path, decoded text and format, and how to write it back."""

    path: str
    text: str
    format: str
    encoding: str = "utf-8"
    bom: bool = False

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        """``text`` in this source's encoding, with its byte-order mark if it had one."""
        mark = next((m for m, name in _BOMS if name == self.encoding), b"") if self.bom else b""
        return mark + text.encode(self.encoding)


def format_for_path(path: str) -> str:
    """The input format for a path, by its ending (plain text when unknown)."""
    name = path.lower()
    for suffix in (".html.j2", ".html.jinja", ".html.hbs", ".md.j2", ".md.jinja"):
        if name.endswith(suffix):
            return "html" if suffix.startswith(".html") else "markdown"
    return KNOWN_EXTENSIONS.get(Path(name).suffix, "text")


def is_template_path(path: str) -> bool:
    return Path(path.lower()).suffix in TEMPLATE_EXTENSIONS


def byte_limit(fmt: str) -> int:
    """The largest input of this format that is read at all."""
    return {"eml": MAX_EML_BYTES, "html": MAX_HTML_BYTES}.get(fmt, MAX_DRAFT_BYTES)


def _too_large(size: int, fmt: str) -> SourceError:
    limit = byte_limit(fmt)
    what = {"eml": "an e-mail message", "html": "an HTML e-mail"}.get(fmt, "an e-mail draft")
    shown = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
    return SourceError(f"file is {shown}, larger than {what} can be ({limit / 1e6:g} MB); nothing was checked")


def decode_bytes(data: bytes, path: str, fmt: str) -> Source:
    """Decode raw bytes; binary data and undecodable text raise SourceError (e-mail is decoded by headers)."""
    if len(data) > byte_limit(fmt):
        raise _too_large(len(data), fmt)
    encoding, bom = "utf-8", b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    payload = data[len(bom) :]
    if not payload.strip(b" \t\r\n\x00" if bom and encoding != "utf-8" else b" \t\r\n\x0b\x0c"):
        raise SourceError("file is empty: nothing to check")
    if encoding == "utf-8" and b"\x00" in payload[:8192]:
        raise SourceError("looks like a binary file (contains NUL bytes), not an email draft")
    if fmt == "eml" and not bom:
        try:
            return Source(path, payload.decode("utf-8"), fmt, "utf-8")
        except UnicodeDecodeError:
            # Header-declared charsets decide later; latin-1 keeps one code point per byte.
            return Source(path, payload.decode("latin-1"), fmt, "latin-1")
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(_decode_error(payload, exc, encoding, len(bom))) from None
    if fmt in ("text", "markdown") and len(text) > MAX_DRAFT_CHARS:
        raise SourceError(
            f"file has {len(text):,} characters, more than an e-mail draft can have ({MAX_DRAFT_CHARS:,}); "
            "nothing was checked"
        )
    return Source(path, text, fmt, encoding, bool(bom))


def _decode_error(payload: bytes, exc: UnicodeDecodeError, encoding: str, bom_length: int) -> str:
    """Where decoding failed, as line, column and byte offset in the file (the byte-order mark counted)."""
    line_break = "\n".encode(encoding)
    line = payload.count(line_break, 0, exc.start) + 1
    line_start = payload.rfind(line_break, 0, exc.start)
    line_start = 0 if line_start < 0 else line_start + len(line_break)
    column = len(payload[line_start : exc.start].decode(encoding, errors="replace")) + 1
    name = encoding.upper().replace("-LE", "").replace("-BE", "")
    return (
        f"not valid {name} (byte 0x{payload[exc.start]:02x} at line {line}, column {column}, "
        f"byte offset {exc.start + bom_length}); re-save the file as UTF-8"
    )


def describe_os_error(exc: OSError) -> str:
    """One line for a failed file-system call."""
    messages = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "too many levels of symbolic links (a symbolic link loop)",
        errno.ENOTDIR: "a part of the path is not a directory",
        errno.ENAMETOOLONG: "file name too long",
        errno.EISDIR: "is a directory",
    }
    return messages.get(exc.errno or 0) or f"cannot read: {exc.strerror or exc}"


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_path(path: str | os.PathLike[str]) -> Source:
    """Read and decode one regular file; anything else (a FIFO, a device, a directory) is a SourceError.

    The file is opened without blocking and checked on the open descriptor, so a FIFO never blocks and
    a file swapped between the check and the read is not read by mistake; its size is checked before
    anything is read."""
    shown = str(path)
    fmt = format_for_path(shown)
    limit = byte_limit(fmt)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SourceError(describe_os_error(exc)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"is {_kind(info.st_mode)}, not a regular file: only files are read")
        if info.st_size > limit:
            raise _too_large(info.st_size, fmt)
        data = _read_at_most(descriptor, limit + 1)
    except OSError as exc:
        raise SourceError(describe_os_error(exc)) from None
    finally:
        os.close(descriptor)
    return decode_bytes(data, shown, fmt)


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_stream(stream: BinaryIO, name: str) -> Source:
    """Read stdin (or any binary stream) up to the size limit of ``name``'s format, then decode it."""
    fmt = format_for_path(name)
    limit = byte_limit(fmt)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"input is larger than {limit / 1e6:g} MB, the limit for this format; nothing was checked")
    return decode_bytes(data, name, fmt)


def read_text(text: str, path: str = "<string>", fmt: str = "text") -> Source:
    """Wrap an in-memory string as a Source."""
    return Source(path, text, fmt)
