"""Typed results: findings, suggestions, positions and reports (JSON contract version 2)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

JSON_VERSION = 2

CATEGORIES: tuple[str, ...] = (
    "spelling",
    "grammar",
    "generic-pitch",
    "research",
    "talking-down",
    "overpromise",
    "self-focus",
    "structure",
    "merge-field",
    "compliance",
)


class Severity(StrEnum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class FixSafety(StrEnum):
    """Whether a suggestion's replacement may be applied without reading it."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the source file: 1-based line and column, 0-based code-point offset."""

    line: int
    column: int
    offset: int

    def to_dict(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A rewrite: a replacement for the finding's span (or None), a description a rep can act on, and a
    generic example of such a rewrite (never part of the replacement)."""

    replacement: str | None
    description: str
    fix: FixSafety = FixSafety.NONE
    example: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "replacement": self.replacement,
            "description": self.description,
            "fix": self.fix.value,
            "example": self.example,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one email, located in the source file."""

    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    start: Position
    end: Position
    text: str
    suggestions: tuple[Suggestion, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start.to_dict(),
            "end": self.end.to_dict(),
            "text": self.text,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass(slots=True)
class FileReport:
    """Findings for one input (a file, stdin or a string), or the error that stopped it being read."""

    path: str
    language: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    source_text: str | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "language": self.language,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(slots=True)
class Report:
    """The result of one run over one or more inputs."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    @property
    def has_errors(self) -> bool:
        return any(file.error for file in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"version": JSON_VERSION, "files": [f.to_dict() for f in self.files]}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
