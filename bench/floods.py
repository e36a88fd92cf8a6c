"""Benchmark: lint time on 200,000-character bodies of unusual content ("floods"), to show the growth is linear.

Run from the repository root:  python bench/floods.py   (options: --sizes 100000,200000  --shapes "run bang,cjk"
--langs en  --timeout 60  --cpu  --progress  --list)
Times a warm library ``Linter`` on bodies of many shapes (punctuation runs, words without spaces, one huge line,
whitespace, emoji, CJK, combining marks, HTML-like text, stock phrases, merge fields, numbers, URLs, signatures,
front matter, …) at 25k/50k/100k/200k characters in both languages: wall-clock time, or with --cpu the linting
process's CPU time (steadier when other programs share the machine). Prints one row per shape and language,
slowest first: the time at each size, and time(200k)/time(100k) (about 2 when linear); SLOW marks more than
2 s at the largest size. A shape that exceeds the timeout at one size is not run at larger sizes. Also writes
bench/results/floods.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (25_000, 50_000, 100_000, 200_000)
#: Seconds allowed for one body at 200k characters.
BUDGET = 2.0


def _shapes() -> dict[str, str]:
    """Shape name → the unit repeated to fill the body."""
    shapes: dict[str, str] = {}
    names = {
        "!": "bang",
        "?": "qmark",
        ".": "dot",
        ",": "comma",
        "-": "dash",
        "*": "star",
        "(": "lparen",
        ")": "rparen",
        "[": "lbracket",
        "]": "rbracket",
        "{": "lbrace",
        "}": "rbrace",
        "'": "apos",
        '"': "quote",
    }
    for char in string.punctuation:
        shapes[f"run {names.get(char, f'x{ord(char):02x}')}"] = char
    shapes.update(
        {
            "run !? mix": "!?",
            "run ?!! mix": "?!!",
            "run ... spaced": "... ",
            "run ! spaced": "! ",
            "run ?! spaced": "?! ",
            "run …": "…",
            "run ¡¿«»„“”": "¡¿«»„“”",
            "long word a": "a",
            "long capitalised run": "Tom",
            "long capitalised run umlaut": "Äpf",
            "long word abc123": "abc123",
            "long word ü-ß": "üß-",
            "long word a.b": "a.b",
            "long word a-b": "a-b",
            "long word a'b": "a'b",
            "long word /x": "/x",
            "one huge line": "word, and more words; ",
            "newlines": "\n",
            "crlf": "\r\n",
            "spaces": " ",
            "tabs": "\t",
            "nbsp": "\u00a0",
            "space newline": " \n",
            "emoji": "😀",
            "emoji spaced": "😀 ",
            "emoji zwj": "👩‍💻",
            "cjk": "漢字かな",
            "cjk sentences": "漢字です。",
            "combining marks": "e\u0301\u0308",
            "combining only": "\u0301",
            "html-like": '<div class="x"><a href="https://a.example/b?c=d">Link</a></div> ',
            "html entities": "&amp;&lt;&#8217;&nbsp;",
            "phrase en": "just checking in ",
            "phrase de": "Ich wollte nur kurz nachhaken ",
            "phrase en sentence": "I just wanted to check in. ",
            "phrase de sentence": "Ich wollte mich kurz melden. ",
            "merge {{first_name}}": "{{first_name}} ",
            "merge [Firma]": "[Firma] ",
            "merge {a|b}": "{a|b}",
            "merge {{ unclosed": "{{first_name ",
            "merge %FIRSTNAME%": "%FIRSTNAME% ",
            "money de": "€1.000,00 ",
            "money en": "$1,000.00 ",
            "date en": "14 January 2026 ",
            "date de": "14. Januar 2026 ",
            "numbers": "1234567890 ",
            "digits": "7",
            "percent": "50% ",
            "url": "https://www.example.com/path?q=1 ",
            "url glued": "https://a.b/c",
            "email address": "anna.schmidt@example.de ",
            "address glued": "a@b.",
            "titles": "Mr. Dr. GmbH & Co. KG ",
            "abbrev de": "z. B. bzw. u. a. ggf. ",
            "no full stop en": "and we would love to show you how our platform helps ",
            "no full stop de": "und wir würden Ihnen gerne zeigen wie unsere Plattform hilft ",
            "short sentences en": "We help. ",
            "short sentences de": "Wir helfen. ",
            "greeting lines": "Hi Jana,\n",
            "sign-off lines": "Best regards,\nAnna\n",
            "quote lines": "> quoted text\n",
            "bullets": "- item\n",
            "capitals": "ACT NOW ",
            "pronouns en": "I we our my us me ",
            "pronouns de": "ich wir unser mein uns mir ",
            "unsubscribe": "unsubscribe abmelden ",
            "phone": "+49 30 1234567 ",
            "mixed garbage": "!?.,;:()[]{}<>/\\|@#$%^&*~`'\"-_=+ ",
            "compliment en": "I love what you're building at Northwind. ",
            "compliment de": "Ihr Unternehmen hat mich sehr beeindruckt. ",
            "questions": "Can we talk next week? Would you be open to a call? ",
            "leftovers": "Hi undefined, null NaN for undefined. ",
            "merge + leftover": "{{first_name}} NaN [[MISSING TOKEN - company]] for undefined. ",
            "empty greetings": "Hi ,\n",
            "merge unknown": "{{frist_name}} ",
            "merge blocks": "{{#if first_name}} {% if x %} ",
            "signature de": "Musterfirma GmbH\nSitz Köln, Amtsgericht Köln HRB 12345\nGeschäftsführer: Max Muster\n",
            "legal forms": "Seeberg Logistik GmbH & Co. KG, Werk Gotha, AG SE ",
            "names en": "Harbor State Bank and Retail Week ",
            "periods": "Q3 2026 FY25 H1 third quarter of 2025 ",
            "stale dates": "your post from March 2019 ",
            "claims de": "Wir sind Marktführer und garantieren 100 % Erfolg. ",
            "claims en": "We are the market leader and guarantee results. ",
            "directives": "outreach-lint: disable-next-line=ST007\nHi!!\n",
            "url params": "https://a.example/?utm_source=x&utm_medium=y ",
            # Not repeating within a tokenizer piece, so spaCy's cache of whitespace-free chunks never helps.
            "random punctuation": _random(string.punctuation, 9_973),
            "random no spaces": _random(string.punctuation + string.ascii_letters + string.digits + "äöüß€", 9_973),
            "random text": _random(string.printable + "äöüß€…„“😀", 9_973),
            "distinct words": _words(_random(string.ascii_lowercase, 7 * 30_000), 7),
        }
    )
    return shapes


def _words(letters: str, length: int) -> str:
    """``letters`` cut into words of ``length`` letters, with a space after each."""
    return "".join(letters[i : i + length] + " " for i in range(0, len(letters), length))


def _random(alphabet: str, length: int) -> str:
    """The same pseudo-random string on every run."""
    chooser = random.Random(length)
    return "".join(chooser.choice(alphabet) for _ in range(length))


#: Shapes whose body starts with something else: front matter (a prospect) or a header block.
PREFIXES = {
    "prospect": "---\nperson: Jana Weber\ncompany: Northwind Freight GmbH\nfacts:\n  - Q3 report names fuel "
    "surcharges\n---\n",
    "subject": "Subject: ",
    "signature": "Hi Jana,\n\nWorth a look?\n\n--\n",
}
PREFIXED = {
    "prospect names": ("prospect", "Hi Jana, Northwind Freight and Hartung Logistik GmbH. Jana Weber said so. "),
    "prospect facts": ("prospect", "Your Q3 report names fuel surcharges. "),
    "subject flood": ("subject", "RE: Fwd: ACT NOW!!! "),
    "signature forms": ("signature", "Muster AG und SE Vorstand, CEO der Muster GmbH & Co. KG "),
    "signature lines": ("signature", "Musterfirma GmbH\nSitz Köln, Amtsgericht Köln HRB 12345\nGeschäftsführer: Max\n"),
    "signature contacts": ("signature", "Tel. +49 30 1234567 | anna@example.de | www.example.de\n"),
    "signature SE": ("signature", "Senior SE "),
    "signature court": ("signature", "Amtsgericht AG, "),
}


SHAPES = {**_shapes(), **{name: unit for name, (_, unit) in PREFIXED.items()}}


def body(shape: str, size: int) -> str:
    """Exactly ``size`` characters: the shape's prefix (if it has one), then its unit repeated."""
    prefix = PREFIXES[PREFIXED[shape][0]] if shape in PREFIXED else ""
    unit = SHAPES[shape]
    return prefix + (unit * (size // len(unit) + 1))[: size - len(prefix)]


def _worker(connection, clock: str) -> None:
    """Lint the bodies the parent sends with one warm Linter; answer with (seconds, findings, error)."""
    from outreach_lint import Linter

    linter = Linter()
    linter.warm_up()
    for shape in SHAPES:  # dictionaries and caches a shape needs are loaded before anything is timed
        for language in ("en", "de"):
            linter.lint(body(shape, 2_000), language)
    connection.send("ready")
    while True:
        job = connection.recv()
        if job is None:
            return
        shape, language, size = job
        text = body(shape, size)
        start, cpu = time.perf_counter(), time.process_time()
        report = linter.lint(text, language)
        elapsed = (time.process_time() - cpu) if clock == "cpu" else (time.perf_counter() - start)
        connection.send((elapsed, len(report.findings), report.error))


class Runner:
    """A warm worker process; replaced when a body takes longer than the timeout."""

    def __init__(self, timeout: float, clock: str = "wall") -> None:
        self.timeout = timeout
        self.clock = clock
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, self.clock), daemon=True)
        self.process.start()
        if not self.connection.poll(300):
            raise SystemExit("the worker did not start")
        self.connection.recv()

    def time(self, shape: str, language: str, size: int) -> tuple[float | None, int, str | None]:
        self.connection.send((shape, language, size))
        if self.connection.poll(self.timeout):
            return self.connection.recv()
        self.process.kill()
        self.process.join()
        self._start()
        return None, 0, None

    def close(self) -> None:
        self.connection.send(None)
        self.process.join(10)


