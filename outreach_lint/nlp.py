"""spaCy pipelines: blank German/English tokenizers with email-aware sentence splitting.

A trained pipeline (e.g. ``en_core_web_sm``) is used only when configured and installed; otherwise the
blank pipeline runs and a one-line notice says so. Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

_SENTENCE_PUNCT = frozenset({".", "!", "?", "…", "?!", "!?", "!!", "!!!", "??", "...", ":"})
_ABBREVIATIONS = frozenset(
    [
        "dr.",
        "prof.",
        "mr.",
        "mrs.",
        "ms.",
        "hr.",
        "fr.",
        "nr.",
        "st.",
        "z.b.",
        "d.h.",
        "u.a.",
        "bzw.",
        "ca.",
        "evtl.",
        "ggf.",
        "inkl.",
        "vgl.",
        "usw.",
        "etc.",
        "e.g.",
        "i.e.",
        "vs.",
        "no.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "okt.",
        "nov.",
        "dec.",
        "dez.",
        "mo.",
        "di.",
        "mi.",
        "do.",
        "fr.",
        "sa.",
        "so.",
        "tel.",
        "str.",
        "abs.",
        "bzgl.",
        "ff.",
    ]
)


@Language.component("outreach_sentences")
def outreach_sentences(doc: Doc) -> Doc:
    """Split at sentence punctuation and at line breaks (greetings and sign-offs are their own lines)."""
    previous = None
    for index, token in enumerate(doc):
        if index == 0:
            token.is_sent_start = True
        elif previous is not None:
            token.is_sent_start = _starts_sentence(previous, token)
        else:
            token.is_sent_start = False
        previous = token
    return doc


def _starts_sentence(previous, token) -> bool:
    if previous.is_space:
        return "\n" in previous.text
    if token.is_space or (token.is_punct and token.text not in ("(", "«", "„", '"', "'", "-", "–")):
        return False
    text = previous.text
    if text in _SENTENCE_PUNCT and text != ":":
        return True
    if len(text) > 1 and text.endswith(".") and text.lower() not in _ABBREVIATIONS:
        return token.text[:1].isupper()
    return False


class Pipelines:
    """Builds one pipeline per language on first use and shares it; a lock makes calls thread-safe."""

    def __init__(self, models: dict[str, str] | None = None) -> None:
        self._models = models or {}
        self._nlp: dict[str, Language] = {}
        self._lock = threading.RLock()
        self.notices: list[str] = []

    def get(self, language: str) -> Language:
        with self._lock:
            if language not in self._nlp:
                self._nlp[language] = self._build(language)
            return self._nlp[language]

    def _build(self, language: str) -> Language:
        name = self._models.get(language)
        if name:
            if importlib.util.find_spec(name) is None:
                self.notices.append(f"spaCy pipeline '{name}' is not installed; using the blank {language} tokenizer")
            else:
                nlp = spacy.load(name, exclude=["parser", "senter", "lemmatizer", "textcat"])
                nlp.add_pipe("outreach_sentences", first=True)
                return nlp
        nlp = spacy.blank(language)
        nlp.add_pipe("outreach_sentences")
        return nlp

    def analyze(self, language: str, text: str) -> Doc:
        """Tokenize and split ``text`` (curly apostrophes are read as straight ones)."""
        nlp = self.get(language)
        with self._lock:
            return nlp(text.replace("\u2019", "'"))

    def tokenize(self, language: str, text: str) -> list[str]:
        nlp = self.get(language)
        with self._lock:
            return [t.text for t in nlp.tokenizer(text)]
