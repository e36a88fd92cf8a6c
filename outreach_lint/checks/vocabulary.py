"""Team vocabularies: words the team rejects, and the unused-suppression report."""

from __future__ import annotations

from ..analysis.context import CheckContext, RawFinding
from ..models import FixSafety, Severity
from ..rulepack import RuleMeta
from .base import suggestion
from .registry import register


@register(
    code="GP001",
    slug="team-rejected-term",
    category="generic-pitch",
    message="Your team's word list rejects this term",
    why="Your team decided this word does not belong in outreach (configured with `reject`).",
    rewrite="Use the team's replacement, or cut the word.",
    fix=FixSafety.SAFE,
)
def rejected_term(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    pattern = ctx.options.reject_pattern
    if pattern is None:
        return []
    lowered = ctx.options.reject
    findings = []
    for unit in ctx.units:
        for match in pattern.finditer(unit.text):
            replacement = lowered.get(match.group(0).lower(), "")
            start, end = match.span()
            if replacement:
                sugg = suggestion(replacement, f"Write “{replacement}” (team word list).", meta.fix)
            else:
                if end < len(unit.text) and unit.text[end] == " ":
                    end += 1
                sugg = suggestion("", f"Delete “{match.group(0)}” (team word list).", meta.fix)
            findings.append(RawFinding(meta, unit, start, end, (sugg,)))
    return findings


@register(
    code="OL001",
    slug="unused-suppression",
    category="structure",
    message="Suppression comment that suppresses nothing",
    why="A stale `outreach-lint: disable` hides future findings for no reason; remove it.",
    rewrite="Delete the suppression comment.",
    severity=Severity.INFO,
    default_enabled=False,
)
def unused_suppression(ctx: CheckContext, meta: RuleMeta) -> list[RawFinding]:
    """Reported by the linter after suppression is applied; nothing to do per email."""
    return []
