"""Phrase rules from the packs, compiled into spaCy Matchers and run only where their words occur."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import LEMMA
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..analysis.context import RawFinding
from ..analysis.topic import TOPIC_SLOT, RewriteFacts
from ..analysis.units import Unit, sentence_with_trailing_space
from ..fixing.deletion import completes_verb, deletion, joined_without, with_advice
from ..fixing.tidy import inline_capture, tidy_sentence
from ..language import FUNCTION_WORDS
from ..models import FixSafety, Suggestion
from ..patterns import (
    CompiledPattern,
    Step,
    compile_pattern,
    crude_stem,
    expand,
    match_at,
    steps,
    strip_captures,
    token_forms,
)
from ..rulepack import PLACEHOLDER, TEMPLATE_FIELDS, PhraseRule, RuleError
from ..vocabularies import WordClasses, allows

_EXCEPTION = "!"


def anchor_forms(tokens: list[dict[str, Any]], common: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Lower-case forms of the most selective token every match must contain (None: no such token).

    Function words ("your", "die") make poor anchors: they occur in every email."""
    best: frozenset[str] | None = None
    best_score: tuple[int, int, int] = (-1, -1, 0)
    for token in tokens:
        if token.get("OP") in ("?", "*", "{0,4}"):
            continue
        forms: set[str] = set()
        for attribute in ("LOWER", "ORTH"):
            value = token.get(attribute)
            if isinstance(value, str):
                forms.add(value.lower())
            elif isinstance(value, dict) and "IN" in value:
                forms.update(v.lower() for v in value["IN"])
        if not forms:
            continue
        score = (int(not forms & common), min(len(f) for f in forms), -len(forms))
        if score > best_score:
            best, best_score = frozenset(forms), score
    return best


