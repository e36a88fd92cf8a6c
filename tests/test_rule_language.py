"""The rule language: word classes, scope conditions, captures in rewrites and tags, through user packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_lint import Config, Linter
from outreach_lint.rulepack import RuleError


def pack(tmp_path: Path, body: str, name: str = "mine.toml") -> Linter:
    folder = tmp_path / "packs"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return Linter(Config(rule_dirs=(folder,), select=("ZZ",)))


HEADER = '[pack]\nlanguage = "en"\ncategory = "talking-down"\n\n'
VERDICT_RULE = """
[classes]
gadget = ["widget~", "gizmo~"]
harsh = ["ugly", "clunky"]

[[rules]]
code = "ZZ101"
slug = "gadget-verdict"
message = "A verdict on the reader's gadget"
why = "It blames the reader."
rewrite = "Ask how {thing} works for them."
patterns = ["your [@gadget:thing @verdict-verb @harsh]"]
unless = ["negation", "hedge"]
scope = "clause"
examples.bad = ["Honestly, your ⟦widgets look clunky⟧."]
examples.good = ["Your widgets might look clunky to some, but sales are fine.", "Your widgets never look clunky."]
"""


def codes(linter: Linter, text: str) -> list[str]:
    return [f.code for f in linter.lint(text, "en").findings]


def test_word_classes_from_the_pack_and_the_shared_classes(tmp_path) -> None:
    linter = pack(tmp_path, HEADER + VERDICT_RULE)
    assert codes(linter, "Honestly, your gizmos are ugly.") == ["ZZ101"]
    assert codes(linter, "Honestly, your widget is clunky.") == ["ZZ101"]
    assert codes(linter, "Honestly, your widget is shiny.") == []


def test_scope_conditions_cancel_in_the_clause_only(tmp_path) -> None:
    linter = pack(tmp_path, HEADER + VERDICT_RULE)
    assert codes(linter, "Your widgets might look clunky.") == []
    assert codes(linter, "Your widgets do not look clunky.") == []
    # A hedge in another clause does not cancel the verdict.
    assert codes(linter, "We could help, but your widgets look clunky.") == ["ZZ101"]


def test_captures_fill_the_rewrite(tmp_path) -> None:
    linter = pack(tmp_path, HEADER + VERDICT_RULE)
    (finding,) = linter.lint("Honestly, your widgets look clunky.", "en").findings
    assert "Ask how widgets works for them." in finding.suggestions[0].description


SPAN_RULE = """
[classes]
gadget = ["widget~", "gizmo~"]

[[rules]]
code = "ZZ106"
slug = "gadget-span"
message = "A verdict on the reader's gadget"
why = "It blames the reader."
rewrite = "Ask."
template = ["What feedback do you get on {thing}{rest}?", "What do your customers say about your {item}?", "Ask [who]."]
patterns = ["your:thing ... @gadget:thing look|looks clunky", "your clunky @gadget:item", "clunky stuff"]
examples.bad = ["⟦Your shiny widgets look clunky⟧ on a phone."]
examples.good = ["Your widgets look fine."]
"""


def rewrite_of(linter: Linter, text: str) -> str:
    (finding,) = linter.lint(text, "en").findings
    return finding.suggestions[0].description


def test_a_name_on_two_items_captures_the_words_between(tmp_path) -> None:
    linter = pack(tmp_path, HEADER + SPAN_RULE)
    # "Your" moves inside the question and loses its capital; {rest} is the sentence after the match.
    assert rewrite_of(linter, "Your shiny widgets look clunky on a phone.") == (
        "Rewrite: “What feedback do you get on your shiny widgets on a phone?”"
    )


def test_the_first_template_whose_captures_the_match_has_is_used(tmp_path) -> None:
    linter = pack(tmp_path, HEADER + SPAN_RULE)
    assert (
        rewrite_of(linter, "Sadly your clunky gizmo broke.")
        == "Rewrite: “What do your customers say about your gizmo?”"
    )
    assert rewrite_of(linter, "That is clunky stuff.") == "Rewrite: “Ask [who].”"


def test_question_and_require_conditions(tmp_path) -> None:
    body = (
        HEADER
        + """
