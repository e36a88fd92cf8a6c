"""Bodies of unusual content ("floods"): every one lints, and every finding's offsets point at its text.

Long runs of punctuation, words without spaces, whitespace, emoji, placeholders and stock phrases used to take
minutes (time quadratic in the length, or worse). The floods run in a fresh process with a timeout that only
guards against a hang; how fast they are is measured by bench/floods.py, not here.
"""

from __future__ import annotations

import bisect
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_lint import Linter

SIZE = 30_000

#: name → (language, body)
FLOODS: dict[str, tuple[str, str]] = {
    "run of !": ("en", "!" * SIZE),
    "run of ?": ("de", "?" * SIZE),
    "run of )": ("en", ")" * SIZE),
    "run of *": ("de", "*" * SIZE),
    'run of "': ("en", '"' * SIZE),
    "run of .": ("de", "." * SIZE),
    "run of !?": ("en", "!?" * (SIZE // 2)),
    "?! spaced": ("en", "?! " * (SIZE // 3)),
    "one long word": ("de", "a" * SIZE),
    "glued links": ("en", "https://a.b/c" * (SIZE // 13)),
    "newlines": ("en", "\n" * SIZE),
    "spaces": ("de", " " * SIZE),
    "tabs": ("en", "\t" * SIZE),
    "no-break spaces": ("de", "\u00a0" * SIZE),
    "emoji": ("en", "😀" * SIZE),
    "cjk": ("de", "漢字です。" * (SIZE // 5)),
    "combining marks": ("en", "e\u0301\u0308" * (SIZE // 3)),
    "html-like": ("en", '<div class="x"><a href="https://a.example/b?c=d">Link</a></div> ' * (SIZE // 64)),
    "stock phrase en": ("en", "just checking in " * (SIZE // 17)),
    "stock phrase de": ("de", "Ich wollte nur kurz nachhaken " * (SIZE // 30)),
    "stock sentence en": ("en", "I just wanted to check in. " * (SIZE // 27)),
    "merge fields": ("en", "{{first_name}} " * (SIZE // 15)),
    "bracket fields": ("de", "[Firma] " * (SIZE // 8)),
    "unclosed fields": ("de", "{{first_name " * (SIZE // 13)),
    "spintax": ("en", "{a|b}" * (SIZE // 5)),
    "money": ("de", "€1.000,00 " * (SIZE // 10)),
    "dates": ("en", "14 January 2026 " * (SIZE // 16)),
    "addresses": ("de", "anna.schmidt@example.de " * (SIZE // 24)),
    "titles": ("de", "Mr. Dr. GmbH & Co. KG " * (SIZE // 22)),
    "no full stop": ("en", "and we would love to show you how our platform helps " * (SIZE // 53)),
    "capitals": ("en", "ACT NOW " * (SIZE // 8)),
    "greeting lines": ("en", "Hi Jana,\n" * (SIZE // 9)),
    "sign-off lines": ("de", "Viele Grüße,\nAnna\n" * (SIZE // 18)),
    "compliments": ("en", "I love what you're building at Northwind. " * (SIZE // 42)),
    "leftovers": ("en", "{{first_name}} NaN [[MISSING TOKEN - company]] for undefined. " * (SIZE // 61)),
    "directives": ("en", "outreach-lint: disable-next-line=ST007\nHi!!\n" * (SIZE // 44)),
    "signature job titles": ("de", "Hallo Jana,\n\nPasst das?\n\n--\n" + "Senior SE " * (SIZE // 10)),
    "signature courts": ("de", "Hallo Jana,\n\nPasst das?\n\n--\n" + "Amtsgericht AG, " * (SIZE // 16)),
    "prospect": (
        "en",
        "---\nperson: Jana Weber\ncompany: Northwind Freight GmbH\n---\n"
        + "Hi Jana, Northwind Freight and Hartung Logistik GmbH. Jana Weber said so. " * (SIZE // 74),
    ),
}

_LINT = """
import json, sys
from outreach_lint import Linter
linter = Linter()
results = []
for text, language in json.load(sys.stdin):
    report = linter.lint(text, language)
    results.append({
        "error": report.error,
        "findings": [
            [f.code, f.start.offset, f.end.offset, f.start.line, f.start.column, f.end.line, f.end.column, f.text]
            for f in report.findings
        ],
    })
json.dump(results, sys.stdout)
"""


def lint_in_subprocess(items: list[tuple[str, str]]) -> list[dict]:
    """Lint (text, language) pairs with one Linter in a fresh process; the timeout only guards against a hang."""
    result = subprocess.run(
        [sys.executable, "-c", _LINT],
        input=json.dumps(items).encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def line_column(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def assert_located(text: str, findings: list[list]) -> None:
    """Every finding's text is the source text between its offsets, and its lines and columns match them."""
    for code, start, end, *_, shown in findings:
        assert 0 <= start <= end <= len(text), code
        assert text[start:end] == shown, code
    for code, start, end, *position, _ in findings[:50] + findings[-50:]:  # lines and columns of a sample
        assert position == [*line_column(text, start), *line_column(text, end)], code


GROUPS = [list(FLOODS)[i : i + 10] for i in range(0, len(FLOODS), 10)]


@pytest.mark.parametrize("names", GROUPS, ids=[f"floods-{i}" for i in range(len(GROUPS))])
def test_floods_lint_and_findings_point_at_their_text(names: list[str]) -> None:
    items = [(FLOODS[name][1], FLOODS[name][0]) for name in names]
    for name, (text, _), result in zip(names, items, lint_in_subprocess(items), strict=True):
        assert result["error"] is None, name
        assert_located(text, result["findings"])


def test_the_largest_body_of_exclamation_marks_in_both_languages_is_one_shout() -> None:
    """200,000 "!" (the largest body allowed) took minutes: spaCy split the run one mark at a time and
    searched the whole rest of it for a suffix every time."""
    text = "!" * 200_000
    for result in lint_in_subprocess([(text, "en"), (text, "de")]):
        assert result["error"] is None
        shouts = [f for f in result["findings"] if f[0] == "ST007"]
        assert [(f[1], f[2]) for f in shouts] == [(0, len(text))]


def test_every_stock_phrase_and_placeholder_of_a_flood_is_reported() -> None:
    phrase, fields, marks = (
        "just checking in " * 3000,
        "{{first_name}} " * 3000,
        "?! " * 3000,
    )
    phrase_result, field_result, mark_result = lint_in_subprocess([(phrase, "en"), (fields, "en"), (marks, "en")])
    checking_in = [f for f in phrase_result["findings"] if f[-1].strip().lower() == "just checking in"]
    assert len(checking_in) == 3000
    assert len([f for f in field_result["findings"] if f[0] == "MF001"]) == 3000
    assert [f[-1] for f in mark_result["findings"] if f[0] == "ST007"] == ["?!"] * 3000
    assert_located(phrase, phrase_result["findings"])


def _pseudo_words(count: int) -> list[str]:
    """Distinct made-up lower-case words (a deterministic sequence, no dictionary knows them)."""
    letters = "bcdfghjklmnpqrstvwxz"
    return ["".join(letters[(n // len(letters) ** k) % len(letters)] for k in range(4)) + "qx" for n in range(count)]


def test_a_text_that_is_not_prose_gets_a_bounded_spelling_check(linter) -> None:
    """1,500 unknown words: the first thousand are reported (real prose has a few per thousand words)."""
    from outreach_lint.spelling.service import MAX_SUSPECTS

    words = _pseudo_words(1_500)
    text = " ".join(words)
    report = linter.lint(text, "en")
    misspelled = [f.text for f in report.findings if f.code == "SP001"]
    assert misspelled == words[:MAX_SUSPECTS]


@pytest.mark.parametrize(
    ("text", "shout"),
    [
        ("Call me now!!!", "!!!"),
        ("Really?!", "?!"),
        ("Really!?", "!?"),
        ("Really?!?!", "?!?!"),
        ("Really??", None),
    ],
)
def test_a_run_of_marks_is_one_shout(linter, text: str, shout: str | None) -> None:
    shouts = [f.text for f in linter.lint(text, "en").findings if f.code == "ST007"]
    assert shouts == ([shout] if shout else [])


def test_words_after_a_long_chunk_are_still_checked(linter) -> None:
    """A whitespace-free chunk longer than a few thousand characters is tokenized in pieces; what follows is
    tokenized as always."""
    head = "x" * 4999 + "!" * 3001 + "\n\n"
    text = head + "I hope this email finds you well. Worth a look?"
    report = linter.lint(text, "en")
    opener = [f for f in report.findings if f.code == "GP101"]
    assert [(f.start.offset, f.text.strip()) for f in opener] == [(len(head), "I hope this email finds you well.")]
    for finding in report.findings:
        assert text[finding.start.offset : finding.end.offset] == finding.text


_PIECES = st.sampled_from(
    [*"!?.,;:()[]{}\"'`*&#%$€-–_/\\@+=<>~^|…’„“»«😀漢\u0301", "a", "Jana", " ", "\n", "\t", "\u00a0", "km", "'s", "..."]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(st.tuples(_PIECES, st.integers(min_value=1, max_value=400)), max_size=12),
    language=st.sampled_from(["en", "de"]),
)
def test_any_mix_of_runs_lints_with_exact_offsets(linter: Linter, pieces: list[tuple[str, int]], language: str) -> None:
    text = "Hi Jana,\n\n" + "".join(piece * count for piece, count in pieces) + "\n\nWorth a look?\n\nTom"
    report = linter.lint(text, language)
    assert report.error is None
    for finding in report.findings:
        assert text[finding.start.offset : finding.end.offset] == finding.text


def test_a_long_capitalised_run_lints_and_keeps_offsets() -> None:
    """'TomTomTom…' once cost a name search per capital letter (quadratic); it must lint like any text."""
    from outreach_lint import Linter

    text = "Hi Jana,\n" + "Tom" * 20_000 + "\n\nBest,\nTom"
    report = Linter().lint(text, "en")
    assert report.error is None
    for finding in report.findings:
        assert text[finding.start.offset : finding.end.offset] == finding.text
