"""The words around people's names: forms of address and titles, and academic degrees (one table each)."""

from __future__ import annotations

import re

#: Forms of address and titles that stand before a name and are not part of it ("Frau Dr. Weber", "Mr Hughes"),
#: lower-case, as written with and without their full stop.
TITLES = frozenset(
    {"herr", "herrn", "hr.", "frau", "fr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."}
    | {"dr", "dr.", "prof", "prof."}
)
#: A title right before a position ("Frau ", "Dr. "): the name after it is a person's.
TITLE_BEFORE = re.compile(
    "(?:" + "|".join(re.escape(t[:1].upper() + t[1:]) for t in sorted(TITLES, key=len, reverse=True)) + r")\s+$"
)
#: Academic degrees and honorifics in a list of names, and notes in brackets ("Dr.-Ing.", "MBA", "(Vorsitz)").
DEGREES = re.compile(
    r"\b(?:Dr\.(?:-Ing\.)?|Prof\.|Dipl\.-[\wäöü]+\.?|Mag\.|Ing\.|MBA|LL\.[ \t]?M\.|h\.[ \t]?c\.|[BM]\.[ \t]?(?:Sc|A)\.)"
    r"|\([^)]*\)"
)


def name_words(person: str) -> list[str]:
    """The words of a name without titles ("Dr. Jana Weber" → Jana, Weber)."""
    return [word for word in person.split() if word.lower() not in TITLES]
