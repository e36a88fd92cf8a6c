"""A broken LanguageTool server never hangs nor crashes a run: one notice, and the embedded speller takes over."""

from __future__ import annotations

import json
import socket
import sys
import threading
from pathlib import Path

import pytest

from outreach_lint import Linter
from outreach_lint.models import FileReport
from tests.lt_stub import StubServer, check

#: The total deadline given to every LanguageTool request in these tests (languagetool-timeout).
DEADLINE = 1.0
#: A library call that takes this long has hung.
HANG_GUARD = 30.0
DRAFTS = (
    "Subject: Freight\n\nWe recieve the numbers weekly.\n",
    "Subject: Rates\n\nYou recieve a quote today.\n",
    "Subject: Lanes\n\nThey recieve it on Monday.\n",
)


def answer_with(**changes: object) -> str:
    """A real-looking check answer for the first draft, its first match changed."""
    answer = check(DRAFTS[0].split("\n\n", 1)[1], "en-US")
    answer["matches"][0].update(changes)
    return json.dumps(answer)


# (mode, which requests break, JSON of a wrong-shaped answer, words the notice uses)
CASES = {
    "connection-refused": ("refused", "all", None, "refused the connection"),
    "not-http-greeting": ("not-http", "all", None, "not HTTP"),
    "not-http-answer": ("not-http", "check", None, "not HTTP"),
    "drip-from-accept": ("drip", "all", None, f"did not answer within {DEADLINE:g} s"),
    "drip-answer": ("drip", "check", None, f"did not answer within {DEADLINE:g} s"),
    "fast-drip-from-accept": ("fast-drip", "all", None, f"did not answer within {DEADLINE:g} s"),
    "fast-drip-answer": ("fast-drip", "check", None, f"did not answer within {DEADLINE:g} s"),
    "silent-from-accept": ("silent", "all", None, f"did not answer within {DEADLINE:g} s"),
    "silent-after-request": ("silent", "check", None, f"did not answer within {DEADLINE:g} s"),
    "hang-up-on-accept": ("hang-up", "all", None, "closed the connection"),
    "hang-up-after-request": ("hang-up", "check", None, "closed the connection"),
    "status-500-for-languages": ("error", "all", None, "HTTP 500"),
    "status-500-for-check": ("error", "check", None, "HTTP 500"),
    "invalid-json": ("garbage", "check", None, "not JSON"),
    "wrong-shape-languages": ("wrong-shape", "all", '{"matches": []}', "cannot be used"),
    "wrong-shape-list": ("wrong-shape", "check", "[]", "cannot be used"),
    "wrong-shape-matches": ("wrong-shape", "check", '{"matches": 42}', "cannot be used"),
    "wrong-shape-offset": ("wrong-shape", "check", answer_with(offset=-4), "cannot be used"),
    "wrong-shape-rule": ("wrong-shape", "check", answer_with(rule={"id": "X"}), "cannot be used"),
}
#: One case of each kind of failure for the command line, which takes a few seconds to start.
CLI_CASES = (
    "connection-refused",
    "not-http-greeting",
    "fast-drip-answer",
    "silent-from-accept",
    "hang-up-after-request",
    "status-500-for-check",
    "invalid-json",
    "wrong-shape-offset",
)
PARAMETERS = ("mode", "broken", "wrong_shape", "words")


@pytest.fixture
def stub():
    server = StubServer()
    yield server
    server.close()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def broken_server(stub: StubServer, mode: str, broken: str, wrong_shape: str | None) -> str:
    """The URL of a server broken as asked."""
    if mode == "refused":
        return closed_port_url()
    if mode == "fast-drip":  # a byte well within every read timeout: only a total deadline ends it
        mode, stub.drip_seconds = "drip", DEADLINE / 5
    stub.mode, stub.broken = mode, broken
    if wrong_shape is not None:
        stub.wrong_shape = wrong_shape
    return stub.url


def lint_guarded(linter: Linter, text: str) -> FileReport:
    """``linter.lint`` on a thread, so that a hang fails the test instead of stalling the suite."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["report"] = linter.lint(text, "en")
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"linting hung for {HANG_GUARD:g} s"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["report"]  # type: ignore[return-value]


def assert_one_languagetool_notice(notices: list[str], words: str) -> None:
    assert len(notices) == 1, notices
    notice = notices[0]
    assert notice.startswith("LanguageTool at http://127.0.0.1:") and "\n" not in notice
    assert words in notice and notice.endswith("using the built-in Hunspell speller")


@pytest.mark.parametrize(PARAMETERS, list(CASES.values()), ids=list(CASES))
def test_library_falls_back_to_hunspell_once(stub, mode: str, broken: str, wrong_shape: str | None, words: str) -> None:
    url = broken_server(stub, mode, broken, wrong_shape)
    linter = Linter(spelling="languagetool", languagetool_url=url, languagetool_timeout=DEADLINE, select=("SP",))
    first = lint_guarded(linter, DRAFTS[0])
    assert first.error is None
    assert [(f.code, f.text) for f in first.findings] == [("SP001", "recieve")]
    assert_one_languagetool_notice(first.notices, words)
    connections = stub.connections
    for draft in DRAFTS[1:]:
        report = lint_guarded(linter, draft)
        assert [(f.code, f.text) for f in report.findings] == [("SP001", "recieve")]
        assert report.notices == first.notices
    assert stub.connections == connections  # the dead server is not asked again


@pytest.mark.parametrize(PARAMETERS, [CASES[name] for name in CLI_CASES], ids=CLI_CASES)
def test_cli_falls_back_to_hunspell_with_one_notice(
    cli, tmp_path: Path, stub, mode: str, broken: str, wrong_shape: str | None, words: str
) -> None:
    url = broken_server(stub, mode, broken, wrong_shape)
    config = tmp_path / ".outreach-lint.toml"
    config.write_text(
        f'select = ["SP"]\nspelling = "languagetool"\nlanguagetool-url = "{url}"\nlanguagetool-timeout = {DEADLINE}\n',
        encoding="utf-8",
    )
    drafts = []
    for number, text in enumerate(DRAFTS):
        drafts.append(tmp_path / f"draft{number}.txt")
        drafts[-1].write_text(text, encoding="utf-8")
    result = cli("check", "--config", str(config), *map(str, drafts))  # the fixture's timeout guards a hang
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert stdout.count("SP001") == len(DRAFTS) and stdout.count("recieve") >= len(DRAFTS)
    notices = [line.removeprefix("notice: ") for line in stderr.splitlines() if "LanguageTool" in line]
    assert_one_languagetool_notice(notices, words)
    assert stub.connections <= 2  # the languages and one check at most: not once per email


def test_premium_credentials_are_sent_with_every_check(stub) -> None:
    linter = Linter(
        spelling="languagetool",
        languagetool_url=stub.url,
        languagetool_username="rep@example.com",
        languagetool_api_key="key-123",
        select=("SP",),
    )
    report = lint_guarded(linter, DRAFTS[0])
    assert [f.text for f in report.findings] == ["recieve"] and report.notices == []
    assert stub.requests[-1]["username"] == "rep@example.com" and stub.requests[-1]["apiKey"] == "key-123"


def test_missing_languagetool_package_gives_notice(stub, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "language_tool_python", None)  # as if the extra were not installed
    linter = Linter(spelling="languagetool", languagetool_url=stub.url, select=("SP",))
    report = lint_guarded(linter, DRAFTS[0])
    assert [f.text for f in report.findings] == ["recieve"]
    assert_one_languagetool_notice(report.notices, "outreach-lint[languagetool]")
    assert stub.connections == 0