class PhraseEngine:
    """All phrase rules of one language, compiled once.

    Patterns without wildcards are spelled out as sequences of crude stems and share one spaCy
    PhraseMatcher on the LEMMA slot (filled with those stems), which costs one hash lookup per token
    whatever the number of rules; each candidate is then checked against the exact forms. Patterns with
    wildcards or gaps get a Matcher per rule, run only on the windows around an anchor word that every
    match must contain.
    """

    def __init__(self, rules: list[PhraseRule], language: str, nlp, classes: WordClasses | None = None) -> None:
        self.language = language
        self.classes = classes or WordClasses(language=language)
        #: Per pattern key: capture name → (first, last) compiled-token index.
        self.captures: dict[str, dict[str, tuple[int, int]]] = {}
        #: Per pattern key with scope conditions: the compiled-token indices of its gaps and wildcards.
        self.gaps: dict[str, frozenset[int]] = {}
        #: Per windowed pattern key: for each item every match needs, the lower-case forms it accepts.
        self._required: dict[str, list[frozenset[str]]] = {}
        #: Per run: (code, start, end, key) → the whole match's token range and its captures.
        self._matched: dict[tuple[str, int, int, str], tuple[int, int, dict[str, tuple[int, int]]]] = {}
        self._facts = RewriteFacts(TOPIC_SLOT[language])
        self.rules: dict[str, PhraseRule] = {}
        self.windowed: dict[str, list[tuple[str, tuple[Step, ...], CompiledPattern, frozenset[str] | None]]] = {}
        self.replacements: dict[str, tuple[str, ...] | None] = {}
        self.anchors: dict[str, set[str]] = {}
        self.rule_anchors: dict[str, set[str]] = {}
        self.reach: dict[str, int] = {}
        self.always: set[str] = set()
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.phrase_keys: dict[str, tuple[str, tuple[int, ...], CompiledPattern]] = {}
        #: Per PhraseMatcher match id: what ``run`` needs of the variant, worked out once.
        self._plans: dict[int, _PhrasePlan] = {}
        self.vocab = nlp.vocab
        self._stems: dict[str, int] = {}
        vocab = nlp.vocab

        tokenized: dict[str, list[str]] = {}

        def tokenize(text: str) -> list[str]:
            if text not in tokenized:
                tokenized[text] = [t.text for t in nlp.tokenizer(text)]
            return tokenized[text]

        for rule in rules:
            code = rule.meta.code
            self.rules[code] = rule
            for index, pattern in enumerate(rule.patterns + rule.exceptions):
                is_exception = index >= len(rule.patterns)
                key = f"{code}{_EXCEPTION if is_exception else '#'}{index}"
                try:
                    plain, names = strip_captures(pattern)
                    compiled = compile_pattern(self.classes.expand(plain), language, tokenize)
                except ValueError as exc:
                    raise RuleError(f"{rule.meta.origin} ({code}): {exc}") from None
                if names:
                    self.captures[key] = {
                        name: (compiled.items[first][0], compiled.items[last][1])
                        for name, (first, last) in names.items()
                    }
                if not rule.conditions.empty:
                    self.gaps[key] = frozenset(i for i, t in enumerate(compiled.tokens) if "TEXT" in t)
                self.replacements[key] = rule.swaps.get(pattern, rule.meta.replacement)
                spelled = expand(compiled, language)
                if spelled is not None:
                    for kept, sequences in spelled.variants.items():
                        variant_key = f"{key}@{','.join(map(str, kept))}"
                        self.phrase_keys[variant_key] = (key, kept, compiled)
                        self._plans[vocab.strings.add(variant_key)] = _PhrasePlan.of(code, key, kept, compiled)
                        docs = [Doc(vocab, words=words, lemmas=words) for words in sequences]
                        self.phrase_matcher.add(variant_key, docs)
                    continue
                pattern_steps = steps(compiled)
                self._required[key] = _required_words(pattern_steps)
                self.windowed.setdefault(code, []).append((key, pattern_steps, compiled, _start_gate(pattern_steps)))
                length = sum(4 if t.get("OP") == "{0,4}" else 1 for t in compiled.tokens)
                self.reach[code] = max(self.reach.get(code, 0), length)
                if is_exception:
                    continue
                forms = anchor_forms(compiled.tokens, FUNCTION_WORDS)
                if forms is None:
                    self.always.add(code)
                for form in forms or ():
                    self.anchors.setdefault(form, set()).add(code)
                    self.rule_anchors.setdefault(code, set()).add(form)
        self._anchor_forms = frozenset(self.anchors)

    def _set_stems(self, unit: Unit) -> None:
        """Fill the Doc's LEMMA slot with crude stems (cached per word) for the PhraseMatcher."""
        cache = self._stems
        tokens = unit.tokens
        ids = list(map(cache.get, tokens))
        if None in ids:
            strings = self.vocab.strings
            for index, token in enumerate(tokens):
                if ids[index] is None:
                    value = cache.get(token)
                    if value is None:
                        value = cache[token] = strings.add(crude_stem(token.lower(), self.language))
                    ids[index] = value
        unit.doc.from_array([LEMMA], numpy.array(ids, dtype="uint64").reshape(-1, 1))

    def _windows(self, code: str, positions: dict[str, list[int]], size: int) -> list[tuple[int, int]]:
        """Token ranges around the rule's anchor words that any match must lie in."""
        if code in self.always:
            return [(0, size)]
        reach = self.reach[code]
        found = [positions[form] for form in self.rule_anchors[code].intersection(positions)]
        hits = found[0] if len(found) == 1 else sorted(itertools.chain.from_iterable(found))
        windows: list[tuple[int, int]] = []
        for position in hits:
            start, end = max(0, position - reach), min(size, position + reach + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
        return windows

    def _counts(
        self,
        code: str,
        key: str,
        unit: Unit,
        start: int,
        end: int,
        aligned: tuple[int, ...] | list[int],
        span_start: int,
        span_end: int,
    ) -> bool:
        """Whether a match meets its rule's scope conditions; remembers its captures for the rewrite."""
        rule = self.rules[code]
        if not rule.conditions.empty:
            sentence = unit.sentence_at(start)
            bounds = (sentence.start, sentence.end) if sentence else (0, len(unit.tokens))
            question = bool(sentence) and sentence.text.rstrip().endswith("?")
            free = [start + i for i, item in enumerate(aligned) if item in self.gaps.get(key, ())]
            if not allows(rule.conditions, self.classes, unit.lowers, (start, end), bounds, question, free):
                return False
        names = self.captures.get(key)
        if names:
            spans = {}
            for name, (first, last) in names.items():
                positions = [start + i for i, item in enumerate(aligned) if first <= item <= last]
                if positions:
                    spans[name] = (positions[0], positions[-1] + 1)
            self._matched[(code, span_start, span_end, key)] = (start, end, spans)
        return True

    def run(
        self, unit: Unit, enabled: set[str], legal: bool = True, facts: RewriteFacts | None = None
    ) -> list[RawFinding]:
        """The findings of the ``enabled`` rules in ``unit``; with ``legal`` (the email is read under a law
        that makes their claims a risk) those of rules with a ``legal-risk`` name it. ``facts`` (the email's
        topic and form of address) fit the rewrites to the email."""
        self._matched = {}
        self._facts = facts or RewriteFacts(TOPIC_SLOT[self.language])
        doc = unit.doc
        found: dict[str, tuple[list[tuple[int, int, str]], list[tuple[int, int]]]] = {}
        tokens = unit.tokens
        if len(self.phrase_matcher) and len(doc):
            self._set_stems(unit)
            plans = self._plans
            for match_id, start, end in self.phrase_matcher(doc):
                plan = plans[match_id]
                code = plan.code
                if code not in enabled or not plan.verify(tokens, start, end):
                    continue
                matches, blocked = found.setdefault(code, ([], []))
                if plan.exception:
                    blocked.append((start, end))
                    continue
                if plan.inside is None:
                    continue
                first, last = plan.inside
                key = plan.key
                if self._counts(code, key, unit, start, end, plan.kept, start + first, start + last + 1):
                    matches.append((start + first, start + last + 1, key))
        anchors = self.anchors
        lowers = unit.lowers
        positions: dict[str, list[int]] = {}
        present = unit.lower_set & self._anchor_forms
        if present:
            for index, lower in [(i, lower) for i, lower in enumerate(lowers) if lower in present]:
                positions.setdefault(lower, []).append(index)
        candidates = set(self.always)
        for lower in positions:
            candidates |= anchors[lower]
        ran = candidates & enabled
        for code in ran:
            self._run_windowed(code, unit, self._windows(code, positions, len(doc)), found)
        for code in [c for c, (matches, _) in found.items() if matches and c in self.windowed and c not in ran]:
            # Wildcard exceptions of a rule whose own patterns are phrases: look around its matches.
            reach = self.reach[code]
            around = [(max(0, s - reach), min(len(doc), e + reach)) for s, e, _ in found[code][0]]
            self._run_windowed(code, unit, around, found)
        findings = []
        for code in sorted(found):
            matches, blocked = found[code]
            kept = _longest_first(_unblocked(matches, blocked, len(doc)))
            for start, end, key in kept:
                finding = self._finding(self.rules[code], unit, start, end, key)
                findings.append(with_legal_risk(finding) if legal and finding.meta.legal_risk else finding)
        return findings

    def _run_windowed(
        self,
        code: str,
        unit: Unit,
        windows: list[tuple[int, int]],
        found: dict[str, tuple[list[tuple[int, int, str]], list[tuple[int, int]]]],
    ) -> None:
        """Try the rule's wildcard patterns at every start position inside the windows."""
        tokens = unit.tokens
        lowers = unit.lowers
        everywhere = unit.lower_set
        matches, blocked = found.setdefault(code, ([], []))
        reach = self.reach.get(code, 0)
        present: list[set[str]] | None = None
        for key, pattern, compiled, gate in self.windowed[code]:
            required = self._required[key]
            if any(map(everywhere.isdisjoint, required)):
                continue  # a word every match needs is nowhere in the unit
            if present is None:
                present = [set(lowers[offset : stop + reach]) for offset, stop in windows]
            for (offset, stop), words in zip(windows, present, strict=True):
                if any(map(words.isdisjoint, required)):
                    continue  # a word every match needs is not in this window
                for start in range(offset, stop):
                    if gate is not None and lowers[start] not in gate:
                        continue
                    aligned = match_at(tokens, lowers, start, pattern)
                    if aligned is None:
                        continue
                    end = start + len(aligned)
                    if _EXCEPTION in key:
                        blocked.append((start, end))
                        continue
                    covered = [
                        start + i for i, item in enumerate(aligned) if compiled.span_first <= item <= compiled.span_last
                    ]
                    if covered and self._counts(code, key, unit, start, end, aligned, covered[0], covered[-1] + 1):
                        matches.append((covered[0], covered[-1] + 1, key))

    def _captured(self, unit: Unit, code: str, first: int, stop: int, key: str) -> dict[str, str]:
        """The text of each named capture of the match reported at tokens [first, stop)."""
        found = self._matched.get((code, first, stop, key))
        if found is None:
            return {}
        doc = unit.doc
        return {
            name: unit.text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1].text)] for name, (a, b) in found[2].items()
        }

    def _finding(self, rule: PhraseRule, unit: Unit, first: int, stop: int, key: str) -> RawFinding:
        """The finding for the match at tokens [first, stop): the rule's replacement fitted into the sentence
        around it, and the sentence rewritten by the rule's template."""
        meta = rule.meta
        doc = unit.doc
        start, end = doc[first].idx, doc[stop - 1].idx + len(doc[stop - 1].text)
        matched = unit.text[start:end]
        captured = self._captured(unit, meta.code, first, stop, key)
        advice = _fill(meta.rewrite, {"text": matched, **captured})
        replacements = self.replacements[key]
        rewritten = _rewritten(rule, unit, first, start, end, captured, self._facts)
        if replacements and any("{" in r for r in replacements):
            replacements = tuple(_fill(r, {"text": matched, **captured}) for r in replacements)
        span, suggestions = _replacement_suggestions(rule, unit, first, stop, (start, end), replacements, advice)
        if not suggestions and rewritten is None and replacements == ("",) and not completes_verb(unit.text, start):
            rewritten = _rewritten(rule, unit, first, start, end, captured, self._facts, "{before}{after}")
        if rewritten is not None:
            suggestions.append(Suggestion(None, f"Rewrite: “{rewritten}”"))
        if not suggestions:
            suggestions.append(Suggestion(None, advice, FixSafety.NONE))
        example = meta.example
        if example:
            suggestions = [Suggestion(s.replacement, s.description, s.fix, example) for s in suggestions]
        return RawFinding(meta, unit, span[0], span[1], tuple(suggestions))


