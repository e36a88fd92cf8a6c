"""Which files a run checks: directories expanded, excluded paths left out, per-file settings looked up."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .source import KNOWN_EXTENSIONS, SKIPPED_DIRECTORIES, describe_os_error

#: Files a template repository keeps beside its emails that are never emails (matched by name, any folder).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    "README*",
    "LIESMICH*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "NOTICE*",
    "AUTHORS*",
    "CHANGELOG*",
    "CHANGES*",
    "HISTORY*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "requirements*.txt",
    "constraints*.txt",
    "robots.txt",
    ".github/",
    "node_modules/",
    "site-packages/",
)


@dataclass(frozen=True, slots=True)
class PathFilter:
    """Glob patterns matched against a path relative to the project root (``/`` separated) or, for a
    pattern without ``/``, against any one of its parts; a trailing ``/`` matches a folder and all below."""

    patterns: tuple[str, ...]
    root: Path

    def matches(self, path: str | Path) -> bool:
        relative = relative_path(Path(path), self.root)
        return any(glob_matches(pattern, relative) for pattern in self.patterns)


def glob_matches(pattern: str, relative: PurePosixPath) -> bool:
    """Whether ``relative`` (a project-relative path) matches one exclude/override glob."""
    folder = pattern.endswith("/")
    pattern = pattern.strip("/")
    if not pattern:
        return False
    parts = relative.parts
    if "/" not in pattern:
        names = parts[:-1] if folder else parts
        return any(fnmatch.fnmatchcase(name, pattern) for name in names)
    text = relative.as_posix()
    if folder:
        return any(fnmatch.fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts)))
    return fnmatch.fnmatchcase(text, pattern) or (pattern.startswith("**/") and fnmatch.fnmatchcase(text, pattern[3:]))


def relative_path(path: Path, root: Path) -> PurePosixPath:
    absolute = Path(os.path.abspath(path))
    try:
        return PurePosixPath(absolute.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(absolute.as_posix().lstrip("/"))


def expand_paths(
    paths: Iterable[str], exclude: PathFilter | None = None, force_exclude: bool = False
) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand directories to the lintable files below them, leaving out excluded paths.

    A file named on the command line is checked even when excluded, unless ``force_exclude`` (pre-commit
    names every changed file). Returns (files, problems): problems are (path, message) pairs for paths that
    yield nothing or cannot be listed; the caller reports them as errors. Nothing is opened here, so a FIFO
    is listed like a file and rejected when it is read."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        try:
            info = os.stat(raw)
        except OSError as exc:
            problems.append((raw, describe_os_error(exc)))
            continue
        if not stat.S_ISDIR(info.st_mode):
            if not (force_exclude and exclude is not None and exclude.matches(raw)):
                files.append(raw)
            continue
        if force_exclude and exclude is not None and exclude.matches(raw):
            continue
        found, unreadable = _walk(Path(raw), exclude)
        problems.extend(unreadable)
        if not found and not unreadable:
            exts = ", ".join(sorted(KNOWN_EXTENSIONS))
            problems.append((raw, f"directory contains no lintable files ({exts})"))
        files.extend(found)
    return files, problems


def _walk(root: Path, exclude: PathFilter | None) -> tuple[list[str], list[tuple[str, str]]]:
    found: list[str] = []
    unreadable: list[tuple[str, str]] = []

    def report(error: OSError) -> None:
        unreadable.append((str(error.filename or root), describe_os_error(error)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=report):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if d not in SKIPPED_DIRECTORIES and not (exclude and exclude.matches(here / d / "x"))
        )
        for name in sorted(filenames):
            candidate = here / name
            if candidate.suffix.lower() in KNOWN_EXTENSIONS and not (exclude and exclude.matches(candidate)):
                found.append(str(candidate))
    return sorted(found), unreadable
