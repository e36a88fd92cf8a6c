"""Loading rule packs: TOML data only, validated, never executed."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import CATEGORIES, FixSafety, Severity
from .patterns import PatternError, check_syntax

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = ("phrase", "code")
LANGUAGES = ("en", "de", "*")


class RuleError(ValueError):
    """A rule file or rule definition that is not valid."""


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What every rule has, data or code: identity, explanation, rewrite and self-testing examples."""

    code: str
    slug: str
    category: str
    severity: Severity
    language: str
    message: str
    why: str
    rewrite: str
    examples_bad: tuple[str, ...]
    examples_good: tuple[str, ...]
    kind: str = "code"
    replacement: tuple[str, ...] | None = None
    fix: FixSafety = FixSafety.UNSAFE
    origin: str = "built-in"
    default_enabled: bool = True


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A phrase/pattern rule from a pack: metadata plus patterns, exceptions and replacements."""

    meta: RuleMeta
    patterns: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    swaps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sentence: bool = False


def _str(raw: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise RuleError(f"{where}: '{key}' must be a non-empty string")
    return value


def _str_list(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def parse_rule(raw: dict[str, Any], defaults: dict[str, Any], where: str) -> PhraseRule:
    """Validate one ``[[rules]]`` table."""
    merged = {**defaults, **raw}
    known = {
        "code",
        "slug",
        "category",
        "severity",
        "language",
        "message",
        "why",
        "rewrite",
        "examples",
        "patterns",
        "exceptions",
        "replacement",
        "swap",
        "fix",
        "sentence",
        "enabled",
    }
    unknown = set(raw) - known
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    code = _str(merged, "code", where)
    where = f"{where} ({code})"
    if not CODE.match(code):
        raise RuleError(f"{where}: code must look like AB123")
    slug = _str(merged, "slug", where)
    if not SLUG.match(slug):
        raise RuleError(f"{where}: slug must be lowercase words joined by '-'")
    category = _str(merged, "category", where)
    if category not in CATEGORIES:
        raise RuleError(f"{where}: unknown category {category!r}")
    language = _str(merged, "language", where)
    if language not in LANGUAGES:
        raise RuleError(f"{where}: language must be one of {LANGUAGES}")
    try:
        severity = Severity(_str(merged, "severity", where, "warning"))
        fix = FixSafety(_str(merged, "fix", where, "unsafe"))
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    examples = merged.get("examples", {})
    if not isinstance(examples, dict):
        raise RuleError(f"{where}: 'examples' must be a table with 'bad' and 'good'")
    bad, good = _str_list(examples, "bad", where), _str_list(examples, "good", where)
    if not bad or not good:
        raise RuleError(f"{where}: every rule needs at least one bad and one good example")
    swap_raw = merged.get("swap", {})
    if not isinstance(swap_raw, dict):
        raise RuleError(f"{where}: 'swap' must be a table of pattern = replacement")
    swaps = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in swap_raw.items()}
    patterns = _str_list(merged, "patterns", where) + tuple(swaps)
    if not patterns:
        raise RuleError(f"{where}: a phrase rule needs 'patterns' or 'swap'")
    for pattern in patterns + _str_list(merged, "exceptions", where):
        try:
            check_syntax(pattern)
        except PatternError as exc:
            raise RuleError(f"{where}: {exc}") from None
    replacement = merged.get("replacement")
    if replacement is not None:
        replacement = (replacement,) if isinstance(replacement, str) else tuple(replacement)
    meta = RuleMeta(
        code=code,
        slug=slug,
        category=category,
        severity=severity,
        language=language,
        message=_str(merged, "message", where),
        why=_str(merged, "why", where),
        rewrite=_str(merged, "rewrite", where),
        examples_bad=bad,
        examples_good=good,
        kind="phrase",
        replacement=replacement,
        fix=fix,
        origin=where.split(" (")[0],
        default_enabled=bool(merged.get("enabled", True)),
    )
    return PhraseRule(meta, patterns, _str_list(merged, "exceptions", where), swaps, bool(merged.get("sentence")))


def load_pack(path: Path) -> list[PhraseRule]:
    """Load one rule file: an optional ``[pack]`` table of defaults and ``[[rules]]``."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc.strerror}") from None
    defaults = data.get("pack", {})
    if not isinstance(defaults, dict):
        raise RuleError(f"{path}: [pack] must be a table")
    defaults = {k: v for k, v in defaults.items() if k in ("category", "severity", "language", "fix")}
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise RuleError(f"{path}: 'rules' must be an array of tables ([[rules]])")
    return [parse_rule(raw, defaults, f"{path.name}[{i}]") for i, raw in enumerate(rules)]


def builtin_rules_dir() -> Path:
    """Where the shipped packs live: inside the wheel, or the repository's rules/ when run from source."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("built-in rule packs not found (broken installation)")


def load_directory(directory: Path) -> list[PhraseRule]:
    rules: list[PhraseRule] = []
    for path in sorted(directory.rglob("*.toml")):
        rules.extend(load_pack(path))
    return rules
