"""Accuracy on labelled sets: precision, recall and F1 per category and language, spelling, and timing.

    python bench/accuracy.py                    # every set under bench/labelled/
    python bench/accuracy.py blind-en-1 --details

A set is a folder of `<id>.txt` emails, optional `<id>.prospect.toml` and one `labels.json`
(bench/labelled/GUIDE.md). A category counts as predicted when any finding of the email has it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach_lint import Linter  # noqa: E402
from outreach_lint.prospect import load_prospect  # noqa: E402
from outreach_lint.source import read_path  # noqa: E402

LABELLED = ROOT / "bench" / "labelled"
CATEGORIES = ("generic-pitch", "research", "talking-down", "overpromise", "merge-field")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 1.0


@dataclass
class Spelling:
    expected: int = 0
    found: int = 0
    false_alarms: int = 0
    words: int = 0


@dataclass
class SetResult:
    name: str
    emails: int = 0
    seconds: float = 0.0
    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)
    spelling: dict[str, Spelling] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def score_set(folder: Path, linter: Linter, details: bool) -> SetResult:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    result = SetResult(folder.name)
    for email_id, label in sorted(labels.items()):
        lang = label["lang"]
        prospect_file = folder / f"{email_id}.prospect.toml"
        prospect = load_prospect(prospect_file) if prospect_file.exists() else None
        started = time.perf_counter()
        report = linter.check_source(read_path(folder / f"{email_id}.txt"), lang=lang, prospect=prospect)
        result.seconds += time.perf_counter() - started
        result.emails += 1
        predicted = {f.category for f in report.findings}
        wrong = []
        for category in CATEGORIES:
            counts = result.counts.setdefault((category, lang), Counts())
            gold = bool(label["labels"].get(category))
            guess = category in predicted
            counts.tp += gold and guess
            counts.fp += guess and not gold
            counts.fn += gold and not guess
            if gold != guess:
                wrong.append(("missed " if gold else "false ") + category)
        spelling = result.spelling.setdefault(lang, Spelling())
        expected = {w.lower() for w in label["labels"].get("spelling", [])}
        flagged = {f.text.strip().lower() for f in report.findings if f.category == "spelling"}
        spelling.expected += len(expected)
        spelling.found += len(expected & flagged)
        spelling.false_alarms += len(flagged - expected)
        spelling.words += len((report.source_text or "").split())
        if details and wrong:
            lines = [f"{email_id} ({lang}): " + ", ".join(wrong)]
            for finding in report.findings:
                if any(finding.category in w for w in wrong):
                    lines.append(f"    {finding.code} {finding.category}: {finding.text[:90]!r}")
            for key, note in label.get("notes", {}).items():
                lines.append(f"    note {key}: {note}")
            result.misses.append("\n".join(lines))
    return result


def print_result(result: SetResult) -> list[float]:
    print(f"\n## {result.name}: {result.emails} emails, {result.emails / max(result.seconds, 1e-9):.0f} emails/s warm")
    print(f"{'category':14} {'lang':4} {'gold+':>5} {'pred+':>5} {'P':>5} {'R':>5} {'F1':>5}")
    f1s = []
    for category in CATEGORIES:
        total = Counts()
        for lang in ("en", "de"):
            counts = result.counts.get((category, lang))
            if counts is None:
                continue
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
            print(
                f"{category:14} {lang:4} {counts.tp + counts.fn:5} {counts.tp + counts.fp:5} "
                f"{counts.precision:5.2f} {counts.recall:5.2f} {counts.f1:5.2f}"
            )
        f1s.append(total.f1)
        print(
            f"{category:14} {'all':4} {total.tp + total.fn:5} {total.tp + total.fp:5} "
            f"{total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}"
        )
    print(f"macro-F1 over {len(CATEGORIES)} categories: {sum(f1s) / len(f1s):.2f}")
    for lang, spelling in sorted(result.spelling.items()):
        recall = spelling.found / spelling.expected if spelling.expected else 1.0
        per_100 = 100 * spelling.false_alarms / max(spelling.words, 1)
        print(
            f"spelling {lang}: recall {recall:.2f} ({spelling.found}/{spelling.expected}), "
            f"false alarms {per_100:.2f} per 100 words ({spelling.false_alarms} in {spelling.words} words)"
        )
    for miss in result.misses:
        print(miss)
    return f1s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", help="set folders under bench/labelled (default: all)")
    parser.add_argument("--details", action="store_true", help="list every wrong email with its findings and notes")
    args = parser.parse_args()
    folders = [LABELLED / name for name in args.sets] or sorted(p.parent for p in LABELLED.glob("*/labels.json"))
    linter = Linter()
    linter.warm_up()
    for folder in folders:
        print_result(score_set(folder, linter, args.details))


if __name__ == "__main__":
    main()
