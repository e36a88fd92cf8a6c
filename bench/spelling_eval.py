"""Spelling benchmark: recall on real-world typos, false alarms on real prose and clean emails, overhead.

Run from the repository root:  python bench/spelling_eval.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import pin_to_one_core, warm_throughput  # noqa: E402

from outreach_lint import Linter  # noqa: E402

DATA = ROOT / "bench" / "spelling"
#: A real misspelling in the source text itself: finding it is right, not a false alarm.
KNOWN_REAL_TYPOS = {"Körperschafsteuer"}
LISTED = re.compile(r"“([^”]+)”")


def ranked(finding) -> list[str]:
    """A finding's suggestions, best first: its fix, or else the words its description lists (“…”)."""
    first = finding.suggestions[0]
    if first.replacement is not None:
        return [s.replacement for s in finding.suggestions] + LISTED.findall(first.description)[1:]
    return LISTED.findall(first.description)[1:]  # the first quoted word is the misspelling itself


def recall(linter: Linter, language: str) -> dict[str, float | int]:
    """Typos found; how often the finding carries a fix and how often that fix is the intended word; the
    intended word first (top1) or among the first three (top3) of the fix or the listed suggestions."""
    rows = list(csv.DictReader((DATA / f"sentences_{language}.tsv").open(encoding="utf-8"), delimiter="\t"))
    found = top1 = top3 = fixes = right_fixes = 0
    for row in rows:
        report = linter.lint(row["sentence"], language)
        hits = [f for f in report.findings if f.text == row["typo"]]
        if hits:
            found += 1
            suggestions = ranked(hits[0])
            top1 += suggestions[:1] == [row["correct"]]
            top3 += row["correct"] in suggestions[:3]
            fix = hits[0].suggestions[0].replacement
            fixes += fix is not None
            right_fixes += fix == row["correct"]
    return {
        "pairs": len(rows),
        "recall": round(found / len(rows), 3),
        "top1_suggestion": round(top1 / len(rows), 3),
        "top3_suggestion": round(top3 / len(rows), 3),
        "fix_rate": round(fixes / len(rows), 3),
        "fix_precision": round(right_fixes / fixes, 3) if fixes else 1.0,
    }


def false_alarms(linter: Linter, language: str) -> dict[str, object]:
    text = (DATA / f"prose_{language}.txt").read_text(encoding="utf-8")
    report = linter.lint(text, language)
    flagged = [f.text for f in report.findings if f.text not in KNOWN_REAL_TYPOS]
    words = len(text.split())
    return {
        "words": words,
        "flags": len(flagged),
        "per_100_words": round(100 * len(flagged) / words, 2),
        "flagged": sorted(set(flagged)),
    }


def overhead(seconds: float = 4.0) -> dict[str, float]:
    """Warm emails per second without and with spelling, and the time spelling adds."""
    rates = {}
    for label, linter in (("without_spelling", Linter(spelling="off")), ("with_spelling", Linter())):
        linter.warm_up()
        rates[label], _ = warm_throughput(linter, seconds)
    added = rates["without_spelling"] / rates["with_spelling"] - 1
    return {**{k: round(v) for k, v in rates.items()}, "added_time_percent": round(100 * added, 1)}


def main() -> None:
    pin_to_one_core()
    linter = Linter(select=("SP",))
    results = {
        "recall_en": recall(linter, "en"),
        "recall_de": recall(linter, "de"),
        "prose_de": false_alarms(linter, "de"),
        "prose_en": false_alarms(linter, "en"),
        "overhead": overhead(),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "spelling.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
