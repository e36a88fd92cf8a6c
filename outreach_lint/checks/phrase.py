"""Phrase rules from the packs, compiled into one spaCy Matcher per language and run in one pass."""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Span

from ..models import FixSafety, Suggestion
from ..patterns import compile_pattern
from ..rulepack import PhraseRule, RuleError
from .base import RawFinding, Unit, sentence_with_trailing_space

_EXCEPTION = "!"


class PhraseEngine:
    """All phrase rules of one language, compiled once."""

    def __init__(self, rules: list[PhraseRule], language: str, nlp) -> None:
        self.language = language
        self.matcher = Matcher(nlp.vocab)
        self.rules: dict[str, PhraseRule] = {}
        self.spans: dict[str, tuple[int, int]] = {}
        self.replacements: dict[str, tuple[str, ...] | None] = {}

        def tokenize(text: str) -> list[str]:
            return [t.text for t in nlp.tokenizer(text)]

        for rule in rules:
            self.rules[rule.meta.code] = rule
            for index, pattern in enumerate(rule.patterns + rule.exceptions):
                is_exception = index >= len(rule.patterns)
                key = f"{rule.meta.code}{_EXCEPTION if is_exception else '#'}{index}"
                try:
                    compiled = compile_pattern(pattern, language, tokenize)
                except ValueError as exc:
                    raise RuleError(f"{rule.meta.origin} ({rule.meta.code}): {exc}") from None
                self.matcher.add(key, [compiled.tokens])
                self.spans[key] = (compiled.span_first, compiled.span_last)
                self.replacements[key] = rule.swaps.get(pattern, rule.meta.replacement)

    def run(self, unit: Unit, enabled: set[str]) -> list[RawFinding]:
        if not len(self.matcher):
            return []
        doc = unit.doc
        strings = doc.vocab.strings
        hits: dict[str, list[tuple[int, int, str]]] = {}
        exceptions: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end, alignments in self.matcher(doc, with_alignments=True):
            key = strings[match_id]
            code = key.split("#")[0].split(_EXCEPTION)[0]
            if code not in enabled:
                continue
            if _EXCEPTION in key:
                exceptions.setdefault(code, []).append((start, end))
                continue
            first, last = self.spans[key]
            covered = [start + i for i, a in enumerate(alignments) if first <= a <= last]
            if covered:
                hits.setdefault(code, []).append((covered[0], covered[-1] + 1, key))
        findings = []
        for code, matches in hits.items():
            blocked = exceptions.get(code, [])
            kept = _longest_first([m for m in matches if not any(s < m[1] and m[0] < e for s, e in blocked)])
            for start, end, key in kept:
                findings.append(self._finding(self.rules[code], unit, doc[start:end], key))
        return findings

    def _finding(self, rule: PhraseRule, unit: Unit, span: Span, key: str) -> RawFinding:
        meta = rule.meta
        start, end = span.start_char, span.end_char
        replacements = self.replacements[key]
        matched = unit.text[start:end]
        description = meta.rewrite.replace("{text}", matched)
        suggestions: list[Suggestion] = []
        if replacements is not None:
            if replacements == ("",) and rule.sentence:
                sentence = span.sent
                leftover = [t for t in sentence if t.is_alpha and not (span.start <= t.i < span.end)]
                if len(leftover) <= 1:
                    start, end = sentence_with_trailing_space(unit, sentence)
                    suggestions.append(Suggestion("", f"Delete the sentence. {description}", meta.fix))
                else:
                    suggestions.append(Suggestion(None, description, FixSafety.NONE))
            else:
                if replacements == ("",):
                    end = _absorb_space(unit.text, start, end)
                for replacement in replacements:
                    text = _match_case(replacement, matched)
                    label = f"Delete “{matched}”." if text == "" else f"Write “{text}”."
                    suggestions.append(Suggestion(text, f"{label} {description}", meta.fix))
        else:
            suggestions.append(Suggestion(None, description, FixSafety.NONE))
        return RawFinding(meta, unit, start, end, tuple(suggestions))


def _absorb_space(text: str, start: int, end: int) -> int:
    """Let a deletion take the space after it, so no double space is left behind."""
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n("):
        return end + 1
    return end


def _match_case(replacement: str, matched: str) -> str:
    if replacement and matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop matches that overlap a longer (or earlier) match of the same rule."""
    kept: list[tuple[int, int, str]] = []
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if not any(match[0] < k[1] and k[0] < match[1] for k in kept):
            kept.append(match)
    return sorted(kept)
