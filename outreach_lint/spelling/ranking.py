"""Ranking spelling suggestions, and deciding when the first one is sure enough to be a fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Umlauts and ß with their spelled-out forms ("ae") and their plain letters ("a"): half an edit apart.
_SPELLED_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_PLAIN = {"ä": "a", "ö": "o", "ü": "u"}
_HALF = 0.5
#: Keyboard rows of QWERTZ and QWERTY: a slip to a neighbouring key is a likelier typo than any other letter.
_LAYOUTS = (("qwertzuiopü", "asdfghjklöä", "yxcvbnm"), ("qwertyuiop", "asdfghjkl", "zxcvbnm"))
#: Letters that sound alike (German final devoicing, English spellings): confused by ear, not by finger.
_SOUND_ALIKE = ("dt", "bp", "gk", "fv", "sz", "ck", "iy")
#: What a likely slip costs when ranking: a neighbouring key, a vowel for a vowel, a letter left out; a
#: doubled or undoubled letter, two letters swapped (the commonest typing slips), a sound-alike letter
#: ("Standart" for "Standard": spelled as heard).
_LIKELY_SLIP = _LEFT_OUT = 0.75
_DOUBLED = _SWAPPED = _MISHEARD = 0.5
_VOWELS = frozenset("aeiouäöüy")
#: Another case of the first letter ("Beispielweise" for "beispielweise").
_OTHER_CASE = 0.25
#: A compound Hunspell puts together on the fly ("Augenhalt" for "Aufenhalt") is rarely the intended word.
_NOT_LISTED = 0.5
#: A first letter other than the misspelled word's: people rarely get the first letter wrong.
_OTHER_FIRST_LETTER = 0.5
#: Endings of inflected forms ("baldmöglichste", "Sneakern"): cutting one off is no spelling fix.
_INFLECTION_ENDINGS = frozenset({"e", "en", "em", "er", "es", "n", "s"})
#: Farther than this from the word, a suggestion is a guess, never a fix.
MAX_FIX_DISTANCE = 2.0
#: Words longer than this are not compared letter by letter (the comparison is quadratic).
_LONGEST = 64


def _neighbours() -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for rows in _LAYOUTS:
        for row, line in enumerate(rows):
            for column, key in enumerate(line):
                near = [line[column - 1 : column], line[column + 1 : column + 2]]
                if row > 0:  # the row above is shifted half a key to the left
                    near += [rows[row - 1][column : column + 2]]
                pairs.update((key, other) for group in near for other in group)
    return frozenset(pairs | {(b, a) for a, b in pairs})


_NEAR = _neighbours()
_HEARD_ALIKE = frozenset((a, b) for pair in _SOUND_ALIKE for a, b in (pair, pair[::-1]))


def _substitution(a: str, b: str, ranking: bool) -> float:
    if a == b:
        return 0.0
    if _PLAIN.get(b) == a:
        return _HALF  # umlaut dots left out: "fur" for "für" (dots typed on purpose are rarely wrong)
    if ranking and (a, b) in _HEARD_ALIKE:
        return _MISHEARD
    if ranking and ((a, b) in _NEAR or (a in _VOWELS and b in _VOWELS)):
        return _LIKELY_SLIP
    return 1.0


def distance(word: str, other: str, ranking: bool = False) -> float:
    """Damerau-Levenshtein distance (optimal string alignment) that corrects ``word`` into ``other``,
    case-insensitive, in which ä/ae, ö/oe, ü/ue, ß/ss and adding umlaut dots (a → ä) count half. With
    ``ranking``, likely slips count less: a neighbouring key, a vowel for a vowel, a letter left out (3/4), a
    sound-alike letter, a doubled or undoubled letter and two swapped letters (1/2)."""
    a, b = word.lower(), other.lower()
    if max(len(a), len(b)) > _LONGEST:
        return float(abs(len(a) - len(b)) + min(len(a), len(b)))
    rows = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = float(i)
    for j in range(len(b) + 1):
        rows[0][j] = float(j)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = _cell(a, b, i, j, rows, ranking)
    return rows[len(a)][len(b)]


def _cell(a: str, b: str, i: int, j: int, rows: list[list[float]], ranking: bool) -> float:
    """One cell of the distance table: the cheapest edit that ends at a[:i] → b[:j]."""
    delete = _DOUBLED if ranking and i > 1 and a[i - 1] == a[i - 2] else 1.0
    insert = 1.0
    if ranking:
        insert = _DOUBLED if j > 1 and b[j - 1] == b[j - 2] else _LEFT_OUT
    best = min(
        rows[i - 1][j] + delete,
        rows[i][j - 1] + insert,
        rows[i - 1][j - 1] + _substitution(a[i - 1], b[j - 1], ranking),
    )
    if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
        best = min(best, rows[i - 2][j - 2] + (_SWAPPED if ranking else 1.0))
    if i > 1 and _SPELLED_OUT.get(b[j - 1]) == a[i - 2 : i]:  # "ae" written for "ä"
        best = min(best, rows[i - 2][j - 1] + _HALF)
    if j > 1 and _SPELLED_OUT.get(a[i - 1]) == b[j - 2 : j]:  # "ä" written for "ae"
        best = min(best, rows[i - 1][j - 2] + _HALF)
    return best


def _fold(word: str) -> str:
    """Lower case with umlauts spelled out: "Größe", "groesse" and "Groesse" fold alike."""
    folded = word.lower()
    for letter, spelled in _SPELLED_OUT.items():
        folded = folded.replace(letter, spelled)
    return folded


def _plain(word: str) -> str:
    """Lower case with the umlaut dots dropped: "für" and "fur" fold alike."""
    return "".join(_PLAIN.get(c, c) for c in word.lower())


def same_word(word: str, other: str) -> bool:
    """Whether a correction only changes case or umlauts: zusammenarbeit → Zusammenarbeit, fuer/fur → für,
    Strasse → Straße (never taking umlaut dots away: "zumächst" is not "zumachst")."""
    if _fold(word) == _fold(other):
        return True
    return _plain(word) == _plain(other) and _dots(other) > _dots(word)


def _dots(word: str) -> int:
    return sum(c in _PLAIN for c in word.lower())


def _split(word: str, suggestion: str) -> bool:
    """A suggestion of several words, or one that adds a hyphen: a guess about where words meet."""
    return " " in suggestion or ("-" in suggestion and "-" not in word)


def _first_letter(word: str) -> str:
    return _plain(word)[:1]


def rank(word: str, suggestions: tuple[str, ...], listed: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """The likely intended word first: one word before several, then the fewest edits counting likely slips
    as less (neighbouring keys, sound-alike letters, doubled letters, umlauts), a different first letter and
    a word not ``listed`` in the dictionary (a compound Hunspell made up) as half an edit more, another case
    as a quarter, then the same capitalisation, one that adds a letter, and Hunspell's own order."""

    def key(indexed: tuple[int, str]) -> tuple[bool, float, bool, bool, int]:
        index, suggestion = indexed
        cost = distance(word, suggestion, ranking=True)
        if _first_letter(suggestion) != _first_letter(word):
            cost += _OTHER_FIRST_LETTER
        if listed is not None and not listed(suggestion):
            cost += _NOT_LISTED
        same_case = suggestion[:1].isupper() == word[:1].isupper()
        if not same_case:
            cost += _OTHER_CASE
        shorter = len(suggestion) <= len(word)  # on a tie, a letter left out is the likelier typo
        return (_split(word, suggestion), cost, not same_case, shorter, index)

    usable = (s for s in dict.fromkeys(suggestions) if s.strip("-") == s)  # not "-standart", "Vieleich-"
    return tuple(s for _, s in sorted(enumerate(usable), key=key))


