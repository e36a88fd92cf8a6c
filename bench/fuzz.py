"""Fuzzing for minutes: the properties of tests/test_fuzz.py over more and larger shapes.

Run from the repository root:  python bench/fuzz.py   (options: --seconds 300  --seed 0  --shapes eml,html)
Every input must give findings that point at their own text or one clean error line, within the hang guard
(10 s); parsed documents must also map every copied character back to the same character of the source.
Prints the 10 slowest inputs (time, size, shape) and every failure; each failing input is saved under
bench/results/fuzz/ to reproduce it. Exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisWarning  # noqa: E402

from outreach_lint import Linter  # noqa: E402
from outreach_lint.parsing import parse  # noqa: E402
from outreach_lint.source import SourceError, read_text  # noqa: E402
from tests.test_fuzz import (  # noqa: E402
    HANG_SECONDS,
    HEADER_NAMES,
    HEADER_PIECES,
    HTML_PIECES,
    LANGUAGES,
    MARKDOWN_PIECES,
    PROSE_PIECES,
    SUFFIXES,
    any_bytes,
    assert_sound,
    eml_bytes,
    eml_text,
    markdown,
    pieces,
    within_time_limit,
)

OUT = ROOT / "bench" / "results" / "fuzz"
SLOWEST = 10
FORMATS = ["text", "markdown", "html", "eml"]
EXTENSIONS = {"text": ".txt", "markdown": ".md", "html": ".html", "eml": ".eml"}
EML_HEAD = "From: Tom <tom@routely.example>\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: {ctype}; charset=utf-8\n\n"


class TimeUp(BaseException):
    """The shape's time slice is over (a BaseException: Hypothesis lets it through)."""


@dataclass(order=True)
class Timing:
    seconds: float
    size: int = field(compare=False)
    shape: str = field(compare=False)
    shown: str = field(compare=False)


@dataclass
class Failure:
    shape: str
    error: str
    shown: str
    size: int
    saved: Path


@dataclass
class Run:
    """What the run has seen so far: the slowest inputs, failures, and how many inputs each shape had."""

    slowest: list[Timing] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    until: float = 0.0  # when the current shape's time slice ends

    def timed(self, shape: str, data: str | bytes, call: Callable[[], object]) -> None:
        """Run one input under the hang guard; record its time, and the input itself if it fails."""
        if time.monotonic() >= self.until:
            raise TimeUp
        self.counts[shape] = self.counts.get(shape, 0) + 1
        start = time.perf_counter()
        try:
            within_time_limit(call)
        except BaseException as exc:
            self._failed(shape, data, exc)
            raise
        finally:
            timing = Timing(time.perf_counter() - start, len(data), shape, _shown(data))
            (heapq.heappush if len(self.slowest) < SLOWEST else heapq.heappushpop)(self.slowest, timing)

    def _failed(self, shape: str, data: str | bytes, exc: BaseException) -> None:
        error = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        if any(f.shape == shape and f.error == error for f in self.failures):
            return
        OUT.mkdir(parents=True, exist_ok=True)
        saved = OUT / f"{shape}-{len(self.failures) + 1}.{'bin' if isinstance(data, bytes) else 'txt'}"
        saved.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
        self.failures.append(Failure(shape, error, _shown(data), len(data), saved))


def _shown(data: str | bytes, limit: int = 70) -> str:
    text = repr(data)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- properties beyond the CI test ----------------------------------------------------------------------
def assert_mapped(text: str, fmt: str) -> None:
    """Every character the parser copied (a one-character source span) is that character of the source, or
    both are white space; every span lies inside the source."""
    try:
        document = parse(read_text(text, fmt=fmt))
    except SourceError:
        return
    for mapped in (document.subject, document.body, document.full_body):
        if mapped is None:
            continue
        for index, (char, start, end) in enumerate(zip(mapped.text, mapped.starts, mapped.ends, strict=True)):
            assert 0 <= start <= end <= len(text), f"{fmt}: character {index} maps to {start}..{end}"
            if end - start == 1 and text[start] != char:
                assert char.isspace() and text[start].isspace(), (
                    f"{fmt}: character {index} {char!r} maps to {text[start]!r} at {start}"
                )


