"""Benchmark: start-up, throughput, pre-commit over many files, and accuracy on the email corpus.

Run from the repository root:  python bench/run.py   (add --quick for a shorter run)
Prints a table and writes bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from outreach_lint import Linter  # noqa: E402
from outreach_lint.parsing import parse  # noqa: E402
from outreach_lint.source import read_path  # noqa: E402


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def median_run(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_cli(runs: int) -> tuple[float, float]:
    """Median wall time of one fresh `outreach-lint check` on one email, and of `import spacy` alone."""
    email = ROOT / "examples" / "en" / "good-cold.txt"
    check = median_run([sys.executable, "-m", "outreach_lint", "check", "--format", "json", str(email)], runs)
    baseline = median_run([sys.executable, "-c", "import spacy"], runs)
    return check, baseline


def corpus_emails() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]


def to_150_words(text: str) -> str:
    """Pad a corpus email's body to about 150 words by repeating its own sentences."""
    head, _, body = text.partition("\n\n")
    words = body.split()
    while len(words) < 150:
        words += body.split()
    return head + "\n\n" + " ".join(words[:150])


def warm_throughput(linter: Linter, seconds: float) -> tuple[float, int]:
    """Emails per second after one warm-up pass over the corpus (padded to 150 words)."""
    emails = [to_150_words(e) for e in corpus_emails()]
    for email in emails:
        linter.lint(email)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for email in emails:
            linter.lint(email)
        count += len(emails)
    return count / (time.perf_counter() - start), len(emails[0].split())


def precommit_run(files: int) -> float | None:
    """Time `pre-commit run --all-files` with this repo's hook over many template files."""
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        return None
    emails = corpus_emails()
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        for index in range(files):
            (repo / f"template_{index:03}.txt").write_text(emails[index % len(emails)], encoding="utf-8")
        import yaml  # pre-commit depends on PyYAML

        spec = yaml.safe_load(hook)[0]
        spec["language"] = "system"
        spec["entry"] = f"{sys.executable} -m outreach_lint " + spec["entry"].split(" ", 1)[1]
        config = {"repos": [{"repo": "local", "hooks": [spec]}]}
        (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        env = {**os.environ, "PRE_COMMIT_HOME": str(repo / ".cache")}
        start = time.perf_counter()
        subprocess.run(["pre-commit", "run", "--all-files"], cwd=repo, capture_output=True, env=env, check=False)
        return time.perf_counter() - start


def accuracy(linter: Linter) -> dict:
    """False positives on clean emails, category recall on bad ones."""
    expected = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    clean_words = clean_findings = 0
    clean_fp: Counter[str] = Counter()
    clean_files = sorted(CORPUS.glob("*/clean/*.txt")) + [
        ROOT / "examples" / name
        for name in (
            "en/good-cold.txt",
            "en/good-followup.txt",
            "en/good-cold.eml",
            "en/template-cold.md",
            "de/gut-kalt.txt",
            "de/gut-nachfass.txt",
        )
    ]
    for path in clean_files:
        source = read_path(path)
        report = linter.check_source(source)
        clean_words += len(parse(source).body.text.split())
        clean_findings += len(report.findings)
        clean_fp.update(f.code for f in report.findings)
    hits = total = 0
    misses: list[str] = []
    for name, spec in expected.items():
        report = linter.check_source(read_path(CORPUS / name))
        found = {f.category for f in report.findings}
        for category in spec["categories"]:
            total += 1
            if category in found:
                hits += 1
            else:
                misses.append(f"{name}:{category}")
    return {
        "clean_emails": len(clean_files),
        "clean_words": clean_words,
        "clean_findings": clean_findings,
        "findings_per_100_words_clean": round(100 * clean_findings / max(clean_words, 1), 3),
        "false_positive_codes": dict(clean_fp),
        "bad_expected_categories": total,
        "bad_category_recall": round(hits / max(total, 1), 3),
        "bad_misses": misses,
    }


def spelling_results(quick: bool) -> dict[str, object]:
    """Recall on real-world typos, false alarms on real prose, and the time spelling adds (bench/spelling_eval.py)."""
    import spelling_eval

    linter = Linter(select=("SP",))
    return {
        "recall_en": spelling_eval.recall(linter, "en"),
        "recall_de": spelling_eval.recall(linter, "de"),
        "false_alarms_prose_de_per_100_words": spelling_eval.false_alarms(linter, "de")["per_100_words"],
        "false_alarms_prose_en_per_100_words": spelling_eval.false_alarms(linter, "en")["per_100_words"],
        "overhead": spelling_eval.overhead(1.5 if quick else 4.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    pin_to_one_core()
    results: dict[str, object] = {}
    check, baseline = cold_cli(3 if args.quick else 9)
    results["cold_cli_seconds"] = round(check, 3)
    results["import_spacy_alone_seconds"] = round(baseline, 3)
    linter = Linter()
    linter.warm_up()
    rate, words = warm_throughput(linter, 2 if args.quick else 6)
    results["warm_emails_per_second_one_core"] = round(rate)
    results["warm_email_words"] = words
    results["precommit_500_files_seconds"] = (
        round(t, 2) if (t := precommit_run(500)) is not None else "pre-commit not installed"
    )
    results.update(accuracy(linter))
    results["spelling"] = spelling_results(quick=args.quick)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
