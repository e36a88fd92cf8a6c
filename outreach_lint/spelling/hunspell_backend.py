"""Hunspell dictionaries through chunspell: lookups cached, suggestions cached and bounded per email."""

from __future__ import annotations

import functools
import os
import threading
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
def misspellings() -> frozenset[str]:
    """Common misspellings that a dictionary's compounding or a split at a hyphen would let pass ("Standart"
    as "Stand" + "Art"); lower case, read once per process."""
    return frozenset(w.lower() for w in read_word_list(PACKAGE_DICTIONARIES / "misspellings.txt"))


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
        self._nouns: dict[str, bool] = {}

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

    def _analyses(self, word: str) -> tuple[str, ...]:
        """Hunspell's morphological analyses (" st:Anfrage fl:N": the stem and its affix flag)."""
        with self._lock:
            try:
                return tuple(self._hunspell.analyze(word))
            except UnicodeEncodeError:
                return ()

    def listed(self, word: str) -> bool:
        """Whether a known word is an entry of the dictionary (with its stem), not a compound Hunspell puts
        together on the fly ("Rechtschreibung" is listed, "Rechtschreibbug" is Rechtschreib + Bug)."""
        return any(" st:" in analysis for analysis in self._analyses(word))

    def noun(self, word: str) -> bool:
        """Whether a word capitalised is a noun ("Planung", "Anfragen", "Lager"), not merely the capitalised
        form Hunspell allows of every word at a sentence start ("Eicht", of the verb "eichen")."""
        capitalised = word[:1].upper() + word[1:]
        cached = self._nouns.get(capitalised)
        if cached is None:
            cached = self.known(capitalised) and (
                not self.known(capitalised.lower())
                or any(
                    analysis.startswith(" st:") and analysis[4:5].isupper() for analysis in self._analyses(capitalised)
                )
            )
            if len(self._nouns) < 100_000:
                self._nouns[capitalised] = cached
        return cached

    def suggest(self, word: str) -> tuple[str, ...]:
        """Hunspell's suggestions (cached). One German lookup can take a quarter second: callers budget them."""
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
    """How many misspelled words of one text get suggestions: counted in words, not time, so that every run
    gives the same findings (a word whose suggestions are cached still counts)."""

    def __init__(self, words: int) -> None:
        self.left = words

    def take(self) -> bool:
        """Whether one more word may be looked up (and count it)."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True
