"""The spelling service of one Linter: embedded Hunspell by default, LanguageTool when configured."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .hunspell_backend import DEFAULT_DICTIONARIES, Speller, SuggestionBudget, business_words
from .languagetool import LanguageToolBackend
from .words import Candidate, candidates, gender_base, in_skipped, is_acronym_or_code, is_joined, parts

OTHER = {"de": "en", "en": "de"}
#: Words of one text that get a closer look (unknown words, names, rejected words); the rest of a text with
#: more is not prose (a pasted log or data dump: real prose has a few per thousand words), and looking each
#: one up would make linting it slow.
MAX_SUSPECTS = 1_000
_GERMAN_LETTERS = re.compile("[äöüßÄÖÜ]")
#: The key of the en_GB speller that accepts British spellings when no English dictionary is configured.
BRITISH = "en-GB accepted"
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
#: Linking letters between the parts of a German compound: Ausrüstung|s|investition, Kunde|n|anfragen.
_LINKS = ("s", "es", "n", "en")
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
        self.jargon = frozenset(w.lower() for w in business_words())
        self._fine_cache: dict[str, dict[str, bool]] = {}
        self._ranked: dict[tuple[str, str], tuple[str, ...]] = {}
        self._last_suspects: tuple[tuple[str, str], list[Candidate]] | None = None
        self.reject = {k.lower(): v for k, v in settings.reject.items()}
        self.languagetool: LanguageToolBackend | None = None
        if settings.backend == "languagetool":
            variants = {}
            for lang, name in settings.dictionaries.items():
                variant = name.replace("_frami", "")
                if variant in ("de_AT", "de_CH", "en_GB"):
                    variants[lang] = variant.replace("_", "-")
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
        if in_skipped(text, start, end):
            return True
        word = text[start:end].replace("\u2019", "'")
        if not word or word in names or self._fine(word.removesuffix("'s"), language):
            return True
        base = gender_base(word)
        if base is not None and self._known(base, language):
            return True
        return self._british_knows(word, language) or self._other_knows(word, language)

    def _british_knows(self, word: str, language: str) -> bool:
        """With no English dictionary configured, British spellings ("organisation", "centre") are accepted
        next to the en_US default; `dictionaries = { en = "en_US" }` (or "en_GB") makes one variant strict."""
        if language != "en" or "en" in self.settings.dictionaries:
            return False
        with self._lock:
            if BRITISH not in self._spellers:
                self._spellers[BRITISH] = Speller("en_GB", self.settings.dictionary_dirs)
        return self._spellers[BRITISH].known(word)

    def _other_knows(self, word: str, language: str) -> bool:
        """The other language's dictionary: always for German emails (English loanwords such as "Roadmap"); for
        English emails only for words with German letters ("Geschäftsführer", "Düsseldorf"), so that the German
        dictionary (the slow one to load) is read only when an email has such a word. Other words German and
        English share ("online", "http") are in the shipped business words."""
        if language == "en" and _GERMAN_LETTERS.search(word) is None:
            return False
        return self.speller(OTHER[language]).known(word)

    def _dictionary(self, language: str) -> str:
        """The configured (or default) dictionary name for a language."""
        return self.settings.dictionaries.get(language, DEFAULT_DICTIONARIES[language])

    def speller(self, language: str) -> Speller:
        with self._lock:
            if language not in self._spellers:
                self._spellers[language] = Speller(self._dictionary(language), self.settings.dictionary_dirs)
            return self._spellers[language]

    def dictionary_names(self, language: str) -> str:
        return f"{self.speller(language).name} or {self._dictionary(OTHER[language])}"

    # -- judging words ----------------------------------------------------------------------------------
    def _known(self, word: str, language: str) -> bool:
        return (
            self.speller(language).known(word)
            or self._british_knows(word, language)
            or self._other_knows(word, language)
        )

    def _compound(self, word: str, language: str) -> bool:
        """A German noun compound of two known nouns, with a linking letter: Rampen|planung, Support|anfragen.

        Strict on purpose (capitalised, both parts at least four letters, the tail a known noun), because a
        loose splitter accepts typos: "Annerkennung" must not pass as "Anne" + "rkennung"."""
        if language != "de" or len(word) < 9:
            return False
        if not word[:1].isupper():
            return False  # lower-case compounds ("pandemiebedingt") would let too many typos through
        main, other = self.speller(language), self.speller(OTHER[language])
        for cut in range(4, len(word) - 4):
            head, tail = word[:cut], word[cut:]
            if not tail[:1].islower() or not main.known(tail[:1].upper() + tail[1:]):
                continue
            heads = [head]
            for link in _LINKS:
                if head.endswith(link) and len(head) - len(link) >= 4:
                    heads.append(head[: -len(link)])
            for candidate in heads:
                lower = candidate.lower()
                noun = main.known(candidate) and not main.known(lower)
                verb_stem = main.known(lower + "en") or main.known(lower + "n")
                loanword = other.known(lower) and len(candidate) >= 5
                if noun or verb_stem or loanword or lower in self.jargon:
                    return True
        return False

    def _fine(self, word: str, language: str) -> bool:
        """Whether a word is right wherever it stands (cached): known, accepted, an acronym, a compound."""
        cache = self._fine_cache.setdefault(language, {})
        verdict = cache.get(word)
        if verdict is None:
            if is_joined(word):
                verdict = False  # joined words are split and checked part by part
            else:
                plain = Candidate(0, len(word), word, False, False)
                verdict = self._acceptable(plain, language, frozenset(), Counter(), frozenset())
            if len(cache) < 200_000:
                cache[word] = verdict
        return verdict

    def _brand(self, word: str, language: str) -> bool:
        """An English brand made of two words: Northwind, Oakridge, Tallyhub, Crestline (capitalised only)."""
        if language != "en" or not word[:1].isupper() or not word[1:].islower() or len(word) < 7:
            return False
        main = self.speller(language)
        lower = word.lower()
        return any(main.known(lower[:cut]) and main.known(lower[cut:]) for cut in range(3, len(lower) - 2))

    def _acceptable(
        self, candidate: Candidate, language: str, names: frozenset[str], repeated: Counter, proper: frozenset[str]
    ) -> bool:
        word = candidate.word
        if word.endswith("'s") and language == "en":
            word = word[:-2]
            candidate = replace(candidate, end=candidate.end - 2, word=word)
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
            or self._compound(piece[:1].upper() + piece[1:], language)
            for piece in word.split("-")
        ):
            return True
        if candidate.abbreviation:
            return True
        if candidate.truncated and language == "de":
            # "Ausrüstungs- und Bauinvestitionen": the first part of a compound, with its linking letter.
            stems = [word] + [word[: -len(link)] for link in _LINKS if word.endswith(link)]
            if any(self._known(stem, language) for stem in stems if len(stem) >= 3):
                return True
        if self._compound(word, language) or self._brand(word, language):
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

    def proper_names(self, text: str, language: str) -> frozenset[str]:
        """English words capitalised in mid-sentence: names, wherever else in the email they stand."""
        if language != "en":
            return frozenset()
        return frozenset(
            c.word.removesuffix("'s") for c in self._suspects(text, language) if c.capitalised_mid_sentence
        )

    def _suspects(self, text: str, language: str) -> list[Candidate]:
        """Words that need a closer look (unknown, or on the reject list); cached per text for a moment."""
        key = (text, language)
        last = self._last_suspects
        if last is not None and last[0] == key:
            return last[1]
        cache = self._fine_cache.setdefault(language, {})
        if self.reject:
            found = candidates(
                text, lambda word: word.lower() not in self.reject and self._fine(word, language), limit=MAX_SUSPECTS
            )
        else:
            found = candidates(text, lambda word: self._fine(word, language), cache, limit=MAX_SUSPECTS)
        self._last_suspects = (key, found)
        return found

    def check(self, text: str, language: str, names: frozenset[str]) -> tuple[list[Misspelling], list[Rejected]]:
        """Misspelled and rejected words of ``text``."""
        found = self._suspects(text, language)
        repeated = Counter(c.word.removesuffix("'s") for c in found)
        # English capitalises names only: a capitalised word met mid-sentence is a name everywhere in the email.
        proper = self.proper_names(text, language)
        budget = SuggestionBudget(self.settings.suggestion_budget)
        misspelled: list[Misspelling] = []
        rejected: list[Rejected] = []
        name_end = -10
        # A word that recurs with the same surroundings gets the same verdict and suggestions: judged once.
        verdicts: dict[tuple, bool] = {}
        spelled: dict[str, Misspelling] = {}
        for candidate in found:
            replacement = self.reject.get(candidate.word.lower())
            if replacement is not None:
                rejected.append(Rejected(candidate.start, candidate.end, candidate.word, replacement))
                continue
            pieces = parts(candidate.word) if is_joined(candidate.word) else [(0, candidate.word)]
            for offset, piece in pieces:
                if len(piece) < 2:
                    continue
                whole = len(pieces) == 1
                item = (
                    candidate
                    if whole
                    else replace(
                        candidate,
                        start=candidate.start + offset,
                        end=candidate.start + offset + len(piece),
                        word=piece,
                        capitalised_mid_sentence=candidate.capitalised_mid_sentence or offset > 0,
                        after_name_word=candidate.after_name_word and offset == 0,
                        before_capitalised=False,
                        abbreviation=False,
                        truncated=False,
                    )
                )
                if whole and _context_free(item, language, names):
                    verdict = self._fine(item.word, language)  # cached per word across emails
                else:
                    key = (item.word, *_flags(item))
                    verdict = verdicts.get(key)
                    if verdict is None:
                        verdict = verdicts[key] = self._acceptable(item, language, names, repeated, proper)
                if verdict:
                    if item.word[:1].isupper():
                        name_end = item.end
                    continue
                if item.word[:1].isupper() and 0 < item.start - name_end <= 1:
                    name_end = item.end  # "Michał Wróbel": a surname right after an accepted first name
                    continue
                known = spelled.get(item.word)
                if known is None:
                    known = spelled[item.word] = self._misspelling(item, language, budget)
                misspelled.append(Misspelling(item.start, item.end, known.word, known.suggestions, known.searched))
        return misspelled, rejected

    def _misspelling(self, item: Candidate, language: str, budget: SuggestionBudget) -> Misspelling:
        speller = self.speller(language)
        suggestions = speller.cached_suggestions(item.word)
        searched = suggestions is not None
        if suggestions is None and not budget.spent:
            suggestions = speller.suggest(item.word)
            searched = True
        ranked = self._ranked.get((language, item.word)) if searched else None
        if ranked is None:
            ranked = rank(item.word, suggestions or ())[:3]
            if searched:
                self._ranked[(language, item.word)] = ranked
        return Misspelling(item.start, item.end, item.word, ranked, searched)


def _context_free(candidate: Candidate, language: str, names: frozenset[str]) -> bool:
    """Whether a word's verdict does not depend on where it stands (then it is ``_fine``'s): it is not
    capitalised, not an abbreviation or the cut-off first part of a compound, and not one of the names."""
    word = candidate.word[:-2] if language == "en" and candidate.word.endswith("'s") else candidate.word
    return not word[:1].isupper() and not candidate.abbreviation and not candidate.truncated and word not in names


def _flags(candidate: Candidate) -> tuple[bool, ...]:
    """What a verdict on a word depends on besides the word itself."""
    return (
        candidate.capitalised_mid_sentence,
        candidate.after_name_word,
        candidate.before_capitalised,
        candidate.abbreviation,
        candidate.truncated,
    )


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
