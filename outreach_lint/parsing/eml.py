"""RFC 5322 messages: headers, the best text part, transfer decoding with offsets kept.

The email package does the parsing in two steps. Its lenient ``compat32`` policy splits the message into
headers and parts and never interprets a header, so no header can stop it. Every header the linter reads is
then decoded by the modern ``policy.default`` parser. Whatever either step reports as lost or misread (an
exception or a defect) makes the message a one-line SourceError: a draft is linted as written or not at all.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email
import email.policy
import re
from email import errors
from email.headerregistry import UnstructuredHeader
from email.message import Message
from email.parser import FeedParser

from ..document import MAX_BODY_CHARS, body_too_long
from ..source import SourceError
from ..textmap import MappedText, MappedTextBuilder
from .html import parse_html

#: Splits the message; headers stay raw strings.
_SPLIT = email.policy.compat32
#: Decodes one header (encoded words, addresses, dates, parameters) and reports defects.
_DECODE = email.policy.default

#: Limits far above any real draft that keep the email package's parsers fast (some of them are quadratic in a
#: header's length): parts nested deeper, more parts or headers, longer headers are not an email draft.
MAX_MULTIPART_DEPTH = 20
MAX_PARTS = 1_000
MAX_HEADERS = 1_000
MAX_HEADER_CHARS = 16_000
MAX_ALL_HEADERS_CHARS = 128_000
#: Addresses, dates, content types and message ids together (their parsers are the quadratic ones).
MAX_STRUCTURED_HEADERS_CHARS = 10_000
#: The text part is refused before decoding above this size (a draft's body has at most MAX_BODY_CHARS
#: characters; HTML markup and transfer encoding make the raw part larger).
MAX_PART_CHARS = 4_000_000
#: Decoding a transfer encoding shrinks the text at most this much (quoted-printable: three characters a byte).
_MAX_SHRINK = {"quoted-printable": 3, "base64": 6}

#: Defects that lose nothing: the message reads as its author meant it.
_HARMLESS_DEFECTS: tuple[type[Exception], ...] = (
    errors.ObsoleteHeaderDefect,  # old syntax, e.g. an empty element in an address list
    errors.HeaderMissingRequiredValue,  # an empty header
    errors.NonPrintableDefect,  # a control character, kept as it is
    errors.NonASCIILocalPartDefect,  # an RFC 6532 address
    errors.InvalidBase64PaddingDefect,  # base64 without its '=' padding decodes all the same
    errors.MissingHeaderBodySeparatorDefect,  # the body starts without a blank line before it
    errors.InvalidMultipartContentTransferEncodingDefect,  # ignored, as RFC 2045 asks
)

_STRUCTURE_PROBLEMS: dict[type[Exception], str] = {
    errors.NoBoundaryInMultipartDefect: "a multipart part has no boundary parameter",
    errors.StartBoundaryNotFoundDefect: "a multipart boundary never occurs in the message",
    errors.CloseBoundaryNotFoundDefect: "a multipart boundary is never closed (the '--boundary--' line is missing)",
    errors.FirstHeaderLineIsContinuationDefect: "the first header line is indented like a folded continuation",
    errors.MisplacedEnvelopeHeaderDefect: "an mbox 'From ' line stands among the headers",
    errors.MultipartInvariantViolationDefect: "a multipart part has no parts",
}

_HEADER_PROBLEMS: dict[type[Exception], str] = {
    errors.InvalidBase64CharactersDefect: "an encoded word holds characters that are not base64",
    errors.InvalidBase64LengthDefect: "an encoded word's base64 has an impossible length",
}

#: Headers of a nested part that the linter reads (all headers of the message itself are read).
_PART_HEADERS = ("content-type", "content-transfer-encoding", "content-disposition")
_IDENTITY_ENCODINGS = frozenset({"", "7bit", "8bit", "binary"})
_ASCII_SAMPLE = bytes(range(0x20, 0x7F)) + b"\t\r\n"
#: In quoted-printable text: an escaped byte, a soft line break (trailing blanks allowed), or a stray '='.
_QP_TOKEN = re.compile(r"=(?:(?P<hex>[0-9A-Fa-f]{2})|(?P<soft>[ \t]*(?:\r\n|\n|\r|\Z))|)")
_BLANK_LINE = re.compile(r"\r?\n\r?\n")
_FEED_CHUNK = 1 << 16


def parse_eml(
    text: str, encoding: str = "utf-8"
) -> tuple[MappedText | None, MappedText, list[tuple[str, int, int]], dict[str, str]]:
    """Return (subject, body, html regions, headers) for a message whose source text is ``text``.

    ``encoding`` is how the file was decoded: a message read as latin-1 (not valid UTF-8) has its 8-bit
    body re-decoded with the charset its Content-Type declares."""
    message = _split(text)
    if not message.keys():
        raise SourceError("malformed email message: no headers found (is this really an .eml file?)")
    reader = _HeaderReader()
    headers = _read_headers(message, reader)
    _check_structure(message, reader)
    part = _best_text_part(message)
    if part is None:
        raise SourceError("email has no text/plain or text/html part to check")
    subject = _subject(text, headers["subject"]) if "subject" in headers else None
    body, html_regions = _decode_part(text, part, encoding)
    return subject, body, html_regions, headers


# -- structure ------------------------------------------------------------------------------------------
def _split(text: str) -> Message:
    """The message, fed to the parser in chunks (``message_from_string`` would first copy the whole text into
    a StringIO at four bytes a character)."""
    boundary_lines = text.count("\n--")
    if boundary_lines > 10 * MAX_PARTS:  # counted first: splitting many thousands of parts takes seconds
        raise SourceError(
            f"email has {boundary_lines:,} lines starting with '--' (MIME part boundaries), "
            f"more than the {10 * MAX_PARTS:,} an email draft can have"
        )
    try:
        parser = FeedParser(policy=_SPLIT)
        for start in range(0, len(text), _FEED_CHUNK):
            parser.feed(text[start : start + _FEED_CHUNK])
        return parser.close()
    except RecursionError:
        raise SourceError("malformed email message: its parts are nested too deeply") from None
    except Exception as exc:  # the email package raises many kinds on broken input
        raise SourceError(f"malformed email message: {_one_line(exc)}") from None


def _check_structure(message: Message, reader: _HeaderReader) -> None:
    """Raise for defects that lose text (boundaries missing or unclosed) and for broken part headers."""
    for part in _all_parts(message):
        for defect in part.defects:
            if not isinstance(defect, _HARMLESS_DEFECTS):
                raise SourceError(f"malformed email message: {_describe(defect, _STRUCTURE_PROBLEMS)}")
        if part is not message:
            for name in _PART_HEADERS:
                if name in part:
                    reader.read(name, part[name])


def _all_parts(message: Message) -> list[Message]:
    """The message and every part in it; too many parts, or parts nested too deeply, raise SourceError."""
    found: list[Message] = []
    pending = [(message, 1)]
    while pending:
        part, depth = pending.pop()
        if depth > MAX_MULTIPART_DEPTH:
            raise SourceError(f"malformed email message: parts are nested more than {MAX_MULTIPART_DEPTH} levels deep")
        found.append(part)
        if len(found) > MAX_PARTS:
            raise SourceError(f"email has more than {MAX_PARTS:,} MIME parts, more than an email draft can have")
        children = part.get_payload()
        if part.is_multipart() and isinstance(children, list):
            pending.extend((child, depth + 1) for child in reversed(children))
    return found


def _best_text_part(message: Message) -> Message | None:
    plain = html_part = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html_part is None:
            html_part = part
    return plain or html_part


# -- headers --------------------------------------------------------------------------------------------
def _read_headers(message: Message, reader: _HeaderReader) -> dict[str, str]:
    """Every header of the message, decoded (the first of repeated ones, as ``message.get`` returns)."""
    items = message.items()
    if len(items) > MAX_HEADERS:
        raise SourceError(f"email has {len(items):,} headers, more than the {MAX_HEADERS:,} an email draft can have")
    headers: dict[str, str] = {}
    for name, raw in items:
        headers.setdefault(name.lower(), reader.read(name, raw))
    return headers


class _HeaderReader:
    """Decodes headers within budgets of characters: for one header, for all, and for the structured ones."""

    def __init__(self) -> None:
        self.remaining = MAX_ALL_HEADERS_CHARS
        self.structured_remaining = MAX_STRUCTURED_HEADERS_CHARS

    def read(self, name: str, raw: object) -> str:
        shown = name if len(name) <= 40 else name[:39] + "…"
        if not isinstance(raw, str):  # compat32 hands out a Header object for undecodable (surrogate) text
            raise SourceError(f"malformed {shown} header: it holds text that is not valid Unicode")
        if len(raw) > MAX_HEADER_CHARS:
            raise SourceError(
                f"{shown} header has {len(raw):,} characters, more than the {MAX_HEADER_CHARS:,} an email header "
                "can have"
            )
        self.remaining -= len(raw)
        if self.remaining < 0:
            raise SourceError(
                f"email headers have more than {MAX_ALL_HEADERS_CHARS:,} characters, more than an email draft can have"
            )
        if not issubclass(_DECODE.header_factory[name], UnstructuredHeader):
            self.structured_remaining -= len(raw)
            if self.structured_remaining < 0:
                raise SourceError(
                    f"email address, date and content headers have more than {MAX_STRUCTURED_HEADERS_CHARS:,} "
                    f"characters together (at the {shown} header), more than an email draft can have"
                )
        return _decode_header(shown, name, raw)


def _decode_header(shown: str, name: str, raw: str) -> str:
    """One header's decoded value; anything the decoder could not read or had to guess raises SourceError."""
    try:
        header = _DECODE.header_fetch_parse(name, raw)
        decoded = str(header)
    except Exception:  # the header parser has bugs on some broken input (IndexError on 'Message-ID: <<<>>>')
        raise SourceError(f"malformed {shown} header {_excerpt(raw)}: it cannot be parsed") from None
    for defect in _header_defects(header):
        if not isinstance(defect, _HARMLESS_DEFECTS):
            raise SourceError(f"malformed {shown} header {_excerpt(raw)}: {_describe(defect, _HEADER_PROBLEMS)}")
    return decoded


