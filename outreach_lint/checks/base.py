"""What a check returns and how it is registered: ``CodeCheck`` and ``suggestion``.

What a check sees (``CheckContext``, ``Unit``, ``Sentence``, ``RawFinding``) is ``outreach_lint.analysis``; the
names are re-exported here for code written against the old layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..analysis.context import CheckContext, RawFinding
from ..analysis.recipient import opener_rewrite, opening_span
from ..analysis.units import Sentence, Unit, is_word, sentence_starts, sentence_with_trailing_space
from ..models import FixSafety, Suggestion
from ..rulepack import RuleMeta

__all__ = [
    "CheckContext",
    "CodeCheck",
    "RawFinding",
    "Sentence",
    "Unit",
    "is_word",
    "sentence_starts",
    "sentence_with_trailing_space",
    "suggestion",
    "unresearched_opener",
]


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """A check written in Python, registered with the same metadata a data rule has."""

    meta: RuleMeta
    run: Callable[[CheckContext], list[RawFinding]]


def suggestion(replacement: str | None, description: str, fix: FixSafety = FixSafety.UNSAFE) -> Suggestion:
    """A rewrite: ``replacement`` (None: advice only, never applied) and what it does."""
    return Suggestion(replacement, description, fix if replacement is not None else FixSafety.NONE)


def researched_draft(ctx: CheckContext) -> bool:
    """Whether the research checks that read the prospect's profile apply: a first email in draft mode whose
    content has other details (without them RS001 reports the email)."""
    found = ctx.research
    return ctx.effective_mode == "draft" and not ctx.is_reply and bool(found.content) and found.specific is not None


def unresearched_opener(
    ctx: CheckContext, meta: RuleMeta, lead: str, name_company: bool, message: str | None = None
) -> RawFinding:
    """A research finding on the email's opening, rewritten from the prospect's profile (``name_company``:
    the rewrite names the company); ``lead`` is the advice when the profile gives nothing to build one from."""
    start, end, opening = opening_span(ctx.body.text, ctx.research.content)
    rewrite = opener_rewrite(ctx.prospect, ctx.language, opening, name_company, lead)
    return RawFinding(
        meta, ctx.body, start, end, (suggestion(*rewrite) if rewrite else suggestion(None, lead),), message
    )