# -- the shapes -----------------------------------------------------------------------------------------
ALL_PIECES = PROSE_PIECES + MARKDOWN_PIECES + HTML_PIECES + HEADER_PIECES


def repeated(piece: str, times: int, fmt: str) -> str:
    """One fragment repeated, inside a minimal message for e-mail (floods of markup, brackets, escapes...)."""
    body = "Hi Jana,\n" + piece * times
    if fmt == "eml":
        return EML_HEAD.format(ctype="text/html" if piece in HTML_PIECES else "text/plain") + body
    return body


htmlish_long = pieces(PROSE_PIECES + HTML_PIECES, max_size=400)


def header_flood(name: str, piece: str, times: int) -> str:
    """A message with one header made of a fragment repeated (the header parsers are quadratic in places)."""
    return f"{name}: {piece * times}\nFrom: tom@routely.example\nSubject: Hi\n\nHi Jana, are you free on Tuesday?\n"


def library(linter: Linter, run: Run, shape: str) -> Callable[[str, str | None, str], None]:
    def check(text: str, lang: str | None, fmt: str) -> None:
        def call() -> None:
            assert_sound(linter.lint(text, lang, fmt=fmt), text)
            assert_mapped(text, fmt)

        run.timed(shape, text, call)

    return check


def file_reader(linter: Linter, run: Run, shape: str, folder: Path) -> Callable[[bytes, str], None]:
    def check(data: bytes, suffix: str) -> None:
        path = folder / f"input{suffix}"
        path.write_bytes(data)

        def call() -> None:
            (report,) = linter.check_paths([str(path)]).files
            assert_sound(report)

        run.timed(shape, data, call)

    return check


def command_line(run: Run, folder: Path) -> Callable[[list[tuple[bytes, str]]], None]:
    def check(inputs: list[tuple[bytes, str]]) -> None:
        names = []
        for index, (data, suffix) in enumerate(inputs):
            names.append(f"cli-{index}{suffix}")
            (folder / names[-1]).write_bytes(data)

        def call() -> None:
            result = subprocess.run(
                [sys.executable, "-m", "outreach_lint", "check", "--format", "json", *names],
                cwd=folder,
                capture_output=True,
                timeout=120,
            )
            stderr = result.stderr.decode(errors="replace")
            assert result.returncode in (0, 1, 2) and "Traceback" not in stderr, stderr[-2000:]
            files = json.loads(result.stdout)["files"]
            assert sorted(f["path"] for f in files) == sorted(names)
            for item in files:
                error = item["error"]
                assert error is None or ("\n" not in error and not error.startswith("internal error")), error

        run.timed("cli", b"".join(data for data, _ in inputs), call)

    return check


def shapes(linter: Linter, run: Run, folder: Path) -> dict[str, tuple[float, Callable[[], Callable[[], None]]]]:
    """Shape name → (share of the time, a factory of Hypothesis tests over it)."""
    texts = st.one_of(st.text(max_size=2000), pieces(PROSE_PIECES, max_size=400))
    any_format = st.sampled_from(FORMATS)
    floods = st.builds(repeated, st.sampled_from(ALL_PIECES), st.integers(50, 20_000), any_format)
    header_floods = st.builds(
        header_flood, st.sampled_from(HEADER_NAMES), st.sampled_from(HEADER_PIECES), st.integers(10, 5_000)
    )
    surrogates = st.text(st.characters(codec=None, categories=None), max_size=500)
    table: dict[str, tuple[float, Callable[..., None], dict[str, st.SearchStrategy]]] = {
        "text": (1, library(linter, run, "text"), {"text": texts, "fmt": st.sampled_from(["text", "markdown"])}),
        "markdown": (1, library(linter, run, "markdown"), {"text": markdown, "fmt": st.just("markdown")}),
        "html": (1, library(linter, run, "html"), {"text": htmlish_long, "fmt": st.just("html")}),
        "eml": (3, library(linter, run, "eml"), {"text": eml_text(), "fmt": st.just("eml")}),
        "surrogates": (0.5, library(linter, run, "surrogates"), {"text": surrogates, "fmt": any_format}),
        "floods": (2, library(linter, run, "floods"), {"text": floods, "fmt": any_format}),
        "headers": (1, library(linter, run, "headers"), {"text": header_floods, "fmt": st.just("eml")}),
        "eml-file": (2, file_reader(linter, run, "eml-file", folder), {"data": eml_bytes, "suffix": st.just(".eml")}),
        "bytes-file": (1, file_reader(linter, run, "bytes-file", folder), {"data": any_bytes, "suffix": SUFFIXES}),
        "cli": (
            0.5,
            command_line(run, folder),
            {"inputs": st.lists(st.tuples(any_bytes, SUFFIXES), min_size=1, max_size=20)},
        ),
    }
    for _, _, strategies in table.values():
        if "fmt" in strategies:
            strategies["lang"] = LANGUAGES
    return {name: (share, _factory(check, strategies)) for name, (share, check, strategies) in table.items()}