@dataclass(frozen=True, slots=True)
class Fix:
    """The replacement a finding may carry, and whether it only changes case or umlauts (a safe fix)."""

    replacement: str
    same_word: bool


def choose_fix(
    word: str,
    suggestions: tuple[str, ...],
    other_words_allowed: bool = True,
    listed: Callable[[str], bool] | None = None,
) -> Fix | None:
    """The fix for a misspelled word when one suggestion is clearly first, else None.

    Clearly first: the only suggestion that differs from the word in case or umlauts alone, or else the only
    one at the smallest edit distance (at most ``MAX_FIX_DISTANCE``); there a word ``listed`` in the dictionary
    outranks compounds Hunspell puts together on the fly ("Rechtschreibnug": "Rechtschreibung", not
    "Rechtschreibbug") and a made-up compound is no fix when a listed word is nearly as close; only listed
    words count as case or umlaut variants ("beindrucken" is not
    "Beindrucken", Bein + Drucken). ``other_words_allowed`` False (compounds, hyphenated and brand-like
    words) allows only the first kind. A suggestion that cuts an ending off the word ("baldmöglichste" →
    "baldmöglichst") would break the grammar around it: never a fix."""
    variants = [s for s in suggestions if same_word(word, s) and (listed is None or listed(s))]
    if variants:
        return Fix(variants[0], True) if len(variants) == 1 else None
    if not other_words_allowed or not suggestions:
        return None
    distances = [(distance(word, s), s) for s in suggestions]
    closest = min(d for d, _ in distances)
    best = [s for d, s in distances if d == closest]
    if len(best) > 1 and listed is not None:
        best = [s for s in best if listed(s)] or best
    if len(best) != 1 or closest > MAX_FIX_DISTANCE or closest > len(word) / 3:
        return None
    (replacement,) = best
    if len(word) <= 5 or replacement[:1].lower() != word[:1].lower():
        return None  # typos rarely hit the first letter; names often look like one ("Priya" → "Oriya")
    if listed is not None and not listed(replacement) and any(d <= closest + 1 and listed(s) for d, s in distances):
        return None  # a made-up compound ("Einfuß" for "Einfuss") next to a dictionary word ("Einfluss")
    return None if _drops_ending(word, replacement) else Fix(replacement, False)


def _drops_ending(word: str, replacement: str) -> bool:
    """Whether the replacement is the word less an inflection ending: "baldmöglichste" → "baldmöglichst"
    (not a doubled last letter: "Frachtkostenn" → "Frachtkosten" is a typo's fix)."""
    if not word.lower().startswith(replacement.lower()):
        return False
    ending = word[len(replacement) :].lower()
    doubled = len(ending) == 1 and replacement[-1:].lower() == ending
    return ending in _INFLECTION_ENDINGS and not doubled


def typical_typo(word: str, replacement: str) -> bool:
    """Whether the replacement undoes a typing slip: two neighbouring letters swapped ("Rechtschreibnug"), a
    letter left out ("Kundenbetreuug") or a letter typed twice ("Rechnunng"). Changing a letter or dropping one
    that is not doubled makes another word ("Fingerfood" → "Fingerfond", "Fjellgarn" → "Fellgarn")."""
    if len(word) == len(replacement):
        diffs = [i for i, (a, b) in enumerate(zip(word, replacement, strict=True)) if a != b]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == replacement[diffs[1]]
            and word[diffs[1]] == replacement[diffs[0]]
        )
    if len(replacement) == len(word) + 1:
        return any(replacement[:i] + replacement[i + 1 :] == word for i in range(len(replacement)))
    if len(word) == len(replacement) + 1:
        return any(word[i] == word[i - 1] and word[:i] + word[i + 1 :] == replacement for i in range(1, len(word)))
    return False
