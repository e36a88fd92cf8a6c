"""Dump every finding on every corpus email as JSON lines, to compare two versions of the engine.

    python bench/dump_findings.py > before.jsonl      # on one commit
    python bench/dump_findings.py > after.jsonl       # on another
    python bench/dump_findings.py --compare before.jsonl after.jsonl

Covers bench/corpus, bench/research, bench/labelled (with prospect files) and examples/, in every format
found there. A line holds the file, language, code, offsets, text, message and suggestions of one finding
(or the file's error).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outreach_lint import Linter  # noqa: E402
from outreach_lint.prospect import load_prospect  # noqa: E402
from outreach_lint.source import KNOWN_EXTENSIONS, read_path  # noqa: E402

FOLDERS = ("bench/corpus", "bench/research", "bench/labelled", "examples")


def emails() -> list[Path]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in KNOWN_EXTENSIONS and path.name not in ("README.md", "GUIDE.md"):
                found.append(path)
    return found


def dump(out) -> int:
    linter = Linter()
    lines = 0
    for path in emails():
        prospect_file = path.with_name(path.stem + ".prospect.toml")
        prospect = load_prospect(prospect_file) if prospect_file.exists() else None
        report = linter.check_source(read_path(path), prospect=prospect)
        name = str(path.relative_to(ROOT))
        if report.error:
            out.write(json.dumps({"file": name, "error": report.error}, ensure_ascii=False) + "\n")
            lines += 1
        for finding in report.findings:
            row = {"file": name, "language": report.language, **finding.to_dict()}
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            lines += 1
    return lines


def compare(before: Path, after: Path) -> int:
    old = set(before.read_text(encoding="utf-8").splitlines())
    new = set(after.read_text(encoding="utf-8").splitlines())
    common = {json.loads(line)["file"] for line in old} & {json.loads(line)["file"] for line in new}
    old = {line for line in old if json.loads(line)["file"] in common}
    new = {line for line in new if json.loads(line)["file"] in common}
    for line in sorted(old - new):
        print("- " + line[:300])
    for line in sorted(new - old):
        print("+ " + line[:300])
    print(f"{len(common)} files: {len(old)} findings before, {len(new)} after:", end=" ")
    print(f"{len(old - new)} gone, {len(new - old)} new")
    return len(old ^ new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    count = dump(sys.stdout)
    print(f"{count} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
