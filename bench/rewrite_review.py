"""Material for a blind reader's judgement of rewrites and fixes, and the tally of the judgements.

    python bench/rewrite_review.py make OUT [--fixes 50] [--suggestions 100] [--seed 7]
    python bench/rewrite_review.py tally OUT

``make`` writes, for a random sample of emails from bench/corpus/**/bad, examples/ and bench/labelled/**:
  OUT/fixes/NN.before.txt, NN.after.txt   the email before and after `--fix --unsafe-fixes` (changed ones only)
  OUT/fixes.json                           one entry per changed email: {"id", "changes": [{"before", "after"}]}
  OUT/suggestions.json                     one entry per sampled finding: flagged sentence, message, suggestion
and empty judgement files for the reader (fixes.judged.json, suggestions.judged.json) with the allowed values.
Nothing in OUT names a rule or the linter's code: the reader judges prose only.

``tally`` counts the reader's verdicts: better / same / worse per change, and a / b / c / d per suggestion
(a: made from the sentence's own words, b: a visible slot for a fact only the writer has, c: canned or about
something else, d: garbled).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach_lint import Linter  # noqa: E402
from outreach_lint.fixing import Fixer  # noqa: E402
from outreach_lint.source import read_path  # noqa: E402


def _emails() -> list[Path]:
    found = sorted((ROOT / "bench" / "corpus").glob("*/bad/*.txt"))
    found += sorted((ROOT / "examples").rglob("*.txt"))
    found += sorted((ROOT / "bench" / "labelled").glob("*/*.txt"))
    return found


def _changes(before: str, after: str) -> list[dict[str, str]]:
    """The changed lines, as pairs a reader can compare."""
    old, new = before.splitlines(), after.splitlines()
    pairs = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            pairs.append({"before": "\n".join(old[i1:i2]), "after": "\n".join(new[j1:j2])})
    return pairs


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    right = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n")) if i != -1]
    return text[left + 1 : (min(right) + 1 if right else len(text))].strip()


def make(out: Path, fixes: int, suggestions: int, seed: int) -> None:
    rng = random.Random(seed)
    linter = Linter()
    fixer = Fixer(linter, unsafe=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "fixes").mkdir(exist_ok=True)
    paths = _emails()
    rng.shuffle(paths)
    fixed_entries, pool = [], []
    for path in paths:
        source = read_path(path)
        report = linter.check_source(source)
        for finding in report.findings:
            suggestion = finding.suggestions[0] if finding.suggestions else None
            if suggestion is not None:
                pool.append(
                    {
                        "sentence": _sentence_around(source.text, finding.start.offset, finding.end.offset),
                        "flagged": finding.text,
                        "message": finding.message,
                        "replacement": suggestion.replacement,
                        "advice": suggestion.description,
                    }
                )
        if len(fixed_entries) >= fixes:
            continue
        result = fixer.outcome(report)
        if result is not None and result.applied and result.text != source.text:
            number = f"{len(fixed_entries) + 1:02d}"
            (out / "fixes" / f"{number}.before.txt").write_text(source.text, encoding="utf-8")
            (out / "fixes" / f"{number}.after.txt").write_text(result.text, encoding="utf-8")
            fixed_entries.append({"id": number, "changes": _changes(source.text, result.text)})
    sample = rng.sample(pool, min(suggestions, len(pool)))
    for index, item in enumerate(sample, 1):
        item["id"] = f"s{index:03d}"
    (out / "fixes.json").write_text(json.dumps(fixed_entries, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "suggestions.json").write_text(json.dumps(sample, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "fixes.judged.json").write_text(
        json.dumps({"allowed": ["better", "same", "worse"], "verdicts": {}}, indent=1), encoding="utf-8"
    )
    (out / "suggestions.judged.json").write_text(
        json.dumps({"allowed": ["a", "b", "c", "d"], "verdicts": {}}, indent=1), encoding="utf-8"
    )
    changes = sum(len(entry["changes"]) for entry in fixed_entries)
    print(f"{len(fixed_entries)} fixed emails ({changes} changes), {len(sample)} suggestions in {out}")


def tally(out: Path) -> None:
    fixes = json.loads((out / "fixes.judged.json").read_text(encoding="utf-8"))["verdicts"]
    suggestions = json.loads((out / "suggestions.judged.json").read_text(encoding="utf-8"))["verdicts"]
    change_counts = Counter(v for entry in fixes.values() for v in (entry if isinstance(entry, list) else [entry]))
    suggestion_counts = Counter(suggestions.values())
    print("fixed emails judged:", len(fixes), dict(change_counts))
    total = sum(suggestion_counts.values()) or 1
    shares = {k: f"{suggestion_counts[k]} ({suggestion_counts[k] / total:.0%})" for k in "abcd"}
    print("suggestions judged:", sum(suggestion_counts.values()), shares)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    making = sub.add_parser("make")
    making.add_argument("out", type=Path)
    making.add_argument("--fixes", type=int, default=50)
    making.add_argument("--suggestions", type=int, default=100)
    making.add_argument("--seed", type=int, default=7)
    tallying = sub.add_parser("tally")
    tallying.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "make":
        make(args.out, args.fixes, args.suggestions, args.seed)
    else:
        tally(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