def _replacement_suggestions(
    rule: PhraseRule,
    unit: Unit,
    first: int,
    stop: int,
    span: tuple[int, int],
    replacements: tuple[str, ...] | None,
    advice: str,
) -> tuple[tuple[int, int], list[Suggestion]]:
    """The span a replacement takes and the suggestions that replace it (none for a rule without one)."""
    meta = rule.meta
    start, end = span
    matched = unit.text[start:end]
    if replacements is None:
        return span, []
    if replacements == ("",) and unit.name == "subject":
        # Deleting words from a subject line can leave it empty or broken: show it, never apply it.
        rest = tidy_sentence(unit.text[:start] + unit.text[end:])
        return span, [Suggestion(None, f"Rewrite: “{rest}”" if len(rest.split()) >= 2 else advice, FixSafety.NONE)]
    if replacements == ("",) and rule.sentence:
        sentence = unit.sentence_at(first)
        # The words of the sentence the match leaves (a match never crosses a sentence end).
        leftover = (
            unit.alphabetic_tokens(sentence.start, sentence.end)
            - unit.alphabetic_tokens(max(first, sentence.start), min(stop, sentence.end))
            if sentence
            else 2
        )
        if sentence and leftover <= 1:
            return sentence_with_trailing_space(unit, sentence), [
                Suggestion("", with_advice("Delete the sentence.", advice), meta.fix)
            ]
        return span, []
    if replacements == ("",):
        return deletion(unit.text, start, end, matched, advice, meta.fix)
    suggestions = []
    for replacement in replacements:
        text = _match_case(replacement, matched)
        label = f"Delete “{matched.strip()}”." if text == "" else f"Write “{text}”."
        suggestions.append(Suggestion(text, with_advice(label, advice), meta.fix))
    return span, suggestions


