"""The spelling service of one Linter: embedded Hunspell by default, LanguageTool when configured."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .hunspell_backend import DEFAULT_DICTIONARIES, Speller, SuggestionBudget
from .languagetool import LanguageToolBackend
from .words import Candidate, candidates, gender_base, is_acronym_or_code, parts, skipped_ranges

OTHER = {"de": "en", "en": "de"}
_PREFIXES = frozenset(
    [
        "pre",
        "post",
        "re",
        "co",
        "non",
        "multi",
        "semi",
        "sub",
        "self",
        "anti",
        "pro",
        "ex",
        "mid",
        "inter",
        "intra",
        "cross",
        "e",
    ]
)
_ADDRESS_DOMAIN = re.compile(r"@([\w-]+)\.")
_NAME_WORD = re.compile(r"[A-ZÄÖÜ][\w'-]+")


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A word the dictionaries do not know, with ranked suggestions (empty when none or out of budget)."""

    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    searched: bool


@dataclass(frozen=True, slots=True)
class Rejected:
    """A word the team's reject list flags even though the dictionary knows it."""

    start: int
    end: int
    word: str
    replacement: str


@dataclass
class SpellingSettings:
    """What the config says about spelling."""

    backend: str = "hunspell"  # hunspell | languagetool | off
    dictionaries: dict[str, str] = field(default_factory=dict)
    dictionary_dirs: tuple[Path, ...] = ()
    accept: frozenset[str] = frozenset()
    reject: dict[str, str] = field(default_factory=dict)
    suggestion_budget: float = 1.0
    languagetool_url: str | None = None
    languagetool_username: str | None = None
    languagetool_api_key: str | None = None
    languagetool_timeout: float = 5.0


def names_in(*texts: str) -> frozenset[str]:
    """Capitalised words of signatures, headers and prospect data: names the speller must accept."""
    found: set[str] = set()
    for text in texts:
        for word in _NAME_WORD.findall(text or ""):
            found.add(word)
            found.update(word.split("-"))
        # The company in an address's domain: jana@kvistgaard-logistik.de names Kvistgaard.
        for domain in _ADDRESS_DOMAIN.findall(text or ""):
            for label in domain.split("-"):
                found.update({label, label[:1].upper() + label[1:]})
    return frozenset(found)


