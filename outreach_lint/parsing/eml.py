"""RFC 5322 messages: headers, the best text part, transfer decoding with offsets kept."""

from __future__ import annotations

import binascii
import codecs
import email
import email.policy
import re
from email.message import Message

from ..source import SourceError
from ..textmap import MappedText, MappedTextBuilder
from .html import parse_html

_QP_ESCAPE = re.compile(r"=(?:([0-9A-Fa-f]{2})|\r?\n)")


def parse_eml(text: str) -> tuple[MappedText | None, MappedText, list[tuple[str, int, int]], dict[str, str]]:
    """Return (subject, body, html regions, headers) for a message whose source text is ``text``."""
    try:
        message = email.message_from_string(text, policy=email.policy.default)
    except Exception as exc:  # the email package raises many kinds on broken input
        raise SourceError(f"malformed email message: {exc}") from None
    if not message.keys():
        raise SourceError("malformed email message: no headers found (is this really an .eml file?)")
    headers = {name.lower(): str(value) for name, value in message.items()}
    subject = _subject(text, message)
    part = _best_text_part(message)
    if part is None:
        raise SourceError("email has no text/plain or text/html part to check")
    body, html_regions = _decode_part(text, part)
    return subject, body, html_regions, headers


def _subject(text: str, message: Message) -> MappedText | None:
    value = message.get("subject")
    if value is None:
        return None
    decoded = str(value)
    match = re.search(r"^Subject:[ \t]*", text, re.IGNORECASE | re.MULTILINE)
    if match and text.startswith(decoded, match.end()):
        return MappedText.identity(decoded, match.end())
    start = match.end() if match else 0
    builder = MappedTextBuilder()
    raw_end = text.find("\n", start)
    builder.add_synthetic(decoded, start, raw_end if raw_end != -1 else start)
    return builder.build()


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


def _decode_part(text: str, part: Message) -> tuple[MappedText, list[tuple[str, int, int]]]:
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        raise SourceError("email part has no readable payload")
    raw_start = _locate(text, raw)
    charset = part.get_content_charset() or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    encoding = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if encoding == "quoted-printable":
        body = _decode_quoted_printable(raw, raw_start, charset)
    elif encoding == "base64":
        try:
            data = binascii.a2b_base64(raw.encode("ascii", "ignore"))
        except binascii.Error as exc:
            raise SourceError(f"email body is not valid base64: {exc}") from None
        builder = MappedTextBuilder()
        builder.add_synthetic(data.decode(charset, "replace"), raw_start, raw_start + len(raw))
        body = builder.build()
    else:
        body = MappedText.identity(raw, raw_start)
    if part.get_content_type() == "text/html":
        visible, regions = parse_html(body.text)
        return visible.compose(body), regions
    return body, []


def _locate(text: str, raw: str) -> int:
    """Where the raw payload stands in the source (the body follows the first blank line)."""
    if raw:
        found = text.rfind(raw)
        if found != -1:
            return found
    blank = re.search(r"\r?\n\r?\n", text)
    return blank.end() if blank else 0


def _decode_quoted_printable(raw: str, raw_start: int, charset: str) -> MappedText:
    """Decode quoted-printable text, mapping each character to the escape(s) it came from."""
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    builder = MappedTextBuilder()
    pending_start: int | None = None
    pos = 0
    for match in _QP_ESCAPE.finditer(raw):
        if match.start() > pos:
            _flush(builder, decoder, raw, pos, match.start(), raw_start, pending_start)
            pending_start = None
        if match.group(1):
            byte = bytes([int(match.group(1), 16)])
            if pending_start is None:
                pending_start = match.start()
            out = decoder.decode(byte)
            if out:
                builder.add_synthetic(out, raw_start + pending_start, raw_start + match.end())
                pending_start = None
        pos = match.end()
    if pos < len(raw):
        _flush(builder, decoder, raw, pos, len(raw), raw_start, pending_start)
    return builder.build()


def _flush(builder, decoder, raw, start, end, raw_start, pending_start) -> None:
    """Pass literal QP text through the decoder (it may finish a multi-byte character)."""
    chunk = raw[start:end]
    if pending_start is not None:
        out = decoder.decode(b"", final=False)
        leftover = decoder.decode(chunk[:0].encode(), final=True)
        if out or leftover:
            builder.add_synthetic(out + leftover, raw_start + pending_start, raw_start + start)
    decoder.reset()
    builder.add_slice(chunk, raw_start + start)
