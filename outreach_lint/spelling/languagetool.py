"""LanguageTool as the full spelling and grammar backend, through language-tool-python, never hanging.

Used only when configured (``spelling = "languagetool"``): a self-hosted server (``languagetool-url``), the
premium API with credentials, or a local LanguageTool (Java and ``$LTP_PATH``). Emails are confidential: no
public service is contacted unless its URL is configured.

Every request has a total deadline (``languagetool-timeout``, wall-clock for the whole exchange, however
slowly the server answers): it runs on a daemon thread that the caller waits for at most that long, and the
thread itself makes a single attempt with requests' timeouts and a deadline check between chunks, so it ends
soon after. Any failure (refused, silent, dripping, hung-up, not HTTP, an error status, not JSON, JSON of
the wrong shape) disables the backend for the rest of the run with one notice, and the embedded Hunspell
speller takes over.
"""

from __future__ import annotations

import functools
import glob
import http.client
import json
import os
import shutil
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
LANGUAGE_CODES = {"de": "de-DE", "en": "en-US"}
#: Starting a local LanguageTool (a JVM) takes seconds; this bounds it, all attempts included.
LOCAL_START_SECONDS = 60.0
#: A LanguageTool answer for one email is a few kilobytes; a server sending more is broken.
MAX_ANSWER_BYTES = 8 * 1024 * 1024
_CHUNK_BYTES = 64 * 1024
_SHAPE_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError)


class BackendUnavailable(RuntimeError):
    """The backend cannot be used now; the message says why, in a few words ("refused the connection")."""


@dataclass(frozen=True, slots=True)
class GrammarMatch:
    """One LanguageTool match in code points of the checked text."""

    offset: int
    length: int
    message: str
    replacements: tuple[str, ...]
    rule_id: str
    category: str
    issue_type: str

    @property
    def is_spelling(self) -> bool:
        return self.issue_type == "misspelling" or self.category == "TYPOS"


def run_with_deadline(function: Callable[[], T], seconds: float) -> T:
    """Run ``function`` on a daemon thread and wait at most ``seconds`` for it; any failure or overrun
    raises BackendUnavailable.

    The thread is abandoned, not joined, when it overruns: it cannot keep the caller waiting nor the
    process alive, however the server behaves (DNS, connect, headers or body dripping in).
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:  # reported to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="outreach-lint-languagetool", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise BackendUnavailable(f"did not answer within {seconds:g} s")
    if "error" in outcome:
        raise BackendUnavailable(reason(outcome["error"], seconds)) from None
    return outcome["value"]


def fetch_json(method: str, url: str, params: dict[str, str] | None, seconds: float) -> Any:
    """One HTTP exchange (no retries) that gives up once ``seconds`` have passed; the decoded JSON answer."""
    import requests  # a dependency of language-tool-python, installed with it

    deadline = time.monotonic() + seconds
    fields = {"data": params} if method.lower() == "post" else {"params": params}
    with requests.request(method, url, timeout=(seconds, seconds), stream=True, **fields) as response:
        body = bytearray()
        for chunk in response.iter_content(_CHUNK_BYTES):
            body += chunk
            if time.monotonic() > deadline:
                raise BackendUnavailable(f"did not answer within {seconds:g} s")
            if len(body) > MAX_ANSWER_BYTES:
                raise BackendUnavailable(f"answered more than {MAX_ANSWER_BYTES // 1024 // 1024} MB")
        if not response.ok:
            raise BackendUnavailable(f"answered HTTP {response.status_code} {response.reason or ''}".rstrip())
    try:
        return json.loads(body)
    except ValueError:
        raise BackendUnavailable("answered something that is not JSON") from None


def reason(error: BaseException, seconds: float) -> str:
    """A few words on why an exchange failed, from the error or what caused it (requests wraps them)."""
    import requests

    causes = list(_causes(error))

    def caused_by(*types: type[BaseException]) -> bool:
        return any(isinstance(cause, types) for cause in causes)

    if isinstance(error, BackendUnavailable):
        return str(error)
    if caused_by(requests.Timeout, TimeoutError):
        return f"did not answer within {seconds:g} s"
    if caused_by(ConnectionRefusedError):
        return "refused the connection"
    if caused_by(socket.gaierror):
        return "is an unknown host"
    if caused_by(http.client.RemoteDisconnected, ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
        return "closed the connection without answering"
    if caused_by(http.client.HTTPException):
        return "answered something that is not HTTP"
    if caused_by(ssl.SSLError):
        return "failed the TLS handshake"
    return f"failed ({_first_line(error)})"


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and everything that led to it: chained errors, urllib3's reasons, wrapped arguments."""
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        pending.extend(item for item in linked if isinstance(item, BaseException))


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0][:160]}" if lines else type(error).__name__


