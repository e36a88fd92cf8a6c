"""What a check returns and how it is registered: ``CodeCheck`` and ``suggestion``.

What a check sees (``CheckContext``, ``Unit``, ``Sentence``, ``RawFinding``) is ``outreach_lint.analysis``; the
names are re-exported here for code written against the old layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..analysis.context import CheckContext, RawFinding
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
]


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """A check written in Python, registered with the same metadata a data rule has."""

    meta: RuleMeta
    run: Callable[[CheckContext], list[RawFinding]]


def suggestion(replacement: str | None, description: str, fix: FixSafety = FixSafety.UNSAFE) -> Suggestion:
    """A rewrite: ``replacement`` (None: advice only, never applied) and what it does."""
    return Suggestion(replacement, description, fix if replacement is not None else FixSafety.NONE)
