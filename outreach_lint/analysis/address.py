"""How a German email addresses its reader (Sie, du, or ihr to a team), and rewrites put into that form.

Rewrites are written in the Sie form; in an email that says du they take the du form, from the table in
``data/rewrite_words.toml``. English has one form of address."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..data import load
from .textstats import READER_DE_EXACT

FORMAL, SINGULAR, PLURAL = "Sie", "du", "ihr"
_SINGULAR_FORMS = frozenset({"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines"})
_PLURAL_FORMS = frozenset({"euch", "euer", "eure", "euren", "eurem", "eurer", "eures"})
_LEFT_FORMAL = re.compile(r"\bSie\b")


def address_form(language: str, tokens: Sequence[str], lowers: Sequence[str] | None = None) -> str:
    """Sie, du or ihr: how the email addresses its reader (English and an email without either: Sie, which
    leaves a rewrite as written). ``lowers``: the tokens in lower case, when already at hand."""
    if language != "de":
        return FORMAL
    lowers = lowers if lowers is not None else [token.lower() for token in tokens]
    formal = sum(map(READER_DE_EXACT.__contains__, tokens))
    singular = sum(map(_SINGULAR_FORMS.__contains__, lowers))
    plural = sum(map(_PLURAL_FORMS.__contains__, lowers))
    if formal >= singular + plural:
        return FORMAL
    return PLURAL if plural > singular else SINGULAR


@cache
def _table(form: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The formal phrases of one informal form as one pattern (longest first), and what each becomes."""
    table = load("rewrite_words")["informal"]["singular" if form == SINGULAR else "plural"]
    phrases = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b"), table


def in_address(text: str, form: str) -> str | None:
    """A rewrite written in the Sie form, put into ``form`` (None: a verb would need another ending, so it
    cannot be shown in that form)."""
    if form == FORMAL or not any(word in text for word in READER_DE_EXACT):
        return text
    pattern, table = _table(form)
    converted = pattern.sub(lambda match: table[match.group(0)], text)
    if _LEFT_FORMAL.search(converted):
        return None
    # The phrase opened the sentence: its informal form starts with a capital too ("dein Team" → "Dein Team").
    return re.sub(r"(^|[.!?]\s+)([a-zäöü])", lambda m: m.group(1) + m.group(2).upper(), converted)
