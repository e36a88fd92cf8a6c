"""A local stand-in for a LanguageTool server (``/v2/languages``, ``/v2/check``, ``/v2/healthcheck``).

It answers like the real server: offsets and lengths in UTF-16 code units (Java strings), matches with
rule, category, issue type, context and replacements. ``mode`` switches it to slow, failing or garbage
answers, to test that the client never hangs.
"""

from __future__ import annotations

import json
import re
import threading
import time
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


class StubServer:
    """Runs on 127.0.0.1 on a free port until ``close()``."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _send(self, status: int, body: str, ctype: str = "application/json") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.startswith("/v2/languages"):
                    self._send(200, json.dumps(LANGUAGES))
                elif self.path.startswith("/v2/healthcheck"):
                    self._send(200, "OK", "text/plain")
                else:
                    self._send(404, "not found", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                stub.requests.append(form)
                if stub.mode == "slow":
                    time.sleep(30)
                if stub.mode == "error":
                    self._send(500, "<html><body>Internal Server Error</body></html>", "text/html")
                    return
                if stub.mode == "garbage":
                    self._send(200, "not json at all", "text/plain")
                    return
                self._send(200, json.dumps(check(form.get("text", ""), form.get("language", "en-US"))))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