[[rules]]
code = "ZZ102"
slug = "knowledge-test"
message = "A rhetorical test"
why = "It quizzes the reader."
rewrite = "State the figure instead."
patterns = ["[do you even|actually know]"]
question = "only"
examples.bad = ["⟦Do you even know⟧ what it costs?"]
examples.good = ["Do you even know them, I wondered."]

[[rules]]
code = "ZZ103"
slug = "needs-reader"
message = "Needs the reader nearby"
why = "Only about the reader."
rewrite = "Rephrase."
patterns = ["behind the times"]
require = ["reader"]
examples.bad = ["Your shop is ⟦behind the times⟧."]
examples.good = ["The law is behind the times."]
"""
    )
    linter = pack(tmp_path, body)
    assert codes(linter, "Do you even know what it costs?") == ["ZZ102"]
    assert codes(linter, "Do you even know them, I wondered.") == []
    assert codes(linter, "Your shop is behind the times.") == ["ZZ103"]
    assert codes(linter, "The law is behind the times.") == []


def test_users_extend_a_shared_class(tmp_path) -> None:
    body = (
        HEADER
        + """
[classes]
negation = ["nope"]

[[rules]]
code = "ZZ104"
slug = "slow"
message = "slow"
why = "slow"
rewrite = "slow"
patterns = ["too slow"]
unless = ["negation"]
examples.bad = ["It is ⟦too slow⟧."]
examples.good = ["Nope, too slow it is not."]
"""
    )
    linter = pack(tmp_path, body)
    assert codes(linter, "Nope, too slow.") == []
    assert codes(linter, "Not too slow.") == []
    assert codes(linter, "It is too slow.") == ["ZZ104"]


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ('patterns = ["your @nosuchclass"]', "unknown word class @nosuchclass"),
        ('patterns = ["x"]\nunless = ["nosuch"]', "unknown word class 'nosuch'"),
        ('patterns = ["x"]\nscope = "paragraph"', "scope must be one of"),
        ('patterns = ["x"]\nquestion = "sometimes"', "question must be one of"),
        ('patterns = ["[x:th:ing]"]', "capture"),
        ('patterns = ["a:t b:t c:t"]', "named more than twice"),
        ('patterns = ["a b"]\ntemplate = "Ask about {thing}."', "which no pattern captures"),
    ],
)
def test_bad_rule_language_is_rejected_when_loaded(tmp_path, fragment, message) -> None:
    body = (
        HEADER
        + f"""
[[rules]]
code = "ZZ105"
slug = "bad"
message = "bad"
why = "bad"
rewrite = "bad"
{fragment}
examples.bad = ["x"]
examples.good = ["y"]
"""
    )
    with pytest.raises(RuleError, match=message):
        pack(tmp_path, body)


def test_shipped_rules_carry_tags_that_research_reads() -> None:
    linter = Linter()
    pitch = [m for m in linter.rules.values() if "pitch" in m.tags]
    assert pitch and all(m.category == "generic-pitch" for m in pitch)


def test_a_replacement_can_change_the_case_of_the_match(tmp_path) -> None:
    body = (
        HEADER
        + """
[[rules]]
code = "ZZ107"
slug = "shouted"
message = "Shouted at the reader"
why = "It shouts."
rewrite = "Say it quietly."
swap = { "you ... [=NEVER|=NOT]" = "{text:lower}" }
examples.bad = ["You have ⟦NOT⟧ replied."]
examples.good = ["You have not replied."]
"""
    )
    linter = pack(tmp_path, body)
    (finding,) = linter.lint("You have NOT replied.", "en").findings
    assert finding.suggestions[0].replacement == "not"
