"""Every rule's own examples are its tests: bad examples fire on the marked span, good ones stay clean,
and applying the first replacement makes the finding go away."""

from __future__ import annotations

import pytest

from outreach_lint import Linter
from outreach_lint.fixes import apply_fixes
from tests.lt_stub import StubServer

OPEN, CLOSE = "⟦", "⟧"
#: Rules that only fire with configuration get that configuration for their examples.
EXAMPLE_CONFIG = {"GP001": {"reject": {"synergy": ""}}, "SP002": {"spelling_reject": {"email": "e-mail"}}}

_ALL = Linter()
CASES = [
    pytest.param(code, kind, index, id=f"{code}-{meta.language}-{kind}{index}")
    for code, meta in sorted(_ALL.rules.items())
    for kind, examples in (("bad", meta.examples_bad), ("good", meta.examples_good))
    for index in range(len(examples))
]
_LINTERS: dict[str, Linter] = {}


_STUB: list[StubServer] = []


def linter_for(code: str) -> Linter:
    if code not in _LINTERS:
        config = dict(EXAMPLE_CONFIG.get(code, {}))
        if code == "GR001":  # grammar comes from LanguageTool: its examples run against the local stub server
            if not _STUB:
                _STUB.append(StubServer())
            config.update(spelling="languagetool", languagetool_url=_STUB[0].url)
        _LINTERS[code] = Linter(select=(code,), **config)
    return _LINTERS[code]


def unmark(example: str) -> tuple[str, tuple[int, int] | None]:
    if OPEN not in example:
        return example, None
    start = example.index(OPEN)
    end = example.index(CLOSE) - len(OPEN)
    return example.replace(OPEN, "").replace(CLOSE, ""), (start, end)


def test_every_rule_has_examples_and_rewrite() -> None:
    for code, meta in _ALL.rules.items():
        assert meta.examples_bad and meta.examples_good, code
        assert meta.rewrite.strip() and meta.why.strip() and meta.message.strip(), code
        assert "consider rephrasing" not in meta.rewrite.lower(), code


@pytest.mark.parametrize(("code", "kind", "index"), CASES)
def test_rule_example(code: str, kind: str, index: int) -> None:
    meta = _ALL.rules[code]
    examples = meta.examples_bad if kind == "bad" else meta.examples_good
    text, marked = unmark(examples[index])
    lang = None if meta.language == "*" else meta.language
    linter = linter_for(code)
    report = linter.lint(text, lang)
    assert report.error is None
    hits = [f for f in report.findings if f.code == code]
    if kind == "good":
        assert not hits, f"{code} fired on its good example: {[h.text for h in hits]}"
        return
    assert hits, f"{code} did not fire on its bad example: {text!r}"
    for finding in hits:
        assert finding.suggestions, code
        assert all(s.description.strip() for s in finding.suggestions), code
    if marked is not None:
        # A deletion at the start of a sentence also takes the next word, to capitalise it.
        spans = [(f.start.offset, f.text.rstrip()) for f in hits]
        expected = (marked[0], text[marked[0] : marked[1]].rstrip())
        assert any(start == expected[0] and found.startswith(expected[1]) for start, found in spans), (
            f"{code}: expected span {expected}, got {spans}"
        )
    fixed, applied = apply_fixes(text, hits, unsafe=True)
    if applied:
        again = [f for f in linter.lint(fixed, lang).findings if f.code == code]
        assert len(again) < len(hits), f"{code}: fix did not remove the finding: {fixed!r}"