def _factory(check: Callable[..., None], strategies: dict[str, st.SearchStrategy]) -> Callable[[], Callable[[], None]]:
    return lambda: given(**strategies)(check)


def fuzz(make_test: Callable[[], Callable[[], None]], base_seed: int) -> None:
    """Run fresh tests with fresh seeds until the time slice is over (a failure ends a seed's run, not the
    shape's)."""
    for number in itertools.count():
        configured = settings(
            max_examples=10**9,
            deadline=None,
            database=None,
            phases=(Phase.generate,),
            verbosity=Verbosity.quiet,
            suppress_health_check=list(HealthCheck),
        )(seed(base_seed + number)(make_test()))
        try:
            configured()
        except TimeUp:
            return
        except Exception:  # recorded by Run.timed; go on with the next seed
            continue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300, help="total running time (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="first Hypothesis seed (default 0)")
    parser.add_argument("--shapes", default="", help="comma-separated shapes to run (default: all)")
    args = parser.parse_args()
    warnings.simplefilter("ignore", HypothesisWarning)  # failing inputs are reported (and saved) here instead
    linter = Linter()
    linter.warm_up()
    run = Run()
    with tempfile.TemporaryDirectory(prefix="outreach-fuzz-") as name:
        table = shapes(linter, run, Path(name))
        chosen = [s for s in args.shapes.split(",") if s] or list(table)
        unknown = sorted(set(chosen) - set(table))
        if unknown:
            parser.error(f"unknown shapes {', '.join(unknown)} (known: {', '.join(table)})")
        total_share = sum(table[s][0] for s in chosen)
        started = time.monotonic()
        for shape in chosen:
            share, make_test = table[shape]
            run.until = time.monotonic() + args.seconds * share / total_share
            print(f"{shape:<11} {args.seconds * share / total_share:6.0f} s …", end="", flush=True)
            fuzz(make_test, args.seed)
            print(f" {run.counts.get(shape, 0):>7,} inputs")
    report(run, time.monotonic() - started)
    return 1 if run.failures else 0


def report(run: Run, elapsed: float) -> None:
    print(f"\n{sum(run.counts.values()):,} inputs in {elapsed:.0f} s; hang guard {HANG_SECONDS} s per input")
    print(f"\n{SLOWEST} slowest inputs:")
    print(f"{'seconds':>8}  {'size':>8}  {'shape':<11} input")
    for timing in sorted(run.slowest, reverse=True):
        print(f"{timing.seconds:8.3f}  {timing.size:8,}  {timing.shape:<11} {timing.shown}")
    if not run.failures:
        print("\nno failures")
        return
    print(f"\n{len(run.failures)} failure(s):")
    for failure in run.failures:
        print(f"- [{failure.shape}] {failure.error}")
        print(f"  input ({failure.size:,} characters or bytes): {failure.shown}")
        print(f"  saved: {failure.saved.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