def _header_defects(header: object) -> list[Exception]:
    """The header's defects with those of its parse tree: an unstructured header such as Subject keeps an
    undecodable encoded word's defects only there."""
    found = list(getattr(header, "defects", ()))
    tree = getattr(header, "_parse_tree", None)
    found.extend(getattr(tree, "all_defects", ()))
    return found


def _subject(text: str, decoded: str) -> MappedText:
    match = re.search(r"^Subject:[ \t]*", text, re.IGNORECASE | re.MULTILINE)
    if match and text.startswith(decoded, match.end()):
        return MappedText.identity(decoded, match.end())
    start = match.end() if match else 0
    builder = MappedTextBuilder()
    raw_end = text.find("\n", start)
    builder.add_synthetic(decoded, start, raw_end if raw_end != -1 else start)
    return builder.build()


# -- the body -------------------------------------------------------------------------------------------
def _decode_part(text: str, part: Message, encoding: str) -> tuple[MappedText, list[tuple[str, int, int]]]:
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        raise SourceError("email part has no readable payload")
    if len(raw) > MAX_PART_CHARS:
        raise SourceError(
            f"email text part has {len(raw):,} characters, more than the {MAX_PART_CHARS:,} an email draft can have"
        )
    is_html = part.get_content_type() == "text/html"
    transfer = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if not is_html and len(raw) > MAX_BODY_CHARS * _MAX_SHRINK.get(transfer, 1):
        raise body_too_long(None if transfer in _MAX_SHRINK else len(raw))
    raw_start = _locate(text, raw)
    if raw_start is None:
        # the email package rewrote the payload: a "From " line just before the blank line is read as body
        raise SourceError("malformed email message: its body cannot be told apart from its headers")
    charset = part.get_content_charset()
    if transfer == "quoted-printable":
        body = _decode_quoted_printable(text, raw, raw_start, _codec(charset, "utf-8"))
    elif transfer == "base64":
        body = _decode_base64(raw, raw_start, _codec(charset, "utf-8"))
    elif transfer in _IDENTITY_ENCODINGS:
        body = _decode_8bit(raw, raw_start, charset, encoding)
    else:
        raise SourceError(f"email body uses the transfer encoding {_excerpt(transfer)}, which cannot be read")
    if is_html:
        visible, regions = parse_html(body.text, max_chars=MAX_BODY_CHARS)
        return visible.compose(body), regions
    return body, []


