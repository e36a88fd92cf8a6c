"""spaCy pipelines: blank German/English tokenizers. Sentences are split on the token texts with spaCy's
Sentencizer rule (see ``analysis.units.sentence_starts``), with paragraph breaks counted as sentence ends.

A trained pipeline (e.g. ``en_core_web_sm``) is used only when configured and it is an installed spaCy
pipeline package (its metadata says so; nothing is imported to find out); otherwise the blank pipeline runs
and a one-line notice says so. Nothing is downloaded.

Tokenizing takes time linear in the text's length whatever it holds: spaCy splits prefixes and suffixes off a
whitespace-free chunk one at a time, and each step searched the whole rest of the chunk for a suffix and
copied it, so a run of 50,000 "!" took minutes. Suffixes are therefore looked for at the end of the chunk
only (exactly the same result, see ``_suffix_search_at_end``), and a chunk longer than ``MAX_CHUNK``
characters is tokenized in pieces (which changes nothing for words, addresses and links of any real length).
"""

from __future__ import annotations

import importlib.metadata
import itertools
import re
import threading
from collections.abc import Callable

import spacy
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

try:  # the parser of the standard ``re`` module: tells how long a suffix rule can match
    import re._parser as _regex_parser
except ImportError:  # pragma: no cover - Python versions that do not have it use the plain search
    _regex_parser = None

_LINE_BREAKS = [
    ("\r\n" if crlf else "\n") * lines + " " * spaces
    for crlf in (False, True)
    for lines in range(2, 6)
    for spaces in range(0, 9)
]
#: Sentence ends: spaCy's punctuation plus paragraph breaks (greetings and sign-offs stand on their own).
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "?!", "!?", "!!", "!!!", "??", "...", "。", *_LINE_BREAKS})
#: Whitespace-free chunks longer than this are tokenized in pieces of at most this many characters.
MAX_CHUNK = 2000
_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")
#: What a spaCy pipeline package name looks like (``en_core_web_sm``): a module name without dots.
_PACKAGE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


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
        nlp = None
        if name:
            if not is_pipeline_package(name):
                self.notices.append(f"spaCy pipeline '{name}' is not installed; using the blank {language} tokenizer")
            else:
                try:
                    nlp = spacy.load(name, exclude=["parser", "senter", "lemmatizer", "textcat"])
                except Exception as exc:  # a broken or incompatible package: say so and lint on
                    reason = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
                    self.notices.append(
                        f"spaCy pipeline '{name}' could not be loaded ({reason}); using the blank {language} tokenizer"
                    )
        if nlp is None:
            nlp = spacy.blank(language)
        search = _suffix_search_at_end(nlp.tokenizer.suffix_search)
        if search is not None:
            nlp.tokenizer.suffix_search = search
        return nlp

    def analyze(self, language: str, text: str) -> Doc:
        """Tokenize and split ``text`` (curly apostrophes are read as straight ones)."""
        nlp = self.get(language)
        text = text.replace("\u2019", "'")
        with self.lock:
            doc = _tokenize(nlp, text)
            # A blank pipeline is only its tokenizer: running it directly skips Language.__call__'s overhead.
            for _, component in nlp.pipeline:
                doc = component(doc)
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
        unseen = set(text.split()).difference(seen)
        if not unseen:
            return
        new = [chunk for chunk in dict.fromkeys(text.split()) if chunk in unseen and len(chunk) <= MAX_CHUNK]
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
            return [t.text for t in _tokenize(nlp, text)]


def is_pipeline_package(name: str) -> bool:
    """Whether ``name`` is an installed spaCy pipeline package, judged by installed metadata only.

    A pipeline package registers itself under spaCy's ``spacy_models`` entry points (``spacy package`` writes
    that entry) or ships ``<name>/meta.json``. Neither check imports anything, so a configured name such as
    ``os`` or ``this.x`` never runs a module's code."""
    if not _PACKAGE_NAME.fullmatch(name):
        return False
    if any(entry.name == name for entry in importlib.metadata.entry_points(group="spacy_models")):
        return True
    try:
        files = importlib.metadata.distribution(name).files or []
    except importlib.metadata.PackageNotFoundError:
        return False
    return any(file.parts[:1] == (name,) and file.name == "meta.json" for file in files)


