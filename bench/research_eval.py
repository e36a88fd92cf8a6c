"""Research benchmark: do the research checks separate personalised emails from generic ones (and mail-merge slips)?

Run from the repository root:  python bench/research_eval.py   (add --overhead to time the checks too, and
--instructions to count the instructions they add under valgrind, which is steadier than time)
Prints the confusion table and writes bench/results/research.json.

The emails are bench/research/{en,de}/{personal,generic,slip}/NN.txt, labelled in bench/research/labels.toml;
most carry their prospect in YAML front matter, some have none (then only the context-free checks can judge).
The first 42 were written while the checks were built (and tuned on). Four sets were written later without
looking at the checks and run blind first (``by_group`` reports each set):

    set          emails  blind run: personalised flagged / generic missed   then
    held-out          8  0/4 and 1/4 (a bare month in the subject)            fixed
    held-out-2       24  0/12 and 3/12 (du-form compliment with an offer      fixed
                         deadline; two facts credited to another company)
    held-out-3       20  0/10 and 3/10 (two case studies of other companies;  fixed
                         a fact credited to another company)
    held-out-4       24  0/12 and 2/12 (a case study opened by the other      fixed (the case study through
                         company's name; a slip after "Congratulations on")   its "How X cut …" subject)

A case study that names another company without such a subject is still taken for a detail about the reader.

Results on a set after its fixes are tuned results, not a measure of how the checks generalise.
An email counts as *flagged* when the default configuration reports any finding of category ``research``
(any severity). Targets: at most 10 % errors either way.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "research"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from outreach_lint import Linter  # noqa: E402
from outreach_lint.source import read_path  # noqa: E402


def evaluate(linter: Linter) -> dict:
    labels = tomllib.loads((DATA / "labels.toml").read_text(encoding="utf-8"))
    table = {"personalised": Counter(), "generic": Counter()}
    by_group: dict[str, Counter] = {}
    codes: Counter[str] = Counter()
    errors = []
    rows = []
    for name, label in sorted(labels.items()):
        report = linter.check_source(read_path(DATA / name))
        if report.error:
            raise SystemExit(f"{name}: {report.error}")
        research = [f for f in report.findings if f.category == "research"]
        flagged = bool(research)
        truth = label["truth"]
        column = "flagged" if flagged else "not_flagged"
        table[truth][column] += 1
        for group in (
            f"set={label.get('set', 'development')}",
            f"lang={name.split('/')[0]}",
            f"kind={label['kind']}",
            f"context={'yes' if label['context'] else 'no'}",
        ):
            by_group.setdefault(group, Counter())[f"{truth}:{column}"] += 1
        found = sorted({f.code for f in research})
        codes.update(found)
        wrong = (truth == "personalised") == flagged
        rows.append({"file": name, "truth": truth, "kind": label["kind"], "flagged": flagged, "codes": found})
        if wrong:
            errors.append({"file": name, "truth": truth, "codes": found, "note": label.get("note", "")})
    personalised = sum(table["personalised"].values())
    generic = sum(table["generic"].values())
    false_alarm = table["personalised"]["flagged"] / max(personalised, 1)
    missed = table["generic"]["not_flagged"] / max(generic, 1)
    slips = [r for r in rows if r["kind"] == "slip"]
    return {
        "emails": len(rows),
        "confusion": {
            "rows": "truth",
            "columns": "research checks",
            "personalised": {
                "flagged": table["personalised"]["flagged"],
                "not_flagged": table["personalised"]["not_flagged"],
            },
            "generic": {"flagged": table["generic"]["flagged"], "not_flagged": table["generic"]["not_flagged"]},
        },
        "false_alarm_rate_personalised": round(false_alarm, 3),
        "miss_rate_generic": round(missed, 3),
        "accuracy": round(1 - (table["personalised"]["flagged"] + table["generic"]["not_flagged"]) / len(rows), 3),
        "slips_caught_by_RS004": sum("RS004" in r["codes"] for r in slips),
        "slips": len(slips),
        "by_group": {k: dict(v) for k, v in sorted(by_group.items())},
        "codes": dict(codes.most_common()),
        "errors": errors,
        "emails_detail": rows,
    }


def overhead(seconds: float) -> dict:
    """Warm per-email time with and without the research and merge-field checks (bench/run.py's emails)."""
    import run

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    emails = [run.to_150_words(e) for e in run.corpus_emails()]
    variants = _variants()
    for linter in variants.values():
        for email in emails:
            linter.lint(email)
    times: dict[str, list[float]] = {name: [] for name in variants}
    deadline = time.perf_counter() + seconds
    turn = 0
    while time.perf_counter() < deadline or turn < 4:
        order = list(variants.items()) if turn % 2 else list(variants.items())[::-1]
        for name, linter in order:
            start = time.process_time()
            for email in emails:
                linter.lint(email)
            times[name].append((time.process_time() - start) / len(emails) * 1e6)
        turn += 1
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "rounds": turn,
        "best_us_per_email": {k: round(v) for k, v in best.items()},
        "median_us_per_email": {k: round(v) for k, v in median.items()},
        "added_time_percent_best": round(100 * (best["with"] / best["without"] - 1), 1),
        "added_time_percent_median": round(100 * (median["with"] / median["without"] - 1), 1),
    }


