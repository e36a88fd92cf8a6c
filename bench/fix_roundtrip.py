"""Fix round trip: run ``--fix --unsafe-fixes`` over copies of every email, lint again, and count what broke.

Every email of ``bench/corpus/`` and ``examples/`` is copied to a temporary folder; each plain-text email also
gets a Markdown, an HTML, an ``.eml`` and a CRLF variant written next to it. The script lints the copies
(``--format json``), fixes them, lints them again and counts, per format:

- new findings: a code and text after the fix (case and white space aside) that no finding of the same file
  had before, unless the finding holds unchanged text and a finding of the same rule lay on that text before
  (a sentence-level finding whose sentence lost a word is the same finding);
- lost signature lines: lines of the signature before the fix that are no longer lines of the email;
- Markdown structure changes: the block and inline token types (``markdown-it``) or the link targets differ;
- broken files: not valid UTF-8 after the fix, or a different newline style.

It prints a table and exits 1 when any count is above 0. ``--keep DIR`` leaves the copies in DIR.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "bench" / "corpus", ROOT / "examples")
EXTENSIONS = (".txt", ".md", ".html", ".eml")
COUNTS = ("new findings", "lost signature lines", "markdown changes", "broken files")


@dataclass
class Row:
    """The numbers of one format."""

    files: int = 0
    unchecked: int = 0
    changed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


# -- the copies ------------------------------------------------------------------------------------------------
def _language(path: Path) -> str:
    return "de" if "de" in path.relative_to(ROOT).parts else "en"


def _split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if re.match(r"(Subject|Betreff)\s*:", first):
        return first.split(":", 1)[1].strip(), rest.lstrip("\n")
    return "", text


def _markdown(text: str) -> str:
    """The email with its first long word in the body set in bold (inline markup the fixes must keep)."""
    subject, body = _split_subject(text)
    word = re.search(r"(?<![\w*])[A-Za-zÄÖÜäöüß]{8,}(?![\w*])", body)
    if word:
        body = f"{body[: word.start()]}**{word.group()}**{body[word.end() :]}"
    return (f"Subject: {subject}\n\n" if subject else "") + body


def _html(text: str) -> str:
    _, body = _split_subject(text)
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    inner = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line, quote=False) for line in p.splitlines()) + "</p>" for p in paragraphs
    )
    return f"<html>\n<body>\n{inner}\n</body>\n</html>\n"


def _eml(text: str) -> str:
    subject, body = _split_subject(text)
    return (
        "From: Sender <sender@example.com>\nTo: Reader <reader@example.org>\n"
        f"Subject: {subject or 'Hello'}\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body
    )


def write_copies(folder: Path) -> list[Path]:
    """Copy every email into ``folder/<language>/`` and add the variants of the plain-text ones."""
    written = []
    for source in SOURCES:
        for path in sorted(source.rglob("*")):
            if path.suffix not in EXTENSIONS or not path.is_file():
                continue
            name = "_".join(path.relative_to(ROOT).with_suffix("").parts)
            target = folder / _language(path) / f"{name}{path.suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
            if path.suffix != ".txt":
                continue
            text = path.read_text(encoding="utf-8")
            if text.startswith("---"):
                continue  # front matter: only the text draft carries it
            variants = {
                f"{name}.variant.md": _markdown(text),
                f"{name}.variant.html": _html(text),
                f"{name}.variant.eml": _eml(text),
                f"{name}.crlf.txt": text.replace("\r\n", "\n").replace("\n", "\r\n"),
            }
            for variant, content in variants.items():
                (target.parent / variant).write_bytes(content.encode("utf-8"))
                written.append(target.parent / variant)
    return written


# -- what is measured ------------------------------------------------------------------------------------------
def lint(folder: Path, language: str, *extra: str) -> dict[str, list[dict] | None]:
    """Findings per file (None for a file that could not be checked)."""
    command = [sys.executable, "-m", "outreach_lint", "check", "--format", "json", "--exit-zero", "--lang", language]
    result = subprocess.run([*command, *extra, str(folder)], capture_output=True, check=False)
    try:
        files = json.loads(result.stdout)["files"]
    except (ValueError, KeyError):
        raise SystemExit(f"outreach-lint failed: {result.stderr.decode(errors='replace')}") from None
    return {file["path"]: None if file["error"] else file["findings"] for file in files}


def keys(findings: list[dict]) -> set[tuple[str, str]]:
    return {(f["code"], " ".join(f["text"].casefold().split())) for f in findings}


def new_findings(before: list[dict], after: list[dict], old: str, new: str) -> list[tuple[str, str]]:
    """The findings after the fix that were not there before (see the module docstring); the texts are
    compared with ``difflib``, independently of how the fixer tracks its edits."""
    from difflib import SequenceMatcher

    known = keys(before)
    blocks = [b for b in SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks() if b.size]
    found = []
    for finding in after:
        key = (finding["code"], " ".join(finding["text"].casefold().split()))
        if key in known:
            continue
        start, end = finding["start"]["offset"], finding["end"]["offset"]
        kept = [
            (max(start, b.b), min(end, b.b + b.size), b.a - b.b)
            for b in blocks
            if b.b < end and b.b + b.size > start and new[max(start, b.b) : min(end, b.b + b.size)].strip()
        ]
        same_rule = [f for f in before if f["code"] == finding["code"]]
        if not any(
            f["start"]["offset"] < kept_end + shift and f["end"]["offset"] > kept_start + shift
            for kept_start, kept_end, shift in kept
            for f in same_rule
        ):
            found.append(key)
    return found


def signature_lines(path: Path) -> list[str]:
    from outreach_lint.parsing import parse
    from outreach_lint.source import read_path

    document = parse(read_path(path))
    return [
        line.strip() for r in document.regions if r.kind == "signature" for line in r.text.splitlines() if line.strip()
    ]


def email_lines(path: Path) -> list[str]:
    from outreach_lint.parsing import parse
    from outreach_lint.source import read_path

    document = parse(read_path(path))
    return [line.strip() for line in document.full_body.text.splitlines()]


def markdown_shape(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from markdown_it import MarkdownIt

    types, targets = [], []
    for token in MarkdownIt().parse(text):
        types.append(token.type)
        for child in token.children or ():
            if child.type not in ("text", "softbreak"):
                types.append(child.type)
            if child.type in ("link_open", "image"):
                targets.append(str(child.attrGet("href") or child.attrGet("src")))
    return tuple(types), tuple(targets)


def _text(data: bytes) -> str:
    """The text as the linter reads it (offsets count code points; a byte-order mark is not part of it)."""
    return data.decode("utf-8", "replace").removeprefix("\ufeff")


def newline_style(data: bytes) -> tuple[bool, bool]:
    crlf = data.count(b"\r\n")
    return crlf > 0, data.count(b"\n") > crlf


def _kind(path: Path) -> str:
    return "txt (CRLF)" if path.name.endswith(".crlf.txt") else path.suffix[1:]


def measure(folder: Path) -> dict[str, Row]:
    paths = write_copies(folder)
    before_bytes = {str(p): p.read_bytes() for p in paths}
    signatures = {str(p): signature_lines(p) for p in paths}
    before: dict[str, list[dict] | None] = {}
    after: dict[str, list[dict] | None] = {}
    for language in ("de", "en"):
        before |= lint(folder / language, language)
        lint(folder / language, language, "--fix", "--unsafe-fixes", "--quiet")
        after |= lint(folder / language, language)
    rows: dict[str, Row] = {}
    for path in paths:
        shown = str(path)
        row = rows.setdefault(_kind(path), Row())
        row.files += 1
        if before.get(shown) is None or after.get(shown) is None:
            row.unchecked += 1
            continue
        data, old = path.read_bytes(), before_bytes[shown]
        if data == old:
            continue
        row.changed += 1
        problems: Counter[str] = Counter()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            problems["broken files"] += 1
        if newline_style(data) != newline_style(old):
            problems["broken files"] += 1
        new = new_findings(before[shown] or [], after[shown] or [], _text(old), _text(data))
        problems["new findings"] += len(new)
        lines = email_lines(path)
        problems["lost signature lines"] += sum(1 for line in signatures[shown] if line not in lines)
        if path.suffix == ".md" and markdown_shape(data.decode("utf-8", "replace")) != markdown_shape(old.decode()):
            problems["markdown changes"] += 1
        row.counts.update(problems)
        if +problems:
            details = ", ".join(f"{k}: {v}" for k, v in problems.items() if v)
            row.examples.append(f"{path.relative_to(folder)} ({details}; new: {sorted(new)[:3]})")
    return rows


def render(rows: dict[str, Row]) -> list[str]:
    header = ("format", "files", "unchecked", "changed", *COUNTS)
    table = [header] + [
        (kind, str(row.files), str(row.unchecked), str(row.changed), *(str(row.counts[c]) for c in COUNTS))
        for kind, row in rows.items()
    ]
    total = ("total", *(str(sum(int(r[i]) for r in table[1:])) for i in range(1, len(header))))
    table.append(total)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    return [
        "  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(r, widths, strict=True)))
        for r in table
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the copies here and keep them")
    parser.add_argument("--verbose", action="store_true", help="name every file with a problem")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = measure(args.keep)
    else:
        with tempfile.TemporaryDirectory() as folder:
            rows = measure(Path(folder))
    print("\n".join(render(rows)))
    problems = [example for row in rows.values() for example in row.examples]
    for example in problems if args.verbose else problems[:10]:
        print(f"  {example}")
    if any(row.unchecked for row in rows.values()):
        print("some files could not be checked (see `outreach-lint check` on the kept copies with --keep)")
    return 1 if any(+row.counts for row in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