def _rewritten(
    rule: PhraseRule,
    unit: Unit,
    first: int,
    start: int,
    end: int,
    captured: dict[str, str],
    facts: RewriteFacts,
    template: str | None = None,
) -> str | None:
    """The flagged sentence rewritten by ``template``, or by the first of the rule's templates whose captures the
    match has and whose result reads as a sentence, in the email's form of address (None: there is none)."""
    if template is not None:
        candidates: list[str] | tuple[str, ...] = (template,)
    else:
        candidates = [t for t, names in _template_names(rule.meta.template) if names <= captured.keys()]
    if not candidates:
        return None
    text = unit.text
    sentence = unit.sentence_at(first)
    begin, stop = (sentence.start_char, sentence.end_char) if sentence else (start, end)
    begin, stop = min(begin, start), max(stop, end)
    fields = {
        "sentence": text[begin:stop].strip(),
        "text": text[start:end],
        "before": text[begin:start],
        "after": text[end:stop].rstrip(),
        "rest": text[end:stop].rstrip().rstrip(".!?…"),
        "topic": facts.topic,
    }
    for candidate in candidates:
        fitted = facts.fit(candidate)
        rewritten = _filled(fitted, fields, captured, rule) if fitted is not None else None
        if rewritten is not None:
            return rewritten
    return None


