"""The settings the checks read, typed: built once per Linter from its Config."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..mergefields import normalise

if TYPE_CHECKING:
    from ..config import Config
    from ..spelling.service import SpellingService

#: The reading-ease score below which ST009 reports an email, per language (Amstad for German, Flesch for
#: English), unless ``min-reading-ease`` is configured.
DEFAULT_READING_EASE = {"de": 30.0, "en": 40.0}


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the configuration tells the code checks (the defaults are those of an empty configuration)."""

    #: None: the language's default (``DEFAULT_READING_EASE``).
    min_reading_ease: float | None = None
    self_focus_ratio: float = 2.0
    #: The team's rejected terms, lower-cased, with their replacements ("" to cut the word).
    reject: Mapping[str, str] = field(default_factory=dict)
    reject_pattern: re.Pattern[str] | None = None
    #: The merge fields the team's tool knows (``merge-fields``), and the same by normalised name.
    merge_fields: tuple[str, ...] = ()
    known_merge_fields: Mapping[str, str] = field(default_factory=dict)
    #: "de", "eu", "us", "none" (the opt-out checks are off) or None (implied by the recipient's address).
    jurisdiction: str | None = None
    footer_injected: bool = False
    spelling_service: SpellingService | None = None
    spelling_enabled: bool = False
    grammar_enabled: bool = False

    def reading_ease_threshold(self, language: str) -> float:
        """The reading-ease score an email in ``language`` should reach."""
        return self.min_reading_ease if self.min_reading_ease is not None else DEFAULT_READING_EASE[language]

    @classmethod
    def from_config(
        cls, config: Config, enabled: Collection[str], spelling_service: SpellingService | None = None
    ) -> CheckOptions:
        """The options of a Linter: its configuration, its enabled rule codes and its spelling service."""
        numbers, default = config.options, cls()
        return cls(
            min_reading_ease=float(numbers["min_reading_ease"]) if "min_reading_ease" in numbers else None,
            self_focus_ratio=float(numbers.get("self_focus_ratio", default.self_focus_ratio)),
            reject={word.lower(): replacement for word, replacement in config.reject.items()},
            reject_pattern=compile_reject(config.reject),
            merge_fields=tuple(config.merge_fields),
            known_merge_fields={normalise(name): name for name in config.merge_fields},
            jurisdiction=config.jurisdiction,
            footer_injected=config.footer_injected,
            spelling_service=spelling_service,
            spelling_enabled="SP001" in enabled,
            grammar_enabled="GR001" in enabled,
        )


def compile_reject(reject: Mapping[str, str]) -> re.Pattern[str] | None:
    """One pattern for the team's rejected terms (longest first, whole words, any case)."""
    if not reject:
        return None
    alternatives = sorted((re.escape(word) for word in reject), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
