"""Whether an email uses one of the prospect's facts, in other words than the fact's.

Facts come as terse notes ("DC #2 live since Oct 2026", "4 x DE reqs open on own site"); emails paraphrase
them ("your second distribution centre, running since October", "four data-engineering roles"). Both sides
are reduced to keys: figures (digits and number words: ``n:2``), months (``m:10``), word stems (first six
letters: ``w:cardif``) and word groups that name the same thing (``g:job-opening``, from
``data/fact_words.toml``). A fact is used when the email shares a figure with a word, a month or a long
figure, a month with a word, or three of the fact's words (all of them, if it has fewer).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .data import load
from .signals import _STOP_STEMS, MONTH_NUMBER

_TABLES = load("fact_words")
_GROUP_OF = {member.lower(): name for name, members in _TABLES["groups"].items() for member in members}
_GROUP_OF_STEM = {
    member.lower()[:6]: name for name, members in _TABLES["groups"].items() for member in members if len(member) >= 4
}
_NUMBER_OF = {member.lower(): value for value, members in _TABLES["numbers"].items() for member in members}

_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: A numeric date: "28.10.2026", "1.12.26" or, with two-digit day and month, "01.12." (not "2.1" or "3.2.").
_NUMERIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(?:\d{4}|\d{2})|(\d{2})\.(\d{2})\.")
_MONTH_PREFIXES = frozenset(name[:3] for name in MONTH_NUMBER)


def _figure(token: str) -> str:
    return token.rstrip(".,").replace(",", ".")


def _word_keys(word: str) -> list[str]:
    lower = word.lower()
    group = _GROUP_OF.get(lower) or (_GROUP_OF_STEM.get(lower[:6]) if len(lower) >= 4 else None)
    if group is not None:
        return [f"g:{group}"]
    if len(lower) < 4 or lower[:6] in _STOP_STEMS:
        return []
    return [f"w:{lower[:6]}"]


def _keys(text: str, is_fact: bool) -> frozenset[str]:
    keys: set[str] = set()
    tokens = list(_TOKEN.finditer(text))
    for index, match in enumerate(tokens):
        token = match.group(0)
        date = _NUMERIC_DATE.fullmatch(token)
        date_month = int(date.group(2) or date.group(4)) if date is not None else 0
        if 1 <= date_month <= 12:
            keys.add(f"m:{date_month}")  # "28.10.2026" names October like "Ende Oktober" does
            continue
        if token[0].isdigit():
            figure = _figure(token)
            following = tokens[index + 1].group(0).lower()[:3] if index + 1 < len(tokens) else ""
            if is_fact and (_YEAR.fullmatch(figure) or (len(figure) <= 2 and following in _MONTH_PREFIXES)):
                continue  # a year or the day of "12 Feb 2026" identifies nothing
            keys.add(f"n:{figure}")
            continue
        lower = token.lower()
        month = MONTH_NUMBER.get(lower.rstrip("."))
        if month is not None and (is_fact or token[0].isupper()) and len(lower) >= 3:
            keys.add(f"m:{month}")  # "may" in an email is a verb unless capitalised
            continue
        number = _NUMBER_OF.get(lower)
        if number is not None:
            keys.add(f"n:{number}")
            continue
        keys.update(_word_keys(token))
    return frozenset(keys)


@lru_cache(maxsize=512)
def fact_keys(fact: str) -> frozenset[str]:
    """The keys that identify a fact (years and the days of dates left out)."""
    return _keys(fact, is_fact=True)


def text_keys(text: str) -> frozenset[str]:
    """The keys of an email's text (or of one sentence)."""
    return _keys(text, is_fact=False)


def _long(figure_key: str) -> bool:
    return sum(c.isdigit() for c in figure_key) >= 3


def mentions_fact(fact: str, keys: frozenset[str], exclude: frozenset[str] = frozenset()) -> bool:
    """Whether a text (its ``text_keys``) uses a fact. ``exclude``: stems of the company's own names, which
    do not count (naming the company is not quoting one of its facts)."""
    own = fact_keys(fact) - {f"w:{stem}" for stem in exclude}
    shared = own & keys
    figures = [k for k in shared if k.startswith("n:")]
    months = [k for k in shared if k.startswith("m:")]
    words = [k for k in shared if k[0] in "wg"]
    fact_words = sum(1 for k in own if k[0] in "wg")
    # A single digit ("3rd", "second") is common: it needs a month or one of the fact's own words, not a group.
    strong = [k for k in figures if not (len(k) == 3 and k[2].isdigit())]
    if strong and (words or months or any(_long(k) for k in strong)):
        return True
    if figures and (months or any(k[0] == "w" for k in words)):
        return True
    if months and words:
        return True
    return fact_words > 0 and len(words) >= min(3, fact_words)
