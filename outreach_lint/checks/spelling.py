"""Spelling: embedded Hunspell (de_DE frami, en_US) or LanguageTool, with names and placeholders left alone."""

from __future__ import annotations

from ..analysis.context import CheckContext, RawFinding
from ..analysis.units import Unit
from ..models import FixSafety, Suggestion
from ..rulepack import RuleMeta
from ..spelling.languagetool import GrammarMatch
from ..spelling.service import Misspelling, SpellingService, names_in, recurring_words
from .registry import CODE_CHECKS, register


def _names(ctx: CheckContext) -> frozenset[str]:
    headers = ctx.document.headers
    return names_in(
        ctx.signature.text,
        headers.get("to", ""),
        headers.get("from", ""),
        headers.get("cc", ""),
        " ".join(ctx.prospect.names),
    )


def _units(ctx: CheckContext) -> list[Unit]:
    """Body first: its words (names met mid-sentence) also inform the subject line."""
    return ctx.units[::-1]


@register(
    code="SP001",
    slug="misspelling",
    category="spelling",
    message="Misspelled word",
    why="Buyers read a spelling mistake as carelessness: a vendor who cannot spell 'loses it on the last mile'.",
    rewrite="Use the suggested spelling, or add the word to your accept list if it is a name.",
)
def misspelling(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    service: SpellingService | None = ctx.options.spelling_service
    if service is None or service.settings.backend == "off":
        return []
    subject = ctx.subject.tokens if ctx.subject is not None else ()
    names = _names(ctx) | service.proper_names(ctx.body.text, ctx.language) | recurring_words(subject, ctx.body.tokens)
    findings = []
    for unit in _units(ctx):
        if service.languagetool is not None:
            matches = service.languagetool.check(unit.text, ctx.language)
            if matches is not None:
                findings.extend(_languagetool_findings(ctx, meta, service, unit, matches, names, spelling=True))
                continue
        misspelled, _ = service.check(unit.text, ctx.language, names)
        suggested: dict[str, tuple[Suggestion, ...]] = {}  # a recurring word gets the same suggestions
        dictionaries = service.dictionary_names(ctx.language)
        for item in misspelled:
            if item.word not in suggested:
                suggested[item.word] = _suggestions(dictionaries, item)
            findings.append(RawFinding(meta, unit, item.start, item.end, suggested[item.word]))
    return findings


def _languagetool_findings(
    ctx: CheckContext,
    meta: RuleMeta,
    service: SpellingService,
    unit: Unit,
    matches: list[GrammarMatch],
    names: frozenset[str],
    spelling: bool,
) -> list[RawFinding]:
    """LanguageTool's matches as findings: spelling under this rule, the rest under GR001."""
    grammar_meta = GRAMMAR_META[0]
    enabled_grammar = ctx.options.grammar_enabled
    findings = []
    seen: set[tuple[int, int]] = set()
    for match in matches:
        start, end = match.offset, match.offset + match.length
        if end > len(unit.text) or (start, end) in seen or start >= end:
            continue
        seen.add((start, end))
        if match.is_spelling and (not spelling or service.leave_alone(unit.text, start, end, ctx.language, names)):
            continue
        if not match.is_spelling and not enabled_grammar:
            continue
        if match.replacements:
            best, *others = match.replacements[:3]
            extra = f" Other options: {', '.join(others)}." if others else ""
            suggestions = (Suggestion(best, f"Write “{best}”.{extra} ({match.message})", FixSafety.UNSAFE),)
        else:
            suggestions = (Suggestion(None, f"{match.message} (LanguageTool rule {match.rule_id})", FixSafety.NONE),)
        rule = meta if match.is_spelling else grammar_meta
        findings.append(RawFinding(rule, unit, start, end, suggestions, match.message))
    return findings


def _suggestions(dictionaries: str, item: Misspelling) -> tuple[Suggestion, ...]:
    """A fix only when one suggestion is clearly first (safe when it only changes case or umlauts); otherwise
    the suggestions are listed for the rep to choose from."""
    if item.fix is not None:
        others = [s for s in item.suggestions if s != item.fix]
        alternatives = f" Other options: {', '.join(others)}." if others else ""
        safety = FixSafety.SAFE if item.same_word else FixSafety.UNSAFE
        return (Suggestion(item.fix, f"Write “{item.fix}”.{alternatives}", safety),)
    missing = f"“{item.word}” is not in the {dictionaries} dictionary"
    accept = "add it to the accept list (accept-files) if it is a name or product"
    if item.suggestions:
        quoted = [f"“{s}”" for s in item.suggestions]
        options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        description = f"{missing}. Did you mean {options}? None is clearly right, so nothing is applied; or {accept}."
    else:
        budget = "" if item.searched else " (suggestions are looked up for the first words of each email only)"
        description = f"{missing}{budget}: correct it, or {accept}."
    return (Suggestion(None, description, FixSafety.NONE),)


@register(
    code="SP002",
    slug="rejected-spelling",
    category="spelling",
    message="Spelling your team's word list rejects",
    why="Your team settled on one spelling (configured with `spelling-reject`); mixed spellings look careless.",
    rewrite="Use the team's spelling.",
    fix=FixSafety.SAFE,
)
def rejected_spelling(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    service: SpellingService | None = ctx.options.spelling_service
    if service is None or not service.reject or service.settings.backend == "off":
        return []
    findings = []
    for unit in _units(ctx):
        _, rejected = service.check(unit.text, ctx.language, frozenset())
        for item in rejected:
            description = f"Write “{item.replacement}” (team spelling)." if item.replacement else "Cut this word."
            findings.append(
                RawFinding(meta, unit, item.start, item.end, (Suggestion(item.replacement, description, meta.fix),))
            )
    return findings


GRAMMAR_META: list[RuleMeta] = []


@register(
    code="GR001",
    slug="languagetool-grammar",
    category="grammar",
    message="Grammar or style issue found by LanguageTool",
    why="Grammar slips read like spelling mistakes to a buyer; LanguageTool finds what a word list cannot.",
    rewrite="Apply LanguageTool's replacement.",
)
def languagetool_grammar(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    """Normally reported by SP001, which asks LanguageTool once per email; asks itself when SP001 is off."""
    service: SpellingService | None = ctx.options.spelling_service
    if service is None or service.languagetool is None or ctx.options.spelling_enabled:
        return []
    findings = []
    for unit in _units(ctx):
        matches = service.languagetool.check(unit.text, ctx.language)
        if matches:
            findings.extend(_languagetool_findings(ctx, meta, service, unit, matches, frozenset(), spelling=False))
    return findings


GRAMMAR_META.append(next(c.meta for c in CODE_CHECKS if c.meta.code == "GR001"))