def measure(
    runner: Runner, shapes: list[str], languages: list[str], sizes: list[int], progress: bool = False
) -> list[dict]:
    rows = []
    for shape in shapes:
        for language in languages:
            times: dict[int, float | None] = {}
            findings = 0
            error = None
            for size in sizes:
                seconds, findings, error = runner.time(shape, language, size)
                times[size] = seconds
                if seconds is None:
                    break
            rows.append({"shape": shape, "lang": language, "times": times, "findings": findings, "error": error})
            if progress:
                measured = " ".join("hung" if t is None else f"{t:.3f}" for t in times.values())
                print(f"{shape:<22} {language:<4} {measured}", file=sys.stderr, flush=True)
    return rows


def growth(times: dict[int, float | None], sizes: list[int]) -> float | None:
    """time(largest) / time(half the largest), when both were measured."""
    largest = sizes[-1]
    half = largest // 2
    if times.get(largest) is None or not times.get(half):
        return None
    return times[largest] / times[half]


def worst(row: dict, sizes: list[int]) -> float:
    """Sort key: a timeout is the worst; then the time at the largest size measured."""
    times = row["times"]
    if any(t is None for t in times.values()):
        return float("inf")
    return max(times.values(), default=0.0)


def cell(value: float | str | None, timeout: float) -> str:
    if value is None:
        return f"{'>' + str(int(timeout)):>7}"
    if value == "skip":
        return f"{'-':>7}"
    return f"{value:7.3f}"


