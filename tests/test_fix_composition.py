"""--fix runs a bounded loop: fixes compose, re-checked after each pass, and none may add a finding."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from outreach_lint.fixes import apply_fixes
from outreach_lint.models import Finding, FixSafety, Position, Severity, Suggestion

ROOT = Path(__file__).resolve().parent.parent

#: Two rules whose rewrites each turn a sentence into an ask: together they make "more than one ask" (ST003).
ASK_PACK = """
[pack]
language = "en"
category = "structure"
severity = "warning"

[[rules]]
code = "GP901"
slug = "keen-to-hear"
message = "Vague closing line"
why = "It asks for nothing."
rewrite = "Ask for a call."
patterns = ["keen to hear your thoughts ."]
replacement = "Could we book a call next week?"
fix = "unsafe"
examples.bad = ["⟦Keen to hear your thoughts.⟧"]
examples.good = ["Could we book a call?"]

[[rules]]
code = "GP902"
slug = "happy-to-share"
message = "Vague offer"
why = "It asks for nothing."
rewrite = "Ask for an introduction."
patterns = ["happy to share more ."]
replacement = "Can you introduce me to your CFO?"
fix = "unsafe"
examples.bad = ["⟦Happy to share more.⟧"]
examples.good = ["Can you introduce me?"]

