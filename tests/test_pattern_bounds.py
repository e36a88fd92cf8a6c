"""User input that could make linting slow or run code: rule-pack patterns and configured spaCy pipelines.

Patterns in a user's rule pack are bounded when the pack is loaded (too many items or ``...`` gaps give a
one-line error naming the file, the rule and why), and the matcher's work on an email is polynomial in the
pattern's size. A configured ``spacy-models`` name is used only when it is an installed spaCy pipeline
package; anything else gives one notice, the blank pipeline lints, and the named module is never imported.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from outreach_lint import Linter
from outreach_lint.config import Config
from outreach_lint.patterns import MAX_GAPS, MAX_ITEMS
from outreach_lint.rulepack import RuleError

SENTENCE = (
    "Your Q3 report names fuel surcharges as the top risk for the Leipzig hub and we would like to show your team "
    "how three carriers of your size cut them by eight percent in one quarter without new software or extra "
    "staff, and I do hope this is useful for the planning round you mentioned."
)
#: About 130 words: the size of email on which a pattern with many gaps used to take minutes.
EMAIL = "Subject: Freight costs\n\nHi Jana,\n\n" + " ".join([SENTENCE] * 3) + "\n\nWorth a look?\n\nTom"


def _pack(directory: Path, patterns: list[str], code: str = "GP901", bad: str = "alpha beta gamma") -> Path:
    listed = ", ".join(json.dumps(p) for p in patterns)
    (directory / "custom.toml").write_text(
        f"""[pack]
language = "en"
category = "generic-pitch"

[[rules]]
code = "{code}"
slug = "custom-rule"
message = "Custom"
why = "Custom."
rewrite = "Custom."
patterns = [{listed}]
examples.bad = [{json.dumps(bad)}]
examples.good = ["nothing to see"]
""",
        encoding="utf-8",
    )
    return directory


def _gaps(count: int) -> str:
    return " ... ".join(["*"] * (count + 1)) + " well"


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command line in a fresh process, with a generous hang guard."""
    return subprocess.run(
        [sys.executable, "-m", "outreach_lint", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=60,
    )


# -- rule packs ---------------------------------------------------------------------------------------------


def test_pattern_with_too_many_gaps_is_rejected_when_the_pack_loads(tmp_path) -> None:
    _pack(tmp_path, [_gaps(MAX_GAPS + 1)])
    with pytest.raises(RuleError) as raised:
        Linter(Config(rule_dirs=(tmp_path,)))
    message = str(raised.value)
    assert "custom.toml" in message and "GP901" in message
    assert f"{MAX_GAPS + 1} '...' gaps" in message and f"at most {MAX_GAPS}" in message
    assert "\n" not in message


def test_pattern_with_too_many_items_is_rejected_when_the_pack_loads(tmp_path) -> None:
    _pack(tmp_path, [" ".join(["word"] * (MAX_ITEMS + 1))])
    with pytest.raises(RuleError, match=rf"custom\.toml.*GP901.*{MAX_ITEMS + 1} items; at most {MAX_ITEMS}"):
        Linter(Config(rule_dirs=(tmp_path,)))


def test_a_very_long_pattern_is_shown_shortened_in_the_message(tmp_path) -> None:
    _pack(tmp_path, [" ".join(["averyveryverylongword"] * 200)])
    with pytest.raises(RuleError) as raised:
        Linter(Config(rule_dirs=(tmp_path,)))
    assert len(str(raised.value)) < 300


def test_pathological_pack_gives_one_line_and_exit_2_on_the_command_line(tmp_path) -> None:
    (tmp_path / "rules").mkdir()
    _pack(tmp_path / "rules", [_gaps(40)])
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["rules"]\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text(EMAIL, encoding="utf-8")
    result = _run(["check", "draft.txt"], cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1
    assert "custom.toml" in lines[0] and "GP901" in lines[0] and "gaps" in lines[0]


def test_pattern_at_the_limits_lints_a_long_email_and_still_matches(tmp_path) -> None:
    """The most gaps allowed, with a wildcard before each, used to be tried in 5^6 ways at every word."""
    (tmp_path / "rules").mkdir()
    _pack(tmp_path / "rules", [_gaps(MAX_GAPS)], bad="a b c d e f g well")
    closing = "Tom, I do hope that you and your team are all well."
    (tmp_path / "draft.txt").write_text(EMAIL.replace("Worth a look?", closing), encoding="utf-8")
    (tmp_path / ".outreach-lint.toml").write_text('rule-dirs = ["rules"]\nselect = ["GP901"]\n', encoding="utf-8")
    result = _run(["check", "--format", "json", "draft.txt"], cwd=tmp_path)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["code"], f["text"]) for f in findings] == [("GP901", closing.rstrip("."))]