def _variants() -> dict[str, Linter]:
    return {"without": Linter(ignore=("research", "merge-field")), "with": Linter()}


def _instruction_worker(variant: str, rounds: int) -> None:
    """Lint the timing emails once to warm up, then ``rounds`` more times (run under callgrind)."""
    import run

    emails = [run.to_150_words(e) for e in run.corpus_emails()]
    linter = _variants()[variant]
    for _ in range(rounds + 1):
        for email in emails:
            linter.lint(email)


def instructions(rounds: int = 2) -> dict | None:
    """Machine instructions per warm email with and without the checks, counted by valgrind's callgrind.

    Unlike time on a shared machine, the count is the same from run to run; it leaves out cache misses. Each
    variant runs twice (warm-up only, and warm-up plus ``rounds`` passes), so start-up cancels out."""
    import run

    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    emails = len(run.corpus_emails())
    # Fixed hashing, and no idle BLAS worker thread (under valgrind its spinning would be counted as well).
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    jobs = {}
    for variant in ("without", "with"):
        for count in (0, rounds):
            command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__]
            command += ["--instruction-worker", variant, str(count)]
            jobs[(variant, count)] = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
            )
    totals = {}
    for key, job in jobs.items():
        _, err = job.communicate()
        found = re.search(r"Collected : (\d+)", err)
        if job.returncode or found is None:
            raise SystemExit(f"callgrind run {key} failed:\n{err[-2000:]}")
        totals[key] = int(found.group(1))
    per_email = {v: (totals[(v, rounds)] - totals[(v, 0)]) / (rounds * emails) for v in ("without", "with")}
    return {
        "instructions_per_email": {k: round(v) for k, v in per_email.items()},
        "added_instructions_percent": round(100 * (per_email["with"] / per_email["without"] - 1), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--overhead", action="store_true", help="also time the checks (about 30 s)")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions under valgrind (about 5 min)"
    )
    parser.add_argument("--instruction-worker", nargs=2, metavar=("VARIANT", "ROUNDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instruction_worker:
        _instruction_worker(args.instruction_worker[0], int(args.instruction_worker[1]))
        return
    results = evaluate(Linter())
    if args.overhead:
        results["overhead"] = overhead(30.0)
    if args.instructions:
        results["instructions"] = instructions() or "valgrind not installed"
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "research.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    confusion = results["confusion"]
    print(f"{results['emails']} emails (bench/research), flagged = any research finding\n")
    print(f"{'truth':<14}{'flagged':>9}{'not flagged':>13}")
    for truth in ("personalised", "generic"):
        print(f"{truth:<14}{confusion[truth]['flagged']:>9}{confusion[truth]['not_flagged']:>13}")
    print(
        f"\nfalse alarms on personalised: {results['false_alarm_rate_personalised']:.1%}   "
        f"missed generic: {results['miss_rate_generic']:.1%}   accuracy: {results['accuracy']:.1%}"
    )
    print(f"mail-merge slips caught by RS004: {results['slips_caught_by_RS004']}/{results['slips']}")
    print("codes:", ", ".join(f"{code} {count}" for code, count in results["codes"].items()))
    for error in results["errors"]:
        print(f"  error: {error['file']} ({error['truth']}, {error['note']}): {error['codes'] or 'not flagged'}")
    for key in ("overhead", "instructions"):
        if key in results:
            print(f"{key}:", results[key])


if __name__ == "__main__":
    main()