[[rules]]
code = "GP903"
slug = "echo"
message = "A word that the rewrite repeats"
why = "Only here to show that the fix loop ends."
rewrite = "Repeat it."
patterns = ["synergy"]
replacement = "synergy synergy"
fix = "safe"
examples.bad = ["⟦synergy⟧"]
examples.good = ["teamwork"]
"""


@pytest.fixture
def pack_folder(tmp_path: Path) -> Path:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "asks.toml").write_text(ASK_PACK, encoding="utf-8")
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["packs"]\n', encoding="utf-8")
    return tmp_path


def test_two_fixes_that_each_add_an_ask_do_not_both_apply(cli, pack_folder, linter) -> None:
    text = (
        "Subject: Fuel surcharges\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. "
        "Keen to hear your thoughts. Happy to share more.\n\nBest,\nTom\n"
    )
    draft = pack_folder / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    both = text.replace("Keen to hear your thoughts.", "Could we book a call next week?").replace(
        "Happy to share more.", "Can you introduce me to your CFO?"
    )
    assert "ST003" in {f.code for f in linter.lint(both, "en").findings}  # what applying both would cause
    cli("check", "--fix", "--unsafe-fixes", "--lang", "en", "draft.txt", cwd=pack_folder)
    fixed = draft.read_text(encoding="utf-8")
    assert "Could we book a call next week?" in fixed  # the earlier fix is kept
    assert "Can you introduce me to your CFO?" not in fixed  # the second ask would be a new ST003
    assert "Happy to share more." in fixed
    assert "ST003" not in {f.code for f in linter.lint(fixed, "en").findings}


def test_the_fix_loop_ends_when_a_rewrite_brings_its_own_text_back(cli, pack_folder) -> None:
    draft = pack_folder / "draft.txt"
    draft.write_text(
        "Subject: Routes\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk, and I see real "
        "synergy in pooling routes. Worth a look?\n\nBest,\nTom\n",
        encoding="utf-8",
    )
    result = cli("check", "--fix", "--lang", "en", "draft.txt", cwd=pack_folder)
    assert result.returncode in (0, 1), result.stderr
    assert "real synergy synergy in pooling" in draft.read_text(encoding="utf-8")  # once, not once per pass


@pytest.mark.parametrize(
    ("name", "signature"),
    [
        ("en/bad-cold.txt", ["Brad"]),
        ("de/schlecht-kalt.txt", ["Sven Hartl", "Senior Sales Manager", "LogiMax GmbH", "Tel. +49 89 555 0101"]),
    ],
)
def test_fixing_an_example_adds_no_finding_and_keeps_the_signature(cli, tmp_path, linter, name, signature) -> None:
    draft = tmp_path / Path(name).name
    shutil.copyfile(ROOT / "examples" / name, draft)
    original = draft.read_text(encoding="utf-8")
    before = linter.lint(original)
    fixed_run = cli("check", "--fix", "--unsafe-fixes", "--lang", before.language, str(draft))
    assert b"applied" in fixed_run.stderr
    fixed = draft.read_text(encoding="utf-8")
    after = linter.lint(fixed, before.language)
    assert before.error is None and after.error is None
    assert {f.code for f in after.findings} <= {f.code for f in before.findings}
    assert len(after.findings) < len(before.findings)
    assert "\n\n\n" not in fixed and "  " not in fixed.replace("-- \n", "")
    assert not re.search(r"(?m)^[,:;] ", fixed)
    lines = fixed.splitlines()
    assert all(line in lines for line in signature)


def test_the_fixable_count_is_what_fix_applies(cli, tmp_path) -> None:
    draft = tmp_path / "bad-cold.txt"
    shutil.copyfile(ROOT / "examples" / "en" / "bad-cold.txt", draft)
    summary = cli("check", "--unsafe-fixes", "--format", "concise", str(draft)).stderr.decode()
    promised = int(re.search(r"(\d+) fixable with --fix", summary).group(1))
    fixed = cli("check", "--fix", "--unsafe-fixes", "--format", "concise", str(draft)).stderr.decode()
    applied = int(re.search(r"applied (\d+) fix", fixed).group(1))
    assert promised == applied
    assert "fixable with --fix" not in fixed  # nothing left that a second run would apply


def test_deleting_a_closing_line_leaves_one_blank_line(cli, tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Subject: Fuel\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\n"
        "Looking forward to hearing from you.\n\nBest,\nTom\n",
        encoding="utf-8",
    )
    cli("check", "--fix", "--select", "GP182", str(draft))
    assert draft.read_text(encoding="utf-8") == (
        "Subject: Fuel\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n\n"
        "Best,\nTom\n"
    )


# -- the clean-up around one edit ------------------------------------------------------------------------------
def _finding(text: str, span: str, replacement: str, occurrence: int = 0) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(span, start + 1)
    end = start + len(span)
    return Finding(
        "GP999",
        "test",
        "generic-pitch",
        Severity.WARNING,
        "test",
        Position(1, start + 1, start),
        Position(1, end + 1, end),
        span,
        (Suggestion(replacement, "test", FixSafety.SAFE),),
    )


@pytest.mark.parametrize(
    ("text", "span", "replacement", "expected"),
    [
        ("Hi Jana,\n\nHonestly, our tool saves time.\n", "Honestly", "", "Hi Jana,\n\nOur tool saves time.\n"),
        ("It works. Frankly: we are fast.", "Frankly", "", "It works. We are fast."),
        ("We help, obviously.", "obviously", "", "We help."),
        ("Our truly great tool.", "truly ", "", "Our great tool."),
        ("Our truly  great tool.", "truly", "", "Our great tool."),
        ("Fast. z. B. ganz einfach schnell.", "ganz ", "", "Fast. z. B. einfach schnell."),
        (
            "Text.\r\n\r\nThanks in advance!\r\n\r\nBest,\r\nTom\r\n",
            "Thanks in advance!",
            "",
            "Text.\r\n\r\nBest,\r\nTom\r\n",
        ),
        ("Acme GmbH\nTom", "Acme GmbH", "Acme GmbH\nSitz: Berlin", "Acme GmbH\nSitz: Berlin\nTom"),
        ("Acme GmbH\r\nTom", "Acme GmbH", "Acme GmbH\nSitz: Berlin", "Acme GmbH\r\nSitz: Berlin\r\nTom"),
        ("Text.\n\nThanks!", "Thanks!", "", "Text.\n"),
        ("Hi. eBay works.", "Hi. ", "", "eBay works."),
    ],
)
def test_an_edit_leaves_the_sentence_readable(text, span, replacement, expected) -> None:
    fixed, applied = apply_fixes(text, [_finding(text, span, replacement)])
    assert applied == 1
    assert fixed == expected


def test_german_body_after_a_greeting_keeps_its_lower_case(tmp_path, cli) -> None:
    draft = tmp_path / "entwurf.txt"
    draft.write_text(
        "Betreff: Heizung\n\nHallo Frau Lorenz,\n\nehrlich gesagt ist Ihre Heizung alt. Passt ein Termin im Jänner?\n\n"
        "Viele Grüße\nTom Weber\n",
        encoding="utf-8",
    )
    cli("check", "--fix", "--unsafe-fixes", str(draft), cwd=tmp_path)
    fixed = draft.read_text(encoding="utf-8")
    assert "Jänner" in fixed and "Männer" not in fixed
    assert "\n\nEhrlich" not in fixed


def test_the_fixer_never_mixes_up_two_reports(tmp_path) -> None:
    from outreach_lint import Linter
    from outreach_lint.fixing import Fixer
    from outreach_lint.source import read_path

    linter = Linter()
    fixer = Fixer(linter, unsafe=True)
    texts = {
        "a.txt": "Subject: Hello\n\nHi Jana,\n\nWe offer innovative solutions. Worth a look?\n\nBest,\nTom\n",
        "b.txt": "Subject: Freight\n\nHi Mark,\n\nOur seamless platform helps. Would that help?\n\nBest,\nAnna\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for _ in range(3):  # reports made and dropped one after another, as a library caller would
        for name, text in texts.items():
            report = linter.check_source(read_path(tmp_path / name))
            outcome = fixer.outcome(report)
            if outcome is not None:
                assert outcome.original == text


def test_a_fix_never_writes_a_slot_in_place_of_the_writers_words() -> None:
    from outreach_lint.fixing.loop import applicable
    from outreach_lint.models import Finding, FixSafety, Position, Severity, Suggestion

    def finding(text: str, replacement: str) -> Finding:
        suggestion = Suggestion(replacement, "d", FixSafety.UNSAFE)
        end = Position(1, 1 + len(text), len(text))
        start = Position(1, 1, 0)
        return Finding("GP999", "x", "generic-pitch", Severity.WARNING, "m", start, end, text, (suggestion,))

    assert applicable(finding("the leading provider", "[customer] cut costs"), unsafe=True) is None
    assert applicable(finding("Staplerwerk GmbH", "Staplerwerk GmbH\nHRB [Nummer]"), unsafe=True) is not None
    assert applicable(finding("innovative ", ""), unsafe=True) == ""


def test_a_replacement_does_not_double_a_full_stop() -> None:
    from outreach_lint.fixing.tidy import Edit, tidy

    text = "Preis zzgl. MwSt bzw. Versand."
    start = text.index("MwSt")
    edit = tidy(text, Edit(start, start + 4, "MwSt."))
    assert (text[: edit.start] + edit.replacement + text[edit.end :]).count("MwSt..") == 0


def test_a_deletion_never_capitalises_code() -> None:
    from outreach_lint.fixing.tidy import Edit, tidy

    text = "Send this:\nObviously leitweg_id goes first."
    start = text.index("Obviously")
    edit = tidy(text, Edit(start, start + len("Obviously "), ""))
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    assert "leitweg_id goes first" in fixed


@pytest.mark.parametrize(
    ("body", "lang", "kept", "gone"),
    [
        # a superlative after "the": the article becomes "a", or the claim would be to be the only one
        (
            "I'd like to introduce VeloHire, the leading provider of warehouse staffing in the Midlands.",
            "en",
            "VeloHire, a provider of warehouse staffing",
            "leading",
        ),
        # the complement of "is" is never deleted alone
        ("Our platform is best-in-class and our team knows ETL well.", "en", "is best-in-class and", None),
        # an empty noun keeps its adjective
        ("It works with Outlook out of the box, a seamless experience for your whole team.", "en", "seamless", None),
        # after a German comma salutation the next sentence goes on in lower case
        (
            "ich hoffe, es geht Ihnen gut. Ich wollte mich kurz vorstellen: Ihr Lager in Kassel wächst.",
            "de",
            "Herr Krämer,\n\nich wollte mich kurz vorstellen",
            "hoffe",
        ),
    ],
)
def test_a_fix_leaves_better_prose_or_is_not_applied(tmp_path, cli, body, lang, kept, gone) -> None:
    greeting = "Sehr geehrter Herr Krämer," if lang == "de" else "Hi Tom,"
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Subject: Staffing\n\n{greeting}\n\n{body}\n\nBest,\nAnn\n", encoding="utf-8")
    cli("check", "--fix", "--unsafe-fixes", "--lang", lang, str(draft), cwd=tmp_path)
    fixed = draft.read_text(encoding="utf-8")
    assert kept in fixed
    if gone:
        assert gone not in fixed


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Wir machen genau solche Feste: Fingerfood, Maultaschen-Spieße und Getränke.", "Fingerfood"),
        ("Bei der Strickmarke Fjellgarn aus Flensburg waren es 22 % weniger Retouren.", "Fjellgarn"),
    ],
)
def test_a_capitalised_word_is_only_fixed_for_a_swapped_or_doubled_letter(tmp_path, cli, sentence, word) -> None:
    draft = tmp_path / "entwurf.txt"
    draft.write_text(f"Betreff: Feier\n\nHallo Frau Lorenz,\n\n{sentence}\n\nViele Grüße\nTom\n", encoding="utf-8")
    cli("check", "--fix", "--unsafe-fixes", "--lang", "de", str(draft), cwd=tmp_path)
    assert word in draft.read_text(encoding="utf-8")


def test_two_unknown_words_in_a_row_are_flagged_but_not_fixed(tmp_path, cli) -> None:
    draft = tmp_path / "draft.txt"
    text = "Subject: Lisbon\n\nHi Ana,\n\nYour Lisbon store opened in March. Worth a look?\n\nUn abrazo,\nTom\n"
    draft.write_text(text, encoding="utf-8")
    cli("check", "--fix", "--unsafe-fixes", "--lang", "en", str(draft), cwd=tmp_path)
    assert "Un abrazo," in draft.read_text(encoding="utf-8")


def test_a_german_verb_after_a_pronoun_is_not_capitalised_into_a_noun(tmp_path, cli) -> None:
    draft = tmp_path / "entwurf.txt"
    text = "Betreff: Reels\n\nHallo Jana,\n\nwir zeigen dir, wann du posten solltest. Schick mir die rechnung.\n\nTom\n"
    draft.write_text(text, encoding="utf-8")
    cli("check", "--fix", "--lang", "de", str(draft), cwd=tmp_path)
    fixed = draft.read_text(encoding="utf-8")
    assert "wann du posten solltest" in fixed
    assert "die Rechnung" in fixed
