"""The spelling service of one Linter: embedded Hunspell by default, LanguageTool when configured."""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .hunspell_backend import DEFAULT_DICTIONARIES, Speller, SuggestionBudget, business_words, misspellings
from .languagetool import LanguageToolBackend
from .ranking import choose_fix, rank, typical_typo
from .words import Candidate, candidates, gender_base, in_skipped, is_acronym_or_code, is_joined, parts

OTHER = {"de": "en", "en": "de"}
#: Words of one text that get a closer look (unknown words, names, rejected words); the rest of a text with
#: more is not prose (a pasted log or data dump: real prose has a few per thousand words), and looking each
#: one up would make linting it slow.
MAX_SUSPECTS = 1_000
#: Misspelled words per second of ``spelling-suggestion-budget`` that get suggestions (one German look-up takes
#: about a tenth of a second): a budget counted in words, so that two runs give the same suggestions.
WORDS_PER_SECOND = 10
#: Suggestions shown for a misspelled word.
SHOWN = 3
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
#: Endings of German adjectives: "baldmöglichst" → "baldmöglichste Rückmeldung".
_ADJECTIVE_ENDINGS = ("e", "en", "em", "er", "es")
#: The longest line taken for a signature's name or company line.
_SHORT_LINE = 60
_ADDRESS_DOMAIN = re.compile(r"@([\w-]+)\.")
_NAME_WORD = re.compile(r"[A-ZÄÖÜ][\w'-]+")


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A word the dictionaries do not know, with ranked suggestions (empty when none or out of budget) and
    the fix when one suggestion is clearly first (``same_word``: it only changes case or umlauts)."""

    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    searched: bool
    fix: str | None = None
    same_word: bool = False


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


def _undoubled_known(speller: Speller, word: str) -> bool:
    """Whether the word less one of a doubled letter is a dictionary word (a letter typed twice)."""
    return any(
        word[i] == word[i - 1] and speller.known(word[:i] + word[i + 1 :]) for i in range(1, len(word))
    )


def _agent_noun(speller: Speller, tail: str) -> bool:
    """A noun made of a verb and -er that the dictionary does not list: Karton|aufrichter (aufrichten)."""
    return len(tail) >= 8 and tail.endswith("er") and speller.known(tail[:-2].lower() + "en")


def recurring_words(subject_words: Iterable[str], body_words: Iterable[str]) -> frozenset[str]:
    """Words used three times in the email, or capitalised in both the subject line and the body, spelt alike:
    typos rarely repeat to the letter, product and event names do ("fernlog", "Internorga"). A lower-case word
    in the subject and once in the body is not enough: a template repeats its typo ("best quallity")."""
    body = Counter(body_words)
    subject = Counter(subject_words)
    total = body + subject
    recurring = {word for word, count in total.items() if count >= 3 and len(word) >= 3 and word.isalpha()}
    recurring.update(w for w in subject if w in body and len(w) >= 3 and w.isalpha() and w[:1].isupper())
    return frozenset(recurring)


class SpellingService:
    """Loads dictionaries on first use and judges words; shared by every thread of a Linter."""

    def __init__(self, settings: SpellingSettings) -> None:
        self.settings = settings
        self._spellers: dict[str, Speller] = {}
        self._lock = threading.Lock()
        self.accept = frozenset(w.lower() for w in settings.accept)
        self.jargon = frozenset(w.lower() for w in business_words())
        self.misspellings = misspellings() - self.accept
        self._fine_cache: dict[str, dict[str, bool]] = {}
        self._ranked: dict[tuple[str, str, bool], Misspelling] = {}
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

        Strict on purpose (capitalised, both parts at least four letters, the tail a known word, a noun unless
        the head is one), because a loose splitter accepts typos: "Annerkennung" must not pass as "Anne" +
        "rkennung", nor "Vieleicht" as "Viel" + "eicht"."""
        if language != "de" or len(word) < 7:
            return False
        if not word[:1].isupper():
            return self._adjective_compound(word)
        main, other = self.speller(language), self.speller(OTHER[language])
        if _undoubled_known(main, word):
            return False  # "Einsparrungen" is "Einsparungen" with a letter typed twice, not "Einspar" + "Rungen"
        for cut in range(4, len(word) - 2):  # Monteur|team, Mandanten|akte; a three-letter tail after a noun
            head, tail = word[:cut], word[cut:]
            agent = _agent_noun(main, tail)
            if not tail[:1].islower() or not (agent or main.known(tail[:1].upper() + tail[1:])):
                continue
            if len(tail) == 3 and not (main.noun(tail) and main.known(head) and not main.known(head.lower())):
                continue  # Präsenz|tag, Floß|bau: a noun on both sides
            # After a noun any word ("Entstehungs|seitig"); after a verb stem or loanword a noun only, as
            # Hunspell accepts every word capitalised: "Vieleicht" is no "Viel" + "eicht".
            tail_noun = agent or main.noun(tail)
            heads = [head]
            for link in _LINKS:
                if head.endswith(link) and len(head) - len(link) >= 4:
                    heads.append(head[: -len(link)])
            for candidate in heads:
                lower = candidate.lower()
                if main.known(candidate) and not main.known(lower):
                    return True  # a noun
                verb_stem = main.known(lower + "en") or main.known(lower + "n")
                loanword = other.known(lower) and len(candidate) >= 5
                if tail_noun and (verb_stem or loanword or lower in self.jargon):
                    return True
        return False

    def _adjective_compound(self, word: str) -> bool:
        """A lower-case German compound of a noun and a known adjective or participle: größen|bedingten,
        temperatur|dokumentierter. Strict: the head at least six letters (vorau|sichtlich is a typo, not the
        town of Vorau), the noun in it at least five, the tail at least six."""
        main = self.speller("de")
        for cut in range(6, len(word) - 5):
            head, tail = word[:cut], word[cut:]
            if not main.known(tail) or main.noun(tail):
                continue
            heads = [head] + [head[: -len(link)] for link in _LINKS if head.endswith(link) and cut - len(link) >= 5]
            if any(main.known(h[:1].upper() + h[1:]) and not main.known(h) for h in heads):
                return True
        return False

    def _inflected(self, word: str, language: str) -> bool:
        """German inflections the dictionary lacks: the dative plural of a noun in -er/-el ("Sneakern",
        loanwords too) and the adjective forms of a superlative adverb ("Ihre baldmöglichste Rückmeldung")."""
        if language != "de" or len(word) < 7:
            return False
        if word[:1].isupper() and word.endswith(("ern", "eln")):
            return self._known(word[:-1], language)
        if word[:1].isupper() and word.endswith("in") and word[-3:-2] in "er":
            # Recruiter|in, Visualisierer|in: the female form of a known (or English) noun
            base = word[:-2]
            return self._known(base, language) or self.speller(OTHER[language]).known(base.lower())
        if word.islower():
            for ending in _ADJECTIVE_ENDINGS:
                stem = word.removesuffix(ending)
                if stem != word and len(stem) >= 8 and stem.endswith("st") and self.speller(language).known(stem):
                    return True
        return False

    def _compound_of_known_words(self, word: str, language: str) -> bool:
        """A German word made of two known words (a noun last): a correction would be a different word."""
        if language != "de" or len(word) < 6:
            return False
        main = self.speller(language)
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            if not main.noun(tail):
                continue
            heads = [head] + [head[: -len(link)] for link in _LINKS if head.endswith(link) and cut - len(link) >= 3]
            if any(main.known(h) or main.known(h.lower()) for h in heads):
                return True
        return False

    def _keeps_its_word(self, item: Candidate, language: str) -> bool:
        """Compounds and brand-like words: hyphenated ("Ocado-style"), capitalised in mid-sentence in English,
        German compounds of known words. Their fix may change case or umlauts, never make another word."""
        if "-" in item.word or (language == "en" and item.capitalised_mid_sentence):
            return True
        return self._compound_of_known_words(item.word, language)

    def _fine(self, word: str, language: str) -> bool:
        """Whether a word is right wherever it stands (cached): known, accepted, an acronym, a compound."""
        cache = self._fine_cache.setdefault(language, {})
        verdict = cache.get(word)
        if verdict is None:
            if is_joined(word):
                verdict = False  # joined words are split and checked part by part
            else:
                plain = Candidate(0, len(word), word, False, False)
                verdict = self._acceptable(plain, language, frozenset(), Counter(), Counter(), frozenset())
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
        self,
        candidate: Candidate,
        language: str,
        names: frozenset[str],
        repeated: Counter,
        name_like: Counter,
        proper: frozenset[str],
    ) -> bool:
        word = candidate.word
        if word.endswith("'s") and language == "en":
            word = word[:-2]
            candidate = replace(candidate, end=candidate.end - 2, word=word)
        lower = word.lower()
        if lower in self.accept or word in names or word.isupper():
            return True
        if lower in self.misspellings:
            return False
        base = gender_base(word)
        if base is not None:
            return self._known(base, language)
        if is_acronym_or_code(word) and not word.isupper():
            return True
        if self._known(word, language):
            return True
        if "-" in word and self.misspellings.isdisjoint(word.lower().split("-")) and all(
            not piece
            or piece.isupper()
            or is_acronym_or_code(piece)
            or piece.lower() in _PREFIXES
            or piece in names
            or piece in proper
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
        if self._compound(word, language) or self._brand(word, language) or self._inflected(word, language):
            return True
        if "'" in word and self._known(word.split("'")[0], language):
            return True
        if word[:1].isupper():
            return self._proper_noun(candidate, word, language, repeated, name_like, proper)
        return False

    def _proper_noun(
        self,
        candidate: Candidate,
        word: str,
        language: str,
        repeated: Counter,
        name_like: Counter,
        proper: frozenset[str],
    ) -> bool:
        """A capitalised word taken for a name: after a salutation or title, in mid-sentence in English, or
        repeated (typos rarely repeat to the letter). At the start of a sentence its capital says nothing, so
        there a repeated word counts only when it also stands where names do, in mid-sentence or on a short
        line of its own like a signature's company ("Allso, …" twice is still a typo)."""
        if candidate.after_name_word or word in proper:
            return True
        if repeated[word] > 1 and (not candidate.sentence_start or name_like[word] > 0):
            return True
        if language == "de" and candidate.before_capitalised:
            # "Hartung Spedition", "Lindner GmbH", "Medica Technik": a company name; at a sentence start only
            # before a noun or name ("Vieleicht Ihre …" is a typo before a capitalised pronoun).
            return not candidate.sentence_start or not self.speller(language).known(candidate.next_word.lower())
        return language == "en" and candidate.capitalised_mid_sentence

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
        name_like = Counter(
            c.word.removesuffix("'s") for c in found if c.capitalised_mid_sentence or _on_a_line_of_its_own(text, c)
        )
        # English capitalises names only: a capitalised word met mid-sentence is a name everywhere in the email.
        proper = self.proper_names(text, language)
        budget = SuggestionBudget(int(self.settings.suggestion_budget * WORDS_PER_SECOND))
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
                        start=candidate.offset(offset),
                        end=candidate.offset(offset + len(piece) - 1) + 1,
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
                        verdict = verdicts[key] = self._acceptable(item, language, names, repeated, name_like, proper)
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
                if known.fix and language == "de" and _verb_slot(text, item.start, item.word, known.fix):
                    known = replace(known, fix=None, same_word=False)
                misspelled.append(replace(known, start=item.start, end=item.end))
        return _foreign_phrases_unfixed(text, misspelled), rejected

    def _misspelling(self, item: Candidate, language: str, budget: SuggestionBudget) -> Misspelling:
        """A misspelled word with its ranked suggestions and fix; past the budget without any (whether or not
        they are cached, so that the result never depends on what was linted before)."""
        if not budget.take():
            return Misspelling(item.start, item.end, item.word, (), searched=False)
        keeps_its_word = self._keeps_its_word(item, language)
        key = (language, item.word, keeps_its_word)
        cached = self._ranked.get(key)
        if cached is None:
            speller = self.speller(language)
            ranked = rank(item.word, speller.suggest(item.word), listed=speller.listed)
            fix = choose_fix(item.word, ranked, other_words_allowed=not keeps_its_word, listed=speller.listed)
            if fix and not fix.same_word and item.word[:1].isupper() and not typical_typo(item.word, fix.replacement):
                # A capitalised word (a German noun, a brand, a foreign word): only a swapped or doubled letter
                # is a sure typo ("Rechtschreibnug"); "Fingerfood" → "Fingerfond", "Fjellgarn" → "Fellgarn" are not.
                fix = None
            cached = Misspelling(
                item.start,
                item.end,
                item.word,
                _fix_first(ranked, fix.replacement if fix else None)[:SHOWN],
                searched=True,
                fix=fix.replacement if fix else None,
                same_word=bool(fix and fix.same_word),
            )
            if len(self._ranked) < 100_000:
                self._ranked[key] = cached
        return cached


#: German words after which a lower-case word is a verb, not a noun that lost its capital ("wann du posten
#: solltest" is not "Posten").
_BEFORE_VERB = frozenset({"ich", "du", "wir", "ihr", "sie", "er", "es", "man", "zu", "nicht", "dich", "euch", "uns"})


def _verb_slot(text: str, start: int, word: str, fix: str) -> bool:
    """Whether a capitalising fix would turn a German verb into a noun: the word follows a pronoun or "zu"."""
    if not (word[:1].islower() and fix[:1].isupper()):
        return False
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower() in _BEFORE_VERB


def _foreign_phrases_unfixed(text: str, misspelled: list[Misspelling]) -> list[Misspelling]:
    """Two unknown words in a row are a phrase in another language more often than two typos ("Un abrazo",
    "Buen Camino"): they are still flagged, but no fix is applied to either."""
    adjacent: set[int] = set()
    for index, (first, second) in enumerate(itertools.pairwise(misspelled)):
        if first.end < second.start and not text[first.end : second.start].strip(" \t"):
            adjacent.update((index, index + 1))
    if not adjacent:
        return misspelled
    return [replace(m, fix=None, same_word=False) if i in adjacent else m for i, m in enumerate(misspelled)]


def _on_a_line_of_its_own(text: str, candidate: Candidate) -> bool:
    """Whether a word stands on a short line without sentence punctuation: a signature's name or company."""
    if not candidate.sentence_start:
        return False
    line_start = text.rfind("\n", max(0, candidate.start - _SHORT_LINE), candidate.start) + 1
    line_end = text.find("\n", candidate.end, candidate.end + _SHORT_LINE + 1)
    if line_end < 0:
        line_end = len(text) if len(text) - candidate.end <= _SHORT_LINE else -1
    if line_end < 0 or (line_start == 0 and candidate.start > _SHORT_LINE) or line_end - line_start > _SHORT_LINE:
        return False
    line = text[line_start:line_end].strip()
    return len(line.split()) <= 4 and not line.endswith((".", "!", "?", ",", ":", ";"))


def _fix_first(suggestions: tuple[str, ...], fix: str | None) -> tuple[str, ...]:
    """The suggestions with the fix (when there is one) first."""
    if fix is None:
        return suggestions
    return (fix, *(s for s in suggestions if s != fix))


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
        candidate.next_word if candidate.before_capitalised and not candidate.capitalised_mid_sentence else "",
    )
