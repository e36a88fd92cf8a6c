"""The fix loop: apply the fixes that do not overlap (earliest first), check the result again, repeat.

A batch of fixes is kept only when the re-checked email has no finding whose code and text were not in the
first report, keeps every signature line and (Markdown) its token structure; otherwise its fixes are tried one
by one on top of the ones kept, and a fix that fails is left out of every later pass. At most ``MAX_PASSES``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..models import FileReport, Finding, FixSafety
from .formats import Format
from .tidy import Edit, splice

MAX_PASSES = 10

#: Checks a fixed text the way the original was checked.
Relint = Callable[[str], FileReport]


def applicable(finding: Finding, unsafe: bool) -> str | None:
    """The replacement a fix run would apply for this finding, if any (its first suggestion with one)."""
    for suggestion in finding.suggestions:
        if suggestion.replacement is None:
            continue
        if suggestion.fix is FixSafety.SAFE or (unsafe and suggestion.fix is FixSafety.UNSAFE):
            added = suggestion.replacement.startswith(finding.text)  # lines added after it: the Pflichtangaben
            if _SLOT.search(suggestion.replacement) and not _SLOT.search(finding.text) and not added:
                return None  # "[Kunde]" in place of their words: only the rep can fill it in
            return suggestion.replacement
        return None
    return None


_SLOT = re.compile(r"\[[^\[\]\n]{1,80}\]")


def finding_key(finding: Finding) -> tuple[str, str]:
    """A finding's identity across passes: its code and its text (case and white space normalised)."""
    return text_key(finding.code, finding.text)


def text_key(code: str, text: str) -> tuple[str, str]:
    return code, " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Candidate:
    finding: Finding
    edit: Edit


@dataclass(frozen=True, slots=True)
class Rejection:
    """A fix that was not applied, and why."""

    code: str
    text: str
    replacement: str
    reason: str


@dataclass(slots=True)
class FixOutcome:
    """What a fix run does to one email."""

    original: str
    text: str
    applied: int = 0
    passes: int = 0
    report: FileReport | None = None  #: the re-check of ``text``, when a fix was applied
    fixed: list[bool] = field(default_factory=list)  #: per finding of the first report: its fix is applied
    remaining: list[bool] = field(default_factory=list)  #: per finding of ``report``: still fixable
    rejected: list[Rejection] = field(default_factory=list)


class _Verdict(NamedTuple):
    report: FileReport | None
    reason: str


class _Guard:
    """Decides whether a fixed text may replace the original."""

    def __init__(
        self, original: str, fmt: Format, baseline: set[tuple[str, str]], relint: Relint, signature: list[str]
    ) -> None:
        self.fmt = fmt
        self.shape = fmt.shape(original)
        self.baseline = baseline
        self.relint = relint
        self.signature = signature

    def check(self, base: FileReport, text: str, edits: list[Edit], lines: Callable[[str], list[str]]) -> _Verdict:
        if self.shape is not None and self.fmt.shape(text) != self.shape:
            return _Verdict(None, "it changes the Markdown structure")
        if self.signature and not _in_order(self.signature, lines(text)):
            return _Verdict(None, "it changes the signature")
        report = self.relint(text)
        if report.error:
            return _Verdict(None, "the fixed email cannot be checked")
        new = sorted(
            finding_key(f) for f in report.findings if not carried_over(f, edits, self.baseline, base.findings)
        )
        if new:
            code, found = new[0]
            return _Verdict(None, f"it creates a new finding: {code} “{found}”")
        return _Verdict(report, "")


def carried_over(finding: Finding, edits: list[Edit], known: set[tuple[str, str]], previous: list[Finding]) -> bool:
    """Whether a finding of the fixed text was there before: its code and text were, or it holds text the
    edits left as it was and a finding of the same rule lay on that text before (a sentence-level finding
    whose sentence lost a word is the same finding; one made of replacement text only is new)."""
    if finding_key(finding) in known:
        return True
    same_rule = [f for f in previous if f.code == finding.code]
    return any(
        f.start.offset < old_end and f.end.offset > old_start
        for old_start, old_end in _unchanged_parts(finding, edits)
        for f in same_rule
    )


def _unchanged_parts(finding: Finding, edits: list[Edit]) -> list[tuple[int, int]]:
    """The parts of the finding's span (in offsets before the edits) that no edit wrote, white space aside."""
    start, end, text = finding.start.offset, finding.end.offset, finding.text
    parts = []
    position, shift = start, 0  # shift: new offset minus old offset before ``position``
    for edit in edits:
        new_start = edit.start + shift
        new_end = new_start + len(edit.replacement)
        if new_start >= end:
            break
        if new_end > position:
            if new_start > position:
                parts.append((position, new_start, shift))
            position = max(position, new_end)
        shift += len(edit.replacement) - (edit.end - edit.start)
    if position < end:
        parts.append((position, end, shift))
    return [(s - shift, e - shift) for s, e, shift in parts if text[s - start : e - start].strip()]


