"""Benchmark: peak memory (resident set size) of one ``outreach-lint check`` run per case.

Run from the repository root:  python bench/memory.py   (options: --only 49mib,60mb  --keep DIR)
Each case runs the command line in a fresh child process; its peak RSS comes from ``os.wait4`` (the child's own
``ru_maxrss``). Cases: start-up alone, one email, 2,000 emails in one call, and the largest inputs — a 49 MiB
text file, 20 MB and 60 MB files as text, HTML and e-mail. Prints a table; the target is at most
``TARGET_MB`` peak for any rejected input. Exits 1 if a rejected input misses it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
TARGET_MB = 300
MIB = 2**20
#: ``ru_maxrss`` is in kilobytes on Linux and in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024
SENTENCE = b"Hi Jana, your Q3 report names fuel surcharges as the top risk. Would a short call help? "


@dataclass
class Case:
    name: str
    description: str
    make: Callable[[Path], list[str]]  # writes the inputs into a folder, returns the arguments to `check`


@dataclass
class Measurement:
    case: Case
    input_bytes: int
    files: int
    exit_code: int
    errors: list[str]
    peak_mb: float
    seconds: float

    @property
    def rejected(self) -> bool:
        return bool(self.errors) and len(self.errors) == self.files


# -- inputs ---------------------------------------------------------------------------------------------
def write_filled(path: Path, size: int, head: bytes = b"", tail: bytes = b"") -> None:
    """A file of exactly ``size`` bytes: ``head``, then sentences with line breaks, then ``tail``."""
    line = SENTENCE + b"\n"
    remaining = size - len(head) - len(tail)
    with path.open("wb") as out:
        out.write(head)
        block = line * (MIB // len(line))
        while remaining >= len(block):
            out.write(block)
            remaining -= len(block)
        out.write((line * (remaining // len(line) + 1))[:remaining])
        out.write(tail)


EML_HEAD = (
    b"From: Tom <tom@routely.example>\nTo: Jana <jana@northwind.example>\nSubject: Fuel surcharges\n"
    b"MIME-Version: 1.0\nContent-Type: text/%s; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
)


def large(name: str, size: int, kind: str) -> Callable[[Path], list[str]]:
    """A file of ``size`` bytes: a text draft, an HTML e-mail, or an e-mail whose text part fills it."""
    heads = {
        "txt": b"Subject: Fuel surcharges\n\n",
        "html": b"<html><body><p>",
        "eml": EML_HEAD % b"plain",
        "html.eml": EML_HEAD % b"html" + b"<html><body><p>",
    }
    tails = {"html": b"</p></body></html>\n", "html.eml": b"</p></body></html>\n"}

    def make(folder: Path) -> list[str]:
        path = folder / f"{name}.{kind}"
        write_filled(path, size, heads[kind], tails.get(kind, b""))
        return [str(path)]

    return make


def attachment(size: int) -> Callable[[Path], list[str]]:
    """A multipart e-mail of ``size`` bytes: a short text part, then a base64 attachment filling the rest."""

    def make(folder: Path) -> list[str]:
        head = (
            b"From: Tom <tom@routely.example>\nTo: Jana <jana@northwind.example>\nSubject: Fuel surcharges\n"
            b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="XX"\n\n--XX\n'
            b"Content-Type: text/plain; charset=utf-8\n\n" + SENTENCE + b"\n--XX\n"
            b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
            b"Content-Disposition: attachment; filename=report.pdf\n\n"
        )
        tail = b"\n--XX--\n"
        path = folder / "attachment.eml"
        line = b"QUJD" * 19 + b"\n"
        with path.open("wb") as out:
            out.write(head)
            remaining = size - len(head) - len(tail)
            out.write(line * (remaining // len(line)))
            out.write(b"A" * (remaining % len(line)))
            out.write(tail)
        return [str(path)]

    return make


def one_email(folder: Path) -> list[str]:
    path = folder / "one.txt"
    path.write_bytes((ROOT / "examples" / "en" / "bad-cold.txt").read_bytes())
    return [str(path)]


def many_emails(count: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        corpus = sorted(CORPUS.rglob("*.txt"))
        target = folder / "emails"
        target.mkdir()
        for index in range(count):
            source = corpus[index % len(corpus)]
            text = source.read_text(encoding="utf-8").rstrip("\n")
            (target / f"{index:04d}-{source.parent.parent.name}.txt").write_text(
                f"{text}\n\nP.S. Reference {index}.\n", encoding="utf-8"
            )
        return [str(target)]

    return make


CASES = [
    Case("startup", "`outreach-lint --version` (no check)", lambda folder: []),
    Case("one", "one email", one_email),
    Case("2000", "2,000 emails in one call", many_emails(2000)),
    Case("49mib", "49 MiB text file", large("49mib", 49 * MIB, "txt")),
    Case("20mb", "20 MB text file", large("20mb", 20 * 10**6, "txt")),
    Case("60mb", "60 MB text file", large("60mb", 60 * 10**6, "txt")),
    Case("20mb-html", "20 MB HTML file", large("20mb", 20 * 10**6, "html")),
    Case("60mb-html", "60 MB HTML file", large("60mb", 60 * 10**6, "html")),
    Case("1mb", "1 MB text file (5x the longest body)", large("1mb", 10**6 - 1, "txt")),
    Case("2mb-html", "2 MB HTML file", large("2mb", 2 * MIB - 1, "html")),
    Case("4mb-eml", "4 MB e-mail, one text/plain part", large("4mb", 4 * 10**6 - 1, "eml")),
    Case("4mb-html-eml", "4 MB e-mail, one text/html part", large("4mb", 4 * 10**6 - 1, "html.eml")),
    Case("20mb-eml", "20 MB e-mail, one text part", large("20mb", 20 * 10**6, "eml")),
    Case("25mb-eml", "25 MB e-mail, one text part", large("25mb", 25 * 10**6 - 1, "eml")),
    Case("25mb-attach", "25 MB e-mail: a short text part and an attachment", attachment(25 * 10**6 - 1)),
    Case("60mb-eml", "60 MB e-mail", large("60mb", 60 * 10**6, "eml")),
]


# -- measuring ------------------------------------------------------------------------------------------
def measure(case: Case, folder: Path, keep: bool) -> Measurement:
    arguments = case.make(folder)
    files = [p for p in folder.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    command = [sys.executable, "-m", "outreach_lint"]
    command += ["check", "--format", "json", *arguments] if arguments else ["--version"]
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.DEVNULL, cwd=folder)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest of all children
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        errors = _errors(output.read()) if arguments else []
    if not keep:
        for path in files:
            path.unlink()
    return Measurement(case, size, len(files), child.returncode, errors, usage.ru_maxrss * RSS_UNIT / 1e6, seconds)


def _errors(stdout: bytes) -> list[str]:
    try:
        report = json.loads(stdout)
    except ValueError:
        return ["(no JSON report)"]
    return [f["error"] for f in report["files"] if f["error"]]


# -- the table ------------------------------------------------------------------------------------------
def print_table(rows: list[Measurement]) -> None:
    print(f"{'case':<11} {'input':>10} {'files':>6} {'exit':>4} {'peak RSS':>9} {'time':>7}  result")
    for row in rows:
        size = f"{row.input_bytes / 1e6:.1f} MB" if row.input_bytes >= 100_000 else f"{row.input_bytes:,} B"
        if row.rejected:
            verdict = "ok" if row.peak_mb <= TARGET_MB else f"OVER {TARGET_MB} MB"
            result = f"rejected ({verdict}): {row.errors[0][:70]}"
        elif row.errors:
            result = f"{len(row.errors)} of {row.files} files rejected: {row.errors[0][:60]}"
        else:
            result = "checked" if row.files else "-"
        print(
            f"{row.case.name:<11} {size:>10} {row.files:>6} {row.exit_code:>4} {row.peak_mb:>6.0f} MB "
            f"{row.seconds:>6.1f}s  {result}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--keep", type=Path, help="write the inputs here instead of a temporary folder")
    args = parser.parse_args()
    chosen = [c for c in CASES if not args.only or c.name in args.only.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="outreach-memory-") as name:
        base = args.keep or Path(name)
        for case in chosen:
            folder = base / case.name
            folder.mkdir(parents=True, exist_ok=True)
            print(f"{case.name}: {case.description} …", file=sys.stderr, flush=True)
            rows.append(measure(case, folder, keep=args.keep is not None))
    print_table(rows)
    over = [r for r in rows if r.rejected and r.peak_mb > TARGET_MB]
    print(f"\ntarget: at most {TARGET_MB} MB peak RSS for any rejected input — ", end="")
    print("met" if not over else f"missed by {', '.join(r.case.name for r in over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