class SpellingService:
    """Loads dictionaries on first use and judges words; shared by every thread of a Linter."""

    def __init__(self, settings: SpellingSettings) -> None:
        self.settings = settings
        self._spellers: dict[str, Speller] = {}
        self._lock = threading.Lock()
        self.accept = frozenset(w.lower() for w in settings.accept)
        self.reject = {k.lower(): v for k, v in settings.reject.items()}
        self.languagetool: LanguageToolBackend | None = None
        if settings.backend == "languagetool":
            variants = {
                lang: name.replace("_frami", "").replace("_", "-")
                for lang, name in settings.dictionaries.items()
                if name.replace("_frami", "") in ("de_AT", "de_CH", "en_GB")
            }
            self.languagetool = LanguageToolBackend(
                settings.languagetool_url,
                settings.languagetool_username,
                settings.languagetool_api_key,
                settings.languagetool_timeout,
                variants,
            )

    @property
    def notices(self) -> list[str]:
        if self.languagetool is not None and self.languagetool.failure:
            return [self.languagetool.failure]
        return []

    def leave_alone(self, text: str, start: int, end: int, language: str, names: frozenset[str]) -> bool:
        """Whether a word another backend flags is one we know is fine: a name, placeholder, address,
        acronym, accepted word, gender form or a word of the other language."""
        if any(s < end and start < e for s, e in skipped_ranges(text)):
            return True
        word = text[start:end]
        if not word or word.lower() in self.accept or word in names or word.isupper() or is_acronym_or_code(word):
            return True
        base = gender_base(word)
        if base is not None and self._known(base, language):
            return True
        return self.speller(OTHER[language]).known(word)

    def speller(self, language: str) -> Speller:
        with self._lock:
            if language not in self._spellers:
                name = self.settings.dictionaries.get(language, DEFAULT_DICTIONARIES[language])
                self._spellers[language] = Speller(name, self.settings.dictionary_dirs)
            return self._spellers[language]

    def dictionary_names(self, language: str) -> str:
        return f"{self.speller(language).name} or {self.speller(OTHER[language]).name}"

    # -- judging words ----------------------------------------------------------------------------------
    def _known(self, word: str, language: str) -> bool:
        main, other = self.speller(language), self.speller(OTHER[language])
        return main.known(word) or other.known(word)

    def _compound(self, word: str, language: str, depth: int = 0) -> bool:
        """German-style compound of known words, with linking letters: Rampen|planung, Arbeit|s|zeit."""
        if depth > 1 or len(word) < 7:
            return False
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            tail_forms = (tail[:1].upper() + tail[1:], tail) if language == "de" else (tail,)
            if not any(self._known(t, language) for t in tail_forms) and not self._compound(
                tail_forms[0], language, depth + 1
            ):
                continue
            heads = {head, head.lower(), head[:1].upper() + head[1:].lower()}
            for link in ("s", "es", "n", "en", "e", "er"):
                if head.endswith(link) and len(head) - len(link) >= 3:
                    heads.add(head[: -len(link)])
            heads.add(head + "e")
            if any(self._known(h, language) for h in heads):
                return True
        return False

    def _acceptable(
        self, candidate: Candidate, language: str, names: frozenset[str], repeated: Counter, proper: set[str]
    ) -> bool:
        word = candidate.word
        if word.endswith("'s") and language == "en":
            word = word[:-2]
            candidate = Candidate(
                candidate.start,
                candidate.end - 2,
                word,
                candidate.capitalised_mid_sentence,
                candidate.after_name_word,
                candidate.before_capitalised,
                candidate.abbreviation,
            )
        lower = word.lower()
        if lower in self.accept or word in names or word.isupper():
            return True
        base = gender_base(word)
        if base is not None:
            return self._known(base, language)
        if is_acronym_or_code(word) and not word.isupper():
            return True
        if self._known(word, language):
            return True
        if "-" in word and all(
            not piece
            or piece.isupper()
            or is_acronym_or_code(piece)
            or piece.lower() in _PREFIXES
            or self._known(piece, language)
            or self._compound(piece, language)
            for piece in word.split("-")
        ):
            return True
        if candidate.abbreviation:
            return True
        if (language == "de" or word[:1].isupper()) and self._compound(word, language):
            return True
        if "'" in word and self._known(word.split("'")[0], language):
            return True
        if word[:1].isupper():
            # Proper nouns: a capitalised word in mid-sentence in English, after a salutation or title,
            # or repeated (typos rarely repeat to the letter) in either language.
            if candidate.after_name_word or repeated[word] > 1 or word in proper:
                return True
            if language == "de" and candidate.before_capitalised:
                return True  # "Hartung Spedition", "Lindner GmbH", "Medica Technik": a company name
            if language == "en" and candidate.capitalised_mid_sentence:
                return True
        return False

    @staticmethod
    def proper_names(text: str, language: str) -> frozenset[str]:
        """English words capitalised in mid-sentence: names, wherever else in the email they stand."""
        if language != "en":
            return frozenset()
        return frozenset(c.word.removesuffix("'s") for c in candidates(text) if c.capitalised_mid_sentence)

    def check(self, text: str, language: str, names: frozenset[str]) -> tuple[list[Misspelling], list[Rejected]]:
        """Misspelled and rejected words of ``text``."""
        found = candidates(text)
        repeated = Counter(c.word.removesuffix("'s") for c in found)
        # English capitalises names only: a capitalised word met mid-sentence is a name everywhere in the email.
        proper = {c.word.removesuffix("'s") for c in found if c.capitalised_mid_sentence} if language == "en" else set()
        budget = SuggestionBudget(self.settings.suggestion_budget)
        misspelled: list[Misspelling] = []
        rejected: list[Rejected] = []
        for candidate in found:
            replacement = self.reject.get(candidate.word.lower())
            if replacement is not None:
                rejected.append(Rejected(candidate.start, candidate.end, candidate.word, replacement))
                continue
            pieces = [(0, candidate.word)]
            if any(sep in candidate.word for sep in "*:_/") and gender_base(candidate.word) is None:
                pieces = parts(candidate.word)
            for offset, piece in pieces:
                if len(piece) < 2:
                    continue
                item = Candidate(
                    candidate.start + offset,
                    candidate.start + offset + len(piece),
                    piece,
                    candidate.capitalised_mid_sentence or offset > 0,
                    candidate.after_name_word and offset == 0,
                    candidate.before_capitalised and len(pieces) == 1,
                    candidate.abbreviation and len(pieces) == 1,
                )
                if self._acceptable(item, language, names, repeated, proper):
                    continue
                misspelled.append(self._misspelling(item, language, budget))
        return misspelled, rejected

    def _misspelling(self, item: Candidate, language: str, budget: SuggestionBudget) -> Misspelling:
        speller = self.speller(language)
        suggestions = speller.cached_suggestions(item.word)
        searched = suggestions is not None
        if suggestions is None and not budget.spent:
            suggestions = speller.suggest(item.word)
            searched = True
        ranked = rank(item.word, suggestions or ())
        return Misspelling(item.start, item.end, item.word, ranked[:3], searched)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps)."""
    a, b = a.lower(), b.lower()
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def rank(word: str, suggestions: tuple[str, ...]) -> tuple[str, ...]:
    """Closest first: one word before several, same capitalisation, fewest edits; on a tie a suggestion
    that adds a letter (omissions are the commonest typo), then Hunspell's own order."""

    def key(indexed: tuple[int, str]) -> tuple[int, int, int, int, int]:
        index, suggestion = indexed
        same_case = suggestion[:1].isupper() == word[:1].isupper()
        joined = " " in suggestion or ("-" in suggestion and "-" not in word)
        longer = 0 if len(suggestion) > len(word) else 1
        return (int(joined), int(not same_case), edit_distance(word, suggestion), longer, index)

    return tuple(s for _, s in sorted(enumerate(suggestions), key=key))