def notes(row: dict, sizes: list[int]) -> str:
    largest = row["times"].get(sizes[-1])
    ratio = growth(row["times"], sizes)
    found = []
    if largest is None or largest > BUDGET:
        found.append("SLOW")
    if ratio is not None and ratio > 2.6 and largest and largest > 0.2:
        found.append("super-linear?")
    if row["error"]:
        found.append(row["error"][:40])
    return " ".join(found)


def print_table(rows: list[dict], sizes: list[int], timeout: float) -> None:
    rows = sorted(rows, key=lambda r: worst(r, sizes), reverse=True)
    header = f"{'shape':<22} {'lang':<4} " + " ".join(f"{s // 1000:>6}k" for s in sizes) + "  ratio  findings  note"
    print(header)
    print("-" * len(header))
    for row in rows:
        cells = " ".join(cell(row["times"].get(size, "skip"), timeout) for size in sizes)
        ratio = growth(row["times"], sizes)
        ratio_text = f"{ratio:5.2f}" if ratio is not None else "    -"
        print(f"{row['shape']:<22} {row['lang']:<4} {cells}  {ratio_text}  {row['findings']:>8}  {notes(row, sizes)}")
    slow = [r for r in rows if (t := r["times"].get(sizes[-1])) is None or t > BUDGET]
    print(f"\n{len(rows)} rows; {len(slow)} over {BUDGET} s at {sizes[-1]:,} characters (or timed out)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated body sizes")
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all); see --list")
    parser.add_argument("--langs", default="en,de")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before one body counts as hung")
    parser.add_argument("--list", action="store_true", help="list the shapes and exit")
    parser.add_argument("--progress", action="store_true", help="print each row to stderr as it is measured")
    parser.add_argument(
        "--cpu", action="store_true", help="report the CPU time of the linting process (steadier on a busy machine)"
    )
    args = parser.parse_args()
    if args.list:
        print("\n".join(SHAPES))
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()] or list(SHAPES)
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        raise SystemExit(f"unknown shape(s): {', '.join(unknown)} (see --list)")
    runner = Runner(args.timeout, "cpu" if args.cpu else "wall")
    try:
        rows = measure(runner, shapes, args.langs.split(","), sizes, args.progress)
    finally:
        runner.close()
    print_table(rows, sizes, args.timeout)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    serialisable = [{**r, "times": {str(k): v for k, v in r["times"].items()}} for r in rows]
    (out / "floods.json").write_text(json.dumps(serialisable, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
