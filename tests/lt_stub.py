"""A local stand-in for a LanguageTool server (``/v2/languages``, ``/v2/check``, ``/v2/healthcheck``).

It answers like the real server: offsets and lengths in UTF-16 code units (Java strings), matches with
rule, category, issue type, context and replacements. ``mode`` switches it to a broken server, to test that
the client never hangs nor crashes:

- ``slow``/``silent``: accepts and never answers; ``drip``: sends an endless answer, one byte every
  ``drip_seconds``; ``hang-up``: closes the connection without answering; ``not-http``: greets like an SSH
  server;
- ``error``: HTTP 500; ``garbage``: 200 with a body that is not JSON; ``wrong-shape``: 200 with the JSON of
  ``wrong_shape``.

``broken = "check"`` (the default) breaks only ``/v2/check``; ``broken = "all"`` breaks every request, and the
connection-level modes then misbehave as soon as a connection is accepted, before reading the request.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "German (Switzerland)", "code": "de", "longCode": "de-CH"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]
TYPOS = {
    "en": {"surcharcges": ["surcharges"], "recieve": ["receive", "relieve"], "Northwind": ["North wind"]},
    "de": {"Frachtkostn": ["Frachtkosten"], "Rechtschreibnug": ["Rechtschreibung"], "Onboarding": ["Boarding"]},
}
GRAMMAR = {
    "en": (re.compile(r"\ba(?= [aeiou])"), "an", "EN_A_VS_AN", "Use “an” instead of “a” before a vowel sound."),
    "de": (re.compile(r"\bTeam haben\b"), "Team hat", "DE_AGREEMENT", "Subjekt und Verb stimmen nicht überein."),
}


def utf16_index(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def check(text: str, language: str) -> dict:
    lang = language.split("-")[0]
    matches = []
    for word, replacements in TYPOS.get(lang, {}).items():
        for found in re.finditer(rf"\b{re.escape(word)}\b", text):
            matches.append(
                _match(
                    text,
                    found.start(),
                    found.end(),
                    "Possible spelling mistake found.",
                    replacements,
                    "MORFOLOGIK_RULE",
                    "TYPOS",
                    "Possible Typo",
                    "misspelling",
                )
            )
    pattern, replacement, rule, message = GRAMMAR[lang]
    for found in pattern.finditer(text):
        matches.append(
            _match(text, found.start(), found.end(), message, [replacement], rule, "GRAMMAR", "Grammar", "grammar")
        )
    matches.sort(key=lambda m: m["offset"])
    return {"software": {"name": "LanguageTool", "version": "6.8"}, "language": {"code": language}, "matches": matches}


def _match(text, start, end, message, replacements, rule_id, category, category_name, issue_type) -> dict:
    offset, length = utf16_index(text, start), utf16_index(text, end) - utf16_index(text, start)
    context_start = max(0, start - 20)
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": offset,
        "length": length,
        "context": {"text": text[context_start : end + 20], "offset": start - context_start, "length": end - start},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {
            "id": rule_id,
            "description": message,
            "issueType": issue_type,
            "category": {"id": category, "name": category_name},
        },
    }


#: Modes that break the connection itself rather than answer with HTTP.
CONNECTION_MODES = ("slow", "silent", "drip", "hang-up", "not-http")
#: The start of an answer that never ends: one endless header line.
DRIP = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Drip: "
#: How long a silent or dripping server keeps the connection at most.
STALL_SECONDS = 600.0


class StubServer:
    """Runs on 127.0.0.1 on a free port until ``close()``."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.broken = "check"
        self.drip_seconds = 2.0
        self.wrong_shape = '{"matches": [{"offset": "three"}]}'
        self.requests: list[dict] = []
        self.connections = 0
        self.closing = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def handle(self) -> None:
                stub.connections += 1
                if stub.broken == "all" and stub.mode in CONNECTION_MODES:
                    self._misbehave()
                else:
                    super().handle()

            def _misbehave(self) -> None:
                """Break the connection: stay silent, drip, hang up or answer in another protocol."""
                if stub.mode in ("slow", "silent"):
                    stub.closing.wait(STALL_SECONDS)
                elif stub.mode == "drip":
                    self._drip()
                elif stub.mode == "not-http":
                    self.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n")
                self.close_connection = True  # "hang-up": closed without a word

            def _drip(self) -> None:
                sent = 0
                while not stub.closing.is_set() and sent * stub.drip_seconds < STALL_SECONDS:
                    try:
                        self.wfile.write(DRIP[sent : sent + 1] or b"x")  # unbuffered: one byte goes out
                    except OSError:
                        return
                    sent += 1
                    stub.closing.wait(stub.drip_seconds)

            def _send(self, status: int, body: str, ctype: str = "application/json") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _answer_broken(self) -> None:
                if stub.mode in CONNECTION_MODES:
                    self._misbehave()
                elif stub.mode == "error":
                    self._send(500, "<html><body>Internal Server Error</body></html>", "text/html")
                elif stub.mode == "garbage":
                    self._send(200, "not json at all", "text/plain")
                elif stub.mode == "wrong-shape":
                    self._send(200, stub.wrong_shape)

            def do_GET(self) -> None:
                if stub.mode != "ok" and stub.broken == "all":
                    self._answer_broken()
                elif self.path.startswith("/v2/languages"):
                    self._send(200, json.dumps(LANGUAGES))
                elif self.path.startswith("/v2/healthcheck"):
                    self._send(200, "OK", "text/plain")
                else:
                    self._send(404, "not found", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                stub.requests.append(form)
                if stub.mode != "ok":
                    self._answer_broken()
                    return
                self._send(200, json.dumps(check(form.get("text", ""), form.get("language", "en-US"))))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        serve = {"poll_interval": 0.05}  # close() returns as soon as the loop notices
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs=serve, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.closing.set()  # releases silent and dripping connections
        self.server.shutdown()
        self.server.server_close()
