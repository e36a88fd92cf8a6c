"""Single-brace, double-angle and $variable placeholders are merge fields; code, JSON and prices are not."""

from __future__ import annotations

import pytest

from outreach_lint import Linter


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def merge_codes(linter: Linter, text: str, mode: str | None = None) -> list[tuple[str, str]]:
    report = linter.lint(text, mode=mode)
    return [(f.code, f.text) for f in report.findings if f.category == "merge-field"]


@pytest.mark.parametrize(
    "placeholder",
    ["{FirstName}", "{Company Name}", "{url}", "<<First Name>>", "<<Firmenname>>", "$first_name", "$company"],
)
def test_placeholder_in_a_draft_is_reported(linter, placeholder) -> None:
    text = f"Subject: Routes\n\nHi Jana,\n\nWe plan routes for {placeholder} in Leipzig. Worth a look?\n\nBest,\nTom\n"
    assert ("MF001", placeholder) in merge_codes(linter, text)


@pytest.mark.parametrize(
    "snippet",
    [
        'Send {"lane": "A4", "pallets": 12} to the endpoint.',
        "The template literal is `${name}` in the script.",
        "The plan costs $40 per seat and $HOME stays unset.",
        "In code we write {x} for the value.",
    ],
)
def test_code_json_and_prices_stay_quiet(linter, snippet) -> None:
    text = f"Subject: API\n\nHi Jana,\n\nYour API docs list the lane field. {snippet} Worth a look?\n\nBest,\nTom\n"
    assert merge_codes(linter, text) == []


def test_template_mode_accepts_them_but_wants_a_fallback_in_the_greeting(linter) -> None:
    text = "Subject: Idea for {Company}\n\nHi {FirstName},\n\nWe plan routes. Worth a look?\n\nBest,\nTom\n"
    codes = [code for code, _ in merge_codes(linter, text, mode="template")]
    assert "MF001" not in codes and "MF006" in codes
