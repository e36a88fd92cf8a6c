"""How good are the suggested rewrites? Every finding's first suggestion, classified automatically.

    python bench/rewrite_quality.py            # counts per class, per category and language, and examples
    python bench/rewrite_quality.py --json     # the same counts as one JSON object

For every finding on every email in bench/corpus, bench/labelled and examples/, the proposed sentence is
the flagged sentence with the replacement applied (a suggestion with a replacement), or the sentence quoted
after "Rewrite:" in the description (otherwise the whole description). It is then:

- (a) ``own-words``: the proposed sentence shares most (≥ 50 %) of its content words with the flagged
  sentence, or ≥ 60 % with the email — a replacement for the span or a sentence rewritten from the email's
  own words (a sentence moved up from later in the email counts);
- (b) ``slot``: it leaves a visible slot for a fact only the rep has (``[customer]``, ``[Zahl]``);
- (c) ``canned``: its content words are mostly not in the email or its prospect file (a stock sentence
  about someone else);
- (d) ``garbled``: double spaces, dangling punctuation, a lowercase sentence start the email did not have,
  a repeated word, or "Delete … Delete".

Targets: (a)+(b) ≥ 90 %, no (c) among replacements, no (d).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach_lint import Linter  # noqa: E402
from outreach_lint.language import FUNCTION_WORDS  # noqa: E402
from outreach_lint.models import Finding  # noqa: E402
from outreach_lint.prospect import load_prospect  # noqa: E402
from outreach_lint.source import KNOWN_EXTENSIONS, read_path  # noqa: E402

FOLDERS = ("bench/corpus", "bench/labelled", "examples")
CLASSES = ("own-words", "slot", "canned", "garbled")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SLOT = re.compile(r"\[[^\]\n]{2,60}\]")
_TAG = re.compile(r"<[^>]*>")
_ANY_QUOTE = re.compile(r"[“„]([^”“„]+)[”“]")
_QUOTED = re.compile(r"Rewrite: [“„\"](.+?)[”“\"](?:\s|$)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
_STOP_WORDS = (
    "a an the and or but to of in on at for with by from as is are was be been it this that these those "
    "you your we our i my me us they their them he she his her its not no so if then than also just very "
    "would could should will can may might do does did have has had about into over more most such what "
    "which who whom how when where why there here all any each one two der die das den dem des ein eine "
    "einen einem einer und oder aber mit von zu für auf im in an am bei ist sind war wird werden hat haben "
    "ich wir sie ihr ihre ihren ihrem ihrer uns unser unsere nicht kein keine auch so wie was wer dass "
    "noch nur schon sehr es er man sich"
)
_EXTRA_STOP = frozenset(_STOP_WORDS.split())
_ARTICLE_THEN_PUNCT = re.compile(r"\b(?:the|a|an|ein|eine|einen|einem)\s*[,.;:!?]", re.I)


@dataclass(frozen=True, slots=True)
class Judged:
    file: str
    language: str
    code: str
    category: str
    kind: str
    flagged: str
    proposed: str
    description: str
    replacement: bool


_NOT_EMAILS = ("README.md", "GUIDE.md", "RESULTS.md")


def emails() -> list[Path]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in KNOWN_EXTENSIONS and path.name not in _NOT_EMAILS:
                found.append(path)
    return found


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).replace("\xa0", " ")


def content_words(text: str) -> set[str]:
    """Lower-case content words, cut to their first five letters (a crude stem for both languages)."""
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return {w[:5] for w in words if len(w) > 2 and w not in FUNCTION_WORDS and w not in _EXTRA_STOP}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (split at . ! ? and line ends) around [start, end)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    end = max(begin, start + len(text[start:end].rstrip()))
    stop = _SENTENCE_END.search(text, max(end - 1, begin))
    return begin, (stop.start() if stop else len(text))


def proposal(finding: Finding, source: str) -> tuple[str, str, bool]:
    """(flagged sentence, proposed sentence, whether the suggestion has a replacement)."""
    start, end = finding.start.offset, finding.end.offset
    begin, stop = sentence_bounds(source, start, end)
    stop = max(stop, start + len(source[start:end].rstrip()))
    flagged = source[begin:stop]
    suggestion = finding.suggestions[0]
    if suggestion.replacement is not None:
        rest = source[end:stop] if end < stop else ""
        return plain(flagged), plain(source[begin:start] + suggestion.replacement + rest), True
    word = source[start:end]
    offered = [q for q in _ANY_QUOTE.findall(suggestion.description) if q != word]
    if offered and " " not in word.strip() and " " not in offered[0].strip():
        # A word for a word (a spelling suggestion listed, not applied): judged in its sentence.
        rest = source[end:stop] if end < stop else ""
        return plain(flagged), plain(source[begin:start] + offered[0] + rest), False
    quoted = _QUOTED.search(suggestion.description)
    return plain(flagged), (quoted.group(1) if quoted else suggestion.description), False


def garbled(flagged: str, proposed: str, description: str) -> bool:
    text = re.sub(r"[ \t]*\n\s*", " ", proposed.strip())
    flagged = re.sub(r"[ \t]*\n\s*", " ", flagged)
    if "  " in text and "  " not in flagged:
        return True
    if re.search(r"\s[,.;:!?](?!\S)|^[,.;:]|[,;:]\s*[.!?]|,,", text) and not re.search(
        r"\s[,.;:!?](?!\S)|^[,.;:]", flagged.strip()
    ):
        return True
    if _ARTICLE_THEN_PUNCT.search(text) and not _ARTICLE_THEN_PUNCT.search(flagged):
        return True
    first = next((c for c in text if c.isalpha()), "")
    original = next((c for c in flagged.strip() if c.isalpha()), "")
    if first.islower() and not original.islower() and not text.startswith(("[", "…")):
        return True
    repeated = re.search(r"\b(\w+)\s+\1\b", text, re.I)
    if repeated:
        word = re.escape(repeated.group(1))
        if not re.search(rf"\b{word}\s+{word}\b", flagged, re.I):
            return True
    return bool(re.search(r"Delete\b.*\bDelete\b|Löschen\b.*\bLöschen\b", description))


def classify(flagged: str, proposed: str, description: str, email: str) -> str:
    if garbled(flagged, proposed, description):
        return "garbled"
    if _SLOT.search(proposed):
        return "slot"
    words = content_words(_SLOT.sub(" ", proposed))
    if not words:
        return "own-words"
    in_sentence = len(words & content_words(flagged)) / len(words)
    in_email = len(words & content_words(email)) / len(words)
    return "own-words" if in_sentence >= 0.5 or in_email >= 0.6 else "canned"


def judge() -> list[Judged]:
    linter = Linter()
    judged = []
    for path in emails():
        prospect_file = path.with_name(path.stem + ".prospect.toml")
        prospect = load_prospect(prospect_file) if prospect_file.exists() else None
        report = linter.check_source(read_path(path), prospect=prospect)
        source = report.source_text or ""
        for finding in report.findings:
            if not finding.suggestions:
                continue
            flagged, proposed, has_replacement = proposal(finding, source)
            description = finding.suggestions[0].description
            context = plain(source) + (prospect_file.read_text(encoding="utf-8") if prospect_file.exists() else "")
            kind = classify(flagged, proposed, description, context)
            judged.append(
                Judged(
                    str(path.relative_to(ROOT)),
                    report.language or "?",
                    finding.code,
                    finding.category,
                    kind,
                    flagged.strip(),
                    proposed.strip(),
                    description,
                    has_replacement,
                )
            )
    return judged


def table(title: str, groups: dict[str, Counter]) -> list[str]:
    lines = [f"{title:<28}{'n':>6}" + "".join(f"{c:>11}" for c in CLASSES) + f"{'(a)+(b)':>10}"]
    for name in sorted(groups):
        counts = groups[name]
        total = sum(counts.values())
        cells = "".join(f"{counts[c]:>5} {100 * counts[c] / total:>4.0f}%" for c in CLASSES)
        good = 100 * (counts["own-words"] + counts["slot"]) / total
        lines.append(f"{name:<28}{total:>6}{cells}{good:>9.1f}%")
    return lines


def summary(judged: list[Judged]) -> dict:
    total = Counter(j.kind for j in judged)
    return {
        "findings": len(judged),
        "classes": {c: total[c] for c in CLASSES},
        "good_percent": round(100 * (total["own-words"] + total["slot"]) / max(len(judged), 1), 1),
        "canned_replacements": sum(1 for j in judged if j.kind == "canned" and j.replacement),
    }


def report(judged: list[Judged]) -> None:
    overall = {"all": Counter(j.kind for j in judged)}
    per_category: dict[str, Counter] = defaultdict(Counter)
    per_language: dict[str, Counter] = defaultdict(Counter)
    per_both: dict[str, Counter] = defaultdict(Counter)
    for item in judged:
        per_category[item.category][item.kind] += 1
        per_language[item.language][item.kind] += 1
        per_both[f"{item.language} {item.category}"][item.kind] += 1
    for title, groups in (("overall", overall), ("category", per_category), ("language", per_language),
                          ("language × category", per_both)):
        print("\n".join(table(title, groups)), end="\n\n")
    facts = summary(judged)
    print(f"(c) among replacements: {facts['canned_replacements']}")
    worst = Counter(f"{j.code} {j.kind}" for j in judged if j.kind in ("canned", "garbled"))
    print("most frequent (c)/(d) codes: " + ", ".join(f"{key} {n}" for key, n in worst.most_common(25)))
    for kind in ("canned", "garbled"):
        chosen = [j for j in judged if j.kind == kind]
        print(f"\n{len(chosen)} {kind}; up to 10 examples (one per code):")
        seen: set[str] = set()
        for item in chosen:
            if item.code in seen or len(seen) >= 10:
                continue
            seen.add(item.code)
            print(f"  {item.code} {item.file}\n    flagged:  {item.flagged[:160]}\n    proposed: {item.proposed[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the overall counts as JSON")
    args = parser.parse_args()
    judged = judge()
    if args.json:
        print(json.dumps(summary(judged), indent=2))
    else:
        report(judged)


if __name__ == "__main__":
    main()
