"""spaCy pipelines: blank German/English tokenizers. Sentences are split on the token texts with spaCy's
Sentencizer rule (see ``checks.base.sentence_starts``), with paragraph breaks counted as sentence ends.

A trained pipeline (e.g. ``en_core_web_sm``) is used only when configured and installed; otherwise the
blank pipeline runs and a one-line notice says so. Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

_LINE_BREAKS = [
    ("\r\n" if crlf else "\n") * lines + " " * spaces
    for crlf in (False, True)
    for lines in range(2, 6)
    for spaces in range(0, 9)
]
#: Sentence ends: spaCy's punctuation plus paragraph breaks (greetings and sign-offs stand on their own).
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "?!", "!?", "!!", "!!!", "??", "...", "。", *_LINE_BREAKS})


class Pipelines:
    """Builds one pipeline per language on first use and shares it; a lock makes calls thread-safe."""

    def __init__(self, models: dict[str, str] | None = None) -> None:
        self._models = models or {}
        self._nlp: dict[str, Language] = {}
        self.lock = threading.RLock()
        self.notices: list[str] = []
        self._seen: dict[str, set[str]] = {}

    def get(self, language: str) -> Language:
        with self.lock:
            if language not in self._nlp:
                self._nlp[language] = self._build(language)
            return self._nlp[language]

    def _build(self, language: str) -> Language:
        name = self._models.get(language)
        if name:
            if importlib.util.find_spec(name) is None:
                self.notices.append(f"spaCy pipeline '{name}' is not installed; using the blank {language} tokenizer")
            else:
                return spacy.load(name, exclude=["parser", "senter", "lemmatizer", "textcat"])
        return spacy.blank(language)

    def analyze(self, language: str, text: str) -> Doc:
        """Tokenize and split ``text`` (curly apostrophes are read as straight ones)."""
        nlp = self.get(language)
        text = text.replace("\u2019", "'")
        with self.lock:
            # A blank pipeline is only its tokenizer: calling it directly skips Language.__call__'s overhead.
            doc = nlp(text) if nlp.pipe_names else nlp.tokenizer(text)
            self._warm_cache(language, nlp, text)
            return doc

    def _warm_cache(self, language: str, nlp: Language, text: str) -> None:
        """Make sure spaCy's tokenizer has cached every word of ``text`` for the emails that follow.

        spaCy caches the tokenization of each whitespace-separated chunk, but once a call meets a special
        case ("Mr.", "I'm", "z.B.") it caches nothing more in that call. Most emails have one in the
        first line, so their words were tokenized afresh every time (3-4x slower). New chunks are
        therefore tokenized once more in calls of their own: plain words together, the rest one by one.
        """
        seen = self._seen.setdefault(language, set())
        new = [chunk for chunk in dict.fromkeys(text.split()) if chunk not in seen]
        if not new:
            return
        if len(seen) > 200_000:
            seen.clear()
        seen.update(new)
        plain = [chunk for chunk in new if chunk.isalnum()]
        if plain:
            nlp.tokenizer(" ".join(plain))
        for chunk in new:
            if not chunk.isalnum():
                nlp.tokenizer(chunk)

    def tokenize(self, language: str, text: str) -> list[str]:
        nlp = self.get(language)
        with self.lock:
            return [t.text for t in nlp.tokenizer(text)]