def _filled(template: str, sentence_fields: dict[str, str], captured: dict[str, str], rule: PhraseRule) -> str | None:
    """One template filled from the flagged sentence's fields and the match's captures (None: the result would
    not read as a sentence)."""
    fields = {**sentence_fields, **{name: inline_capture(template, name, value) for name, value in captured.items()}}
    if template.startswith("{before}{after}"):
        joined = joined_without(fields["before"], fields["text"], fields["after"])
        if joined is None:
            return None
        fields["before"], fields["after"] = joined
    rewritten = tidy_sentence(_fill(template, fields))
    if not rewritten.strip(" .!?"):
        return None  # the whole sentence goes: the deletion says it
    keeps_context = any(f"{{{field}}}" in template for field in ("before", "after", "rest"))
    if keeps_context and "[" not in rewritten and not _reads_as_sentence(rewritten, fields, rule):
        return None
    return rewritten


@functools.cache
def _template_names(templates: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """A rule's templates, each with the capture names it needs (worked out once per rule)."""
    return tuple((t, frozenset(PLACEHOLDER.findall(t)) - TEMPLATE_FIELDS) for t in templates)


#: Words a main clause does not start with: what is left is a subordinate clause ("Dass die Preise steigen.").
_SUBORDINATE = frozenset(
    {"dass", "weil", "warum", "wie", "wo", "ob", "wenn", "that", "because", "why", "how", "whether", "if"}
)


def _reads_as_sentence(rewritten: str, fields: dict[str, str], rule: PhraseRule) -> bool:
    """Whether a sentence rewritten from its own words still reads as one: three words or more, no subordinate
    clause left alone, and in German no clause cut off in front of the verb ("Wie bereits gesagt, dauert …"
    would leave "Dauert …")."""
    words = rewritten.split()
    if len(words) < 3 or words[0].lower().strip(",") in _SUBORDINATE | _PREPOSITIONS:
        return False  # "Dass die Preise steigen." or "On the note I sent two weeks ago." is no sentence
    if rule.meta.language != "de":
        return True
    after = fields["after"].lstrip()
    last = fields["text"].split()[-1].lower().strip(",") if fields["text"].split() else ""
    rest = after.lstrip(", ")
    subject_next = rest.split(maxsplit=1)[0] in _CLAUSE_SUBJECTS if rest else False
    in_front = not fields["before"].strip() and (after.startswith(",") or after[:1].islower()) and not subject_next
    ends_with_comma = fields["text"].rstrip().endswith(",") and not subject_next
    return not (in_front or ends_with_comma or last in _SUBORDINATE | {"da", "denn", "wegen"})


#: Words a sentence left without its lead-in must not start with: it lost its verb ("Just checking in on the
#: note I sent" → "On the note I sent").
_PREPOSITIONS = frozenset({"on", "about", "regarding", "re", "bezüglich", "wegen"})

#: German words a main clause can start with after a deleted lead-in ("Vertrauen Sie mir, das ist …" → "Das
#: ist …"); a verb there would mean the lead-in held the clause's first place ("Wie gesagt, dauert …").
_CLAUSE_SUBJECTS = frozenset(
    {"das", "dies", "es", "er", "sie", "Sie", "wir", "ich", "man", "der", "die", "unser", "unsere", "ihr", "ihre"}
    | {"Ihr", "Ihre", "du", "dein", "deine", "jeder", "jede", "alle", "viele"}
)


@dataclass(frozen=True, slots=True)
class _PhrasePlan:
    """One spelled-out variant of a pattern, as ``PhraseEngine.run`` uses it: the rule, whether it is an
    exception, the exact forms each matched token must have, and the tokens of the reported span."""

    code: str
    key: str
    kept: tuple[int, ...]
    exception: bool
    #: Per matched token: (True for exact case, False for lower case, the forms it may have).
    forms: tuple[tuple[bool, frozenset[str]], ...]
    #: The first and last index into ``kept`` inside the reported span (None: the variant has none).
    inside: tuple[int, int] | None

    @classmethod
    def of(cls, code: str, key: str, kept: tuple[int, ...], compiled: CompiledPattern) -> _PhrasePlan:
        forms = []
        for index in kept:
            attribute, allowed = token_forms(compiled.tokens[index])
            forms.append((attribute == "ORTH", frozenset(allowed)))
        inside = [i for i, item in enumerate(kept) if compiled.span_first <= item <= compiled.span_last]
        return cls(code, key, kept, _EXCEPTION in key, tuple(forms), (inside[0], inside[-1]) if inside else None)

    def verify(self, tokens: list[str], start: int, end: int) -> bool:
        """Check a stem-level candidate at tokens [start, end) against the exact forms of each token."""
        if end - start != len(self.forms):
            return False
        for text, (exact, allowed) in zip(tokens[start:end], self.forms, strict=True):
            if (text if exact else text.lower()) not in allowed:
                return False
        return True


def _required_words(pattern: tuple[Step, ...]) -> list[frozenset[str]]:
    """For each item every match must contain (not optional, not a gap), the lower-case forms it accepts."""
    return [
        frozenset(form.lower() for form in step.forms)
        for step in pattern
        if step.least >= 1 and step.attribute in ("LOWER", "ORTH")
    ]


#: ``{name:none}`` shows nothing: it only makes a template need the capture (the template is used for the
#: matches of the pattern that captures it).
_CASES = {"lower": str.lower, "upper": str.upper, "none": lambda value: ""}


def _fill(template: str, captured: dict[str, str]) -> str:
    """A rewrite template with ``{name}`` replaced by the captured words (and ``{text}``, ``{sentence}``,
    ``{before}``, ``{after}`` when given), ``{name:lower}``/``{name:upper}`` by them in that case; line breaks
    inside a value become spaces."""
    if "{" not in template:
        return template
    for name, value in captured.items():
        if "{" + name not in template:
            continue
        value = " ".join(value.split()) if "\n" in value else value
        template = template.replace("{" + name + "}", value)
        if ":" in template:
            for case, convert in _CASES.items():
                template = template.replace("{" + name + ":" + case + "}", convert(value))
    return template


def with_legal_risk(finding: RawFinding) -> RawFinding:
    """A finding of a rule whose claim carries a legal risk: the risk added to its message (unless the message
    cites the law already), and the rule's slot for a checkable fact offered after the rule's own replacement
    (first, when the rule has none)."""
    meta = finding.meta
    message = finding.message or meta.message
    if "UWG" not in message and "§" not in message:
        finding.message = f"{message}; legal risk: {meta.legal_risk}"
    if meta.fact_slot is None or any(s.replacement == meta.fact_slot for s in finding.suggestions):
        return finding
    slot = Suggestion(
        meta.fact_slot,
        "Put a fact a competitor could check (figure, source, date) in its place.",
        FixSafety.NONE,
        meta.example,
    )
    first = finding.suggestions[:1]
    if first and first[0].replacement is not None:
        finding.suggestions = (first[0], slot, *finding.suggestions[1:])
    else:
        finding.suggestions = (slot, *finding.suggestions)
    return finding


def _start_gate(pattern: tuple[Step, ...]) -> frozenset[str] | None:
    """Lower-case forms a match can start with (None when a wildcard may come first)."""
    forms: set[str] = set()
    for step in pattern:
        if step.attribute == "ANY":
            return None
        forms.update(form.lower() for form in step.forms)
        if step.least:
            return frozenset(forms)
    return None


def _match_case(replacement: str, matched: str) -> str:
    """The replacement capitalised like the match ("Obviously" → "Clearly"); a shouted word ("NEVER") is no
    capital to keep."""
    shouted = len(matched) > 1 and matched.isupper()
    if replacement and matched[:1].isupper() and replacement[:1].islower() and not shouted:
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _unblocked(
    matches: list[tuple[int, int, str]], blocked: list[tuple[int, int]], size: int
) -> list[tuple[int, int, str]]:
    """The matches that overlap no exception match (token ranges; marking the blocked tokens keeps this linear)."""
    if not blocked:
        return matches
    marked = bytearray(size)
    for start, end in blocked:
        marked[start:end] = b"\x01" * (end - start)
    return [m for m in matches if not any(marked[m[0] : m[1]])]


def _longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop matches that overlap a longer (or earlier) match of the same rule."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        tokens = range(match[0], match[1])
        if taken.isdisjoint(tokens):
            kept.append(match)
            taken.update(tokens)
    return sorted(kept)
