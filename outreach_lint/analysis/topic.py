"""The email's topic in its own words, for a rewrite that asks about it ("Is {topic} something your team is
working on?"): the subject line, when it names a topic rather than bait, a greeting or the sender."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from ..data import load
from .address import FORMAL, address_form, in_address
from .legalforms import LEGAL_FORM
from .thread import SUBJECT_PREFIX

#: The slot a rewrite shows when the subject names no topic.
TOPIC_SLOT = {"en": "[the topic of your email]", "de": "[das Thema Ihrer E-Mail]"}
MAX_TOPIC_WORDS = 7
_NOT_A_TOPIC = re.compile(r"[?!:;,|{}\[\]<>$%@#*\"“”„«»]|\d")


def email_topic(subject: str, language: str, body_tokens: Collection[str]) -> str | None:
    """The subject as a noun phrase to ask about ("online booking for the Didsbury clinic"), or None.

    A subject with a question, an exclamation, a colon, a comma, a figure or a merge field is no topic, nor is
    one of a single word or more than seven, nor one whose first word is listed in ``data/rewrite_words.toml``.
    In English the first word loses its capital when the body writes it in lower case ("Online booking" →
    "online booking"; "Tillbury's" keeps it); a German subject is quoted („Fotos für euer Café“), which
    needs no article and no agreement with the verb."""
    text = SUBJECT_PREFIX.sub("", subject).strip().rstrip(".… ")
    if not text or _NOT_A_TOPIC.search(text) or _names_a_company(text):
        return None  # "Vorstellung der Consultas Beratung GmbH" is the sender, not a topic
    words = text.split()
    if not 2 <= len(words) <= MAX_TOPIC_WORDS:
        return None
    first = words[0]
    if first.lower().replace("’", "'") in _stop_words(language):
        return None
    if language == "de":
        # In quotes the subject is a name: "Ist „Fotos für euer Café“ …" needs no article or agreement.
        return f"„{text}“"
    lower = first[:1].lower() + first[1:]
    if lower != first and first[1:] == first[1:].lower() and lower in body_tokens:
        words[0] = lower
    return " ".join(words)


def _names_a_company(text: str) -> bool:
    """Whether a legal form follows a word of the subject ("… Beratung GmbH"; "Co-packing" names none)."""
    return any(match.start() > 0 and text[match.start() - 1] == " " for match in LEGAL_FORM.finditer(text))


@cache
def _stop_words(language: str) -> frozenset[str]:
    return frozenset(load("rewrite_words")["topic"][language])


@dataclass(frozen=True, slots=True)
class RewriteFacts:
    """What a rewrite needs to know about the whole email: its topic (or the slot for it) and how it addresses
    the reader."""

    topic: str
    address: str = FORMAL

    def fit(self, text: str) -> str | None:
        """A rewrite written in the Sie form, in the email's form of address (None: it cannot be)."""
        return in_address(text, self.address)


def rewrite_facts(
    language: str, subject: str, body_tokens: Sequence[str], body_lowers: Sequence[str] | None = None
) -> RewriteFacts:
    """The topic and form of address of an email, for the rewrites of its findings."""
    address = address_form(language, body_tokens, body_lowers)
    topic = email_topic(subject, language, body_tokens)
    if topic is None:
        topic = in_address(TOPIC_SLOT[language], address) or TOPIC_SLOT[language]
    return RewriteFacts(topic, address)