def _in_order(wanted: list[str], lines: list[str]) -> bool:
    """Whether every line of ``wanted`` is one of ``lines``, in the same order."""
    remaining = iter(lines)
    return all(any(line == want for line in remaining) for want in wanted)


def candidates(
    text: str, findings: list[Finding], unsafe: bool, fmt: Format, allowed: Counter | None = None
) -> list[Candidate]:
    """The fixes of one pass: applicable, writable in this format, not overlapping (earliest first), and each
    code and text at most as often as ``allowed`` says (None: no limit)."""
    chosen: list[Candidate] = []
    last_end = -1
    used: Counter[tuple[str, str]] = Counter()
    for finding in sorted(findings, key=lambda f: (f.start.offset, f.end.offset)):
        replacement = applicable(finding, unsafe)
        start, end = finding.start.offset, finding.end.offset
        if replacement is None or start < last_end or text[start:end] != finding.text:
            continue
        key = finding_key(finding)
        raw = fmt.raw_replacement(text, finding, replacement)
        if raw is None or raw == finding.text or (allowed is not None and used[key] >= allowed[key]):
            continue
        used[key] += 1
        chosen.append(Candidate(finding, Edit(start, end, raw)))
        last_end = end
    return chosen


@dataclass(slots=True)
class FixLoop:
    """Runs the passes for one email."""

    fmt: Format
    unsafe: bool
    relint: Relint
    lines: Callable[[str], list[str]]  #: the lines of an email's text, as the signature check compares them
    signature: list[str]

    def run(self, text: str, report: FileReport) -> FixOutcome:
        outcome = FixOutcome(text, text, fixed=[False] * len(report.findings))
        allowed = Counter(finding_key(f) for f in report.findings if applicable(f, self.unsafe) is not None)
        guard = _Guard(text, self.fmt, {finding_key(f) for f in report.findings}, self.relint, self.signature)
        fixed: Counter[tuple[str, str]] = Counter()
        current = report
        chosen = candidates(text, current.findings, self.unsafe, self.fmt, allowed)
        while chosen and outcome.passes < MAX_PASSES:
            outcome.passes += 1
            accepted, fixed_text, rechecked = self._pass(text, current, chosen, guard, allowed, outcome.rejected)
            if rechecked is None:
                break
            for candidate in accepted:
                key = finding_key(candidate.finding)
                allowed[key] -= 1
                fixed[key] += 1
            outcome.applied += len(accepted)
            guard.baseline |= {finding_key(f) for f in rechecked.findings}  # each was judged to be there before
            text, current, outcome.report = fixed_text, rechecked, rechecked
            chosen = candidates(text, current.findings, self.unsafe, self.fmt, allowed)
        outcome.text = text
        for index, finding in enumerate(report.findings):
            key = finding_key(finding)
            if fixed[key] > 0:
                outcome.fixed[index] = True
                fixed[key] -= 1
        if outcome.report is not None:
            pending = {id(c.finding) for c in chosen}
            outcome.remaining = [id(f) in pending for f in outcome.report.findings]
        return outcome

    def _splice(self, text: str, chosen: list[Candidate]) -> tuple[str, list[Edit]]:
        newline = "\r\n" if "\r\n" in text else "\n"
        return splice(text, [c.edit for c in chosen], self.fmt.markup, newline)

    def _pass(
        self,
        text: str,
        base: FileReport,
        chosen: list[Candidate],
        guard: _Guard,
        allowed: Counter,
        rejected: list[Rejection],
    ) -> tuple[list[Candidate], str, FileReport | None]:
        """Apply the batch; when the result fails, the fixes one at a time on top of those kept."""
        batch_text, edits = self._splice(text, chosen)
        verdict = guard.check(base, batch_text, edits, self.lines)
        if verdict.report is not None:
            return chosen, batch_text, verdict.report
        accepted: list[Candidate] = []
        kept_text, kept_report = text, None
        for candidate in chosen:
            trial = [*accepted, candidate]
            trial_text, edits = self._splice(text, trial)
            verdict = guard.check(base, trial_text, edits, self.lines) if len(chosen) > 1 else verdict
            if verdict.report is None:
                finding = candidate.finding
                allowed[finding_key(finding)] = 0
                rejected.append(Rejection(finding.code, finding.text, candidate.edit.replacement, verdict.reason))
                continue
            accepted, kept_text, kept_report = trial, trial_text, verdict.report
        return accepted, kept_text, kept_report
