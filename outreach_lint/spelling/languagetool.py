"""LanguageTool as the full spelling and grammar backend, through language-tool-python, never hanging.

Used only when configured (``spelling = "languagetool"``): a self-hosted server (``languagetool-url``), the
premium API with credentials, or a local LanguageTool (Java and ``$LTP_PATH``). Every call runs on a
daemon thread with a deadline; when the backend is unreachable, slow or broken the caller gets ``None``
and one notice, and the embedded Hunspell speller takes over. Emails are confidential: no public service
is contacted unless its URL is configured.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
LANGUAGE_CODES = {"de": "de-DE", "en": "en-US"}
#: Starting a local LanguageTool (a JVM) takes seconds; this bounds it.
LOCAL_START_SECONDS = 60.0


class BackendUnavailable(RuntimeError):
    """The backend cannot be used now; the message is the one-line notice for the user."""


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


def run_with_deadline(function: Callable[[], T], seconds: float, what: str) -> T:
    """Run ``function`` on a daemon thread; raise BackendUnavailable if it fails or outlives ``seconds``.

    A daemon thread is abandoned, not joined, so a request stuck in the library's own retry loop cannot
    keep the process alive.
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
        raise BackendUnavailable(f"{what} did not answer within {seconds:g} s")
    if "error" in outcome:
        error = outcome["error"]
        raise BackendUnavailable(f"{what} failed: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
    return outcome["value"]


def probe(url: str, seconds: float) -> None:
    """GET /v2/languages quickly, so an unreachable server is known before the library is involved."""
    address = urllib.parse.urljoin(url.rstrip("/") + "/", "v2/languages")
    try:
        with urllib.request.urlopen(address, timeout=seconds) as response:
            json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise BackendUnavailable(f"LanguageTool at {url} is not reachable ({reason})") from None


def local_installation() -> str | None:
    """The LanguageTool server jar under $LTP_PATH, if there is one."""
    base = os.environ.get("LTP_PATH")
    if not base:
        return None
    jars = sorted(glob.glob(os.path.join(base, "LanguageTool-*", "languagetool-server.jar")))
    return jars[-1] if jars else None


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

    def _create(self, language: str) -> Any:
        import language_tool_python  # imported only when LanguageTool is configured

        code = self.codes[language]
        if self.url:
            probe(self.url, self.timeout)
            factory = _premium_class(language_tool_python) if self.username and self.api_key else None
            if factory is not None:
                return run_with_deadline(
                    lambda: factory(code, remote_server=self.url, username=self.username, api_key=self.api_key),
                    self.timeout,
                    "LanguageTool",
                )
            return run_with_deadline(
                lambda: language_tool_python.LanguageTool(code, remote_server=self.url),
                self.timeout,
                f"LanguageTool at {self.url}",
            )
        if shutil.which("java") is None:
            raise BackendUnavailable("LanguageTool needs Java, which is not installed (and no languagetool-url is set)")
        if local_installation() is None:
            raise BackendUnavailable(
                "no local LanguageTool found: set LTP_PATH to a LanguageTool download, or set languagetool-url"
            )
        return run_with_deadline(
            lambda: language_tool_python.LanguageTool(code), LOCAL_START_SECONDS, "the local LanguageTool"
        )

    def check(self, text: str, language: str) -> list[GrammarMatch] | None:
        """Matches for ``text``, or None when the backend is not usable (see ``failure``)."""
        if self.failure is not None:
            return None
        try:
            with self._lock:
                tool = self._tools.get(language)
                if tool is None:
                    tool = self._tools[language] = self._create(language)
                matches = run_with_deadline(lambda: tool.check(text), self.timeout, "LanguageTool")
        except BackendUnavailable as exc:
            self.failure = f"{exc}; using the built-in Hunspell speller"
            return None
        return [
            GrammarMatch(
                int(m.offset),
                int(m.error_length),
                str(m.message),
                tuple(str(r) for r in m.replacements[:5]),
                str(m.rule_id),
                str(m.category),
                str(m.rule_issue_type),
            )
            for m in matches
        ]


def _premium_class(module: Any) -> Any:
    """A LanguageTool client that sends premium API credentials with every check."""

    class PremiumLanguageTool(module.LanguageTool):  # type: ignore[misc, name-defined]
        def __init__(self, *args: Any, username: str, api_key: str, **kwargs: Any) -> None:
            self._credentials = {"username": username, "apiKey": api_key}
            super().__init__(*args, **kwargs)

        def _create_params(self, text: str) -> dict[str, str]:
            return {**super()._create_params(text), **self._credentials}

    return PremiumLanguageTool
