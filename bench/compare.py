"""Warm throughput of this checkout against another commit, side by side in one run.

    python bench/compare.py                # against HEAD~1
    python bench/compare.py --base f5d22dc --rounds 5 --seconds 3

The other commit is checked out into a temporary git worktree. Both are measured in fresh processes pinned to
one core, alternating round by round, on the same emails (this checkout's corpus padded to 150 words), so a
loaded machine slows both alike. Prints emails/s per round, the medians and the ratio head / base.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the measured checkout: its own package, this checkout's emails.
_PROBE = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from outreach_lint import Linter
emails = json.loads(sys.stdin.read())
linter = Linter()
for email in emails:
    linter.lint(email)
count, start = 0, time.perf_counter()
while time.perf_counter() - start < float(sys.argv[2]):
    for email in emails:
        linter.lint(email)
    count += len(emails)
print(count / (time.perf_counter() - start))
"""


def padded_emails() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from run import corpus_emails, to_150_words

    return [to_150_words(email) for email in corpus_emails()]


def measure(checkout: Path, emails_json: str, seconds: float) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(checkout), str(seconds)],
        input=emails_json,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"measuring {checkout} failed:\n{result.stderr}")
    return float(result.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="HEAD~1", help="commit to compare against (default HEAD~1)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per round and side")
    args = parser.parse_args()
    emails_json = json.dumps(padded_emails())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.base], check=True)
        try:
            head_rates, base_rates = [], []
            for round_number in range(1, args.rounds + 1):
                head_rates.append(measure(ROOT, emails_json, args.seconds))
                base_rates.append(measure(base, emails_json, args.seconds))
                print(f"round {round_number}: head {head_rates[-1]:7.0f}/s   base {base_rates[-1]:7.0f}/s")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    head, base_median = statistics.median(head_rates), statistics.median(base_rates)
    print(f"median emails/s (150 words, one core): head {head:.0f}, base {args.base} {base_median:.0f}, "
          f"ratio head/base {head / base_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