def test_many_optional_items_do_not_blow_up(tmp_path) -> None:
    pattern = " ".join(["the?", "your?", "a?", "and?"] * 5) + " well"
    _pack(tmp_path, [pattern], bad="the your a and well")
    linter = Linter(Config(rule_dirs=(tmp_path,), select=("GP901",)))
    report = linter.lint("Subject: Hi\n\n" + "the your a and " * 300 + "well.", "en")
    assert report.error is None
    assert [f.code for f in report.findings] == ["GP901"]


@pytest.mark.parametrize(
    ("pattern", "text", "reported"),
    [
        ("i ... [hope] ... well", "I really do hope you are well.", [("hope", 12)]),
        ("[we ... help]", "We can really help. We help.", [("We can really help", 0), ("We help", 20)]),
        ("we ...? help", "We really help.", [("We really help", 0)]),
        ("* ... * well", "You are well.", [("You are well", 0)]),
        ("hope ... ... well", "Hope that you are all well.", [("Hope that you are all well", 0)]),
        ("[we] ... ... [help]", "We can really truly help you.", [("help", 20)]),
        ("a ... [b] ... c", "a x b y b z c", [("b", 4)]),
        ("a ... [b ... b] ... c", "a b x b y b z c", [("b x b", 2)]),
    ],
)
def test_gaps_report_the_longest_match_with_the_shortest_early_gaps(
    tmp_path, pattern: str, text: str, reported: list[tuple[str, int]]
) -> None:
    """Of equally long matches, the one that gives the early items the fewest words (as a left-to-right
    backtracking search finds first)."""
    _pack(tmp_path, [pattern], bad=text)
    linter = Linter(Config(rule_dirs=(tmp_path,), select=("GP901",)))
    assert [(f.text, f.start.offset) for f in linter.lint(text, "en").findings] == reported


# -- configured spaCy pipelines ------------------------------------------------------------------------------


def _side_effect_package(root: Path) -> Path:
    """A package that writes a file when imported: the linter must never import it."""
    marker = root / "imported.txt"
    package = root / "sideeffect_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('imported')\n", encoding="utf-8"
    )
    (package / "sub.py").write_text("VALUE = 1\n", encoding="utf-8")
    return marker


@pytest.mark.parametrize("name", ["os", "this.x", "sideeffect_pkg", "sideeffect_pkg.sub", "../etc", ""])
def test_a_configured_name_that_is_no_pipeline_gives_one_notice_and_imports_nothing(tmp_path, name: str) -> None:
    marker = _side_effect_package(tmp_path)
    (tmp_path / ".outreach-lint.toml").write_text(f"spacy-models = {{ en = {json.dumps(name)} }}\n")
    (tmp_path / "draft.txt").write_text(EMAIL, encoding="utf-8")
    result = _run(["check", "draft.txt"], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert not marker.exists()
    assert result.returncode == 1  # linted with the blank pipeline: the draft has findings
    assert re.search(r"\b[A-Z]{2}\d{3}\b", result.stdout.decode())
    notices = [line for line in result.stderr.decode().splitlines() if line.startswith("notice:")]
    if name:
        assert notices == [f"notice: spaCy pipeline '{name}' is not installed; using the blank en tokenizer"]
    else:
        assert notices == []  # an empty name means "no trained pipeline"


def test_library_gives_the_same_notice_for_a_dotted_module_name() -> None:
    report = Linter(Config(spacy_models={"en": "this.x"})).lint(EMAIL, "en")
    assert report.findings
    assert report.notices == ["spaCy pipeline 'this.x' is not installed; using the blank en tokenizer"]
    assert "this" not in sys.modules  # "import this" prints the Zen of Python


def _pipeline_package(root: Path, name: str) -> None:
    """A minimal installed spaCy pipeline: the package, its data, and dist-info with the spacy_models entry."""
    import spacy

    package = root / name
    package.mkdir()
    spacy.blank("en").to_disk(package / f"{name}-0.0.1")
    meta = {"lang": "en", "name": name.split("_", 1)[1], "version": "0.0.1", "spacy_version": ">=3.7"}
    (package / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (package / f"{name}-0.0.1" / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (package / "__init__.py").write_text(
        "from spacy.util import load_model_from_init_py\n\n\n"
        "def load(**overrides):\n    return load_model_from_init_py(__file__, **overrides)\n",
        encoding="utf-8",
    )
    info = root / f"{name}-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[spacy_models]\n{name} = {name}\n", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")


def test_an_installed_pipeline_package_is_loaded_without_a_notice(tmp_path) -> None:
    _pipeline_package(tmp_path, "en_fake_pipeline")
    script = (
        "from outreach_lint import Linter\n"
        "from outreach_lint.config import Config\n"
        "import json, sys\n"
        "report = Linter(Config(spacy_models={'en': 'en_fake_pipeline'})).lint(sys.stdin.read(), 'en')\n"
        "print(json.dumps({'notices': report.notices, 'findings': len(report.findings)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=EMAIL.encode(),
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    output = json.loads(result.stdout)
    assert output["notices"] == []
    assert output["findings"] > 0
