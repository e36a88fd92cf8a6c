"""Deleting a flagged phrase so that what remains reads right, or offering no deletion where it would not."""

from __future__ import annotations

import re

from ..models import FixSafety, Suggestion
from .tidy import (
    ARTICLE_BEFORE,
    ARTICLES,
    DEFINITE_BEFORE,
    HOLLOW_NOUNS,
    LIST_CONJUNCTIONS,
    LISTED_BEFORE,
    UNIQUE_CLAIMS,
    indefinite_article,
)

WORD = re.compile(r"[^\W\d_][\w'-]*")
#: Verbs whose complement a deletion before punctuation would remove ("makes onboarding seamless.").
LINKING_VERBS = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "being", "seems", "looks", "sounds", "makes", "make", "made"),
        *("becomes", "stays", "remains", "ist", "sind", "war", "waren", "sein", "wird", "werden", "wirkt"),
        *("klingt", "macht", "machen", "bleibt", "scheint"),
    }
)
#: Words that, after a deleted lead-in, would start the sentence alone ("Ganz einfach gesagt: Mit …").
_LEAD_IN_TAIL = re.compile(r"(\w+):\s+")


def deletion(
    text: str, start: int, end: int, matched: str, advice: str, fix: FixSafety
) -> tuple[tuple[int, int], list[Suggestion]]:
    """Deleting the match so that what remains reads right: no double space, no orphaned comma or dash, and a
    capital for the word that now starts the sentence."""
    end = absorb_space(text, start, end)
    label = f"Delete “{matched.strip()}”."
    if at_sentence_start(text, start):
        tail = _LEAD_IN_TAIL.match(text, end)
        if tail and not tail.group(1)[:1].isupper() and len(tail.group(1)) > 2:
            end = tail.end()  # "Ganz einfach gesagt: Mit …" loses "gesagt:" with "Ganz einfach"
            label = f"Delete “{text[start:end].strip()}”."
        following = WORD.match(text, end)
        if following and not following.group(0)[:1].isupper():
            word = following.group(0)
            capital = word[:1].upper() + word[1:]
            label = f"Delete “{text[start:end].strip()}” and start with “{capital}”."
            return (start, end + len(word)), [Suggestion(capital, with_advice(label, advice), fix)]
        return (start, end), [Suggestion("", with_advice(label, advice), fix)]
    if text[end : end + 2] == ", " and start > 1 and text[start - 1] == " " and text[start - 2].isalpha():
        # "eine ganzheitliche, maßgeschneiderte Lösung" → "eine maßgeschneiderte Lösung"
        end += 2
    elif re.match(r"[.,;:!?]", text[end : end + 1]):
        # Before punctuation a deletion would leave "Lagerkosten – ." or "meeting ." behind: the sentence is
        # rewritten instead (see ``_finding``).
        return (start, end), []
    article = ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    following = WORD.match(text, end)
    if empties_phrase(text, start, following):
        return (start, end), []
    definite = DEFINITE_BEFORE.search(text, max(0, start - 4), start)
    if definite and following and matched.strip().lower() in UNIQUE_CLAIMS:
        # "the leading provider" → "a provider": without its superlative "the" would claim to be the only one
        wanted = indefinite_article(following.group(0))
        wanted = wanted.capitalize() if definite.group(1)[:1].isupper() else wanted
        described = f"Delete “{matched.strip()}” and write “{wanted}”."
        return (definite.start(1), end), [Suggestion(f"{wanted} ", with_advice(described, advice), fix)]
    if article and following and following.group(0).lower() in LIST_CONJUNCTIONS:
        # "an innovative and fast tool" → "a fast tool": the conjunction goes with the first adjective
        end = absorb_space(text, end, following.end())
        following = WORD.match(text, end)
    if article and following:
        # "an innovative microlearning platform" → "a microlearning platform"
        wanted = indefinite_article(following.group(0))
        written = article.group(1)
        if wanted != written.lower():
            wanted = wanted.capitalize() if written[:1].isupper() else wanted
            described = f"Delete “{matched.strip()}” and write “{wanted}”."
            return (article.start(1), end), [Suggestion(f"{wanted} ", with_advice(described, advice), fix)]
    listed = LISTED_BEFORE.search(text, max(0, start - 40), start)
    if listed and following:
        previous = listed.group(1)
        if previous[:1].islower() or following.group(0).lower() in LIST_CONJUNCTIONS:
            # "modern, seamless websites" → "modern websites"; "in Gruppen, ganzheitlich und praxisnah" →
            # "in Gruppen und praxisnah"
            return (start - 2, end - 1 if text[end - 1 : end] == " " else end), [
                Suggestion("", with_advice(label, advice), fix)
            ]
    return (start, end), [Suggestion("", with_advice(label, advice), fix)]


def empties_phrase(text: str, start: int, following: re.Match[str] | None) -> bool:
    """Whether deleting the words at ``start`` would leave a sentence without its complement ("Our platform is
    and our team …") or an empty noun behind an article ("a seamless experience" → "an experience")."""
    before = text[max(0, start - 40) : start].split()
    if not before:
        return False
    previous = before[-1].lower()
    if previous in LINKING_VERBS and (following is None or following.group(0).lower() in LIST_CONJUNCTIONS):
        return True
    return following is not None and previous in ARTICLES and following.group(0).lower() in HOLLOW_NOUNS


def with_advice(label: str, advice: str) -> str:
    """The label of a replacement, then the rule's advice unless it says the same thing again."""
    first_word = label.split(maxsplit=1)[0].lower()
    if not advice or advice.split(maxsplit=1)[0].lower().strip(",.") in (first_word, "delete", "cut", "drop"):
        return label
    return f"{label} {advice}"


def completes_verb(text: str, start: int) -> bool:
    """Whether the words before ``start`` end in a linking verb whose complement the match is ("makes onboarding
    seamless", "ist ganzheitlich"): deleting the match would leave the sentence broken."""
    return not LINKING_VERBS.isdisjoint(text[max(0, start - 40) : start].lower().split()[-3:])


def at_sentence_start(text: str, start: int) -> bool:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start == 0 or text[start - 1] in ".!?\n"


def absorb_space(text: str, start: int, end: int) -> int:
    """Let a deletion take the space after it, so no double space is left behind."""
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] in " \n("):
        return end + 1
    return end


#: Words that are the subject of the verb a one-word deletion after them would remove ("We guarantee a 25 %
#: lift" must not become "We a 25 % lift").
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "ich", "wir", "du", "ihr", "sie", "er", "es"})


def joined_without(before: str, matched: str, after: str) -> tuple[str, str] | None:
    """The text before and after a deleted match, fitted together, or None when the deletion would break the
    sentence: a verb after its subject ("We guarantee a lift" → "We a lift"), the complement of "is", an empty
    noun behind its article. A superlative with its "the" leaves "a" ("We are the best bureau" → "We are a
    bureau")."""
    words_before = before.split()
    following = WORD.match(after.lstrip())
    if words_before and len(matched.split()) == 1 and words_before[-1].lower() in _SUBJECTS and after.strip():
        return None
    text = before + matched + after
    if empties_phrase(text, len(before), WORD.match(text, len(before) + len(matched) + 1)):
        return None
    words = matched.lower().split()
    superlative = len(words) == 2 and words[0] == "the" and (words[1] in UNIQUE_CLAIMS or words[1].endswith("est"))
    if superlative and following and following.group(0)[:1].islower():
        return before + indefinite_article(following.group(0)) + " ", after.lstrip()
    return before, after
