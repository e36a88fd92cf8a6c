"""Spelling: embedded Hunspell dictionaries, LanguageTool as the optional full backend."""

from __future__ import annotations

from pathlib import Path

from ..config import Config, personal_accept_file, read_word_list
from .service import SpellingService, SpellingSettings


def _personal_words() -> set[str]:
    try:
        return set(read_word_list(personal_accept_file()))
    except (OSError, UnicodeDecodeError):
        return set()


def build_spelling_service(config: Config) -> SpellingService:
    """The spelling service for a configuration: team accept list, personal list, reject list, backend."""
    settings = SpellingSettings(
        backend=config.spelling,
        dictionaries=dict(config.dictionaries),
        dictionary_dirs=tuple(Path(d) for d in config.dictionary_dirs),
        accept=frozenset(config.accept | _personal_words()),
        reject=dict(config.spelling_reject),
        suggestion_budget=config.spelling_suggestion_budget,
        languagetool_url=config.languagetool_url,
        languagetool_username=config.languagetool_username,
        languagetool_api_key=config.languagetool_api_key,
        languagetool_timeout=config.languagetool_timeout,
    )
    return SpellingService(settings)