def _locate(text: str, raw: str) -> int | None:
    """Where the raw payload stands in the source (an empty one: after the first blank line)."""
    if raw:
        found = text.rfind(raw)
        return found if found != -1 else None
    blank = _BLANK_LINE.search(text)
    return blank.end() if blank else len(text)


def _codec(charset: str | None, default: str) -> str:
    """The Python codec for a declared charset; us-ascii and no charset read as ``default``."""
    if not charset or charset in ("us-ascii", "ascii"):
        return default
    try:
        bytes(4).decode(charset)  # LookupError for unknown names and for codecs that are not text encodings
    except LookupError:
        raise SourceError(f"email declares the charset {_excerpt(charset)}, which is unknown") from None
    except UnicodeError:
        pass  # a real charset that cannot read NUL bytes: the body decides
    return charset


def _decode_base64(raw: str, raw_start: int, charset: str) -> MappedText:
    compact = "".join(raw.split())
    try:
        data = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise SourceError(
            "email body is not valid base64 (characters outside the base64 alphabet, or text after the padding)"
        ) from None
    builder = MappedTextBuilder()
    builder.add_synthetic(_decode_text(data, charset), raw_start, raw_start + len(raw))
    return builder.build()


def _decode_text(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except (UnicodeError, ValueError):
        raise SourceError(
            f"email body is not valid {charset} text; declare the right charset in Content-Type"
        ) from None


def _decode_8bit(raw: str, raw_start: int, charset: str | None, encoding: str) -> MappedText:
    """An unencoded body. Its text was decoded with the file; a file that was not UTF-8 (read as latin-1) is
    re-decoded with the declared charset, each character mapped to the bytes it came from."""
    if encoding != "latin-1" or raw.isascii():
        return MappedText.identity(raw, raw_start)
    codec = _codec(charset, "latin-1")
    data = raw.encode("latin-1")
    decoded = _decode_text(data, codec)
    if len(decoded) == len(raw):  # one character a byte: the offsets stay
        identity = MappedText.identity(raw, raw_start)
        return MappedText(decoded, identity.starts, identity.ends)
    builder = MappedTextBuilder()
    decoder = _ByteDecoder(builder, codec)
    for index, byte in enumerate(data):
        decoder.add(bytes([byte]), raw_start + index, raw_start + index + 1)
    decoder.finish(raw_start + len(raw))
    return builder.build()


class _ByteDecoder:
    """Decodes bytes taken from the source, each character mapped to the source range of its bytes."""

    def __init__(self, builder: MappedTextBuilder, charset: str) -> None:
        self._builder = builder
        self._charset = charset
        self._decoder = codecs.getincrementaldecoder(charset)()
        self._pending_from: int | None = None

    def add(self, data: bytes, start: int, end: int) -> None:
        if self._pending_from is None:
            self._pending_from = start
        out = self._decode(data, final=False)
        if out:
            self._builder.add_synthetic(out, self._pending_from, end)
            self._pending_from = None

    def finish(self, at: int) -> None:
        """End a run of bytes (a character cut short by the end of the run is an error)."""
        out = self._decode(b"", final=True)
        if out:
            self._builder.add_synthetic(out, self._pending_from if self._pending_from is not None else at, at)
        self._pending_from = None
        self._decoder.reset()

    def _decode(self, data: bytes, final: bool) -> str:
        try:
            return self._decoder.decode(data, final)
        except (UnicodeError, ValueError):
            raise SourceError(
                f"email body is not valid {self._charset}; declare the right charset in Content-Type"
            ) from None


def _decode_quoted_printable(text: str, raw: str, raw_start: int, charset: str) -> MappedText:
    """Decode quoted-printable text, mapping each character to the escape(s) it came from.

    A '=' that is neither an escape ('=C3') nor a soft line break makes the body invalid."""
    if not _reads_ascii(charset):
        raise SourceError(f"quoted-printable text in the charset {_excerpt(charset)} cannot be read")
    builder = MappedTextBuilder()
    decoder = _ByteDecoder(builder, charset)
    pos = 0
    for match in _QP_TOKEN.finditer(raw):
        if match.start() > pos:
            decoder.finish(raw_start + match.start())
            builder.add_slice(raw[pos : match.start()], raw_start + pos)
        if match.group("hex"):
            decoder.add(bytes([int(match.group("hex"), 16)]), raw_start + match.start(), raw_start + match.end())
        elif match.group("soft") is None:
            line = text.count("\n", 0, raw_start + match.start()) + 1
            shown = _excerpt(raw[match.start() : match.start() + 3])
            raise SourceError(
                f"email body is not valid quoted-printable: {shown} on line {line} is neither an escape "
                "such as '=C3' nor a soft line break"
            )
        pos = match.end()
    decoder.finish(raw_start + pos)
    builder.add_slice(raw[pos:], raw_start + pos)
    return builder.build()


def _reads_ascii(charset: str) -> bool:
    """Whether ``charset`` reads printable ASCII bytes as the same characters (quoted-printable needs it)."""
    try:
        return _ASCII_SAMPLE.decode(charset) == _ASCII_SAMPLE.decode("ascii")
    except (UnicodeError, ValueError):
        return False


# -- messages -------------------------------------------------------------------------------------------
def _describe(defect: Exception, known: dict[type[Exception], str]) -> str:
    for kind, message in known.items():
        if isinstance(defect, kind):
            return message
    detail = _one_line(defect)
    if detail and not detail.startswith(("<", "[")):
        return detail[0].lower() + detail[1:]
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(defect).__name__.removesuffix("Defect")).lower()
    return words or "it cannot be read"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160]


def _excerpt(value: str, limit: int = 40) -> str:
    """A short, quoted, single-line rendering of a raw value for an error message."""
    flat = " ".join(value.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
