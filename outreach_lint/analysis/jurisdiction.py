"""Which law an email is read under: the configured jurisdiction, else the one the recipient's address implies.

The opt-out checks (CO003–CO005) need a jurisdiction and stay silent for replies, when the sending tool adds
the footer (``footer-injected``) and when the email holds a footer merge field. The legal reading of claims
(the ``legal-risk`` notes of the overpromise rules, CO006) applies under German and EU law, and to German
emails whose jurisdiction is not known.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

from ..document import Document
from ..mergefields import MERGE_FIELD
from ..signals import word_set
from .thread import is_reply

_EU_COUNTRIES = "at be bg cy cz dk ee es eu fi fr gr hr hu ie it lt lu lv mt nl pl pt ro se si sk"
_EU_TLDS = frozenset(_EU_COUNTRIES.split())
_US_TLDS = frozenset({"us", "gov", "mil", "edu"})

_FOOTER_WORDS = re.compile(
    r"unsub|opt[\s_.-]?out|abmeld|austrag|abbestell|list[:_ .-]?address|address|adresse|anschrift|footer|"
    r"preferences|subscription|update[_ .-]?profile|can[_ .-]?spam",
    re.IGNORECASE,
)
_EXTRA_FOOTER_FIELDS = re.compile(r"\{[a-z_]*(?:unsub|optout|opt_out)[a-z_]*\}|<%[^%>\n]{1,60}%>", re.IGNORECASE)
_FOOTER_HINTS = word_set(
    "unsub opt abmeld austrag abbestell address adresse anschrift footer preferences subscription profile spam <%"
)


def recipient_jurisdiction(document: Document, configured: str | None) -> str | None:
    """The configured jurisdiction, else the one the recipient's address implies; None: not known (or "none")."""
    if configured:
        return None if configured == "none" else configured
    to = document.headers.get("to")
    if not to:
        return None
    for _, address in getaddresses([to]):
        tld = address.rpartition("@")[2].rstrip(".>").rpartition(".")[2].lower()
        if tld == "de":
            return "de"
        if tld in _EU_TLDS:
            return "eu"
        if tld in _US_TLDS:
            return "us"
    return None


def claims_jurisdiction(document: Document, language: str, configured: str | None) -> str | None:
    """The law under which leadership, superlative and guarantee claims are a legal risk ("de" or "eu"), or
    None when their legal reading does not apply to this email."""
    where = recipient_jurisdiction(document, configured)
    if where in ("de", "eu"):
        return where
    if language == "de" and configured is None and where is None:
        return "de"
    return None


def is_footer_field(field: str) -> bool:
    """Whether one merge field is a sending tool's footer (``*|UNSUB|*``, ``{{unsubscribe_link}}``,
    ``*|LIST:ADDRESS|*``); a square-bracket slot is the writer's own (``[Adresse]`` is the sender's address)."""
    if field.startswith("[") and not field.startswith("[["):
        return bool(re.search(r"unsub|opt[\s_.-]?out|abmeld|austrag|abbestell", field, re.IGNORECASE))
    return bool(_FOOTER_WORDS.search(field) or _EXTRA_FOOTER_FIELDS.search(field))


def has_footer_field(text: str) -> bool:
    """Whether ``text`` holds a merge field a sending tool replaces with its unsubscribe/address footer."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _FOOTER_HINTS):
        return False
    if _EXTRA_FOOTER_FIELDS.search(text):
        return True
    return any(_FOOTER_WORDS.search(m.group(0)) for m in MERGE_FIELD.finditer(text))


def optout_jurisdiction(
    document: Document, body: str, signature: str, configured: str | None, footer_injected: bool
) -> str | None:
    """The jurisdiction whose opt-out rules apply to this email, or None when CO003–CO005 stay silent."""
    where = recipient_jurisdiction(document, configured)
    if where is None or footer_injected or is_reply(document):
        return None
    if has_footer_field(body) or has_footer_field(signature):
        return None
    return where