def _tokenize(nlp: Language, text: str) -> Doc:
    """spaCy's tokenization of ``text``; whitespace-free chunks longer than ``MAX_CHUNK`` go in pieces.

    Cuts fall only inside such chunks, so every other token is exactly what spaCy makes of the whole text,
    and the pieces' tokens make one Doc whose text and offsets are the original's."""
    if len(text) <= MAX_CHUNK:
        return nlp.tokenizer(text)
    cuts = [cut for chunk in _LONG_CHUNK.finditer(text) for cut in range(chunk.start(), chunk.end(), MAX_CHUNK)[1:]]
    if not cuts:
        return nlp.tokenizer(text)
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in itertools.pairwise([0, *cuts, len(text)]):
        piece = text[start:end]
        for index, length, space in nlp.tokenizer(piece).to_array([IDX, LENGTH, SPACY]).tolist():
            words.append(piece[index : index + length])
            spaces.append(bool(space))
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _suffix_search_at_end(search: Callable | None) -> Callable | None:
    r"""A suffix search that looks only at the end of a string, or None when that could change a result.

    spaCy's suffix rules are one regular expression of alternatives that each end in ``$``, tried at every
    position of the string. Searching from ``len - window`` finds the same leftmost match when no rule can
    match ``window`` characters or more, except rules that repeat one character to the end (``\.\.+$``):
    such a match that starts earlier also matches at ``len - window``, and a match there is searched again in
    the whole string. Any other unbounded rule keeps the full search."""
    pattern = getattr(search, "__self__", None)
    window = _suffix_window(pattern.pattern) if isinstance(pattern, re.Pattern) else None
    if window is None:
        return None
    full = pattern.search

    def search_at_end(string: str):
        start = len(string) - window
        if start <= 0:
            return full(string)
        match = full(string, start)
        if match is not None and match.start() == start:
            return full(string)
        return match

    return search_at_end


def _suffix_window(pattern: str) -> int | None:
    """How many characters at the end of a string a suffix pattern needs to be searched in: one more than its
    longest bounded alternative, and enough for the shortest match of each alternative that repeats one
    character to the end. None when an alternative is unbounded in any other way."""
    if _regex_parser is None:
        return None
    try:
        tree = _regex_parser.parse(pattern)
    except re.error:
        return None
    branch = len(tree.data) == 1 and tree.data[0][0] == _regex_parser.BRANCH
    window = 2
    for alternative in tree.data[0][1][1] if branch else [tree]:
        longest = alternative.getwidth()[1]
        if longest < _regex_parser.MAXREPEAT:
            window = max(window, longest + 1)
            continue
        shortest = _repeat_to_end(alternative)
        if shortest is None:
            return None
        window = max(window, shortest)
    return window


def _repeat_to_end(alternative) -> int | None:
    """For ``X X+ $`` or ``X+ $`` (X a single character or character class): its shortest match; else None."""
    items = list(alternative.data)
    if len(items) < 2 or items[-1] != (_regex_parser.AT, _regex_parser.AT_END):
        return None
    repeat_op, repeat = items[-2]
    if repeat_op not in (_regex_parser.MAX_REPEAT, _regex_parser.MIN_REPEAT):
        return None
    low, _, body = repeat
    body = list(body.data) if hasattr(body, "data") else list(body)
    if len(body) != 1 or body[0][0] not in (_regex_parser.LITERAL, _regex_parser.IN):
        return None
    before = items[:-2]
    if not all(item == body[0] for item in before):
        return None
    return len(before) + max(low, 1)
