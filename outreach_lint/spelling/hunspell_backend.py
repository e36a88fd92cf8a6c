"""Hunspell dictionaries through chunspell: lookups cached, suggestions cached and bounded by a time budget."""

from __future__ import annotations

import functools
import os
import threading
import time
from pathlib import Path

import hunspell

from ..config import read_word_list

#: Shipped dictionaries live next to this package; chunspell brings en_US.
PACKAGE_DICTIONARIES = Path(__file__).resolve().parent.parent / "dictionaries"
CHUNSPELL_DICTIONARIES = Path(hunspell.__file__).resolve().parent / "dictionaries"
SYSTEM_DICTIONARIES = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts"))
DEFAULT_DICTIONARIES = {"de": "de_DE_frami", "en": "en_US"}
#: Names a user may write for the German frami dictionaries.
ALIASES = {"de_DE": "de_DE_frami", "de_AT": "de_AT_frami", "de_CH": "de_CH_frami"}


class DictionaryError(ValueError):
    """A configured dictionary that cannot be found or loaded."""


def find_dictionary(name: str, extra_dirs: tuple[Path, ...] = ()) -> tuple[str, Path]:
    """(name, directory) of a Hunspell dictionary: configured dirs, shipped, chunspell's, then the system's."""
    directories = [*extra_dirs, PACKAGE_DICTIONARIES, CHUNSPELL_DICTIONARIES, *SYSTEM_DICTIONARIES]
    for candidate in dict.fromkeys((name, ALIASES.get(name, name))):
        for directory in directories:
            if (directory / f"{candidate}.dic").is_file() and (directory / f"{candidate}.aff").is_file():
                return candidate, directory
    searched = ", ".join(str(d) for d in directories)
    raise DictionaryError(f"Hunspell dictionary {name!r} not found (looked in {searched})")


@functools.cache
def business_words() -> tuple[str, ...]:
    """Shipped jargon the general dictionaries lack (onboarding, Roadmap, SaaS, …); read once per process."""
    return tuple(read_word_list(PACKAGE_DICTIONARIES / "business_words.txt"))


class Speller:
    """One Hunspell dictionary. chunspell holds the GIL, so calls are serialised with a lock."""

    def __init__(self, name: str, extra_dirs: tuple[Path, ...] = ()) -> None:
        found, directory = find_dictionary(name, extra_dirs)
        self.name = found
        try:
            self._hunspell = hunspell.Hunspell(found, hunspell_data_dir=os.fspath(directory))
        except Exception as exc:  # chunspell raises plain exceptions for unreadable files
            raise DictionaryError(f"cannot load Hunspell dictionary {found!r}: {exc}") from None
        self._lock = threading.Lock()
        for word in business_words():
            self._hunspell.add(word)
            if word[:1].islower():
                self._hunspell.add(word[:1].upper() + word[1:])
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def known(self, word: str) -> bool:
        cached = self._known.get(word)
        if cached is None:
            with self._lock:
                try:
                    cached = bool(self._hunspell.spell(word))
                except UnicodeEncodeError:  # a letter the dictionary's charset (e.g. ISO8859-1) cannot hold
                    cached = False
            if len(self._known) < 500_000:
                self._known[word] = cached
        return cached

    def cached_suggestions(self, word: str) -> tuple[str, ...] | None:
        return self._suggestions.get(word)

    def suggest(self, word: str) -> tuple[str, ...]:
        """Ranked suggestions (cached). One German lookup can take a quarter second: callers budget them."""
        cached = self._suggestions.get(word)
        if cached is None:
            with self._lock:
                try:
                    cached = tuple(self._hunspell.suggest(word))
                except UnicodeEncodeError:
                    cached = ()
            self._suggestions[word] = cached
        return cached


class SuggestionBudget:
    """Wall-clock budget for suggestion lookups in one email: past it, findings carry no ranked list."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + seconds

    @property
    def spent(self) -> bool:
        return time.perf_counter() >= self.deadline
