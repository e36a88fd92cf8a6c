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


@pytest.mark.parametrize(
    ("signature", "slots"),
    [
        ("Best regards,\n[Your Name]\n[Phone]", ["[Your Name]", "[Phone]"]),
        ("Best,\n{{sender.first_name}}\nRoutePilot", ["{{sender.first_name}}"]),
        ("Viele Grüße\n[Ihr Name]\nTel. [Telefonnummer]", ["[Ihr Name]", "[Telefonnummer]"]),
    ],
)
def test_sender_slots_in_the_signature_of_a_draft(linter, signature, slots) -> None:
    text = f"Subject: Routes\n\nHi Jana,\n\nYour Q3 report names freight costs. Worth a look?\n\n{signature}\n"
    report = linter.lint(text, mode="draft")
    found = [f for f in report.findings if f.code == "MF001"]
    assert [f.text for f in found] == slots
    assert all(f.suggestions[0].replacement is None for f in found)  # only the rep knows their own details
    assert all("signature" in f.message for f in found)


def test_footer_fields_in_the_signature_are_the_sending_tools(linter) -> None:
    text = (
        "Subject: Routes\n\nHi Jana,\n\nYour Q3 report names freight costs. Worth a look?\n\nBest,\nTom\n"
        "*|UNSUB|*\n{{unsubscribe_link}}\n"
    )
    assert merge_codes(linter, text, mode="draft") == []


@pytest.mark.parametrize(
    "code",
    [
        "POST /v2/merchants/{merchant_id}/payouts",
        "    - key: \"{api_key}\"",
        "      token: ${{ secrets.BUILD_TOKEN }}",
        "    <title>{{ product.title }} | {{ shop.name }}</title>",
        "Endpoints like GET /v2/customers/{customer_id}/invoices are rate limited.",
    ],
)
def test_placeholders_in_quoted_code_stay_quiet(linter, code) -> None:
    text = f"Subject: API\n\nHi Jana,\n\nYour API docs show this:\n\n{code}\n\nWorth a look?\n\nBest,\nTom\n"
    assert merge_codes(linter, text, mode="draft") == []
