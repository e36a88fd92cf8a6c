"""What the shared analysis gives every check one answer for: who the reader is, whether the email is a reply,
and which rules carry a legal risk (the rule's own data, user packs included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_lint import Linter

NO_ASK_EN = (
    "Subject: Route pooling\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Three carriers "
    "like yours cut them by 8 % with route pooling.\n\nBest,\nTom"
)
NO_ASK_DE = (
    "Betreff: Rampen\n\nGuten Tag Frau Albrecht,\n\nIhr Geschäftsbericht 2025 nennt eine Termintreue von 91 %. "
    "Zwei Speditionen Ihrer Größe kamen mit Zeitfenstern auf 97 %.\n\nViele Grüße\nLena Hofmann"
)
GENERIC = (
    "Hi Jana,\n\nMany logistics teams struggle with rising freight costs. Our platform helps them plan better "
    "routes and cut empty miles. Would a short call next week be useful?\n\nBest,\nTom"
)
CLAIM_PACK = """
[pack]
language = "en"
category = "overpromise"

[[rules]]
code = "OP901"
slug = "smartest-in-town"
severity = "error"
message = "'smartest in town' is a superlative claim"
legal-risk = "an unprovable superlative is misleading advertising"
fact-slot = "[checkable fact]"
why = "Nobody can check it."
rewrite = "Name a fact a competitor could check."
patterns = ["smartest in town"]
examples.bad = ["We are the ⟦smartest in town⟧."]
examples.good = ["The smartest route is the ring road."]
"""
CLAIM_EMAIL = (
    "Subject: Routes\n\nHi Petra,\n\nOur planner is the smartest in town for route planning. Your Q3 report names fuel "
    "surcharges as the top risk. Worth a look?\n\nBest,\nLena"
)


@pytest.fixture(scope="module")
def default() -> Linter:
    return Linter()


def _ask(report) -> str:
    (finding,) = [f for f in report.findings if f.code == "ST002"]
    return finding.suggestions[0].replacement


@pytest.mark.parametrize(
    ("prospect", "text", "question"),
    [
        ({"company": "Northwind Freight GmbH"}, NO_ASK_EN, "something Northwind Freight is working on?"),
        (None, NO_ASK_EN, "something your team is working on?"),
        ({"company": "Seeberg Logistik GmbH"}, NO_ASK_DE, "für Seeberg Logistik gerade ein Thema?"),
        (None, NO_ASK_DE, "für Ihr Team gerade ein Thema?"),
    ],
)
def test_the_question_st002_suggests_names_the_prospects_company(default, prospect, text, question) -> None:
    assert _ask(default.lint(text, prospect=prospect)).endswith(question)


def test_a_reply_by_its_headers_alone_is_not_judged_as_cold_outreach(default: Linter) -> None:
    headers = "From: Tom <tom@routely.example>\nTo: Jana <jana@northwind.example>\nSubject: Freight\n"
    cold = default.lint(headers + "\n" + GENERIC, fmt="eml")
    reply = default.lint(headers + "In-Reply-To: <q3@northwind.example>\n\n" + GENERIC, fmt="eml")
    assert "RS001" in {f.code for f in cold.findings}
    assert not {"RS001", "ST006"} & {f.code for f in reply.findings}


def _pack(tmp_path: Path) -> Path:
    (tmp_path / "claims.toml").write_text(CLAIM_PACK, encoding="utf-8")
    return tmp_path


def test_a_user_rule_with_a_legal_risk_names_it_under_eu_law(tmp_path: Path) -> None:
    report = Linter(rule_dirs=(_pack(tmp_path),), jurisdiction="eu", ignore=("CO003", "CO005")).lint(CLAIM_EMAIL)
    (claim,) = [f for f in report.findings if f.code == "OP901"]
    assert claim.message == (
        "'smartest in town' is a superlative claim; legal risk: an unprovable superlative is misleading advertising"
    )
    assert [s.replacement for s in claim.suggestions] == ["[checkable fact]", None]
    assert "CO006" not in {f.code for f in report.findings}


def test_without_a_legal_reading_the_rule_reports_the_claim_alone(tmp_path: Path) -> None:
    report = Linter(rule_dirs=(_pack(tmp_path),), jurisdiction="us", ignore=("CO003", "CO004", "CO005")).lint(
        CLAIM_EMAIL
    )
    (claim,) = [f for f in report.findings if f.code == "OP901"]
    assert claim.message == "'smartest in town' is a superlative claim"
    assert [s.replacement for s in claim.suggestions] == [None]


def test_co006_reports_the_claims_of_a_switched_off_user_rule(tmp_path: Path) -> None:
    linter = Linter(rule_dirs=(_pack(tmp_path),), jurisdiction="eu", ignore=("OP901", "CO003", "CO005"))
    (claim,) = [f for f in linter.lint(CLAIM_EMAIL).findings if f.code == "CO006"]
    assert claim.text == "smartest in town"
    assert claim.message == "Legal risk in “smartest in town”: an unprovable superlative is misleading advertising"
    assert claim.suggestions[0].replacement == "[checkable fact]"