def _answer_checked(function: Callable[[], T]) -> Callable[[], T]:
    """``function``, with the errors an answer of the wrong shape causes turned into BackendUnavailable."""

    def checked() -> T:
        try:
            return function()
        except OSError:  # requests' errors, some of which are ValueErrors too
            raise
        except _SHAPE_ERRORS as exc:
            raise BackendUnavailable(f"gave an answer that cannot be used ({_first_line(exc)})") from None

    return checked


def local_installation() -> str | None:
    """The LanguageTool server jar under $LTP_PATH, if there is one."""
    base = os.environ.get("LTP_PATH")
    if not base:
        return None
    jars = sorted(glob.glob(os.path.join(base, "LanguageTool-*", "languagetool-server.jar")))
    return jars[-1] if jars else None


def grammar_match(match: Any) -> GrammarMatch:
    """A language-tool-python match as a GrammarMatch; ValueError if the server's JSON had the wrong shape."""
    offset, length = match.offset, match.error_length
    texts = (match.message, match.rule_id, match.category, match.rule_issue_type, *match.replacements)
    numbers_fine = all(type(n) is int and n >= 0 for n in (offset, length))
    if not numbers_fine or not all(isinstance(text, str) for text in texts):
        raise ValueError("a match with offsets or texts of the wrong type")
    return GrammarMatch(
        offset,
        length,
        match.message,
        tuple(match.replacements[:5]),
        match.rule_id,
        match.category,
        match.rule_issue_type,
    )


class LanguageToolBackend:
    """Lazily created LanguageTool clients, one per language; disabled for good after the first failure."""

    def __init__(
        self,
        url: str | None,
        username: str | None = None,
        api_key: str | None = None,
        timeout: float = 5.0,
        variants: dict[str, str] | None = None,
    ) -> None:
        self.url = url
        self.username = username
        self.api_key = api_key
        self.timeout = timeout
        self.codes = {**LANGUAGE_CODES, **(variants or {})}
        self._tools: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.failure: str | None = None

    @property
    def name(self) -> str:
        """How notices name the backend."""
        return f"LanguageTool at {self.url}" if self.url else "the local LanguageTool"

    def _create(self, language: str) -> Any:
        try:
            import language_tool_python  # imported only when LanguageTool is configured
        except ImportError:
            raise BackendUnavailable("needs pip install 'outreach-lint[languagetool]'") from None
        client = _client_class(language_tool_python)
        code = self.codes[language]
        credentials = {"username": self.username, "apiKey": self.api_key} if self.username and self.api_key else {}
        if self.url:
            start = _answer_checked(
                lambda: client(code, remote_server=self.url, seconds=self.timeout, credentials=credentials)
            )
            return run_with_deadline(start, self.timeout)
        if shutil.which("java") is None:
            raise BackendUnavailable("needs Java, which is not installed (and no languagetool-url is set)")
        if local_installation() is None:
            raise BackendUnavailable("is not installed: set LTP_PATH to a LanguageTool download, or languagetool-url")
        try:
            start = _answer_checked(lambda: client(code, seconds=self.timeout, credentials={}))
            return run_with_deadline(start, LOCAL_START_SECONDS)
        except BackendUnavailable as exc:
            raise BackendUnavailable(f"did not start: {exc}") from None

    def _matches(self, tool: Any, text: str) -> list[GrammarMatch]:
        """Ask LanguageTool about ``text`` within the deadline."""
        return run_with_deadline(_answer_checked(lambda: [grammar_match(m) for m in tool.check(text)]), self.timeout)

    def check(self, text: str, language: str) -> list[GrammarMatch] | None:
        """Matches for ``text``, or None when the backend is not usable (see ``failure``)."""
        if self.failure is not None:
            return None
        with self._lock:
            if self.failure is not None:  # another thread failed while this one waited
                return None
            try:
                tool = self._tools.get(language)
                if tool is None:
                    tool = self._tools[language] = self._create(language)
                return self._matches(tool, text)
            except BackendUnavailable as exc:
                self.failure = f"{self.name} {exc}; using the built-in Hunspell speller"
                return None


@functools.cache
def _client_class(module: Any) -> Any:
    """language-tool-python's client with bounded, single-attempt requests and optional premium credentials."""

    class BoundedLanguageTool(module.LanguageTool):  # type: ignore[misc, name-defined]
        def __init__(self, *args: Any, seconds: float, credentials: dict[str, str], **kwargs: Any) -> None:
            self._seconds = seconds
            self._credentials = credentials
            super().__init__(*args, **kwargs)

        def _create_params(self, text: str) -> dict[str, str]:
            return {**super()._create_params(text), **self._credentials}

        def _query_server(
            self, url: str, params: dict[str, str] | None = None, num_tries: int = 1, method: str = "get"
        ) -> Any:
            return fetch_json(method, url, params, self._seconds)

    return BoundedLanguageTool
